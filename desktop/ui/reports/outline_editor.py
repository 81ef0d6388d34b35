"""The outline editor: a section tree with its form, and the document defaults.

Reusable pieces (the report editor uses the tree for a report's own sections):
* `SectionTreeModel` — a read-only QAbstractItemModel over an immutable `sections.Tree`, showing
  rendered labels ("A.", "I.", "1.", "1.1.", "a)", "PHẦN I"), never typed numbers;
* `SectionTreeEditor` — the tree view with its buttons and shortcuts; edits a tree in memory and
  emits `tree_changed(tree)` and `current_changed(key)`;
* `SectionForm` — numbering, heading, guidance, default content, heading look, run-in.

`OutlineEditor` puts them together with `DocumentForm` and saves through AppContext in one unit
of work. A built-in outline is shown read-only with «Sao chép để sửa».
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import markup, sections
from desktop.core import numbering as nb
from desktop.core import outlines as outline_service
from desktop.core.errors import NotFound, ValidationError
from desktop.strings import outlines as S
from desktop.strings import plans as P
from desktop.ui.common import ErrorLabel, ask_save_changes, confirm, form_label, make_title, text_edit
from desktop.ui.context import AppContext

KEY_ROLE = Qt.ItemDataRole.UserRole + 30
NODE_ROLE = Qt.ItemDataRole.UserRole + 31
LABEL_ROLE = Qt.ItemDataRole.UserRole + 32

_STRONG_STYLES = (nb.PART, nb.UPPER_LETTER, nb.ROMAN)
_MUTED = QColor("#6b6b6b")


def _preview(node: sections.SectionNode, limit: int = 90) -> str:
    """The first line of the content without marks, for a section without a heading."""
    lines = markup.split_lines(node.content)
    if not lines:
        return ""
    first = lines[0]
    text = f"[[{first.text}]]" if first.kind == markup.BLOCK_LINE else markup.plain(first.text)
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


# ============================================================================ the tree model


class SectionTreeModel(QAbstractItemModel):
    """One column: "<label> <heading>". An index's internal id stands for a section key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree: sections.Tree = ()
        self._ids: dict[str, int] = {}
        self._keys: dict[int, str] = {}
        self._nodes: dict[str, sections.SectionNode] = {}
        self._parent: dict[str, str | None] = {}
        self._row: dict[str, int] = {}
        self._labels: dict[str, str] = {}

    # -- data in -----------------------------------------------------------------------
    def set_tree(self, tree: sections.Tree) -> None:
        """Any change of shape: the view is rebuilt."""
        self.beginResetModel()
        self._load(tree)
        self.endResetModel()

    def refresh_nodes(self, tree: sections.Tree) -> None:
        """The same shape with changed fields (a heading typed, a style chosen): labels and
        text are refreshed in place, selection and scrolling are kept."""
        self._load(tree)
        parents: list[str | None] = [None, *(key for key, node in self._nodes.items() if node.children)]
        for parent in parents:
            count = len(self._children(parent))
            if count:
                first = self.index(0, 0, self.index_of(parent))
                last = self.index(count - 1, 0, self.index_of(parent))
                self.dataChanged.emit(first, last)

    def _load(self, tree: sections.Tree) -> None:
        self._tree = tuple(tree)
        self._nodes, self._parent, self._row = {}, {}, {}
        stack: list[tuple[str | None, sections.Tree]] = [(None, self._tree)]
        while stack:
            parent, children = stack.pop()
            for row, node in enumerate(children):
                self._nodes[node.key] = node
                self._parent[node.key] = parent
                self._row[node.key] = row
                if node.key not in self._ids:
                    self._ids[node.key] = len(self._ids) + 1
                    self._keys[self._ids[node.key]] = node.key
                stack.append((node.key, node.children))
        self._labels = sections.labels(self._tree)

    def tree(self) -> sections.Tree:
        return self._tree

    def node(self, index: QModelIndex | QPersistentModelIndex) -> sections.SectionNode | None:
        if not index.isValid():
            return None
        return self._nodes.get(self._keys.get(index.internalId(), ""))

    def label(self, key: str | None) -> str:
        return self._labels.get(key or "", "")

    def index_of(self, key: str | None, column: int = 0) -> QModelIndex:
        if key is None or key not in self._nodes:
            return QModelIndex()
        return self.createIndex(self._row[key], column, self._ids[key])

    def section_count(self) -> int:
        return len(self._nodes)

    def _children(self, parent_key: str | None) -> sections.Tree:
        if parent_key is None:
            return self._tree
        node = self._nodes.get(parent_key)
        return node.children if node is not None else ()

    # -- Qt model API ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_node = self.node(parent)
        children = self._children(parent_node.key if parent_node else None)
        return self.createIndex(row, column, self._ids[children[row].key])

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None) -> Any:  # noqa: D401 - Qt API
        if index is None:  # QObject.parent()
            return QObject.parent(self)
        node = self.node(index)
        if node is None:
            return QModelIndex()
        parent_key = self._parent.get(node.key)
        return self.index_of(parent_key) if parent_key else QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid():
            if parent.column() != 0:
                return 0
            node = self.node(parent)
            return len(node.children) if node else 0
        return len(self._tree)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        label = self._labels.get(node.key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            heading = " ".join(node.heading.split())
            if not heading:
                heading = _preview(node) or S.TREE_EMPTY_HEADING
            return f"{label} {heading}".strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [sections.title(node, label)]
            if node.guidance:
                parts.append(node.guidance[:400] + ("…" if len(node.guidance) > 400 else ""))
            return "\n\n".join(parts)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if node.numbering in _STRONG_STYLES:
                font.setBold(True)
            if not node.heading.strip():
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not node.heading.strip():
            return _MUTED
        if role == KEY_ROLE:
            return node.key
        if role == NODE_ROLE:
            return node
        if role == LABEL_ROLE:
            return label
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 0:
            return S.TREE_HEADER
        return None


# ============================================================================ the tree editor


def _cousin_style(tree: sections.Tree, parent_key: str | None) -> str | None:
    """The style of a first child, learnt from the outline itself: under "PHẦN II" the items
    are numbered like those under "PHẦN I". None when the parent has children already (the new
    section follows them) or no earlier section of the same style and level has children."""
    parent = sections.find(tree, parent_key) if parent_key else None
    if parent is None or parent.children:
        return None
    levels = {node.key: depth for node, depth in sections.walk(tree)}
    style = None
    for node, depth in sections.walk(tree):
        if node.key == parent_key:
            break
        if depth == levels[parent_key] and node.numbering == parent.numbering and node.children:
            style = node.children[0].numbering
    return style


@dataclass(frozen=True)
class _Action:
    name: str
    text: str
    tip: str
    keys: tuple[str, ...]


ACTIONS = (
    _Action("add_sibling", S.ADD_SIBLING, S.ADD_SIBLING_TIP, ("Ctrl+Return", "Ctrl+Enter")),
    _Action("add_child", S.ADD_CHILD, S.ADD_CHILD_TIP, ("Ctrl+Shift+Return", "Ctrl+Shift+Enter", "Ctrl+Shift+N")),
    _Action("remove_current", S.REMOVE, S.REMOVE_TIP, ()),
    _Action("move_up", S.UP, S.UP_TIP, ("Alt+Up",)),
    _Action("move_down", S.DOWN, S.DOWN_TIP, ("Alt+Down",)),
    _Action("indent", S.INDENT, S.INDENT_TIP, ("Alt+Right",)),
    _Action("outdent", S.OUTDENT, S.OUTDENT_TIP, ("Alt+Left",)),
)


class SectionTreeEditor(QWidget):
    """Edits a section tree in memory. Numbers are rendered from the tree after every change."""

    tree_changed = Signal(object)  # sections.Tree
    current_changed = Signal(object)  # key or None
    section_added = Signal(str)  # the new section's key (the host focuses its heading)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self._current: str | None = None
        self._resetting = False
        self._shortcuts: list[QShortcut] = []

        self.model = SectionTreeModel(self)
        self.view = QTreeView()
        self.view.setObjectName("section_tree")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setIndentation(18)
        self.view.selectionModel().currentChanged.connect(self._on_current)

        self.buttons: dict[str, QPushButton] = {}
        rows = (ACTIONS[:3], ACTIONS[3:])
        bar = QVBoxLayout()
        bar.setSpacing(4)
        for actions in rows:
            line = QHBoxLayout()
            line.setSpacing(4)
            for action in actions:
                button = QPushButton(action.text)
                button.setObjectName(f"section_{action.name}")
                keys = action.keys[0] if action.keys else QKeySequence(QKeySequence.StandardKey.Delete).toString()
                native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
                button.setToolTip(f"{action.tip} ({native})")
                button.setAutoDefault(False)
                button.clicked.connect(getattr(self, action.name))
                self.buttons[action.name] = button
                line.addWidget(button)
            line.addStretch(1)
            bar.addLayout(line)
        self.empty_hint = QLabel(S.TREE_EMPTY_HINT)
        self.empty_hint.setWordWrap(True)
        self.error = ErrorLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current)
        self.install_shortcuts(self)
        self._update_buttons()

    # -- public API --------------------------------------------------------------------
    def install_shortcuts(self, host: QWidget) -> None:
        """Put the keyboard shortcuts on `host` (and its children) — e.g. the whole editor,
        so Ctrl+Enter adds a section while the cursor is in the heading field."""
        for old in self._shortcuts:
            old.setEnabled(False)
            old.deleteLater()
        self._shortcuts = []
        for action in ACTIONS:
            for keys in action.keys:
                sc = QShortcut(QKeySequence(keys), host)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(getattr(self, action.name))
                self._shortcuts.append(sc)

    def set_tree(self, tree: sections.Tree, current: str | None = None) -> None:
        """Show a tree (no tree_changed). The first section is selected unless told otherwise."""
        self._reset(tree, current if current is not None else (tree[0].key if tree else None), expand_all=True)
        self.error.show_message("")

    def tree(self) -> sections.Tree:
        return self.model.tree()

    def current_key(self) -> str | None:
        return self._current

    def current_node(self) -> sections.SectionNode | None:
        return sections.find(self.tree(), self._current) if self._current else None

    def label(self, key: str | None) -> str:
        return self.model.label(key)

    def select(self, key: str | None) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for sc in self._shortcuts:
            sc.setEnabled(not read_only)
        self._update_buttons()

    def is_read_only(self) -> bool:
        return self._read_only

    def update_current(self, **changes: Any) -> None:
        """Change fields of the selected section (not its place): the view refreshes in place."""
        if self._current is None or self._read_only:
            return
        node = self.current_node()
        if node is None or all(getattr(node, name) == value for name, value in changes.items()):
            return
        tree = sections.update(self.tree(), self._current, **changes)
        self.model.refresh_nodes(tree)
        self.tree_changed.emit(tree)

    # -- operations --------------------------------------------------------------------
    def add_sibling(self) -> None:
        if self._read_only:
            return
        if self._current is None:
            tree, key = sections.add_child(self.tree(), None)
        else:
            tree, key = sections.add_sibling(self.tree(), self._current)
        self._apply(tree, key)
        self.section_added.emit(key)

    def add_child(self) -> None:
        if self._read_only:
            return
        style = _cousin_style(self.tree(), self._current)
        node = sections.SectionNode(key=sections.new_key(), numbering=style) if style else None
        tree, key = sections.add_child(self.tree(), self._current, node)
        self._apply(tree, key)
        self.section_added.emit(key)

    def move_up(self) -> None:
        self._shape(lambda tree, key: sections.move(tree, key, -1))

    def move_down(self) -> None:
        self._shape(lambda tree, key: sections.move(tree, key, +1))

    def indent(self) -> None:
        def indent(tree: sections.Tree, key: str) -> sections.Tree:
            index = self.model.index_of(key)
            if index.row() <= 0:
                return tree
            previous = self.model.node(self.model.index(index.row() - 1, 0, index.parent()))
            style = _cousin_style(tree, previous.key) if previous else None
            moved = sections.indent(tree, key)
            return sections.update(moved, key, numbering=style) if style and moved != tree else moved

        self._shape(indent)

    def outdent(self) -> None:
        self._shape(sections.outdent)

    def remove_current(self) -> None:
        node = self.current_node()
        if node is None or self._read_only:
            return
        count = sum(1 for _ in sections.walk(node.children))
        title = sections.title(node, self.label(node.key))
        title = title if len(title) <= 80 else title[:80] + "…"
        if count or node.heading.strip() or node.content.strip() or node.guidance.strip():
            question = (S.CONFIRM_REMOVE_CHILDREN.format(title=title, count=count) if count
                        else S.CONFIRM_REMOVE.format(title=title))
            if not confirm(self, S.CONFIRM_REMOVE_TITLE, question):
                return
        tree = self.tree()
        parent_index = self.model.parent(self.model.index_of(node.key))
        row = self.model.index_of(node.key).row()
        siblings = self.model.node(parent_index).children if parent_index.isValid() else tree
        if row > 0:
            neighbour = siblings[row - 1].key
        elif len(siblings) > 1:
            neighbour = siblings[1].key
        else:
            parent = self.model.node(parent_index)
            neighbour = parent.key if parent else None
        self._apply(sections.remove(tree, node.key), neighbour)

    # -- internals ---------------------------------------------------------------------
    def _shape(self, fn: Callable[[sections.Tree, str], sections.Tree]) -> None:
        if self._current is None or self._read_only:
            return
        tree = fn(self.tree(), self._current)
        if tree != self.tree():
            self._apply(tree, self._current)

    def _apply(self, tree: sections.Tree, current: str | None) -> None:
        self._reset(tree, current)
        self.error.show_message("")
        self.tree_changed.emit(tree)

    def _collapsed(self) -> set[str]:
        result = set()
        for node, _depth in sections.walk(self.tree()):
            if node.children and not self.view.isExpanded(self.model.index_of(node.key)):
                result.add(node.key)
        return result

    def _reset(self, tree: sections.Tree, current: str | None, expand_all: bool = False) -> None:
        collapsed = set() if expand_all else self._collapsed()
        previous = self._current
        self._resetting = True
        try:
            self.model.set_tree(tree)
            self.view.expandAll()
            for key in collapsed:
                index = self.model.index_of(key)
                if index.isValid():
                    self.view.collapse(index)
            index = self.model.index_of(current)
            if index.isValid():
                parent = index.parent()
                while parent.isValid():  # a new child of a collapsed section must be seen
                    self.view.expand(parent)
                    parent = parent.parent()
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            self._current = current if index.isValid() else None
        finally:
            self._resetting = False
        self.empty_hint.setVisible(not tree)
        self._update_buttons()
        if self._current != previous:
            self.current_changed.emit(self._current)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._resetting:
            return
        node = self.model.node(current)
        key = node.key if node else None
        if key != self._current:
            self._current = key
            self._update_buttons()
            self.current_changed.emit(key)

    def _update_buttons(self) -> None:
        tree, key, writable = self.tree(), self._current, not self._read_only
        where = self.model.index_of(key)
        siblings = self.model.rowCount(where.parent()) if where.isValid() else 0
        enabled = {
            "add_sibling": writable,
            "add_child": writable,
            "remove_current": writable and key is not None,
            "move_up": writable and where.isValid() and where.row() > 0,
            "move_down": writable and where.isValid() and where.row() < siblings - 1,
            "indent": writable and key is not None and sections.can_indent(tree, key),
            "outdent": writable and key is not None and sections.can_outdent(tree, key),
        }
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])


