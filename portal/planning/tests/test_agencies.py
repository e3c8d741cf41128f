"""Each agency of one installation runs on its own plan: its people see their own agency's dashboard,
calendar and report, are reminded by its own plan, and never see the other agency's figures.

On the agencies template (portal/testing/agencies.py): the skeleton's agency (the Huế pack, the default
site) and a second department (Lam Sơn's culture department), each with a plan for 2026.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import Page

from portal.accounts.models import StaffProfile
from portal.accounts.testing import login_with_second_factor
from portal.news.models import ArticlePage, SectionPage
from portal.operations.models import Incident
from portal.packs.install import plan_next_year
from portal.planning.agencies import page_agency, request_agency, role_members, user_agency
from portal.planning.models import Anniversary
from portal.planning.reminders import send_reminders
from portal.planning.report import quarterly_report
from portal.planning.selectors import plan_for_year
from portal.testing.agencies import HOSTS, agency, site, visitor
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.datetime(2026, 6, 15, 10, 0, tzinfo=HANOI)
SECOND = "Sở Văn hóa và Thể thao tỉnh Lam Sơn"
FIRST_CATEGORY = "Hợp tác quốc tế"  # a row of the first agency's plan (the Huế pack's)
SECOND_CATEGORY = "Di sản văn hóa"  # a row of the second agency's plan only


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def plans(clock):
    """Both agencies' plans of 2026: the second's from its pack, the first's copied forward from 2017."""
    first = plan_next_year(year=2026)
    return {"first": plan_for_year(2026, agency=first.agency), "second": plan_for_year(2026, agency=agency("second"))}


def section_of(key: str, slug: str) -> SectionPage:
    return SectionPage.objects.descendant_of(site(key).root_page).get(slug=slug)


def unit_of(key: str, code: str) -> Unit:
    return Unit.objects.get(agency=agency(key), code=code)


def item(key: str, slug: str, title: str, *, when: dt.datetime, unit: Unit | None = None, live: bool = True):
    page = ArticlePage(
        title=title,
        slug=f"{slug}-{when:%Y%m%d%H%M}-{ArticlePage.objects.count()}",
        lead="Tóm tắt.",
        unit=unit,
        live=live,
        first_published_at=when if live else None,
        last_published_at=when if live else None,
    )
    return section_of(key, slug).add_child(instance=page)


def member(key: str, role: roles.Role, unit_code: str, username: str):
    """A new account holding `role` in agency `key` (its group), working in one of its units."""
    user = StaffFactory(username=username)
    user.groups.add(roles.ensure_roles(site_roots=[], agency=agency(key))[role])
    StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit_of(key, unit_code)})
    return user


