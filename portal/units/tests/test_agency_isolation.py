"""Isolation in the admin (issue 22, item 2): for each role of agency A (the second department)
against the records of agency B (the skeleton's, on the default site), every admin URL and bulk action
that takes such a record is refused; and the same role still reaches its own agency's records as a
role of agency B reaches B's.

The records are those an agency owns: its units, plans, royalty schedules, people (`agency_of`), and its
procedures and their versions (the procedure catalogue's admin), its archive exports, its anniversaries,
the server errors of its site, and its groups."""

import datetime as dt
import functools
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import resolve

from portal.accounts.testing import login_with_second_factor
from portal.archive.models import ArchiveExport
from portal.operations.models import Incident
from portal.operations.testing import PARAMETER, fill_route, url_routes
from portal.planning.models import Anniversary, Plan
from portal.procedures.models import Procedure, ProcedureVersion
from portal.royalties.models import RoyaltySchedule
from portal.testing.agencies import agency, staff
from portal.testing.factories import ProcedureVersionFactory, StaffFactory
from portal.testing.shared import shared_data
from portal.units import roles
from portal.units.agencies import agency_of, users_of
from portal.units.models import AgencyGroup, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]
User = get_user_model()
OWNED = (Unit, Plan, RoyaltySchedule, User, Procedure, ProcedureVersion, ArchiveExport, Anniversary, Incident, Group)
# The snippets' bulk delete of each (label in /admin/bulk/<label>/delete/).
BULK = {"units/unit": Unit, "royalties/royaltyschedule": RoyaltySchedule}
BULK |= {"procedures/procedure": Procedure, "procedures/procedureversion": ProcedureVersion}


def _model_of(route: str):
    """The model whose record the route's `pk` names (its view's, or the plan's for the plan's own views)."""
    view = resolve(fill_route(route, {"pk": "1", "str": "1", "int": "1"})).func
    initial = getattr(view, "view_initkwargs", {})
    return getattr(view, "agency_model", None) or initial.get("model") or initial.get("model_class")


def owned_routes() -> dict[str, type]:
    """Every admin route that takes the key of an agency's record, and nothing else: route -> model."""
    return dict(_owned_routes())


@functools.cache  # the URLconf is the run's: walked and resolved once, not five times a test
def _owned_routes() -> dict[str, type]:
    routes = {}
    for route in url_routes():
        if not route.startswith("admin/") or "^" in route:
            continue
        names = {match.group(2) for match in PARAMETER.finditer(route)}
        if names != {"pk"}:
            continue
        model = _model_of(route)
        if model in OWNED:
            routes[route] = model
    return routes


def _make_records(key: str) -> dict[type, object]:
    """A record of each kind of agency `key`'s. The plan is one of its own, without rows: its views ask
    the same permission as the pack's plan of 20 rows, whose edit form (formsets of rows with choosers of
    units and people) took most of an enumeration's time where the role reaches it."""
    owner = agency(key)
    unit = Unit.objects.filter(agency=owner).order_by("pk").first()
    person = StaffFactory(username=f"nguoi-cua-{key}", unit=unit)
    version = ProcedureVersionFactory(procedure__unit=unit, procedure__code=f"TT.{key}", name_vi=f"Thủ tục của {key}")
    return {
        Unit: unit,
        Plan: Plan.objects.create(agency=owner, year=2090, title=f"Kế hoạch thử của {key}"),
        RoyaltySchedule: RoyaltySchedule.objects.filter(agency=owner).order_by("pk").first(),
        User: person,
        Procedure: version.procedure,
        ProcedureVersion: version,
        ArchiveExport: ArchiveExport.objects.create(agency=owner, year=2016, status=ArchiveExport.FAILED, error="x"),
        Anniversary: Anniversary.objects.create(
            agency=owner, name_vi=f"Ngày thành lập của {key}", kind=Anniversary.Kind.PROVINCE, date=dt.date(1976, 5, 1)
        ),
        Incident: Incident.objects.create(
            site=owner.site, path=f"/loi-cua-{key}/", method="GET", exception="ValueError"
        ),
        Group: Group.objects.get(name=roles.group_name(roles.ACCOUNTANT, owner)),
    }


@pytest.fixture(scope="module")
def _record_keys(django_db_setup, django_db_blocker) -> dict[str, dict[type, int]]:
    # Made once for the module (portal/testing/shared.py); each test reads its own copies (`records`).
    with shared_data(django_db_blocker):
        with django_db_blocker.unblock():
            keys = {
                key: {model: record.pk for model, record in _make_records(key).items()} for key in ("first", "second")
            }
        yield keys


