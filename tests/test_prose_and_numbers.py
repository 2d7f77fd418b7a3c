"""Prose typeset as mathematics, numbers with units, and figure sliders."""

from __future__ import annotations

import pytest

import symmem
from symmem.errors import InputError
from symmem.prose import prose_latex, prose_markdown
from symmem.quantity import Quantity, number_latex, number_text


@pytest.mark.parametrize(("text", "expected"), [
    ("E_K", r"$E_{\mathrm{K}}$"),
    ("c_i and c_o", r"$c_{\mathrm{i}}$ and $c_{\mathrm{o}}$"),
    ("Na+/K+ pump", r"$\mathrm{Na}^{+}/\mathrm{K}^{+}$ pump"),
    ("free Ca2+", r"free $\mathrm{Ca}^{2+}$"),
    ("[K⁺]ₒ rises", r"$[\mathrm{K}^{+}]_{\mathrm{o}}$ rises"),
    ("contains e^(−2FV/RT).", r"contains $e^{-2FV/RT}$."),
    ("at V = −50 mV", r"at $V = -50$ mV"),
    ("find E_NCX = 3E_Na − 2E_Ca now",
     r"find $E_{\mathrm{NCX}} = 3E_{\mathrm{Na}} - 2E_{\mathrm{Ca}}$ now"),
    ("A cell at rest", "A cell at rest"),  # an article is not a symbol
    ("about 300 mOsm/L, or 7.6 atm", "about 300 mOsm/L, or 7.6 atm"),  # units stay text
    ("the author's $x^2$ stays", "the author's $x^2$ stays"),
])
def test_prose_for_a_slide(text: str, expected: str) -> None:
    assert prose_latex(text) == expected


def test_prose_never_leaves_a_raw_underscore_on_a_slide() -> None:
    with pytest.raises(InputError, match="raw _"):
        prose_latex("see my_python_variable_name! in a sentence 3_")


def test_markdown_uses_the_same_mathematics() -> None:
    assert prose_markdown("E_K at [K⁺]ₒ = 4") == (
        r"$E_{\mathrm{K}}$ at $[\mathrm{K}^{+}]_{\mathrm{o}} = 4$")


@pytest.mark.parametrize(("value", "latex", "text"), [
    (-97.742, "-97.7", "−97.7"),          # three significant figures
    (0.05, "0.05", "0.05"),
    (1e-08, r"1 \times 10^{-8}", "1 × 10⁻⁸"),  # never Python's 1e-08
    (120600.0, r"1.21 \times 10^{5}", "1.21 × 10⁵"),
    (9.996e-06, r"1 \times 10^{-5}", "1 × 10⁻⁵"),  # rounding up carries the power
])
def test_numbers(value: float, latex: str, text: str) -> None:
    assert number_latex(value) == latex
    assert number_text(value) == text


def test_counts_are_whole_numbers() -> None:
    # N_AP is declared as a "number of" quantity: 241.2 spikes is shown as 241
    assert Quantity(241.2, "", "N_AP").text() == "N_AP ≈ 241"
    assert Quantity(120_600.0, "", "N_AP").text() == "N_AP ≈ 1.2 × 10⁵"


def test_a_law_value_shows_its_unit() -> None:
    from symmem.laws import law

    # E_K for 155 mM inside, 4 mM outside at 37 °C: (RT/F) ln(4/155) = −97.7 mV
    # (26.73 mV × −3.657 by hand)
    q = law("nernst").quantity(c_in=155, c_out=4, z=1)
    assert q.text() == "E = −97.7 mV"
    assert q._repr_latex_() == r"$E = -97.7\,\mathrm{mV}$"
    assert abs(float(q) + 97.74) < 0.01


def test_moving_a_slider_redraws_the_figure() -> None:
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    from symmem.interactive import explore
    from symmem.plots import nernst_vs_ghk

    explorer = explore(nernst_vs_ghk)
    assert explorer is not None and "P_Na" in explorer.sliders
    before = explorer.figure.axes[0].lines[1].get_ydata().copy()  # the GHK curve
    explorer.sliders["P_Na"].value = 0.2
    after = explorer.figure.axes[0].lines[1].get_ydata()
    assert after[0] > before[0] + 5  # more Na⁺ permeability depolarises (mV)


