"""One program per data folder.

A `QLockFile` in the data folder says which copy owns it. Qt writes the owner's process id into the
lock file and treats a lock whose process is gone as stale, so a copy that crashed (or was killed)
does not block the next start; the age-based staleness is switched off (`setStaleLockTime(0)`),
otherwise a program kept open for more than 30 s would lose its lock.

The owner also listens on a `QLocalServer` (a named pipe on Windows, a socket elsewhere) whose name
is a hash of the user and the folder path: ASCII whatever the folder is called (Vietnamese names
included), one per folder, so two folders can be open at once. A second copy started on the same
folder sends "raise" (and "open <path>" for each `.nq57` file it was started with, e.g. a double-click
in Explorer), then "end"; the first brings its window forward, takes the files into «Nhận gói dữ
liệu» and answers "ok"; the second exits with EXIT_ALREADY_RUNNING without touching the database.

QtNetwork (~20 ms to import) is loaded only after the first window is painted, or by a second copy.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile

EXIT_ALREADY_RUNNING = 3
LOCK_NAME = "nq57.lock"
RAISE_REQUEST = b"raise\n"
OPEN_PREFIX = b"open "
END = b"end\n"
ACK = b"ok\n"
MAX_REQUEST = 64 * 1024
_log = logging.getLogger(__name__)


def server_name(root: str | os.PathLike[str]) -> str:
    """The local server's name for a data folder: same folder (however it is spelled on a
    case-insensitive Windows disk) → same name; another folder or user → another name.
    SHA-256 from QtCore, not hashlib (which loads OpenSSL: 3 MB on the first screen)."""
    from PySide6.QtCore import QCryptographicHash

    path = os.path.normcase(os.path.abspath(os.fspath(root)))
    user = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    digest = bytes(QCryptographicHash.hash(f"{user}\0{path}".encode(), QCryptographicHash.Algorithm.Sha256)
                   .toHex()).decode()[:24]
    return f"SoTheoDoiNQ57-{digest}"


class InstanceLock:
    """The lock of one data folder for this process."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.path = self.root / LOCK_NAME
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)
        self._server = None

    def acquire(self) -> bool:
        """True when this copy now owns the folder; False when another running copy does.
        Raises PermissionError when the folder cannot hold the lock file (read-only)."""
        self.root.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(0):
            return True
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            return False
        if error == QLockFile.LockError.PermissionError:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path))
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(self.path))

    def holder(self) -> int | None:
        """The process id written in the lock file by its owner, if readable."""
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname); pid 0 when unreadable
        pid = info[0] if isinstance(info, tuple) and info else 0
        return int(pid) if isinstance(pid, int) and pid > 0 else None

    @property
    def locked(self) -> bool:
        return self._lock.isLocked()

    def listen(self, on_raise: Callable[[list[str]], None]) -> bool:
        """Answer second copies: call `on_raise(files)` when one asks (files: the paths it was given).
        Only the owner listens."""
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.root)
        QLocalServer.removeServer(name)  # a socket file left by a crashed owner (Unix)
        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            _log.warning("cannot listen for second copies (%s): %s", name, server.errorString())
            return False

        def accept() -> None:
            while server.hasPendingConnections():
                socket = server.nextPendingConnection()
                buffer = bytearray()
                socket.readyRead.connect(lambda s=socket, b=buffer: answer(s, b))
                socket.disconnected.connect(socket.deleteLater)

        def answer(socket, buffer: bytearray) -> None:
            buffer.extend(bytes(socket.readAll().data()))
            if not buffer.endswith(END) and len(buffer) < MAX_REQUEST:
                return  # the rest of the request is still on its way
            files = parse_request(bytes(buffer))
            if files is not None:
                _log.info("a second copy asked to raise the window (%d file(s))", len(files))
                socket.write(ACK)
                socket.flush()
                on_raise(files)
            socket.disconnectFromServer()

        server.newConnection.connect(accept)
        self._server = server
        _log.info("listening for second copies as %s", name)
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def build_request(files: list[str] | tuple[str, ...] = ()) -> bytes:
    lines = [RAISE_REQUEST]
    for path in files:
        absolute = os.path.abspath(os.fspath(path))
        if "\n" not in absolute:
            lines.append(OPEN_PREFIX + absolute.encode("utf-8") + b"\n")
    return b"".join(lines) + END


def parse_request(data: bytes) -> list[str] | None:
    """The files of a well-formed request (None when it is not one of ours). Paths are only handed
    to the import preview, which validates every file before anything is written."""
    lines = data.split(b"\n")
    if not lines or lines[0] != RAISE_REQUEST.strip():
        return None
    files = []
    for line in lines[1:]:
        if line.startswith(OPEN_PREFIX):
            try:
                files.append(line[len(OPEN_PREFIX):].decode("utf-8"))
            except UnicodeDecodeError:
                continue
    return files


def ask_running_copy_to_raise(root: str | os.PathLike[str], wait_s: float = 5.0,
                              files: list[str] | tuple[str, ...] = ()) -> bool:
    """Ask the copy that owns `root` to bring its window forward (and open `files`). True when it
    answered. Retries for `wait_s`: the owner starts listening only after its first paint."""
    from PySide6.QtNetwork import QLocalSocket

    if sys.platform == "win32":  # let the other process take the foreground (Windows' focus rules)
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        except (AttributeError, OSError):
            pass
    name = server_name(root)
    deadline = time.monotonic() + wait_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            socket.write(build_request(files))
            socket.flush()
            answered = socket.waitForReadyRead(2000) and ACK.strip() in bytes(socket.readAll().data())
            socket.abort()
            if answered:
                return True
        else:
            socket.abort()
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.15)
