"""`export-down` and `import-xlsx` from the command line, as upper-level staff script them."""

from __future__ import annotations

import json
import sqlite3

from desktop.core import nq57file
from tests.cli.runner import run
from tests.core.test_task_sheet import ERRORS, READABLE, build_appendix


def task_count(folder) -> int:
    with sqlite3.connect(folder.database) as connection:
        return connection.execute("SELECT count(*) FROM tasks").fetchone()[0]


def test_export_down_each_kind(demo_folder, tmp_path):
    done = run("--data-dir", str(demo_folder.root), "export-down", "--tasks", "--plan", "1",
               "--out", str(tmp_path / "ke-hoach"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["content"] == "tasks" and result["tasks"] > 0 and result["file"].endswith("ke-hoach.nq57")
    package = nq57file.read_package(result["file"])
    assert (package.direction, package.content, len(package.data["tasks"])) == ("down", "tasks", result["tasks"])

    done = run("--data-dir", str(demo_folder.root), "export-down", "--outline",
               "Báo cáo định kỳ kết quả thực hiện Nghị quyết 57-NQ/TW", "--out", str(tmp_path / "de-cuong.nq57"))
    assert done.returncode == 0, done.stderr
    assert "Đề cương «Báo cáo định kỳ" in done.stdout
    outline = nq57file.read_package(tmp_path / "de-cuong.nq57")
    assert outline.content == "outline" and outline.data["outline"]["name"].startswith("Báo cáo định kỳ")
    done = run("--data-dir", str(demo_folder.root), "export-down", "--outline", "bao cao khong co",
               "--out", str(tmp_path / "x.nq57"))
    assert done.returncode == 2 and "Báo cáo trống" in done.stderr

    done = run("--data-dir", str(demo_folder.root), "export-down", "--indicators", "--out",
               str(tmp_path / "chi-tieu.nq57"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["indicators"] > 10


def test_export_down_refuses_bad_requests(demo_folder, tmp_path):
    done = run("--data-dir", str(demo_folder.root), "export-down", "--out", str(tmp_path / "x.nq57"))
    assert done.returncode == 2 and "--tasks, --outline ID hoặc --indicators" in done.stderr
    done = run("--data-dir", str(demo_folder.root), "export-down", "--tasks", "--plan", "77",
               "--out", str(tmp_path / "x.nq57"))
    assert done.returncode == 2 and "Không tìm thấy kế hoạch số 77" in done.stderr
    done = run("--data-dir", str(demo_folder.root), "export-down", "--indicators", "--codes", "KHONG.CO",
               "--out", str(tmp_path / "x.nq57"))
    assert done.returncode == 2 and "KHONG.CO" in done.stderr
    assert not (tmp_path / "x.nq57").exists()


def test_import_xlsx_dry_run_then_import_then_again(demo_folder, tmp_path):
    sheet = build_appendix(tmp_path / "phu-luc.xlsx")
    before = task_count(demo_folder)
    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(sheet), "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    preview = json.loads(done.stdout)
    assert (preview["sheet"], preview["header_row"], preview["readable"], preview["errors"]) == (
        "Phụ lục", 6, READABLE, ERRORS)
    assert [c["field"] for c in preview["columns"]] == ["stt", "title", "source", "lead", "ignore", "deadline"]
    assert preview["problems"][0].startswith("Dòng 27:") and preview["created"] == 0
    first = next(row for row in preview["rows"] if row["kind"] == "task")
    assert (first["row"], first["deadline"], first["sources"]) == (9, "2025-12-30", ["12-KH/TU"])
    assert task_count(demo_folder) == before

    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(sheet), "--phase", "2")
    assert done.returncode == 0, done.stderr
    assert f"{READABLE} dòng đọc được, {ERRORS} dòng lỗi" in done.stdout
    assert f"Đã nhập: {READABLE} nhiệm vụ mới" in done.stdout
    assert "Dòng 28: Thiếu tên nhiệm vụ" in done.stderr  # unreadable rows are listed, never dropped
    assert task_count(demo_folder) == before + READABLE

    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(sheet), "--sheet", "Phụ lục", "--json")
    assert done.returncode == 0, done.stderr
    again = json.loads(done.stdout)
    assert (again["created"], again["unchanged"]) == (0, READABLE)
    assert task_count(demo_folder) == before + READABLE


def test_import_xlsx_refuses_broken_input(demo_folder, tmp_path):
    fake = tmp_path / "danh-sach.xlsx"
    fake.write_text("STT;Tên nhiệm vụ\n1;Bảo đảm an ninh mạng\n", encoding="utf-8")
    before = task_count(demo_folder)
    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(fake))
    assert done.returncode == 2 and "không phải bảng tính Excel" in done.stderr
    sheet = build_appendix(tmp_path / "phu-luc.xlsx")
    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(sheet), "--sheet", "Không có")
    assert done.returncode == 2 and "Phụ lục, Ghi chú" in done.stderr
    done = run("--data-dir", str(demo_folder.root), "import-xlsx", str(sheet), "--sheet", "Ghi chú")
    assert done.returncode == 2 and "Không tìm thấy dòng tiêu đề cột" in done.stderr
    assert task_count(demo_folder) == before
