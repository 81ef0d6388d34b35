"""Unsaved form content survives a cut-off program and is offered back (task form)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core import drafts
from desktop.core import tasks as core
from desktop.ui import drafts as drafts_ui
from desktop.ui.tasks import detail as detail_module
from desktop.ui.tasks.detail import TaskDialog
from tests.ui.keyboard import in_modal_dialog


@pytest.fixture
def ctx(office_db, make_ctx):
    return make_ctx(office_db)


@pytest.fixture
def task_id(office_db):
    with office_db.unit_of_work() as session:
        new_id, _ = core.create_task(session, core.TaskInput(title="Số hóa hồ sơ một cửa", deadline_note="Quý IV"))
    return new_id


def _click(text):
    def interact(box):
        next(b for b in box.buttons() if b.text() == text).click()
    return interact


def _open_after_crash(qtbot, ctx, task_id, answer, monkeypatch):
    monkeypatch.setattr(drafts_ui, "RUN", "a-new-run-of-the-program")
    opened = []

    def make():
        dialog = TaskDialog(ctx, task_id)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.show()
        qtbot.wait(100)  # the offer comes right after the dialog is built

    in_modal_dialog(make, _click(answer))
    return opened[0]


def test_typing_survives_a_cut_off_and_is_offered_back(qtbot, ctx, task_id, monkeypatch):
    dialog = TaskDialog(ctx, task_id)
    qtbot.addWidget(dialog)
    dialog.title.setPlainText("Số hóa hồ sơ một cửa và liên thông")
    dialog.deadline_note.setText("Tháng 12/2025")
    dialog.drafts.tick()  # what the 2-second timer does
    kept = drafts.load_draft(ctx.folder, f"task-{task_id}")
    assert kept is not None and kept.title == "Nhiệm vụ «Số hóa hồ sơ một cửa và liên thông»"
    dialog.drafts.stop()  # power cut: the dialog is never closed

    again = _open_after_crash(qtbot, ctx, task_id, "Khôi phục", monkeypatch)
    assert again.title.toPlainText() == "Số hóa hồ sơ một cửa và liên thông"
    assert again.deadline_note.text() == "Tháng 12/2025"
    assert again.is_dirty() and "Đã khôi phục" in again.message.text()
    with ctx.db.read() as session:
        assert core.get_task(session, task_id).data.title == "Số hóa hồ sơ một cửa"  # nothing saved by itself
    assert again.save() is True
    assert drafts.load_draft(ctx.folder, f"task-{task_id}") is None
    with ctx.db.read() as session:
        assert core.get_task(session, task_id).data.title == "Số hóa hồ sơ một cửa và liên thông"


def test_declining_the_draft_removes_it_and_keeps_the_saved_task(qtbot, ctx, task_id, monkeypatch):
    drafts.save_draft(ctx.folder, f"task-{task_id}", "Nhiệm vụ «x»", ["x"] * 13)
    dialog = _open_after_crash(qtbot, ctx, task_id, "Bỏ nội dung nhập dở", monkeypatch)
    assert dialog.title.toPlainText() == "Số hóa hồ sơ một cửa" and not dialog.is_dirty()
    assert drafts.load_draft(ctx.folder, f"task-{task_id}") is None


def test_a_new_task_draft_and_discarding_on_purpose(qtbot, ctx, monkeypatch):
    dialog = TaskDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.title.setPlainText("Triển khai ký số cho cán bộ")
    dialog.drafts.tick()
    assert drafts.load_draft(ctx.folder, "task-new") is not None
    monkeypatch.setattr(detail_module, "ask_save_changes", lambda parent: QMessageBox.StandardButton.Discard)
    dialog.reject()  # "Không lưu"
    assert drafts.load_draft(ctx.folder, "task-new") is None
    dialog.drafts.tick()
    assert drafts.list_drafts(ctx.folder) == []


def test_a_saved_new_task_leaves_no_draft(qtbot, ctx):
    dialog = TaskDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.title.setPlainText("Triển khai ký số cho cán bộ")
    dialog.drafts.tick()
    assert dialog.save() is True
    assert drafts.list_drafts(ctx.folder) == []
    assert dialog.drafts.key == f"task-{dialog.task_id}"


def test_a_draft_of_this_run_is_not_offered_as_a_crash(qtbot, ctx, task_id):
    first = TaskDialog(ctx, task_id)
    qtbot.addWidget(first)
    first.title.setPlainText("Đang sửa ở cửa sổ khác")
    first.drafts.tick()
    second = TaskDialog(ctx, task_id)
    qtbot.addWidget(second)
    second.show()
    qtbot.wait(50)  # no question: the same run is still typing in the first window
    assert second.title.toPlainText() == "Số hóa hồ sơ một cửa"
    assert [d.key for d in drafts_ui.left_behind(ctx.folder)] == []


def test_plan_header_and_section_edits_come_back_after_a_cut_off(qtbot, office_db, make_ctx, monkeypatch):
    from desktop.core import plans
    from desktop.ui.plans.screen import PlansScreen

    ctx = make_ctx(office_db)
    with office_db.unit_of_work() as session:
        plan_id, _ = plans.save_plan(session, None, plans.PlanHeader(summary="Kế hoạch chuyển đổi số năm 2026"))
        section_id, _ = plans.add_child_section(session, plan_id, None, plans.SectionInput(heading="MỤC ĐÍCH"))
    screen = PlansScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.summary.setPlainText("Kế hoạch chuyển đổi số năm 2026 của phường")
    editor.select_section(section_id)
    editor.body.setPlainText("Nâng cao nhận thức về chuyển đổi số")
    editor.drafts.tick()
    editor.drafts.stop()  # cut off

    monkeypatch.setattr(drafts_ui, "RUN", "a-new-run-of-the-program")
    again = PlansScreen(ctx)
    qtbot.addWidget(again)
    again.refresh()
    in_modal_dialog(lambda: (again.editor.open_plan(plan_id), qtbot.wait(100)), _click("Khôi phục"))
    assert again.editor.summary.toPlainText() == "Kế hoạch chuyển đổi số năm 2026 của phường"
    assert again.editor.body.toPlainText() == "Nâng cao nhận thức về chuyển đổi số"
    assert again.editor.is_dirty()
    assert again.editor.save() is True
    assert drafts.list_drafts(ctx.folder) == []
    with office_db.read() as session:
        detail = plans.get_plan(session, plan_id)
    assert detail.header.summary.endswith("của phường")
    assert detail.sections[0].body == "Nâng cao nhận thức về chuyển đổi số"


def test_start_up_lists_forms_left_unsaved_and_reopens_one(qtbot, office_db, task_id, monkeypatch):
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    drafts.save_draft(office_db.folder, f"task-{task_id}", "Nhiệm vụ «Số hóa hồ sơ một cửa»", ["x"] * 13,
                      run="an-earlier-run")
    ctx = AppContext(office_db.folder)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.db = office_db
    monkeypatch.setattr("desktop.ui.main_window.DRAFT_NOTICE_DELAY_MS", 10_000_000)  # offered by hand below
    window.database_ready()
    reopened = []
    monkeypatch.setattr(window, "reopen_draft", reopened.append)
    texts = []
    in_modal_dialog(window.offer_left_behind, lambda box: (texts.append(box.text()), _click("Mở lại")(box)))
    assert "Nhiệm vụ «Số hóa hồ sơ một cửa»" in texts[0] and "chưa lưu" in texts[0]
    assert reopened == [f"task-{task_id}"]


def test_reopening_a_task_draft_opens_its_form(qtbot, office_db, task_id, monkeypatch):
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    ctx = AppContext(office_db.folder)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.db = office_db
    monkeypatch.setattr("desktop.ui.main_window.DRAFT_NOTICE_DELAY_MS", 10_000_000)
    window.database_ready()
    opened = []
    monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append(self.task_id) or 0)
    window.reopen_draft(f"task-{task_id}")
    assert opened == [task_id]
    assert window.stack.currentWidget() is window.screen("tasks")


def test_figures_typed_before_a_cut_off_are_offered_back(qtbot, demo_db, make_ctx, monkeypatch):
    from desktop.core import indicators as ind
    from desktop.core import periods as P
    from desktop.ui.indicators.entry import COMMENT, VALUE
    from desktop.ui.indicators.screen import IndicatorsScreen

    ctx = make_ctx(demo_db)
    period = P.quarter(2026, 1)

    def open_screen():
        widget = IndicatorsScreen(ctx)
        qtbot.addWidget(widget)
        widget.refresh()
        widget.set_period(period)
        widget.set_group("OPS.DOSSIER")
        return widget

    screen = open_screen()
    model = screen.entry.model
    row = model.row_of("OPS.DOSSIER.RECEIVED")
    model.setData(model.index(row, VALUE), "11.962")
    model.setData(model.index(row, COMMENT), "Số tạm")
    screen.entry.drafts.tick()
    screen.entry.drafts.stop()  # cut off

    monkeypatch.setattr(drafts_ui, "RUN", "a-new-run-of-the-program")
    holder = []
    in_modal_dialog(lambda: (holder.append(open_screen()), qtbot.wait(100)), _click("Khôi phục"))
    again = holder[0].entry
    assert again.model.values == {"OPS.DOSSIER.RECEIVED": "11.962"}
    assert again.model.comments == {"OPS.DOSSIER.RECEIVED": "Số tạm"}
    assert again.save()
    assert drafts.list_drafts(ctx.folder) == []
    with demo_db.read() as session:
        stored = {r.indicator.code: r for r in ind.period_values(session, period, "OPS.DOSSIER")}
    assert stored["OPS.DOSSIER.RECEIVED"].text == "11.962" and stored["OPS.DOSSIER.RECEIVED"].comment == "Số tạm"
