"""The "Sao lưu và phục hồi" screen and the start-up dialog for a damaged data file."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPlainTextEdit

from desktop.app import database_is_sound
from desktop.core import backups
from desktop.core.changes import ALL
from desktop.strings import backups as B
from desktop.strings import common as C
from desktop.strings import shell as SH
from desktop.ui.maintenance import (
    BackupTableModel,
    CheckResultDialog,
    DamagedDatabaseDialog,
    MaintenanceScreen,
    RestorePreviewDialog,
    size_text,
)
from tests.ui.keyboard import in_modal_dialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_lasting_log_handlers():
    """The start-up check sets up the data folder's log; leave the test process as it was."""
    before = list(logging.getLogger().handlers)
    yield
    for handler in list(logging.getLogger().handlers):
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("plans", "tasks", "directives", "indicator_values", "reports", "evidence")}
    finally:
        connection.close()


def delete_tasks(db) -> None:
    from sqlalchemy import delete

    from desktop.models import Task

    with db.unit_of_work() as session:
        session.execute(delete(Task))


def garbage_in_the_middle(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle - 6000: middle + 6000] = bytes((i * 37 + 11) % 256 for i in range(12000))
    path.write_bytes(bytes(data))
    return bytes(data)


def when_modal(kind, interact, timeout_ms=30000) -> dict:
    """Act on the next modal dialog of type `kind` (opened later, by a job's callback) from inside
    its event loop, then close it. The returned dict gets "dialog" (and "error", re-raised by `done`)."""
    state: dict = {"dialog": None, "error": None, "waited": 0}

    def poll():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            state["waited"] += 10
            if state["waited"] < timeout_ms:
                QTimer.singleShot(10, poll)
            return
        state["dialog"] = dialog
        try:
            interact(dialog)
        except BaseException as exc:  # re-raised by done(), outside the dialog's event loop
            state["error"] = exc
        finally:
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, poll)
    return state


def done(qtbot, owner, state: dict | None = None, timeout=30000) -> None:
    """Wait until `owner` has no job running (and the awaited dialog, if any, was seen)."""
    qtbot.waitUntil(lambda: owner.job is None and (state is None or state["dialog"] is not None), timeout=timeout)
    if state is not None and state["error"] is not None:
        raise state["error"]


def run(qtbot, owner, job):
    """Start-and-wait: the job's result."""
    assert job is not None
    done(qtbot, owner)
    assert job.done and job.error is None, job.error
    return job.result


def held_until_cancelled(real):
    """A stand-in for backups._copy_file / _sha256 that waits for «Hủy» before doing the real work,
    so the progress dialog is surely on screen when the test clicks it."""
    def slow(path, *args):
        cancelled = args[-1]
        deadline = time.monotonic() + 20
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(path, *args)
    return slow


def _screen(qtbot, ctx) -> MaintenanceScreen:
    screen = MaintenanceScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 650)
    screen.show()
    screen.refresh()
    return screen


def test_backup_table_model(qtmodeltester, demo_folder):
    backups.make_backup(demo_folder)
    backups.make_backup(demo_folder, reason="daily", when=datetime.now() - timedelta(days=1))
    model = BackupTableModel()
    model.set_rows(backups.list_backups(demo_folder))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(0, model.column_index("kind"))) == B.KIND["manual"]
    assert model.data(model.index(1, model.column_index("kind"))) == B.KIND["daily"]
    assert model.data(model.index(0, model.column_index("office"))) == "Phường An Hải (11311)"
    assert size_text(430080) == "420 KB" and size_text(64_299_008) == "61,3 MB"


def test_backup_now_and_to_a_chosen_folder(qtbot, make_ctx, demo_db, tmp_path, monkeypatch):
    screen = _screen(qtbot, make_ctx(demo_db))
    assert screen.model.rowCount() == 0
    assert not screen.restore_selected_button.isEnabled()
    path = run(qtbot, screen, screen.backup_now())
    assert path is not None and path.parent == demo_db.folder.backups and screen.last_result == path
    assert screen.model.rowCount() == 1
    assert screen.restore_selected_button.isEnabled()  # the new backup is selected
    assert path.name in screen.status.text()

    usb = tmp_path / "USB Sao lưu"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    copied = run(qtbot, screen, screen.backup_to_folder())
    assert copied is not None and copied.parent == usb
    assert copied.name.startswith("nq57-11311-") and datetime.now().strftime("%Y%m%d") in copied.name
    assert str(copied) in screen.status.text()
    assert backups.inspect_backup(copied).tasks == counts(demo_db.folder.database)["tasks"]
    assert screen.model.rowCount() == 1  # the list shows backups/ only


