"""The shared XLSX engine: typed cells, formats, fonts, borders, print setup, atomic save."""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop.core.errors import UserError
from desktop.export import workbook as W

OFFICE = ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
COLUMNS = (W.Column("TT", 6, "center"), W.Column("Nội dung", 40), W.Column("Số", 14), W.Column("Ngày", 14))


def assert_table_borders(ws, first_row, last_row, last_column):
    """Every visible edge of the table is thin: each cell's own edges, or for a merged range the
    edges on its outline (the inside of a merge is not drawn)."""
    for r in range(first_row, last_row + 1):
        for c in range(1, last_column + 1):
            merged = next((m for m in ws.merged_cells.ranges if m.min_row <= r <= m.max_row
                           and m.min_col <= c <= m.max_col), None)
            left, right, top, bottom = (c, c, r, r) if merged is None else (
                merged.min_col, merged.max_col, merged.min_row, merged.max_row)
            border = ws.cell(r, c).border
            sides = {"top": r == top, "bottom": r == bottom, "left": c == left, "right": c == right}
            for name, on_outline in sides.items():
                if on_outline:
                    assert getattr(border, name).style == "thin", (r, c, name)


def _book(tmp_path, rows=(), name="bang.xlsx"):
    book = W.ExportBook()
    sheet = book.add_sheet("Bảng thử", COLUMNS, office_lines=OFFICE, title="TIÊU ĐỀ BẢNG THỬ",
                           subtitles=["Kỳ báo cáo: quý III/2025"])
    sheet.group("I", "Chỉ tiêu về thực hiện thủ tục hành chính")
    for row in rows:
        sheet.row(row)
    path = book.save(tmp_path / name)
    return path, sheet


def test_numbers_and_dates_are_typed_with_vietnamese_formats(tmp_path):
    path, sheet = _book(tmp_path, [
        [1, "Số hồ sơ", 11962, date(2025, 9, 30)],
        [2, "Tỷ lệ", Decimal("81.6"), None],
        [3, "Ngân sách", Decimal("820000000"), None],
        [4, "Nhỏ", 7, None],
        [5, "Số thực", 2.25, None],
    ])
    ws = load_workbook(path).active
    first = sheet.header_row + 2
    count = ws.cell(first, 3)
    assert count.value == 11962 and isinstance(count.value, int) and count.data_type == "n"
    assert count.number_format == W.WHOLE_FORMAT
    assert r"#\.##0" in count.number_format  # '.' thousands as literals, independent of the region
    assert ws.cell(first, 4).value.date() == date(2025, 9, 30)
    assert ws.cell(first, 4).number_format == "dd/mm/yyyy"
    ratio = ws.cell(first + 1, 3)
    assert isinstance(ratio.value, float) and ratio.value == pytest.approx(81.6)
    assert ratio.number_format == "#,##0.0"
    money = ws.cell(first + 2, 3)
    assert money.value == 820000000 and isinstance(money.value, int)
    assert ws.cell(first + 4, 3).number_format == "#,##0.00"
    assert ws.cell(first, 1).value == 1 and isinstance(ws.cell(first, 1).value, int)


def test_decimals_can_be_fixed_per_column(tmp_path):
    book = W.ExportBook()
    sheet = book.add_sheet("x", COLUMNS, office_lines=OFFICE, title="T")
    sheet.row([1, "a", Decimal("80"), None], decimals=[None, None, 1, None])
    sheet.row([2, "b", Decimal("80.00"), None], decimals=[None, None, 0, None])
    ws = load_workbook(book.save(tmp_path / "d.xlsx")).active
    assert ws.cell(sheet.header_row + 1, 3).number_format == "#,##0.0"
    assert ws.cell(sheet.header_row + 2, 3).value == 80
    assert ws.cell(sheet.header_row + 2, 3).number_format == W.WHOLE_FORMAT


def test_formula_like_text_stays_text(tmp_path):
    path, sheet = _book(tmp_path, [[i, text, text, text] for i, text in enumerate(INJECTIONS, start=1)])
    ws = load_workbook(path).active
    for offset, text in enumerate(INJECTIONS):
        for column in (2, 3, 4):
            cell = ws.cell(sheet.header_row + 2 + offset, column)
            assert cell.value == text.replace("\r", "\n")  # XML reads a bare CR back as LF
            assert isinstance(cell.value, str)
            assert cell.data_type == "s"
    with open(path, "rb") as handle:
        import zipfile

        with zipfile.ZipFile(handle) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the sheet
    assert ws.cell(sheet.header_row + 2, 2).quotePrefix


