"""The answer checker: parsing, equivalence, named mistakes, hostile input, grading."""

from __future__ import annotations

import builtins
import json
import time

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symmem.checking import QUESTIONS, check
from symmem.checking.judge import _mutants
from symmem.cli import main

SYMBOLIC = [q for q in QUESTIONS.values() if not q.numeric]


# --- right answers -------------------------------------------------------------------------
@pytest.mark.parametrize("q", SYMBOLIC, ids=lambda q: q.name)
def test_every_question_accepts_its_own_forms_quickly(q):
    assert q.examples, f"{q.name} has no example answers"
    for answer in (*q.examples, sp.sstr(q.answer)):
        started = time.perf_counter()
        result = check(q.name, answer)
        assert result.verdict == "correct", (answer, result.feedback)
        assert result.score == 1.0 and result.mistakes == []
        assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("q", SYMBOLIC, ids=lambda q: q.name)
def test_every_generated_misconception_is_caught_with_its_code(q):
    caught = 0
    for codes, wrong in _mutants(q):
        if len(codes) > 1 or sp.simplify(wrong - q.answer) == 0:
            continue
        result = check(q.name, sp.sstr(wrong))
        assert result.verdict == "incorrect", (codes, sp.sstr(wrong), result.feedback)
        assert result.mistakes, (codes, sp.sstr(wrong))
        code = codes[0].split(":")[0]  # other_convention:N names which convention
        # sign_error and inverted_ratio coincide numerically for a single logarithm, and a
        # flipped sign can be exactly another course's convention (inward current positive)
        same = {"sign_error", "inverted_ratio", "other_convention"}
        # a swap of inside and outside can be exactly another slip (in the GHK current,
        # c_i <-> c_o is the same expression as flipping both exponentials)
        also = {c[0] for c, other in _mutants(q) if len(c) == 1
                and sp.simplify(sp.expand(other - wrong)) == 0}
        assert (result.mistakes[0] == code or {result.mistakes[0], code} <= same
                or result.mistakes[0] in also)
        assert 0 < result.score < 1
        caught += 1
    assert caught >= 2


@pytest.mark.parametrize(("question", "answer", "code"), [
    ("nernst", "RT/(zF) ln(c_i/c_o)", "inverted_ratio"),
    ("nernst", "-RT/(zF) ln(c_o/c_i)", "sign_error"),
    ("nernst", "RT/F ln(c_o/c_i)", "missing_valence"),
    ("nernst", "RT/(zF) log10(c_o/c_i)", "log_base"),
    ("nernst", "zF/(RT) ln(c_o/c_i)", "reciprocal"),
    ("nernst", "2 RT/(zF) ln(c_o/c_i)", "constant_factor"),
    ("pump_leak_steady_state", "k/p", "reciprocal"),
    ("pump_leak_time_course", "p/k + (G_0 - p/k) e^(kt)", "exponent_sign"),
    ("pump_leak_time_course", "p/k", "missing_term"),
    ("ghk_voltage", "RT/F ln((P_K K_o + P_Na Na_o + P_Cl Cl_o)/(P_K K_i + P_Na Na_i + "
                    "P_Cl Cl_i))", "chloride_placement"),
    ("ghk_voltage", "RT/F ln((P_K K_i + P_Na Na_i + P_Cl Cl_o)/(P_K K_o + P_Na Na_o + "
                    "P_Cl Cl_i))", "inverted_ratio"),
    ("electrochemical_potential_difference", "RT ln(c_i/c_o) + FV", "missing_valence"),
    # plain ratios, with no logarithm to flip: inside and outside swapped by hand
    ("kcc2_chloride_limit", "Cl_o K_i/K_o", "inverted_ratio"),
    ("nkcc1_chloride_limit", "Cl_o sqrt(Na_i K_i/(Na_o K_o))", "inverted_ratio"),
    ("cell_volume", "b + (1 - b) c/c_0", "inverted_ratio"),
    ("ussing_flux_ratio", "c_i/c_o exp(-z F V/(R T))", "inverted_ratio"),
])
def test_named_mistakes_by_hand(question, answer, code):
    result = check(question, answer)
    assert result.verdict == "incorrect" and result.mistakes[0] == code, result
    assert result.feedback.startswith("Not quite.")


