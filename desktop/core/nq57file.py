"""The exchange file `.nq57`: a zip (deflate) holding `manifest.json`, `data.json` and, for people,
a PDF and an XLSX. This module is the envelope only — building the bytes, writing them atomically,
and reading a file back with every check that does not need the database:

- the file: present, not empty, not larger than MAX_FILE_BYTES, a zip, not truncated;
- the members: at least one, at most MAX_MEMBERS, flat ASCII names (no `..`, no absolute path, no
  drive letter, no backslash), no duplicates (case-insensitive, as Windows sees them), no
  encryption, deflate or stored only; declared sizes within MAX_MEMBER_BYTES / MAX_TOTAL_BYTES
  and a sane compression ratio (a "zip bomb" is refused before anything is inflated), and the
  bytes actually read are counted too, so a lying header cannot get past the limits;
- manifest.json: JSON object, format name, format and schema versions not newer than ours
  ("cần cập nhật phần mềm"), every field of the right type and range; the members it lists are
  exactly the members present, each with the SHA-256 and size it declares;
- data.json: JSON object (no NaN/Infinity, no duplicate keys) with the same schema version.

Nothing is ever extracted to disk; members are read into memory, bounded. What data.json says
is checked by the importer (desktop.core.receive / desktop.core.downward). Every problem is a
PackageError with a Vietnamese message and nothing is changed anywhere.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.errors import UserError
from desktop.strings import exchange as X

FORMAT = "nq57-package"
FORMAT_VERSION = 1
SCHEMA_VERSION = 1
EXTENSION = ".nq57"
MANIFEST = "manifest.json"
DATA = "data.json"

UP, DOWN = "up", "down"
DIRECTIONS = (UP, DOWN)
UP_CONTENTS = ("report",)
DOWN_CONTENTS = ("tasks", "outline", "indicators")
CONTENTS = {UP: UP_CONTENTS, DOWN: DOWN_CONTENTS}

# Limits. A ward's package is a few hundred KB (data.json ~100-300 KB, a PDF of a few hundred KB).
MAX_FILE_BYTES = 128 * 1024 * 1024  # the .nq57 file itself
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, uncompressed
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # all members, uncompressed
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_MEMBERS = 16
MAX_RATIO = 100  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # small members may compress very well (a page of spaces); harmless
YEAR_LOW, YEAR_HIGH = 1990, 2100

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_DRIVE = re.compile(r"^[A-Za-z]:")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_UNIT_CODE = re.compile(r"[A-Za-z0-9._-]{1,20}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EOCD = b"PK\x05\x06"


class PackageError(UserError):
    """The file is not a usable package; the message says why (Vietnamese)."""


@dataclass(frozen=True)
class Package:
    """A package read and checked by `read_package`. `members` holds the verified members other
    than manifest.json (data.json included, as its exact bytes)."""

    manifest: dict
    data: dict
    members: dict[str, bytes]
    path: Path
    file_sha256: str

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def direction(self) -> str:
        return self.manifest["direction"]

    @property
    def content(self) -> str:
        return self.manifest["content"]

    @property
    def unit(self) -> dict:
        return self.manifest["unit"]

    @property
    def unit_code(self) -> str:
        return self.manifest["unit"]["code"]

    @property
    def unit_name(self) -> str:
        return self.manifest["unit"]["name"]

    @property
    def period_code(self) -> str | None:
        return self.manifest.get("period")

    @property
    def created(self) -> datetime:
        return parse_created(self.manifest["created"])

    @property
    def app_version(self) -> str:
        return self.manifest.get("app_version", "")

    @property
    def schema_version(self) -> int:
        return self.manifest["schema_version"]

    @property
    def data_text(self) -> str:
        """data.json exactly as received."""
        return self.members[DATA].decode("utf-8")

    def attachments(self) -> dict[str, bytes]:
        """Members for people (PDF, XLSX): everything but data.json."""
        return {name: body for name, body in self.members.items() if name != DATA}


# ----------------------------------------------------------------------------- small helpers


def human_size(size: int) -> str:
    """"820 KB", "1,5 MB" (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return X.SIZE_KB.format(value=max(1, round(size / 1024)))
    value = f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
    return X.SIZE_MB.format(value=value)


def parse_created(text: str) -> datetime:
    """The manifest's creation time as a naive local datetime (an offset, if any, is converted)."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value


def new_package_id() -> str:
    return uuid.uuid4().hex


def check_member_name(name: str) -> None:
    """A member name safe anywhere: flat, ASCII, no traversal. PackageError otherwise."""
    if "\\" in name:
        raise PackageError(X.NAME_BACKSLASH.format(name=name))
    parts = name.split("/")
    if any(part in ("..", ".") for part in parts):
        raise PackageError(X.NAME_PARENT.format(name=name))
    if name.startswith("/"):
        raise PackageError(X.NAME_ABSOLUTE.format(name=name))
    if _DRIVE.match(name):
        raise PackageError(X.NAME_DRIVE.format(name=name))
    if not _NAME.fullmatch(name):
        raise PackageError(X.NAME_BAD.format(name=_printable(name)))


def _printable(text: str) -> str:
    return _CONTROL.sub("?", text)[:120]


def loads_strict(raw: bytes, name: str) -> Any:
    """Parse JSON bytes: UTF-8, no NaN/Infinity, no duplicate keys, bounded nesting."""
    error = X.MANIFEST_NOT_JSON if name == MANIFEST else X.DATA_NOT_JSON
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackageError(error.format(reason=X.NOT_UTF8)) from exc
    if text.startswith("\ufeff"):
        text = text[1:]

    def constant(value: str) -> Any:
        raise PackageError(error.format(reason=X.JSON_NUMBER.format(value=value)))

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for key, value in items:
            if key in out:
                raise PackageError(error.format(reason=X.JSON_DUPLICATE_KEY.format(key=_printable(key))))
            out[key] = value
        return out

    try:
        return json.loads(text, parse_constant=constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise PackageError(error.format(reason=X.JSON_SYNTAX.format(line=exc.lineno, column=exc.colno))) from exc
    except RecursionError as exc:
        raise PackageError(error.format(reason=X.JSON_DEEP)) from exc


# ----------------------------------------------------------------------------- manifest checks


def _field(where: str, data: Mapping, name: str, kind: type | tuple, expected: str, required: bool = True) -> Any:
    if name not in data:
        if required:
            raise PackageError(X.FIELD_MISSING.format(where=where, field=name))
        return None
    value = data[name]
    if isinstance(value, bool) and kind is not bool:
        raise PackageError(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
    if not isinstance(value, kind):
        raise PackageError(X.FIELD_TYPE.format(where=where, field=name, expected=expected))
    return value


def _text(where: str, data: Mapping, name: str, limit: int, required: bool = True, blank: bool = True) -> str:
    value = _field(where, data, name, str, X.TYPE_TEXT, required)
    if value is None:
        return ""
    if len(value) > limit:
        raise PackageError(X.FIELD_TOO_LONG.format(where=where, field=name, length=len(value), limit=limit))
    if _CONTROL.search(value) or "\n" in value or "\r" in value:
        raise PackageError(X.FIELD_CONTROL.format(where=where, field=name))
    if not blank and not value.strip():
        raise PackageError(X.FIELD_MISSING.format(where=where, field=name))
    return value


def _version(where: str, data: Mapping, name: str, supported: int, newer_message: str) -> int:
    value = _field(where, data, name, int, X.TYPE_INT)
    if value < 1 or value > 1_000_000:
        raise PackageError(X.FIELD_VALUE.format(where=where, field=name, value=value))
    if value > supported:
        raise PackageError(newer_message.format(value=value, supported=supported))
    return value


def check_manifest(manifest: Any) -> dict:
    """Every field of a manifest, or PackageError naming the first wrong one."""
    where = X.MANIFEST_WHERE
    if not isinstance(manifest, dict):
        raise PackageError(X.NOT_OBJECT.format(name=MANIFEST))
    fmt = manifest.get("format")
    if fmt != FORMAT:
        shown = fmt if isinstance(fmt, str) else json.dumps(fmt, ensure_ascii=False)
        raise PackageError(X.UNKNOWN_FORMAT.format(value=_printable(str(shown)), expected=FORMAT))
    _version(where, manifest, "format_version", FORMAT_VERSION, X.NEWER_FORMAT)
    _version(where, manifest, "schema_version", SCHEMA_VERSION, X.NEWER_SCHEMA)
    package_id = _field(where, manifest, "package_id", str, X.TYPE_UID)
    if not _HEX32.fullmatch(package_id):
        raise PackageError(X.FIELD_TYPE.format(where=where, field="package_id", expected=X.TYPE_UID))
    direction = _field(where, manifest, "direction", str, X.TYPE_TEXT)
    if direction not in DIRECTIONS:
        raise PackageError(X.FIELD_VALUE.format(where=where, field="direction", value=_printable(direction)))
    content = _field(where, manifest, "content", str, X.TYPE_TEXT)
    if content not in CONTENTS[direction]:
        raise PackageError(X.BAD_DIRECTION_CONTENT.format(content=_printable(content), direction=direction))
    unit = _field(where, manifest, "unit", dict, X.TYPE_OBJECT)
    unit_where = f"{where} › unit"
    code = _text(unit_where, unit, "code", 20, blank=False)
    if not _UNIT_CODE.fullmatch(code):
        raise PackageError(X.FIELD_VALUE.format(where=unit_where, field="code", value=_printable(code)))
    _text(unit_where, unit, "name", 200, blank=False)
    lines = _field(unit_where, unit, "name_lines", list, X.TYPE_LIST_OF_TEXT, required=False)
    if lines is not None:
        if len(lines) > 10 or not all(isinstance(line, str) and len(line) <= 300 and not _CONTROL.search(line)
                                      and "\n" not in line for line in lines):
            raise PackageError(X.FIELD_TYPE.format(where=unit_where, field="name_lines", expected=X.TYPE_LIST_OF_TEXT))
    _text(unit_where, unit, "kind", 20, required=False)
    period = manifest.get("period")
    if period is not None:
        if not isinstance(period, str) or len(period) > 40:
            raise PackageError(X.FIELD_TYPE.format(where=where, field="period", expected=X.TYPE_TEXT))
        from desktop.core import periods

        try:
            parsed = periods.parse(period)
        except UserError as exc:
            raise PackageError(X.BAD_PERIOD.format(value=_printable(period))) from exc
        if parsed.code != period or not (YEAR_LOW <= parsed.first_day.year and parsed.last_day.year <= YEAR_HIGH):
            raise PackageError(X.BAD_PERIOD.format(value=_printable(period)))
    elif direction == UP:
        raise PackageError(X.PERIOD_REQUIRED)
    _text(where, manifest, "app_version", 40, required=False)
    created = _field(where, manifest, "created", str, X.TYPE_TEXT)
    expected = X.TYPE_DATETIME.format(low=YEAR_LOW, high=YEAR_HIGH)
    try:
        when = parse_created(created) if len(created) <= 40 else None
    except (ValueError, OverflowError, OSError):
        when = None
    if when is None or not YEAR_LOW <= when.year <= YEAR_HIGH:
        raise PackageError(X.FIELD_TYPE.format(where=where, field="created", expected=expected))
    members = _field(where, manifest, "members", dict, X.TYPE_OBJECT)
    if len(members) > MAX_MEMBERS:
        raise PackageError(X.TOO_MANY_MEMBERS.format(count=len(members), limit=MAX_MEMBERS))
    for name, entry in members.items():
        check_member_name(name)
        if name == MANIFEST:
            raise PackageError(X.ATTACHMENT_RESERVED.format(name=name))
        entry_where = f"{where} › members › {name}"
        if not isinstance(entry, dict):
            raise PackageError(X.FIELD_TYPE.format(where=f"{where} › members", field=name, expected=X.TYPE_OBJECT))
        sha = _field(entry_where, entry, "sha256", str, X.TYPE_SHA)
        if not _HEX64.fullmatch(sha):
            raise PackageError(X.FIELD_TYPE.format(where=entry_where, field="sha256", expected=X.TYPE_SHA))
        size = _field(entry_where, entry, "size", int, X.TYPE_INT)
        if not 0 <= size <= MAX_MEMBER_BYTES:
            raise PackageError(X.MEMBER_TOO_BIG.format(name=name, size=human_size(max(size, 0)),
                                                       limit=human_size(MAX_MEMBER_BYTES)))
    if DATA not in members:
        raise PackageError(X.DATA_MISSING)
    return manifest


# ----------------------------------------------------------------------------- building


def build_package(manifest_fields: Mapping[str, Any], data: Mapping[str, Any],
                  attachments: Mapping[str, bytes] | None = None) -> bytes:
    """The bytes of a package. `manifest_fields` gives direction, content, unit and period, and
    may give package_id, created and app_version (generated when absent). The manifest written is
    checked with the reader's rules, so a package this program writes is one it can read."""
    from desktop import __version__

    attachments = dict(attachments or {})
    for name in attachments:
        if name in (MANIFEST, DATA):
            raise PackageError(X.ATTACHMENT_RESERVED.format(name=name))
        if not _NAME.fullmatch(name):
            raise PackageError(X.ATTACHMENT_NAME.format(name=name))
    data_bytes = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    bodies = {DATA: data_bytes, **attachments}
    created = manifest_fields.get("created") or datetime.now().replace(microsecond=0).isoformat()
    if isinstance(created, datetime):
        created = created.replace(microsecond=0).isoformat()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "package_id": manifest_fields.get("package_id") or new_package_id(),
        "direction": manifest_fields["direction"],
        "content": manifest_fields["content"],
        "unit": dict(manifest_fields["unit"]),
        "period": manifest_fields.get("period"),
        "app_version": manifest_fields.get("app_version") or __version__,
        "created": created,
        "members": {name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
                    for name, body in bodies.items()},
    }
    for key, value in manifest_fields.items():  # extra fields a later version may add are kept
        manifest.setdefault(key, value)
    check_manifest(manifest)
    stamp = parse_created(created).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, body in ((MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")),
                           *bodies.items()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()


def write_package(path: Path | str, manifest_fields: Mapping[str, Any], data: Mapping[str, Any],
                  attachments: Mapping[str, bytes] | None = None) -> Path:
    """Build the package and write it atomically at `path` (which must end in .nq57)."""
    from desktop.files import write_atomic

    target = Path(path).expanduser().absolute()
    if target.suffix.lower() != EXTENSION:
        raise PackageError(X.WRITE_SUFFIX.format(path=target))
    if not target.parent.is_dir():
        raise PackageError(X.WRITE_FOLDER_MISSING.format(path=target.parent))
    body = build_package(manifest_fields, data, attachments)
    try:
        write_atomic(target, lambda handle: handle.write(body))
    except OSError as exc:
        raise PackageError(X.WRITE_FAILED.format(path=target, reason=exc.strerror or exc)) from exc
    return target


# ----------------------------------------------------------------------------- reading


def read_package(path: Path | str) -> Package:
    """Read and check a package file (see the module docstring); PackageError on any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise PackageError(X.FILE_MISSING.format(path=path)) from exc
    except OSError as exc:
        raise PackageError(X.FILE_UNREADABLE.format(path=path, reason=exc.strerror or exc)) from exc
    if not path.is_file():
        raise PackageError(X.FILE_UNREADABLE.format(path=path, reason=X.NOT_ZIP))
    if size == 0:
        raise PackageError(X.FILE_EMPTY)
    if size > MAX_FILE_BYTES:
        raise PackageError(X.FILE_TOO_BIG.format(size=human_size(size), limit=human_size(MAX_FILE_BYTES)))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackageError(X.FILE_UNREADABLE.format(path=path, reason=exc.strerror or exc)) from exc
    return read_package_bytes(raw, path)


def read_package_bytes(raw: bytes, path: Path | str = Path("")) -> Package:
    """The checks of `read_package` on bytes already in memory."""
    if not raw:
        raise PackageError(X.FILE_EMPTY)
    if len(raw) > MAX_FILE_BYTES:
        raise PackageError(X.FILE_TOO_BIG.format(size=human_size(len(raw)), limit=human_size(MAX_FILE_BYTES)))
    file_sha = hashlib.sha256(raw).hexdigest()
    if not raw.startswith(b"PK"):
        raise PackageError(X.NOT_ZIP)
    if _EOCD not in raw[-(65536 + 22):]:
        # A zip starts with a local header and ends with the central directory: the start is
        # there but not the end — the download or copy stopped early.
        raise PackageError(X.TRUNCATED)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise PackageError(X.TRUNCATED if raw.startswith(b"PK\x03\x04") else X.NOT_ZIP) from exc
    except (OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise PackageError(X.DAMAGED.format(detail=_printable(str(exc)))) from exc
    with archive:
        infos = archive.infolist()
        infos = _check_entries(infos)
        names = {info.filename: info for info in infos}
        if MANIFEST not in names:
            raise PackageError(X.MANIFEST_MISSING)
        manifest = check_manifest(loads_strict(_read_member(archive, names[MANIFEST], MAX_MANIFEST_BYTES),
                                               MANIFEST))
        listed = manifest["members"]
        for name in names:
            if name != MANIFEST and name not in listed:
                raise PackageError(X.MEMBER_NOT_LISTED.format(name=name))
        for name in listed:
            if name not in names:
                raise PackageError(X.DATA_MISSING if name == DATA else X.MEMBER_ABSENT.format(name=name))
        members: dict[str, bytes] = {}
        total = names[MANIFEST].file_size
        for name, entry in listed.items():
            body = _read_member(archive, names[name], MAX_MEMBER_BYTES)
            total += len(body)
            if total > MAX_TOTAL_BYTES:
                raise PackageError(X.TOTAL_TOO_BIG.format(size=human_size(total), limit=human_size(MAX_TOTAL_BYTES)))
            if len(body) != entry["size"]:
                raise PackageError(X.MEMBER_SIZE_MISMATCH.format(name=name, actual=len(body), declared=entry["size"]))
            if hashlib.sha256(body).hexdigest() != entry["sha256"]:
                raise PackageError(X.MEMBER_CHECKSUM.format(name=name))
            members[name] = body
    data = loads_strict(members[DATA], DATA)
    if not isinstance(data, dict):
        raise PackageError(X.NOT_OBJECT.format(name=DATA))
    version = _version(X.WHERE_DATA, data, "schema_version", SCHEMA_VERSION, X.NEWER_SCHEMA)
    if version != manifest["schema_version"]:
        raise PackageError(X.SCHEMA_MISMATCH.format(data=version, manifest=manifest["schema_version"]))
    return Package(manifest=manifest, data=data, members=members, path=Path(path), file_sha256=file_sha)


def _check_entries(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    """Names, count, encryption, compression and declared sizes — before inflating anything."""
    if not infos:
        raise PackageError(X.PACKAGE_EMPTY)
    if len(infos) > MAX_MEMBERS:
        raise PackageError(X.TOO_MANY_MEMBERS.format(count=len(infos), limit=MAX_MEMBERS))
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        check_member_name(name)
        folded = name.casefold()
        if folded in seen:
            raise PackageError(X.NAME_DUPLICATE.format(name=name))
        seen.add(folded)
        if info.flag_bits & 0x1:
            raise PackageError(X.ENCRYPTED.format(name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(X.UNSUPPORTED_COMPRESSION.format(name=name))
        if info.file_size > MAX_MEMBER_BYTES:
            raise PackageError(X.MEMBER_TOO_BIG.format(name=name, size=human_size(info.file_size),
                                                       limit=human_size(MAX_MEMBER_BYTES)))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackageError(X.TOTAL_TOO_BIG.format(size=human_size(total), limit=human_size(MAX_TOTAL_BYTES)))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise PackageError(X.RATIO_TOO_HIGH.format(name=name, ratio=f"{ratio:,}".replace(",", ".")))
    return infos


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, reading no more than `limit` whatever its header claims."""
    limit = min(limit, MAX_MEMBER_BYTES)
    out = bytearray()
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit or (len(out) > RATIO_FLOOR and len(out) > MAX_RATIO * max(info.compress_size, 1)):
                    raise PackageError(X.MEMBER_TOO_BIG.format(name=info.filename, size=human_size(len(out)),
                                                               limit=human_size(limit)))
    except PackageError:
        raise
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc):
            raise PackageError(X.MEMBER_CRC.format(name=info.filename)) from exc
        raise PackageError(X.DAMAGED.format(detail=_printable(str(exc)))) from exc
    except (zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise PackageError(X.DAMAGED.format(detail=_printable(str(exc)))) from exc
    return bytes(out)
