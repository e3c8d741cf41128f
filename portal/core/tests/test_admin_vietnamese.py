"""The Wagtail admin speaks Vietnamese to the newsroom: no main screen shows an untranslated English message.

A superuser whose admin language is Vietnamese (UserProfile.preferred_language; the browser asks for
English, to prove the preference wins) opens the admin's main screens (SCREENS), every other screen of
the main menu, two forms sent back with errors, and, signed out, the sign-in pages. Each page's visible
text is cut into fragments: text nodes outside script/style, the `title`, `placeholder`, `aria-label`,
`aria-description` and `alt` attributes, Wagtail's tooltip and progress labels, the value of submit
buttons, and the strings Wagtail draws from JSON (sidebar menu, editor toolbars, block definitions and
the widget HTML inside them).

A fragment fails when it is an English msgid of Wagtail, Django (core, contrib apps), the apps of the
admin (taggit, django-filter) or the project (every `portal/**/locale` catalogue), whatever the Vietnamese
catalogues do with it, unless it is itself Vietnamese text of some message (so msgids deliberately kept,
like "Email" or "%(size)d byte", pass). Lowercase msgids also match capitalised ("lead (sapo)" shown as a
label "Lead (sapo)"). Msgids with placeholders match as patterns: those of numbers only ("%(num)d minute")
anywhere in a fragment, the others as a whole fragment with at least two fixed words. Single words are
checked too; the false positives on names that this risks are avoided by leaving out content from the
database (page titles such as the English home "Home", people, units, groups, images...), which is data.

A fragment that is a bare "None", "True" or "False" (a value printed as Python writes it, in a cell or
an icon's title) fails too, and so does a page whose title is empty ("- Wagtail").

Each failure lists the English fragments with the URL and where the msgid comes from:

* Wagtail/Django/third-party: translate it in `portal/locale_admin/vi/LC_MESSAGES/django.po`
  (`refresh_catalogue.py` adds new msgids, see `portal/locale_admin/README.md`);
* "project": `make messages`, then translate it in `portal/locale/vi/LC_MESSAGES/django.po`
  (or in the app's own `locale/` for apps that keep one).

English that no catalogue can translate (hard-coded in Wagtail) is listed in EXEMPT, one reason each.
"""

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
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
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, override, trans_real
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, Task, Workflow
from wagtail.users.models import UserProfile

