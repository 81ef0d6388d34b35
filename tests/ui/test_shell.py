"""The main window: shown before the database, first run vs. areas, shortcuts, sizes."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.strings import shell as SH
from desktop.ui.context import AppContext
from desktop.ui.main_window import AREAS, MIN_HEIGHT, MIN_WIDTH, MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot, database):
    ctx = AppContext(database.folder)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.loading.text() == SH.LOADING and not window.nav.isEnabled()
    ctx.db = database
    window.database_ready()
    return window


def test_empty_folder_opens_the_first_run_page(qtbot, db):
    from desktop.ui.first_run import FirstRunPage

    window = _window(qtbot, db)
    assert isinstance(window.stack.currentWidget(), FirstRunPage)
    assert not window.nav.isEnabled()


def test_office_opens_every_area_and_each_fits_1366x768(qtbot, office_db):
    window = _window(qtbot, office_db)
    assert window.nav.isEnabled()
    assert "Phường An Hải" in window.windowTitle()
    assert window.nav.count() == len(AREAS)
    for key, _factory in AREAS:
        screen = window.open_area(key)
        assert isinstance(screen, QWidget)
        assert window.stack.currentWidget() is screen
        hint = screen.minimumSizeHint()
        # 1366×768 at 125 % display scaling is 1093×614 logical pixels, ≈ 576 above the taskbar.
        assert hint.width() <= 1093 - window.nav.width() - 10 and hint.height() <= 576 - 50, (key, hint)
    assert MIN_WIDTH <= 1093 and MIN_HEIGHT <= 576
    hint = window.minimumSizeHint()
    assert hint.width() <= 1093 and hint.height() <= 576


def test_font_scale_setting_is_applied_and_kept(qtbot, office_db):
    from desktop.core import office

    window = _window(qtbot, office_db)
    window.set_font_scale(130, save=True)
    with office_db.read() as session:
        assert office.get_setting(session, office.FONT_SCALE) == "130"
    window.set_font_scale(100, save=True)


def test_exit_after_start_from_the_command_line(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "Dữ liệu"), "--exit-after-overview"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "Dữ liệu" / "nq57.sqlite").is_file()


def test_leaving_a_screen_with_unsaved_edits_can_be_refused(qtbot, office_db):
    window = _window(qtbot, office_db)
    overview = window.open_area("overview")
    overview.can_close = lambda: False  # the user pressed «Hủy» in the unsaved-changes question
    window.nav.setCurrentRow(1)
    assert window.stack.currentWidget() is overview
    assert window.nav.currentRow() == 0
    overview.can_close = lambda: True
    window.nav.setCurrentRow(1)
    assert window.stack.currentWidget() is window.screen("tasks")


def test_larger_font_reaches_widgets_with_their_own_style_sheet(qtbot, office_db):
    from PySide6.QtWidgets import QApplication, QLabel

    window = _window(qtbot, office_db)
    styled = QLabel("đỏ", window)
    styled.setStyleSheet("color: #b3261e;")
    styled.show()
    before = styled.font().pointSizeF()
    window.set_font_scale(150)
    QApplication.processEvents()
    assert styled.font().pointSizeF() > before * 1.3
    window.set_font_scale(100)


def test_window_title_follows_the_office_name(qtbot, office_db):
    from dataclasses import replace

    from desktop.core import office

    window = _window(qtbot, office_db)
    with office_db.unit_of_work() as session:
        changes = office.save_office(session, replace(office.get_office(session), short_name="Phường Hải An"))
    window.ctx.notify(changes)  # what a save or a restore from a backup announces
    assert window.windowTitle().endswith("— Phường Hải An")
