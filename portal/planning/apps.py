from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "portal.planning"
    label = "planning"
    verbose_name = _("Annual plan")

    def ready(self) -> None:
        from wagtail.models import get_page_models

        from portal.accounts.services import register_approver_test
        from portal.operations.scheduler import register_job, shares_cache

        # Imported for their receivers and their handler of publishing (portal.core.publishing).
        from . import publishing, selectors, signal_handlers  # noqa: F401
        from .registry import register_item_type, register_quantity

        # Each page type says itself whether it is an item of the plan (its `plan_item`: the date its
        # deadline rule counts from, its unit) and whether its categories are measured otherwise than
        # by their items (its `plan_quantity`): the plan names no other app's page types.
        for model in get_page_models():
            if (declared := model.__dict__.get("plan_item")) is not None:
                register_item_type(model, **declared)
            if "plan_quantity" in model.__dict__:
                register_quantity(model, model.plan_quantity)

        # Whoever the plan makes a reviewer approves items, and so passes a second factor like any approver.
        register_approver_test(selectors.named_as_reviewer)

        # The plan's daily reminders, sent once a day at the time the secretariat set (or not at all).
        register_job("plan_reminders", 60, "send_plan_reminders", label=_("the plan's daily reminders"), order=40)
        # The board's dashboard worked out within a minute of a publication, before anyone opens it
        # (only where the cache is shared: in each process's own memory, the web servers would never see it).
        register_job(
            "warm_dashboard",
            60,
            _warm_dashboards,
            label=_("working out the plan dashboard"),
            order=120,
            when=shares_cache,
        )


def _warm_dashboards() -> None:
    from .views import warm_dashboards  # when the job runs: the views import the reports' libraries

    warm_dashboards()
