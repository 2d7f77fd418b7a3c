"""The electrochemical potential and the free energy of moving one mole inward."""

from symmem import plots
from symmem.definitions import MEMBRANE_POTENTIAL, MU_DIFFERENCE, MU_IN, MU_OUT
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

psi_in = sym("psi_in")


def build() -> Derivation:
    d = Derivation(
        "electrochemical_potential", "The electrochemical potential",
        "An ion feels two things: how crowded it is (its concentration) and the electrical "
        "potential around it (its charge). The electrochemical potential adds the two, and "
        "its difference across the membrane says which way the ion will move.")
    d.define(MU_IN,
             "Inside the cell, one mole of ion has a chemical part RT ln c and an "
             "electrical part zF psi on top of its standard value.")
    d.define(MU_OUT,
             "The same ion outside has the same standard value but its own concentration "
             "and potential.")
    d.define(MU_DIFFERENCE,
             "Moving one mole from outside to inside changes the free energy by the "
             "difference inside minus outside.")
    d.apply("substitute", [1, 2], because="Put both expressions in; the standard parts cancel.")
    d.define(MEMBRANE_POTENTIAL,
             "The membrane potential is the inside relative to the outside.")
    d.apply("eliminate", psi_in, 5, on=4,
            because="Only the difference of the two potentials matters: write it as V.")
    d.apply("rewrite", "combine_logs",
            because="Two logarithms with the same factor RT combine into the log of a ratio.")
    d.conclude(law("electrochemical_potential_difference"))
    d.learn("split the electrochemical potential into a chemical and an electrical part",
            "compute the free energy of moving one mole of an ion into the cell",
            "see that Δμ̃ = zF(V − E) vanishes exactly at the ion's Nernst potential")
    d.figure(plots.electrochemical_potential_vs_voltage,
             "Δμ̃ for moving one mole of each ion inward, against V. Each line crosses zero "
             "at that ion's Nernst potential (dots).")
    d.example("electrochemical_potential_difference",
              "Na⁺ entering a resting muscle cell (V = −90 mV): strongly downhill.",
              c_in=12, c_out=145, z=1, V=-90)
    d.exercise("Write Δμ̃ for moving one mole of an ion of valence z from outside to inside "
               "at membrane potential V (use c_i, c_o, R, T, F, z, V).",
               "R T ln(c_i/c_o) + z F V", question="electrochemical_potential_difference")
    return d
