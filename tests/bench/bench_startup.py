"""Benchmark: start-up time and memory against a bare PySide6 window, in the same run (issue #6 §4).

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_startup.py [--runs 7] [--platform offscreen|xcb]

Builds the demo data once in a temporary folder, then runs, interleaved, N times each, as separate
processes (whole-process wall time from spawn to exit, peak RSS of that process from wait4):
  bare      a bare PySide6 window with a table (200 × 6 model/view) and a form, quitting right after
            its first paint — the baseline;
  start     `python -m desktop --exit-after-start` on the demo data (quits right after the main
            window is first painted; the database is opened after that paint);
  overview  `python -m desktop --exit-after-overview` (database opened, overview figures computed and
            painted);
  idle      `python -m desktop --exit-after-idle` (and then the start-up work done too: log, daily
            backup, drafts notice — the first screen as the user sits in front of it);
  pdf       `python -m desktop report pdf 1` (memory while printing);
  xlsx      `python -m desktop indicators export-xlsx --period 2025` (memory while exporting).
Prints medians, the spread and the budgets:
  start ≤ 1.3 × bare; overview ≤ bare + 0.8 s; ≤ 80 MB on the first screen (idle);
  ≤ 200 MB while printing or exporting from the command line (the GUI's printing, with the preview's
  page cache: tests/bench/bench_preview.py).
Memory is given two ways: peak RSS (whole process, shared Qt/Python library pages included: the strict
figure) and private memory at exit (anonymous pages: the analogue of Task Manager's "Memory" column).
The program runs through a small wrapper (RUN_DESKTOP) that prints the latter at exit; it is
`python -m desktop` otherwise.
Exits 1 when a budget is missed. The machine is shared and noisy: compare medians between versions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_RATIO_BUDGET = 1.3
OVERVIEW_EXTRA_BUDGET_S = 0.8
FIRST_SCREEN_MB = 80
WORK_MB = 200

# Prepended to every measured program: at exit, print the process's own memory figures on stderr.
# Peak RSS (VmHWM) counts the shared libraries' pages too (Qt, Python); "private" (anonymous pages,
# RssAnon) is what Windows' Task Manager shows as a program's memory (private working set).
MEMORY_PROBE = r"""
import atexit, sys


def _nq57_memory():
    fields = {}
    for line in open("/proc/self/status"):
        key, _, value = line.partition(":")
        if key in ("VmHWM", "RssAnon"):
            fields[key] = int(value.split()[0]) / 1024
    sys.__stderr__.write("NQ57-MEMORY %(VmHWM).1f %(RssAnon).1f\n" % fields)


atexit.register(_nq57_memory)
"""
RUN_DESKTOP = MEMORY_PROBE + r"""
import runpy
sys.argv = ["desktop"] + sys.argv[1:]
runpy.run_module("desktop", run_name="__main__", alter_sys=True)
"""

BARE_WINDOW = MEMORY_PROBE + r"""
import sys
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit,
                               QListWidget, QMainWindow, QPlainTextEdit, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare window")
nav = QListWidget()
nav.addItems(["Tổng quan", "Nhiệm vụ", "Chỉ tiêu", "Kế hoạch", "Báo cáo"])
model = QStandardItemModel(200, 6)
for row in range(200):
    for column in range(6):
        model.setItem(row, column, QStandardItem(f"Nhiệm vụ {row} — cột {column}"))
table = QTableView()
table.setModel(model)
form_box = QWidget()
form = QFormLayout(form_box)
form.addRow("Tên nhiệm vụ", QLineEdit())
form.addRow("Bộ phận chủ trì", QComboBox())
form.addRow("Thời hạn", QDateEdit())
form.addRow("Ghi chú", QPlainTextEdit())
form.addRow(QPushButton("Lưu"))
splitter = QSplitter(Qt.Orientation.Vertical)
splitter.addWidget(table)
splitter.addWidget(form_box)
central = QWidget()
layout = QHBoxLayout(central)
layout.addWidget(nav)
layout.addWidget(splitter, 1)
window.setCentralWidget(central)
window.resize(1280, 720)


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False


watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds from spawn to exit, the process's peak RSS in MB (wait4) and its private memory
    at exit in MB (from MEMORY_PROBE; 0 when the program does not print it)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = proc.stderr.read().decode("utf-8", "replace")  # until the program closes it, at exit
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{errors}")
    private = 0.0
    for line in errors.splitlines():
        if line.startswith("NQ57-MEMORY "):
            private = float(line.split()[2])
    return seconds, usage.ru_maxrss / 1024, private  # ru_maxrss: kilobytes on Linux


def summary(values: list[float], unit: str, digits: int = 3) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(min {min(values):.{digits}f}, max {max(values):.{digits}f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "NQ57_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = args.platform
    env["PYTHONIOENCODING"] = "utf-8"
    python = sys.executable
    temp = Path(tempfile.mkdtemp(prefix="nq57-bench-"))
    try:
        data = temp / "Dữ liệu mẫu"
        subprocess.run([python, "-m", "desktop", "--data-dir", str(data), "demo"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        # one warm-up of each, so the file cache is the same for every measured run
        commands = {
            "bare": [python, "-c", BARE_WINDOW],
            "start": [python, "-c", RUN_DESKTOP, "--data-dir", str(data), "--exit-after-start"],
            "overview": [python, "-c", RUN_DESKTOP, "--data-dir", str(data), "--exit-after-overview"],
            "idle": [python, "-c", RUN_DESKTOP, "--data-dir", str(data), "--exit-after-idle"],
            "pdf": [python, "-m", "desktop", "--data-dir", str(data), "report", "pdf", "1",
                    "--out", str(temp / "bao-cao.pdf")],
            "xlsx": [python, "-m", "desktop", "--data-dir", str(data), "indicators", "export-xlsx",
                     "--period", "2025", "--out", str(temp / "chi-tieu.xlsx")],
        }
        for command in commands.values():
            run_once(command, env)
        times: dict[str, list[float]] = {key: [] for key in commands}
        memory: dict[str, list[float]] = {key: [] for key in commands}
        private: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(args.runs):
            for key, command in commands.items():
                seconds, mb, own = run_once(command, env)
                times[key].append(seconds)
                memory[key].append(mb)
                private[key].append(own)
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    print(f"Python {sys.version.split()[0]}, QT_QPA_PLATFORM={args.platform}, {args.runs} runs each, "
          f"{os.cpu_count()} CPUs")
    for key in commands:
        own = f"; private at exit {statistics.median(private[key]):.0f} MB" if any(private[key]) else ""
        print(f"  {key:<9} {summary(times[key], 's')}; peak RSS {summary(memory[key], 'MB', 0)}{own}")

    bare = statistics.median(times["bare"])
    start = statistics.median(times["start"])
    overview = statistics.median(times["overview"])
    first_screen_mb = statistics.median(memory["idle"])
    first_screen_private = statistics.median(private["idle"])
    work_mb = max(statistics.median(memory["pdf"]), statistics.median(memory["xlsx"]))
    checks = [
        (f"window shown: {start:.3f} s = {start / bare:.2f} × bare {bare:.3f} s", start / bare,
         START_RATIO_BUDGET, f"≤ {START_RATIO_BUDGET} × bare"),
        (f"overview figures on screen: {overview:.3f} s = bare + {overview - bare:.3f} s", overview - bare,
         OVERVIEW_EXTRA_BUDGET_S, f"≤ bare + {OVERVIEW_EXTRA_BUDGET_S} s"),
        (f"memory on the first screen (idle), peak RSS: {first_screen_mb:.0f} MB "
         f"(window alone {statistics.median(memory['start']):.0f} MB, bare {statistics.median(memory['bare']):.0f} MB)",
         first_screen_mb, FIRST_SCREEN_MB, f"≤ {FIRST_SCREEN_MB} MB"),
        (f"memory on the first screen (idle), private: {first_screen_private:.0f} MB "
         f"(window alone {statistics.median(private['start']):.0f} MB, "
         f"bare {statistics.median(private['bare']):.0f} MB; what Task Manager shows)",
         first_screen_private, FIRST_SCREEN_MB, f"≤ {FIRST_SCREEN_MB} MB"),
        (f"memory while printing / exporting: {work_mb:.0f} MB", work_mb, WORK_MB, f"≤ {WORK_MB} MB"),
    ]
    failed = 0
    print()
    for text, value, budget, rule in checks:
        ok = value <= budget
        failed += not ok
        print(f"  {'ok  ' if ok else 'OVER'} {text}  (budget {rule}, ratio to budget {value / budget:.2f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
