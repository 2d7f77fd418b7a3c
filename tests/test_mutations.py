"""Every checked step of every course derivation, corrupted four ways, fails by number.

Corruptions: double the right side, add 1, flip its sign, swap a pair of related
symbols (c_in and c_out, K_in and K_out …). A corruption that leaves an equivalent
equation (doubling the right side of ``0 = expr``) is not a mistake and is skipped.
Steps that are introduced, not derived (definitions and premises), have nothing to
check; a wrong one shows up in the steps that use it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symmem.course import load_course
from symmem.derivation import DerivationError, Verdict

ROOT = Path(__file__).resolve().parent.parent
COURSE = load_course(ROOT / "derivations")
NAMES = sorted(COURSE)


def _stem(symbol: sp.Symbol) -> str:
    return symbol.name.split("_")[0]


def corruptions(eq: sp.Eq) -> list[tuple[str, sp.Eq]]:
    rhs = eq.rhs
    out = [("plus one", sp.Eq(eq.lhs, rhs + 1, evaluate=False))]
    if eq.lhs != 0:  # 0 = 2 expr and 0 = −expr are the same equation as 0 = expr
        out += [("double", sp.Eq(eq.lhs, 2 * rhs, evaluate=False)),
                ("flip sign", sp.Eq(eq.lhs, -rhs, evaluate=False))]
    symbols = sorted(rhs.free_symbols, key=lambda s: s.name)
    pairs = [(a, b) for a in symbols for b in symbols
             if a.name < b.name and _stem(a) == _stem(b)]
    if not pairs and len(symbols) >= 2:
        pairs = [(symbols[0], symbols[1])]
    if pairs:
        a, b = pairs[0]
        out.append((f"swap {a} and {b}", sp.Eq(eq.lhs, rhs.xreplace({a: b, b: a}),
                                                evaluate=False)))
    return [(label, bad) for label, bad in out if bad != eq]


def _same_condition(first: sp.Eq, second: sp.Eq) -> bool:
    """Whether a "corruption" is the same condition after all (0 = J − v/R_m with J and
    R_m swapped is still v = J R_m): both solved by SymPy for a quantity they share give
    the same solutions. Independent of symmem's kernel, which the test is checking."""
    from sympy.core.function import AppliedUndef

    residuals = [eq.lhs - eq.rhs for eq in (first, second)]
    shared = set.intersection(*({*r.free_symbols, *r.atoms(AppliedUndef)} for r in residuals))
    for unknown in sorted(shared, key=sp.default_sort_key):
        try:
            roots = [sp.solve(r, unknown) for r in residuals]
        except NotImplementedError:
            continue
        if roots[0] and len(roots[0]) == len(roots[1]) and all(
                sp.simplify(a - b) == 0 for a, b in zip(roots[0], roots[1])):
            return True
    return False


def _absorbed_by_constants(first: sp.Eq, second: sp.Eq) -> bool:
    """Whether ``second`` is ``first`` times a number and ``first`` is a general solution
    linear in its integration constants C1, C2, … with no other term: 2(C1 e^(−x/ℓ) +
    C2 e^(x/ℓ)) is the same general solution, the factor taken into the constants."""
    constants = [s for s in first.rhs.free_symbols if s.name[:1] == "C" and s.name[1:].isdigit()]
    if not constants or first.lhs != second.lhs:
        return False
    rest = first.rhs.xreplace({c: 0 for c in constants})
    ratio = sp.simplify(second.rhs / first.rhs)
    linear = all(sp.diff(first.rhs, c, 2) == 0 for c in constants)
    return rest == 0 and linear and ratio.is_number


@pytest.mark.parametrize("name", NAMES)
def test_every_corrupted_step_fails_by_number(name):
    d = COURSE[name].derivation
    assert d is not None, COURSE[name].error
    d.verify()
    tried = 0
    for number, step in enumerate(d.steps, start=1):
        if d._claim(number).check == "introduced":
            continue
        original = step.equation
        try:
            for label, bad in corruptions(original):
                if label.startswith("swap") and _same_condition(original, bad):
                    continue  # a symmetric swap is no corruption
                if step.rule == "dsolve" and _absorbed_by_constants(original, bad):
                    continue  # nor is a general solution scaled
                step.equation = bad
                verdict = d.check_step(number)  # never raises, whatever the corruption
                assert verdict is Verdict.FAILED, (name, number, step.rule, label,
                                                   step.detail)
                tried += 1
        finally:
            step.equation = original
            d.check_step(number)
    assert tried >= 3, f"{name}: only {tried} corruptions tried"


@pytest.mark.parametrize("name", NAMES)
def test_the_first_corrupted_step_is_named_in_the_error(name):
    d = COURSE[name].derivation
    d.verify()
    checked = [n for n in range(1, len(d.steps) + 1) if d._claim(n).check != "introduced"]
    number = checked[len(checked) // 2]
    step = d.step(number)
    original = step.equation
    step.equation = sp.Eq(original.lhs, original.rhs + 1, evaluate=False)
    try:
        with pytest.raises(DerivationError, match=rf"derivation '{name}', step {number} \("):
            d.verify()
    finally:
        step.equation = original
        d.verify()
