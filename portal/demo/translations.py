"""Demo data of the translation queue: the categories to translate (Appendix I), tasks for the demo items,
one translation in progress and one English item whose original has since changed."""

from django.contrib.auth import get_user_model
from django.db import transaction

from portal.core.tree import any_subtree_q
from portal.news.models import ArticlePage, SectionPage
from portal.translations import services
from portal.translations.models import CategoryTranslationRule, TranslationBaseline, TranslationTask
from portal.units.models import Unit

# Appendix I: each category's unit is its "Nguồn tin"; row 18 asks the specialist divisions to translate
# the items of their field. None: the unit that supplied each item (news comes from every unit).
APPENDIX_I_RULES = {
    "thong-tin-don-vi": (True, "van-phong"),
    "tin-tuc-su-kien": (True, None),
    "chi-dao-dieu-hanh": (False, "van-phong"),
    "van-ban-chi-dao-dieu-hanh": (False, "van-phong"),
    "chuong-trinh-cong-tac": (False, "van-phong"),
    "pho-bien-phap-luat": (False, "van-phong"),
    "thu-tuc-hanh-chinh": (False, "van-phong"),
    "chinh-sach-doi-ngoai": (True, "van-phong"),
    "hop-tac-quoc-te": (True, "hop-tac-quoc-te"),
    "lanh-su-nguoi-viet-nam-o-nuoc-ngoai": (True, "lanh-su"),
    "bao-chi-hoi-thao": (True, "lanh-su"),
    "quan-ly-bien-gioi-hop-tac-voi-lao": (True, "bien-gioi"),
    "thanh-tra-ngoai-giao": (False, "thanh-tra"),
    "tuyen-dung": (False, "van-phong"),
    "so-tay-le-tan-ngoai-giao": (True, "hop-tac-quoc-te"),
    "hoi-dap": (False, None),
    "hinh-anh-hoat-dong": (False, "van-phong"),
    "trung-tam-dich-vu-doi-ngoai": (True, "ttdvdn"),
}
DEMO_TRANSLATOR = "congtacvien"
CHANGED_LEAD_NOTE = " (Cập nhật: bổ sung danh sách đại biểu tham dự.)"


def ensure_demo_translations() -> None:
    with transaction.atomic():
        units = {unit.code: unit for unit in Unit.objects.all()}
        for slug, (to_translate, unit_code) in APPENDIX_I_RULES.items():
            section = SectionPage.objects.filter(slug=slug, locale__language_code=services.SOURCE_LANGUAGE).first()
            if section is not None:
                CategoryTranslationRule.objects.get_or_create(
                    section=section, defaults={"to_translate": to_translate, "unit": units.get(unit_code)}
                )
        # Only items without a task, in categories to translate: on a database grown for a benchmark
        # the loader walked every item on every run.
        to_translate = CategoryTranslationRule.objects.filter(to_translate=True).values_list("section__path", flat=True)
        items = (
            ArticlePage.objects.live()
            .filter(locale__language_code=services.SOURCE_LANGUAGE, translation_task__isnull=True)
            .filter(any_subtree_q(to_translate))
        )
        for item in items:
            services.task_create_for_publication(page=item)
    _demo_translation_in_progress()
    _demo_out_of_date()
    # English items the loaders published on their original's Vietnamese slug (and those of a demo loaded
    # before the rule) take English ones; the old addresses redirect. A second run finds none left.
    services.english_slugs_apply()


def _demo_translation_in_progress() -> None:
    if TranslationTask.objects.filter(status=TranslationTask.STATUS_IN_PROGRESS).exists():
        return
    translator = get_user_model().objects.filter(username=DEMO_TRANSLATOR).first()
    task = (
        TranslationTask.objects.filter(status=TranslationTask.STATUS_PENDING, unit__code="hop-tac-quoc-te")
        .order_by("-published_at")
        .first()
    )
    if translator is None or task is None:
        return
    try:
        services.task_start(task=task, user=translator)
    except services.TranslationRefused:
        return


def _demo_out_of_date() -> None:
    if TranslationBaseline.objects.exclude(out_of_date_since=None, confirmed_at=None).exists():
        return  # flagged once already (perhaps confirmed since): never change the original again
    task = (
        TranslationTask.objects.filter(status=TranslationTask.STATUS_DONE, category__slug="hop-tac-quoc-te")
        .select_related("original")
        .order_by("published_at")
        .first()
    )
    if task is None:
        return
    original = task.original.specific
    if original.lead.endswith(CHANGED_LEAD_NOTE):
        return
    with transaction.atomic():
        original.lead = f"{original.lead}{CHANGED_LEAD_NOTE}"
        original.save_revision().publish()
