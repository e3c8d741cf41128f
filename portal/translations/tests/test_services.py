"""The queue's rules: a task per published item of a category to translate, its deadline, its end."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageLogEntry

from portal.core.workdays import add_working_days
from portal.news.models import ArticlePage
from portal.news.tests.factories import publish_article, section
from portal.testing.factories import StaffFactory
from portal.translations import services
from portal.translations.models import CategoryTranslationRule, TranslationBaseline, TranslationTask
from portal.units import roles
from portal.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_time_to_translate_is_the_plans_row_18(this_years_plan):
    from portal.planning.models import DeadlineRule

    row = this_years_plan.rows.get(deadline_rule=DeadlineRule.AFTER_ORIGINAL)
    row.deadline_days = 3  # the secretariat edits this year's plan
    row.save()
    item = publish_article(section("hop-tac-quoc-te"), title="Tin dịch trong ba ngày làm việc")
    task = TranslationTask.objects.get(original=item)
    assert task.due_at == add_working_days(timezone.localtime(item.first_published_at), 3)


def test_publishing_an_item_of_a_category_to_translate_creates_one_task_due_two_working_days_later(translator):
    before = timezone.now()
    item = publish_article(section("hop-tac-quoc-te"), title="Đoàn công tác tỉnh Gyeongsangbuk thăm Huế")
    task = TranslationTask.objects.get(original=item)
    assert task.status == TranslationTask.STATUS_PENDING
    assert task.unit.code == "hop-tac-quoc-te"
    assert task.category.slug == "hop-tac-quoc-te"
    assert task.due_at == add_working_days(timezone.localtime(item.first_published_at), 2)  # the agency's days
    assert task.due_at >= before + dt.timedelta(days=2)
    # Published again (a correction): still one task, same deadline.
    item.lead = "Sapo đã sửa."
    item.save_revision().publish()
    assert TranslationTask.objects.filter(original=item).count() == 1
    assert TranslationTask.objects.get(original=item).due_at == task.due_at
    # The unit's members hear of it in the day's reminder, in their language.
    assert not [message for message in mail.outbox if "Gyeongsangbuk" in message.subject]
    services.reminders_send()
    subjects = [message.subject for message in mail.outbox if translator.email in message.to]
    assert any("Gyeongsangbuk" in subject and subject.startswith("Cần dịch") for subject in subjects), subjects


def test_no_task_for_a_category_not_to_translate_nor_for_english_items():
    item = publish_article(section("tuyen-dung"), title="Thông báo tuyển dụng công chức năm 2026")
    assert not TranslationTask.objects.filter(original=item).exists()
    english = publish_article(section("hop-tac-quoc-te", "en"), title="An English-only item")
    assert not TranslationTask.objects.filter(original=english).exists()


def test_a_rule_covers_its_subcategories_and_the_secretariat_can_change_it():
    parent_rule = CategoryTranslationRule.objects.get(section=section("chi-dao-dieu-hanh"))
    CategoryTranslationRule.objects.filter(section=section("van-ban-chi-dao-dieu-hanh")).delete()
    parent_rule.to_translate = True
    parent_rule.unit = Unit.objects.get(code="van-phong")
    parent_rule.save()
    item = publish_article(section("van-ban-chi-dao-dieu-hanh"), title="Quyết định ban hành quy chế")
    task = TranslationTask.objects.get(original=item)
    assert task.unit.code == "van-phong" and task.category == parent_rule.section


def test_news_is_translated_by_the_unit_that_supplied_it():
    unit = Unit.objects.get(code="bien-gioi")
    item = publish_article(section("tin-tuc-su-kien"), title="Hội đàm biên giới Việt - Lào", unit=unit)
    assert TranslationTask.objects.get(original=item).unit == unit


def test_the_copy_keeps_structure_images_attachments_and_link_and_publishing_it_closes_the_task(translator, chief):
    # An item with an attachment and an image, in a category to translate, not translated yet.
    parent = section("hop-tac-quoc-te")
    document = get_document_model().objects.create(
        title="Chương trình hội thảo", file=ContentFile(b"%PDF-1.4 chuong trinh", name="chuong-trinh-hoi-thao.pdf")
    )
    image = get_image_model().objects.create(title="Toàn cảnh hội thảo", file=get_test_image_file())
    article = publish_article(
        parent,
        title="Hội thảo xúc tiến đầu tư Nhật Bản",
        image=image,
        image_alt="Toàn cảnh hội thảo",
        attachments=[],
    )
    article.attachments.create(document=document)
    article.save_revision().publish()
    task = TranslationTask.objects.get(original=article)

    english = services.task_start(task=task, user=translator)

    task.refresh_from_db()
    assert task.status == TranslationTask.STATUS_IN_PROGRESS and task.translation_id == english.pk
    assert english.translation_key == article.translation_key and english.locale.language_code == "en"
    assert not english.live, "the copy is a draft until it passes the workflow"
    assert english.get_parent().specific == section("hop-tac-quoc-te", "en")
    assert english.image_id == article.image_id and english.lead == article.lead
    assert [a.document_id for a in english.attachments.all()] == [document.pk]
    assert english.attachments.first().title == document.title, "the file's title is there to translate"
    assert english.owner == translator
    assert PageLogEntry.objects.filter(page=english, action="translations.started", user=translator).exists()
    # Starting again (a second click) opens the same draft.
    assert services.task_start(task=task, user=translator).pk == english.pk

    english.title, english.lead = "Japan investment promotion seminar", "The province met Japanese investors."
    # as the workflow's last approval does (only a superuser publishes by hand)
    english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)
    task.refresh_from_db()
    assert task.status == TranslationTask.STATUS_DONE and task.done_on_time
    assert ArticlePage.objects.get(pk=english.pk).get_translation(article.locale).pk == article.pk


def test_only_the_responsible_unit_starts_a_translation(translator):
    task, _ = services.task_create_for_publication(page=publish_article(section("quan-ly-bien-gioi-hop-tac-voi-lao")))
    outsider = translator  # International Cooperation
    with pytest.raises(services.PermissionDenied):
        services.task_start(task=task, user=outsider)
    assert TranslationTask.objects.get(pk=task.pk).status == TranslationTask.STATUS_PENDING


def test_no_english_category_refuses_with_the_reason(translator):
    parent = section("hop-tac-quoc-te")
    sub = parent.add_child(instance=type(parent)(title="Viện trợ phi chính phủ", slug="vien-tro-pcp"))
    sub.save_revision().publish()
    task, _ = services.task_create_for_publication(page=publish_article(sub))
    with pytest.raises(services.TranslationRefused, match="Viện trợ phi chính phủ"):
        services.task_start(task=task, user=translator)
    assert TranslationTask.objects.get(pk=task.pk).translation is None


def _article_baseline(translator, chief) -> TranslationBaseline:
    """An item translated through the queue and published in English: what its translation was made from."""
    article = publish_article(section("hop-tac-quoc-te"), title="Đoàn Đại sứ quán Nhật Bản thăm Huế")
    english = services.task_start(task=TranslationTask.objects.get(original=article), user=translator)
    english.title, english.lead = "Japanese Embassy delegation visits Hue", "The delegation met the province."
    english.save_revision(user=translator).publish(user=chief, skip_permission_checks=True)
    return TranslationBaseline.objects.get(translation=english, out_of_date_since=None)


def test_original_changed_after_translation_flags_the_english_page_until_confirmed(translator, chief):
    baseline = _article_baseline(translator, chief)
    original = baseline.original.specific
    original.title = f"{original.title} (cập nhật)"
    original.save_revision().publish()
    baseline.refresh_from_db()
    assert baseline.is_out_of_date
    english = baseline.translation
    assert PageLogEntry.objects.filter(page=english, action="translations.out_of_date").exists()

    # Republished again without touching the text: still out of date, not flagged twice.
    original.save_revision().publish()
    assert PageLogEntry.objects.filter(page=english, action="translations.out_of_date").count() == 1

    with pytest.raises(services.PermissionDenied):
        services.baseline_confirm(baseline=baseline, user=StaffFactory(role=roles.ACCOUNTANT))
    admin = StaffFactory(superuser=True)
    services.baseline_confirm(baseline=baseline, user=admin)
    baseline.refresh_from_db()
    original.refresh_from_db()
    assert not baseline.is_out_of_date and baseline.original_revision_id == original.live_revision_id
    assert PageLogEntry.objects.filter(page=english, action="translations.confirmed", user=admin).exists()
    with pytest.raises(services.TranslationRefused):
        services.baseline_confirm(baseline=baseline, user=admin)


def test_republishing_without_a_text_change_does_not_flag(translator, chief):
    baseline = _article_baseline(translator, chief)
    original = baseline.original.specific
    original.featured = not original.featured
    original.save_revision().publish()
    baseline.refresh_from_db()
    assert not baseline.is_out_of_date


def test_reminders_reach_the_unit_once_per_task_and_day(translator):
    cooperation, office = Unit.objects.get(code="hop-tac-quoc-te"), Unit.objects.get(code="van-phong")
    editor = StaffFactory(role=roles.CATEGORY_EDITOR, unit=cooperation)
    others = [StaffFactory(role=roles.SECRETARIAT, unit=office), StaffFactory(role=roles.ACCOUNTANT, unit=office)]
    item = publish_article(section("hop-tac-quoc-te"), title="Tiếp Tổng Lãnh sự Lào", days_ago=10)
    task = TranslationTask.objects.get(original=item)
    assert task.is_overdue
    mail.outbox.clear()
    sent = services.reminders_send()
    assert sent >= 1
    reminders = [m for m in mail.outbox if "Tiếp Tổng Lãnh sự Lào" in m.subject]
    assert {address for m in reminders for address in m.to} >= {translator.email, editor.email}
    assert all(m.subject.startswith("Quá hạn dịch") for m in reminders), [m.subject for m in reminders]
    # Only the division's own staff: the other units' members hear nothing of it.
    assert not {address for m in reminders for address in m.to} & {person.email for person in others}
    mail.outbox.clear()
    assert services.reminders_send() == 0 and not mail.outbox
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert services.reminders_send(now=tomorrow) >= 1


def test_the_daily_reminder_job_is_scheduled_and_its_command_reports(capsys):
    from django.core.management import call_command

    from portal.operations.scheduler import default_jobs

    job = next(job for job in default_jobs() if job.name == "translation_reminders")
    assert job.every_seconds == 24 * 60 * 60
    call_command("send_translation_reminders")
    assert "translation reminder(s) sent." in capsys.readouterr().out
