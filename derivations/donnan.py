"""Gibbs–Donnan equilibrium: a permeant salt beside impermeant ions inside."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R, T, F, V = (sym(n) for n in ("R", "T", "F", "V"))
c_in, c_out, z, E = (sym(n) for n in ("c_in", "c_out", "z", "E"))
M, X, s, A, zA = (sym(n) for n in ("cation_in", "anion_in", "salt_out", "A_in", "z_A"))


def _positive_root(roots: list) -> sp.Expr:
    """The root with + before the square root (positive for any sign of z_A)."""
    return next(r for r in roots if r.subs({zA: -1, A: 1, s: 1}) > 0)


def build() -> Derivation:
    d = Derivation(
        "donnan", "Gibbs–Donnan equilibrium",
        "A cell holds proteins and other large ions that cannot cross its membrane. "
        "Suppose the small ions of a salt can cross freely and nothing pumps them. At "
        "equilibrium both are at their Nernst potentials at the one membrane potential, "
        "and the inside stays electroneutral. Those two conditions fix everything: the "
        "permeant cation is concentrated inside, the anion is pushed out, the inside is "
        "negative, and the inside holds more particles than the outside, so water follows. "
        "This is where a cell whose pump has stopped is heading.")
    d.use_law(law("nernst"), "Start from the Nernst potential of one ion.")
    cation = d.apply("specialise", {c_in: M, c_out: s, z: 1, E: V},
                     because="The permeant cation M⁺ (z = +1, [M⁺]ₒ = c_s) is at "
                             "equilibrium, so its E is the membrane potential.")
    d.use_law(law("nernst"), "The same law for the permeant anion.")
    d.apply("specialise", {c_in: X, c_out: s, z: -1, E: V},
            because="The anion X⁻ (z = −1, [X⁻]ₒ = c_s) is at equilibrium at the same V.")
    d.apply("eliminate", V, cation,
            into=sp.Eq(R * T / F * sp.log(s / M), -R * T / F * sp.log(s / X)),
            because="Both equal V: set the two Nernst potentials equal.")
    product = d.apply("rewrite", into=sp.Eq(M * X, s**2),
                      because="Cancel RT/F and undo the logarithms: the Donnan rule, the "
                              "product of the permeant concentrations is the same on both "
                              "sides.")
    d.define(sp.Eq(M - X + zA * A, 0),
                       "The inside is electroneutral: the permeant ions' charge balances "
                       "that of the impermeant ions A (valence z_A).", premise=True)
    d.apply("eliminate", X, product,
            into=sp.Eq(M - s**2 / M + zA * A, 0),
            because="Put in [X⁻]ᵢ = c_s²/[M⁺]ᵢ from the Donnan rule.")
    d.apply("multiply", M, into=sp.Eq(M**2 + zA * A * M - s**2, 0),
            because="A quadratic in [M⁺]ᵢ.")
    d.apply("solve", M, choose=_positive_root,
            into=sp.Eq(M, -zA * A / 2 + sp.sqrt(zA**2 * A**2 + 4 * s**2) / 2),
            because="Keep the positive root: the other is negative whatever z_A, and a "
                    "concentration is not.")
    d.conclude(law("donnan"))
    d.learn("write the two equilibrium conditions and electroneutrality",
            "derive the Donnan rule [M⁺]ᵢ[X⁻]ᵢ = c_s²",
            "explain why the inside is negative and why the cell takes up water")
    d.figure(plots.donnan_vs_impermeant, title="Donnan equilibrium and the impermeant ions",
             caption="As the impermeant anions inside increase, the permeant cation "
             "gathers inside, the anion leaves, V becomes more negative and the inside's "
             "osmotic excess grows.")
    d.example("donnan", "100 mM KCl outside and 50 mM impermeant monovalent anions "
              "inside.", salt_out=100, A_in=50)
    d.example("donnan", "A cell-like case: 150 mM salt and 120 mM impermeant anions. With "
              "no pump the inside would hold about 140 mM more particles than the outside, "
              "and water would follow them in.", salt_out=150, A_in=120)
    d.exercise("Write [M⁺]ᵢ at Donnan equilibrium for a 1:1 salt c_s outside and impermeant "
               "monovalent anions A inside.", "(A + sqrt(A^2 + 4 c_s^2))/2",
               question="donnan")
    d.exercise("100 mM KCl outside, 50 mM impermeant monovalent anions inside: compute "
               "[K⁺]ᵢ in mM at Donnan equilibrium.", "about 128 mM",
               question="donnan_numeric", salt_out=100, A_in=50)
    return d
