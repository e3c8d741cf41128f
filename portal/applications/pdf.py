"""The result letter the portal generates when staff do not upload a signed PDF.

A letter (công văn) of the agency in the form of Decree 30/2020/NĐ-CP (portal.formaldocs): the
agency's heading and number, the place and date, the applicant as addressee, the text the officer
wrote, and the signature of the leader who approved the application, with the authority and title
of their staff profile.
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.formaldocs import FormalDocument, agency_heading, agency_symbol, number_and_symbol, render_pdf, staff_signer

from .models import Application, ApplicationEvent


def approver_of(application: Application):
    """The leader whose approval the result carries (the last approval, if it was ever given twice)."""
    event = (
        application.events.filter(kind=ApplicationEvent.APPROVED, user__isnull=False)
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )
    return event.user if event else None


def result_letter(
    application: Application, *, document_number: str, body: str, date: datetime.date | None = None
) -> FormalDocument:
    approver = approver_of(application)
    language = application.language if application.language in ("vi", "en") else "vi"
    agency = application.version.procedure.unit.agency  # the agency whose unit handles the procedure
    with translation.override(language):
        paragraphs = [{"type": "paragraph", "text": p.strip()} for p in body.split("\n\n") if p.strip()]
        procedure = {"type": "paragraph", "text": _("Procedure: %(name)s.") % {"name": application.version.name}}
        check = _(
            "Issued through the agency's website; its SHA-256 check code is shown on the application's tracking page."
        )
        return FormalDocument(
            **agency_heading(language, agency),
            number=document_number.strip() or number_and_symbol(None, agency_symbol(agency)),
            date=date or timezone.localdate(),
            kind="",  # a letter: its summary goes under the number
            summary=_("the result of application %(number)s") % {"number": application.receipt_number},
            addressees=[application.applicant_name],
            body=[procedure, *paragraphs, {"type": "paragraph", "text": check, "italic": True}],
            recipients=[pgettext("recipients of a letter", "As above")],
            archive="VT",  # the clerical office (văn thư) files the copy
            signer=staff_signer(approver) if approver else None,
            language=language,
            filename=f"ket-qua-{application.receipt_number}",
        )


def result_letter_pdf(
    application: Application, *, document_number: str, body: str, date: datetime.date | None = None
) -> bytes:
    return render_pdf(result_letter(application, document_number=document_number, body=body, date=date))
