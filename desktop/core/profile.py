"""This office's profile and the key/value settings, read over plain SQL (desktop.core.sql), so
the first screen shows the office's name without loading SQLAlchemy. desktop.core.office re-exports
these next to the ORM writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.core.sql import connection_of, plain_read
from desktop.strings import office as O

FONT_SCALE = "ui.font_scale"  # percent: 100, 115, 130, 150
CURRENT_USER = "ui.last_user"


@dataclass(frozen=True)
class OfficeProfile:
    name_lines: str  # one line per header line: "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI"
    short_name: str = ""  # "Phường An Hải"
    place_name: str = ""  # "An Hải"
    code: str = ""
    parent_body: str = ""
    superior_name: str = ""
    kind: str = "ward"
    id: int | None = None

    @property
    def header_lines(self) -> list[str]:
        return [line for line in self.name_lines.split("\n") if line.strip()]

    @property
    def subject(self) -> str:
        """How the unit names itself in running text: "Ủy ban nhân dân phường"."""
        return {
            "ward": "Ủy ban nhân dân phường",
            "commune": "Ủy ban nhân dân xã",
            "special_zone": "Ủy ban nhân dân đặc khu",
        }.get(self.kind, self.short_name or "Đơn vị")

    @property
    def collective(self) -> str:
        """The collective a "TM." signer acts for: the first header line ("ỦY BAN NHÂN DÂN").
        Empty for a city-level body, which its head leads alone (no "TM." line)."""
        if self.kind == "city_body":
            return ""
        lines = self.header_lines
        return lines[0] if len(lines) > 1 else O.DEFAULT_COLLECTIVE


@plain_read
def get_office(source: Any) -> OfficeProfile | None:
    """This office (the unit marked is_self), or None before the first-run setup."""
    row = connection_of(source).execute(
        "SELECT id, name_lines, short_name, place_name, code, parent_body, superior_name, kind"
        " FROM units WHERE is_self = 1 ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    unit_id, name_lines, short_name, place_name, code, parent_body, superior_name, kind = row
    return OfficeProfile(id=unit_id, name_lines=name_lines or "", short_name=short_name or "",
                         place_name=place_name or "", code=code or "", parent_body=parent_body or "",
                         superior_name=superior_name or "", kind=kind or "ward")


@plain_read
def get_setting(source: Any, key: str, default: str = "") -> str:
    row = connection_of(source).execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row is not None and row[0] is not None else default
