"""«Tổng hợp»: after importing two units' packages through the screen, the tables show totals that
can be checked by hand, a unit's details open with its figures, tasks and PDF, the tables go to
Excel, and «Tạo báo cáo tổng hợp» opens a new report in «Báo cáo»."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from desktop.core import consolidate
from desktop.core import reports as rp
from desktop.ui import jobs
from desktop.ui.exchange.consolidation import INDICATOR_TAB, UNITS_TAB, UnitDetailDialog
from tests.ui.exchange_senders import Q3, UNIT_A, UNIT_B, sender_package
from tests.ui.keyboard import in_modal_dialog

DEADLINE = date(2025, 10, 1)


@pytest.fixture
def unit_packages(office_folder, office_db, tmp_path):
    """A's package (with its report PDF, made after the deadline) and B's (on time)."""
    out = tmp_path / "goi"
    out.mkdir()
    code, name, values, tasks = UNIT_A
    a = sender_package(office_folder.root, tmp_path, out, code, name, values, tasks, report=True,
                       created=datetime(2025, 10, 2, 8))
    code, name, values, tasks = UNIT_B
    b = sender_package(office_folder.root, tmp_path, out, code, name, values, tasks, created=datetime(2025, 10, 1, 9))
    with office_db.unit_of_work() as session:
        consolidate.set_deadline(session, Q3.code, DEADLINE)
    return [a, b]


def import_and_consolidate(qtbot, screen, paths):
    """Through «Nhận gói dữ liệu», then «Tổng hợp» (which moves to the packages' period)."""
    screen.open_files(paths)
    qtbot.waitUntil(lambda: screen.receive.job is None, timeout=30000)
    screen.receive.import_button.click()
    qtbot.waitUntil(lambda: screen.receive.job is None and bool(screen.receive.results), timeout=30000)
    screen.tabs.setCurrentWidget(screen.consolidation)
    tab = screen.consolidation
    assert tab.period() == Q3
    qtbot.waitUntil(lambda: tab.job is None and tab.consolidation is not None, timeout=30000)


@pytest.fixture
def imported(qtbot, office_db, make_ctx, unit_packages):
    from desktop.ui.exchange.screen import ExchangeScreen

    screen = ExchangeScreen(make_ctx(office_db))
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    screen.refresh()
    import_and_consolidate(qtbot, screen, unit_packages)
    yield screen
    assert jobs.wait_all()


def cell(model, row, key):
    return model.index(row, model.column_index(key)).data()


def test_tables_show_hand_checkable_totals(qtmodeltester, imported):
    tab = imported.consolidation
    for model in (tab.submissions_model, tab.indicators_model, tab.units_model):
        qtmodeltester.check(model)
    assert "hạn gửi 01/10/2025" in tab.summary.text() and "2/2" in tab.summary.text()

    rows = {cell(tab.submissions_model, r, "code"): r for r in range(tab.submissions_model.rowCount())}
    assert set(rows) == {"31001", "31002"}
    assert cell(tab.submissions_model, rows["31001"], "status") == "Gửi muộn"
    assert cell(tab.submissions_model, rows["31002"], "status") == "Đúng hạn"
    assert cell(tab.submissions_model, rows["31001"], "created") == "02/10/2025 08:00"
    assert "Có PDF" in cell(tab.submissions_model, rows["31001"], "report")

    tab.tables.setCurrentIndex(INDICATOR_TAB)
    shown = {tab.indicators_model.row_at(r).code: r for r in range(tab.indicators_model.rowCount())}
    assert all(tab.indicators_model.row_at(r).units_reporting for r in shown.values())  # only reported ones
    received = shown["OPS.DOSSIER.RECEIVED"]
    assert cell(tab.indicators_model, received, "total") == "400"  # 100 + 300
    assert cell(tab.indicators_model, received, "reporting") == "2"
    assert cell(tab.indicators_model, shown["OPS.DOSSIER.ONLINE"], "total") == "140"  # 80 + 60
    # 140 / 400 = 35 %, recomputed from the sums (the average of 80 % and 20 % would be 50 %)
    assert cell(tab.indicators_model, shown["OPS.DOSSIER.ONLINE_RATE"], "total") == "35,0"
    assert "không lấy trung bình" in cell(tab.indicators_model, shown["OPS.DOSSIER.ONLINE_RATE"], "method")
    tab.only_reported.setChecked(False)
    assert tab.indicators_model.rowCount() > len(shown)

    tab.tables.setCurrentIndex(UNITS_TAB)
    keys = ("rank", "name", "assigned", "done", "overdue", "rate")
    ranking = [tuple(cell(tab.units_model, r, k) for k in keys) for r in range(tab.units_model.rowCount())]
    assert ranking == [("1", "Xã B", "1", "1", "0", "100%"), ("2", "Phường A", "2", "1", "1", "50%")]
    assert "giao 3 nhiệm vụ, hoàn thành 2" in tab.tasks_total.text()


def test_drill_down_shows_the_unit_and_opens_its_pdf(qtbot, imported, monkeypatch):
    tab = imported.consolidation
    tab.tables.setCurrentIndex(UNITS_TAB)
    row = next(r for r in range(tab.units_model.rowCount()) if tab.units_model.row_at(r).code == "31001")
    tab.units.selectRow(row)
    opened = []
    monkeypatch.setattr("desktop.ui.exchange.consolidation.QDesktopServices.openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or True)

    def look(dialog):
        assert isinstance(dialog, UnitDetailDialog)
        assert dialog.windowTitle() == "Chi tiết đơn vị — Phường A"
        values = {dialog.values_model.row_at(r).code: cell(dialog.values_model, r, "value")
                  for r in range(dialog.values_model.rowCount())}
        assert values["OPS.DOSSIER.RECEIVED"] == "100" and values["OPS.DOSSIER.ONLINE_RATE"] == "80,0"
        titles = {cell(dialog.tasks_model, r, "title"): cell(dialog.tasks_model, r, "status")
                  for r in range(dialog.tasks_model.rowCount())}
        assert titles == {"Số hóa hồ sơ một cửa": "Hoàn thành đúng hạn",
                          "Lắp camera giám sát": "Quá hạn chưa hoàn thành"}
        assert dialog.pdf_button.isEnabled()
        dialog.pdf_button.click()

    in_modal_dialog(lambda: tab.units.doubleClicked.emit(tab.units_model.index(row, 1)), look)
    assert len(opened) == 1 and opened[0].suffix == ".pdf" and opened[0].read_bytes().startswith(b"%PDF")

    # B sent no report: the button is off, and «Xem chi tiết…» opens the same dialog.
    row_b = next(r for r in range(tab.units_model.rowCount()) if tab.units_model.row_at(r).code == "31002")
    tab.units.selectRow(row_b)
    seen = in_modal_dialog(tab.detail_button.click, lambda d: None)
    assert not seen.pdf_button.isEnabled() and seen.detail.name == "Xã B"


def test_export_excel(qtbot, imported, tmp_path, monkeypatch):
    tab = imported.consolidation
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "tong-hop"), a[-1]))
    tab.excel_button.click()
    qtbot.waitUntil(lambda: tab.export_job is None, timeout=30000)
    path = tmp_path / "tong-hop.xlsx"
    assert tab.result.isVisible() and str(path) in tab.result.label.text()
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["Đơn vị gửi báo cáo", "Chỉ tiêu tổng hợp", "Nhiệm vụ theo đơn vị"]
    rows = [row for row in book["Chỉ tiêu tổng hợp"].iter_rows(values_only=True) if "Hồ sơ tiếp nhận" in row]
    assert len(rows) == 1 and 400 in rows[0]


def test_create_consolidated_report_opens_it_in_reports(qtbot, imported, office_db):
    tab = imported.consolidation
    requested = []
    imported.open_report_requested.connect(requested.append)
    tab.report_button.click()
    assert len(requested) == 1
    with office_db.read() as session:
        detail = rp.get_report(session, requested[0])
    assert detail.period_code == Q3.code and detail.outline_name == "Báo cáo tổng hợp"
    assert any("[[" in text for text in detail.texts())


def test_consolidated_report_opens_in_the_report_editor(qtbot, office_db, make_ctx, unit_packages):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.reports.screen import ReportsScreen

    window = MainWindow(make_ctx(office_db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.database_ready()
    screen = window.open_area("exchange")
    import_and_consolidate(qtbot, screen, unit_packages)
    screen.consolidation.report_button.click()
    reports = window.stack.currentWidget()
    assert isinstance(reports, ReportsScreen) and reports.editing()
    with office_db.read() as session:
        newest = rp.list_reports(session, rp.REPORT)[0]
    assert reports.editor.report_id == newest.id and newest.period_code == Q3.code
    assert jobs.wait_all()
