"""What went wrong, in words a user can act on. No Qt: the GUI's error dialog and the command
line use the same classification.

`classify(exc)` walks the exception, the DB-API error SQLAlchemy wraps (`.orig`) and the chain
(`__cause__`, `__context__`) and names the first cause it recognises: disk full, read-only folder,
file in use (Windows sharing violation), database locked, disk I/O error, damaged database, missing
attachment, missing file, out of memory — or an unexpected error (a bug). Messages never contain a
traceback or SQL text; those go to the log only.
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import UserError
from desktop.strings import shell as SH

# Windows error codes (winerror) that have their own message.
_WIN_DISK_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_IN_USE = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WIN_READ_ONLY = {19}  # ERROR_WRITE_PROTECT (a USB stick with its lock switch on)
_WIN_IO = {21, 23, 1117}  # ERROR_NOT_READY, ERROR_CRC, ERROR_IO_DEVICE
_WIN_GONE = {3, 53, 55, 64, 67}  # path or network share no longer there

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_FULL, _SQLITE_NOTADB = 11, 14, 13, 26
ATTACHMENTS_DIR = "attachments"


@dataclass(frozen=True)
class Failure:
    kind: str  # a key of SH.FAILURE_TITLE
    title: str
    message: str
    expected: bool  # False for an unexpected error (a bug worth reporting)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what it wraps, breadth first, each once."""
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue and len(seen) < 20:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for linked in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(linked, BaseException):
                queue.append(linked)


def _os_kind(exc: OSError) -> str | None:
    code, winerror = exc.errno, getattr(exc, "winerror", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or winerror in _WIN_DISK_FULL:
        return "disk_full"
    if winerror in _WIN_IN_USE or getattr(errno, "ETXTBSY", -1) == code or code == errno.EBUSY:
        return "file_in_use"
    if code == errno.EROFS or winerror in _WIN_READ_ONLY:
        return "read_only"
    if winerror in _WIN_IO or code == errno.EIO:
        return "disk_io"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "read_only"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT or winerror in _WIN_GONE:
        name = exc.filename or ""
        return "attachment_missing" if ATTACHMENTS_DIR in Path(str(name)).parts else "file_missing"
    if code == errno.ENOMEM:
        return "memory"
    return None


def _sqlite_kind(exc: BaseException) -> str | None:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return "disk_full"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text or "table is locked" in text:
        return "database_locked"
    if primary == _SQLITE_READONLY or "readonly database" in text:
        return "read_only"
    if primary == _SQLITE_IOERR or "disk i/o error" in text:
        return "disk_io"
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
        return "damaged"
    if primary == _SQLITE_CANTOPEN or "unable to open database" in text:
        return "cannot_open"
    return None


def _kind_of(exc: BaseException) -> tuple[str, BaseException] | None:
    db_module = sys.modules.get("desktop.db")
    sqlite_module = sys.modules.get("sqlite3")  # not imported yet: no SQLite error can exist
    for cause in _causes(exc):
        if isinstance(cause, UserError):
            return "user", cause
        if db_module is not None and isinstance(cause, db_module.DatabaseError):
            return "user", cause  # its message is Vietnamese, written for the user
        if isinstance(cause, MemoryError):
            return "memory", cause
        if isinstance(cause, OSError):
            kind = _os_kind(cause)
        elif sqlite_module is not None and isinstance(cause, sqlite_module.Error):
            kind = _sqlite_kind(cause)
        else:
            kind = None
        if kind:
            return kind, cause
    return None


def _target(kind: str, cause: BaseException) -> str:
    name = getattr(cause, "filename", None) if isinstance(cause, OSError) else None
    if name:
        if kind == "attachment_missing":
            return f"«{Path(str(name)).name}»"
        return SH.FAILURE_TARGET_FILE.format(path=name)
    return SH.FAILURE_TARGET_DEFAULT.get(kind, "")


def classify(exc: BaseException) -> Failure:
    found = _kind_of(exc)
    if found is None:
        return Failure("unexpected", SH.FAILURE_TITLE["unexpected"], SH.FAILURE_MESSAGE["unexpected"], False)
    kind, cause = found
    if kind == "user":
        return Failure(kind, SH.FAILURE_TITLE[kind], str(cause), True)
    target = _target(kind, cause)
    message = SH.FAILURE_MESSAGE[kind].format(target=target, target_cap=target[:1].upper() + target[1:])
    return Failure(kind, SH.FAILURE_TITLE[kind], re.sub(r" {2,}", " ", message), True)


def describe_exception(exc: BaseException) -> tuple[str, str]:
    """(title, message) in Vietnamese for any exception; never a traceback or SQL text."""
    failure = classify(exc)
    return failure.title, failure.message
