"""Judge a student's answer: equivalent, a known mistake, or simply wrong.

Equivalence is decided by the one kernel, :mod:`symmem.equivalence`: both expressions
are sampled at random points covering every symbol either of them uses (R, T and F
as symbols over wide ranges, concentrations 0.001–500 mM, z in ±1, ±2, potentials
up to ±4.5 RT/F …) and, when they agree, a cheap symbolic check under the symbols'
assumptions says whether the agreement is proved. The kernel's "don't know" is never
turned into a verdict: when neither sampling nor algebra can decide, the verdict is
``undecided``.

Mistakes are found by generating the common wrong answers from the right one (flip a
ratio, drop z, log10 without 2.303, reciprocal, flip an exponent, drop a term, leave
the GHK anion terms unswapped, change the sign) and comparing; a constant ratio to
the right answer is reported as ``constant_factor``. Expressions are evaluated by the
kernel's tree walk; nothing is compiled or executed.
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sympy as sp

from symmem.checking.parse import ParseError, parse_answer, parse_number, shown
from symmem.checking.plain import plain
from symmem.checking.questions import ALIASES, GENERIC_IONS, Question, question
from symmem.equivalence import (
    Outcome,
    agree,
    exact_decimals,
    is_zero,
    sample_points,
    values,
    within,
)
from symmem.errors import InputError, UnknownNameError
from symmem.latex import latex
from symmem.symbols import info, sym

__all__ = ["FEEDBACK", "Result", "check", "judge_expression"]

LN10 = math.log(10.0)

FEEDBACK: dict[str, str] = {
    "inverted_ratio": "Your concentration ratio (or fraction) is upside down: inside and "
                      "outside (or the two states compared) are the wrong way round. Inside "
                      "a logarithm this flips its sign.",
    "sign_error": "Your answer has the wrong overall sign.",
    "missing_valence": "The valence z is missing.",
    "log_base": "You used log10 without the factor ln 10 ≈ 2.303 (or added it where it does "
                "not belong). ln x = 2.303 log10 x.",
    "reciprocal": "You have the reciprocal of the right expression (for example zF/(RT) "
                  "instead of RT/(zF), or k/p instead of p/k).",
    "exponent_sign": "The sign inside an exponential is flipped: e^(+x) where e^(−x) belongs.",
    "missing_term": "A term of the right answer is missing.",
    "chloride_placement": "The anion terms are on the wrong side: for Cl⁻ the inside "
                          "concentration belongs in the numerator and the outside one in the "
                          "denominator.",
    "constant_factor": "Your answer is off by a constant factor.",
    "units_factor": "Your number is off by a factor of 1000: check V against mV (or M "
                    "against mM).",
    "temperature": "You used a value fixed at one temperature where the question asks for "
                   "RT/F (or your number is right at another temperature).",
    "log_of_concentration": "You took the logarithm of one concentration; the equation needs "
                            "the logarithm of the ratio of the two.",
    "other_convention": "Your answer is right under another sign convention.",
    "numbers_for_symbols": "You put numbers where the question asks for symbols.",
}

#: partial credit a lecturer would give for a single recognised slip
SCORES = {"sign_error": 0.5, "inverted_ratio": 0.5, "missing_valence": 0.5, "log_base": 0.5,
          "exponent_sign": 0.5, "missing_term": 0.5, "chloride_placement": 0.5,
          "constant_factor": 0.5, "units_factor": 0.75, "reciprocal": 0.25,
          "temperature": 0.5, "log_of_concentration": 0.25, "other_convention": 0.75,
          "numbers_for_symbols": 0.5}

_EXACT = 1e-8
_APPROX = 5e-4  # a wrong answer this close to a mutant is that mutant


@dataclass
class Result:
    """The verdict on one answer."""

    question: str
    answer: str
    verdict: str
    score: float = 0.0
    feedback: str = ""
    mistakes: list[str] = field(default_factory=list)
    interpreted: str = ""  # what the answer was read as, in LaTeX (for a notebook)
    read_as: str = ""  # the same in the checker's input notation (for a terminal)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def _repr_markdown_(self) -> str:
        read = f"\n\nread as: ${self.interpreted}$" if self.interpreted else ""
        return f"**{self.verdict}** (score {self.score:g}): {html.escape(self.feedback)}{read}"


def _ratio(a: list[complex | None], b: list[complex | None]) -> list[complex] | None:
    out = []
    for x, y in zip(a, b):
        if x is None or y is None or abs(y) < 1e-300:
            continue
        out.append(x / y)
    return out if len(out) >= 3 else None


# --- the question's samples and wrong answers -----------------------------------------------
def _paired_names(ref: sp.Expr, skip: set[frozenset]) -> list[dict]:
    """Swaps of the names that come in pairs in ``ref``: X_in with X_out, and x with x0
    (the state compared with its reference), leaving out the pairs in ``skip``."""
    names = {s.name: s for s in ref.free_symbols if isinstance(s, sp.Symbol)}
    pairs = []
    for name, inside in sorted(names.items()):
        partner = (name[:-3] + "_out" if name.endswith("_in") else name + "0")
        other = names.get(partner)
        if other is not None and frozenset((inside, other)) not in skip:
            pairs.append({inside: other, other: inside})
    return pairs


def _mutants(q: Question) -> list[tuple[tuple[str, ...], sp.Expr]]:
    ref = q.answer
    # the logarithms of the variables; ln 10 (a base-10 logarithm, ln x/ln 10) is a number
    logs = sorted((L for L in ref.atoms(sp.log) if L.free_symbols), key=sp.default_sort_key)
    ln10 = sp.log(10) in ref.atoms(sp.log)
    exps = sorted(ref.atoms(sp.exp), key=sp.default_sort_key)
    first: list[tuple[str, sp.Expr]] = []
    for L in logs:
        first.append(("inverted_ratio", ref.xreplace({L: sp.log(1 / L.args[0])})))
    if len(logs) > 1:
        first.append(("inverted_ratio", ref.xreplace({L: sp.log(1 / L.args[0]) for L in logs})))
    if logs and not ln10:
        first.append(("log_base", ref.xreplace({L: L / sp.log(10) for L in logs})))
        first.append(("log_base", ref * sp.log(10)))
    if ln10:  # ln where log10 belongs (pH), or the factor ln 10 dropped (Δp)
        first.append(("log_base", ref.xreplace({sp.log(10): sp.Integer(1)})))
    first.append(("sign_error", -ref))
    z = sym("z")
    if z in ref.free_symbols:
        first.append(("missing_valence", ref.subs(z, 1)))
    first.append(("reciprocal", 1 / ref))
    for X in exps:
        first.append(("exponent_sign", ref.xreplace({X: sp.exp(-X.args[0])})))
    if len(exps) > 1:
        first.append(("exponent_sign", ref.xreplace({X: sp.exp(-X.args[0]) for X in exps})))
    pairs = _paired_names(ref, {frozenset((sym(a), sym(b))) for a, b, _ in q.swaps})
    for pair in pairs:  # a plain ratio (Cl_o K_o/K_i, c_0/c) upside down
        first.append(("inverted_ratio", ref.xreplace(pair)))
    if len(pairs) > 1:
        first.append(("inverted_ratio", ref.xreplace({k: v for p in pairs
                                                       for k, v in p.items()})))
    factors = sp.Mul.make_args(ref)
    plain = [f for f in factors if not f.atoms(sp.log, sp.exp)]
    if 0 < len(plain) < len(factors):
        coefficient = sp.Mul(*plain)
        first.append(("reciprocal", ref / coefficient ** 2))
    adds = [a for a in sp.preorder_traversal(ref) if isinstance(a, sp.Add)][:6]
    for add in adds:
        for term in add.args:
            first.append(("missing_term", ref.xreplace({add: add - term})))
    for L in logs:
        top, bottom = sp.fraction(L.args[0])
        if bottom != 1:
            for alone in (sp.log(top), sp.log(bottom), -sp.log(bottom)):
                first.append(("log_of_concentration", ref.xreplace({L: alone})))
    for a, b, code in q.swaps:
        sa, sb = sym(a), sym(b)
        first.append((code, ref.xreplace({sa: sb, sb: sa})))
    for index, (other, _) in enumerate(q.conventions):
        first.append((f"other_convention:{index}", other))
    combined: list[tuple[tuple[str, ...], sp.Expr]] = [((c,), e) for c, e in first]
    for code, expr in first:
        if code in ("sign_error", "missing_valence", "log_base"):
            continue
        combined.append(((code, "sign_error"), -expr))
        if z in ref.free_symbols:
            combined.append(((code, "missing_valence"), expr.subs(z, 1)))
    return combined


@dataclass
class _Prepared:
    samples: list[dict]
    reference: list[complex | None]
    mutants: list[tuple[tuple[str, ...], list[complex | None]]]
    z_values: list[float] | None


#: sample points per question (the reference and every mutant are evaluated there once)
POINTS = 10


_PREPARED: dict[tuple, _Prepared] = {}


def _prepare(q: Question) -> _Prepared:
    """Sample points, the reference's values and the mutants' values of ``q``, once.

    Keyed by the question's name, answer and swaps, so a question that is redefined
    is prepared again rather than judged against a stale reference.
    """
    key = (q.name, q.answer, q.swaps)
    if key in _PREPARED:
        return _PREPARED[key]
    if len(_PREPARED) > 512:
        _PREPARED.clear()
    samples = sample_points(q.answer.free_symbols, n=POINTS)
    reference = values(q.answer, samples)
    mutants = []
    for codes, expr in _mutants(q):
        got = values(expr, samples)
        if agree(got, reference, _APPROX) is False:
            mutants.append((codes, got))
    z = [s.get(sym("z")) for s in samples]
    prepared = _Prepared(samples, reference, mutants,
                         z if all(v is not None for v in z) else None)
    _PREPARED[key] = prepared
    return prepared


# --- verdicts -------------------------------------------------------------------------------
def _diagnose(q: Question, expr: sp.Expr, got: list[complex | None], prep: _Prepared
              ) -> tuple[list[str], str]:
    matches = [codes for codes, seen in prep.mutants if agree(got, seen, _APPROX)]
    if matches:
        shortest = min(len(c) for c in matches)
        best = [c for c in matches if len(c) == shortest]
        # for a single logarithm an inverted ratio and an overall sign give the same values:
        # the structure of the answer tells which slip it was
        inverted = [c for c in best if "inverted_ratio" in c]
        signs = [c for c in best if "inverted_ratio" not in c and "sign_error" in c]
        if inverted and signs:
            best = inverted if _has_inverted_log(q, expr) else signs
        conventions = [c for c in best if c[0].startswith("other_convention:")]
        if conventions:  # more telling than a plain sign error with the same values
            index = int(conventions[0][0].split(":")[1])
            return ["other_convention"], " " + q.conventions[index][1]
        return list(best[0]), ""
    ratio = _ratio(got, prep.reference) if q.answer.free_symbols else None
    if ratio and all(abs(r - ratio[0]) <= 1e-6 * abs(ratio[0]) for r in ratio):
        r = ratio[0].real
        if abs(abs(r) - LN10) < 1e-3 or abs(abs(r) - 1 / LN10) < 1e-3:
            return ["log_base"] + (["sign_error"] if r < 0 else []), ""
        return ["constant_factor"], f" It is {r:.4g} times the right answer."
    if ratio and prep.z_values:
        defined = [(r, z) for r, z in zip(ratio, prep.z_values)]
        if all(abs(r - z) < 1e-6 * abs(z) or abs(r - 1 / z) < 1e-6 for r, z in defined):
            return ["missing_valence"], ""
    return [], ""


def _known_wrong(q: Question, expr: sp.Expr, points: list[dict]
                 ) -> tuple[sp.Expr, str, float, str] | None:
    """The lecturer's known wrong answer that ``expr`` is equal to, if any."""
    for entry in q.wrong:
        wrong = entry[0]
        where = points if wrong.free_symbols <= set(points[0]) else sample_points(
            q.answer.free_symbols | expr.free_symbols | wrong.free_symbols, n=POINTS)
        if is_zero(expr - wrong, rel=_EXACT, points=where, effort="cheap").holds:
            return entry
    return None


