"""Nothing a student types makes the checker hang, raise, or guess."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symmem.checking import QUESTIONS, check
from symmem.checking.judge import BUDGET

SYMBOLIC = sorted(q.name for q in QUESTIONS.values() if not q.numeric)


@pytest.mark.parametrize(("question", "answer", "why"), [
    ("sglt_max_accumulation", "Na_in" * 119 + "x", "unknown symbol x"),  # was exponential
    ("sglt_max_accumulation", "Na_in" * 40 + "x", "unknown symbol x"),
    ("nernst", "5.0/0.0", "divides by zero"),
    ("nernst", "c_o^(0*0^-1)", "divides by zero"),
    ("nernst", "*".join(["999999^64"] * 12), "300 digits"),
    ("driving_force", "2 ×* V", "cannot read"),  # not 2^V
    ("nernst", "12 3", "two numbers in a row"),  # not 36
])
def test_hostile_answers_are_invalid_at_once_with_a_reason(question, answer, why):
    started = time.perf_counter()
    result = check(question, answer)
    assert time.perf_counter() - started < 0.5
    assert result.verdict == "invalid" and why in result.feedback, result


def test_a_zero_valued_high_power_is_judged_quickly():
    started = time.perf_counter()
    result = check("nernst", "(1/R+1/T+1/F)^64 - ((1/R+1/T+1/F)^2)^32 + RT/(zF) ln(c_o/c_i)")
    assert time.perf_counter() - started < BUDGET
    assert result.verdict == "correct"


def test_a_slow_judgement_becomes_undecided_not_a_hang(monkeypatch):
    import symmem.checking.judge as judge

    def slow(*args, **kwargs):
        time.sleep(10)

    monkeypatch.setattr(judge, "BUDGET", 0.3)
    monkeypatch.setattr(judge, "judge_expression", slow)
    started = time.perf_counter()
    result = check("nernst", "RT/(zF) ln(c_o/c_i)")
    assert time.perf_counter() - started < 2.0
    assert result.verdict == "undecided" and "longer than" in result.feedback


def test_an_unforeseen_failure_is_undecided_not_a_traceback(monkeypatch):
    import symmem.checking.judge as judge

    def broken(*args, **kwargs):
        raise AttributeError("boom")

    monkeypatch.setattr(judge, "judge_expression", broken)
    result = check("nernst", "RT/(zF) ln(c_o/c_i)")
    assert result.verdict == "undecided" and "AttributeError" in result.feedback


ALPHABET = "RTFzcio_KNaCl()[]{}^*/+-=.0123456789 lnexpgsqrt\\fac×·−²e"


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(question=st.sampled_from(SYMBOLIC), answer=st.text(ALPHABET, max_size=60))
def test_fuzzed_answers_never_raise_and_answer_within_the_budget(question, answer):
    started = time.perf_counter()
    result = check(question, answer)
    assert time.perf_counter() - started < BUDGET + 0.5
    assert result.verdict in ("correct", "incorrect", "invalid", "undecided")


@settings(max_examples=150, deadline=None)
@given(answer=st.text(max_size=80))
def test_any_unicode_never_raises(answer):
    result = check("nernst", answer)
    assert result.verdict in ("correct", "incorrect", "invalid", "undecided")
