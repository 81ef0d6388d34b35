"""`python -m desktop report list|pdf` on the demo data, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("cli-report") / "Dữ liệu mẫu"
    result = run("--data-dir", str(target), "demo")
    assert result.returncode == 0, result.stderr
    return target


def test_list_json_has_the_agreed_keys(demo_dir):
    result = run("report", "list", "--json", "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data) == 1
    (item,) = data
    assert {"id", "type", "number", "summary", "period", "status"} <= set(item)
    assert item["type"] == "BÁO CÁO" and item["number"] == "/BC-UBND" and item["status"] == "draft"
    assert item["period"] == "2025-07-01..2025-11-17"
    assert item["summary"].startswith("Kết quả thực hiện Nghị quyết số 57-NQ/TW")


def test_list_is_readable(demo_dir):
    result = run("--data-dir", str(demo_dir), "report", "list")
    assert result.returncode == 0, result.stderr
    assert "Dự thảo" in result.stdout and "/BC-UBND" in result.stdout


def test_pdf_of_the_demo_report_and_plan(demo_dir, tmp_path):
    out = tmp_path / "Báo cáo.pdf"
    result = run("--data-dir", str(demo_dir), "report", "pdf", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    assert result.stdout.startswith("Đã ghi ") and f"trang vào {out}" in result.stdout
    plan = tmp_path / "ke-hoach.pdf"
    result = run("--data-dir", str(demo_dir), "report", "pdf", "--plan", "1", "--out", str(plan))
    assert result.returncode == 0, result.stderr
    assert plan.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("args", [
    ("report", "pdf", "99", "--out", "x.pdf"),
    ("report", "pdf", "abc", "--out", "x.pdf"),
    ("report", "pdf", "--out", "x.pdf"),
    ("report", "pdf", "1", "--plan", "1", "--out", "x.pdf"),
    ("report", "pdf", "--plan", "42", "--out", "x.pdf"),
])
def test_bad_input_exits_2_with_one_vietnamese_line(demo_dir, tmp_path, args):
    result = run("--data-dir", str(demo_dir), *args[:-1], str(tmp_path / args[-1]))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ") and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_not_set_up_folder(tmp_path):
    result = run("--data-dir", str(tmp_path / "trống"), "report", "list")
    assert result.returncode == 2 and result.stderr.startswith("Lỗi: ")
