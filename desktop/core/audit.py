"""The audit trail: every change of plans, tasks, indicator values, reports, outlines and the
number register is recorded — who, when, which record, which fields, old and new values.

Recording is automatic: `install(sessionmaker)` (called once, in desktop.db) listens to the
session's flushes. The hook runs *after* each flush (so new records already have their id)
while attribute history is still available, and writes the entries with plain INSERTs on the
same connection: they commit or roll back with the change itself. Within one unit of work,
later flushes of the same record are merged into the entry already written, so one user
action gives one entry per record. Autosaved report text is coalesced over 5 minutes.

ORM bulk statements (`session.execute(delete(Plan)...)`) never reach a flush; the ORM-execute
hook records DELETE statements on audited classes by reading the rows first. Bulk UPDATEs
that only detach tasks from a deleted plan or section are recorded as task changes too.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.vn import clean_line, fold, format_date, sort_key
from desktop.models import (
    AuditEntry,
    Department,
    Directive,
    DocumentNumber,
    Evidence,
    Indicator,
    IndicatorValue,
    Outline,
    Plan,
    PlanSection,
    Report,
    Signer,
    Task,
    TaskSource,
    TaskStatusEntry,
    Unit,
)
from desktop.strings import audit as A

CREATE, UPDATE, DELETE = "create", "update", "delete"
AUDITED = (Plan, PlanSection, Task, IndicatorValue, Report, Outline, DocumentNumber,
           Directive, Unit, Department, Signer, Indicator)
TABLES = tuple(cls.__tablename__ for cls in AUDITED)
# Bookkeeping columns: never an audited change.
SKIPPED = frozenset({"id", "uid", "created_at", "updated_at", "created_by", "updated_by"})
# Big JSON texts: recorded as "nội dung đã thay đổi", never the full text.
BIG = {"reports": frozenset({"sections", "frozen", "appendices"}), "outlines": frozenset({"sections", "document"})}
# Fields saved while typing (report autosave, about once a second): one entry per person,
# record and field set over this window instead of a row per keystroke pause.
COALESCED = {"reports": frozenset({"sections", "opening", "closing"})}
COALESCE_WINDOW = timedelta(minutes=5)
# Long texts are truncated in the log (the record itself keeps the full text).
TEXT_LIMIT = 2000
LABEL_LIMIT = 200
_PENDING = "audit_pending"  # session.info key: {(table, record_id): (entry_id, changes)} of this transaction


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    who: str
    action: str  # create | update | delete
    table: str
    record_id: int
    label: str
    changes: dict[str, list[str]]

    @property
    def action_text(self) -> str:
        return A.ACTION.get(self.action, self.action)

    @property
    def table_text(self) -> str:
        return A.TABLE.get(self.table, self.table)

    @property
    def text(self) -> str:
        """The changes in words: "Trạng thái: Đang thực hiện → Hoàn thành; Thời hạn: …"."""
        return describe(self.action, self.changes)


# ------------------------------------------------------------------------ rendering

def render(value: Any) -> str:
    """A stored value as a string: dates ISO, decimals as text, long texts truncated ("…")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes):  # blobs are never stored in the log
        return ""
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT - 1] + "…"


def show_value(field: str, value: str) -> str:
    """A rendered value in words for the screen: ISO dates as 05/3/2025, codes as words."""
    if value == "":
        return A.BLANK
    words = A.VALUE.get(field, {}).get(value)
    if words:
        return words
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if len(value) == 19 and value[4] == "-" and value[10] == " ":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment:%H:%M} {format_date(moment.date())}"
    return " ".join(value.split()) if len(value) <= 300 else " ".join(value[:299].split()) + "…"


