"""Derivation and Step: every step made by a rule, then checked on its own.

>>> import sympy as sp
>>> from symmem.derivation import Derivation
>>> from symmem.symbols import sym
>>> x = sym("V")
>>> d = Derivation("demo", "A two-step demo")
>>> d.define(sp.Eq(2 * x, sym("E")), "Start from a relation.")
1
>>> d.apply("solve", x, because="Isolate V.")
2
>>> [str(v) for v in d.verify()]
['assumed', 'proved']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symmem.derivation.materials import Example, Exercise, Figure
from symmem.derivation.rules import RULES, Rule
from symmem.derivation.verify import Verdict, implies, is_zero

__all__ = ["Derivation", "DerivationError", "Step"]


class DerivationError(ValueError):
    """A step that does not follow; the message names derivation, step, rule and sides."""


@dataclass
class Step:
    """One line of a derivation: an equation, the rule that made it, and why."""

    equation: sp.Eq
    rule: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    because: str
    source: int | None = None  # number of the step the rule acted on (1-based)
    using: tuple[int, ...] = ()  # numbers of steps whose equations the rule used
    verdict: Verdict | None = None
    detail: str = ""

    @property
    def kind(self) -> str:
        return RULES[self.rule].kind

    def phrase(self, show: Any = sp.sstr) -> str:
        """The rule in words, with its arguments rendered by ``show``."""
        rule: Rule = RULES[self.rule]
        return rule.phrase(show, *self.args, **self.kwargs)


@dataclass
class Derivation:
    """An ordered list of steps that should end at a law of :mod:`symmem.laws`."""

    name: str
    title: str
    summary: str = ""
    steps: list[Step] = field(default_factory=list)
    law: Any = None
    conclusions: list[tuple[Any, int]] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    _verified: bool = False

    # -- building ------------------------------------------------------------------------
    def define(self, equation: sp.Eq, because: str) -> int:
        """Introduce an equation (a definition or starting point): verdict *assumed*."""
        return self._add(Step(equation, "define", (equation,), {}, because))

    def use_law(self, law: Any, because: str) -> int:
        """Introduce a law of :mod:`symmem.laws` as it stands there."""
        return self._add(Step(law.equation, "law", (law,), {}, because))

    def apply(self, rule: str, *args: Any, because: str, on: int | None = None,
              **kwargs: Any) -> int:
        """Apply a rule to step ``on`` (default: the last) and append the result."""
        if rule not in RULES:
            raise KeyError(f"{self.name}: unknown rule {rule!r}; rules: {', '.join(RULES)}")
        if not self.steps:
            raise ValueError(f"{self.name}: the first step must be define() or use_law()")
        source = on if on is not None else len(self.steps)
        previous = self.step(source).equation
        using: tuple[int, ...] = ()
        if rule == "substitute":
            using = tuple(args[0])
            args = ([self.step(k).equation for k in using],)
        if rule == "eliminate":
            using = (args[1],)
            args = (args[0], self.step(args[1]).equation)
        equation = RULES[rule].apply(previous, *args, **kwargs)
        if not isinstance(equation, sp.Eq):
            raise DerivationError(f"{self.name}: rule {rule} gave {equation!r}, not an equation")
        return self._add(Step(equation, rule, args, kwargs, because, source, using))

    def conclude(self, law: Any, at: int | None = None) -> None:
        """Declare a law that step ``at`` (default: the last) must be equivalent to.

        A derivation may conclude several laws; the first is its main one.
        """
        if law is None:
            return
        self.conclusions.append((law, at or len(self.steps)))
        if self.law is None:
            self.law = law

    # -- teaching material ---------------------------------------------------------------
    def learn(self, *goals: str) -> None:
        """What the student will learn, one sentence per goal."""
        self.goals.extend(goals)

    def figure(self, function: Any, caption: str, **kwargs: Any) -> None:
        """A figure drawn by ``function(**kwargs)`` (see :mod:`symmem.plots`)."""
        self.figures.append(Figure(function, caption, kwargs))

    def example(self, law_name: str, caption: str, **values: Any) -> None:
        """A law evaluated with textbook values, in physiology units."""
        self.examples.append(Example(law_name, caption, values))

    def exercise(self, prompt: str, solution: str, question: str | None = None,
                 **params: Any) -> None:
        """An exercise with its answer; ``question`` names a checker question."""
        self.exercises.append(Exercise(prompt, solution, question, params))

    def _add(self, step: Step) -> int:
        self.steps.append(step)
        self._verified = False
        return len(self.steps)

    def step(self, number: int) -> Step:
        """Step ``number``, counting from 1."""
        if not 1 <= number <= len(self.steps):
            raise IndexError(f"{self.name} has steps 1 to {len(self.steps)}; asked for {number}")
        return self.steps[number - 1]

    @property
    def final(self) -> sp.Eq:
        return self.steps[-1].equation

    # -- checking ----------------------------------------------------------------------
    def verify(self, strict: bool = True) -> list[Verdict]:
        """Check every step; with ``strict`` the first failed step raises DerivationError."""
        for number, step in enumerate(self.steps, start=1):
            step.verdict, step.detail = self._check(step)
            if step.verdict is Verdict.FAILED and strict:
                raise DerivationError(
                    f"derivation {self.name!r}, step {number} ({step.rule}: {step.phrase()}): "
                    f"{step.detail}\n  left side:  {sp.sstr(step.equation.lhs)}\n"
                    f"  right side: {sp.sstr(step.equation.rhs)}")
        for law, at in self.conclusions:
            verdict, detail = implies(self.step(at).equation, law.equation,
                                      preferred=[law.equation.lhs])
            if verdict is Verdict.FAILED and strict:
                raise DerivationError(f"derivation {self.name!r}: step {at} does not arrive at "
                                      f"the law {law.name}: {detail}")
        self._verified = True
        return [s.verdict for s in self.steps]

    def _check(self, step: Step) -> tuple[Verdict, str]:
        kind = step.kind
        if step.rule == "law":
            law = step.args[0]
            same = step.equation == law.equation
            return (Verdict.PROVED, f"the law {law.name} from symmem.laws") if same else (
                Verdict.FAILED, f"differs from the law {law.name}")
        if kind in ("definition", "assumption"):
            return Verdict.ASSUMED, "introduced, not derived"
        previous = self.step(step.source).equation
        if step.rule in ("substitute", "eliminate"):
            previous = RULES[step.rule].apply(previous, *step.args, **step.kwargs)
        if step.rule == "specialise":
            previous = previous.subs(step.args[0])
        if kind == "approximation":
            verdict, detail = implies(previous, step.equation, numeric_rel=2e-3)
            if verdict is Verdict.FAILED:
                return verdict, "the approximation is off by more than 0.2 %: " + detail
            return Verdict.APPROXIMATED, "agrees with the exact form to within 0.2 %"
        if kind == "limit":
            return self._check_limit(previous, step)
        if kind == "ode":
            return self._check_ode(previous, step)
        preferred = [step.args[0]] if step.rule == "solve" else []
        return implies(previous, step.equation, preferred=preferred)

    @staticmethod
    def _check_limit(previous: sp.Eq, step: Step) -> tuple[Verdict, str]:
        var, point = step.args[0], step.args[1]
        difference = sp.limit(previous.rhs - step.equation.rhs, var, point)
        verdict, _detail = is_zero(difference)
        if verdict is Verdict.FAILED:
            return verdict, f"the limit of the difference is {sp.sstr(difference)}, not 0"
        return verdict, "the limit of (previous − new) is 0"

    @staticmethod
    def _check_ode(previous: sp.Eq, step: Step) -> tuple[Verdict, str]:
        func, ics = step.args[0], step.args[1]
        ok, residual = sp.checkodesol(previous, step.equation, func)
        if not ok:
            return Verdict.FAILED, f"does not satisfy the ODE: residual {sp.sstr(residual)}"
        for at, value in ics.items():
            start = step.equation.rhs.subs(func.args[0], at.args[0])
            verdict, _ = is_zero(start - value)
            if verdict is Verdict.FAILED:
                return verdict, f"does not satisfy the initial condition {at} = {value}"
        return Verdict.PROVED, "satisfies the ODE (checkodesol) and its initial condition"

    def verdict_counts(self) -> dict[str, int]:
        if not self._verified:
            self.verify(strict=False)
        return dict(Counter(str(s.verdict) for s in self.steps))

    # -- rendering -----------------------------------------------------------------------
    def to_latex(self) -> str:
        from symmem.derivation.render import derivation_latex

        return derivation_latex(self)

    def to_text(self) -> str:
        from symmem.derivation.render import derivation_text

        return derivation_text(self)

    def _repr_markdown_(self) -> str:
        from symmem.derivation.render import derivation_markdown

        return derivation_markdown(self)

    def __repr__(self) -> str:
        return f"<Derivation {self.name}: {len(self.steps)} steps>"

