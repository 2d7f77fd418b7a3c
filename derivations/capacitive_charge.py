"""The charge that moves the membrane potential, and how few ions carry it."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

C_m, V, dV, Q = sym("C_m"), sym("V"), sym("dV"), sym("Q")
q, q_new, n, e = sym("q_m"), sym("q_new"), sym("n_ions"), sym("e_charge")


def build() -> Derivation:
    d = Derivation(
        "capacitive_charge", "The charge on the membrane capacitor",
        "The lipid bilayer is a thin insulator between two salt solutions: a capacitor, "
        "about 1 µF per cm². To change the membrane potential some ions must cross, or be "
        "pumped, and the charge they carry is the capacitance times the change in V. "
        "Counting those ions shows why a cell's potential can swing by 100 mV while its "
        "concentrations barely move, and why a spike costs so little of the gradients.")
    cap = d.define(sp.Eq(q, C_m * V),
                   "A capacitor: the charge per area held on each face of the membrane is "
                   "proportional to the potential across it.", premise=True)
    d.define(sp.Eq(q_new, C_m * (V + dV)), "The same membrane at V + ΔV holds q′.",
             premise=True)
    d.define(sp.Eq(Q, q_new - q), "The charge that must cross (per area) is the difference.")
    d.apply("substitute", [cap + 1, cap], into=sp.Eq(Q, C_m * dV),
            because="Put in both charges: C_m V cancels, so it depends only on ΔV.")
    d.conclude(law("capacitive_charge"))
    d.define(sp.Eq(n, Q / e), "Monovalent ions carry one elementary charge e each.")
    d.apply("substitute", [cap + 3], into=sp.Eq(n, C_m * dV / e),
            because="About 6,200 ions per µm² for 100 mV across 1 µF/cm².")
    d.learn("treat the membrane as a capacitor, q = C_m V",
            "derive the charge Q = C_m ΔV and the ions per area C_m ΔV/e",
            "compare those ions with what a cell holds, and see why the concentrations "
            "hardly change when V does")
    d.figure(plots.capacitive_fraction_vs_radius, title="How much of a cell's K⁺ moves",
             caption="Moving V by 100 mV in a spherical cell of radius r takes 3C_mΔV/(Fr) "
             "of K⁺: about 2 parts in 100,000 for r = 10 µm, and still only 0.2 % for "
             "r = 0.1 µm.")
    d.example("capacitive_charge", "100 mV across a 1 µF/cm² membrane.", C_m=1, dV=100)
    d.example("capacitive_charge", "A resting potential built from zero: −70 mV.", C_m=1,
              dV=-70)
    d.exercise("Write the charge per area Q that changes the potential of a membrane of "
               "capacitance C_m per area by ΔV.", "C_m dV", question="capacitive_charge")
    d.exercise("Compute the charge in nC/cm² that changes a 1 µF/cm² membrane by 100 mV.",
               "100 nC/cm²", question="capacitive_charge_numeric", dV=100)
    return d
