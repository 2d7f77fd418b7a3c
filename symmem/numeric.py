"""Numeric forms of laws: lambdify once, validate inputs, broadcast, handle limits.

A law's SI expression is rewritten once into physiology units (mM, mV, kJ/mol)
with R and F replaced by their CODATA values, then lambdified twice with
``cse=True``: with :mod:`math` for the scalar fast path and with NumPy for arrays.

Validation refuses, with a ``ValueError`` that names the law, the parameter, the
value and the allowed range: a value outside the parameter's domain, NaN or
infinity, a missing or unknown parameter. A result that is not finite is never
returned silently.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import sympy as sp

from symmem.constants import ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT
from symmem.errors import InputError
from symmem.files import write_atomic
from symmem.symbols import sym

__all__ = ["DOMAINS", "NumericForm", "Output", "Param", "describe_params"]

_INF = math.inf
#: what the generated scalar path returns when the full path must decide
_SLOW = object()
#: names the generated scalar path uses itself (a parameter so named keeps the full path)
_GENERATED_NAMES = frozenset({"_f", "_INF", "_SLOW", "float", "type", "int", "out", "fast"})

#: domain name -> (the test of a value {v}, as Python source; words for the error message)
_DOMAIN_SOURCE: dict[str, tuple[str, str]] = {
    "positive": ("0 < {v} < _INF", "a finite number > 0"),
    "nonnegative": ("0 <= {v} < _INF", "a finite number >= 0"),
    "real": ("-_INF < {v} < _INF", "a finite number"),
    "nonzero": ("-_INF < {v} < _INF and {v} != 0", "a finite nonzero number"),
    "nonzero_integer": ("-_INF < {v} < _INF and {v} == int({v}) and {v} != 0",
                        "a nonzero integer"),
    "positive_integer": ("0 < {v} < _INF and {v} == int({v})", "a positive integer"),
    # in kelvin; below 200 K it is almost surely °C (CONVENTIONS: refused with a hint)
    "temperature": ("200 <= {v} < _INF",
                    "at least 200 (it is in kelvin: did you give °C? 37 °C is 310.15 K)"),
}
#: domain name -> (scalar test, words for the error message); the tests are made from
#: the same source as the generated scalar path's (:meth:`NumericForm._fast_scalar`)
DOMAINS: dict[str, tuple[Callable[[float], bool], str]] = {
    name: (eval(f"lambda v: {test.format(v='v')}", {"_INF": _INF}), words)
    for name, (test, words) in _DOMAIN_SOURCE.items()}


@dataclass(frozen=True)
class Param:
    """A numeric parameter of a law: keyword name, symbol, physiology unit and domain.

    ``to_si`` multiplies a value in ``unit`` to give SI (1e-3 for mV, 1e3 for kJ/mol).
    """

    name: str
    symbol: sp.Symbol
    unit: str
    to_si: float
    domain: str
    description: str
    default: float | None = None

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        default = f", default {self.default:g}" if self.default is not None else ""
        return f"{self.name} ({self.description}{',' if unit else ''}{unit}{default})"


@dataclass(frozen=True)
class Output:
    """The result of a law: its name, symbol and physiology unit."""

    name: str
    symbol: sp.Symbol
    unit: str
    to_si: float = 1.0


def unknown_parameters(law_name: str, unknown: Sequence[str], valid: Sequence[str],
                       valid_words: str) -> InputError:
    """The error for parameter names a law does not take, each with its closest valid
    name (``'cin' (did you mean 'c_in'?)``), then ``valid_words``."""
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(valid), n=1)
        hints.append(f"{name!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return InputError(f"{law_name}: unknown parameter {', '.join(hints)}. "
                      f"Valid parameters: {valid_words}")


def describe_params(params: Sequence[Param]) -> str:
    return ", ".join(p.describe() for p in params)


def _numeric_constants() -> dict[sp.Symbol, sp.Float]:
    return {sym("R"): sp.Float(GAS_CONSTANT, 17), sym("F"): sp.Float(FARADAY, 17),
            sym("e_charge"): sp.Float(ELEMENTARY_CHARGE, 17), sym("c_std"): sp.Float(1000.0)}


def _cache_dir() -> Path:
    """Where generated numeric code is kept: $SYMMEM_CACHE, else the user's cache."""
    root = os.environ.get("SYMMEM_CACHE")
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "symmem" / "numeric"


def _source(names: Sequence[str], expr: sp.Expr, modules: str) -> str:
    """Python source of ``f(*names)`` computing ``expr`` with ``math`` or ``numpy``
    (SymPy's own code printers, as lambdify uses them, with common subexpressions)."""
    from sympy.printing.numpy import NumPyPrinter
    from sympy.printing.pycode import PythonCodePrinter

    printer = NumPyPrinter() if modules == "numpy" else PythonCodePrinter(
        {"fully_qualified_modules": True})
    temporaries, (reduced,) = sp.cse(expr, symbols=sp.numbered_symbols("_t"))
    lines = [f"def f({', '.join(names)}):"]
    lines += [f"    {t} = {printer.doprint(value)}" for t, value in temporaries]
    lines.append(f"    return {printer.doprint(reduced)}")
    return "\n".join(lines) + "\n"


