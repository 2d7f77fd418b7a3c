"""The one equivalence kernel: do two expressions (or equations) agree?

Derivation steps and student answers are both judged here, by the same evaluator
and the same zero test. The answer is one of five outcomes, with a sentence:

* ``proved`` — algebra under the symbols' assumptions shows the difference is 0;
* ``numerically consistent`` — the difference vanishes at every sample point, but
  algebra within its budget did not finish the proof;
* ``failed`` — the two differ at a sample point (the reason names the point);
* ``undecided`` — neither sampling nor algebra could settle it (say why);
* ``invalid`` — an expression is undefined everywhere (complex infinity, NaN).

Tiers, cheapest first: structural identity; exact arithmetic when no symbol is
left (rationals compared exactly, never with a float tolerance); sampling at
random points; cheap normal forms (logarithms expanded, ``together``/``cancel``,
``expand``); then ``simplify`` and ``equals`` — each under a size and a time
budget, so nothing here can hang.

Sampling covers every free symbol of both sides. The physical constants R, F and
T are sampled as symbols over wide ranges (potentials are drawn as multiples of
RT/F, energies as multiples of RT), so a term that is tiny only because F is
large is still caught:

>>> import sympy as sp
>>> from symmem.symbols import sym
>>> R, T, F, z = sym("R"), sym("T"), sym("F"), sym("z")
>>> ci, co = sym("c_in"), sym("c_out")
>>> nernst = R * T / (z * F) * sp.log(co / ci)
>>> str(same(nernst, -R * T / (z * F) * sp.log(ci / co)).outcome)
'proved'
>>> str(same(nernst, nernst + 1 / F**4).outcome)
'failed'
>>> str(is_zero(sp.zoo * ci).outcome)
'invalid'
"""

from __future__ import annotations

import cmath
import math
import random
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

import sympy as sp
from sympy.core.function import AppliedUndef

from symmem.constants import FARADAY, GAS_CONSTANT

__all__ = [
    "Decision",
    "Outcome",
    "agree",
    "as_expression",
    "bounded",
    "equivalent",
    "evaluate",
    "exact_decimals",
    "implies",
    "is_zero",
    "same",
    "sample_points",
    "solutions",
    "values",
    "within",
]

T_ = TypeVar("T_")


class Outcome(str, Enum):
    """What the kernel could establish."""

    PROVED = "proved"
    NUMERIC = "numerically consistent"
    FAILED = "failed"
    UNDECIDED = "undecided"
    INVALID = "invalid"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Decision:
    """An outcome and the one sentence that says how it was reached."""

    outcome: Outcome
    reason: str
    witness: Mapping[str, float] = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        """True for *proved* and *numerically consistent*."""
        return self.outcome in (Outcome.PROVED, Outcome.NUMERIC)


# --- budgets ------------------------------------------------------------------------------
class _Timeout(Exception):
    def __init__(self, token: object) -> None:
        super().__init__("time budget used up")
        self.token = token


#: the algebra tiers give up beyond this many operations (count_ops)
MAX_OPS = 400
#: ... or on an integer power higher than this (expanding it is what hangs)
MAX_POWER = 12
#: seconds one algebra attempt may take before it is abandoned
ATTEMPT_SECONDS = 1.0

_ALGEBRA_ERRORS = (TypeError, ValueError, NotImplementedError, RecursionError, AttributeError,
                   ZeroDivisionError, OverflowError, MemoryError, sp.PolynomialError,
                   sp.CoercionFailed)


def within(seconds: float, fn: Callable[[], T_]) -> tuple[bool, T_ | None]:
    """Run ``fn`` for at most ``seconds`` of real time: ``(True, value)``, or
    ``(False, None)`` when time ran out. Other exceptions pass through.

    The limit is a timer (SIGALRM), so it works only in the main thread; in any other
    thread ``fn`` runs unbounded and the size limits are the only guard. An outer,
    sooner limit is left in charge and is restored afterwards.
    """
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is
              threading.main_thread())
    outer, _ = signal.getitimer(signal.ITIMER_REAL) if usable else (0.0, 0.0)
    if not usable or (outer and outer <= seconds):
        return True, fn()
    token = object()
    armed = [True]  # the alarm raises only while fn runs; off as soon as we leave it
    cleaned = [False]
    in_hook = [False]
    previous_hook = sys.unraisablehook

    def _expire(signum: int, frame: Any) -> None:
        if armed[0] and not in_hook[0]:
            raise _Timeout(token)

    def _unraisable(unraisable: Any) -> None:
        # an alarm that lands where Python cannot raise (a __del__, a garbage-collector
        # callback) is reported here: drop it quietly, the next alarm 50 ms on raises
        in_hook[0] = True
        try:
            if not isinstance(unraisable.exc_value, _Timeout):
                previous_hook(unraisable)
        finally:
            in_hook[0] = False

    previous = signal.signal(signal.SIGALRM, _expire)
    sys.unraisablehook = _unraisable
    started = time.monotonic()

    def cleanup() -> None:
        armed[0] = False
        if cleaned[0]:
            return
        cleaned[0] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3))

    try:
        try:
            # the alarm repeats every 50 ms: one that lands where Python swallows
            # exceptions (a garbage-collector callback, a __del__) is followed by another
            signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
            return True, fn()
        finally:
            cleanup()
    except _Timeout as exc:
        # raised in fn, or by an alarm that came just as fn ended (even inside the
        # clean-up above, which is therefore finished here)
        cleanup()
        if exc.token is not token:
            raise
        return False, None


