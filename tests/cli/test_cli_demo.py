"""`python -m desktop demo` end to end, in a subprocess as users and checks run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("cli") / "Dữ liệu mẫu"
    result = run("--data-dir", str(target), "demo")
    assert result.returncode == 0, result.stderr
    assert "65 nhiệm vụ" in result.stdout and "1 kế hoạch" in result.stdout
    return target


def _phases(data: dict) -> dict[str, dict]:
    return {group["phase"]: group for group in data["by_phase"]}


@pytest.mark.parametrize("placement", ["before", "after"])
def test_stats_json_equal_the_report(demo_dir, placement):
    args = ["tasks", "stats", "--json"]
    args = ["--data-dir", str(demo_dir), *args] if placement == "before" else [*args, "--data-dir", str(demo_dir)]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    phases = _phases(data)
    for phase, assigned in (("1", 16), ("2", 34)):
        group = phases[phase]
        assert (group["assigned"], group["done"], group["done_on_time"], group["done_late"], group["overdue"]) == (
            assigned, assigned, assigned, 0, 0)
    assert data["total"]["assigned"] == 65
    assert data["unit"] == "Phường An Hải"
    assert {g["directive"] for g in data["by_source"]} >= {"02-KH/BCĐTW", "47-TB/TGV"}


def test_stats_on_the_report_day(demo_dir):
    result = run("tasks", "stats", "--json", "--as-of", "17/11/2025", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-11-17"
    assert _phases(data)["1"]["done_on_time"] == 16 and _phases(data)["2"]["done_on_time"] == 34


def test_accent_insensitive_search(demo_dir):
    result = run("tasks", "list", "--json", "--search", "chuyen doi so", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    titles = [row["title"] for row in rows]
    assert sum("chuyển đổi số" in title for title in titles) >= 5
    assert all({"id", "title", "status", "deadline", "lead", "phase", "source"} <= set(row) for row in rows)
    everything = json.loads(run("tasks", "list", "--json", "--data-dir", str(demo_dir)).stdout)
    assert len(everything) == 65
    wanted = {row["id"] for row in everything if "chuyển đổi số" in row["title"]}
    assert wanted <= {row["id"] for row in rows}


def test_demo_refuses_a_folder_with_data(demo_dir):
    result = run("--data-dir", str(demo_dir), "demo")
    assert result.returncode == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "đã có dữ liệu" in message and "Traceback" not in message
