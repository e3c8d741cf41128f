"""Hostile files built in code, for the tests of the upload checks (portal.core.filecheck) through the
forms that use it. Each is a file a reader opens; the tests assert the portal refuses it."""

import io
import zlib

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
SCRIPT_ACTION = b"<< /S /JavaScript /JS (app.alert(1)) >>"


def pdf_with_object_stream(*, script: bool = True, filter_name: str = "FlateDecode") -> bytes:
    """A PDF 1.5 whose objects sit in a compressed object stream, found through a cross-reference
    stream, as modern writers make them; with `script`, the catalogue opens a JavaScript action that
    only shows once the stream is decoded. `filter_name` "ASCIIHexDecode" hides it from a scan that
    only inflates."""
    catalog = CATALOG.replace(b">>", b"/OpenAction 4 0 R >>") if script else CATALOG
    members = [catalog, PAGES, PAGE, SCRIPT_ACTION if script else b"<< /Info (none) >>"]
    header, body = b"", b""
    for number, member in enumerate(members, start=1):
        header += f"{number} {len(body)} ".encode()
        body += member + b"\n"
    raw = header + body
    encoded = zlib.compress(raw) if filter_name == "FlateDecode" else raw.hex().encode() + b">"
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_offset = out.tell()
    out.write(
        f"5 0 obj\n<< /Type /ObjStm /N {len(members)} /First {len(header)} /Filter /{filter_name}"
        f" /Length {len(encoded)} >>\nstream\n".encode()
        + encoded
        + b"\nendstream\nendobj\n"
    )
    xref_offset = out.tell()
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    rows += [b"\x02" + (5).to_bytes(4, "big") + index.to_bytes(2, "big") for index in range(len(members))]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in (stream_offset, xref_offset)]
    table = b"".join(rows)
    out.write(
        f"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length {len(table)} >>\nstream\n".encode()
        + table
        + f"\nendstream\nendobj\nstartxref\n{xref_offset}\n%%EOF\n".encode()
    )
    return out.getvalue()


def pdf_with_escaped_script(base: bytes) -> bytes:
    """`base` (a plain one-page PDF) whose catalogue runs /J#61vaScript: the name is /JavaScript once decoded."""
    return base.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>", 1)


def pdf_html_polyglot(base: bytes) -> bytes:
    """`base` with an HTML page in a comment: a PDF to a reader, a page with a script to a browser that sniffs."""
    return base.replace(b"\n", b"\n%<HTML><BODY><SCRIPT>alert(document.cookie)</SCRIPT></BODY></HTML>\n", 1)


def pdf_inflating_to(megabytes: int) -> bytes:
    """A small PDF with an object stream that inflates to `megabytes` of zeros (a decompression bomb)."""
    bomb = zlib.compress(b"\x00" * (megabytes * 1024 * 1024), 9)
    return (
        b"%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(bomb)).encode()
        + b" >>\nstream\n"
        + bomb
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    )
