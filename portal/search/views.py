from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render

from portal.core.selectors import home_for_request
from portal.news.models import live_sections
from portal.procedures.selectors import procedures_matching

from .forms import SearchForm
from .selectors import search_pages, search_terms, search_words


def search(request):
    home = home_for_request(request)
    categories = live_sections(home, specific=False)  # their titles and places in the tree are enough
    form = SearchForm(request.GET or None, categories=categories)
    results = None
    capped = False
    procedures = []
    if form.is_valid() and search_terms(form.cleaned_data["q"]):
        data = form.cleaned_data
        category = next((c for c in categories if c.pk == data["category"]), None)
        matches = search_pages(
            home=home, query=data["q"], category=category, date_from=data["date_from"], date_to=data["date_to"]
        )
        paginator = Paginator(matches, settings.PORTAL_PAGE_SIZE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        results.object_list = [page.specific for page in results.object_list]
        capped = getattr(matches, "capped", False)
        if results.number == 1 and category is None:
            procedures = procedures_matching(search_words(data["q"]))
    params = request.GET.copy()
    params.pop("page", None)
    query_prefix = f"{params.urlencode()}&" if params else ""
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "capped": capped,
            "procedures": procedures,
            "home": home,
            "query_prefix": query_prefix,
        },
    )
