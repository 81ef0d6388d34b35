"""Long work off the GUI thread (STYLE §5): one single-worker pool, so database writes never race,
and a `Job` that carries progress and a cooperative cancel flag back and forth.

The work function runs in the pool's thread and receives a `Ticket`: it calls
`ticket.report(done, total, text)` and checks `ticket.cancelled()`. Its result (or exception)
comes back to the GUI thread through one long-lived `_Bridge` QObject (a queued connection), which
calls the job's callbacks there. Core services take a Database, never a session: each opens its
own unit of work in the worker.

Two rules keep Qt objects on the GUI thread:
- the worker holds nothing that owns a widget: the work function should capture plain values
  (paths, a period, the Database), the Ticket holds an id and an Event, and the callbacks stay in
  the GUI thread's table of running jobs;
- Python's cycle collector is paused while a job runs (and run on the GUI thread when the last one
  ends): otherwise an allocation in the worker may collect a dialog's reference cycle there, and a
  QWidget destroyed outside the GUI thread crashes the program.

`start` is the bare runner (the exchange screens show their own progress). `run_with_progress`
adds what a one-off action needs (backup, export, printing): a window-modal progress dialog that
appears only when the work is still running after `delay_ms`, blocks the window meanwhile (input
to it is dropped before the dialog shows), offers «Hủy» for cooperative cancel, and calls back
once the dialog has closed. A `desktop.core.errors.Cancelled` raised by the work means the user
cancelled: no error box, just `on_cancelled`.
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Cancelled, UserError
from desktop.strings import common as C

_pool: QThreadPool | None = None
_bridge: "_Bridge | None" = None
_running: dict[int, "Job"] = {}
_ids = itertools.count(1)
_gc_paused = False
_exit_hooked = False


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(30_000)
    return _pool


class _Bridge(QObject):
    """Lives in the GUI thread for the whole session; the worker emits, the GUI thread receives."""

    progress = Signal(int, int, int, str)  # job id, done, total, text
    finished = Signal(int, object)  # job id, result
    failed = Signal(int, object)  # job id, exception

    def __init__(self) -> None:
        super().__init__()
        self.progress.connect(self._on_progress)
        self.finished.connect(lambda job_id, result: _finish(job_id, result, failed=False))
        self.failed.connect(lambda job_id, exc: _finish(job_id, exc, failed=True))

    @staticmethod
    def _on_progress(job_id: int, done: int, total: int, text: str) -> None:
        job = _running.get(job_id)
        if job is not None and job.on_progress is not None and job.owner_alive():
            job.on_progress(done, total, text)


def bridge() -> _Bridge:
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()
    return _bridge


@dataclass(frozen=True)
class Ticket:
    """What the worker gets: where to report, and whether to stop."""

    job_id: int
    stop: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int, text: str = "") -> None:
        bridge().progress.emit(self.job_id, done, total, text)

    def cancelled(self) -> bool:
        return self.stop.is_set()


@dataclass
class Job:
    """A running piece of work, as the GUI thread sees it."""

    ticket: Ticket
    owner: QObject
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    on_progress: Callable[[int, int, str], None] | None = None
    done: bool = False

    def cancel(self) -> None:
        self.ticket.stop.set()

    def cancelled(self) -> bool:
        return self.ticket.cancelled()

    def owner_alive(self) -> bool:
        return _alive(self.owner)


def _alive(obj: QObject | None) -> bool:
    from shiboken6 import isValid

    return obj is not None and isValid(obj)


def _finish(job_id: int, value: Any, failed: bool) -> None:
    job = _running.pop(job_id, None)
    if not _running:
        _resume_gc()
    if job is None:
        return
    job.done = True
    if job.owner_alive():
        (job.on_error if failed else job.on_done)(value)


def _pause_gc() -> None:
    global _gc_paused
    if not _gc_paused and gc.isenabled():
        gc.disable()
        _gc_paused = True


def _resume_gc() -> None:
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.enable()


def _runner(work: Callable[[Ticket], Any], ticket: Ticket) -> Callable[[], None]:
    """The callable the pool runs: only the work function and the ticket, nothing of the GUI."""
    signals = bridge()

    def run() -> None:
        try:
            result = work(ticket)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which explains it
            signals.failed.emit(ticket.job_id, exc)
        else:
            signals.finished.emit(ticket.job_id, result)

    return run


def start(owner: QObject, work: Callable[[Ticket], Any], on_done: Callable[[Any], None],
          on_error: Callable[[BaseException], None], on_progress: Callable[[int, int, str], None] | None = None) -> Job:
    """Run `work(ticket)` on the worker thread; `on_done(result)` or `on_error(exc)` on the GUI
    thread, unless `owner` (the widget that asked) was deleted in the meantime."""
    ticket = Ticket(next(_ids))
    job = Job(ticket, owner, on_done, on_error, on_progress)
    bridge()
    _running[ticket.job_id] = job
    _pause_gc()
    pool().start(_runner(work, ticket))
    return job


def running() -> list[Job]:
    return list(_running.values())


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block until the pool is idle (used by tests); results still arrive through the event loop."""
    return pool().waitForDone(timeout_ms)


