"""Command line: the same core services as the GUI, no Qt (except `python -m desktop` itself,
which opens the GUI). Exit 0 on success, 2 on bad input with one Vietnamese line on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from desktop import commands as extra_commands
from desktop.paths import DataFolder, resolve_data_dir
from desktop.strings import cli as C

SUBCOMMANDS = {"demo", "tasks", "indicators", "plans", "report", "backup", "restore", "check"} | extra_commands.NAMES
STATUS_CHOICES = ("not_started", "in_progress_on_time", "overdue", "done_on_time", "done_late", "done", "open")


class CliError(Exception):
    """Bad input: printed as one line on stderr, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    # `--data-dir` is accepted before and after the subcommand. Subparsers copy their defaults
    # over the namespace, so theirs is SUPPRESS: a value given before the subcommand survives.
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--data-dir", help=C.HELP_DATA_DIR)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=C.HELP_DATA_DIR)

    parser = argparse.ArgumentParser(prog="nq57", description=C.DESCRIPTION, parents=[top])
    commands = parser.add_subparsers(dest="command", required=True)

    from desktop.strings import demo as D

    demo = commands.add_parser("demo", parents=[common], help="tạo dữ liệu mẫu trong thư mục dữ liệu trống")
    demo.add_argument("--unit-code", help=D.HELP_UNIT_CODE)
    demo.add_argument("--unit-name", help=D.HELP_UNIT_NAME)

    tasks = commands.add_parser("tasks", parents=[common], help="nhiệm vụ: danh sách, thống kê")
    tasks_commands = tasks.add_subparsers(dest="tasks_command", required=True)
    listing = tasks_commands.add_parser("list", parents=[common], help="danh sách nhiệm vụ")
    listing.add_argument("--search", default="", help=C.HELP_SEARCH)
    listing.add_argument("--status", help=C.HELP_STATUS)
    listing.add_argument("--as-of", help=C.HELP_AS_OF)
    listing.add_argument("--json", action="store_true", help=C.HELP_JSON)
    stats = tasks_commands.add_parser("stats", parents=[common], help="thống kê nhiệm vụ theo giai đoạn, văn bản, bộ phận")
    stats.add_argument("--as-of", help=C.HELP_AS_OF)
    stats.add_argument("--json", action="store_true", help=C.HELP_JSON)

    indicators = commands.add_parser("indicators", parents=[common], help="chỉ tiêu: xem số liệu theo kỳ")
    indicators_commands = indicators.add_subparsers(dest="indicators_command", required=True)
    show = indicators_commands.add_parser("show", parents=[common], help="số liệu chỉ tiêu của một kỳ báo cáo")
    show.add_argument("--period", required=True, help=C.HELP_PERIOD)
    show.add_argument("--json", action="store_true", help=C.HELP_JSON)
    _add_export_commands(commands, indicators_commands, common)
    _add_report_commands(commands, common)
    _add_backup_commands(commands, common)
    for module in extra_commands.modules():
        module.add(commands, common)
    return parser


def _add_report_commands(commands, common) -> None:
    """`report list [--json]`, `report pdf ID --out F.pdf`, `report pdf --plan ID --out F.pdf`."""
    report = commands.add_parser("report", parents=[common], help=C.HELP_REPORT)
    report_commands = report.add_subparsers(dest="report_command", required=True)
    listing = report_commands.add_parser("list", parents=[common], help=C.HELP_REPORT_LIST)
    listing.add_argument("--json", action="store_true", help=C.HELP_JSON)
    pdf = report_commands.add_parser("pdf", parents=[common], help=C.HELP_REPORT_PDF)
    pdf.add_argument("report_id", metavar="ID", nargs="?", help=C.HELP_REPORT_ID)
    pdf.add_argument("--plan", metavar="PLAN_ID", help=C.HELP_REPORT_PLAN)
    pdf.add_argument("--out", required=True, help=C.HELP_REPORT_OUT)


