"""Least privilege: the whole matrix of roles by actions, allowed and refused."""

import pytest
from django.contrib.auth import get_user_model

from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.testing.factories import ArticleFactory
from portal.testing.shared import shared_data
from portal.units.models import Unit

from .test_workflow import act, draft, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom", "published_items")]
User = get_user_model()

ROLES = ["contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief", "accountant", "administrator"]
# action -> the roles allowed; every other role must be refused.
MATRIX = {
    "create": {"contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief", "administrator"},
    "edit_own": {"contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief", "administrator"},
    "edit_other": {"unit_head", "category_editor", "secretariat", "editor_in_chief", "administrator"},
    "approve_category_step": {"category_editor", "administrator"},
    "approve_final_step": {"editor_in_chief", "administrator"},
    "publish": {"administrator"},  # outside the workflow: the administrator only (the workflow publishes)
    "unpublish": {"editor_in_chief", "administrator"},
    "delete": {"editor_in_chief", "administrator"},
    "lock": {"category_editor", "secretariat", "editor_in_chief", "administrator"},
}


@pytest.fixture(scope="module")
def published_items(_newsroom_pks, django_db_blocker):
    """Published news of the Office, then of the International Cooperation Division (the unit head's unit),
    nobody's own: the newest, which the matrix reads, is of the unit head's unit. Made once for the module
    (portal/testing/shared.py), as the newsroom is."""
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            news = section("tin-tuc-su-kien")
            for code in ("van-phong", "hop-tac-quoc-te"):
                ArticleFactory(parent=news, unit=Unit.objects.get(code=code))
        yield


def _allowed(action: str, username: str) -> bool:
    user = User.objects.get(username=username)
    news = section("tin-tuc-su-kien")
    published = news.items().first()
    if action == "create":
        return news.permissions_for_user(user).can_add_subpage()
    if action == "edit_own":
        own = draft(author=username) if username != "accountant" else None
        return own is not None and own.permissions_for_user(user).can_edit()
    if action == "edit_other":
        return published.permissions_for_user(user).can_edit()
    if action in ("approve_category_step", "approve_final_step"):
        page = draft(title=f"Tin chờ duyệt của {username}")
        submit(page)
        if action == "approve_final_step":
            act(page, "category_editor", "approve")
            page.refresh_from_db()
        task_state = page.current_workflow_state.current_task_state
        return bool(task_state.task.specific.get_actions(page, user))
    permissions = published.permissions_for_user(user)
    return {
        "publish": permissions.can_publish,
        "unpublish": permissions.can_unpublish,
        "delete": permissions.can_delete,
        "lock": permissions.can_lock,
    }[action]()


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_role_matrix(action, username):
    expected = username in MATRIX[action]
    assert _allowed(action, username) is expected, f"{username} {'should' if expected else 'must not'} {action}"


@pytest.mark.parametrize(
    "username", ["contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief", "administrator"]
)
def test_everyone_with_page_rights_sees_the_audit_log(client, username):
    login_with_second_factor(client, User.objects.get(username=username))
    assert client.get("/admin/reports/site-history/").status_code == 200


def test_the_accountant_cannot_open_an_item_in_the_editor(client):
    client.force_login(User.objects.get(username="accountant"))
    item = ArticlePage.objects.live().first()
    response = client.get(f"/admin/pages/{item.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    messages = [str(message) for message in response.context["messages"]]
    assert any("không có quyền" in message.lower() for message in messages), messages


def test_a_unit_head_edits_the_items_of_their_unit_only(client):
    head = User.objects.get(username="unit_head")  # head of the International Cooperation Division
    own_unit = ArticlePage.objects.live().filter(unit=head.staff_profile.unit).first()
    other_unit = ArticlePage.objects.live().exclude(unit=head.staff_profile.unit).exclude(unit=None).first()
    login_with_second_factor(client, head)
    assert client.get(f"/admin/pages/{own_unit.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{other_unit.pk}/edit/", follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/"
    messages = [str(message) for message in refused.context["messages"]]
    assert any("không có quyền" in message.lower() for message in messages), messages
    # The secretariat is not held to a unit.
    login_with_second_factor(client, User.objects.get(username="secretariat"))
    assert client.get(f"/admin/pages/{other_unit.pk}/edit/").status_code == 200