def compiled(symbols: Sequence[sp.Symbol], expr: sp.Expr, modules: str) -> Callable:
    """A function of ``symbols`` computing ``expr`` with ``math`` or ``numpy``.

    The generated source is kept on disk, keyed by a hash of the expression, SymPy's
    and symmem's versions; later processes read it instead of calling ``lambdify``, so
    evaluating a law does not pay for building the numeric form again. The source is
    symmem's own, printed from the law: never anything a user typed.
    """
    from symmem import __version__

    names = [s.name for s in symbols]
    key = hashlib.sha256("\x1f".join([modules, sp.__version__, __version__, *names,
                                      sp.srepr(expr)]).encode()).hexdigest()[:32]
    path = _cache_dir() / f"{key}-{modules}.py"
    namespace: dict[str, Any] = {"math": math}
    if modules == "numpy":
        import numpy

        namespace["numpy"] = numpy
    try:
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
        return namespace["f"]
    except (OSError, SyntaxError, ValueError, KeyError):
        pass  # not cached yet, or a damaged file: print it again
    source = _source(names, expr, modules)
    try:
        write_atomic(path, source)
    except OSError:
        pass  # a read-only home: generate again next time
    exec(compile(source, str(path), "exec"), namespace)
    return namespace["f"]


#: parameters that are almost always scalars: their factors are multiplied first
_SCALAR_LIKE = frozenset({"T", "z", "n", "r", "R", "F"})


def hoist_scalar_factors(expr: sp.Expr) -> sp.Expr:
    """Group the scalar-like factors of every product so that they multiply first.

    ``0.086*T*log(x)/z`` becomes ``(0.086*T/z)*log(x)``: one pass over an array
    instead of three. The grouping is unevaluated, so it survives into lambdify.
    """
    if not expr.args or isinstance(expr, sp.Number):
        return expr
    args = [hoist_scalar_factors(a) for a in expr.args]
    if isinstance(expr, sp.Mul):
        cheap = [a for a in args if not a.has(sp.Function)
                 and {s.name for s in a.free_symbols} <= _SCALAR_LIKE]
        rest = [a for a in args if a not in cheap]
        if len(cheap) >= 2 and rest:
            return sp.Mul(sp.Mul(*cheap), *rest, evaluate=False)
        return sp.Mul(*args, evaluate=False)
    if isinstance(expr, sp.Add):
        return sp.Add(*args, evaluate=False)
    return expr.func(*args)


def to_physiology_units(expr: sp.Expr, params: Sequence[Param], output: Output) -> sp.Expr:
    """Rewrite an SI expression so that it takes and returns physiology units."""
    scale = {p.symbol: sp.Float(p.to_si) * p.symbol for p in params if p.to_si != 1}
    expr = expr.xreplace(scale).xreplace(_numeric_constants())
    if output.to_si != 1:
        expr = expr / sp.Float(output.to_si)
    return expr


