"""The safe formula evaluator: arithmetic only, exact decimals, Vietnamese errors."""

from decimal import Decimal

import pytest

from desktop.core import formula as fx

D = Decimal


def test_online_rate_rounds_half_up_to_one_decimal():
    value = fx.evaluate("OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED * 100",
                        {"OPS.DOSSIER.ONLINE": D(9765), "OPS.DOSSIER.RECEIVED": D(11962)})
    assert fx.round_half_up(value, 1) == D("81.6")


@pytest.mark.parametrize("value, decimals, expected", [
    (D("0.05"), 1, D("0.1")), (D("0.15"), 1, D("0.2")), (D("2.5"), 0, D(3)), (D("-2.5"), 0, D(-3)),
    (D("98.35"), 1, D("98.4")), (D("81.63"), 1, D("81.6")),
])
def test_round_half_up(value, decimals, expected):
    assert fx.round_half_up(value, decimals) == expected


@pytest.mark.parametrize("text, expected", [
    ("1 + 2 * 3", D(7)), ("(1 + 2) * 3", D(9)), ("10 - 4 - 3", D(3)), ("100 / 4 / 5", D(5)),
    ("-2 * 3", D(-6)), ("2 * -3", D(-6)), ("--2", D(2)), ("+4", D(4)), ("0.5 * 4", D(2)), ("1 - (2 - 3)", D(2)),
])
def test_operator_precedence_and_associativity(text, expected):
    assert fx.evaluate(text, {}) == expected


def test_codes_are_read_once_each_in_order():
    parsed = fx.parse("(A.B + c_d) / A.B")
    assert parsed.codes == ("A.B", "C_D")


def test_division_by_zero_is_a_clear_vietnamese_error():
    with pytest.raises(fx.DivisionByZero, match="chia cho 0"):
        fx.evaluate("A / B * 100", {"A": D(1), "B": D(0)})


def test_missing_inputs_are_named():
    with pytest.raises(fx.MissingInput, match="thiếu số liệu B, C") as info:
        fx.evaluate("A + B + C", {"A": D(1), "B": None})
    assert info.value.codes == ("B", "C")


@pytest.mark.parametrize("text", [
    "__import__('os')", "A ** 2", "A % 2", "open(1)", "A; B", "1e3", "A[0]", "lambda: 1", "A == B", "'x'",
    "1 +", "(1 + 2", "1 2", "", "   ", ")",
])
def test_anything_not_arithmetic_is_refused(text):
    with pytest.raises(fx.FormulaError):
        fx.evaluate(text, {"A": D(1), "B": D(2)})


def test_no_eval_or_exec_in_the_package():
    import re
    from pathlib import Path

    root = Path(fx.__file__).resolve().parents[1]
    for path in root.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])(eval|exec)\s*\(", source), path


def test_cyclic_codes_finds_loops_through_other_formulas():
    from desktop.core.formula import cyclic_codes

    assert cyclic_codes({"A": ["B"], "B": ["C"], "C": []}) == []
    assert cyclic_codes({"A": ["B"], "B": ["A"], "C": ["A"]}) == ["A"]
    assert cyclic_codes({"X": ["X"]}) == ["X"]
