"""Driving real widgets: typing Vietnamese, acting inside modal dialogs.

Typing Vietnamese into real widgets: qtbot.keyClicks aborts on non-ASCII characters on the
offscreen platform, so those go in as key events carrying the text (what an input method
delivers for "ư", "ờ", …)."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text):
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def in_modal_dialog(open_dialog, interact, timeout_ms=10000):
    """Open a modal dialog and act on it from inside its event loop, then close it.

    Polls until the dialog is up (a busy machine may run the first timer before `exec()`), and
    always closes it, so a failing interaction fails the test instead of hanging the run."""
    seen = []
    errors = []
    waited = [0]
    finished = []

    def handle():
        if finished:  # open_dialog returned without a dialog: stop polling
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            waited[0] += 10
            if waited[0] < timeout_ms:
                QTimer.singleShot(10, handle)
            return
        seen.append(dialog)
        try:
            interact(dialog)
        except BaseException as exc:  # re-raised below, outside the dialog's event loop
            errors.append(exc)
        finally:
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, handle)
    open_dialog()
    finished.append(True)
    if errors:
        raise errors[0]
    assert seen, "no dialog was opened"
    return seen[0]
