"""The audit trail on screen: a task's history tab and the log screen's filters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.core import plans, tasks
from desktop.db import Database
from desktop.ui.audit import AuditLogScreen, HistoryPanel
from desktop.ui.tasks.detail import TaskDialog


def _texts(model, column_key):
    column = model.column_index(column_key)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def _seed(office_db) -> int:
    with office_db.unit_of_work() as session:
        task_id, _ = tasks.create_task(session, tasks.TaskInput(title="Số hóa hồ sơ một cửa"))
    other = Database(office_db.folder, user="Trần Văn Bình")
    with other.unit_of_work() as session:
        tasks.record_status(session, task_id, "in_progress", date(2025, 3, 5))
        plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch chuyển đổi số năm 2025"))
    with other.unit_of_work() as session:
        tasks.record_status(session, task_id, "done", date(2025, 3, 20))
    other.close()
    return task_id


def test_the_task_dialog_has_a_history_tab_with_its_changes(qtbot, office_db, make_ctx):
    task_id = _seed(office_db)
    ctx = make_ctx(office_db)
    dialog = TaskDialog(ctx, task_id)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles[-1] == "Lịch sử sửa đổi" and len(titles) == 5
    panel = dialog.audit_panel
    assert isinstance(panel, HistoryPanel)
    model = panel.model
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == [
        "Thời gian", "Người sửa", "Thao tác", "Nội dung thay đổi"]
    assert _texts(model, "who") == ["Trần Văn Bình", "Trần Văn Bình", "kiểm thử"]
    assert _texts(model, "action") == ["Sửa", "Sửa", "Tạo mới"]
    assert _texts(model, "text")[0].startswith("Trạng thái: Đang thực hiện → Hoàn thành")
    # A save from the dialog shows up at once.
    dialog.details.setPlainText("Chi tiết mới")
    assert dialog.save()
    assert _texts(panel.model, "text")[0] == "Nội dung chi tiết: (trống) → Chi tiết mới"
    dialog.tabs.setCurrentWidget(panel)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/aud/history_tab.png")


def test_a_new_task_dialog_shows_an_empty_history(qtbot, office_db, make_ctx):
    dialog = TaskDialog(make_ctx(office_db), None)
    qtbot.addWidget(dialog)
    assert dialog.audit_panel.model.rowCount() == 0
    assert dialog.audit_panel.hint.text() == "Chưa có thay đổi nào được ghi lại cho bản ghi này."


def test_the_log_screen_filters_by_person_kind_dates_and_words(qtbot, office_db, make_ctx):
    from desktop.core import audit
    from tests.ui.keyboard import type_text

    with office_db.read() as session:
        setup = len(audit.search(session))  # the office, its departments and signers being set up
    _seed(office_db)
    screen = AuditLogScreen(make_ctx(office_db))
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.model.rowCount() == 4 + setup
    assert [screen.who.itemText(i) for i in range(screen.who.count())] == [
        "Tất cả mọi người", "kiểm thử", "Trần Văn Bình"]
    screen.who.setCurrentIndex(screen.who.findData("Trần Văn Bình"))
    assert set(_texts(screen.model, "who")) == {"Trần Văn Bình"} and screen.model.rowCount() == 3
    screen.table.setCurrentIndex(screen.table.findData("plans"))
    assert _texts(screen.model, "table") == ["Kế hoạch"]
    assert _texts(screen.model, "label") == ["Kế hoạch chuyển đổi số năm 2025"]
    screen.table.setCurrentIndex(0)
    screen.who.setCurrentIndex(0)
    type_text(qtbot, screen.text, "hoàn thành")
    screen.apply_filter()
    assert screen.model.rowCount() == 1 and screen.count.text() == "1 thay đổi"
    screen.text.clear()
    screen.since.setText("01/01/2099")
    screen.apply_filter()
    assert screen.model.rowCount() == 0
    screen.until.setText("01/01/2000")
    screen.apply_filter()
    assert screen.problem.text() == "«Từ ngày» phải trước hoặc trùng «Đến ngày»."
    screen.since.clear()
    screen.until.clear()
    screen.apply_filter()
    assert screen.model.rowCount() == 4 + setup and not screen.problem.text()
    screen.resize(1126, 640)
    screen.show()
    qtbot.waitExposed(screen)
    screen.grab().save("/tmp/aud/log_screen.png")


def test_the_main_window_has_the_log_area(qtbot, office_db, make_ctx):
    from desktop.strings import shell as SH
    from desktop.ui.main_window import AREAS

    assert [k for k, _f in AREAS][-2:] == ["maintenance", "audit"]
    assert SH.AREAS["audit"] == "Nhật ký sửa đổi"
