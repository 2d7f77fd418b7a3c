"""Proton-motive force and the free energy of ATP hydrolysis.

    Δp = Δψ − (ln 10 · RT/F) ΔpH,   Δψ = ψ_in − ψ_out, ΔpH = pH_in − pH_out
    ΔG_ATP = ΔG°′ + RT ln([ADP][P_i] / ([ATP] c°)),   c° = 1 mol/L
    n_H,min = ΔG_ATP / (F Δp)   (protons ATP synthase needs per ATP made)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc, energy, temperature, volt
from symmem.symbols import sym

R, T, F = (sym(n) for n in ("R", "T", "F"))

proton_motive_force = Law(
    "proton_motive_force", "Proton-motive force",
    sp.Eq(sym("dp"), sym("dpsi") - sp.log(10) * R * T / F * sym("dpH"), evaluate=False),
    [volt("dpsi"), Param("dpH", sym("dpH"), "", 1.0, "real", "pH_in − pH_out"),
     temperature()],
    Output("dp", sym("dp"), "mV", 1e-3),
    "Δp = Δψ − 2.303 (RT/F) ΔpH, signed: energised mitochondria have Δp < 0 "
    "(size about 180–220 mV).",
    topic="bioenergetics")

atp_free_energy = Law(
    "atp_free_energy", "Free energy of ATP hydrolysis",
    sp.Eq(sym("dG_ATP"), sym("dG0") + R * T * sp.log(
        sym("ADP") * sym("Pi") / (sym("ATP") * sym("c_std"))), evaluate=False),
    [conc("ATP"), conc("ADP"), conc("Pi"), temperature(), energy("dG0", default=-30.5)],
    Output("dG_ATP", sym("dG_ATP"), "kJ/mol", 1e3),
    "ΔG_ATP = ΔG°′ + RT ln([ADP][P_i]/[ATP]) with concentrations in mol/L inside the "
    "logarithm (inputs in mM); about −50 to −60 kJ/mol in cells.",
    topic="bioenergetics")

def _synthase_signs(values: Mapping[str, Any]) -> str | None:
    import numpy as np

    if np.any(np.asarray(values["dp"]) > 0):
        return ("dp is the signed proton-motive force, negative when the membrane is "
                "energised (Δp = Δψ − 2.3 RT/F ΔpH, about −200 mV in "
                "mitochondria); a size quoted as 200 mV is dp=-200. With Δp > 0 protons "
                "would be driven out, the synthase would run as a hydrolase, and no number "
                "of protons flowing in makes ATP")
    if np.any(np.asarray(values["dG_ATP"]) > 0):
        return ("dG_ATP is the free energy of ATP hydrolysis, negative in a cell (about −50 "
                "to −60 kJ/mol); making one ATP costs −ΔG_ATP")
    return None


atp_synthase_protons = Law(
    "atp_synthase_protons", "Protons per ATP made by ATP synthase",
    sp.Eq(sym("n_H"), sym("dG_ATP") / (F * sym("dp")), evaluate=False),
    [volt("dp", domain="nonzero"), energy("dG_ATP")],
    Output("n_H", sym("n_H"), ""),
    "Least number of H+ that must flow in through ATP synthase to make one ATP: "
    "n_H = ΔG_ATP/(FΔp) (both negative), from ΔG_cycle = n_H F Δp − ΔG_ATP = 0. "
    "A positive Δp or ΔG_ATP is refused: Δp is signed (negative when energised).",
    topic="bioenergetics", checks=[_synthase_signs])

LAWS: tuple[Law, ...] = (proton_motive_force, atp_free_energy, atp_synthase_protons)
__all__ = ["LAWS", *[law.name for law in LAWS]]
