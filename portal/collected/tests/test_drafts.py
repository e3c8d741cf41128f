import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import PageLogEntry

from portal.collected.models import FeedSource, InboxEntry
from portal.collected.services import DraftError, dismiss_entry, entry_to_draft, fetch_source
from portal.demo.collected import ensure_demo_sources
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(make_source):
    source = make_source("/rss", name="Báo Điện tử Chính phủ")
    fetch_source(source)
    return source.entries.get(title="Thủ tướng chủ trì hội nghị về ngoại giao kinh tế")


def test_a_draft_is_a_collected_item_naming_and_linking_its_source(entry, secretariat):
    page = entry_to_draft(entry=entry, user=secretariat)

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.title == "Thủ tướng chủ trì hội nghị về ngoại giao kinh tế"
    assert not page.live and page.has_unpublished_changes
    assert page.source_kind == ArticlePage.SOURCE_COLLECTED and page.is_collected
    assert page.source_name == "Báo Điện tử Chính phủ"
    assert page.source_url == entry.link
    assert page.owner == secretariat
    assert page.get_parent().specific == section("tin-tuc-su-kien")
    assert page.locale.language_code == "vi"
    assert page.lead == "Hội nghị bàn giải pháp thúc đẩy ngoại giao kinh tế & thu hút đầu tư."
    body = page.body[0].value.source
    assert "thu hút đầu tư" in body and "Nguồn:" in body
    assert f'<a href="{entry.link}">Báo Điện tử Chính phủ</a>' in body
    assert page.latest_revision is not None and page.latest_revision.user == secretariat
    assert PageLogEntry.objects.filter(page=page, action="wagtail.create", user=secretariat).exists()
    entry.refresh_from_db()
    assert entry.status == InboxEntry.STATUS_DRAFTED and entry.draft_id == page.pk


def test_a_second_draft_of_the_same_entry_is_the_first(entry, secretariat, editor):
    first = entry_to_draft(entry=entry, user=secretariat)
    count = ArticlePage.objects.count()

    again = entry_to_draft(entry=entry, user=editor)

    assert again.pk == first.pk and ArticlePage.objects.count() == count


def test_a_chosen_category_wins_over_the_default(entry, editor):
    page = entry_to_draft(entry=entry, user=editor, parent=section("chinh-sach-doi-ngoai"))

    assert page.get_parent().pk == section("chinh-sach-doi-ngoai").pk
    assert page.owner == editor


def test_a_user_who_cannot_add_items_is_refused(entry):
    accountant = StaffFactory(role=roles.ACCOUNTANT, unit=Unit.objects.get(code="van-phong"))

    with pytest.raises(PermissionDenied):
        entry_to_draft(entry=entry, user=accountant)
    entry.refresh_from_db()
    assert entry.status == InboxEntry.STATUS_NEW and entry.draft is None


def test_a_source_without_category_asks_for_one(entry, secretariat):
    FeedSource.objects.filter(pk=entry.source_id).update(default_category=None)
    entry.refresh_from_db()

    with pytest.raises(DraftError):
        entry_to_draft(entry=entry, user=secretariat)


def test_an_entry_without_summary_or_link_still_makes_a_valid_draft(make_source, secretariat):
    source = make_source("/rss")
    fetch_source(source)
    entry = source.entries.get(guid="hop-bao-thang-3")

    page = entry_to_draft(entry=entry, user=secretariat)

    assert page.lead == "Họp báo Chính phủ thường kỳ tháng 3"
    assert page.source_url == "https://baochinhphu.vn"  # the site, when the entry has no link
    assert source.name in page.body[0].value.source


def test_a_deleted_draft_can_be_made_again(entry, secretariat):
    first = entry_to_draft(entry=entry, user=secretariat)
    first.delete()
    entry.refresh_from_db()

    second = entry_to_draft(entry=entry, user=secretariat)

    assert second.pk != first.pk and ArticlePage.objects.filter(pk=second.pk).exists()


def test_dismiss_sets_a_new_entry_aside(entry):
    assert dismiss_entry(entry).status == InboxEntry.STATUS_DISMISSED


def test_demo_sources_and_entries_are_seeded_once(only_test_sources, secretariat):
    ensure_demo_sources()
    ensure_demo_sources()

    demo = FeedSource.objects.filter(
        feed_url__in=[
            "https://baochinhphu.vn/rss/thoi-su.rss",
            "https://thuathienhue.gov.vn/rss/tin-tuc-su-kien.rss",
            "https://mofa.gov.vn/rss/tin-hoat-dong.rss",
        ]
    )
    assert demo.count() == 3
    assert all(source.default_category is not None for source in demo)
    assert not any(source.active for source in demo)  # the demo fetches nothing from the Internet
    assert InboxEntry.objects.filter(source__in=demo, status=InboxEntry.STATUS_NEW).count() == 6
    assert secretariat.has_perms(["collected.add_feedsource", "collected.change_feedsource"])
