"""`export-down` (a package of tasks, an outline or indicator definitions for the units below) and
`import-xlsx` (a task list from an .xlsx table, with the column mapping guessed)."""

from __future__ import annotations

from desktop.strings import downward as S

NAMES: frozenset[str] = frozenset({"export-down", "import-xlsx"})


def add(commands, common) -> None:
    export = commands.add_parser("export-down", parents=[common], help=S.HELP_EXPORT_DOWN)
    which = export.add_mutually_exclusive_group()
    which.add_argument("--tasks", action="store_true", help=S.HELP_TASKS)
    which.add_argument("--outline", metavar="ID|TÊN", help=S.HELP_OUTLINE)
    which.add_argument("--indicators", action="store_true", help=S.HELP_INDICATORS)
    export.add_argument("--plan", metavar="ID", help=S.HELP_PLAN)
    export.add_argument("--task-ids", metavar="ID,ID", help=S.HELP_TASK_IDS)
    export.add_argument("--codes", metavar="MÃ,MÃ", help=S.HELP_CODES)
    export.add_argument("--out", required=True, help=S.HELP_OUT)
    export.add_argument("--json", action="store_true", help=S.HELP_JSON)

    sheet = commands.add_parser("import-xlsx", parents=[common], help=S.HELP_IMPORT_XLSX)
    sheet.add_argument("file", metavar="FILE", help=S.HELP_XLSX_FILE)
    sheet.add_argument("--sheet", help=S.HELP_SHEET)
    sheet.add_argument("--header-row", metavar="N", help=S.HELP_HEADER_ROW)
    sheet.add_argument("--plan", metavar="ID", help=S.HELP_IMPORT_PLAN)
    sheet.add_argument("--phase", default="", help=S.HELP_PHASE)
    sheet.add_argument("--dry-run", action="store_true", help=S.HELP_DRY_RUN)
    sheet.add_argument("--json", action="store_true", help=S.HELP_JSON)


def run(args) -> int | None:
    if args.command == "export-down":
        return cmd_export_down(args)
    if args.command == "import-xlsx":
        return cmd_import_xlsx(args)
    return None


def _number(value: str | None) -> int | None:
    from desktop.cli import CliError

    if value is None:
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise CliError(S.CLI_BAD_ID.format(value=value)) from exc
    if number < 1:
        raise CliError(S.CLI_BAD_ID.format(value=value))
    return number


def _outline_id(db, value: str) -> int:
    """An outline by its number or its name (the built-in outlines are loaded first, as the
    reports screen does)."""
    from desktop.cli import CliError
    from desktop.core import outlines
    from desktop.core.vn import fold

    with db.unit_of_work() as session:
        outlines.ensure_builtins(session)
    with db.read() as session:
        rows = outlines.list_outlines(session)
    if value.strip().isdigit():
        return _number(value)
    found = [row.id for row in rows if fold(row.name) == fold(value)]
    if not found:
        raise CliError(S.CLI_OUTLINE_UNKNOWN.format(value=value, names="; ".join(row.name for row in rows)))
    return found[0]


def cmd_export_down(args) -> int:
    from desktop.cli import CliError, _open, _print_json
    from desktop.core import downward

    if args.tasks:
        kind = "tasks"
    elif args.outline is not None:
        kind = "outline"
    elif args.indicators:
        kind = "indicators"
    else:
        raise CliError(S.CLI_WHICH)
    task_ids = [_number(part.strip()) for part in args.task_ids.split(",") if part.strip()] if args.task_ids else None
    codes = [part.strip() for part in args.codes.split(",") if part.strip()] if args.codes else None
    db = _open(args)
    try:
        outline_id = _outline_id(db, args.outline) if kind == "outline" else None
        path = downward.export_downward(db, kind, args.out, task_ids=task_ids, plan_id=_number(args.plan),
                                        outline_id=outline_id, indicator_codes=codes)
    finally:
        db.close()
    from desktop.core import nq57file

    package = nq57file.read_package(path)
    summary = downward.describe(package.data, kind)
    if args.json:
        _print_json({"file": str(path), "content": kind, "package_id": package.package_id,
                     "size": path.stat().st_size, "summary": summary,
                     "tasks": len(package.data.get("tasks", ())),
                     "directives": len(package.data.get("directives", ())),
                     "indicators": len(package.data.get("indicators", ()))})
    else:
        print(S.EXPORTED.format(path=path, summary=summary))
    return 0