@pytest.fixture
def records(db, _record_keys):
    """records(key): a record of each kind of agency `key`'s, read again for the test."""

    def read(key: str) -> dict[type, object]:
        return {model: model.objects.get(pk=pk) for model, pk in _record_keys[key].items()}

    return read


def _refused(response) -> bool:
    """An error status, or Wagtail's permission-denied redirect to the dashboard (or the sign-in page)."""
    if response.status_code in (401, 403, 404, 405):
        return True
    chain = getattr(response, "redirect_chain", [])
    location = chain[-1][0] if chain else response.get("Location", "")
    return _refusal(location)


def _refusal(location: str) -> bool:
    return location.rstrip("/") == "/admin" or "/login/" in location


def get_until_refused(client, path: str):
    """GET `path`, following redirects as `follow=True` does, but stopping at one to the dashboard or the
    sign-in page: that is the refusal, whatever the dashboard shows (rendered once per refused route, the
    dashboard was most of the enumeration's time)."""
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


def answered(client, objects: dict) -> set[str]:
    found = set()
    for route, model in owned_routes().items():
        response = get_until_refused(client, fill_route(route, {"pk": str(objects[model].pk)}))
        if not _refused(response):
            found.add(route)
    return found


def _state(objects: dict) -> dict:
    def row(model, pk):
        return list(model.objects.filter(pk=pk).values())

    return {model: row(model, record.pk) for model, record in objects.items()}


def test_the_enumeration_reaches_every_kind_of_view_of_each_record():
    routes = owned_routes()
    for model in OWNED:
        assert any(each is model for each in routes.values()), model
    parts = (
        "edit/",
        "delete/",
        "history/",
        "usage/",
        "chosen/",
        "copy/",
        "document/",
        "put-into-effect/",
        "new-draft/",
    )
    for part in parts:
        assert any(part in route for route in routes), part


@pytest.mark.parametrize("role", roles.ROLES, ids=lambda role: str(role.label))
def test_each_role_of_one_agency_is_refused_every_record_of_another_and_keeps_its_own(client, role, records):
    first, second = records("first"), records("second")
    before = _state(first)

    login_with_second_factor(client, staff("second", role))
    assert answered(client, first) == set()
    for route, model in owned_routes().items():  # every POST a route takes (delete, edit, copy forward)
        client.post(fill_route(route, {"pk": str(first[model].pk)}), {"year": 2099, "title": "x", "code": "x"})
    for label, model in BULK.items():
        client.post(f"/admin/bulk/{label}/delete/?id={first[model].pk}&next=/admin/")
    assert _state(first) == before
    own = answered(client, second)

    # the same role in the first agency reaches the first agency's records exactly as far
    client.logout()
    login_with_second_factor(client, staff("first", role))
    assert own == answered(client, first)


def test_the_secretariat_edits_its_own_plan_and_schedule_and_lists_no_other(records):
    from django.test import Client

    client = Client()
    first, second = records("first"), records("second")
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    plans = client.get("/admin/plans/").content.decode()
    assert f"/admin/plans/edit/{second[Plan].pk}/" in plans
    assert f"/admin/plans/edit/{first[Plan].pk}/" not in plans
    schedules = client.get("/admin/royalties/schedules/").content.decode()
    assert f"/admin/royalties/schedules/edit/{second[RoyaltySchedule].pk}/" in schedules
    assert f"/admin/royalties/schedules/edit/{first[RoyaltySchedule].pk}/" not in schedules
    assert client.get(f"/admin/plans/edit/{second[Plan].pk}/").status_code == 200
    assert client.get(f"/admin/plans/edit/{first[Plan].pk}/").status_code == 404


def test_a_plan_the_second_agency_adds_is_its_own_and_offers_only_its_units_and_people():
    from django.test import Client

    client = Client()
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    form = client.get("/admin/plans/new/").content.decode()
    assert "Phòng Quản lý di sản" in form  # a unit of the second agency
    assert "Phòng Hợp tác quốc tế" not in form  # the first agency's unit
    assert "nguoi-cua-first" not in form and "Phạm Văn An" in form  # its people only
    empty = {
        f"{name}-{field}": value
        for name in ("rows", "key_tasks", "unit_minimums", "budget_lines")
        for field, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0), ("MIN_NUM_FORMS", 0), ("MAX_NUM_FORMS", 1000))
    }
    data = {"year": 2031, "title": "Kế hoạch 2031", "weekly_min": 10, "weekly_max": 12, "budget": 0}
    data |= {"anniversary_weeks_ahead": 2} | empty
    client.post("/admin/plans/new/", data)
    assert Plan.objects.get(year=2031).agency == agency("second")


