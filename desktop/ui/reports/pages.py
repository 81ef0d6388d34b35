"""Laid-out pages painted with Qt: the print preview window and printing to any installed printer.

The layout engine (`desktop.printing.layout`) produces a display list (`LaidOut`: pages of text
runs and rules in points from the page's top-left). The PDF writer draws it with reportlab; this
module draws the very same items with QPainter — on an image for the preview and on a `QPrinter`
for paper — so the printed pages and the PDF match page by page. Nothing is rasterised from a PDF.

Fonts: the four TTF files of the document font are added to Qt's font database once per process
and used without kerning, ligatures or hinting, so Qt's advance widths match reportlab's. Every text
item carries the width the layout measured; a run whose Qt width differs by more than 0.3 % is
stretched horizontally to end exactly where the PDF's does.

Text is drawn with fonts of a whole number of device pixels (Qt rounds font sizes to whole
pixels) scaled by the remaining fraction, so glyph positions are computed at the resolution of the
device — 600 dpi on a printer, the zoom on screen — and sizes stay exact.

Writing the PDF and painting on the printer run on the worker thread behind a progress dialog
(desktop.ui.jobs): reportlab needs no Qt, and Qt supports QPainter on a QPrinter outside the GUI
thread. The printing job gets its own QtFontSet (QFonts are not shared across threads), checks
«Hủy» between pages, and a cancelled print to a PDF file leaves no file.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTransform,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import Cancelled, UserError
from desktop.printing.pages import BOLD, BOLD_ITALIC, ITALIC, STYLES, FontSet, LaidOut, Page, TextItem
from desktop.strings import common as C
from desktop.strings import preview as S
from desktop.ui.common import BaseDialog, shortcut

SECTION_BODY = "body"  # Page.section of the main text (anything else is an appendix label)
WIDTH_TOLERANCE = 0.003  # stretch a run whose Qt width differs from the layout's by more than this
POINTS_PER_INCH = 72.0
METERS_PER_INCH = 0.0254

# ----------------------------------------------------------------------------------- fonts

_families: dict[str, str] = {}  # font file path -> family name in Qt's font database
_font_sets: dict[FontSet, QtFontSet] = {}
_reference: QImage | None = None  # a 72-dpi device: one pixel = one point


def _reference_device() -> QImage:
    global _reference
    if _reference is None:
        _reference = QImage(1, 1, QImage.Format.Format_RGB32)
        _set_dpi(_reference, POINTS_PER_INCH)
    return _reference


def _set_dpi(image: QImage, dpi: float) -> None:
    dots_per_meter = round(dpi / METERS_PER_INCH)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)


def _load_family(path: str) -> str:
    """Add a font file to Qt's database (once per process); its family name."""
    family = _families.get(path)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(path)
        names = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not names:
            raise UserError(S.FONT_NOT_LOADED.format(path=path))
        family = names[0]
        _families[path] = family
    return family


