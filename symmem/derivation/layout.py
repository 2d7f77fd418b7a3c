"""How a step's equation is laid out on a slide, and how steps are grouped into frames.

One place for both kinds of deck: the Beamer frames (:mod:`symmem.slides`), the
notebook's slideshow and the reveal.js deck made from it (:mod:`symmem.reveal`) break
the same equations at the same terms and put the same steps on one slide.

A long side is broken between its terms, in lines of similar length (about
``LINE_BUDGET`` characters of SymPy's string form each)::

    lhs = a + b + c
        + d + e

A frame holds at most three steps and at most ``FRAME_BUDGET`` of estimated height.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

from symmem.latex import latex

if TYPE_CHECKING:
    from symmem.derivation.core import Derivation

__all__ = ["FRAME_BUDGET", "equation_broken", "frame_groups", "step_groups", "step_height"]

#: a line of a broken equation holds terms up to about this many characters of sstr
LINE_BUDGET = 52
#: the height (pt on an 11 pt Beamer frame) the steps of one frame may take
FRAME_BUDGET = 190


def _terms(side: sp.Expr) -> list[sp.Expr]:
    """The terms of a sum in the printer's order (positive first), else the side alone."""
    if not isinstance(side, sp.Add):
        return [side]
    terms = list(side.as_ordered_terms())
    return [t for t in terms if not t.could_extract_minus_sign()] + [
        t for t in terms if t.could_extract_minus_sign()]


def _lines(terms: list[sp.Expr]) -> list[list[sp.Expr]]:
    """Terms grouped into lines of similar length."""
    sizes = [len(sp.sstr(t)) for t in terms]
    count = max(1, -(-sum(sizes) // LINE_BUDGET))
    target = sum(sizes) / count
    lines: list[list[sp.Expr]] = [[]]
    used = 0
    for term, size in zip(terms, sizes, strict=True):
        if lines[-1] and used + size > target * 1.15 and len(lines) < count + 1:
            lines.append([])
            used = 0
        lines[-1].append(term)
        used += size
    return lines


def _signed(term: sp.Expr, first: bool) -> str:
    if term.could_extract_minus_sign():
        inner = latex(-term)
        return f"- {inner}" if first else f" - {inner}"
    return latex(term) if first else f" + {latex(term)}"


def equation_broken(lhs: sp.Expr, rhs: sp.Expr, relation: str = "=") -> str:
    """``lhs = rhs`` in an ``aligned`` block, the longer side broken between its terms."""
    if len(_terms(rhs)) < 2 and len(_terms(lhs)) < 2:
        return f"{latex(lhs)} {relation} {latex(rhs)}"
    if len(_terms(rhs)) >= 2 and len(sp.sstr(rhs)) >= len(sp.sstr(lhs)):
        rows = []
        for i, line in enumerate(_lines(_terms(rhs))):
            text = "".join(_signed(t, j == 0 and i == 0) for j, t in enumerate(line))
            rows.append((f"{latex(lhs)} &{relation} " if i == 0 else r"&\quad ") + text)
        return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"
    rows = []
    lines = _lines(_terms(lhs))
    for i, line in enumerate(lines):
        text = "".join(_signed(t, j == 0 and i == 0) for j, t in enumerate(line))
        rows.append(("&" if i == 0 else r"&\quad ") + text)
    rows[-1] += f" {relation} {latex(rhs)}"
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def step_height(step: object) -> float:
    """A rough height (pt) of a step on a slide: its sentence, note and equation lines."""
    eq = step.equation  # type: ignore[attr-defined]
    lines = 1
    for side in (eq.lhs, eq.rhs):
        if len(sp.sstr(side)) > 70 and len(_terms(side)) > 1:
            lines = max(lines, len(_lines(_terms(side))))
    tall = any(isinstance(p, sp.Pow) and p.exp.is_negative and not p.base.is_Symbol
               for p in sp.preorder_traversal(eq))
    return 34 + lines * (32 if tall else 17)


def step_groups(d: Derivation, size: int = 3, weight: Any = None,
                budget: float = float("inf")) -> list[list[int]]:
    """Step numbers grouped for slides: a new group at each fresh start, at most ``size``
    steps, and at most ``budget`` of ``weight(step)`` (an estimate of its height)."""
    groups: list[list[int]] = []
    used = 0.0
    for number, step in enumerate(d.steps, start=1):
        fresh = step.rule in ("define", "law") and not (
            d.steps[number - 2].rule == "define" and step.rule == "define" and number > 1)
        cost = weight(step) if weight is not None else 0.0
        if not groups or len(groups[-1]) >= size or (fresh and groups[-1]) or (
                groups[-1] and used + cost > budget):
            groups.append([])
            used = 0.0
        groups[-1].append(number)
        used += cost
    return groups


def frame_groups(d: Derivation) -> list[list[int]]:
    """The step numbers of each frame (the same on every kind of deck)."""
    return step_groups(d, weight=step_height, budget=FRAME_BUDGET)
