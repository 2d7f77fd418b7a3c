"""The rules that make derivation steps, kept in a registry.

Each rule is applied forwards: it takes the previous equation (and its arguments)
and returns the next one. Its ``kind`` tells the checker how to judge the result:

* ``equivalence`` — must follow from the previous equation (checked independently);
* ``definition``, ``assumption`` — introduced, not derived: verdict *assumed*;
* ``approximation`` — must agree with the previous equation to 0.1 %: *approximated*;
* ``limit`` — the limit of the previous right side, checked as a limit of the difference;
* ``ode`` — the solution of an ODE, checked with ``checkodesol`` and its initial value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

__all__ = ["RULES", "Rule", "register"]


@dataclass(frozen=True)
class Rule:
    """A named way to make the next equation, with a phrase for the reader."""

    name: str
    kind: str
    apply: Callable[..., sp.Eq]
    phrase: Callable[..., str]  # phrase(show, *args, **kwargs); show renders one expression


RULES: dict[str, Rule] = {}


def register(name: str, kind: str, phrase: Callable[..., str]) -> Callable:
    """Decorator: add a rule to the registry under ``name``."""

    def wrap(fn: Callable[..., sp.Eq]) -> Callable[..., sp.Eq]:
        if name in RULES:
            raise ValueError(f"rule {name!r} is already registered")
        RULES[name] = Rule(name, kind, fn, phrase)
        return fn

    return wrap


def _both(eq: sp.Eq, fn: Callable[[sp.Expr], sp.Expr]) -> sp.Eq:
    return sp.Eq(fn(eq.lhs), fn(eq.rhs), evaluate=False)


def combine_logs(expr: sp.Expr) -> sp.Expr:
    """Combine logarithms that share a coefficient: a ln x − a ln y → a ln(x/y)."""
    expr = sp.expand(expr)
    if not isinstance(expr, sp.Add):
        return expr
    groups: dict[sp.Expr, list[sp.Expr]] = {}
    others = []
    for term in expr.args:
        logs = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.log)]
        if len(logs) != 1:
            others.append(term)
            continue
        k = term / logs[0]
        sign = -1 if k.could_extract_minus_sign() else 1
        groups.setdefault(sign * k, []).append(logs[0].args[0] ** sign)
    combined = [k * sp.log(sp.Mul(*args)) for k, args in groups.items()]
    return sp.Add(*others, *combined)


# --- introducing equations ----------------------------------------------------------------
@register("define", "definition", lambda show, eq: "definition")
def define(previous: sp.Eq | None, eq: sp.Eq) -> sp.Eq:
    return eq


@register("law", "equivalence", lambda show, law: f"the law {law.name}")
def use_law(previous: sp.Eq | None, law: Any) -> sp.Eq:
    return law.equation


@register("assume", "assumption", lambda show, subs, note="": f"assume {note}".strip())
def assume(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return previous.subs(subs)


@register("condition", "assumption", lambda show, subs, note="": f"set {note}".strip())
def condition(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return previous.subs(subs)


@register("approximate", "approximation",
          lambda show, subs, note="": f"approximate {note}".strip())
def approximate(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return previous.xreplace(subs)


# --- equivalences -------------------------------------------------------------------------
@register("substitute", "equivalence", lambda show, using: "substitute")
def substitute(previous: sp.Eq, using: list[sp.Eq]) -> sp.Eq:
    mapping = {eq.lhs: eq.rhs for eq in using}
    return sp.Eq(previous.lhs.subs(mapping), previous.rhs.subs(mapping))


@register("specialise", "equivalence", lambda show, values: "specialise")
def specialise(previous: sp.Eq, values: dict) -> sp.Eq:
    return previous.subs(values)


@register("add", "equivalence", lambda show, expr: f"add {show(expr)} to both sides")
def add(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side + expr)


@register("multiply", "equivalence", lambda show, expr: f"multiply both sides by {show(expr)}")
def multiply(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side * expr)


@register("divide", "equivalence", lambda show, expr: f"divide both sides by {show(expr)}")
def divide(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side / expr)


@register("exp", "equivalence", lambda: "exponentiate both sides")
def exponentiate(previous: sp.Eq) -> sp.Eq:
    return _both(previous, sp.exp)


@register("ln", "equivalence", lambda: "take ln of both sides")
def logarithm(previous: sp.Eq) -> sp.Eq:
    return _both(previous, lambda side: sp.expand_log(sp.log(side)))


_REWRITES: dict[str, Callable[..., sp.Expr]] = {
    "expand_log": lambda e: sp.expand_log(e, force=True),
    "combine_logs": combine_logs,
    "expand": sp.expand,
    "factor": sp.factor,
    "cancel": sp.cancel,
    "together": sp.together,
    "powsimp": lambda e: sp.powsimp(e, force=True),
}


@register("rewrite", "equivalence", lambda show, how, *a: f"rewrite ({how.replace('_', ' ')})")
def rewrite(previous: sp.Eq, how: str, *args: Any) -> sp.Eq:
    if how == "collect":
        return _both(previous, lambda side: sp.collect(sp.expand(side), args[0]))
    if how not in _REWRITES:
        raise ValueError(f"unknown rewrite {how!r}; use collect or one of {sorted(_REWRITES)}")
    return _both(previous, _REWRITES[how])


@register("simplify", "equivalence", lambda: "simplify")
def simplify(previous: sp.Eq) -> sp.Eq:
    return _both(previous, sp.simplify)


@register("swap", "equivalence", lambda: "swap sides")
def swap(previous: sp.Eq) -> sp.Eq:
    return sp.Eq(previous.rhs, previous.lhs, evaluate=False)


@register("solve", "equivalence", lambda show, target, **kw: f"solve for {show(target)}")
def solve(previous: sp.Eq, target: sp.Basic, choose: Callable | None = None) -> sp.Eq:
    solutions = sp.solve(previous, target)
    if choose is not None:
        solutions = [choose(solutions)]
    if len(solutions) != 1:
        raise ValueError(f"solving for {target} gave {len(solutions)} solutions; "
                         "pass choose= to pick one")
    return sp.Eq(target, sp.expand_log(solutions[0]))


@register("eliminate", "equivalence",
          lambda show, target, using: f"eliminate {show(target)}")
def eliminate(previous: sp.Eq, target: sp.Basic, using: sp.Eq) -> sp.Eq:
    """Solve ``using`` for ``target`` and substitute into the previous equation."""
    (value,) = sp.solve(using, target)
    return sp.Eq(previous.lhs.subs(target, value), previous.rhs.subs(target, value))


# --- calculus -----------------------------------------------------------------------------
@register("limit", "limit",
          lambda show, var, point, name: f"take the limit {show(var)} -> {show(point)}")
def limit(previous: sp.Eq, var: sp.Symbol, point: Any, name: sp.Symbol) -> sp.Eq:
    return sp.Eq(name, sp.limit(previous.rhs, var, point))


@register("dsolve", "ode", lambda show, func, ics: "solve the differential equation")
def dsolve(previous: sp.Eq, func: sp.Expr, ics: dict) -> sp.Eq:
    return sp.dsolve(previous, func, ics=ics)
