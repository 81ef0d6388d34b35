"""Period codes, cut-off windows (14th/15th rule), names in words, navigation."""

from datetime import date

import pytest

from desktop.core import periods as P
from desktop.core.errors import UserError


@pytest.mark.parametrize(
    ("code", "first", "last", "name"),
    [
        ("2025-M11", date(2025, 10, 15), date(2025, 11, 14), "tháng 11 năm 2025"),
        ("2025-M01", date(2024, 12, 15), date(2025, 1, 14), "tháng 1 năm 2025"),
        ("2025-Q3", date(2025, 6, 15), date(2025, 9, 14), "quý III/2025"),
        ("2025-Q1", date(2024, 12, 15), date(2025, 3, 14), "quý I/2025"),
        ("2025-Q4", date(2025, 9, 15), date(2025, 12, 14), "quý IV/2025"),
        ("2025-H1", date(2024, 12, 15), date(2025, 6, 14), "6 tháng đầu năm 2025"),
        ("2025-H2", date(2025, 6, 15), date(2025, 12, 14), "6 tháng cuối năm 2025"),
        ("2025-9M", date(2024, 12, 15), date(2025, 9, 14), "9 tháng năm 2025"),
        ("2025", date(2024, 12, 15), date(2025, 12, 14), "năm 2025"),
        ("2025-07-01..2025-11-17", date(2025, 7, 1), date(2025, 11, 17), "từ ngày 01/7/2025 đến ngày 17/11/2025"),
    ],
)
def test_every_kind_has_its_window_and_name(code, first, last, name):
    period = P.parse(code)
    assert period.window == (first, last)
    assert period.name == name
    assert period.code == code
    assert P.parse(period.code) == period
    assert period.contains(first) and period.contains(last)


def test_lenient_parsing_and_window_text():
    assert P.parse(" 2025-m3 ").code == "2025-M03"
    assert P.parse("2025-q3").window_text == "Số liệu từ ngày 15/06/2025 đến ngày 14/09/2025"


@pytest.mark.parametrize("code", ["", "2025-Q5", "2025-M13", "2025-H3", "25-Q1", "quý 3", "2025-02-30..2025-03-01",
                                  "2025-11-17..2025-07-01", "1990"])
def test_bad_codes_are_refused_in_vietnamese(code):
    with pytest.raises(UserError):
        P.parse(code)


def test_previous_period():
    assert P.parse("2025-M01").previous().code == "2024-M12"
    assert P.parse("2025-Q1").previous().code == "2024-Q4"
    assert P.parse("2025-Q3").previous().code == "2025-Q2"
    assert P.parse("2025-H1").previous().code == "2024-H2"
    assert P.parse("2025").previous().code == "2024"
    assert P.parse("2025-9M").previous().code == "2024-9M"
    assert P.parse("2025-07-11..2025-07-20").previous().code == "2025-07-01..2025-07-10"


def test_current_period_follows_the_cut_off():
    assert P.current(P.MONTH, date(2025, 11, 14)).code == "2025-M11"
    assert P.current(P.MONTH, date(2025, 11, 15)).code == "2025-M12"
    assert P.current(P.MONTH, date(2025, 12, 20)).code == "2026-M01"
    assert P.current(P.QUARTER, date(2025, 9, 14)).code == "2025-Q3"
    assert P.current(P.QUARTER, date(2025, 9, 15)).code == "2025-Q4"
    assert P.current(P.YEAR, date(2025, 12, 15)).code == "2026"
    assert P.parse("2025-07-01..2025-11-17").year_for_targets == 2025
