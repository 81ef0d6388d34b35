"""«Gửi xuống cấp dưới»: the demo office sends its tasks, an outline and its indicator catalogue
down; a ward imports the tasks package through «Nhận gói dữ liệu» and a second import changes
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from desktop.core import nq57file, office
from desktop.db import Database, migrate
from desktop.models import Task
from desktop.paths import DataFolder
from desktop.ui import jobs
from desktop.ui.exchange.screen import ExchangeScreen


@pytest.fixture
def upper(qtbot, demo_db, make_ctx):
    screen = ExchangeScreen(make_ctx(demo_db))
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    screen.refresh()
    screen.tabs.setCurrentWidget(screen.downward)
    yield screen.downward
    assert jobs.wait_all()


def save(qtbot, tab, path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), a[-1]))
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.job is None, timeout=30000)
    assert tab.result.isVisible() and str(tab.last_path) in tab.result.label.text()
    return nq57file.read_package(tab.last_path)


def test_send_tasks_outline_and_catalogue(qtbot, upper, demo_db, tmp_path, monkeypatch):
    with demo_db.read() as session:
        task_count = session.scalar(select(func.count(Task.id)))
    assert upper.plan.currentData() is None  # every task
    assert f"{task_count} nhiệm vụ" in upper.summary.text()
    package = save(qtbot, upper, tmp_path / "nhiem-vu.nq57", monkeypatch)
    assert (package.direction, package.content) == ("down", "tasks")
    assert len(package.data["tasks"]) == task_count

    upper.plan.setCurrentIndex(1)  # the demo plan's tasks only
    assert upper.plan.currentData() is not None
    package = save(qtbot, upper, tmp_path / "ke-hoach.nq57", monkeypatch)
    assert 0 < len(package.data["tasks"]) <= task_count

    upper.kind_buttons["outline"].setChecked(True)
    assert upper.outline.isEnabled() and not upper.plan.isEnabled()
    name = upper.outline.currentText()
    package = save(qtbot, upper, tmp_path / "de-cuong.nq57", monkeypatch)
    assert package.content == "outline" and package.data["outline"]["name"] == name

    upper.kind_buttons["indicators"].setChecked(True)
    package = save(qtbot, upper, tmp_path / "chi-tieu", monkeypatch)  # the extension is added
    assert upper.last_path == tmp_path / "chi-tieu.nq57"
    assert package.content == "indicators" and package.data["indicators"]


@pytest.fixture
def ward_db(tmp_path):
    """A ward that has just set up its office (another data folder than the demo's)."""
    folder = DataFolder(tmp_path / "phuong").ensure()
    migrate(folder)
    database = Database(folder, user="kiểm thử")
    with database.unit_of_work() as session:
        office.save_office(session, office.OfficeProfile(name_lines="ỦY BAN NHÂN DÂN\nPHƯỜNG LÊ CHÂN",
                                                         short_name="Phường Lê Chân", place_name="Lê Chân",
                                                         code="11302"))
    yield database
    database.close()


def test_ward_imports_the_tasks_package_without_duplicates(qtbot, upper, ward_db, make_ctx, tmp_path, monkeypatch):
    office_db = ward_db
    path = tmp_path / "nhiem-vu.nq57"
    sent = save(qtbot, upper, path, monkeypatch)

    ward = ExchangeScreen(make_ctx(office_db))
    qtbot.addWidget(ward)
    ward.show()
    receive = ward.receive
    ward.open_files([path])
    qtbot.waitUntil(lambda: receive.job is None, timeout=30000)
    assert receive.previews[0].status == "new" and receive.previews[0].direction == "down"
    receive.preview_view.selectRow(0)
    assert "Cấp trên gửi xuống" in receive.details.toPlainText()
    receive.import_button.click()
    qtbot.waitUntil(lambda: receive.job is None, timeout=30000)
    assert [r.status for r in receive.results] == ["imported"]
    with office_db.read() as session:
        assert session.scalar(select(func.count(Task.id))) == len(sent.data["tasks"])

    # The same tasks again (a new package of the same list): nothing is duplicated.
    again = tmp_path / "nhiem-vu-lan-2.nq57"
    save(qtbot, upper, again, monkeypatch)
    ward.open_files([again])
    qtbot.waitUntil(lambda: receive.job is None, timeout=30000)
    counts = receive.previews[0].counts
    assert counts["created"] == 0 and counts["unchanged"] == len(sent.data["tasks"]), counts
    receive.preview_view.selectRow(0)
    assert f"giữ nguyên: {len(sent.data['tasks'])}" in receive.details.toPlainText()
    receive.import_button.click()
    qtbot.waitUntil(lambda: receive.job is None, timeout=30000)
    with office_db.read() as session:
        assert session.scalar(select(func.count(Task.id))) == len(sent.data["tasks"])
    assert jobs.wait_all()


def test_task_list_from_excel_opens_the_import_dialog(qtbot, upper, monkeypatch):
    from desktop.ui.exchange.task_sheet_dialog import TaskSheetDialog
    from tests.ui.keyboard import in_modal_dialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: ("", ""))  # the file choice is cancelled
    seen = in_modal_dialog(upper.sheet_button.click, lambda dialog: None)
    assert isinstance(seen, TaskSheetDialog) and seen.parent() is upper
    assert upper.save_button.isEnabled()  # the tab was read again afterwards
