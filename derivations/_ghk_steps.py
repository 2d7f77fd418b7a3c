"""Shared steps: from a zero-current condition to the membrane potential."""

import sympy as sp

from symmem.derivation import Derivation
from symmem.symbols import sym

R, T, F, V, w = sym("R"), sym("T"), sym("F"), sym("V"), sym("w")


def currents(d: Derivation, ions: dict, source: int) -> list[int]:
    """Specialise the GHK current law (step ``source``) to each ion; return step numbers."""
    numbers = []
    for ion, (z, because) in ions.items():
        numbers.append(d.apply("specialise", {
            sym("I"): sym(f"I_{ion}"), sym("P"): sym(f"P_{ion}"), sym("z"): z,
            sym("c_in"): sym(f"{ion}_in"), sym("c_out"): sym(f"{ion}_out")},
            because=because, on=source))
    return numbers


def to_voltage(d: Derivation, choose=None) -> None:
    """From 'sum of GHK currents = 0': divide out F²V/(RT), set w = e^(FV/RT), solve."""
    d.apply("divide", F**2 * V / (R * T), because="Every term carries F²V/(RT); away from "
            "V = 0 divide it out.")
    w_def = d.define(sp.Eq(w, sp.exp(F * V / (R * T))),
                     "Write w = e^(FV/RT): every exponential becomes a power of w.")
    d.apply("eliminate", V, w_def, on=w_def - 1,
            because="In terms of w the condition is a polynomial equation.")
    d.apply("rewrite", "together", because="Bring it over a common denominator.")
    d.apply("solve", w, because="Solve for w; only a positive w is an exponential.",
            **({"choose": choose} if choose else {}))
    d.apply("eliminate", w, w_def, because="Put w = e^(FV/RT) back.")
    d.apply("solve", V, because="Take the logarithm and solve for V.")
