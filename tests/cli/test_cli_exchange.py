"""`export`, `import` and `demo --unit-code/--unit-name` end to end, in subprocesses as users and
checks run them: two demo offices export, a third, empty folder imports both."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli.runner import run

RANGE = "2025-07-01..2025-11-17"


@pytest.fixture(scope="module")
def offices(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("trao-doi")
    an_hai, le_chan = root / "An Hải", root / "Lê Chân"
    assert run("--data-dir", str(an_hai), "demo").returncode == 0
    made = run("--data-dir", str(le_chan), "demo", "--unit-code", "31234", "--unit-name", "Phường Lê Chân")
    assert made.returncode == 0, made.stderr
    return {"an_hai": an_hai, "le_chan": le_chan, "root": root}


@pytest.fixture(scope="module")
def exported(offices) -> dict[str, subprocess.CompletedProcess]:
    out = {}
    for key in ("an_hai", "le_chan"):
        target = offices["root"] / f"{key}.nq57"
        out[key] = run("export", "--period", RANGE, "--out", str(target), "--json", "--data-dir", str(offices[key]))
    return out


@pytest.fixture(scope="module")
def packages(offices, exported) -> dict[str, Path]:
    for result in exported.values():
        assert result.returncode == 0, result.stderr
    return {key: offices["root"] / f"{key}.nq57" for key in exported}


def _count(folder: Path, table: str) -> int:
    connection = sqlite3.connect(folder / "nq57.sqlite")
    try:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_demo_variant_is_another_office(offices):
    stats = [json.loads(run("tasks", "stats", "--json", "--as-of", "17/11/2025", "--data-dir", str(offices[k])).stdout)
             for k in ("an_hai", "le_chan")]
    assert stats[0]["unit"] == "Phường An Hải" and stats[1]["unit"] == "Phường Lê Chân"
    assert stats[0]["total"]["assigned"] == stats[1]["total"]["assigned"] == 65
    assert stats[0]["total"] != stats[1]["total"]
    values = [json.loads(run("indicators", "show", "--period", RANGE, "--json", "--data-dir", str(offices[k])).stdout)
              for k in ("an_hai", "le_chan")]
    received = [next(v["value"] for v in data["values"] if v["code"] == "OPS.DOSSIER.RECEIVED") for data in values]
    assert received[0] == 11962 and received[1] != 11962


def test_demo_variant_needs_code_and_name(tmp_path):
    result = run("--data-dir", str(tmp_path / "x"), "demo", "--unit-code", "31234")
    assert result.returncode == 2 and "--unit-name" in result.stderr
    result = run("--data-dir", str(tmp_path / "y"), "demo", "--unit-code", "31", "--unit-name", "Phường Lê Chân")
    assert result.returncode == 2 and "5 chữ số" in result.stderr
    assert not (tmp_path / "y" / "nq57.sqlite").exists()


def test_export_json_and_text(offices, exported):
    result = exported["le_chan"]
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["unit"] == "31234" and data["unit_name"] == "Phường Lê Chân" and data["period"] == RANGE
    assert data["tasks"] == 65 and data["values"] > 30 and data["pdf"] and data["xlsx"]
    assert data["report"]["status"] == "draft" and data["warnings"]
    assert Path(data["file"]).stat().st_size == data["size"]
    text = run("export", "--period", "2025-Q3", "--out", str(offices["root"] / "q3.nq57"), "--no-pdf", "--no-xlsx",
               "--data-dir", str(offices["an_hai"]))
    assert text.returncode == 0, text.stderr
    assert "Đã ghi gói dữ liệu" in text.stdout and "65 nhiệm vụ" in text.stdout and "Lưu ý:" in text.stdout


def test_export_refusals(offices, tmp_path):
    bad = run("export", "--period", "2025-Q9", "--out", str(tmp_path / "a.nq57"), "--data-dir", str(offices["an_hai"]))
    assert bad.returncode == 2 and bad.stderr.startswith("Lỗi: Kỳ báo cáo «2025-Q9» không hợp lệ")
    assert len(bad.stderr.strip().splitlines()) == 1
    empty = run("export", "--period", "2025-Q3", "--out", str(tmp_path / "b.nq57"), "--data-dir", str(tmp_path / "x"))
    assert empty.returncode == 2 and "chưa có dữ liệu" in empty.stderr
    wrong = run("export", "--period", "2025-Q3", "--out", str(tmp_path / "c.zip"), "--data-dir", str(offices["an_hai"]))
    assert wrong.returncode == 2 and ".nq57" in wrong.stderr
    assert list(tmp_path.iterdir()) == []


def test_import_into_an_empty_folder(packages, tmp_path):
    target = tmp_path / "Cấp trên"
    dry = run("import", str(packages["an_hai"]), str(packages["le_chan"]), "--dry-run", "--json",
              "--data-dir", str(target))
    assert dry.returncode == 0, dry.stderr
    assert [p["status"] for p in json.loads(dry.stdout)] == ["new", "new"]
    assert not target.exists()  # a dry run creates nothing

    result = run("import", str(packages["an_hai"]), str(packages["le_chan"]), "--json", "--data-dir", str(target))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["status"], r["unit"], r["period"]) for r in rows] == [("imported", "11311", RANGE),
                                                                    ("imported", "31234", RANGE)]
    assert all({"file", "status", "reason", "unit", "period"} <= set(r) for r in rows)
    assert _count(target, "received_packages") == 2 and _count(target, "units") == 2
    assert run("check", "--data-dir", str(target)).returncode == 0

    again = run("import", str(packages["le_chan"]), "--data-dir", str(target))
    assert again.returncode == 0 and "Đã có, giữ nguyên" in again.stdout and "1 giữ nguyên" in again.stdout


def test_import_with_a_bad_file_exits_2(packages, tmp_path):
    bad = tmp_path / "hong.nq57"
    bad.write_bytes(packages["an_hai"].read_bytes()[:5000])
    target = tmp_path / "data"
    result = run("import", str(bad), str(packages["an_hai"]), "--json", "--data-dir", str(target))
    assert result.returncode == 2
    rows = json.loads(result.stdout)
    assert [r["status"] for r in rows] == ["refused", "imported"]
    assert "cắt cụt" in rows[0]["reason"]
    assert result.stderr.startswith("Lỗi: 1/2 tệp bị từ chối") and len(result.stderr.strip().splitlines()) == 1
    counts = (_count(target, "received_packages"), _count(target, "indicator_values"))
    text = run("import", str(bad), "--data-dir", str(target))
    assert text.returncode == 2 and "Từ chối" in text.stdout and "cắt cụt" in text.stdout
    assert (_count(target, "received_packages"), _count(target, "indicator_values")) == counts
    assert run("check", "--data-dir", str(target)).returncode == 0


def test_own_package_refused_by_the_office_itself(offices, packages):
    result = run("import", str(packages["an_hai"]), "--dry-run", "--data-dir", str(offices["an_hai"]))
    assert result.returncode == 2 and "chính đơn vị này" in result.stdout