#: temperatures a textbook slope or number is often fixed at, in °C
_COMMON_CELSIUS = (37, 25, 20, 18, 0, 36, 35, 30, 22)


def _fixed_temperature(q: Question, expr: sp.Expr) -> tuple[list[str], str] | None:
    """The slips and sentence for a number fixed at one temperature (61.5 for 2.303 RT/F
    at 37 °C) where the question wants RT/F, or None.

    The number may come with the slips a fixed slope most often carries besides: the
    valence left out (61.5 log10(c_o/c_i) for a question about any z) and the sign or
    the ratio turned. The fewest slips that explain the answer are named.
    """
    R, T, F, z = sym("R"), sym("T"), sym("F"), sym("z")
    if not {R, T, F} <= q.answer.free_symbols or T in expr.free_symbols:
        return None
    points = sample_points(q.answer.free_symbols | expr.free_symbols, n=6, physical=True)
    got = values(expr, points)
    forms = {(): q.answer}
    if z in q.answer.free_symbols:
        forms[("missing_valence",)] = q.answer.subs(z, 1)
    seen: dict[tuple, list[tuple[str, list[complex | None]]]] = {}

    def readings(slips: tuple[str, ...], celsius: int) -> list[tuple[str, list]]:
        """The form's values at ``celsius``: the whole answer a potential in mV (61.5
        log10 …) or in V, or only its RT/F in mV (Δψ − 61.5 ΔpH, where Δψ is the
        student's own potential, already in mV)."""
        if (slips, celsius) not in seen:
            at = [{**point, T: celsius + 273.15} for point in points]
            volts = values(forms[slips], at)
            seen[slips, celsius] = [
                ("mV", [None if v is None else 1e3 * v for v in volts]), ("V", volts),
                ("mV", values(forms[slips], [{**p, F: p[F] / 1e3} for p in at]))]
        return seen[slips, celsius]

    for slips in forms:
        for sign in (1, -1):
            for celsius in _COMMON_CELSIUS:
                unit = next((unit for unit, reading in readings(slips, celsius) if agree(
                    got, [None if v is None else sign * v for v in reading], 5e-3)), None)
                if unit is None:
                    continue
                codes = list(slips)
                if sign < 0:
                    codes.append("inverted_ratio" if _has_inverted_log(q, expr)
                                 else "sign_error")
                apart = ("Your answer is" if not codes else "Once that is put right, your "
                         "answer is" if len(codes) == 1 else "Once those are put right, your "
                         "answer is")
                return ["temperature", *codes], (
                    f"{apart} the right one at {celsius} °C with potentials in {unit}: "
                    "write it with R, T and F instead of a fixed number.")
    return None


