"""The package a ward sends upward for a period (`.nq57`, content "report").

`collect_upward` builds data.json (schema in the module docstring of desktop.core.receive and in
the exchange contract): the office, the period and the day figures are taken on (`as_of`, the
period's last day or today while it runs — the same rule reports use), every task with its status
history up to `as_of`, its sources, coordinators, evidence references and derived status; the
entered indicator values of the period (exact stored text) with the definitions of those
indicators (and of the computed ones that follow from them); and the chosen report with its frozen
figures — the document stored when it was issued, or, for a draft, the document built at export
time (marked "draft", and the summary warns).

`export_package` adds the report as PDF (desktop.printing, loaded only here) and an XLSX of the
period's indicator table and the task list (desktop.export, loaded only here), and writes the
package atomically. Reading happens in one read-only unit of work; nothing is written to the
database.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import nq57file
from desktop.core import periods as periods_core
from desktop.core import status as st
from desktop.core.errors import UserError
from desktop.core.office import OfficeProfile, get_office
from desktop.core.periods import Period
from desktop.core.vn import fold, shorten
from desktop.models import Department, Indicator, IndicatorValue, Report, Task, TaskSource
from desktop.strings import exchange as X


@dataclass
class ExportContent:
    """What goes into the package. `report_id` None: the period's newest issued report, else its
    newest draft (frozen at export)."""

    report_id: int | None = None
    tasks: bool = True
    indicators: bool = True
    pdf: bool = True
    xlsx: bool = True


@dataclass(frozen=True)
class ExportSummary:
    """What a package of the period would carry, for the screen before saving and the CLI."""

    period_code: str
    period_name: str
    unit_code: str
    unit_name: str
    as_of: date
    tasks: int
    values: int
    indicators: int
    report_id: int | None
    report_label: str  # "" without a report
    report_status: str  # issued | draft | ""
    pdf: bool
    xlsx: bool
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # blocking: exporting is refused with the first one

    @property
    def report_status_label(self) -> str:
        return X.REPORT_STATUS.get(self.report_status, "")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int
    summary: ExportSummary
    package_id: str
    seconds: float = 0.0


@dataclass
class _Collected:
    data: dict[str, Any]
    summary: ExportSummary
    document: Any = None  # PrintDocument of the report, for the PDF
    value_rows: list = field(default_factory=list)  # indicators.ValueRow, for the XLSX
    groups: list = field(default_factory=list)
    task_rows: list = field(default_factory=list)  # tasks.TaskRow, for the XLSX
    office_lines: list = field(default_factory=list)


# ----------------------------------------------------------------------------- helpers


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else periods_core.parse(period)


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-")


def default_file_name(profile: OfficeProfile | None, period: Period | str) -> str:
    """"31234-phuong-an-hai-2025-Q3.nq57" (ASCII; a date range reads 2025-07-01_2025-11-17)."""
    period = _period(period)
    parts = [_slug(profile.code) if profile else "", _slug(profile.short_name)[:60] if profile else "",
             period.code.replace("..", "_")]
    return "-".join(p for p in parts if p) + nq57file.EXTENSION


def unit_json(profile: OfficeProfile) -> dict[str, Any]:
    return {"code": profile.code, "name": profile.short_name or (profile.header_lines or [""])[-1],
            "name_lines": profile.header_lines, "kind": profile.kind}


def period_json(period: Period) -> dict[str, Any]:
    first, last = period.window
    return {"code": period.code, "start": first.isoformat(), "end": last.isoformat(), "name": period.name}


def choose_report(session: Session, period: Period, report_id: int | None = None) -> Report | None:
    """The report going out: the one asked for (checked to be a report of this period), else the
    period's newest issued report, else its newest draft."""
    from desktop.core.reports import ISSUED, REPORT

    if report_id is not None:
        report = session.get(Report, report_id)
        if report is None:
            raise UserError(X.REPORT_NOT_FOUND.format(id=report_id))
        if report.kind != REPORT:
            raise UserError(X.REPORT_NOT_A_REPORT.format(id=report_id))
        if report.period_code != period.code:
            raise UserError(X.REPORT_OTHER_PERIOD.format(id=report_id, report_period=report.period_code,
                                                         period=period.code))
        return report
    candidates = list(session.scalars(select(Report).where(Report.kind == REPORT, Report.period_code == period.code)))
    issued = [r for r in candidates if r.status == ISSUED]
    if issued:
        return max(issued, key=lambda r: (r.issued_at or datetime.min, r.id))
    if candidates:
        return max(candidates, key=lambda r: (r.updated_at or datetime.min, r.id))
    return None