def test_textbook_approximation_passes_with_a_note():
    result = check("nernst", "2.303 RT/(zF) log10(c_o/c_i)")
    assert result.verdict == "correct" and "2.303" in result.feedback
    assert check("nernst", "2.2 RT/(zF) log10(c_o/c_i)").verdict == "incorrect"


@pytest.mark.parametrize("answer", [
    "E = RT/(zF) ln(c_o/c_i)", "R T/(z F) ln(c_o/c_i)", "RT/(zF)*log(C_o/C_i)",
    "−RT/(zF) ln(c_i/c_o)", "RT⁄(zF)ln(c_o/c_i)".replace("⁄", "/"), "(RT/(zF)) ln([X]_o/[X]_i)",
    r"E = \dfrac{RT}{zF}\,\ln\left(\frac{c_o}{c_i}\right)", r"\frac{R T}{z F} \log(c_o/c_i)",
    "RT/(zF) · ln(c_o/c_i)", "RT/(zF) × ln(c_o/c_i)", "RT/(zF)\u00a0ln(c_o/c_i)",
    "RT/(zF) ln(c_o/c_i)\u200b", "RT/(zF) (ln(c_o) - ln(c_i))",
])
def test_notation_variants_are_read(answer):
    assert check("nernst", answer).verdict == "correct", check("nernst", answer)


def test_latex_bracket_concentrations_and_unicode_superscripts():
    assert check("ghk_current", r"\frac{P z^{2} F^{2} V}{R T}\frac{c_i - c_o e^{-zFV/(RT)}}"
                                r"{1 - e^{-zFV/(RT)}}").verdict == "correct"
    assert check("ghk_current", "P z² F² V/(R T) (c_i - c_o exp(-zFV/(RT)))/(1 - exp(-zFV/"
                                "(RT)))").verdict == "correct"
    assert check("mullins_noda", r"\frac{RT}{F}\ln\frac{r P_K [\mathrm{K}^{+}]_{o} + P_{Na}"
                                 r"[\mathrm{Na}^{+}]_{o}}{r P_K [K^+]_i + P_{Na} [Na^+]_i}"
                 ).verdict == "correct"


def test_each_question_has_its_own_symbols():
    # E is a symbol of driving_force, not Euler's number; in nernst it is refused
    assert check("driving_force", "V - E").verdict == "correct"
    assert check("nernst", "E").verdict == "invalid"
    assert "unknown symbol" in check("nernst", "RT/(zF) ln(c_o/x)").feedback
    assert check("ncx_reversal", "3E_Na - 2E_Ca").verdict == "correct"


def test_hints_for_common_slips():
    assert "did you mean ln? (you typed In)" in check("nernst", "RT/(zF) In(c_o/c_i)").feedback
    assert "this question knows R, T, F, z, c_i, c_o" in check("nernst", "RT/(zF) ln(x)"
                                                               ).feedback
    assert "not code" in check("nernst", "__import__('os')").feedback


def test_a_slash_without_brackets_is_read_literally_with_a_hint():
    result = check("nernst", "RT/zF ln(c_o/c_i)")
    assert result.verdict == "incorrect" and "RT/(zF)" in result.feedback


def test_left_side_must_be_the_asked_quantity():
    assert check("nernst", "E = RT/(zF) ln(c_o/c_i)").verdict == "correct"
    result = check("nernst", "V = RT/(zF) ln(c_o/c_i)")
    assert result.verdict == "invalid" and "left side" in result.feedback


