"""Carrying an agency's item on the provincial portal, and withdrawing it.

A carry is a Wagtail alias of the agency's page in a category of the province's site: it shows the
same item (title, text, author, unit), follows every republication of the source, goes off the
site when the source is unpublished (Wagtail unpublishes aliases with their original) and comes
back when it is published again. The royalty handler pays nothing for an alias
(royalties/publishing.py), so royalties stay with the source; the public page's canonical link
names the source's address (news/article_page.html, `carried_from`).

Who may: the "carry" permission of the provincial portal (permissions.py), and Wagtail's own page
permissions at the destination (the "publish" permission there) or on the carry (deleting it).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page

from portal.core.publishing import public_change
from portal.core.tree import site_home_paths
from portal.news.models import ArticlePage, SectionPage
from portal.units.agencies import agency_of_page

from .permissions import can_carry
from .selectors import province_site


class CarryRefused(Exception):
    """Why a carry or a withdrawal cannot be done; the message is translated, for the user."""


def carry_destinations(user, source: Page) -> list[SectionPage]:
    """The province's categories, in the source's language, where `user` may publish an item."""
    province = province_site()
    if province is None:
        return []
    root = Page.objects.filter(path__in=site_home_paths(province), locale_id=source.locale_id).first()
    if root is None:
        return []
    categories = SectionPage.objects.live().descendant_of(root).order_by("-show_on_home", "path")
    return [
        category for category in categories if ArticlePage.can_create_at(category) and _may_publish_in(user, category)
    ]


def _may_publish_in(user, category: Page) -> bool:
    """Wagtail's page permissions at the destination: adding there, with the "publish" permission. Not
    `can_publish_subpage`, which the newsroom keeps to superusers (items go live through the approval
    workflow): a carry is already published, and the editor-in-chief holds "publish" for such decisions."""
    tester = category.permissions_for_user(user)
    return user.is_active and tester.can_add_subpage() and (user.is_superuser or "publish" in tester.permissions)


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    if slug not in taken:
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def item_carry(*, user, source: Page, destination: Page | None = None) -> Page:
    """Show the agency's published item `source` on the provincial portal, in `destination` (by
    default the first of `carry_destinations`): returns the carry. Atomic; refused with a reason."""
    if not can_carry(user):
        raise CarryRefused(_("You may not carry items to the provincial portal."))
    with transaction.atomic():
        source = Page.objects.select_for_update().filter(pk=source.pk).first()
        if source is None or not isinstance(source.specific, ArticlePage) or source.alias_of_id:
            raise CarryRefused(_("Only an agency's own item can be carried."))
        if not source.live:
            raise CarryRefused(_("Only a published item can be carried."))
        if not Page.objects.public().filter(pk=source.pk).exists():  # an alias would show it to everyone
            raise CarryRefused(_("Only an item open to everyone can be carried."))
        province = province_site()
        owner = agency_of_page(source)
        if province is None or owner is None or owner.site_id == province.pk:
            raise CarryRefused(_("Only another agency's item can be carried to the provincial portal."))
        allowed = carry_destinations(user, source)
        if destination is None:
            destination = allowed[0] if allowed else None
        if destination is None or destination.pk not in {category.pk for category in allowed}:
            raise CarryRefused(_("You may not publish in that category of the provincial portal."))
        roots = tuple(site_home_paths(province))
        if any(path.startswith(roots) for path in Page.objects.filter(alias_of=source).values_list("path", flat=True)):
            raise CarryRefused(_("This item is already on the provincial portal."))
        slug = _free_slug(destination, source.slug or slugify(source.title))
        # The checks above are the carry's (Wagtail's own would ask to edit the agency's page).
        alias = CreatePageAliasAction(source.specific, parent=destination, update_slug=slug, user=user).execute(
            skip_permission_checks=True
        )
        public_change(alias)  # the province's listings and home show it from the next request
    return alias


def carry_withdraw(*, user, carry: Page) -> None:
    """Take a carried item off the provincial portal (the agency's own item is untouched)."""
    if not can_carry(user):
        raise CarryRefused(_("You may not carry items to the provincial portal."))
    province = province_site()
    roots = tuple(site_home_paths(province)) if province else ()
    if not carry.alias_of_id or not roots or not carry.path.startswith(roots):
        raise CarryRefused(_("This page is not an item carried to the provincial portal."))
    if not carry.permissions_for_user(user).can_delete():
        raise CarryRefused(_("You may not withdraw this item from the provincial portal."))
    with transaction.atomic():
        DeletePageAction(carry, user=user).execute(skip_permission_checks=True)