def pack_person(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def items(plans):
    """One item of each agency this year, in a category of its own plan."""
    return {
        "first": item("first", "hop-tac-quoc-te", "Tin hợp tác của Huế", when=MONDAY - dt.timedelta(days=3)),
        "second": item(
            "second",
            "di-san-van-hoa",
            "Lễ hội di sản Lam Sơn",
            when=MONDAY - dt.timedelta(days=3),
            unit=unit_of("second", "di-san"),
        ),
    }


def test_a_page_a_person_and_a_role_belong_to_their_own_agency(items):
    assert page_agency(items["second"]) == agency("second")
    assert page_agency(items["first"]) == agency("first")
    english = items["second"].copy_for_translation(_english())
    assert page_agency(english) == agency("second")  # the English tree is the same site's
    assert user_agency(pack_person("lequangcuong")) == agency("second")
    editors = set(role_members(roles.CATEGORY_EDITOR, agency("second")).values_list("username", flat=True))
    assert editors == {"phamvanan"}
    assert "phamvanan" not in set(
        role_members(roles.CATEGORY_EDITOR, agency("first")).values_list("username", flat=True)
    )


def _english():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


@pytest.mark.parametrize(
    "who",
    ["lequangcuong", "phamvanan", "category_editor"],  # editor-in-chief, secretariat, a category editor
)
def test_the_second_agencys_people_see_their_own_dashboard_calendar_and_report(client, items, who):
    if who == "category_editor":
        user = member("second", roles.CATEGORY_EDITOR, "vp", "bientap_svhtt")
        user.groups.add(roles.ensure_roles(site_roots=[], agency=agency("second"))[roles.EDITOR_IN_CHIEF])
    else:
        user = pack_person(who)
    login_with_second_factor(client, user)

    dashboard = client.get(reverse("planning_dashboard"), {"year": 2026})
    assert dashboard.status_code == 200
    assert dashboard.context["plan"].agency == agency("second")
    assert dashboard.context["board"].total_published == 1  # its own item; the first agency's is not counted
    titles = [entry.line.title for entry in dashboard.context["board"].progress]
    assert SECOND_CATEGORY in titles and FIRST_CATEGORY not in titles
    heritage = next(entry for entry in dashboard.context["board"].progress if entry.line.title == SECOND_CATEGORY)
    assert heritage.count == 1
    page = dashboard.content.decode()
    assert SECOND_CATEGORY in page and FIRST_CATEGORY not in page
    assert dashboard.context["plans"] == [2026]

    calendar = client.get(reverse("planning_calendar"), {"week": "2026-06-08"})
    entries = [entry.title for day in calendar.context["days"].values() for entry in day]
    assert entries == ["Lễ hội di sản Lam Sơn"]
    units = {unit.code for unit in calendar.context["form"].fields["unit"].queryset}
    assert units == {"vp", "di-san", "the-thao"}
    refused = client.get(reverse("planning_calendar"), {"unit": unit_of("first", "van-phong").pk})
    assert "unit" in refused.context["form"].errors  # another agency's unit is not among the choices

    report = client.get(reverse("planning_report"), {"year": 2026, "quarter": 2})
    assert report.status_code == 200
    assert report.context["report"].agency_name == SECOND
    assert [entry.line.title for entry in report.context["report"].categories if entry.in_quarter] == [SECOND_CATEGORY]
    assert report.context["report"].visits == 0  # its own site's: none; the first agency's are not counted


def test_the_first_agency_sees_nothing_of_the_second(client, items, plans):
    user = StaffFactory(role=roles.EDITOR_IN_CHIEF, unit=unit_of("first", "van-phong"))
    login_with_second_factor(client, user)
    dashboard = client.get(reverse("planning_dashboard"), {"year": 2026})
    assert dashboard.context["plan"] == plans["first"]
    page = dashboard.content.decode()
    assert FIRST_CATEGORY in page and SECOND_CATEGORY not in page
    calendar = client.get(reverse("planning_calendar"), {"week": "2026-06-08"})
    assert [entry.title for day in calendar.context["days"].values() for entry in day] == ["Tin hợp tác của Huế"]
    report = quarterly_report(year=2026, quarter=2, agency=agency("first"))
    assert report.agency_name != SECOND
    assert SECOND_CATEGORY not in [entry.line.title for entry in report.categories]
    assert isinstance(report.visits, int)  # its own site's visits


def test_another_agencys_plan_document_is_not_found(client, plans):
    login_with_second_factor(client, pack_person("lequangcuong"))
    assert client.get(reverse("planning_plan_document", args=[plans["second"].pk])).status_code == 200
    assert client.get(reverse("planning_plan_document", args=[plans["first"].pk])).status_code == 404


@pytest.mark.parametrize("who", ["hoangminhduc", "dothibinh"])  # a contributor, a unit head
def test_contributors_and_unit_heads_of_the_second_agency_are_refused_the_plan_pages(client, plans, who):
    login_with_second_factor(client, pack_person(who))
    for name in ("planning_dashboard", "planning_calendar", "planning_report"):
        refused = client.get(reverse(name), follow=True)  # Wagtail sends whoever may not to the admin's home
        assert refused.redirect_chain == [("/admin/", 302)]
        assert [str(message) for message in refused.context["messages"]]  # with Wagtail's message saying why
        assert SECOND_CATEGORY not in refused.content.decode()


def test_a_superuser_sees_the_agency_of_the_site_they_came_to(rf, plans):
    admin = StaffFactory(superuser=True)
    request = rf.get("/admin/plan/", HTTP_HOST="svhtt.lamson.example")
    request.user = admin
    assert request_agency(request) == agency("second")
    request = rf.get("/admin/plan/", HTTP_HOST="localhost")
    request.user = admin
    assert request_agency(request) == agency("first")


def test_each_agencys_unit_heads_are_reminded_of_their_own_plan_in_a_mail_naming_it(items):
    first_head = member("first", roles.UNIT_HEAD, "hop-tac-quoc-te", "truongphong_hue")
    mail.outbox = []
    send_reminders(today=MONDAY.date(), now=MONDAY)
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message)
    head = by_address["binh.dt@lamson.example"]  # dothibinh, head of the heritage division
    assert len(head) == 1
    assert SECOND in head[0].body and SECOND in head[0].from_email
    assert "Tin hoạt động" in head[0].body  # behind: her unit's row, whose editors are the unit heads
    assert FIRST_CATEGORY not in head[0].body
    # the first agency's unit head hears of the first agency's plan only, from the first agency
    (message,) = by_address[first_head.email]
    assert FIRST_CATEGORY in message.body
    assert SECOND not in message.body + message.from_email and SECOND_CATEGORY not in message.body
    # nobody of the second agency hears of the first agency's plan
    for person in ("binh.dt@lamson.example", "an.pv@lamson.example", "cuong.lq@lamson.example"):
        assert all(FIRST_CATEGORY not in message.body for message in by_address.get(person, []))


