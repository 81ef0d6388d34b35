"""Lay a `PrintDocument` out on A4 pages by the rules of Nghị định 30/2020 (nd30-layout.md).

The result is a display list (`LaidOut`): pages of positioned text runs and rules, painted by the
PDF writer (`desktop.printing.pdf`) and by the Qt preview/printer alike. Every size comes from
`LayoutSettings`; the few typographic proportions below (where a rule sits under its text, cell
padding) are expressed in ems of the text they belong to.

How it works: every block becomes a list of *slabs* — one per line of a paragraph, one per table
row, one for the page-1 header, one for the signature block — each with its height, its items
(relative to its own top), the space around it and whether a page break may follow it
(`keep`). The paginator stacks slabs on pages; when one does not fit, it walks back over the
slabs that must stay with what follows (headings, orphan/widow lines, the last paragraph before
the signature) and moves them to the next page together, repeating a table's header rows there.
Text is measured with the document's TrueType fonts (reportlab metrics, no kerning).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.core import vn
from desktop.core.document import (
    CENTER,
    DEFAULT_SETTINGS,
    JUSTIFY,
    LEFT,
    MOTTO,
    NATIONAL_TITLE,
    RIGHT,
    Appendix,
    Block,
    Header,
    LayoutSettings,
    Para,
    PrintDocument,
    Table,
    TableRow,
)
from desktop.core.errors import UserError
from desktop.printing.fonts import bundled_fonts, find_fonts, register
from desktop.printing.pages import (
    BOLD,
    BOLD_ITALIC,
    ITALIC,
    REGULAR,
    STYLES,
    FontSet,
    LaidOut,
    LineItem,
    Page,
    TextItem,
    style_of,
)
from desktop.strings import printing as P

# Typographic proportions, in ems of the text concerned (Times New Roman / Liberation Serif).
ASCENT = 0.891  # baseline below the top of the glyph box
DESCENT = 0.216
RULE_DROP = 0.5  # a rule under a line of text sits this far below the baseline (clear of the descenders)
RULE_WIDTH = 0.5  # pt: header rules
GRID_WIDTH = 0.5  # pt: table grid
CELL_PAD_X = 0.3
CELL_PAD_Y = 0.15
HEADER_GAP = 0.45  # extra space above boxes 3/4 and between boxes, in lines of the text that follows
SIGNATURE_SHARE = 0.5  # the signature column: half the text width …
SIGNATURE_MAX_SHARE = 0.7  # … widened up to this for long authority lines
EPS = 0.01

SECTION_BODY = "body"


# --------------------------------------------------------------------------- measuring

class _Measure:
    """Advance widths at 1 pt, cached per style (the same words recur all through a document)."""

    def __init__(self, names: dict[str, str]) -> None:
        from reportlab.pdfbase import pdfmetrics

        self._fns = {style: pdfmetrics.getFont(names[style]).stringWidth for style in STYLES}
        self._cache: dict[str, dict[str, float]] = {style: {} for style in STYLES}

    def em(self, text: str, style: str) -> float:
        cache = self._cache[style]
        width = cache.get(text)
        if width is None:
            width = cache[text] = self._fns[style](text, 1.0)
        return width


# --------------------------------------------------------------------------- words and lines

class _Word:
    __slots__ = ("em", "pieces")

    def __init__(self, pieces: list[tuple[str, str]], em: float) -> None:
        self.pieces = pieces  # (text, style) — a word may change style midway ("**57**-NQ")
        self.em = em


class _Glue:
    __slots__ = ("em", "style", "text")

    def __init__(self, text: str, style: str, em: float) -> None:
        self.text = text  # the spaces as given (a blank number "Số:      /BC" keeps its gap)
        self.style = style
        self.em = em


_NEWLINE = object()
_SPLIT = re.compile(r"(\n)|([ \t]+)")


class _Line:
    __slots__ = ("em", "last", "parts")

    def __init__(self, parts: list, em: float, last: bool) -> None:
        self.parts = parts
        self.em = em  # natural width at 1 pt
        self.last = last  # ends the paragraph or a forced break: never stretched


def _tokens(runs: Sequence[tuple[str, str]], measure: _Measure) -> list:
    tokens: list = []
    pieces: list[tuple[str, str]] = []
    word_em = 0.0
    for raw, style in runs:
        text = vn.nfc(raw)
        pos = 0
        for match in _SPLIT.finditer(text):
            if match.start() > pos:
                piece = text[pos:match.start()]
                pieces.append((piece, style))
                word_em += measure.em(piece, style)
            if pieces:
                tokens.append(_Word(pieces, word_em))
                pieces, word_em = [], 0.0
            if match.group(1):
                tokens.append(_NEWLINE)
            else:
                gap = match.group(2).replace("\t", " ")
                tokens.append(_Glue(gap, style, measure.em(gap, style)))
            pos = match.end()
        if pos < len(text):
            piece = text[pos:]
            pieces.append((piece, style))
            word_em += measure.em(piece, style)
    if pieces:
        tokens.append(_Word(pieces, word_em))
    return tokens


def _split_word(word: _Word, first_limit: float, limit: float, measure: _Measure) -> list[_Word]:
    """Cut a word wider than a line into chunks that fit (at least one character each)."""
    chunks: list[_Word] = []
    pieces: list[tuple[str, str]] = []
    current: list[str] = []
    current_style = ""
    em = 0.0
    bound = first_limit

    def close_piece() -> None:
        if current:
            pieces.append(("".join(current), current_style))
            current.clear()

    for text, style in word.pieces:
        close_piece()
        current_style = style
        for char in text:
            char_em = measure.em(char, style)
            if em + char_em > bound + EPS and (pieces or current):
                close_piece()
                chunks.append(_Word(pieces, em))
                pieces, em, bound = [], 0.0, limit
            current.append(char)
            em += char_em
    close_piece()
    if pieces:
        chunks.append(_Word(pieces, em))
    return chunks


def _break(tokens: list, size: float, first_width: float, width: float, measure: _Measure) -> list[_Line]:
    """Greedy line breaking at spaces; words longer than a line are cut by characters."""
    lines: list[_Line] = []
    limit = max(first_width, 0.0) / size  # in ems
    rest_limit = max(width, 0.0) / size
    parts: list = []
    line_em = 0.0
    has_word = False
    wrapped = False  # the current line began at an automatic break: leading spaces are dropped
    pending: list[_Glue] = []

    def finish(last: bool) -> None:
        nonlocal parts, line_em, has_word, limit
        lines.append(_Line(parts, line_em, last))
        parts, line_em, has_word, limit = [], 0.0, False, rest_limit

    for token in tokens:
        if token is _NEWLINE:
            finish(True)
            pending, wrapped = [], False
            continue
        if isinstance(token, _Glue):
            if has_word:
                pending.append(token)
            elif not wrapped:
                parts.append(token)  # leading spaces the author typed
                line_em += token.em
            continue
        gap = sum(glue.em for glue in pending)
        if has_word and line_em + gap + token.em > limit + EPS:
            finish(False)
            pending, wrapped = [], True
            gap = 0.0
        if pending:
            parts.extend(pending)
            line_em += gap
            pending = []
        if token.em > limit - line_em + EPS:
            chunks = _split_word(token, limit - line_em, rest_limit, measure)
            for chunk in chunks[:-1]:
                parts.append(chunk)
                line_em += chunk.em
                finish(False)
                wrapped = True
            token = chunks[-1]
        parts.append(token)
        line_em += token.em
        has_word = True
    if parts or not lines:
        finish(True)
    else:
        lines[-1].last = True
    return lines


def _balanced(tokens: list, size: float, width: float, measure: _Measure) -> list[_Line]:
    """As few lines as greedy breaking needs, but of even length (titles, summaries)."""
    lines = _break(tokens, size, width, width, measure)
    if len(lines) < 2 or any(token is _NEWLINE for token in tokens):
        return lines
    longest_word = max((t.em * size for t in tokens if isinstance(t, _Word)), default=0.0)
    low, high = max(longest_word, width / len(lines)), width
    for _ in range(14):
        middle = (low + high) / 2
        if len(_break(tokens, size, middle, middle, measure)) <= len(lines):
            high = middle
        else:
            low = middle
    return _break(tokens, size, high, high, measure)


def _emit(out: list, line: _Line, x0: float, width: float, align: str, baseline: float, size: float,
          measure: _Measure) -> tuple[float, float]:
    """Append the line's text items; returns (x of its left edge, natural width)."""
    natural = line.em * size
    parts = line.parts
    if align == JUSTIFY and not line.last:
        start = 1 if parts and isinstance(parts[0], _Glue) else 0
        stretchable = sum(1 for part in parts[start:] if isinstance(part, _Glue))
        extra = (width - natural) / stretchable if stretchable and width > natural else 0.0
        x = x0
        for index, part in enumerate(parts):
            if isinstance(part, _Glue):
                x += part.em * size + (extra if index >= start else 0.0)
                continue
            for text, style in part.pieces:
                advance = measure.em(text, style) * size
                out.append(("t", x, baseline, text, style, size, advance))
                x += advance
        return x0, natural
    if align == CENTER:
        x = x0 + (width - natural) / 2
    elif align == RIGHT:
        x = x0 + width - natural
    else:
        x = x0
    left = x
    texts: list[str] = []
    style = ""
    run_em = 0.0
    for part in parts:
        pieces = ((part.text, part.style),) if isinstance(part, _Glue) else part.pieces
        for text, piece_style in pieces:
            if piece_style != style and texts:
                out.append(("t", x, baseline, "".join(texts), style, size, run_em * size))
                x += run_em * size
                texts, run_em = [], 0.0
            style = piece_style
            texts.append(text)
            run_em += measure.em(text, piece_style)
    if texts:
        out.append(("t", x, baseline, "".join(texts), style, size, run_em * size))
    return left, natural