def _add_backup_commands(commands, common) -> None:
    """`backup [--out FILE]`, `restore FILE`, `check`."""
    from desktop.strings import backups as B

    backup = commands.add_parser("backup", parents=[common], help=B.HELP_BACKUP)
    backup.add_argument("--out", help=B.HELP_BACKUP_OUT)
    restore = commands.add_parser("restore", parents=[common], help=B.HELP_RESTORE)
    restore.add_argument("file", metavar="FILE", help=B.HELP_RESTORE_FILE)
    commands.add_parser("check", parents=[common], help=B.HELP_CHECK)


def _add_export_commands(commands, indicators_commands, common) -> None:
    """`plans export-xlsx ID --out F` and `indicators export-xlsx --period P --out F`."""
    from desktop.strings import export as X

    export = indicators_commands.add_parser("export-xlsx", parents=[common], help=X.HELP_INDICATORS_EXPORT)
    export.add_argument("--period", help=X.HELP_PERIOD)
    export.add_argument("--layout", choices=("period", "targets-2030", "milestones"), default="period",
                        help=X.HELP_LAYOUT)
    export.add_argument("--out", required=True, help=X.HELP_OUT)
    plans = commands.add_parser("plans", parents=[common], help=X.HELP_PLANS)
    plans_commands = plans.add_subparsers(dest="plans_command", required=True)
    plan_export = plans_commands.add_parser("export-xlsx", parents=[common], help=X.HELP_PLANS_EXPORT)
    plan_export.add_argument("plan_id", metavar="ID", help=X.HELP_PLAN_ID)
    plan_export.add_argument("--out", required=True, help=X.HELP_OUT)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(arg in SUBCOMMANDS or arg in ("-h", "--help") for arg in argv):
        from desktop.app import main as gui_main

        return gui_main(argv)
    _utf8_stdio()
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return cmd_demo(args)
        if args.command == "tasks" and args.tasks_command == "list":
            return cmd_tasks_list(args)
        if args.command == "tasks" and args.tasks_command == "stats":
            return cmd_tasks_stats(args)
        if args.command == "indicators" and args.indicators_command == "show":
            return cmd_indicators_show(args)
        if args.command == "indicators" and args.indicators_command == "export-xlsx":
            return cmd_indicators_export_xlsx(args)
        if args.command == "plans" and args.plans_command == "export-xlsx":
            return cmd_plans_export_xlsx(args)
        if args.command == "report" and args.report_command == "list":
            return cmd_report_list(args)
        if args.command == "report" and args.report_command == "pdf":
            return cmd_report_pdf(args)
        if args.command == "backup":
            return cmd_backup(args)
        if args.command == "restore":
            return cmd_restore(args)
        if args.command == "check":
            return cmd_check(args)
        for module in extra_commands.modules():
            status = module.run(args)
            if status is not None:
                return status
    except CliError as exc:
        print(C.ERROR.format(message=exc), file=sys.stderr)
        return 2
    except Exception as exc:
        from desktop.core.errors import UserError
        from desktop.db import DatabaseError

        if isinstance(exc, (UserError, DatabaseError)):
            print(C.ERROR.format(message=str(exc).replace("\n", " ")), file=sys.stderr)
            return 2
        return _unexpected(args, exc)
    return 2


def _unexpected(args, exc: Exception) -> int:
    """Disk full, a file in use, a bug: one Vietnamese line, the details in logs/nq57.log."""
    import logging

    from desktop.core.failures import describe_exception
    from desktop.logs import setup_logging

    try:
        setup_logging(_folder(args).logs)
    except Exception:  # noqa: BLE001 - logging must never hide the error itself
        pass
    logging.getLogger("desktop.cli").error("command failed", exc_info=exc)
    title, message = describe_exception(exc)
    print(C.ERROR.format(message=f"{title}. {message}".replace("\n", " ")), file=sys.stderr)
    return 1


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(encoding="utf-8")


def _folder(args) -> DataFolder:
    return DataFolder(resolve_data_dir(args.data_dir))


