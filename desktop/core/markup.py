"""The light markup of section text, as a clerk types it.

- every non-blank line is a paragraph; `- ` and `+ ` start bullet paragraphs (the bullet prints);
- `**bold**`, `*italic*`, `***bold italic***`; a backslash keeps the next character literal (`\\*`);
- `{{CODE}}` inside a line is a live field (an indicator value or a period word), filled in when
  the report is shown or printed;
- a line that is only `[[…]]` is a data block (task statistics, an indicator table, …) that
  expands into paragraphs or a table.

Fields and blocks are resolved by desktop.core.blocks; this module only reads the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.document import Run
from desktop.core.vn import nfc

FIELD = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
# A block line holds one block: "[[A]] và [[B]]" is a paragraph, not a block named "A]] và [[B".
BLOCK = re.compile(r"^\s*\[\[\s*([^\[\]\s][^\[\]]*?)\s*\]\]\s*$")
_MARK = re.compile(r"(\\.|\*\*\*|\*\*|\*)")

PARAGRAPH = "paragraph"
DASH = "dash"
PLUS = "plus"
BLOCK_LINE = "block"


@dataclass(frozen=True)
class Line:
    kind: str  # paragraph | dash | plus | block
    text: str  # the line as typed (a block: what is inside the brackets)


def split_lines(content: str) -> list[Line]:
    result = []
    for raw in nfc(content or "").split("\n"):
        text = raw.strip()
        if not text:
            continue
        block = BLOCK.match(text)
        if block:
            result.append(Line(BLOCK_LINE, block.group(1)))
        elif text.startswith("- ") or text == "-":
            result.append(Line(DASH, text))
        elif text.startswith("+ ") or text == "+":
            result.append(Line(PLUS, text))
        else:
            result.append(Line(PARAGRAPH, text))
    return result


_FLAGS = {"*": frozenset("i"), "**": frozenset("b"), "***": frozenset("bi")}


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Runs of one paragraph. Marks are paired innermost first; `***` may close a `*` and a
    `**` together (`**a *b***`) or open both. Marks without a partner print as typed (a lone
    `*` is not swallowed), and crossing marks (`*a **b* c**`) stay literal."""
    # items: text strings, or a mark [token, closes, opens, position] where closes/opens are
    # the flags ("b", "i") it toggles once paired
    items: list[str | list] = []
    for token in _MARK.split(text):
        if not token:
            continue
        if token.startswith("\\") and len(token) == 2:
            items.append(token[1])
        elif token in _FLAGS:
            items.append([token, set(), set(), len(items)])
        else:
            items.append(token)
    openers: list[tuple[list, set[str]]] = []  # (mark, flags still waiting for a partner)
    for item in items:
        if isinstance(item, str):
            continue
        remaining = set(_FLAGS[item[0]])
        while remaining and openers:
            opener, pending = openers[-1]
            common = pending & remaining
            if not common or opener[3] + 1 == item[3]:  # nothing between: "****" stays literal
                break
            opener[2].update(common)
            item[1].update(common)
            pending -= common
            remaining -= common
            if not pending:
                openers.pop()
        if remaining:
            openers.append((item, remaining))

    runs: list[Run] = []
    buffer = ""
    state = {"b": bold, "i": italic}
    for item in items:
        if isinstance(item, str):
            buffer += item
            continue
        token, closes, opens, _position = item
        literal = _literal(_FLAGS[token] - closes - opens)
        toggles = closes | opens
        if not toggles:
            buffer += token
            continue
        if not closes:
            buffer += literal
        if buffer:
            runs.append(Run(buffer, state["b"], state["i"]))
            buffer = ""
        for flag in toggles:
            state[flag] = not state[flag]
        if closes:
            buffer += literal
    if buffer:
        runs.append(Run(buffer, state["b"], state["i"]))
    return _merge(runs)


def _literal(flags: frozenset[str] | set[str]) -> str:
    return ("**" if "b" in flags else "") + ("*" if "i" in flags else "")


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def escape(text: str) -> str:
    """Make a value safe to insert into markup: its `*`, `\\`, braces and brackets print as is."""
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    return text.replace("{{", "{\\{").replace("[[", "[\\[")


def plain(text: str) -> str:
    """The text of a line without its marks."""
    return "".join(run.text for run in parse_inline(text))


def fields(content: str) -> list[str]:
    """Field names used in the content, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in FIELD.finditer(content or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)


def blocks(content: str) -> list[str]:
    return [line.text for line in split_lines(content) if line.kind == BLOCK_LINE]