def describe(action: str, changes: Mapping[str, list[str]]) -> str:
    parts = []
    for field, (old, new) in changes.items():
        name = A.FIELD.get(field, field)
        if new == A.CONTENT_CHANGED or old == A.CONTENT_CHANGED:
            parts.append(f"{name}: {A.CONTENT_CHANGED}")
        elif action == CREATE:
            parts.append(f"{name}: {show_value(field, new)}")
        elif action == DELETE:
            parts.append(f"{name}: {show_value(field, old)}")
        else:
            parts.append(f"{name}: {show_value(field, old)}{A.ARROW}{show_value(field, new)}")
    return A.SEPARATOR.join(parts)


def _short(text: str) -> str:
    text = clean_line(text)
    return text if len(text) <= LABEL_LIMIT else text[:LABEL_LIMIT - 1] + "…"


def _scalar(session: Session, query) -> Any:
    # Core reads on the flush's own connection: never trigger an autoflush from inside the hook.
    return session.connection().execute(query).scalar()


def _label(session: Session, obj: Any) -> str:
    if isinstance(obj, Task):
        return _short(obj.title or "")
    if isinstance(obj, Plan):
        if obj.number_symbol:
            return A.PLAN_LABEL.format(value=_short(obj.number_symbol))
        return _short(obj.summary or "")  # a summary already reads "Kế hoạch thực hiện …"
    if isinstance(obj, PlanSection):
        return A.SECTION_LABEL.format(value=_short(obj.heading or ""))
    if isinstance(obj, IndicatorValue):
        row = session.connection().execute(
            select(Indicator.code, Indicator.name).where(Indicator.id == obj.indicator_id)).first()
        code, name = row if row else ("", "")
        return _short(A.VALUE_LABEL.format(code=code, name=name, period=_period_name(obj.period_code or "")))
    if isinstance(obj, Report):
        if obj.number is not None:
            return _short(A.REPORT_LABEL.format(doc_type=(obj.doc_type or "").capitalize(),
                                                number=f"{obj.number:02d}/{obj.symbol}"))
        return _short(f"{(obj.doc_type or '').capitalize()} {obj.summary or ''}")
    if isinstance(obj, Outline):
        return _short(obj.name or "")
    if isinstance(obj, DocumentNumber):
        return A.NUMBER_LABEL.format(number=f"{obj.number:02d}", symbol=obj.symbol, year=obj.year)
    if isinstance(obj, Directive):
        return _short(obj.number_symbol or obj.summary or "")
    if isinstance(obj, Unit):
        return _short(obj.short_name or " ".join((obj.name_lines or "").split()) or obj.code or "")
    if isinstance(obj, Department):
        return _short(obj.name or obj.abbreviation or "")
    if isinstance(obj, Signer):
        return _short(f"{obj.full_name or ''} ({obj.position_title or ''})")
    if isinstance(obj, Indicator):
        return _short(f"{obj.code} {obj.name or ''}")
    return ""


def _period_name(code: str) -> str:
    from desktop.core import periods

    try:
        return periods.parse(code).name
    except Exception:  # noqa: BLE001 - an odd code is shown as stored
        return code


# Foreign keys shown by name rather than by number: (first choice, fallback) columns.
_NAMED = {
    "lead_department_id": (Department.id, Department.abbreviation, Department.name),
    "plan_id": (Plan.id, Plan.number_symbol, Plan.summary),
    "section_id": (PlanSection.id, PlanSection.heading, PlanSection.heading),
    "parent_id": (PlanSection.id, PlanSection.heading, PlanSection.heading),
    "signer_id": (Signer.id, Signer.full_name, Signer.full_name),
    "indicator_id": (Indicator.id, Indicator.code, Indicator.name),
}


def _fk_text(session: Session, field: str, value: Any) -> str | None:
    columns = _NAMED.get(field)
    if columns is None:
        return None
    if value is None:
        return ""
    key, first, fallback = columns
    row = session.connection().execute(select(first, fallback).where(key == value)).first()
    if row is None:
        return str(value)
    return _short(row[0] or row[1] or str(value))


