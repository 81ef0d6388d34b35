"""«Gửi xuống cấp dưới»: a package of tasks (all, or one plan's), an outline, or the indicator
catalogue for the units below (desktop.core.downward.export_downward, on the worker thread), and
the import of a task list the city sent as an Excel table (H3's dialog)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.vn import shorten
from desktop.strings import exchange_ui as S
from desktop.ui import jobs
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import explain_failure, save_row, size_text
from desktop.ui.office import hint_label

KINDS = ("tasks", "outline", "indicators")


def _choices(session):
    from desktop.core import outlines, plans

    plan_rows = [(p.id, shorten(f"{p.label} — {p.summary}", 110)) for p in plans.list_plans(session)]
    outline_rows = [(o.id, shorten(o.name, 110)) for o in outlines.list_outlines(session, "report")]
    return plan_rows, outline_rows


class DownwardTab(QWidget):
    exported = Signal(object)  # Path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.Job | None = None
        self.last_path: Path | None = None

        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for kind, label in zip(KINDS, (S.DOWN_TASKS, S.DOWN_OUTLINE, S.DOWN_INDICATORS)):
            button = QRadioButton(label)
            button.setObjectName(f"down_{kind}")
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
        self.kind_buttons["tasks"].setChecked(True)
        self.kind_group.buttonToggled.connect(lambda *_a: self._update())
        self.summary = QLabel()
        self.summary.setObjectName("down_summary")
        self.summary.setWordWrap(True)

        self.plan = QComboBox()
        self.plan.setObjectName("down_plan")
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan.setMinimumContentsLength(40)
        self.outline = QComboBox()
        self.outline.setObjectName("down_outline")
        self.outline.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.outline.setMinimumContentsLength(40)
        self.plan.currentIndexChanged.connect(lambda *_a: self._update())
        self.outline.currentIndexChanged.connect(lambda *_a: self._update())

        box = QGroupBox(S.SEND_CONTENT)
        grid = QGridLayout(box)
        grid.addWidget(self.kind_buttons["tasks"], 0, 0)
        grid.addWidget(QLabel(S.DOWN_PLAN), 0, 1)
        grid.addWidget(self.plan, 0, 2)
        grid.addWidget(self.kind_buttons["outline"], 1, 0)
        grid.addWidget(self.outline, 1, 2)
        grid.addWidget(self.kind_buttons["indicators"], 2, 0)
        grid.addWidget(self.summary, 3, 0, 1, 3)
        grid.setColumnStretch(2, 1)

        actions = save_row(self, "down", S.DOWN_SAVE, self.save_package)

        self.sheet_button = QPushButton(S.DOWN_XLSX)
        self.sheet_button.setObjectName("down_task_sheet")
        self.sheet_button.setAutoDefault(False)
        self.sheet_button.clicked.connect(self.import_task_sheet)
        sheet_box = QGroupBox(S.DOWN_XLSX.rstrip("…"))
        sheet_layout = QVBoxLayout(sheet_box)
        sheet_layout.addWidget(hint_label(S.DOWN_XLSX_HINT))
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_button)
        sheet_row.addStretch(1)
        sheet_layout.addLayout(sheet_row)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(S.DOWN_INTRO))
        layout.addWidget(box)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addSpacing(12)
        layout.addWidget(sheet_box)
        layout.addWidget(hint_label(S.DOWN_RECEIVED_HINT))
        layout.addStretch(1)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.core import outlines

        self.ctx.write(self, outlines.ensure_builtins)  # the built-in outlines, as the reports screen does
        plan_rows, outline_rows = self.ctx.read(_choices)
        choices = ((self.plan, plan_rows, (None, S.DOWN_ALL_TASKS)), (self.outline, outline_rows, None))
        for combo, rows, first in choices:
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for item_id, label in ([first] if first else []) + rows:
                combo.addItem(label, item_id)
                combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._update()

    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def options(self) -> dict:
        kind = self.kind()
        if kind == "tasks":
            return {"plan_id": self.plan.currentData()}
        if kind == "outline":
            return {"outline_id": self.outline.currentData()}
        return {}

    def _update(self) -> None:
        from desktop.core import downward
        from desktop.core.errors import UserError

        kind, options = self.kind(), self.options()
        self.plan.setEnabled(kind == "tasks")
        self.outline.setEnabled(kind == "outline")
        ready = kind != "outline" or options["outline_id"] is not None
        if ready:
            try:
                text = S.DOWN_SUMMARY.format(what=self.ctx.read(
                    lambda s: downward.describe(downward.collect_downward(s, kind, **options), kind)))
            except UserError as exc:
                text, ready = str(exc), False
        else:
            text = S.DOWN_NO_OUTLINE
        self.summary.setText(text)
        self.save_button.setEnabled(self.job is None and ready)

    # -- saving --------------------------------------------------------------------------------
    def default_path(self) -> Path:
        return Path(self.ctx.folder.exports) / S.DOWN_FILE[self.kind()].format(stamp=date.today().strftime("%Y%m%d"))

    def save_package(self, path: str | Path | None = None) -> jobs.Job | None:
        if self.job is not None:
            return None
        kind = self.kind()
        if not self.save_button.isEnabled():
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, S.DOWN_SAVE_TITLE, str(self.default_path()),
                                                          S.FILE_FILTER)
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        if target.suffix.lower() != ".nq57":
            target = target.with_name(target.name + ".nq57")
        options, database = self.options(), self.ctx.db

        def work(_job):
            from desktop.core import downward

            return downward.export_downward(database, kind, target, **options)

        self.result.clear()
        self.busy.show()
        self.job = jobs.start(self, work, self._saved, self._failed)
        self._update()
        return self.job

    def _saved(self, written) -> None:
        self.job = None
        self.busy.hide()
        path = Path(written)
        self.last_path = path
        size = path.stat().st_size if path.exists() else 0
        self.result.show_file(S.DOWN_SAVED.format(path=path, size=size_text(size)), path)
        self._update()
        self.exported.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.busy.hide()
        self._update()
        explain_failure(self, exc, self.ctx.folder)

    def import_task_sheet(self) -> None:
        from desktop.ui.exchange.task_sheet_dialog import run_task_sheet_import

        run_task_sheet_import(self.ctx, self)
        self.refresh()

