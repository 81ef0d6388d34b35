"""The "Văn bản chỉ đạo" screen, driven through its real widgets."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core import directives
from desktop.core.directives import DirectiveRow
from desktop.core.tasks import SourceRef, TaskInput, create_task
from desktop.strings import directives as D
from desktop.ui import directives as directives_module
from desktop.ui.directives import DirectiveDialog, DirectivesScreen
from tests.ui.keyboard import in_modal_dialog, type_text

ROWS = [
    DirectiveRow(None, "57-NQ/TW", "resolution", date(2024, 12, 22), "Bộ Chính trị",
                 "Về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    DirectiveRow(None, "02-KH/BCĐTW", "plan", date(2025, 6, 19), "Ban Chỉ đạo Trung ương", "Kế hoạch triển khai"),
    DirectiveRow(None, "01-KH/BCĐ", "plan", None, "Ban Chỉ đạo thành phố", "Kế hoạch của thành phố"),
    DirectiveRow(None, "44-TB/TGV", "notice", date(2025, 9, 12), "Tổ Giúp việc", "Kết luận về dữ liệu"),
]


@pytest.fixture
def screen(qtbot, office_db, make_ctx):
    with office_db.unit_of_work() as session:
        for row in ROWS:
            directives.save_directive(session, row)
    widget = DirectivesScreen(make_ctx(office_db))
    qtbot.addWidget(widget)
    widget.resize(1100, 620)
    widget.show()
    widget.refresh()
    return widget


def numbers(screen):
    return [r.number_symbol for r in screen.model.rows()]


def test_registry_columns_and_newest_first_with_undated_last(screen):
    model = screen.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Loại", "Số ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"]
    assert numbers(screen) == ["44-TB/TGV", "02-KH/BCĐTW", "57-NQ/TW", "01-KH/BCĐ"]
    assert model.data(model.index(2, 0)) == "Nghị quyết"
    assert model.data(model.index(2, 2)) == "22/12/2024"
    assert model.data(model.index(2, 1), Qt.ItemDataRole.ToolTipRole) == "Nghị quyết số 57-NQ/TW ngày 22/12/2024"
    screen.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert numbers(screen) == ["57-NQ/TW", "02-KH/BCĐTW", "44-TB/TGV", "01-KH/BCĐ"]
    screen.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert numbers(screen)[0] == "01-KH/BCĐ"
    assert screen.count.text() == D.COUNT_ALL.format(total=4)


def test_search_without_accents_finds_nghi_quyet(qtbot, screen):
    screen.focus_search()
    qtbot.keyClicks(screen.search, "nghi quyet")
    qtbot.waitUntil(lambda: numbers(screen) == ["57-NQ/TW"], timeout=2000)
    assert screen.model.data(screen.model.index(0, 0)) == "Nghị quyết"
    assert screen.count.text() == D.COUNT_FILTERED.format(shown=1, total=4)
    screen.search.clear()
    type_text(qtbot, screen.search, "ban chỉ đạo")
    screen.apply_filter()
    assert sorted(numbers(screen)) == ["01-KH/BCĐ", "02-KH/BCĐTW"]
    screen.search.setText("không có gì")
    screen.apply_filter()
    assert numbers(screen) == [] and screen.count.text() == D.NO_MATCH.format(value="không có gì")


def test_add_with_a_vietnamese_date(qtbot, screen, office_db):
    def fill(dialog):
        assert isinstance(dialog, DirectiveDialog)
        dialog.doc_type.setCurrentIndex(dialog.doc_type.findData("notice"))
        type_text(qtbot, dialog.number_symbol, "47-TB/TGV")
        type_text(qtbot, dialog.issued_on, "17-10-25")
        assert dialog.date_hint.text() == D.DATE_READ_AS.format(value="17/10/2025")
        type_text(qtbot, dialog.issuer, "Tổ Giúp việc Ban Chỉ đạo Trung ương")
        type_text(qtbot, dialog.summary, "Kết luận của Tổ Giúp việc")
        assert "Thông báo số 47-TB/TGV ngày 17/10/2025" in dialog.citation.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_modal_dialog(screen.new_item, fill)
    with office_db.read() as session:
        saved = directives.find_by_number(session, "47-TB/TGV")
    assert saved.issued_on == date(2025, 10, 17) and saved.doc_type == "notice"
    assert numbers(screen)[0] == "47-TB/TGV"
    assert screen.view.selectionModel().selectedRows()[0].row() == 0


def test_bad_date_and_duplicate_are_shown_inline(qtbot, screen, office_db):
    dialog = DirectiveDialog(screen.ctx, None, [], screen)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.number_symbol, "57-NQ/TW")
    type_text(qtbot, dialog.issued_on, "31/02/2024")
    dialog.accept()
    error = dialog.boxes["issued_on"].error
    assert error.text() == "«31/02/2024»: không có ngày này trong lịch."
    dialog.issued_on.setText("22/12/2024")
    dialog.accept()
    assert dialog.boxes["number_symbol"].error.text() == D.DUPLICATE.format(value="57-NQ/TW")
    assert not dialog.boxes["issued_on"].error.isVisible()
    assert dialog.result() == 0
    with office_db.read() as session:
        assert len(directives.list_directives(session)) == 4


def test_edit_in_the_dialog(qtbot, screen, office_db):
    screen.view.selectRow(numbers(screen).index("57-NQ/TW"))

    def change(dialog):
        assert dialog.number_symbol.text() == "57-NQ/TW" and dialog.issued_on.text() == "22/12/2024"
        dialog.issuer.setText("Bộ Chính trị (khóa XIII)")
        dialog.accept()

    in_modal_dialog(screen.edit_selected, change)
    with office_db.read() as session:
        assert directives.find_by_number(session, "57-NQ/TW").issuer == "Bộ Chính trị (khóa XIII)"


def test_delete_refused_when_cited_and_allowed_otherwise(qtbot, screen, office_db, monkeypatch):
    with office_db.unit_of_work() as session:
        nq57 = directives.find_by_number(session, "57-NQ/TW")
        create_task(session, TaskInput(title="Quán triệt Nghị quyết", sources=(SourceRef(nq57.id),)))
    warnings = []
    monkeypatch.setattr(directives_module, "confirm", lambda *_a: True)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    screen.view.selectRow(numbers(screen).index("57-NQ/TW"))
    screen.delete_selected()
    assert warnings == [D.IN_USE.format(value="57-NQ/TW", count=1)]
    assert "57-NQ/TW" in numbers(screen)
    screen.view.selectRow(numbers(screen).index("44-TB/TGV"))
    screen.delete_selected()
    assert "44-TB/TGV" not in numbers(screen)


def test_load_the_built_in_list_twice(qtbot, screen, office_db):
    added = screen.load_reference()
    assert added and added > 0
    assert screen.message.text() == D.REFERENCE_ADDED.format(count=added)
    total = len(screen.model.rows())
    assert screen.load_reference() == 0
    assert screen.message.text() == D.REFERENCE_NOTHING
    assert len(screen.model.rows()) == total


def test_empty_registry_says_what_to_do(qtbot, office_db, make_ctx):
    widget = DirectivesScreen(make_ctx(office_db))
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.count.text() == D.EMPTY
    assert not widget.edit_button.isEnabled() and not widget.delete_button.isEnabled()


def test_model_passes_the_model_tester(qtmodeltester, screen):
    qtmodeltester.check(screen.model, force_py=True)


def test_fits_1366x768(screen):
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 120, hint


def test_help_topic(screen):
    assert screen.help_topic == "directives"
