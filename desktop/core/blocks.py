"""Live figures in report text: data blocks (`[[…]]` lines) and fields (`{{…}}` inside a line),
resolved for a reporting period.

The vocabulary is fixed (outlines are written with these names) and matched without accents or
case (`vn.fold`): see `BLOCK_KINDS` and `FIELD_KINDS`, which also carry the Vietnamese name,
description and an example for the editor's "insert" menu.

Blocks: task statistics by phase / source document / department, a totals paragraph, task lists
and tables (filtered: overdue, in progress, done, not done, all), an indicator sentence and an
indicator table. Fields: an indicator code, a ratio of two codes, the period's name, its first
and last day, its year and the unit's name.

At the upper level, a consolidated report uses the figures of the packages received for the
period (desktop.core.consolidate): blocks for the units that sent (on time, late, missing), the
consolidated indicator table and the tasks by unit with their ranking; fields for a consolidated
total (`{{tổng: OPS.DOSSIER.RECEIVED}}`), the submission counts, the missing units, the deadline
and the overall task completion.

Resolution is pure over a `BlockContext` (plain rows and figures); `load_context` fills one from
the session, loading only what the given texts use. Figures are taken as of the period's last day
(capped at today), so a past period gives the same figures on any later day.

Names that mean nothing are `Problem`s: a draft shows them inline as "[chưa rõ: …]" and issuing
refuses while any remain. A figure with no data prints "…" (a blank to fill in) and is reported
as a non-blocking problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from desktop.core import markup
from desktop.core import status as st
from desktop.core.document import CENTER, RIGHT, Block, Column, Para, Table, TableRow
from desktop.core.numbering import to_roman
from desktop.core.periods import Period
from desktop.core.vn import fold, format_date_short, format_number, format_percent, percent
from desktop.strings import common as C
from desktop.strings import consolidate as K
from desktop.strings import indicators as I
from desktop.strings import reports as S
from desktop.strings import tasks as T

TASKS = "tasks"
INDICATORS = "indicators"  # the period's figures (and the names)
NAMES = "names"  # indicator codes, groups and catalogues only
CITATIONS = "citations"
CONSOLIDATION = "consolidation"  # the upper level's totals over the packages received for the period

_CODE = re.compile(r"[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*")


# ----------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """One entry of the insert menu."""

    key: str
    name: str  # what is typed inside [[…]] / {{…}} (Vietnamese)
    description: str
    example: str  # the markup inserted, e.g. "[[Danh sách nhiệm vụ: quá hạn]]"
    needs: frozenset[str] = frozenset()  # what the resolution loads: tasks, indicators, citations
    argument: str = ""  # "" none, "optional", "required"


_BLOCK_NEEDS = {
    "phases": ({TASKS}, "optional"),
    "sources": ({TASKS, CITATIONS}, ""),
    "departments": ({TASKS}, ""),
    "task_summary": ({TASKS}, ""),
    "task_list": ({TASKS}, "optional"),
    "task_table": ({TASKS}, "optional"),
    "indicator_sentence": ({INDICATORS}, "required"),
    "indicator_table": ({INDICATORS}, "required"),
    # consolidated report (upper level); indicator names are loaded to check the codes
    "submissions": ({CONSOLIDATION}, ""),
    "consolidated_indicators": ({CONSOLIDATION, INDICATORS}, "optional"),
    "unit_tasks": ({CONSOLIDATION}, ""),
}
_BLOCK_TEXT = ({**S.BLOCK_NAMES, **K.BLOCK_NAMES}, {**S.BLOCK_HELP, **K.BLOCK_HELP},
               {**S.BLOCK_EXAMPLES, **K.BLOCK_EXAMPLES})
BLOCK_KINDS: dict[str, Vocabulary] = {
    key: Vocabulary(key, _BLOCK_TEXT[0][key], _BLOCK_TEXT[1][key], _BLOCK_TEXT[2][key], frozenset(needs), argument)
    for key, (needs, argument) in _BLOCK_NEEDS.items()
}
FIELD_KINDS: dict[str, Vocabulary] = {
    key: Vocabulary(key, S.FIELD_NAMES[key], S.FIELD_HELP[key], S.FIELD_EXAMPLES[key],
                    frozenset({INDICATORS}) if key in ("indicator", "ratio") else frozenset())
    for key in S.FIELD_NAMES
}
FIELD_KINDS.update({
    key: Vocabulary(key, K.FIELD_NAMES[key], K.FIELD_HELP[key], K.FIELD_EXAMPLES[key],
                    frozenset({CONSOLIDATION, INDICATORS}) if key == "total" else frozenset({CONSOLIDATION}),
                    "required" if key == "total" else "")
    for key in K.FIELD_NAMES
})
_BLOCK_BY_NAME = {fold(v.name): key for key, v in BLOCK_KINDS.items()}
_PERIOD_FIELDS = {fold(S.FIELD_NAMES[key]): key for key in ("period", "from", "to", "year", "unit")}
_CONSOLIDATION_FIELDS = {fold(K.FIELD_NAMES[key]): key for key in K.FIELD_NAMES if key != "total"}
_TOTAL_WORD = fold(K.TOTAL_WORD)
_TASK_FILTERS = {fold(word): key for key, words in S.TASK_FILTERS.items() for word in words}
TASK_FILTER_NAMES = {key: words[0] for key, words in S.TASK_FILTERS.items()}


def task_filter(word: str) -> str | None:
    """The filter key of a word typed after "Danh sách nhiệm vụ:" ("quá hạn" -> "overdue"), or None."""
    return _TASK_FILTERS.get(fold(word))


# ----------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """A name in the text that cannot be resolved (blocking), or a figure with no data (not)."""

    name: str  # as typed: "[[Bảng chỉ tiêu: XYZ]]", "{{ABC}}"
    message: str
    blocking: bool = True


Problems = list[Problem]


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def issue_refusal(problems: Sequence[Problem]) -> str:
    """The Vietnamese message refusing to issue a document that still has unclear names."""
    names = list(dict.fromkeys(p.name for p in problems if p.blocking))
    return S.ISSUE_PROBLEMS.format(count=len(names), names=", ".join(f"«{n}»" for n in names))


# ----------------------------------------------------------------------------- context


@dataclass(frozen=True)
class IndicatorInfo:
    """What the resolution needs of an indicator (a plain subset of indicators.IndicatorRow)."""

    code: str
    name: str
    unit: str
    kind: str
    group_code: str
    catalogue: str


@dataclass(frozen=True)
class Figure:
    """One indicator's figures in the period (a plain subset of indicators.ValueRow)."""

    indicator: IndicatorInfo
    value: Decimal | str | bool | None
    text: str  # "11.962", "81,6"
    previous_text: str = ""
    target_text: str = ""
    achievement: str = ""  # met | not_met | no_data | no_target


