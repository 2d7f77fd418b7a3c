"""Solutions on either side of a membrane: osmotic pressure, bicarbonate buffer, Donnan.

    Π = c_osm R T                                   (van 't Hoff)
    W/W₀ = b + (1 − b) c_osm,0 / c_osm              (van 't Hoff–Boyle)
    pH = pK + log10([HCO₃⁻] / (s P_CO₂))            (Henderson–Hasselbalch)

Donnan equilibrium: a 1:1 salt (cation M⁺, anion X⁻, concentration c_s outside) both
permeant, an impermeant ion A of valence z_A (concentration [A]_i) inside only. Both
permeant ions are at equilibrium at one V, so [M⁺]_i/[M⁺]_o = [X⁻]_o/[X⁻]_i = r, and the
inside is electroneutral, [M⁺]_i − [X⁻]_i + z_A [A]_i = 0. With q = −z_A [A]_i:

    r c_s − c_s / r = q   ⇒   r = (q + √(q² + 4 c_s²)) / (2 c_s)
    [M⁺]_i = r c_s,   [X⁻]_i = c_s / r,   V = −(RT/F) ln r
    Δc_osm = [M⁺]_i + [X⁻]_i + [A]_i − 2 c_s   (> 0: water follows, the cell swells)
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from symmem.laws.base import Law, Output, Param, conc, temperature
from symmem.laws.electrochemistry import nernst
from symmem.symbols import sym

R, T = sym("R"), sym("T")
MMHG = 133.322387415  # Pa per mmHg (101325/760)

_c_osm, _Pi = sym("osmolarity"), sym("Pi_osm")
#: Π = c_osm R T
osmotic_pressure = Law(
    "osmotic_pressure", "Osmotic pressure (van 't Hoff)",
    sp.Eq(_Pi, _c_osm * R * T, evaluate=False),
    [Param("osmolarity", _c_osm, "mOsm/L", 1.0, "positive",
           "osmolarity (osmotically active particles)"), temperature()],
    Output("Pi", _Pi, "mmHg", MMHG),
    "Π = c R T for an ideal dilute solution against pure water: 19.3 mmHg per mOsm/L at "
    "37 °C, so about 5,800 mmHg (7.6 atm) for the body's 300 mOsm/L. A difference of "
    "osmolarity across a membrane that water crosses drives water towards the higher "
    "osmolarity.",
    topic="solutions",
    also=[(Output("Pi_kPa", _Pi, "kPa", 1e3), sp.Eq(_Pi, _c_osm * R * T, evaluate=False))])

_c0, _b, _W = sym("osmolarity0"), sym("b_nonosm"), sym("rel_volume")


def _nonosmotic_check(values: Any) -> str | None:
    import numpy as np  # only when the check is run

    if np.any(np.asarray(values["b"]) >= 1):
        return ("b is the non-osmotic fraction of the cell's volume (solids and bound "
                "water, about 0.2 to 0.4), so it is below 1")
    return None


#: W/W₀ = b + (1 − b) c_osm,0 / c_osm
cell_volume = Law(
    "cell_volume", "Cell volume in an anisotonic medium (van 't Hoff–Boyle)",
    sp.Eq(_W, _b + (1 - _b) * _c0 / _c_osm, evaluate=False),
    [Param("osmolarity", _c_osm, "mOsm/L", 1.0, "positive", "osmolarity outside"),
     Param("osmolarity0", _c0, "mOsm/L", 1.0, "positive",
           "isotonic osmolarity (the reference volume's)", 290.0),
     Param("b", _b, "", 1.0, "nonnegative",
           "non-osmotic fraction of the isotonic volume", 0.0)],
    Output("volume", _W, ""),
    "A cell whose membrane passes water but not its solutes swells or shrinks until its "
    "inside matches the outside osmolarity: its osmotically active water varies as "
    "1/c_osm (Boyle–van 't Hoff), while the non-osmotic part b (solids, bound water) "
    "stays. Halving the osmolarity doubles a cell with b = 0.",
    topic="solutions", checks=[_nonosmotic_check])

_HCO3, _PCO2, _s, _pK, _pH = (sym(n) for n in ("HCO3", "PCO2", "s_CO2", "pK", "pH"))
#: pH = pK + log10([HCO3-] / (s PCO2))
henderson_hasselbalch = Law(
    "henderson_hasselbalch", "Henderson–Hasselbalch equation for CO2/HCO3-",
    sp.Eq(_pH, _pK + sp.log(_HCO3 / (_s * _PCO2)) / sp.log(10), evaluate=False),
    [conc("HCO3", "bicarbonate concentration"),
     Param("PCO2", _PCO2, "mmHg", MMHG, "positive", "partial pressure of CO2"),
     Param("pK", _pK, "", 1.0, "positive", "pK of CO2/HCO3- (6.1 in plasma at 37 °C)",
           6.1),
     Param("s", _s, "mM/mmHg", 1.0 / MMHG, "positive",
           "solubility of CO2 (0.0307 mM/mmHg in plasma at 37 °C)", 0.0307)],
    Output("pH", _pH, ""),
    "pH = pK + log10([HCO3-]/(s P_CO2)): 24 mM bicarbonate and 40 mmHg CO2 give 7.40. "
    "Halving [HCO3-] or doubling P_CO2 lowers the pH by log10 2 = 0.30.",
    topic="solutions")

_cs, _A, _zA = sym("salt_out"), sym("A_in"), sym("z_A")
_q = -_zA * _A
_r = (_q + sp.sqrt(_q**2 + 4 * _cs**2)) / (2 * _cs)
_M, _X, _rD, _V, _dc = (sym(n) for n in ("cation_in", "anion_in", "r_D", "V", "osm_excess"))
#: V is the permeant cation's Nernst potential, −(RT/F) ln r
_cation_nernst = nernst.rhs.xreplace({sym("c_in"): _r * _cs, sym("c_out"): _cs, sym("z"): 1})
#: Donnan equilibrium of a 1:1 salt with an impermeant ion inside
donnan = Law(
    "donnan", "Gibbs–Donnan equilibrium",
    sp.Eq(_M, _r * _cs, evaluate=False),
    [conc("salt_out", "1:1 salt concentration outside"),
     conc("A_in", "impermeant ion inside"),
     Param("z_A", _zA, "", 1.0, "nonzero_integer", "valence of the impermeant ion", -1),
     temperature()],
    Output("cation_in", _M, "mM"),
    "A 1:1 salt in equilibrium across a membrane that holds an impermeant ion A inside: "
    "[M+]_i [X-]_i = c_s², the inside electroneutral. Impermeant anions draw cations in "
    "and push anions out (r > 1), the inside is negative (V = −(RT/F) ln r) and has more "
    "particles than the outside, so water follows: a cell without a pump swells.",
    topic="solutions",
    also=[(Output("anion_in", _X, "mM"), sp.Eq(_X, _cs / _r, evaluate=False)),
          (Output("r", _rD, ""), sp.Eq(_rD, _r, evaluate=False)),
          (Output("V", _V, "mV", 1e-3), sp.Eq(_V, _cation_nernst, evaluate=False)),
          (Output("osmotic_excess", _dc, "mM"),
           sp.Eq(_dc, _r * _cs + _cs / _r + _A - 2 * _cs, evaluate=False))])

LAWS: tuple[Law, ...] = (osmotic_pressure, cell_volume, henderson_hasselbalch, donnan)
__all__ = ["LAWS", "MMHG", *[law.name for law in LAWS]]
