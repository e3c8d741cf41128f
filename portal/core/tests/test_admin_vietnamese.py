"""The Wagtail admin speaks Vietnamese to the newsroom: no main screen shows an untranslated English message.

A superuser whose admin language is Vietnamese (UserProfile.preferred_language; his browser asks for
English, to prove the preference wins) opens each main screen. The visible text of each page is cut
into fragments: text nodes outside script/style, the `title`, `placeholder`, `aria-label`,
`aria-description` and `alt` attributes, Wagtail's tooltip and progress labels, the value of submit
buttons, and the labels Wagtail draws from JSON (sidebar menu, editor toolbars, block definitions).

A fragment fails when it is an English msgid of Wagtail, Django (core, contrib apps), the apps of the
admin (taggit, django-filter) or the project, and not the Vietnamese text of any message (so msgids
deliberately kept, like "Email" or "URL", pass). Msgids with placeholders match as patterns. Content
from the database (page titles, people, unit and group names...) is data, not interface, and is left
out, which keeps single words like an English page titled "Home" from failing. The failure lists
each English fragment with its URL and where the msgid comes from:

* Wagtail/Django/third-party: translate it in `portal/locale_admin/vi/LC_MESSAGES/django.po`
  (`refresh_catalogue.py` adds new msgids, see `portal/locale_admin/README.md`);
* "project": `make messages`, then translate it in `portal/locale/vi/LC_MESSAGES/django.po`.

English that no catalogue can translate (hard-coded in Wagtail) is listed in EXEMPT, one reason each.
"""

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import django
import django_filters
import polib
import pytest
import wagtail
from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction, Tag
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, override, trans_real
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow
from wagtail.users.models import UserProfile

from portal.core.models import AgencySettings
from portal.home.models import HomePage
from portal.news.models import ArticlePage
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

ADMIN_LANGUAGE = "vi"
PORTAL_DIR = Path(settings.BASE_DIR) / "portal"


@dataclass(frozen=True)
class Exemption:
    text: str
    where: str | None  # CSS selector of the element (or an ancestor) that shows it; None: anywhere
    reason: str


# English that no catalogue can translate. Keep it short: one entry per place, with the reason.
EXEMPT = [
    Exemption("English", None, "LANGUAGES names each language in itself (endonym), as visitors look for it"),
    Exemption("Actions", "nav#w-slim-header-buttons", "aria-label hard-coded in wagtailadmin/shared/headers/_actions.html"),
    Exemption(
        "Search",
        ".w-sr-only > input[type=submit]",
        "hidden submit button of the header search, value hard-coded in wagtailadmin/shared/header.html and home.html",
    ),
    Exemption(
        "None",
        "[data-side-panel-toggle-counter]",
        "hidden badge of a side-panel toggle prints an empty count as None (wagtailadmin/shared/side_panel_toggle.html)",
    ),
    Exemption(
        "None",
        "td:has(> span.avatar)",
        "a page published by no user (the demo loader) shows the missing user as None (wagtailadmin/shared/user_avatar.html)",
    ),
    Exemption(
        "Password",
        'label[for="id_password"]',
        "wagtail.admin.forms.auth.LoginForm.password has no label: Django derives it from the field name",
    ),
    Exemption(
        "Page",
        'label[for$="-page"]',
        "the page field of WorkflowPageForm and PagePermissionsForm has no label: Django derives it from the field name",
    ),
    Exemption(
        "Locale",
        "td.title > h3",
        "wagtail.models.Locale has no verbose_name: Django derives 'locale' from the class name (group permissions)",
    ),
    Exemption(
        "Locales",
        "[data-w-breadcrumbs]",
        "wagtail.models.Locale has no verbose_name_plural: the breadcrumbs of the locale views show 'Locales'",
    ),
]

TEXT_ATTRIBUTES = (
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
    "data-focal-input-label",
)
JSON_ATTRIBUTES = ("data-w-init-detail-value", "data-w-block-data-value", "data-w-block-arguments-value")
SUBMIT_TYPES = {"submit", "button", "reset"}
HIDDEN_PARENTS = {"script", "style"}
WORD = re.compile(r"[^\W\d_]{2,}")  # a run of letters, in any script
PLACEHOLDER = re.compile(r"%(?:\((\w*)\))?[-#0 +]*\d*(?:\.\d+)?([sdifr])|\{(\w*)\}")
NUMERIC_NAMES = {"count", "counter", "num", "number", "total", "n", "limit_value", "show_value", "max", "min"}


