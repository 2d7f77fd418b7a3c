"""An expression as a student would type it back, for a terminal: ``R*T*ln(c_o/c_i)/(F*z)``.

The checker shows what it read an answer as. In a notebook that is LaTeX; in a
terminal LaTeX is noise, so the same expression is written in the notation the
checker reads: ``*`` for products, ``^`` for powers, ``ln`` for the natural logarithm,
``log10`` for ln(x)/ln(10) (as a student wrote it), ``=`` between the sides of an
equation. What is printed here can be pasted back as an
answer and is read as the same expression.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.str import StrPrinter

__all__ = ["plain"]


class _PlainPrinter(StrPrinter):
    def _print_Float(self, expr: sp.Float) -> str:
        return f"{float(expr):.6g}"  # 1/0.03 shows as 33.3333, not 33.3333333333333

    def _print_log(self, expr: sp.log) -> str:
        if len(expr.args) == 2:  # log(x, b): a logarithm to base b
            return f"log({self._print(expr.args[0])})/ln({self._print(expr.args[1])})"
        return f"ln({self._print(expr.args[0])})"

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Equality(self, expr: sp.Equality) -> str:
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"


_LOG10 = sp.Function("log10")
_PER_LN10 = sp.Pow(sp.log(10), -1)


def _one_log_over_ln10(expr: sp.Basic) -> bool:
    return (isinstance(expr, sp.Mul) and _PER_LN10 in expr.args
            and sum(isinstance(a, sp.log) for a in expr.args) == 1)


def _as_log10(expr: sp.Mul) -> sp.Basic:
    """ln(x)/ln(10) · rest → log10(x) · rest."""
    args = [a for a in expr.args if a != _PER_LN10]
    return sp.Mul(*(_LOG10(a.args[0]) if isinstance(a, sp.log) else a for a in args),
                  evaluate=False)


def plain(expr: sp.Basic) -> str:
    """``expr`` in the checker's own input notation (``*``, ``^``, ``ln``, ``log10``, ``=``)."""
    return _PlainPrinter({"order": "none"}).doprint(expr.replace(_one_log_over_ln10,
                                                                 _as_log10))
