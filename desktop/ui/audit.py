"""The audit trail on screen: a history panel for one record and the filterable log screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core import audit
from desktop.core.audit import AuditRow
from desktop.core.vn import format_date
from desktop.strings import audit as A
from desktop.ui.common import Column, ColumnTableModel, list_table
from desktop.ui.context import AppContext
from desktop.ui.office import TitleLabel
from desktop.ui.tasks.fields import DateLineEdit

SEARCH_DELAY_MS = 250


def when_text(row: AuditRow) -> str:
    return f"{row.at:%H:%M} {format_date(row.at.date())}"


def _history_columns() -> list[Column]:
    return [
        Column("at", A.COLUMNS[0], when_text, sort_value=lambda r: r.at),
        Column("who", A.COLUMNS[1], lambda r: r.who),
        Column("action", A.COLUMNS[2], lambda r: r.action_text),
        Column("text", A.COLUMNS[3], lambda r: r.text, tooltip=lambda r: r.text.replace(A.SEPARATOR, "\n")),
    ]


def _log_columns() -> list[Column]:
    return [
        Column("at", A.LOG_COLUMNS[0], when_text, sort_value=lambda r: r.at),
        Column("who", A.LOG_COLUMNS[1], lambda r: r.who),
        Column("table", A.LOG_COLUMNS[2], lambda r: r.table_text),
        Column("label", A.LOG_COLUMNS[3], lambda r: r.label, tooltip=lambda r: r.label or None),
        Column("action", A.LOG_COLUMNS[4], lambda r: r.action_text),
        Column("text", A.LOG_COLUMNS[5], lambda r: r.text, tooltip=lambda r: r.text.replace(A.SEPARATOR, "\n")),
    ]


class HistoryPanel(QWidget):
    """The changes of one record, newest first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._record: tuple[str, int] | None = None
        self.model = ColumnTableModel(_history_columns(), self)
        self.view = list_table(self.model, "audit_history", {"at": 12.5, "who": 10, "action": 6.5})
        self.view.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        # The chosen change in full, one field per line (the table shows one line of it).
        self.detail = QLabel()
        self.detail.setObjectName("audit_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_detail(current.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)

    def _show_detail(self, row: int) -> None:
        rows = self.model.rows()
        if not 0 <= row < len(rows):
            self.detail.setText("")
            return
        entry = rows[row]
        self.detail.setText(f"{when_text(entry)} — {entry.who} — {entry.action_text}:\n"
                            + entry.text.replace(A.SEPARATOR, "\n"))

    def show_record(self, table: str, record_id: int | None) -> None:
        self._record = (table, record_id) if record_id is not None else None
        self.refresh()

    def refresh(self) -> None:
        rows = self.ctx.read(audit.history, *self._record) if self._record else []
        self.model.set_rows(rows)
        self.hint.setText("" if rows else A.HISTORY_EMPTY)
        self.detail.setText("")
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))
            self._show_detail(0)


class AuditLogScreen(QWidget):
    """Every recorded change, filtered by person, kind of record, dates and words."""

    help_topic = "audit"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.who = QComboBox()
        self.who.setObjectName("audit_who")
        self.table = QComboBox()
        self.table.setObjectName("audit_table")
        self.table.addItem(A.ALL_TABLES, None)
        for key, name in A.TABLE.items():
            self.table.addItem(name, key)
        self.since = DateLineEdit()
        self.since.setObjectName("audit_since")
        self.until = DateLineEdit()
        self.until.setObjectName("audit_until")
        self.text = QLineEdit()
        self.text.setObjectName("audit_text")
        self.text.setPlaceholderText(A.FILTER_TEXT_PLACEHOLDER)
        self.text.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.who.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.since.date_committed.connect(self.apply_filter)
        self.until.date_committed.connect(self.apply_filter)

        filters = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow(A.FILTER_WHO, self.who)
        left.addRow(A.FILTER_TABLE, self.table)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel(A.FILTER_UNTIL))
        dates.addWidget(self.until)
        dates.addStretch(1)
        right.addRow(A.FILTER_SINCE, dates)
        right.addRow(A.FILTER_TEXT, self.text)
        filters.addLayout(left, 1)
        filters.addLayout(right, 1)

        self.model = ColumnTableModel(_log_columns(), self)
        self.view = list_table(self.model, "audit_log", {"at": 12.5, "who": 10, "table": 11, "label": 20, "action": 6.5})
        self.view.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        hint = QLabel(A.LOG_HINT)
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(TitleLabel(A.LOG_TITLE))
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)

    def refresh(self) -> None:
        chosen = self.who.currentData()
        people = self.ctx.read(audit.people)
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(A.ALL_PEOPLE, None)
        for person in people:
            self.who.addItem(person, person)
        index = self.who.findData(chosen)
        self.who.setCurrentIndex(max(index, 0))
        self.who.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self._timer.stop()
        since, since_error = self.since.try_date()
        until, until_error = self.until.try_date()
        problem = since_error or until_error
        if not problem and since and until and since > until:
            problem = A.BAD_RANGE
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        if problem:
            return
        limit = 500
        rows = self.ctx.read(audit.search, who=self.who.currentData(), table=self.table.currentData(),
                             since=since, until=until, text=self.text.text(), limit=limit)
        self.model.set_rows(rows)
        self.count.setText((A.COUNT_LIMITED if len(rows) >= limit else A.COUNT).format(count=len(rows)))
