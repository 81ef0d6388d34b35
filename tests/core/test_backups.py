"""Backups: make, rotate, daily, inspect, restore, check."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core import backups
from desktop.core.errors import Cancelled, UserError
from desktop.db import HEAD, Database, current_revision


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("plans", "tasks", "directives", "evidence", "task_sources", "indicator_values")}
    finally:
        connection.close()


def delete_tasks(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("DELETE FROM tasks")
        connection.commit()
    finally:
        connection.close()


def corrupt_copy(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    for offset in range(4096, len(data), 4096):  # garbage over every page after the first
        data[offset + 100: offset + 400] = b"\xde\xad\xbe\xef" * 75
    target.write_bytes(bytes(data))
    return target


def test_make_backup_names_office_and_date_and_is_sound(demo_folder):
    path = backups.make_backup(demo_folder)
    assert path.parent == demo_folder.backups
    assert path.name.startswith("nq57-") and path.suffix == ".sqlite"
    assert datetime.now().strftime("%Y%m%d") in path.name
    assert not list(demo_folder.backups.glob(".tmp-*"))
    info = backups.inspect_backup(path)
    assert info.revision == HEAD and info.tasks == counts(demo_folder.database)["tasks"] > 0
    assert info.office_name and info.plans >= 1 and info.directives > 0
    assert info.indicator_values is not None
    assert info.created is not None and info.created.date() == date.today()


def test_slug_of_vietnamese_short_name(office_folder):
    connection = sqlite3.connect(office_folder.database)
    connection.execute("UPDATE units SET code = '' WHERE is_self = 1")
    connection.commit()
    connection.close()
    path = backups.make_backup(office_folder, office_folder.root / "out")  # not a folder yet: a file name
    assert path == office_folder.root / "out"
    path = backups.make_backup(office_folder, office_folder.exports)
    assert path.name.startswith("nq57-phuong-an-hai-")
    assert path.name.isascii()


def test_backup_then_delete_then_restore_gives_identical_counts(demo_folder):
    before = counts(demo_folder.database)
    backup = backups.make_backup(demo_folder)
    delete_tasks(demo_folder.database)
    assert counts(demo_folder.database)["tasks"] == 0
    result = backups.restore(demo_folder, backup)
    assert counts(demo_folder.database) == before
    assert result.info.tasks == before["tasks"]
    assert result.safety_backup is not None and result.safety_backup.name.startswith("truoc-khoi-phuc-")
    assert backups.inspect_backup(result.safety_backup).tasks == 0
    assert current_revision(demo_folder.database) == HEAD
    db = Database(demo_folder)  # the restored file opens normally
    with db.read() as session:
        from desktop.core.office import get_office

        assert get_office(session) is not None
    db.close()


def test_corrupt_file_is_refused_and_nothing_changes(demo_folder, tmp_path):
    bad = corrupt_copy(backups.make_backup(demo_folder), tmp_path / "hong.sqlite")
    garbage = tmp_path / "rac.sqlite"
    garbage.write_bytes(b"khong phai sqlite" * 500)
    before_bytes = demo_folder.database.read_bytes()
    before_backups = sorted(demo_folder.backups.iterdir())
    for path in (bad, garbage):
        with pytest.raises(UserError):
            backups.inspect_backup(path)
        with pytest.raises(UserError) as caught:
            backups.restore(demo_folder, path)
        assert path.name in str(caught.value)
    with pytest.raises(UserError):
        backups.restore(demo_folder, tmp_path / "khong-co.sqlite")
    assert demo_folder.database.read_bytes() == before_bytes
    assert sorted(demo_folder.backups.iterdir()) == before_backups


def test_backup_from_newer_program_is_refused(demo_folder):
    backup = backups.make_backup(demo_folder)
    connection = sqlite3.connect(backup)
    connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    connection.commit()
    connection.close()
    before = counts(demo_folder.database)
    with pytest.raises(UserError, match="mới hơn"):
        backups.restore(demo_folder, backup)
    assert counts(demo_folder.database) == before


def test_foreign_sqlite_file_is_refused(tmp_path, folder):
    other = tmp_path / "khac.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(UserError):
        backups.restore(folder, other)


def _touch(folder: Path, name: str) -> None:
    (folder / name).write_bytes(b"x")


def test_rotation_keeps_daily_weekly_monthly_of_automatic_backups_only(tmp_path):
    start = datetime(2025, 11, 17, 8, 0, 0)
    names = []
    for day in range(400):  # one automatic backup a day for 400 days, two on the newest day
        stamp = start - timedelta(days=day)
        names.append(f"tu-dong-nq57-11311-{stamp:%Y%m%d-%H%M%S}.sqlite")
    names.append(f"tu-dong-nq57-11311-{start.replace(hour=7):%Y%m%d-%H%M%S}.sqlite")
    others = ["nq57-11311-20200101-000000.sqlite", "truoc-nang-cap-abc123-20200101-000000.sqlite",
              "truoc-khoi-phuc-nq57-11311-20200101-000000.sqlite", "ghi-chu.txt"]
    for name in names + others:
        _touch(tmp_path, name)
    backups.rotate(tmp_path)
    left = {p.name for p in tmp_path.iterdir()}
    assert set(others) <= left
    auto = sorted(n for n in left if n.startswith("tu-dong-"))
    stamps = {datetime.strptime(n[-22:-7], "%Y%m%d-%H%M%S") for n in auto}
    daily = {start - timedelta(days=d) for d in range(7)}
    assert daily <= stamps
    assert start.replace(hour=7) not in stamps  # older of two on the same day
    # newest of each of the 8 most recent ISO weeks
    weeks = {}
    for d in range(400):
        s = start - timedelta(days=d)
        weeks.setdefault(s.isocalendar()[:2], s)
    assert set(list(weeks.values())[:8]) <= stamps
    months = {}
    for d in range(400):
        s = start - timedelta(days=d)
        months.setdefault((s.year, s.month), s)
    assert set(list(months.values())[:12]) <= stamps
    assert stamps == daily | set(list(weeks.values())[:8]) | set(list(months.values())[:12])
    assert len(auto) < 7 + 8 + 12


def test_daily_backup_only_once_a_day(demo_folder):
    first = backups.daily_backup(demo_folder)
    assert first is not None and first.name.startswith("tu-dong-nq57-")
    assert backups.daily_backup(demo_folder) is None
    assert len(list(demo_folder.backups.glob("tu-dong-*"))) == 1
    manual = backups.make_backup(demo_folder)
    assert manual.exists()
    tomorrow = date.today() + timedelta(days=1)
    second = backups.daily_backup(demo_folder, today=tomorrow)
    assert second is not None and tomorrow.strftime("%Y%m%d") in second.name
    assert backups.daily_backup(demo_folder, today=tomorrow) is None
    assert len(list(demo_folder.backups.glob("tu-dong-*"))) == 2
    assert manual.exists()  # manual backups are never rotated


def test_daily_backup_skips_empty_folder(tmp_path):
    from desktop.paths import DataFolder

    assert backups.daily_backup(DataFolder(tmp_path / "moi")) is None


def test_check_finds_missing_and_modified_attachments(demo_folder, tmp_path):
    from desktop.core import tasks as tasks_core
    from desktop.models import Task

    assert backups.check(demo_folder) == []
    one, two = tmp_path / "bien-ban.pdf", tmp_path / "bao-cao.docx"
    one.write_bytes(b"%PDF-1.4 bien ban hop")
    two.write_bytes(b"bao cao ket qua")
    db = Database(demo_folder, user="kiểm thử")
    with db.unit_of_work() as session:
        from sqlalchemy import select

        task_ids = session.scalars(select(Task.id).order_by(Task.id).limit(2)).all()
        tasks_core.add_evidence_file(session, demo_folder, task_ids[0], one)
        tasks_core.add_evidence_file(session, demo_folder, task_ids[1], two)
    db.close()
    assert backups.check(demo_folder) == []
    stored = sorted(p for p in demo_folder.attachments.rglob("*") if p.is_file())
    assert len(stored) == 2
    pdf = next(p for p in stored if p.suffix == ".pdf")
    docx = next(p for p in stored if p.suffix == ".docx")
    pdf.unlink()
    docx.write_bytes(b"da bi sua")
    problems = backups.check(demo_folder)
    assert len(problems) == 2
    assert any("Thiếu" in p and "bien-ban.pdf" in p for p in problems)
    assert any("thay đổi" in p and "bao-cao.docx" in p for p in problems)


def test_check_reports_foreign_key_problem(demo_folder):
    connection = sqlite3.connect(demo_folder.database)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("UPDATE tasks SET lead_department_id = 999999 WHERE id = (SELECT MIN(id) FROM tasks)")
    connection.commit()
    connection.close()
    problems = backups.check(demo_folder)
    assert problems and "tasks" in problems[0]


def test_restoring_an_older_backup_migrates_it(demo_folder, tmp_path):
    from alembic import command
    from alembic.config import Config

    from desktop.db import make_engine
    from desktop.migrations import SCRIPT_LOCATION

    old = tmp_path / "cu.sqlite"
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    engine = make_engine(old)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    assert current_revision(old) == "0001"
    backups.restore(demo_folder, old)
    assert current_revision(demo_folder.database) == HEAD
    assert list(demo_folder.backups.glob("truoc-nang-cap-0001-*"))
    assert counts(demo_folder.database)["tasks"] == 0


def test_a_backup_on_a_usb_stick_carries_the_evidence_files_back(demo_folder, tmp_path):
    import shutil

    from sqlalchemy import select

    from desktop.core import tasks as tasks_core
    from desktop.models import Task

    scan = tmp_path / "biên bản họp.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban hop chi bo")
    db = Database(demo_folder, user="kiểm thử")
    with db.unit_of_work() as session:
        task_id = session.scalars(select(Task.id).order_by(Task.id).limit(1)).one()
        tasks_core.add_evidence_file(session, demo_folder, task_id, scan)
    db.close()
    usb = tmp_path / "USB KINGSTON"
    usb.mkdir()
    path = backups.make_backup(demo_folder, usb)
    beside = backups.attachments_beside(path)
    assert [p.name[:64] for p in beside.rglob("*") if p.is_file()] == [tasks_core.hashlib.sha256(
        scan.read_bytes()).hexdigest()]
    assert backups.copy_attachments_out(demo_folder, path) == 0  # already there: nothing copied twice

    shutil.rmtree(demo_folder.attachments)  # the PC's disk died; a new data folder has no files
    demo_folder.attachments.mkdir()
    foreign = beside / "ab" / ("ab" + "0" * 62 + ".pdf")
    foreign.parent.mkdir()
    foreign.write_bytes(b"not what its name says")  # never restored: the name is not its hash
    backups.restore(demo_folder, path)
    assert backups.check(demo_folder) == []
    assert not (demo_folder.attachments / "ab").exists()


def test_automatic_backups_inside_the_folder_do_not_copy_evidence(demo_folder):
    path = backups.make_backup(demo_folder)
    assert path.parent == demo_folder.backups
    assert not backups.attachments_beside(path).exists()


def test_backups_before_imports_keep_the_ten_newest(tmp_path):
    for day in range(1, 16):
        _touch(tmp_path, f"truoc-nhap-nq57-31234-202511{day:02d}-090000.sqlite")
    _touch(tmp_path, "nq57-31234-20251101-090000.sqlite")
    removed = backups.rotate(tmp_path)
    assert sorted(p.name[-22:-14] for p in removed) == [f"202511{d:02d}" for d in range(1, 6)]
    assert backups.backup_kind("truoc-nhap-nq57-31234-20251115-090000.sqlite") == "before-import"
    assert (tmp_path / "nq57-31234-20251101-090000.sqlite").exists()


# ------------------------------------------------------------------------ progress and cancel


def add_evidence(folder, tmp_path: Path, count: int, size: int = 3000) -> list[Path]:
    """`count` distinct evidence files attached to the first task; their sources."""
    from sqlalchemy import select

    from desktop.core import tasks as tasks_core
    from desktop.models import Task

    sources = []
    db = Database(folder, user="kiểm thử")
    with db.unit_of_work() as session:
        task_id = session.scalars(select(Task.id).order_by(Task.id).limit(1)).one()
        for number in range(count):
            source = tmp_path / f"minh chứng {number}.pdf"
            source.write_bytes(f"%PDF-1.4 tệp {number} ".encode() * (size // 20))
            tasks_core.add_evidence_file(session, folder, task_id, source)
            sources.append(source)
    db.close()
    return sources


class Flag:
    """`cancelled()` that turns true on its n-th call (0: never)."""

    def __init__(self, at: int = 0) -> None:
        self.at, self.calls = at, 0

    def __call__(self) -> bool:
        self.calls += 1
        return bool(self.at) and self.calls >= self.at


def leftovers(*folders: Path) -> list[Path]:
    return sorted(p for f in folders if f.exists() for p in f.rglob("*") if p.is_file())


def test_backup_reports_progress_and_makes_the_same_file(demo_folder):
    seen = []
    path = backups.make_backup(demo_folder, progress=lambda *a: seen.append(a), cancelled=Flag())
    copy_steps = [(done, total) for done, total, text in seen if text.startswith("Đang chép cơ sở dữ liệu")]
    assert len(copy_steps) >= 10  # the copy goes in steps, each a chance to stop
    assert copy_steps == sorted(copy_steps) and copy_steps[-1][0] == copy_steps[-1][1] > 0
    assert seen[-1] == (0, 0, "Đang kiểm tra lại bản sao vừa tạo…")
    assert backups.inspect_backup(path).tasks == counts(demo_folder.database)["tasks"]


@pytest.mark.parametrize("at", [1, 5])  # before the copy starts, and half-way through its steps
def test_a_cancelled_backup_leaves_no_file_and_no_temp_file(demo_folder, at):
    flag = Flag(at)
    with pytest.raises(Cancelled, match="Đã hủy"):
        backups.make_backup(demo_folder, cancelled=flag)
    assert leftovers(demo_folder.backups) == []
    assert flag.calls == at


def test_a_backup_cancelled_between_evidence_files_takes_back_what_it_wrote(demo_folder, tmp_path):
    add_evidence(demo_folder, tmp_path, 6)
    usb = tmp_path / "USB"
    usb.mkdir()
    (usb / "tài liệu khác.docx").write_bytes(b"of the stick's owner")
    seen = []

    def cancelled() -> bool:  # stop once the third evidence file is reported
        return any(text == "Đang chép tệp minh chứng 3/6…" for _d, _t, text in seen)

    with pytest.raises(Cancelled):
        backups.make_backup(demo_folder, usb, progress=lambda *a: seen.append(a), cancelled=cancelled)
    assert [p.name for p in leftovers(usb)] == ["tài liệu khác.docx"]
    assert [p.name for p in usb.iterdir()] == ["tài liệu khác.docx"]  # no empty .minh-chung folder either
    assert ("Đang chép tệp minh chứng 2/6…" in [t for _d, _t, t in seen])

    path = backups.make_backup(demo_folder, usb, progress=lambda *a: None, cancelled=Flag())  # and again, whole
    assert len(leftovers(backups.attachments_beside(path))) == 6


def test_cancel_inside_a_large_evidence_file_removes_its_temp_file(demo_folder, tmp_path):
    add_evidence(demo_folder, tmp_path, 1, size=5 * 1024 * 1024)
    usb = tmp_path / "USB"
    usb.mkdir()
    flag = Flag()

    def progress(_done, _total, text):
        if text.startswith("Đang chép tệp minh chứng"):
            flag.at = flag.calls + 3  # two 1 MB chunks, then stop
    with pytest.raises(Cancelled):
        backups.make_backup(demo_folder, usb, progress=progress, cancelled=flag)
    assert leftovers(usb) == [] and list(usb.iterdir()) == []


def test_check_reports_each_evidence_file_and_can_be_cancelled(demo_folder, tmp_path):
    add_evidence(demo_folder, tmp_path, 4)
    seen = []
    assert backups.check(demo_folder, progress=lambda *a: seen.append(a), cancelled=Flag()) == []
    assert seen[0] == (0, 0, "Đang kiểm tra toàn vẹn cơ sở dữ liệu…")
    assert seen[1:] == [(n, 4, f"Đang kiểm tra tệp minh chứng {n + 1}/4…") for n in range(4)]
    with pytest.raises(Cancelled):
        backups.check(demo_folder, cancelled=Flag(1))
    # stopped inside SQLite's integrity check (the progress handler), not only between steps
    flag = Flag(2)
    with pytest.raises(Cancelled):
        backups.check(demo_folder, cancelled=flag)
    assert flag.calls >= 2


def test_restore_reports_its_stages(demo_folder):
    backup = backups.make_backup(demo_folder)
    seen = []
    backups.restore(demo_folder, backup, progress=lambda *a: seen.append(a[2]))
    stages = list(dict.fromkeys(seen))
    assert stages == ["Đang kiểm tra tệp sao lưu…", "Đang sao lưu dữ liệu hiện tại trước khi phục hồi…",
                      "Đang chép dữ liệu từ bản sao lưu…", "Đang cập nhật dữ liệu cho phiên bản chương trình này…",
                      "Đang chép lại các tệp minh chứng…"]
