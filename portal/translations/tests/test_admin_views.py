"""The queue, the copy action, PO export/import and the out-of-date comparison, as staff use them."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.news.models import ArticlePage
from portal.news.tests.factories import publish_article, section
from portal.testing.factories import StaffFactory
from portal.translations import services
from portal.translations.models import TranslationBaseline, TranslationTask
from portal.units import roles

pytestmark = pytest.mark.django_db

QUEUE = "/admin/translations/"


def _task(title="Đoàn doanh nghiệp Hàn Quốc tìm hiểu đầu tư tại Huế"):
    item = publish_article(
        section("hop-tac-quoc-te"),
        title=title,
        lead="Sáng nay, lãnh đạo Sở tiếp đoàn doanh nghiệp.",
        body_html="<p>Đoạn thứ nhất về <b>đầu tư</b>.</p><ul><li>Ý thứ nhất</li><li>Ý thứ hai</li></ul>",
    )
    return TranslationTask.objects.get(original=item)


def test_the_queue_shows_each_task_with_its_due_date_and_filters_by_status_and_unit(signed_in, translator):
    task = _task()
    client = signed_in(translator)
    html = client.get(QUEUE, {"unit": task.unit_id}).content.decode()
    assert task.original.title in html and task.due_at.astimezone().strftime("%d/%m/%Y %H:%M") in html
    assert "Bắt đầu dịch" in html and "Chờ dịch:" in html
    done = client.get(QUEUE, {"status": "done"}).content.decode()
    assert task.original.title not in done
    other_unit = client.get(QUEUE, {"unit": task.unit_id + 1}).content.decode()
    assert task.original.title not in other_unit
    overdue = client.get(QUEUE, {"status": "overdue"})
    assert overdue.status_code == 200 and task.original.title not in overdue.content.decode()
    assert client.get(QUEUE, {"status": "khong-co"}).status_code == 200  # an unknown filter is no error
    export = client.get(QUEUE, {"export": "csv", "unit": task.unit_id})
    assert export.status_code == 200 and task.original.title in b"".join(export.streaming_content).decode()


def test_the_queue_needs_a_bounded_number_of_queries(signed_in, translator, django_assert_max_num_queries):
    client = signed_in(translator)
    for number in range(5):
        _task(f"Tin hợp tác quốc tế số {number}")
    with django_assert_max_num_queries(40):
        assert client.get(QUEUE).status_code == 200
    for number in range(20):
        _task(f"Tin hợp tác quốc tế bổ sung {number}")
    with django_assert_max_num_queries(40):
        assert client.get(QUEUE).status_code == 200


def test_the_accountant_has_no_queue(signed_in):
    client = signed_in(StaffFactory(role=roles.ACCOUNTANT))
    assert client.get(QUEUE).status_code in (302, 403)


def test_start_translation_opens_the_english_draft_and_another_unit_is_refused(signed_in, translator):
    task = _task()
    client = signed_in(translator)
    response = client.post(reverse("translations_start", args=[task.pk]))
    task.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse(
        "wagtailadmin_pages:edit", args=[task.translation_id]
    )
    edit = client.get(response.url)
    assert edit.status_code == 200
    assert "Tải nội dung cần dịch (PO)" in edit.content.decode()

    border = TranslationTask.objects.get(
        original=publish_article(section("quan-ly-bien-gioi-hop-tac-voi-lao"), title="Tin biên giới")
    )
    refused = client.post(reverse("translations_start", args=[border.pk]), follow=True)
    assert "Bạn chỉ dịch tin bài của đơn vị mình." in refused.content.decode()
    assert TranslationTask.objects.get(pk=border.pk).status == TranslationTask.STATUS_PENDING


def test_po_round_trip_fills_the_english_draft_for_the_workflow(signed_in, translator):
    task = _task()
    english = services.task_start(task=task, user=translator)
    client = signed_in(translator)
    download = client.get(reverse("translations_download_po", args=[english.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.en.po"')
    catalogue = polib.pofile(download.content.decode())
    entries = {entry.msgctxt: entry for entry in catalogue}
    assert entries["title"].msgid == task.original.title and entries["title"].msgstr == ""
    paragraph = next(e for ctx, e in entries.items() if ctx.startswith("body.") and "đầu tư" in e.msgid)
    assert paragraph.msgid == "Đoạn thứ nhất về <b>đầu tư</b>."
    assert sum(ctx.startswith("body.") for ctx in entries) == 3

    english_text = {
        "title": "Korean business delegation explores investment in Hue",
        "lead": "This morning the Department received the delegation.",
        paragraph.msgctxt: "The first paragraph on <b>investment</b>.<script>alert(1)</script>",
    }
    for context, text in english_text.items():
        entries[context].msgstr = text
    upload = SimpleUploadedFile("dich.po", str(catalogue).encode(), content_type="text/plain")
    response = client.post(reverse("translations_upload_po", args=[english.pk]), {"po_file": upload}, follow=True)
    assert "Đã nhập 3 mục đã dịch (2 mục còn tiếng Việt, 0 mục không thuộc tin bài này)" in response.content.decode()
    draft = ArticlePage.objects.get(pk=english.pk).get_latest_revision_as_object()
    assert draft.title == english_text["title"] and draft.lead == english_text["lead"]
    assert draft.slug == "korean-business-delegation-explores-investment-in-hue"
    body = str(draft.body.raw_data[0]["value"])
    assert "The first paragraph on <b>investment</b>." in body and "<script>" not in body
    assert "<li>Ý thứ nhất</li>" in body, "untranslated list items stay as they were"
    assert not ArticlePage.objects.get(pk=english.pk).live, "an import is a draft for the workflow, never published"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "Đây không phải tệp PO (tệp chứa dữ liệu nhị phân)."),
        ("Xin chào".encode("utf-16"), "Đây không phải tệp PO (tệp chứa dữ liệu nhị phân)."),
        (b"just some text", "Đây không phải tệp PO: tệp không có mục msgid nào."),
        (b'msgid "a"\nmsgstr "b"\n', "Tệp PO này không phải nội dung của"),
    ],
)
def test_a_wrong_file_is_refused_with_the_reason_and_changes_nothing(signed_in, translator, content, message):
    task = _task()
    english = services.task_start(task=task, user=translator)
    revisions = english.revisions.count()
    client = signed_in(translator)
    upload = SimpleUploadedFile("dich.po", content)
    response = client.post(reverse("translations_upload_po", args=[english.pk]), {"po_file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert english.revisions.count() == revisions


def test_out_of_date_shows_the_changes_side_by_side_until_confirmed(signed_in, translator, chief):
    task = _task()
    english = services.task_start(task=task, user=translator)
    english.title = "Korean businesses look into investing in Hue"
    english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)
    original = task.original.specific  # changed after its translation was published
    original.body = [{"type": "paragraph", "value": "<p>Cập nhật: bổ sung danh sách đại biểu tham dự.</p>"}]
    original.save_revision().publish()
    baseline = TranslationBaseline.objects.get(translation=english)
    assert baseline.is_out_of_date
    administrator = StaffFactory(superuser=True)
    client = signed_in(administrator)
    listing = client.get(reverse("translations_out_of_date")).content.decode()
    assert baseline.translation.title in listing
    page = client.get(reverse("translations_compare", args=[baseline.pk])).content.decode()
    assert "Phiên bản đã dịch" in page and "Bản gốc hiện hành" in page
    assert "Cập nhật: bổ sung danh sách đại biểu tham dự." in page
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[baseline.translation_id])).content.decode()
    assert "Bản gốc tiếng Việt đã thay đổi sau khi dịch" in edit
    response = client.post(reverse("translations_compare", args=[baseline.pk]), follow=True)
    assert "khớp với bản gốc" in response.content.decode()
    baseline.refresh_from_db()
    assert not baseline.is_out_of_date and baseline.confirmed_by == administrator


def test_the_secretariat_keeps_the_categories_to_translate_and_a_contributor_cannot(signed_in, translator):
    secretariat = signed_in(StaffFactory(role=roles.SECRETARIAT))
    listing = secretariat.get("/admin/translations/categories/")
    assert listing.status_code == 200 and "Hợp tác quốc tế" in listing.content.decode()
    contributor = signed_in(translator)
    assert contributor.get("/admin/translations/categories/").status_code in (302, 403)
