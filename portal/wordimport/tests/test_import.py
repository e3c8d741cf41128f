"""import_docx on realistic Word files: what the contributor finds in the draft, and every refusal."""

import json
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, PageLogEntry

from portal.news.models import ArticlePage
from portal.testing.factories import SectionFactory
from portal.wordimport import services
from portal.wordimport.services import MESSAGES, WordImportError, import_docx

from . import samples
from .conftest import counts, stored_files, upload

pytestmark = pytest.mark.django_db


def body_blocks(page: ArticlePage) -> list[tuple[str, object]]:
    return [(block.block_type, block.value) for block in page.body]


def test_full_article_becomes_a_draft_with_its_structure_and_images(contributor, category, media):
    page = import_docx(user=contributor, parent=category, uploaded_file=upload(samples.news_article()))

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.get_parent().pk == category.pk
    assert page.title == samples.TITLE
    assert page.lead == samples.LEAD
    assert not page.live and page.has_unpublished_changes and page.first_published_at is None
    assert page.owner == contributor
    assert page.latest_revision.user == contributor
    # The byline comes from the contributor's staff profile.
    profile = contributor.staff_profile
    assert page.author_name == (profile.pen_name or contributor.get_full_name())
    assert page.unit == profile.unit and page.unit is not None
    assert page.slug.startswith("doan-cong-tac-tinh-thua-thien-hue")

    blocks = body_blocks(page)
    assert [kind for kind, _ in blocks] == ["paragraph", "image", "paragraph", "table", "image", "paragraph"]
    first, headings_and_lists, last = (str(blocks[i][1]) for i in (0, 2, 5))
    assert "<b>làm việc với Thành phố Gwangju</b>" in first
    assert "<i>thăm Tổng Lãnh sự quán Việt Nam</i>" in first
    assert "Nội dung quan trọng được tô màu đỏ." in first  # the coloured run's text survives, not its colour
    assert "<h2>Kết quả chính của chuyến công tác</h2>" in headings_and_lists
    assert "<ul><li>Ký kết biên bản ghi nhớ về giáo dục</li>" in headings_and_lists
    assert "<h3>Các bước tiếp theo</h3>" in headings_and_lists
    assert "<ol><li>Xây dựng kế hoạch triển khai</li>" in headings_and_lists
    assert last == "<p>Nguồn: <b>Phòng Hợp tác quốc tế</b></p>"

    table = blocks[3][1]
    assert table["data"][0] == ["Lĩnh vực", "Đối tác", "Thời hạn"]
    assert table["data"][2] == ["Du lịch", "Sở Văn hóa Gwangju", "2026"]
    assert table["first_row_is_table_header"] is True

    # Word's direct formatting, fonts, colours and styles are gone from what is stored.
    raw = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    for leftover in ("style=", "class=", "<span", "<font", "Times New Roman", "Arial", "color", "<strong", "<em"):
        assert leftover not in raw

    (first_image, caption1), (second_image, caption2) = (
        (value["image"], value["caption"]) for kind, value in blocks if kind == "image"
    )
    assert caption1 == samples.CAPTIONS[0]  # styled Caption
    assert caption2 == samples.CAPTIONS[1]  # typed in italics right below the picture
    assert first_image.contextual_alt_text == "Hai bên ký biên bản ghi nhớ"  # Word's alt text
    assert second_image.contextual_alt_text == samples.CAPTIONS[1]  # no alt text: the caption
    library = get_image_model().objects.filter(pk__in=[first_image.pk, second_image.pk])
    assert sorted(library.values_list("title", flat=True)) == sorted(samples.CAPTIONS)
    assert {image.collection.name for image in library} == {services.COLLECTION_NAME}
    assert all(image.uploaded_by_user == contributor and image.width == 320 for image in library)
    assert len(stored_files(media)) == 2

    # The draft passes the editor's validation as it stands, and renders with the site's templates.
    ArticlePage._meta.get_field("body").stream_block.clean(page.body)
    page.full_clean()
    assert samples.CAPTIONS[0] in str(page.body)

    actions = set(PageLogEntry.objects.filter(page=page, user=contributor).values_list("action", flat=True))
    assert {"wagtail.create", "wordimport.import"} <= actions
    entry = PageLogEntry.objects.get(page=page, action="wordimport.import")
    assert entry.data == {"file": "bai-viet.docx", "images": 2}


@pytest.mark.parametrize(
    ("build", "title", "lead"),
    [
        (
            samples.heading_one_article,
            "Hội nghị tổng kết công tác đối ngoại năm 2024",
            "Sáng 20/12, Sở Ngoại vụ tổ chức hội nghị tổng kết công tác đối ngoại.",
        ),
        (
            samples.plain_article,
            "Thông báo lịch tiếp công dân tháng 5",
            "Sở Ngoại vụ thông báo lịch tiếp công dân định kỳ tháng 5.",
        ),
    ],
)
def test_title_from_heading_1_or_first_paragraph(build, title, lead, contributor, category, media):
    page = import_docx(user=contributor, parent=category, uploaded_file=upload(build()))
    assert (page.title, page.lead) == (title, lead)
    assert page.body  # the rest of the text is in the body


