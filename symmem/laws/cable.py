"""The passive membrane: its time constant, the length constant of a cable, input resistance.

A patch of membrane is a resistor R_m (Ω·cm², of one unit of area) in parallel with a
capacitor C_m (µF/cm²); a cylindrical process of radius a adds the resistivity R_i of
its axoplasm (Ω·cm) along its length::

    τ_m = R_m C_m                      (membrane time constant)
    λ   = √(a R_m / (2 R_i))           (length constant of an infinite cable)
    R_in = R_m / A                     (input resistance of an isopotential cell)

With Dayan & Abbott's typical values (Theoretical Neuroscience, ch. 5–6: r_m = 1 MΩ·mm²,
c_m = 10 nF/mm², r_L = 1 kΩ·mm) τ_m = 10 ms, and a 2 µm radius gives λ = 1 mm.
"""

from __future__ import annotations

import sympy as sp

from symmem.laws.base import Law, Output, Param
from symmem.symbols import sym

R_m, C_m, R_i, a, area = sym("R_m"), sym("C_m"), sym("R_i"), sym("a"), sym("area")

_R_m = Param("R_m", R_m, "Ω·cm²", 1e-4, "positive", "specific membrane resistance")
_C_m = Param("C_m", C_m, "µF/cm²", 1e-2, "positive", "membrane capacitance", 1.0)

#: τ_m = R_m C_m
membrane_time_constant = Law(
    "membrane_time_constant", "Membrane time constant",
    sp.Eq(sym("tau_m"), R_m * C_m, evaluate=False), [_R_m, _C_m],
    Output("tau", sym("tau_m"), "ms", 1e-3),
    "τ_m = R_m C_m: the time a patch of membrane takes to charge to 63 % of its final "
    "voltage after a step of current.",
    topic="cable")

#: λ = √(a R_m / (2 R_i))
length_constant = Law(
    "length_constant", "Length constant of a cable",
    # unevaluated, so it prints as one root (SymPy splits roots of positive products)
    sp.Eq(sym("lam"), sp.Pow(a * R_m / (2 * R_i), sp.Rational(1, 2), evaluate=False),
          evaluate=False),
    [Param("a", a, "µm", 1e-6, "positive", "radius of the process"), _R_m,
     Param("R_i", R_i, "Ω·cm", 1e-2, "positive", "resistivity of the axoplasm")],
    Output("lam", sym("lam"), "mm", 1e-3),
    "λ = √(a R_m/(2 R_i)): a steady voltage falls to 1/e over λ along an infinite "
    "cable; thicker processes and tighter membranes carry it further.",
    topic="cable")

#: R_in = R_m / A
input_resistance = Law(
    "input_resistance", "Input resistance of a small cell",
    sp.Eq(sym("R_in"), R_m / area, evaluate=False),
    [_R_m, Param("area", area, "µm²", 1e-12, "positive", "membrane area of the cell")],
    Output("R_in", sym("R_in"), "MΩ", 1e6),
    "R_in = R_m/A for a cell small enough to be isopotential: the same membrane gives a "
    "small cell a large input resistance.",
    topic="cable")

LAWS: tuple[Law, ...] = (membrane_time_constant, length_constant, input_resistance)
__all__ = ["LAWS", *[law.name for law in LAWS]]
