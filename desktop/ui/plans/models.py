"""Qt models of the plans area: the section tree and the column sets of the plan tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.directives import DirectiveRow
from desktop.core.plans import ROMAN, UPPER_LETTER, AppendixRow, SectionNode
from desktop.core.vn import format_date, format_date_short
from desktop.strings import common as S
from desktop.strings import plans as P
from desktop.ui.common import Column

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 10
NODE_ROLE = Qt.ItemDataRole.UserRole + 11

_CENTER = Qt.AlignmentFlag.AlignCenter
_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_TOP_CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


class SectionTreeModel(QAbstractItemModel):
    """A read-only tree over frozen SectionNode values; an index's internal id is the section id."""

    TITLE, TASKS = 0, 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: tuple[SectionNode, ...] = ()
        self._nodes: dict[int, SectionNode] = {}
        self._row: dict[int, int] = {}

    # -- data in -----------------------------------------------------------------------
    def set_sections(self, roots: tuple[SectionNode, ...]) -> None:
        self.beginResetModel()
        self._roots = tuple(roots)
        self._nodes, self._row = {}, {}
        stack = [(row, node) for row, node in enumerate(self._roots)]
        while stack:
            row, node = stack.pop()
            self._nodes[node.id] = node
            self._row[node.id] = row
            stack.extend(enumerate(node.children))
        self.endResetModel()

    def node(self, index: QModelIndex | QPersistentModelIndex) -> SectionNode | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def index_of(self, section_id: int | None, column: int = 0) -> QModelIndex:
        if section_id not in self._nodes:
            return QModelIndex()
        return self.createIndex(self._row[section_id], column, section_id)

    def section_count(self) -> int:
        return len(self._nodes)

    def _children(self, parent: QModelIndex | QPersistentModelIndex) -> tuple[SectionNode, ...]:
        if not parent.isValid():
            return self._roots
        node = self._nodes.get(parent.internalId())
        return node.children if node is not None else ()

    # -- Qt model API ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = self._children(parent)
        return self.createIndex(row, column, children[row].id)

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None) -> Any:  # noqa: D401 - Qt API
        if index is None:  # QObject.parent()
            return QObject.parent(self)
        node = self.node(index)
        if node is None or node.parent_id is None or node.parent_id not in self._nodes:
            return QModelIndex()
        return self.createIndex(self._row[node.parent_id], 0, node.parent_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return node.title
            return str(node.task_count) if node.task_count else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TASKS:
                return P.TREE_TASKS_TIP
            body = node.body[:400] + ("…" if len(node.body) > 400 else "")
            return f"{node.title}\n\n{body}" if body else node.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.TASKS:
            return int(_CENTER)
        if role == Qt.ItemDataRole.FontRole and column == self.TITLE and node.numbering in (UPPER_LETTER, ROMAN):
            font = QFont()
            font.setBold(True)
            return font
        if role == SECTION_ID_ROLE:
            return node.id
        if role == NODE_ROLE:
            return node
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return P.TREE_COLUMNS[section] if 0 <= section < len(P.TREE_COLUMNS) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == self.TASKS:
            return P.TREE_TASKS_TIP
        return None


# ------------------------------------------------------------------ table columns


def _plain(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


PLAN_COLUMNS: list[Column] = [
    Column("number_symbol", P.COLUMNS["number_symbol"], lambda r: r.label),
    Column("issued_on", P.COLUMNS["issued_on"], lambda r: format_date(r.issued_on), sort_value=lambda r: r.issued_on),
    Column("summary", P.COLUMNS["summary"], lambda r: r.summary, tooltip=lambda r: _plain(r.summary)),
    Column("status", P.COLUMNS["status"], lambda r: r.status_label),
    Column("progress", P.COLUMNS["progress"], lambda r: r.progress_text, align=_CENTER,
           sort_value=lambda r: (r.tasks_done / r.tasks_total if r.tasks_total else -1, r.tasks_total)),
]


def _status_text(row: AppendixRow) -> str:
    return S.STATUS.get(row.status, row.status)


APPENDIX_COLUMNS: list[Column] = [
    Column("stt", P.APPENDIX_COLUMNS["stt"], lambda r: r.stt, align=_TOP_CENTER, sort_value=lambda r: r.stt),
    Column("title", P.APPENDIX_COLUMNS["title"], lambda r: r.title, align=_TOP_LEFT, tooltip=lambda r: _plain(r.title)),
    Column("section", P.APPENDIX_COLUMNS["section"], lambda r: r.section_label, align=_TOP_CENTER),
    Column("lead", P.APPENDIX_COLUMNS["lead"], lambda r: r.lead_short, align=_TOP_LEFT, tooltip=lambda r: r.lead),
    Column("coordinators", P.APPENDIX_COLUMNS["coordinators"], lambda r: r.coordinators, align=_TOP_LEFT,
           tooltip=lambda r: r.coordinators),
    Column("expected_output", P.APPENDIX_COLUMNS["expected_output"], lambda r: r.expected_output, align=_TOP_LEFT,
           tooltip=lambda r: _plain(r.expected_output)),
    Column("deadline", P.APPENDIX_COLUMNS["deadline"], lambda r: r.deadline_text, align=_TOP_LEFT),
    Column("status", P.APPENDIX_COLUMNS["status"], _status_text, align=_TOP_LEFT),
]

SECTION_TASK_COLUMNS: list[Column] = [
    Column("stt", P.APPENDIX_COLUMNS["stt"], lambda r: r.stt, align=_CENTER),
    Column("title", P.APPENDIX_COLUMNS["title"], lambda r: r.title, tooltip=lambda r: _plain(r.title)),
    Column("lead", P.APPENDIX_COLUMNS["lead"], lambda r: r.lead_short, tooltip=lambda r: r.lead),
    Column("deadline", P.APPENDIX_COLUMNS["deadline"], lambda r: r.deadline_text),
]


def _directive_summary(row: DirectiveRow) -> str:
    return row.summary.split("\n", 1)[0]


BASIS_COLUMNS: list[Column] = [
    Column("number_symbol", P.BASIS_COLUMNS["number_symbol"], lambda r: r.number_symbol),
    Column("issued_on", P.BASIS_COLUMNS["issued_on"], lambda r: format_date_short(r.issued_on)),
    Column("summary", P.BASIS_COLUMNS["summary"], _directive_summary, tooltip=lambda r: _plain(r.summary)),
]

DIRECTIVE_COLUMNS: list[Column] = [
    Column("type", P.DIRECTIVE_COLUMNS["type"], lambda r: S.DIRECTIVE_TYPE.get(r.doc_type, "")),
    Column("number_symbol", P.DIRECTIVE_COLUMNS["number_symbol"], lambda r: r.number_symbol),
    Column("issued_on", P.DIRECTIVE_COLUMNS["issued_on"], lambda r: format_date_short(r.issued_on),
           sort_value=lambda r: r.issued_on),
    Column("issuer", P.DIRECTIVE_COLUMNS["issuer"], lambda r: r.issuer),
    Column("summary", P.DIRECTIVE_COLUMNS["summary"], _directive_summary, tooltip=lambda r: _plain(r.summary)),
]

__all__ = [
    "APPENDIX_COLUMNS", "BASIS_COLUMNS", "DIRECTIVE_COLUMNS", "NODE_ROLE", "PLAN_COLUMNS", "SECTION_ID_ROLE",
    "SECTION_TASK_COLUMNS", "SectionTreeModel",
]
