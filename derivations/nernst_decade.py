"""The Nernst slope: how far E moves for a tenfold change of concentration."""

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

E, c_in, c_out, slope = sym("E"), sym("c_in"), sym("c_out"), sym("slope")


def build() -> Derivation:
    d = Derivation(
        "nernst_decade", "The Nernst slope: 61.5 mV per decade",
        "Lab tables use decimal logarithms: E = 2.303 RT/(zF) log10(c_o/c_i). Every tenfold "
        "change of the ratio shifts E by the same amount, the Nernst slope, 61.5 mV for a "
        "monovalent ion at 37 °C.")
    d.use_law(law("nernst"), "Start from the Nernst equation.")
    d.apply("specialise", {c_out: 10 * c_in},
            because="Make the outside ten times more concentrated than the inside.")
    d.apply("specialise", {E: slope},
            because="With equal concentrations E would be 0, so this E is the shift per "
                    "tenfold change: the slope, ln 10 RT/(zF) = 2.303 RT/(zF).")
    d.conclude(law("nernst_slope"))
    d.learn("rewrite the Nernst equation with the decimal logarithm",
            "compute the step per tenfold change: 61.5 mV at 37 °C, 58.2 mV at 20 °C",
            "see that a divalent ion needs the square of the ratio for the same potential")
    d.figure(plots.nernst_per_decade, title="The Nernst potential per decade",
             caption="For Ca²⁺ (z = 2) the step per decade is halved.", z=2)
    d.example("nernst_slope", "The slope for a monovalent ion at 37 °C.", z=1, T=310.15)
    d.example("nernst_slope", "The slope for Ca²⁺ at 37 °C.", z=2, T=310.15)
    d.exercise("Write the Nernst potential with the base-10 logarithm.",
               "2.303 R T/(z F) log10(c_o/c_i)", question="nernst")
    return d
