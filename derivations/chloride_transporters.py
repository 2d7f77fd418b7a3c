"""Chloride in neurons: the KCC2 floor, the NKCC1 ceiling and the GABA reversal potential."""

from types import SimpleNamespace

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.laws.transporters import KCC2, NKCC1
from symmem.symbols import sym

R, T, F, V = (sym(n) for n in ("R", "T", "F", "V"))
c_in, c_out, z, E = (sym(n) for n in ("c_in", "c_out", "z", "E"))
dG = sym("dG_cycle")
K_in, K_out, Na_in, Na_out = (sym(n) for n in ("K_in", "K_out", "Na_in", "Na_out"))
Cl_in, Cl_out, E_Cl, E_K = (sym(n) for n in ("Cl_in", "Cl_out", "E_Cl", "E_K"))


def _positive_root(roots: list) -> sp.Expr:
    """The root that is a concentration: positive when every concentration is."""
    return next(r for r in roots
                if r.subs({K_in: 1, K_out: 1, Na_in: 1, Na_out: 1, Cl_out: 1}) > 0)


def build() -> Derivation:
    d = Derivation(
        "chloride_transporters", "Chloride in neurons: KCC2, NKCC1 and E_GABA",
        "GABA_A and glycine receptors open channels for Cl⁻ (and some HCO₃⁻), so whether "
        "they inhibit depends on [Cl⁻]ᵢ, which two electroneutral cotransporters set. KCC2 "
        "(K⁺ and Cl⁻ out) can lower it to a floor where E_Cl = E_K; NKCC1 (Na⁺, K⁺ and two "
        "Cl⁻ in) can raise it to a ceiling well above rest. Mature neurons express KCC2 and "
        "GABA hyperpolarises; immature ones express NKCC1 and GABA depolarises.")
    d.define(sp.Eq(dG, KCC2.free_energy()),
             "KCC2 moves one K⁺ and one Cl⁻ out per cycle. Their charges cancel, so V "
             "drops out of the cycle free energy: the carrier is electroneutral.")
    d.apply("condition", {dG: 0}, note="the end of the road",
            because="KCC2 lowers [Cl⁻]ᵢ until its cycle costs nothing.")
    floor = d.apply("solve", Cl_in, into=sp.Eq(Cl_in, Cl_out * K_out / K_in),
                    because="Undo the logarithms: [K⁺]ᵢ[Cl⁻]ᵢ = [K⁺]ₒ[Cl⁻]ₒ, the lowest "
                            "[Cl⁻]ᵢ KCC2 can hold.")
    d.conclude(law("kcc2_chloride_limit"))
    d.use_law(law("nernst"), "What is E_Cl at that floor? Start from the Nernst potential.")
    d.apply("specialise", {c_in: Cl_in, c_out: Cl_out, z: -1, E: E_Cl},
            because="For Cl⁻, z = −1.")
    d.apply("substitute", [floor],
            into=sp.Eq(E_Cl, R * T / F * sp.log(K_out / K_in)),
            because="Put in the floor: the Cl⁻ concentrations cancel.")
    d.use_law(law("nernst"), "Compare with the Nernst potential of K⁺.")
    e_k = d.apply("specialise", {c_in: K_in, c_out: K_out, z: 1, E: E_K},
                  because="For K⁺, z = +1.")
    d.apply("abbreviate", [e_k], on=e_k - 2, into=sp.Eq(E_Cl, E_K),
            because="At the floor E_Cl = E_K: with KCC2 alone E_Cl could reach E_K but not "
                    "go below it. Cl⁻ channels and leaks let Cl⁻ back in, so E_Cl lies between "
                    "E_K and the resting potential.")
    d.define(sp.Eq(dG, NKCC1.free_energy()),
             "NKCC1 moves one Na⁺, one K⁺ and two Cl⁻ in per cycle: again no net charge.",
             premise=True)
    d.apply("condition", {dG: 0}, note="the end of the road",
            because="NKCC1 raises [Cl⁻]ᵢ until its cycle costs nothing.")
    d.apply("solve", Cl_in, choose=_positive_root,
            into=sp.Eq(Cl_in, Cl_out * sp.sqrt(Na_out * K_out / (Na_in * K_in))),
            because="Two Cl⁻ per cycle give a square root; keep the positive one.")
    d.conclude(law("nkcc1_chloride_limit"))
    ions = ("Cl", "HCO3")
    d.use_law(SimpleNamespace(
        name="ghk_voltage (Cl, HCO3)", title="GHK voltage with Cl⁻ and HCO₃⁻",
        equation=law("ghk_voltage").equation_for(ions),
        code='law("ghk_voltage").equation_for(("Cl", "HCO3"))'),
        "The GABA_A channel also passes HCO₃⁻ (P_HCO3/P_Cl ≈ 0.2); its reversal potential "
        "E_GABA is the GHK voltage of the two anions, both with inside over outside.")
    d.learn("write the cycle free energy of an electroneutral cotransporter and see V drop "
            "out",
            "derive the KCC2 floor [Cl⁻]ₒ[K⁺]ₒ/[K⁺]ᵢ, where E_Cl = E_K, and the NKCC1 ceiling",
            "say when GABA hyperpolarises and when it depolarises, and why HCO₃⁻ pulls E_GABA "
            "above E_Cl")
    d.figure(plots.gaba_reversal_vs_chloride, title="E_Cl, E_GABA and the two transporters",
             caption="Below about 10 mM [Cl⁻]ᵢ, E_GABA lies below rest and GABA "
             "hyperpolarises; the HCO₃⁻ it also passes holds E_GABA above E_Cl. KCC2 can lower "
             "[Cl⁻]ᵢ to its floor; NKCC1 can raise it to its ceiling.")
    d.example("kcc2_chloride_limit", "The KCC2 floor with mammalian K⁺ (Hille 2001) and "
              "123 mM Cl⁻ outside: E_Cl would equal E_K.", K_in=155, K_out=4, Cl_out=123)
    d.example("nkcc1_chloride_limit", "The NKCC1 ceiling in the same cell: E_Cl far above "
              "rest.", Na_in=12, Na_out=145, K_in=155, K_out=4, Cl_out=123)
    d.example("ghk_voltage", "E_GABA in a mature neuron: 7 mM Cl⁻ and 12 mM HCO₃⁻ inside, "
              "P_HCO3/P_Cl = 0.2.", P_Cl=1, Cl_in=7, Cl_out=123, P_HCO3=0.2, HCO3_in=12,
              HCO3_out=27)
    d.exercise("Write the lowest [Cl⁻]ᵢ that KCC2 can hold, from its cycle (1 K⁺ and 1 Cl⁻ "
               "out).", "Cl_o K_o/K_i", question="kcc2_chloride_limit")
    d.exercise("Write the highest [Cl⁻]ᵢ that NKCC1 can build (1 Na⁺, 1 K⁺ and 2 Cl⁻ in).",
               "Cl_o sqrt(Na_o K_o/(Na_i K_i))", question="nkcc1_chloride_limit")
    d.exercise("With [K⁺]ᵢ 140, [K⁺]ₒ 3.5 and [Cl⁻]ₒ 130 mM, compute the KCC2 floor in mM.",
               "3.25 mM", question="kcc2_chloride_limit_numeric", K_in=140, K_out=3.5,
               Cl_out=130)
    d.exercise("With [Na⁺]ᵢ 10, [Na⁺]ₒ 145, [K⁺]ᵢ 140, [K⁺]ₒ 3.5 and [Cl⁻]ₒ 130 mM, compute "
               "the NKCC1 ceiling in mM.", "78.3 mM", question="nkcc1_chloride_limit_numeric",
               Na_in=10, Na_out=145, K_in=140, K_out=3.5, Cl_out=130)
    return d
