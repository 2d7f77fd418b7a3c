"""The Na⁺ cost of action potentials: how long a cell can fire with its pump blocked.

One action potential charges the membrane capacitance by ΔV, so at least
C_m ΔV A/F moles of Na⁺ enter. In a cylindrical axon of radius a, A/W = 2/a:

    Δc_AP = 2 φ C_m ΔV / (F a)
    N_AP  = Δ[Na⁺]_i / Δc_AP = Δ[Na⁺]_i F a / (2 φ C_m ΔV)

With the overlap factor φ = 1 the entry is its capacitive minimum, so N_AP is an upper
bound on the count. Real spikes let in more, because the Na⁺ and K⁺ currents overlap:
φ ≈ 1.3 in mossy-fibre boutons (Alle, Roth & Geiger 2009), 1.2–2 in central neurons
at 37 °C (Carter & Bean 2009), about 4 in the squid giant axon at 6 °C (Hodgkin 1975,
the value Attwell & Laughlin 2001 used).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc
from symmem.symbols import sym

F = sym("F")
dNa, a, C_m, dV = sym("dNa"), sym("a"), sym("C_m"), sym("dV_AP")
overlap = sym("overlap")


def _overlap_check(values: Mapping[str, Any]) -> str | None:
    import numpy as np

    if np.any(np.asarray(values["overlap"]) < 1):
        return ("the overlap factor is a spike's Na+ entry over its capacitive minimum "
                "C_m ΔV A/F, so it is at least 1 (1.2 to 4 in real axons)")
    return None


#: N_AP = Δ[Na⁺]_i F a / (2 φ C_m ΔV)
action_potential_budget = Law(
    "action_potential_budget", "Action potentials before the Na⁺ gradient runs down",
    sp.Eq(sym("N_AP"), dNa * F * a / (2 * overlap * C_m * dV), evaluate=False),
    [conc("dNa", "rise of [Na+]_i the cell can tolerate"),
     Param("a", a, "µm", 1e-6, "positive", "axon radius"),
     Param("C_m", C_m, "µF/cm²", 1e-2, "positive", "membrane capacitance", 1.0),
     Param("dV_AP", dV, "mV", 1e-3, "positive", "depolarisation of one spike", 100.0),
     Param("overlap", overlap, "", 1.0, "positive",
           "Na+ entry over its capacitive minimum (1: the upper bound on N_AP)", 1.0)],
    Output("N_AP", sym("N_AP"), ""),
    "Each spike lets in φ C_m ΔV A/F moles of Na+, where φ ≥ 1 is the overlap factor (1: "
    "only the capacitive minimum); in an axon of radius a that raises [Na+]_i by "
    "2 φ C_m ΔV/(F a). Dividing the tolerable rise by it counts the spikes: with φ = 1 an "
    "upper bound.",
    topic="excitability", checks=[_overlap_check])

#: Q = C_m ΔV, carried by C_m ΔV / e monovalent ions per area
_dV, _Q, _n = sym("dV"), sym("Q"), sym("n_ions")
capacitive_charge = Law(
    "capacitive_charge", "Charge on the membrane capacitor",
    sp.Eq(_Q, C_m * _dV, evaluate=False),
    [Param("C_m", C_m, "µF/cm²", 1e-2, "positive", "membrane capacitance", 1.0),
     Param("dV", _dV, "mV", 1e-3, "real", "change of the membrane potential")],
    Output("Q", _Q, "nC/cm²", 1e-5),
    "Q = C_m ΔV: the charge that changes the potential by ΔV, and the monovalent ions "
    "that carry it, C_m ΔV/e per area (signed like ΔV). 100 mV across 1 µF/cm² is "
    "100 nC/cm², about 6,200 ions per µm²: a few millionths of the ions inside a cell "
    "a micrometre across, which is why a spike barely changes the concentrations.",
    topic="excitability",
    also=[(Output("ions_per_um2", _n, "per µm²", 1e12),
           sp.Eq(_n, C_m * _dV / sym("e_charge"), evaluate=False))])

LAWS: tuple[Law, ...] = (action_potential_budget, capacitive_charge)
__all__ = ["LAWS", "action_potential_budget", "capacitive_charge"]
