"""Derivations as LaTeX (an ``align*`` block with the reasons between steps) and as text."""

from __future__ import annotations

import html
import re
import textwrap
from typing import TYPE_CHECKING

import sympy as sp

from symmem.derivation.layout import equation_broken
from symmem.latex import latex
from symmem.prose import prose_latex, prose_markdown

if TYPE_CHECKING:
    from symmem.derivation.core import Derivation, Step

__all__ = [
    "derivation_latex",
    "derivation_markdown",
    "derivation_text",
    "md_text",
    "step_label",
    "step_markdown",
]

_MARK = {"proved": "proved", "numerically consistent": "checked numerically",
         "definition": "definition", "condition": "condition", "assumed": "assumption",
         "approximated": "approximation", "failed": "FAILED"}


def _math(expr: object) -> str:
    return f"${latex(expr)}$"


def step_label(step: Step, show: object = sp.sstr) -> str:
    """The rule's phrase, and the verdict when it is not a plain proof.

    A step that changes the model (it sets a quantity against its declared
    assumptions) says so: "put p = 0; assumption (p is declared positive …)".
    """
    verdict = str(step.verdict) if step.verdict is not None else ""
    mark = _MARK.get(verdict, "")
    if step.rule == "define":  # an introduced equation is a definition or a premise
        return "premise" if mark == "assumption" else "definition"
    label = step.phrase(show) + (f"; {mark}" if mark and mark != "proved" else "")
    if "although" in step.note:
        label += " (" + step.note.split("although ", 1)[1] + ")"
    return label


def equation_latex(step: Step) -> tuple[str, str]:
    return latex(step.equation.lhs), latex(step.equation.rhs)


def derivation_latex(d: Derivation) -> str:
    """A fragment for any document that loads ``amsmath``: one ``align*`` block."""
    lines = [rf"% {d.title} (symmem derivation {d.name}); needs amsmath", r"\begin{align*}"]
    for number, step in enumerate(d.steps, start=1):
        lhs, rhs = equation_latex(step)
        because, label = prose_latex(step.because), prose_latex(step_label(step, _math))
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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def md_text(text: str) -> str:
    """Escape Markdown's special characters in plain prose."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _md_math(expr: object) -> str:
    return f"${latex(expr)}$"


def step_markdown(d: Derivation, number: int, *, both_forms: bool = False) -> str:
    """One step: its number and reason, the equation, and how it was made and checked.

    With ``both_forms`` the equation is an HTML block holding it on one line and
    broken between its terms (:func:`symmem.derivation.layout.equation_broken`); the
    reveal.js deck shows whichever fits the slide, as ``\\stepeq`` does in Beamer.
    """
    step = d.step(number)
    lhs, rhs = equation_latex(step)
    shown = f"$$\n{lhs} = {rhs}\n$$"
    if both_forms:
        broken = equation_broken(step.equation.lhs, step.equation.rhs)
        shown = ('<div class="symmem-eq">\n'
                 f'<div class="one">$${html.escape(f"{lhs} = {rhs}", quote=False)}$$</div>\n'
                 f'<div class="broken">$${html.escape(broken, quote=False)}$$</div>\n</div>')
    return (f"**({number})** {prose_markdown(step.because)}\n\n{shown}\n\n"
            f"<small>{step_label(step, _md_math)}</small>")


def derivation_markdown(d: Derivation) -> str:
    """The whole derivation as Markdown (how a Derivation displays in Jupyter)."""
    return "\n\n".join(step_markdown(d, n) for n in range(1, len(d.steps) + 1))
