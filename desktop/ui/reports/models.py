"""Table models of the reports screen: the list of reports and the number register."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core import reports as rp
from desktop.core.vn import format_date
from desktop.strings import reports as R
from desktop.strings import reports_ui as S
from desktop.ui.common import Column

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _number(row: rp.ReportRow) -> str:
    return row.number_symbol


def _updated(row: rp.ReportRow) -> str:
    when = row.updated_at
    return f"{when:%H:%M} {format_date(when.date())}" if when else ""


def _status_colour(row: rp.ReportRow) -> QColor | None:
    return QColor("#1b5e20") if row.status == rp.ISSUED else None


REPORT_COLUMNS = (
    Column("number", S.COL_NUMBER, _number, sort_value=lambda r: (r.year or 0, r.number or 0),
           tooltip=lambda r: r.number_symbol if r.number is not None else S.NO_NUMBER),
    Column("type", S.COL_TYPE, lambda r: r.doc_type.capitalize()),
    Column("summary", S.COL_SUMMARY, lambda r: r.summary, tooltip=lambda r: r.summary),
    Column("period", S.COL_PERIOD, lambda r: r.period_name, sort_value=lambda r: r.period_code),
    Column("status", S.COL_STATUS, lambda r: R.STATUS.get(r.status, r.status), foreground=_status_colour),
    Column("updated", S.COL_UPDATED, _updated, align=_RIGHT,
           sort_value=lambda r: r.updated_at.isoformat() if r.updated_at else ""),
)

NUMBER_COLUMNS = (
    Column("number", S.N_COL_NUMBER, lambda r: r.number, align=_RIGHT),
    Column("symbol", S.N_COL_SYMBOL, lambda r: r.symbol),
    Column("date", S.N_COL_DATE, lambda r: format_date(r.registered_on) if r.registered_on else "",
           sort_value=lambda r: r.registered_on.isoformat() if r.registered_on else ""),
    Column("summary", S.N_COL_SUMMARY, lambda r: r.summary, tooltip=lambda r: r.summary),
    Column("note", S.N_COL_NOTE, lambda r: r.note),
)
