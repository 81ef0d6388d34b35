"""The GUI's global error handler: no raw traceback ever reaches a user.

`CrashHandler.install()` replaces `sys.excepthook` (PySide6 reports exceptions raised in slots and
event handlers through it) and `threading.excepthook`. An exception is written with its traceback
to the rotating log (logs/nq57.log) and shown in an `ErrorDialog`: a Vietnamese title and message
that say what happened and what to do (desktop.core.failures), the technical details only behind
"Chi tiết", and a "Sao chép chi tiết" button. Exceptions from other threads are shown by the GUI
thread. An error raised while the dialog is open is only logged (no loop of dialogs), and the same
error repeated right after the dialog closed is only logged too.

`show_failure(parent, exc)` shows the same dialog for an error a screen caught itself (disk full
while backing up, a file in use, …).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QColor, QDesktopServices, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.failures import Failure, classify
from desktop.logs import current_log, setup_logging
from desktop.strings import shell as SH

REPEAT_QUIET_S = 5.0  # the same error again within this time after its dialog closed: logged only
_log = logging.getLogger("desktop.crash")


def details_text(exc: BaseException, tb: TracebackType | None = None, folder=None, thread: str | None = None) -> str:
    import platform

    header = SH.DETAILS_HEADER.format(
        version=__version__, time=datetime.now().isoformat(sep=" ", timespec="seconds"),
        system=platform.platform(), python=platform.python_version(), qt=qVersion(),
        folder=getattr(folder, "root", "") or "", thread=thread or threading.current_thread().name,
    )
    trace = "".join(traceback.format_exception(type(exc), exc, tb if tb is not None else exc.__traceback__))
    return f"{header}\n{trace}"


class ErrorDialog(QDialog):
    """What happened and what to do; the details (traceback) hidden until asked for."""

    def __init__(self, failure: Failure, details: str, log_file: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setWindowTitle(failure.title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.failure = failure
        self.details = details

        icon = QLabel()
        standard = QStyle.StandardPixmap.SP_MessageBoxWarning if failure.expected \
            else QStyle.StandardPixmap.SP_MessageBoxCritical
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(standard).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = QLabel(f"<b style='font-size:large'>{_escape(failure.title)}</b>")
        self.message_label = QLabel(failure.message)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label = QLabel(SH.CRASH_LOG_AT.format(path=log_file) if log_file else "")
        self.log_label.setWordWrap(True)
        self.log_label.setVisible(log_file is not None)
        palette = self.log_label.palette()  # grey: secondary information (a palette keeps the font scale)
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#5f6368"))
        self.log_label.setPalette(palette)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.hide()

        self.details_view = QPlainTextEdit(details)
        self.details_view.setObjectName("details")
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.details_view.hide()

        self.details_button = QPushButton(SH.CRASH_DETAILS)
        self.details_button.setObjectName("details_button")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.copy_button = QPushButton(SH.CRASH_COPY)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.clicked.connect(self.copy_details)
        self.logs_button = QPushButton(SH.CRASH_OPEN_LOGS)
        self.logs_button.setVisible(log_file is not None)
        self.logs_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent))) if log_file else None
        )
        self.close_button = QPushButton(SH.CRASH_CLOSE)
        self.close_button.setObjectName("close_button")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.message_label)
        text.addWidget(self.log_label)
        text.addWidget(self.note)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.logs_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.close_button.setFocus()

    def _toggle_details(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.details_button.setText(SH.CRASH_HIDE_DETAILS if shown else SH.CRASH_DETAILS)
        self.adjustSize()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.note.setText(SH.CRASH_COPIED)
        self.note.show()


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _log_exception(failure: Failure, exc: BaseException, tb: TracebackType | None, folder) -> Path | None:
    if current_log() is None and folder is not None:
        setup_logging(folder.logs)
    level = logging.WARNING if failure.expected else logging.ERROR
    _log.log(level, "%s: %s", failure.kind, type(exc).__name__,
             exc_info=(type(exc), exc, tb if tb is not None else exc.__traceback__))
    return current_log()


def show_failure(parent: QWidget | None, exc: BaseException, folder=None) -> Failure:
    """Log `exc` and show the Vietnamese explanation (for an error a screen caught itself)."""
    failure = classify(exc)
    log_file = _log_exception(failure, exc, None, folder)
    ErrorDialog(failure, details_text(exc, folder=folder), log_file, parent).exec()
    return failure


class CrashHandler(QObject):
    """Install once per process (desktop.app); `parent_widget()` gives the dialog's parent."""

    _from_other_thread = Signal(object, str)

    def __init__(self, folder=None, parent_widget: Callable[[], QWidget | None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._parent_widget = parent_widget or (lambda: None)
        self._showing = False
        self._closed_at: dict[tuple, float] = {}
        self._previous: tuple | None = None
        self.dialog: ErrorDialog | None = None  # the one on screen, if any
        self.suppressed = 0  # errors only logged (while a dialog was open, or repeated)
        self._from_other_thread.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    # -- hooks ---------------------------------------------------------------------------------
    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """sys.excepthook"""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            details = details_text(exc, tb, self.folder)
            failure = classify(exc)
            _log_exception(failure, exc, tb, self.folder)
        except Exception:  # noqa: BLE001 - the handler itself must never raise
            sys.__excepthook__(exc_type, exc, tb)
            return
        if threading.current_thread() is threading.main_thread():
            self._show(exc, details)
        else:
            self._from_other_thread.emit(exc, details)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: log in the failing thread, show from the GUI thread."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        exc = args.exc_value
        name = args.thread.name if args.thread is not None else None
        try:
            details = details_text(exc, args.exc_traceback, self.folder, name)
            _log_exception(classify(exc), exc, args.exc_traceback, self.folder)
        except Exception:  # noqa: BLE001
            return
        self._from_other_thread.emit(exc, details)

    # -- the dialog ----------------------------------------------------------------------------
    def _show(self, exc: BaseException, details: str) -> None:
        if QApplication.instance() is None:
            sys.__excepthook__(type(exc), exc, exc.__traceback__)
            return
        key = _signature(exc)
        recently = time.monotonic() - self._closed_at.get(key, -REPEAT_QUIET_S) < REPEAT_QUIET_S
        if self._showing or recently:
            self.suppressed += 1
            _log.info("error not shown (a dialog is open or it was just shown): %s", type(exc).__name__)
            return
        self._showing = True
        try:
            self.dialog = ErrorDialog(classify(exc), details, current_log(), self._parent_widget())
            self.dialog.exec()
        except Exception:  # noqa: BLE001 - an error in the dialog must not loop back here
            _log.exception("the error dialog itself failed")
        finally:
            self.dialog = None
            self._showing = False
            self._closed_at[key] = time.monotonic()


def _signature(exc: BaseException) -> tuple:
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    where = (frames[-1].filename, frames[-1].lineno) if frames else ("", 0)
    return type(exc).__name__, *where
