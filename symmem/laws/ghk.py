"""Goldman–Hodgkin–Katz current and voltage equations.

GHK current (outward positive), with u = zFV/(RT):

    I = P z² F² V/(RT) · (c_i − c_o e^(−u)) / (1 − e^(−u)),   I → P z F (c_i − c_o) as V → 0

GHK voltage for monovalent ions (anion terms swap sides):

    V = (RT/F) ln( (Σ_cat P c_o + Σ_an P c_i) / (Σ_cat P c_i + Σ_an P c_o) )

With Ca²⁺, w = e^(FV/RT), A = Σ_cat P c_i + Σ_an P c_o, B = Σ_cat P c_o + Σ_an P c_i:

    (A + 4 P_Ca [Ca]_i) w² + (A − B) w − (B + 4 P_Ca [Ca]_o) = 0,   V = (RT/F) ln w  (w > 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import sympy as sp

from symmem.errors import InputError
from symmem.ions import IONS
from symmem.laws.base import Law, Output, Param, conc, temperature, valence, volt
from symmem.numeric import NumericForm, unknown_parameters
from symmem.symbols import sym

R, T, F, z, V, P, w = (sym(n) for n in ("R", "T", "F", "z", "V", "P", "w"))
c_in, c_out = sym("c_in"), sym("c_out")

#: ions the GHK voltage law accepts, in the order parameters are listed
GHK_IONS: tuple[str, ...] = ("K", "Na", "Cl", "Ca", "HCO3")

_u = z * F * V / (R * T)
ghk_current = Law(
    "ghk_current", "GHK current equation",
    sp.Eq(sym("I"), P * z**2 * F**2 * V / (R * T)
          * (c_in - c_out * sp.exp(-_u)) / (1 - sp.exp(-_u)), evaluate=False),
    [Param("P", P, "m/s", 1.0, "positive", "absolute permeability"), valence(),
     conc("c_in"), conc("c_out"), volt("V"), temperature()],
    Output("I", sym("I"), "A/m^2"),
    "Current density carried by one ion through a membrane of constant field; outward "
    "positive. At V = 0 it takes its limit P z F (c_i − c_o).",
    topic="ghk", removable=("V", 0.0, 1e-3))


def ghk_sums(ions: Iterable[str]) -> tuple[sp.Expr, sp.Expr]:
    """Return (A, B) for monovalent ions: A = Σ_cat P c_i + Σ_an P c_o, B = the mirror."""
    A = B = sp.Integer(0)
    for name in ions:
        if name == "Ca":
            continue
        perm, inside, outside = sym(f"P_{name}"), sym(f"{name}_in"), sym(f"{name}_out")
        if IONS[name].z > 0:
            A, B = A + perm * inside, B + perm * outside
        else:
            A, B = A + perm * outside, B + perm * inside
    return A, B


def ghk_quadratic(ions: Iterable[str]) -> sp.Eq:
    """The zero-current condition with Ca²⁺ as a quadratic in w = e^(FV/RT)."""
    A, B = ghk_sums(ions)
    PCa, Ca_in, Ca_out = sym("P_Ca"), sym("Ca_in"), sym("Ca_out")
    return sp.Eq((A + 4 * PCa * Ca_in) * w**2 + (A - B) * w - (B + 4 * PCa * Ca_out), 0,
                 evaluate=False)


def ghk_voltage_expr(ions: Iterable[str]) -> sp.Expr:
    """V for the given ions: the monovalent formula, or the positive root of the quadratic."""
    ions = tuple(ions)
    A, B = ghk_sums(ions)
    if "Ca" not in ions:
        return R * T / F * sp.log(B / A)
    a, b, c = sp.Poly(ghk_quadratic(ions).lhs, w).all_coeffs()
    root = (-b + sp.sqrt(b**2 - 4 * a * c)) / (2 * a)
    return R * T / F * sp.log(root)


def _ion_params(ions: Iterable[str]) -> list[Param]:
    params: list[Param] = []
    for name in ions:
        params.append(Param(f"P_{name}", sym(f"P_{name}"), "", 1.0, "nonnegative",
                            f"relative permeability to {name}"))
        params.append(conc(f"{name}_in", domain="nonnegative"))
        params.append(conc(f"{name}_out", domain="nonnegative"))
    return params


def _diagnose_ghk(values: Mapping[str, Any]) -> str | None:
    import numpy as np  # only on the way to a refusal; numbers alone never load NumPy

    ions = [n for n in GHK_IONS if f"P_{n}" in values]
    inside = outside = 0.0
    for n in ions:
        scale = 4.0 if n == "Ca" else 1.0
        into, out = values[f"{n}_in"], values[f"{n}_out"]
        if IONS[n].z < 0:
            into, out = out, into
        inside = inside + scale * np.asarray(values[f"P_{n}"]) * into
        outside = outside + scale * np.asarray(values[f"P_{n}"]) * out
    for side, total in (("inside (denominator)", inside), ("outside (numerator)", outside)):
        if np.any(np.asarray(total) == 0):
            return (f"the permeability-weighted concentration sum on the {side} side of the "
                    "GHK fraction is zero, so no potential is defined: give at least one "
                    "permeant ion a nonzero concentration on each side")
    return None


class GHKVoltageLaw(Law):
    """GHK voltage for any subset of K, Na, Cl, Ca, HCO3: pass P_X, X_in, X_out per ion."""

    def __init__(self) -> None:
        ions = ("K", "Na", "Cl")
        super().__init__(
            "ghk_voltage", "GHK voltage equation",
            sp.Eq(V, ghk_voltage_expr(ions), evaluate=False), [*_ion_params(ions), temperature()],
            Output("V", V, "mV", 1e-3),
            "The membrane potential at which the GHK currents of all permeant ions sum to "
            "zero. Give P_X, X_in and X_out for any of K, Na, Cl, Ca and HCO3 (at least one "
            "ion); permeabilities are relative. With Ca it solves the quadratic in "
            "e^(FV/RT). With Cl and HCO3 alone it is the reversal potential of a GABA_A or "
            "glycine receptor (E_GABA), about P_HCO3/P_Cl = 0.2 (Bormann et al. 1987).",
            topic="ghk")

    def equation_for(self, ions: Iterable[str]) -> sp.Eq:
        return sp.Eq(V, ghk_voltage_expr(ions), evaluate=False)

    def ions_in(self, given: Iterable[str]) -> tuple[str, ...]:
        """The ions named by the parameters given (K, Na, Cl, Ca in that order)."""
        return _ions_named(frozenset(given))

    def parameters(self, given: Mapping[str, Any] | None = None) -> tuple[Param, ...]:
        if not given:
            return (*_ion_params(GHK_IONS), temperature())
        return _form(self.ions_in(given)).params

    def numeric(self, **params: Any) -> Any:
        return _form(_ions_named(frozenset(params)))(**params)

    def parameter_summary(self) -> str:
        return f"T, and P_X X_in X_out for X in {' '.join(GHK_IONS)}"


@cache
def _valid_names() -> frozenset[str]:
    return frozenset({p.name for p in _ion_params(GHK_IONS)} | {"T"})


@cache
def _ions_named(given: frozenset[str]) -> tuple[str, ...]:
    """The ions a set of parameter names asks for (cached: a scalar call is cheap)."""
    valid = _valid_names()
    unknown = sorted(given - valid)
    if unknown:
        raise unknown_parameters("ghk_voltage", unknown, valid,
                                 f"T and, for each ion X of {', '.join(GHK_IONS)}: "
                                 "P_X, X_in, X_out")
    ions = tuple(n for n in GHK_IONS if given & {f"P_{n}", f"{n}_in", f"{n}_out"})
    if not ions:
        raise InputError("ghk_voltage: give at least one ion, as P_X, X_in and X_out for "
                         f"X in {', '.join(GHK_IONS)} (for example P_K=1 K_in=140 K_out=5)")
    return ions


@cache
def _form(ions: tuple[str, ...]) -> NumericForm:
    params = [*_ion_params(ions), temperature()]
    return NumericForm("ghk_voltage", params, ghk_voltage_expr(ions), Output("V", V, "mV", 1e-3),
                       diagnose=_diagnose_ghk)


ghk_voltage = GHKVoltageLaw()

LAWS: tuple[Law, ...] = (ghk_current, ghk_voltage)
__all__ = ["GHK_IONS", "LAWS", "ghk_current", "ghk_quadratic", "ghk_sums", "ghk_voltage",
           "ghk_voltage_expr"]
