"""Reads over the plain DB-API (sqlite3) connection, without SQLAlchemy.

The first screen (the overview, the office name in the title, the settings read at start) is filled
from these, so the program shows it without loading SQLAlchemy (about 35 MB and half a second on an
old PC); SQLAlchemy loads when another area first needs it. The same functions serve the ORM code:
they accept either a `sqlite3.Connection` or a SQLAlchemy `Session`, and on a Session they run on
its own connection, inside its transaction (pending changes flushed first), so nothing is written
twice. This module and the modules built on it (desktop.core.profile, desktop.core.task_rows,
desktop.core.stats) never import SQLAlchemy; a test checks it.

A function marked `@plain_read` can be handed to `AppContext.read`, which then gives it a plain
connection (`Database.plain()`) instead of a Session.

Storage formats are SQLAlchemy's for SQLite: dates as 'YYYY-MM-DD', booleans as 0/1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def plain_read(fn: F) -> F:
    """Mark a read that works on a plain sqlite3 connection (see the module's text)."""
    fn.plain_read = True  # type: ignore[attr-defined]
    return fn


def connection_of(source: Any) -> sqlite3.Connection:
    """The sqlite3 connection itself, or the one under a SQLAlchemy Session (inside its
    transaction, after flushing what the session holds, as an ORM query would)."""
    if isinstance(source, sqlite3.Connection):
        return source
    source.flush()
    return source.connection().connection.driver_connection


def to_date(value: str | date | None) -> date | None:
    """A stored date ('2025-03-05'), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])
