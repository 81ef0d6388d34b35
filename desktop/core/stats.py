"""Task statistics exactly as ward reports state them, grouped by phase, source and department.

Counts (see desktop.core.status for the rules):
  assigned = done + in_progress_on_time + overdue
  done = done_on_time + done_late
  in_progress_on_time includes not_started tasks still within their deadline;
  not_started is also given on its own;
  on_track = done_on_time + in_progress_on_time — what reports call "đang thực hiện đúng hạn"
  when they count every task that is on schedule (An Hải: 16 of 16, all done on time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from desktop.core import status as st
from desktop.core.profile import get_office
from desktop.core.sql import connection_of, plain_read
from desktop.core.task_rows import TaskRow, due_soon, list_tasks, overdue, phase_sort_key
from desktop.core.vn import format_number, format_percent, format_ratio, percent, sort_key
from desktop.strings import common as S
from desktop.strings import tasks as T


@dataclass
class Counts:
    assigned: int = 0
    done: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress_on_time: int = 0
    overdue: int = 0
    not_started: int = 0

    @property
    def on_track(self) -> int:
        return self.done_on_time + self.in_progress_on_time

    def add(self, status: str) -> None:
        self.assigned += 1
        if status == st.DONE_ON_TIME:
            self.done += 1
            self.done_on_time += 1
        elif status == st.DONE_LATE:
            self.done += 1
            self.done_late += 1
        elif status == st.OVERDUE:
            self.overdue += 1
        else:
            self.in_progress_on_time += 1
            if status == st.NOT_STARTED:
                self.not_started += 1

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "on_track": self.on_track}


@dataclass
class Group:
    key: str  # phase code, directive number-symbol, department abbreviation ("" = none)
    label: str  # what people read
    counts: Counts = field(default_factory=Counts)


@dataclass
class TaskStats:
    as_of: date
    total: Counts
    by_phase: list[Group]
    by_source: list[Group]
    by_department: list[Group]

    def as_json(self) -> dict:
        def groups(items: list[Group], key_name: str) -> list[dict]:
            return [{key_name: g.key, "label": g.label, **g.counts.as_dict()} for g in items]

        return {
            "as_of": self.as_of.isoformat(),
            "total": self.total.as_dict(),
            "by_phase": groups(self.by_phase, "phase"),
            "by_source": groups(self.by_source, "directive"),
            "by_department": groups(self.by_department, "department"),
        }


def _group(rows: Iterable[TaskRow], keys_of: Callable[[TaskRow], Iterable[tuple[str, str]]]) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for row in rows:
        for key, label in keys_of(row):
            group = groups.setdefault(key, Group(key, label))
            group.counts.add(row.status)
    return groups


def compute(rows: Sequence[TaskRow], as_of: date, source_labels: dict[str, str] | None = None) -> TaskStats:
    """Statistics over already-derived rows (pure; the session-level helper is `task_stats`)."""
    total = Counts()
    for row in rows:
        total.add(row.status)

    by_phase = _group(rows, lambda r: [(r.phase, T.STATS_PHASE_LABEL.format(phase=r.phase) if r.phase else S.NO_PHASE)])
    by_source = _group(
        rows,
        lambda r: [(s, (source_labels or {}).get(s, s)) for s in r.sources] or [("", S.NO_SOURCE)],
    )
    by_department = _group(rows, lambda r: [(r.lead, r.lead_name or S.NO_DEPARTMENT)])

    def phase_order(group: Group) -> tuple:
        return (group.key == "", phase_sort_key(group.key) if group.key else ())

    return TaskStats(
        as_of=as_of,
        total=total,
        by_phase=sorted(by_phase.values(), key=phase_order),
        by_source=sorted(by_source.values(), key=lambda g: (g.key == "", -g.counts.assigned, sort_key(g.key))),
        by_department=sorted(by_department.values(), key=lambda g: (g.key == "", sort_key(g.label))),
    )


@plain_read
def task_stats(source: Any, as_of: date | None = None, period_start: date | None = None) -> TaskStats:
    """`source`: a Session or a sqlite3 connection (desktop.core.sql)."""
    as_of = as_of or date.today()
    rows = list_tasks(source, as_of, period_start)
    return compute(rows, as_of, source_labels(source))


@plain_read
def source_labels(source: Any) -> dict[str, str]:
    """Number-symbol -> "02-KH/BCĐTW — summary" for the by-source grouping."""
    return {
        number: f"{number} — {summary[:80]}" if summary else number
        for number, summary in connection_of(source).execute("SELECT number_symbol, summary FROM directives")
    }


@dataclass(frozen=True)
class Overview:
    """What the overview screen shows, read in one unit of work."""

    as_of: date
    stats: TaskStats
    overdue: list[TaskRow]
    due_soon: list[TaskRow]
    unit_subject: str
    sentences: list[str]


@plain_read
def overview(source: Any, as_of: date | None = None, days: int = 14) -> Overview:
    """Counts, the overdue list, deadlines in the next `days` days and the phase sentences (the
    first screen: plain SQL, no SQLAlchemy)."""
    as_of = as_of or date.today()
    rows = list_tasks(source, as_of)
    result = compute(rows, as_of, source_labels(source))
    profile = get_office(source)
    subject = profile.subject if profile else T.DEFAULT_SUBJECT
    return Overview(
        as_of=as_of,
        stats=result,
        overdue=overdue(rows),
        due_soon=due_soon(rows, as_of, days),
        unit_subject=subject,
        sentences=phase_sentences(result, subject),
    )


@plain_read
def department_names(source: Any) -> dict[str, str]:
    return {abbr or name: name
            for abbr, name in connection_of(source).execute("SELECT abbreviation, name FROM departments")}


# --------------------------------------------------------------------- sentences


def _pct(part: int, whole: int) -> str:
    share = percent(part, whole)
    return format_percent(share if share is not None else 0)


def group_sentences(counts: Counts, heading: str) -> list[str]:
    """The lines ward reports write for one group of tasks:

    Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ
    + Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, …
    + Số nhiệm vụ đang thực hiện đúng hạn 16, tỷ lệ 100%.
    + Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.
    """
    whole = counts.assigned
    return [
        heading,
        "+ " + T.STATS_DONE.format(
            done_ratio=format_ratio(counts.done, whole),
            done_on_time=format_number(counts.done_on_time),
            done_late=format_number(counts.done_late),
        ),
        "+ " + T.STATS_ON_TRACK.format(on_track=format_number(counts.on_track), on_track_pct=_pct(counts.on_track, whole)),
        "+ " + T.STATS_OVERDUE.format(overdue=format_number(counts.overdue), overdue_pct=_pct(counts.overdue, whole)),
    ]


def phase_sentences(stats: TaskStats, unit_subject: str = "Ủy ban nhân dân phường") -> list[str]:
    lines: list[str] = []
    for group in stats.by_phase:
        if group.key:
            heading = "- " + T.STATS_PHASE_HEADING.format(
                phase=group.key, unit=unit_subject, assigned=format_number(group.counts.assigned)
            )
        else:
            heading = "- " + T.STATS_GROUP_HEADING.format(
                label=group.label, unit=unit_subject, assigned=format_number(group.counts.assigned)
            )
        lines.extend(group_sentences(group.counts, heading))
    return lines
