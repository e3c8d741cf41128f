import hashlib

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from portal.core.models import AgencySettings
from portal.core.per_request import per_publication
from portal.core.selectors import home_for_request
from portal.news.models import live_sections
from portal.procedures.selectors import procedures_matching

from .forms import SearchForm
from .selectors import search_pages, search_sources, search_terms, search_words, source_of


def search(request):
    home = home_for_request(request)
    # Their titles and places in the tree are enough; the same until the next publication.
    categories = per_publication(f"search-categories:{home.pk}", lambda: live_sections(home, specific=False))
    form = SearchForm(request.GET or None, categories=categories)
    found = ""
    if form.is_valid() and search_terms(form.cleaned_data["q"]):
        # The same for every visitor of this home (site and language) asking the same thing: kept
        # until the next publication (core.per_request), so a repeated search queries nothing.
        # Keyed by the form's own fields and the page number only: other parameters (utm_source=…) do
        # not make another copy, nor reach the links of a copy another visitor reads.
        asked = _asked(request, form)
        page = request.GET.get("page", "1")
        page = page[:6] if page.isdigit() else "1"
        digest = hashlib.sha256(f"{asked.urlencode()}&page={page}".encode()).hexdigest()[:32]
        found = per_publication(
            f"search:{home.pk}:{digest}", lambda: _found(request, home, categories, form.cleaned_data, asked, int(page))
        )
    return render(request, "search/search.html", {"form": form, "found": mark_safe(found), "home": home})  # noqa: S308 - rendered below


def _asked(request, form) -> QueryDict:
    """The search as the visitor typed it: the form's fields, nothing else of the address."""
    asked = QueryDict(mutable=True)
    for name in form.fields:
        values = [value for value in request.GET.getlist(name) if value]
        if values:
            asked.setlist(name, values)
    return asked


def _found(request, home, categories, data, asked: QueryDict, page: int) -> str:
    """The matching pages (and, on the first page of a search of everything, the online services), rendered."""
    category = next((c for c in categories if c.pk == data["category"]), None)
    agency = AgencySettings.for_request(request)  # the page's masthead reads it too: no query of its own
    sources = per_publication(f"search-sources:{home.pk}", lambda: search_sources(home=home, agency=agency))
    matches = search_pages(
        sources=sources, query=data["q"], category=category, date_from=data["date_from"], date_to=data["date_to"]
    )
    paginator = Paginator(matches, settings.PORTAL_PAGE_SIZE)
    try:
        results = paginator.page(page)
    except (PageNotAnInteger, EmptyPage):
        results = paginator.page(1)
    results.object_list = [page.specific for page in results.object_list]
    # On the province's portal, each result names the agency whose site it is on.
    rows = [(page, source_of(page, sources) if agency.is_province else None) for page in results.object_list]
    procedures = []
    if results.number == 1 and category is None:
        procedures = procedures_matching(search_words(data["q"]), agency=agency)  # the site's own agency's
    context = {
        "results": results,
        "rows": rows,
        "capped": getattr(matches, "capped", False),
        "procedures": procedures,
        "query_prefix": f"{asked.urlencode()}&" if asked else "",
    }
    return render_to_string("search/results.html", context, request)