class QtFontSet:
    """The document font's four faces as QFonts (cached per style and size) and their advances.

    Qt rounds a font's pixel size to a whole number on every device (14 pt on a 96-dpi screen is
    drawn 19 px high, not 18.67), so the painter uses fonts of a whole number of pixels and scales
    them by the remaining fraction: glyphs keep the exact size and advances stay exact."""

    def __init__(self, fonts: FontSet, families: dict[str, str]) -> None:
        self.fonts = fonts
        self.families = dict(families)
        self._fonts: dict[tuple[str, float], QFont] = {}
        self._pixel_fonts: dict[tuple[str, int], QFont] = {}
        self._advances: dict[tuple[str, int, str], float] = {}

    def _new_font(self, style: str) -> QFont:
        font = QFont()
        font.setFamilies([self.families[style]])
        font.setWeight(QFont.Weight.Bold if style in (BOLD, BOLD_ITALIC) else QFont.Weight.Normal)
        font.setItalic(style in (ITALIC, BOLD_ITALIC))
        font.setKerning(False)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
        for feature in ("kern", "liga", "clig"):  # reportlab applies no OpenType features
            font.setFeature(QFont.Tag(feature), 0)
        return font

    def font(self, style: str, size: float) -> QFont:
        """The face for `style` at `size` points: no kerning, no ligatures, no hinting — the way
        reportlab measures and draws."""
        key = (style, round(size, 4))
        font = self._fonts.get(key)
        if font is None:
            font = self._new_font(style)
            font.setPointSizeF(key[1])
            self._fonts[key] = font
        return font

    def pixel_font(self, style: str, pixels: int) -> QFont:
        """The face for `style`, `pixels` pixels high on any device."""
        key = (style, max(1, pixels))
        font = self._pixel_fonts.get(key)
        if font is None:
            font = self._new_font(style)
            font.setPixelSize(key[1])
            self._pixel_fonts[key] = font
        return font

    def pixel_advance(self, style: str, pixels: int, text: str) -> float:
        """The advance width of `text` in pixels with `pixel_font(style, pixels)` (cached)."""
        key = (style, max(1, pixels), text)
        width = self._advances.get(key)
        if width is None:
            if len(self._advances) > 200_000:
                self._advances.clear()
            width = QFontMetricsF(self.pixel_font(style, key[1]), _reference_device()).horizontalAdvance(text)
            self._advances[key] = width
        return width

    def advance(self, style: str, size: float, text: str, dpi: float = POINTS_PER_INCH) -> float:
        """The advance width in points of `text` at `size` points as painted on a `dpi` device."""
        pixels = size * dpi / POINTS_PER_INCH
        whole = max(1, round(pixels))
        return self.pixel_advance(style, whole, text) * (pixels / whole) * POINTS_PER_INCH / dpi


def qt_fonts(fonts: FontSet) -> QtFontSet:
    """The document's fonts for Qt, loaded once per process. UserError when a file cannot be loaded."""
    loaded = _font_sets.get(fonts)
    if loaded is None:
        loaded = QtFontSet(fonts, {style: _load_family(fonts.path(style)) for style in STYLES})
        _font_sets[fonts] = loaded
    return loaded


# ----------------------------------------------------------------------------------- painting

def paint_page(painter: QPainter, page: Page, fonts: QtFontSet, scale: float, background: bool = True) -> None:
    """Paint one page with its top-left corner at the painter's origin, `scale` logical pixels per
    point: a white sheet (unless `background` is off, as on paper), text and rules in black.

    Each run is drawn with a font of a whole number of pixels scaled to its exact size, and
    stretched horizontally when its width would differ from the layout's by more than 0.3 %."""
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if background:
            painter.fillRect(QRectF(0, 0, page.width * scale, page.height * scale), Qt.GlobalColor.white)
        black = QColor(0, 0, 0)
        painter.setPen(QPen(black))
        base = painter.transform()
        current: tuple[str, float] | None = None
        pixels = ratio = 0.0
        whole = 1
        lines: dict[float, list[QLineF]] = {}
        for item in page.items:
            if not isinstance(item, TextItem):
                lines.setdefault(item.width, []).append(
                    QLineF(item.x1 * scale, item.y1 * scale, item.x2 * scale, item.y2 * scale))
                continue
            if not item.text:
                continue
            if (item.style, item.size) != current:
                current = (item.style, item.size)
                pixels = item.size * scale
                whole = max(1, round(pixels))
                ratio = pixels / whole
                painter.setFont(fonts.pixel_font(item.style, whole))
            natural = fonts.pixel_advance(item.style, whole, item.text) * ratio
            wanted = item.width * scale
            stretch = 1.0
            if wanted > 0 and natural > 0 and abs(natural / wanted - 1.0) > WIDTH_TOLERANCE:
                stretch = wanted / natural
            painter.setTransform(QTransform(ratio * stretch, 0, 0, ratio, item.x * scale, item.y * scale) * base)
            painter.drawText(QPointF(0, 0), item.text)
        painter.setTransform(base)
        for width, group in lines.items():
            pen = QPen(black, width * scale)
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)  # as the PDF (line cap 2) closes grid corners
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawLines(group)
    finally:
        painter.restore()


