"""The equivalence kernel: outcomes, tiers, sampling, budgets, and symmem.compare."""

from __future__ import annotations

import sys
import time

import pytest
import sympy as sp

import symmem
from symmem.equivalence import (
    Outcome,
    bounded,
    equivalent,
    evaluate,
    implies,
    is_zero,
    same,
    sample_points,
    within,
)
from symmem.symbols import sym

R, T, F, z, V = sym("R"), sym("T"), sym("F"), sym("z"), sym("V")
ci, co, p, k = sym("c_in"), sym("c_out"), sym("p"), sym("k")
NERNST = R * T / (z * F) * sp.log(co / ci)


# --- outcomes -----------------------------------------------------------------------------
def test_textbook_rewrites_of_nernst_are_proved():
    for form in (-R * T / (z * F) * sp.log(ci / co),
                 R * T / (z * F) * (sp.log(co) - sp.log(ci)),
                 sp.log(10) * R * T / (z * F) * sp.log(co / ci) / sp.log(10)):
        assert same(NERNST, form).outcome is Outcome.PROVED, form


def test_a_term_tiny_only_because_F_is_large_is_caught():
    # at F = 96485 C/mol the extra term is 1e-20 of the answer; sampled as a symbol it is not
    decision = same(NERNST, NERNST + 1 / F**4)
    assert decision.outcome is Outcome.FAILED
    assert "F = " in decision.reason


def test_a_failure_names_the_point_where_the_sides_differ():
    decision = same(p / k, k / p)
    assert decision.outcome is Outcome.FAILED
    assert set(decision.witness) == {"k", "p"}
    point = {sym(n): v for n, v in decision.witness.items()}
    assert abs(evaluate(p / k - k / p, point)) > 1e-6


def test_a_symbol_only_the_answer_has_is_sampled_not_undecided():
    assert same(p / k, p / k + 0 * V).outcome is Outcome.PROVED
    assert same(p / k, p / k + V / 1000).outcome is Outcome.FAILED


def test_exact_numbers_are_compared_exactly():
    assert is_zero(sp.Rational(1, 3) - sp.Rational(2, 6)).outcome is Outcome.PROVED
    third = is_zero(sp.Rational(1, 3) - sp.Rational(33333333333333333, 10**17))
    assert third.outcome is Outcome.FAILED  # within 1e-17 but not equal
    assert is_zero(sp.sqrt(2) ** 2 - 2).outcome is Outcome.PROVED
    assert is_zero(sp.log(10) - sp.Float("2.302585092994046")).outcome is Outcome.NUMERIC


def test_complex_infinity_is_invalid_not_undecided():
    assert is_zero(sp.zoo * ci).outcome is Outcome.INVALID
    assert same(NERNST, sp.zoo + ci).outcome is Outcome.INVALID


def test_abs_sign_and_piecewise_are_evaluated():
    x = sym("V")
    assert same(sp.Abs(x), sp.sign(x) * x).outcome in (Outcome.PROVED, Outcome.NUMERIC)
    ramp = sp.Piecewise((x, x > 0), (0, True))
    assert same(ramp, (x + sp.Abs(x)) / 2).outcome in (Outcome.PROVED, Outcome.NUMERIC)
    assert same(ramp, x).outcome is Outcome.FAILED


# the budget's alarm may land in a garbage-collector callback, where Python ignores it; the
# repeating alarm then stops the work (see the finaliser test below)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_what_cannot_be_evaluated_or_proved_is_undecided():
    f = sp.Function("f")
    # an unknown function of a symbol at a point it cannot be sampled at: f(f(1)) − f(f(1))
    # is fine, but an unevaluated integral is neither sampled nor simplified within budget
    weird = sp.Integral(sp.exp(-V**2) * sp.log(sp.Abs(V) + 1) ** 3, (V, 0, ci)) - f(ci)
    assert is_zero(weird).outcome in (Outcome.UNDECIDED, Outcome.FAILED)
    assert is_zero(weird).outcome is not Outcome.PROVED


def test_unknown_functions_are_sampled_as_free_values():
    x = sym("x")
    c = sp.Function("c", positive=True)
    assert is_zero(c(x).diff(x) - 2 * c(x).diff(x)).outcome is Outcome.FAILED
    assert is_zero(c(x) * x - x * c(x)).outcome is Outcome.PROVED


