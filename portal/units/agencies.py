"""The agencies of the installation; whose agency a page or a member of staff is; the admin's rule that
staff see only their agency's records.

`all_agencies` and `agency_of_page` are the one way to list the agencies and to find a page's: the
plan's jobs, the province's board and carries, the newsroom's rules all ask them.

One installation may serve several agencies (issue 22). A unit, a plan, a royalty schedule belong to
one (`core.AgencyOwned`); a person works for the agency of their unit. The rule is decided where
Wagtail decides: `AgencyPermissionPolicy` is the permission policy of each agency-owned model, and
`AgencyScopedViewSet` makes every view of a model's viewset (listing, chooser, edit, delete, history,
usage, inspect, copy) ask it, so another agency's record is a 404 as if it did not exist.
"""

from __future__ import annotations

from functools import cache, wraps

from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from portal.core.history import InstanceScopedPolicy
from portal.core.models import AgencySettings, default_site
from portal.core.tree import site_home_paths


def all_agencies() -> list[AgencySettings]:
    """Every agency of the installation, one per site, the default site's first, then in the order the
    sites were made; each with its site and the site's root page: two queries, whatever their number."""
    sites = list(Site.objects.select_related("root_page").order_by("-is_default_site", "pk"))
    found = {agency.site_id: agency for agency in AgencySettings.objects.filter(site__in=sites)}
    agencies = []
    for site in sites:
        agency = found.get(site.pk) or AgencySettings.for_site(site)  # a site set up without its settings row
        agency.site = site
        agencies.append(agency)
    return agencies


class UnknownAgency(LookupError):
    """No agency has the code asked for; the message (translated) lists the codes there are."""


def agency_by_code(code: str) -> AgencySettings:
    """The agency a command's `--agency CODE` names (plan_report, the royalty commands)."""
    agency = AgencySettings.objects.select_related("site").exclude(code="").filter(code=code).first()
    if agency is None:
        codes = ", ".join(AgencySettings.objects.exclude(code="").order_by("code").values_list("code", flat=True))
        raise UnknownAgency(
            _("No agency has the code “%(code)s” (the agencies: %(codes)s).") % {"code": code, "codes": codes or "—"}
        )
    return agency


def site_id_of_page(page: Page) -> int | None:
    """The site whose home (in any language) is above `page`, from Wagtail's site root paths (kept in
    the cache: no query); None for a page outside every site (Wagtail's root)."""
    found = [root for root in Site.get_site_root_paths() if page.url_path.startswith(root.root_path)]
    return max(found, key=lambda root: len(root.root_path)).site_id if found else None


def agency_of_page(page: Page, among: list[AgencySettings] | None = None) -> AgencySettings | None:
    """The agency whose site holds `page` (in either language); a page outside every site is the default
    site's agency's (as a record of no agency is); None only where there is no site at all. One query,
    none when `among` (`all_agencies()`, for a list of pages) holds it."""
    site_id = site_id_of_page(page)
    if site_id is None:
        site = default_site()
        site_id = site.pk if site else None
    if site_id is None:
        return None
    for agency in among or ():
        if agency.site_id == site_id:
            return agency
    agency = AgencySettings.objects.select_related("site").filter(site_id=site_id).first()
    return agency or AgencySettings.for_site(Site.objects.get(pk=site_id))


def sees_every_agency(user) -> bool:
    """Superusers run the installation: every agency's records are theirs to see."""
    return bool(user.is_active and user.is_superuser)


def _agency_of_groups(user) -> AgencySettings | None:
    from .models import AgencyGroup

    link = AgencyGroup.objects.filter(group__user=user).select_related("agency__site").order_by("agency_id").first()
    return link.agency if link else None


def agency_of(user) -> AgencySettings | None:
    """The agency `user` works for: their unit's; without a unit, the agency whose role groups they are
    in; else the default site's (an installation of one agency: everyone's). None for a superuser
    (installation-wide, `sees_every_agency`) and for anyone not signed in."""
    if not getattr(user, "is_authenticated", False) or sees_every_agency(user):
        return None
    if not hasattr(user, "_portal_agency"):
        from .models import Unit

        unit = Unit.objects.filter(staff__user=user).select_related("agency").first()
        agency = unit.agency if unit else _agency_of_groups(user)
        if agency is None:
            site = default_site()
            agency = AgencySettings.for_site(site) if site else None
        user._portal_agency = agency
    return user._portal_agency


