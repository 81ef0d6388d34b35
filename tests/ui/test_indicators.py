"""Chỉ tiêu, số liệu: keyboard entry, validation and warnings, closed periods, computed
indicators, the period picker, the views, the catalogue and the export (real widgets)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from desktop.core import indicators as core
from desktop.core import periods as P
from desktop.strings import indicators as S
from desktop.ui.indicators import entry as entry_module
from desktop.ui.indicators.entry import COMMENT, VALUE
from desktop.ui.indicators.screen import CATALOGUE, GRID, PROGRESS, IndicatorsScreen
from tests.ui.keyboard import type_text


@pytest.fixture
def screen(qtbot, demo_db, make_ctx, monkeypatch):
    # Message boxes would block: record them instead.
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    ctx = make_ctx(demo_db)
    widget = IndicatorsScreen(ctx)
    widget.shown = shown
    ctx.data_changed.connect(widget.on_changes)  # what the main window does for the current screen
    qtbot.addWidget(widget)
    widget.resize(1120, 640)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def _values(screen, period, group=None):
    return {r.indicator.code: r for r in screen.ctx.read(core.period_values, period, group)}


def _type_cell(qtbot, table, text):
    """Type into the current cell: the first key opens the editor, the rest go into it, Enter commits."""
    qtbot.keyClicks(table, text[0])
    editor = table.indexWidget(table.currentIndex())
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_period_picker_shows_window_and_name(screen):
    screen.set_period(P.quarter(2025, 3))
    assert screen.picker.window_label.text() == "Số liệu từ ngày 15/06/2025 đến ngày 14/09/2025"
    assert "quý III/2025" in screen.picker.name_label.text()
    # default: the current quarter
    from desktop.ui.indicators.period_picker import PeriodPicker

    assert PeriodPicker().period() == P.current(P.QUARTER)


def test_picker_builds_each_kind(qtbot, screen):
    picker = screen.picker
    got = []
    picker.period_changed.connect(got.append)
    picker.kind.setCurrentIndex(picker.kind.findData(P.MONTH))
    picker.year.setValue(2025)
    picker.number.setCurrentIndex(10)
    assert picker.period() == P.month(2025, 11)
    picker.kind.setCurrentIndex(picker.kind.findData(P.NINE_MONTHS))
    assert picker.period() == P.nine_months(2025)
    picker.kind.setCurrentIndex(picker.kind.findData(P.RANGE))
    assert picker.start.isVisible() and not picker.year.isVisible()
    picker.start.setText("01/07/2025")
    picker.end.setText("17/11/2025")
    picker.end.date_committed.emit()
    assert picker.period().code == "2025-07-01..2025-11-17"
    assert got[-1] == picker.period() and screen.period() == picker.period()


def test_enter_figures_by_keyboard_and_save(qtbot, screen):
    period = P.quarter(2026, 1)
    screen.set_period(period)
    screen.set_group("OPS.PROC")
    table = screen.entry.table
    screen.entry.focus_first_value()
    assert table.currentIndex().row() == 0 and table.currentIndex().column() == VALUE
    _type_cell(qtbot, table, "370")            # Enter moves down
    assert table.currentIndex().row() == 1
    qtbot.keyClicks(table, "2")
    editor = table.indexWidget(table.currentIndex())
    qtbot.keyClicks(editor, "15")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)     # Tab moves down too
    assert table.currentIndex().row() == 2
    _type_cell(qtbot, table, "135")
    _type_cell(qtbot, table, "20")
    # the computed share (row 5) is read-only: the cursor stays on the last editable value
    assert table.currentIndex().row() == 3
    assert not (screen.entry.model.flags(screen.entry.model.index(4, VALUE)) & Qt.ItemFlag.ItemIsEditable)
    assert screen.entry.dirty()
    assert screen.entry.save()
    values = _values(screen, period, "OPS.PROC")
    assert values["OPS.PROC.TOTAL"].value == Decimal(370)
    assert values["OPS.PROC.FULL_ONLINE"].value == Decimal(215)
    assert values["OPS.PROC.NOT_ONLINE"].value == Decimal(20)
    # recomputed and shown after saving
    assert values["OPS.PROC.FULL_ONLINE_SHARE"].text == "58,1"
    assert screen.entry.model.text(4, VALUE) == "58,1"
    assert not screen.entry.dirty()


def test_vietnamese_numbers_and_comment(qtbot, screen):
    period = P.quarter(2026, 1)
    screen.set_period(period)
    screen.set_group("OPS.DOSSIER")
    model, table = screen.entry.model, screen.entry.table
    fees = model.row_of("OPS.DOSSIER.FEES")
    table.setCurrentIndex(model.index(fees, VALUE))
    _type_cell(qtbot, table, "260.500.000")
    table.setCurrentIndex(model.index(fees, COMMENT))
    qtbot.keyClicks(table, "T")
    type_text(qtbot, table.indexWidget(table.currentIndex()), "ạm tính")
    qtbot.keyClick(table.indexWidget(table.currentIndex()), Qt.Key.Key_Return)
    assert screen.entry.save()
    row = _values(screen, period)["OPS.DOSSIER.FEES"]
    assert row.value == Decimal(260500000) and row.comment == "Tạm tính"


def test_broken_rule_is_refused_and_nothing_saved(qtbot, screen):
    period = P.quarter(2025, 4)
    screen.set_period(period)
    screen.set_group("OPS.DOSSIER")
    model, table = screen.entry.model, screen.entry.table
    before = _values(screen, period)["OPS.DOSSIER.ONLINE"].value
    online = model.row_of("OPS.DOSSIER.ONLINE")
    table.setCurrentIndex(model.index(online, VALUE))
    _type_cell(qtbot, table, "8.000")          # more online than received (7.380)
    assert not screen.entry.save()
    assert "OPS.DOSSIER.ONLINE" in model.errors
    message = model.errors["OPS.DOSSIER.ONLINE"]
    assert "phải bằng tổng" in message and "7.380" in message
    assert model.data(model.index(online, VALUE), Qt.ItemDataRole.ToolTipRole) == message
    assert model.data(model.index(online, VALUE), Qt.ItemDataRole.BackgroundRole) is not None
    assert screen.entry.messages.isVisible() and message in screen.entry.messages.text()
    assert S.ERRORS_TITLE in screen.entry.messages.text()
    assert _values(screen, period)["OPS.DOSSIER.ONLINE"].value == before


def test_warning_needs_confirmation(qtbot, screen):
    period = P.quarter(2025, 4)
    screen.set_period(period)
    screen.set_group("OPS.DOSSIER")
    model, table = screen.entry.model, screen.entry.table
    withdrawn = model.row_of("OPS.DOSSIER.WITHDRAWN")
    table.setCurrentIndex(model.index(withdrawn, VALUE))
    _type_cell(qtbot, table, "500")            # 58 the quarter before: more than 5 times
    assert not screen.entry.save()
    assert "OPS.DOSSIER.WITHDRAWN" in model.warnings
    assert screen.entry.confirm_button.isVisible()
    assert _values(screen, period)["OPS.DOSSIER.WITHDRAWN"].value == Decimal(52)
    qtbot.mouseClick(screen.entry.confirm_button, Qt.MouseButton.LeftButton)
    assert _values(screen, period)["OPS.DOSSIER.WITHDRAWN"].value == Decimal(500)
    assert not screen.entry.confirm_button.isVisible()


def test_closed_period_is_read_only_and_reopen_records_note(qtbot, screen, monkeypatch):
    period = P.quarter(2025, 2)
    screen.set_period(period)
    screen.set_group("OPS.DOSSIER")
    entry = screen.entry
    assert entry.closed and entry.banner.isVisible()
    assert "đã chốt" in entry.banner.text()
    assert not entry.save_button.isEnabled() and entry.reopen_button.isVisible()
    assert not (entry.model.flags(entry.model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable)
    assert "Chốt số liệu quý II/2025" in entry.history.text()
    monkeypatch.setattr(entry_module, "_ask_note", lambda *_a: "Bổ sung hồ sơ nộp muộn")
    qtbot.mouseClick(entry.reopen_button, Qt.MouseButton.LeftButton)
    history = screen.ctx.read(core.closure_history, period)
    assert history[-1].action == "reopen" and history[-1].note == "Bổ sung hồ sơ nộp muộn"
    assert not entry.closed and not entry.banner.isVisible()
    assert entry.model.flags(entry.model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    # close it again from the button
    monkeypatch.setattr(entry_module, "confirm", lambda *_a: True)
    monkeypatch.setattr(entry_module, "_ask_note", lambda *_a: "")
    qtbot.mouseClick(entry.close_button, Qt.MouseButton.LeftButton)
    assert screen.ctx.read(core.is_closed, period) and entry.closed


def test_reopen_without_a_note_is_refused(screen, monkeypatch):
    period = P.quarter(2025, 1)
    screen.set_period(period)
    monkeypatch.setattr(entry_module, "_ask_note", lambda *_a: "  ")
    assert not screen.entry.reopen_period()
    assert screen.ctx.read(core.is_closed, period)
    assert any("lý do" in text for text in screen.shown)


def test_computed_online_rate_for_a_date_range(screen):
    screen.set_period(P.parse("2025-07-01..2025-11-17"))
    screen.set_group("OPS.DOSSIER")
    model = screen.entry.model
    row = model.row_of("OPS.DOSSIER.ONLINE_RATE")
    assert model.text(row, VALUE) == "81,6"
    assert not (model.flags(model.index(row, VALUE)) & Qt.ItemFlag.ItemIsEditable)


def test_unsaved_edits_ask_before_switching(qtbot, screen, monkeypatch):
    screen.set_period(P.quarter(2026, 1))
    screen.set_group("OPS.PROC")
    screen.entry.focus_first_value()
    _type_cell(qtbot, screen.entry.table, "12")
    monkeypatch.setattr(entry_module, "ask_save_changes", lambda _p: QMessageBox.StandardButton.Cancel)
    assert not screen.set_period(P.quarter(2026, 2))
    assert screen.period() == P.quarter(2026, 1) and screen.picker.period() == P.quarter(2026, 1)
    assert not screen.set_group("OPS.DOSSIER")
    assert not screen.can_close()
    monkeypatch.setattr(entry_module, "ask_save_changes", lambda _p: QMessageBox.StandardButton.Discard)
    assert screen.set_group("OPS.DOSSIER")
    assert screen.can_close()
    assert screen.ctx.read(core.period_values, P.quarter(2026, 1), "OPS.PROC")[0].value is None


def test_grid_detail_chart_and_progress(qtbot, screen):
    screen.set_period(P.quarter(2025, 4))
    screen.set_group("MS.IV")
    screen.tabs.setCurrentIndex(GRID)
    grid = screen.grid
    assert [grid.model.headerData(i, Qt.Orientation.Horizontal) for i in range(3, 7)] == [
        "Quý I", "Quý II", "Quý III", "Quý IV"]
    codes = [r[0].code for r in grid.model.rows()]
    row = codes.index("MS.26")
    grid.table.selectRow(row)
    assert grid.chart.points[-1][2] == "83,2"
    assert grid.chart.target_levels() == [Decimal(70)]
    grid.chart.grab()  # paints without error
    screen.tabs.setCurrentIndex(PROGRESS)
    rows = screen.progress.model.rows()
    assert rows and all(r.target is not None for r in rows)
    order = [r.achievement for r in rows]
    assert order.index(core.MET) > max((i for i, a in enumerate(order) if a == core.NOT_MET), default=-1)


def test_catalogue_add_edit_retire(qtbot, screen, monkeypatch):
    from desktop.ui.indicators import catalogue as catalogue_module

    screen.set_period(P.quarter(2025, 4))  # a period change must not leave the catalogue unloaded
    screen.tabs.setCurrentIndex(CATALOGUE)
    panel = screen.catalogue
    assert panel.model.rowCount() > 50
    dialogs = []
    monkeypatch.setattr(catalogue_module.IndicatorDialog, "exec", lambda self: dialogs.append(self) or 0)
    screen.new_item()
    dialog = dialogs[-1]
    dialog.code.setText("ops.cameras")
    type_text(qtbot, dialog.name, "Số camera an ninh")
    dialog.group.setCurrentIndex(dialog.group.findData("OPS.INFRA"))
    dialog.targets.setPlainText("2026 ≥ 60%")
    assert not dialog.save()
    assert "năm: chỉ tiêu" in dialog.errors["targets"].text()
    dialog.targets.setPlainText("2026: ≥ 60")
    dialog.code.setText("1BAD")
    assert not dialog.save()
    assert dialog.errors["code"].text() == S.BAD_CODE
    dialog.code.setText("OPS.CAMERAS")
    assert dialog.save()
    row = screen.ctx.read(core.get_indicator, "OPS.CAMERAS")
    assert row.name == "Số camera an ninh" and row.targets[0].text == "≥ 60"
    panel.select("OPS.CAMERAS")
    monkeypatch.setattr(catalogue_module, "confirm", lambda *_a: True)
    panel.retire_selected()
    assert screen.ctx.read(core.get_indicator, "OPS.CAMERAS").retired
    # codes are never reused
    screen.new_item()
    dialog = dialogs[-1]
    dialog.code.setText("OPS.CAMERAS")
    dialog.name.setText("Khác")
    assert not dialog.save()
    assert "không được dùng lại" in dialog.errors["code"].text()


def test_export_writes_period_table(qtbot, screen, monkeypatch, tmp_path):
    import sys

    target = tmp_path / "bang.xlsx"
    seen = {}

    def fake_dialog(_parent, _title, default, _filter):
        seen["default"] = default
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    screen.set_period(P.quarter(2025, 3))
    job = screen.export_excel()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.result == str(target) and job.error is None
    assert screen.shown[-1] == S.EXPORTED.format(path=target)
    assert seen["default"].endswith("chi-tieu-2025-Q3.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Hồ sơ tiếp nhận" in texts
    assert "openpyxl" in sys.modules


def test_export_runs_off_the_gui_thread_behind_a_progress_dialog(qtbot, screen, monkeypatch, tmp_path):
    import threading
    import time

    from desktop.export import indicators as export

    target = tmp_path / "chậm.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    threads = []
    real = export.write_period_table

    def slow(*args):
        threads.append(threading.current_thread())
        time.sleep(0.8)  # a large year: the dialog shows
        return real(*args)

    monkeypatch.setattr(export, "write_period_table", slow)
    job = screen.export_excel()
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=20000)
    assert job.dialog.windowTitle() == "Xuất Excel" and "chậm.xlsx" in job.dialog.label.text()
    assert not job.dialog.cancel_button.isVisibleTo(job.dialog)  # the workbook is written whole or not at all
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert threads and threads[0] is not threading.main_thread()
    from openpyxl import load_workbook

    assert load_workbook(target).active.max_row > 10


def test_export_to_a_missing_folder_says_so(qtbot, screen, monkeypatch, tmp_path):
    target = tmp_path / "không có" / "bang.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    job = screen.export_excel()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    from desktop.strings import export as X

    assert job.error is not None and not target.exists()
    assert screen.shown[-1] == X.FOLDER_MISSING.format(path=target.parent)


def test_models_pass_the_model_tester(qtmodeltester, screen):
    screen.set_period(P.quarter(2025, 3))
    screen.set_group("OPS.DOSSIER")
    qtmodeltester.check(screen.entry.model)
    for index in (GRID, PROGRESS, CATALOGUE):
        screen.tabs.setCurrentIndex(index)
    qtmodeltester.check(screen.grid.model)
    qtmodeltester.check(screen.progress.model)
    qtmodeltester.check(screen.catalogue.model)


def test_screen_fits_1366x768(screen):
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
        hint = screen.minimumSizeHint()
        assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 120, (index, hint)


def test_ctrl_s_saves_through_the_screen(qtbot, screen):
    period = P.quarter(2026, 1)
    screen.set_period(period)
    screen.set_group("OPS.PROC")
    screen.entry.focus_first_value()
    _type_cell(qtbot, screen.entry.table, "9")
    screen.save()  # 9 after 368: a warning to confirm, nothing saved yet
    assert _values(screen, period)["OPS.PROC.TOTAL"].value is None
    assert screen.entry.confirm_button.isVisible()
    screen.entry.focus_first_value()
    _type_cell(qtbot, screen.entry.table, "370")
    screen.save()
    assert _values(screen, period)["OPS.PROC.TOTAL"].value == Decimal(370)
