"""Pages of one agency in the admin of another (issue 22, item 2): for each role of the second agency,
every admin URL and admin API action that takes a page of the first agency is refused, and none shows
its title; the same role still works on its own agency's items."""

import pytest
from wagtail.models import Page

from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage, SectionPage
from portal.testing.agencies import agency, site, staff
from portal.testing.shared import shared_data
from portal.units import roles
from portal.units.models import Unit

from .test_page_permissions import CANCEL_DIALOG, _state, answered

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]
TITLE = {"first": "Bản nháp của Sở Ngoại vụ", "second": "Bản nháp của Sở Văn hóa"}


def draft_in_review(key: str) -> ArticlePage:
    """A draft of agency `key`'s, written by its secretariat and waiting at its workflow's first step."""
    home = site(key).root_page
    section = SectionPage.objects.descendant_of(home).live().order_by("path").first()
    author = staff(key, roles.SECRETARIAT)
    unit = Unit.objects.filter(agency=agency(key)).order_by("pk").first()
    page = section.add_child(
        instance=ArticlePage(title=TITLE[key], lead="Tóm tắt.", owner=author, live=False, unit=unit)
    )
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    page.refresh_from_db()
    return page


@pytest.fixture(scope="module")
def _first_draft_pk(django_db_setup, django_db_blocker) -> int:
    # The first agency's draft, made once for the module (portal/testing/shared.py).
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            pk = draft_in_review("first").pk
        yield pk


@pytest.fixture
def first_draft(db, _first_draft_pk) -> ArticlePage:
    """`draft_in_review("first")`, read again for the test."""
    return ArticlePage.objects.get(pk=_first_draft_pk)


@pytest.mark.parametrize("role", [role for role in roles.ROLES], ids=lambda role: str(role.label))
def test_each_role_of_one_agency_reaches_no_page_of_another(client, role, first_draft):
    page = first_draft
    before = _state(page)
    login_with_second_factor(client, staff("second", role))
    showing = set()
    # "publishing will cancel the workflow" answers anyone, with no word of the page (test_page_permissions)
    assert answered(client, page, showing=showing) <= CANCEL_DIALOG
    assert showing == set()
    assert _state(page) == before
    assert not Page.objects.filter(slug__in=[f"ban-sao-{page.pk}", f"bi-danh-{page.pk}"])


def test_the_second_agencys_editors_still_edit_its_own_items(client):
    page = draft_in_review("second")
    login_with_second_factor(client, staff("second", roles.EDITOR_IN_CHIEF))
    reached = answered(client, page)
    assert {"admin/pages/<int:page_id>/edit/", "api: detail", "admin/pages/<int:page_id>/history/"} <= reached


def test_the_page_chooser_search_and_reports_show_no_page_of_another_agency(client, first_draft):
    page = first_draft
    page.locked, page.locked_by = True, page.owner
    page.save(update_fields=["locked", "locked_by"])
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    search = client.get("/admin/choose-page/search/", {"q": "Bản nháp"}).content.decode()
    assert TITLE["first"] not in search
    home = site("first").root_page
    assert client.get(f"/admin/choose-page/{home.pk}/").status_code != 200 or TITLE["first"] not in (
        client.get(f"/admin/choose-page/{home.pk}/").content.decode()
    )
    assert TITLE["first"] not in client.get("/admin/pages/search/", {"q": "Bản nháp"}).content.decode()
    for report in ("/admin/reports/locked/", "/admin/reports/aging-pages/", "/admin/reports/workflow/"):
        assert TITLE["first"] not in client.get(report).content.decode(), report
    assert TITLE["first"] not in client.get("/admin/api/main/pages/", {"search": "Bản nháp"}).content.decode()
