"""The plans screen: a searchable list of plans, and the plan editor on a second page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import plans as plan_service
from desktop.core.changes import DEPARTMENTS, DIRECTIVES, PLANS, TASKS, Changes
from desktop.strings import common as S
from desktop.strings import plans as P
from desktop.strings import reports_ui as RU
from desktop.ui.common import ColumnTableModel, confirm, make_title
from desktop.ui.context import AppContext
from desktop.ui.plans.editor import PlanEditor
from desktop.ui.plans.models import PLAN_COLUMNS

WATCHED = (PLANS, TASKS, DIRECTIVES, DEPARTMENTS)


class PlansScreen(QWidget):
    help_topic = "plans"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._list_stale = True

        # -- list page
        self.list_page = QWidget()
        title = make_title(QLabel(P.LIST_TITLE))
        self.search = QLineEdit()
        self.search.setPlaceholderText(P.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh_list)
        self.new_button = QPushButton(P.NEW_PLAN)
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_item)
        self.open_button = QPushButton(P.OPEN_PLAN)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(P.DELETE_PLAN)
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button = QPushButton(RU.PLAN_PRINT)
        self.print_button.setObjectName("plan_print")
        self.print_button.setToolTip(RU.PLAN_PRINT_TIP)
        self.print_button.clicked.connect(self.print_current)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.print_button)
        top.addWidget(self.delete_button)

        self.model = ColumnTableModel(PLAN_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column_index("summary"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()
        self.empty_label = QLabel(P.EMPTY_LIST)
        self.empty_label.setWordWrap(True)

        list_layout = QVBoxLayout(self.list_page)
        list_layout.addLayout(top)
        list_layout.addWidget(self.empty_label)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        # -- editor page
        self.editor = PlanEditor(ctx)
        self.editor.back_requested.connect(self.show_list)
        self.editor.delete_requested.connect(self._delete_from_editor)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        self._update_buttons()

    # -- the screen protocol (main window) ---------------------------------------------------
    def refresh(self) -> None:
        self.refresh_list()
        if self.editing() and not self.editor.is_dirty():
            self.editor.reload()

    def on_changes(self, changes: Changes) -> None:
        if not changes.touches(*WATCHED):
            return
        if self.editing():
            self._list_stale = True
            if not self.editor.busy:
                self.editor.reload()
        else:
            self.refresh_list()

    def new_item(self) -> None:
        if self.editing() and not self.editor.can_close():
            return
        self.editor.open_plan(None)
        self.pages.setCurrentWidget(self.editor)

    def save(self) -> bool:
        return self.editor.save() if self.editing() else False

    def focus_search(self) -> None:
        if self.editing():
            if not self.editor.can_close():
                return
            self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def can_close(self) -> bool:
        return self.editor.can_close() if self.editing() else True

    def print_current(self) -> bool:
        """Preview (then print or save as PDF) the plan being edited, or the one selected (Ctrl+P)."""
        if self.editing():
            if self.editor.is_dirty() and not self.editor.save():
                return False
            plan_id = self.editor.plan_id
        else:
            plan = self.selected_plan()
            plan_id = plan.id if plan is not None else None
        if plan_id is None:
            return False
        from desktop.core import compose
        from desktop.ui.reports.screen import ascii_name, preview_document

        detail = self.ctx.read(plan_service.get_plan, plan_id)
        label = detail.header.number_symbol.replace("/", "-") or P.LIST_TITLE
        return preview_document(self, self.ctx, lambda session: compose.plan_document(session, plan_id),
                                ascii_name(f"KH {label}"))

    # -- list page ----------------------------------------------------------------------------
    def editing(self) -> bool:
        return self.pages.currentWidget() is self.editor

    def refresh_list(self) -> None:
        selected = self.selected_plan()
        rows = self.ctx.read(plan_service.list_plans, self.search.text())
        self.model.set_rows(rows)
        self._list_stale = False
        self.empty_label.setVisible(not rows and not self.search.text())
        self.count_label.setText(P.PLAN_COUNT.format(count=len(rows)))
        if selected is not None:
            self.select_plan(selected.id)
        elif rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_plan(self) -> plan_service.PlanRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def select_plan(self, plan_id: int) -> None:
        for row, plan in enumerate(self.model.rows()):
            if plan.id == plan_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has = self.selected_plan() is not None
        self.open_button.setEnabled(has)
        self.print_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def show_list(self) -> None:
        plan_id = self.editor.plan_id
        self.pages.setCurrentWidget(self.list_page)
        self.refresh_list()
        if plan_id is not None:
            self.select_plan(plan_id)
        self.table.setFocus()

    def open_plan(self, plan_id: int) -> None:
        if self.editing() and not self.editor.can_close():
            return
        self.editor.open_plan(plan_id)
        self.pages.setCurrentWidget(self.editor)

    def open_selected(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.open_plan(plan.id)

    def delete_selected(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.delete_plan(plan.id)

    def delete_plan(self, plan_id: int) -> bool:
        detail = self.ctx.read(plan_service.get_plan, plan_id)
        label = detail.header.number_symbol or detail.header.summary
        label = label if len(label) <= 80 else label[:80] + "…"
        count = len(detail.appendix)
        question = (P.CONFIRM_DELETE_DETACH.format(value=label, count=count) if count
                    else P.CONFIRM_DELETE.format(value=label))
        if not confirm(self, S.CONFIRM_DELETE_TITLE, question):
            return False
        result = self.ctx.write(self, plan_service.delete_plan, plan_id, bool(count))
        if result is None:
            return False
        self.refresh_list()
        return True

    def _delete_from_editor(self, plan_id: int) -> None:
        if self.delete_plan(plan_id):
            self.editor.plan_id = None
            self.editor._header_dirty = self.editor._section_dirty = False
            self.show_list()
