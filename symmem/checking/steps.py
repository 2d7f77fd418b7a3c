"""Check a student's derivation line by line: name the first line that does not follow.

Each line is an equation. A line must follow from the one before (by the equivalence
kernel), or be the one before with its left-hand quantity set to a value or given a
new name ("0 = RT ln(c_i/c_o) + zFV" after "Δμ̃ = …" states equilibrium; "E = …"
after "V = …" names that potential). Numbers like 2.303 are read as ln 10, as in the
answer checker. The last line is judged as the answer to the question.

When a line does not follow, the feedback says what went wrong where it can tell —
a lost minus sign, a ratio turned upside down, a lost z or ln 10 — by finding which
small change to the line would have made it follow.
"""

from __future__ import annotations

import sympy as sp

from symmem.checking.judge import Result, _textbook_constants, check
from symmem.checking.parse import ParseError, parse_equation
from symmem.checking.plain import plain
from symmem.checking.questions import question, symbol_table
from symmem.definitions import DEFINITIONS
from symmem.equivalence import implies
from symmem.latex import latex
from symmem.symbols import info, registry, sym

__all__ = ["check_steps"]

#: lines checked at most
MAX_LINES = 40


def _table(q_name: str):
    """The question's symbols first, then every symbol of the registry (a derivation may
    pass through quantities the final answer does not use: V, Δμ̃, ψ …)."""
    q = question(q_name)
    table = symbol_table([n for n in registry() if n not in ("R", "T", "F")] + ["R", "T", "F"])
    table.update(q.reading_table())
    table.display = q.reading_table().display
    return table


def _same_kind(new: sp.Basic, old: sp.Basic) -> bool:
    """Whether ``new`` may name what ``old`` names: both are quantities of the same
    unit (V may be called E, never Δμ̃)."""
    a, b = info(new) if isinstance(new, sp.Symbol) else None, info(old)
    return a is not None and b is not None and a.unit == b.unit


def _written_out(eq: sp.Eq, definitions: dict[sp.Symbol, sp.Expr]) -> sp.Eq:
    """``eq`` with each defined quantity written out (μ̃_i as μ° + RT ln c_i + zFψ_i)."""
    for _ in range(len(definitions)):  # Δμ̃ = μ̃_i − μ̃_o, then μ̃_i itself
        eq = sp.Eq(eq.lhs.xreplace(definitions), eq.rhs.xreplace(definitions),
                   evaluate=False)
    return eq


def _follows(before: sp.Eq, after: sp.Eq, *, definitions: bool = True
             ) -> tuple[bool, str]:
    """(True, note) when ``after`` follows from ``before``, or only sets or renames its
    left-hand quantity, or (with ``definitions``) follows once the course's definitions
    (:mod:`symmem.definitions`: μ̃_i, μ̃_o, Δμ̃, V = ψ_i − ψ_o) are written out in both
    or names one of them anew; (False, "") otherwise."""
    if implies(before, after).holds:
        return True, ""
    # a definition matters where one line has the quantity and the other does not
    used = {d.lhs: d.rhs for d in DEFINITIONS
            if d.lhs in before.free_symbols ^ after.free_symbols} if definitions else {}
    if used and implies(_written_out(before, used), _written_out(after, used)).holds:
        return True, "writes out " + ", ".join(sorted(plain(s) for s in used))
    left = before.lhs
    if isinstance(left, sp.Symbol) and after.lhs != left and (
            after.lhs.is_Number or _same_kind(after.lhs, left)):
        renamed = sp.Eq(after.lhs, before.rhs, evaluate=False)
        if implies(renamed, after).holds:
            if after.lhs.is_Number:
                return True, f"sets {sp.sstr(left)} = {sp.sstr(after.lhs)}"
            return True, f"calls {sp.sstr(left)} {sp.sstr(after.lhs)}"
    new = after.lhs
    if definitions and isinstance(new, sp.Symbol) and new not in before.free_symbols:
        # zFV = RT ln(c_o/c_i), then E = RT/(zF) ln(c_o/c_i): a quantity of the line
        # before given a new name; or a defined one written out (zF(ψ_i − ψ_o) = …)
        named = [(s, s) for s in sorted(before.free_symbols, key=sp.default_sort_key)
                 if s != left]  # the left side alone was tried above
        named += [(d.rhs, d.lhs) for d in DEFINITIONS
                  if d.rhs.free_symbols <= before.free_symbols]
        for quantity, kind in named:
            if kind != new and _same_kind(new, kind) and \
                    implies(before, sp.Eq(quantity, after.rhs, evaluate=False)).holds:
                shown = plain(quantity) if quantity == kind else \
                    f"{plain(quantity)} ({plain(kind)})"
                return True, f"calls {shown} {plain(new)}"
    return False, ""


