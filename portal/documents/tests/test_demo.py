"""The demo registry: the plan's documents are there, and an older demo's plain category is promoted in place."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from portal.documents.models import DocumentIndexPage, DocumentPage, TreatyPage
from portal.news.models import SectionPage
from portal.news.tests.factories import vietnamese_home
from portal.packs.sections import promote_section

pytestmark = pytest.mark.django_db


@pytest.mark.demo  # about what the demo publishes in the registry
def test_the_demo_holds_the_documents_the_plan_cites():
    numbers = set(DocumentPage.objects.filter(locale__language_code="vi").values_list("number", flat=True))
    assert {"66/QĐ-SNgV", "26/QĐ-SNgV"} <= numbers
    plan = DocumentPage.objects.get(slug="ke-hoach-hoat-dong-trang-ttdt-2017", locale__language_code="vi")
    assert plan.issue_date.isoformat() == "2017-02-23"
    assert DocumentPage.objects.filter(locale__language_code="vi").count() >= 12
    assert TreatyPage.objects.filter(locale__language_code="vi").count() >= 4
    assert TreatyPage.objects.filter(locale__language_code="en").exists()


def test_a_plain_category_is_promoted_to_its_type_in_place(client):
    home = vietnamese_home()
    plain = home.add_child(instance=SectionPage(title="Văn bản cũ", slug="van-ban-cu-thu-nghiem"))
    plain.save_revision().publish()
    english = plain.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    url = plain.url

    promoted = promote_section(SectionPage.objects.get(pk=plain.pk), DocumentIndexPage)

    assert isinstance(promoted, DocumentIndexPage) and promoted.pk == plain.pk and promoted.url == url
    assert type(english.specific_class.objects.get(pk=english.pk).specific) is DocumentIndexPage
    assert promoted.get_latest_revision().as_object().__class__ is DocumentIndexPage
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert "form" in response.context  # the registry's filters, not the plain category
    assert promote_section(promoted, DocumentIndexPage) is promoted  # nothing to do the second time