def normalise(text: str) -> str:
    return " ".join(text.split())


# --- The English messages and what Vietnamese can show -------------------------------------------


def _package_dir(module) -> Path:
    return Path(module.__file__).resolve().parent


def catalogue_files() -> dict[str, list[Path]]:
    """The .po files holding the English source strings, by where they come from."""
    wagtail_dir, django_dir = _package_dir(wagtail), _package_dir(django)
    sources = {
        "Wagtail": sorted(wagtail_dir.rglob("locale/en/LC_MESSAGES/django.po"))
        + [PORTAL_DIR / "locale_admin" / "vi" / "LC_MESSAGES" / "django.po"],
        "Django": [django_dir / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"],
        "project": sorted(PORTAL_DIR.glob("locale/*/LC_MESSAGES/django.po")),
    }
    # The other installed apps (contrib.admin/auth/contenttypes, taggit...) and django-filter, whose
    # widgets Wagtail's listing filters use without it being an installed app.
    packages = [Path(config.path) for config in apps.get_app_configs()] + [_package_dir(django_filters)]
    for path in packages:
        if path.is_relative_to(wagtail_dir) or path.is_relative_to(PORTAL_DIR):
            continue
        english = sorted(path.glob("locale/en/LC_MESSAGES/django.po"))
        any_language = sorted(path.glob("locale/*/LC_MESSAGES/django.po"))[:1]  # same msgids
        sources.setdefault("Django" if path.is_relative_to(django_dir) else path.name, []).extend(
            english or any_language
        )
    return sources


@dataclass
class EnglishMessages:
    exact: dict[str, str] = field(default_factory=dict)  # normalised msgid -> where it comes from
    patterns: list[tuple[re.Pattern, bool, str, str]] = field(default_factory=list)  # (regex, search?, msgid, source)
    vietnamese: set[str] = field(default_factory=set)  # what the Vietnamese catalogues show

    def source_of(self, fragment: str) -> str | None:
        if fragment in self.exact:
            return self.exact[fragment]
        for pattern, search, msgid, source in self.patterns:
            if (pattern.search if search else pattern.fullmatch)(fragment):
                return f"{source}: {msgid!r}"
        return None


def _pattern(msgid: str) -> tuple[re.Pattern, bool] | None:
    """A regex for an msgid with placeholders, when its fixed words are enough to recognise it.

    Numbers-only msgids ("%(num)d minute") are searched inside fragments, as they are often
    composed into longer text ("1 minute ago"); the others must match a whole fragment and have
    at least two fixed words.
    """
    if "<" in msgid:
        return None  # HTML in the msgid: the text is split over several nodes
    parts, numeric = [], True
    position = 0
    regex = ""
    for match in PLACEHOLDER.finditer(msgid):
        parts.append(msgid[position : match.start()])
        regex += re.escape(msgid[position : match.start()].replace("%%", "%"))
        name = match.group(1) or match.group(3) or ""
        is_number = match.group(2) in {"d", "i", "f"} or name in NUMERIC_NAMES
        numeric = numeric and is_number
        regex += r"\d[\d.,]*" if is_number else ".+?"
        position = match.end()
    parts.append(msgid[position:])
    regex += re.escape(msgid[position:].replace("%%", "%"))
    words = len(WORD.findall(" ".join(parts)))
    if numeric and words >= 1:
        return re.compile(rf"(?<!\w){regex}(?!\w)"), True
    if words >= 2:
        return re.compile(regex, re.DOTALL), False
    return None


@functools.cache
def english_messages() -> EnglishMessages:
    messages = EnglishMessages()
    with override(ADMIN_LANGUAGE):
        catalogue = trans_real.translation(ADMIN_LANGUAGE)._catalog
    # The winning Vietnamese text of every msgid: showing it is never a failure.
    messages.vietnamese = {normalise(catalogue.get(key)) for key in set(catalogue.keys())}
    seen = set()
    for source, paths in catalogue_files().items():
        for path in paths:
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    text = normalise(msgid)
                    if text in seen or not WORD.search(text):
                        continue
                    seen.add(text)
                    if PLACEHOLDER.search(text):
                        compiled = _pattern(text)
                        if compiled:
                            messages.patterns.append((*compiled, text, source))
                    else:
                        messages.exact[text] = source
    return messages


# --- What a page shows ----------------------------------------------------------------------------


def _json_strings(value) -> list[str]:
    """The human-readable strings of a JSON payload (identifiers, URLs and icon names are not)."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _json_strings(item)]
    if isinstance(value, str) and (" " in value.strip() or value[:1].isupper()):
        return [value]
    return []


def visible_fragments(soup: BeautifulSoup) -> list[tuple[str, Tag]]:
    """(normalised text, element showing it) for everything a user can read or hear on the page."""
    found: list[tuple[str, Tag]] = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction):
            continue
        if node.parent is not None and node.parent.name in HIDDEN_PARENTS:
            continue
        found.append((node, node.parent))
    for tag in soup.find_all(True):
        found.extend((tag[name], tag) for name in TEXT_ATTRIBUTES if tag.get(name))
        if tag.name == "input" and tag.get("type", "").lower() in SUBMIT_TYPES and tag.get("value"):
            found.append((tag["value"], tag))
        payloads = [tag[name] for name in JSON_ATTRIBUTES if tag.get(name)]
        if tag.name == "script" and tag.get("type") == "application/json":
            payloads.append(tag.string or "null")  # the sidebar menu, editor data, comments...
        for payload in payloads:
            try:
                found.extend((text, tag) for text in _json_strings(json.loads(payload)))
            except ValueError:
                continue
    fragments = [(normalise(text), tag) for text, tag in found]
    return [(text, tag) for text, tag in fragments if text]


def is_exempt(text: str, tag: Tag) -> bool:
    """Whether an exemption covers this text, shown by this element (or inside one it names)."""
    for exemption in EXEMPT:
        if exemption.text != text:
            continue
        if exemption.where is None:
            return True
        if any(element.css.match(exemption.where) for element in (tag, *tag.parents) if element.name != "[document]"):
            return True
    return False


def content_texts() -> set[str]:
    """Strings that are data, not interface: titles, names, people."""
    texts: set[str] = set()
    for model, fields in [
        (Page, ["title", "draft_title"]),
        (Unit, ["name_vi", "name_en"]),
        (get_image_model(), ["title"]),
        (get_document_model(), ["title"]),
        (Collection, ["name"]),
        (Group, ["name"]),
        (Site, ["site_name", "hostname"]),
        (Workflow, ["name"]),
        (Task, ["name"]),
    ]:
        for values in model.objects.values_list(*fields):
            texts.update(values)
    for user in get_user_model().objects.all():
        texts.update({user.get_username(), user.first_name, user.last_name, user.get_full_name(), user.email})
    return {normalise(text) for text in texts if text}


def untranslated_english(html: str, content: set[str]) -> list[tuple[str, str]]:
    """[(English fragment, where its msgid comes from)] shown on the page."""
    messages = english_messages()
    soup = BeautifulSoup(html, "html.parser")
    found: dict[str, str] = {}
    for text, tag in visible_fragments(soup):
        if text in found or text in content or text in messages.vietnamese:
            continue
        source = messages.source_of(text)
        if source and not is_exempt(text, tag):
            found[text] = source
    return sorted(found.items())


# --- The screens ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    home: HomePage
    item: ArticlePage
    category: Page
    compare: tuple[int, int]
    document: object
    user: object


def _url(name: str, *args) -> callable:
    return lambda demo: reverse(name, args=[arg(demo) if callable(arg) else arg for arg in args])


def _first(model) -> callable:
    return lambda demo: model.objects.order_by("pk").values_list("pk", flat=True).first()


# screen -> (URL, msgids whose Vietnamese text the screen must show)
SCREENS = {
    "dashboard": (_url("wagtailadmin_home"), ["Dashboard"]),
    "explorer-root": (_url("wagtailadmin_explore_root"), ["Pages"]),
    "explorer-home": (_url("wagtailadmin_explore", lambda d: d.home.pk), ["Pages", "category"]),
    "explorer-category": (_url("wagtailadmin_explore", lambda d: d.category.pk), ["Pages", "item"]),
    "edit-home": (_url("wagtailadmin_pages:edit", lambda d: d.home.pk), ["Quick links", "Publish"]),
    "edit-category": (_url("wagtailadmin_pages:edit", lambda d: d.category.pk), ["introduction"]),
    "edit-item": (_url("wagtailadmin_pages:edit", lambda d: d.item.pk), ["lead (sapo)", "Author and source"]),
    "add-chooser": (_url("wagtailadmin_pages:add_subpage", lambda d: d.category.pk), ["item", "category"]),
    "add-item": (
        _url("wagtailadmin_pages:add", "news", "articlepage", lambda d: d.category.pk),
        ["lead (sapo)", "main image", "Save draft"],
    ),
    "page-history": (_url("wagtailadmin_pages:history", lambda d: d.item.pk), ["History"]),
    "revisions-compare": (
        _url("wagtailadmin_pages:revisions_compare", lambda d: d.item.pk, *[lambda d, i=i: d.compare[i] for i in (0, 1)]),
        ["title"],
    ),
    "search": (lambda d: reverse("wagtailadmin_pages:search") + "?q=hue", ["Search"]),
    "images": (_url("wagtailimages:index"), ["Images"]),
    "images-add": (_url("wagtailimages:add_multiple"), ["Add images"]),
    "image-edit": (_url("wagtailimages:edit", _first(get_image_model())), ["Focal point"]),
    "documents": (_url("wagtaildocs:index"), ["Documents"]),
    "documents-add": (_url("wagtaildocs:add_multiple"), ["Add documents"]),
    "document-edit": (_url("wagtaildocs:edit", lambda d: d.document.pk), ["Documents"]),
    "snippets": (_url("wagtailsnippets:index"), []),  # redirects while every snippet has its own menu item
    "units": (_url("wagtailsnippets_units_unit:list"), ["Units"]),
    "unit-edit": (_url("wagtailsnippets_units_unit:edit", _first(Unit)), ["code", "order"]),
    "unit-add": (_url("wagtailsnippets_units_unit:add"), ["code", "name (Vietnamese)"]),
    "settings": (
        _url("wagtailsettings:edit", "core", "agencysettings", lambda d: AgencySettings.load().pk),
        ["agency details", "Official in charge of the site"],
    ),
    "users": (_url("wagtailusers_users:index"), ["Users"]),
    "user-edit": (_url("wagtailusers_users:edit", lambda d: d.user.pk), ["Roles"]),
    "user-add": (_url("wagtailusers_users:add"), ["Roles"]),
    "groups": (_url("wagtailusers_groups:index"), ["Groups"]),
    "group-edit": (
        _url("wagtailusers_groups:edit", lambda d: Group.objects.get(name="Trưởng Ban Biên tập").pk),
        ["Page permissions"],
    ),
    "sites": (_url("wagtailsites:index"), ["Sites"]),
    "site-edit": (_url("wagtailsites:edit", _first(Site)), ["Sites"]),
    "locales": (_url("wagtaillocales:index"), ["Locales"]),
    "locale-edit": (_url("wagtaillocales:edit", lambda d: d.home.locale_id), ["Save"]),
    "collections": (_url("wagtailadmin_collections:index"), ["Collections"]),
    "redirects": (_url("wagtailredirects:index"), ["Redirects"]),
    "redirect-add": (_url("wagtailredirects:add"), ["Redirects"]),
    "workflows": (_url("wagtailadmin_workflows:index"), ["Workflows"]),
    "workflow-edit": (_url("wagtailadmin_workflows:edit", _first(Workflow)), ["Workflows"]),
    "tasks": (_url("wagtailadmin_workflows:task_index"), ["Workflow tasks"]),
    "task-edit": (_url("wagtailadmin_workflows:edit_task", _first(Task)), ["Workflow tasks"]),
    "report-locked": (_url("wagtailadmin_reports:locked_pages"), ["Locked pages"]),
    "report-aging": (_url("wagtailadmin_reports:aging_pages"), ["Aging pages"]),
    "report-site-history": (_url("wagtailadmin_reports:site_history"), ["Site history"]),
    "report-page-types": (_url("wagtailadmin_reports:page_types_usage"), ["Page types usage", "item"]),
    "report-workflows": (_url("wagtailadmin_reports:workflow"), ["Workflows"]),
    "account": (_url("wagtailadmin_account"), ["Account"]),
}
ANONYMOUS_SCREENS = {
    "login": (_url("wagtailadmin_login"), ["Sign in"]),
    "password-reset": (_url("wagtailadmin_password_reset"), ["Reset your password"]),
}


@pytest.fixture
def demo(django_user_model):
    user = django_user_model.objects.get(username="quantri")
    assert user.is_superuser
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = ADMIN_LANGUAGE
    profile.save()
    item = ArticlePage.objects.filter(locale__language_code="vi").order_by("path").first()
    # A second revision, so that the revisions can be compared.
    live = item.live_revision or item.save_revision(user=user)
    item.title = f"{item.title} (bản sửa)"
    draft = item.save_revision(user=user)
    document = get_document_model().objects.create(
        title="Kế hoạch công tác năm 2026", file=ContentFile(b"Ke hoach cong tac", name="ke-hoach-cong-tac.txt")
    )
    yield Demo(
        home=HomePage.objects.get(locale__language_code="vi"),
        item=item,
        category=item.get_parent(),
        compare=(live.pk, draft.pk),
        document=document,
        user=user,
    )
    document.file.delete(save=False)


def vietnamese(msgid: str) -> str:
    with override(ADMIN_LANGUAGE):
        return capfirst(gettext(msgid))


def check_screen(response, url: str, expected_msgids: list[str]) -> None:
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    html = response.content.decode()
    import os  # DEBUG-DUMP
    if os.environ.get("DUMP"):  # DEBUG-DUMP
        Path("/tmp/admin_html").mkdir(exist_ok=True)  # DEBUG-DUMP
        Path("/tmp/admin_html", url.strip("/").replace("/", "_").replace("?", "_") + ".html").write_text(html)  # DEBUG-DUMP
    assert re.search(r"<html[^>]*\blang=\"vi\"", html), f"{url} is not in Vietnamese (<html lang>)"
    english = untranslated_english(html, content_texts())
    assert not english, f"{len(english)} untranslated English message(s) on {url}:\n" + "\n".join(
        f"  {url}  {text!r}  ({source})" for text, source in english
    )
    shown = " ".join(text for text, _tag in visible_fragments(BeautifulSoup(html, "html.parser"))).casefold()
    for msgid in expected_msgids:
        translation = vietnamese(msgid)
        assert translation.casefold() != msgid.casefold(), f"{msgid!r} has no Vietnamese translation"
        assert translation.casefold() in shown, f"{url} does not show {translation!r} ({msgid!r})"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_admin_screen_is_in_vietnamese(client, demo, screen):
    build_url, expected = SCREENS[screen]
    url = build_url(demo)
    client.force_login(demo.user)
    # The browser asks for English: the admin follows the user's preference.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=screen == "snippets")
    check_screen(response, url, expected)


@pytest.mark.parametrize("screen", list(ANONYMOUS_SCREENS))
def test_admin_screen_before_signing_in_is_in_vietnamese(client, screen):
    build_url, expected = ANONYMOUS_SCREENS[screen]
    url = build_url(None)
    check_screen(client.get(url), url, expected)


def test_dashboard_and_explorer_show_the_vietnamese_words(client, demo):
    client.force_login(demo.user)
    dashboard = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[demo.home.pk])).content.decode()
    assert "Bảng điều khiển" in dashboard
    assert vietnamese("Dashboard") == "Bảng điều khiển"
    explorer_text = {text for text, _tag in visible_fragments(BeautifulSoup(explorer, "html.parser"))}
    assert "Trang" in explorer_text  # the explorer's heading, the menu item
    for msgid, word in [("category", "Mục tin"), ("item", "Tin bài"), ("Publish", "Xuất bản"), ("Draft", "Bản nháp")]:
        assert vietnamese(msgid) == word, f"{msgid!r} must read {word!r} (glossary)"


def test_admin_javascript_catalogue_translates_every_wagtail_js_message(client, demo):
    client.force_login(demo.user)
    response = client.get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="en")
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.DOTALL)[1])
    msgids = set()
    for path in [
        *_package_dir(wagtail).rglob("locale/en/LC_MESSAGES/djangojs.po"),
        PORTAL_DIR / "locale_admin" / "vi" / "LC_MESSAGES" / "djangojs.po",
    ]:
        msgids.update(entry.msgid for entry in polib.pofile(str(path)) if not entry.obsolete)
    missing = sorted(msgid for msgid in msgids if not catalogue.get(msgid))
    assert not missing, "Wagtail's admin JavaScript shows these in English:\n" + "\n".join(map(repr, missing))
