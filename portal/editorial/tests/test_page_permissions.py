"""Least privilege where Wagtail decides page permissions: every admin URL and API action that takes
a page, for each newsroom role, against a draft of the role's own unit and of another unit."""

import functools
import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page

from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage
from portal.operations.testing import PARAMETER, fill_route, url_routes
from portal.testing.shared import shared_data
from portal.units.models import Unit

from .test_workflow import draft, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsroom")]
User = get_user_model()

ROLES = {
    "contributor": "contributor",
    "unit head": "unit_head",  # head of the International Cooperation Division (hop-tac-quoc-te)
    "category editor": "category_editor",
    "secretariat": "secretariat",
    "editor-in-chief": "editor_in_chief",
}
OWN_UNIT, OTHER_UNIT = "hop-tac-quoc-te", "van-phong"
TITLES = {"own": "Bản nháp của Phòng Hợp tác quốc tế", "other": "Bản nháp của Văn phòng Sở"}
PAGE_PARAMETERS = {"page_id", "page_to_move_id", "parent_page_id", "page_pk"}


def _drafts() -> dict[str, ArticlePage]:
    """A draft of the unit head's unit and one of another unit, written by the administrator and
    waiting at the workflow's first step (so the workflow's URLs have something to act on)."""
    pages = {}
    for key, code in (("own", OWN_UNIT), ("other", OTHER_UNIT)):
        page = draft(author="administrator", title=TITLES[key], unit=Unit.objects.get(code=code))
        submit(page, "administrator")
        page.refresh_from_db()
        pages[key] = page
    return pages


@pytest.fixture(scope="module")
def _draft_pks(_newsroom_pks, django_db_blocker) -> dict[str, int]:
    # Made once for the module (portal/testing/shared.py), inside the newsroom's own shared records.
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            pks = {key: page.pk for key, page in _drafts().items()}
        yield pks


@pytest.fixture
def drafts(db, newsroom, _draft_pks) -> dict[str, ArticlePage]:
    """The two drafts of `_drafts`, read again for the test (a test that moves or deletes one changes it
    for itself only: rolled back when it ends)."""
    return {key: ArticlePage.objects.get(pk=pk) for key, pk in _draft_pks.items()}


def _values(page: Page) -> dict[str, str]:
    state = page.current_workflow_state
    return {
        **{name: str(page.pk) for name in PAGE_PARAMETERS},
        "revision_id": str(page.latest_revision_id),
        "destination_id": str(page.get_parent().pk),
        "workflow_state_id": str(state.pk),
        "task_state_id": str(state.current_task_state.pk),
        "task_id": str(state.current_task_state.task_id),
        "action_name": "approve",
    }


def page_routes() -> list[str]:
    """Every admin route that takes a page (and nothing this test cannot fill)."""
    return list(_page_routes())


@functools.cache  # the URLconf is the run's: walked once, not twice a test
def _page_routes() -> tuple[str, ...]:
    known = PAGE_PARAMETERS | {"revision_id", "destination_id", "workflow_state_id", "task_state_id", "task_id"}
    known |= {"action_name"}
    routes = []
    for route in url_routes():
        if not route.startswith("admin/") or "^" in route:
            continue
        names = {match.group(2) for match in PARAMETER.finditer(route)}
        if names & PAGE_PARAMETERS and names <= known:
            routes.append(route)
    return tuple(sorted(routes))


def api_actions(page: Page) -> dict[str, dict]:
    """Each action of the admin API's pages endpoint with data it accepts; delete last."""
    parent = page.get_parent().pk
    data = {
        "revert_to_page_revision": {"revision_id": page.latest_revision_id},
        "move": {"destination_page_id": parent, "position": "last-child"},
        "copy": {"destination_page_id": parent, "slug": f"ban-sao-{page.pk}"},
        "create_alias": {"destination_page_id": parent, "update_slug": f"bi-danh-{page.pk}"},
        "copy_for_translation": {"locale": "en"},
        "publish": {},
        "unpublish": {},
        "delete": {},
    }
    # convert_alias takes an alias (these drafts are not): the only action left out; "publish" is
    # Wagtail's, which the portal's endpoint drops (editorial.wagtail_hooks)
    assert set(data) | {"convert_alias"} == set(PagesAdminAPIViewSet.actions)
    return data


