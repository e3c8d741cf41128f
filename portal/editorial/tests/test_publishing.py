"""Four eyes on every item: authors never approve their own item at any step; nothing is published
outside the approval workflow but by the administrator in an emergency, with a reason in the audit
log; Wagtail's default groups and workflow are gone."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.blocks.base import BlockField
from wagtail.models import GroupApprovalTask, PageLogEntry, Task, Workflow, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.accounts.testing import login_with_second_factor
from portal.editorial.wagtail_hooks import EMERGENCY_PUBLISH

from .test_workflow import act, draft, submit, user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()
STAFF_ROLES = ["contributor", "unit_head", "category_editor", "secretariat", "editor_in_chief"]


def _task_state(page):
    page.refresh_from_db()
    return page.current_workflow_state.current_task_state


def test_an_author_never_approves_their_own_item_at_any_step(client):
    # step 1: the category editor wrote the item
    own = draft(author="category_editor", title="Tin do biên tập viên tự viết")
    submit(own, "category_editor")
    state = _task_state(own)
    task = state.task.specific
    assert task.get_actions(own, user("category_editor")) == []
    assert task.get_actions(own, user("administrator"))  # someone else still can
    assert not task.get_task_states_user_can_moderate(user("category_editor")).filter(pk=state.pk).exists()
    login_with_second_factor(client, user("category_editor"))
    client.post(f"/admin/pages/workflow/action/{own.pk}/approve/{state.pk}/", {"comment": ""})
    assert _task_state(own).pk == state.pk and _task_state(own).status == "in_progress"

    # step 2: the editor-in-chief wrote the item; the category editor approved step 1
    chiefs = draft(author="editor_in_chief", title="Tin do Trưởng ban tự viết")
    submit(chiefs, "editor_in_chief")
    act(chiefs, "category_editor", "approve")
    state = _task_state(chiefs)
    assert state.task.name == "Trưởng Ban Biên tập phê duyệt"
    task = state.task.specific
    assert task.get_actions(chiefs, user("editor_in_chief")) == []
    assert not task.get_task_states_user_can_moderate(user("editor_in_chief")).filter(pk=state.pk).exists()
    login_with_second_factor(client, user("editor_in_chief"))
    client.post(f"/admin/pages/workflow/action/{chiefs.pk}/approve/{state.pk}/", {"comment": ""})
    chiefs.refresh_from_db()
    assert not chiefs.live and _task_state(chiefs).pk == state.pk
    editor = client.get(f"/admin/pages/{chiefs.pk}/edit/").content.decode()
    assert "Bạn là tác giả của tin bài này: người khác duyệt tin bài ở mọi bước." in editor

    # an item by someone else: the chief approves it, and the workflow publishes it
    other = draft(title="Tin của cộng tác viên")
    submit(other)
    act(other, "category_editor", "approve")
    assert _task_state(other).task.specific.get_actions(other, user("editor_in_chief"))
    act(other, "editor_in_chief", "approve")
    other.refresh_from_db()
    assert other.live


def _edit_data(client, page, **overrides) -> dict:
    """The editor's form for `page` as it stands, as POST data."""
    form = client.get(f"/admin/pages/{page.pk}/edit/").context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):
            data.update(nested_form_data({name: streamfield([])}))
        elif value is None or value is False:
            continue
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    for name in form.formsets:
        data.update(nested_form_data({name: inline_formset([])}))
    return {**data, **overrides}


def test_nobody_but_the_administrator_publishes_outside_the_workflow(client):
    page = draft(title="Tin chưa qua quy trình")
    for username in STAFF_ROLES:
        assert not page.permissions_for_user(user(username)).can_publish(), username
    assert page.permissions_for_user(user("administrator")).can_publish()

    login_with_second_factor(client, user("editor_in_chief"))
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in editor
    client.post(f"/admin/pages/{page.pk}/edit/", _edit_data(client, page, **{"action-publish": "action-publish"}))
    api = client.post(f"/admin/api/main/pages/{page.pk}/action/publish/", {}, content_type="application/json")
    assert api.status_code in (403, 404)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}&next=/admin/", {})
    page.refresh_from_db()
    assert not page.live
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_the_administrator_publishes_in_an_emergency_with_a_reason_in_the_audit_log(client):
    page = draft(title="Thông báo khẩn về bão")
    login_with_second_factor(client, user("editor_in_chief"))
    assert "lý do xuất bản ngoài quy trình duyệt" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    login_with_second_factor(client, user("administrator"))
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "lý do xuất bản ngoài quy trình duyệt" in editor.lower()
    publish = {"action-publish": "action-publish"}
    refused = client.post(f"/admin/pages/{page.pk}/edit/", _edit_data(client, page, **publish))
    assert refused.status_code == 200
    assert "Hãy nêu lý do xuất bản tin bài này ngoài quy trình duyệt" in refused.content.decode()
    page.refresh_from_db()
    assert not page.live

    reason = "Bão số 5 đổ bộ, cần thông báo ngay trong đêm"
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", _edit_data(client, page, emergency_reason=reason, **publish)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(page=page, action=EMERGENCY_PUBLISH)
    assert entry.user == user("administrator") and entry.data["reason"] == reason
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert f"Xuất bản ngoài quy trình duyệt: {reason}" in history

    # no publishing in bulk or through the admin API (they would skip the reason), not even for the administrator
    other = draft(title="Tin chờ xuất bản hàng loạt")
    api = client.post(f"/admin/api/main/pages/{other.pk}/action/publish/", {}, content_type="application/json")
    assert api.status_code == 404
    refused = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={other.pk}&next=/admin/", {}, follow=True)
    other.refresh_from_db()
    assert not other.live
    messages = [str(message) for message in refused.context["messages"]]
    assert any("Tin bài được xuất bản qua quy trình duyệt." in message for message in messages), messages


def test_wagtails_default_groups_and_workflow_are_gone(client):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()

    login_with_second_factor(client, user("administrator"))
    groups = client.get("/admin/groups/").content.decode()
    assert "Trưởng Ban Biên tập" in groups and "Moderators" not in groups and "Editors" not in groups
    workflows = client.get("/admin/workflows/list/").content.decode()
    assert "Quy trình duyệt tin bài" in workflows and "Moderators approval" not in workflows


def test_the_migration_removes_the_defaults_nobody_uses_and_leaves_members_to_setup_portal():
    from django.apps import apps

    migration = importlib.import_module("portal.units.migrations.0003_remove_wagtail_defaults")
    Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    user("contributor").groups.add(moderators)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    workflow = Workflow.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    migration.remove_unused_defaults(apps, None)

    assert list(Group.objects.filter(name__in=["Moderators", "Editors"]).values_list("name", flat=True)) == [
        "Moderators"
    ]
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
