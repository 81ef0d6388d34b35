"""Who is working: the staff list, the question at start-up, and the name in the change log."""

from __future__ import annotations

import pytest

from desktop.core import audit, staff
from desktop.core import tasks as core
from desktop.core.errors import ValidationError
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from tests.ui.keyboard import in_modal_dialog


def test_staff_list_is_cleaned_and_limited(office_db):
    with office_db.unit_of_work() as session:
        staff.save_staff(session, ["  Nguyễn Thị  Lan ", "", "nguyen thi lan", "Trần Văn Bình"], ask=True)
    with office_db.read() as session:
        assert staff.list_staff(session) == ["Nguyễn Thị Lan", "Trần Văn Bình"]
        assert staff.asks_at_start(session)
    with pytest.raises(ValidationError):
        with office_db.unit_of_work() as session:
            staff.save_staff(session, ["x" * 121], ask=False)
    with office_db.unit_of_work() as session:
        staff.save_staff(session, [], ask=True)  # nobody listed: never asks
    with office_db.read() as session:
        assert not staff.asks_at_start(session)


def test_office_screen_tab_saves_the_list(qtbot, office_db, make_ctx):
    from desktop.ui.office import OfficeScreen

    screen = OfficeScreen(make_ctx(office_db))
    qtbot.addWidget(screen)
    screen.refresh()
    page = screen.staff_page
    page.names.setPlainText("Nguyễn Thị Lan\nTrần Văn Bình\n")
    page.ask.setChecked(True)
    assert page.save() is True
    assert page.status.text() == "Đã lưu danh sách cán bộ."
    with office_db.read() as session:
        assert staff.list_staff(session) == ["Nguyễn Thị Lan", "Trần Văn Bình"] and staff.asks_at_start(session)


def test_start_up_asks_who_is_working_and_the_log_records_that_name(qtbot, office_db, monkeypatch):
    with office_db.unit_of_work() as session:
        staff.save_staff(session, ["Nguyễn Thị Lan", "Trần Văn Bình"], ask=True)
    office_db.user = "may-chung"
    ctx = AppContext(office_db.folder)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.db = office_db
    monkeypatch.setattr("desktop.ui.main_window.DRAFT_NOTICE_DELAY_MS", 10_000_000)
    window.database_ready()
    assert window.worker_button.text() == "Người làm việc: may-chung"

    def pick(dialog):
        dialog.combo.setCurrentIndex(dialog.combo.findText("Trần Văn Bình"))
        dialog.accept()

    in_modal_dialog(window._after_office_ready, pick)
    assert window.worker_button.text() == "Người làm việc: Trần Văn Bình"
    with ctx.db.unit_of_work() as session:
        task_id, _ = core.create_task(session, core.TaskInput(title="Số hóa hồ sơ"))
    with ctx.db.read() as session:
        assert audit.history(session, "tasks", task_id)[0].who == "Trần Văn Bình"

    def type_new(dialog):
        dialog.combo.setEditText("Lê Văn Tám")
        dialog.accept()

    in_modal_dialog(window.worker_button.click, type_new)
    assert ctx.db.user == "Lê Văn Tám"
