import hashlib
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.core import amounts
from portal.core.page_cache import current_generation
from portal.core.per_request import per_publication, public_q
from portal.core.selectors import home_for_request

register = template.Library()
MENU_CACHE_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context["request"]
    if "_portal_home" not in context.render_context:
        context.render_context["_portal_home"] = per_publication(
            f"home:{_site_key(request)}:{get_language()}", lambda: _home_or_none(request)
        )
    return context.render_context["_portal_home"]


def _home_or_none(request):
    try:
        return home_for_request(request)
    except Http404:  # no site configured yet: pages still render, without the menu
        return None


def _site_key(request) -> str:
    site = getattr(request, "_wagtail_site", None)  # set by core.middleware.KeptSiteMiddleware
    return str(site.pk) if site is not None else "none"


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = site_home(context)
    if home is None:
        return {"home": None, "items": []}
    current = context.get("page")
    current_path = current.path if current is not None else ""
    items = [(entry, current_path.startswith(entry.path)) for entry in menu_entries(context["request"], home)]
    return {"home": home, "items": items, "home_current": current_path == home.path, "request": context["request"]}


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str
    path: str


def menu_entries(request, home) -> list[MenuEntry]:
    """The main menu of `home`'s site: worked out once per publication (the page cache's generation
    changes with every one), not on each page (a query and two URLs per category)."""
    key = f"portal:menu:{home.pk}:{get_language()}:{current_generation()}"
    entries = cache.get(key)
    if entries is None:
        entries = [
            MenuEntry(title=item.title, url=item.get_url(request), path=item.path)
            for item in home.get_children().live().filter(public_q()).in_menu()
        ]
        cache.set(key, entries, MENU_CACHE_SECONDS)
    return entries


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]

    def ancestors():
        return list(page.get_ancestors().filter(depth__gt=1)) if page.depth > 2 else []

    if getattr(request, "is_preview", False):
        return {"ancestors": ancestors(), "page": page, "request": request}
    # The pages above it only change with a publication (a title) or a move (the path).
    return {"ancestors": per_publication(f"ancestors:{page.path}", ancestors), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def language_links(context):
    """[{code, name, url, current}] for the language switch and hreflang alternates.

    A page links to its translation where one is live, otherwise to the other site's home.
    """
    request = context["request"]
    page = context.get("page")
    if page is None or getattr(request, "is_preview", False) or not getattr(page, "pk", None):
        return _language_links(context)
    # The same for every visitor of the page until the next publication (15% of an article's time).
    # A routable page's routes (a procedure, the Q&A form) each have their own translation.
    route = hashlib.sha256(request.path.encode()).hexdigest()[:16] if _subpage_route(request) else ""
    key = f"language-links:{page.pk}:{route}:{_site_key(request)}:{get_language()}"
    return per_publication(key, lambda: _language_links(context))


def _language_links(context):
    request = context["request"]
    page = context.get("page")
    current_language = get_language()
    translations = {}
    if page is not None and getattr(page, "locale_id", None):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    home = site_home(context)
    homes = {home.locale.language_code: home} if home is not None else {}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = _same_route(target, request)
        elif page is None:
            url = translate_url(request.get_full_path(), code)
        else:
            other_home = homes.get(code) or (
                home.get_translations(inclusive=True).filter(locale__language_code=code).live().first()
                if home is not None
                else None
            )
            url = other_home.get_url(request) if other_home else translate_url("/", code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current_language,
                "translated": target is not None or page is None,
            }
        )
    return links


def _subpage_route(request):
    """The route of a routable page the request is on, other than the page itself, or None."""
    match = getattr(request, "routable_resolver_match", None)
    return match if match is not None and match.route else None


def _same_route(translation, request) -> str:
    """The address of what the visitor reads in `translation`: the page itself, or the same route of it
    (one procedure of the catalogue, the Q&A form), so that hreflang and the language switch lead to
    the same content in the other language, not to the top of the section."""
    url = translation.get_url(request)
    match = _subpage_route(request)
    if match is None:
        return url
    # A page whose routes have a name per language (the Q&A's "ask" and "ask-en") says which is its own.
    name = translation.own_route_name(match.url_name) if hasattr(translation, "own_route_name") else match.url_name
    return url + translation.reverse_subpage(name, args=match.args, kwargs=match.kwargs)


@register.tag("kept_per_publication")
def kept_per_publication(parser, token):
    """{% kept_per_publication "name" value... %}...{% end_kept_per_publication %}: the part rendered
    once per publication for the values given, the language and the site (core.per_request), not
    on each request. Only for what every visitor of the page sees the same (no form, no user);
    a preview always renders afresh."""
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("end_kept_per_publication",))
    parser.delete_first_token()
    return KeptPerPublicationNode(nodelist, [parser.compile_filter(bit) for bit in bits])


class KeptPerPublicationNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = [str(value.resolve(context)) for value in self.values]
        digest = hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:32]
        key = f"fragment:{digest}:{_site_key(request)}:{get_language()}"
        return mark_safe(per_publication(key, lambda: self.nodelist.render(context)))  # noqa: S308 - rendered here


@register.filter
def money(amount) -> str:
    """Whole đồng: `15.000.000 đ` on the Vietnamese site, `15,000,000 VND` on the English one."""
    return amounts.money(amount)


@register.filter
def value_of(obj, name: str):
    """`obj`'s key or attribute `name`, "" if it has none. `{{ page.lead }}` on a page without a
    lead, or `{{ request.GET.q }}` without a query, costs the template engine a dir() of the
    object (most of a millisecond for a page model) on every request."""
    if isinstance(obj, dict):  # QueryDict too: its last value, as the template engine gives it
        return obj.get(name, "")
    return getattr(obj, name, "")
