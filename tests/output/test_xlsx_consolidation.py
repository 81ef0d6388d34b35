"""The consolidated workbook read back with openpyxl (sheets, values as numbers, text that looks
like a formula kept as text, layout), and the consolidated report printed to PDF and read back."""

from __future__ import annotations

from datetime import date, datetime

import pdfplumber
from openpyxl import load_workbook

from desktop.core import compose, outlines, reports
from desktop.core import consolidate as cons
from desktop.export import workbook as W
from desktop.export.consolidation import write_consolidation
from desktop.printing import render_pdf
from desktop.strings import consolidate as S
from tests.core.test_consolidate import LATE, ON_TIME, PERIOD, add_package, add_unit, set_values, task
from tests.output.test_xlsx_workbook import assert_table_borders

OFFICE = ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"]
TODAY = date(2025, 12, 1)
ISSUED = {"uid": "r1", "status": "issued", "doc_type": "BÁO CÁO", "number": 7, "symbol": "BC-UBND",
          "summary": "Kết quả quý III/2025", "issued_at": "2025-09-15T09:00:00", "document": {}}


def build(session) -> None:
    """An Hải on time with 2 tasks (1 done) and an issued report, Lê Chân late with 1 task done, a
    unit whose name looks like a formula, and Cát Hải expected but missing."""
    a = add_unit(session, "31234", "Phường An Hải")
    b = add_unit(session, "31240", "Phường Lê Chân")
    odd = add_unit(session, "31299", "=HYPERLINK(\"http://x\",\"y\")")
    add_unit(session, "31250", "Xã Cát Hải")
    add_package(session, a, ON_TIME, report=ISSUED, pdf_sha256="ab" * 32, pdf_name="bao-cao.pdf", tasks=[
        task("a1", deadline="2025-08-01", history=[("2025-07-01", "done", "")]),
        task("a2", deadline="2025-08-01")])
    add_package(session, a, datetime(2025, 9, 1), current=False)
    add_package(session, b, LATE, tasks=[task("b1", deadline="2025-08-01", history=[("2025-07-01", "done", "")])])
    add_package(session, odd, ON_TIME)
    set_values(session, a, {"OPS.DOSSIER.RECEIVED": "11962", "OPS.DOSSIER.ONLINE": "9765",
                            "OPS.DOSSIER.FEES": "820000000", "NQ71.I.03": "90"})
    set_values(session, b, {"OPS.DOSSIER.RECEIVED": "1000", "OPS.DOSSIER.ONLINE": "100",
                            "OPS.DOSSIER.FEES": "1500000", "NQ71.I.03": "50"})
    cons.set_expected_units(session, [("31234", ""), ("31240", ""), ("31250", "")])


def _header_row(ws, first: str) -> int:
    return next(r for r in range(1, 15) if ws.cell(r, 1).value == first and ws.cell(r, 2).value)


def _rows(ws, header: int, width: int) -> list[list]:
    return [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(header + 1, ws.max_row + 1)]


