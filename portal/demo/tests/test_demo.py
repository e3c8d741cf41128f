"""The demo: every role can sign in, running it twice loses nothing, production refuses it."""

from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from portal.accounts.services import requires_second_factor
from portal.accounts.testing import pass_second_factor
from portal.demo.accounts import DEMO_ACCOUNTS
from portal.demo.services import load_demo
from portal.news.models import ArticlePage
from portal.news.tests.factories import section

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

README = Path(__file__).resolve().parents[3] / "README.md"


def test_readme_lists_every_demo_account_with_its_password():
    readme = README.read_text(encoding="utf-8")
    for username, password, *_ in DEMO_ACCOUNTS:
        assert f"`{username} / {password}`" in readme


@pytest.mark.parametrize(("username", "password"), [(a[0], a[1]) for a in DEMO_ACCOUNTS])
def test_every_demo_account_signs_in_to_the_admin(client, django_user_model, username, password):
    # django-axes' backend needs the request it throttles.
    assert client.login(request=HttpRequest(), username=username, password=password)
    user = django_user_model.objects.get(username=username)
    if requires_second_factor(user):  # approvers enter their code, from the device the demo gave them
        pass_second_factor(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_loading_again_adds_nothing_and_keeps_edits():
    article = section("tin-tuc-su-kien").items().first()
    article.title = "Tiêu đề do biên tập viên sửa"
    article.save_revision().publish()
    pages_before = Page.objects.count()
    load_demo(report=lambda line: None)
    assert Page.objects.count() == pages_before
    assert ArticlePage.objects.get(pk=article.pk).title == "Tiêu đề do biên tập viên sửa"
    assert authenticate(RequestFactory().post("/"), username="quantri", password="Demo@QT2026") is not None


@override_settings(DEBUG=False, DEMO_ALLOWED=False)
def test_demo_refuses_to_run_in_production():
    with pytest.raises(CommandError, match="development only"):
        call_command("load_demo")


def test_the_demo_shows_the_boards_meetings_course_and_report_words(client, django_user_model):
    from django.urls import reverse
    from django.utils import timezone

    from portal.accounts.testing import login_with_second_factor
    from portal.board.models import Meeting, TrainingCourse
    from portal.planning.models import ReportNarrative

    year = timezone.localdate().year
    login_with_second_factor(client, django_user_model.objects.get(username="thuongtruc"))
    listing = client.get(reverse("board_meetings:index")).content.decode()
    assert "Họp Ban Biên tập đánh giá kết quả quý trước" in listing
    assert "Họp Ban Biên tập định kỳ" in listing
    held = Meeting.objects.get(title="Họp Ban Biên tập đánh giá kết quả quý trước", plan__year=year)
    assert held.attendees.count() == 3 and held.agenda_items.count() == 2
    minutes = client.get(reverse("board_minutes", args=[held.pk, "docx"]))
    assert minutes.status_code == 200 and minutes["Content-Type"].startswith("application/vnd.openxml")
    course = TrainingCourse.objects.get(plan__year=year)
    assert [(p.person.username, p.attended) for p in course.participants.all()] == [
        ("congtacvien", True),
        ("truongphong", True),
        ("bientap", False),
    ]
    narrative = ReportNarrative.objects.get(plan__year=year, quarter=(timezone.localdate().month - 1) // 3)
    assert narrative.signer_name == "Hoàng Đức Anh" and "ĐỀ XUẤT, KIẾN NGHỊ" in narrative.closing
