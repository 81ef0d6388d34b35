"""Consolidation at the upper level: what the units below sent for a period, added up.

Works from the database only (no package file is read again): the `received_packages` rows that
are current for the period (their `data` is data.json as received, parsed once per package) and
the `indicator_values` rows of those units for the period (stored by the importer per unit).

* Submissions: the expected units (a setting, or every unit that ever sent a package) are
  on time, late or missing against the period's deadline (a per-period setting, else N working
  days after the period's cut-off end, N a setting, 2 by default). A package is late when the
  sender created it after the deadline day (the sender's clock, as in the manifest). Units that
  sent without being expected are listed too, marked `expected=False`.
* Indicators: counts and amounts are summed over the units that reported them; a computed
  indicator is evaluated by `desktop.core.formula` on the SUMMED inputs, over the units that
  reported every input (a unit missing one input is left out of numerator and denominator
  alike) — a ratio is never an average of ratios. Percentages and indices typed by the units
  (no formula) are not added up (method "none", the note gives the range). Yes/no indicators
  count the units answering "Có"; text indicators count the units that wrote something.
* Tasks: each current package's tasks are derived again as of the period end (capped at today)
  by `desktop.core.status`, counted like `desktop.core.stats.Counts`, rated done/assigned and
  ranked (1 = best, by rate then by number done; ties share a rank).

Functions take a Session first and never commit; results are frozen dataclasses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import formula as fx
from desktop.core import periods
from desktop.core import status as st
from desktop.core.changes import SETTINGS, Changes
from desktop.core.errors import NotFound, ValidationError
from desktop.core.office import get_setting, set_setting
from desktop.core.periods import Period
from desktop.core.stats import Counts
from desktop.core.vn import clean_line, format_date, format_number, percent, sort_key
from desktop.models import Indicator, IndicatorValue, ReceivedPackage, Setting, Unit
from desktop.paths import DataFolder
from desktop.strings import common as C
from desktop.strings import consolidate as S

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
SUBMISSION_STATES = (ON_TIME, LATE, MISSING)
SUM, FORMULA, NONE = "sum", "formula", "none"

EXPECTED_UNITS = "consolidate.expected_units"  # JSON [[code, name], …]; absent: everyone who ever sent
DEADLINE_DAYS = "consolidate.deadline_days"  # working days after the cut-off end
DEADLINE_PREFIX = "consolidate.deadline."  # + period code -> ISO date (an override for that period)
DEFAULT_DEADLINE_DAYS = 2
MAX_DEADLINE_DAYS = 60
MAX_EXPECTED = 2000
CODE_LIMIT = 20

SUMMABLE_KINDS = ("count", "money")


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class Submission:
    unit_id: int | None  # None: an expected unit (from the setting) never seen here
    code: str
    name: str
    status: str  # on_time | late | missing
    package_id: int | None  # received_packages.id of the current package
    created: datetime | None  # the sender's creation time (manifest "created")
    received_at: datetime | None
    report_label: str
    has_pdf: bool
    expected: bool = True  # False: sent for the period without being on the expected list
    versions: int = 0  # packages received for the unit and period (1 = never replaced)

    @property
    def sent(self) -> bool:
        return self.status != MISSING

    @property
    def status_label(self) -> str:
        return S.SUBMISSION_STATUS[self.status]


@dataclass(frozen=True)
class IndicatorTotal:
    code: str
    name: str
    unit: str
    kind: str
    group_name: str
    value: Decimal | None
    text: str  # "9.865", "76,1", "3/5 đơn vị «Có»"
    units_reporting: int
    method: str  # sum | formula | none
    note: str
    group_code: str = ""
    catalogue: str = ""
    decimals: int = 0
    formula: str = ""

    @property
    def method_label(self) -> str:
        return S.METHOD[self.method]


@dataclass(frozen=True)
class UnitTasks:
    unit_id: int
    code: str
    name: str
    counts: Counts
    rate: Decimal | None  # done / assigned × 100, one decimal; None with no task
    rank: int  # 1 = best; ties share a rank
    package_id: int | None = None


@dataclass(frozen=True)
class Consolidation:
    period_code: str
    period_name: str
    window: tuple[date, date]
    as_of: date  # the day task statuses are derived on
    deadline: date
    deadline_overridden: bool
    expected_from_setting: bool
    submissions: tuple[Submission, ...]
    indicators: tuple[IndicatorTotal, ...]
    units: tuple[UnitTasks, ...]
    totals: Counts
    total_rate: Decimal | None

    @property
    def expected_count(self) -> int:
        return sum(1 for s in self.submissions if s.expected)

    @property
    def sent_count(self) -> int:
        return sum(1 for s in self.submissions if s.sent)

    @property
    def expected_sent_count(self) -> int:
        return sum(1 for s in self.submissions if s.sent and s.expected)

    def count(self, status: str, include_extra: bool = False) -> int:
        """Units with the status among the expected ones (and the others too with include_extra)."""
        return sum(1 for s in self.submissions if s.status == status and (s.expected or include_extra))

    @property
    def extra(self) -> list[Submission]:
        """Units that sent for the period without being on the expected list."""
        return [s for s in self.submissions if not s.expected]

    @property
    def missing(self) -> list[Submission]:
        return [s for s in self.submissions if s.status == MISSING]

    def total(self, code: str) -> IndicatorTotal | None:
        return next((t for t in self.indicators if t.code == code), None)


@dataclass(frozen=True)
class UnitValue:
    code: str
    name: str
    unit: str
    kind: str
    group_name: str
    value: Decimal | str | bool | None
    text: str
    computed: bool
    comment: str = ""


@dataclass(frozen=True)
class UnitTaskRow:
    uid: str
    title: str
    lead: str
    deadline_text: str
    status: str
    status_label: str
    completed_on: date | None
    last_note: str = ""
    evidence: int = 0


@dataclass(frozen=True)
class UnitDetail:
    unit_id: int
    code: str
    name: str
    period_code: str
    submission: Submission | None
    values: tuple[UnitValue, ...]
    tasks: tuple[UnitTaskRow, ...]
    counts: Counts
    report_label: str
    pdf_path: Path | None
    as_of: date | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)


# ----------------------------------------------------------------------------- settings


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else periods.parse(period)


def add_working_days(day: date, count: int) -> date:
    """`count` working days (Monday–Friday) after `day`; 0 gives `day` itself. Public holidays
    are not known here: a secretariat sets the period's deadline by hand around them."""
    current = day
    remaining = count
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def deadline_days(session: Session) -> int:
    try:
        value = int(get_setting(session, DEADLINE_DAYS, str(DEFAULT_DEADLINE_DAYS)))
    except ValueError:
        return DEFAULT_DEADLINE_DAYS
    return value if 0 <= value <= MAX_DEADLINE_DAYS else DEFAULT_DEADLINE_DAYS


