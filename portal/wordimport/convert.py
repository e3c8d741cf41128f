"""From .docx bytes to an item's parts: title, lead and StreamField blocks. No database here.

mammoth turns Word's *semantic* structure (styles, lists, tables, bold/italic, images) into plain
HTML and ignores direct formatting (fonts, sizes, colours); this module then splits that HTML into
the blocks of `ArticleBodyBlock` and sanitises the rich text with nh3 to what its features allow.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

# Word's built-in styles are stored under their English names whatever the language of Word.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='caption'] => p.caption:fresh
p[style-name='Quote'] => blockquote:fresh
p[style-name='Intense Quote'] => blockquote:fresh
u =>
strike =>
"""

IMAGE_SRC = "wordimport:"  # placeholder src of the n-th image, replaced by an image block

# What the `paragraph` RichTextBlock's features (h2-h4, bold, italic, ol, ul, link, hr, blockquote)
# store, in Wagtail's database format (<b>/<i>, not <strong>/<em>).
RICH_TEXT_TAGS = {"p", "h2", "h3", "h4", "b", "i", "ol", "ul", "li", "a", "hr", "blockquote", "br"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
TITLE_MAX, LEAD_MAX, CAPTION_MAX, ALT_MAX = 255, 800, 300, 255
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}


@dataclass
class WordImage:
    data: bytes
    alt_text: str  # the image's description in Word ("Alt Text"), may be empty


@dataclass
class ImagePlacement:
    index: int  # into Converted.images
    caption: str = ""


@dataclass
class Converted:
    title: str = ""
    lead: str = ""
    # ("paragraph", html) | ("table", TableBlock value) | ("image", ImagePlacement)
    blocks: list[tuple[str, object]] = field(default_factory=list)
    images: list[WordImage] = field(default_factory=list)


def _no_deadline() -> None:
    pass


def docx_to_html(data: bytes, check: Callable[[], None] = _no_deadline) -> tuple[str, list[WordImage]]:
    """mammoth's HTML, each image replaced by a placeholder `<img src="wordimport:N">`."""
    import mammoth  # here, not at start: only this admin action needs it (every worker would hold it)

    images: list[WordImage] = []

    def keep_image(image) -> dict[str, str]:
        check()
        with image.open() as stream:
            images.append(WordImage(stream.read(), (image.alt_text or "").strip()))
        return {"src": f"{IMAGE_SRC}{len(images) - 1}"}

    result = mammoth.convert_to_html(
        io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(keep_image)
    )
    return result.value, images


def convert(data: bytes, check: Callable[[], None] = _no_deadline) -> Converted:
    """`check` is called now and then, to stop a conversion that takes too long (it raises)."""
    html, images = docx_to_html(data, check)
    check()
    converted = split(html, check)
    converted.images = images
    return converted


def split(html: str, check: Callable[[], None] = _no_deadline) -> Converted:
    """Title, lead and blocks from mammoth's HTML (a flat list of top-level elements)."""
    soup = BeautifulSoup(html, "html.parser")
    elements = [el for el in soup.contents if isinstance(el, Tag) and _has_content(el)]
    result = Converted()

    title_at = next((i for i, el in enumerate(elements) if el.name == "h1" and _text(el)), None)
    if title_at is None:
        title_at = next((i for i, el in enumerate(elements) if _text(el) and el.name != "table"), None)
    if title_at is None:
        return result
    result.title = _shorten(_text(elements[title_at]), TITLE_MAX)
    del elements[title_at]

    # The lead (sapo) is the first plain paragraph after the title; a long one stays in the body too.
    lead_at = next(
        (
            i
            for i, el in enumerate(elements[title_at:], title_at)
            if el.name == "p" and _text(el) and not el.find("img") and "caption" not in el.get("class", [])
        ),
        None,
    )
    if lead_at is not None:
        text = _text(elements[lead_at])
        result.lead = _shorten(text, LEAD_MAX)
        if result.lead == text:
            del elements[lead_at]

    result.blocks = _blocks(elements, check)
    return result


