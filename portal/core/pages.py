"""The base every public page type shares: folded search fields and social metadata."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.editorial.forms import EMERGENCY_REASON, EmergencyReasonPanel, PortalPageForm

from .search_fields import folded_page_search_fields


class PortalPage(Page):
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = folded_page_search_fields(Page.search_fields)
    promote_panels = [*Page.promote_panels]
    settings_panels = [*Page.settings_panels, EmergencyReasonPanel(EMERGENCY_REASON)]
    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # The newsroom's rules (unit scoping, publishing through the workflow) in Wagtail's own tester,
        # so every admin view, API action, bulk action and chooser obeys them.
        from portal.editorial.permissions import PortalPagePermissionTester

        return PortalPagePermissionTester(user, self)

    def get_social_image(self):
        return self.social_image
