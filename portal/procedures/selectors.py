"""Reads of the catalogue: what the public pages, the application form and the figures show."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.models import AgencySettings
from portal.core.text import fold
from portal.core.tree import site_pages_q

from .models import Procedure, ProcedureField, ProcedureVersion, RequiredDocument

ON_TIME_WINDOW_DAYS = 365  # the public on-time rate covers the last twelve months


@dataclass(frozen=True)
class OnTime:
    """How many applications of a procedure were decided in a period, and how many of them on time."""

    finished: int = 0
    on_time: int = 0

    @property
    def late(self) -> int:
        return self.finished - self.on_time

    @property
    def rate(self) -> float | None:
        return round(100 * self.on_time / self.finished, 1) if self.finished else None

    @property
    def rate_display(self) -> str:
        """`95,5` in Vietnamese, `95.5` in English, no decimals when whole."""
        from django.utils.formats import number_format

        if self.rate is None:
            return ""
        return number_format(self.rate, decimal_pos=0 if self.rate == int(self.rate) else 1)


# {procedure id: OnTime} of the applications decided since a date: the applications app, which
# imports the catalogue, gives it in its AppConfig.ready (the catalogue never imports it back).
OnTimeSource = Callable[..., dict[int, OnTime]]
_on_time_source: list[OnTimeSource] = []


def register_on_time_source(source: OnTimeSource) -> None:
    """`source(since=, procedure_ids=None)`; registered again (a reloaded app) it replaces the first."""
    _on_time_source[:] = [source]


def _on_time(**kwargs) -> dict[int, OnTime]:
    return _on_time_source[0](**kwargs) if _on_time_source else {}


def handled_by(agency: AgencySettings | None, *, through: str = "") -> Q:
    """The procedures `agency` handles (every procedure when no agency is named): the one rule of whose a
    procedure is, `through` the relation that leads to it ("procedure__" from a version or an application).
    A procedure is its handling unit's agency's, kept on its row (`Procedure.agency`, set from the unit)."""
    return Q(**{f"{through}agency": agency}) if agency is not None else Q()


def of_agency(agency: AgencySettings | None) -> Q:
    """The versions of the procedures `agency` handles (every version when no agency is named)."""
    return handled_by(agency, through="procedure__")


def effective_versions(agency: AgencySettings | None = None) -> QuerySet[ProcedureVersion]:
    """The versions in effect, of `agency`'s procedures when given."""
    return (
        ProcedureVersion.objects.filter(of_agency(agency), status=ProcedureVersion.EFFECTIVE)
        .select_related("procedure__field", "procedure__unit")
        .prefetch_related("fee_items")
        .order_by(
            "procedure__field__sort_order", "procedure__field__name_vi", "procedure__sort_order", "procedure__code"
        )
    )


def effective_version_for_slug(slug: str, *, agency: AgencySettings | None = None) -> ProcedureVersion:
    """The version in effect of the procedure at `slug`, with its form; Http404 when there is none, or when
    `agency` (the agency of the site asked) does not handle it."""
    version = (
        ProcedureVersion.objects.filter(of_agency(agency), procedure__slug=slug, status=ProcedureVersion.EFFECTIVE)
        .select_related("procedure__unit", "procedure__field")
        .prefetch_related("form_fields", "required_documents__template", "fee_items")
        .first()
    )
    if version is None:
        raise Http404
    return version


def catalogue_page(agency: AgencySettings | None = None):
    """The live Vietnamese catalogue page of `agency`'s site, by default the default site's (its translation
    is found through `.localized`)."""
    from portal.core.selectors import in_language

    from .models import ProcedureIndexPage

    site = (agency or AgencySettings.load()).site
    return in_language(ProcedureIndexPage.objects.live().filter(site_pages_q(site)), "vi")


def procedure_url(slug: str, *, number: int | None = None, agency: AgencySettings | None = None) -> str:
    """The public address of a procedure (or one of its versions) on the current language's catalogue of
    `agency`'s site (by default the default site's)."""
    page = catalogue_page(agency)
    if page is None:
        return ""
    page = page.localized
    if number is None:
        return page.url + page.own_route("procedure", slug=slug)
    return page.url + page.own_route("procedure_version", slug=slug, number=number)


def procedures_matching(
    words: list[str], *, agency: AgencySettings | None = None, limit: int = 5
) -> list[tuple[ProcedureVersion, str]]:
    """Procedures in effect of `agency` (the agency of the site searched; by default the default site's)
    whose code or name (either language) holds every folded word, with their addresses on that site: the
    site search shows them above the pages. A department has tens of procedures, so they are matched
    here, in two queries however many there are."""
    if not words:
        return []
    agency = agency or AgencySettings.load()
    matches = []
    for version in effective_versions(agency):
        haystack = set(re.findall(r"\w+", fold(f"{version.procedure.code} {version.name_vi} {version.name_en}")))
        if all(any(token.startswith(word) for token in haystack) for word in words):
            matches.append(version)
            if len(matches) == limit:
                break
    return [(version, procedure_url(version.procedure.slug, agency=agency)) for version in matches]