def test_a_page_of_the_second_agency_is_reviewed_by_its_own_category_editors(items):
    from portal.editorial.models import category_editors

    own = member("second", roles.CATEGORY_EDITOR, "the-thao", "bientap_thethao")
    StaffFactory(username="bientap_hue", role=roles.CATEGORY_EDITOR, unit=unit_of("first", "van-phong"))
    row = plans_row("second", SECOND_CATEGORY)
    row.editors.clear()  # the plan names nobody: every category editor of the page's agency reviews it
    row.save()
    reviewers = set(category_editors(items["second"]).values_list("username", flat=True))
    assert reviewers == {"phamvanan", own.username}
    assert "bientap_hue" not in reviewers
    assert "bientap_thethao" not in set(category_editors(items["first"]).values_list("username", flat=True))


def plans_row(key: str, title: str):
    return plan_for_year(2026, agency=agency(key)).rows.get(title=title)


def test_one_agencys_pages_are_never_counted_for_another(items, plans):
    from portal.planning.selectors import ItemQueries, plan_dashboard

    second_pages = set(ItemQueries(agency("second")).published_items().values_list("pk", flat=True))
    assert items["second"].pk in second_pages and items["first"].pk not in second_pages
    board = plan_dashboard(plans["first"], today=MONDAY.date())
    assert all(entry.line.title != SECOND_CATEGORY for entry in board.progress)
    assert not Page.objects.filter(pk__in=second_pages, path__startswith=site("first").root_page.path).exists()


# --- Every domain's figures, per agency (issue 22, item 2) ---


def _english_of(page, *, when: dt.datetime):
    """The English translation of `page`, published at `when` (in the same site's English tree)."""
    english = page.copy_for_translation(_english())
    english.live, english.first_published_at, english.last_published_at = True, when, when
    english.save()
    return english


def _domain_records(key: str, *, questions: int, applications: int, images: int, visits: int) -> None:
    """Records of agency `key` in every domain the figures count: questions asked on its site, applications
    for its procedures, an album of its site, an English item and a translation task of its item, its visits."""
    from portal.albums.models import AlbumImage, AlbumPage
    from portal.testing.factories import (
        ApplicationFactory,
        ImageFactory,
        ProcedureFactory,
        ProcedureVersionFactory,
        QuestionFactory,
    )
    from portal.translations.models import TranslationTask
    from portal.visits.models import DailyVisits, PageVisits

    owner = agency(key)
    when = MONDAY - dt.timedelta(days=3)
    for number in range(questions):  # each from an address of its own: one address is held to a few an hour
        QuestionFactory(agency=owner, topic=section_of(key, SLUGS[key]), address=f"198.51.100.{len(key)}{number}")
    version = ProcedureVersionFactory(procedure=ProcedureFactory(unit=Unit.objects.filter(agency=owner).first()))
    for _ in range(applications):
        ApplicationFactory(version=version, agency=owner)
    site(key).root_page.add_child(
        instance=AlbumPage(
            title=f"Album {key}",
            slug=f"album-{key}",
            event_date=when.date(),
            description="Album thử nghiệm.",
            live=True,
            first_published_at=when,
            images=[AlbumImage(image=ImageFactory(), alt_text="Ảnh") for _ in range(images)],
        )
    )
    original = item(key, SLUGS[key], f"Tin dịch của {key}", when=when)
    _english_of(original, when=when)
    TranslationTask.objects.create(
        original=original,
        published_at=when,
        due_at=when + dt.timedelta(days=2),
        status=TranslationTask.STATUS_DONE,
        completed_at=when + dt.timedelta(days=1),
    )
    DailyVisits.objects.create(site=site(key), day=when.date(), views=visits)
    PageVisits.objects.create(site=site(key), day=when.date(), path=f"/tin-cua-{key}/", views=visits)


