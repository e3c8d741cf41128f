"""Text rules of the Q&A: what is kept of what citizens type, duplicates, and personal data removal."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from portal.core.text import fold

# C0 and C1 control characters, except tab and line breaks: they are never meant and break e-mail headers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional embedding, override and isolate controls: kept in the text (a citizen may write in
# Arabic), but never in a line that ends up in an e-mail subject, where they can disguise it.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SURROGATES = re.compile("[\ud800-\udfff]")

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Vietnamese phone numbers as people write them: 0905 123 456, 0234.3822.101, +84 905 123 456.
PHONE = re.compile(r"(?<![\w])(?:\+\s?84|0)\d(?:[ .\-]?\d){7,10}(?!\d)")
HIDDEN = "[…]"


def clean_text(value: str) -> str:
    """NFC (Vietnamese typed with combining marks becomes the usual letters), no control characters,
    no lone surrogates, line endings unified, runs of spaces and blank lines collapsed."""
    value = _SURROGATES.sub("\ufffd", value)
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    value = _CONTROL.sub("", value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(value: str) -> str:
    """`clean_text` on a single line: every line break becomes a space."""
    return " ".join(clean_text(value).split())


def subject_line(value: str, limit: int = 120) -> str:
    """A line safe for an e-mail subject: one line, no bidirectional controls, at most `limit` characters."""
    line = _BIDI_CONTROLS.sub("", clean_line(value))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def fingerprint(*parts: str) -> str:
    """The same question whatever the accents, case, spacing and punctuation."""
    words = re.findall(r"[^\W_]+", fold(" ".join(clean_text(part) for part in parts)))
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def redact(text: str, *, phrases: Iterable[str] = ()) -> str:
    """The text with e-mail addresses, phone numbers and every listed phrase (any case) replaced by […]."""
    text = EMAIL.sub(HIDDEN, text)
    text = PHONE.sub(HIDDEN, text)
    wanted = sorted({clean_line(phrase) for phrase in phrases if clean_line(phrase)}, key=len, reverse=True)
    for phrase in wanted:
        if len(phrase) < 2:  # a single letter would blank the text
            continue
        text = re.sub(re.escape(phrase), HIDDEN, text, flags=re.IGNORECASE)
    return text


def redaction_phrases(value: str) -> list[str]:
    return [line for line in (clean_line(line) for line in value.splitlines()) if line]