def _numbers_for_symbols(q: Question, expr: sp.Expr) -> str | None:
    """The sentence for an answer that is the right one with numbers put in for some of
    its symbols (6.1 for pK, 0.03 for s, 2 for z), or None.

    The symbols the answer lacks are tried with the numbers it has and their
    reciprocals (1/(0.03 PCO2) holds 33.3), and with 1 where only their ratios matter;
    a match at every sample point names them.
    At most three symbols and 200 assignments are tried.
    """
    missing = sorted(q.answer.free_symbols - expr.free_symbols, key=lambda s: s.name)
    numbers = {abs(n) for n in expr.atoms(sp.Number) if n.is_finite} - {0, 1}
    if not missing or len(missing) > 3 or not numbers:
        return None
    points = sample_points(q.answer.free_symbols | expr.free_symbols, n=6, physical=True)
    reference = values(q.answer, points)
    # 1 too where only the ratios of the missing symbols matter: relative permeabilities
    # are written 1 : 0.04 : 0.45 with the 1 left out (but c_i = 1 in ln(c_o/c_i) is not
    # a number put in, it is the logarithm of one concentration)
    scaled = values(q.answer.xreplace({s: 2 * s for s in missing}), points)
    ones = {sp.Integer(1)} if len(missing) > 1 and agree(scaled, reference, 1e-9) else set()
    candidates = sorted({*ones, *numbers, *(1 / n for n in numbers)}, key=float)
    if len(candidates) ** len(missing) > 200:
        return None
    got = values(expr, points)
    for chosen in itertools.product(candidates, repeat=len(missing)):
        # a number typed once stands for one symbol: 58 is not T with F = R = 1/58
        typed = [min(c, 1 / c, key=float) for c in chosen]
        if len(set(typed)) < len(typed):
            continue
        filled = q.answer.xreplace(dict(zip(missing, chosen, strict=True)))
        if agree(got, values(filled, points), 1e-6):
            shown_values = ", ".join(f"{plain(s)} = {float(v):.4g}"
                                     for s, v in zip(missing, chosen, strict=True))
            names = " and ".join(plain(s) for s in missing)
            kept = "a symbol" if len(missing) == 1 else "symbols"
            return (f"Your answer is right with {shown_values}; the question asks for the "
                    f"general expression: keep {names} as {kept}.")
    return None


