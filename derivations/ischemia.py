"""Capstone: when the pump stops. Gradients run down, the cell depolarises, NCX reverses."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

p, G = sym("p"), sym("G")


def build() -> Derivation:
    d = Derivation(
        "ischemia", "When the pump stops: ischemia",
        "Without blood flow a cell's ATP runs out and the Na+/K+ pump stops. Every gradient "
        "the pump held then leaks away: Na+ rises inside, K+ falls, the membrane "
        "depolarises, the Na+/Ca2+ exchanger turns round and loads the cell with Ca2+, and "
        "water follows the extra solute in. How long does it take? (How many action "
        "potentials a neuron can fire on the gradient it has left is the next topic: spikes "
        "without a pump.)")
    d.learn("predict from the pump–leak model what happens to a gradient when p → 0",
            "follow the cascade: Na⁺ and K⁺, V (GHK), E_NCX crossing V, Ca²⁺, volume",
            "estimate from the leak rate k how long the gradients last: t½ = ln 2/k")
    d.define(law("pump_leak").equation,
             "Model each ion's gradient with the linear pump–leak equation: an assumption "
             "for ions (the real pump slows as [Na+]_i falls, the leaks depend on V), kept "
             "for its time scale 1/k.", premise=True)
    d.apply("specialise", {p: 0}, because="ATP runs out and the pump stops: p = 0. The "
            "linear model's gradient decays exponentially. A real cell does not run down to equal "
            "concentrations: with impermeant anions inside it heads for a Gibbs–Donnan state, "
            "with [Na+]_i above [Na+]_o, V near −6 mV, and keeps swelling.")
    G0, k, t = sym("G0"), sym("k"), sym("t")
    d.apply("condition", {G: G0 / 2}, note="half the gradient gone",
            because="How long until half the gradient has leaked away?")
    d.apply("solve", t, because="Solve for the time.", into=sp.Eq(t, sp.log(2) / k))
    d.apply("specialise", {t: sym("t_half")}, because="That time is the half-time of the "
            "run-down, ln 2/k, whatever the gradient was.")
    d.conclude(law("pump_leak_half_time"))
    d.figure(plots.ischemia_cascade, title="After ATP fails: ions and potentials",
             caption="Na⁺ and K⁺ run down and V depolarises; where E_NCX falls below V "
             "(dotted line) the exchanger reverses.", panels=("ions", "voltage"))
    d.figure(plots.ischemia_cascade, title="After ATP fails: calcium and volume",
             caption="Once the exchanger reverses, Ca²⁺ rises; the cell takes up water and "
             "swells.", panels=("calcium", "volume"))
    d.figure(plots.ischemia_cascade, title="A neuron in brain tissue",
             caption="A cortical neuron (cell = neuron): halfway to 0 mV 2 min after ATP "
             "fails, [K⁺]ₒ near 30 mM. Brain: 2–5 min, tens of mM (Dreier 2018; Hansen "
             "1985).",
             cell="neuron", tau_ATP=None, t_end_min=10, panels=("voltage", "outside"))
    d.example("pump_leak_half_time", "A gradient that relaxes with a 200 s time constant "
              "(k = 0.005 per s).", k=0.005)
    d.exercise("Run the cascade for cell=\"muscle\" and cell=\"neuron\". Why does the "
               "neuron depolarise within minutes and the muscle fibre only much later?",
               "the neuron loses ATP within a minute or two and has much membrane per "
               "volume in a small extracellular space where K+ accumulates; the muscle "
               "keeps ATP for tens of minutes (phosphocreatine) and its fibres are thick")
    d.exercise("In the neuron's figure the extracellular space shrinks to a fifth and "
               "[K⁺]ₒ passes 90 mM by 10 min; in brain the space shrinks by about half "
               "(Hansen & Olsen 1980) and [K⁺]ₒ levels off lower. What does the model leave "
               "out?", "glia, which take up K+ and water too; K+ diffusing away through the "
               "tissue and into the blood; and anything that limits how far cells swell")
    d.exercise("Why does a cell swell when its pump stops?",
               "Na+ and Cl- enter faster than K+ leaves, the impermeant anions stay, so the "
               "solute inside rises and water follows")
    return d
