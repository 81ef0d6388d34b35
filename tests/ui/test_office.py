"""The "Cơ quan và bộ phận" screen, driven through its real widgets."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop.core import office
from desktop.core.changes import Changes
from desktop.core.tasks import TaskInput, create_task
from desktop.strings import office as O
from desktop.ui import office as office_module
from desktop.ui.office import DepartmentDialog, OfficeScreen, SignerDialog
from tests.ui.keyboard import in_modal_dialog, type_text


class FakeWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.scales = []

    def set_font_scale(self, scale, save=False):
        self.scales.append((scale, save))


@pytest.fixture
def screen(qtbot, office_db, make_ctx):
    ctx = make_ctx(office_db)
    widget = OfficeScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 620)
    widget.show()
    widget.refresh()
    return widget


def test_profile_is_shown_edited_and_saved_with_ctrl_s(qtbot, screen, office_db):
    form = screen.form
    assert form.short_name.text() == "Phường An Hải"
    assert form.name_lines.toPlainText() == "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    assert not screen.is_dirty() and not screen.save_button.isEnabled()
    form.superior_name.clear()
    type_text(qtbot, form.superior_name, "UBND thành phố Hải Phòng")
    assert screen.is_dirty() and screen.save_button.isEnabled()
    assert screen.profile_status.text() == O.PROFILE_UNSAVED
    assert screen.save()
    assert not screen.is_dirty() and screen.profile_status.text() == O.PROFILE_SAVED
    with office_db.read() as session:
        assert office.get_office(session).superior_name == "UBND thành phố Hải Phòng"


def test_profile_errors_are_inline(qtbot, screen, office_db):
    screen.form.code.clear()
    type_text(qtbot, screen.form.code, "12")
    screen.form.place_name.clear()
    assert not screen.save()
    assert screen.form.boxes["code"].error.text() == O.CODE_FORMAT
    assert screen.form.boxes["place_name"].error.isVisible()
    with office_db.read() as session:
        assert office.get_office(session).code == "11311"


def test_unsaved_profile_asks_before_leaving(qtbot, screen, monkeypatch):
    assert screen.can_close()
    type_text(qtbot, screen.form.short_name, " mới")
    monkeypatch.setattr(office_module, "ask_save_changes", lambda _p: QMessageBox.StandardButton.Cancel)
    assert not screen.can_close()
    assert screen.is_dirty()
    monkeypatch.setattr(office_module, "ask_save_changes", lambda _p: QMessageBox.StandardButton.Discard)
    assert screen.can_close()
    assert not screen.is_dirty() and screen.form.short_name.text() == "Phường An Hải"


def test_unsaved_profile_can_be_saved_on_leaving(qtbot, screen, office_db, monkeypatch):
    type_text(qtbot, screen.form.short_name, " 2")
    monkeypatch.setattr(office_module, "ask_save_changes", lambda _p: QMessageBox.StandardButton.Save)
    assert screen.can_close()
    with office_db.read() as session:
        assert office.get_office(session).short_name == "Phường An Hải 2"


def test_external_change_does_not_overwrite_typing(qtbot, screen):
    type_text(qtbot, screen.form.place_name, "x")
    screen.on_changes(Changes.of("office"))
    screen.refresh()
    assert screen.form.place_name.text() == "An Hảix"


def test_edit_a_department_in_its_dialog(qtbot, screen, office_db):
    screen.tabs.setCurrentIndex(1)
    screen.department_view.selectRow(1)
    assert screen.edit_department_button.isEnabled()

    def rename(dialog):
        assert isinstance(dialog, DepartmentDialog)
        assert dialog.name.text() == "Phòng Văn hóa - Xã hội"
        dialog.name.clear()
        type_text(qtbot, dialog.name, "Phòng Văn hóa, Khoa học và Thông tin")
        dialog.abbreviation.clear()
        type_text(qtbot, dialog.abbreviation, "vhkhtt")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_modal_dialog(screen.edit_department, rename)
    with office_db.read() as session:
        names = [(d.name, d.abbreviation) for d in office.list_departments(session)]
    assert names[1] == ("Phòng Văn hóa, Khoa học và Thông tin", "VHKHTT")
    assert screen.department_model.rows()[1].abbreviation == "VHKHTT"
    assert screen.department_view.selectionModel().selectedRows()[0].row() == 1


def test_department_dialog_shows_duplicates_inline(qtbot, screen, office_db, make_ctx):
    dialog = DepartmentDialog(screen.ctx, None, screen)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.name, "Văn phòng HĐND và UBND")
    dialog.accept()
    assert dialog.errors.boxes["name"].error.text() == "Bộ phận «Văn phòng HĐND và UBND» đã có trong danh sách."
    assert dialog.result() == 0 and dialog.saved_id is None


def test_add_move_deactivate_and_delete_departments(qtbot, screen, office_db, monkeypatch):
    def add(dialog):
        type_text(qtbot, dialog.name, "Công an phường")
        type_text(qtbot, dialog.abbreviation, "CA")
        dialog.accept()

    in_modal_dialog(screen.new_item, add)  # Ctrl+N on the departments tab
    assert screen.tabs.currentIndex() == 1
    assert [r.abbreviation for r in screen.department_model.rows()] == ["VP", "VHXH", "KTHTĐT", "TTPVHCC", "CA"]
    selected = screen.department_view.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [4]  # the new department is selected

    screen.department_view.selectRow(4)
    assert not screen.down_button.isEnabled()
    qtbot.mouseClick(screen.up_button, Qt.MouseButton.LeftButton)
    assert [r.abbreviation for r in screen.department_model.rows()][3:] == ["CA", "TTPVHCC"]

    screen.department_view.selectRow(0)
    qtbot.mouseClick(screen.active_button, Qt.MouseButton.LeftButton)
    assert screen.department_model.rows()[0].active is False
    assert screen.active_button.text() == O.REACTIVATE

    monkeypatch.setattr(office_module, "confirm", lambda *_a: True)
    screen.department_view.selectRow(3)
    screen.delete_department()
    with office_db.read() as session:
        assert "CA" not in [d.abbreviation for d in office.list_departments(session)]


def test_deleting_a_department_in_use_shows_the_core_message(qtbot, screen, office_db, monkeypatch):
    with office_db.unit_of_work() as session:
        vhxh = next(d for d in office.list_departments(session) if d.abbreviation == "VHXH")
        create_task(session, TaskInput(title="Tuyên truyền chuyển đổi số", lead_department_id=vhxh.id))
    warnings = []
    monkeypatch.setattr(office_module, "confirm", lambda *_a: True)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    screen.department_view.selectRow(1)
    screen.delete_department()
    assert warnings == [O.DEPARTMENT_IN_USE.format(value="Phòng Văn hóa - Xã hội", count=1)]
    assert len(screen.department_model.rows()) == 4


def test_signers_preview_default_and_edit(qtbot, screen, office_db):
    screen.tabs.setCurrentIndex(2)
    rows = screen.signer_model.rows()
    assert [r.full_name for r in rows] == ["Nguyễn Thế Đức", "Cao Huy Hiếu"]
    screen.signer_view.selectRow(0)
    preview = screen.signer_preview.lines()
    assert "TM. ỦY BAN NHÂN DÂN" in preview and "KT. CHỦ TỊCH" in preview and "Nguyễn Thế Đức" in preview
    assert not screen.default_button.isEnabled()  # already the default
    screen.signer_view.selectRow(1)
    qtbot.mouseClick(screen.default_button, Qt.MouseButton.LeftButton)
    with office_db.read() as session:
        assert [s.full_name for s in office.list_signers(session) if s.is_default] == ["Cao Huy Hiếu"]

    def change(dialog):
        assert isinstance(dialog, SignerDialog)
        dialog.form.authority.setCurrentIndex(dialog.form.authority.findData("q"))
        assert "Q. CHỦ TỊCH" in dialog.preview.lines()
        dialog.accept()

    select = next(i for i, r in enumerate(screen.signer_model.rows()) if r.full_name == "Cao Huy Hiếu")
    screen.signer_view.selectRow(select)
    in_modal_dialog(screen.edit_signer, change)
    with office_db.read() as session:
        hieu = next(s for s in office.list_signers(session) if s.full_name == "Cao Huy Hiếu")
    assert (hieu.authority, hieu.head_title) == ("q", "CHỦ TỊCH")


def test_add_and_delete_a_signer(qtbot, screen, office_db, monkeypatch):
    screen.tabs.setCurrentIndex(2)

    def add(dialog):
        type_text(qtbot, dialog.form.full_name, "Lê Thị Hoa")
        type_text(qtbot, dialog.form.position_title, "Chánh Văn phòng")
        dialog.form.authority.setCurrentIndex(dialog.form.authority.findData("tl"))
        assert dialog.preview.lines().count("<b>") >= 3
        dialog.accept()

    in_modal_dialog(screen.new_item, add)  # Ctrl+N on the signers tab
    with office_db.read() as session:
        hoa = next(s for s in office.list_signers(session) if s.full_name == "Lê Thị Hoa")
    assert hoa.block_lines() == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
    monkeypatch.setattr(office_module, "confirm", lambda *_a: True)
    assert selected_name(screen) == "Lê Thị Hoa"
    screen.delete_signer()
    with office_db.read() as session:
        assert "Lê Thị Hoa" not in [s.full_name for s in office.list_signers(session)]


def selected_name(screen):
    rows = screen.signer_view.selectionModel().selectedRows()
    return screen.signer_model.row_at(rows[0].row()).full_name if rows else None


def test_signer_dialog_escape_asks_when_changed(qtbot, screen, monkeypatch):
    dialog = SignerDialog(screen.ctx, None, "ỦY BAN NHÂN DÂN", screen)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(office_module, "ask_save_changes",
                        lambda _p: asked.append(1) or QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert not asked  # nothing typed: closes at once
    dialog = SignerDialog(screen.ctx, None, "ỦY BAN NHÂN DÂN", screen)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.form.full_name, "A")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    dialog.done(0)


def test_font_size_combo_uses_the_main_window(qtbot, office_db, make_ctx):
    window = FakeWindow()
    qtbot.addWidget(window)
    screen = OfficeScreen(make_ctx(office_db))
    window.setCentralWidget(screen)
    screen.refresh()
    assert screen.font_combo.currentData() == 100
    screen.font_combo.setCurrentIndex(screen.font_combo.findData(130))
    screen.font_combo.activated.emit(screen.font_combo.currentIndex())
    assert window.scales == [(130, True)]


def test_font_size_combo_without_a_main_window_saves_the_setting(qtbot, screen, office_db):
    screen.font_combo.setCurrentIndex(screen.font_combo.findData(115))
    screen.font_combo.activated.emit(screen.font_combo.currentIndex())
    with office_db.read() as session:
        assert office.get_setting(session, office.FONT_SCALE) == "115"
    with office_db.unit_of_work() as session:
        office.set_setting(session, office.FONT_SCALE, "150")
    screen.on_changes(Changes.of("settings"))
    assert screen.font_combo.currentData() == 150


def test_models_pass_the_model_tester(qtmodeltester, screen):
    qtmodeltester.check(screen.department_model, force_py=True)
    qtmodeltester.check(screen.signer_model, force_py=True)


def test_fits_1366x768(screen):
    for tab in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(tab)
        hint = screen.minimumSizeHint()
        assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 120, (tab, hint)


def test_help_topic_and_main_window_f1(qtbot, office_db, make_ctx):
    from desktop.ui.help import HelpDialog
    from desktop.ui.main_window import MainWindow

    window = MainWindow(make_ctx(office_db))
    qtbot.addWidget(window)
    window.ctx.db = office_db
    window.show()
    window.database_ready()
    screen = window.open_area("office")
    assert screen.help_topic == "office"
    window.show_help()
    dialog = window.findChild(HelpDialog)
    assert dialog.isVisible() and dialog.current_anchor() == "co-quan"
    dialog.close()
