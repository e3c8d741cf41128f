"""Installing an agency pack: the site, its categories, units, people, roles, workflows, plan and royalties.

`install_pack` is idempotent and never takes back what staff did: a value is written when it is new,
or when it is still what the pack last wrote (AppliedValue remembers that); a value someone edited
since is left alone and reported. Nothing is ever deleted. It runs in one transaction: a pack that
fails half-way leaves nothing behind, and `check=True` rolls everything back after reporting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask

from portal.accounts.models import StaffProfile
from portal.core.models import AgencySettings, default_site
from portal.editorial.models import CategoryEditorReviewTask, GroupReviewTask
from portal.home.models import HomePage
from portal.news.models import SectionPage
from portal.organisation.models import Leader
from portal.planning.models import Anniversary, BudgetLine, KeyTask, Plan, PlanRow, UnitMinimum
from portal.planning.services import derived_unit_minimums, plan_copy_forward
from portal.province.setup import province_setup
from portal.royalties.models import RoyaltyRate, RoyaltySchedule
from portal.translations.models import CategoryTranslationRule
from portal.units import roles
from portal.units.models import Unit

from . import schema
from .loading import UNIT_HEADS, PackInvalid, Problem
from .models import AppliedValue
from .sections import promote_section

ROLE_BY_KEY = {
    "contributor": roles.CONTRIBUTOR,
    "unit_head": roles.UNIT_HEAD,
    "category_editor": roles.CATEGORY_EDITOR,
    "secretariat": roles.SECRETARIAT,
    "editor_in_chief": roles.EDITOR_IN_CHIEF,
    "accountant": roles.ACCOUNTANT,
    "application_officer": roles.APPLICATION_OFFICER,
    "application_approver": roles.APPLICATION_APPROVER,
}
# An approval step of the pack, as a Wagtail task: its name in the admin and the role whose group approves.
STEP_TASKS = {
    "unit_head": ("Trưởng đơn vị duyệt", roles.UNIT_HEAD),
    "secretariat": ("Thường trực Ban Biên tập duyệt", roles.SECRETARIAT),
    "editor_in_chief": ("Trưởng Ban Biên tập phê duyệt", roles.EDITOR_IN_CHIEF),
}
CATEGORY_STEP_NAME = "Phụ trách biên tập duyệt"
DEFAULT_WORKFLOW_NAME = "Quy trình duyệt tin bài"
# Index pages the home page links to as quick links, by the page type of the category.
QUICK_LINKS = {
    "procedures.ProcedureIndexPage": "services_page",
    "qa.QuestionIndexPage": "questions_page",
    "documents.DocumentIndexPage": "documents_page",
}
TRANSLATION_DAYS_FALLBACK = 2  # a pack whose plan has no "after the Vietnamese item" row


@dataclass
class Report:
    """What an installation did, line by line, for the console."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # only what Wagtail installs and the portal does not use

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


class _Applier:
    """Writes a pack's values, three ways: new, still the pack's (updated), or edited by staff (kept)."""

    def __init__(self, pack: schema.Pack, report: Report):
        self.prefix = pack.agency.code
        self.report = report
        self.applied = {row.key: row.value for row in AppliedValue.objects.filter(key__startswith=f"{self.prefix}:")}

    def set(self, key: str, instance, field_name: str, wanted, *, label: str, new: bool = False) -> bool:
        """Give `instance.field_name` the pack's value unless staff changed it; True when it changed."""
        key = f"{self.prefix}:{key}"
        current = getattr(instance, field_name)
        if new or _json(current) == _json(wanted):  # pages compare by id, whatever their specific class
            if not new and key in self.applied and self.applied[key] == _json(wanted):
                return False
            self._remember(key, wanted)
            if new:
                setattr(instance, field_name, wanted)
            return new and current != wanted
        last = self.applied.get(key)
        if last is not None and _json(current) == last:
            setattr(instance, field_name, wanted)
            self._remember(key, wanted)
            self.report.updated.append(
                _("%(what)s: %(field)s changed as the pack says") % {"what": label, "field": field_name}
            )
            return True
        if last is None and (_empty(current) or _is_default(instance, field_name, current)):
            setattr(instance, field_name, wanted)
            self._remember(key, wanted)
            return True
        self.report.kept.append(
            _("%(what)s: %(field)s left as staff edited it (pack: %(wanted)s)")
            % {"what": label, "field": field_name, "wanted": _short(wanted)}
        )
        return False

    def set_many(self, key: str, instance, field_name: str, wanted: list, *, label: str) -> bool:
        """The same for a many-to-many field, compared as sets of primary keys."""
        manager = getattr(instance, field_name)
        current = sorted(obj.pk for obj in manager.all())
        wanted_pks = sorted(obj.pk for obj in wanted)
        full_key = f"{self.prefix}:{key}"
        last = self.applied.get(full_key)
        if current == wanted_pks:
            if last != wanted_pks:
                self._remember(full_key, wanted_pks)
            return False
        if last is None and not current or last == current:
            manager.set(wanted)
            self._remember(full_key, wanted_pks)
            if last is not None:
                self.report.updated.append(
                    _("%(what)s: %(field)s changed as the pack says") % {"what": label, "field": field_name}
                )
            return True
        self.report.kept.append(_("%(what)s: %(field)s left as staff edited it") % {"what": label, "field": field_name})
        return False

    def remember(self, key: str, value) -> None:
        """Note that the pack wrote `value` (a key without the agency's prefix)."""
        self._remember(f"{self.prefix}:{key}", value)

    def _remember(self, key: str, value) -> None:
        value = _json(value)
        AppliedValue.objects.update_or_create(key=key, defaults={"value": value})
        self.applied[key] = value


