"""Lecture-quality LaTeX for symmem expressions.

A small subclass of SymPy's printer, driven by the symbol registry:

* every registered symbol prints with its declared LaTeX (``E_{\\mathrm{Na}}``,
  ``[\\mathrm{K}^{+}]_{\\mathrm{o}}``), never SymPy's italic ``E_{Na}``;
* the natural logarithm prints as ``\\ln``;
* products follow lecture order (``z F``, ``R T``, ``n F V``), with a fraction
  of symbols first and functions after it: ``\\frac{R T}{z F} \\ln{(...)}``;
* sums put a positive term first: ``V - E`` rather than ``- E + V``.
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symmem.symbols import info

__all__ = ["UNICODE_MATH", "SymmemLatexPrinter", "latex", "tex_text"]

#: factors in a product are printed in this order; unlisted symbols come after, by name
_FACTOR_ORDER = {"n": 0, "nu": 1, "P": 2, "z": 3, "r": 4, "R": 5, "T": 6, "F": 7}


def _factor_key(factor: sp.Expr) -> tuple[int, int, str]:
    base = factor.as_base_exp()[0]
    if isinstance(base, sp.Symbol):
        rank = _FACTOR_ORDER.get(base.name, 40 if base.name.startswith("P_") else 50)
        return (0, rank, base.name)
    if isinstance(base, sp.Add):
        return (2, 0, sp.srepr(base))
    return (1, 0, sp.srepr(base))


class SymmemLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the registry's names and lecture ordering."""

    def __init__(self, settings: dict | None = None) -> None:
        merged = {"ln_notation": True}
        merged.update(settings or {})
        super().__init__(merged)

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        entry = info(expr)
        if entry is not None:
            return entry.latex
        return super()._print_Symbol(expr, style=style)

    def _print_ExpBase(self, expr: sp.Expr, exp: str | None = None) -> str:
        """``e^{-zFV/RT}`` as SymPy prints it, but ``\\exp(...)`` on the line when the
        exponent holds a root: a superscript with a root in a fraction is too small to read
        from the back of a lecture hall."""
        arg = expr.args[0]
        if any(isinstance(node, sp.Pow) and not node.exp.is_Integer
               for node in sp.preorder_traversal(arg)):
            text = rf"\exp\left({self._print(arg)}\right)"
            return rf"{text}^{{{exp}}}" if exp else text
        return super()._print_ExpBase(expr, exp)

    def _print_Add(self, expr: sp.Add, order: str | None = None) -> str:
        terms = list(expr.as_ordered_terms())
        positive = [t for t in terms if not t.could_extract_minus_sign()]
        negative = [t for t in terms if t.could_extract_minus_sign()]
        out = ""
        for i, term in enumerate(positive + negative):
            if term.could_extract_minus_sign():
                text = self._print(-term)
                sign = "- " if i == 0 else " - "
            else:
                text = self._print(term)
                sign = "" if i == 0 else " + "
            if isinstance(term, sp.Add) or (term.could_extract_minus_sign()
                                            and isinstance(-term, sp.Add)):
                text = rf"\left({text}\right)"
            out += sign + text
        return out

    def _print_Mul(self, expr: sp.Mul) -> str:
        if expr.could_extract_minus_sign():
            inner = self._print(-expr)
            if isinstance(-expr, sp.Add):
                inner = rf"\left({inner}\right)"
            return "- " + inner
        log10 = self._log10(expr)
        if log10 is not None:
            return log10
        coeff, factors = expr.as_coeff_mul()
        numer: list[sp.Expr] = []
        denom: list[sp.Expr] = []
        after: list[sp.Expr] = []
        for factor in factors:
            base, exp = factor.as_base_exp()
            if exp.is_Number and exp.is_negative:
                denom.append(base ** (-exp))
            elif isinstance(factor, sp.Function) or isinstance(base, sp.Function) or (
                    isinstance(factor, sp.Pow) and base == sp.E):
                after.append(factor)
            else:
                numer.append(factor)
        if coeff.is_Rational:
            p, q = coeff.p, coeff.q
            if p != 1:
                numer.insert(0, sp.Integer(p))
            if q != 1:
                denom.insert(0, sp.Integer(q))
        elif coeff != 1:
            numer.insert(0, coeff)
        if not denom:
            numer, after = numer + after, []
        top = self._join(numer) or "1"
        text = rf"\frac{{{top}}}{{{self._join(denom)}}}" if denom else top
        if after:
            text += " " + self._join(after)
        return text

    def _log10(self, expr: sp.Mul) -> str | None:
        """``ln(x)/ln(10)`` (how SymPy keeps a base-10 logarithm) printed as log₁₀(x)."""
        inverse = 1 / sp.log(10)
        logs = [f for f in expr.args if isinstance(f, sp.log)]
        if inverse not in expr.args or len(logs) != 1:
            return None
        text = rf"\log_{{10}}{{\left({self._print(logs[0].args[0])} \right)}}"
        rest = sp.Mul(*(f for f in expr.args if f not in (inverse, logs[0])))
        return text if rest == 1 else f"{self._print(rest)} {text}"

    def _join(self, factors: list[sp.Expr]) -> str:
        numbers = [f for f in factors if f.is_Number]
        rest = sorted((f for f in factors if not f.is_Number), key=_factor_key)
        parts = []
        for f in numbers + rest:
            text = self._print(f)
            if isinstance(f, sp.Add) and len(factors) > 1:
                text = rf"\left({text}\right)"
            parts.append(text)
        out = ""
        for i, part in enumerate(parts):
            if i and (parts[i - 1][-1].isdigit() and (part[0].isdigit() or part[0] == "-")):
                out += r" \cdot "
            elif i:
                out += " "
            out += part
        return out