# --- budgets ------------------------------------------------------------------------------
def test_a_zero_valued_high_power_answers_quickly():
    s = 1 / R + 1 / T + 1 / F
    started = time.perf_counter()
    decision = is_zero(s**64 - (s**2) ** 32 + (s**3) ** 11 - s**33)
    assert time.perf_counter() - started < 2.0
    assert decision.outcome in (Outcome.PROVED, Outcome.NUMERIC)


def test_bounded_gives_up_on_time():
    started = time.perf_counter()
    done, value = bounded(lambda: time.sleep(3), seconds=0.2)
    assert (done, value) == (False, None)
    assert time.perf_counter() - started < 1.0


def test_bounded_leaves_a_sooner_outer_limit_in_charge():
    def inner() -> tuple:
        return bounded(lambda: time.sleep(3), seconds=5.0)

    started = time.perf_counter()
    assert bounded(inner, seconds=0.3) == (False, None)
    assert time.perf_counter() - started < 1.5


def test_an_alarm_that_lands_in_a_finaliser_is_dropped_and_the_next_one_stops_the_work():
    # Python cannot raise out of a __del__: the budget's alarm that lands there is
    # reported to sys.unraisablehook (printed as "Exception ignored in ..." on a user's
    # terminal). It must be dropped, and the alarm that follows must still end the work.
    reported = []

    class SlowToFinalise:
        def __del__(self) -> None:
            until = time.monotonic() + 0.3
            while time.monotonic() < until:
                pass

    def work() -> None:
        SlowToFinalise()  # finalised at once, while the first alarm comes
        until = time.monotonic() + 5.0
        while time.monotonic() < until:
            pass

    previous = sys.unraisablehook
    sys.unraisablehook = reported.append
    try:
        assert within(0.05, work) == (False, None)
    finally:
        sys.unraisablehook = previous
    assert reported == []
    assert sys.unraisablehook is previous


# --- sampling -----------------------------------------------------------------------------
def test_samples_are_reproducible_and_independent_of_other_symbols():
    a = sample_points({ci, V})
    b = sample_points({ci, V, co, p})
    assert [pt[ci] for pt in a] == [pt[ci] for pt in b]
    assert [pt[V] for pt in a] == [pt[V] for pt in b]
    assert sample_points({ci}) == sample_points({ci})


def test_samples_respect_the_declared_domains():
    for point in sample_points({ci, z, sym("n"), R, T, F, V}, n=40):
        assert point[ci] > 0 and point[R] > 0 and point[T] > 0 and point[F] > 0
        assert point[z] in (-2, -1, 1, 2)
        assert point[sym("n")] > 0 and float(point[sym("n")]).is_integer()
        # potentials are drawn as multiples of RT/F, so zFV/RT stays within ±9
        assert abs(point[z] * point[F] * point[V] / (point[R] * point[T])) <= 9.0 + 1e-9


def test_physical_samples_use_the_physical_constants():
    point = sample_points({R, F, T}, physical=True)[0]
    assert point[R] == pytest.approx(8.314462618) and point[F] == pytest.approx(96485.33212)
    assert 273 <= point[T] <= 320


# --- equations ----------------------------------------------------------------------------
def test_implication_by_rearranging_scaling_and_solving():
    E = sym("E")
    premise = sp.Eq(E, NERNST)
    assert implies(premise, sp.Eq(z * F * E, R * T * sp.log(co / ci))).holds
    assert implies(premise, sp.Eq(ci, co * sp.exp(-z * F * E / (R * T)))).holds
    wrong = implies(premise, sp.Eq(ci, co * sp.exp(z * F * E / (R * T))))
    assert wrong.outcome is Outcome.FAILED and "at " in wrong.reason


def test_false_equations_fail_instead_of_crashing():
    assert implies(sp.Eq(V, 1), sp.false).outcome is Outcome.FAILED
    assert implies(sp.false, sp.Eq(V, 1)).outcome is Outcome.FAILED
    assert implies(sp.Eq(V, 1), sp.true).outcome is Outcome.PROVED