def _json(value):
    if hasattr(value, "_meta"):  # a model instance: its primary key
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _is_default(instance, field_name: str, current) -> bool:
    """Whether `current` is the model's default for the field: a value nobody chose yet."""
    try:
        return current == instance._meta.get_field(field_name).get_default()
    except FieldDoesNotExist:
        return False


def _empty(value) -> bool:
    return value in (None, "", [], 0) or (isinstance(value, str) and not strip_tags(value).strip())


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _html(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def _publish(page: Page) -> None:
    page.save_revision().publish()


Progress = Callable[[str], None]


def install_pack(
    pack: schema.Pack,
    *,
    check: bool = False,
    hostname: str | None = None,
    site: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Create or update everything `pack` describes; with `check`, report the changes and write nothing.
    `hostname` stands in for the pack's (a staging server, or the demo on localhost). With `site` (a host
    name), the pack's agency gets a Wagtail site of its own beside the default site's agency, and
    nothing of another agency is changed; `PackInvalid` before anything is written where it cannot."""
    problems = agency_problems(pack, site=site)
    if problems:
        raise PackInvalid(problems)
    report = Report()
    step = progress or (lambda name: None)
    with transaction.atomic():
        applier = _Applier(pack, report)
        step(_("languages and home pages"))
        vi, en = _locales()
        if site:
            home_vi, home_en, wagtail_site = _own_site(pack, applier, vi, en, report, site)
        else:
            home_vi, home_en, wagtail_site = _homes(pack, applier, vi, en, report, hostname)
        agency = _agency(pack, applier, wagtail_site)
        step(_("units and people"))
        units = _units(pack, applier, report, agency)
        report.removed.extend(roles.remove_wagtail_defaults())
        groups = roles.ensure_roles(site_roots=[home_vi, home_en], agency=agency)
        report.created.extend(province_setup(agency))  # the province's board and carrying, for a province's pack
        people = _people(pack, applier, units, groups, report)
        _unit_heads(pack, applier, units, people)
        step(_("categories"))
        categories = _categories(pack, applier, home_vi, en, report)
        _quick_links(home_vi, home_en, categories)
        step(_("approval workflows"))
        _workflows(pack, categories, [home_vi, home_en], groups, agency, report)
        step(_("plans and royalties"))
        for plan in pack.plans:
            _plan(plan, applier, agency, units, people, categories, home_en, report)
        _royalties(pack, applier, agency, people, report)
        _translation_rules(pack, applier, units, categories)
        _anniversaries(pack, agency, units, report)
        _director(pack, agency, report)
        if check:
            transaction.set_rollback(True)
    return report


HOSTNAME = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")


def _problem(field_name: str, message, **params) -> Problem:
    return Problem(line=None, field=field_name, message=message, params=params)


def agency_problems(pack: schema.Pack, *, site: str | None) -> list[Problem]:
    """Why `pack`'s agency cannot be installed on the site `site` (its host name; None: the default
    site) beside the agencies the installation holds: every reason at once, nothing written."""
    code = pack.agency.code
    holder = AgencySettings.objects.filter(code=code).select_related("site").first()
    default = default_site()
    if site is None:
        if holder is not None and not holder.site.is_default_site:
            return [
                _problem(
                    "agency.code",
                    gettext_lazy("the agency “%(code)s” has a site of its own: run setup_portal with --site %(host)s."),
                    code=code,
                    host=holder.site.hostname,
                )
            ]
        return []
    problems = []
    if not HOSTNAME.match(site):
        problems.append(_problem("--site", gettext_lazy("“%(host)s” is not a host name."), host=site))
    if default is not None and site == default.hostname:
        problems.append(
            _problem(
                "--site",
                gettext_lazy("%(host)s is the default site's host: its agency is installed without --site."),
                host=site,
            )
        )
        return problems
    taken = Site.objects.filter(hostname=site).first()
    own = AgencySettings.objects.filter(site=taken).first() if taken else None
    if taken is not None and (own is None or own.code != code):
        problems.append(
            _problem(
                "--site",
                gettext_lazy("the host %(host)s is held by the site of another agency (%(agency)s)."),
                host=site,
                agency=(own.name_vi if own and own.name_vi else taken.site_name) or taken.hostname,
            )
        )
    if holder is not None and holder.site.hostname != site:
        problems.append(
            _problem(
                "agency.code",
                gettext_lazy("the agency code “%(code)s” is held by the agency of the site %(host)s."),
                code=code,
                host=holder.site.hostname,
            )
        )
    elif holder is None and AppliedValue.objects.filter(key__startswith=f"{code}:").exists():
        # installed before agencies had a code: the default site's agency
        problems.append(
            _problem(
                "agency.code",
                gettext_lazy(
                    "the agency code “%(code)s” is the default site's agency: it is installed without --site."
                ),
                code=code,
            )
        )
    if taken is None:
        root = Page.get_first_root_node()
        for slug in _home_slugs(pack):
            if root is not None and Page.objects.child_of(root).filter(slug=slug).exists():
                problems.append(
                    _problem(
                        "agency.code",
                        gettext_lazy(
                            "the address “%(slug)s” the new site's home page needs is taken by another site's page."
                        ),
                        slug=slug,
                    )
                )
    others = AgencySettings.objects.exclude(code=code)
    for person in pack.people:
        user = get_user_model().objects.filter(username=person.username).first()
        unit = getattr(getattr(user, "staff_profile", None), "unit", None)
        if unit is not None and others.filter(pk=unit.agency_id).exists():
            problems.append(
                _problem(
                    "people",
                    gettext_lazy("the account %(username)s belongs to another agency (%(agency)s)."),
                    username=person.username,
                    agency=unit.agency.name_vi,
                )
            )
        if "administrator" in person.roles:
            # a superuser sees every agency of the installation: not a role one agency's pack may give
            problems.append(
                _problem(
                    "people",
                    gettext_lazy(
                        "%(username)s is given the administrator role, which reaches every agency of the "
                        "installation: a pack installed with --site gives its people the agency's roles only."
                    ),
                    username=person.username,
                )
            )
    return problems


def _home_slugs(pack: schema.Pack) -> tuple[str, str]:
    """The addresses of an agency's own home pages at the top of the tree (not in its URLs)."""
    return pack.agency.code, f"{pack.agency.code}-en"


