"""Indicators (chỉ tiêu): the catalogues, targets and achievement, values per period with their
validation rules, computed indicators, and closing a period's figures (chốt số liệu).

Catalogues are JSON files in resources/catalogues/, loaded by `seed_catalogues` (idempotent,
keyed by stable codes; called on first use). Values are stored as exact text and read back as
Decimal. Functions take a Session first, never commit, and return frozen dataclasses or Changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import formula as fx
from desktop.core.changes import INDICATORS, Changes
from desktop.core.errors import NotFound, UserError, ValidationError, Validator
from desktop.core.periods import Period
from desktop.core.vn import (
    ParseError,
    clean_line,
    clean_text,
    fold,
    format_number,
    parse_number,
)
from desktop.models import (
    Indicator,
    IndicatorGroup,
    IndicatorRule,
    IndicatorTarget,
    IndicatorValue,
    PeriodClosure,
    Unit,
)
from desktop.paths import resources_dir
from desktop.strings import indicators as S

CATALOGUE_FORMAT = "nq57-indicator-catalogue"
CATALOGUE_FILES = ("nq71-2030.json", "milestones.json", "operations.json")
CATALOGUE_ORDER = tuple(S.CATALOGUES)
KINDS = ("count", "percent", "money", "number", "text", "bool")
NUMERIC_KINDS = ("count", "percent", "money", "number")
COMPARATORS = ("ge", "le", "eq", "range", "aspire", "none")
MET, NOT_MET, NO_DATA, NO_TARGET = "met", "not_met", "no_data", "no_target"
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*")
DEFAULT_JUMP_FACTOR = Decimal(5)


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class TargetRow:
    year: int
    comparator: str  # ge | le | eq | range | aspire | none
    low: Decimal | None
    high: Decimal | None
    text: str  # as printed in plans: "≥ 60%", "100%", "80-90%", "Phấn đấu ít nhất 3%", "-"


@dataclass(frozen=True)
class GroupRow:
    code: str
    name: str
    catalogue: str
    position: int


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    code: str
    name: str
    unit: str
    kind: str
    group_code: str
    group_name: str
    catalogue: str
    department: str
    source: str
    output: str
    formula: str
    decimals: int
    retired: bool
    position: int
    targets: tuple[TargetRow, ...]

    @property
    def computed(self) -> bool:
        return bool(self.formula)

    def target_for(self, year: int) -> TargetRow | None:
        return next((t for t in self.targets if t.year == year), None)


@dataclass(frozen=True)
class ValueRow:
    indicator: IndicatorRow
    period_code: str
    value: Decimal | str | bool | None
    text: str
    computed: bool
    previous: Decimal | str | bool | None
    previous_text: str
    target: TargetRow | None
    achievement: str  # met | not_met | no_data | no_target
    comment: str
    problem: str = ""  # why a computed value is missing (division by zero, missing inputs)


@dataclass(frozen=True)
class ValidationResult:
    errors: dict[str, str] = field(default_factory=dict)  # code -> message; block saving
    warnings: dict[str, str] = field(default_factory=dict)  # code -> message; must be confirmed
    values: dict[str, Decimal | str | bool | None] = field(default_factory=dict)  # parsed entries

    @property
    def ok(self) -> bool:
        return not self.errors and not self.warnings


class WarningsNotConfirmed(UserError):
    def __init__(self, warnings: Mapping[str, str]) -> None:
        self.warnings = dict(warnings)
        super().__init__(S.UNCONFIRMED.format(details=" ".join(self.warnings.values())))


@dataclass(frozen=True)
class IndicatorInput:
    """The indicator form. `targets` maps a year to the target text as printed ("≥ 60%")."""

    code: str
    name: str
    group_code: str
    unit: str = ""
    kind: str = "count"
    department: str = ""
    source: str = ""
    output: str = ""
    formula: str = ""
    decimals: int = 0
    targets: Mapping[int, str] = field(default_factory=dict)
    id: int | None = None


@dataclass(frozen=True)
class ClosureRow:
    period_code: str
    action: str  # close | reopen
    note: str
    recorded_by: str
    recorded_at: Any


# ----------------------------------------------------------------------------- targets


_NUMBER_IN_TEXT = re.compile(r"\d+(?:[.,]\d+)?")


def parse_target(year: int, text: str) -> TargetRow:
    """Read a target as plans print it. A plain value ("100%", "80", "Đạt 3%") means reach at
    least that value (ge); "≥ x"/"trên x" ge; "≤ x" le; "= x" eq; "x-y" range; "Phấn đấu … x"
    aspire (achieved at ≥ x, printed as written); "-" or blank: no target."""
    printed = clean_line(text)
    plain = printed.replace("–", "-").replace("−", "-")
    if plain in ("", "-"):
        return TargetRow(year, "none", None, None, printed or "-")
    numbers = [parse_number(n) for n in _NUMBER_IN_TEXT.findall(plain)]
    folded = fold(plain)
    if not numbers or len(numbers) > 2:
        raise UserError(S.BAD_TARGET.format(year=year, text=printed))
    if len(numbers) == 2:
        if "-" not in plain or numbers[0] > numbers[1]:
            raise UserError(S.BAD_TARGET.format(year=year, text=printed))
        return TargetRow(year, "range", numbers[0], numbers[1], printed)
    value = numbers[0]
    if folded.startswith("phan dau"):
        return TargetRow(year, "aspire", value, None, printed)
    if "≤" in plain or "<=" in plain or "toi da" in folded:
        return TargetRow(year, "le", None, value, printed)
    if plain.startswith("="):
        return TargetRow(year, "eq", value, value, printed)
    return TargetRow(year, "ge", value, None, printed)


def achievement(target: TargetRow | None, value: Decimal | str | bool | None) -> str:
    if target is None or target.comparator == "none":
        return NO_TARGET
    if value is None or value == "":
        return NO_DATA
    if not isinstance(value, Decimal):
        return NO_TARGET
    if target.comparator in ("ge", "aspire"):
        ok = value >= target.low
    elif target.comparator == "le":
        ok = value <= target.high
    elif target.comparator == "eq":
        ok = value == target.low
    else:
        ok = target.low <= value <= target.high
    return MET if ok else NOT_MET


def _target_row(target: IndicatorTarget) -> TargetRow:
    return TargetRow(
        target.year, target.comparator,
        Decimal(target.low) if target.low else None, Decimal(target.high) if target.high else None, target.text,
    )


# ----------------------------------------------------------------------------- catalogues


def catalogue_dir() -> Path:
    return resources_dir() / "catalogues"


def load_catalogue_file(name: str, directory: Path | None = None) -> dict[str, Any]:
    path = (directory or catalogue_dir()) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(S.BAD_CATALOGUE.format(name=name, reason=exc)) from exc
    if not isinstance(data, dict) or data.get("format") != CATALOGUE_FORMAT:
        raise UserError(S.BAD_CATALOGUE.format(name=name, reason=CATALOGUE_FORMAT))
    return data


def catalogue_entries(data: Mapping[str, Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The groups of a catalogue file with their indicators, defaults applied and targets read."""
    defaults = data.get("defaults", {})
    departments = data.get("departments", {})
    years = data.get("years", [])
    result = []
    for group in data["groups"]:
        items = []
        for item in group["indicators"]:
            entry = {**defaults, **item}
            raw_targets = item.get("targets", {})
            if isinstance(raw_targets, list):
                raw_targets = dict(zip(years, raw_targets, strict=True))
            entry["targets"] = {int(year): text for year, text in raw_targets.items()}
            dept = item.get("dept", "")
            entry["department"] = departments.get(dept, dept)
            items.append(entry)
        result.append(({"code": group["code"], "name": group["name"], "catalogue": data["catalogue"]}, items))
    return result


