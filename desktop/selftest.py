"""`self-test`: a smoke test of the whole headless path, run on the frozen build (`nq57.exe self-test`)
and by support staff on an office PC.

In a fresh temporary folder whose name has Vietnamese letters and spaces (as a Windows user folder
often has), it: creates and migrates a database and builds the demo office; prints the demo report to
PDF; exports the indicator table to XLSX; exports the upward `.nq57` package; imports that package
into a second, brand-new data folder; runs the integrity check on both folders. Each step prints one
Vietnamese line with its time. The first failing step stops the run and is named; the folder is then
kept for inspection. A missing font, hidden import, data file or migration in a bundle shows here.

No Qt; reportlab and openpyxl are imported by the steps that print and export, as in the program.
"""

from __future__ import annotations

import platform
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop import __version__
from desktop.strings import selftest as S

PDF_NAME = "bao-cao-mau.pdf"
XLSX_NAME = "chi-tieu-mau.xlsx"
EXIT_FAILED = 1


class StepFailed(Exception):
    """A step found something wrong (the message is Vietnamese and says what)."""


@dataclass(frozen=True)
class StepResult:
    number: int
    label: str
    seconds: float
    detail: str = ""
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class SelfTestResult:
    root: Path
    steps: list[StepResult] = field(default_factory=list)
    kept: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    @property
    def failed(self) -> StepResult | None:
        return next((step for step in self.steps if not step.ok), None)


def format_seconds(seconds: float) -> str:
    from desktop.core.vn import format_number

    return S.SECONDS.format(value=format_number(seconds, 2))


def format_size(size: int) -> str:
    from desktop.core.vn import format_number

    if size >= 1024 * 1024:
        return f"{format_number(size / (1024 * 1024), 1)} MB"
    return f"{format_number(size / 1024, 1)} KB"


class _Run:
    """The state the steps share: folders, databases, what each step produced."""

    def __init__(self, root: Path) -> None:
        from desktop.paths import DataFolder

        self.root = root
        self.sender = DataFolder(root / S.SENDER_FOLDER)
        self.receiver = DataFolder(root / S.RECEIVER_FOLDER)
        self.sender_db = None
        self.receiver_db = None
        self.period = None
        self._period_code = ""
        self.report_id: int | None = None
        self.package: Path | None = None
        self.package_data: dict | None = None

    def close(self) -> None:
        for database in (self.sender_db, self.receiver_db):
            if database is not None:
                database.close()
        self.sender_db = self.receiver_db = None

    # ------------------------------------------------------------------ steps

    def folder(self) -> str:
        self.sender.ensure()
        probe = self.sender.root / S.PROBE_FILE
        probe.write_text(S.PROBE_TEXT, encoding="utf-8")
        if probe.read_text(encoding="utf-8") != S.PROBE_TEXT:
            raise StepFailed(S.UNEXPECTED.format(kind="OSError", message=probe))
        probe.unlink()
        return S.DETAIL_FOLDER.format(path=self.root)

    def demo(self) -> str:
        from desktop.core import demo
        from desktop.core.reports import list_reports
        from desktop.db import open_database

        self.sender_db = open_database(self.sender, user=S.USER)
        with self.sender_db.unit_of_work() as session:
            summary = demo.build_demo(session, self.sender)
        with self.sender_db.read() as session:
            reports = [row for row in list_reports(session) if row.kind == "report"]
        if not reports:
            raise StepFailed(S.NO_REPORT)
        self.report_id = reports[0].id
        self._period_code = reports[0].period_code
        return S.DETAIL_DEMO.format(tasks=summary.tasks, plans=summary.plans, directives=summary.directives,
                                    reports=len(reports))

    def pdf(self) -> str:
        from desktop.core import compose
        from desktop.printing import render_pdf

        with self.sender_db.read() as session:
            document = compose.report_document(session, self.report_id)
        target = self.sender.exports / PDF_NAME
        written = render_pdf(document, target)
        content = target.read_bytes()
        if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
            raise StepFailed(S.NOT_PDF.format(name=target.name))
        pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", content))
        if written.pages < 1 or pages != written.pages:
            raise StepFailed(S.NO_PAGES.format(name=target.name))
        return S.DETAIL_PDF.format(pages=written.pages, size=format_size(target.stat().st_size),
                                   font=S.FONT.get(written.font_source, written.font_source))

    def xlsx(self) -> str:
        from desktop.core import indicators as indicators_core
        from desktop.core import periods
        from desktop.core.office import get_office

        self.period = periods.parse(self._period_code)
        with self.sender_db.read() as session:
            rows = indicators_core.period_values(session, self.period)
            groups = indicators_core.list_groups(session)
            profile = get_office(session)
        if not rows:
            raise StepFailed(S.NO_ROWS.format(period=self.period.name))
        from desktop.export import indicators as xlsx

        target = self.sender.exports / XLSX_NAME
        xlsx.write_period_table(target, profile.header_lines if profile else [], self.period, rows, groups)
        try:
            with zipfile.ZipFile(target) as archive:
                names = set(archive.namelist())
                broken = archive.testzip()
        except zipfile.BadZipFile as exc:
            raise StepFailed(S.NOT_XLSX.format(name=target.name)) from exc
        if broken is not None or "xl/workbook.xml" not in names:
            raise StepFailed(S.NOT_XLSX.format(name=target.name))
        return S.DETAIL_XLSX.format(rows=len(rows), size=format_size(target.stat().st_size))

    def export(self) -> str:
        from desktop.core.exchange import default_file_name, export_package
        from desktop.core.nq57file import read_package
        from desktop.core.office import get_office

        with self.sender_db.read() as session:
            name = default_file_name(get_office(session), self.period)
        result = export_package(self.sender_db, self.period, self.sender.exports / name)
        path = Path(result.path)
        if not path.is_file():
            raise StepFailed(S.PACKAGE_MISSING.format(name=path.name))
        package = read_package(path)  # the envelope checks an importer makes: checksums, sizes, format
        if package.period_code != self.period.code:
            raise StepFailed(S.PACKAGE_DIFFERS.format(detail=f"{package.period_code} ≠ {self.period.code}"))
        self.package = path
        self.package_data = package.data
        return S.DETAIL_EXPORT.format(name=path.name, size=format_size(path.stat().st_size),
                                      tasks=len(package.data.get("tasks", [])),
                                      values=len(package.data.get("values", [])))

    def import_back(self) -> str:
        from sqlalchemy import func, select

        from desktop.core.receive import import_packages
        from desktop.db import open_database
        from desktop.models import IndicatorValue, ReceivedPackage, Unit

        self.receiver_db = open_database(self.receiver, user=S.USER)
        results = import_packages(self.receiver_db, [self.package])
        if len(results) != 1 or results[0].status != "imported":
            status = results[0].status if results else "?"
            reason = results[0].reason if results else ""
            raise StepFailed(S.IMPORT_STATUS.format(status=status, reason=reason))
        result = results[0]
        code = self.package_data["unit"]["code"]
        with self.receiver_db.read() as session:
            unit_id = session.scalar(select(Unit.id).where(Unit.code == code))
            if unit_id is None:
                raise StepFailed(S.IMPORT_MISSING.format(what=code))
            packages = session.scalar(select(func.count()).select_from(ReceivedPackage)
                                      .where(ReceivedPackage.unit_id == unit_id))
            values = session.scalar(select(func.count()).select_from(IndicatorValue)
                                    .where(IndicatorValue.unit_id == unit_id))
        if packages != 1:
            raise StepFailed(S.IMPORT_MISSING.format(what=f"ReceivedPackage ({packages})"))
        expected = len(self.package_data.get("values", []))
        if values != expected:
            raise StepFailed(S.IMPORT_MISSING.format(what=f"IndicatorValue ({values}/{expected})"))
        return S.DETAIL_IMPORT.format(unit=result.unit_name or code, period=result.period_code, values=values,
                                      tasks=len(self.package_data.get("tasks", [])))

    def check(self) -> str:
        from desktop.core.backups import check

        self.close()  # check reads the files as they are on disk, with every connection closed
        for folder in (self.sender, self.receiver):
            problems = check(folder)
            if problems:
                raise StepFailed(S.CHECK_PROBLEMS.format(folder=folder.root.name, problems="; ".join(problems)))
        return S.DETAIL_CHECK


