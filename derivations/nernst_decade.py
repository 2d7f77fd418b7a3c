"""The Nernst slope: how far E moves for a tenfold change of concentration."""

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
    return d
