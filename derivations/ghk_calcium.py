"""GHK voltage with Ca2+: the zero-current condition is a quadratic in w = e^(FV/RT)."""

from types import SimpleNamespace

import sympy as sp
from _ghk_steps import F, R, T, V, currents, inside_outside, term, w

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym


def _positive_root(roots: list) -> sp.Expr:
    """Of the two roots of the quadratic, the one that is positive (w = e^(FV/RT) > 0)."""
    from symmem.derivation.verify import sample_values

    for root in roots:
        values = sample_values(root.free_symbols)[0]
        if complex(root.evalf(subs=values)).real > 0:
            return root
    raise ValueError("no positive root")


def build() -> Derivation:
    d = Derivation(
        "ghk_calcium", "GHK voltage with calcium",
        "Ca2+ carries two charges, so its GHK current contains e^(−2FV/RT). With w = "
        "e^(FV/RT) the zero-current condition becomes a quadratic in w, not the monovalent "
        "formula with a calcium term added. Its positive root gives V.")
    d.use_law(law("ghk_current"), "Start from the GHK current of one ion.")
    currents(d, {"K": (1, "The potassium current (z = +1)."),
                 "Na": (1, "The sodium current (z = +1)."),
                 "Ca": (2, "The calcium current (z = +2): the exponent doubles.")}, source=1)
    total = d.define(sp.Eq(sym("I_K") + sym("I_Na") + sym("I_Ca"), 0),
                     "No net current at rest.")
    d.apply("substitute", [2, 3, 4], on=total, because="Put in the three GHK currents.")
    d.apply("divide", F**2 * V / (R * T),
            into=sp.Eq(term("K", 1) + term("Na", 1) + term("Ca", 2), 0),
            because="Every term carries F²V/(RT); away from V = 0 divide it out.")
    w_def = d.define(sp.Eq(w, sp.exp(F * V / (R * T))),
                     "Write w = e^(FV/RT): every exponential becomes a power of w.")
    d.apply("eliminate", V, w_def, on=w_def - 1,
            into=sp.Eq(term("K", 1, 1 / w) + term("Na", 1, 1 / w) + term("Ca", 2, 1 / w), 0),
            because="In terms of w, e^(−FV/RT) = 1/w and e^(−2FV/RT) = 1/w².")
    K_i, K_o, Na_i, Na_o = (sym(n) for n in ("K_in", "K_out", "Na_in", "Na_out"))
    P_K, P_Na, P_Ca = sym("P_K"), sym("P_Na"), sym("P_Ca")
    Ca_i, Ca_o = sym("Ca_in"), sym("Ca_out")
    mono = P_K * (K_i * w - K_o) + P_Na * (Na_i * w - Na_o)
    d.apply("multiply", w**2 - 1, into=sp.Eq((w + 1) * mono + 4 * P_Ca * (Ca_i * w**2 - Ca_o), 0),
            because="Multiply by w² − 1 = w²(1 − 1/w²) (not zero, as w ≠ 1 away from V = 0).")
    A, B = inside_outside({"K": 1, "Na": 1})
    a = d.define(sp.Eq(sym("A"), A), "Call the monovalent sum inside A ...")
    b = d.define(sp.Eq(sym("B"), B), "... and the one outside B.")
    sA, sB = sym("A"), sym("B")
    quadratic = sp.Eq((sA + 4 * P_Ca * Ca_i) * w**2 + (sA - sB) * w - (sB + 4 * P_Ca * Ca_o), 0)
    d.apply("abbreviate", [a, b], on=a - 1, into=quadratic,
            because="Gather powers of w: a quadratic in w.")
    inner, outer = sA + 4 * P_Ca * Ca_i, sB + 4 * P_Ca * Ca_o
    four, two = (sp.Mul(k, x, evaluate=False) for k, x in ((4, inner * outer), (2, inner)))
    root = (sB - sA + sp.sqrt((sA - sB)**2 + four)) / two
    d.apply("solve", w, choose=_positive_root, into=sp.Eq(w, root),
            because="Solve the quadratic; only the positive root is an exponential.")
    d.apply("eliminate", w, w_def, into=sp.Eq(sp.exp(F * V / (R * T)), root),
            because="Put w = e^(FV/RT) back.")
    d.apply("solve", V, into=sp.Eq(V, R * T / F * sp.log(root)),
            because="Take the logarithm and solve for V.")
    target = SimpleNamespace(name="ghk_voltage (K, Na, Ca)",
                             title="GHK voltage with K⁺, Na⁺ and Ca²⁺",
                             equation=law("ghk_voltage").equation_for(("K", "Na", "Ca")),
                             code='law("ghk_voltage").equation_for(("K", "Na", "Ca"))')
    d.conclude(target)
    d.learn("write the Ca²⁺ GHK current with its doubled exponent",
            "turn zero total current into a quadratic in w = e^(FV/RT)",
            "pick the positive root and see how Ca²⁺ permeability depolarises")
    d.figure(plots.ghk_calcium_voltage, title="Calcium permeability depolarises",
             caption="The resting potential from the quadratic, for "
             "increasing Ca²⁺ permeability.")
    d.example("ghk_voltage", "K⁺, Na⁺ and Ca²⁺ with P_Ca/P_K = 0.1.", P_K=1, K_in=155,
              K_out=4, P_Na=0.05, Na_in=12, Na_out=145, P_Ca=0.1, Ca_in=0.0001, Ca_out=1.5)
    d.exercise("Why is it wrong to add P_Ca [Ca²⁺] terms to the monovalent GHK fraction?",
               "Ca2+ currents contain exp(-2FV/RT), so zero total current is a quadratic in "
               "w = exp(FV/RT), not a ratio of linear sums")
    return d