@dataclass(frozen=True)
class BlockContext:
    """Everything blocks and fields read, for one period. Built by `load_context`, or by hand in tests."""

    period: Period
    as_of: date
    unit_subject: str = T.DEFAULT_SUBJECT  # "Ủy ban nhân dân phường"
    unit_name: str = ""  # "phường An Hải"
    tasks: tuple = ()  # tasks.TaskRow, derived on as_of
    stats: object | None = None  # stats.TaskStats over `tasks`
    figures: Mapping[str, Figure] = field(default_factory=dict)  # code -> figure, appendix order
    indicators: Mapping[str, IndicatorInfo] = field(default_factory=dict)  # every known code, retired too
    groups: Mapping[str, str] = field(default_factory=dict)  # group code -> name, in order
    catalogues: Mapping[str, str] = field(default_factory=dict)  # catalogue key -> name
    citations: Mapping[str, str] = field(default_factory=dict)  # "02-KH/BCĐTW" -> "Kế hoạch số … ngày …"
    consolidation: object | None = None  # consolidate.Consolidation of the period (upper level)


def report_as_of(period: Period, today: date | None = None) -> date:
    """The day figures are taken on: the period's last day, or today while the period runs."""
    return min(period.window[1], today or date.today())


def unit_name(profile) -> str:
    """How the unit names itself inside a sentence: "phường An Hải" (the kind word in lower case)."""
    if profile is None:
        return ""
    from desktop.strings import office as O

    name = profile.short_name or profile.place_name
    for word in O.KIND_PREFIX.values():
        if name.casefold().startswith(word.casefold() + " "):
            return word.lower() + name[len(word):]
    return name


# ----------------------------------------------------------------------------- parsing names


@dataclass(frozen=True)
class _Parsed:
    kind: str
    argument: str = ""
    codes: tuple[str, ...] = ()


def _split_block(text: str) -> tuple[str, str]:
    name, _, argument = text.partition(":")
    return name.strip(), argument.strip()


def parse_block(text: str) -> _Parsed | None:
    """The kind and argument of a block line's inside ("Danh sách nhiệm vụ: quá hạn"), or None."""
    name, argument = _split_block(text)
    kind = _BLOCK_BY_NAME.get(fold(name))
    return _Parsed(kind, argument) if kind else None


def parse_field(text: str) -> _Parsed | None:
    """The kind of a field's inside: a period word, "A / B" (ratio) or a code; None if neither."""
    folded = fold(text)
    if folded in _PERIOD_FIELDS:
        return _Parsed(_PERIOD_FIELDS[folded])
    if folded in _CONSOLIDATION_FIELDS:
        return _Parsed(_CONSOLIDATION_FIELDS[folded])
    word, colon, rest = text.partition(":")
    if colon and fold(word) == _TOTAL_WORD:
        code = rest.strip().upper()
        return _Parsed("total", codes=(code,)) if _CODE.fullmatch(code) else None
    if "/" in text:
        parts = tuple(part.strip().upper() for part in text.split("/"))
        if len(parts) == 2 and all(_CODE.fullmatch(p) for p in parts):
            return _Parsed("ratio", codes=parts)
        return None
    code = text.strip()
    if "." not in code and code != code.upper():
        return None  # a word, not a code: "{{ngày báo cáo}}"
    code = code.upper()
    return _Parsed("indicator", codes=(code,)) if _CODE.fullmatch(code) else None


