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
"""

from __future__ import annotations

import gc
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

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
        from shiboken6 import isValid

        return isValid(self.owner)


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
