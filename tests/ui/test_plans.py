"""The plans screen driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core import office
from desktop.core import plans as pl
from desktop.core import tasks as tk
from desktop.core.directives import DirectiveRow, save_directive
from desktop.ui.plans import editor as editor_module
from desktop.ui.plans import screen as screen_module
from desktop.ui.plans.dialogs import BasisPickerDialog, PlanTaskDialog
from desktop.ui.plans.screen import PlansScreen


@pytest.fixture
def screen(qtbot, office_db, make_ctx):
    ctx = make_ctx(office_db)
    widget = PlansScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1136, 700)  # 1366x768 minus the navigation, menu and status bars
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def say_yes(monkeypatch):
    asked: list[str] = []

    def confirm(_parent, _title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(editor_module, "confirm", confirm)
    monkeypatch.setattr(screen_module, "confirm", confirm)
    return asked


def _tree_titles(editor) -> list[tuple[int, str]]:
    """(depth, displayed title) for every row of the tree model, depth first."""
    model = editor.tree_model
    out = []

    def walk(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            out.append((depth, model.data(index, Qt.ItemDataRole.DisplayRole)))
            walk(index, depth + 1)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex(), 0)
    return out


def _fill_task_dialog(monkeypatch, **values):
    """Replace PlanTaskDialog.exec with one that types into the real form and presses Lưu."""
    seen: list[PlanTaskDialog] = []

    def fake_exec(dialog: PlanTaskDialog) -> int:
        seen.append(dialog)
        if "title" in values:
            dialog.title.setPlainText(values["title"])
        if "lead" in values:
            dialog.lead.setCurrentIndex(dialog.lead.findData(values["lead"]))
        if "coordinators" in values:
            dialog.set_checked_coordinators(set(values["coordinators"]))
        if "output" in values:
            dialog.expected_output.setText(values["output"])
        if "recurrence" in values:
            dialog.recurrence.setCurrentIndex(dialog.recurrence.findData(values["recurrence"]))
        if "deadline" in values:
            dialog.deadline.setText(values["deadline"])
        if "section" in values:
            dialog.section.setCurrentIndex(dialog.section.findData(values["section"]))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PlanTaskDialog, "exec", fake_exec)
    return seen


def _departments(ctx) -> dict[str, int]:
    return {d.abbreviation: d.id for d in ctx.read(office.list_departments)}


# ------------------------------------------------------------------ list


def test_list_shows_plans_with_progress_and_filters(screen, qtmodeltester):
    ctx = screen.ctx
    with ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(
            summary="Thực hiện Nghị quyết 57-NQ/TW", number_symbol="70/KH-UBND", issued_on=date(2025, 9, 17),
            status="issued"))
        pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch chuyển đổi số năm 2026"))
        first, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Một"))
        pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Hai"))
        tk.record_status(session, first, "done", date(2025, 10, 1))
    screen.refresh()
    model = screen.model
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Số ký hiệu", "Ngày", "Trích yếu", "Trạng thái", "Nhiệm vụ hoàn thành"]
    cells = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells == [
        ["(chưa có số)", "", "Kế hoạch chuyển đổi số năm 2026", "Dự thảo", "0/0"],
        ["70/KH-UBND", "17/09/2025", "Thực hiện Nghị quyết 57-NQ/TW", "Đã ban hành", "1/2"],
    ]
    screen.search.setText("nghi quyet")
    assert model.rowCount() == 1 and model.row_at(0).id == plan_id
    assert screen.count_label.text() == "1 kế hoạch"
    screen.search.clear()
    assert model.rowCount() == 2


def test_empty_list_says_how_to_start(screen):
    assert screen.empty_label.isVisible()
    assert "Ctrl+N" in screen.empty_label.text()
    assert not screen.open_button.isEnabled()


# ------------------------------------------------------------------ the main flow


def test_create_plan_sections_and_appendix_through_the_editor(screen, qtbot, monkeypatch, qtmodeltester):
    ctx = screen.ctx
    with ctx.db.unit_of_work() as session:
        nq57, _ = save_directive(session, DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "Bộ Chính trị",
                                                       "Về đột phá phát triển khoa học, công nghệ"))
        kh12, _ = save_directive(session, DirectiveRow(None, "12-KH/TU", "plan", date(2025, 8, 26), "Thành ủy", "Kế hoạch"))
    deps = _departments(ctx)

    screen.new_item()  # Ctrl+N
    editor = screen.editor
    assert screen.editing() and editor.plan_id is None
    qtbot.keyClicks(editor.number, "70/kh-ubnd")
    qtbot.keyClicks(editor.issued_on, "17/9/2025")
    editor.issued_on.editingFinished.emit()
    assert editor.issued_on.text() == "17/09/2025"
    editor.summary.insertPlainText("Thực hiện Nghị quyết 57-NQ/TW trên địa bàn phường")
    editor.status.setCurrentIndex(editor.status.findData("issued"))
    editor.purpose.insertPlainText("- Quán triệt")
    editor.add_basis([r for r in _directives(ctx) if r.id == kh12])
    editor.add_basis([r for r in _directives(ctx) if r.id == nq57])
    qtmodeltester.check(editor.basis_model)
    editor.basis_view.selectRow(1)
    qtbot.mouseClick(editor.basis_up, Qt.MouseButton.LeftButton)  # 57-NQ/TW first
    assert editor.is_dirty()
    assert screen.save() is True  # Ctrl+S
    assert not editor.is_dirty()
    plan_id = editor.plan_id
    assert plan_id is not None
    assert editor.flash_label.text() == "Đã lưu kế hoạch."

    # sections: I. / 1. / 2. then indent 2. under 1. -> 1.1.
    editor.tabs.setCurrentIndex(1)
    qtbot.mouseClick(editor.add_child_button, Qt.MouseButton.LeftButton)
    editor.heading.insertPlainText("NHIỆM VỤ, GIẢI PHÁP")
    qtbot.mouseClick(editor.add_child_button, Qt.MouseButton.LeftButton)  # commits the heading, adds 1.
    editor.heading.insertPlainText("Nâng cao nhận thức")
    qtbot.mouseClick(editor.add_sibling_button, Qt.MouseButton.LeftButton)  # 2.
    editor.heading.insertPlainText("Tăng cường tuyên truyền")
    assert editor.indent_button.isEnabled()
    qtbot.mouseClick(editor.indent_button, Qt.MouseButton.LeftButton)
    assert _tree_titles(editor) == [
        (0, "I. NHIỆM VỤ, GIẢI PHÁP"),
        (1, "1. Nâng cao nhận thức"),
        (2, "1.1. Tăng cường tuyên truyền"),
    ]
    qtmodeltester.check(editor.tree_model)
    assert editor.section_box.title().endswith("1.1.")
    assert editor.outdent_button.isEnabled() and not editor.indent_button.isEnabled()
    assert not editor.up_button.isEnabled() and not editor.down_button.isEnabled()
    section_11 = editor.current_section().id

    # a task in the selected section, from the section panel
    _fill_task_dialog(monkeypatch, title="Tổ chức tuyên truyền trên hệ thống truyền thanh", lead=deps["VHXH"],
                      coordinators=[deps["VP"]], output="Bản tin, clip", recurrence="yearly")
    qtbot.mouseClick(editor.section_task_add, Qt.MouseButton.LeftButton)
    qtmodeltester.check(editor.section_tasks_model)
    assert [r.title for r in editor.section_tasks_model.rows()] == ["Tổ chức tuyên truyền trên hệ thống truyền thanh"]
    assert _tree_titles(editor)[2] == (2, "1.1. Tăng cường tuyên truyền")
    assert editor.tree_model.data(editor.tree_model.index_of(section_11, 1)) == "1"

    # a second task from the appendix tab, with a deadline
    editor.tabs.setCurrentIndex(2)
    _fill_task_dialog(monkeypatch, title="Xây dựng quy tắc ứng xử trên môi trường số", lead=deps["VP"],
                      output="Quy tắc", deadline="31/12/2099")
    qtbot.mouseClick(editor.task_add, Qt.MouseButton.LeftButton)
    model = editor.appendix_model
    qtmodeltester.check(model)
    cells = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells == [
        ["1", "Tổ chức tuyên truyền trên hệ thống truyền thanh", "1.1.", "VHXH", "Văn phòng HĐND và UBND",
         "Bản tin, clip", "Hằng năm", "Chưa triển khai"],
        ["2", "Xây dựng quy tắc ứng xử trên môi trường số", "", "VP", "", "Quy tắc", "31/12/2099", "Chưa triển khai"],
    ]
    assert editor.tabs.tabText(2) == "Phụ lục phân công nhiệm vụ (2)"
    # move the second one up
    assert editor.appendix.currentIndex().row() == 1
    qtbot.mouseClick(editor.task_up, Qt.MouseButton.LeftButton)
    assert [r.stt for r in model.rows()] == [1, 2]
    assert model.row_at(0).title == "Xây dựng quy tắc ứng xử trên môi trường số"
    assert editor.appendix.currentIndex().row() == 0

    # edit the header once more and save with Ctrl+S
    editor.tabs.setCurrentIndex(0)
    editor.requirements.setPlainText("- Đồng bộ, kịp thời")
    assert screen.save()

    # read back through core
    detail = ctx.read(pl.get_plan, plan_id)
    assert detail.header == pl.PlanHeader(
        summary="Thực hiện Nghị quyết 57-NQ/TW trên địa bàn phường", number_symbol="70/KH-UBND",
        issued_on=date(2025, 9, 17), status="issued", year=2025, purpose="- Quán triệt",
        requirements="- Đồng bộ, kịp thời")
    assert detail.basis_ids == (nq57, kh12)
    assert [(s.depth, s.label, s.heading) for s in detail.flat_sections()] == [
        (0, "I.", "NHIỆM VỤ, GIẢI PHÁP"), (1, "1.", "Nâng cao nhận thức"), (2, "1.1.", "Tăng cường tuyên truyền")]
    assert [(r.stt, r.title, r.section_label, r.lead_short, r.deadline_text) for r in detail.appendix] == [
        (1, "Xây dựng quy tắc ứng xử trên môi trường số", "", "VP", "31/12/2099"),
        (2, "Tổ chức tuyên truyền trên hệ thống truyền thanh", "1.1.", "VHXH", "Hằng năm"),
    ]
    task = ctx.read(tk.get_task, detail.appendix[1].id).data
    assert task.coordinator_ids == (deps["VP"],) and task.recurrence == "yearly" and task.plan_id == plan_id

    # back to the list: the new plan is there
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert not screen.editing()
    assert [(r.number_symbol, r.progress_text) for r in screen.model.rows()] == [("70/KH-UBND", "0/2")]


def _directives(ctx):
    from desktop.core.directives import list_directives

    return ctx.read(list_directives)


def test_adding_a_section_to_a_new_plan_saves_it_first(screen, qtbot):
    screen.new_item()
    editor = screen.editor
    qtbot.mouseClick(editor.add_child_button, Qt.MouseButton.LeftButton)
    assert editor.plan_id is None
    assert editor.errors["summary"].text() == "Hãy nhập trích yếu và lưu thông tin chung của kế hoạch trước."
    assert editor.tabs.currentIndex() == 0
    editor.summary.setPlainText("Kế hoạch năm 2026")
    qtbot.mouseClick(editor.add_child_button, Qt.MouseButton.LeftButton)
    assert editor.plan_id is not None
    assert _tree_titles(editor) == [(0, "I. (chưa có tiêu đề)")]
    assert editor.tabs.currentIndex() == 1


def test_numbering_style_change_renumbers_at_once(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
        first, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Mục đích, yêu cầu", "", "roman"))
        pl.add_child_section(session, plan_id, None, pl.SectionInput("Nhiệm vụ", "", "roman"))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.select_section(first)
    editor.numbering.setCurrentIndex(editor.numbering.findData("upper_letter"))
    assert _tree_titles(editor) == [(0, "A. Mục đích, yêu cầu"), (0, "I. Nhiệm vụ")]
    assert not editor.is_dirty()
    assert editor.current_section().id == first


def test_section_form_is_saved_when_another_section_is_selected(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
        first, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Một", "", "arabic"))
        second, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Hai"))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.select_section(first)
    editor.heading.setPlainText("Mục đích")
    editor.body.setPlainText("- Quán triệt")
    assert editor.is_dirty()
    editor.select_section(second)
    assert not editor.is_dirty()
    assert editor.heading.toPlainText() == "Hai"
    node = screen.ctx.read(pl.get_plan, plan_id).section(first)
    assert (node.heading, node.body) == ("Mục đích", "- Quán triệt")
    assert _tree_titles(editor) == [(0, "1. Mục đích"), (0, "2. Hai")]


def test_move_buttons_follow_the_edges(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
        one, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Một", "", "arabic"))
        two, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Hai"))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.select_section(one)
    assert not editor.up_button.isEnabled() and editor.down_button.isEnabled()
    assert not editor.indent_button.isEnabled() and not editor.outdent_button.isEnabled()
    qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
    assert _tree_titles(editor) == [(0, "1. Hai"), (0, "2. Một")]
    assert editor.current_section().id == one
    assert editor.up_button.isEnabled() and not editor.down_button.isEnabled()
    qtbot.mouseClick(editor.indent_button, Qt.MouseButton.LeftButton)
    assert _tree_titles(editor) == [(0, "1. Hai"), (1, "1.1. Một")]
    qtbot.mouseClick(editor.outdent_button, Qt.MouseButton.LeftButton)
    assert _tree_titles(editor) == [(0, "1. Hai"), (0, "2. Một")]
    assert editor.current_section().id == one
    assert two in {n.id for n in screen.ctx.read(pl.get_plan, plan_id).flat_sections()}


def test_delete_section_with_tasks_tells_how_many(screen, qtbot, say_yes):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
        one, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Một", "", "arabic"))
        one_one, _ = pl.add_child_section(session, plan_id, one, pl.SectionInput("Một một"))
        two, _ = pl.add_child_section(session, plan_id, None, pl.SectionInput("Hai"))
        for title, section in (("A", one), ("B", one_one), ("C", two)):
            pl.save_plan_task(session, plan_id, None, tk.TaskInput(title=title, section_id=section))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.select_section(one)
    qtbot.mouseClick(editor.delete_section_button, Qt.MouseButton.LeftButton)
    assert "2 nhiệm vụ" in say_yes[-1]
    assert _tree_titles(editor) == [(0, "1. Hai")]
    assert editor.current_section().id == two
    assert "2 nhiệm vụ" in editor.flash_label.text()
    assert [(r.title, r.section_label) for r in editor.appendix_model.rows()] == [("A", ""), ("B", ""), ("C", "1.")]


def test_validation_messages_are_shown_next_to_fields(screen, qtbot):
    screen.new_item()
    editor = screen.editor
    editor.number.setText("70 KH UBND")
    editor.issued_on.setText("31/02/2025")
    assert screen.save() is False
    assert editor.errors["issued_on"].isVisible()
    assert "không có ngày này trong lịch" in editor.errors["issued_on"].text()
    editor.issued_on.setText("")
    assert screen.save() is False
    assert editor.errors["summary"].text() == "Chưa nhập trích yếu."
    assert "không đúng dạng" in editor.errors["number_symbol"].text()
    assert editor.errors["summary"].isVisible() and editor.errors["number_symbol"].isVisible()
    editor.number.setText("70/KH-UBND")
    editor.summary.setPlainText("Kế hoạch")
    editor.status.setCurrentIndex(editor.status.findData("issued"))
    assert screen.save() is False
    assert editor.errors["issued_on"].text() == "Kế hoạch đã ban hành phải có ngày ban hành."
    assert not editor.errors["summary"].isVisible()
    editor.issued_on.setText("05/03/2025")
    assert screen.save() is True
    assert all(not label.isVisible() for label in editor.errors.values())


def test_task_dialog_shows_its_own_errors(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
    screen.open_plan(plan_id)
    dialog = screen.editor.task_dialog(None, None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.errors["title"].text() == "Chưa nhập tên nhiệm vụ."
    dialog.title.setPlainText("Một việc")
    dialog.deadline.setText("hôm qua")
    dialog.accept()
    assert "ngày/tháng/năm" in dialog.errors["deadline"].text()
    dialog.recurrence.setCurrentIndex(dialog.recurrence.findData("continuous"))
    assert not dialog.deadline.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [r.deadline_text for r in screen.ctx.read(pl.appendix, plan_id)] == ["Thường xuyên"]


def test_unsaved_edits_ask_before_leaving(screen, qtbot, monkeypatch):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch cũ"))
    screen.open_plan(plan_id)
    editor = screen.editor
    assert screen.can_close()  # nothing edited
    editor.summary.setPlainText("Kế hoạch mới")
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(editor_module, "ask_save_changes", lambda _parent: answers.pop(0))
    assert screen.can_close() is False
    assert editor.title_label.full_text().startswith("● ")
    answers.append(QMessageBox.StandardButton.Cancel)
    screen.new_item()  # Ctrl+N while dirty, cancelled: stays on this plan
    assert editor.plan_id == plan_id and editor.summary.toPlainText() == "Kế hoạch mới"
    answers.append(QMessageBox.StandardButton.Save)
    assert screen.can_close() is True
    assert screen.ctx.read(pl.get_plan, plan_id).header.summary == "Kế hoạch mới"
    editor.summary.setPlainText("Bỏ đi")
    answers.append(QMessageBox.StandardButton.Discard)
    screen.focus_search()  # Ctrl+F leaves the editor after asking
    assert not screen.editing()
    assert screen.ctx.read(pl.get_plan, plan_id).header.summary == "Kế hoạch mới"


def test_changes_elsewhere_refresh_the_editor_but_keep_edits(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.summary.setPlainText("Đang sửa")
    changes = screen.ctx.write(None, pl.save_plan_task, plan_id, None, tk.TaskInput(title="Từ màn hình khác"))[1]
    screen.on_changes(changes)
    assert editor.appendix_model.rowCount() == 1
    assert editor.summary.toPlainText() == "Đang sửa" and editor.is_dirty()


def test_appendix_detach_and_basis_picker(screen, qtbot, say_yes, qtmodeltester):
    ctx = screen.ctx
    with ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH"))
        for title in ("Một", "Hai"):
            pl.save_plan_task(session, plan_id, None, tk.TaskInput(title=title))
        save_directive(session, DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "", "Nghị quyết"))
        save_directive(session, DirectiveRow(None, "142/KH-UBND", "plan", date(2025, 6, 9), "", "Kế hoạch thành phố"))
    screen.open_plan(plan_id)
    editor = screen.editor
    editor.tabs.setCurrentIndex(2)
    editor.appendix.selectRow(0)
    qtbot.mouseClick(editor.task_detach, Qt.MouseButton.LeftButton)
    assert "Một" in say_yes[-1]
    assert [(r.stt, r.title) for r in editor.appendix_model.rows()] == [(1, "Hai")]

    picker = BasisPickerDialog(ctx, set(), editor)
    qtbot.addWidget(picker)
    qtmodeltester.check(picker.model)
    assert [r.number_symbol for r in picker.model.rows()] == ["142/KH-UBND", "57-NQ/TW"]
    picker.search.setText("nghi quyet")
    assert [r.number_symbol for r in picker.model.rows()] == ["57-NQ/TW"]
    assert [r.number_symbol for r in picker.chosen()] == ["57-NQ/TW"]
    editor.add_basis(picker.chosen())
    again = BasisPickerDialog(ctx, {d.id for d in editor._basis}, editor)
    qtbot.addWidget(again)
    assert [r.number_symbol for r in again.model.rows()] == ["142/KH-UBND"]
    assert screen.save()
    assert [d.number_symbol for d in ctx.read(pl.get_plan, plan_id).basis] == ["57-NQ/TW"]


def test_delete_plan_with_tasks_detaches_them(screen, qtbot, say_yes):
    ctx = screen.ctx
    with ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch bỏ", number_symbol="9/KH-UBND"))
        task_id, _ = pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Giữ lại"))
    screen.refresh()
    screen.table.selectRow(0)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert "1 nhiệm vụ" in say_yes[-1] and "9/KH-UBND" in say_yes[-1]
    assert screen.model.rowCount() == 0
    assert ctx.read(tk.get_task, task_id).data.plan_id is None


def test_delete_from_the_editor_goes_back_to_the_list(screen, qtbot, say_yes):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="Kế hoạch thử"))
    screen.open_plan(plan_id)
    qtbot.mouseClick(screen.editor.delete_button, Qt.MouseButton.LeftButton)
    assert not screen.editing() and screen.model.rowCount() == 0


def test_editor_fits_1366x768_without_sideways_scrolling(screen, qtbot):
    with screen.ctx.db.unit_of_work() as session:
        plan_id, _ = pl.save_plan(session, None, pl.PlanHeader(summary="KH " * 200))
        for i in range(3):
            pl.save_plan_task(session, plan_id, None, tk.TaskInput(title="Nhiệm vụ rất dài " * 20,
                                                                   expected_output="Báo cáo " * 10))
    screen.open_plan(plan_id)
    editor = screen.editor
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1136 and hint.height() <= 700
    for tab in range(3):
        editor.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
    table = editor.appendix
    header = table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total <= table.viewport().width() + 2
    assert all(header.sectionSize(c) >= 40 for c in range(header.count()))


def test_screen_protocol(screen):
    assert screen.help_topic == "plans"
    assert screen.save() is False  # nothing to save on the list
    screen.focus_search()
    assert screen.can_close()


def test_appendix_exports_to_excel_from_the_editor(qtbot, demo_db, make_ctx, tmp_path):
    import openpyxl

    from desktop.ui.plans.screen import PlansScreen

    ctx = make_ctx(demo_db)
    widget = PlansScreen(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.open_plan(widget.model.row_at(0).id)
    editor = widget.editor
    editor.tabs.setCurrentIndex(2)
    assert editor.export_button.isEnabled()
    job = editor.export_appendix(str(tmp_path / "Phụ lục.xlsx"))
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    written = job.result
    assert written == tmp_path / "Phụ lục.xlsx" and written.is_file()
    assert "Đã xuất phụ lục" in editor.flash_label.text()
    sheet = openpyxl.load_workbook(written).active
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("PHỤ LỤC PHÂN CÔNG NHIỆM VỤ" in t for t in texts)


def test_appendix_export_button_runs_off_the_gui_thread_and_explains_a_refusal(qtbot, demo_db, make_ctx, tmp_path,
                                                                                 monkeypatch):
    import threading
    import time

    import openpyxl

    from desktop.export import plan_appendix
    from desktop.ui.plans import editor as editor_module
    from desktop.ui.plans.screen import PlansScreen

    ctx = make_ctx(demo_db)
    widget = PlansScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.open_plan(widget.model.row_at(0).id)
    editor = widget.editor
    editor.tabs.setCurrentIndex(2)
    target = tmp_path / "Phụ lục chậm.xlsx"
    monkeypatch.setattr(editor_module.QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    threads = []
    real = plan_appendix.write_plan_appendix

    def slow(*args):
        threads.append(threading.current_thread())
        time.sleep(0.8)
        return real(*args)

    monkeypatch.setattr(plan_appendix, "write_plan_appendix", slow)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=20000)
    progress = QApplication.activeModalWidget()
    assert progress.windowTitle() == "Xuất Excel" and "Phụ lục chậm.xlsx" in progress.label.text()
    qtbot.waitUntil(lambda: target.is_file() and "Đã xuất phụ lục" in editor.flash_label.text(), timeout=30000)
    assert threads and threads[0] is not threading.main_thread()
    sheet = openpyxl.load_workbook(target).active
    assert any("PHỤ LỤC PHÂN CÔNG NHIỆM VỤ" in c.value for row in sheet.iter_rows() for c in row
               if isinstance(c.value, str))

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))
    job = editor.export_appendix(str(tmp_path / "không có" / "x.xlsx"))
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.result is None and warnings and "Không có thư mục" in warnings[0]


def test_history_tab_shows_the_plan_changes_with_its_basis(screen, qtbot):
    ctx = screen.ctx
    with ctx.db.unit_of_work() as session:
        save_directive(session, DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "Bộ Chính trị", "Về"))
    screen.new_item()
    editor = screen.editor
    editor.summary.insertPlainText("Kế hoạch chuyển đổi số năm 2026")
    editor.add_basis(_directives(ctx))
    assert screen.save() is True
    editor.summary.selectAll()
    editor.summary.insertPlainText("Kế hoạch chuyển đổi số năm 2026 (sửa)")
    assert screen.save() is True
    editor.tabs.setCurrentWidget(editor.history)
    model = editor.history.model
    texts = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert len(texts) == 2
    assert "(sửa)" in texts[0] and "Trích yếu" in texts[0]
    assert "Căn cứ: 57-NQ/TW" in texts[1]
