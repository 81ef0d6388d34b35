"""The outline manager: the list of outlines (built-in and the user's), new / copy / edit /
rename / delete / import from a file / export to a file, and the outline editor on a second page."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import outlines as outline_service
from desktop.core.changes import OUTLINES, Changes
from desktop.core.errors import UserError, ValidationError
from desktop.core.vn import fold, format_date
from desktop.strings import common as C
from desktop.strings import outlines as S
from desktop.ui.common import Column, ColumnTableModel, confirm, list_table, make_title
from desktop.ui.context import AppContext
from desktop.ui.reports.outline_editor import OutlineEditor

_CENTER = Qt.AlignmentFlag.AlignCenter

OUTLINE_COLUMNS: list[Column] = [
    Column("name", S.COLUMNS["name"], lambda r: r.name, tooltip=lambda r: r.description or r.name),
    Column("kind", S.COLUMNS["kind"], lambda r: r.kind_label),
    Column("source", S.COLUMNS["source"], lambda r: S.SOURCE_BUILTIN if r.builtin else S.SOURCE_USER),
    Column("sections", S.COLUMNS["sections"], lambda r: r.section_count, align=_CENTER),
    Column("updated", S.COLUMNS["updated"], lambda r: format_date(r.updated_at.date()) if r.updated_at else "",
           sort_value=lambda r: r.updated_at),
]


def export_file_name(name: str) -> str:
    """"Báo cáo quý III" -> "de-cuong-bao-cao-quy-iii.json"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:60] or "de-cuong"
    return S.EXPORT_FILE_NAME.format(name=slug)