def test_equivalent_equations_need_both_directions():
    E = sym("E")
    assert equivalent(sp.Eq(E, R * T / F), sp.Eq(F * E, R * T)).holds
    assert not equivalent(sp.Eq(E, R * T / F), sp.Eq(F * E**2, R * T * E)).holds


# --- symmem.compare -----------------------------------------------------------------------
def test_compare_reads_text_and_sympy_and_names_mistakes():
    assert symmem.compare("R*T/(z*F)*ln(c_o/c_i)", "-RT/(zF) ln(c_i/c_o)").verdict == "correct"
    assert symmem.compare(NERNST, r"\frac{RT}{zF}\ln\frac{c_o}{c_i}").verdict == "correct"
    assert symmem.compare(NERNST, "RT/(zF) ln(c_i/c_o)").mistakes == ["inverted_ratio"]
    assert symmem.compare("p/k", "k/p").mistakes == ["reciprocal"]
    assert symmem.compare(p / k, p / k + 1 / F**4).verdict == "incorrect"


def test_compare_takes_equations_and_the_symbols_it_is_told():
    E = sym("E")
    assert symmem.compare(sp.Eq(E, R * T / F), "F E = R T").verdict == "correct"
    assert symmem.compare(sp.Eq(E, R * T / F), "F E = 2 R T").verdict == "incorrect"
    x = sp.Symbol("x", positive=True)
    assert symmem.compare(x**2, "x*x", [x]).verdict == "correct"
    unknown = symmem.compare("p/k", "p/q")
    assert unknown.verdict == "invalid" and "unknown symbol" in unknown.feedback


def test_compare_never_executes_text(monkeypatch):
    import builtins

    def refuse(*args, **kwargs):
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    result = symmem.compare("p/k", "__import__('os').system('true')")
    assert result.verdict == "invalid"


def test_equations_with_a_repeated_root_are_not_the_same_condition():
    x = sym("V")
    assert not equivalent(sp.Eq((x - 2) ** 2, 0), sp.Eq(x, 2)).holds
    assert not equivalent(sp.Eq(x, 1), sp.Eq((x - 1) ** 3, 0)).holds
    assert equivalent(sp.Eq((x - 2) * (x + 2), 0), sp.Eq(x**2, 4)).holds


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_budget_survives_an_alarm_swallowed_by_a_finaliser():
    class Swallows:
        def __del__(self):  # Python ignores exceptions raised here
            time.sleep(0.3)

    def work():
        Swallows()  # the first alarm lands in the finaliser and is ignored
        time.sleep(3)

    started = time.perf_counter()
    assert bounded(work, seconds=0.1) == (False, None)
    assert time.perf_counter() - started < 1.0


def test_the_kernel_refuses_text_it_would_have_to_evaluate():
    with pytest.raises(TypeError, match="read text with symmem.compare"):
        is_zero("__import__('os').system('true')")
    assert is_zero(0).outcome is Outcome.PROVED


def test_a_pivot_that_only_solves_to_zero_proves_nothing():
    # G0 (1/2 - e^(-kt)) = 0 solved for G0 gives G0 = 0 only, where any equation in G0
    # holds; the premise's content is e^(-kt) = 1/2, so doubling one side must fail
    G0, k, t = sp.Symbol("G0", real=True), sp.Symbol("k", positive=True), \
        sp.Symbol("t", positive=True)
    premise = sp.Eq(G0 / 2, G0 * sp.exp(-k * t))
    assert implies(premise, sp.Eq(G0 / 2, 2 * G0 * sp.exp(-k * t))).outcome is \
        Outcome.FAILED
    assert implies(premise, sp.Eq(t, sp.log(2) / k)).outcome is Outcome.PROVED


def test_an_alarm_during_the_clean_up_of_a_time_limit_never_escapes(monkeypatch):
    import os
    import signal

    from symmem.equivalence import within

    real = signal.setitimer
    fired = []

    def setitimer(which, seconds, interval=0.0):
        if seconds == 0 and not fired:  # the clean-up stops the timer: an alarm lands now
            fired.append(True)
            os.kill(os.getpid(), signal.SIGALRM)
        return real(which, seconds, interval)

    monkeypatch.setattr(signal, "setitimer", setitimer)
    assert within(5.0, lambda: 42) == (True, 42)  # the late alarm is ignored, not raised
    assert fired