def _refused(response) -> bool:
    """Refused: an error status, or Wagtail's permission-denied redirect to the dashboard (or the
    sign-in page); redirects elsewhere are followed (a move onto its own parent goes back to the move
    view, the revisions index to the history)."""
    if response.status_code in (401, 403, 404, 405):
        return True
    chain = getattr(response, "redirect_chain", [])
    location = chain[-1][0] if chain else response.get("Location", "")
    return _refusal(location)


def _refusal(location: str) -> bool:
    return location.rstrip("/") == "/admin" or "/login/" in location


def _to_the_dashboard(response) -> bool:
    chain = getattr(response, "redirect_chain", [])
    return bool(chain) and chain[-1][0].rstrip("/") == "/admin"


def get_until_refused(client, path: str):
    """GET `path`, following redirects as `follow=True` does, but stopping at one to the dashboard or the
    sign-in page: that is the refusal. Followed, the dashboard was rendered once per refused route, most of
    the enumeration's time; `answered` renders it once instead where it looks for the page's title."""
    response = client.get(path)
    chain = []
    while response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        chain.append((location, response.status_code))
        if _refusal(location) or len(chain) > 20:
            break
        response = client.get(location)
    response.redirect_chain = chain
    return response


def _text(response) -> str:
    """What the user reads: the page, or the JSON of a modal or the API with its letters unescaped."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def answered(client, page: Page, *, showing: set[str] | None = None) -> set[str]:
    """The routes (as written) that answer `client` on `page` rather than refuse it; `showing`, when
    given, gathers those whose answer (refusals too) holds the page's title."""
    values = _values(page)
    found = set()
    responses = {}
    for route in page_routes():
        responses[route] = get_until_refused(client, fill_route(route, values))
    refused_to_the_dashboard = {route for route, response in responses.items() if _to_the_dashboard(response)}
    if showing is not None and refused_to_the_dashboard:
        # what following each of them would have shown, once (messages of every refusal included)
        dashboard = client.get("/admin/", follow=True)
        if page.title in _text(dashboard):
            showing.update(refused_to_the_dashboard)
    responses["api: detail"] = client.get(f"/admin/api/main/pages/{page.pk}/")
    for name, data in api_actions(page).items():
        url = f"/admin/api/main/pages/{page.pk}/action/{name}/"
        responses[f"api: {name}"] = client.post(url, data, content_type="application/json")
    for route, response in responses.items():
        if not _refused(response):
            found.add(route)
        if showing is not None and page.title in _text(response):
            showing.add(route)
    return found


