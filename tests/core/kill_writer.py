"""Writer process for tests/core/test_kill.py: commits numbered transactions through
Database.unit_of_work and prints each number once its commit has returned.

    python tests/core/kill_writer.py DATA_FOLDER RUN

Each transaction inserts a Setting ``kill-RUN-N`` with a 3 kB value (so it spans pages) and
updates the ``kill-last`` setting; it is reported on stdout only after the commit returned.
Runs until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.db import Database  # noqa: E402
from desktop.models.office import Setting  # noqa: E402
from desktop.paths import DataFolder  # noqa: E402


def payload(run: int, number: int) -> str:
    return f"{run}:{number}:" + "Kế hoạch số 01-KH/UBND — kiểm thử ghi dữ liệu khi mất điện. " * 50


def main() -> None:
    folder, run = DataFolder(Path(sys.argv[1])), int(sys.argv[2])
    db = Database(folder, user="kill-writer")
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        with db.unit_of_work() as session:
            session.add(Setting(key=f"kill-{run}-{number}", value=payload(run, number)))
            last = session.get(Setting, "kill-last")
            if last is None:
                session.add(Setting(key="kill-last", value=f"{run}:{number}"))
            else:
                last.value = f"{run}:{number}"
        print(number, flush=True)


if __name__ == "__main__":
    main()
