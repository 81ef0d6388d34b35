"""Demo data: a believable ward office, built from the data files in resources/demo/.

Phường An Hải (Hải Phòng) as its November 2025 report on Nghị quyết 57-NQ/TW describes it
(shared/reference/documents): the office, its departments and signers (office.json); the
built-in directive list (resources/reference/directives.json); the 50 tasks of the report,
16 in phase 1 and 34 in phase 2, all done on time (tasks.json); and Kế hoạch số 70/KH-UBND
with its section tree and assignment appendix (plan.json); the indicator catalogues
(resources/catalogues) and a year of indicator figures (indicators.json); and the periodic
report for 01/7/2025-17/11/2025 as a draft (report.json), its figures drawn from the tasks and
indicator values above by data blocks and fields.

Everything goes through the core services (office, directives, tasks), so the demo obeys the
rules data typed by hand obeys. The plan and its sections are written with the ORM models
directly. The phase tasks have fixed dates, so the statistics equal the report's on any
reference date from 17/11/2025 on; a few appendix deadlines are counted from the day the
demo is built ("deadline_offset_days") so that the "due soon" list is never empty, and status
updates dated after that day are left out.

A `DemoVariant` (code and name, `demo --unit-code 31234 --unit-name "Phường Lê Chân"`) builds
the same demo for another office: its header lines, place name and code come from the name, the
texts say its name instead of An Hải's, and task progress and indicator figures are varied
deterministically from the code (the same code always gives the same figures; two codes differ),
keeping the catalogue's rules (parts adding up to their totals), so several demo offices can send
packages to one upper level. Without a variant the demo is exactly An Hải's.

The caller owns the unit of work (the CLI's `demo` command opens one on a fresh database).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.core import directives as directives_core
from desktop.core import indicators as indicators_core
from desktop.core import numbering as numbering_styles
from desktop.core import office as office_core
from desktop.core import periods as periods_core
from desktop.core import tasks as tasks_core
from desktop.core.errors import UserError
from desktop.core.status import RECORDED_STATES
from desktop.core.vn import ParseError, clean_line, clean_text, format_number, parse_number
from desktop.models import (
    Department,
    Directive,
    Indicator,
    IndicatorRule,
    Plan,
    PlanSection,
    Signer,
    Task,
    Unit,
    plan_basis,
)
from desktop.paths import DataFolder, resources_dir
from desktop.strings import demo as M

DEMO_DIR = "demo"
OFFICE_FILE = "office.json"
TASKS_FILE = "tasks.json"
PLAN_FILE = "plan.json"
INDICATORS_FILE = "indicators.json"
REPORT_FILE = "report.json"
FORMATS = {OFFICE_FILE: "nq57-demo-office", TASKS_FILE: "nq57-demo-tasks", PLAN_FILE: "nq57-demo-plan",
           INDICATORS_FILE: "nq57-demo-indicators", REPORT_FILE: "nq57-demo-report"}


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo database holds once built."""

    tasks: int
    plans: int
    directives: int
    departments: int
    signers: int


@dataclass(frozen=True)
class DemoVariant:
    """Another demo office: the 5-digit unit code and the name as the office writes it
    ("Phường Lê Chân", "Xã Tiên Lãng")."""

    code: str
    name: str


def demo_dir() -> Path:
    return resources_dir() / DEMO_DIR


