"""Totals in words as a Vietnamese accountant writes them on a payment sheet."""

import pytest

from portal.royalties.words import amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (21_000_000, "Hai mươi mốt triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (26_300_000, "Hai mươi sáu triệu ba trăm nghìn đồng"),
        (150_000, "Một trăm năm mươi nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (2_010, "Hai nghìn không trăm mười đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
        (2_000_050, "Hai triệu không trăm năm mươi đồng"),
        (1_234_567_891, "Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng"),
        (101_000, "Một trăm linh một nghìn đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


def test_a_negative_correction_is_read_as_such():
    assert amount_in_words(-50_000) == "Âm năm mươi nghìn đồng"
