"""The base every public page type shares: folded search fields and social metadata."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester

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
    settings_panels = [*Page.settings_panels]  # one list every page type shares (use_newsroom_rules adds to it)
    # Wagtail's own until the newsroom gives its rules (use_newsroom_rules, from editorial's ready()):
    # core knows no other app.
    permission_tester_class = PagePermissionTester

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        # The newsroom's rules (unit scoping, publishing through the workflow) in Wagtail's own tester,
        # so every admin view, API action, bulk action and chooser obeys them.
        return self.permission_tester_class(user, self)

    def get_social_image(self):
        return self.social_image


def use_newsroom_rules(*, form_class, tester_class, settings_panel) -> None:
    """Every public page type edits with `form_class`, asks `tester_class` what a user may do, and shows
    `settings_panel` on its settings tab. Called once by the app that owns the rules, in its ready(),
    before Wagtail builds an edit form."""
    PortalPage.base_form_class = form_class
    PortalPage.permission_tester_class = tester_class
    if settings_panel not in PortalPage.settings_panels:
        PortalPage.settings_panels.append(settings_panel)  # in place: the page types share the list


class RoutesInTwoLanguages:
    """A routable page whose routes have a Vietnamese and an English path, named `name` and `name-en`
    (the Q&A's `gui-cau-hoi/` and `ask/`): a page links with its own language's, and both answer, so an
    address given out in the other language keeps working."""

    def own_route_name(self, name: str) -> str:
        """The name of route `name` (of either language: "ask" or "ask-en") in this page's language."""
        name = name.removesuffix("-en")
        return name if self.locale.language_code == "vi" else f"{name}-en"

    def own_route(self, name: str, *args, **kwargs) -> str:
        """The path of route `name` under the page, in the page's language."""
        return self.reverse_subpage(self.own_route_name(name), args=args or None, kwargs=kwargs or None)
