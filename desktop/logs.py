"""The program's log: `logs/nq57.log` in the data folder, rotated at about 1 MB, five old files kept,
UTF-8 (Vietnamese folder and office names stay readable). No Qt.

`setup_logging(folder.logs)` is called once by the GUI (desktop.app) after the first paint —
`logging.handlers` costs ~20 ms to import — and may be called by the command line as well; calling it
again for the same folder does nothing. A folder that cannot be written leaves logging to stderr:
a log must never be the reason the program does not start.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "nq57.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"


def log_path(logs_dir: str | os.PathLike[str]) -> Path:
    return Path(logs_dir) / LOG_NAME


def current_log() -> Path | None:
    """The file the root logger writes to, if setup_logging succeeded."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name and Path(name).name == LOG_NAME:
            return Path(name)
    return None


def setup_logging(logs_dir: str | os.PathLike[str], level: int = logging.INFO) -> Path | None:
    """Send log records (and Python warnings) to the rotating file in `logs_dir`. Returns its path,
    or None when the folder cannot be written."""
    import logging.handlers

    path = log_path(logs_dir).resolve()
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(path):
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    return path
