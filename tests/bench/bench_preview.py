"""Benchmark: painting a 30-page report with Qt (print preview and printing).

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_preview.py [--pages 30] [--repeat 3] [--shots DIR]

Lays out the An Hải sample report (tests/output/pdf_samples.py) long enough for N pages, then
times: loading the fonts into Qt, rendering every page to an image at 96 dpi (cold caches, then
warm), opening the preview window until its first page is on screen, scrolling through every page
at the fitted zoom, and painting every page on a PDF "printer" at 1200 dpi (what QPrinter does
with a real printer, minus the driver). With --shots DIR it also saves the preview at 1366×768.
Budgets: the preview shows its first page within 0.5 s (ARCHITECTURE.md: every screen usable at
1366×768; a 30-page report must open quickly); the process's peak memory (RSS) stays ≤ 200 MB while
printing — measured in a fresh process with what the program holds then: Qt, SQLAlchemy and the
models, reportlab, the preview with its page cache full after scrolling through every page at the
fitted zoom and at 150 %, the pages painted on a printer and the PDF saved. Exits 1 if over.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

OPEN_BUDGET_S = 0.5
PRINT_MB = 200


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux /proc; 0 elsewhere)."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def print_like_the_program(pages: int) -> None:
    """What the program holds and does when a report is printed from its editor, in this fresh
    process: Qt, SQLAlchemy and the models, the laid-out report, the preview scrolled through every
    page at the fitted zoom and at 150 % (its page cache full), the pages painted on a printer at
    1200 dpi and the PDF saved with reportlab. Prints the peak resident memory."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    import desktop.core.reports  # noqa: F401 - SQLAlchemy and the models, as in the report editor
    from desktop.printing.pdf import write_pdf
    from desktop.ui.reports import pages as preview

    laid_out = laid_out_pages(pages)
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as temp:
        dialog = preview.PreviewDialog(laid_out, "bao-cao.pdf", None, Path(temp))
        dialog.resize(1366, 728)
        dialog.show()
        app.processEvents()
        for zoom in (None, 1.5):
            if zoom is not None:
                dialog.view.set_zoom(zoom)
                app.processEvents()
            bar = dialog.view.verticalScrollBar()
            for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
                bar.setValue(value)
                dialog.view.viewport().repaint()
        printer = preview.new_printer(laid_out)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(temp) / "printed.pdf"))
        preview.paint_to_printer(laid_out, printer)
        write_pdf(laid_out, Path(temp) / "saved.pdf")
        dialog.close()
    print(f"PEAK-MB {peak_rss_mb():.1f}")


def memory_while_printing(pages: int) -> float:
    """Peak memory of `print_like_the_program` in a process of its own (the timing loops here keep
    every rendered page and would count)."""
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--memory-only", "--pages", str(pages)],
                         capture_output=True, text=True, check=True).stdout
    peak = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("PEAK-MB "))
    print(f"peak memory of a process printing the {pages} pages (preview at fitted zoom and 150 %, "
          f"printer, PDF): {peak:.0f} MB")
    return peak