def render_page(page: Page, fonts: QtFontSet, dpi: float) -> QImage:
    """The page as an opaque image at `dpi` dots per inch."""
    scale = dpi / POINTS_PER_INCH
    image = QImage(max(1, round(page.width * scale)), max(1, round(page.height * scale)),
                   QImage.Format.Format_RGB32)
    _set_dpi(image, dpi)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_page(painter, page, fonts, scale, background=False)
    finally:
        painter.end()
    return image


# ----------------------------------------------------------------------------------- printing

def page_layout(page: Page) -> QPageLayout:
    """The paper for a page (A4 when it is A4), in its orientation, with no margins of the printer's:
    the page's own margins are already in its coordinates."""
    short, long = sorted((page.width, page.height))
    size = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


def new_printer(laid_out: LaidOut) -> QPrinter:
    """A high-resolution printer set up for the document: full page, no margins, the first page's
    paper and orientation."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    first = laid_out.pages[0] if laid_out.pages else None
    if first is not None:
        printer.setPageLayout(page_layout(first))
    else:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setDocName(laid_out.title or S.WINDOW_TITLE)
    printer.setCreator(C.APP_NAME)
    return printer


def chosen_pages(laid_out: LaidOut, printer: QPrinter, current_page: int | None = None) -> list[int]:
    """Indexes of the pages the print dialog asked for (range, current page), in printing order."""
    total = len(laid_out.pages)
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage and current_page is not None:
        indexes = [current_page] if 0 <= current_page < total else []
    elif mode == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if ranges.isEmpty():
            first, last = printer.fromPage(), printer.toPage()
            indexes = [i for i in range(total) if (first or 1) <= i + 1 <= (last or total)]
        else:
            indexes = [i for i in range(total) if ranges.contains(i + 1)]
    else:
        indexes = list(range(total))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        indexes.reverse()
    return indexes


def paint_to_printer(laid_out: LaidOut, printer: QPrinter, current_page: int | None = None, *,
                     progress: Callable[[int, int, str], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, fonts: QtFontSet | None = None) -> int:
    """Paint the chosen pages on the printer, switching paper orientation page by page; the number
    of sheets sent. UserError (Vietnamese) when the printer refuses or stops.

    May run on a worker thread (then pass `fonts`, a QtFontSet of its own). `progress(done, total,
    text)` hears of each sheet; when `cancelled()` turns true between sheets the job is aborted,
    a PDF file being printed is removed, and Cancelled is raised."""
    if not laid_out.pages:
        raise UserError(S.NOTHING_TO_PRINT)
    fonts = fonts or qt_fonts(laid_out.fonts)
    indexes = chosen_pages(laid_out, printer, current_page)
    if not indexes:
        raise UserError(S.NO_PAGE_IN_RANGE.format(total=len(laid_out.pages)))
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        sequence = indexes * copies
    else:
        sequence = [index for index in indexes for _ in range(copies)]
    name = _printer_name(printer)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(laid_out.pages[sequence[0]]))
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(S.PRINTER_NOT_READY.format(printer=name))
    finished = False
    stopped = False
    try:
        for count, index in enumerate(sequence):
            if cancelled is not None and cancelled():
                stopped = True
                raise Cancelled()
            if progress is not None:
                progress(count, len(sequence), C.JOB_PRINT_PAGE.format(page=index + 1, done=count + 1,
                                                                      total=len(sequence)))
            page = laid_out.pages[index]
            if count:
                layout = page_layout(page)
                if not printer.pageLayout().isEquivalentTo(layout):
                    printer.setPageLayout(layout)
                if not printer.newPage():
                    raise UserError(S.PRINTER_PAGE_FAILED.format(printer=name, page=index + 1))
            paint_page(painter, page, fonts, printer.resolution() / POINTS_PER_INCH, background=False)
        finished = True
    finally:
        if not finished:
            printer.abort()
        painter.end()
        if stopped and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            Path(printer.outputFileName()).unlink(missing_ok=True)  # half a document is no use
    return len(sequence)


def _printer_name(printer: QPrinter) -> str:
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName() or "PDF"
    return printer.printerName()


def print_pages(laid_out: LaidOut, parent: QWidget | None = None, current_page: int | None = None):
    """Ask for a printer (QPrintDialog) and print; the printing job (desktop.ui.jobs.ProgressJob,
    its result the sentence for a status line), or None when nothing was started. A cancelled
    dialog changes nothing; a failure is shown to the user in Vietnamese."""
    return print_with_dialog(laid_out, parent, current_page)


def print_with_dialog(laid_out: LaidOut, parent: QWidget | None = None, current_page: int | None = None,
                      on_printed: Callable[[str], None] | None = None):
    """`print_pages`; `on_printed(sentence)` once the pages were sent (what was done, for a status line)."""
    from desktop.ui.jobs import explain_failure, run_with_progress

    if not laid_out.pages:
        QMessageBox.warning(parent, S.PRINT_FAILED_TITLE, S.NOTHING_TO_PRINT)
        return None
    try:
        shared = qt_fonts(laid_out.fonts)
    except UserError as error:
        QMessageBox.warning(parent, S.PRINT_FAILED_TITLE, str(error))
        return None
    printer = new_printer(laid_out)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(S.PRINT_DIALOG_TITLE)
    dialog.setMinMax(1, len(laid_out.pages))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOption(option.PrintPageRange, True)
    dialog.setOption(option.PrintCollateCopies, True)
    dialog.setOption(option.PrintToFile, True)
    dialog.setOption(option.PrintSelection, False)
    dialog.setOption(option.PrintCurrentPage, current_page is not None)
    if not dialog.exec():
        return None
    _reference_device()  # made here, on the GUI thread; the worker only reads it
    families = dict(shared.families)  # loaded into Qt's font database here, on the GUI thread
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    target, name = printer.outputFileName(), _printer_name(printer)
    held = [printer]  # the GUI thread keeps the printer; the worker lets go of it when done

    def work(ticket):
        try:  # QFonts made, used and dropped in the worker: none is shared with the preview
            return paint_to_printer(laid_out, held[0], current_page, progress=ticket.report,
                                    cancelled=ticket.cancelled, fonts=QtFontSet(laid_out.fonts, families))
        finally:
            held.clear()

    def printed(sheets: int) -> None:
        sentence = (S.PRINTED_TO_FILE.format(pages=sheets, path=target) if to_file
                    else S.PRINTED.format(pages=sheets, printer=printer.printerName()))
        if on_printed is not None:
            on_printed(sentence)

    def failed(error: BaseException) -> None:
        if isinstance(error, UserError):
            QMessageBox.warning(parent, S.PRINT_FAILED_TITLE, str(error))
        else:
            explain_failure(parent, error)

    return run_with_progress(parent, C.JOB_PRINT_TITLE, C.JOB_PRINT.format(printer=name), work, printed, failed)


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# ----------------------------------------------------------------------------------- the page view

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.85, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]
GAP = 16  # logical pixels around and between pages
BACKDROP = QColor(0x6E, 0x6E, 0x6E)
SHADOW = QColor(0, 0, 0, 70)
CACHE_BYTES = 32 * 1024 * 1024  # rendered pages kept beyond the visible ones (a page renders in ~5 ms;
# memory while printing is budgeted at 200 MB: tests/bench/bench_preview.py)


class PageView(QAbstractScrollArea):
    """The pages one under another on a grey backdrop. Only the pages in view are rendered, at the
    current zoom (100 % = real size on screen), and kept in a small cache."""

    current_changed = Signal(int)  # index of the page in the middle of the view
    zoom_changed = Signal(float)

    def __init__(self, pages: Sequence[Page], fonts: QtFontSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = tuple(pages)
        self.fonts = fonts
        self.setObjectName("preview_pages")
        self.setAccessibleName(S.PAGES_VIEW_NAME)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        # Always there, so fitting the width never makes it appear and disappear in turn.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._zoom = 1.0
        self._fit_width = True
        self._tops: list[float] = []
        self._content = QSizeF(0, 0)
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self._cache_key: tuple[float, float] | None = None
        self._current = 0
        self.renders = 0  # pages rendered so far (for tests and the benchmark)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda _value: self.viewport().update())
        self._relayout()

    # -- geometry ----------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def fit_width(self) -> bool:
        return self._fit_width

    @property
    def current(self) -> int:
        return self._current

    def pixels_per_point(self) -> float:
        """Logical pixels per point at the current zoom (100 % shows the page at its real size)."""
        return self._zoom * self.logicalDpiX() / POINTS_PER_INCH

    def page_rect(self, index: int) -> QRectF:
        """Where page `index` is drawn, in viewport coordinates."""
        k = self.pixels_per_point()
        page = self.pages[index]
        width = page.width * k
        span = max(self._content.width(), self.viewport().width())  # pages are centred in this
        left = (span - width) / 2
        return QRectF(left - self.horizontalScrollBar().value(), self._tops[index] - self.verticalScrollBar().value(),
                      width, page.height * k)

    def _relayout(self) -> None:
        k = self.pixels_per_point()
        tops, y = [], float(GAP)
        widest = 0.0
        for page in self.pages:
            tops.append(y)
            y += page.height * k + GAP
            widest = max(widest, page.width * k)
        self._tops = tops
        self._content = QSizeF(widest + 2 * GAP, y)
        viewport = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        vertical.setRange(0, max(0, round(self._content.height() - viewport.height())))
        vertical.setPageStep(max(1, viewport.height()))
        vertical.setSingleStep(max(1, round(40 * self._zoom)))
        horizontal.setRange(0, max(0, round(self._content.width() - viewport.width())))
        horizontal.setPageStep(max(1, viewport.width()))
        horizontal.setSingleStep(max(1, round(40 * self._zoom)))
        self.viewport().update()
        self._update_current()

    def fitting_zoom(self) -> float:
        """The zoom at which the widest page fills the width of the view."""
        widest = max((page.width for page in self.pages), default=595.0)
        available = max(100, self.viewport().width() - 2 * GAP)
        zoom = available / (widest * self.logicalDpiX() / POINTS_PER_INCH)
        return min(MAX_ZOOM, max(MIN_ZOOM, zoom))

    # -- zoom --------------------------------------------------------------------------
    def set_zoom(self, zoom: float, fit_width: bool = False) -> None:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        mode_changed, self._fit_width = fit_width != self._fit_width, fit_width
        if abs(zoom - self._zoom) < 1e-6:
            if mode_changed:
                self.zoom_changed.emit(zoom)
            return
        anchor = self._anchor()
        self._zoom = zoom
        self._relayout()
        self._restore(anchor)
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((step for step in ZOOM_STEPS if step > self._zoom + 1e-3), MAX_ZOOM))

    def zoom_out(self) -> None:
        self.set_zoom(next((step for step in reversed(ZOOM_STEPS) if step < self._zoom - 1e-3), MIN_ZOOM))

    def zoom_to_fit_width(self) -> None:
        self.set_zoom(self.fitting_zoom(), fit_width=True)

    def _anchor(self) -> tuple[int, float]:
        """The page at the top of the view and how far down it the view starts (0..1)."""
        if not self.pages:
            return 0, 0.0
        k = self.pixels_per_point()
        top = self.verticalScrollBar().value()
        for index in range(len(self.pages) - 1, -1, -1):
            if self._tops[index] - GAP <= top:
                height = self.pages[index].height * k + GAP
                return index, (top - self._tops[index] + GAP) / height
        return 0, 0.0

    def _restore(self, anchor: tuple[int, float]) -> None:
        if not self.pages:
            return
        index, fraction = anchor
        height = self.pages[index].height * self.pixels_per_point() + GAP
        self.verticalScrollBar().setValue(round(self._tops[index] - GAP + fraction * height))

    # -- navigation --------------------------------------------------------------------
    def scroll_to_page(self, index: int) -> None:
        if self.pages:
            index = min(len(self.pages) - 1, max(0, index))
            self.verticalScrollBar().setValue(round(self._tops[index] - GAP / 2))

    def visible_pages(self) -> list[int]:
        area = QRectF(self.viewport().rect())
        return [i for i in range(len(self.pages)) if self.page_rect(i).intersects(area)]

    def _scrolled(self, _value: int) -> None:
        self.viewport().update()
        self._update_current()

    def _update_current(self) -> None:
        if not self.pages:
            return
        bar = self.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum():
            current = len(self.pages) - 1
        elif bar.value() <= 0:
            current = 0
        else:
            middle = bar.value() + self.viewport().height() / 2
            current = 0
            for index, top in enumerate(self._tops):
                if top - GAP / 2 <= middle:
                    current = index
        if current != self._current:
            self._current = current
            self.current_changed.emit(current)

    # -- rendering ---------------------------------------------------------------------
    def image(self, index: int) -> QImage:
        """Page `index` rendered at the current zoom and screen (cached)."""
        ratio = self.viewport().devicePixelRatioF()
        key = (round(self.pixels_per_point(), 6), ratio)
        if key != self._cache_key:
            self._cache.clear()
            self._cache_key = key
        image = self._cache.get(index)
        if image is None:
            image = render_page(self.pages[index], self.fonts, self.pixels_per_point() * ratio * POINTS_PER_INCH)
            image.setDevicePixelRatio(ratio)
            self.renders += 1
            self._cache[index] = image
        self._cache.move_to_end(index)
        return image

    def cached_pages(self) -> list[int]:
        return list(self._cache)

    def _trim_cache(self, keep: set[int]) -> None:
        total = sum(image.sizeInBytes() for image in self._cache.values())
        for index in list(self._cache):
            if total <= CACHE_BYTES:
                break
            if index not in keep:
                total -= self._cache.pop(index).sizeInBytes()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self.viewport())
        try:
            painter.fillRect(event.rect(), BACKDROP)
            area = QRectF(event.rect())
            shown: set[int] = set()
            for index in range(len(self.pages)):
                rect = self.page_rect(index)
                if rect.top() > area.bottom():
                    break
                if not rect.intersects(area):
                    continue
                shown.add(index)
                painter.fillRect(rect.translated(2, 3), SHADOW)
                image = self.image(index)
                painter.drawImage(QPointF(round(rect.left()), round(rect.top())), image)
            self._trim_cache(shown)
        finally:
            painter.end()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._fit_width:
            anchor = self._anchor()
            zoom = self.fitting_zoom()
            changed = abs(zoom - self._zoom) > 1e-6
            self._zoom = zoom
            self._relayout()
            self._restore(anchor)
            if changed:
                self.zoom_changed.emit(zoom)
        else:
            self._relayout()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.scroll_to_page(0)
        elif key == Qt.Key.Key_End:
            self.scroll_to_page(len(self.pages) - 1)
        elif key == Qt.Key.Key_PageDown and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.scroll_to_page(self._current + 1)
        elif key == Qt.Key.Key_PageUp and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.scroll_to_page(self._current - 1)
        else:
            super().keyPressEvent(event)


# ----------------------------------------------------------------------------------- the window

_BAD_NAME_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def safe_file_name(name: str) -> str:
    """A file name Windows accepts, ending in .pdf."""
    cleaned = _BAD_NAME_CHARS.sub("-", name or "").strip().rstrip(". ")
    if not cleaned or cleaned.lower() == ".pdf":
        return S.DEFAULT_FILE_NAME
    return cleaned if cleaned.lower().endswith(".pdf") else cleaned + ".pdf"


class PreviewDialog(BaseDialog):
    """The laid-out pages on screen with print, save-as-PDF and open-in-viewer actions."""

    def __init__(self, laid_out: LaidOut, suggested_file_name: str, parent: QWidget | None = None,
                 save_dir: Path | str | None = None) -> None:
        super().__init__(parent)
        self.laid_out = laid_out
        self.file_name = safe_file_name(suggested_file_name)
        self.save_dir = Path(save_dir) if save_dir is not None else Path.home()
        self.setObjectName("print_preview")
        self.setWindowTitle(S.WINDOW_TITLE_OF.format(title=laid_out.title) if laid_out.title else S.WINDOW_TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        self.fonts = qt_fonts(laid_out.fonts)

        self.view = PageView(laid_out.pages, self.fonts)
        self.print_button = _button(S.PRINT, S.PRINT_TIP, "print_button")
        self.save_button = _button(S.SAVE_PDF, S.SAVE_PDF_TIP, "save_pdf_button")
        self.open_button = _button(S.OPEN_EXTERNAL, S.OPEN_EXTERNAL_TIP.format(folder=self.save_dir),
                                   "open_external_button")
        self.close_button = _button(S.CLOSE, S.CLOSE_TIP, "close_button")
        self.zoom_out_button = _tool(S.ZOOM_OUT, S.ZOOM_OUT_TIP, "zoom_out_button")
        self.zoom_in_button = _tool(S.ZOOM_IN, S.ZOOM_IN_TIP, "zoom_in_button")
        self.fit_button = _tool(S.FIT_WIDTH, S.FIT_WIDTH_TIP, "fit_width_button")
        self.fit_button.setCheckable(True)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom_label")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("8888%") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        self.section_label = QLabel()
        self.section_label.setObjectName("section_label")
        self.section_label.setEnabled(False)  # drawn greyed: a hint, not a control
        self.status = QLabel()
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        bar = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.open_button):
            bar.addWidget(button)
        bar.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        bar.addWidget(self.page_label)
        bar.addWidget(self.section_label)
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.open_button.clicked.connect(self.open_external)
        self.close_button.clicked.connect(self.reject)
        self.zoom_in_button.clicked.connect(self.view.zoom_in)
        self.zoom_out_button.clicked.connect(self.view.zoom_out)
        self.fit_button.clicked.connect(self.view.zoom_to_fit_width)
        self.view.current_changed.connect(lambda _index: self._show_page())
        self.view.zoom_changed.connect(lambda _zoom: self._show_zoom())
        shortcut(self, QKeySequence.StandardKey.Print, self.print_document)
        shortcut(self, QKeySequence.StandardKey.Save, self.save_pdf)
        shortcut(self, QKeySequence.StandardKey.ZoomIn, self.view.zoom_in)
        shortcut(self, "Ctrl+=", self.view.zoom_in)
        shortcut(self, QKeySequence.StandardKey.ZoomOut, self.view.zoom_out)
        shortcut(self, "Ctrl+0", self.view.zoom_to_fit_width)
        for button in (self.print_button, self.save_button, self.open_button, self.close_button):
            button.setAutoDefault(False)
        self.print_button.setEnabled(bool(laid_out.pages))
        self.save_button.setEnabled(bool(laid_out.pages))
        self.open_button.setEnabled(bool(laid_out.pages))
        self._size_to_screen()
        self._show_page()
        self._show_zoom()
        self.view.setFocus()

    def _size_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() is not None else QRect(0, 0, 1366, 728)
        width = min(screen.width() - 40, max(900, round(screen.width() * 0.8)))
        height = min(screen.height() - 40, max(600, round(screen.height() * 0.92)))
        self.resize(max(640, width), max(480, height))

    # -- indicators --------------------------------------------------------------------
    def _show_page(self) -> None:
        total = len(self.laid_out.pages)
        if not total:
            self.page_label.setText(S.NO_PAGES)
            return
        index = self.view.current
        page = self.laid_out.pages[index]
        self.page_label.setText(S.PAGE_OF.format(page=index + 1, total=total))
        details = [part for part in (page.section if page.section != SECTION_BODY else "",
                                     S.LANDSCAPE if page.landscape else "") if part]
        self.section_label.setText(S.SECTION_DETAILS.format(details=", ".join(details)) if details else "")

    def _show_zoom(self) -> None:
        self.zoom_label.setText(S.ZOOM_LABEL.format(percent=round(self.view.zoom * 100)))
        self.fit_button.setChecked(self.view.fit_width)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- actions -----------------------------------------------------------------------
    # Each starts a job on the worker thread (desktop.ui.jobs.ProgressJob) and returns it, or None
    # when nothing was started; the outcome shows in the status line once it ends.
    def print_document(self):
        """Ask for a printer and print; the job's result is the number of sheets sent."""
        return print_with_dialog(self.laid_out, self, self.view.current, on_printed=self._say)

    def save_pdf(self):
        """Ask where, then write the PDF there; the job's result is the written file
        (desktop.printing.pdf.DocumentFile)."""
        start = self.save_dir / self.file_name
        chosen, _filter = QFileDialog.getSaveFileName(self, S.SAVE_DIALOG_TITLE, str(start), S.PDF_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return self._write([path], S.SAVE_FAILED_TITLE, lambda written: self._say(
            " ".join((S.SAVED.format(path=written.path, pages=written.pages), *written.notes))))

    def open_external(self):
        """Write the PDF into the save folder (the next free name while an earlier copy is open in
        a viewer) and open it with the system's PDF viewer; the job's result is the written file."""
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            QMessageBox.warning(self, S.OPEN_FAILED_TITLE,
                                S.FOLDER_NOT_CREATED.format(path=self.save_dir, reason=error.strerror or error))
            return None

        def opened(written) -> None:
            path = Path(written.path)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                QMessageBox.warning(self, S.OPEN_FAILED_TITLE, S.NO_VIEWER.format(path=path))
            else:
                self._say(S.OPENED.format(path=path))

        return self._write(list(_candidates(self.save_dir / self.file_name)), S.OPEN_FAILED_TITLE, opened)

    def _write(self, paths: list[Path], failure_title: str, then: Callable):
        """write_pdf (reportlab, no Qt) on the worker, trying `paths` in turn while the previous
        one is locked; `then(written)` on the GUI thread, or the first refusal in a message box."""
        from desktop.ui.jobs import explain_failure, run_with_progress

        laid_out = self.laid_out

        def work(ticket):
            from desktop.printing.pdf import write_pdf

            first_error: UserError | None = None
            for path in paths:
                try:
                    return write_pdf(laid_out, path, ticket.report, ticket.cancelled)
                except UserError as error:  # typically: the previous copy is open in the viewer
                    first_error = first_error or error
                    if not path.exists():
                        break  # not a locked copy: another name will not help
            raise first_error

        def failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                QMessageBox.warning(self, failure_title, str(error))
            else:
                explain_failure(self, error)

        return run_with_progress(self, C.JOB_PDF_TITLE, C.JOB_PDF.format(name=paths[0].name), work, then, failed)


def _candidates(path: Path, count: int = 9) -> Iterator[Path]:
    """`name.pdf`, then `name (2).pdf` … for when an earlier copy is still open (locked)."""
    yield path
    for number in range(2, count + 2):
        yield path.with_name(f"{path.stem} ({number}){path.suffix}")


def _button(text: str, tip: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setObjectName(name)
    return button


def _tool(text: str, tip: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setObjectName(name)
    button.setAutoRaise(False)
    return button
