"""The text of an item as a gettext PO file, so that a unit can translate outside the portal.

Each piece of text is one entry: `msgctxt` says where it sits (a field, a paragraph of the body,
a table cell...), `msgid` is the Vietnamese original, `msgstr` the English. Import rebuilds the
English draft on the original's structure with the translated text, as a new revision that then
goes through the approval workflow like any other edit.
"""

import copy
from dataclasses import dataclass

import polib
from bs4 import BeautifulSoup, NavigableString, Tag
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .services import SOURCE_LANGUAGE, TARGET_LANGUAGE, TranslationRefused, unslug_after_translation

MAX_PO_BYTES = 1024 * 1024
PLAIN_FIELDS = ("title", "lead", "image_alt", "image_caption", "seo_title", "search_description")
BLOCK_CONTAINERS = {"ul", "ol"}
INLINE_TAGS = {"a", "b", "i", "strong", "em", "br", "sup", "sub", "code"}
INLINE_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
KEY_HEADER = "X-Portal-Translation-Key"


@dataclass(frozen=True)
class ImportResult:
    translated: int
    untranslated: int
    ignored: int


def _rich_text_units(soup: BeautifulSoup) -> list[Tag]:
    """The pieces of a rich text block a translator handles one by one: paragraphs, headings, list items."""
    units = []
    for node in soup.children:
        if not isinstance(node, Tag) or not node.get_text(strip=True):
            continue
        if node.name in BLOCK_CONTAINERS:
            units.extend(li for li in node.find_all("li", recursive=False) if li.get_text(strip=True))
        else:
            units.append(node)
    return units


def _prefix(block: dict, position: int) -> str:
    # By position, not block id: blocks saved before ids existed have none, and a copy keeps the order.
    return f"body.{position}.{block.get('type')}"


def _block_segments(block: dict, position: int) -> list[tuple[str, str]]:
    kind, value, prefix = block.get("type"), block.get("value"), _prefix(block, position)
    found = []
    if kind == "paragraph" and isinstance(value, str):
        for index, unit in enumerate(_rich_text_units(BeautifulSoup(value, "html.parser"))):
            found.append((f"{prefix}.{index}", unit.decode_contents().strip()))
    elif kind == "quote" and isinstance(value, dict):
        found += [(f"{prefix}.{key}", value.get(key) or "") for key in ("text", "attribution")]
    elif kind == "image" and isinstance(value, dict):
        image = value.get("image")
        if isinstance(image, dict):
            found.append((f"{prefix}.alt_text", image.get("alt_text") or ""))
        found.append((f"{prefix}.caption", value.get("caption") or ""))
    elif kind == "table" and isinstance(value, dict):
        found.append((f"{prefix}.table_caption", value.get("table_caption") or ""))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row or []):
                found.append((f"{prefix}.cell.{row_index}.{column_index}", cell or ""))
    return [(context, text) for context, text in found if text and text.strip()]


def segments(page: Page) -> list[tuple[str, str]]:
    """(context, text) of every piece of text to translate in `page` (a specific page object), in order."""
    found = [(field, getattr(page, field, "") or "") for field in PLAIN_FIELDS if hasattr(page, field)]
    found = [(context, text) for context, text in found if text.strip()]
    body = getattr(page, "body", None)
    if body is not None:
        for position, block in enumerate(body.raw_data):
            found.extend(_block_segments(block, position))
    if hasattr(page, "attachments"):
        for index, attachment in enumerate(page.attachments.all()):
            text = attachment.title or attachment.document.title
            found.append((f"attachments.{index}.title", text))
    return found


def source_version(original: Page) -> Page:
    """The version of the original a translator works from: the one the public sees."""
    original = original.specific
    return original.live_revision.as_object() if original.live_revision_id else original


def export_po(*, original: Page, english: Page) -> polib.POFile:
    source = source_version(original)
    current = dict(segments(english.get_latest_revision_as_object()))
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": original.title,
        "Language": TARGET_LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "X-Source-Language": SOURCE_LANGUAGE,
        KEY_HEADER: str(original.translation_key),
        "X-Portal-Source-Revision": str(original.live_revision_id or ""),
    }
    for context, text in segments(source):
        translated = current.get(context, "")
        po.append(polib.POEntry(msgctxt=context, msgid=text, msgstr=translated if translated != text else ""))
    return po


