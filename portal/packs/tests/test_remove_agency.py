"""`manage.py remove_agency CODE`: an agency of the installation goes only by an explicit command, which
exports it first and asks for its code; the other agencies keep every row."""

import json
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site, Workflow

from portal.core.models import AgencySettings
from portal.planning.models import Plan
from portal.royalties.models import RoyaltySchedule
from portal.testing.agencies import HOSTS, agency, site, visitor
from portal.units.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]
User = get_user_model()


def _remove(code: str, *args: str) -> str:
    out = StringIO()
    call_command("remove_agency", code, *args, stdout=out)
    return out.getvalue()


def _pages_under(key: str) -> int:
    roots = site(key).root_page.get_translations(inclusive=True)
    return sum(Page.objects.filter(path__startswith=root.path).count() for root in roots)


def _what_the_others_hold() -> dict:
    return {
        key: {
            "agency": AgencySettings.objects.filter(pk=agency(key).pk).values().get(),
            "units": sorted(Unit.objects.filter(agency=agency(key)).values_list("code", flat=True)),
            "plans": Plan.objects.filter(agency=agency(key)).count(),
            "schedules": RoyaltySchedule.objects.filter(agency=agency(key)).count(),
            "pages": _pages_under(key),
        }
        for key in ("first", "province")
    }


def test_the_second_agency_is_exported_then_removed_and_the_others_keep_everything(tmp_path):
    second = agency("second")
    before = _what_the_others_hold()
    binh = User.objects.get(username="dothibinh")  # the Lam Sơn pack's head of the heritage division
    zip_path = tmp_path / "lam-son.zip"

    out = _remove(second.code, "--confirm", second.code, "--export", str(zip_path))

    assert "Sở Văn hóa và Thể thao tỉnh Lam Sơn (svhtt.lamson.example) đang có:" in out
    assert "Đã xuất" in out and "Đã xoá Sở Văn hóa và Thể thao tỉnh Lam Sơn" in out
    assert f"{zip_path}" in out
    with zipfile.ZipFile(zip_path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        units = json.loads(archive.read("rows/units.Unit.json"))
        accounts = archive.read("rows/auth.User.json").decode()
    assert manifest["agency"] == "so-van-hoa-lam-son" and manifest["hostname"] == HOSTS["second"]
    assert manifest["rows"]["planning.Plan"] == 1 and manifest["rows"]["royalties.RoyaltySchedule"] == 1
    assert {row["fields"]["code"] for row in units} == {"vp", "di-san", "the-thao"}
    assert "dothibinh" in accounts and "password" not in accounts

    assert not Site.objects.filter(hostname=HOSTS["second"]).exists()
    assert not AgencySettings.objects.filter(code="so-van-hoa-lam-son").exists()
    assert not Group.objects.filter(name__endswith="(SVHTT)").exists()
    assert not Workflow.objects.filter(name__endswith="(SVHTT)").exists()
    binh.refresh_from_db()
    assert not binh.is_active and not binh.groups.exists()
    assert _what_the_others_hold() == before
    # The host is no longer the agency's: Wagtail answers it with the default site.
    home = visitor("second").get("/").content.decode()
    assert agency("first").name_vi in home and "Lam Sơn" not in home


def test_the_agencys_documents_go_into_the_export_with_their_files(tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from portal.units.models import AgencyCollection

    folder = AgencyCollection.objects.get(agency=agency("second")).collection
    Document = get_document_model()
    document = Document(title="Quyết định số 12/QĐ-SVHTT", collection=folder)
    document.file.save("quyet-dinh-12.pdf", ContentFile(b"%PDF-1.4 quyet dinh"), save=True)
    name = document.file.name

    _remove(agency("second").code, "--confirm", agency("second").code, "--export", str(tmp_path / "x.zip"))

    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert archive.read(f"files/{name}") == b"%PDF-1.4 quyet dinh"
        assert "Quyết định số 12/QĐ-SVHTT" in archive.read("rows/wagtaildocs.Document.json").decode()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not Collection.objects.filter(pk=folder.pk).exists()
    assert AgencyCollection.objects.filter(agency=agency("first")).exists()


def test_the_server_errors_of_its_site_go_with_the_agency_into_its_export(tmp_path):
    from portal.operations.models import Incident

    its_own = Incident.objects.create(site=site("second"), path="/loi-cua-so/", method="GET", exception="ValueError")
    of_first = Incident.objects.create(site=site("first"), path="/loi-khac/", method="GET", exception="KeyError")
    of_no_site = Incident.objects.create(site=None, path="/loi-cu/", method="GET", exception="KeyError")

    _remove(agency("second").code, "--confirm", agency("second").code, "--export", str(tmp_path / "x.zip"))

    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        incidents = json.loads(archive.read("rows/operations.Incident.json"))
    assert [row["fields"]["path"] for row in incidents] == ["/loi-cua-so/"]
    # not left behind of no site, where the default site's agency would count them
    assert not Incident.objects.filter(pk=its_own.pk).exists()
    assert set(Incident.objects.values_list("pk", flat=True)) >= {of_first.pk, of_no_site.pk}


def test_its_groups_are_told_by_their_agency_not_their_names(tmp_path):
    from portal.units.models import AgencyGroup

    made_in_admin = Group.objects.create(name="Biên tập viên ảnh")  # a name of no role or symbol
    AgencyGroup.objects.create(group=made_in_admin, agency=agency("second"))

    _remove(agency("second").code, "--confirm", agency("second").code, "--export", str(tmp_path / "x.zip"))

    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert "Biên tập viên ảnh" in archive.read("rows/auth.Group.json").decode()
    assert not Group.objects.filter(pk=made_in_admin.pk).exists()
    assert Group.objects.filter(agency_link__agency=agency("first")).count() == 8


def test_check_says_what_would_go_and_changes_nothing():
    out = _remove(agency("second").code, "--check")

    assert "Sở Văn hóa và Thể thao tỉnh Lam Sơn" in out
    assert "Chưa xuất hay xoá gì (--check)." in out
    assert Site.objects.filter(hostname=HOSTS["second"]).exists()
    assert Unit.objects.filter(agency=agency("second")).count() == 3


def test_the_code_is_asked_for_and_a_wrong_answer_removes_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr("builtins.input", lambda prompt: "so-van-hoa")
    with pytest.raises(CommandError) as refused:
        _remove(agency("second").code, "--export", str(tmp_path / "x.zip"))

    assert str(refused.value) == "Mã vừa gõ không phải mã của cơ quan; chưa xuất hay xoá gì."
    assert not (tmp_path / "x.zip").exists()
    assert Site.objects.filter(hostname=HOSTS["second"]).exists()


def test_the_code_typed_when_asked_removes_the_agency(monkeypatch, tmp_path):
    monkeypatch.setattr("builtins.input", lambda prompt: "cong-tinh-lam-son")
    _remove("cong-tinh-lam-son", "--export", str(tmp_path / "tinh.zip"))

    assert (tmp_path / "tinh.zip").exists()
    assert not Site.objects.filter(hostname=HOSTS["province"]).exists()
    assert Site.objects.filter(hostname=HOSTS["second"]).exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("khong-co", "Không có cơ quan nào mang mã “khong-co”."),
        ("so-ngoai-vu-thua-thien-hue", "là cơ quan của trang mặc định, của chính bản cài đặt này: không thể xoá."),
    ],
)
def test_unknown_and_default_agencies_are_refused(code, message):
    with pytest.raises(CommandError) as refused:
        _remove(code, "--confirm", code)
    assert message in str(refused.value)
    assert AgencySettings.objects.count() == 3
