"""Packages sent downward: the upper level's tasks, an outline or indicator definitions, and
what a ward does with them on import.

The package is an ordinary `.nq57` file (desktop.core.nq57file) with direction "down" and
content "tasks", "outline" or "indicators". Its data.json, schema_version 1, has the envelope
of the upward file — {"schema_version": 1, "unit": {"code", "name", "name_lines", "kind"}} — and
one of these bodies:

* "tasks":
    "directives": [{"uid", "doc_type", "number_symbol", "issued_on", "issuer", "summary"}],
    "tasks": [{"uid", "title", "details", "lead_note", "coordination_note", "expected_output",
               "deadline", "recurrence", "deadline_note", "phase",
               "sources": [{"directive_uid", "item_ref"}]}]
  `lead_note` is the lead as the upper level names it ("Sở Khoa học và Công nghệ", "UBND các xã,
  phường, đặc khu"); the ward assigns its own department. When the tasks come from a plan of the
  upper level, that plan travels as a directive (doc_type "plan", the plan's uid), since for the
  ward it is a directing document.
* "outline": "outline": {"uid", and the nq57-outline v1 object of desktop.core.outlines}.
* "indicators":
    "groups": [{"code", "name", "catalogue", "position"}],
    "indicators": [{"code", "name", "unit", "kind", "group_code", "department", "source", "output",
                    "formula", "decimals", "retired", "position",
                    "targets": [{"year", "comparator", "low", "high", "text"}]}],
    "rules": [{"code", "kind", "total_code", "part_codes": [codes], "factor"}]

Dates are ISO `YYYY-MM-DD`; decimals are exact text.

On import (`apply_downward`), records are matched by stable identifiers and created or updated,
never duplicated: tasks and directives by uid (a directive also by number-symbol, since the
reference directives have fixed uids but a ward may have typed one in itself), outlines by uid,
groups, indicators and rules by code. What the ward owns is never touched: a task's status
history, evidence, lead department, coordinators, plan and position, its lead and coordination
notes once set, sources the ward added itself; indicator values; a directive's filled-in fields
(only blanks are filled). `plan_downward` is the same work as a dry run (nothing written).

Functions take a Session first and never commit. Every problem of a package is found by
`check_downward` (structure, types, ranges; no database) and `plan_downward` (against the
database) before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import status as st
from desktop.core.changes import DIRECTIVES, INDICATORS, OUTLINES, TASKS, Changes
from desktop.core.errors import UserError
from desktop.core.vn import clean_line, clean_text, format_date, shorten
from desktop.models import (
    Directive,
    Indicator,
    IndicatorGroup,
    IndicatorRule,
    IndicatorTarget,
    IndicatorValue,
    Outline,
    Plan,
    Task,
    TaskSource,
)
from desktop.strings import common as C
from desktop.strings import downward as S

KINDS = ("tasks", "outline", "indicators")
SCHEMA_VERSION = 1
DIRECTION = "down"
UID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
MAX_TASKS = 20000
MAX_DIRECTIVES = 5000
MAX_INDICATORS = 5000
TITLE_LIMIT = 2000
TEXT_LIMIT = 20000
LINE_LIMIT = 300
NUMBER_LIMIT = 80
RULE_KINDS = ("sum_eq", "sum_le", "jump")


# ----------------------------------------------------------------------------- result types


@dataclass
class DownwardPlan:
    """What importing a downward package does (or did): counts by kind of change, one line per
    change for people, and every problem that stops the import."""

    counts: dict[str, int] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def unchanged(self) -> bool:
        """Nothing would be created or updated (the same package again)."""
        return not any(count for key, count in self.counts.items() if key != "unchanged")

    def add(self, key: str, action: str = "") -> None:
        self.counts[key] = self.counts.get(key, 0) + 1
        if action:
            self.actions.append(action)


@dataclass(frozen=True)
class DirectiveRef:
    """A directing document as another office or a sheet names it."""

    number_symbol: str
    doc_type: str = "other"
    issued_on: date | None = None
    issuer: str = ""
    summary: str = ""
    uid: str = ""

    @property
    def key(self) -> str:
        return normal_number(self.number_symbol)

    @property
    def label(self) -> str:
        kind = C.DIRECTIVE_TYPE.get(self.doc_type, C.DIRECTIVE_TYPE["other"])
        text = f"{kind} số {self.number_symbol}"
        if self.issued_on:
            text += f" ngày {format_date(self.issued_on)}"
        return text


def normal_number(number_symbol: str) -> str:
    """"12-kh/tu " and "12-KH/TU" are the same number-symbol."""
    return clean_line(number_symbol).replace(" ", "").upper()


# ----------------------------------------------------------------------------- directives


class DirectiveIndex:
    """The ward's directives, found by uid or number-symbol; creates the missing ones."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_uid: dict[str, int] = {}
        self.by_number: dict[str, list[tuple[int, date | None]]] = {}
        for directive in session.scalars(select(Directive)):
            self._remember(directive.id, directive.uid, directive.number_symbol, directive.issued_on)
        self._pending: dict[str, str] = {}  # dry run: uid, or number|date -> placeholder

    def _remember(self, directive_id: int, uid: str, number: str, issued_on: date | None) -> None:
        self.by_uid[uid] = directive_id
        self.by_number.setdefault(normal_number(number), []).append((directive_id, issued_on))

    def find(self, ref: DirectiveRef) -> int | None:
        if ref.uid and ref.uid in self.by_uid:
            return self.by_uid[ref.uid]
        candidates = self.by_number.get(ref.key, [])
        if not candidates:
            return None
        if ref.issued_on is None:
            return candidates[0][0]
        for directive_id, issued_on in candidates:
            if issued_on == ref.issued_on:
                return directive_id
        for directive_id, issued_on in candidates:
            if issued_on is None:
                return directive_id
        return None  # same number, another date: another document (numbers restart every year)

    def resolve(self, ref: DirectiveRef, apply: bool) -> tuple[int | str, bool]:
        """(directive id, or a placeholder in a dry run; whether it is new)."""
        found = self.find(ref)
        if found is not None:
            return found, False
        if not apply:
            # What `apply` would do: the first reference creates the directive, a later one
            # with the same uid, or the same number and date, finds it.
            key = f"{ref.key}|{ref.issued_on}"
            placeholder = self._pending.get(ref.uid) or self._pending.get(key)
            if placeholder is None:
                placeholder = f"new:{key}"
                self._pending[key] = placeholder
                if ref.uid:
                    self._pending[ref.uid] = placeholder
                return placeholder, True
            return placeholder, False
        from desktop.core.directives import DirectiveRow, save_directive

        directive_id, _ = save_directive(self.session, DirectiveRow(
            id=None, number_symbol=ref.number_symbol, doc_type=ref.doc_type, issued_on=ref.issued_on,
            issuer=ref.issuer, summary=ref.summary, uid=ref.uid if ref.uid and ref.uid not in self.by_uid else "",
        ))
        directive = self.session.get(Directive, directive_id)
        self._remember(directive_id, directive.uid, directive.number_symbol, directive.issued_on)
        if ref.uid:
            self.by_uid[ref.uid] = directive_id
        return directive_id, True

    def blanks(self, directive_id: int, ref: DirectiveRef) -> list[str]:
        """Fields of the ward's directive still blank that the reference can fill."""
        directive = self.session.get(Directive, directive_id)
        filled = []
        if directive.issued_on is None and ref.issued_on is not None and not self._taken(ref, directive_id):
            filled.append("issued_on")
        if not directive.issuer and ref.issuer:
            filled.append("issuer")
        if not directive.summary and ref.summary:
            filled.append("summary")
        return filled

    def _taken(self, ref: DirectiveRef, directive_id: int) -> bool:
        return any(other != directive_id and day == ref.issued_on for other, day in self.by_number.get(ref.key, []))

    def fill(self, directive_id: int, ref: DirectiveRef, names: Sequence[str]) -> None:
        directive = self.session.get(Directive, directive_id)
        for name in names:
            setattr(directive, name, getattr(ref, name))
        directive.updated_by = self.session.info.get("user", "")
        if "issued_on" in names:
            self.by_number[ref.key] = [(i, ref.issued_on if i == directive_id else d) for i, d in self.by_number[ref.key]]


