"""Report documents (báo cáo, and the printed form of plans): created from an outline for a period,
edited as a draft (header fields, the section tree, per-section text with live blocks and
fields, appendices), issued (figures frozen with the report, read-only afterwards), revised as a
new draft; and the register of document numbers (sổ đăng ký văn bản đi) per symbol and year.

Functions take a Session first, never commit, and return frozen dataclasses and a Changes value.
`save_section_content` is the editor's autosave path: one row read, one row written.
The printable document is built by `desktop.core.compose`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import blocks, periods
from desktop.core import numbering as nb
from desktop.core import sections as sec
from desktop.core.changes import REPORTS, Changes
from desktop.core.errors import NotFound, UserError, ValidationError, Validator
from desktop.core.office import SignerRow, get_setting, list_departments, list_signers
from desktop.core.vn import clean_line, clean_text, format_date, shorten
from desktop.models import DocumentNumber, Outline, Report, Signer
from desktop.strings import reports as S

REPORT, PLAN = "report", "plan"
KINDS = (REPORT, PLAN)
DRAFT, ISSUED = "draft", "issued"

# Autosave keys for the two texts outside the section tree (section keys are hex tokens).
OPENING_KEY = ":opening"
CLOSING_KEY = ":closing"

DRAFTING_DEPARTMENT = "reports.drafting_department"  # setting: abbreviation for "Lưu: VT, …"

APPENDIX_KINDS = ("tasks", "indicators", "text", "plan_tasks", "targets")

DOC_TYPE_LIMIT = 60
SYMBOL_LIMIT = 40
SUMMARY_LIMIT = 1000
PARAGRAPH_LIMIT = 20000
CONTENT_LIMIT = 100000
LINE_LIMIT = 300
LIST_LIMIT = 50
DRAFTER_LIMIT = 80
HEADING_LIMIT = 2000
MAX_DEPTH = 8
MAX_SECTIONS = 1000
MAX_APPENDICES = 20

_SYMBOL = re.compile(r"^[A-ZĐ][A-ZĐ0-9]{0,9}([-/.][A-ZĐ0-9]{1,20}){0,4}$")
_BULLET = re.compile(r"^\s*[-+•*–]\s*")
_FILED = re.compile(r"^lưu\s*:", re.IGNORECASE)


# ----------------------------------------------------------------------------- result types


def number_text(number: int | None) -> str:
    """The number as printed: a leading zero below 10 ("05"); "" when blank."""
    if number is None:
        return ""
    return f"{number:02d}" if 0 < number < 10 else str(number)


def number_symbol(number: int | None, symbol: str) -> str:
    """"05/BC-UBND", or "/BC-UBND" before the clerk registers a number."""
    return f"{number_text(number)}/{symbol}"


@dataclass(frozen=True)
class ReportRow:
    id: int
    kind: str  # report | plan
    doc_type: str  # "BÁO CÁO"
    number_symbol: str  # "05/BC-UBND" or "/BC-UBND"
    summary: str  # period fields filled in
    period_code: str
    period_name: str
    status: str  # draft | issued
    updated_at: datetime | None
    issued_at: datetime | None
    number: int | None = None
    symbol: str = ""
    year: int | None = None
    revision_of_id: int | None = None

    @property
    def status_label(self) -> str:
        return S.STATUS.get(self.status, self.status)

    @property
    def frozen(self) -> bool:
        return self.status == ISSUED


@dataclass(frozen=True)
class HeaderInput:
    """The document's own fields, as the header form submits them. `year`/`period_code` None
    keep the stored ones. Addressees and recipients are one entry per item, without "- " or the
    final ";"/"." (they are added when printing)."""

    doc_type: str = "BÁO CÁO"
    symbol: str = "BC-UBND"
    number: int | None = None
    year: int | None = None
    date_day: int | None = None
    date_month: int | None = None
    summary: str = ""
    addressees: tuple[str, ...] = ()
    opening: str = ""
    closing: str = ""
    recipients: tuple[str, ...] = ()
    signer_id: int | None = None
    drafter_line: str = ""
    period_code: str | None = None


@dataclass(frozen=True)
class ReportDetail:
    id: int
    uid: str
    kind: str
    outline_name: str
    plan_id: int | None
    period_code: str
    period_name: str
    doc_type: str
    symbol: str
    number: int | None
    year: int
    date_day: int | None
    date_month: int | None
    summary: str  # markup, fields unresolved
    addressees: tuple[str, ...]
    opening: str
    tree: sec.Tree
    closing: str
    recipients: tuple[str, ...]
    signer: SignerRow | None
    drafter_line: str
    appendices: tuple[dict[str, Any], ...]
    status: str
    issued_at: datetime | None
    updated_at: datetime | None
    revision_of_id: int | None
    problems: tuple[blocks.Problem, ...] = ()  # names that mean nothing (issuing is refused)

    @property
    def frozen(self) -> bool:
        return self.status == ISSUED

    @property
    def number_symbol(self) -> str:
        return number_symbol(self.number, self.symbol)

    @property
    def period(self) -> periods.Period:
        return periods.parse(self.period_code)

    def texts(self) -> list[str]:
        """Every markup text of the document (for checking names or loading figures)."""
        out = [self.summary, self.opening, self.closing]
        out += [node.content for node, _ in sec.walk(self.tree)]
        out += [node.heading for node, _ in sec.walk(self.tree)]
        out += [appendix_text(spec) for spec in self.appendices]
        return out

    def header(self) -> HeaderInput:
        """The stored fields as the header form shows them."""
        return HeaderInput(
            doc_type=self.doc_type, symbol=self.symbol, number=self.number, year=self.year, date_day=self.date_day,
            date_month=self.date_month, summary=self.summary, addressees=self.addressees, opening=self.opening,
            closing=self.closing, recipients=self.recipients, signer_id=self.signer.id if self.signer else None,
            drafter_line=self.drafter_line, period_code=self.period_code,
        )


@dataclass(frozen=True)
class NumberRow:
    id: int
    symbol: str
    year: int
    number: int
    report_id: int | None
    summary: str
    registered_on: date | None
    note: str = ""

    @property
    def number_symbol(self) -> str:
        return number_symbol(self.number, self.symbol)


# ----------------------------------------------------------------------------- helpers


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _load_tree(report: Report) -> sec.Tree:
    try:
        return sec.from_json(json.loads(report.sections or "[]"))
    except ValueError as exc:
        raise UserError(S.BAD_TREE.format(reason=exc)) from exc


def _load_appendices(report: Report) -> tuple[dict[str, Any], ...]:
    try:
        data = json.loads(report.appendices or "[]")
    except ValueError:
        return ()
    return tuple(item for item in data if isinstance(item, dict)) if isinstance(data, list) else ()


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in (text or "").split("\n") if line.strip())


def clean_entries(lines: Iterable[str]) -> tuple[str, ...]:
    """Addressee/recipient entries: NFC, one line each, without the bullet and the final ";" or "."."""
    out = []
    for line in lines:
        for part in clean_text(line).split("\n"):
            text = _BULLET.sub("", clean_line(part)).rstrip(";.").strip()
            if text:
                out.append(text)
    return tuple(out)


def filed_line(department: str) -> str:
    """"Lưu: VT, VHXH" (without the final dot)."""
    places = ", ".join(x for x in (S.DEFAULT_FILED, department) if x)
    return S.FILED_LINE.format(places=places)


def with_filed_line(entries: Sequence[str], department: str) -> tuple[str, ...]:
    """The recipients with exactly one "Lưu: …" entry, last."""
    filed = [e for e in entries if _FILED.match(e)]
    others = [e for e in entries if not _FILED.match(e)]
    return tuple(others) + (filed[-1] if filed else filed_line(department),)


def drafting_department(session: Session, explicit: str | None = None) -> str:
    """The abbreviation for "Lưu: VT, …": given, or the setting, or the first active department."""
    if explicit is not None:
        return clean_line(explicit).upper()
    setting = clean_line(get_setting(session, DRAFTING_DEPARTMENT)).upper()
    if setting:
        return setting
    departments = list_departments(session, include_inactive=False)
    return (departments[0].abbreviation or "") if departments else ""


def default_signer(session: Session) -> SignerRow | None:
    signers = list_signers(session, include_inactive=False)
    return next((s for s in signers if s.is_default), signers[0] if signers else None)


def _signer_row(session: Session, signer_id: int | None) -> SignerRow | None:
    if signer_id is None:
        return None
    s = session.get(Signer, signer_id)
    if s is None:
        return None
    return SignerRow(s.id, s.full_name, s.position_title, s.authority, s.head_title, s.is_default, s.active)


def _report(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(S.NOT_FOUND)
    return report


def _name(report: Report) -> str:
    summary = clean_line(report.summary)
    return shorten(summary, 80)


def _draft(session: Session, report_id: int) -> Report:
    """The report, refusing an issued one (its figures are frozen)."""
    report = _report(session, report_id)
    if report.status != DRAFT:
        raise UserError(S.ISSUED_READ_ONLY.format(name=_name(report)))
    return report


def _touch(session: Session, report: Report) -> Changes:
    report.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(REPORTS)


def appendix_text(spec: Mapping[str, Any]) -> str:
    """The markup an appendix spec resolves (a block line for tables, the content for text)."""
    kind = spec.get("kind") or "text"
    if kind == "tasks":
        return f"[[{S.BLOCK_NAMES['task_table']}: {spec.get('filter') or blocks.TASK_FILTER_NAMES['all']}]]"
    if kind == "indicators":
        return f"[[{S.BLOCK_NAMES['indicator_table']}: {spec.get('group') or spec.get('catalogue') or ''}]]"
    if kind == "text":
        return str(spec.get("content") or "")
    return ""


def _period_name(code: str) -> str:
    try:
        return periods.parse(code).name
    except UserError:
        return code


# ----------------------------------------------------------------------------- reading


def list_reports(session: Session, kind: str | None = None, status: str | None = None) -> list[ReportRow]:
    """Drafts first, then issued documents; newest first within each."""
    from desktop.core.office import get_office

    query = select(Report.id, Report.kind, Report.doc_type, Report.number, Report.symbol, Report.summary,
                   Report.period_code, Report.status, Report.updated_at, Report.issued_at, Report.year,
                   Report.revision_of_id)
    if kind:
        query = query.where(Report.kind == kind)
    if status:
        query = query.where(Report.status == status)
    unit = blocks.unit_name(get_office(session))
    rows = []
    for (id_, kind_, doc_type, number, symbol, summary, period_code, status_, updated_at, issued_at, year,
         revision_of) in session.execute(query):
        shown = _issued_summary(session, id_) if status_ == ISSUED else None
        rows.append(ReportRow(
            id=id_, kind=kind_, doc_type=doc_type, number_symbol=number_symbol(number, symbol),
            summary=shown if shown is not None else summary_text(summary, period_code, unit), period_code=period_code,
            period_name=_period_name(period_code), status=status_, updated_at=updated_at, issued_at=issued_at,
            number=number, symbol=symbol, year=year, revision_of_id=revision_of,
        ))
    rows.sort(key=lambda r: (r.updated_at or datetime.min, r.id), reverse=True)
    rows.sort(key=lambda r: r.status != DRAFT)
    return rows


def _issued_summary(session: Session, report_id: int) -> str | None:
    """The summary as it was issued (from the frozen document), or None if it cannot be read."""
    frozen = session.scalar(select(Report.frozen).where(Report.id == report_id))
    try:
        summary = json.loads(frozen)["document"]["summary"]
    except (TypeError, ValueError, KeyError):
        return None
    return summary if isinstance(summary, str) else None


def summary_text(summary: str, period_code: str, unit: str = "") -> str:
    """The summary with its period fields filled in (other fields stay as typed)."""
    try:
        period = periods.parse(period_code)
    except UserError:
        return clean_line(summary)
    ctx = blocks.BlockContext(period=period, as_of=period.window[1], unit_name=unit)

    def fill(match: re.Match) -> str:
        parsed = blocks.parse_field(match.group(1))
        if parsed is None or parsed.kind in ("indicator", "ratio"):
            return match.group(0)
        return blocks.resolve_field(match.group(1), ctx) or match.group(0)

    from desktop.core import markup

    return clean_line(markup.FIELD.sub(fill, summary))


def get_report(session: Session, report_id: int, with_problems: bool = True) -> ReportDetail:
    report = _report(session, report_id)
    detail = ReportDetail(
        id=report.id, uid=report.uid, kind=report.kind, outline_name=report.outline_name, plan_id=report.plan_id,
        period_code=report.period_code, period_name=_period_name(report.period_code), doc_type=report.doc_type,
        symbol=report.symbol, number=report.number, year=report.year, date_day=report.date_day,
        date_month=report.date_month, summary=report.summary, addressees=_lines(report.addressees),
        opening=report.opening, tree=_load_tree(report), closing=report.closing,
        recipients=_lines(report.recipients), signer=_signer_row(session, report.signer_id),
        drafter_line=report.drafter_line, appendices=_load_appendices(report), status=report.status,
        issued_at=report.issued_at, updated_at=report.updated_at, revision_of_id=report.revision_of_id,
    )
    if with_problems and detail.status == DRAFT:
        detail = replace(detail, problems=tuple(check_names(session, detail)))
    return detail


def check_names(session: Session, detail: ReportDetail) -> list[blocks.Problem]:
    """Unknown blocks, fields and indicator codes in the document (no figures computed)."""
    texts = detail.texts()
    what = {blocks.NAMES} if blocks.INDICATORS in blocks.needs(texts) else set()
    try:
        period = detail.period
    except UserError:
        period = periods.year(detail.year)
    ctx = blocks.load_context(session, period, what=what)
    return blocks.name_problems(texts, ctx)


# ----------------------------------------------------------------------------- creating


def _outline_document(outline: Outline) -> dict[str, Any]:
    try:
        data = json.loads(outline.document or "{}")
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def create_report(session: Session, outline_id: int, period_code: str, *, summary: str | None = None,
                  doc_type: str | None = None, symbol: str | None = None, signer_id: int | None = None,
                  drafting_department_abbr: str | None = None, plan_id: int | None = None,
                  today: date | None = None) -> tuple[int, Changes]:
    """A new draft from an outline: its section tree (fresh keys) and document defaults, for the
    period; the default signer; the recipients ending "Lưu: VT, <drafting department>"; dated
    this month of this year with the day blank. Fields are resolved only when shown or printed."""
    outline = session.get(Outline, outline_id)
    if outline is None:
        raise NotFound(S.OUTLINE_NOT_FOUND)
    try:
        tree = sec.from_json(json.loads(outline.sections or "[]"))
    except ValueError as exc:
        raise UserError(S.BAD_TREE.format(reason=exc)) from exc
    defaults = _outline_document(outline)
    overrides = {"summary": summary, "doc_type": doc_type, "symbol": symbol}
    defaults.update({k: v for k, v in overrides.items() if v is not None})
    return create_from_tree(
        session, sec.with_new_keys(tree), defaults, period_code, kind=outline.kind if outline.kind in KINDS else REPORT,
        outline_name=outline.name, signer_id=signer_id, drafting_department_abbr=drafting_department_abbr,
        plan_id=plan_id, today=today,
    )


def create_from_tree(session: Session, tree: sec.Tree, document: Mapping[str, Any], period_code: str, *,
                     kind: str = REPORT, outline_name: str = "", signer_id: int | None = None,
                     drafting_department_abbr: str | None = None, plan_id: int | None = None,
                     today: date | None = None) -> tuple[int, Changes]:
    """A new draft from a section tree and document defaults (the keys of an outline's
    "document" object: doc_type, symbol, summary, addressees, opening, closing, recipients,
    appendices). The tree is stored as given."""
    today = today or date.today()
    period = periods.parse(period_code)

    def text(name: str, default: str = "") -> str:
        value = document.get(name, default)
        return value if isinstance(value, str) else default

    def entries(name: str) -> tuple[str, ...]:
        value = document.get(name, ())
        return clean_entries(v for v in value if isinstance(v, str)) if isinstance(value, list | tuple) else ()

    signer = _signer_row(session, signer_id) if signer_id is not None else default_signer(session)
    if signer_id is not None and signer is None:
        raise ValidationError({"signer_id": S.SIGNER_NOT_FOUND})
    department = drafting_department(session, drafting_department_abbr)
    header = HeaderInput(
        doc_type=text("doc_type", "KẾ HOẠCH" if kind == PLAN else "BÁO CÁO"),
        symbol=text("symbol", "KH-UBND" if kind == PLAN else "BC-UBND"),
        number=None, year=today.year, date_day=None, date_month=today.month,
        summary=text("summary"), addressees=entries("addressees"), opening=text("opening"),
        closing=text("closing"), recipients=with_filed_line(entries("recipients"), department),
        signer_id=signer.id if signer else None, drafter_line="", period_code=period.code,
    )
    header = validate_header(session, header)
    appendices = check_appendices(document.get("appendices") or [])
    _check_tree(tree)
    user = session.info.get("user", "")
    report = Report(kind=kind, outline_name=clean_line(outline_name), plan_id=plan_id, status=DRAFT,
                    created_by=user, updated_by=user, sections=_dump(sec.to_json(tree)),
                    appendices=_dump(list(appendices)))
    _apply_header(report, header)
    session.add(report)
    session.flush()
    return report.id, Changes.of(REPORTS)


# ----------------------------------------------------------------------------- header


def validate_header(session: Session, data: HeaderInput, report_id: int | None = None,
                    year: int | None = None) -> HeaderInput:
    """Cleaned header, or ValidationError naming each field's problem (Vietnamese)."""
    check = Validator()
    data = replace(
        data,
        doc_type=clean_line(data.doc_type).upper(),
        symbol=clean_line(data.symbol).replace(" ", "").upper(),
        summary=clean_text(data.summary),
        addressees=clean_entries(data.addressees),
        opening=clean_text(data.opening),
        closing=clean_text(data.closing),
        recipients=clean_entries(data.recipients),
        drafter_line=clean_line(data.drafter_line),
        period_code=clean_line(data.period_code) if data.period_code is not None else None,
    )
    check.require("doc_type", data.doc_type, S.FIELD["doc_type"])  # the summary may wait until issuing
    for name, limit in (("doc_type", DOC_TYPE_LIMIT), ("symbol", SYMBOL_LIMIT), ("summary", SUMMARY_LIMIT),
                        ("opening", PARAGRAPH_LIMIT), ("closing", PARAGRAPH_LIMIT),
                        ("drafter_line", DRAFTER_LIMIT)):
        value = getattr(data, name)
        if len(value) > limit:
            check.add(name, S.TOO_LONG.format(label=S.FIELD[name].capitalize(), limit=limit))
    for name in ("addressees", "recipients"):
        items = getattr(data, name)
        if len(items) > LIST_LIMIT:
            check.add(name, S.TOO_MANY_LINES.format(label=S.FIELD[name].capitalize(), limit=LIST_LIMIT))
        elif any(len(item) > LINE_LIMIT for item in items):
            check.add(name, S.TOO_LONG.format(label=S.FIELD[name].capitalize(), limit=LINE_LIMIT))
    if not _SYMBOL.fullmatch(data.symbol):
        check.add("symbol", S.BAD_SYMBOL.format(value=data.symbol))
    if data.number is not None and (isinstance(data.number, bool) or not isinstance(data.number, int)
                                    or data.number < 1 or data.number > 99999):
        check.add("number", S.BAD_NUMBER)
    the_year = data.year if data.year is not None else year
    if the_year is None or isinstance(the_year, bool) or not isinstance(the_year, int) or not 2000 <= the_year <= 2100:
        check.add("year", S.BAD_YEAR.format(value=the_year))
    if data.date_month is not None and not (isinstance(data.date_month, int) and 1 <= data.date_month <= 12):
        check.add("date", S.BAD_MONTH.format(value=data.date_month))
    elif data.date_day is not None:
        if data.date_month is None:
            check.add("date", S.DAY_NEEDS_MONTH)
        elif "year" not in check.problems:
            try:
                date(the_year, data.date_month, data.date_day)
            except (TypeError, ValueError):
                check.add("date", S.BAD_DAY.format(day=data.date_day, month=data.date_month, year=the_year))
    if data.signer_id is not None and session.get(Signer, data.signer_id) is None:
        check.add("signer_id", S.SIGNER_NOT_FOUND)
    if data.period_code is not None:
        try:
            data = replace(data, period_code=periods.parse(data.period_code).code)
        except UserError as exc:
            check.add("period_code", str(exc))
    if (data.number is not None and "number" not in check.problems and "symbol" not in check.problems
            and "year" not in check.problems):
        taken = _registered(session, data.symbol, the_year, data.number)
        if taken is not None and (report_id is None or taken.report_id != report_id):
            check.add("number", _taken_message(session, taken))
    check.raise_if_any()
    return replace(data, year=the_year)


