"""The task list: filters above one table, the count, and the actions on the chosen task.

Rows are loaded once per reference date with desktop.core.tasks.list_tasks and filtered in
memory with filter_tasks (10,000 tasks filter and sort well under 100 ms); they are loaded
again when a change touches tasks (or what their columns show) or the reference date changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import status as st
from desktop.core import task_rows as core  # no SQLAlchemy: the list opens without loading it
from desktop.core.changes import DEPARTMENTS, DIRECTIVES, PLANS, TASKS
from desktop.core.errors import UserError
from desktop.core.vn import sort_key
from desktop.strings import common as S
from desktop.strings import tasks as T
from desktop.ui.common import confirm, shortcut
from desktop.ui.context import AppContext
from desktop.ui.tasks.fields import DateLineEdit
from desktop.ui.tasks.model import TaskTableModel

CUSTOM_RANGE = "custom"
TITLE_MIN_WIDTH = 260
SEARCH_DELAY_MS = 150
# Status filter choices: key stored in the combo -> derived statuses it keeps.
STATUS_CHOICES: list[tuple[str | None, str, frozenset[str]]] = [
    (None, T.FILTER_ALL_STATUSES, frozenset()),
    (st.OVERDUE, S.STATUS[st.OVERDUE], frozenset({st.OVERDUE})),
    (st.IN_PROGRESS_ON_TIME, S.STATUS[st.IN_PROGRESS_ON_TIME], frozenset({st.IN_PROGRESS_ON_TIME})),
    (st.NOT_STARTED, S.STATUS[st.NOT_STARTED], frozenset({st.NOT_STARTED})),
    (st.DONE_ON_TIME, S.STATUS[st.DONE_ON_TIME], frozenset({st.DONE_ON_TIME})),
    (st.DONE_LATE, S.STATUS[st.DONE_LATE], frozenset({st.DONE_LATE})),
    ("done", T.FILTER_DONE, frozenset({st.DONE_ON_TIME, st.DONE_LATE})),
    ("open", T.FILTER_OPEN, frozenset({st.NOT_STARTED, st.IN_PROGRESS_ON_TIME, st.OVERDUE})),
]
STATUS_SETS = {key: statuses for key, _label, statuses in STATUS_CHOICES}


def _combo(min_chars: int) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min_chars)
    combo.view().setMinimumWidth(combo.fontMetrics().horizontalAdvance("M" * 22))
    return combo


class TasksScreen(QWidget):
    help_topic = "tasks"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all_rows: list[core.TaskRow] = []
        self._as_of = date.today()
        self._as_of_chosen = False  # the user typed a reference date (otherwise: today)
        self._window: str | None = None  # a quick deadline choice, CUSTOM_RANGE or None
        self._fitting = False
        self._title_sized_by_user = False
        self._columns_chosen = False  # the user showed/hid columns (no automatic hiding then)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; padding: 4px 0;")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_actions())
        self._update_actions()

    # ------------------------------------------------------------------ building
    def _build_filters(self) -> QVBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText(T.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)

        self.status_filter = _combo(24)
        for key, label, _statuses in STATUS_CHOICES:
            self.status_filter.addItem(label, key)
        self.lead_filter = _combo(14)
        self.phase_filter = _combo(16)
        self.source_filter = _combo(15)
        for combo in (self.status_filter, self.lead_filter, self.phase_filter, self.source_filter):
            combo.currentIndexChanged.connect(self.apply_filters)

        self.window_filter = _combo(13)
        self.window_filter.addItem(T.FILTER_ANY_DEADLINE, None)
        for key in core.DEADLINE_WINDOWS:
            self.window_filter.addItem(T.DEADLINE_WINDOW[key], key)
        self.window_filter.addItem(T.FILTER_CUSTOM_RANGE, CUSTOM_RANGE)
        self.window_filter.currentIndexChanged.connect(self._window_chosen)
        self.deadline_from = DateLineEdit()
        self.deadline_to = DateLineEdit()
        for field in (self.deadline_from, self.deadline_to):
            field.textEdited.connect(self._range_typed)
            field.date_committed.connect(self.apply_filters)

        self.as_of = DateLineEdit()
        self.as_of.set_date(self._as_of)
        self.as_of.setToolTip(T.FILTER_AS_OF_TIP)
        self.as_of.date_committed.connect(self._as_of_committed)
        as_of_label = QLabel(T.FILTER_AS_OF)
        as_of_label.setToolTip(T.FILTER_AS_OF_TIP)

        self.clear_button = QPushButton(T.FILTER_CLEAR)
        self.clear_button.clicked.connect(self.clear_filters)

        # Three short rows that fit 1366×768 at 125 %: search and status; who/phase/source;
        # the deadline window and the reference date. The count sits beside the actions.
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(QLabel(T.FILTER_STATUS))
        first.addWidget(self.status_filter)
        first.addWidget(self.clear_button)

        second = QHBoxLayout()
        for label, combo in ((T.FILTER_LEAD, self.lead_filter), (T.FILTER_PHASE, self.phase_filter),
                             (T.FILTER_SOURCE, self.source_filter)):
            second.addWidget(QLabel(label))
            second.addWidget(combo)
            second.addSpacing(8)
        second.addStretch(1)

        third = QHBoxLayout()
        third.addWidget(QLabel(T.FILTER_DEADLINE))
        third.addWidget(self.window_filter)
        third.addWidget(QLabel(T.FILTER_FROM))
        third.addWidget(self.deadline_from)
        third.addWidget(QLabel(T.FILTER_TO))
        third.addWidget(self.deadline_to)
        third.addStretch(1)
        third.addWidget(as_of_label)
        third.addWidget(self.as_of)

        rows = QVBoxLayout()
        rows.setSpacing(6)
        for row in (first, second, third):
            row.setSpacing(6)
            rows.addLayout(row)
        return rows

    def _build_table(self) -> QTableView:
        self.model = TaskTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("task_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for index, column in enumerate(self.model.columns):
            if column.width:
                header.resizeSection(index, column.width)
        header.setSortIndicator(self.model.column_index("number"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionResized.connect(self._section_resized)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        shortcut(self.table, QKeySequence.StandardKey.Delete, self.delete_selected)
        return self.table

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(T.ADD)
        self.add_button.setToolTip(T.ADD_TIP)
        self.add_button.clicked.connect(self.new_item)
        self.open_button = QPushButton(T.OPEN)
        self.open_button.setToolTip(T.OPEN_TIP)
        self.open_button.clicked.connect(self.open_selected)
        self.status_button = QPushButton(T.UPDATE_STATUS)
        self.status_button.clicked.connect(self.update_status)
        self.delete_button = QPushButton(T.DELETE)
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-weight: 600;")
        for button in (self.add_button, self.open_button, self.status_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        row.addSpacing(16)
        row.addWidget(self.delete_button)
        return row

    def _header_menu(self, position) -> None:
        """Show or hide columns (right click on the header)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for index, column in enumerate(self.model.columns):
            if column.key in ("number", "title"):
                continue
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(index))
            action.toggled.connect(lambda shown, i=index: self._show_column(i, shown))
        menu.exec(header.mapToGlobal(position))

    def _show_column(self, index: int, shown: bool) -> None:
        self._columns_chosen = True
        self.table.horizontalHeader().setSectionHidden(index, not shown)
        self._fit_title()

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == self.model.column_index("title") and not self._fitting:
            self._title_sized_by_user = True

    def _fit_title(self) -> None:
        """Give the title what the other columns leave (until the user sizes it by hand)."""
        if self._title_sized_by_user:
            return
        header = self.table.horizontalHeader()
        title = self.model.column_index("title")
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != title and not header.isSectionHidden(i))
        available = (self.table.width() - 2 * self.table.frameWidth()
                     - self.table.verticalScrollBar().sizeHint().width())
        self._fitting = True
        header.resizeSection(title, max(TITLE_MIN_WIDTH, available - others))
        self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_title)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        """Load every task again (derived on the reference date) and re-apply the filters."""
        if not self._as_of_chosen and self._as_of != date.today():
            self._as_of = date.today()
            self.as_of.set_date(self._as_of)
        selected = self.selected_id()
        self._all_rows = self.ctx.read(core.list_tasks, self._as_of)
        self.model.set_numbering(self._all_rows)
        if not self._columns_chosen:  # no plan in use: the column would stay empty
            self.table.horizontalHeader().setSectionHidden(
                self.model.column_index("plan"), not any(r.plan_id for r in self._all_rows))
            self._fit_title()
        self._fill_choices()
        if self._window not in (None, CUSTOM_RANGE):
            self._set_window_dates()
        self.apply_filters()
        if selected is not None:
            self.select_task(selected)
        self._stale = False

    def on_changes(self, changes) -> None:
        if changes.touches(TASKS, DEPARTMENTS, DIRECTIVES, PLANS):
            self.refresh()

    def _fill_choices(self) -> None:
        """Lead, phase and source choices from the tasks themselves (what can match)."""
        leads = {r.lead_id: (r.lead, r.lead_name) for r in self._all_rows if r.lead_id is not None}
        phases = {r.phase for r in self._all_rows}
        sources: dict[int, str] = {}
        for r in self._all_rows:
            sources.update(zip(r.source_ids, r.sources))

        def refill(combo: QComboBox, all_label: str, items: list[tuple[str, object, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, None)
            for label, value, tip in items:
                combo.addItem(label, value)
                if tip:
                    combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

        refill(self.lead_filter, T.FILTER_ALL_DEPARTMENTS,
               sorted(((short, lead_id, name) for lead_id, (short, name) in leads.items()),
                      key=lambda item: sort_key(item[0])))
        phase_items = [(T.PHASE_ITEM.format(phase=p), p, "") for p in sorted((p for p in phases if p),
                                                                          key=core.phase_sort_key)]
        if "" in phases:
            phase_items.append((S.NO_PHASE, "", ""))
        refill(self.phase_filter, T.FILTER_ALL_PHASES, phase_items)
        refill(self.source_filter, T.FILTER_ALL_SOURCES,
               sorted(((label, directive_id, "") for directive_id, label in sources.items()),
                      key=lambda item: sort_key(item[0])))

    def criteria(self) -> core.TaskFilter:
        deadline_from, _message = self.deadline_from.try_date()
        deadline_to, _message = self.deadline_to.try_date()
        return core.TaskFilter(
            text=self.search.text(),
            statuses=STATUS_SETS.get(self.status_filter.currentData(), frozenset()),
            department_id=self.lead_filter.currentData(),
            phase=self.phase_filter.currentData(),
            directive_id=self.source_filter.currentData(),
            deadline_from=deadline_from,
            deadline_to=deadline_to,
            open_only=self._window == core.WINDOW_OVERDUE,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        rows = core.filter_tasks(self._all_rows, self.criteria())
        self.model.set_rows(rows)
        total = len(self._all_rows)
        self.count_label.setText(T.COUNT.format(shown=len(rows), total=total))
        if total == 0:
            self.empty_label.setText(T.EMPTY)
        elif not rows:
            self.empty_label.setText(T.EMPTY_FILTERED)
        self.empty_label.setVisible(not rows)
        if selected is not None:
            self.select_task(selected)
        self._update_actions()

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.lead_filter, self.phase_filter, self.source_filter, self.window_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._window = None
        self.deadline_from.set_date(None)
        self.deadline_to.set_date(None)
        self.search.clear()
        self.apply_filters()  # now, not after the typing delay

    # -- deadline window and reference date -----------------------------------------------
    def _window_chosen(self) -> None:
        self._window = self.window_filter.currentData()
        if self._window is None:
            self.deadline_from.set_date(None)
            self.deadline_to.set_date(None)
        elif self._window == CUSTOM_RANGE:
            self.deadline_from.setFocus()
        else:
            self._set_window_dates()
        self.apply_filters()

    def _set_window_dates(self) -> None:
        start, end, _open_only = core.deadline_window(self._window, self._as_of)
        self.deadline_from.set_date(start)
        self.deadline_to.set_date(end)

    def _range_typed(self) -> None:
        if self._window != CUSTOM_RANGE:
            self._window = CUSTOM_RANGE
            self.window_filter.blockSignals(True)
            self.window_filter.setCurrentIndex(self.window_filter.findData(CUSTOM_RANGE))
            self.window_filter.blockSignals(False)

    def _as_of_committed(self) -> None:
        value = self.as_of.date_value() or date.today()
        self._as_of_chosen = value != date.today()
        if value != self._as_of:
            self._as_of = value
            self.as_of.set_date(value)
            self.refresh()
        elif not self.as_of.text():
            self.as_of.set_date(value)

    def set_as_of(self, value: date) -> None:
        """Set the reference date (as if typed) and reload."""
        self.as_of.set_date(value)
        self._as_of_committed()

    # ------------------------------------------------------------------ selection
    def selected_row(self) -> core.TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def select_task(self, task_id: int) -> bool:
        index = self.model.row_index(task_id)
        if index is None:
            return False
        model_index = self.model.index(index, 0)
        self.table.selectionModel().select(
            model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(model_index)
        self.table.scrollTo(model_index)
        return True

    def _update_actions(self, *_args) -> None:
        chosen = self.selected_row() is not None
        for button in (self.open_button, self.status_button, self.delete_button):
            button.setEnabled(chosen)

    # ------------------------------------------------------------------ actions
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_item(self) -> None:
        dialog = self._dialog(None)
        dialog.exec()
        task_id = dialog.task_id
        dialog.deleteLater()
        if task_id is not None:
            self.select_task(task_id)

    def open_selected(self) -> None:
        task_id = self.selected_id()
        if task_id is None:
            return
        try:
            dialog = self._dialog(task_id)
        except UserError as exc:  # deleted meanwhile (e.g. by another copy of the program)
            QMessageBox.warning(self, S.ERROR_TITLE, str(exc))
            self.refresh()
            return
        dialog.exec()
        dialog.deleteLater()
        self.select_task(task_id)

    def update_status(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from desktop.ui.tasks.updates import StatusDialog

        current = st.DONE if st.is_done(row.status) else (st.IN_PROGRESS if row.started else st.NOT_STARTED)
        dialog = StatusDialog(self.ctx, row.id, row.title, self, current=current)
        dialog.exec()
        dialog.deleteLater()

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        title = row.title if len(row.title) <= 150 else row.title[:149] + "…"
        if confirm(self, S.CONFIRM_DELETE_TITLE, T.CONFIRM_DELETE.format(title=title)):
            from desktop.core.tasks import delete_task

            self.ctx.write(self, delete_task, row.id)

    def _dialog(self, task_id: int | None):
        from desktop.ui.tasks.detail import TaskDialog

        return TaskDialog(self.ctx, task_id, self)