def bounded(fn: Callable[[], T_], seconds: float = ATTEMPT_SECONDS) -> tuple[bool, T_ | None]:
    """Run a piece of algebra for at most ``seconds``; ``(True, value)``, or
    ``(False, None)`` when it ran out of time or SymPy gave up on it."""
    try:
        return within(seconds, fn)
    except _ALGEBRA_ERRORS:
        return False, None


def small_enough(expr: sp.Basic) -> bool:
    """Whether the algebra tiers may touch ``expr`` (few operations, low integer powers)."""
    for node in sp.preorder_traversal(expr):
        if node.is_Pow and node.exp.is_Integer and abs(int(node.exp)) > MAX_POWER and \
                not node.base.is_Number:
            return False
    return sp.count_ops(expr) <= MAX_OPS


# --- evaluation without execution ---------------------------------------------------------
class Undefined(ArithmeticError):
    """The expression has no finite value at this point (log 0, 1/0, overflow)."""


class Unevaluable(Exception):
    """The expression holds something that cannot be evaluated (an unknown function)."""


_FUNCTIONS: dict[type, Callable[[complex], complex]] = {
    sp.exp: cmath.exp, sp.sin: cmath.sin, sp.cos: cmath.cos, sp.tan: cmath.tan,
    sp.sinh: cmath.sinh, sp.cosh: cmath.cosh, sp.tanh: cmath.tanh, sp.asin: cmath.asin,
    sp.acos: cmath.acos, sp.atan: cmath.atan, sp.asinh: cmath.asinh, sp.acosh: cmath.acosh,
    sp.atanh: cmath.atanh,
}
_RELATIONS: dict[type, Callable[[float, float], bool]] = {
    sp.StrictLessThan: lambda a, b: a < b, sp.LessThan: lambda a, b: a <= b,
    sp.StrictGreaterThan: lambda a, b: a > b, sp.GreaterThan: lambda a, b: a >= b,
    sp.Eq: lambda a, b: a == b, sp.Ne: lambda a, b: a != b,
}


def _real(value: complex) -> float:
    if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
        raise Undefined("a comparison of complex numbers")
    return value.real


def _truth(cond: sp.Basic, env: Mapping[sp.Basic, float], scale: list[float]) -> bool:
    if cond is sp.true:
        return True
    if cond is sp.false:
        return False
    for kind, test in _RELATIONS.items():
        if isinstance(cond, kind):
            return test(_real(_eval(cond.lhs, env, scale)), _real(_eval(cond.rhs, env, scale)))
    if isinstance(cond, sp.And):
        return all(_truth(a, env, scale) for a in cond.args)
    if isinstance(cond, sp.Or):
        return any(_truth(a, env, scale) for a in cond.args)
    if isinstance(cond, sp.Not):
        return not _truth(cond.args[0], env, scale)
    raise Unevaluable(f"the condition {cond}")