def test_an_ion_inside_a_hyphenated_word_is_typeset_as_maths() -> None:
    from symmem.prose import prose_markdown, segments

    assert segments("a Na+-loaded cell") == [
        ("text", "a "), ("math", r"\mathrm{Na}^{+}"), ("text", "-loaded cell")]
    # Markdown escaping applies to the words only, never to the LaTeX of the ion
    assert prose_markdown("a Na+-loaded cell") == r"a $\mathrm{Na}^{+}$-loaded cell"


def test_a_law_with_several_results_shows_them_all_with_their_own_symbols():
    q = symmem.law("donnan").quantity(salt_out=100, A_in=50)
    assert [item.name for item in q] == ["cation_in", "anion_in", "r", "V", "osmotic_excess"]
    assert q.text() == ("cation_in = 128 mM, anion_in = 78.1 mM, r = 1.28, V = −6.61 mV, "
                        "osmotic_excess = 56.2 mM")
    # one inline formula per result, so that a slide may break the line between them
    assert q._repr_latex_().count("$") == 2 * len(q)
    assert r"\Delta c_{\mathrm{osm}} = 56.2" in q.latex()
    assert float(q["V"]) == pytest.approx(symmem.evaluate("donnan", salt_out=100, A_in=50)["V"])
    # Δμ of an uncharged solute is not the electrochemical Δμ̃, though both are "dmu"
    dmu = symmem.law("chemical_potential_difference").quantity(c_in=10, c_out=1)
    assert dmu.latex().startswith(r"\Delta\mu = ") and r"\tilde" not in dmu.latex()


def test_the_ischemia_figure_offers_its_cell_types_as_a_menu():
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    from symmem.interactive import explore
    from symmem.ischemia import CELLS
    from symmem.plots import ischemia_cascade

    explorer = explore(ischemia_cascade, t_end_min=10.0, panels=("outside",))
    menu = explorer.sliders["cell"]
    assert list(menu.options) == list(CELLS) and menu.value == "generic"
    menu.value = "neuron"  # a neuron's extracellular K⁺ rises; the generic bath's does not
    k_out = explorer.figure.axes[0].lines[0].get_ydata()
    assert max(k_out) > 20


def test_slider_ranges_stay_physiological():
    from symmem.interactive import slider_range

    # the temperature slider runs from 0 °C to 42 °C, not a fifth to five times 310 K
    low, high, _ = slider_range(310.15, "T")
    assert (low, high) == (273.15, 315.15)
    # a concentration keeps the factor of five either way; a potential ±150 mV
    assert slider_range(4.0, "K_out")[:2] == pytest.approx((0.8, 20.0))
    assert slider_range(-65.0, "V_rest")[:2] == pytest.approx((-215.0, 85.0))
    # a temperature outside that range (a cold-blooded preparation) still gets a slider
    assert slider_range(280.0, "T")[0] == 273.15 and slider_range(330.0, "T")[1] == 1650.0


def test_the_charging_figure_counts_ions_as_by_hand():
    """3 C_m ΔV/(F r) of K⁺ moves to charge a sphere of radius r: for 1 µF/cm², 100 mV,
    r = 10 µm, 3·1e-2·0.1/(96485·1e-5) mol/m³ = 3.11 µM, 2.22e-5 of 140 mM (by hand)."""
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    from symmem.plots import capacitive_fraction_vs_radius, passive_membrane_responses

    radius, fraction = capacitive_fraction_vs_radius().axes[0].lines[0].get_data()
    at = int(np.argmin(abs(radius - 10.0)))
    by_hand = 3 * 1e-2 * 0.1 / (96485.33212 * radius[at] * 1e-6) / 140.0
    assert fraction[at] == pytest.approx(by_hand, rel=1e-6)
    assert fraction[at] == pytest.approx(2.22e-5, rel=0.01)
    # the passive membrane's panels cross 1 − 1/e at τ_m = R_m C_m = 20 ms and 1/e at λ
    left, right = passive_membrane_responses(R_m=2e4).axes[:2]
    t, v = left.lines[0].get_data()
    assert np.interp(20.0, t, v) == pytest.approx(1 - np.exp(-1), abs=1e-3)
    x, w = right.lines[0].get_data()  # λ = √(1e-4 cm · 2e4/(2·100)) = 1 mm
    assert np.interp(1.0, x, w) == pytest.approx(np.exp(-1), abs=1e-3)
