"""A second agency on the same installation, as its own Wagtail site (`setup_portal PACK --site HOST`).

The skeleton holds the Huế pack on the default site (localhost); each test adds the Lam Sơn pack
beside it and looks, as a visitor of each site (its Host header) and in the first agency's rows.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowPage

from portal.accounts.services import requires_second_factor
from portal.core.models import AgencySettings
from portal.home.models import HomePage
from portal.packs.install import install_pack
from portal.packs.loading import PackInvalid, read_pack
from portal.packs.models import AppliedValue
from portal.planning.models import Plan, PlanRow
from portal.planning.report import plan_document
from portal.royalties.models import RoyaltyRate, RoyaltySchedule
from portal.testing.factories import SectionFactory
from portal.units.models import Unit

pytestmark = pytest.mark.django_db

PACKS = Path(settings.BASE_DIR) / "packs"
HUE = PACKS / "so-ngoai-vu-thua-thien-hue.yaml"
LAM_SON = PACKS / "vi-du-so-van-hoa-lam-son.yaml"
HOST = "svhtt.lamson.example"


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    yield
    cache.clear()  # sites and agencies kept per publication under ids another test may reuse


def _lam_son_like_hue(tmp_path: Path) -> Path:
    """The Lam Sơn pack with the Huế pack's office code (van-phong) and plan year (2017)."""
    text = LAM_SON.read_text()
    for old, new in (("code: vp,", "code: van-phong,"), ("unit: vp,", "unit: van-phong,"), ("[vp", "[van-phong")):
        text = text.replace(old, new)
    path = tmp_path / "lam-son.yaml"
    path.write_text(text.replace("2026", "2017"))
    return path


def _rows_of_the_first_agency() -> dict:
    """Everything of the default site's agency that installing another could touch, as plain values."""
    site = Site.objects.get(is_default_site=True)
    agency = AgencySettings.for_site(site)
    trees = [site.root_page, *site.root_page.get_translations()]  # the Vietnamese and English sites
    plans = Plan.objects.filter(agency=agency)
    pages = Page.objects.filter(path__regex="^(" + "|".join(page.path for page in trees) + ")")
    return {
        "site": Site.objects.filter(pk=site.pk).values().get(),
        "agency": AgencySettings.objects.filter(pk=agency.pk).values().get(),
        "units": list(Unit.objects.filter(agency=agency).order_by("pk").values()),
        "pages": list(pages.order_by("pk").values("pk", "title", "slug", "url_path", "live", "latest_revision_id")),
        "groups": sorted(
            (
                group.name,
                sorted(group.permissions.values_list("codename", flat=True)),
                sorted(group.user_set.values_list("username", flat=True)),
            )
            for group in Group.objects.all()
            if not group.name.endswith("(SVHTT)")
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.exclude(group__name__endswith="(SVHTT)").values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "workflows": sorted(WorkflowPage.objects.filter(page__in=pages).values_list("page_id", "workflow__name")),
        "plans": list(plans.order_by("pk").values()),
        "plan_rows": list(PlanRow.objects.filter(plan__in=plans).order_by("pk").values()),
        "schedules": list(RoyaltySchedule.objects.filter(agency=agency).order_by("pk").values()),
        "rates": list(RoyaltyRate.objects.filter(schedule__agency=agency).order_by("pk").values()),
        "applied": dict(
            AppliedValue.objects.filter(key__startswith="so-ngoai-vu-thua-thien-hue:").values_list("key", "value")
        ),
    }


def _page(host: str, path: str) -> str:
    response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path)
    return response.content.decode()


