"""The plan's assignment appendix (phụ lục phân công nhiệm vụ) as a worksheet:
Stt | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm đầu ra | Thời gian,
grouped under the plan sections the tasks belong to.

Grouping: the tasks hang at various depths (1.2., 1.4., 5.1., 8.). The groups are the children of
the deepest section that contains every task's section — for the demo plan, the themes "1.", "2.",
… under "II. Các nhiệm vụ, giải pháp cụ thể" — as in the printed appendix. Tasks outside any section
come last, under "Nhiệm vụ khác". Stt runs 1, 2, 3 … through the printed table (grouping can change
the order of the editor's list, and a printed appendix never jumps back).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core.office import get_office
from desktop.core.plans import PlanDetail, get_plan, group_tasks, to_roman
from desktop.core.vn import format_date_short
from desktop.export.workbook import Column, ExportBook
from desktop.strings import export as X

COLUMNS = (
    Column(X.PLAN_HEADERS[0], 6, "center"),
    Column(X.PLAN_HEADERS[1], 52),
    Column(X.PLAN_HEADERS[2], 22),
    Column(X.PLAN_HEADERS[3], 24),
    Column(X.PLAN_HEADERS[4], 20),
    Column(X.PLAN_HEADERS[5], 16, "center"),
)


def _issuer(profile) -> str:
    if profile is None:
        return ""
    if profile.kind in ("ward", "commune", "special_zone") and profile.place_name:
        return f"{profile.subject} {profile.place_name}"
    return profile.short_name or profile.subject


def attached_line(detail: PlanDetail, profile) -> str:
    header = detail.header
    if not header.number_symbol and header.issued_on is None:
        return X.PLAN_ATTACHED_DRAFT.format(summary=header.summary)
    number = f" số {header.number_symbol}" if header.number_symbol else ""
    day = f" ngày {format_date_short(header.issued_on)}" if header.issued_on else ""
    return X.PLAN_ATTACHED.format(number=number, date=day, issuer=_issuer(profile) or "")


def write_plan_appendix(path: str | os.PathLike, office_lines: Sequence[str], detail: PlanDetail,
                        attached: str) -> Path:
    book = ExportBook()
    sheet = book.add_sheet(X.PLAN_SHEET, COLUMNS, office_lines=office_lines, title=X.PLAN_TITLE,
                           subtitles=[attached])
    groups = group_tasks(detail)
    show_groups = not (len(groups) == 1 and groups[0][0] is None)
    stt = 0
    for number, (section, rows) in enumerate(groups, start=1):
        if show_groups:
            heading = section.heading if section is not None else X.PLAN_OTHER_GROUP
            sheet.group(to_roman(number), heading.split("\n")[0])
        for r in rows:
            stt += 1
            sheet.row([stt, r.title, r.lead, r.coordinators, r.expected_output, r.deadline_text])
    return book.save(path)


def export_plan_appendix(session: Session, plan_id: int, path: str | os.PathLike) -> Path:
    """Write the plan's assignment appendix to `path` (.xlsx); returns the file written."""
    detail = get_plan(session, plan_id)
    profile = get_office(session)
    office_lines = profile.header_lines if profile else []
    return write_plan_appendix(path, office_lines, detail, attached_line(detail, profile))
