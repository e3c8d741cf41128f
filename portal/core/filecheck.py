"""What an uploaded file really is, judged by its bytes: the one check every public upload form shares.

A form (an application's documents, a question's attachment) asks `sniff` what the header claims,
then `check_pdf` or `check_picture` whether the whole file is that and only that. A refusal says
why as a `Problem`; each form words it in its own catalogue.

PDFs are read twice: as raw bytes, as a browser or a forgiving reader would (names with `#xx`
escapes decoded, Flate object streams inflated, HTML markup anywhere refused in any case), and with
pypdf, which must open the file, find its pages and walk every object, including those packed in
object streams under any filter and encrypted ones. Both readings stop at fixed budgets of time, inflated bytes and
objects, so that a crafted file costs a worker seconds, not minutes.
"""

from __future__ import annotations

import enum
import io
import logging
import re
import time
import warnings
import zlib

# The budgets of one check. A real scan of a few pages is far below each.
CHECK_SECONDS = 5.0
MAX_INFLATED_BYTES = 32 * 1024 * 1024  # object streams hold dictionaries only: a real one is far smaller
MAX_STREAMS = 20_000
MAX_OBJECTS = 200_000
CHUNK = 64 * 1024
MAX_NESTING = 3  # a stream compressed twice (/Filter [/FlateDecode /FlateDecode]) is inflated twice

PDF, PNG, JPEG, WEBP, ZIP = "pdf", "png", "jpeg", "webp", "zip"
PICTURE_FORMATS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}  # Pillow's names
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE (exe, dll)
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O, Java class
    b"#!",  # scripts
)

# Markup a browser would run if it took the file for HTML or SVG, in any case (<SCRIPT, <Html...).
MARKUP = re.compile(rb"<(?:script|html|svg|iframe|object|embed|body|!doctype|\?php)[\s>/]", re.IGNORECASE)
# Another format's header inside an accepted file.
EMBEDDED_FORMATS = (b"PK\x03\x04", b"\x7fELF")

# PDF names end at white space or a delimiter; inside one, #xx stands for the byte xx (PDF 1.2+).
_NAME_CHARS = rb"[^\x00\t\n\f\r ()<>\[\]{}/%]"
ESCAPED_NAME = re.compile(rb"/" + _NAME_CHARS + rb"*#" + _NAME_CHARS + rb"*")
HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
ACTIVE_NAMES = ("JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA")
ACTIVE_NAME = re.compile(rb"/(?:" + "|".join(ACTIVE_NAMES).encode() + rb")(?!" + _NAME_CHARS + rb")")
STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged upload is refused: pypdf's warnings are noise


class Problem(enum.StrEnum):
    PROGRAM = "program"  # an executable, whatever it is called
    DAMAGED = "damaged"  # the bytes are not the kind of file their header claims, or not all of it
    ACTIVE = "active"  # scripts, launch actions or embedded files in a PDF
    HIDDEN = "hidden"  # another kind of file or markup inside (a polyglot)
    PROTECTED = "protected"  # cannot be read without a password
    TOO_COMPLEX = "too_complex"  # the check ran out of its budget
    TOO_MANY_PIXELS = "too_many_pixels"


class ContentRefused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class _Budget:
    def __init__(self) -> None:
        self.deadline = time.monotonic() + CHECK_SECONDS
        self.inflated = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise ContentRefused(Problem.TOO_COMPLEX)


def sniff(data: bytes) -> str | None:
    """The kind of file the first bytes claim, or None."""
    if data.startswith(EXECUTABLE_SIGNATURES):
        raise ContentRefused(Problem.PROGRAM)
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return ZIP
    return None


def hides_something(data: bytes) -> bool:
    """Whether markup a browser would run, or another format's header, hides in the bytes."""
    return MARKUP.search(data) is not None or any(marker in data for marker in EMBEDDED_FORMATS)


# --- PDF --------------------------------------------------------------------------------------


def check_pdf(data: bytes) -> None:
    """A complete PDF with at least one page, no active content and nothing else inside, or ContentRefused."""
    if b"%%EOF" not in data[-2048:]:  # readers tolerate a little trailing junk, not a file appended
        raise ContentRefused(Problem.DAMAGED)
    budget = _Budget()
    _scan_raw(data, budget)
    if hides_something(data):
        raise ContentRefused(Problem.HIDDEN)
    _walk_objects(data, budget)


def _decode_names(data: bytes) -> bytes:
    return ESCAPED_NAME.sub(lambda name: HEX_ESCAPE.sub(lambda hx: bytes([int(hx.group(1), 16)]), name.group()), data)


def _has_active_name(data: bytes) -> bool:
    if ACTIVE_NAME.search(data):
        return True
    return b"#" in data and ACTIVE_NAME.search(_decode_names(data)) is not None


