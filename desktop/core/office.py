"""This office (unit profile), departments, signers and stored settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.core.changes import DEPARTMENTS, OFFICE, SETTINGS, SIGNERS, Changes
from desktop.core.errors import NotFound, UserError, Validator
from desktop.core.vn import clean_line, clean_text, fold, person_sort_key
from desktop.models import Department, Setting, Signer, Task, Unit, task_coordinators
from desktop.strings import common as S
from desktop.strings import office as O

UNIT_KINDS = tuple(S.UNIT_KIND)
AUTHORITIES = tuple(S.AUTHORITY)


# ------------------------------------------------------------------------ office


@dataclass(frozen=True)
class OfficeProfile:
    name_lines: str  # one line per header line: "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    short_name: str = ""  # "Phường An Hải"
    place_name: str = ""  # "An Hải"
    code: str = ""
    parent_body: str = ""
    superior_name: str = ""
    kind: str = "ward"
    id: int | None = None

    @property
    def header_lines(self) -> list[str]:
        return [line for line in self.name_lines.split("\n") if line.strip()]

    @property
    def subject(self) -> str:
        """How the unit names itself in running text: "Ủy ban nhân dân phường"."""
        return {
            "ward": "Ủy ban nhân dân phường",
            "commune": "Ủy ban nhân dân xã",
            "special_zone": "Ủy ban nhân dân đặc khu",
        }.get(self.kind, self.short_name or "Đơn vị")


def get_office(session: Session) -> OfficeProfile | None:
    unit = session.scalars(select(Unit).where(Unit.is_self.is_(True))).first()
    if unit is None:
        return None
    return OfficeProfile(
        id=unit.id,
        name_lines=unit.name_lines,
        short_name=unit.short_name,
        place_name=unit.place_name,
        code=unit.code,
        parent_body=unit.parent_body,
        superior_name=unit.superior_name,
        kind=unit.kind,
    )


def validate_office(profile: OfficeProfile) -> OfficeProfile:
    lines = [clean_line(line).upper() for line in clean_text(profile.name_lines).split("\n")]
    profile = replace(
        profile,
        name_lines="\n".join(line for line in lines if line),
        short_name=clean_line(profile.short_name),
        place_name=clean_line(profile.place_name),
        code=clean_line(profile.code),
        parent_body=clean_line(profile.parent_body).upper(),
        superior_name=clean_line(profile.superior_name),
    )
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


def list_departments(session: Session, include_inactive: bool = True) -> list[DepartmentRow]:
    query = select(Department).order_by(Department.position, Department.id)
    if not include_inactive:
        query = query.where(Department.active.is_(True))
    return [DepartmentRow(d.id, d.name, d.abbreviation, d.active, d.position) for d in session.scalars(query)]


def save_department(session: Session, row: DepartmentRow) -> tuple[int, Changes]:
    name, abbreviation = clean_line(row.name), clean_line(row.abbreviation).upper()
    check = Validator()
    check.require("name", name, O.FIELD["name"])
    check.max_length("name", name, 200, O.FIELD["name"])
    check.max_length("abbreviation", abbreviation, 30, O.FIELD["abbreviation"])
    others = session.scalars(select(Department).where(Department.id != (row.id or 0))).all()
    if any(fold(d.name) == fold(name) for d in others):
        check.add("name", O.DUPLICATE_DEPARTMENT.format(value=name))
    if abbreviation and any(d.abbreviation == abbreviation for d in others):
        check.add("abbreviation", O.DUPLICATE_ABBREVIATION.format(value=abbreviation))
    check.raise_if_any()
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
        """The signature block above the name, ND30 box 7a:
        TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."""
        prefix = S.AUTHORITY.get(self.authority, "")
        if self.authority == "tm":
            return [f"TM. {collective}", self.position_title]
        if self.authority == "kt":
            return [f"TM. {collective}", f"KT. {self.head_title}", self.position_title]
        if self.authority in ("q", "tl", "tuq"):
            return [f"{prefix} {self.head_title}", self.position_title]
        return [self.position_title]


def list_signers(session: Session, include_inactive: bool = True) -> list[SignerRow]:
    query = select(Signer)
    if not include_inactive:
        query = query.where(Signer.active.is_(True))
    rows = [SignerRow(s.id, s.full_name, s.position_title, s.authority, s.head_title, s.is_default, s.active)
            for s in session.scalars(query)]
    return sorted(rows, key=lambda r: (not r.is_default, person_sort_key(r.full_name)))


def save_signer(session: Session, row: SignerRow) -> tuple[int, Changes]:
    row = replace(
        row,
        full_name=clean_line(row.full_name),
        position_title=clean_line(row.position_title).upper(),
        head_title=clean_line(row.head_title).upper(),
    )
    check = Validator()
    check.require("full_name", row.full_name, O.FIELD["full_name"])
    check.require("position_title", row.position_title, O.FIELD["position_title"])
    check.max_length("full_name", row.full_name, 120, O.FIELD["full_name"])
    check.max_length("position_title", row.position_title, 120, O.FIELD["position_title"])
    if row.authority not in AUTHORITIES:
        check.add("authority", O.AUTHORITY_UNKNOWN.format(value=row.authority))
    if row.authority in ("kt", "q", "tl", "tuq") and not row.head_title:
        check.add("head_title", O.HEAD_TITLE_NEEDED)
    check.raise_if_any()
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


def delete_signer(session: Session, signer_id: int) -> Changes:
    signer = session.get(Signer, signer_id)
    if signer is None:
        raise NotFound(O.NOT_FOUND)
    session.delete(signer)
    session.flush()
    return Changes.of(SIGNERS)


# ------------------------------------------------------------------------ settings

FONT_SCALE = "ui.font_scale"  # percent: 100, 115, 130, 150
CURRENT_USER = "ui.last_user"


def get_setting(session: Session, key: str, default: str = "") -> str:
    setting = session.get(Setting, key)
    return setting.value if setting else default


def set_setting(session: Session, key: str, value: str) -> Changes:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    session.flush()
    return Changes.of(SETTINGS)