def latex(expr: sp.Basic | str, **settings: object) -> str:
    """Return lecture-quality LaTeX for a SymPy expression or equation.

    >>> import sympy as sp
    >>> from symmem.symbols import sym
    >>> latex(sym("R") * sym("T") / (sym("z") * sym("F")))
    '\\\\frac{R T}{z F}'
    """
    if isinstance(expr, str):
        return expr
    return SymmemLatexPrinter(dict(settings)).doprint(expr)


_TEXT_ESCAPES = {"_": r"\_", "%": r"\%", "&": r"\&", "#": r"\#", "^": r"\^{}",
                 "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                 "\\": r"\textbackslash{}", "<": r"\textless{}", ">": r"\textgreater{}"}
#: Unicode symbols in prose and their LaTeX (the one table: ``tex_text`` and ``symmem.prose``)
UNICODE_MATH = {
    "−": "-", "Δ": r"\Delta ", "ψ": r"\psi ", "μ": r"\mu ", "μ̃": r"\tilde{\mu}", "τ": r"\tau ",
    "ρ": r"\rho ", "β": r"\beta ", "≈": r"\approx ", "≠": r"\neq ", "≤": r"\le ", "≥": r"\ge ",
    "→": r"\to ",
    "²": "^{2}", "³": "^{3}", "⁺": "^{+}", "⁻": "^{-}", "½": r"\tfrac12 ", "·": r"\cdot ",
    "×": r"\times ", "°": r"^{\circ}", "′": r"'", "µ": r"\mu ", "ₒ": r"_{\mathrm{o}}",
    "ᵢ": r"_{\mathrm{i}}", "¹": "^{1}", "⁰": "^{0}", "⁴": "^{4}", "⁶": "^{6}",
    "⁹": "^{9}", "⁵": "^{5}", "⁷": "^{7}", "⁸": "^{8}", "₀": "_{0}", "₁": "_{1}",
    "₂": "_{2}", "₃": "_{3}", "₄": "_{4}", "₅": "_{5}", "₆": "_{6}", "₇": "_{7}",
    "₈": "_{8}", "₉": "_{9}", "π": r"\pi ", "ℓ": r"\ell ", "√": r"\surd ",
    "⇌": r"\rightleftharpoons ",
    "\x01": r"\tilde{\mu}", "±": r"\pm ", "∞": r"\infty ", "α": r"\alpha ",
    "φ": r"\phi ", "ϕ": r"\phi ", "γ": r"\gamma ", "δ": r"\delta ", "ε": r"\varepsilon ",
    "θ": r"\theta ", "κ": r"\kappa ", "λ": r"\lambda ", "σ": r"\sigma ", "ω": r"\omega ",
    "Ω": r"\Omega ", "Φ": r"\Phi ", "Π": r"\Pi ",
}


def tex_text(text: str) -> str:
    """Make prose safe for LaTeX text mode: escape specials outside ``$...$`` and turn
    common Unicode symbols (−, Δ, ψ, ², °, ₒ, …) into math, one math group per run."""
    out: list[str] = []
    text = text.replace("μ̃", "\x01")  # μ with a combining tilde: one symbol
    for i, part in enumerate(text.split("$")):
        if i % 2:  # inside $...$: the author's math, kept as written
            out.append(f"${part}$")
            continue
        chunk: list[str] = []
        math: list[str] = []
        for ch in part + "\0":
            if ch in UNICODE_MATH:
                math.append(UNICODE_MATH[ch].strip())
                continue
            if math:
                chunk.append("$" + "{}".join(math) + "$")
                math = []
            if ch == "\0":
                break
            if ch in _TEXT_ESCAPES:
                chunk.append(_TEXT_ESCAPES[ch])
            elif ord(ch) > 127 and ch not in "–—’‘“”é":
                chunk.append("?")
            else:
                chunk.append({"–": "--", "—": "---", "’": "'", "‘": "`", "“": "``",
                              "”": "''", "é": r"\'e"}.get(ch, ch))
        out.append("".join(chunk))
    return "".join(out)
