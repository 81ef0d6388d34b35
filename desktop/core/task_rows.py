"""Task rows as lists, tables and statistics show them — each task with its derived status — read
over plain SQL (desktop.core.sql) so the overview and the task table need no SQLAlchemy; filtering,
searching and the overdue / due-soon lists over those rows. desktop.core.tasks re-exports all of it
next to the ORM reads and writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from desktop.core import status as st
from desktop.core.sql import connection_of, plain_read, to_date
from desktop.core.vn import fold, format_date, matches, search_tokens, sort_key
from desktop.strings import common as S


@dataclass(frozen=True)
class TaskRow:
    """One task as lists and tables show it, with its derived status on `as_of`."""

    id: int
    uid: str
    title: str
    status: str
    deadline: date | None
    recurrence: str
    deadline_note: str
    deadline_text: str
    phase: str
    lead_id: int | None
    lead: str  # abbreviation, or the name when there is none
    lead_name: str
    coordinators: str
    source_ids: tuple[int, ...]
    sources: tuple[str, ...]  # number-symbols, e.g. ("02-KH/BCĐTW",)
    plan_id: int | None
    plan_label: str
    expected_output: str
    completed_on: date | None
    started: bool
    last_note: str
    search_source: str = field(repr=False, compare=False)  # the searchable words, as written

    @cached_property
    def search_text(self) -> str:
        """Folded for accent-insensitive search; computed on the first search, not at loading."""
        return fold(self.search_source)

    @property
    def source_text(self) -> str:
        return "; ".join(self.sources)


def deadline_text(deadline: date | None, recurrence: str, note: str) -> str:
    if deadline is not None:
        return format_date(deadline)
    if recurrence != st.RECURRENCE_NONE:
        return S.RECURRENCE[recurrence]
    return note


def plan_text(number_symbol: str, summary: str) -> str:
    if number_symbol:
        return f"KH {number_symbol}"
    return summary[:60]


@plain_read
def list_tasks(source: Any, as_of: date | None = None, period_start: date | None = None) -> list[TaskRow]:
    """Every task with its derived status on `as_of` (today by default), in appendix order.

    Plain column queries (no ORM objects, no SQLAlchemy): 10,000 tasks with their history load in
    a fraction of a second on an old PC, which the overview and the task table need at start-up.
    `source` is a sqlite3 connection or a Session (desktop.core.sql)."""
    as_of = as_of or date.today()
    db = connection_of(source)
    rows = db.execute(
        "SELECT id, uid, title, details, deadline, recurrence, deadline_note, phase, lead_department_id, lead_note,"
        " coordination_note, expected_output, completed_on, plan_id FROM tasks"
        " ORDER BY plan_id IS NULL, plan_id, position, id").fetchall()
    departments = {d_id: (name or "", abbreviation or "") for d_id, name, abbreviation in db.execute(
        "SELECT id, name, abbreviation FROM departments")}
    plans = {p_id: plan_text(number or "", summary or "") for p_id, number, summary in db.execute(
        "SELECT id, number_symbol, summary FROM plans")}
    numbers = {d_id: number or "" for d_id, number in db.execute("SELECT id, number_symbol FROM directives")}
    sources: dict[int, list[int]] = {}
    for task_id, directive_id in db.execute(
            "SELECT task_id, directive_id FROM task_sources ORDER BY task_id, position, id"):
        sources.setdefault(task_id, []).append(directive_id)
    coordinators: dict[int, list[int]] = {}
    for task_id, department_id in db.execute(
            "SELECT task_id, department_id FROM task_coordinators ORDER BY task_id, department_id"):
        coordinators.setdefault(task_id, []).append(department_id)
    history: dict[int, list[tuple[date, str, str]]] = {}
    for task_id, on_date, status, note in db.execute(
            "SELECT task_id, on_date, status, note FROM task_status_history ORDER BY task_id, on_date, id"):
        history.setdefault(task_id, []).append((to_date(on_date), status, note or ""))
    result = []
    for (task_id, uid, title, details, deadline, recurrence, deadline_note, phase, lead_id, lead_note,
         coordination_note, expected_output, completed_on, plan_id) in rows:
        deadline, completed_on = to_date(deadline), to_date(completed_on)
        title, details, lead_note, phase = title or "", details or "", lead_note or "", phase or ""
        recurrence, deadline_note = recurrence or st.RECURRENCE_NONE, deadline_note or ""
        coordination_note, expected_output = coordination_note or "", expected_output or ""
        lead = departments.get(lead_id)
        lead_name = lead[0] if lead else lead_note
        lead_short = (lead[1] or lead[0]) if lead else lead_note
        names = [departments[d][1] or departments[d][0] for d in coordinators.get(task_id, ()) if d in departments]
        coordinator_text = ", ".join(x for x in (", ".join(names), coordination_note) if x)
        source_ids = tuple(sources.get(task_id, ()))
        source_numbers = tuple(numbers.get(d, "") for d in source_ids)
        entries = history.get(task_id, [])
        derived = st.derive_status(deadline=deadline, recurrence=recurrence,
                                   history=[st.HistoryPoint(on, status) for on, status, _note in entries],
                                   completed_on=completed_on, as_of=as_of, period_start=period_start)
        counted = [e for e in entries if e[0] <= as_of]
        search_source = " ".join(
            x for x in (title, details, lead_name, lead_short, coordinator_text, expected_output,
                        " ".join(source_numbers), phase) if x
        )
        result.append(TaskRow(
            id=task_id,
            uid=uid or "",
            title=title,
            status=derived.status,
            deadline=deadline,
            recurrence=recurrence,
            deadline_note=deadline_note,
            deadline_text=deadline_text(deadline, recurrence, deadline_note),
            phase=phase,
            lead_id=lead_id,
            lead=lead_short,
            lead_name=lead_name,
            coordinators=coordinator_text,
            source_ids=source_ids,
            sources=source_numbers,
            plan_id=plan_id,
            plan_label=plans.get(plan_id, ""),
            expected_output=expected_output,
            completed_on=derived.completed_on,
            started=derived.started,
            last_note=counted[-1][2] if counted else "",
            search_source=search_source,
        ))
    return result


@dataclass(frozen=True)
class TaskFilter:
    text: str = ""
    statuses: frozenset[str] = frozenset()
    department_id: int | None = None
    phase: str | None = None
    directive_id: int | None = None
    plan_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    open_only: bool = False  # only tasks not done (not started, in progress, overdue)


# Quick deadline windows offered next to the "from/to" dates.
WINDOW_OVERDUE = "overdue"
WINDOW_NEXT_7 = "next_7"
WINDOW_NEXT_14 = "next_14"
WINDOW_THIS_MONTH = "this_month"
DEADLINE_WINDOWS = (WINDOW_OVERDUE, WINDOW_NEXT_7, WINDOW_NEXT_14, WINDOW_THIS_MONTH)


def deadline_window(choice: str, as_of: date) -> tuple[date | None, date | None, bool]:
    """(deadline_from, deadline_to, open_only) for a quick choice, relative to `as_of`.

    overdue: deadline before `as_of` and not done (the derived "overdue" tasks);
    next_7 / next_14: deadline from `as_of` to `as_of + n` inclusive, as `due_soon` counts;
    this_month: the calendar month of `as_of`.
    """
    if choice == WINDOW_OVERDUE:
        return None, as_of - timedelta(days=1), True
    if choice == WINDOW_NEXT_7:
        return as_of, as_of + timedelta(days=7), False
    if choice == WINDOW_NEXT_14:
        return as_of, as_of + timedelta(days=14), False
    if choice == WINDOW_THIS_MONTH:
        first = as_of.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1), False
    raise ValueError(choice)


def filter_tasks(rows: Sequence[TaskRow], criteria: TaskFilter) -> list[TaskRow]:
    """Pure filtering over already-derived rows (fast enough for 10,000 tasks on an old PC)."""
    tokens = search_tokens(criteria.text)
    statuses = criteria.statuses
    # "in progress on time" in the statistics includes tasks not started yet within their deadline.
    if st.IN_PROGRESS_ON_TIME in statuses:
        statuses = statuses | {st.NOT_STARTED}
    result = []
    for row in rows:
        if statuses and row.status not in statuses:
            continue
        if criteria.open_only and row.status not in _OPEN:
            continue
        if criteria.department_id is not None and row.lead_id != criteria.department_id:
            continue
        if criteria.phase is not None and row.phase != criteria.phase:
            continue
        if criteria.directive_id is not None and criteria.directive_id not in row.source_ids:
            continue
        if criteria.plan_id is not None and row.plan_id != criteria.plan_id:
            continue
        if criteria.deadline_from is not None and (row.deadline is None or row.deadline < criteria.deadline_from):
            continue
        if criteria.deadline_to is not None and (row.deadline is None or row.deadline > criteria.deadline_to):
            continue
        if tokens and not all(token in row.search_text for token in tokens):
            continue
        result.append(row)
    return result


_OPEN = frozenset({st.NOT_STARTED, st.IN_PROGRESS_ON_TIME, st.OVERDUE})


def search_tasks(rows: Iterable[TaskRow], text: str) -> list[TaskRow]:
    return [row for row in rows if matches(text, row.search_text)]


def due_soon(rows: Sequence[TaskRow], as_of: date, days: int = 14) -> list[TaskRow]:
    """Open tasks whose deadline falls from `as_of` to `as_of + days` inclusive, soonest first."""
    end = date.fromordinal(as_of.toordinal() + days)
    found = [r for r in rows if r.deadline and st.is_open(r.status) and as_of <= r.deadline <= end]
    return sorted(found, key=lambda r: (r.deadline, sort_key(r.title)))


def overdue(rows: Sequence[TaskRow]) -> list[TaskRow]:
    found = [r for r in rows if r.status == st.OVERDUE]
    return sorted(found, key=lambda r: (r.deadline or date.max, sort_key(r.title)))


def phase_sort_key(value: str) -> tuple:
    """Phases in order: "1", "2", … "10", then named ones alphabetically."""
    return (0, int(value), "") if value.isdigit() else (1, 0, fold(value))
