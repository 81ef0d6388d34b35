"""Outlines (đề cương): section trees with document defaults, built-in and user-made.

A report or plan is written from an outline: its sections (numbering style, heading, guidance,
default content in light markup with live fields and data blocks) and the document's defaults
(type, symbol, summary, addressees, opening and closing paragraphs, recipients).

* Built-in outlines are JSON files in resources/outlines/ (`ensure_builtins` loads and refreshes
  them, keyed by `builtin_key`); they are read-only — a user copies one to change it.
* User outlines are made in the editor, copied, or imported from a file the city sent
  (`import_outline`), and can be written to a file for another office (`export_outline`).
* The file format is JSON: {"format": "nq57-outline", "version": 1, "name", "kind",
  "description", "document": {...}, "sections": [...]}. Reading checks everything and refuses
  a bad file with a Vietnamese message before anything is written.

Functions take a Session first, never commit, and return frozen dataclasses and a Changes value.
Deleting retires the outline: reports keep their own copy of the section tree.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import numbering as nb
from desktop.core import sections
from desktop.core.changes import OUTLINES, Changes
from desktop.core.errors import NotFound, UserError, ValidationError, Validator
from desktop.core.vn import clean_line, clean_text, format_number, sort_key
from desktop.files import write_atomic
from desktop.models import Outline
from desktop.paths import resources_dir
from desktop.strings import outlines as S

FORMAT = "nq57-outline"
VERSION = 1
KINDS = ("report", "plan")
BUILTIN_DIR = "outlines"
USER_POSITION = 1000

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 8
MAX_SECTIONS = 1000
NAME_LIMIT = 300
DESCRIPTION_LIMIT = 2000
DOC_TYPE_LIMIT = 60
SYMBOL_LIMIT = 40
SUMMARY_LIMIT = 1000
PARAGRAPH_LIMIT = 20000  # opening, closing
LINE_LIMIT = 300  # one addressee or recipient
LIST_LIMIT = 50
APPENDIX_LIMIT = 20
HEADING_LIMIT = 1000
GUIDANCE_LIMIT = 10000
CONTENT_LIMIT = 50000

_SYMBOL = re.compile(r"^[^\W_]+(?:[-/.][^\W_]+)*$")
_BUILTIN_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_BULLET = re.compile(r"^[-+•*–]\s*")
_FILED_LINE = re.compile(r"^lưu\s*:", re.IGNORECASE)  # "Lưu: VT, VHXH." is added by the report


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class DocumentDefaults:
    """What a new document written from the outline starts with (all editable in the document).

    `summary`, `opening` and `closing` are markup and may hold fields ({{kỳ báo cáo}});
    `addressees` and `recipients` are one entry per line without "- " or ";" (the "Lưu: VT, …"
    line is added by the report); `appendices` are passed through to the report unchanged
    (dicts of text, numbers and flags, e.g. {"title": …, "content": "[[Bảng chỉ tiêu: nq71]]"})."""

    doc_type: str = "BÁO CÁO"
    symbol: str = "BC-UBND"
    summary: str = ""
    addressees: tuple[str, ...] = ()
    opening: str = ""
    closing: str = ""
    recipients: tuple[str, ...] = ()
    appendices: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "symbol": self.symbol,
            "summary": self.summary,
            "addressees": list(self.addressees),
            "opening": self.opening,
            "closing": self.closing,
            "recipients": list(self.recipients),
            "appendices": [dict(item) for item in self.appendices],
        }

    @classmethod
    def from_json(cls, data: Any) -> DocumentDefaults:
        """Read and check a stored or imported object: wrong types are refused (UserError),
        text is normalised, and the limits of `document_problems` apply (ValidationError)."""
        if not isinstance(data, dict):
            raise OutlineFileError(S.FILE_FIELD_BAD.format(field=_field("document"), expected=S.EXPECT_OBJECT))
        values: dict[str, Any] = {}
        for name in ("doc_type", "symbol", "summary", "opening", "closing"):
            if name in data:
                if not isinstance(data[name], str):
                    raise OutlineFileError(S.FILE_FIELD_BAD.format(field=_field(name), expected=S.EXPECT_TEXT))
                values[name] = data[name]
        for name in ("addressees", "recipients"):
            if name in data:
                items = data[name]
                if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                    raise OutlineFileError(S.FILE_FIELD_BAD.format(field=_field(name), expected=S.EXPECT_TEXT_LIST))
                values[name] = tuple(items)
        if "appendices" in data:
            items = data["appendices"]
            if not isinstance(items, list):
                raise OutlineFileError(S.FILE_FIELD_BAD.format(field=_field("appendices"), expected=S.EXPECT_LIST))
            for index, item in enumerate(items, 1):
                if not _plain_mapping(item):
                    raise OutlineFileError(S.APPENDIX_BAD.format(index=index))
            values["appendices"] = tuple(dict(item) for item in items)
        document = clean_document(cls(**values))
        problems = document_problems(document)
        if problems:
            raise ValidationError(problems)
        return document


@dataclass(frozen=True)
class OutlineRow:
    id: int | None  # None for an outline read from a file
    uid: str
    name: str
    kind: str  # report | plan
    builtin_key: str  # "" for a user outline
    description: str
    section_count: int
    updated_at: datetime | None

    @property
    def builtin(self) -> bool:
        return bool(self.builtin_key)

    @property
    def kind_label(self) -> str:
        return S.KIND.get(self.kind, self.kind)


@dataclass(frozen=True)
class OutlineDetail(OutlineRow):
    document: DocumentDefaults = field(default_factory=DocumentDefaults)
    tree: sections.Tree = ()


# ----------------------------------------------------------------------------- cleaning and checks


def _field(key: str) -> str:
    """A file field in a message: «recipients» (nơi nhận)."""
    return S.FIELD_IN_FILE.format(key=key, label=S.FIELD.get(key, key))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plain_mapping(item: Any) -> bool:
    return isinstance(item, dict) and all(
        isinstance(key, str) and (value is None or isinstance(value, (str, bool, int, float)))
        for key, value in item.items()
    )


def _clean_entries(lines: Iterable[str], drop_filed: bool = False) -> tuple[str, ...]:
    result = []
    for raw in lines:
        for part in clean_text(raw).split("\n"):
            line = _BULLET.sub("", clean_line(part)).rstrip(";,. ").strip()
            if not line or (drop_filed and _FILED_LINE.match(line)):
                continue
            result.append(line)
    return tuple(result)


def clean_document(document: DocumentDefaults) -> DocumentDefaults:
    """NFC everywhere, the type upper case, list entries without bullets and end punctuation."""
    appendices = tuple(
        {clean_line(key): clean_text(value) if isinstance(value, str) else value for key, value in item.items()}
        for item in document.appendices
    )
    return DocumentDefaults(
        doc_type=clean_line(document.doc_type).upper(),
        symbol=clean_line(document.symbol).replace(" ", ""),
        summary=clean_text(document.summary),
        addressees=_clean_entries(document.addressees),
        opening=clean_text(document.opening),
        closing=clean_text(document.closing),
        recipients=_clean_entries(document.recipients, drop_filed=True),
        appendices=appendices,
    )


def document_problems(document: DocumentDefaults) -> dict[str, str]:
    """Field problems of cleaned document defaults (empty when fine)."""
    v = Validator()
    v.require("doc_type", document.doc_type, S.FIELD["doc_type"])
    v.max_length("doc_type", document.doc_type, DOC_TYPE_LIMIT, S.FIELD["doc_type"])
    v.require("symbol", document.symbol, S.FIELD["symbol"])
    v.max_length("symbol", document.symbol, SYMBOL_LIMIT, S.FIELD["symbol"])
    if document.symbol and not _SYMBOL.match(document.symbol):
        v.add("symbol", S.SYMBOL_FORMAT.format(value=document.symbol))
    v.max_length("summary", document.summary, SUMMARY_LIMIT, S.FIELD["summary"])
    v.max_length("opening", document.opening, PARAGRAPH_LIMIT, S.FIELD["opening"])
    v.max_length("closing", document.closing, PARAGRAPH_LIMIT, S.FIELD["closing"])
    for name in ("addressees", "recipients"):
        items = getattr(document, name)
        if len(items) > LIST_LIMIT:
            v.add(name, S.LIST_TOO_LONG.format(field=S.FIELD[name], count=len(items), limit=LIST_LIMIT))
        longest = max((len(item) for item in items), default=0)
        if longest > LINE_LIMIT:
            v.add(name, S.LINE_TOO_LONG.format(field=S.FIELD[name], length=longest, limit=LINE_LIMIT))
    if len(document.appendices) > APPENDIX_LIMIT:
        v.add("appendices", S.APPENDIX_TOO_MANY.format(count=len(document.appendices), limit=APPENDIX_LIMIT))
    for index, item in enumerate(document.appendices, 1):
        if not _plain_mapping(item):
            v.add("appendices", S.APPENDIX_BAD.format(index=index))
        longest = max((len(value) for value in item.values() if isinstance(value, str)), default=0)
        if longest > CONTENT_LIMIT:
            v.add("appendices", S.TEXT_TOO_LONG.format(
                field=S.FIELD["appendices"], length=longest, limit=CONTENT_LIMIT))
    return v.problems


def clean_tree(tree: sections.Tree) -> sections.Tree:
    """NFC text and unique keys, exactly as a tree read back from JSON."""
    for node, _depth in sections.walk(tree):
        if node.numbering not in nb.NUMBERING_STYLES:
            raise ValidationError({"sections": S.SECTION_NUMBERING_UNKNOWN.format(
                title=_short(node.heading), value=node.numbering)})
    return sections.from_json(sections.to_json(tree))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()) or S.FIELD["heading"]
    return text if len(text) <= limit else text[:limit] + "…"


def tree_problem(tree: sections.Tree) -> str:
    """The first problem of a section tree ("" when fine): size, depth, numbering, lengths."""
    count = 0
    for node, depth in sections.walk(tree):
        count += 1
        title = _short(node.heading or node.content)
        if count > MAX_SECTIONS:
            return S.TOO_MANY_SECTIONS.format(count=sum(1 for _ in sections.walk(tree)), limit=MAX_SECTIONS)
        if depth + 1 > MAX_DEPTH:
            return S.TOO_DEEP.format(title=title, depth=depth + 1, limit=MAX_DEPTH)
        if node.numbering not in nb.NUMBERING_STYLES:
            return S.SECTION_NUMBERING_UNKNOWN.format(title=title, value=node.numbering)
        for name, limit in (("heading", HEADING_LIMIT), ("guidance", GUIDANCE_LIMIT), ("content", CONTENT_LIMIT)):
            length = len(getattr(node, name))
            if length > limit:
                return S.SECTION_TEXT_TOO_LONG.format(title=title, field=S.FIELD[name], length=length, limit=limit)
    if not count:
        return S.NO_SECTIONS
    return ""


def section_count(tree: sections.Tree) -> int:
    return sum(1 for _ in sections.walk(tree))


def blank_outline(kind: str = "report") -> tuple[DocumentDefaults, sections.Tree]:
    """What «Mới» starts from: the document type of the kind and one empty "I." section."""
    document = DocumentDefaults("KẾ HOẠCH", "KH-UBND") if kind == "plan" else DocumentDefaults()
    return document, (sections.SectionNode(key=sections.new_key(), numbering=nb.ROMAN),)


# ----------------------------------------------------------------------------- reading the database


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _count_raw(items: Any) -> int:
    if not isinstance(items, list):
        return 0
    return sum(1 + _count_raw(item.get("children")) for item in items if isinstance(item, dict))


def _row(outline: Outline) -> OutlineRow:
    try:
        count = _count_raw(json.loads(outline.sections or "[]"))
    except ValueError:
        count = 0
    return OutlineRow(outline.id, outline.uid, outline.name, outline.kind, outline.builtin_key or "",
                      outline.description or "", count, outline.updated_at)


def _detail(outline: Outline) -> OutlineDetail:
    row = _row(outline)
    document = DocumentDefaults.from_json(json.loads(outline.document or "{}"))
    tree = sections.from_json(json.loads(outline.sections or "[]"))
    return OutlineDetail(**{name: getattr(row, name) for name in OutlineRow.__dataclass_fields__},
                         document=document, tree=tree)


def _order(row: OutlineRow, position: int) -> tuple:
    return (0 if row.builtin else 1, position, sort_key(row.name))


def list_outlines(session: Session, kind: str | None = None) -> list[OutlineRow]:
    """Active outlines: built-in first (in their files' order), then the user's by name."""
    query = select(Outline).where(Outline.retired.is_(False))
    if kind:
        query = query.where(Outline.kind == kind)
    outlines = list(session.scalars(query))
    rows = [(_row(o), o.position) for o in outlines]
    return [row for row, _position in sorted(rows, key=lambda pair: _order(*pair))]


def _get(session: Session, outline_id: int) -> Outline:
    outline = session.get(Outline, outline_id)
    if outline is None:
        raise NotFound(S.NOT_FOUND)
    return outline


def get_outline(session: Session, outline_id: int) -> OutlineDetail:
    return _detail(_get(session, outline_id))


def find_builtin(session: Session, key: str) -> OutlineDetail | None:
    """The stored built-in outline with this key (e.g. "nq57-periodic"), if loaded."""
    outline = session.scalar(select(Outline).where(Outline.builtin_key == key, Outline.retired.is_(False)))
    return _detail(outline) if outline is not None else None


# ----------------------------------------------------------------------------- writing


def _same_name(a: str, b: str) -> bool:
    return clean_line(a).casefold() == clean_line(b).casefold()


def _name_taken(session: Session, name: str, exclude_id: int | None = None) -> bool:
    names = session.execute(select(Outline.id, Outline.name).where(Outline.retired.is_(False)))
    return any(_same_name(other, name) for other_id, other in names if other_id != exclude_id)


def unique_name(session: Session, name: str, exclude_id: int | None = None) -> str:
    """The name itself when free, else "name (2)", "name (3)", … (kept within the length limit)."""
    name = clean_line(name)[:NAME_LIMIT]
    if not _name_taken(session, name, exclude_id):
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: NAME_LIMIT - len(suffix)].rstrip() + suffix
        if not _name_taken(session, candidate, exclude_id):
            return candidate
        number += 1


def _validated(session: Session, outline_id: int | None, name: str, kind: str, description: str,
               document: DocumentDefaults, tree: sections.Tree
               ) -> tuple[str, str, str, DocumentDefaults, sections.Tree]:
    v = Validator()
    name = clean_line(name)
    description = clean_text(description)
    v.require("name", name, S.FIELD["name"])
    v.max_length("name", name, NAME_LIMIT, S.FIELD["name"])
    if name and "name" not in v.problems and _name_taken(session, name, outline_id):
        v.add("name", S.NAME_TAKEN.format(value=name))
    if kind not in KINDS:
        v.add("kind", S.KIND_UNKNOWN.format(value=kind))
    v.max_length("description", description, DESCRIPTION_LIMIT, S.FIELD["description"])
    document = clean_document(document)
    for key, message in document_problems(document).items():
        v.add(key, message)
    problem = tree_problem(tree)
    if problem:
        v.add("sections", problem)
    else:
        tree = clean_tree(tree)
    v.raise_if_any()
    return name, kind, description, document, tree


def _writable(session: Session, outline_id: int) -> Outline:
    outline = _get(session, outline_id)
    if outline.builtin_key:
        raise UserError(S.BUILTIN_READ_ONLY.format(value=outline.name))
    return outline


def save_outline(session: Session, outline_id: int | None, name: str, kind: str, description: str,
                 document: DocumentDefaults, tree: sections.Tree) -> tuple[int, Changes]:
    """Create (outline_id None) or replace a user outline. ValidationError names the fields:
    name, kind, description, doc_type, symbol, summary, addressees, opening, closing,
    recipients, appendices, sections."""
    outline = _writable(session, outline_id) if outline_id is not None else None
    name, kind, description, document, tree = _validated(session, outline_id, name, kind, description, document, tree)
    user = session.info.get("user", "")
    if outline is None:
        outline = Outline(builtin_key="", position=USER_POSITION, retired=False, created_by=user)
        session.add(outline)
    outline.name = name
    outline.kind = kind
    outline.description = description
    outline.document = _dump(document.to_json())
    outline.sections = _dump(sections.to_json(tree))
    outline.updated_by = user
    session.flush()
    return outline.id, Changes.of(OUTLINES)


def rename_outline(session: Session, outline_id: int, name: str) -> Changes:
    outline = _writable(session, outline_id)
    v = Validator()
    name = clean_line(name)
    v.require("name", name, S.FIELD["name"])
    v.max_length("name", name, NAME_LIMIT, S.FIELD["name"])
    if name and "name" not in v.problems and _name_taken(session, name, outline_id):
        v.add("name", S.NAME_TAKEN.format(value=name))
    v.raise_if_any()
    if name == outline.name:
        return Changes()
    outline.name = name
    outline.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(OUTLINES)


def copy_outline(session: Session, outline_id: int, name: str | None = None) -> tuple[int, Changes]:
    """A user copy (of a built-in or a user outline) with fresh section keys."""
    source = get_outline(session, outline_id)
    name = unique_name(session, name or S.COPY_NAME.format(value=source.name))
    return save_outline(session, None, name, source.kind, source.description, source.document,
                        sections.with_new_keys(source.tree))


def delete_outline(session: Session, outline_id: int) -> Changes:
    """Retire a user outline. Reports made from it keep their own copy of the sections."""
    outline = _writable(session, outline_id)
    if outline.retired:
        return Changes()
    outline.retired = True
    outline.updated_by = session.info.get("user", "")
    session.flush()
    return Changes.of(OUTLINES)


# ----------------------------------------------------------------------------- files


def outline_to_json(detail: OutlineDetail) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": detail.name,
        "kind": detail.kind,
        "description": detail.description,
        "document": detail.document.to_json(),
        "sections": sections.to_json(detail.tree),
    }


def write_outline_file(detail: OutlineDetail, path: str | os.PathLike[str]) -> Path:
    """Write UTF-8 JSON atomically (desktop.files.write_atomic)."""
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(".json")
    data = (json.dumps(outline_to_json(detail), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        write_atomic(target, lambda handle: handle.write(data))
    except OSError as exc:
        raise UserError(S.FILE_WRITE_FAILED.format(name=target.name, reason=exc.strerror or exc)) from exc
    return target


def export_outline(session: Session, outline_id: int, path: str | os.PathLike[str]) -> Path:
    return write_outline_file(get_outline(session, outline_id), path)


class OutlineFileError(UserError):
    """A file that is not a usable outline; nothing was changed. `reason` is the message
    without the file name ("thiếu trường «name»."); str() names the file when known."""

    def __init__(self, reason: str, file_name: str = "") -> None:
        self.reason = reason
        self.file_name = file_name
        super().__init__(S.FILE_PREFIX.format(name=file_name) + reason if file_name else _sentence(reason))


def _file_error(name: str, reason: str) -> OutlineFileError:
    return OutlineFileError(reason, name)


def read_outline_file(path: str | os.PathLike[str], builtin: bool = False) -> OutlineDetail:
    """Read and check an outline file completely. Refuses (OutlineFileError, a Vietnamese
    message) a missing, huge, non-UTF-8, non-JSON, foreign, newer or malformed file."""
    source = Path(path)
    name = source.name
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise _file_error(name, S.FILE_MISSING) from None
    except OSError as exc:
        raise _file_error(name, S.FILE_UNREADABLE.format(reason=exc.strerror or exc)) from exc
    if size > MAX_FILE_BYTES:
        raise _file_error(name, S.FILE_TOO_BIG.format(size=f"{format_number(size / 1024 / 1024, 1)} MB"))
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise _file_error(name, S.FILE_UNREADABLE.format(reason=exc.strerror or exc)) from exc
    if not raw.strip():
        raise _file_error(name, S.FILE_EMPTY)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(name, S.FILE_NOT_TEXT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _file_error(name, S.FILE_NOT_JSON.format(line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise _file_error(name, S.FILE_TOO_NESTED) from None
    try:
        return parse_outline(data, builtin=builtin)
    except OutlineFileError as exc:
        raise _file_error(name, exc.reason) from exc
    except UserError as exc:
        raise _file_error(name, str(exc)) from exc


def _bad(field_name: str, expected: str) -> OutlineFileError:
    return OutlineFileError(S.FILE_FIELD_BAD.format(field=_field(field_name), expected=expected))


def _check_raw_sections(items: Any, prefix: str = "", depth: int = 1, counter: list[int] | None = None) -> None:
    """Types, numbering styles, depth and size of the sections of a file, with the position of
    the offending section in the message (sections.from_json then builds the tree)."""
    counter = [0] if counter is None else counter
    if not isinstance(items, list):
        raise _bad("sections" if not prefix else "children", S.EXPECT_LIST)
    for index, item in enumerate(items, 1):
        position = f"{prefix}{index}"
        counter[0] += 1
        if counter[0] > MAX_SECTIONS:
            raise OutlineFileError(S.FILE_TOO_MANY.format(limit=MAX_SECTIONS))
        if not isinstance(item, dict):
            raise OutlineFileError(S.FILE_SECTION_NOT_OBJECT.format(path=f"thứ {position}"))
        heading = item.get("heading")
        where = f"«{_short(heading)}»" if isinstance(heading, str) and heading.strip() else f"thứ {position}"
        if depth > MAX_DEPTH:
            raise OutlineFileError(S.FILE_TOO_DEEP.format(path=where, depth=depth, limit=MAX_DEPTH))
        numbering = item.get("numbering", nb.ARABIC)
        if not isinstance(numbering, str) or numbering not in nb.NUMBERING_STYLES:
            raise OutlineFileError(S.FILE_SECTION_NUMBERING.format(path=where, value=numbering))
        def bad(name: str, expected: str) -> OutlineFileError:
            return OutlineFileError(S.FILE_SECTION_BAD.format(path=where, field=_field(name), expected=expected))

        for name in ("key", "heading", "guidance", "content"):
            if name in item and not isinstance(item[name], str):
                raise bad(name, S.EXPECT_TEXT)
        for name in ("upper", "bold", "italic", "run_in"):
            if item.get(name) is not None and not isinstance(item[name], bool):
                raise bad(name, S.EXPECT_FLAG)
        if "children" in item:
            if not isinstance(item["children"], list):
                raise bad("children", S.EXPECT_LIST)
            _check_raw_sections(item["children"], f"{position}.", depth + 1, counter)


def parse_outline(data: Any, builtin: bool = False) -> OutlineDetail:
    """An outline from the decoded JSON of a file (no database). Raises OutlineFileError or
    ValidationError with Vietnamese messages."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutlineFileError(S.FILE_WRONG_FORMAT)
    version = data.get("version")
    if "version" not in data:
        raise OutlineFileError(S.FILE_FIELD_MISSING.format(field=_field("version")))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise OutlineFileError(S.FILE_BAD_VERSION.format(value=version))
    if version > VERSION:
        raise OutlineFileError(S.FILE_NEWER.format(value=version, supported=VERSION))
    for name in ("name", "kind", "document", "sections"):
        if name not in data:
            raise OutlineFileError(S.FILE_FIELD_MISSING.format(field=_field(name)))
    for name in ("name", "description"):
        if name in data and not isinstance(data[name], str):
            raise _bad(name, S.EXPECT_TEXT)
    name = clean_line(data["name"])
    if not name:
        raise OutlineFileError(S.FILE_FIELD_MISSING.format(field=_field("name")))
    if len(name) > NAME_LIMIT:
        raise _bad("name", S.TEXT_TOO_LONG.format(field=S.FIELD["name"], length=len(name), limit=NAME_LIMIT))
    kind = data["kind"]
    if kind not in KINDS:
        raise _bad("kind", S.EXPECT_KIND)
    description = clean_text(data.get("description", ""))
    if len(description) > DESCRIPTION_LIMIT:
        raise _bad("description", S.TEXT_TOO_LONG.format(
            field=S.FIELD["description"], length=len(description), limit=DESCRIPTION_LIMIT))
    key = ""
    if builtin:
        key = data.get("key", "")
        if not isinstance(key, str) or not _BUILTIN_KEY.match(key):
            raise _bad("key", S.EXPECT_TEXT)
    document = DocumentDefaults.from_json(data["document"])
    _check_raw_sections(data["sections"])
    try:
        tree = sections.from_json(data["sections"])
    except sections.BadTree as exc:
        raise OutlineFileError(str(exc)) from exc
    problem = tree_problem(tree)
    if problem:
        raise OutlineFileError(problem)
    return OutlineDetail(id=None, uid="", name=name, kind=kind, builtin_key=key, description=description,
                         section_count=section_count(tree), updated_at=None, document=document, tree=tree)


def import_outline(session: Session, path: str | os.PathLike[str]) -> tuple[int, Changes]:
    """Read a file completely, then add it as a user outline ("name (2)" if the name is taken)."""
    detail = read_outline_file(path)
    name = unique_name(session, detail.name)
    return save_outline(session, None, name, detail.kind, detail.description, detail.document, detail.tree)


# ----------------------------------------------------------------------------- built-in outlines


def builtin_directory() -> Path:
    return resources_dir() / BUILTIN_DIR


def builtin_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or builtin_directory()).glob("*.json"))


