"""This office (unit profile), departments, signers and stored settings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.core.changes import DEPARTMENTS, DIRECTIVES, OFFICE, SETTINGS, SIGNERS, Changes
from desktop.core.errors import NotFound, UserError, ValidationError, Validator
from desktop.core.profile import CURRENT_USER, FONT_SCALE, OfficeProfile, get_office, get_setting  # noqa: F401
from desktop.core.vn import clean_line, clean_text, fold, person_sort_key
from desktop.models import Department, Setting, Signer, Task, Unit, task_coordinators
from desktop.strings import common as S
from desktop.strings import office as O

UNIT_KINDS = tuple(S.UNIT_KIND)
AUTHORITIES = tuple(S.AUTHORITY)


# ------------------------------------------------------------------------ office


def suggest_office(short_name: str, kind: str | None = None) -> OfficeProfile:
    """Header lines, place name and kind guessed from the name the user types first.

    "Phường An Hải" -> kind ward, header "ỦY BAN NHÂN DÂN / PHƯỜNG AN HẢI", place "An Hải".
    A name without a known prefix keeps `kind` (default ward) and becomes one header line for a
    city body, or is prefixed with the kind's word otherwise ("An Hải" -> "PHƯỜNG AN HẢI").
    """
    name = clean_line(short_name)
    lowered = name.casefold()
    found_kind, place = None, name
    for key, word in O.KIND_PREFIX.items():
        if lowered.startswith(word.casefold() + " "):  # accents matter: "Xà Phiên" is no "Xã"
            found_kind, place = key, name[len(word):].strip()
            break
    kind = found_kind or kind or "ward"
    if kind == "city_body":
        return OfficeProfile(name_lines=name.upper(), short_name=name, place_name="", kind=kind)
    if found_kind is None and name:
        word = O.KIND_PREFIX[kind]
        name = f"{word} {name}"
    lines = f"{O.DEFAULT_COLLECTIVE}\n{name.upper()}" if name else ""
    return OfficeProfile(name_lines=lines, short_name=name, place_name=place, kind=kind)


def clean_office(profile: OfficeProfile) -> OfficeProfile:
    """NFC, spaces folded, header lines and parent body in upper case (as they print); no checks."""
    lines = [clean_line(line).upper() for line in clean_text(profile.name_lines).split("\n")]
    return replace(
        profile,
        name_lines="\n".join(line for line in lines if line),
        short_name=clean_line(profile.short_name),
        place_name=clean_line(profile.place_name),
        code=clean_line(profile.code),
        parent_body=clean_line(profile.parent_body).upper(),
        superior_name=clean_line(profile.superior_name),
    )


def validate_office(profile: OfficeProfile) -> OfficeProfile:
    """Cleaned profile, or ValidationError naming each field's problem."""
    profile = clean_office(profile)
    check = Validator()
    check.require("name_lines", profile.name_lines, O.FIELD["name_lines"])
    check.require("short_name", profile.short_name, O.FIELD["short_name"])
    check.require("place_name", profile.place_name, O.FIELD["place_name"])
    for name, limit in (("name_lines", 300), ("short_name", 200), ("place_name", 120), ("parent_body", 300),
                        ("superior_name", 300)):
        check.max_length(name, getattr(profile, name), limit, O.FIELD[name])
    if profile.code and not re.fullmatch(r"\d{5}", profile.code):
        check.add("code", O.CODE_FORMAT)
    if profile.kind not in UNIT_KINDS:
        check.add("kind", O.KIND_UNKNOWN.format(value=profile.kind))
    check.raise_if_any()
    return profile


def save_office(session: Session, profile: OfficeProfile) -> Changes:
    profile = validate_office(profile)
    unit = session.scalars(select(Unit).where(Unit.is_self.is_(True))).first()
    if unit is None:
        unit = Unit(is_self=True, created_by=session.info.get("user", ""))
        session.add(unit)
    unit.name_lines = profile.name_lines
    unit.short_name = profile.short_name
    unit.place_name = profile.place_name
    unit.code = profile.code
    unit.parent_body = profile.parent_body
    unit.superior_name = profile.superior_name
    unit.kind = profile.kind
    unit.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(OFFICE)