def _baseline(line_height: float, size: float) -> float:
    """Baseline below the top of a line box: the glyph box centred in the line."""
    return (line_height - (ASCENT + DESCENT) * size) / 2 + ASCENT * size


# --------------------------------------------------------------------------- slabs and pages

class _Slab:
    """A vertical piece of a page that is never cut (a line, a table row, the header, …)."""

    __slots__ = ("break_before", "height", "items", "keep", "repeat", "space_after", "space_before", "split")

    def __init__(self, height: float, items: list, space_before: float = 0.0, space_after: float = 0.0,
                 keep: bool = False) -> None:
        self.height = height
        self.items = items  # ("t", x, y, text, style, size, width) | ("l", x1, y1, x2, y2, width); y from the top
        self.space_before = space_before
        self.space_after = space_after
        self.keep = keep  # no page break right after this slab
        self.break_before = False
        self.repeat: tuple[_Slab, ...] = ()  # table header rows to repeat when this slab opens a page
        self.split: Callable[[float], tuple[_Slab, _Slab] | None] | None = None  # for slabs taller than a page


@dataclass(frozen=True)
class _Geometry:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def body_height(self) -> float:
        return self.height - self.top - self.bottom

    @classmethod
    def of(cls, settings: LayoutSettings, landscape: bool) -> _Geometry:
        width, height = settings.page_width, settings.page_height
        if landscape:
            width, height = max(width, height), min(width, height)
        return cls(width, height, settings.margin_left, settings.margin_right, settings.margin_top,
                   settings.margin_bottom)