def _moved(before: sp.Eq, after: sp.Eq) -> str:
    """The term that crossed the equals sign between the two lines, in words, or ''."""
    sides = {"left": before.lhs, "right": before.rhs}
    opposite = {"left": after.rhs, "right": after.lhs}
    for name, side in sides.items():
        for term in sp.Add.make_args(side):
            if term == 0:
                continue
            there = sp.Add.make_args(opposite[name])
            if any(sp.expand(t - term) == 0 or sp.expand(t + term) == 0 for t in there):
                return "the logarithm term" if term.has(sp.log) else \
                    f"the term {sp.sstr(term)}"
    return ""


def _other_kind(before: sp.Eq, after: sp.Eq) -> str:
    """Why a renamed left side is refused (V called Δμ̃), in words, or ''."""
    old, new = before.lhs, after.lhs
    if not (isinstance(old, sp.Symbol) and isinstance(new, sp.Symbol)) or old == new:
        return ""
    a, b = info(new), info(old)
    if a is None or b is None or a.unit == b.unit:
        return ""
    if not implies(sp.Eq(new, before.rhs, evaluate=False), after).holds:
        return ""
    return (f"{plain(new)} ({a.meaning}, in {a.unit}) cannot name what {plain(old)} "
            f"({b.meaning}, in {b.unit}) is")


def _what_went_wrong(before: sp.Eq, after: sp.Eq) -> str:
    """The slip that explains why ``after`` does not follow, in words, or ''."""
    kind = _other_kind(before, after)
    if kind:
        return kind
    rhs = after.rhs
    logs = sorted(rhs.atoms(sp.log), key=sp.default_sort_key)
    z = sym("z")
    moved = _moved(before, after)
    sign = (f"the minus sign was lost when {moved} moved across the equals sign" if moved
            else "a minus sign was lost or gained: with the right side's sign flipped it "
                 "would follow")
    candidates = [
        (sp.Eq(after.lhs, -rhs), sign),
        (sp.Eq(after.lhs, rhs.xreplace({L: sp.log(1 / L.args[0]) for L in logs})),
         "the ratio inside the logarithm is upside down compared with the line before"),
        (sp.Eq(after.lhs, rhs * sp.log(10)), "the factor ln 10 ≈ 2.303 was lost when "
                                             "switching to log10"),
        (sp.Eq(after.lhs, rhs / sp.log(10)), "a factor ln 10 ≈ 2.303 appeared that does "
                                             "not belong"),
        (sp.Eq(after.lhs, 1 / rhs), "the right side was turned upside down (its reciprocal "
                                    "would follow)"),
    ]
    if z in before.free_symbols:
        candidates += [(sp.Eq(after.lhs, rhs / z), "the valence z was lost (the right "
                                                   "side should be divided by z)"),
                       (sp.Eq(after.lhs, rhs * z), "z is on the wrong side of the fraction (the "
                                                   "right side should be multiplied by z)")]
    flipped = {sp.log(1 / L.args[0]) for L in before.atoms(sp.log)}
    if flipped & set(logs):  # the ratio itself turned over: say so before a sign
        candidates.insert(0, candidates.pop(1))
    for fixed, words in candidates:
        if fixed != after and _follows(before, fixed, definitions=False)[0]:
            return words
    return ""


def check_steps(question_name: str, text: str, *, format: str = "auto") -> Result:
    """Each line ``A = B`` must follow from the one before; the last is judged as the answer."""
    q = question(question_name)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    result = Result(q.name, text[:200], "invalid")
    if not lines:
        result.feedback = "the derivation is empty: write one equation per line"
        return result
    if len(lines) > MAX_LINES:
        result.feedback = f"{len(lines)} lines; at most {MAX_LINES} are checked"
        return result
    table = _table(q.name)
    equations = []
    for number, line in enumerate(lines, start=1):
        try:
            eq = parse_equation(line, table, format)
        except ParseError as exc:
            result.feedback = f"line {number}: {exc}"
            return result
        equations.append(sp.Eq(_textbook_constants(eq.lhs) or eq.lhs,
                               _textbook_constants(eq.rhs) or eq.rhs, evaluate=False))
    notes = []
    for number in range(2, len(equations) + 1):
        before, after = equations[number - 2], equations[number - 1]
        ok, note = _follows(before, after)
        if note:
            notes.append(f"line {number} {note}")
        if not ok:
            slip = _what_went_wrong(before, after)
            result.verdict = "incorrect"
            result.interpreted, result.read_as = latex(after), plain(after)
            result.feedback = (f"line {number} does not follow from line {number - 1}"
                               + (f": {slip}." if slip else "."))
            return result
    final = check(q.name, lines[-1], format=format)
    final.answer = result.answer
    stated = f" ({'; '.join(notes)})" if notes else ""
    final.feedback = f"Every line follows from the one before{stated}. The last line: " \
                     f"{final.feedback}"
    return final