SLUGS = {"first": "hop-tac-quoc-te", "second": "di-san-van-hoa"}


def _values(sections) -> dict[tuple[str, str], object]:
    from django.utils import translation

    with translation.override("en"):
        return {(section.key, str(figure.label)): figure.value for section in sections for figure in section.figures}


OWN_FIGURES = {
    ("qa", "Questions received"): 3,
    ("online_services", "Applications received online"): 2,
    ("albums", "Images published in albums"): 4,
    ("translations", "English items published"): 1,
    ("translations", "Translations done on time"): 1,
}


def test_the_second_agencys_dashboard_and_report_count_its_own_records_in_every_domain(client, plans):
    first_before = quarterly_report(year=2026, quarter=2, agency=agency("first"))
    _domain_records("second", questions=3, applications=2, images=4, visits=70)
    _domain_records("first", questions=5, applications=6, images=7, visits=900)

    login_with_second_factor(client, pack_person("lequangcuong"))  # the second agency's editor-in-chief
    dashboard = _values(client.get(reverse("planning_dashboard"), {"year": 2026}).context["sections"])
    report = quarterly_report(year=2026, quarter=2, agency=agency("second"))
    for figures in (dashboard, _values(report.sections)):
        assert {key: figures[key] for key in OWN_FIGURES} == OWN_FIGURES
    assert report.visits == 70 and report.top_pages == [("/tin-cua-second/", 70)]
    assert report.incidents == 0  # its own site's server errors: none (test_server_errors_are_counted_...)

    first = quarterly_report(year=2026, quarter=2, agency=agency("first"))
    grown = {
        key: first_value - _values(first_before.sections)[key]
        for key, first_value in _values(first.sections).items()
        if key in OWN_FIGURES
    }
    assert grown == {
        ("qa", "Questions received"): 5,
        ("online_services", "Applications received online"): 6,
        ("albums", "Images published in albums"): 7,
        ("translations", "English items published"): 1,
        ("translations", "Translations done on time"): 1,
    }
    assert first.visits == first_before.visits + 900 and ("/tin-cua-second/", 70) not in first.top_pages
    assert isinstance(first.incidents, int)


# --- Server errors and anniversaries, each agency's own (issue 22, item 2) ---


def _server_error(key: str) -> Incident:
    before = set(Incident.objects.values_list("pk", flat=True))
    response = visitor(key, raise_request_exception=False).get("/hong/")
    assert response.status_code == 500
    (incident,) = Incident.objects.exclude(pk__in=before)
    return incident


def _summary(book_bytes: bytes) -> dict:
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(book_bytes))
    return {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row and len(row) > 1}


INCIDENTS_ROW = "Sự cố kỹ thuật (lỗi máy chủ)"


@pytest.mark.urls("portal.planning.tests.failing_urls")  # /hong/ raises ZeroDivisionError
def test_server_errors_are_counted_in_the_report_of_the_agency_whose_site_failed(client, plans):
    first_before = quarterly_report(year=2026, quarter=2, agency=agency("first")).incidents

    incident = _server_error("second")
    assert incident.site == site("second")
    assert _server_error("first").site == site("first")
    Incident.objects.create(method="GET", path="/cu/", exception="KeyError")  # of no site: from before, or a job

    second = quarterly_report(year=2026, quarter=2, agency=agency("second"))
    assert second.incidents == 1 and second.incidents_by_error == [("ZeroDivisionError", 1)]
    first = quarterly_report(year=2026, quarter=2, agency=agency("first"))
    assert first.incidents == first_before + 2  # its own site's, and the one of no site
    # the second agency's editor-in-chief downloads the report: its one error, a number where "—" was
    login_with_second_factor(client, pack_person("lequangcuong"))
    response = client.get(reverse("planning_report"), {"year": 2026, "quarter": 2, "format": "xlsx"})
    assert _summary(response.content)[INCIDENTS_ROW] == 1
    document = client.get(reverse("planning_report"), {"year": 2026, "quarter": 2, "format": "docx"})
    assert "1 lỗi máy chủ trong quý." in _docx_text(document.content)


def _docx_text(data: bytes) -> str:
    from io import BytesIO

    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(BytesIO(data)).paragraphs)