def test_backup_then_delete_then_restore_gives_identical_counts(qtbot, make_ctx, demo_db):
    ctx = make_ctx(demo_db)
    screen = _screen(qtbot, ctx)
    before = counts(demo_db.folder.database)
    backup = run(qtbot, screen, screen.backup_now())
    delete_tasks(demo_db)
    assert counts(demo_db.folder.database)["tasks"] == 0
    emitted = []
    ctx.data_changed.connect(emitted.append)
    seen = {}

    def confirm(dialog):
        assert isinstance(dialog, RestorePreviewDialog)
        seen["tasks"] = dialog.count_labels["tasks"].text()
        seen["warnings"] = dialog.warning_label.text()
        seen["default"] = dialog.cancel_button.isDefault()
        seen["focus"] = dialog.focusWidget() is dialog.cancel_button
        dialog.restore_button.click()

    state = when_modal(RestorePreviewDialog, confirm)
    screen.restore_path(backup)
    done(qtbot, screen, state)
    assert isinstance(screen.last_result, backups.RestoreResult)
    assert seen["tasks"] == str(before["tasks"])
    assert seen["warnings"] == ""  # the backup has more, not fewer, tasks than the current data
    assert seen["default"] and seen["focus"]  # Enter cancels
    assert counts(demo_db.folder.database) == before
    assert ctx.db is not demo_db  # closed, restored, reopened
    with ctx.db.read() as session:
        from desktop.core.office import get_office

        assert get_office(session).short_name == "Phường An Hải"
    ctx.db.close()
    assert emitted and emitted[-1].kinds == ALL
    safety = [e for e in backups.list_backups(demo_db.folder) if e.kind == "before-restore"]
    assert len(safety) == 1 and str(safety[0].path) in screen.status.text()
    assert screen.model.rowCount() == 2


def test_preview_warns_about_fewer_tasks_and_another_office(qtbot, demo_folder, tmp_path):
    other = tmp_path / "khac.sqlite"
    backups.make_backup(demo_folder, other)
    connection = sqlite3.connect(other)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("DELETE FROM tasks")
    connection.execute("UPDATE units SET code = '99999', short_name = 'Xã Tân Tiến' WHERE is_self = 1")
    connection.commit()
    connection.close()
    info = backups.restorable(other)
    dialog = RestorePreviewDialog(info, backups.data_counts(demo_folder.database),
                                  backups.inspect_office(demo_folder.database))
    qtbot.addWidget(dialog)
    text = dialog.warning_label.text()
    assert "Xã Tân Tiến (99999)" in text and "Phường An Hải (11311)" in text
    assert B.PREVIEW_COUNTS["tasks"].lower() in text
    assert dialog.count_labels["tasks"].text() == "0"


def test_a_cancelled_preview_changes_nothing(qtbot, make_ctx, demo_db):
    ctx = make_ctx(demo_db)
    screen = _screen(qtbot, ctx)
    backup = run(qtbot, screen, screen.backup_now())
    delete_tasks(demo_db)
    state = when_modal(RestorePreviewDialog, lambda dialog: dialog.cancel_button.click())
    screen.restore_path(backup)
    done(qtbot, screen, state)
    assert counts(demo_db.folder.database)["tasks"] == 0
    assert ctx.db is demo_db


def test_a_damaged_file_is_refused_with_a_vietnamese_message(qtbot, make_ctx, demo_db, tmp_path):
    screen = _screen(qtbot, make_ctx(demo_db))
    bad = tmp_path / "hong.sqlite"
    backups.make_backup(demo_db.folder, bad)
    garbage_in_the_middle(bad)
    before = demo_db.folder.database.read_bytes()
    seen = {}
    state = when_modal(QMessageBox, lambda box: seen.setdefault("text", box.text()))
    screen.restore_path(bad)
    done(qtbot, screen, state)
    assert screen.last_result is None
    assert "hong.sqlite" in seen["text"]
    assert demo_db.folder.database.read_bytes() == before


def test_check_data_reports_sound_data_then_a_missing_attachment(qtbot, make_ctx, demo_db, tmp_path):
    from sqlalchemy import select

    from desktop.core import tasks as tasks_core
    from desktop.models import Task

    screen = _screen(qtbot, make_ctx(demo_db))
    seen = {}

    def read(dialog):
        assert isinstance(dialog, CheckResultDialog)
        seen["text"] = dialog.findChild(QLabel, "headline").text()
        problems = dialog.findChild(QPlainTextEdit, "problems")
        seen["problems"] = problems.toPlainText() if problems is not None else ""

    state = when_modal(CheckResultDialog, read)
    screen.check_data()
    done(qtbot, screen, state)
    assert screen.last_result == [] and B.CHECK_OK in seen["text"]

    evidence = tmp_path / "bien-ban-hop.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban")
    with demo_db.unit_of_work() as session:
        task_id = session.scalars(select(Task.id).order_by(Task.id).limit(1)).one()
        tasks_core.add_evidence_file(session, demo_db.folder, task_id, evidence)
    stored = next(p for p in demo_db.folder.attachments.rglob("*.pdf"))
    stored.unlink()
    seen.clear()
    state = when_modal(CheckResultDialog, read)
    screen.check_data()
    done(qtbot, screen, state)
    assert len(screen.last_result) == 1
    assert "bien-ban-hop.pdf" in seen["problems"]
    assert "1" in seen["text"]