def test_consolidation_workbook(db, tmp_path):
    with db.unit_of_work() as session:
        build(session)
    with db.read() as session:
        result = cons.consolidate(session, PERIOD, today=TODAY)
    path = write_consolidation(tmp_path / "tong-hop.xlsx", result, OFFICE)
    book = load_workbook(path)
    assert book.sheetnames == ["Đơn vị gửi báo cáo", "Chỉ tiêu tổng hợp", "Nhiệm vụ theo đơn vị"]

    ws = book["Đơn vị gửi báo cáo"]
    top = [ws.cell(r, 1).value for r in range(1, 9)]
    assert top[:2] == OFFICE and S.SUBMISSIONS_TITLE in top and "Kỳ báo cáo: quý III/2025" in top
    assert ("Hạn gửi báo cáo: 16/09/2025. Đã gửi 2/3 đơn vị (đúng hạn 1, gửi muộn 1); chưa gửi 1.") in top
    header = _header_row(ws, "STT")
    assert tuple(ws.cell(header, c).value for c in range(1, 10)) == S.SUBMISSIONS_HEADERS
    rows = _rows(ws, header, 9)
    assert rows[0] == [1, "31234", "Phường An Hải", "Đúng hạn", datetime(2025, 9, 16), datetime(2025, 9, 20),
                       "Báo cáo số 07/BC-UBND (đã ban hành)", "Có", "Nhận 2 lần, dùng bản mới nhất"]
    assert rows[1][:4] == [2, "31240", "Phường Lê Chân", "Gửi muộn"] and rows[1][7] == "Không"
    assert rows[2] == [3, "31250", "Xã Cát Hải", "Chưa gửi", None, None, None, None, None]
    assert rows[3][2] == '=HYPERLINK("http://x","y")' and rows[3][8] == S.NOT_EXPECTED
    odd = ws.cell(header + 4, 3)
    assert odd.data_type == "s" and odd.quotePrefix  # a name that looks like a formula stays text
    assert ws.cell(header + 1, 5).number_format == W.DATE_FORMAT
    assert_table_borders(ws, header, ws.max_row, 9)

    ws = book["Chỉ tiêu tổng hợp"]
    header = _header_row(ws, "TT")
    assert tuple(ws.cell(header, c).value for c in range(1, 9)) == S.INDICATORS_HEADERS
    rows = {row[1]: (r, row) for r, row in enumerate(_rows(ws, header, 8), start=header + 1) if row[1]}
    r, received = rows["OPS.DOSSIER.RECEIVED"]
    assert received[2:7] == ["Hồ sơ tiếp nhận", "hồ sơ", 12962, 2, "Cộng dồn"]
    assert ws.cell(r, 5).data_type == "n" and ws.cell(r, 5).number_format == W.WHOLE_FORMAT
    r, rate = rows["OPS.DOSSIER.ONLINE_RATE"]
    assert rate[4:7] == [76.1, 2, "Tính lại theo công thức"] and "tính trên 2 đơn vị có đủ số liệu" in rate[7]
    assert ws.cell(r, 5).number_format == "#,##0.0"
    assert rows["OPS.DOSSIER.FEES"][1][4] == 821500000
    typed = rows["NQ71.I.03"][1]
    assert typed[4] is None and typed[6] == "Không cộng dồn" and "thấp nhất 50%, cao nhất 90%" in typed[7]
    groups = [row for row in _rows(ws, header, 8) if row[0] in ("I", "II", "III") and row[1]]
    assert groups[0][1].startswith("Chỉ tiêu về thực hiện thủ tục hành chính")  # the app's catalogue order
    assert ws.freeze_panes == f"A{header + 1}"

    ws = book["Nhiệm vụ theo đơn vị"]
    header = _header_row(ws, "STT")
    assert tuple(ws.cell(header, c).value for c in range(1, 13)) == S.UNITS_HEADERS
    rows = _rows(ws, header, 12)
    assert rows[0] == [1, "31240", "Phường Lê Chân", 1, 1, 1, 0, 0, 0, 0, 100, 1]
    assert rows[1] == [2, "31234", "Phường An Hải", 2, 1, 1, 0, 0, 0, 1, 50, 2]
    assert rows[2][:3] == [3, "31299", '=HYPERLINK("http://x","y")'] and rows[2][10:] == [None, 3]
    assert rows[3] == [None, None, "Tổng cộng", 3, 2, 2, 0, 0, 0, 1, 66.7, None]
    total = header + 4
    assert ws.cell(total, 3).font.b and ws.cell(total, 11).number_format == "#,##0.0"
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "Times New Roman", (sheet.title, cell.coordinate)


def test_empty_consolidation_writes_a_valid_workbook(db, tmp_path):
    with db.read() as session:
        result = cons.consolidate(session, PERIOD, today=TODAY)
    book = load_workbook(write_consolidation(tmp_path / "rong.xlsx", result, []))
    ws = book["Nhiệm vụ theo đơn vị"]
    values = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1)]
    assert S.NO_UNITS in values and "Tổng cộng" in values


def test_consolidated_report_prints_to_pdf(office_db, tmp_path):
    with office_db.unit_of_work() as session:
        build(session)
        outlines.ensure_builtins(session)
        outline = outlines.find_builtin(session, "consolidated")
        report_id, _ = reports.create_report(session, outline.id, PERIOD.code, today=date(2025, 9, 20))
    with office_db.read() as session:
        document = compose.report_document(session, report_id, today=TODAY)
    path = tmp_path / "bao-cao-tong-hop.pdf"
    written = render_pdf(document, path)
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        fonts = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
        landscape = [page.width > page.height for page in pdf.pages]
    assert written.pages == len(pages) >= 2
    text = " ".join(" ".join(page.split()) for page in pages)
    for expected in (
        "PHƯỜNG AN HẢI", "BÁO CÁO", "Tổng hợp kết quả thực hiện Nghị quyết số 57-NQ/TW của các đơn vị quý III/2025",
        "I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ",
        "Đã có 2/3 đơn vị gửi báo cáo (đúng hạn 1, gửi muộn 1); còn 1 đơn vị chưa gửi: Xã Cát Hải.",
        "Báo cáo số 07/BC-UBND (đã ban hành)",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ",
        "hoàn thành 2/3, tỷ lệ 66,7% tổng số nhiệm vụ",
        "12.962 hồ sơ, trong đó tiếp nhận trực tuyến 9.865 hồ sơ, tỷ lệ hồ sơ trực tuyến 76,1%",
        "821.500.000 đồng",
        "Còn 1 đơn vị chưa gửi báo cáo (đơn vị chưa gửi: Xã Cát Hải); 1 đơn vị gửi báo cáo sau hạn ngày 16/9/2025",
        "SỐ LIỆU CHỈ TIÊU TỔNG HỢP TỪ CÁC ĐƠN VỊ", "Nơi nhận:", "Thường trực Ban Chỉ đạo",
    ):
        assert expected in text, expected
    assert "chưa rõ" not in text and "{{" not in text and "[[" not in text
    assert landscape[0] is False and landscape[-1] is True  # the indicator appendix is landscape
    assert fonts and all(font.startswith("LiberationSerif") for font in fonts), fonts  # the app's embedded serif