def stop_at_exit() -> None:
    """Once per application: `shut_down` when the event loop is about to end."""
    global _exit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _exit_hooked:
        app.aboutToQuit.connect(shut_down)
        _exit_hooked = True


def shut_down(timeout_ms: int = 60_000) -> bool:
    """At exit: ask every job to stop at its next check, and wait, so nothing is cut in the middle
    of a package and the database is closed only after the last unit of work."""
    for job in list(_running.values()):
        job.cancel()
    return _pool.waitForDone(timeout_ms) if _pool is not None else True


# ------------------------------------------------------------------------ with a progress dialog

_BLOCKED_INPUT = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.ContextMenu,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class _InputBlocker(QObject):
    """Before the progress dialog shows (the first `delay_ms`), drops the user's input to the
    window the job belongs to — what the window-modal dialog does once it is up."""

    def __init__(self, window: QWidget | None, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window

    def _belongs(self, obj: QObject) -> bool:
        while obj is not None and not isinstance(obj, QWidget):
            obj = obj.parent()  # a QShortcut or QAction: the widget it hangs on
        if obj is None:
            return False
        return self.window is None or (_alive(self.window) and obj.window() is self.window)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Shortcut:  # sent by Qt's shortcut map, never "spontaneous"
            blocked = self._belongs(obj)
        elif kind == QEvent.Type.Close:  # the title bar's ×; code may still close what it likes
            blocked = event.spontaneous() and isinstance(obj, QWidget) and obj.isWindow() and self._belongs(obj)
        else:  # what the user typed or clicked (the platform's events), not events sent by code
            blocked = kind in _BLOCKED_INPUT and event.spontaneous() and self._belongs(obj)
        if blocked:
            event.ignore()
        return blocked


class ProgressDialog(QDialog):
    """Title, what is being done, the last progress line, a bar, and «Hủy» (when the work can stop).
    It is closed by its job, never by the user: «Hủy», Esc and the title bar's × ask to stop."""

    def __init__(self, title: str, label: str, cancellable: bool, on_cancel: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("job_progress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                               else Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        if not cancellable:
            self.setWindowFlag(Qt.WindowType.CustomizeWindowHint, True)
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.cancellable = cancellable
        self._on_cancel = on_cancel
        self._finished = False

        self.label = QLabel(label)
        self.label.setObjectName("job_label")
        self.label.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("job_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setObjectName("job_bar")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(C.CANCEL)
        self.cancel_button.setObjectName("job_cancel")
        self.cancel_button.clicked.connect(self.request_cancel)
        self.cancel_button.setVisible(cancellable)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addSpacing(4)
        layout.addWidget(self.detail)
        layout.addWidget(self.bar)
        if cancellable:
            layout.addSpacing(4)
            layout.addLayout(buttons)
        width = self.fontMetrics().averageCharWidth() * 78
        self.setMinimumWidth(width)
        self.setMaximumWidth(width * 2)

    def set_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(max(0, min(done, total)))
        else:
            self.bar.setRange(0, 0)
        if not self.stopping():
            self.detail.setText(text)

    def stopping(self) -> bool:
        return not self.cancel_button.isEnabled()

    def request_cancel(self) -> None:
        if not self.cancellable or self.stopping():
            return
        self.cancel_button.setEnabled(False)
        self.detail.setText(C.STOPPING)
        self._on_cancel()

    def reject(self) -> None:  # Esc
        self.request_cancel()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._finished:
            super().closeEvent(event)
            return
        event.ignore()
        self.request_cancel()

    def finish(self) -> None:
        self._finished = True
        self.hide()
        self.deleteLater()


def explain_failure(parent: QWidget | None, exc: BaseException, folder=None) -> None:
    """The default `on_error`: a refused action shows its own Vietnamese message; anything else
    (disk full, file in use) goes through desktop.ui.crash, which explains it and logs the details."""
    if isinstance(exc, UserError):
        box = QMessageBox(QMessageBox.Icon.Warning, C.ERROR_TITLE, str(exc), parent=parent)
        box.addButton(C.CLOSE, QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return
    from desktop.ui.crash import show_failure

    show_failure(parent, exc, folder)


class ProgressJob:
    """A `run_with_progress` job, as the GUI thread sees it. `.job` is the underlying Job;
    `.dialog` the progress dialog once shown (None before, and after it closed); `.done` turns
    True once the callbacks have run; then `.result` or `.error` (None when cancelled)."""

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 on_cancelled: Callable[[], None] | None) -> None:
        self.parent = parent
        self.title, self.label, self.cancellable = title, label, cancellable
        self._on_done, self._on_error, self._on_cancelled = on_done, on_error, on_cancelled
        self._owner = QObject()  # the Job's owner: always alive, so the dialog is cleaned up even when
        self.job: Job | None = None  # `parent` is deleted; the user's callbacks are checked against `parent`
        self.dialog: ProgressDialog | None = None
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.last: tuple[int, int, str] = (0, 0, "")
        self._blocker: _InputBlocker | None = None
        self._cursor = False
        self._timer: QTimer | None = None

    # -- state --------------------------------------------------------------------------------
    def cancel(self) -> None:
        if self.dialog is not None and _alive(self.dialog):
            self.dialog.request_cancel()
        elif self.job is not None and self.cancellable:
            self.job.cancel()

    def cancelled(self) -> bool:
        return self.job is not None and self.job.cancelled()

    def _parent_alive(self) -> bool:
        return self.parent is None or _alive(self.parent)

    # -- lifecycle (GUI thread) ----------------------------------------------------------------
    def _start(self, work: Callable[[Ticket], Any], delay_ms: int) -> None:
        window = self.parent.window() if self.parent is not None else None
        self._blocker = _InputBlocker(window, self._owner)
        QApplication.instance().installEventFilter(self._blocker)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._cursor = True
        self.job = start(self._owner, work, self._finished_ok, self._failed, self._progress)
        self._timer = QTimer(self._owner)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._timer.start(max(0, delay_ms))

    def _show_dialog(self) -> None:
        if self.done or self.dialog is not None or self.job is None or self.job.done or not self._parent_alive():
            return
        self.dialog = ProgressDialog(self.title, self.label, self.cancellable, self._cancel_job, self.parent)
        self.dialog.set_progress(*self.last)
        if self.job.cancelled():
            self.dialog.request_cancel()
        self._unblock()
        self.dialog.show()

    def _cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.last = (done, total, text)
        if self.dialog is not None and _alive(self.dialog):
            self.dialog.set_progress(done, total, text)

    def _unblock(self) -> None:
        if self._blocker is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self._blocker)
            self._blocker.deleteLater()
            self._blocker = None
        if self._cursor:
            self._cursor = False
            QApplication.restoreOverrideCursor()

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._unblock()
        dialog, self.dialog = self.dialog, None
        if dialog is not None and _alive(dialog):
            dialog.finish()

    def _finished_ok(self, result: Any) -> None:
        self._close()
        self.result = result
        try:
            if self._parent_alive():
                self._on_done(result)
        finally:
            self.done = True

    def _failed(self, exc: BaseException) -> None:
        self._close()
        try:
            if isinstance(exc, Cancelled):
                self.was_cancelled = True
                if self._parent_alive() and self._on_cancelled is not None:
                    self._on_cancelled()
                return
            self.error = exc
            if not self._parent_alive():
                return
            if self._on_error is not None:
                self._on_error(exc)
            else:
                explain_failure(self.parent, exc)
        finally:
            self.done = True


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Callable[[Ticket], Any],
                      on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None,
                      cancellable: bool = True, delay_ms: int = 400,
                      on_cancelled: Callable[[], None] | None = None) -> ProgressJob:
    """Run `work(ticket)` on the worker thread behind a window-modal progress dialog.

    `work` gets plain values only (no widgets) and calls `ticket.report(done, total, text)` (total 0:
    a busy bar) and `ticket.cancelled()`; it raises `Cancelled` to stop. The dialog (`title`,
    `label`, the last progress text, a bar, «Hủy» when `cancellable`) shows only if the work still
    runs after `delay_ms`; until then the window ignores input. On the GUI thread, after the dialog
    closed: `on_done(result)`, or `on_error(exc)` (default: the message or the failure dialog), or,
    when cancelled, `on_cancelled()`. Nothing is called when `parent` was deleted meanwhile."""
    stop_at_exit()
    progress = ProgressJob(parent, title, label, cancellable, on_done, on_error, on_cancelled)
    progress._start(work, delay_ms)
    return progress
