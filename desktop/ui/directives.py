"""The "Văn bản chỉ đạo" screen: the directive registry, its search, the form dialog and
loading the built-in list. Rules and messages come from desktop.core.directives."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import directives
from desktop.core.changes import DIRECTIVES, Changes
from desktop.core.directives import DirectiveRow
from desktop.core.errors import ValidationError
from desktop.core.vn import ParseError, format_date, parse_date, sort_key
from desktop.strings import common as S
from desktop.strings import directives as D
from desktop.ui.common import Column, ColumnTableModel, ErrorLabel, confirm
from desktop.ui.context import AppContext
from desktop.ui.office import (
    HINT_COLOUR,
    FieldBox,
    FormDialog,
    FormErrors,
    TitleLabel,
    hint_label,
    make_table,
    select_where,
    selected_row,
    tint,
)

SEARCH_DELAY_MS = 120


class DirectiveTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("doc_type", D.COLUMN["doc_type"], lambda r: r.type_label),
            Column("number_symbol", D.COLUMN["number_symbol"], lambda r: r.number_symbol, tooltip=lambda r: r.citation),
            Column("issued_on", D.COLUMN["issued_on"], lambda r: format_date(r.issued_on),
                   align=Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                   sort_value=lambda r: r.issued_on),
            Column("issuer", D.COLUMN["issuer"], lambda r: r.issuer, tooltip=lambda r: r.issuer),
            Column("summary", D.COLUMN["summary"], lambda r: " ".join(r.summary.split()),
                   tooltip=lambda r: r.summary or None),
        ], parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort, keeping rows without a value (a directive with no known date) last either way."""
        key = self.columns[column].sort_value or self.columns[column].value
        self.layoutAboutToBeChanged.emit()
        filled = [r for r in self._rows if key(r) not in (None, "")]
        empty = [r for r in self._rows if key(r) in (None, "")]
        text_key = column != self.column_index("issued_on")
        filled.sort(key=(lambda r: sort_key(key(r))) if text_key else key,
                    reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = filled + empty
        self.layoutChanged.emit()


class DirectiveDialog(FormDialog):
    """Add or edit one directive; the date is typed the Vietnamese way (22/12/2024)."""

    def __init__(self, ctx: AppContext, row: DirectiveRow | None, issuers: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(D.DIALOG_EDIT if row else D.DIALOG_NEW)
        self.row_in = row or DirectiveRow(None, "", doc_type="resolution")

        self.doc_type = QComboBox()
        for key, label in S.DIRECTIVE_TYPE.items():
            self.doc_type.addItem(label, key)
        self.doc_type.setCurrentIndex(max(self.doc_type.findData(self.row_in.doc_type), 0))
        self.number_symbol = QLineEdit(self.row_in.number_symbol)
        self.issued_on = QLineEdit(format_date(self.row_in.issued_on))
        self.issued_on.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") * 3)
        self.date_hint = QLabel()
        tint(self.date_hint, HINT_COLOUR)
        self.issuer = QLineEdit(self.row_in.issuer)
        self.issuer.setCursorPosition(0)
        if issuers:
            completer = QCompleter(issuers, self.issuer)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.issuer.setCompleter(completer)
        self.summary = QPlainTextEdit(self.row_in.summary)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 4 + 14)
        self.notes = QPlainTextEdit(self.row_in.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 2 + 14)
        for name in ("number_symbol", "issued_on", "issuer", "summary"):
            getattr(self, name).setPlaceholderText(D.PLACEHOLDER[name])
        for name in ("doc_type", "number_symbol", "issued_on", "issuer", "summary", "notes"):
            getattr(self, name).setObjectName(name)
        self.citation = hint_label("")

        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.issued_on)
        date_layout.addWidget(self.date_hint, 1)
        self.boxes = {
            "doc_type": FieldBox(self.doc_type),
            "number_symbol": FieldBox(self.number_symbol),
            "issued_on": FieldBox(date_row),
            "issuer": FieldBox(self.issuer),
            "summary": FieldBox(self.summary),
            "notes": FieldBox(self.notes),
        }
        self.boxes["issued_on"].widget = self.issued_on  # focus goes to the line edit
        self.errors = FormErrors(self.boxes, ErrorLabel())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, box in self.boxes.items():
            label = QLabel(D.LABEL[name] + ":")
            label.setBuddy(box.widget)
            form.addRow(label, box)
        form.addRow(self.errors.general)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.citation)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

        self.issued_on.textChanged.connect(self._update_hints)
        self.number_symbol.textChanged.connect(self._update_hints)
        self.doc_type.currentIndexChanged.connect(self._update_hints)
        self._update_hints()
        self.mark_clean()

    def _date(self):
        """The typed date, or raises ParseError (its message is Vietnamese)."""
        return parse_date(self.issued_on.text())

    def _update_hints(self, *_args) -> None:
        try:
            value = self._date()
        except ParseError:
            value = None
        typed = self.issued_on.text().strip()
        self.date_hint.setText(D.DATE_READ_AS.format(value=format_date(value)) if value and typed != format_date(value) else "")
        try:
            row = self._row()
        except ParseError:
            row = None
        self.citation.setText(D.CITATION_PREVIEW.format(value=row.citation) if row and row.number_symbol.strip() else "")

    def _row(self) -> DirectiveRow:
        return replace(self.row_in, doc_type=self.doc_type.currentData(), number_symbol=self.number_symbol.text(),
                           issued_on=self._date(), issuer=self.issuer.text(), summary=self.summary.toPlainText(),
                           notes=self.notes.toPlainText())

    def current(self):
        return (self.doc_type.currentData(), self.number_symbol.text(), self.issued_on.text(), self.issuer.text(),
                self.summary.toPlainText(), self.notes.toPlainText())

    def write(self):
        try:
            row = self._row()
        except ParseError as exc:
            raise ValidationError({"issued_on": str(exc)}) from exc
        return self.ctx.write(self, directives.save_directive, row)

    def show_problems(self, problems: dict[str, str]) -> None:
        self.errors.show(problems)