def set_deadline_days(session: Session, days: int) -> Changes:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DEADLINE_DAYS:
        raise ValidationError({"deadline_days": S.BAD_DEADLINE_DAYS.format(value=days)})
    return set_setting(session, DEADLINE_DAYS, str(days))


def _deadline_override(session: Session, period_code: str) -> date | None:
    text = get_setting(session, DEADLINE_PREFIX + period_code)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def default_deadline(period: Period, days: int = DEFAULT_DEADLINE_DAYS) -> date:
    return add_working_days(period.window[1], days)


def deadline(session: Session, period: Period | str) -> date:
    """The period's deadline: its own setting, else N working days after the cut-off end."""
    period = _period(period)
    return _deadline_override(session, period.code) or default_deadline(period, deadline_days(session))


def set_deadline(session: Session, period_code: str, day: date | None) -> Changes:
    """Fix the deadline of one period (None goes back to the default rule)."""
    code = _period(period_code).code
    key = DEADLINE_PREFIX + code
    if day is None:
        setting = session.get(Setting, key)
        if setting is not None:
            session.delete(setting)
            session.flush()
        return Changes.of(SETTINGS)
    if not isinstance(day, date) or not 2000 <= day.year <= 2100:
        raise ValidationError({"deadline": S.BAD_DEADLINE.format(value=day)})
    return set_setting(session, key, day.isoformat())


def _stored_expected(session: Session) -> list[tuple[str, str]] | None:
    text = get_setting(session, EXPECTED_UNITS)
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, list):
        return None
    rows = []
    for item in data:
        if isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(x, str) for x in item):
            rows.append((item[0], item[1]))
    return rows


