"""Engine and session factory, SQLite pragmas, and the migration runner.

One user action = one unit of work: `with database.unit_of_work() as session:` commits on
success, rolls back on error and always closes. Core functions take the session and never
commit. Pragmas are set on every connection here and nowhere else.

SQLAlchemy is imported only when the first session or engine is needed: opening a database at
HEAD and reading through `Database.plain()` (the first screen, desktop.core.sql) does not load it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.migrations import HEAD, SCRIPT_LOCATION
from desktop.paths import DataFolder

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 10_000  # antivirus and a second reader may hold the file briefly


class DatabaseError(RuntimeError):
    """A problem opening or migrating the database; the message is Vietnamese, for the user."""


def _set_pragmas(dbapi_connection, _record=None) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # old PCs lose power; committed work must survive
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite:///{path.as_posix()}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """The open database of one data folder."""

    def __init__(self, folder: DataFolder, user: str = "") -> None:
        self.folder = folder
        self.user = user
        self._engine: Engine | None = None
        self._session_factory = None
        self._loading = threading.Lock()  # the GUI thread and a worker may ask first at once

    @property
    def engine(self) -> Engine:
        with self._loading:
            if self._engine is None:
                self._engine = make_engine(self.folder.database)
            return self._engine

    def _sessions(self) -> Session:
        if self._session_factory is None:
            engine = self.engine
            with self._loading:
                if self._session_factory is None:
                    from sqlalchemy.orm import sessionmaker

                    from desktop.core import audit  # the audit trail is recorded for every session made here

                    factory = sessionmaker(engine, expire_on_commit=False)
                    audit.install(factory)
                    self._session_factory = factory
        return self._session_factory()

    @property
    def loaded(self) -> bool:
        """Whether SQLAlchemy has been brought in for this database (the first session)."""
        return self._engine is not None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        session = self._sessions()
        session.info["user"] = self.user
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work: never commits."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def plain(self) -> Iterator[sqlite3.Connection]:
        """A read on the plain sqlite3 connection (desktop.core.sql): one consistent snapshot,
        never writes, closed after."""
        connection = sqlite3.connect(self.folder.database, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            _set_pragmas(connection)
            connection.execute("BEGIN")  # one snapshot for every query of this read
            yield connection
        finally:
            connection.rollback()
            connection.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def current_revision(path: Path) -> str | None:
    """The Alembic revision stored in the file, read with plain sqlite3 (no Alembic import)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def backup_copy(source: Path, target: Path) -> Path:
    """A consistent copy of a live database with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _known_revisions() -> set[str]:
    versions = SCRIPT_LOCATION / "versions"
    return {p.name.split("_", 1)[0] for p in versions.glob("*.py") if not p.name.startswith("__")}


def migrate(folder: DataFolder) -> Path | None:
    """Bring the database to HEAD. Returns the backup made first, if any.

    A database already at HEAD is left alone without importing Alembic. One that exists at
    an older revision is copied to backups/ before the upgrade. One from a newer program is
    refused, never downgraded.
    """
    folder.ensure()
    path = folder.database
    revision = current_revision(path)
    if revision == HEAD:
        return None
    if revision is not None and revision not in _known_revisions():
        raise DatabaseError(
            "Dữ liệu này được tạo bởi phiên bản chương trình mới hơn. "
            "Hãy cài phiên bản mới nhất của Sổ theo dõi NQ57 rồi mở lại."
        )
    backup = None
    if revision is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_copy(path, folder.backups / f"truoc-nang-cap-{revision}-{stamp}.sqlite")
    _run_alembic_upgrade(path)
    return backup


def _run_alembic_upgrade(path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()


def open_database(folder: DataFolder, user: str = "") -> Database:
    """Migrate (with a backup first when needed) and open the folder's database."""
    migrate(folder)
    return Database(folder, user=user)