def _apply_header(report: Report, data: HeaderInput) -> None:
    report.doc_type = data.doc_type
    report.symbol = data.symbol
    report.number = data.number
    if data.year is not None:
        report.year = data.year
    report.date_day = data.date_day
    report.date_month = data.date_month
    report.summary = data.summary
    report.addressees = "\n".join(data.addressees)
    report.opening = data.opening
    report.closing = data.closing
    report.recipients = "\n".join(data.recipients)
    report.signer_id = data.signer_id
    report.drafter_line = data.drafter_line
    if data.period_code is not None:
        report.period_code = data.period_code


def update_header(session: Session, report_id: int, data: HeaderInput) -> Changes:
    """Save the header form of a draft (all fields checked first; nothing saved on a problem)."""
    report = _draft(session, report_id)
    data = validate_header(session, data, report_id=report.id, year=report.year)
    _apply_header(report, data)
    return _touch(session, report)


# ----------------------------------------------------------------------------- sections


def save_section_content(session: Session, report_id: int, key: str, text: str) -> Changes:
    """The autosave path: store the text of one section (or the opening/closing paragraph with
    OPENING_KEY/CLOSING_KEY) of a draft. One row read, one row written."""
    report = _draft(session, report_id)
    text = clean_text(text)
    if len(text) > CONTENT_LIMIT:
        raise UserError(S.TOO_LONG.format(label=S.FIELD["sections"].capitalize(), limit=CONTENT_LIMIT))
    if key == OPENING_KEY:
        report.opening = text
    elif key == CLOSING_KEY:
        report.closing = text
    else:
        tree = sec.update(_load_tree(report), key, content=text)
        report.sections = _dump(sec.to_json(tree))
    return _touch(session, report)


