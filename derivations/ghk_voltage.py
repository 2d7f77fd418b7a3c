"""The GHK voltage equation from zero total current of K+, Na+ and Cl−."""

import sympy as sp
from _ghk_steps import F, R, T, U, V, currents, inside_outside, term

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym


def build() -> Derivation:
    d = Derivation(
        "ghk_voltage", "The GHK voltage equation",
        "At rest the membrane carries no net current. Leaving out the Na+/K+ pump's own small "
        "current (the sodium pump derivation puts it in), the K+, Na+ and Cl− currents cancel. "
        "Adding their GHK currents and solving for V gives the Goldman–Hodgkin–Katz voltage "
        "equation. Because Cl− carries a negative charge, its concentrations land on the "
        "opposite sides of the fraction.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion.")
    currents(d, {"K": (1, "The potassium current (z = +1)."),
                 "Na": (1, "The sodium current (z = +1)."),
                 "Cl": (-1, "The chloride current: z = −1 flips the sign of the exponent, "
                            "which is why Cl− terms swap sides.")}, source=1)
    total = d.define(sp.Eq(sym("I_K") + sym("I_Na") + sym("I_Cl"), 0),
                     "Zero total current at rest (the pump's small current left out).")
    d.apply("substitute", [2, 3, 4], on=total, because="Put in the three GHK currents.")
    d.apply("divide", F**2 * V / (R * T),
            into=sp.Eq(term("K", 1) + term("Na", 1) + term("Cl", -1), 0),
            because="Every term carries F²V/(RT); away from V = 0 divide it out.")
    cl = sym("P_Cl") * (sym("Cl_out") - sym("Cl_in") * U) / (1 - U)
    d.apply("rewrite", into=sp.Eq(term("K", 1) + term("Na", 1) + cl, 0),
            because="Multiply the chloride fraction above and below by −e^(−FV/RT): "
                    "now all three share the denominator 1 − e^(−FV/RT).")
    A, B = inside_outside({"K": 1, "Na": 1, "Cl": -1})
    d.apply("multiply", 1 - U, into=sp.Eq(A - B * U, 0),
            because="Multiply by that denominator and gather the terms with e^(−FV/RT).")
    a = d.define(sp.Eq(sym("A"), A), "Call the sum without the exponential A ...")
    b = d.define(sp.Eq(sym("B"), B), "... and the sum it multiplies B.")
    d.apply("abbreviate", [a, b], on=a - 1, into=sp.Eq(sym("A") - sym("B") * U, 0),
            because="The condition is now short: A = B e^(−FV/RT).")
    d.apply("solve", V, into=sp.Eq(V, R * T / F * sp.log(sym("B") / sym("A"))),
            because="Take the logarithm and solve for V.")
    d.conclude(law("ghk_voltage"))
    d.learn("set the total current of K⁺, Na⁺ and Cl⁻ to zero",
            "see why the chloride terms change sides",
            "reduce the GHK voltage equation to Nernst when one permeability dominates")
    d.figure(plots.nernst_vs_ghk, title="GHK voltage against E_K",
             caption="The resting potential follows E_K at high [K⁺]ₒ but "
             "departs from it at low [K⁺]ₒ, where the small Na⁺ term matters.")
    d.example("ghk_voltage", "Skeletal muscle (Hille, Table 1.1), where Cl⁻ dominates at "
              "rest: P_K : P_Na : P_Cl = 1 : 0.01 : 2 (Hodgkin & Horowicz 1959). V lies "
              "near E_Cl, at the −90 mV muscle rests at.",
              P_K=1, K_in=155, K_out=4, P_Na=0.01, Na_in=12, Na_out=145, P_Cl=2,
              Cl_in=4.2, Cl_out=123)
    d.exercise("Write the GHK voltage equation for K⁺, Na⁺ and Cl⁻.",
               "R T/F ln((P_K K_o + P_Na Na_o + P_Cl Cl_i)/(P_K K_i + P_Na Na_i + P_Cl Cl_o))",
               question="ghk_voltage")
    d.exercise("With P_K : P_Na = 1 : 0.05, [K⁺]ᵢ = 140, [K⁺]ₒ = 5, [Na⁺]ᵢ = 10 and "
               "[Na⁺]ₒ = 145 mM, compute V in mV at 37 °C.", "about −65 mV",
               question="ghk_voltage_numeric", P_K=1, P_Na=0.05, K_in=140, K_out=5,
               Na_in=10, Na_out=145)
    return d