def test_the_second_agency_serves_its_own_site_in_both_languages():
    call_command("setup_portal", str(LAM_SON), "--site", HOST, stdout=StringIO())

    for path, names in (
        ("/", ["Sở Văn hóa và Thể thao tỉnh Lam Sơn", "Tin hoạt động", "Di sản văn hóa"]),
        ("/en/", ["Department of Culture and Sports of Lam Son Province", "Cultural Heritage"]),
        ("/di-san-van-hoa/", ["Di sản văn hóa", "Số 5 đường Lê Lợi, thành phố Lam Sơn"]),
        ("/en/cultural-heritage/", ["Cultural Heritage", "5 Le Loi Street, Lam Son City"]),
    ):
        html = _page(HOST, path)
        assert all(name in html for name in names), path
        assert "Ngoại vụ" not in html and "Foreign Affairs" not in html, path
    for path in ("/", "/en/"):
        html = _page("localhost", path)
        assert "Ngoại vụ" in html or "Foreign Affairs" in html
        assert "Lam Sơn" not in html and "Lam Son" not in html, path
    assert Client().get("/di-san-van-hoa/", HTTP_HOST="localhost").status_code == 404


def test_each_site_shows_its_agency_when_pages_are_kept_per_publication(settings):
    settings.PUBLICATION_CACHE_SECONDS = 3600  # off in the test settings: the agency kept per site
    install_pack(read_pack(LAM_SON), site=HOST)
    for _round in range(2):
        assert "Sở Ngoại vụ" in _page("localhost", "/")
        html = _page(HOST, "/")
        assert "Sở Văn hóa và Thể thao tỉnh Lam Sơn" in html and "Sở Ngoại vụ" not in html


def test_the_first_agency_is_unchanged_and_the_second_owns_its_office_and_2017(tmp_path):
    before = _rows_of_the_first_agency()

    install_pack(read_pack(_lam_son_like_hue(tmp_path)), site=HOST)

    assert _rows_of_the_first_agency() == before
    lam_son = AgencySettings.objects.get(site__hostname=HOST)
    hue = AgencySettings.objects.get(site__is_default_site=True)
    assert lam_son.code == "so-van-hoa-lam-son" and hue.code == "so-ngoai-vu-thua-thien-hue"
    assert Unit.objects.get(agency=lam_son, code="van-phong").name_vi == "Văn phòng"
    assert Unit.objects.get(agency=hue, code="van-phong").name_vi == "Văn phòng Sở"
    assert Plan.objects.get(agency=lam_son, year=2017).budget == 12_600_000
    assert Plan.objects.get(agency=hue, year=2017).budget == 26_300_000
    assert RoyaltySchedule.objects.filter(year=2017).count() == 2
    # its newsroom's groups and workflow act on its own tree only
    contributors = Group.objects.get(name="Cộng tác viên (SVHTT)")
    own_home = HomePage.objects.get(slug="so-van-hoa-lam-son")
    assert set(GroupPagePermission.objects.filter(group=contributors).values_list("page_id", flat=True)) == {
        own_home.pk,
        own_home.get_translations().get().pk,
    }
    assert contributors.user_set.filter(username="hoangminhduc").exists()
    assert WorkflowPage.objects.get(page=own_home).workflow.name == "Quy trình duyệt tin bài (SVHTT)"
    # the formal documents of its plan are in its name
    document = plan_document(Plan.objects.get(agency=lam_son, year=2017))
    assert (document.issuer, document.issuer_parent) == ("SỞ VĂN HÓA VÀ THỂ THAO", "UBND TỈNH LAM SƠN")
    assert "/KH-SVHTT" in document.number


def test_check_writes_nothing():
    out = StringIO()
    call_command("setup_portal", str(LAM_SON), "--site", HOST, "--check", stdout=out)
    assert HOST in out.getvalue()
    assert "Chỉ kiểm tra: chưa ghi gì vào hệ thống." in out.getvalue()
    assert not Site.objects.filter(hostname=HOST).exists()