_SECTION_FIELDS = ("heading", "numbering", "content", "guidance", "upper", "bold", "italic", "run_in")


def update_section(session: Session, report_id: int, key: str, **changes: Any) -> Changes:
    """Change fields of one section (heading, numbering, content, guidance, upper, bold, italic, run_in)."""
    report = _draft(session, report_id)
    unknown = set(changes) - set(_SECTION_FIELDS)
    if unknown:
        raise ValueError(f"not section fields: {sorted(unknown)}")
    check = Validator()
    if "numbering" in changes and changes["numbering"] not in nb.NUMBERING_STYLES:
        check.add("numbering", S.BAD_TREE.format(reason=changes["numbering"]))
    for name in ("heading", "content", "guidance"):
        if name in changes:
            changes[name] = clean_text(changes[name])
    if len(changes.get("heading", "")) > HEADING_LIMIT:
        check.add("heading", S.TOO_LONG.format(label=S.FIELD["sections"].capitalize(), limit=HEADING_LIMIT))
    if len(changes.get("content", "")) > CONTENT_LIMIT:
        check.add("content", S.TOO_LONG.format(label=S.FIELD["sections"].capitalize(), limit=CONTENT_LIMIT))
    for name in ("upper", "bold", "italic"):
        if name in changes and changes[name] is not None and not isinstance(changes[name], bool):
            check.add(name, S.BAD_TREE.format(reason=name))
    if "run_in" in changes:
        changes["run_in"] = bool(changes["run_in"])
    check.raise_if_any()
    tree = sec.update(_load_tree(report), key, **changes)
    report.sections = _dump(sec.to_json(tree))
    return _touch(session, report)