class OutlinesScreen(QWidget):
    help_topic = "outlines"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._builtins_checked = False

        # -- list page
        self.list_page = QWidget()
        title = make_title(QLabel(S.LIST_TITLE))
        hint = QLabel(S.LIST_HINT)
        hint.setWordWrap(True)
        self.new_button = self._button(S.NEW, S.NEW_TIP, self.new_item, "outline_new")
        self.copy_button = self._button(S.COPY, S.COPY_TIP, self.copy_selected, "outline_copy")
        self.edit_button = self._button(S.EDIT, S.EDIT_TIP, self.open_selected, "outline_edit")
        self.rename_button = self._button(S.RENAME, "", self.rename_selected, "outline_rename")
        self.delete_button = self._button(S.DELETE, "", self.delete_selected, "outline_delete")
        self.import_button = self._button(S.IMPORT, S.IMPORT_TIP, self.import_file, "outline_import")
        self.export_button = self._button(S.EXPORT, S.EXPORT_TIP, self.export_selected, "outline_export")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.edit_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)

        self.model = ColumnTableModel(OUTLINE_COLUMNS, self)
        self.table = list_table(self.model, "outline_list")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.column_index("name"), QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()
        self.flash_label = QLabel()
        self.flash_label.setStyleSheet("color: #1e6b2e;")
        self.flash_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.flash_label, 1)

        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        list_layout.addLayout(top)
        list_layout.addWidget(hint)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(bottom)

        # -- editor page
        self.editor = OutlineEditor(ctx)
        self.editor.back_requested.connect(self.show_list)
        self.editor.saved.connect(lambda _id: self._mark_list_stale())

        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)
        self._list_stale = True
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.flash_label.setText(""))
        self._update_buttons()

    def _button(self, text: str, tip: str, handler, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: handler())
        return button

    # -- the screen protocol (main window) -----------------------------------------------
    def refresh(self) -> None:
        if not self._builtins_checked:
            self._builtins_checked = True
            self.ctx.write(self, outline_service.ensure_builtins)
        self.refresh_list()
        if self.editing():
            self.editor.reload()

    def on_changes(self, changes: Changes) -> None:
        if not changes.touches(OUTLINES):
            return
        if self.editing():
            self._list_stale = True
        else:
            self.refresh_list()

    def new_item(self) -> None:
        if self.editing() and not self.editor.can_close():
            return
        self.editor.open_outline(None)
        self.pages.setCurrentWidget(self.editor)

    def save(self) -> bool:
        return self.editor.save() if self.editing() else False

    def focus_search(self) -> None:
        if self.editing():
            return
        self.table.setFocus()

    def can_close(self) -> bool:
        return self.editor.can_close() if self.editing() else True

    # -- list ----------------------------------------------------------------------------
    def editing(self) -> bool:
        return self.pages.currentWidget() is self.editor

    def _mark_list_stale(self) -> None:
        self._list_stale = True

    def refresh_list(self, select_id: int | None = None) -> None:
        selected = self.selected_outline()
        rows = self.ctx.read(outline_service.list_outlines)
        self.model.set_rows(rows)
        self._list_stale = False
        self.count_label.setText(S.COUNT.format(count=len(rows)))
        target = select_id if select_id is not None else (selected.id if selected else None)
        if (target is None or not self.select_outline(target)) and rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_outline(self) -> outline_service.OutlineRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_outline(self, outline_id: int) -> bool:
        for row, outline in enumerate(self.model.rows()):
            if outline.id == outline_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected_outline()
        has = row is not None
        user = has and not row.builtin
        for button in (self.copy_button, self.edit_button, self.export_button):
            button.setEnabled(has)
        self.rename_button.setEnabled(user)
        self.delete_button.setEnabled(user)
        self.edit_button.setText(S.VIEW if has and row.builtin else S.EDIT)

    def flash(self, text: str) -> None:
        self.flash_label.setText(text)
        self._flash_timer.start(8000)

    def show_list(self) -> None:
        outline_id = self.editor.outline_id
        self.pages.setCurrentWidget(self.list_page)
        self.refresh_list(outline_id)
        self.table.setFocus()

    def open_outline(self, outline_id: int) -> None:
        if self.editing() and not self.editor.can_close():
            return
        self.editor.open_outline(outline_id)
        self.pages.setCurrentWidget(self.editor)

    def open_selected(self) -> None:
        row = self.selected_outline()
        if row is not None:
            self.open_outline(row.id)

    # -- actions -------------------------------------------------------------------------
    def copy_selected(self) -> int | None:
        row = self.selected_outline()
        if row is None:
            return None
        result = self.ctx.write(self, outline_service.copy_outline, row.id)
        if result is None:
            return None
        self.refresh_list(result[0])
        copy = self.selected_outline()
        self.flash(S.COPIED.format(name=copy.name if copy else row.name))
        return result[0]

    def rename_selected(self, name: str | None = None) -> bool:
        row = self.selected_outline()
        if row is None or row.builtin:
            return False
        if name is None:
            name, accepted = QInputDialog.getText(self, S.RENAME_TITLE, S.RENAME_LABEL, QLineEdit.EchoMode.Normal,
                                                  row.name)
            if not accepted:
                return False
        try:
            result = self.ctx.write(self, outline_service.rename_outline, row.id, name)
        except ValidationError as exc:
            QMessageBox.warning(self, C.ERROR_TITLE, str(exc))
            return False
        if result is None:
            return False
        self.refresh_list(row.id)
        return True

    def delete_selected(self) -> bool:
        row = self.selected_outline()
        if row is None or row.builtin:
            return False
        if not confirm(self, C.CONFIRM_DELETE_TITLE, S.CONFIRM_DELETE.format(name=row.name)):
            return False
        if self.ctx.write(self, outline_service.delete_outline, row.id) is None:
            return False
        self.refresh_list()
        self.flash(S.DELETED.format(name=row.name))
        return True

    def import_file(self, path: str | Path | None = None) -> int | None:
        """Import an outline file; a refused file shows its message and changes nothing."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, S.IMPORT, str(self.ctx.folder.root), S.FILE_FILTER)
            if not path:
                return None
        result = self.ctx.write(self, outline_service.import_outline, Path(path))
        if result is None:
            return None
        self.refresh_list(result[0])
        imported = self.selected_outline()
        self.flash(S.IMPORTED.format(name=imported.name if imported else ""))
        return result[0]

    def export_selected(self, path: str | Path | None = None) -> Path | None:
        row = self.selected_outline()
        if row is None:
            return None
        if path is None:
            suggested = self.ctx.folder.exports / export_file_name(row.name)
            path, _filter = QFileDialog.getSaveFileName(self, S.EXPORT, str(suggested), S.FILE_FILTER)
            if not path:
                return None
        try:
            written = self.ctx.read(outline_service.export_outline, row.id, Path(path))
        except UserError as exc:
            QMessageBox.warning(self, C.ERROR_TITLE, str(exc))
            return None
        self.flash(S.EXPORTED.format(path=written))
        return written


__all__ = ["OUTLINE_COLUMNS", "OutlinesScreen", "export_file_name"]
