from wagtail.admin.panels import Panel


class CarriesPanel(Panel):
    """On an agency's item's edit page: where the provincial portal carries it (nothing when it does not)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "province/carries_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from django.db.models import Q

            from .selectors import carries_of

            self.carries = list(carries_of(Q(pk=self.instance.pk))) if self.instance.pk else []

        def is_shown(self):
            return bool(self.carries) and super().is_shown()

        def get_context_data(self, parent_context=None):
            return super().get_context_data(parent_context) | {"carries": self.carries}