def attach_files(db, tmp_path: Path, count: int) -> None:
    from sqlalchemy import select

    from desktop.core import tasks as tasks_core
    from desktop.models import Task

    with db.unit_of_work() as session:
        task_id = session.scalars(select(Task.id).order_by(Task.id).limit(1)).one()
        for number in range(count):
            source = tmp_path / f"biên bản {number}.pdf"
            source.write_bytes(f"%PDF-1.4 biên bản số {number}".encode())
            tasks_core.add_evidence_file(session, db.folder, task_id, source)


def wait_dialog(qtbot, owner):
    qtbot.waitUntil(lambda: owner.job is not None and owner.job.dialog is not None
                    and owner.job.dialog.isVisible(), timeout=20000)
    return owner.job.dialog


def test_a_backup_to_usb_shows_progress_and_cancel_leaves_nothing(qtbot, make_ctx, demo_db, tmp_path, monkeypatch):
    attach_files(demo_db, tmp_path, 3)
    screen = _screen(qtbot, make_ctx(demo_db))
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    monkeypatch.setattr(backups, "_copy_file", held_until_cancelled(backups._copy_file))
    job = screen.backup_to_folder()
    dialog = wait_dialog(qtbot, screen)
    assert QApplication.activeModalWidget() is dialog
    assert dialog.windowTitle() == B.JOB_BACKUP_TITLE
    assert dialog.label.text() == B.JOB_BACKUP_TO.format(folder=usb)
    qtbot.waitUntil(lambda: dialog.detail.text() == "Đang chép tệp minh chứng 1/3…", timeout=20000)
    assert dialog.bar.maximum() == 3
    dialog.cancel_button.click()
    assert dialog.detail.text() == C.STOPPING
    done(qtbot, screen)
    assert job.was_cancelled and screen.last_result is None
    assert list(usb.iterdir()) == []  # no database copy, no evidence folder, no temp file
    assert screen.status.text().startswith("Đã hủy sao lưu")
    assert screen.model.rowCount() == 0


def test_the_data_check_can_be_cancelled(qtbot, make_ctx, demo_db, tmp_path, monkeypatch):
    attach_files(demo_db, tmp_path, 2)
    screen = _screen(qtbot, make_ctx(demo_db))
    monkeypatch.setattr(backups, "_sha256", held_until_cancelled(backups._sha256))
    monkeypatch.setattr(CheckResultDialog, "exec", lambda _d: pytest.fail("no result for a cancelled check"))
    job = screen.check_data()
    dialog = wait_dialog(qtbot, screen)
    assert dialog.windowTitle() == B.JOB_CHECK_TITLE
    qtbot.waitUntil(lambda: dialog.detail.text() == "Đang kiểm tra tệp minh chứng 1/2…", timeout=20000)
    dialog.cancel_button.click()
    done(qtbot, screen)
    assert job.was_cancelled and screen.last_result is None
    assert screen.status.text().startswith("Đã dừng kiểm tra dữ liệu")


def test_a_restore_once_started_cannot_be_cancelled(qtbot, make_ctx, demo_db, monkeypatch):
    ctx = make_ctx(demo_db)
    screen = _screen(qtbot, ctx)
    backup = run(qtbot, screen, screen.backup_now())
    real = backups.restore

    def slow_restore(folder, source, *, progress=None):
        time.sleep(1.0)  # long enough for the dialog to show
        return real(folder, source, progress=progress)

    monkeypatch.setattr(backups, "restore", slow_restore)
    state = when_modal(RestorePreviewDialog, lambda dialog: dialog.restore_button.click())
    screen.restore_path(backup)
    qtbot.waitUntil(lambda: state["dialog"] is not None, timeout=20000)
    dialog = wait_dialog(qtbot, screen)
    assert "không dừng giữa chừng" in dialog.label.text() and backup.name in dialog.label.text()
    assert not dialog.cancel_button.isVisibleTo(dialog)
    dialog.close()  # the title bar's ×: ignored
    assert dialog.isVisible()
    done(qtbot, screen)
    assert isinstance(screen.last_result, backups.RestoreResult)
    assert ctx.db is not demo_db  # reopened on the GUI thread after the job
    ctx.db.close()


def test_screen_fits_1366x768(qtbot, make_ctx, demo_db):
    screen = _screen(qtbot, make_ctx(demo_db))
    hint = screen.minimumSizeHint()
    assert hint.width() <= 1366 - 240 and hint.height() <= 768 - 120, hint


