"""Cell volume in an anisotonic medium: the van 't Hoff–Boyle relation."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

w, b, n, c_in = sym("rel_volume"), sym("b_nonosm"), sym("n_osm"), sym("osm_in")
c, c0 = sym("osmolarity"), sym("osmolarity0")


def build() -> Derivation:
    d = Derivation(
        "cell_volume", "Cell volume and osmolarity (van 't Hoff–Boyle)",
        "Water crosses a cell membrane far faster than most solutes do. Put a cell in a "
        "medium of another osmolarity and water moves until the cell water matches the "
        "outside, while the solutes trapped inside stay. Only the water counts: part of the "
        "volume (proteins, membranes, bound water) does not change. The result is a "
        "straight line in 1/osmolarity, the way red cells and oocytes are measured.")
    inside = d.define(sp.Eq(c_in, n / (w - b)),
                      "The solutes trapped inside (n osmoles per isotonic volume) are "
                      "dissolved in the cell water only: the volume W/W₀ less its "
                      "non-osmotic part b.", premise=True)
    iso = d.define(sp.Eq(c0, n / (1 - b)),
                   "In the isotonic medium the cell has its reference volume, W/W₀ = 1.",
                   premise=True)
    balance = d.define(sp.Eq(c_in, c),
                       "Water moves until the cell water has the osmolarity of the medium.",
                       premise=True)
    d.apply("substitute", [inside], on=balance,
            into=sp.Eq(n / (w - b), c), because="Put in the osmolarity of the cell water.")
    d.apply("solve", w, into=sp.Eq(w, b + n / c),
            because="Solve for the volume: the water part grows as 1/osmolarity.")
    d.apply("eliminate", n, iso, into=sp.Eq(w, b + (1 - b) * c0 / c),
            because="The trapped osmoles are those of the isotonic cell: its osmolarity "
                    "times its water, 1 − b.")
    d.conclude(law("cell_volume"))
    d.learn("say why only the cell water follows the osmolarity",
            "derive the volume as b plus (1 − b) times the ratio of the isotonic to the "
            "medium's osmolarity",
            "read the non-osmotic fraction b off a Boyle–van 't Hoff plot")
    d.figure(plots.cell_volume_vs_osmolarity, title="Volume against osmolarity",
             caption="Against the inverse osmolarity the volume is a straight line; its "
             "intercept at infinite osmolarity is the non-osmotic fraction b.")
    d.example("cell_volume", "Half-strength medium, a cell with no non-osmotic volume: it "
              "doubles.", osmolarity=145, osmolarity0=290)
    d.example("cell_volume", "The same with b = 0.4, the intercept measured for squid giant "
              "axons (Freeman et al. 1966): it grows by 60 %.", osmolarity=145,
              osmolarity0=290, b=0.4)
    d.exercise("Write the volume W/W₀ of a cell in a medium of osmolarity c, with "
               "isotonic osmolarity c_0 and non-osmotic fraction b.",
               "b + (1 - b) c_0/c", question="cell_volume")
    d.exercise("A cell with b = 0.4 moves from 290 to 145 mOsm/L: compute W/W₀.", "1.6",
               question="cell_volume_numeric", osmolarity=145, osmolarity0=290, b=0.4)
    return d
