"""Van 't Hoff's osmotic pressure from the chemical potential of water."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import declare, sym

R, T, Pi, c = sym("R"), sym("T"), sym("Pi_osm"), sym("osmolarity")
mu_sol = declare("mu_w_sol", r"\mu_{\mathrm{w}}", "J/mol",
                 "chemical potential of water in the solution")
mu_pure = declare("mu_w_pure", r"\mu^{*}_{\mathrm{w}}", "J/mol",
                  "chemical potential of pure water")
mu0 = declare("mu0_w", r"\mu^{\circ}_{\mathrm{w}}", "J/mol",
              "standard chemical potential of water")
x_w = declare("x_w", r"x_{\mathrm{w}}", "1", "mole fraction of water", "positive")
x_s = declare("x_s", r"x_{\mathrm{s}}", "1", "mole fraction of the solutes", "positive")
v_w = declare("Vbar_w", r"\bar{V}_{\mathrm{w}}", "m^3/mol", "molar volume of water",
              "positive")
p_sol = declare("P_sol", r"P", "Pa", "pressure on the solution", "positive")
p_0 = declare("P_0", r"P_{0}", "Pa", "pressure on the pure water", "positive")
n_s = declare("n_s", r"n_{\mathrm{s}}", "mol", "moles of solute particles", "positive")
n_w = declare("n_w", r"n_{\mathrm{w}}", "mol", "moles of water", "positive")
vol = declare("V_sol", r"V_{\mathrm{sol}}", "m^3", "volume of the solution", "positive")


def build() -> Derivation:
    d = Derivation(
        "osmotic_pressure", "Osmotic pressure (van 't Hoff)",
        "A membrane that passes water but not a solute separates the solution from pure "
        "water. Water crosses towards the solution until its chemical potential is the "
        "same on both sides: the solutes lower it, a pressure on the solution raises it "
        "again, and the pressure that balances them is the osmotic pressure. For a dilute "
        "solution it is Π = cRT, the ideal-gas law for the solute particles, whatever "
        "they are: only their number counts.")
    sol = d.define(sp.Eq(mu_sol, mu0 + R * T * sp.log(x_w) + v_w * p_sol),
                   "Water in an ideal solution at pressure P: its mole fraction lowers its "
                   "chemical potential, and pressure raises it by its molar volume "
                   "(water is taken as incompressible).", premise=True)
    d.define(sp.Eq(mu_pure, mu0 + v_w * p_0), "Pure water (x_w = 1) at pressure P₀.",
             premise=True)
    balance = d.define(sp.Eq(mu_sol, mu_pure), "Water is at equilibrium across the "
                       "membrane: no net flow.", premise=True)
    excess = d.define(sp.Eq(Pi, p_sol - p_0), "The osmotic pressure is the extra pressure "
                      "on the solution that holds the water back.")
    d.apply("substitute", [sol, sol + 1], on=balance,
            because="Put in both chemical potentials.")
    d.apply("eliminate", p_sol, excess, because="Write the pressure on the solution as "
            "P₀ + Π.")
    exact = d.apply("solve", Pi, because="Solve for Π: μ° and P₀ cancel.")
    fractions = d.define(sp.Eq(x_s, 1 - x_w), "The solutes' mole fraction (all the solute "
                         "particles together) is what is not water.")
    d.apply("eliminate", x_w, fractions, on=exact, because="Write it with the solutes' "
            "mole fraction.")
    dilute = d.apply("leading_order", {sp.log(1 - x_s): -x_s}, small=x_s, note="ln(1 − x_s) ≈ −x_s",
            because="A dilute solution: 300 mOsm/L is x_s ≈ 0.005, and ln(1 − x_s) is −x_s "
                    "to within 0.3 %.")
    mole_fraction = d.define(sp.Eq(x_s, n_s / (n_s + n_w)), "Count the particles: n_s "
                             "moles of solute particles among n_w moles of water.",
                             premise=True)
    d.apply("substitute", [mole_fraction], on=dilute, because="Put in the mole fraction.")
    few = d.apply("leading_order", {n_s + n_w: n_w}, small=n_s, note="n_s + n_w ≈ n_w",
            because="Dilute again: the solute particles are few beside the water "
                    "molecules.")
    water = d.define(sp.Eq(vol, n_w * v_w), "A dilute solution's volume is that of its "
                     "water.", premise=True)
    d.apply("eliminate", n_w, water, on=few, because="Put in the volume.")
    osmolarity = d.define(sp.Eq(c, n_s / vol), "The osmolarity: solute particles per "
                          "volume.")
    d.apply("eliminate", n_s, osmolarity, on=osmolarity - 1,
            into=sp.Eq(Pi, law("osmotic_pressure").rhs),
            because="Put in the osmolarity: van 't Hoff's law.")
    d.conclude(law("osmotic_pressure"))
    d.learn("write the chemical potential of water with its mole fraction and pressure",
            "derive Π = cRT as the dilute limit of the ideal solution",
            "say why only the number of particles counts, and what 300 mOsm/L means as "
            "a pressure")
    d.figure(plots.osmotic_pressure_vs_osmolarity, title="Π against osmolarity",
             caption="Van 't Hoff's line and the ideal solution's logarithm agree to "
             "0.3 % at the body's 300 mOsm/L (about 7.6 atm) and to 2.6 % at 3 Osm/L; "
             "real salt solutions depart more (NaCl's osmotic coefficient is about 0.93).")
    d.example("osmotic_pressure", "Plasma, about 300 mOsm/L at 37 °C.", osmolarity=300)
    d.example("osmotic_pressure", "A 1 mOsm/L difference across a capillary wall that "
              "holds the solute back.", osmolarity=1)
    d.exercise("Write van 't Hoff's osmotic pressure Π of an ideal dilute solution of "
               "osmolarity c.", "c R T", question="osmotic_pressure")
    d.exercise("Compute the osmotic pressure in mmHg of a 300 mOsm/L solution against pure "
               "water at 37 °C.", "about 5,800 mmHg", question="osmotic_pressure_numeric",
               osmolarity=300)
    return d