@pytest.mark.agencies
def test_twice_changes_nothing():
    # The first time is the agencies' template's: it installed this pack on this host as
    # `setup_portal PACK --site HOST` does (install_pack(read_pack(PACK), site=HOST), portal/testing/agencies.py),
    # so the test pays for the second install only.
    from portal.testing.agencies import HOSTS, PACK_FILES

    assert (PACK_FILES["second"], HOSTS["second"]) == (LAM_SON, HOST)
    assert Site.objects.filter(hostname=HOST).exists()
    workflows = Workflow.objects.count()
    out = StringIO()
    call_command("setup_portal", str(LAM_SON), "--site", HOST, stdout=out)
    assert "Không có gì cần thay đổi: cổng thông tin đã đúng như gói dữ liệu." in out.getvalue()
    assert Workflow.objects.count() == workflows
    assert HomePage.objects.filter(slug="so-van-hoa-lam-son").count() == 1
    # and the first agency, installed again without --site, as before
    out = StringIO()
    call_command("setup_portal", str(HUE), "--hostname", "localhost", stdout=out)
    assert "Không có gì cần thay đổi: cổng thông tin đã đúng như gói dữ liệu." in out.getvalue()


def _refused(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="chưa ghi gì vào hệ thống"):
        call_command("setup_portal", *args, stdout=out, stderr=err)
    return err.getvalue(), out.getvalue()


def test_a_host_another_agency_holds_is_refused_with_the_code_it_holds():
    install_pack(read_pack(LAM_SON), site=HOST)
    before = _rows_of_the_first_agency()
    pages = Page.objects.count()

    err, _out = _refused(str(HUE), "--site", HOST)

    assert (
        "--site: máy chủ svhtt.lamson.example đã là trang của một cơ quan khác "
        "(Sở Văn hóa và Thể thao tỉnh Lam Sơn)." in err
    )
    assert "--site: the host svhtt.lamson.example is held by the site of another agency" in err
    assert "mã cơ quan “so-ngoai-vu-thua-thien-hue” đã thuộc cơ quan của trang localhost." in err
    assert "the agency code “so-ngoai-vu-thua-thien-hue” is held by the agency of the site localhost." in err
    assert _rows_of_the_first_agency() == before and Page.objects.count() == pages


def test_the_default_sites_host_is_refused():
    err, _out = _refused(str(LAM_SON), "--site", "localhost")
    assert "--site: localhost là máy chủ của trang mặc định: cơ quan của trang này được cài không kèm --site." in err
    assert "--site: localhost is the default site's host: its agency is installed without --site." in err
    assert not AgencySettings.objects.filter(code="so-van-hoa-lam-son").exists()


def test_a_home_address_taken_at_the_top_of_the_tree_and_another_agencys_account_are_refused():
    SectionFactory(parent=Page.get_first_root_node(), slug="so-van-hoa-lam-son")
    pack = read_pack(LAM_SON)
    pack.people[0].username = "ngohoanglam"  # a category editor of the Huế pack

    with pytest.raises(PackInvalid) as refused:
        install_pack(pack, site=HOST)

    messages = [problem.in_language("vi") for problem in refused.value.problems]
    assert messages == [
        "tệp, agency.code: địa chỉ “so-van-hoa-lam-son” mà trang chủ của trang mới cần đã thuộc một trang khác.",
        "tệp, people: tài khoản ngohoanglam thuộc một cơ quan khác (Sở Ngoại vụ tỉnh Thừa Thiên Huế).",
    ]
    assert [problem.in_language("en") for problem in refused.value.problems] == [
        "the file, agency.code: the address “so-van-hoa-lam-son” the new site's home page needs is taken "
        "by another site's page.",
        "the file, people: the account ngohoanglam belongs to another agency (Sở Ngoại vụ tỉnh Thừa Thiên Huế).",
    ]
    assert not Site.objects.filter(hostname=HOST).exists()


