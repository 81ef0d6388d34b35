"""Shared widgets: the column table model and field error lines."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.core.vn import sort_key
from desktop.ui.common import SORT_ROLE, Column, ColumnTableModel, ErrorLabel, with_error


def test_column_table_model_sorts_vietnamese_and_passes_the_model_tester(qtmodeltester):
    model = ColumnTableModel([
        Column("name", "Tên", lambda r: r[0], sort_value=lambda r: sort_key(r[0])),
        Column("count", "Số", lambda r: r[1], align=Qt.AlignmentFlag.AlignRight),
    ])
    model.set_rows([("Đức", 3), ("Dũng", None), ("Anh", 12)])
    qtmodeltester.check(model)
    model.sort(0)
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["Anh", "Dũng", "Đức"]
    model.sort(1)
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["3", "12", ""]  # empty last
    assert model.data(model.index(0, 1), SORT_ROLE) == 3
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Tên"


def test_error_line_hides_when_the_field_is_edited(qtbot):
    edit, combo = QLineEdit(), QComboBox()
    combo.addItems(["a", "b"])
    edit_error, combo_error = ErrorLabel(), ErrorLabel()
    holders = [with_error(edit, edit_error), with_error(combo, combo_error)]
    for holder in holders:
        qtbot.addWidget(holder)
        holder.show()
    edit_error.show_message("Chưa nhập tên nhiệm vụ.")
    combo_error.show_message("Chưa chọn bộ phận chủ trì.")
    assert edit_error.isVisible() and combo_error.isVisible()
    qtbot.keyClicks(edit, "x")
    combo.setCurrentIndex(1)
    assert not edit_error.isVisible() and not combo_error.isVisible()