def _has_inverted_log(q: Question, expr: sp.Expr) -> bool:
    ref_args = {L.args[0] for L in q.answer.atoms(sp.log)}
    for L in expr.atoms(sp.log):
        for arg in ref_args:
            if is_zero(L.args[0] * arg - 1, effort="cheap").outcome is Outcome.PROVED:
                return True
    return False


def _textbook_constants(expr: sp.Expr) -> sp.Expr | None:
    """``expr`` with 2.303 read as ln 10 (and 0.434 as 1/ln 10); None when it has neither."""
    swap = {}
    for number in expr.atoms(sp.Float):
        size, sign = abs(float(number)), (1 if number > 0 else -1)
        if abs(size - LN10) < 1e-3:
            swap[number] = sign * sp.log(10)
        elif abs(size - 1 / LN10) < 2e-4:
            swap[number] = sign / sp.log(10)
    return expr.xreplace(swap) if swap else None


def _one_ion(q: Question, expr: sp.Expr) -> tuple[sp.Expr, str | None]:
    """In a question about a generic ion, ``K_o/K_i`` read as ``c_o/c_i`` of that ion.

    Raises ParseError when the answer mixes the notation of two ions.
    """
    if not q.generic_ion:
        return expr, None
    used = [ion for ion in GENERIC_IONS
            if {sym(f"{ion}_in"), sym(f"{ion}_out")} & expr.free_symbols]
    if len(used) > 1:
        raise ParseError(f"the answer mixes the concentrations of {' and '.join(used)}; this "
                         "question is about one ion: write c_o and c_i (or one ion's)")
    if not used:
        return expr, None
    ion = used[0]
    return expr.xreplace({sym(f"{ion}_in"): sym("c_in"), sym(f"{ion}_out"): sym("c_out")}), ion


