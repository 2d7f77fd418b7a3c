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


# from the definition of the electrochemical potential, as a lecture derives Nernst:
# each side's μ̃ written out, then V = ψ_i − ψ_o (symmem/definitions.py)
FROM_MU = r"""
$\tilde\mu_i = \tilde\mu_o$
\mu^0 + RT\ln c_i + zF\psi_i = \mu^\circ + RT\ln c_o + zF\psi_o
zF(\psi_i - \psi_o) = RT\ln(c_o/c_i)
zFV = RT\ln(c_o/c_i)
E = \frac{RT}{zF}\ln\frac{c_o}{c_i}.
"""


def test_a_derivation_may_write_out_the_definitions():
    result = check_steps("nernst", FROM_MU)
    assert result.verdict == "correct", result.feedback
    assert "line 2 writes out mu_in, mu_out" in result.feedback
    assert "line 4 writes out V" in result.feedback and "line 5 calls V E" in result.feedback


def test_mu_with_a_degree_sign_is_the_standard_potential_not_a_power():
    # μ^0 read as μ to the power 0 would be 1 and let a wrong line through; here the line
    # drops the standard potential from one side only, which must not follow
    lines = "mu_i = mu_o\nmu^0 + RT ln c_i + zF psi_i = RT ln c_o + zF psi_o"
    assert check_steps("nernst", lines).verdict == "incorrect"


def test_a_defined_difference_may_be_named_but_only_by_its_own_kind():
    lines = "zF(psi_i - psi_o) = RT ln(c_o/c_i)\nE = RT/(zF) ln(c_o/c_i)"
    result = check_steps("nernst", lines)
    assert result.verdict == "correct" and "calls psi_in - psi_out (V) E" in result.feedback
    # Δμ̃ is an energy per mole: it cannot be the name of a potential
    wrong = check_steps("nernst", "V = RT/(zF) ln(c_o/c_i)\ndmu = RT/(zF) ln(c_o/c_i)")
    assert wrong.verdict == "incorrect"
    assert "cannot name what V (membrane potential" in wrong.feedback
    assert check_steps("nernst", "zF(psi_i - psi_o) = RT ln(c_o/c_i)\n"
                                 "dmu = RT/(zF) ln(c_o/c_i)").verdict == "incorrect"


def test_a_slip_after_writing_out_the_definitions_is_still_named():
    lines = ("mu_i = mu_o\nmu_0 + RT ln c_i + zF psi_i = mu_0 + RT ln c_o + zF psi_o\n"
             "zF(psi_i - psi_o) = RT ln(c_i/c_o)")
    result = check_steps("nernst", lines)
    assert result.verdict == "incorrect" and "line 3 does not follow from line 2" in \
        result.feedback
