"""The archive exports page of the admin: who may use it, an export run in the background and followed,
its ZIP served privately, refusals in Vietnamese, failures shown as such, deletion, and the audit log."""

import datetime as dt
import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.accounts.testing import login_with_second_factor
from portal.archive import services
from portal.archive.export import RENDERING, ArchiveError, _Exporter
from portal.archive.models import ArchiveExport, private_storage
from portal.archive.selectors import archive_pages, archive_years
from portal.core.models import AgencySettings
from portal.testing.factories import StaffFactory
from portal.units import roles
from portal.units.models import Unit

from .factories import YEAR, make_archive_year

pytestmark = pytest.mark.django_db

EXPORTS = reverse("archive_exports")
TABLE = reverse("archive_exports_table")


@pytest.fixture
def content():
    return make_archive_year()


@pytest.fixture(autouse=True)
def _remove_zips():
    # The rows roll back with the test; the ZIP files they name would stay in the test's private storage.
    yield
    for name in ArchiveExport.objects.exclude(file="").values_list("file", flat=True):
        private_storage.delete(name)


def expected_pages() -> dict[str, int]:
    counts = {"vi": 0, "en": 0}
    for page in archive_pages(year=YEAR):
        counts[page.locale.language_code] += 1
    return counts


ROLES = {  # the accounts the tests use: role and unit (a code of the installation's units)
    "secretariat": (roles.SECRETARIAT, "van-phong"),
    "chief": (roles.EDITOR_IN_CHIEF, "van-phong"),
    "contributor": (roles.CONTRIBUTOR, "hop-tac-quoc-te"),
    "accountant": (roles.ACCOUNTANT, "van-phong"),
}


def user(key: str):
    """The test's account in that role (made the first time it is asked for)."""
    role, unit_code = ROLES[key]
    return StaffFactory(username=f"luu-tru-{key}", role=role, unit=Unit.objects.get(code=unit_code))


@pytest.fixture
def secretariat(client):
    login_with_second_factor(client, user("secretariat"))
    return client


def start(client, django_capture_on_commit_callbacks, year=YEAR, *, run=True):
    """POST the form; the task runs when the request's transaction commits (immediately in the tests)."""
    with django_capture_on_commit_callbacks(execute=run):
        return client.post(EXPORTS, {"year": str(year)})


def finished_export(client, django_capture_on_commit_callbacks) -> ArchiveExport:
    assert start(client, django_capture_on_commit_callbacks).status_code == 302
    return ArchiveExport.objects.get(year=YEAR)


def urls(export: ArchiveExport) -> list[str]:
    return [
        EXPORTS,
        TABLE,
        reverse("archive_export_download", args=[export.pk]),
        reverse("archive_export_delete", args=[export.pk]),
    ]


def test_anonymous_visitors_and_staff_without_the_permission_are_refused(client, content):
    export = ArchiveExport.objects.create(year=YEAR, status=ArchiveExport.FAILED, error="x")
    for url in urls(export):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    assert "/login/" in client.post(EXPORTS, {"year": str(YEAR)})["Location"]

    for username in ("contributor", "chief", "accountant"):
        client.force_login(user(username))
        login_with_second_factor(client, user(username))
        for url in urls(export):
            response = client.get(url)
            assert response.status_code in (302, 403), (username, url)
            assert response.status_code == 403 or response["Location"].rstrip("/").endswith("/admin"), url
        client.post(EXPORTS, {"year": str(YEAR)})
        client.post(reverse("archive_export_delete", args=[export.pk]))
        assert reverse("archive_exports") not in client.get("/admin/").content.decode()
    assert list(ArchiveExport.objects.values_list("pk", flat=True)) == [export.pk]  # nothing started or deleted
    with pytest.raises(services.PermissionDenied):
        services.archive_export_start(user=user("contributor"), year=YEAR)