# ------------------------------------------------------------------------ damaged data file at start-up


def test_damaged_dialog_offers_the_newest_good_backup_and_restores_it(qtbot, demo_folder):
    before = counts(demo_folder.database)
    good = backups.make_backup(demo_folder, reason="daily", when=datetime.now() - timedelta(days=1))
    newer = backups.make_backup(demo_folder, reason="manual", when=datetime.now() - timedelta(hours=1))
    garbage_in_the_middle(newer)
    damaged = garbage_in_the_middle(demo_folder.database)
    dialog = DamagedDatabaseDialog(demo_folder, backups.quick_check(demo_folder.database))
    qtbot.addWidget(dialog)
    assert dialog.candidate.path == good
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()
    assert "Phường An Hải" in dialog.backup_label.text()
    assert f"{before['tasks']} nhiệm vụ" in dialog.backup_label.text()
    assert dialog.restore() is not None
    done(qtbot, dialog)
    assert dialog.continue_button.isVisibleTo(dialog) and not dialog.restore_button.isVisibleTo(dialog)
    assert dialog.recovery.damaged.read_bytes() == damaged
    assert dialog.recovery.damaged.name.startswith("nq57.sqlite.hong-")
    assert str(dialog.recovery.damaged) in dialog.offer_label.text()
    assert counts(demo_folder.database) == before


def test_damaged_dialog_without_backups_can_choose_a_file(qtbot, demo_folder, tmp_path, monkeypatch):
    usb = tmp_path / "USB" / "nq57-11311-20251117-080000.sqlite"
    usb.parent.mkdir()
    backups.make_backup(demo_folder, usb)
    for path in demo_folder.backups.iterdir():
        path.unlink()
    garbage_in_the_middle(demo_folder.database)
    dialog = DamagedDatabaseDialog(demo_folder, ["hỏng"])
    qtbot.addWidget(dialog)
    assert dialog.candidate is None and not dialog.restore_button.isEnabled()
    assert dialog.offer_label.text() == SH.DAMAGED_NONE.format(path=demo_folder.backups)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(usb), ""))
    dialog.choose_other()
    assert dialog.candidate.path == usb and dialog.restore_button.isEnabled()
    assert dialog.offer_label.text() == SH.DAMAGED_CHOSEN
    assert "17/11/2025 08:00" in dialog.backup_label.text()


def test_start_up_check_restores_or_quits(qtbot, demo_folder):
    assert database_is_sound(demo_folder) is True  # a sound file: no dialog
    before = counts(demo_folder.database)
    backups.make_backup(demo_folder, reason="daily")
    damaged = garbage_in_the_middle(demo_folder.database)

    def quit_(dialog):
        assert isinstance(dialog, DamagedDatabaseDialog)
        dialog.quit_button.click()

    seen = {}
    in_modal_dialog(lambda: seen.setdefault("quit", database_is_sound(demo_folder)), quit_)
    assert seen["quit"] is False
    assert demo_folder.database.read_bytes() == damaged  # refused, untouched

    def restore(dialog):
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: dialog.continue_button.isVisibleTo(dialog), timeout=30000)
        dialog.continue_button.click()

    in_modal_dialog(lambda: seen.setdefault("restored", database_is_sound(demo_folder)), restore)
    assert seen["restored"] is True
    assert counts(demo_folder.database) == before
    kept = [p for p in demo_folder.root.glob("nq57.sqlite.hong-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged


def test_the_program_refuses_a_damaged_file_at_start(demo_folder):
    """The real program on a damaged file: it shows the recovery dialog, logs why, and never
    opens the file for writing (its bytes stay the same, no journal is written next to it)."""
    damaged = garbage_in_the_middle(demo_folder.database)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(demo_folder.root),
                             "--exit-after-overview"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = demo_folder.logs / "nq57.log"
    try:
        deadline = time.monotonic() + 60
        while "is damaged" not in (log.read_text(encoding="utf-8") if log.exists() else ""):
            assert proc.poll() is None, proc.stderr.read().decode("utf-8", "replace")
            assert time.monotonic() < deadline
            time.sleep(0.1)
        time.sleep(0.3)
        assert proc.poll() is None  # waiting for the user's choice, not opened
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.stderr.close()
    assert demo_folder.database.read_bytes() == damaged
    assert not (demo_folder.root / "nq57.sqlite-journal").exists()
    wal = demo_folder.root / "nq57.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_message_boxes_speak_vietnamese(qtbot):
    from desktop.ui.maintenance import _warn

    seen = {}

    def read(box):
        seen["buttons"] = [b.text() for b in box.buttons()]

    in_modal_dialog(lambda: _warn(None, "Tệp «x» bị hỏng."), read)
    assert seen["buttons"] == [B.CLOSE]
