"""The HTML -> blocks step on its own (no database): sanitising, tables with merged cells."""

from bs4 import BeautifulSoup

from portal.wordimport.convert import sanitise, split, table_value


def test_sanitise_keeps_only_what_the_rich_text_features_allow():
    html = (
        '<h1 style="color:red">Đề mục</h1><p class="MsoNormal" style="font-family:Arial">'
        '<span style="color:#c00000">Đỏ</span> <strong>đậm</strong> <em>nghiêng</em> <u>gạch</u> '
        '<a href="javascript:alert(1)">xấu</a> <a href="#_Toc1">mục lục</a> '
        '<a href="https://songoaivu.thuathienhue.gov.vn/">Sở</a><script>alert(1)</script></p><p> </p>'
    )
    assert sanitise(html) == (
        "Đề mục<p>Đỏ <b>đậm</b> <i>nghiêng</i> gạch xấu mục lục "
        '<a href="https://songoaivu.thuathienhue.gov.vn/">Sở</a></p>'
    )


def test_headings_map_to_the_allowed_levels_and_images_take_their_captions():
    converted = split(
        "<h1>Tiêu đề</h1><p>Sapo.</p><h1>Phần một</h1><h5>Chi tiết</h5>"
        '<p><img src="wordimport:0" /></p><p class="caption">Chú thích</p>'
        '<p><img src="wordimport:1" /></p><p>Đoạn thường, không phải chú thích.</p>'
    )
    assert (converted.title, converted.lead) == ("Tiêu đề", "Sapo.")
    kinds = [(kind, getattr(value, "caption", value)) for kind, value in converted.blocks]
    assert kinds == [
        ("paragraph", "<h2>Phần một</h2><h4>Chi tiết</h4>"),
        ("image", "Chú thích"),
        ("image", ""),
        ("paragraph", "<p>Đoạn thường, không phải chú thích.</p>"),
    ]


def test_table_with_merged_cells_stays_rectangular():
    table = BeautifulSoup(
        "<table><thead><tr><th>STT</th><th colspan='2'>Nội dung</th></tr></thead>"
        "<tr><td rowspan='2'>1</td><td><p>Đoàn vào</p><p>(2 lượt)</p></td><td>Hàn Quốc</td></tr>"
        "<tr><td>Đoàn ra</td><td>Nhật Bản</td></tr></table>",
        "html.parser",
    ).table
    value = table_value(table)
    assert value["data"] == [
        ["STT", "Nội dung", ""],
        ["1", "Đoàn vào\n(2 lượt)", "Hàn Quốc"],
        ["", "Đoàn ra", "Nhật Bản"],
    ]
    assert value["first_row_is_table_header"] is True
    assert value["mergedCells"] == [
        {"row": 0, "col": 1, "rowspan": 1, "colspan": 2},
        {"row": 1, "col": 0, "rowspan": 2, "colspan": 1},
    ]


def test_a_long_first_paragraph_is_shortened_for_the_lead_and_kept_in_the_body():
    long = "Một câu dài. " * 100
    converted = split(f"<h1>Tiêu đề</h1><p>{long.strip()}</p>")
    assert len(converted.lead) <= 800 and converted.lead.endswith("…")
    assert converted.blocks == [("paragraph", f"<p>{long.strip()}</p>")]
