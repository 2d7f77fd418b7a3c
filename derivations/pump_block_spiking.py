"""Spikes without a pump: how many action potentials the gradients pay for."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

dc, N, Q = sym("dc_AP"), sym("N_AP"), sym("Q_AP")
C_m, dV, A, W, a, F = sym("C_m"), sym("dV_AP"), sym("A_m"), sym("W"), sym("a"), sym("F")
phi, dNa = sym("overlap"), sym("dNa")


def build() -> Derivation:
    d = Derivation(
        "pump_block_spiking", "Spikes without a pump",
        "Can a neuron with normal gradients but no Na+/K+ pump fire? Yes: each action "
        "potential spends a little of the gradients, not the pump's ATP. Counting the Na+ "
        "one spike lets in gives the number of spikes the gradient pays for; a "
        "Hodgkin–Huxley axon whose concentrations change as it fires shows the count, "
        "the fall into silence, and the steady state when the pump runs.")
    d.learn("get the Na⁺ entry of one spike from the charge that moves the membrane "
            "potential",
            "turn it into the rise of [Na⁺]ᵢ per spike, 2 φ C_m ΔV/(F a), and the number "
            "of spikes a blocked axon can fire",
            "see in a model axon why the count depends on the radius and why the pump "
            "matters only over many spikes")
    d.define(sp.Eq(Q, phi * C_m * dV),
             "To swing the membrane by ΔV, a charge C_m ΔV per area must cross it; Na⁺ "
             "carries at least that in, φ ≥ 1 times it as the Na⁺ and K⁺ currents overlap.")
    spike = d.define(sp.Eq(dc, Q * A / (F * W)),
                     "Q A/F moles of Na⁺ enter through the area A and spread through the "
                     "volume W.")
    d.apply("substitute", [1], on=spike, because="Put in the charge of one spike.")
    shape = d.define(sp.Eq(A, 2 * W / a), "In a cylindrical axon of radius a the area per "
                     "volume is 2πaℓ/(πa²ℓ) = 2/a.", premise=True)
    d.apply("eliminate", A, shape, on=spike + 1, because="So one spike raises [Na⁺]_i by "
            "2 φ C_m ΔV/(F a): thin axons load fastest.")
    per_spike = len(d.steps)
    d.define(sp.Eq(N, dNa / dc), "The number of spikes is the rise the axon can tolerate "
             "over the rise per spike.")
    d.apply("eliminate", dc, per_spike, because="Put in the rise per spike. With φ = 1 "
            "this is an upper bound: real axons let in 1.2 to 4 times the minimum.")
    d.conclude(law("action_potential_budget"))
    d.figure(plots.pump_block_spiking, title="A model axon with its pump blocked or on",
             caption="A Hodgkin–Huxley axon (a = 0.5 µm, 20 Hz): with the pump blocked "
             "[Na⁺]ᵢ climbs, the spikes shrink and stop; with it on they settle.")
    d.figure(plots.action_potential_budget_vs_radius, title="The spike budget and the "
             "radius", caption="Spikes a blocked axon can fire before [Na⁺]ᵢ rises by "
             "10 mM: at most hundreds in a thin axon and about 10⁵ in the squid giant "
             "axon (φ = 1), a quarter of that with φ = 4.", overlap=4.0)
    d.example("action_potential_budget", "A squid giant axon (a = 250 µm), 10 mM rise: the "
              "upper bound (φ = 1).", dNa=10, a=250)
    d.example("action_potential_budget", "The same axon with φ = 4 (Hodgkin 1975).",
              dNa=10, a=250, overlap=4)
    d.example("action_potential_budget", "A thin unmyelinated axon (a = 0.5 µm), φ = 1.3 "
              "(Alle, Roth & Geiger 2009).", dNa=10, a=0.5, overlap=1.3)
    d.exercise("Write the number of action potentials N_AP an axon of radius a can fire "
               "before [Na⁺]ᵢ rises by Δ[Na⁺]ᵢ, each spike letting in φ C_m ΔV per area.",
               "Δ[Na⁺]ᵢ F a/(2 φ C_m ΔV)", question="action_potential_budget")
    d.exercise("Estimate how many action potentials an axon of radius 1 µm can fire before "
               "[Na⁺]ᵢ rises by 10 mM (C_m = 1 µF/cm², ΔV = 100 mV), at most (φ = 1).",
               "about 480", question="action_potential_budget_numeric", dNa=10, a=1,
               overlap=1)
    d.exercise("In the model axon the pump-blocked count falls short of the budget law at "
               "the model's own φ. Why?", "Na⁺ also leaks in between spikes, so the "
               "tolerable rise is used up sooner; the budget counts only the spikes' Na⁺")
    return d