def _open(args, require_office: bool = True):
    from desktop.core import office
    from desktop.db import open_database

    folder = _folder(args)
    if folder.is_empty():
        raise CliError(C.NOT_SET_UP.format(path=folder.root))
    if folder.database.exists():
        from desktop.core.backups import quick_check

        if quick_check(folder.database):
            raise CliError(C.DAMAGED.format(path=folder.database))
    db = open_database(folder)
    if require_office:
        with db.read() as session:
            if office.get_office(session) is None:
                raise CliError(C.NOT_SET_UP.format(path=folder.root))
    return db


def _as_of(value: str | None) -> date:
    if not value:
        return date.today()
    from desktop.core.vn import ParseError, parse_date

    try:
        parsed = parse_date(value)
    except ParseError as exc:
        raise CliError(C.BAD_DATE.format(value=value)) from exc
    return parsed or date.today()


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------------ commands


def cmd_demo(args) -> int:
    from desktop.core import demo
    from desktop.db import open_database
    from desktop.strings import demo as D

    variant = None
    if args.unit_code or args.unit_name:
        if not (args.unit_code and args.unit_name):
            raise CliError(D.VARIANT_NEEDS_BOTH)
        variant = demo.DemoVariant(args.unit_code, args.unit_name)
    folder = _folder(args)
    if not folder.is_empty():
        raise CliError(C.DEMO_NOT_EMPTY.format(path=folder.root))
    db = open_database(folder)
    try:
        with db.unit_of_work() as session:
            summary = demo.build_demo(session, folder, variant=variant)
    except BaseException:
        # The folder was empty: leave it empty, so the command can simply be run again.
        db.close()
        for suffix in ("", "-wal", "-shm"):
            folder.database.with_name(folder.database.name + suffix).unlink(missing_ok=True)
        raise
    db.close()
    print(C.DEMO_DONE.format(path=folder.root, tasks=summary.tasks, plans=summary.plans, directives=summary.directives))
    return 0


def cmd_tasks_list(args) -> int:
    from desktop.core import status as st
    from desktop.core.tasks import TaskFilter, filter_tasks, list_tasks
    from desktop.core.vn import format_date, shorten
    from desktop.strings import common as S

    statuses: frozenset[str] = frozenset()
    if args.status:
        if args.status not in STATUS_CHOICES:
            raise CliError(C.BAD_STATUS.format(value=args.status, choices=", ".join(STATUS_CHOICES)))
        statuses = {
            "done": frozenset({st.DONE_ON_TIME, st.DONE_LATE}),
            "open": frozenset({st.NOT_STARTED, st.IN_PROGRESS_ON_TIME, st.OVERDUE}),
        }.get(args.status, frozenset({args.status}))
    as_of = _as_of(args.as_of)
    db = _open(args)
    try:
        with db.read() as session:
            rows = filter_tasks(list_tasks(session, as_of), TaskFilter(text=args.search, statuses=statuses))
    finally:
        db.close()
    if args.json:
        _print_json([
            {
                "id": r.id,
                "uid": r.uid,
                "title": r.title,
                "status": r.status,
                "deadline": r.deadline.isoformat() if r.deadline else None,
                "deadline_text": r.deadline_text,
                "recurrence": r.recurrence,
                "lead": r.lead,
                "phase": r.phase,
                "source": r.source_text,
                "completed_on": r.completed_on.isoformat() if r.completed_on else None,
            }
            for r in rows
        ])
        return 0
    if not rows:
        print(C.NO_TASKS)
        return 0
    for r in rows:
        title = shorten(r.title, 90)
        print(f"{r.id:>5}  {S.STATUS[r.status]:<26} {r.deadline_text or format_date(r.deadline):<12} "
              f"{r.lead[:12]:<12} {r.phase:<3} {title}")
    return 0


