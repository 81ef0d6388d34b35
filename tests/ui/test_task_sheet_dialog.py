"""The «Nhập danh sách nhiệm vụ từ tệp Excel» dialog, driven through its real widgets: open the
city's appendix, change a column's meaning and watch the preview follow, import, find the tasks
in the database; a broken file is explained and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop.core import task_sheet as ts
from desktop.models import Task
from desktop.strings import downward as S
from desktop.ui.exchange import task_sheet_dialog as module
from desktop.ui.exchange.task_sheet_dialog import SheetPreviewTableModel, TaskSheetDialog
from tests.core.test_task_sheet import ERRORS, READABLE, TASKS_A, build_appendix
from tests.ui.keyboard import in_modal_dialog


@pytest.fixture
def dialog(qtbot, demo_db, make_ctx):
    widget = TaskSheetDialog(make_ctx(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1340, 700)
    widget.show()
    return widget


def task_count(database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Task))


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_open_preview_remap_and_import(qtbot, dialog, demo_db, tmp_path):
    path = build_appendix(tmp_path / "phu-luc.xlsx")
    assert not dialog.import_button.isEnabled() and dialog.counts.text() == S.HINT_CHOOSE
    assert dialog.open_file(path)
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["Phụ lục", "Ghi chú"]
    assert dialog.header_spin.value() == 6
    assert [combo.currentData() for combo in dialog.mapping_combos] == [
        "stt", "title", "source", "lead", "ignore", "deadline"]
    assert dialog.counts.text().startswith(f"{READABLE} dòng đọc được, {ERRORS} dòng lỗi")
    assert dialog.import_button.isEnabled()
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == list(S.PREVIEW_HEADERS)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    first = next(r for r, row in enumerate(rows) if row.kind == "task")
    assert cell(model, first, 0) == "9" and cell(model, first, 2) == "1."
    assert cell(model, first, 3) == " ".join(TASKS_A[0][1].split())
    assert cell(model, first, 4) == "12-KH/TU" and cell(model, first, 6) == "30/12/2025"
    error = next(r for r, row in enumerate(rows) if row.kind == "error")
    assert cell(model, error, 1) == "Lỗi" and cell(model, error, 4).endswith("«31/13/2025»: không có ngày này trong lịch.")
    assert dialog.view.columnSpan(error, 4) == 4 and dialog.view.columnSpan(first, 4) == 1
    assert cell(model, error, 0, Qt.ItemDataRole.BackgroundRole).color() == module.ERROR_BACKGROUND
    assert cell(model, first, 0, Qt.ItemDataRole.BackgroundRole) is None
    section = next(r for r, row in enumerate(rows) if row.kind == "section")
    assert cell(model, section, 3).startswith("A. Các nhiệm vụ tại Kế hoạch số 12-KH/TU")
    assert cell(model, section, 3, Qt.ItemDataRole.FontRole).bold()
    assert dialog.directives_label.isVisible() and "215-CV/VPTU" in dialog.directives_label.text()

    # The user reads "Bắt đầu" as the deadline: choosing it frees the other column.
    dialog.set_mapping(4, "deadline")
    assert [combo.currentData() for combo in dialog.mapping_combos][4:] == ["deadline", "ignore"]
    assert cell(dialog.model, first, 6) == "01/07/2025"
    assert dialog.counts.text().startswith(f"{READABLE + 1} dòng đọc được, {ERRORS - 1} dòng lỗi")
    # …then back, through the combo itself.
    dialog.mapping_combos[5].setCurrentIndex(ts.FIELDS.index("deadline"))
    assert cell(dialog.model, first, 6) == "30/12/2025"
    # No title column: nothing can be imported.
    dialog.set_mapping(1, "details")
    assert not dialog.import_button.isEnabled() and dialog.counts.text().startswith("0 dòng đọc được")
    dialog.set_mapping(1, "title")
    assert dialog.import_button.isEnabled()

    dialog.phase_combo.setEditText("2")
    before = task_count(demo_db)
    seen = []
    in_modal_dialog(dialog.import_button.click, lambda box: seen.append(box.text()))
    assert seen[0].startswith(f"Đã nhập: {READABLE} nhiệm vụ mới")
    assert "Dòng 28: Thiếu tên nhiệm vụ" in seen[0]
    assert dialog.result_value is not None and dialog.result() == TaskSheetDialog.DialogCode.Accepted
    assert task_count(demo_db) == before + READABLE
    with demo_db.read() as session:
        task = session.scalar(select(Task).where(Task.title == TASKS_A[0][1]))
        assert (task.deadline, task.phase, task.lead_note) == (date(2025, 12, 30), "2", "Ban Tổ chức Thành ủy")
        assert [s.directive.number_symbol for s in task.sources] == ["12-KH/TU"]


def test_header_row_and_sheet_choice(qtbot, dialog, tmp_path):
    dialog.open_file(build_appendix(tmp_path / "phu-luc.xlsx"))
    dialog.header_spin.setValue(5)  # the upper header row: "Thời gian" over two columns
    assert [combo.currentData() for combo in dialog.mapping_combos] == [
        "stt", "title", "source", "lead", "deadline", "ignore"]
    assert dialog.model.rowCount() > 0
    dialog.sheet_combo.setCurrentIndex(1)  # «Ghi chú»: one line of text, no header
    assert dialog.header_spin.maximum() == 1
    assert not dialog.import_button.isEnabled()


def test_reimport_reports_existing_tasks(qtbot, dialog, demo_db, tmp_path):
    path = build_appendix(tmp_path / "phu-luc.xlsx")
    with demo_db.unit_of_work() as session:
        preview = ts.preview_sheet(_grid(path), context=ts.load_context(session))
        ts.import_sheet(session, preview)
    fresh = TaskSheetDialog(dialog.ctx)
    qtbot.addWidget(fresh)
    fresh.open_file(path)
    assert f"{READABLE} nhiệm vụ đã có sẽ được cập nhật" in fresh.counts.text()
    existing = next(r for r in range(fresh.model.rowCount()) if fresh.model.row_at(r).kind == "task")
    assert cell(fresh.model, existing, 7) == S.ROW_EXISTS
    before = task_count(demo_db)
    seen = []
    in_modal_dialog(fresh.import_button.click, lambda box: seen.append(box.text()))
    assert seen[0].startswith(f"Đã nhập: 0 nhiệm vụ mới, 0 nhiệm vụ cập nhật, {READABLE} nhiệm vụ không đổi")
    assert task_count(demo_db) == before


def _grid(path):
    from desktop.export.task_sheet import read_grids

    return read_grids(path)["Phụ lục"]


def test_a_broken_file_is_explained_and_changes_nothing(qtbot, dialog, tmp_path):
    good = build_appendix(tmp_path / "phu-luc.xlsx")
    dialog.open_file(good)
    bad = tmp_path / "cu.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    seen = []

    def read(box):
        seen.append((box.windowTitle(), box.text(), box.icon()))

    in_modal_dialog(lambda: dialog.open_file(bad), read)
    title, text, icon = seen[0]
    assert title == S.CANNOT_READ_TITLE and "Excel kiểu cũ (.xls)" in text and icon == QMessageBox.Icon.Warning
    assert dialog.path == good and dialog.model.rowCount() > 0  # the file already open stays


def test_preview_model_passes_the_model_tester(qtmodeltester, tmp_path):
    model = SheetPreviewTableModel()
    model.set_preview(ts.preview_sheet(_grid(build_appendix(tmp_path / "phu-luc.xlsx"))))
    qtmodeltester.check(model)


def test_fits_a_1366_by_768_screen(qtbot, dialog, tmp_path):
    dialog.open_file(build_appendix(tmp_path / "phu-luc.xlsx"))
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740
    dialog.resize(1340, 700)
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "task-sheet-dialog.png"))
    assert dialog.view.isVisible() and dialog.view.height() > 200
    assert dialog.import_button.isVisible() and dialog.import_button.geometry().bottom() < dialog.height()


def test_run_task_sheet_import_opens_the_chooser_then_imports(qtbot, demo_db, make_ctx, tmp_path, monkeypatch):
    path = build_appendix(tmp_path / "phu-luc.xlsx")
    monkeypatch.setattr(module.QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    before = task_count(demo_db)

    def interact(opened):
        assert isinstance(opened, TaskSheetDialog)
        qtbot.waitUntil(lambda: opened.path == path)  # the file chooser opened over the dialog
        in_modal_dialog(opened.import_button.click, lambda box: None)

    outcome = []
    in_modal_dialog(lambda: outcome.append(module.run_task_sheet_import(make_ctx(demo_db), None)), interact)
    assert outcome == [True] and task_count(demo_db) == before + READABLE
    # Closed without importing: False.
    monkeypatch.setattr(module.QFileDialog, "getOpenFileName", lambda *args, **kwargs: ("", ""))
    outcome.clear()
    in_modal_dialog(lambda: outcome.append(module.run_task_sheet_import(make_ctx(demo_db), None)),
                    lambda opened: opened.reject())
    assert outcome == [False]
