"""The whole first session of a new office, through the real widgets of the main window:
first-run set-up → a plan with a section and an appendix task → a status update → the
overview counts change."""

from datetime import date

from PySide6.QtCore import Qt

from desktop.core import office
from desktop.core import status as st
from desktop.ui.context import AppContext
from desktop.ui.first_run import FirstRunPage
from desktop.ui.main_window import MainWindow
from desktop.ui.plans.dialogs import PlanTaskDialog
from desktop.ui.tasks.updates import StatusDialog
from tests.ui.keyboard import type_text


def test_first_run_plan_task_status_overview(qtbot, db, monkeypatch):
    ctx = AppContext(db.folder)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    ctx.db = db
    window.database_ready()

    # 1. First run: the office, the suggested departments, one signer.
    page = window.stack.currentWidget()
    assert isinstance(page, FirstRunPage)
    type_text(qtbot, page.form.short_name, "Phường Hải An")
    type_text(qtbot, page.form.superior_name, "Ủy ban nhân dân thành phố Hải Phòng")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, page.signer_form.full_name, "Cao Huy Hiếu")
    type_text(qtbot, page.signer_form.position_title, "Chủ tịch")
    with qtbot.waitSignal(page.completed, timeout=3000):
        qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)
    assert window.nav.isEnabled() and "Phường Hải An" in window.windowTitle()
    overview = window.stack.currentWidget()
    assert overview is window.screen("overview")
    assert overview.figures["total"].number.text() == "0"
    vhxh = next(d.id for d in ctx.read(office.list_departments) if d.abbreviation == "VHXH")

    # 2. A plan with one section and one appendix task (Ctrl+N on the plans screen).
    plans = window.open_area("plans")
    window._route("new_item")
    editor = plans.editor
    qtbot.keyClicks(editor.number, "53/KH-UBND")
    qtbot.keyClicks(editor.issued_on, "17/9/2025")
    editor.issued_on.editingFinished.emit()
    editor.summary.insertPlainText("Thực hiện Nghị quyết số 57-NQ/TW trên địa bàn phường Hải An")
    assert plans.save()
    editor.tabs.setCurrentIndex(1)
    qtbot.mouseClick(editor.add_child_button, Qt.MouseButton.LeftButton)
    editor.heading.insertPlainText("Nâng cao nhận thức về chuyển đổi số")

    def fill(dialog: PlanTaskDialog) -> int:
        dialog.title.setPlainText("Tuyên truyền về chuyển đổi số trên hệ thống truyền thanh phường")
        dialog.lead.setCurrentIndex(dialog.lead.findData(vhxh))
        dialog.expected_output.setText("Bản tin, clip")
        dialog.deadline.setText("31/12/2099")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanTaskDialog, "exec", fill)
    qtbot.mouseClick(editor.section_task_add, Qt.MouseButton.LeftButton)
    assert plans.save()
    assert editor.appendix_model.rowCount() == 1

    window.open_area("overview")
    assert overview.figures["total"].number.text() == "1"
    assert overview.figures["not_started"].number.text() == "1"
    assert overview.figures["done_on_time"].number.text() == "0"

    # 3. The task is done: a status update from the tasks screen.
    tasks = window.open_area("tasks")
    assert tasks.model.rowCount() == 1
    task = tasks.model.row_at(0)
    assert task.plan_label == "KH 53/KH-UBND" and task.lead == "VHXH"
    tasks.select_task(task.id)

    def mark_done(dialog: StatusDialog) -> int:
        dialog.status.setCurrentIndex(dialog.status.findData(st.DONE))
        dialog.note.setPlainText("Đã phát 12 bản tin")
        return 1 if dialog.submit() else 0

    monkeypatch.setattr(StatusDialog, "exec", mark_done)
    tasks.update_status()
    assert tasks.model.row_at(0).status == st.DONE_ON_TIME
    assert tasks.model.row_at(0).completed_on == date.today()

    # 4. The overview follows.
    window.open_area("overview")
    assert overview.figures["done_on_time"].number.text() == "1"
    assert overview.figures["not_started"].number.text() == "0"
    assert "1/1, tỷ lệ 100%" in overview.sentences.toPlainText()
