"""Derivations as LaTeX (an ``align*`` block with the reasons between steps) and as text."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import sympy as sp

from symmem.latex import latex, tex_text

if TYPE_CHECKING:
    from symmem.derivation.core import Derivation, Step

__all__ = ["derivation_latex", "derivation_text", "step_label"]

_MARK = {"proved": "proved", "numerically consistent": "checked numerically",
         "assumed": "assumed", "approximated": "approximation", "failed": "FAILED"}


def _math(expr: object) -> str:
    return f"${latex(expr)}$"


def step_label(step: Step, show: object = sp.sstr) -> str:
    """The rule's phrase, and the verdict when it is not a plain proof."""
    verdict = str(step.verdict) if step.verdict is not None else ""
    mark = _MARK.get(verdict, "")
    return step.phrase(show) + (f"; {mark}" if mark and mark != "proved" else "")


def equation_latex(step: Step) -> tuple[str, str]:
    return latex(step.equation.lhs), latex(step.equation.rhs)


def derivation_latex(d: Derivation) -> str:
    """A fragment for any document that loads ``amsmath``: one ``align*`` block."""
    lines = [rf"% {d.title} (symmem derivation {d.name}); needs amsmath", r"\begin{align*}"]
    for number, step in enumerate(d.steps, start=1):
        lhs, rhs = equation_latex(step)
        because, label = tex_text(step.because), tex_text(step_label(step, _math))
        lines.append(rf"\intertext{{({number}) {because} \emph{{[{label}]}}}}")
        end = r" \\" if number < len(d.steps) else ""
        lines.append(rf"{lhs} &= {rhs} \tag{{{number}}}{end}")
    lines.append(r"\end{align*}")
    return "\n".join(lines)


def derivation_text(d: Derivation) -> str:
    """Plain text for a terminal."""
    out = [d.title, "=" * len(d.title)]
    if d.summary:
        out += [*textwrap.wrap(d.summary, 78), ""]
    for number, step in enumerate(d.steps, start=1):
        out.append(f"({number}) {sp.sstr(step.equation.lhs)} = {sp.sstr(step.equation.rhs)}")
        out.append(f"    [{step_label(step)}]")
        out += textwrap.wrap(step.because, 74, initial_indent="    ", subsequent_indent="    ")
    for law, at in d.conclusions:
        out.append(f"\nStep {at} is the law {law.name!r} of symmem.laws.")
    return "\n".join(out)
