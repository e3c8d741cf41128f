"""Production settings come from the environment and pass Django's deployment checks."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_passes_with_the_environment_set():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="snv.thuathienhue.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", ALLOWED_HOSTS="snv.thuathienhue.gov.vn")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_a_bucket_in_the_environment_keeps_the_media_there_and_lets_the_browser_fetch_its_images():
    script = (
        "import json; from django.conf import settings; from django.core.files.storage import storages;"
        "s = storages['default'];"
        "print(json.dumps([type(s).__name__, s.bucket_name, s.file_overwrite, s.querystring_auth,"
        " s.url('images/a b.jpg'),"
        " s.client_config.connect_timeout, settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'],"
        " settings.WAGTAILDOCS_SERVE_METHOD]))"
    )
    result = _manage(
        "shell",
        "-c",
        script,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="snv.thuathienhue.gov.vn",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://s3.snv.internal:9000",
        AWS_S3_ADDRESSING_STYLE="path",
        AWS_ACCESS_KEY_ID="portal",
        AWS_SECRET_ACCESS_KEY="not-a-secret",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "S3Storage",
        "portal-media",
        False,  # an upload never replaces another of the same name
        False,  # plain URLs, which cached pages can keep
        "https://s3.snv.internal:9000/portal-media/images/a%20b.jpg",
        2,
        ["'self'", "data:", "https://s3.snv.internal:9000"],
        "serve_view",
    ]
