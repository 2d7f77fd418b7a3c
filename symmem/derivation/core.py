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
>>> d.apply("specialise", {x: 0}, because="Set V = 0.")
3
>>> str(d.verify()[-1]), d.step(3).detail.split(";")[0]
('condition', 'condition V = 0 (V is determined by the equation, so this restricts it)')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symmem.derivation.claims import CONSTRAINT, Claim, Context, Verdict
from symmem.derivation.materials import Example, Exercise, Figure
from symmem.derivation.rules import RULES, Rule, atoms, rule
from symmem.derivation.verify import establish, implies
from symmem.errors import DerivationError, StepNumberError

__all__ = ["Derivation", "DerivationError", "Step"]


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
    note: str = ""  # the caveat shown with a non-proved verdict ("condition V = 0")

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
    def define(self, equation: sp.Eq, because: str, *, premise: bool = False) -> int:
        """Introduce an equation: a *definition* when it names something new (a fresh
        symbol on the left, not on the right), else a premise (verdict *assumed*).

        ``premise=True`` marks it a premise even when it names something new: a model
        the derivation assumes, such as the linear pump–leak law applied to ions.
        """
        kwargs = {"premise": True} if premise else {}
        return self._add(Step(equation, "define", (equation,), kwargs, because))

    def use_law(self, law: Any, because: str) -> int:
        """Introduce a law of :mod:`symmem.laws` as it stands there."""
        return self._add(Step(law.equation, "law", (law,), {}, because))

    def apply(self, rule: str, *args: Any, because: str, on: int | None = None,
              into: sp.Eq | None = None, **kwargs: Any) -> int:
        """Apply a rule to step ``on`` (default: the last) and append the result.

        ``substitute`` and ``abbreviate`` take a list of step numbers and ``eliminate``
        a symbol and a step number: the steps they cite are recorded so the checker can
        use them. ``into`` is the form the author wants shown (cancelled, ln(a/b), a
        tidy common denominator): the rule must still apply, and the checker proves
        ``into`` from the premise exactly as it would the rule's own result.
        """
        if rule not in RULES:
            raise DerivationError(f"derivation {self.name!r}: unknown rule {rule!r}; rules: "
                                  f"{', '.join(RULES)}")
        number = len(self.steps) + 1
        if not self.steps:
            raise DerivationError(f"derivation {self.name!r}: the first step must be "
                                  "define() or use_law()")
        source = on if on is not None else len(self.steps)
        previous = self._cited(source, number, rule).equation
        using: tuple[int, ...] = ()
        call_args = args
        if rule in ("substitute", "abbreviate"):
            using = tuple(args[0])
            call_args = ([self._cited(k, number, rule).equation for k in using],)
        if rule == "rewrite" and not args and into is not None:
            call_args = (into,)
        if rule == "eliminate":
            using = (args[1],)
            call_args = (args[0], self._cited(args[1], number, rule).equation)
        try:
            equation = RULES[rule].apply(previous, *call_args, **kwargs)
        except Exception as exc:  # a lecturer's step may fail in any way; name it
            raise DerivationError(
                f"derivation {self.name!r}, step {number} ({rule}): the rule could not be "
                f"applied: {type(exc).__name__}: {exc}") from exc
        if into is not None:
            if not isinstance(into, sp.Equality):
                raise DerivationError(f"derivation {self.name!r}, step {number} ({rule}): "
                                      f"into= must be an equation, not {into!r}")
            equation = into
        if not isinstance(equation, sp.Equality):
            shown = "False: its two sides are different numbers" if equation is sp.false \
                else repr(equation)
            raise DerivationError(f"derivation {self.name!r}, step {number} ({rule}): the "
                                  f"rule gave {shown}, not an equation")
        if equation.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise DerivationError(
                f"derivation {self.name!r}, step {number} ({rule}): the result is undefined "
                f"(it contains {'an infinity' if equation.has(sp.zoo, sp.oo, -sp.oo) else 'NaN'}"
                ", a division by zero or 0/0); to go to that value take a limit instead")
        return self._add(Step(equation, rule, args, kwargs, because, source, using))

    def _cited(self, number: Any, at: int, rule: str) -> Step:
        if not isinstance(number, int) or not 1 <= number < at:
            raise DerivationError(f"derivation {self.name!r}, step {at} ({rule}): it cites "
                                  f"step {number!r}, but only steps 1 to {at - 1} come "
                                  "before it")
        return self.steps[number - 1]

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

    def figure(self, function: Any, caption: str, *, title: str = "", **kwargs: Any) -> None:
        """A figure drawn by ``function(**kwargs)`` (see :mod:`symmem.plots`); ``title`` is
        the one-line heading of its slide."""
        self.figures.append(Figure(function, caption, kwargs, title))

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
            raise StepNumberError(f"{self.name} has steps 1 to {len(self.steps)}; asked for "
                                  f"{number}")
        return self.steps[number - 1]

    @property
    def final(self) -> sp.Eq:
        return self.steps[-1].equation

    # -- checking ----------------------------------------------------------------------
    def verify(self, strict: bool = True) -> list[Verdict]:
        """Check every step; with ``strict`` the first failed step raises DerivationError."""
        for number, step in enumerate(self.steps, start=1):
            self.check_step(number)
            if step.verdict is Verdict.FAILED and strict:
                raise DerivationError(self._failure_message(number))
        for law, at in self.conclusions:
            verdict, detail = implies(self._expanded(self.step(at).equation, law), law.equation,
                                      preferred=[law.equation.lhs])
            if verdict is Verdict.FAILED and strict:
                raise DerivationError(f"derivation {self.name!r}: step {at} does not arrive at "
                                      f"the law {law.name}: {detail}")
        self._verified = True
        return [s.verdict for s in self.steps]

    def _expanded(self, equation: sp.Eq, law: Any) -> sp.Eq:
        """``equation`` with the abbreviations the derivation defined (``A = Σ P c_i``)
        written out, so that it can be compared with a law that does not use them."""
        names = {}
        for step in self.steps:
            eq = step.equation
            if step.rule == "define" and step.verdict is Verdict.DEFINED and isinstance(
                    eq.lhs, sp.Symbol) and eq.lhs not in law.equation.free_symbols:
                names[eq.lhs] = eq.rhs
        for _ in range(len(names)):
            if not equation.free_symbols & set(names):
                break
            equation = equation.xreplace(names)
        return equation

    def check_step(self, number: int) -> Verdict:
        """Check step ``number`` against its rule's contract; sets its verdict and detail."""
        step = self.step(number)
        try:
            claim = self._claim(number)
            step.verdict, step.detail = establish(claim, step.equation, step.source)
            step.note = claim.note if step.verdict not in (Verdict.PROVED, Verdict.NUMERIC,
                                                           Verdict.FAILED) else ""
        except Exception as exc:  # a malformed step must fail, never crash the checker
            step.verdict, step.note = Verdict.FAILED, ""
            step.detail = (f"the step could not be checked ({type(exc).__name__}: {exc}); "
                           "is its equation an equation of symbols?")
        return step.verdict

    def _failure_message(self, number: int) -> str:
        step = self.step(number)
        eq = step.equation
        sides = (f"\n  left side:  {sp.sstr(eq.lhs)}\n  right side: {sp.sstr(eq.rhs)}"
                 if isinstance(eq, sp.Equality) else f"\n  equation: {sp.sstr(eq)}")
        try:
            phrase = step.phrase()
        except Exception:  # a phrase must never hide the failure it describes
            phrase = step.rule
        how = step.rule if phrase == step.rule else f"{step.rule}: {phrase}"
        return f"derivation {self.name!r}, step {number} ({how}): {step.detail}{sides}"

    def _context(self, number: int) -> Context:
        step = self.step(number)
        earlier: set = set()
        for before in self.steps[:number - 1]:
            earlier |= atoms(before.equation)
        source = self.step(step.source) if step.source else None
        cited = {k: self.step(k).equation for k in step.using}
        return Context(
            number, step.equation, step.args, step.kwargs,
            source=source.equation if source else None,
            source_dependents=self.dependents(step.source) if step.source else CONSTRAINT,
            cited=cited, cited_dependents={k: self.dependents(k) for k in step.using},
            earlier=frozenset(earlier))

    def _claim(self, number: int) -> Claim:
        cache = self.__dict__.setdefault("_claims", {})
        key = (number, *(id(s.equation) for s in self.steps[:number]))
        if key not in cache:
            cache[key] = rule(self.step(number).rule).contract(self._context(number))
        return cache[key]

    def dependents(self, number: int) -> frozenset | None:
        """The symbols step ``number`` determines (None: its equation is a constraint).

        Putting a value in for any other symbol instantiates the step; putting one in
        for these is a condition or a definition.
        """
        return self._claim(number).dependents

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

