"""QApplication bootstrap; the only module that builds the main window.

Start-up order matters on an old PC: Qt and the empty shell first, shown and painted; then
(right after that first paint, `after_first_paint`) the log, SQLAlchemy, the integrity check, the
migration check and the database.

- `--exit-after-start` quits with status 0 right after the main window is first painted (the
  start-up budget, measured by tests/bench/bench_startup.py); `--exit-after-overview` once the
  database is open and the first screen (overview figures, or the first-run page) is painted;
  `--exit-after-idle` once the start-up work after that is done too (log, daily backup, the
  drafts notice): the memory budget of the first screen is measured there.
- The first screen reads over plain sqlite3 (desktop.core.sql); SQLAlchemy loads when another
  area first needs it.
- A `.nq57` exchange file given as an argument (a double-click in Explorer: the installer registers
  `SoTheoDoiNQ57.exe "%1"`) opens «Trao đổi dữ liệu» › «Nhận gói dữ liệu» with it, once the office is
  set up (kept in `AppContext.startup_files` until then).

- One program per data folder (desktop.instance): a second copy started on the same folder asks
  the first to come forward and exits with EXIT_ALREADY_RUNNING before building any window.
- Before the database is opened for writing, `PRAGMA quick_check` runs on it read-only; a damaged
  file is never opened by SQLAlchemy: the user is offered the newest good backup instead.
- Every uncaught exception is logged (logs/nq57.log) and explained in Vietnamese (desktop.ui.crash,
  imported only when first needed).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence

from desktop import APP_ID, __version__
from desktop.paths import DataFolder, resolve_data_dir

_log = logging.getLogger("desktop.app")
PACKAGE_SUFFIX = ".nq57"  # desktop.core.nq57file.EXTENSION, without importing it at start-up


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="SoTheoDoiNQ57", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--exit-after-start", action="store_true")
    parser.add_argument("--exit-after-overview", action="store_true")
    parser.add_argument("--exit-after-idle", action="store_true")
    args, unknown = parser.parse_known_args(list(argv))
    args.files = [arg for arg in unknown if arg.lower().endswith(PACKAGE_SUFFIX) and not arg.startswith("-")]
    return args


def after_first_paint(widget, callback, fallback_ms: int = 2000):
    """Call `callback` once, on the event-loop turn after `widget`'s first paint (the whole window
    is painted and flushed by then), or after `fallback_ms` if it is never painted (started
    minimised). Returns the watcher (a child of the widget)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.done:
                QTimer.singleShot(0, self.fire)
            return False

        def fire(self) -> None:
            if self.done:
                return
            self.done = True
            widget.removeEventFilter(self)
            callback()

    watcher = FirstPaint(widget)
    widget.installEventFilter(watcher)
    QTimer.singleShot(fallback_ms, watcher.fire)
    return watcher


def open_startup_files(ctx, window) -> None:
    """Hand the `.nq57` files given on the command line to «Nhận gói dữ liệu» (office set up)."""
    files = getattr(ctx, "startup_files", None)
    if not files or ctx.db is None:
        return
    from desktop.core import office

    if ctx.read(office.get_office) is None:
        return  # the first-run page is showing: the files wait in ctx.startup_files
    ctx.startup_files = []
    screen = window.open_area("exchange")
    if screen is not None and hasattr(screen, "open_files"):
        screen.open_files(files)


class LazyCrashHandler:
    """sys.excepthook / threading.excepthook that import desktop.ui.crash on the first error (or
    when `handler()` is called after start-up), so the error dialog costs nothing at start."""

    def __init__(self, folder: DataFolder) -> None:
        self.folder = folder
        self.window = None
        self._handler = None

    def handler(self):
        if self._handler is None:
            from PySide6.QtCore import QCoreApplication

            from desktop.ui.crash import CrashHandler

            handler = CrashHandler(self.folder, lambda: self.window)
            app = QCoreApplication.instance()
            if app is not None and handler.thread() is not app.thread():
                handler.moveToThread(app.thread())  # created by a failing worker thread
            handler.install()
            self._handler = handler
        return self._handler

    def install(self) -> None:
        sys.excepthook = lambda exc_type, exc, tb: self.handler().handle(exc_type, exc, tb)
        threading.excepthook = lambda args: self.handler().handle_thread(args)


def raise_window(window) -> None:
    """Bring the window (and a dialog open over it) to the front: a second copy asked for it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    if window.isMinimized():
        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()


def database_is_sound(folder: DataFolder, parent=None) -> bool:
    """Quick integrity check of the data file, read-only, before anything opens it for writing.
    When damaged, the user restores the newest good backup (True) or quits (False)."""
    if not folder.database.exists():
        return True
    from desktop.core.backups import quick_check

    problems = quick_check(folder.database)
    if not problems:
        return True
    from desktop.logs import setup_logging

    setup_logging(folder.logs)
    _log.error("the data file %s is damaged: %s", folder.database, "; ".join(problems[:5]))
    from desktop.ui.maintenance import DamagedDatabaseDialog

    dialog = DamagedDatabaseDialog(folder, problems, parent)
    restored = dialog.exec() == DamagedDatabaseDialog.DialogCode.Accepted and dialog.recovery is not None
    if restored:
        _log.info("restored %s; damaged file kept as %s", dialog.recovery.info.path, dialog.recovery.damaged)
    return restored


def _tell(message: str) -> None:
    """One line on stderr when there is one (a windowed build has none)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except (OSError, UnicodeError, ValueError):
        pass