def test_fonts_borders_merges_and_header_block(tmp_path):
    path, sheet = _book(tmp_path, [[1, "Nội dung dài " * 12, 5, None]])
    ws = load_workbook(path).active
    assert ws["A1"].value == "ỦY BAN NHÂN DÂN" and ws["A2"].value == "PHƯỜNG AN HẢI"
    assert ws["A1"].font.bold
    title = next(r for r in range(1, 8) if ws.cell(r, 1).value == "TIÊU ĐỀ BẢNG THỬ")
    assert ws.cell(title, 1).font.size == 13 and ws.cell(title, 1).font.bold
    assert f"A{title}:D{title}" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.cell(title + 1, 1).value == "Kỳ báo cáo: quý III/2025"
    header = sheet.header_row
    assert [ws.cell(header, c).value for c in range(1, 5)] == ["TT", "Nội dung", "Số", "Ngày"]
    for c in range(1, 5):
        cell = ws.cell(header, c)
        assert cell.font.name == "Times New Roman" and cell.font.bold and cell.font.size == 12
        assert cell.alignment.horizontal == "center" and cell.alignment.wrap_text
    group = header + 1
    assert ws.cell(group, 1).value == "I" and ws.cell(group, 2).font.bold
    assert f"B{group}:D{group}" in {str(m) for m in ws.merged_cells.ranges}
    assert_table_borders(ws, header, sheet.row_number, 4)
    body = ws.cell(header + 2, 2)
    assert body.alignment.wrap_text and body.font.name == "Times New Roman"
    assert ws.row_dimensions[header + 2].height > 20  # the long text gets a taller row
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.column_dimensions["B"].width == 40


def test_print_setup_a4_landscape_fit_to_width(tmp_path):
    path, sheet = _book(tmp_path, [[1, "a", 1, None]])
    ws = load_workbook(path).active
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == f"${sheet.header_row}:${sheet.header_row}"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_vietnamese_text_round_trips_as_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Phường Đồng Hòa – chuyển đổi số")
    path, sheet = _book(tmp_path, [[1, decomposed, None, None]])
    value = load_workbook(path).active.cell(sheet.header_row + 2, 2).value
    assert value == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", value)


def test_save_is_atomic_and_replaces(tmp_path):
    path, _ = _book(tmp_path, [[1, "cũ", 1, None]])
    before = path.stat().st_ino
    path, _ = _book(tmp_path, [[1, "mới", 2, None]])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang.xlsx"]  # no temporary file left
    assert path.stat().st_ino != before  # a new file was renamed over the old one
    assert load_workbook(path).active.cell(_.header_row + 2, 2).value == "mới"


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path, _ = _book(tmp_path, [[1, "cũ", 1, None]])
    old = path.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(W.os, "replace", refuse)
    with pytest.raises(UserError) as caught:
        _book(tmp_path, [[1, "mới", 2, None]])
    message = str(caught.value)
    assert "đang được mở" in message and "Hãy đóng tệp" in message
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bang.xlsx"]


def test_file_open_in_excel_is_refused_before_writing(tmp_path):
    path, _ = _book(tmp_path, [[1, "cũ", 1, None]])
    old = path.read_bytes()
    (tmp_path / "~$bang.xlsx").write_bytes(b"owner")
    with pytest.raises(UserError, match="Hãy đóng tệp rồi xuất lại"):
        _book(tmp_path, [[1, "mới", 2, None]])
    assert path.read_bytes() == old


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_folder_gives_vietnamese_error(tmp_path):
    locked = tmp_path / "khoa"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(UserError, match="Không ghi được tệp"):
            _book(locked, [[1, "a", 1, None]])
    finally:
        locked.chmod(0o755)


def test_bad_targets_are_user_errors(tmp_path):
    with pytest.raises(UserError, match=r"\.xlsx"):
        _book(tmp_path, [], name="bang.csv")
    with pytest.raises(UserError, match="Không có thư mục"):
        W.ExportBook().save(tmp_path / "khong-co" / "a.xlsx")


def test_sheet_names_are_made_safe():
    assert W.safe_sheet_name("Chỉ tiêu 2025/Q3: [tổng]") == "Chỉ tiêu 2025-Q3- -tổng-"
    assert len(W.safe_sheet_name("x" * 40)) == 31
    assert W.safe_sheet_name("Bảng", ["bảng"]) == "Bảng (2)"