def is_set_up(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Unit).where(Unit.is_self.is_(True))) > 0


# ------------------------------------------------------------------- departments


@dataclass(frozen=True)
class DepartmentRow:
    id: int | None
    name: str
    abbreviation: str = ""
    active: bool = True
    position: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


def default_departments(kind: str = "ward") -> list[DepartmentRow]:
    """The usual departments of a commune-level office, to prefill the first-run list."""
    level = O.KIND_PREFIX.get(kind, O.KIND_PREFIX["ward"]).lower()
    template = O.DEFAULT_DEPARTMENTS.get(kind, O.DEFAULT_DEPARTMENTS["ward"])
    return [DepartmentRow(None, name.format(level=level), abbreviation) for name, abbreviation in template]


def _department_problems(row: DepartmentRow, others: Sequence[DepartmentRow]) -> tuple[DepartmentRow, dict[str, str]]:
    name, abbreviation = clean_line(row.name), clean_line(row.abbreviation).upper()
    check = Validator()
    check.require("name", name, O.FIELD["name"])
    check.max_length("name", name, 200, O.FIELD["name"])
    check.max_length("abbreviation", abbreviation, 30, O.FIELD["abbreviation"])
    if name and any(fold(d.name) == fold(name) for d in others):
        check.add("name", O.DUPLICATE_DEPARTMENT.format(value=name))
    if abbreviation and any(clean_line(d.abbreviation).upper() == abbreviation for d in others):
        check.add("abbreviation", O.DUPLICATE_ABBREVIATION.format(value=abbreviation))
    return replace(row, name=name, abbreviation=abbreviation), check.problems


def check_department_list(rows: Sequence[DepartmentRow]) -> list[DepartmentRow]:
    """Check a list typed in one go (the first run): blank lines are dropped, every name is
    needed and unique, at least one department. Raises ValidationError under "departments"
    with the line number, so a table can point at it."""
    kept = [row for row in rows if clean_line(row.name) or clean_line(row.abbreviation)]
    if not kept:
        raise ValidationError({"departments": O.NO_DEPARTMENTS})
    cleaned: list[DepartmentRow] = []
    for number, row in enumerate(kept, start=1):
        row, problems = _department_problems(row, cleaned)
        if problems:
            message = next(iter(problems.values()))
            raise ValidationError({"departments": O.ROW_PROBLEM.format(row=number, message=message)})
        cleaned.append(row)
    return cleaned


def list_departments(session: Session, include_inactive: bool = True) -> list[DepartmentRow]:
    query = select(Department).order_by(Department.position, Department.id)
    if not include_inactive:
        query = query.where(Department.active.is_(True))
    return [DepartmentRow(d.id, d.name, d.abbreviation, d.active, d.position) for d in session.scalars(query)]


def save_department(session: Session, row: DepartmentRow) -> tuple[int, Changes]:
    others = [DepartmentRow(d.id, d.name, d.abbreviation)
              for d in session.scalars(select(Department).where(Department.id != (row.id or 0)))]
    row, problems = _department_problems(row, others)
    if problems:
        raise ValidationError(problems)
    name, abbreviation = row.name, row.abbreviation
    user = session.info.get("user", "")
    if row.id is None:
        position = (session.scalar(select(func.max(Department.position))) or 0) + 1
        department = Department(name=name, abbreviation=abbreviation, position=position, active=row.active,
                                created_by=user)
        session.add(department)
    else:
        department = session.get(Department, row.id)
        if department is None:
            raise NotFound(O.NOT_FOUND)
        department.name, department.abbreviation, department.active = name, abbreviation, row.active
    department.updated_by = user
    session.flush()
    return department.id, Changes.of(DEPARTMENTS, SIGNERS)


