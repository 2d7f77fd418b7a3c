"""Shared steps: the GHK current of each ion, and the written-out zero-current condition."""

import sympy as sp

from symmem.derivation import Derivation
from symmem.symbols import sym

R, T, F, V, w = sym("R"), sym("T"), sym("F"), sym("V"), sym("w")
#: e^(−FV/RT), the factor every monovalent GHK current carries
U = sp.exp(-F * V / (R * T))


def currents(d: Derivation, ions: dict, source: int) -> list[int]:
    """Specialise the GHK current law (step ``source``) to each ion; return step numbers."""
    numbers = []
    for ion, (z, because) in ions.items():
        numbers.append(d.apply("specialise", {
            sym("I"): sym(f"I_{ion}"), sym("P"): sym(f"P_{ion}"), sym("z"): z,
            sym("c_in"): sym(f"{ion}_in"), sym("c_out"): sym(f"{ion}_out")},
            because=because, on=source))
    return numbers


def term(ion: str, z: int, u: sp.Expr = U) -> sp.Expr:
    """One ion's current divided by F²V/(RT): z² P (c_i − c_o u^z)/(1 − u^z)."""
    P, c_in, c_out = sym(f"P_{ion}"), sym(f"{ion}_in"), sym(f"{ion}_out")
    return z**2 * P * (c_in - c_out * u**z) / (1 - u**z)


def inside_outside(ions: dict) -> tuple[sp.Expr, sp.Expr]:
    """The monovalent sums A (cations inside, anions outside) and B (the other way)."""
    A = sp.Add(*(sym(f"P_{i}") * sym(f"{i}_in" if z > 0 else f"{i}_out")
                 for i, z in ions.items()))
    B = sp.Add(*(sym(f"P_{i}") * sym(f"{i}_out" if z > 0 else f"{i}_in")
                 for i, z in ions.items()))
    return A, B