def test_the_secretariat_finds_the_page_in_the_settings_menu_with_the_years_that_have_content(secretariat, content):
    assert EXPORTS in secretariat.get("/admin/").content.decode()  # the sidebar's settings menu
    response = secretariat.get(EXPORTS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xuất lưu trữ" in html
    assert f'<option value="{YEAR}"' in html
    assert "Chưa có lượt xuất nào." in html
    assert YEAR in archive_years()
    years = archive_years()
    assert years == sorted(years, reverse=True)
    assert f'<option value="{YEAR - 20}"' not in html  # 1996: nothing published


def test_an_export_runs_in_the_background_and_its_zip_holds_the_year_in_both_languages(
    secretariat, content, django_capture_on_commit_callbacks
):
    response = start(secretariat, django_capture_on_commit_callbacks, run=False)
    assert response.status_code == 302
    export = ArchiveExport.objects.get(year=YEAR)
    assert export.status == ArchiveExport.QUEUED  # the request only queued it
    assert export.requested_by == user("secretariat")
    page = secretariat.get(EXPORTS).content.decode()
    assert f"Quá trình xuất năm {YEAR} đã bắt đầu chạy nền" in page
    assert "Đang chờ" in page

    services.archive_export_run(export_id=export.pk)  # what the worker does
    export.refresh_from_db()
    assert export.status == ArchiveExport.FINISHED
    pages = expected_pages()
    assert pages["vi"] >= 1 and pages["en"] >= 1  # the factory's article, its translation, the demo's 2016
    assert export.pages == pages
    assert export.pages_done == export.pages_total == sum(pages.values())
    assert export.size == private_storage.size(export.file.name) > 0
    assert Path(private_storage.path(export.file.name)).is_relative_to(Path(settings.PRIVATE_STORAGE_ROOT))
    assert not Path(settings.MEDIA_ROOT, export.file.name).exists()
    assert not list((Path(settings.PRIVATE_STORAGE_ROOT) / services.WORK_FOLDER).glob(f"{export.pk}-*"))

    table = secretariat.get(TABLE).content.decode()
    assert "Hoàn thành" in table
    assert f"{sum(pages.values())} trang, " in table
    assert timezone.localtime(export.requested_at).strftime("%d/%m/%Y %H:%M") in table
    assert user("secretariat").get_full_name() in table  # who started it
    download = reverse("archive_export_download", args=[export.pk])
    assert download in table

    response = secretariat.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(f'attachment; filename="luu-tru-{YEAR}-')
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        names = set(archive.namelist())
        folder = f"luu-tru-{YEAR}"
        assert {f"{folder}/index.html", f"{folder}/en/index.html"} <= names
        vi = archive.read(f"{folder}/index.html").decode()
        en = archive.read(f"{folder}/en/index.html").decode()
    assert f"Lưu trữ năm {YEAR}" in vi and content.article.title in vi
    assert f"Archive of {YEAR}" in en and content.translation.title in en
    # private storage: not under MEDIA_ROOT, so no media URL reaches it
    assert secretariat.get(settings.MEDIA_URL + export.file.name).status_code == 404

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(export.pk), action__startswith="archive.")
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert actions == [("archive.export_started", user("secretariat").username), ("archive.export_finished", None)]


def test_the_task_runs_the_export_on_commit_and_counts_the_pages_as_it_goes(
    secretariat, content, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "PROGRESS_EVERY_SECONDS", 0)
    seen = []
    write_page = _Exporter._write_page

    def spying(self, entry):
        row = ArchiveExport.objects.get(year=YEAR)
        seen.append((row.status, row.stage, row.pages_done, row.pages_total))
        return write_page(self, entry)

    monkeypatch.setattr(_Exporter, "_write_page", spying)
    start(secretariat, django_capture_on_commit_callbacks)
    export = ArchiveExport.objects.get(year=YEAR)
    assert export.status == ArchiveExport.FINISHED
    total = sum(expected_pages().values())
    assert seen == [("running", "writing", done, total) for done in range(total)]


