"""Backups of the data folder's database: make, rotate, inspect, restore, check. No Qt, no ORM.

File names tell the office and the time, and their prefix tells why they were made:

- ``nq57-<office>-YYYYMMDD-HHMMSS.sqlite``              a manual backup (menu or ``backup``); never rotated
- ``tu-dong-nq57-<office>-YYYYMMDD-HHMMSS.sqlite``      the automatic daily backup; rotated
- ``truoc-khoi-phuc-nq57-<office>-YYYYMMDD-HHMMSS.sqlite`` made before a restore; never rotated
- ``truoc-nhap-nq57-<office>-YYYYMMDD-HHMMSS.sqlite``  made before importing packages; the 10 newest kept
- ``truoc-nang-cap-<revision>-YYYYMMDD-HHMMSS.sqlite``  made by desktop.db.migrate; never rotated

``<office>`` is the unit code, or an ASCII slug of the office's short name.
Copies use SQLite's online backup API (consistent even while the program writes) into a temporary
name, are switched to a single self-contained file (journal_mode=DELETE), checked with
``PRAGMA integrity_check`` and only then renamed into place.

Long work takes two optional keyword arguments, for a progress dialog: ``progress(done, total, text)``
(``total`` 0 when unknown; ``text`` Vietnamese) and ``cancelled() -> bool``, checked between steps of
the copy, during SQLite's checks and between (and within) evidence files; when it turns true the
function raises ``Cancelled`` after removing whatever it had written. ``restore`` only reports
progress: once it starts writing it goes to the end.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.core.errors import Cancelled, UserError
from desktop.core.vn import fold
from desktop.paths import DataFolder
from desktop.strings import backups as B

SUFFIX = ".sqlite"
PREFIXES = {"manual": "nq57-", "daily": "tu-dong-nq57-", "before-restore": "truoc-khoi-phuc-nq57-",
            "import": "truoc-nhap-nq57-"}
AUTO_PREFIX = PREFIXES["daily"]
KEEP_DAILY = 7
KEEP_WEEKLY = 8
KEEP_MONTHLY = 12
KEEP_BEFORE_IMPORT = 10  # backups made before importing packages: the newest ones
_STAMP = re.compile(r"-(\d{8})-(\d{6})(?:-\d+)?\.sqlite$")
COPY_STEPS = 100  # the database copy reports (and may stop) about this many times
CHECK_EVERY = 20_000  # SQLite virtual-machine steps between looks at the cancel flag

Progress = Callable[[int, int, str], None]
CancelFlag = Callable[[], bool]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    office_name: str
    code: str
    revision: str | None
    created: datetime | None  # from the file name, when it carries a stamp
    modified: datetime
    size: int
    plans: int
    tasks: int
    directives: int
    indicator_values: int | None  # None when the file predates the indicator tables
    reports: int | None = None  # None when the file predates the report tables


# ------------------------------------------------------------------------ helpers


def _ro_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-")


def _office_row(connection: sqlite3.Connection) -> tuple[str, str]:
    """(short name or first header line, code) of this office; blanks when not set up."""
    try:
        row = connection.execute(
            "SELECT short_name, name_lines, code FROM units WHERE is_self = 1 ORDER BY id LIMIT 1"
        ).fetchone()
    except sqlite3.DatabaseError:
        return "", ""
    if row is None:
        return "", ""
    short, lines, code = (value or "" for value in row)
    name = short or next((line.strip() for line in lines.split("\n") if line.strip()), "")
    return name, code


def _office_tag(database: Path) -> str:
    connection = sqlite3.connect(database)
    try:
        name, code = _office_row(connection)
    finally:
        connection.close()
    tag = _slug(code) or _slug(name)
    return tag[:40].strip("-") or "du-lieu"


def _integrity(connection: sqlite3.Connection, cancelled: CancelFlag | None = None) -> list[str]:
    with _interruptible(connection, cancelled):
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def _stop_if(cancelled: CancelFlag | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


@contextmanager
def _interruptible(connection: sqlite3.Connection, cancelled: CancelFlag | None) -> Iterator[None]:
    """Let a long statement (integrity_check over a large file) stop when `cancelled()` turns true."""
    if cancelled is None:
        yield
        return
    _stop_if(cancelled)
    connection.set_progress_handler(lambda: 1 if cancelled() else 0, CHECK_EVERY)
    try:
        yield
    except sqlite3.OperationalError:
        if cancelled():
            raise Cancelled() from None
        raise
    finally:
        connection.set_progress_handler(None, 0)


def _report(progress: Progress | None, done: int, total: int, text: str) -> None:
    if progress is not None:
        progress(done, total, text)


def _copy(source_connection: sqlite3.Connection, target: Path, *, progress: Progress | None = None,
          cancelled: CancelFlag | None = None) -> Path:
    """Backup API into a temp file beside `target`, self-contained, checked, then renamed.
    Cancelled (or failed) half-way, it leaves neither the temp file nor `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    _unlink_db(temp)
    try:
        destination = sqlite3.connect(temp)
        try:
            if progress is None and cancelled is None:
                source_connection.backup(destination)
            else:
                pages = source_connection.execute("PRAGMA page_count").fetchone()[0]

                def step(_status: int, remaining: int, total: int) -> None:
                    _stop_if(cancelled)  # raised inside the backup: SQLite stops and Python re-raises
                    done = total - remaining
                    _report(progress, done, total, B.PROGRESS_COPY.format(percent=done * 100 // max(total, 1)))

                _stop_if(cancelled)
                source_connection.backup(destination, pages=max(16, pages // COPY_STEPS), progress=step)
            destination.execute("PRAGMA journal_mode=DELETE")
            _report(progress, 0, 0, B.PROGRESS_VERIFY)
            problems = _integrity(destination, cancelled)
        finally:
            destination.close()
        if problems:
            raise UserError(B.COPY_FAILED.format(detail="; ".join(problems[:3])))
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        _unlink_db(temp)
    return target


def _unlink_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while (candidate := path.with_name(f"{path.stem}-{n}{path.suffix}")).exists():
        n += 1
    return candidate


# ------------------------------------------------------------------------ make, rotate


def backup_name(folder: DataFolder, reason: str = "manual", when: datetime | None = None) -> str:
    prefix = PREFIXES.get(reason, PREFIXES["manual"])
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{prefix}{_office_tag(folder.database)}-{stamp}{SUFFIX}"


def make_backup(
    folder: DataFolder, target: Path | None = None, reason: str = "manual", when: datetime | None = None, *,
    progress: Progress | None = None, cancelled: CancelFlag | None = None,
) -> Path:
    """Copy the database to `target` (a file, or a folder to name the file in; default backups/).
    `when` is the time written in the name (default now). Outside backups/ the evidence files go
    along (`copy_attachments_out`). Cancelled, it leaves no file behind (and raises Cancelled)."""
    if not folder.database.exists():
        raise UserError(B.NO_DATABASE.format(path=folder.root))
    name = backup_name(folder, reason, when)
    if target is None:
        path = folder.backups / name
    else:
        target = Path(target)
        path = target / name if target.is_dir() else target
    if target is None or path.name == name:
        path = _unique(path)
    source = sqlite3.connect(folder.database)
    try:
        _copy(source, path, progress=progress, cancelled=cancelled)
    finally:
        source.close()
    if path.parent.resolve() != folder.backups.resolve():
        try:  # a USB stick must carry the evidence files too
            copy_attachments_out(folder, path, progress=progress, cancelled=cancelled)
        except Cancelled:
            path.unlink(missing_ok=True)
            raise
    return path


# ------------------------------------------------------------------------ evidence files beside a backup

ATTACHMENTS_SUFFIX = ".minh-chung"
_STORED = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")


def attachments_beside(backup: Path) -> Path:
    """The folder next to a backup file that holds its evidence files: nq57-….minh-chung/."""
    return backup.with_name(backup.stem + ATTACHMENTS_SUFFIX)


def _stored_files(root: Path) -> list[Path]:
    """Evidence files under a root laid out like attachments/ (ab/<sha256>.<ext>), nothing else."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("??/*") if p.is_file() and _STORED.fullmatch(p.name)
                  and p.parent.name == p.name[:2])


def _copy_file(source: Path, target: Path, cancelled: CancelFlag | None = None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    try:
        with source.open("rb") as reader, temp.open("wb") as writer:
            for chunk in iter(lambda: reader.read(1 << 20), b""):
                _stop_if(cancelled)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def copy_attachments_out(folder: DataFolder, backup: Path, *, progress: Progress | None = None,
                         cancelled: CancelFlag | None = None) -> int:
    """Copy every evidence file next to a backup made outside the data folder; files already
    there (same name, same size) are skipped. Returns how many files were copied. Cancelled,
    the files this call copied are removed again (and Cancelled is raised)."""
    beside = attachments_beside(backup)
    sources = _stored_files(folder.attachments)
    copied: list[Path] = []
    try:
        for number, source in enumerate(sources):
            _stop_if(cancelled)
            _report(progress, number, len(sources), B.PROGRESS_EVIDENCE.format(done=number + 1, total=len(sources)))
            target = beside / source.parent.name / source.name
            if target.exists() and target.stat().st_size == source.stat().st_size:
                continue
            _copy_file(source, target, cancelled)
            copied.append(target)
    except Cancelled:
        for path in copied:
            path.unlink(missing_ok=True)
        for folder_left in [*sorted(p for p in beside.glob("??") if p.is_dir()), beside]:
            try:
                folder_left.rmdir()  # only when empty: files that were there before stay
            except OSError:
                pass
        raise
    return len(copied)


def copy_attachments_in(folder: DataFolder, backup: Path) -> int:
    """Bring back evidence files kept beside a backup that the data folder lacks. Each file is
    checked against its SHA-256 name; a file that does not match is left out (and `check`
    will name the missing evidence). Returns how many files were restored."""
    restored = 0
    for source in _stored_files(attachments_beside(backup)):
        target = folder.attachments / source.parent.name / source.name
        if target.exists() or _sha256(source) != source.name[:64]:
            continue
        _copy_file(source, target)
        restored += 1
    return restored


def _stamp_of(path: Path) -> datetime | None:
    match = _STAMP.search(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def daily_backup(folder: DataFolder, today: date | None = None) -> Path | None:
    """At most one automatic backup a day (none when one with today's date exists), then rotate."""
    if not folder.database.exists():
        return None
    today = today or date.today()
    folder.backups.mkdir(parents=True, exist_ok=True)
    made = None
    if not any((s := _stamp_of(p)) and s.date() == today for p in folder.backups.glob(f"{AUTO_PREFIX}*{SUFFIX}")):
        made = make_backup(folder, reason="daily", when=datetime.combine(today, datetime.now().time()))
    rotate(folder.backups)
    return made


def rotate(backups: Path) -> list[Path]:
    """Delete old automatic backups; return what was deleted.

    Policy (grandfather-father-son), over files named ``tu-dong-*`` only: keep the newest backup
    of each of the 7 most recent days that have one, of each of the 8 most recent ISO weeks, and
    of each of the 12 most recent months; a file kept by any rule stays. Manual backups, backups
    made before a restore and the ``truoc-nang-cap-*`` migration backups are never deleted here.
    """
    dated = sorted(
        ((stamp, path) for path in Path(backups).glob(f"{AUTO_PREFIX}*{SUFFIX}") if (stamp := _stamp_of(path))),
        reverse=True,
    )
    keep: set[Path] = set()
    for key, limit in (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    ):
        seen: list = []
        for stamp, path in dated:  # newest first: the first of each bucket is its newest
            bucket = key(stamp)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(path)
    removed = []
    for _stamp, path in dated:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    before_import = sorted(((stamp, path) for path in Path(backups).glob(f"{PREFIXES['import']}*{SUFFIX}")
                            if (stamp := _stamp_of(path))), reverse=True)
    for _stamp, path in before_import[KEEP_BEFORE_IMPORT:]:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


# ------------------------------------------------------------------------ inspect, restore


def _count(connection: sqlite3.Connection, table: str) -> int | None:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)
    ).fetchone()
    if not exists:
        return None
    return connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def inspect_backup(path: Path, *, cancelled: CancelFlag | None = None) -> BackupInfo:
    """What a backup file holds, read-only. A non-SQLite, corrupt or foreign file → UserError.
    `cancelled` can stop the integrity check of a large file (Cancelled)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(B.MISSING.format(name=path.name))
    try:
        connection = _ro_connect(path)
    except sqlite3.Error as exc:
        raise UserError(B.NOT_SQLITE.format(name=path.name)) from exc
    try:
        try:
            problems = _integrity(connection, cancelled)
        except sqlite3.DatabaseError as exc:
            raise UserError(B.NOT_SQLITE.format(name=path.name)) from exc
        if problems:
            raise UserError(B.CORRUPT.format(name=path.name, detail="; ".join(problems[:3])))
        try:
            tasks = _count(connection, "tasks")
            if tasks is None or _count(connection, "units") is None:
                raise UserError(B.NOT_NQ57.format(name=path.name))
            revision = None
            if _count(connection, "alembic_version") is not None:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            name, code = _office_row(connection)
            info = BackupInfo(
                path=path, office_name=name, code=code, revision=revision, created=_stamp_of(path),
                modified=datetime.fromtimestamp(path.stat().st_mtime), size=path.stat().st_size,
                plans=_count(connection, "plans") or 0, tasks=tasks,
                directives=_count(connection, "directives") or 0,
                indicator_values=_count(connection, "indicator_values"),
                reports=_count(connection, "reports"),
            )
        except sqlite3.DatabaseError as exc:
            raise UserError(B.NOT_SQLITE.format(name=path.name)) from exc
    finally:
        connection.close()
    return info


def restorable(path: Path, *, cancelled: CancelFlag | None = None) -> BackupInfo:
    """inspect_backup, plus: the file carries a schema revision this program knows (not newer)."""
    from desktop.db import _known_revisions

    path = Path(path)
    info = inspect_backup(path, cancelled=cancelled)
    if info.revision is None:
        raise UserError(B.NOT_NQ57.format(name=path.name))
    if info.revision not in _known_revisions():
        raise UserError(B.NEWER.format(name=path.name))
    return info


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    safety_backup: Path | None


def restore(folder: DataFolder, source: Path, *, progress: Progress | None = None) -> RestoreResult:
    """Replace the folder's database with `source`, after checking it and backing up the current one.

    A bad file, or one from a newer program, is refused before anything changes. An older backup
    is migrated to the current version afterwards (desktop.db.migrate backs it up first).
    `progress` hears of each stage; there is no cancel: once started, a restore goes to the end."""
    from desktop.db import migrate

    source = Path(source)
    _report(progress, 0, 0, B.PROGRESS_RESTORE_CHECK)
    info = restorable(source)
    folder.ensure()
    _report(progress, 0, 0, B.PROGRESS_RESTORE_SAFETY)
    safety = make_backup(folder, reason="before-restore") if folder.database.exists() else None
    temp = folder.root / f".tmp-restore-{os.getpid()}{SUFFIX}"
    connection = _ro_connect(source)
    try:
        _copy(connection, temp, progress=None if progress is None else
              lambda done, total, _text: progress(done, total, B.PROGRESS_RESTORE_COPY))
    finally:
        connection.close()
    for suffix in ("-wal", "-shm", "-journal"):
        folder.database.with_name(folder.database.name + suffix).unlink(missing_ok=True)
    os.replace(temp, folder.database)
    _report(progress, 0, 0, B.PROGRESS_RESTORE_MIGRATE)
    migrate(folder)
    _report(progress, 0, 0, B.PROGRESS_RESTORE_EVIDENCE)
    copy_attachments_in(folder, source)
    return RestoreResult(info=info, safety_backup=safety)


# ------------------------------------------------------------------------ check


def _sha256(path: Path, cancelled: CancelFlag | None = None) -> str:
    import hashlib  # here, not at start-up: it loads OpenSSL (the start-up check imports this module)

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            _stop_if(cancelled)
            digest.update(chunk)
    return digest.hexdigest()


def check(folder: DataFolder, *, progress: Progress | None = None, cancelled: CancelFlag | None = None) -> list[str]:
    """Problems in the data folder (Vietnamese, one per line); an empty list means sound.
    Cancelled → raises Cancelled (nothing is written by a check)."""
    from desktop.core.tasks import attachment_path

    if not folder.database.exists():
        return [B.NO_DATABASE.format(path=folder.root)]
    problems: list[str] = []
    try:
        connection = sqlite3.connect(folder.database)
    except sqlite3.Error as exc:
        return [B.PROBLEM_INTEGRITY.format(detail=exc)]
    try:
        try:
            _report(progress, 0, 0, B.PROGRESS_CHECK_DATABASE)
            problems += [B.PROBLEM_INTEGRITY.format(detail=row) for row in _integrity(connection, cancelled)]
            with _interruptible(connection, cancelled):
                foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
            for table, rowid, parent, _fk in foreign:
                problems.append(B.PROBLEM_FOREIGN_KEY.format(table=table, rowid=rowid, parent=parent))
            rows = connection.execute(
                "SELECT task_id, file_sha256, file_name FROM evidence WHERE kind = 'file' ORDER BY id"
            ).fetchall() if _count(connection, "evidence") is not None else []
        except sqlite3.DatabaseError as exc:
            return problems + [B.PROBLEM_INTEGRITY.format(detail=exc)]
    finally:
        connection.close()
    checked: dict[Path, bool] = {}
    for number, (task_id, sha, name) in enumerate(rows):
        _stop_if(cancelled)
        _report(progress, number, len(rows), B.PROGRESS_CHECK_EVIDENCE.format(done=number + 1, total=len(rows)))
        path = attachment_path(folder, sha or "", name or "")
        if not path.is_file():
            problems.append(B.PROBLEM_ATTACHMENT_MISSING.format(name=name, task_id=task_id, path=path))
            continue
        if path not in checked:
            checked[path] = _sha256(path, cancelled) == sha
        if not checked[path]:
            problems.append(B.PROBLEM_ATTACHMENT_CHANGED.format(name=name, task_id=task_id, path=path))
    return problems


# ------------------------------------------------------------------------ list


KIND_PREFIXES = (  # most specific first: "nq57-" is also the tail of the others
    ("daily", PREFIXES["daily"]),
    ("before-import", PREFIXES["import"]),
    ("before-restore", PREFIXES["before-restore"]),
    ("before-migration", "truoc-nang-cap-"),
    ("manual", PREFIXES["manual"]),
)


@dataclass(frozen=True)
class BackupEntry:
    """One file in backups/, read cheaply (no integrity check) for the list on screen."""

    path: Path
    kind: str  # manual | daily | before-restore | before-migration | other
    created: datetime  # from the name, else the file's modification time
    size: int
    office_name: str
    code: str
    readable: bool  # False when the office could not be read (not SQLite, damaged, foreign)


def backup_kind(name: str) -> str:
    return next((kind for kind, prefix in KIND_PREFIXES if name.startswith(prefix)), "other")


def list_backups(folder: DataFolder) -> list[BackupEntry]:
    """The backups in the folder's backups/, newest first."""
    entries = []
    for path in Path(folder.backups).glob(f"*{SUFFIX}") if folder.backups.is_dir() else []:
        if path.name.startswith(".") or not path.is_file():
            continue
        stat = path.stat()
        name, code, readable = "", "", True
        try:
            connection = _ro_connect(path)
            try:
                name, code = _office_row(connection)
                readable = _count(connection, "tasks") is not None
            finally:
                connection.close()
        except sqlite3.Error:
            readable = False
        entries.append(BackupEntry(
            path=path, kind=backup_kind(path.name), created=_stamp_of(path) or datetime.fromtimestamp(stat.st_mtime),
            size=stat.st_size, office_name=name, code=code, readable=readable,
        ))
    entries.sort(key=lambda e: (e.created, e.path.name), reverse=True)
    return entries


def data_counts(path: Path) -> dict[str, int | None]:
    """Rows in the tables a user recognises (plans, tasks, reports, directives, indicator values),
    read-only and without an integrity check; None for a table the file does not have."""
    connection = _ro_connect(path)
    try:
        return {table: _count(connection, table)
                for table in ("plans", "tasks", "reports", "directives", "indicator_values")}
    finally:
        connection.close()


def inspect_office(path: Path) -> tuple[str, str]:
    """(name, code) of the office a database file belongs to, read-only; blanks when unknown."""
    connection = _ro_connect(path)
    try:
        return _office_row(connection)
    finally:
        connection.close()


def attachment_count(folder: DataFolder) -> int:
    """How many evidence files the database refers to (what `check` verifies)."""
    if not folder.database.exists():
        return 0
    connection = _ro_connect(folder.database)
    try:
        if _count(connection, "evidence") is None:
            return 0
        return connection.execute("SELECT COUNT(*) FROM evidence WHERE kind = 'file'").fetchone()[0]
    finally:
        connection.close()


# ------------------------------------------------------------------------ start-up check, recovery

_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
DAMAGED_MARK = ".hong-"


def quick_check(path: Path) -> list[str]:
    """`PRAGMA quick_check` on the file, opened read-only: [] when sound, else what is wrong.

    Only damage is reported here. A file that cannot be read for another reason (missing folder,
    no permission, locked, I/O error) raises its sqlite3.Error: that is not a damaged file and must
    not be "repaired" by a restore."""
    try:
        connection = _ro_connect(path)
    except sqlite3.Error as exc:
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF in _DAMAGED_CODES:
            return [str(exc)]
        raise
    try:
        rows = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(exc).lower()
        if code in _DAMAGED_CODES or "malformed" in text or "not a database" in text:
            return [str(exc)]
        raise
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def newest_good_backup(folder: DataFolder) -> BackupInfo | None:
    """The newest backup in backups/ that passes integrity_check and this program can restore."""
    for entry in list_backups(folder):
        if not entry.readable:
            continue
        try:
            return restorable(entry.path)
        except UserError:
            continue
    return None


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def set_aside_damaged(folder: DataFolder, when: datetime | None = None) -> Path:
    """Rename the damaged database (and its -wal/-shm/-journal, which belong to it) to
    ``nq57.sqlite.hong-YYYYMMDD-HHMMSS`` beside it. Nothing is deleted."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder.database.with_name(f"{folder.database.name}{DAMAGED_MARK}{stamp}")
    n = 2
    while any(p.exists() for p in _companions(target)):
        target = folder.database.with_name(f"{folder.database.name}{DAMAGED_MARK}{stamp}-{n}")
        n += 1
    for source, moved in zip(_companions(folder.database), _companions(target), strict=True):
        if source.exists():
            os.replace(source, moved)
    return target


@dataclass(frozen=True)
class RecoveryResult:
    info: BackupInfo
    damaged: Path  # where the damaged database now is


def recover(folder: DataFolder, source: Path, when: datetime | None = None, *,
            progress: Progress | None = None) -> RecoveryResult:
    """Replace a damaged database with a backup: check the backup, move the damaged file aside
    (never deleted, never opened for writing), then restore. On failure the damaged file is put
    back where it was. `when` is the time written in the damaged file's new name (default now)."""
    source = Path(source)
    restorable(source)
    damaged = set_aside_damaged(folder, when)
    try:
        result = restore(folder, source, progress=progress)
    except BaseException:
        if not folder.database.exists():
            for moved, original in zip(_companions(damaged), _companions(folder.database), strict=True):
                if moved.exists():
                    os.replace(moved, original)
        raise
    return RecoveryResult(info=result.info, damaged=damaged)
