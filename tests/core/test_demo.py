"""The demo database (Phường An Hải) and the built-in directive list behind it."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.core import demo, directives, stats, tasks
from desktop.core import status as st
from desktop.core.errors import UserError
from desktop.models import Directive, Plan, PlanSection, Task, TaskStatusEntry, plan_basis
from desktop.paths import resources_dir

REPORT_DAY = date(2025, 11, 17)  # the An Hải report's cut-off ("từ 01/7/2025 đến 17/11/2025")
REPORT_SOURCES = {"02-KH/BCĐTW", "05-QĐ/BCĐTW", "06-TB/CQTTBCĐ", "44-TB/TGV", "45-TB/TGV", "46-TB/TGV",
                  "07-TB/CQTTBCĐ", "47-TB/TGV"}
REPORT_FIGURES = {"1": 16, "2": 34}
NUMBERING = {"upper_letter", "roman", "arabic", "decimal", "lower_letter", "dash", "plus", "none"}
DIRECTIVES_FILE = resources_dir() / "reference" / "directives.json"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _phase_groups(result: stats.TaskStats) -> dict[str, dict[str, int]]:
    return {group.key: group.counts.as_dict() for group in result.by_phase}


# ------------------------------------------------------------------ reference list


def test_reference_file_is_well_formed():
    raw = json.loads(DIRECTIVES_FILE.read_text(encoding="utf-8"))
    assert raw["format"] == "nq57-directives" and raw["version"] == 1
    items = raw["directives"]
    uids = [item["uid"] for item in items]
    assert all(re.fullmatch(r"[0-9a-f]{32}", uid) for uid in uids)
    assert len(set(uids)) == len(uids)
    numbers = [item["number_symbol"] for item in items]
    assert len(set(numbers)) == len(numbers)
    for item in items:
        assert item["doc_type"] in directives.DOC_TYPES, item
        assert item["issued_on"] is None or date.fromisoformat(item["issued_on"])
        assert item["issuer"] and item["summary"], item
        assert " " not in item["number_symbol"], item
    for text in _strings(raw):
        assert unicodedata.is_normalized("NFC", text), text


def test_reference_list_has_the_documents_the_reference_documents_cite():
    rows = {row.number_symbol: row for row in directives.load_reference()}
    expected = {
        "57-NQ/TW": (date(2024, 12, 22), "Bộ Chính trị"),
        "71/NQ-CP": (date(2025, 4, 1), "Chính phủ"),
        "02-KH/BCĐTW": (date(2025, 6, 19), None),
        "05-QĐ/BCĐTW": (date(2025, 8, 27), None),
        "06-TB/CQTTBCĐ": (date(2025, 9, 27), None),
        "07-TB/CQTTBCĐ": (date(2025, 10, 15), None),
        "44-TB/TGV": (date(2025, 9, 12), None),
        "45-TB/TGV": (date(2025, 9, 30), None),
        "46-TB/TGV": (date(2025, 9, 30), None),
        "47-TB/TGV": (date(2025, 10, 17), None),
        "142/KH-UBND": (date(2025, 6, 9), "Ủy ban nhân dân thành phố Hải Phòng"),
        "12-KH/TU": (date(2025, 8, 26), None),
        "08-KH/ĐU": (date(2025, 9, 4), None),
        "15-CV/UBKTĐU": (date(2025, 11, 3), None),
        "226/2025/QH15": (date(2025, 6, 27), "Quốc hội"),
    }
    for number, (issued_on, issuer) in expected.items():
        assert number in rows, number
        assert rows[number].issued_on == issued_on, number
        if issuer:
            assert rows[number].issuer == issuer, number
    for number in ("14-TB/TGV", "19-TB/TGV", "04-TB/BCĐTW", "27-TB/TGV", "30-TB/TGV", "33-TB/TGV", "35-TB/TGV",
                   "05-TB/BCĐTW", "39-TB/TGV", "42-TB/TGV", "43-TB/TGV", "312-KL/TU", "03-NQ/TU", "284/QĐ-UBND",
                   "110/KH-UBND", "06/QĐ-TTg", "206/QĐ-TTg", "422/QĐ-TTg", "118/2025/NĐ-CP", "30/2020/NĐ-CP",
                   "09/2019/NĐ-CP"):
        assert number in rows, number
    assert rows["118/2025/NĐ-CP"].issued_on is None  # not dated in the documents: never invented
    assert rows["57-NQ/TW"].citation == "Nghị quyết số 57-NQ/TW ngày 22/12/2024"


def test_every_reference_directive_seeds_once(db):
    count = len(directives.load_reference())
    with db.unit_of_work() as session:
        assert directives.seed_reference(session).touches("directives")
    with db.unit_of_work() as session:
        assert not directives.seed_reference(session).touches("directives")
        assert session.scalar(select(func.count()).select_from(Directive)) == count
        stored = {d.uid: d for d in session.scalars(select(Directive))}
    for row in directives.load_reference():
        assert stored[row.uid].number_symbol == row.number_symbol
        assert stored[row.uid].issued_on == row.issued_on


# ------------------------------------------------------------------ demo data files


def test_demo_files_are_nfc_and_of_their_format():
    for name, fmt in demo.FORMATS.items():
        raw = json.loads((demo.demo_dir() / name).read_text(encoding="utf-8"))
        assert raw["format"] == fmt
        for text in _strings(raw):
            assert unicodedata.is_normalized("NFC", text), (name, text)


def test_demo_builds_on_an_empty_database(db, folder):
    task_file = demo.load_demo_file(demo.TASKS_FILE)
    plan_file = demo.load_demo_file(demo.PLAN_FILE)
    office_file = demo.load_demo_file(demo.OFFICE_FILE)
    with db.unit_of_work() as session:
        summary = demo.build_demo(session, folder)
    assert summary == demo.DemoSummary(
        tasks=len(task_file["tasks"]) + len(plan_file["tasks"]),
        plans=1,
        directives=len(directives.load_reference()),
        departments=len(office_file["departments"]),
        signers=len(office_file["signers"]),
    )
    assert len(task_file["tasks"]) == 50 and 10 <= len(plan_file["tasks"]) <= 15


def test_demo_refuses_a_database_with_an_office(office_db, office_folder):
    with office_db.unit_of_work() as session:
        with pytest.raises(UserError):
            demo.build_demo(session, office_folder)
    with office_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_broken_data_file_is_reported_by_name(db, folder, tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(demo.demo_dir(), directory)
    data = json.loads((directory / "tasks.json").read_text(encoding="utf-8"))
    data["tasks"][0]["lead"] = "KHONG-CO"
    (directory / "tasks.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with db.unit_of_work() as session:
        with pytest.raises(UserError, match="tasks.json"):
            demo.build_demo(session, folder, directory=directory)


# ------------------------------------------------------------------ the report's figures


@pytest.mark.parametrize("as_of", [REPORT_DAY, date.today()], ids=["report-day", "today"])
def test_phase_statistics_equal_the_report(demo_db, as_of):
    with demo_db.read() as session:
        groups = _phase_groups(stats.task_stats(session, as_of))
    for phase, assigned in REPORT_FIGURES.items():
        counts = groups[phase]
        assert counts["assigned"] == assigned
        assert counts["done"] == assigned
        assert counts["done_on_time"] == assigned
        assert counts["done_late"] == 0
        assert counts["overdue"] == 0
        assert counts["in_progress_on_time"] == 0
        assert counts["on_track"] == assigned


def test_phase_sentences_read_as_the_report_writes_them(demo_db):
    with demo_db.read() as session:
        lines = stats.phase_sentences(stats.task_stats(session, REPORT_DAY))
    text = "\n".join(lines)
    assert "Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ" in text
    assert "được giao 16 nhiệm vụ" in text and "được giao 34 nhiệm vụ" in text
    assert "16/16, tỷ lệ 100%" in text and "34/34, tỷ lệ 100%" in text
    assert "quá hạn chưa hoàn thành 0, tỷ lệ 0%" in text
    assert "số nhiệm vụ hoàn thành đúng hạn 16, số nhiệm vụ hoàn thành quá hạn 0" in text


def test_phase_tasks_cite_the_reports_sources(demo_db):
    with demo_db.read() as session:
        rows = [r for r in tasks.list_tasks(session, REPORT_DAY) if r.phase]
        sources = session.execute(select(Task.phase, Directive.number_symbol, Task.id)
                                  .join(Task.sources).join(Directive).where(Task.phase != "")).all()
        item_refs = [s.item_ref for t in session.scalars(select(Task).where(Task.phase != "")) for s in t.sources]
    assert len(rows) == 50
    for row in rows:
        assert row.sources and set(row.sources) <= REPORT_SOURCES, row.title
        assert row.lead_id is not None and row.deadline is not None and row.deadline.year == 2025
        assert row.recurrence == st.RECURRENCE_NONE
        assert row.completed_on is not None and row.completed_on <= min(row.deadline, REPORT_DAY)
    assert {number for _, number, _ in sources} == REPORT_SOURCES  # all eight documents are used
    assert all(item_refs)


def test_demo_cites_documents_as_evidence(demo_db):
    with demo_db.read() as session:
        evidence = [
            e for row in tasks.list_tasks(session) for e in tasks.get_task(session, row.id).evidence
        ]
    citations = [e.citation for e in evidence]
    assert any("Kế hoạch số 70/KH-UBND ngày 18/9/2025 của UBND phường An Hải" in c for c in citations)
    assert all(e.kind == "document" for e in evidence) and len(evidence) >= 3


# ------------------------------------------------------------------ the plan


def test_plan_header_basis_and_section_tree(demo_db):
    with demo_db.read() as session:
        plan = session.scalars(select(Plan)).one()
        assert (plan.number_symbol, plan.issued_on, plan.status) == ("70/KH-UBND", date(2025, 9, 18), "issued")
        assert plan.purpose and plan.requirements
        basis = session.execute(
            select(Directive.number_symbol).join(plan_basis, plan_basis.c.directive_id == Directive.id)
            .where(plan_basis.c.plan_id == plan.id).order_by(plan_basis.c.position)
        ).scalars().all()
        assert basis == ["57-NQ/TW", "12-KH/TU", "142/KH-UBND", "08-KH/ĐU", "71/NQ-CP"]

        sections = session.scalars(select(PlanSection).where(PlanSection.plan_id == plan.id)).all()
        by_id = {s.id: s for s in sections}
        top = sorted((s for s in sections if s.parent_id is None), key=lambda s: s.position)
        assert [(s.numbering, s.heading) for s in top] == [("upper_letter", "Mục đích, yêu cầu"),
                                                          ("upper_letter", "Nhiệm vụ, giải pháp")]
        purpose = sorted((s for s in sections if s.parent_id == top[0].id), key=lambda s: s.position)
        assert [s.heading for s in purpose] == ["Mục đích", "Yêu cầu"]
        assert purpose[0].body == plan.purpose and purpose[1].body == plan.requirements
        under_b = sorted((s for s in sections if s.parent_id == top[1].id), key=lambda s: s.position)
        assert [s.numbering for s in under_b] == ["roman"] * 4
        assert [s.heading for s in under_b[2:]] == ["Phân công nhiệm vụ", "Tổ chức thực hiện"]
        items = [s for s in sections if s.parent_id == under_b[1].id]
        assert len(items) == 8 and {s.numbering for s in items} == {"arabic"}
        assert any(s.numbering == "decimal" for s in sections)
        for section in sections:
            assert section.numbering in NUMBERING
            assert not re.match(r"^\s*([A-Z]|[IVX]+|\d+(\.\d+)*)[.)]\s", section.heading), section.heading

        plan_tasks = session.scalars(select(Task).where(Task.plan_id == plan.id).order_by(Task.position)).all()
        positions = [t.position for t in plan_tasks]
        assert 10 <= len(positions) <= 15 and positions == list(range(1, len(positions) + 1))
        assert {t.phase for t in plan_tasks} == {""}
        assert all(t.section_id in by_id for t in plan_tasks)
        assert session.scalar(select(func.count()).select_from(Task).where(Task.plan_id.is_(None))) == 50


def test_plan_tasks_spread_over_every_state(db, folder):
    day = date(2026, 11, 23)
    with db.unit_of_work() as session:
        demo.build_demo(session, folder, today=day)
    with db.read() as session:
        rows = [r for r in tasks.list_tasks(session, day) if r.plan_id is not None]
        later = session.scalar(select(func.count()).select_from(TaskStatusEntry).where(TaskStatusEntry.on_date > day))
    states = [r.status for r in rows]
    assert states.count(st.DONE_LATE) == 1
    assert states.count(st.OVERDUE) == 1
    assert states.count(st.DONE_ON_TIME) >= 5
    assert states.count(st.IN_PROGRESS_ON_TIME) >= 2
    recurring = [r for r in rows if r.recurrence in st.CYCLIC]
    assert recurring and all(r.status == st.IN_PROGRESS_ON_TIME for r in recurring)
    assert len(tasks.due_soon(rows, day)) >= 2
    assert later == 0
    yearly = next(r for r in rows if r.expected_output == "Bản tin, clip, phóng sự")
    assert (yearly.lead, yearly.recurrence) == ("VHXH", "yearly")
    assert any(r.deadline == date(2025, 12, 31) and r.deadline_note == "Tháng 12/2025" for r in rows)


def test_status_updates_after_the_build_day_are_left_out(db, folder):
    day = date(2025, 12, 1)
    with db.unit_of_work() as session:
        demo.build_demo(session, folder, today=day)
    with db.read() as session:
        later = session.scalar(select(func.count()).select_from(TaskStatusEntry).where(TaskStatusEntry.on_date > day))
        groups = _phase_groups(stats.task_stats(session, REPORT_DAY))
        due = tasks.due_soon(tasks.list_tasks(session, day), day)
    assert later == 0
    assert groups["1"]["done_on_time"] == 16 and groups["2"]["done_on_time"] == 34
    assert len(due) >= 2  # deadlines counted from the build day
