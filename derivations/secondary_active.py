"""Secondary active transport: SGLT accumulation and the NCX reversal potential."""

import sympy as sp

from symmem import plots
from symmem.derivation import Derivation
from symmem.laws import law
from symmem.laws.transporters import NCX, SGLT
from symmem.symbols import sym

V, dG = sym("V"), sym("dG_cycle")


def build() -> Derivation:
    d = Derivation(
        "secondary_active", "Secondary active transport: SGLT and NCX",
        "A cotransporter spends the Na+ gradient the pump built. Its cycle free energy adds "
        "up the moves of every species; it runs forward while that sum is negative. Setting "
        "it to zero gives how far SGLT can concentrate glucose, and the potential at which "
        "the Na+/Ca2+ exchanger turns round.")
    start = d.define(sp.Eq(dG, SGLT.free_energy()),
                     "SGLT moves n Na+ and one glucose inward per cycle.")
    d.apply("condition", {dG: 0}, note="the end of the road",
            because="Glucose stops accumulating when the cycle costs nothing.")
    ratio = d.define(sp.Eq(sym("ratio"), sym("Glc_in") / sym("Glc_out")),
                     "Call the glucose ratio inside/outside rho.")
    d.apply("eliminate", sym("Glc_in"), ratio, on=start + 1, because="Write the condition "
            "with the ratio.")
    d.apply("solve", sym("ratio"), because="Solve: ([Na]_o/[Na]_i)^n e^(−nFV/RT); n = 2 for "
            "SGLT1, n = 1 for SGLT2.")
    d.conclude(law("sglt_max_accumulation"))
    ncx = d.define(sp.Eq(dG, NCX.free_energy()),
                   "NCX brings n Na+ in and takes one Ca2+ out per cycle.")
    d.apply("condition", {dG: 0}, note="the reversal", on=ncx,
            because="At its reversal potential the exchanger does nothing.")
    d.apply("solve", V, because="Solve for V; it runs forward (Ca2+ out) below this "
            "potential and backwards above it, as in a depolarised, Na+-loaded cell.")
    d.apply("specialise", {V: sym("E_NCX")}, because="This potential is E_NCX, with n = 3 "
            "equal to 3E_Na − 2E_Ca.")
    d.conclude(law("ncx_reversal"))
    d.learn("write the cycle free energy of a cotransporter from its stoichiometry",
            "compute how far SGLT1 (2 Na⁺) and SGLT2 (1 Na⁺) can concentrate glucose",
            "find E_NCX = 3E_Na − 2E_Ca and when the exchanger runs backwards")
    d.figure(plots.sglt_accumulation, title="How far SGLT concentrates glucose",
             caption="The largest glucose ratio against V: a second Na⁺ "
             "squares the gain.")
    d.figure(plots.ncx_reversal_map, title="When NCX reverses",
             caption="E_NCX falls as Na⁺ accumulates inside; above it the "
             "exchanger reverses.")
    d.example("sglt_max_accumulation", "SGLT1 at −70 mV.", Na_in=12, Na_out=145, V=-70, n=2)
    d.example("sglt_max_accumulation", "SGLT2 at −70 mV.", Na_in=12, Na_out=145, V=-70, n=1)
    d.example("ncx_reversal", "E_NCX with 100 nM free Ca²⁺.", Na_in=12, Na_out=145,
              Ca_in=0.0001, Ca_out=1.5)
    d.exercise("Write the reversal potential of NCX (3 Na⁺ : 1 Ca²⁺) using E_Na and E_Ca.",
               "3 E_Na - 2 E_Ca", question="ncx_reversal")
    d.exercise("Write the largest glucose ratio [G]ᵢ/[G]ₒ of an SGLT that couples n Na⁺.",
               "(Na_o/Na_i)^n exp(-n F V/(R T))", question="sglt_max_accumulation")
    return d
