"""Laid-out pages as a display list: the one result of the layout, drawn by two painters.

`desktop.printing.layout` turns a `PrintDocument` into `LaidOut` (pages of positioned text and
rules); `desktop.printing.pdf` writes them with reportlab, and the Qt preview
(`desktop.ui.reports.pages`) paints the very same items with QPainter on screen and on a
printer, so paper and PDF never differ. This module imports nothing heavy.

Coordinates are points from the page's top-left corner; a text item's `y` is its baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

REGULAR = "regular"
BOLD = "bold"
ITALIC = "italic"
BOLD_ITALIC = "bold_italic"
STYLES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)


def style_of(bold: bool, italic: bool) -> str:
    if bold and italic:
        return BOLD_ITALIC
    if bold:
        return BOLD
    return ITALIC if italic else REGULAR


@dataclass(frozen=True)
class TextItem:
    x: float  # left edge of the text
    y: float  # baseline
    text: str
    style: str  # one of STYLES
    size: float
    width: float  # advance width measured with the document's font (for painters that must fit it)


@dataclass(frozen=True)
class LineItem:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    items: tuple[TextItem | LineItem, ...]
    number: int | None = None  # the printed page number, None where none is shown (page 1)
    section: str = ""  # "body" or the appendix label, for the preview's page list

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True)
class FontSet:
    """The four faces of the document font and where they came from."""

    family: str  # "Times New Roman" or "Liberation Serif"
    regular: str  # file paths
    bold: str
    italic: str
    bold_italic: str
    source: str  # "windows" | "bundled" | "system"

    def path(self, style: str) -> str:
        return {REGULAR: self.regular, BOLD: self.bold, ITALIC: self.italic, BOLD_ITALIC: self.bold_italic}[style]


@dataclass(frozen=True)
class LaidOut:
    pages: tuple[Page, ...]
    fonts: FontSet
    title: str = ""
    subject: str = ""
    author: str = ""
    keywords: str = ""
