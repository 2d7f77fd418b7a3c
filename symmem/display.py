"""Notebook display in the course's notation.

:func:`setup` makes every SymPy object a notebook shows (an equation from
``law(...).equation_for(...)``, a step, an expression) print with symmem's LaTeX
printer: registry names (``E_{\\mathrm{K}}``, ``[\\mathrm{Ca}^{2+}]_{\\mathrm{i}}``), ``\\ln``
and lecture order, exactly as on the slides.
"""

from __future__ import annotations

__all__ = ["setup"]


def setup() -> None:
    """Print SymPy objects in this IPython session with :func:`symmem.latex.latex`."""
    import sympy as sp

    from symmem.latex import latex

    sp.init_printing(use_latex="mathjax", latex_printer=latex)