def _check_tree(tree: sec.Tree) -> None:
    count = 0
    for node, depth in sec.walk(tree):
        count += 1
        if depth >= MAX_DEPTH:
            raise UserError(S.BAD_TREE.format(reason=S.TREE_TOO_DEEP.format(limit=MAX_DEPTH)))
        if len(node.content) > CONTENT_LIMIT or len(node.heading) > HEADING_LIMIT:
            raise UserError(S.BAD_TREE.format(reason=S.TOO_LONG.format(label=S.FIELD["sections"].capitalize(),
                                                                       limit=CONTENT_LIMIT)))
    if count > MAX_SECTIONS:
        raise UserError(S.BAD_TREE.format(reason=S.TREE_TOO_BIG.format(limit=MAX_SECTIONS)))


def set_tree(session: Session, report_id: int, tree: sec.Tree) -> Changes:
    """Replace the section tree (after add/move/indent/remove with desktop.core.sections)."""
    report = _draft(session, report_id)
    tree = sec.from_json(sec.to_json(tree))  # normalises the text and keeps keys unique
    _check_tree(tree)
    report.sections = _dump(sec.to_json(tree))
    return _touch(session, report)


# ----------------------------------------------------------------------------- appendices


def check_appendices(specs: Any) -> tuple[dict[str, Any], ...]:
    """Cleaned appendix specs, or UserError naming the first bad one.

    {"kind": "tasks", "title", "filter", "landscape"} · {"kind": "indicators", "title",
    "group" | "catalogue", "landscape"} · {"kind": "text", "title", "content", "landscape"} ·
    {"kind": "plan_tasks", "title", "plan_id"} · {"kind": "targets", "title", "year"}.
    A spec without "kind" is a text appendix (outlines write {"title", "content"})."""
    if not isinstance(specs, list | tuple):
        raise UserError(S.BAD_APPENDIX.format(index=1, reason=S.APPENDIX_FIELD.format(value="appendices")))
    if len(specs) > MAX_APPENDICES:
        raise UserError(S.TOO_MANY_LINES.format(label=S.FIELD["appendices"].capitalize(), limit=MAX_APPENDICES))
    out = []
    for index, spec in enumerate(specs, start=1):
        def bad(reason: str) -> UserError:
            return UserError(S.BAD_APPENDIX.format(index=index, reason=reason))

        if not isinstance(spec, Mapping):
            raise bad(S.APPENDIX_FIELD.format(value="appendices"))
        kind = spec.get("kind") or "text"
        if kind not in APPENDIX_KINDS:
            raise bad(S.APPENDIX_KIND.format(value=kind))
        item: dict[str, Any] = {"kind": kind}
        for name in ("title", "filter", "group", "catalogue", "content"):
            if name in spec and spec[name] is not None:
                if not isinstance(spec[name], str):
                    raise bad(S.APPENDIX_FIELD.format(value=name))
                item[name] = clean_text(spec[name]) if name == "content" else clean_line(spec[name])
        for name in ("plan_id", "year"):
            if spec.get(name) is not None:
                if isinstance(spec[name], bool) or not isinstance(spec[name], int):
                    raise bad(S.APPENDIX_FIELD.format(value=name))
                item[name] = spec[name]
        if "landscape" in spec:
            item["landscape"] = bool(spec["landscape"])
        if kind in ("tasks", "indicators", "text") and not item.get("title"):
            raise bad(S.APPENDIX_TITLE)
        if kind == "indicators" and not (item.get("group") or item.get("catalogue")):
            raise bad(S.APPENDIX_FIELD.format(value="group"))
        if kind == "tasks" and item.get("filter") and blocks.task_filter(item["filter"]) is None:
            raise bad(S.APPENDIX_FIELD.format(value="filter"))
        if len(item.get("content", "")) > CONTENT_LIMIT:
            raise bad(S.TOO_LONG.format(label=S.FIELD["appendices"].capitalize(), limit=CONTENT_LIMIT))
        out.append(item)
    return tuple(out)