def _eval(expr: sp.Basic, env: Mapping[sp.Basic, float], scale: list[float]) -> complex:
    """The value of ``expr`` at ``env``; ``scale[0]`` keeps the largest term summed."""
    if expr.is_Symbol:
        try:
            return complex(env[expr])
        except KeyError:
            raise Unevaluable(f"no value for {expr}") from None
    if expr.is_Number or expr.is_NumberSymbol:
        if expr in (sp.zoo, sp.oo, -sp.oo, sp.nan):
            raise Undefined("an infinite or undefined number")
        try:
            return complex(float(expr))
        except (OverflowError, TypeError):
            raise Undefined("a number too large for a float") from None
    if expr is sp.I:
        return 1j
    try:
        if expr.is_Add:
            terms = [_eval(a, env, scale) for a in expr.args]
            scale[0] = max(scale[0], *(abs(t) for t in terms))
            return sum(terms, 0j)
        if expr.is_Mul:
            out = 1 + 0j
            for a in expr.args:
                out *= _eval(a, env, scale)
            return out
        if expr.is_Pow:
            base = _eval(expr.base, env, scale)
            exponent = _eval(expr.exp, env, scale)
            if base == 0 and exponent.real <= 0:
                raise Undefined("0 to a power that is not positive")
            if exponent.imag == 0 and exponent.real == int(exponent.real) and \
                    abs(exponent.real) <= 64:
                return base ** int(exponent.real)
            return base ** exponent
        if isinstance(expr, sp.log):
            arg = _eval(expr.args[0], env, scale)
            if arg == 0:
                raise Undefined("the logarithm of 0")
            return cmath.log(arg)
        kind = type(expr)
        if kind in _FUNCTIONS:
            arg = _eval(expr.args[0], env, scale)
            if kind is sp.exp and arg.real > 700:
                raise Undefined("an exponential too large for a float")
            return _FUNCTIONS[kind](arg)
        if isinstance(expr, sp.Abs):
            return complex(abs(_eval(expr.args[0], env, scale)))
        if isinstance(expr, sp.sign):
            v = _eval(expr.args[0], env, scale)
            return 0j if v == 0 else v / abs(v)
        if isinstance(expr, sp.re):
            return complex(_eval(expr.args[0], env, scale).real)
        if isinstance(expr, sp.im):
            return complex(_eval(expr.args[0], env, scale).imag)
        if isinstance(expr, sp.Heaviside):
            x = _real(_eval(expr.args[0], env, scale))
            return complex(1.0 if x > 0 else 0.0 if x < 0 else 0.5)
        if isinstance(expr, (sp.Min, sp.Max)):
            reals = [_real(_eval(a, env, scale)) for a in expr.args]
            return complex(min(reals) if isinstance(expr, sp.Min) else max(reals))
        if isinstance(expr, sp.Piecewise):
            for piece, cond in expr.args:
                if _truth(cond, env, scale):
                    return _eval(piece, env, scale)
            raise Undefined("no piece of a piecewise expression applies")
    except (OverflowError, ZeroDivisionError, ValueError) as exc:
        raise Undefined(str(exc)) from None
    raise Unevaluable(f"{type(expr).__name__} cannot be evaluated at sample points")


def evaluate(expr: sp.Basic, env: Mapping[sp.Basic, float]) -> complex:
    """The value of ``expr`` with the symbols of ``env``: a tree walk with :mod:`cmath`.

    Nothing is compiled or executed. Raises :class:`Undefined` where the expression has
    no finite value and :class:`Unevaluable` for what it cannot evaluate.

    >>> from symmem.symbols import sym
    >>> evaluate(2 * sym("V") + 1, {sym("V"): 0.5})
    (2+0j)
    """
    value = _eval(expr, env, [0.0])
    if not cmath.isfinite(value):
        raise Undefined("not finite")
    return value


def _evaluate_scaled(expr: sp.Basic, env: Mapping[sp.Basic, float]) -> tuple[complex, float]:
    scale = [0.0]
    value = _eval(expr, env, scale)
    if not cmath.isfinite(value):
        raise Undefined("not finite")
    return value, max(scale[0], abs(value))


# --- sample points ------------------------------------------------------------------------
#: how many points a comparison samples
SAMPLES = 8
_CONSTANTS = ("R", "T", "F")


def _unit(symbol: sp.Symbol) -> str:
    from symmem.symbols import info

    entry = info(symbol)
    return entry.unit if entry is not None else ""


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _draw(symbol: sp.Symbol, rng: random.Random, rt: float, rt_f: float,
          physical: bool) -> float:
    if symbol.is_integer:
        return float(rng.choice([1, 3, 4] if symbol.is_positive else [-2, -1, 1, 2]))
    unit = _unit(symbol)
    if unit == "mol/m^3":
        return _log_uniform(rng, 1e-3, 500.0)
    if unit == "V":
        value = rng.uniform(-4.5, 4.5) * rt_f
        return abs(value) if symbol.is_positive else value
    if unit == "J/mol":
        value = rng.uniform(-25.0, 25.0) * rt
        return abs(value) if symbol.is_positive else value
    if physical and unit == "K":
        return rng.uniform(273.0, 320.0)
    if symbol.is_positive or symbol.is_nonnegative:
        return _log_uniform(rng, 1e-2, 1e2)
    return rng.uniform(-2.0, 2.0)


