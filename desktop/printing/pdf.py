"""Write laid-out pages to a PDF with the low-level reportlab canvas.

PDF 1.4, the four faces embedded as TrueType subsets, text selectable, metadata from `LaidOut`.
The file appears atomically: the PDF goes to a temporary file in the same folder (desktop.files.write_atomic), is flushed to disk
and renamed over the target (retried for a moment, as Windows antivirus briefly locks new files).
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.document import DocumentFile
from desktop.core.errors import Cancelled, UserError
from desktop.files import write_atomic
from desktop.printing.fonts import register
from desktop.printing.pages import LaidOut, LineItem, TextItem
from desktop.strings import printing as P

PDF_VERSION = (1, 4)


Progress = Callable[[int, int, str], None]


def pdf_bytes(laid_out: LaidOut, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> bytes:
    """The whole PDF in memory. `progress(done, total, text)` hears of each page; `cancelled()`
    is asked before each page and stops with Cancelled (nothing has been written yet)."""
    from reportlab.pdfgen.canvas import Canvas

    names = register(laid_out.fonts)
    buffer = io.BytesIO()
    first = laid_out.pages[0] if laid_out.pages else None
    size = (first.width, first.height) if first else (595.2756, 841.8898)
    canvas = Canvas(buffer, pagesize=size, pdfVersion=PDF_VERSION, pageCompression=1,
                    initialFontName=names["regular"], initialFontSize=12, invariant=0)
    canvas.setTitle(laid_out.title)
    canvas.setSubject(laid_out.subject)
    canvas.setAuthor(laid_out.author)
    canvas.setKeywords(laid_out.keywords)
    canvas.setCreator(P.PDF_CREATOR)
    canvas.setLineCap(2)  # square caps close the grid corners (Qt pens default to the same)
    total = len(laid_out.pages)
    for number, page in enumerate(laid_out.pages, start=1):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(number - 1, total, P.PDF_PAGE.format(page=number, total=total))
        canvas.setPageSize((page.width, page.height))
        height = page.height
        text = canvas.beginText()
        font = None
        lines: dict[float, list[LineItem]] = {}
        for item in page.items:
            if isinstance(item, TextItem):
                key = (item.style, item.size)
                if key != font:
                    text.setFont(names[item.style], item.size)
                    font = key
                text.setTextOrigin(item.x, height - item.y)
                text.textOut(item.text)
            else:
                lines.setdefault(item.width, []).append(item)
        canvas.drawText(text)
        for width, group in lines.items():
            canvas.setLineWidth(width)
            canvas.lines([(item.x1, height - item.y1, item.x2, height - item.y2) for item in group])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_pdf(laid_out: LaidOut, path: Path, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> DocumentFile:
    """Write the PDF atomically at `path`; UserError (Vietnamese) when it cannot be written,
    Cancelled (and no file) when `cancelled()` turns true while the pages are being made."""
    started = time.perf_counter()
    target = Path(path).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise UserError(P.NOT_PDF.format(path=target))
    if not target.parent.is_dir():
        raise UserError(P.FOLDER_MISSING.format(path=target.parent))
    data = pdf_bytes(laid_out, progress, cancelled)
    try:
        write_atomic(target, lambda handle: handle.write(data))
    except PermissionError as exc:
        raise UserError(P.FILE_LOCKED.format(path=target)) from exc
    except OSError as exc:
        raise UserError(P.FILE_NOT_WRITABLE.format(path=target, reason=exc.strerror or exc)) from exc
    notes = (P.BUNDLED_FONT_NOTE,) if sys.platform == "win32" and laid_out.fonts.source == "bundled" else ()
    return DocumentFile(str(target), len(laid_out.pages), laid_out.fonts.source,
                        time.perf_counter() - started, notes)


