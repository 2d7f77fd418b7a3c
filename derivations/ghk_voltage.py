"""The GHK voltage equation from zero total current of K+, Na+ and Cl−."""

import sympy as sp
from _ghk_steps import currents, to_voltage

from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym


def build() -> Derivation:
    d = Derivation(
        "ghk_voltage", "The GHK voltage equation",
        "At rest the membrane carries no net current: the K+, Na+ and Cl− currents cancel. "
        "Adding their GHK currents and solving for V gives the Goldman–Hodgkin–Katz voltage "
        "equation. Because Cl− carries a negative charge, its concentrations land on the "
        "opposite sides of the fraction.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion.")
    currents(d, {"K": (1, "The potassium current (z = +1)."),
                 "Na": (1, "The sodium current (z = +1)."),
                 "Cl": (-1, "The chloride current: z = −1 flips the sign of the exponent, "
                            "which is why Cl− terms swap sides.")}, source=1)
    total = d.define(sp.Eq(sym("I_K") + sym("I_Na") + sym("I_Cl"), 0),
                     "At the resting potential the total current is zero.")
    d.apply("substitute", [2, 3, 4], on=total, because="Put in the three GHK currents.")
    to_voltage(d)
    d.conclude(law("ghk_voltage"))
    return d
