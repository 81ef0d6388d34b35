"""Plan service (kế hoạch): list and read plans, save the header and basis directives, edit the
section tree, and keep the assignment appendix (the plan's tasks, in order).

Section numbers are never typed: they are rendered from the tree by `render_label`, a pure
function. Each section has a numbering style; its counter is its index among the siblings that
share that style, so an unnumbered paragraph between `1.` and the next item does not break the
count, and `B.` follows `A.` even with a `none` section between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from desktop.core import status as st
from desktop.core import tasks as task_service
from desktop.core.changes import PLANS, TASKS, Changes
from desktop.core.directives import DirectiveRow
from desktop.core.errors import NotFound, UserError, Validator
from desktop.core.vn import clean_line, clean_text, format_date, matches
from desktop.models import Directive, Plan, PlanSection, Task, plan_basis
from desktop.strings import common as S
from desktop.strings import plans as P

SUMMARY_LIMIT = 2000
TEXT_LIMIT = 50000
HEADING_LIMIT = 2000
NUMBER_LIMIT = 80

PLAN_STATUSES = ("draft", "issued")

# ------------------------------------------------------------------------ numbering
# Re-exported: the plan editor and older callers use these names from here.
from desktop.core.numbering import (  # noqa: E402,F401
    ARABIC,
    DASH,
    DECIMAL,
    DEFAULT_CHILD_STYLE,
    LOWER_LETTER,
    NONE,
    NUMBERING_STYLES,
    PART,
    PLUS,
    ROMAN,
    UPPER_LETTER,
    VIETNAMESE_LETTERS,
    number_tree,
    render_label,
    to_roman,
    vietnamese_letter,
)

# ------------------------------------------------------------------------ read side


@dataclass(frozen=True)
class PlanRow:
    id: int
    number_symbol: str
    issued_on: date | None
    summary: str
    status: str
    year: int | None
    tasks_done: int
    tasks_total: int

    @property
    def label(self) -> str:
        return self.number_symbol or P.NO_NUMBER

    @property
    def status_label(self) -> str:
        return S.PLAN_STATUS.get(self.status, self.status)

    @property
    def progress_text(self) -> str:
        return f"{self.tasks_done}/{self.tasks_total}"


@dataclass(frozen=True)
class PlanHeader:
    """The plan's own fields, as the editor submits them."""

    summary: str
    number_symbol: str = ""
    issued_on: date | None = None
    status: str = "draft"
    year: int | None = None
    purpose: str = ""
    requirements: str = ""


@dataclass(frozen=True)
class SectionInput:
    """A section form. `numbering=None` keeps the current style (or picks one for a new section)."""

    heading: str = ""
    body: str = ""
    numbering: str | None = None


@dataclass(frozen=True)
class SectionNode:
    id: int
    parent_id: int | None
    numbering: str
    heading: str
    body: str
    label: str  # rendered: "1.2.", "a)", "-", ""
    depth: int  # 0 for the top level
    index: int  # 0-based among all siblings
    sibling_count: int
    task_count: int  # tasks directly in this section
    children: tuple["SectionNode", ...] = ()

    @property
    def title(self) -> str:
        """"1.2. Tăng cường công tác…" — the label and the heading's first line."""
        heading = self.heading or P.UNTITLED_SECTION
        return f"{self.label} {heading}" if self.label else heading

    @property
    def can_move_up(self) -> bool:
        return self.index > 0

    @property
    def can_move_down(self) -> bool:
        return self.index < self.sibling_count - 1

    @property
    def can_indent(self) -> bool:
        return self.index > 0

    @property
    def can_outdent(self) -> bool:
        return self.parent_id is not None


@dataclass(frozen=True)
class AppendixRow:
    """One line of the assignment appendix (phụ lục phân công nhiệm vụ)."""

    id: int
    stt: int
    title: str
    section_id: int | None
    section_label: str  # "1.2." or ""
    lead: str  # department name, or the lead written in words
    lead_short: str
    coordinators: str
    expected_output: str
    deadline_text: str
    status: str  # derived on the reference date


