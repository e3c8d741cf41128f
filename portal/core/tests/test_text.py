import pytest

from portal.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ngoại vụ", "ngoai vu"),
        ("Hà Nội", "ha noi"),
        ("Đà Nẵng", "da nang"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("NGHỆ AN", "nghe an"),  # a letter with two diacritics
        ("Hội nghị ASEAN 2026", "hoi nghi asean 2026"),
    ],
)
def test_fold_strips_vietnamese_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_fold_handles_decomposed_input_and_other_scripts():
    decomposed = "Ngoa\u0323i vu\u0323"  # the same letters typed with combining marks
    assert fold(decomposed) == "ngoai vu"
    assert fold("東京 Tokyo") == "東京 tokyo"
