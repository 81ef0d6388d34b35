"""Section numbering rendered from a tree, never typed: PHẦN I / A. / I. / 1. / 1.1. / a) / - / +.

Each section has a numbering style; its counter is its index among the siblings that share that
style, so an unnumbered paragraph between `1.` and the next item does not break the count. Used by
plans, outlines and reports alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Hashable, TypeVar

PART = "part"  # PHẦN I, PHẦN II (own line, centred)
UPPER_LETTER = "upper_letter"
ROMAN = "roman"
ARABIC = "arabic"
DECIMAL = "decimal"
LOWER_LETTER = "lower_letter"
DASH = "dash"
PLUS = "plus"
NONE = "none"
NUMBERING_STYLES = (PART, UPPER_LETTER, ROMAN, ARABIC, DECIMAL, LOWER_LETTER, DASH, PLUS, NONE)

# Vietnamese alphabetical order for lettered points (ND30): no f, j, w, z; đ after d.
VIETNAMESE_LETTERS = tuple("a b c d đ e g h i k l m n o p q r s t u v x y".split())

# The style a new child gets when its parent has no children yet (key None: top level).
DEFAULT_CHILD_STYLE: dict[str | None, str] = {
    None: ROMAN,
    PART: UPPER_LETTER,
    UPPER_LETTER: ROMAN,
    ROMAN: ARABIC,
    ARABIC: DECIMAL,
    DECIMAL: LOWER_LETTER,
    LOWER_LETTER: DASH,
    DASH: PLUS,
    PLUS: PLUS,
    NONE: ARABIC,
}

_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def to_roman(number: int) -> str:
    """1 -> "I", 4 -> "IV", 14 -> "XIV"."""
    if number < 1:
        raise ValueError(f"roman numerals start at 1, got {number}")
    parts = []
    for value, digits in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        parts.append(digits * count)
    return "".join(parts)


def vietnamese_letter(number: int) -> str:
    """1 -> "a", 5 -> "đ", 23 -> "y", 24 -> "aa" (bijective base 23 beyond the alphabet)."""
    if number < 1:
        raise ValueError(f"letters start at 1, got {number}")
    base = len(VIETNAMESE_LETTERS)
    letters = []
    while number:
        number, rest = divmod(number - 1, base)
        letters.append(VIETNAMESE_LETTERS[rest])
    return "".join(reversed(letters))


def _number_part(label: str) -> str:
    """The numeric part of a rendered label usable as a prefix: "1." -> "1", "II." -> "II", "-" -> ""."""
    if label.startswith("PHẦN "):  # parts restart the decimal numbering of their items
        return ""
    core = label.rstrip(".)")
    return core if core and core[-1].isalnum() else ""


def render_label(style: str, index: int, parent_label: str = "") -> str:
    """The number printed before a heading.

    `index` is the 1-based counter among the siblings that have the same style; `parent_label`
    is the parent's rendered label (used by `decimal` only: "1." + 2 -> "1.2.", "1.2." + 1 ->
    "1.2.1."; with no numbered parent a decimal item reads like an arabic one).
    """
    if index < 1:
        raise ValueError(f"index starts at 1, got {index}")
    if style == PART:
        return f"PHẦN {to_roman(index)}"
    if style == UPPER_LETTER:
        return f"{vietnamese_letter(index).upper()}."
    if style == ROMAN:
        return f"{to_roman(index)}."
    if style == ARABIC:
        return f"{index}."
    if style == DECIMAL:
        prefix = _number_part(parent_label)
        return f"{prefix}.{index}." if prefix else f"{index}."
    if style == LOWER_LETTER:
        return f"{vietnamese_letter(index)})"
    if style == DASH:
        return "-"
    if style == PLUS:
        return "+"
    if style == NONE:
        return ""
    raise ValueError(f"unknown numbering style {style!r}")


K = TypeVar("K", bound=Hashable)


def number_tree(children: Mapping[K | None, Sequence[tuple[K, str]]]) -> dict[K, str]:
    """Labels for a whole tree given, per parent key (None for the top level), the ordered
    (key, style) pairs of its children. Pure; the counter is per style within each parent."""
    labels: dict[K, str] = {}
    stack: list[tuple[K | None, str]] = [(None, "")]
    seen: set = set()
    while stack:
        parent, parent_label = stack.pop()
        if parent in seen:  # a corrupted cycle must not hang the program
            continue
        seen.add(parent)
        counters: dict[str, int] = {}
        pending = []
        for key, style in children.get(parent, ()):
            counters[style] = counters.get(style, 0) + 1
            labels[key] = render_label(style, counters[style], parent_label)
            pending.append((key, labels[key]))
        stack.extend(reversed(pending))
    return labels