def _canonical(name: str) -> str:
    """The registry's name for a way of writing it (``V_m`` and ``Vm`` are ``V``)."""
    for canonical, aliases in ALIASES.items():
        if name in (a.replace(" ", "") for a in aliases):
            return canonical
    return name


def _stood_for(q: Question, expr: sp.Expr) -> str:
    """A note when the answer is right with a written-out quantity read as the one it
    stands for: d (the diameter, 2a) used where the radius a belongs."""
    for name, value in q.expansions.items():
        inner = value.free_symbols
        if len(inner) != 1:
            continue
        (other,) = inner
        swapped = expr.xreplace({other: sym(name)})
        points = sample_points(q.answer.free_symbols | swapped.free_symbols, n=POINTS)
        if is_zero(swapped - q.answer, rel=_EXACT, points=points, effort="cheap").holds:
            typed = ALIASES.get(other.name, (other.name,))[0]
            meaning = info(other).meaning if info(other) else typed
            return (f" Note: {typed} is read as the {meaning}; your answer is right "
                    f"with {ALIASES.get(name, (name,))[0]} in its place.")
    return ""


def _named_e(q: Question, ion: str | None = None) -> tuple[str, ...]:
    """The names accepted on the left of ``=``: the question's own and, in a question
    about a generic ion, E_K when the answer is about K+ (``ion``), or any ion's E
    (E_K, E_X, E_ion) when it keeps to c_o and c_i."""
    if not (q.generic_ion and "E" in q.lhs):
        return q.lhs
    named = (ion,) if ion else (*GENERIC_IONS, "X", "ion", "eq", "rev")
    return q.lhs + tuple(f"E_{n}" for n in named)


