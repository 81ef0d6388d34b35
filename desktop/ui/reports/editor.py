"""The report editor: the report's own section tree on the left (with two fixed entries, the
document's header and its appendices), the form of the current entry on the right.

A section's text is light markup with live figures; a preview under the editor shows it as it
will print (figures resolved for the report's period), refreshed shortly after typing stops.
Everything typed is saved on its own: ~800 ms after the last keystroke, and at once when the
user switches section, leaves the screen or closes the window (`flush`). Each save is one unit
of work through AppContext.write.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QRegularExpression, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import blocks, markup
from desktop.core import numbering as nb
from desktop.core import reports as rp
from desktop.core import sections as sec
from desktop.core.document import CENTER, RIGHT, Para, Table
from desktop.core.errors import UserError, ValidationError
from desktop.core.office import list_signers
from desktop.core.vn import format_date
from desktop.strings import audit as A
from desktop.strings import plans as P
from desktop.strings import reports as R
from desktop.strings import reports_ui as S
from desktop.ui.audit import HistoryPanel
from desktop.ui.common import BaseDialog, ErrorLabel, confirm
from desktop.ui.context import AppContext
from desktop.ui.reports.outline_editor import SectionTreeEditor

SAVE_DELAY_MS = 800
PREVIEW_DELAY_MS = 400
HEADER, APPENDICES, HISTORY = ":header", ":appendices", ":history"
FIXED = (HEADER, APPENDICES, HISTORY)


def _grey(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _text_edit(lines: int, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line for line in edit.toPlainText().split("\n") if line.strip())


# ============================================================================ markup colours


class MarkupHighlighter(QSyntaxHighlighter):
    """Colours `[[…]]` block lines, `{{…}}` fields and `**bold**` / `*italic*` marks."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.block_format = QTextCharFormat()
        self.block_format.setForeground(QColor("#0b5394"))
        self.block_format.setBackground(QColor("#e8f0fe"))
        self.block_format.setFontWeight(QFont.Weight.DemiBold)
        self.field_format = QTextCharFormat()
        self.field_format.setForeground(QColor("#7b1fa2"))
        self.field_format.setBackground(QColor("#f3e5f5"))
        self.bold_format = QTextCharFormat()
        self.bold_format.setFontWeight(QFont.Weight.Bold)
        self.italic_format = QTextCharFormat()
        self.italic_format.setFontItalic(True)
        self.mark_format = QTextCharFormat()
        self.mark_format.setForeground(QColor("#9e9e9e"))
        self._field = QRegularExpression(r"\{\{[^{}]*\}\}")
        self._bold = QRegularExpression(r"\*\*[^*\n]+\*\*")
        self._italic = QRegularExpression(r"(?<!\*)\*[^*\n]+\*(?!\*)")

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        if markup.BLOCK.match(text):
            self.setFormat(0, len(text), self.block_format)
            return
        for pattern, fmt, mark in ((self._bold, self.bold_format, 2), (self._italic, self.italic_format, 1)):
            found = pattern.globalMatch(text)
            while found.hasNext():
                match = found.next()
                start, length = match.capturedStart(), match.capturedLength()
                self.setFormat(start, length, fmt)
                self.setFormat(start, mark, self.mark_format)
                self.setFormat(start + length - mark, mark, self.mark_format)
        found = self._field.globalMatch(text)
        while found.hasNext():
            match = found.next()
            self.setFormat(match.capturedStart(), match.capturedLength(), self.field_format)


# ============================================================================ preview HTML


