import logging

import pytest

from portal.collected.models import FeedSource, InboxEntry
from portal.collected.services import fetch_all_sources, fetch_source
from portal.collected.tasks import fetch_all_sources_task

from . import feeds

pytestmark = pytest.mark.django_db


def test_rss_entries_land_in_the_inbox_once(make_source):
    source = make_source("/rss")

    first = fetch_source(source)
    second = fetch_source(source)

    assert (first.ok, first.added) == (True, 3)
    assert (second.ok, second.added) == (True, 0)
    entries = {entry.title: entry for entry in source.entries.all()}
    assert set(entries) == {
        "Thủ tướng chủ trì hội nghị về ngoại giao kinh tế",
        "Đoàn công tác của tỉnh thăm và làm việc tại Lào",
        "Họp báo Chính phủ thường kỳ tháng 3",
    }
    summit = entries["Thủ tướng chủ trì hội nghị về ngoại giao kinh tế"]
    assert summit.summary == "Hội nghị bàn giải pháp thúc đẩy ngoại giao kinh tế & thu hút đầu tư."
    assert summit.link == "https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-ngoai-giao-kinh-te.htm"
    assert summit.published_at.isoformat() == "2026-03-16T01:30:00+00:00"
    assert summit.status == InboxEntry.STATUS_NEW
    assert entries["Đoàn công tác của tỉnh thăm và làm việc tại Lào"].published_at is None  # odd date format
    press = entries["Họp báo Chính phủ thường kỳ tháng 3"]  # no link, no date, no summary
    assert (press.guid, press.link, press.summary) == ("hop-bao-thang-3", "", "")
    source.refresh_from_db()
    assert source.last_fetched_at is not None and source.last_error == ""


def test_a_new_entry_in_the_feed_is_added_alone(make_source, feed_server):
    source = make_source("/growing")
    feed_server.routes["/growing"] = feeds.Route(feeds.RSS)
    fetch_source(source)
    feed_server.routes["/growing"] = feeds.Route(feeds.RSS_MORE)

    assert fetch_source(source).added == 1
    assert source.entries.count() == 4


def test_atom_entries(make_source):
    source = make_source("/atom", category="chinh-sach-doi-ngoai")

    assert fetch_source(source).added == 2
    spokesman = source.entries.get(guid="tag:mofa.gov.vn,2026:1001")
    assert spokesman.title == "Người Phát ngôn Bộ Ngoại giao trả lời phóng viên"
    assert spokesman.summary == "Về tình hình khu vực và quốc tế."
    assert spokesman.link == "https://mofa.gov.vn/tin-hoat-dong/nguoi-phat-ngon-tra-loi-phong-vien"
    assert spokesman.published_at.isoformat() == "2026-03-16T02:00:00+00:00"
    conference = source.entries.get(guid="tag:mofa.gov.vn,2026:1002")
    assert conference.summary == "Đánh giá công tác đối ngoại địa phương."  # from <content>
    assert conference.published_at is None


def test_scripts_and_javascript_links_are_removed(make_source):
    source = make_source("/hostile")

    assert fetch_source(source).added == 3
    first = source.entries.get(guid="hostile-1")
    assert "script" not in first.title and "alert" not in first.title
    assert first.title == "Tin nóng hôm nay"
    assert first.link == ""
    assert first.summary == "Nội dung độc hại"
    second = source.entries.get(link="https://example.org/bai-2")
    assert second.title == "Tiêu đề đậm"
    assert source.entries.get(link="https://example.org/bai-3").title == "Tin thứ ba"  # escaped twice
    assert not source.entries.filter(title__contains="<").exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/html", "well-formed"),
        ("/invalid", "well-formed"),
        ("/laughs", "well-formed"),
        ("/huge", "larger than"),
        ("/huge-unannounced", "larger than"),
        ("/slow", "No answer within 0.5 seconds"),
    ],
)
def test_broken_feeds_are_logged_recorded_and_skipped(make_source, caplog, english, path, message):
    source = make_source(path)

    with caplog.at_level(logging.WARNING, logger="portal.collected"):
        result = fetch_source(source)

    assert not result.ok and message in result.error
    assert source.entries.count() == 0
    source.refresh_from_db()
    assert message in source.last_error and source.last_fetched_at is None
    assert any(path in record.getMessage() and "skipped" in record.getMessage() for record in caplog.records)


def test_a_broken_source_does_not_stop_the_others(make_source):
    broken = [make_source(path) for path in ("/missing", "/html", "/invalid", "/huge", "/slow")]
    good = make_source("/rss", name="Báo Điện tử Chính phủ")

    results = fetch_all_sources()

    assert {result.source.pk for result in results} == {source.pk for source in [*broken, good]}
    assert good.entries.count() == 3
    assert all(FeedSource.objects.get(pk=source.pk).last_error for source in broken)
    assert FeedSource.objects.get(pk=good.pk).last_error == ""


def test_a_recovered_source_clears_its_error(make_source, feed_server):
    source = make_source("/flaky")
    feed_server.routes["/flaky"] = feeds.Route("oops", status=500)
    assert not fetch_source(source).ok
    feed_server.routes["/flaky"] = feeds.Route(feeds.RSS)

    assert fetch_source(source).ok
    source.refresh_from_db()
    assert source.last_error == "" and source.last_fetched_at is not None


def test_a_redirect_away_from_the_web_is_refused(make_source, feed_server, english):
    feed_server.routes["/to-ftp"] = feeds.Route("", status=302, content_type="text/plain")
    feed_server.routes["/to-ftp"].headers = {"Location": "ftp://127.0.0.1/feed.xml"}
    source = make_source("/to-ftp")

    result = fetch_source(source)

    assert "not http or https" in result.error


def test_a_redirect_to_a_feed_is_followed(make_source, feed_server):
    feed_server.routes["/moved"] = feeds.Route("", status=301, content_type="text/plain")
    feed_server.routes["/moved"].headers = {"Location": feed_server.url("/rss")}
    source = make_source("/moved")

    assert fetch_source(source).added == 3


def test_only_http_addresses_are_fetched(only_test_sources):
    source = FeedSource.objects.create(name="Tệp cục bộ", feed_url="file:///etc/passwd")

    result = fetch_source(source)

    assert not result.ok and source.entries.count() == 0


def test_the_periodic_task_fetches_every_active_source(make_source):
    source = make_source("/rss")

    result = fetch_all_sources_task.enqueue()

    assert result.return_value == [{"source": source.pk, "name": source.name, "added": 3, "error": ""}]
