"""«Nhận gói dữ liệu»: choose or drop .nq57 files, see what each would do (a dry run,
desktop.core.receive.preview_packages, on the worker thread), read every problem of a package,
then «Nhập N gói» (desktop.core.receive.import_packages) with a progress dialog that can be
cancelled between packages, and the result per file."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import ALL, Changes
from desktop.core.vn import format_date, format_number
from desktop.strings import exchange_ui as S
from desktop.ui import jobs
from desktop.ui.common import Column, ColumnTableModel
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import BLUE, GREEN, GREY, ORANGE, RED, busy_bar, explain_failure
from desktop.ui.office import hint_label, make_table, selected_row, tint

EXTENSION = ".nq57"  # desktop.core.nq57file.EXTENSION, without importing the core module at start-up
PREVIEW_COLOURS = {"new": GREEN, "replace": BLUE, "unchanged": GREY, "older": ORANGE, "refused": RED}
RESULT_COLOURS = {"imported": GREEN, "replaced": BLUE, "unchanged": GREY, "refused": RED}
IMPORTABLE = ("new", "replace")


def _when(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def _unit(row) -> str:
    if row.unit_code and row.unit_name:
        return f"{row.unit_name} ({row.unit_code})"
    return row.unit_name or row.unit_code or ""


def _period(code: str | None) -> str:
    """"quý III/2025"; a date range as "01/07/2025–17/11/2025" (short enough for a column)."""
    if not code:
        return ""
    from desktop.core import periods
    from desktop.core.errors import UserError

    try:
        period = periods.parse(code)
    except UserError:
        return code
    if period.kind == periods.RANGE:
        return f"{format_date(period.start)}–{format_date(period.end)}"
    return period.name


def _content(row) -> str:
    return S.CONTENT.get(row.content or "", row.content or "")


def _file(row) -> str:
    return Path(row.file).name


class PreviewTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("file", S.COL_FILE, _file, tooltip=lambda r: str(r.file)),
            Column("unit", S.COL_UNIT, _unit),
            Column("period", S.COL_PERIOD, lambda r: _period(r.period_code), sort_value=lambda r: r.period_code or ""),
            Column("content", S.COL_CONTENT, _content),
            Column("created", S.COL_CREATED, lambda r: _when(r.created),
                   sort_value=lambda r: r.created or datetime.min),
            Column("status", S.COL_EXPECTED, lambda r: S.PREVIEW_STATUS.get(r.status, r.status),
                   foreground=lambda r: QColor(PREVIEW_COLOURS.get(r.status, GREY))),
            Column("reason", S.COL_REASON, lambda r: r.reason or "", tooltip=lambda r: r.reason or None),
        ], parent)


class ResultTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("file", S.COL_FILE, _file, tooltip=lambda r: str(r.file)),
            Column("unit", S.COL_UNIT, _unit),
            Column("period", S.COL_PERIOD, lambda r: _period(r.period_code), sort_value=lambda r: r.period_code or ""),
            Column("content", S.COL_CONTENT, _content),
            Column("status", S.COL_RESULT, lambda r: S.RESULT_STATUS.get(r.status, r.status),
                   foreground=lambda r: QColor(RESULT_COLOURS.get(r.status, GREY))),
            Column("reason", S.COL_REASON, lambda r: r.reason or "", tooltip=lambda r: r.reason or None),
        ], parent)


def preview_details(preview) -> str:
    """The selected package: what it holds, what importing it would do, and every problem."""
    head = [f"<b>{html.escape(_file(preview))}</b> — "
            f"<span style='color:{PREVIEW_COLOURS.get(preview.status, GREY)}'>"
            f"{html.escape(S.PREVIEW_STATUS.get(preview.status, preview.status))}</span>"]
    facts = [_unit(preview), _period(preview.period_code), _content(preview),
             S.DIRECTION.get(preview.direction or "", ""), _when(preview.created)]
    head.append(html.escape(" · ".join(f for f in facts if f)))
    if preview.reason and not (preview.status == "refused" and preview.problems):
        head.append(html.escape(preview.reason))
    counts = [f"{S.COUNT_NAMES[k]}: {format_number(n)}" for k, n in (preview.counts or {}).items()
              if k in S.COUNT_NAMES and n]
    if counts:
        head.append(f"{S.RECEIVE_COUNTS} " + html.escape(", ".join(counts)))
    parts = ["<br>".join(head)]
    if preview.status != "refused":
        items = "".join(f"<li>{html.escape(a)}</li>" for a in preview.actions or [])
        items = items or f"<li>{S.RECEIVE_NO_ACTIONS}</li>"
        parts.append(f"<p><b>{S.RECEIVE_ACTIONS}</b></p><ul>{items}</ul>")
    problems = list(preview.problems or [])
    if problems:
        listed = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
        parts.append(f"<p style='color:{RED}'><b>{S.RECEIVE_PROBLEMS.format(count=format_number(len(problems)))}"
                     f"</b></p><ul style='color:{RED}'>{listed}</ul>")
    return "".join(parts)


def skipped_result(preview):
    """A file the import left alone, as a result row: unchanged, or refused with the reason."""
    from desktop.core.receive import ImportResult

    status = "unchanged" if preview.status == "unchanged" else "refused"
    return ImportResult(file=preview.file, status=status, reason=preview.reason, unit_code=preview.unit_code,
                        unit_name=preview.unit_name, period_code=preview.period_code, content=preview.content)


def package_paths(paths: Iterable[str | Path]) -> tuple[list[Path], int]:
    """The .nq57 files among `paths` (a dropped folder is not opened) and how many were skipped."""
    kept, skipped = [], 0
    for raw in paths:
        path = Path(raw)
        if path.suffix.lower() == EXTENSION and path.is_file():
            kept.append(path)
        else:
            skipped += 1
    return kept, skipped


class ReceiveTab(QWidget):
    imported = Signal(object)  # list of ImportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.paths: list[Path] = []
        self.previews: list = []
        self.results: list = []
        self.job: jobs.Job | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._again = False  # preview again once the running preview is done
        self._queued: list[Path] = []  # files given while an import runs
        self.skipped = 0  # files given that are not .nq57 packages

        self.choose_button = QPushButton(S.RECEIVE_CHOOSE)
        self.choose_button.setObjectName("receive_choose")
        self.choose_button.clicked.connect(lambda: self.choose_files())
        self.clear_button = QPushButton(S.RECEIVE_CLEAR)
        self.clear_button.setObjectName("receive_clear")
        self.clear_button.clicked.connect(self.clear)
        self.import_button = QPushButton(S.RECEIVE_IMPORT_NONE)
        self.import_button.setObjectName("receive_import")
        self.import_button.clicked.connect(lambda: self.import_files())
        for button in (self.choose_button, self.clear_button, self.import_button):
            button.setAutoDefault(False)
        drop_hint = QLabel(S.RECEIVE_DROP_HINT)
        tint(drop_hint, GREY)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.clear_button)
        top.addSpacing(12)
        top.addWidget(drop_hint)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.busy = busy_bar("receive_busy")
        self.status = QLabel()
        self.status.setObjectName("receive_status")
        self.status.setWordWrap(True)

        # preview page: the table and the selected package's details
        self.preview_model = PreviewTableModel(self)
        self.preview_view = make_table(self.preview_model, "receive_preview")
        self._size_columns(self.preview_view, self.preview_model)
        self.preview_view.selectionModel().selectionChanged.connect(self._show_details)
        self.details = QTextBrowser()
        self.details.setObjectName("receive_details")
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(S.RECEIVE_DETAILS_EMPTY)
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(QLabel(f"<b>{S.RECEIVE_DETAILS}</b>"))
        details_layout.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.preview_view)
        self.splitter.addWidget(details_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        # results page
        self.result_model = ResultTableModel(self)
        self.result_view = make_table(self.result_model, "receive_results")
        self._size_columns(self.result_view, self.result_model)
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(QLabel(f"<b>{S.RECEIVE_RESULTS}</b>"))
        results_layout.addWidget(self.result_view, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(results_page)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(S.RECEIVE_INTRO))
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    @staticmethod
    def _size_columns(view, model) -> None:
        em = view.fontMetrics().horizontalAdvance("M")
        header = view.horizontalHeader()
        header.resizeSection(model.column_index("file"), round(16 * em))
        for index, column in enumerate(model.columns):
            if column.key not in ("file", "reason"):
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.column_index("reason"), QHeaderView.ResizeMode.Stretch)

    # -- choosing files ------------------------------------------------------------------------
    def choose_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(self, S.RECEIVE_CHOOSE_TITLE, str(self.ctx.folder.exports),
                                                      S.FILE_FILTER)
        if chosen:
            self.add_files(chosen)

    def set_files(self, paths: Sequence[str | Path]) -> jobs.Job | None:
        """Show exactly these files (replacing the list) and preview them."""
        self.paths = []
        return self.add_files(paths)

    def add_files(self, paths: Iterable[str | Path]) -> jobs.Job | None:
        """Add files to the list and preview the whole list. While an import runs, the files wait
        for it to finish (they are previewed against the data it leaves)."""
        if self.job is not None and self.progress_dialog is not None:
            self._queued.extend(Path(p) for p in paths)
            return None
        kept, skipped = package_paths(paths)
        known = {p.resolve() for p in self.paths}
        for path in kept:
            if path.resolve() not in known:
                known.add(path.resolve())
                self.paths.append(path)
        self.pages.setCurrentIndex(0)
        self.results = []
        self.skipped = skipped
        return self.preview()

    def clear(self) -> None:
        if self.job is not None:
            return
        self.paths, self.previews, self.results = [], [], []
        self.preview_model.set_rows([])
        self.result_model.set_rows([])
        self.details.clear()
        self.status.clear()
        self.pages.setCurrentIndex(0)
        self._update_buttons()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.job is None and any(u.isLocalFile() and u.toLocalFile().lower().endswith(EXTENSION)
                                    for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self.job is None:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- preview -------------------------------------------------------------------------------
    def preview(self) -> jobs.Job | None:
        if self.job is not None:
            self._again = True  # the list changed while it was being checked
            return None
        paths, database = list(self.paths), self.ctx.db
        if not paths:
            self.previews = []
            self.preview_model.set_rows([])
            self._update_buttons()
            return None

        def work(_job):
            from desktop.core import receive

            return receive.preview_packages(database, paths)

        self.status.setText(S.RECEIVE_CHECKING.format(count=format_number(len(paths))))
        self._busy(True)
        self.job = jobs.start(self, work, self._previewed, self._failed)
        return self.job

    def _previewed(self, previews: list) -> None:
        self.job = None
        self._busy(False)
        if self._again:
            self._again = False
            self.preview()
            return
        self.previews = list(previews)
        self.preview_model.set_rows(self.previews)
        counts = Counter(p.status for p in self.previews)
        text = S.RECEIVE_PREVIEW_COUNT.format(
            total=format_number(len(self.previews)), **{k: format_number(counts.get(k, 0)) for k in S.PREVIEW_STATUS})
        if self.skipped:
            text += " " + S.DROP_NOT_PACKAGE.format(count=format_number(self.skipped))
        self.status.setText(text)
        if self.previews:
            first = next((i for i, p in enumerate(self.previews) if p.status == "refused"), 0)
            self.preview_view.selectRow(first)
        self._update_buttons()

    def _show_details(self, *_args) -> None:
        row = selected_row(self.preview_view)
        if row is None:
            self.details.clear()
            return
        self.details.setHtml(preview_details(row))

    def importable(self) -> list:
        return [p for p in self.previews if p.status in IMPORTABLE]

    def _update_buttons(self) -> None:
        idle = self.job is None
        count = len(self.importable())
        self.import_button.setText(S.RECEIVE_IMPORT.format(count=format_number(count)) if count
                                   else S.RECEIVE_IMPORT_NONE)
        self.import_button.setEnabled(idle and count > 0 and self.pages.currentIndex() == 0)
        self.choose_button.setEnabled(idle)
        self.clear_button.setEnabled(idle and bool(self.paths or self.results))

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self._update_buttons()

    # -- import --------------------------------------------------------------------------------
    def import_files(self) -> jobs.Job | None:
        """Import the packages that would be created or replace an older one, in the order shown."""
        if self.job is not None:
            return None
        paths = [Path(p.file) for p in self.importable()]
        if not paths:
            return None
        database, total = self.ctx.db, len(paths)

        def work(job):
            from desktop.core import receive

            return receive.import_packages(database, paths, progress=job.report, cancelled=job.cancelled)

        dialog = QProgressDialog(S.RECEIVE_PROGRESS_START.format(total=format_number(total)), S.CANCEL, 0,
                                 total, self)
        dialog.setObjectName("receive_progress")
        dialog.setWindowTitle(S.RECEIVE_PROGRESS_TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)
        dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("M") * 36)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        self.progress_dialog = dialog
        self._busy(True)
        self.job = jobs.start(self, work, lambda results: self._imported(results, total), self._import_failed,
                              self._progress)
        dialog.canceled.connect(self.job.cancel)
        self._update_buttons()
        return self.job

    def _progress(self, done: int, total: int, name: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))
        if name:  # called before each file (done = files finished so far), and once at the end
            dialog.setLabelText(S.RECEIVE_PROGRESS.format(done=format_number(done + 1), total=format_number(total),
                                                          name=Path(name).name))

    def _close_progress(self) -> bool:
        dialog, self.progress_dialog = self.progress_dialog, None
        cancelled = self.job is not None and self.job.cancelled()
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()
        return cancelled

    def _imported(self, results: list, total: int) -> None:
        cancelled = self._close_progress()
        self.job = None
        self._busy(False)
        processed = len(results)
        self.results = list(results) + [skipped_result(p) for p in self.previews if p.status not in IMPORTABLE]
        self.result_model.set_rows(self.results)
        self.pages.setCurrentIndex(1)
        counts = Counter(r.status for r in self.results)
        written = counts.get("imported", 0) + counts.get("replaced", 0)
        if cancelled and processed < total:
            self.status.setText(S.RECEIVE_CANCELLED.format(count=format_number(written),
                                                           left=format_number(total - processed)))
        else:
            self.status.setText(S.RECEIVE_DONE.format(total=format_number(len(self.results)),
                                                      **{k: format_number(counts.get(k, 0)) for k in S.RESULT_STATUS}))
        # The previewed list no longer says what would happen: it is read again when files are chosen.
        self.previews, self.paths = [], []
        self.preview_model.set_rows([])
        self.details.clear()
        self._update_buttons()
        if written:
            self.ctx.notify(Changes(ALL))
        self.imported.emit(self.results)
        self._take_queued()

    def _take_queued(self) -> None:
        queued, self._queued = self._queued, []
        if queued:
            self.add_files(queued)

    def _import_failed(self, exc: BaseException) -> None:
        self._close_progress()
        self.job = None
        self._busy(False)
        self.status.clear()
        explain_failure(self, exc, self.ctx.folder)
        self.ctx.notify(Changes(ALL))  # packages before the failing one may have been imported
        self.preview()
        self._take_queued()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._again = False
        self._busy(False)
        self.status.clear()
        explain_failure(self, exc, self.ctx.folder)
