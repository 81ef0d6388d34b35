"""«Nhận gói dữ liệu»: files given to the tab are previewed (statuses, reasons, every problem),
imported through the progress dialog, and the result per file is shown; cancelling keeps exactly the
packages imported before it; the main window passes a .nq57 given to the program."""

from __future__ import annotations

import threading
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QPushButton
from sqlalchemy import func, select

from desktop.core import receive
from desktop.core.changes import INDICATORS
from desktop.models import IndicatorValue, ReceivedPackage, Unit
from desktop.ui import jobs
from desktop.ui.exchange.screen import ExchangeScreen
from tests.ui.exchange_senders import UNIT_A, UNIT_B, sender_package


@pytest.fixture
def packages(office_folder, tmp_path):
    """Two units' packages, a newer version of A, the office's own package and a broken file."""
    out = tmp_path / "goi"
    out.mkdir()
    work = tmp_path / "senders"
    code, name, values, tasks = UNIT_A
    a = sender_package(office_folder.root, work, out, code, name, values, tasks, created=datetime(2025, 10, 2, 8))
    newer_values = dict(values, **{"OPS.DOSSIER.RECEIVED": "110", "OPS.DOSSIER.IN_PERSON": "30"})
    a2 = sender_package(office_folder.root, work, out, code, name, newer_values, (), file_name="31001-moi.nq57",
                        created=datetime(2025, 10, 2, 15))
    code, name, values, tasks = UNIT_B
    b = sender_package(office_folder.root, work, out, code, name, values, tasks, created=datetime(2025, 10, 1, 9))
    own = sender_package(office_folder.root, work, out, "11311", "Phường An Hải", {"OPS.DOSSIER.RECEIVED": "5"})
    broken = out / "hong.nq57"
    broken.write_bytes(a.read_bytes()[: a.stat().st_size // 2])
    return {"a": a, "a2": a2, "b": b, "own": own, "broken": broken}


@pytest.fixture
def screen(qtbot, office_db, make_ctx):
    ctx = make_ctx(office_db)
    widget = ExchangeScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.refresh()
    yield widget
    assert jobs.wait_all()


def wait_idle(qtbot, tab):
    qtbot.waitUntil(lambda: tab.job is None, timeout=30000)


def statuses(tab):
    model = tab.preview_model
    column = model.column_index("status")
    return {Path(model.row_at(r).file).name: model.index(r, column).data() for r in range(model.rowCount())}


def count(database, model, *where):
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_preview_then_import_two_packages(qtbot, qtmodeltester, screen, office_db, packages, monkeypatch):
    tab = screen.receive
    chosen = [str(packages["a"]), str(packages["b"]), str(packages["own"]), str(packages["broken"])]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: (chosen, args[-1]))
    screen.tabs.setCurrentWidget(tab)
    tab.choose_button.click()
    wait_idle(qtbot, tab)
    qtmodeltester.check(tab.preview_model)
    assert statuses(tab) == {"31001.nq57": "Mới", "31002.nq57": "Mới", "11311.nq57": "Bị từ chối",
                             "hong.nq57": "Bị từ chối"}
    reasons = {Path(p.file).name: p.reason for p in tab.previews}
    assert "11311" in reasons["11311.nq57"]
    assert reasons["hong.nq57"]
    assert tab.import_button.text() == "Nhập 2 gói" and tab.import_button.isEnabled()
    assert "2 mới" in tab.status.text() and "2 bị từ chối" in tab.status.text()

    # The details of the selected package list its actions; a refused one lists its problems.
    tab.preview_view.selectRow(0)
    details = tab.details.toPlainText()
    assert "31001" in details and "Phường A" in details and "Sẽ thực hiện" in details
    tab.preview_view.selectRow(3)
    assert "Các lỗi phát hiện (1)" in tab.details.toPlainText()
    assert count(office_db, ReceivedPackage) == 0  # a preview writes nothing

    changes = []
    screen.ctx.data_changed.connect(changes.append)
    tab.import_button.click()
    assert tab.progress_dialog is not None and tab.progress_dialog.labelText().startswith("Đang chuẩn bị")
    wait_idle(qtbot, tab)
    assert tab.progress_dialog is None
    qtmodeltester.check(tab.result_model)
    assert tab.pages.currentIndex() == 1
    result_column = tab.result_model.column_index("status")
    results = {Path(tab.result_model.row_at(r).file).name: tab.result_model.index(r, result_column).data()
               for r in range(tab.result_model.rowCount())}
    assert results == {"31001.nq57": "Đã nhập", "31002.nq57": "Đã nhập", "11311.nq57": "Bị từ chối",
                       "hong.nq57": "Bị từ chối"}
    assert "2 đã nhập" in tab.status.text()
    assert count(office_db, ReceivedPackage) == 2
    assert count(office_db, Unit, Unit.is_self.is_(False)) == 2
    assert changes and changes[-1].touches(INDICATORS)

    # Again, with the newer version of A: A is unchanged now, A's newer package replaces it.
    tab.set_files([packages["a"], packages["a2"]])
    wait_idle(qtbot, tab)
    assert statuses(tab) == {"31001.nq57": "Không đổi", "31001-moi.nq57": "Thay thế bản cũ"}
    assert tab.import_button.text() == "Nhập 1 gói"
    tab.import_button.click()
    wait_idle(qtbot, tab)
    assert [(Path(r.file).name, r.status) for r in tab.results] == [("31001-moi.nq57", "replaced"),
                                                                    ("31001.nq57", "unchanged")]
    assert count(office_db, ReceivedPackage, ReceivedPackage.current.is_(True)) == 2
    with office_db.read() as session:
        unit_a = session.scalar(select(Unit.id).where(Unit.code == "31001"))
        assert session.scalar(select(func.count()).select_from(IndicatorValue).where(
            IndicatorValue.unit_id == unit_a)) == 3

    # The older package after the newer one: skipped, never imported.
    tab.set_files([packages["a"]])
    wait_idle(qtbot, tab)
    assert statuses(tab) == {"31001.nq57": "Không đổi"}
    assert not tab.import_button.isEnabled()


def test_older_package_is_skipped(qtbot, screen, packages):
    tab = screen.receive
    tab.set_files([packages["a2"], packages["a"]])  # the newer first: the older one would be skipped
    wait_idle(qtbot, tab)
    assert statuses(tab) == {"31001-moi.nq57": "Mới", "31001.nq57": "Bản cũ hơn – bỏ qua"}
    assert "gói mới hơn" in tab.previews[1].reason and "02/10/2025 15:00" in tab.previews[1].reason
    column = tab.preview_model.column_index("reason")
    assert tab.preview_model.index(1, column).data() == tab.previews[1].reason
    assert tab.import_button.text() == "Nhập 1 gói"


def test_every_problem_of_a_refused_package_is_listed(qtbot, screen, packages, tmp_path):
    """A package whose data has two unreadable values: both are listed with their reason."""
    import json

    source = packages["b"]
    bad = tmp_path / "hai-loi.nq57"
    with zipfile.ZipFile(source) as zin:
        manifest = json.loads(zin.read("manifest.json"))
        data = json.loads(zin.read("data.json"))
    data["values"][0]["value"] = "nhiều"
    data["values"][1]["value"] = "1e999"
    from desktop.core import nq57file

    fields = {k: manifest[k] for k in ("direction", "content", "unit", "period", "package_id")}
    nq57file.write_package(bad, fields, data, {})
    tab = screen.receive
    tab.set_files([bad])
    wait_idle(qtbot, tab)
    preview = tab.previews[0]
    assert preview.status == "refused" and len(preview.problems) >= 2
    tab.preview_view.selectRow(0)
    text = tab.details.toPlainText()
    assert f"Các lỗi phát hiện ({len(preview.problems)})" in text
    for problem in preview.problems:
        assert problem in text


def test_cancel_after_the_first_package_keeps_exactly_that_one(qtbot, screen, office_db, packages, monkeypatch):
    """The import waits after its first progress call until the progress dialog's «Hủy» was
    clicked (a slow stub around the real import): the first package is imported, the rest not."""
    real_import = receive.import_packages
    clicked = threading.Event()

    def slow_import(database, paths, *, progress=None, cancelled=None, **kwargs):
        calls = []

        def gated(done, total, name):
            progress(done, total, name)
            calls.append(done)
            if len(calls) == 1:
                assert clicked.wait(20)
                assert cancelled()

        return real_import(database, paths, progress=gated, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(receive, "import_packages", slow_import)
    tab = screen.receive
    tab.set_files([packages["a"], packages["b"], packages["a2"]])
    wait_idle(qtbot, tab)
    assert tab.import_button.text() == "Nhập 3 gói"
    tab.import_button.click()
    dialog = tab.progress_dialog
    qtbot.waitUntil(lambda: dialog.labelText() == "1/3 – 31001.nq57", timeout=20000)
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Hủy"
    cancel.click()
    clicked.set()
    wait_idle(qtbot, tab)
    assert [(Path(r.file).name, r.status) for r in tab.results] == [("31001.nq57", "imported")]
    assert "1 gói đã nhập xong" in tab.status.text() and "2 tệp chưa nhập" in tab.status.text()
    with office_db.read() as session:
        assert session.scalars(select(Unit.code).where(Unit.is_self.is_(False))).all() == ["31001"]
        assert session.scalar(select(func.count()).select_from(ReceivedPackage)) == 1


def test_dropping_files_on_the_tab(qtbot, screen, packages, tmp_path):
    tab = screen.receive
    screen.tabs.setCurrentWidget(tab)
    other = tmp_path / "ghi-chu.txt"
    other.write_text("không phải gói", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(packages["b"])), QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tab.dropEvent(event)
    wait_idle(qtbot, tab)
    assert statuses(tab) == {"31002.nq57": "Mới"}
    assert "Bỏ qua 1 tệp không phải gói .nq57" in tab.status.text()


def test_main_window_opens_a_package_given_to_the_program(qtbot, office_db, make_ctx, packages):
    """desktop.app keeps the .nq57 files of the command line in ctx.startup_files and, once the
    database is open, hands them to ExchangeScreen.open_files."""
    from desktop.app import open_startup_files
    from desktop.ui.main_window import MainWindow

    ctx = make_ctx(office_db)
    ctx.startup_files = [str(packages["b"])]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.database_ready()
    open_startup_files(ctx, window)
    screen = window.screen("exchange")
    assert isinstance(screen, ExchangeScreen) and window.stack.currentWidget() is screen
    assert screen.tabs.currentWidget() is screen.receive
    wait_idle(qtbot, screen.receive)
    assert statuses(screen.receive) == {"31002.nq57": "Mới"}
    assert ctx.startup_files == []