def _locales() -> tuple[Locale, Locale]:
    vi, _created = Locale.objects.get_or_create(language_code="vi")
    en, _created = Locale.objects.get_or_create(language_code="en")
    return vi, en


def _own_site(
    pack: schema.Pack, applier: _Applier, vi: Locale, en: Locale, report: Report, hostname: str
) -> tuple[HomePage, HomePage, Site]:
    """The home pages and the site of an agency beside the default site's (`--site`): its own, made once."""
    site = Site.objects.filter(hostname=hostname).first()  # agency_problems: none yet, or this agency's
    slug_vi, slug_en = _home_slugs(pack)
    if site is None:
        home_vi = Page.get_first_root_node().add_child(
            instance=HomePage(title=pack.home.title.vi, slug=slug_vi, locale=vi, intro=_html(pack.home.intro.vi))
        )
        _publish(home_vi)
        report.created.append(_("home page “%(title)s”") % {"title": pack.home.title.vi})
        site = Site.objects.create(hostname=hostname, port=80, root_page=home_vi, site_name=pack.agency.name.vi)
        applier.remember("site:hostname", hostname)
        applier.remember("site:site_name", pack.agency.name.vi)
        report.created.append(_("site %(host)s") % {"host": hostname})
    else:
        home_vi = site.root_page.specific
        if applier.set("home:title:vi", home_vi, "title", pack.home.title.vi, label=_("home page")):
            _publish(home_vi)
        if applier.set("site:site_name", site, "site_name", pack.agency.name.vi, label=_("site")):
            site.save()
    home_en = home_vi.get_translations().filter(locale=en).first()
    if home_en is None:
        home_en = home_vi.copy_for_translation(en)
        home_en.title, home_en.slug = pack.home.title.en or pack.home.title.vi, slug_en
        home_en.intro = _html(pack.home.intro.en)
        home_en.save()
        _publish(home_en)
        report.created.append(_("English home page"))
    return home_vi, home_en.specific, site


def _homes(
    pack: schema.Pack, applier: _Applier, vi: Locale, en: Locale, report: Report, hostname: str | None
) -> tuple[HomePage, HomePage, Site]:
    home_vi = _default_home(vi)
    if home_vi is None:
        root = Page.get_first_root_node()
        placeholders = [page for page in root.get_children() if page.specific_class is Page]  # Wagtail's "Welcome"
        home_vi = root.add_child(
            instance=HomePage(title=pack.home.title.vi, slug="trang-chu", locale=vi, intro=_html(pack.home.intro.vi))
        )
        _publish(home_vi)
        for page in placeholders:
            Site.objects.filter(root_page=page).update(root_page=home_vi)
            page.delete()
        report.created.append(_("home page “%(title)s”") % {"title": pack.home.title.vi})
    elif applier.set("home:title:vi", home_vi, "title", pack.home.title.vi, label=_("home page")):
        _publish(home_vi)
    site = _site(pack, applier, home_vi, hostname or pack.agency.hostname, report)
    home_en = home_vi.get_translations().filter(locale=en).first()
    if home_en is None:
        home_en = home_vi.copy_for_translation(en)
        home_en.title, home_en.slug = pack.home.title.en or pack.home.title.vi, "home"
        home_en.intro = _html(pack.home.intro.en)
        home_en.save()
        _publish(home_en)
        report.created.append(_("English home page"))
    return home_vi, home_en.specific, site


