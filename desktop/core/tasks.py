"""Task service: list and filter tasks with their derived status, create/update, status
updates and evidence. Queries return frozen dataclasses; ORM objects never leave the session.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import status as st
from desktop.core.changes import TASKS, Changes
from desktop.core.errors import NotFound, UserError, Validator
from desktop.core.task_rows import (  # noqa: F401 - the read side lives there (no SQLAlchemy); re-exported
    DEADLINE_WINDOWS,
    WINDOW_NEXT_7,
    WINDOW_NEXT_14,
    WINDOW_OVERDUE,
    WINDOW_THIS_MONTH,
    TaskFilter,
    TaskRow,
    deadline_text,
    deadline_window,
    due_soon,
    filter_tasks,
    list_tasks,
    overdue,
    phase_sort_key,
    plan_text,
    search_tasks,
)
from desktop.core.vn import clean_line, clean_text, format_date
from desktop.models import Department, Directive, Evidence, Plan, Task, TaskSource, TaskStatusEntry
from desktop.paths import DataFolder
from desktop.strings import tasks as T

TITLE_LIMIT = 2000
TEXT_LIMIT = 20000
EVIDENCE_MAX_MB = 200


# ------------------------------------------------------------------------ read side


def _task_query():
    return select(Task).options(
        selectinload(Task.sources).selectinload(TaskSource.directive),
        selectinload(Task.lead_department),
        selectinload(Task.coordinators),
        selectinload(Task.history),
        selectinload(Task.plan),
    )


def history_points(task: Task) -> list[st.HistoryPoint]:
    return [st.HistoryPoint(h.on_date, h.status) for h in task.history]


def derive(task: Task, as_of: date, period_start: date | None = None) -> st.Derived:
    return st.derive_status(
        deadline=task.deadline,
        recurrence=task.recurrence,
        history=history_points(task),
        completed_on=task.completed_on,
        as_of=as_of,
        period_start=period_start,
    )


def plan_label(plan: Plan | None) -> str:
    if plan is None:
        return ""
    return plan_text(plan.number_symbol, plan.summary)


def phases(session: Session) -> list[str]:
    values = session.scalars(select(Task.phase).distinct()).all()
    return sorted((v for v in values if v), key=phase_sort_key)


def plan_choices(session: Session) -> list[tuple[int, str]]:
    """(id, label) of every plan, newest first, for a task's "Kế hoạch" choice."""
    plans = session.scalars(select(Plan).order_by(Plan.issued_on.desc().nulls_last(), Plan.id.desc()))
    result = []
    for plan in plans:
        label = plan_label(plan)
        if plan.number_symbol and plan.summary:
            label = f"{label} — {plan.summary[:70]}"
        result.append((plan.id, label or T.PLAN_UNNAMED.format(id=plan.id)))
    return result


# ------------------------------------------------------------------------ detail


@dataclass(frozen=True)
class SourceRef:
    directive_id: int
    item_ref: str = ""
    label: str = ""  # number-symbol, filled on read


@dataclass(frozen=True)
class HistoryRow:
    id: int
    on_date: date
    status: str
    note: str
    recorded_by: str


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    kind: str  # file | document
    file_name: str
    file_sha256: str
    file_size: int
    citation: str
    note: str


@dataclass(frozen=True)
class TaskInput:
    """What a task form or an importer submits."""

    title: str
    details: str = ""
    plan_id: int | None = None
    section_id: int | None = None
    lead_department_id: int | None = None
    lead_note: str = ""
    coordinator_ids: tuple[int, ...] = ()
    coordination_note: str = ""
    expected_output: str = ""
    deadline: date | None = None
    recurrence: str = st.RECURRENCE_NONE
    deadline_note: str = ""
    phase: str = ""
    sources: tuple[SourceRef, ...] = ()
    position: int | None = None


