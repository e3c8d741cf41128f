"""Bounds a .docx must keep before it is parsed: a small upload must not take a worker down.

A .docx is a zip of XML. Deflate packs a million empty paragraphs (35 MB of XML) into 100 KB, and
the converter builds a tree of every element in memory (a 200,000-element document took 8 s and
200 MB). So, before the converter sees the file: the unpacked sizes from the zip's directory
(the reader never unpacks more than a part declares), the number and size of the images, then one
streaming pass over each XML part counting elements and paragraphs, stopped at the first one too
many. A deadline bounds the whole import; the converter's own pass is bounded by the counts.
Each bound is a setting (WORDIMPORT_MAX_...); the defaults leave room for a 100-page report.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings

DEFAULTS = {
    "WORDIMPORT_MAX_UNPACKED_BYTES": 60 * 1024 * 1024,  # every part, images included
    "WORDIMPORT_MAX_XML_BYTES": 10 * 1024 * 1024,  # the XML parts the converter reads
    "WORDIMPORT_MAX_PARAGRAPHS": 5_000,
    "WORDIMPORT_MAX_ELEMENTS": 100_000,  # of every XML part: Word's styles alone hold about 20,000
    "WORDIMPORT_MAX_IMAGES": 50,
    "WORDIMPORT_MAX_IMAGE_PIXELS": 50_000_000,
    "WORDIMPORT_SECONDS": 30,
}
MEDIA_FOLDER = "word/media/"
XML_SUFFIXES = (".xml", ".rels")
CHUNK = 64 * 1024

clock = time.monotonic  # replaced by tests, which never sleep


def limit(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])


class LimitExceeded(Exception):
    """A bound the document goes past; `reason` keys the message shown, `params` fill it in."""

    def __init__(self, reason: str, **params):
        self.reason, self.params = reason, params
        super().__init__(reason)


class Deadline:
    """The time an import may take, checked between steps and during the long ones."""

    def __init__(self, seconds: float | None = None):
        self.seconds = limit("WORDIMPORT_SECONDS") if seconds is None else seconds
        self.ends = clock() + self.seconds

    def check(self) -> None:
        if clock() > self.ends:
            raise LimitExceeded("too_slow", seconds=self.seconds)


@dataclass
class Counts:
    elements: int = 0
    paragraphs: int = 0


def check_package(archive: zipfile.ZipFile, deadline: Deadline) -> None:
    """Raise LimitExceeded unless `archive` (an opened .docx) keeps every bound."""
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limit("WORDIMPORT_MAX_UNPACKED_BYTES"):
        raise LimitExceeded("unpacked", limit=limit("WORDIMPORT_MAX_UNPACKED_BYTES"))
    xml_parts = [info for info in infos if info.filename.lower().endswith(XML_SUFFIXES)]
    if sum(info.file_size for info in xml_parts) > limit("WORDIMPORT_MAX_XML_BYTES"):
        raise LimitExceeded("unpacked", limit=limit("WORDIMPORT_MAX_XML_BYTES"))
    images = [info for info in infos if info.filename.startswith(MEDIA_FOLDER) and not info.is_dir()]
    if len(images) > limit("WORDIMPORT_MAX_IMAGES"):
        raise LimitExceeded("images", count=len(images), limit=limit("WORDIMPORT_MAX_IMAGES"))
    image_limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if any(info.file_size > image_limit for info in images):
        raise LimitExceeded("image_size", limit=image_limit)
    counts = Counts()
    for info in xml_parts:
        with archive.open(info) as stream:
            _scan(stream, counts, deadline)


def _scan(stream, counts: Counts, deadline: Deadline) -> None:
    """Count the elements and Word paragraphs of one XML part, in constant memory."""
    max_elements, max_paragraphs = limit("WORDIMPORT_MAX_ELEMENTS"), limit("WORDIMPORT_MAX_PARAGRAPHS")
    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attributes) -> None:
        counts.elements += 1
        if counts.elements > max_elements:
            raise LimitExceeded("elements", limit=max_elements)
        if name.endswith(" p") and "wordprocessingml" in name:
            counts.paragraphs += 1
            if counts.paragraphs > max_paragraphs:
                raise LimitExceeded("paragraphs", limit=max_paragraphs)

    def refuse_declarations(*args) -> None:
        # Word writes no DTD; entities are how an XML part grows past any size in memory.
        raise LimitExceeded("declarations")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_declarations
    parser.EntityDeclHandler = refuse_declarations
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
        deadline.check()
    parser.Parse(b"", True)
