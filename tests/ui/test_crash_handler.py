"""The global error handler: each kind of failure gets its own Vietnamese message (never a
traceback or SQL text), details go to logs/nq57.log and behind "Chi tiết", "Sao chép chi tiết"
copies them, and an error raised while the dialog is open cannot loop."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.errors import UserError
from desktop.core.failures import classify, describe_exception
from desktop.logs import LOG_NAME, setup_logging
from desktop.strings import shell as SH
from desktop.ui.crash import CrashHandler, ErrorDialog, show_failure
from tests.ui.keyboard import in_modal_dialog

TECHNICAL = ("Traceback", "SELECT", "INSERT", "UPDATE", "sqlite3", "Error:", "errno", "OperationalError")


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001
        return caught


def _assert_plain(message: str) -> None:
    for word in TECHNICAL:
        assert word not in message, (word, message)


# ------------------------------------------------------------------------ classification


def _locked_error() -> sqlite3.OperationalError:
    """A real "database is locked", raised through SQLAlchemy with its SQL statement attached."""
    import tempfile
    from pathlib import Path

    from sqlalchemy import create_engine, text

    path = Path(tempfile.mkdtemp()) / "khoa.sqlite"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN EXCLUSIVE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t (x) VALUES (1)"))
    except Exception as exc:  # noqa: BLE001
        return exc
    finally:
        engine.dispose()
        holder.close()
    raise AssertionError("the write was not refused")


def test_each_failure_has_its_own_vietnamese_message(tmp_path):
    in_use = PermissionError(errno.EACCES, "The process cannot access the file", str(tmp_path / "bao-cao.xlsx"))
    in_use.winerror = 32  # what Windows sets for a sharing violation (the file is open in Excel)
    write_protected = OSError(errno.EROFS, "Read-only file system", "E:\\sao-luu.sqlite")
    cases = {
        "disk_full": [OSError(errno.ENOSPC, "No space left on device", "D:\\du-lieu\\nq57.sqlite"),
                      sqlite3.OperationalError("database or disk is full")],
        "file_in_use": [in_use],
        "read_only": [write_protected, PermissionError(errno.EACCES, "Permission denied", "C:\\Program Files\\x"),
                      sqlite3.OperationalError("attempt to write a readonly database")],
        "database_locked": [_locked_error()],
        "disk_io": [sqlite3.OperationalError("disk I/O error"), OSError(errno.EIO, "Input/output error")],
        "damaged": [sqlite3.DatabaseError("database disk image is malformed")],
        "attachment_missing": [FileNotFoundError(errno.ENOENT, "No such file",
                                                 str(tmp_path / "attachments" / "ab" / "abcdef.pdf"))],
        "file_missing": [FileNotFoundError(errno.ENOENT, "No such file", str(tmp_path / "ke-hoach.xlsx"))],
        "memory": [MemoryError()],
        "unexpected": [ValueError("a bug"), KeyError("tasks")],
    }
    seen_messages = set()
    for kind, errors in cases.items():
        for exc in errors:
            failure = classify(exc)
            assert failure.kind == kind, (exc, failure.kind)
            assert failure.title == SH.FAILURE_TITLE[kind]
            assert failure.expected == (kind != "unexpected")
            _assert_plain(failure.message)
            assert "Cách xử lý" in failure.message
            seen_messages.add(failure.title)
    assert len(seen_messages) == len(cases)
    assert "bao-cao.xlsx" in classify(in_use).message
    assert "«abcdef.pdf»" in classify(cases["attachment_missing"][0]).message
    assert "nq57.sqlite" in classify(cases["disk_full"][0]).message


def test_causes_are_found_through_wrapping_and_chaining():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("could not save") from inner
    except RuntimeError as outer:
        assert classify(outer).kind == "disk_full"
    try:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError:
            raise ValueError("while saving")  # noqa: B904 - implicit chaining on purpose
    except ValueError as outer:
        assert classify(outer).kind == "database_locked"


def test_user_errors_keep_their_own_message():
    title, message = describe_exception(UserError("Chưa nhập tên nhiệm vụ."))
    assert title == SH.FAILURE_TITLE["user"] and message == "Chưa nhập tên nhiệm vụ."


# ------------------------------------------------------------------------ the handler and its dialog


@pytest.fixture
def handler(qtbot, folder):
    setup_logging(folder.logs)
    handler = CrashHandler(folder)
    yield handler
    handler.uninstall()
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "baseFilename", "").endswith(LOG_NAME):
            root.removeHandler(h)
            h.close()


def _log_text(folder) -> str:
    for h in logging.getLogger().handlers:
        h.flush()
    return (folder.logs / LOG_NAME).read_text(encoding="utf-8")


def test_dialog_explains_hides_details_and_copies_them(qtbot, handler, folder):
    exc = _raised(sqlite3.OperationalError("database is locked"))
    seen = {}

    def interact(dialog):
        assert isinstance(dialog, ErrorDialog)
        seen["title"] = dialog.windowTitle()
        seen["message"] = dialog.message_label.text()
        seen["details_hidden"] = not dialog.details_view.isVisible()
        dialog.details_button.click()
        seen["details_shown"] = dialog.details_view.isVisible()
        seen["details"] = dialog.details_view.toPlainText()
        dialog.copy_button.click()
        seen["clipboard"] = QApplication.clipboard().text()
        seen["note"] = dialog.note.text()
        seen["log_line"] = dialog.log_label.text()

    in_modal_dialog(lambda: handler.handle(type(exc), exc, exc.__traceback__), interact)
    assert seen["title"] == SH.FAILURE_TITLE["database_locked"]
    assert seen["message"] == SH.FAILURE_MESSAGE["database_locked"]
    _assert_plain(seen["message"])
    assert seen["details_hidden"] and seen["details_shown"]
    assert "Traceback" in seen["details"] and "database is locked" in seen["details"]
    assert str(folder.root) in seen["details"]
    assert seen["clipboard"] == seen["details"]
    assert seen["note"] == SH.CRASH_COPIED
    assert LOG_NAME in seen["log_line"]
    log = _log_text(folder)
    assert "database_locked" in log and "Traceback" in log and "database is locked" in log


def test_an_error_while_the_dialog_is_open_is_only_logged(qtbot, handler, folder):
    first = _raised(ValueError("lỗi thứ nhất"))
    second = _raised(KeyError("lỗi thứ hai"))
    seen = {}

    def interact(dialog):
        handler.handle(type(second), second, second.__traceback__)  # e.g. a timer failing meanwhile
        seen["modal"] = QApplication.activeModalWidget()

    opened = in_modal_dialog(lambda: handler.handle(type(first), first, first.__traceback__), interact)
    assert seen["modal"] is opened
    assert handler.suppressed == 1
    assert "lỗi thứ hai" in _log_text(folder)
    # The same error again right after its dialog closed: logged, not shown again.
    handler.handle(type(first), first, first.__traceback__)
    assert handler.suppressed == 2 and handler.dialog is None


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_and_a_failing_dialog_button_do_not_loop(qtbot, handler, folder, monkeypatch):
    """Real exceptions through Qt: a slot raises → dialog; a button in the dialog raises → logged."""
    handler.install()

    def broken_copy(self):
        raise RuntimeError("hỏng trong hộp thoại")

    monkeypatch.setattr(ErrorDialog, "copy_details", broken_copy)
    seen = {}

    def interact(dialog):
        seen["dialog"] = dialog
        dialog.copy_button.click()  # raises inside the dialog's own slot
        seen["still"] = QApplication.activeModalWidget()

    def boom():
        raise ZeroDivisionError("chia cho 0")

    def start():
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: "dialog" in seen, timeout=5000)

    QTimer.singleShot(0, lambda: QTimer.singleShot(50, lambda: _act_on_modal(interact)))
    start()
    assert seen["still"] is seen["dialog"]
    assert seen["dialog"].failure.kind == "unexpected"
    assert handler.suppressed == 1
    log = _log_text(folder)
    assert "ZeroDivisionError" in log and "hỏng trong hộp thoại" in log


def _act_on_modal(interact) -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, lambda: _act_on_modal(interact))
        return
    try:
        interact(dialog)
    finally:
        dialog.done(0)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_by_the_gui_thread(qtbot, handler, folder):
    handler.install()
    seen = {}

    def interact(dialog):
        seen["thread"] = threading.current_thread() is threading.main_thread()
        seen["kind"] = dialog.failure.kind
        seen["details"] = dialog.details

    def work():
        raise OSError(errno.ENOSPC, "No space left on device", str(folder.exports / "bao-cao.pdf"))

    QTimer.singleShot(0, lambda: _act_on_modal(interact))
    worker = threading.Thread(target=work, name="xuat-bao-cao")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: "kind" in seen, timeout=5000)
    assert seen == {"thread": True, "kind": "disk_full", "details": seen["details"]}
    assert "xuat-bao-cao" in seen["details"]


def test_show_failure_for_an_error_a_screen_caught(qtbot, folder):
    exc = _raised(PermissionError(errno.EACCES, "Permission denied", "E:\\"))
    seen = {}
    in_modal_dialog(lambda: seen.setdefault("failure", show_failure(None, exc, folder)),
                    lambda dialog: seen.setdefault("text", dialog.message_label.text()))
    assert seen["failure"].kind == "read_only"
    assert seen["text"].startswith("Không ghi được")
    _assert_plain(seen["text"])
