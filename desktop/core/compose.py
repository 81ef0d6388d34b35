"""Build the printable `PrintDocument` of a report or a plan (the same renderer serves both).

A report that has been issued prints from the JSON stored when it was issued (never from live
data); a draft is built from its fields, its section tree and the period's live figures
(desktop.core.blocks). A plan prints from the plan records (desktop.core.plans): header from the
office, "Số: 70/KH-UBND", the opening citing the basis directives, purpose and requirements, the
section tree and the assignment appendix.

Headings follow nd30-layout.md "Body headings": PHẦN I on its own line, centred, its title on the
next line centred upper case; I./A. upper case bold; 1. bold; run-in headings start the first
paragraph; every heading keeps with the next paragraph.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from desktop.core import blocks, markup, periods
from desktop.core import numbering as nb
from desktop.core import sections as sec
from desktop.core.document import (
    CENTER,
    Appendix,
    Block,
    Column,
    Header,
    Metadata,
    Para,
    PrintDocument,
    Run,
    Signature,
    Table,
    TableRow,
)
from desktop.core.errors import NotFound, UserError
from desktop.core.office import OfficeProfile, SignerRow, get_office, get_setting
from desktop.core.plans import group_tasks
from desktop.core.vn import clean_line, date_line
from desktop.models import Report
from desktop.strings import reports as S

FORMAT = "nq57-document"
VERSION = 1
ITEM_LOOK = (False, False, False, False)  # plan items: "1.1. Quán triệt …" in body type
PLAN_RECIPIENTS = "plans.recipients"  # setting: the plan's "Nơi nhận" entries, one per line


# ----------------------------------------------------------------------------- JSON of a document

_TYPES = {cls.__name__: cls for cls in (Run, Para, Column, TableRow, Table, Header, Signature, Appendix, Metadata,
                                         PrintDocument)}


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        data = {"_": type(value).__name__}
        data.update({f.name: _encode(getattr(value, f.name)) for f in fields(value)})
        return data
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        cls = _TYPES.get(value.get("_"))
        if cls is None:
            raise ValueError(f"unknown type {value.get('_')!r}")
        names = {f.name for f in fields(cls)}
        extra = set(value) - names - {"_"}
        if extra:
            raise ValueError(f"unknown fields {sorted(extra)}")
        return cls(**{k: _decode(v) for k, v in value.items() if k != "_"})
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    return value


def document_to_json(doc: PrintDocument) -> str:
    """The whole document as JSON text (what an issued report keeps)."""
    return json.dumps({"format": FORMAT, "version": VERSION, "document": _encode(doc)}, ensure_ascii=False)


def document_from_json(text: str) -> PrintDocument:
    """Read back `document_to_json`; UserError if the text is not such a document."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(FORMAT)
        doc = _decode(data["document"])
        if not isinstance(doc, PrintDocument):
            raise ValueError("document")
        return doc
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(S.BAD_FROZEN.format(reason=exc)) from exc


# ----------------------------------------------------------------------------- small pieces


def issuer_name(profile: OfficeProfile | None) -> str:
    """"Ủy ban nhân dân phường An Hải" (for the attached line and the PDF author)."""
    if profile is None:
        return ""
    if profile.kind in ("ward", "commune", "special_zone") and profile.place_name:
        return S.ISSUER.format(subject=profile.subject, place=profile.place_name)
    return profile.short_name or profile.subject


def doc_word(doc_type: str) -> str:
    """"BÁO CÁO" -> "Báo cáo" (as running text names the document)."""
    return doc_type[:1].upper() + doc_type[1:].lower() if doc_type else ""


def number_line(number: int | None, symbol: str) -> str:
    """"Số: 05/BC-UBND", or "Số:      /BC-UBND" with the blank for the clerk."""
    from desktop.core.reports import number_text

    if number is None:
        return S.NUMBER_BLANK.format(symbol=symbol)
    return S.NUMBER_LINE.format(number=number_text(number), symbol=symbol)


def document_date(year: int | None, month: int | None, day: int | None) -> date | None:
    if year and month and day:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def recipient_lines(entries: Sequence[str]) -> tuple[str, ...]:
    """"- UBKT Đảng ủy phường;" … "- Lưu: VT, VHXH." (ND30 box 9b)."""
    cleaned = [e.rstrip(";.").strip() for e in entries if e.strip()]
    return tuple(f"- {e}{'.' if i == len(cleaned) - 1 else ';'}" for i, e in enumerate(cleaned))