# ----------------------------------------------------------------------------- export


def _unit_json(profile) -> dict[str, Any]:
    return {
        "code": profile.code,
        "name": profile.short_name,
        "name_lines": profile.header_lines,
        "kind": profile.kind,
    }


def _profile(session: Session):
    from desktop.core.office import get_office

    profile = get_office(session)
    if profile is None:
        raise UserError(S.NO_OFFICE)
    return profile


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _directive_json(directive: Directive) -> dict[str, Any]:
    return {
        "uid": directive.uid,
        "doc_type": directive.doc_type,
        "number_symbol": directive.number_symbol,
        "issued_on": _iso(directive.issued_on),
        "issuer": directive.issuer,
        "summary": directive.summary,
    }


def collect_tasks(session: Session, task_ids: Sequence[int] | None = None, plan_id: int | None = None) -> dict[str, Any]:
    """data.json of a "tasks" package: the chosen tasks (all, a plan's, or by id)."""
    profile = _profile(session)
    query = select(Task).options(
        selectinload(Task.sources).selectinload(TaskSource.directive), selectinload(Task.lead_department),
        selectinload(Task.coordinators), selectinload(Task.plan))
    if task_ids is not None:
        query = query.where(Task.id.in_(list(task_ids)))
    if plan_id is not None:
        if session.get(Plan, plan_id) is None:
            raise UserError(S.PLAN_NOT_FOUND.format(id=plan_id))
        query = query.where(Task.plan_id == plan_id)
    tasks = list(session.scalars(query.order_by(Task.plan_id.is_(None), Task.plan_id, Task.position, Task.id)))
    if task_ids is not None:
        missing = set(task_ids) - {t.id for t in tasks}
        if missing:
            raise UserError(S.TASKS_NOT_FOUND.format(ids=", ".join(str(i) for i in sorted(missing))))
    if not tasks:
        raise UserError(S.NOTHING_TO_SEND)
    directives: dict[str, dict[str, Any]] = {}
    issuer = profile.short_name or " ".join(profile.header_lines)
    appendix_numbers = _appendix_numbers(tasks)
    plan_directives: dict[int, dict[str, Any]] = {}
    items = []
    for task in tasks:
        sources = []
        numbers = set()
        for source in task.sources:
            directives.setdefault(source.directive.uid, _directive_json(source.directive))
            sources.append({"directive_uid": source.directive.uid, "item_ref": source.item_ref})
            numbers.add(normal_number(source.directive.number_symbol))
        plan = task.plan
        if plan is not None and plan.number_symbol and normal_number(plan.number_symbol) not in numbers:
            twin = plan_directives.get(plan.id)
            if twin is None:
                # The plan is registered as a directive too (the reference list has the city's
                # plans): send that one, so the ward matches it by its fixed uid.
                same = next((d for d in session.scalars(select(Directive).order_by(Directive.id))
                             if normal_number(d.number_symbol) == normal_number(plan.number_symbol)
                             and (d.issued_on == plan.issued_on or d.issued_on is None or plan.issued_on is None)),
                            None)
                twin = _directive_json(same) if same is not None else {
                    "uid": plan.uid, "doc_type": "plan", "number_symbol": plan.number_symbol,
                    "issued_on": _iso(plan.issued_on), "issuer": issuer, "summary": plan.summary}
                plan_directives[plan.id] = twin
            directives.setdefault(twin["uid"], twin)
            sources.insert(0, {"directive_uid": twin["uid"],
                               "item_ref": S.ITEM_REF.format(number=appendix_numbers[task.id])})
        lead = task.lead_department.name if task.lead_department else task.lead_note
        coordinators = ", ".join(x for x in (", ".join(d.name for d in task.coordinators), task.coordination_note) if x)
        items.append({
            "uid": task.uid,
            "title": task.title,
            "details": task.details,
            "lead_note": lead[:LINE_LIMIT],
            "coordination_note": coordinators[:LINE_LIMIT],
            "expected_output": task.expected_output,
            "deadline": _iso(task.deadline),
            "recurrence": task.recurrence,
            "deadline_note": task.deadline_note,
            "phase": task.phase,
            "sources": sources,
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "unit": _unit_json(profile),
        "directives": list(directives.values()),
        "tasks": items,
    }


def _appendix_numbers(tasks: Sequence[Task]) -> dict[int, int]:
    """A task's number in its plan's appendix (1, 2, … in plan order)."""
    numbers: dict[int, int] = {}
    counters: dict[int, int] = {}
    for task in tasks:
        if task.plan_id is not None:
            counters[task.plan_id] = counters.get(task.plan_id, 0) + 1
            numbers[task.id] = counters[task.plan_id]
    if not counters:
        return numbers
    # Numbers count every task of the plan, also those not sent: recount over the whole plan.
    session = Session.object_session(tasks[0])
    for plan_id in counters:
        ids = session.scalars(select(Task.id).where(Task.plan_id == plan_id).order_by(Task.position, Task.id))
        for stt, task_id in enumerate(ids, start=1):
            numbers[task_id] = stt
    return numbers


def collect_outline(session: Session, outline_id: int) -> dict[str, Any]:
    from desktop.core import outlines

    profile = _profile(session)
    detail = outlines.get_outline(session, outline_id)
    return {
        "schema_version": SCHEMA_VERSION,
        "unit": _unit_json(profile),
        "outline": {"uid": detail.uid, **outlines.outline_to_json(detail)},
    }


def collect_indicators(session: Session, indicator_codes: Sequence[str] | None = None) -> dict[str, Any]:
    """Definitions of the chosen indicators (all that are followed when none are named), with the
    indicators their formulas read, their groups and the rules among them."""
    from desktop.core import formula as fx
    from desktop.core import indicators as indicators_core

    profile = _profile(session)
    indicators_core.ensure_catalogues(session)
    query = select(Indicator).options(selectinload(Indicator.group), selectinload(Indicator.targets))
    every = {i.code: i for i in session.scalars(query)}
    if indicator_codes:
        wanted = [clean_line(code).upper() for code in indicator_codes]
        unknown = [code for code in wanted if code not in every]
        if unknown:
            raise UserError(S.INDICATORS_NOT_FOUND.format(codes=", ".join(unknown)))
    else:
        wanted = [code for code, indicator in every.items() if not indicator.retired]
    chosen: dict[str, Indicator] = {}
    stack = list(wanted)
    while stack:
        code = stack.pop()
        if code in chosen or code not in every:
            continue
        chosen[code] = every[code]
        if every[code].formula:
            stack.extend(fx.parse(every[code].formula).codes)
    if not chosen:
        raise UserError(S.NOTHING_TO_SEND)
    groups = {i.group.code: i.group for i in chosen.values()}
    ordered = sorted(chosen.values(), key=lambda i: (i.group.position, i.position, i.code))
    rules = [
        r for r in session.scalars(select(IndicatorRule).order_by(IndicatorRule.code))
        if all(code in chosen for code in [r.total_code, *r.part_codes.split()] if code)
        and (r.total_code or r.part_codes)
        or (r.kind == "jump" and not r.total_code and not r.part_codes)
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "unit": _unit_json(profile),
        "groups": [{"code": g.code, "name": g.name, "catalogue": g.catalogue, "position": g.position}
                   for g in sorted(groups.values(), key=lambda g: (g.position, g.code))],
        "indicators": [{
            "code": i.code, "name": i.name, "unit": i.unit, "kind": i.kind, "group_code": i.group.code,
            "department": i.department, "source": i.source, "output": i.output, "formula": i.formula,
            "decimals": i.decimals, "retired": i.retired, "position": i.position,
            "targets": [{"year": t.year, "comparator": t.comparator, "low": t.low, "high": t.high, "text": t.text}
                        for t in i.targets],
        } for i in ordered],
        "rules": [{"code": r.code, "kind": r.kind, "total_code": r.total_code, "part_codes": r.part_codes.split(),
                   "factor": r.factor} for r in rules],
    }


def collect_downward(session: Session, kind: str, *, task_ids: Sequence[int] | None = None,
                     plan_id: int | None = None, outline_id: int | None = None,
                     indicator_codes: Sequence[str] | None = None) -> dict[str, Any]:
    if kind == "tasks":
        return collect_tasks(session, task_ids, plan_id)
    if kind == "outline":
        if outline_id is None:
            raise UserError(S.OUTLINE_REQUIRED)
        return collect_outline(session, outline_id)
    if kind == "indicators":
        return collect_indicators(session, indicator_codes)
    raise UserError(S.UNKNOWN_CONTENT.format(value=kind))


def manifest_fields(data: Mapping[str, Any], kind: str) -> dict[str, Any]:
    return {"direction": DIRECTION, "content": kind, "unit": dict(data["unit"]), "period": None}


def export_downward(database, kind: str, out: str | Path, *, task_ids: Sequence[int] | None = None,
                    plan_id: int | None = None, outline_id: int | None = None,
                    indicator_codes: Sequence[str] | None = None) -> Path:
    """Write a downward package (atomically, through nq57file.write_package)."""
    from desktop.core import nq57file

    with database.read() as session:
        data = collect_downward(session, kind, task_ids=task_ids, plan_id=plan_id, outline_id=outline_id,
                                indicator_codes=indicator_codes)
    problems = check_downward(kind, data)
    if problems:  # a bug or a damaged database: never send a package the receiver would refuse
        raise UserError(S.EXPORT_INVALID.format(problem=problems[0]))
    target = Path(out)
    if not target.suffix:
        target = target.with_suffix(nq57file.EXTENSION)
    return nq57file.write_package(target, manifest_fields(data, kind), data, {})


def describe(data: Mapping[str, Any], kind: str) -> str:
    """"12 nhiệm vụ, 3 văn bản" — what a package holds, for a summary line."""
    if kind == "tasks":
        return S.SUMMARY_TASKS.format(tasks=len(data.get("tasks", ())), directives=len(data.get("directives", ())))
    if kind == "outline":
        return S.SUMMARY_OUTLINE.format(name=data.get("outline", {}).get("name", ""))
    return S.SUMMARY_INDICATORS.format(indicators=len(data.get("indicators", ())), groups=len(data.get("groups", ())))


# ----------------------------------------------------------------------------- checking (no database)


class _Checker:
    """Collects every problem of a data.json, each with where it is."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def obj(self, value: Any, where: str) -> bool:
        if not isinstance(value, dict):
            self.add(where, S.EXPECT_OBJECT)
            return False
        return True

    def items(self, data: Mapping[str, Any], key: str, limit: int, required: bool = True) -> list[Any]:
        if key not in data:
            if required:
                self.add("", S.MISSING_KEY.format(key=key))
            return []
        value = data[key]
        if not isinstance(value, list):
            self.add(S.KEY.format(key=key), S.EXPECT_LIST)
            return []
        if len(value) > limit:
            self.add(S.KEY.format(key=key), S.TOO_MANY.format(count=len(value), limit=limit))
            return []
        return value

    def text(self, item: Mapping[str, Any], key: str, where: str, limit: int, required: bool = False,
             line: bool = False) -> str:
        value = item.get(key, "")
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.add(where, S.FIELD_TEXT.format(key=key))
            return ""
        cleaned = clean_line(value) if line else clean_text(value)
        if required and not cleaned:
            self.add(where, S.FIELD_REQUIRED.format(key=key))
        if len(cleaned) > limit:
            self.add(where, S.FIELD_TOO_LONG.format(key=key, length=len(cleaned), limit=limit))
        return cleaned

    def day(self, item: Mapping[str, Any], key: str, where: str, low: int = 2000, high: int = 2100) -> date | None:
        value = item.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.add(where, S.FIELD_DATE.format(key=key, value=value))
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.add(where, S.FIELD_DATE.format(key=key, value=value))
            return None
        if not low <= day.year <= high:
            self.add(where, S.FIELD_DATE_RANGE.format(key=key, value=format_date(day), low=low, high=high))
            return None
        return day

    def uid(self, item: Mapping[str, Any], key: str, where: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not UID_PATTERN.match(value):
            self.add(where, S.FIELD_UID.format(key=key))
            return ""
        return value

    def integer(self, item: Mapping[str, Any], key: str, where: str, low: int, high: int, default: int = 0) -> int:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(where, S.FIELD_INTEGER.format(key=key, value=value, low=low, high=high))
            return default
        return value


def _where_task(index: int, item: Any) -> str:
    title = item.get("title") if isinstance(item, dict) else None
    if isinstance(title, str) and title.strip():
        return S.WHERE_TASK_TITLE.format(index=index, title=shorten(clean_line(title), 60))
    return S.WHERE_TASK.format(index=index)


def check_downward(content: str, data: Any) -> list[str]:
    """Every problem of a downward data.json (Vietnamese, with where it is); [] when sound.
    Structure, types, sizes and ranges only: the database is `plan_downward`'s business."""
    check = _Checker()
    if content not in KINDS:
        return [S.UNKNOWN_CONTENT.format(value=content)]
    if not isinstance(data, dict):
        return [S.DATA_NOT_OBJECT]
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return [S.BAD_SCHEMA.format(value=version)]
    if version > SCHEMA_VERSION:
        return [S.NEWER_SCHEMA.format(value=version, supported=SCHEMA_VERSION)]
    if "unit" in data and data["unit"] is not None and not isinstance(data["unit"], dict):
        check.add(S.KEY.format(key="unit"), S.EXPECT_OBJECT)
    if content == "tasks":
        _check_tasks(check, data)
    elif content == "outline":
        _check_outline(check, data)
    else:
        _check_indicators(check, data)
    return check.problems


def _check_tasks(check: _Checker, data: Mapping[str, Any]) -> None:
    from desktop.core.directives import DOC_TYPES

    directive_uids: set[str] = set()
    for index, item in enumerate(check.items(data, "directives", MAX_DIRECTIVES, required=False), start=1):
        where = S.WHERE_DIRECTIVE.format(index=index)
        if not check.obj(item, where):
            continue
        uid = check.uid(item, "uid", where)
        if uid in directive_uids:
            check.add(where, S.DUPLICATE_UID.format(value=uid))
        directive_uids.add(uid)
        number = check.text(item, "number_symbol", where, NUMBER_LIMIT, required=True, line=True)
        if number:
            where = S.WHERE_DIRECTIVE_NUMBER.format(index=index, number=number)
        if item.get("doc_type", "other") not in DOC_TYPES:
            check.add(where, S.FIELD_CHOICE.format(key="doc_type", value=item.get("doc_type")))
        check.day(item, "issued_on", where, low=1945)
        check.text(item, "issuer", where, 200, line=True)
        check.text(item, "summary", where, 5000)
    uids: set[str] = set()
    tasks = check.items(data, "tasks", MAX_TASKS)
    if "tasks" in data and isinstance(data["tasks"], list) and not data["tasks"]:
        check.add("", S.NO_TASKS_IN_PACKAGE)
    for index, item in enumerate(tasks, start=1):
        where = _where_task(index, item)
        if not check.obj(item, where):
            continue
        uid = check.uid(item, "uid", where)
        if uid and uid in uids:
            check.add(where, S.DUPLICATE_UID.format(value=uid))
        uids.add(uid)
        check.text(item, "title", where, TITLE_LIMIT, required=True)
        check.text(item, "details", where, TEXT_LIMIT)
        check.text(item, "lead_note", where, LINE_LIMIT, line=True)
        check.text(item, "coordination_note", where, LINE_LIMIT, line=True)
        check.text(item, "expected_output", where, TEXT_LIMIT)
        check.text(item, "deadline_note", where, LINE_LIMIT, line=True)
        check.text(item, "phase", where, 40, line=True)
        deadline = check.day(item, "deadline", where)
        recurrence = item.get("recurrence", st.RECURRENCE_NONE)
        if recurrence not in st.RECURRENCES:
            check.add(where, S.FIELD_CHOICE.format(key="recurrence", value=recurrence))
        elif deadline is not None and recurrence in st.CYCLIC:
            check.add(where, S.DEADLINE_AND_RECURRENCE)
        sources = item.get("sources", [])
        if not isinstance(sources, list):
            check.add(where, S.FIELD_LIST.format(key="sources"))
            continue
        seen: set[str] = set()
        for source in sources:
            if not isinstance(source, dict):
                check.add(where, S.FIELD_LIST.format(key="sources"))
                continue
            directive_uid = source.get("directive_uid")
            if directive_uid not in directive_uids:
                check.add(where, S.SOURCE_UNKNOWN.format(value=directive_uid))
            elif directive_uid in seen:
                check.add(where, S.SOURCE_TWICE.format(value=directive_uid))
            seen.add(directive_uid)
            check.text(source, "item_ref", where, 80, line=True)


def _check_outline(check: _Checker, data: Mapping[str, Any]) -> None:
    from desktop.core import outlines

    item = data.get("outline")
    if item is None:
        check.add("", S.MISSING_KEY.format(key="outline"))
        return
    if not check.obj(item, S.KEY.format(key="outline")):
        return
    check.uid(item, "uid", S.KEY.format(key="outline"))
    try:
        outlines.parse_outline(item)
    except UserError as exc:
        check.add(S.KEY.format(key="outline"), str(exc).replace("\n", " "))


def _check_indicators(check: _Checker, data: Mapping[str, Any]) -> None:
    from desktop.core import formula as fx
    from desktop.core import indicators as indicators_core

    group_codes: set[str] = set()
    for index, item in enumerate(check.items(data, "groups", MAX_INDICATORS), start=1):
        where = S.WHERE_GROUP.format(index=index)
        if not check.obj(item, where):
            continue
        code = item.get("code")
        if not isinstance(code, str) or not indicators_core.CODE_PATTERN.fullmatch(code) or len(code) > 40:
            check.add(where, S.FIELD_CODE.format(key="code", value=code))
        elif code in group_codes:
            check.add(where, S.DUPLICATE_CODE.format(value=code))
        group_codes.add(code)
        check.text(item, "name", where, 2000, required=True)
        catalogue = item.get("catalogue", "")
        if not isinstance(catalogue, str) or not re.fullmatch(r"[a-z0-9_-]{1,30}", catalogue):
            check.add(where, S.FIELD_CODE.format(key="catalogue", value=catalogue))
        check.integer(item, "position", where, 0, 1_000_000)
    codes: set[str] = set()
    indicators = check.items(data, "indicators", MAX_INDICATORS)
    if "indicators" in data and isinstance(data["indicators"], list) and not data["indicators"]:
        check.add("", S.NO_INDICATORS_IN_PACKAGE)
    for item in indicators:
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            codes.add(item["code"])
    seen: set[str] = set()
    for index, item in enumerate(indicators, start=1):
        where = S.WHERE_INDICATOR.format(index=index)
        if not check.obj(item, where):
            continue
        code = item.get("code")
        if not isinstance(code, str) or not indicators_core.CODE_PATTERN.fullmatch(code) or len(code) > 60:
            check.add(where, S.FIELD_CODE.format(key="code", value=code))
        else:
            where = S.WHERE_INDICATOR_CODE.format(code=code)
            if code in seen:
                check.add(where, S.DUPLICATE_CODE.format(value=code))
            seen.add(code)
        check.text(item, "name", where, TEXT_LIMIT, required=True)
        check.text(item, "unit", where, 60, line=True)
        kind = item.get("kind")
        if kind not in indicators_core.KINDS:
            check.add(where, S.FIELD_CHOICE.format(key="kind", value=kind))
        if item.get("group_code") not in group_codes:
            check.add(where, S.GROUP_UNKNOWN.format(value=item.get("group_code")))
        check.text(item, "department", where, LINE_LIMIT, line=True)
        check.text(item, "source", where, 120, line=True)
        check.text(item, "output", where, 200, line=True)
        check.integer(item, "decimals", where, 0, 6)
        check.integer(item, "position", where, 0, 1_000_000)
        if not isinstance(item.get("retired", False), bool):
            check.add(where, S.FIELD_FLAG.format(key="retired"))
        formula = item.get("formula", "")
        if not isinstance(formula, str):
            check.add(where, S.FIELD_TEXT.format(key="formula"))
        elif formula.strip():
            if kind not in indicators_core.NUMERIC_KINDS:
                check.add(where, S.FORMULA_KIND)
            try:
                parsed = fx.parse(formula)
                if len(formula) > 2000:
                    check.add(where, S.FIELD_TOO_LONG.format(key="formula", length=len(formula), limit=2000))
                external = [c for c in parsed.codes if c not in codes]
                if external:
                    check.add(where, S.FORMULA_OUTSIDE.format(codes=", ".join(external)))
            except fx.FormulaError as exc:
                check.add(where, str(exc))
        targets = item.get("targets", [])
        if not isinstance(targets, list):
            check.add(where, S.FIELD_LIST.format(key="targets"))
            continue
        years: set[int] = set()
        for target in targets:
            if not isinstance(target, dict):
                check.add(where, S.FIELD_LIST.format(key="targets"))
                continue
            year = check.integer(target, "year", where, 2000, 2100, default=-1)
            if year in years:
                check.add(where, S.TARGET_YEAR_TWICE.format(year=year))
            years.add(year)
            if target.get("comparator") not in indicators_core.COMPARATORS:
                check.add(where, S.FIELD_CHOICE.format(key="comparator", value=target.get("comparator")))
            for bound in ("low", "high"):
                value = target.get(bound, "")
                if not isinstance(value, str) or (value and not _decimal_text(value)):
                    check.add(where, S.FIELD_DECIMAL.format(key=bound, value=value))
            check.text(target, "text", where, 120, line=True)
    _check_cycles(check, indicators)
    rule_codes: set[str] = set()
    for index, item in enumerate(check.items(data, "rules", MAX_INDICATORS, required=False), start=1):
        where = S.WHERE_RULE.format(index=index)
        if not check.obj(item, where):
            continue
        code = item.get("code")
        if not isinstance(code, str) or not indicators_core.CODE_PATTERN.fullmatch(code) or len(code) > 60:
            check.add(where, S.FIELD_CODE.format(key="code", value=code))
        elif code in rule_codes:
            check.add(where, S.DUPLICATE_CODE.format(value=code))
        rule_codes.add(code)
        if item.get("kind") not in RULE_KINDS:
            check.add(where, S.FIELD_CHOICE.format(key="kind", value=item.get("kind")))
        total = item.get("total_code", "")
        parts = item.get("part_codes", [])
        if not isinstance(total, str) or not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            check.add(where, S.FIELD_LIST.format(key="part_codes"))
            continue
        unknown = [c for c in [total, *parts] if c and c not in codes]
        if unknown:
            check.add(where, S.RULE_OUTSIDE.format(codes=", ".join(unknown)))
        factor = item.get("factor", "")
        if not isinstance(factor, str) or (factor and not _decimal_text(factor)):
            check.add(where, S.FIELD_DECIMAL.format(key="factor", value=factor))


def _decimal_text(value: str) -> bool:
    if len(value) > 40 or not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return False
    try:
        return Decimal(value).is_finite()
    except InvalidOperation:
        return False


def _check_cycles(check: _Checker, indicators: Iterable[Any]) -> None:
    from desktop.core import formula as fx

    reads: dict[str, list[str]] = {}
    for item in indicators:
        if isinstance(item, dict) and isinstance(item.get("code"), str) and isinstance(item.get("formula"), str) \
                and item["formula"].strip():
            try:
                reads[item["code"]] = list(fx.parse(item["formula"]).codes)
            except fx.FormulaError:
                continue
    for code in fx.cyclic_codes(reads):
        check.add(S.WHERE_INDICATOR_CODE.format(code=code), S.FORMULA_CYCLE)


# ----------------------------------------------------------------------------- planning and applying


def plan_downward(session: Session, package) -> DownwardPlan:
    """What importing the package would do, and every problem that stops it (nothing written)."""
    return _run(session, package, apply=False)


def apply_downward(session: Session, folder, package) -> DownwardPlan:
    """Import the package into this office's database (the caller's unit of work). Raises
    UserError — nothing written once the caller rolls back — when the package has a problem."""
    result = _run(session, package, apply=True)
    return result


def _run(session: Session, package, apply: bool) -> DownwardPlan:
    content, data = package.content, package.data
    if getattr(package, "direction", DIRECTION) != DIRECTION:
        return DownwardPlan(problems=[S.NOT_DOWNWARD])
    problems = check_downward(content, data)
    if problems:
        if apply:
            raise UserError(S.REFUSED.format(count=len(problems), first=problems[0]))
        return DownwardPlan(problems=problems)
    if content == "tasks":
        result = _sync_tasks(session, data, apply)
    elif content == "outline":
        result = _sync_outline(session, data, apply)
    else:
        result = _sync_indicators(session, data, apply)
    if apply and result.problems:
        raise UserError(S.REFUSED.format(count=len(result.problems), first=result.problems[0]))
    if apply:
        session.flush()
    return result


# -- tasks


def _ref(item: Mapping[str, Any]) -> DirectiveRef:
    return DirectiveRef(
        number_symbol=clean_line(item["number_symbol"]).replace(" ", ""),
        doc_type=item.get("doc_type") or "other",
        issued_on=date.fromisoformat(item["issued_on"]) if item.get("issued_on") else None,
        issuer=clean_line(item.get("issuer") or ""),
        summary=clean_text(item.get("summary") or ""),
        uid=item["uid"],
    )


def _task_values(item: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "title": clean_text(item["title"]),
        "details": clean_text(item.get("details") or ""),
        "expected_output": clean_text(item.get("expected_output") or ""),
        "deadline": date.fromisoformat(item["deadline"]) if item.get("deadline") else None,
        "recurrence": item.get("recurrence") or st.RECURRENCE_NONE,
        "deadline_note": clean_line(item.get("deadline_note") or ""),
        "phase": clean_line(item.get("phase") or ""),
    }


TASK_FIELDS = ("title", "details", "expected_output", "deadline", "recurrence", "deadline_note", "phase")


def _sync_tasks(session: Session, data: Mapping[str, Any], apply: bool) -> DownwardPlan:
    from desktop.core import tasks as tasks_core

    result = DownwardPlan(counts={"created": 0, "updated": 0, "unchanged": 0, "directives_created": 0,
                                  "directives_updated": 0})
    index = DirectiveIndex(session)
    resolved: dict[str, int | str] = {}
    for item in data.get("directives", ()):
        ref = _ref(item)
        found = index.find(ref)
        if found is None:
            resolved[ref.uid], new = index.resolve(ref, apply)
            if new:
                result.add("directives_created", S.ACTION_DIRECTIVE_NEW.format(label=ref.label))
            continue
        resolved[ref.uid] = found
        blanks = index.blanks(found, ref)
        if blanks:
            result.add("directives_updated", S.ACTION_DIRECTIVE_FILLED.format(
                label=ref.label, fields=", ".join(S.DIRECTIVE_FIELD[name] for name in blanks)))
            if apply:
                index.fill(found, ref, blanks)
    package_directives = {value for value in resolved.values() if isinstance(value, int)}
    items = list(data["tasks"])
    existing: dict[str, Task] = {}
    uids = [i["uid"] for i in items]
    for start in range(0, len(uids), 500):
        query = select(Task).where(Task.uid.in_(uids[start:start + 500])).options(
            selectinload(Task.sources), selectinload(Task.coordinators))
        existing.update((task.uid, task) for task in session.scalars(query))
    for item in items:
        values = _task_values(item)
        upstream_sources: list[tuple[int | str, str]] = []
        for source in item.get("sources", ()):
            directive_id = resolved[source["directive_uid"]]
            # Two directives of the upper level may be one document here: cite it once.
            if all(directive_id != known for known, _ref in upstream_sources):
                upstream_sources.append((directive_id, clean_line(source.get("item_ref") or "")))
        task = existing.get(item["uid"])
        title = shorten(values["title"].replace("\n", " "), 80)
        if task is None:
            result.add("created", S.ACTION_TASK_NEW.format(title=title))
            if apply:
                data_in = tasks_core.TaskInput(
                    lead_note=clean_line(item.get("lead_note") or ""),
                    coordination_note=clean_line(item.get("coordination_note") or ""),
                    sources=tuple(tasks_core.SourceRef(directive_id, ref) for directive_id, ref in upstream_sources),
                    **values,
                )
                task_id, _ = tasks_core.create_task(session, data_in)
                session.get(Task, task_id).uid = item["uid"]
            continue
        ward_sources = [(s.directive_id, s.item_ref) for s in task.sources]
        sources = list(upstream_sources)
        upstream_ids = {directive_id for directive_id, _ in sources}
        # Sources the ward added itself (directives the upper level does not know of) stay.
        sources += [(d, r) for d, r in ward_sources if d not in package_directives and d not in upstream_ids]
        changed = [name for name in TASK_FIELDS if getattr(task, name) != values[name]]
        if sources != ward_sources:
            changed.append("sources")
        notes = {}
        upstream_lead = clean_line(item.get("lead_note") or "")
        if upstream_lead and not task.lead_note and task.lead_department_id is None:
            notes["lead_note"] = upstream_lead
        upstream_coordinators = clean_line(item.get("coordination_note") or "")
        if upstream_coordinators and not task.coordination_note and not task.coordinators:
            notes["coordination_note"] = upstream_coordinators
        changed += [name for name, value in notes.items() if getattr(task, name) != value]
        if not changed:
            result.add("unchanged")
            continue
        result.add("updated", S.ACTION_TASK_UPDATED.format(
            title=title, fields=", ".join(S.TASK_FIELD[name] for name in changed)))
        if apply:
            current = tasks_core.get_task(session, task.id).data
            merged = {**{name: getattr(current, name) for name in current.__dataclass_fields__}, **values, **notes}
            merged["sources"] = tuple(tasks_core.SourceRef(d, r) for d, r in sources)
            tasks_core.update_task(session, task.id, tasks_core.TaskInput(**merged))
    kinds = [TASKS] if result.counts["created"] or result.counts["updated"] else []
    if result.counts["directives_created"] or result.counts["directives_updated"]:
        kinds.append(DIRECTIVES)
    result.changes = Changes.of(*kinds)
    return result


# -- outline


def _sync_outline(session: Session, data: Mapping[str, Any], apply: bool) -> DownwardPlan:
    from desktop.core import outlines
    from desktop.core import sections as sections_core

    result = DownwardPlan(counts={"created": 0, "updated": 0, "unchanged": 0})
    item = data["outline"]
    detail = outlines.parse_outline(item)
    uid = item["uid"]
    outline = session.scalar(select(Outline).where(Outline.uid == uid))
    if outline is not None and outline.builtin_key:
        result.problems.append(S.OUTLINE_BUILTIN_UID.format(name=outline.name))
        return result
    if outline is None:
        name = outlines.unique_name(session, detail.name)
        result.add("created", S.ACTION_OUTLINE_NEW.format(name=name))
        if apply:
            outline_id, _ = outlines.save_outline(session, None, name, detail.kind, detail.description,
                                                  detail.document, detail.tree)
            session.get(Outline, outline_id).uid = uid
        result.changes = Changes.of(OUTLINES)
        return result
    document = outlines.clean_document(detail.document).to_json()
    tree = sections_core.to_json(outlines.clean_tree(detail.tree))
    changed = []
    if outline.name != outlines.unique_name(session, detail.name, outline.id):
        changed.append("name")
    for name, value, stored in (("kind", detail.kind, outline.kind), ("description", detail.description,
                                                                      outline.description)):
        if value != stored:
            changed.append(name)
    if json.loads(outline.document or "{}") != document:
        changed.append("document")
    if json.loads(outline.sections or "[]") != tree:
        changed.append("sections")
    if outline.retired:
        changed.append("retired")
    if not changed:
        result.add("unchanged")
        return result
    result.add("updated", S.ACTION_OUTLINE_UPDATED.format(
        name=outline.name, fields=", ".join(S.OUTLINE_FIELD[name] for name in changed)))
    if apply:
        outline.retired = False
        name = outlines.unique_name(session, detail.name, outline.id) if "name" in changed else outline.name
        outlines.save_outline(session, outline.id, name, detail.kind, detail.description, detail.document, detail.tree)
    result.changes = Changes.of(OUTLINES)
    return result


# -- indicators


def _sync_indicators(session: Session, data: Mapping[str, Any], apply: bool) -> DownwardPlan:
    from desktop.core import formula as fx
    from desktop.core import indicators as indicators_core

    result = DownwardPlan(counts={"created": 0, "updated": 0, "unchanged": 0, "groups_created": 0,
                                  "groups_updated": 0, "rules_created": 0, "rules_updated": 0})
    indicators_core.ensure_catalogues(session)
    groups = {g.code: g for g in session.scalars(select(IndicatorGroup))}
    stored = {i.code: i for i in session.scalars(select(Indicator).options(selectinload(Indicator.targets)))}
    user = session.info.get("user", "")

    # Formulas of the ward and of the package together must stay free of cycles.
    formulas = {code: i.formula for code, i in stored.items() if i.formula}
    for item in data["indicators"]:
        formulas[item["code"]] = item.get("formula", "").strip().upper()
    formulas = {code: text for code, text in formulas.items() if text}
    for code, text in formulas.items():
        unknown = [c for c in fx.parse(text).codes if c not in stored and c not in formulas
                   and c not in {i["code"] for i in data["indicators"]}]
        if unknown:
            result.problems.append(S.FORMULA_UNKNOWN.format(code=code, codes=", ".join(unknown)))
    if _cyclic(formulas):
        result.problems.append(S.FORMULA_CYCLE_WITH_WARD)
    with_values = set(session.scalars(
        select(Indicator.code).join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id).distinct()))
    for item in data["indicators"]:
        indicator = stored.get(item["code"])
        if indicator is not None and indicator.code in with_values and not _same_storage(indicator.kind, item["kind"]):
            result.problems.append(S.KIND_CHANGE_WITH_VALUES.format(
                code=indicator.code, old=S.KIND.get(indicator.kind, indicator.kind), new=S.KIND.get(item["kind"], item["kind"])))
    if result.problems:
        return result

    for item in data["groups"]:
        name = clean_text(item["name"])
        values = {"name": name, "catalogue": item.get("catalogue", ""), "position": item.get("position", 0)}
        group = groups.get(item["code"])
        if group is None:
            result.add("groups_created", S.ACTION_GROUP_NEW.format(name=shorten(name, 80)))
            if apply:
                group = IndicatorGroup(code=item["code"], **values)
                session.add(group)
                session.flush()
                groups[group.code] = group
        elif any(getattr(group, key) != value for key, value in values.items()):
            result.add("groups_updated", S.ACTION_GROUP_UPDATED.format(name=shorten(name, 80)))
            if apply:
                for key, value in values.items():
                    setattr(group, key, value)

    for item in data["indicators"]:
        values = {
            "name": clean_text(item["name"]), "unit": clean_line(item.get("unit") or ""), "kind": item["kind"],
            "department": clean_line(item.get("department") or ""), "source": clean_line(item.get("source") or ""),
            "output": clean_line(item.get("output") or ""), "formula": (item.get("formula") or "").strip().upper(),
            "decimals": item.get("decimals", 0), "retired": item.get("retired", False),
            "position": item.get("position", 0),
        }
        targets = sorted(((t["year"], t["comparator"], t.get("low") or "", t.get("high") or "",
                           clean_line(t.get("text") or "")) for t in item.get("targets", ())))
        indicator = stored.get(item["code"])
        label = f"{item['code']} — {shorten(values['name'].replace(chr(10), ' '), 70)}"
        if indicator is None:
            result.add("created", S.ACTION_INDICATOR_NEW.format(label=label))
            if apply:
                indicator = Indicator(code=item["code"], group_id=groups[item["group_code"]].id, builtin=False,
                                      created_by=user, updated_by=user, **values)
                indicator.targets = [IndicatorTarget(year=y, comparator=c, low=lo, high=hi, text=t)
                                     for y, c, lo, hi, t in targets]
                session.add(indicator)
            continue
        changed = [key for key, value in values.items() if getattr(indicator, key) != value]
        if indicator.group_id != getattr(groups.get(item["group_code"]), "id", None):
            changed.append("group")
        current_targets = sorted((t.year, t.comparator, t.low, t.high, t.text) for t in indicator.targets)
        if current_targets != targets:
            changed.append("targets")
        if not changed:
            result.add("unchanged")
            continue
        result.add("updated", S.ACTION_INDICATOR_UPDATED.format(
            label=label, fields=", ".join(S.INDICATOR_FIELD.get(key, key) for key in changed)))
        if apply:
            for key, value in values.items():
                setattr(indicator, key, value)
            indicator.group_id = groups[item["group_code"]].id
            indicator.updated_by = user
            if "targets" in changed:
                by_year = {t.year: t for t in indicator.targets}
                for y, c, lo, hi, t in targets:
                    model = by_year.pop(y, None)
                    if model is None:
                        indicator.targets.append(IndicatorTarget(year=y, comparator=c, low=lo, high=hi, text=t))
                    else:
                        model.comparator, model.low, model.high, model.text = c, lo, hi, t
                for model in by_year.values():
                    indicator.targets.remove(model)

    rules = {r.code: r for r in session.scalars(select(IndicatorRule))}
    for item in data.get("rules", ()):
        values = {"kind": item["kind"], "total_code": item.get("total_code", ""),
                  "part_codes": " ".join(item.get("part_codes", ())), "factor": item.get("factor", "")}
        rule = rules.get(item["code"])
        if rule is None:
            result.add("rules_created", S.ACTION_RULE_NEW.format(code=item["code"]))
            if apply:
                session.add(IndicatorRule(code=item["code"], **values))
        elif any(getattr(rule, key) != value for key, value in values.items()):
            result.add("rules_updated", S.ACTION_RULE_UPDATED.format(code=item["code"]))
            if apply:
                for key, value in values.items():
                    setattr(rule, key, value)
    touched = sum(result.counts[key] for key in result.counts if key != "unchanged")
    result.changes = Changes.of(INDICATORS) if touched else Changes()
    return result


