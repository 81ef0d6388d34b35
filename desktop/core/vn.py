"""Vietnamese text, number and date helpers — the one place for them.

Numbers are written `11.962`, `81,6%`, `820.000.000`; dates `05/03/2025`.
All text entering the program goes through `clean_text`/`clean_line` (NFC: reportlab and
Qt both misplace accents on decomposed text pasted from Word or PDFs).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# --------------------------------------------------------------------------- text

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_line(text: str | None) -> str:
    """One-line field: NFC, invisible characters removed, runs of spaces folded, trimmed."""
    if not text:
        return ""
    text = nfc(text).translate(_INVISIBLE)
    text = text.replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str | None) -> str:
    """Multi-line field: NFC, unified line ends, trailing spaces removed, outer blank lines trimmed."""
    if not text:
        return ""
    text = nfc(text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = [_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()


def search_tokens(query: str | None) -> list[str]:
    return [token for token in fold(query).split(" ") if token]


def matches(query: str | None, *texts: str | None) -> bool:
    """Every word of the query appears (accent-insensitively) somewhere in the texts."""
    tokens = search_tokens(query)
    if not tokens:
        return True
    haystack = " ".join(fold(t) for t in texts if t)
    return all(token in haystack for token in tokens)


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn


class _PrimaryWeights(dict):
    """str.translate table: a character -> one character ordered as its Vietnamese base letter."""

    def __missing__(self, code: int) -> str:
        parts = unicodedata.normalize("NFD", chr(code))
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            value = chr(0x300 + rank)
        elif letter.isdigit() and len(letter) == 1:
            value = chr(0x100 + ord(letter) % 0x100)
        elif letter.isspace():
            value = "\x01"
        else:
            value = chr(0x1000 + min(ord(letter[0]), 0xEFFFF))
        self[code] = value
        return value


class _ToneWeights(dict):
    def __missing__(self, code: int) -> str:
        marks = unicodedata.normalize("NFD", chr(code))[1:]
        value = str(next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0))
        self[code] = value
        return value


_PRIMARY, _TONES = _PrimaryWeights(), _ToneWeights()


class _FoldTable(dict):
    """str.translate table: a character -> its accent- and case-free form (as vn.fold)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if code in _INVISIBLE:
            value = None
        elif _SPACES.fullmatch(char):
            value = " "
        else:
            decomposed = unicodedata.normalize("NFD", char)
            value = "".join(c for c in decomposed if not unicodedata.combining(c))
            value = value.replace("đ", "d").replace("Đ", "D").casefold()
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(text: str | None) -> str:
    """Accent- and case-insensitive form: "Chuyển Đổi số" -> "chuyen doi so".

    A cached per-character translate table: loading 10,000 tasks folds every title, detail
    and name once, so this must be fast on an old PC."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):
        text = nfc(text)
    return _SPACES.sub(" ", text.translate(_FOLD)).strip()


def sort_key(text: str | None) -> tuple[str, str, str]:
    """Pure-Python Vietnamese collation key: letters first (a ă â b c d đ e ê …), tones second
    (ngang, huyền, hỏi, ngã, sắc, nặng), case last — as three flat strings, cheap to build and
    compare when sorting 10,000 rows."""
    if not text:
        return ("", "", "")
    folded = nfc(text).casefold()
    return (folded.translate(_PRIMARY), folded.translate(_TONES), text)



def person_sort_key(full_name: str | None) -> tuple:
    """Vietnamese people are listed by given name (last word), then the rest."""
    words = clean_line(full_name).split(" ")
    return (sort_key(words[-1]), sort_key(" ".join(words[:-1])))


# ------------------------------------------------------------------------- numbers


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """11962 -> "11.962"; 81.63 with decimals=1 -> "81,6"; trailing decimal zeros dropped when
    decimals is None ("1.234,5")."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    else:
        number = number.normalize() if number != number.to_integral() else number.to_integral()
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    integer, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    result = sign + _group_thousands(integer)
    return f"{result},{fraction}" if fraction else result