def _runs_html(para: Para) -> str:
    out = []
    for run in para.runs:
        text = html.escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _table_html(table: Table) -> str:
    head = "".join(f"<th>{html.escape(c.header)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        if row.group:
            rows.append(f'<tr><td colspan="{len(table.columns)}"><i>{html.escape(row.cells[0])}</i></td></tr>')
            continue
        cells = []
        for column, cell in zip(table.columns, row.cells, strict=False):
            align = "center" if column.align == CENTER else "right" if column.align == RIGHT else "left"
            text = html.escape(cell)
            cells.append(f'<td align="{align}">{"<b>" + text + "</b>" if row.bold else text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse;">'
            f"<tr>{head}</tr>{''.join(rows)}</table>")


def blocks_html(items, problems=()) -> str:
    """Resolved Para/Table blocks (and the problems found) as the HTML of the live preview."""
    parts = []
    for item in items:
        if isinstance(item, Table):
            parts.append(_table_html(item))
        else:
            parts.append(f'<p style="margin:0 0 4px 0;">{_runs_html(item)}</p>')
    if not parts:
        parts.append(f'<p style="color:#888;">{html.escape(S.S_PREVIEW_EMPTY)}</p>')
    seen = list(dict.fromkeys(p.message for p in problems))
    if seen:
        items_html = "".join(f"<li>{html.escape(m)}</li>" for m in seen)
        parts.append(f'<p style="color:#b00020;margin-top:8px;"><b>{html.escape(S.S_PROBLEMS)}</b></p>'
                     f'<ul style="color:#b00020;">{items_html}</ul>')
    return "".join(parts)


# ============================================================================ header form


class HeaderForm(QWidget):
    """Thông tin văn bản: the fields of rp.HeaderInput."""

    changed = Signal()
    suggest_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.doc_type = QLineEdit()
        self.doc_type.setObjectName("header_doc_type")
        self.symbol = QLineEdit()
        self.symbol.setObjectName("header_symbol")
        self.number = QLineEdit()
        self.number.setObjectName("header_number")
        self.number.setMaximumWidth(self.number.fontMetrics().horizontalAdvance("0") * 9)
        self.suggest = QPushButton(S.H_SUGGEST)
        self.suggest.setObjectName("header_suggest")
        self.suggest.setAutoDefault(False)
        self.suggest.clicked.connect(self.suggest_requested)
        self.day = QLineEdit()
        self.day.setObjectName("header_day")
        self.month = QLineEdit()
        self.month.setObjectName("header_month")
        self.year = QLineEdit()
        self.year.setObjectName("header_year")
        for edit, digits in ((self.day, 3), (self.month, 3), (self.year, 6)):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0") * digits + 16)
        self.period = QLabel()
        self.summary = _text_edit(2, "header_summary")
        self.addressees = _text_edit(2, "header_addressees")
        self.opening = _text_edit(6, "header_opening")
        self.closing = _text_edit(3, "header_closing")
        self.recipients = _text_edit(4, "header_recipients")
        self.signer = QComboBox()
        self.signer.setObjectName("header_signer")
        self.drafter = QLineEdit()
        self.drafter.setObjectName("header_drafter")
        self.error = ErrorLabel()
        self.error.setObjectName("header_error")

        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.suggest)
        number_row.addWidget(_grey(S.H_NUMBER_HINT), 1)
        date_row = QHBoxLayout()
        for text, edit in ((S.H_DAY, self.day), (S.H_MONTH, self.month), (S.H_YEAR, self.year)):
            date_row.addWidget(QLabel(text))
            date_row.addWidget(edit)
        date_row.addWidget(_grey(S.H_DATE_HINT), 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(S.H_DOC_TYPE, self.doc_type)
        form.addRow(S.H_SYMBOL, self.symbol)
        form.addRow(S.H_NUMBER, number_row)
        form.addRow(S.H_DATE, date_row)
        form.addRow(S.H_PERIOD, self.period)
        form.addRow(S.H_SUMMARY, self.summary)
        form.addRow(S.H_ADDRESSEES, self.addressees)
        form.addRow(S.H_OPENING, self.opening)
        form.addRow(S.H_CLOSING, self.closing)
        form.addRow(S.H_RECIPIENTS, self.recipients)
        form.addRow(S.H_SIGNER, self.signer)
        form.addRow(S.H_DRAFTER, self.drafter)
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        for edit in (self.doc_type, self.symbol, self.number, self.day, self.month, self.year, self.drafter):
            edit.textEdited.connect(self._changed)
        for edit in (self.summary, self.addressees, self.opening, self.closing, self.recipients):
            edit.textChanged.connect(self._changed)
        self.signer.currentIndexChanged.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self.error.show_message("")
            self.changed.emit()

    def set_signers(self, signers) -> None:
        self._loading = True
        self.signer.clear()
        self.signer.addItem(S.H_NO_SIGNER, None)
        for signer in signers:
            self.signer.addItem(f"{signer.full_name} — {signer.position_title.capitalize()}", signer.id)
        self._loading = False

    def show_detail(self, detail: rp.ReportDetail) -> None:
        self._loading = True
        try:
            self.doc_type.setText(detail.doc_type)
            self.symbol.setText(detail.symbol)
            self.number.setText(str(detail.number) if detail.number is not None else "")
            self.day.setText(str(detail.date_day) if detail.date_day else "")
            self.month.setText(str(detail.date_month) if detail.date_month else "")
            self.year.setText(str(detail.year))
            self.period.setText(detail.period_name)
            self.summary.setPlainText(detail.summary)
            self.addressees.setPlainText("\n".join(detail.addressees))
            self.opening.setPlainText(detail.opening)
            self.closing.setPlainText(detail.closing)
            self.recipients.setPlainText("\n".join(detail.recipients))
            self.signer.setCurrentIndex(max(0, self.signer.findData(detail.signer.id if detail.signer else None)))
            self.drafter.setText(detail.drafter_line)
            self.error.show_message("")
        finally:
            self._loading = False

    def header_input(self, period_code: str) -> rp.HeaderInput:
        def number(edit: QLineEdit, field: str) -> int | None:
            text = edit.text().strip()
            if not text:
                return None
            if not text.isdigit():
                raise ValidationError({field: S.H_BAD_INT.format(value=text)})
            return int(text)

        return rp.HeaderInput(
            doc_type=self.doc_type.text(), symbol=self.symbol.text(), number=number(self.number, "number"),
            year=number(self.year, "year"), date_day=number(self.day, "date"),
            date_month=number(self.month, "date"), summary=self.summary.toPlainText(),
            addressees=_lines(self.addressees), opening=self.opening.toPlainText(),
            closing=self.closing.toPlainText(), recipients=_lines(self.recipients),
            signer_id=self.signer.currentData(), drafter_line=self.drafter.text(), period_code=period_code,
        )

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.doc_type, self.symbol, self.number, self.day, self.month, self.year, self.drafter,
                     self.summary, self.addressees, self.opening, self.closing, self.recipients):
            edit.setReadOnly(read_only)
        self.signer.setEnabled(not read_only)
        self.suggest.setEnabled(not read_only)