def seed_catalogues(session: Session, directory: Path | None = None) -> Changes:
    """Add the built-in groups, indicators (with their targets) and rules not yet present.

    Keyed by code: an indicator already in the database — edited or retired by the user — is
    left as it is, so running this again changes nothing."""
    groups = {g.code: g for g in session.scalars(select(IndicatorGroup))}
    indicators = set(session.scalars(select(Indicator.code)))
    rules = set(session.scalars(select(IndicatorRule.code)))
    added = False
    for catalogue_position, name in enumerate(CATALOGUE_FILES):
        data = load_catalogue_file(name, directory)
        for group_position, (group_data, items) in enumerate(catalogue_entries(data)):
            group = groups.get(group_data["code"])
            if group is None:
                group = IndicatorGroup(code=group_data["code"], name=clean_text(group_data["name"]),
                                       catalogue=group_data["catalogue"],
                                       position=catalogue_position * 100 + group_position)
                session.add(group)
                session.flush()
                groups[group.code] = group
                added = True
            for position, item in enumerate(items):
                if item["code"] in indicators:
                    continue
                indicator = Indicator(
                    code=item["code"], name=clean_text(item["name"]), unit=clean_line(item.get("unit", "")),
                    kind=item["kind"], group_id=group.id, department=clean_line(item.get("department", "")),
                    source=clean_line(item.get("source", "")), output=clean_line(item.get("output", "")),
                    formula=item.get("formula", ""), decimals=int(item.get("decimals", 0)),
                    retired=False, builtin=True, position=position,
                    created_by=session.info.get("user", ""), updated_by=session.info.get("user", ""),
                )
                indicator.targets = [_target_model(parse_target(y, t)) for y, t in sorted(item["targets"].items())]
                session.add(indicator)
                indicators.add(item["code"])
                added = True
        for rule in data.get("rules", ()):
            if rule["code"] in rules:
                continue
            session.add(IndicatorRule(code=rule["code"], kind=rule["kind"], total_code=rule.get("total", ""),
                                      part_codes=" ".join(rule.get("parts", ())), factor=str(rule.get("factor", ""))))
            rules.add(rule["code"])
            added = True
    session.flush()
    return Changes.of(INDICATORS) if added else Changes()


