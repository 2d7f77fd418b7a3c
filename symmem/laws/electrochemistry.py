"""Electrochemical potential, Nernst potential, driving force.

    μ̃ = μ° + RT ln c + zFψ
    Δμ̃ (outside → inside) = RT ln(c_i/c_o) + zFV = zF(V − E)
    E = (RT/(zF)) ln(c_o/c_i)                         (Δμ̃ = 0)
    DF = V − E
    Δμ (uncharged solute, outside → inside) = RT ln(c_i/c_o)
    J_in/J_out = (c_o/c_i) e^(−zFV/RT) = e^(−Δμ̃/RT)      (Ussing's flux ratio)
"""

from __future__ import annotations

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc, temperature, valence, volt
from symmem.symbols import sym

R, T, F, z, V = (sym(n) for n in ("R", "T", "F", "z", "V"))
c, c_in, c_out = sym("c"), sym("c_in"), sym("c_out")
psi, mu0, mu_tilde = sym("psi"), sym("mu0"), sym("mu_tilde")

#: μ̃ = μ° + RT ln c + zFψ (symbolic only: μ° has no numeric value of its own)
ELECTROCHEMICAL_POTENTIAL = sp.Eq(mu_tilde, mu0 + R * T * sp.log(c) + z * F * psi, evaluate=False)

thermal_voltage = Law(
    "thermal_voltage", "Thermal voltage",
    sp.Eq(sym("RT_F"), R * T / F, evaluate=False),
    [temperature()], Output("RT_F", sym("RT_F"), "mV", 1e-3),
    "RT/F: the voltage scale of membrane biophysics (26.7 mV at 37 °C).",
    topic="electrochemistry")

nernst_slope = Law(
    "nernst_slope", "Nernst slope per decade",
    sp.Eq(sym("slope"), sp.log(10) * R * T / (z * F), evaluate=False),
    [valence(), temperature()], Output("slope", sym("slope"), "mV", 1e-3),
    "ln(10)·RT/(zF): the change of E for a tenfold change of concentration "
    "(61.5 mV at 37 °C for z = 1).",
    topic="electrochemistry")

nernst = Law(
    "nernst", "Nernst equilibrium potential",
    sp.Eq(sym("E"), R * T / (z * F) * sp.log(c_out / c_in), evaluate=False),
    [conc("c_in"), conc("c_out"), valence(), temperature()], Output("E", sym("E"), "mV", 1e-3),
    "E = RT/(zF) ln(c_o/c_i): the membrane potential at which an ion is in equilibrium.",
    topic="electrochemistry")

driving_force = Law(
    "driving_force", "Driving force",
    sp.Eq(sym("DF"), V - sym("E"), evaluate=False),
    [volt("V"), volt("E")], Output("DF", sym("DF"), "mV", 1e-3),
    "V − E: for a cation, positive means current flows outward.",
    topic="electrochemistry")

electrochemical_potential_difference = Law(
    "electrochemical_potential_difference", "Electrochemical potential difference",
    sp.Eq(sym("dmu"), R * T * sp.log(c_in / c_out) + z * F * V, evaluate=False),
    [conc("c_in"), conc("c_out"), valence(), volt("V"), temperature()],
    Output("dmu", sym("dmu"), "kJ/mol", 1e3),
    "Δμ̃ for moving one mole from outside to inside: RT ln(c_i/c_o) + zFV = zF(V − E). "
    "Negative means the inward move is downhill.",
    topic="electrochemistry")

#: Δμ = RT ln(c_i/c_o): the electrochemical difference with no charge (z = 0)
chemical_potential_difference = Law(
    "chemical_potential_difference", "Chemical potential difference of an uncharged solute",
    sp.Eq(sym("dmu_chem"), electrochemical_potential_difference.rhs.xreplace({z: 0}),
          evaluate=False),
    [conc("c_in"), conc("c_out"), temperature()],
    Output("dmu", sym("dmu_chem"), "kJ/mol", 1e3),
    "Δμ = RT ln(c_i/c_o) for moving one mole of an uncharged solute (glucose, urea) from "
    "outside to inside: RT ln 10 = 5.9 kJ/mol per tenfold at 37 °C. Negative means the "
    "inward move is downhill.",
    topic="electrochemistry")

#: J_in/J_out = (c_o/c_i) e^(−zFV/RT)
ussing_flux_ratio = Law(
    "ussing_flux_ratio", "Ussing flux ratio",
    sp.Eq(sym("flux_ratio"), c_out / c_in * sp.exp(-z * F * V / (R * T)), evaluate=False),
    [conc("c_in"), conc("c_out"), valence(), volt("V"), temperature()],
    Output("ratio", sym("flux_ratio"), ""),
    "Unidirectional influx over efflux of one ion that crosses independently: "
    "(c_o/c_i) e^(−zFV/RT) = e^(−Δμ̃/RT). It is 1 at the Nernst potential; a measured "
    "ratio that departs from it (as for K+ in squid axon, Hodgkin & Keynes 1955) shows "
    "that the ions do not move independently (single-file pores) or are coupled.",
    topic="electrochemistry")

LAWS: tuple[Law, ...] = (thermal_voltage, nernst_slope, nernst, driving_force,
                         electrochemical_potential_difference, chemical_potential_difference,
                         ussing_flux_ratio)
__all__ = ["ELECTROCHEMICAL_POTENTIAL", "LAWS", "Param", *[law.name for law in LAWS]]
