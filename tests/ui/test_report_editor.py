"""The report editor: autosave, live preview with the demo figures, insert/convert, header, issue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core import compose, sections
from desktop.core import reports as rp
from desktop.core import tasks as tk
from desktop.ui.reports.dialogs import IssueDialog
from desktop.ui.reports.screen import ReportsScreen
from tests.ui.keyboard import type_text


@pytest.fixture
def screen(qtbot, demo_db, make_ctx):
    ctx = make_ctx(demo_db)
    widget = ReportsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1136, 700)
    widget.show()
    widget.refresh()
    return widget


def _section(detail, heading_start):
    return next(n for n, _ in sections.walk(detail.tree) if n.heading.startswith(heading_start))


def _open_demo(screen):
    report_id = screen.model.row_at(0).id
    screen.open_report(report_id)
    return report_id, screen.editor


def test_typing_is_saved_without_pressing_anything(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    detail = editor.detail
    node = _section(detail, "Thống kê các nhiệm vụ")
    editor.select_section(node.key)
    content = editor.section_page.content
    content.moveCursor(content.textCursor().MoveOperation.End)
    qtbot.keyClick(content, Qt.Key.Key_Return)
    type_text(qtbot, content, "Đã hoàn thành [[Nhiệm vụ theo giai đoạn]] tốt")
    qtbot.wait(1100)
    with demo_db.read() as session:
        saved = sections.find(rp.get_report(session, report_id).tree, node.key).content
    assert saved.endswith("Đã hoàn thành [[Nhiệm vụ theo giai đoạn]] tốt")
    assert "Đã lưu lúc" in editor.saved_label.text()


def test_preview_shows_figures_and_problems(qtbot, screen, demo_db):
    _report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Thống kê các nhiệm vụ")
    editor.select_section(node.key)
    content = editor.section_page.content
    content.setPlainText("[[Nhiệm vụ theo giai đoạn]]\nSố hồ sơ: {{OPS.PROC.TOTAL}} và {{KHÔNG CÓ}}")
    qtbot.waitUntil(lambda: "Số hồ sơ" in editor.section_page.preview.toPlainText(), timeout=3000)
    assert "16/16" in editor.section_page.preview.toPlainText()
    text = editor.section_page.preview.toPlainText()
    assert "Cần xem lại" in text
    html = editor.section_page.preview.toHtml()
    assert "#b00020" in html


def test_can_close_flushes(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Tồn tại, hạn chế")
    editor.select_section(node.key)
    editor.section_page.content.setPlainText("Nội dung mới")
    assert editor.is_pending()
    assert screen.can_close()
    with demo_db.read() as session:
        assert sections.find(rp.get_report(session, report_id).tree, node.key).content == "Nội dung mới"


def test_switching_section_saves_at_once(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    first = _section(editor.detail, "Tồn tại, hạn chế")
    editor.select_section(first.key)
    editor.section_page.content.setPlainText("Một")
    editor.select_header()
    with demo_db.read() as session:
        assert sections.find(rp.get_report(session, report_id).tree, first.key).content == "Một"


def test_insert_block_from_menu_and_convert(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Nguyên nhân")
    editor.select_section(node.key)
    content = editor.section_page.content
    content.setPlainText("")
    action = next(a for a in editor.section_page.insert_menu.actions() if a.text() == "Nhiệm vụ theo giai đoạn")
    action.trigger()
    assert "[[Nhiệm vụ theo giai đoạn" in content.toPlainText()
    cursor = content.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    content.setTextCursor(cursor)
    editor.convert_to_text()
    converted = content.toPlainText()
    assert "[[" not in converted and "16/16" in converted
    editor.flush()
    with demo_db.read() as session:
        assert sections.find(rp.get_report(session, report_id).tree, node.key).content == converted


def test_bold_wraps_selection(qtbot, screen):
    _report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Tồn tại, hạn chế")
    editor.select_section(node.key)
    content = editor.section_page.content
    content.setPlainText("quan trọng")
    content.selectAll()
    editor.wrap_selection("**")
    assert content.toPlainText() == "**quan trọng**"


def test_header_form_saves(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    editor.select_header()
    form = editor.header_form
    form.day.clear()
    type_text(qtbot, form.day, "5")
    form.month.setText("")
    type_text(qtbot, form.month, "11")
    form.suggest.click()
    assert form.number.text() == "1"
    qtbot.wait(1100)
    with demo_db.read() as session:
        detail = rp.get_report(session, report_id)
    assert (detail.date_day, detail.date_month, detail.number) == (5, 11, 1)


def test_header_error_is_shown_not_saved(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    editor.select_header()
    editor.header_form.month.setText("")
    type_text(qtbot, editor.header_form.month, "13")
    assert not editor.flush()
    assert editor.header_form.error.text()


def test_tree_change_is_saved_with_labels(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Tồn tại, hạn chế")
    editor.select_section(node.key)
    editor.tree_editor.add_sibling()
    with demo_db.read() as session:
        tree = rp.get_report(session, report_id).tree
    assert sum(1 for _ in sections.walk(tree)) == sum(1 for _ in sections.walk(editor.detail.tree)) + 1


def test_issue_then_read_only_and_frozen(qtbot, screen, demo_db, monkeypatch):
    report_id, editor = _open_demo(screen)

    def run(dialog):
        assert dialog.number.text() == "1"
        assert dialog.ok.isEnabled()
        return dialog.issue()

    monkeypatch.setattr(IssueDialog, "exec", lambda self: run(self))
    assert screen.issue_report(report_id)
    assert editor.read_only
    assert editor.banner.isVisible() and "Đã ban hành" in editor.banner.text()
    assert editor.section_page.content.isReadOnly()
    assert editor.header_form.summary.isReadOnly()
    with demo_db.read() as session:
        before = compose.report_document(session, report_id)
        rows = tk.list_tasks(session)
    # a later change of the data must not change the issued document
    with demo_db.unit_of_work() as session:
        tk.delete_task(session, rows[0].id)
    with demo_db.read() as session:
        after = compose.report_document(session, report_id)
        live = compose.build_report_document(session, report_id)[0]
    assert compose.document_to_json(before) == compose.document_to_json(after)
    assert compose.document_to_json(live) != compose.document_to_json(before)


def test_history_entry_lists_who_changed_the_report(qtbot, screen, demo_db):
    report_id, editor = _open_demo(screen)
    node = _section(editor.detail, "Thống kê các nhiệm vụ")
    editor.select_section(node.key)
    editor.section_page.content.setPlainText("Nội dung mới của mục")
    editor.flush()
    editor.fixed.setCurrentRow(2)
    assert editor.pages.currentWidget() is editor.history_panel
    texts = [editor.history_panel.model.index(r, 3).data() for r in range(editor.history_panel.model.rowCount())]
    assert any("Nội dung các mục" in t for t in texts)
    assert editor.history_panel.model.index(0, 1).data() == "kiểm thử"
