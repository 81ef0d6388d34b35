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


def in_modal_dialog(open_dialog, interact):
    """Open a modal dialog and act on it from inside its event loop, then close it."""
    seen = []

    def handle():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        try:
            interact(dialog)
        finally:
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, handle)
    open_dialog()
    assert seen, "no dialog was opened"
    return seen[0]