def _senders(session: Session) -> list[tuple[str, str]]:
    query = (select(Unit.code, Unit.short_name).join(ReceivedPackage, ReceivedPackage.unit_id == Unit.id)
             .where(Unit.is_self.is_(False)).distinct())
    rows = {code: name for code, name in session.execute(query)}
    return sorted(rows.items(), key=lambda item: (sort_key(item[1]), item[0]))


def expected_units(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the units that must report: the setting, or every unit that ever sent."""
    stored = _stored_expected(session)
    return stored if stored is not None else _senders(session)


def expected_units_set(session: Session) -> bool:
    return _stored_expected(session) is not None


def set_expected_units(session: Session, rows: Iterable[tuple[str, str]] | None) -> Changes:
    """Store the list of units that must report (code, name), in the given order. An empty list
    or None removes the setting (everyone who ever sent is expected). A blank name takes the
    known unit's name. Every problem is reported at once; nothing is stored on a problem."""
    items = list(rows or ())
    if len(items) > MAX_EXPECTED:
        raise ValidationError({"rows": S.EXPECTED_TOO_MANY.format(count=len(items), limit=MAX_EXPECTED)})
    known = dict(session.execute(select(Unit.code, Unit.short_name).where(Unit.is_self.is_(False))).all())
    problems: dict[str, str] = {}
    cleaned: list[list[str]] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        code, name = (clean_line(str(part or "")) for part in (tuple(item) + ("", ""))[:2])
        if not code:
            problems[f"row{index}"] = S.EXPECTED_CODE_REQUIRED.format(row=index)
            continue
        if len(code) > CODE_LIMIT:
            problems[f"row{index}"] = S.EXPECTED_CODE_TOO_LONG.format(row=index, code=code)
            continue
        if code in seen:
            problems[f"row{index}"] = S.EXPECTED_DUPLICATE.format(row=index, code=code)
            continue
        seen.add(code)
        cleaned.append([code, name or known.get(code, "")])
    if problems:
        raise ValidationError(problems)
    if not cleaned:
        setting = session.get(Setting, EXPECTED_UNITS)
        if setting is not None:
            session.delete(setting)
            session.flush()
        return Changes.of(SETTINGS)
    return set_setting(session, EXPECTED_UNITS, json.dumps(cleaned, ensure_ascii=False))


# ----------------------------------------------------------------------------- reading packages


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _load(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def report_label(data: Mapping[str, Any]) -> str:
    """"Báo cáo số 05/BC-UBND (đã ban hành)", "Báo cáo (dự thảo, chưa ban hành)", "Không kèm báo cáo"."""
    report = data.get("report")
    if not isinstance(report, Mapping):
        return S.NO_REPORT
    doc_type = report.get("doc_type") if isinstance(report.get("doc_type"), str) else ""
    doc = doc_type[:1].upper() + doc_type[1:].lower() if doc_type else S.DEFAULT_DOC
    if report.get("status") != "issued":
        return S.REPORT_DRAFT.format(doc=doc)
    number, symbol = report.get("number"), report.get("symbol") or ""
    if isinstance(number, int) and not isinstance(number, bool) and number > 0:
        from desktop.core.reports import number_symbol

        return S.REPORT_ISSUED.format(doc=doc, number_symbol=number_symbol(number, str(symbol)))
    return S.REPORT_ISSUED_NO_NUMBER.format(doc=doc)


def _history(task: Mapping[str, Any]) -> tuple[st.HistoryPoint, ...]:
    points = []
    for entry in task.get("history") or ():
        if not isinstance(entry, Mapping):
            continue
        day, status = _day(entry.get("on_date")), entry.get("status")
        if day is not None and status in st.RECORDED_STATES:
            points.append(st.HistoryPoint(day, status))
    return tuple(points)


def derive_task(task: Mapping[str, Any], as_of: date, period_start: date | None) -> st.Derived:
    """The status of one data.json task on `as_of`, from its history (the "status" it carries is
    the sender's own and only informative)."""
    recurrence = task.get("recurrence")
    if recurrence not in st.RECURRENCES:
        recurrence = st.RECURRENCE_NONE
    return st.derive_status(
        deadline=_day(task.get("deadline")),
        recurrence=recurrence,
        history=_history(task),
        completed_on=_day(task.get("completed_on")),
        as_of=as_of,
        period_start=period_start,
    )


def _tasks_of(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    tasks = data.get("tasks")
    return [t for t in tasks if isinstance(t, Mapping)] if isinstance(tasks, list) else []


def _decode(kind: str, text: str) -> Decimal | str | bool | None:
    if text == "":
        return None
    if kind in ("count", "percent", "money", "number"):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if kind == "bool":
        return text == "1"
    return text


@dataclass(frozen=True)
class _Current:
    id: int
    unit_id: int
    code: str
    name: str
    created: datetime
    received_at: datetime
    pdf_sha256: str
    data: str


def _current_packages(session: Session, period_code: str) -> list[_Current]:
    query = (select(ReceivedPackage.id, ReceivedPackage.unit_id, Unit.code, Unit.short_name,
                    ReceivedPackage.created_at_source, ReceivedPackage.received_at, ReceivedPackage.pdf_sha256,
                    ReceivedPackage.data)
             .join(Unit, Unit.id == ReceivedPackage.unit_id)
             .where(ReceivedPackage.period_code == period_code, ReceivedPackage.current.is_(True),
                    Unit.is_self.is_(False))
             .order_by(ReceivedPackage.created_at_source.desc(), ReceivedPackage.id.desc()))
    found: dict[int, _Current] = {}
    for row in session.execute(query):
        if row.unit_id not in found:  # exactly one is current; guard against a second anyway
            found[row.unit_id] = _Current(row.id, row.unit_id, row.code, row.short_name, row.created_at_source,
                                          row.received_at, row.pdf_sha256 or "", row.data)
    return list(found.values())


# ----------------------------------------------------------------------------- indicators


def _indicator_rows(session: Session):
    from desktop.core import indicators as ind

    return ind.list_indicators(session, include_retired=True)


def _unit_values(session: Session, unit_ids: Sequence[int], period_code: str,
                 kinds: Mapping[str, str]) -> dict[int, dict[str, Decimal | str | bool | None]]:
    values: dict[int, dict[str, Decimal | str | bool | None]] = {unit_id: {} for unit_id in unit_ids}
    if not unit_ids:
        return values
    query = (select(IndicatorValue.unit_id, Indicator.code, IndicatorValue.value_text)
             .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
             .where(IndicatorValue.period_code == period_code, IndicatorValue.unit_id.in_(list(unit_ids))))
    for unit_id, code, text in session.execute(query):
        decoded = _decode(kinds.get(code, "text"), text or "")
        if decoded is not None:
            values[unit_id][code] = decoded
    return values


class _Formulas:
    """Parsed formulas and the typed (not computed) inputs each one reads, nested ones expanded."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.by_code = {r.code: r for r in rows}
        self._parsed: dict[str, fx.Formula] = {}
        self._leaves: dict[str, tuple[str, ...]] = {}

    def parsed(self, code: str) -> fx.Formula:
        if code not in self._parsed:
            self._parsed[code] = fx.parse(self.by_code[code].formula)
        return self._parsed[code]

    def computed(self, code: str) -> bool:
        row = self.by_code.get(code)
        return bool(row is not None and row.formula)

    def leaves(self, code: str, visiting: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Typed codes the formula of `code` depends on; FormulaError on a cycle or a bad formula."""
        if code in self._leaves:
            return self._leaves[code]
        if code in visiting:
            raise fx.FormulaError(S.NOTE_FORMULA_CYCLE.format(code=code))
        found: list[str] = []
        for used in self.parsed(code).codes:
            for leaf in (self.leaves(used, visiting | {code}) if self.computed(used) else (used,)):
                if leaf not in found:
                    found.append(leaf)
        self._leaves[code] = tuple(found)
        return self._leaves[code]

    def evaluate(self, code: str, inputs: Mapping[str, Decimal]) -> Decimal:
        """The value of a computed indicator from typed inputs, nested formulas rounded to their
        decimals on the way, as the ward's own screen computes them."""
        parsed = self.parsed(code)
        values = {c: (self.evaluate(c, inputs) if self.computed(c) else inputs.get(c)) for c in parsed.codes}
        return fx.round_half_up(fx.evaluate(parsed, values), self.by_code[code].decimals)


def _format(row: Any, value: Decimal | str | bool | None) -> str:
    from desktop.core.indicators import format_value

    return format_value(row, value)


def _shown(row: Any, value: Decimal) -> str:
    text = _format(row, value)
    return text + "%" if row.kind == "percent" or row.unit == "%" else text


def _total(row: Any, formulas: _Formulas, values: Mapping[int, Mapping[str, Any]], sent: int) -> IndicatorTotal:
    def make(value: Decimal | None, text: str, reporting: int, method: str, note: str) -> IndicatorTotal:
        return IndicatorTotal(code=row.code, name=row.name, unit=row.unit, kind=row.kind, group_name=row.group_name,
                              value=value, text=text, units_reporting=reporting, method=method, note=note,
                              group_code=row.group_code, catalogue=row.catalogue, decimals=row.decimals,
                              formula=row.formula)

    if row.formula:
        try:
            leaves = formulas.leaves(row.code)
        except fx.FormulaError as exc:
            return make(None, "", 0, NONE, S.NOTE_FORMULA_PROBLEM.format(reason=exc))
        inputs = ", ".join(leaves)
        bad = [c for c in leaves if c in formulas.by_code and formulas.by_code[c].kind not in SUMMABLE_KINDS]
        if bad:
            reporting = sum(1 for unit in values.values() if all(isinstance(unit.get(c), Decimal) for c in leaves))
            return make(None, "", reporting, NONE, S.NOTE_FORMULA_NOT_SUMMABLE.format(codes=", ".join(bad)))
        sums = {c: Decimal(0) for c in leaves}
        reporting = 0
        for unit in values.values():
            if all(isinstance(unit.get(c), Decimal) for c in leaves):
                reporting += 1
                for c in leaves:
                    sums[c] += unit[c]
        if not reporting:
            return make(None, "", 0, FORMULA, S.NOTE_FORMULA_NONE.format(inputs=inputs))
        try:
            value = formulas.evaluate(row.code, sums)
        except fx.FormulaError as exc:
            return make(None, "", reporting, FORMULA, S.NOTE_FORMULA_PROBLEM.format(reason=exc))
        return make(value, _format(row, value), reporting, FORMULA,
                    S.NOTE_FORMULA.format(inputs=inputs, count=reporting))

    present = [unit[row.code] for unit in values.values() if row.code in unit]
    if row.kind in SUMMABLE_KINDS:
        numbers = [v for v in present if isinstance(v, Decimal)]
        if not numbers:
            return make(None, "", 0, SUM, S.NOTE_NO_DATA)
        value = sum(numbers, Decimal(0))
        note = S.NOTE_PARTIAL_SUM.format(count=len(numbers), sent=sent) if len(numbers) < sent else ""
        return make(value, _format(row, value), len(numbers), SUM, note)
    if row.kind in ("percent", "number"):
        numbers = [v for v in present if isinstance(v, Decimal)]
        if not numbers:
            return make(None, "", 0, NONE, S.NOTE_NO_DATA)
        template = S.NOTE_PERCENT if row.kind == "percent" else S.NOTE_NUMBER
        note = template.format(count=len(numbers), low=_shown(row, min(numbers)), high=_shown(row, max(numbers)))
        return make(None, "", len(numbers), NONE, note)
    if row.kind == "bool":
        answers = [v for v in present if isinstance(v, bool)]
        if not answers:
            return make(None, "", 0, SUM, S.NOTE_NO_DATA)
        yes = sum(1 for v in answers if v)
        return make(Decimal(yes), S.TEXT_BOOL.format(yes=yes, count=len(answers)), len(answers), SUM,
                    S.NOTE_BOOL.format(count=len(answers)))
    texts = [v for v in present if isinstance(v, str) and v.strip()]
    if not texts:
        return make(None, "", 0, NONE, S.NOTE_NO_DATA)
    return make(None, S.TEXT_TEXT.format(count=len(texts)), len(texts), NONE, S.NOTE_TEXT)


def indicator_totals(rows: Sequence[Any], values: Mapping[int, Mapping[str, Any]], sent: int | None = None
                     ) -> list[IndicatorTotal]:
    """Totals of every indicator over the units' values (pure; rows are indicators.IndicatorRow).
    Retired indicators appear only when a unit reported them."""
    formulas = _Formulas(rows)
    sent = len(values) if sent is None else sent
    result = []
    for row in rows:
        total = _total(row, formulas, values, sent)
        if row.retired and total.units_reporting == 0:
            continue
        result.append(total)
    return result


# ----------------------------------------------------------------------------- tasks


def _rate(counts: Counts) -> Decimal | None:
    share = percent(counts.done, counts.assigned)
    return fx.round_half_up(share, 1) if share is not None else None


def rank_units(items: Sequence[tuple[int, str, str, Counts, int | None]]) -> list[UnitTasks]:
    """UnitTasks ranked by completion rate (exact), then by number done; equal keys share a rank
    (1, 1, 3). Units with no task come last, sharing the last rank."""
    def key(item) -> tuple:
        counts = item[3]
        if not counts.assigned:
            return (1, Fraction(0), 0)
        return (0, -Fraction(counts.done, counts.assigned), -counts.done)

    ordered = sorted(items, key=lambda item: (key(item), sort_key(item[2]), item[1]))
    result: list[UnitTasks] = []
    previous, rank = None, 0
    for position, item in enumerate(ordered, start=1):
        current = key(item)
        if current != previous:
            rank, previous = position, current
        unit_id, code, name, counts, package_id = item
        result.append(UnitTasks(unit_id, code, name, counts, _rate(counts), rank, package_id))
    return result


# ----------------------------------------------------------------------------- consolidation


def latest_period(session: Session) -> str | None:
    """The period of the package received last (what the secretariat is most likely consolidating)."""
    return session.scalar(select(ReceivedPackage.period_code).where(ReceivedPackage.content == "report")
                          .order_by(ReceivedPackage.received_at.desc(), ReceivedPackage.id.desc()).limit(1))


def as_of_day(period: Period, today: date | None = None) -> date:
    """Statuses are derived on the period's last day, or today while the period runs."""
    return min(period.window[1], today or date.today())


def _versions(session: Session, period_code: str) -> dict[int, int]:
    query = (select(ReceivedPackage.unit_id, func.count()).where(ReceivedPackage.period_code == period_code)
             .group_by(ReceivedPackage.unit_id))
    return dict(session.execute(query).all())


def consolidate(session: Session, period: Period | str, today: date | None = None) -> Consolidation:
    """Everything the upper level needs for the period, in one pass over the current packages."""
    period = _period(period)
    as_of = as_of_day(period, today)
    start = period.window[0]
    due = deadline(session, period)
    overridden = _deadline_override(session, period.code) is not None
    packages = _current_packages(session, period.code)
    versions = _versions(session, period.code)

    units: list[tuple[int, str, str, Counts, int | None]] = []
    labels: dict[int, str] = {}
    for package in packages:
        data = _load(package.data)
        counts = Counts()
        for task in _tasks_of(data):
            counts.add(derive_task(task, as_of, start).status)
        units.append((package.unit_id, package.code, package.name, counts, package.id))
        labels[package.unit_id] = report_label(data)
    ranked = rank_units(units)
    totals = Counts()
    for item in ranked:
        for name, value in vars(item.counts).items():
            setattr(totals, name, getattr(totals, name) + value)

    rows = _indicator_rows(session)
    kinds = {r.code: r.kind for r in rows}
    values = _unit_values(session, [p.unit_id for p in packages], period.code, kinds)
    totals_by_indicator = indicator_totals(rows, values, sent=len(packages))

    stored = _stored_expected(session)
    expected = stored if stored is not None else _senders(session)
    by_code = {p.code: p for p in packages}
    known = {code: (unit_id, name) for code, unit_id, name in session.execute(
        select(Unit.code, Unit.id, Unit.short_name).where(Unit.is_self.is_(False)))}
    submissions: list[Submission] = []
    listed: set[str] = set()
    for code, name in expected:
        listed.add(code)
        package = by_code.get(code)
        if package is None:
            unit_id, known_name = known.get(code, (None, ""))
            submissions.append(Submission(unit_id, code, name or known_name or code, MISSING, None, None, None, "",
                                          False, versions=versions.get(unit_id, 0)))
        else:
            submissions.append(_submission(package, due, labels, versions, True, name))
    extras = sorted((p for p in packages if p.code not in listed), key=lambda p: (sort_key(p.name), p.code))
    submissions += [_submission(p, due, labels, versions, False) for p in extras]

    return Consolidation(
        period_code=period.code, period_name=period.name, window=period.window, as_of=as_of, deadline=due,
        deadline_overridden=overridden, expected_from_setting=stored is not None,
        submissions=tuple(submissions), indicators=tuple(totals_by_indicator), units=tuple(ranked),
        totals=totals, total_rate=_rate(totals),
    )


def _submission(package: _Current, due: date, labels: Mapping[int, str], versions: Mapping[int, int],
                expected: bool, name: str = "") -> Submission:
    status = ON_TIME if package.created.date() <= due else LATE
    return Submission(package.unit_id, package.code, package.name or name, status, package.id, package.created,
                      package.received_at, labels.get(package.unit_id, ""), bool(package.pdf_sha256), expected,
                      versions.get(package.unit_id, 1))


# ----------------------------------------------------------------------------- drill-down


def package_pdf(folder: DataFolder, package: Any) -> Path | None:
    """The PDF a package brought, as stored in attachments/ by its hash; None when it had none or
    the file is gone."""
    from desktop.core.tasks import attachment_path

    sha = getattr(package, "pdf_sha256", "") or ""
    if not sha:
        return None
    path = attachment_path(folder, sha, getattr(package, "pdf_name", "") or "bao-cao.pdf")
    return path if path.is_file() else None


def _folder_of(session: Session) -> DataFolder | None:
    database = session.get_bind().url.database
    return DataFolder(Path(database).parent) if database else None


def unit_detail(session: Session, unit_id: int, period: Period | str, folder: DataFolder | None = None,
                today: date | None = None) -> UnitDetail:
    """One unit's figures for the period (typed and computed, formatted as the app shows them),
    its tasks with their status at the period end, its report and the PDF it sent."""
    period = _period(period)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound(S.UNIT_NOT_FOUND)
    rows = _indicator_rows(session)
    raw = _unit_values(session, [unit_id], period.code, {r.code: r.kind for r in rows})[unit_id]
    comments = dict(session.execute(
        select(Indicator.code, IndicatorValue.comment).join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(IndicatorValue.unit_id == unit_id, IndicatorValue.period_code == period.code)).all())
    formulas = _Formulas(rows)
    values: list[UnitValue] = []
    for row in rows:
        value: Decimal | str | bool | None
        if row.formula:
            try:
                leaves = formulas.leaves(row.code)
                value = formulas.evaluate(row.code, {c: raw[c] for c in leaves if isinstance(raw.get(c), Decimal)})
            except fx.FormulaError:
                value = None
        else:
            value = raw.get(row.code)
        if value is None and not comments.get(row.code):
            continue
        values.append(UnitValue(row.code, row.name, row.unit, row.kind, row.group_name, value, _format(row, value),
                                bool(row.formula), comments.get(row.code, "") or ""))

    package = session.scalars(select(ReceivedPackage).where(
        ReceivedPackage.unit_id == unit_id, ReceivedPackage.period_code == period.code,
        ReceivedPackage.current.is_(True)).order_by(ReceivedPackage.created_at_source.desc())).first()
    as_of = as_of_day(period, today)
    tasks: list[UnitTaskRow] = []
    counts = Counts()
    label = ""
    pdf = None
    submission = None
    if package is not None:
        data = _load(package.data)
        label = report_label(data)
        departments = {d.get("uid"): d for d in data.get("departments") or () if isinstance(d, Mapping)}
        for task in _tasks_of(data):
            derived = derive_task(task, as_of, period.window[0])
            counts.add(derived.status)
            tasks.append(_task_row(task, derived, departments, as_of))
        folder = folder or _folder_of(session)
        pdf = package_pdf(folder, package) if folder is not None else None
        consolidation_due = deadline(session, period)
        status = ON_TIME if package.created_at_source.date() <= consolidation_due else LATE
        expected_codes = {code for code, _ in expected_units(session)}
        submission = Submission(unit.id, unit.code, unit.short_name, status, package.id, package.created_at_source,
                                package.received_at, label, bool(package.pdf_sha256), unit.code in expected_codes,
                                _versions(session, period.code).get(unit.id, 1))
    return UnitDetail(unit_id=unit.id, code=unit.code, name=unit.short_name, period_code=period.code,
                      submission=submission, values=tuple(values), tasks=tuple(tasks), counts=counts,
                      report_label=label, pdf_path=pdf, as_of=as_of)


def _task_row(task: Mapping[str, Any], derived: st.Derived, departments: Mapping[Any, Mapping[str, Any]],
              as_of: date) -> UnitTaskRow:
    from desktop.core.tasks import deadline_text

    def text(name: str) -> str:
        value = task.get(name)
        return value if isinstance(value, str) else ""

    lead_department = departments.get(task.get("lead_department_uid"))
    if lead_department is not None:
        lead = str(lead_department.get("abbreviation") or lead_department.get("name") or "")
    else:
        lead = text("lead_note")
    recurrence = task.get("recurrence") if task.get("recurrence") in st.RECURRENCES else st.RECURRENCE_NONE
    history = [h for h in task.get("history") or () if isinstance(h, Mapping) and (_day(h.get("on_date")) or
                                                                                   date.max) <= as_of]
    history.sort(key=lambda h: _day(h.get("on_date")))
    note = history[-1].get("note") if history else ""
    evidence = task.get("evidence")
    return UnitTaskRow(
        uid=text("uid"), title=text("title"), lead=lead,
        deadline_text=deadline_text(_day(task.get("deadline")), recurrence, text("deadline_note")),
        status=derived.status, status_label=C.STATUS.get(derived.status, derived.status),
        completed_on=derived.completed_on, last_note=note if isinstance(note, str) else "",
        evidence=len(evidence) if isinstance(evidence, list) else 0,
    )


# ----------------------------------------------------------------------------- JSON


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def as_json(result: Consolidation) -> dict[str, Any]:
    """The consolidation for `consolidate --json` (English keys, Vietnamese text values)."""
    return {
        "period": result.period_code,
        "period_name": result.period_name,
        "as_of": result.as_of.isoformat(),
        "deadline": result.deadline.isoformat(),
        "expected": result.expected_count,
        "sent": result.sent_count,
        "on_time": result.count(ON_TIME),
        "late": result.count(LATE),
        "missing": result.count(MISSING),
        "extra": len(result.extra),
        "submissions": [
            {"unit_id": s.unit_id, "code": s.code, "name": s.name, "status": s.status, "expected": s.expected,
             "package_id": s.package_id, "created": s.created.isoformat() if s.created else None,
             "received_at": s.received_at.isoformat() if s.received_at else None, "report": s.report_label,
             "has_pdf": s.has_pdf, "versions": s.versions}
            for s in result.submissions
        ],
        "indicators": [
            {"code": t.code, "name": t.name, "unit": t.unit, "kind": t.kind, "group": t.group_name,
             "value": _number(t.value), "text": t.text, "units_reporting": t.units_reporting, "method": t.method,
             "note": t.note}
            for t in result.indicators
        ],
        "units": [
            {"unit_id": u.unit_id, "code": u.code, "name": u.name, **u.counts.as_dict(), "rate": _number(u.rate),
             "rank": u.rank}
            for u in result.units
        ],
        "totals": {**result.totals.as_dict(), "rate": _number(result.total_rate)},
    }


def summary_line(result: Consolidation) -> str:
    """"Tổng hợp quý III/2025: hạn gửi 18/09/2025; đã gửi 2/3 đơn vị (đúng hạn 1, gửi muộn 1), chưa gửi 1." """
    line = S.CLI_HEADER.format(
        period=result.period_name, deadline=format_date(result.deadline),
        sent=format_number(result.expected_sent_count), expected=format_number(result.expected_count),
        on_time=result.count(ON_TIME), late=result.count(LATE), missing=result.count(MISSING))
    if result.extra:
        line += " " + S.SUBMISSIONS_EXTRA.format(count=len(result.extra), names=", ".join(s.name for s in result.extra))
    return line


__all__ = [
    "Consolidation", "IndicatorTotal", "Submission", "UnitDetail", "UnitTaskRow", "UnitTasks", "UnitValue",
    "add_working_days", "as_json", "consolidate", "deadline", "deadline_days", "default_deadline", "derive_task",
    "expected_units", "expected_units_set", "indicator_totals", "package_pdf", "rank_units", "report_label",
    "set_deadline", "set_deadline_days", "set_expected_units", "summary_line", "unit_detail",
]
