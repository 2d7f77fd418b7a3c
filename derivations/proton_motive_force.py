"""The proton-motive force: an electrical and a chemical part, in millivolts."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F = sym("R"), sym("T"), sym("F")
dmu, dpsi, dpH, dp = sym("dmu"), sym("dpsi"), sym("dpH"), sym("dp")
H_in, H_out, pH_in, pH_out, c_std = (sym(n) for n in ("H_in", "H_out", "pH_in", "pH_out",
                                                      "c_std"))


def build() -> Derivation:
    d = Derivation(
        "proton_motive_force", "The proton-motive force",
        "Mitochondria pump protons out of the matrix. Protons flowing back in through ATP "
        "synthase feel both the membrane potential and the pH difference. Expressed per "
        "unit charge this is the proton-motive force, negative when energised (its size is "
        "about 200 mV); ATP synthase needs enough protons per ATP to pay ΔG_ATP.")
    d.use_law(law("electrochemical_potential_difference"),
              "Start from the free energy of moving one mole inward.")
    d.apply("specialise", {sym("z"): 1, sym("c_in"): H_in, sym("c_out"): H_out,
                           sym("V"): dpsi}, because="For H+: z = 1, and the potential "
            "difference of the inner membrane is Δpsi.")
    ph_in = d.define(sp.Eq(pH_in, -sp.log(H_in / c_std) / sp.log(10)),
                     "pH is minus the decimal log of the proton concentration in mol/L.")
    ph_out = d.define(sp.Eq(pH_out, -sp.log(H_out / c_std) / sp.log(10)), "Likewise outside.")
    d.apply("eliminate", H_in, ph_in, on=2, because="Write the inside concentration with pH.")
    d.apply("eliminate", H_out, ph_out, because="And the outside one.")
    d.apply("rewrite", "expand", because="Expand: the chemical part is −ln 10 RT (pH_i − pH_o).")
    dph = d.define(sp.Eq(dpH, pH_in - pH_out), "Call the pH difference ΔpH = pH_i − pH_o.")
    d.apply("eliminate", pH_in, dph, on=dph - 1, because="Write it with ΔpH.")
    per_charge = d.define(sp.Eq(dp, dmu / F), "Per unit charge (divide by F) the free energy "
                          "becomes a potential: the proton-motive force.")
    d.apply("eliminate", dmu, per_charge - 1, on=per_charge,
            because="So Δp = Δpsi − 2.303 (RT/F) ΔpH.")
    d.apply("rewrite", "expand", because="Expand.")
    d.conclude(law("proton_motive_force"))
    d.learn("split the proton-motive force into Δψ and a pH term",
            "see why energised mitochondria have Δp ≈ −200 mV",
            "count how many protons ATP synthase needs per ATP")
    d.figure(plots.proton_motive_force_parts, title="The two parts of Δp",
             caption="The electrical part dominates; ΔpH adds about "
             "61.5 mV per unit at 37 °C.")
    d.example("proton_motive_force", "Mitochondria: Δψ = −160 mV, ΔpH = +0.8.", dpsi=-160,
              dpH=0.8)
    d.example("atp_synthase_protons", "Protons per ATP at Δp = −200 mV and "
              "ΔG_ATP = −55 kJ/mol.", dp=-200, dG_ATP=-55)
    d.exercise("Write the proton-motive force Δp in terms of Δψ and ΔpH.",
               "dpsi - 2.303 R T/F dpH", question="proton_motive_force")
    return d