def ensure_catalogues(session: Session) -> None:
    """Load the catalogues on first use (an empty indicator table)."""
    if not session.scalar(select(func.count()).select_from(IndicatorGroup)):
        seed_catalogues(session)


def _target_model(row: TargetRow) -> IndicatorTarget:
    return IndicatorTarget(
        year=row.year, comparator=row.comparator,
        low="" if row.low is None else str(row.low), high="" if row.high is None else str(row.high), text=row.text,
    )


def list_catalogues(session: Session) -> list[tuple[str, str]]:
    ensure_catalogues(session)
    present = set(session.scalars(select(IndicatorGroup.catalogue).distinct()))
    ordered = [code for code in CATALOGUE_ORDER if code in present] + sorted(present - set(CATALOGUE_ORDER))
    return [(code, S.CATALOGUES.get(code, code)) for code in ordered]


def list_groups(session: Session, catalogue: str | None = None) -> list[GroupRow]:
    ensure_catalogues(session)
    query = select(IndicatorGroup)
    if catalogue:
        query = query.where(IndicatorGroup.catalogue == catalogue)
    groups = [GroupRow(g.code, g.name, g.catalogue, g.position) for g in session.scalars(query)]
    return sorted(groups, key=_group_order)


def _group_order(group: GroupRow) -> tuple:
    rank = CATALOGUE_ORDER.index(group.catalogue) if group.catalogue in CATALOGUE_ORDER else len(CATALOGUE_ORDER)
    return (rank, group.position, group.code)


def _indicator_row(indicator: Indicator) -> IndicatorRow:
    group = indicator.group
    return IndicatorRow(
        id=indicator.id, code=indicator.code, name=indicator.name, unit=indicator.unit, kind=indicator.kind,
        group_code=group.code, group_name=group.name, catalogue=group.catalogue, department=indicator.department,
        source=indicator.source, output=indicator.output, formula=indicator.formula, decimals=indicator.decimals,
        retired=indicator.retired, position=indicator.position,
        targets=tuple(_target_row(t) for t in indicator.targets),
    )


