"""`consolidate` commands (being written)."""

from __future__ import annotations

NAMES: frozenset[str] = frozenset()


def add(commands, common) -> None:
    pass


def run(args) -> int | None:
    return None