@dataclass(frozen=True)
class PlanDetail:
    id: int
    uid: str
    header: PlanHeader
    basis: tuple[DirectiveRow, ...]
    sections: tuple[SectionNode, ...]  # top level, each with its children
    appendix: tuple[AppendixRow, ...]

    @property
    def basis_ids(self) -> tuple[int, ...]:
        return tuple(d.id for d in self.basis if d.id is not None)

    def flat_sections(self) -> list[SectionNode]:
        """Every section in reading order (depth first)."""
        out: list[SectionNode] = []
        stack = list(reversed(self.sections))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    def section(self, section_id: int | None) -> SectionNode | None:
        return next((s for s in self.flat_sections() if s.id == section_id), None)

    def tasks_in(self, section_id: int | None) -> tuple[AppendixRow, ...]:
        return tuple(r for r in self.appendix if r.section_id == section_id)


def _directive_row(d: Directive) -> DirectiveRow:
    return DirectiveRow(d.id, d.number_symbol, d.doc_type, d.issued_on, d.issuer, d.summary, d.notes, d.uid)


def list_plans(session: Session, search: str = "", as_of: date | None = None) -> list[PlanRow]:
    """Every plan, undated drafts first, then newest first; with done/total task counts on `as_of`."""
    as_of = as_of or date.today()
    counts: dict[int, list[int]] = {}
    tasks = session.scalars(select(Task).where(Task.plan_id.is_not(None)).options(selectinload(Task.history)))
    for task in tasks:
        pair = counts.setdefault(task.plan_id, [0, 0])
        pair[1] += 1
        if st.is_done(task_service.derive(task, as_of).status):
            pair[0] += 1
    rows = []
    for plan in session.scalars(select(Plan)):
        if search and not matches(search, plan.number_symbol, plan.summary, str(plan.year or "")):
            continue
        done, total = counts.get(plan.id, (0, 0))
        rows.append(PlanRow(plan.id, plan.number_symbol, plan.issued_on, plan.summary, plan.status, plan.year,
                            done, total))
    # Undated drafts first (they are being written), then the newest issued.
    rows.sort(key=lambda r: (r.issued_on is None, r.issued_on or date.min, r.id), reverse=True)
    return rows


def _load_sections(session: Session, plan_id: int) -> list[PlanSection]:
    return list(session.scalars(
        select(PlanSection).where(PlanSection.plan_id == plan_id).order_by(PlanSection.position, PlanSection.id)
    ))


def _children_map(sections: Iterable[PlanSection]) -> dict[int | None, list[PlanSection]]:
    children: dict[int | None, list[PlanSection]] = {}
    for section in sorted(sections, key=lambda s: (s.position, s.id or 0)):
        children.setdefault(section.parent_id, []).append(section)
    return children


def _labels(children: Mapping[int | None, Sequence[PlanSection]]) -> dict[int, str]:
    styles = {k: [(s.id, s.numbering if s.numbering in NUMBERING_STYLES else NONE) for s in v]
              for k, v in children.items()}
    return number_tree(styles)


def _section_tree(session: Session, plan_id: int, task_counts: Mapping[int, int]) -> tuple[SectionNode, ...]:
    children = _children_map(_load_sections(session, plan_id))
    labels = _labels(children)

    def build(parent_id: int | None, depth: int, seen: frozenset) -> tuple[SectionNode, ...]:
        kids = children.get(parent_id, [])
        nodes = []
        for index, s in enumerate(kids):
            if s.id in seen:
                continue
            nodes.append(SectionNode(
                id=s.id, parent_id=s.parent_id, numbering=s.numbering, heading=s.heading, body=s.body,
                label=labels.get(s.id, ""), depth=depth, index=index, sibling_count=len(kids),
                task_count=task_counts.get(s.id, 0), children=build(s.id, depth + 1, seen | {s.id}),
            ))
        return tuple(nodes)

    return build(None, 0, frozenset())


def _appendix(session: Session, plan_id: int, labels: Mapping[int, str], as_of: date) -> list[AppendixRow]:
    tasks = session.scalars(
        select(Task).where(Task.plan_id == plan_id).order_by(Task.position, Task.id).options(
            selectinload(Task.lead_department), selectinload(Task.coordinators), selectinload(Task.history))
    )
    rows = []
    for stt, task in enumerate(tasks, start=1):
        lead = task.lead_department
        coordinators = ", ".join(d.name for d in task.coordinators)
        if task.coordination_note:
            coordinators = ", ".join(x for x in (coordinators, task.coordination_note) if x)
        rows.append(AppendixRow(
            id=task.id,
            stt=stt,
            title=task.title,
            section_id=task.section_id,
            section_label=labels.get(task.section_id, "") if task.section_id else "",
            lead=lead.name if lead else task.lead_note,
            lead_short=(lead.abbreviation or lead.name) if lead else task.lead_note,
            coordinators=coordinators,
            expected_output=task.expected_output,
            deadline_text=task_service.deadline_text(task.deadline, task.recurrence, task.deadline_note),
            status=task_service.derive(task, as_of).status,
        ))
    return rows


