"""Start-up flags and arguments of the program (desktop/app.py): the window is painted before the
database is opened; `--exit-after-start` quits right after that first paint, `--exit-after-overview`
once the database is open and the first screen is painted; a `.nq57` argument is kept for the exchange
screen (what it does there: tests/ui/test_exchange_receive.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.app import parse_gui_args

ROOT = Path(__file__).resolve().parents[2]


def _start(folder: Path, flag: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NQ57_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(folder), flag], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_exit_after_start_quits_after_the_first_paint_before_the_database(tmp_path):
    folder = tmp_path / "Dữ liệu mới"
    result = _start(folder, "--exit-after-start")
    assert result.returncode == 0, result.stderr
    # the window came first: quitting right after its first paint leaves no database behind
    assert not (folder / "nq57.sqlite").exists()


def test_exit_after_overview_opens_the_database_first(tmp_path):
    folder = tmp_path / "Dữ liệu mới"
    result = _start(folder, "--exit-after-overview")
    assert result.returncode == 0, result.stderr
    assert (folder / "nq57.sqlite").is_file()


def test_package_files_given_to_the_program_are_kept():
    args = parse_gui_args(["--data-dir", "D:\\Dữ liệu", r"C:\Users\Ánh\Downloads\31002 Phường Lê Chân.NQ57",
                           "--exit-after-start", "ghi-chu.txt", "-style=fusion"])
    assert args.files == [r"C:\Users\Ánh\Downloads\31002 Phường Lê Chân.NQ57"]
    assert args.data_dir == "D:\\Dữ liệu" and args.exit_after_start and not args.exit_after_overview
    assert parse_gui_args([]).files == []


PROBE = """
import atexit, runpy, sys
atexit.register(lambda: sys.__stderr__.write("LOADED %s %s\\n" % (
    "sqlalchemy" in sys.modules, "_hashlib" in sys.modules)))
sys.argv = ["desktop"] + sys.argv[1:]
runpy.run_module("desktop", run_name="__main__", alter_sys=True)
"""


def test_the_first_screen_is_filled_without_sqlalchemy(demo_folder):
    # --exit-after-idle: the overview painted, then the start-up work (log, daily backup, drafts)
    # done; SQLAlchemy (~35 MB) and OpenSSL are still not loaded, so the first screen stays small.
    env = {k: v for k, v in os.environ.items() if k != "NQ57_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", PROBE, "--data-dir", str(demo_folder.root), "--exit-after-idle"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "LOADED False False" in result.stderr, result.stderr
    assert list(demo_folder.backups.glob("tu-dong-*.sqlite")), "the daily backup ran before quitting"


def test_overview_figures_come_without_sqlalchemy_and_other_areas_load_it(qtbot, demo_folder):
    from desktop.db import Database
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    database = Database(demo_folder)
    ctx = AppContext(demo_folder)
    ctx.db = database
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.database_ready()
    overview = window.screen("overview")
    assert overview.data is not None and overview.data.stats.total.assigned > 50
    from desktop.core.profile import get_office

    assert window.windowTitle().endswith(" — " + ctx.read(get_office).short_name)
    assert not database.loaded
    window.open_area("tasks")  # the task list: plain sqlite3 as well
    assert window.screen("tasks").model.rowCount() == overview.data.stats.total.assigned
    assert not database.loaded
    window.open_area("plans")
    assert database.loaded
    database.close()