def _check_expression(q: Question, answer: str, form: str) -> Result:
    result = Result(q.name, answer, "invalid")
    try:
        left, expr = parse_answer(answer, q.reading_table(), form, names=_named_e(q))
        expr, ion = _one_ion(q, expr)
    except ParseError as exc:
        result.feedback = str(exc)
        return result
    accepted = _named_e(q, ion)
    if left is not None and _canonical(left) not in {_canonical(a) for a in accepted}:
        result.interpreted, result.read_as = latex(expr), plain(expr)
        asked = ", ".join(accepted if ion else q.lhs)  # not every ion's E when no ion
        result.feedback = (f"the left side {shown(left)} is not what the question asks for "
                           f"({asked or 'leave it out'})")
        return result
    written_out = {s for e in q.expansions.values() for s in e.free_symbols} - \
        q.answer.free_symbols
    target = q.expanded() if written_out & expr.free_symbols else q
    result = judge_expression(target, expr, answer)
    if target is not q and result.verdict == "incorrect":
        result.feedback += _stood_for(q, expr)
    if _BARE_LOG.search(answer):
        result = _with_log_reading(target, answer, form, result)
    return result


_BARE_LOG = re.compile(r"(?<![A-Za-z_])log(?![A-Za-z0-9_])|\\log(?![A-Za-z_])")


def _with_log_reading(q: Question, answer: str, form: str, result: Result) -> Result:
    """``result`` with a note on what a bare ``log`` was read as, whenever the other
    reading would matter.

    ``log`` is ln here. When the answer is right with log10, the note says so. When the
    ln reading names no mistake but the log10 reading does (``58 log(c_o/c_i)``: the
    physiologist's 58 mV per decade at 20 °C), the log10 reading's mistake is the one
    reported, with a note that says which reading it is.
    """
    if result.verdict == "correct":
        result.feedback += " (log was read as ln, the natural logarithm.)"
        return result
    if result.verdict != "incorrect":
        return result
    as_log10 = _BARE_LOG.sub(lambda m: "\\log_{10}" if m.group(0).startswith("\\") else
                             "log10", answer)
    try:
        _, expr = parse_answer(as_log10, q.reading_table(), form)
        expr, _ = _one_ion(q, expr)
    except ParseError:
        return result
    expr = _textbook_constants(expr) or expr
    points = sample_points(q.answer.free_symbols | expr.free_symbols, n=POINTS)
    if is_zero(expr - q.answer, rel=_EXACT, points=points, effort="cheap").holds:
        result.feedback += (" Note: log is read as ln (the natural logarithm) here; read as "
                            "log10 your answer would be right. Write log10 when you mean "
                            "base 10.")
        return result
    if result.mistakes:
        return result
    base10 = judge_expression(q, expr, answer)
    if base10.verdict != "incorrect" or not base10.mistakes:
        return result
    base10.feedback += (" (Your log was read here as log10, base 10; read as ln, the "
                        "natural logarithm, the answer is further off. Write log10 when "
                        "you mean base 10.)")
    return base10


