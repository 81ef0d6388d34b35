"""The reports screen: list, new report, preview/print, number register, plans printing, areas."""

from __future__ import annotations

import pytest
from pytestqt.qt_compat import qt_api

from desktop.core import periods, sections
from desktop.core import reports as rp
from desktop.ui.reports import screen as screen_module
from desktop.ui.reports.dialogs import NewReportDialog
from desktop.ui.reports.pages import PreviewDialog
from desktop.ui.reports.screen import ReportsScreen, ascii_name


@pytest.fixture
def screen(qtbot, demo_db, make_ctx):
    ctx = make_ctx(demo_db)
    widget = ReportsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1136, 700)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def previews(monkeypatch):
    shown: list[PreviewDialog] = []

    def exec_(self):
        shown.append(self)
        return 0

    monkeypatch.setattr(PreviewDialog, "exec", exec_)
    return shown


def test_list_shows_the_demo_report(screen, qtmodeltester):
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 1
    row = screen.model.row_at(0)
    texts = [screen.model.index(0, c).data() for c in range(screen.model.columnCount())]
    assert "Dự thảo" in texts
    assert row.summary in texts
    assert screen.open_button.isEnabled() and not screen.revise_button.isEnabled()


def test_new_report_from_builtin_outline(qtbot, screen, demo_db, monkeypatch):
    def run(dialog):
        dialog.outline.setCurrentIndex(dialog.outline.findData(1))
        dialog.picker.set_period(periods.parse("2025-Q3"))
        assert dialog.summary.text()
        return dialog.create()

    monkeypatch.setattr(NewReportDialog, "exec", lambda self: run(self))
    screen.new_item()
    assert screen.editing()
    editor = screen.editor
    with demo_db.read() as session:
        detail = rp.get_report(session, editor.report_id)
    assert detail.period_code == "2025-Q3"
    model = editor.tree_editor.model
    first = model.index(0, 0).data()
    assert first.startswith(sections.labels(detail.tree)[detail.tree[0].key])
    assert "quý III/2025" in editor.title.text()


def test_preview_opens_with_pages(screen, previews):
    screen.print_current()
    assert len(previews) == 1
    dialog = previews[0]
    assert dialog.laid_out.pages
    assert dialog.file_name.endswith(".pdf") and dialog.file_name.isascii()
    assert "An Hai" in dialog.file_name


def test_preview_refusal_is_a_message(screen, monkeypatch):
    from desktop.core import compose
    from desktop.core.errors import UserError

    def broken(*_args, **_kwargs):
        raise UserError("Không dựng được")

    warned = []
    monkeypatch.setattr(compose, "report_document", broken)
    monkeypatch.setattr(screen_module.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    assert not screen.preview_report(screen.model.row_at(0).id)
    assert warned == ["Không dựng được"]


def test_delete_and_revise(screen, demo_db, monkeypatch):
    asked = []
    monkeypatch.setattr(screen_module, "confirm", lambda _p, _t, text: asked.append(text) or True)
    report_id = screen.model.row_at(0).id
    with demo_db.unit_of_work() as session:
        rp.issue_report(session, report_id, 7)
    screen.refresh_list()
    assert screen.revise_button.isEnabled()
    new_id = screen.revise_selected()
    assert new_id and screen.editing() and not screen.editor.read_only
    screen.show_list()
    screen.select_report(report_id)
    assert screen.delete_selected()
    assert "ĐÃ BAN HÀNH" in asked[-1]
    with demo_db.read() as session:
        assert [r.id for r in rp.list_reports(session)] == [new_id]


def test_number_register_tab(screen, demo_db, qtmodeltester):
    report_id = screen.model.row_at(0).id
    with demo_db.unit_of_work() as session:
        rp.issue_report(session, report_id, 3)
        rp.register_number(session, "QĐ-UBND", 2025, 12, summary="Quyết định khác")
    screen.tabs.setCurrentWidget(screen.numbers_page)
    screen.year.setValue(2025)
    qtmodeltester.check(screen.numbers_model)
    assert screen.numbers_model.rowCount() == 2
    screen.symbol.setCurrentIndex(screen.symbol.findData("BC-UBND"))
    assert [r.number for r in screen.numbers_model.rows()] == [3]


def test_outlines_tab_is_embedded(screen):
    screen.tabs.setCurrentWidget(screen.outlines_holder)
    assert screen.outlines is not None
    assert screen.outlines.isVisibleTo(screen)


def test_plan_print_opens_preview(qtbot, demo_db, make_ctx, previews):
    from desktop.ui.plans.screen import PlansScreen

    plans = PlansScreen(make_ctx(demo_db))
    qtbot.addWidget(plans)
    plans.show()
    plans.refresh()
    assert plans.print_button.isEnabled()
    plans.print_current()
    assert len(previews) == 1
    assert previews[0].laid_out.pages
    assert "70" in previews[0].file_name


def test_main_window_opens_every_area(qtbot, demo_db, make_ctx):
    from desktop.ui.main_window import AREAS, MainWindow

    window = MainWindow(make_ctx(demo_db))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.database_ready()
    keys = [k for k, _f in AREAS]
    assert keys.index("reports") == keys.index("plans") + 1 and keys[-2:] == ["maintenance", "audit"]
    for key in keys:
        assert window.open_area(key) is not None or window.screen(key) is not None
    reports = window.open_area("reports")
    assert isinstance(reports, ReportsScreen)
    assert window.stack.currentWidget() is reports


def test_ascii_name():
    assert ascii_name("BC-UBND An Hải 2025-11") == "BC-UBND An Hai 2025-11"
    assert ascii_name("Đề cương") == "De cuong"
    assert qt_api is not None
