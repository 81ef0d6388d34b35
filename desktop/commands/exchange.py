"""`export` (the package sent upward) and `import` (packages from units below or from above).

    python -m desktop export --period 2025-Q3 --out 31234-2025-Q3.nq57 [--report ID] [--no-pdf] [--no-xlsx] [--json]
    python -m desktop import A.nq57 B.nq57 … [--dry-run] [--json]

`import` works in a brand-new, empty data folder too (the database is created; no office needed).
Exit status 2 when any file was refused, with one line on stderr."""

from __future__ import annotations

import sys

NAMES: frozenset[str] = frozenset({"export", "import"})


def add(commands, common) -> None:
    from desktop.strings import cli as C
    from desktop.strings import exchange as X

    export = commands.add_parser("export", parents=[common], help=X.HELP_EXPORT)
    export.add_argument("--period", required=True, help=X.HELP_EXPORT_PERIOD)
    export.add_argument("--out", required=True, help=X.HELP_EXPORT_OUT)
    export.add_argument("--report", metavar="ID", help=X.HELP_EXPORT_REPORT)
    export.add_argument("--no-pdf", action="store_true", help=X.HELP_NO_PDF)
    export.add_argument("--no-xlsx", action="store_true", help=X.HELP_NO_XLSX)
    export.add_argument("--json", action="store_true", help=C.HELP_JSON)
    imported = commands.add_parser("import", parents=[common], help=X.HELP_IMPORT)
    imported.add_argument("files", metavar="FILE", nargs="+", help=X.HELP_IMPORT_FILES)
    imported.add_argument("--dry-run", action="store_true", help=X.HELP_DRY_RUN)
    imported.add_argument("--json", action="store_true", help=C.HELP_JSON)


def run(args) -> int | None:
    if args.command == "export":
        return cmd_export(args)
    if args.command == "import":
        return cmd_import(args)
    return None


def cmd_export(args) -> int:
    from pathlib import Path

    from desktop.cli import C, _open, _positive_id, _print_json
    from desktop.core import exchange, periods
    from desktop.core.nq57file import human_size
    from desktop.strings import exchange as X

    period = periods.parse(args.period)
    report_id = _positive_id(args.report, C.BAD_REPORT_ID) if args.report is not None else None
    content = exchange.ExportContent(report_id=report_id, pdf=not args.no_pdf, xlsx=not args.no_xlsx)
    db = _open(args)
    try:
        result = exchange.export_package(db, period, Path(args.out), content)
    finally:
        db.close()
    summary = result.summary
    if args.json:
        _print_json({
            "file": str(result.path),
            "size": result.size,
            "package_id": result.package_id,
            "period": summary.period_code,
            "period_name": summary.period_name,
            "unit": summary.unit_code,
            "unit_name": summary.unit_name,
            "as_of": summary.as_of.isoformat(),
            "tasks": summary.tasks,
            "values": summary.values,
            "indicators": summary.indicators,
            "report": {"id": summary.report_id, "label": summary.report_label, "status": summary.report_status}
            if summary.report_id is not None else None,
            "pdf": summary.pdf,
            "xlsx": summary.xlsx,
            "warnings": list(summary.warnings),
        })
        return 0
    report = ""
    if summary.report_id is not None:
        report = X.EXPORT_DONE_REPORT.format(label=summary.report_label, status=summary.report_status_label)
    print(X.EXPORT_DONE.format(path=result.path, size=human_size(result.size), tasks=summary.tasks,
                               values=summary.values, report=report))
    for warning in summary.warnings:
        print(X.EXPORT_WARNING.format(message=warning))
    return 0


def _database_for_import(args, dry_run: bool):
    """(database, cleanup): the folder's database, created when the folder is empty — except for a
    dry run, which looks at a scratch empty database instead of creating anything."""
    import shutil
    import tempfile
    from pathlib import Path

    from desktop.cli import C, CliError, _folder
    from desktop.core.backups import quick_check
    from desktop.db import open_database
    from desktop.paths import DataFolder

    folder = _folder(args)
    if folder.is_empty() and dry_run:
        scratch = Path(tempfile.mkdtemp(prefix="nq57-xem-truoc-"))
        db = open_database(DataFolder(scratch))

        def cleanup() -> None:
            db.close()
            shutil.rmtree(scratch, ignore_errors=True)

        return db, cleanup
    if folder.database.exists() and quick_check(folder.database):
        raise CliError(C.DAMAGED.format(path=folder.database))
    db = open_database(folder)
    return db, db.close


def cmd_import(args) -> int:
    from desktop.cli import _print_json
    from desktop.core import receive
    from desktop.strings import cli as C
    from desktop.strings import exchange as X

    db, cleanup = _database_for_import(args, args.dry_run)
    try:
        if args.dry_run:
            previews = receive.preview_packages(db, args.files)
        else:
            results = receive.import_packages(db, args.files)
    finally:
        cleanup()
    if args.dry_run:
        refused = sum(p.status in (receive.REFUSED, receive.OLDER) for p in previews)
        if args.json:
            _print_json([_preview_json(p) for p in previews])
        else:
            for p in previews:
                print(_line(p.file, p.status_label, p.unit_code, p.unit_name, p.period_code, p.reason))
                for line in (p.problems if len(p.problems) > 1 else []) + (
                        p.actions if p.status in (receive.NEW, receive.REPLACE) else []):
                    print(f"    - {line}")
            counts = {s: sum(p.status == s for p in previews) for s in ("new", "replace", "unchanged")}
            print(X.PREVIEW_TOTALS.format(total=len(previews), refused=refused, **counts))
    else:
        refused = sum(r.status == receive.REFUSED for r in results)
        if args.json:
            _print_json([r.as_json() for r in results])
        else:
            for r in results:
                print(_line(r.file, r.status_label, r.unit_code, r.unit_name, r.period_code, r.reason))
            counts = {s: sum(r.status == s for r in results) for s in ("imported", "replaced", "unchanged")}
            print(X.IMPORT_TOTALS.format(total=len(results), refused=refused, **counts))
    if refused:
        print(C.ERROR.format(message=X.REFUSED_COUNT.format(count=refused, total=len(args.files))), file=sys.stderr)
        return 2
    return 0


def _line(file: str, status: str, code: str, name: str, period: str, reason: str) -> str:
    from desktop.strings import exchange as X

    unit = f" — {code} {name}".rstrip() if code else ""
    when = X.IMPORT_PERIOD.format(period=period) if period else ""
    return X.IMPORT_LINE.format(file=file, status=status, unit=unit, period=when,
                                reason=f". {reason}" if reason else "")


def _preview_json(p) -> dict:
    return {
        "file": p.file,
        "status": p.status,
        "reason": p.reason,
        "unit": p.unit_code,
        "unit_name": p.unit_name,
        "period": p.period_code,
        "content": p.content,
        "direction": p.direction,
        "created": p.created.isoformat() if p.created else None,
        "counts": p.counts,
        "actions": p.actions,
        "problems": p.problems,
    }
