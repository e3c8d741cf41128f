"""The newsroom's rules on who may act on which item, as plain functions the permission tester,
the permission policy and the views share."""

from django.apps import apps
from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import policy_registry

# The page actions staff held to a unit hold on the items of their own unit only (the plan: units answer
# for their field). "add" stays tree-wide: anyone may write an item in any category.
UNIT_SCOPED_ACTIONS = frozenset({"change", "publish", "lock", "unlock", "bulk_delete"})

_SCOPE_CACHE = "_portal_unit_scope"
_UNIT_CACHE = "_portal_staff_unit"
_UNSCOPED = object()


def staff_unit_id(user):
    """The unit `user` works in (None when they have no staff profile or no unit), cached on the user
    object, which lives for one request."""
    if not hasattr(user, _UNIT_CACHE):
        from portal.accounts.models import StaffProfile

        unit_id = None
        if user.is_authenticated:
            unit_id = StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True).first()
        setattr(user, _UNIT_CACHE, unit_id)
    return getattr(user, _UNIT_CACHE)


def unit_scope(user):
    """The one rule on who is held to a unit: the unit `user` is held to (its id, or None when they have
    no unit), or `_UNSCOPED` for superusers and every role wider than the unit head's (category editor,
    secretariat, editor-in-chief), who review or run the whole site. Everyone else answers for their
    unit's field only (the plan: units supply their own content): contributors and unit heads, and
    staff whose roles give no page rights at all. Cached on the user object, like the unit."""
    cached = getattr(user, _SCOPE_CACHE, None)
    if cached is not None:
        return cached
    from portal.units.roles import CATEGORY_EDITOR, EDITOR_IN_CHIEF, SECRETARIAT, UNIT_HEAD, groups_in_any_agency

    scope = _UNSCOPED
    wider_roles = (CATEGORY_EDITOR, SECRETARIAT, EDITOR_IN_CHIEF)
    if user.is_active and not user.is_superuser:
        # Wagtail's page rights, which it has read (and cached on the user) for this request anyway: a
        # wider role's rights (lock, publish) settle it with no query; the groups are read for the others.
        policy = policy_registry.get_by_type(Page)
        codenames = {perm.permission.codename for perm in policy.get_cached_permissions_for_user(user)}
        wider_codenames = set().union(*(role.page_permissions for role in wider_roles))
        wider_codenames -= set(UNIT_HEAD.page_permissions)
        if not codenames & wider_codenames:
            # the wider roles' groups of any agency (a second agency's are named with its symbol)
            if not user.groups.filter(groups_in_any_agency(*wider_roles)).exists():
                scope = staff_unit_id(user)
    setattr(user, _SCOPE_CACHE, scope)
    return scope


def held_to_a_unit(user) -> bool:
    return unit_scope(user) is not _UNSCOPED


def page_unit_id(page: Page):
    """The unit an item belongs to (None for pages that name none)."""
    if "unit_id" not in page.__dict__ and type(page) is not page.specific_class:
        page = page.specific_deferred  # one query for the field, and only for users held to a unit
    return getattr(page, "unit_id", None)


def may_act_on_unit(user, page: Page) -> bool:
    """May `user` change, review, delete, move, copy or lock `page`, as far as units go? Whoever is held
    to a unit acts on the items of their own unit only (and on their own items); everyone else is not
    held to a unit. Whether the role allows the action at all is Wagtail's page permissions' business."""
    scope = unit_scope(user)
    if scope is _UNSCOPED or page.owner_id == user.pk:
        return True
    unit_id = page_unit_id(page)
    return unit_id is not None and unit_id == scope


def may_see(user, page: Page) -> bool:
    """May `user` see `page` in the admin at all, even its title? Everything public, and the drafts of
    their unit and their own (`other_units_drafts` says the same for listings)."""
    return page.live or may_act_on_unit(user, page)


def pages_of_unit(unit_id) -> Q:
    """A filter on Page for the items of `unit_id`, across every page type that names a unit."""
    from portal.units.models import Unit

    condition = Q(pk__in=[])
    if unit_id is None:
        return condition
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        field = next((f for f in model._meta.local_fields if f.name == "unit"), None)
        if field is not None and field.is_relation and field.related_model is Unit:
            condition |= Q(pk__in=model.objects.filter(unit_id=unit_id).values("pk"))
    return condition


def other_units_drafts(user) -> Q | None:
    """The pages someone held to a unit may not even see listed: another unit's drafts they did not
    write. None for everyone not held to a unit."""
    scope = unit_scope(user)
    if scope is _UNSCOPED:
        return None
    return Q(live=False) & ~Q(owner=user) & ~pages_of_unit(scope)
