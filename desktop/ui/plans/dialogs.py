"""Small dialogs of the plan editor: picking basis directives, and a plan task form.

The task form is deliberately small (title, section, lead, coordinators, output, deadline);
the full task detail with history and evidence lives in desktop/ui/tasks/.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import directives as directive_service
from desktop.core import office
from desktop.core import plans as plan_service
from desktop.core import status as st
from desktop.core import tasks as task_service
from desktop.core.directives import DirectiveRow
from desktop.core.errors import ValidationError
from desktop.core.vn import ParseError, format_date, parse_date
from desktop.strings import common as S
from desktop.strings import plans as P
from desktop.ui.common import BaseDialog, ColumnTableModel, ErrorLabel, with_error
from desktop.ui.context import AppContext
from desktop.ui.plans.models import DIRECTIVE_COLUMNS


class BasisPickerDialog(BaseDialog):
    """Choose directives from the registry (those already chosen are left out)."""

    def __init__(self, ctx: AppContext, exclude_ids: set[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exclude_ids = set(exclude_ids)
        self.setWindowTitle(P.BASIS_PICKER_TITLE)
        self.resize(900, 480)

        self.search = QLineEdit()
        self.search.setPlaceholderText(S.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._load)
        self.model = ColumnTableModel(DIRECTIVE_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column_index("summary"), QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.doubleClicked.connect(lambda _index: self.accept())
        self.hint = QLabel(P.BASIS_PICKER_HINT)
        self.hint.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(P.BASIS_PICKER_ADD, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(S.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        rows = self.ctx.read(directive_service.list_directives, self.search.text())
        self.model.set_rows([r for r in rows if r.id not in self.exclude_ids])
        if not rows and not self.search.text():
            self.hint.setText(P.BASIS_PICKER_EMPTY)
        if self.model.rowCount():
            self.table.selectRow(0)

    def chosen(self) -> list[DirectiveRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]


class PlanTaskDialog(BaseDialog):
    """Add a task to a plan or edit one of its tasks (the appendix fields only)."""

    def __init__(
        self,
        ctx: AppContext,
        detail: plan_service.PlanDetail,
        task_id: int | None = None,
        section_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id = detail.id
        self.task_id = task_id
        self.setWindowTitle(P.TASK_DIALOG_EDIT if task_id else P.TASK_DIALOG_NEW)
        self.setMinimumWidth(680)

        if task_id is not None:
            self._base = ctx.read(task_service.get_task, task_id).data
        else:
            self._base = task_service.TaskInput(title="", plan_id=detail.id, section_id=section_id)
        base = self._base

        self.title = QPlainTextEdit()
        self.title.setTabChangesFocus(True)
        self.title.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.title.setPlainText(base.title)

        self.section = QComboBox()
        self.section.addItem(P.TASK_NO_SECTION, None)
        for choice in plan_service.section_choices(detail):
            self.section.addItem(choice.title, choice.id)
        self.section.setCurrentIndex(max(0, self.section.findData(base.section_id)))
        self.section.setMinimumContentsLength(30)
        self.section.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        departments = ctx.read(office.list_departments)
        chosen = {base.lead_department_id, *base.coordinator_ids}
        departments = [d for d in departments if d.active or d.id in chosen]
        self.lead = QComboBox()
        self.lead.addItem(P.TASK_NO_LEAD, None)
        for department in departments:
            self.lead.addItem(department.label, department.id)
        self.lead.setCurrentIndex(max(0, self.lead.findData(base.lead_department_id)))
        self.lead_note = QLineEdit(base.lead_note)
        self.lead_note.setPlaceholderText(P.TASK_PLACEHOLDER_LEAD_NOTE)

        self.coordinator_model = QStandardItemModel(self)
        for department in departments:
            item = QStandardItem(department.label)
            item.setData(department.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if department.id in base.coordinator_ids else Qt.CheckState.Unchecked)
            self.coordinator_model.appendRow(item)
        self.coordinators = QListView()
        self.coordinators.setModel(self.coordinator_model)
        self.coordinators.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        self.coordination_note = QLineEdit(base.coordination_note)
        self.coordination_note.setPlaceholderText(P.TASK_PLACEHOLDER_COORDINATION)

        self.expected_output = QLineEdit(base.expected_output)
        self.expected_output.setPlaceholderText(P.TASK_PLACEHOLDER_OUTPUT)

        self.recurrence = QComboBox()
        for key, label in S.RECURRENCE.items():
            self.recurrence.addItem(label, key)
        self.recurrence.setCurrentIndex(max(0, self.recurrence.findData(base.recurrence)))
        self.recurrence.currentIndexChanged.connect(self._sync_deadline)
        self.deadline = QLineEdit(format_date(base.deadline))
        self.deadline.setPlaceholderText(P.PLACEHOLDER_DATE)
        self.deadline.setToolTip(P.DATE_TIP)
        self.deadline.setMaximumWidth(170)
        self.deadline_note = QLineEdit(base.deadline_note)
        self.deadline_note.setPlaceholderText(P.TASK_PLACEHOLDER_DEADLINE_NOTE)

        self.errors = {key: ErrorLabel() for key in (
            "title", "section_id", "lead_department_id", "coordinator_ids", "expected_output", "recurrence",
            "deadline", "general")}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(P.TASK_LABEL_TITLE, with_error(self.title, self.errors["title"]))
        form.addRow(P.TASK_LABEL_SECTION, with_error(self.section, self.errors["section_id"]))
        form.addRow(P.TASK_LABEL_LEAD, with_error(self.lead, self.errors["lead_department_id"]))
        form.addRow(P.TASK_LABEL_LEAD_NOTE, self.lead_note)
        form.addRow(P.TASK_LABEL_COORDINATORS, with_error(self.coordinators, self.errors["coordinator_ids"]))
        form.addRow(P.TASK_LABEL_COORDINATION_NOTE, self.coordination_note)
        form.addRow(P.TASK_LABEL_OUTPUT, with_error(self.expected_output, self.errors["expected_output"]))
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.recurrence, 1)
        deadline_row.addWidget(QLabel(P.TASK_LABEL_DEADLINE))
        deadline_row.addWidget(self.deadline)
        form.addRow(P.TASK_LABEL_RECURRENCE, with_error(deadline_row, self.errors["recurrence"], self.errors["deadline"]))
        form.addRow(P.TASK_LABEL_DEADLINE_NOTE, self.deadline_note)

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(S.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(S.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["general"])
        layout.addWidget(buttons)
        self._sync_deadline()

    def _sync_deadline(self) -> None:
        cyclic = self.recurrence.currentData() in st.CYCLIC
        self.deadline.setEnabled(not cyclic)
        if cyclic:
            self.deadline.clear()

    def set_checked_coordinators(self, ids: set[int]) -> None:
        for row in range(self.coordinator_model.rowCount()):
            item = self.coordinator_model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids
                               else Qt.CheckState.Unchecked)

    def _coordinator_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.coordinator_model.rowCount()):
            item = self.coordinator_model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(ids)

    def accept(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        try:
            deadline = parse_date(self.deadline.text()) if self.deadline.isEnabled() else None
        except ParseError as exc:
            self.errors["deadline"].show_message(str(exc))
            self.deadline.setFocus()
            return
        data = replace(
            self._base,
            title=self.title.toPlainText(),
            section_id=self.section.currentData(),
            lead_department_id=self.lead.currentData(),
            lead_note=self.lead_note.text(),
            coordinator_ids=self._coordinator_ids(),
            coordination_note=self.coordination_note.text(),
            expected_output=self.expected_output.text(),
            recurrence=self.recurrence.currentData(),
            deadline=deadline,
            deadline_note=self.deadline_note.text(),
            position=None,
        )
        try:
            result = self.ctx.write(self, plan_service.save_plan_task, self.plan_id, self.task_id, data)
        except ValidationError as exc:
            for key, message in exc.problems.items():
                self.errors.get(key, self.errors["general"]).show_message(message)
            return
        if result is None:
            return
        self.task_id = result[0]
        super().accept()