def _clean_rich(text: str) -> str:
    import nh3  # here, not at start: only a translation upload needs it (a worker's memory, issue 21)

    return nh3.clean(text, tags=INLINE_TAGS, attributes=INLINE_ATTRIBUTES, link_rel=None).strip()


def _rebuild_block(block: dict, position: int, values: dict[str, str]) -> dict:
    block = copy.deepcopy(block)
    kind, value, prefix = block.get("type"), block.get("value"), _prefix(block, position)
    if kind == "paragraph" and isinstance(value, str):
        soup = BeautifulSoup(value, "html.parser")
        for index, unit in enumerate(_rich_text_units(soup)):
            translated = values.get(f"{prefix}.{index}")
            if translated is not None:
                unit.clear()
                for node in list(BeautifulSoup(_clean_rich(translated), "html.parser").contents):
                    unit.append(node if isinstance(node, Tag | NavigableString) else str(node))
        block["value"] = str(soup)
    elif kind == "quote" and isinstance(value, dict):
        for key in ("text", "attribution"):
            if f"{prefix}.{key}" in values:
                value[key] = values[f"{prefix}.{key}"]
    elif kind == "image" and isinstance(value, dict):
        if isinstance(value.get("image"), dict) and f"{prefix}.alt_text" in values:
            value["image"]["alt_text"] = values[f"{prefix}.alt_text"]
        if f"{prefix}.caption" in values:
            value["caption"] = values[f"{prefix}.caption"]
    elif kind == "table" and isinstance(value, dict):
        if f"{prefix}.table_caption" in values:
            value["table_caption"] = values[f"{prefix}.table_caption"]
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, _cell in enumerate(row or []):
                context = f"{prefix}.cell.{row_index}.{column_index}"
                if context in values:
                    row[column_index] = values[context]
    return block


def read_po(data: bytes) -> polib.POFile:
    """The PO file in `data`, checked by its content; TranslationRefused with the reason otherwise."""
    if len(data) > MAX_PO_BYTES:
        raise TranslationRefused(_("The file is larger than 1 MB: it is not the text of one item."))
    if b"\x00" in data:
        raise TranslationRefused(_("This is not a PO file (it holds binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TranslationRefused(_("The file is not in UTF-8: save it as UTF-8 and upload it again.")) from error
    if "msgid" not in text:
        raise TranslationRefused(_("This is not a PO file: it holds no msgid entry."))
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        raise TranslationRefused(
            _("The PO file cannot be read: %(error)s") % {"error": str(error).splitlines()[0][:200]}
        ) from error


def import_po(*, original: Page, english: Page, data: bytes, user) -> ImportResult:
    """Apply the translated entries of the PO file in `data` to the English draft, as a new revision."""
    po = read_po(data)
    if po.metadata.get(KEY_HEADER) != str(original.translation_key):
        raise TranslationRefused(
            _("This PO file is not the text of “%(title)s”: download this item's file and translate that one.")
            % {"title": original.title}
        )
    source = source_version(original)
    source_segments = segments(source)
    known = {context for context, _text in source_segments}
    translations = {
        entry.msgctxt: entry.msgstr.strip()
        for entry in po
        if not entry.obsolete and "fuzzy" not in entry.flags and entry.msgstr.strip()
    }
    ignored = len(set(translations) - known)
    target = english.get_latest_revision_as_object()
    current = dict(segments(target))
    values = {}
    translated = untranslated = 0
    for context, text in source_segments:
        if context in translations:
            values[context] = translations[context]
            translated += 1
        else:
            values[context] = current.get(context, text)
            untranslated += values[context] == text
    if not translated:
        raise TranslationRefused(_("The PO file holds no translated entry for this item: nothing was changed."))
    for field in PLAIN_FIELDS:
        if field in values:
            setattr(target, field, values[field])
    if getattr(source, "body", None) is not None:
        target.body = [_rebuild_block(block, position, values) for position, block in enumerate(source.body.raw_data)]
    attachments = list(target.attachments.all()) if hasattr(target, "attachments") else []
    for index, attachment in enumerate(attachments):
        if f"attachments.{index}.title" in values:
            attachment.title = values[f"attachments.{index}.title"][:250]
    if attachments:
        target.attachments = attachments
    unslug_after_translation(target, original)
    try:
        target.full_clean()
    except ValidationError as error:
        problems = "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
        raise TranslationRefused(_("The translation cannot be saved: %(problems)s") % {"problems": problems}) from error
    target.save_revision(user=user, clean=False)
    return ImportResult(translated=translated, untranslated=untranslated, ignored=ignored)