def judge_expression(q: Question, expr: sp.Expr, answer: str) -> Result:
    """Judge an answer already read into SymPy (``answer`` is the text it came from)."""
    result = Result(q.name, answer, "invalid", interpreted=latex(expr), read_as=plain(expr))
    prep = _prepare(q)
    points = prep.samples
    extra = expr.free_symbols - q.answer.free_symbols
    if extra:  # every symbol of the answer is sampled too; the reference's values stay put
        points = sample_points(q.answer.free_symbols | expr.free_symbols, n=POINTS)
    decision = is_zero(exact_decimals(expr) - exact_decimals(q.answer), rel=_EXACT,
                       points=points, effort="cheap",
                       decimals=expr.has(sp.Float) or q.answer.has(sp.Float))
    if decision.outcome is Outcome.INVALID:
        result.feedback = f"The answer is not a valid expression: {decision.reason}."
        return result
    if decision.holds:
        how = "proved equal by algebra" if decision.outcome is Outcome.PROVED else (
            f"equal at {len(points)} random points")
        result.verdict, result.score = "correct", 1.0
        result.feedback = f"Correct ({how})."
        return result
    got = values(expr, points)
    textbook = _textbook_constants(expr)
    close = textbook is not None and is_zero(textbook - q.answer, rel=_EXACT, points=points,
                                             effort="cheap").holds
    if close:
        result.verdict, result.score = "correct", 1.0
        result.feedback = ("Correct, with a textbook approximation (2.303 for ln 10 is "
                           "accepted).")
        return result
    if decision.outcome is Outcome.UNDECIDED:
        result.verdict = "undecided"
        result.feedback = ("Could not decide: the answer cannot be evaluated at enough "
                           "points (a logarithm of a negative number?).")
        return result
    known = _known_wrong(q, expr, points)
    if known is not None:
        result.verdict = "incorrect"
        _, result.feedback, result.score, code = known
        result.mistakes = [code]
        return result
    codes, extra = _diagnose(q, expr, got, prep)
    if not codes:
        fixed = _fixed_temperature(q, expr)
        if fixed:
            codes, extra = fixed[0], f" {fixed[1]}"
    if not codes:
        filled = _numbers_for_symbols(q, expr)
        if filled:
            codes, extra = ["numbers_for_symbols"], f" {filled}"
    result.verdict = "incorrect"
    result.mistakes = codes
    if codes:
        result.score = SCORES.get(codes[0], 0.25) if len(codes) == 1 else 0.25
        result.feedback = "Not quite. " + " ".join(q.feedback.get(c, FEEDBACK[c])
                                                   for c in codes) + extra
    else:
        result.feedback = "Not equivalent to the right answer."
    meant = _bracketed_reading(q, answer)
    if meant is not None:
        result.feedback += (f" Note: a/bc is read as (a/b)·c. If you meant {meant}, write the "
                            "brackets: that answer would be right.")
    return result


_AFTER_SLASH = re.compile(r"/\s*([A-Za-z0-9_.]+(?:[ \t]+[A-Za-z0-9_.]+)*)(?![A-Za-z0-9_.(])")


def _bracketed_reading(q: Question, answer: str) -> str | None:
    """``RT/zF`` when it is wrong but ``RT/(zF)`` would be right: the reading the student
    most likely meant, or None. Only plain text is ambiguous (LaTeX has \\frac)."""
    if "\\" in answer or "/" not in answer:
        return None
    for match in _AFTER_SLASH.finditer(answer):
        run = match.group(1)
        alternative = answer[:match.start(1)] + f"({run})" + answer[match.end(1):]
        try:
            _, expr = parse_answer(alternative, q.reading_table(), "text")
            expr, _ = _one_ion(q, expr)
        except ParseError:
            continue
        points = sample_points(q.answer.free_symbols | expr.free_symbols, n=POINTS)
        if is_zero(expr - q.answer, rel=_EXACT, points=points, effort="cheap").holds:
            return alternative
    return None


