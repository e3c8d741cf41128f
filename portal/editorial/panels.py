from wagtail.admin.panels import Panel


class ReviewStatusPanel(Panel):
    """On the item's edit page: who holds it, how long it has waited, and the deadline light."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "editorial/review_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import is_author
            from .selectors import queue_entry_for  # the selectors import page models

            context = super().get_context_data(parent_context)
            context["entry"] = queue_entry_for(self.instance) if self.instance.pk else None
            # authors never approve their own item: say so, rather than leave them looking for the button
            context["is_author"] = bool(context["entry"]) and is_author(self.instance, self.request.user)
            return context
