"""The "Cơ quan và bộ phận" screen: office profile, departments, signers, interface font size.

The profile and signer forms and the two previews live here too; the first-run page reuses them.
Every read and write goes through the AppContext; rules and messages come from desktop.core.office.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import office
from desktop.core.changes import DEPARTMENTS, OFFICE, SETTINGS, SIGNERS, Changes
from desktop.core.errors import ValidationError
from desktop.core.office import DepartmentRow, OfficeProfile, SignerRow
from desktop.core.vn import date_line
from desktop.strings import common as S
from desktop.strings import office as O
from desktop.strings import shell as SH
from desktop.ui.common import (
    BaseDialog,
    Column,
    ColumnTableModel,
    ErrorLabel,
    ask_save_changes,
    clear_on_change,
    confirm,
    list_table,
)
from desktop.ui.context import AppContext

HINT_COLOUR = "#5f6368"
GREY = QColor("#80868b")
NEEDS_HEAD = ("kt", "q", "tl", "tuq")


# ------------------------------------------------------------------ small shared widgets


class TitleLabel(QLabel):
    """A bold heading sized relative to the interface font (rich text "large"/"x-large"), so
    it grows with View → "Cỡ chữ giao diện" like everything else."""

    def __init__(self, text: str = "", size: str = "x-large", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._plain = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._plain = text
        super().setText(f"<span style='font-size:{self._size}; font-weight:600'>{html.escape(text)}</span>")

    def plain_text(self) -> str:
        return self._plain


def tint(widget: QWidget, colour: str | QColor, role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> None:
    """Colour a widget through its palette: a style sheet would freeze its font size, so it
    would no longer follow the interface font scale."""
    palette = widget.palette()
    palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


def paper(frame: QFrame) -> None:
    """White background, black text: the look of a printed page, without a style sheet."""
    frame.setAutoFillBackground(True)
    tint(frame, "#ffffff", QPalette.ColorRole.Window)
    tint(frame, "#000000", QPalette.ColorRole.WindowText)


def hint_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    tint(label, HINT_COLOUR)
    return label


class FieldBox(QWidget):
    """A form field with its hint and its inline error underneath."""

    def __init__(self, widget: QWidget, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        if hint:
            layout.addWidget(hint_label(hint))
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        clear_on_change(widget, self.error)


class FormErrors:
    """Shows a core ValidationError's problems under the fields they name; the rest in `general`."""

    def __init__(self, boxes: dict[str, FieldBox], general: ErrorLabel | None = None) -> None:
        self.boxes = boxes
        self.general = general

    def show(self, problems: dict[str, str]) -> str | None:
        """Returns the first field with a problem (to focus it)."""
        self.clear()
        first = None
        rest = []
        for name, message in problems.items():
            box = self.boxes.get(name)
            if box is None:
                rest.append(message)
                continue
            box.error.show_message(message)
            first = first or name
        if rest and self.general is not None:
            self.general.show_message("\n".join(rest))
        if first is not None:
            self.boxes[first].widget.setFocus()
        return first

    def clear(self) -> None:
        for box in self.boxes.values():
            box.error.show_message("")
        if self.general is not None:
            self.general.show_message("")


def make_table(model: ColumnTableModel, name: str) -> QTableView:
    view = list_table(model, name)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def selected_row(view: QTableView):
    """The frozen row under the current selection, or None."""
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    return view.model().row_at(indexes[0].row())


def select_where(view: QTableView, predicate) -> None:
    model: ColumnTableModel = view.model()
    for number, row in enumerate(model.rows()):
        if predicate(row):
            view.selectRow(number)
            view.scrollTo(model.index(number, 0))
            return


def _serif(widget: QWidget) -> None:
    """Paper-like previews use the document font (Times New Roman, or a metric twin); only the
    family is set, so the size still follows the interface font."""
    font = QFont()
    font.setFamilies(["Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif"])
    widget.setFont(font)


