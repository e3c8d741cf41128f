"""CI's dependency audit (.ci/audit_dependencies.py) decides right, with a stand-in for pip-audit.

The real vulnerability services cannot be reached from the test machine, so the stand-in answers
as each of them would: PyPI's JSON API without the data (every package "not found"), OSV off the
network (a connection error), or a service that knows of a vulnerability in one installed package.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / ".ci" / "audit_dependencies.py"

STAND_IN = r"""#!{python}
import json, os, sys
args = sys.argv[1:]
service = args[args.index("--vulnerability-service") + 1]
requirements = open(args[args.index("-r") + 1]).read()
ignored = [args[i + 1] for i, arg in enumerate(args) if arg == "--ignore-vuln"]
mode = os.environ["STAND_IN_MODE"]
if service == "osv" and mode != "osv":
    print("Traceback ...", file=sys.stderr)
    print("requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'", file=sys.stderr)
    sys.exit(1)
if service == "pypi" and mode in ("offline", "osv"):
    name, version = requirements.splitlines()[0].split("==")
    reason = f"Dependency not found on PyPI and could not be audited: {name} ({version})"
    print(json.dumps({"dependencies": [{"name": name, "skip_reason": reason}]}))
    sys.exit(0)
dependencies = []
for line in requirements.splitlines():
    if "==" not in line:
        continue
    name, version = line.split("==")
    vulns = []
    if (name, version) == ("django", "3.2"):
        vulns = [{"id": "PYSEC-2021-98", "fix_versions": ["3.2.1"], "aliases": ["CVE-2021-31542"]}]
    if name.lower() == "nh3" and "GHSA-test-0000-0001" not in ignored:
        vulns = [{"id": "GHSA-test-0000-0001", "fix_versions": ["9.9.9"], "aliases": ["CVE-2099-0001"]}]
        vulns[0]["description"] = "A crafted input.\nMore."
    dependencies.append({"name": name.lower(), "version": version, "vulns": vulns})
print(json.dumps({"dependencies": dependencies, "fixes": []}))
sys.exit(1 if any(d["vulns"] for d in dependencies) else 0)
"""


@pytest.fixture
def audit(tmp_path):
    stand_in = tmp_path / "pip-audit"
    stand_in.write_text(STAND_IN.replace("{python}", sys.executable))
    stand_in.chmod(0o755)
    ignore_file = tmp_path / "audit-ignore.txt"
    ignore_file.write_text("# none\n")

    def run(mode: str, ignore: str = "") -> subprocess.CompletedProcess:
        if ignore:
            ignore_file.write_text(ignore)
        env = {
            **os.environ,
            "PIP_AUDIT_EXECUTABLE": str(stand_in),
            "AUDIT_PYTHON": sys.executable,  # the suite's own environment: it has nh3
            "AUDIT_IGNORE_FILE": str(ignore_file),
            "STAND_IN_MODE": mode,
        }
        return subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)

    return run


def test_no_reachable_database_skips_with_the_reason_of_each_service(audit):
    result = audit("offline")
    assert result.returncode == 0
    assert result.stdout.startswith("audit: skipped: vulnerability database not reachable (")
    assert "pypi: Dependency not found on PyPI and could not be audited: django (3.2)" in result.stdout
    assert "osv: requests.exceptions.ConnectionError" in result.stdout


def test_a_known_vulnerability_fails_the_audit_and_says_what_to_do(audit):
    result = audit("pypi")
    assert result.returncode == 1
    assert "VULNERABLE nh3==" in result.stdout
    assert "GHSA-test-0000-0001 (CVE-2099-0001); fixed in 9.9.9" in result.stdout
    assert "    A crafted input." in result.stdout
    assert "1 known vulnerabilities: upgrade the pin" in result.stdout


def test_osv_is_used_when_pypi_has_no_data(audit):
    result = audit("osv")
    assert result.returncode == 1
    assert "against osv" in result.stdout and "VULNERABLE nh3==" in result.stdout


def test_an_accepted_vulnerability_passes_and_is_named(audit):
    result = audit("pypi", ignore="GHSA-test-0000-0001  # the crafted input never reaches nh3 here\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "accepted: GHSA-test-0000-0001" in result.stdout
    assert "no known vulnerability in" in result.stdout


def test_an_accepted_vulnerability_needs_a_reason(audit):
    result = audit("pypi", ignore="GHSA-test-0000-0001\n")
    assert result.returncode == 1
    assert "GHSA-test-0000-0001 has no reason" in result.stderr


def test_the_ignore_file_of_the_repository_accepts_nothing_without_a_reason():
    for line in (ROOT / "requirements" / "audit-ignore.txt").read_text().splitlines():
        entry, _, reason = line.partition("#")
        assert not entry.strip() or reason.strip(), line
