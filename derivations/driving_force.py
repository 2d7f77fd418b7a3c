"""Driving force V − E, its sign, and the calcium example."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

F, z, V, E, dmu, DF = (sym(n) for n in ("F", "z", "V", "E", "dmu", "DF"))


def build() -> Derivation:
    d = Derivation(
        "driving_force", "Driving force and the direction of current",
        "How hard is an ion pushed? Away from equilibrium, the free energy of the inward move "
        "is zF(V − E): the driving force V − E, scaled by the charge. For Ca2+ with E_Ca "
        "near +120 mV, a cell at −50 mV has a driving force of −170 mV: a strong inward "
        "current the moment calcium channels open.")
    d.use_law(law("nernst"), "The Nernst equation links c_i, c_o and E.")
    d.use_law(law("electrochemical_potential_difference"),
              "The free energy of moving one mole of the ion inward.")
    d.apply("eliminate", sym("c_in"), 1, because="Replace the concentrations by E, using the "
            "Nernst equation solved for c_i.")
    d.apply("rewrite", "factor", because="Factor out the charge: the free energy is zF(V − E).")
    d.define(sp.Eq(DF, V - E), "Call V − E the driving force. For a cation (zF > 0) a positive "
             "driving force makes the inward move uphill, so current flows outward.")
    d.conclude(law("driving_force"))
    d.learn("compute the driving force V − E on each ion",
            "tell from its sign which way the current flows",
            "work the Ca²⁺ example: E_Ca ≈ +120 mV and a driving force ≈ −170 mV at −50 mV")
    d.figure(plots.driving_forces, title="Driving forces at −50 mV",
             caption="Nernst potentials of K⁺, Na⁺, Cl⁻ and Ca²⁺ in a "
             "mammalian cell and the driving force on each at −50 mV.", V=-50.0)
    d.example("nernst", "E_Ca with 100 nM free Ca²⁺ inside and 1.5 mM outside.",
              c_in=0.0001, c_out=1.5, z=2)
    d.example("driving_force", "The seeds' example: V = −50 mV, E_Ca = +120 mV.", V=-50, E=120)
    d.exercise("Write the driving force on an ion with reversal potential E at membrane "
               "potential V.", "V - E", question="driving_force")
    return d