def people_manager(key: str):
    """A member of agency `key` in a group of its own that may manage groups and people (no role has that)."""
    group = Group.objects.create(name=f"Quản trị tài khoản của {key}")
    AgencyGroup.objects.create(group=group, agency=agency(key))
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename__endswith="_group"))
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth", codename__endswith="_user"))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    person = StaffFactory(username=f"quan-tri-tai-khoan-{key}", unit=Unit.objects.filter(agency=agency(key)).first())
    person.groups.add(group)
    return person


def test_who_manages_groups_and_people_reaches_its_own_agencys_groups_only(client, records):
    first, second = records("first"), records("second")
    group_routes = {route for route, model in owned_routes().items() if model is Group}
    assert {"admin/groups/edit/<int:pk>/", "admin/groups/delete/<int:pk>/"} <= group_routes
    before = _state(first)

    login_with_second_factor(client, people_manager("second"))
    assert answered(client, first) == set()
    for route in group_routes:  # an edit or a delete of another agency's group is a 404 too
        client.post(fill_route(route, {"pk": str(first[Group].pk)}), {"name": "Đổi tên"})
    assert _state(first) == before
    assert group_routes <= answered(client, second)

    listing = client.get("/admin/groups/?q=").content.decode()
    assert f"/admin/groups/edit/{second[Group].pk}/" in listing
    assert f"/admin/groups/edit/{first[Group].pk}/" not in listing
    # a group the manager adds is their agency's
    form = client.get("/admin/groups/new/").content.decode()
    permission_panels = dict(re.findall(r'name="([\w-]+_FORMS)" value="(\d+)"', form))  # each panel's empty formset
    client.post("/admin/groups/new/", {"name": "Biên tập viên ảnh", **permission_panels})
    assert Group.objects.get(name="Biên tập viên ảnh").agency_link.agency == agency("second")


def test_the_group_form_offers_its_agencys_pages_collections_and_site_only(client, records):
    from wagtail.models import GroupPagePermission

    from portal.testing.agencies import site
    from portal.units.models import AgencyCollection

    group = records("second")[Group]
    login_with_second_factor(client, people_manager("second"))
    url = f"/admin/groups/edit/{group.pk}/"
    form = client.get(url).content.decode()
    assert AgencyCollection.objects.get(agency=agency("second")).collection.name in form
    assert AgencyCollection.objects.get(agency=agency("first")).collection.name not in form
    assert set(re.findall(r'name="[^"]*sites" value="(\d+)"', form)) == {str(site("second").pk)}

    panels = dict(re.findall(r'name="([\w-]+_FORMS)" value="(\d+)"', form))
    for home, granted in ((site("first").root_page, False), (site("second").root_page, True)):
        row = {"page_permissions-TOTAL_FORMS": 1, "page_permissions-0-page": home.pk}
        client.post(url, {"name": group.name, **panels, **row, "page_permissions-0-permissions": "add_page"})
        assert GroupPagePermission.objects.filter(group=group, page=home).exists() == granted


def test_a_superuser_sees_every_group_with_its_agency_and_those_of_none(client, records):
    first, second = records("first"), records("second")
    Group.objects.create(name="Nhóm tự lập")  # made by hand: of no agency
    login_with_second_factor(client, StaffFactory(username="quan-tri", is_superuser=True, is_staff=True))
    listing = client.get("/admin/groups/").content.decode()
    assert f"/admin/groups/edit/{second[Group].pk}/" in listing
    assert f"/admin/groups/edit/{first[Group].pk}/" in listing
    assert "Sở Văn hóa và Thể thao tỉnh Lam Sơn" in listing
    assert "Nhóm tự lập" in listing and "Không thuộc cơ quan nào (chỉ quản trị hệ thống)" in listing


def test_a_group_of_no_agency_is_the_superusers_alone(client):
    group = Group.objects.create(name="Nhóm tự lập")
    login_with_second_factor(client, people_manager("first"))  # even for the default site's agency
    assert client.get(f"/admin/groups/edit/{group.pk}/").status_code == 404
    assert "Nhóm tự lập" not in client.get("/admin/groups/").content.decode()


def test_a_superuser_sees_every_agencys_records(client, records):
    first, second = records("first"), records("second")
    login_with_second_factor(client, StaffFactory(username="quan-tri", is_superuser=True, is_staff=True))
    for objects in (first, second):
        assert client.get(f"/admin/plans/edit/{objects[Plan].pk}/").status_code == 200
        assert client.get(f"/admin/snippets/units/unit/edit/{objects[Unit].pk}/").status_code == 200


