"""The step checker: establish what a rule's contract claims, with the kernel.

The checker never re-runs a rule. It takes the :class:`~symmem.derivation.claims.Claim`
the rule's contract states (the premise, with the values or cited equations put in)
and asks the equivalence kernel (:mod:`symmem.equivalence`) whether the new equation
follows. The kernel's outcome becomes the step's verdict: a claim that holds gets
the verdict the contract names (proved, definition, condition, assumed); one that
is only numerically consistent is marked so; anything else fails, with a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from symmem.derivation.claims import Claim, Verdict
from symmem.equivalence import (
    Decision,
    Outcome,
    bounded,
    sample_points,
)
from symmem.equivalence import implies as kernel_implies
from symmem.equivalence import is_zero as kernel_is_zero

__all__ = ["Verdict", "establish", "implies", "is_zero", "sample_values"]


def _verdict(decision: Decision, success: Verdict) -> Verdict:
    if decision.outcome is Outcome.PROVED:
        return success
    if decision.outcome is Outcome.NUMERIC:
        return Verdict.NUMERIC if success is Verdict.PROVED else success
    return Verdict.FAILED


def _failure(decision: Decision, what: str) -> str:
    if decision.outcome is Outcome.UNDECIDED:
        return f"could not be shown to follow from {what}: {decision.reason}"
    if decision.outcome is Outcome.INVALID:
        return f"is not a valid step: {decision.reason}"
    return f"does not follow from {what}: {decision.reason}"


def establish(claim: Claim, equation: Any, source: int | None = None) -> tuple[Verdict, str]:
    """Check ``equation`` against ``claim``; returns the verdict and a sentence."""
    if claim.problem:
        return Verdict.FAILED, claim.problem
    what = f"step {source}" if source else "the previous step"
    if claim.check == "introduced":
        return claim.verdict, claim.note or "introduced, not derived"
    if not isinstance(equation, sp.Equality):
        shown = "false (its two sides are different numbers)" if equation is sp.false \
            else f"not an equation ({type(equation).__name__})"
        return Verdict.FAILED, f"the step's equation is {shown}"
    if claim.check == "law":
        if equation == claim.law.equation:
            return Verdict.PROVED, f"the law {claim.law.name}, as it stands in symmem.laws"
        return Verdict.FAILED, f"it is not the law {claim.law.name} as it stands in symmem.laws"
    if claim.check == "approximate":
        return _approximation(claim, equation, what)
    if claim.check == "leading_order":
        return _leading_order(claim, equation, what)
    if claim.check == "limit":
        return _limit(claim, equation, what)
    if claim.check == "ode":
        return _ode(claim, equation, what)
    if claim.expand:
        from symmem.derivation.rules import put

        equation = put(equation, claim.expand)
    premises = claim.premise if isinstance(claim.premise, list) else [claim.premise]
    best: Decision | None = None
    for premise in premises:
        decision = kernel_implies(premise, equation, preferred=claim.preferred,
                                  any_branch=claim.any_branch)
        if decision.holds:
            if len(premises) > 1:
                decision = Decision(decision.outcome, decision.reason + f" (one of "
                                    f"{len(premises)} solutions)")
            best = decision
            break
        best = best or decision
    assert best is not None
    verdict = _verdict(best, claim.verdict)
    if verdict is Verdict.FAILED:
        return verdict, _failure(best, what)
    detail = best.reason if not claim.note else f"{claim.note}; {best.reason}"
    return verdict, detail


def _approximation(claim: Claim, equation: sp.Eq, what: str) -> tuple[Verdict, str]:
    decision = kernel_implies(claim.premise, equation, rel=claim.tolerance)
    if not decision.holds:
        return Verdict.FAILED, (f"the approximation is off by more than "
                                f"{100 * claim.tolerance:g} %: {decision.reason}")
    return Verdict.APPROXIMATED, (f"agrees with {what} to within "
                                  f"{100 * claim.tolerance:g} %")


def _leading_order(claim: Claim, equation: sp.Eq, what: str) -> tuple[Verdict, str]:
    """The approximation is the leading term: the same left side, and the ratio of the
    right sides tends to 1 as the small quantity goes to 0 from above (an exact limit,
    so that −2x for ln(1 − x) fails where a sampled comparison could not judge)."""
    premise, small = claim.premise, claim.variable
    if not isinstance(premise, sp.Equality) or premise.lhs != equation.lhs:
        return Verdict.FAILED, (f"must keep the left side of {what} "
                                f"({sp.sstr(getattr(premise, 'lhs', premise))})")
    if small not in premise.rhs.free_symbols:
        return Verdict.FAILED, f"{what} does not contain the small quantity {small}"
    done, ratio = bounded(lambda: sp.limit(premise.rhs / equation.rhs, small, 0, "+"),
                          seconds=5.0)
    if not done or ratio is None:
        return Verdict.FAILED, "the limit of the ratio could not be computed"
    decision = kernel_is_zero(ratio - 1)
    if decision.outcome is not Outcome.PROVED:
        return Verdict.FAILED, (f"is not the leading term of {what}: as {small} → 0 the "
                                f"ratio of the two tends to {sp.sstr(ratio)}, not 1")
    return Verdict.APPROXIMATED, (f"{claim.note}: the ratio of {what} to this step tends "
                                  f"to 1 as {small} → 0")


def _limit(claim: Claim, equation: sp.Eq, what: str) -> tuple[Verdict, str]:
    var, point = claim.variable, claim.point
    done, difference = bounded(lambda: sp.limit(claim.premise.rhs - equation.rhs, var, point),
                               seconds=5.0)
    if not done:
        return Verdict.FAILED, "the limit of the difference could not be computed"
    decision = kernel_is_zero(difference)
    if decision.outcome is Outcome.FAILED:
        return Verdict.FAILED, (f"does not follow from {what}: the limit of the difference "
                                f"is {sp.sstr(difference)}, not 0")
    verdict = _verdict(decision, Verdict.PROVED)
    if verdict is Verdict.FAILED:
        return verdict, _failure(decision, what)
    return verdict, f"{claim.note}: the limit of ({what} − this value) is 0"


def _ode(claim: Claim, equation: sp.Eq, what: str) -> tuple[Verdict, str]:
    func, ics = claim.variable, claim.ics
    if equation.lhs != func:
        return Verdict.FAILED, f"the solution must read {sp.sstr(func)} = an expression"
    ode = claim.premise
    done, leftover = bounded(lambda: (ode.lhs - ode.rhs).subs(func, equation.rhs).doit())
    decision = kernel_is_zero(leftover) if done and leftover is not None else None
    if decision is not None and decision.outcome is Outcome.FAILED:
        return Verdict.FAILED, (f"does not solve the differential equation of {what}: put "
                                f"into it, {decision.reason}")
    if decision is None or decision.outcome is not Outcome.PROVED:
        done, result = bounded(lambda: sp.checkodesol(ode, equation, func), seconds=5.0)
        if not done or result is None or not result[0]:
            return Verdict.FAILED, (f"could not be shown to solve the differential equation "
                                    f"of {what}")
    for at, value in ics.items():
        start = equation.rhs.subs(func.args[0], at.args[0])
        decision = kernel_is_zero(start - value)
        if not decision.holds:
            return Verdict.FAILED, f"does not satisfy the initial condition {at} = {value}"
    return Verdict.PROVED, "put into the differential equation it leaves 0, and it meets " \
                           "its initial condition"


# --- the kernel's answers in a derivation's words (kept for authors and tests) -------------
def implies(premise: sp.Eq, conclusion: sp.Eq, *, preferred: Sequence[sp.Basic] = (),
            numeric_rel: float = 1e-9) -> tuple[Verdict, str]:
    """Whether ``conclusion`` follows from ``premise``: (verdict, sentence)."""
    decision = kernel_implies(premise, conclusion, preferred=preferred, rel=numeric_rel)
    verdict = _verdict(decision, Verdict.PROVED)
    return verdict, decision.reason if verdict is not Verdict.FAILED else \
        _failure(decision, "the premise")


def is_zero(expr: sp.Expr, *, numeric_rel: float = 1e-9) -> tuple[Verdict, str]:
    """Whether ``expr`` is identically zero: (verdict, sentence)."""
    decision = kernel_is_zero(expr, rel=numeric_rel)
    return _verdict(decision, Verdict.PROVED), decision.reason


def sample_values(symbols: Any, seed: int = 0) -> list[dict[sp.Symbol, float]]:
    """Random points for ``symbols`` (the kernel's :func:`~symmem.equivalence.sample_points`)."""
    return sample_points(symbols, seed=seed)