def sample_points(symbols: Iterable[sp.Symbol], n: int = SAMPLES, seed: int = 0,
                  physical: bool = False) -> list[dict[sp.Symbol, float]]:
    """``n`` random points for ``symbols``, the same for the same seed in every run.

    Each symbol's value depends only on (seed, point, its name), so adding a symbol
    never moves the others. With ``physical=False`` R, F and T are drawn as positive
    numbers between 0.2 and 5; with ``physical=True`` they take their physical values
    (T between 273 and 320 K). Potentials (unit V) are drawn as up to ±4.5 RT/F and
    molar energies as up to ±25 RT, so exponentials stay finite; concentrations from
    10⁻³ to 500 mM; z from ±1, ±2.
    """
    ordered = sorted(set(symbols), key=lambda s: s.name)
    points = []
    for index in range(n):
        def rng_for(name: str, index: int = index) -> random.Random:
            return random.Random(f"symmem:{seed}:{index}:{name}")

        if physical:
            R, F = GAS_CONSTANT, FARADAY
            T = rng_for("T").uniform(273.0, 320.0)
        else:
            R, T, F = (_log_uniform(rng_for(name), 0.2, 5.0) for name in _CONSTANTS)
        point: dict[sp.Symbol, float] = {}
        for s in ordered:
            if s.name in _CONSTANTS and s.is_positive:
                point[s] = {"R": R, "T": T, "F": F}[s.name]
            else:
                point[s] = _draw(s, rng_for(s.name), R * T, R * T / F, physical)
        points.append(point)
    return points


def values(expr: sp.Basic, points: Sequence[Mapping[sp.Basic, float]]) -> list[complex | None]:
    """The value of ``expr`` at each point; None where it is undefined or not evaluable."""
    out: list[complex | None] = []
    for env in points:
        try:
            out.append(evaluate(expr, env))
        except (Undefined, Unevaluable):
            out.append(None)
    return out


def agree(a: Sequence[complex | None], b: Sequence[complex | None], rel: float,
          least: int = 3) -> bool | None:
    """True when equal (to ``rel``) wherever both are defined, at ``least`` points or more;
    False at the first clear difference; None when too few points compare."""
    compared = 0
    for x, y in zip(a, b):
        if x is None or y is None:
            continue
        compared += 1
        if abs(x - y) > rel * max(abs(x), abs(y), 1e-300):
            return False
    return True if compared >= least else None


def _witness(env: Mapping[sp.Basic, float]) -> dict[str, float]:
    return {str(k): float(v) for k, v in sorted(env.items(), key=lambda kv: str(kv[0]))}


def _point_text(witness: Mapping[str, float], width: int = 4) -> str:
    shown = [f"{k} = {v:.4g}" for k, v in list(witness.items())[:width]]
    more = ", …" if len(witness) > width else ""
    return ", ".join(shown) + more


# --- the zero test ------------------------------------------------------------------------
def _undefined_everywhere(expr: sp.Basic) -> bool:
    """Complex infinity or NaN outside any piecewise branch (a branch may be undefined
    where its condition fails: solve gives those for |x| = |y|)."""
    pieces = {p: sp.Dummy() for p in expr.atoms(sp.Piecewise)}
    return bool(expr.xreplace(pieces).has(sp.zoo, sp.nan))


def _function_atoms(expr: sp.Basic) -> sp.Basic:
    """``expr`` with each unknown function value (``c(x)``, ``c(L)``) and each derivative
    of one (``c'(x)``) replaced by a symbol of its own, so it can be sampled.

    This is sound for refuting: at distinct points the values and slopes of an arbitrary
    function can be chosen freely, so a nonzero value here is a real counterexample.
    """
    found = [a for a in expr.atoms(sp.Derivative) if isinstance(a.expr, AppliedUndef)]
    found += sorted(expr.atoms(AppliedUndef), key=sp.default_sort_key)
    if not found:
        return expr
    mapping = {}
    for atom in found:
        positive = isinstance(atom, AppliedUndef) and atom.func.is_positive is True
        name = "⟨" + sp.sstr(atom) + "⟩"
        mapping[atom] = sp.Symbol(name, positive=True) if positive else sp.Symbol(name,
                                                                                 real=True)
    return expr.xreplace(mapping)


def _sampling_view(expr: sp.Basic, points: Sequence[Mapping[sp.Basic, float]] | None
                   ) -> tuple[sp.Basic, Sequence[Mapping[sp.Basic, float]]]:
    """``expr`` ready for sampling and points that cover all of its symbols."""
    view = _function_atoms(expr)
    if points is None:
        return view, sample_points(view.free_symbols)
    missing = view.free_symbols - set().union(*(p.keys() for p in points)) if points else \
        view.free_symbols
    if missing:
        return view, sample_points(view.free_symbols, n=len(points) or SAMPLES)
    return view, points


def _sampled_zero(expr: sp.Basic, rel: float, points: Sequence[Mapping[sp.Basic, float]]
                  | None = None) -> tuple[bool | None, dict[str, float], complex | None]:
    """(True, {}, None) if 0 at every point; (False, point, value) at the first that is
    not; (None, …) when fewer than three points could be evaluated."""
    expr, points = _sampling_view(expr, points)
    evaluated = 0
    for env in points:
        try:
            value, scale = _evaluate_scaled(expr, env)
        except (Undefined, Unevaluable):
            continue
        evaluated += 1
        if abs(value) > rel * max(1.0, scale):
            return False, _witness(env), value
    return (True if evaluated >= 3 else None), {}, None


