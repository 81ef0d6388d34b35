"""`backup`, `restore`, `check` end to end, in a subprocess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.runner import run


def task_count(folder: Path) -> int:
    connection = sqlite3.connect(folder / "nq57.sqlite")
    try:
        return connection.execute("SELECT COUNT(*) FROM tasks").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def data_dir(demo_folder) -> Path:
    return demo_folder.root


def test_backup_restore_check(data_dir, tmp_path):
    result = run("--data-dir", str(data_dir), "backup")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.is_file() and backup.parent == data_dir / "backups"

    out = tmp_path / "Sao lưu" / "ban-sao.sqlite"
    out.parent.mkdir()
    result = run("backup", "--out", str(out), "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == out and out.is_file()

    tasks = task_count(data_dir)
    connection = sqlite3.connect(data_dir / "nq57.sqlite")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("DELETE FROM tasks")
    connection.commit()
    connection.close()

    result = run("--data-dir", str(data_dir), "restore", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{tasks} nhiệm vụ" in result.stdout
    assert "truoc-khoi-phuc-" in result.stdout
    assert task_count(data_dir) == tasks

    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu toàn vẹn." in result.stdout


def test_restore_refuses_garbage_with_exit_2(data_dir, tmp_path):
    garbage = tmp_path / "rac.sqlite"
    garbage.write_bytes(b"\x00garbage" * 1000)
    before = (data_dir / "nq57.sqlite").read_bytes()
    result = run("--data-dir", str(data_dir), "restore", str(garbage))
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi:") and "rac.sqlite" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (data_dir / "nq57.sqlite").read_bytes() == before


def test_check_reports_problems_with_exit_2(data_dir):
    connection = sqlite3.connect(data_dir / "nq57.sqlite")
    connection.execute("UPDATE tasks SET lead_department_id = 999999 WHERE id = (SELECT MIN(id) FROM tasks)")
    connection.commit()
    connection.close()
    result = run("--data-dir", str(data_dir), "check")
    assert result.returncode == 2
    assert "tasks" in result.stderr


def test_commands_on_empty_folder_exit_2(tmp_path):
    empty = tmp_path / "trống"
    for command in ("backup", "check"):
        result = run("--data-dir", str(empty), command)
        assert result.returncode == 2, command
        assert "chưa có dữ liệu" in result.stderr


def test_a_damaged_database_is_refused_with_a_way_out(data_dir):
    database = data_dir / "nq57.sqlite"
    for name in ("nq57.sqlite-wal", "nq57.sqlite-shm"):
        (data_dir / name).unlink(missing_ok=True)
    raw = bytearray(database.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    database.write_bytes(bytes(raw))
    before = database.read_bytes()
    result = run("--data-dir", str(data_dir), "tasks", "list")
    assert result.returncode == 2
    assert "bị hỏng" in result.stderr and "restore" in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == before  # never opened for writing
