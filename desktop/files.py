"""Writing a file so that a half-written one never exists under its final name.

Used for every PDF, XLSX and outline file the program writes: a temporary file in the target's
folder, flushed and fsync'ed, then `os.replace` (retried for a moment, because Windows antivirus
briefly locks new files), then the folder itself fsync'ed on POSIX. Errors are plain OSErrors;
callers turn them into their own Vietnamese messages.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

REPLACE_ATTEMPTS = 8
REPLACE_PAUSE = 0.25  # seconds; ~2 s in all


def write_atomic(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call `write(handle)` on a temporary file beside `target`, then move it into place."""
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp", delete=False)
    temp = Path(handle.name)
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        replace(temp, target)
    except BaseException:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    fsync_folder(target.parent)
    return target


def replace(temp: Path, target: Path) -> None:
    attempts, pause = REPLACE_ATTEMPTS, REPLACE_PAUSE
    for attempt in range(attempts):
        try:
            os.replace(temp, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(pause)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