def _default_home(vi: Locale) -> HomePage | None:
    """The default site's home page; on an installation from before sites had agencies, the first one."""
    site = default_site()
    if site is not None and site.root_page.specific_class is HomePage:
        return site.root_page.specific
    return HomePage.objects.filter(locale=vi).order_by("path").first()


def _site(pack: schema.Pack, applier: _Applier, home_vi: HomePage, hostname: str, report: Report) -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.filter(root_page=home_vi).first()
    if site is None:
        site = Site(port=80, is_default_site=True, root_page=home_vi)
        report.created.append(_("site %(host)s") % {"host": hostname})
    site.root_page = home_vi
    key = f"{applier.prefix}:site:hostname"
    if site.hostname in ("", "localhost") and key not in applier.applied:  # Wagtail's placeholder site
        site.hostname = hostname
        applier.remember("site:hostname", hostname)
    else:
        applier.set("site:hostname", site, "hostname", hostname, label=_("site"))
    applier.set("site:site_name", site, "site_name", pack.agency.name.vi, label=_("site"), new=site.pk is None)
    site.save()
    return site


def _agency(pack: schema.Pack, applier: _Applier, site: Site) -> AgencySettings:
    agency = pack.agency
    settings = AgencySettings.for_site(site)
    values = {
        "code": agency.code,
        "name_vi": agency.name.vi,
        "name_en": agency.name.en,
        "parent_body_vi": agency.parent_body.vi if agency.parent_body else "",
        "parent_body_en": agency.parent_body.en if agency.parent_body else "",
        "address_vi": agency.address.vi,
        "address_en": agency.address.en,
        "phone": agency.phone,
        "fax": agency.fax,
        "email": agency.email,
        "licence_vi": agency.licence.vi if agency.licence else "",
        "licence_en": agency.licence.en if agency.licence else "",
    }
    if agency.officer:
        values |= {
            "officer_name": agency.officer.name,
            "officer_post_vi": agency.officer.post.vi,
            "officer_post_en": agency.officer.post.en,
            "officer_phone": agency.officer.phone,
            "officer_email": agency.officer.email or "",
        }
    values |= {"is_province": agency.level == "province"}
    values |= {"symbol": agency.short_name, "place_vi": agency.place.vi, "place_en": agency.place.en}
    if agency.document_heading:
        heading = agency.document_heading
        values |= {
            "document_parent_vi": heading.parent.vi if heading.parent else "",
            "document_parent_en": heading.parent.en if heading.parent else "",
            "document_name_vi": heading.name.vi,
            "document_name_en": heading.name.en,
        }
    changed = False
    for name, value in values.items():
        changed |= applier.set(f"agency:{name}", settings, name, value, label=_("agency details"))
    if changed:
        settings.save()
    return settings


def _units(pack: schema.Pack, applier: _Applier, report: Report, agency: AgencySettings) -> dict[str, Unit]:
    units = {}
    for order, data in enumerate(pack.units):
        unit = Unit.objects.filter(agency=agency, code=data.code).first()
        new = unit is None
        if new:
            unit = Unit(agency=agency, code=data.code, sort_order=order)
            report.created.append(_("unit %(name)s") % {"name": data.name.vi})
        label = _("unit %(code)s") % {"code": data.code}
        changed = applier.set(f"unit:{data.code}:name_vi", unit, "name_vi", data.name.vi, label=label, new=new)
        changed |= applier.set(f"unit:{data.code}:name_en", unit, "name_en", data.name.en, label=label, new=new)
        if new or changed:
            unit.save()
        units[data.code] = unit
    return units


def _people(pack: schema.Pack, applier: _Applier, units: dict[str, Unit], groups: dict, report: Report) -> dict:
    User = get_user_model()
    people = {}
    for data in pack.people:
        user = User.objects.filter(username=data.username).first()
        family, _space, given = data.full_name.rpartition(" ")
        label = data.username
        if user is None:
            # No password: the person chooses one through "forgot password" or a link the administrator sends.
            user = User(username=data.username, is_active=True)
            user.set_unusable_password()
            report.created.append(
                _("account %(name)s (%(full_name)s)") % {"name": data.username, "full_name": data.full_name}
            )
            new = True
        else:
            new = False
        # Vietnamese order: "first name" holds the family and middle names, "last name" the given name.
        changed = applier.set(f"person:{data.username}:first_name", user, "first_name", family, label=label, new=new)
        changed |= applier.set(f"person:{data.username}:last_name", user, "last_name", given, label=label, new=new)
        changed |= applier.set(f"person:{data.username}:email", user, "email", data.email or "", label=label, new=new)
        administrator = "administrator" in data.roles
        if administrator and not user.is_superuser:
            user.is_staff = user.is_superuser = changed = True
        if new or changed:
            user.save()
        for key in data.roles:
            if key in ROLE_BY_KEY:
                user.groups.add(groups[ROLE_BY_KEY[key]])
        profile, created = StaffProfile.objects.get_or_create(user=user, defaults={"unit": units[data.unit]})
        changed = applier.set(
            f"person:{data.username}:unit", profile, "unit", units[data.unit], label=label, new=created
        )
        changed |= applier.set(
            f"person:{data.username}:position", profile, "position", data.position, label=label, new=created
        )
        if changed and not created:
            profile.save()
        elif created and data.position:
            profile.position = data.position
            profile.save()
        people[data.username] = user
    return people


