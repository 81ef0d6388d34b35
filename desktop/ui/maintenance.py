""""Sao lưu và phục hồi": the backups in backups/, backing up now or to a chosen folder (a USB
stick), restoring from a file after a preview, checking the data; and the start-up dialog shown
when the data file is damaged (`DamagedDatabaseDialog`, used by desktop.app).

The work is done by desktop.core.backups, on the worker thread behind a progress dialog
(desktop.ui.jobs.run_with_progress): a backup to a USB stick copies every evidence file and a check
hashes them all, which takes a while on a large office's data. Backing up and checking can be
cancelled (a cancelled backup leaves no file behind); a restore cannot, once it has started.
Restoring closes the open database first (Windows cannot replace an open file), restores in the
worker, reopens it on the GUI thread and tells every screen that all data changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import backups
from desktop.core.backups import BackupEntry, BackupInfo
from desktop.core.changes import ALL, Changes
from desktop.core.errors import UserError
from desktop.core.vn import format_number
from desktop.strings import backups as B
from desktop.strings import common as S
from desktop.strings import shell as SH
from desktop.ui.common import BaseDialog, Column, ColumnTableModel
from desktop.ui.context import AppContext
from desktop.ui.jobs import ProgressJob, Ticket, run_with_progress
from desktop.ui.office import HINT_COLOUR, TitleLabel, hint_label, make_table, select_where, selected_row, tint

COUNT_KEYS = ("plans", "tasks", "reports", "directives", "indicator_values")
ERROR_COLOUR = "#b3261e"


# ------------------------------------------------------------------------ small helpers


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def size_text(size: int) -> str:
    """430 KB, 61,3 MB."""
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)))} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"


def when_text(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else B.UNKNOWN_TIME


def office_text(name: str, code: str) -> str:
    if not name and not code:
        return B.NO_OFFICE
    return f"{name} ({code})" if name and code else name or code


def count_text(value: int | None) -> str:
    return B.NOT_AVAILABLE if value is None else format_number(value)


def info_counts(info: BackupInfo) -> dict[str, int | None]:
    return {"plans": info.plans, "tasks": info.tasks, "reports": info.reports,
            "directives": info.directives, "indicator_values": info.indicator_values}


def _warn(parent: QWidget | None, text: str, title: str = S.ERROR_TITLE) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton(B.CLOSE, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _failed(parent: QWidget | None, exc: Exception, folder=None) -> None:
    """A refused action (UserError: its own message) or a failure of the disk or file
    (desktop.ui.crash explains it in Vietnamese and logs the details)."""
    if isinstance(exc, UserError):
        _warn(parent, str(exc))
        return
    from desktop.ui.crash import show_failure

    show_failure(parent, exc, folder)


# ------------------------------------------------------------------------ the list


class BackupTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        super().__init__([
            Column("created", B.COLUMN["created"], lambda r: when_text(r.created), sort_value=lambda r: r.created),
            Column("kind", B.COLUMN["kind"], lambda r: B.KIND[r.kind]),
            Column("office", B.COLUMN["office"], lambda r: office_text(r.office_name, r.code) if r.readable
                   else B.NOT_AVAILABLE),
            Column("size", B.COLUMN["size"], lambda r: size_text(r.size), align=right, sort_value=lambda r: r.size),
            Column("name", B.COLUMN["name"], lambda r: r.path.name, tooltip=lambda r: str(r.path)),
        ], parent)


class MaintenanceScreen(QWidget):
    """Constructor `(ctx)`, like every screen; `refresh()` re-reads backups/."""

    help_topic = "maintenance"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_result: object = None  # what the last action produced (a Path, a RestoreResult, problems)
        self.job: ProgressJob | None = None  # the action running, if any

        title = TitleLabel(B.SCREEN_TITLE)
        hint = hint_label(B.SCREEN_HINT)

        self.backup_button = QPushButton(B.BACKUP_NOW)
        self.backup_button.setObjectName("backup_now")
        self.backup_to_button = QPushButton(B.BACKUP_TO)
        self.backup_to_button.setObjectName("backup_to")
        self.restore_file_button = QPushButton(B.RESTORE_FROM)
        self.restore_file_button.setObjectName("restore_from_file")
        self.restore_selected_button = QPushButton(B.RESTORE_SELECTED)
        self.restore_selected_button.setObjectName("restore_selected")
        self.check_button = QPushButton(B.CHECK)
        self.check_button.setObjectName("check")
        self.open_folder_button = QPushButton(B.OPEN_FOLDER)
        self.open_folder_button.setObjectName("open_backups")
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_to_button.clicked.connect(self.backup_to_folder)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.check_button.clicked.connect(self.check_data)
        self.open_folder_button.clicked.connect(self.open_backups_folder)

        self.model = BackupTableModel(self)
        self.view = make_table(self.model, "backups_table")
        self.view.setSortingEnabled(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for key in ("created", "kind", "office", "size"):
            header.setSectionResizeMode(self.model.column_index(key), QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column_index("name"), QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda _index: self.restore_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.count_label = QLabel()
        tint(self.count_label, HINT_COLOUR)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        actions = QHBoxLayout()
        for button in (self.backup_button, self.backup_to_button, self.restore_file_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.check_button, self.open_folder_button):
            actions.addWidget(button)
        below = QHBoxLayout()
        below.addWidget(self.count_label, 1)
        below.addWidget(self.restore_selected_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addLayout(below)
        layout.addWidget(self.status)
        self._update_buttons()

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        chosen = selected_row(self.view)
        self.model.set_rows(backups.list_backups(self.ctx.folder))
        folder = self.ctx.folder.backups
        rows = self.model.rowCount()
        self.count_label.setText(B.LIST_COUNT.format(count=format_number(rows), path=folder) if rows
                                 else B.LIST_EMPTY.format(path=folder))
        if chosen is not None:
            select_where(self.view, lambda r: r.path == chosen.path)
        self._update_buttons()

    def on_changes(self, _changes: Changes) -> None:
        return  # the list shows files, not data; actions here refresh it themselves

    def _update_buttons(self, *_args) -> None:
        self.restore_selected_button.setEnabled(selected_row(self.view) is not None)

    def _say(self, text: str, error: bool = False) -> None:
        tint(self.status, ERROR_COLOUR if error else self.palette().color(self.foregroundRole()))
        self.status.setText(text)

    def _run(self, title: str, label: str, work: Callable[[Ticket], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None] | None = None, cancellable: bool = True,
             on_cancelled: Callable[[], None] | None = None) -> ProgressJob:
        """`work` on the worker thread behind the progress dialog; `self.job` until it ends."""

        def ended(callback: Callable[..., None] | None) -> Callable[..., None]:
            def call(*args) -> None:
                self.job = None
                if callback is not None:
                    callback(*args)
            return call

        failed = on_error or (lambda exc: _failed(self, exc, self.ctx.folder))
        self.job = run_with_progress(self, title, label, work, ended(on_done), ended(failed), cancellable,
                                     on_cancelled=ended(on_cancelled))
        return self.job

    # -- backing up ------------------------------------------------------------------------
    def backup_now(self) -> ProgressJob | None:
        """Back up into backups/; the job's result is the new file."""
        return self._backup(None)

    def backup_to_folder(self) -> ProgressJob | None:
        """Back up the database and the evidence files into a folder the user chooses (a USB stick)."""
        target = QFileDialog.getExistingDirectory(self, B.CHOOSE_FOLDER, str(Path.home()))
        if not target:
            return None
        return self._backup(Path(target))

    def _backup(self, target: Path | None) -> ProgressJob | None:
        if self.job is not None:
            return None
        folder = self.ctx.folder

        def work(ticket: Ticket) -> Path:
            return backups.make_backup(folder, target, progress=ticket.report, cancelled=ticket.cancelled)

        label = B.JOB_BACKUP if target is None else B.JOB_BACKUP_TO.format(folder=target)
        return self._run(B.JOB_BACKUP_TITLE, label, work, lambda path: self._backed_up(path, target),
                         on_cancelled=lambda: self._say(B.BACKUP_CANCELLED.format(time=_now())))

    def _backed_up(self, path: Path, target: Path | None) -> None:
        self.last_result = path
        self.refresh()
        select_where(self.view, lambda r: r.path == path)
        shown = path.name if target is None else str(path)
        message = B.BACKUP_MADE_STATUS.format(time=_now(), name=shown)
        beside = backups.attachments_beside(path)
        if target is not None and beside.is_dir():
            message += B.BACKUP_WITH_EVIDENCE.format(folder=beside.name)
        self._say(message)

    def open_backups_folder(self) -> None:
        self.ctx.folder.backups.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.folder.backups)))

    # -- restoring -------------------------------------------------------------------------
    def restore_selected(self) -> ProgressJob | None:
        row: BackupEntry | None = selected_row(self.view)
        return self.restore_path(row.path) if row is not None else None

    def restore_from_file(self) -> ProgressJob | None:
        start = self.ctx.folder.backups if self.ctx.folder.backups.is_dir() else Path.home()
        path, _filter = QFileDialog.getOpenFileName(self, B.CHOOSE_FILE, str(start), B.FILE_FILTER)
        return self.restore_path(Path(path)) if path else None

    def restore_path(self, path: Path) -> ProgressJob | None:
        """Read and check `path` (worker), preview it, and restore it if the user confirms (a second
        job). `last_result` is the RestoreResult once restored."""
        if self.job is not None:
            return None
        folder = self.ctx.folder

        def work(ticket: Ticket):
            ticket.report(0, 0, B.PROGRESS_RESTORE_CHECK)
            info = backups.restorable(path, cancelled=ticket.cancelled)
            if not folder.database.exists():
                return info, None, ("", "")
            return info, backups.data_counts(folder.database), backups.inspect_office(folder.database)

        return self._run(B.JOB_READ_TITLE, B.JOB_READ.format(name=path.name), work,
                         lambda read: self._preview(path, *read))

    def _preview(self, path: Path, info: BackupInfo, current: dict[str, int | None] | None,
                 here: tuple[str, str]) -> None:
        preview = RestorePreviewDialog(info, current, here, self)
        accepted = preview.exec() == QDialog.DialogCode.Accepted
        preview.deleteLater()
        if accepted:
            self._restore(path)

    def _restore(self, path: Path) -> ProgressJob:
        from desktop.db import Database

        folder = self.ctx.folder
        user = getattr(self.ctx.db, "user", "")
        if self.ctx.db is not None:
            self.ctx.db.close()  # Windows cannot replace a file that is open

        def work(ticket: Ticket) -> backups.RestoreResult:
            return backups.restore(folder, path, progress=ticket.report)

        def reopen() -> None:
            self.ctx.db = Database(folder, user=user)

        def failed(exc: BaseException) -> None:
            reopen()
            _failed(self, exc, folder)

        def done(result: backups.RestoreResult) -> None:
            reopen()
            self._restored(path, result)

        return self._run(B.JOB_READ_TITLE, B.JOB_RESTORE.format(name=path.name), work, done, failed,
                         cancellable=False)

    def _restored(self, path: Path, result: backups.RestoreResult) -> None:
        self.last_result = result
        self.ctx.notify(Changes(ALL))
        self.refresh()
        info = result.info
        lines = [B.RESTORED_STATUS.format(time=_now(), name=path.name),
                 B.RESTORE_DONE.format(office=info.office_name or B.NO_OFFICE,
                                       code=f" ({info.code})" if info.code else "",
                                       plans=format_number(info.plans), tasks=format_number(info.tasks),
                                       directives=format_number(info.directives),
                                       values=count_text(info.indicator_values))]
        if result.safety_backup is not None:
            lines.append(B.RESTORE_SAFETY.format(path=result.safety_backup))
        self._say("\n".join(lines))

    # -- checking ---------------------------------------------------------------------------
    def check_data(self) -> ProgressJob | None:
        """Integrity of the database and of every evidence file; the result in a dialog."""
        if self.job is not None:
            return None
        folder = self.ctx.folder

        def work(ticket: Ticket) -> tuple[list[str], int]:
            problems = backups.check(folder, progress=ticket.report, cancelled=ticket.cancelled)
            return problems, backups.attachment_count(folder)

        return self._run(B.JOB_CHECK_TITLE, B.JOB_CHECK, work, lambda found: self._checked(*found),
                         on_cancelled=lambda: self._say(B.CHECK_CANCELLED.format(time=_now())))

    def _checked(self, problems: list[str], files: int) -> None:
        self.last_result = problems
        dialog = CheckResultDialog(problems, files, self)
        dialog.exec()
        dialog.deleteLater()
        self._say(B.CHECK_OK if not problems else B.CHECK_FAILED.format(count=format_number(len(problems))),
                  error=bool(problems))


