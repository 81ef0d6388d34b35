"""The task screen, its table model and the task dialog, driven as a user would."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from desktop.core import office
from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.directives import DirectiveRow, save_directive
from desktop.core.vn import format_date
from desktop.strings import common as S
from desktop.strings import tasks as T
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import detail as detail_module
from desktop.ui.tasks import screen as screen_module
from desktop.ui.tasks.detail import TaskDialog
from desktop.ui.tasks.model import TaskTableModel
from desktop.ui.tasks.screen import TasksScreen
from desktop.ui.tasks.updates import CitationDialog, StatusDialog

TODAY = date.today()


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
def ctx(office_db, make_ctx):
    return make_ctx(office_db)


@pytest.fixture
def seeded(office_db):
    """Three tasks: one overdue, one due soon, one done; two directives."""
    with office_db.unit_of_work() as s:
        deps = {d.abbreviation: d.id for d in office.list_departments(s)}
        kh, _ = save_directive(s, DirectiveRow(None, "02-KH/BCĐTW", "plan", date(2025, 6, 19), summary="Kế hoạch"))
        tb, _ = save_directive(s, DirectiveRow(None, "44-TB/TGV", "notice", date(2025, 9, 12)))
        ids = {}
        ids["overdue"], _ = core.create_task(s, core.TaskInput(
            title="Triển khai chuyển đổi số trong cơ quan", deadline=days(-5), phase="1",
            lead_department_id=deps["VP"], sources=(core.SourceRef(kh, "mục 1"),)))
        ids["due"], _ = core.create_task(s, core.TaskInput(
            title="Đăng ký tài khoản định danh điện tử", deadline=days(3), phase="2",
            lead_department_id=deps["VHXH"], coordinator_ids=(deps["VP"],), sources=(core.SourceRef(tb),)))
        ids["done"], _ = core.create_task(s, core.TaskInput(
            title="Báo cáo sơ kết", deadline=days(-30), phase="2", lead_department_id=deps["TTPVHCC"]))
        core.record_status(s, ids["done"], st.DONE, days(-31), "Đã gửi báo cáo")
    return {"deps": deps, "dirs": {"kh": kh, "tb": tb}, **ids}


@pytest.fixture
def screen(ctx, qtbot, seeded):
    widget = TasksScreen(ctx)
    qtbot.addWidget(widget)
    ctx.data_changed.connect(widget.on_changes)  # what the main window does for the current screen
    widget.resize(1280, 700)
    widget.refresh()
    return widget


@pytest.fixture(autouse=True)
def discard_on_teardown(monkeypatch):
    """A dialog closed by the test teardown with edits must not block on the question."""
    monkeypatch.setattr(detail_module, "ask_save_changes", lambda parent: QMessageBox.StandardButton.Discard)


@pytest.fixture
def no_message_boxes(monkeypatch):
    """Record message boxes instead of blocking on them."""
    shown = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda parent, title, text, *a, _n=name: shown.append(text)))
    return shown


def titles(screen) -> list[str]:
    return [r.title for r in screen.model.rows()]


# ---------------------------------------------------------------------- table model


def test_model_passes_the_model_tester(qtmodeltester, ctx, seeded):
    model = TaskTableModel()
    rows = ctx.read(core.list_tasks)
    model.set_numbering(rows)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(model.column_index("deadline"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_status_colours_and_numbering(screen, seeded):
    model = screen.model
    status = model.column_index("status")
    by_id = {model.row_at(i).id: i for i in range(model.rowCount())}
    overdue = model.index(by_id[seeded["overdue"]], status)
    done = model.index(by_id[seeded["done"]], status)
    due = model.index(by_id[seeded["due"]], status)
    assert overdue.data() == "Quá hạn chưa hoàn thành"
    assert overdue.data(Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    assert done.data(Qt.ItemDataRole.ForegroundRole).name() == "#1b6e20"
    assert due.data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, model.column_index("number")).data() == "1"
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())] == list(
        T.COLUMN.values())


def test_dates_sort_as_dates_and_names_in_vietnamese_order(ctx, qtbot, office_db):
    with office_db.unit_of_work() as s:
        for title, deadline in (("Ánh sáng", date(2026, 1, 5)), ("Đường", date(2025, 12, 20)),
                                ("Dân cư", date(2025, 2, 3)), ("Cây xanh", None), ("Ấp", date(2025, 12, 21))):
            core.create_task(s, core.TaskInput(title=title, deadline=deadline))
    widget = TasksScreen(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    deadline = widget.model.column_index("deadline")
    widget.table.sortByColumn(deadline, Qt.SortOrder.AscendingOrder)
    assert titles(widget) == ["Dân cư", "Đường", "Ấp", "Ánh sáng", "Cây xanh"]  # no deadline last
    widget.table.sortByColumn(deadline, Qt.SortOrder.DescendingOrder)
    assert titles(widget) == ["Ánh sáng", "Ấp", "Đường", "Dân cư", "Cây xanh"]  # ... in both directions
    widget.table.sortByColumn(widget.model.column_index("title"), Qt.SortOrder.AscendingOrder)
    assert titles(widget) == ["Ánh sáng", "Ấp", "Cây xanh", "Dân cư", "Đường"]
    # the sort survives filtering
    widget.search.setText("a")
    widget.apply_filters()
    assert titles(widget) == ["Ánh sáng", "Ấp", "Cây xanh", "Dân cư"]  # "Đường" has no "a"


# ---------------------------------------------------------------------- filters


def test_filter_by_text_accent_insensitive(screen, qtbot):
    assert screen.count_label.text() == "Hiển thị 3/3 nhiệm vụ"
    screen.search.setText("chuyen doi so")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)  # after the typing delay
    assert titles(screen) == ["Triển khai chuyển đổi số trong cơ quan"]
    assert screen.count_label.text() == "Hiển thị 1/3 nhiệm vụ"
    screen.search.setText("dang ky")  # "d" matches "đ"
    screen.apply_filters()
    assert titles(screen) == ["Đăng ký tài khoản định danh điện tử"]
    screen.search.setText("không có gì như vậy")
    screen.apply_filters()
    assert screen.model.rowCount() == 0
    assert not screen.empty_label.isHidden() and screen.empty_label.text() == T.EMPTY_FILTERED
    screen.clear_filters()
    assert screen.model.rowCount() == 3 and screen.empty_label.isHidden()


def choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_filter_by_status_department_phase_source(screen, seeded):
    choose(screen.status_filter, st.OVERDUE)
    assert titles(screen) == ["Triển khai chuyển đổi số trong cơ quan"]
    choose(screen.status_filter, "done")
    assert titles(screen) == ["Báo cáo sơ kết"]
    choose(screen.status_filter, st.IN_PROGRESS_ON_TIME)  # includes not started within deadline
    assert titles(screen) == ["Đăng ký tài khoản định danh điện tử"]
    screen.clear_filters()

    assert [screen.lead_filter.itemText(i) for i in range(screen.lead_filter.count())] == [
        "Tất cả bộ phận", "TTPVHCC", "VHXH", "VP"]
    choose(screen.lead_filter, seeded["deps"]["VHXH"])
    assert titles(screen) == ["Đăng ký tài khoản định danh điện tử"]
    screen.clear_filters()
    choose(screen.phase_filter, "2")
    assert sorted(titles(screen)) == ["Báo cáo sơ kết", "Đăng ký tài khoản định danh điện tử"]
    screen.clear_filters()
    choose(screen.source_filter, seeded["dirs"]["kh"])
    assert titles(screen) == ["Triển khai chuyển đổi số trong cơ quan"]


def test_deadline_windows_and_range(screen):
    choose(screen.window_filter, core.WINDOW_OVERDUE)
    assert titles(screen) == ["Triển khai chuyển đổi số trong cơ quan"]  # not the one done (also past)
    assert screen.deadline_to.text() == format_date(days(-1))
    choose(screen.window_filter, core.WINDOW_NEXT_7)
    assert titles(screen) == ["Đăng ký tài khoản định danh điện tử"]
    assert (screen.deadline_from.text(), screen.deadline_to.text()) == (format_date(TODAY), format_date(days(7)))
    choose(screen.window_filter, None)
    assert screen.model.rowCount() == 3
    # typing a range switches to "Khoảng ngày…"
    screen.deadline_from.setText(format_date(days(-40)))
    screen.deadline_from.textEdited.emit(screen.deadline_from.text())
    screen.deadline_to.setText(f"{days(-10).day}/{days(-10).month}/{days(-10).year % 100}")  # typed short
    screen.deadline_to.editingFinished.emit()
    assert screen.window_filter.currentData() == screen_module.CUSTOM_RANGE
    assert screen.deadline_to.text() == format_date(days(-10))  # rewritten as dd/mm/yyyy
    assert titles(screen) == ["Báo cáo sơ kết"]
    screen.deadline_to.setText("31/02/2025")
    screen.deadline_to.editingFinished.emit()
    assert "không có ngày này" in screen.deadline_to.error


def test_reference_date_rederives_statuses(screen, seeded):
    screen.set_as_of(days(-10))
    statuses = {r.id: r.status for r in screen.model.rows()}
    assert statuses[seeded["overdue"]] == st.NOT_STARTED  # its deadline had not passed yet
    screen.set_as_of(days(-40))
    assert {r.id: r.status for r in screen.model.rows()}[seeded["done"]] == st.NOT_STARTED
    screen.as_of.setText("")
    screen.as_of.editingFinished.emit()  # empty: back to today
    assert screen.as_of.text() == format_date(TODAY)
    assert {r.id: r.status for r in screen.model.rows()}[seeded["overdue"]] == st.OVERDUE


def test_ctrl_f_and_ctrl_n_are_routed_by_the_main_window(ctx, qtbot, seeded, monkeypatch):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.database_ready()
    tasks = window.open_area("tasks")
    assert tasks.model.rowCount() == 3
    qtbot.waitExposed(window)
    window.activateWindow()
    window._route("focus_search")
    assert window.focusWidget() is tasks.search
    opened = []
    monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append(self.task_id) or 0)
    window._route("new_item")
    assert opened == [None]
    assert tasks.help_topic == "tasks"


# ---------------------------------------------------------------------- the whole flow


def test_add_task_change_status_and_overview_follows(ctx, qtbot, office_db, monkeypatch):
    with office_db.unit_of_work() as s:
        directive_id, _ = save_directive(s, DirectiveRow(None, "02-KH/BCĐTW", "plan", date(2025, 6, 19)))
        deps = {d.abbreviation: d.id for d in office.list_departments(s)}
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.database_ready()
    overview = window.screen("overview")
    assert overview.figures["total"].number.text() == "0"
    tasks = window.open_area("tasks")
    assert tasks.model.rowCount() == 0 and tasks.empty_label.text() == T.EMPTY

    def fill_and_save(dialog: TaskDialog) -> int:
        assert dialog.windowTitle() == T.DIALOG_NEW
        assert not dialog.status_button.isEnabled()  # save first
        dialog.title.setPlainText("Triển khai nền tảng học tập trực tuyến mở (MOOCs)")
        choose(dialog.lead, deps["VHXH"])
        dialog.coordinator_model.set_checked([deps["VP"], deps["KTHTĐT"]])
        choose(dialog.source_choice, directive_id)
        dialog.source_item.setText("mục 2.1")
        dialog.add_source()
        dialog.phase.setEditText("2")
        deadline = days(20)
        dialog.deadline.setText(f"{deadline.day}/{deadline.month}/{deadline.year}")
        assert dialog.is_dirty()
        assert dialog.save()
        assert not dialog.is_dirty()
        assert dialog.status_button.isEnabled()

        def mark_done(status_dialog: StatusDialog) -> int:
            choose(status_dialog.status, st.DONE)
            assert status_dialog.on_date.text() == format_date(TODAY)
            status_dialog.note.setPlainText("Đã triển khai cho 100% công chức")
            assert status_dialog.submit()
            return 1

        monkeypatch.setattr(StatusDialog, "exec", mark_done)
        dialog.tabs.setCurrentIndex(detail_module.TAB_HISTORY)
        dialog.update_status()
        assert dialog.history_model.rowCount() == 1
        assert dialog.history_model.index(0, 1).data() == "Đã hoàn thành"
        assert "Hoàn thành đúng hạn" in dialog.status_label.text()
        dialog.reject()  # nothing unsaved: closes without asking
        return 1

    monkeypatch.setattr(TaskDialog, "exec", fill_and_save)
    window._route("new_item")  # Ctrl+N

    assert titles(tasks) == ["Triển khai nền tảng học tập trực tuyến mở (MOOCs)"]
    row = tasks.model.row_at(0)
    assert (row.status, row.lead, row.coordinators, row.sources, row.phase) == (
        st.DONE_ON_TIME, "VHXH", "VP, KTHTĐT", ("02-KH/BCĐTW",), "2")
    assert tasks.selected_id() == row.id  # the new task is selected
    assert tasks.count_label.text() == "Hiển thị 1/1 nhiệm vụ"

    window.open_area("overview")
    assert overview.figures["total"].number.text() == "1"
    assert overview.figures["done_on_time"].number.text() == "1"
    assert overview.figures["done_on_time"].share.text() == "100% tổng số"
    assert overview.sentences.toPlainText().startswith("- Giai đoạn 2: Ủy ban nhân dân phường được giao 1 nhiệm vụ")

    # a status update from the list (reopened: in progress again) changes both screens
    window.open_area("tasks")
    tasks.select_task(row.id)

    def reopen(status_dialog: StatusDialog) -> int:
        assert status_dialog.status.currentData() == st.IN_PROGRESS
        return 1 if status_dialog.submit() else 0

    monkeypatch.setattr(StatusDialog, "exec", reopen)
    tasks.update_status()
    assert tasks.model.row_at(0).status == st.IN_PROGRESS_ON_TIME
    window.open_area("overview")
    assert overview.figures["done_on_time"].number.text() == "0"
    assert overview.figures["in_progress_on_time"].number.text() == "1"


# ---------------------------------------------------------------------- dialog details


def test_validation_messages_next_to_fields(ctx, qtbot, seeded):
    dialog = TaskDialog(ctx, None)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert not dialog.title_error.isHidden()
    assert dialog.title_error.text() == "Chưa nhập tên nhiệm vụ."
    assert dialog.tabs.currentIndex() == detail_module.TAB_GENERAL
    dialog.title.setPlainText("Nhiệm vụ mới")
    dialog.deadline.setText("31/02/2026")
    assert not dialog.save()
    assert dialog.tabs.currentIndex() == detail_module.TAB_SOURCE
    assert dialog.deadline_error.text() == "«31/02/2026»: không có ngày này trong lịch."
    assert dialog.title_error.isHidden()
    assert dialog.task_id is None
    dialog.deadline.setText("15/3/2026")
    choose(dialog.recurrence, st.RECURRENCE_CONTINUOUS)  # the date is then ignored, not a conflict
    assert not dialog.deadline.isEnabled()
    assert dialog.save()
    assert ctx.read(core.get_task, dialog.task_id).data.deadline is None


def test_duplicate_source_is_refused_inline(ctx, qtbot, seeded):
    dialog = TaskDialog(ctx, seeded["overdue"])
    qtbot.addWidget(dialog)
    assert dialog.source_model.rowCount() == 1
    choose(dialog.source_choice, seeded["dirs"]["kh"])
    dialog.add_source()
    assert dialog.source_model.rowCount() == 1
    assert dialog.sources_error.text() == "Văn bản nguồn 02-KH/BCĐTW được chọn hai lần."
    dialog.sources.selectRow(0)
    dialog.remove_source()
    assert dialog.source_model.rowCount() == 0
    assert dialog.save()
    assert ctx.read(core.get_task, seeded["overdue"]).data.sources == ()


def test_unsaved_edits_ask_and_cancel_keeps_what_was_saved(ctx, qtbot, seeded, monkeypatch):
    answers = []
    monkeypatch.setattr(detail_module, "ask_save_changes", lambda parent: answers.pop(0))
    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    dialog.show()
    original = dialog.title.toPlainText()
    dialog.title.setPlainText("Tên đã sửa")
    answers.append(QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()  # "Hủy": keep editing
    answers.append(QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    assert ctx.read(core.get_task, seeded["due"]).data.title == original

    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.output.setPlainText("Văn bản triển khai")
    answers.append(QMessageBox.StandardButton.Save)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert ctx.read(core.get_task, seeded["due"]).data.expected_output == "Văn bản triển khai"


def test_ctrl_s_saves(ctx, qtbot, seeded):
    """Ctrl+S is a shortcut on the dialog (the offscreen platform never activates a window, so
    the shortcut is triggered rather than typed)."""
    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    dialog.lead_note.setText("Công an phường")
    save = [sc for sc in dialog.findChildren(QShortcut) if sc.key() == QKeySequence(QKeySequence.StandardKey.Save)]
    assert len(save) == 1
    save[0].activated.emit()
    assert ctx.read(core.get_task, seeded["due"]).data.lead_note == "Công an phường"
    assert dialog.message.text() == S.SAVED
    assert not dialog.is_dirty()


def test_history_entry_can_be_deleted(ctx, qtbot, seeded, monkeypatch):
    monkeypatch.setattr(detail_module, "confirm", lambda *args: True)
    dialog = TaskDialog(ctx, seeded["done"])
    qtbot.addWidget(dialog)
    assert dialog.history_model.rowCount() == 1
    assert not dialog.history_delete.isEnabled()
    dialog.history.selectRow(0)
    assert dialog.history_delete.isEnabled()
    dialog.delete_history_entry()
    assert dialog.history_model.rowCount() == 0
    assert dialog.history_hint.text() == T.HISTORY_EMPTY
    assert ctx.read(core.get_task, seeded["done"]).status == st.OVERDUE
    assert dialog.saved_any


def test_future_status_date_shown_inline(ctx, qtbot, seeded):
    status_dialog = StatusDialog(ctx, seeded["due"], "Đăng ký")
    qtbot.addWidget(status_dialog)
    status_dialog.on_date.setText(format_date(days(1)))
    assert not status_dialog.submit()
    assert status_dialog.date_error.text() == T.STATUS_DATE_IN_FUTURE.format(value=format_date(days(1)))
    status_dialog.on_date.setText("hôm qua")
    assert not status_dialog.submit()
    assert "không phải là ngày hợp lệ" in status_dialog.date_error.text()
    assert ctx.read(core.get_task, seeded["due"]).history == ()


def test_evidence_file_open_missing_and_remove(ctx, qtbot, seeded, monkeypatch, tmp_path, no_message_boxes):
    source = tmp_path / "Quyết định 12.pdf"
    source.write_bytes(b"%PDF-1.4 quyet dinh")
    monkeypatch.setattr(detail_module.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(source), "")))
    opened = []
    monkeypatch.setattr(detail_module.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(Path(url.toLocalFile())) or True))
    monkeypatch.setattr(detail_module, "confirm", lambda *args: True)

    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    emitted = []
    ctx.data_changed.connect(emitted.append)
    job = dialog.add_evidence_file()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert job.error is None and emitted and "tasks" in emitted[-1].kinds
    assert dialog.saved_any
    assert dialog.evidence_model.rowCount() == 1
    assert dialog.evidence_model.index(0, 1).data() == "Quyết định 12.pdf"
    assert dialog.evidence_model.index(0, 2).data() == "19 B"
    stored = list(ctx.folder.attachments.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == source.read_bytes()

    dialog.evidence.selectRow(0)
    assert dialog.evidence_open_button.isEnabled()
    dialog.open_evidence()
    assert opened == [stored[0]]

    stored[0].unlink()
    dialog.open_evidence()
    assert no_message_boxes == [
        "Tệp minh chứng «Quyết định 12.pdf» không còn trong thư mục dữ liệu (attachments). Hãy đính kèm lại."]
    assert len(opened) == 1

    dialog.remove_evidence()
    assert dialog.evidence_model.rowCount() == 0
    assert ctx.read(core.get_task, seeded["due"]).evidence == ()


def test_a_large_evidence_file_is_copied_off_the_gui_thread(ctx, qtbot, seeded, monkeypatch, tmp_path,
                                                           no_message_boxes):
    import threading

    big = tmp_path / "Bản quét hồ sơ.pdf"
    big.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * (50 * 4096))  # 50 MB
    monkeypatch.setattr(detail_module.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(big), "")))
    threads = []
    real = core.store_attachment

    def store(folder, source):
        threads.append(threading.current_thread())
        return real(folder, source)

    monkeypatch.setattr(core, "store_attachment", store)
    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    job = dialog.add_evidence_file()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.evidence_model.index(0, 1).data() == "Bản quét hồ sơ.pdf"
    stored = list(ctx.folder.attachments.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].stat().st_size == big.stat().st_size

    big.unlink()  # chosen, then gone (a USB stick pulled out): the message, nothing added
    job = dialog.add_evidence_file()
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert len(no_message_boxes) == 1 and "Bản quét hồ sơ.pdf" in no_message_boxes[0]
    assert dialog.evidence_model.rowCount() == 1


def test_evidence_citation(ctx, qtbot, seeded, monkeypatch):
    def cite(citation_dialog: CitationDialog) -> int:
        choose(citation_dialog.directive, seeded["dirs"]["kh"])
        assert citation_dialog.citation.text() == "Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025"
        citation_dialog.citation.setText("Kế hoạch số 53/KH-UBND ngày 17/9/2025")
        return 1 if citation_dialog.submit() else 0

    monkeypatch.setattr(CitationDialog, "exec", cite)
    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    dialog.add_evidence_citation()
    assert dialog.evidence_model.index(0, 0).data() == "Văn bản"
    assert dialog.evidence_model.index(0, 1).data() == "Kế hoạch số 53/KH-UBND ngày 17/9/2025"
    dialog.evidence.selectRow(0)
    assert not dialog.evidence_open_button.isEnabled()  # nothing to open


def test_delete_from_the_list_asks_first(screen, seeded, monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(screen_module, "confirm", lambda *args: answers.pop(0))
    assert not screen.delete_button.isEnabled()
    screen.select_task(seeded["done"])
    assert screen.delete_button.isEnabled()
    screen.delete_selected()
    assert screen.model.rowCount() == 3
    screen.delete_selected()
    assert screen.model.rowCount() == 2
    assert "Báo cáo sơ kết" not in titles(screen)
    assert screen.count_label.text() == "Hiển thị 2/2 nhiệm vụ"


def test_open_with_enter_keeps_selection(screen, seeded, monkeypatch, qtbot):
    opened = []
    monkeypatch.setattr(TaskDialog, "exec", lambda self: opened.append(self.task_id) or 0)
    screen.select_task(seeded["due"])
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened == [seeded["due"]]
    assert screen.selected_id() == seeded["due"]


def test_dialog_fits_small_screens(ctx, qtbot, seeded):
    dialog = TaskDialog(ctx, seeded["due"])
    qtbot.addWidget(dialog)
    available = dialog.screen().availableGeometry()
    assert dialog.width() <= min(880, available.width())
    assert dialog.height() <= min(620, available.height())
    # at 125 % scaling a 1366×768 screen is 1093×614 logical pixels
    assert dialog.minimumWidth() <= 1093 - 40 and dialog.minimumHeight() <= 614 - 60
