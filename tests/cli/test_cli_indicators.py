"""`python -m desktop indicators show` on the demo data, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("cli-ind") / "Dữ liệu mẫu"
    result = run("--data-dir", str(target), "demo")
    assert result.returncode == 0, result.stderr
    return target


def test_show_json_gives_the_report_figures(demo_dir):
    result = run("indicators", "show", "--period", "2025-07-01..2025-11-17", "--json", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == "2025-07-01..2025-11-17" and data["unit"] == "Phường An Hải"
    values = {v["code"]: v for v in data["values"]}
    for item in data["values"]:
        assert {"code", "name", "unit", "value", "computed", "target", "achievement"} <= set(item)
    assert values["OPS.DOSSIER.ONLINE_RATE"]["value"] == 81.6 and values["OPS.DOSSIER.ONLINE_RATE"]["computed"] is True
    assert values["OPS.DOSSIER.RECEIVED"]["value"] == 11962 and isinstance(values["OPS.DOSSIER.RECEIVED"]["value"], int)
    assert values["OPS.DOSSIER.RECEIVED"]["computed"] is False
    assert values["OPS.PROC.TOTAL"]["value"] == 368 and values["OPS.BUDGET.ESTIMATE"]["value"] == 820000000
    assert values["MS.26"]["value"] == 81.6 and values["MS.26"]["target"] == "≥ 70%"
    assert values["MS.26"]["achievement"] == "met"
    assert values["MS.02"]["achievement"] == "no_data"


def test_show_table_is_readable(demo_dir):
    result = run("--data-dir", str(demo_dir), "indicators", "show", "--period", "2025-07-01..2025-11-17")
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if l.startswith("OPS.DOSSIER.ONLINE_RATE"))
    assert "81,6%" in line
    assert "11.962 hồ sơ" in result.stdout


def test_show_quarter(demo_dir):
    result = run("--data-dir", str(demo_dir), "indicators", "show", "--period", "2025-Q3", "--json")
    values = {v["code"]: v for v in json.loads(result.stdout)["values"]}
    assert values["OPS.DOSSIER.RECEIVED"]["value"] == 7036


def test_bad_period_exits_2_with_one_vietnamese_line(demo_dir):
    result = run("--data-dir", str(demo_dir), "indicators", "show", "--period", "quý 3")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "không hợp lệ" in result.stderr


def test_not_set_up_folder_exits_2(tmp_path):
    result = run("--data-dir", str(tmp_path / "trống"), "indicators", "show", "--period", "2025-Q3")
    assert result.returncode == 2 and "chưa có dữ liệu" in result.stderr
