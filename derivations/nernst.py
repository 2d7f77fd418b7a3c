"""The Nernst potential from the condition of no net driving force."""


import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F, z, V, E = (sym(n) for n in ("R", "T", "F", "z", "V", "E"))
dmu, c_in, c_out = sym("dmu"), sym("c_in"), sym("c_out")


def build() -> Derivation:
    d = Derivation(
        "nernst", "The Nernst equation",
        "An ion is in equilibrium when moving it across the membrane costs no free energy. "
        "Setting the electrochemical potential difference to zero gives the one membrane "
        "potential at which that happens: the Nernst (equilibrium, reversal) potential.")
    d.use_law(law("electrochemical_potential_difference"),
              "Start from the free energy of moving one mole of ion from outside to inside.")
    d.apply("condition", {dmu: 0}, note="equilibrium",
            because="At equilibrium the move costs nothing: the difference is zero.")
    d.apply("solve", V, because="Solve for the membrane potential that balances the "
                                "concentration gradient.",
            into=sp.Eq(V, -R * T / (z * F) * sp.log(c_in / c_out)))
    d.apply("specialise", {V: E}, because="This particular potential is the equilibrium "
            "potential E of the ion.")
    d.apply("rewrite", because="Flipping the ratio absorbs the minus sign, since "
            "ln(c_i/c_o) = −ln(c_o/c_i).",
            into=sp.Eq(E, R * T / (z * F) * sp.log(c_out / c_in)))
    d.conclude(law("nernst"))
    d.learn("derive the Nernst potential from the condition Δμ̃ = 0",
            "explain why flipping the ratio absorbs the minus sign",
            "compute E_K and E_Na for a mammalian cell")
    d.figure(plots.nernst_per_decade, title="The Nernst potential per decade",
             caption="The Nernst potential against the concentration ratio: "
             "a straight line on a log axis, steeper when warmer.")
    d.example("nernst", "E_K in mammalian muscle (Hille, Table 1.1).", c_in=155, c_out=4, z=1)
    d.example("nernst", "E_Na in the same cell.", c_in=12, c_out=145, z=1)
    d.exercise("Write the Nernst potential E of an ion of valence z, with concentrations c_i "
               "inside and c_o outside.", "R T/(z F) ln(c_o/c_i)", question="nernst")
    d.exercise("Compute E_K in mV at 37 °C for [K⁺]ᵢ = 140 mM and [K⁺]ₒ = 5 mM.",
               "about −89 mV", question="nernst_numeric", c_in=140, c_out=5, z=1)
    return d