def _algebra_zero(expr: sp.Basic, forced: bool, effort: str = "full") -> str | None:
    """A sentence naming the algebra that reduced ``expr`` to 0, or None.

    ``forced`` allows rewrites that ignore assumptions (log of a product); they are
    used only after sampling has agreed, so they cannot turn a false claim into a proof.
    ``effort="cheap"`` stops before ``simplify`` and ``equals``.
    """
    if not small_enough(expr):
        return None
    attempts: list[tuple[str, Callable[[], Any]]] = [
        ("cancelling over a common denominator", lambda: sp.cancel(sp.together(expr))),
        ("expanding logarithms", lambda: sp.cancel(sp.together(sp.expand_log(
            sp.powsimp(expr, force=forced), force=forced)))),
        ("expanding", lambda: sp.expand(sp.expand_log(expr, force=forced))),
    ]
    if effort == "full" and sp.count_ops(expr) <= MAX_OPS // 2:
        attempts += [
            ("simplification", lambda: sp.simplify(sp.expand_log(expr, force=forced))),
            ("SymPy's equals(0)", lambda: sp.S.Zero if expr.equals(0) is True else None),
        ]
    for how, attempt in attempts:
        done, result = bounded(attempt)
        if done and result is not None and result == 0:
            return how
    return None


def _exact_number(expr: sp.Basic, rel: float, decimals: bool = False) -> Decision:
    """``decimals``: the expression came from typed decimals (already made exact)."""
    if expr.has(sp.Float) or decimals:  # a decimal is the fraction it spells: 0.333 ≠ 1/3
        done, exact = bounded(lambda: sp.nsimplify(exact_decimals(expr)))
        if done and exact is not None and exact.is_Rational:
            return _exact_number(exact, rel)
        # a decimal against an irrational (3.141592653 for pi) can only be close: judge it
        # to the same relative accuracy as sampled expressions
        done, value = bounded(lambda: complex(expr.evalf(30)))
        if done and value is not None:
            size = max(1.0, *(abs(complex(t.evalf(30))) for t in sp.Add.make_args(expr)))
            if abs(value) <= rel * size:
                return Decision(Outcome.NUMERIC, f"the decimals agree to {rel:g} of the "
                                "exact value")
            return Decision(Outcome.FAILED, f"it evaluates to {value.real:.6g}, not 0")
    if expr.is_Rational:
        if expr == 0:
            return Decision(Outcome.PROVED, "exact arithmetic gives 0")
        return Decision(Outcome.FAILED, f"exact arithmetic gives {expr}, not 0")
    if not expr.has(sp.Float):
        done, reduced = bounded(lambda: sp.nsimplify(sp.simplify(expr)))
        if done and reduced is not None and reduced.is_Rational:
            return _exact_number(reduced, rel)
        done, value = bounded(lambda: complex(expr.evalf(40)))
        if done and value is not None:
            if abs(value) > 1e-30:
                return Decision(Outcome.FAILED, f"it evaluates to {value.real:.6g}, not 0")
            return Decision(Outcome.NUMERIC, "it evaluates to 0 to 30 digits")
        return Decision(Outcome.UNDECIDED, "the number could not be evaluated")
    try:
        value, scale = _evaluate_scaled(expr, {})
    except (Undefined, Unevaluable) as exc:
        return Decision(Outcome.UNDECIDED, f"the number could not be evaluated ({exc})")
    if abs(value) > rel * max(1.0, scale):
        return Decision(Outcome.FAILED, f"it evaluates to {value.real:.6g}, not 0")
    return Decision(Outcome.NUMERIC, "it is 0 to floating-point accuracy")


def is_zero(expr: sp.Basic, *, rel: float = 1e-9,
            points: Sequence[Mapping[sp.Basic, float]] | None = None,
            effort: str = "full", decimals: bool = False) -> Decision:
    """Decide whether ``expr`` is identically zero, in the tiers of this module.

    ``points`` are the sample points (default: :func:`sample_points` of its symbols);
    ``effort="cheap"`` tries only the quick normal forms before settling for
    *numerically consistent* (the answer checker's choice: it must answer in
    milliseconds). ``decimals`` says the expression holds typed decimals already made
    exact (:func:`exact_decimals`): against an irrational they are judged to ``rel``.
    """
    expr = as_expression(expr)
    if _undefined_everywhere(expr):
        return Decision(Outcome.INVALID, "it contains an undefined quantity (a division by "
                        "zero gives complex infinity)")
    if expr == 0:
        return Decision(Outcome.PROVED, "the two sides agree as written")
    if not expr.free_symbols and not expr.atoms(AppliedUndef):
        return _exact_number(expr, rel, decimals)
    numeric, witness, value = _sampled_zero(expr, rel, points)
    if numeric is False:
        size = f"{value.real:.4g}" if value is not None and abs(value.imag) < 1e-12 else \
            f"{value:.4g}"
        return Decision(Outcome.FAILED, f"at {_point_text(witness)} it is {size}, not 0",
                        witness)
    how = _algebra_zero(expr, forced=numeric is True, effort=effort)
    if how is not None:
        return Decision(Outcome.PROVED, f"{how} gives 0")
    if numeric is True:
        return Decision(Outcome.NUMERIC, f"it is 0 at {SAMPLES} random points, but "
                        "algebra within its budget did not finish the proof")
    return Decision(Outcome.UNDECIDED, "it cannot be evaluated at enough sample points and "
                    "algebra within its budget did not settle it")


