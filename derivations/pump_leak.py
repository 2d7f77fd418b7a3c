"""The pump–leak model: dG/dt = p − kG, its solution, steady state, and pump failure."""

import sympy as sp

from symmem import plots
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
    d.learn("solve dG/dt = p − kG from G(0) = G_0",
            "find the steady state p/k, the time constant 1/k and the half-time ln 2/k",
            "predict what happens to a gradient when the pump stops")
    d.figure(plots.pump_leak_time_course, title="Pump and leak in time",
             caption="The gradient rises to p/k with time constant 1/k, "
             "and decays once the pump stops.")
    d.example("pump_leak_steady_state", "Steady state for p = 2 per s and k = 0.1 per s.",
              p=2, k=0.1)
    d.example("pump_leak_half_time", "Half-time for k = 0.1 per s (s).", k=0.1)
    d.exercise("Write the steady-state gradient of the pump–leak model.", "p/k",
               question="pump_leak_steady_state")
    d.exercise("Write G(t) for dG/dt = p − kG with G(0) = G_0.",
               "p/k + (G_0 - p/k) exp(-k t)", question="pump_leak_time_course")
    return d