def test_a_pack_installed_with_site_makes_no_administrator_of_the_installation():
    pack = read_pack(LAM_SON)
    pack.people[0].roles = [*pack.people[0].roles, "administrator"]

    with pytest.raises(PackInvalid) as refused:
        install_pack(pack, site=HOST)

    assert [problem.in_language("vi") for problem in refused.value.problems] == [
        "tệp, people: phamvanan được giao vai trò quản trị, vốn với tới mọi cơ quan của hệ thống: gói dữ liệu "
        "cài với --site chỉ giao cho người của mình các vai trò của cơ quan."
    ]
    assert not get_user_model().objects.filter(username="phamvanan").exists()


def test_an_agency_with_a_site_of_its_own_is_not_installed_on_the_default_one():
    install_pack(read_pack(LAM_SON), site=HOST)
    err, _out = _refused(str(LAM_SON))
    assert "cơ quan “so-van-hoa-lam-son” đã có trang riêng: chạy setup_portal với --site svhtt.lamson.example." in err
    assert "the agency “so-van-hoa-lam-son” has a site of its own: run setup_portal with --site" in err


def test_site_and_hostname_together_are_refused():
    with pytest.raises(CommandError, match="--site"):
        call_command("setup_portal", str(LAM_SON), "--site", HOST, "--hostname", "x.example", stdout=StringIO())


def test_the_second_agencys_approvers_pass_a_second_factor_and_its_contributors_do_not():
    install_pack(read_pack(LAM_SON), site=HOST)
    users = get_user_model().objects
    assert requires_second_factor(users.get(username="lequangcuong"))  # its editor-in-chief
    assert requires_second_factor(users.get(username="phamvanan"))  # its secretariat
    assert not requires_second_factor(users.get(username="hoangminhduc"))


def test_a_code_or_year_is_unique_within_its_agency_as_the_admin_checks_it():
    install_pack(read_pack(LAM_SON), site=HOST)
    lam_son = AgencySettings.objects.get(site__hostname=HOST)
    with pytest.raises(ValidationError) as refused:
        Unit(code="van-phong", name_vi="Văn phòng thứ hai").full_clean()  # the default site's agency's
    assert refused.value.messages == ["Cơ quan đã có một đơn vị mang mã này."]
    Unit(agency=lam_son, code="van-phong", name_vi="Văn phòng").full_clean()
    with pytest.raises(ValidationError) as refused:
        Plan(agency=lam_son, year=2026, title="Kế hoạch thứ hai").full_clean()
    assert refused.value.messages == ["Cơ quan đã có kế hoạch của năm này."]


# `setup_portal --plan YEAR` for an agency beside the default site's (issue 22, item 2).


@pytest.mark.agencies
def test_plan_with_site_copies_that_agencys_plan_and_royalty_schedule_only():
    from portal.testing.agencies import HOSTS, agency

    second, first = agency("second"), agency("first")
    first_plans = set(Plan.objects.filter(agency=first).values_list("year", flat=True))
    out = StringIO()
    call_command("setup_portal", "--check", "--plan", "2027", "--site", HOSTS["second"], stdout=out)
    assert f"{second.name_vi}: sẽ chép kế hoạch năm 2026 của cơ quan (cùng bảng nhuận bút) sang năm 2027." in (
        out.getvalue()
    )
    assert not Plan.objects.filter(year=2027).exists()
    call_command("setup_portal", "--plan", "2027", "--site", HOSTS["second"], stdout=StringIO())
    plan = Plan.objects.get(year=2027)
    assert plan.agency == second and plan.rows.count() == Plan.objects.get(agency=second, year=2026).rows.count()
    schedule = RoyaltySchedule.objects.get(year=2027)
    assert schedule.agency == second
    assert schedule.rates.count() == RoyaltySchedule.objects.get(agency=second, year=2026).rates.count()
    assert set(Plan.objects.filter(agency=first).values_list("year", flat=True)) == first_plans
    # by the agency's code, the same; run again, nothing more
    out = StringIO()
    call_command("setup_portal", "--check", "--plan", "2027", "--agency", second.code, stdout=out)
    assert f"{second.name_vi}: kế hoạch năm 2027 đã có, không có gì để chép." in out.getvalue()
    call_command("setup_portal", "--plan", "2027", "--agency", second.code, stdout=StringIO())
    assert Plan.objects.filter(year=2027).count() == 1 and RoyaltySchedule.objects.filter(year=2027).count() == 1