# What answers anyone who may see the draft, with none of its content: the explorer's and the page
# chooser's list of its (no) children, under its title.
SEEING = {
    "admin/choose-page/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/",
    "admin/pages/<int:parent_page_id>/results/",
}
# Wagtail's "publishing will cancel the workflow" confirmation answers anyone: the workflow's and the
# step's names, not the draft's title (its view asks no permission and runs no hook).
CANCEL_DIALOG = {"admin/pages/workflow/confirm_cancellation/<int:page_id>/"}
EDITING = {
    "admin/pages/<int:page_id>/edit/",
    "admin/pages/<int:page_id>/edit/preview/",
    "admin/pages/<int:page_id>/view_draft/",
    "admin/pages/<int:page_id>/history/",
    "admin/pages/<int:page_id>/history/results/",
    "admin/pages/<int:page_id>/revisions/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
    "admin/pages/<int:page_id>/usage/",
    "admin/pages/<int:page_id>/copy/",
    "admin/pages/<int:page_id>/delete/",
    "admin/pages/<int:page_to_move_id>/move/",
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",  # "move it here?"
    "admin/pages/<int:page_id>/workflow_history/",
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
    "api: detail",
    "api: move",
    "api: revert_to_page_revision",
    "api: delete",
}
REVIEWING = {  # the first step's review: the category's editors (for their unit's items, the unit head)
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
}
ASSESS = {"admin/royalties/assess/<int:page_id>/"}
PUBLISHER = {  # the "publish" permission: privacy and scheduled revisions (never publishing itself)
    "admin/pages/<int:page_id>/privacy/",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
}
# role -> (allowed on a draft of the role's own unit, allowed on a draft of another unit)
EXPECTED = {
    "contributor": (SEEING | CANCEL_DIALOG | {"api: detail"}, CANCEL_DIALOG),
    "unit head": (SEEING | CANCEL_DIALOG | EDITING | REVIEWING, CANCEL_DIALOG),
    "category editor": (SEEING | CANCEL_DIALOG | EDITING | REVIEWING | ASSESS,) * 2,
    "secretariat": (SEEING | CANCEL_DIALOG | EDITING | ASSESS,) * 2,
    "editor-in-chief": (SEEING | CANCEL_DIALOG | EDITING | ASSESS | PUBLISHER,) * 2,
}
HELD_TO_THEIR_UNIT = ("contributor", "unit head")


def test_the_enumeration_reaches_every_kind_of_page_url():
    routes = page_routes()
    for part in (
        "edit/",
        "view_draft/",
        "edit/preview/",
        "delete/",
        "copy/",
        "move/",
        "unpublish/",
        "lock/",
        "unlock/",
        "history/",
        "revisions/<int:revision_id>/view/",
        "revisions/<int:revision_id>/revert/",
        "workflow/action/",
        "workflow_history/",
        "usage/",
        "privacy/",
        "royalties/assess/",
    ):
        assert any(part in route for route in routes), part
    every_expected = set().union(*(own | other for own, other in EXPECTED.values()))
    assert {route for route in every_expected if not route.startswith("api:")} <= set(routes)


def _state(page: Page) -> tuple:
    page = Page.objects.filter(pk=page.pk).first()
    if page is None:
        return ("deleted",)
    return (page.title, page.latest_revision_id, page.revisions.count(), page.locked, page.live, page.path)


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_reaches_exactly_its_pages_of_its_own_and_of_another_unit(client, role, drafts):
    pages = drafts
    login_with_second_factor(client, User.objects.get(username=ROLES[role]))
    expected_own, expected_other = EXPECTED[role]
    assert answered(client, pages["own"]) == expected_own
    before = _state(pages["other"])
    showing = set()
    assert answered(client, pages["other"], showing=showing) == expected_other
    if role in HELD_TO_THEIR_UNIT:
        # not a word of it, refusals included: the explorer, the chooser and "move it here?" refuse
        assert showing == set()
        # refused everywhere: the draft is as it was, and no copy or alias of it was made
        assert _state(pages["other"]) == before
        assert not Page.objects.filter(slug__in=[f"ban-sao-{pages['other'].pk}", f"bi-danh-{pages['other'].pk}"])


def test_a_unit_head_changes_nothing_of_another_units_draft(client, drafts):
    """The issue's attacks and every POST a page route or a bulk action takes."""
    pages = drafts
    other = pages["other"]
    login_with_second_factor(client, User.objects.get(username=ROLES["unit head"]))
    before = _state(other)
    revert = client.post(
        f"/admin/api/main/pages/{other.pk}/action/revert_to_page_revision/",
        {"revision_id": other.latest_revision_id},
        content_type="application/json",
    )
    assert revert.status_code == 404
    assert client.get(f"/admin/pages/{other.pk}/view_draft/").status_code in (302, 403)
    values = _values(other)
    for route in page_routes():
        form = {"new_title": "x", "new_slug": "x", "revision": other.latest_revision_id}
        client.post(fill_route(route, values), form)
    for action in ("delete", "move", "unpublish", "publish"):
        client.post(f"/admin/bulk/wagtailcore/page/{action}/?id={other.pk}&next=/admin/", {"move_to": other.pk})
    assert _state(other) == before