def addressee_lines(entries: Sequence[str]) -> tuple[str, ...]:
    """One addressee: "X." on the "Kính gửi" line; several: "- X;" … "- Y."."""
    cleaned = [e.rstrip(";.").strip() for e in entries if e.strip()]
    if len(cleaned) == 1:
        return (cleaned[0] + ".",)
    return recipient_lines(cleaned)


def signature(signer: SignerRow | None, profile: OfficeProfile | None) -> Signature:
    if signer is None:
        return Signature((), "")
    collective = profile.collective if profile else ""
    return Signature(tuple(signer.block_lines(collective)), signer.full_name)


def appendix_label(index: int, count: int) -> str:
    return S.APPENDIX_LABEL if count == 1 else S.APPENDIX_LABEL_NUMBERED.format(roman=nb.to_roman(index))


def attached_line(doc_type: str, number: int | None, symbol: str, day: date | None, month: int | None,
                  year: int | None, issuer: str) -> str:
    """"(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 11 năm 2025 của Ủy ban nhân dân phường An Hải)"."""
    from desktop.core.reports import number_text

    number_part = number_text(number) if number is not None else S.ATTACHED_NUMBER_BLANK
    return S.ATTACHED_LINE.format(doc=doc_word(doc_type), number=number_part, symbol=symbol,
                                  date=date_line(day, "", month, year), issuer=issuer)


# ----------------------------------------------------------------------------- headings and bodies


def _one_line(text: str) -> str:
    return " ".join(text.split())


def heading_paras(label: str, heading: str, numbering: str, look: tuple[bool, bool, bool, bool],
                  keep: bool = True) -> list[Para]:
    """The heading paragraph(s) of a section (heading is markup with fields already filled).
    `keep`: the heading stays on the page of what follows (off for a section with nothing after it)."""
    upper, bold, italic, centred = look
    text = _one_line(heading)
    shown = text.upper() if upper else text
    if numbering == nb.PART:
        paras = [Para((Run(label, bold=True),), align=CENTER, first_indent=0.0, keep_with_next=True,
                      space_after=0.0)]
        if shown:
            paras.append(Para(markup.parse_inline(shown, bold, italic), align=CENTER, first_indent=0.0,
                              keep_with_next=True))
        return paras
    full = f"{label} {shown}".strip()
    if not full:
        return []
    kwargs: dict[str, Any] = {"keep_with_next": keep}
    if centred:
        kwargs.update(align=CENTER, first_indent=0.0)
    return [Para(markup.parse_inline(full, bold, italic), **kwargs)]


def _run_in(heading: Para, first: Para) -> Para:
    """"2. Thống kê các nhiệm vụ thực hiện: Tổng số …" — the heading starts the paragraph."""
    text = heading.text.rstrip()
    joiner = " " if text.endswith((":", ".", ";", ")", "-", "–")) else ": "
    runs = list(heading.runs)
    last = runs[-1]
    runs[-1] = Run(last.text.rstrip() + joiner.rstrip(" "), last.bold, last.italic)
    runs.append(Run(" "))
    merged: list[Run] = []
    for run in runs + list(first.runs):
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return Para(tuple(merged), align=first.align, first_indent=first.first_indent, left_indent=first.left_indent,
                size=first.size)


def section_blocks(label: str, heading: str, numbering: str, look: tuple[bool, bool, bool, bool], run_in: bool,
                   content: Sequence[Block], has_children: bool = False) -> list[Block]:
    """A section's heading and body. A run-in heading (or a numbered section without a heading)
    starts the first paragraph when the body begins with one."""
    paras = heading_paras(label, heading, numbering, look, keep=bool(content) or has_children)
    body = list(content)
    if numbering != nb.PART and paras and body and isinstance(body[0], Para) and (run_in or not heading.strip()):
        return [_run_in(paras[0], body[0])] + body[1:]
    return paras + body


def tree_blocks(tree: sec.Tree, ctx: blocks.BlockContext, problems: list[blocks.Problem]) -> list[Block]:
    """Every section in reading order: heading, then its content, then its children."""
    labels = sec.labels(tree)
    out: list[Block] = []
    for node, _depth in sec.walk(tree):
        heading = blocks.fill_fields(node.heading, ctx, problems) if node.heading else ""
        resolved = blocks.resolve_content(node.content, ctx)
        problems.extend(resolved.problems)
        out += section_blocks(labels.get(node.key, ""), heading, node.numbering, node.look(), node.run_in,
                              resolved.blocks, bool(node.children))
    return out