def _check_number(q: Question, answer: str, params: Mapping[str, Any]) -> Result:
    result = Result(q.name, answer, "invalid")
    try:
        value, typed = parse_number(answer, q.unit)
        expected = q.expected(**params)
    except ParseError as exc:
        result.feedback = str(exc)
        return result
    result.interpreted = f"{value:g}\\ \\mathrm{{{q.unit}}}" if q.unit else f"{value:g}"
    result.read_as = f"{value:g} {q.unit}" if q.unit else f"{value:g}"
    tolerance = max(q.tolerance, q.rel_tolerance * abs(expected))
    if abs(value - expected) <= tolerance:
        result.verdict, result.score = "correct", 1.0
        result.feedback = f"Correct: {expected:.4g}{' ' + q.unit if q.unit else ''}."
        return result
    for wrong_value, feedback, score, code in q.wrong:
        if abs(value - float(wrong_value)) <= tolerance:
            result.verdict, result.feedback, result.score = "incorrect", feedback, score
            result.mistakes = [code]
            return result
    z = float({**q.defaults, **params}.get("z", 1))
    candidates = [("units_factor", expected * 1e-3), ("units_factor", expected * 1e3),
                  ("sign_error", -expected), ("log_base", expected / LN10),
                  ("log_base", expected * LN10)]
    if abs(z) != 1:
        candidates += [("missing_valence", expected * z), ("missing_valence", expected * abs(z))]
    result.verdict = "incorrect"
    for code, wrong in candidates:
        if abs(value - wrong) <= max(tolerance * abs(wrong / expected) if expected else 0,
                                     q.rel_tolerance * abs(wrong), 1e-12):
            result.mistakes = [code]
            result.score = SCORES[code]
            text = q.feedback.get(code, FEEDBACK[code])
            note = ""
            if code == "units_factor":
                if q.unit not in ("mV", "mM"):  # the stock hint speaks of V and M
                    text = (f"Your number is off by a factor of 1000: check its unit "
                            f"against {q.unit}.")
                if typed is None:
                    note = f" A number without a unit is read in {q.unit}."
            result.feedback = f"Not quite. {text}{note}"
            return result
    other = _other_temperature(q, params, value, tolerance)
    if other is not None:
        result.mistakes, result.score = ["temperature"], SCORES["temperature"]
        result.feedback = f"Not quite. {other}"
        return result
    result.feedback = f"Not within {tolerance:.2g} {q.unit} of the right value."
    return result


def _other_temperature(q: Question, params: Mapping[str, Any], value: float,
                       tolerance: float) -> str | None:
    """The sentence for a number that is right at another common temperature, or None."""
    from symmem.laws import law

    if "T" not in {p.name for p in law(q.law_name).parameters(dict(q.defaults))}:
        return None
    used = float({**q.defaults, **params}.get("T", 310.15))
    for celsius in _COMMON_CELSIUS:
        kelvin = celsius + 273.15
        if abs(kelvin - used) < 0.01:
            continue
        if abs(value - q.expected(**{**params, "T": kelvin})) <= tolerance:
            return (f"Your number is right at {celsius} °C; this question is at "
                    f"{used - 273.15:g} °C (T = {used:g} K).")
    return None


def check(question_name: str, answer: str, *, format: str = "auto",
          questions: str | Path | Mapping[str, Question] | None = None, **params: Any
          ) -> Result:
    """Judge ``answer`` to the question ``question_name``.

    ``questions`` is a lecturer's question file (a path to TOML) or a mapping of
    questions, searched before the bundled bank.

    >>> check("nernst", "RT/(zF) ln(c_i/c_o)").mistakes
    ['inverted_ratio']
    """
    if isinstance(questions, (str, Path)):
        from symmem.checking.question_file import load_questions

        questions = load_questions(questions)
    q = question(question_name, questions)
    if not isinstance(answer, str):
        return Result(q.name, repr(answer)[:40], "invalid", feedback="the answer must be text")
    if q.numeric:
        return guarded(q.name, answer, lambda: _check_number(q, answer, params))
    if params:
        return Result(q.name, answer, "invalid",
                      feedback=f"{q.name} is a symbolic question; it takes no parameters")
    return guarded(q.name, answer, lambda: _check_expression(q, answer, format))


#: seconds one answer may take, whatever it is
BUDGET = 2.0


def guarded(name: str, answer: str, judge: Callable[[], Result]) -> Result:
    """Run ``judge`` within :data:`BUDGET` seconds; it never raises for any answer.

    An answer that takes longer, or that makes the checker fail in a way it did not
    foresee, is ``undecided`` with the reason: a person should look at it.
    """
    try:
        done, result = within(BUDGET, judge)
    except (InputError, UnknownNameError):
        raise  # the question's inputs are wrong (T in °C, an unknown parameter), not the answer
    except RecursionError:
        done, result = True, Result(name, answer[:200], "invalid",
                                    feedback="the answer is nested too deeply to read")
    except Exception as exc:  # never a traceback for a student's answer
        return Result(name, answer[:200], "undecided",
                      feedback=f"The checker could not judge this answer ({type(exc).__name__}"
                               "); a person should look at it.")
    if not done or result is None:
        return Result(name, answer[:200], "undecided",
                      feedback=f"Judging this answer took longer than {BUDGET:g} s; a person "
                               "should look at it.")
    return result