def cmd_tasks_stats(args) -> int:
    from desktop.core import stats as stats_core
    from desktop.core.office import get_office
    from desktop.core.vn import format_date

    as_of = _as_of(args.as_of)
    db = _open(args)
    try:
        with db.read() as session:
            result = stats_core.task_stats(session, as_of)
            profile = get_office(session)
    finally:
        db.close()
    if args.json:
        data = result.as_json()
        data["unit"] = profile.short_name if profile else ""
        _print_json(data)
        return 0
    print(C.TOTAL.format(assigned=result.total.assigned, as_of=format_date(as_of)))
    print()
    print(C.BY_PHASE)
    for line in stats_core.phase_sentences(result, profile.subject if profile else "Đơn vị"):
        print(f"  {line}")
    for title, groups in ((C.BY_SOURCE, result.by_source), (C.BY_DEPARTMENT, result.by_department)):
        print()
        print(title)
        for group in groups:
            c = group.counts
            name = (group.key or group.label) if groups is result.by_source else group.label
            print(f"  {name[:40]:<40} giao {c.assigned:>3}; hoàn thành {c.done:>3} "
                  f"(đúng hạn {c.done_on_time}, quá hạn {c.done_late}); đang thực hiện {c.in_progress_on_time}; "
                  f"quá hạn chưa hoàn thành {c.overdue}")
    return 0


