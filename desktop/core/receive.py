"""Receiving `.nq57` packages: the upper level's import of units' upward packages (and the
dispatch of packages sent downward to desktop.core.downward).

Every package is checked completely before anything is written — the envelope by
desktop.core.nq57file, then data.json here (`check_upward`: every row and value, with the reason
for each one that cannot be read; any problem refuses the whole package) and the importer's own
rules (`_assess`):

- the sending unit is matched or created by its code (is_self False); a package of this office's
  own code is refused, and so is a unit missing from the expected list when the setting
  `exchange.expected_units` names one; a period that has not started yet is refused;
- the same unit and period keep the newest package by the sender's "created" time: a newer one
  replaces (the older stays as a non-current version), an older one is refused and says which
  one is newer; the same package_id again is "unchanged".

Importing one package is one transaction: the unit, missing indicator groups and definitions
(created by code; the built-in catalogues are loaded first, so only codes this office does not
know are created), the unit's values of the period replaced (Core statements, fast), the PDF and
XLSX stored in attachments/ by content hash, a ReceivedPackage row holding data.json verbatim,
and one audit entry for the package. Imported text is stored as text: it is never evaluated as a
formula, a markup field or a block (formulas of new indicator definitions are only parsed by the
safe desktop.core.formula reader).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.core import nq57file
from desktop.core import periods as periods_core
from desktop.core import status as st
from desktop.core.errors import UserError
from desktop.core.nq57file import Package, PackageError
from desktop.models import Indicator, IndicatorGroup, IndicatorValue, ReceivedPackage, Unit
from desktop.paths import DataFolder
from desktop.strings import exchange as X

# Settings naming the units expected to send (see _expected_codes): the contract's key, and the one
# the consolidation screen (desktop.core.consolidate.EXPECTED_UNITS) stores.
EXPECTED_UNITS = "exchange.expected_units"
EXPECTED_UNITS_KEYS = (EXPECTED_UNITS, "consolidate.expected_units")

NEW, REPLACE, UNCHANGED, OLDER, REFUSED = "new", "replace", "unchanged", "older", "refused"
IMPORTED, REPLACED = "imported", "replaced"
RESULT_OF = {NEW: IMPORTED, REPLACE: REPLACED, UNCHANGED: UNCHANGED, OLDER: REFUSED, REFUSED: REFUSED}

YEAR_LOW, YEAR_HIGH = nq57file.YEAR_LOW, nq57file.YEAR_HIGH
NUMBER_LIMIT = Decimal(10) ** 15
MAX_PROBLEMS = 500
ROW_LIMITS = {"departments": 1000, "directives": 5000, "plans": 1000, "tasks": 20000, "indicators": 5000,
              "values": 5000, "sources": 100, "history": 1000, "evidence": 1000, "coordinator_uids": 200}
EVIDENCE_KINDS = ("file", "document")
REPORT_STATUSES = ("issued", "draft")
UNIT_KINDS = ("ward", "commune", "special_zone", "city_body")

_UID = re.compile(r"[0-9a-f]{32}")
_SHA = re.compile(r"[0-9a-f]{64}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"-?\d{1,16}(\.\d{1,12})?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# ----------------------------------------------------------------------------- result types


@dataclass
class PackagePreview:
    """What importing one file would do (a dry run). Any problem makes the status "refused"."""

    file: str
    status: str  # new | replace | unchanged | older | refused
    reason: str
    unit_code: str = ""
    unit_name: str = ""
    period_code: str = ""
    content: str = ""
    direction: str = ""
    created: datetime | None = None
    counts: dict[str, int] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return X.STATUS.get(self.status, self.status)


@dataclass
class ImportResult:
    file: str
    status: str  # imported | replaced | unchanged | refused
    reason: str
    unit_code: str = ""
    unit_name: str = ""
    period_code: str = ""
    content: str = ""

    @property
    def status_label(self) -> str:
        return X.STATUS.get(self.status, self.status)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "status": self.status, "reason": self.reason, "unit": self.unit_code,
                "unit_name": self.unit_name, "period": self.period_code, "content": self.content}


# ----------------------------------------------------------------------------- data.json checks


class _Checker:
    """Collects every problem of a data.json; each reader returns None when the value is unusable."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, message: str) -> None:
        self.problems.append(message)

    def _get(self, row: Mapping, where: str, name: str, required: bool) -> tuple[bool, Any]:
        if name not in row:
            if required:
                self.add(X.FIELD_MISSING.format(where=where, field=name))
            return False, None
        return True, row[name]

    def text(self, row: Mapping, where: str, name: str, limit: int, *, required: bool = False,
             blank: bool = True, nullable: bool = False) -> str | None:
        present, value = self._get(row, where, name, required)
        if not present:
            return ""
        if value is None and nullable:
            return ""
        if not isinstance(value, str):
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=X.TYPE_TEXT))
            return None
        if len(value) > limit:
            self.add(X.FIELD_TOO_LONG.format(where=where, field=name, length=len(value), limit=limit))
            return None
        if _CONTROL.search(value):
            self.add(X.FIELD_CONTROL.format(where=where, field=name))
            return None
        if not blank and not value.strip():
            self.add(X.FIELD_MISSING.format(where=where, field=name))
            return None
        return value

    def uid(self, row: Mapping, where: str, name: str, *, nullable: bool = False, required: bool = True) -> str | None:
        present, value = self._get(row, where, name, required and not nullable)
        if not present or (value is None and nullable):
            return None
        if not isinstance(value, str) or not _UID.fullmatch(value):
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=X.TYPE_UID))
            return None
        return value

    def day(self, row: Mapping, where: str, name: str, *, nullable: bool = True, required: bool = False
            ) -> date | None:
        present, value = self._get(row, where, name, required)
        if not present or (value is None and nullable):
            return None
        expected = X.TYPE_DATE.format(low=YEAR_LOW, high=YEAR_HIGH)
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
            return None
        if not YEAR_LOW <= parsed.year <= YEAR_HIGH:
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
            return None
        return parsed

    def moment(self, row: Mapping, where: str, name: str) -> datetime | None:
        present, value = self._get(row, where, name, False)
        if not present or value is None:
            return None
        expected = X.TYPE_DATETIME.format(low=YEAR_LOW, high=YEAR_HIGH)
        try:
            parsed = nq57file.parse_created(value) if isinstance(value, str) and len(value) <= 40 else None
        except (ValueError, OverflowError, OSError):
            parsed = None
        if parsed is None or not YEAR_LOW <= parsed.year <= YEAR_HIGH:
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
            return None
        return parsed

    def integer(self, row: Mapping, where: str, name: str, low: int, high: int, *, nullable: bool = False,
                required: bool = False) -> int | None:
        present, value = self._get(row, where, name, required)
        if not present or (value is None and nullable):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(X.FIELD_TYPE.format(where=where, field=name,
                                         expected=X.TYPE_NUMBER_RANGE.format(low=low, high=high)))
            return None
        return value

    def rows(self, row: Mapping, where: str, name: str, *, required: bool = False) -> list:
        present, value = self._get(row, where, name, required)
        if not present or value is None:
            return []
        if not isinstance(value, list):
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=X.TYPE_LIST))
            return []
        limit = ROW_LIMITS.get(name, 1000)
        if len(value) > limit:
            self.add(X.TOO_MANY_ROWS.format(field=name, count=len(value), limit=limit))
            return []
        return value

    def obj(self, value: Any, where: str) -> dict | None:
        """A row of a list, which must be an object."""
        if not isinstance(value, dict):
            self.add(X.ROW_NOT_OBJECT.format(where=where))
            return None
        return value

    def member(self, row: Mapping, where: str, name: str, *, nullable: bool = False) -> dict | None:
        """An object held under `name` (required unless nullable)."""
        present, value = self._get(row, where, name, not nullable)
        if not present or (value is None and nullable):
            return None
        if not isinstance(value, dict):
            self.add(X.FIELD_TYPE.format(where=where, field=name, expected=X.TYPE_OBJECT))
            return None
        return value

    def choice(self, row: Mapping, where: str, name: str, choices: Sequence[str], message: str,
               required: bool = False, default: str | None = None) -> str | None:
        present, value = self._get(row, where, name, required)
        if not present:
            return default
        if not isinstance(value, str) or value not in choices:
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:60]
            self.add(message.format(where=where, value=_CONTROL.sub("?", shown)[:80]))
            return None
        return value