def test_the_same_file_twice_gives_two_drafts(contributor, category, media):
    first = import_docx(user=contributor, parent=category, uploaded_file=upload(samples.plain_article()))
    second = import_docx(user=contributor, parent=category, uploaded_file=upload(samples.plain_article()))
    assert first.pk != second.pk and first.slug != second.slug


def _truncated_zip() -> bytes:
    data = samples.news_article()
    return data[: len(data) // 2]


def _zip_of_text() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "Không phải văn bản Word")
    return buffer.getvalue()


REFUSALS = {
    "legacy .doc": (samples.legacy_doc(), "bai-viet.doc", "legacy_doc"),
    ".doc renamed .docx": (samples.legacy_doc(), "bai-viet.docx", "legacy_doc"),
    "PNG renamed .docx": (samples.png_bytes(), "anh.docx", "not_word"),
    "zip that is not Word": (_zip_of_text(), "tai-lieu.docx", "not_word"),
    "truncated zip": (_truncated_zip(), "bai-viet.docx", "corrupt"),
    "damaged XML": (
        samples.replace_part(samples.news_article(), "word/document.xml", b"<w:document"),
        "bai-viet.docx",
        "corrupt",
    ),
    "password-protected": (samples.encrypted_docx(), "bai-viet.docx", "encrypted"),
    "empty document": (samples.empty_document(), "bai-viet.docx", "empty"),
    "zero bytes": (b"", "bai-viet.docx", "empty"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_refusals_create_nothing(case, contributor, category, media):
    data, name, key = REFUSALS[case]
    before = counts()
    with pytest.raises(WordImportError) as refused:
        import_docx(user=contributor, parent=category, uploaded_file=upload(data, name))
    assert refused.value.message == MESSAGES[key]
    assert counts() == before
    assert stored_files(media) == []


def test_oversize_file_is_refused_with_the_limit(settings, contributor, category, media):
    settings.WORDIMPORT_MAX_BYTES = 10 * 1024
    before = counts()
    with translation.override("en"), pytest.raises(WordImportError) as refused:
        import_docx(user=contributor, parent=category, uploaded_file=upload(samples.news_article()))
    with translation.override("en"):
        limit = filesizeformat(10 * 1024)
    assert refused.value.message.startswith("The file is too large (")
    assert refused.value.message.endswith(f"The limit is {limit}.")
    assert counts() == before


def test_messages_are_in_vietnamese_and_english(contributor, category, media):
    for language, expected in (("vi", "Word 97-2003"), ("en", "old Word 97-2003 document")):
        with translation.override(language), pytest.raises(WordImportError) as refused:
            import_docx(user=contributor, parent=category, uploaded_file=upload(samples.legacy_doc(), "a.doc"))
        assert expected in refused.value.message
    with translation.override("vi"), pytest.raises(WordImportError) as refused:
        import_docx(user=contributor, parent=category, uploaded_file=upload(samples.png_bytes(), "anh.docx"))
    assert refused.value.message == (
        "Tệp này không phải văn bản Word (.docx). Chỉ nhập được các tệp Word lưu dưới dạng .docx."
    )


def test_broken_third_image_rolls_everything_back(contributor, category, media):
    docx = samples.news_article(images=3)
    third = samples.media_names(docx)[2]
    broken = samples.replace_part(docx, third, b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    before = counts()
    with translation.override("en"), pytest.raises(WordImportError) as refused:
        import_docx(user=contributor, parent=category, uploaded_file=upload(broken))
    assert refused.value.message.startswith("Image 3 of the document is damaged")
    assert counts() == before  # no draft, no revision, none of the two good images
    assert stored_files(media) == []  # and their files were deleted from storage
    assert not ArticlePage.objects.filter(title=samples.TITLE).exists()


def test_unexpected_failure_after_the_images_rolls_everything_back(contributor, category, media):
    before = counts()
    with mock.patch.object(ArticlePage, "save_revision", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            import_docx(user=contributor, parent=category, uploaded_file=upload(samples.news_article()))
    assert counts() == before
    assert stored_files(media) == []


def test_user_without_permission_on_the_category_is_refused(category, media):
    # A contributor allowed to add pages in one category only.
    allowed = SectionFactory()
    group = Group.objects.create(name="Cộng tác viên một mục")
    GroupPagePermission.objects.create(group=group, page=allowed, permission_type="add")
    user = get_user_model().objects.create_user("ctv-mot-muc", password="x")
    user.groups.add(group)
    before = counts()
    with translation.override("en"), pytest.raises(WordImportError) as refused:
        import_docx(user=user, parent=category, uploaded_file=upload(samples.plain_article()))
    assert refused.value.message == "You may not add items to this category."
    assert counts() == before
    assert import_docx(user=user, parent=allowed, uploaded_file=upload(samples.plain_article())).owner == user
