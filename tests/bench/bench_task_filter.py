"""Benchmark: filtering and sorting 10,000 tasks (budget: < 100 ms, ARCHITECTURE.md "Budgets").

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_task_filter.py [--tasks 10000] [--repeat 7]

Builds a temporary data folder with N tasks (bulk inserts), loads them once with
desktop.core.tasks.list_tasks (timed, for information), then times what the task screen does
on each filter change: filter_tasks over the loaded rows, and the Qt table model re-sorting
the result (TaskTableModel.set_rows), and the whole TasksScreen.apply_filters. Prints the
median and worst of several runs per case; exits 1 if a median is over the budget.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_MS = 100.0
WORDS = ("triển khai chuyển đổi số nền tảng dữ liệu dân cư dịch vụ công trực tuyến toàn trình hạ tầng "
         "kỹ năng số cộng đồng an toàn thông tin kế hoạch báo cáo sơ kết tổng kết đào tạo bồi dưỡng cán bộ "
         "công chức phường thanh toán không dùng tiền mặt định danh điện tử đổi mới sáng tạo").split()


def build(folder_path: Path, count: int, seed: int = 57):
    from sqlalchemy import insert

    from desktop.core import office
    from desktop.core.directives import DirectiveRow, save_directive
    from desktop.db import Database, migrate
    from desktop.models import Task, TaskSource, TaskStatusEntry, task_coordinators
    from desktop.models.base import new_uid
    from desktop.paths import DataFolder

    folder = DataFolder(folder_path).ensure()
    migrate(folder)
    db = Database(folder, user="bench")
    rnd = random.Random(seed)
    today = date.today()
    with db.unit_of_work() as s:
        office.save_office(s, office.OfficeProfile(name_lines="ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI",
                                                   short_name="Phường An Hải", place_name="An Hải"))
        deps = [office.save_department(s, office.DepartmentRow(None, name, abbr))[0] for name, abbr in (
            ("Văn phòng HĐND và UBND", "VP"), ("Phòng Văn hóa - Xã hội", "VHXH"),
            ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"), ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
            ("Công an phường", "CA"))]
        dirs = [save_directive(s, DirectiveRow(None, f"{n:02d}-TB/TGV", "notice", date(2025, 1, 1) + timedelta(days=n)))[0]
                for n in range(1, 13)]
        tasks, sources, history, coordinators = [], [], [], []
        for task_id in range(1, count + 1):
            recurrence = rnd.choice(["none"] * 9 + ["continuous"])
            tasks.append({
                "id": task_id, "uid": new_uid(), "title": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))),
                "details": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 30))),
                "lead_department_id": rnd.choice(deps), "expected_output": "Báo cáo kết quả",
                "deadline": today + timedelta(days=rnd.randint(-200, 200)) if recurrence == "none" else None,
                "recurrence": recurrence, "phase": rnd.choice(["1", "2", "3", ""]), "position": task_id,
                "lead_note": "", "coordination_note": "", "deadline_note": "",
            })
            for position, directive_id in enumerate(rnd.sample(dirs, rnd.choice([1, 1, 2]))):
                sources.append({"task_id": task_id, "directive_id": directive_id, "item_ref": "", "position": position})
            for department_id in rnd.sample(deps, rnd.randint(0, 2)):
                coordinators.append({"task_id": task_id, "department_id": department_id})
            if rnd.random() < 0.7:
                history.append({"task_id": task_id, "on_date": today - timedelta(days=rnd.randint(20, 300)),
                                "status": "in_progress", "note": "", "recorded_by": "bench"})
            if rnd.random() < 0.4:
                history.append({"task_id": task_id, "on_date": today - timedelta(days=rnd.randint(0, 19)),
                                "status": "done", "note": "", "recorded_by": "bench"})
        s.execute(insert(Task), tasks)
        s.execute(insert(TaskSource), sources)
        s.execute(insert(TaskStatusEntry), history)
        s.execute(insert(task_coordinators), coordinators)
    return db


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.core import status as st
    from desktop.core import tasks as core
    from desktop.ui.context import AppContext
    from desktop.ui.tasks.model import TaskTableModel
    from desktop.ui.tasks.screen import TasksScreen

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as temp:
        start = time.perf_counter()
        db = build(Path(temp) / "data", args.tasks)
        print(f"built {args.tasks} tasks in {time.perf_counter() - start:.1f} s")
        try:
            start = time.perf_counter()
            with db.read() as session:
                rows = core.list_tasks(session)
            print(f"list_tasks (load once, derive statuses): {(time.perf_counter() - start) * 1000:.0f} ms")

            today = date.today()
            cases = {
                "no filter": core.TaskFilter(),
                "text 'chuyen doi so'": core.TaskFilter(text="chuyen doi so"),
                "text 'd' (matches đ)": core.TaskFilter(text="d"),
                "status overdue": core.TaskFilter(statuses=frozenset({st.OVERDUE})),
                "status in progress": core.TaskFilter(statuses=frozenset({st.IN_PROGRESS_ON_TIME})),
                "lead + phase + source": core.TaskFilter(department_id=rows[0].lead_id, phase="2",
                                                         directive_id=rows[0].source_ids[0]),
                "next 14 days": core.TaskFilter(deadline_from=today, deadline_to=today + timedelta(days=14)),
                "text + status + window": core.TaskFilter(text="du lieu", statuses=frozenset({st.OVERDUE}),
                                                          deadline_to=today - timedelta(days=1), open_only=True),
            }
            model = TaskTableModel()
            model.set_numbering(rows)
            over = False
            print(f"\n{'case':<26}{'shown':>7}{'filter ms':>11}{'+ sort title':>14}{'+ sort deadline':>17}")
            for name, criteria in cases.items():
                shown = len(core.filter_tasks(rows, criteria))
                filter_ms, _ = timed(lambda c=criteria: core.filter_tasks(rows, c), args.repeat)
                results = []
                for column in ("title", "deadline"):
                    model.sort(model.column_index(column), Qt.SortOrder.AscendingOrder)
                    median, _worst = timed(lambda c=criteria: model.set_rows(core.filter_tasks(rows, c)), args.repeat)
                    results.append(median)
                over |= any(value > BUDGET_MS for value in (filter_ms, *results))
                print(f"{name:<26}{shown:>7}{filter_ms:>11.1f}{results[0]:>14.1f}{results[1]:>17.1f}")

            # The first sort by title builds the collation keys (cached afterwards).
            from desktop.ui.tasks import model as model_module

            model_module._text_key.cache_clear()
            fresh = TaskTableModel()
            fresh.set_rows(rows)
            start = time.perf_counter()
            fresh.sort(fresh.column_index("title"), Qt.SortOrder.AscendingOrder)
            print(f"\nfirst sort by title, cold key cache: {(time.perf_counter() - start) * 1000:.1f} ms")

            ctx = AppContext(db.folder)
            ctx.db = db
            screen = TasksScreen(ctx)
            screen.resize(1136, 640)
            screen.refresh()
            screen.table.sortByColumn(screen.model.column_index("deadline"), Qt.SortOrder.AscendingOrder)

            def type_and_filter(text: str) -> None:
                screen.search.setText(text)
                screen.apply_filters()

            texts = iter(["chuyen", "chuyen doi", "chuyen doi so", "", "dân cư", ""] * args.repeat)
            median, worst = timed(lambda: type_and_filter(next(texts)), args.repeat * 6)
            over |= median > BUDGET_MS
            print(f"TasksScreen.apply_filters (search typing, sorted by deadline): median {median:.1f} ms, "
                  f"worst {worst:.1f} ms")
            screen.deleteLater()
        finally:
            db.close()
    app.processEvents()
    print(f"\nbudget {BUDGET_MS:.0f} ms: {'OVER BUDGET' if over else 'OK'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
