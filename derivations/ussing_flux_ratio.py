"""Ussing's flux ratio from the GHK current of independent ions, and its link with Δμ̃."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F, V, P = (sym(n) for n in ("R", "T", "F", "V", "P"))
c_in, c_out, z, E, current = (sym(n) for n in ("c_in", "c_out", "z", "E", "I"))
efflux, influx, ratio = sym("I_efflux"), sym("I_influx"), sym("flux_ratio")
dmu, dmu_chem = sym("dmu"), sym("dmu_chem")
u = z * F * V / (R * T)


def build() -> Derivation:
    d = Derivation(
        "ussing_flux_ratio", "Ussing's flux ratio",
        "A tracer on one side of the membrane shows the two one-way fluxes that make up "
        "the net flux of an ion. If each ion crosses without regard to the others, the "
        "influx depends only on the outside concentration and the efflux only on the "
        "inside one. Their ratio then depends on nothing but the electrochemical "
        "potential difference: it is e^(−Δμ̃/RT), and 1 exactly at the Nernst potential. "
        "Hodgkin and Keynes (1955) measured K⁺ fluxes in squid axon that departed from it: "
        "the ions queue in single file through the pore.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion, outward positive.")
    d.apply("assume", {c_out: 0}, note="independence: the efflux is the current with no "
            "ions outside",
            because="Independence: the ions that leave do not feel those outside, so the "
                    "efflux is the current there would be with c_o = 0.")
    out = d.apply("specialise", {current: efflux}, because="Call it the efflux current.")
    d.use_law(law("ghk_current"), "The same law again for the influx.")
    d.apply("assume", {c_in: 0}, note="independence: the influx is the current with no "
            "ions inside",
            because="Likewise the influx is the current with c_i = 0: inward, so negative.")
    into = d.apply("specialise", {current: influx}, because="Call it the influx current.")
    d.define(sp.Eq(ratio, -influx / efflux),
             "The flux ratio: influx over efflux, each a flux of the same ion (current "
             "over zF).")
    d.apply("substitute", [out, into],
            into=sp.Eq(ratio, c_out / c_in * sp.exp(-u)),
            because="Put in both currents: P, the GHK factor and 1 − e^(−zFV/RT) cancel.")
    d.conclude(law("ussing_flux_ratio"))
    mu = d.use_law(law("electrochemical_potential_difference"),
                   "Compare with the electrochemical potential difference for moving the "
                   "ion in.")
    d.apply("eliminate", c_out, mu, on=mu - 1,
            into=sp.Eq(ratio, sp.exp(-dmu / (R * T))),
            because="Write the concentrations with Δμ̃: the ratio is e^(−Δμ̃/RT). The "
                    "downhill direction carries the larger one-way flux.")
    d.apply("condition", {ratio: 1}, on=mu - 1, note="no net flux",
            because="With no net flux the two one-way fluxes are equal.")
    d.apply("solve", V, into=sp.Eq(V, R * T / (z * F) * sp.log(c_out / c_in)),
            because="Solve for V.")
    d.apply("specialise", {V: E}, because="This potential is the Nernst potential: "
            "independent ions have no net flux there and only there.")
    d.conclude(law("nernst"))
    d.use_law(law("electrochemical_potential_difference"),
              "For an uncharged solute (urea, glucose) start again from Δμ̃.")
    d.apply("specialise", {z: 0, dmu: dmu_chem},
            into=sp.Eq(dmu_chem, R * T * sp.log(c_in / c_out)),
            because="With no charge the electrical term vanishes: Δμ = RT ln(c_i/c_o), "
                    "5.9 kJ/mol per tenfold at 37 °C, and its flux ratio is c_o/c_i.")
    d.conclude(law("chemical_potential_difference"))
    d.learn("split the GHK current into one-way fluxes by assuming independence",
            "derive the flux ratio (c_o/c_i) e^(−zFV/RT) = e^(−Δμ̃/RT) and see it is 1 at E",
            "read a flux-ratio exponent n′ > 1 as ions moving in single file")
    d.figure(plots.ussing_ratio_vs_voltage, title="Influx over efflux against V",
             caption="Independent ions follow Ussing's ratio, which crosses 1 at E_K. "
             "Single-file K⁺ channels raise it to the power n′ (about 2.5 in squid axon, "
             "Hodgkin & Keynes 1955).")
    d.example("ussing_flux_ratio", "K⁺ in a mammalian cell at −70 mV: the efflux is larger, "
              "so K⁺ leaks out.", c_in=155, c_out=4, z=1, V=-70)
    d.example("ussing_flux_ratio", "Na⁺ in the same cell: the influx is hundreds of times "
              "the efflux.", c_in=12, c_out=145, z=1, V=-70)
    d.example("chemical_potential_difference", "Glucose ten times more concentrated inside: "
              "moving it in costs 5.9 kJ/mol.", c_in=10, c_out=1)
    d.exercise("Write Ussing's ratio of the one-way influx to the efflux of an ion of "
               "valence z.", "c_o/c_i exp(-z F V/(R T))", question="ussing_flux_ratio")
    d.exercise("Compute the influx/efflux ratio for Na⁺ (12 mM in, 145 mM out) at −70 mV.",
               "about 166", question="ussing_flux_ratio_numeric", c_in=12, c_out=145, z=1,
               V=-70)
    d.exercise("Write Δμ for moving one mole of an uncharged solute from outside to inside.",
               "R T ln(c_i/c_o)", question="chemical_potential_difference")
    d.exercise("Compute Δμ in kJ/mol for glucose ten times more concentrated inside, at "
               "37 °C.", "5.9 kJ/mol", question="chemical_potential_difference_numeric",
               c_in=10, c_out=1)
    return d
