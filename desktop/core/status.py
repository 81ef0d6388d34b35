"""Derived task status on a reference date.

The rules (nd09-periods.md, "Task status categories"), decided here once:

* Recorded states are `not_started`, `in_progress`, `done`, each with a date in the history.
  Only entries dated on or before the reference date count, so the status "as of" any past
  date can be recomputed from the same data.
* A task whose latest counted entry is `done` is **done**: on time when it has no deadline or
  was completed on or before the deadline (done *on* the deadline is on time), late otherwise.
* A task not done whose deadline is before the reference date is **overdue** (a deadline of
  today is still on time), whether or not work had started.
* Otherwise it is **not started** (no entry, or latest entry `not_started`) or **in progress
  on time**. Statistics count "not started" inside "in progress on time" and also show it
  separately, as government reports do.
* Recurring tasks (thường xuyên, hằng năm, hằng quý) are never overdue: they are done for
  the current cycle only if marked done within it (calendar year for thường xuyên and
  hằng năm, calendar quarter for hằng quý, or the reporting period when one is given),
  and in progress on time otherwise.
* "Theo văn bản" (deadline set by the source) and no deadline: never overdue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
RECORDED_STATES = (NOT_STARTED, IN_PROGRESS, DONE)

# Derived statuses, in the order reports list them.
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_PROGRESS_ON_TIME = "in_progress_on_time"
OVERDUE = "overdue"
DERIVED_STATES = (NOT_STARTED, IN_PROGRESS_ON_TIME, OVERDUE, DONE_ON_TIME, DONE_LATE)

RECURRENCE_NONE = "none"
RECURRENCE_CONTINUOUS = "continuous"
RECURRENCE_YEARLY = "yearly"
RECURRENCE_QUARTERLY = "quarterly"
RECURRENCE_PER_SOURCE = "per_source"
RECURRENCES = (
    RECURRENCE_NONE,
    RECURRENCE_CONTINUOUS,
    RECURRENCE_YEARLY,
    RECURRENCE_QUARTERLY,
    RECURRENCE_PER_SOURCE,
)
CYCLIC = (RECURRENCE_CONTINUOUS, RECURRENCE_YEARLY, RECURRENCE_QUARTERLY)


@dataclass(frozen=True)
class HistoryPoint:
    on_date: date
    status: str


@dataclass(frozen=True)
class Derived:
    status: str
    completed_on: date | None = None  # the completion that counts, for done statuses
    started: bool = False


def cycle_start(recurrence: str, as_of: date) -> date:
    if recurrence == RECURRENCE_QUARTERLY:
        return date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    return date(as_of.year, 1, 1)


def derive_status(
    *,
    deadline: date | None,
    recurrence: str,
    history: Sequence[HistoryPoint] | Iterable[HistoryPoint],
    completed_on: date | None = None,
    as_of: date,
    period_start: date | None = None,
) -> Derived:
    """The derived status of one task on `as_of` (see the module docstring)."""
    counted = sorted((h for h in history if h.on_date <= as_of), key=lambda h: h.on_date)
    last = counted[-1] if counted else None
    started = any(h.status in (IN_PROGRESS, DONE) for h in counted)

    if recurrence in CYCLIC:
        start = period_start or cycle_start(recurrence, as_of)
        in_cycle = [h for h in counted if h.on_date >= start]
        if in_cycle and in_cycle[-1].status == DONE:
            return Derived(DONE_ON_TIME, in_cycle[-1].on_date, True)
        if not started:
            return Derived(NOT_STARTED)
        return Derived(IN_PROGRESS_ON_TIME, started=True)

    completion: date | None = None
    if last is not None and last.status == DONE:
        completion = last.on_date
    elif last is None and completed_on is not None and completed_on <= as_of:
        completion = completed_on  # imported without history
    if completion is not None:
        if deadline is None or completion <= deadline:
            return Derived(DONE_ON_TIME, completion, True)
        return Derived(DONE_LATE, completion, True)

    if deadline is not None and as_of > deadline:
        return Derived(OVERDUE, started=started)
    if last is None or last.status == NOT_STARTED:
        return Derived(NOT_STARTED, started=started)
    return Derived(IN_PROGRESS_ON_TIME, started=True)


def is_open(status: str) -> bool:
    return status in (NOT_STARTED, IN_PROGRESS_ON_TIME, OVERDUE)


def is_done(status: str) -> bool:
    return status in (DONE_ON_TIME, DONE_LATE)