def markup_blocks(text: str) -> list[Block]:
    """Plain markup (no live figures) as paragraphs: plan bodies, purpose, requirements."""
    return [blocks.markup_para(line.text) for line in markup.split_lines(text)]


# ----------------------------------------------------------------------------- reports


def report_document(session: Session, report_id: int, *, today: date | None = None) -> PrintDocument:
    """The printable report: the frozen document once issued, live figures while a draft."""
    from desktop.core.reports import ISSUED

    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(S.NOT_FOUND)
    if report.status == ISSUED and report.frozen:
        return document_from_json(report.frozen)
    return build_report_document(session, report_id, today=today)[0]


def build_report_document(session: Session, report_id: int, *,
                          today: date | None = None) -> tuple[PrintDocument, tuple[blocks.Problem, ...]]:
    """The document of a report built from live data, with every problem found on the way
    (the preview shows unknown names inline as "[chưa rõ: …]")."""
    from desktop.core import reports as rp

    detail = rp.get_report(session, report_id, with_problems=False)
    period = periods.parse(detail.period_code)
    texts = detail.texts()
    ctx = blocks.load_context(session, period, texts=texts, today=today)
    profile = get_office(session)
    problems: list[blocks.Problem] = []
    issuer = issuer_name(profile)

    summary = blocks.resolve_plain(detail.summary, ctx, problems)
    body: list[Block] = []
    opening = blocks.resolve_content(detail.opening, ctx)
    problems.extend(opening.problems)
    body += opening.blocks
    body += tree_blocks(detail.tree, ctx, problems)
    closing = blocks.resolve_content(detail.closing, ctx)
    problems.extend(closing.problems)

    day = document_date(detail.year, detail.date_month, detail.date_day)
    place = profile.place_name if profile else ""
    header = Header(
        body_lines=tuple(profile.header_lines) if profile else (),
        number_line=number_line(detail.number, detail.symbol),
        date_line=date_line(day, place, detail.date_month, detail.year),
        parent_body=profile.parent_body if profile else "",
    )
    specs = list(detail.appendices)
    appendices = []
    for index, spec in enumerate(specs, start=1):
        appendices.append(_report_appendix(session, spec, index, len(specs), detail, ctx, problems, issuer, day))
    number_symbol = detail.number_symbol
    word = doc_word(detail.doc_type)
    doc = PrintDocument(
        header=header,
        doc_type=detail.doc_type,
        summary=summary,
        body=tuple(body),
        recipients=recipient_lines(detail.recipients),
        signature=signature(detail.signer, profile),
        metadata=Metadata(
            title=S.METADATA_TITLE.format(doc=word, number_symbol=number_symbol, summary=summary),
            subject=summary,
            author=issuer,
            keywords=S.METADATA_KEYWORDS.format(number_symbol=number_symbol, doc=word),
        ),
        addressees=addressee_lines(detail.addressees),
        closing=tuple(closing.blocks),
        drafter_line=detail.drafter_line,
        appendices=tuple(appendices),
    )
    return doc, tuple(problems)


def _report_appendix(session: Session, spec: Mapping[str, Any], index: int, count: int, detail, ctx,
                     problems: list[blocks.Problem], issuer: str, day: date | None) -> Appendix:
    from desktop.core import reports as rp

    kind = spec.get("kind") or "text"
    title = clean_line(str(spec.get("title") or ""))
    landscape = bool(spec.get("landscape", kind in ("tasks", "plan_tasks")))
    if kind == "plan_tasks":
        plan_id = spec.get("plan_id") or detail.plan_id
        content = _plan_tasks_blocks(session, plan_id) if plan_id else [Para((Run(S.PLAN_NO_TASKS),))]
        title = title or S.PLAN_TASKS_TITLE
    elif kind == "targets":
        year = int(spec.get("year") or 2030)
        content = [targets_table(session, year)]
        title = title or S.TARGETS_TITLE.format(year=year)
    else:
        resolved = blocks.resolve_content(rp.appendix_text(spec), ctx)
        problems.extend(resolved.problems)
        content = list(resolved.blocks)
    return Appendix(
        label=appendix_label(index, count),
        title=title,
        attached_line=attached_line(detail.doc_type, detail.number, detail.symbol, day, detail.date_month,
                                    detail.year, issuer),
        blocks=tuple(content),
        landscape=landscape,
    )


# ----------------------------------------------------------------------------- plans


