"""The plan editor: header and basis, the section tree with its form, and the assignment appendix.

What is saved when:
* header fields, basis directives and the open section form are saved by «Lưu» (Ctrl+S);
* the section form is also saved when the user selects another section, changes its numbering
  style, or restructures the tree (so the tree always shows what is stored);
* tree operations, task dialogs and appendix moves are saved at once (one action each).
A new plan is saved first when the user adds its first section or task.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import plans as plan_service
from desktop.core.directives import DirectiveRow, list_directives
from desktop.core.errors import NotFound, UserError, ValidationError
from desktop.core.vn import ParseError, format_date, parse_date
from desktop.strings import audit as A
from desktop.strings import common as S
from desktop.strings import drafts as D
from desktop.strings import plans as P
from desktop.ui.audit import HistoryPanel
from desktop.ui.common import (
    ColumnTableModel,
    ErrorLabel,
    ask_save_changes,
    confirm,
    form_label,
    make_title,
    shortcut,
    text_edit,
)
from desktop.ui.context import AppContext
from desktop.ui.drafts import DraftKeeper, when_text
from desktop.ui.plans.dialogs import BasisPickerDialog, PlanTaskDialog
from desktop.ui.plans.models import APPENDIX_COLUMNS, BASIS_COLUMNS, SECTION_TASK_COLUMNS, SectionTreeModel

YEAR_NONE_VALUE = 1999  # the spin box's "no year" value, shown as P.YEAR_NONE
SECTION_FIELDS = ("heading", "body", "numbering")


def _table(model: ColumnTableModel, view: QTableView | None = None) -> QTableView:
    view = view if view is not None else QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)
    return view




class FittedTableView(QTableView):
    """A table whose columns share the width by weight, so it never scrolls sideways
    (a weight above 1000 is a fixed width in pixels)."""

    def __init__(self, weights: dict[int, float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights = weights

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        available = self.viewport().width()
        fixed = {c: w - 1000 for c, w in self.weights.items() if w > 1000}
        share = {c: w for c, w in self.weights.items() if w <= 1000}
        rest = max(0, available - sum(fixed.values()))
        total = sum(share.values()) or 1
        header = self.horizontalHeader()
        for column, width in fixed.items():
            header.resizeSection(column, int(width))
        for column, weight in share.items():
            header.resizeSection(column, max(40, int(rest * weight / total)))


class ElidedLabel(QLabel):
    """A one-line label that ends with «…» when its text does not fit."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width(), 10)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class PlanEditor(QWidget):
    back_requested = Signal()
    delete_requested = Signal(int)
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id: int | None = None
        self.detail: plan_service.PlanDetail | None = None
        self._basis: list[DirectiveRow] = []
        self._header_dirty = False
        self._section_dirty = False
        self._section_id: int | None = None
        self._loading = False
        self._suppress_selection = False
        self.busy = False

        self._build_top_bar()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_general_tab(), P.TAB_GENERAL)
        self.tabs.addTab(self._build_sections_tab(), P.TAB_SECTIONS)
        self.tabs.addTab(self._build_appendix_tab(), P.TAB_APPENDIX)
        self.history = HistoryPanel(ctx)
        self.history.setObjectName("plan_history")
        self.tabs.addTab(self.history, A.TAB_TITLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top_bar)
        layout.addWidget(self.tabs, 1)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.flash_label.setText(""))
        # Unsaved header and section edits survive a power cut (drafts/plan-<id>.json).
        self.drafts = DraftKeeper(self, ctx.folder, "plan-new", state=self._draft_state, dirty=self.is_dirty,
                                  title=self._draft_title)

    # ================================================================== building
    def _build_top_bar(self) -> None:
        self.back_button = QPushButton(P.BACK)
        self.back_button.clicked.connect(self._back)
        self.title_label = make_title(ElidedLabel(P.NEW_PLAN_TITLE))
        self.flash_label = QLabel()
        self.flash_label.setStyleSheet("color: #1e6b2e;")
        self.delete_button = QPushButton(P.DELETE_PLAN)
        self.delete_button.clicked.connect(lambda: self.plan_id and self.delete_requested.emit(self.plan_id))
        self.save_button = QPushButton(P.SAVE)
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        self.top_bar = QHBoxLayout()
        self.top_bar.addWidget(self.back_button)
        self.top_bar.addSpacing(8)
        self.top_bar.addWidget(self.title_label, 1)
        self.top_bar.addWidget(self.flash_label)
        self.top_bar.addWidget(self.delete_button)
        self.top_bar.addWidget(self.save_button)

    def _build_general_tab(self) -> QWidget:
        page = QWidget()
        self.number = QLineEdit()
        self.number.setPlaceholderText(P.PLACEHOLDER_NUMBER)
        self.number.setMinimumWidth(130)
        self.issued_on = QLineEdit()
        self.issued_on.setPlaceholderText(P.PLACEHOLDER_DATE)
        self.issued_on.setToolTip(P.DATE_TIP)
        self.issued_on.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.issued_on.editingFinished.connect(self._tidy_date)
        self.year = QSpinBox()
        self.year.setRange(YEAR_NONE_VALUE, 2100)
        self.year.setSpecialValueText(P.YEAR_NONE)
        self.year.setMinimumWidth(80)
        self.year.setToolTip(P.YEAR_TIP)
        self.status = QComboBox()
        for key, label in S.PLAN_STATUS.items():
            self.status.addItem(label, key)
        self.summary = text_edit(2, P.PLACEHOLDER_SUMMARY)
        self.purpose = text_edit(placeholder=P.PLACEHOLDER_PURPOSE)
        self.requirements = text_edit(placeholder=P.PLACEHOLDER_PURPOSE)
        self.errors = {key: ErrorLabel() for key in (
            "number_symbol", "issued_on", "year", "status", "summary", "basis", "purpose", "requirements", "general")}

        header = QGridLayout()
        header.setHorizontalSpacing(8)
        header.addWidget(form_label(P.LABEL_NUMBER), 0, 0)
        header.addWidget(self.number, 0, 1)
        header.addWidget(form_label(P.LABEL_DATE), 0, 2)
        header.addWidget(self.issued_on, 0, 3)
        header.addWidget(form_label(P.LABEL_YEAR), 0, 4)
        header.addWidget(self.year, 0, 5)
        header.addWidget(form_label(P.LABEL_STATUS), 0, 6)
        header.addWidget(self.status, 0, 7)
        header.addWidget(self.errors["number_symbol"], 1, 1)
        header.addWidget(self.errors["issued_on"], 1, 3)
        header.addWidget(self.errors["year"], 1, 5)
        header.addWidget(self.errors["status"], 1, 7)
        header.setColumnStretch(1, 3)
        header.setColumnStretch(3, 2)
        header.setColumnStretch(7, 1)
        summary_label = form_label(P.LABEL_SUMMARY)
        header.addWidget(summary_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.summary, 2, 1, 1, 7)
        header.addWidget(self.errors["summary"], 3, 1, 1, 7)

        # basis directives
        self.basis_model = ColumnTableModel(BASIS_COLUMNS, self)
        self.basis_view = _table(self.basis_model)
        self.basis_view.setWordWrap(False)
        basis_header = self.basis_view.horizontalHeader()
        basis_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        basis_header.setSectionResizeMode(self.basis_model.column_index("summary"), QHeaderView.ResizeMode.Stretch)
        self.basis_view.setFixedHeight((self.fontMetrics().lineSpacing() + 8) * 6 + 28)
        self.basis_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_basis_buttons())
        self.basis_add = QPushButton(P.BASIS_ADD)
        self.basis_add.clicked.connect(self._add_basis)
        self.basis_remove = QPushButton(P.BASIS_REMOVE)
        self.basis_remove.clicked.connect(self._remove_basis)
        self.basis_up = QPushButton(P.BASIS_UP)
        self.basis_up.clicked.connect(lambda: self._move_basis(-1))
        self.basis_down = QPushButton(P.BASIS_DOWN)
        self.basis_down.clicked.connect(lambda: self._move_basis(+1))
        basis_buttons = QVBoxLayout()
        for button in (self.basis_add, self.basis_remove, self.basis_up, self.basis_down):
            basis_buttons.addWidget(button)
        basis_buttons.addStretch(1)
        basis_row = QHBoxLayout()
        basis_row.addWidget(self.basis_view, 1)
        basis_row.addLayout(basis_buttons)

        texts = QGridLayout()
        texts.addWidget(QLabel(P.LABEL_PURPOSE), 0, 0)
        texts.addWidget(QLabel(P.LABEL_REQUIREMENTS), 0, 1)
        texts.addWidget(self.purpose, 1, 0)
        texts.addWidget(self.requirements, 1, 1)
        texts.addWidget(self.errors["purpose"], 2, 0)
        texts.addWidget(self.errors["requirements"], 2, 1)
        texts.setRowStretch(1, 1)

        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(QLabel(P.LABEL_BASIS))
        layout.addLayout(basis_row)
        layout.addWidget(self.errors["basis"])
        layout.addLayout(texts, 1)
        layout.addWidget(self.errors["general"])

        for widget in (self.number, self.issued_on):
            widget.textEdited.connect(self._mark_header_dirty)
        for edit in (self.summary, self.purpose, self.requirements):
            edit.textChanged.connect(self._mark_header_dirty)
        self.year.valueChanged.connect(self._mark_header_dirty)
        self.status.currentIndexChanged.connect(self._mark_header_dirty)
        return page

    def _build_sections_tab(self) -> QWidget:
        page = QWidget()
        self.add_child_button = QPushButton(P.SECTION_ADD_CHILD)
        self.add_sibling_button = QPushButton(P.SECTION_ADD_SIBLING)
        self.up_button = QPushButton(P.SECTION_UP)
        self.down_button = QPushButton(P.SECTION_DOWN)
        self.indent_button = QPushButton(P.SECTION_INDENT)
        self.outdent_button = QPushButton(P.SECTION_OUTDENT)
        self.delete_section_button = QPushButton(P.SECTION_DELETE)
        actions: list[tuple[QPushButton, str, Callable[[], None], str | None]] = [
            (self.add_child_button, P.SECTION_ADD_CHILD_TIP, self.add_child_section, "Ctrl+Shift+N"),
            (self.add_sibling_button, P.SECTION_ADD_SIBLING_TIP, self.add_sibling_section, "Ctrl+Return"),
            (self.up_button, P.SECTION_UP_TIP, lambda: self._section_op(plan_service.move_section, -1), "Alt+Up"),
            (self.down_button, P.SECTION_DOWN_TIP, lambda: self._section_op(plan_service.move_section, 1), "Alt+Down"),
            (self.indent_button, P.SECTION_INDENT_TIP, lambda: self._section_op(plan_service.indent_section), "Alt+Right"),
            (self.outdent_button, P.SECTION_OUTDENT_TIP, lambda: self._section_op(plan_service.outdent_section), "Alt+Left"),
            (self.delete_section_button, P.SECTION_DELETE_TIP, self.delete_section, None),
        ]
        toolbar = QHBoxLayout()
        for i, (button, tip, handler, keys) in enumerate(actions):
            button.setToolTip(f"{tip} ({keys})" if keys else tip)
            button.clicked.connect(handler)
            toolbar.addWidget(button)
            if i in (1, 5):
                line = QFrame()
                line.setFrameShape(QFrame.Shape.VLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                toolbar.addWidget(line)
        toolbar.addStretch(1)

        self.tree_model = SectionTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setIndentation(16)
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(False)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        tree_header.resizeSection(1, 40)
        self.tree.selectionModel().currentChanged.connect(self._on_current_section)
        for button, _tip, handler, keys in actions:
            if keys:
                shortcut(self.tree, keys, handler)

        # the form of the selected section
        self.section_box = QGroupBox(P.SECTION_FORM_TITLE)
        self.section_hint = QLabel(P.SECTION_NONE)
        self.section_hint.setWordWrap(True)
        self.numbering = QComboBox()
        for key, label in P.NUMBERING.items():
            self.numbering.addItem(label, key)
        self.numbering.currentIndexChanged.connect(self._on_numbering_changed)
        numbering_hint = QLabel(P.NUMBERING_HINT)
        numbering_hint.setStyleSheet("color: palette(placeholder-text);")
        numbering_hint.setWordWrap(True)
        self.heading = text_edit(2)
        self.body = text_edit()
        self.section_errors = {key: ErrorLabel() for key in SECTION_FIELDS}
        self.heading.textChanged.connect(self._mark_section_dirty)
        self.body.textChanged.connect(self._mark_section_dirty)

        self.section_tasks_model = ColumnTableModel(SECTION_TASK_COLUMNS, self)
        self.section_tasks = _table(self.section_tasks_model)
        self.section_tasks.setWordWrap(False)
        st_header = self.section_tasks.horizontalHeader()
        st_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        st_header.setSectionResizeMode(self.section_tasks_model.column_index("title"), QHeaderView.ResizeMode.Stretch)
        self.section_tasks.setFixedHeight((self.fontMetrics().lineSpacing() + 8) * 5 + 28)
        self.section_tasks.doubleClicked.connect(lambda index: self._edit_task(self.section_tasks_model.row_at(index.row()).id))
        self.section_task_add = QPushButton(P.SECTION_TASK_ADD)
        self.section_task_add.clicked.connect(lambda: self.add_task(self._section_id))
        self.section_task_edit = QPushButton(P.TASK_EDIT)
        self.section_task_edit.clicked.connect(self._edit_section_task)

        form = QGridLayout(self.section_box)
        form.addWidget(self.section_hint, 0, 0, 1, 2)
        form.addWidget(form_label(P.LABEL_NUMBERING), 1, 0)
        numbering_row = QHBoxLayout()
        numbering_row.addWidget(self.numbering)
        numbering_row.addStretch(1)
        form.addLayout(numbering_row, 1, 1)
        form.addWidget(numbering_hint, 2, 1)
        form.addWidget(self.section_errors["numbering"], 3, 1)
        form.addWidget(form_label(P.LABEL_HEADING), 4, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.heading, 4, 1)
        form.addWidget(self.section_errors["heading"], 5, 1)
        form.addWidget(form_label(P.LABEL_BODY), 6, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.body, 6, 1)
        form.addWidget(self.section_errors["body"], 7, 1)
        form.setRowStretch(6, 1)
        tasks_title = QHBoxLayout()
        tasks_title.addWidget(QLabel(P.SECTION_TASKS), 1)
        tasks_title.addWidget(self.section_task_add)
        tasks_title.addWidget(self.section_task_edit)
        form.addLayout(tasks_title, 8, 0, 1, 2)
        form.addWidget(self.section_tasks, 9, 0, 1, 2)

        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.section_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 540])

        layout = QVBoxLayout(page)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        return page

    def _build_appendix_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(P.APPENDIX_HINT)
        hint.setWordWrap(True)
        self.task_add = QPushButton(P.TASK_ADD)
        self.task_add.clicked.connect(lambda: self.add_task(None))
        self.task_edit = QPushButton(P.TASK_EDIT)
        self.task_edit.clicked.connect(self._edit_appendix_task)
        self.task_up = QPushButton(P.TASK_UP)
        self.task_up.clicked.connect(lambda: self._move_task(-1))
        self.task_down = QPushButton(P.TASK_DOWN)
        self.task_down.clicked.connect(lambda: self._move_task(+1))
        self.task_detach = QPushButton(P.TASK_DETACH)
        self.task_detach.clicked.connect(self._detach_task)
        self.export_button = QPushButton(P.EXPORT_APPENDIX)
        self.export_button.clicked.connect(self.export_appendix)
        toolbar = QHBoxLayout()
        for button in (self.task_add, self.task_edit, self.task_up, self.task_down, self.task_detach):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.export_button)

        self.appendix_model = ColumnTableModel(APPENDIX_COLUMNS, self)
        metrics = self.fontMetrics()
        deadline_width = max(metrics.horizontalAdvance(t) for t in ("30/09/2025", P.APPENDIX_COLUMNS["deadline"])) + 16
        weights = {"stt": 1044, "section": 1056, "deadline": 1000 + deadline_width, "title": 3.4, "lead": 1.0,
                   "coordinators": 1.7, "expected_output": 1.5, "status": 1.4}
        column = self.appendix_model.column_index
        self.appendix = _table(self.appendix_model, FittedTableView({column(k): w for k, w in weights.items()}))
        self.appendix.setWordWrap(True)
        self.appendix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.appendix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.appendix.doubleClicked.connect(lambda index: self._edit_task(self.appendix_model.row_at(index.row()).id))
        self.appendix.selectionModel().currentRowChanged.connect(lambda *_: self._update_task_buttons())

        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(toolbar)
        layout.addWidget(self.appendix, 1)
        return page

    # ================================================================== state
    def is_dirty(self) -> bool:
        return self._header_dirty or self._section_dirty

    # ================================================================== drafts
    def _draft_key(self) -> str:
        return f"plan-{self.plan_id}" if self.plan_id is not None else "plan-new"

    def _draft_title(self) -> str:
        summary = " ".join(self.summary.toPlainText().split())[:80]
        return (D.PLAN_TITLE if self.plan_id is not None else D.NEW_PLAN_TITLE).format(title=summary)

    def _draft_state(self) -> dict:
        header = None
        if self._header_dirty:
            header = {"number": self.number.text(), "issued_on": self.issued_on.text(), "year": self.year.value(),
                      "status": self.status.currentData(), "summary": self.summary.toPlainText(),
                      "purpose": self.purpose.toPlainText(), "requirements": self.requirements.toPlainText(),
                      "basis": [d.id for d in self._basis]}
        section = None
        if self._section_dirty and self._section_id is not None:
            section = {"id": self._section_id, "numbering": self.numbering.currentData(),
                       "heading": self.heading.toPlainText(), "body": self.body.toPlainText()}
        return {"header": header, "section": section}

    def _apply_draft(self, state: dict) -> None:
        header, section = state["header"], state["section"]
        if header is not None:
            texts = [header[k] for k in ("number", "issued_on", "summary", "purpose", "requirements")]
            if not all(isinstance(t, str) for t in texts) or not isinstance(header["basis"], list):
                raise ValueError("not a plan draft")
            known = {d.id: d for d in self.ctx.read(list_directives)}
            self._loading = True
            try:
                self.number.setText(header["number"])
                self.issued_on.setText(header["issued_on"])
                self.year.setValue(int(header["year"]))
                self.status.setCurrentIndex(max(0, self.status.findData(header["status"])))
                self.summary.setPlainText(header["summary"])
                self.purpose.setPlainText(header["purpose"])
                self.requirements.setPlainText(header["requirements"])
                self._basis = [known[int(i)] for i in header["basis"] if int(i) in known]
                self.basis_model.set_rows(self._basis)
            finally:
                self._loading = False
            self._header_dirty = True
        if section is not None and self.tree_model.index_of(int(section["id"])).isValid():
            self.tabs.setCurrentIndex(1)
            self.select_section(int(section["id"]))
            self._loading = True
            try:
                self.numbering.setCurrentIndex(max(0, self.numbering.findData(section["numbering"])))
                self.heading.setPlainText(str(section["heading"]))
                self.body.setPlainText(str(section["body"]))
            finally:
                self._loading = False
            self._section_dirty = True
        self._update_title()

    def offer_draft(self) -> None:
        draft = self.drafts.offer(self, self._apply_draft)
        if draft is not None:
            self.flash(D.RESTORED.format(when=when_text(draft)))

    def _mark_header_dirty(self, *_args: Any) -> None:
        if not self._loading:
            self._header_dirty = True
            self._update_title()

    def _mark_section_dirty(self, *_args: Any) -> None:
        if not self._loading and self._section_id is not None:
            self._section_dirty = True
            self._update_title()

    def _update_title(self) -> None:
        if self.plan_id is None:
            text = P.NEW_PLAN_TITLE
        else:
            header = self.detail.header if self.detail else None
            text = P.EDITOR_TITLE.format(value=(header.number_symbol if header and header.number_symbol else P.NO_NUMBER))
            if header and header.summary:
                text += f" — {header.summary}"
        self.title_label.setText(("● " if self.is_dirty() else "") + text)
        self.title_label.setToolTip(text)
        self.delete_button.setEnabled(self.plan_id is not None)

    def flash(self, text: str) -> None:
        self.flash_label.setText(text)
        self._flash_timer.start(6000)

    def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        """ctx.write with the editor marked busy (it reloads itself afterwards)."""
        self.busy = True
        try:
            return self.ctx.write(self, fn, *args)
        finally:
            self.busy = False

    # ================================================================== open / reload
    def open_plan(self, plan_id: int | None) -> None:
        """Show a plan (None: a new, empty plan). The caller checked unsaved edits first."""
        self.plan_id = plan_id
        self.detail = None
        self._header_dirty = self._section_dirty = False
        self._section_id = None
        self._clear_errors()
        self.flash_label.setText("")
        self.tabs.setCurrentIndex(0)
        self.history.show_record("plans", plan_id)
        if plan_id is None:
            self._fill_header(plan_service.PlanHeader(summary=""), ())
            self.tree_model.set_sections(())
            self.appendix_model.set_rows([])
            self._show_section(None)
            self._update_counts()
            self._update_title()
            self._update_task_buttons()
        else:
            self.reload()
        self.summary.setFocus() if plan_id is None else self.tree.setFocus()
        self.drafts.rename(self._draft_key())
        QTimer.singleShot(0, self.offer_draft)

    def reload(self, select_section: int | None | object = ...) -> None:
        """Read the plan again; unsaved header fields and the open section form are kept."""
        if self.plan_id is None:
            return
        try:
            detail = self.ctx.read(plan_service.get_plan, self.plan_id)
        except NotFound:
            self.plan_id = None
            self._header_dirty = self._section_dirty = False
            self.back_requested.emit()
            return
        self.detail = detail
        self.history.show_record("plans", self.plan_id)
        if not self._header_dirty:
            self._fill_header(detail.header, detail.basis)
        target = self._section_id if select_section is ... else select_section
        self._suppress_selection = True
        try:
            self.tree_model.set_sections(detail.sections)
            self.tree.expandAll()
            index = self.tree_model.index_of(target)
            if index.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tree.scrollTo(index)
        finally:
            self._suppress_selection = False
        self._show_section(detail.section(target))
        current_task = self._current_appendix_id()
        self.appendix_model.set_rows(detail.appendix)
        self._select_appendix(current_task)
        self._update_counts()
        self._update_title()

    def _fill_header(self, header: plan_service.PlanHeader, basis: tuple[DirectiveRow, ...]) -> None:
        self._loading = True
        try:
            self.number.setText(header.number_symbol)
            self.issued_on.setText(format_date(header.issued_on))
            self.year.setValue(header.year or YEAR_NONE_VALUE)
            self.status.setCurrentIndex(max(0, self.status.findData(header.status)))
            self.summary.setPlainText(header.summary)
            self.purpose.setPlainText(header.purpose)
            self.requirements.setPlainText(header.requirements)
            self._basis = list(basis)
            self.basis_model.set_rows(self._basis)
        finally:
            self._loading = False
        self._header_dirty = False
        self._update_basis_buttons()

    def _update_counts(self) -> None:
        sections = self.tree_model.section_count()
        tasks = self.appendix_model.rowCount()
        self.tabs.setTabText(1, P.TAB_SECTIONS_COUNT.format(count=sections) if sections else P.TAB_SECTIONS)
        self.tabs.setTabText(2, P.TAB_APPENDIX_COUNT.format(count=tasks) if tasks else P.TAB_APPENDIX)

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), *self.section_errors.values()):
            label.show_message("")

    # ================================================================== header
    def _tidy_date(self) -> None:
        try:
            value = parse_date(self.issued_on.text())
        except ParseError as exc:
            self.errors["issued_on"].show_message(str(exc))
            return
        self.errors["issued_on"].show_message("")
        if value is not None and self.issued_on.text() != format_date(value):
            self.issued_on.setText(format_date(value))

    def _header_input(self) -> plan_service.PlanHeader:
        year = self.year.value()
        return plan_service.PlanHeader(
            summary=self.summary.toPlainText(),
            number_symbol=self.number.text(),
            issued_on=parse_date(self.issued_on.text()),
            status=self.status.currentData(),
            year=None if year == YEAR_NONE_VALUE else year,
            purpose=self.purpose.toPlainText(),
            requirements=self.requirements.toPlainText(),
        )

    def save(self) -> bool:
        """Save the header, basis and open section form (Ctrl+S). False if nothing was saved."""
        self._clear_errors()
        try:
            header = self._header_input()
        except ParseError as exc:
            self.errors["issued_on"].show_message(str(exc))
            self.tabs.setCurrentIndex(0)
            self.issued_on.setFocus()
            return False
        edits = [(self._section_id, self._section_input())] if self._section_dirty and self._section_id else []
        try:
            result = self._write(plan_service.save_plan, self.plan_id, header, [d.id for d in self._basis], edits)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        if result is None:
            return False
        self.plan_id = result[0]
        self._header_dirty = self._section_dirty = False
        self.drafts.rename(self._draft_key())
        self.reload()
        self.flash(P.SAVED)
        self.saved.emit(self.plan_id)
        return True

    def _show_problems(self, problems: dict[str, str]) -> None:
        first_tab = None
        for key, message in problems.items():
            if key in self.section_errors:
                self.section_errors[key].show_message(message)
                first_tab = 1 if first_tab is None else first_tab
            else:
                self.errors.get(key, self.errors["general"]).show_message(message)
                first_tab = 0
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
        focus = {"summary": self.summary, "number_symbol": self.number, "issued_on": self.issued_on,
                 "year": self.year, "heading": self.heading, "body": self.body}
        for key in problems:
            if key in focus:
                focus[key].setFocus()
                break

    def can_close(self) -> bool:
        """True when the editor may be left: nothing unsaved, saved now, or discarded."""
        if not self.is_dirty():
            return True
        answer = ask_save_changes(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._header_dirty = self._section_dirty = False
            self.drafts.discard()
            self._update_title()
            return True
        return False

    def _back(self) -> None:
        if self.can_close():
            self.back_requested.emit()

    def _ensure_saved_plan(self) -> bool:
        """A new plan is stored before sections or tasks can hang from it."""
        if self.plan_id is not None:
            return True
        if not self.summary.toPlainText().strip():
            self.errors["summary"].show_message(P.SAVE_HEADER_FIRST)
            self.tabs.setCurrentIndex(0)
            self.summary.setFocus()
            return False
        return self.save()

    # -- basis
    def _update_basis_buttons(self) -> None:
        row = self.basis_view.currentIndex().row() if self.basis_view.currentIndex().isValid() else -1
        self.basis_remove.setEnabled(row >= 0)
        self.basis_up.setEnabled(row > 0)
        self.basis_down.setEnabled(0 <= row < len(self._basis) - 1)

    def _set_basis(self, rows: list[DirectiveRow], current: int) -> None:
        self._basis = rows
        self.basis_model.set_rows(rows)
        if 0 <= current < len(rows):
            self.basis_view.selectRow(current)
        self._mark_header_dirty()
        self._update_basis_buttons()

    def _add_basis(self) -> None:
        dialog = BasisPickerDialog(self.ctx, {d.id for d in self._basis}, self)
        if dialog.exec() and dialog.chosen():
            self.add_basis(dialog.chosen())

    def add_basis(self, rows: list[DirectiveRow]) -> None:
        known = {d.id for d in self._basis}
        added = [r for r in rows if r.id not in known]
        self._set_basis(self._basis + added, len(self._basis) + len(added) - 1)

    def _remove_basis(self) -> None:
        row = self.basis_view.currentIndex().row()
        if 0 <= row < len(self._basis):
            rows = list(self._basis)
            rows.pop(row)
            self._set_basis(rows, min(row, len(rows) - 1))

    def _move_basis(self, offset: int) -> None:
        row = self.basis_view.currentIndex().row()
        target = row + offset
        if 0 <= row < len(self._basis) and 0 <= target < len(self._basis):
            rows = list(self._basis)
            rows.insert(target, rows.pop(row))
            self._set_basis(rows, target)

    # ================================================================== sections
    def current_section(self) -> plan_service.SectionNode | None:
        return self.detail.section(self._section_id) if self.detail and self._section_id else None

    def select_section(self, section_id: int | None) -> None:
        """Select a section in the tree (as a click would)."""
        index = self.tree_model.index_of(section_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _section_input(self) -> plan_service.SectionInput:
        return plan_service.SectionInput(
            heading=self.heading.toPlainText(), body=self.body.toPlainText(), numbering=self.numbering.currentData())

    def _show_section(self, node: plan_service.SectionNode | None) -> None:
        keep_form = node is not None and node.id == self._section_id and self._section_dirty
        self._section_id = node.id if node else None
        has = node is not None
        self.section_hint.setVisible(not has)
        for widget in (self.numbering, self.heading, self.body, self.section_task_add):
            widget.setEnabled(has)
        self.section_box.setTitle(f"{P.SECTION_FORM_TITLE}: {node.label}" if has and node.label else P.SECTION_FORM_TITLE)
        if not keep_form:
            self._loading = True
            try:
                self.numbering.setCurrentIndex(max(0, self.numbering.findData(node.numbering)) if has else 0)
                self.heading.setPlainText(node.heading if has else "")
                self.body.setPlainText(node.body if has else "")
            finally:
                self._loading = False
            self._section_dirty = False
            for label in self.section_errors.values():
                label.show_message("")
        rows = self.detail.tasks_in(node.id) if has and self.detail else ()
        self.section_tasks_model.set_rows(rows)
        self.section_task_edit.setEnabled(bool(rows))
        self._update_section_buttons()

    def _update_section_buttons(self) -> None:
        node = self.current_section()
        self.add_sibling_button.setEnabled(node is not None)
        self.up_button.setEnabled(bool(node and node.can_move_up))
        self.down_button.setEnabled(bool(node and node.can_move_down))
        self.indent_button.setEnabled(bool(node and node.can_indent))
        self.outdent_button.setEnabled(bool(node and node.can_outdent))
        self.delete_section_button.setEnabled(node is not None)

    def _on_current_section(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._suppress_selection:
            return
        node = self.tree_model.node(current)
        new_id = node.id if node else None
        if new_id == self._section_id:
            return
        if self._section_dirty:
            if not self._commit_section():
                QTimer.singleShot(0, lambda: self.reload(self._section_id))  # back to the section with the error
                return
            self.reload(new_id)
            return
        self._show_section(node)

    def _commit_section(self) -> bool:
        """Save the open section form if it was edited. False when it could not be saved."""
        if not (self._section_dirty and self._section_id is not None):
            return True
        for label in self.section_errors.values():
            label.show_message("")
        try:
            result = self._write(plan_service.update_section, self._section_id, self._section_input())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        if result is None:
            return False
        self._section_dirty = False
        self._update_title()
        return True

    def _on_numbering_changed(self) -> None:
        if self._loading or self._section_id is None:
            return
        self._section_dirty = True
        if self._commit_section():
            self.reload()

    def _section_op(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run a tree operation on the selected section; the section stays selected."""
        node = self.current_section()
        if node is None or not self._commit_section():
            return
        result = self._write(fn, node.id, *args)
        if result is not None:
            self.reload(node.id)

    def add_child_section(self) -> None:
        if not self._ensure_saved_plan() or not self._commit_section():
            return
        result = self._write(plan_service.add_child_section, self.plan_id, self._section_id)
        if result is not None:
            self.tabs.setCurrentIndex(1)
            self.reload(result[0])
            self.heading.setFocus()

    def add_sibling_section(self) -> None:
        if self._section_id is None:
            self.add_child_section()
            return
        if not self._commit_section():
            return
        result = self._write(plan_service.add_sibling_section, self._section_id)
        if result is not None:
            self.reload(result[0])
            self.heading.setFocus()

    def delete_section(self) -> None:
        node = self.current_section()
        if node is None or not self._commit_section():
            return
        count = self.ctx.read(plan_service.section_task_count, node.id)
        title = node.title if len(node.title) <= 80 else node.title[:80] + "…"
        question = (P.CONFIRM_DELETE_SECTION_TASKS.format(value=title, count=count) if count
                    else P.CONFIRM_DELETE_SECTION.format(value=title))
        if not confirm(self, S.CONFIRM_DELETE_TITLE, question):
            return
        siblings = (self.detail.section(node.parent_id).children if node.parent_id else self.detail.sections)
        neighbour = siblings[node.index - 1].id if node.index > 0 else (
            siblings[1].id if len(siblings) > 1 else node.parent_id)
        result = self._write(plan_service.delete_section, node.id, bool(count))
        if result is None:
            return
        self._section_id = None
        self.reload(neighbour)
        if result[0]:
            self.flash(P.SECTION_DELETED_TASKS.format(count=result[0]))

    # ================================================================== tasks
    def _current_appendix_id(self) -> int | None:
        index = self.appendix.currentIndex()
        return self.appendix_model.row_at(index.row()).id if index.isValid() else None

    def _select_appendix(self, task_id: int | None) -> None:
        rows = self.appendix_model.rows()
        row = next((i for i, r in enumerate(rows) if r.id == task_id), -1)
        if row >= 0:
            self.appendix.selectRow(row)
        self._update_task_buttons()

    def _update_task_buttons(self) -> None:
        index = self.appendix.currentIndex()
        row = index.row() if index.isValid() else -1
        count = self.appendix_model.rowCount()
        self.task_edit.setEnabled(row >= 0)
        self.task_detach.setEnabled(row >= 0)
        self.task_up.setEnabled(row > 0)
        self.task_down.setEnabled(0 <= row < count - 1)
        self.export_button.setEnabled(self.plan_id is not None and count > 0)

    def export_appendix(self, path: str | None = None):
        """Write the assignment appendix to an .xlsx chosen by the user, on the worker thread behind
        a progress dialog (openpyxl loads only now). The job (desktop.ui.jobs.ProgressJob, its
        result the file written), or None when nothing was started."""
        from desktop.ui.jobs import explain_failure, run_with_progress

        if self.plan_id is None:
            return None
        if not isinstance(path, str | Path):  # the button's clicked(checked) passes a bool
            path = None
        if path is None:
            header = self.detail.header if self.detail else None
            number = (header.number_symbol if header else "").replace("/", "-") or str(self.plan_id)
            suggested = self.ctx.folder.exports / P.EXPORT_FILE_NAME.format(number=number)
            path, _filter = QFileDialog.getSaveFileName(self, P.EXPORT_APPENDIX, str(suggested), P.EXPORT_FILTER)
            if not path:
                return None
        database, plan_id, target = self.ctx.db, self.plan_id, Path(path)

        def work(_ticket) -> Path:
            from desktop.export.plan_appendix import export_plan_appendix

            with database.read() as session:
                return export_plan_appendix(session, plan_id, target)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):
                QMessageBox.warning(self, S.ERROR_TITLE, str(exc))
            else:
                explain_failure(self, exc, self.ctx.folder)

        return run_with_progress(self, S.JOB_EXCEL_TITLE, S.JOB_EXCEL.format(name=target.name), work,
                                 lambda written: self.flash(P.EXPORT_DONE.format(path=written)), failed,
                                 cancellable=False)

    def add_task(self, section_id: int | None) -> int | None:
        if not self._ensure_saved_plan() or not self._commit_section():
            return None
        return self._run_task_dialog(None, section_id)

    def _edit_task(self, task_id: int) -> None:
        if self._commit_section():
            self._run_task_dialog(task_id, None)

    def _edit_appendix_task(self) -> None:
        task_id = self._current_appendix_id()
        if task_id is not None:
            self._edit_task(task_id)

    def _edit_section_task(self) -> None:
        index = self.section_tasks.currentIndex()
        rows = self.section_tasks_model.rows()
        if rows:
            self._edit_task(rows[index.row() if index.isValid() else 0].id)

    def task_dialog(self, task_id: int | None, section_id: int | None) -> PlanTaskDialog:
        """The dialog, built (tests drive it directly)."""
        return PlanTaskDialog(self.ctx, self.detail, task_id, section_id, self)

    def _run_task_dialog(self, task_id: int | None, section_id: int | None) -> int | None:
        if self.detail is None:
            self.reload()
        dialog = self.task_dialog(task_id, section_id)
        if not dialog.exec():
            return None
        self.reload()
        self._select_appendix(dialog.task_id)
        return dialog.task_id

    def _move_task(self, offset: int) -> None:
        task_id = self._current_appendix_id()
        if task_id is None:
            return
        if self._write(plan_service.move_task, task_id, offset) is not None:
            self.reload()
            self._select_appendix(task_id)

    def _detach_task(self) -> None:
        task_id = self._current_appendix_id()
        if task_id is None:
            return
        row = next(r for r in self.appendix_model.rows() if r.id == task_id)
        title = row.title if len(row.title) <= 80 else row.title[:80] + "…"
        if not confirm(self, P.TASK_DETACH, P.CONFIRM_DETACH_TASK.format(value=title)):
            return
        if self._write(plan_service.detach_task, task_id) is not None:
            self.reload()
