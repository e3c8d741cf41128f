from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import status

CHART_HEIGHT = 60
BAR = 10


class OperationsPanel(Component):
    """On the administrator's dashboard: the newest backup, the scheduler, failing jobs, server errors."""

    name = "operations_status"
    order = 10  # first: a missed backup or a stopped scheduler is what nobody else notices
    template_name = "operations/status_panel.html"

    def get_context_data(self, parent_context):
        days = status.incidents_per_day()
        peak = max([1, *(count for _, count in days)])
        bars = [
            {"day": day, "count": count, "x": 4 + n * (BAR + 4), "h": count * CHART_HEIGHT / peak}
            for n, (day, count) in enumerate(days)
        ]
        for bar in bars:
            bar["y"] = CHART_HEIGHT - bar["h"]
        return {
            "backup": status.backup_status(),
            "scheduler": status.scheduler_status(),
            "bars": bars,
            "chart": {"height": CHART_HEIGHT, "width": 4 + len(bars) * (BAR + 4), "bar": BAR, "peak": peak},
            "incidents_total": sum(count for _, count in days),
            "incidents_url": reverse("incidents:index"),
        }


@hooks.register("construct_homepage_panels")
def add_operations_panel(request, panels):
    if request.user.is_superuser:
        panels.append(OperationsPanel())