def plan_tasks_table(detail) -> Table | None:
    """Stt | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm đầu ra | Thời gian."""
    if not detail.appendix:
        return None
    headers = S.PLAN_TASK_COLUMNS
    columns = (Column(headers[0], 0.5, CENTER), Column(headers[1], 4.2), Column(headers[2], 1.6),
               Column(headers[3], 2.0), Column(headers[4], 1.6), Column(headers[5], 1.2, CENTER))
    groups = group_tasks(detail)
    show_groups = not (len(groups) == 1 and groups[0][0] is None)
    rows: list[TableRow] = []
    stt = 0
    for number, (section, items) in enumerate(groups, start=1):
        if show_groups:
            heading = section.heading.split("\n")[0] if section is not None else S.PLAN_OTHER_GROUP
            rows.append(TableRow((f"{nb.to_roman(number)}. {heading}",), group=True))
        for r in items:
            stt += 1
            rows.append(TableRow((str(stt), r.title, r.lead, r.coordinators, r.expected_output, r.deadline_text)))
    return Table(columns, tuple(rows), header_numbers=True)


def _plan_tasks_blocks(session: Session, plan_id: int) -> list[Block]:
    from desktop.core.plans import get_plan

    table = plan_tasks_table(get_plan(session, plan_id))
    return [table] if table is not None else [Para((Run(S.PLAN_NO_TASKS),))]


def targets_table(session: Session, year: int = 2030, catalogue: str = "nq71") -> Table:
    """TT | Chỉ tiêu | Đơn vị | Chỉ tiêu năm … | Cơ quan chủ trì theo dõi, đánh giá (a catalogue's targets)."""
    from desktop.core import indicators as ind

    headers = [h.format(year=year) for h in S.TARGETS_COLUMNS]
    columns = (Column(headers[0], 0.5, CENTER), Column(headers[1], 4.2), Column(headers[2], 1.0, CENTER),
               Column(headers[3], 1.3, CENTER), Column(headers[4], 2.0))
    groups = {g.code: g.name for g in ind.list_groups(session, catalogue)}
    rows: list[TableRow] = []
    current, group_number, stt = None, 0, 0
    for indicator in ind.list_indicators(session, catalogue):
        target = indicator.target_for(year)
        if target is None:
            continue
        if indicator.group_code != current:
            current = indicator.group_code
            group_number += 1
            rows.append(TableRow((f"{nb.to_roman(group_number)}. {groups.get(current, current)}",), group=True))
        stt += 1
        rows.append(TableRow((str(stt), indicator.name, indicator.unit, target.text, indicator.department)))
    return Table(columns, tuple(rows))


def _plan_number_line(number_symbol: str, default_symbol: str = S.PLAN_SYMBOL_DEFAULT) -> tuple[int | None, str]:
    """"70/KH-UBND" -> (70, "KH-UBND"); "/KH-UBND" or "" -> (None, "KH-UBND")."""
    match = re.fullmatch(r"(\d+)?/(.+)", number_symbol or "")
    if match:
        return (int(match.group(1)) if match.group(1) else None), match.group(2)
    return None, number_symbol or default_symbol


def _plan_filed_department(session: Session, detail) -> str:
    from desktop.core.reports import DRAFTING_DEPARTMENT, drafting_department

    if clean_line(get_setting(session, DRAFTING_DEPARTMENT)):
        return drafting_department(session)
    leads = Counter(r.lead_short for r in detail.appendix if r.lead_short)
    return leads.most_common(1)[0][0] if leads else drafting_department(session)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def plan_opening(detail, profile: OfficeProfile | None) -> str:
    """"Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về …; …, Ủy ban nhân dân
    phường xây dựng Kế hoạch thực hiện cụ thể như sau:"."""
    subject = profile.subject if profile else ""
    citations = []
    for index, directive in enumerate(detail.basis):
        text = directive.citation
        if directive.issuer:
            text = S.PLAN_CITATION_ISSUER.format(citation=text, issuer=directive.issuer)
        if index == 0 and directive.summary:
            text = S.PLAN_CITATION_SUMMARY.format(citation=text, summary=_lower_first(directive.summary))
        citations.append(text)
    if not citations:
        return S.PLAN_OPENING_NO_BASIS.format(subject=subject)
    return S.PLAN_OPENING.format(citations="; ".join(citations), subject=subject)


