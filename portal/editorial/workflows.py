"""What happens when an item's approval workflow finishes (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Only a superuser may publish by hand (`permissions.PortalPagePermissionTester.can_publish`), so the
last approver's own publish rights cannot be what publishes the item: the approval itself is the
permission. Imported by wagtail.models at start-up: no model imports here.
"""


def publish_approved(workflow_state, user=None):
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
