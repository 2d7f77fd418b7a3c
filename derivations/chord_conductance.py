"""The chord-conductance equation from ohmic channels and zero total current."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

V = sym("V")
g = {x: sym(f"g_{x}") for x in ("K", "Na", "Cl")}
E = {x: sym(f"E_{x}") for x in ("K", "Na", "Cl")}
current = {x: sym(f"I_{x}") for x in ("K", "Na", "Cl")}


def build() -> Derivation:
    d = Derivation(
        "chord_conductance", "The chord-conductance equation",
        "Treat each kind of channel as a conductance in series with a battery at its "
        "reversal potential: the current through it is proportional to how far V is from "
        "E. With no net current, V settles at a weighted mean of the reversal potentials, "
        "each weighted by its share of the total conductance. Opening Na+ channels pulls V "
        "towards E_Na; opening K+ or Cl− channels pulls it back.")
    steps = {}
    for x, words in (("K", "Ohmic K⁺ channels: the current is the conductance times the "
                           "driving force V − E_K, outward (positive) above E_K."),
                     ("Na", "Likewise for Na⁺ channels, with E_Na."),
                     ("Cl", "And for Cl⁻ channels, with E_Cl.")):
        steps[x] = d.define(sp.Eq(current[x], g[x] * (V - E[x])), words, premise=True)
    total = d.define(sp.Eq(current["K"] + current["Na"] + current["Cl"], 0),
                     "No net current at rest (the pump's small current left out, as in "
                     "the GHK voltage equation).")
    d.apply("substitute", [steps["K"], steps["Na"], steps["Cl"]], on=total,
            because="Put in the three channel currents.")
    d.apply("solve", V,
            into=sp.Eq(V, (g["K"] * E["K"] + g["Na"] * E["Na"] + g["Cl"] * E["Cl"])
                       / (g["K"] + g["Na"] + g["Cl"])),
            because="V appears once in each term: collect it and divide by the total "
                    "conductance.")
    d.conclude(law("chord_conductance"))
    d.learn("write each channel's current as g_X (V − E_X)",
            "solve zero total current for V as a conductance-weighted mean",
            "explain why opening Na⁺ channels depolarises and opening Cl⁻ channels clamps "
            "V near E_Cl")
    d.figure(plots.chord_conductance_vs_ratio, title="V against g_Na/g_K",
             caption="From rest (g_Na/g_K ≈ 0.05) to a spike's peak (≈ 20), V moves from "
             "near E_K to near E_Na; Cl⁻ channels hold it towards E_Cl.")
    d.example("chord_conductance", "The Hodgkin–Huxley axon at rest (Dayan & Abbott "
              "2001): g_K = 0.367, g_Na = 0.0106 and g_L = 0.3 mS/cm², with E_K = −77, "
              "E_Na = +50 and E_L = −54.4 mV, give its resting potential of −65 mV.",
              g_K=0.367, E_K=-77, g_Na=0.0106, E_Na=50, g_L=0.3, E_L=-54.387)
    d.example("chord_conductance", "At a spike's peak g_Na is about twenty times g_K.",
              g_K=1, E_K=-90, g_Na=20, E_Na=60)
    d.exercise("Write V for K⁺, Na⁺ and Cl⁻ channels with conductances g_X and reversal "
               "potentials E_X.",
               "(g_K E_K + g_Na E_Na + g_Cl E_Cl)/(g_K + g_Na + g_Cl)",
               question="chord_conductance")
    d.exercise("With g_K : g_Na : g_Cl = 1 : 0.05 : 0.3, E_K = −90, E_Na = +60 and "
               "E_Cl = −70 mV, compute V in mV.", "−80 mV",
               question="chord_conductance_numeric", g_K=1, E_K=-90, g_Na=0.05, E_Na=60,
               g_Cl=0.3, E_Cl=-70)
    return d
