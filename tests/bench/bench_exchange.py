"""Benchmark: importing and consolidating 120 unit packages (budget: < 10 s, ARCHITECTURE.md "Budgets").

Not part of the default test run. Run from the repository root:

    .venv/bin/python tests/bench/bench_exchange.py [--units 120] [--tasks 65] [--values 60]

Generates N upward packages for one period in a temporary folder with
desktop.core.nq57file.build_package — each unit with its own code and name, its tasks' progress
and its indicator figures drawn from a generator seeded by the unit (counts, amounts, percentages
and yes/no answers of the built-in catalogues), and a small PDF of its own — then, in a brand-new
empty data folder (no office), times:

- preview_packages over all files (the dry run the import screen shows first),
- import_packages over all files (one transaction per package, backup, attachments),
- desktop.core.consolidate.consolidate for the period, when that module is present,
- importing the same files again (every one "unchanged").

Prints each timing and the per-package figure; exits 1 if import + consolidation is over the budget.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_S = 10.0
PERIOD = "2025-Q3"
WORDS = ("triển khai chuyển đổi số nền tảng dữ liệu dân cư dịch vụ công trực tuyến toàn trình hạ tầng "
         "kỹ năng số cộng đồng an toàn thông tin kế hoạch báo cáo sơ kết tổng kết đào tạo bồi dưỡng cán bộ "
         "công chức phường thanh toán không dùng tiền mặt định danh điện tử đổi mới sáng tạo").split()
PLACES = ("An Hải", "Lê Chân", "Hồng Bàng", "Ngô Quyền", "Kiến An", "Đồ Sơn", "Dương Kinh", "Hải An",
          "Thủy Nguyên", "An Dương", "Tiên Lãng", "Vĩnh Bảo", "Kiến Thụy", "Cát Hải", "Bạch Long Vĩ")


def _uid(rnd: random.Random) -> str:
    return "%032x" % rnd.getrandbits(128)


def _sentence(rnd: random.Random, low: int, high: int) -> str:
    words = rnd.choices(WORDS, k=rnd.randint(low, high))
    return (" ".join(words)).capitalize()


def _small_pdf(title: str) -> bytes:
    """A one-page PDF (about 1 KB), different for each unit."""
    text = title.encode("ascii", "replace")
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def catalogue_rows() -> list[dict]:
    """Typed (not computed) indicators of the built-in catalogues, with their definitions."""
    from desktop.core import indicators as indicators_core

    rows = []
    for name in indicators_core.CATALOGUE_FILES:
        data = indicators_core.load_catalogue_file(name)
        for group, items in indicators_core.catalogue_entries(data):
            for item in items:
                if item.get("formula"):
                    continue
                rows.append({"code": item["code"], "name": item["name"], "unit": item.get("unit", ""),
                             "kind": item["kind"], "group_code": group["code"], "group_name": group["name"],
                             "catalogue": group["catalogue"], "formula": "", "decimals": int(item.get("decimals", 0))})
    return rows


def unit_data(index: int, tasks: int, values: int, catalogue: list[dict]) -> tuple[dict, dict, dict]:
    """(manifest fields, data.json, attachments) of unit `index`."""
    from desktop.core import periods

    rnd = random.Random(f"bench-unit-{index}")
    period = periods.parse(PERIOD)
    first, last = period.window
    code = f"{31000 + index:05d}"
    place = f"{PLACES[index % len(PLACES)]} {index // len(PLACES) + 1}"
    name = f"Phường {place}"
    unit = {"code": code, "name": name, "name_lines": ["ỦY BAN NHÂN DÂN", name.upper()], "kind": "ward"}
    departments = [{"uid": _uid(rnd), "name": n, "abbreviation": a} for n, a in (
        ("Văn phòng HĐND và UBND", "VP"), ("Phòng Văn hóa - Xã hội", "VHXH"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"), ("Trung tâm Phục vụ hành chính công", "TTPVHCC"))]
    directives = [{"uid": _uid(rnd), "doc_type": "notice", "number_symbol": f"{n:02d}-TB/TGV",
                   "issued_on": (date(2025, 1, 1) + timedelta(days=9 * n)).isoformat(), "issuer": "Tổ Giúp việc",
                   "summary": _sentence(rnd, 8, 16)} for n in range(1, 9)]
    plans = [{"uid": _uid(rnd), "number_symbol": "70/KH-UBND", "issued_on": "2025-09-17",
              "summary": "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"}]
    task_rows = []
    for number in range(tasks):
        deadline = first + timedelta(days=rnd.randint(10, 120))
        history = [{"on_date": (first + timedelta(days=rnd.randint(0, 20))).isoformat(), "status": "in_progress",
                    "note": _sentence(rnd, 5, 12), "recorded_by": "Nguyễn Văn A"}]
        draw = rnd.random()
        status = "in_progress_on_time" if deadline >= last else "overdue"
        completed = None
        if draw < 0.75:
            done = deadline + timedelta(days=rnd.randint(-25, 10))
            if done <= last:
                history.append({"on_date": done.isoformat(), "status": "done", "note": _sentence(rnd, 6, 14),
                                "recorded_by": "Nguyễn Văn A"})
                completed = done.isoformat()
                status = "done_on_time" if done <= deadline else "done_late"
        task_rows.append({
            "uid": _uid(rnd), "title": _sentence(rnd, 10, 25), "details": _sentence(rnd, 0, 40),
            "plan_uid": plans[0]["uid"] if number % 3 else None,
            "lead_department_uid": rnd.choice(departments)["uid"], "lead_note": "",
            "coordinator_uids": [d["uid"] for d in rnd.sample(departments, 2)], "coordination_note": "",
            "expected_output": _sentence(rnd, 4, 10), "deadline": deadline.isoformat(), "recurrence": "none",
            "deadline_note": "", "phase": str(1 + number % 2), "completed_on": completed,
            "sources": [{"directive_uid": rnd.choice(directives)["uid"], "item_ref": f"mục {number % 9 + 1}"}],
            "history": history,
            "evidence": [{"kind": "document", "file_name": "", "file_sha256": "", "file_size": 0,
                          "citation": _sentence(rnd, 6, 12), "note": ""}] if completed else [],
            "status": status,
        })
    chosen = rnd.sample(catalogue, min(values, len(catalogue)))
    value_rows = []
    for row in chosen:
        kind = row["kind"]
        if kind == "count":
            text = str(rnd.randint(0, 20000))
        elif kind == "money":
            text = str(rnd.randint(0, 900) * 1_000_000)
        elif kind == "percent":
            text = str(round(rnd.uniform(0, 100), 1)).removesuffix(".0")
        elif kind == "number":
            text = str(round(rnd.uniform(0, 1), 2))
        elif kind == "bool":
            text = rnd.choice(("0", "1"))
        else:
            text = _sentence(rnd, 3, 10)
        value_rows.append({"code": row["code"], "value": text, "comment": ""})
    data = {
        "schema_version": 1, "unit": unit,
        "period": {"code": period.code, "start": first.isoformat(), "end": last.isoformat(), "name": period.name},
        "as_of": last.isoformat(), "departments": departments, "directives": directives, "plans": plans,
        "tasks": task_rows, "indicators": chosen, "values": value_rows, "report": None,
    }
    created = datetime(2025, 9, 16, 8, 0) + timedelta(minutes=7 * index)
    manifest = {"direction": "up", "content": "report", "unit": unit, "period": period.code,
                "created": created.isoformat()}
    return manifest, data, {"bao-cao.pdf": _small_pdf(f"Bao cao quy III/2025 - don vi {code}")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=120)
    parser.add_argument("--tasks", type=int, default=65)
    parser.add_argument("--values", type=int, default=60)
    args = parser.parse_args()

    from desktop.core import receive
    from desktop.core.nq57file import build_package
    from desktop.db import open_database
    from desktop.paths import DataFolder

    with tempfile.TemporaryDirectory(prefix="nq57-bench-exchange-") as temp:
        root = Path(temp)
        (root / "packages").mkdir()
        started = time.perf_counter()
        catalogue = catalogue_rows()
        files = []
        for index in range(args.units):
            manifest, data, attachments = unit_data(index, args.tasks, args.values, catalogue)
            path = root / "packages" / f"{manifest['unit']['code']}-{PERIOD}.nq57"
            path.write_bytes(build_package(manifest, data, attachments))
            files.append(path)
        size = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} packages ({size / 1024:.0f} KB in all) in {time.perf_counter() - started:.2f} s")

        db = open_database(DataFolder(root / "upper"))
        try:
            started = time.perf_counter()
            previews = receive.preview_packages(db, files)
            preview_s = time.perf_counter() - started
            statuses = {p.status for p in previews}
            print(f"preview (dry run): {preview_s:.2f} s, statuses {sorted(statuses)}")

            started = time.perf_counter()
            results = receive.import_packages(db, files)
            import_s = time.perf_counter() - started
            refused = [r for r in results if r.status == "refused"]
            print(f"import: {import_s:.2f} s ({import_s / len(files) * 1000:.1f} ms per package), "
                  f"{len(results) - len(refused)} imported, {len(refused)} refused")
            for r in refused[:3]:
                print("  refused:", r.file, r.reason)

            consolidate_s = 0.0
            try:
                from desktop.core.consolidate import consolidate
            except ImportError:
                print("consolidate: desktop.core.consolidate not present, skipped")
            else:
                started = time.perf_counter()
                with db.read() as session:
                    result = consolidate(session, PERIOD, today=date(2025, 11, 17))
                consolidate_s = time.perf_counter() - started
                print(f"consolidate: {consolidate_s:.2f} s ({len(result.submissions)} submissions, "
                      f"{len(result.indicators)} indicators, {len(result.units)} units)")

            started = time.perf_counter()
            again = receive.import_packages(db, files)
            print(f"import again: {time.perf_counter() - started:.2f} s, "
                  f"statuses {sorted({r.status for r in again})}")
        finally:
            db.close()
    total = import_s + consolidate_s
    verdict = "OK" if total < BUDGET_S and not refused else "OVER BUDGET" if total >= BUDGET_S else "REFUSED FILES"
    print(f"import + consolidate: {total:.2f} s (budget {BUDGET_S:.0f} s) — {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