def _scan_raw(data: bytes, budget: _Budget) -> None:
    """The bytes as any reader may take them, even objects outside the cross-reference table (a reader
    that rebuilds the table finds them): names decoded, object streams inflated. Stream bodies are
    skipped otherwise: compressed pictures and fonts are noise in which "/JS" turns up by chance."""
    view, position = memoryview(data), 0
    for count, match in enumerate(STREAM_START.finditer(data)):
        if count >= MAX_STREAMS:
            raise ContentRefused(Problem.TOO_COMPLEX)
        budget.tick()
        if match.start() < position:
            continue  # "stream" inside the body of the previous one
        outside = data[position : match.start()]
        if _has_active_name(outside):
            raise ContentRefused(Problem.ACTIVE)
        header = outside[max(outside.rfind(b"obj"), len(outside) - 4096, 0) :]
        if b"/ObjStm" in _decode_names(header):
            _scan_inflated(view[match.end() :], budget, depth=1)
        end = data.find(b"endstream", match.end())
        position = len(data) if end < 0 else end
    if _has_active_name(data[position:]):
        raise ContentRefused(Problem.ACTIVE)


def _is_zlib(data: memoryview | bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _scan_inflated(compressed: memoryview | bytes, budget: _Budget, *, depth: int) -> None:
    if not _is_zlib(compressed):
        return  # another filter, or none: pypdf reads those
    inflater, pieces = zlib.decompressobj(), []
    try:
        for start in range(0, len(compressed), CHUNK):  # chunks: the rest of the file is never copied whole
            budget.tick()
            piece = inflater.decompress(compressed[start : start + CHUNK], MAX_INFLATED_BYTES - budget.inflated + 1)
            budget.inflated += len(piece)
            if budget.inflated > MAX_INFLATED_BYTES:
                raise ContentRefused(Problem.TOO_COMPLEX)
            pieces.append(piece)
            if inflater.eof:
                break
    except zlib.error:
        pass  # damaged from here on: what came out before is still looked at
    inflated = b"".join(pieces)
    if _has_active_name(inflated):
        raise ContentRefused(Problem.ACTIVE)
    if depth < MAX_NESTING:
        _scan_inflated(inflated, budget, depth=depth + 1)


def _walk_objects(data: bytes, budget: _Budget) -> None:
    """Open the file with pypdf, find its pages and look at every object it holds."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError
    from pypdf.generic import IndirectObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ContentRefused(Problem.PROTECTED)
        if len(reader.pages) < 1:
            raise ContentRefused(Problem.DAMAGED)
        ids = [(idnum, generation) for generation, table in reader.xref.items() for idnum in table]
        ids += [(idnum, 0) for idnum in reader.xref_objStm]
        if len(ids) > MAX_OBJECTS:
            raise ContentRefused(Problem.TOO_COMPLEX)
        for idnum, generation in ids:
            budget.tick()
            _inspect(reader.get_object(IndirectObject(idnum, generation, reader)))
    except ContentRefused:
        raise
    except (FileNotDecryptedError, DependencyError) as error:  # DependencyError: AES without a crypto library
        raise ContentRefused(Problem.PROTECTED) from error
    except RecursionError as error:
        raise ContentRefused(Problem.TOO_COMPLEX) from error
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on hostile input: none means a PDF
        raise ContentRefused(Problem.DAMAGED) from error


def _inspect(obj) -> None:
    """Refuse an object that runs something or carries a file, looking into its direct sub-objects."""
    from pypdf.generic import ArrayObject, DictionaryObject

    stack, seen = [obj], 0
    while stack:
        current = stack.pop()
        seen += 1
        if seen > MAX_OBJECTS:
            raise ContentRefused(Problem.TOO_COMPLEX)
        if isinstance(current, DictionaryObject):
            keys = {str(key) for key in current}
            if keys & {f"/{name}" for name in ACTIVE_NAMES}:
                raise ContentRefused(Problem.ACTIVE)
            if current.get("/S") in ("/JavaScript", "/Launch") or current.get("/Type") == "/EmbeddedFile":
                raise ContentRefused(Problem.ACTIVE)
            stack.extend(current.values())  # indirect references stay unresolved: each object is walked once
        elif isinstance(current, ArrayObject):
            stack.extend(current)


# --- Pictures -----------------------------------------------------------------------------------


def check_picture(data: bytes, kind: str, *, max_pixels: int, decode: bool = True) -> None:
    """A whole picture of the kind claimed, at most `max_pixels`, nothing before or after it, or ContentRefused.
    `decode` also decodes every pixel (a truncated file fails only there)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                if picture.format != PICTURE_FORMATS[kind]:
                    raise ContentRefused(Problem.DAMAGED)
                if picture.width * picture.height > max_pixels:
                    raise ContentRefused(Problem.TOO_MANY_PIXELS)
                picture.verify()
            if decode:
                with Image.open(io.BytesIO(data)) as picture:
                    picture.load()
    except ContentRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError, MemoryError) as error:
        raise ContentRefused(Problem.TOO_MANY_PIXELS) from error
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds on hostile input
        raise ContentRefused(Problem.DAMAGED) from error  # any failure to read hostile input means "not a picture"
    if _trailing_data(data, kind) or hides_something(data) or b"%PDF" in data:
        raise ContentRefused(Problem.HIDDEN)


def _trailing_data(data: bytes, kind: str) -> bool:
    if kind == PNG:
        end = data.rfind(b"IEND")
        return end < 0 or bool(data[end + 8 :].strip(b"\x00"))  # IEND + its 4-byte CRC, then nothing
    if kind == JPEG:
        end = data.rfind(b"\xff\xd9")
        return end < 0 or bool(data[end + 2 :].strip(b"\x00\r\n"))
    declared = int.from_bytes(data[4:8], "little") + 8  # WebP: RIFF says how long it is (padded to even)
    return len(data) > declared + (declared % 2)
