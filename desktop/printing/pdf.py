"""Write laid-out pages to a PDF with the low-level reportlab canvas.

PDF 1.4, the four faces embedded as TrueType subsets, text selectable, metadata from `LaidOut`.
The file appears atomically: the PDF goes to a temporary file in the same folder (desktop.files.write_atomic), is flushed to disk
and renamed over the target (retried for a moment, as Windows antivirus briefly locks new files).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from desktop.core.document import DocumentFile
from desktop.core.errors import UserError
from desktop.files import write_atomic
from desktop.printing.fonts import register
from desktop.printing.pages import LaidOut, LineItem, TextItem
from desktop.strings import printing as P

PDF_VERSION = (1, 4)


def pdf_bytes(laid_out: LaidOut) -> bytes:
    """The whole PDF in memory."""
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
    for page in laid_out.pages:
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


def write_pdf(laid_out: LaidOut, path: Path) -> DocumentFile:
    """Write the PDF atomically at `path`; UserError (Vietnamese) when it cannot be written."""
    started = time.perf_counter()
    target = Path(path).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise UserError(P.NOT_PDF.format(path=target))
    if not target.parent.is_dir():
        raise UserError(P.FOLDER_MISSING.format(path=target.parent))
    data = pdf_bytes(laid_out)
    try:
        write_atomic(target, lambda handle: handle.write(data))
    except PermissionError as exc:
        raise UserError(P.FILE_LOCKED.format(path=target)) from exc
    except OSError as exc:
        raise UserError(P.FILE_NOT_WRITABLE.format(path=target, reason=exc.strerror or exc)) from exc
    notes = (P.BUNDLED_FONT_NOTE,) if sys.platform == "win32" and laid_out.fonts.source == "bundled" else ()
    return DocumentFile(str(target), len(laid_out.pages), laid_out.fonts.source,
                        time.perf_counter() - started, notes)


