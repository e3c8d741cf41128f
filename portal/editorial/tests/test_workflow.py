"""The approval workflow: category editor, then the editor-in-chief, with e-mails at every step."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from portal.core import deadlines
from portal.editorial.selectors import AMBER, GREEN, RED, REVIEW_WORKING_DAYS, review_queue
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.planning.models import PlanRow

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()


def user(username: str):
    return User.objects.get(username=username)


def draft(parent_slug: str = "tin-tuc-su-kien", *, author="contributor", **fields) -> ArticlePage:
    owner = user(author)
    page = section(parent_slug).add_child(
        instance=ArticlePage(
            title=fields.pop("title", "Đoàn công tác Nhật Bản thăm Huế"),
            lead="Tóm tắt.",
            owner=owner,
            live=False,
            **fields,
        )
    )
    page.save_revision(user=owner)
    return page


def submit(page: Page, username: str = "contributor"):
    page.get_workflow().start(page, user(username))
    return page.current_workflow_state


def act(page: Page, username: str, action: str, comment: str = ""):
    page.refresh_from_db()
    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, user(username), action, comment=comment)


def mails_to(username: str) -> list:
    address = user(username).email
    return [message for message in mail.outbox if address in message.to]


def test_submitting_asks_the_category_editor_and_tells_the_author():
    page = draft()
    submit(page)
    review = mails_to("category_editor")
    assert len(review) == 1
    assert page.title in review[0].subject and "Đề nghị" in review[0].subject or "duyệt" in review[0].subject.lower()
    assert f"/admin/pages/{page.pk}/edit/" in review[0].body
    assert len(mails_to("contributor")) == 1
    assert mails_to("editor_in_chief") == []


def test_approval_with_comment_reaches_the_author_and_the_chief_is_asked_next():
    page = draft()
    submit(page)
    mail.outbox.clear()
    act(page, "category_editor", "approve", comment="Bổ sung nguồn ảnh giúp tôi.")
    author_mails = mails_to("contributor")
    assert any("Bổ sung nguồn ảnh giúp tôi." in message.body for message in author_mails)
    assert len(mails_to("editor_in_chief")) == 1
    page.refresh_from_db()
    assert page.current_workflow_state.current_task_state.task.name == "Trưởng Ban Biên tập phê duyệt"
    assert not page.live


def test_rejection_at_the_second_step_reaches_the_first_steps_reviewers_too():
    page = draft()
    submit(page)
    act(page, "category_editor", "approve")
    mail.outbox.clear()
    act(page, "editor_in_chief", "reject", comment="Cần kiểm tra lại số liệu.")
    for username in ("contributor", "category_editor"):
        received = mails_to(username)
        assert len(received) == 1, username
        assert "Cần kiểm tra lại số liệu." in received[0].body
    page.refresh_from_db()
    assert page.current_workflow_state.status == "needs_changes"
    assert not page.live


def test_final_approval_publishes_and_tells_the_author():
    page = draft()
    submit(page)
    act(page, "category_editor", "approve")
    mail.outbox.clear()
    act(page, "editor_in_chief", "approve")
    page.refresh_from_db()
    assert page.live
    assert any("xuất bản" in message.body.lower() for message in mails_to("contributor"))


def test_each_recipient_reads_the_mail_in_their_own_language():
    profile = UserProfile.get_for_user(user("category_editor"))
    profile.preferred_language = "en"
    profile.save()
    page = draft()
    submit(page)
    [english] = mails_to("category_editor")
    assert english.subject.startswith("Please review")
    [vietnamese] = mails_to("contributor")
    assert "Please" not in vietnamese.subject


def test_only_the_categorys_editor_or_the_chief_can_act():
    page = draft()
    submit(page)
    state = page.current_workflow_state.current_task_state.task.specific
    assert state.get_actions(page, user("contributor")) == []
    assert state.get_actions(page, user("editor_in_chief")) == []  # not the category step
    assert [name for name, *_ in state.get_actions(page, user("category_editor"))] == ["reject", "approve", "approve"]
    other_editor = User.objects.create_user("bientapkhac", email="khac@demo.invalid")
    other_editor.groups.add(*user("category_editor").groups.all())
    assert state.get_actions(page, other_editor) == []  # the category has its own named editor


def test_a_category_without_a_named_editor_falls_back_to_the_group():
    # This year's plan names nobody for row 12 (the inspection) any more: the category editors' group reviews.
    rows = PlanRow.objects.filter(plan__year=timezone.localdate().year, number="12")
    PlanRow.editors.through.objects.filter(planrow__in=rows).delete()
    page = draft("thanh-tra-ngoai-giao")
    submit(page)
    assert len(mails_to("category_editor")) == 1


def test_a_scheduled_item_goes_live_at_its_time():
    go_live = (timezone.now() + dt.timedelta(hours=2)).replace(microsecond=0)
    page = draft(go_live_at=go_live)
    page.save_revision(user=user("contributor"))
    submit(page)
    act(page, "category_editor", "approve")
    act(page, "editor_in_chief", "approve")
    page.refresh_from_db()
    assert not page.live
    assert page.latest_revision.approved_go_live_at == go_live
    # Two hours later, the scheduler's run of publish_scheduled publishes it.
    revision = page.latest_revision
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_review_queue_shows_holder_wait_and_light():
    page = draft()
    submit(page)
    [entry] = [entry for entry in review_queue() if entry.page.pk == page.pk]
    assert entry.task_name == "Phụ trách biên tập duyệt"
    assert [holder.username for holder in entry.holders] == ["category_editor"]
    assert entry.light == GREEN
    later = review_queue(now=timezone.now() + dt.timedelta(days=10))
    assert [e.light for e in later if e.page.pk == page.pk] == [RED]


@pytest.mark.parametrize(("waited", "light"), [(0.2, GREEN), (0.5, GREEN), (0.7, AMBER), (1.0, AMBER), (1.3, RED)])
def test_review_light_against_one_working_day(waited, light):
    monday = dt.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    clock = deadlines.Deadline(start=monday, days=REVIEW_WORKING_DAYS)
    assert clock.light(monday + dt.timedelta(days=waited)) == light


def test_a_review_submitted_on_saturday_starts_counting_on_monday_in_local_time():
    # Saturday 23:00 in Huế is 16:00 UTC: the wait is counted on the agency's calendar, not in UTC.
    saturday_night = dt.datetime(2026, 12, 5, 16, 0, tzinfo=dt.UTC)
    clock = deadlines.Deadline(start=saturday_night, days=REVIEW_WORKING_DAYS)
    monday_noon = dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC)
    assert clock.working_days_waited(monday_noon) == 0.5
    assert clock.light(monday_noon) == GREEN


def test_review_queue_page_and_edit_panel_show_who_holds_the_item(client):
    page = draft()
    submit(page)
    client.force_login(user("contributor"))
    queue = client.get("/admin/review-queue/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert page.title in html
    assert "Đỗ Thị Hạnh" in html  # the holder, named in Vietnamese order
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert 'data-review-light="green"' in edit.content.decode()


def test_dashboard_lists_items_waiting_for_review(client):
    page = draft(title="Tin chờ duyệt trên bảng điều khiển")
    submit(page)
    client.force_login(user("contributor"))
    html = client.get("/admin/").content.decode()
    assert "Tin chờ duyệt trên bảng điều khiển" in html
    assert 'data-review-light="green"' in html
