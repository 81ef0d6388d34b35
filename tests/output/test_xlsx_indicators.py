"""Indicator worksheets from rows built by hand (shaped like desktop.core.indicators' rows)."""

from __future__ import annotations

import unicodedata

from openpyxl import load_workbook

from desktop.export import indicators as I
from desktop.export import workbook as W
from desktop.strings import export as X
from tests.output import xlsx_rows as R
from tests.output.test_xlsx_workbook import assert_table_borders

OFFICE = ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]


def _table(ws, width):
    header = next(r for r in range(1, 12) if ws.cell(r, 2).value in ("Chỉ tiêu",))
    rows = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(header + 1, ws.max_row + 1)]
    return header, rows


def test_period_table(tmp_path):
    path = I.write_period_table(tmp_path / "chi-tieu.xlsx", OFFICE, "2025-Q3", R.values(), R.GROUPS)
    ws = load_workbook(path).active
    assert ws.title == "Chỉ tiêu 2025-Q3"
    top = [ws.cell(r, 1).value for r in range(1, 8)]
    assert X.PERIOD_TITLE in top and "Kỳ báo cáo: quý III/2025" in top
    assert any(t and t.startswith("(Số liệu từ ngày 15/06/2025 đến ngày 14/09/2025") for t in top)
    header, rows = _table(ws, 8)
    assert tuple(ws.cell(header, c).value for c in range(1, 9)) == X.PERIOD_HEADERS
    assert rows[0][:2] == ["I", R.GROUPS[0].name]
    dvc, so_hoa, ho_so = rows[1], rows[2], rows[3]
    assert dvc == [1, R.DVC.name, "%", 75.2, 81.63, "≥ 60%", "Đạt", X.COMPUTED_NOTE]
    assert so_hoa[3:7] == [90, None, "100", "Chưa có số liệu"]
    assert ho_so[:5] == [3, R.HO_SO.name, "hồ sơ", 1234567, 11962]
    assert isinstance(ho_so[4], int) and ho_so[6] is None and ho_so[7] == "+ tăng so với kỳ trước"
    assert rows[4][:2] == ["II", "Hạ tầng số"]
    assert rows[5][:7] == [1, R.NGAN_SACH.name, "% tổng chi NSNN", None, 2.5, "Phấn đấu đạt 3%", "Chưa đạt"]
    assert rows[6][3:5] == ["Không", "Có"]
    assert rows[7][1:5] == ['=HYPERLINK("http://x","y")', "-", "=1+1", "-1+2"]
    r = header + 1
    # numbers: the indicator's decimals fix the format; counts use the '.' thousands format
    assert ws.cell(r + 1, 5).number_format == "#,##0.0" and ws.cell(r + 1, 4).number_format == "#,##0.0"
    assert ws.cell(r + 3, 5).number_format == W.WHOLE_FORMAT and ws.cell(r + 3, 5).data_type == "n"
    for column in (2, 4, 5, 8):
        assert ws.cell(r + 7, column).data_type == "s"
    assert ws.cell(r + 7, 8).value == "@SUM(A1)"
    assert_table_borders(ws, header, ws.max_row, 8)
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage


def test_targets_2030_layout(tmp_path):
    path = I.write_targets_2030(tmp_path / "pl1.xlsx", OFFICE, R.INDICATORS, R.GROUPS,
                                subtitles=["(Kèm theo Kế hoạch số 70/KH-UBND)"])
    ws = load_workbook(path).active
    assert ws.title == "Chỉ tiêu đến năm 2030"
    header, rows = _table(ws, 5)
    assert tuple(ws.cell(header, c).value for c in range(1, 6)) == X.TARGETS_HEADERS
    assert rows == [
        ["I", R.GROUPS[0].name, None, None, None],
        [1, R.DVC.name, "%", "≥ 80%", "Trung tâm PV Hành chính công"],
        [2, R.SO_HOA.name, "%", "100", "Trung tâm PV Hành chính công"],
        ["II", "Hạ tầng số", None, None, None],
        [1, R.NGAN_SACH.name, "% tổng chi NSNN", "Phấn đấu đạt 3%", "Phòng Kinh tế, Hạ tầng, Đô thị"],
        [2, R.NGUY_HIEM.name, "-", "-", "@Tổ công nghệ số"],
    ]  # no 2030 target: left out; retired: left out
    assert ws.cell(header + 6, 5).data_type == "s"
    assert f"B{header + 1}:E{header + 1}" in {str(m) for m in ws.merged_cells.ranges}


def test_milestones_layout(tmp_path):
    path = I.write_milestones(tmp_path / "pl2.xlsx", OFFICE, R.INDICATORS, R.GROUPS)
    ws = load_workbook(path).active
    header, rows = _table(ws, 9)
    assert [ws.cell(header, c).value for c in range(1, 10)] == [
        "Stt", "Chỉ tiêu", "Năm 2025", "Năm 2030", "Năm 2035", "Năm 2040", "Năm 2045",
        "Cơ quan chủ trì theo dõi, đánh giá", "Sản phẩm đầu ra"]
    assert rows[1] == [1, R.DVC.name, "≥ 60%", "≥ 80%", "100%", None, None, "Trung tâm PV Hành chính công",
                       "Số liệu báo cáo"]
    assert rows[2][2:4] == [None, "100"]
    assert [r[0] for r in rows] == ["I", 1, 2, "II", 1, 2]
    assert ws.page_setup.orientation == "landscape"
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if isinstance(cell.value, str):
                assert unicodedata.is_normalized("NFC", cell.value)
                assert cell.font.name == "Times New Roman"


def test_layouts_share_one_book(tmp_path):
    book = W.ExportBook()
    I.add_period_table(book, OFFICE, "2025-Q3", R.values(), R.GROUPS)
    I.add_targets(book, OFFICE, R.INDICATORS, R.GROUPS)
    I.add_milestones(book, OFFICE, R.INDICATORS, R.GROUPS)
    wb = load_workbook(book.save(tmp_path / "tat-ca.xlsx"))
    assert wb.sheetnames == ["Chỉ tiêu 2025-Q3", "Chỉ tiêu đến năm 2030", "Chỉ tiêu theo giai đoạn"]
    assert all(ws.print_title_rows for ws in wb.worksheets)


def test_unknown_group_comes_last(tmp_path):
    stray = R.indicator(9, "Chỉ tiêu nhóm lạ", "XYZ", 1, targets=(R.ge(2030, "5"),))
    groups = I.grouped([stray, *R.INDICATORS], R.GROUPS)
    assert [name for name, _ in groups] == [R.GROUPS[0].name, "Hạ tầng số", "Nhóm lạ"]