@pytest.mark.urls("portal.planning.tests.failing_urls")
def test_the_incident_list_shows_an_agencys_staff_its_own_sites_and_a_superuser_every_site(client, plans):
    theirs, ours = _server_error("first"), _server_error("second")
    login_with_second_factor(client, pack_person("phamvanan"))  # the second agency's secretariat
    listing = client.get("/admin/incidents/")
    assert listing.status_code == 200
    assert [row.pk for row in listing.context["object_list"]] == [ours.pk]
    assert client.get(f"/admin/incidents/inspect/{ours.pk}/").status_code == 200
    assert client.get(f"/admin/incidents/inspect/{theirs.pk}/").status_code == 404

    client.logout()
    login_with_second_factor(client, StaffFactory(username="quantri", superuser=True))
    listing = client.get("/admin/incidents/")
    shown = {row.pk for row in listing.context["object_list"]}
    assert {theirs.pk, ours.pk} <= shown
    page = listing.content.decode()
    assert HOSTS["second"] in page and "localhost" in page  # the site column


def _anniversary(key: str, name: str, date: dt.date, unit_code: str | None = None) -> Anniversary:
    unit = unit_of(key, unit_code) if unit_code else None
    return Anniversary.objects.create(agency=agency(key), name_vi=name, date=date, kind="province", unit=unit)


FOUNDED = dt.date(2016, 6, 17)  # ten years on Wednesday 17/06/2026, in the week of MONDAY


def test_an_agencys_anniversary_is_neither_in_another_agencys_admin_nor_calendar_nor_dashboard(client, plans):
    first = _anniversary("first", "Thành lập Sở Ngoại vụ", FOUNDED, "van-phong")
    second = _anniversary("second", "Thành lập Nhà hát Lam Sơn", FOUNDED, "di-san")

    login_with_second_factor(client, pack_person("phamvanan"))  # the second agency's secretariat
    listing = client.get("/admin/anniversaries/")
    assert [row.pk for row in listing.context["object_list"]] == [second.pk]
    units = {unit.code for unit in listing.context["filters"].form.fields["unit"].queryset}
    assert units == {"vp", "di-san", "the-thao"}  # the listing's filter offers its own units only
    assert client.get(f"/admin/anniversaries/edit/{second.pk}/").status_code == 200
    for url in (f"/admin/anniversaries/edit/{first.pk}/", f"/admin/anniversaries/delete/{first.pk}/"):
        assert client.get(url).status_code == 404
    calendar = client.get(reverse("planning_calendar"), {"week": "2026-06-15"}).content.decode()
    assert "10 năm Thành lập Nhà hát Lam Sơn" in calendar and "Thành lập Sở Ngoại vụ" not in calendar
    board = client.get(reverse("planning_dashboard"), {"year": 2026}).context["board"]
    assert [entry.anniversary for entry in board.anniversaries] == [second]

    client.logout()
    login_with_second_factor(client, StaffFactory(role=roles.SECRETARIAT, unit=unit_of("first", "van-phong")))
    assert client.get(f"/admin/anniversaries/edit/{second.pk}/").status_code == 404
    calendar = client.get(reverse("planning_calendar"), {"week": "2026-06-15"}).content.decode()
    assert "10 năm Thành lập Sở Ngoại vụ" in calendar and "Nhà hát Lam Sơn" not in calendar
    board = client.get(reverse("planning_dashboard"), {"year": 2026}).context["board"]
    assert second not in [entry.anniversary for entry in board.anniversaries]


def test_an_anniversary_added_by_an_agencys_staff_is_its_own_and_may_share_another_agencys_name(client, plans):
    _anniversary("first", "Quốc khánh", dt.date(1945, 9, 2))
    login_with_second_factor(client, pack_person("phamvanan"))
    data = {"name_vi": "Quốc khánh", "name_en": "", "kind": "national", "date": "02/09/1945", "note": ""}
    refused = client.post("/admin/anniversaries/new/", data | {"unit": unit_of("first", "van-phong").pk})
    assert refused.status_code == 200 and "unit" in refused.context["form"].errors  # another agency's unit
    client.post("/admin/anniversaries/new/", data | {"unit": unit_of("second", "vp").pk})
    assert Anniversary.objects.get(name_vi="Quốc khánh", agency=agency("second")).unit.code == "vp"
    again = client.post("/admin/anniversaries/new/", data | {"unit": ""})
    assert again.status_code == 200
    assert "Cơ quan đã có ngày kỷ niệm cùng tên vào ngày này." in again.content.decode()
    assert Anniversary.objects.filter(name_vi="Quốc khánh").count() == 2
