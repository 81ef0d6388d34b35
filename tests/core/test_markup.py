"""The light markup of section text (desktop.core.markup)."""

from __future__ import annotations

import unicodedata

from desktop.core import markup as m
from desktop.core.document import Run


def runs(text: str, **base) -> list[tuple[str, bool, bool]]:
    return [(r.text, r.bold, r.italic) for r in m.parse_inline(text, **base)]


def test_split_lines_kinds():
    text = ("Đoạn một\r\n\n  - gạch đầu dòng  \n+ dấu cộng\n-\n[[ Nhiệm vụ theo giai đoạn ]]\n"
            "-không phải gạch\n+84 số điện thoại")
    assert [(line.kind, line.text) for line in m.split_lines(text)] == [
        (m.PARAGRAPH, "Đoạn một"),
        (m.DASH, "- gạch đầu dòng"),
        (m.PLUS, "+ dấu cộng"),
        (m.DASH, "-"),
        (m.BLOCK_LINE, "Nhiệm vụ theo giai đoạn"),
        (m.PARAGRAPH, "-không phải gạch"),
        (m.PARAGRAPH, "+84 số điện thoại"),
    ]
    assert m.split_lines("") == [] and m.split_lines(None) == []


def test_block_lines():
    assert m.blocks("[[Danh sách nhiệm vụ: quá hạn]]\ntext [[not a block]]\n  [[Bảng chỉ tiêu: OPS.DOSSIER]]  ") == [
        "Danh sách nhiệm vụ: quá hạn", "Bảng chỉ tiêu: OPS.DOSSIER"]
    # two blocks on one line are not one block named "A]] và [[B"
    assert [line.kind for line in m.split_lines("[[A]] và [[B]]")] == [m.PARAGRAPH]
    assert m.blocks("[[]]\n[[ ]]") == []


def test_split_lines_normalises_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Kết quả thực hiện")
    assert m.split_lines(decomposed)[0].text == "Kết quả thực hiện"


def test_bold_italic_and_escapes():
    assert runs("a *b* c **d** ***e*** \\*f\\*") == [
        ("a ", False, False), ("b", False, True), (" c ", False, False), ("d", True, False), (" ", False, False),
        ("e", True, True), (" *f*", False, False)]
    assert runs("**Nguyên nhân:** *khách quan*") == [
        ("Nguyên nhân:", True, False), (" ", False, False), ("khách quan", False, True)]
    assert runs("a*b*c") == [("a", False, False), ("b", False, True), ("c", False, False)]


def test_nested_marks_share_stars():
    assert runs("**Tổng số: *12***") == [("Tổng số: ", True, False), ("12", True, True)]
    assert runs("*Ghi chú: **quan trọng***") == [("Ghi chú: ", False, True), ("quan trọng", True, True)]
    assert runs("***a* b**") == [("a", True, True), (" b", True, False)]
    assert runs("***a** b*") == [("a", True, True), (" b", False, True)]
    assert runs("**a *b* c**") == [("a ", True, False), ("b", True, True), (" c", True, False)]


def test_unpaired_and_crossing_marks_print_as_typed():
    for text in ("2 * 3 = 6", "**mở không đóng", "x ** y", "****", "*a **b* c**", "giá 5*"):
        assert runs(text) == [(text, False, False)], text
    assert runs("***a* b") == [("**", False, False), ("a", False, True), (" b", False, False)]


def test_base_style_is_toggled():
    assert runs("**x** y", bold=True) == [("x", False, False), (" y", True, False)]
    assert runs("y", italic=True) == [("y", False, True)]
    assert m.parse_inline("") == ()


def test_runs_are_merged():
    assert m.parse_inline("a\\*b") == (Run("a*b", False, False),)


def test_fields():
    text = ("Tiếp nhận {{ OPS.DOSSIER.RECEIVED }} hồ sơ, {{OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED}}; "
            "{{OPS.DOSSIER.RECEIVED}} {{kỳ báo cáo}}")
    assert m.fields(text) == ["OPS.DOSSIER.RECEIVED", "OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED", "kỳ báo cáo"]
    assert m.fields("{{}} {{ {{x}} }}") == ["x"]
    assert m.fields("") == [] and m.fields(None) == []


def test_escape_makes_values_literal():
    value = "a*b {{OPS.X}} [[Khối]] c\\d"
    escaped = m.escape(value)
    assert m.fields(escaped) == []
    assert m.plain(escaped) == value
    assert [line.kind for line in m.split_lines(m.escape("[[Khối]]"))] == [m.PARAGRAPH]
    assert m.plain(m.escape("**không đậm**")) == "**không đậm**"


def test_plain():
    assert m.plain("**Đậm** và *nghiêng*") == "Đậm và nghiêng"