def report_label(report: Report, summary: str = "") -> str:
    from desktop.core.reports import number_symbol

    doc_type = (report.doc_type or "").capitalize()
    if report.number is not None:
        return X.REPORT_LABEL.format(doc_type=doc_type, number_symbol=number_symbol(report.number, report.symbol))
    return X.REPORT_LABEL_NO_NUMBER.format(doc_type=doc_type, summary=shorten(summary or report.summary, 80))


# ----------------------------------------------------------------------------- data.json


def _tasks_json(session: Session, as_of: date, period_start: date) -> tuple[list, list, list, list]:
    """(tasks, departments, directives, plans) as data.json writes them."""
    query = (select(Task).options(
        selectinload(Task.sources).selectinload(TaskSource.directive), selectinload(Task.coordinators),
        selectinload(Task.history), selectinload(Task.evidence), selectinload(Task.lead_department),
        selectinload(Task.plan),
    ).order_by(Task.plan_id.is_(None), Task.plan_id, Task.position, Task.id))
    tasks, directives, plans = [], {}, {}
    for task in session.scalars(query):
        counted = [h for h in task.history if h.on_date <= as_of]
        points = [st.HistoryPoint(h.on_date, h.status) for h in counted]
        completed = task.completed_on if task.completed_on and task.completed_on <= as_of else None
        if counted:
            last = sorted(counted, key=lambda h: (h.on_date, h.id or 0))[-1]
            completed = last.on_date if last.status == st.DONE else None
        derived = st.derive_status(deadline=task.deadline, recurrence=task.recurrence, history=points,
                                   completed_on=completed, as_of=as_of, period_start=period_start)
        for source in task.sources:
            directives[source.directive.id] = source.directive
        if task.plan is not None:
            plans[task.plan.id] = task.plan
        tasks.append({
            "uid": task.uid,
            "title": task.title,
            "details": task.details,
            "plan_uid": task.plan.uid if task.plan is not None else None,
            "lead_department_uid": task.lead_department.uid if task.lead_department is not None else None,
            "lead_note": task.lead_note,
            "coordinator_uids": [d.uid for d in task.coordinators],
            "coordination_note": task.coordination_note,
            "expected_output": task.expected_output,
            "deadline": _iso(task.deadline),
            "recurrence": task.recurrence,
            "deadline_note": task.deadline_note,
            "phase": task.phase,
            "completed_on": _iso(completed),
            "sources": [{"directive_uid": s.directive.uid, "item_ref": s.item_ref} for s in task.sources],
            "history": [{"on_date": _iso(h.on_date), "status": h.status, "note": h.note,
                         "recorded_by": h.recorded_by} for h in counted],
            "evidence": [{"kind": e.kind, "file_name": e.file_name, "file_sha256": e.file_sha256,
                          "file_size": e.file_size, "citation": e.citation, "note": e.note} for e in task.evidence],
            "status": derived.status,
        })
    departments = [{"uid": d.uid, "name": d.name, "abbreviation": d.abbreviation}
                   for d in session.scalars(select(Department).order_by(Department.position, Department.id))]
    directive_rows = [{"uid": d.uid, "doc_type": d.doc_type, "number_symbol": d.number_symbol,
                       "issued_on": _iso(d.issued_on), "issuer": d.issuer, "summary": d.summary}
                      for d in sorted(directives.values(), key=lambda d: d.id)]
    plan_rows = [{"uid": p.uid, "number_symbol": p.number_symbol, "issued_on": _iso(p.issued_on), "summary": p.summary}
                 for p in sorted(plans.values(), key=lambda p: p.id)]
    return tasks, departments, directive_rows, plan_rows


