"""The task dialog: the task's fields on two tabs (saved with "Lưu", Ctrl+S), and on two more
tabs its status history and evidence, each change of which is saved at once.

Sized for 1366×768 at 100 % and 125 % scaling: tabs instead of one tall form, and each form tab
scrolls if the font is large. Closing with unsaved field edits asks first; what was already
saved (the task, status lines, evidence) is never undone by closing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import directives as directives_core
from desktop.core import office as office_core
from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.errors import UserError, ValidationError
from desktop.core.vn import format_date, format_number
from desktop.strings import audit as AU
from desktop.strings import common as S
from desktop.strings import drafts as D
from desktop.strings import tasks as T
from desktop.ui.audit import HistoryPanel
from desktop.ui.common import (
    BaseDialog,
    Column,
    ColumnTableModel,
    ErrorLabel,
    ask_save_changes,
    confirm,
    shortcut,
    with_error,
)
from desktop.ui.context import AppContext
from desktop.ui.drafts import DraftKeeper, when_text
from desktop.ui.tasks.fields import CheckListModel, DateLineEdit
from desktop.ui.tasks.updates import CitationDialog, StatusDialog

TAB_GENERAL, TAB_SOURCE, TAB_HISTORY, TAB_EVIDENCE = range(4)
PREFERRED_SIZE = (880, 620)
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def size_text(size: int) -> str:
    if size < 1024:
        return f"{format_number(size)} B"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 0)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"


class SourceTableModel(ColumnTableModel):
    """The task's source directives (SourceRef rows); the item reference is editable in place."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("directive", T.SOURCE_COLUMN["directive"], lambda s: s.label, LEFT),
            Column("item_ref", T.SOURCE_COLUMN["item_ref"], lambda s: s.item_ref, LEFT),
        ], parent)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].key == "item_ref":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and 0 <= index.row() < len(self._rows):
            return self.columns[index.column()].value(self._rows[index.row()])
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.columns[index.column()].key != "item_ref":
            return False
        self._rows[index.row()] = replace(self._rows[index.row()], item_ref=str(value))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def append(self, source: core.SourceRef) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(source)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()


