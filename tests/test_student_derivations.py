"""Student derivations (symmem check --steps): what the answer checker accepts, and a
sentence naming the slip."""

from __future__ import annotations

import pytest

from symmem.checking.steps import check_steps

TEXTBOOK = """\
Δμ̃ = RT ln(c_i/c_o) + zFV
0 = RT ln(c_i/c_o) + zFV
zFV = -RT ln(c_i/c_o)
V = -RT/(zF) ln(c_i/c_o)
E = RT/(zF) ln(c_o/c_i)
E = 2.303 RT/(zF) log10(c_o/c_i)
"""


def test_the_textbook_nernst_derivation_is_accepted():
    result = check_steps("nernst", TEXTBOOK)
    assert result.verdict == "correct", result.feedback
    assert "line 2 sets dmu = 0" in result.feedback and "line 5 calls V E" in result.feedback


def test_the_same_derivation_in_latex_is_accepted():
    latex = "\n".join([r"\Delta\tilde{\mu} = RT\ln\frac{c_i}{c_o} + zFV",
                       r"0 = RT\ln\frac{c_i}{c_o} + zFV",
                       r"V = -\frac{RT}{zF}\ln\frac{c_i}{c_o}",
                       r"E = \frac{RT}{zF}\ln\frac{c_o}{c_i}"])
    assert check_steps("nernst", latex).verdict == "correct"


@pytest.mark.parametrize(("lines", "says"), [
    ("0 = RT ln(c_i/c_o) + zFV\nzFV = RT ln(c_i/c_o)",
     "line 2 does not follow from line 1: the minus sign was lost when the term F*V*z moved "
     "across the equals sign"),
    ("V + RT/(zF) ln(c_i/c_o) = 0\nV = RT/(zF) ln(c_i/c_o)",
     "the minus sign was lost when the logarithm term moved across the equals sign"),
    ("V = -RT/(zF) ln(c_i/c_o)\nV = -RT/(zF) ln(c_o/c_i)",
     "the ratio inside the logarithm is upside down"),
    ("0 = RT ln(c_i/c_o) + zFV\nV = -RT/F ln(c_i/c_o)", "the valence z was lost"),
    ("E = RT/(zF) ln(c_o/c_i)\nE = RT/(zF) log10(c_o/c_i)",
     "the factor ln 10 ≈ 2.303 was lost when switching to log10"),
])
def test_a_slip_is_named_in_a_sentence(lines, says):
    result = check_steps("nernst", lines)
    assert result.verdict == "incorrect" and says in result.feedback, result.feedback
    assert "residual" not in result.feedback


def test_a_line_that_is_not_an_equation_is_named():
    result = check_steps("nernst", "E = RT/(zF) ln(c_o/c_i)\nRT/(zF) ln(c_o/c_i)")
    assert result.verdict == "invalid" and result.feedback.startswith("line 2:")