def _value(session: Session, table: str, field: str, value: Any) -> str:
    if field in BIG.get(table, ()):
        return A.CONTENT_CHANGED if value else ""
    named = _fk_text(session, field, value)
    return named if named is not None else render(value)


def _column_fields(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key not in SKIPPED]


def _departments_text(items: Iterable[Any]) -> str:
    return ", ".join(sorted((d.abbreviation or d.name) for d in items if d is not None))


def _sources_text(session: Session, items: Iterable[TaskSource]) -> str:
    parts = []
    for source in sorted(items, key=lambda s: s.position or 0):
        number = _scalar(session, select(Directive.number_symbol).where(Directive.id == source.directive_id))
        parts.append(f"{number or source.directive_id} {source.item_ref}".strip())
    return ", ".join(parts)


def _main_values(session: Session, obj: Any, deleted: bool = False) -> dict[str, list[str]]:
    """The first values of a record's fields (a creation: ["", new]) or its last ones (a
    deletion: [old, ""])."""
    table = obj.__tablename__
    loaded = inspect(obj).dict
    values = {}
    for field in _column_fields(obj):
        if field not in loaded:
            continue
        text = _value(session, table, field, loaded[field])
        if text not in ("", "0", "False"):
            values[field] = [text, ""] if deleted else ["", text]
    return values


def _updates(session: Session, obj: Any) -> dict[str, list[str]]:
    table = obj.__tablename__
    state = inspect(obj)
    changes: dict[str, list[str]] = {}
    for field in _column_fields(obj):
        history = state.attrs[field].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else (history.unchanged[0] if history.unchanged else None)
        new = history.added[0] if history.added else None
        if field in BIG.get(table, ()):
            if (old or "") != (new or ""):
                changes[field] = ["", A.CONTENT_CHANGED]
            continue
        old_text, new_text = _value(session, table, field, old), _value(session, table, field, new)
        if old_text != new_text:
            changes[field] = [old_text, new_text]
    if isinstance(obj, Task):
        for field, text in (("coordinators", _departments_text), ("sources", lambda i: _sources_text(session, i))):
            history = state.attrs[field].history
            if not history.added and not history.deleted:
                continue
            old_text = text(list(history.unchanged) + list(history.deleted))
            new_text = text(list(history.unchanged) + list(history.added))
            if old_text != new_text:
                changes[field] = [old_text, new_text]
    return changes


def _who(session: Session) -> str:
    who = session.info.get("user") or ""
    if not who:
        try:
            who = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name at all: leave it blank
            who = ""
    return clean_line(who)[:120]


# ------------------------------------------------------------------------ writing entries

def record_object(session: Session, obj: Any, changes: Mapping[str, list[str]]) -> None:
    """Record an update of an audited record made with Core statements (e.g. a plan's basis)."""
    _write(session, UPDATE, obj.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj), dict(changes))


def record(session: Session, action: str, table: str, record_id: int, label: str,
           changes: Mapping[str, list[str]], record_uid: str | None = None) -> None:
    """Write one entry explicitly (for writes that bypass the ORM). Merged with this unit of
    work's earlier entry for the same record, like the automatic ones."""
    _write(session, action, table, record_id, record_uid, label, dict(changes))


def _write(session: Session, action: str, table: str, record_id: int, uid: str | None, label: str,
           changes: dict[str, list[str]]) -> None:
    if not changes and action == UPDATE:
        return
    connection = session.connection()
    pending = session.info.setdefault(_PENDING, {})
    key = (table, record_id)
    now = datetime.now().replace(microsecond=0)
    who = _who(session)
    merged = None
    if key in pending and action != DELETE:
        merged = pending[key]
    elif action == UPDATE and changes.keys() <= COALESCED.get(table, frozenset()):
        merged = _recent(session, table, record_id, who, now, changes.keys())
    if merged is not None:
        entry_id, previous_action, previous = merged
        combined = dict(previous)
        for field, (old, new) in changes.items():
            combined[field] = [previous[field][0], new] if field in previous else [old, new]
        if previous_action == UPDATE:
            combined = {f: v for f, v in combined.items() if v[0] != v[1] or v[1] == A.CONTENT_CHANGED}
        connection.execute(sql_update(AuditEntry.__table__).where(AuditEntry.__table__.c.id == entry_id)
                           .values(changes=_dump(combined), label=label, at=now))
        pending[key] = (entry_id, previous_action, combined)
        return
    result = connection.execute(insert(AuditEntry.__table__).values(
        at=now, who=who, action=action, table_name=table, record_id=record_id, record_uid=uid,
        label=label, changes=_dump(changes)))
    pending[key] = (result.inserted_primary_key[0], action, changes)