# ============================================================================ the section form




LOOK_NAMES = ("upper", "bold", "italic")
_LOOK_INDEX = {"upper": 0, "bold": 1, "italic": 2}


class SectionForm(QGroupBox):
    """The fields of one section. Emits `edited(dict)` with the changed field(s) as the user
    types; `show_node` fills it without emitting."""

    edited = Signal(dict)

    def __init__(self, show_content: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(S.FORM_TITLE, parent)
        self._loading = False
        self._node: sections.SectionNode | None = None
        self._read_only = False

        self.hint = QLabel(S.FORM_NO_SECTION)
        self.hint.setWordWrap(True)
        self.numbering = QComboBox()
        self.numbering.setObjectName("section_numbering")
        for style in nb.NUMBERING_STYLES:
            self.numbering.addItem(P.NUMBERING[style], style)
        numbering_hint = QLabel(S.NUMBERING_HINT)
        numbering_hint.setWordWrap(True)
        numbering_hint.setStyleSheet("color: palette(placeholder-text);")
        self.heading = QLineEdit()
        self.heading.setObjectName("section_heading")
        self.heading.setPlaceholderText(S.PLACEHOLDER_HEADING)
        self.guidance = text_edit(3, S.PLACEHOLDER_GUIDANCE)
        self.guidance.setObjectName("section_guidance")
        self.content = text_edit(placeholder=S.PLACEHOLDER_CONTENT)
        self.content.setObjectName("section_content")
        self.look: dict[str, QComboBox] = {}
        look_row = QHBoxLayout()
        look_row.setSpacing(6)
        for name in LOOK_NAMES:
            combo = QComboBox()
            combo.setObjectName(f"section_{name}")
            combo.addItem(S.LOOK_DEFAULT, None)
            combo.addItem(S.LOOK_YES, True)
            combo.addItem(S.LOOK_NO, False)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(len(S.LOOK_DEFAULT) + 1)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._emit(n))
            self.look[name] = combo
            look_row.addWidget(QLabel(S.LOOK_FIELDS[name] + ":"))
            look_row.addWidget(combo)
        look_row.addStretch(1)
        self.preview = QLabel()
        self.preview.setObjectName("section_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.run_in = QCheckBox(S.RUN_IN)
        self.run_in.setObjectName("section_run_in")

        form = QGridLayout(self)
        form.setVerticalSpacing(6)
        form.addWidget(self.hint, 0, 0, 1, 2)
        form.addWidget(form_label(S.LABEL_NUMBERING), 1, 0)
        numbering_row = QHBoxLayout()
        numbering_row.addWidget(self.numbering)
        numbering_row.addWidget(numbering_hint, 1)
        form.addLayout(numbering_row, 1, 1)
        form.addWidget(form_label(S.LABEL_HEADING), 2, 0)
        form.addWidget(self.heading, 2, 1)
        form.addWidget(form_label(S.LABEL_LOOK), 3, 0)
        form.addLayout(look_row, 3, 1)
        form.addWidget(self.run_in, 4, 1)
        form.addWidget(form_label(S.LABEL_PREVIEW), 5, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.preview, 5, 1)
        self.guidance_label = form_label(S.LABEL_GUIDANCE)
        form.addWidget(self.guidance_label, 6, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.guidance, 6, 1)
        self.content_label = form_label(S.LABEL_CONTENT)
        form.addWidget(self.content_label, 7, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.content, 7, 1)
        form.setRowStretch(7, 1)
        for widget in (self.guidance_label, self.guidance, self.content_label, self.content):
            widget.setVisible(show_content)

        self.numbering.currentIndexChanged.connect(lambda _i: self._emit("numbering"))
        self.heading.textEdited.connect(lambda _t: self._emit("heading"))
        self.guidance.textChanged.connect(lambda: self._emit("guidance"))
        self.content.textChanged.connect(lambda: self._emit("content"))
        self.run_in.toggled.connect(lambda _c: self._emit("run_in"))
        self.show_node(None)

    def _fields(self) -> tuple[QWidget, ...]:
        return (self.numbering, self.heading, self.guidance, self.content, self.run_in, *self.look.values())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_enabled()

    def _update_enabled(self) -> None:
        has = self._node is not None
        for widget in (self.numbering, self.run_in, *self.look.values()):
            widget.setEnabled(has and not self._read_only)
        for edit in (self.heading, self.guidance, self.content):
            edit.setEnabled(has)
            edit.setReadOnly(self._read_only)

    def show_node(self, node: sections.SectionNode | None, label: str = "") -> None:
        """Fill the form from a section; a field already showing the same value is left alone
        (so the cursor stays where the user is typing)."""
        self._node = node
        self._loading = True
        try:
            self.hint.setVisible(node is None)
            self.setTitle(S.FORM_TITLE_OF.format(label=label) if node is not None and label else S.FORM_TITLE)
            style = node.numbering if node else nb.ROMAN
            if self.numbering.currentData() != style:
                self.numbering.setCurrentIndex(max(0, self.numbering.findData(style)))
            heading = node.heading if node else ""
            if self.heading.text() != heading:
                self.heading.setText(heading)
            for name, edit in (("guidance", self.guidance), ("content", self.content)):
                value = getattr(node, name) if node else ""
                if edit.toPlainText() != value:
                    edit.setPlainText(value)
            defaults = sections.HEADING_DEFAULTS.get(style, (False, True, False, False))
            for name, combo in self.look.items():
                default = defaults[_LOOK_INDEX[name]]
                combo.setToolTip(S.LOOK_DEFAULT_TIP.format(value=(S.LOOK_YES if default else S.LOOK_NO).lower()))
                value = getattr(node, name) if node else None
                if combo.currentData() != value:
                    combo.setCurrentIndex(max(0, combo.findData(value)))
            run_in = bool(node and node.run_in)
            if self.run_in.isChecked() != run_in:
                self.run_in.setChecked(run_in)
            self._show_preview(node, label)
        finally:
            self._loading = False
        self._update_enabled()

    def _show_preview(self, node: sections.SectionNode | None, label: str) -> None:
        """The heading as it will print: case, weight, slant; a part's title on its own line;
        a run-in heading followed by the start of the content."""
        if node is None:
            self.preview.setText("")
            return
        upper, bold, italic, centred = node.look()
        heading = " ".join(node.heading.split())
        heading = heading.upper() if upper else heading
        title = html.escape(f"{label}\n{heading}" if node.numbering == nb.PART else f"{label} {heading}".strip())
        title = title.replace("\n", "<br>")
        if bold:
            title = f"<b>{title}</b>"
        if italic:
            title = f"<i>{title}</i>"
        lines = markup.split_lines(node.content)
        if node.run_in and lines:
            first = markup.plain(lines[0].text)
            title += " " + html.escape(first if len(first) <= 200 else first[:200] + "…")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft)
        self.preview.setText(title)

    def _emit(self, name: str) -> None:
        if self._loading or self._node is None or self._read_only:
            return
        if name == "numbering":
            value: Any = self.numbering.currentData()
        elif name == "heading":
            value = self.heading.text()
        elif name in ("guidance", "content"):
            value = getattr(self, name).toPlainText()
        elif name == "run_in":
            value = self.run_in.isChecked()
        else:
            value = self.look[name].currentData()
        self.edited.emit({name: value})


