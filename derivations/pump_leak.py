"""The pump–leak model: dG/dt = p − kG, its solution, steady state, and pump failure."""

import sympy as sp

from symmem.derivation import Derivation
from symmem.laws import law
from symmem.laws.pump_leak import PUMP_LEAK_ODE, G
from symmem.symbols import sym

p, k, t, G0 = sym("p"), sym("k"), sym("t"), sym("G0")


def build() -> Derivation:
    d = Derivation(
        "pump_leak", "Pump and leak: a dynamic steady state",
        "A pump builds a gradient at a constant rate p; the gradient leaks back at a rate "
        "proportional to its size, kG. The gradient grows until leak balances pump, at "
        "G = p/k: a steady state that costs energy to hold, not an equilibrium.")
    d.define(PUMP_LEAK_ODE, "Rate of change = pumping − leaking.")
    d.apply("dsolve", G(t), {G(0): G0}, because="Solve the linear ODE from G(0) = G_0.")
    d.apply("specialise", {G(t): sym("G")}, because="Write G for the gradient at time t.")
    d.apply("rewrite", "expand", because="Expand the product.")
    d.apply("limit", t, sp.oo, sym("G_ss"), on=3,
            because="Long after the start the exponential has died away: G_ss = p/k.")
    half = d.define(sp.Eq(sp.exp(-k * sym("t_half")), sp.Rational(1, 2)),
                    "Half-way to the steady state the exponential term has halved.")
    d.apply("solve", sym("t_half"), on=half,
            because="So the half-time is ln 2 / k; the time constant is tau = 1/k.")
    d.apply("specialise", {p: 0}, on=3, because="When ATP runs out the pump stops (p = 0): "
            "the gradient decays as G_0 e^(−kt).")
    d.conclude(law("pump_leak"), at=3)
    d.conclude(law("pump_leak_steady_state"), at=5)
    d.conclude(law("pump_leak_half_time"), at=7)
    return d
