"""Layering: core, models and the command line never load Qt; start-up stays light."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_and_cli_do_not_import_qt_or_heavy_modules():
    core = ", ".join(f"desktop.core.{p.stem}" for p in sorted((ROOT / "desktop" / "core").glob("*.py")))
    modules = _loaded_after(f"import {core}, desktop.cli, desktop.db, desktop.models, desktop.printing")
    assert "PySide6" not in modules
    assert "reportlab" not in modules
    assert "openpyxl" not in modules


def test_every_core_module_is_qt_free():
    for path in sorted((ROOT / "desktop" / "core").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text, path
    for path in sorted((ROOT / "desktop" / "models").glob("*.py")):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path


def test_main_window_module_does_not_load_sqlalchemy():
    # The window must be able to appear before SQLAlchemy is imported.
    modules = _loaded_after("import desktop.ui.main_window, desktop.ui.context")
    assert "sqlalchemy" not in modules
    assert "alembic" not in modules


def test_the_first_screen_modules_do_not_load_sqlalchemy_or_openssl():
    # The overview, the office name and the settings are read over plain sqlite3 (desktop.core.sql):
    # SQLAlchemy (~35 MB with asyncio) and OpenSSL (hashlib, ~3 MB) stay out of the first screen.
    # The task list too: the two screens used most open without it (a task's dialog loads it).
    modules = _loaded_after("import desktop.app, desktop.db, desktop.ui.overview, desktop.core.stats, "
                            "desktop.core.profile, desktop.core.staff, desktop.core.task_rows, desktop.instance, "
                            "desktop.ui.tasks.screen")
    assert "sqlalchemy" not in modules
    assert "alembic" not in modules
    assert "_hashlib" not in modules and "hashlib" not in modules


def test_the_subcommand_list_matches_the_modules_and_the_window_path_loads_none_of_them():
    from desktop import commands

    declared = {}
    for module in commands.modules():
        for name in module.NAMES:
            declared[name] = module.__name__.rsplit(".", 1)[1]
    assert declared == commands.OWNERS
    modules = _loaded_after("import desktop.cli")
    out = subprocess.run([sys.executable, "-c", "import sys, desktop.cli; "
                          "print(sorted(m for m in sys.modules if m.startswith('desktop.commands.')))"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "PySide6" not in modules