class NumericForm:
    """A validated, vectorised numeric function made once from a law's expression.

    ``removable=(name, point, tolerance)`` names a parameter at which the
    expression is 0/0; within ``tolerance`` of ``point`` its Taylor polynomial
    (to second order) is used instead, so the limit is returned rather than NaN.
    """

    def __init__(self, law_name: str, params: Sequence[Param], expr_si: sp.Expr,
                 output: Output, *, removable: tuple[str, float, float] | None = None,
                 checks: Sequence[Callable[[Mapping[str, Any]], str | None]] = (),
                 diagnose: Callable[[Mapping[str, Any]], str | None] | None = None) -> None:
        self.law_name = law_name
        self.params = tuple(params)
        self.output = output
        self.names = tuple(p.name for p in self.params)
        self._name_set = frozenset(self.names)
        self._required = tuple(p.name for p in self.params if p.default is None)
        self._defaults = {p.name: p.default for p in self.params if p.default is not None}
        self.tests = tuple((p.name, *DOMAINS[p.domain]) for p in self.params)
        self._checks = tuple(checks)
        self._diagnose = diagnose
        expr = to_physiology_units(expr_si, self.params, output)
        args = [p.symbol for p in self.params]
        self._f_math = compiled(args, expr, "math")
        self.expr = expr
        self._fast = self._fast_scalar() if not checks and removable is None and \
            all(n.isidentifier() and n not in _GENERATED_NAMES for n in self.names) else None
        self.plans: dict[tuple[bool, ...], Any] = {}  # array pattern -> UfuncPlan or None
        #: (index, point, tolerance, expression near the point, its math form)
        self.removable: tuple[int, float, float, sp.Expr, Callable] | None = None
        if removable is not None:
            name, point, tol = removable
            index = self.names.index(name)
            near = sp.series(expr, self.params[index].symbol, point, 3).removeO()
            self.removable = (index, point, tol, near, compiled(args, near, "math"))

    @cached_property
    def f_numpy(self) -> Callable:
        """The expression as NumPy code printed by SymPy (arrays of any shape)."""
        return compiled([p.symbol for p in self.params], hoist_scalar_factors(self.expr),
                        "numpy")

    @cached_property
    def near_numpy(self) -> Callable | None:
        """The Taylor polynomial at the removable point as NumPy code."""
        if self.removable is None:
            return None
        return compiled([p.symbol for p in self.params], self.removable[3], "numpy")

    # -- argument handling ------------------------------------------------------------
    def _collect(self, kwargs: Mapping[str, Any]) -> list[Any]:
        unknown = kwargs.keys() - self._name_set
        if unknown:
            self._raise_unknown(sorted(unknown))
        missing = [n for n in self._required if n not in kwargs]
        if missing:
            raise InputError(f"{self.law_name}: missing parameter(s) {', '.join(missing)}. "
                             f"It takes {describe_params(self.params)}")
        return [kwargs[n] if n in kwargs else self._defaults[n] for n in self.names]

    def _raise_unknown(self, unknown: list[str]) -> None:
        raise unknown_parameters(self.law_name, unknown, self.names, ", ".join(self.names))

    def refuse(self, name: str, words: str, value: Any, where: str = "") -> None:
        param = self.params[self.names.index(name)]
        unit = f" {param.unit}" if param.unit else ""
        raise InputError(f"{self.law_name}: {name} ({param.description}) must be {words}"
                         f"{' in' + unit if unit else ''}; got {value!r}{where}")

    def _fast_scalar(self) -> Callable[..., Any]:
        """One generated function for the common call: every parameter a plain float or
        int, by keyword, in its domain, and a finite result; it returns the value, or
        ``_SLOW`` for anything else (the full path then refuses with the reason). The
        source is printed here from the parameters' names and domains (never from input):

            def fast(*, c_in, c_out, z, T=310.15):
                if (type(c_in) is float or type(c_in) is int) and ... and 0 < c_in < _INF ...
        """
        names = self.names
        signature = ", ".join(f"{n}={self._defaults[n]!r}" if n in self._defaults else n
                              for n in names)
        kinds = " and ".join(f"(type({n}) is float or type({n}) is int)" for n in names)
        domains = " and ".join(f"({_DOMAIN_SOURCE[p.domain][0].format(v=p.name)})"
                               for p in self.params)
        source = (f"def fast(*, {signature}):\n"
                  f"    if {kinds} and {domains}:\n"
                  f"        try:\n"
                  f"            out = float(_f({', '.join(names)}))\n"
                  f"        except (ValueError, ZeroDivisionError, OverflowError):\n"
                  f"            return _SLOW\n"
                  f"        if -_INF < out < _INF:\n"
                  f"            return out\n"
                  f"    return _SLOW\n")
        namespace: dict[str, Any] = {"_f": self._f_math, "_INF": _INF, "_SLOW": _SLOW}
        exec(compile(source, f"<symmem scalar {self.law_name}>", "exec"), namespace)
        return namespace["fast"]

    # -- evaluation ----------------------------------------------------------------------
    def __call__(self, **kwargs: Any) -> Any:
        fast = self._fast
        if fast is not None:
            try:
                out = fast(**kwargs)
            except TypeError:  # a missing or unknown name, a value that is not a number
                out = _SLOW
            if out is not _SLOW:
                return out
        values = self._collect(kwargs)
        # NumPy's float64 scalars are floats too (a subclass); bools are not numbers here
        if all(isinstance(v, float) or type(v) is int for v in values):
            return self._scalar(values)
        from symmem.numeric_arrays import evaluate_arrays

        return evaluate_arrays(self, values)

    def _scalar(self, values: list[float]) -> float:
        for (name, test, words), v in zip(self.tests, values):
            if not test(v):
                self.refuse(name, words, v)
        self.run_checks(values)
        f = self._f_math
        if self.removable is not None:
            index, point, tol, _, near = self.removable
            if abs(values[index] - point) < tol:
                f = near
        try:
            out = float(f(*values))
        except (ValueError, ZeroDivisionError, OverflowError):
            out = math.nan
        if not math.isfinite(out):
            self.raise_not_finite(values)
        return out

    def run_checks(self, values: Sequence[Any]) -> None:
        if not self._checks:
            return
        named = dict(zip(self.names, values))
        for check in self._checks:
            message = check(named)
            if message:
                raise InputError(f"{self.law_name}: {message}")

    def raise_not_finite(self, values: Sequence[Any]) -> None:
        named = dict(zip(self.names, values))
        reason = self._diagnose(named) if self._diagnose else None
        if reason is None:
            shown = ", ".join(f"{k}={v!r}" for k, v in named.items()
                              if getattr(v, "ndim", 0) == 0)
            reason = (f"the result is not a finite number for these inputs ({shown}); "
                      "check that they are in physiological ranges")
        raise InputError(f"{self.law_name}: {reason}")
