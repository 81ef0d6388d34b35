"""Task lists from .xlsx tables: the city's appendix (shared/reference/documents/thong-bao-ket-luan-
bcd-hai-phong-quy3-2025.txt, from "PHỤ LỤC") laid out the way such sheets are — title rows, a
two-row header with merged cells, section rows naming the directive, multi-line cells, a lead
merged over several rows, dates as real Excel dates and as words — read back, previewed with every
unreadable row and its reason, and imported without duplicates. Broken files are refused with a
Vietnamese message."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core import task_sheet as ts
from desktop.core import tasks as tasks_core
from desktop.core.errors import UserError
from desktop.core.vn import ParseError
from desktop.export.task_sheet import read_grids
from desktop.models import Directive, Task, TaskStatusEntry

OPENPYXL = pytest.importorskip("openpyxl")

SECTION_A = "A. Các nhiệm vụ tại Kế hoạch số 12-KH/TU, ngày 26/8/2025 của Ban Thường vụ Thành ủy"
SECTION_B = "B. Các nhiệm vụ theo Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương"
SECTION_D = "D. Các nhiệm vụ tại các Thông báo kết luận của Ban Chỉ đạo Trung ương"
SECTION_E = ("E. Các nhiệm vụ tại Kế hoạch số 447-KH/TU của Ban Thường vụ Thành uỷ về chuyển đổi số "
             "cơ quan Đảng")

# (Stt, title, source, lead, deadline) — texts from the appendix; line breaks as a clerk pastes them.
TASKS_A = [
    ("1.", "Tham mưu bố trí cán bộ có trình độ khoa học, kỹ thuật\ngiữ các chức vụ lãnh đạo, quản lý, tham gia vào "
           "cấp uỷ các cấp", "", "Ban Tổ chức Thành\nủy", datetime(2025, 12, 30)),
    ("2.", "Hoàn thiện thể chế, chính sách tạo đột phá cho hoạt động khoa học, công nghệ, đổi mới sáng tạo và "
           "chuyển đổi số.", "", "Các sở, ngành, đơn vị; Ủy ban nhân dân các cấp", "30/12/2025"),
    ("3.", "Bảo đảm an ninh mạng và chủ quyền số.", "", "Công an Thành phố", "Thường xuyên"),
    ("4.", "Đẩy mạnh hợp tác, liên kết vùng, quốc tế.", "", "Sở Ngoại vụ", "Quý IV/2025"),
    ("5.", "Thực hiện kiểm tra, giám sát hằng năm đối với việc triển khai Nghị quyết số 57-NQ/TW", "",
     "Ủy ban kiểm tra Thành ủy", "Hằng năm"),
    ("6.", "Giám sát và phản biện xã hội hằng năm đối với việc triển khai thực hiện Nghị quyết số 57-NQ/TW", "",
     "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "Tháng 12/2025"),
    ("7.", "Theo dõi, tổng hợp tình hình, nghiên cứu đề xuất giải pháp đấu tranh với sai phạm trong triển khai các "
           "dự án khoa học, công nghệ", "", "Ban Nội chính Thành uỷ", "Năm 2025"),
    ("8.", "Xây dựng các báo cáo Ban chỉ đạo Trung ương và Văn phòng Trung ương Đảng.", "", "Văn phòng Thành ủy",
     "Trước ngày 15/12/2025"),
]
TASKS_B = [
    ("1", "Đẩy mạnh kết nối, liên thông dữ liệu, ứng dụng phục vụ chỉ đạo, điều hành của các lãnh đạo và các cấp "
          "chính quyền", "", "Các cơ quan, đơn vị, địa phương", datetime(2025, 9, 30)),
    ("2", "Tổ chức các khoá đào tạo, tập huấn về kỹ năng số, kỹ năng vận hành hệ thống mới cho cán bộ, công chức, "
          "viên chức", "", "Sở Khoa học và Công nghệ, các đơn vị liên quan", "Quý III/2025"),
    ("3", "Hoàn thành rà soát, cấu trúc lại các thủ tục hành chính chuyển từ thủ công trên giấy sang môi trường "
          "điện tử.", "", "Các cơ quan, đơn vị, địa phương", "31/12/2025"),
    ("4", "Tiếp tục đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định", "", "(merged)",
     "6 tháng cuối năm 2025"),
    ("5", "Bảo đảm an toàn thông tin, an ninh mạng cho các hạ tầng kỹ thuật, dữ liệu, ứng dụng", "", "(merged)",
     "Thường xuyên"),
]
TASKS_D = [
    ("1", "Tham mưu, hoàn thiện thể chế và bố trí đủ nguồn lực để hoàn thành các nhiệm vụ được giao theo Nghị "
          "quyết 57-NQ/TW trong năm 2025", "Thông báo số 14-\nTB/TGV ngày \n21/4/2025",
     "Sở Tài chính, Sở Nội vụ, Sở Khoa học và Công nghệ", "31/12/2025"),
    ("2", "Đánh giá, lựa chọn Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh để tổ chức nâng cấp, hoàn "
          "thiện", "Thông báo số 14-TB/TGV ngày 21/4/2025", "Sở Khoa học và Công nghệ", "30/9/2025"),
    ("3", "Bảo đảm hạ tầng kho lưu trữ, đường truyền phục vụ số hóa hồ sơ, tài liệu",
     "Thông báo số 19-TB/TGV ngày 09/5/2025", "Sở Nội vụ", "31/13/2025"),  # unreadable date
    ("4", "", "Thông báo số 19-TB/TGV ngày 09/5/2025", "Sở Tài chính", "Năm 2025"),  # no title
    ("5", "Chủ trì xây dựng lộ trình đổi mới công nghệ đến năm 2035 đối với các ngành kinh tế mũi nhọn",
     "Công văn số 215-CV/VPTU ngày 10/10/2025", "Sở Khoa học và Công nghệ", "Trước 01/10/2025"),
    ("6", "Đẩy mạnh hợp tác với doanh nghiệp, viện, trường trong và ngoài nước về khoa học, công nghệ",
     "Thông báo số 99-XYZ ngày 13/6/2025", "Sở Khoa học và Công nghệ", "Năm 2025"),  # "99-XYZ": no symbol
]
TASKS_E = [
    ("1", "Triển khai Hệ thống thu thập và giám sát an toàn thông tin mạng tại Trung tâm tích hợp dữ liệu Thành ủy",
     "", "Văn phòng Thành ủy", "Năm 2025"),
]
READABLE = len(TASKS_A) + len(TASKS_B) + 3 + len(TASKS_E)  # D: 3, 4 and 6 cannot be read
ERRORS = 3


def build_appendix(path: Path) -> Path:
    """The appendix as a city office formats it in Excel."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    for row, text in ((1, "PHỤ LỤC"), (2, "CÁC NHIỆM VỤ ĐẾN HẾT NĂM 2025 THEO NGHỊ QUYẾT SỐ 57-NQ/TW"),
                      (3, "(kèm theo Thông báo số      -TB/VPTU, ngày     /11/2025 của Văn phòng Thành uỷ)")):
        ws.cell(row, 1, text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    # A two-row header: "Thời gian" over "Bắt đầu" / "Hoàn thành", the others merged down.
    for column, text in enumerate(("STT", "Tên nhiệm vụ", "TB kết luận\ncủa BCĐ TW", "Đơn vị chủ trì"), start=1):
        ws.cell(5, column, text)
        ws.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
    ws.cell(5, 5, "Thời gian")
    ws.merge_cells(start_row=5, start_column=5, end_row=5, end_column=6)
    ws.cell(6, 5, "Bắt đầu")
    ws.cell(6, 6, "Hoàn thành")
    for column in range(1, 7):
        ws.cell(7, column, f"({column})")
    row = 8

    def section(text: str) -> None:
        nonlocal row
        ws.cell(row, 1, text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        row += 1

    def task(stt, title, source, lead, deadline) -> None:
        nonlocal row
        ws.cell(row, 1, stt)
        ws.cell(row, 2, title or None).alignment = Alignment(wrap_text=True)
        ws.cell(row, 3, source or None)
        if lead != "(merged)":
            ws.cell(row, 4, lead)
        ws.cell(row, 5, "01/7/2025")
        ws.cell(row, 6, deadline)
        if isinstance(deadline, datetime):
            ws.cell(row, 6).number_format = "dd/mm/yyyy"
        row += 1

    section(SECTION_A)
    for item in TASKS_A:
        task(*item)
    section(SECTION_B)
    first_b = row
    for item in TASKS_B:
        task(*item)
    # "Các cơ quan, đơn vị, địa phương" written once for tasks 3–5 of section B.
    ws.merge_cells(start_row=first_b + 2, start_column=4, end_row=first_b + 4, end_column=4)
    # The header repeated at the top of the next printed page.
    for column, text in enumerate(("STT", "Tên nhiệm vụ", "TB kết luận\ncủa BCĐ TW", "Đơn vị chủ trì", "Bắt đầu",
                                   "Hoàn thành"), start=1):
        ws.cell(row, column, text)
    row += 1
    section(SECTION_D)
    for item in TASKS_D:
        task(*item)
    row += 1  # an empty row before the last section
    section(SECTION_E)
    for item in TASKS_E:
        task(*item)
    other = wb.create_sheet("Ghi chú")
    other["A1"] = "Các đơn vị báo cáo trước ngày 05/12/2025."
    wb.save(path)
    return path


@pytest.fixture
def appendix(tmp_path) -> Path:
    return build_appendix(tmp_path / "phu-luc-nhiem-vu.xlsx")


def sheet_preview(path: Path, context=None, **kwargs) -> ts.SheetPreview:
    grid = read_grids(path)["Phụ lục"]
    return ts.preview_sheet(grid, context=context, **kwargs)


# ----------------------------------------------------------------------------- reading the file


def test_read_grids_gives_text_cells_with_merges_resolved(appendix):
    grids = read_grids(appendix)
    assert list(grids) == ["Phụ lục", "Ghi chú"]
    grid = grids["Phụ lục"]
    assert len({len(row) for row in grid}) == 1 and len(grid[0]) == 6
    assert grid[0] == ["PHỤ LỤC", "", "", "", "", ""]  # a title merged across: one cell
    assert grid[4][:5] == ["STT", "Tên nhiệm vụ", "TB kết luận\ncủa BCĐ TW", "Đơn vị chủ trì", "Thời gian"]
    assert grid[5] == ["STT", "Tên nhiệm vụ", "TB kết luận\ncủa BCĐ TW", "Đơn vị chủ trì", "Bắt đầu", "Hoàn thành"]
    first = grid[8]
    assert first[0] == "1." and first[1].startswith("Tham mưu bố trí cán bộ có trình độ khoa học, kỹ thuật\ngiữ")
    assert first[5] == "30/12/2025"  # a real Excel date
    leads = [row[3] for row in grid if row[1].startswith(("Hoàn thành rà soát", "Tiếp tục đẩy mạnh số hóa",
                                                           "Bảo đảm an toàn thông tin"))]
    assert leads == ["Các cơ quan, đơn vị, địa phương"] * 3  # merged down over three tasks


def test_header_and_columns_are_guessed(appendix):
    preview = sheet_preview(appendix)
    assert preview.header_row == 5  # the lower row of the two-row header ("Hoàn thành")
    assert preview.mapping == ("stt", "title", "source", "lead", "ignore", "deadline")
    assert ts.guess_mapping(["Số TT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp",
                             "Sản phẩm đầu ra", "Thời gian thực hiện/hoàn thành", "Giai đoạn", "Ghi chú"]) == (
        "stt", "title", "lead", "coordinators", "output", "deadline", "phase", "note")
    assert ts.guess_mapping(["TT", "Nội dung chi tiết", "Nhiệm vụ", "Nhiệm vụ"]) == (
        "stt", "details", "title", "ignore")
    assert ts.find_header([["Danh mục nhiệm vụ"], ["Không có tiêu đề"]]) is None


def test_preview_reads_sections_dates_and_lists_every_unreadable_row(appendix):
    preview = sheet_preview(appendix)
    assert (preview.readable, len(preview.errors)) == (READABLE, ERRORS)
    assert preview.summary().startswith(f"{READABLE} dòng đọc được, {ERRORS} dòng lỗi")
    kinds = [row.kind for row in preview.rows]
    assert kinds.count("section") == 4 and kinds.count("skipped") == 2  # column numbers, repeated header

    def by_title(start: str) -> ts.ParsedTask:
        [row] = [row for row in preview.tasks if row.task.title.startswith(start)]
        return row.task

    first = preview.tasks[0]
    assert first.number == 9 and first.task.stt == "1."
    assert first.task.title == TASKS_A[0][1]  # the line break the clerk typed is kept
    assert first.task.lead_note == "Ban Tổ chức Thành ủy"  # one line for a lead
    assert first.task.deadline == date(2025, 12, 30)
    [ref] = first.task.sources
    assert (ref.number_symbol, ref.doc_type, ref.issued_on, ref.issuer) == (
        "12-KH/TU", "plan", date(2025, 8, 26), "Ban Thường vụ Thành ủy")
    deadlines = [(row.task.deadline, row.task.recurrence, row.task.deadline_note) for row in preview.tasks[:8]]
    assert deadlines == [
        (date(2025, 12, 30), "none", ""), (date(2025, 12, 30), "none", ""), (None, "continuous", ""),
        (date(2025, 12, 31), "none", "Quý IV/2025"), (None, "yearly", ""),
        (date(2025, 12, 31), "none", "Tháng 12/2025"), (date(2025, 12, 31), "none", "Năm 2025"),
        (date(2025, 12, 15), "none", "Trước ngày 15/12/2025")]
    b = [row.task for row in preview.tasks[8:13]]
    assert [t.source_text for t in b] == ["02-KH/BCĐTW"] * 5
    assert [t.lead_note for t in b[2:]] == ["Các cơ quan, đơn vị, địa phương"] * 3
    assert (b[1].deadline, b[3].deadline) == (date(2025, 9, 30), date(2025, 12, 31))
    # Section D names no directive: each row's "TB kết luận" cell gives its own.
    d1 = by_title("Tham mưu, hoàn thiện thể chế")
    [ref] = d1.sources
    assert (ref.number_symbol, ref.doc_type, ref.issued_on) == ("14-TB/TGV", "notice", date(2025, 4, 21))
    e1 = by_title("Triển khai Hệ thống thu thập")
    [ref] = e1.sources
    assert (ref.number_symbol, ref.issuer, ref.summary) == (
        "447-KH/TU", "Ban Thường vụ Thành uỷ", "Về chuyển đổi số cơ quan Đảng")
    problems = preview.problems
    assert len(problems) == ERRORS
    assert problems[0].startswith("Dòng 27: ") and "«31/13/2025»" in problems[0] and "không có ngày này" in problems[0]
    assert problems[1] == "Dòng 28: Thiếu tên nhiệm vụ (cột B «Tên nhiệm vụ»)."
    assert problems[2].startswith("Dòng 30: cột C «TB kết luận của BCĐ TW»: không thấy số ký hiệu")
    skipped = [row.reason for row in preview.rows if row.kind == "skipped"]
    assert skipped == ["Dòng đánh số cột, bỏ qua.", "Dòng tiêu đề cột lặp lại (sang trang), bỏ qua."]


def test_changing_the_mapping_changes_the_reading(appendix):
    guessed = sheet_preview(appendix)
    mapping = list(guessed.mapping)
    mapping[5], mapping[4] = "ignore", "deadline"  # read "Bắt đầu" as the deadline instead
    preview = sheet_preview(appendix, mapping=mapping)
    assert {row.task.deadline for row in preview.tasks} == {date(2025, 7, 1)}
    assert len(preview.errors) == ERRORS - 1  # the unreadable completion date no longer matters
    mapping[2] = "ignore"
    assert all(row.task.source_text != "14-TB/TGV" for row in sheet_preview(appendix, mapping=mapping).tasks)
    with pytest.raises(UserError, match="Tên nhiệm vụ"):
        ts.preview_sheet(read_grids(appendix)["Phụ lục"], mapping=["title", "title"])
    no_title = sheet_preview(appendix, mapping=["stt", "ignore", "source", "lead", "ignore", "deadline"])
    assert no_title.readable == 0 and no_title.errors[0].reason == "Chưa chọn cột nào là «Tên nhiệm vụ»."


@pytest.mark.parametrize(("text", "expected"), [
    ("30/12/2025", (date(2025, 12, 30), "none", "")),
    ("30-12-2025", (date(2025, 12, 30), "none", "")),
    ("ngày 30 tháng 12 năm 2025", (date(2025, 12, 30), "none", "")),
    ("Trước ngày 30/12/2025", (date(2025, 12, 30), "none", "Trước ngày 30/12/2025")),
    ("01/7/2025 - 30/11/2025", (date(2025, 11, 30), "none", "01/7/2025 - 30/11/2025")),
    ("Tháng 12/2025", (date(2025, 12, 31), "none", "Tháng 12/2025")),
    ("tháng 2 năm 2024", (date(2024, 2, 29), "none", "tháng 2 năm 2024")),
    ("Quý IV/2025", (date(2025, 12, 31), "none", "Quý IV/2025")),
    ("Quý 1 năm 2026", (date(2026, 3, 31), "none", "Quý 1 năm 2026")),
    ("6 tháng đầu năm 2025", (date(2025, 6, 30), "none", "6 tháng đầu năm 2025")),
    ("9 tháng năm 2025", (date(2025, 9, 30), "none", "9 tháng năm 2025")),
    ("Năm 2025", (date(2025, 12, 31), "none", "Năm 2025")),
    ("2026", (date(2026, 12, 31), "none", "2026")),
    ("Thường xuyên", (None, "continuous", "")),
    ("Nhiệm vụ thường xuyên", (None, "continuous", "Nhiệm vụ thường xuyên")),
    ("Hàng năm", (None, "yearly", "")),
    ("Hằng quý", (None, "quarterly", "")),
    ("Theo văn bản", (None, "per_source", "Theo văn bản")),
    ("46021", (date(2025, 12, 30), "none", "")),  # a date typed where Excel kept the serial number
    ("", (None, "none", "")),
])
def test_deadlines_in_every_common_form(text, expected):
    assert ts.parse_deadline(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("31/13/2025", "không có ngày này trong lịch"),
    ("Quý V/2025", "quý phải từ I đến IV"),
    ("Tháng 13/2025", "tháng phải từ 1 đến 12"),
    ("Năm 1990", "năm phải từ 2000"),
    ("sớm nhất có thể", "không đọc được là thời hạn"),
])
def test_unreadable_deadlines_say_why(text, message):
    with pytest.raises(ParseError, match=message):
        ts.parse_deadline(text)


def test_directives_found_in_running_text():
    refs = ts.find_directives("Thông báo số 14-TB/TGV ngày 21/4/2025; Quyết định 06/QĐ-TTg và Nghị định "
                              "13/2023/NĐ-CP của Chính phủ")
    assert [(r.number_symbol, r.doc_type, r.issued_on) for r in refs] == [
        ("14-TB/TGV", "notice", date(2025, 4, 21)), ("06/QĐ-TTg", "decision", None), ("13/2023/NĐ-CP", "decree", None)]
    assert refs[-1].issuer == "Chính phủ"
    [ref] = ts.find_directives("C. Các nhiệm vụ tại Nghị quyết số 71/NQ-CP của Chính phủ")
    assert (ref.number_symbol, ref.doc_type, ref.issuer) == ("71/NQ-CP", "resolution", "Chính phủ")
    [ref] = ts.find_directives("57-NQ/TW")
    assert ref.doc_type == "resolution"  # the type read from the symbol
    assert ts.find_directives("Nghị quyết 57 của Bộ Chính trị") == []


# ----------------------------------------------------------------------------- importing


def test_import_creates_tasks_and_directives_then_reimport_never_duplicates(appendix, demo_db):
    with demo_db.read() as session:
        context = ts.load_context(session)
        tasks_before = session.scalar(select(func.count()).select_from(Task))
        directives_before = session.scalar(select(func.count()).select_from(Directive))
    preview = sheet_preview(appendix, context=context)
    # The demo ward already has 12-KH/TU, 02-KH/BCĐTW, 14-TB/TGV, 447-KH/TU (reference list):
    # the city office's own letter is the one directive to add.
    assert [ref.number_symbol for ref in preview.new_directives] == ["215-CV/VPTU"]
    with demo_db.unit_of_work() as session:
        result, changes = ts.import_sheet(session, preview, default_phase="Giai đoạn 2")
    assert (result.created, result.updated, result.unchanged, result.directives_created) == (READABLE, 0, 0, 1)
    assert len(result.skipped) == ERRORS and changes.touches("tasks", "directives")
    assert result.message().startswith(f"Đã nhập: {READABLE} nhiệm vụ mới")
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Task)) == tasks_before + READABLE
        assert session.scalar(select(func.count()).select_from(Directive)) == directives_before + 1
        task = session.get(Task, result.task_ids[0])
        assert task.title == TASKS_A[0][1] and task.phase == "2" and task.deadline == date(2025, 12, 30)
        assert [s.directive.number_symbol for s in task.sources] == ["12-KH/TU"]
        assert session.scalar(select(Directive).where(Directive.number_symbol == "12-KH/TU")).uid == \
            "eedaa564b3e849f8a3e31c960a758e5e"
        new = session.scalar(select(Directive).where(Directive.number_symbol == "215-CV/VPTU"))
        assert (new.doc_type, new.issued_on) == ("official_letter", date(2025, 10, 10))

    # The ward reports on a task; the city then sends the list again with a later deadline.
    first_id = result.task_ids[0]
    with demo_db.unit_of_work() as session:
        tasks_core.record_status(session, first_id, "in_progress", date(2025, 11, 1), "Đang rà soát",
                                 today=date(2025, 11, 20))
    with demo_db.read() as session:
        context = ts.load_context(session)
    again = sheet_preview(appendix, context=context)
    assert again.existing == READABLE and again.new_directives == ()
    assert "nhiệm vụ đã có sẽ được cập nhật" in again.summary()
    with demo_db.unit_of_work() as session:
        result2, _ = ts.import_sheet(session, again, default_phase="2")
    assert (result2.created, result2.updated, result2.unchanged, result2.directives_created) == (0, 0, READABLE, 0)

    from openpyxl import load_workbook

    wb = load_workbook(appendix)
    wb["Phụ lục"]["F9"] = datetime(2026, 1, 15)
    wb.save(appendix)
    with demo_db.read() as session:
        context = ts.load_context(session)
    with demo_db.unit_of_work() as session:
        result3, _ = ts.import_sheet(session, sheet_preview(appendix, context=context), default_phase="2")
    assert (result3.created, result3.updated, result3.unchanged) == (0, 1, READABLE - 1)
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Task)) == tasks_before + READABLE
        task = session.get(Task, first_id)
        assert task.deadline == date(2026, 1, 15)
        assert [(h.status, h.note) for h in task.history] == [("in_progress", "Đang rà soát")]
        assert session.scalar(select(func.count()).select_from(TaskStatusEntry).where(
            TaskStatusEntry.task_id == first_id)) == 1


