"""Keeps an open form's unsaved content on disk while the user types (desktop.core.drafts),
and offers it back when the same form is opened after the program was cut off."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core import drafts
from desktop.core.vn import format_date
from desktop.paths import DataFolder
from desktop.strings import drafts as D

INTERVAL_MS = 2000
RUN = uuid.uuid4().hex  # this run of the program: its own drafts are work in progress, not a crash


def when_text(draft: drafts.Draft) -> str:
    return f"{draft.saved_at:%H:%M} {format_date(draft.saved_at.date())}"


def left_behind(folder: DataFolder) -> list[drafts.Draft]:
    """Drafts of an earlier run that was cut off (shown once at start-up)."""
    return [d for d in drafts.list_drafts(folder) if d.run != RUN]


class DraftKeeper(QObject):
    """Every INTERVAL_MS: when `dirty()` is true, write `state()` under `key` (if it changed);
    when the form is clean again (saved, or edits undone), remove the draft.

    `state()` returns JSON-compatible data (lists, not tuples, survive the round trip);
    `title()` names the form in words for the offer after a crash."""

    def __init__(self, parent: QWidget, folder: DataFolder, key: str, *, state: Callable[[], Any],
                 dirty: Callable[[], bool], title: Callable[[], str], interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.folder = folder
        self.key = key
        self._state, self._dirty, self._title = state, dirty, title
        self._written: Any = None
        self._stopped = False
        self._asked: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if self._stopped:
            return
        try:
            if self._dirty():
                state = self._state()
                if state != self._written:
                    drafts.save_draft(self.folder, self.key, self._title(), state, run=RUN)
                    self._written = state
            elif self._written is not None:
                self.discard()
        except OSError:
            pass  # a full or read-only disk must not break typing; saving will explain the problem

    def discard(self) -> None:
        drafts.discard_draft(self.folder, self.key)
        self._written = None

    def rename(self, key: str) -> None:
        """The form now shows another record (or a new one got its id): later drafts go under `key`.
        Only a draft this keeper wrote (or took back) is removed: one left by a crash waits to be offered."""
        if self._written is not None:
            self.discard()
        self.key = key

    def stop(self) -> None:
        """The form closed: no more drafts (after a deliberate "Không lưu" none must come back)."""
        self._stopped = True
        self.timer.stop()

    def offer(self, parent: QWidget, apply: Callable[[Any], None]) -> drafts.Draft | None:
        """Ask whether to restore the draft left under this key; apply it if the user agrees.
        Returns the restored draft (None when there was none or it was declined and removed)."""
        if self._stopped or self.key in self._asked:  # a form reloads often: ask once per record
            return None
        draft = drafts.load_draft(self.folder, self.key)
        if draft is None or draft.run == RUN:
            return None
        self._asked.add(self.key)
        box = QMessageBox(QMessageBox.Icon.Question, D.RESTORE_TITLE,
                          D.RESTORE_QUESTION.format(title=draft.title, when=when_text(draft)), parent=parent)
        restore = box.addButton(D.RESTORE, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(D.DISCARD, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            self.discard()
            return None
        try:
            apply(draft.state)
        except (TypeError, ValueError, KeyError, IndexError):
            self.discard()  # a draft from another version of the form: never half-applied silently
            return None
        self._written = draft.state
        return draft