def _paginate(slabs: Sequence[_Slab], body_height: float) -> list[list[tuple[_Slab, float]]]:
    """Stack slabs on pages (top offsets within the text area), honouring keeps and breaks."""
    pages: list[list[tuple[_Slab, float]]] = []
    page: list[tuple[_Slab, float]] = []
    repeated = 0  # how many slabs at the top of `page` are repeated table headers
    queue = deque(slabs)

    def bottom() -> float:
        return page[-1][1] + page[-1][0].height if page else 0.0

    def top_for(slab: _Slab) -> float:
        if not page:
            return 0.0
        return bottom() + page[-1][0].space_after + slab.space_before

    def close() -> None:
        nonlocal page, repeated
        pages.append(page)
        page, repeated = [], 0

    while queue:
        slab = queue.popleft()
        if slab.break_before and page:
            close()
        if not page and slab.repeat:
            for header in slab.repeat:
                page.append((header, top_for(header)))
            repeated = len(slab.repeat)
        top = top_for(slab)
        if top + slab.height <= body_height + EPS:
            page.append((slab, top))
            continue
        if len(page) == repeated:  # a fresh page and still too tall: cut it, or let it overflow
            pieces = slab.split(body_height - top) if slab.split else None
            if pieces is None:
                page.append((slab, top))
            else:
                first, rest = pieces
                rest.repeat, rest.keep, rest.space_after = slab.repeat, slab.keep, slab.space_after
                page.append((first, top))
                queue.appendleft(rest)
            close()
            continue
        cut = len(page)
        while cut > repeated and page[cut - 1][0].keep:
            cut -= 1
        if cut == repeated:  # the whole page is one chain that must stay together: break here anyway
            cut = len(page)
        moved = [entry[0] for entry in page[cut:]]
        del page[cut:]
        close()
        queue.appendleft(slab)
        queue.extendleft(reversed(moved))
    if page or not pages:
        close()
    return pages


