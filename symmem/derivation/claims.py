"""What a rule claims about its step, and the verdicts a step can get.

A rule never judges its own output. Its *contract* looks at the step (and at the
steps it cites) and says what must hold — "the new equation follows from step 3 with
V = E put in" — and what the step is if it does hold: a proof, a definition, a
condition or an assumption. The checker (:mod:`symmem.derivation.verify`) then
establishes the claim with the equivalence kernel.

Which symbols a step's equation holds *for all values of* is tracked as its
*dependents*: the symbols it determines (the result of a law, a symbol solved for,
a name just defined). Putting a value in for any other symbol instantiates a
universal statement and is proved; putting one in for a dependent symbol is a
condition ("DF = 0 when V = E") or, when the value is a fresh name, a definition.
After a condition the whole equation is a constraint (``dependents is None``) until
it is solved for something.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

__all__ = ["Claim", "Context", "Verdict", "weakest"]


class Verdict(str, Enum):
    """The outcome of checking one step."""

    PROVED = "proved"
    NUMERIC = "numerically consistent"
    DEFINED = "definition"
    CONDITION = "condition"
    ASSUMED = "assumed"
    APPROXIMATED = "approximated"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


#: from the plainest verdict to the one with the biggest caveat
_ORDER = (Verdict.PROVED, Verdict.NUMERIC, Verdict.DEFINED, Verdict.CONDITION,
          Verdict.APPROXIMATED, Verdict.ASSUMED, Verdict.FAILED)


def weakest(*verdicts: Verdict) -> Verdict:
    """The verdict with the biggest caveat (a step that assumes is not proved)."""
    return max(verdicts, key=_ORDER.index)


#: dependents of a constraint: every symbol is tied to the others
CONSTRAINT = None


@dataclass
class Context:
    """What a contract may look at: the step, the equations it acts on, what came before."""

    number: int
    equation: Any  # the new equation (normally sp.Eq)
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    source: Any = None  # equation of the step acted on
    source_dependents: frozenset | None = CONSTRAINT
    cited: dict[int, Any] = field(default_factory=dict)  # step number -> equation
    cited_dependents: dict[int, frozenset | None] = field(default_factory=dict)
    earlier: frozenset = frozenset()  # symbols and function atoms used before this step

    def fresh(self, value: Any) -> bool:
        """A name no earlier step uses (so putting it in names something new)."""
        return isinstance(value, (sp.Symbol, AppliedUndef)) and value not in self.earlier


@dataclass
class Claim:
    """What the checker must establish, and what the step is if it holds.

    ``check`` is one of ``law`` (identical to ``law``'s equation), ``introduced`` (a
    definition or an assumption: nothing to derive), ``implies`` (``premise`` implies
    the new equation), ``approximate`` (agrees with ``premise`` to ``tolerance``),
    ``limit`` and ``ode``. ``problem`` is set when the step is malformed (the
    checker fails it with that sentence).
    """

    check: str
    verdict: Verdict = Verdict.PROVED
    premise: Any = None
    note: str = ""
    dependents: frozenset | None = CONSTRAINT
    preferred: tuple[Any, ...] = ()
    any_branch: bool = False  # a root was chosen: one solution branch is enough
    law: Any = None
    tolerance: float = 2e-3
    variable: Any = None  # limit: the variable; ode: the unknown function
    point: Any = None  # limit: where the variable goes
    ics: dict[Any, Any] = field(default_factory=dict)  # ode: initial conditions
    problem: str = ""
    expand: dict[Any, Any] = field(default_factory=dict)  # abbreviations to write out first
