"""Packages of units below, made the way a ward makes them (office, figures, tasks, export), for the
exchange screen tests. Figures are small and round so totals can be checked by hand."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from desktop.core import exchange, indicators, nq57file, office, outlines, periods
from desktop.core import reports as rp
from desktop.core import tasks as task_service
from desktop.db import Database
from desktop.paths import DataFolder

Q3 = periods.parse("2025-Q3")
TODAY = date(2025, 10, 2)  # the senders export a few days after the quarter's cut-off


def sender_package(office_template: Path, work: Path, out: Path, code: str, name: str, values: dict[str, str],
                   tasks: tuple[tuple[str, date, date | None], ...] = (), report: bool = False,
                   file_name: str | None = None, created: datetime | None = None) -> Path:
    """A data folder for unit `code` (a copy of the office template under another code and name)
    with `values` for 2025-Q3 and `tasks` (title, deadline, done on), exported to `out`; `created`
    sets the time the package says it was made (the sender's clock)."""
    root = work / f"unit-{code}"
    if not root.exists():
        shutil.copytree(office_template, root)
    folder = DataFolder(root).ensure()
    database = Database(folder, user="kiểm thử")
    try:
        with database.unit_of_work() as session:
            profile = office.get_office(session)
            office.save_office(session, replace(profile, code=code, short_name=name, place_name=name,
                                                name_lines=f"ỦY BAN NHÂN DÂN\n{name.upper()}"))
            indicators.save_values(session, Q3, values, confirm_warnings=True)
            for title, deadline, done_on in tasks:
                task_id, _changes = task_service.create_task(session, task_service.TaskInput(title=title,
                                                                                             deadline=deadline))
                if done_on is not None:
                    task_service.record_status(session, task_id, "done", done_on, today=TODAY)
            if report:
                outlines.ensure_builtins(session)
                outline = outlines.find_builtin(session, "nq57-periodic")
                rp.create_report(session, outline.id, Q3.code, today=TODAY)
        content = exchange.ExportContent(pdf=report, xlsx=False)
        target = out / (file_name or f"{code}.nq57")
        path = exchange.export_package(database, Q3, target, content, today=TODAY).path
    finally:
        database.close()
    if created is not None:
        restamp(path, created)
    return path


def restamp(path: Path, created: datetime) -> Path:
    """Write the package again as made at `created` (same data and files, same package id)."""
    package = nq57file.read_package(path)
    fields = {key: package.manifest[key] for key in ("direction", "content", "unit", "period", "package_id")}
    attachments = {name: body for name, body in package.members.items() if name != nq57file.DATA}
    return nq57file.write_package(path, dict(fields, created=created), package.data, attachments)


UNIT_A = ("31001", "Phường A", {"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.ONLINE": "80",
                                 "OPS.DOSSIER.IN_PERSON": "20"},
          (("Số hóa hồ sơ một cửa", date(2025, 9, 30), date(2025, 9, 5)),
           ("Lắp camera giám sát", date(2025, 8, 31), None)))
UNIT_B = ("31002", "Xã B", {"OPS.DOSSIER.RECEIVED": "300", "OPS.DOSSIER.ONLINE": "60",
                             "OPS.DOSSIER.IN_PERSON": "240"},
          (("Triển khai chữ ký số", date(2025, 9, 15), date(2025, 9, 10)),))
