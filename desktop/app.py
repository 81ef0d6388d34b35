"""QApplication bootstrap; the only module that builds the main window.

Start-up order matters on an old PC: Qt and the empty shell first, shown and painted; then
(on the next turn of the event loop) SQLAlchemy, the migration check and the database.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from desktop import APP_ID
from desktop.paths import DataFolder, resolve_data_dir


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="SoTheoDoiNQ57", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--exit-after-start", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_gui_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.strings import common as S
    from desktop.strings import shell as SH
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(S.APP_NAME)
    app.setOrganizationName(APP_ID)
    if sys.platform == "win32":
        app.setStyle("windowsvista")

    folder = DataFolder(resolve_data_dir(args.data_dir))
    ctx = AppContext(folder)
    window = MainWindow(ctx)
    window.resize(1280, 720)
    window.show()

    def open_database() -> None:
        from desktop.db import DatabaseError
        from desktop.db import open_database as open_db

        try:
            folder.ensure()
            ctx.db = open_db(folder, user=_os_user())
        except (DatabaseError, OSError) as exc:
            QMessageBox.critical(window, SH.OPEN_FAILED_TITLE, SH.OPEN_FAILED.format(path=folder.root, reason=exc))
            app.exit(1)
            return
        ctx.database_opened.emit()
        window.database_ready()
        # The daily automatic backup runs once the first screen is filled, and never stops start-up.
        QTimer.singleShot(1500, daily_backup)
        if args.exit_after_start:
            QTimer.singleShot(0, app.quit)

    def daily_backup() -> None:
        try:
            from desktop.core.backups import daily_backup as make_daily_backup

            make_daily_backup(folder)
        except Exception:  # noqa: BLE001 - logged; a backup problem must not close the program
            logging.getLogger(__name__).exception("daily backup failed")

    QTimer.singleShot(0, open_database)
    return app.exec()


def _os_user() -> str:
    return os.environ.get("USERNAME") or os.environ.get("USER") or ""


if __name__ == "__main__":
    sys.exit(main())
