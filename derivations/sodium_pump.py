"""The Na+/K+ pump at steady state: 3 Na+ out, 2 K+ in, and the Mullins–Noda potential."""

import sympy as sp
from _ghk_steps import currents, to_voltage

from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym


def build() -> Derivation:
    d = Derivation(
        "sodium_pump", "The Na+/K+ pump and the Mullins–Noda equation",
        "Each pump cycle hydrolyses one ATP, moves 3 Na+ out and 2 K+ in: one net charge "
        "out, so the pump is electrogenic. At steady state the passive leaks must undo the "
        "pump exactly: Na+ leaks in 3/2 times as fast as K+ leaks out. Putting that ratio "
        "into the GHK currents gives the Mullins–Noda potential.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion.")
    currents(d, {"K": (1, "The passive potassium current."),
                 "Na": (1, "The passive sodium current.")}, source=1)
    balance = d.define(sp.Eq(sym("I_Na") + sym("r") * sym("I_K"), 0),
                       "Steady state: the pump moves 3 Na+ out per 2 K+ in, so the passive "
                       "currents stand in the ratio I_Na = −r I_K with r = 3/2.")
    d.apply("substitute", [2, 3], on=balance, because="Put in both GHK currents.")
    to_voltage(d)
    d.conclude(law("mullins_noda"))
    return d