def _values_json(session: Session, unit_id: int, period: Period) -> tuple[list, list]:
    """(indicators, values): the entered values of the period in appendix order, the definitions of
    their indicators and of the computed indicators that follow from them."""
    from desktop.core import formula as fx
    from desktop.core import indicators as indicators_core

    order = indicators_core.list_indicators(session, include_retired=True)
    stored = {code: (text, comment) for code, text, comment in session.execute(
        select(Indicator.code, IndicatorValue.value_text, IndicatorValue.comment)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(IndicatorValue.unit_id == unit_id, IndicatorValue.period_code == period.code))}
    by_code = {row.code: row for row in order}
    chosen = {code for code in stored if code in by_code and not by_code[code].formula}
    changed = True
    while changed:  # computed indicators whose inputs are all going out
        changed = False
        for row in order:
            if row.formula and row.code not in chosen:
                try:
                    reads = fx.parse(row.formula).codes
                except fx.FormulaError:
                    continue
                if reads and all(code in chosen for code in reads):
                    chosen.add(row.code)
                    changed = True
    indicators = [{"code": r.code, "name": r.name, "unit": r.unit, "kind": r.kind, "group_code": r.group_code,
                   "group_name": r.group_name, "catalogue": r.catalogue, "formula": r.formula, "decimals": r.decimals}
                  for r in order if r.code in chosen]
    values = [{"code": r.code, "value": stored[r.code][0], "comment": stored[r.code][1]}
              for r in order if r.code in stored and not r.formula]
    return indicators, values


def _report_json(session: Session, report: Report, today: date | None) -> tuple[dict[str, Any], Any]:
    from desktop.core import compose
    from desktop.core.reports import ISSUED

    if report.status == ISSUED and report.frozen:
        document = compose.document_from_json(report.frozen)
        status, document_json = "issued", json.loads(report.frozen)
    else:
        document = compose.build_report_document(session, report.id, today=today)[0]
        status, document_json = "draft", json.loads(compose.document_to_json(document))
    data = {
        "uid": report.uid,
        "status": status,
        "doc_type": report.doc_type,
        "number": report.number,
        "symbol": report.symbol,
        "summary": document.summary,
        "issued_at": _iso(report.issued_at) if status == "issued" else None,
        "document": document_json,
    }
    return data, document


def _collect(session: Session, period: Period | str, content: ExportContent, today: date | None,
             for_files: bool = False) -> _Collected:
    from desktop.core import blocks
    from desktop.core import indicators as indicators_core

    period = _period(period)
    today = today or date.today()
    profile = get_office(session)
    if profile is None:
        raise UserError(X.NO_OFFICE)
    problems = [] if profile.code else [X.NO_CODE]
    as_of = blocks.report_as_of(period, today)
    warnings: list[str] = []
    tasks, departments, directives, plans = ([], [], [], [])
    if content.tasks:
        tasks, departments, directives, plans = _tasks_json(session, as_of, period.window[0])
        if not tasks:
            warnings.append(X.WARN_NO_TASKS)
    indicators, values = ([], [])
    if content.indicators:
        indicators, values = _values_json(session, profile.id, period)
        if not values:
            warnings.append(X.WARN_NO_VALUES.format(period=period.name))
        elif not indicators_core.is_closed(session, period):
            warnings.append(X.WARN_NOT_CLOSED.format(period=period.name))
    report = choose_report(session, period, content.report_id)
    report_data, document, label = None, None, ""
    if report is not None:
        report_data, document = _report_json(session, report, today)
        label = report_label(report, report_data["summary"])
        if report_data["status"] == "draft":
            warnings.append(X.WARN_DRAFT.format(name=label))
    else:
        warnings.append(X.WARN_NO_REPORT.format(period=period.name))
    if as_of < period.window[1]:
        warnings.append(X.WARN_PERIOD_RUNNING.format(period=period.name, day=as_of.strftime("%d/%m/%Y")))
    data = {
        "schema_version": nq57file.SCHEMA_VERSION,
        "unit": unit_json(profile),
        "period": period_json(period),
        "as_of": as_of.isoformat(),
        "departments": departments,
        "directives": directives,
        "plans": plans,
        "tasks": tasks,
        "indicators": indicators,
        "values": values,
        "report": report_data,
    }
    pdf = bool(content.pdf and document is not None)
    xlsx = bool(content.xlsx and (content.tasks or content.indicators))
    summary = ExportSummary(
        period_code=period.code, period_name=period.name, unit_code=profile.code,
        unit_name=data["unit"]["name"], as_of=as_of, tasks=len(tasks), values=len(values),
        indicators=len(indicators), report_id=report.id if report is not None else None, report_label=label,
        report_status=report_data["status"] if report_data else "", pdf=pdf, xlsx=xlsx,
        warnings=tuple(warnings), problems=tuple(problems),
    )
    collected = _Collected(data=data, summary=summary, document=document, office_lines=profile.header_lines)
    if for_files and xlsx:
        from desktop.core.tasks import list_tasks

        if content.indicators:
            collected.value_rows = indicators_core.period_values(session, period)
            collected.groups = indicators_core.list_groups(session)
        if content.tasks:
            collected.task_rows = list_tasks(session, as_of, period.window[0])
    return collected