# --- numeric questions ----------------------------------------------------------------------
@pytest.mark.parametrize(("answer", "verdict", "code"), [
    ("-89", "correct", None), ("-89 mV", "correct", None), ("-0.089 V", "correct", None),
    ("−89.1 mV", "correct", None), ("E = -89 mV", "correct", None),
    ("-0.089", "incorrect", "units_factor"), ("-89000", "incorrect", "units_factor"),
    ("89 mV", "incorrect", "sign_error"), ("-38.7 mV", "incorrect", "log_base"),
    ("-65 mV", "incorrect", None), ("minus 89", "invalid", None), ("-89 furlongs", "invalid", None),
])
def test_numeric_nernst(answer, verdict, code):
    # E_K for 140 mM inside and 5 mM outside at 37 °C: -89.06 mV by hand
    # (61.54 mV per decade × log10(5/140) = -89.06); log10 without 2.303 gives -38.7
    result = check("nernst_numeric", answer, c_in=140, c_out=5, z=1)
    assert result.verdict == verdict, result
    if code:
        assert result.mistakes == [code]


def test_numeric_missing_valence_for_calcium():
    # E_Ca for 1e-4 mM inside, 1.5 mM outside: (26.73/2) ln(15000) = +128.5 mV by hand
    assert check("nernst_numeric", "128.5", c_in=1e-4, c_out=1.5, z=2).verdict == "correct"
    result = check("nernst_numeric", "257", c_in=1e-4, c_out=1.5, z=2)
    assert result.mistakes == ["missing_valence"]


def test_numeric_ghk_voltage():
    # (5 + 0.05·145)/(140 + 0.05·10) = 0.08719; 26.727 mV × ln(0.08719) = -65.2 mV
    assert check("ghk_voltage_numeric", "-65.2 mV").verdict == "correct"


# --- hostile input --------------------------------------------------------------------------
HOSTILE = [
    "__import__('os').system('echo pwned')", "().__class__.__bases__[0].__subclasses__()",
    "exec('print(1)')", "eval('1+1')", "open('/etc/passwd').read()", "lambda: 0",
    "[x for x in range(10)]", "{'a': 1}", "c_o.__dict__", "ln('abc')", "ln(\"c_o\")",
    "9**9**9**9", "10**10**10", "2^2^2^2^2^2", "factorial(100000)", "100000!",
    "(" * 10000 + "1" + ")" * 10000, "x" * 100_000, "RT/(zF) ln(c_o/c_i)" + " " * 100_000,
    "\x00", "RT\x07/(zF)", "\x1b[31mred", r"\input{/etc/passwd}", r"\def\x{1}\x",
    r"\write18{rm -rf /}", r"\immediate\write18{ls}", r"\catcode`\^=7", r"\csname foo\endcsname",
    "import os", "os.system('ls')", "c_o; c_i", "c_o if c_i else 1", "c_o and c_i",
    "c_o[0]", "c_o.real", "*c_o", "**c_o", "sqrt(c_o, c_i)", "exp(c_o=1)", "ln()",
    "1" * 5000, "123456789012345678901234567890123", "exp(10000)", "e^(1e308)",
    "<script>alert(1)</script>", "RT/(zF) ln(c_o/c_i) = = 3", "", "   ", "ln", "c_o/0",
    "sympy.sympify('1')", "globals()", "getattr(c_o, 'x')", "`ls`", "$(ls)",
]


def test_there_are_at_least_forty_hostile_inputs():
    assert len(HOSTILE) >= 40


@pytest.fixture
def no_eval(monkeypatch):
    """Make eval, exec, sympify and parse_expr raise, to prove the checker never uses them."""
    def refuse(*args, **kwargs):
        raise AssertionError("student text reached an evaluator")

    import sys

    import sympy.parsing.sympy_parser

    core = sys.modules["sympy.core.sympify"]
    original = core.sympify

    def no_text(a, *args, **kwargs):  # SymPy sympifies its own objects all the time
        if isinstance(a, str):
            refuse()
        return original(a, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(sp, "sympify", refuse)
    monkeypatch.setattr(core, "sympify", no_text)
    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", refuse)


@pytest.mark.parametrize("answer", HOSTILE, ids=lambda a: repr(a[:30]))
def test_hostile_input_is_refused_quickly_and_runs_nothing(answer, no_eval):
    started = time.perf_counter()
    result = check("nernst", answer)
    assert time.perf_counter() - started < 1.0
    assert result.verdict in ("invalid", "incorrect"), result
    assert result.feedback
    assert "<script>" not in result.feedback and "\x1b" not in result.feedback


def test_right_answers_pass_with_the_evaluators_disabled(no_eval):
    for q in SYMBOLIC:
        assert check(q.name, q.examples[0]).verdict == "correct"
    assert check("nernst_numeric", "-89 mV").verdict == "correct"


# --- hypothesis: equivalent rewrites pass, mutations fail -----------------------------------
REWRITES = [
    lambda e: sp.expand_log(e, force=True),
    lambda e: sp.expand(e),
    lambda e: sp.together(e),
    lambda e: e.replace(sp.log, lambda a: sp.log(sp.numer(sp.together(a)) * 7)
                        - sp.log(sp.denom(sp.together(a)) * 7)),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SYMBOLIC), st.lists(st.sampled_from(range(len(REWRITES))),
                                           min_size=1, max_size=2), st.booleans())
