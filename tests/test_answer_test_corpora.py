"""Other checkers' public answer tests, mapped to symmem's symbols (tests/corpora/).

The corpus holds in-scope cases of STACK's AlgEquiv fixtures, the MITx grading
library's FormulaGrader tests and PrairieLearn's symbolic-input tests: each with the
teacher's and the student's answer, the verdict that project gives, and the domain of
its variables (real unless listed as positive). Out of scope: trigonometry, sets,
lists, inequalities, exponents beyond symmem's input limit of 64, ``or`` in equations.
Disagreements that are deliberate carry a ``differs`` reason; any other fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy as sp

from symmem.checking.compare import compare

CORPUS = Path(__file__).parent / "corpora" / "answer_tests.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
_FUNCTIONS = {"sqrt", "log", "ln", "log10", "exp", "abs", "e", "pi"}


def judged(case: dict) -> str:
    """symmem's verdict: STACK and PrairieLearn take every name as a variable, MITx only
    the teacher's."""
    text = case["teacher"] + (" " + case["student"] if case["variables"] == "all" else "")
    names = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)) - _FUNCTIONS)
    symbols = [sp.Symbol(n, positive=True) if n in case["positive"] else sp.Symbol(n, real=True)
               for n in names]
    return compare(case["teacher"], case["student"], symbols).verdict


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict, str]]:
    return [(case, judged(case)) for case in CASES]


def test_no_invalid_input_is_accepted(verdicts):
    accepted = [c for c, got in verdicts if c["expected"] == "invalid" and got != "invalid"]
    assert not accepted, accepted


def test_valid_cases_are_judged_as_those_projects_judge_them(verdicts):
    valid = [(c, got) for c, got in verdicts if c["expected"] != "invalid"]
    differing = [(c, got) for c, got in valid if got != c["expected"]]
    undocumented = [(c["teacher"], c["student"], c["expected"], got)
                    for c, got in differing if not c.get("differs")]
    assert not undocumented, undocumented
    agreement = 1 - len(differing) / len(valid)
    assert agreement >= 0.97, f"{agreement:.1%} of {len(valid)} valid cases"


def test_the_corpus_covers_all_three_projects():
    sources = {case["source"].split()[0] for case in CASES}
    assert sources == {"STACK", "MITx", "PrairieLearn"}
    assert len(CASES) >= 100
