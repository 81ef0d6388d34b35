"""What a write touched, so each view decides whether to refresh (one notification per action)."""

from __future__ import annotations

from dataclasses import dataclass, field

OFFICE = "office"
DEPARTMENTS = "departments"
SIGNERS = "signers"
DIRECTIVES = "directives"
PLANS = "plans"
TASKS = "tasks"
SETTINGS = "settings"
INDICATORS = "indicators"
OUTLINES = "outlines"
REPORTS = "reports"
ALL = frozenset({OFFICE, DEPARTMENTS, SIGNERS, DIRECTIVES, PLANS, TASKS, SETTINGS, INDICATORS, OUTLINES, REPORTS})


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: str) -> "Changes":
        return cls(frozenset(kinds))

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.kinds | other.kinds)
