"""The audit trail: an entry for each kind of change, with who, when, fields, old and new values."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select, update

from desktop.core import audit, indicators, outlines, periods, plans, reports, sections, tasks
from desktop.models import AuditEntry, Task
from tests.core.test_reports import PERIOD, TODAY, new_report


def entries(session, table=None, record_id=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if table:
        query = query.where(AuditEntry.table_name == table)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    return [audit._row(e) for e in session.scalars(query)]


def new_task(db, title="Triển khai nền tảng học tập trực tuyến", **kwargs) -> int:
    with db.unit_of_work() as session:
        task_id, _ = tasks.create_task(session, tasks.TaskInput(title=title, **kwargs))
    return task_id


def test_task_create_update_delete_are_recorded_with_who_when_and_values(office_db):
    before = datetime.now().replace(microsecond=0)
    task_id = new_task(office_db, deadline=date(2025, 12, 31), phase="1")
    with office_db.read() as session:
        detail = tasks.get_task(session, task_id)
        (created,) = entries(session, "tasks", task_id)
    assert (created.action, created.who, created.label) == ("create", "kiểm thử", detail.data.title)
    assert before <= created.at <= datetime.now() + timedelta(seconds=1)
    assert created.changes["title"] == ["", detail.data.title]
    assert created.changes["deadline"] == ["", "2025-12-31"]
    assert "Thời hạn: 31/12/2025" in created.text
    with office_db.unit_of_work() as session:
        tasks.update_task(session, task_id, replace(detail.data, deadline=date(2026, 3, 5), phase="2",
                                                    title=detail.data.title + " mở"))
    with office_db.read() as session:
        updated = entries(session, "tasks", task_id)[-1]
    assert updated.action == "update"
    assert updated.changes == {"title": [detail.data.title, detail.data.title + " mở"],
                               "deadline": ["2025-12-31", "2026-03-05"], "phase": ["1", "2"]}
    assert "Thời hạn: 31/12/2025 → 05/03/2026" in updated.text
    with office_db.unit_of_work() as session:
        tasks.update_task(session, task_id, replace(detail.data, deadline=date(2026, 3, 5), phase="2",
                                                    title=detail.data.title + " mở"))  # nothing changed
        tasks.delete_task(session, task_id)
    with office_db.read() as session:
        rows = entries(session, "tasks", task_id)
    assert [r.action for r in rows] == ["create", "update", "delete"]
    assert rows[-1].changes["phase"] == ["2", ""] and rows[-1].label.endswith(" mở")
    assert "Giai đoạn: 2" in rows[-1].text


def test_department_and_coordinators_are_recorded_by_name(office_db):
    from desktop.core import office

    with office_db.read() as session:
        departments = {d.abbreviation: d.id for d in office.list_departments(session)}
    task_id = new_task(office_db, lead_department_id=departments["VHXH"])
    with office_db.unit_of_work() as session:
        data = tasks.get_task(session, task_id).data
        tasks.update_task(session, task_id, replace(data, lead_department_id=departments["VP"],
                                                    coordinator_ids=(departments["KTHTĐT"], departments["TTPVHCC"])))
    with office_db.read() as session:
        last = entries(session, "tasks", task_id)[-1]
    assert last.changes["lead_department_id"] == ["VHXH", "VP"]
    assert last.changes["coordinators"] == ["", "KTHTĐT, TTPVHCC"]


def test_a_status_update_is_a_change_of_its_task(office_db):
    task_id = new_task(office_db)
    with office_db.unit_of_work() as session:
        tasks.record_status(session, task_id, "in_progress", date(2025, 3, 5), "đã họp triển khai")
    with office_db.unit_of_work() as session:
        tasks.record_status(session, task_id, "done", date(2025, 3, 20))
    with office_db.read() as session:
        rows = entries(session, "tasks", task_id)
    assert [r.action for r in rows] == ["create", "update", "update"]  # one entry per unit of work
    assert rows[1].changes["status"] == ["not_started", "in_progress"]
    assert rows[1].changes["status_note"] == ["", "đã họp triển khai"]
    assert rows[2].changes["status"] == ["in_progress", "done"]
    assert rows[2].changes["completed_on"] == ["", "2025-03-20"]
    assert rows[2].text.startswith("Trạng thái: Đang thực hiện → Hoàn thành")
    with office_db.unit_of_work() as session:
        entry_id = session.scalar(select(Task).where(Task.id == task_id)).history[-1].id
        tasks.delete_status_entry(session, entry_id)
    with office_db.read() as session:
        last = entries(session, "tasks", task_id)[-1]
    assert last.changes["status"] == ["done", "in_progress"] and last.changes["completed_on"] == ["2025-03-20", ""]


def test_plan_fields_sections_and_deletion(office_db):
    with office_db.unit_of_work() as session:
        plan_id, _ = plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch thực hiện NQ57", year=2025))
    with office_db.unit_of_work() as session:
        plans.save_plan(session, plan_id, plans.PlanHeader(summary="Kế hoạch thực hiện NQ57", year=2025,
                                                           number_symbol="70/KH-UBND", issued_on=date(2025, 3, 5)))
        section_id, _ = plans.add_child_section(session, plan_id, None, plans.SectionInput(heading="MỤC ĐÍCH"))
    with office_db.unit_of_work() as session:
        plans.update_section(session, section_id, plans.SectionInput(heading="MỤC ĐÍCH, YÊU CẦU", body="Nội dung"))
    task_id = new_task(office_db, plan_id=plan_id)
    with office_db.read() as session:
        plan_rows = entries(session, "plans", plan_id)
        section_rows = entries(session, "plan_sections", section_id)
    assert [r.action for r in plan_rows] == ["create", "update"]
    assert plan_rows[1].changes == {"number_symbol": ["", "70/KH-UBND"], "issued_on": ["", "2025-03-05"]}
    assert plan_rows[1].label == "Kế hoạch 70/KH-UBND"
    assert [r.action for r in section_rows] == ["create", "update"]
    assert section_rows[1].changes["heading"] == ["MỤC ĐÍCH", "MỤC ĐÍCH, YÊU CẦU"]
    # The plan's deletion goes through bulk statements: still recorded, tasks detached too.
    with office_db.unit_of_work() as session:
        plans.delete_plan(session, plan_id, detach_tasks=True)
    with office_db.read() as session:
        assert entries(session, "plans", plan_id)[-1].action == "delete"
        assert entries(session, "plans", plan_id)[-1].changes["number_symbol"] == ["70/KH-UBND", ""]
        assert entries(session, "plan_sections", section_id)[-1].action == "delete"
        detached = entries(session, "tasks", task_id)[-1]
    assert detached.action == "update" and detached.changes["plan_id"] == ["70/KH-UBND", ""]


def test_indicator_values_saved_through_the_indicator_service(office_db):
    period = periods.parse("2025-Q3")
    with office_db.unit_of_work() as session:
        indicators.save_values(session, period, {"OPS.DOSSIER.RECEIVED": "1.250"})
    with office_db.unit_of_work() as session:
        indicators.save_values(session, period, {"OPS.DOSSIER.RECEIVED": "1.300"})
    with office_db.unit_of_work() as session:
        indicators.save_values(session, period, {"OPS.DOSSIER.RECEIVED": ""})
    with office_db.read() as session:
        rows = entries(session, "indicator_values")
    assert [r.action for r in rows] == ["create", "update", "delete"]
    assert rows[0].changes["value_text"] == ["", "1250"]
    assert rows[1].changes == {"value_text": ["1250", "1300"]}
    assert rows[0].label.startswith("OPS.DOSSIER.RECEIVED") and "quý III/2025" in rows[0].label
    assert rows[0].changes["indicator_id"] == ["", "OPS.DOSSIER.RECEIVED"]


def test_report_header_autosave_issue_and_number(office_db):
    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        key = reports.get_report(session, report_id).tree[0].key
    with office_db.unit_of_work() as session:
        header = reports.get_report(session, report_id).header()
        reports.update_header(session, report_id, replace(header, date_day=5, date_month=12, drafter_line="NTĐ.05b"))
    for text in ("Đoạn", "Đoạn mới", "Đoạn mới hoàn chỉnh"):  # autosave while typing
        with office_db.unit_of_work() as session:
            reports.save_section_content(session, report_id, key, text)
    with office_db.unit_of_work() as session:
        reports.save_section_content(session, report_id, reports.OPENING_KEY, "Mở đầu mới")
    with office_db.read() as session:
        rows = entries(session, "reports", report_id)
    assert [r.action for r in rows] == ["create", "update", "update", "update"]
    assert rows[1].changes == {"date_day": ["", "5"], "date_month": ["11", "12"], "drafter_line": ["", "NTĐ.05b"]}
    assert rows[2].changes == {"sections": ["", "nội dung đã thay đổi"]}  # three saves, one entry, no full text
    assert rows[2].text == "Nội dung các mục: nội dung đã thay đổi"
    assert rows[3].changes["opening"][1] == "Mở đầu mới"
    with office_db.unit_of_work() as session:
        reports.issue_report(session, report_id, number=5, today=TODAY)
    with office_db.read() as session:
        issued = entries(session, "reports", report_id)[-1]
        (number,) = entries(session, "document_numbers")
        stored = session.get(AuditEntry, issued.id).changes
    assert issued.changes["status"] == ["draft", "issued"] and issued.changes["number"] == ["", "5"]
    assert issued.changes["frozen"] == ["", "nội dung đã thay đổi"] and len(stored) < 2000
    assert issued.label == "Báo cáo 05/BC-UBND"
    assert "Trạng thái: Dự thảo → Đã ban hành" in issued.text
    assert number.action == "create" and number.label == "Số 05/BC-UBND năm 2025"
    with office_db.unit_of_work() as session:
        reports.register_number(session, "BC-UBND", 2025, 6, summary="Văn bản viết tay", registered_on=TODAY)
    with office_db.read() as session:
        last = entries(session, "document_numbers")[-1]
    assert last.changes["summary"] == ["", "Văn bản viết tay"] and last.changes["registered_on"][1] == "2025-11-20"
    assert PERIOD


def test_autosave_is_not_coalesced_across_people_or_after_five_minutes(office_db):
    from desktop.db import Database

    with office_db.unit_of_work() as session:
        report_id = new_report(session)
        key = reports.get_report(session, report_id).tree[0].key
    with office_db.unit_of_work() as session:
        reports.save_section_content(session, report_id, key, "Một")
    other = Database(office_db.folder, user="Trần Văn Bình")
    with other.unit_of_work() as session:
        reports.save_section_content(session, report_id, key, "Hai")
    other.close()
    with office_db.unit_of_work() as session:
        session.execute(update(AuditEntry).values(at=datetime.now() - timedelta(minutes=6)))
    with office_db.unit_of_work() as session:
        reports.save_section_content(session, report_id, key, "Ba")
    with office_db.read() as session:
        rows = entries(session, "reports", report_id)
    assert [r.who for r in rows] == ["kiểm thử", "kiểm thử", "Trần Văn Bình", "kiểm thử"]


def test_outline_save_is_recorded(db):
    tree = (sections.SectionNode(key="k0", numbering="roman", heading="MỘT"),)
    with db.unit_of_work() as session:
        outline_id, _ = outlines.save_outline(session, None, "Đề cương quý", "report", "", outlines.DocumentDefaults(),
                                              tree)
    with db.unit_of_work() as session:
        outlines.save_outline(session, outline_id, "Đề cương quý", "report", "Mô tả mới", outlines.DocumentDefaults(),
                              tree + (sections.SectionNode(key="k1", numbering="roman", heading="HAI"),))
    with db.read() as session:
        rows = entries(session, "outlines", outline_id)
    assert [r.action for r in rows] == ["create", "update"]
    assert rows[1].changes == {"description": ["", "Mô tả mới"], "sections": ["", "nội dung đã thay đổi"]}
    assert rows[0].label == "Đề cương quý"


def test_long_texts_are_truncated_and_values_rendered():
    from decimal import Decimal

    assert audit.render(Decimal("81.60")) == "81.60" and audit.render(date(2025, 3, 5)) == "2025-03-05"
    assert audit.render(None) == "" and audit.render(b"\x00") == ""
    long = audit.render("x" * 5000)
    assert len(long) == audit.TEXT_LIMIT and long.endswith("…")
    assert audit.show_value("recurrence", "continuous") == "Thường xuyên"
    assert audit.show_value("deadline", "") == "(trống)"


def test_the_os_login_is_used_when_no_one_was_chosen(folder, monkeypatch):
    from desktop.db import Database

    monkeypatch.setattr(audit.getpass, "getuser", lambda: "lan.nguyen")
    database = Database(folder)
    try:
        task_id = new_task(database)
        with database.read() as session:
            assert entries(session, "tasks", task_id)[0].who == "lan.nguyen"
    finally:
        database.close()


def test_history_and_search_filter_by_person_kind_dates_and_words(office_db):
    from desktop.db import Database

    task_id = new_task(office_db, title="Số hóa hồ sơ một cửa")
    other = Database(office_db.folder, user="Trần Văn Bình")
    with other.unit_of_work() as session:
        plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch chuyển đổi số"))
        tasks.record_status(session, task_id, "done", date(2025, 3, 5))
    other.close()
    with office_db.read() as session:
        assert [r.action for r in audit.history(session, "tasks", task_id)] == ["update", "create"]
        assert {r.who for r in audit.search(session, who="Trần Văn Bình")} == {"Trần Văn Bình"}
        assert {r.table for r in audit.search(session, table="plans")} == {"plans"}
        assert [r.record_id for r in audit.search(session, text="mot cua")] == [task_id, task_id]
        assert [r.action for r in audit.search(session, text="hoan thanh")] == ["update"]
        assert audit.search(session, since=date.today() + timedelta(days=1)) == []
        assert len([r for r in audit.search(session, until=date.today()) if r.table in ("tasks", "plans")]) == 3
        assert len(audit.search(session, limit=2)) == 2
        assert audit.people(session) == ["kiểm thử", "Trần Văn Bình"]


def test_migration_upgrades_a_0003_database_keeping_its_data(tmp_path):
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from desktop import db as dbmod
    from desktop.migrations import HEAD, SCRIPT_LOCATION
    from desktop.paths import DataFolder

    folder = DataFolder(tmp_path / "cũ").ensure()
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    engine = dbmod.make_engine(folder.database)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    engine.dispose()
    con = sqlite3.connect(folder.database)
    con.execute("INSERT INTO tasks (title, details, position, lead_note, coordination_note, expected_output, "
                "recurrence, deadline_note, phase, created_by, updated_by, uid) "
                "VALUES ('Giữ nguyên', '', 0, '', '', '', 'none', '', '', '', '', 'u1')")
    con.commit()
    con.close()
    backup = dbmod.migrate(folder)
    assert backup is not None and dbmod.current_revision(folder.database) == HEAD
    database = dbmod.Database(folder, user="kiểm thử")
    try:
        with database.unit_of_work() as session:
            task = session.scalar(select(Task))
            assert task.title == "Giữ nguyên"
            task.title = "Đã sửa"
        with database.read() as session:
            (row,) = audit.history(session, "tasks", task.id)
        assert row.changes == {"title": ["Giữ nguyên", "Đã sửa"]} and row.record_id == task.id
    finally:
        database.close()


def test_overhead_of_the_hook_on_1000_task_updates(office_db, monkeypatch):
    """Measured, not a budget: printed with -s. The hook must stay cheap next to SQLite itself."""
    ids = []
    with office_db.unit_of_work() as session:
        for i in range(1000):
            task = Task(title=f"Nhiệm vụ {i}")
            session.add(task)
        session.flush()
        ids = list(session.scalars(select(Task.id)))

    def save_all(suffix: str) -> float:
        started = time.perf_counter()
        with office_db.unit_of_work() as session:
            for task in session.scalars(select(Task).where(Task.id.in_(ids))):
                task.title = task.title + suffix
                session.flush()
        return time.perf_counter() - started

    with_hook = save_all(" a")
    monkeypatch.setattr(audit, "_record_flush", lambda session: None)
    without = save_all(" b")
    print(f"\n1,000 task updates: with audit {with_hook * 1000:.0f} ms, without {without * 1000:.0f} ms")
    with office_db.read() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "update")) is not None
    assert with_hook < without * 10 + 2


def test_directives_office_departments_signers_and_indicator_definitions_are_recorded(office_db):
    from desktop.core import directives, office

    with office_db.unit_of_work() as session:
        directive_id, _ = directives.save_directive(session, directives.DirectiveRow(
            None, "12-KH/TU", doc_type="plan", issued_on=date(2025, 8, 26), issuer="Ban Thường vụ Thành ủy"))
    with office_db.unit_of_work() as session:
        row = directives.get_directive(session, directive_id)
        directives.save_directive(session, replace(row, summary="Kế hoạch thực hiện Nghị quyết 57"))
        profile = office.get_office(session)
        office.save_office(session, replace(profile, place_name="Hải An"))
        department_id, _ = office.save_department(session, office.DepartmentRow(None, "Tổ Công nghệ số", "CNS"))
        signer_id, _ = office.save_signer(session, office.SignerRow(None, "Lê Văn Tám", "PHÓ CHỦ TỊCH", "kt",
                                                                    "CHỦ TỊCH"))
    with office_db.unit_of_work() as session:
        indicators.ensure_catalogues(session)
    with office_db.unit_of_work() as session:
        current = indicators.get_indicator(session, "OPS.DOSSIER.RECEIVED")
        indicators.save_indicator(session, indicators.IndicatorInput(
            code=current.code, name=current.name + " (cả trực tuyến)", group_code=current.group_code,
            unit=current.unit, kind=current.kind, id=current.id))
    with office_db.read() as session:
        directive_rows = entries(session, "directives", directive_id)
        assert [r.action for r in directive_rows] == ["create", "update"]
        assert directive_rows[0].label == "12-KH/TU" and "Cơ quan ban hành: Ban Thường vụ Thành ủy" in directive_rows[0].text
        assert directive_rows[1].changes == {"summary": ["", "Kế hoạch thực hiện Nghị quyết 57"]}
        (unit_change,) = [r for r in entries(session, "units") if r.action == "update"]
        assert unit_change.changes["place_name"][1] == "Hải An" and "Địa danh" in unit_change.text
        assert entries(session, "departments", department_id)[0].label == "Tổ Công nghệ số"
        assert "Thẩm quyền ký" in entries(session, "signers", signer_id)[0].text
        (changed,) = [r for r in entries(session, "indicators") if r.action == "update"]
        assert changed.changes["name"][1].endswith("(cả trực tuyến)")


def test_evidence_and_plan_basis_are_changes_of_their_task_and_plan(office_db):
    from desktop.core import directives

    task_id = new_task(office_db)
    with office_db.unit_of_work() as session:
        tasks.add_evidence_citation(session, task_id, "Kế hoạch số 53/KH-UBND ngày 17/9/2025")
        plan_id, _ = plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch chuyển đổi số"))
        first = directives.find_by_number(session, "57-NQ/TW") or directives.get_directive(
            session, directives.save_directive(session, directives.DirectiveRow(None, "57-NQ/TW"))[0])
        plans.set_basis(session, plan_id, [first.id])
    with office_db.unit_of_work() as session:
        (evidence,) = tasks.get_task(session, task_id).evidence
        tasks.remove_evidence(session, evidence.id)
    with office_db.read() as session:
        rows = entries(session, "tasks", task_id)
        assert rows[1].changes == {"evidence": ["", "Kế hoạch số 53/KH-UBND ngày 17/9/2025"]}
        assert rows[2].changes == {"evidence": ["Kế hoạch số 53/KH-UBND ngày 17/9/2025", ""]}
        assert "Minh chứng" in rows[2].text
        plan_rows = entries(session, "plans", plan_id)
        assert [r.action for r in plan_rows] == ["create"]  # the basis merges into the same action's entry
        assert plan_rows[0].changes["basis"] == ["", "57-NQ/TW"]
    with office_db.unit_of_work() as session:
        plans.set_basis(session, plan_id, [])
    with office_db.read() as session:
        assert entries(session, "plans", plan_id)[-1].changes == {"basis": ["57-NQ/TW", ""]}