def needs(texts: Iterable[str]) -> frozenset[str]:
    """What resolving these texts must load (tasks, indicators, citations)."""
    result: set[str] = set()
    for text in texts:
        if not text:
            continue
        for inside in markup.blocks(text):
            parsed = parse_block(inside)
            if parsed:
                result |= BLOCK_KINDS[parsed.kind].needs
        for inside in markup.fields(text):
            parsed = parse_field(inside)
            if parsed:
                result |= FIELD_KINDS[parsed.kind].needs
    return frozenset(result)


# ----------------------------------------------------------------------------- fields


def _figure_text(figure: Figure) -> str:
    text = figure.text
    if text and (figure.indicator.kind == "percent" or figure.indicator.unit == "%"):
        return text + "%"
    return text


def resolve_field(inside: str, ctx: BlockContext, problems: Problems | None = None) -> str | None:
    """The text of `{{inside}}` for the period (not escaped), or None when the name means nothing
    (a blocking problem is added to `problems`). A figure with no data gives "…"."""
    problems = problems if problems is not None else []
    shown = f"{{{{{inside}}}}}"
    parsed = parse_field(inside)
    if parsed is None:
        problems.append(Problem(shown, S.UNKNOWN_FIELD.format(name=inside)))
        return None
    period = ctx.period
    if parsed.kind == "period":
        return period.name
    if parsed.kind == "from":
        return format_date_short(period.window[0])
    if parsed.kind == "to":
        return format_date_short(period.window[1])
    if parsed.kind == "year":
        return str(period.year)
    if parsed.kind == "unit":
        return ctx.unit_name
    if parsed.kind in _CONSOLIDATION_FIELDS.values():
        return _consolidation_field(parsed.kind, ctx, shown, problems)
    unknown = [code for code in parsed.codes if code not in ctx.indicators]
    if unknown:
        for code in unknown:
            problems.append(Problem(shown, S.UNKNOWN_CODE.format(code=code, text=shown)))
        return None
    if parsed.kind == "total":
        return _total_field(parsed.codes[0], shown, ctx, problems)
    figures = [ctx.figures.get(code) for code in parsed.codes]
    if parsed.kind == "indicator":
        figure = figures[0]
        if figure is None or figure.value is None or figure.value == "":
            name = ctx.indicators[parsed.codes[0]].name
            problems.append(Problem(shown, S.NO_VALUE.format(name=name, period=period.name), blocking=False))
            return S.MISSING_VALUE
        return _figure_text(figure)
    part, whole = figures
    if (part is None or whole is None or not isinstance(part.value, Decimal) or not isinstance(whole.value, Decimal)
            or whole.value == 0):
        for figure, code in zip(figures, parsed.codes):
            if figure is not None and figure.value is not None and not isinstance(figure.value, Decimal):
                problems.append(Problem(shown, S.NOT_A_NUMBER.format(name=ctx.indicators[code].name)))
                return None
        problems.append(Problem(shown, S.RATIO_ZERO.format(text=inside), blocking=False))
        return S.MISSING_VALUE
    share = percent(part.value, whole.value)
    return S.RATIO.format(part=part.text, whole=whole.text, percent=format_percent(share))


def fill_fields(line: str, ctx: BlockContext, problems: Problems | None = None, *, mark_unknown: bool = True) -> str:
    """A markup line with every field replaced by its (escaped) value. Unknown names become
    "[chưa rõ: …]" (or stay as typed with mark_unknown=False)."""
    problems = problems if problems is not None else []

    def replace(match: re.Match) -> str:
        value = resolve_field(match.group(1), ctx, problems)
        if value is None:
            return markup.escape(S.UNKNOWN_INLINE.format(name=match.group(0))) if mark_unknown else match.group(0)
        return markup.escape(value)

    return markup.FIELD.sub(replace, line)


# ----------------------------------------------------------------------------- blocks

Item = str | Table  # a markup line, or a table


def _status_filter(key: str):
    return {
        "overdue": lambda s: s == st.OVERDUE,
        "in_progress": lambda s: s in (st.NOT_STARTED, st.IN_PROGRESS_ON_TIME),
        "done": lambda s: s in (st.DONE_ON_TIME, st.DONE_LATE),
        "open": lambda s: s not in (st.DONE_ON_TIME, st.DONE_LATE),
        "all": lambda s: True,
    }[key]


def _italic(text: str) -> str:
    return f"*{markup.escape(text)}*"


def _group_lines(counts, heading: str) -> list[str]:
    from desktop.core.stats import group_sentences

    lines = group_sentences(counts, heading)
    return ["- " + _italic(lines[0])] + [markup.escape(line) for line in lines[1:]]


def _phases(ctx: BlockContext, argument: str) -> list[Item]:
    stats = ctx.stats
    wanted = [part.strip() for part in argument.split(",") if part.strip()]
    groups = list(stats.by_phase)
    if wanted:
        groups = [g for g in groups if g.key in wanted]
    elif any(g.key for g in groups):
        groups = [g for g in groups if g.key]  # tasks with no phase belong to plans, reported elsewhere
    lines: list[Item] = []
    for group in groups:
        assigned = format_number(group.counts.assigned)
        if group.key:
            heading = T.STATS_PHASE_HEADING.format(phase=group.key, unit=ctx.unit_subject, assigned=assigned)
        else:
            heading = T.STATS_GROUP_HEADING.format(label=group.label, unit=ctx.unit_subject, assigned=assigned)
        lines += _group_lines(group.counts, heading)
    return lines or [markup.escape(S.NO_TASKS)]


