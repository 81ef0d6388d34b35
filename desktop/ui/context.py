"""What every screen receives: the open database, the data folder, and one change signal.

No global application object: app.py builds one AppContext and passes it to each window.
`write()` is the thin action wrapper (Anki's CollectionOp): one unit of work per user action,
one `data_changed` emission, Vietnamese messages for refused input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.changes import Changes
from desktop.core.errors import UserError, ValidationError
from desktop.strings import common as S

R = TypeVar("R")


def _changes_in(result: Any) -> Changes | None:
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple):
        found = [item for item in result if isinstance(item, Changes)]
        if found:
            merged = Changes()
            for item in found:
                merged = merged | item
            return merged
    return None


class AppContext(QObject):
    data_changed = Signal(object)  # Changes
    database_opened = Signal()

    def __init__(self, folder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.db = None  # desktop.db.Database, set once opened after the first paint

    # -- reads -------------------------------------------------------------------------
    def read(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """`fn(session, ...)` in a read-only unit of work; a `@plain_read` function
        (desktop.core.sql) gets the plain sqlite3 connection instead, so SQLAlchemy is not loaded
        for it (the first screen)."""
        if getattr(fn, "plain_read", False):
            with self.db.plain() as connection:
                return fn(connection, *args, **kwargs)
        with self.db.read() as session:
            return fn(session, *args, **kwargs)

    # -- writes ------------------------------------------------------------------------
    def write(self, parent: QWidget | None, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
        """Run `fn(session, ...)` in one unit of work. On a UserError the user sees the
        Vietnamese message and None is returned (nothing was changed). ValidationError is
        re-raised so forms can mark their fields."""
        try:
            with self.db.unit_of_work() as session:
                result = fn(session, *args, **kwargs)
        except ValidationError:
            raise
        except UserError as exc:
            QMessageBox.warning(parent, S.ERROR_TITLE, str(exc))
            return None
        changes = _changes_in(result)
        if changes is not None and changes.kinds:
            self.data_changed.emit(changes)
        return result

    def notify(self, changes: Changes) -> None:
        if changes.kinds:
            self.data_changed.emit(changes)