def _all_indicators(session: Session) -> list[IndicatorRow]:
    ensure_catalogues(session)
    query = select(Indicator).options(selectinload(Indicator.group), selectinload(Indicator.targets))
    rows = [_indicator_row(i) for i in session.scalars(query)]
    groups = {g.code: g for g in list_groups(session)}
    return sorted(rows, key=lambda r: (_group_order(groups[r.group_code]), r.position, r.code))


def list_indicators(session: Session, catalogue: str | None = None, include_retired: bool = False) -> list[IndicatorRow]:
    """Indicators in appendix order (catalogue, group, position)."""
    return [
        r for r in _all_indicators(session)
        if (catalogue is None or r.catalogue == catalogue) and (include_retired or not r.retired)
    ]


def get_indicator(session: Session, code: str) -> IndicatorRow:
    for row in _all_indicators(session):
        if row.code == code:
            return row
    raise NotFound(S.UNKNOWN_CODE.format(code=code))


# ----------------------------------------------------------------------------- editing


def save_indicator(session: Session, data: IndicatorInput) -> tuple[int, Changes]:
    """Add an indicator or change one. Codes are never changed nor reused (retired ones included)."""
    ensure_catalogues(session)
    check = Validator()
    code = clean_line(data.code).upper()
    name = clean_text(data.name)
    check.require("name", name, S.NAME_LABEL)
    existing = session.get(Indicator, data.id) if data.id is not None else None
    if data.id is not None and existing is None:
        raise NotFound(S.UNKNOWN_CODE.format(code=data.code))
    if existing is None:
        if not CODE_PATTERN.fullmatch(code):
            check.add("code", S.BAD_CODE)
        elif session.scalar(select(Indicator.id).where(Indicator.code == code)) is not None:
            check.add("code", S.CODE_TAKEN.format(code=code))
    elif code and code != existing.code:
        check.add("code", S.CODE_FIXED)
    if data.kind not in KINDS:
        check.add("kind", S.BAD_KIND.format(value=data.kind))
    group = session.scalars(select(IndicatorGroup).where(IndicatorGroup.code == data.group_code)).first()
    if group is None:
        check.add("group_code", S.BAD_GROUP.format(value=data.group_code))
    if not 0 <= int(data.decimals) <= 6:
        check.add("decimals", S.BAD_DECIMALS)
    formula_text = clean_line(data.formula)
    own_code = existing.code if existing is not None else code
    if formula_text:
        if data.kind not in NUMERIC_KINDS:
            check.add("formula", S.FORMULA_KIND)
        else:
            try:
                parsed = fx.parse(formula_text)
                known = set(session.scalars(select(Indicator.code)))
                unknown = [c for c in parsed.codes if c not in known and c != own_code]
                if unknown:
                    check.add("formula", S.FORMULA_UNKNOWN_CODE.format(codes=", ".join(unknown)))
                elif _creates_cycle(session, own_code, parsed.codes):
                    check.add("formula", S.FORMULA_CYCLE.format(code=own_code))
            except fx.FormulaError as exc:
                check.add("formula", str(exc))
    targets: list[TargetRow] = []
    for year, text in sorted(data.targets.items()):
        if not 2000 <= int(year) <= 2100:
            check.add("targets", S.BAD_TARGET_YEAR.format(year=year))
            continue
        try:
            targets.append(parse_target(int(year), text))
        except (UserError, ParseError) as exc:
            check.add("targets", str(exc))
    check.raise_if_any()
    user = session.info.get("user", "")
    if existing is None:
        position = session.scalar(select(func.max(Indicator.position)).where(Indicator.group_id == group.id))
        existing = Indicator(code=code, group_id=group.id, position=(position or 0) + 1, builtin=False,
                             retired=False, created_by=user)
        session.add(existing)
    existing.name = name
    existing.group_id = group.id
    existing.unit = clean_line(data.unit)
    existing.kind = data.kind
    existing.department = clean_line(data.department)
    existing.source = clean_line(data.source)
    existing.output = clean_line(data.output)
    existing.formula = formula_text.upper()
    existing.decimals = int(data.decimals)
    existing.updated_by = user
    by_year = {t.year: t for t in existing.targets}
    for row in targets:
        model = by_year.pop(row.year, None)
        if model is None:
            existing.targets.append(_target_model(row))
            continue
        fresh = _target_model(row)
        model.comparator, model.low, model.high, model.text = fresh.comparator, fresh.low, fresh.high, fresh.text
    for model in by_year.values():
        existing.targets.remove(model)
    session.flush()
    return existing.id, Changes.of(INDICATORS)


