"""A small, safe arithmetic evaluator for computed indicators (no eval, no exec).

Grammar (recursive descent):
    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := ("+" | "-") factor | NUMBER | CODE | "(" expression ")"
NUMBER is written with a dot for decimals ("100", "0.5"); CODE is an indicator code
(letters, digits, "_" and ".", starting with a letter: OPS.DOSSIER.RECEIVED).
Arithmetic is exact Decimal; `round_half_up` rounds to an indicator's decimals (81,63 → 81,6).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from desktop.core.errors import UserError
from desktop.strings import indicators as S

_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<code>[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z])|(?P<op>[-+*/()]))")


class FormulaError(UserError):
    """A formula that cannot be read, or cannot be computed for the figures at hand."""


class MissingInput(FormulaError):
    def __init__(self, codes: tuple[str, ...]) -> None:
        self.codes = codes
        super().__init__(S.FORMULA_MISSING.format(codes=", ".join(codes)))


class DivisionByZero(FormulaError):
    pass


@dataclass(frozen=True)
class Formula:
    text: str
    tree: tuple
    codes: tuple[str, ...]  # the indicator codes it reads, in order of first use


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text or ""
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if not match:
            bad = text[position:].lstrip()[:1]
            raise FormulaError(S.FORMULA_BAD_CHAR.format(char=bad, formula=text))
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.codes: list[str] = []

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError(S.FORMULA_INCOMPLETE.format(formula=self.text))
        self.index += 1
        return token

    def parse(self) -> tuple:
        if not self.tokens:
            raise FormulaError(S.FORMULA_EMPTY)
        tree = self.expression()
        if self.peek() is not None:
            raise FormulaError(S.FORMULA_UNEXPECTED.format(token=self.peek()[1], formula=self.text))
        return tree

    def expression(self) -> tuple:
        tree = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            operator = self.take()[1]
            tree = (operator, tree, self.term())
        return tree

    def term(self) -> tuple:
        tree = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            operator = self.take()[1]
            tree = (operator, tree, self.factor())
        return tree

    def factor(self) -> tuple:
        kind, value = self.take()
        if kind == "number":
            return ("num", Decimal(value))
        if kind == "code":
            code = value.upper()
            if code not in self.codes:
                self.codes.append(code)
            return ("code", code)
        if value in "+-":
            return ("neg" if value == "-" else "pos", self.factor())
        if value == "(":
            tree = self.expression()
            if self.take() != ("op", ")"):
                raise FormulaError(S.FORMULA_PAREN.format(formula=self.text))
            return tree
        raise FormulaError(S.FORMULA_UNEXPECTED.format(token=value, formula=self.text))


def parse(text: str) -> Formula:
    parser = _Parser(text)
    tree = parser.parse()
    return Formula(text=text.strip(), tree=tree, codes=tuple(parser.codes))


def evaluate(formula: Formula | str, values: Mapping[str, Decimal | None]) -> Decimal:
    """The exact value of the formula; MissingInput names every code without a figure."""
    if isinstance(formula, str):
        formula = parse(formula)
    missing = tuple(code for code in formula.codes if values.get(code) is None)
    if missing:
        raise MissingInput(missing)
    with localcontext() as context:
        context.prec = 34
        return _eval(formula.tree, values, formula.text)


def _eval(tree: tuple, values: Mapping[str, Decimal | None], text: str) -> Decimal:
    tag = tree[0]
    if tag == "num":
        return tree[1]
    if tag == "code":
        return Decimal(values[tree[1]])
    if tag == "neg":
        return -_eval(tree[1], values, text)
    if tag == "pos":
        return _eval(tree[1], values, text)
    left, right = _eval(tree[1], values, text), _eval(tree[2], values, text)
    if tag == "+":
        return left + right
    if tag == "-":
        return left - right
    if tag == "*":
        return left * right
    if right == 0:
        raise DivisionByZero(S.FORMULA_DIV_ZERO.format(formula=text))
    return left / right


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def cyclic_codes(reads: Mapping[str, Iterable[str]]) -> list[str]:
    """Codes whose formula reaches back to itself, directly or through other formulas, given which codes
    each formula reads (codes without a formula are plain inputs). Depth-first, in the order given."""
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(code: str) -> bool:
        if state.get(code) == 1:
            return True
        if state.get(code) == 2:
            return False
        state[code] = 1
        found = any(visit(other) for other in reads.get(code, ()))
        state[code] = 2
        return found

    return [code for code in reads if state.get(code) is None and visit(code)]