def appendix(session: Session, plan_id: int, as_of: date | None = None) -> list[AppendixRow]:
    """The assignment appendix: the plan's tasks in order, numbered from 1."""
    _plan(session, plan_id)
    labels = _labels(_children_map(_load_sections(session, plan_id)))
    return _appendix(session, plan_id, labels, as_of or date.today())


def group_tasks(detail: PlanDetail) -> list[tuple[SectionNode | None, list[AppendixRow]]]:
    """(group section, its tasks in appendix order) in reading order; None for tasks with no section.

    The groups are the children of the deepest section that contains every task's section (the
    themes "1.", "2." … under "II."), as in the printed appendix; used by the XLSX and the PDF."""
    parents: dict[int, SectionNode] = {s.id: s for s in detail.flat_sections()}
    order = {s.id: index for index, s in enumerate(detail.flat_sections())}

    def path(section_id: int | None) -> list[int]:
        chain, seen = [], set()
        while section_id is not None and section_id in parents and section_id not in seen:
            seen.add(section_id)
            chain.append(section_id)
            section_id = parents[section_id].parent_id
        return list(reversed(chain))

    placed = [r for r in detail.appendix if r.section_id in parents]
    paths = {r.id: path(r.section_id) for r in placed}
    common: list[int] = []
    if paths:
        all_paths = list(paths.values())
        for depth in range(min(len(p) for p in all_paths)):
            ids = {p[depth] for p in all_paths}
            if len(ids) != 1:
                break
            common.append(ids.pop())
        # A task attached to the common section itself stays with it: do not go that deep.
        if any(len(p) == len(common) for p in all_paths):
            common = common[:-1]
    depth = len(common)
    groups: dict[int, list[AppendixRow]] = {}
    for r in placed:
        groups.setdefault(paths[r.id][depth], []).append(r)
    result: list[tuple[SectionNode | None, list[AppendixRow]]] = [
        (parents[key], rows) for key, rows in sorted(groups.items(), key=lambda kv: order[kv[0]])
    ]
    loose = [r for r in detail.appendix if r.section_id not in parents]
    if loose:
        result.append((None, loose))
    return result


def get_plan(session: Session, plan_id: int, as_of: date | None = None) -> PlanDetail:
    plan = _plan(session, plan_id)
    basis = session.scalars(
        select(Directive).join(plan_basis, plan_basis.c.directive_id == Directive.id)
        .where(plan_basis.c.plan_id == plan_id).order_by(plan_basis.c.position)
    ).all()
    sections_flat = _load_sections(session, plan_id)
    labels = _labels(_children_map(sections_flat))
    rows = _appendix(session, plan_id, labels, as_of or date.today())
    task_counts: dict[int, int] = {}
    for row in rows:
        if row.section_id is not None:
            task_counts[row.section_id] = task_counts.get(row.section_id, 0) + 1
    header = PlanHeader(
        summary=plan.summary, number_symbol=plan.number_symbol, issued_on=plan.issued_on, status=plan.status,
        year=plan.year, purpose=plan.purpose, requirements=plan.requirements,
    )
    return PlanDetail(
        id=plan.id, uid=plan.uid, header=header, basis=tuple(_directive_row(d) for d in basis),
        sections=_section_tree(session, plan_id, task_counts), appendix=tuple(rows),
    )


def plan_task_count(session: Session, plan_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Task).where(Task.plan_id == plan_id)) or 0


# ------------------------------------------------------------------------ plan header

# "70/KH-UBND", "08-KH/ĐU", "02/2025/TT-BGDĐT"; a draft may leave the number out: "/KH-UBND".
_NUMBER_SYMBOL = re.compile(r"^(\d{1,5}[A-Z]?)?(/\d{4})?[/-][A-ZĐ]{1,10}([/-][A-ZĐ0-9]{1,20})+$")


def _clean_header(header: PlanHeader) -> PlanHeader:
    return replace(
        header,
        summary=clean_line(header.summary),
        number_symbol=clean_line(header.number_symbol).replace(" ", "").upper(),
        status=header.status or "draft",
        purpose=clean_text(header.purpose),
        requirements=clean_text(header.requirements),
        year=header.year if header.year is not None else (header.issued_on.year if header.issued_on else None),
    )


