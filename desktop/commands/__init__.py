"""Command-line subcommands kept in their own modules, one per capability.

Each module exposes NAMES (its top-level subcommand names), add(commands, common) to declare its
parsers, and run(args) -> int | None (None when the command is not its own). Modules import only
argparse-level things at the top: the command line must start fast and never load Qt."""

from desktop.commands import consolidate, downward, exchange, selftest

MODULES = (exchange, consolidate, downward, selftest)
NAMES = frozenset().union(*(module.NAMES for module in MODULES))