def test_equivalent_rewrites_are_accepted(q, rewrites, reorder):
    expr = q.answer
    for index in rewrites:
        expr = REWRITES[index](expr)
    text = sp.sstr(expr, order="rev-lex" if reorder else None)
    assert check(q.name, text).verdict == "correct", text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SYMBOLIC), st.sampled_from([-1, 2, sp.Rational(1, 3), 10]),
       st.booleans())
def test_mutations_are_rejected(q, factor, shift):
    wrong = q.answer * factor + (sp.Symbol("R", positive=True) * 0 + 1 if shift else 0)
    assert check(q.name, sp.sstr(wrong)).verdict == "incorrect"


# --- derivations, CLI and grading ----------------------------------------------------------
def test_derivation_names_the_first_line_that_does_not_follow(tmp_path, capsys):
    steps = tmp_path / "steps.txt"
    steps.write_text("0 = RT ln(c_i/c_o) + zFE\nE = -RT/(zF) ln(c_i/c_o)\n"
                     "E = RT/(zF) ln(c_i/c_o)\nE = RT/(zF) ln(c_o/c_i)\n")
    assert main(["check", "nernst", "--steps", str(steps), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "incorrect"
    assert out["feedback"].startswith("line 3 does not follow from line 2")
    steps.write_text("0 = RT ln(c_i/c_o) + zFE\nE = -RT/(zF) ln(c_i/c_o)\n"
                     "E = RT/(zF) ln(c_o/c_i)\n")
    assert main(["check", "nernst", "--steps", str(steps)]) == 0
    assert capsys.readouterr().out.startswith("correct")


def test_check_json_has_the_documented_fields(capsys):
    assert main(["check", "nernst", "RT/(zF) ln(c_i/c_o)", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"question", "answer", "verdict", "score", "feedback", "mistakes",
                        "interpreted", "read_as"}
    assert out["mistakes"] == ["inverted_ratio"] and r"\ln" in out["interpreted"]
    assert out["read_as"] == "R*T*ln(c_in/c_out)/(z*F)"
    assert main(["check", "nernts", "x"]) == 2
    assert "did you mean 'nernst'" in capsys.readouterr().err




@pytest.mark.parametrize(("answer", "verdict"), [
    ("(A + sqrt(A^2 + 4 c_s^2))/2", "correct"),
    ("M_i = A/2 + sqrt(A^2/4 + c_s^2)", "correct"),
    # [M]_i [X]_i = c_s² with [X]_i = [M]_i − A: the product form, solved by hand
    ("c_s^2/((sqrt(A^2 + 4 c_s^2) - A)/2)", "correct"),
    (r"\frac{[A]_i+\sqrt{[A]_i^2+4c_s^2}}{2}", "correct"),
    ("(A - sqrt(A^2 + 4 c_s^2))/2", "incorrect"),   # the negative root
    ("(sqrt(A^2 + 4 c_s^2) - A)/2", "incorrect"),   # the anion's concentration
    ("A + c_s", "incorrect"),                       # electroneutrality without Donnan
])
def test_donnan_cation_concentration(answer, verdict):
    assert check("donnan", answer).verdict == verdict, check("donnan", answer)
