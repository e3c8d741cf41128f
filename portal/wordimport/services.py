"""Word import: a contributor's .docx becomes a draft item, all or nothing.

`import_docx` is the one business rule: it checks the file's content (not its name), converts it
(see convert.py), stores the images in the image library and creates the draft with its revision
and audit entry, in one transaction. Any failure leaves nothing behind: the transaction rolls back
and the image files already written to storage are deleted.
"""

import hashlib
import io
import logging
import zipfile
from xml.parsers import expat

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.accounts.services import byline
from portal.core.text import fold
from portal.news.models import ArticlePage, SectionPage
from portal.units.agencies import agency_of_page
from portal.units.roles import agency_collection

from . import limits
from .convert import Converted, ImagePlacement, WordImage, convert

logger = logging.getLogger(__name__)

COLLECTION_NAME = "Ảnh nhập từ Word"  # data, named in Vietnamese like the rest of the library
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # Word 97-2003 files and encrypted .docx
ZIP_SIGNATURE = b"PK\x03\x04"
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}  # stored as they are

MESSAGES = {
    "not_allowed": _("You may not add items to this category."),
    "too_large": _("The file is too large (%(size)s). The limit is %(limit)s."),
    # the browser's check, before the upload: it does not say the size
    "too_large_before": _("The file is larger than %(limit)s: reduce its pictures in Word, then choose it again."),
    "not_docx": _("Choose a Word document saved as .docx."),
    "legacy_doc": _(
        "This is an old Word 97-2003 document (.doc). Open it in Word, choose File > Save As, "
        "pick “Word Document (*.docx)” and upload the new file."
    ),
    "encrypted": _(
        "The document is protected by a password. Remove the password in Word "
        "(File > Info > Protect Document) and upload it again."
    ),
    "not_word": _("This file is not a Word document (.docx). Only files saved by Word as .docx can be imported."),
    "corrupt": _("The Word file is damaged and cannot be read. Open it in Word, save it again and retry."),
    "empty": _("The document has nothing to import: it needs a title followed by at least one paragraph."),
    "image_broken": _(
        "Image %(number)s of the document is damaged or in a format the image library does not accept "
        "(PNG, JPEG, GIF, WebP). Replace it in Word and upload the file again."
    ),
    "image_too_large": _("Image %(number)s of the document is larger than %(limit)s. Reduce it in Word and retry."),
    "invalid": _("The item could not be created: %(errors)s"),
    # Bounds checked before the document is read (limits.py).
    "unpacked": _(
        "The document is too large once unpacked (more than %(limit)s). "
        "Reduce its images or split it into several files, then retry."
    ),
    "images": _(
        "The document has %(count)s images; at most %(limit)s can be imported into one item. "
        "Keep the images the item needs and retry."
    ),
    "image_size": _(
        "An image in the document is larger than %(limit)s. "
        "Reduce it in Word (Picture Format > Compress Pictures) and retry."
    ),
    "image_pixels": _(
        "Image %(number)s of the document is too large (%(width)s × %(height)s pixels). Reduce it in Word and retry."
    ),
    "paragraphs": _(
        "The document has more than %(limit)s paragraphs, too many for one item. "
        "Split it into several files and import them one by one."
    ),
    "elements": _(
        "The document is too complex to import (more than %(limit)s formatting elements). "
        "Split it into several files, or paste its text into a new document as text only, then retry."
    ),
    "too_slow": _(
        "Importing the document took longer than %(seconds)s seconds and was stopped. "
        "Split it into several files and retry."
    ),
}
BYTE_LIMITS = {"unpacked", "image_size"}


class WordImportError(Exception):
    """A refusal the contributor can act on; `message` is translated and ready to show."""

    def __init__(self, message: str):
        # Translated now, in the language of the request that hit the refusal.
        self.message = str(message)
        super().__init__(self.message)


def max_bytes() -> int:
    return settings.WORDIMPORT_MAX_BYTES


def categories_for(user):
    """The categories where `user` may add an item, in tree order."""
    addable = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    # The few categories checked against the permission, not every page the user may add under
    # (asked as a subquery, SQLite listed all 100,000 items on each admin page, for the menu).
    sections = list(SectionPage.objects.values_list("pk", flat=True))
    allowed = list(addable.filter(pk__in=sections).values_list("pk", flat=True))
    return SectionPage.objects.filter(pk__in=allowed).select_related("locale").order_by("path")


