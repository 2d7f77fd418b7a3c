"""The Na+/K+ pump at steady state: 3 Na+ out, 2 K+ in, and the Mullins–Noda potential."""

import sympy as sp
from _ghk_steps import F, R, T, U, V, currents, term

from symmem import plots
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
    r = sym("r")
    d.apply("divide", F**2 * V / (R * T), into=sp.Eq(term("Na", 1) + r * term("K", 1), 0),
            because="Every term carries F²V/(RT); away from V = 0 divide it out.")
    inside = r * sym("P_K") * sym("K_in") + sym("P_Na") * sym("Na_in")
    outside = r * sym("P_K") * sym("K_out") + sym("P_Na") * sym("Na_out")
    d.apply("multiply", 1 - U, into=sp.Eq(inside - outside * U, 0),
            because="Both share the denominator 1 − e^(−FV/RT): multiply by it and gather "
                    "the terms with the exponential.")
    d.apply("solve", V, into=sp.Eq(V, R * T / F * sp.log(outside / inside)),
            because="Take the logarithm and solve for V.")
    d.conclude(law("mullins_noda"))
    d.learn("count charges: 3 Na⁺ out and 2 K⁺ in per ATP moves one charge out",
            "derive the Mullins–Noda equation from the pump's ratio",
            "compute the pump's reversal potential from ΔG_ATP")
    d.figure(plots.mullins_noda_vs_ghk, title="The pump's own current",
             caption="The electrogenic pump makes the cell a few mV more "
             "negative than plain GHK.")
    d.example("mullins_noda", "Mammalian values with P_Na/P_K = 0.05.", P_K=1, P_Na=0.05,
              K_in=155, K_out=4, Na_in=12, Na_out=145)
    d.example("pump_reversal_potential", "The pump's reversal potential with "
              "ΔG_ATP = −55 kJ/mol: about −175 mV, far below the resting potential. The pump "
              "runs forward while V > E_pump.",
              Na_in=12, Na_out=145, K_in=155, K_out=4, dG_ATP=-55)
    d.example("pump_reversal_potential", "With less free energy from ATP (−45 kJ/mol, an "
              "energy-starved cell) E_pump rises to about −71 mV, above a muscle's resting "
              "potential of −90 mV: there the pump cannot run forward; it stalls or reverses.",
              Na_in=12, Na_out=145, K_in=155, K_out=4, dG_ATP=-45)
    d.exercise("Write the Mullins–Noda equation with pump ratio r.",
               "R T/F ln((r P_K K_o + P_Na Na_o)/(r P_K K_i + P_Na Na_i))",
               question="mullins_noda")
    return d
