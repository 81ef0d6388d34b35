"""The first-run page: set up the office in three steps, or open the demo data.

Shown by MainWindow while the database has no office. Everything typed here is saved at the end
in one unit of work (desktop.core.office.set_up_office), which also loads the built-in directive
list; `completed` is emitted after that, or after the demo data was created.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import office
from desktop.core.changes import ALL, Changes
from desktop.core.errors import ValidationError
from desktop.core.office import DepartmentRow
from desktop.strings import office as O
from desktop.ui.common import Column, ColumnTableModel, ErrorLabel, confirm
from desktop.ui.context import AppContext
from desktop.ui.office import (
    HINT_COLOUR,
    OfficeProfileForm,
    SignaturePreview,
    SignerForm,
    SignerTableModel,
    TitleLabel,
    hint_label,
    make_table,
    select_where,
    selected_row,
    tint,
)

OFFICE_FIELDS = frozenset(office.OfficeProfile.__dataclass_fields__)
STEP_PROFILE, STEP_DEPARTMENTS, STEP_SIGNERS = range(3)


class DepartmentDraftTableModel(ColumnTableModel):
    """The department list of the first run, edited in place (nothing is saved until the end)."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("name", O.COLUMN["name"], lambda r: r.name),
            Column("abbreviation", O.COLUMN["abbreviation"], lambda r: r.abbreviation),
        ], parent)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (0 <= index.row() < len(self._rows)):
            return False
        key = self.columns[index.column()].key
        self._rows[index.row()] = replace(self._rows[index.row()], **{key: "" if value is None else str(value)})
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def append_blank(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(DepartmentRow(None, ""))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def move(self, row: int, offset: int) -> int:
        target = row + offset
        if not (0 <= row < len(self._rows)) or not (0 <= target < len(self._rows)) or offset == 0:
            return row
        destination = target + 1 if offset > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        return target


class FirstRunPage(QWidget):
    completed = Signal()
    help_topic = "first_run"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.ctx = ctx
        self._departments_touched = False
        self._departments_kind: str | None = None

        # Welcome banner with the two ways in.
        banner = QFrame()
        banner.setObjectName("welcome_banner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setAutoFillBackground(True)
        tint(banner, "#eef3f9", QPalette.ColorRole.Window)
        welcome = TitleLabel(O.FIRST_RUN_TITLE, size="x-large")
        intro = QLabel(O.FIRST_RUN_INTRO)
        intro.setWordWrap(True)
        self.demo_button = QPushButton(O.DEMO_BUTTON)
        self.demo_button.setObjectName("demo_button")
        self.demo_button.setToolTip(O.DEMO_TOOLTIP)
        self.demo_button.clicked.connect(self.use_demo)
        self.help_button = QPushButton(O.HELP_BUTTON)
        self.help_button.clicked.connect(self._show_help)
        text = QVBoxLayout()
        text.addWidget(welcome)
        text.addWidget(intro)
        side = QVBoxLayout()
        side.addWidget(self.demo_button)
        side.addWidget(self.help_button)
        side.addStretch(1)
        banner_layout = QHBoxLayout(banner)
        banner_layout.addLayout(text, 1)
        banner_layout.addSpacing(12)
        banner_layout.addLayout(side)

        # Steps.
        self.steps_label = QLabel()
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.step_title = TitleLabel("", size="large")
        self.step_hint = hint_label("")
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_profile_step())
        self.stack.addWidget(self._build_departments_step())
        self.stack.addWidget(self._build_signers_step())
        scroll = QScrollArea()
        scroll.setObjectName("first_run_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.stack)

        self.error = ErrorLabel()
        self.back_button = QPushButton(O.BACK)
        self.next_button = QPushButton(O.NEXT)
        self.finish_button = QPushButton(O.FINISH)
        self.next_button.setObjectName("next_button")
        self.finish_button.setObjectName("finish_button")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self.finish)
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        nav.addWidget(self.finish_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(banner)
        layout.addSpacing(4)
        layout.addWidget(self.steps_label)
        layout.addWidget(self.step_title)
        layout.addWidget(self.step_hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(nav)
        self._show_step(STEP_PROFILE)

    # -- steps -----------------------------------------------------------------------------
    def _build_profile_step(self) -> QWidget:
        self.form = OfficeProfileForm(suggest=True)
        return self.form

    def _build_departments_step(self) -> QWidget:
        page = QWidget()
        self.department_model = DepartmentDraftTableModel(self)
        self.department_view = make_table(self.department_model, "draft_departments")
        self.department_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.department_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.department_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.department_view.verticalHeader().show()
        header = self.department_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("TTPVHCC") * 2 + 24)
        for signal in (self.department_model.dataChanged, self.department_model.rowsInserted,
                       self.department_model.rowsRemoved, self.department_model.rowsMoved):
            signal.connect(self._departments_edited)

        self.add_row_button = QPushButton(O.ADD_ROW)
        self.remove_row_button = QPushButton(O.REMOVE_ROW)
        self.row_up_button = QPushButton(O.MOVE_UP)
        self.row_down_button = QPushButton(O.MOVE_DOWN)
        self.restore_button = QPushButton(O.RESTORE_DEFAULTS)
        self.add_row_button.clicked.connect(self.add_department_row)
        self.remove_row_button.clicked.connect(self.remove_department_row)
        self.row_up_button.clicked.connect(lambda: self.move_department_row(-1))
        self.row_down_button.clicked.connect(lambda: self.move_department_row(1))
        self.restore_button.clicked.connect(self.restore_departments)
        buttons = QVBoxLayout()
        for button in (self.add_row_button, self.remove_row_button, self.row_up_button, self.row_down_button):
            buttons.addWidget(button)
        buttons.addSpacing(12)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)

        self.departments_error = ErrorLabel()
        body = QHBoxLayout()
        body.addWidget(self.department_view, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(body, 1)
        layout.addWidget(self.departments_error)
        return page

    def _build_signers_step(self) -> QWidget:
        page = QWidget()
        self.signer_form = SignerForm(with_flags=False)
        self.signer_preview = SignaturePreview()
        self.signer_form.changed.connect(self._update_signer_preview)
        self.add_signer_button = QPushButton(O.ADD_SIGNER)
        self.add_signer_button.setObjectName("add_signer")
        self.add_signer_button.clicked.connect(self.add_signer)
        form_column = QVBoxLayout()
        form_column.addWidget(self.signer_form)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_signer_button)
        form_column.addLayout(add_row)
        form_column.addStretch(1)
        preview_column = QVBoxLayout()
        preview_column.addWidget(hint_label(O.PREVIEW_TITLE))
        preview_column.addWidget(self.signer_preview, 1)
        top = QHBoxLayout()
        top.addLayout(form_column, 3)
        top.addSpacing(8)
        top.addLayout(preview_column, 2)

        self.signer_model = SignerTableModel(self)
        self.signer_view = make_table(self.signer_model, "draft_signers")
        header = self.signer_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.signer_view.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.signer_view.selectionModel().selectionChanged.connect(self._signer_selected)
        self.remove_signer_button = QPushButton(O.REMOVE_SIGNER)
        self.default_signer_button = QPushButton(O.MAKE_DEFAULT)
        self.remove_signer_button.clicked.connect(self.remove_signer)
        self.default_signer_button.clicked.connect(self.make_default_signer)
        list_buttons = QHBoxLayout()
        self.signers_caption = QLabel()
        list_buttons.addWidget(self.signers_caption, 1)
        list_buttons.addWidget(self.default_signer_button)
        list_buttons.addWidget(self.remove_signer_button)

        self.signers_error = ErrorLabel()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(list_buttons)
        layout.addWidget(self.signer_view, 1)
        layout.addWidget(self.signers_error)
        self._signers_changed()
        return page

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, step: int) -> None:
        if step == STEP_DEPARTMENTS:
            self._prefill_departments()
        if step == STEP_SIGNERS:
            self._update_signer_preview()
        self.stack.setCurrentIndex(step)
        total = len(O.STEP_TITLES)
        marks = []
        for number, title in enumerate(O.STEP_TITLES):
            text = f"{number + 1}. {html.escape(title)}"
            if number < step:
                marks.append(f"<span style='color:#1e7d32'>✓ {text}</span>")
            elif number == step:
                marks.append(f"<b style='color:#1f3a5f'>{text}</b>")
            else:
                marks.append(f"<span style='color:#80868b'>{text}</span>")
        self.steps_label.setText(" &nbsp;›&nbsp; ".join(marks))
        self.step_title.setText(O.STEP_CAPTION.format(number=step + 1, total=total, title=O.STEP_TITLES[step]))
        self.step_hint.setText(O.STEP_HINT[step])
        self.back_button.setEnabled(step > STEP_PROFILE)
        self.next_button.setVisible(step < STEP_SIGNERS)
        self.finish_button.setVisible(step == STEP_SIGNERS)
        self.error.show_message("")
        (self.finish_button if step == STEP_SIGNERS else self.next_button).setDefault(True)

    def go_back(self) -> None:
        if self.current_step() > STEP_PROFILE:
            self._show_step(self.current_step() - 1)

    def go_next(self) -> bool:
        """Check the step (the same rules the final save applies) and move on."""
        step = self.current_step()
        try:
            if step == STEP_PROFILE:
                office.validate_office(self.form.profile())
                self.form.clear_problems()
            elif step == STEP_DEPARTMENTS:
                office.check_department_list(self.department_model.rows())
                self.departments_error.show_message("")
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        if step < STEP_SIGNERS:
            self._show_step(step + 1)
        return True

    # -- departments -----------------------------------------------------------------------
    def _prefill_departments(self) -> None:
        kind = self.form.profile().kind
        if self._departments_touched or kind == self._departments_kind:
            return
        self._load_default_departments(kind)

    def _load_default_departments(self, kind: str) -> None:
        self.department_model.set_rows(office.default_departments(kind))
        self._departments_kind = kind
        self._departments_touched = False

    def _departments_edited(self, *_args) -> None:
        self._departments_touched = True

    def _current_department_row(self) -> int:
        index = self.department_view.currentIndex()
        return index.row() if index.isValid() else -1

    def add_department_row(self) -> None:
        row = self.department_model.append_blank()
        index = self.department_model.index(row, 0)
        self.department_view.setCurrentIndex(index)
        self.department_view.edit(index)

    def remove_department_row(self) -> None:
        row = self._current_department_row()
        if row >= 0:
            self.department_model.remove(row)

    def move_department_row(self, offset: int) -> None:
        row = self._current_department_row()
        if row < 0:
            return
        column = self.department_view.currentIndex().column()
        target = self.department_model.move(row, offset)
        self.department_view.setCurrentIndex(self.department_model.index(target, column))

    def restore_departments(self) -> None:
        if self._departments_touched and not confirm(self, O.RESTORE_DEFAULTS, O.RESTORE_DEFAULTS_QUESTION):
            return
        self._load_default_departments(self.form.profile().kind)

    # -- signers ---------------------------------------------------------------------------
    def _collective(self) -> str:
        return office.clean_office(self.form.profile()).collective

    def _update_signer_preview(self) -> None:
        self.signer_preview.show_signer(self.signer_form.row(), self._collective())

    def add_signer(self) -> bool:
        """Check the signer form and put it in the list (nothing is saved yet)."""
        try:
            row = office.validate_signer(self.signer_form.row())
        except ValidationError as exc:
            self.signer_form.show_problems(exc.problems)
            return False
        rows = self.signer_model.rows()
        row = replace(row, is_default=not any(r.is_default for r in rows))
        self.signer_model.set_rows(rows + [row])
        self.signer_form.set_row(None)
        self._signers_changed()
        self.signer_form.full_name.setFocus()
        return True

    def remove_signer(self) -> None:
        row = selected_row(self.signer_view)
        if row is None:
            return
        rows = [r for r in self.signer_model.rows() if r is not row]
        if row.is_default and rows:
            rows[0] = replace(rows[0], is_default=True)
        self.signer_model.set_rows(rows)
        self._signers_changed()

    def make_default_signer(self) -> None:
        row = selected_row(self.signer_view)
        if row is None:
            return
        self.signer_model.set_rows([replace(r, is_default=r is row) for r in self.signer_model.rows()])
        select_where(self.signer_view, lambda r: r.is_default)
        self._signers_changed()

    def _signer_selected(self, *_args) -> None:
        row = selected_row(self.signer_view)
        self.remove_signer_button.setEnabled(row is not None)
        self.default_signer_button.setEnabled(row is not None and not row.is_default)

    def _signers_changed(self) -> None:
        count = self.signer_model.rowCount()
        self.signers_caption.setText(f"{O.SIGNERS_ADDED}: {count}" if count else O.NO_SIGNERS_YET)
        tint(self.signers_caption, self.palette().color(QPalette.ColorRole.WindowText).name() if count else HINT_COLOUR)
        self._signer_selected()

    # -- finishing ---------------------------------------------------------------------------
    def finish(self) -> bool:
        """Save everything in one unit of work; emit `completed` on success."""
        if not self.signer_form.is_blank() and not self.add_signer():
            self._show_step(STEP_SIGNERS)
            return False
        try:
            result = self.ctx.write(self, office.set_up_office, self.form.profile(), self.department_model.rows(),
                                    self.signer_model.rows())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        if result is None:
            return False
        self.completed.emit()
        return True

    def _show_problems(self, problems: dict[str, str]) -> None:
        office_problems = {k: v for k, v in problems.items() if k in OFFICE_FIELDS}
        if office_problems:
            self._show_step(STEP_PROFILE)
            self.form.show_problems(office_problems)
        elif "departments" in problems:
            self._show_step(STEP_DEPARTMENTS)
        elif "signers" in problems:
            self._show_step(STEP_SIGNERS)
        self.departments_error.show_message(problems.get("departments", ""))
        self.signers_error.show_message(problems.get("signers", ""))
        others = [v for k, v in problems.items() if k not in OFFICE_FIELDS and k not in ("departments", "signers")]
        self.error.show_message("\n".join(others))

    # -- demo and help -----------------------------------------------------------------------
    def use_demo(self):
        """Fill this data folder with the demo office, plans and tasks: about 1,5 s of work, done on
        the worker thread behind a progress dialog. The job (desktop.ui.jobs.ProgressJob), or None
        when the user said no; `completed` is emitted once the data is in."""
        from desktop.strings import common as C
        from desktop.ui.jobs import run_with_progress

        if not confirm(self, O.DEMO_BUTTON, O.DEMO_CONFIRM.format(path=self.ctx.folder.root)):
            return None
        database, folder = self.ctx.db, self.ctx.folder

        def work(_ticket):
            from desktop.core import demo

            with database.unit_of_work() as session:
                return demo.build_demo(session, folder)

        def done(_summary) -> None:
            self.ctx.notify(Changes(ALL))
            self.completed.emit()

        return run_with_progress(self, O.DEMO_BUTTON, C.JOB_DEMO, work, done, cancellable=False)

    def _show_help(self) -> None:
        from desktop.ui.help import show_help

        show_help(self, self.help_topic)


__all__ = ["DepartmentDraftTableModel", "FirstRunPage"]
