"""A tree of document sections, shared by outlines (đề cương) and report bodies.

Pure and immutable: every operation takes a tree (a tuple of top-level `SectionNode`s) and
returns a new one; callers store it as JSON (`to_json` / `from_json`). Numbers are rendered from
the tree (`labels`), never typed. A node's `key` is stable for its life, so a form, an autosave
or a frozen figure can name a section even after it moves.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.core import numbering as nb
from desktop.core.errors import UserError
from desktop.core.vn import clean_line, clean_text
from desktop.strings import reports as S

Tree = tuple["SectionNode", ...]

# The heading's look per numbering style when the outline does not say (ND30 and ward practice):
# (upper case, bold, italic, centred).
HEADING_DEFAULTS: dict[str, tuple[bool, bool, bool, bool]] = {
    nb.PART: (True, True, False, True),  # "PHẦN I" line then the title, both centred and bold
    nb.UPPER_LETTER: (True, True, False, False),
    nb.ROMAN: (True, True, False, False),
    nb.ARABIC: (False, True, False, False),
    nb.DECIMAL: (False, True, False, False),
    nb.LOWER_LETTER: (False, True, False, False),
    nb.DASH: (False, False, True, False),
    nb.PLUS: (False, False, False, False),
    nb.NONE: (False, True, False, False),
}


def new_key() -> str:
    return secrets.token_hex(4)


@dataclass(frozen=True)
class SectionNode:
    key: str
    numbering: str = nb.ARABIC
    heading: str = ""
    guidance: str = ""  # help for the person filling the section in; never printed
    content: str = ""  # light markup (desktop.core.markup); default content in an outline
    upper: bool | None = None  # heading case/weight; None = HEADING_DEFAULTS for the style
    bold: bool | None = None
    italic: bool | None = None
    run_in: bool = False  # the heading starts the first paragraph ("2. Thống kê …: Tổng số …")
    children: Tree = field(default_factory=tuple)

    def look(self) -> tuple[bool, bool, bool, bool]:
        """(upper, bold, italic, centred) of the heading, defaults filled in."""
        upper, bold, italic, centred = HEADING_DEFAULTS.get(self.numbering, (False, True, False, False))
        return (
            upper if self.upper is None else self.upper,
            bold if self.bold is None else self.bold,
            italic if self.italic is None else self.italic,
            centred,
        )


# ------------------------------------------------------------------------ JSON


def node_to_json(node: SectionNode) -> dict[str, Any]:
    data: dict[str, Any] = {"key": node.key, "numbering": node.numbering, "heading": node.heading}
    for name in ("guidance", "content"):
        if getattr(node, name):
            data[name] = getattr(node, name)
    for name in ("upper", "bold", "italic"):
        if getattr(node, name) is not None:
            data[name] = getattr(node, name)
    if node.run_in:
        data["run_in"] = True
    if node.children:
        data["children"] = [node_to_json(child) for child in node.children]
    return data


def to_json(tree: Tree) -> list[dict[str, Any]]:
    return [node_to_json(node) for node in tree]


class BadTree(UserError):
    pass


def _text(data: dict[str, Any], name: str, line: bool = False) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise BadTree(S.BAD_FIELD.format(field=name))
    return clean_line(value) if line else clean_text(value)


def _flag(data: dict[str, Any], name: str) -> bool | None:
    value = data.get(name)
    if value is not None and not isinstance(value, bool):
        raise BadTree(S.BAD_FIELD.format(field=name))
    return value


def node_from_json(data: Any, seen: set[str] | None = None, depth: int = 0) -> SectionNode:
    """Read one node, checking every field (files come from other offices). Missing keys get
    new ones; duplicate keys are replaced so keys stay unique within the tree."""
    seen = set() if seen is None else seen
    if not isinstance(data, dict) or depth > 20:
        raise BadTree(S.BAD_FIELD.format(field="sections"))
    numbering = data.get("numbering", nb.ARABIC)
    if numbering not in nb.NUMBERING_STYLES:
        raise BadTree(S.BAD_FIELD.format(field="numbering"))
    key = data.get("key") or new_key()
    if not isinstance(key, str) or key in seen:
        key = new_key()
    seen.add(key)
    children = data.get("children", [])
    if not isinstance(children, list):
        raise BadTree(S.BAD_FIELD.format(field="children"))
    return SectionNode(
        key=key,
        numbering=numbering,
        heading=_text(data, "heading"),
        guidance=_text(data, "guidance"),
        content=_text(data, "content"),
        upper=_flag(data, "upper"),
        bold=_flag(data, "bold"),
        italic=_flag(data, "italic"),
        run_in=bool(_flag(data, "run_in")),
        children=tuple(node_from_json(child, seen, depth + 1) for child in children),
    )


def from_json(data: Any) -> Tree:
    if not isinstance(data, list):
        raise BadTree(S.BAD_FIELD.format(field="sections"))
    seen: set[str] = set()
    return tuple(node_from_json(item, seen) for item in data)


# ------------------------------------------------------------------------ reading


def walk(tree: Tree, depth: int = 0) -> Iterator[tuple[SectionNode, int]]:
    """Every node in document order with its depth (0 = top level)."""
    for node in tree:
        yield node, depth
        yield from walk(node.children, depth + 1)


def find(tree: Tree, key: str) -> SectionNode | None:
    return next((node for node, _ in walk(tree) if node.key == key), None)


def labels(tree: Tree) -> dict[str, str]:
    """The rendered number of every node: {"k1": "A.", "k2": "I.", "k3": "1.", …}."""
    children: dict[str | None, list[tuple[str, str]]] = {None: [(n.key, n.numbering) for n in tree]}
    for node, _ in walk(tree):
        children[node.key] = [(c.key, c.numbering) for c in node.children]
    return nb.number_tree(children)


def title(node: SectionNode, label: str) -> str:
    """How the section reads in a tree view: "I. VỀ CÔNG TÁC CHỈ ĐẠO"."""
    heading = node.heading or S.UNTITLED
    return f"{label} {heading}".strip()


# ------------------------------------------------------------------------ editing


def _locate(tree: Tree, key: str, parent: str | None = None) -> tuple[str | None, int] | None:
    """(parent key, index among its siblings) of a node."""
    for index, node in enumerate(tree):
        if node.key == key:
            return parent, index
        found = _locate(node.children, key, node.key)
        if found:
            return found
    return None


def _siblings(tree: Tree, parent: str | None) -> Tree:
    if parent is None:
        return tree
    node = find(tree, parent)
    return node.children if node else ()


def _set_siblings(tree: Tree, parent: str | None, siblings: Tree) -> Tree:
    if parent is None:
        return siblings
    return map_nodes(tree, lambda n: replace(n, children=siblings) if n.key == parent else n)


def map_nodes(tree: Tree, fn: Callable[[SectionNode], SectionNode]) -> Tree:
    """Apply fn to every node, children first (fn sees the node with its new children)."""
    return tuple(fn(replace(node, children=map_nodes(node.children, fn))) for node in tree)


def _require(tree: Tree, key: str) -> tuple[str | None, int]:
    where = _locate(tree, key)
    if where is None:
        raise UserError(S.SECTION_NOT_FOUND)
    return where


def _child_style(parent: SectionNode | None, siblings: Tree) -> str:
    if siblings:
        return siblings[-1].numbering
    return nb.DEFAULT_CHILD_STYLE.get(parent.numbering if parent else None, nb.ARABIC)


def add_child(tree: Tree, parent_key: str | None, node: SectionNode | None = None) -> tuple[Tree, str]:
    """Append a child (top level when parent_key is None); its style follows its siblings."""
    parent = find(tree, parent_key) if parent_key else None
    if parent_key and parent is None:
        raise UserError(S.SECTION_NOT_FOUND)
    siblings = _siblings(tree, parent_key)
    node = node or SectionNode(key=new_key(), numbering=_child_style(parent, siblings))
    return _set_siblings(tree, parent_key, siblings + (node,)), node.key


def add_sibling(tree: Tree, key: str, node: SectionNode | None = None) -> tuple[Tree, str]:
    """Insert right after `key`, with the same style."""
    parent, index = _require(tree, key)
    siblings = _siblings(tree, parent)
    node = node or SectionNode(key=new_key(), numbering=siblings[index].numbering)
    return _set_siblings(tree, parent, siblings[: index + 1] + (node,) + siblings[index + 1:]), node.key


def update(tree: Tree, key: str, **changes: Any) -> Tree:
    _require(tree, key)
    if "children" in changes or "key" in changes:
        raise ValueError("update() changes fields, not the tree shape")
    return map_nodes(tree, lambda n: replace(n, **changes) if n.key == key else n)


def remove(tree: Tree, key: str) -> Tree:
    parent, index = _require(tree, key)
    siblings = _siblings(tree, parent)
    return _set_siblings(tree, parent, siblings[:index] + siblings[index + 1:])


def move(tree: Tree, key: str, offset: int) -> Tree:
    """Move among its siblings (offset -1 up, +1 down); at an end nothing changes."""
    parent, index = _require(tree, key)
    siblings = list(_siblings(tree, parent))
    target = index + offset
    if not 0 <= target < len(siblings):
        return tree
    siblings.insert(target, siblings.pop(index))
    return _set_siblings(tree, parent, tuple(siblings))


def can_indent(tree: Tree, key: str) -> bool:
    where = _locate(tree, key)
    return bool(where and where[1] > 0)


def can_outdent(tree: Tree, key: str) -> bool:
    where = _locate(tree, key)
    return bool(where and where[0] is not None)


def indent(tree: Tree, key: str) -> Tree:
    """Become the last child of the previous sibling, taking that level's style."""
    parent, index = _require(tree, key)
    if index == 0:
        return tree
    siblings = _siblings(tree, parent)
    node, new_parent = siblings[index], siblings[index - 1]
    node = replace(node, numbering=_child_style(new_parent, new_parent.children))
    new_parent = replace(new_parent, children=new_parent.children + (node,))
    return _set_siblings(tree, parent, siblings[: index - 1] + (new_parent,) + siblings[index + 1:])


def outdent(tree: Tree, key: str) -> Tree:
    """Become the next sibling of its parent, taking the parent's style; the siblings that
    followed it stay where they are."""
    parent, index = _require(tree, key)
    if parent is None:
        return tree
    grand, parent_index = _require(tree, parent)
    parent_node = find(tree, parent)
    assert parent_node is not None
    node = replace(parent_node.children[index], numbering=parent_node.numbering)
    parent_node = replace(parent_node, children=parent_node.children[:index] + parent_node.children[index + 1:])
    uncles = _siblings(tree, grand)
    return _set_siblings(tree, grand, uncles[:parent_index] + (parent_node, node) + uncles[parent_index + 1:])


def with_new_keys(tree: Tree) -> Tree:
    """A copy with fresh keys (a report made from an outline must not share its keys)."""
    return map_nodes(tree, lambda n: replace(n, key=new_key()))
