"""ND30 document rendering: layout to positioned pages, PDF with reportlab (imported only to print)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.document import DEFAULT_SETTINGS, LayoutSettings

if TYPE_CHECKING:
    from desktop.core.document import DocumentFile, PrintDocument


def render_pdf(doc: PrintDocument, path: Path, settings: LayoutSettings = DEFAULT_SETTINGS) -> DocumentFile:
    """Lay the document out and write it as a PDF at `path` (atomically); UserError if it cannot."""
    from dataclasses import replace

    from desktop.printing.layout import lay_out
    from desktop.printing.pdf import write_pdf

    started = time.perf_counter()
    written = write_pdf(lay_out(doc, settings), Path(path))
    return replace(written, seconds=time.perf_counter() - started)