from portal.board.models import Meeting, TrainingCourse
from portal.collected.models import FeedSource, InboxEntry
from portal.consultation.models import Comment as ConsultationComment
from portal.consultation.models import ConsultationIndexPage, DraftPage
from portal.core.models import AgencySettings
from portal.documents.models import Country, DocumentKind, Issuer, LegalField
from portal.home.models import HomePage
from portal.investment.models import Sector
from portal.news.models import ArticlePage, SectionPage
from portal.organisation.models import UnitProfile
from portal.packs.install import plan_next_year
from portal.royalties.models import RoyaltyPeriod
from portal.royalties.services import period_open
from portal.testing.factories import (
    ArticleFactory,
    ImageFactory,
    LeaderFactory,
    PaymentFactory,
    ProcedureVersionFactory,
    QuestionFactory,
    SectionFactory,
    StaffFactory,
    SubmittedApplicationFactory,
    UnitFactory,
    plan_of_this_year,
)
from portal.testing.shared import shared_data
from portal.translations.models import CategoryTranslationRule
from portal.units import roles
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
    Exemption(
        "None",
        "[data-side-panel-toggle-counter]",
        "hidden badge of a side-panel toggle shows an empty count as None (shared/side_panel_toggle.html)",
    ),
    Exemption(
        "Password",
        'label[for="id_password"]',
        "wagtail.admin.forms.auth.LoginForm.password has no label: Django derives it from the field name",
    ),
    Exemption(
        "Page",
        'label[for$="-page"]',
        "the page field of WorkflowPageForm and PagePermissionsForm has no label: Django uses the field name",
    ),
    *[
        Exemption(
            text,
            "table.listing th",
            "wagtail.sites.views.IndexView's columns have no label: Wagtail derives it from the attribute name",
        )
        for text in ("Port", "Site name", "Root page")
    ],
    *[
        Exemption(
            text,
            "[data-w-breadcrumbs]",
            "SnippetViewSet.breadcrumbs_items calls gettext (not gettext_lazy) when the URLconf is imported, so these "
            "labels keep the language of the process's first request (wagtail/snippets/views/snippets.py)",
        )
        for text in ("Home", "Snippets")
    ],
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
        # portal/locale, and the apps that keep their own catalogue (portal/<app>/locale)
        "project": sorted(
            path for path in PORTAL_DIR.glob("**/locale/vi/LC_MESSAGES/django.po") if "locale_admin" not in path.parts
        ),
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

    @functools.cached_property
    def _any_pattern(self) -> tuple[re.Pattern, re.Pattern]:
        """The patterns in two regexes (whole fragment, inside a fragment), to rule most fragments out at once."""
        whole = "|".join(f"(?:{p.pattern})" for p, search, _msgid, _source in self.patterns if not search)
        inside = "|".join(f"(?:{p.pattern})" for p, search, _msgid, _source in self.patterns if search)
        return re.compile(whole or "(?!)", re.DOTALL), re.compile(inside or "(?!)")

    def source_of(self, fragment: str) -> str | None:
        if fragment in self.exact:
            return self.exact[fragment]
        whole, inside = self._any_pattern
        if not whole.fullmatch(fragment) and not inside.search(fragment):
            return None
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
    shown = {normalise(catalogue.get(key)) for key in set(catalogue.keys())}
    messages.vietnamese = shown | {capfirst(text) for text in shown}
    seen = set()
    for source, paths in catalogue_files().items():
        for path in paths:
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                translation = normalise(catalogue.get((key, 0) if entry.msgid_plural else key) or "")
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    text = normalise(msgid)
                    if text in seen or not WORD.search(text) or text == translation:
                        continue  # a msgid kept as is in Vietnamese ("%(size)d byte") is not English
                    seen.add(text)
                    if PLACEHOLDER.search(text):
                        compiled = _pattern(text)
                        if compiled:
                            messages.patterns.append((*compiled, text, source))
                    else:
                        # Verbose names are lowercase msgids that labels and headings show capitalised.
                        for variant in (text, capfirst(text)):
                            messages.exact.setdefault(variant, source)
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
                strings = _json_strings(json.loads(payload))
            except ValueError:
                continue
            for text in strings:
                if text.lstrip().startswith("<"):  # a widget's HTML, inserted by JavaScript
                    found.extend(visible_fragments(BeautifulSoup(text, "html.parser")))
                else:
                    found.append((text, tag))
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


def untranslated_english(fragments: list[tuple[str, Tag]], content: set[str]) -> list[tuple[str, str]]:
    """[(English fragment, where its msgid comes from)] among the page's fragments."""
    messages = english_messages()
    found: dict[str, str] = {}
    for text, tag in fragments:
        if text in found or text in content or text in messages.vietnamese:
            continue
        source = messages.source_of(text)
        if source and not is_exempt(text, tag):
            found[text] = source
    return sorted(found.items())


# --- The screens ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Records:
    home: HomePage
    item: ArticlePage
    category: Page
    compare: tuple[int, int]
    document: object
    user: object


def _url(name: str, *args) -> Callable[[Records], str]:
    return lambda records: reverse(name, args=[arg(records) if callable(arg) else arg for arg in args])


