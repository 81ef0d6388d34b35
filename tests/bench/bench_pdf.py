"""Benchmark: a 30-page report to PDF (budget: < 1 s for the whole call, ARCHITECTURE.md "Budgets").

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_pdf.py [--pages 30] [--repeat 5]

Imports reportlab and registers the fonts first (timed, for information: that is paid once per
process), then times, several times each, `lay_out` alone, `write_pdf` alone and the whole
`render_pdf` call on the An Hải report repeated to about N pages, plus the same report with its
two appendices (a 60-row landscape table). Prints the median and worst; exits 1 if the median of
the whole call is over the budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_S = 1.0


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    from desktop.printing import render_pdf
    from desktop.printing.fonts import find_fonts, register
    from desktop.printing.layout import lay_out
    from desktop.printing.pdf import write_pdf
    from tests.output.pdf_samples import an_hai_report, appendices, long_report

    register(find_fonts())
    print(f"first import of reportlab + font registration: {time.perf_counter() - started:.3f} s")

    doc = long_report(args.pages)
    with_appendices = replace(doc, appendices=appendices())
    laid = lay_out(doc)
    pages = len(laid.pages)
    items = sum(len(page.items) for page in laid.pages)
    print(f"document: {pages} pages, {items} items ({laid.fonts.family}, {laid.fonts.source})")
    render_pdf(an_hai_report(), Path(tempfile.gettempdir()) / "nq57-bench-warm.pdf")  # warm caches once

    failed = False
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bao-cao.pdf"
        cases = [
            ("lay_out", lambda: lay_out(doc)),
            ("write_pdf", lambda: write_pdf(laid, target)),
            (f"render_pdf ({pages} pages)", lambda: render_pdf(doc, target)),
        ]
        appendix_pages = len(lay_out(with_appendices).pages)
        cases.append((f"render_pdf + appendices ({appendix_pages} pages)", lambda: render_pdf(with_appendices, target)))
        for name, fn in cases:
            median, worst, _ = timed(fn, args.repeat)
            verdict = ""
            if name.startswith("render_pdf ("):
                verdict = "  OK" if median < BUDGET_S else f"  OVER BUDGET ({BUDGET_S:.1f} s)"
                failed = median >= BUDGET_S
            print(f"{name:40s} median {median * 1000:7.1f} ms   worst {worst * 1000:7.1f} ms{verdict}")
        print(f"file size: {target.stat().st_size / 1024:.0f} KiB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