def _unit_heads(pack: schema.Pack, applier: _Applier, units: dict[str, Unit], people: dict) -> None:
    for data in pack.units:
        head = people.get(data.head) if data.head else None
        unit = units[data.code]
        if applier.set(f"unit:{data.code}:head", unit, "head", head, label=_("unit %(code)s") % {"code": data.code}):
            unit.save()


def _page_class(kind: str):
    return apps.get_model(kind) if kind else SectionPage


def _categories(pack: schema.Pack, applier: _Applier, home_vi: HomePage, en: Locale, report: Report) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for data in pack.categories:
        parent = pages[data.parent] if data.parent else home_vi
        page_class = _page_class(data.kind)
        page = Page.objects.child_of(parent).filter(slug=data.slug).first()
        label = _("category %(slug)s") % {"slug": data.slug}
        intro_vi = _html(data.intro.vi) if data.intro else ""
        if page is None:
            fields = {"title": data.title.vi, "slug": data.slug, "show_in_menus": data.parent is None}
            if hasattr(page_class, "intro"):
                fields["intro"] = intro_vi
            if hasattr(page_class, "show_on_home"):
                fields["show_on_home"] = data.show_on_home
            page = parent.add_child(instance=page_class(**fields))
            _publish(page)
            for name in ("title", "intro", "show_on_home"):
                if name in fields:
                    applier.remember(f"category:{data.slug}:{name}", fields[name])
            report.created.append(_("category “%(title)s”") % {"title": data.title.vi})
        else:
            page = page.specific
            if isinstance(page, SectionPage) and page_class is not SectionPage:
                page = promote_section(page, page_class)
            changed = applier.set(f"category:{data.slug}:title", page, "title", data.title.vi, label=label)
            if hasattr(page, "intro"):
                changed |= applier.set(f"category:{data.slug}:intro", page, "intro", intro_vi, label=label)
            if hasattr(page, "show_on_home"):
                changed |= applier.set(
                    f"category:{data.slug}:show_on_home", page, "show_on_home", data.show_on_home, label=label
                )
            if changed:
                _publish(page)
        translation = page.get_translations().filter(locale=en).first()
        title_en = data.title.en or data.title.vi
        if translation is None:
            translation = page.copy_for_translation(en)
            translation.title, translation.slug = title_en, slugify(title_en) or data.slug
            if hasattr(translation, "intro"):
                translation.intro = _html(data.intro.en) if data.intro else ""
            translation.save()
            _publish(translation)
            applier.remember(f"category:{data.slug}:title_en", title_en)
        else:
            translation = translation.specific
            if applier.set(f"category:{data.slug}:title_en", translation, "title", title_en, label=label):
                _publish(translation)
        pages[data.slug] = page
    return pages


def _quick_links(home_vi: HomePage, home_en: HomePage, categories: dict[str, Page]) -> None:
    home_vi.refresh_from_db()
    home_en.refresh_from_db()
    changed = False
    for page in categories.values():
        field_name = QUICK_LINKS.get(page.specific_class._meta.label)
        if field_name and getattr(home_vi, f"{field_name}_id") is None:
            setattr(home_vi, field_name, page)
            setattr(home_en, field_name, page)
            changed = True
    if changed:
        _publish(home_vi)
        _publish(home_en)


def _agency_name(name: str, agency: AgencySettings) -> str:
    """A workflow's or a task's name in `agency`: as it is in the default site's, with the symbol elsewhere."""
    return name if agency.site.is_default_site else f"{name} ({agency.symbol or agency.code})"


def _step_task(step: str, groups: dict, agency: AgencySettings):
    if step == "category_editors":  # the plan of the category's own agency names them
        task, _created = CategoryEditorReviewTask.objects.get_or_create(name=CATEGORY_STEP_NAME)
        return task
    name, role = STEP_TASKS[step]
    name = _agency_name(name, agency)
    # never Wagtail's GroupApprovalTask: it lets an author approve their own item
    task = GroupReviewTask.objects.filter(name=name).first()
    if task is None:
        task = GroupReviewTask.objects.create(name=name)
        task.groups.set([groups[role]])
    return task