def laid_out_pages(pages: int):
    """The sample report laid out, cut to exactly `pages` pages (portrait body pages)."""
    from desktop.printing.layout import lay_out
    from tests.output.pdf_samples import an_hai_report, long_report

    repeat = pages
    while True:
        result = lay_out(long_report(repeat))
        if len(result.pages) >= pages:
            break
        repeat *= 2
    appendix = lay_out(an_hai_report())
    landscape = [page for page in appendix.pages if page.landscape][:2]
    body = list(result.pages[: pages - len(landscape)])
    return replace(result, pages=tuple(body + landscape))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shots", type=Path, default=None, help="save screenshots of the preview here")
    parser.add_argument("--memory-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_only:
        print_like_the_program(args.pages)
        return 0

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.printing.pdf import write_pdf
    from desktop.ui.reports import pages as preview

    start = time.perf_counter()
    laid_out = laid_out_pages(args.pages)
    items = sum(len(page.items) for page in laid_out.pages)
    print(f"laid out {len(laid_out.pages)} pages ({items} items) in {time.perf_counter() - start:.2f} s "
          f"(font: {laid_out.fonts.family})")

    fonts_s = timed(lambda: preview.qt_fonts(laid_out.fonts))
    fonts = preview.qt_fonts(laid_out.fonts)
    print(f"qt_fonts (add the four files to Qt): {fonts_s * 1000:.0f} ms")

    def render_all() -> list[float]:
        per_page = []
        for page in laid_out.pages:
            per_page.append(timed(lambda p=page: preview.render_page(p, fonts, 96)))
        return per_page

    cold = render_all()
    print(f"render {len(cold)} pages at 96 dpi, cold caches: {sum(cold):.2f} s "
          f"(median {statistics.median(cold) * 1000:.1f} ms, worst {max(cold) * 1000:.1f} ms per page)")
    warm = min((render_all() for _ in range(args.repeat)), key=sum)
    print(f"render {len(warm)} pages at 96 dpi, warm: {sum(warm):.2f} s "
          f"(median {statistics.median(warm) * 1000:.1f} ms per page)")
    sharp = sum(timed(lambda p=page: preview.render_page(p, fonts, 192)) for page in laid_out.pages)
    print(f"render {len(laid_out.pages)} pages at 192 dpi (200 % or a HiDPI screen): {sharp:.2f} s")

    del cold, warm
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as temp:
        opened = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            dialog = preview.PreviewDialog(laid_out, "bao-cao.pdf", None, Path(temp))
            dialog.resize(1366, 728)
            dialog.show()
            deadline = start + 5
            while dialog.view.renders == 0 and time.perf_counter() < deadline:
                app.processEvents()
            opened.append(time.perf_counter() - start)
            renders = dialog.view.renders
            if args.shots is not None and len(opened) == 1:
                args.shots.mkdir(parents=True, exist_ok=True)
                dialog.grab().save(str(args.shots / "preview-fit-width.png"))
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
        print(f"preview window up with its first page painted: median {statistics.median(opened) * 1000:.0f} ms "
              f"(pages rendered: {renders})")

        dialog = preview.PreviewDialog(laid_out, "bao-cao.pdf", None, Path(temp))
        dialog.resize(1366, 728)
        dialog.show()
        app.processEvents()

        def scroll_through() -> None:
            bar = dialog.view.verticalScrollBar()
            for value in range(0, bar.maximum() + 1, max(1, bar.pageStep())):
                bar.setValue(value)
                dialog.view.viewport().repaint()

        scroll_s = timed(scroll_through)
        print(f"scroll through all pages at {round(dialog.view.zoom * 100)}%, one screen at a time: "
              f"{scroll_s:.2f} s ({dialog.view.renders} page renders)")
        dialog.view.set_zoom(1.5)  # larger pages: the page cache reaches its cap
        app.processEvents()
        scroll_s = timed(scroll_through)
        print(f"scroll through all pages at 150%: {scroll_s:.2f} s ({len(dialog.view.cached_pages())} pages cached)")
        if args.shots is not None:
            dialog.view.set_zoom(0.5)
            dialog.view.scroll_to_page(len(laid_out.pages) - 3)
            app.processEvents()
            dialog.grab().save(str(args.shots / "preview-50.png"))
        dialog.close()
        dialog.deleteLater()
        app.processEvents()

        target = Path(temp) / "printed.pdf"
        printer = preview.new_printer(laid_out)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        print_s = timed(lambda: preview.paint_to_printer(laid_out, printer))
        print(f"paint {len(laid_out.pages)} pages on a PDF printer at {printer.resolution()} dpi: {print_s:.2f} s "
              f"({target.stat().st_size // 1024} KB)")
        pdf_s = timed(lambda: write_pdf(laid_out, Path(temp) / "saved.pdf"))
        print(f"save the {len(laid_out.pages)} pages as PDF (reportlab): {pdf_s:.2f} s")

    peak = memory_while_printing(args.pages)
    slow = statistics.median(opened) > OPEN_BUDGET_S
    heavy = peak > PRINT_MB
    print(f"\nbudget: first page on screen ≤ {OPEN_BUDGET_S:.1f} s: {'OVER BUDGET' if slow else 'OK'}")
    print(f"budget: peak memory while printing ≤ {PRINT_MB} MB: {peak:.0f} MB {'OVER BUDGET' if heavy else 'OK'}")
    return 1 if slow or heavy else 0


if __name__ == "__main__":
    sys.exit(main())