@dataclass(frozen=True)
class LocalIndicator:
    code: str
    kind: str
    formula: str
    group_code: str


@dataclass
class UpwardContent:
    """What a checked data.json carries, as the importer needs it."""

    tasks: int = 0
    values: list[tuple[str, str, str]] = field(default_factory=list)  # (code, value_text, comment)
    indicators: dict[str, dict] = field(default_factory=dict)  # code -> definition from the package
    report_label: str = ""
    report_status: str = ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_problem(kind: str, text: str, where: str) -> str | None:
    """Why `text` (exact stored form: "11962", "81.6", "1", free text) is not a value of `kind`."""
    if text == "" or kind == "text":
        return None
    if kind == "bool":
        return None if text in ("0", "1") else X.VALUE_NOT_BOOL.format(where=where, value=_short(text, 40))
    if not _NUMBER.fullmatch(text):
        return X.VALUE_NOT_NUMBER.format(where=where, value=_short(text, 40))
    try:
        number = Decimal(text)
    except InvalidOperation:
        return X.VALUE_NOT_NUMBER.format(where=where, value=_short(text, 40))
    if not number.is_finite() or abs(number) > NUMBER_LIMIT:
        return X.VALUE_OUT_OF_RANGE.format(where=where, value=_short(text, 40), limit="10^15")
    if kind == "count" and (number < 0 or number != number.to_integral_value()):
        return X.VALUE_NOT_INTEGER.format(where=where, value=text)
    if kind == "money" and number < 0:
        return X.VALUE_NEGATIVE.format(where=where, value=text)
    if kind == "percent" and not 0 <= number <= 100:
        return X.VALUE_PERCENT.format(where=where, value=text)
    return None


