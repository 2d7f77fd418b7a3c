"""Lecture LaTeX: the printer's rules and the exact LaTeX of every law."""

import json
from pathlib import Path

import pytest
import sympy as sp

from symmem.latex import latex, tex_text
from symmem.laws import LAWS
from symmem.symbols import sym

GOLDEN = json.loads((Path(__file__).parent / "golden" / "law_latex.json").read_text())


def test_multi_letter_subscripts_are_roman():
    assert latex(sym("E_Na")) == r"E_{\mathrm{Na}}"
    assert latex(sym("P_K")) == r"P_{\mathrm{K}}"


def test_concentrations_use_brackets_and_charge():
    assert latex(sym("K_out")) == r"[\mathrm{K}^{+}]_{\mathrm{o}}"
    assert latex(sym("Ca_in")) == r"[\mathrm{Ca}^{2+}]_{\mathrm{i}}"


def test_natural_log_prints_as_ln():
    assert latex(sp.log(sym("c_out"))).startswith(r"\ln")


def test_lecture_factor_order():
    assert latex(sym("F") * sym("z")) == "z F"
    assert latex(sym("R") * sym("T") / (sym("z") * sym("F"))) == r"\frac{R T}{z F}"


def test_positive_term_first():
    assert latex(sym("V") - sym("E")) == "V - E"


@pytest.mark.parametrize("name", sorted(LAWS))
def test_golden_latex_of_every_law(name):
    assert LAWS[name].latex() == GOLDEN[name]


def test_tex_text_escapes_outside_math():
    assert tex_text("a_b 5% $x_1$") == r"a\_b 5\% $x_1$"
    assert tex_text("V − E") == "V $-$ E"
    # every subscript digit is math, never a "?" (HCO₃⁻, not HCO?⁻)
    assert tex_text("HCO₃⁻ CO₂ x₉") == "HCO$_{3}{}^{-}$ CO$_{2}$ x$_{9}$"
    assert tex_text("A ⇌ B, √2") == r"A $\rightleftharpoons$ B, $\surd$2"
    assert tex_text("Π against c") == r"$\Pi$ against c"  # never "? against c"


def test_every_unit_of_every_law_prints_as_plain_ascii_latex():
    """pdflatex stops at a raw Ω or ·: a unit must reach the slides as LaTeX commands."""
    from symmem.quantity import unit_latex

    assert unit_latex("Ω·cm²") == r"\mathrm{\Omega}\cdot \mathrm{cm}^{2}"
    assert unit_latex("MΩ") == r"\mathrm{M\Omega}"
    assert unit_latex("µF/cm²") == r"\mu \mathrm{F}/\mathrm{cm}^{2}"
    assert unit_latex("per µm²") == r"\mathrm{per}\ \mu \mathrm{m}^{2}"
    units = set()
    for item in LAWS.values():
        units |= {p.unit for p in item.parameters()}
        units |= {r.unit for r in item.results}
    assert "Ω·cm²" in units and "MΩ" in units
    for unit in units:
        assert unit_latex(unit).isascii(), unit
