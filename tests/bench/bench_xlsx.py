"""Benchmark: XLSX export of a year of indicators (budget: < 1 s, ARCHITECTURE.md "Budgets").

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_xlsx.py [--repeat 5]

On the demo data (built once in a temporary folder): the first import of openpyxl (paid once per
process, for information), then, several times each, the whole export the way the command line does
it (read the values of the period, write the workbook atomically):
  year       the indicator table of 2025 (`indicators export-xlsx --period 2025`) — the budget;
  year+parts one workbook with the year, its four quarters and twelve months (17 sheets, ~1,500 rows),
             for information: a heavier export than the program offers today, to see how writing scales.
Prints the median and worst and the size of each file; exits 1 if the year's median is over the budget.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from desktop.core import demo, periods
    from desktop.core import indicators as indicators_core
    from desktop.core.office import get_office
    from desktop.db import open_database
    from desktop.paths import DataFolder

    temp = Path(tempfile.mkdtemp(prefix="nq57-bench-xlsx-"))
    try:
        folder = DataFolder(temp / "Dữ liệu mẫu")
        db = open_database(folder)
        with db.unit_of_work() as session:
            demo.build_demo(session, folder)

        started = time.perf_counter()
        from desktop.export import indicators as xlsx
        from desktop.export.workbook import ExportBook

        print(f"first import of openpyxl + desktop.export: {time.perf_counter() - started:.3f} s")

        year = periods.parse("2025")
        parts = [year] + [periods.quarter(2025, q) for q in range(1, 5)]
        parts += [periods.month(2025, m) for m in range(1, 13)]

        def export_year() -> Path:
            with db.read() as session:
                rows = indicators_core.period_values(session, year)
                groups = indicators_core.list_groups(session)
                lines = get_office(session).header_lines
            return xlsx.write_period_table(temp / "nam-2025.xlsx", lines, year, rows, groups)

        def export_year_and_parts() -> Path:
            book = ExportBook()
            with db.read() as session:
                groups = indicators_core.list_groups(session)
                lines = get_office(session).header_lines
                for period in parts:
                    xlsx.add_period_table(book, lines, period, indicators_core.period_values(session, period), groups)
            return book.save(temp / "nam-2025-ca-ky.xlsx")

        failed = 0
        for name, fn, budgeted in (("year", export_year, True),
                                   ("year+parts (17 sheets)", export_year_and_parts, False)):
            times = []
            path = None
            for _ in range(args.repeat):
                started = time.perf_counter()
                path = fn()
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            ok = median < BUDGET_S
            failed += budgeted and not ok
            verdict = ("ok  " if ok else "OVER") if budgeted else "info"
            rule = f"budget < {BUDGET_S} s" if budgeted else "no budget"
            print(f"{verdict} {name:<24} median {median:.3f} s, worst {max(times):.3f} s, "
                  f"{path.stat().st_size / 1024:.0f} KB ({rule})")
        db.close()
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