# ============================================================================ document defaults


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line for line in edit.toPlainText().split("\n") if line.strip())


class DocumentForm(QWidget):
    """Document defaults of an outline and its description. Emits `changed` on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._appendices: tuple[dict[str, Any], ...] = ()
        hint = QLabel(S.DOCUMENT_HINT)
        hint.setWordWrap(True)
        self.doc_type = QComboBox()
        self.doc_type.setObjectName("doc_type")
        self.doc_type.setEditable(True)
        self.doc_type.addItems(S.DOC_TYPES)
        self.doc_type.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.symbol = QLineEdit()
        self.symbol.setObjectName("doc_symbol")
        self.symbol.setToolTip(S.SYMBOL_TIP)
        self.symbol.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.summary = text_edit(3)
        self.addressees = text_edit(3)
        self.addressees.setToolTip(S.ADDRESSEES_TIP)
        self.addressees.setPlaceholderText(S.ADDRESSEES_TIP)
        self.recipients = text_edit(5)
        self.recipients.setToolTip(S.RECIPIENTS_TIP)
        self.recipients.setPlaceholderText(S.RECIPIENTS_TIP)
        self.opening = text_edit()
        self.closing = text_edit(3)
        self.description = text_edit(4, S.PLACEHOLDER_DESCRIPTION)
        self.appendices = QLabel(S.NO_APPENDICES)
        self.appendices.setWordWrap(True)
        self.appendices.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.errors = {name: ErrorLabel() for name in (
            "doc_type", "symbol", "summary", "addressees", "opening", "closing", "recipients", "appendices",
            "description")}

        left = QGridLayout()
        left.setVerticalSpacing(4)
        type_row = QHBoxLayout()
        type_row.addWidget(self.doc_type, 1)
        type_row.addSpacing(12)
        type_row.addWidget(form_label(S.LABEL_SYMBOL))
        type_row.addWidget(self.symbol)
        rows: list[tuple[str, QWidget | QHBoxLayout, tuple[str, ...]]] = [
            (S.LABEL_DOC_TYPE, type_row, ("doc_type", "symbol")),
            (S.LABEL_SUMMARY, self.summary, ("summary",)),
            (S.LABEL_ADDRESSEES, self.addressees, ("addressees",)),
            (S.LABEL_RECIPIENTS, self.recipients, ("recipients",)),
            (S.LABEL_APPENDICES, self.appendices, ("appendices",)),
        ]
        self._grid(left, rows)
        right = QGridLayout()
        right.setVerticalSpacing(4)
        self._grid(right, [
            (S.LABEL_OPENING, self.opening, ("opening",)),
            (S.LABEL_CLOSING, self.closing, ("closing",)),
            (S.LABEL_DESCRIPTION, self.description, ("description",)),
        ])
        right.setRowStretch(right.rowCount() - 1, 0)
        right.setRowStretch(0, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(columns, 1)

        self.doc_type.editTextChanged.connect(self._changed)
        self.symbol.textEdited.connect(self._changed)
        for edit in (self.summary, self.addressees, self.recipients, self.opening, self.closing, self.description):
            edit.textChanged.connect(self._changed)

    def _grid(self, grid: QGridLayout, rows: list) -> None:
        row = 0
        for text, field_widget, errors in rows:
            grid.addWidget(form_label(text), row, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(field_widget, QWidget):
                grid.addWidget(field_widget, row, 1)
            else:
                grid.addLayout(field_widget, row, 1)
            row += 1
            for name in errors:
                grid.addWidget(self.errors[name], row, 1)
                row += 1
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(row, 1)  # spare height below the last field, not between them

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            for label in self.errors.values():
                label.show_message("")
            self.changed.emit()

    def set_document(self, document: outline_service.DocumentDefaults, description: str) -> None:
        self._loading = True
        try:
            self.doc_type.setEditText(document.doc_type)
            self.symbol.setText(document.symbol)
            self.summary.setPlainText(document.summary)
            self.addressees.setPlainText("\n".join(document.addressees))
            self.recipients.setPlainText("\n".join(document.recipients))
            self.opening.setPlainText(document.opening)
            self.closing.setPlainText(document.closing)
            self.description.setPlainText(description)
            self._appendices = document.appendices
            titles = [f"{index}. {item.get('title', '')}" for index, item in enumerate(document.appendices, 1)]
            self.appendices.setText("\n".join(titles) if titles else S.NO_APPENDICES)
        finally:
            self._loading = False
        for label in self.errors.values():
            label.show_message("")

    def document(self) -> outline_service.DocumentDefaults:
        return outline_service.DocumentDefaults(
            doc_type=self.doc_type.currentText(),
            symbol=self.symbol.text(),
            summary=self.summary.toPlainText(),
            addressees=_lines(self.addressees),
            opening=self.opening.toPlainText(),
            closing=self.closing.toPlainText(),
            recipients=_lines(self.recipients),
            appendices=self._appendices,
        )

    def description_text(self) -> str:
        return self.description.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        self.doc_type.setEnabled(not read_only)
        for edit in (self.symbol, self.summary, self.addressees, self.recipients, self.opening, self.closing,
                     self.description):
            edit.setReadOnly(read_only)

    def show_problems(self, problems: dict[str, str]) -> bool:
        """Show the problems that belong to this form; True if any did."""
        shown = False
        for name, message in problems.items():
            if name in self.errors:
                self.errors[name].show_message(message)
                shown = True
        return shown


# ============================================================================ the outline editor


@dataclass(frozen=True)
class _Snapshot:
    name: str
    kind: str
    description: str
    document: outline_service.DocumentDefaults
    tree: sections.Tree


class OutlineEditor(QWidget):
    """Edit one outline (or view a built-in one). Embeddable: the host shows it and asks
    `can_close()` before leaving."""

    back_requested = Signal()
    saved = Signal(int)  # an outline was saved or created (a copy, for a built-in)

    def __init__(self, ctx: AppContext, show_back: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outline_id: int | None = None
        self.builtin = False
        self._baseline: _Snapshot | None = None
        self._loading = False

        # -- top bar
        self.back_button = QPushButton(S.BACK)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self._back)
        self.back_button.setVisible(show_back)
        self.title_label = make_title(QLabel(S.NEW_TITLE))
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.flash_label = QLabel()
        self.flash_label.setStyleSheet("color: #1e6b2e;")
        self.copy_button = QPushButton(S.COPY_TO_EDIT)
        self.copy_button.setObjectName("copy_to_edit")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_to_edit)
        self.save_button = QPushButton(S.SAVE)
        self.save_button.setObjectName("save_outline")
        self.save_button.setToolTip(S.SAVE_TIP)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.flash_label)
        top.addWidget(self.copy_button)
        top.addWidget(self.save_button)

        self.banner = QLabel(S.BUILTIN_BANNER)
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("background: #fff4ce; padding: 4px;")

        self.name = QLineEdit()
        self.name.setObjectName("outline_name")
        self.name.setPlaceholderText(S.PLACEHOLDER_NAME)
        self.kind = QComboBox()
        self.kind.setObjectName("outline_kind")
        for key, text in S.KIND.items():
            self.kind.addItem(text, key)
        self.name_error = ErrorLabel()
        name_row = QGridLayout()
        name_row.addWidget(form_label(S.LABEL_NAME), 0, 0)
        name_row.addWidget(self.name, 0, 1)
        name_row.addWidget(form_label(S.LABEL_KIND), 0, 2)
        name_row.addWidget(self.kind, 0, 3)
        name_row.addWidget(self.name_error, 1, 1, 1, 3)
        name_row.setColumnStretch(1, 1)

        # -- sections tab
        self.tree_editor = SectionTreeEditor()
        self.tree_editor.install_shortcuts(self)
        self.form = SectionForm()
        splitter = QSplitter()
        splitter.addWidget(self.tree_editor)
        splitter.addWidget(self.form)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([540, 580])
        self.splitter = splitter

        # -- document tab
        self.document_form = DocumentForm()

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, S.TAB_SECTIONS)
        self.tabs.addTab(self.document_form, S.TAB_DOCUMENT)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(name_row)
        layout.addWidget(self.tabs, 1)

        self.tree_editor.current_changed.connect(self._show_current)
        self.tree_editor.tree_changed.connect(self._on_tree_changed)
        self.tree_editor.section_added.connect(self._focus_heading)
        self.form.edited.connect(lambda changes: self.tree_editor.update_current(**changes))
        self.document_form.changed.connect(self._update_title)
        self.name.textEdited.connect(self._on_name_edited)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_title())
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self.flash_label.setText(""))
        self.open_outline(None)

    # -- state ---------------------------------------------------------------------------
    def _snapshot(self) -> _Snapshot:
        return _Snapshot(self.name.text(), self.kind.currentData(), self.document_form.description_text(),
                         self.document_form.document(), self.tree_editor.tree())

    def is_dirty(self) -> bool:
        return not self.builtin and self._baseline is not None and self._snapshot() != self._baseline

    def _update_title(self) -> None:
        if self._loading:
            return
        if self.outline_id is None:
            text = S.NEW_TITLE
        else:
            text = S.EDITOR_TITLE.format(name=self._baseline.name if self._baseline else self.name.text())
        self.title_label.setText(("● " if self.is_dirty() else "") + text)
        self.title_label.setToolTip(text)
        count = self.tree_editor.model.section_count()
        self.tabs.setTabText(0, S.TAB_SECTIONS_COUNT.format(count=count) if count else S.TAB_SECTIONS)

    def flash(self, text: str) -> None:
        self.flash_label.setText(text)
        self._flash_timer.start(6000)

    # -- loading -------------------------------------------------------------------------
    def open_outline(self, outline_id: int | None, kind: str = "report") -> None:
        """Show an outline (None: a new one of `kind`). The caller checked unsaved edits first."""
        if outline_id is None:
            document, tree = outline_service.blank_outline(kind)
            self._fill(None, False, "", kind, "", document, tree)
            self.tabs.setCurrentIndex(0)
            self.name.setFocus()
            return
        detail = self.ctx.read(outline_service.get_outline, outline_id)
        self._fill(detail.id, detail.builtin, detail.name, detail.kind, detail.description, detail.document,
                   detail.tree)
        self.tabs.setCurrentIndex(0)
        self.tree_editor.view.setFocus()

    def _fill(self, outline_id: int | None, builtin: bool, name: str, kind: str, description: str,
              document: outline_service.DocumentDefaults, tree: sections.Tree, current: str | None = None) -> None:
        self._loading = True
        try:
            self.outline_id = outline_id
            self.builtin = builtin
            self.name.setText(name)
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.document_form.set_document(document, description)
            self.tree_editor.set_tree(tree, current)
            self.name_error.show_message("")
            self.flash_label.setText("")
        finally:
            self._loading = False
        self.banner.setVisible(builtin)
        self.copy_button.setVisible(builtin)
        self.save_button.setVisible(not builtin)
        self.name.setReadOnly(builtin)
        self.kind.setEnabled(not builtin)
        self.tree_editor.set_read_only(builtin)
        self.form.set_read_only(builtin)
        self.document_form.set_read_only(builtin)
        self._baseline = self._snapshot()
        self._show_current(self.tree_editor.current_key())
        self._update_title()

    def reload(self) -> None:
        """Read the outline again unless it has unsaved edits (another window changed it)."""
        if self.outline_id is None or self.is_dirty():
            return
        try:
            detail = self.ctx.read(outline_service.get_outline, self.outline_id)
        except NotFound:
            self.outline_id = None
            self._baseline = None
            self.back_requested.emit()
            return
        self._fill(detail.id, detail.builtin, detail.name, detail.kind, detail.description, detail.document,
                   detail.tree, self.tree_editor.current_key())

    # -- reacting ------------------------------------------------------------------------
    def _show_current(self, key: str | None) -> None:
        node = self.tree_editor.current_node()
        self.form.show_node(node, self.tree_editor.label(key))

    def _on_tree_changed(self, _tree: sections.Tree) -> None:
        self._show_current(self.tree_editor.current_key())
        self._update_title()

    def _on_name_edited(self, _text: str) -> None:
        self.name_error.show_message("")
        self._update_title()

    def _focus_heading(self, _key: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.form.heading.setFocus()

    # -- actions -------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the outline (one unit of work). False when refused or nothing to save."""
        if self.builtin:
            return False
        snapshot = self._snapshot()
        try:
            result = self.ctx.write(self, outline_service.save_outline, self.outline_id, snapshot.name,
                                    snapshot.kind, snapshot.description, snapshot.document, snapshot.tree)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        if result is None:
            return False
        outline_id = result[0]
        detail = self.ctx.read(outline_service.get_outline, outline_id)
        self._fill(detail.id, False, detail.name, detail.kind, detail.description, detail.document, detail.tree,
                   self.tree_editor.current_key())
        self.flash(S.SAVED)
        self.saved.emit(outline_id)
        return True

    def _show_problems(self, problems: dict[str, str]) -> None:
        if "name" in problems or "kind" in problems:
            self.name_error.show_message(problems.get("name") or problems["kind"])
            self.name.setFocus()
        if "sections" in problems:
            self.tree_editor.error.show_message(problems["sections"])
        description = {"description": problems["description"]} if "description" in problems else {}
        if self.document_form.show_problems({**problems, **description}):
            if not any(key in problems for key in ("name", "kind", "sections")):
                self.tabs.setCurrentIndex(1)
        elif "sections" in problems:
            self.tabs.setCurrentIndex(0)

    def copy_to_edit(self) -> int | None:
        """Make a user copy of the outline shown and open it for editing."""
        if self.outline_id is None:
            return None
        result = self.ctx.write(self, outline_service.copy_outline, self.outline_id)
        if result is None:
            return None
        copy_id = result[0]
        self.open_outline(copy_id)
        self.flash(S.COPIED.format(name=self.name.text()))
        self.saved.emit(copy_id)
        return copy_id

    def can_close(self) -> bool:
        """True when the editor may be left: nothing unsaved, saved now, or discarded."""
        if not self.is_dirty():
            return True
        answer = ask_save_changes(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._baseline = self._snapshot()
            self._update_title()
            return True
        return False

    def discard_changes(self) -> None:
        self._baseline = self._snapshot()
        self._update_title()

    def _back(self) -> None:
        if self.can_close():
            self.back_requested.emit()


__all__ = [
    "ACTIONS", "KEY_ROLE", "LABEL_ROLE", "NODE_ROLE", "DocumentForm", "OutlineEditor", "SectionForm",
    "SectionTreeEditor", "SectionTreeModel",
]
