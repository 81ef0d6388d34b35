"""Danh mục chỉ tiêu: the indicators by catalogue and group, with add, edit and retire.
Codes are never changed nor reused (checked by desktop.core.indicators.save_indicator)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import indicators as core
from desktop.core.errors import ValidationError
from desktop.core.vn import matches
from desktop.strings import indicators as S
from desktop.ui.common import (
    BaseDialog,
    Column,
    ColumnTableModel,
    ErrorLabel,
    confirm,
    list_table,
    shortcut,
    with_error,
)
from desktop.ui.context import AppContext

CENTER = Qt.AlignmentFlag.AlignCenter
TARGET_LINE = re.compile(r"\s*(\d{4})\s*[:=]\s*(.+?)\s*")


def targets_text(row: core.IndicatorRow) -> str:
    return "; ".join(f"{t.year}: {t.text}" for t in row.targets)


def parse_target_lines(text: str) -> tuple[dict[int, str], str]:
    """"2025: ≥ 60%" lines -> {2025: "≥ 60%"}; the message of the first unreadable line."""
    targets: dict[int, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = TARGET_LINE.fullmatch(line)
        if match is None:
            return targets, S.FORM_BAD_TARGET_LINE.format(line=line.strip())
        targets[int(match.group(1))] = match.group(2)
    return targets, ""


class CatalogueTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("code", S.CATALOGUE_HEADERS[0], lambda r: r.code),
            Column("name", S.CATALOGUE_HEADERS[1], lambda r: r.name + (S.CATALOGUE_COMPUTED if r.computed else ""),
                   tooltip=lambda r: r.name),
            Column("unit", S.CATALOGUE_HEADERS[2], lambda r: r.unit, CENTER),
            Column("kind", S.CATALOGUE_HEADERS[3], lambda r: S.KINDS.get(r.kind, r.kind)),
            Column("group", S.CATALOGUE_HEADERS[4], lambda r: r.group_name, tooltip=lambda r: r.group_name),
            Column("targets", S.CATALOGUE_HEADERS[5], targets_text, tooltip=targets_text),
            Column("state", S.CATALOGUE_HEADERS[6],
                   lambda r: S.CATALOGUE_RETIRED_STATE if r.retired else S.CATALOGUE_ACTIVE_STATE),
        ], parent)


class IndicatorDialog(BaseDialog):
    """Add or edit one indicator (IndicatorInput); problems appear under their fields."""

    def __init__(self, ctx: AppContext, groups: list[core.GroupRow], row: core.IndicatorRow | None = None,
                 parent: QWidget | None = None, group_code: str | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.indicator_id: int | None = None
        self.setWindowTitle(S.FORM_TITLE_EDIT.format(code=row.code) if row else S.FORM_TITLE_NEW)
        self.code = QLineEdit(row.code if row else "")
        self.code.setToolTip(S.FORM_CODE_TIP)
        self.code.setReadOnly(row is not None)
        self.name = QLineEdit(row.name if row else "")
        self.group = QComboBox()
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group.setMinimumContentsLength(36)
        for group in groups:
            self.group.addItem(group.name, group.code)
            self.group.setItemData(self.group.count() - 1, S.CATALOGUES.get(group.catalogue, group.catalogue),
                                   Qt.ItemDataRole.ToolTipRole)
        chosen = row.group_code if row else group_code
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.unit = QLineEdit(row.unit if row else "")
        self.kind = QComboBox()
        for key in core.KINDS:
            self.kind.addItem(S.KINDS[key], key)
        self.kind.setCurrentIndex(self.kind.findData(row.kind if row else "count"))
        self.department = QLineEdit(row.department if row else "")
        self.source = QLineEdit(row.source if row else "")
        self.formula = QLineEdit(row.formula if row else "")
        self.formula.setPlaceholderText(S.FORM_FORMULA_TIP)
        self.decimals = QSpinBox()
        self.decimals.setRange(0, 6)
        self.decimals.setValue(row.decimals if row else 0)
        self.targets = QPlainTextEdit("\n".join(f"{t.year}: {t.text}" for t in row.targets) if row else "")
        self.targets.setPlaceholderText(S.FORM_TARGETS_TIP)
        self.targets.setToolTip(S.FORM_TARGETS_TIP)
        self.targets.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.errors = {key: ErrorLabel() for key in ("code", "name", "group_code", "kind", "formula", "decimals", "targets")}

        form = QFormLayout()
        form.addRow(S.FORM_CODE, with_error(self.code, self.errors["code"]))
        form.addRow(S.FORM_NAME, with_error(self.name, self.errors["name"]))
        form.addRow(S.FORM_GROUP, with_error(self.group, self.errors["group_code"]))
        form.addRow(S.FORM_UNIT, self.unit)
        form.addRow(S.FORM_KIND, with_error(self.kind, self.errors["kind"]))
        form.addRow(S.FORM_DEPARTMENT, self.department)
        form.addRow(S.FORM_SOURCE, self.source)
        form.addRow(S.FORM_FORMULA, with_error(self.formula, self.errors["formula"]))
        form.addRow(S.FORM_DECIMALS, with_error(self.decimals, self.errors["decimals"]))
        targets_holder = with_error(self.targets, self.errors["targets"])
        self.targets.textChanged.connect(lambda: self.errors["targets"].show_message(""))
        form.addRow(S.FORM_TARGETS, targets_holder)
        buttons = QDialogButtonBox()
        buttons.addButton(S.FORM_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(S.FORM_CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 60, self.sizeHint().height())

    def save(self) -> bool:
        for label in self.errors.values():
            label.show_message("")
        targets, problem = parse_target_lines(self.targets.toPlainText())
        if problem:
            self.errors["targets"].show_message(problem)
            return False
        data = core.IndicatorInput(
            code=self.code.text(), name=self.name.text(), group_code=self.group.currentData() or "",
            unit=self.unit.text(), kind=self.kind.currentData(), department=self.department.text(),
            source=self.source.text(), formula=self.formula.text(), decimals=self.decimals.value(),
            targets=targets, id=self.row.id if self.row else None)
        try:
            result = self.ctx.write(self, core.save_indicator, data)
        except ValidationError as exc:
            for key, message in exc.problems.items():
                self.errors.get(key, self.errors["name"]).show_message(message)
            return False
        if result is None:
            return False
        self.indicator_id = result[0]
        self.accept()
        return True


class CataloguePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rows: list[core.IndicatorRow] = []
        self.catalogue = QComboBox()
        self.catalogue.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalogue.setMinimumContentsLength(30)
        self.catalogue.currentIndexChanged.connect(self.load)
        self.search = QLineEdit()
        self.search.setPlaceholderText(S.CATALOGUE_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.show_retired = QCheckBox(S.CATALOGUE_SHOW_RETIRED)
        self.show_retired.toggled.connect(self.load)
        self.model = CatalogueTableModel(self)
        self.table = list_table(self.model, "catalogue_table",
                                {"code": 11, "unit": 5, "kind": 7, "group": 11, "targets": 14, "state": 10})
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.model.column_index("name"), QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(False)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        shortcut(self.table, QKeySequence.StandardKey.Delete, self.retire_selected)

        self.add_button = QPushButton(S.ADD_INDICATOR)
        self.add_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(S.EDIT_INDICATOR)
        self.edit_button.clicked.connect(self.edit_selected)
        self.retire_button = QPushButton(S.RETIRE_INDICATOR)
        self.retire_button.clicked.connect(self.retire_selected)
        self.count = QLabel()

        top = QHBoxLayout()
        top.addWidget(QLabel(S.CATALOGUE_PICK))
        top.addWidget(self.catalogue)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_retired)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addSpacing(16)
        actions.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_actions()

    def set_catalogues(self, catalogues: list[tuple[str, str]]) -> None:
        current = self.catalogue.currentData()
        self.catalogue.blockSignals(True)
        self.catalogue.clear()
        self.catalogue.addItem(S.PROGRESS_ALL, None)
        for code, name in catalogues:
            self.catalogue.addItem(name, code)
        self.catalogue.setCurrentIndex(max(0, self.catalogue.findData(current)))
        self.catalogue.blockSignals(False)

    def load(self) -> None:
        self._rows = self.ctx.read(core.list_indicators, self.catalogue.currentData(),
                                   include_retired=self.show_retired.isChecked())
        self.apply_filter()

    def apply_filter(self) -> None:
        selected = self.selected()
        text = self.search.text()
        rows = [r for r in self._rows if matches(text, r.code, r.name, r.group_name)]
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)}/{len(self._rows)}")
        if selected is not None:
            self.select(selected.code)
        self._update_actions()

    def selected(self) -> core.IndicatorRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, code: str) -> bool:
        for index, row in enumerate(self.model.rows()):
            if row.code == code:
                self.table.selectRow(index)
                return True
        return False

    def _update_actions(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.retire_button.setEnabled(row is not None and not row.retired)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def dialog(self, row: core.IndicatorRow | None) -> IndicatorDialog:
        groups = self.ctx.read(core.list_groups)
        current = self.selected()
        return IndicatorDialog(self.ctx, groups, row, self, group_code=current.group_code if current else None)

    def new_item(self) -> None:
        dialog = self.dialog(None)
        dialog.exec()
        code = dialog.code.text().strip().upper() if dialog.indicator_id is not None else None
        dialog.deleteLater()
        if code:
            self.select(code)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = self.dialog(row)
        dialog.exec()
        dialog.deleteLater()
        self.select(row.code)

    def retire_selected(self) -> None:
        row = self.selected()
        if row is None or row.retired:
            return
        if confirm(self, S.RETIRE_TITLE, S.RETIRE_QUESTION.format(name=row.name, code=row.code)):
            self.ctx.write(self, core.retire_indicator, row.code)
