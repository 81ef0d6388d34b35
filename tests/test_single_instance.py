"""One program per data folder, with real processes: a second copy on the same folder exits at
once and the first is asked to come forward; a lock left by a killed copy does not block the next
start; two folders can be open at once. Folder names are Vietnamese on purpose."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop.instance import EXIT_ALREADY_RUNNING, LOCK_NAME, InstanceLock, server_name
from desktop.strings import shell as SH

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")
ENV.pop("NQ57_DATA_DIR", None)


def _start(folder: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(folder), *extra],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run(folder: Path, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(folder), *extra],
                          cwd=ROOT, env=ENV, capture_output=True, timeout=timeout)


def _log(folder: Path) -> str:
    path = folder / "logs" / "nq57.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _wait_for(predicate, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, proc.stderr.read().decode("utf-8", "replace")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        proc.wait(30)
    proc.stdout.close()
    proc.stderr.close()


def test_second_copy_raises_the_first_and_a_killed_copy_does_not_block(tmp_path):
    folder = tmp_path / "Dữ liệu phường An Hải"
    other = tmp_path / "Dữ liệu xã Tân Tiến"
    first = _start(folder)
    try:
        _wait_for(lambda: "listening for second copies" in _log(folder), first)
        assert (folder / LOCK_NAME).exists()

        started = time.monotonic()
        second = _run(folder)
        assert second.returncode == EXIT_ALREADY_RUNNING, second.stderr.decode("utf-8", "replace")
        assert time.monotonic() - started < 20
        assert SH.ALREADY_RUNNING_RAISED.format(path=folder) in second.stderr.decode("utf-8")
        _wait_for(lambda: "a second copy asked to raise the window (0 file(s))" in _log(folder), first, timeout=10)
        # A package double-clicked in Explorer while the program runs goes to the running copy.
        third = _run(folder, str(tmp_path / "Báo cáo quý III.nq57"))
        assert third.returncode == EXIT_ALREADY_RUNNING
        _wait_for(lambda: "(1 file(s))" in _log(folder), first, timeout=10)
        assert first.poll() is None  # the first copy keeps running

        # Another folder opens normally while the first is up.
        assert _run(other, "--exit-after-overview").returncode == 0
        assert (other / "nq57.sqlite").is_file()
    finally:
        _stop(first, signal.SIGKILL)  # a crash: the lock file stays behind
    assert (folder / LOCK_NAME).exists()
    again = _run(folder, "--exit-after-overview")
    assert again.returncode == 0, again.stderr.decode("utf-8", "replace")


def test_lock_in_one_process(tmp_path):
    folder = tmp_path / "Thư mục dữ liệu"
    first, second = InstanceLock(folder), InstanceLock(folder)
    assert first.acquire()
    assert not second.acquire()
    assert second.holder() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()


def test_server_names_are_ascii_and_one_per_folder(tmp_path):
    a, b = tmp_path / "Phường An Hải", tmp_path / "Phường Tân Tiến"
    assert server_name(a).isascii() and server_name(a) == server_name(a / ".." / a.name)
    assert server_name(a) != server_name(b)
    assert len(server_name(a)) < 60


def test_requests_carry_vietnamese_paths_and_refuse_foreign_data(tmp_path):
    from desktop.instance import build_request, parse_request

    path = str(tmp_path / "Nguyễn Văn A" / "Báo cáo quý III.nq57")
    assert parse_request(build_request([path])) == [path]
    assert parse_request(build_request()) == []
    assert parse_request(b"GET / HTTP/1.1\r\n") is None