def _workflow(steps: tuple[str, ...], name: str, groups: dict, agency: AgencySettings, report: Report) -> Workflow:
    name = _agency_name(name, agency)
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        for order, step in enumerate(steps):
            WorkflowTask.objects.create(workflow=workflow, task=_step_task(step, groups, agency), sort_order=order)
        report.created.append(_("approval workflow “%(name)s”") % {"name": name})
    return workflow


def _workflows(
    pack: schema.Pack,
    categories: dict[str, Page],
    site_roots: list[Page],
    groups: dict,
    agency: AgencySettings,
    report: Report,
) -> None:
    default_steps = tuple(pack.approval)
    default = _workflow(default_steps, DEFAULT_WORKFLOW_NAME, groups, agency, report)
    for root in site_roots:
        WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": default})
    for data in pack.categories:
        if not data.approval or tuple(data.approval) == default_steps:
            continue
        labels = {"category_editors": CATEGORY_STEP_NAME, **{key: name for key, (name, _role) in STEP_TASKS.items()}}
        name = f"{DEFAULT_WORKFLOW_NAME}: " + " → ".join(labels[step] for step in data.approval)
        workflow = _workflow(tuple(data.approval), name, groups, agency, report)
        for page in categories[data.slug].get_translations(inclusive=True):
            WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def _category_page(reference: str | None, categories: dict[str, Page], home_en: HomePage) -> Page | None:
    if not reference:
        return None
    if reference == "en:home":  # row 18: the English site as a whole
        return home_en
    return categories.get(reference)


def _row_values(row: schema.PlanRow, categories: dict[str, Page], home_en: HomePage) -> dict:
    return {
        "site": row.site,
        "title": row.title,
        "content": row.content,
        "category": _category_page(row.category, categories, home_en),
        "continues": row.continues,
        "quantity_text": row.quantity.text,
        "quantity_min": row.quantity.min,
        "quantity_max": row.quantity.max,
        "sources_text": row.sources,
        "deadline_text": row.deadline.text,
        "deadline_rule": row.deadline.rule,
        "deadline_days": row.deadline.days,
        "deadline_in_calendar_days": row.deadline.counted == "calendar",
        "stale_after_days": row.stale_after_days,
        "editor_text": row.editors_text,
        "editors_are_unit_heads": UNIT_HEADS in row.editors,
    }


def _task_values(task: schema.KeyTask, people: dict) -> dict:
    return {
        "content": task.content,
        "period_text": task.period_text,
        "quarter_from": task.quarters[0],
        "quarter_to": task.quarters[1],
        "unit_text": task.units_text,
        "owner": people.get(task.owner) if task.owner else None,
        "status": task.status,
        "note": task.note,
    }


def _plan(
    data: schema.Plan,
    applier: _Applier,
    agency: AgencySettings,
    units: dict,
    people: dict,
    categories: dict,
    home_en: HomePage,
    report: Report,
) -> Plan:
    plan = Plan.objects.filter(agency=agency, year=data.year).first()
    new = plan is None
    plan = plan or Plan(agency=agency, year=data.year)
    label = _("plan %(year)s") % {"year": data.year}
    key = f"plan:{data.year}"
    changed = False
    for name, value in {
        "title": data.title,
        "reference": data.reference,
        "issued_on": data.issued_on,
        "signed_by": data.signed_by,
        "weekly_min": data.weekly.min if data.weekly.min is not None else 0,
        "weekly_max": data.weekly.max if data.weekly.max is not None else 0,
        "budget": data.budget,
    }.items():
        changed |= applier.set(f"{key}:{name}", plan, name, value, label=label, new=new)
    if new or changed:
        plan.save()
    if new:
        report.created.append(
            _("plan of %(year)s: %(rows)s rows, %(tasks)s key tasks")
            % {"year": data.year, "rows": len(data.rows), "tasks": len(data.key_tasks)}
        )
    rows = {row.number: row for row in plan.rows.all()}
    for order, row_data in enumerate(data.rows):
        row = rows.get(row_data.number)
        row_new = row is None
        row = row or PlanRow(plan=plan, number=row_data.number, sort_order=order)
        row_label = _("plan %(year)s, row %(number)s") % {"year": data.year, "number": row_data.number}
        row_changed = False
        for name, value in _row_values(row_data, categories, home_en).items():
            row_changed |= applier.set(
                f"{key}:row:{row_data.number}:{name}", row, name, value, label=row_label, new=row_new
            )
        # Parental many-to-many fields are written when the row is saved: set them first.
        row_changed |= applier.set_many(
            f"{key}:row:{row_data.number}:source_units",
            row,
            "source_units",
            [units[code] for code in row_data.units],
            label=row_label,
        )
        row_changed |= applier.set_many(
            f"{key}:row:{row_data.number}:editors",
            row,
            "editors",
            [people[name] for name in row_data.editors if name != UNIT_HEADS],
            label=row_label,
        )
        if row_new or row_changed:
            row.save()
    tasks = {task.number: task for task in plan.key_tasks.all()}
    for order, task_data in enumerate(data.key_tasks):
        task = tasks.get(task_data.number)
        task_new = task is None
        task = task or KeyTask(plan=plan, number=task_data.number, sort_order=order)
        task_label = _("plan %(year)s, key task %(number)s") % {"year": data.year, "number": task_data.number}
        task_changed = False
        for name, value in _task_values(task_data, people).items():
            task_changed |= applier.set(
                f"{key}:task:{task_data.number}:{name}", task, name, value, label=task_label, new=task_new
            )
        task_changed |= applier.set_many(
            f"{key}:task:{task_data.number}:units",
            task,
            "units",
            [units[code] for code in task_data.units],
            label=task_label,
        )
        if task_new or task_changed:
            task.save()
    lines = {line.label: line for line in plan.budget_lines.all()}
    for order, line_data in enumerate(data.budget_lines):
        line = lines.get(line_data.label)
        line_new = line is None
        line = line or BudgetLine(plan=plan, label=line_data.label, sort_order=order)
        line_label = _("plan %(year)s, budget line") % {"year": data.year}
        line_changed = applier.set(
            f"{key}:budget:{line_data.kind}:quantity",
            line,
            "quantity",
            line_data.quantity,
            label=line_label,
            new=line_new,
        )
        line_changed |= applier.set(
            f"{key}:budget:{line_data.kind}:unit_amount",
            line,
            "unit_amount",
            line_data.unit_amount,
            label=line_label,
            new=line_new,
        )
        if line_new or line_changed:
            line.save()
    if new:
        minimums = derived_unit_minimums(
            [
                {"number": r.number, "source_units": r.units, "continues": r.continues, "quantity_min": r.quantity.min}
                for r in data.rows
            ]
        )
        for order, (code, minimum) in enumerate(sorted(minimums.items(), key=lambda item: units[item[0]].sort_order)):
            UnitMinimum.objects.create(plan=plan, sort_order=order, unit=units[code], monthly_minimum=minimum)
    return plan