def validate_plan(session: Session, header: PlanHeader, plan_id: int | None = None,
                  today: date | None = None) -> PlanHeader:
    """Clean and check the header; raises ValidationError with Vietnamese messages per field."""
    header = _clean_header(header)
    today = today or date.today()
    check = Validator()
    check.require("summary", header.summary, P.FIELD["summary"])
    check.max_length("summary", header.summary, SUMMARY_LIMIT, P.FIELD["summary"])
    check.max_length("number_symbol", header.number_symbol, NUMBER_LIMIT, P.FIELD["number_symbol"])
    check.max_length("purpose", header.purpose, TEXT_LIMIT, P.FIELD["purpose"])
    check.max_length("requirements", header.requirements, TEXT_LIMIT, P.FIELD["requirements"])
    if header.status not in PLAN_STATUSES:
        check.add("status", P.STATUS_UNKNOWN.format(value=header.status))
    match = _NUMBER_SYMBOL.fullmatch(header.number_symbol) if header.number_symbol else None
    if header.number_symbol and match is None:
        check.add("number_symbol", P.NUMBER_SYMBOL_FORMAT.format(value=header.number_symbol))
    if header.issued_on is not None:
        if not (2000 <= header.issued_on.year <= 2100):
            check.add("issued_on", P.DATE_OUT_OF_RANGE.format(value=format_date(header.issued_on)))
        elif header.status == "issued" and header.issued_on > today:
            check.add("issued_on", P.DATE_IN_FUTURE.format(value=format_date(header.issued_on)))
    if header.year is not None and not (2000 <= header.year <= 2100):
        check.add("year", P.YEAR_OUT_OF_RANGE.format(value=header.year))
    if header.status == "issued":
        if match is None or not match.group(1):
            check.add("number_symbol", P.ISSUED_NEEDS_NUMBER)
        if header.issued_on is None:
            check.add("issued_on", P.ISSUED_NEEDS_DATE)
    if match is not None and match.group(1) and "number_symbol" not in check.problems:
        others = session.execute(
            select(Plan.id, Plan.issued_on).where(func.upper(Plan.number_symbol) == header.number_symbol,
                                                  Plan.id != (plan_id or 0))
        ).all()
        year = header.issued_on.year if header.issued_on else None
        # Numbers restart every year: the same number is a clash only within the same year.
        if any((other_date.year if other_date else None) == year for _id, other_date in others):
            check.add("number_symbol", P.DUPLICATE_NUMBER.format(value=header.number_symbol))
    check.raise_if_any()
    return header


def _check_basis(session: Session, directive_ids: Sequence[int]) -> None:
    check = Validator()
    found = dict(session.execute(
        select(Directive.id, Directive.number_symbol).where(Directive.id.in_(list(directive_ids)))
    ).all()) if directive_ids else {}
    if set(directive_ids) - set(found):
        check.add("basis", P.BASIS_NOT_FOUND)
    seen: set[int] = set()
    for directive_id in directive_ids:
        if directive_id in seen:
            check.add("basis", P.BASIS_DUPLICATE.format(value=found.get(directive_id, "")))
        seen.add(directive_id)
    check.raise_if_any()


def _plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(P.PLAN_NOT_FOUND)
    return plan


def save_plan(
    session: Session,
    plan_id: int | None,
    header: PlanHeader,
    basis_ids: Sequence[int] | None = None,
    section_edits: Sequence[tuple[int, SectionInput]] = (),
) -> tuple[int, Changes]:
    """Create (plan_id None) or update a plan's header; optionally set its basis directives
    and apply pending section forms — everything the editor's «Lưu» saves, in one go."""
    header = validate_plan(session, header, plan_id)
    if basis_ids is not None:
        _check_basis(session, basis_ids)
    user = session.info.get("user", "")
    if plan_id is None:
        plan = Plan(summary=header.summary, created_by=user)
        session.add(plan)
    else:
        plan = _plan(session, plan_id)
    plan.summary = header.summary
    plan.number_symbol = header.number_symbol
    plan.issued_on = header.issued_on
    plan.status = header.status
    plan.year = header.year
    plan.purpose = header.purpose
    plan.requirements = header.requirements
    plan.updated_by = user
    session.flush()
    if basis_ids is not None:
        _write_basis(session, plan, basis_ids)
    for section_id, data in section_edits:
        section = _section(session, section_id)
        if section.plan_id != plan.id:
            raise UserError(P.SECTION_OTHER_PLAN)
        _apply_section(session, section, data)
    session.flush()
    return plan.id, Changes.of(PLANS)