def test_import_into_a_plan_and_matching_departments(office_db, tmp_path):
    from openpyxl import Workbook

    from desktop.core import plans

    wb = Workbook()
    ws = wb.active
    ws.append(["Stt", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời hạn"])
    ws.append([1, "Số hóa hồ sơ hộ tịch", "TTPVHCC", "VP, Công an phường", "Dữ liệu hộ tịch số", "Quý IV/2025"])
    ws.append([2, "Tuyên truyền kỹ năng số", "Phòng Văn hóa - Xã hội", "", "", "Thường xuyên"])
    wb.save(tmp_path / "phuong.xlsx")
    with office_db.unit_of_work() as session:
        plan_id, _ = plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch chuyển đổi số năm 2025"))
        context = ts.load_context(session)
    preview = ts.preview_sheet(read_grids(tmp_path / "phuong.xlsx")["Sheet"], context=context)
    first = preview.tasks[0].task
    assert first.lead_department_id is not None and first.lead_note == ""
    assert len(first.coordinator_ids) == 1 and first.coordination_note == "Công an phường"
    with office_db.unit_of_work() as session:
        result, _ = ts.import_sheet(session, preview, plan_id=plan_id)
    with office_db.read() as session:
        rows = {r.title: r for r in tasks_core.list_tasks(session, date(2025, 11, 20))}
        assert rows["Số hóa hồ sơ hộ tịch"].lead == "TTPVHCC" and rows["Số hóa hồ sơ hộ tịch"].plan_id == plan_id
        assert rows["Số hóa hồ sơ hộ tịch"].coordinators == "VP, Công an phường"
        assert rows["Tuyên truyền kỹ năng số"].lead == "VHXH"
        assert [r.title for r in plans.appendix(session, plan_id)] == ["Số hóa hồ sơ hộ tịch", "Tuyên truyền kỹ năng số"]


def test_the_programs_own_plan_appendix_reads_back(demo_db, tmp_path):
    from desktop.core import plans
    from desktop.export.plan_appendix import export_plan_appendix

    with demo_db.read() as session:
        path = export_plan_appendix(session, 1, tmp_path / "phu-luc.xlsx")
        expected = [(r.title, r.deadline_text) for r in plans.appendix(session, 1)]
    grid = next(iter(read_grids(path).values()))
    preview = ts.preview_sheet(grid)
    assert preview.errors == [] and preview.readable == len(expected)
    # The sheet groups the tasks under the plan's themes, so the order may differ.
    assert sorted((row.task.title, row.task.deadline_text.split(" (")[0]) for row in preview.tasks) == sorted(expected)
    assert sum(1 for row in preview.rows if row.kind == "section") >= 1


def test_nothing_readable_is_refused(appendix, demo_db):
    preview = sheet_preview(appendix, mapping=["stt", "ignore", "ignore", "lead", "ignore", "deadline"])
    with pytest.raises(UserError, match="Không có dòng nào đọc được"):
        with demo_db.unit_of_work() as session:
            ts.import_sheet(session, preview)


# ----------------------------------------------------------------------------- broken files


def _empty_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


def _ole2(path: Path, encrypted: bool) -> Path:
    """An OLE2 compound file as an old .xls or a password-protected .xlsx is: a 512-byte header
    (signature, sector shift 9, the directory's first sector), then the directory far into the
    file holding the stream names."""
    directory_sector = 300  # beyond the first 64 KB
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x1A:0x1C] = (3).to_bytes(2, "little")
    header[0x1E:0x20] = (9).to_bytes(2, "little")
    header[0x30:0x34] = directory_sector.to_bytes(4, "little")
    names = ("Root Entry", "EncryptionInfo", "EncryptedPackage") if encrypted else ("Root Entry", "Workbook")
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in names)
    body = bytes(header) + bytes(directory_sector * 512) + directory.ljust(512, b"\0")
    path.write_bytes(body)
    return path


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"STT;Ten nhiem vu\n1;Bao dam an ninh mang\n") or p, "không phải bảng tính Excel"),
    (lambda p: _ole2(p, encrypted=False), r"Excel kiểu cũ \(\.xls\)"),
    (lambda p: _ole2(p, encrypted=True), "đặt mật khẩu"),
    (lambda p: _empty_workbook(p), "không có dữ liệu"),
    (lambda p: p.write_bytes(b"") or p, "rỗng"),
    (lambda p: p, "Không tìm thấy tệp"),
])
def test_broken_files_are_refused_in_vietnamese(tmp_path, make, message):
    path = tmp_path / "danh-sach.xlsx"
    make(path)
    with pytest.raises(UserError, match=message):
        read_grids(path)


def test_truncated_and_foreign_zips_are_refused(appendix, tmp_path):
    truncated = tmp_path / "cat-do.xlsx"
    truncated.write_bytes(appendix.read_bytes()[:3000])
    with pytest.raises(UserError, match="không phải bảng tính Excel|bị hỏng"):
        read_grids(truncated)
    foreign = tmp_path / "van-ban.xlsx"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UserError, match="không phải bảng tính Excel"):
        read_grids(foreign)
    damaged = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(appendix) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet1"):
                body = body[: len(body) // 2]
            target.writestr(info, body)
    with pytest.raises(UserError, match="bị hỏng"):
        read_grids(damaged)


def test_a_zip_bomb_is_not_opened(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(UserError, match="nén bất thường"):
        read_grids(bomb)