def _first(model) -> Callable[[Records], int | None]:
    return lambda records: model.objects.order_by("pk").values_list("pk", flat=True).first()


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
        _url(
            "wagtailadmin_pages:revisions_compare", lambda d: d.item.pk, lambda d: d.compare[0], lambda d: d.compare[1]
        ),
        ["title"],
    ),
    "search": (lambda d: reverse("wagtailadmin_pages:search") + "?q=hue", ["Search"]),
    "images": (_url("wagtailimages:index"), ["Images"]),
    "images-add": (_url("wagtailimages:add_multiple"), ["Add images"]),
    "image-edit": (_url("wagtailimages:edit", _first(get_image_model())), ["Focal point"]),
    "documents": (_url("wagtaildocs:index"), ["Documents"]),
    "documents-add": (_url("wagtaildocs:add_multiple"), ["Add documents"]),
    "document-edit": (_url("wagtaildocs:edit", lambda d: d.document.pk), ["Documents"]),
    "snippets": (_url("wagtailsnippets:index"), []),  # followed: the dashboard if every snippet has its own menu
    "units": (_url("wagtailsnippets_units_unit:list"), ["Units"]),
    "unit-edit": (_url("wagtailsnippets_units_unit:edit", _first(Unit)), ["code", "order"]),
    "unit-add": (_url("wagtailsnippets_units_unit:add"), ["code", "name (Vietnamese)"]),
    "settings": (
        _url("wagtailsettings:edit", "core", "agencysettings", lambda d: AgencySettings.load().site_id),
        ["agency details", "Official in charge of the site"],
    ),
    "users": (_url("wagtailusers_users:index"), ["Users"]),
    "user-edit": (_url("wagtailusers_users:edit", lambda d: d.user.pk), ["Roles"]),
    "user-add": (_url("wagtailusers_users:add"), ["Roles"]),
    "groups": (_url("wagtailusers_groups:index"), ["Groups"]),
    "group-edit": (
        _url("wagtailusers_groups:edit", lambda d: Group.objects.get(name=roles.EDITOR_IN_CHIEF.group_name).pk),
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
# Forms sent back with errors: screen -> (URL, data posted, signed in?, msgids the screen must show)
INVALID_FORMS = {
    "unit-add": (
        _url("wagtailsnippets_units_unit:add"),
        {"code": "", "name_vi": "", "sort_order": "x"},
        True,
        ["This field is required.", "Enter a whole number."],
    ),
    "login": (
        _url("wagtailadmin_login"),
        {"username": "khong-co-tai-khoan-nay", "password": "sai-mat-khau"},
        False,
        ["Sign in"],
    ),
}
# The newsroom's glossary: msgid -> the Vietnamese the admin must use
GLOSSARY = {
    "category": "Mục tin",
    # pgettext("news item", "item"): Wagtail's own "item" (its paginator's) is a generic "mục".
    "news item\x04item": "Tin bài",
    "lead (sapo)": "Sapo (tóm tắt)",
    "unit": "Đơn vị",
    "contributor": "Cộng tác viên",
    "editor-in-chief": "Trưởng Ban Biên tập",
    "board secretariat": "Thường trực Ban Biên tập",
    "collected (tin sưu tầm)": "Tin sưu tầm",
    "Publish": "Xuất bản",
    "Draft": "Bản nháp",
    "Page": "Trang",
    "Image": "Hình ảnh",
    "Document": "Tài liệu",
    "Search": "Tìm kiếm",
}


@pytest.fixture(scope="module")
def _records_pks(django_db_setup, django_db_blocker) -> dict:
    # Made once for the module (portal/testing/shared.py): an image, two items and a document per screen
    # were a third of the module's time.
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            user = StaffFactory(superuser=True)
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = ADMIN_LANGUAGE
            profile.save()
            image = ImageFactory(title="Lễ ký kết hợp tác")
            item = ArticleFactory(title="Hợp tác quốc tế tại Huế", image=image, image_alt="Lễ ký kết")
            # Found by the admin's search for "hue" (it completes the words of titles as typed, without
            # folding "Huế").
            english_home = HomePage.objects.get(locale__language_code="en")
            english = SectionFactory(parent=english_home)
            ArticleFactory(parent=english, title="Hue Festival welcomes partners", slug="hue")
            # A second revision, so that the revisions can be compared.
            live = item.live_revision
            item.title = f"{item.title} (bản sửa)"
            draft = item.save_revision(user=user)
            document = get_document_model().objects.create(
                title="Kế hoạch công tác năm 2026",
                file=ContentFile(b"Ke hoach cong tac", name="ke-hoach-cong-tac.txt"),
            )
        yield {"item": item.pk, "compare": (live.pk, draft.pk), "document": document.pk, "user": user.pk}
        document.file.delete(save=False)
        image.file.delete(save=False)


@pytest.fixture
def records(db, _records_pks) -> Records:
    """What the screens show: a superuser reading the admin in Vietnamese, an item with an image and two
    revisions in a category of its own, an item of the English site, a document. Made once for the module;
    each test reads its own copies."""
    item = ArticlePage.objects.get(pk=_records_pks["item"])
    return Records(
        home=HomePage.objects.get(locale__language_code="vi"),
        item=item,
        category=item.get_parent(),
        compare=_records_pks["compare"],
        document=get_document_model().objects.get(pk=_records_pks["document"]),
        user=get_user_model().objects.get(pk=_records_pks["user"]),
    )


@pytest.fixture
def content(records, django_capture_on_commit_callbacks):
    """A record or two for every list of the main menu and every panel of the dashboard, as the agency's
    work leaves them: this year's plan and royalty schedule, staff in every role, questions, applications,
    procedures, the organisation's leaders and units, the lists items are filed under, a board meeting and
    a course, a feed source and its inbox, a consultation and a comment, royalties and translations owed."""
    today = timezone.localdate()
    plan = plan_of_this_year()
    plan_next_year(year=today.year)  # and this year's royalty schedule
    unit = UnitFactory()
    for role in roles.ROLES:
        StaffFactory(role=role, unit=unit)
    QuestionFactory()
    QuestionFactory(title="Thủ tục cấp thẻ ABTC cần những giấy tờ gì?")
    SubmittedApplicationFactory(version__procedure__unit=unit)
    PaymentFactory(application=SubmittedApplicationFactory(version__procedure__unit=unit, fee_amount=150_000))
    ProcedureVersionFactory(procedure__unit=unit)
    LeaderFactory(unit=unit)
    LeaderFactory()
    UnitProfile.objects.create(unit=unit, functions_vi="Tham mưu công tác lễ tân đối ngoại.")
    for vocabulary, name_vi, name_en in [
        (Country, "Cộng hòa Pháp (thử nghiệm)", "France (test)"),
        (DocumentKind, "Công văn (thử nghiệm)", "Official letter (test)"),
        (Issuer, "Ủy ban nhân dân tỉnh (thử nghiệm)", "Provincial People's Committee (test)"),
        (LegalField, "Lãnh sự (thử nghiệm)", "Consular affairs (test)"),
        (Sector, "Du lịch (thử nghiệm)", "Tourism (test)"),
    ]:
        vocabulary.objects.create(name_vi=name_vi, name_en=name_en)
    Meeting.objects.create(
        plan=plan,
        title="Họp Ban Biên tập quý IV",
        date=today,
        starts_at=dt.time(8),
        place="Phòng họp",
        chair=records.user,
    )
    TrainingCourse.objects.create(
        plan=plan, title="Lớp viết tin bài", organiser="Sở Thông tin", starts_on=today, ends_on=today, place="Huế"
    )
    source = FeedSource.objects.create(name="Báo thử nghiệm", feed_url="https://bao.example.vn/rss/")
    InboxEntry.objects.create(
        source=source, guid="tin-1", title="Tin thử nghiệm từ nguồn", link="https://bao.example.vn/1"
    )
    consultation = ConsultationIndexPage.objects.get(locale__language_code="vi")
    draft = consultation.add_child(
        instance=DraftPage(
            title="Dự thảo quy chế thử nghiệm",
            slug="du-thao-thu-nghiem",
            summary="Tóm tắt dự thảo.",
            closes_on=today + dt.timedelta(days=30),
        )
    )
    draft.save_revision().publish()
    ConsultationComment.objects.create(
        draft=draft, name="Trần Thị Góp Ý", email="gopy@example.com", body="Đề nghị bổ sung điều 3."
    )
    with django_capture_on_commit_callbacks(execute=True):  # royalties and translations owed on publication
        translated = SectionPage.objects.get(
            pk=CategoryTranslationRule.objects.filter(to_translate=True).values_list("section", flat=True).first()
        )
        ArticleFactory(parent=translated)
        ArticleFactory()
    if not RoyaltyPeriod.objects.filter(start__lte=today, end__gte=today).exists():  # the demo keeps its own
        period_open(kind=RoyaltyPeriod.KIND_MONTH, year=today.year, number=today.month)
    return records


def sign_in(client, user) -> None:
    """Sign in as the admin would let the user in: past the second factor when the portal asks one."""
    try:
        from portal.accounts.testing import login_with_second_factor
    except ImportError:  # no second factor in this version of the portal
        client.force_login(user)
    else:
        login_with_second_factor(client, user)


def vietnamese(msgid: str) -> str:
    with override(ADMIN_LANGUAGE):
        return capfirst(gettext(msgid))


def screen_problems(response, url: str, expected_msgids: list[str]) -> list[str]:
    """What is wrong with a screen: its status, its language, English on it, Vietnamese missing from it."""
    if response.status_code != 200:
        return [f"{url} answered {response.status_code}"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    if soup.html is None or soup.html.get("lang") != ADMIN_LANGUAGE:
        return [f"{url} is not marked as Vietnamese (<html lang>)"]
    fragments = visible_fragments(soup)
    problems = [f"{url}  {text!r}  ({source})" for text, source in untranslated_english(fragments, content_texts())]
    problems += [f"{url}  {text!r} shown (say it in words: —, Có, Không)" for text in python_literals(fragments)]
    problems += [f"{url}  {problem}" for problem in title_problems(soup)]
    shown = " ".join(text for text, _tag in fragments).casefold()
    for msgid in expected_msgids:
        translation = vietnamese(msgid)
        if translation.casefold() == msgid.casefold():
            problems.append(f"{url}  {msgid!r} has no Vietnamese translation")
        elif translation.casefold() not in shown:
            problems.append(f"{url}  does not show {translation!r} (the Vietnamese of {msgid!r})")
    return problems


# Python's words for no value and yes/no, printed by a template that forgot them ("—", "Có"/"Không" instead)
PYTHON_LITERALS = {"None", "True", "False"}


def python_literals(fragments: list[tuple[str, Tag]]) -> list[str]:
    """Fragments that are a bare None/True/False (a tooltip or an icon's title counts: it is read aloud)."""
    return sorted({text for text, tag in fragments if text in PYTHON_LITERALS and not is_exempt(text, tag)})


def title_problems(soup: BeautifulSoup) -> list[str]:
    """A page title with nothing before Wagtail's " - <site name>" (a view that set none)."""
    title = normalise(soup.title.get_text()) if soup.title else ""
    return [f"empty page title {title!r}"] if not title or title.startswith("-") else []


def check_screen(response, url: str, expected_msgids: list[str]) -> None:
    problems = screen_problems(response, url, expected_msgids)
    assert not problems, f"{len(problems)} problem(s) on {url}, untranslated English first:\n" + "\n".join(problems)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_admin_screen_is_in_vietnamese(client, request, records, screen):
    if screen == "dashboard":
        request.getfixturevalue("content")  # a panel for each part of the work
    build_url, expected = SCREENS[screen]
    url = build_url(records)
    sign_in(client, records.user)
    # The browser asks for English: the admin follows the user's preference.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=screen == "snippets")
    check_screen(response, url, expected)


@pytest.mark.parametrize("screen", list(ANONYMOUS_SCREENS))
def test_admin_screen_before_signing_in_is_in_vietnamese(client, screen):
    build_url, expected = ANONYMOUS_SCREENS[screen]
    url = build_url(None)
    check_screen(client.get(url), url, expected)


@pytest.mark.parametrize("screen", list(INVALID_FORMS))
def test_admin_form_errors_are_in_vietnamese(client, records, screen):
    build_url, data, signed_in, expected = INVALID_FORMS[screen]
    url = build_url(records)
    if signed_in:
        sign_in(client, records.user)
    check_screen(client.post(url, data, HTTP_ACCEPT_LANGUAGE="en" if signed_in else "vi"), url, expected)


def test_the_steps_after_the_password_are_in_vietnamese(client, records):
    """Signed in with the password only: whatever the admin asks next (a second factor...) is Vietnamese."""
    client.force_login(records.user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en", follow=True)
    url = response.redirect_chain[-1][0] if response.redirect_chain else reverse("wagtailadmin_home")
    check_screen(response, url, [])


def test_every_screen_of_the_main_menu_is_in_vietnamese(client, records, content):
    """Menu items the screens above do not cover (e.g. added by a new app) are checked too."""
    sign_in(client, records.user)
    covered = {build_url(records) for build_url, _expected in SCREENS.values()}
    dashboard = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    menu = json.loads(dashboard.find("script", id="wagtail-sidebar-props").string)
    urls = sorted({url for url in _menu_urls(menu) if url.startswith("/admin/")} - covered)
    problems = []
    for url in urls:
        problems += screen_problems(client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=True), url, [])
    assert not problems, f"{len(problems)} problem(s) on the screens of the main menu:\n" + "\n".join(problems)


def _menu_urls(value) -> list[str]:
    if isinstance(value, dict):
        own = [value["_args"][0].get("url", "")] if str(value.get("_type", "")).endswith("LinkMenuItem") else []
        return own + [url for item in value.values() for url in _menu_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in _menu_urls(item)]
    return []


def test_dashboard_and_explorer_show_the_vietnamese_words(client, records):
    sign_in(client, records.user)
    dashboard = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    explorer = client.get(reverse("wagtailadmin_explore", args=[records.home.pk])).content.decode()
    dashboard_text = {text for text, _tag in visible_fragments(BeautifulSoup(dashboard, "html.parser"))}
    explorer_text = {text for text, _tag in visible_fragments(BeautifulSoup(explorer, "html.parser"))}
    assert vietnamese("Dashboard") == "Bảng điều khiển"
    assert any(text.startswith("Bảng điều khiển") for text in dashboard_text)  # <title>
    assert "Trang" in explorer_text  # the explorer's heading, the menu item
    assert "Dashboard" not in dashboard_text and "Pages" not in explorer_text


def test_the_admin_uses_the_newsroom_glossary():
    wrong = {msgid: vietnamese(msgid) for msgid, word in GLOSSARY.items() if vietnamese(msgid) != word}
    assert not wrong, f"terms that do not follow the glossary: {wrong}"


def test_admin_javascript_catalogue_translates_every_wagtail_js_message(client, records):
    sign_in(client, records.user)
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


def test_the_check_finds_english_wherever_the_admin_shows_it():
    html = """<html lang="vi"><head><title>Dashboard</title></head><body>
        <button aria-label="Toggle sidebar"></button> <input type="submit" value="Save draft">
        <p>Trang</p> <p>Page 2 of 5</p> <label>Lead (sapo)</label> <span>6 months trước</span>
        <span data-w-tooltip-content-value="Choose another page"></span>
        <script type="application/json">{"label": "Site history", "_type": "wagtail.sidebar.LinkMenuItem"}</script>
        <script>const text = "Delete page";</script>
        <span data-side-panel-toggle-counter>None</span> <p>Trang chủ</p></body></html>"""
    fragments = visible_fragments(BeautifulSoup(html, "html.parser"))
    found = {text for text, _source in untranslated_english(fragments, content={"Trang chủ"})}
    assert found == {
        "Dashboard",
        "Toggle sidebar",
        "Save draft",
        "Page 2 of 5",
        "Lead (sapo)",
        "6 months trước",
        "Choose another page",
        "Site history",
    }


def test_the_check_finds_python_words_and_empty_titles():
    html = """<html lang="vi"><head><title> - Sở Ngoại vụ</title></head><body><table><tr>
        <td>None</td><td><svg><title>True</title></svg></td><td>Có</td><td>—</td>
        <td><span data-side-panel-toggle-counter>None</span></td><td>Không có</td></tr></table></body></html>"""
    soup = BeautifulSoup(html, "html.parser")
    assert python_literals(visible_fragments(soup)) == ["None", "True"]
    assert title_problems(soup) == ["empty page title '- Sở Ngoại vụ'"]
    assert title_problems(BeautifulSoup("<title>Bảng điều khiển - Sở Ngoại vụ</title>", "html.parser")) == []
