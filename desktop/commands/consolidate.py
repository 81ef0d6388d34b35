"""`consolidate --period P --out F.xlsx [--json]`: the period's consolidation over the packages
received from the units below, written to a workbook (and printed as JSON with --json).

Works in any data folder that holds received packages; no office profile is needed."""

from __future__ import annotations

NAMES: frozenset[str] = frozenset({"consolidate"})


def add(commands, common) -> None:
    from desktop.strings import consolidate as S

    parser = commands.add_parser("consolidate", parents=[common], help=S.HELP_CONSOLIDATE)
    parser.add_argument("--period", required=True, help=S.HELP_PERIOD)
    parser.add_argument("--out", help=S.HELP_OUT)
    parser.add_argument("--json", action="store_true", help=S.HELP_JSON)


def run(args) -> int | None:
    if args.command != "consolidate":
        return None
    return cmd_consolidate(args)


def cmd_consolidate(args) -> int:
    from pathlib import Path

    from desktop.cli import CliError, _print_json
    from desktop.core import consolidate as core
    from desktop.core import periods
    from desktop.core.office import get_office
    from desktop.strings import consolidate as S

    if not args.out and not args.json:
        raise CliError(S.OUT_REQUIRED)
    period = periods.parse(args.period)
    if args.out and Path(args.out).suffix.lower() != ".xlsx":
        from desktop.strings import export as X

        raise CliError(X.NOT_XLSX.format(path=args.out))
    db = _open_folder(args)
    try:
        with db.read() as session:
            result = core.consolidate(session, period)
            profile = get_office(session)
    finally:
        db.close()
    path = None
    if args.out:
        from desktop.export.consolidation import write_consolidation

        path = write_consolidation(args.out, result, profile.header_lines if profile else [])
    if args.json:
        data = core.as_json(result)
        data["out"] = str(path) if path else None
        _print_json(data)
        return 0
    print(core.summary_line(result))
    totals = result.totals
    print(S.CLI_TASKS.format(assigned=totals.assigned, done=totals.done, overdue=totals.overdue))
    print(S.CLI_WRITTEN.format(path=path))
    return 0


def _open_folder(args):
    """The folder's database; a brand-new folder gets an empty one (nothing received yet), as
    `import` does, so the upper level needs no office profile."""
    from desktop.cli import _folder, _open
    from desktop.db import open_database

    folder = _folder(args)
    if folder.database.exists():
        return _open(args, require_office=False)
    return open_database(folder.ensure())