@dataclass(frozen=True)
class TaskDetail:
    id: int
    uid: str
    data: TaskInput
    status: str
    completed_on: date | None
    history: tuple[HistoryRow, ...]
    evidence: tuple[EvidenceRow, ...]


def get_task(session: Session, task_id: int, as_of: date | None = None) -> TaskDetail:
    task = session.scalars(_task_query().where(Task.id == task_id)).one_or_none()
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    as_of = as_of or date.today()
    data = TaskInput(
        title=task.title,
        details=task.details,
        plan_id=task.plan_id,
        section_id=task.section_id,
        lead_department_id=task.lead_department_id,
        lead_note=task.lead_note,
        coordinator_ids=tuple(d.id for d in task.coordinators),
        coordination_note=task.coordination_note,
        expected_output=task.expected_output,
        deadline=task.deadline,
        recurrence=task.recurrence,
        deadline_note=task.deadline_note,
        phase=task.phase,
        sources=tuple(SourceRef(s.directive_id, s.item_ref, s.directive.number_symbol) for s in task.sources),
        position=task.position,
    )
    return TaskDetail(
        id=task.id,
        uid=task.uid,
        data=data,
        status=derive(task, as_of).status,
        completed_on=task.completed_on,
        history=tuple(HistoryRow(h.id, h.on_date, h.status, h.note, h.recorded_by) for h in task.history),
        evidence=tuple(
            EvidenceRow(e.id, e.kind, e.file_name, e.file_sha256, e.file_size, e.citation, e.note) for e in task.evidence
        ),
    )


# ------------------------------------------------------------------------ write side


def _clean_input(data: TaskInput) -> TaskInput:
    return TaskInput(
        title=clean_text(data.title),
        details=clean_text(data.details),
        plan_id=data.plan_id,
        section_id=data.section_id,
        lead_department_id=data.lead_department_id,
        lead_note=clean_line(data.lead_note),
        coordinator_ids=tuple(dict.fromkeys(data.coordinator_ids)),
        coordination_note=clean_line(data.coordination_note),
        expected_output=clean_text(data.expected_output),
        deadline=data.deadline,
        recurrence=data.recurrence or st.RECURRENCE_NONE,
        deadline_note=clean_line(data.deadline_note),
        phase=clean_line(data.phase),
        sources=tuple(SourceRef(s.directive_id, clean_line(s.item_ref)) for s in data.sources),
        position=data.position,
    )


def validate_task(session: Session, data: TaskInput) -> TaskInput:
    """Clean and check a task; raises ValidationError with Vietnamese messages per field."""
    data = _clean_input(data)
    check = Validator()
    check.require("title", data.title, T.FIELD["title"])
    check.max_length("title", data.title, TITLE_LIMIT, T.FIELD["title"])
    check.max_length("details", data.details, TEXT_LIMIT, T.FIELD["details"])
    check.max_length("expected_output", data.expected_output, TEXT_LIMIT, T.FIELD["expected_output"])
    check.max_length("phase", data.phase, 40, T.FIELD["phase"])
    if data.recurrence not in st.RECURRENCES:
        check.add("recurrence", T.RECURRENCE_UNKNOWN.format(value=data.recurrence))
    if data.deadline is not None and data.recurrence in st.CYCLIC:
        check.add("deadline", T.DEADLINE_AND_RECURRENCE)
    if data.deadline is not None and not (2000 <= data.deadline.year <= 2100):
        check.add("deadline", T.DEADLINE_OUT_OF_RANGE.format(value=format_date(data.deadline)))
    department_ids = {data.lead_department_id, *data.coordinator_ids} - {None}
    if department_ids:
        found = set(session.scalars(select(Department.id).where(Department.id.in_(department_ids))))
        if data.lead_department_id is not None and data.lead_department_id not in found:
            check.add("lead_department_id", T.DEPARTMENT_NOT_FOUND)
        if set(data.coordinator_ids) - found:
            check.add("coordinator_ids", T.DEPARTMENT_NOT_FOUND)
    directive_ids = [s.directive_id for s in data.sources]
    if directive_ids:
        found = dict(session.execute(select(Directive.id, Directive.number_symbol).where(Directive.id.in_(directive_ids))).all())
        if set(directive_ids) - set(found):
            check.add("sources", T.DIRECTIVE_NOT_FOUND)
        seen: set[int] = set()
        for directive_id in directive_ids:
            if directive_id in seen:
                check.add("sources", T.DUPLICATE_SOURCE.format(value=found.get(directive_id, "")))
            seen.add(directive_id)
    check.raise_if_any()
    return data