def exact_decimals(expr: sp.Basic) -> sp.Basic:
    """Each decimal read as the fraction it spells (0.333 → 333/1000, 4.52 → 113/25), so
    numbers compare exactly rather than through binary floating point."""
    floats = expr.atoms(sp.Float)
    return expr.xreplace({f: sp.Rational(str(f)) for f in floats}) if floats else expr


def as_expression(value: Any) -> sp.Basic:
    """A SymPy object or a plain number as SymPy; anything else (text above all, which
    only the safe parser may read) is refused."""
    if isinstance(value, sp.Basic):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a SymPy expression or a number, not {type(value).__name__}"
                        " (read text with symmem.compare or symmem.checking.parse)")
    return sp.Integer(value) if isinstance(value, int) else sp.Float(value)


def same(expected: sp.Basic, answer: sp.Basic, *, rel: float = 1e-9,
         points: Sequence[Mapping[sp.Basic, float]] | None = None) -> Decision:
    """Whether two expressions are equal for all values of their symbols.

    Sampling covers the symbols of both, so a symbol only one of them has is sampled too.
    """
    if _undefined_everywhere(answer):
        return Decision(Outcome.INVALID, "the answer is undefined (a division by zero gives "
                        "complex infinity)")
    if expected == answer:
        return Decision(Outcome.PROVED, "they are identical as written")
    decimals = expected.has(sp.Float) or answer.has(sp.Float)
    expected, answer = exact_decimals(expected), exact_decimals(answer)
    symbols = expected.free_symbols | answer.free_symbols
    if points is None or not symbols <= set().union(*(p.keys() for p in points)):
        points = sample_points(symbols)
    return is_zero(expected - answer, rel=rel, points=points, decimals=decimals)


# --- equations ----------------------------------------------------------------------------
def residual(eq: sp.Basic) -> sp.Basic:
    """``lhs − rhs`` of an equation; an expression stands for ``expression = 0``."""
    if isinstance(eq, sp.Equality):
        return eq.lhs - eq.rhs
    return eq


def _monomial(expr: sp.Expr) -> bool:
    """A nonzero number times powers of symbols (a factor one may divide by)."""
    return expr != 0 and all(
        f.is_Number or f.is_Symbol or (f.is_Pow and f.base.is_Symbol and f.exp.is_Number)
        for f in sp.Mul.make_args(expr))


def _nonzero(expr: sp.Expr) -> bool:
    """A monomial that cannot vanish or blow up under the symbols' assumptions."""
    return all(f.is_Number or getattr(f, "is_nonzero", None) is True or (
        f.is_Pow and f.base.is_nonzero is True) for f in sp.Mul.make_args(expr))


def _rearranged(old: sp.Expr, new: sp.Expr, strict: bool = False) -> str | None:
    """Why ``new = 0`` is ``old = 0`` rearranged or scaled, or None when it is not plain.

    Scaling by a factor that may vanish (V) only counts when ``strict`` is off, and the
    reason then says "where that is nonzero": a derivation that divides by V says so."""
    if not (small_enough(old) and small_enough(new)):
        return None
    done, plain = bounded(lambda: sp.expand(old - new) == 0 or sp.expand(old + new) == 0)
    if done and plain:
        return "it is the premise rearranged"
    done, ratio = bounded(lambda: sp.cancel(sp.together(new / old)))
    if done and ratio is not None and abs(ratio) == 1:
        return "it is the premise rearranged"
    if done and ratio is not None and _monomial(ratio):
        if _nonzero(ratio):
            return f"it is the premise multiplied by {sp.sstr(ratio)}"
        if not strict:
            return (f"it is the premise multiplied by {sp.sstr(ratio)} (where that is "
                    "nonzero and finite)")
    return None