def _royalties(pack: schema.Pack, applier: _Applier, agency: AgencySettings, people: dict, report: Report) -> None:
    plans = {plan.year: plan for plan in pack.plans}
    for data in pack.royalties:
        schedule = RoyaltySchedule.objects.filter(agency=agency, year=data.year).first()
        new = schedule is None
        schedule = schedule or RoyaltySchedule(agency=agency, year=data.year)
        label = _("royalty schedule %(year)s") % {"year": data.year}
        key = f"royalties:{data.year}"
        changed = False
        for name, value in {
            "title": data.title,
            "decision": data.decision,
            "base_salary": data.base_salary,
            "payment_days": data.payment_days,
            "administrator": people.get(data.administrator) if data.administrator else None,
        }.items():
            changed |= applier.set(f"{key}:{name}", schedule, name, value, label=label, new=new)
        if new or changed:
            schedule.save()
        if new:
            report.created.append(label)
        rates = {rate.kind: rate for rate in schedule.rates.all()}
        for order, line in enumerate(plans[data.year].budget_lines):
            rate = rates.get(line.kind)
            rate_new = rate is None
            rate = rate or RoyaltyRate(schedule=schedule, kind=line.kind, sort_order=order)
            rate_changed = applier.set(
                f"{key}:rate:{line.kind}:amount", rate, "amount", line.unit_amount, label=label, new=rate_new
            )
            rate_changed |= applier.set(
                f"{key}:rate:{line.kind}:planned_quantity",
                rate,
                "planned_quantity",
                line.quantity,
                label=label,
                new=rate_new,
            )
            if rate_new or rate_changed:
                rate.planned_amount = 0  # the budget line is quantity × amount (RoyaltyRate.save)
                rate.save()


def _translation_days(pack: schema.Pack) -> int:
    latest = max(pack.plans, key=lambda plan: plan.year)
    row = next((row for row in latest.rows if row.deadline.rule == "after_original"), None)
    return row.deadline.days if row else TRANSLATION_DAYS_FALLBACK


def _translation_rules(pack: schema.Pack, applier: _Applier, units: dict, categories: dict[str, Page]) -> None:
    days = _translation_days(pack)
    for data in pack.categories:
        page = categories[data.slug]
        if not isinstance(page.specific, SectionPage):
            continue
        rule = CategoryTranslationRule.objects.filter(section_id=page.pk).first()
        new = rule is None
        rule = rule or CategoryTranslationRule(section_id=page.pk)
        label = _("translation of %(slug)s") % {"slug": data.slug}
        key = f"translation:{data.slug}"
        changed = applier.set(f"{key}:to_translate", rule, "to_translate", data.translate, label=label, new=new)
        unit = units.get(data.translated_by) if data.translated_by else None
        changed |= applier.set(f"{key}:unit", rule, "unit", unit, label=label, new=new)
        changed |= applier.set(f"{key}:working_days", rule, "working_days", days, label=label, new=new)
        if new or changed:
            rule.save()


