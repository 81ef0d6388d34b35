"""«Đơn vị cấp dưới và hạn nộp…»: the expected units (typed, pasted from Excel, removed) and the
period's deadline are saved; bad rows are refused with the reason and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core import consolidate, periods
from desktop.ui.exchange.units_dialog import ExpectedUnitsDialog, parse_rows
from tests.ui.keyboard import in_modal_dialog

Q3 = periods.parse("2025-Q3")


def test_parse_rows_from_a_sheet_or_plain_lines():
    text = "31001\tPhường A\tghi chú\r\n\r\n31002\tXã B\n31003 Phường Lê Chân\n\t\n"
    assert parse_rows(text) == [("31001", "Phường A"), ("31002", "Xã B"), ("31003", "Phường Lê Chân")]


@pytest.fixture
def dialog(qtbot, db, make_ctx):
    ctx = make_ctx(db)
    widget = ExpectedUnitsDialog(ctx, Q3)
    qtbot.addWidget(widget)
    return widget


def test_saves_units_and_deadline(qtbot, qtmodeltester, dialog, db):
    assert dialog.model.rowCount() == 0
    with db.read() as session:
        assert dialog.deadline.date_value() == consolidate.deadline(session, Q3)  # the default rule
    assert dialog.paste("31001\tPhường A\n31002\tXã B\n31009\tĐặc khu C\n") == 3
    dialog.view.selectRow(2)
    dialog.remove_rows()
    dialog.add_row()
    index = dialog.model.index(2, 0)
    dialog.model.setData(index, " 31003 ")
    dialog.model.setData(dialog.model.index(2, 1), "Phường  Lê Chân")
    dialog.deadline.setText("20/10/2025")
    qtmodeltester.check(dialog.model)
    dialog.save_button.click()
    assert dialog.saved and dialog.result() == ExpectedUnitsDialog.DialogCode.Accepted
    with db.read() as session:
        assert consolidate.expected_units(session) == [("31001", "Phường A"), ("31002", "Xã B"),
                                                       ("31003", "Phường Lê Chân")]
        assert consolidate.deadline(session, Q3) == date(2025, 10, 20)


def test_bad_rows_are_refused_and_nothing_is_saved(qtbot, dialog, db):
    dialog.paste("31001\tPhường A\n31001\tPhường A lần hai\n")
    dialog.deadline.setText("20/10/2025")
    dialog.save_button.click()
    assert not dialog.saved
    assert "31001" in dialog.error.text() and not dialog.error.isHidden()
    dialog.deadline.setText("32/13/2025")
    dialog.model.remove([1])
    dialog.save_button.click()
    assert not dialog.saved
    assert dialog.error.text() and "31001" not in dialog.error.text()  # now the date is what is wrong
    with db.read() as session:
        assert not consolidate.expected_units_set(session)
        assert consolidate.deadline(session, Q3) != date(2025, 10, 20)


def test_opened_from_the_consolidation_tab(qtbot, db, make_ctx):
    from desktop.ui import jobs
    from desktop.ui.exchange.consolidation import ConsolidationTab

    tab = ConsolidationTab(make_ctx(db))
    qtbot.addWidget(tab)
    tab.picker.set_period(Q3)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.job is None, timeout=10000)

    def fill(dialog):
        assert isinstance(dialog, ExpectedUnitsDialog)
        dialog.paste("31001\tPhường A\n")
        dialog.save_button.click()

    in_modal_dialog(tab.units_button.click, fill)
    qtbot.waitUntil(lambda: tab.job is None and tab.consolidation is not None
                    and len(tab.consolidation.submissions) == 1, timeout=10000)
    assert jobs.wait_all()
    row = tab.submissions_model.row_at(0)
    assert (row.code, row.name, row.status) == ("31001", "Phường A", "missing")
    assert tab.submissions_model.index(0, 2).data() == "Chưa gửi"
