"""The passive membrane: time constant, input resistance and length constant."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

R_m, C_m, R_i, a, area = (sym(n) for n in ("R_m", "C_m", "R_i", "a", "area"))
t, x, tau, lam = sym("t"), sym("x_cable"), sym("tau_m"), sym("lam")
J, I, v_ss, v0, R_in = (sym(n) for n in ("J_inj", "I_inj", "v_ss", "v_0", "R_in"))
C1, C2 = sp.Symbol("C1"), sp.Symbol("C2")  # constants of integration, as dsolve names them
v = sp.Function("v", real=True)  # V minus its resting value


def build() -> Derivation:
    d = Derivation(
        "passive_membrane", "The passive membrane and the cable",
        "Below threshold a membrane behaves as a resistor R_m and a capacitor C_m in "
        "parallel, for each unit of area. Inject a current and the voltage does not jump: it "
        "charges the capacitor with time constant tau_m = R_m C_m. A small cell settles at its "
        "input resistance R_m/A times the current. Along an axon or dendrite the current also "
        "runs through the resistive core and leaks out on the way, so a steady voltage fades "
        "over the length constant λ. These three numbers set how a neuron sums its inputs.")
    patch = d.define(sp.Eq(C_m * v(t).diff(t), J - v(t) / R_m),
                     "A patch of membrane: the current J per area injected from t = 0 charges "
                     "the capacitance or leaks through the resistance (v is V minus rest).",
                     premise=True)
    d.apply("dsolve", v(t), {v(0): 0}, into=sp.Eq(v(t), J * R_m * (1 - sp.exp(-t / (R_m * C_m)))),
            because="Solve from rest, v(0) = 0: v rises to J R_m exponentially.")
    d.apply("specialise", {t: tau}, because="Call tau_m the time at which ...")
    d.apply("condition", {v(tau): J * R_m * (1 - sp.exp(-1))}, note="the 63 % point",
            because="... v has covered 1 − 1/e ≈ 63 % of the way to J R_m.")
    d.apply("solve", tau, because="That time is R_m C_m, whatever the current.")
    d.conclude(law("membrane_time_constant"))
    d.apply("condition", {v(t).diff(t): 0}, on=patch, note="the steady state",
            because="Long after the step nothing changes any more.")
    d.apply("specialise", {v(t): v_ss}, because="Call the steady voltage v_ss.")
    d.apply("specialise", {J: I / area}, into=sp.Eq(0, I / area - v_ss / R_m),
            because="A small cell is isopotential: the current I injected spreads over its "
                    "whole membrane area A, J = I/A.")
    d.define(sp.Eq(R_in, v_ss / I), "The input resistance is the steady voltage per unit "
             "of injected current.")
    d.apply("eliminate", v_ss, len(d.steps) - 1, into=sp.Eq(R_in, R_m / area),
            because="Put in v_ss = I R_m/A: the smaller the cell, the larger R_in.")
    d.conclude(law("input_resistance"))
    cable = d.define(sp.Eq(v(x).diff(x, 2), 2 * R_i / (a * R_m) * v(x)),
                     "A long cylinder of radius a, in the steady state: the current along "
                     "its core (resistivity R_i, area πa²) leaks out through the membrane "
                     "(R_m per area, 2πa per length). The cable equation.", premise=True)
    d.apply("dsolve", v(x), {}, on=cable,
            because="Two exponentials, one fading and one growing along the cable.")
    ell = sym("ell")
    named = d.define(sp.Eq(ell, law("length_constant").rhs),
                     "Call ℓ the distance that appears in both exponents.")
    d.apply("abbreviate", [named], on=named - 1,
            into=sp.Eq(v(x), C1 * sp.exp(-x / ell) + C2 * sp.exp(x / ell)),
            because="Write the solution with ℓ.")
    d.apply("condition", {C2: 0}, note="bounded far away",
            because="In a long cable the voltage cannot grow without bound away from the "
                    "electrode: drop the growing exponential.")
    d.apply("specialise", {C1: v0}, because="At x = 0, where the current goes in, v = v_0.")
    d.apply("specialise", {x: lam}, because="Call λ the distance at which ...")
    d.apply("condition", {v(lam): v0 * sp.exp(-1)}, note="the 1/e point",
            because="... v has fallen to v_0/e ≈ 37 %.")
    d.apply("solve", lam, because="So λ is ℓ, the root of a R_m/(2R_i): it grows only as "
            "the square root of the radius.")
    d.conclude(law("length_constant"))
    d.learn("write a patch of membrane as R_m and C_m in parallel and solve its charging",
            "derive tau_m = R_m C_m, R_in = R_m/A and λ, the root of a R_m/(2R_i)",
            "say why thin dendrites attenuate and why myelin (large R_m, small C_m) helps")
    d.figure(plots.passive_membrane_responses, title="Charging in time, decay in space",
             caption="Left: after a step of current v covers 63 % of its way in tau_m. Right: "
             "along a long cable a steady v falls to 37 % over λ.")
    d.example("membrane_time_constant", "Dayan & Abbott's typical membrane: R_m = 10⁴ Ω·cm² "
              "and C_m = 1 µF/cm².", R_m=1e4, C_m=1)
    d.example("input_resistance", "A small neuron of 0.01 mm² (10⁴ µm²) with the same "
              "membrane.", R_m=1e4, area=1e4)
    d.example("length_constant", "A 2 µm-radius dendrite with R_i = 100 Ω·cm.", a=2,
              R_m=1e4, R_i=100)
    d.exercise("Compute tau_m in ms for R_m = 20 000 Ω·cm² and C_m = 1 µF/cm².", "20 ms",
               question="membrane_time_constant_numeric", R_m=2e4, C_m=1)
    d.exercise("Write the length constant λ of a cable of radius a, membrane resistance R_m "
               "(per area) and axial resistivity R_i.", "sqrt(a R_m/(2 R_i))",
               question="length_constant")
    return d
