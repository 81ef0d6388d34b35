"""«Nhập danh sách nhiệm vụ từ tệp Excel»: choose the file and the sheet, say which row holds the
column names and what each column is (guessed), see every row as it will be read — unreadable
rows in red with the reason — then import. The reading and importing are desktop.core.task_sheet's;
the file is opened by desktop.export.task_sheet (openpyxl, loaded only here, when a file is chosen).

Open it with `run_task_sheet_import(ctx, parent)` (True when tasks were imported) or build a
`TaskSheetDialog(ctx, parent)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import task_sheet as ts
from desktop.core.errors import UserError
from desktop.core.vn import shorten
from desktop.strings import common as C
from desktop.strings import downward as S
from desktop.ui.common import BaseDialog, form_label

ERROR_BACKGROUND = QColor("#fde7e9")
ERROR_TEXT = QColor("#8c1d18")
SECTION_BACKGROUND = QColor("#e8eef7")
SKIPPED_TEXT = QColor("#6b6f76")
EXISTING_TEXT = QColor("#0b57d0")
REASON_SPAN_START = 4  # rows that are not tasks show their reason from this column to the end


class SheetPreviewTableModel(QAbstractTableModel):
    """The rows of a SheetPreview as the import will read them."""

    HEADERS = S.PREVIEW_HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[ts.SheetRow, ...] = ()
        self.departments: dict[int, str] = {}  # id -> abbreviation (or name) of this office's departments

    def set_preview(self, preview: ts.SheetPreview | None) -> None:
        self.beginResetModel()
        self._rows = preview.rows if preview is not None else ()
        self.endResetModel()

    def row_at(self, row: int) -> ts.SheetRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def _text(self, row: ts.SheetRow, column: int) -> str:
        task = row.task
        if column == 0:
            return str(row.number)
        if column == 1:
            return S.ROW_KIND[row.kind]
        if task is None:
            # A heading, a skipped or an unreadable row: what it holds, then why (across the rest).
            if column == 3:
                if row.kind == ts.ROW_SECTION:
                    return row.section
                return " · ".join(shorten(" ".join(c.split()), 60) for c in row.cells if c.strip())
            return row.reason if column == REASON_SPAN_START else ""
        if column == 2:
            return task.stt
        if column == 3:
            return " ".join(task.title.split())
        if column == 4:
            return task.source_text
        if column == 5:
            return self.departments.get(task.lead_department_id, "") if task.lead_department_id else task.lead_note
        if column == 6:
            return task.deadline_text
        return row.reason

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3 and row.task is not None:
                return row.task.title
            if row.task is None and row.kind != ts.ROW_SECTION and column == 3:
                return "\n".join(c for c in row.cells if c.strip())
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.kind == ts.ROW_ERROR:
                return QBrush(ERROR_BACKGROUND)
            if row.kind == ts.ROW_SECTION:
                return QBrush(SECTION_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.kind == ts.ROW_ERROR:
                return QBrush(ERROR_TEXT)
            if row.kind == ts.ROW_SKIPPED:
                return QBrush(SKIPPED_TEXT)
            if row.task is not None and row.task.existing_id is not None and column == 7:
                return QBrush(EXISTING_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and row.kind == ts.ROW_SECTION:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TaskSheetDialog(BaseDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(S.DIALOG_TITLE)
        self.setObjectName("task_sheet_dialog")
        self.path: Path | None = None
        self.grids: dict[str, list[list[str]]] = {}
        self.mapping: list[str] = []
        self.preview: ts.SheetPreview | None = None
        self.result_value: ts.SheetImportResult | None = None
        self.context = ctx.read(ts.load_context)
        self.mapping_combos: list[QComboBox] = []
        self._building = False

        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("sheet_file")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(S.FILE_NONE)
        self.choose_button = QPushButton(S.CHOOSE_FILE)
        self.choose_button.setObjectName("sheet_choose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet_name")
        self.sheet_combo.setMinimumContentsLength(14)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("sheet_header_row")
        self.header_spin.setRange(1, 1)
        self.header_spin.setToolTip(S.HEADER_TIP)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("sheet_plan")
        self.plan_combo.setMinimumContentsLength(24)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.addItem(S.PLAN_NONE, None)
        for plan_id, label in ctx.read(ts.plan_choices):
            self.plan_combo.addItem(label, plan_id)
            self.plan_combo.setItemData(self.plan_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.phase_combo = QComboBox()
        self.phase_combo.setObjectName("sheet_phase")
        self.phase_combo.setEditable(True)
        self.phase_combo.addItem("")
        self.phase_combo.addItems(ctx.read(ts.phase_choices))
        self.phase_combo.lineEdit().setPlaceholderText(S.PHASE_PLACEHOLDER)
        self.phase_combo.setMinimumContentsLength(16)

        top = QHBoxLayout()
        top.addWidget(form_label(S.FILE_LABEL))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        options = QHBoxLayout()
        for label, widget in ((S.SHEET_LABEL, self.sheet_combo), (S.HEADER_LABEL, self.header_spin),
                              (S.PLAN_LABEL, self.plan_combo), (S.PHASE_LABEL, self.phase_combo)):
            options.addWidget(form_label(label))
            options.addWidget(widget, 1 if widget is self.plan_combo else 0)
            options.addSpacing(8)

        self.mapping_box = QGroupBox(S.MAPPING_TITLE)
        self.mapping_holder = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_holder)
        self.mapping_grid.setContentsMargins(2, 2, 2, 2)
        self.mapping_grid.setHorizontalSpacing(10)
        self.mapping_grid.setVerticalSpacing(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.mapping_holder)
        line = self.fontMetrics().lineSpacing()
        scroll.setFixedHeight(line + self.sheet_combo.sizeHint().height() + 16)
        box_layout = QVBoxLayout(self.mapping_box)
        box_layout.setContentsMargins(6, 4, 6, 4)
        box_layout.addWidget(scroll)

        self.model = SheetPreviewTableModel(self)
        self.model.departments = {i: abbreviation or name for i, name, abbreviation in self.context.departments}
        self.view = QTableView()
        self.view.setObjectName("sheet_preview")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(line + 8)
        header = self.view.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in enumerate((3.5, 6.5, 3, 30, 10, 13, 14, 24)):
            header.resizeSection(column, round(width * em))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

        self.counts = QLabel(S.HINT_CHOOSE)
        self.counts.setObjectName("sheet_counts")
        self.counts.setWordWrap(True)
        self.directives_label = QLabel()
        self.directives_label.setObjectName("sheet_new_directives")
        self.directives_label.setWordWrap(True)
        self.directives_label.hide()

        self.import_button = QPushButton(S.IMPORT_BUTTON)
        self.import_button.setObjectName("sheet_import")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_tasks)
        close = QPushButton(S.CLOSE_BUTTON)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.mapping_box)
        layout.addWidget(form_label(S.PREVIEW_TITLE))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.directives_label)
        layout.addLayout(buttons)
        self._set_enabled(False)
        self.resize(1180, 660)

    # -- choosing ------------------------------------------------------------------------------
    def _set_enabled(self, on: bool) -> None:
        for widget in (self.sheet_combo, self.header_spin, self.mapping_box):
            widget.setEnabled(on)

    def choose_file(self) -> None:
        start = str(self.path.parent) if self.path else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(self, S.DIALOG_TITLE, start, S.FILE_FILTER)
        if chosen:
            self.open_file(chosen)

    def open_file(self, path: str | Path) -> bool:
        """Read the workbook; a broken file is explained and nothing else changes."""
        from desktop.export.task_sheet import read_grids

        try:
            grids = read_grids(path)
        except UserError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, S.CANNOT_READ_TITLE, str(exc), parent=self)
            box.addButton(C.CLOSE, QMessageBox.ButtonRole.AcceptRole)
            box.exec()
            return False
        self.path = Path(path)
        self.grids = grids
        self.file_edit.setText(str(self.path))
        self.file_edit.setToolTip(str(self.path))
        self._building = True
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(grids))
        first = next((i for i, grid in enumerate(grids.values()) if ts.find_header(grid) is not None), 0)
        self.sheet_combo.setCurrentIndex(first)
        self._building = False
        self._set_enabled(True)
        self._sheet_changed()
        return True

    def grid(self) -> list[list[str]]:
        return self.grids.get(self.sheet_combo.currentText(), [])

    def _sheet_changed(self, *_args) -> None:
        if self._building or not self.grids:
            return
        grid = self.grid()
        header = ts.find_header(grid)
        self._building = True
        self.header_spin.setRange(1, max(1, len(grid)))
        self.header_spin.setValue((header if header is not None else 0) + 1)
        self._building = False
        self._header_changed()

    def _header_changed(self, *_args) -> None:
        if self._building or not self.grids:
            return
        grid = self.grid()
        index = self.header_spin.value() - 1
        headers = grid[index] if 0 <= index < len(grid) else []
        self.mapping = list(ts.guess_mapping(headers))
        self._build_mapping(headers)
        self.refresh_preview()

    def _build_mapping(self, headers) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.mapping_combos = []
        width = max((len(row) for row in self.grid()), default=0)
        for column in range(width):
            header = " ".join(headers[column].split()) if column < len(headers) else ""
            label = QLabel(S.MAPPING_COLUMN.format(letter=ts.column_letter(column)) +
                           (f" · {shorten(header, 22)}" if header else ""))
            label.setToolTip(header)
            combo = QComboBox()
            combo.setObjectName(f"sheet_map_{column}")
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            for field in ts.FIELDS:
                combo.addItem(S.FIELD_LABELS[field], field)
            combo.setCurrentIndex(ts.FIELDS.index(self.mapping[column]))
            combo.currentIndexChanged.connect(lambda _i, c=column: self._mapping_changed(c))
            self.mapping_grid.addWidget(label, 0, column)
            self.mapping_grid.addWidget(combo, 1, column)
            self.mapping_combos.append(combo)
        self.mapping_grid.setColumnStretch(width, 1)
        self.mapping_grid.setRowStretch(2, 1)

    def set_mapping(self, column: int, field: str) -> None:
        """What choosing `field` in the column's combo does (used by tests and keyboard users alike)."""
        self.mapping_combos[column].setCurrentIndex(ts.FIELDS.index(field))

    def _mapping_changed(self, column: int) -> None:
        if self._building:
            return
        field = self.mapping_combos[column].currentData()
        self._building = True
        # A field belongs to one column: choosing it here frees it elsewhere.
        if field != ts.IGNORE:
            for other, combo in enumerate(self.mapping_combos):
                if other != column and combo.currentData() == field:
                    combo.setCurrentIndex(ts.FIELDS.index(ts.IGNORE))
        self._building = False
        self.mapping = [combo.currentData() for combo in self.mapping_combos]
        self.refresh_preview()

    # -- previewing ----------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        grid = self.grid()
        if not grid:
            self.preview = None
            self.model.set_preview(None)
            self.counts.setText(S.SHEET_EMPTY.format(sheet=self.sheet_combo.currentText()))
            self.import_button.setEnabled(False)
            return
        try:
            self.preview = ts.preview_sheet(grid, header_row=self.header_spin.value() - 1, mapping=self.mapping,
                                            context=self.context)
        except UserError as exc:
            self.preview = None
            self.model.set_preview(None)
            self.counts.setText(str(exc))
            self.import_button.setEnabled(False)
            return
        self.model.set_preview(self.preview)
        self.view.clearSpans()
        columns = self.model.columnCount()
        for index, row in enumerate(self.preview.rows):
            if row.task is None:  # the reason reads across the task's columns
                self.view.setSpan(index, REASON_SPAN_START, 1, columns - REASON_SPAN_START)
        self.counts.setText(self.preview.summary())
        new = self.preview.new_directives
        self.directives_label.setText(S.NEW_DIRECTIVES.format(items="; ".join(ref.label for ref in new)))
        self.directives_label.setVisible(bool(new))
        self.import_button.setEnabled(self.preview.readable > 0)

    # -- importing -----------------------------------------------------------------------------
    def import_tasks(self) -> ts.SheetImportResult | None:
        if self.preview is None or not self.preview.readable:
            return None
        plan_id = self.plan_combo.currentData()
        phase = self.phase_combo.currentText()
        outcome = self.ctx.write(self, ts.import_sheet, self.preview, plan_id=plan_id, default_phase=phase)
        if outcome is None:
            return None
        self.result_value, _changes = outcome
        text = self.result_value.message()
        if self.result_value.skipped:
            text += "\n\n" + S.ERRORS_TITLE + "\n" + "\n".join(self.result_value.skipped[:30])
            if len(self.result_value.skipped) > 30:
                text += "\n…"
        box = QMessageBox(QMessageBox.Icon.Information, S.RESULT_TITLE, text, parent=self)
        box.addButton(C.CLOSE, QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        self.accept()
        return self.result_value


def run_task_sheet_import(ctx, parent: QWidget | None = None) -> bool:
    """Open the dialog, let the user choose a file straight away; True when tasks were imported."""
    dialog = TaskSheetDialog(ctx, parent)
    QTimer.singleShot(0, dialog.choose_file)  # over the dialog, once it is up (and modal)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return accepted and dialog.result_value is not None
