"""The newsroom's approval workflow as data: category editor review, then the editor-in-chief."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from portal.units.roles import EDITOR_IN_CHIEF

from .models import CategoryEditorReviewTask

WORKFLOW_NAME = "Quy trình duyệt tin bài"
CATEGORY_TASK_NAME = "Phụ trách biên tập duyệt"
CHIEF_TASK_NAME = "Trưởng Ban Biên tập phê duyệt"


@transaction.atomic
def ensure_newsroom_workflow(*, site_roots: list[Page]) -> Workflow:
    """Create the two-step workflow and assign it to each language's site root. Idempotent."""
    category_task, _ = CategoryEditorReviewTask.objects.get_or_create(name=CATEGORY_TASK_NAME)
    chief_task = GroupApprovalTask.objects.filter(name=CHIEF_TASK_NAME).first()
    if chief_task is None:
        chief_task = GroupApprovalTask.objects.create(name=CHIEF_TASK_NAME)
        chief_task.groups.set([Group.objects.get(name=EDITOR_IN_CHIEF.group_name)])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=category_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=chief_task, sort_order=1)
    for root in site_roots:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def editing_refused_by_unit(user, page: Page) -> bool:
    """A unit head reviews the drafts of their own unit only (the plan: units answer for their
    field). Everyone with a wider role, and the item's owner, is not held to the unit."""
    from portal.accounts.models import StaffProfile
    from portal.units.roles import UNIT_HEAD

    if user.is_superuser or getattr(page, "owner_id", None) == user.pk:
        return False
    group_names = set(user.groups.values_list("name", flat=True))
    if group_names != {UNIT_HEAD.group_name}:
        return False
    unit_id = getattr(page.specific, "unit_id", None)
    own_unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
    return unit_id is None or unit_id != own_unit_id
