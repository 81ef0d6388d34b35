"""Data entry for one indicator group and one period: an editable table model, a view that
moves down to the next value on Enter/Tab, and the panel around it (save with validation,
warnings to confirm, closing and reopening the period, the closure history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import indicators as core
from desktop.core.errors import ValidationError
from desktop.core.periods import Period
from desktop.core.vn import format_date
from desktop.strings import common as C
from desktop.strings import drafts as D
from desktop.strings import indicators as S
from desktop.ui.common import ask_save_changes, confirm
from desktop.ui.context import AppContext

NUMBER, NAME, UNIT, PREVIOUS, VALUE, TARGET, ACHIEVEMENT, COMMENT = range(8)
EDITABLE = (VALUE, COMMENT)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
ERROR_BACKGROUND, WARNING_BACKGROUND = QColor("#f9dedc"), QColor("#fff4ce")
COMPUTED_BACKGROUND, EDITED_BACKGROUND = QColor("#eef1f5"), QColor("#e6f4ea")
ACHIEVEMENT_COLOURS = {core.MET: QColor("#1b6e20"), core.NOT_MET: QColor("#b3261e"), core.NO_DATA: QColor("#5f6368")}


def _ask_note(parent: QWidget, title: str, label: str) -> str | None:
    """A note typed by the user (None when cancelled). Tests replace this function."""
    text, ok = QInputDialog.getMultiLineText(parent, title, label)
    return text if ok else None


class EntryTableModel(QAbstractTableModel):
    """The values of one group in one period; the value and comment cells are editable
    (except computed indicators and a closed period). Edits are kept as typed text."""

    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[core.ValueRow] = []
        self.values: dict[str, str] = {}  # code -> typed text (only what differs from the stored text)
        self.comments: dict[str, str] = {}
        self.errors: dict[str, str] = {}
        self.warnings: dict[str, str] = {}
        self.read_only = False

    # -- data in/out ------------------------------------------------------------------
    def set_rows(self, rows: list[core.ValueRow], read_only: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.values, self.comments, self.errors, self.warnings = {}, {}, {}, {}
        self.read_only = read_only
        self.endResetModel()

    def row_at(self, row: int) -> core.ValueRow:
        return self._rows[row]

    def rows(self) -> list[core.ValueRow]:
        return list(self._rows)

    def row_of(self, code: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.indicator.code == code), None)

    def dirty(self) -> bool:
        return bool(self.values or self.comments)

    def set_problems(self, errors: dict[str, str], warnings: dict[str, str]) -> None:
        self.errors, self.warnings = dict(errors), dict(warnings)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COMMENT))

    def is_editable(self, row: int, column: int) -> bool:
        if self.read_only or column not in EDITABLE or not 0 <= row < len(self._rows):
            return False
        indicator = self._rows[row].indicator
        return not (column == VALUE and indicator.computed) and not indicator.retired

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(S.ENTRY_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return S.ENTRY_HEADERS[section] if 0 <= section < len(S.ENTRY_HEADERS) else None
        return section + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def text(self, row: int, column: int) -> str:
        value = self._rows[row]
        code = value.indicator.code
        if column == NUMBER:
            return str(row + 1)
        if column == NAME:
            return value.indicator.name
        if column == UNIT:
            return value.indicator.unit
        if column == PREVIOUS:
            return value.previous_text
        if column == VALUE:
            return self.values.get(code, value.text)
        if column == TARGET:
            return value.target.text if value.target else ""
        if column == ACHIEVEMENT:
            if value.achievement == core.NO_TARGET:
                return ""
            return S.ACHIEVEMENT.get(value.achievement, value.achievement)
        return self.comments.get(code, value.comment)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        value = self._rows[row]
        code = value.indicator.code
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (PREVIOUS, VALUE):
                return RIGHT
            return CENTER if column in (NUMBER, UNIT, TARGET, ACHIEVEMENT) else LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == VALUE and code in self.errors:
                return ERROR_BACKGROUND
            if column == VALUE and code in self.warnings:
                return WARNING_BACKGROUND
            if column == VALUE and value.indicator.computed:
                return COMPUTED_BACKGROUND
            if (column == VALUE and code in self.values) or (column == COMMENT and code in self.comments):
                return EDITED_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == ACHIEVEMENT:
                return ACHIEVEMENT_COLOURS.get(value.achievement)
            if column == VALUE and value.indicator.computed:
                return QColor("#1f3b73")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if code in self.errors:
                return self.errors[code]
            if code in self.warnings:
                return self.warnings[code]
            if column == VALUE and value.indicator.computed:
                return value.problem or S.ENTRY_COMPUTED_TIP.format(formula=value.indicator.formula)
            if column == NAME:
                return f"{value.indicator.name} ({value.indicator.code})"
            return None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.is_editable(index.row(), index.column()):
            return False
        row = self._rows[index.row()]
        code, text = row.indicator.code, str(value if value is not None else "")
        edits, stored = (self.values, row.text) if index.column() == VALUE else (self.comments, row.comment)
        if text.strip() == stored:
            edits.pop(code, None)
        else:
            edits[code] = text.strip()
        self.errors.pop(code, None)
        self.warnings.pop(code, None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COMMENT))
        self.edited.emit()
        return True


class _EntryDelegate(QStyledItemDelegate):
    """Enter and Tab commit the cell at once and ask the view to move to the next value."""

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Down):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if key in (Qt.Key.Key_Backtab, Qt.Key.Key_Up):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
                return True
        return super().eventFilter(editor, event)


class EntryTableView(QTableView):
    """Keyboard entry: typing starts editing; Enter, Tab and ↓ go down to the next editable
    cell of the same column (↑ and Shift+Tab go up); Enter on a cell not being edited does too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_EntryDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)

    def editor(self) -> QWidget | None:
        index = self.currentIndex()
        return self.indexWidget(index) if index.isValid() else None

    def next_editable(self, index: QModelIndex, step: int) -> QModelIndex | None:
        model = self.model()
        column = index.column() if index.column() in EDITABLE else VALUE
        row = index.row() + step
        while 0 <= row < model.rowCount():
            if model.is_editable(row, column):
                return model.index(row, column)
            row += step
        return None

    def first_editable(self, column: int) -> QModelIndex | None:
        model = self.model()
        return next((model.index(r, column) for r in range(model.rowCount()) if model.is_editable(r, column)), None)

    def move(self, step: int) -> None:
        target = self.next_editable(self.currentIndex(), step)
        if target is not None:
            self.setCurrentIndex(target)
            self.scrollTo(target)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self.move(1)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self.move(-1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editor = self.editor() if self.state() == QAbstractItemView.State.EditingState else None
        if editor is not None and editor is not self:
            QApplication.sendEvent(editor, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            self.move(1)
            return
        if key == Qt.Key.Key_Backtab:
            self.move(-1)
            return
        super().keyPressEvent(event)


class EntryPanel(QWidget):
    """Nhập số liệu: the group's table for the chosen period, with save, close and reopen."""

    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period: Period | None = None
        self.group_code: str | None = None
        self.closed = False
        self._saving = False
        # Figures typed but not saved survive a power cut (drafts/values-<hash>.json).
        from desktop.ui.drafts import DraftKeeper

        self.drafts = DraftKeeper(self, ctx.folder, self._draft_key(), state=self._draft_state,
                                  dirty=lambda: self.model.dirty() and not self.closed, title=self._draft_title)

        self.banner = QLabel()
        self.banner.setObjectName("closed_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0b000; padding: 6px; font-weight: 600;")
        self.banner.hide()

        self.model = EntryTableModel(self)
        self.model.edited.connect(self._update_actions)
        self.table = EntryTableView()
        self.table.setObjectName("entry_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in ((NUMBER, 3), (UNIT, 5), (PREVIOUS, 9), (VALUE, 9), (TARGET, 8), (ACHIEVEMENT, 9), (COMMENT, 14)):
            header.resizeSection(column, width * em)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(3 * em)

        self.hint = QLabel(S.ENTRY_HINT)
        self.hint.setStyleSheet("color: #555;")
        self.hint.setWordWrap(True)
        self.messages = QLabel()
        self.messages.setObjectName("entry_messages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.PlainText)
        self.messages.hide()
        self.confirm_button = QPushButton(S.CONFIRM_SAVE)
        self.confirm_button.clicked.connect(lambda: self.save(confirm_warnings=True))
        self.confirm_button.hide()

        self.save_button = QPushButton(S.SAVE_BUTTON)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(lambda: self.save())
        self.undo_button = QPushButton(S.UNDO_BUTTON)
        self.undo_button.clicked.connect(self.load)
        self.close_button = QPushButton(S.CLOSE_BUTTON)
        self.close_button.clicked.connect(lambda: self.close_period())
        self.reopen_button = QPushButton(S.REOPEN_BUTTON)
        self.reopen_button.clicked.connect(lambda: self.reopen_period())
        self.history = QLabel()
        self.history.setObjectName("closure_history")
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #444;")

        actions = QHBoxLayout()
        for button in (self.save_button, self.undo_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        actions.addWidget(self.reopen_button)

        problems = QHBoxLayout()
        problems.addWidget(self.messages, 1)
        problems.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(problems)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(self.history)
        self._update_actions()

    # ------------------------------------------------------------------ loading
    def show_group(self, period: Period, group_code: str | None) -> None:
        self.period, self.group_code = period, group_code
        self.load()

    def load(self) -> None:
        if self.period is None or self.group_code is None:
            self.model.set_rows([], True)
            self._update_actions()
            return
        period, group = self.period, self.group_code

        def read(session):
            return (core.period_values(session, period, group), core.is_closed(session, period),
                    core.closure_history(session, period))

        rows, self.closed, history = self.ctx.read(read)
        current = self.table.currentIndex()
        self.model.set_rows(rows, self.closed)
        self._show_messages({}, {})
        self.banner.setText(S.CLOSED_BANNER.format(name=period.name))
        self.banner.setVisible(self.closed)
        self._show_history(history)
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._update_actions()
        self.drafts.rename(self._draft_key())
        if not self.closed:
            QTimer.singleShot(0, self.offer_draft)

    # ------------------------------------------------------------------ drafts
    def _draft_key(self) -> str:
        import hashlib

        if self.period is None or self.group_code is None:
            return "values-none"
        digest = hashlib.sha256(f"{self.period.code}|{self.group_code}".encode()).hexdigest()[:16]
        return f"values-{digest}"

    def _draft_title(self) -> str:
        rows = self.model.rows()
        group = rows[0].indicator.group_name if rows else (self.group_code or "")
        return D.VALUES_TITLE.format(group=group, period=self.period.name if self.period else "")

    def _draft_state(self) -> dict:
        return {"period": self.period.code if self.period else "", "group": self.group_code or "",
                "values": dict(self.model.values), "comments": dict(self.model.comments)}

    def _apply_draft(self, state: dict) -> None:
        if self.period is None or state["period"] != self.period.code or state["group"] != self.group_code:
            raise ValueError("a draft of another table")
        codes = {row.indicator.code for row in self.model.rows()}
        for field, column in (("values", VALUE), ("comments", COMMENT)):
            for code, text in dict(state[field]).items():
                row = self.model.row_of(str(code))
                if str(code) in codes and row is not None and isinstance(text, str):
                    self.model.setData(self.model.index(row, column), text)
        self._update_actions()

    def offer_draft(self) -> None:
        from desktop.ui.drafts import when_text

        draft = self.drafts.offer(self, self._apply_draft)
        if draft is not None:
            self._show_messages({}, {})
            self.history.setText(D.RESTORED.format(when=when_text(draft)))

    def _show_history(self, history: list[core.ClosureRow]) -> None:
        if not history:
            self.history.setText(S.HISTORY_EMPTY)
            return
        lines = []
        for item in history[-4:]:
            when = item.recorded_at
            when_text = (f"{format_date(when.date())} {when:%H:%M}" if hasattr(when, "date") else str(when or ""))
            lines.append(S.HISTORY_LINE.format(
                when=when_text, action=S.CLOSE_ACTIONS.get(item.action, item.action),
                by=f" ({item.recorded_by})" if item.recorded_by else "",
                note=f": {item.note}" if item.note else ""))
        self.history.setText(S.HISTORY_TITLE + " " + "; ".join(lines))

    def _update_actions(self) -> None:
        has_rows = self.model.rowCount() > 0
        dirty = self.model.dirty()
        self.save_button.setEnabled(has_rows and not self.closed)
        self.undo_button.setEnabled(dirty)
        self.close_button.setVisible(not self.closed)
        self.close_button.setEnabled(has_rows and not dirty)
        self.reopen_button.setVisible(self.closed)
        self.hint.setVisible(not self.closed)

    def _show_messages(self, errors: dict[str, str], warnings: dict[str, str]) -> None:
        self.model.set_problems(errors, warnings)
        lines = []
        if errors:
            lines.append(S.ERRORS_TITLE)
            lines += [f"• {message}" for message in errors.values()]
        elif warnings:
            lines.append(S.WARNINGS_TITLE)
            lines += [f"• {message}" for message in warnings.values()]
        self.messages.setText("\n".join(lines))
        self.messages.setStyleSheet("color: #b3261e;" if errors else "color: #8a5300;")
        self.messages.setVisible(bool(lines))
        self.confirm_button.setVisible(bool(warnings) and not errors)
        first = next(iter(errors or warnings), None)
        row = self.model.row_of(first) if first else None
        if row is not None:
            self.table.scrollTo(self.model.index(row, VALUE))

    # ------------------------------------------------------------------ actions
    def dirty(self) -> bool:
        return self.model.dirty()

    def focus_first_value(self) -> None:
        index = self.table.first_editable(VALUE)
        if index is not None:
            self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self, confirm_warnings: bool = False) -> bool:
        """Validate; errors block; warnings need «Xác nhận và lưu»; then store in one write."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            editor = self.table.editor()
            if editor is not None:
                self.table.commitData(editor)
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if self.period is None or self.closed:
            return False
        if not self.model.dirty():
            self._show_messages({}, {})
            return True
        values, comments = dict(self.model.values), dict(self.model.comments)
        result = self.ctx.read(core.validate_values, self.period, values)
        if result.errors:
            self._show_messages(result.errors, {})
            return False
        if result.warnings and not confirm_warnings:
            self._show_messages({}, result.warnings)
            return False
        self._saving = True
        try:
            changes = self.ctx.write(self, core.save_values, self.period, values, comments, confirm_warnings=True)
        except ValidationError as exc:
            self._show_messages(exc.problems, {})
            return False
        finally:
            self._saving = False
        if changes is None:
            return False
        self.load()
        self.saved.emit()
        return True

    def can_close(self) -> bool:
        """Ask before unsaved edits are lost; False keeps the user here."""
        if not self.model.dirty():
            return True
        answer = ask_save_changes(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.model.set_rows(self.model.rows(), self.closed)
            self._show_messages({}, {})
            self._update_actions()
            return True
        return False

    def close_period(self) -> bool:
        if self.period is None or self.closed or not self.can_close():
            return False
        if not confirm(self, S.CLOSE_TITLE, S.CLOSE_QUESTION.format(name=self.period.name)):
            return False
        note = _ask_note(self, S.CLOSE_TITLE, S.CLOSE_NOTE_LABEL)
        if note is None:
            return False
        if self.ctx.write(self, core.close_period, self.period, note) is None:
            return False
        self.load()
        return True

    def reopen_period(self) -> bool:
        if self.period is None or not self.closed:
            return False
        note = _ask_note(self, S.REOPEN_TITLE, S.REOPEN_LABEL.format(name=self.period.name))
        if note is None:
            return False
        try:
            if self.ctx.write(self, core.reopen_period, self.period, note) is None:
                return False
        except ValidationError as exc:  # no reason given
            QMessageBox.warning(self, C.ERROR_TITLE, str(exc))
            return False
        self.load()
        return True