STEPS: tuple[tuple[str, str], ...] = (
    (S.STEP_FOLDER, "folder"),
    (S.STEP_DEMO, "demo"),
    (S.STEP_PDF, "pdf"),
    (S.STEP_XLSX, "xlsx"),
    (S.STEP_EXPORT, "export"),
    (S.STEP_IMPORT, "import_back"),
    (S.STEP_CHECK, "check"),
)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, StepFailed):
        return str(exc)
    from desktop.core.errors import UserError

    if isinstance(exc, UserError):
        return str(exc).replace("\n", " ")
    return S.UNEXPECTED.format(kind=type(exc).__name__, message=str(exc).replace("\n", " "))


def run_self_test(base: Path | None = None, *, keep: bool = False,
                  report: Callable[[StepResult], None] | None = None) -> SelfTestResult:
    """Run every step in a new folder under `base` (default: the system temp folder); stop at the first
    failure. The folder is removed afterwards unless `keep` or a step failed."""
    parent = Path(tempfile.mkdtemp(prefix="nq57-", dir=base))
    root = parent / S.BASE_FOLDER
    run = _Run(root)
    result = SelfTestResult(root=root)
    try:
        for number, (label, method) in enumerate(STEPS, start=1):
            started = time.perf_counter()
            try:
                detail = getattr(run, method)()
                step = StepResult(number, label, time.perf_counter() - started, detail)
            except Exception as exc:  # noqa: BLE001 - every failure is reported with its step
                step = StepResult(number, label, time.perf_counter() - started, error=_reason(exc))
            result.steps.append(step)
            if report is not None:
                report(step)
            if not step.ok:
                break
    finally:
        run.close()
        result.kept = keep or not result.ok
        if not result.kept:
            shutil.rmtree(parent, ignore_errors=True)
    return result


def main(keep: bool = False, base: Path | None = None) -> int:
    """The `self-test` command: one line per step on stdout, the failure on stderr; exit 0 or 1."""
    started = time.perf_counter()
    print(S.START.format(version=__version__, python=platform.python_version(),
                         platform=f"{platform.system()} {platform.release()}"), flush=True)

    def say(step: StepResult) -> None:
        template = S.STEP_OK if step.ok else S.STEP_FAILED
        print(template.format(number=step.number, total=len(STEPS), label=step.label,
                              seconds=format_seconds(step.seconds), detail=step.detail, reason=step.error),
              flush=True)

    result = run_self_test(base, keep=keep, report=say)
    if result.kept:
        print(S.KEPT.format(path=result.root), flush=True)
    failed = result.failed
    if failed is not None:
        print(S.FAILED.format(label=failed.label, reason=failed.error), file=sys.stderr, flush=True)
        return EXIT_FAILED
    print(S.ALL_OK.format(count=len(result.steps), seconds=format_seconds(time.perf_counter() - started)),
          flush=True)
    return 0
