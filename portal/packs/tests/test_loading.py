"""Reading a pack: the example packs read, and a bad pack is refused with every problem and its line."""

from pathlib import Path

import pytest
from django.conf import settings

from portal.packs.loading import PackInvalid, parse_pack, read_pack

PACKS = Path(settings.BASE_DIR) / "packs"
HUE = PACKS / "so-ngoai-vu-thua-thien-hue.yaml"
LAM_SON = PACKS / "vi-du-so-van-hoa-lam-son.yaml"


def test_the_2017_pack_is_the_plan_as_written():
    pack = read_pack(HUE)
    assert pack.agency.name.vi == "Sở Ngoại vụ tỉnh Thừa Thiên Huế"
    assert len(pack.units) == 9 and len(pack.categories) == 24
    plan = pack.plans[0]
    assert plan.year == 2017 and plan.budget == 26_300_000
    assert sum(line.quantity * line.unit_amount for line in plan.budget_lines) == 26_300_000
    rows = {row.number: row for row in plan.rows}
    assert (rows["2"].quantity.min, rows["2"].quantity.max) == (200, 220)
    assert rows["2"].editors == ["unit_heads"]  # "Trưởng các phòng, đơn vị thuộc Sở"
    assert rows["4"].editors == ["nguyenthily"] and rows["4"].deadline.days == 2
    assert rows["15"].deadline.rule == "after_question" and rows["15"].deadline.days == 2
    assert rows["18"].deadline.rule == "after_original" and rows["18"].deadline.days == 2
    names = {person.username: person.full_name for person in pack.people}
    assert names["nguyenthihongly"] == "Nguyễn Thị Hồng Lý"
    assert pack.approval == ["category_editors", "editor_in_chief"]


def test_the_made_up_pack_shares_no_name_with_the_2017_pack():
    hue, lam_son = HUE.read_text(encoding="utf-8"), read_pack(LAM_SON)
    assert lam_son.agency.name.vi == "Sở Văn hóa và Thể thao tỉnh Lam Sơn"
    for name in [lam_son.agency.name.vi, *(unit.name.vi for unit in lam_son.units if unit.code != "vp")]:
        assert name not in hue
    assert next(row for row in lam_son.plans[0].rows if row.number == "2").deadline.counted == "calendar"


BAD_PACK = """\
format: 1
agency:
  code: so-thu
  name: {vi: "Sở Thử"}
  short_name: ST
  place: {vi: "Thử"}
  address: {vi: "Số 1"}
  email: thu@example.org
home:
  title: {vi: "Trang chủ"}
  intro: {vi: "Giới thiệu"}
units:
  - {code: vp, name: {vi: "Văn phòng"}}
people:
  - {username: an, full_name: "Nguyễn An", unit: phong-khong-co, roles: [contributor]}
categories:
  - {slug: tin-tuc, title: {vi: "Tin tức"}}
  - {slug: tin-tuc, title: {vi: "Tin tức 2"}}
  - {slug: con, title: {vi: "Con"}, parent: khong-co-cha}
plans:
  - year: 2026
    title: "Kế hoạch"
    weekly: {min: 12, max: 10}
    budget: 1000000
    budget_lines:
      - {kind: vi_item, label: "Tin", quantity: 10, unit_amount: 50000}
    rows:
      - number: "1"
        category: tin-tuc
        quantity: {min: 220, max: 200}
        deadline: {rule: daily}
"""


def _problems(text: str) -> list:
    with pytest.raises(PackInvalid) as caught:
        parse_pack(text)
    return caught.value.problems


def test_a_bad_pack_is_refused_with_every_problem_and_its_line():
    problems = _problems(BAD_PACK)
    english = [problem.in_language("en") for problem in problems]
    vietnamese = [problem.in_language("vi") for problem in problems]
    assert "line 2, agency.hostname: this field is required." in english  # missing: the section's line
    assert "line 15, people[0].unit: unknown unit “phong-khong-co”." in english
    assert "line 18, categories[1].slug: the slug “tin-tuc” is already used by the category on line 17." in english
    assert "line 19, categories[2].parent: no category has the slug “khong-co-cha”." in english
    assert "line 23, plans[0].weekly: the range is written backwards (min 12 > max 10)." in english
    assert "line 30, plans[0].rows[0].quantity: the range is written backwards (min 220 > max 200)." in english
    assert (
        "line 24, plans[0].budget: the budget is 1.000.000 đ but its lines add up to 500.000 đ: "
        "a difference of 500.000 đ." in english
    )
    assert "dòng 15, people[0].unit: không có đơn vị “phong-khong-co”." in vietnamese


def test_field_errors_are_all_listed_before_the_cross_checks():
    text = BAD_PACK.replace("  email: thu@example.org\n", "  email: thu@example.org\n  hostname: thu.example\n")
    text = text.replace("year: 2026", "year: hai-nghin").replace("roles: [contributor]", "roles: [tong-bien-tap]")
    english = [problem.in_language("en") for problem in _problems(text)]
    assert any(line.startswith("line 22, plans[0].year: write a whole number here.") for line in english)
    assert any(line.startswith("line 16, people[0].roles[0]: choose one of:") for line in english)


def test_yaml_that_does_not_parse_names_its_line():
    english = [problem.in_language("en") for problem in _problems("format: 1\nagency: [unclosed\n")]
    assert len(english) == 1 and english[0].startswith("line 3, YAML: not valid YAML")


def test_an_unknown_page_type_is_refused():
    text = BAD_PACK.replace(
        '{slug: con, title: {vi: "Con"}, parent: khong-co-cha}', '{slug: con, title: {vi: "Con"}, kind: news.Khong}'
    )
    english = [problem.in_language("en") for problem in _problems(text)]
    assert "line 19, categories[2].kind: “news.Khong” is not a page type of the portal." in english


def test_a_page_type_that_cannot_go_under_its_parent_is_refused():
    # Wagtail's own tree rules: a question list cannot sit inside a photo album list.
    text = BAD_PACK.replace(
        '  - {slug: tin-tuc, title: {vi: "Tin tức 2"}}\n  - {slug: con, title: {vi: "Con"}, parent: khong-co-cha}\n',
        '  - {slug: anh, title: {vi: "Ảnh"}, kind: albums.AlbumIndexPage}\n'
        '  - {slug: hoi-dap, title: {vi: "Hỏi đáp"}, parent: anh, kind: qa.QuestionIndexPage}\n',
    )
    english = [problem.in_language("en") for problem in _problems(text)]
    assert (
        "line 19, categories[2].kind: a page of type “qa.QuestionIndexPage” cannot be placed under a page of type "
        "“albums.AlbumIndexPage”." in english
    )
    vietnamese = [problem.in_language("vi") for problem in _problems(text)]
    assert any("không thể đặt dưới" in line for line in vietnamese)