def second_copy(folder: DataFolder, files: Sequence[str] = ()) -> int:
    """Another copy owns the folder: ask it to come forward, or explain; never open the data."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.instance import EXIT_ALREADY_RUNNING, ask_running_copy_to_raise
    from desktop.strings import shell as SH

    if ask_running_copy_to_raise(folder.root, files=tuple(files)):
        _tell(SH.ALREADY_RUNNING_RAISED.format(path=folder.root))
    else:
        box = QMessageBox(QMessageBox.Icon.Information, SH.ALREADY_RUNNING_TITLE,
                          SH.ALREADY_RUNNING.format(path=folder.root))
        box.addButton(SH.CRASH_CLOSE, QMessageBox.ButtonRole.AcceptRole)
        box.exec()
    return EXIT_ALREADY_RUNNING


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_gui_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.instance import InstanceLock
    from desktop.strings import common as S
    from desktop.strings import shell as SH
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(S.APP_NAME)
    app.setOrganizationName(APP_ID)
    if sys.platform == "win32":
        app.setStyle("windowsvista")

    folder = DataFolder(resolve_data_dir(args.data_dir))
    crash = LazyCrashHandler(folder)
    crash.install()

    lock = InstanceLock(folder.root)
    try:
        owner = lock.acquire()
    except OSError as exc:  # the folder cannot be created or written: say why, in Vietnamese
        from desktop.ui.crash import show_failure

        show_failure(None, exc, None)
        return 1
    if not owner:
        return second_copy(folder, args.files)

    ctx = AppContext(folder)
    ctx.startup_files = list(args.files)
    window = MainWindow(ctx)
    crash.window = window
    window.resize(1280, 720)
    window.show()

    timings: dict[str, float] = {}

    def open_database() -> None:
        from desktop.db import DatabaseError
        from desktop.db import open_database as open_db

        try:
            folder.ensure()
            started = time.perf_counter()
            if not database_is_sound(folder, window):
                app.exit(1)
                return
            timings["quick_check"] = (time.perf_counter() - started) * 1000
            ctx.db = open_db(folder, user=_os_user())
        except DatabaseError as exc:
            from desktop.logs import setup_logging

            setup_logging(folder.logs)
            _log.error("cannot open the database: %s", exc)
            QMessageBox.critical(window, SH.OPEN_FAILED_TITLE, SH.OPEN_FAILED.format(path=folder.root, reason=exc))
            app.exit(1)
            return
        except Exception as exc:  # noqa: BLE001 - disk, permission, lock: explained, then quit
            from desktop.ui.crash import show_failure

            show_failure(window, exc, folder)
            app.exit(1)
            return
        ctx.database_opened.emit()
        window.database_ready()
        open_startup_files(ctx, window)
        # The daily automatic backup runs once the first screen is filled, and never stops start-up.
        QTimer.singleShot(1500, after_start)
        if args.exit_after_overview:
            window.repaint()  # the figures are on screen, not only computed
            QTimer.singleShot(0, app.quit)

    def after_start() -> None:
        """Log, second-copy listener, error dialog, daily backup (on the worker thread): after the
        first screen is filled (logging.handlers and QtNetwork cost ~20 ms each to import)."""
        from desktop.logs import setup_logging

        setup_logging(folder.logs)
        _log.info("Sổ theo dõi NQ57 %s started (pid %d), data folder %s, quick_check %.1f ms", __version__,
                  os.getpid(), folder.root, timings.get("quick_check", 0.0))
        def raised(files: list[str]) -> None:
            raise_window(window)
            if files:  # a .nq57 double-clicked while the program runs: into «Nhận gói dữ liệu»
                ctx.startup_files = list(getattr(ctx, "startup_files", []) or []) + files
                open_startup_files(ctx, window)

        lock.listen(raised)
        crash.handler()  # load the error dialog now, not in the middle of a failure
        # The daily backup copies the whole file (seconds for a large one on an old disk): on the
        # worker thread, so the first screen stays usable meanwhile.
        from desktop.core.backups import daily_backup as make_daily_backup
        from desktop.ui import jobs

        def backed_up(made) -> None:
            if made is not None:
                _log.info("daily backup %s", made)
            settled()

        def backup_failed(exc: BaseException) -> None:  # logged; a backup problem must not close the program
            _log.error("daily backup failed", exc_info=exc)
            settled()

        jobs.stop_at_exit()
        jobs.start(window, lambda _ticket: make_daily_backup(folder), backed_up, backup_failed)

    def settled() -> None:
        if args.exit_after_idle:
            QTimer.singleShot(0, app.quit)

    if args.exit_after_start:
        after_first_paint(window, app.quit)
    else:
        after_first_paint(window, open_database)
    try:
        return app.exec()
    finally:
        if ctx.db is not None:
            ctx.db.close()  # the last connection checkpoints the WAL: a clean file on disk
        lock.release()


def _os_user() -> str:
    return os.environ.get("USERNAME") or os.environ.get("USER") or ""


if __name__ == "__main__":
    sys.exit(main())
