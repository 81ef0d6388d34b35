"""The shared section tree (desktop.core.sections) and its labels (desktop.core.numbering)."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.core import numbering as nb
from desktop.core import sections as s
from desktop.core.errors import UserError


def node(key: str, numbering: str = nb.ARABIC, heading: str = "", *children: s.SectionNode, **fields) -> s.SectionNode:
    return s.SectionNode(key=key, numbering=numbering, heading=heading or key, children=tuple(children), **fields)


def rendered(tree: s.Tree) -> list[str]:
    """Each node as "<indent><label> <heading>" — what the tree view shows."""
    labels = s.labels(tree)
    return ["  " * depth + s.title(n, labels[n.key]) for n, depth in s.walk(tree)]


def an_hai() -> s.Tree:
    return (
        node("A", nb.UPPER_LETTER, "LÃNH ĐẠO"),
        node("B", nb.UPPER_LETTER, "KẾT QUẢ",
             node("I", nb.ROMAN, "CHỈ ĐẠO",
                  node("I1", nb.ARABIC, "Họp"),
                  node("I2", nb.ARABIC, "Nhiệm vụ",
                       node("p1", nb.DASH, "Giai đoạn 1", node("q1", nb.PLUS, "hoàn thành")),
                       node("p2", nb.DASH, "Giai đoạn 2"))),
             node("II", nb.ROMAN, "THỂ CHẾ",
                  node("II1", nb.ARABIC, "Kết quả"),
                  node("II3", nb.ARABIC, "Nguyên nhân",
                       node("k", nb.NONE, "Khách quan"),
                       node("c", nb.NONE, "Chủ quan"),
                       node("x", nb.DECIMAL, "Khác"),
                       node("y", nb.LOWER_LETTER, "điểm"),
                       node("z", nb.LOWER_LETTER, "điểm")))),
    )


def test_labels_of_every_style():
    assert rendered(an_hai()) == [
        "A. LÃNH ĐẠO",
        "B. KẾT QUẢ",
        "  I. CHỈ ĐẠO",
        "    1. Họp",
        "    2. Nhiệm vụ",
        "      - Giai đoạn 1",
        "        + hoàn thành",
        "      - Giai đoạn 2",
        "  II. THỂ CHẾ",
        "    1. Kết quả",
        "    2. Nguyên nhân",
        "      Khách quan",  # unnumbered: no label, and the numbered siblings still count from 1
        "      Chủ quan",
        "      2.1. Khác",
        "      a) điểm",
        "      b) điểm",
    ]


def test_parts_with_numbered_items_and_decimal_under_parts():
    tree = (
        node("P1", nb.PART, "ĐÁNH GIÁ", node("a", nb.ARABIC, "Kết quả", node("a1", nb.DECIMAL, "Chi tiết")),
             node("b", nb.ARABIC, "Hạn chế")),
        node("P2", nb.PART, "NHIỆM VỤ", node("c", nb.DECIMAL, "Một"), node("d", nb.DECIMAL, "Hai")),
        node("P3", nb.PART, "KIẾN NGHỊ"),
    )
    assert rendered(tree) == [
        "PHẦN I ĐÁNH GIÁ", "  1. Kết quả", "    1.1. Chi tiết", "  2. Hạn chế",
        "PHẦN II NHIỆM VỤ", "  1. Một", "  2. Hai",  # a part does not prefix its items: "1." not "II.1."
        "PHẦN III KIẾN NGHỊ",
    ]


def test_render_label_edges():
    assert nb.render_label(nb.ROMAN, 14) == "XIV."
    assert nb.render_label(nb.PART, 4) == "PHẦN IV"
    assert [nb.render_label(nb.LOWER_LETTER, i) for i in (4, 5, 6, 23, 24)] == ["d)", "đ)", "e)", "y)", "aa)"]
    assert nb.render_label(nb.UPPER_LETTER, 5) == "Đ."
    assert nb.render_label(nb.DECIMAL, 3, "1.2.") == "1.2.3."
    assert nb.render_label(nb.DECIMAL, 2, "-") == "2."
    assert nb.render_label(nb.NONE, 7) == ""
    with pytest.raises(ValueError):
        nb.render_label(nb.ARABIC, 0)
    with pytest.raises(ValueError):
        nb.render_label("greek", 1)


def test_add_child_and_sibling_take_the_right_style():
    tree, first = s.add_child((), None)
    assert s.labels(tree)[first] == "I."
    tree, child = s.add_child(tree, first)
    assert s.find(tree, child).numbering == nb.ARABIC
    tree, grandchild = s.add_child(tree, child)
    assert s.find(tree, grandchild).numbering == nb.DECIMAL and s.labels(tree)[grandchild] == "1.1."
    tree, sibling = s.add_sibling(tree, child)
    assert s.labels(tree)[sibling] == "2."
    tree = s.update(tree, sibling, numbering=nb.LOWER_LETTER)
    tree, after = s.add_child(tree, first)  # follows the last sibling's style
    assert s.labels(tree)[after] == "b)"
    tree, part = s.add_child((), None, s.SectionNode(key="P", numbering=nb.PART))
    tree, item = s.add_child(tree, "P")
    assert s.find(tree, item).numbering == nb.UPPER_LETTER
    with pytest.raises(UserError):
        s.add_child(tree, "missing")
    with pytest.raises(UserError):
        s.add_sibling(tree, "missing")


def test_add_sibling_inserts_right_after():
    tree = (node("a", nb.ROMAN), node("b", nb.ROMAN), node("c", nb.ROMAN))
    tree, new = s.add_sibling(tree, "a")
    assert [n.key for n in tree] == ["a", new, "b", "c"]
    assert [s.labels(tree)[k] for k in ("a", new, "b", "c")] == ["I.", "II.", "III.", "IV."]


def test_move_renumbers_and_stops_at_the_ends():
    tree = (node("a", nb.ROMAN, "Một"), node("b", nb.ROMAN, "Hai"), node("c", nb.ROMAN, "Ba"))
    moved = s.move(tree, "c", -1)
    assert rendered(moved) == ["I. Một", "II. Ba", "III. Hai"]
    assert s.move(tree, "a", -1) == tree and s.move(tree, "c", +1) == tree
    nested = (node("p", nb.ROMAN, "Cha", node("x", heading="X"), node("y", heading="Y")),)
    assert rendered(s.move(nested, "x", 1)) == ["I. Cha", "  1. Y", "  2. X"]


def test_indent_and_outdent():
    tree = tuple(node(key, nb.ROMAN, heading) for key, heading in zip("abcd", ("Một", "Hai", "Ba", "Bốn")))
    assert not s.can_indent(tree, "a") and s.can_indent(tree, "b")
    assert s.indent(tree, "a") == tree
    tree = s.indent(tree, "b")  # under "Một", with the default child style
    assert rendered(tree) == ["I. Một", "  1. Hai", "II. Ba", "III. Bốn"]
    tree = s.indent(tree, "c")  # joins "Hai" under "Một", taking its sibling's style
    assert rendered(tree) == ["I. Một", "  1. Hai", "  2. Ba", "II. Bốn"]
    assert s.can_outdent(tree, "b") and not s.can_outdent(tree, "a")
    assert s.outdent(tree, "a") == tree
    tree = s.outdent(tree, "b")  # the next sibling of its parent; "Ba" stays under "Một"
    assert rendered(tree) == ["I. Một", "  1. Ba", "II. Hai", "III. Bốn"]
    tree = s.indent(s.indent(tree, "b"), "d")
    assert rendered(tree) == ["I. Một", "  1. Ba", "  2. Hai", "  3. Bốn"]
    tree = s.indent(tree, "d")  # under "Hai" now: one level deeper, decimal
    assert rendered(tree) == ["I. Một", "  1. Ba", "  2. Hai", "    2.1. Bốn"]


def test_update_remove_find_and_walk():
    tree = an_hai()
    tree = s.update(tree, "I1", heading="Số cuộc họp", run_in=True)
    assert s.find(tree, "I1").heading == "Số cuộc họp" and s.find(tree, "I1").run_in
    with pytest.raises(ValueError):
        s.update(tree, "I1", children=())
    with pytest.raises(UserError):
        s.update(tree, "missing", heading="x")
    removed = s.remove(tree, "I2")
    assert s.find(removed, "I2") is None and s.find(removed, "p1") is None
    assert [n.key for n, _ in s.walk(removed)][:4] == ["A", "B", "I", "I1"]
    assert max(depth for _, depth in s.walk(tree)) == 4
    assert s.find(tree, "nope") is None
    with pytest.raises(UserError):
        s.remove(tree, "nope")
    with pytest.raises(UserError):
        s.move(tree, "nope", 1)


def test_look_defaults_and_overrides():
    assert node("a", nb.ROMAN).look() == (True, True, False, False)
    assert node("a", nb.PART).look() == (True, True, False, True)
    assert node("a", nb.DASH).look() == (False, False, True, False)
    assert node("a", nb.DASH, bold=True, italic=False).look() == (False, True, False, False)
    assert node("a", nb.ROMAN, upper=False).look()[0] is False


def test_json_round_trip_and_checks():
    tree = s.update(an_hai(), "I1", guidance="Hướng dẫn", content="Nội dung {{năm}}", bold=False, run_in=True)
    data = s.to_json(tree)
    assert "guidance" not in data[0] and "children" not in data[0]  # empty fields are left out
    assert s.from_json(data) == tree
    with pytest.raises(s.BadTree):
        s.from_json({"heading": "x"})
    with pytest.raises(s.BadTree):
        s.from_json([{"numbering": "greek"}])
    with pytest.raises(s.BadTree):
        s.from_json([{"heading": 5}])
    with pytest.raises(s.BadTree):
        s.from_json([{"bold": "yes"}])
    with pytest.raises(s.BadTree):
        s.from_json([{"children": {}}])
    deep: dict = {"heading": "x"}
    for _ in range(25):
        deep = {"heading": "x", "children": [deep]}
    with pytest.raises(s.BadTree):
        s.from_json([deep])


def test_from_json_normalises_and_repairs_keys():
    decomposed = unicodedata.normalize("NFD", "Kết quả")
    tree = s.from_json([{"key": "a", "heading": decomposed}, {"key": "a", "heading": "Hai"}, {"heading": "Ba"}])
    assert tree[0].heading == "Kết quả"
    keys = [n.key for n in tree]
    assert keys[0] == "a" and len(set(keys)) == 3 and all(keys)
    assert tree[2].numbering == nb.ARABIC


def test_with_new_keys_keeps_everything_else():
    tree = an_hai()
    copy = s.with_new_keys(tree)
    old = [n.key for n, _ in s.walk(tree)]
    new = [n.key for n, _ in s.walk(copy)]
    assert not set(old) & set(new) and len(set(new)) == len(new)
    assert rendered(copy) == rendered(tree)


def test_title_of_an_untitled_section():
    tree, key = s.add_child((), None)
    assert s.title(s.find(tree, key), s.labels(tree)[key]) == "I. (chưa có tiêu đề)"