def users_of(agency: AgencySettings) -> QuerySet:
    """The accounts `agency_of` gives `agency` (superusers are every agency's, and none's in particular)."""
    User = get_user_model()
    no_unit = Q(staff_profile__unit__isnull=True)
    if agency.site.is_default_site:
        in_others = User.objects.filter(groups__agency_link__isnull=False).exclude(groups__agency_link__agency=agency)
        by_groups = no_unit & ~Q(pk__in=in_others.values("pk"))
    else:
        by_groups = no_unit & Q(pk__in=User.objects.filter(groups__agency_link__agency=agency).values("pk"))
    return User.objects.filter(Q(staff_profile__unit__agency=agency) | by_groups).exclude(is_superuser=True)


class AgencyPermissionPolicy(InstanceScopedPolicy):
    """Wagtail's model permissions, on the records of the user's own agency only: the listing, the
    chooser, every view of one record and its site history ask this."""

    def __init__(self, model, *, agency_lookup: str = "agency"):
        super().__init__(model)
        self.agency_lookup = agency_lookup  # the path from the model to its AgencySettings

    def sees_every_instance(self, user) -> bool:
        return sees_every_agency(user)

    def visible_instances(self, user) -> QuerySet:
        objects = self.model._default_manager.all()
        if sees_every_agency(user):
            return objects
        agency = agency_of(user)
        return objects.filter(**{self.agency_lookup: agency}) if agency else objects.none()

    def in_users_agency(self, user, instance: Model) -> bool:
        if sees_every_agency(user):
            return True
        if instance.pk is None:  # a record being added is made in the user's agency
            return True
        return self.visible_instances(user).filter(pk=instance.pk).exists()

    def agency_id_of(self, instance) -> int | None:
        """The agency of `instance`, followed along `agency_lookup` (what its log entries record)."""
        *path, last = self.agency_lookup.split("__")
        owner = instance
        for name in path:
            owner = getattr(owner, name, None)  # None also for a missing one-to-one (a group of no agency)
        return getattr(owner, f"{last}_id", None)

    def users_agency_id(self, user) -> int | None:
        agency = agency_of(user)
        return agency.pk if agency else None

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.in_users_agency(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_users_agency(user, instance)


class UserAgencyPermissionPolicy(AgencyPermissionPolicy):
    """Accounts belong to an agency through `agency_of` (their unit, else their role groups)."""

    def visible_instances(self, user) -> QuerySet:
        if sees_every_agency(user):
            return self.model._default_manager.all()
        agency = agency_of(user)
        return users_of(agency) if agency else self.model._default_manager.none()

    def agency_id_of(self, instance) -> int | None:
        agency = agency_of(instance)
        return agency.pk if agency else None


def _agency_policy(model) -> AgencyPermissionPolicy | None:
    if model is None:
        return None
    policy = policy_registry.get_by_type(model, fallback=False)
    return policy if isinstance(policy, AgencyPermissionPolicy) else None


def readers_units(request) -> QuerySet:
    """The units a listing's filter offers its reader (django-filter calls it with the request): their
    agency's, every agency's for a superuser, as the units' permission policy decides; none without a request."""
    from .models import Unit

    if request is None:
        return Unit.objects.none()
    return policy_registry.get_by_type(Unit).visible_instances(request.user)


def _refuse_another_agencys(policy: AgencyPermissionPolicy | None, user, pk) -> None:
    """404 for the record `pk` names when it is not one of the user's agency (nor exists)."""
    if policy is None or pk is None or policy.sees_every_instance(user):
        return
    try:
        visible = policy.visible_instances(user).filter(pk=unquote(str(pk))).exists()
    except (ValueError, ValidationError):  # not a key of this model at all
        visible = False
    if not visible:
        raise Http404


def narrow_choices(form, user) -> None:
    """Keep the form's choices of agency-owned records (a unit's head, a plan's units and editors, a
    schedule's administrator) to the user's agency, in its inline forms too (and in the blank one a
    new row is made from): another agency's are neither offered nor accepted."""
    if sees_every_agency(user):
        return
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        policy = _agency_policy(getattr(queryset, "model", None))
        if policy is not None:
            field.queryset = queryset.filter(pk__in=policy.visible_instances(user).values("pk"))
    for formset in getattr(form, "formsets", {}).values():
        for each in formset.forms:
            narrow_choices(each, user)
        formset.form = _narrowing(formset.form, user)  # the blank form of "add a row"


def _narrowing(form_class, user):
    if getattr(form_class, "narrowed_for", None) is user:
        return form_class

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        narrow_choices(self, user)

    return type(form_class.__name__, (form_class,), {"__init__": __init__, "narrowed_for": user})


class AgencyScopedView:
    """Mixed into each view of an `AgencyScopedViewSet`: the record a URL names must be one the
    model's policy lets the user see (else 404, as for a record that does not exist); listings and
    choosers list only those; forms offer only the agency's records to choose."""

    def _policy(self) -> AgencyPermissionPolicy | None:
        return _agency_policy(getattr(self, "model", None) or getattr(self, "model_class", None))

    def dispatch(self, request, *args, **kwargs):
        _refuse_another_agencys(self._policy(), request.user, kwargs.get("pk"))
        return super().dispatch(request, *args, **kwargs)

    def _scoped(self, objects):
        policy = self._policy()
        if policy is None or not isinstance(objects, QuerySet) or not issubclass(objects.model, policy.model):
            return objects
        if policy.sees_every_instance(self.request.user):
            return objects
        return objects.filter(pk__in=policy.visible_instances(self.request.user).values("pk"))

    def get_base_queryset(self):
        return self._scoped(super().get_base_queryset())

    def get_object_list(self, *args, **kwargs):
        return self._scoped(super().get_object_list(*args, **kwargs))

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        narrow_choices(form, self.request.user)
        instance = getattr(form, "instance", None)
        agency = agency_of(self.request.user)
        # A record added by an agency's staff is their agency's (the field's default is the default site's).
        if agency is not None and instance is not None and instance.pk is None and hasattr(instance, "agency_id"):
            instance.agency = agency
        return form


def of_users_agency(model, view):
    """`view` (a function view that takes the `pk` of a `model` record) answering 404 on a record of
    another agency, as the model's viewset does."""

    @wraps(view)
    def scoped(request, *args, **kwargs):
        _refuse_another_agencys(_agency_policy(model), request.user, kwargs.get("pk"))
        return view(request, *args, **kwargs)

    scoped.agency_model = model  # for the tests that enumerate the admin's routes by the record they take
    return scoped


@cache
def scoped_view_class(view_class: type) -> type:
    if not hasattr(view_class, "dispatch"):
        return view_class
    attributes = {"__module__": view_class.__module__, "__doc__": view_class.__doc__}
    return type(view_class.__name__, (AgencyScopedView, view_class), attributes)


class AgencyScopedViewSet:
    """Mixed into a ModelViewSet, SnippetViewSet or chooser viewset of an agency-owned model (its
    policy an `AgencyPermissionPolicy`, registered with `register_permission_policy`)."""

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class), **kwargs)