def cmd_import_xlsx(args) -> int:
    import sys

    from desktop.cli import CliError, _open, _print_json
    from desktop.core import task_sheet
    from desktop.core.vn import iso_date
    from desktop.export.task_sheet import read_grids

    grids = read_grids(args.file)
    if args.sheet:
        if args.sheet not in grids:
            raise CliError(S.SHEET_NOT_FOUND.format(sheet=args.sheet, sheets=", ".join(grids)))
        sheet = args.sheet
    else:
        sheet = next(name for name, grid in grids.items() if grid)
    grid = grids[sheet]
    if not grid:
        raise CliError(S.SHEET_EMPTY.format(sheet=sheet))
    header = None
    if args.header_row is not None:
        header = _number(args.header_row) - 1
        if header >= len(grid):
            raise CliError(S.CLI_BAD_HEADER_ROW.format(value=args.header_row, rows=len(grid)))
    elif task_sheet.find_header(grid) is None:
        raise CliError(S.NO_HEADER.format(sheet=sheet))
    db = _open(args)
    try:
        with db.read() as session:
            context = task_sheet.load_context(session)
        preview = task_sheet.preview_sheet(grid, header_row=header, context=context)
        result = None
        if not args.dry_run:
            with db.unit_of_work() as session:
                result, _changes = task_sheet.import_sheet(session, preview, plan_id=_number(args.plan),
                                                           default_phase=args.phase)
    finally:
        db.close()
    if args.json:
        _print_json({
            "file": args.file,
            "sheet": sheet,
            "header_row": preview.header_row + 1 if preview.header_row is not None else None,
            "columns": [{"header": h, "field": f} for h, f in zip(preview.headers, preview.mapping, strict=True)],
            "readable": preview.readable,
            "errors": len(preview.errors),
            "problems": preview.problems,
            "new_directives": [ref.number_symbol for ref in preview.new_directives],
            "rows": [{
                "row": row.number, "kind": row.kind, "reason": row.reason, "section": row.section,
                **({"title": row.task.title, "stt": row.task.stt, "lead": row.task.lead_note,
                    "deadline": iso_date(row.task.deadline), "recurrence": row.task.recurrence,
                    "deadline_note": row.task.deadline_note, "phase": row.task.phase,
                    "sources": [ref.number_symbol for ref in row.task.sources],
                    "existing_id": row.task.existing_id} if row.task else {}),
            } for row in preview.rows],
            "dry_run": bool(args.dry_run),
            "created": result.created if result else 0,
            "updated": result.updated if result else 0,
            "unchanged": result.unchanged if result else 0,
            "directives_created": result.directives_created if result else 0,
        })
        return 0
    header_number = preview.header_row + 1 if preview.header_row is not None else "?"
    print(S.CLI_PREVIEW.format(sheet=sheet, row=header_number, summary=preview.summary()))
    print(S.CLI_COLUMNS.format(columns=", ".join(
        f"{task_sheet.column_letter(i)} «{h}» → {S.FIELD_LABELS[f]}" for i, (h, f) in
        enumerate(zip(preview.headers, preview.mapping, strict=True)) if h or f != task_sheet.IGNORE)))
    for ref in preview.new_directives:
        print(S.CLI_NEW_DIRECTIVE.format(label=ref.label))
    for problem in preview.problems:
        print(problem, file=sys.stderr)
    if result is None:
        print(S.CLI_NOT_WRITTEN)
    else:
        print(result.message())
    return 0