def check_upward(data: Mapping[str, Any], manifest: Mapping[str, Any] | None = None,
                 local: Mapping[str, LocalIndicator] | None = None) -> tuple[list[str], UpwardContent]:
    """Every problem of an upward data.json (Vietnamese, one per unreadable row or value) and what
    it carries. `manifest` is checked against, `local` (code -> this office's definition) is
    what values must also fit."""
    from desktop.core import formula as fx
    from desktop.core import indicators as indicators_core

    c = _Checker()
    out = UpwardContent()
    local = dict(local or {})
    where = X.WHERE_DATA
    c.integer(data, where, "schema_version", 1, nq57file.SCHEMA_VERSION, required=True)
    unit = c.member(data, where, "unit")
    if unit is not None:
        code = c.text(unit, f"{where} › unit", "code", 20, required=True, blank=False)
        c.text(unit, f"{where} › unit", "name", 200, required=True, blank=False)
        if manifest is not None and code is not None and code != manifest["unit"]["code"]:
            c.add(X.UNIT_MISMATCH.format(data=code, manifest=manifest["unit"]["code"]))
    period = c.member(data, where, "period")
    if period is not None:
        pwhere = f"{where} › period"
        code = c.text(period, pwhere, "code", 40, required=True, blank=False)
        start = c.day(period, pwhere, "start", nullable=False, required=True)
        end = c.day(period, pwhere, "end", nullable=False, required=True)
        c.text(period, pwhere, "name", 200)
        if code is not None and manifest is not None and code != manifest.get("period"):
            c.add(X.PERIOD_MISMATCH.format(data=code, manifest=manifest.get("period")))
        elif code is not None and start is not None and end is not None:
            try:
                parsed = periods_core.parse(code)
            except UserError:
                c.add(X.DATA_BAD_PERIOD.format(value=_short(code)))
            else:
                first, last = parsed.window
                if (start, end) != (first, last):
                    c.add(X.PERIOD_DATES.format(start=start, end=end, period=code, first=first, last=last))
    c.day(data, where, "as_of", nullable=False, required=True)

    department_uids = _uid_rows(c, data, "departments", lambda row, w: (
        c.text(row, w, "name", 200, required=True, blank=False), c.text(row, w, "abbreviation", 30)))
    directive_uids = _uid_rows(c, data, "directives", lambda row, w: (
        c.text(row, w, "doc_type", 30), c.text(row, w, "number_symbol", 80), c.day(row, w, "issued_on"),
        c.text(row, w, "issuer", 200), c.text(row, w, "summary", 20000)))
    plan_uids = _uid_rows(c, data, "plans", lambda row, w: (
        c.text(row, w, "number_symbol", 80), c.day(row, w, "issued_on"), c.text(row, w, "summary", 20000)))

    tasks = c.rows(data, where, "tasks", required=True)
    seen: set[str] = set()
    for index, row in enumerate(tasks, start=1):
        title = row.get("title") if isinstance(row, dict) and isinstance(row.get("title"), str) else ""
        w = X.WHERE_TASK.format(index=index, title=_short(title))
        if c.obj(row, w) is None:
            continue
        uid = c.uid(row, w, "uid")
        if uid is not None:
            if uid in seen:
                c.add(X.DUPLICATE_UID.format(where=w, uid=uid))
            seen.add(uid)
        c.text(row, w, "title", 2000, required=True, blank=False)
        for name, limit in (("details", 20000), ("lead_note", 300), ("coordination_note", 300),
                            ("expected_output", 20000), ("deadline_note", 300), ("phase", 40)):
            c.text(row, w, name, limit, nullable=True)
        _reference(c, row, w, "plan_uid", plan_uids)
        _reference(c, row, w, "lead_department_uid", department_uids)
        for item in c.rows(row, w, "coordinator_uids"):
            if not isinstance(item, str) or not _UID.fullmatch(item):
                c.add(X.FIELD_TYPE.format(where=w, field="coordinator_uids", expected=X.TYPE_UID))
            elif item not in department_uids:
                c.add(X.UNKNOWN_REFERENCE.format(where=w, field="coordinator_uids", uid=item))
        c.day(row, w, "deadline")
        c.day(row, w, "completed_on")
        c.choice(row, w, "recurrence", st.RECURRENCES, X.BAD_RECURRENCE)
        c.choice(row, w, "status", st.DERIVED_STATES, X.BAD_STATUS)
        for position, source in enumerate(c.rows(row, w, "sources"), start=1):
            sw = f"{w} › {X.SECTION['sources']} {position}"
            if c.obj(source, sw) is None:
                continue
            _reference(c, source, sw, "directive_uid", directive_uids, nullable=False)
            c.text(source, sw, "item_ref", 80)
        for position, entry in enumerate(c.rows(row, w, "history"), start=1):
            hw = f"{w} › {X.SECTION['history']} {position}"
            if c.obj(entry, hw) is None:
                continue
            c.day(entry, hw, "on_date", nullable=False, required=True)
            c.choice(entry, hw, "status", st.RECORDED_STATES, X.BAD_STATUS, required=True)
            c.text(entry, hw, "note", 20000)
            c.text(entry, hw, "recorded_by", 120)
        for position, entry in enumerate(c.rows(row, w, "evidence"), start=1):
            ew = f"{w} › {X.SECTION['evidence']} {position}"
            if c.obj(entry, ew) is None:
                continue
            c.choice(entry, ew, "kind", EVIDENCE_KINDS, X.BAD_EVIDENCE_KIND, required=True)
            c.text(entry, ew, "file_name", 255)
            sha = entry.get("file_sha256", "")
            if not isinstance(sha, str) or (sha and not _SHA.fullmatch(sha)):
                c.add(X.FIELD_TYPE.format(where=ew, field="file_sha256", expected=X.TYPE_SHA))
            c.integer(entry, ew, "file_size", 0, 10 ** 12)
            c.text(entry, ew, "citation", 20000)
            c.text(entry, ew, "note", 20000)
    out.tasks = len(tasks)

    definitions: dict[str, dict] = {}
    for index, row in enumerate(c.rows(data, where, "indicators"), start=1):
        code = row.get("code") if isinstance(row, dict) and isinstance(row.get("code"), str) else "?"
        w = X.WHERE_INDICATOR.format(index=index, code=_short(code, 60))
        if c.obj(row, w) is None:
            continue
        code = c.text(row, w, "code", 60, required=True, blank=False)
        if code is not None and not indicators_core.CODE_PATTERN.fullmatch(code):
            c.add(X.BAD_CODE.format(where=w, code=_short(code)))
            code = None
        if code is not None and code in definitions:
            c.add(X.DUPLICATE_CODE.format(where=w, code=code))
            code = None
        name = c.text(row, w, "name", 2000, required=True, blank=False)
        c.text(row, w, "unit", 60)
        kind = c.choice(row, w, "kind", indicators_core.KINDS, X.BAD_KIND, required=True)
        group_code = c.text(row, w, "group_code", 40, required=True, blank=False)
        if group_code is not None and not indicators_core.CODE_PATTERN.fullmatch(group_code):
            c.add(X.BAD_CODE.format(where=w, code=_short(group_code)))
            group_code = None
        c.text(row, w, "group_name", 2000)
        c.text(row, w, "catalogue", 30)
        formula = c.text(row, w, "formula", 2000)
        c.integer(row, w, "decimals", 0, 6)
        if formula:
            if kind is not None and kind not in indicators_core.NUMERIC_KINDS:
                c.add(X.BAD_FORMULA.format(where=w, formula=_short(formula), reason=X.BAD_KIND.format(
                    where=w, value=kind)))
            try:
                fx.parse(formula)
            except (fx.FormulaError, RecursionError) as exc:
                c.add(X.BAD_FORMULA.format(where=w, formula=_short(formula), reason=str(exc)[:200]))
        if code is None or name is None or kind is None or group_code is None:
            continue
        ours = local.get(code)
        if ours is not None and ours.kind != kind:
            c.add(X.KIND_CONFLICT.format(where=w, code=code, theirs=kind, ours=ours.kind))
        definitions[code] = row
    _check_new_formulas(c, definitions, local)
    out.indicators = definitions

    values_seen: set[str] = set()
    for index, row in enumerate(c.rows(data, where, "values"), start=1):
        code = row.get("code") if isinstance(row, dict) and isinstance(row.get("code"), str) else "?"
        w = X.WHERE_VALUE.format(index=index, code=_short(code, 60))
        if c.obj(row, w) is None:
            continue
        code = c.text(row, w, "code", 60, required=True, blank=False)
        text = c.text(row, w, "value", 20000, required=True)
        comment = c.text(row, w, "comment", 20000, nullable=True)
        if code is None or text is None or comment is None:
            continue
        if code in values_seen:
            c.add(X.DUPLICATE_CODE.format(where=w, code=code))
            continue
        values_seen.add(code)
        definition = definitions.get(code)
        if definition is None:
            c.add(X.VALUE_UNDEFINED.format(where=w, code=code))
            continue
        if definition.get("formula"):
            c.add(X.VALUE_COMPUTED.format(where=w, code=code))
            continue
        problem = _value_problem(definition["kind"], text, w)
        ours = local.get(code)
        if problem is None and ours is not None and ours.kind != definition["kind"]:
            continue  # already reported as a kind conflict
        if problem is not None:
            c.add(problem)
            continue
        out.values.append((code, text, comment))

    report = c.member(data, where, "report", nullable=True)
    if report is not None:
        rw = X.WHERE_REPORT
        c.uid(report, rw, "uid")
        out.report_status = c.choice(report, rw, "status", REPORT_STATUSES, X.BAD_STATUS, required=True) or ""
        doc_type = c.text(report, rw, "doc_type", 60)
        number = c.integer(report, rw, "number", 1, 99999, nullable=True)
        symbol = c.text(report, rw, "symbol", 40)
        summary = c.text(report, rw, "summary", 2000)
        c.moment(report, rw, "issued_at")
        document = report.get("document")
        if not isinstance(document, dict):
            c.add(X.FIELD_TYPE.format(where=rw, field="document", expected=X.TYPE_OBJECT))
        else:
            from desktop.core import compose

            try:
                compose.document_from_json(json.dumps(document, ensure_ascii=False))
            except (UserError, RecursionError, TypeError, ValueError) as exc:
                c.add(X.BAD_DOCUMENT.format(where=rw, reason=_short(str(exc), 200)))
        word = (doc_type or "").capitalize()
        if number is not None and symbol:
            out.report_label = X.REPORT_LABEL.format(doc_type=word, number_symbol=f"{number:02d}/{symbol}")
        else:
            out.report_label = X.REPORT_LABEL_NO_NUMBER.format(doc_type=word, summary=_short(summary or "", 80))
    return c.problems, out


