"""Who is working: the office keeps a list of its staff; on a login shared by several people the
program can ask at start-up who is at the keyboard, and the audit trail records that name
(otherwise the Windows login name)."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.core.changes import SETTINGS, Changes
from desktop.core.errors import ValidationError
from desktop.core.profile import get_setting
from desktop.core.sql import plain_read
from desktop.core.vn import clean_line, fold
from desktop.strings import staff as T

if TYPE_CHECKING:  # the first screen reads the staff list without loading SQLAlchemy
    from sqlalchemy.orm import Session

NAMES = "staff.names"  # one name per line
ASK = "staff.ask_at_start"  # "1": ask who is working at every start
NAME_LIMIT = 120
COUNT_LIMIT = 100


def os_login() -> str:
    try:
        return clean_line(getpass.getuser())[:NAME_LIMIT]
    except Exception:  # noqa: BLE001 - no login name at all
        return ""


@plain_read
def list_staff(session: Session) -> list[str]:
    return [line for line in get_setting(session, NAMES).split("\n") if line.strip()]


@plain_read
def asks_at_start(session: Session) -> bool:
    return get_setting(session, ASK) == "1" and bool(list_staff(session))


def clean_names(names: Sequence[str]) -> list[str]:
    """Names tidied (NFC, single spaces), blanks and repeats (ignoring accents and case) dropped;
    ValidationError when a name is too long or there are too many."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = clean_line(raw)
        if not name:
            continue
        if len(name) > NAME_LIMIT:
            raise ValidationError({"names": T.NAME_TOO_LONG.format(name=name[:40], limit=NAME_LIMIT)})
        key = fold(name)
        if key not in seen:
            seen.add(key)
            kept.append(name)
    if len(kept) > COUNT_LIMIT:
        raise ValidationError({"names": T.TOO_MANY.format(limit=COUNT_LIMIT)})
    return kept


def save_staff(session: Session, names: Sequence[str], ask: bool) -> Changes:
    from desktop.core.office import set_setting

    kept = clean_names(names)
    set_setting(session, NAMES, "\n".join(kept))
    set_setting(session, ASK, "1" if ask and kept else "0")
    return Changes.of(SETTINGS)


def working_name(chosen: str) -> str:
    """The name recorded for changes: the chosen staff member, else the Windows login."""
    return clean_line(chosen)[:NAME_LIMIT] or os_login()