def _recent(session: Session, table: str, record_id: int, who: str, now: datetime,
            fields: Iterable[str]) -> tuple[int, str, dict[str, list[str]]] | None:
    """The last entry of this record if it is this person's update of the same fields within
    the coalescing window."""
    t = AuditEntry.__table__
    row = session.connection().execute(
        select(t.c.id, t.c.who, t.c.action, t.c.at, t.c.changes)
        .where(t.c.table_name == table, t.c.record_id == record_id)
        .order_by(t.c.id.desc()).limit(1)).first()
    if row is None or row.who != who or row.action != UPDATE or now - row.at > COALESCE_WINDOW:
        return None
    previous = json.loads(row.changes or "{}")
    if set(previous) != set(fields):
        return None
    return row.id, UPDATE, previous


def _dump(changes: Mapping[str, list[str]]) -> str:
    return json.dumps(changes, ensure_ascii=False)


def _status_change(session: Session, entry: TaskStatusEntry, removed: bool) -> None:
    """A status line is recorded as a change of its task."""
    task = entry.task if entry.task is not None else session.get(Task, entry.task_id)  # removed: no backref
    if task is None or task in session.deleted or inspect(task).was_deleted:
        return
    others = sorted((h for h in task.history if h is not entry and h not in session.deleted),
                    key=lambda h: (h.on_date, h.id or 0))
    latest = others[-1].status if others else "not_started"
    if removed:
        changes = {"status": [entry.status, latest], "status_date": [render(entry.on_date), ""]}
    else:
        changes = {"status": [latest, entry.status], "status_date": ["", render(entry.on_date)]}
        if entry.note:
            changes["status_note"] = ["", render(entry.note)]
    _write(session, UPDATE, Task.__tablename__, task.id, task.uid, _label(session, task), changes)


def _evidence_text(evidence: Evidence) -> str:
    return render(evidence.file_name or evidence.citation or "")


def _evidence_change(session: Session, evidence: Evidence, removed: bool) -> None:
    """Evidence added to or taken from a task is recorded as a change of that task."""
    task = evidence.task if evidence.task is not None else session.get(Task, evidence.task_id)
    if task is None or task in session.deleted or inspect(task).was_deleted:
        return
    text = _evidence_text(evidence)
    changes = {"evidence": [text, ""] if removed else ["", text]}
    _write(session, UPDATE, Task.__tablename__, task.id, task.uid, _label(session, task), changes)


def _after_flush(session: Session, _context) -> None:
    with session.no_autoflush:
        _record_flush(session)


def _record_flush(session: Session) -> None:
    for obj in list(session.new):
        if isinstance(obj, AUDITED):
            _write(session, CREATE, obj.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj),
                   _main_values(session, obj))
        elif isinstance(obj, TaskStatusEntry):
            _status_change(session, obj, removed=False)
        elif isinstance(obj, Evidence):
            _evidence_change(session, obj, removed=False)
    removed = set()
    for obj in list(session.dirty):
        if isinstance(obj, Task):
            # A line taken out of the history is deleted as an orphan during the flush: it is
            # not in session.deleted, only in the collection's history.
            for entry in inspect(obj).attrs.history.history.deleted:
                removed.add(id(entry))
                _status_change(session, entry, removed=True)
            for entry in inspect(obj).attrs.evidence.history.deleted:
                removed.add(id(entry))
                _evidence_change(session, entry, removed=True)
        if isinstance(obj, AUDITED) and obj not in session.new:
            changes = _updates(session, obj)
            if changes:
                _write(session, UPDATE, obj.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj),
                       changes)
    for obj in list(session.deleted):
        if isinstance(obj, AUDITED):
            _write(session, DELETE, obj.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj),
                   _main_values(session, obj, deleted=True))
        elif isinstance(obj, TaskStatusEntry) and id(obj) not in removed:
            _status_change(session, obj, removed=True)
        elif isinstance(obj, Evidence) and id(obj) not in removed:
            _evidence_change(session, obj, removed=True)