def delete_department(session: Session, department_id: int) -> Changes:
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(O.NOT_FOUND)
    used = session.scalar(
        select(func.count()).select_from(Task).where(
            or_(Task.lead_department_id == department_id,
                Task.id.in_(select(task_coordinators.c.task_id).where(task_coordinators.c.department_id == department_id)))
        )
    )
    if used:
        raise UserError(O.DEPARTMENT_IN_USE.format(value=department.name, count=used))
    session.delete(department)
    session.flush()
    return Changes.of(DEPARTMENTS)


def set_department_active(session: Session, department_id: int, active: bool) -> Changes:
    """Stop using a department (it stays on old tasks and documents) or use it again."""
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(O.NOT_FOUND)
    department.active = active
    department.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(DEPARTMENTS)


def move_department(session: Session, department_id: int, offset: int) -> Changes:
    rows = session.scalars(select(Department).order_by(Department.position, Department.id)).all()
    index = next((i for i, d in enumerate(rows) if d.id == department_id), None)
    if index is None:
        raise NotFound(O.NOT_FOUND)
    target = max(0, min(len(rows) - 1, index + offset))
    rows.insert(target, rows.pop(index))
    for position, department in enumerate(rows, start=1):
        department.position = position
    session.flush()
    return Changes.of(DEPARTMENTS)


# ------------------------------------------------------------------------ signers


@dataclass(frozen=True)
class SignerRow:
    id: int | None
    full_name: str
    position_title: str  # "PHÓ CHỦ TỊCH"
    authority: str = "tm"
    head_title: str = ""  # "CHỦ TỊCH", for KT./Q./TL./TUQ.
    is_default: bool = False
    active: bool = True

    def block_lines(self, collective: str = "ỦY BAN NHÂN DÂN") -> list[str]:
        """The signature block above the name, ND30 box 7a, e.g.
        TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.

        `collective` is the leadership a "TM." signer acts for (OfficeProfile.collective); an
        empty one (a body led by its head alone) drops the "TM." line. An acting head (Q.)
        signs with the head's title only: TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH.
        """
        on_behalf = [f"TM. {collective}"] if collective else []
        if self.authority == "tm":
            return on_behalf + [self.position_title]
        if self.authority == "kt":
            return on_behalf + [f"KT. {self.head_title}", self.position_title]
        if self.authority == "q":
            return on_behalf + [f"Q. {self.head_title}"]
        if self.authority in ("tl", "tuq"):
            return [f"{S.AUTHORITY[self.authority]} {self.head_title}", self.position_title]
        return [self.position_title]

    @property
    def authority_label(self) -> str:
        return S.AUTHORITY.get(self.authority, self.authority)


def list_signers(session: Session, include_inactive: bool = True) -> list[SignerRow]:
    query = select(Signer)
    if not include_inactive:
        query = query.where(Signer.active.is_(True))
    rows = [SignerRow(s.id, s.full_name, s.position_title, s.authority, s.head_title, s.is_default, s.active)
            for s in session.scalars(query)]
    return sorted(rows, key=lambda r: (not r.is_default, person_sort_key(r.full_name)))


def _clean_signer(row: SignerRow) -> SignerRow:
    return replace(
        row,
        full_name=clean_line(row.full_name),
        position_title=clean_line(row.position_title).upper(),
        head_title=clean_line(row.head_title).upper(),
    )


def signature_preview(row: SignerRow, collective: str = O.DEFAULT_COLLECTIVE) -> tuple[list[str], str]:
    """The block lines and the name as they will print, for a form still being typed (no checks)."""
    row = _clean_signer(row)
    return [line for line in row.block_lines(collective) if line.strip()], row.full_name