def _place(entries: list[tuple[_Slab, float]], geometry: _Geometry) -> list:
    items: list = []
    origin = geometry.top
    for slab, top in entries:
        dy = origin + top
        for item in slab.items:
            if item[0] == "t":
                _, x, y, text, style, size, width = item
                items.append(TextItem(x, y + dy, text, style, size, width))
            else:
                _, x1, y1, x2, y2, width = item
                items.append(LineItem(x1, y1 + dy, x2, y2 + dy, width))
    return items


# --------------------------------------------------------------------------- the layout

class _Layout:
    def __init__(self, settings: LayoutSettings, measure: _Measure) -> None:
        self.settings = settings
        self.measure = measure

    # ---- text helpers
    def lines(self, runs: Sequence[tuple[str, str]], size: float, first_width: float, width: float,
              balanced: bool = False) -> list[_Line]:
        tokens = _tokens(runs, self.measure)
        if balanced:
            return _balanced(tokens, size, width, self.measure)
        return _break(tokens, size, first_width, width, self.measure)

    def line_height(self, size: float) -> float:
        return size * self.settings.line_spacing

    def block(self, out: list, runs: Sequence[tuple[str, str]], size: float, x0: float, width: float, top: float,
              align: str = CENTER, balanced: bool = False, hang: float = 0.0) -> list[tuple[float, float, float]]:
        """Lay lines at `top`; returns (baseline, left, natural width) per line."""
        lines = self.lines(runs, size, width, width - hang, balanced)
        height = self.line_height(size)
        offset = _baseline(height, size)
        placed = []
        for index, line in enumerate(lines):
            indent = hang if index else 0.0
            baseline = top + index * height + offset
            left, natural = _emit(out, line, x0 + indent, width - indent, align, baseline, size, self.measure)
            placed.append((baseline, left, natural))
        return placed

    def after(self, placed: list[tuple[float, float, float]], size: float) -> float:
        """The top of the next line after a block laid by `block`."""
        height = self.line_height(size)
        return placed[-1][0] - _baseline(height, size) + height

    # ---- page 1 header (boxes 1–4)
    def header(self, header: Header, geometry: _Geometry) -> _Slab:
        s = self.settings
        items: list = []
        left_x, width = geometry.left, geometry.text_width
        left_w = width * s.left_column_share
        right_x, right_w = left_x + left_w, width - left_w

        title = self.block(items, [(NATIONAL_TITLE, BOLD)], s.national_title_size, right_x, right_w, 0.0)
        motto = self.block(items, [(MOTTO, BOLD)], s.motto_size, right_x, right_w,
                           self.after(title, s.national_title_size))
        right_rule = motto[-1][0] + RULE_DROP * s.motto_size
        motto_left = min(left for _, left, _ in motto)
        motto_right = max(left + natural for _, left, natural in motto)
        items.append(("l", motto_left, right_rule, motto_right, right_rule, RULE_WIDTH))

        top = 0.0
        left_rule = 0.0
        if header.parent_body.strip():
            parent = self.block(items, [(header.parent_body.upper(), REGULAR)], s.body_name_size, left_x, left_w, top)
            top = self.after(parent, s.body_name_size)
        body_lines = [line for line in header.body_lines if line.strip()]
        for line in body_lines:
            placed = self.block(items, [(line.upper(), BOLD)], s.body_name_size, left_x, left_w, top)
            top = self.after(placed, s.body_name_size)
            baseline, left, natural = placed[-1]
        if body_lines:
            left_rule = baseline + RULE_DROP * s.body_name_size
            rule = natural * s.body_rule_share
            centre = left + natural / 2
            items.append(("l", centre - rule / 2, left_rule, centre + rule / 2, left_rule, RULE_WIDTH))
        else:
            left_rule = top

        size = max(s.number_size, s.date_size)
        first_top = max(left_rule, right_rule) + self.line_height(size) * HEADER_GAP
        # boxes 3 and 4 share a baseline: place both lines in boxes of the larger size
        number = self._same_baseline(items, header.number_line, REGULAR, s.number_size, left_x, left_w, first_top, size)
        date = self._same_baseline(items, header.date_line, ITALIC, s.date_size, right_x, right_w, first_top, size)
        bottom = max(number, date)
        return _Slab(bottom, items, keep=True)

    def _same_baseline(self, out: list, text: str, style: str, size: float, x0: float, width: float, top: float,
                       box_size: float) -> float:
        lines = self.lines([(text, style)], size, width, width)
        box = self.line_height(box_size)
        first = top + _baseline(box, box_size)
        height = self.line_height(size)
        for index, line in enumerate(lines):
            _emit(out, line, x0, width, CENTER, first + index * height, size, self.measure)
        return first + (len(lines) - 1) * height + DESCENT * size

    # ---- box 5a and 9a
    def title(self, doc: PrintDocument, geometry: _Geometry) -> list[_Slab]:
        s = self.settings
        items: list = []
        size = s.title_size
        placed = self.block(items, [(doc.doc_type, BOLD)], size, geometry.left, geometry.text_width, 0.0)
        bottom = self.after(placed, size)
        if doc.summary.strip():
            summary = self.block(items, [(doc.summary, BOLD)], size, geometry.left, geometry.text_width, bottom,
                                 balanced=True)
            rule_y = summary[-1][0] + RULE_DROP * size
            rule = max(natural for _, _, natural in summary) * s.body_rule_share
            centre = geometry.left + geometry.text_width / 2
            items.append(("l", centre - rule / 2, rule_y, centre + rule / 2, rule_y, RULE_WIDTH))
            bottom = max(self.after(summary, size), rule_y + RULE_WIDTH)
        gap = self.line_height(s.body_size) * HEADER_GAP * 2
        slabs = [_Slab(bottom, items, space_before=gap, space_after=gap, keep=True)]
        if doc.addressees:
            slabs.append(self.addressees(doc.addressees, geometry))
        return slabs

    def addressees(self, addressees: Sequence[str], geometry: _Geometry) -> _Slab:
        s = self.settings
        size = s.body_size
        items: list = []
        label = P.ADDRESSEE_LABEL
        if len(addressees) == 1:
            placed = self.block(items, [(f"{label} {addressees[0]}", REGULAR)], size, geometry.left,
                                geometry.text_width, 0.0)
            return _Slab(self.after(placed, size), items, space_after=self.line_height(size) * HEADER_GAP, keep=True)
        label_w = self.measure.em(label + " ", REGULAR) * size
        room = geometry.text_width - label_w
        hang = self.measure.em("- ", REGULAR) * size
        laid = [self.lines([(text, REGULAR)], size, room, room - hang) for text in addressees]
        block_w = label_w + max(line.em * size + (hang if index else 0.0)
                                for lines in laid for index, line in enumerate(lines))
        x0 = geometry.left + max(0.0, (geometry.text_width - block_w) / 2)
        height = self.line_height(size)
        offset = _baseline(height, size)
        items.append(("t", x0, offset, label, REGULAR, size, self.measure.em(label, REGULAR) * size))
        row = 0
        for lines in laid:
            for index, line in enumerate(lines):
                indent = hang if index else 0.0
                _emit(items, line, x0 + label_w + indent, room - indent, LEFT, row * height + offset, size,
                      self.measure)
                row += 1
        return _Slab(row * height, items, space_after=self.line_height(size) * HEADER_GAP, keep=True)

    # ---- box 6: paragraphs and tables
    def para(self, p: Para, geometry: _Geometry) -> list[_Slab]:
        s = self.settings
        size = p.size or s.body_size
        first_indent = s.first_indent if p.first_indent is None else p.first_indent
        x0 = geometry.left + p.left_indent
        width = geometry.text_width - p.left_indent
        runs = [(run.text, style_of(run.bold, run.italic)) for run in p.runs]
        lines = self.lines(runs, size, width - first_indent, width)
        height = self.line_height(size)
        offset = _baseline(height, size)
        align = p.align if p.align in (JUSTIFY, LEFT, CENTER, RIGHT) else JUSTIFY
        slabs = []
        for index, line in enumerate(lines):
            indent = first_indent if index == 0 else 0.0
            items: list = []
            _emit(items, line, x0 + indent, width - indent, align, offset, size, self.measure)
            slabs.append(_Slab(height, items))
        slabs[0].space_before = 0.0 if p.space_before is None else p.space_before
        slabs[-1].space_after = s.paragraph_spacing if p.space_after is None else p.space_after
        slabs[0].break_before = p.page_break_before
        count = len(slabs)
        if p.keep_with_next:
            for slab in slabs:
                slab.keep = True
        elif count >= 2:
            slabs[0].keep = True  # no orphan: the first line never alone at the foot of a page
            slabs[-2].keep = True  # no widow: the last line never alone at the top of a page
        return slabs

    def table(self, table: Table, geometry: _Geometry) -> list[_Slab]:
        if not table.columns:
            return []
        s = self.settings
        size = table.size or s.table_size
        weights = [max(column.width, 0.0) for column in table.columns]
        total = sum(weights)
        if total <= 0:
            weights, total = [1.0] * len(weights), float(len(weights))
        edges = [geometry.left]
        for weight in weights:
            edges.append(edges[-1] + geometry.text_width * weight / total)
        grid = _Grid(self, edges, size)
        header = grid.row([(column.header, CENTER) for column in table.columns], BOLD, top_rule=True, middle=True)
        headers = [header]
        if table.header_numbers:
            numbers = [(f"({index})", CENTER) for index in range(1, len(table.columns) + 1)]
            headers.append(grid.row(numbers, REGULAR, middle=True))
        for slab in headers:
            slab.keep = True
        repeat = tuple(headers)
        slabs = list(headers)
        for row in table.rows:
            slab = self._table_row(grid, table, row)
            slab.repeat = repeat
            slabs.append(slab)
        slabs[-1].space_after = s.paragraph_spacing
        return slabs

    def _table_row(self, grid: _Grid, table: Table, row: TableRow) -> _Slab:
        cells = list(row.cells)
        if len(cells) > len(table.columns):
            raise ValueError(f"table row has {len(cells)} cells for {len(table.columns)} columns")
        style = BOLD if (row.bold or row.group) else REGULAR
        if row.group:
            text = " ".join(cell for cell in cells if cell.strip())
            slab = grid.row([(text, LEFT)], style, span=True)
            slab.keep = True  # a group heading row is never the last row on a page
            return slab
        cells += [""] * (len(table.columns) - len(cells))
        return grid.row([(cell, column.align) for cell, column in zip(cells, table.columns)], style)

    def blocks(self, blocks: Sequence[Block], geometry: _Geometry) -> list[list[_Slab]]:
        out = []
        for block in blocks:
            if isinstance(block, Table):
                out.append(self.table(block, geometry))
            else:
                out.append(self.para(block, geometry))
        return [slabs for slabs in out if slabs]

    # ---- boxes 7 and 9b: signature and recipients
    def signature(self, doc: PrintDocument, geometry: _Geometry) -> _Slab:
        s = self.settings
        m = self.measure
        width = geometry.text_width
        size = s.signature_size
        authority = [line.upper() for line in doc.signature.authority_lines if line.strip()]
        widest = max([m.em(line, BOLD) * size for line in authority] + [m.em(doc.signature.name, BOLD) * size])
        right_w = min(max(width * SIGNATURE_SHARE, widest), width * SIGNATURE_MAX_SHARE)
        right_x = geometry.left + width - right_w
        right: list = []
        top = 0.0
        first_baseline = _baseline(self.line_height(size), size)
        for line in authority:
            placed = self.block(right, [(line, BOLD)], size, right_x, right_w, top)
            top = self.after(placed, size)
        top += s.signature_space
        name = self.block(right, [(doc.signature.name, BOLD)], size, right_x, right_w, top)
        right_bottom = name[-1][0] + DESCENT * size

        left_w = width - right_w - size * CELL_PAD_X * 2
        rows: list[tuple[float, list]] = []  # (bottom, items) per recipient line, for cutting
        label_size = s.recipients_title_size
        label = P.RECIPIENTS_LABEL
        label_items = [("t", geometry.left, first_baseline, label, BOLD_ITALIC, label_size,
                        m.em(label, BOLD_ITALIC) * label_size)]
        rows.append((first_baseline + DESCENT * label_size, label_items))
        small = s.recipients_size
        step = self.line_height(small)
        baseline = first_baseline + self.line_height(label_size)
        hang = m.em("- ", REGULAR) * small
        texts = list(doc.recipients) + ([doc.drafter_line] if doc.drafter_line.strip() else [])
        for text in texts:
            for index, line in enumerate(self.lines([(text, REGULAR)], small, left_w, left_w - hang)):
                items: list = []
                indent = hang if index else 0.0
                _emit(items, line, geometry.left + indent, left_w - indent, LEFT, baseline, small, m)
                rows.append((baseline + DESCENT * small, items))
                baseline += step
        return _signature_slab(right, right_bottom, rows, s.paragraph_spacing)

    # ---- appendix heading
    def appendix_heading(self, appendix: Appendix, geometry: _Geometry) -> _Slab:
        size = self.settings.title_size
        items: list = []
        top = 0.0
        for text, style in ((appendix.label, BOLD), (appendix.title.upper(), BOLD), (appendix.attached_line, ITALIC)):
            if text.strip():
                placed = self.block(items, [(text, style)], size, geometry.left, geometry.text_width, top,
                                    balanced=True)
                top = self.after(placed, size)
        return _Slab(top, items, space_after=self.line_height(size) * HEADER_GAP * 2, keep=True)

    def page_number(self, number: int, geometry: _Geometry) -> TextItem:
        size = self.settings.page_number_size
        text = str(number)
        width = self.measure.em(text, REGULAR) * size
        x = geometry.left + (geometry.text_width - width) / 2
        # digits are about 0.66 em tall: centre them in the top margin
        return TextItem(x, geometry.top / 2 + 0.33 * size, text, REGULAR, size, width)