def _table(model: ColumnTableModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return view


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _form_page() -> tuple[QWidget, QFormLayout]:
    """A page holding a form whose rows keep their natural height (spare room goes below)."""
    page = QWidget()
    outer = QVBoxLayout(page)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    outer.addLayout(form)
    outer.addStretch(1)
    return page, form


def _text_box(lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class TaskDialog(BaseDialog):
    """Open with a task id to view and edit it, or None to add a new task."""

    def __init__(self, ctx: AppContext, task_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task_id = task_id
        self.saved_any = False  # something was written (the caller refreshes on data_changed anyway)
        self._loaded = core.TaskInput(title="")
        self._detail: core.TaskDetail | None = None
        self._directives = {row.id: row for row in ctx.read(directives_core.list_directives)}

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_general(), T.TAB_GENERAL)
        self.tabs.addTab(self._build_source(), T.TAB_SOURCE)
        self.tabs.addTab(self._build_history(), T.TAB_HISTORY)
        self.tabs.addTab(self._build_evidence(), T.TAB_EVIDENCE)
        self.audit_panel = HistoryPanel(ctx)
        self.tabs.addTab(self.audit_panel, AU.TAB_TITLE)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(S.SAVE)
        self.save_button.setToolTip(T.SAVE_TIP)
        self.save_close_button = QPushButton(T.SAVE_AND_CLOSE)
        self.close_button = QPushButton(S.CLOSE)
        for button in (self.save_button, self.save_close_button, self.close_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.save_close_button.clicked.connect(self.save_and_close)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_close_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        shortcut(self, QKeySequence.StandardKey.Save, self.save)

        if task_id is not None:
            self._detail = ctx.read(core.get_task, task_id)
        self._fill_choices()
        if self._detail is not None:
            self._load_form(self._detail.data)
        self._saved_state = self._form_state()
        self._show_detail()
        self._fit_to_screen()
        self.title.setFocus()
        # What is typed survives a power cut: kept in drafts/ while unsaved, offered back next time.
        self.drafts = DraftKeeper(self, ctx.folder, self._draft_key(), state=self._draft_state,
                                  dirty=self.is_dirty, title=self._draft_title)
        self._draft_offered = False

    # ------------------------------------------------------------------ layout
    def _fit_to_screen(self) -> None:
        screen = QWidget.screen(self) or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width, height = PREFERRED_SIZE
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.setMinimumSize(min(560, width), min(400, height))
        self.resize(width, height)

    def _build_general(self) -> QWidget:
        page, form = _form_page()

        self.title = _text_box(3, T.TITLE_PLACEHOLDER)
        self.title_error = ErrorLabel()
        form.addRow(T.LABEL["title"], with_error(self.title, self.title_error))

        self.details = _text_box(5)
        self.details_error = ErrorLabel()
        form.addRow(T.LABEL["details"], with_error(self.details, self.details_error))

        self.lead = QComboBox()
        self.lead.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lead.setMinimumContentsLength(30)
        self.lead_error = ErrorLabel()
        form.addRow(T.LABEL["lead"], with_error(self.lead, self.lead_error))
        self.lead_note = QLineEdit()
        self.lead_note.setPlaceholderText(T.LEAD_NOTE_PLACEHOLDER)
        form.addRow(T.LABEL["lead_note"], self.lead_note)

        self.coordinator_model = CheckListModel(self)
        self.coordinators = QListView()
        self.coordinators.setModel(self.coordinator_model)
        self.coordinators.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 18)
        self.coordinators_error = ErrorLabel()
        form.addRow(T.LABEL["coordinators"], with_error(self.coordinators, self.coordinators_error))
        self.coordination_note = QLineEdit()
        self.coordination_note.setPlaceholderText(T.COORDINATION_NOTE_PLACEHOLDER)
        form.addRow(T.LABEL["coordination_note"], self.coordination_note)

        self.output = _text_box(2)
        self.output_error = ErrorLabel()
        form.addRow(T.LABEL["expected_output"], with_error(self.output, self.output_error))
        return _scrolling(page)

    def _build_source(self) -> QWidget:
        page, form = _form_page()

        self.source_model = SourceTableModel(self)
        self.sources = _table(self.source_model, 1)
        self.sources.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                     | QAbstractItemView.EditTrigger.EditKeyPressed
                                     | QAbstractItemView.EditTrigger.SelectedClicked)
        self.sources.setFixedHeight(self.fontMetrics().lineSpacing() * 6 + 24)
        self.sources.horizontalHeader().resizeSection(0, 300)
        self.source_choice = QComboBox()
        self.source_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_choice.setMinimumContentsLength(24)
        self.source_choice.view().setMinimumWidth(520)
        self.source_item = QLineEdit()
        self.source_item.setPlaceholderText(T.SOURCE_ITEM_PLACEHOLDER)
        self.source_item.returnPressed.connect(self.add_source)
        self.source_add = QPushButton(T.SOURCE_ADD)
        self.source_add.setAutoDefault(False)
        self.source_add.clicked.connect(self.add_source)
        self.source_remove = QPushButton(T.SOURCE_REMOVE)
        self.source_remove.setAutoDefault(False)
        self.source_remove.clicked.connect(self.remove_source)
        self.sources_error = ErrorLabel()
        adder = QHBoxLayout()
        adder.addWidget(self.source_choice, 3)
        adder.addWidget(self.source_item, 2)
        adder.addWidget(self.source_add)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.sources)
        box.addLayout(adder)
        box.addWidget(self.sources_error)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.source_remove)
        box.addLayout(remove_row)
        if not self._directives:
            hint = QLabel(T.SOURCE_NONE_IN_REGISTRY)
            hint.setWordWrap(True)
            box.addWidget(hint)
        form.addRow(T.LABEL["sources"], box)

        self.plan = QComboBox()
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan.setMinimumContentsLength(30)
        form.addRow(T.LABEL["plan"], self.plan)

        self.phase = QComboBox()
        self.phase.setEditable(True)
        self.phase.lineEdit().setPlaceholderText(T.PHASE_PLACEHOLDER)
        self.phase.setMinimumContentsLength(8)
        self.phase.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.phase_error = ErrorLabel()
        form.addRow(T.LABEL["phase"], with_error(_left(self.phase), self.phase_error))

        self.recurrence = QComboBox()
        self.recurrence.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recurrence.setMinimumContentsLength(max(len(label) for label in S.RECURRENCE.values()) + 2)
        for key, label in S.RECURRENCE.items():
            self.recurrence.addItem(label, key)
        self.recurrence.currentIndexChanged.connect(self._recurrence_changed)
        self.recurrence_error = ErrorLabel()
        form.addRow(T.LABEL["recurrence"], with_error(_left(self.recurrence), self.recurrence_error))

        self.deadline = DateLineEdit()
        self.deadline_error = ErrorLabel()
        form.addRow(T.LABEL["deadline"], with_error(_left(self.deadline), self.deadline_error))
        self.deadline_note = QLineEdit()
        self.deadline_note.setPlaceholderText(T.DEADLINE_NOTE_PLACEHOLDER)
        form.addRow(T.LABEL["deadline_note"], self.deadline_note)
        return _scrolling(page)

    def _build_history(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.status_label)
        self.history_model = ColumnTableModel([
            Column("on_date", T.HISTORY_COLUMN["on_date"], lambda h: format_date(h.on_date), CENTER, width=100),
            Column("status", T.HISTORY_COLUMN["status"], lambda h: S.RECORDED_STATUS.get(h.status, h.status), LEFT),
            Column("note", T.HISTORY_COLUMN["note"], lambda h: h.note.replace("\n", " "), LEFT, tooltip=lambda h: h.note or None),
            Column("by", T.HISTORY_COLUMN["by"], lambda h: h.recorded_by, LEFT),
        ], self)
        self.history = _table(self.history_model, 2)
        self.history.horizontalHeader().resizeSection(0, 100)
        self.history.horizontalHeader().resizeSection(1, 150)
        self.history.horizontalHeader().resizeSection(3, 140)
        layout.addWidget(self.history, 1)
        self.history_hint = QLabel()
        self.history_hint.setWordWrap(True)
        layout.addWidget(self.history_hint)
        row = QHBoxLayout()
        self.status_button = QPushButton(T.UPDATE_STATUS)
        self.status_button.clicked.connect(self.update_status)
        self.history_delete = QPushButton(T.HISTORY_DELETE)
        self.history_delete.clicked.connect(self.delete_history_entry)
        for button in (self.status_button, self.history_delete):
            button.setAutoDefault(False)
        row.addWidget(self.status_button)
        row.addWidget(self.history_delete)
        row.addStretch(1)
        layout.addLayout(row)
        self.history.selectionModel().selectionChanged.connect(self._update_buttons)
        return page

    def _build_evidence(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.evidence_model = ColumnTableModel([
            Column("kind", T.EVIDENCE_COLUMN["kind"], lambda e: T.EVIDENCE_KIND.get(e.kind, e.kind), LEFT),
            Column("name", T.EVIDENCE_COLUMN["name"], lambda e: e.file_name if e.kind == "file" else e.citation, LEFT,
                   tooltip=lambda e: e.file_name if e.kind == "file" else e.citation),
            Column("size", T.EVIDENCE_COLUMN["size"], lambda e: size_text(e.file_size) if e.kind == "file" else "", RIGHT),
            Column("note", T.EVIDENCE_COLUMN["note"], lambda e: e.note, LEFT, tooltip=lambda e: e.note or None),
        ], self)
        self.evidence = _table(self.evidence_model, 1)
        self.evidence.horizontalHeader().resizeSection(0, 80)
        self.evidence.horizontalHeader().resizeSection(2, 100)
        self.evidence.horizontalHeader().resizeSection(3, 180)
        self.evidence.activated.connect(lambda _index: self.open_evidence())
        layout.addWidget(self.evidence, 1)
        self.evidence_hint = QLabel()
        self.evidence_hint.setWordWrap(True)
        layout.addWidget(self.evidence_hint)
        row = QHBoxLayout()
        self.evidence_file_button = QPushButton(T.EVIDENCE_ADD_FILE)
        self.evidence_file_button.clicked.connect(self.add_evidence_file)
        self.evidence_citation_button = QPushButton(T.EVIDENCE_ADD_CITATION)
        self.evidence_citation_button.clicked.connect(self.add_evidence_citation)
        self.evidence_open_button = QPushButton(T.EVIDENCE_OPEN)
        self.evidence_open_button.clicked.connect(self.open_evidence)
        self.evidence_remove_button = QPushButton(T.EVIDENCE_REMOVE)
        self.evidence_remove_button.clicked.connect(self.remove_evidence)
        for button in (self.evidence_file_button, self.evidence_citation_button, self.evidence_open_button,
                       self.evidence_remove_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.evidence.selectionModel().selectionChanged.connect(self._update_buttons)
        return page

    # ------------------------------------------------------------------ load
    def _fill_choices(self) -> None:
        departments = self.ctx.read(office_core.list_departments)
        current_lead = self._current_lead_id()
        self.lead.clear()
        self.lead.addItem(T.NO_DEPARTMENT_CHOICE, None)
        for department in departments:
            if department.active or department.id == current_lead:
                self.lead.addItem(department.label, department.id)
        # Inactive departments still assigned to this task stay listed, so saving keeps them.
        assigned = set(self._detail.data.coordinator_ids) if self._detail else set()
        self.coordinator_model.set_items([(d.id, d.label) for d in departments if d.active or d.id in assigned])

        self.source_choice.clear()
        self.source_choice.addItem(T.SOURCE_CHOOSE, None)
        for row in self._directives.values():
            summary = f" — {row.summary[:70]}" if row.summary else ""
            self.source_choice.addItem(f"{row.number_symbol}{summary}", row.id)

        self.plan.clear()
        self.plan.addItem(T.NO_PLAN_CHOICE, None)
        for plan_id, label in self.ctx.read(core.plan_choices):
            self.plan.addItem(label, plan_id)

        self.phase.clear()
        known = self.ctx.read(core.phases)
        for value in sorted({*known, "1", "2"}, key=core.phase_sort_key):
            self.phase.addItem(value)
        self.phase.setEditText("")

    def _current_lead_id(self) -> int | None:
        return self._detail.data.lead_department_id if self._detail else None

    def _load_form(self, data: core.TaskInput) -> None:
        self._loaded = data
        self.setWindowTitle(T.DIALOG_EDIT.format(title=_short(data.title)))
        self.title.setPlainText(data.title)
        self.details.setPlainText(data.details)
        self.lead.setCurrentIndex(max(0, self.lead.findData(data.lead_department_id)))
        self.lead_note.setText(data.lead_note)
        self.coordinator_model.set_checked(data.coordinator_ids)
        self.coordination_note.setText(data.coordination_note)
        self.output.setPlainText(data.expected_output)
        self.source_model.set_rows(list(data.sources))
        self.plan.setCurrentIndex(max(0, self.plan.findData(data.plan_id)))
        self.phase.setEditText(data.phase)
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(data.recurrence)))
        self.deadline.set_date(data.deadline)
        self.deadline_note.setText(data.deadline_note)
        self._recurrence_changed()

    def _show_detail(self) -> None:
        """Status, history and evidence of the saved task (never touches the form fields)."""
        saved = self.task_id is not None
        self.status_button.setEnabled(saved)
        self.evidence_file_button.setEnabled(saved)
        self.evidence_citation_button.setEnabled(saved)
        if not saved:
            self.setWindowTitle(T.DIALOG_NEW)
            self.status_label.setText(T.SAVE_FIRST)
            self.history_hint.setText("")
            self.evidence_hint.setText(T.SAVE_FIRST)
            self.history_model.set_rows([])
            self.evidence_model.set_rows([])
            self.audit_panel.show_record("tasks", None)
            self._update_buttons()
            return
        detail = self._detail
        status = S.STATUS.get(detail.status, detail.status)
        if st.is_done(detail.status) and detail.completed_on:
            text = T.STATUS_NOW_DONE.format(status=status, date=format_date(detail.completed_on))
        else:
            text = T.STATUS_NOW.format(status=status)
        self.status_label.setText(text)
        self.history_model.set_rows(list(reversed(detail.history)))  # newest first
        self.history_hint.setText("" if detail.history else T.HISTORY_EMPTY)
        self.evidence_model.set_rows(list(detail.evidence))
        self.evidence_hint.setText("" if detail.evidence else T.EVIDENCE_EMPTY)
        self.audit_panel.show_record("tasks", self.task_id)
        self._update_buttons()

    def _reload_detail(self) -> None:
        if self.task_id is not None:
            self._detail = self.ctx.read(core.get_task, self.task_id)
        self._show_detail()

    def _update_buttons(self, *_args) -> None:
        history = self._selected(self.history, self.history_model)
        evidence = self._selected(self.evidence, self.evidence_model)
        self.history_delete.setEnabled(history is not None)
        self.evidence_open_button.setEnabled(evidence is not None and evidence.kind == "file")
        self.evidence_remove_button.setEnabled(evidence is not None)

    @staticmethod
    def _selected(view: QTableView, model: ColumnTableModel):
        rows = view.selectionModel().selectedRows()
        return model.row_at(rows[0].row()) if rows else None

    # ------------------------------------------------------------------ form
    def _recurrence_changed(self, *_args) -> None:
        fixed = self.recurrence.currentData() == st.RECURRENCE_NONE
        self.deadline.setEnabled(fixed)
        self.deadline.setToolTip("" if fixed else T.DEADLINE_ONLY_FIXED)

    def add_source(self) -> None:
        directive_id = self.source_choice.currentData()
        if directive_id is None:
            self.source_choice.setFocus()
            self.source_choice.showPopup()
            return
        row = self._directives[directive_id]
        if any(s.directive_id == directive_id for s in self.source_model.rows()):
            self.sources_error.show_message(T.DUPLICATE_SOURCE.format(value=row.number_symbol))
            return
        self.sources_error.show_message("")
        self.source_model.append(core.SourceRef(directive_id, self.source_item.text().strip(), row.number_symbol))
        self.source_item.clear()
        self.source_choice.setCurrentIndex(0)

    def remove_source(self) -> None:
        rows = self.sources.selectionModel().selectedRows() or (
            [self.sources.currentIndex()] if self.sources.currentIndex().isValid() else [])
        if rows:
            self.source_model.remove(rows[0].row())

    def _form_state(self) -> tuple:
        return (
            self.title.toPlainText(), self.details.toPlainText(), self.lead.currentData(), self.lead_note.text(),
            self.coordinator_model.checked_ids(), self.coordination_note.text(), self.output.toPlainText(),
            tuple((s.directive_id, s.item_ref) for s in self.source_model.rows()), self.plan.currentData(),
            self.phase.currentText(), self.recurrence.currentData(),
            self.deadline.text() if self.recurrence.currentData() == st.RECURRENCE_NONE else "",
            self.deadline_note.text(),
        )

    def is_dirty(self) -> bool:
        return self._form_state() != self._saved_state

    # ------------------------------------------------------------------ drafts
    def _draft_key(self) -> str:
        return f"task-{self.task_id}" if self.task_id is not None else "task-new"

    def _draft_title(self) -> str:
        title = _short(" ".join(self.title.toPlainText().split()), 80)
        return (D.TASK_TITLE if self.task_id is not None else D.NEW_TASK_TITLE).format(title=title)

    def _draft_state(self) -> list:
        state = list(self._form_state())
        state[4] = list(state[4])
        state[7] = [list(source) for source in state[7]]
        return state

    def _apply_draft(self, state: list) -> None:
        if not isinstance(state, list) or len(state) != 13:
            raise ValueError("not a task form draft")
        texts = [state[i] for i in (0, 1, 3, 5, 6, 9, 11, 12)]
        if not all(isinstance(t, str) for t in texts) or not isinstance(state[4], list):
            raise ValueError("not a task form draft")
        sources = [core.SourceRef(int(d), str(ref), self._directives[int(d)].number_symbol)
                   for d, ref in state[7] if int(d) in self._directives]
        self.title.setPlainText(state[0])
        self.details.setPlainText(state[1])
        self.lead.setCurrentIndex(max(0, self.lead.findData(state[2])))
        self.lead_note.setText(state[3])
        self.coordinator_model.set_checked(int(i) for i in state[4])
        self.coordination_note.setText(state[5])
        self.output.setPlainText(state[6])
        self.source_model.set_rows(sources)
        self.plan.setCurrentIndex(max(0, self.plan.findData(state[8])))
        self.phase.setEditText(state[9])
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(state[10])))
        self.deadline.setText(state[11])
        self.deadline_note.setText(state[12])
        self._recurrence_changed()

    def offer_draft(self) -> None:
        draft = self.drafts.offer(self, self._apply_draft)
        if draft is not None:
            self.message.setText(D.RESTORED.format(when=when_text(draft)))
            self.message.setStyleSheet("color: #8a5a00;")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._draft_offered:  # once, when the form first appears
            self._draft_offered = True
            QTimer.singleShot(0, self.offer_draft)

    def done(self, result: int) -> None:
        self.drafts.stop()
        super().done(result)

    def _collect(self) -> core.TaskInput | None:
        """The form as a TaskInput, or None after showing a date that cannot be read."""
        recurrence = self.recurrence.currentData()
        deadline = None
        if recurrence == st.RECURRENCE_NONE:
            deadline, message = self.deadline.try_date()
            if message:
                self._show_problems({"deadline": message})
                return None
        plan_id = self.plan.currentData()
        return replace(
            self._loaded,
            title=self.title.toPlainText(),
            details=self.details.toPlainText(),
            plan_id=plan_id,
            section_id=self._loaded.section_id if plan_id == self._loaded.plan_id else None,
            lead_department_id=self.lead.currentData(),
            lead_note=self.lead_note.text(),
            coordinator_ids=self.coordinator_model.checked_ids(),
            coordination_note=self.coordination_note.text(),
            expected_output=self.output.toPlainText(),
            deadline=deadline,
            recurrence=recurrence,
            deadline_note=self.deadline_note.text(),
            phase=self.phase.currentText(),
            sources=tuple(self.source_model.rows()),
        )

    def _error_labels(self) -> dict[str, tuple[int, ErrorLabel, QWidget]]:
        return {
            "title": (TAB_GENERAL, self.title_error, self.title),
            "details": (TAB_GENERAL, self.details_error, self.details),
            "lead_department_id": (TAB_GENERAL, self.lead_error, self.lead),
            "coordinator_ids": (TAB_GENERAL, self.coordinators_error, self.coordinators),
            "expected_output": (TAB_GENERAL, self.output_error, self.output),
            "sources": (TAB_SOURCE, self.sources_error, self.source_choice),
            "phase": (TAB_SOURCE, self.phase_error, self.phase),
            "recurrence": (TAB_SOURCE, self.recurrence_error, self.recurrence),
            "deadline": (TAB_SOURCE, self.deadline_error, self.deadline),
        }

    def _clear_problems(self) -> None:
        for _tab, label, _widget in self._error_labels().values():
            label.show_message("")
        self.message.setText("")
        self.message.setStyleSheet("")

    def _show_problems(self, problems: dict[str, str]) -> None:
        labels = self._error_labels()
        first = None
        for field, text in problems.items():
            tab, label, widget = labels.get(field, (TAB_GENERAL, self.title_error, self.title))
            label.show_message(text)
            if first is None:
                first = (tab, widget)
        self.message.setText(" ".join(problems.values()))
        self.message.setStyleSheet("color: #b3261e;")
        if first is not None:
            self.tabs.setCurrentIndex(first[0])
            first[1].setFocus()

    def save(self) -> bool:
        """Validate and save the fields; True when saved (or nothing to save)."""
        self._clear_problems()
        if self.task_id is not None and not self.is_dirty():
            self.message.setText(S.SAVED)  # nothing changed: nothing to write
            self.message.setStyleSheet("color: #1b6e20;")
            return True
        data = self._collect()
        if data is None:
            return False
        try:
            if self.task_id is None:
                result = self.ctx.write(self, core.create_task, data)
                if result is None:
                    return False
                self.task_id = result[0]
            elif self.ctx.write(self, core.update_task, self.task_id, data) is None:
                return False
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        self.saved_any = True
        self.drafts.rename(self._draft_key())  # the saved form needs no draft; a new task got its id
        self._detail = self.ctx.read(core.get_task, self.task_id)
        self._loaded = self._detail.data
        self.setWindowTitle(T.DIALOG_EDIT.format(title=_short(self._loaded.title)))
        if self._loaded.recurrence == st.RECURRENCE_NONE:
            self.deadline.set_date(self._loaded.deadline)
        self._saved_state = self._form_state()
        self._show_detail()
        self.message.setText(S.SAVED)
        self.message.setStyleSheet("color: #1b6e20;")
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def reject(self) -> None:
        if self.is_dirty():
            answer = ask_save_changes(self)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                if not self.save():
                    return
                self.accept()
                return
            self.drafts.discard()  # "Không lưu": the user threw the edits away on purpose
        if self.saved_any:
            self.accept()  # the caller learns that something was saved
            return
        super().reject()

    # ------------------------------------------------------------------ status history
    def update_status(self) -> None:
        if self.task_id is None:
            return
        current = self._detail.history[-1].status if self._detail and self._detail.history else None
        dialog = StatusDialog(self.ctx, self.task_id, _short(self.title.toPlainText(), 120), self, current=current)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            self.saved_any = True
            self._reload_detail()

    def delete_history_entry(self) -> None:
        entry = self._selected(self.history, self.history_model)
        if entry is None:
            return
        question = T.CONFIRM_DELETE_ENTRY.format(status=S.RECORDED_STATUS.get(entry.status, entry.status),
                                                 date=format_date(entry.on_date))
        if not confirm(self, S.CONFIRM_DELETE_TITLE, question):
            return
        if self.ctx.write(self, core.delete_status_entry, entry.id) is not None:
            self.saved_any = True
        self._reload_detail()

    # ------------------------------------------------------------------ evidence
    def add_evidence_file(self):
        """Attach a file: hashed and copied into attachments/ on the worker thread (a 200 MB scan
        takes a second or more), one unit of work there. The job (desktop.ui.jobs.ProgressJob), or
        None when no file was chosen."""
        from desktop.ui.jobs import explain_failure, run_with_progress

        if self.task_id is None:
            return None
        path, _filter = QFileDialog.getOpenFileName(self, T.EVIDENCE_CHOOSE_FILE, "", T.EVIDENCE_FILE_FILTER)
        if not path:
            return None
        database, folder, task_id, source = self.ctx.db, self.ctx.folder, self.task_id, Path(path)

        def work(_ticket):
            with database.unit_of_work() as session:
                return core.add_evidence_file(session, folder, task_id, source)

        def done(changes) -> None:
            self.ctx.notify(changes)
            self.saved_any = True
            self._reload_detail()
            self.tabs.setCurrentIndex(TAB_EVIDENCE)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):  # missing, empty or too large: as AppContext.write shows it
                QMessageBox.warning(self, S.ERROR_TITLE, str(exc))
            else:
                explain_failure(self, exc, folder)

        return run_with_progress(self, S.JOB_EVIDENCE_TITLE, S.JOB_EVIDENCE.format(name=source.name), work, done,
                                 failed, cancellable=False)

    def add_evidence_citation(self) -> None:
        if self.task_id is None:
            return
        dialog = CitationDialog(self.ctx, self.task_id, self)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            self.saved_any = True
            self._reload_detail()

    def open_evidence(self) -> None:
        evidence = self._selected(self.evidence, self.evidence_model)
        if evidence is None:
            return
        if evidence.kind != "file":
            QMessageBox.information(self, T.TAB_EVIDENCE, T.EVIDENCE_NOT_A_FILE)
            return
        try:
            path = core.evidence_file(self.ctx.folder, evidence)
        except UserError as exc:
            QMessageBox.warning(self, S.ERROR_TITLE, str(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(self, S.ERROR_TITLE, T.OPEN_FAILED.format(name=evidence.file_name))

    def remove_evidence(self) -> None:
        evidence = self._selected(self.evidence, self.evidence_model)
        if evidence is None:
            return
        name = evidence.file_name if evidence.kind == "file" else evidence.citation
        if not confirm(self, S.CONFIRM_DELETE_TITLE, T.CONFIRM_REMOVE_EVIDENCE.format(name=_short(name, 120))):
            return
        if self.ctx.write(self, core.remove_evidence, evidence.id) is not None:
            self.saved_any = True
        self._reload_detail()


def _left(widget: QWidget) -> QWidget:
    """A field that keeps its natural width instead of stretching across the form."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    return holder


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