def _apply(session: Session, task: Task, data: TaskInput) -> None:
    task.title = data.title
    task.details = data.details
    # Relationships rather than bare foreign keys, so rows read later in the same session agree.
    task.plan = session.get(Plan, data.plan_id) if data.plan_id is not None else None
    task.section_id = data.section_id
    task.lead_department = (
        session.get(Department, data.lead_department_id) if data.lead_department_id is not None else None)
    task.lead_note = data.lead_note
    task.coordination_note = data.coordination_note
    task.expected_output = data.expected_output
    task.deadline = data.deadline
    task.recurrence = data.recurrence
    task.deadline_note = data.deadline_note
    task.phase = data.phase
    if data.position is not None:
        task.position = data.position
    task.coordinators = [session.get(Department, i) for i in data.coordinator_ids]
    task.sources = [TaskSource(directive_id=s.directive_id, item_ref=s.item_ref, position=i) for i, s in enumerate(data.sources)]
    user = session.info.get("user", "")
    task.updated_by = user
    if not task.created_by:
        task.created_by = user


def create_task(session: Session, data: TaskInput) -> tuple[int, Changes]:
    data = validate_task(session, data)
    task = Task(title=data.title)
    if data.position is None and data.plan_id is not None:
        last = session.scalars(select(Task.position).where(Task.plan_id == data.plan_id).order_by(Task.position.desc())).first()
        task.position = (last or 0) + 1
    _apply(session, task, data)
    session.add(task)
    session.flush()
    return task.id, Changes.of(TASKS)


def update_task(session: Session, task_id: int, data: TaskInput) -> Changes:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    data = validate_task(session, data)
    _apply(session, task, data)
    session.flush()
    return Changes.of(TASKS)


def delete_task(session: Session, task_id: int) -> Changes:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    session.delete(task)
    session.flush()
    return Changes.of(TASKS)


