"""The rules that make derivation steps, kept in a registry.

Each rule has three parts:

* ``apply(previous, *args, **kwargs)`` makes the next equation (forwards);
* ``phrase(show, *args, **kwargs)`` says in words what was done (``show`` renders one
  expression: plain text, or LaTeX for notes and slides);
* ``contract(ctx)`` states what the checker must establish and what the step is if it
  holds (a :class:`~symmem.derivation.claims.Claim`). A contract never calls
  ``apply``: it names the premise (the earlier step, with the values or cited
  equations put in) and the checker proves the implication with the kernel.

``kind`` groups rules for the reader: ``equivalence``, ``definition``,
``assumption``, ``approximation``, ``limit`` and ``ode``. A rule registered without a
contract gets the one its kind implies: an ``equivalence`` must follow from the
step it acts on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from symmem.derivation.claims import CONSTRAINT, Claim, Context, Verdict, weakest
from symmem.equivalence import as_expression
from symmem.errors import InputError, UnknownNameError

__all__ = ["RULES", "Rule", "register"]

Contract = Callable[[Context], Claim]


@dataclass(frozen=True)
class Rule:
    """A named way to make the next equation, with a phrase and a contract."""

    name: str
    kind: str
    apply: Callable[..., sp.Eq]
    phrase: Callable[..., str]  # phrase(show, *args, **kwargs); show renders one expression
    contract: Contract


RULES: dict[str, Rule] = {}


def _by_kind(kind: str) -> Contract:
    def contract(ctx: Context) -> Claim:
        if kind in ("definition", "assumption"):
            verdict = Verdict.DEFINED if kind == "definition" else Verdict.ASSUMED
            return Claim("introduced", verdict, dependents=CONSTRAINT)
        check = {"approximation": "approximate", "limit": "limit", "ode": "ode"}.get(
            kind, "implies")
        return Claim(check, premise=ctx.source, dependents=ctx.source_dependents)

    return contract


def register(name: str, kind: str, phrase: Callable[..., str],
             contract: Contract | None = None) -> Callable:
    """Decorator: add a rule to the registry under ``name``.

    ``contract`` says what the checker must establish; without one, the contract of
    ``kind`` applies (an ``equivalence`` must follow from the step it acts on).
    """

    def wrap(fn: Callable[..., sp.Eq]) -> Callable[..., sp.Eq]:
        if name in RULES:
            raise InputError(f"rule {name!r} is already registered")
        RULES[name] = Rule(name, kind, fn, phrase, contract or _by_kind(kind))
        return fn

    return wrap


def rule(name: str) -> Rule:
    """The rule called ``name``; an unknown name raises with the list of rules."""
    try:
        return RULES[name]
    except KeyError:
        raise UnknownNameError(f"unknown rule {name!r}; rules: {', '.join(RULES)}") from None


# --- helpers the contracts share ------------------------------------------------------------
def atoms(expr: Any) -> set:
    """Symbols, applied functions and derivatives of ``expr`` (what may be replaced)."""
    if not isinstance(expr, sp.Basic):
        return set()
    return set(expr.free_symbols) | expr.atoms(AppliedUndef) | expr.atoms(sp.Derivative)


def _replaceable(expr: Any) -> bool:
    return isinstance(expr, (sp.Symbol, AppliedUndef, sp.Derivative))


def put(eq: Any, mapping: dict) -> Any:
    """``eq`` with each key of ``mapping`` replaced by its value (the checker's own
    instantiation: a structural replacement, with SymPy's ``subs`` only for keys that
    do not occur literally)."""
    out = eq.xreplace(mapping)
    # only keys xreplace could not find: a key it replaced may be back in ``out`` because
    # its value contains it (V → V + ΔV), and must not be replaced twice
    present = atoms(eq)
    left = {k: v for k, v in mapping.items() if k not in present and (
        k in atoms(out) or (not _replaceable(k) and out.has(k)))}
    return out.subs(left) if left else out


def _contradiction(target: Any, value: Any) -> str | None:
    """The declared property of ``target`` that ``value`` breaks, if any."""
    if not isinstance(target, sp.Symbol) or not isinstance(value, sp.Basic):
        return None
    for fact in ("positive", "nonnegative", "nonzero", "integer", "real"):
        if getattr(target, f"is_{fact}") is True and getattr(value, f"is_{fact}") is False:
            return f"{target} is declared {fact}"
    return None


def _text(expr: Any) -> str:
    return sp.sstr(expr)


def _pairs(show: Callable, mapping: dict) -> str:
    """``a = 1, b = 2`` with each equation rendered whole by ``show`` where it can."""
    out = []
    for k, v in mapping.items():
        whole = show(sp.Eq(k, v, evaluate=False))
        out.append(f"{show(k)} = {show(v)}" if whole.startswith("Eq(") else whole)
    return ", ".join(out)


def _both(eq: sp.Eq, fn: Callable[[sp.Expr], sp.Expr]) -> sp.Eq:
    return sp.Eq(fn(eq.lhs), fn(eq.rhs), evaluate=False)


def _put_in(eq: sp.Eq, values: dict) -> sp.Eq:
    """Each side with ``values`` put in, kept as an equation even when it becomes 0 = 0
    or undefined (so the derivation can say which)."""
    return sp.Eq(eq.lhs.subs(values), eq.rhs.subs(values), evaluate=False)


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


# --- introducing equations ------------------------------------------------------------------
def _define_contract(ctx: Context) -> Claim:
    eq = ctx.equation
    lhs = eq.lhs if isinstance(eq, sp.Equality) else None
    if ctx.kwargs.get("premise"):
        return Claim("introduced", Verdict.ASSUMED, note="introduced as a premise (a model "
                     "the derivation assumes)", dependents=CONSTRAINT)
    if lhs is not None and ctx.fresh(lhs) and lhs not in atoms(eq.rhs):
        return Claim("introduced", Verdict.DEFINED, note=f"defines {_text(lhs)}",
                     dependents=frozenset({lhs}))
    return Claim("introduced", Verdict.ASSUMED, note="introduced as a premise, not derived",
                 dependents=CONSTRAINT)


@register("define", "definition", lambda show, eq, premise=False: "definition",
          _define_contract)
def define(previous: sp.Eq | None, eq: sp.Eq, premise: bool = False) -> sp.Eq:
    return eq


def _law_contract(ctx: Context) -> Claim:
    law = ctx.args[0]
    return Claim("law", law=law, dependents=frozenset(atoms(law.equation.lhs)))


def _law_phrase(show: Callable, law: Any) -> str:
    """The law named in words (its title), never by its Python name."""
    return f"law: {getattr(law, 'title', law.name)}"


@register("law", "equivalence", _law_phrase, _law_contract)
def use_law(previous: sp.Eq | None, law: Any) -> sp.Eq:
    return law.equation


def _hypothesis_contract(verdict: Verdict) -> Contract:
    def contract(ctx: Context) -> Claim:
        mapping = ctx.args[0]
        note = ctx.kwargs.get("note", "")
        stated = _pairs(_text, mapping)
        if verdict is Verdict.CONDITION:
            text = f"condition {stated}" + (f" ({note})" if note else "")
            dependents = CONSTRAINT
        else:
            text = f"assumes {stated}" + (f" ({note})" if note else "")
            dependents = ctx.source_dependents
        return Claim("implies", verdict, premise=put(ctx.source, mapping), note=text,
                     dependents=dependents)

    return contract


@register("assume", "assumption",
          lambda show, subs, note="": f"assume {note or _pairs(show, subs)}".strip(),
          _hypothesis_contract(Verdict.ASSUMED))
def assume(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return _put_in(previous, subs)


@register("condition", "assumption",
          lambda show, subs, note="": f"set {_pairs(show, subs)}" + (f" ({note})" if note
                                                                     else ""),
          _hypothesis_contract(Verdict.CONDITION))
def condition(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return _put_in(previous, subs)


def _approximate_contract(ctx: Context) -> Claim:
    note = ctx.kwargs.get("note", "")
    return Claim("approximate", Verdict.APPROXIMATED, premise=ctx.source,
                 note=f"approximates {note}".strip(), dependents=ctx.source_dependents)


@register("approximate", "approximation",
          lambda show, subs, note="": f"approximate {note or _pairs(show, subs)}".strip(),
          _approximate_contract)
def approximate(previous: sp.Eq, subs: dict, note: str = "") -> sp.Eq:
    return previous.xreplace(subs)


def _leading_order_contract(ctx: Context) -> Claim:
    small = ctx.kwargs.get("small")
    if not isinstance(small, sp.Symbol):
        return Claim("leading_order", problem="a leading-order step names its small "
                     "quantity: small=<a symbol>")
    if small.is_positive is not True:
        return Claim("leading_order", problem=f"the small quantity {_text(small)} must be "
                     "declared positive (it goes to 0 from above)")
    note = ctx.kwargs.get("note", "")
    return Claim("leading_order", Verdict.APPROXIMATED, premise=ctx.source,
                 note=f"{note}, to leading order in small {_text(small)}".lstrip(", "),
                 variable=small, dependents=ctx.source_dependents)


@register("leading_order", "approximation",
          lambda show, subs, small, note="": (
              f"to leading order in small {show(small)}: {note or _pairs(show, subs)}"),
          _leading_order_contract)
def leading_order(previous: sp.Eq, subs: dict, small: sp.Symbol, note: str = "") -> sp.Eq:
    """Replace a part by its leading term as ``small`` → 0 (ln(1 − x) by −x): the
    checker takes the limit of the ratio of the two right sides, which must be 1."""
    return previous.xreplace(subs)


# --- equivalences ---------------------------------------------------------------------------
def _substitute_contract(ctx: Context) -> Claim:
    mapping, replaced = {}, []
    for number, eq in ctx.cited.items():
        if not isinstance(eq, sp.Equality) or not _replaceable(eq.lhs):
            return Claim("implies", problem=f"step {number} is not of the form name = "
                         "expression, so it cannot be substituted")
        if eq.lhs not in atoms(ctx.source):
            return Claim("implies", problem=f"{_text(eq.lhs)} (the left side of step "
                         f"{number}) does not occur in the equation it is put into")
        mapping[eq.lhs] = eq.rhs
        replaced.append(eq.lhs)
    deps = ctx.source_dependents
    if deps is not CONSTRAINT and any(r in deps for r in replaced):
        deps = CONSTRAINT
    cited = ", ".join(f"({n})" for n in ctx.cited)
    return Claim("implies", premise=put(ctx.source, mapping), dependents=deps,
                 note=f"uses {cited}")


@register("substitute", "equivalence",
          lambda show, using: "substitute " + ", ".join(f"({n})" for n in using),
          _substitute_contract)
def substitute(previous: sp.Eq, using: list[sp.Eq]) -> sp.Eq:
    return _put_in(previous, {eq.lhs: eq.rhs for eq in using})


def _abbreviate_contract(ctx: Context) -> Claim:
    names = {}
    for number, eq in ctx.cited.items():
        if not isinstance(eq, sp.Equality) or not isinstance(eq.lhs, sp.Symbol):
            return Claim("implies", problem=f"step {number} is not of the form name = "
                         "expression, so it cannot abbreviate anything")
        if eq.lhs not in atoms(ctx.equation):
            return Claim("implies", problem=f"{_text(eq.lhs)} (defined in step {number}) "
                         "does not occur in the abbreviated equation")
        names[eq.lhs] = eq.rhs
    cited = ", ".join(f"({n})" for n in ctx.cited)
    return Claim("implies", premise=ctx.source, dependents=ctx.source_dependents,
                 note=f"uses {cited}", expand=names)


@register("abbreviate", "equivalence",
          lambda show, using: "abbreviate with " + ", ".join(f"({n})" for n in using),
          _abbreviate_contract)
def abbreviate(previous: sp.Eq, using: list[sp.Eq]) -> sp.Eq:
    """Write the names of cited definitions (``A = Σ P c_i``) in place of their sums."""
    return _both(previous, lambda side: side.subs({eq.rhs: eq.lhs for eq in using}))


def _specialise_contract(ctx: Context) -> Claim:
    mapping = {k: as_expression(v) for k, v in ctx.args[0].items()}
    deps = ctx.source_dependents
    verdicts, notes = [Verdict.PROVED], []
    after = None if deps is CONSTRAINT else set(deps)
    for target, value in mapping.items():
        clash = _contradiction(target, value)
        if clash:
            verdicts.append(Verdict.ASSUMED)
            notes.append(f"sets {_text(target)} = {_text(value)} although {clash}: this "
                         "changes the model")
        elif deps is CONSTRAINT or target in deps:
            if ctx.fresh(value):
                verdicts.append(Verdict.DEFINED)
                notes.append(f"names {_text(target)} as {_text(value)}")
                if after is not None:
                    after.discard(target)
                    after.add(value)
            else:
                verdicts.append(Verdict.CONDITION)
                notes.append(f"condition {_text(target)} = {_text(value)} ({_text(target)} "
                             "is determined by the equation, so this restricts it)")
                after = None
    verdict = weakest(*verdicts)
    if verdict is Verdict.PROVED:
        notes.append("instantiates " + _pairs(_text, mapping))
    return Claim("implies", verdict, premise=put(ctx.source, mapping), note="; ".join(notes),
                 dependents=None if after is None else frozenset(after))


@register("specialise", "equivalence", lambda show, values: f"put {_pairs(show, values)}",
          _specialise_contract)
def specialise(previous: sp.Eq, values: dict) -> sp.Eq:
    return _put_in(previous, values)


@register("add", "equivalence", lambda show, expr: f"add {show(expr)} to both sides")
def add(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side + expr)


@register("multiply", "equivalence", lambda show, expr: f"multiply both sides by {show(expr)}")
def multiply(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side * expr)


@register("divide", "equivalence", lambda show, expr: f"divide both sides by {show(expr)}")
def divide(previous: sp.Eq, expr: sp.Expr) -> sp.Eq:
    return _both(previous, lambda side: side / expr)


@register("exp", "equivalence", lambda show: "exponentiate both sides")
def exponentiate(previous: sp.Eq) -> sp.Eq:
    return _both(previous, sp.exp)


@register("ln", "equivalence", lambda show: "take ln of both sides")
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


def _rewrite_phrase(show: Callable, how: Any = None, *args: Any) -> str:
    if how is None or isinstance(how, sp.Basic):
        return "rewrite"
    return f"rewrite ({str(how).replace('_', ' ')})"


@register("rewrite", "equivalence", _rewrite_phrase)
def rewrite(previous: sp.Eq, how: Any = None, *args: Any) -> sp.Eq:
    """Rewrite both sides by a named method, or into the equation ``how`` itself (the
    checker proves it from the previous step)."""
    if how is None:
        raise InputError("rewrite needs a method (together, combine_logs, …) or into=")
    if isinstance(how, sp.Equality):
        return how
    if how == "collect":
        return _both(previous, lambda side: sp.collect(sp.expand(side), args[0]))
    if how not in _REWRITES:
        raise InputError(f"unknown rewrite {how!r}; use collect or one of {sorted(_REWRITES)}")
    return _both(previous, _REWRITES[how])


@register("simplify", "equivalence", lambda show: "simplify")
def simplify(previous: sp.Eq) -> sp.Eq:
    return _both(previous, sp.simplify)


@register("swap", "equivalence", lambda show: "swap sides")
def swap(previous: sp.Eq) -> sp.Eq:
    return sp.Eq(previous.rhs, previous.lhs, evaluate=False)


def _solve_contract(ctx: Context) -> Claim:
    target, eq = ctx.args[0], ctx.equation
    if not isinstance(eq, sp.Equality) or eq.lhs != target or target in atoms(eq.rhs):
        return Claim("implies", problem=f"solving for {_text(target)} must give "
                     f"{_text(target)} = an expression without {_text(target)}")
    deps = ctx.source_dependents
    after = frozenset({target}) if deps is CONSTRAINT else frozenset(deps) | {target}
    chosen = ctx.kwargs.get("choose") is not None
    return Claim("implies", premise=ctx.source, preferred=(target,), dependents=after,
                 note="one root chosen" if chosen else "", any_branch=chosen)


@register("solve", "equivalence", lambda show, target, **kw: f"solve for {show(target)}",
          _solve_contract)
def solve(previous: sp.Eq, target: sp.Basic, choose: Callable | None = None) -> sp.Eq:
    solutions = sp.solve(previous, target)
    if choose is not None:
        solutions = [choose(solutions)]
    if len(solutions) != 1:
        raise InputError(f"solving for {target} gave {len(solutions)} solutions; "
                         "pass choose= to pick one")
    return sp.Eq(target, sp.expand_log(solutions[0]))


def _eliminate_contract(ctx: Context) -> Claim:
    from symmem.equivalence import solutions

    target = ctx.args[0]
    (number, using), = ctx.cited.items()
    if target in atoms(ctx.equation):
        return Claim("implies", problem=f"{_text(target)} still appears after it was "
                     "eliminated")
    if target not in atoms(using):
        return Claim("implies", problem=f"step {number} does not contain {_text(target)}")
    values = solutions(using, target)
    if not values:
        return Claim("implies", problem=f"step {number} could not be solved for "
                     f"{_text(target)} within the budget")
    deps = ctx.source_dependents
    if deps is not CONSTRAINT and target in deps:
        deps = CONSTRAINT
    return Claim("implies", premise=[put(ctx.source, {target: v}) for v in values],
                 dependents=deps, note=f"uses ({number})")


@register("eliminate", "equivalence",
          lambda show, target, using: f"eliminate {show(target)} using ({using})",
          _eliminate_contract)
def eliminate(previous: sp.Eq, target: sp.Basic, using: sp.Eq) -> sp.Eq:
    """Solve ``using`` for ``target`` and substitute into the previous equation."""
    (value,) = sp.solve(using, target)
    return _put_in(previous, {target: value})


# --- calculus -------------------------------------------------------------------------------
def _limit_contract(ctx: Context) -> Claim:
    name = ctx.args[2]
    eq = ctx.equation
    if not isinstance(eq, sp.Equality) or eq.lhs != name:
        return Claim("limit", problem=f"a limit step must read {_text(name)} = its value")
    return Claim("limit", premise=ctx.source, dependents=frozenset({name}),
                 note=f"defines {_text(name)} as the limit", variable=ctx.args[0],
                 point=ctx.args[1])


@register("limit", "limit",
          lambda show, var, point, name: f"take the limit {show(var)} → {show(point)}",
          _limit_contract)
def limit(previous: sp.Eq, var: sp.Symbol, point: Any, name: sp.Symbol) -> sp.Eq:
    return sp.Eq(name, sp.limit(previous.rhs, var, point))


def _ode_contract(ctx: Context) -> Claim:
    return Claim("ode", premise=ctx.source, dependents=frozenset({ctx.args[0]}),
                 variable=ctx.args[0], ics=dict(ctx.args[1]))


@register("dsolve", "ode", lambda show, func, ics: "solve the differential equation",
          _ode_contract)
def dsolve(previous: sp.Eq, func: sp.Expr, ics: dict) -> sp.Eq:
    return sp.dsolve(previous, func, ics=ics)