def _uid_rows(c: _Checker, data: Mapping, name: str, check_row: Callable[[dict, str], Any]) -> set[str]:
    uids: set[str] = set()
    for index, row in enumerate(c.rows(data, X.WHERE_DATA, name), start=1):
        w = X.WHERE_ROW.format(section=X.SECTION[name], index=index)
        if c.obj(row, w) is None:
            continue
        uid = c.uid(row, w, "uid")
        if uid is not None:
            if uid in uids:
                c.add(X.DUPLICATE_UID.format(where=w, uid=uid))
            uids.add(uid)
        check_row(row, w)
    return uids


def _reference(c: _Checker, row: Mapping, where: str, name: str, known: set[str], nullable: bool = True) -> None:
    uid = c.uid(row, where, name, nullable=nullable, required=not nullable)
    if uid is not None and uid not in known:
        c.add(X.UNKNOWN_REFERENCE.format(where=where, field=name, uid=uid))


def _check_new_formulas(c: _Checker, definitions: Mapping[str, dict], local: Mapping[str, LocalIndicator]) -> None:
    """Formulas of indicators this office does not have yet: inputs known, no cycle."""
    from desktop.core import formula as fx

    reads: dict[str, tuple[str, ...]] = {}
    for code, row in definitions.items():
        formula = local[code].formula if code in local else (row.get("formula") or "")
        try:
            reads[code] = fx.parse(formula).codes if formula else ()
        except (fx.FormulaError, RecursionError):
            reads[code] = ()
    for code, item in local.items():
        if code not in reads and item.formula:
            try:
                reads[code] = fx.parse(item.formula).codes
            except (fx.FormulaError, RecursionError):
                reads[code] = ()
    known = set(definitions) | set(local)
    for index, (code, row) in enumerate(definitions.items(), start=1):
        if code in local or not row.get("formula"):
            continue
        w = X.WHERE_INDICATOR.format(index=index, code=code)
        unknown = [name for name in reads.get(code, ()) if name not in known]
        if unknown:
            c.add(X.FORMULA_UNKNOWN.format(where=w, codes=", ".join(unknown)))
            continue
        stack, seen = list(reads.get(code, ())), set()
        while stack:
            current = stack.pop()
            if current == code:
                c.add(X.FORMULA_CYCLE.format(where=w))
                break
            if current in seen:
                continue
            seen.add(current)
            stack.extend(reads.get(current, ()))


