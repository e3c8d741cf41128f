from portal.documents.models import Country
from portal.search.selectors import search_terms

from .models import Sector


def project_filter_choices(projects) -> dict:
    return {
        "countries": list(Country.objects.filter(pk__in=projects.order_by().values("country_id"))),
        "sectors": list(Sector.objects.filter(pk__in=projects.order_by().values("sector_id"))),
    }


def filter_projects(projects, *, q="", country=None, sector=None, status="", **_ignored):
    projects = projects.select_related("country", "sector")
    if country:
        projects = projects.filter(country=country)
    if sector:
        projects = projects.filter(sector=sector)
    if status:
        projects = projects.filter(status=status)
    terms = search_terms(q or "")
    if terms:
        return projects.search(terms, operator="and")
    return projects.order_by("-licence_date", "title")
