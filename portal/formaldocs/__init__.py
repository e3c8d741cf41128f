"""Documents the agency issues, in the form of Decree 30/2020/NĐ-CP: see `portal.formaldocs.documents`."""

from .documents import (
    FormalDocument,
    Signer,
    agency_heading,
    agency_symbol,
    date_line,
    number_and_symbol,
    render_docx,
    render_pdf,
    staff_signer,
)

__all__ = [
    "FormalDocument",
    "Signer",
    "agency_heading",
    "agency_symbol",
    "date_line",
    "number_and_symbol",
    "render_docx",
    "render_pdf",
    "staff_signer",
]