# ----------------------------------------------------------------------------- this office's view


@lru_cache(maxsize=1)
def _catalogue_definitions() -> dict[str, LocalIndicator]:
    """The built-in catalogues' indicators (what a brand-new database will hold once loaded)."""
    from desktop.core import indicators as indicators_core

    out: dict[str, LocalIndicator] = {}
    for name in indicators_core.CATALOGUE_FILES:
        data = indicators_core.load_catalogue_file(name)
        for group, items in indicators_core.catalogue_entries(data):
            for item in items:
                out[item["code"]] = LocalIndicator(item["code"], item["kind"], item.get("formula", ""), group["code"])
    return out


def local_indicators(session: Session) -> dict[str, LocalIndicator]:
    """This office's indicator definitions by code (the built-in catalogues when not loaded yet)."""
    rows = session.execute(select(Indicator.code, Indicator.kind, Indicator.formula, IndicatorGroup.code)
                           .join(IndicatorGroup, IndicatorGroup.id == Indicator.group_id)).all()
    if not rows and not session.scalar(select(func.count()).select_from(IndicatorGroup)):
        return dict(_catalogue_definitions())
    return {code: LocalIndicator(code, kind, formula or "", group) for code, kind, formula, group in rows}


def _local_groups(session: Session) -> set[str]:
    groups = set(session.scalars(select(IndicatorGroup.code)))
    return groups or {item.group_code for item in _catalogue_definitions().values()}


def _expected_codes(session: Session) -> set[str] | None:
    """The unit codes of the expected-units settings (EXPECTED_UNITS_KEYS), or None when none is set."""
    from desktop.core.office import get_setting

    found: set[str] | None = None
    for key in EXPECTED_UNITS_KEYS:
        codes = _codes_of(get_setting(session, key, "").strip())
        if codes:
            found = (found or set()) | codes
    return found


def _codes_of(raw: str) -> set[str]:
    """Unit codes written leniently: a JSON list of codes, of [code, name] pairs or of {"code": …}
    objects, a JSON object keyed by code, or plain lines starting with the code."""
    if not raw:
        return set()
    codes: set[str] = set()
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None
    if isinstance(parsed, list):
        for item in parsed:
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                codes.add(str(item).strip())
            elif isinstance(item, (list, tuple)) and item:
                codes.add(str(item[0]).strip())
            elif isinstance(item, dict) and item.get("code") is not None:
                codes.add(str(item["code"]).strip())
    elif isinstance(parsed, dict):
        codes |= {str(key).strip() for key in parsed}
    else:
        for line in raw.splitlines():
            token = re.split(r"[\s,;|\t]+", line.strip(), maxsplit=1)[0] if line.strip() else ""
            if token:
                codes.add(token)
    codes.discard("")
    return codes


def _own_code(session: Session) -> str:
    return session.scalar(select(Unit.code).where(Unit.is_self.is_(True))) or ""


def _find_unit(session: Session, code: str) -> Unit | None:
    return session.scalars(select(Unit).where(Unit.code == code, Unit.is_self.is_(False)).order_by(Unit.id)).first()


