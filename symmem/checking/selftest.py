"""A self-test for any question: its right forms must pass and its mistakes be named.

For a symbolic question the right forms are its answer as text and as symmem's own
LaTeX, rearranged (expanded, logarithms expanded, over one denominator), in the
textbook form with 2.303·log10, as an equation (``E = …``), in one ion's notation
when it is about a generic ion, and the examples it lists. The mistakes are those the
checker generates from the answer (ratio upside down, sign, missing z, log base …).
For a numeric question the right forms are the value in mV and in V and "about …",
and the mistakes its sign and a factor of 1000.

    $ symmem check --self-test --questions my_course.toml
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import sympy as sp

from symmem.checking.judge import _mutants, check
from symmem.checking.questions import Question
from symmem.equivalence import bounded, same
from symmem.latex import latex
from symmem.symbols import sym

__all__ = ["Finding", "mistake_forms", "right_forms", "self_test"]

#: codes that coincide numerically (a single log: ratio upside down = sign flipped)
_SAME_VALUES = {"sign_error", "inverted_ratio", "other_convention"}


@dataclass(frozen=True)
class Finding:
    """One form the question judged differently from what the self-test expected."""

    question: str
    expected: str  # "correct", or the mistake code expected
    answer: str
    got: str

    def __str__(self) -> str:
        return f"{self.question}: {self.answer!r} should be {self.expected}; got {self.got}"


def _log10_form(expr: sp.Expr) -> sp.Expr:
    log10 = sp.Function("log10")
    return expr.xreplace({L: sp.Float("2.303") * log10(L.args[0])
                          for L in expr.atoms(sp.log)})


def right_forms(q: Question) -> list[str]:
    """Ways of writing the right answer that must all be judged correct."""
    if q.numeric:
        value = q.expected()
        return [f"{value:.4g} {q.unit}", f"about {value:.4g} {q.unit}"] + (
            [f"{value / 1000:.6g} V"] if q.unit == "mV" else [])
    forms = [sp.sstr(q.answer), latex(q.answer)]
    for rewrite in (sp.expand, lambda e: sp.expand_log(e, force=True), sp.together):
        done, other = bounded(lambda rewrite=rewrite: rewrite(q.answer))
        if done and other is not None and other != q.answer:
            forms.append(sp.sstr(other))
    if q.answer.atoms(sp.log):
        forms.append(sp.sstr(_log10_form(q.answer)))
    if q.lhs:
        forms.append(f"{q.lhs[0]} = {sp.sstr(q.answer)}")
    if q.generic_ion:
        as_k = q.answer.xreplace({sym("c_in"): sym("K_in"), sym("c_out"): sym("K_out")})
        forms.append(sp.sstr(as_k).replace("K_in", "[K+]_i").replace("K_out", "[K+]_o"))
    forms += list(q.examples)
    return list(dict.fromkeys(forms))


def mistake_forms(q: Question) -> list[tuple[str, str]]:
    """(code, answer) pairs: mistakes that must be judged incorrect with their code."""
    if q.numeric:
        value = q.expected()
        out = [("units_factor", f"{value * 1000:.6g} {q.unit}")]
        return out + ([("sign_error", f"{-value:.4g} {q.unit}")] if abs(value) > 1e-9 else [])
    found, seen = [], []
    for codes, wrong in _mutants(q):
        if len(codes) > 1 or same(q.answer, wrong, rel=5e-4).holds:
            continue
        # one wrong expression reached by two slips is named by the first; (in the GHK
        # current, c_i <-> c_o is exactly both exponentials flipped)
        if any(same(earlier, wrong, rel=5e-4).holds for earlier in seen):
            continue
        seen.append(wrong)
        found.append((codes[0].split(":")[0], sp.sstr(wrong)))
    return list(dict.fromkeys(found))


def _judged(q: Question, questions: dict[str, Question], answer: str) -> tuple[str, list]:
    result = check(q.name, answer, questions=questions)
    return result.verdict, result.mistakes


def self_test(questions: Iterable[Question]) -> Iterator[tuple[Question, int, list[Finding]]]:
    """For each question: how many forms were judged, and those judged wrongly."""
    bank = {q.name: q for q in questions}
    for q in bank.values():
        findings, tried = [], 0
        for answer in right_forms(q):
            tried += 1
            verdict, mistakes = _judged(q, bank, answer)
            if verdict != "correct":
                findings.append(Finding(q.name, "correct", answer,
                                        f"{verdict} {' '.join(mistakes)}".strip()))
        for code, answer in mistake_forms(q):
            tried += 1
            verdict, mistakes = _judged(q, bank, answer)
            lecturer = {entry[3] for entry in q.wrong}  # the lecturer's own words win
            named = bool(mistakes) and (mistakes[0] == code or mistakes[0] in lecturer or
                                        {mistakes[0], code} <= _SAME_VALUES)
            if verdict != "incorrect" or not named:
                findings.append(Finding(q.name, code, answer,
                                        f"{verdict} {' '.join(mistakes) or '(no code)'}"))
        yield q, tried, findings