def record_status(
    session: Session,
    task_id: int,
    status: str,
    on_date: date,
    note: str = "",
    today: date | None = None,
) -> Changes:
    """Add a line to the status history; keeps `completed_on` in step with it."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    check = Validator()
    if status not in st.RECORDED_STATES:
        check.add("status", T.STATUS_UNKNOWN.format(value=status))
    check.require("on_date", on_date, T.FIELD["on_date"])
    if on_date and on_date > (today or date.today()):
        check.add("on_date", T.STATUS_DATE_IN_FUTURE.format(value=format_date(on_date)))
    note = clean_text(note)
    check.max_length("note", note, TEXT_LIMIT, "ghi chú")
    check.raise_if_any()
    entry = TaskStatusEntry(status=status, on_date=on_date, note=note, recorded_by=session.info.get("user", ""))
    task.history.append(entry)
    session.flush()
    _sync_completed_on(task)
    task.updated_by = session.info.get("user", "")
    return Changes.of(TASKS)


def delete_status_entry(session: Session, entry_id: int) -> Changes:
    entry = session.get(TaskStatusEntry, entry_id)
    if entry is None:
        raise NotFound(T.TASK_NOT_FOUND)
    task = entry.task
    task.history.remove(entry)
    session.flush()
    _sync_completed_on(task)
    return Changes.of(TASKS)


def _sync_completed_on(task: Task) -> None:
    ordered = sorted(task.history, key=lambda h: (h.on_date, h.id or 0))
    task.completed_on = ordered[-1].on_date if ordered and ordered[-1].status == st.DONE else None


# ------------------------------------------------------------------------ evidence

_UNSAFE_NAME = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')
_RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                             *(f"LPT{i}" for i in range(1, 10))})


def sanitize_file_name(name: str) -> str:
    """A display name safe on Windows: no path parts, no reserved characters, not too long."""
    base = clean_line(Path(name.replace("\\", "/")).name)
    base = _UNSAFE_NAME.sub("_", base).strip(" .") or "tep"
    # Windows reserves these device names with any extension ("CON", "con.txt", "NUL.tar.gz").
    if base.split(".", 1)[0].rstrip().upper() in _RESERVED_NAMES:
        base = f"_{base}"
    if len(base) > 180:
        _stem, dot, suffix = base.rpartition(".")
        keep = suffix[:20] if dot else ""
        base = base[: 180 - len(keep) - 1] + ("." + keep if keep else "")
    return base


def attachment_path(folder: DataFolder, sha256: str, file_name: str) -> Path:
    """attachments/ab/<sha256>.<ext> — stored by content; the extension helps the system viewer."""
    suffix = Path(file_name).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix or "") else ""
    return folder.attachments / sha256[:2] / f"{sha256}{suffix}"


def store_attachment(folder: DataFolder, source: Path) -> tuple[str, int, Path]:
    """Copy a file into attachments/ by its SHA-256 (temp file, fsync, rename). Returns (hash, size, path)."""
    if not source.is_file():
        raise UserError(T.EVIDENCE_FILE_MISSING.format(value=source.name))
    size = source.stat().st_size
    if size == 0:
        raise UserError(T.EVIDENCE_FILE_EMPTY.format(value=source.name))
    if size > EVIDENCE_MAX_MB * 1024 * 1024:
        raise UserError(T.EVIDENCE_FILE_TOO_BIG.format(value=source.name, limit=EVIDENCE_MAX_MB))
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = attachment_path(folder, sha, source.name)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    return sha, size, target


def add_evidence_file(session: Session, folder: DataFolder, task_id: int, source: Path, note: str = "") -> Changes:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    sha, size, _ = store_attachment(folder, Path(source))
    user = session.info.get("user", "")
    task.evidence.append(
        Evidence(kind="file", file_sha256=sha, file_name=sanitize_file_name(Path(source).name), file_size=size,
                 note=clean_text(note), created_by=user, updated_by=user)
    )
    session.flush()
    return Changes.of(TASKS)


def add_evidence_citation(
    session: Session, task_id: int, citation: str, note: str = "", directive_id: int | None = None
) -> Changes:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(T.TASK_NOT_FOUND)
    citation = clean_text(citation)
    if not citation:
        raise UserError(T.EVIDENCE_CITATION_REQUIRED)
    user = session.info.get("user", "")
    task.evidence.append(
        Evidence(kind="document", citation=citation, note=clean_text(note), directive_id=directive_id,
                 created_by=user, updated_by=user)
    )
    session.flush()
    return Changes.of(TASKS)


def remove_evidence(session: Session, evidence_id: int) -> Changes:
    """Removes the record; the stored file stays (another record may share it; backups need it)."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(T.TASK_NOT_FOUND)
    evidence.task.evidence.remove(evidence)  # delete-orphan; keeps a loaded task's list in step
    session.flush()
    return Changes.of(TASKS)


def evidence_file(folder: DataFolder, evidence: EvidenceRow) -> Path:
    """The stored file of a file evidence, checked to exist (for opening with the system viewer)."""
    path = attachment_path(folder, evidence.file_sha256, evidence.file_name)
    if not path.is_file():
        raise UserError(T.ATTACHMENT_MISSING.format(value=evidence.file_name))
    return path
