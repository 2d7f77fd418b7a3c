"""Transporter thermodynamics from a declared stoichiometry.

A transporter is declared by the ions (or neutral solutes) it moves per cycle,
ν_j > 0 counting moves inward, and the ATP it hydrolyses per cycle. From that:

    ΔG_cycle = Σ_j ν_j (RT ln(c_j,i / c_j,o) + z_j F V) + n_ATP ΔG_ATP

* the cycle runs forward when ΔG_cycle < 0;
* its reversal potential solves ΔG_cycle = 0 for V (ΔG_cycle is affine in V);
* the largest accumulation ratio of one species solves ΔG_cycle = 0 for c_s,i/c_s,o.

The laws ``ncx_reversal``, ``pump_reversal_potential`` and ``sglt_max_accumulation``
are produced here from the declarations below, not typed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from symmem.errors import InputError, UnknownNameError
from symmem.ions import IONS
from symmem.laws.base import Law, Output, Param, conc, energy, temperature, volt
from symmem.symbols import declare, info, sym

R, T, F, V = (sym(n) for n in ("R", "T", "F", "V"))
dG_ATP = sym("dG_ATP")

#: valence of each species a transporter may carry (neutral solutes have z = 0)
SPECIES_CHARGE: dict[str, int] = {**{n: ion.z for n, ion in IONS.items()}, "Glc": 0}


def species_symbols(species: str) -> tuple[sp.Symbol, sp.Symbol]:
    """Return the (inside, outside) concentration symbols of a species, declaring if new."""
    for side in ("in", "out"):
        if info(f"{species}_{side}") is not None:
            continue
        declare(f"{species}_{side}", rf"[\mathrm{{{species}}}]_{{\mathrm{{{side[0]}}}}}",
                "mol/m^3", f"{species} concentration {side}side", "positive")
    return sym(f"{species}_in"), sym(f"{species}_out")


def _count(value: Any) -> sp.Expr:
    """A stoichiometric count: an int or a SymPy expression, never text (no sympify)."""
    if isinstance(value, bool) or not isinstance(value, (int, sp.Expr)):
        raise InputError(f"a count per cycle must be an int or a SymPy expression; "
                        f"got {value!r}")
    return sp.Integer(value) if isinstance(value, int) else value


@dataclass(frozen=True)
class Transporter:
    """A transporter declared by its stoichiometry.

    ``moves`` maps a species to the number moved inward per cycle (negative for
    outward); ``atp`` is the ATP hydrolysed per cycle. ``charges`` adds valences
    for species not in the ion table.
    """

    name: str
    description: str
    moves: Mapping[str, Any]
    atp: Any = 0
    charges: Mapping[str, int] = field(default_factory=dict)

    def charge(self, species: str) -> int:
        if species in self.charges:
            return self.charges[species]
        try:
            return SPECIES_CHARGE[species]
        except KeyError:
            raise UnknownNameError(f"{self.name}: give the charge of {species!r} in "
                                   "charges=") from None

    def free_energy(self) -> sp.Expr:
        """ΔG_cycle = Σ ν_j (RT ln(c_j,i/c_j,o) + z_j F V) + n_ATP ΔG_ATP (J/mol)."""
        total = sp.Integer(0)
        for species, nu in self.moves.items():
            inside, outside = species_symbols(species)
            total += _count(nu) * (R * T * sp.log(inside / outside)
                                       + self.charge(species) * F * V)
        return total + _count(self.atp) * dG_ATP

    def net_charge_in(self) -> sp.Expr:
        """Σ ν_j z_j: elementary charges moved inward per cycle (0: electroneutral)."""
        return sp.Add(*(_count(nu) * self.charge(s) for s, nu in self.moves.items()))

    def reversal_potential(self) -> sp.Expr:
        """V at which ΔG_cycle = 0 (SI volts).

        ΔG_cycle is affine in V, so V_rev = (Σ_j ν_j RT ln(c_j,o/c_j,i) − n_ATP ΔG_ATP)
        / (F Σ_j ν_j z_j), written term by term so that it reads as a sum of Nernst
        potentials.
        """
        charge = self.net_charge_in()
        if charge == 0:
            raise InputError(f"{self.name} is electroneutral: it has no reversal potential")
        terms = []
        for species, nu in self.moves.items():
            inside, outside = species_symbols(species)
            terms.append(_count(nu) * R * T / (F * charge) * sp.log(outside / inside))
        terms.append(-_count(self.atp) * dG_ATP / (F * charge))
        return sp.Add(*terms)

    def max_accumulation(self, species: str) -> sp.Expr:
        """Largest c_s,i/c_s,o that the other moves can hold, from ΔG_cycle = 0.

        ratio = Π_(j≠s) (c_j,o/c_j,i)^(ν_j/ν_s) · e^(−(Σ_j ν_j z_j F V + n_ATP ΔG_ATP)/(ν_s RT))
        """
        if species not in self.moves:
            raise UnknownNameError(f"{self.name} does not move {species}")
        nu_s = _count(self.moves[species])
        ratio = sp.Integer(1)
        for other, nu in self.moves.items():
            if other != species:
                inside, outside = species_symbols(other)
                ratio *= (outside / inside) ** (_count(nu) / nu_s)
        work = self.net_charge_in() * F * V + _count(self.atp) * dG_ATP
        return ratio * sp.exp(-work / (nu_s * R * T))


n = sym("n")
#: the Na+/K+ ATPase: 3 Na+ out and 2 K+ in per ATP
NA_K_PUMP = Transporter("Na+/K+ pump", "3 Na+ out and 2 K+ in per ATP hydrolysed",
                        {"Na": -3, "K": 2}, atp=1)
#: the Na+/Ca2+ exchanger with n Na+ in per Ca2+ out (n = 3 in heart)
NCX = Transporter("NCX", "n Na+ in for 1 Ca2+ out (n = 3)", {"Na": n, "Ca": -1})
NCX3 = Transporter("NCX", "3 Na+ in for 1 Ca2+ out", {"Na": 3, "Ca": -1})
#: the Na+-glucose cotransporters: n Na+ in with 1 glucose
SGLT = Transporter("SGLT", "n Na+ in with 1 glucose in", {"Na": n, "Glc": 1})
SGLT1 = Transporter("SGLT1", "2 Na+ in with 1 glucose in", {"Na": 2, "Glc": 1})
SGLT2 = Transporter("SGLT2", "1 Na+ in with 1 glucose in", {"Na": 1, "Glc": 1})
#: the plasma-membrane Ca2+ ATPase: 1 Ca2+ out, 1 H+ in per ATP (the H+ count is debated)
PMCA = Transporter("PMCA", "1 Ca2+ out and 1 H+ in per ATP hydrolysed",
                   {"Ca": -1, "H": 1}, atp=1)

#: the cation–chloride cotransporters: KCC2 extrudes Cl- with K+ (mature neurons),
#: NKCC1 loads it with Na+ and K+ (immature neurons, sensory neurons, epithelia)
KCC2 = Transporter("KCC2", "1 K+ out with 1 Cl- out", {"K": -1, "Cl": -1})
NKCC1 = Transporter("NKCC1", "1 Na+, 1 K+ and 2 Cl- in", {"Na": 1, "K": 1, "Cl": 2})

TRANSPORTERS: dict[str, Transporter] = {
    "nak_pump": NA_K_PUMP, "ncx": NCX3, "sglt1": SGLT1, "sglt2": SGLT2, "pmca": PMCA,
    "kcc2": KCC2, "nkcc1": NKCC1}


def _ncx_n_check(values: Mapping[str, Any]) -> str | None:
    import numpy as np

    if np.any(np.asarray(values["n"]) == 2):
        return ("n = 2 makes the exchanger electroneutral (2 charges each way), so it has no "
                "reversal potential; use n = 3 (cardiac NCX) or another n != 2")
    return None


ncx_reversal = Law(
    "ncx_reversal", "Na+/Ca2+ exchanger reversal potential",
    sp.Eq(sym("E_NCX"), NCX.reversal_potential(), evaluate=False),
    [conc("Na_in"), conc("Na_out"), conc("Ca_in"), conc("Ca_out"), temperature(),
     Param("n", n, "", 1.0, "positive_integer", "Na+ per Ca2+", 3)],
    Output("E_NCX", sym("E_NCX"), "mV", 1e-3),
    "E_NCX = (n E_Na − 2 E_Ca)/(n − 2); with n = 3, 3E_Na − 2E_Ca. The exchanger moves "
    "Ca2+ out when V < E_NCX and runs in reverse when V > E_NCX.",
    topic="transporters", checks=[_ncx_n_check])

pump_reversal_potential = Law(
    "pump_reversal_potential", "Na+/K+ pump reversal potential",
    sp.Eq(sym("E_pump"), NA_K_PUMP.reversal_potential(), evaluate=False),
    [conc("Na_in"), conc("Na_out"), conc("K_in"), conc("K_out"), energy("dG_ATP"),
     temperature()],
    Output("E_pump", sym("E_pump"), "mV", 1e-3),
    "E_pump = 3E_Na − 2E_K + ΔG_ATP/F: the pump runs backwards at potentials more "
    "negative than this.",
    topic="transporters")

sglt_max_accumulation = Law(
    "sglt_max_accumulation", "SGLT largest glucose accumulation",
    sp.Eq(sym("ratio"), SGLT.max_accumulation("Glc"), evaluate=False),
    [conc("Na_in"), conc("Na_out"), volt("V"), temperature(),
     Param("n", n, "", 1.0, "positive_integer", "Na+ per glucose", 2)],
    Output("ratio", sym("ratio"), ""),
    "Largest [Glc]_i/[Glc]_o = ([Na]_o/[Na]_i)^n e^(−nFV/RT); n = 2 for SGLT1, 1 for SGLT2.",
    topic="transporters")



def _chloride_limit(transporter: Transporter, name: str, title: str, params: list[Param],
                    description: str) -> Law:
    """[Cl-]_i at which the transporter's cycle is at equilibrium, and E_Cl there (the
    Nernst law with z = −1)."""
    from symmem.laws.electrochemistry import nernst

    Cl_in, Cl_out, E_Cl = sym("Cl_in"), sym("Cl_out"), sym("E_Cl")
    limit = Cl_out * transporter.max_accumulation("Cl")
    e_cl = nernst.rhs.xreplace({sym("c_in"): limit, sym("c_out"): Cl_out, sym("z"): -1})
    return Law(name, title, sp.Eq(Cl_in, limit, evaluate=False), params,
               Output("Cl_in", Cl_in, "mM"), description, topic="transporters",
               also=[(Output("E_Cl", E_Cl, "mV", 1e-3), sp.Eq(E_Cl, e_cl, evaluate=False))])


kcc2_chloride_limit = _chloride_limit(
    KCC2, "kcc2_chloride_limit", "Lowest [Cl-]_i that KCC2 can hold",
    [conc("K_in"), conc("K_out"), conc("Cl_out"), temperature()],
    "KCC2 moves 1 K+ and 1 Cl- out together, electroneutrally; it stops when "
    "[K+]_i[Cl-]_i = [K+]_o[Cl-]_o, so it can lower [Cl-]_i to [Cl-]_o [K+]_o/[K+]_i and "
    "no further: there E_Cl = E_K. Mature neurons sit above this limit (Cl- leaks in), "
    "so E_Cl lies between E_K and the resting potential.")

nkcc1_chloride_limit = _chloride_limit(
    NKCC1, "nkcc1_chloride_limit", "Highest [Cl-]_i that NKCC1 can build",
    [conc("Na_in"), conc("Na_out"), conc("K_in"), conc("K_out"), conc("Cl_out"),
     temperature()],
    "NKCC1 moves 1 Na+, 1 K+ and 2 Cl- in together, electroneutrally; it stops when "
    "[Na+]_i[K+]_i[Cl-]_i² = [Na+]_o[K+]_o[Cl-]_o², so it can raise [Cl-]_i to "
    "[Cl-]_o √([Na+]_o[K+]_o/([Na+]_i[K+]_i)): E_Cl then lies well above the resting "
    "potential and GABA depolarises, as in immature neurons.")

LAWS: tuple[Law, ...] = (ncx_reversal, pump_reversal_potential, sglt_max_accumulation,
                         kcc2_chloride_limit, nkcc1_chloride_limit)
__all__ = ["KCC2", "LAWS", "NA_K_PUMP", "NCX", "NCX3", "NKCC1", "PMCA", "SGLT", "SGLT1",
           "SGLT2",
           "SPECIES_CHARGE", "TRANSPORTERS", "Transporter", *[law.name for law in LAWS]]