@pytest.mark.parametrize("role", HELD_TO_THEIR_UNIT)
def test_contributors_and_unit_heads_list_their_units_drafts_and_their_own_only(client, role, drafts):
    pages = drafts
    viewer = User.objects.get(username=ROLES[role])
    # their own draft, written for another unit: theirs to see
    mine = draft(author=viewer.username, title="Bản nháp riêng cho Văn phòng", unit=Unit.objects.get(code=OTHER_UNIT))
    parent = pages["own"].get_parent()
    listings = (
        f"/admin/pages/{parent.pk}/",
        "/admin/pages/search/?q=Bản+nháp",
        "/admin/choose-page/search/?q=Bản+nháp",
        f"/admin/api/main/pages/?child_of={parent.pk}&order=-id&limit=20",  # the newest first
    )
    login_with_second_factor(client, viewer)
    for path in listings:
        content = _text(client.get(path))
        assert TITLES["own"] in content and mine.title in content, path
        assert TITLES["other"] not in content, path
    assert client.get(f"/admin/api/main/pages/{pages['other'].pk}/").status_code == 404
    assert client.get(f"/admin/api/main/pages/{mine.pk}/").status_code == 200
    login_with_second_factor(client, User.objects.get(username=ROLES["secretariat"]))
    for path in listings:
        content = _text(client.get(path))
        assert TITLES["own"] in content and TITLES["other"] in content, path


def test_nothing_is_moved_or_copied_under_a_draft_one_may_not_see(client, drafts):
    """The destination is a page too: a draft category the unit head may not see (it names no unit,
    they did not write it) takes none of their unit's items, and "move it here?" does not name it."""
    from portal.news.models import SectionPage
    from portal.news.tests.factories import section

    pages = drafts
    administrator = User.objects.get(username="administrator")
    hidden = section().add_child(
        instance=SectionPage(title="Chuyên mục nháp của Văn phòng", owner=administrator, live=False)
    )
    head = User.objects.get(username=ROLES["unit head"])
    secretariat = User.objects.get(username=ROLES["secretariat"])
    own = ArticlePage.objects.get(pk=pages["own"].pk)
    assert own.permissions_for_user(secretariat).can_move_to(hidden)  # a move the page types allow
    tester = own.permissions_for_user(head)
    assert tester.can_move_to(own.get_parent())
    assert not tester.can_move_to(hidden) and not tester.can_copy_to(hidden)
    assert not hidden.permissions_for_user(head).can_add_subpage()
    login_with_second_factor(client, head)
    confirm = f"/admin/pages/{own.pk}/move/{hidden.pk}/confirm/"
    response = client.get(confirm, follow=True)
    assert _refused(response) and hidden.title not in response.content.decode()
    assert _refused(client.post(confirm))
    assert Page.objects.get(pk=own.pk).get_parent().pk != hidden.pk


def test_the_unit_rule_is_one_function_and_costs_one_query_per_request(drafts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.editorial.services import held_to_a_unit, may_act_on_unit

    for role, username in ROLES.items():  # the rule the tester, the listings and site history share
        assert held_to_a_unit(User.objects.get(username=username)) == (role in HELD_TO_THEIR_UNIT), role
    assert not held_to_a_unit(User.objects.get(username="administrator"))
    pages = drafts
    head = User.objects.get(username=ROLES["unit head"])
    own, other = ArticlePage.objects.get(pk=pages["own"].pk), ArticlePage.objects.get(pk=pages["other"].pk)
    assert may_act_on_unit(head, own) and not may_act_on_unit(head, other)
    with CaptureQueriesContext(connection) as queries:  # the user's unit is cached on the user
        for _ in range(5):
            may_act_on_unit(head, own)
            may_act_on_unit(head, other)
    assert len(queries) == 0
    assert may_act_on_unit(User.objects.get(username=ROLES["secretariat"]), other)