def test_a_running_export_shows_its_stage_and_pages_done(secretariat, content):
    ArchiveExport.objects.create(
        year=YEAR,
        status=ArchiveExport.RUNNING,
        stage=RENDERING,
        pages_done=3,
        pages_total=10,
        requested_by=user("secretariat"),
        started_at=timezone.now(),
    )
    table = secretariat.get(TABLE).content.decode()
    assert "Đang chạy" in table
    assert "Đang dựng trang: 3 / 10 trang" in table
    assert '<progress max="10" value="3"' in table
    assert 'data-active="true"' in table
    assert "/delete/" not in table  # a running export cannot be deleted


def test_a_year_without_published_content_is_refused_in_vietnamese(
    secretariat, content, django_capture_on_commit_callbacks
):
    for year in ("1999", "abc", "2016.5", ""):
        response = start(secretariat, django_capture_on_commit_callbacks, year)
        assert response.status_code == 200
        html = response.content.decode()
        if year:
            assert f"{year} không phải là năm có trang công khai đã đăng: hãy chọn một năm trong danh sách." in html
        else:
            assert "Hãy chọn năm cần xuất." in html
    assert not ArchiveExport.objects.exists()
    with pytest.raises(services.ArchiveExportRefused, match="Năm 1999 không có trang công khai nào đã đăng"):
        services.archive_export_start(user=user("secretariat"), year=1999)