def _grouped(ctx: BlockContext, groups) -> list[Item]:
    lines: list[Item] = []
    for group in groups:
        heading = T.STATS_GROUP_HEADING.format(label=group.label, unit=ctx.unit_subject,
                                               assigned=format_number(group.counts.assigned))
        lines += _group_lines(group.counts, heading)
    return lines or [markup.escape(S.NO_TASKS)]


def _summary(ctx: BlockContext) -> list[Item]:
    from desktop.core.vn import format_ratio

    total = ctx.stats.total
    sources = len([g for g in ctx.stats.by_source if g.key])
    return [markup.escape(S.SUMMARY_SENTENCE.format(
        assigned=format_number(total.assigned),
        sources=S.SUMMARY_SOURCES.format(count=format_number(sources)) if sources else "",
        done_ratio=format_ratio(total.done, total.assigned),
        done_on_time=format_number(total.done_on_time),
        done_late=format_number(total.done_late),
        in_progress=format_number(total.in_progress_on_time),
        overdue=format_number(total.overdue),
    ))]


def _filtered_tasks(ctx: BlockContext, key: str) -> list:
    keep = _status_filter(key)
    return [row for row in ctx.tasks if keep(row.status)]


def _task_list(ctx: BlockContext, key: str) -> list[Item]:
    lines: list[Item] = []
    for row in _filtered_tasks(ctx, key):
        details = []
        if row.lead_name:
            details.append(S.TASK_LEAD.format(value=row.lead_name))
        if row.deadline_text:
            details.append(S.TASK_DEADLINE.format(value=row.deadline_text))
        suffix = f" ({'; '.join(details)})" if details else ""
        lines.append("+ " + markup.escape(row.title + suffix))
    return lines or [markup.escape(S.NO_TASKS)]


def _result_text(row) -> str:
    label = C.STATUS.get(row.status, row.status)
    if row.completed_on and row.status in (st.DONE_ON_TIME, st.DONE_LATE):
        return S.TASK_DONE_ON.format(status=label, date=format_date_short(row.completed_on))
    return label


def task_table(rows: Sequence) -> Table:
    """STT | Nhiệm vụ | Chủ trì | Phối hợp | Thời hạn | Kết quả."""
    headers = S.TASK_TABLE_COLUMNS
    columns = (Column(headers[0], 0.9, CENTER), Column(headers[1], 4.0), Column(headers[2], 1.7),
               Column(headers[3], 1.7), Column(headers[4], 1.3, CENTER), Column(headers[5], 1.6))
    body = tuple(TableRow((str(index), row.title, row.lead_name, row.coordinators, row.deadline_text,
                           _result_text(row))) for index, row in enumerate(rows, start=1))
    return Table(columns, body)


def _task_table(ctx: BlockContext, key: str) -> list[Item]:
    rows = _filtered_tasks(ctx, key)
    return [task_table(rows)] if rows else [markup.escape(S.NO_TASKS)]


