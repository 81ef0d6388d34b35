"""`self-test [--keep]`: the smoke test of the headless path (desktop.selftest), run on the frozen
build as `nq57.exe self-test`. Exit 0 when every step passes, 1 naming the failing step."""

from __future__ import annotations

NAMES: frozenset[str] = frozenset({"self-test"})


def add(commands, common) -> None:
    from desktop.strings import selftest as S

    parser = commands.add_parser("self-test", help=S.HELP, description=S.HELP)
    parser.add_argument("--keep", action="store_true", help=S.HELP_KEEP)


def run(args) -> int | None:
    if args.command != "self-test":
        return None
    from desktop.selftest import main

    return main(keep=args.keep)
