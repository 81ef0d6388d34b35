"""The overview screen (Tổng quan): figures, lists, statistics per phase, refresh on changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.vn import format_date
from desktop.strings import overview as O
from desktop.ui.overview import OverviewScreen
from desktop.ui.tasks import detail as detail_module
from desktop.ui.tasks.detail import TaskDialog

TODAY = date.today()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture(autouse=True)
def discard_on_teardown(monkeypatch):
    monkeypatch.setattr(detail_module, "ask_save_changes", lambda parent: QMessageBox.StandardButton.Discard)


@pytest.fixture
def ctx(office_db, make_ctx):
    return make_ctx(office_db)


@pytest.fixture
def seeded(office_db):
    with office_db.unit_of_work() as s:
        def add(title, phase, deadline=None, done_on=None, started_on=None, recurrence="none"):
            task_id, _ = core.create_task(s, core.TaskInput(title=title, phase=phase, deadline=deadline,
                                                            recurrence=recurrence))
            if started_on:
                core.record_status(s, task_id, st.IN_PROGRESS, started_on)
            if done_on:
                core.record_status(s, task_id, st.DONE, done_on)
            return task_id

        return {
            "late_open": add("Rà soát dữ liệu dân cư", "1", deadline=days(-10), started_on=days(-20)),
            "late_open_2": add("Số hóa hồ sơ", "1", deadline=days(-2)),
            "done": add("Ban hành kế hoạch", "1", deadline=days(-5), done_on=days(-6)),
            "done_late": add("Báo cáo sơ kết", "2", deadline=days(-9), done_on=days(-3)),
            "soon": add("Tập huấn kỹ năng số", "2", deadline=days(5)),
            "today": add("Cập nhật cổng thông tin", "2", deadline=TODAY, started_on=days(-1)),
            "far": add("Đánh giá chuyển đổi số", "2", deadline=days(60)),
            "continuous": add("Tuyên truyền", "2", recurrence=st.RECURRENCE_CONTINUOUS, started_on=days(-1)),
        }


@pytest.fixture
def screen(ctx, qtbot, seeded):
    widget = OverviewScreen(ctx)
    qtbot.addWidget(widget)
    ctx.data_changed.connect(widget.on_changes)
    widget.resize(1136, 700)
    widget.refresh()
    return widget


def figure(screen, key) -> str:
    return screen.figures[key].number.text()


def test_figures(screen):
    assert screen.help_topic == "overview"
    assert {key: figure(screen, key) for key in screen.figures} == {
        "total": "8", "done_on_time": "1", "done_late": "1", "in_progress_on_time": "4", "overdue": "2",
        "not_started": "2"}
    assert screen.figures["overdue"].share.text() == "25% tổng số"
    assert screen.figures["in_progress_on_time"].share.text() == "50% tổng số"
    assert screen.figures["not_started"].share.text() == O.NOT_STARTED_NOTE
    assert screen.empty_label.isHidden()


def test_lists(screen, seeded):
    assert screen.overdue_heading.text() == "Quá hạn chưa hoàn thành (2)"
    overdue = screen.overdue_model
    assert [overdue.row_at(i).id for i in range(overdue.rowCount())] == [seeded["late_open"], seeded["late_open_2"]]
    assert overdue.index(0, 1).data() == format_date(days(-10))
    assert overdue.index(0, 3).data() == "10 ngày"
    assert screen.due_heading.text() == "Đến hạn trong 14 ngày tới (2)"
    due = screen.due_model
    assert [due.index(i, 0).data() for i in range(due.rowCount())] == ["Cập nhật cổng thông tin",
                                                                       "Tập huấn kỹ năng số"]
    assert [due.index(i, 3).data() for i in range(due.rowCount())] == ["Hôm nay", "5 ngày"]
    assert screen.overdue_empty.isHidden() and screen.due_empty.isHidden()


def test_phase_table_and_sentences(screen, qtmodeltester):
    model = screen.phase_model
    qtmodeltester.check(model)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Số nhiệm vụ", "Giai đoạn 1", "Giai đoạn 2", "Tổng cộng"]
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 4)] for r in range(model.rowCount())}
    assert rows["Được giao"] == ["3", "5", "8"]
    assert rows["Đã hoàn thành"] == ["1 (33,3%)", "1 (20%)", "2 (25%)"]
    assert rows["Quá hạn chưa hoàn thành"] == ["2 (66,7%)", "0 (0%)", "2 (25%)"]
    text = screen.sentences.toPlainText().split("\n")
    assert text[0] == "- Giai đoạn 1: Ủy ban nhân dân phường được giao 3 nhiệm vụ"
    assert text[1] == ("+ Số nhiệm vụ đã hoàn thành 1/3, tỷ lệ 33,3%, trong đó: số nhiệm vụ hoàn thành đúng hạn 1, "
                       "số nhiệm vụ hoàn thành quá hạn 0.")
    assert text[4] == "- Giai đoạn 2: Ủy ban nhân dân phường được giao 5 nhiệm vụ"
    screen.copy_sentences()
    assert QApplication.clipboard().text() == screen.sentences.toPlainText()
    assert screen.copied_label.text() == O.COPIED


def test_clicking_a_task_opens_its_dialog(screen, seeded, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append((self.task_id, self.windowTitle())) or 0)
    screen.show()
    qtbot.waitExposed(screen)
    view = screen.overdue_view
    rect = view.visualRect(screen.overdue_model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(seeded["late_open_2"], "Nhiệm vụ: Số hóa hồ sơ")]
    rect = screen.due_view.visualRect(screen.due_model.index(0, 1))
    qtbot.mouseClick(screen.due_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened[-1][0] == seeded["today"]


def test_refreshes_when_tasks_change(screen, seeded, ctx, monkeypatch):
    ctx.write(None, core.record_status, seeded["late_open_2"], st.DONE, TODAY)
    assert figure(screen, "overdue") == "1"
    assert figure(screen, "done_late") == "2"
    assert screen.overdue_heading.text() == "Quá hạn chưa hoàn thành (1)"

    def finish(dialog: TaskDialog) -> int:  # done from the dialog opened on the overview
        dialog.update_status()
        return 1

    def mark_done(status_dialog) -> int:
        status_dialog.status.setCurrentIndex(status_dialog.status.findData(st.DONE))
        return 1 if status_dialog.submit() else 0

    from desktop.ui.tasks.updates import StatusDialog

    monkeypatch.setattr(TaskDialog, "exec", finish)
    monkeypatch.setattr(StatusDialog, "exec", mark_done)
    screen.open_task(seeded["late_open"])
    assert figure(screen, "overdue") == "0"
    assert screen.overdue_view.isHidden() and not screen.overdue_empty.isHidden()
    ctx.write(None, core.delete_task, seeded["far"])
    assert figure(screen, "total") == "7"


def test_reference_date(screen, seeded):
    screen.set_as_of(days(-15))
    assert figure(screen, "overdue") == "0"
    assert figure(screen, "done_on_time") == "0"
    # due within 14 days of that date, soonest first; "done" ones were not done yet then
    assert [screen.due_model.row_at(i).id for i in range(screen.due_model.rowCount())] == [
        seeded["late_open"], seeded["done_late"], seeded["done"], seeded["late_open_2"]]
    screen.as_of.setText("")
    screen.as_of.editingFinished.emit()
    assert screen.as_of.text() == format_date(TODAY)
    assert figure(screen, "overdue") == "2"


def test_empty_office(ctx, qtbot):
    widget = OverviewScreen(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    assert figure(widget, "total") == "0"
    assert not widget.empty_label.isHidden()
    assert widget.figures["overdue"].share.text() == "0% tổng số"
    assert widget.overdue_view.isHidden() and widget.overdue_empty.text() == O.NO_OVERDUE
    assert widget.sentences.toPlainText() == ""
    assert widget.phase_model.columnCount() == 2  # the label column and the total


def test_task_deleted_meanwhile(screen, seeded, office_db, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    with office_db.unit_of_work() as s:  # another copy of the program deletes it
        core.delete_task(s, seeded["late_open"])
    screen.open_task(seeded["late_open"])
    assert shown == ["Không tìm thấy nhiệm vụ (có thể đã bị xóa)."]
    assert figure(screen, "total") == "7"  # refreshed