def _fmt_moment(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


# ----------------------------------------------------------------------------- assessing one package


@dataclass
class _Batch:
    """What earlier packages of the same dry run would have done (preview only)."""

    ids: dict[str, str] = field(default_factory=dict)  # package_id -> data text
    current: dict[tuple[str, str], tuple[datetime, str]] = field(default_factory=dict)
    units: set[str] = field(default_factory=set)


@dataclass
class _Assessment:
    preview: PackagePreview
    package: Package | None = None
    content: UpwardContent | None = None
    downward: Any = None  # the module, for a package sent down


def _refused(file: str, reason: str, package: Package | None = None, problems: Sequence[str] = ()) -> _Assessment:
    preview = PackagePreview(file=file, status=REFUSED, reason=reason, problems=list(problems or [reason]))
    if package is not None:
        _describe(preview, package)
    return _Assessment(preview=preview, package=package)


def _describe(preview: PackagePreview, package: Package) -> None:
    preview.unit_code = package.unit_code
    preview.unit_name = package.unit_name
    preview.period_code = package.period_code or ""
    preview.content = package.content
    preview.direction = package.direction
    preview.created = package.created


def _problems_reason(problems: Sequence[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    return f"{problems[0]} ({X.MORE_PROBLEMS.format(count=len(problems) - 1)})"


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return problems[:MAX_PROBLEMS] + [X.MORE_PROBLEMS.format(count=len(problems) - MAX_PROBLEMS)]


def _assess(session: Session, file: str, package: Package, today: date, batch: _Batch | None) -> _Assessment:
    if package.direction == nq57file.DOWN:
        return _assess_down(session, file, package)
    if package.content != "report":
        return _refused(file, X.UP_CONTENT.format(content=package.content), package)
    code = package.unit_code
    own = _own_code(session)
    if own and code == own:
        return _refused(file, X.OWN_UNIT.format(code=code), package)
    expected = _expected_codes(session)
    if expected is not None and code not in expected:
        return _refused(file, X.NOT_EXPECTED.format(code=code, name=package.unit_name), package)
    period = periods_core.parse(package.period_code)
    if period.window[0] > today:
        return _refused(file, X.FUTURE_PERIOD.format(period=period.name,
                                                     start=period.window[0].strftime("%d/%m/%Y")), package)
    now = date.today()  # the real clock, whatever period `today` stands for
    if package.created.date() > now + timedelta(days=1):  # a day's grace for clocks and time zones
        # A wrong clock on the sending PC would make this package "newest" for ever and block real ones.
        return _refused(file, X.FUTURE_CREATED.format(day=_fmt_moment(package.created),
                                                      today=now.strftime("%d/%m/%Y")), package)
    problems, content = check_upward(package.data, package.manifest, local_indicators(session))
    problems += _member_problems(package)
    if problems:
        problems = _capped(problems)
        return _refused(file, _problems_reason(problems), package, problems)

    preview = PackagePreview(file=file, status=NEW, reason="")
    _describe(preview, package)
    assessment = _Assessment(preview=preview, package=package, content=content)
    same = session.execute(select(ReceivedPackage.data, ReceivedPackage.received_at)
                           .where(ReceivedPackage.package_uid == package.package_id)).first()
    batch_same = batch.ids.get(package.package_id) if batch is not None else None
    if same is not None or batch_same is not None:
        stored = same[0] if same is not None else batch_same
        if stored != package.data_text:
            return _refused(file, X.SAME_ID_OTHER_DATA.format(package_id=package.package_id), package)
        preview.status = UNCHANGED
        preview.reason = X.SAME_PACKAGE.format(day=_fmt_moment(same[1])) if same is not None else X.SAME_IN_BATCH
        preview.actions = [X.ACTION_KEEP]
        return assessment
    unit = _find_unit(session, code)
    current = None
    if unit is not None:
        current = session.execute(
            select(ReceivedPackage.id, ReceivedPackage.created_at_source)
            .where(ReceivedPackage.unit_id == unit.id, ReceivedPackage.period_code == period.code,
                   ReceivedPackage.current.is_(True))
            .order_by(ReceivedPackage.created_at_source.desc(), ReceivedPackage.id.desc())).first()
    newest = current[1] if current is not None else None
    pending = batch.current.get((code, period.code)) if batch is not None else None
    if pending is not None and (newest is None or pending[0] > newest):
        newest = pending[0]
    if newest is not None:
        if package.created < newest:
            preview.status = OLDER
            preview.reason = X.OLDER.format(day=_fmt_moment(newest))
            preview.actions = [X.ACTION_KEEP]
            return assessment
        if package.created == newest:
            preview.status = OLDER
            preview.reason = X.SAME_TIME.format(day=_fmt_moment(newest))
            preview.actions = [X.ACTION_KEEP]
            return assessment
        preview.status = REPLACE
        preview.reason = X.ACTION_REPLACE.format(day=_fmt_moment(newest))
    _plan_actions(session, assessment, unit, period, batch)
    if batch is not None:
        batch.ids[package.package_id] = package.data_text
        batch.current[(code, period.code)] = (package.created, package.package_id)
        batch.units.add(code)
    return assessment


def _member_problems(package: Package) -> list[str]:
    problems = []
    kinds: dict[str, int] = {}
    for name, body in package.attachments().items():
        suffix = Path(name).suffix.lower()
        kinds[suffix] = kinds.get(suffix, 0) + 1
        if suffix not in (".pdf", ".xlsx") or kinds[suffix] > 1:
            problems.append(X.EXTRA_MEMBER.format(name=name))
        elif suffix == ".pdf" and not body.startswith(b"%PDF-"):
            problems.append(X.NOT_PDF.format(name=name))
        elif suffix == ".xlsx" and not body.startswith(b"PK\x03\x04"):
            problems.append(X.NOT_XLSX.format(name=name))
    return problems


def _attachment(package: Package, suffix: str) -> tuple[str, bytes] | None:
    for name, body in package.attachments().items():
        if name.lower().endswith(suffix):
            return name, body
    return None


def _plan_actions(session: Session, assessment: _Assessment, unit: Unit | None, period, batch: _Batch | None) -> None:
    package, content, preview = assessment.package, assessment.content, assessment.preview
    code, name = package.unit_code, package.unit_name
    if unit is None and not (batch is not None and code in batch.units):
        preview.actions.append(X.ACTION_NEW_UNIT.format(code=code, name=name))
    elif unit is not None and unit.short_name != name:
        preview.actions.append(X.ACTION_UPDATE_UNIT.format(code=code, old=unit.short_name, name=name))
    local = local_indicators(session)
    groups = _local_groups(session)
    new_codes = [c for c in content.indicators if c not in local]
    new_groups = {content.indicators[c]["group_code"]: content.indicators[c].get("group_name") or content.indicators[c][
        "group_code"] for c in new_codes if content.indicators[c]["group_code"] not in groups}
    if new_groups:
        preview.actions.append(X.ACTION_NEW_GROUPS.format(count=len(new_groups), names=", ".join(
            _short(n, 40) for n in new_groups.values())))
    if new_codes:
        preview.actions.append(X.ACTION_NEW_INDICATORS.format(count=len(new_codes), codes=", ".join(new_codes[:10])
                                                              + ("…" if len(new_codes) > 10 else "")))
    old_values = 0
    if unit is not None:
        old_values = session.scalar(select(func.count()).select_from(IndicatorValue).where(
            IndicatorValue.unit_id == unit.id, IndicatorValue.period_code == period.code)) or 0
    if old_values:
        preview.actions.append(X.ACTION_REPLACE_VALUES.format(old=old_values, count=len(content.values),
                                                              period=period.code, code=code))
    elif content.values:
        preview.actions.append(X.ACTION_VALUES.format(count=len(content.values), period=period.code, code=code))
    if content.tasks:
        preview.actions.append(X.ACTION_TASKS.format(count=content.tasks))
    if content.report_status:
        preview.actions.append(X.ACTION_REPORT.format(label=content.report_label or "—",
                                                      status=X.REPORT_STATUS.get(content.report_status, "")))
    pdf, xlsx = _attachment(package, ".pdf"), _attachment(package, ".xlsx")
    if pdf:
        preview.actions.append(X.ACTION_PDF)
    if xlsx:
        preview.actions.append(X.ACTION_XLSX)
    if preview.status == REPLACE:
        preview.actions.append(preview.reason)
    preview.counts = {"tasks": content.tasks, "values": len(content.values), "indicators": len(content.indicators),
                      "new_indicators": len(new_codes), "new_groups": len(new_groups), "replaced_values": old_values,
                      "pdf": int(pdf is not None), "xlsx": int(xlsx is not None)}


def _assess_down(session: Session, file: str, package: Package) -> _Assessment:
    from desktop.core.office import get_office

    if get_office(session) is None:
        return _refused(file, X.DOWN_NO_OFFICE, package)
    try:
        from desktop.core import downward
    except ImportError:
        return _refused(file, X.DOWN_UNAVAILABLE, package)
    problems = list(downward.check_downward(package.content, package.data))
    if not problems:
        plan = downward.plan_downward(session, package)
        problems = list(plan.problems)
    if problems:
        problems = _capped(problems)
        return _refused(file, _problems_reason(problems), package, problems)
    preview = PackagePreview(file=file, status=NEW, reason="", counts=dict(plan.counts), actions=list(plan.actions))
    _describe(preview, package)
    if not any(count for key, count in plan.counts.items() if key != "unchanged"):
        preview.status = UNCHANGED
        preview.reason = X.DOWN_UNCHANGED
        preview.actions = preview.actions or [X.ACTION_KEEP]
    return _Assessment(preview=preview, package=package, downward=downward)


# ----------------------------------------------------------------------------- writing one package


def store_bytes(folder: DataFolder, body: bytes, name: str) -> str:
    """Keep `body` in attachments/ by its SHA-256 (temp file, fsync, rename); returns the hash."""
    from desktop.core.tasks import attachment_path
    from desktop.files import replace

    sha = hashlib.sha256(body).hexdigest()
    target = attachment_path(folder, sha, name)
    if target.is_file() and target.stat().st_size == len(body):
        return sha
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            replace(Path(temp_name), target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(X.CANNOT_STORE.format(name=name, reason=exc.strerror or exc)) from exc
    return sha


def _who(session: Session) -> str:
    who = session.info.get("user") or ""
    if not who:
        try:
            who = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name: leave it blank
            who = ""
    return who[:120]


def _apply_upward(session: Session, folder: DataFolder, assessment: _Assessment) -> None:
    from desktop.core import audit
    from desktop.core import indicators as indicators_core
    from desktop.core.office import UNIT_KINDS as KNOWN_KINDS
    from desktop.core.office import suggest_office
    from desktop.core.tasks import sanitize_file_name

    package, content = assessment.package, assessment.content
    user = session.info.get("user", "")
    unit_info = package.unit
    kind = unit_info.get("kind") if unit_info.get("kind") in KNOWN_KINDS else "ward"
    lines = "\n".join(line for line in unit_info.get("name_lines") or () if line.strip())
    unit = _find_unit(session, package.unit_code)
    if unit is None:
        guess = suggest_office(package.unit_name, kind)
        unit = Unit(code=package.unit_code, name_lines=lines or guess.name_lines, short_name=package.unit_name,
                    place_name=guess.place_name, kind=kind, is_self=False, created_by=user, updated_by=user)
        session.add(unit)
    elif (unit.short_name, unit.name_lines, unit.kind) != (package.unit_name, lines or unit.name_lines, kind):
        unit.short_name = package.unit_name
        unit.name_lines = lines or unit.name_lines
        unit.kind = kind
        unit.updated_by = user

    indicators_core.ensure_catalogues(session)
    ids = dict(session.execute(select(Indicator.code, Indicator.id)).all())
    missing = [code for code in content.indicators if code not in ids]
    if missing:
        groups = {g.code: g for g in session.scalars(select(IndicatorGroup))}
        top = session.scalar(select(func.max(IndicatorGroup.position))) or 0
        for code in missing:
            row = content.indicators[code]
            group = groups.get(row["group_code"])
            if group is None:
                top += 1
                group = IndicatorGroup(code=row["group_code"], name=row.get("group_name") or row["group_code"],
                                       catalogue=row.get("catalogue") or "received", position=top)
                session.add(group)
                session.flush()
                groups[group.code] = group
            position = (session.scalar(select(func.max(Indicator.position)).where(Indicator.group_id == group.id))
                        or 0) + 1
            session.add(Indicator(
                code=code, name=row["name"], unit=row.get("unit") or "", kind=row["kind"], group_id=group.id,
                formula=(row.get("formula") or "").upper(), decimals=int(row.get("decimals") or 0), retired=False,
                builtin=False, position=position, created_by=user, updated_by=user))
    session.flush()
    ids = dict(session.execute(select(Indicator.code, Indicator.id)).all())

    period_code = package.period_code
    table = IndicatorValue.__table__
    session.execute(delete(table).where(table.c.unit_id == unit.id, table.c.period_code == period_code))
    if content.values:
        session.execute(insert(table), [
            {"indicator_id": ids[code], "unit_id": unit.id, "period_code": period_code, "value_text": text,
             "comment": comment, "created_by": user, "updated_by": user}
            for code, text, comment in content.values])

    stored = {}
    for suffix in (".pdf", ".xlsx"):
        found = _attachment(package, suffix)
        stored[suffix] = (store_bytes(folder, found[1], found[0]), found[0]) if found else ("", "")
    packages = ReceivedPackage.__table__
    session.execute(update(packages).where(packages.c.unit_id == unit.id, packages.c.period_code == period_code,
                                           packages.c.current.is_(True)).values(current=False))
    record = ReceivedPackage(
        package_uid=package.package_id, unit_id=unit.id, period_code=period_code, content=package.content,
        created_at_source=package.created, received_at=datetime.now().replace(microsecond=0),
        received_by=_who(session), app_version=package.app_version, schema_version=package.schema_version,
        file_name=sanitize_file_name(package.path.name or "goi.nq57"), file_sha256=package.file_sha256,
        manifest=json.dumps(package.manifest, ensure_ascii=False), data=package.data_text,
        pdf_sha256=stored[".pdf"][0], pdf_name=stored[".pdf"][1], xlsx_sha256=stored[".xlsx"][0],
        xlsx_name=stored[".xlsx"][1], current=True)
    session.add(record)
    session.flush()
    preview = assessment.preview
    label = X.AUDIT_LABEL.format(code=package.unit_code, name=package.unit_name, period=period_code)
    text = X.AUDIT_TEXT.format(file=record.file_name, tasks=content.tasks, values=len(content.values),
                               status=X.STATUS[RESULT_OF[preview.status]].lower())
    audit.record(session, audit.CREATE, ReceivedPackage.__tablename__, record.id, label,
                 {X.AUDIT_FIELD: ["", text]}, record_uid=package.package_id)


# ----------------------------------------------------------------------------- entry points


def _read(path: Path) -> tuple[Package | None, _Assessment | None]:
    try:
        return nq57file.read_package(path), None
    except PackageError as exc:
        return None, _refused(str(path), str(exc))


def _has_data(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Unit))
                or session.scalar(select(func.count()).select_from(ReceivedPackage)))


def preview_packages(database, paths: Iterable[Path | str], *, today: date | None = None) -> list[PackagePreview]:
    """What importing `paths` would do, in order (later files see what earlier ones would do).
    Writes nothing."""
    today = today or date.today()
    batch = _Batch()
    out: list[PackagePreview] = []
    for path in paths:
        path = Path(path)
        package, refused = _read(path)
        if refused is not None:
            out.append(refused.preview)
            continue
        with database.read() as session:
            out.append(_assess(session, str(path), package, today, batch).preview)
    return out


def import_packages(database, paths: Iterable[Path | str], *, progress: Callable[[int, int, str], Any] | None = None,
                    cancelled: Callable[[], bool] | None = None, backup: bool = True,
                    today: date | None = None) -> list[ImportResult]:
    """Import `paths` in order, each package in its own transaction (all of it or nothing).

    `progress(done, total, file_name)` is called before each file and once at the end;
    `cancelled()` is checked between files — what was fully imported stays, and the files not
    reached are left out of the result. A backup of the database (desktop.core.backups, reason
    "import") is made before the first write when the database holds anything."""
    from desktop.core import backups

    today = today or date.today()
    paths = [Path(p) for p in paths]
    total = len(paths)
    results: list[ImportResult] = []
    backed_up = not backup
    for index, path in enumerate(paths):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(index, total, path.name)
        package, refused = _read(path)
        if refused is not None:
            results.append(_result(refused.preview))
            continue
        try:
            with database.unit_of_work() as session:
                assessment = _assess(session, str(path), package, today, None)
                preview = assessment.preview
                if preview.status in (NEW, REPLACE):
                    if not backed_up:
                        if _has_data(session):
                            backups.make_backup(database.folder, reason="import")
                        backed_up = True
                    if assessment.downward is not None:
                        assessment.downward.apply_downward(session, database.folder, package)
                    else:
                        _apply_upward(session, database.folder, assessment)
        except UserError as exc:  # rolled back: nothing of this package was written
            preview = _refused(str(path), str(exc), package).preview
        results.append(_result(preview))
    if progress is not None:
        progress(len(results), total, "")
    return results


def _result(preview: PackagePreview) -> ImportResult:
    return ImportResult(file=preview.file, status=RESULT_OF[preview.status], reason=preview.reason,
                        unit_code=preview.unit_code, unit_name=preview.unit_name, period_code=preview.period_code,
                        content=preview.content)
