"""The demo report and the demo plan rendered to PDF and read back (figures, headings, header)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desktop.core import compose, reports
from desktop.models import Plan
from desktop.printing import render_pdf

TODAY = date(2025, 11, 20)


def _text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _flat(pages: list[str]) -> str:
    return " ".join(" ".join(page.split()) for page in pages)


@pytest.fixture
def demo_report(demo_db, tmp_path) -> tuple[Path, list[str]]:
    with demo_db.read() as session:
        (row,) = reports.list_reports(session)
        doc = compose.report_document(session, row.id, today=TODAY)
    path = tmp_path / "bao-cao.pdf"
    written = render_pdf(doc, path)
    assert written.pages == len(PdfReader(path).pages) >= 5
    return path, _text(path)


def test_demo_report_prints_its_figures_and_headings(demo_report):
    path, pages = demo_report
    first = " ".join(pages[0].split())
    for expected in ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/BC-UBND",
                     "tháng 11 năm 2025", "BÁO CÁO", "A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"):
        assert expected in first, expected
    text = _flat(pages)
    for expected in (
        "Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ",
        "Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%",
        "Giai đoạn 2: Ủy ban nhân dân phường được giao 34 nhiệm vụ",
        "Số nhiệm vụ đã hoàn thành 34/34, tỷ lệ 100%",
        "tiếp nhận 11.962 hồ sơ thủ tục hành chính (9.765 hồ sơ trực tuyến và 2.197 hồ sơ trực tiếp)",
        "Tỷ lệ hồ sơ trực tuyến 9.765/11.962 = 81,6%",
        "12 cuộc giao ban tuần",
        "820.000.000 đồng",
        "B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "2. Thống kê các nhiệm vụ thực hiện: tổng số nhiệm vụ",
        "VI. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:", "- Lưu: VT, VHXH.", "KT. CHỦ TỊCH", "Nguyễn Thế Đức",
        "Phụ lục", "(Kèm theo Báo cáo số /BC-UBND ngày tháng 11 năm 2025 của Ủy ban nhân dân phường An Hải)",
    ):
        assert expected in text, expected
    assert "chưa rõ" not in text and "{{" not in text and "[[" not in text
    info = PdfReader(path).metadata
    assert info.title.startswith("Báo cáo số /BC-UBND: Kết quả thực hiện Nghị quyết số 57-NQ/TW")
    assert info.author == "Ủy ban nhân dân phường An Hải"


def test_demo_plan_prints_with_its_appendix(demo_db, tmp_path):
    with demo_db.read() as session:
        plan_id = session.scalar(select(Plan.id).where(Plan.number_symbol == "70/KH-UBND"))
        doc = compose.plan_document(session, plan_id)
    path = tmp_path / "ke-hoach.pdf"
    render_pdf(doc, path)
    pages = _text(path)
    text = _flat(pages)
    for expected in ("Số: 70/KH-UBND", "An Hải, ngày 18 tháng 9 năm 2025", "KẾ HOẠCH",
                     "xây dựng Kế hoạch thực hiện cụ thể như sau:", "A. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                     "B. NHIỆM VỤ, GIẢI PHÁP", "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH",
                     "(Kèm theo Kế hoạch số 70/KH-UBND ngày 18 tháng 9 năm 2025", "- Lưu: VT, VHXH."):
        assert expected in text, expected
    reader = PdfReader(path)
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # the assignment table is landscape
    assert "Nội dung công việc" in pages[-1] or "Nội dung công việc" in " ".join(pages[-3:])