def set_appendices(session: Session, report_id: int, specs: Sequence[Mapping[str, Any]]) -> Changes:
    report = _draft(session, report_id)
    report.appendices = _dump(list(check_appendices(list(specs))))
    return _touch(session, report)


# ----------------------------------------------------------------------------- issuing


def issue_report(session: Session, report_id: int, number: int | None = None, register: bool = True,
                 today: date | None = None) -> Changes:
    """Issue a draft: refuse while names in it mean nothing; give it `number` (or keep the
    number in its header; blank is allowed — the clerk writes it by hand); register the number
    in the register of the symbol and year unless blank or register=False; store the fully
    resolved document (figures frozen) and the time. Afterwards every edit is refused."""
    report = _draft(session, report_id)
    if not clean_text(report.summary):
        raise ValidationError({"summary": S.ISSUE_NEEDS_SUMMARY})
    if number is not None:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1 or number > 99999:
            raise ValidationError({"number": S.BAD_NUMBER})
        taken = _registered(session, report.symbol, report.year, number)
        if taken is not None and taken.report_id != report.id:
            raise ValidationError({"number": _taken_message(session, taken)})
        report.number = number
        session.flush()
    from desktop.core import compose

    document, problems = compose.build_report_document(session, report.id, today=today)
    if blocks.blocking(problems):
        raise UserError(blocks.issue_refusal(problems))
    if register and report.number is not None:
        taken = _registered(session, report.symbol, report.year, report.number)
        if taken is None:
            register_number(session, report.symbol, report.year, report.number, report_id=report.id,
                            summary=document.summary, registered_on=today)
        elif taken.report_id is None:
            taken.report_id = report.id
        elif taken.report_id != report.id:
            raise ValidationError({"number": _taken_message(session, taken)})
    report.frozen = compose.document_to_json(document)
    report.status = ISSUED
    report.issued_at = datetime.now().replace(microsecond=0)
    return _touch(session, report)


