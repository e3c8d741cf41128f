"""The editor-in-chief signs in and finds the plan on the first page, then the dashboard and the report.

The charts are server-drawn SVG (no script, no external resource) with an accessible name; the parts
of the page the plan adds are checked with axe-core.
"""

import re
from pathlib import Path

import pytest

from .conftest import WCAG_TAGS, pass_second_factor

pytestmark = pytest.mark.browser
README = Path(__file__).resolve().parents[2] / "README.md"


def credentials(username: str) -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    passwords = dict(re.findall(r"^- `(\w+) / (\S+)`", text, re.MULTILINE))
    secret = re.search(r"^ {4}([A-Z2-7]{16,})\s*$", text, re.MULTILINE).group(1)
    return passwords[username], secret


def sign_in_as_editor_in_chief(page, second_factor_code):
    password, secret = credentials("truongban")
    page.goto("/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("truongban")
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/admin/accounts/second-factor/**")
    pass_second_factor(page, second_factor_code(secret))


def axe_on(page, axe_source, selectors: list[str]) -> list:
    _path, source = axe_source
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate(
        "([include, tags]) => axe.run({include: include.map(s => [s])},"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [selectors, WCAG_TAGS],
    )
    return [(violation["id"], [node["target"] for node in violation["nodes"]]) for violation in result["violations"]]


def test_the_board_reads_the_plan_in_the_admin(open_page, axe_source, second_factor_code):
    page = open_page()
    sign_in_as_editor_in_chief(page, second_factor_code)
    panel = page.locator("section[aria-labelledby=plan-summary-heading]")
    assert re.search(r"Kế hoạch năm \d{4} đến nay", panel.locator("h2").inner_text())
    charts = panel.locator("svg[role=img]")
    assert charts.count() == 2
    assert panel.get_by_role("img", name="Số lần cập nhật mỗi tuần").count() == 1

    panel.get_by_role("link", name="Toàn bộ bảng theo dõi kế hoạch").click()
    page.wait_for_url("**/admin/plan/")
    assert page.locator("#plan-progress tbody tr").count() == 19  # 20 rows of Appendix I, rows 8 and 9 together
    assert page.locator("#plan-tasks tbody tr").count() == 8
    assert "26.300.000 đ" in page.locator("main").inner_text()
    assert page.locator("script[src^=http], img[src^=http], link[href^=http]").count() == 0
    violations = axe_on(page, axe_source, ["svg.plan-chart", "#plan-progress", "#plan-units", "#plan-tasks"])
    assert violations == [], violations

    page.get_by_role("link", name="Báo cáo quý").first.click()
    page.wait_for_url("**/admin/plan/report/**")
    page.get_by_role("button", name="Mở báo cáo").click()  # the report's page: its texts and downloads
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải XLSX").click()
    assert re.fullmatch(r"bao-cao-trang-ttdt-quy-\d-\d{4}\.xlsx", download.value.suggested_filename)
