"""The synthetic dataset: bulk-inserted items behave like items published by editors."""

import datetime as dt
import io
import random
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from portal.core.text import fold
from portal.demo.synthetic import compose_item
from portal.news.models import ArticlePage, SectionPage

pytestmark = [pytest.mark.django_db]  # each test names its template: the demo, or the agencies for `--site`

ITEMS = 60


@pytest.fixture
def generated():
    """The pages the command added: ITEMS Vietnamese items and the English translations of some."""
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("generate_dataset", items=ITEMS, seed=7, batch=25, stdout=out, stderr=io.StringIO())
    assert f"Added {ITEMS} items" in out.getvalue()
    return list(ArticlePage.objects.exclude(pk__in=before).select_related("locale"))


def _vietnamese(pages):
    return [page for page in pages if page.locale.language_code == "vi"]


def _english(pages):
    return [page for page in pages if page.locale.language_code == "en"]


@pytest.mark.demo
def test_items_are_live_bilingual_and_spread_over_categories(generated):
    vietnamese, english = _vietnamese(generated), _english(generated)
    assert len(vietnamese) == ITEMS
    assert 0 < len(english) < ITEMS
    assert all(page.live and not page.has_unpublished_changes and page.first_published_at for page in generated)
    assert len({page.get_parent().pk for page in vietnamese}) > 3
    assert all(isinstance(page.get_parent().specific, SectionPage) for page in generated)
    assert any(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", page.title) for page in vietnamese)


@pytest.mark.demo
def test_english_items_are_translations_under_the_english_category(generated):
    originals = {page.translation_key: page for page in _vietnamese(generated)}
    for page in _english(generated):
        original = originals[page.translation_key]
        assert page.get_parent().translation_key == original.get_parent().translation_key
        assert page.get_parent().locale.language_code == "en"
        assert page.first_published_at >= original.first_published_at
        assert [translation.pk for translation in original.get_translations()] == [page.pk]


@pytest.mark.demo
def test_tree_is_valid(generated):
    assert Page.find_problems() == ([], [], [], [], [])
    for category in {page.get_parent() for page in generated}:
        assert category.numchild == category.get_children().count()


@pytest.mark.demo
def test_category_page_lists_items_newest_first(client, generated):
    category = max({page.get_parent() for page in _vietnamese(generated)}, key=lambda c: c.numchild).specific
    expected = sorted(
        ArticlePage.objects.live().descendant_of(category), key=lambda p: (p.first_published_at, p.pk), reverse=True
    )
    newest_generated = next(page for page in expected if page.pk in {g.pk for g in generated})
    page_number = expected.index(newest_generated) // settings.PORTAL_PAGE_SIZE + 1
    response = client.get(category.url, {"page": page_number})
    assert response.status_code == 200
    listed = list(response.context["items"].object_list)
    start = (page_number - 1) * settings.PORTAL_PAGE_SIZE
    assert [page.pk for page in listed] == [page.pk for page in expected[start : start + len(listed)]]
    assert newest_generated.url in response.content.decode()


@pytest.mark.demo
def test_items_are_found_by_a_search_without_diacritics(client, generated):
    item = _vietnamese(generated)[0]
    words = re.findall(r"\w+", fold(item.title))
    assert fold(" ".join(words)) == " ".join(words)  # the query itself has no diacritics
    with translation.override("vi"):
        search_url = reverse("search")
    response = client.get(search_url, {"q": " ".join(words)})
    assert response.status_code == 200
    assert item.pk in [result.pk for result in response.context["results"]]


@pytest.mark.demo
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index rows are written in SQL on PostgreSQL only")
def test_index_rows_are_those_wagtail_writes(generated):
    """The vectors, texts and title norms written in bulk are what Wagtail's own indexing writes."""

    def entries():
        rows = IndexEntry.objects.filter(object_id__in=[str(page.pk) for page in generated])
        return {
            row[0]: row[1:]
            for row in rows.values_list("object_id", "title", "autocomplete", "body", "title_text", "body_text")
        }, dict(rows.values_list("object_id", "title_norm"))

    written, written_norms = entries()
    assert len(written) == len(generated)
    get_search_backend().add_bulk(ArticlePage, generated)
    indexed, indexed_norms = entries()
    assert written == indexed
    # Each batch's norms use the mean title length when it was written; Wagtail's, the mean after the last.
    assert written_norms == pytest.approx(indexed_norms, rel=0.1)


@pytest.mark.demo
def test_item_pages_render_in_both_languages(client, generated):
    for page in (_vietnamese(generated)[0], _english(generated)[0]):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


@pytest.mark.demo
def test_same_seed_composes_the_same_text():
    when = dt.datetime(2025, 3, 8, 9, 30, tzinfo=dt.UTC)
    first = compose_item(random.Random(1), category_slug="hop-tac-quoc-te", published_at=when, translated=True)
    again = compose_item(random.Random(1), category_slug="hop-tac-quoc-te", published_at=when, translated=True)
    assert first == again
    assert first.en is not None and first.en.title != first.vi.title


@pytest.mark.agencies
def test_site_option_fills_that_agencys_own_categories_only():
    """`--site HOST`: the items land in that agency's categories (both languages), credited to its units;
    the other agencies' sites get none."""
    from portal.core.models import AgencySettings
    from portal.testing.agencies import HOSTS, site
    from portal.units.agencies import agency_of_page
    from portal.units.models import Unit
    from portal.units.roles import agency_collection

    second = site("second")
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("generate_dataset", items=20, seed=3, batch=8, site=HOSTS["second"], stdout=out, stderr=io.StringIO())
    assert "Added 20 items" in out.getvalue()
    added = list(ArticlePage.objects.exclude(pk__in=before).select_related("locale", "unit"))
    assert len(_vietnamese(added)) == 20
    assert _english(added)  # the pack translates its news category
    owner = AgencySettings.for_site(second)
    assert {agency_of_page(page) for page in added} == {owner}
    assert all(isinstance(page.get_parent().specific, SectionPage) for page in added)
    assert {page.unit.agency_id for page in added} == {owner.pk}
    assert set(Unit.objects.filter(agency=owner).values_list("pk", flat=True)) >= {page.unit_id for page in added}
    own_images = agency_collection(owner).path
    assert all(page.image.collection.path.startswith(own_images) for page in added if page.image_id)
    assert any(page.image_id for page in added) == get_image_model().objects.filter(collection__depth=1).exists()
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.agencies
def test_site_option_refuses_a_host_no_site_serves():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No site is served at 'nowhere.example'"):
        call_command("generate_dataset", items=5, site="nowhere.example", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.agencies
def test_applications_option_adds_that_agencys_applications():
    """`--applications N --site HOST`: N applications of that agency for its own procedures (it had none: it
    gets the demo's catalogue, handled by its units), with its receipt numbers, due dates on the working-day
    calendar and a timeline; some decided late, some paid; the other agency's applications are untouched,
    the board's on-time figures count them, and each opens on its agency's site only."""
    from portal.applications.models import Application, ApplicationEvent, ReceiptCounter
    from portal.applications.notifications import tracking_path
    from portal.applications.selectors import on_time_by_procedure
    from portal.applications.services import _next_receipt_number, receipt_prefix
    from portal.core.deadlines import Deadline
    from portal.testing.agencies import HOSTS, agency, visitor

    second, first = agency("second"), agency("first")
    first_before = set(Application.objects.filter(agency=first).values_list("pk", "status", "receipt_number"))
    out = io.StringIO()
    call_command(
        "generate_dataset", items=0, applications=150, years=3, seed=3, site=HOSTS["second"], stdout=out, stderr=out
    )
    assert "Added 150 applications" in out.getvalue()
    added = list(Application.objects.filter(agency=second).select_related("procedure__unit", "version"))
    assert len(added) == 150
    assert {application.procedure.agency_id for application in added} == {second.pk}
    assert {application.procedure.unit.agency_id for application in added} == {second.pk}
    assert set(Application.objects.filter(agency=first).values_list("pk", "status", "receipt_number")) == first_before

    receipts = [application.receipt_number for application in added]
    assert len(set(receipts)) == 150 and all(r.startswith(f"{receipt_prefix(second)}-") for r in receipts)
    received = [application for application in added if application.received_at]
    assert received and all(
        application.due_at == Deadline(start=application.received_at, days=application.version.processing_days).due_at
        for application in received
    )
    closed = [application for application in added if application.closed_at]
    late = [application for application in closed if application.closed_at > application.due_at]
    assert closed and 0 < len(late) < len(closed) / 2
    assert any(application.paid_at and application.payments.get().status == "paid" for application in added)
    newest = max(added, key=lambda application: application.submitted_at)
    steps = list(newest.events.order_by("at", "pk"))
    assert steps[0].kind == ApplicationEvent.SUBMITTED and steps[0].at == newest.submitted_at

    figures = on_time_by_procedure(agency_id=second.pk)
    assert sum(entry.finished for entry in figures.values()) == len(closed)
    assert sum(entry.on_time for entry in figures.values()) == len(closed) - len(late)

    # The counter moved on: the next real receipt of the newest day follows the synthetic ones.
    day_of_newest = newest.submitted_at
    counter = ReceiptCounter.objects.get(agency=second, day=timezone.localdate(day_of_newest))
    assert _next_receipt_number(day_of_newest, second).endswith(f"-{counter.last + 1:04d}")

    page = visitor("second").get(tracking_path(newest))
    assert page.status_code == 200 and newest.receipt_number in page.content.decode()
    assert visitor("first").get(tracking_path(newest)).status_code == 404

    # Topped up again with the same seed (a resumed build does): more of them, their keys still unique.
    call_command(
        "generate_dataset", items=0, applications=10, years=3, seed=3, site=HOSTS["second"], stdout=out, stderr=out
    )
    assert Application.objects.filter(agency=second).count() == 160