def _write_basis(session: Session, plan: Plan, directive_ids: Sequence[int]) -> None:
    from desktop.core import audit

    old = ", ".join(d.number_symbol for d in plan.basis)
    numbers = dict(session.execute(select(Directive.id, Directive.number_symbol)
                                   .where(Directive.id.in_(list(directive_ids)))).all()) if directive_ids else {}
    new = ", ".join(numbers.get(d, str(d)) for d in directive_ids)
    session.execute(delete(plan_basis).where(plan_basis.c.plan_id == plan.id))
    if directive_ids:
        session.execute(insert(plan_basis), [
            {"plan_id": plan.id, "directive_id": d, "position": i} for i, d in enumerate(directive_ids)
        ])
    session.expire(plan, ["basis"])
    if old != new:
        audit.record_object(session, plan, {"basis": [old, new]})


def set_basis(session: Session, plan_id: int, directive_ids: Sequence[int]) -> Changes:
    """Replace the plan's basis directives with these, in this order."""
    plan = _plan(session, plan_id)
    directive_ids = list(directive_ids)
    _check_basis(session, directive_ids)
    _write_basis(session, plan, directive_ids)
    session.flush()
    return Changes.of(PLANS)


class PlanHasTasks(UserError):
    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


def delete_plan(session: Session, plan_id: int, detach_tasks: bool = False) -> tuple[int, Changes]:
    """Delete a plan and its sections. Refused while tasks are attached unless `detach_tasks`,
    which keeps the tasks (no plan, no section). Returns how many tasks were detached."""
    plan = _plan(session, plan_id)
    count = plan_task_count(session, plan_id)
    if count and not detach_tasks:
        raise PlanHasTasks(P.PLAN_HAS_TASKS.format(value=plan.number_symbol or plan.summary[:60], count=count), count)
    changes = Changes.of(PLANS)
    if count:
        session.execute(update(Task).where(Task.plan_id == plan_id).values(plan_id=None, section_id=None),
                        execution_options={"synchronize_session": "fetch"})
        changes = changes | Changes.of(TASKS)
    session.execute(delete(plan_basis).where(plan_basis.c.plan_id == plan_id))
    session.execute(delete(PlanSection).where(PlanSection.plan_id == plan_id),
                    execution_options={"synchronize_session": "fetch"})
    session.execute(delete(Plan).where(Plan.id == plan_id), execution_options={"synchronize_session": "fetch"})
    session.flush()
    return count, changes


# ------------------------------------------------------------------------ sections


def _section(session: Session, section_id: int) -> PlanSection:
    section = session.get(PlanSection, section_id)
    if section is None:
        raise NotFound(P.SECTION_NOT_FOUND)
    return section


def _siblings(session: Session, plan_id: int, parent_id: int | None) -> list[PlanSection]:
    query = select(PlanSection).where(PlanSection.plan_id == plan_id)
    query = query.where(PlanSection.parent_id.is_(None) if parent_id is None else PlanSection.parent_id == parent_id)
    return list(session.scalars(query.order_by(PlanSection.position, PlanSection.id)))


def _renumber(siblings: Sequence[PlanSection]) -> None:
    for position, section in enumerate(siblings):
        section.position = position


def _child_style(parent: PlanSection | None, children: Sequence[PlanSection]) -> str:
    """The style a new or re-parented child takes: its new siblings', else the default for the parent."""
    if children:
        return children[-1].numbering
    return DEFAULT_CHILD_STYLE.get(parent.numbering if parent else None, ARABIC)


def _clean_section(data: SectionInput) -> SectionInput:
    return SectionInput(heading=clean_line(data.heading), body=clean_text(data.body), numbering=data.numbering)


def _check_section(data: SectionInput) -> SectionInput:
    data = _clean_section(data)
    check = Validator()
    check.max_length("heading", data.heading, HEADING_LIMIT, P.FIELD["heading"])
    check.max_length("body", data.body, TEXT_LIMIT, P.FIELD["body"])
    if data.numbering is not None and data.numbering not in NUMBERING_STYLES:
        check.add("numbering", P.NUMBERING_UNKNOWN.format(value=data.numbering))
    check.raise_if_any()
    return data


