"""The content types of the other domains count for the plan, and their own dates feed its deadline rules."""

import datetime as dt

import pytest

from portal.albums.models import AlbumPage
from portal.documents.models import DocumentKind, DocumentPage, Issuer
from portal.documents.tests.factories import publish_document
from portal.planning.registry import PLAIN, item_types
from portal.planning.selectors import category_progress, deadline_summary
from portal.qa.models import AnswerPage

from .conftest import at

pytestmark = pytest.mark.django_db


def test_dated_types_are_read_by_their_date_and_the_others_together():
    registered = {item_type.label: item_type for item_type in item_types()}
    assert registered["documents.documentpage"].reference_date_field == "issue_date"
    assert registered["albums.albumpage"].reference_date_field == "event_date"
    assert AnswerPage in registered[PLAIN].page_types  # counted through the page table, no rule of its own
    assert DocumentPage not in registered[PLAIN].page_types and AlbumPage not in registered[PLAIN].page_types


def test_a_directive_posted_two_working_days_after_its_issue_is_late_under_row_3_1(plan_2017):
    def row_3_1_count() -> int:
        rows = {entry.line.number: entry for entry in category_progress(plan_2017, today=dt.date(2017, 3, 31))}
        return rows["3.1"].count

    before = row_3_1_count()  # the demo's own documents of early 2017 (the plan itself)
    friday = dt.date(2017, 3, 3)
    # The registry's lists as the secretariat fills them in (publish_document files under these names).
    DocumentKind.objects.get_or_create(name_vi="Quyết định")
    Issuer.objects.get_or_create(name_vi="Sở Ngoại vụ tỉnh Thừa Thiên Huế")
    on_time = publish_document(number="11/QĐ-SNgV", issue_date=friday)
    late = publish_document(number="12/QĐ-SNgV", issue_date=friday)
    for page, posted in ((on_time, at(2017, 3, 6, 16)), (late, at(2017, 3, 7, 10))):
        DocumentPage.objects.filter(pk=page.pk).update(first_published_at=posted, last_published_at=posted)

    summary = deadline_summary(plan_2017, start=dt.date(2017, 3, 1), end=dt.date(2017, 3, 31), now=at(2017, 4, 1, 9))

    late_items = {item.page_id: item for item in summary.late}
    assert on_time.pk not in late_items
    missed = late_items[late.pk]
    assert missed.line.number == "3.1"
    assert missed.deadline == at(2017, 3, 7, 0)  # the end of Monday 06/03: the weekend does not count
    assert missed.working_days_late == 0.4
    assert row_3_1_count() == before + 2  # the registry is the category of row 3.1: its documents are its items


def test_the_photos_row_counts_images_not_albums(plan_2017):
    from portal.albums.tests.test_albums import publish_album

    def row_16_count() -> int:
        rows = {entry.line.number: entry for entry in category_progress(plan_2017, today=dt.date(2017, 6, 30))}
        assert rows["16"].line.quantity_text.startswith("Từ 30-50 hình ảnh")
        return rows["16"].count

    before = row_16_count()
    album = publish_album(3)
    AlbumPage.objects.filter(pk=album.pk).update(first_published_at=at(2017, 3, 8, 10))
    assert row_16_count() == before + 3  # the album's three images, against "30-50 images a year"
    AlbumPage.objects.filter(pk=album.pk).update(first_published_at=at(2018, 1, 2, 10))
    assert row_16_count() == before  # another year's album is not this year's


def test_the_page_types_that_declare_themselves_items_of_the_plan_are_all_registered():
    from portal.albums.models import AlbumIndexPage
    from portal.planning.registry import quantity_counter

    dated = {
        item_type.label: (item_type.reference_date_field, item_type.unit_field)
        for item_type in item_types()
        if item_type.label != PLAIN
    }
    assert dated == {
        "news.articlepage": ("source_date", "unit"),
        "documents.documentpage": ("issue_date", None),
        "albums.albumpage": ("event_date", None),
        "recruitment.recruitmentnoticepage": ("notice_date", None),
    }
    plain = next(item_type for item_type in item_types() if item_type.label == PLAIN)
    counted_plainly = {model._meta.label for model in plain.page_types}
    assert counted_plainly == {
        "documents.TreatyPage",
        "schedules.WorkProgrammePage",
        "schedules.WeeklySchedulePage",
        "qa.AnswerPage",
        "handbook.HandbookPage",
        "organisation.OrganisationTextPage",
        "organisation.StructurePage",
        "investment.InvestmentProjectPage",
        "disclosure.FinancialReportPage",
        "disclosure.InformationListPage",
        "consultation.DraftPage",
    }
    # Appendix I row 16: the photos category is measured in images, as the albums' index page says.
    assert quantity_counter(AlbumIndexPage.objects.first()) == AlbumIndexPage.plan_quantity
