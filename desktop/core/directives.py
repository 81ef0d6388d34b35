"""The directive registry (văn bản chỉ đạo): list, search, save, and the built-in reference list."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.changes import DIRECTIVES, Changes
from desktop.core.errors import NotFound, UserError, Validator
from desktop.core.vn import clean_line, clean_text, format_date_short, matches, sort_key
from desktop.models import Directive, Evidence, TaskSource, plan_basis
from desktop.paths import resources_dir
from desktop.strings import common as S
from desktop.strings import directives as D

DOC_TYPES = tuple(S.DIRECTIVE_TYPE)
REFERENCE_FILE = "reference/directives.json"


@dataclass(frozen=True)
class DirectiveRow:
    id: int | None
    number_symbol: str
    doc_type: str = "other"
    issued_on: date | None = None
    issuer: str = ""
    summary: str = ""
    notes: str = ""
    uid: str = ""

    @property
    def citation(self) -> str:
        """"Thông báo số 44-TB/TGV ngày 12/9/2025" as running text cites it."""
        kind = S.DIRECTIVE_TYPE.get(self.doc_type, "Văn bản")
        text = f"{kind} số {self.number_symbol}" if self.doc_type != "other" else f"Văn bản số {self.number_symbol}"
        if self.issued_on:
            text += f" ngày {format_date_short(self.issued_on)}"
        return text

    @property
    def type_label(self) -> str:
        return S.DIRECTIVE_TYPE.get(self.doc_type, S.DIRECTIVE_TYPE["other"])

    @property
    def label(self) -> str:
        return f"{self.number_symbol} ({format_date_short(self.issued_on)})" if self.issued_on else self.number_symbol


def _row(d: Directive) -> DirectiveRow:
    return DirectiveRow(d.id, d.number_symbol, d.doc_type, d.issued_on, d.issuer, d.summary, d.notes, d.uid)


def list_directives(session: Session, search: str = "") -> list[DirectiveRow]:
    """Newest first; `search` is accent-insensitive over number, summary, issuer and type."""
    rows = [_row(d) for d in session.scalars(select(Directive).order_by(Directive.issued_on.desc().nulls_last(), Directive.id))]
    return filter_directives(rows, search)


def filter_directives(rows: Iterable[DirectiveRow], search: str = "") -> list[DirectiveRow]:
    """The rows every word of `search` matches (no database: a screen filters as the user types)."""
    if not clean_line(search):
        return list(rows)
    return [r for r in rows if matches(search, r.number_symbol, r.summary, r.issuer, r.notes, r.type_label)]


def list_issuers(session: Session) -> list[str]:
    """Issuing bodies already typed, in Vietnamese order (for completion in forms)."""
    names = {name for name in session.scalars(select(Directive.issuer).distinct()) if name}
    return sorted(names, key=sort_key)


def get_directive(session: Session, directive_id: int) -> DirectiveRow:
    directive = session.get(Directive, directive_id)
    if directive is None:
        raise NotFound(D.NOT_FOUND)
    return _row(directive)


def find_by_number(session: Session, number_symbol: str) -> DirectiveRow | None:
    wanted = clean_line(number_symbol).upper()
    for directive in session.scalars(select(Directive)):
        if directive.number_symbol.upper() == wanted:
            return _row(directive)
    return None


def validate_directive(session: Session, row: DirectiveRow) -> DirectiveRow:
    row = replace(
        row,
        number_symbol=clean_line(row.number_symbol).replace(" ", ""),
        issuer=clean_line(row.issuer),
        summary=clean_text(row.summary),
        notes=clean_text(row.notes),
    )
    check = Validator()
    check.require("number_symbol", row.number_symbol, D.FIELD["number_symbol"])
    check.max_length("number_symbol", row.number_symbol, 80, D.FIELD["number_symbol"])
    check.max_length("issuer", row.issuer, 200, D.FIELD["issuer"])
    check.max_length("summary", row.summary, 5000, D.FIELD["summary"])
    if row.doc_type not in DOC_TYPES:
        check.add("doc_type", D.TYPE_UNKNOWN.format(value=row.doc_type))
    if row.issued_on and not (1945 <= row.issued_on.year <= 2100):
        check.add("issued_on", D.DATE_RANGE.format(value=row.issued_on.isoformat()))
    same = session.scalars(
        select(Directive).where(func.upper(Directive.number_symbol) == row.number_symbol.upper(), Directive.id != (row.id or 0))
    ).all()
    if any(d.issued_on == row.issued_on for d in same):
        check.add("number_symbol", D.DUPLICATE.format(value=row.number_symbol))
    check.raise_if_any()
    return row


def save_directive(session: Session, row: DirectiveRow) -> tuple[int, Changes]:
    row = validate_directive(session, row)
    user = session.info.get("user", "")
    if row.id is None:
        directive = Directive(created_by=user)
        if row.uid:
            directive.uid = row.uid
        session.add(directive)
    else:
        directive = session.get(Directive, row.id)
        if directive is None:
            raise NotFound(D.NOT_FOUND)
    directive.number_symbol, directive.doc_type, directive.issued_on = row.number_symbol, row.doc_type, row.issued_on
    directive.issuer, directive.summary, directive.notes = row.issuer, row.summary, row.notes
    directive.updated_by = user
    session.flush()
    return directive.id, Changes.of(DIRECTIVES)


def usage_count(session: Session, directive_id: int) -> int:
    tasks = session.scalar(select(func.count()).select_from(TaskSource).where(TaskSource.directive_id == directive_id))
    plans = session.scalar(select(func.count()).select_from(plan_basis).where(plan_basis.c.directive_id == directive_id))
    evidence = session.scalar(select(func.count()).select_from(Evidence).where(Evidence.directive_id == directive_id))
    return (tasks or 0) + (plans or 0) + (evidence or 0)


def delete_directive(session: Session, directive_id: int) -> Changes:
    directive = session.get(Directive, directive_id)
    if directive is None:
        raise NotFound(D.NOT_FOUND)
    used = usage_count(session, directive_id)
    if used:
        raise UserError(D.IN_USE.format(value=directive.number_symbol, count=used))
    session.delete(directive)
    session.flush()
    return Changes.of(DIRECTIVES)


def load_reference(path: Path | None = None) -> list[DirectiveRow]:
    """The built-in list in resources/reference/directives.json."""
    path = path or resources_dir() / REFERENCE_FILE
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["directives"]
        return [
            DirectiveRow(
                id=None,
                uid=item["uid"],
                number_symbol=item["number_symbol"],
                doc_type=item["doc_type"],
                issued_on=date.fromisoformat(item["issued_on"]) if item.get("issued_on") else None,
                issuer=item.get("issuer", ""),
                summary=item.get("summary", ""),
            )
            for item in items
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(D.BAD_REFERENCE_FILE.format(value=path.name, reason=exc)) from exc


def add_reference(session: Session, path: Path | None = None) -> tuple[int, Changes]:
    """Add the built-in directives not already present (matched by uid, or by number and date).
    Returns how many were added; running it again adds nothing."""
    existing = {(d.number_symbol.upper(), d.issued_on) for d in session.scalars(select(Directive))}
    uids = set(session.scalars(select(Directive.uid)))
    added = 0
    for row in load_reference(path):
        key = (clean_line(row.number_symbol).replace(" ", "").upper(), row.issued_on)
        if row.uid in uids or key in existing:
            continue
        save_directive(session, row)
        existing.add(key)
        uids.add(row.uid)
        added += 1
    return added, (Changes.of(DIRECTIVES) if added else Changes())


def seed_reference(session: Session, path: Path | None = None) -> Changes:
    """Add the built-in directives not already present (matched by uid or number and date)."""
    return add_reference(session, path)[1]