def _pivots(old: sp.Expr, new: sp.Expr, preferred: Sequence[sp.Basic]) -> list[sp.Basic]:
    """Symbols to solve the premise for: the preferred ones, then those it shares with the
    new equation, simplest first (outside exp and log, fewest occurrences)."""
    def atoms(e: sp.Expr) -> set:
        return set(e.free_symbols) | e.atoms(sp.Derivative) | e.atoms(AppliedUndef)

    inside = set()
    for f in old.atoms(sp.exp, sp.log, sp.Pow):
        if not (isinstance(f, sp.Pow) and f.exp.is_Integer):
            inside |= atoms(f)

    counts: dict[sp.Basic, int] = {}
    for node in sp.preorder_traversal(old):
        counts[node] = counts.get(node, 0) + 1

    def simplicity(a: sp.Basic) -> tuple:
        return (a in inside, counts.get(a, 0), sp.default_sort_key(a))

    shared = atoms(old) & atoms(new)
    ordered = [p for p in preferred if p in atoms(old)]
    ordered += sorted((a for a in shared if a not in ordered), key=simplicity)
    ordered += sorted((a for a in atoms(old) if a not in ordered), key=simplicity)
    return ordered[:6]


def _isolated(eq: Any, pivot: sp.Basic) -> sp.Basic | None:
    """``rhs`` when ``eq`` already reads ``pivot = rhs`` (or ``rhs = pivot``)."""
    if not isinstance(eq, sp.Equality):
        return None
    for here, there in ((eq.lhs, eq.rhs), (eq.rhs, eq.lhs)):
        if here == pivot and not there.has(pivot):
            return there
    return None


def solutions(old: Any, pivot: sp.Basic) -> list[sp.Expr]:
    """The solutions of ``old`` (an equation, or an expression = 0) for ``pivot``, found
    within a time budget; an empty list when there are none or time ran out."""
    isolated = _isolated(old, pivot)
    if isolated is not None:
        return [isolated]
    done, found = bounded(lambda: sp.solve(old, pivot, dict=False), seconds=2.0)
    if not done or not isinstance(found, list):
        return []
    return [s for s in found if isinstance(s, sp.Basic) and not isinstance(s, sp.Tuple)]


def _only_trivial_root(residual_: sp.Expr, pivot: sp.Basic) -> bool:
    """Whether the pivot enters the premise only as a factor pivot**n of its residual.

    Then solving for it gives pivot = 0 alone, and the rest of the residual, which holds
    the relation the premise states, is lost: G0 (1/2 − e^(−kt)) = 0 solved for G0.
    """
    numerator = sp.numer(sp.factor_terms(sp.together(residual_)))
    free, tied = numerator.as_independent(pivot, as_Mul=True)
    trivial = tied == pivot or (isinstance(tied, sp.Pow) and tied.base == pivot)
    return trivial and bool(free.free_symbols)


def _as_relation(eq: Any, role: str) -> sp.Basic | Decision:
    if eq is sp.true:
        return sp.S.Zero
    if eq is sp.false:
        return Decision(Outcome.FAILED, f"the {role} is false as written (its two sides are "
                        "different numbers)")
    if isinstance(eq, sp.Equality):
        return residual(eq)
    if isinstance(eq, sp.Expr):
        return eq
    return Decision(Outcome.INVALID, f"the {role} is not an equation ({type(eq).__name__})")