def _now() -> str:
    return datetime.now().strftime("%H:%M")


# ------------------------------------------------------------------------ dialogs


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


class RestorePreviewDialog(BaseDialog):
    """Office, time and counts of the backup beside the current data; "Phục hồi" or "Hủy"."""

    def __init__(self, info: BackupInfo, current: dict[str, int | None] | None,
                 current_office: tuple[str, str] = ("", ""), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_preview")
        self.setWindowTitle(B.PREVIEW_TITLE)
        self.info = info

        facts = QGridLayout()
        facts.setColumnStretch(1, 1)
        rows = [
            (B.PREVIEW_FILE, str(info.path)),
            (B.PREVIEW_OFFICE, office_text(info.office_name, info.code)),
            (B.PREVIEW_WHEN, when_text(info.created or info.modified)),
            (B.PREVIEW_SIZE, size_text(info.size)),
        ]
        for number, (label, value) in enumerate(rows):
            facts.addWidget(QLabel(label + ":"), number, 0, Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(shown, number, 1)

        counts = QGridLayout()
        counts.addWidget(_heading(B.PREVIEW_COLUMN_BACKUP), 0, 1, Qt.AlignmentFlag.AlignRight)
        if current is not None:
            counts.addWidget(_heading(B.PREVIEW_COLUMN_CURRENT), 0, 2, Qt.AlignmentFlag.AlignRight)
        backup_counts = info_counts(info)
        self.count_labels: dict[str, QLabel] = {}
        fewer = []
        for number, key in enumerate(COUNT_KEYS, start=1):
            counts.addWidget(QLabel(B.PREVIEW_COUNTS[key]), number, 0)
            value = QLabel(count_text(backup_counts[key]))
            value.setObjectName(f"count_{key}")
            self.count_labels[key] = value
            counts.addWidget(value, number, 1, Qt.AlignmentFlag.AlignRight)
            if current is not None:
                counts.addWidget(QLabel(count_text(current.get(key))), number, 2, Qt.AlignmentFlag.AlignRight)
                if (current.get(key) or 0) > (backup_counts[key] or 0):
                    fewer.append(B.PREVIEW_COUNTS[key].lower())
        counts.setColumnMinimumWidth(1, self.fontMetrics().horizontalAdvance(B.PREVIEW_COLUMN_CURRENT) + 20)
        counts.setColumnMinimumWidth(2, self.fontMetrics().horizontalAdvance(B.PREVIEW_COLUMN_CURRENT) + 20)
        counts.setColumnStretch(3, 1)

        warnings = []
        here_name, here_code = current_office
        if (here_code and info.code and here_code != info.code) or (
                not (here_code and info.code) and here_name and info.office_name and here_name != info.office_name):
            warnings.append(B.PREVIEW_OTHER_OFFICE.format(office=office_text(info.office_name, info.code),
                                                          current=office_text(here_name, here_code)))
        if fewer:
            warnings.append(B.PREVIEW_OLDER.format(what=", ".join(fewer)))
        self.warning_label = QLabel("\n".join(warnings))
        self.warning_label.setObjectName("warnings")
        self.warning_label.setWordWrap(True)
        tint(self.warning_label, ERROR_COLOUR)
        self.warning_label.setVisible(bool(warnings))
        explanation = hint_label(B.PREVIEW_WARNING)

        self.restore_button = QPushButton(B.PREVIEW_RESTORE)
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(B.CANCEL)
        self.cancel_button.setDefault(True)  # Enter must not replace the data by accident
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(B.PREVIEW_INTRO))
        layout.addLayout(facts)
        layout.addSpacing(6)
        layout.addLayout(counts)
        layout.addSpacing(6)
        layout.addWidget(self.warning_label)
        layout.addWidget(explanation)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.cancel_button.setFocus()  # nor may focus on «Phục hồi»: a focused button takes Enter


class CheckResultDialog(BaseDialog):
    def __init__(self, problems: list[str], attachments: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("check_result")
        self.setWindowTitle(B.CHECK_TITLE)
        headline = QLabel(f"<b>{B.CHECK_OK if not problems else B.CHECK_FAILED.format(count=len(problems))}</b>")
        headline.setObjectName("headline")
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        if problems:
            self.problems = QPlainTextEdit("\n".join(problems))
            self.problems.setObjectName("problems")
            self.problems.setReadOnly(True)
            layout.addWidget(self.problems, 1)
            layout.addWidget(hint_label(B.CHECK_ADVICE))
        else:
            layout.addWidget(hint_label(B.CHECK_OK_DETAIL.format(files=format_number(attachments))))
        close = QPushButton(B.CLOSE)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * (100 if problems else 70))


class DamagedDatabaseDialog(QDialog):
    """Start-up, when quick_check finds the data file damaged: explain, offer the newest good
    backup, restore it after moving the damaged file aside. Accepted = restored (open the data);
    rejected = quit. The damaged file is never opened for writing."""

    def __init__(self, folder, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damaged_database")
        self.setWindowTitle(SH.DAMAGED_TITLE)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.folder = folder
        self.problems = list(problems)
        self.when = datetime.now()
        self.candidate: BackupInfo | None = None
        self.recovery: backups.RecoveryResult | None = None
        self.job: ProgressJob | None = None  # the restore, while it runs

        icon = QLabel()
        size = self.style().pixelMetric(self.style().PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxCritical).pixmap(size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        intro = QLabel(SH.DAMAGED_INTRO.format(path=folder.database))
        intro.setWordWrap(True)
        self.offer_label = QLabel()
        self.offer_label.setWordWrap(True)
        self.backup_box = QFrame()
        self.backup_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("backup")
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_layout = QVBoxLayout(self.backup_box)
        box_layout.addWidget(self.backup_label)
        name = f"{folder.database.name}{backups.DAMAGED_MARK}{self.when:%Y%m%d-%H%M%S}"
        self.keep_label = hint_label(SH.DAMAGED_KEEP.format(name=name))

        self.restore_button = QPushButton(SH.DAMAGED_RESTORE)
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore)
        self.choose_button = QPushButton(SH.DAMAGED_CHOOSE)
        self.choose_button.setObjectName("choose")
        self.choose_button.clicked.connect(self.choose_other)
        self.quit_button = QPushButton(SH.DAMAGED_QUIT)
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(self.reject)
        self.continue_button = QPushButton(SH.DAMAGED_CONTINUE)
        self.continue_button.setObjectName("continue")
        self.continue_button.clicked.connect(self.accept)
        self.continue_button.hide()

        text = QVBoxLayout()
        text.addWidget(_heading(SH.DAMAGED_TITLE))
        text.addWidget(intro)
        text.addSpacing(6)
        text.addWidget(self.offer_label)
        text.addWidget(self.backup_box)
        text.addWidget(self.keep_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)

        with wait_cursor():
            try:
                candidate = backups.newest_good_backup(folder)
            except (OSError, sqlite3.Error):
                candidate = None
        self._offer(candidate, chosen=False)

    def _offer(self, info: BackupInfo | None, chosen: bool) -> None:
        self.candidate = info
        if info is None:
            self.offer_label.setText(SH.DAMAGED_NONE.format(path=self.folder.backups))
            self.backup_box.hide()
        else:
            self.offer_label.setText(SH.DAMAGED_CHOSEN if chosen else SH.DAMAGED_OFFER)
            counts = SH.DAMAGED_COUNTS_LINE.format(
                plans=count_text(info.plans), tasks=count_text(info.tasks), reports=count_text(info.reports),
                values=count_text(info.indicator_values))
            line = SH.DAMAGED_BACKUP_LINE.format(when=when_text(info.created or info.modified),
                                                 office=office_text(info.office_name, info.code))
            self.backup_label.setText(f"<b>{line}</b><br>{counts}<br>{info.path}")
            self.backup_box.show()
        self.restore_button.setEnabled(info is not None)
        (self.restore_button if info is not None else self.choose_button).setDefault(True)

    def choose_other(self) -> None:
        start = self.folder.backups if self.folder.backups.is_dir() else Path.home()
        path, _filter = QFileDialog.getOpenFileName(self, B.CHOOSE_FILE, str(start), B.FILE_FILTER)
        if path:
            self.offer_path(Path(path))

    def offer_path(self, path: Path) -> bool:
        try:
            with wait_cursor():
                info = backups.restorable(path)
        except (UserError, OSError, sqlite3.Error) as exc:
            _failed(self, exc, self.folder)
            return False
        self._offer(info, chosen=True)
        return True

    def restore(self) -> ProgressJob | None:
        """Move the damaged file aside and restore the offered backup (worker; not cancellable)."""
        if self.candidate is None or self.job is not None:
            return None
        folder, source, when = self.folder, self.candidate.path, self.when

        def work(ticket: Ticket) -> backups.RecoveryResult:
            return backups.recover(folder, source, when, progress=ticket.report)

        def ended(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(value) -> None:
                self.job = None
                callback(value)
            return call

        self.job = run_with_progress(self, B.JOB_READ_TITLE, B.JOB_RESTORE.format(name=source.name), work,
                                     ended(self._recovered), ended(lambda exc: _failed(self, exc, folder)),
                                     cancellable=False)
        return self.job

    def _recovered(self, recovery: backups.RecoveryResult) -> None:
        self.recovery = recovery
        info = self.recovery.info
        self.offer_label.setText(SH.DAMAGED_RESTORED.format(
            name=info.path.name, when=when_text(info.created or info.modified), damaged=self.recovery.damaged))
        self.backup_box.hide()
        self.keep_label.hide()
        for button in (self.restore_button, self.choose_button, self.quit_button):
            button.hide()
        self.continue_button.show()
        self.continue_button.setDefault(True)
        self.continue_button.setFocus()
