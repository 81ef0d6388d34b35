"""Vietnamese numbers, dates, text normalisation, search folding and collation."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from desktop.core import vn


@pytest.mark.parametrize(
    ("value", "expected"),
    [(11962, "11.962"), (820000000, "820.000.000"), (0, "0"), (999, "999"), (1000, "1.000"), (-1234, "-1.234"),
     (Decimal("1234.5"), "1.234,5"), (Decimal("1234.50"), "1.234,5"), (3.0, "3")],
)
def test_format_number(value, expected):
    assert vn.format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal(9765) * 100 / Decimal(11962), "81,6%"), (100, "100%"), (0, "0%"), (Decimal("98.3"), "98,3%"),
     (Decimal("0.8"), "0,8%"), (Decimal("99.96"), "100%")],
)
def test_format_percent(value, expected):
    assert vn.format_percent(value) == expected


def test_format_ratio_and_money():
    assert vn.format_ratio(16, 16) == "16/16, tỷ lệ 100%"
    assert vn.format_ratio(0, 0) == "0/0, tỷ lệ 0%"
    assert vn.format_ratio(9765, 11962) == "9.765/11.962, tỷ lệ 81,6%"
    assert vn.format_money(820_000_000, "đồng") == "820.000.000 đồng"
    assert vn.format_count(3) == "03"
    assert vn.format_count(12) == "12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234", Decimal(1234)), ("1.234,5", Decimal("1234.5")), ("81,6 %", Decimal("81.6")), ("81,6%", Decimal("81.6")),
     ("1,5", Decimal("1.5")), ("1.5", Decimal("1.5")), ("0.123", Decimal("0.123")), ("1.234.567", Decimal(1234567)),
     ("1,234,567", Decimal(1234567)), ("1,234.5", Decimal("1234.5")), ("820.000.000 đ", Decimal(820000000)),
     ("820.000.000 đồng", Decimal(820000000)), ("  12 ", Decimal(12)), ("-5", Decimal(-5)), ("", None),
     ("\u00a01\u00a0234", Decimal(1234))],
)
def test_parse_number(text, expected):
    assert vn.parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1.23.4", "12,34,5", "1..2", ",5", "1.234,5.6"])
def test_parse_number_refuses_with_vietnamese_message(text):
    with pytest.raises(vn.ParseError) as info:
        vn.parse_number(text)
    assert "không" in str(info.value) or "không đúng" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("05/03/2025", date(2025, 3, 5)), ("5/3/2025", date(2025, 3, 5)), ("05-03-2025", date(2025, 3, 5)),
     ("05.03.2025", date(2025, 3, 5)), ("5/3/25", date(2025, 3, 5)), ("2025-03-05", date(2025, 3, 5)),
     ("ngày 5 tháng 3 năm 2025", date(2025, 3, 5)), ("Ngày 05 tháng 03 năm 2025", date(2025, 3, 5)), ("", None)],
)
def test_parse_date(text, expected):
    assert vn.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2025", "hôm qua", "5/13/2025", "1/1/202"])
def test_parse_date_refuses(text):
    with pytest.raises(vn.ParseError):
        vn.parse_date(text)


def test_date_formats_follow_nd30():
    assert vn.format_date(date(2025, 3, 5)) == "05/03/2025"
    assert vn.format_date_short(date(2025, 9, 17)) == "17/9/2025"
    assert vn.date_line(date(2025, 11, 5), "An Hải") == "An Hải, ngày 05 tháng 11 năm 2025"
    assert vn.date_line(date(2025, 2, 14), "An Hải") == "An Hải, ngày 14 tháng 02 năm 2025"
    assert vn.date_line(None, "An Hải", month=11, year=2025) == "An Hải, ngày     tháng 11 năm 2025"


def test_text_is_stored_nfc_and_tidied():
    decomposed = unicodedata.normalize("NFD", "Phường  An Hải\u200b")
    assert decomposed != "Phường  An Hải"
    assert vn.clean_line(decomposed) == "Phường An Hải"
    assert unicodedata.is_normalized("NFC", vn.clean_line(decomposed))
    assert vn.clean_text("  dòng 1  \r\n\r\ndòng\u00a0 2 \n\n") == "dòng 1\n\ndòng 2"


def test_accent_insensitive_matching():
    assert vn.fold("Chuyển Đổi số") == "chuyen doi so"
    assert vn.matches("chuyen doi so", "Thúc đẩy chuyển đổi số quốc gia")
    assert vn.matches("đổi số", "thuc day chuyen doi so")
    assert vn.matches("d", "Đảng ủy")
    assert vn.matches("CHUYEN", unicodedata.normalize("NFD", "chuyển đổi"))
    assert not vn.matches("chuyen doi so", "chuyển giao công nghệ")
    assert vn.matches("", "bất kỳ")


def test_vietnamese_sort_order():
    words = ["Đức", "Dũng", "Anh", "Ân", "Ăn", "Bình", "Ơn", "Ông", "Ô", "O", "Ưng", "Uyên", "Yến", "Xuân"]
    assert sorted(words, key=vn.sort_key) == [
        "Anh", "Ăn", "Ân", "Bình", "Dũng", "Đức", "O", "Ô", "Ông", "Ơn", "Uyên", "Ưng", "Xuân", "Yến"]
    # tones: ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["má", "mạ", "mả", "ma", "mã", "mà"], key=vn.sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Đức", "Phạm Dũng"]
    assert sorted(names, key=vn.person_sort_key) == ["Trần Thị An", "Nguyễn Văn Bình", "Phạm Dũng", "Lê Đức"]


# --- the fast table-driven fold and sort_key against plain reference implementations ---------

def _reference_fold(text):
    decomposed = unicodedata.normalize("NFD", text.translate(vn._INVISIBLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return vn._SPACES.sub(" ", stripped.casefold()).strip()


def _reference_sort_key(text):
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text).casefold():
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in vn._LETTER_MARKS))
        rank = vn._LETTER_RANK.get(letter)
        if rank is not None:
            letters.append((1, rank))
        elif letter.isdigit():
            letters.append((0, letter))
        elif letter.isspace():
            letters.append((-1, " "))
        else:
            letters.append((2, letter))
        tones.append(next((vn._TONE_RANK[m] for m in marks if m in vn._TONE_RANK), 0))
    return (tuple(letters), tuple(tones), text)


def test_fold_equals_reference_on_random_text():
    import random

    chars = ("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạ ấầẩẫậ ắằẳẵặ éèẻẽẹ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ úùủũụ "
             "ứừửữự ýỳỷỹỵ ÁÀẢÃẠ ỨỪ \t\u00a0\u200b\u3000\n\r-.,;()“”0123456789ßİﬁ\u0301\u0300")
    rnd = random.Random(11)
    for _ in range(3000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 40)))
        for form in (text, unicodedata.normalize("NFD", text)):
            assert vn.fold(form) == _reference_fold(form), repr(form)


def test_sort_key_equals_reference_order():
    import random

    words = ["Đào", "dao", "Dao", "an", "ăn", "Ánh", "anh", "ảnh", "ân", "10", "2", "", "b", "Ư", "u", "(x)", "a b", "ab"]
    rnd = random.Random(5)
    phrases = [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(300)]
    for sample in (words, phrases):
        assert sorted(sample, key=vn.sort_key) == sorted(sample, key=_reference_sort_key)
    assert sorted(["Văn phòng", "Công an", "Đoàn thanh niên", "Dân vận"], key=vn.sort_key) == [
        "Công an", "Dân vận", "Đoàn thanh niên", "Văn phòng"]