def _anniversaries(pack: schema.Pack, agency: AgencySettings, units: dict, report: Report) -> None:
    """The pack's anniversaries, in its agency's own list: one already there (by its name and date) is left
    as staff may have edited it."""
    for day in pack.anniversaries:
        _anniversary, created = Anniversary.objects.get_or_create(
            agency=agency,
            name_vi=day.name.vi,
            date=day.date,
            defaults={"name_en": day.name.en, "kind": day.kind, "unit": units.get(day.unit) if day.unit else None},
        )
        if created:
            report.created.append(_("anniversary “%(name)s”") % {"name": day.name.vi})


def _director(pack: schema.Pack, agency: AgencySettings, report: Report) -> None:
    # The head who signs the plan leads the list of the agency's leaders (organisation page); found by name
    # among the agency's, so a leader staff have edited since is left as they made it.
    director = pack.agency.director
    if director is None or Leader.objects.filter(agency=agency, full_name=director.name).exists():
        return
    Leader.objects.create(
        agency=agency,
        full_name=director.name,
        post_vi=director.post.vi,
        post_en=director.post.en or "",
        phone=director.phone,
        email=director.email or "",
        sort_order=0,
    )
    report.created.append(_("leader “%(name)s”") % {"name": director.name})


def plan_agency(*, site: str | None = None, code: str | None = None) -> AgencySettings:
    """The agency whose plan `setup_portal --plan YEAR` copies: the one of the site at host `site`, or the
    one whose code is `code` (`--agency`), else the default site's. ValueError (translated) when none is."""
    agency = None
    if site is not None:
        host = site.strip().lower()
        agency = AgencySettings.objects.select_related("site").filter(site__hostname=host).first()
        if agency is None:
            raise ValueError(_("No agency's site is served at %(host)s.") % {"host": host})
    if code is not None:
        by_code = AgencySettings.objects.select_related("site").filter(code=code.strip()).exclude(code="").first()
        if by_code is None:
            raise ValueError(_("No agency has the code “%(code)s”.") % {"code": code.strip()})
        if agency is not None and agency.pk != by_code.pk:
            raise ValueError(
                _("%(host)s is not the site of the agency “%(code)s”: name one of them.")
                % {"host": site.strip().lower(), "code": code.strip()}
            )
        agency = by_code
    if agency is None:
        agency = AgencySettings.load()
        if agency.pk is None:
            raise ValueError(_("The installation has no site yet: install a pack first."))
    return agency


def plan_next_year_check(*, year: int, agency: AgencySettings | None = None) -> str:
    """What `setup_portal --plan YEAR` would do for `agency` (by default the default site's), without doing
    it (`--check`). ValueError as plan_next_year."""
    agency = agency or AgencySettings.load()
    if Plan.objects.filter(year=year, agency=agency).exists():
        if agency.site.is_default_site:
            return _("The plan of %(year)s exists: nothing to copy.") % {"year": year}
        return _("%(agency)s: the plan of %(year)s exists, nothing to copy.") % {"agency": agency.name, "year": year}
    source = _plan_to_copy(year, agency).year
    if agency.site.is_default_site:
        return _("Would copy the plan of %(source)s (and its royalty schedule) to %(year)s.") % {
            "source": source,
            "year": year,
        }
    return _("%(agency)s: would copy its plan of %(source)s (and its royalty schedule) to %(year)s.") % {
        "agency": agency.name,
        "source": source,
        "year": year,
    }


def _plan_to_copy(year: int, agency: AgencySettings) -> Plan:
    source = Plan.objects.filter(year__lt=year, agency=agency).order_by("-year").first()
    if source is None:
        if agency.site.is_default_site:
            raise ValueError(_("There is no plan before %(year)s to copy.") % {"year": year})
        raise ValueError(_("%(agency)s has no plan before %(year)s to copy.") % {"agency": agency.name, "year": year})
    return source


def plan_next_year(*, year: int, royalties: bool = True, agency: AgencySettings | None = None) -> Plan:
    """`setup_portal --plan YEAR`: the latest plan (and royalty schedule) of `agency` (by default the default
    site's) copied forward to `year`, for that agency; another agency's are left as they are."""
    agency = agency or AgencySettings.load()
    source = _plan_to_copy(year, agency)
    plan = Plan.objects.filter(year=year, agency=agency).first() or plan_copy_forward(source=source, year=year)
    schedule = RoyaltySchedule.objects.filter(year=year, agency=agency).first()
    previous = RoyaltySchedule.objects.filter(year__lt=year, agency=agency).order_by("-year").first()
    if royalties and schedule is None and previous is not None:
        with transaction.atomic():
            schedule = RoyaltySchedule.objects.create(
                agency_id=previous.agency_id,
                year=year,
                title=previous.title.replace(str(previous.year), str(year)),
                decision=previous.decision,
                base_salary=previous.base_salary,
                unit_percent=previous.unit_percent,
                payment_days=previous.payment_days,
                administrator=previous.administrator,
            )
            for rate in previous.rates.all():
                rate.pk, rate.id, rate.schedule = None, None, schedule
                rate.save()
    return plan
