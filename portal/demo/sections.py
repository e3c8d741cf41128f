"""Categories of the demo that are index pages of their own content type (a SectionPage subclass).

The loader creates them in place of the plain category, at the same slug, so URLs, menus and
everything keyed on the category (editors, plan rows) stay as they were. A plain category left by
an earlier demo is promoted to its type in place: same page, id, URL, translations and history.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Revision
from wagtail.search.index import insert_or_update_object

from portal.news.models import SectionPage

SECTION_PAGE_TYPES = {
    "van-ban-chi-dao-dieu-hanh": "documents.DocumentIndexPage",
    "dieu-uoc-thoa-thuan-quoc-te": "documents.TreatyIndexPage",
    "chuong-trinh-cong-tac": "schedules.WorkProgrammeIndexPage",
    "hinh-anh-hoat-dong": "albums.AlbumIndexPage",
    "thong-tin-don-vi": "organisation.OrganisationIndexPage",
    "trung-tam-dich-vu-doi-ngoai": "organisation.UnitSectionPage",
    "cong-doan": "organisation.UnitSectionPage",
    "doan-thanh-nien": "organisation.UnitSectionPage",
    "tuyen-dung": "recruitment.RecruitmentIndexPage",
    "du-an-dau-tu-nuoc-ngoai": "investment.InvestmentIndexPage",
    "so-tay-le-tan-ngoai-giao": "handbook.HandbookIndexPage",
    "cong-khai-thong-tin": "disclosure.DisclosureIndexPage",
    "lay-y-kien-du-thao": "consultation.ConsultationIndexPage",
}


def section_page_class(slug: str) -> type[SectionPage]:
    label = SECTION_PAGE_TYPES.get(slug)
    return apps.get_model(label) if label else SectionPage


@transaction.atomic
def promote_section(section: SectionPage, page_class: type[SectionPage]) -> SectionPage:
    """`section` (a plain category) and its translations as `page_class`, a subclass of SectionPage."""
    if type(section) is page_class or not issubclass(page_class, SectionPage) or page_class is SectionPage:
        return section
    content_type = ContentType.objects.get_for_model(page_class)
    page_type = ContentType.objects.get_for_model(Page)
    for page in section.get_translations(inclusive=True).specific():
        if type(page) is not SectionPage:
            continue
        promoted = page_class(sectionpage_ptr=page)
        for field in SectionPage._meta.concrete_fields:
            setattr(promoted, field.attname, getattr(page, field.attname))
        promoted.save_base(raw=True)  # inserts only the subclass row; the page itself is untouched
        Page.objects.filter(pk=page.pk).update(content_type=content_type)
        revisions = Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk))
        revisions.update(content_type=content_type)
    promoted = page_class.objects.get(pk=section.pk)
    for page in promoted.get_translations(inclusive=True).specific():
        insert_or_update_object(page)
    return promoted