def _json_number(value):
    """A Decimal as a JSON number (int when whole); text and yes/no as they are."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def cmd_indicators_show(args) -> int:
    from desktop.core import indicators as indicators_core
    from desktop.core import periods
    from desktop.core.office import get_office
    from desktop.core.vn import shorten
    from desktop.strings import indicators as S

    period = periods.parse(args.period)
    db = _open(args)
    try:
        with db.read() as session:
            rows = indicators_core.period_values(session, period)
            profile = get_office(session)
    finally:
        db.close()
    unit = profile.short_name if profile else ""
    if args.json:
        _print_json({
            "period": period.code,
            "period_name": period.name,
            "unit": unit,
            "values": [
                {
                    "code": r.indicator.code,
                    "name": r.indicator.name,
                    "unit": r.indicator.unit,
                    "group": r.indicator.group_code,
                    "value": _json_number(r.value),
                    "text": r.text,
                    "computed": r.computed,
                    "target": r.target.text if r.target and r.target.comparator != "none" else None,
                    "achievement": r.achievement,
                    "comment": r.comment,
                }
                for r in rows
            ],
        })
        return 0
    print(S.SHOW_HEADER.format(period=period.name, unit=unit))
    code_h, name_h, value_h, target_h, result_h = S.SHOW_COLUMNS
    print(f"{code_h:<28} {name_h:<60} {value_h:>16} {target_h:<20} {result_h}")
    for r in rows:
        name = shorten(r.indicator.name, 60)
        value = (r.text + (f" {r.indicator.unit}" if r.text and r.indicator.unit and r.indicator.unit != "%" else "")
                 + ("%" if r.text and r.indicator.unit == "%" else ""))
        target = r.target.text if r.target and r.target.comparator != "none" else ""
        mark = S.SHOW_COMPUTED if r.computed else ""
        print(f"{r.indicator.code:<28} {name:<60} {value:>16} {target:<20} {S.ACHIEVEMENT[r.achievement]}{mark}")
    return 0


# ------------------------------------------------------------------------ XLSX exports
# desktop.export (openpyxl) is imported inside the commands only: the CLI starts without it.


def cmd_plans_export_xlsx(args) -> int:
    from desktop.strings import export as X

    try:
        plan_id = int(args.plan_id)
    except ValueError as exc:
        raise CliError(X.BAD_PLAN_ID.format(value=args.plan_id)) from exc
    db = _open(args)
    try:
        from desktop.export.plan_appendix import export_plan_appendix

        with db.read() as session:
            path = export_plan_appendix(session, plan_id, args.out)
    finally:
        db.close()
    print(X.EXPORTED.format(path=path))
    return 0


def cmd_indicators_export_xlsx(args) -> int:
    from desktop.core import indicators as indicators_core
    from desktop.core import periods
    from desktop.core.office import get_office
    from desktop.strings import export as X

    if args.layout == "period" and not args.period:
        raise CliError(X.PERIOD_REQUIRED)
    period = periods.parse(args.period) if args.layout == "period" else None
    catalogue = {"targets-2030": "nq71", "milestones": "milestones"}.get(args.layout)
    db = _open(args)
    try:
        with db.read() as session:
            rows = indicators_core.period_values(session, period) if period else []
            indicators = indicators_core.list_indicators(session, catalogue) if catalogue else []
            groups = indicators_core.list_groups(session, catalogue)
            profile = get_office(session)
    finally:
        db.close()
    from desktop.export import indicators as xlsx

    lines = profile.header_lines if profile else []
    if args.layout == "targets-2030":
        path = xlsx.write_targets_2030(args.out, lines, indicators, groups)
    elif args.layout == "milestones":
        path = xlsx.write_milestones(args.out, lines, indicators, groups)
    else:
        path = xlsx.write_period_table(args.out, lines, period, rows, groups)
    print(X.EXPORTED.format(path=path))
    return 0


# ------------------------------------------------------------------------ reports
# desktop.printing (reportlab) is imported inside `report pdf` only.


def cmd_report_list(args) -> int:
    from desktop.core.reports import list_reports
    from desktop.core.vn import shorten

    db = _open(args)
    try:
        with db.read() as session:
            rows = list_reports(session)
    finally:
        db.close()
    if args.json:
        _print_json([
            {
                "id": r.id,
                "type": r.doc_type,
                "kind": r.kind,
                "number": r.number_symbol,
                "summary": r.summary,
                "period": r.period_code,
                "period_name": r.period_name,
                "status": r.status,
                "year": r.year,
                "issued_at": r.issued_at.isoformat() if r.issued_at else None,
                "updated_at": r.updated_at.isoformat() if r.updated_at else None,
            }
            for r in rows
        ])
        return 0
    if not rows:
        print(C.NO_REPORTS)
        return 0
    for r in rows:
        summary = shorten(r.summary, 80)
        print(f"{r.id:>5}  {r.status_label:<12} {r.doc_type:<10} {r.number_symbol:<14} {r.period_code:<24} {summary}")
    return 0


def _positive_id(value: str, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise CliError(message.format(value=value)) from exc
    if number < 1:
        raise CliError(message.format(value=value))
    return number


def cmd_report_pdf(args) -> int:
    from pathlib import Path

    from desktop.core import compose

    if (args.report_id is None) == (args.plan is None):
        raise CliError(C.REPORT_PDF_WHICH)
    db = _open(args)
    try:
        with db.read() as session:
            if args.plan is not None:
                document = compose.plan_document(session, _positive_id(args.plan, C.BAD_PLAN_ID))
            else:
                document = compose.report_document(session, _positive_id(args.report_id, C.BAD_REPORT_ID))
    finally:
        db.close()
    from desktop.printing import render_pdf

    written = render_pdf(document, Path(args.out))
    print(C.REPORT_PDF_DONE.format(pages=written.pages, path=written.path))
    return 0


def cmd_backup(args) -> int:
    from pathlib import Path

    from desktop.core import backups

    folder = _folder(args)
    if folder.is_empty():
        raise CliError(C.NOT_SET_UP.format(path=folder.root))
    path = backups.make_backup(folder, Path(args.out) if args.out else None)
    print(path)
    return 0


def cmd_restore(args) -> int:
    from pathlib import Path

    from desktop.core import backups
    from desktop.strings import backups as B

    folder = _folder(args)
    result = backups.restore(folder, Path(args.file))
    info = result.info
    print(B.RESTORE_DONE.format(
        office=info.office_name or "?", code=f" ({info.code})" if info.code else "", plans=info.plans,
        tasks=info.tasks, directives=info.directives, values=info.indicator_values or 0,
    ))
    if result.safety_backup is not None:
        print(B.RESTORE_SAFETY.format(path=result.safety_backup))
    return 0


def cmd_check(args) -> int:
    from desktop.core import backups
    from desktop.strings import backups as B

    folder = _folder(args)
    if folder.is_empty():
        raise CliError(C.NOT_SET_UP.format(path=folder.root))
    problems = backups.check(folder)
    if not problems:
        print(B.CHECK_OK)
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(B.CHECK_FAILED.format(count=len(problems)), file=sys.stderr)
    return 2