def _creates_cycle(session: Session, code: str, reads: Sequence[str]) -> bool:
    formulas = {c: f for c, f in session.execute(select(Indicator.code, Indicator.formula)) if f}
    seen: set[str] = set()
    stack = list(reads)
    while stack:
        current = stack.pop()
        if current == code:
            return True
        if current in seen:
            continue
        seen.add(current)
        if current in formulas:
            stack.extend(fx.parse(formulas[current]).codes)
    return False


def retire_indicator(session: Session, code: str) -> Changes:
    """Stop following an indicator: it leaves the lists and forms; its values stay readable."""
    indicator = session.scalars(select(Indicator).where(Indicator.code == code)).first()
    if indicator is None:
        raise NotFound(S.UNKNOWN_CODE.format(code=code))
    if indicator.retired:
        raise UserError(S.ALREADY_RETIRED.format(code=code))
    indicator.retired = True
    indicator.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(INDICATORS)


# ----------------------------------------------------------------------------- values


def _self_unit_id(session: Session) -> int:
    unit_id = session.scalar(select(Unit.id).where(Unit.is_self.is_(True)))
    if unit_id is None:
        raise UserError(S.NO_OFFICE)
    return unit_id


def _decode(kind: str, text: str) -> Decimal | str | bool | None:
    if text == "":
        return None
    if kind in NUMERIC_KINDS:
        return Decimal(text)
    if kind == "bool":
        return text == "1"
    return text