def revise_report(session: Session, report_id: int) -> tuple[int, Changes]:
    """A new draft copied from an issued document (live figures again, number blank)."""
    source = _report(session, report_id)
    if source.status != ISSUED:
        raise UserError(S.NOT_ISSUED.format(name=_name(source)))
    user = session.info.get("user", "")
    copy = Report(
        kind=source.kind, outline_name=source.outline_name, plan_id=source.plan_id, period_code=source.period_code,
        doc_type=source.doc_type, symbol=source.symbol, number=None, year=source.year, date_day=None,
        date_month=source.date_month, summary=source.summary, addressees=source.addressees, opening=source.opening,
        sections=source.sections, closing=source.closing, recipients=source.recipients, signer_id=source.signer_id,
        drafter_line=source.drafter_line, appendices=source.appendices, status=DRAFT, issued_at=None, frozen="",
        revision_of_id=source.id, created_by=user, updated_by=user,
    )
    session.add(copy)
    session.flush()
    return copy.id, Changes.of(REPORTS)


def delete_report(session: Session, report_id: int, confirm_issued: bool = False) -> Changes:
    """Delete a draft; an issued document only with confirm_issued=True (its number stays in the
    register, no longer linked)."""
    report = _report(session, report_id)
    if report.status != DRAFT and not confirm_issued:
        raise UserError(S.DELETE_ISSUED.format(name=_name(report)))
    for entry in session.scalars(select(DocumentNumber).where(DocumentNumber.report_id == report.id)):
        entry.report_id = None
    for other in session.scalars(select(Report).where(Report.revision_of_id == report.id)):
        other.revision_of_id = None
    session.delete(report)
    session.flush()
    return Changes.of(REPORTS)