def _plan_sections(nodes: Iterable, purpose_blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for node in nodes:
        body = markup_blocks(node.body)
        look = sec.HEADING_DEFAULTS.get(node.numbering, (False, True, False, False))
        if not body and not node.children and node.numbering != nb.PART:
            look = ITEM_LOOK  # a leaf with no body is an item of the plan, not a heading
        out += section_blocks(node.label, markup.escape(node.heading), node.numbering, look, False, body,
                              bool(node.children))
        out += _plan_sections(node.children, [])
    return purpose_blocks + out


def _plan_purpose(detail) -> list[Block]:
    """Purpose and requirements as "I. MỤC ĐÍCH, YÊU CẦU / 1. Mục đích / 2. Yêu cầu" unless the
    section tree already holds them."""
    header = detail.header
    bodies = {s.body.strip() for s in detail.flat_sections()}
    parts = [(S.PLAN_PURPOSE, header.purpose), (S.PLAN_REQUIREMENTS, header.requirements)]
    parts = [(name, text) for name, text in parts if text.strip() and text.strip() not in bodies]
    if not parts:
        return []
    out: list[Block] = heading_paras("I.", S.PLAN_PURPOSE_HEADING, nb.ROMAN, sec.HEADING_DEFAULTS[nb.ROMAN])
    for number, (name, text) in enumerate(parts, start=1):
        out += heading_paras(f"{number}.", name, nb.ARABIC, sec.HEADING_DEFAULTS[nb.ARABIC])
        out += markup_blocks(text)
    return out


def plan_document(session: Session, plan_id: int, *, recipients: Sequence[str] | None = None,
                  appendices: Sequence[str] = ("plan_tasks",), today: date | None = None) -> PrintDocument:
    """The printable plan (Kế hoạch) with its assignment appendix (landscape)."""
    from desktop.core import reports as rp
    from desktop.core.plans import get_plan

    try:
        detail = get_plan(session, plan_id, as_of=today)
    except NotFound as exc:
        raise NotFound(S.NO_PLAN) from exc
    profile = get_office(session)
    issuer = issuer_name(profile)
    header = detail.header
    number, symbol = _plan_number_line(header.number_symbol)
    year = header.issued_on.year if header.issued_on else header.year
    month = header.issued_on.month if header.issued_on else None
    place = profile.place_name if profile else ""
    summary = clean_line(header.summary)

    body: list[Block] = [blocks.markup_para(markup.escape(plan_opening(detail, profile)))]
    body += _plan_sections(detail.sections, _plan_purpose(detail))
    closing = [blocks.markup_para(markup.escape(S.PLAN_CLOSING.format(summary=_lower_first(summary))))]

    if recipients is None:
        stored = get_setting(session, PLAN_RECIPIENTS)
        recipients = [line for line in stored.split("\n") if line.strip()] or list(S.PLAN_RECIPIENTS)
    entries = rp.with_filed_line(rp.clean_entries(recipients), _plan_filed_department(session, detail))

    number_symbol = rp.number_symbol(number, symbol)
    kinds = list(appendices)
    parts: list[Appendix] = []
    attached = attached_line(S.PLAN_DOC_TYPE, number, symbol, header.issued_on, month, year, issuer)
    for index, kind in enumerate(kinds, start=1):
        if kind == "targets":
            title, content, landscape = S.TARGETS_TITLE.format(year=2030), [targets_table(session)], False
        elif kind == "plan_tasks":
            table = plan_tasks_table(detail)
            title, landscape = S.PLAN_TASKS_TITLE, True
            content = [table] if table is not None else [Para((Run(S.PLAN_NO_TASKS),))]
        else:
            raise ValueError(kind)
        parts.append(Appendix(appendix_label(index, len(kinds)), title, attached, tuple(content), landscape))
    word = doc_word(S.PLAN_DOC_TYPE)
    signer = rp.default_signer(session)
    return PrintDocument(
        header=Header(
            body_lines=tuple(profile.header_lines) if profile else (),
            number_line=number_line(number, symbol),
            date_line=date_line(header.issued_on, place, month, year),
            parent_body=profile.parent_body if profile else "",
        ),
        doc_type=S.PLAN_DOC_TYPE,
        summary=summary,
        body=tuple(body),
        recipients=recipient_lines(entries),
        signature=signature(signer, profile),
        metadata=Metadata(
            title=S.METADATA_TITLE.format(doc=word, number_symbol=number_symbol, summary=summary),
            subject=summary,
            author=issuer,
            keywords=S.METADATA_KEYWORDS.format(number_symbol=number_symbol, doc=word),
        ),
        closing=tuple(closing),
        appendices=tuple(parts),
    )
