"""A derivation as Beamer slides, and their compilation with pdflatex.

The deck has a title frame, a frame of aims, one frame per group of steps with
overlays revealing the steps one at a time (``\\pause``), the result, a frame of
worked numbers, one frame per figure (a matplotlib PDF beside the ``.tex``) and the
exercises. Every equation sits in ``\\stepeq``, which takes it on one line, or broken
between its terms when one line is too wide, and shrinks it at most to 85 %; an
equation that still does not fit overflows, and the build fails naming the frame.

:func:`compile_pdf` runs pdflatex twice (so "n / N" in the footer is right) and, with
``handout``, writes ``NAME-handout.pdf`` beside the deck: no overlays, one page per
frame. The ``.tex`` is deterministic (no dates, no absolute paths).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sympy as sp

from symmem.derivation import Derivation
from symmem.derivation.render import step_groups, step_label
from symmem.errors import LatexError
from symmem.files import write_atomic
from symmem.latex import latex
from symmem.prose import prose_latex

__all__ = ["LatexError", "compile_pdf", "derivation_slides", "pdflatex_available"]

PREAMBLE = r"""\documentclass[aspectratio=169,11pt]{beamer}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\setbeamertemplate{navigation symbols}{}
\setbeamertemplate{footline}[frame number]
\setbeamerfont{step note}{size=\footnotesize}
\setbeamerfont{caption}{size=\small}
% maths in the text's sans-serif family: upright names, digits and operators too
\usefonttheme{professionalfonts}
\usepackage[cm]{sfmath}
% report every overfull box: the build refuses them
\hfuzz=0.5pt \vfuzz=0.5pt
% an equation on one line; if that is wider than the text, the same equation broken
% over lines (#2); shrunk to fit only down to 85 %, beyond which it overflows and the
% build names the frame
\newsavebox{\symmemeq}
\newcommand{\stepeq}[2]{\par\smallskip{\centering
  \sbox{\symmemeq}{$\displaystyle #1$}%
  \ifdim\wd\symmemeq>\linewidth \sbox{\symmemeq}{$\displaystyle #2$}\fi
  \ifdim\wd\symmemeq>\linewidth
    \ifdim0.85\wd\symmemeq>\linewidth \scalebox{0.85}{\usebox{\symmemeq}}%
    \else\resizebox{\linewidth}{!}{\usebox{\symmemeq}}\fi
  \else\usebox{\symmemeq}\fi\par}\smallskip}
\newcommand{\stepnote}[1]{{\usebeamerfont{step note}\usebeamercolor[fg]{footline}#1}}
"""

#: an overfull box in the log is an error (any size LaTeX reports past \hfuzz / \vfuzz)
OVERFULL_LIMIT_PT = 0.5
_OVERFULL = re.compile(r"Overfull \\([hv])box \((\d+(?:\.\d+)?)pt too (?:wide|high)\)"
                       r"[^\n]*?(?:lines? (\d+)|detected at line (\d+)|has occurred)")
_FRAME = re.compile(r"^\\begin\{frame\}(?:\[[^\]]*\])?\{(.*)\}\s*$")
#: a line of a broken equation holds terms up to about this many characters of sstr
_LINE_BUDGET = 52


def _math(expr: object) -> str:
    return f"${latex(expr)}$"


def _frame(title: str, body: list[str], options: str = "") -> list[str]:
    return [rf"\begin{{frame}}{options}{{{title}}}", *body, r"\end{frame}", ""]


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
    count = max(1, -(-sum(sizes) // _LINE_BUDGET))
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


def _height(step: object) -> float:
    """A rough height (pt) of a step on a slide: its sentence, note and equation lines."""
    eq = step.equation  # type: ignore[attr-defined]
    lines = 1
    for side in (eq.lhs, eq.rhs):
        if len(sp.sstr(side)) > 70 and len(_terms(side)) > 1:
            lines = max(lines, len(_lines(_terms(side))))
    tall = any(isinstance(p, sp.Pow) and p.exp.is_negative and not p.base.is_Symbol
               for p in sp.preorder_traversal(eq))
    return 34 + lines * (32 if tall else 17)


#: the height (pt) the steps of one frame may take
_FRAME_BUDGET = 190


def _stepeq(lhs: sp.Expr, rhs: sp.Expr, boxed: bool = False) -> str:
    one = f"{latex(lhs)} = {latex(rhs)}"
    broken = equation_broken(lhs, rhs)
    if boxed:
        one, broken = rf"\boxed{{{one}}}", rf"\boxed{{{broken}}}"
    return rf"\stepeq{{{one}}}{{{broken}}}"


def _law_words(law_: object) -> str:
    """A law named in words: its title without any Python name in brackets."""
    title = getattr(law_, "title", "") or "the result"
    return re.sub(r"\s*\([^()]*_[^()]*\)", "", title)


def _example_item(example: object) -> str:
    """``caption``, then the inputs with units and the result: no Python on the slide."""
    from symmem.laws import law
    from symmem.quantity import Quantity

    item = law(example.law)  # type: ignore[attr-defined]
    units = {p.name: p.unit for p in item.parameters(example.values)}  # type: ignore[attr-defined]
    inputs = ", ".join(f"${Quantity(float(v), units.get(k, ''), k).latex()}$"
                       for k, v in example.values.items())  # type: ignore[attr-defined]
    result = example.quantity()  # type: ignore[attr-defined]
    return (rf"\item {prose_latex(example.caption)}\\"  # type: ignore[attr-defined]
            rf" \stepnote{{{inputs}}}\\ ${result.latex()}$")


def derivation_slides(d: Derivation, figure_files: Sequence[str] = ()) -> str:
    """The Beamer source of a verified derivation.

    ``figure_files`` are the PDF file names of ``d.figures``, relative to the ``.tex``.
    All prose goes through :func:`symmem.prose.prose_latex`; numbers through
    :mod:`symmem.quantity`.
    """
    title = prose_latex(d.title)
    out = [f"% Generated by symmem build from {d.name}.py; edit that file, not this one.",
           PREAMBLE, rf"\title{{{title}}}", r"\subtitle{A derivation checked step by step}",
           r"\date{}", r"\begin{document}", "", r"\begin{frame}", r"\titlepage", r"\end{frame}",
           ""]
    aims = [prose_latex(d.summary)]
    if d.goals:
        aims += [r"\medskip", r"\begin{itemize}",
                 *(rf"\item {prose_latex(g)}" for g in d.goals), r"\end{itemize}"]
    out += _frame("What this is about", aims)

    for group in step_groups(d, weight=_height, budget=_FRAME_BUDGET):
        body: list[str] = []
        for number in group:
            step = d.step(number)
            if number != group[0]:
                body.append(r"\pause")
            body += [rf"({number}) {prose_latex(step.because)}",
                     _stepeq(step.equation.lhs, step.equation.rhs),
                     rf"\stepnote{{[{prose_latex(step_label(step, _math))}]}}", ""]
        span = f"{group[0]}" if len(group) == 1 else f"{group[0]}--{group[-1]}"
        out += _frame(f"{title}: step{'s' if len(group) > 1 else ''} {span}", body)

    if d.conclusions:
        body = []
        for law_, at in d.conclusions:
            shown = d.step(at).equation
            names = [s.equation for s in d.steps if s.rule == "define"
                     and isinstance(s.equation.lhs, sp.Symbol)
                     and s.equation.lhs in shown.free_symbols
                     and s.equation.lhs not in law_.equation.free_symbols]
            equation = shown if names else law_.equation
            body += [rf"Step {at}: {prose_latex(_law_words(law_))}",
                     _stepeq(equation.lhs, equation.rhs, boxed=True)]
            if names:
                body.append("with " + ", ".join(
                    f"${latex(n.lhs)} = {latex(n.rhs)}$" for n in names))
        out += _frame("The result", body)

    if d.examples:
        items = [_example_item(example) for example in d.examples]
        out += _frame("With numbers", [r"\begin{itemize}", *items, r"\end{itemize}"])

    for number, (figure, filename) in enumerate(zip(d.figures, figure_files, strict=True),
                                                start=1):
        out += _frame(prose_latex(figure.heading(number)), [
            r"\centering",
            rf"\includegraphics[width=\linewidth,height=0.74\textheight,keepaspectratio]"
            rf"{{{filename}}}\par",
            rf"{{\usebeamerfont{{caption}}{prose_latex(figure.caption)}\par}}"])

    if d.exercises:
        items = [rf"\item {prose_latex(e.prompt)}" for e in d.exercises]
        out += _frame("Exercises", [r"\begin{enumerate}", *items, r"\end{enumerate}"])
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def pdflatex_available() -> bool:
    return shutil.which("pdflatex") is not None


@dataclass
class CompileResult:
    pdf: Path
    overfull_pt: float  # widest overfull box in the log (0 when none)
    handout: Path | None = None


def _frame_at(tex_lines: list[str], line: int) -> str:
    """The title of the frame that holds ``line`` (1-based) of the source."""
    for text in reversed(tex_lines[:line]):
        match = _FRAME.match(text.strip())
        if match:
            return match[1]
    return "the title frame"


def _check_boxes(tex: Path, log: str) -> float:
    """Raise LatexError naming the frame of the widest overfull box; return its size."""
    found = []
    for kind, size, line_a, line_b in _OVERFULL.findall(log):
        line = int(line_a or line_b or 0)
        found.append((float(size), kind, line))
    if not found:
        return 0.0
    size, kind, line = max(found)
    if size <= OVERFULL_LIMIT_PT:
        return size
    lines = tex.read_text(encoding="utf-8").splitlines()
    where = f"frame \"{_frame_at(lines, line)}\" (line {line})" if line else "a frame"
    what = "runs past the right edge" if kind == "h" else "runs off the bottom"
    raise LatexError(f"{tex.name}: {where} {what} by {size:.1f} pt: break the equation, "
                     "shorten the text or split the frame")


def _pdflatex(tex: Path, build: str, jobname: str, source: str, timeout: float) -> str:
    """Run pdflatex twice (the second pass reads the frame count); return the log."""
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
               f"-output-directory={build}", f"-jobname={jobname}", source]
    log = ""
    for _ in range(2):
        try:
            run = subprocess.run(command, cwd=tex.parent, capture_output=True,
                                 timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise LatexError(f"{tex.name}: pdflatex took longer than {timeout:g} s") from None
        log_file = Path(build) / f"{jobname}.log"
        log = log_file.read_text(errors="replace") if log_file.exists() else \
            run.stdout.decode(errors="replace")
        if run.returncode != 0 or not (Path(build) / f"{jobname}.pdf").exists():
            first = next((line for line in log.splitlines() if line.startswith("!")),
                         f"pdflatex exit code {run.returncode}")
            raise LatexError(f"{tex.name}: {first}")
    return log


def compile_pdf(tex: Path, timeout: float = 120.0, handout: bool = False) -> CompileResult:
    """Run pdflatex on ``tex`` (in its folder, so figures are found); write the PDF beside it.

    Raises :class:`LatexError` with the first error of the log, or naming the frame of
    any overfull box. With ``handout`` also writes ``NAME-handout.pdf`` (Beamer's
    handout mode). Auxiliary files stay in a temporary folder.
    """
    tex = tex.resolve()
    with tempfile.TemporaryDirectory(prefix="symmem-tex-") as build:
        log = _pdflatex(tex, build, tex.stem, tex.name, timeout)
        widest = _check_boxes(tex, log)
        target = write_atomic(tex.with_suffix(".pdf"),
                              (Path(build) / f"{tex.stem}.pdf").read_bytes())
        printed = None
        if handout:
            name = f"{tex.stem}-handout"
            _pdflatex(tex, build, name,
                      rf"\PassOptionsToClass{{handout}}{{beamer}}\input{{{tex.name}}}", timeout)
            printed = write_atomic(tex.with_name(f"{name}.pdf"),
                                   (Path(build) / f"{name}.pdf").read_bytes())
    return CompileResult(target, widest, printed)