def test_a_second_export_of_a_year_is_refused_while_one_waits_or_runs(
    secretariat, content, django_capture_on_commit_callbacks
):
    start(secretariat, django_capture_on_commit_callbacks, run=False)  # queued, not run yet
    response = start(secretariat, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    agency_name = AgencySettings.load().name_vi
    refusal = f"Đang có một lượt xuất năm {YEAR} của {agency_name} chưa xong: hãy chờ nó hoàn thành."
    assert refusal in html.unescape(response.content.decode())
    assert ArchiveExport.objects.filter(year=YEAR).count() == 1

    ArchiveExport.objects.filter(year=YEAR).update(status=ArchiveExport.RUNNING, updated_at=timezone.now())
    with pytest.raises(services.ArchiveExportRefused, match=re.escape(refusal)):
        services.archive_export_start(user=user("secretariat"), year=YEAR)
    # two requests past the check at the same moment: the database keeps one
    with pytest.raises(IntegrityError), transaction.atomic():
        ArchiveExport.objects.create(year=YEAR)

    ArchiveExport.objects.filter(year=YEAR).update(status=ArchiveExport.FINISHED)
    assert start(secretariat, django_capture_on_commit_callbacks).status_code == 302  # once it is over
    assert ArchiveExport.objects.filter(year=YEAR).count() == 2


def test_a_failed_export_shows_failed_with_its_reason_never_an_error_page(
    secretariat, content, django_capture_on_commit_callbacks, monkeypatch
):
    def full_disk(**kwargs):
        raise ArchiveError("Không thể ghi bản lưu trữ vào /srv: No space left on device")

    monkeypatch.setattr(services, "archive_export", full_disk)
    assert start(secretariat, django_capture_on_commit_callbacks).status_code == 302
    export = ArchiveExport.objects.get(year=YEAR)
    assert export.status == ArchiveExport.FAILED
    table = secretariat.get(TABLE).content.decode()
    assert "Không thành công" in table
    assert "No space left on device" in table
    assert reverse("archive_export_download", args=[export.pk]) not in table
    assert secretariat.get(reverse("archive_export_download", args=[export.pk])).status_code == 404
    assert ModelLogEntry.objects.filter(object_id=str(export.pk), action="archive.export_failed").exists()

    def broken(**kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(services, "archive_export", broken)
    start(secretariat, django_capture_on_commit_callbacks)  # the failed one does not block the year
    latest = ArchiveExport.objects.filter(year=YEAR).first()
    assert latest.status == ArchiveExport.FAILED
    assert latest.error == "Lỗi không lường trước: RuntimeError: renderer crashed"


def test_an_export_whose_worker_stopped_is_shown_failed_and_the_year_can_be_exported_again(
    secretariat, content, django_capture_on_commit_callbacks
):
    stale = ArchiveExport.objects.create(year=YEAR, status=ArchiveExport.RUNNING, started_at=timezone.now())
    ArchiveExport.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    assert "bị gián đoạn" in secretariat.get(TABLE).content.decode()
    stale.refresh_from_db()
    assert stale.status == ArchiveExport.FAILED
    assert start(secretariat, django_capture_on_commit_callbacks).status_code == 302
    assert ArchiveExport.objects.filter(year=YEAR, status=ArchiveExport.FINISHED).count() == 1


def test_an_export_is_deleted_with_its_zip_and_the_deletion_logged(
    secretariat, content, django_capture_on_commit_callbacks
):
    export = finished_export(secretariat, django_capture_on_commit_callbacks)
    name = export.file.name
    assert private_storage.exists(name)
    delete = reverse("archive_export_delete", args=[export.pk])
    confirm = secretariat.get(delete)
    assert confirm.status_code == 200
    assert f"Lượt xuất năm {YEAR} và tệp ZIP của nó sẽ bị xóa." in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post(delete, follow=True)
    assert f"Đã xóa lượt xuất năm {YEAR}." in response.content.decode()
    assert not ArchiveExport.objects.filter(pk=export.pk).exists()
    assert not private_storage.exists(name)
    entry = ModelLogEntry.objects.get(object_id=str(export.pk), action="archive.export_deleted")
    assert entry.user == user("secretariat")
    assert entry.data["year"] == YEAR
    assert secretariat.post(delete).status_code == 404  # already gone


def test_a_running_export_cannot_be_deleted(secretariat, content):
    running = ArchiveExport.objects.create(year=YEAR, status=ArchiveExport.RUNNING, started_at=timezone.now())
    response = secretariat.post(reverse("archive_export_delete", args=[running.pk]), follow=True)
    assert f"Lượt xuất năm {YEAR} đang chạy: chỉ xóa được khi đã xong." in response.content.decode()
    assert ArchiveExport.objects.filter(pk=running.pk).exists()
    assert not ModelLogEntry.objects.filter(object_id=str(running.pk), action="archive.export_deleted").exists()


def test_an_export_whose_zip_is_not_kept_says_so_and_its_download_answers_404_with_why(
    secretariat, content, django_capture_on_commit_callbacks
):
    # Backups leave the ZIPs out (portal/operations/backups.py): after a restore the row is there, its file not.
    from wagtail.users.models import UserProfile

    export = finished_export(secretariat, django_capture_on_commit_callbacks)
    private_storage.delete(export.file.name)
    download = reverse("archive_export_download", args=[export.pk])

    table = secretariat.get(TABLE).content.decode()
    assert "Tệp không được lưu ở bản cài đặt này: hãy xuất lại năm này." in table
    assert download not in table
    response = secretariat.get(download)
    assert response.status_code == 404
    page = response.content.decode()
    assert f"Tệp ZIP của lượt xuất năm {YEAR} không được lưu ở bản cài đặt này" in page
    assert reverse("archive_exports") in page
    profile = UserProfile.get_for_user(user("secretariat"))
    profile.preferred_language = "en"  # the admin speaks the user's language
    profile.save()
    assert "File not kept in this installation: export the year again." in secretariat.get(TABLE).content.decode()
    assert start(secretariat, django_capture_on_commit_callbacks).status_code == 302  # exported again
    again = ArchiveExport.objects.filter(year=YEAR).first()
    assert (
        again.file_kept and download.replace(str(export.pk), str(again.pk)) in secretariat.get(TABLE).content.decode()
    )