@dataclass(frozen=True)
class CatalogueEntry:
    version: ProcedureVersion
    detail_url: str
    apply_url: str
    on_time: OnTime

    @property
    def procedure(self) -> Procedure:
        return self.version.procedure


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Procedure name or code"), required=False, max_length=100)
    field = forms.ChoiceField(label=pgettext_lazy("legal document", "Field"), required=False)
    scope = forms.ChoiceField(
        label=_("Online service"),
        required=False,
        choices=[("", _("All")), *ProcedureVersion.SCOPE_CHOICES],
    )

    def __init__(self, *args, fields: list[ProcedureField], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields")), *((field.code, field.name) for field in fields)]


def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=ON_TIME_WINDOW_DAYS)


def catalogue_context(page, request: HttpRequest) -> dict:
    """Every procedure in effect, grouped by field and filtered as asked, with its on-time rate."""
    versions = list(effective_versions(AgencySettings.for_request(request)))
    fields = list({version.procedure.field_id: version.procedure.field for version in versions}.values())
    form = CatalogueFilterForm(request.GET or None, fields=fields)
    shown = versions
    if form.is_valid():
        query = fold(form.cleaned_data["q"].strip())
        if query:
            shown = [
                v
                for v in shown
                if query in fold(v.name_vi) or query in fold(v.name_en) or query in fold(v.procedure.code)
            ]
        if form.cleaned_data["field"]:
            shown = [v for v in shown if v.procedure.field.code == form.cleaned_data["field"]]
        if form.cleaned_data["scope"]:
            shown = [v for v in shown if v.online_scope == form.cleaned_data["scope"]]
    rates = _on_time(since=_since())
    base = page.url
    groups: dict[int, tuple[ProcedureField, list[CatalogueEntry]]] = {}
    for version in shown:
        slug = version.procedure.slug
        entry = CatalogueEntry(
            version=version,
            detail_url=base + page.own_route("procedure", slug=slug),
            apply_url=reverse("applications:apply", kwargs={"slug": slug}) if version.is_online else "",
            on_time=rates.get(version.procedure_id, OnTime()),
        )
        groups.setdefault(version.procedure.field_id, (version.procedure.field, []))[1].append(entry)
    own = [rate for procedure_id, rate in rates.items() if procedure_id in {v.procedure_id for v in versions}]
    overall = OnTime(finished=sum(rate.finished for rate in own), on_time=sum(rate.on_time for rate in own))
    return {
        "groups": list(groups.values()),
        "filter_form": form,
        "filtered": bool(request.GET) and len(shown) != len(versions),
        "shown_count": len(shown),
        "summary": online_summary(versions),
        "on_time": overall,
        "on_time_window_days": ON_TIME_WINDOW_DAYS,
    }


@dataclass(frozen=True)
class OnlineSummary:
    total: int
    level3: int
    level4: int

    @property
    def online(self) -> int:
        return self.level3 + self.level4

    def share(self, count: int) -> float | None:
        return round(100 * count / self.total, 1) if self.total else None

    @property
    def online_share(self) -> float | None:
        return self.share(self.online)

    @property
    def level4_share(self) -> float | None:
        return self.share(self.level4)


def online_summary(versions: list[ProcedureVersion] | None = None) -> OnlineSummary:
    """How many procedures in effect are online at level 3 (partial) and level 4 (full process)."""
    if versions is None:
        versions = list(ProcedureVersion.objects.filter(status=ProcedureVersion.EFFECTIVE).only("legacy_level"))
    return OnlineSummary(
        total=len(versions),
        level3=sum(1 for v in versions if v.legacy_level == 3),
        level4=sum(1 for v in versions if v.legacy_level == 4),
    )


def procedure_context(page, slug: str, *, number: int | None = None) -> dict:
    """One procedure as the public sees it: a version (the one in effect unless `number` is given) and its history."""
    agency = AgencySettings.for_site(page.get_site())
    procedure = Procedure.objects.select_related("field", "unit").filter(handled_by(agency), slug=slug).first()
    if procedure is None:
        raise Http404
    history = list(
        procedure.versions.exclude(status=ProcedureVersion.DRAFT)
        .only("pk", "number", "status", "effective_from", "retired_on", "decision_vi", "decision_en", "procedure_id")
        .order_by("-number")
    )
    wanted = next(
        (v for v in history if (v.number == number if number is not None else v.status == ProcedureVersion.EFFECTIVE)),
        None,
    )
    if wanted is None:
        raise Http404
    version = (
        ProcedureVersion.objects.filter(pk=wanted.pk)
        .prefetch_related(
            "fee_items",
            "form_fields",
            Prefetch("required_documents", queryset=RequiredDocument.objects.select_related("template")),
        )
        .get()
    )
    version.procedure = procedure
    base = page.url
    for item in history:
        item.url = base + page.own_route("procedure_version", slug=slug, number=item.number)
    current = next((v for v in history if v.status == ProcedureVersion.EFFECTIVE), None)
    return {
        "procedure": procedure,
        "version": version,
        "history": history,
        "current_url": base + page.own_route("procedure", slug=slug) if current else "",
        "is_current": version.status == ProcedureVersion.EFFECTIVE,
        "apply_url": reverse("applications:apply", kwargs={"slug": slug})
        if version.status == ProcedureVersion.EFFECTIVE and version.is_online
        else "",
        "on_time": _on_time(since=_since(), procedure_ids=[procedure.pk]).get(procedure.pk, OnTime()),
        "on_time_window_days": ON_TIME_WINDOW_DAYS,
        "catalogue_url": base,
    }
