"""The pump–leak model of a gradient, and the Mullins–Noda steady-state potential.

    dG/dt = p − kG,  G(0) = G_0
    G(t) = p/k + (G_0 − p/k) e^(−kt);  G_ss = p/k;  τ = 1/k;  t½ = ln 2 / k

Mullins–Noda (pump ratio r = 3/2):

    V = (RT/F) ln( (r P_K [K]_o + P_Na [Na]_o) / (r P_K [K]_i + P_Na [Na]_i) )
"""

from __future__ import annotations

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc, temperature
from symmem.symbols import sym

R, T, F, V = (sym(n) for n in ("R", "T", "F", "V"))
p, k, t, G0 = (sym(n) for n in ("p", "k", "t", "G0"))
G = sp.Function("G", real=True)

#: dG/dt = p − kG
PUMP_LEAK_ODE = sp.Eq(sp.Derivative(G(t), t), p - k * G(t), evaluate=False)


def _rate(name: str, description: str, domain: str = "positive") -> Param:
    return Param(name, sym(name), "1/s" if name == "k" else "G/s", 1.0, domain, description)


_G0 = Param("G0", G0, "G", 1.0, "real", "gradient at t = 0")
_t = Param("t", t, "s", 1.0, "nonnegative", "time")
_p = _rate("p", "pump rate", "nonnegative")
_k = _rate("k", "leak rate constant")

pump_leak = Law(
    "pump_leak", "Pump–leak time course",
    sp.Eq(sym("G"), p / k + (G0 - p / k) * sp.exp(-k * t), evaluate=False),
    [_p, _k, _G0, _t], Output("G", sym("G"), "G"),
    "Solution of dG/dt = p − kG with G(0) = G_0. With p = 0 (the pump stops) the "
    "gradient decays as G_0 e^(−kt).",
    topic="pump_leak")

pump_leak_steady_state = Law(
    "pump_leak_steady_state", "Pump–leak steady state",
    sp.Eq(sym("G_ss"), p / k, evaluate=False), [_p, _k], Output("G_ss", sym("G_ss"), "G"),
    "G_ss = p/k: the gradient at which the leak kG exactly balances the pump p.",
    topic="pump_leak")

pump_leak_time_constant = Law(
    "pump_leak_time_constant", "Pump–leak time constant",
    sp.Eq(sym("tau"), 1 / k, evaluate=False), [_k], Output("tau", sym("tau"), "s"),
    "τ = 1/k: the time to cover 63 % of the way to the steady state.",
    topic="pump_leak")

pump_leak_half_time = Law(
    "pump_leak_half_time", "Pump–leak half-time",
    sp.Eq(sym("t_half"), sp.log(2) / k, evaluate=False), [_k], Output("t_half", sym("t_half"), "s"),
    "t½ = ln 2 / k: the time to cover half the way to the steady state.",
    topic="pump_leak")

_r = Param("r", sym("r"), "", 1.0, "positive", "pump ratio Na+ out : K+ in", 1.5)
mullins_noda = Law(
    "mullins_noda", "Mullins–Noda equation",
    sp.Eq(V, R * T / F * sp.log(
        (sym("r") * sym("P_K") * sym("K_out") + sym("P_Na") * sym("Na_out"))
        / (sym("r") * sym("P_K") * sym("K_in") + sym("P_Na") * sym("Na_in"))), evaluate=False),
    [Param("P_K", sym("P_K"), "", 1.0, "positive", "relative permeability to K"),
     Param("P_Na", sym("P_Na"), "", 1.0, "nonnegative", "relative permeability to Na"),
     conc("K_in"), conc("K_out"), conc("Na_in"), conc("Na_out"), temperature(), _r],
    Output("V", V, "mV", 1e-3),
    "Steady-state membrane potential with an electrogenic 3 Na+ : 2 K+ pump (r = 3/2) "
    "balancing passive K+ and Na+ currents.",
    topic="pump_leak")

LAWS: tuple[Law, ...] = (pump_leak, pump_leak_steady_state, pump_leak_time_constant,
                         pump_leak_half_time, mullins_noda)
__all__ = ["LAWS", "PUMP_LEAK_ODE", "G", *[law.name for law in LAWS]]
