"""Recruitment notices: open ones first, deadline and documents shown, dates checked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale

from portal.news.tests.factories import section
from portal.recruitment.models import RecruitmentFile, RecruitmentIndexPage, RecruitmentNoticePage
from portal.testing.factories import TemplateDocumentFactory

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


@pytest.fixture
def korean() -> RecruitmentNoticePage:
    """An open notice for Korean translators, published today with its application form and an English
    version, and a closed notice published earlier."""
    publish_notice(99, deadline_in=-10)  # closed ten days ago
    today = timezone.localdate()
    notice = index().add_child(
        instance=RecruitmentNoticePage(
            title="Thông báo tuyển dụng viên chức: biên dịch viên tiếng Hàn",
            slug="tuyen-dung-thu-nghiem-bien-dich-tieng-han",
            positions="Biên dịch viên tiếng Hàn",
            number_of_posts=2,
            notice_date=today,
            deadline=today + dt.timedelta(days=22),
            summary="Tuyển dụng 2 viên chức biên dịch viên tiếng Hàn theo hình thức xét tuyển.",
            requirements="<ul><li>Có chứng chỉ TOPIK cấp 5 trở lên.</li></ul>",
            how_to_apply="<p>Nộp phiếu đăng ký dự tuyển theo mẫu.</p>",
            files=[RecruitmentFile(document=TemplateDocumentFactory(title="Phiếu đăng ký dự tuyển - tiếng Hàn"))],
        )
    )
    notice.save_revision().publish()
    english = notice.copy_for_translation(Locale.objects.get(language_code="en")).specific
    english.title, english.positions = "Recruitment notice: Korean translators", "Korean translator"
    english.save_revision().publish()
    return notice


def test_the_category_lists_open_notices_first(client, korean):
    assert index().url == "/tuyen-dung/" and section("tuyen-dung").pk == index().pk
    response = client.get(index().url)
    notices = list(response.context["notices"])
    assert [notice.is_open for notice in notices] == sorted((n.is_open for n in notices), reverse=True)
    assert notices[0].pk == korean.pk  # the newest open notice
    html = response.content.decode()
    assert "Đang nhận hồ sơ" in html and "Đã hết hạn" in html


def test_a_notice_shows_posts_deadline_requirements_and_its_form(client, korean):
    notice = korean
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


def test_english_notice_feed_sitemap_and_search(client, korean):
    english = client.get(index("en").url).context["notices"]
    translated = RecruitmentNoticePage.objects.live().filter(locale__language_code="en")
    assert english.paginator.count == translated.count()  # only the notices that have an English version
    assert korean.get_translation(Locale.objects.get(language_code="en")).pk in [n.pk for n in english]
    assert "biên dịch viên tiếng Hàn" in client.get(index().url + "rss/").content.decode()
    notice = korean
    assert notice.url in client.get("/sitemap.xml").content.decode()
    results = client.get("/tim-kiem/", {"q": "topik"}).context["results"]
    assert notice.pk in [page.pk for page in results]


@pytest.mark.parametrize("extra", [0, 15])
def test_queries_do_not_grow(client, django_assert_max_num_queries, korean, extra):
    for number in range(extra):
        publish_notice(number, deadline_in=number - 7)
    with django_assert_max_num_queries(30):
        assert client.get(index().url).status_code == 200
    notice = RecruitmentNoticePage.objects.filter(locale__language_code="vi").first()
    with django_assert_max_num_queries(30):
        assert client.get(notice.url).status_code == 200