def import_docx(*, user, parent: Page, uploaded_file) -> ArticlePage:
    """Create a draft item owned by `user` under the category `parent` from an uploaded .docx."""
    parent = parent.specific
    if not (
        isinstance(parent, SectionPage)
        and ArticlePage.can_create_at(parent)
        and parent.permissions_for_user(user).can_add_subpage()
    ):
        raise WordImportError(MESSAGES["not_allowed"])
    deadline = limits.Deadline()
    data = read_checked(uploaded_file, deadline=deadline)
    try:
        converted = convert(data, check=deadline.check)
    except limits.LimitExceeded as error:
        raise _limit_error(error) from error
    except Exception as error:  # mammoth raises many kinds of errors on malformed XML or parts
        logger.warning("Word import: %s could not be converted: %r", uploaded_file.name, error)
        raise WordImportError(MESSAGES["corrupt"]) from error
    if not converted.title or not converted.lead:
        raise WordImportError(MESSAGES["empty"])

    stored_files: list[str] = []
    try:
        with transaction.atomic():
            return _create_draft(user, parent, converted, uploaded_file.name, stored_files, deadline)
    except BaseException:
        # The rows are rolled back; the files written to storage are not, so delete them. (A caller
        # that wraps this in its own transaction and rolls *that* back must clean up itself: Django
        # has no on-rollback hook. The admin view runs it in autocommit, as Django does by default.)
        _delete_files(stored_files)
        raise


def read_checked(uploaded_file, *, deadline: limits.Deadline | None = None) -> bytes:
    """The file's bytes if its content is a readable .docx within the bounds (limits.py), else a refusal."""
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise _too_large(size, limit)
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise _too_large(size or len(data), limit)
    if not data.strip(b"\0 \r\n\t"):
        raise WordImportError(MESSAGES["empty"])  # e.g. Windows' "New > Word Document" makes 0 bytes
    if data.startswith(OLE_SIGNATURE):
        # Word encrypts a .docx into an OLE container with these streams; a .doc has WordDocument.
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise WordImportError(MESSAGES["encrypted"])
        if "WordDocument".encode("utf-16-le") in data:
            raise WordImportError(MESSAGES["legacy_doc"])
        raise WordImportError(MESSAGES["not_word"])
    if uploaded_file.name.lower().endswith(".doc"):
        raise WordImportError(MESSAGES["legacy_doc"])  # e.g. an RTF or HTML file Word saved as .doc
    if not data.startswith(ZIP_SIGNATURE):
        raise WordImportError(MESSAGES["not_word"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                raise WordImportError(MESSAGES["not_word"])  # another zip: .xlsx, .odt, an archive...
            limits.check_package(archive, deadline or limits.Deadline())  # before any parsing
            if archive.testzip() is not None:
                raise WordImportError(MESSAGES["corrupt"])
    except limits.LimitExceeded as error:
        raise _limit_error(error) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, expat.ExpatError) as error:
        raise WordImportError(MESSAGES["corrupt"]) from error
    return data


def _limit_error(error: limits.LimitExceeded) -> WordImportError:
    if error.reason not in MESSAGES:  # e.g. an XML part declaring entities, which Word never writes
        return WordImportError(MESSAGES["corrupt"])
    params = dict(error.params)
    if "limit" in params:
        bound = params["limit"]
        byte_limit = error.reason in BYTE_LIMITS
        params["limit"] = filesizeformat(bound) if byte_limit else number_format(bound, force_grouping=True)
    return WordImportError(MESSAGES[error.reason] % params)


def _too_large(size: int, limit: int) -> WordImportError:
    return WordImportError(MESSAGES["too_large"] % {"size": filesizeformat(size), "limit": filesizeformat(limit)})


def _create_draft(
    user, parent: SectionPage, converted: Converted, filename: str, stored_files: list[str], deadline: limits.Deadline
) -> ArticlePage:
    slug = _unique_slug(parent, slugify(fold(converted.title))[:80].strip("-") or "tin-bai")
    body = []
    collection = None
    images = 0
    for kind, value in converted.blocks:
        if kind == "image":
            assert isinstance(value, ImagePlacement)
            collection = collection or _import_collection(parent)
            images += 1
            try:
                deadline.check()
            except limits.LimitExceeded as error:
                raise _limit_error(error) from error
            image = _store_image(
                converted.images[value.index],
                number=images,
                title=value.caption or converted.title,
                slug=slug,
                user=user,
                collection=collection,
                stored_files=stored_files,
            )
            alt = (converted.images[value.index].alt_text or value.caption)[:255]
            body.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": alt},
                        "caption": value.caption,
                        "credit": "",
                    },
                }
            )
        else:
            body.append({"type": kind, "value": value})

    author_name, unit = byline(user)
    page = ArticlePage(
        title=converted.title,
        draft_title=converted.title,
        slug=slug,
        lead=converted.lead,
        body=body,
        owner=user,
        locale=parent.locale,
        live=False,
        has_unpublished_changes=True,
        author_name=author_name,
        unit=unit,
    )
    try:
        parent.add_child(instance=page)
    except ValidationError as error:
        raise WordImportError(MESSAGES["invalid"] % {"errors": "; ".join(error.messages)}) from error
    # As Wagtail's own "add page" view does: the user's draft revision, then one audit entry each.
    revision = page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user, revision=revision, content_changed=True)
    log(
        instance=page,
        action="wordimport.import",
        user=user,
        revision=revision,
        data={"file": filename, "images": images},
    )
    return page


