"""The administrator sees on the dashboard whether the portal is looked after: the newest backup,
the scheduler's last signs of life, jobs that keep failing, server errors of the last 30 days."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.accounts.testing import login_with_second_factor
from portal.operations import status
from portal.operations.backups import STAMP
from portal.operations.models import Incident, JobRun
from portal.operations.scheduler import Job, run_due_jobs
from portal.operations.testing import made_backup
from portal.testing.factories import StaffFactory
from portal.units import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def backups(settings, tmp_path):
    settings.BACKUP_ROOT = tmp_path / "backups"
    settings.BACKUP_DAILY = True
    return settings.BACKUP_ROOT


def dashboard(client, user=None) -> str:
    """The admin's home page as `user` sees it (the administrator, a superuser, by default)."""
    login_with_second_factor(client, user or StaffFactory(superuser=True))
    return client.get("/admin/").content.decode()


def at(hours_ago: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours_ago)


def test_no_backup_and_no_scheduler_are_both_warned_of(client, backups):
    html = dashboard(client)
    assert "Vận hành" in html
    assert "Chưa có bản sao lưu nào." in html
    assert "Bộ lập lịch chưa từng chạy ở đây" in html and "manage.py run_scheduler" in html


def test_a_fresh_backup_and_a_running_scheduler_are_shown_calmly(client, backups):
    folder = made_backup(backups)
    run_due_jobs([Job("publish_scheduled", 60, lambda: None)], now=0)
    html = dashboard(client)
    taken = timezone.localtime(timezone.make_aware(dt.datetime.strptime(folder.name, STAMP)))
    assert f"Bản sao lưu gần nhất: {taken:%d/%m/%Y %H:%M}" in html and "giữ 1 bản" in html
    assert "Bộ lập lịch đang chạy" in html
    panel = html.split("data-operations-panel")[1].split("</section>")[0]
    assert "Không có lỗi máy chủ nào trong 30 ngày qua." in panel and "<svg" not in panel
    assert "⚠" not in html.split("data-operations-panel")[1].split("</section>")[0]


def test_a_backup_older_than_a_day_and_a_quiet_scheduler_are_warnings(backups):
    made_backup(backups, when=at(30))
    JobRun.objects.create(name="publish_scheduled", last_started_at=at(1), last_succeeded_at=at(1))
    backup = status.backup_status()
    assert backup.stale and backup.count == 1 and backup.size_bytes == 2048 + 2
    scheduler = status.scheduler_status()
    assert not scheduler.running and scheduler.last_seen == JobRun.objects.get().last_started_at


def test_backups_taken_by_the_hosting_are_no_warning(client, backups):
    from django.test import override_settings

    with override_settings(BACKUP_DAILY=False):
        assert not status.backup_status().stale
        assert "BACKUP_DAILY" in dashboard(client)


def test_a_failing_job_is_named_with_its_error_until_it_succeeds_again(client, backups):
    state = {"error": OSError("No space left on device")}

    def backup():
        if state["error"]:
            raise state["error"]

    jobs = [Job("daily_backup", 60, backup)]
    run_due_jobs(jobs, now=0)
    html = dashboard(client)
    assert "Công việc “sao lưu hằng ngày” bị lỗi lúc" in html
    assert "OSError: No space left on device" in html
    state["error"] = None
    run_due_jobs(jobs, now=61)
    assert status.scheduler_status().failing == []
    assert "No space left on device" not in client.get("/admin/").content.decode()


def test_server_errors_are_counted_per_day_for_thirty_days():
    today = timezone.localdate()
    for days_ago, count in ((0, 2), (3, 1), (40, 5)):
        for _ in range(count):
            incident = Incident.objects.create(method="GET", path="/x/", exception="ValueError")
            moment = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(23, 30)))
            Incident.objects.filter(pk=incident.pk).update(occurred_at=moment)
    days = status.incidents_per_day()
    assert len(days) == 30 and days[-1] == (today, 2) and days[0][0] == today - dt.timedelta(days=29)
    assert dict(days)[today - dt.timedelta(days=3)] == 1
    assert sum(count for _, count in days) == 3  # the one of 40 days ago is outside


def test_the_chart_and_its_total_are_on_the_panel(client, backups):
    Incident.objects.create(method="GET", path="/x/", exception="ValueError")
    html = dashboard(client)
    assert "Lỗi máy chủ trong 30 ngày qua: 1" in html
    assert f"{timezone.localdate():%d/%m/%Y}: 1 lỗi máy chủ" in html


def test_only_the_administrator_sees_the_panel(client, backups):
    assert "data-operations-panel" not in dashboard(client, StaffFactory(role=roles.EDITOR_IN_CHIEF))


def test_the_panel_costs_a_bounded_number_of_queries(client, backups, django_assert_max_num_queries):
    for n in range(20):
        JobRun.objects.create(name=f"job-{n}", last_started_at=at(0), last_failed_at=at(0), last_error="x")
    Incident.objects.bulk_create([Incident(method="GET", path=f"/{n}/", exception="E") for n in range(50)])
    panel = status.scheduler_status, status.incidents_per_day
    with django_assert_max_num_queries(2):
        for part in panel:
            part()


def test_a_folder_in_the_backups_named_otherwise_is_not_taken_for_a_backup(client, backups):
    made_backup(backups, when=at(3))
    copy = backups / "20261201-020000-ban-sao"  # copied by hand beside the real ones
    copy.mkdir()
    (copy / "manifest.json").write_text("{}")
    backup = status.backup_status()
    assert backup.count == 1 and not backup.stale
    assert "Bản sao lưu gần nhất:" in dashboard(client)