def _lower_first(text: str) -> str:
    """"Hồ sơ tiếp nhận" -> "hồ sơ tiếp nhận"; acronyms ("UBND …", "VNeID …") keep their case."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence_part(figure: Figure) -> str:
    indicator = figure.indicator
    if isinstance(figure.value, (str, bool)):
        return f"{indicator.name}: {figure.text}"
    text = _figure_text(figure)
    if indicator.unit and indicator.unit != "%" and indicator.kind != "percent":
        text = f"{text} {indicator.unit}"
    return f"{indicator.name} {text}"


def _select(ctx: BlockContext, argument: str, text: str, problems: Problems,
            allow_catalogue: bool) -> tuple[list[IndicatorInfo], str] | None:
    """Indicators named by a group code, a catalogue key (tables) or a list of codes; with a label."""
    wanted = argument.strip()
    groups = {code.upper(): code for code in ctx.groups}
    if wanted.upper() in groups:
        code = groups[wanted.upper()]
        return [i for i in _ordered(ctx) if i.group_code == code], ctx.groups[code]
    if allow_catalogue:
        for key, name in ctx.catalogues.items():
            if fold(wanted) in (fold(key), fold(name)):
                return [i for i in _ordered(ctx) if i.catalogue == key], name
    codes = [part.strip().upper() for part in wanted.split(",") if part.strip()]
    if not codes or not all(_CODE.fullmatch(c) for c in codes) or (len(codes) == 1 and codes[0] not in ctx.indicators):
        # one unknown name reads as a mistyped group; a list names indicators
        problems.append(Problem(f"[[{text}]]", S.UNKNOWN_GROUP.format(value=wanted, text=text)))
        return None
    unknown = [c for c in codes if c not in ctx.indicators]
    if unknown:
        for code in unknown:
            problems.append(Problem(f"[[{text}]]", S.UNKNOWN_CODE.format(code=code, text=f"[[{text}]]")))
        return None
    return [ctx.indicators[c] for c in codes], ", ".join(codes)


def _ordered(ctx: BlockContext) -> list[IndicatorInfo]:
    """Indicators in appendix order: those with figures (the period's list), then the rest."""
    seen = [f.indicator for f in ctx.figures.values()]
    listed = {i.code for i in seen}
    return seen + [i for code, i in ctx.indicators.items() if code not in listed]


def _indicator_sentence(ctx: BlockContext, argument: str, text: str, problems: Problems) -> list[Item]:
    selected = _select(ctx, argument, text, problems, allow_catalogue=True)
    if selected is None:
        return [markup.escape(S.UNKNOWN_INLINE.format(name=f"[[{text}]]"))]
    indicators, label = selected
    parts = []
    for indicator in indicators:
        figure = ctx.figures.get(indicator.code)
        if figure is None or figure.value is None or figure.value == "":
            continue
        part = _sentence_part(figure)
        parts.append(part if not parts else _lower_first(part))
    if not parts:
        problems.append(Problem(f"[[{text}]]", S.NO_VALUE.format(name=label, period=ctx.period.name), blocking=False))
        return [markup.escape(f"{label}: {S.NO_DATA_SENTENCE}.")]
    return [markup.escape("; ".join(parts) + ".")]


def _achievement(figure: Figure) -> str:
    """"Đạt", "Chưa đạt", "Chưa có số liệu"; blank when the indicator has no target."""
    if not figure.target_text or figure.achievement in ("", "no_target"):
        return ""
    return I.ACHIEVEMENT.get(figure.achievement, "")


def indicator_table(figures: Sequence[Figure], groups: Mapping[str, str]) -> Table:
    """STT | Chỉ tiêu | Đơn vị tính | Kỳ này | Kỳ trước | Chỉ tiêu năm | Đánh giá; a group row per
    indicator group when there are several."""
    headers = S.INDICATOR_TABLE_COLUMNS
    columns = (Column(headers[0], 0.9, CENTER), Column(headers[1], 4.6), Column(headers[2], 1.1, CENTER),
               Column(headers[3], 2.1, RIGHT), Column(headers[4], 2.1, RIGHT), Column(headers[5], 1.3, CENTER),
               Column(headers[6], 1.2, CENTER))
    several = len({f.indicator.group_code for f in figures}) > 1
    rows: list[TableRow] = []
    current, group_number = None, 0
    for index, figure in enumerate(figures, start=1):
        indicator = figure.indicator
        if several and indicator.group_code != current:
            current = indicator.group_code
            group_number += 1
            rows.append(TableRow((f"{to_roman(group_number)}. {groups.get(current, current)}",), group=True))
        rows.append(TableRow((str(index), indicator.name, indicator.unit, figure.text, figure.previous_text,
                              figure.target_text, _achievement(figure))))
    return Table(columns, tuple(rows))


def _indicator_table(ctx: BlockContext, argument: str, text: str, problems: Problems) -> list[Item]:
    selected = _select(ctx, argument, text, problems, allow_catalogue=True)
    if selected is None:
        return [markup.escape(S.UNKNOWN_INLINE.format(name=f"[[{text}]]"))]
    indicators, _label = selected
    figures = [ctx.figures.get(i.code) or Figure(i, None, "") for i in indicators]
    if not figures:
        return [markup.escape(S.NO_INDICATORS)]
    return [indicator_table(figures, ctx.groups)]


# ----------------------------------------------------------------------------- consolidated report


def _consolidation_field(kind: str, ctx: BlockContext, shown: str, problems: Problems) -> str:
    """Submission counts, the missing units' names, the deadline, the overall task rate."""
    result = ctx.consolidation
    if kind == "deadline":
        if result is None:
            from desktop.core.consolidate import default_deadline

            return format_date_short(default_deadline(ctx.period))
        return format_date_short(result.deadline)
    if kind == "task_rate" and (result is None or not result.totals.assigned):
        problems.append(Problem(shown, K.NO_UNITS, blocking=False))
        return S.MISSING_VALUE
    if result is None:
        return K.NONE_MISSING if kind == "missing_names" else "0"
    if kind == "units_sent":
        return format_number(result.expected_sent_count)
    if kind == "units_on_time":
        return format_number(result.count("on_time"))
    if kind == "units_late":
        return format_number(result.count("late"))
    if kind == "units_missing":
        return format_number(result.count("missing"))
    if kind == "units_expected":
        return format_number(result.expected_count)
    if kind == "missing_names":
        return ", ".join(s.name or s.code for s in result.missing) or K.NONE_MISSING
    from desktop.core.vn import format_ratio

    return format_ratio(result.totals.done, result.totals.assigned)


def _total_text(total) -> str:
    if total.value is not None and (total.kind == "percent" or total.unit == "%"):
        return total.text + "%"
    return total.text


def _total_field(code: str, shown: str, ctx: BlockContext, problems: Problems) -> str:
    total = ctx.consolidation.total(code) if ctx.consolidation is not None else None
    if total is None or not total.text:
        name = ctx.indicators[code].name
        problems.append(Problem(shown, K.NO_TOTAL.format(name=name, period=ctx.period.name), blocking=False))
        return S.MISSING_VALUE
    return _total_text(total)


def _submissions(ctx: BlockContext) -> list[Item]:
    """The sentence on who sent (on time, late) and who did not, and the table of units."""
    result = ctx.consolidation
    if result is None or not result.submissions:
        return [markup.escape(K.NO_UNITS)]
    missing = result.missing
    missing_part = (K.SUBMISSIONS_MISSING.format(count=format_number(len(missing)),
                                                 names=", ".join(s.name or s.code for s in missing))
                    if missing else K.SUBMISSIONS_ALL_SENT)
    lines: list[Item] = [markup.escape(K.SUBMISSIONS_SENTENCE.format(
        period=ctx.period.name, deadline=format_date_short(result.deadline),
        sent=format_number(result.expected_sent_count), expected=format_number(result.expected_count),
        on_time=format_number(result.count("on_time")), late=format_number(result.count("late")),
        missing_part=missing_part))]
    if result.extra:
        lines.append(markup.escape(K.SUBMISSIONS_EXTRA.format(count=format_number(len(result.extra)),
                                                              names=", ".join(s.name for s in result.extra))))
    headers = K.SUBMISSION_COLUMNS
    columns = (Column(headers[0], 0.7, CENTER), Column(headers[1], 3.0), Column(headers[2], 1.4, CENTER),
               Column(headers[3], 1.4, CENTER), Column(headers[4], 3.2))
    from desktop.core.vn import format_date

    rows = tuple(TableRow((str(index), item.name or item.code,
                           format_date(item.created.date()) if item.created else "", item.status_label,
                           item.report_label))
                 for index, item in enumerate(result.submissions, start=1))
    return lines + [Table(columns, rows)]


def consolidated_table(totals: Sequence) -> Table:
    """STT | Chỉ tiêu | Đơn vị tính | Tổng hợp | Số đơn vị | Ghi chú; a group row per indicator
    group when there are several."""
    headers = K.CONSOLIDATED_COLUMNS
    columns = (Column(headers[0], 0.7, CENTER), Column(headers[1], 3.8), Column(headers[2], 1.1, CENTER),
               Column(headers[3], 1.5, RIGHT), Column(headers[4], 0.9, CENTER), Column(headers[5], 3.4))
    several = len({t.group_code for t in totals}) > 1
    rows: list[TableRow] = []
    current, group_number = None, 0
    for index, total in enumerate(totals, start=1):
        if several and total.group_code != current:
            current = total.group_code
            group_number += 1
            rows.append(TableRow((f"{to_roman(group_number)}. {total.group_name}",), group=True))
        note = total.note
        if total.method == "formula" and total.value is not None:
            note = K.PRINT_NOTE_FORMULA.format(count=format_number(total.units_reporting))
        rows.append(TableRow((str(index), total.name, total.unit, _total_text(total),
                              format_number(total.units_reporting), note)))
    return Table(columns, tuple(rows))


def _consolidated_indicators(ctx: BlockContext, argument: str, text: str, problems: Problems) -> list[Item]:
    result = ctx.consolidation
    available = {t.code: t for t in result.indicators} if result is not None else {}
    if argument:
        selected = _select(ctx, argument, text, problems, allow_catalogue=True)
        if selected is None:
            return [markup.escape(S.UNKNOWN_INLINE.format(name=f"[[{text}]]"))]
        totals = [available[i.code] for i in selected[0] if i.code in available]
    else:
        totals = [t for t in available.values() if t.units_reporting]
    if not totals:
        return [markup.escape(K.NO_CONSOLIDATED)]
    return [consolidated_table(totals)]


def unit_tasks_table(result) -> Table:
    """STT | Đơn vị | Được giao | Đã hoàn thành | Quá hạn chưa hoàn thành | Tỷ lệ hoàn thành |
    Xếp hạng, and a bold total row."""
    headers = K.UNIT_TASK_COLUMNS
    columns = (Column(headers[0], 0.7, CENTER), Column(headers[1], 3.0), Column(headers[2], 1.1, CENTER),
               Column(headers[3], 1.3, CENTER), Column(headers[4], 1.5, CENTER), Column(headers[5], 1.3, CENTER),
               Column(headers[6], 1.0, CENTER))

    def rate(value) -> str:
        return format_percent(value) if value is not None else ""

    rows = [TableRow((str(index), unit.name or unit.code, format_number(unit.counts.assigned),
                      format_number(unit.counts.done), format_number(unit.counts.overdue), rate(unit.rate),
                      str(unit.rank)))
            for index, unit in enumerate(result.units, start=1)]
    totals = result.totals
    rows.append(TableRow(("", K.TOTAL_ROW, format_number(totals.assigned), format_number(totals.done),
                          format_number(totals.overdue), rate(result.total_rate), ""), bold=True))
    return Table(columns, tuple(rows))


def _unit_tasks(ctx: BlockContext) -> list[Item]:
    result = ctx.consolidation
    if result is None or not result.units:
        return [markup.escape(K.NO_UNITS)]
    return [unit_tasks_table(result)]


def resolve_block(inside: str, ctx: BlockContext, problems: Problems | None = None) -> list[Item]:
    """The markup lines and tables a block line `[[inside]]` expands to. An unknown block or
    argument gives one "[chưa rõ: …]" line and a blocking problem."""
    problems = problems if problems is not None else []
    shown = f"[[{inside}]]"
    unknown_line = [markup.escape(S.UNKNOWN_INLINE.format(name=shown))]
    parsed = parse_block(inside)
    if parsed is None:
        problems.append(Problem(shown, S.UNKNOWN_BLOCK.format(name=inside)))
        return unknown_line
    kind, argument = parsed.kind, parsed.argument
    vocabulary = BLOCK_KINDS[kind]
    if vocabulary.argument == "required" and not argument:
        problems.append(Problem(shown, S.NEEDS_ARGUMENT.format(text=inside, example=vocabulary.example)))
        return unknown_line
    if kind in ("task_list", "task_table"):
        key = _TASK_FILTERS.get(fold(argument)) if argument else "all"
        if key is None:
            choices = ", ".join(TASK_FILTER_NAMES.values())
            problems.append(Problem(shown, S.UNKNOWN_FILTER.format(value=argument, text=inside, choices=choices)))
            return unknown_line
        return _task_list(ctx, key) if kind == "task_list" else _task_table(ctx, key)
    if kind == "phases":
        return _phases(ctx, argument)
    if kind == "sources":
        return _grouped(ctx, ctx.stats.by_source)
    if kind == "departments":
        return _grouped(ctx, ctx.stats.by_department)
    if kind == "task_summary":
        return _summary(ctx)
    if kind == "indicator_sentence":
        return _indicator_sentence(ctx, argument, inside, problems)
    if kind == "submissions":
        return _submissions(ctx)
    if kind == "consolidated_indicators":
        return _consolidated_indicators(ctx, argument, inside, problems)
    if kind == "unit_tasks":
        return _unit_tasks(ctx)
    return _indicator_table(ctx, argument, inside, problems)


# ----------------------------------------------------------------------------- whole texts


def markup_para(line: str, bold: bool = False, italic: bool = False, **kwargs) -> Para:
    """One markup line as a body paragraph (bullets keep their "- "/"+ ")."""
    return Para(markup.parse_inline(line, bold, italic), **kwargs)


@dataclass(frozen=True)
class Resolved:
    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...]


