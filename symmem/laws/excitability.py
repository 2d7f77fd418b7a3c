"""The Na⁺ cost of action potentials: how long a cell can fire with its pump blocked.

One action potential charges the membrane capacitance by ΔV, so at least
C_m ΔV A/F moles of Na⁺ enter. In a cylindrical axon of radius a, A/W = 2/a:

    Δc_AP = 2 C_m ΔV / (F a)
    N_AP  = Δ[Na⁺]_i / Δc_AP = Δ[Na⁺]_i F a / (2 C_m ΔV)

This is a lower bound on the Na⁺ entry (real spikes let in one to four times more,
because Na⁺ and K⁺ currents overlap), so N_AP is an upper bound on the count.
"""

from __future__ import annotations

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc
from symmem.symbols import sym

F = sym("F")
dNa, a, C_m, dV = sym("dNa"), sym("a"), sym("C_m"), sym("dV_AP")

#: N_AP = Δ[Na⁺]_i F a / (2 C_m ΔV)
action_potential_budget = Law(
    "action_potential_budget", "Action potentials before the Na⁺ gradient runs down",
    sp.Eq(sym("N_AP"), dNa * F * a / (2 * C_m * dV)),
    [conc("dNa", "rise of [Na+]_i the cell can tolerate"),
     Param("a", a, "µm", 1e-6, "positive", "axon radius"),
     Param("C_m", C_m, "µF/cm²", 1e-2, "positive", "membrane capacitance", 1.0),
     Param("dV_AP", dV, "mV", 1e-3, "positive", "depolarisation of one spike", 100.0)],
    Output("N_AP", sym("N_AP"), ""),
    "Each spike lets in at least C_m ΔV A/F moles of Na+; in an axon of radius a that "
    "raises [Na+]_i by 2 C_m ΔV/(F a). Dividing the tolerable rise by it counts the spikes.",
    topic="excitability")

LAWS: tuple[Law, ...] = (action_potential_budget,)
__all__ = ["LAWS", "action_potential_budget"]