def validate_signer(row: SignerRow) -> SignerRow:
    """Cleaned row (titles upper case, NFC) or ValidationError; needs no database."""
    row = _clean_signer(row)
    check = Validator()
    check.require("full_name", row.full_name, O.FIELD["full_name"])
    check.require("position_title", row.position_title, O.FIELD["position_title"])
    check.max_length("full_name", row.full_name, 120, O.FIELD["full_name"])
    check.max_length("position_title", row.position_title, 120, O.FIELD["position_title"])
    if row.authority not in AUTHORITIES:
        check.add("authority", O.AUTHORITY_UNKNOWN.format(value=row.authority))
    if row.authority in ("kt", "q", "tl", "tuq") and not row.head_title:
        check.add("head_title", O.HEAD_TITLE_NEEDED)
    check.max_length("head_title", row.head_title, 120, O.FIELD["head_title"])
    check.raise_if_any()
    return row


def save_signer(session: Session, row: SignerRow) -> tuple[int, Changes]:
    row = validate_signer(row)
    user = session.info.get("user", "")
    if row.id is None:
        signer = Signer(created_by=user)
        session.add(signer)
    else:
        signer = session.get(Signer, row.id)
        if signer is None:
            raise NotFound(O.NOT_FOUND)
    signer.full_name, signer.position_title = row.full_name, row.position_title
    signer.authority, signer.head_title = row.authority, row.head_title
    signer.is_default, signer.active, signer.updated_by = row.is_default, row.active, user
    session.flush()
    if row.is_default:
        for other in session.scalars(select(Signer).where(Signer.id != signer.id, Signer.is_default.is_(True))):
            other.is_default = False
    return signer.id, Changes.of(SIGNERS)


def set_default_signer(session: Session, signer_id: int) -> Changes:
    """The signer proposed first on new documents; only one is the default."""
    signer = session.get(Signer, signer_id)
    if signer is None:
        raise NotFound(O.NOT_FOUND)
    for other in session.scalars(select(Signer).where(Signer.is_default.is_(True))):
        other.is_default = False
    signer.is_default = True
    signer.active = True
    session.flush()
    return Changes.of(SIGNERS)


def delete_signer(session: Session, signer_id: int) -> Changes:
    signer = session.get(Signer, signer_id)
    if signer is None:
        raise NotFound(O.NOT_FOUND)
    session.delete(signer)
    session.flush()
    return Changes.of(SIGNERS)


# ------------------------------------------------------------------------ first run


def set_up_office(session: Session, profile: OfficeProfile, departments: Sequence[DepartmentRow],
                  signers: Sequence[SignerRow] = (), reference: Path | None = None) -> Changes:
    """The first run in one unit of work: the office, its departments, its signers and the
    built-in directive list. Every problem found is reported at once (ValidationError with
    the office's field names plus "departments" and "signers"); the caller's unit of work
    rolls back, so nothing is saved unless everything is."""
    from desktop.core import directives  # the directive registry imports nothing from here

    if is_set_up(session):
        raise UserError(O.ALREADY_SET_UP)
    problems: dict[str, str] = {}
    try:
        profile = validate_office(profile)
    except ValidationError as exc:
        problems.update(exc.problems)
    try:
        departments = check_department_list(departments)
    except ValidationError as exc:
        problems.update(exc.problems)
    checked: list[SignerRow] = []
    for number, row in enumerate(signers, start=1):
        try:
            checked.append(validate_signer(row))
        except ValidationError as exc:
            message = next(iter(exc.problems.values()))
            problems.setdefault("signers", O.ROW_PROBLEM.format(row=number, message=message))
    if problems:
        raise ValidationError(problems)
    if checked and not any(row.is_default for row in checked):
        checked[0] = replace(checked[0], is_default=True)
    elif sum(row.is_default for row in checked) > 1:
        first = next(i for i, row in enumerate(checked) if row.is_default)
        checked = [replace(row, is_default=i == first) for i, row in enumerate(checked)]

    changes = save_office(session, profile)
    for row in departments:
        changes = changes | save_department(session, replace(row, id=None, active=True))[1]
    for row in checked:
        changes = changes | save_signer(session, replace(row, id=None))[1]
    directives.seed_reference(session, reference)
    return changes | Changes.of(DIRECTIVES)


# ------------------------------------------------------------------------ settings


def set_setting(session: Session, key: str, value: str) -> Changes:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    session.flush()
    return Changes.of(SETTINGS)