def resolve_items(content: str, ctx: BlockContext, problems: Problems | None = None) -> list[Item]:
    """Every line of the content as final markup lines (fields filled, blocks expanded) and tables."""
    problems = problems if problems is not None else []
    items: list[Item] = []
    for line in markup.split_lines(content):
        if line.kind == markup.BLOCK_LINE:
            items.extend(resolve_block(line.text, ctx, problems))
        else:
            items.append(fill_fields(line.text, ctx, problems))
    return items


def resolve_content(content: str, ctx: BlockContext) -> Resolved:
    """A section's markup as document blocks (Para / Table), with the problems found."""
    problems: Problems = []
    blocks = tuple(item if isinstance(item, Table) else markup_para(item)
                   for item in resolve_items(content, ctx, problems))
    return Resolved(blocks, tuple(problems))


def resolve_plain(text: str, ctx: BlockContext, problems: Problems | None = None) -> str:
    """A one-line text (a summary) with its fields filled, marks removed."""
    return markup.plain(fill_fields(text, ctx, problems))


def _table_lines(table: Table) -> list[str]:
    """A table as "- " lines (the editable form of a table block)."""
    lines = []
    headers = [c.header for c in table.columns]
    for row in table.rows:
        if row.group:
            lines.append(_italic(row.cells[0]))
            continue
        cells = list(row.cells)
        title = cells[1] if len(cells) > 1 else cells[0]
        details = [f"{headers[i].lower()}: {cells[i]}" for i in range(2, len(cells)) if cells[i]]
        lines.append("- " + markup.escape(title + (f" ({'; '.join(details)})" if details else "")))
    return lines


