"""`python -m desktop consolidate --period P --out F.xlsx [--json]` in a subprocess, on a data folder
holding received packages (built by hand, as the importer leaves them) and on a brand-new folder."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from desktop.db import Database
from tests.cli.runner import run
from tests.output.test_xlsx_consolidation import build


def _received(folder) -> Path:
    database = Database(folder, user="kiểm thử")
    with database.unit_of_work() as session:
        build(session)
    database.close()
    return folder.root


def test_consolidate_writes_the_workbook_and_prints_json(folder, tmp_path):
    root = _received(folder)  # no office: the upper level may only receive
    out = tmp_path / "Tổng hợp quý 3.xlsx"
    result = run("--data-dir", str(root), "consolidate", "--period", "2025-Q3", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["period"], data["deadline"], data["expected"], data["sent"], data["on_time"], data["late"],
            data["missing"], data["extra"]) == ("2025-Q3", "2025-09-16", 3, 3, 1, 1, 1, 1)
    assert data["out"] == str(out) and out.is_file()
    indicators = {item["code"]: item for item in data["indicators"]}
    received = indicators["OPS.DOSSIER.RECEIVED"]
    assert received["value"] == 12962 and received["method"] == "sum"
    rate = indicators["OPS.DOSSIER.ONLINE_RATE"]
    assert rate["value"] == 76.1 and rate["method"] == "formula" and rate["units_reporting"] == 2
    assert [(u["name"], u["assigned"], u["done"], u["rate"], u["rank"]) for u in data["units"]][:2] == [
        ("Phường Lê Chân", 1, 1, 100, 1), ("Phường An Hải", 2, 1, 50, 2)]
    assert data["totals"]["assigned"] == 3 and data["totals"]["rate"] == 66.7
    statuses = {s["code"]: (s["status"], s["expected"]) for s in data["submissions"]}
    assert statuses == {"31234": ("on_time", True), "31240": ("late", True), "31250": ("missing", True),
                        "31299": ("on_time", False)}
    book = load_workbook(out)
    assert book.sheetnames == ["Đơn vị gửi báo cáo", "Chỉ tiêu tổng hợp", "Nhiệm vụ theo đơn vị"]


def test_consolidate_prints_a_summary(folder, tmp_path):
    root = _received(folder)
    out = tmp_path / "tong-hop.xlsx"
    result = run("consolidate", "--data-dir", str(root), "--period", "2025-q3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Tổng hợp quý III/2025: hạn gửi 16/09/2025; đã gửi 2/3 đơn vị (đúng hạn 1, gửi muộn 1), "
                               "chưa gửi 1.")
    assert "Nhiệm vụ của các đơn vị đã gửi: được giao 3, đã hoàn thành 2, quá hạn chưa hoàn thành 1." in lines
    assert lines[-1] == f"Đã ghi bảng tổng hợp: {out}"


def test_a_brand_new_folder_consolidates_to_nothing(tmp_path):
    root = tmp_path / "cap-tren"
    result = run("--data-dir", str(root), "consolidate", "--period", "2025-Q3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sent"] == 0 and data["units"] == [] and data["out"] is None
    assert (root / "nq57.sqlite").is_file()


def test_bad_input_is_refused_in_one_vietnamese_line(folder, tmp_path):
    root = _received(folder)
    cases = [
        (("--period", "2025-Q5", "--out", str(tmp_path / "a.xlsx")), "Kỳ báo cáo «2025-Q5» không hợp lệ"),
        (("--period", "2025-Q3"), "Cần --out"),
        (("--period", "2025-Q3", "--out", str(tmp_path / "a.csv")), "phải có đuôi .xlsx"),
        (("--period", "2025-Q3", "--out", str(tmp_path / "khong-co" / "a.xlsx")), "Không có thư mục"),
    ]
    for arguments, message in cases:
        result = run("--data-dir", str(root), "consolidate", *arguments)
        assert result.returncode == 2, (arguments, result.stdout, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not list(tmp_path.glob("*.xlsx"))


def test_help_names_the_command():
    result = run("consolidate", "--help")
    assert result.returncode == 0 and "--period" in result.stdout and "--out" in result.stdout


# ----------------------------------------------------------------------------- end to end

PERIOD = "2025-07-01..2025-11-17"  # the demo report's period


def test_two_demo_offices_exported_imported_and_consolidated(tmp_path):
    """Two demo wards export their packages; a third, empty folder imports both and consolidates:
    the totals equal the wards' own figures added up, the rate is recomputed from the sums, each
    unit's task counts equal its own statistics, and the drill-down finds the PDF it sent."""
    from decimal import Decimal

    from desktop.core import consolidate as cons
    from desktop.core import periods
    from desktop.paths import DataFolder

    own, stats = {}, {}
    for code, name in (("31234", "Phường An Hải"), ("31240", "Phường Lê Chân")):
        ward = tmp_path / code
        for arguments in (("demo", "--unit-code", code, "--unit-name", name),
                          ("export", "--period", PERIOD, "--out", str(tmp_path / f"{code}.nq57"))):
            result = run("--data-dir", str(ward), *arguments)
            assert result.returncode == 0, result.stderr
        shown = run("--data-dir", str(ward), "indicators", "show", "--period", PERIOD, "--json")
        own[code] = {v["code"]: v["value"] for v in json.loads(shown.stdout)["values"]}
        counted = run("--data-dir", str(ward), "tasks", "stats", "--as-of", "17/11/2025", "--json")
        stats[code] = json.loads(counted.stdout)["total"]
    city = tmp_path / "thanh-pho"
    imported = run("--data-dir", str(city), "import", str(tmp_path / "31234.nq57"), str(tmp_path / "31240.nq57"))
    assert imported.returncode == 0, imported.stderr
    result = run("--data-dir", str(city), "consolidate", "--period", PERIOD, "--out", str(tmp_path / "th.xlsx"),
                 "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sent"] == 2 and data["missing"] == 0
    totals = {item["code"]: item for item in data["indicators"]}
    a, b = own["31234"], own["31240"]
    assert a["OPS.DOSSIER.RECEIVED"] != b["OPS.DOSSIER.RECEIVED"]  # the two demo offices differ
    for code, item in totals.items():
        if item["method"] == "sum" and item["kind"] in ("count", "money") and item["units_reporting"]:
            assert item["value"] == (a.get(code) or 0) + (b.get(code) or 0), code
    online = Decimal(a["OPS.DOSSIER.ONLINE"]) + Decimal(b["OPS.DOSSIER.ONLINE"])
    received = Decimal(a["OPS.DOSSIER.RECEIVED"]) + Decimal(b["OPS.DOSSIER.RECEIVED"])
    expected_rate = float((online / received * 100).quantize(Decimal("0.1")))
    assert totals["OPS.DOSSIER.ONLINE_RATE"]["value"] == expected_rate
    assert expected_rate != round((a["OPS.DOSSIER.ONLINE_RATE"] + b["OPS.DOSSIER.ONLINE_RATE"]) / 2, 1)
    units = {u["code"]: u for u in data["units"]}
    for code in ("31234", "31240"):
        for key in ("assigned", "done", "done_on_time", "done_late", "in_progress_on_time", "overdue"):
            assert units[code][key] == stats[code][key], (code, key)
    assert data["totals"]["assigned"] == stats["31234"]["assigned"] + stats["31240"]["assigned"]

    database = Database(DataFolder(city))
    try:
        with database.read() as session:
            detail = cons.unit_detail(session, units["31240"]["unit_id"], periods.parse(PERIOD), DataFolder(city))
    finally:
        database.close()
    assert detail.pdf_path is not None and detail.pdf_path.read_bytes().startswith(b"%PDF")
    values = {v.code: v for v in detail.values}
    assert values["OPS.DOSSIER.RECEIVED"].value == Decimal(b["OPS.DOSSIER.RECEIVED"])
    assert len(detail.tasks) == stats["31240"]["assigned"]
