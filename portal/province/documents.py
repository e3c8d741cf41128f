"""The province's quarterly summary of its agencies' portals, in the form of Decree 30/2020/NĐ-CP
(portal.formaldocs: DOCX and PDF), issued under the provincial portal's own heading, in Vietnamese
as the province files it. Every agency's figures are one row of the table (selectors.board_figures)."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.core.amounts import money
from portal.core.models import AgencySettings
from portal.formaldocs import FormalDocument, agency_heading, number_and_symbol, render_docx, render_pdf

from .selectors import AgencyFigures, Period

LANGUAGE = "vi"


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _share(part: int, whole: int) -> str:
    return f"{_count(part)}/{_count(whole)}" if whole else "—"


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


def summary_filename(period: Period, extension: str) -> str:
    return f"bao-cao-cong-tinh-quy-{period.quarter}-{period.year}.{extension}"


def summary_document(rows: list[AgencyFigures], period: Period, *, issuer: AgencySettings) -> FormalDocument:
    with translation.override(LANGUAGE):
        quarter = _("quarter %(quarter)s/%(year)s") % {"quarter": period.quarter, "year": period.year}
        body = [
            {"type": "heading", "text": _("I. THE AGENCIES' PORTALS IN THE QUARTER"), "level": 1},
            {
                "type": "paragraph",
                "text": _("%(count)s agencies' portals on the province's platform, %(quarter)s (%(start)s - %(end)s).")
                % {"count": len(rows), "quarter": quarter, "start": _date(period.start), "end": _date(period.end)},
            },
        ]
        if not period.complete:
            body.append(
                {
                    "type": "paragraph",
                    "text": _("The quarter is not over: figures up to %(day)s.") % {"day": _date(period.end)},
                    "italic": True,
                }
            )
        behind = [row for row in rows if row.published_percent is not None and row.published_percent < 100]
        body.append(
            {
                "type": "paragraph",
                "text": _(
                    "Items published in the quarter: %(items)s; items late against the plan's deadlines: %(late)s; "
                    "agencies behind their plan's quota: %(behind)s."
                )
                % {
                    "items": _count(sum(row.published_in_quarter for row in rows)),
                    "late": _count(sum(row.items_late for row in rows)),
                    "behind": ", ".join(row.agency.name_vi for row in behind) or _("none"),
                },
            }
        )
        body.append(
            {
                "type": "paragraph",
                "text": _(
                    "Citizens' questions answered on time: %(questions)s; applications decided on time: "
                    "%(applications)s; royalties paid and committed in the quarter: %(royalties)s."
                )
                % {
                    "questions": _share(
                        sum(r.questions_on_time for r in rows), sum(r.questions_answered for r in rows)
                    ),
                    "applications": _share(
                        sum(r.applications_on_time for r in rows), sum(r.applications_decided for r in rows)
                    ),
                    "royalties": money(sum(row.royalties_in_quarter for row in rows)),
                },
            }
        )
        body.append({"type": "paragraph", "text": _("The figures of each agency are in the appendix.")})
        header = [
            pgettext("report column", "No."),
            pgettext("report column", "Agency"),
            pgettext("report column", "Published in the quarter"),
            pgettext("report column", "Published this year / expected"),
            pgettext("report column", "Categories behind"),
            pgettext("report column", "Late items"),
            pgettext("report column", "Questions answered on time"),
            pgettext("report column", "Applications decided on time"),
            pgettext("report column", "Royalties this year / budget"),
        ]
        table_rows = [
            [
                str(number),
                row.agency.name_vi,
                _count(row.published_in_quarter) if row.plan else "—",
                _share(row.published_in_year, row.expected_in_year) if row.plan else _("no plan"),
                _share(row.categories_behind, row.categories_with_quota) if row.plan else "—",
                _count(row.items_late) if row.plan else "—",
                _share(row.questions_on_time, row.questions_answered),
                _share(row.applications_on_time, row.applications_decided),
                f"{money(row.royalties_in_year)} / {money(row.royalty_budget)}" if row.royalty_budget else "—",
            ]
            for number, row in enumerate(rows, start=1)
        ]
        annexes = [
            {
                "type": "heading",
                "text": _("APPENDIX: FIGURES OF EACH AGENCY, %(quarter)s") % {"quarter": quarter.upper()},
                "level": 1,
                "align": "center",
            },
            {"type": "table", "header": [header], "rows": table_rows, "widths": [1, 6, 2, 2.5, 2, 1.8, 2.5, 2.5, 4]},
        ]
        return FormalDocument(
            **agency_heading(LANGUAGE, issuer),
            number=number_and_symbol(None, "BC", issuer.symbol),
            date=timezone.localdate(),
            kind=_("REPORT"),
            summary=_("The agencies' e-information portals, %(quarter)s") % {"quarter": quarter},
            body=body,
            recipients=[_("Provincial People's Committee (to report)"), _("The agencies on the platform")],
            language=LANGUAGE,
            filename=summary_filename(period, "").rstrip("."),
            annexes=annexes,
            annexes_landscape=True,
        )


def summary_docx(rows, period, *, issuer) -> bytes:
    return render_docx(summary_document(rows, period, issuer=issuer))


def summary_pdf(rows, period, *, issuer) -> bytes:
    return render_pdf(summary_document(rows, period, issuer=issuer))
