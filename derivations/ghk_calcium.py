"""GHK voltage with Ca2+: the zero-current condition is a quadratic in w = e^(FV/RT)."""

from types import SimpleNamespace

import sympy as sp
from _ghk_steps import currents, to_voltage

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym


def _positive_root(roots: list) -> sp.Expr:
    """Of the two roots of the quadratic, the one that is positive (w = e^(FV/RT) > 0)."""
    from symmem.derivation.verify import sample_values

    for root in roots:
        values = sample_values(root.free_symbols)[0]
        if complex(root.evalf(subs=values)).real > 0:
            return root
    raise ValueError("no positive root")


def build() -> Derivation:
    d = Derivation(
        "ghk_calcium", "GHK voltage with calcium",
        "Ca2+ carries two charges, so its GHK current contains e^(−2FV/RT). With w = "
        "e^(FV/RT) the zero-current condition becomes a quadratic in w, not the monovalent "
        "formula with a calcium term added. Its positive root gives V.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion.")
    currents(d, {"K": (1, "The potassium current (z = +1)."),
                 "Ca": (2, "The calcium current (z = +2): the exponent doubles.")}, source=1)
    total = d.define(sp.Eq(sym("I_K") + sym("I_Ca"), 0), "No net current at rest.")
    d.apply("substitute", [2, 3], on=total, because="Put in both GHK currents.")
    to_voltage(d, choose=_positive_root)
    target = SimpleNamespace(name="ghk_voltage (K, Ca)", title="GHK voltage with K⁺ and Ca²⁺",
                             equation=law("ghk_voltage").equation_for(("K", "Ca")),
                             code='law("ghk_voltage").equation_for(("K", "Ca"))')
    d.conclude(target)
    d.learn("write the Ca²⁺ GHK current with its doubled exponent",
            "turn zero total current into a quadratic in w = e^(FV/RT)",
            "pick the positive root and see how Ca²⁺ permeability depolarises")
    d.figure(plots.ghk_calcium_voltage, "The resting potential from the quadratic, for "
             "increasing Ca²⁺ permeability.")
    d.example("ghk_voltage", "K⁺, Na⁺ and Ca²⁺ with P_Ca/P_K = 0.1.", P_K=1, K_in=155,
              K_out=4, P_Na=0.05, Na_in=12, Na_out=145, P_Ca=0.1, Ca_in=0.0001, Ca_out=1.5)
    d.exercise("Why is it wrong to add P_Ca [Ca²⁺] terms to the monovalent GHK fraction?",
               "Ca2+ currents contain exp(-2FV/RT), so zero total current is a quadratic in "
               "w = exp(FV/RT), not a ratio of linear sums")
    return d