def _builtin_position(path: Path) -> int:
    try:
        position = json.loads(path.read_text(encoding="utf-8")).get("position", 100)
    except (OSError, ValueError, AttributeError):
        return 100
    return position if isinstance(position, int) else 100


def read_builtins(directory: Path | None = None) -> list[tuple[int, OutlineDetail]]:
    """(position, outline) of every built-in file, in their order. A broken built-in file is a
    packaging error and raises."""
    result = [(_builtin_position(path), read_outline_file(path, builtin=True)) for path in builtin_files(directory)]
    keys = [detail.builtin_key for _position, detail in result]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError(f"duplicate built-in outline keys: {sorted(duplicates)}")
    return sorted(result, key=lambda pair: (pair[0], pair[1].builtin_key))


def read_builtin(key: str, directory: Path | None = None) -> OutlineDetail:
    """A built-in outline straight from its file (no database)."""
    for _position, detail in read_builtins(directory):
        if detail.builtin_key == key:
            return detail
    raise NotFound(S.NOT_FOUND)


def ensure_builtins(session: Session, directory: Path | None = None) -> Changes:
    """Load the built-in outlines and bring them up to date with their files (idempotent:
    keyed by builtin_key; nothing changes when the files did not). A built-in whose file is
    gone is retired."""
    stored = {o.builtin_key: o for o in session.scalars(select(Outline).where(Outline.builtin_key != ""))}
    user = session.info.get("user", "")
    changed = False
    seen = set()
    for position, detail in read_builtins(directory):
        seen.add(detail.builtin_key)
        values = {
            "name": detail.name, "kind": detail.kind, "description": detail.description,
            "document": _dump(detail.document.to_json()), "sections": _dump(sections.to_json(detail.tree)),
            "position": position, "retired": False,
        }
        outline = stored.get(detail.builtin_key)
        if outline is None:
            session.add(Outline(builtin_key=detail.builtin_key, created_by=user, updated_by=user, **values))
            changed = True
            continue
        if any(getattr(outline, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(outline, name, value)
            outline.updated_by = user
            changed = True
    for key, outline in stored.items():
        if key not in seen and not outline.retired:
            outline.retired = True
            changed = True
    session.flush()
    return Changes.of(OUTLINES) if changed else Changes()


__all__ = [
    "FORMAT", "KINDS", "MAX_DEPTH", "MAX_FILE_BYTES", "VERSION", "DocumentDefaults", "OutlineDetail",
    "OutlineFileError", "OutlineRow", "blank_outline", "builtin_directory", "clean_document", "clean_tree",
    "copy_outline", "delete_outline", "document_problems", "ensure_builtins", "export_outline", "find_builtin",
    "get_outline", "import_outline", "list_outlines", "outline_to_json", "parse_outline", "read_builtin",
    "read_builtins", "read_outline_file", "rename_outline", "save_outline", "section_count", "tree_problem",
    "unique_name", "write_outline_file",
]