def expand_to_markup(block_text: str, ctx: BlockContext, problems: Problems | None = None) -> str:
    """The "turn into plain editable text" action.

    `block_text` that is one block line (`[[…]]`) becomes the markup lines it prints as (tables
    become "- " lines). Any other text keeps its lines and blocks and has every field replaced by
    its value; unknown fields stay as typed."""
    problems = problems if problems is not None else []
    lines = markup.split_lines(block_text)
    if len(lines) == 1 and lines[0].kind == markup.BLOCK_LINE:
        found: Problems = []
        out: list[str] = []
        for item in resolve_block(lines[0].text, ctx, found):
            out.extend(_table_lines(item) if isinstance(item, Table) else [item])
        problems.extend(found)
        if blocking(found):
            return block_text  # nothing to expand: the line stays as typed
        return "\n".join(out)
    result = []
    for raw in (block_text or "").split("\n"):
        if markup.BLOCK.match(raw):
            result.append(raw)
        else:
            result.append(fill_fields(raw, ctx, problems, mark_unknown=False))
    return "\n".join(result)


def expand_all(text: str, ctx: BlockContext, problems: Problems | None = None) -> str:
    """Every block and field of a text turned into plain markup."""
    problems = problems if problems is not None else []
    out: list[str] = []
    for raw in (text or "").split("\n"):
        if markup.BLOCK.match(raw):
            out.append(expand_to_markup(raw, ctx, problems))
        else:
            out.append(fill_fields(raw, ctx, problems, mark_unknown=False))
    return "\n".join(out)