class DirectivesScreen(QWidget):
    help_topic = "directives"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._all: list[DirectiveRow] = []

        title = TitleLabel(D.SCREEN_TITLE)
        self.search = QLineEdit()
        self.search.setObjectName("directive_search")
        self.search.setPlaceholderText(D.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)

        self.add_button = QPushButton(D.ADD)
        self.add_button.setToolTip(D.ADD_TOOLTIP)
        self.edit_button = QPushButton(D.EDIT)
        self.delete_button = QPushButton(D.DELETE)
        self.reference_button = QPushButton(D.LOAD_REFERENCE)
        self.reference_button.setToolTip(D.LOAD_REFERENCE_TOOLTIP)
        self.add_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.reference_button.clicked.connect(self.load_reference)

        self.model = DirectiveTableModel(self)
        self.view = make_table(self.model, "directives_table")
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._size_columns()
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.view.activated.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.count = QLabel()
        self.count.setObjectName("directive_count")
        self.message = ErrorLabel()
        tint(self.message, "#1e7d32")

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.reference_button)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.delete_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint_label(D.SCREEN_HINT))
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    def _size_columns(self) -> None:
        """Column widths from the font, so they grow with the interface font scale."""
        header, metrics = self.view.horizontalHeader(), self.view.fontMetrics()
        for column, sample in enumerate(("Văn bản khác", "06-TB/CQTTBCĐ", "Ngày ban hành", "Ban Thường vụ Thành ủy Hải")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()
        super().changeEvent(event)

    # -- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._all = self.ctx.read(directives.list_directives)
        self.apply_filter()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(DIRECTIVES):
            self.refresh()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        keep = selected_row(self.view)
        text = self.search.text()
        rows = directives.filter_directives(self._all, text)
        self.model.set_rows(rows)
        header = self.view.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if keep is not None:
            select_where(self.view, lambda r: r.id == keep.id)
        total, shown = len(self._all), len(rows)
        if not total:
            self.count.setText(D.EMPTY)
        elif text.strip() and not shown:
            self.count.setText(D.NO_MATCH.format(value=text.strip()))
        elif text.strip():
            self.count.setText(D.COUNT_FILTERED.format(shown=shown, total=total))
        else:
            self.count.setText(D.COUNT_ALL.format(total=total))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        has_row = selected_row(self.view) is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)

    # -- actions -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_item(self) -> None:
        """Ctrl+N."""
        self._open(None)

    def edit_selected(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self._open(row)

    def _open(self, row: DirectiveRow | None) -> None:
        self.message.show_message("")
        dialog = DirectiveDialog(self.ctx, row, self.ctx.read(directives.list_issuers), self)
        if dialog.exec() and dialog.saved_id is not None:
            self.refresh()
            select_where(self.view, lambda r: r.id == dialog.saved_id)

    def delete_selected(self) -> None:
        row = selected_row(self.view)
        if row is None or not confirm(self, S.CONFIRM_DELETE_TITLE, D.CONFIRM_DELETE.format(value=row.number_symbol)):
            return
        if self.ctx.write(self, directives.delete_directive, row.id) is not None:
            self.refresh()

    def load_reference(self) -> int | None:
        """Add the built-in directives that are missing; says how many were added."""
        result = self.ctx.write(self, directives.add_reference)
        if result is None:
            return None
        added = result[0]
        self.refresh()
        self.message.show_message(D.REFERENCE_ADDED.format(count=added) if added else D.REFERENCE_NOTHING)
        return added


__all__ = ["DirectiveDialog", "DirectiveTableModel", "DirectivesScreen"]
