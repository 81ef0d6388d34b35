"""The outline manager and editor, driven through their real widgets."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core import numbering as nb
from desktop.core import outlines, sections
from desktop.ui.reports.outline_editor import SectionTreeEditor, SectionTreeModel
from desktop.ui.reports.outlines import OutlinesScreen, export_file_name
from tests.ui.keyboard import in_modal_dialog, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def screen(qtbot, make_ctx, db):
    ctx = make_ctx(db)
    widget = OutlinesScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    return widget


def shown(editor) -> list[str]:
    """What the tree view shows, depth-first: "  1. Kết quả" (two spaces per level)."""
    model, view = editor.tree_editor.model, editor.tree_editor.view
    rows = []

    def visit(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rows.append("  " * depth + index.data())
            if view.isExpanded(index):
                visit(index, depth + 1)

    visit(editor.tree_editor.view.rootIndex(), 0)
    return rows


def message_of(action) -> str:
    """The text of the message box an action shows (the box is gone afterwards)."""
    texts = []

    def read(dialog):
        assert isinstance(dialog, QMessageBox)
        texts.append(dialog.text())

    in_modal_dialog(action, read)
    return texts[0]


def activate(qtbot, widget):
    """Offscreen, closing a message box leaves no active window: keyboard shortcuts need one."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=2000)


def key_in_heading(qtbot, editor, key, modifiers):
    qtbot.keyClick(editor.form.heading, key, modifiers)


def choose_numbering(editor, style):
    combo = editor.form.numbering
    combo.setCurrentIndex(combo.findData(style))


def type_heading(qtbot, editor, text):
    assert editor.form.heading.hasFocus() or editor.form.heading.text() == ""
    type_text(qtbot, editor.form.heading, text)


def click_tree_row(qtbot, editor, text):
    model, view = editor.tree_editor.model, editor.tree_editor.view
    for node, _depth in sections.walk(model.tree()):
        index = model.index_of(node.key)
        if index.data() == text:
            view.scrollTo(index)
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
            return node.key
    raise AssertionError(f"no row {text!r} in {shown(editor)}")


def saved_labels(screen, outline_id) -> list[str]:
    detail = screen.ctx.read(outlines.get_outline, outline_id)
    labels = sections.labels(detail.tree)
    return ["  " * depth + sections.title(node, labels[node.key]) for node, depth in sections.walk(detail.tree)]


# ----------------------------------------------------------------------------- the model


def test_tree_model_passes_the_model_tester(qtmodeltester, qtbot):
    editor = SectionTreeEditor()
    qtbot.addWidget(editor)
    editor.set_tree(outlines.read_builtin("nq57-periodic").tree)
    qtmodeltester.check(editor.model)
    editor.select(editor.tree()[1].children[0].key)
    editor.add_child()
    editor.indent()
    editor.move_up()
    editor.update_current(heading="Mới")
    qtmodeltester.check(editor.model)
    empty = SectionTreeModel()
    qtmodeltester.check(empty)


def test_tree_model_labels_and_roles(qtbot):
    model = SectionTreeModel()
    tree = (sections.SectionNode("p", nb.PART, "ĐÁNH GIÁ", children=(
        sections.SectionNode("a", nb.ARABIC, "Kết quả"), sections.SectionNode("b", nb.ARABIC, "",
                                                                              content="**Tổng số** nhiệm vụ"))),)
    model.set_tree(tree)
    part = model.index(0, 0)
    assert part.data() == "PHẦN I ĐÁNH GIÁ"
    assert part.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0, part).data() == "1. Kết quả"
    untitled = model.index(1, 0, part)
    assert untitled.data() == "2. Tổng số nhiệm vụ" and untitled.data(Qt.ItemDataRole.FontRole).italic()
    assert model.parent(untitled) == part and model.parent(part).isValid() is False
    assert model.index_of("b") == untitled


# ----------------------------------------------------------------------------- building outlines


