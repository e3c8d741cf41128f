import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_each_dependency(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "storage": True,
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_answers_503_naming_what_failed_without_details(client, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["cache"] == {"ok": False}
    assert body["checks"]["database"]["ok"] is True


def test_health_reports_the_scheduler_and_the_backup_without_failing_for_them(client, settings, tmp_path):
    settings.BACKUP_ROOT, settings.BACKUP_DAILY = tmp_path, True  # no backup yet, no scheduler ever
    response = client.get("/health/")
    assert response.status_code == 200  # a web server that serves is not taken out for them
    background = response.json()["background"]
    assert background["scheduler"] == {"ok": False, "last_seen": None, "failing_jobs": 0}
    assert background["backup"] == {"ok": False, "newest": None}
    strict = client.get("/health/", {"background": "1"})
    assert strict.status_code == 503 and strict.json()["status"] == "failing"


def test_health_background_is_ok_with_a_running_scheduler_and_a_fresh_backup(client, settings, tmp_path):
    from portal.operations.scheduler import Job, run_due_jobs
    from portal.operations.testing import made_backup

    settings.BACKUP_ROOT, settings.BACKUP_DAILY = tmp_path, True
    made_backup(tmp_path)
    run_due_jobs([Job("publish_scheduled", 60, lambda: None)], now=0)
    response = client.get("/health/", {"background": "1"})
    assert response.status_code == 200
    background = response.json()["background"]
    assert background["scheduler"]["ok"] and background["scheduler"]["last_seen"]
    assert background["backup"]["ok"] and background["backup"]["newest"]
