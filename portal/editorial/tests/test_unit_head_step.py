"""The unit head's approval step (the plan's row 2: the head of the unit that supplied an item reviews
it), as a pack installs it: the head of the item's unit approves; another unit's head and the author
do not, neither in the task's rules nor through the admin."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import TaskState, WorkflowPage

from portal.accounts.testing import login_with_second_factor
from portal.core.models import AgencySettings
from portal.news.tests.factories import section
from portal.packs.install import STEP_TASKS, Report, _workflow
from portal.testing.factories import role_group
from portal.units.models import Unit
from portal.units.roles import EDITOR_IN_CHIEF, UNIT_HEAD

from .test_queue_scope import staff
from .test_workflow import draft, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()

HEAD_STEP = STEP_TASKS["unit_head"][0]
OWN_UNIT = "hop-tac-quoc-te"  # the unit head heads it, the contributor writes for it


@pytest.fixture
def unit_head_workflow():
    """The news category reviewed first by the head of the item's unit, then by the editor-in-chief."""
    groups = {role: role_group(role) for role in (UNIT_HEAD, EDITOR_IN_CHIEF)}
    workflow = _workflow(
        ("unit_head", "editor_in_chief"), "Quy trình thử: trưởng đơn vị duyệt", groups, AgencySettings.load(), Report()
    )
    WorkflowPage.objects.update_or_create(page=section("tin-tuc-su-kien"), defaults={"workflow": workflow})
    return workflow


@pytest.fixture
def other_head():
    return staff("truongphong_lanh_su", UNIT_HEAD, "lanh-su")


def in_review(author: str):
    page = draft(author=author, title=f"Tin của {author} chờ trưởng đơn vị", unit=Unit.objects.get(code=OWN_UNIT))
    submit(page, author)
    page.refresh_from_db()
    state = page.current_workflow_state.current_task_state
    assert state.task.name == HEAD_STEP
    return page, state


def actions(page, state, person) -> list[str]:
    return [name for name, *_ in state.task.specific.get_actions(page, person)]


def moderates(state, person) -> bool:
    return state.task.specific.get_task_states_user_can_moderate(person).filter(pk=state.pk).exists()


def test_the_head_of_the_items_unit_approves_and_the_item_goes_on(client, unit_head_workflow, other_head):
    page, state = in_review("contributor")
    head = user("unit_head")
    assert actions(page, state, head) == ["reject", "approve", "approve"]
    assert moderates(state, head)
    login_with_second_factor(client, head)
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.current_workflow_state.current_task_state.task.name == STEP_TASKS["editor_in_chief"][0]
    assert not page.live


def test_another_units_head_may_not_approve(client, unit_head_workflow, other_head):
    page, state = in_review("contributor")
    assert actions(page, state, other_head) == []
    assert not moderates(state, other_head)
    login_with_second_factor(client, other_head)
    response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {}, follow=True)
    assert response.status_code in (403, 404) or response.redirect_chain[-1][0].rstrip("/") == "/admin"
    assert page.title not in response.content.decode()
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_the_author_never_approves_their_own_item_even_as_their_units_head(client, unit_head_workflow):
    page, state = in_review("unit_head")
    head = user("unit_head")
    assert actions(page, state, head) == []
    assert not moderates(state, head)
    login_with_second_factor(client, head)
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {})
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