def _encode(value: Decimal | str | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def format_value(indicator: IndicatorRow, value: Decimal | str | bool | None) -> str:
    """Vietnamese text of a value: "11.962", "81,6", "820.000.000", "Có"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return S.YES if value else S.NO
    if isinstance(value, str):
        return value
    if indicator.kind in ("count", "money"):
        return format_number(value, 0)
    exponent = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    if indicator.formula or exponent > indicator.decimals:
        return format_number(value, indicator.decimals)
    return format_number(value)


def _stored(session: Session, unit_id: int, period_code: str) -> dict[str, IndicatorValue]:
    query = (select(Indicator.code, IndicatorValue)
             .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
             .where(IndicatorValue.unit_id == unit_id, IndicatorValue.period_code == period_code))
    return {code: value for code, value in session.execute(query)}


def _compute_all(indicators: Sequence[IndicatorRow], raw: Mapping[str, Decimal | str | bool | None]
                 ) -> tuple[dict[str, Decimal | str | bool | None], dict[str, str]]:
    """Typed values plus every computed one (in dependency order), and the reason a computed value is missing."""
    by_code = {i.code: i for i in indicators}
    values: dict[str, Decimal | str | bool | None] = {
        code: value for code, value in raw.items() if code in by_code and not by_code[code].formula
    }
    problems: dict[str, str] = {}
    visiting: set[str] = set()

    def compute(code: str) -> Decimal | None:
        if code in values or code in problems:
            value = values.get(code)
            return value if isinstance(value, Decimal) else None
        indicator = by_code.get(code)
        if indicator is None or not indicator.formula:
            return None
        if code in visiting:
            problems[code] = S.FORMULA_CYCLE.format(code=code)
            return None
        visiting.add(code)
        try:
            parsed = fx.parse(indicator.formula)
            inputs = {c: compute(c) for c in parsed.codes}
            values[code] = fx.round_half_up(fx.evaluate(parsed, inputs), indicator.decimals)
        except fx.FormulaError as exc:
            problems[code] = str(exc)
        finally:
            visiting.discard(code)
        value = values.get(code)
        return value if isinstance(value, Decimal) else None

    for indicator in indicators:
        if indicator.formula:
            compute(indicator.code)
    return values, problems


def period_values(session: Session, period: Period, group_code: str | None = None) -> list[ValueRow]:
    """This office's values of the period (typed and computed), with the previous period's
    value, the target of the period's year and the achievement. Retired indicators are listed
    only when they hold a value in the period."""
    indicators = _all_indicators(session)
    unit_id = session.scalar(select(Unit.id).where(Unit.is_self.is_(True)))
    current_raw: dict[str, Decimal | str | bool | None] = {}
    comments: dict[str, str] = {}
    previous_raw: dict[str, Decimal | str | bool | None] = {}
    by_code = {i.code: i for i in indicators}
    if unit_id is not None:
        for code, stored in _stored(session, unit_id, period.code).items():
            current_raw[code] = _decode(by_code[code].kind, stored.value_text)
            comments[code] = stored.comment
        for code, stored in _stored(session, unit_id, period.previous().code).items():
            previous_raw[code] = _decode(by_code[code].kind, stored.value_text)
    current, problems = _compute_all(indicators, current_raw)
    previous, _ = _compute_all(indicators, previous_raw)
    year = period.year_for_targets
    rows = []
    for indicator in indicators:
        if group_code is not None and indicator.group_code != group_code:
            continue
        value = current.get(indicator.code)
        if indicator.retired and value is None:
            continue
        target = indicator.target_for(year)
        rows.append(ValueRow(
            indicator=indicator, period_code=period.code, value=value, text=format_value(indicator, value),
            computed=indicator.computed, previous=previous.get(indicator.code),
            previous_text=format_value(indicator, previous.get(indicator.code)), target=target,
            achievement=achievement(target, value), comment=comments.get(indicator.code, ""),
            problem=problems.get(indicator.code, ""),
        ))
    return rows


def _parse_entry(indicator: IndicatorRow, text: str) -> Decimal | str | bool | None:
    """One typed value; raises UserError with a Vietnamese message."""
    raw = clean_text(text) if indicator.kind == "text" else clean_line(text)
    if raw == "":
        return None
    if indicator.kind == "text":
        return raw
    if indicator.kind == "bool":
        word = fold(raw)
        if word in S.YES_WORDS or raw.casefold() in S.YES_WORDS:
            return True
        if word in S.NO_WORDS or raw.casefold() in S.NO_WORDS:
            return False
        raise UserError(S.NOT_BOOL.format(name=indicator.name, text=raw))
    try:
        number = parse_number(raw)
    except ParseError as exc:
        raise UserError(f"{indicator.name}: {exc}") from exc
    if indicator.kind == "count" and (number < 0 or number != number.to_integral_value()):
        raise UserError(S.NOT_INTEGER.format(name=indicator.name, text=raw))
    if indicator.kind == "money" and number < 0:
        raise UserError(S.NEGATIVE.format(name=indicator.name, text=raw))
    if indicator.kind == "percent" and not 0 <= number <= 100:
        raise UserError(S.PERCENT_RANGE.format(name=indicator.name, text=raw))
    return number.normalize() if number != number.to_integral_value() else number.quantize(Decimal(1))


def validate_values(session: Session, period: Period, entries: Mapping[str, str]) -> ValidationResult:
    """Check typed values (code -> text typed the Vietnamese way) against the kind of each
    indicator and the catalogue rules, together with the period's other stored values.
    Errors block saving; warnings (a big move from the previous period) must be confirmed."""
    indicators = {i.code: i for i in _all_indicators(session)}
    errors: dict[str, str] = {}
    parsed: dict[str, Decimal | str | bool | None] = {}
    for code, text in entries.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors[code] = S.UNKNOWN_CODE.format(code=code)
            continue
        if indicator.formula:
            if clean_line(text):
                errors[code] = S.COMPUTED.format(name=indicator.name)
            continue
        if indicator.retired:
            errors[code] = S.RETIRED.format(name=indicator.name)
            continue
        try:
            parsed[code] = _parse_entry(indicator, text)
        except UserError as exc:
            errors[code] = str(exc)
    unit_id = session.scalar(select(Unit.id).where(Unit.is_self.is_(True)))
    merged: dict[str, Decimal | str | bool | None] = {}
    previous: dict[str, Decimal | str | bool | None] = {}
    if unit_id is not None:
        for code, stored in _stored(session, unit_id, period.code).items():
            merged[code] = _decode(indicators[code].kind, stored.value_text)
        for code, stored in _stored(session, unit_id, period.previous().code).items():
            previous[code] = _decode(indicators[code].kind, stored.value_text)
    merged.update({code: value for code, value in parsed.items()})
    warnings: dict[str, str] = {}
    for rule in session.scalars(select(IndicatorRule).order_by(IndicatorRule.id)):
        if rule.kind == "jump":
            factor = Decimal(rule.factor) if rule.factor else DEFAULT_JUMP_FACTOR
            for code, value in parsed.items():
                indicator = indicators[code]
                before = previous.get(code)
                if (indicator.kind in ("count", "money") and isinstance(value, Decimal) and isinstance(before, Decimal)
                        and value > 0 and before > 0 and (value > before * factor or before > value * factor)):
                    warnings[code] = S.JUMP.format(
                        name=indicator.name, value=format_value(indicator, value), factor=format_number(factor),
                        previous=format_value(indicator, before))
            continue
        message = _rule_problem(rule, indicators, merged, parsed)
        if message:
            touched = [c for c in [rule.total_code, *rule.part_codes.split()] if c in parsed] or [rule.total_code]
            errors.setdefault(touched[0], message)
    return ValidationResult(errors=errors, warnings=warnings, values=parsed)


def _rule_problem(rule: IndicatorRule, indicators: Mapping[str, IndicatorRow],
                  merged: Mapping[str, Any], parsed: Mapping[str, Any]) -> str:
    parts = rule.part_codes.split()
    involved = [rule.total_code, *parts]
    if not any(code in parsed for code in involved) or any(code not in indicators for code in involved):
        return ""
    total = merged.get(rule.total_code)
    values = [merged.get(code) for code in parts]
    if not isinstance(total, Decimal):
        return ""
    present = [v for v in values if isinstance(v, Decimal)]
    if rule.kind == "sum_eq" and len(present) != len(parts):
        return ""
    if not present:
        return ""
    total_ind = indicators[rule.total_code]
    total_sum = sum(present, Decimal(0))
    names = " + ".join(indicators[c].name for c in parts)
    fill = {"total": total_ind.name, "total_value": format_value(total_ind, total), "parts": names,
            "sum_value": format_value(total_ind, total_sum)}
    if rule.kind == "sum_eq" and total_sum != total:
        return S.SUM_EQ.format(**fill)
    if rule.kind == "sum_le" and total_sum > total:
        return (S.PART_LE if len(parts) == 1 else S.SUM_LE).format(**fill)
    return ""


def save_values(session: Session, period: Period, entries: Mapping[str, str],
                comments: Mapping[str, str] | None = None, confirm_warnings: bool = False) -> Changes:
    """Validate and store the typed values (and comments) of the period, all or nothing.
    A blank value with no comment removes the stored one."""
    comments = dict(comments or {})
    unit_id = _self_unit_id(session)
    if is_closed(session, period):
        raise UserError(S.CLOSED.format(period=period.code))
    result = validate_values(session, period, entries)
    for code in comments:
        if code not in entries and code not in result.errors:
            try:
                row = get_indicator(session, code)
            except NotFound:
                result.errors[code] = S.UNKNOWN_CODE.format(code=code)
                continue
            if row.retired:
                result.errors[code] = S.RETIRED.format(name=row.name)
    if result.errors:
        raise ValidationError({code: message for code, message in result.errors.items()})
    if result.warnings and not confirm_warnings:
        raise WarningsNotConfirmed(result.warnings)
    ids = dict(session.execute(select(Indicator.code, Indicator.id)).all())
    stored = _stored(session, unit_id, period.code)
    user = session.info.get("user", "")
    for code in dict.fromkeys([*result.values, *comments]):
        comment = clean_text(comments.get(code, stored[code].comment if code in stored else ""))
        if code in result.values:
            text = _encode(result.values[code])
        else:
            text = stored[code].value_text if code in stored else ""
        if text == "" and comment == "":
            if code in stored:
                session.delete(stored[code])
            continue
        row = stored.get(code)
        if row is None:
            row = IndicatorValue(indicator_id=ids[code], unit_id=unit_id, period_code=period.code, created_by=user)
            session.add(row)
        row.value_text = text
        row.comment = comment
        row.updated_by = user
    session.flush()
    return Changes.of(INDICATORS)


# ----------------------------------------------------------------------------- closing


def closure_history(session: Session, period: Period) -> list[ClosureRow]:
    unit_id = session.scalar(select(Unit.id).where(Unit.is_self.is_(True)))
    query = (select(PeriodClosure)
             .where(PeriodClosure.unit_id == unit_id, PeriodClosure.period_code == period.code)
             .order_by(PeriodClosure.id))
    return [ClosureRow(c.period_code, c.action, c.note, c.recorded_by, c.recorded_at) for c in session.scalars(query)]


def is_closed(session: Session, period: Period) -> bool:
    history = closure_history(session, period)
    return bool(history) and history[-1].action == "close"


def close_period(session: Session, period: Period, note: str = "") -> Changes:
    """Chốt số liệu: the period's values become read-only until reopened."""
    unit_id = _self_unit_id(session)
    if is_closed(session, period):
        raise UserError(S.ALREADY_CLOSED.format(period=period.code))
    session.add(PeriodClosure(unit_id=unit_id, period_code=period.code, action="close", note=clean_text(note),
                              recorded_by=session.info.get("user", "")))
    session.flush()
    return Changes.of(INDICATORS)


def reopen_period(session: Session, period: Period, note: str) -> Changes:
    """Open a closed period again; the reason is required and kept in the history."""
    unit_id = _self_unit_id(session)
    if not is_closed(session, period):
        raise UserError(S.NOT_CLOSED.format(period=period.code))
    if not clean_text(note):
        raise ValidationError({"note": S.REOPEN_NOTE.format(period=period.code)})
    session.add(PeriodClosure(unit_id=unit_id, period_code=period.code, action="reopen", note=clean_text(note),
                              recorded_by=session.info.get("user", "")))
    session.flush()
    return Changes.of(INDICATORS)


# ------------------------------------------------------------------ progress against targets


def reference(target: TargetRow | None) -> Decimal | None:
    """The number a value is compared with (the lower bound, or the ceiling for "≤")."""
    if target is None or target.comparator == "none":
        return None
    return target.high if target.comparator == "le" else target.low


def share_of_target(row: ValueRow) -> Decimal | None:
    bound = reference(row.target)
    if not isinstance(row.value, Decimal) or not bound:
        return None
    return row.value / bound * 100


def target_gap(row: ValueRow) -> Decimal | None:
    """How far the value is from the target, as a share of the target (0 when met)."""
    bound = reference(row.target)
    if not isinstance(row.value, Decimal) or bound is None or row.achievement != NOT_MET:
        return Decimal(0) if row.achievement == MET else None
    if row.target.comparator == "range" and row.value > row.target.high:
        bound = row.target.high
    distance = abs(bound - row.value)
    return distance / abs(bound) * 100 if bound else distance


def gap_sort(row: ValueRow) -> Decimal:
    """Furthest from target first: unmet by distance, then no data, then met."""
    if row.achievement == NOT_MET:
        value = target_gap(row)
        return value if value is not None else Decimal(0)
    return Decimal(-1) if row.achievement == NO_DATA else Decimal(-2)