def load_demo_file(name: str, directory: Path | None = None) -> dict[str, Any]:
    """One demo data file, checked to be the expected format."""
    path = (directory or demo_dir()) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(M.BAD_FILE.format(value=name, reason=exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMATS[name]:
        raise UserError(M.BAD_FILE.format(value=name, reason=M.WRONG_FORMAT.format(value=FORMATS[name])))
    return data


def is_empty(session: Session) -> bool:
    """No office profile, department, task or plan yet (directives alone do not count)."""
    for model in (Unit, Department, Task, Plan):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


def build_demo(
    session: Session,
    folder: DataFolder | None = None,
    *,
    today: date | None = None,
    directory: Path | None = None,
    variant: DemoVariant | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo office, directives, tasks and plan.

    `folder` is the data folder being filled (kept for evidence files; the demo cites documents
    only). `today` is the day relative deadlines count from and the latest status date kept
    (default: the real today). Raises UserError on a database that already holds an office or
    tasks, or on a broken data file.
    """
    if not is_empty(session):
        raise UserError(M.NOT_EMPTY)
    if variant is not None:
        variant = _check_variant(variant)
    builder = _Builder(session, today or date.today(), directory, variant)
    builder.build()
    return summarize(session)


def summarize(session: Session) -> DemoSummary:
    def count(model) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return DemoSummary(
        tasks=count(Task), plans=count(Plan), directives=count(Directive),
        departments=count(Department), signers=count(Signer),
    )


# ----------------------------------------------------------------------------- builder


class _Builder:
    """Reads the data files and writes them through the services, in one session."""

    def __init__(self, session: Session, today: date, directory: Path | None,
                 variant: DemoVariant | None = None) -> None:
        self.session = session
        self.today = today
        self.directory = directory
        self.variant = variant
        self.names: list[tuple[str, str]] = []  # (An Hải's wording, the variant's), longest first
        if variant is not None:
            profile = office_core.suggest_office(variant.name)
            lowered = f"{M.KIND_WORD.get(profile.kind, '')} {profile.place_name}".strip()
            self.names = [("PHƯỜNG AN HẢI", profile.short_name.upper()), ("Phường An Hải", profile.short_name),
                          ("phường An Hải", lowered), ("An Hải", profile.place_name)]
        self.user = session.info.get("user", "")
        self.departments: dict[str, int] = {}
        self.directives: dict[str, int] = {}
        self.sections: dict[str, int] = {}
        self.current_file = ""

    # -- entry point

    def build(self) -> None:
        directives_core.seed_reference(self.session)
        self.directives = {
            clean_line(number).upper(): directive_id
            for directive_id, number in self.session.execute(select(Directive.id, Directive.number_symbol))
        }
        indicators_core.seed_catalogues(self.session)
        for name, step in ((OFFICE_FILE, self._office), (TASKS_FILE, self._tasks), (PLAN_FILE, self._plan),
                           (INDICATORS_FILE, self._indicators), (REPORT_FILE, self._report)):
            self.current_file = name
            data = self._renamed(load_demo_file(name, self.directory))
            try:
                step(data)
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                raise UserError(M.BAD_FILE.format(value=name, reason=_reason(exc))) from exc
        self.session.flush()

    # -- another office (a variant)

    def _renamed(self, value: Any) -> Any:
        """The data with An Hải's name replaced by the variant's, in every text."""
        if not self.names:
            return value
        if isinstance(value, str):
            for old, new in self.names:
                value = value.replace(old, new)
            return value
        if isinstance(value, list):
            return [self._renamed(item) for item in value]
        if isinstance(value, dict):
            return {key: self._renamed(item) for key, item in value.items()}
        return value

    def _rng(self, *keys: object) -> random.Random:
        """A generator seeded by the variant's code and `keys`: the same office always gets the same figures."""
        return random.Random("|".join(["nq57-demo", self.variant.code, *map(str, keys)]))

    # -- office, departments, signers

    def _office(self, data: Mapping[str, Any]) -> None:
        office = data["office"]
        if self.variant is not None:
            profile = office_core.suggest_office(self.variant.name)
            office = {**office, "name_lines": profile.name_lines, "short_name": profile.short_name,
                      "place_name": profile.place_name, "code": self.variant.code, "kind": profile.kind}
        office_core.save_office(self.session, office_core.OfficeProfile(
            name_lines=_lines(office["name_lines"]),
            short_name=office["short_name"],
            place_name=office["place_name"],
            code=office.get("code", ""),
            parent_body=office.get("parent_body", ""),
            superior_name=office.get("superior_name", ""),
            kind=office.get("kind", "ward"),
        ))
        for item in data["departments"]:
            department_id, _ = office_core.save_department(
                self.session, office_core.DepartmentRow(None, item["name"], item.get("abbreviation", ""))
            )
            key = clean_line(item.get("abbreviation") or item["name"]).upper()
            self.departments[key] = department_id
        for item in data.get("signers", ()):
            office_core.save_signer(self.session, office_core.SignerRow(
                id=None,
                full_name=item["full_name"],
                position_title=item["position_title"],
                authority=item.get("authority", "tm"),
                head_title=item.get("head_title", ""),
                is_default=bool(item.get("is_default", False)),
            ))

    # -- phase tasks

    def _tasks(self, data: Mapping[str, Any]) -> None:
        notes = data.get("default_notes", {})
        for index, item in enumerate(data["tasks"]):
            self._task(self._varied_task(index, item) if self.variant else item, notes)

    def _varied_task(self, index: int, item: Mapping[str, Any]) -> dict[str, Any]:
        """Another office's progress on the same task: mostly done on time, some late, some still
        in progress (overdue once the deadline passed), a few not started."""
        item = dict(item)
        draw = self._rng("task", index).random()
        if draw < 0.62 or not item.get("done"):
            return item
        if draw < 0.77 and item.get("deadline"):
            late = _day(item["deadline"]) + timedelta(days=3 + int(draw * 1000) % 40)
            item["done"] = late.isoformat()
        elif draw < 0.91:
            item.pop("done", None)
        else:
            item.pop("done", None)
            item.pop("started", None)
        return item

    # -- the plan, its sections and its appendix

    def _plan(self, data: Mapping[str, Any]) -> None:
        header = data["plan"]
        texts = {"purpose": clean_text(_lines(header.get("purpose", ""))),
                 "requirements": clean_text(_lines(header.get("requirements", "")))}
        plan = Plan(
            number_symbol=clean_line(header.get("number_symbol", "")),
            issued_on=_day(header.get("issued_on")),
            summary=clean_text(header["summary"]),
            purpose=texts["purpose"],
            requirements=texts["requirements"],
            status=header.get("status", "draft"),
            year=header.get("year"),
            created_by=self.user,
            updated_by=self.user,
        )
        self.session.add(plan)
        self.session.flush()
        basis = [self._directive(number) for number in header.get("basis", ())]
        if basis:
            self.session.execute(insert(plan_basis), [
                {"plan_id": plan.id, "directive_id": directive_id, "position": position}
                for position, directive_id in enumerate(dict.fromkeys(basis))
            ])
        self._sections(plan.id, None, header.get("sections", ()), texts)
        for position, item in enumerate(data.get("tasks", ()), start=1):
            section_id = self._section(item["section"]) if item.get("section") else None
            self._task(item, data.get("default_notes", {}), plan_id=plan.id, section_id=section_id, position=position)

    def _sections(self, plan_id: int, parent_id: int | None, items: Iterable[Mapping[str, Any]],
                  texts: Mapping[str, str]) -> None:
        for position, item in enumerate(items):
            numbering = item.get("numbering", "arabic")
            if numbering not in numbering_styles.NUMBERING_STYLES:
                raise ValueError(M.UNKNOWN_NUMBERING.format(value=numbering))
            body = texts[item["body_from"]] if "body_from" in item else clean_text(_lines(item.get("body", "")))
            section = PlanSection(
                plan_id=plan_id, parent_id=parent_id, position=position, numbering=numbering,
                heading=clean_text(item.get("heading", "")), body=body,
                created_by=self.user, updated_by=self.user,
            )
            self.session.add(section)
            self.session.flush()
            if item.get("key"):
                if item["key"] in self.sections:
                    raise ValueError(item["key"])
                self.sections[item["key"]] = section.id
            self._sections(plan_id, section.id, item.get("children", ()), texts)

    # -- indicator figures, saved through the same checks as typed ones

    def _indicators(self, data: Mapping[str, Any]) -> None:
        for item in data["periods"]:
            period = periods_core.parse(item["period"])
            values = item.get("values", {})
            if self.variant is not None:
                values = self._varied_values(values)
            indicators_core.save_values(self.session, period, values, item.get("comments", {}))
            if item.get("close"):
                indicators_core.close_period(self.session, period, item["close"])

    def _varied_values(self, values: Mapping[str, str]) -> dict[str, str]:
        """The figures of a bigger or smaller office: counts and amounts scaled by one factor of
        the office and a small one of each indicator (the same in every period, so no period
        jumps), percentages moved a few points; then parts and totals made to add up again."""
        kinds = dict(self.session.execute(select(Indicator.code, Indicator.kind)).all())
        size = Decimal(str(round(0.55 + self._rng("size").random() * 0.9, 3)))
        numbers: dict[str, Decimal] = {}
        out = dict(values)
        for code, text in values.items():
            kind = kinds.get(code)
            try:
                number = parse_number(text)
            except ParseError:
                continue
            if number is None or kind not in ("count", "money", "percent", "number"):
                continue
            rng = self._rng("value", code)
            if kind == "percent":
                moved = number + Decimal(rng.randint(-60, 60)) / 10
                number = min(Decimal(100), max(Decimal(0), moved.quantize(Decimal("0.1"))))
                number = number if number != number.to_integral_value() else number.quantize(Decimal(1))
            elif kind == "number":
                factor = Decimal(str(round(0.85 + rng.random() * 0.3, 3)))
                number = (number * factor).quantize(Decimal("0.01"))
            else:
                factor = size * Decimal(str(round(0.92 + rng.random() * 0.16, 3)))
                step = Decimal(1000) if kind == "money" and number >= 100000 else Decimal(1)
                number = ((number * factor) / step).quantize(Decimal(1)) * step
            numbers[code] = number
        rules = list(self.session.scalars(select(IndicatorRule).order_by(IndicatorRule.id)))
        for _ in range(6):  # parts and totals that feed each other settle in a few rounds
            changed = False
            for rule in rules:
                parts = [c for c in rule.part_codes.split() if c in numbers]
                if rule.total_code not in numbers or not parts:
                    continue
                total = sum((numbers[c] for c in parts), Decimal(0))
                if rule.kind == "sum_eq" and len(parts) == len(rule.part_codes.split()) and total != numbers[
                        rule.total_code]:
                    numbers[rule.total_code] = total
                    changed = True
                elif rule.kind == "sum_le" and total > numbers[rule.total_code]:
                    excess = total - numbers[rule.total_code]
                    for part in reversed(parts):  # take the excess off the last parts first
                        taken = min(excess, numbers[part])
                        numbers[part] -= taken
                        excess -= taken
                    changed = True
            if not changed:
                break
        for code, number in numbers.items():
            out[code] = format_number(number)
        return out

    # -- the periodic report (a draft), through the report service

    def _report(self, data: Mapping[str, Any]) -> None:
        from dataclasses import replace

        from desktop.core import reports as reports_core
        from desktop.core import sections as sections_core

        item = data["report"]
        tree = sections_core.from_json(_joined_content(item["sections"]))
        signer_id = self.session.scalar(select(Signer.id).where(Signer.full_name == clean_line(item["signer"])))
        if signer_id is None:
            raise ValueError(M.UNKNOWN_SIGNER.format(value=item["signer"]))
        document = {name: item[name] for name in ("doc_type", "symbol", "summary", "opening", "closing",
                                                   "recipients", "appendices", "addressees") if name in item}
        report_id, _ = reports_core.create_from_tree(
            self.session, tree, document, item["period"], outline_name=item.get("outline_name", ""),
            signer_id=signer_id, today=self.today,
        )
        header = reports_core.get_report(self.session, report_id, with_problems=False).header()
        reports_core.update_header(self.session, report_id, replace(
            header, year=int(item["year"]), date_month=item.get("month"), date_day=item.get("day"),
            number=item.get("number")))

    # -- one task with its history and evidence

    def _task(self, item: Mapping[str, Any], notes: Mapping[str, str], *, plan_id: int | None = None,
              section_id: int | None = None, position: int | None = None) -> int:
        data = tasks_core.TaskInput(
            title=item["title"],
            details=item.get("details", ""),
            plan_id=plan_id,
            section_id=section_id,
            lead_department_id=self._department(item["lead"]) if item.get("lead") else None,
            lead_note=item.get("lead_note", ""),
            coordinator_ids=tuple(self._department(key) for key in item.get("coordinators", ())),
            coordination_note=item.get("coordination_note", ""),
            expected_output=item.get("expected_output", ""),
            deadline=self._deadline(item),
            recurrence=item.get("recurrence", "none"),
            deadline_note=item.get("deadline_note", ""),
            phase=str(item.get("phase", "")),
            sources=tuple(
                tasks_core.SourceRef(self._directive(source["directive"]), source.get("item", ""))
                for source in item.get("sources", ())
            ),
            position=position,
        )
        task_id, _ = tasks_core.create_task(self.session, data)
        for status, on_date, note in self._history(item, notes):
            if on_date > self.today:
                continue  # not yet happened on the day the demo is built
            tasks_core.record_status(self.session, task_id, status, on_date, note, today=self.today)
        for evidence in item.get("evidence", ()):
            directive_id = self._directive(evidence["directive"]) if evidence.get("directive") else None
            tasks_core.add_evidence_citation(
                self.session, task_id, evidence["citation"], evidence.get("note", ""), directive_id=directive_id
            )
        return task_id

    def _history(self, item: Mapping[str, Any], notes: Mapping[str, str]) -> list[tuple[str, date, str]]:
        """Status updates in date order: an explicit "history" list, or the "started"/"done" shorthand."""
        own_notes = {**notes, **item.get("notes", {})}
        entries: list[tuple[str, date, str]] = []
        if "history" in item:
            for entry in item["history"]:
                status = entry["status"]
                if status not in RECORDED_STATES:
                    raise ValueError(status)
                entries.append((status, self._when(entry, "on"), entry.get("note", own_notes.get(status, ""))))
        else:
            if item.get("started"):
                entries.append(("in_progress", _day(item["started"]), own_notes.get("in_progress", "")))
            if item.get("done"):
                entries.append(("done", _day(item["done"]), own_notes.get("done", "")))
        return sorted(entries, key=lambda e: e[1])

    # -- lookups and dates

    def _deadline(self, item: Mapping[str, Any]) -> date | None:
        if "deadline_offset_days" in item:
            return self.today + timedelta(days=int(item["deadline_offset_days"]))
        return _day(item.get("deadline"))

    def _when(self, entry: Mapping[str, Any], key: str) -> date:
        if "offset_days" in entry:
            return self.today + timedelta(days=int(entry["offset_days"]))
        day = _day(entry[key])
        if day is None:
            raise ValueError(key)
        return day

    def _department(self, key: str) -> int:
        found = self.departments.get(clean_line(key).upper())
        if found is None:
            raise ValueError(M.UNKNOWN_DEPARTMENT.format(value=key))
        return found

    def _directive(self, number_symbol: str) -> int:
        found = self.directives.get(clean_line(number_symbol).replace(" ", "").upper())
        if found is None:
            raise ValueError(M.UNKNOWN_DIRECTIVE.format(value=number_symbol))
        return found

    def _section(self, key: str) -> int:
        found = self.sections.get(key)
        if found is None:
            raise ValueError(M.UNKNOWN_SECTION.format(value=key))
        return found


def _check_variant(variant: DemoVariant) -> DemoVariant:
    code, name = clean_line(variant.code), clean_line(variant.name)
    if not code.isdigit() or len(code) != 5:
        raise UserError(M.BAD_VARIANT_CODE.format(value=variant.code))
    if not name:
        raise UserError(M.BAD_VARIANT_NAME)
    return DemoVariant(code, name)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _lines(value: str | Sequence[str]) -> str:
    """A text given as one string or as a list of lines."""
    return value if isinstance(value, str) else "\n".join(value)


def _joined_content(items: Any) -> Any:
    """A section tree whose "content" may be a list of lines, with each content joined."""
    if not isinstance(items, list):
        return items
    out = []
    for item in items:
        if isinstance(item, dict):
            item = dict(item)
            if "content" in item:
                item["content"] = _lines(item["content"])
            if "children" in item:
                item["children"] = _joined_content(item["children"])
        out.append(item)
    return out


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return M.MISSING_KEY.format(value=exc.args[0] if exc.args else "")
    return str(exc)
