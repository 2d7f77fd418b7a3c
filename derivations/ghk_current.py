"""The GHK current equation from the Nernst–Planck flux with a constant field."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F, z, V, P = (sym(n) for n in ("R", "T", "F", "z", "V", "P"))
x, L, D, beta, J, I = (sym(n) for n in ("x", "L", "D", "beta", "J", "I"))
c_in, c_out = sym("c_in"), sym("c_out")
c = sp.Function("c", positive=True)
psi = sp.Function("psi", real=True)
C1 = sp.Symbol("C1")  # the constant of integration, as sympy.dsolve names it


def build() -> Derivation:
    d = Derivation(
        "ghk_current", "The GHK current equation",
        "Inside the membrane an ion drifts down its concentration gradient and is pushed by "
        "the field. Assume the field is constant, solve the resulting differential equation "
        "across the membrane, and the flux (and so the current) follows in closed form.")
    d.define(sp.Eq(J, -D * (c(x).diff(x) + z * F / (R * T) * c(x) * psi(x).diff(x))),
             "Nernst–Planck: the flux is diffusion plus electrical drift.")
    d.apply("assume", {psi(x).diff(x): -V / L}, note="a constant field",
            because="Goldman's assumption: the potential falls linearly from psi_i at x = 0 "
                    "to psi_o at x = L, so its slope is −V/L.")
    d.apply("solve", c(x).diff(x), because="Rearrange into a first-order linear ODE for c(x).")
    general = d.apply("dsolve", c(x), {}, because="Its general solution has one constant, "
                      "C1, fixed by the boundaries.")
    d.apply("specialise", {x: 0}, because="At the inner face x = 0 ...")
    d.apply("condition", {c(0): beta * c_in}, note="the inner boundary",
            because="... the membrane holds beta c_i: the partition coefficient times the "
                    "concentration in the cytoplasm.")
    d.apply("solve", C1, because="That fixes C1.")
    d.apply("eliminate", C1, len(d.steps), on=general, because="Put C1 back into the "
            "general solution.")
    d.apply("specialise", {x: L}, because="At the outer face x = L ...")
    d.apply("condition", {c(L): beta * c_out}, note="the outer boundary",
            because="... the membrane holds beta c_o, as at the inner face.")
    u = z * F * V / (R * T)
    d.apply("solve", J, because="The only unknown left is the flux: solve for J.",
            into=sp.Eq(J, D * beta * u / L * (c_in - c_out * sp.exp(-u)) / (1 - sp.exp(-u))))
    p_def = d.define(sp.Eq(P, D * beta / L), "Collect D beta / L into the permeability P.")
    d.apply("eliminate", D, p_def, on=p_def - 1, because="Write the flux with P.")
    i_def = d.define(sp.Eq(I, z * F * J), "Each mole of flux carries zF of charge: I = zFJ.")
    d.apply("substitute", [p_def + 1], on=i_def, because="Put the flux in: this is the GHK "
            "current equation.")
    d.apply("limit", V, 0, sym("I_0"), because="At V = 0 the formula is 0/0; its limit is "
            "P z F (c_i − c_o), pure diffusion.")
    d.conclude(law("ghk_current"), at=len(d.steps) - 1)
    d.learn("solve the Nernst–Planck equation across a membrane with a constant field",
            "read off the GHK current and its limit P z F (c_i − c_o) at V = 0",
            "see why GHK current–voltage curves bend (rectify)")
    d.figure(plots.ghk_iv_curves, title="GHK current–voltage curves",
             caption="GHK current–voltage curves: each crosses zero at its "
             "Nernst potential and bends towards the side with more ions.")
    d.example("ghk_current", "K⁺ current density at −60 mV with P_K = 10⁻⁸ m/s (A/m²).",
              P=1e-8, z=1, c_in=155, c_out=4, V=-60)
    d.exercise("Write the GHK current of an ion (outward positive) in terms of P, z, F, R, T, "
               "V, c_i and c_o.", "P z^2 F^2 V/(R T) (c_i - c_o exp(-z F V/(R T)))/"
               "(1 - exp(-z F V/(R T)))", question="ghk_current")
    return d
