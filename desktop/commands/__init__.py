"""Command-line subcommands kept in their own modules, one per capability.

Each module exposes NAMES (its top-level subcommand names), add(commands, common) to declare its
parsers, and run(args) -> int | None (None when the command is not its own). Modules import only
argparse-level things at the top: the command line must start fast and never load Qt.

`python -m desktop` with no subcommand opens the window: the names are listed here, so deciding
that imports none of the modules (and their strings) before the window is painted.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# subcommand -> the module that declares it (a test checks this against each module's NAMES)
OWNERS = {
    "export": "exchange",
    "import": "exchange",
    "consolidate": "consolidate",
    "export-down": "downward",
    "import-xlsx": "downward",
    "self-test": "selftest",
}
NAMES = frozenset(OWNERS)
MODULE_NAMES = ("exchange", "consolidate", "downward", "selftest")


def modules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"desktop.commands.{name}") for name in MODULE_NAMES)
