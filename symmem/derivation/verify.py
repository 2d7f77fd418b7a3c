"""Independent checks of derivation steps.

A step is checked without trusting the rule that made it. First, is the new
equation the previous one rearranged, or multiplied by a monomial such as
F²V/(RT)? If not, the premise is solved for a pivot symbol and the solution
substituted into the new equation; what is left must vanish. Vanishing is
decided in tiers:

1. structural: the residual is literally 0;
2. sampling at random physiological values: a clearly nonzero value fails the
   step at once (this is cheap and refutes most wrong candidates);
3. cheap normal forms (logs expanded, together/cancel, expand), then simplification
   under the symbols' assumptions;
4. SymPy's ``equals(0)`` (True, False, or None for undecided).

Tiers 1, 3 and 4 give ``proved``; a residual that only passes sampling is
``numerically consistent``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from enum import Enum

import sympy as sp
from sympy.core.function import AppliedUndef

from symmem.constants import FARADAY, GAS_CONSTANT
from symmem.symbols import info

__all__ = ["Verdict", "implies", "is_zero", "sample_values"]


class Verdict(str, Enum):
    """The outcome of checking one step."""

    PROVED = "proved"
    NUMERIC = "numerically consistent"
    ASSUMED = "assumed"
    APPROXIMATED = "approximated"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


_SAMPLES = 6


def _draw(symbol: sp.Symbol, rng: random.Random) -> float:
    entry = info(symbol)
    name = symbol.name
    if name == "R":
        return GAS_CONSTANT
    if name == "F":
        return FARADAY
    unit = entry.unit if entry else ""
    if symbol.is_integer:
        if symbol.is_positive:
            return rng.choice([1, 3, 4])
        return rng.choice([-2, -1, 1, 2])
    if unit == "K":
        return rng.uniform(273.0, 320.0)
    if unit == "V":
        return rng.uniform(-0.12, 0.12)
    if unit == "mol/m^3":
        return math.exp(rng.uniform(math.log(1e-3), math.log(500.0)))
    if unit == "J/mol":
        return rng.uniform(-6e4, 6e4)
    if symbol.is_positive:
        return math.exp(rng.uniform(math.log(1e-2), math.log(1e2)))
    return rng.uniform(-2.0, 2.0)


def sample_values(symbols: Iterable[sp.Symbol], seed: int = 0) -> list[dict[sp.Symbol, float]]:
    """Random physiological values for the symbols, reproducible from ``seed``."""
    rng = random.Random(seed)
    ordered = sorted(symbols, key=lambda s: s.name)
    return [{s: _draw(s, rng) for s in ordered} for _ in range(_SAMPLES)]


def _magnitude(expr: sp.Expr, values: dict) -> float:
    terms = sp.Add.make_args(sp.expand(expr)) if len(expr.args) < 40 else (expr,)
    size = 0.0
    for term in terms:
        try:
            v = complex(term.evalf(subs=values))
        except (TypeError, ValueError):
            continue
        size = max(size, abs(v))
    return size


def numeric_zero(expr: sp.Expr, rel: float = 1e-9, seed: int = 0) -> bool | None:
    """True if ``expr`` vanishes at random physiological points, False if it clearly does not.

    None when it cannot be evaluated (unknown functions, or no real sample).
    """
    if expr.atoms(AppliedUndef) or expr.atoms(sp.Derivative):
        return None
    symbols = expr.free_symbols
    evaluated = 0
    for values in sample_values(symbols, seed):
        try:
            v = complex(expr.evalf(subs=values))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if not (math.isfinite(v.real) and math.isfinite(v.imag)) or abs(v.imag) > 1e-12 * (
                1 + abs(v.real)):
            continue
        evaluated += 1
        scale = max(1.0, _magnitude(expr, values))
        if abs(v.real) > rel * scale:
            return False
    return True if evaluated else None


def _symbolic_zero(expr: sp.Expr) -> bool:
    """Try cheap normal forms first, then ``simplify``; True only when one gives 0."""
    logs_apart = sp.expand_log(sp.powsimp(expr, force=True), force=True)
    for attempt in (lambda: sp.cancel(sp.together(logs_apart)),
                    lambda: sp.expand(logs_apart),
                    lambda: sp.simplify(sp.expand_log(expr)),
                    lambda: sp.simplify(logs_apart)):
        try:
            if attempt() == 0:
                return True
        except (TypeError, ValueError, NotImplementedError, RecursionError,
                sp.PolynomialError):
            continue
    return False


def is_zero(expr: sp.Expr, *, numeric_rel: float = 1e-9) -> tuple[Verdict, str]:
    """Decide whether ``expr`` is identically zero, in the tiers described above.

    Sampling runs first because it is cheap and refutes most wrong candidates at once;
    the symbolic tiers then decide between *proved* and *numerically consistent*.
    """
    if expr == 0:
        return Verdict.PROVED, "the residual is 0"
    numeric = numeric_zero(expr, rel=numeric_rel)
    if numeric is False:
        return Verdict.FAILED, f"the residual {sp.sstr(expr)} is not zero"
    if _symbolic_zero(expr):
        return Verdict.PROVED, "the residual simplifies to 0 under the assumptions"
    try:
        decided = expr.equals(0)
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        decided = None
    if decided is True:
        return Verdict.PROVED, "SymPy's equals(0) proves the residual is 0"
    if numeric is True:
        return Verdict.NUMERIC, "the residual vanishes at random physiological values"
    if decided is False:
        return Verdict.FAILED, "SymPy's equals(0) finds the residual nonzero"
    return Verdict.FAILED, f"could not show that {sp.sstr(expr)} is zero"


def _pivots(old: sp.Expr, new: sp.Expr, preferred: Sequence[sp.Basic]) -> list[sp.Basic]:
    def atoms(e: sp.Expr) -> set:
        return set(e.free_symbols) | e.atoms(sp.Derivative) | e.atoms(AppliedUndef)

    shared = atoms(old) & atoms(new)
    ordered = [p for p in preferred if p in atoms(old)]
    ordered += sorted((a for a in shared if a not in ordered), key=sp.default_sort_key)
    ordered += sorted((a for a in atoms(old) if a not in ordered), key=sp.default_sort_key)
    return ordered[:6]


def _monomial(expr: sp.Expr) -> bool:
    """A nonzero number times powers of symbols (a factor one may divide by)."""
    return expr != 0 and all(
        f.is_Number or f.is_Symbol or (f.is_Pow and f.base.is_Symbol and f.exp.is_Number)
        for f in sp.Mul.make_args(expr))


def _rearranged(old: sp.Expr, new: sp.Expr) -> str | None:
    """Why ``new = 0`` is ``old = 0`` rearranged or scaled, or None when it is not plain."""
    if sp.expand(old - new) == 0 or sp.expand(old + new) == 0:
        return "the same equation rearranged"
    try:
        ratio = sp.cancel(sp.together(new / old))
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
        return None
    if _monomial(ratio):
        return f"the previous equation multiplied by {sp.sstr(ratio)} (where that is nonzero)"
    return None


def implies(premise: sp.Eq, conclusion: sp.Eq, *, preferred: Sequence[sp.Basic] = (),
            numeric_rel: float = 1e-9) -> tuple[Verdict, str]:
    """Check that ``conclusion`` holds whenever ``premise`` does."""
    new = conclusion.lhs - conclusion.rhs
    verdict, detail = is_zero(new, numeric_rel=numeric_rel)
    if verdict is Verdict.PROVED:
        return verdict, "the new equation is an identity"
    old = premise.lhs - premise.rhs
    reason = _rearranged(old, new)
    if reason is not None:
        return Verdict.PROVED, reason
    consistent: tuple[Verdict, str] | None = None
    failure: tuple[Verdict, str] | None = None
    for pivot in _pivots(old, new, preferred):
        try:
            solutions = sp.solve(old, pivot, dict=False)
        except (NotImplementedError, ValueError, TypeError):
            continue
        for solution in solutions if isinstance(solutions, list) else []:
            if isinstance(solution, (tuple, dict)):
                continue
            verdict, detail = is_zero(new.subs(pivot, solution),
                                      numeric_rel=numeric_rel)
            where = f" after solving the previous equation for {pivot}"
            if verdict is Verdict.PROVED:
                return verdict, detail + where
            if verdict is Verdict.NUMERIC and consistent is None:
                consistent = (verdict, detail + where)
            if verdict is Verdict.FAILED and failure is None:
                failure = (verdict, f"does not follow: with {pivot} from the previous "
                                    f"equation, {detail}")
    return consistent or failure or (Verdict.FAILED, "does not follow from the previous equation")