# ----------------------------------------------------------------------------- number register


def _number_row(entry: DocumentNumber) -> NumberRow:
    return NumberRow(entry.id, entry.symbol, entry.year, entry.number, entry.report_id, entry.summary,
                     entry.registered_on, entry.note)


def _registered(session: Session, symbol: str, year: int, number: int) -> DocumentNumber | None:
    return session.scalars(select(DocumentNumber).where(
        DocumentNumber.symbol == symbol, DocumentNumber.year == year, DocumentNumber.number == number)).first()


def _taken_message(session: Session, entry: DocumentNumber) -> str:
    what = S.NUMBER_TAKEN_WHAT.format(summary=entry.summary[:80]) if entry.summary else ""
    return S.NUMBER_TAKEN.format(number_symbol=number_symbol(entry.number, entry.symbol), year=entry.year, what=what,
                                 date=format_date(entry.registered_on),
                                 suggested=number_text(suggest_number(session, entry.symbol, entry.year)))


def suggest_number(session: Session, symbol: str, year: int) -> int:
    """The next free number of the symbol in the year: the largest registered + 1 (1 on 1 January)."""
    symbol = clean_line(symbol).replace(" ", "").upper()
    largest = session.scalar(select(func.max(DocumentNumber.number)).where(
        DocumentNumber.symbol == symbol, DocumentNumber.year == year))
    return (largest or 0) + 1


