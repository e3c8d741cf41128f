"""The minutes of a meeting in the form of Decree 30/2020/NĐ-CP (Phụ lục III, mẫu 1.5: "BIÊN BẢN").

The national heading, issuer, number, place and date, title and closing come from
portal.formaldocs; the body follows the form: time and place, who attended, chair and secretary,
the proceedings item by item, the conclusions and the time the meeting ended. The form signs
twice, the secretary on the left and the chair on the right: a FormalDocument has one signer (the
chair), so the secretary's block is added here, above the recipients, in both formats.
"""

from __future__ import annotations

from html import escape

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.formaldocs import FormalDocument, Signer, agency_heading, render_docx
from portal.formaldocs.documents import agency_symbol, number_and_symbol, render_html

from .forms import person_name
from .models import Meeting

MINUTES_LANGUAGE = settings.LANGUAGE_CODE  # filed in the agency's language, as the report is
SIGNATURE_ROOM_LINES = 4  # as many blank lines as formaldocs leaves for the chair's signature


def _paragraphs(text: str) -> list[dict]:
    return [{"type": "paragraph", "text": line.strip()} for line in text.splitlines() if line.strip()]


def _time(value) -> str:
    return _("%(hour)s:%(minute)s") % {"hour": f"{value.hour:02d}", "minute": f"{value.minute:02d}"}


def _signature_titles() -> tuple[str, str]:
    """The secretary's and the chair's titles over their signatures."""
    with translation.override(MINUTES_LANGUAGE):
        return _("SECRETARY"), _("CHAIR")


def minutes_document(meeting: Meeting) -> FormalDocument:
    with translation.override(MINUTES_LANGUAGE):
        day = meeting.date.strftime("%d/%m/%Y")
        attendees = [person_name(user) for user in meeting.attendees.order_by("last_name", "first_name")]
        attendees += [line.strip() for line in meeting.guests.splitlines() if line.strip()]
        body = [
            {
                "type": "paragraph",
                "text": _("Begins at: %(time)s, %(day)s") % {"time": _time(meeting.starts_at), "day": day},
            },
            {"type": "paragraph", "text": _("Place: %(place)s") % {"place": meeting.place}},
            {
                "type": "paragraph",
                "text": _("Attending: %(people)s") % {"people": "; ".join(attendees) or "—"},
            },
            {"type": "paragraph", "text": _("Chair: %(name)s") % {"name": person_name(meeting.chair)}},
            {
                "type": "paragraph",
                "text": _("Secretary (takes the minutes): %(name)s")
                % {"name": person_name(meeting.secretary) if meeting.secretary else "—"},
            },
            {"type": "heading", "text": _("Proceedings of the meeting:"), "level": 1},
        ]
        for number, item in enumerate(meeting.agenda_items.order_by("sort_order", "pk"), start=1):
            title = f"{number}. {item.title}"
            if item.presenter:
                title += " " + _("(presented by %(name)s)") % {"name": item.presenter}
            body.append({"type": "heading", "text": title, "level": 2})
            body += _paragraphs(item.details)
            if item.conclusion.strip():
                body.append(
                    {"type": "paragraph", "text": _("Conclusion: %(text)s") % {"text": item.conclusion.strip()}}
                )
        body += _paragraphs(meeting.proceedings)
        if meeting.conclusions.strip():
            body.append({"type": "heading", "text": _("Conclusions:"), "level": 1})
            body += _paragraphs(meeting.conclusions)
        documents = [str(entry.document) for entry in meeting.documents.select_related("document")]
        if documents:
            body.append(
                {
                    "type": "paragraph",
                    "text": _("Documents of the meeting: %(titles)s") % {"titles": "; ".join(documents)},
                }
            )
        if meeting.ends_at:
            body.append(
                {
                    "type": "paragraph",
                    "text": _("The meeting ended at %(time)s, %(day)s.") % {"time": _time(meeting.ends_at), "day": day},
                }
            )
        return FormalDocument(
            **agency_heading(MINUTES_LANGUAGE, meeting.plan.agency),
            number=meeting.number or number_and_symbol(None, "BB", agency_symbol(meeting.plan.agency)),
            date=meeting.date,
            kind=_("MINUTES"),
            summary=meeting.title,
            body=body,
            recipients=[line for line in meeting.recipients.splitlines() if line.strip()],
            signer=Signer(authority="", title=_signature_titles()[1], name=person_name(meeting.chair)),
            language=MINUTES_LANGUAGE,
            archive=_("VT, file"),
            filename=f"bien-ban-{meeting.date:%Y-%m-%d}-{meeting.pk}",
        )


def _secretary_name(meeting: Meeting) -> str:
    return person_name(meeting.secretary) if meeting.secretary else ""


def minutes_docx(meeting: Meeting) -> bytes:
    import io

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    content = render_docx(minutes_document(meeting))
    title, chair = _signature_titles()
    name = _secretary_name(meeting)
    document = docx.Document(io.BytesIO(content))
    # the closing: recipients on the left, the chair's signature on the right
    closing = next(table for table in document.tables if table.cell(0, -1).text.startswith(chair))
    left = closing.cell(0, 0)
    anchor = left.paragraphs[0]
    lines = [(title, True), *[("", False)] * SIGNATURE_ROOM_LINES, (name, True), ("", False)]
    for text, bold in lines:
        paragraph = anchor.insert_paragraph_before()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            paragraph.add_run(text).bold = bold
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


SECRETARY_HTML = '<div class="signature"><div class="caps">{title}</div><div class="room"></div><div>{name}</div></div>'


def minutes_html(meeting: Meeting) -> str:
    html = render_html(minutes_document(meeting))
    block = SECRETARY_HTML.format(title=escape(_signature_titles()[0]), name=escape(_secretary_name(meeting)))
    marker = '<td class="recipients">'
    if marker not in html:
        raise ValueError("the formal document's closing has changed: the secretary's block has nowhere to go")
    return html.replace(marker, marker + block + '<div style="height:12pt"></div>', 1)


def minutes_pdf(meeting: Meeting) -> bytes:
    from weasyprint import HTML

    from portal.news.pdf import LocalFilesFetcher

    return HTML(string=minutes_html(meeting), base_url="http://localhost/", url_fetcher=LocalFilesFetcher()).write_pdf()