# ------------------------------------------------------------------------ previews


def _html_line(text: str) -> str:
    return html.escape(text).replace("  ", "&nbsp; ")


class HeaderPreview(QFrame):
    """The top of page 1 as it will print (ND30): issuing body and number on the left, the
    national title and the date line on the right, "Kính gửi" below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header_preview")
        self.setFrameShape(QFrame.Shape.Box)
        paper(self)
        self.left = QLabel()
        self.right = QLabel()
        self.recipient = QLabel()
        for label in (self.left, self.right, self.recipient):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            _serif(label)
        columns = QHBoxLayout()
        columns.addWidget(self.left, 2)
        columns.addWidget(self.right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addSpacing(6)
        layout.addWidget(self.recipient)
        layout.addStretch(1)

    def show_profile(self, profile: OfficeProfile) -> None:
        profile = office.clean_office(profile)
        lines = []
        if profile.parent_body:
            lines.append(_html_line(profile.parent_body))
        lines += [f"<b>{_html_line(line)}</b>" for line in profile.header_lines] or ["<b>…</b>"]
        lines += ["───────", f"<span>{_html_line(O.HEADER_NUMBER)}</span>"]
        self.left.setText("<br>".join(lines))
        today = date.today()
        when = date_line(None, profile.place_name or "…", month=today.month, year=today.year)
        self.right.setText(f"<b>{O.HEADER_NATIONAL}</b><br><b>{O.HEADER_MOTTO}</b><br>──────────────<br>"
                           f"<i>{_html_line(when)}</i>")
        if profile.superior_name:
            self.recipient.setText(f"Kính gửi: {html.escape(profile.superior_name)}.")
        else:
            self.recipient.setText("")


class SignaturePreview(QFrame):
    """ND30 boxes 7a–7c: the authority lines, room for the signature and seal, the name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signature_preview")
        self.setFrameShape(QFrame.Shape.Box)
        paper(self)
        self.setMinimumWidth(220)
        self.text = QLabel()
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setObjectName("signature_text")
        _serif(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_signer(self, row: SignerRow | None, collective: str) -> None:
        if row is None:
            self.text.setText(f"<span style='color:#80868b'>{html.escape(O.SELECT_SIGNER_HINT)}</span>")
            return
        lines, name = office.signature_preview(row, collective)
        block = "<br>".join(f"<b>{_html_line(line)}</b>" for line in lines) or "<b>…</b>"
        name = name or O.PREVIEW_NAME_PLACEHOLDER
        self.text.setText(f"{block}<br><br><i style='color:#80868b'>{O.PREVIEW_SIGNATURE}</i><br><br><br>"
                          f"<b>{html.escape(name)}</b>")

    def lines(self) -> str:
        return self.text.text()


# ------------------------------------------------------------------------ forms


class OfficeProfileForm(QWidget):
    """The office profile fields with the header preview beside them. With `suggest`, typing the
    name fills the header lines, place name and kind until the user edits those himself."""

    changed = Signal()

    def __init__(self, suggest: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggest = suggest
        self._touched: set[str] = set()
        self._loading = False
        self._id: int | None = None

        self.kind = QComboBox()
        for key, label in S.UNIT_KIND.items():
            self.kind.addItem(label, key)
        self.short_name = QLineEdit()
        self.name_lines = QPlainTextEdit()
        self.name_lines.setTabChangesFocus(True)
        lines_height = self.name_lines.fontMetrics().lineSpacing() * 3 + 14
        self.name_lines.setFixedHeight(lines_height)
        self.place_name = QLineEdit()
        self.superior_name = QLineEdit()
        self.parent_body = QLineEdit()
        self.code = QLineEdit()
        self.code.setMaxLength(10)
        self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("0") * 14 + 24)
        for name in ("short_name", "place_name", "superior_name", "parent_body", "code"):
            getattr(self, name).setPlaceholderText(O.PLACEHOLDER[name])
            getattr(self, name).setObjectName(name)
        self.name_lines.setPlaceholderText(O.PLACEHOLDER["name_lines"])
        self.name_lines.setObjectName("name_lines")
        self.kind.setObjectName("kind")

        self.boxes = {
            "kind": FieldBox(self.kind),
            "short_name": FieldBox(self.short_name),
            "name_lines": FieldBox(self.name_lines, O.HINT["name_lines"]),
            "place_name": FieldBox(self.place_name, O.HINT["place_name"]),
            "superior_name": FieldBox(self.superior_name, O.HINT["superior_name"]),
            "parent_body": FieldBox(self.parent_body, O.HINT["parent_body"]),
            "code": FieldBox(self.code),
        }
        self.errors = FormErrors(self.boxes, ErrorLabel())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(5)
        for name, box in self.boxes.items():
            label = QLabel(O.LABEL[name] + ":")
            label.setBuddy(box.widget)
            form.addRow(label, box)
        form.addRow(self.errors.general)
        form_column = QVBoxLayout()
        form_column.addLayout(form)
        form_column.addStretch(1)

        self.preview = HeaderPreview()
        preview_column = QVBoxLayout()
        preview_column.addWidget(hint_label(O.HEADER_PREVIEW_TITLE))
        preview_column.addWidget(self.preview)
        preview_column.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form_column, 1)
        layout.addSpacing(8)
        layout.addLayout(preview_column, 1)

        self.short_name.textEdited.connect(self._name_typed)
        self.kind.activated.connect(self._kind_chosen)
        self.name_lines.textChanged.connect(self._lines_changed)
        self.place_name.textEdited.connect(lambda _t: self._touched.add("place_name"))
        for widget in (self.short_name, self.place_name, self.superior_name, self.parent_body, self.code):
            widget.textChanged.connect(self._emit_changed)
        self.kind.currentIndexChanged.connect(self._emit_changed)
        self._emit_changed()

    # -- values ----------------------------------------------------------------------
    def profile(self) -> OfficeProfile:
        return OfficeProfile(
            id=self._id,
            name_lines=self.name_lines.toPlainText(),
            short_name=self.short_name.text(),
            place_name=self.place_name.text(),
            code=self.code.text(),
            parent_body=self.parent_body.text(),
            superior_name=self.superior_name.text(),
            kind=self.kind.currentData(),
        )

    def set_profile(self, profile: OfficeProfile | None) -> None:
        profile = profile or OfficeProfile(name_lines="")
        self._loading = True
        try:
            self._id = profile.id
            self.short_name.setText(profile.short_name)
            self.name_lines.setPlainText(profile.name_lines)
            self.place_name.setText(profile.place_name)
            self.code.setText(profile.code)
            self.parent_body.setText(profile.parent_body)
            self.superior_name.setText(profile.superior_name)
            index = self.kind.findData(profile.kind)
            self.kind.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False
        self.errors.clear()
        self._emit_changed()

    def show_problems(self, problems: dict[str, str]) -> str | None:
        return self.errors.show(problems)

    def clear_problems(self) -> None:
        self.errors.clear()

    # -- suggestions -----------------------------------------------------------------
    def _name_typed(self, _text: str) -> None:
        if self._suggest:
            self._apply_suggestion()

    def _kind_chosen(self, _index: int) -> None:
        self._touched.add("kind")
        if self._suggest:
            self._apply_suggestion()

    def _lines_changed(self) -> None:
        if not self._loading:
            self._touched.add("name_lines")
        self._emit_changed()

    def _apply_suggestion(self) -> None:
        suggestion = office.suggest_office(self.short_name.text(), self.kind.currentData())
        self._loading = True
        try:
            if "kind" not in self._touched or suggestion.kind != self.kind.currentData():
                self.kind.setCurrentIndex(max(self.kind.findData(suggestion.kind), 0))
            if "name_lines" not in self._touched:
                self.name_lines.setPlainText(suggestion.name_lines)
            if "place_name" not in self._touched and suggestion.place_name:
                self.place_name.setText(suggestion.place_name)
        finally:
            self._loading = False
        self._emit_changed()

    def _emit_changed(self, *_args) -> None:
        if self._loading:
            return
        self.preview.show_profile(self.profile())
        self.changed.emit()