def _before_bulk(state) -> None:
    """ORM bulk DELETE/UPDATE statements on audited classes: read the rows first, then record."""
    if not (state.is_delete or state.is_update) or state.bind_mapper is None:
        return
    cls = state.bind_mapper.class_
    if cls not in AUDITED:
        return
    session = state.session
    statement = state.statement
    query = select(cls)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    with session.no_autoflush:
        rows = session.scalars(query).all()
    if state.is_delete:
        for obj in rows:
            _write(session, DELETE, cls.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj),
                   _main_values(session, obj, deleted=True))
        return
    values = {}
    for column, bind in getattr(statement, "_values", {}).items():
        name = getattr(column, "key", str(column))
        values[name] = getattr(bind, "value", bind)
    for obj in rows:
        changes = {}
        for field, new in values.items():
            if field in SKIPPED:
                continue
            old_text = _value(session, cls.__tablename__, field, getattr(obj, field, None))
            new_text = _value(session, cls.__tablename__, field, new)
            if old_text != new_text:
                changes[field] = [old_text, new_text]
        _write(session, UPDATE, cls.__tablename__, obj.id, getattr(obj, "uid", None), _label(session, obj), changes)


def _forget(session: Session, *_args) -> None:
    session.info.pop(_PENDING, None)


def install(factory: sessionmaker) -> None:
    """Record the audit trail for every session the factory makes."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _before_bulk)
    event.listen(factory, "after_commit", _forget)
    event.listen(factory, "after_rollback", _forget)


# ------------------------------------------------------------------------ reading

def _row(entry: AuditEntry) -> AuditRow:
    try:
        changes = json.loads(entry.changes or "{}")
    except ValueError:
        changes = {}
    return AuditRow(entry.id, entry.at, entry.who, entry.action, entry.table_name, entry.record_id, entry.label,
                    changes)


def history(session: Session, table: str, record_id: int) -> list[AuditRow]:
    """One record's changes, newest first."""
    query = (select(AuditEntry).where(AuditEntry.table_name == table, AuditEntry.record_id == record_id)
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    return [_row(e) for e in session.scalars(query)]


def people(session: Session) -> list[str]:
    """Everyone who appears in the log, for the filter."""
    return sorted((w for w in session.scalars(select(AuditEntry.who).distinct()) if w), key=sort_key)


def search(session: Session, who: str | None = None, table: str | None = None, since: date | None = None,
           until: date | None = None, text: str | None = None, limit: int = 500) -> list[AuditRow]:
    """The log, newest first, filtered by person, kind of record, dates (inclusive) and words
    (accent-insensitive, in the record's name or the changes)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if who:
        query = query.where(AuditEntry.who == who)
    if table:
        query = query.where(AuditEntry.table_name == table)
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, datetime.min.time()))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1), datetime.min.time()))
    words = fold(clean_line(text or "")).split()
    if not words:
        return [_row(e) for e in session.scalars(query.limit(limit))]
    found = []
    for entry in session.scalars(query.execution_options(yield_per=500)):
        row = _row(entry)
        haystack = fold(f"{row.label} {row.text}")
        if all(w in haystack for w in words):
            found.append(row)
            if len(found) >= limit:
                break
    return found
