"""desktop.ui.jobs.run_with_progress with real widgets: the modal progress dialog, quick work
without a flash, cooperative cancel, errors handed to the GUI thread, a deleted owner."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import Cancelled, UserError
from desktop.strings import common as C
from desktop.ui import jobs


def gone(dialog) -> bool:
    from shiboken6 import isValid

    return not isValid(dialog) or not dialog.isVisible()


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    widget.setWindowTitle("Cửa sổ")
    widget.clicks = []
    button = QPushButton("Sao lưu ngay", widget)
    button.clicked.connect(lambda: widget.clicks.append(1))
    QVBoxLayout(widget).addWidget(button)
    widget.button = button
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    assert jobs.wait_all()


class Calls:
    def __init__(self) -> None:
        self.done, self.errors, self.cancelled = [], [], []
        self.threads = []

    def on_done(self, result) -> None:
        self.threads.append(threading.current_thread())
        self.done.append(result)

    def on_error(self, exc) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(exc)

    def on_cancelled(self) -> None:
        self.cancelled.append(True)


def test_progress_text_and_bar_are_shown_then_the_result_arrives(qtbot, window):
    calls = Calls()
    release = threading.Event()

    def work(ticket):
        ticket.report(3, 10, "Đang chép tệp minh chứng 3/10: biên bản họp.pdf")
        assert release.wait(10)
        return "xong"

    pj = jobs.run_with_progress(window, "Sao lưu dữ liệu", "Đang sao lưu dữ liệu ra USB…", work,
                                calls.on_done, calls.on_error, delay_ms=50, on_cancelled=calls.on_cancelled)
    qtbot.waitUntil(lambda: pj.dialog is not None and pj.dialog.isVisible(), timeout=5000)
    dialog = pj.dialog
    qtbot.waitUntil(lambda: dialog.detail.text() != "", timeout=5000)
    assert dialog.windowTitle() == "Sao lưu dữ liệu"
    assert dialog.label.text() == "Đang sao lưu dữ liệu ra USB…"
    assert dialog.detail.text() == "Đang chép tệp minh chứng 3/10: biên bản họp.pdf"
    assert (dialog.bar.value(), dialog.bar.maximum()) == (3, 10)
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == C.CANCEL
    assert QApplication.activeModalWidget() is dialog  # the window is blocked while it runs
    assert dialog.windowModality() == Qt.WindowModality.WindowModal and dialog.parent() is window
    assert not calls.done
    release.set()
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert calls.done == ["xong"] and pj.result == "xong"
    assert calls.threads == [threading.main_thread()]
    assert gone(dialog) and pj.dialog is None
    assert QApplication.overrideCursor() is None
    assert not calls.errors and not calls.cancelled


def test_quick_work_shows_no_dialog_and_blocks_the_window_meanwhile(qtbot, window, monkeypatch):
    made = []
    original = jobs.ProgressDialog

    class Spy(original):
        def __init__(self, *args, **kwargs):
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(jobs, "ProgressDialog", Spy)
    calls = Calls()
    release = threading.Event()

    def work(_ticket):
        assert release.wait(10)
        return 42

    pj = jobs.run_with_progress(window, "Xuất Excel", "Đang ghi tệp…", work, calls.on_done, delay_ms=5000)
    assert QApplication.overrideCursor() is not None  # a busy cursor at once
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)  # dropped: the job owns the window
    qtbot.keyClick(window.button, Qt.Key.Key_Space)
    assert window.clicks == []
    release.set()
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert calls.done == [42] and made == [] and pj.dialog is None
    assert QApplication.overrideCursor() is None
    qtbot.mouseClick(window.button, Qt.MouseButton.LeftButton)  # the window works again
    assert window.clicks == [1]


def test_cancel_sets_the_flag_and_ends_with_on_cancelled(qtbot, window):
    calls = Calls()
    seen = []

    def work(ticket):
        for step in range(1000):
            if ticket.cancelled():
                seen.append(step)
                raise Cancelled()
            ticket.report(step, 1000, f"Bước {step}")
            threading.Event().wait(0.01)
        return "hết"

    pj = jobs.run_with_progress(window, "Kiểm tra dữ liệu", "Đang kiểm tra…", work, calls.on_done, calls.on_error,
                                delay_ms=0, on_cancelled=calls.on_cancelled)
    qtbot.waitUntil(lambda: pj.dialog is not None and pj.dialog.isVisible(), timeout=5000)
    dialog = pj.dialog
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert pj.cancelled()
    assert not dialog.cancel_button.isEnabled() and dialog.detail.text() == C.STOPPING
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert calls.cancelled == [True] and not calls.done and not calls.errors
    assert pj.was_cancelled and pj.error is None and seen
    assert gone(dialog)


def test_escape_cancels_a_cancellable_job_but_not_the_others(qtbot, window):
    release = threading.Event()

    def work(ticket):
        while not release.is_set():
            if ticket.cancelled():
                raise Cancelled()
            threading.Event().wait(0.01)
        return None

    calls = Calls()
    fixed = jobs.run_with_progress(window, "Phục hồi dữ liệu", "Đang phục hồi (không dừng được)…", work,
                                   calls.on_done, calls.on_error, cancellable=False, delay_ms=0)
    qtbot.waitUntil(lambda: fixed.dialog is not None and fixed.dialog.isVisible(), timeout=5000)
    dialog = fixed.dialog
    assert not dialog.cancel_button.isVisibleTo(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible() and not fixed.cancelled()
    release.set()
    qtbot.waitUntil(lambda: fixed.done, timeout=10000)
    assert calls.done == [None]

    release.clear()
    stoppable = jobs.run_with_progress(window, "Sao lưu", "Đang sao lưu…", work, calls.on_done, calls.on_error,
                                       delay_ms=0, on_cancelled=calls.on_cancelled)
    qtbot.waitUntil(lambda: stoppable.dialog is not None and stoppable.dialog.isVisible(), timeout=5000)
    qtbot.keyClick(stoppable.dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: stoppable.done, timeout=10000)
    assert calls.cancelled == [True] and calls.done == [None]


def test_an_exception_reaches_on_error_on_the_gui_thread(qtbot, window):
    calls = Calls()

    def work(_ticket):
        raise OSError(28, "No space left on device")

    pj = jobs.run_with_progress(window, "Sao lưu", "Đang sao lưu…", work, calls.on_done, calls.on_error)
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert [type(e) for e in calls.errors] == [OSError] and pj.error is calls.errors[0]
    assert calls.threads == [threading.main_thread()]
    assert not calls.done


def test_a_refusal_without_on_error_is_shown_in_vietnamese(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0)

    def work(_ticket):
        raise UserError("Tệp «x.sqlite» bị hỏng.")

    pj = jobs.run_with_progress(window, "Phục hồi", "Đang đọc…", work, lambda _r: None)
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert shown == [(C.ERROR_TITLE, "Tệp «x.sqlite» bị hỏng.")]


def test_an_owner_deleted_mid_job_gets_nothing(qtbot):
    from shiboken6 import delete

    owner = QWidget()
    owner.show()
    calls = Calls()
    release = threading.Event()

    def work(ticket):
        ticket.report(1, 2, "nửa đường")
        assert release.wait(10)
        return "kết quả"

    pj = jobs.run_with_progress(owner, "Xuất", "Đang xuất…", work, calls.on_done, calls.on_error, delay_ms=0,
                                on_cancelled=calls.on_cancelled)
    qtbot.waitUntil(lambda: pj.dialog is not None, timeout=5000)
    delete(owner)  # the dialog (its child) goes with it
    release.set()
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert not calls.done and not calls.errors and not calls.cancelled
    assert pj.dialog is None and QApplication.overrideCursor() is None
    assert QApplication.activeModalWidget() is None


def test_without_a_parent_the_dialog_is_application_modal(qtbot):
    release = threading.Event()
    results = []
    pj = jobs.run_with_progress(None, "In", "Đang in…", lambda _t: release.wait(10), results.append, delay_ms=0)
    qtbot.waitUntil(lambda: pj.dialog is not None and pj.dialog.isVisible(), timeout=5000)
    assert pj.dialog.windowModality() == Qt.WindowModality.ApplicationModal
    release.set()
    qtbot.waitUntil(lambda: pj.done, timeout=10000)
    assert results == [True]