def implies(premise: Any, conclusion: Any, *, preferred: Sequence[sp.Basic] = (),
            rel: float = 1e-9, strict: bool = False, any_branch: bool = False) -> Decision:
    """Whether ``conclusion`` holds whenever ``premise`` does (both equations).

    In order: the conclusion is an identity; it is the premise rearranged or scaled by a
    monomial (one that may vanish only when ``strict`` is off); or the premise, solved
    for a pivot symbol (``preferred`` first), makes the conclusion's residual vanish on
    every solution branch — on one of them when ``any_branch`` (a root was chosen).
    """
    new = _as_relation(conclusion, "new equation")
    if isinstance(new, Decision):
        return new
    if _undefined_everywhere(new):
        return Decision(Outcome.INVALID, "the new equation contains an undefined quantity "
                        "(complex infinity)")
    old = _as_relation(premise, "premise")
    if isinstance(old, Decision):
        return old
    sampled, _, _ = _sampled_zero(new, rel) if new.free_symbols else (None, {}, None)
    identity = Decision(Outcome.UNDECIDED, "not tried")
    if sampled is True:
        identity = is_zero(new, rel=rel)
        if identity.outcome is Outcome.PROVED:
            return Decision(Outcome.PROVED, "the new equation is an identity")
    if old == 0 or (not old.free_symbols and is_zero(old).outcome is Outcome.PROVED):
        # a premise that holds everywhere (1 = 1) implies only what holds everywhere
        if sampled is False:
            return Decision(Outcome.FAILED, "the premise holds for every value, but the new "
                            "equation does not")
        return is_zero(new, rel=rel) if sampled is None else identity
    reason = _rearranged(old, new, strict)
    if reason is not None:
        return Decision(Outcome.PROVED, reason)
    if sampled is None:
        identity = is_zero(new, rel=rel)
        if identity.outcome is Outcome.PROVED:
            return Decision(Outcome.PROVED, "the new equation is an identity")
    consistent: Decision | None = None
    failure: Decision | None = None
    proved: Decision | None = None
    # solving for one symbol can drop a degenerate case (F = RT/E loses E = 0), so a strict
    # check solves for every pivot: any branch that fails is a genuine counterexample
    for pivot in _pivots(old, new, preferred):
        branches = solutions(premise if isinstance(premise, sp.Equality) else old, pivot)
        decisions = [is_zero(new.subs(pivot, branch), rel=rel) for branch in branches]
        if not decisions:
            continue
        where = f" (with {pivot} from the premise"
        where += f", on all {len(branches)} of its solutions)" if len(branches) > 1 else ")"
        failed = [d for d in decisions if d.outcome is Outcome.FAILED]
        holding = [d for d in decisions if d.holds]
        if not failed and _only_trivial_root(old, pivot):
            # G0 (1/2 − e^(−kt)) = 0 solved for G0 gives only G0 = 0: that branch misses
            # the premise's real content (e^(−kt) = 1/2), so holding there proves nothing
            # (failing there is still a counterexample: a x = a y does not give x = y)
            continue
        if any_branch and holding:
            best = min(holding, key=lambda d: d.outcome is not Outcome.PROVED)
            return Decision(best.outcome, best.reason + f" (with {pivot} from the premise, "
                            f"the chosen one of its {len(branches)} solutions)")
        if failed:
            # each branch is a point where the premise holds: a failure is a counterexample
            failure = Decision(Outcome.FAILED, f"with {pivot} taken from the premise, the "
                               f"new equation fails: {failed[0].reason}", failed[0].witness)
            break
        if len(holding) == len(decisions):
            outcome = Outcome.PROVED if all(d.outcome is Outcome.PROVED for d in decisions) \
                else Outcome.NUMERIC
            reason = decisions[0].reason if len(decisions) == 1 else "each branch gives 0"
            if outcome is Outcome.PROVED and proved is None:
                proved = Decision(outcome, reason + where)
            consistent = consistent or Decision(outcome, reason + where)
            if not strict:
                break
    if proved is not None and failure is None:
        return proved
    if failure is not None and strict:
        return failure
    if consistent is not None:
        return consistent
    if identity.outcome is Outcome.NUMERIC:
        return Decision(Outcome.NUMERIC, "the new equation holds at every sample point")
    if failure is not None:
        return failure
    return Decision(Outcome.UNDECIDED, "the premise could not be solved for any of its "
                    "symbols, so the step could not be checked")


def _multiplicity(first: sp.Basic, second: sp.Basic) -> str | None:
    """A sentence when the two equations share their roots but not their multiplicity
    ((x − 2)² = 0 has x = 2 as a double root), else None.

    At each root of the first, solved for a shared symbol, a residual's derivative along
    that symbol vanishes exactly when the root is repeated: it must vanish for both or
    for neither.
    """
    a, b = residual(first), residual(second)
    for pivot in sorted(a.free_symbols & b.free_symbols, key=lambda s: s.name)[:2]:
        roots = solutions(first, pivot)
        if not roots:
            continue
        for root in roots:
            slopes = [is_zero(sp.diff(r, pivot).subs(pivot, root)).outcome for r in (a, b)]
            flat = [s in (Outcome.PROVED, Outcome.NUMERIC) for s in slopes]
            if Outcome.UNDECIDED not in slopes and flat[0] != flat[1]:
                return (f"they have the same solutions, but {pivot} = {sp.sstr(root)} is a "
                        f"repeated root of only one of them")
        return None
    return None


def equivalent(first: Any, second: Any, *, rel: float = 1e-9) -> Decision:
    """Whether two equations are the same condition: each implies the other, and every
    root has the same multiplicity in both ((x − 2)² = 0 is not x = 2)."""
    forward = implies(first, second, rel=rel, strict=True)
    if not forward.holds:
        return forward
    backward = implies(second, first, rel=rel, strict=True)
    if not backward.holds:
        return Decision(backward.outcome, "the first follows from the second only one way: "
                        + backward.reason, backward.witness)
    repeated = _multiplicity(first, second) if isinstance(first, sp.Equality) and \
        isinstance(second, sp.Equality) else None
    if repeated:
        return Decision(Outcome.FAILED, repeated)
    outcome = Outcome.PROVED if Outcome.NUMERIC not in (forward.outcome, backward.outcome) \
        else Outcome.NUMERIC
    return Decision(outcome, f"each implies the other ({forward.reason}; {backward.reason})")
