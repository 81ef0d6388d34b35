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
BLOCK = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*$")
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


def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Runs of one paragraph. Unclosed marks print as typed (a lone `*` is not swallowed)."""
    tokens = _MARK.split(text)
    # Only marks that have a partner later in the line toggle a style.
    runs: list[Run] = []
    buffer = ""
    state_bold, state_italic = bold, italic
    opened: list[str] = []
    for index, token in enumerate(tokens):
        if not token:
            continue
        if token.startswith("\\") and len(token) == 2:
            buffer += token[1]
            continue
        if token in ("***", "**", "*"):
            closing = bool(opened) and opened[-1] == token
            if not closing and token not in tokens[index + 1:]:
                buffer += token
                continue
            if buffer:
                runs.append(Run(buffer, state_bold, state_italic))
                buffer = ""
            if closing:
                opened.pop()
            else:
                opened.append(token)
            if token in ("***", "**"):
                state_bold = not state_bold
            if token in ("***", "*"):
                state_italic = not state_italic
            continue
        buffer += token
    if buffer:
        runs.append(Run(buffer, state_bold, state_italic))
    return _merge(runs)


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