def format_percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    """81.63 -> "81,6%"; 100 -> "100%"; 0 -> "0%" (no trailing ",0")."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def percent(part: int | float | Decimal, whole: int | float | Decimal) -> Decimal | None:
    """part/whole as a percentage, or None when whole is 0."""
    if not whole:
        return None
    return Decimal(str(part)) * 100 / Decimal(str(whole))


def format_ratio(part: int, whole: int) -> str:
    """"16/16, tỷ lệ 100%" as the reports write it."""
    share = percent(part, whole)
    return f"{format_number(part)}/{format_number(whole)}, tỷ lệ {format_percent(share if share is not None else 0)}"


def format_money(value: int | float | Decimal | None, unit: str = "") -> str:
    """820000000 -> "820.000.000" (with unit " đồng" if asked)."""
    if value is None:
        return ""
    return format_number(value, 0) + (f" {unit}" if unit else "")


def format_count(value: int, width: int = 2) -> str:
    """Counts written in reports with a leading zero below 10: 3 -> "03"."""
    return str(value).zfill(width) if 0 <= value < 10 else format_number(value)


_NUMBER_NOISE = re.compile(r"(?i)\s|%|đồng|đ|vnđ|vnd")


class ParseError(ValueError):
    """Input the user typed that cannot be read; the message is Vietnamese and shown as is."""


def parse_number(text: str | None) -> Decimal | None:
    """Read a number typed the Vietnamese way (and the usual other ways).

    "1.234" -> 1234; "1.234,5" -> 1234.5; "81,6 %" -> 81.6; "1,5" -> 1.5; "1.5" -> 1.5;
    "1,234,567" -> 1234567; "1.234.567" -> 1234567; "" -> None.
    """
    if text is None:
        return None
    raw = clean_line(text)
    body = _NUMBER_NOISE.sub("", raw)
    if not body:
        return None
    sign = ""
    if body[0] in "+-\u2212":
        sign = "-" if body[0] != "+" else ""
        body = body[1:]
    if not body or not re.fullmatch(r"[0-9.,]+", body) or not body[0].isdigit():
        raise ParseError(f"«{raw}» không phải là số hợp lệ.")
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        decimal_sep = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        integer, _, fraction = body.rpartition(decimal_sep)
        if thousands in fraction or decimal_sep in integer:
            raise ParseError(f"«{raw}» không phải là số hợp lệ.")
        _check_groups(integer.split(thousands), raw)
        normal = integer.replace(thousands, "") + "." + fraction
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        parts = body.split(sep)
        if len(parts) > 2:
            _check_groups(parts, raw)
            normal = "".join(parts)
        elif sep == "." and len(parts[1]) == 3 and parts[0] != "0":
            normal = "".join(parts)  # "1.234" is one thousand two hundred thirty-four
        else:
            normal = parts[0] + "." + parts[1]
    else:
        normal = body
    try:
        return Decimal(sign + normal)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex above
        raise ParseError(f"«{raw}» không phải là số hợp lệ.") from exc


def _check_groups(groups: list[str], raw: str) -> None:
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise ParseError(f"«{raw}»: dấu phân cách hàng nghìn không đúng chỗ.")


# --------------------------------------------------------------------------- dates


def format_date(value: date | None) -> str:
    """05/03/2025."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_date_short(value: date | None) -> str:
    """05/3/2025, as running text in the documents writes it."""
    return f"{value.day:02d}/{value.month}/{value.year}" if value else ""


def date_line(value: date | None, place: str = "", month: int | None = None, year: int | None = None) -> str:
    """The formal date line: "An Hải, ngày 05 tháng 11 năm 2025".

    Days below 10 and months 1 and 2 get a leading zero (ND30). With no date the day is left
    blank for the clerk: "ngày     tháng 11 năm 2025".
    """
    prefix = f"{place}, " if place else ""
    if value is None:
        month_text = _month_text(month) if month else "     "
        year_text = str(year) if year else "      "
        return f"{prefix}ngày     tháng {month_text} năm {year_text}"
    return f"{prefix}ngày {value.day:02d} tháng {_month_text(value.month)} năm {value.year}"


def _month_text(month: int) -> str:
    return f"{month:02d}" if month in (1, 2) else str(month)


_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{2,4})", re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})")


def parse_date(text: str | None) -> date | None:
    """Read a date typed in any common Vietnamese way.

    "5/3/2025", "05-03-2025", "05.03.2025", "5/3/25", "2025-03-05",
    "ngày 5 tháng 3 năm 2025" -> date(2025, 3, 5); "" -> None.
    """
    if text is None:
        return None
    raw = clean_line(text)
    if not raw:
        return None
    match = _DATE_WORDS.search(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _DATE_NUMERIC.fullmatch(raw)
        if not match:
            raise ParseError(f"«{raw}» không phải là ngày hợp lệ (nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2025).")
        first, second, third = match.groups()
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        else:
            day, month, year = int(first), int(second), int(third)
            if len(third) == 2:
                year += 2000
            elif len(third) != 4:
                raise ParseError(f"«{raw}»: năm phải có 4 chữ số.")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ParseError(f"«{raw}»: không có ngày này trong lịch.") from exc


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when cut (for one-line lists)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
