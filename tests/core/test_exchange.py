"""The package a ward sends upward: what data.json carries (read back from the file), the PDF and
the XLSX beside it, the report chosen, the summary shown before saving, and the refusals."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from sqlalchemy import select

from desktop.core import compose, exchange, office, periods, reports
from desktop.core.errors import UserError
from desktop.core.exchange import ExportContent, collect_upward, default_file_name, export_package, export_summary
from desktop.core.nq57file import read_package
from desktop.models import Indicator, IndicatorValue, Report, Task, Unit

RANGE = "2025-07-01..2025-11-17"
TODAY = date(2025, 11, 18)
TASK_KEYS = {"uid", "title", "details", "plan_uid", "lead_department_uid", "lead_note", "coordinator_uids",
             "coordination_note", "expected_output", "deadline", "recurrence", "deadline_note", "phase",
             "completed_on", "sources", "history", "evidence", "status"}


def _own_values(session, period_code: str) -> dict[str, tuple[str, str]]:
    unit_id = session.scalar(select(Unit.id).where(Unit.is_self.is_(True)))
    rows = session.execute(select(Indicator.code, IndicatorValue.value_text, IndicatorValue.comment)
                           .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
                           .where(IndicatorValue.unit_id == unit_id, IndicatorValue.period_code == period_code))
    return {code: (text, comment) for code, text, comment in rows}


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_demo_package_carries_tasks_values_report_pdf_and_xlsx(demo_db, out_dir):
    out = out_dir / "11311-2025.nq57"
    result = export_package(demo_db, RANGE, out, today=TODAY)
    assert result.path == out and result.size == out.stat().st_size
    package = read_package(out)
    data = package.data
    assert package.manifest["direction"] == "up" and package.manifest["content"] == "report"
    assert package.unit_code == "11311" and package.unit_name == "Phường An Hải"
    assert package.period_code == RANGE and package.package_id == result.package_id
    assert data["unit"] == {"code": "11311", "name": "Phường An Hải", "name_lines": ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"],
                            "kind": "ward"}
    assert data["period"] == {"code": RANGE, "start": "2025-07-01", "end": "2025-11-17",
                              "name": "từ ngày 01/7/2025 đến ngày 17/11/2025"}
    assert data["as_of"] == "2025-11-17"

    # tasks: every one, with history up to the report day, sources, references that resolve
    assert len(data["tasks"]) == 65
    assert all(set(task) == TASK_KEYS for task in data["tasks"])
    departments = {d["uid"] for d in data["departments"]}
    directives = {d["uid"] for d in data["directives"]}
    plans = {p["uid"] for p in data["plans"]}
    for task in data["tasks"]:
        assert task["lead_department_uid"] is None or task["lead_department_uid"] in departments
        assert set(task["coordinator_uids"]) <= departments
        assert {s["directive_uid"] for s in task["sources"]} <= directives
        assert task["plan_uid"] is None or task["plan_uid"] in plans
        assert all(h["on_date"] <= "2025-11-17" for h in task["history"])
    statuses = [t["status"] for t in data["tasks"] if t["phase"] in ("1", "2")]
    assert len(statuses) == 50 and set(statuses) == {"done_on_time"}
    with demo_db.read() as session:
        uids = set(session.scalars(select(Task.uid)))
        own = _own_values(session, RANGE)
    assert {t["uid"] for t in data["tasks"]} == uids
    assert any(e["citation"] for t in data["tasks"] for e in t["evidence"])

    # values: exactly the stored text of the period, with the definitions of their indicators
    assert {v["code"]: (v["value"], v["comment"]) for v in data["values"]} == own
    assert dict(own)["OPS.DOSSIER.RECEIVED"] == ("11962", "")
    definitions = {i["code"]: i for i in data["indicators"]}
    assert set(own) <= set(definitions)
    assert definitions["OPS.DOSSIER.RECEIVED"]["kind"] == "count"
    assert definitions["OPS.DOSSIER.ONLINE_RATE"]["formula"]  # computed from values that go out too

    # the report: the draft, frozen at export (a document the reader can rebuild)
    report = data["report"]
    assert report["status"] == "draft" and report["issued_at"] is None
    assert report["summary"].startswith("Kết quả thực hiện Nghị quyết số 57-NQ/TW")
    document = compose.document_from_json(json.dumps(report["document"]))
    assert document.doc_type == "BÁO CÁO"

    # the PDF and the XLSX for people
    assert set(package.members) == {"data.json", "bao-cao.pdf", "so-lieu.xlsx"}
    with pdfplumber.open(io.BytesIO(package.members["bao-cao.pdf"])) as pdf:
        first = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "PHƯỜNG AN HẢI" in first and "BÁO CÁO" in first
    book = openpyxl.load_workbook(io.BytesIO(package.members["so-lieu.xlsx"]))
    assert book.sheetnames == [f"Chỉ tiêu {RANGE}"[:31], "Nhiệm vụ"]
    titles = [row[1] for row in book["Nhiệm vụ"].iter_rows(values_only=True) if isinstance(row[0], int)]
    assert len(titles) == 65
    values = [row for row in book[book.sheetnames[0]].iter_rows(values_only=True) if row[1] == "Hồ sơ tiếp nhận"]
    assert values and values[0][4] == 11962
    assert sorted(p.name for p in out_dir.iterdir()) == [out.name]  # no temporary file left behind


def test_collect_upward_is_what_the_file_holds(demo_db, out_dir):
    out = export_package(demo_db, "2025-Q3", out_dir / "q3.nq57", today=TODAY).path
    with demo_db.read() as session:
        collected = collect_upward(session, "2025-Q3", today=TODAY)
    assert read_package(out).data == collected
    assert collected["report"] is None and collected["as_of"] == "2025-09-14"
    # the status of each task as of the period's end, from history up to that day only
    assert all(h["on_date"] <= "2025-09-14" for t in collected["tasks"] for h in t["history"])
    assert {t["status"] for t in collected["tasks"]} >= {"done_on_time", "in_progress_on_time"}


def test_issued_report_goes_out_as_issued(demo_db, out_dir):
    with demo_db.unit_of_work() as session:
        report_id = session.scalar(select(Report.id))
        reports.issue_report(session, report_id, number=12, today=TODAY)
    with demo_db.unit_of_work() as session:
        revision_id, _ = reports.revise_report(session, report_id)  # a newer draft: the issued one still goes
    with demo_db.read() as session:
        frozen = session.get(Report, report_id).frozen
        summary = export_summary(session, RANGE, today=TODAY)
    assert summary.report_id == report_id and summary.report_status == "issued"
    assert summary.report_label == "Báo cáo 12/BC-UBND"
    assert not any("chưa ban hành" in w for w in summary.warnings)
    package = read_package(export_package(demo_db, RANGE, out_dir / "a.nq57", today=TODAY).path)
    report = package.data["report"]
    assert report["status"] == "issued" and report["number"] == 12 and report["issued_at"]
    assert report["document"] == json.loads(frozen)
    chosen = read_package(export_package(demo_db, RANGE, out_dir / "b.nq57", ExportContent(report_id=revision_id),
                                         today=TODAY).path)
    assert chosen.data["report"]["status"] == "draft"


def test_summary_warns_before_saving(demo_db):
    with demo_db.read() as session:
        draft = export_summary(session, RANGE, today=TODAY)
        closed = export_summary(session, "2025-Q1", today=TODAY)
        running = export_summary(session, "2025-Q4", today=TODAY)
    assert draft.tasks == 65 and draft.values == 46 and draft.report_status == "draft" and draft.pdf and draft.xlsx
    assert any("chưa ban hành" in w for w in draft.warnings)
    assert any("chưa chốt" in w for w in draft.warnings)
    assert closed.report_id is None and not closed.pdf
    assert any("chưa có báo cáo" in w for w in closed.warnings)
    assert not any("chưa chốt" in w for w in closed.warnings)  # Q1 is closed in the demo
    assert any("chưa kết thúc" in w for w in running.warnings)
    assert draft.problems == ()


@pytest.mark.parametrize("code", ["2025-M08", "2025-Q3", "2025-H2", "2025-9M", "2025", "2025-07-01..2025-11-17"])
def test_every_period_form_can_be_exported(demo_db, out_dir, code):
    period = periods.parse(code)
    path = export_package(demo_db, code, out_dir / "p.nq57", ExportContent(xlsx=False), today=TODAY).path
    package = read_package(path)
    first, last = period.window
    assert package.period_code == code
    assert package.data["period"]["start"] == first.isoformat() and package.data["period"]["end"] == last.isoformat()


def test_content_can_be_left_out(demo_db, out_dir):
    content = ExportContent(tasks=False, pdf=False)
    package = read_package(export_package(demo_db, RANGE, out_dir / "a.nq57", content, today=TODAY).path)
    assert package.data["tasks"] == [] and package.data["departments"] == []
    assert package.data["values"] and package.data["report"]["status"] == "draft"
    assert set(package.members) == {"data.json", "so-lieu.xlsx"}
    assert openpyxl.load_workbook(io.BytesIO(package.members["so-lieu.xlsx"])).sheetnames == [f"Chỉ tiêu {RANGE}"[:31]]
    content = ExportContent(indicators=False, xlsx=False)
    package = read_package(export_package(demo_db, RANGE, out_dir / "b.nq57", content, today=TODAY).path)
    assert package.data["values"] == [] and package.data["indicators"] == []
    assert set(package.members) == {"data.json", "bao-cao.pdf"}


def test_task_text_is_never_a_formula_in_the_xlsx(office_db, out_dir):
    from desktop.core.tasks import TaskInput, create_task

    title = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
    with office_db.unit_of_work() as session:
        create_task(session, TaskInput(title=title, deadline=date(2025, 8, 1)))
    package = read_package(export_package(office_db, "2025-Q3", out_dir / "a.nq57", today=TODAY).path)
    assert package.data["tasks"][0]["title"] == title
    sheet = openpyxl.load_workbook(io.BytesIO(package.members["so-lieu.xlsx"]))["Nhiệm vụ"]
    cells = [row[1] for row in sheet.iter_rows() if row[1].value == title]
    assert cells and cells[0].data_type == "s"


def test_no_office_no_package(db, out_dir):
    with pytest.raises(UserError, match="Chưa khai báo thông tin cơ quan"):
        export_package(db, "2025-Q3", out_dir / "a.nq57")
    assert list(out_dir.iterdir()) == []


def test_no_unit_code_no_package(office_db, out_dir):
    with office_db.unit_of_work() as session:
        profile = office.get_office(session)
        office.save_office(session, profile.__class__(**{**profile.__dict__, "code": ""}))
    with office_db.read() as session:
        assert export_summary(session, "2025-Q3").problems
    with pytest.raises(UserError, match="mã đơn vị hành chính"):
        export_package(office_db, "2025-Q3", out_dir / "b.nq57")
    assert list(out_dir.iterdir()) == []


def test_bad_report_choice_or_target_writes_nothing(demo_db, out_dir):
    with demo_db.read() as session:
        report_id = session.scalar(select(Report.id))
    with pytest.raises(UserError, match="không phải kỳ"):
        export_package(demo_db, "2025-Q3", out_dir / "c.nq57", ExportContent(report_id=report_id))
    with pytest.raises(UserError, match="Không có báo cáo"):
        export_package(demo_db, RANGE, out_dir / "d.nq57", ExportContent(report_id=999))
    with pytest.raises(UserError, match=r"\.nq57"):
        export_package(demo_db, RANGE, out_dir / "e.zip")
    with pytest.raises(UserError, match="Không có thư mục"):
        export_package(demo_db, RANGE, out_dir / "khong-co" / "f.nq57")
    with pytest.raises(UserError, match="không hợp lệ"):
        export_package(demo_db, "2025-Q9", out_dir / "g.nq57")
    assert list(out_dir.iterdir()) == []


def test_default_file_name_is_ascii():
    profile = office.OfficeProfile(name_lines="ỦY BAN NHÂN DÂN\nPHƯỜNG ĐỒ SƠN", short_name="Phường Đồ Sơn",
                                   code="31234")
    assert default_file_name(profile, "2025-Q3") == "31234-phuong-do-son-2025-Q3.nq57"
    assert default_file_name(profile, RANGE) == "31234-phuong-do-son-2025-07-01_2025-11-17.nq57"
    assert exchange.default_file_name(profile, periods.parse("2025-M11")).isascii()
