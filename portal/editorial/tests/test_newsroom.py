"""What the newsroom reads at each step: submitting is the editor's main button for whoever submits next;
an approval says which step was approved and who acts next (or that the item is published); the
dashboard's "awaiting your review" names the step that waits for the reader."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from portal.accounts.testing import login_with_second_factor
from portal.editorial.wagtail_hooks import approval_message

from .test_publishing import _edit_data
from .test_workflow import act, draft, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]


def _main_button(html: str) -> str:
    """The footer's main action: the first submit button of the action menu (the others are under its arrow)."""
    footer = BeautifulSoup(html, "html.parser").select_one("footer")
    return footer.select("button[type=submit]")[0].get("name", "")


def test_submitting_is_the_main_button_for_who_submits_next(client):
    page = draft(title="Tin chờ gửi duyệt")
    login_with_second_factor(client, user("contributor"))
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert _main_button(editor) == "action-submit"
    assert "Gửi tới Quy trình duyệt tin bài" in editor
    # a new item too
    add = client.get(f"/admin/pages/add/news/articlepage/{page.get_parent().pk}/").content.decode()
    assert _main_button(add) == "action-submit"

    # in review, the reviewer's main button is theirs to act with, not a submit
    submit(page)
    login_with_second_factor(client, user("category_editor"))
    assert _main_button(client.get(f"/admin/pages/{page.pk}/edit/").content.decode()) != "action-submit"


def _approve_in_the_editor(client, page, username):
    login_with_second_factor(client, user(username))
    data = _edit_data(client, page, **{"action-workflow-action": "true", "workflow-action-name": "approve"})
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_approval_says_which_step_and_who_is_next_then_that_it_is_published(client):
    page = draft(title="Tin được duyệt hai bước")
    submit(page)

    first = _messages(_approve_in_the_editor(client, page, "category_editor"))
    assert first == [
        "Đã duyệt bước “Phụ trách biên tập duyệt” của “Tin được duyệt hai bước”. "
        "Bước tiếp theo: Trưởng Ban Biên tập phê duyệt."
    ]

    final = _messages(_approve_in_the_editor(client, page, "editor_in_chief"))
    assert final == ["Đã duyệt và xuất bản “Tin được duyệt hai bước”."]
    page.refresh_from_db()
    assert page.live
    assert not any("Đã cập nhật trang" in message for message in first + final)


def test_a_request_for_changes_says_the_item_goes_back_to_its_author(client):
    page = draft(title="Tin cần sửa")
    submit(page)
    login_with_second_factor(client, user("category_editor"))
    data = _edit_data(client, page, **{"action-workflow-action": "true", "workflow-action-name": "reject"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert _messages(response) == [
        "Đã yêu cầu sửa ở bước “Phụ trách biên tập duyệt”: “Tin cần sửa” được trả lại tác giả."
    ]


def test_the_approval_messages_in_english():
    page = draft(title="Two-step item")
    state = submit(page)
    act(page, "category_editor", "approve")
    state.refresh_from_db()
    acted = state.task_states.get(status="approved")
    with translation.override("en"):
        assert approval_message(page, state, acted) == (
            "Approved the step “Phụ trách biên tập duyệt” of “Two-step item”. Next step: Trưởng Ban Biên tập phê duyệt."
        )
    act(page, "editor_in_chief", "approve")
    state.refresh_from_db()
    with translation.override("en"):
        assert approval_message(page, state, acted) == "Approved and published: “Two-step item”."


def _awaiting_steps(html: str) -> dict[str, str]:
    """The dashboard's "Đang chờ bạn duyệt" panel: item title -> what its step column shows."""
    panel = BeautifulSoup(html, "html.parser").select_one("#awaiting-review-section")
    assert panel is not None, "no 'awaiting your review' panel"
    assert "Đang chờ bạn duyệt" in panel.get_text()
    return {
        row.select_one("td.title").get_text(" ", strip=True): re.sub(
            r"\s+", " ", row.select_one("td.tasks").text
        ).strip()
        for row in panel.select("tbody tr")
    }


def test_awaiting_your_review_names_the_step_that_waits_for_the_reader(client):
    first = draft(title="Tin chờ biên tập viên")
    submit(first)
    second = draft(title="Tin chờ Trưởng ban")
    submit(second)
    act(second, "category_editor", "approve")

    login_with_second_factor(client, user("category_editor"))
    steps = _awaiting_steps(client.get("/admin/").content.decode())
    assert steps["Tin chờ biên tập viên"] == "Phụ trách biên tập duyệt"
    assert "Tin chờ Trưởng ban" not in steps

    login_with_second_factor(client, user("editor_in_chief"))
    steps = _awaiting_steps(client.get("/admin/").content.decode())
    assert steps["Tin chờ Trưởng ban"] == "Trưởng Ban Biên tập phê duyệt"
    assert "Đã phê duyệt" not in steps.values()


def test_wagtails_own_file_inputs_are_given_the_portals_words(client):
    """portal/js/admin-files.js names them, portal/js/filecheck.js draws the button (the browser test clicks it)."""
    login_with_second_factor(client, user("administrator"))
    soup = BeautifulSoup(client.get("/admin/documents/add/").content, "html.parser")
    assert soup.select_one("input[type=file][name=file]") is not None
    script = soup.select_one('script[src*="portal/js/admin-files"]')
    assert script["data-choose-label"] == "Chọn tệp" and script["data-none-label"] == "Chưa chọn tệp nào"
    assert soup.select_one('script[src*="portal/js/filecheck"]') is not None