def _same_storage(old: str, new: str) -> bool:
    """Stored values stay readable: numbers stay numbers, yes/no and text stay what they were."""
    from desktop.core.indicators import NUMERIC_KINDS

    return old == new or (old in NUMERIC_KINDS and new in NUMERIC_KINDS)


def _cyclic(formulas: Mapping[str, str]) -> bool:
    from desktop.core import formula as fx

    return bool(fx.cyclic_codes({code: list(fx.parse(text).codes) for code, text in formulas.items()}))


# ----------------------------------------------------------------------------- small helpers


def count_records(session: Session) -> dict[str, int]:
    """Row counts a test or the self-test compares before and after a refused import."""
    result = {}
    for model in (Task, TaskSource, Directive, Outline, Indicator, IndicatorGroup, IndicatorTarget, IndicatorRule):
        result[model.__tablename__] = int(session.scalar(select(func.count()).select_from(model)) or 0)
    return result


__all__ = [
    "KINDS", "SCHEMA_VERSION", "DirectiveIndex", "DirectiveRef", "DownwardPlan", "apply_downward",
    "check_downward", "collect_downward", "collect_indicators", "collect_outline", "collect_tasks",
    "count_records", "describe", "export_downward", "manifest_fields", "normal_number", "plan_downward",
]
