"""The Henderson–Hasselbalch equation from mass action and Henry's law."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.symbols import sym

H, HCO3, CO2, K = sym("H_free"), sym("HCO3"), sym("CO2_aq"), sym("K_a")
pH, pK, s, PCO2 = sym("pH"), sym("pK"), sym("s_CO2"), sym("PCO2")


def build() -> Derivation:
    d = Derivation(
        "henderson_hasselbalch", "The Henderson–Hasselbalch equation",
        "Blood and cells hold their pH with the CO₂/HCO₃⁻ buffer. Dissolved CO₂ (through "
        "carbonic acid) gives up an H⁺ and leaves HCO₃⁻; mass action ties the three "
        "concentrations together, and the dissolved CO₂ follows the partial pressure the "
        "lungs set. On a logarithmic scale the pH is then pK plus the logarithm of base over "
        "acid: the kidneys set the numerator, the lungs the denominator. Concentrations are "
        "in mol/L when pH and pK are taken.")
    pk = d.define(sp.Eq(K, 10**(-pK)), "Write the dissociation constant through its pK, "
                  "K = 10^(−pK).")
    mass = d.define(sp.Eq(K, H * HCO3 / CO2),
                    "Mass action for CO₂ + H₂O ⇌ H⁺ + HCO₃⁻ at equilibrium (the hydration "
                    "step folded into K).", premise=True)
    henry = d.define(sp.Eq(CO2, s * PCO2),
                     "Henry's law: dissolved CO₂ is its solubility s times its partial "
                     "pressure.", premise=True)
    d.apply("substitute", [henry], on=mass, because="Put in the dissolved CO₂.")
    free = d.apply("solve", H, because="Solve for the free H⁺.")
    d.define(sp.Eq(pH, -sp.log(H) / sp.log(10)), "The pH is minus the base-10 logarithm of "
             "[H⁺].")
    d.apply("eliminate", H, free, because="Put in [H⁺].")
    d.apply("eliminate", K, pk, into=sp.Eq(pH, law("henderson_hasselbalch").rhs),
            because="Put in K = 10^(−pK) and split the logarithm: pK plus log₁₀ of base "
                    "over acid.")
    d.conclude(law("henderson_hasselbalch"))
    d.learn("write mass action for the CO₂/HCO₃⁻ buffer and Henry's law for CO₂",
            "derive pH = pK + log₁₀([HCO₃⁻]/(s P_CO2))",
            "say what a doubled P_CO2 or a halved [HCO₃⁻] does to the pH (−0.30 each)")
    d.figure(plots.ph_vs_pco2, title="pH against P_CO2",
             caption="Raising P_CO2 acidifies (respiratory acidosis); losing HCO₃⁻ shifts "
             "the whole curve down (metabolic acidosis). Normal plasma sits at 40 mmHg and "
             "24 mM.")
    d.example("henderson_hasselbalch", "Normal arterial plasma (Guyton & Hall): 24 mM HCO₃⁻ "
              "and 40 mmHg CO₂.", HCO3=24, PCO2=40)
    d.example("henderson_hasselbalch", "Metabolic acidosis: bicarbonate halved to 12 mM at "
              "the same CO₂.", HCO3=12, PCO2=40)
    d.exercise("Write the pH of a CO₂/HCO₃⁻ buffer with pK, [HCO₃⁻], the CO₂ solubility s and "
               "P_CO2.", "pK + log10(HCO3/(s PCO2))", question="henderson_hasselbalch")
    d.exercise("Compute the pH of plasma with 12 mM HCO₃⁻ and 40 mmHg CO₂.", "7.10",
               question="henderson_hasselbalch_numeric", HCO3=12, PCO2=40)
    return d