def _signature_slab(right: list, right_bottom: float, rows: list[tuple[float, list]], space_before: float) -> _Slab:
    bottom = max(right_bottom, rows[-1][0] if rows else 0.0)
    items = list(right)
    for _, row_items in rows:
        items.extend(row_items)
    slab = _Slab(bottom, items, space_before=space_before)

    def split(room: float) -> tuple[_Slab, _Slab] | None:
        # only a recipients list longer than a page gets here: cut it between two lines
        fits = [index for index, (row_bottom, _) in enumerate(rows) if row_bottom <= room]
        if right_bottom > room or not fits or fits[-1] == len(rows) - 1:
            return None
        cut = fits[-1] + 1
        first = _signature_slab(right, right_bottom, rows[:cut], space_before)
        shift = rows[cut - 1][0]
        moved = [(row_bottom - shift, [_shift(item, -shift) for item in row_items]) for row_bottom, row_items in rows[cut:]]
        return first, _signature_slab([], 0.0, moved, 0.0)

    slab.split = split
    return slab


def _shift(item: tuple, dy: float) -> tuple:
    if item[0] == "t":
        return item[:2] + (item[2] + dy,) + item[3:]
    return ("l", item[1], item[2] + dy, item[3], item[4] + dy, item[5])


class _Grid:
    """Rows of one table: cell text wrapped in its column, the 0.5 pt grid drawn row by row."""

    def __init__(self, layout: _Layout, edges: list[float], size: float) -> None:
        self.layout = layout
        self.edges = edges
        self.size = size
        self.line_height = layout.line_height(size)
        self.pad_x = CELL_PAD_X * size
        self.pad_y = CELL_PAD_Y * size

    def row(self, cells: list[tuple[str, str]], style: str, top_rule: bool = False, middle: bool = False,
            span: bool = False) -> _Slab:
        edges = [self.edges[0], self.edges[-1]] if span else self.edges
        laid = []
        for index, (text, align) in enumerate(cells):
            room = edges[index + 1] - edges[index] - 2 * self.pad_x
            lines = self.layout.lines([(text, style)], self.size, room, room) if text.strip() else []
            laid.append((lines, align))
        return self._slab(edges, laid, top_rule, middle)

    def _slab(self, edges: list[float], laid: list[tuple[list[_Line], str]], top_rule: bool, middle: bool) -> _Slab:
        rows = max([len(lines) for lines, _ in laid] + [1])
        height = rows * self.line_height + 2 * self.pad_y
        offset = _baseline(self.line_height, self.size)
        items: list = []
        for index, (lines, align) in enumerate(laid):
            x0 = edges[index] + self.pad_x
            room = edges[index + 1] - edges[index] - 2 * self.pad_x
            top = self.pad_y + ((rows - len(lines)) * self.line_height / 2 if middle else 0.0)
            for number, line in enumerate(lines):
                _emit(items, line, x0, room, align, top + number * self.line_height + offset, self.size,
                      self.layout.measure)
        if top_rule:
            items.append(("l", edges[0], 0.0, edges[-1], 0.0, GRID_WIDTH))
        items.append(("l", edges[0], height, edges[-1], height, GRID_WIDTH))
        for x in edges:
            items.append(("l", x, 0.0, x, height, GRID_WIDTH))
        slab = _Slab(height, items)
        if not middle and rows > 1:
            slab.split = lambda room: self._split(edges, laid, room)
        return slab

    def _split(self, edges: list[float], laid: list[tuple[list[_Line], str]], room: float) -> tuple[_Slab, _Slab] | None:
        """Cut a row taller than a page between two of its text lines."""
        fit = int((room - 2 * self.pad_y + EPS) // self.line_height)
        if fit < 1:
            return None
        first = self._slab(edges, [(lines[:fit], align) for lines, align in laid], False, False)
        rest = self._slab(edges, [(lines[fit:], align) for lines, align in laid], False, False)
        return first, rest


# --------------------------------------------------------------------------- entry point

def _keep_with_signature(groups: list[list[_Slab]], body_height: float) -> None:
    """The last paragraph before the signature stays on its page (if it is not a long one)."""
    if not groups:
        return
    last = groups[-1]
    if sum(slab.height for slab in last) <= body_height / 2 and not last[-1].repeat:
        for slab in last:
            slab.keep = True
    else:
        last[-1].keep = True


def _section_pages(layout: _Layout, slabs: list[_Slab], geometry: _Geometry, section: str) -> list[Page]:
    pages = []
    for index, entries in enumerate(_paginate(slabs, geometry.body_height)):
        items = _place(entries, geometry)
        number = index + 1 if index else None
        if number is not None:
            items.insert(0, layout.page_number(number, geometry))
        pages.append(Page(geometry.width, geometry.height, tuple(items), number, section))
    return pages


def _measure_for(fonts: FontSet) -> tuple[FontSet, _Measure]:
    try:
        names = register(fonts)
    except UserError:
        if fonts.source == "bundled":
            raise
        fonts = bundled_fonts()  # a damaged Windows font: fall back to the bundled one
        names = register(fonts)
    return fonts, _Measure(names)


def lay_out(doc: PrintDocument, settings: LayoutSettings = DEFAULT_SETTINGS, fonts: FontSet | None = None) -> LaidOut:
    """The document on pages: page 1 header, title, body, closing, signature; then the appendices."""
    fonts, measure = _measure_for(fonts or find_fonts())
    layout = _Layout(settings, measure)

    portrait = _Geometry.of(settings, landscape=False)
    slabs: list[_Slab] = [layout.header(doc.header, portrait)]
    slabs.extend(layout.title(doc, portrait))
    body = layout.blocks(doc.body, portrait)
    closing = layout.blocks(doc.closing, portrait)
    _keep_with_signature(body + closing, portrait.body_height)
    for group in body + closing:
        slabs.extend(group)
    slabs.append(layout.signature(doc, portrait))
    pages = _section_pages(layout, slabs, portrait, SECTION_BODY)

    for appendix in doc.appendices:
        geometry = _Geometry.of(settings, landscape=appendix.landscape)
        section = [layout.appendix_heading(appendix, geometry)]
        for group in layout.blocks(appendix.blocks, geometry):
            section.extend(group)
        pages.extend(_section_pages(layout, section, geometry, vn.nfc(appendix.label) or SECTION_BODY))

    meta = doc.metadata
    return LaidOut(tuple(pages), fonts, title=vn.nfc(meta.title), subject=vn.nfc(meta.subject),
                   author=vn.nfc(meta.author), keywords=vn.nfc(meta.keywords))
