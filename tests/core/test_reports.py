"""Report documents: created from an outline, edited as drafts, issued (figures frozen), revised,
and the register of document numbers."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desktop.core import compose, indicators, periods, reports, sections, tasks
from desktop.core.changes import REPORTS
from desktop.core.errors import NotFound, UserError, ValidationError
from desktop.core.office import set_setting
from desktop.models import Outline, Report, Signer, Task

PERIOD = "2025-07-01..2025-11-17"
TODAY = date(2025, 11, 20)

OUTLINE_SECTIONS = [
    {"key": "a", "numbering": "upper_letter", "heading": "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
     "guidance": "Nêu văn bản đã ban hành.", "content": "Ủy ban nhân dân phường đã ban hành kế hoạch."},
    {"key": "b", "numbering": "upper_letter", "heading": "TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "children": [
        {"key": "b1", "numbering": "arabic", "heading": "Thống kê các nhiệm vụ thực hiện:", "run_in": True,
         "content": "kết quả như sau:\n[[Nhiệm vụ theo giai đoạn]]"},
        {"key": "b2", "numbering": "arabic", "heading": "Thủ tục hành chính",
         "content": "Tiếp nhận {{OPS.DOSSIER.RECEIVED}} hồ sơ, tỷ lệ trực tuyến "
                    "{{OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED}}."},
    ]},
]
OUTLINE_DOCUMENT = {
    "doc_type": "BÁO CÁO", "symbol": "BC-UBND",
    "summary": "Kết quả thực hiện Nghị quyết số 57-NQ/TW {{kỳ báo cáo}}",
    "addressees": ["Ủy ban nhân dân thành phố Hải Phòng"],
    "opening": "{{đơn vị}} báo cáo kết quả {{kỳ báo cáo}} như sau:",
    "closing": "Trên đây là báo cáo {{kỳ báo cáo}}./.",
    "recipients": ["- UBKT Đảng ủy phường;", "CT, PCT UBND phường"],
    "appendices": [{"title": "Chỉ tiêu", "content": "[[Bảng chỉ tiêu: OPS.DOSSIER]]", "landscape": False}],
}


def add_outline(session, kind: str = "report") -> int:
    outline = Outline(name="Đề cương thử", kind=kind, document=json.dumps(OUTLINE_DOCUMENT, ensure_ascii=False),
                      sections=json.dumps(OUTLINE_SECTIONS, ensure_ascii=False))
    session.add(outline)
    session.flush()
    return outline.id


def new_report(session, **kwargs) -> int:
    report_id, changes = reports.create_report(session, add_outline(session), PERIOD, today=TODAY, **kwargs)
    assert changes.touches(REPORTS)
    return report_id


# ------------------------------------------------------------------ creating


def test_create_from_an_outline(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
    with office_db.read() as session:
        detail = reports.get_report(session, report_id)
    assert detail.status == "draft" and not detail.frozen and detail.kind == "report"
    assert detail.outline_name == "Đề cương thử"
    assert detail.period_code == PERIOD and detail.period_name == "từ ngày 01/7/2025 đến ngày 17/11/2025"
    assert (detail.doc_type, detail.symbol, detail.number, detail.number_symbol) == ("BÁO CÁO", "BC-UBND", None,
                                                                                    "/BC-UBND")
    assert (detail.year, detail.date_month, detail.date_day) == (2025, 11, None)
    assert detail.summary == OUTLINE_DOCUMENT["summary"]  # fields stay until shown or printed
    assert detail.addressees == ("Ủy ban nhân dân thành phố Hải Phòng",)
    assert detail.recipients == ("UBKT Đảng ủy phường", "CT, PCT UBND phường", "Lưu: VT, VP")
    assert detail.signer.full_name == "Nguyễn Thế Đức"  # the default signer
    assert detail.appendices == ({"kind": "text", "title": "Chỉ tiêu", "content": "[[Bảng chỉ tiêu: OPS.DOSSIER]]",
                                  "landscape": False},)
    outline_keys = {"a", "b", "b1", "b2"}
    keys = [node.key for node, _ in sections.walk(detail.tree)]
    assert len(keys) == 4 and not outline_keys & set(keys)
    assert [node.heading for node, _ in sections.walk(detail.tree)][2] == "Thống kê các nhiệm vụ thực hiện:"
    assert detail.problems == ()


def test_create_with_overrides_and_the_drafting_department(office_db):
    with office_db.unit_of_work() as session:
        signer_id = session.scalar(select(Signer.id).where(Signer.full_name == "Cao Huy Hiếu"))
        report_id = new_report(session, summary="Tóm tắt khác", symbol="bc-vhxh", signer_id=signer_id,
                               drafting_department_abbr="VHXH")
        set_setting(session, reports.DRAFTING_DEPARTMENT, "TTPVHCC")
        second = new_report(session)
    with office_db.read() as session:
        detail = reports.get_report(session, report_id)
        assert reports.get_report(session, second).recipients[-1] == "Lưu: VT, TTPVHCC"
    assert detail.summary == "Tóm tắt khác" and detail.symbol == "BC-VHXH"
    assert detail.signer.full_name == "Cao Huy Hiếu" and detail.recipients[-1] == "Lưu: VT, VHXH"


def test_create_refuses_a_missing_outline_or_bad_period(office_db):
    with office_db.unit_of_work() as session:
        with pytest.raises(NotFound):
            reports.create_report(session, 999, PERIOD)
        outline_id = add_outline(session)
        with pytest.raises(UserError):
            reports.create_report(session, outline_id, "2025-Q7")


# ------------------------------------------------------------------ header


def test_header_validation_names_each_field(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        header = reports.get_report(session, report_id).header()
        with pytest.raises(ValidationError) as error:
            reports.update_header(session, report_id, replace(
                header, symbol="BC UBND xx!", number=0, date_day=31, date_month=2, doc_type=" ", signer_id=999))
        assert set(error.value.problems) == {"symbol", "number", "date", "doc_type", "signer_id"}
        assert "31/2/2025" in error.value.problems["date"]
        with pytest.raises(ValidationError) as error:
            reports.update_header(session, report_id, replace(header, date_day=5, date_month=None))
        assert "tháng" in error.value.problems["date"]
        with pytest.raises(ValidationError) as error:
            reports.update_header(session, report_id, replace(header, year=1999, period_code="abc"))
        assert set(error.value.problems) == {"year", "period_code"}
    with office_db.read() as session:
        assert reports.get_report(session, report_id).symbol == "BC-UBND"  # nothing saved


def test_header_is_cleaned_and_saved(office_db):
    decomposed = unicodedata.normalize("NFD", "Báo cáo   kết quả  quý")
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        header = reports.get_report(session, report_id).header()
        reports.update_header(session, report_id, replace(
            header, summary=decomposed, number=5, date_day=5, date_month=12, symbol=" bc-ubnd ",
            recipients=("- Như trên;", "Lưu: VT, VHXH."), addressees=("  - Sở Khoa học và Công nghệ; ",),
            period_code="2025-q4", drafter_line="NTĐ.05b"))
    with office_db.read() as session:
        detail = reports.get_report(session, report_id)
    assert detail.summary == unicodedata.normalize("NFC", "Báo cáo kết quả quý")
    assert (detail.number, detail.date_day, detail.date_month, detail.symbol) == (5, 5, 12, "BC-UBND")
    assert detail.number_symbol == "05/BC-UBND"
    assert detail.recipients == ("Như trên", "Lưu: VT, VHXH")
    assert detail.addressees == ("Sở Khoa học và Công nghệ",)
    assert detail.period_code == "2025-Q4" and detail.drafter_line == "NTĐ.05b"


# ------------------------------------------------------------------ sections


def test_autosave_one_section(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        key = [n.key for n, _ in sections.walk(reports.get_report(session, report_id).tree)][0]
    with office_db.unit_of_work() as session:
        changes = reports.save_section_content(session, report_id, key, "Đoạn mới\r\n- ý một  ")
        assert changes.touches(REPORTS)
        reports.save_section_content(session, report_id, reports.OPENING_KEY, "Mở đầu mới")
        reports.save_section_content(session, report_id, reports.CLOSING_KEY, "Kết thúc mới./.")
        with pytest.raises(UserError):
            reports.save_section_content(session, report_id, "khong-co", "x")
    with office_db.read() as session:
        detail = reports.get_report(session, report_id)
    assert sections.find(detail.tree, key).content == "Đoạn mới\n- ý một"
    assert (detail.opening, detail.closing) == ("Mở đầu mới", "Kết thúc mới./.")


def test_autosave_is_one_row_update(office_db):
    from sqlalchemy import event

    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        key = [n.key for n, _ in sections.walk(reports.get_report(session, report_id).tree)][-1]
    statements: list[str] = []
    with office_db.unit_of_work() as session:
        engine = session.get_bind()

        def count(conn, cursor, statement, *args):
            if "audit_entries" not in statement:  # the audit trail's own row is counted in test_audit
                statements.append(statement.split()[0].upper())

        event.listen(engine, "before_cursor_execute", count)
        try:
            reports.save_section_content(session, report_id, key, "Nội dung gõ vào")
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert statements.count("UPDATE") == 1 and statements.count("SELECT") == 1


def test_tree_edits(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        tree = reports.get_report(session, report_id).tree
        tree, new_key = sections.add_child(tree, tree[1].key)
        tree = sections.update(tree, new_key, heading="Kiến nghị, đề xuất")
        reports.set_tree(session, report_id, tree)
        reports.update_section(session, report_id, new_key, content="- Đề nghị bổ sung kinh phí.", bold=False)
        with pytest.raises(ValidationError):
            reports.update_section(session, report_id, new_key, numbering="zigzag")
        deep = sections.SectionNode(key="d0")
        for depth in range(1, 10):
            deep = sections.SectionNode(key=f"d{depth}", children=(deep,))
        with pytest.raises(UserError):
            reports.set_tree(session, report_id, tree + (deep,))
    with office_db.read() as session:
        detail = reports.get_report(session, report_id)
    node = sections.find(detail.tree, new_key)
    assert node.heading == "Kiến nghị, đề xuất" and node.content.startswith("- Đề nghị") and node.bold is False
    assert sections.labels(detail.tree)[new_key] == "3."


def test_appendix_specs_are_checked(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        reports.set_appendices(session, report_id, [
            {"kind": "tasks", "title": "Nhiệm vụ chưa hoàn thành", "filter": "chưa hoàn thành", "landscape": True},
            {"kind": "indicators", "title": "Chỉ tiêu", "catalogue": "nq71"},
            {"kind": "targets"},
        ])
        for bad in ({"kind": "hình ảnh", "title": "x"}, {"kind": "tasks"}, {"kind": "indicators", "title": "x"},
                    {"kind": "tasks", "title": "x", "filter": "sắp tới"}, {"kind": "text", "title": 5},
                    "không phải phụ lục"):
            with pytest.raises(UserError):
                reports.set_appendices(session, report_id, [bad])
    with office_db.read() as session:
        specs = reports.get_report(session, report_id).appendices
    assert [s["kind"] for s in specs] == ["tasks", "indicators", "targets"]


# ------------------------------------------------------------------ issuing and freezing


def _change_the_data(session) -> None:
    """A task of phase 1 reopened and an indicator of the period corrected — after issuing."""
    task_id = session.scalar(select(Task.id).where(Task.phase == "1").order_by(Task.id))
    tasks.record_status(session, task_id, "in_progress", date(2025, 11, 10), "Mở lại để bổ sung.",
                        today=date.today())
    indicators.save_values(session, periods.parse(PERIOD), {"OPS.DOSSIER.RECEIVED": "12.000", "OPS.DOSSIER.IN_PERSON": "2.235"},
                           confirm_warnings=True)


def test_issue_freezes_the_figures(demo_db):
    with demo_db.unit_of_work() as session:
        report_id = new_report(session)
        reports.issue_report(session, report_id, number=7, today=TODAY)
    with demo_db.read() as session:
        issued = compose.report_document(session, report_id)
        row = session.get(Report, report_id)
        assert row.status == "issued" and row.issued_at is not None and row.frozen
    text = " ".join(b.text for b in issued.body if hasattr(b, "text"))
    assert "16/16" in text and "11.962" in text and "9.765/11.962 = 81,6%" in text
    assert issued.header.number_line == "Số: 07/BC-UBND"
    with demo_db.unit_of_work() as session:
        copy_id, _ = reports.revise_report(session, report_id)
        _change_the_data(session)
    with demo_db.read() as session:
        assert compose.report_document(session, report_id) == issued  # unchanged by later edits of data
        draft = compose.report_document(session, copy_id, today=TODAY)
        copy = reports.get_report(session, copy_id)
    assert copy.revision_of_id == report_id and copy.status == "draft" and copy.number is None
    draft_text = " ".join(b.text for b in draft.body if hasattr(b, "text"))
    assert "12.000" in draft_text and "9.765/12.000 = 81,4%" in draft_text and "15/16" in draft_text


def test_an_issued_report_refuses_every_edit(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        reports.update_header(session, report_id, replace(reports.get_report(session, report_id).header(),
                                                          summary="Báo cáo thử"))
        reports.issue_report(session, report_id, today=TODAY)
    with office_db.unit_of_work() as session:
        detail = reports.get_report(session, report_id)
        key = detail.tree[0].key
        attempts = [
            lambda: reports.save_section_content(session, report_id, key, "sửa"),
            lambda: reports.update_header(session, report_id, detail.header()),
            lambda: reports.update_section(session, report_id, key, heading="x"),
            lambda: reports.set_tree(session, report_id, detail.tree),
            lambda: reports.set_appendices(session, report_id, []),
            lambda: reports.issue_report(session, report_id),
        ]
        for attempt in attempts:
            with pytest.raises(UserError) as error:
                attempt()
            assert "đã ban hành" in str(error.value)
        with pytest.raises(UserError):
            reports.delete_report(session, report_id)
        with pytest.raises(UserError):
            reports.revise_report(session, new_report(session))  # only issued ones are revised
        untitled = new_report(session)
        reports.update_header(session, untitled, replace(detail.header(), summary=""))  # a draft may wait
        with pytest.raises(ValidationError) as error:
            reports.issue_report(session, untitled)
        assert "trích yếu" in error.value.problems["summary"]


def test_issue_is_refused_while_names_are_unclear(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        key = reports.get_report(session, report_id).tree[0].key
        reports.save_section_content(session, report_id, key, "Số {{ngày ký}}\n[[Bảng lạ]]")
        detail = reports.get_report(session, report_id)
        assert {p.name for p in detail.problems} == {"{{ngày ký}}", "[[Bảng lạ]]"}
        with pytest.raises(UserError) as error:
            reports.issue_report(session, report_id, number=3)
        assert "«{{ngày ký}}»" in str(error.value) and "«[[Bảng lạ]]»" in str(error.value)
    with office_db.read() as session:
        assert session.get(Report, report_id).status == "draft"
        assert reports.list_numbers(session, 2025) == []


# ------------------------------------------------------------------ number register


def test_number_register_suggests_the_next_and_restarts_each_year(office_db):
    with office_db.unit_of_work() as session:
        assert reports.suggest_number(session, "BC-UBND", 2025) == 1
        for number in (1, 2, 5):
            reports.register_number(session, "BC-UBND", 2025, number, summary=f"Báo cáo {number}",
                                    registered_on=date(2025, 3, number))
        reports.register_number(session, "KH-UBND", 2025, 70, summary="Kế hoạch")
        assert reports.suggest_number(session, "BC-UBND", 2025) == 6
        assert reports.suggest_number(session, "bc-ubnd", 2025) == 6
        assert reports.suggest_number(session, "BC-UBND", 2026) == 1  # numbering restarts on 1 January
        assert reports.suggest_number(session, "KH-UBND", 2025) == 71
        with pytest.raises(ValidationError) as error:
            reports.register_number(session, "BC-UBND", 2025, 2)
        message = error.value.problems["number"]
        assert "02/BC-UBND năm 2025" in message and "Báo cáo 2" in message and "06" in message
        reports.register_number(session, "BC-UBND", 2026, 2)  # the same number, another year
        with pytest.raises(ValidationError):
            reports.register_number(session, "BC-UBND", 2025, 0)
    with office_db.read() as session:
        listed = reports.list_numbers(session, 2025)
    assert [r.number_symbol for r in listed] == ["01/BC-UBND", "02/BC-UBND", "05/BC-UBND", "70/KH-UBND"]


def test_issuing_registers_the_number_and_refuses_a_taken_one(office_db):
    with office_db.unit_of_work() as session:
        first = new_report(session)
        reports.issue_report(session, first, number=reports.suggest_number(session, "BC-UBND", 2025), today=TODAY)
        second = new_report(session)
        with pytest.raises(ValidationError):
            reports.issue_report(session, second, number=1)
        header = reports.get_report(session, second).header()
        with pytest.raises(ValidationError):
            reports.update_header(session, second, replace(header, number=1))
        reports.issue_report(session, second, number=reports.suggest_number(session, "BC-UBND", 2025))
        third = new_report(session)
        reports.issue_report(session, third)  # number left blank for the clerk: nothing registered
    with office_db.read() as session:
        numbers = reports.list_numbers(session, 2025)
        assert [(n.number, n.report_id) for n in numbers] == [(1, first), (2, second)]
        assert numbers[0].summary.startswith("Kết quả thực hiện Nghị quyết số 57-NQ/TW từ ngày 01/7/2025")
        assert compose.report_document(session, third).header.number_line == "Số:      /BC-UBND"


def test_delete_and_list(office_db):
    with office_db.unit_of_work() as session:
        draft = new_report(session)
        issued = new_report(session)
        reports.issue_report(session, issued, number=4, today=TODAY)
    with office_db.read() as session:
        rows = reports.list_reports(session)
    assert [r.id for r in rows] == [draft, issued]  # drafts first
    assert rows[1].number_symbol == "04/BC-UBND" and rows[1].frozen and rows[1].status_label == "Đã ban hành"
    assert rows[0].summary == "Kết quả thực hiện Nghị quyết số 57-NQ/TW từ ngày 01/7/2025 đến ngày 17/11/2025"
    with office_db.unit_of_work() as session:
        reports.delete_report(session, draft)
        reports.delete_report(session, issued, confirm_issued=True)
    with office_db.read() as session:
        assert reports.list_reports(session) == []
        assert [(n.number, n.report_id) for n in reports.list_numbers(session, 2025)] == [(4, None)]
        with pytest.raises(NotFound):
            reports.get_report(session, draft)
