"""The data folder, SQLite settings and migrations (with a backup before them)."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop import db as dbmod
from desktop.migrations import HEAD, SCRIPT_LOCATION
from desktop.paths import DataFolder, default_data_dir, resolve_data_dir


def test_data_dir_resolution_order(monkeypatch, tmp_path):
    monkeypatch.delenv("NQ57_DATA_DIR", raising=False)
    assert resolve_data_dir(None) == default_data_dir()
    monkeypatch.setenv("NQ57_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(None) == (tmp_path / "env").resolve()
    assert resolve_data_dir(str(tmp_path / "cli")) == (tmp_path / "cli").resolve()


def test_data_folder_layout_with_vietnamese_path(tmp_path):
    folder = DataFolder(tmp_path / "Nguyễn Văn A" / "SoTheoDoiNQ57").ensure()
    for sub in ("attachments", "backups", "logs", "exports"):
        assert (folder.root / sub).is_dir()
    assert folder.is_empty()
    database = dbmod.open_database(folder)
    assert folder.database.name == "nq57.sqlite" and not folder.is_empty()
    database.close()


def test_pragmas_on_every_connection(db):
    with db.read() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_head_constant_matches_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migration_from_empty_file_builds_the_schema(tmp_path):
    folder = DataFolder(tmp_path / "d").ensure()
    assert dbmod.migrate(folder) is None  # nothing to back up in a new folder
    assert dbmod.current_revision(folder.database) == HEAD
    tables = {r[0] for r in sqlite3.connect(folder.database).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"units", "departments", "signers", "directives", "plans", "plan_sections", "tasks", "task_sources",
            "task_status_history", "evidence", "settings"} <= tables


def test_database_at_head_is_not_touched_and_alembic_not_needed(folder, monkeypatch):
    monkeypatch.setattr(dbmod, "_run_alembic_upgrade", lambda path: pytest.fail("should not migrate"))
    assert dbmod.migrate(folder) is None


def test_older_database_is_backed_up_before_migrating(folder, monkeypatch):
    # Pretend the file is at an older revision: the runner must copy it to backups/ first.
    con = sqlite3.connect(folder.database)
    con.execute("CREATE TABLE marker (x)")
    con.execute("INSERT INTO marker VALUES ('giữ nguyên')")
    con.commit()
    con.close()
    monkeypatch.setattr(dbmod, "current_revision", lambda path: "0000")
    monkeypatch.setattr(dbmod, "_known_revisions", lambda: {"0000", HEAD})
    seen = []
    monkeypatch.setattr(dbmod, "_run_alembic_upgrade", lambda path: seen.append(path))
    backup = dbmod.migrate(folder)
    assert seen == [folder.database]
    assert backup is not None and backup.parent == folder.backups and "0000" in backup.name
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT x FROM marker").fetchone() == ("giữ nguyên",)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_database_from_a_newer_program_is_refused(folder):
    con = sqlite3.connect(folder.database)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    with pytest.raises(dbmod.DatabaseError, match="phiên bản chương trình mới hơn"):
        dbmod.migrate(folder)


def test_unit_of_work_rolls_back_on_error(db):
    from desktop.core import office

    with pytest.raises(RuntimeError):
        with db.unit_of_work() as session:
            office.save_department(session, office.DepartmentRow(None, "Phòng thử"))
            raise RuntimeError("mất điện")
    with db.read() as session:
        assert office.list_departments(session) == []


def test_migrations_ship_inside_the_package():
    assert (SCRIPT_LOCATION / "env.py").is_file()
    assert any(p.name.startswith(HEAD) for p in (SCRIPT_LOCATION / "versions").glob("*.py"))
    assert Path(dbmod.__file__).parent == SCRIPT_LOCATION.parent


def test_models_and_migrations_agree(db):
    """A schema change without a migration fails here (autogenerate finds nothing to do)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.models import Base

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)
    assert diff == []
