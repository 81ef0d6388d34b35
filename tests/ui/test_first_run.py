"""The first-run page, driven through its real widgets."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.core import directives, office
from desktop.strings import office as O
from desktop.ui import first_run as first_run_module
from desktop.ui.first_run import DepartmentDraftTableModel, FirstRunPage
from tests.ui.keyboard import type_text


@pytest.fixture
def page(qtbot, db, make_ctx):
    ctx = make_ctx(db)
    widget = FirstRunPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 620)
    widget.show()
    return widget


def _fill_profile(qtbot, page):
    type_text(qtbot, page.form.short_name, "Phường An Hải")
    type_text(qtbot, page.form.superior_name, "Ủy ban nhân dân thành phố Hải Phòng")
    type_text(qtbot, page.form.code, "11311")


def test_typing_the_name_fills_the_header_and_place(qtbot, page):
    _fill_profile(qtbot, page)
    assert page.form.name_lines.toPlainText() == "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    assert page.form.place_name.text() == "An Hải"
    assert page.form.kind.currentData() == "ward"
    assert "PHƯỜNG AN HẢI" in page.form.preview.left.text()
    assert "An Hải, ngày" in page.form.preview.right.text()
    # Once the user edits the place himself, typing the name no longer overwrites it.
    page.form.place_name.clear()
    type_text(qtbot, page.form.place_name, "Hải An")
    type_text(qtbot, page.form.short_name, "h")
    assert page.form.place_name.text() == "Hải An"


def test_full_set_up_through_the_three_steps(qtbot, page, db):
    _fill_profile(qtbot, page)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_step() == 1
    model = page.department_model
    assert [r.abbreviation for r in model.rows()] == ["VP", "VHXH", "KTHTĐT", "TTPVHCC", "CA"]
    assert model.rows()[-1].name == "Công an phường"
    # Edit a cell the way a user does: select it, type, press Enter.
    index = model.index(4, 1)
    page.department_view.setCurrentIndex(index)
    page.department_view.edit(index)
    editor = next(e for e in page.department_view.findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    type_text(qtbot, editor, "CAP")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: model.rows()[4].abbreviation == "CAP", timeout=2000)
    page.add_department_row()
    model.setData(model.index(5, 0), "Ban Chỉ huy Quân sự phường")
    model.setData(model.index(5, 1), "QS")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_step() == 2

    type_text(qtbot, page.signer_form.full_name, "Nguyễn Thế Đức")
    type_text(qtbot, page.signer_form.position_title, "Phó Chủ tịch")
    page.signer_form.authority.setCurrentIndex(page.signer_form.authority.findData("kt"))
    assert page.signer_form.head_title.text() == "CHỦ TỊCH"
    preview = page.signer_preview.lines()
    assert "TM. ỦY BAN NHÂN DÂN" in preview and "KT. CHỦ TỊCH" in preview and "PHÓ CHỦ TỊCH" in preview
    qtbot.mouseClick(page.add_signer_button, Qt.MouseButton.LeftButton)
    assert page.signer_model.rowCount() == 1 and page.signer_form.full_name.text() == ""
    # A second signer typed but not added to the list is saved too.
    type_text(qtbot, page.signer_form.full_name, "Cao Huy Hiếu")
    type_text(qtbot, page.signer_form.position_title, "Chủ tịch")

    with qtbot.waitSignal(page.completed, timeout=3000):
        qtbot.mouseClick(page.finish_button, Qt.MouseButton.LeftButton)

    with db.read() as session:
        profile = office.get_office(session)
        departments = office.list_departments(session)
        signers = office.list_signers(session)
        seeded = directives.list_directives(session)
    assert profile.name_lines == "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    assert (profile.short_name, profile.place_name, profile.code) == ("Phường An Hải", "An Hải", "11311")
    assert profile.superior_name == "Ủy ban nhân dân thành phố Hải Phòng"
    assert [d.abbreviation for d in departments] == ["VP", "VHXH", "KTHTĐT", "TTPVHCC", "CAP", "QS"]
    assert [(s.full_name, s.position_title, s.authority, s.is_default) for s in signers] == [
        ("Nguyễn Thế Đức", "PHÓ CHỦ TỊCH", "kt", True), ("Cao Huy Hiếu", "CHỦ TỊCH", "tm", False)]
    assert any(d.number_symbol == "57-NQ/TW" for d in seeded)


def test_missing_fields_are_shown_inline_and_keep_the_step(qtbot, page):
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_step() == 0
    boxes = page.form.boxes
    assert boxes["short_name"].error.isVisible()
    assert boxes["short_name"].error.text() == "Chưa nhập tên gọi ngắn."
    assert boxes["place_name"].error.text() == "Chưa nhập địa danh ghi ở dòng ngày tháng."
    assert not boxes["code"].error.isVisible()
    type_text(qtbot, page.form.short_name, "Xã Tiên Lãng")
    type_text(qtbot, page.form.code, "123")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_step() == 0
    assert boxes["code"].error.text() == O.CODE_FORMAT
    assert not boxes["short_name"].error.isVisible()
    page.form.code.clear()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_step() == 1
    # A commune gets the commune's departments.
    assert [r.name for r in page.department_model.rows()][-1] == "Công an xã"


def test_duplicate_department_is_refused_with_its_line(qtbot, page, db):
    _fill_profile(qtbot, page)
    page.go_next()
    model = page.department_model
    model.setData(model.index(1, 0), "văn phòng hđnd và ubnd")
    assert not page.go_next()
    assert page.current_step() == 1
    assert page.departments_error.isVisible()
    assert page.departments_error.text() == "Dòng 2: Bộ phận «văn phòng hđnd và ubnd» đã có trong danh sách."
    with db.read() as session:
        assert office.get_office(session) is None


def test_department_rows_move_and_remove(qtbot, page, monkeypatch):
    _fill_profile(qtbot, page)
    page.go_next()
    view, model = page.department_view, page.department_model
    view.setCurrentIndex(model.index(0, 0))
    page.move_department_row(1)
    assert [r.abbreviation for r in model.rows()][:2] == ["VHXH", "VP"]
    assert view.currentIndex().row() == 1
    page.remove_department_row()
    assert "VP" not in [r.abbreviation for r in model.rows()]
    asked = []
    monkeypatch.setattr(first_run_module, "confirm", lambda *args: asked.append(args) or True)
    page.restore_departments()  # asks first, since the list was edited
    assert asked and len(model.rows()) == 5


def test_signer_needing_a_head_title_shows_the_error(qtbot, page):
    page._show_step(2)
    type_text(qtbot, page.signer_form.full_name, "Lê Văn C")
    type_text(qtbot, page.signer_form.position_title, "Chánh Văn phòng")
    page.signer_form.authority.setCurrentIndex(page.signer_form.authority.findData("tl"))
    page.signer_form.head_title.clear()
    assert not page.add_signer()
    error = page.signer_form.boxes["head_title"].error
    assert error.isVisible() and error.text() == O.HEAD_TITLE_NEEDED
    assert page.signer_model.rowCount() == 0


def test_finishing_with_profile_problems_goes_back_to_step_one(qtbot, page, db):
    page._show_step(2)
    assert not page.finish()
    assert page.current_step() == 0
    assert page.form.boxes["name_lines"].error.isVisible()
    with db.read() as session:
        assert office.get_office(session) is None


def test_demo_button_loads_the_demo_data(qtbot, page, db, monkeypatch):
    pytest.importorskip("desktop.core.demo")
    monkeypatch.setattr(first_run_module, "confirm", lambda *_args: True)
    with qtbot.waitSignal(page.completed, timeout=30000):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    with db.read() as session:
        assert office.get_office(session) is not None
        assert office.list_departments(session)


def test_the_demo_is_built_off_the_gui_thread_behind_a_progress_dialog(qtbot, page, db, monkeypatch):
    import threading
    import time

    from desktop.core import demo
    from desktop.strings import common as C

    monkeypatch.setattr(first_run_module, "confirm", lambda *_args: True)
    threads = []
    real = demo.build_demo

    def build(*args, **kwargs):
        threads.append(threading.current_thread())
        time.sleep(0.6)  # about 1,5 s on this machine, more on an office PC: never under the dialog's delay
        return real(*args, **kwargs)

    monkeypatch.setattr(demo, "build_demo", build)
    with qtbot.waitSignal(page.completed, timeout=60000):
        job = page.use_demo()
        qtbot.waitUntil(lambda: job.dialog is not None, timeout=20000)
        assert job.dialog.windowTitle() == O.DEMO_BUTTON and job.dialog.label.text() == C.JOB_DEMO
        assert not job.dialog.cancel_button.isVisibleTo(job.dialog)  # a half-built demo is of no use
    assert threads and threads[0] is not threading.main_thread()
    assert job.error is None
    with db.read() as session:
        assert office.get_office(session).short_name


def test_demo_is_not_loaded_without_confirmation(qtbot, page, db, monkeypatch):
    monkeypatch.setattr(first_run_module, "confirm", lambda *_args: False)
    with qtbot.assertNotEmitted(page.completed):
        assert not page.use_demo()
    with db.read() as session:
        assert office.get_office(session) is None


def test_help_button_opens_the_first_run_section(qtbot, page):
    qtbot.mouseClick(page.help_button, Qt.MouseButton.LeftButton)
    from desktop.ui.help import HelpDialog

    dialog = page.window().findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.current_anchor() == "bat-dau"
    dialog.close()


def test_models_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.department_model)
    qtmodeltester.check(page.signer_model)
    model = DepartmentDraftTableModel()
    model.set_rows(office.default_departments("ward"))
    qtmodeltester.check(model, force_py=True)
    model.append_blank()
    model.move(0, 2)
    model.remove(1)
    qtmodeltester.check(model, force_py=True)


def test_fits_1366x768(qtbot, page):
    for step in range(3):
        page._show_step(step)
        hint = page.minimumSizeHint()
        assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 120, (step, hint)


def test_a_message_disappears_once_its_field_is_corrected(qtbot, page):
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    box = page.form.boxes["short_name"]
    assert box.error.isVisible()
    type_text(qtbot, page.form.short_name, "Phường An Hải")
    assert not box.error.isVisible()
    assert not page.form.boxes["place_name"].error.isVisible()  # filled in from the name
