"""Start-up integrity check and recovery of a damaged data file (desktop.core.backups): the quick
check never writes to the file, the newest good backup is found past damaged ones, and recovery
keeps the damaged file beside the restored one."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.core import backups
from desktop.core.errors import UserError
from desktop.db import HEAD, Database, current_revision


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("plans", "tasks", "directives", "indicator_values", "reports")}
    finally:
        connection.close()


def garbage_in_the_middle(path: Path) -> bytes:
    """What a power cut during a write can leave: a run of garbage bytes in the middle of the file."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle - 6000: middle + 6000] = bytes((i * 37 + 11) % 256 for i in range(12000))
    path.write_bytes(bytes(data))
    return bytes(data)


def test_quick_check_passes_a_sound_file(demo_folder):
    assert backups.quick_check(demo_folder.database) == []


def test_quick_check_finds_garbage_and_never_writes(demo_folder):
    damaged = garbage_in_the_middle(demo_folder.database)
    problems = backups.quick_check(demo_folder.database)
    assert problems
    assert demo_folder.database.read_bytes() == damaged


def test_quick_check_on_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "nq57.sqlite"
    path.write_bytes(b"khong phai co so du lieu " * 400)
    assert backups.quick_check(path)


def test_quick_check_does_not_call_an_unreachable_file_damaged(tmp_path):
    with pytest.raises(sqlite3.OperationalError):
        backups.quick_check(tmp_path / "khong-co-thu-muc" / "nq57.sqlite")


def _backup_at(folder, when: datetime, reason: str = "daily") -> Path:
    return backups.make_backup(folder, reason=reason, when=when)


def test_newest_good_backup_skips_damaged_and_foreign_files(demo_folder):
    now = datetime.now().replace(microsecond=0)
    good = _backup_at(demo_folder, now - timedelta(days=2))
    older = _backup_at(demo_folder, now - timedelta(days=5))
    newest = _backup_at(demo_folder, now - timedelta(hours=1), reason="manual")
    garbage_in_the_middle(newest)
    (demo_folder.backups / f"nq57-rac-{now:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"rac" * 1000)
    found = backups.newest_good_backup(demo_folder)
    assert found is not None and found.path == good
    assert found.tasks == counts(demo_folder.database)["tasks"] > 0
    assert older.exists()


def test_no_backup_means_none(folder):
    assert backups.newest_good_backup(folder) is None


def test_recover_moves_the_damaged_file_aside_and_restores(demo_folder):
    before = counts(demo_folder.database)
    good = _backup_at(demo_folder, datetime.now() - timedelta(days=1))
    (demo_folder.root / "nq57.sqlite-wal").write_bytes(b"wal cua tep hong")
    damaged_bytes = garbage_in_the_middle(demo_folder.database)
    assert backups.quick_check(demo_folder.database)
    when = datetime(2025, 11, 17, 8, 30, 0)
    result = backups.recover(demo_folder, good, when)
    assert result.damaged.name == "nq57.sqlite.hong-20251117-083000"
    assert result.damaged.read_bytes() == damaged_bytes  # kept, untouched
    assert Path(f"{result.damaged}-wal").read_bytes() == b"wal cua tep hong"
    assert backups.quick_check(demo_folder.database) == []
    assert counts(demo_folder.database) == before
    assert current_revision(demo_folder.database) == HEAD
    # No "before restore" copy of a damaged file: it is kept as it is instead.
    assert not list(demo_folder.backups.glob("truoc-khoi-phuc-*"))
    db = Database(demo_folder)
    with db.unit_of_work() as session:  # the restored file takes writes
        from desktop.core import office

        office.set_setting(session, "sau-phuc-hoi", "1")
    db.close()
    # A second recovery in the same second does not overwrite the first damaged file.
    garbage_in_the_middle(demo_folder.database)
    again = backups.recover(demo_folder, good, when)
    assert again.damaged.name == "nq57.sqlite.hong-20251117-083000-2"
    assert result.damaged.read_bytes() == damaged_bytes


def test_recover_from_a_bad_backup_leaves_everything_in_place(demo_folder, tmp_path):
    damaged_bytes = garbage_in_the_middle(demo_folder.database)
    bad = tmp_path / "hong.sqlite"
    bad.write_bytes(damaged_bytes)
    with pytest.raises(UserError, match="hong.sqlite"):
        backups.recover(demo_folder, bad)
    assert demo_folder.database.read_bytes() == damaged_bytes
    assert not list(demo_folder.root.glob("nq57.sqlite.hong-*"))


def test_list_backups_kinds_order_and_office(demo_folder):
    now = datetime.now().replace(microsecond=0)
    daily = _backup_at(demo_folder, now - timedelta(days=1))
    manual = _backup_at(demo_folder, now - timedelta(hours=2), reason="manual")
    safety = _backup_at(demo_folder, now - timedelta(hours=1), reason="before-restore")
    migration = demo_folder.backups / f"truoc-nang-cap-abc123-{now - timedelta(days=3):%Y%m%d-%H%M%S}.sqlite"
    migration.write_bytes(daily.read_bytes())
    junk = demo_folder.backups / "ghi-chu.sqlite"
    junk.write_bytes(b"khong phai sqlite" * 100)
    entries = backups.list_backups(demo_folder)
    by_path = {e.path: e for e in entries}
    assert [by_path[p].kind for p in (daily, manual, safety, migration, junk)] == [
        "daily", "manual", "before-restore", "before-migration", "other"]
    dated = [e for e in entries if e.path != junk]
    assert [e.path for e in dated] == [safety, manual, daily, migration]  # newest first
    assert by_path[manual].office_name == "Phường An Hải" and by_path[manual].readable
    assert by_path[manual].created == now - timedelta(hours=2)
    assert not by_path[junk].readable and by_path[junk].size == junk.stat().st_size


def test_counts_office_and_attachment_count(demo_folder):
    assert backups.data_counts(demo_folder.database) == counts(demo_folder.database)
    assert backups.inspect_office(demo_folder.database)[0] == "Phường An Hải"
    info = backups.inspect_backup(backups.make_backup(demo_folder))
    assert info.reports == counts(demo_folder.database)["reports"]
    connection = sqlite3.connect(demo_folder.database)
    files = connection.execute("SELECT COUNT(*) FROM evidence WHERE kind = 'file'").fetchone()[0]
    connection.close()
    assert backups.attachment_count(demo_folder) == files
