"""Capstone: when the pump stops. Gradients run down, the cell depolarises, NCX reverses."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

p, G, dc, N = sym("p"), sym("G"), sym("dc_AP"), sym("N_AP")
C_m, dV, A, W, a, F = sym("C_m"), sym("dV_AP"), sym("A_m"), sym("W"), sym("a"), sym("F")
phi = sym("overlap")


def build() -> Derivation:
    d = Derivation(
        "ischemia", "When the pump stops: ischemia",
        "Without blood flow a cell's ATP runs out and the Na+/K+ pump stops. Every gradient "
        "the pump held then leaks away: Na+ rises inside, K+ falls, the membrane "
        "depolarises, the Na+/Ca2+ exchanger turns round and loads the cell with Ca2+, and "
        "water follows the extra solute in. How long does it take, and how many action "
        "potentials can a neuron fire on the gradient it has left?")
    d.learn("predict from the pump–leak model what happens to a gradient when p → 0",
            "follow the cascade: Na⁺ and K⁺, V (GHK), E_NCX crossing V, Ca²⁺, volume",
            "estimate how many action potentials a cell can fire with its pump blocked")
    d.define(law("pump_leak").equation,
             "Model each ion's gradient with the linear pump–leak equation: an assumption "
             "for ions (the real pump slows as [Na+]_i falls, the leaks depend on V), kept "
             "for its time scale 1/k.", premise=True)
    d.apply("specialise", {p: 0}, because="ATP runs out and the pump stops: p = 0. The "
            "linear model's gradient decays exponentially. A real cell does not run down to equal "
            "concentrations: with impermeant anions inside it heads for a Gibbs–Donnan state, "
            "with [Na+]_i above [Na+]_o, V near −6 mV, and keeps swelling.")
    spike = d.define(sp.Eq(dc, phi * C_m * dV * A / (F * W)),
                     "One action potential charges the membrane capacitance by ΔV: at least "
                     "C_m ΔV A/F moles of Na⁺ enter, φ ≥ 1 times that as the Na⁺ and K⁺ "
                     "currents overlap, spread through the volume W.")
    shape = d.define(sp.Eq(A, 2 * W / a), "In a cylindrical axon of radius a the area per "
                     "volume is 2πaℓ/(πa²ℓ) = 2/a.")
    d.apply("eliminate", A, shape, on=spike, because="So one spike raises [Na⁺]_i by "
            "2 φ C_m ΔV/(F a): thin axons load fastest.")
    per_spike = len(d.steps)
    d.define(sp.Eq(N, sym("dNa") / dc), "The number of spikes is the rise the cell can "
             "tolerate over the rise per spike.")
    d.apply("eliminate", dc, per_spike, because="Put in the rise per spike. With φ = 1 "
            "this is an upper bound: real axons let in 1.2 to 4 times the minimum.")
    d.conclude(law("action_potential_budget"))
    d.figure(plots.ischemia_cascade, title="After ATP fails: ions and potentials",
             caption="Na⁺ and K⁺ run down and V depolarises; where E_NCX falls below V "
             "(dotted line) the exchanger reverses.", panels=("ions", "voltage"))
    d.figure(plots.ischemia_cascade, title="After ATP fails: calcium and volume",
             caption="Once the exchanger reverses, Ca²⁺ rises; the cell takes up water and "
             "swells.", panels=("calcium", "volume"))
    d.figure(plots.action_potential_budget_vs_radius, title="Spikes without a pump",
             caption="Spikes a blocked axon can fire before [Na⁺]ᵢ rises by 10 mM: at most "
             "hundreds in a thin axon and about 10⁵ in the squid giant axon (φ = 1), a "
             "quarter of that with φ = 4.", overlap=4.0)
    d.example("action_potential_budget", "A squid giant axon (a = 250 µm), 10 mM rise: the "
              "upper bound (φ = 1).", dNa=10, a=250)
    d.example("action_potential_budget", "The same axon with φ = 4 (Hodgkin 1975).",
              dNa=10, a=250, overlap=4)
    d.example("action_potential_budget", "A thin unmyelinated axon (a = 0.5 µm), φ = 1.3 "
              "(Alle, Roth & Geiger 2009).", dNa=10, a=0.5, overlap=1.3)
    d.exercise("Why does a cell swell when its pump stops?",
               "Na+ and Cl- enter faster than K+ leaves, the impermeant anions stay, so the "
               "solute inside rises and water follows")
    d.exercise("Estimate how many action potentials an axon of radius 1 µm can fire before "
               "[Na⁺]ᵢ rises by 10 mM (C_m = 1 µF/cm², ΔV = 100 mV), at most (φ = 1) and "
               "with φ = 2.", "at most about 480; about 240 with φ = 2")
    return d