@pytest.mark.agencies
def test_plan_for_an_unknown_site_or_agency_or_with_nothing_to_copy_is_refused_in_vietnamese():
    from portal.testing.agencies import HOSTS, agency

    with pytest.raises(CommandError, match="Không có trang của cơ quan nào ở địa chỉ khong-co.example."):
        call_command("setup_portal", "--plan", "2027", "--site", "khong-co.example", stdout=StringIO())
    with pytest.raises(CommandError, match="Không có cơ quan nào mang mã “khong-co”."):
        call_command("setup_portal", "--plan", "2027", "--agency", "khong-co", stdout=StringIO())
    with pytest.raises(CommandError, match="không phải trang của cơ quan"):
        call_command(
            "setup_portal",
            "--plan",
            "2027",
            "--site",
            HOSTS["second"],
            "--agency",
            agency("province").code,
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match=f"{agency('second').name_vi} không có kế hoạch nào trước năm 2020"):
        call_command("setup_portal", "--plan", "2020", "--site", HOSTS["second"], stdout=StringIO())
    with pytest.raises(CommandError, match="--agency cho biết"):
        call_command("setup_portal", "--agency", agency("second").code, stdout=StringIO())
    assert not Plan.objects.filter(year__in=[2020, 2027]).exists()


# The pack's anniversaries are its agency's own list (issue 22, item 2).

LAM_SON_ANNIVERSARIES = """
anniversaries:
  - date: 1945-09-02
    name: {vi: "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", en: "National Day"}
    kind: national
    unit: vp
  - date: 1996-06-20
    name: {vi: "Thành lập Nhà hát tỉnh Lam Sơn", en: "Founding of the Lam Son Theatre"}
    kind: province
    unit: di-san
"""


@pytest.mark.agencies
def test_site_gives_the_packs_anniversaries_to_its_agency_once(tmp_path):
    from portal.planning.models import Anniversary
    from portal.testing.agencies import HOSTS, agency

    path = tmp_path / "lam-son.yaml"
    path.write_text(LAM_SON.read_text() + LAM_SON_ANNIVERSARIES)
    first = set(Anniversary.objects.filter(agency=agency("first")).values_list("pk", "name_vi", "date", "unit_id"))
    assert first  # the Huế pack's, installed without --site, are the default site's agency's as before
    out = StringIO()
    call_command("setup_portal", str(path), "--site", HOSTS["second"], "--check", stdout=out)
    assert "ngày kỷ niệm “Thành lập Nhà hát tỉnh Lam Sơn”" in out.getvalue()
    assert not Anniversary.objects.filter(agency=agency("second")).exists()

    call_command("setup_portal", str(path), "--site", HOSTS["second"], stdout=StringIO())
    own = Anniversary.objects.filter(agency=agency("second")).select_related("unit")
    assert {(day.name_vi, day.date.isoformat(), day.unit.code, day.unit.agency) for day in own} == {
        ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", "1945-09-02", "vp", agency("second")),
        ("Thành lập Nhà hát tỉnh Lam Sơn", "1996-06-20", "di-san", agency("second")),
    }
    # the National Day is in both agencies' lists, each its own; the first agency's list is unchanged
    assert Anniversary.objects.filter(name_vi__startswith="Quốc khánh").count() == 2
    assert set(Anniversary.objects.filter(agency=agency("first")).values_list("pk", "name_vi", "date", "unit_id")) == (
        first
    )
    out = StringIO()
    call_command("setup_portal", str(path), "--site", HOSTS["second"], stdout=out)
    assert "Không có gì cần thay đổi: cổng thông tin đã đúng như gói dữ liệu." in out.getvalue()
    assert Anniversary.objects.filter(agency=agency("second")).count() == 2
