"""An amount in Vietnamese words, as an accountant writes it on a payment sheet.

num2words' Vietnamese drops the empty hundreds that accounting writes out: it gives
"một triệu năm nghìn" for 1.005.000 where a payment sheet says "Một triệu không trăm linh năm
nghìn đồng", and "hai nghìn lẻ mười" for 2.010 ("hai nghìn không trăm mười"). So the rule is here:
every group of three digits after the first is read in full (không trăm, linh), groups of zeros
are skipped, and the scales repeat past a billion (nghìn tỷ, triệu tỷ).
"""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu"]  # then tỷ, which starts the cycle again


def _three_digits(number: int, *, full: bool) -> list[str]:
    """0-999; `full` reads the hundreds even when they are zero (not the leading group)."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words += ["linh", DIGITS[units]]
        elif units:
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    groups = [number // 1_000_000, number // 1000 % 1000, number % 1000]
    words: list[str] = []
    for position, group in enumerate(groups):
        if group == 0:
            continue
        words += _three_digits(group, full=full or bool(words))
        scale = SCALES[2 - position]
        if scale:
            words.append(scale)
    return words


def _number_words(number: int, *, full: bool = False) -> list[str]:
    billions, rest = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _number_words(billions, full=full) + ["tỷ"]
    if rest:
        words += _below_billion(rest, full=full or bool(words))
    return words


def number_in_words(number: int) -> str:
    """1005000 -> "một triệu không trăm linh năm nghìn" (lower case, no unit)."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return DIGITS[0]
    return " ".join(_number_words(number))


def amount_in_words(amount: int) -> str:
    """The total line of a payment sheet: 26300000 -> "Hai mươi sáu triệu ba trăm nghìn đồng"."""
    words = f"{number_in_words(int(amount))} đồng"
    return words[0].upper() + words[1:]
