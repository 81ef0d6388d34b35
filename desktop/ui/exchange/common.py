"""Small pieces the exchange tabs share: the colours, the result line with «Mở thư mục chứa tệp»,
a busy bar, and how a failed job is explained."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.strings import exchange_ui as S
from desktop.ui.jobs import explain_failure  # noqa: F401 - the exchange screens import it from here
from desktop.ui.office import tint

GREEN = "#1b6e20"
ORANGE = "#a15c00"
RED = "#b3261e"
GREY = "#5f6368"
BLUE = "#0b57d0"
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def colour(name: str) -> QColor:
    return QColor(name)


def size_text(size: int) -> str:
    from desktop.ui.maintenance import size_text as backups_size_text

    return backups_size_text(size)


def open_folder_of(path: Path) -> bool:
    """Show the folder holding `path` in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def busy_bar(name: str) -> QProgressBar:
    """An indeterminate bar shown while a job runs."""
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(10)
    bar.hide()
    return bar


def save_row(owner: QWidget, prefix: str, text: str, handler) -> QHBoxLayout:
    """The «Lưu …» button, a busy bar while the job runs and the result line, set on `owner` as
    save_button, busy and result (object names <prefix>_save, <prefix>_busy, <prefix>_result)."""
    owner.save_button = QPushButton(text)
    owner.save_button.setObjectName(f"{prefix}_save")
    owner.save_button.setAutoDefault(False)
    owner.save_button.clicked.connect(lambda: handler())
    owner.busy = busy_bar(f"{prefix}_busy")
    owner.result = ResultLine(f"{prefix}_result")
    actions = QHBoxLayout()
    actions.addWidget(owner.save_button)
    actions.addWidget(owner.busy, 1)
    actions.addStretch(0)
    return actions


class ResultLine(QWidget):
    """"Đã lưu …: path (size)" and a button that opens the folder holding the file."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.label = QLabel()
        self.label.setObjectName(f"{name}_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint(self.label, GREEN)
        self.button = QPushButton(S.OPEN_FOLDER)
        self.button.setObjectName(f"{name}_open_folder")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda: self.path is not None and open_folder_of(self.path))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_file(self, text: str, path: Path) -> None:
        self.path = Path(path)
        self.label.setText(text)
        self.show()

    def clear(self) -> None:
        self.path = None
        self.label.clear()
        self.hide()