def images_without_alt(page: ArticlePage) -> list[int]:
    """The numbers (1, 2, ... in the body's order) of the item's pictures with no alternative text:
    the item cannot be submitted for approval until each has one, or is marked decorative."""
    missing, number = [], 0
    for block in page.body.raw_data:
        if block["type"] != "image":
            continue
        number += 1
        image = block["value"].get("image") or {}
        if not image.get("decorative") and not (image.get("alt_text") or "").strip():
            missing.append(number)
    return missing


def _store_image(
    word_image: WordImage, *, number: int, title: str, slug: str, user, collection, stored_files: list[str]
):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(word_image.data) > limit:
        raise WordImportError(MESSAGES["image_too_large"] % {"number": number, "limit": filesizeformat(limit)})
    data, extension = _checked_image(word_image.data, number)
    image_model = get_image_model()
    image = image_model(
        title=title[:255],
        collection=collection,
        uploaded_by_user=user,
        description=word_image.alt_text[:255],
        file=ImageFile(io.BytesIO(data), name=f"{slug[:60]}-{number}.{extension}"),
        file_size=len(data),
        file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 (Wagtail's own hash)
    )
    try:
        image.save()
    finally:
        if image.file._committed:  # written to storage, even if the row then failed
            stored_files.append(image.file.name)
    return image


def _checked_image(data: bytes, number: int) -> tuple[bytes, str]:
    """The image as stored: Word's PNG/JPEG/GIF/WebP as they are, BMP/TIFF converted to PNG."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size  # from the header, before any pixel is decoded
            if width * height > limits.limit("WORDIMPORT_MAX_IMAGE_PIXELS"):
                raise WordImportError(MESSAGES["image_pixels"] % {"number": number, "width": width, "height": height})
            picture.load()  # decodes every pixel: a truncated or damaged image fails here
            if picture.format in IMAGE_FORMATS:
                return data, IMAGE_FORMATS[picture.format]
            buffer = io.BytesIO()
            picture.save(buffer, format="PNG")
            return buffer.getvalue(), "png"
    except WordImportError:
        raise
    except Exception as error:  # Pillow raises OSError, ValueError, SyntaxError, DecompressionBombError...
        raise WordImportError(MESSAGES["image_broken"] % {"number": number}) from error


def _import_collection(parent: Page) -> Collection:
    """The Word imports' collection inside the collection of the category's agency: that agency's role
    groups hold their file permissions on it, as on every collection below their own, so its staff
    find and choose the images and another agency's do not."""
    own = agency_collection(agency_of_page(parent))
    existing = own.get_children().filter(name=COLLECTION_NAME).first()
    return existing or own.add_child(name=COLLECTION_NAME)


def _unique_slug(parent: Page, base: str) -> str:
    slug, suffix = base, 1
    while parent.get_children().filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _delete_files(names: list[str]) -> None:
    storage = get_image_model()._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Word import: could not delete %s after a failed import", name)
