"""«Gửi lên cấp trên»: the summary of what goes out, and «Lưu gói dữ liệu…» writing a package that
reads back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from desktop.core import nq57file, periods
from desktop.core import reports as rp
from desktop.models import Task
from desktop.ui import jobs
from desktop.ui.exchange.screen import ExchangeScreen

DEMO_PERIOD = "2025-07-01..2025-11-17"  # the demo report's period


@pytest.fixture
def screen(qtbot, demo_db, make_ctx):
    widget = ExchangeScreen(make_ctx(demo_db))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    yield widget
    assert jobs.wait_all()


def wait_job(qtbot, owner, attribute="job"):
    qtbot.waitUntil(lambda: getattr(owner, attribute) is None, timeout=30000)


def test_summary_lists_what_goes_out_and_warns_about_the_draft(screen, demo_db):
    send = screen.send
    assert send.period().code == DEMO_PERIOD  # the period of the newest report
    with demo_db.read() as session:
        demo_report = rp.list_reports(session, rp.REPORT)[0]
        task_count = session.scalar(select(func.count(Task.id)))
    assert send.report.currentData() == demo_report.id
    assert "Dự thảo" in send.report.currentText()
    text = send.summary.text()
    assert f"Nhiệm vụ: {task_count}" in text
    assert "chưa ban hành" in text and "#a15c00" in text  # the warning, in orange
    assert send.save_button.isEnabled()

    send.tasks.setChecked(False)
    assert "Nhiệm vụ: 0" in send.summary.text()

    send.picker.set_period(periods.parse("2024-Q1"))
    send.reload()
    assert not send.report.isEnabled() and send.report.currentData() is None
    assert "chưa có báo cáo" in send.summary.text()
    assert not send.pdf.isEnabled()


def test_save_writes_a_package_that_reads_back(qtbot, screen, demo_db, tmp_path, monkeypatch):
    send = screen.send
    asked = {}

    def save_name(parent, title, default, file_filter):
        asked["default"] = default
        return str(tmp_path / "goi-gui-len"), file_filter  # no extension typed: ".nq57" is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    send.save_button.click()
    assert asked["default"].endswith("11311-phuong-an-hai-2025-07-01_2025-11-17.nq57")
    assert send.busy.isVisible() or send.job is None
    wait_job(qtbot, send)

    path = tmp_path / "goi-gui-len.nq57"
    assert path.is_file() and send.result.isVisible()
    assert str(path) in send.result.label.text() and "KB" in send.result.label.text()
    package = nq57file.read_package(path)
    assert package.direction == "up" and package.content == "report"
    assert package.unit_code == "11311" and package.period_code == DEMO_PERIOD
    assert len(package.data["tasks"]) == send.last_result.summary.tasks > 0
    assert package.data["report"]["status"] == "draft"
    assert set(package.members) == {"data.json", "bao-cao.pdf", "so-lieu.xlsx"}
    assert package.members["bao-cao.pdf"].startswith(b"%PDF")
    assert package.members["so-lieu.xlsx"].startswith(b"PK")

    opened = []
    monkeypatch.setattr("desktop.ui.exchange.common.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    send.result.button.click()
    assert opened and opened[0].toLocalFile() == str(tmp_path)


def test_save_without_pdf_or_xlsx(qtbot, screen, tmp_path):
    send = screen.send
    send.pdf.setChecked(False)
    send.xlsx.setChecked(False)
    assert "Không kèm tệp PDF, Excel" in send.summary.text()
    send.save_package(tmp_path / "nho.nq57")
    wait_job(qtbot, send)
    package = nq57file.read_package(tmp_path / "nho.nq57")
    assert set(package.members) == {"data.json"}


def test_a_failed_export_is_explained_and_writes_nothing(qtbot, screen, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr("desktop.ui.jobs.QMessageBox.exec", lambda box: messages.append(box.text()) or 0)
    send = screen.send
    send.save_package(tmp_path / "khong-co-thu-muc" / "goi.nq57")
    wait_job(qtbot, send)
    assert messages and "khong-co-thu-muc" in messages[0]
    assert not (tmp_path / "khong-co-thu-muc").exists()
    assert send.save_button.isEnabled() and not send.result.isVisible()
