"""Whose a page, a person or a request is, and who holds a role in an agency.

One installation may serve several agencies, each a Wagtail site (README, "Several agencies on one
installation"). The newsroom's rules (the plan and its dashboard, the reminders, the review queue, the
translation queue, the royalties) ask these functions instead of reading the default site's agency or a
role's group by its bare name, so that each agency's people see and hear about their own agency only.
An installation of one agency gets the same answers as before: its agency is the default site's, and
its groups bear the roles' own names (portal.units.roles.group_name).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from portal.core.models import AgencySettings
from portal.core.tree import any_subtree_q, site_home_paths
from portal.units.agencies import agency_of_page
from portal.units.agencies import all_agencies as all_agencies  # the plan's views and jobs ask it here
from portal.units.roles import Role, group_name


def serves_one_agency() -> bool:
    """Whether the installation has one site (Wagtail keeps the sites' roots in the cache: no query)."""
    return len({root.site_id for root in Site.get_site_root_paths()}) <= 1


def agency_root_paths(agency: AgencySettings) -> list[str]:
    """The tree paths of the agency's home pages, one per language (the site's root and its translations)."""
    return site_home_paths(agency.site)


def agency_pages_q(agency: AgencySettings) -> Q | None:
    """A filter on pages: those of the agency's own tree, in every language. None where the installation
    serves one agency, whose every page is its own (the figures of one agency read as they always did)."""
    if serves_one_agency():
        return None
    return any_subtree_q(agency_root_paths(agency))


def page_agency(page: Page) -> AgencySettings:
    """The agency of a page (`units.agencies.agency_of_page`); an unsaved one where there is no site at all
    (the newsroom's rules read its defaults)."""
    return agency_of_page(page) or AgencySettings()


def role_members(role: Role, agency: AgencySettings | None) -> QuerySet:
    """The active people holding `role` in `agency` (its group: the role's name and the agency's symbol,
    or the role's own name in the default site's agency)."""
    User = get_user_model()
    return User.objects.filter(is_active=True, groups__name=group_name(role, agency)).distinct()


def role_groups_q(agency: AgencySettings | None, *of_roles: Role) -> Q:
    """A filter on users: members of the groups of these roles in `agency`."""
    return Q(groups__name__in=[group_name(role, agency) for role in of_roles])


def user_agency(user) -> AgencySettings | None:
    """The agency a staff member works for (`units.agencies.agency_of`: their unit's, else the one whose
    role groups they are in, else the default site's); None for a superuser and a visitor."""
    from portal.units.agencies import agency_of

    return agency_of(user)


def request_agency(request) -> AgencySettings:
    """The agency whose plan, calendar, report and ledger a staff request shows: the user's own; for
    someone of no agency (a superuser), the agency of the site the request came to."""
    return user_agency(request.user) or AgencySettings.for_request(request)
