"""The user guide: a non-modal window over resources/help/huong-dan.html, opened at the part
that matches the current screen (F1 passes the screen's `help_topic`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.paths import resources_dir
from desktop.strings import help as H
from desktop.ui.common import BaseDialog

HELP_FILE = "help/huong-dan.html"
# A screen's help_topic -> the anchor of its section. A topic that already is an anchor needs no entry.
TOPIC_ANCHORS = {
    "first_run": "bat-dau",
    "overview": "tong-quan",
    "tasks": "nhiem-vu",
    "plans": "ke-hoach",
    "directives": "van-ban",
    "office": "co-quan",
    "signers": "tham-quyen",
    "shortcuts": "phim-tat",
    "data": "du-lieu",
    "indicators": "chi-tieu",
    "export": "xuat-excel",
    "maintenance": "sao-luu",
    "audit": "nhat-ky",
    "outlines": "bao-cao",
}
TOP = "muc-luc"
_unowned: list["HelpDialog"] = []  # keeps a window opened without a parent alive


def help_file() -> Path:
    return resources_dir() / HELP_FILE


def anchor_for(topic: str | None) -> str:
    if not topic:
        return TOP
    return TOPIC_ANCHORS.get(topic, topic)


class HelpDialog(BaseDialog):
    """One per main window; F1 again just moves it to the new topic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(H.TITLE)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.resize(820, 620)

        self.browser = QTextBrowser()
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)

        buttons = QDialogButtonBox()
        self.contents_button = QPushButton(H.CONTENTS)
        self.back_button = QPushButton(H.BACK)
        close = QPushButton(H.CLOSE)
        buttons.addButton(self.contents_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.contents_button.clicked.connect(lambda: self.show_topic(None))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        close.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def show_topic(self, topic: str | None) -> None:
        path = help_file()
        if not path.exists():
            self.browser.setHtml(H.MISSING.format(path=path))
            return
        url = QUrl.fromLocalFile(str(path))
        url.setFragment(anchor_for(topic))
        self.browser.setSource(url)
        self.browser.scrollToAnchor(url.fragment())

    def current_anchor(self) -> str:
        return self.browser.source().fragment()


def show_help(parent: QWidget | None, topic: str | None = None) -> HelpDialog:
    """Open (or bring forward) the guide at `topic`'s section. Returns the window."""
    owner = parent.window() if parent is not None else None
    dialog = owner.findChild(HelpDialog, "help_dialog") if owner is not None else None
    if dialog is None and owner is None and _unowned:
        dialog = _unowned[0]
    if dialog is None:
        dialog = HelpDialog(owner)
        if owner is None:
            _unowned.append(dialog)
    dialog.show()
    dialog.show_topic(topic)
    dialog.raise_()
    dialog.activateWindow()
    return dialog