class AgencyScopedChooserViewSet(AgencyScopedViewSet, SnippetChooserViewSet):
    """The chooser of an agency-owned snippet (its `chooser_viewset_class`): the user's agency's records only."""


def page_roots_of(agency: AgencySettings) -> list[str]:
    """The tree paths of `agency`'s site: its home page and the home's translations (the English site)."""
    return site_home_paths(agency.site)


def _page_scope(user) -> tuple[list[str], bool]:
    """(tree paths, inclusive): the user's agency's site (and the tree's root); for the default site's
    agency, every page outside the other agencies' sites (a page of no site is the default's, as a
    record of no agency is), so an installation of one agency sees no change."""
    if not hasattr(user, "_portal_page_scope"):
        agency = agency_of(user)
        if agency is None:
            scope = ([], True)  # signed out: nothing
        elif agency.site.is_default_site:
            others = AgencySettings.objects.exclude(pk=agency.pk).select_related("site__root_page")
            scope = ([path for other in others for path in page_roots_of(other)], False)
        else:
            scope = (page_roots_of(agency), True)
        user._portal_page_scope = scope
    return user._portal_page_scope


def sees_page(user, page) -> bool:
    """Is `page` of the user's agency's site (or the tree's root, above every site)? Superusers see every site."""
    if sees_every_agency(user) or page.depth == 1:
        return True
    roots, inclusive = _page_scope(user)
    return any(page.path.startswith(root) for root in roots) == inclusive


def pages_of_users_agency(user) -> Q | None:
    """A filter on Page for what `sees_page` lets the user see; None for whoever sees every site."""
    if sees_every_agency(user):
        return None
    roots, inclusive = _page_scope(user)
    in_roots = Q(pk__in=[])
    for root in roots:
        in_roots |= Q(path__startswith=root)
    return Q(depth=1) | (in_roots if inclusive else ~in_roots)