def _apply_section(session: Session, section: PlanSection, data: SectionInput) -> None:
    data = _check_section(data)
    section.heading = data.heading
    section.body = data.body
    if data.numbering is not None:
        section.numbering = data.numbering
    section.updated_by = session.info.get("user", "")


def _new_section(session: Session, plan_id: int, parent_id: int | None, style: str, data: SectionInput) -> PlanSection:
    data = _check_section(data)
    user = session.info.get("user", "")
    section = PlanSection(plan_id=plan_id, parent_id=parent_id, numbering=data.numbering or style,
                          heading=data.heading, body=data.body, created_by=user, updated_by=user)
    session.add(section)
    return section


def add_child_section(
    session: Session, plan_id: int, parent_id: int | None = None, data: SectionInput = SectionInput()
) -> tuple[int, Changes]:
    """A new last child of `parent_id` (a new last top-level section when None)."""
    _plan(session, plan_id)
    parent = None
    if parent_id is not None:
        parent = _section(session, parent_id)
        if parent.plan_id != plan_id:
            raise UserError(P.SECTION_OTHER_PLAN)
    siblings = _siblings(session, plan_id, parent_id)
    section = _new_section(session, plan_id, parent_id, _child_style(parent, siblings), data)
    section.position = len(siblings)
    _renumber(siblings)
    session.flush()
    return section.id, Changes.of(PLANS)


def add_sibling_section(session: Session, section_id: int, data: SectionInput = SectionInput()) -> tuple[int, Changes]:
    """A new section right after `section_id`, at the same level and in the same style."""
    reference = _section(session, section_id)
    siblings = _siblings(session, reference.plan_id, reference.parent_id)
    section = _new_section(session, reference.plan_id, reference.parent_id, reference.numbering, data)
    siblings.insert(siblings.index(reference) + 1, section)
    _renumber(siblings)
    session.flush()
    return section.id, Changes.of(PLANS)


def update_section(session: Session, section_id: int, data: SectionInput) -> Changes:
    section = _section(session, section_id)
    _apply_section(session, section, data)
    session.flush()
    return Changes.of(PLANS)


def move_section(session: Session, section_id: int, offset: int) -> Changes:
    """Move a section among its siblings (-1 up, +1 down); refused at the edges."""
    section = _section(session, section_id)
    siblings = _siblings(session, section.plan_id, section.parent_id)
    index = siblings.index(section)
    target = index + offset
    if target < 0:
        raise UserError(P.ALREADY_FIRST)
    if target >= len(siblings):
        raise UserError(P.ALREADY_LAST)
    siblings.insert(target, siblings.pop(index))
    _renumber(siblings)
    session.flush()
    return Changes.of(PLANS)


def indent_section(session: Session, section_id: int) -> Changes:
    """Make a section the last child of its previous sibling; it takes its new siblings' style."""
    section = _section(session, section_id)
    siblings = _siblings(session, section.plan_id, section.parent_id)
    index = siblings.index(section)
    if index == 0:
        raise UserError(P.CANNOT_INDENT)
    new_parent = siblings[index - 1]
    new_siblings = _siblings(session, section.plan_id, new_parent.id)
    section.numbering = _child_style(new_parent, new_siblings)
    section.parent_id = new_parent.id
    section.position = len(new_siblings)
    siblings.pop(index)
    _renumber(siblings)
    session.flush()
    return Changes.of(PLANS)


def outdent_section(session: Session, section_id: int) -> Changes:
    """Make a section the sibling right after its parent; it takes the parent's style."""
    section = _section(session, section_id)
    if section.parent_id is None:
        raise UserError(P.CANNOT_OUTDENT)
    parent = _section(session, section.parent_id)
    old_siblings = _siblings(session, section.plan_id, section.parent_id)
    old_siblings.remove(section)
    _renumber(old_siblings)
    new_siblings = _siblings(session, section.plan_id, parent.parent_id)
    section.parent_id = parent.parent_id
    section.numbering = parent.numbering
    new_siblings.insert(new_siblings.index(parent) + 1, section)
    _renumber(new_siblings)
    session.flush()
    return Changes.of(PLANS)