def register_number(session: Session, symbol: str, year: int, number: int, *, report_id: int | None = None,
                    summary: str = "", registered_on: date | None = None, note: str = "") -> tuple[int, Changes]:
    """Record a number as used (once per symbol and year); UserError naming the document that
    has it otherwise."""
    symbol = clean_line(symbol).replace(" ", "").upper()
    check = Validator()
    if not _SYMBOL.fullmatch(symbol):
        check.add("symbol", S.BAD_SYMBOL.format(value=symbol))
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 99999:
        check.add("number", S.BAD_NUMBER)
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        check.add("year", S.BAD_YEAR.format(value=year))
    check.raise_if_any()
    taken = _registered(session, symbol, year, number)
    if taken is not None:
        raise ValidationError({"number": _taken_message(session, taken)})
    user = session.info.get("user", "")
    entry = DocumentNumber(symbol=symbol, year=year, number=number, report_id=report_id,
                           summary=clean_line(summary), registered_on=registered_on or date.today(),
                           note=clean_text(note), created_by=user, updated_by=user)
    session.add(entry)
    session.flush()
    return entry.id, Changes.of(REPORTS)


def list_numbers(session: Session, year: int | None = None, symbol: str | None = None) -> list[NumberRow]:
    """The register, by symbol then number (of one year, or all)."""
    query = select(DocumentNumber)
    if year is not None:
        query = query.where(DocumentNumber.year == year)
    if symbol:
        query = query.where(DocumentNumber.symbol == clean_line(symbol).upper())
    query = query.order_by(DocumentNumber.year.desc(), DocumentNumber.symbol, DocumentNumber.number)
    return [_number_row(entry) for entry in session.scalars(query)]