def name_problems(texts: Iterable[str], ctx: BlockContext) -> list[Problem]:
    """The blocking problems of the texts (names that mean nothing), found without computing any
    figure: `ctx` needs only the indicator names, groups and catalogues (load_context what={NAMES})."""
    problems: Problems = []
    for text in texts:
        if not text:
            continue
        for inside in markup.blocks(text):
            shown = f"[[{inside}]]"
            parsed = parse_block(inside)
            if parsed is None:
                problems.append(Problem(shown, S.UNKNOWN_BLOCK.format(name=inside)))
                continue
            vocabulary = BLOCK_KINDS[parsed.kind]
            if vocabulary.argument == "required" and not parsed.argument:
                problems.append(Problem(shown, S.NEEDS_ARGUMENT.format(text=inside, example=vocabulary.example)))
            elif parsed.kind in ("task_list", "task_table") and parsed.argument:
                if fold(parsed.argument) not in _TASK_FILTERS:
                    choices = ", ".join(TASK_FILTER_NAMES.values())
                    problems.append(Problem(shown, S.UNKNOWN_FILTER.format(value=parsed.argument, text=inside,
                                                                           choices=choices)))
            elif parsed.kind in ("indicator_sentence", "indicator_table"):
                _select(ctx, parsed.argument, inside, problems, allow_catalogue=True)
            elif parsed.kind == "consolidated_indicators" and parsed.argument:
                _select(ctx, parsed.argument, inside, problems, allow_catalogue=True)
        for line in text.split("\n"):
            if markup.BLOCK.match(line):
                continue
            for match in markup.FIELD.finditer(line):
                inside, shown = match.group(1), match.group(0)
                parsed = parse_field(inside)
                if parsed is None:
                    problems.append(Problem(shown, S.UNKNOWN_FIELD.format(name=inside)))
                    continue
                for code in parsed.codes:
                    info = ctx.indicators.get(code)
                    if info is None:
                        problems.append(Problem(shown, S.UNKNOWN_CODE.format(code=code, text=shown)))
                    elif parsed.kind == "ratio" and info.kind in ("text", "bool"):
                        problems.append(Problem(shown, S.NOT_A_NUMBER.format(name=info.name)))
    return problems


def find_problems(texts: Iterable[str], ctx: BlockContext) -> list[Problem]:
    """Every problem the texts would show, without building paragraphs."""
    problems: Problems = []
    for text in texts:
        if text:
            resolve_items(text, ctx, problems)
    return problems


# ----------------------------------------------------------------------------- loading


def _info(row) -> IndicatorInfo:
    return IndicatorInfo(row.code, row.name, row.unit, row.kind, row.group_code, row.catalogue)


def load_context(session, period: Period, texts: Iterable[str] | None = None, today: date | None = None,
                 what: Iterable[str] | None = None) -> BlockContext:
    """The context for resolving `texts` in the period, loading only what they use (everything
    when `texts` and `what` are None)."""
    from desktop.core.office import get_office

    wanted = set(what or ())
    if texts is not None:
        wanted |= needs(texts)
    elif what is None:
        wanted = {TASKS, INDICATORS, CITATIONS, CONSOLIDATION}
    as_of = report_as_of(period, today)
    profile = get_office(session)
    values: dict = {
        "period": period,
        "as_of": as_of,
        "unit_subject": profile.subject if profile else T.DEFAULT_SUBJECT,
        "unit_name": unit_name(profile),
    }
    if CITATIONS in wanted or TASKS in wanted:
        from desktop.core.directives import list_directives

        values["citations"] = {d.number_symbol: d.citation for d in list_directives(session)}
    if TASKS in wanted:
        from desktop.core.stats import compute
        from desktop.core.tasks import list_tasks

        rows = list_tasks(session, as_of, period.window[0])
        values["tasks"] = tuple(rows)
        values["stats"] = compute(rows, as_of, values["citations"])
    if INDICATORS in wanted or NAMES in wanted:
        from desktop.core import indicators as ind

        if INDICATORS in wanted:
            values["figures"] = {
                r.indicator.code: Figure(
                    _info(r.indicator), r.value, r.text, r.previous_text,
                    r.target.text if r.target is not None and r.target.comparator != "none" else "", r.achievement)
                for r in ind.period_values(session, period)
            }
        values["indicators"] = {r.code: _info(r) for r in ind.list_indicators(session, include_retired=True)}
        values["groups"] = {g.code: g.name for g in ind.list_groups(session)}
        values["catalogues"] = dict(ind.list_catalogues(session))
    if CONSOLIDATION in wanted:
        from desktop.core.consolidate import consolidate

        values["consolidation"] = consolidate(session, period, today=today)
    return BlockContext(**values)