def test_build_a_parts_outline_from_scratch(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    assert screen.editing() and editor.outline_id is None
    assert shown(editor) == ["I. (chưa có tiêu đề)"]
    type_text(qtbot, editor.name, "Báo cáo sơ kết theo đề cương thành phố")

    # PHẦN I with two numbered items
    click_tree_row(qtbot, editor, "I. (chưa có tiêu đề)")
    choose_numbering(editor, nb.PART)
    editor.form.heading.setFocus()
    type_heading(qtbot, editor, "ĐÁNH GIÁ KẾT QUẢ")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL | SHIFT)  # first child: style chosen once
    choose_numbering(editor, nb.ARABIC)
    type_heading(qtbot, editor, "Kết quả đạt được")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)  # next item, same style
    type_heading(qtbot, editor, "Tồn tại, hạn chế")
    # PHẦN II: a new item, moved out one level
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)
    key_in_heading(qtbot, editor, Qt.Key.Key_Left, ALT)
    type_heading(qtbot, editor, "NHIỆM VỤ TRỌNG TÂM")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL | SHIFT)  # numbered like PHẦN I's items
    type_heading(qtbot, editor, "Nhiệm vụ chung")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)
    type_heading(qtbot, editor, "Nhiệm vụ cụ thể")
    # PHẦN III from the tree: select PHẦN II, add a section of the same level with the button
    click_tree_row(qtbot, editor, "PHẦN II NHIỆM VỤ TRỌNG TÂM")
    qtbot.mouseClick(editor.tree_editor.buttons["add_sibling"], Qt.MouseButton.LeftButton)
    type_heading(qtbot, editor, "KIẾN NGHỊ, ĐỀ XUẤT")

    expected = [
        "PHẦN I ĐÁNH GIÁ KẾT QUẢ", "  1. Kết quả đạt được", "  2. Tồn tại, hạn chế",
        "PHẦN II NHIỆM VỤ TRỌNG TÂM", "  1. Nhiệm vụ chung", "  2. Nhiệm vụ cụ thể",
        "PHẦN III KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    assert shown(editor) == expected
    assert editor.is_dirty() and editor.title_label.text().startswith("●")

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.outline_id is not None and not editor.is_dirty()
    assert saved_labels(screen, editor.outline_id) == expected
    outline_id = editor.outline_id

    # back to the list and open again: the same tree, rendered from storage
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert not screen.editing()
    assert screen.selected_outline().name == "Báo cáo sơ kết theo đề cương thành phố"
    screen.open_outline(outline_id)
    assert shown(screen.editor) == expected


def test_build_a_flat_outline_and_restructure_it(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    type_text(qtbot, editor.name, "Báo cáo I–V")
    click_tree_row(qtbot, editor, "I. (chưa có tiêu đề)")
    editor.form.heading.setFocus()
    headings = ["KẾT QUẢ", "HẠN CHẾ", "NGUYÊN NHÂN", "NHIỆM VỤ", "KIẾN NGHỊ"]
    for index, heading in enumerate(headings):
        if index:
            key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)
        type_heading(qtbot, editor, heading)
    assert shown(editor) == ["I. KẾT QUẢ", "II. HẠN CHẾ", "III. NGUYÊN NHÂN", "IV. NHIỆM VỤ", "V. KIẾN NGHỊ"]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    outline_id = editor.outline_id
    assert saved_labels(screen, outline_id) == shown(editor)

    # move up (Alt+Up in the tree): numbers follow at once
    click_tree_row(qtbot, editor, "III. NGUYÊN NHÂN")
    qtbot.keyClick(editor.tree_editor.view, Qt.Key.Key_Up, ALT)
    assert shown(editor) == ["I. KẾT QUẢ", "II. NGUYÊN NHÂN", "III. HẠN CHẾ", "IV. NHIỆM VỤ", "V. KIẾN NGHỊ"]
    assert editor.form.title() == "Mục II."
    qtbot.mouseClick(editor.tree_editor.buttons["move_down"], Qt.MouseButton.LeftButton)
    assert shown(editor)[1:3] == ["II. HẠN CHẾ", "III. NGUYÊN NHÂN"]
    # indent under the previous section, then out again
    click_tree_row(qtbot, editor, "V. KIẾN NGHỊ")
    qtbot.keyClick(editor.tree_editor.view, Qt.Key.Key_Right, ALT)
    assert shown(editor)[-2:] == ["IV. NHIỆM VỤ", "  1. KIẾN NGHỊ"]
    assert editor.form.numbering.currentData() == nb.ARABIC
    assert not editor.tree_editor.buttons["indent"].isEnabled()  # the only child cannot go deeper
    qtbot.mouseClick(editor.tree_editor.buttons["indent"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.tree_editor.buttons["outdent"], Qt.MouseButton.LeftButton)
    assert shown(editor)[-2:] == ["IV. NHIỆM VỤ", "V. KIẾN NGHỊ"]
    # a sub-item under IV, and an unnumbered paragraph that does not break the count
    click_tree_row(qtbot, editor, "IV. NHIỆM VỤ")
    qtbot.keyClick(editor.tree_editor.view, Qt.Key.Key_Return, CTRL | SHIFT)
    type_heading(qtbot, editor, "Nhiệm vụ trọng tâm")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)
    choose_numbering(editor, nb.NONE)
    type_heading(qtbot, editor, "Ghi chú")
    key_in_heading(qtbot, editor, Qt.Key.Key_Return, CTRL)
    choose_numbering(editor, nb.ARABIC)
    type_heading(qtbot, editor, "Giải pháp")
    assert shown(editor)[3:] == [
        "IV. NHIỆM VỤ", "  1. Nhiệm vụ trọng tâm", "  Ghi chú", "  2. Giải pháp", "V. KIẾN NGHỊ"]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert saved_labels(screen, outline_id) == shown(editor)


def test_section_form_edits_every_field(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    type_text(qtbot, editor.name, "Đề cương thử")
    click_tree_row(qtbot, editor, "I. (chưa có tiêu đề)")
    editor.form.heading.setFocus()
    type_heading(qtbot, editor, "Thống kê nhiệm vụ:")
    editor.form.guidance.setFocus()
    type_text(qtbot, editor.form.guidance, "Ghi tổng số nhiệm vụ.")
    editor.form.content.setFocus()
    type_text(qtbot, editor.form.content, "Tổng số {{kỳ báo cáo}}")
    editor.form.look["upper"].setCurrentIndex(editor.form.look["upper"].findData(False))
    editor.form.look["italic"].setCurrentIndex(editor.form.look["italic"].findData(True))
    qtbot.mouseClick(editor.form.run_in, Qt.MouseButton.LeftButton, pos=QPoint(8, editor.form.run_in.height() // 2))
    assert editor.form.run_in.isChecked()
    assert "Tổng số {{kỳ báo cáo}}" in editor.form.preview.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    node = screen.ctx.read(outlines.get_outline, editor.outline_id).tree[0]
    assert (node.heading, node.guidance, node.content) == ("Thống kê nhiệm vụ:", "Ghi tổng số nhiệm vụ.",
                                                          "Tổng số {{kỳ báo cáo}}")
    assert (node.upper, node.bold, node.italic, node.run_in) == (False, None, True, True)


def test_document_defaults_are_saved(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    type_text(qtbot, editor.name, "Tờ trình mẫu")
    editor.tabs.setCurrentIndex(1)
    form = editor.document_form
    form.doc_type.lineEdit().selectAll()
    type_text(qtbot, form.doc_type.lineEdit(), "tờ trình")
    form.symbol.selectAll()
    type_text(qtbot, form.symbol, "TTr-UBND")
    form.summary.setFocus()
    type_text(qtbot, form.summary, "Đề nghị phê duyệt {{năm}}")
    form.recipients.setFocus()
    type_text(qtbot, form.recipients, "- Như trên;")
    qtbot.keyClick(form.recipients, Qt.Key.Key_Return)
    type_text(qtbot, form.recipients, "Lưu: VT, VP.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.outline_id is not None
    document = screen.ctx.read(outlines.get_outline, editor.outline_id).document
    assert (document.doc_type, document.symbol) == ("TỜ TRÌNH", "TTr-UBND")
    assert document.summary == "Đề nghị phê duyệt {{năm}}"
    assert document.recipients == ("Như trên",)


def test_save_problems_are_shown_beside_the_fields(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    editor.tabs.setCurrentIndex(1)
    editor.document_form.symbol.selectAll()
    type_text(qtbot, editor.document_form.symbol, "BC UBND!")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.outline_id is None
    assert "Chưa nhập tên đề cương" in editor.name_error.text() and editor.name_error.isVisible()
    assert "không đúng dạng" in editor.document_form.errors["symbol"].text()
    type_text(qtbot, editor.name, "Báo cáo định kỳ kết quả thực hiện Nghị quyết 57-NQ/TW")  # a built-in's name
    editor.document_form.symbol.selectAll()
    type_text(qtbot, editor.document_form.symbol, "BC-UBND")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.outline_id is None and "Đã có đề cương" in editor.name_error.text()


def test_delete_section_asks_when_it_has_children(qtbot, screen):
    screen.open_outline(screen.ctx.write(None, outlines.copy_outline, screen.selected_outline().id)[0])
    editor = screen.editor
    click_tree_row(qtbot, editor, "B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN")
    editor.tree_editor.view.setFocus()
    before = len(list(sections.walk(editor.tree_editor.tree())))

    def answer(button_text):
        def act(dialog):
            assert "mục con" in dialog.text()
            next(b for b in dialog.buttons() if b.text() == button_text).click()
        return act

    def press_delete():
        editor.tree_editor.view.setFocus()
        qtbot.keyClick(editor.tree_editor.view, Qt.Key.Key_Delete)

    in_modal_dialog(press_delete, answer("Không"))
    assert len(list(sections.walk(editor.tree_editor.tree()))) == before
    activate(qtbot, editor)
    in_modal_dialog(press_delete, answer("Có"))
    assert shown(editor) == ["A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"]
    assert editor.tree_editor.current_key() == editor.tree_editor.tree()[0].key
    # an empty new section goes without a question
    activate(qtbot, editor)
    editor.tree_editor.view.setFocus()
    qtbot.keyClick(editor.tree_editor.view, Qt.Key.Key_Return, CTRL)
    assert len(shown(editor)) == 2
    press_delete()  # no question: nothing is lost
    assert len(shown(editor)) == 1


def test_builtin_is_read_only_and_copy_to_edit(qtbot, screen):
    builtin = screen.selected_outline()
    assert builtin.builtin and screen.edit_button.text() == "Xem"
    assert not screen.delete_button.isEnabled() and not screen.rename_button.isEnabled()
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    assert editor.builtin and editor.banner.isVisible() and not editor.save_button.isVisible()
    before = shown(editor)
    assert all(not b.isEnabled() for b in editor.tree_editor.buttons.values())
    assert editor.name.isReadOnly() and editor.form.heading.isReadOnly() and not editor.form.numbering.isEnabled()
    editor.tree_editor.view.setFocus()
    for key, modifiers in ((Qt.Key.Key_Return, CTRL), (Qt.Key.Key_Right, ALT), (Qt.Key.Key_Delete,
                                                                                Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(editor.tree_editor.view, key, modifiers)
    assert shown(editor) == before and not editor.is_dirty()
    assert not editor.save()

    qtbot.mouseClick(editor.copy_button, Qt.MouseButton.LeftButton)
    assert not editor.builtin and editor.outline_id != builtin.id
    assert editor.name.text() == f"{builtin.name} (bản sao)" and not editor.name.isReadOnly()
    assert shown(editor) == before
    qtbot.mouseClick(editor.tree_editor.buttons["add_sibling"], Qt.MouseButton.LeftButton)
    assert editor.is_dirty()


def test_unsaved_changes_are_asked_on_leaving(qtbot, screen):
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    editor = screen.editor
    type_text(qtbot, editor.name, "Nháp")

    def cancel(dialog):
        next(b for b in dialog.buttons() if b.text() == "Hủy").click()

    in_modal_dialog(lambda: qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton), cancel)
    assert screen.editing()

    def save(dialog):
        next(b for b in dialog.buttons() if b.text() == "Lưu").click()

    in_modal_dialog(lambda: qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton), save)
    assert not screen.editing() and screen.selected_outline().name == "Nháp"


# ----------------------------------------------------------------------------- the list


def test_list_copy_rename_delete(qtbot, screen, monkeypatch):
    assert [r.builtin_key for r in screen.model.rows()] == ["nq57-periodic", "implementation-plan", "blank",
                                                            "consolidated"]
    screen.select_outline(screen.model.rows()[1].id)
    qtbot.mouseClick(screen.copy_button, Qt.MouseButton.LeftButton)
    copy = screen.selected_outline()
    assert copy.name == "Kế hoạch thực hiện Nghị quyết 57-NQ/TW (bản sao)" and not copy.builtin
    assert screen.delete_button.isEnabled() and screen.edit_button.text() == "Sửa"
    assert screen.rename_selected("Kế hoạch năm 2026")
    assert screen.selected_outline().name == "Kế hoạch năm 2026"
    assert screen.rename_selected(" Kế hoạch  NĂM 2026 ")  # its own name in another case: allowed, cleaned
    assert screen.selected_outline().name == "Kế hoạch NĂM 2026"
    assert "Đã có đề cương" in message_of(lambda: screen.rename_selected("Báo cáo trống"))
    in_modal_dialog(lambda: qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton),
                    lambda dialog: next(b for b in dialog.buttons() if b.text() == "Có").click())
    assert len(screen.model.rows()) == 4 and "Đã xóa" in screen.flash_label.text()


def test_export_then_import_through_the_screen(qtbot, screen, tmp_path):
    path = screen.export_selected(tmp_path / export_file_name(screen.selected_outline().name))
    assert path.name == "de-cuong-bao-cao-dinh-ky-ket-qua-thuc-hien-nghi-quyet-57-nq-tw.json"
    new_id = screen.import_file(path)
    assert new_id is not None
    row = screen.selected_outline()
    assert row.id == new_id and row.name.endswith("(2)") and not row.builtin and row.section_count == 35
    assert "Đã nhập" in screen.flash_label.text()


def test_import_of_a_broken_file_shows_the_message_and_changes_nothing(qtbot, screen, tmp_path):
    before = [(r.id, r.name) for r in screen.model.rows()]
    broken = tmp_path / "de-cuong-quy-4.json"
    data = {"format": "nq57-outline", "version": 1, "name": "Quý IV", "kind": "report", "document": {},
            "sections": [{"numbering": "roman", "heading": "MỘT", "children": [{"numbering": "greek"}]}]}
    broken.write_text(json.dumps(data), encoding="utf-8")
    message = message_of(lambda: screen.import_file(broken))
    assert "Không nhập được tệp «de-cuong-quy-4.json»" in message and "«greek»" in message
    assert [(r.id, r.name) for r in screen.model.rows()] == before
    assert [(r.id, r.name) for r in screen.ctx.read(outlines.list_outlines)] == before
    broken.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert "UTF-8" in message_of(lambda: screen.import_file(broken))
    assert len(screen.ctx.read(outlines.list_outlines)) == len(before)


def test_fits_a_small_screen(qtbot, screen):
    screen.open_outline(screen.selected_outline().id)
    # the main window gives a screen about 1366 - navigation (~220) pixels
    assert screen.minimumSizeHint().width() <= 1100
    assert screen.minimumSizeHint().height() <= 700
    QApplication.processEvents()
