"""The archive of an agency's site holds that site's pages and names that agency, not the default site's."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from portal.archive import services
from portal.archive.export import archive_export
from portal.archive.selectors import archive_years
from portal.testing.agencies import agency, site, staff
from portal.testing.factories import SectionFactory
from portal.units import roles

from .factories import YEAR, _article

pytestmark = [pytest.mark.django_db, pytest.mark.agencies]

PUBLISHED = dt.datetime(YEAR, 5, 4, 9, 30, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def items():
    """An item of YEAR on each department's site."""
    second_section = SectionFactory(parent=site("second").root_page.specific, title="Di sản", slug="di-san")
    second = _article(second_section, slug="le-hoi-lam-son", title="Lễ hội di sản Lam Sơn", published=PUBLISHED)
    first_section = SectionFactory(parent=site("first").root_page.specific, title="Hợp tác", slug="hop-tac")
    first = _article(first_section, slug="hop-tac-hue", title="Hợp tác quốc tế của Huế", published=PUBLISHED)
    return first, second


def test_the_archive_of_the_second_site_holds_its_pages_and_names_its_agency(items, tmp_path):
    first, second = items
    summary = archive_export(year=YEAR, output=tmp_path / "archive", site=site("second"))
    written = {path.relative_to(summary.folder).as_posix(): path for path in summary.folder.rglob("*.html")}
    page = next(path for name, path in written.items() if "le-hoi-lam-son" in name).read_text()
    assert second.title in page and agency("second").name_vi in page
    assert agency("first").name_vi not in page.split('class="archive-banner"')[1].split("</div>")[0]
    assert not any("hop-tac-hue" in name for name in written)
    index = (summary.folder / "index.html").read_text()
    assert agency("second").name_vi in index and agency("first").name_vi not in index


def test_the_admin_exports_the_staff_members_own_agencys_site(items):
    secretary = staff("second", roles.SECRETARIAT)
    assert services.export_site(secretary) == site("second")
    assert YEAR in archive_years(site("second"))


def test_the_command_refuses_a_host_no_site_serves(tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command
    from django.utils import translation

    refused = "Không có trang nào ở địa chỉ khong-co.example."
    with translation.override("vi"), pytest.raises(CommandError, match=refused):
        call_command(
            "export_archive",
            "--year",
            str(YEAR),
            "--output",
            str(tmp_path / "a"),
            "--site",
            "khong-co.example",
            stdout=StringIO(),
        )


# The admin's exports are each agency's own (issue 22, item 2): `archive.permissions.export_policy`.

EXPORTS = "/admin/archive/"
TABLE = "/admin/archive/table/"


def _download(export) -> str:
    return f"/admin/archive/{export.pk}/download/"


def _delete(export) -> str:
    return f"/admin/archive/{export.pk}/delete/"


@pytest.fixture
def exports():
    """A finished export of YEAR of each department, its ZIP in private storage."""
    from django.core.files.base import ContentFile

    from portal.archive.models import ArchiveExport, private_storage

    made = {}
    for key in ("first", "second"):
        name = private_storage.save(f"archives/luu-tru-{key}.zip", ContentFile(b"PK\x03\x04 zip"))
        made[key] = ArchiveExport.objects.create(
            agency=agency(key),
            year=YEAR,
            status=ArchiveExport.FINISHED,
            finished_at=timezone.now(),
            file=name,
            size=9,
            requested_by=staff(key, roles.SECRETARIAT),
        )
    yield made
    for export in made.values():
        private_storage.delete(export.file.name)


@pytest.mark.parametrize("key,other", [("second", "first"), ("first", "second")])
def test_an_agencys_secretariat_lists_downloads_and_deletes_only_its_own_exports(client, exports, key, other):
    from portal.accounts.testing import login_with_second_factor
    from portal.archive.models import ArchiveExport

    ours, theirs = exports[key], exports[other]
    login_with_second_factor(client, ArchiveExport.objects.get(pk=ours.pk).requested_by)
    for listing in (EXPORTS, TABLE):
        html = client.get(listing).content.decode()
        assert _download(ours) in html and _delete(ours) in html, listing
        assert _download(theirs) not in html and _delete(theirs) not in html, listing
        assert "Cơ quan" not in html  # no agency column: the list is the agency's own
    assert client.get(_download(ours)).status_code == 200
    for path in (_download(theirs), _delete(theirs)):
        assert client.get(path).status_code == 404, path
    assert client.post(_delete(theirs)).status_code == 404
    assert ArchiveExport.objects.filter(pk=theirs.pk).exists()
    with pytest.raises(services.PermissionDenied):  # the rule is the service's too
        services.archive_export_delete(user=ours.requested_by, export=theirs)
    assert client.post(_delete(ours)).status_code == 302
    assert not ArchiveExport.objects.filter(pk=ours.pk).exists()


def test_one_export_of_a_year_at_a_time_is_per_agency(client, items, django_capture_on_commit_callbacks):
    from django.utils import translation

    from portal.accounts.testing import login_with_second_factor
    from portal.archive.models import ArchiveExport

    ArchiveExport.objects.create(agency=agency("first"), year=YEAR, status=ArchiveExport.RUNNING)
    secretary = staff("second", roles.SECRETARIAT)
    login_with_second_factor(client, secretary)
    with django_capture_on_commit_callbacks(execute=False):  # queued, not run: the first agency's still runs
        assert client.post(EXPORTS, {"year": str(YEAR)}).status_code == 302
    started = ArchiveExport.objects.get(agency=agency("second"), year=YEAR)
    assert started.status == ArchiveExport.QUEUED and started.requested_by == secretary

    with django_capture_on_commit_callbacks(execute=False):
        refused = client.post(EXPORTS, {"year": str(YEAR)}).content.decode()
    second = agency("second")
    assert f"Đang có một lượt xuất năm {YEAR} của {second.name_vi} chưa xong: hãy chờ nó hoàn thành." in html.unescape(
        refused
    )
    with translation.override("en"), pytest.raises(services.ArchiveExportRefused) as refusal:
        services.archive_export_start(user=secretary, year=YEAR)
    assert str(refusal.value) == f"An export of {YEAR} of {second.name_en} is already under way: wait for it to finish."
    assert ArchiveExport.objects.filter(year=YEAR).count() == 2


def test_a_superuser_lists_every_agencys_exports_with_their_agency(client, exports):
    from portal.accounts.testing import login_with_second_factor
    from portal.testing.factories import StaffFactory

    login_with_second_factor(client, StaffFactory(username="quan-tri", is_superuser=True, is_staff=True))
    html = client.get(TABLE).content.decode()
    assert "Cơ quan" in html
    for key, export in exports.items():
        assert _download(export) in html and agency(key).name in html
        assert client.get(_download(export)).status_code == 200
