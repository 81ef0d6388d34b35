"""A writer killed with SIGKILL at random moments never leaves a damaged database nor loses a
transaction it had reported as committed (WAL + synchronous=FULL, desktop.db).

The writer (kill_writer.py) prints each transaction's number after its commit returned. After every
kill the file is opened as the program would open it: `PRAGMA integrity_check` must say ok and every
printed number must be there, with its full value. The default run kills 10 times; the long variant
(`pytest -m slow tests/core/test_kill.py`) 120 times.

SIGKILL ends the process, not the machine: what the operating system had accepted still reaches the
disk. Power loss is covered by synchronous=FULL (fsync at every commit), which this test does not
simulate.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kill_writer import payload  # noqa: E402

WRITER = Path(__file__).with_name("kill_writer.py")
MAX_DELAY_S = 0.3


def _kill_once(database: Path, folder: Path, run: int, rng: random.Random) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(run)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    reported: list[int] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            line = line.strip()
            if line == "ready":
                ready.set()
            elif line:
                reported.append(int(line))
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(60), "the writer did not start"
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(rng.uniform(0.0, MAX_DELAY_S))
        proc.kill()  # SIGKILL on POSIX (TerminateProcess on Windows)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        reader.join(30)
        proc.stdout.close()
        proc.stderr.close()
    if os.name == "posix":
        assert proc.returncode == -signal.SIGKILL, proc.returncode
    return reported


def _verify(database: Path, run: int, reported: list[int]) -> set[int]:
    connection = sqlite3.connect(database)  # as the program opens it: the WAL is recovered here
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = dict(connection.execute("SELECT key, value FROM settings WHERE key LIKE ?", (f"kill-{run}-%",)))
        last = connection.execute("SELECT value FROM settings WHERE key = 'kill-last'").fetchone()
    finally:
        connection.close()
    present = {int(key.rsplit("-", 1)[1]) for key in rows}
    missing = set(reported) - present
    assert not missing, f"run {run}: committed and reported, but lost: {sorted(missing)[:10]}"
    # At most one more than reported: killed after the commit returned, before the print.
    highest = max(reported, default=0)
    assert present <= set(range(1, highest + 2)), f"run {run}: unexpected rows {sorted(present - set(reported))}"
    assert present == set(range(1, len(present) + 1)), f"run {run}: a gap in {sorted(present)[:20]}"
    for key, value in rows.items():
        assert value == payload(run, int(key.rsplit("-", 1)[1])), f"run {run}: {key} is torn"
    if present:
        assert last is not None and last[0] == f"{run}:{max(present)}"
    return present


def _kill_many(folder, kills: int, seed: int | None = None) -> None:
    seed = random.randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)
    committed = 0
    for run in range(1, kills + 1):
        reported = _kill_once(folder.database, folder.root, run, rng)
        try:
            committed += len(_verify(folder.database, run, reported))
        except AssertionError as exc:
            raise AssertionError(f"seed {seed}, kill {run}: {exc}") from exc
    assert committed > kills, f"seed {seed}: the writer committed too little ({committed}) to test anything"


def test_sigkill_during_writes_loses_nothing_committed(folder):
    _kill_many(folder, kills=10)


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_committed_long(folder, request):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("long variant (120 kills, ~80 s): run with -m slow")
    _kill_many(folder, kills=120)
