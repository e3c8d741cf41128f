"""The review queue and its dashboard panel show each role only the items its unit may see (issue 18,
item 9): a unit's members their unit's items, a category editor the categories the plan gives them,
the secretariat and the editor-in-chief everything."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.models import StaffProfile
from portal.accounts.testing import login_with_second_factor
from portal.editorial.selectors import review_queue
from portal.news.models import ArticlePage
from portal.news.tests.factories import section
from portal.units.models import Unit
from portal.units.roles import CATEGORY_EDITOR, CONTRIBUTOR, UNIT_HEAD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()

COOPERATION_ITEM = "Hợp tác: đoàn Hàn Quốc thăm Huế"
CONSULAR_ITEM = "Lãnh sự: hộ chiếu công vụ mẫu mới"


def user(username: str):
    return User.objects.get(username=username)


def staff(username: str, role, unit_code: str):
    member = User.objects.create_user(username, email=f"{username}@demo.invalid", password="x-Mat-khau-2026")
    member.groups.add(Group.objects.get(name=role.group_name))
    StaffProfile.objects.create(user=member, unit=Unit.objects.get(code=unit_code))
    return member


def in_review(title: str, author, unit_code: str) -> ArticlePage:
    page = section("tin-tuc-su-kien").add_child(
        instance=ArticlePage(
            title=title, lead="Tóm tắt.", owner=author, live=False, unit=Unit.objects.get(code=unit_code)
        )
    )
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page


@pytest.fixture
def consular_contributor():
    return staff("ctvlanhsu", CONTRIBUTOR, "lanh-su")


@pytest.fixture
def items(consular_contributor):
    # Each item's author is a contributor of its unit; the viewers below are other people.
    return (
        in_review(COOPERATION_ITEM, user("contributor"), "hop-tac-quoc-te"),
        in_review(CONSULAR_ITEM, consular_contributor, "lanh-su"),
    )


def dashboard(client, viewer) -> str:
    login_with_second_factor(client, viewer)
    return client.get("/admin/").content.decode()


def queue_page(client, viewer) -> str:
    login_with_second_factor(client, viewer)
    response = client.get("/admin/review-queue/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "sees", "does_not_see"),
    [
        ("unit_head", [COOPERATION_ITEM], [CONSULAR_ITEM]),  # unit head of international cooperation
        ("ctv_lanh_su_2", [CONSULAR_ITEM], [COOPERATION_ITEM]),  # another contributor of the consular division
        ("truongphong_lanh_su", [CONSULAR_ITEM], [COOPERATION_ITEM]),  # its unit head
        ("category_editor", [COOPERATION_ITEM, CONSULAR_ITEM], []),  # the plan's editor of the news category (row 2)
        ("bientap_khac", [], [COOPERATION_ITEM, CONSULAR_ITEM]),  # a category editor the plan does not name
        ("secretariat", [COOPERATION_ITEM, CONSULAR_ITEM], []),
        ("editor_in_chief", [COOPERATION_ITEM, CONSULAR_ITEM], []),
        ("accountant", [], [COOPERATION_ITEM, CONSULAR_ITEM]),
    ],
)
def test_the_queue_and_the_dashboard_show_each_role_what_its_unit_may_see(client, items, viewer, sees, does_not_see):
    extra = {
        "ctv_lanh_su_2": (CONTRIBUTOR, "lanh-su"),
        "truongphong_lanh_su": (UNIT_HEAD, "lanh-su"),
        "bientap_khac": (CATEGORY_EDITOR, "van-phong"),
    }
    person = staff(viewer, *extra[viewer]) if viewer in extra else user(viewer)
    for html in (queue_page(client, person), dashboard(client, person)):
        for title in sees:
            assert title in html, viewer
        for title in does_not_see:
            assert title not in html, viewer
    titles = {entry.page.title for entry in review_queue(user=person)}
    assert set(sees) <= titles and not set(does_not_see) & titles


def test_the_author_always_sees_their_own_item_in_the_queue(client, items, consular_contributor):
    html = queue_page(client, consular_contributor)
    assert CONSULAR_ITEM in html and COOPERATION_ITEM not in html


def test_the_dashboard_queries_do_not_grow_with_other_units_items(client, consular_contributor):
    viewer = user("unit_head")
    in_review(COOPERATION_ITEM, user("contributor"), "hop-tac-quoc-te")
    in_review(f"{CONSULAR_ITEM} 1", consular_contributor, "lanh-su")
    login_with_second_factor(client, viewer)
    client.get("/admin/")  # caches warmed alike for both counts
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/").status_code == 200
    for number in range(2, 10):
        in_review(f"{CONSULAR_ITEM} {number}", consular_contributor, "lanh-su")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/admin/").content.decode()
    assert COOPERATION_ITEM in html and CONSULAR_ITEM not in html
    assert len(many) <= len(few), [query["sql"] for query in many.captured_queries[len(few) :]]


def test_site_history_keeps_other_units_drafts_from_contributors_and_unit_heads(client, items, consular_contributor):
    def history(viewer) -> str:
        login_with_second_factor(client, viewer)
        response = client.get("/admin/reports/site-history/")
        assert response.status_code == 200
        return response.content.decode()

    consular_head = staff("truongphong_lanh_su", UNIT_HEAD, "lanh-su")
    for viewer in (consular_contributor, consular_head):
        html = history(viewer)
        assert CONSULAR_ITEM in html and COOPERATION_ITEM not in html, viewer.username
    html = history(user("unit_head"))
    assert COOPERATION_ITEM in html and CONSULAR_ITEM not in html
    for username in ("category_editor", "secretariat", "editor_in_chief"):
        html = history(user(username))
        assert COOPERATION_ITEM in html and CONSULAR_ITEM in html, username
