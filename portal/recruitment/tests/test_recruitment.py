"""Recruitment notices: open ones first, deadline and documents shown, dates checked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale

from portal.news.tests.factories import section
from portal.recruitment.models import RecruitmentIndexPage, RecruitmentNoticePage

pytestmark = pytest.mark.django_db


def index(language="vi"):
    return RecruitmentIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


def publish_notice(number: int, *, deadline_in: int) -> RecruitmentNoticePage:
    today = timezone.localdate()
    page = index().add_child(
        instance=RecruitmentNoticePage(
            title=f"Thông báo tuyển dụng thử nghiệm {number}",
            slug=f"tuyen-dung-thu-nghiem-{number}",
            positions="Chuyên viên",
            notice_date=today - dt.timedelta(days=40),
            deadline=today + dt.timedelta(days=deadline_in),
            summary="Tóm tắt.",
            requirements="<p>Yêu cầu.</p>",
            how_to_apply="<p>Nộp hồ sơ.</p>",
        )
    )
    page.save_revision().publish()
    return page


def test_the_category_lists_open_notices_first(client):
    assert index().url == "/tuyen-dung/" and section("tuyen-dung").pk == index().pk
    response = client.get(index().url)
    notices = list(response.context["notices"])
    assert [notice.is_open for notice in notices] == sorted((n.is_open for n in notices), reverse=True)
    assert notices[0].slug == "tuyen-dung-vien-chuc-bien-dich-tieng-han"
    html = response.content.decode()
    assert "Đang nhận hồ sơ" in html and "Đã hết hạn" in html


def test_a_notice_shows_posts_deadline_requirements_and_its_form(client):
    notice = RecruitmentNoticePage.objects.get(
        slug="tuyen-dung-vien-chuc-bien-dich-tieng-han", locale__language_code="vi"
    )
    html = client.get(notice.url).content.decode()
    for text in ("Biên dịch viên tiếng Hàn", notice.deadline.strftime("%d/%m/%Y"), "TOPIK", "Phiếu đăng ký dự tuyển"):
        assert text in html, text
    assert notice.files.first().document.url in html


def test_deadline_and_selection_dates_are_checked():
    with pytest.raises(ValidationError) as refusal:
        RecruitmentNoticePage(
            notice_date=dt.date(2024, 5, 10), deadline=dt.date(2024, 5, 1), selection_date=dt.date(2024, 4, 1)
        ).clean()
    assert set(refusal.value.message_dict) == {"deadline", "selection_date"}


def test_english_notice_feed_sitemap_and_search(client):
    assert client.get(index("en").url).context["notices"].paginator.count == 1
    assert "biên dịch viên tiếng Hàn" in client.get(index().url + "rss/").content.decode()
    notice = RecruitmentNoticePage.objects.get(
        slug="tuyen-dung-vien-chuc-bien-dich-tieng-han", locale__language_code="vi"
    )
    assert notice.url in client.get("/sitemap.xml").content.decode()
    results = client.get("/tim-kiem/", {"q": "topik"}).context["results"]
    assert notice.pk in [page.pk for page in results]


@pytest.mark.parametrize("extra", [0, 15])
def test_queries_do_not_grow(client, django_assert_max_num_queries, extra):
    for number in range(extra):
        publish_notice(number, deadline_in=number - 7)
    with django_assert_max_num_queries(30):
        assert client.get(index().url).status_code == 200
    notice = RecruitmentNoticePage.objects.filter(locale__language_code="vi").first()
    with django_assert_max_num_queries(30):
        assert client.get(notice.url).status_code == 200