# ============================================================================ appendices


class AppendixPage(QWidget):
    """The report's appendices: text ones edited here, the others by title only."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._specs: list[dict[str, Any]] = []
        self._loading = False
        self._read_only = False
        self.list = QListWidget()
        self.list.setObjectName("appendix_list")
        self.list.currentRowChanged.connect(self._show)
        self.add_button = QPushButton(S.A_ADD_TEXT)
        self.add_button.clicked.connect(self.add_text)
        self.remove_button = QPushButton(S.A_REMOVE)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton(S.A_UP)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(S.A_DOWN)
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.title = QLineEdit()
        self.title.setObjectName("appendix_title")
        self.title.textEdited.connect(self._edited)
        self.kind_note = _grey()
        self.content = QPlainTextEdit()
        self.content.setObjectName("appendix_content")
        MarkupHighlighter(self.content.document())
        self.content.textChanged.connect(self._edited)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(S.A_TITLE_LABEL, self.title)
        form.addRow("", self.kind_note)
        form.addRow(S.A_CONTENT_LABEL, self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_grey(S.A_HINT))
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addLayout(form, 3)

    def set_specs(self, specs) -> None:
        self._specs = [dict(spec) for spec in specs]
        self._fill(0 if self._specs else -1)

    def specs(self) -> list[dict[str, Any]]:
        return [dict(spec) for spec in self._specs]

    def _fill(self, row: int) -> None:
        self._loading = True
        self.list.clear()
        for index, spec in enumerate(self._specs, start=1):
            kind = S.A_KINDS.get(spec.get("kind", "text"), "")
            self.list.addItem(f"{index}. {spec.get('title') or kind}")
        self._loading = False
        self.list.setCurrentRow(row)
        self._show(row)

    def _show(self, row: int) -> None:
        if self._loading:
            return
        self._loading = True
        try:
            spec = self._specs[row] if 0 <= row < len(self._specs) else None
            self.title.setText(spec.get("title", "") if spec else "")
            text = spec.get("kind", "text") == "text" if spec else False
            self.content.setPlainText(spec.get("content", "") if spec else "")
            self.content.setVisible(text)
            self.kind_note.setText(S.A_NONE if spec is None else
                                   "" if text else S.A_AUTO.format(kind=S.A_KINDS.get(spec.get("kind"), "")))
            self.title.setEnabled(spec is not None)
        finally:
            self._loading = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        writable = not self._read_only
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and row >= 0)
        self.up_button.setEnabled(writable and row > 0)
        self.down_button.setEnabled(writable and 0 <= row < len(self._specs) - 1)
        self.title.setReadOnly(not writable)
        self.content.setReadOnly(not writable)

    def _edited(self) -> None:
        row = self.list.currentRow()
        if self._loading or self._read_only or not 0 <= row < len(self._specs):
            return
        spec = self._specs[row]
        spec["title"] = self.title.text()
        if spec.get("kind", "text") == "text":
            spec["content"] = self.content.toPlainText()
        item = self.list.item(row)
        if item is not None:
            item.setText(f"{row + 1}. {spec['title']}")
        self.changed.emit()

    def add_text(self) -> None:
        self._specs.append({"kind": "text", "title": S.A_NEW_TITLE, "content": ""})
        self._fill(len(self._specs) - 1)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._specs):
            return
        if not confirm(self, S.A_REMOVE, S.A_CONFIRM_REMOVE.format(title=self._specs[row].get("title", ""))):
            return
        del self._specs[row]
        self._fill(min(row, len(self._specs) - 1))
        self.changed.emit()

    def _move(self, offset: int) -> None:
        row = self.list.currentRow()
        target = row + offset
        if not (0 <= row < len(self._specs) and 0 <= target < len(self._specs)):
            return
        self._specs[row], self._specs[target] = self._specs[target], self._specs[row]
        self._fill(target)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_buttons()


# ============================================================================ indicator picker


class IndicatorPicker(BaseDialog):
    """Choose an indicator and how to insert it: a field, a sentence or a table."""

    def __init__(self, indicators, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(S.PICK_INDICATOR_TITLE)
        self.indicator = QComboBox()
        self.indicator.setObjectName("pick_indicator")
        self.indicator.setEditable(True)
        self.indicator.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for row in indicators:
            self.indicator.addItem(f"{row.code} — {row.name}", row.code)
        self.indicator.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.form = QComboBox()
        self.form.setObjectName("pick_as")
        self.form.addItem(S.PICK_AS_FIELD, "field")
        self.form.addItem(S.PICK_AS_SENTENCE, "indicator_sentence")
        self.form.addItem(S.PICK_AS_TABLE, "indicator_table")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(S.PICK_INDICATOR_LABEL, self.indicator)
        form.addRow(S.PICK_INDICATOR_AS, self.form)
        form.addRow(buttons)
        self.resize(640, self.sizeHint().height())

    def markup_text(self) -> str:
        code = self.indicator.currentData() or self.indicator.currentText().split(" ")[0].strip()
        if not code:
            return ""
        kind = self.form.currentData()
        if kind == "field":
            return "{{" + code + "}}"
        return f"[[{R.BLOCK_NAMES[kind]}: {code}]]"


# ============================================================================ section page


class SectionPage(QWidget):
    """Guidance, heading and numbering, the markup editor with its toolbar, the live preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = _grey(S.S_NO_SECTION)
        self.guidance = QLabel()
        self.guidance.setObjectName("section_guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("color: #666; background: #f5f5f5; padding: 4px;")
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QLabel()
        self.label.setObjectName("section_label")
        self.numbering = QComboBox()
        self.numbering.setObjectName("section_numbering")
        for style in nb.NUMBERING_STYLES:
            self.numbering.addItem(P.NUMBERING[style], style)
        self.heading = QLineEdit()
        self.heading.setObjectName("section_heading")

        self.bold = QToolButton()
        self.bold.setText(S.S_BOLD)
        self.bold.setToolTip(S.S_BOLD_TIP)
        self.italic = QToolButton()
        self.italic.setText(S.S_ITALIC)
        self.italic.setToolTip(S.S_ITALIC_TIP)
        self.insert = QToolButton()
        self.insert.setObjectName("insert_button")
        self.insert.setText(S.S_INSERT)
        self.insert.setToolTip(S.S_INSERT_TIP)
        self.insert.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = QMenu(self.insert)
        self.insert.setMenu(self.insert_menu)
        self.convert = QToolButton()
        self.convert.setObjectName("convert_button")
        self.convert.setText(S.S_CONVERT)
        self.convert.setToolTip(S.S_CONVERT_TIP)
        self.content = QPlainTextEdit()
        self.content.setObjectName("section_content")
        self.content.setTabChangesFocus(True)
        self.highlighter = MarkupHighlighter(self.content.document())
        self.preview = QTextBrowser()
        self.preview.setObjectName("section_preview")
        self.preview.setOpenLinks(False)

        head = QGridLayout()
        head.addWidget(QLabel(S.S_NUMBERING), 0, 0)
        numbering_row = QHBoxLayout()
        numbering_row.addWidget(self.numbering)
        numbering_row.addWidget(self.label, 1)
        head.addLayout(numbering_row, 0, 1)
        head.addWidget(QLabel(S.S_HEADING), 1, 0)
        head.addWidget(self.heading, 1, 1)
        tools = QHBoxLayout()
        tools.setSpacing(4)
        for button in (self.bold, self.italic, self.insert, self.convert):
            tools.addWidget(button)
        tools.addStretch(1)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(tools)
        editor_layout.addWidget(self.content, 1)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(_grey(S.S_PREVIEW))
        preview_layout.addWidget(self.preview, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(editor_box)
        self.split.addWidget(preview_box)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([300, 260])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.guidance)
        layout.addLayout(head)
        layout.addWidget(self.split, 1)

    def set_enabled_for(self, has_node: bool, read_only: bool) -> None:
        self.hint.setVisible(not has_node)
        for widget in (self.numbering, self.bold, self.italic, self.insert, self.convert):
            widget.setEnabled(has_node and not read_only)
        for edit in (self.heading, self.content):
            edit.setEnabled(has_node)
            edit.setReadOnly(read_only)


# ============================================================================ the editor


class ReportEditor(QWidget):
    back_requested = Signal()
    preview_requested = Signal(int)
    issue_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report_id: int | None = None
        self.detail: rp.ReportDetail | None = None
        self.read_only = False
        self._entry: str | None = None  # one of FIXED or a section key
        self._loading = False
        self._dirty_content: str | None = None  # key of the section whose text waits to be saved
        self._dirty_fields: dict[str, dict[str, Any]] = {}
        self._dirty_header = False
        self._dirty_appendices = False
        self._indicators: list | None = None

        # -- top bar
        self.back_button = QPushButton(S.BACK)
        self.back_button.setObjectName("report_back")
        self.back_button.clicked.connect(self._back)
        self.title = QLabel()
        self.title.setObjectName("report_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setMinimumWidth(10)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("saved_label")
        self.saved_label.setStyleSheet("color: palette(placeholder-text);")
        self.preview_button = QPushButton(S.PREVIEW)
        self.preview_button.setObjectName("report_preview")
        self.preview_button.clicked.connect(lambda: self.report_id and self.preview_requested.emit(self.report_id))
        self.issue_button = QPushButton(S.ISSUE)
        self.issue_button.setObjectName("report_issue")
        self.issue_button.setToolTip(S.ISSUE_TIP)
        self.issue_button.clicked.connect(lambda: self.report_id and self.issue_requested.emit(self.report_id))
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.saved_label)
        top.addWidget(self.preview_button)
        top.addWidget(self.issue_button)
        self.banner = QLabel()
        self.banner.setObjectName("issued_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff3cd; color: #5d4200; padding: 6px; border: 1px solid #e0c36c;")
        self.banner.hide()

        # -- left: fixed entries and the tree
        self.fixed = QListWidget()
        self.fixed.setObjectName("report_fixed_entries")
        self.fixed.addItems([S.NAV_HEADER, S.NAV_APPENDICES, A.TAB_TITLE])
        for row in range(self.fixed.count()):
            item = self.fixed.item(row)
            item.setSizeHint(item.sizeHint().expandedTo(QSize(0, self.fixed.fontMetrics().lineSpacing() + 10)))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.fixed.setFixedHeight((self.fixed.fontMetrics().lineSpacing() + 10) * len(FIXED) + 6)
        self.fixed.currentRowChanged.connect(self._fixed_chosen)
        self.tree_editor = SectionTreeEditor()
        self.tree_editor.tree_changed.connect(self._tree_changed)
        self.tree_editor.current_changed.connect(self._section_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.fixed)
        left_layout.addWidget(self.tree_editor, 1)
        left.setMinimumWidth(280)

        # -- right: the pages
        self.header_form = HeaderForm()
        self.header_form.changed.connect(self._header_changed)
        self.header_form.suggest_requested.connect(self.suggest_number)
        self.section_page = SectionPage()
        self.section_page.content.textChanged.connect(self._content_changed)
        self.section_page.heading.textEdited.connect(lambda text: self._field_changed(heading=text))
        self.section_page.numbering.currentIndexChanged.connect(
            lambda _i: self._field_changed(numbering=self.section_page.numbering.currentData()))
        self.section_page.bold.clicked.connect(lambda: self.wrap_selection("**"))
        self.section_page.italic.clicked.connect(lambda: self.wrap_selection("*"))
        self.section_page.convert.clicked.connect(self.convert_to_text)
        self._build_insert_menu()
        self.appendix_page = AppendixPage()
        self.appendix_page.changed.connect(self._appendices_changed)
        self.history_panel = HistoryPanel(self.ctx)
        self.history_panel.setObjectName("report_history")
        self.pages = QStackedWidget()
        for page in (self.header_form, self.section_page, self.appendix_page, self.history_panel):
            self.pages.addWidget(page)
        self.section_box = QGroupBox()
        box_layout = QVBoxLayout(self.section_box)
        box_layout.setContentsMargins(6, 6, 6, 6)
        box_layout.addWidget(self.pages)

        self.split = QSplitter()
        self.split.addWidget(left)
        self.split.addWidget(self.section_box)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([330, 700])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.split, 1)

        for keys, fn in (("Ctrl+B", lambda: self.wrap_selection("**")), ("Ctrl+I", lambda: self.wrap_selection("*"))):
            sc = QShortcut(QKeySequence(keys), self.section_page.content)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(fn)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.flush)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)

    # -- opening ---------------------------------------------------------------------------
    def open_report(self, report_id: int, section: str | None = None) -> None:
        self.flush()
        self.report_id = report_id
        self._indicators = None
        self.reload(section)

    def reload(self, section: str | None = None) -> None:
        if self.report_id is None:
            return
        detail = self.ctx.read(rp.get_report, self.report_id, with_problems=False)
        self.detail = detail
        self.read_only = detail.frozen
        self._loading = True
        try:
            self.header_form.set_signers(self.ctx.read(list_signers))
            self.header_form.show_detail(detail)
            self.header_form.set_read_only(self.read_only)
            self.appendix_page.set_specs(detail.appendices)
            self.appendix_page.set_read_only(self.read_only)
            keep = section or (self._entry if self._entry not in (None, *FIXED) else None)
            if keep and sec.find(detail.tree, keep) is None:
                keep = None
            self.tree_editor.set_tree(detail.tree, keep)
            self.tree_editor.set_read_only(self.read_only)
        finally:
            self._loading = False
        self._show_title()
        self.issue_button.setEnabled(not self.read_only)
        if self.read_only:
            when = detail.issued_at.date() if detail.issued_at else None
            self.banner.setText(S.ISSUED_BANNER.format(date=format_date(when)))
        self.banner.setVisible(self.read_only)
        if self._entry in FIXED:
            self._show_entry(self._entry)
        else:
            self._show_entry(self.tree_editor.current_key())
        self.saved_label.setText("")

    def _show_title(self) -> None:
        d = self.detail
        if d is None:
            return
        number = d.number_symbol if d.number is not None else S.NO_NUMBER
        self.title.setText(S.EDITOR_TITLE.format(doc=d.doc_type.capitalize(), number=number, period=d.period_name))
        self.title.setToolTip(rp.summary_text(d.summary, d.period_code))

    # -- choosing what is edited -----------------------------------------------------------
    def _fixed_chosen(self, row: int) -> None:
        if self._loading or row < 0:
            return
        self.flush()
        self._show_entry(FIXED[row])

    def _section_chosen(self, key: str | None) -> None:
        if self._loading:
            return
        self.flush()
        self._show_entry(key)

    def select_header(self) -> None:
        self.fixed.setCurrentRow(0)

    def select_appendices(self) -> None:
        self.fixed.setCurrentRow(1)

    def select_section(self, key: str) -> None:
        self.flush()
        self.tree_editor.select(key)
        self._show_entry(key)

    def _show_entry(self, entry: str | None) -> None:
        self._entry = entry
        if entry == HEADER:
            self.pages.setCurrentWidget(self.header_form)
            self.section_box.setTitle(S.NAV_HEADER)
            self._clear_tree_selection()
            return
        if entry == APPENDICES:
            self.pages.setCurrentWidget(self.appendix_page)
            self.section_box.setTitle(S.A_TITLE)
            self._clear_tree_selection()
            return
        if entry == HISTORY:
            self.history_panel.show_record("reports", self.report_id)
            self.pages.setCurrentWidget(self.history_panel)
            self.section_box.setTitle(A.TAB_TITLE)
            self._clear_tree_selection()
            return
        self.fixed.blockSignals(True)
        self.fixed.setCurrentRow(-1)
        self.fixed.clearSelection()
        self.fixed.blockSignals(False)
        self.pages.setCurrentWidget(self.section_page)
        node = sec.find(self.tree_editor.tree(), entry) if entry else None
        page = self.section_page
        label = self.tree_editor.label(entry) if node else ""
        self.section_box.setTitle(sec.title(node, label)[:120] if node else "")
        self._loading = True
        try:
            page.guidance.setText(node.guidance if node else "")
            page.guidance.setVisible(bool(node and node.guidance.strip()))
            page.label.setText(label)
            index = page.numbering.findData(node.numbering if node else nb.ARABIC)
            page.numbering.setCurrentIndex(max(0, index))
            page.heading.setText(node.heading if node else "")
            if page.content.toPlainText() != (node.content if node else ""):
                page.content.setPlainText(node.content if node else "")
        finally:
            self._loading = False
        page.set_enabled_for(node is not None, self.read_only)
        self.refresh_preview()

    def _clear_tree_selection(self) -> None:
        from PySide6.QtCore import QModelIndex

        self._loading = True
        try:
            self.tree_editor.view.setCurrentIndex(QModelIndex())
        finally:
            self._loading = False

    def current_key(self) -> str | None:
        return self._entry if self._entry not in FIXED else None

    # -- editing -------------------------------------------------------------------------
    def _quiet_update(self, **changes: Any) -> None:
        """Keep the tree in memory up to date without treating it as a change of shape."""
        self._loading = True
        try:
            self.tree_editor.update_current(**changes)
        finally:
            self._loading = False

    def _content_changed(self) -> None:
        if self._loading or self.read_only or self.current_key() is None:
            return
        key = self.current_key()
        self._quiet_update(content=self.section_page.content.toPlainText())
        self._dirty_content = key
        self.save_timer.start()
        self.preview_timer.start()

    def _field_changed(self, **changes: Any) -> None:
        if self._loading or self.read_only or self.current_key() is None:
            return
        key = self.current_key()
        self._quiet_update(**changes)
        self._dirty_fields.setdefault(key, {}).update(changes)
        self.section_page.label.setText(self.tree_editor.label(key))
        self.save_timer.start()
        self.preview_timer.start()

    def _header_changed(self) -> None:
        if self._loading or self.read_only:
            return
        self._dirty_header = True
        self.save_timer.start()

    def _appendices_changed(self) -> None:
        if self._loading or self.read_only:
            return
        self._dirty_appendices = True
        self.save_timer.start()

    def _tree_changed(self, tree: sec.Tree) -> None:
        """A change of shape (add, move, indent, outdent, remove): saved at once, in one unit of work."""
        if self._loading or self.read_only or self.report_id is None:
            return
        self._dirty_content = None
        self._dirty_fields.clear()  # the whole tree, texts included, is written now
        self._write(rp.set_tree, self.report_id, tree)
        self._show_entry(self.tree_editor.current_key())

    def wrap_selection(self, mark: str) -> None:
        if self.read_only or self.current_key() is None:
            return
        cursor = self.section_page.content.textCursor()
        text = cursor.selectedText()
        if text:
            cursor.insertText(f"{mark}{text}{mark}")
        else:
            cursor.insertText(mark + mark)
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, len(mark))
            self.section_page.content.setTextCursor(cursor)

    def _build_insert_menu(self) -> None:
        menu = self.section_page.insert_menu
        menu.addSection(S.S_INSERT_BLOCKS)
        for vocabulary in blocks.BLOCK_KINDS.values():
            action = menu.addAction(vocabulary.name)
            action.setToolTip(f"{vocabulary.description}\n{vocabulary.example}")
            action.setData(vocabulary.example)
            action.triggered.connect(lambda _c=False, v=vocabulary: self.insert_markup(v.example, block=True))
        menu.addSection(S.S_INSERT_FIELDS)
        for vocabulary in blocks.FIELD_KINDS.values():
            action = menu.addAction(vocabulary.name)
            action.setToolTip(f"{vocabulary.description}\n{vocabulary.example}")
            action.setData(vocabulary.example)
            action.triggered.connect(lambda _c=False, v=vocabulary: self.insert_markup(v.example, block=False))
        menu.addSeparator()
        pick = menu.addAction(S.S_INSERT_INDICATOR)
        pick.triggered.connect(self.pick_indicator)
        menu.setToolTipsVisible(True)

    def insert_markup(self, text: str, block: bool) -> None:
        """Insert at the cursor; a block goes on a line of its own."""
        if self.read_only or self.current_key() is None or not text:
            return
        edit = self.section_page.content
        cursor = edit.textCursor()
        if block:
            line = cursor.block().text()
            before = line[:cursor.positionInBlock()]
            after = line[cursor.positionInBlock():]
            text = ("\n" if before.strip() else "") + text + ("\n" if after.strip() else "")
        cursor.insertText(text)
        edit.setTextCursor(cursor)
        edit.setFocus()

    def pick_indicator(self) -> None:
        from desktop.core import indicators as ind

        if self._indicators is None:
            self._indicators = self.ctx.read(ind.list_indicators)
        dialog = IndicatorPicker(self._indicators, self)
        if dialog.exec():
            text = dialog.markup_text()
            self.insert_markup(text, block=text.startswith("[["))

    def _context(self, texts) -> blocks.BlockContext:
        return self.ctx.read(blocks.load_context, self.detail.period, texts=texts)

    def convert_to_text(self) -> None:
        """The block line under the cursor — or every field of the section — as plain markup."""
        if self.read_only or self.current_key() is None or self.detail is None:
            return
        edit = self.section_page.content
        cursor = edit.textCursor()
        line = cursor.block().text()
        try:
            if markup.BLOCK.match(line):
                ctx = self._context([line])
                expanded = blocks.expand_to_markup(line, ctx)
                if expanded == line:
                    self.refresh_preview()
                    return
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(expanded)
                return
            text = edit.toPlainText()
            if not markup.fields(text):
                self.saved_label.setText(S.S_CONVERT_NOTHING)
                return
            expanded = blocks.expand_to_markup(text, self._context([text]))
            if expanded != text:
                whole = edit.textCursor()
                whole.select(QTextCursor.SelectionType.Document)
                whole.insertText(expanded)
        except UserError as exc:
            from PySide6.QtWidgets import QMessageBox

            from desktop.strings import common as C

            QMessageBox.warning(self, C.ERROR_TITLE, str(exc))

    def suggest_number(self) -> None:
        if self.detail is None or self.read_only:
            return
        symbol = re.sub(r"\s+", "", self.header_form.symbol.text()).upper() or self.detail.symbol
        year_text = self.header_form.year.text().strip()
        year = int(year_text) if year_text.isdigit() else self.detail.year
        number = self.ctx.read(rp.suggest_number, symbol, year)
        self.header_form.number.setText(str(number))
        self._header_changed()

    # -- the live preview ----------------------------------------------------------------
    def refresh_preview(self) -> None:
        self.preview_timer.stop()
        page = self.section_page
        node = self.tree_editor.current_node() if self.current_key() else None
        if node is None or self.detail is None:
            page.preview.setHtml("")
            return
        text = node.content
        try:
            ctx = self._context([text, node.heading])
            resolved = blocks.resolve_content(text, ctx)
            problems = list(resolved.problems)
            if self.read_only:
                problems = []
            heading = self._heading_html(node)
            page.preview.setHtml(heading + blocks_html(resolved.blocks, problems))
        except UserError as exc:
            page.preview.setHtml(f'<p style="color:#b00020;">{html.escape(str(exc))}</p>')

    def _heading_html(self, node: sec.SectionNode) -> str:
        label = self.tree_editor.label(node.key)
        upper, bold, italic, centred = node.look()
        heading = " ".join(node.heading.split())
        heading = heading.upper() if upper else heading
        text = html.escape(f"{label} {heading}".strip())
        if bold:
            text = f"<b>{text}</b>"
        if italic:
            text = f"<i>{text}</i>"
        align = "center" if centred else "left"
        return f'<p align="{align}" style="margin:0 0 4px 0;">{text}</p>' if text else ""

    # -- saving ----------------------------------------------------------------------------
    def is_pending(self) -> bool:
        return bool(self._dirty_content or self._dirty_fields or self._dirty_header or self._dirty_appendices)

    def _write(self, fn, *args, **kwargs) -> bool:
        try:
            result = self.ctx.write(self, fn, *args, **kwargs)
        except ValidationError as exc:
            self.saved_label.setText(S.SAVE_FAILED)
            raise exc
        if result is None:
            self.saved_label.setText(S.SAVE_FAILED)
            return False
        self.saved_label.setText(S.SAVED_AT.format(time=datetime.now().strftime("%H:%M:%S")))
        return True

    def flush(self) -> bool:
        """Save whatever waits to be saved, now. False if the header could not be saved."""
        self.save_timer.stop()
        if self.report_id is None or self.read_only:
            self._dirty_content, self._dirty_header, self._dirty_appendices = None, False, False
            self._dirty_fields.clear()
            return True
        ok = True
        if self._dirty_content is not None:
            key = self._dirty_content
            node = sec.find(self.tree_editor.tree(), key)
            self._dirty_content = None
            if node is not None:
                self._write(rp.save_section_content, self.report_id, key, node.content)
        for key, fields in list(self._dirty_fields.items()):
            del self._dirty_fields[key]
            if sec.find(self.tree_editor.tree(), key) is not None:
                try:
                    self._write(rp.update_section, self.report_id, key, **fields)
                except ValidationError as exc:
                    self.saved_label.setText("\n".join(exc.problems.values()))
        if self._dirty_appendices:
            self._dirty_appendices = False
            self._write(rp.set_appendices, self.report_id, self.appendix_page.specs())
        if self._dirty_header:
            ok = self._save_header()
        return ok

    def _save_header(self) -> bool:
        try:
            data = self.header_form.header_input(self.detail.period_code)
            saved = self._write(rp.update_header, self.report_id, data)
        except ValidationError as exc:
            self.header_form.error.show_message("\n".join(exc.problems.values()))
            return False
        if saved:
            self._dirty_header = False
            self.detail = replace(self.detail, number=data.number, symbol=data.symbol.strip().upper() or
                                  self.detail.symbol, doc_type=data.doc_type.strip().upper() or self.detail.doc_type)
            self._show_title()
        return saved

    def can_close(self) -> bool:
        if self.flush():
            return True
        problems = self.header_form.error.text()
        if confirm(self, S.H_UNSAVED_TITLE, S.H_FIX_FIRST.format(problems=problems)):
            self._dirty_header = False
            return True
        self.select_header()
        return False

    def _back(self) -> None:
        if self.can_close():
            self.back_requested.emit()