def collect_upward(session: Session, period: Period | str, content: ExportContent | None = None,
                   today: date | None = None) -> dict[str, Any]:
    """data.json of the package sent upward for `period` (see the module docstring)."""
    return _collect(session, period, content or ExportContent(), today).data


def export_summary(session: Session, period: Period | str, content: ExportContent | None = None,
                   today: date | None = None) -> ExportSummary:
    """What the package would carry: counts, the report and its status, warnings, problems."""
    return _collect(session, period, content or ExportContent(), today).summary


# ----------------------------------------------------------------------------- files


def _write_xlsx(path: Path, collected: _Collected, period: Period) -> Path:
    from desktop.export.indicators import add_period_table
    from desktop.export.workbook import Column, ExportBook
    from desktop.strings import common as S

    book = ExportBook()
    if collected.value_rows:
        add_period_table(book, collected.office_lines, period, collected.value_rows, collected.groups)
    if collected.task_rows or not collected.value_rows:
        widths = ((6, "center"), (60, "left"), (14, "left"), (13, "center"), (22, "left"), (14, "center"),
                  (40, "left"))
        columns = [Column(header, width, align) for header, (width, align) in zip(X.TASK_HEADERS, widths)]
        day = collected.summary.as_of.strftime("%d/%m/%Y")
        sheet = book.add_sheet(X.TASK_SHEET, columns, office_lines=collected.office_lines, title=X.TASK_TITLE,
                               subtitles=[X.TASK_SUBTITLE.format(name=period.name, day=day)])
        for index, row in enumerate(collected.task_rows, start=1):
            sheet.row([index, row.title, row.lead, row.deadline or row.deadline_text or None,
                       S.STATUS.get(row.status, row.status), row.completed_on, row.last_note])
    return book.save(path)


def export_package(database, period: Period | str, out: Path | str, content: ExportContent | None = None,
                   today: date | None = None) -> ExportResult:
    """Write the upward package of `period` to `out` (.nq57, atomically) with the PDF and XLSX
    asked for. UserError (nothing written) without an office, a unit code, or a readable report."""
    started = time.perf_counter()
    content = content or ExportContent()
    period = _period(period)
    target = Path(out).expanduser().absolute()
    if target.suffix.lower() != nq57file.EXTENSION:
        raise UserError(X.WRITE_SUFFIX.format(path=target))
    if not target.parent.is_dir():
        raise UserError(X.WRITE_FOLDER_MISSING.format(path=target.parent))
    with database.read() as session:
        collected = _collect(session, period, content, today, for_files=True)
    if collected.summary.problems:
        raise UserError(collected.summary.problems[0])
    attachments: dict[str, bytes] = {}
    folder = getattr(database, "folder", None)
    scratch_parent = folder.exports if folder is not None and folder.exports.is_dir() else None
    with tempfile.TemporaryDirectory(prefix=".goi-", dir=scratch_parent) as scratch:
        scratch_dir = Path(scratch)
        if collected.summary.pdf:
            from desktop.printing import render_pdf

            pdf = render_pdf(collected.document, scratch_dir / X.PDF_NAME)
            attachments[X.PDF_NAME] = Path(pdf.path).read_bytes()
        if collected.summary.xlsx:
            written = _write_xlsx(scratch_dir / X.XLSX_NAME, collected, period)
            attachments[X.XLSX_NAME] = Path(written).read_bytes()
    package_id = nq57file.new_package_id()
    manifest = {"direction": nq57file.UP, "content": "report", "unit": collected.data["unit"],
                "period": period.code, "package_id": package_id}
    path = nq57file.write_package(target, manifest, collected.data, attachments)
    return ExportResult(path=path, size=path.stat().st_size, summary=collected.summary, package_id=package_id,
                        seconds=time.perf_counter() - started)
