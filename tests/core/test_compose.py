"""The printable document of reports and plans (desktop.core.compose)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from desktop.core import compose, reports, sections
from desktop.core.document import CENTER, Para, PrintDocument, Table
from desktop.models import Plan, Report

TODAY = date(2025, 11, 20)
PERIOD = "2025-07-01..2025-11-17"

TREE = [
    {"key": "p1", "numbering": "part", "heading": "Kết quả thực hiện", "children": [
        {"key": "a", "numbering": "upper_letter", "heading": "Công tác lãnh đạo, chỉ đạo",
         "content": "Đoạn **một**.", "children": [
             {"key": "i", "numbering": "roman", "heading": "Về công tác chỉ đạo", "children": [
                 {"key": "n1", "numbering": "arabic", "heading": "Thống kê các nhiệm vụ thực hiện:", "run_in": True,
                  "content": "tổng số nhiệm vụ như sau:\n[[Nhiệm vụ theo giai đoạn]]"},
                 {"key": "n2", "numbering": "arabic", "heading": "Thủ tục hành chính {{kỳ báo cáo}}",
                  "content": "- Tiếp nhận {{OPS.DOSSIER.RECEIVED}} hồ sơ."},
                 {"key": "n3", "numbering": "arabic", "heading": "Mục chưa viết"},
             ]},
         ]},
    ]},
]
DOCUMENT = {
    "summary": "Kết quả thực hiện Nghị quyết số 57-NQ/TW {{kỳ báo cáo}}",
    "opening": "Ủy ban nhân dân phường báo cáo như sau:",
    "closing": "Trên đây là báo cáo của Ủy ban nhân dân phường./.",
    "recipients": ["UBKT Đảng ủy phường", "CT, PCT UBND phường"],
    "addressees": ["Ủy ban nhân dân thành phố Hải Phòng"],
}


def make_report(session, document=DOCUMENT, **kwargs) -> int:
    report_id, _ = reports.create_from_tree(session, sections.from_json(TREE), document, PERIOD, today=TODAY,
                                            drafting_department_abbr="VHXH", **kwargs)
    return report_id


def build(session, report_id) -> PrintDocument:
    return compose.report_document(session, report_id, today=TODAY)


def texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Para)]


def test_header_and_end_of_a_draft(demo_db):
    with demo_db.unit_of_work() as session:
        doc = build(session, make_report(session))
    assert doc.header.body_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI")
    assert doc.header.number_line == "Số:      /BC-UBND"
    assert doc.header.date_line == "An Hải, ngày     tháng 11 năm 2025"
    assert doc.doc_type == "BÁO CÁO"
    assert doc.summary == "Kết quả thực hiện Nghị quyết số 57-NQ/TW từ ngày 01/7/2025 đến ngày 17/11/2025"
    assert doc.addressees == ("Ủy ban nhân dân thành phố Hải Phòng.",)
    assert doc.recipients == ("- UBKT Đảng ủy phường;", "- CT, PCT UBND phường;", "- Lưu: VT, VHXH.")
    assert texts(doc.closing) == ["Trên đây là báo cáo của Ủy ban nhân dân phường./."]
    assert doc.signature.authority_lines == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert doc.signature.name == "Nguyễn Thế Đức"
    assert doc.metadata.title == f"Báo cáo số /BC-UBND: {doc.summary}"
    assert doc.metadata.author == "Ủy ban nhân dân phường An Hải" and doc.metadata.subject == doc.summary
    assert "BC-UBND" in doc.metadata.keywords and "Báo cáo" in doc.metadata.keywords


def test_a_registered_number_and_a_full_date(demo_db):
    with demo_db.unit_of_work() as session:
        report_id = make_report(session)
        header = reports.get_report(session, report_id).header()
        reports.update_header(session, report_id, replace(header, number=5, date_day=3, date_month=2))
        doc = build(session, report_id)
        reports.update_header(session, report_id, replace(header, number=12))
        twelve = build(session, report_id)
    assert doc.header.number_line == "Số: 05/BC-UBND"
    assert doc.header.date_line == "An Hải, ngày 03 tháng 02 năm 2025"
    assert twelve.header.number_line == "Số: 12/BC-UBND"


def test_headings_follow_the_nd30_styles(demo_db):
    with demo_db.unit_of_work() as session:
        doc = build(session, make_report(session))
    body = [b for b in doc.body if isinstance(b, Para)]
    assert body[0].text == "Ủy ban nhân dân phường báo cáo như sau:"
    part, part_title = body[1], body[2]
    assert part.text == "PHẦN I" and part.align == CENTER and part.runs[0].bold and part.keep_with_next
    assert part_title.text == "KẾT QUẢ THỰC HIỆN" and part_title.align == CENTER and part_title.runs[0].bold
    letter = body[3]
    assert letter.text == "A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO" and letter.runs[0].bold and letter.keep_with_next
    assert letter.align != CENTER
    assert body[4].text == "Đoạn một." and body[4].runs[1].bold and not body[4].keep_with_next
    roman = body[5]
    assert roman.text == "I. VỀ CÔNG TÁC CHỈ ĐẠO" and roman.runs[0].bold
    run_in = body[6]
    assert run_in.text == "1. Thống kê các nhiệm vụ thực hiện: tổng số nhiệm vụ như sau:"
    assert run_in.runs[0].bold and not run_in.runs[-1].bold and not run_in.keep_with_next
    assert body[7].text == "- Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ"
    arabic = next(p for p in body if p.text.startswith("2. "))
    assert arabic.text == "2. Thủ tục hành chính từ ngày 01/7/2025 đến ngày 17/11/2025"
    assert arabic.runs[0].bold and arabic.keep_with_next and not arabic.runs[0].italic
    assert body[body.index(arabic) + 1].text == "- Tiếp nhận 11.962 hồ sơ."
    empty = body[-1]
    assert empty.text == "3. Mục chưa viết" and not empty.keep_with_next  # nothing follows it


def test_appendices_labels_and_attached_line(demo_db):
    document = {**DOCUMENT, "appendices": [
        {"kind": "indicators", "title": "Chỉ tiêu hồ sơ", "group": "OPS.DOSSIER"},
        {"kind": "tasks", "title": "Nhiệm vụ chưa hoàn thành", "filter": "chưa hoàn thành", "landscape": True},
        {"kind": "text", "title": "Ghi chú", "content": "Số liệu tính đến {{đến ngày}}."},
    ]}
    with demo_db.unit_of_work() as session:
        report_id = make_report(session, document)
        doc = build(session, report_id)
        reports.set_appendices(session, report_id, document["appendices"][:1])
        single = build(session, report_id)
    assert [a.label for a in doc.appendices] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    assert single.appendices[0].label == "Phụ lục"
    first, second, third = doc.appendices
    assert first.attached_line == ("(Kèm theo Báo cáo số      /BC-UBND ngày     tháng 11 năm 2025 "
                                   "của Ủy ban nhân dân phường An Hải)")
    assert isinstance(first.blocks[0], Table) and first.blocks[0].rows[0].cells[3] == "11.962"
    assert not first.landscape and second.landscape and isinstance(second.blocks[0], Table)
    assert texts(third.blocks) == ["Số liệu tính đến 17/11/2025."]


def test_problems_show_inline_in_a_draft(demo_db):
    with demo_db.unit_of_work() as session:
        report_id = make_report(session, {**DOCUMENT, "opening": "Theo {{ngày ký}}:\n[[Bảng lạ]]"})
        doc, problems = compose.build_report_document(session, report_id, today=TODAY)
    assert texts(doc.body)[:2] == ["Theo [chưa rõ: {{ngày ký}}]:", "[chưa rõ: [[Bảng lạ]]]"]
    assert [p.name for p in problems] == ["{{ngày ký}}", "[[Bảng lạ]]"]


def test_document_json_round_trip(demo_db):
    with demo_db.unit_of_work() as session:
        report_id = make_report(session, {**DOCUMENT, "appendices": [
            {"kind": "indicators", "title": "Chỉ tiêu", "catalogue": "nq71", "landscape": True}]})
        doc = build(session, report_id)
    text = compose.document_to_json(doc)
    assert compose.document_from_json(text) == doc
    import pytest

    from desktop.core.errors import UserError

    for bad in ("không phải json", '{"format": "khác"}', '{"format": "nq57-document", "document": {"_": "X"}}'):
        with pytest.raises(UserError):
            compose.document_from_json(bad)


def test_an_issued_report_prints_from_its_frozen_copy(demo_db):
    with demo_db.unit_of_work() as session:
        report_id = make_report(session)
        reports.issue_report(session, report_id, number=9, today=TODAY)
        frozen = session.get(Report, report_id).frozen
        session.get(Report, report_id).frozen = frozen.replace("11.962", "99.999")  # what is stored is printed
    with demo_db.read() as session:
        doc = compose.report_document(session, report_id)
    assert "- Tiếp nhận 99.999 hồ sơ." in texts(doc.body)


def test_the_demo_plan_prints(demo_db):
    with demo_db.read() as session:
        plan_id = session.scalar(select(Plan.id).where(Plan.number_symbol == "70/KH-UBND"))
        doc = compose.plan_document(session, plan_id)
        from desktop.core.plans import get_plan

        detail = get_plan(session, plan_id)
    assert doc.header.number_line == "Số: 70/KH-UBND"
    assert doc.header.date_line == "An Hải, ngày 18 tháng 9 năm 2025"
    assert doc.doc_type == "KẾ HOẠCH" and doc.summary == detail.header.summary
    body = texts(doc.body)
    assert body[0].startswith("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá")
    assert body[0].endswith("Ủy ban nhân dân phường xây dựng Kế hoạch thực hiện cụ thể như sau:")
    assert "Kế hoạch số 12-KH/TU ngày 26/8/2025 của Ban Thường vụ Thành ủy Hải Phòng" in body[0]
    assert body[1] == "A. MỤC ĐÍCH, YÊU CẦU" and body[2] == "1. Mục đích"
    assert body.count("1. Mục đích") == 1  # purpose is in the tree already: not printed twice
    item = next(p for p in doc.body if isinstance(p, Para) and p.text.startswith("1.1. "))
    assert not item.runs[0].bold and not item.keep_with_next  # a plan item, not a heading
    assert texts(doc.closing)[0].startswith("Trên đây là Kế hoạch thực hiện Nghị quyết số 57-NQ/TW")
    assert doc.recipients[-1] == "- Lưu: VT, VHXH." and doc.recipients[0].endswith(";")
    assert doc.signature.name == "Nguyễn Thế Đức"
    (appendix,) = doc.appendices
    assert appendix.label == "Phụ lục" and appendix.landscape
    assert appendix.attached_line == ("(Kèm theo Kế hoạch số 70/KH-UBND ngày 18 tháng 9 năm 2025 "
                                      "của Ủy ban nhân dân phường An Hải)")
    (table,) = appendix.blocks
    task_rows = [r for r in table.rows if not r.group]
    assert len(task_rows) == len(detail.appendix) and [r.cells[0] for r in task_rows] == \
        [str(n) for n in range(1, len(task_rows) + 1)]
    assert table.rows[0].group and table.rows[0].cells[0].startswith("I. ")
    assert doc.metadata.title.startswith("Kế hoạch số 70/KH-UBND: ")


def test_plan_with_the_targets_appendix_and_custom_recipients(demo_db):
    with demo_db.read() as session:
        plan_id = session.scalar(select(Plan.id))
        doc = compose.plan_document(session, plan_id, recipients=["Sở Khoa học và Công nghệ (để b/c)"],
                                    appendices=("targets", "plan_tasks"))
    assert doc.recipients == ("- Sở Khoa học và Công nghệ (để b/c);", "- Lưu: VT, VHXH.")
    assert [a.label for a in doc.appendices] == ["Phụ lục I", "Phụ lục II"]
    targets = doc.appendices[0].blocks[0]
    first = next(r for r in targets.rows if not r.group)
    assert first.cells[1].startswith("Tỷ lệ sử dụng dịch vụ công trực tuyến") and first.cells[3]
