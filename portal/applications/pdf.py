"""The result letter the portal generates (WeasyPrint), when staff do not upload a signed PDF."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from portal.core.models import AgencySettings
from portal.news.pdf import LocalFilesFetcher

from .models import Application


def result_letter_pdf(application: Application, *, document_number: str, body: str, signer) -> bytes:
    with translation.override(application.language):
        html = render_to_string(
            "applications/result_letter.html",
            {
                "application": application,
                "version": application.version,
                "agency": AgencySettings.load(),
                "document_number": document_number,
                "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
                "signer": signer,
                "today": timezone.localdate(),
            },
        )
    return HTML(string=html, base_url="http://localhost/", url_fetcher=LocalFilesFetcher()).write_pdf()