def _blocks(elements: list[Tag], check: Callable[[], None]) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    rich: list[str] = []

    def flush() -> None:
        html = sanitise("".join(rich))
        if html:
            blocks.append(("paragraph", html))
        rich.clear()

    position = 0
    while position < len(elements):
        element = elements[position]
        position += 1
        check()
        placements = [ImagePlacement(int(img["src"][len(IMAGE_SRC) :])) for img in _pop_images(element)]
        if placements and not _text(element) and position < len(elements) and _is_caption(elements[position]):
            # A paragraph styled Caption, or all in italics, right after the image is its caption.
            placements[-1].caption = _shorten(_text(elements[position]), CAPTION_MAX)
            position += 1
        if element.name == "table":
            flush()
            blocks.append(("table", table_value(element)))
        elif _text(element) or element.name == "hr":
            if element.name in HEADINGS:
                element.name = HEADINGS[element.name]
            rich.append(str(element))
        if placements:
            flush()
            blocks.extend(("image", placement) for placement in placements)
    flush()
    return blocks


def sanitise(html: str) -> str:
    """Exactly what the rich text features allow: no style, class, font or colour left."""
    import nh3  # here, not at start: only a Word import needs it (a worker's memory, issue 21)

    soup = BeautifulSoup(html, "html.parser")
    for old, new in (("strong", "b"), ("em", "i")):
        for tag in soup.find_all(old):
            tag.name = new
    for link in soup.find_all("a"):
        # Word's bookmarks and footnote back-links point inside the file, other schemes may be
        # hostile: keep their text only.
        if urlsplit(link.get("href", "")).scheme not in URL_SCHEMES:
            link.unwrap()
    html = nh3.clean(
        str(soup),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return re.sub(r"<(p|h2|h3|h4|li)>\s*</\1>", "", html).strip()


def table_value(table: Tag) -> dict:
    """A TableBlock value: a rectangular grid of cell texts, merged cells kept as merges."""
    rows = table.find_all("tr")
    grid: dict[tuple[int, int], str] = {}
    merged = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:  # a cell spanned from a row above
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = "\n".join(_text(p) for p in (cell.find_all("p") or [cell]) if _text(p))
            if rowspan > 1 or colspan > 1:
                merged.append({"row": r, "col": c, "rowspan": rowspan, "colspan": colspan})
            c += colspan
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    data = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
    first_row = rows[0].find_all(["td", "th"], recursive=False) if rows else []
    # A header row: marked "repeat as header" in Word (mammoth's <th>), or typed all in bold.
    header = (
        bool(first_row)
        and all(cell.name == "th" or not _text(cell) or _all_inside(cell, {"strong", "b"}) for cell in first_row)
        and any(_text(cell) for cell in first_row)
    )
    return {
        "data": data,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_header_choice": "row" if header else "neither",
        "table_caption": "",
        "cell": [],
        "mergedCells": merged,
    }


def _span(cell: Tag, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, 1)), 100))
    except ValueError:
        return 1


def _pop_images(element: Tag) -> list[Tag]:
    found = [img for img in element.find_all("img") if str(img.get("src", "")).startswith(IMAGE_SRC)]
    for img in element.find_all("img"):
        img.extract()
    return found


def _is_caption(element: Tag) -> bool:
    if element.name != "p" or not _text(element):
        return False
    return "caption" in element.get("class", []) or _all_inside(element, {"em", "i"})


def _all_inside(element: Tag, names: set[str]) -> bool:
    """Every piece of text of `element` is inside one of the tags `names` (e.g. all bold)."""
    for text in element.find_all(string=True):
        if isinstance(text, NavigableString) and text.strip():
            if not any(parent.name in names for parent in text.parents if parent is not element):
                return False
    return True


def _has_content(element: Tag) -> bool:
    return bool(_text(element)) or element.find("img") is not None or element.name in {"hr", "table"}


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
