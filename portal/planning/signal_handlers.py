"""The plan dashboard's figures are worked out again after a change to the plan."""


def forget_dashboard_figures(sender, **kwargs) -> None:
    """A change to a plan (its rows, tasks, minimums, budget) or the anniversaries shows at once."""
    from .selectors import bump_planning_generation

    bump_planning_generation()


def _connect_plan_models() -> None:
    from django.db.models.signals import post_delete, post_save

    from . import models

    for model in (
        models.Plan,
        models.PlanRow,
        models.KeyTask,
        models.UnitMinimum,
        models.BudgetLine,
        models.Anniversary,
    ):
        for signal in (post_save, post_delete):
            signal.connect(forget_dashboard_figures, sender=model, dispatch_uid=f"planning-dashboard-{model.__name__}")


_connect_plan_models()