def test_whose_agency_a_person_is():
    second = agency("second")
    # every person of the pack installed with --site is that agency's
    for username in ("phamvanan", "dothibinh", "lequangcuong", "hoangminhduc"):
        assert agency_of(User.objects.get(username=username)) == second
    # without a unit: the agency of their groups, else the default site's
    grouped = StaffFactory(username="chi-co-nhom")
    grouped.groups.add(Group.objects.get(name=roles.group_name(roles.ACCOUNTANT, second)))
    assert agency_of(User.objects.get(pk=grouped.pk)) == second
    assert agency_of(StaffFactory(username="khong-nhom")) == agency("first")
    assert agency_of(StaffFactory(username="quan-tri", is_superuser=True)) is None
    # and users_of lists each exactly as agency_of places them
    assert {"phamvanan", "chi-co-nhom"} <= set(users_of(second).values_list("username", flat=True))
    assert "khong-nhom" in set(users_of(agency("first")).values_list("username", flat=True))
    assert not users_of(agency("first")).filter(username__in=["phamvanan", "chi-co-nhom", "quan-tri"]).exists()


@pytest.mark.parametrize(
    "role", [roles.SECRETARIAT, roles.EDITOR_IN_CHIEF, roles.CONTRIBUTOR], ids=lambda r: str(r.label)
)
def test_site_history_shows_an_agencys_staff_only_its_own_entries(client, role, records):
    import datetime as dt

    from wagtail.log_actions import log

    from portal.core.models import WorkingDayChange

    first, second = records("first"), records("second")
    first_secretary, second_secretary = staff("first", roles.SECRETARIAT), staff("second", roles.SECRETARIAT)
    first_secretary.first_name, first_secretary.last_name = "Trần Văn", "Ngoại Vụ"
    first_secretary.save()
    log(first[Plan], "wagtail.edit", user=first_secretary, title="Sửa kế hoạch của Sở Ngoại vụ")
    log(second[Plan], "wagtail.edit", user=second_secretary, title="Sửa kế hoạch của Sở Văn hóa")
    day = WorkingDayChange.objects.create(date=dt.date(2026, 9, 1), kind=WorkingDayChange.DAY_OFF, reason="Quyết định")
    log(day, "wagtail.create", user=first_secretary, title="Ngày nghỉ do Sở Ngoại vụ thêm")
    log(first[Unit], "wagtail.edit", user=None, title="Sửa phòng của Sở Ngoại vụ")

    login_with_second_factor(client, staff("second", role) if role is not roles.SECRETARIAT else second_secretary)
    history = client.get("/admin/reports/site-history/").content.decode()
    for foreign in ("Sửa kế hoạch của Sở Ngoại vụ", "Ngày nghỉ do Sở Ngoại vụ thêm", "Sửa phòng của Sở Ngoại vụ"):
        assert foreign not in history
    assert "Ngoại Vụ" not in history  # not even in the filter of who did what
    assert client.get(f"/admin/plans/history/{first[Plan].pk}/").status_code == 404
    if role in (roles.SECRETARIAT, roles.EDITOR_IN_CHIEF):  # who may see plans sees its own plan's entries
        assert "Sửa kế hoạch của Sở Văn hóa" in history


def test_site_history_shows_the_deletion_of_an_agencys_plan_to_its_own_staff_only(client):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    plan = Plan.objects.create(agency=agency("first"), year=2091, title="Kế hoạch bỏ đi của Sở Ngoại vụ")
    old = Plan.objects.create(agency=agency("first"), year=2092, title="Kế hoạch xoá từ trước")
    before = log(old, "wagtail.delete", user=None)  # an entry from before entries carried their agency
    ModelLogEntry.objects.filter(pk=before.pk).update(data={})
    old.delete()
    secretary = staff("first", roles.SECRETARIAT)
    login_with_second_factor(client, secretary)
    assert client.post(f"/admin/plans/delete/{plan.pk}/", follow=True).status_code == 200  # its message shown
    assert not Plan.objects.filter(pk=plan.pk).exists()

    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Kế hoạch bỏ đi của Sở Ngoại vụ" in history
    assert "Kế hoạch xoá từ trước" not in history  # today's rule for those: superusers only

    client.logout()
    login_with_second_factor(client, staff("second", roles.SECRETARIAT))
    assert "Kế hoạch bỏ đi của Sở Ngoại vụ" not in client.get("/admin/reports/site-history/").content.decode()

    client.logout()
    login_with_second_factor(client, StaffFactory(username="quan-tri", is_superuser=True, is_staff=True))
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Kế hoạch bỏ đi của Sở Ngoại vụ" in history and "Kế hoạch xoá từ trước" in history