def _subtree_ids(session: Session, section: PlanSection) -> list[int]:
    children = _children_map(_load_sections(session, section.plan_id))
    ids, stack = [], [section.id]
    while stack:
        current = stack.pop()
        if current in ids:
            continue
        ids.append(current)
        stack.extend(child.id for child in children.get(current, []))
    return ids


def section_task_count(session: Session, section_id: int) -> int:
    """Tasks in this section and all its subsections."""
    ids = _subtree_ids(session, _section(session, section_id))
    return session.scalar(select(func.count()).select_from(Task).where(Task.section_id.in_(ids))) or 0


class SectionHasTasks(UserError):
    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


def delete_section(session: Session, section_id: int, detach_tasks: bool = False) -> tuple[int, Changes]:
    """Delete a section with its subsections. Refused when tasks are attached unless
    `detach_tasks`: they stay in the plan's appendix with no section. Returns how many."""
    section = _section(session, section_id)
    ids = _subtree_ids(session, section)
    count = session.scalar(select(func.count()).select_from(Task).where(Task.section_id.in_(ids))) or 0
    if count and not detach_tasks:
        raise SectionHasTasks(P.SECTION_HAS_TASKS.format(value=section.heading[:60], count=count), count)
    changes = Changes.of(PLANS)
    if count:
        session.execute(update(Task).where(Task.section_id.in_(ids)).values(section_id=None),
                        execution_options={"synchronize_session": "fetch"})
        changes = changes | Changes.of(TASKS)
    plan_id, parent_id = section.plan_id, section.parent_id
    session.execute(delete(PlanSection).where(PlanSection.id.in_(ids)),
                    execution_options={"synchronize_session": "fetch"})
    _renumber(_siblings(session, plan_id, parent_id))
    session.flush()
    return count, changes


# ------------------------------------------------------------------------ appendix tasks


def save_plan_task(session: Session, plan_id: int, task_id: int | None, data: task_service.TaskInput) -> tuple[int, Changes]:
    """Create or update a task of this plan (through desktop.core.tasks); the section, if any,
    must belong to the plan. A new task goes to the end of the appendix."""
    _plan(session, plan_id)
    if data.section_id is not None:
        section = _section(session, data.section_id)
        if section.plan_id != plan_id:
            raise UserError(P.SECTION_OTHER_PLAN)
    data = replace(data, plan_id=plan_id)
    if task_id is None:
        new_id, changes = task_service.create_task(session, data)
        return new_id, changes | Changes.of(PLANS)
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(P.TASK_OTHER_PLAN)
    if task.plan_id != plan_id:
        raise UserError(P.TASK_OTHER_PLAN)
    if data.position is None:
        data = replace(data, position=task.position)
    changes = task_service.update_task(session, task_id, data)
    return task_id, changes | Changes.of(PLANS)


def _plan_tasks(session: Session, plan_id: int) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.plan_id == plan_id).order_by(Task.position, Task.id)))


def move_task(session: Session, task_id: int, offset: int) -> Changes:
    """Move a task up (-1) or down (+1) in its plan's appendix; positions become 1..n."""
    task = session.get(Task, task_id)
    if task is None or task.plan_id is None:
        raise NotFound(P.TASK_OTHER_PLAN)
    rows = _plan_tasks(session, task.plan_id)
    index = rows.index(task)
    target = index + offset
    if target < 0:
        raise UserError(P.TASK_ALREADY_FIRST)
    if target >= len(rows):
        raise UserError(P.TASK_ALREADY_LAST)
    rows.insert(target, rows.pop(index))
    for position, row in enumerate(rows, start=1):
        row.position = position
    session.flush()
    return Changes.of(TASKS, PLANS)


def detach_task(session: Session, task_id: int) -> Changes:
    """Take a task out of its plan (it stays in the register, with no plan and no section)."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(P.TASK_OTHER_PLAN)
    plan_id = task.plan_id
    task.plan_id = None
    task.section_id = None
    session.flush()
    if plan_id is not None:
        for position, row in enumerate(_plan_tasks(session, plan_id), start=1):
            row.position = position
        session.flush()
    return Changes.of(TASKS, PLANS)


@dataclass(frozen=True)
class SectionChoice:
    """A section as a picker shows it: indented title."""

    id: int
    title: str
    depth: int = 0


def section_choices(detail: PlanDetail) -> list[SectionChoice]:
    """The plan's sections in reading order, for a combo box."""
    return [SectionChoice(s.id, s.title, s.depth) for s in detail.flat_sections()]