class SignerForm(QWidget):
    """Name, position, authority and the head's title; `with_flags` adds default/active boxes."""

    changed = Signal()

    def __init__(self, with_flags: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._id: int | None = None
        self.full_name = QLineEdit()
        self.position_title = QLineEdit()
        self.authority = QComboBox()
        for key, label in O.AUTHORITY_CHOICE.items():
            self.authority.addItem(label, key)
        self.head_title = QLineEdit()
        for name in ("full_name", "position_title", "head_title"):
            widget = getattr(self, name)
            widget.setPlaceholderText(O.PLACEHOLDER[name])
            widget.setObjectName(name)
        self.authority.setObjectName("authority")
        self.boxes = {
            "full_name": FieldBox(self.full_name),
            "position_title": FieldBox(self.position_title),
            "authority": FieldBox(self.authority),
            "head_title": FieldBox(self.head_title, O.HINT["head_title"]),
        }
        self.is_default = QCheckBox(O.LABEL["is_default"])
        self.active = QCheckBox(O.LABEL["signer_active"])
        self.active.setChecked(True)
        self.errors = FormErrors(self.boxes, ErrorLabel())
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(5)
        for name, box in self.boxes.items():
            label = QLabel(O.LABEL[name] + ":")
            label.setBuddy(box.widget)
            form.addRow(label, box)
        if with_flags:
            form.addRow("", self.is_default)
            form.addRow("", self.active)
        form.addRow(self.errors.general)

        for widget in (self.full_name, self.position_title, self.head_title):
            widget.textChanged.connect(self.changed)
        self.authority.currentIndexChanged.connect(self._authority_changed)
        self.is_default.toggled.connect(self.changed)
        self.active.toggled.connect(self.changed)
        self._authority_changed()

    def _authority_changed(self, *_args) -> None:
        needs_head = self.authority.currentData() in NEEDS_HEAD
        self.head_title.setEnabled(needs_head)
        if needs_head and not self.head_title.text().strip():
            self.head_title.setText(O.DEFAULT_HEAD_TITLE)
        self.changed.emit()

    def row(self) -> SignerRow:
        authority = self.authority.currentData()
        return SignerRow(
            id=self._id,
            full_name=self.full_name.text(),
            position_title=self.position_title.text(),
            authority=authority,
            head_title=self.head_title.text() if authority in NEEDS_HEAD else "",
            is_default=self.is_default.isChecked(),
            active=self.active.isChecked(),
        )

    def set_row(self, row: SignerRow | None) -> None:
        row = row or SignerRow(None, "", "")
        self._id = row.id
        self.full_name.setText(row.full_name)
        self.position_title.setText(row.position_title)
        self.head_title.setText(row.head_title)
        self.authority.setCurrentIndex(max(self.authority.findData(row.authority), 0))
        self.is_default.setChecked(row.is_default)
        self.active.setChecked(row.active)
        self._authority_changed()
        self.errors.clear()

    def is_blank(self) -> bool:
        return not (self.full_name.text().strip() or self.position_title.text().strip())

    def show_problems(self, problems: dict[str, str]) -> str | None:
        return self.errors.show(problems)


# ------------------------------------------------------------------------ table models


class DepartmentTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        inactive = lambda r: None if r.active else GREY  # noqa: E731 - column data
        super().__init__([
            Column("position", O.COLUMN["position"], lambda r: r.position,
                   align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, foreground=inactive),
            Column("name", O.COLUMN["name"], lambda r: r.name, tooltip=lambda r: r.label, foreground=inactive),
            Column("abbreviation", O.COLUMN["abbreviation"], lambda r: r.abbreviation, foreground=inactive),
            Column("active", O.COLUMN["active"], lambda r: O.ACTIVE if r.active else O.INACTIVE, foreground=inactive),
        ], parent)


class SignerTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        inactive = lambda r: None if r.active else GREY  # noqa: E731 - column data
        super().__init__([
            Column("full_name", O.COLUMN["full_name"], lambda r: r.full_name, foreground=inactive),
            Column("position_title", O.COLUMN["position_title"], lambda r: r.position_title, foreground=inactive),
            Column("authority", O.COLUMN["authority"],
                   lambda r: f"{r.authority_label} {r.head_title}".strip() if r.authority in NEEDS_HEAD
                   else r.authority_label, foreground=inactive),
            Column("is_default", O.COLUMN["is_default"],
                   lambda r: O.DEFAULT_MARK if r.is_default else ("" if r.active else O.SIGNER_INACTIVE),
                   foreground=inactive),
        ], parent)


# ------------------------------------------------------------------------ dialogs


class FormDialog(BaseDialog):
    """Save/Cancel; Esc or Cancel asks before dropping typed changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(S.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(S.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._initial = None

    def current(self):  # the row the form shows
        raise NotImplementedError

    def write(self):  # returns (id, Changes) or None; may raise ValidationError
        raise NotImplementedError

    def show_problems(self, problems: dict[str, str]) -> None:
        raise NotImplementedError

    def mark_clean(self) -> None:
        self._initial = self.current()

    def accept(self) -> None:
        try:
            result = self.write()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        if result is None:
            return
        self.saved_id = result[0]
        super().accept()

    def reject(self) -> None:
        if self._initial is not None and self.current() != self._initial:
            answer = ask_save_changes(self)
            if answer == QMessageBox.StandardButton.Save:
                self.accept()
                return
            if answer == QMessageBox.StandardButton.Cancel:
                return
        super().reject()


class DepartmentDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: DepartmentRow | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(O.DEPARTMENT_DIALOG_EDIT if row else O.DEPARTMENT_DIALOG_NEW)
        self.row_in = row or DepartmentRow(None, "")
        self.name = QLineEdit(self.row_in.name)
        self.name.setPlaceholderText(O.PLACEHOLDER["name"])
        self.name.setObjectName("name")
        self.abbreviation = QLineEdit(self.row_in.abbreviation)
        self.abbreviation.setPlaceholderText(O.PLACEHOLDER["abbreviation"])
        self.abbreviation.setObjectName("abbreviation")
        self.abbreviation.setMaxLength(30)
        self.active = QCheckBox(O.LABEL["department_active"])
        self.active.setChecked(self.row_in.active)
        self.boxes = {"name": FieldBox(self.name), "abbreviation": FieldBox(self.abbreviation, O.HINT["abbreviation"])}
        self.errors = FormErrors(self.boxes, ErrorLabel())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(O.LABEL["name"] + ":", self.boxes["name"])
        form.addRow(O.LABEL["abbreviation"] + ":", self.boxes["abbreviation"])
        form.addRow("", self.active)
        form.addRow(self.errors.general)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.mark_clean()

    def current(self) -> DepartmentRow:
        return DepartmentRow(self.row_in.id, self.name.text(), self.abbreviation.text(), self.active.isChecked(),
                             self.row_in.position)

    def write(self):
        return self.ctx.write(self, office.save_department, self.current())

    def show_problems(self, problems: dict[str, str]) -> None:
        self.errors.show(problems)


class SignerDialog(FormDialog):
    def __init__(self, ctx: AppContext, row: SignerRow | None, collective: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(O.SIGNER_DIALOG_EDIT if row else O.SIGNER_DIALOG_NEW)
        self.collective = collective
        self.form = SignerForm(with_flags=True)
        self.form.set_row(row)
        self.preview = SignaturePreview()
        self.form.changed.connect(self._update_preview)
        body = QHBoxLayout()
        body.addWidget(self.form, 3)
        column = QVBoxLayout()
        column.addWidget(hint_label(O.PREVIEW_TITLE))
        column.addWidget(self.preview, 1)
        body.addLayout(column, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self._update_preview()
        self.mark_clean()

    def _update_preview(self) -> None:
        self.preview.show_signer(self.form.row(), self.collective)

    def current(self) -> SignerRow:
        return self.form.row()

    def write(self):
        return self.ctx.write(self, office.save_signer, self.current())

    def show_problems(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)


# ------------------------------------------------------------------------ the screen


class OfficeScreen(QWidget):
    help_topic = "office"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded: OfficeProfile | None = None
        self._collective = O.DEFAULT_COLLECTIVE

        title = TitleLabel(O.SCREEN_TITLE)
        self.font_combo = QComboBox()
        self.font_combo.setObjectName("font_scale")
        for scale, label in SH.FONT_SCALES.items():
            self.font_combo.addItem(label, scale)
        self.font_combo.activated.connect(self._font_chosen)
        font_label = QLabel(O.FONT_LABEL)
        font_label.setBuddy(self.font_combo)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(font_label)
        header.addWidget(self.font_combo)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("office_tabs")
        self.tabs.addTab(self._build_profile_tab(), O.TAB_PROFILE)
        self.tabs.addTab(self._build_departments_tab(), O.TAB_DEPARTMENTS)
        self.tabs.addTab(self._build_signers_tab(), O.TAB_SIGNERS)
        from desktop.strings import staff as ST
        from desktop.ui.staff import StaffPage

        self.staff_page = StaffPage(ctx)
        self.tabs.addTab(self.staff_page, ST.TAB)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    # -- building ----------------------------------------------------------------------
    def _build_profile_tab(self) -> QWidget:
        page = QWidget()
        self.form = OfficeProfileForm(suggest=False)
        self.form.changed.connect(self._profile_edited)
        self.profile_status = QLabel()
        tint(self.profile_status, HINT_COLOUR)
        self.revert_button = QPushButton(O.REVERT_PROFILE)
        self.revert_button.clicked.connect(self._load_profile)
        self.save_button = QPushButton(O.SAVE_PROFILE)
        self.save_button.setObjectName("save_profile")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.profile_status, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.form, 1)
        layout.addLayout(bar)
        return page

    def _build_departments_tab(self) -> QWidget:
        page = QWidget()
        self.department_model = DepartmentTableModel(self)
        self.department_view = make_table(self.department_model, "departments_table")
        header = self.department_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.department_view.activated.connect(lambda _i: self.edit_department())
        self.department_view.selectionModel().selectionChanged.connect(self._update_department_buttons)

        self.add_department_button = QPushButton(O.ADD_DEPARTMENT)
        self.edit_department_button = QPushButton(O.EDIT_DEPARTMENT)
        self.up_button = QPushButton(O.MOVE_UP)
        self.down_button = QPushButton(O.MOVE_DOWN)
        self.active_button = QPushButton(O.DEACTIVATE)
        self.delete_department_button = QPushButton(O.DELETE_DEPARTMENT)
        self.add_department_button.clicked.connect(self.add_department)
        self.edit_department_button.clicked.connect(self.edit_department)
        self.up_button.clicked.connect(lambda: self.move_department(-1))
        self.down_button.clicked.connect(lambda: self.move_department(1))
        self.active_button.clicked.connect(self.toggle_department_active)
        self.delete_department_button.clicked.connect(self.delete_department)
        buttons = QVBoxLayout()
        for button in (self.add_department_button, self.edit_department_button, self.up_button, self.down_button,
                       self.active_button, self.delete_department_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(self.department_view, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(page)
        layout.addLayout(body, 1)
        layout.addWidget(hint_label(O.DEPARTMENTS_HINT))
        return page

    def _build_signers_tab(self) -> QWidget:
        page = QWidget()
        self.signer_model = SignerTableModel(self)
        self.signer_view = make_table(self.signer_model, "signers_table")
        header = self.signer_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.signer_view.activated.connect(lambda _i: self.edit_signer())
        self.signer_view.selectionModel().selectionChanged.connect(self._signer_selected)

        self.add_signer_button = QPushButton(O.ADD_SIGNER_BUTTON)
        self.edit_signer_button = QPushButton(O.EDIT_SIGNER)
        self.default_button = QPushButton(O.MAKE_DEFAULT)
        self.delete_signer_button = QPushButton(O.DELETE_SIGNER)
        self.add_signer_button.clicked.connect(self.add_signer)
        self.edit_signer_button.clicked.connect(self.edit_signer)
        self.default_button.clicked.connect(self.make_default_signer)
        self.delete_signer_button.clicked.connect(self.delete_signer)
        buttons = QHBoxLayout()
        for button in (self.add_signer_button, self.edit_signer_button, self.default_button, self.delete_signer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(self.signer_view, 1)
        left.addLayout(buttons)
        self.signer_preview = SignaturePreview()
        right = QVBoxLayout()
        right.addWidget(hint_label(O.PREVIEW_TITLE))
        right.addWidget(self.signer_preview, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        return page

    # -- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.is_dirty():  # typed but unsaved edits survive a refresh
            self._load_profile()
        self._load_departments()
        self._load_signers()
        self._load_font_scale()
        self.staff_page.refresh()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(OFFICE) and not self.is_dirty():
            self._load_profile()
        if changes.touches(DEPARTMENTS):
            self._load_departments()
        if changes.touches(SIGNERS, OFFICE):
            self._load_signers()
        if changes.touches(SETTINGS):
            self._load_font_scale()
            self.staff_page.refresh()

    def _load_profile(self) -> None:
        profile = self.ctx.read(office.get_office)
        self._loaded = profile or OfficeProfile(name_lines="")
        self._collective = self._loaded.collective
        self.form.set_profile(self._loaded)
        self._loaded = self.form.profile()  # as the widgets hold it, so "dirty" compares like with like
        self._profile_edited()

    def _load_departments(self) -> None:
        keep = selected_row(self.department_view)
        self.department_model.set_rows(self.ctx.read(office.list_departments))
        if keep is not None:
            select_where(self.department_view, lambda r: r.id == keep.id)
        self._update_department_buttons()

    def _load_signers(self) -> None:
        keep = selected_row(self.signer_view)
        self.signer_model.set_rows(self.ctx.read(office.list_signers))
        if keep is not None:
            select_where(self.signer_view, lambda r: r.id == keep.id)
        self._signer_selected()

    def _load_font_scale(self) -> None:
        value = self.ctx.read(office.get_setting, office.FONT_SCALE, "100")
        scale = int(value) if value.isdigit() else 100
        index = self.font_combo.findData(scale)
        self.font_combo.setCurrentIndex(index if index >= 0 else 0)

    # -- profile -----------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self._loaded is not None and self.form.profile() != self._loaded

    def _profile_edited(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.profile_status.setText(O.PROFILE_UNSAVED if dirty else "")

    def save(self) -> bool:
        """Ctrl+S: save the office profile."""
        if not self.is_dirty():
            return True
        try:
            result = self.ctx.write(self, office.save_office, self.form.profile())
        except ValidationError as exc:
            self.tabs.setCurrentIndex(0)
            self.form.show_problems(exc.problems)
            return False
        if result is None:
            return False
        self._load_profile()
        self.profile_status.setText(O.PROFILE_SAVED)
        return True

    def can_close(self) -> bool:
        if not self.is_dirty():
            return True
        self.tabs.setCurrentIndex(0)
        answer = ask_save_changes(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._load_profile()
            return True
        return False

    def new_item(self) -> None:
        """Ctrl+N: a department or a signer, by the open tab."""
        if self.tabs.currentIndex() == 2:
            self.add_signer()
        else:
            self.tabs.setCurrentIndex(1)
            self.add_department()

    # -- font ----------------------------------------------------------------------------
    def _font_chosen(self, _index: int) -> None:
        scale = self.font_combo.currentData()
        window = self.window()
        if hasattr(window, "set_font_scale"):
            window.set_font_scale(scale, save=True)
        else:
            self.ctx.write(self, office.set_setting, office.FONT_SCALE, str(scale))

    # -- departments ---------------------------------------------------------------------
    def _update_department_buttons(self, *_args) -> None:
        row = selected_row(self.department_view)
        count = self.department_model.rowCount()
        number = self.department_model.rows().index(row) if row is not None else -1
        for button in (self.edit_department_button, self.active_button, self.delete_department_button):
            button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and number > 0)
        self.down_button.setEnabled(row is not None and number < count - 1)
        self.active_button.setText(O.REACTIVATE if row is not None and not row.active else O.DEACTIVATE)

    def add_department(self) -> None:
        self._open_department(None)

    def edit_department(self) -> None:
        row = selected_row(self.department_view)
        if row is not None:
            self._open_department(row)

    def _open_department(self, row: DepartmentRow | None) -> None:
        dialog = DepartmentDialog(self.ctx, row, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._load_departments()
            select_where(self.department_view, lambda r: r.id == dialog.saved_id)

    def move_department(self, offset: int) -> None:
        row = selected_row(self.department_view)
        if row is None:
            return
        self.ctx.write(self, office.move_department, row.id, offset)
        self._load_departments()
        select_where(self.department_view, lambda r: r.id == row.id)

    def toggle_department_active(self) -> None:
        row = selected_row(self.department_view)
        if row is not None:
            self.ctx.write(self, office.set_department_active, row.id, not row.active)
            self._load_departments()

    def delete_department(self) -> None:
        row = selected_row(self.department_view)
        if row is None or not confirm(self, S.CONFIRM_DELETE_TITLE, O.CONFIRM_DELETE_DEPARTMENT.format(value=row.name)):
            return
        self.ctx.write(self, office.delete_department, row.id)
        self._load_departments()

    # -- signers -------------------------------------------------------------------------
    def _signer_selected(self, *_args) -> None:
        row = selected_row(self.signer_view)
        for button in (self.edit_signer_button, self.delete_signer_button):
            button.setEnabled(row is not None)
        self.default_button.setEnabled(row is not None and not row.is_default)
        self.signer_preview.show_signer(row, self._collective)

    def add_signer(self) -> None:
        self._open_signer(None)

    def edit_signer(self) -> None:
        row = selected_row(self.signer_view)
        if row is not None:
            self._open_signer(row)

    def _open_signer(self, row: SignerRow | None) -> None:
        self.tabs.setCurrentIndex(2)
        dialog = SignerDialog(self.ctx, row, self._collective, self)
        if dialog.exec() and dialog.saved_id is not None:
            self._load_signers()
            select_where(self.signer_view, lambda r: r.id == dialog.saved_id)

    def make_default_signer(self) -> None:
        row = selected_row(self.signer_view)
        if row is not None:
            self.ctx.write(self, office.set_default_signer, row.id)
            self._load_signers()

    def delete_signer(self) -> None:
        row = selected_row(self.signer_view)
        if row is None or not confirm(self, S.CONFIRM_DELETE_TITLE, O.CONFIRM_DELETE_SIGNER.format(value=row.full_name)):
            return
        self.ctx.write(self, office.delete_signer, row.id)
        self._load_signers()


__all__ = [
    "DepartmentDialog", "DepartmentTableModel", "FieldBox", "FormDialog", "FormErrors", "HeaderPreview", "OfficeProfileForm",
    "OfficeScreen", "SignaturePreview", "SignerDialog", "SignerForm", "SignerTableModel", "TitleLabel",
    "hint_label", "make_table", "paper", "selected_row", "select_where", "tint",
]
