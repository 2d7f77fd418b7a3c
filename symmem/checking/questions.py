"""The question bank: each question's right answer is taken from :mod:`symmem.laws`.

A question has its own symbol table, so ``E``, ``I``, ``Q``, ``N``, ``S`` or ``Ci``
mean what the question says and never SymPy's defaults. A lecturer adds one in a
few lines (or without Python, in a TOML file: :mod:`symmem.checking.question_file`)::

    add_question(symbolic(
        "pump_leak_half_time", "Write the half-time of the pump-leak model.",
        law("pump_leak_half_time").rhs, ["k"], lhs=["t_half", "t"]))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from symmem.errors import InputError, UnknownNameError
from symmem.laws import law
from symmem.symbols import sym

__all__ = ["QUESTIONS", "Question", "numeric", "question", "symbolic"]

#: the notation every question accepts for each symbol (CONVENTIONS, student notation)
ALIASES: dict[str, tuple[str, ...]] = {
    "R": ("R",), "T": ("T",), "F": ("F",), "z": ("z",), "V": ("V", "Vm", "V_m"),
    "E": ("E", "E_rev", "E_eq"),
    "c_in": ("c_i", "c_in", "ci", "Ci", "C_i", "c_inside", "X_i", "X_in"),
    "c_out": ("c_o", "c_out", "co", "Co", "C_o", "c_outside", "X_o", "X_out"),
    "P": ("P",), "p": ("p",), "k": ("k",), "t": ("t",), "G0": ("G_0", "G0"),
    "r": ("r",), "n": ("n",),
    "dpsi": ("dpsi", "Delta psi", "Deltapsi", "Dpsi", "psi"),
    "dmu": ("dmu", "Deltamu", "Dmu"),
    "dp": ("dp", "Deltap"),
    "dpH": ("dpH", "DeltapH", "DpH", "Delta pH"),
    "dNa": ("dNa", "DeltaNa", "DNa", "dNa_i", "DeltaNa_i", "DeltaNa_in"),
    "a": ("a", "r_axon"), "C_m": ("C_m", "Cm", "C"), "dV_AP": ("dV", "DeltaV", "dV_AP", "DV"),
    "overlap": ("phi", "overlap", "varphi"),
    "R_m": ("R_m", "Rm", "r_m"), "R_i": ("R_i", "Ri", "r_i", "r_L", "R_L"),
    "osmolarity": ("c", "c_osm", "pi", "Pi", "osm", "osmolarity"),
    "osmolarity0": ("c_0", "c0", "c_osm0", "pi_0", "Pi_0", "pi0", "osm0", "osmolarity0"),
    "b_nonosm": ("b", "b_nonosm"),
    "area": ("A", "area", "A_m", "S"),
    "dV": ("dV", "DeltaV", "DV"),
    "HCO3": ("HCO3", "HCO3_p", "bicarbonate"),
    "PCO2": ("PCO2", "P_CO2", "pCO2", "p_CO2", "P_CO_2"),
    "s_CO2": ("s", "s_CO2", "alpha"),
    "pK": ("pK", "pKa", "pK_a"),
    "salt_out": ("c_s", "cs", "c_salt", "salt_out", "c_o", "c"),
    "A_in": ("A", "A_i", "A_in", "Ai"),
    "diameter": ("d", "diameter", "d_axon"),
    # what a derivation passes through: each side's chemical and electric potential
    "mu_in": ("mu_in", "mu_i"), "mu_out": ("mu_out", "mu_o"), "mu0": ("mu0", "mu_0"),
    "psi_in": ("psi_in", "psi_i"), "psi_out": ("psi_out", "psi_o"),
}
for _ion in ("K", "Na", "Cl", "Ca"):
    ALIASES[f"{_ion}_in"] = (f"{_ion}_i", f"{_ion}_in", f"{_ion}i")
    ALIASES[f"{_ion}_out"] = (f"{_ion}_o", f"{_ion}_out", f"{_ion}o")
    ALIASES[f"P_{_ion}"] = (f"P_{_ion}", f"P{_ion}")
    ALIASES[f"E_{_ion}"] = (f"E_{_ion}", f"E{_ion}")
    ALIASES[f"g_{_ion}"] = (f"g_{_ion}", f"g{_ion}", f"G_{_ion}")


class SymbolTable(dict):
    """Names a student may type, mapped to symbols; ``display`` lists one name per symbol."""

    display: list[str]

    def extended(self, names: Sequence[str]) -> SymbolTable:
        """A copy that also knows ``names`` (with their aliases); ``display`` is kept."""
        table = SymbolTable(self)
        table.display = list(self.display)
        for name in names:
            for alias in ALIASES.get(name, (name,)):
                table.setdefault(alias.replace(" ", ""), sym(name))
        return table


#: the ions whose own notation (K_o, [K+]_o) a question about a generic ion accepts
GENERIC_IONS = ("K", "Na", "Cl", "Ca")


def symbol_table(names: Sequence[str]) -> SymbolTable:
    """Every way of writing each of ``names``, mapped to the registry's symbol."""
    table = SymbolTable()
    table.display = []
    for name in names:
        aliases = ALIASES.get(name, (name,))
        table.display.append(aliases[0].replace(" ", ""))
        for alias in aliases:
            table[alias.replace(" ", "")] = sym(name)
    return table


@dataclass(frozen=True)
class Question:
    """One question: a prompt, the right answer, the symbols a student may use.

    ``lhs`` are the names accepted on the left of an ``=``. ``swaps`` are pairs of
    symbols whose exchange is a known mistake (GHK anions: ``chloride_placement``).
    A numeric question has ``law_name`` and ``defaults`` and expects a number in
    ``unit``, within ``tolerance`` (absolute, in ``unit``) or ``rel_tolerance``.
    """

    name: str
    prompt: str
    answer: sp.Expr
    symbols: Mapping[str, sp.Basic]
    lhs: tuple[str, ...] = ()
    swaps: tuple[tuple[str, str, str], ...] = ()
    law_name: str | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)
    unit: str = ""
    tolerance: float = 0.0
    rel_tolerance: float = 0.0
    examples: tuple[str, ...] = ()
    expansions: Mapping[str, sp.Expr] = field(default_factory=dict)
    #: (the answer under another sign convention, the sentence that names ours)
    conventions: tuple[tuple[sp.Expr, str], ...] = ()
    #: the lecturer's words for a mistake code, used instead of the standard feedback
    feedback: Mapping[str, str] = field(default_factory=dict)
    #: known wrong answers: (expression, feedback, score, code)
    wrong: tuple[tuple[sp.Expr, str, float, str], ...] = ()
    #: where the question came from (a file, or the bundled bank)
    source: str = "bundled"
    #: for variants: each input's range (low, high) and the decimals a value gets
    vary: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    vary_digits: int = 1

    @property
    def numeric(self) -> bool:
        return self.law_name is not None

    @property
    def generic_ion(self) -> bool:
        """About an ion in general (c_i, c_o): each ion's own notation is accepted too."""
        used = self.answer.free_symbols.union(*(e.free_symbols for e in
                                                self.expansions.values()))
        return sym("c_in") in used and sym("c_out") in used

    def reading_table(self) -> SymbolTable:
        """What a student may type: the question's symbols, the symbols of what a named
        quantity stands for (E written out as the Nernst expression), and for a generic
        ion each ion's concentrations. Built once per question."""
        cached = self.__dict__.get("_reading_table")
        if cached is not None:
            return cached
        extra = sorted({s.name for e in self.expansions.values() for s in e.free_symbols})
        if self.generic_ion:
            extra += [f"{ion}_{side}" for ion in GENERIC_IONS for side in ("in", "out")]
        table = self.symbols if isinstance(self.symbols, SymbolTable) else symbol_table([])
        table = table.extended(extra) if extra else table
        self.__dict__["_reading_table"] = table  # a frozen dataclass may still cache
        return table

    def expanded(self) -> Question:
        """This question with each named quantity replaced by what it stands for."""
        mapping = {sym(name): value for name, value in self.expansions.items()}
        return replace(self, answer=self.answer.xreplace(mapping), expansions={})

    def expected(self, **params: Any) -> float:
        """The right number for a numeric question (physiology units)."""
        values = {**self.defaults, **params}
        return float(law(self.law_name).numeric(**values))  # type: ignore[arg-type]


def symbolic(name: str, prompt: str, answer: sp.Expr, names: Sequence[str], *,
             lhs: Sequence[str] = (), swaps: Sequence[tuple[str, str, str]] = (),
             examples: Sequence[str] = (), expand: Mapping[str, sp.Expr] | None = None,
             conventions: Sequence[tuple[sp.Expr, str]] = ()) -> Question:
    """A question whose answer is an expression in ``names`` (plus R, T, F).

    ``expand`` maps a named quantity of the answer to what it stands for (``E`` to the
    Nernst expression), so an answer that writes it out is judged too.
    """
    table = symbol_table(["R", "T", "F", *names])
    missing = answer.free_symbols - set(table.values())
    if missing:
        raise InputError(f"question {name}: the answer uses {sorted(map(str, missing))}, "
                         "which are not in its symbol table")
    return Question(name, prompt, answer, table, tuple(lhs), tuple(swaps),
                    examples=tuple(examples), expansions=dict(expand or {}),
                    conventions=tuple(conventions))


def nernst_for(ion: str, z: int) -> sp.Expr:
    """E of one ion, written with its own concentrations (from the nernst law)."""
    return law("nernst").rhs.xreplace({sym("c_in"): sym(f"{ion}_in"),
                                       sym("c_out"): sym(f"{ion}_out"), sym("z"): z})


def numeric(name: str, prompt: str, law_name: str, defaults: Mapping[str, Any], *,
            tolerance: float = 0.5, rel_tolerance: float = 0.01) -> Question:
    """A question whose answer is a number in the law's unit, with ``defaults`` as inputs."""
    item = law(law_name)
    return Question(name, prompt, item.rhs, {}, law_name=law_name, defaults=dict(defaults),
                    unit=item.result.unit, tolerance=tolerance, rel_tolerance=rel_tolerance)


def _ncx_in_reversal_potentials() -> sp.Expr:
    """E_NCX from the ncx_reversal law, with each concentration ratio written by Nernst."""
    nernst = law("nernst").equation
    c_out = sp.solve(nernst, sym("c_out"))[0]

    def outside(ion: str, z: int) -> sp.Expr:
        return c_out.subs({sym("c_in"): sym(f"{ion}_in"), sym("z"): z, sym("E"): sym(f"E_{ion}")})

    rhs = law("ncx_reversal").rhs.subs(sym("n"), 3)
    rhs = rhs.subs({sym("Na_out"): outside("Na", 1), sym("Ca_out"): outside("Ca", 2)})
    return sp.expand(sp.expand_log(rhs, force=True))


def _flipped(law_name: str, *names: str) -> sp.Expr:
    """A law's expression with the named differences taken the other way round."""
    return law(law_name).rhs.xreplace({sym(n): -sym(n) for n in names})


def _ghk() -> sp.Expr:
    return law("ghk_voltage").equation_for(("K", "Na", "Cl")).rhs


def _ion_names() -> list[str]:
    return [f"{x}_{side}" for x in ("K", "Na", "Cl") for side in ("in", "out")]


#: how to build each bundled question, in the order they are listed; a question is built
#: (its law loaded, its answer derived) only when it is first asked for
_BUILDERS: dict[str, Callable[[], Question]] = {
    "nernst": lambda: symbolic(
        "nernst", "Write the Nernst potential E of an ion of valence z (c_i inside, "
             "c_o outside).", law("nernst").rhs, ["z", "c_in", "c_out"], lhs=["E"],
             examples=("RT/(zF) ln(c_o/c_i)", r"\frac{RT}{zF}\ln\frac{c_o}{c_i}",
                       "2.303 RT/(zF) log10(c_o/c_i)", "-RT/(zF) ln(c_i/c_o)")),
    "driving_force": lambda: symbolic(
        "driving_force", "Write the driving force on an ion at membrane potential V "
             "with reversal potential E.", law("driving_force").rhs, ["V", "E"],
             lhs=["DF"], examples=("V - E", "-(E - V)", "V-E",
                                   "V - RT/(zF) ln(c_o/c_i)"),
             expand={"E": law("nernst").rhs}),
    "electrochemical_potential_difference": lambda: symbolic(
        "electrochemical_potential_difference", "Write Δμ̃ for moving one mole of "
             "an ion from outside to inside.", law("electrochemical_potential_difference"
                                                    ).rhs,
             ["z", "c_in", "c_out", "V"], lhs=["dmu", "Deltamu"],
             examples=("RT ln(c_i/c_o) + zFV", r"RT\ln\frac{c_i}{c_o} + zFV",
                       "zFV - RT ln(c_o/c_i)"),
             conventions=[(_flipped("electrochemical_potential_difference", "V"),
                           "It is right if V = ψ_o − ψ_i (Hodgkin and Katz's sign); this "
                           "course uses V = ψ_i − ψ_o, inside relative to outside.")]),
    "ghk_voltage": lambda: symbolic(
        "ghk_voltage", "Write the GHK voltage equation for K⁺, Na⁺ and Cl⁻.", _ghk(),
             ["P_K", "P_Na", "P_Cl", *_ion_names()], lhs=["V", "Vm", "E"],
             swaps=(("Cl_in", "Cl_out", "chloride_placement"),),
             examples=("RT/F ln((P_K K_o + P_Na Na_o + P_Cl Cl_i)/(P_K K_i + P_Na Na_i "
                       "+ P_Cl Cl_o))",
                       r"\frac{RT}{F}\ln\frac{P_K[K^+]_o + P_{Na}[Na^+]_o + P_{Cl}[Cl^-]_i}"
                       r"{P_K[K^+]_i + P_{Na}[Na^+]_i + P_{Cl}[Cl^-]_o}")),
    "ghk_current": lambda: symbolic(
        "ghk_current", "Write the GHK current of an ion (outward positive).",
             law("ghk_current").rhs, ["P", "z", "V", "c_in", "c_out"], lhs=["I"],
             examples=("P z^2 F^2 V/(R T) (c_i - c_o exp(-z F V/(R T)))/(1 - exp(-z F V/"
                       "(R T)))",),
             conventions=[(-law("ghk_current").rhs,
                           "It is right if inward current is positive; this course takes "
                           "outward current as positive.")]),
    "pump_leak_steady_state": lambda: symbolic(
        "pump_leak_steady_state", "Write the steady-state gradient of the pump–leak "
             "model dG/dt = p − kG.", law("pump_leak_steady_state").rhs, ["p", "k"],
             lhs=["G_ss", "G", "Gss"], examples=("p/k", "p k^-1")),
    "pump_leak_time_course": lambda: symbolic(
        "pump_leak_time_course", "Write G(t) for dG/dt = p − kG with G(0) = G_0.",
             law("pump_leak").rhs, ["p", "k", "G0", "t"], lhs=["G", "G(t)"],
             examples=("p/k + (G_0 - p/k) exp(-k t)", "G_0 e^(-kt) + p/k (1 - e^(-kt))")),
    "ncx_reversal": lambda: symbolic(
        "ncx_reversal", "Write the reversal potential of NCX (3 Na⁺ : 1 Ca²⁺) using "
             "E_Na and E_Ca.", _ncx_in_reversal_potentials(), ["E_Na", "E_Ca"],
             lhs=["E_NCX", "E"], examples=("3 E_Na - 2 E_Ca", "3E_{Na} - 2E_{Ca}"),
             expand={"E_Na": nernst_for("Na", 1), "E_Ca": nernst_for("Ca", 2)}),
    "mullins_noda": lambda: symbolic(
        "mullins_noda", "Write the Mullins–Noda equation with pump ratio r.",
             law("mullins_noda").rhs, ["r", "P_K", "P_Na", "K_in", "K_out", "Na_in",
                                       "Na_out"], lhs=["V", "Vm"],
             examples=("RT/F ln((r P_K K_o + P_Na Na_o)/(r P_K K_i + P_Na Na_i))",)),
    "sglt_max_accumulation": lambda: symbolic(
        "sglt_max_accumulation", "Write the largest glucose ratio [G]_i/[G]_o of an "
             "SGLT that couples n Na⁺ to one glucose.", law("sglt_max_accumulation").rhs,
             ["n", "Na_in", "Na_out", "V"], lhs=["ratio"],
             examples=("(Na_o/Na_i)^n exp(-n F V/(R T))",)),
    "proton_motive_force": lambda: symbolic(
        "proton_motive_force", "Write the proton-motive force Δp in terms of Δψ and "
             "ΔpH.", law("proton_motive_force").rhs, ["dpsi", "dpH"], lhs=["dp", "Deltap"],
             examples=("dpsi - 2.303 R T/F dpH", "dpsi - ln(10) RT/F dpH"),
             conventions=[
                 (_flipped("proton_motive_force", "dpH"),
                  "It is right if ΔpH = pH_o − pH_i; this course uses ΔpH = pH_i − pH_o."),
                 (_flipped("proton_motive_force", "dpsi"),
                  "It is right if Δψ = ψ_o − ψ_i; this course uses Δψ = ψ_i − ψ_o."),
                 (_flipped("proton_motive_force", "dpsi", "dpH"),
                  "It is right if Δψ and ΔpH are taken outside minus inside; this course "
                  "takes both inside minus outside.")]),
    "action_potential_budget": lambda: symbolic(
        "action_potential_budget", "Write the number of action potentials N an axon of "
             "radius a can fire before [Na⁺]ᵢ rises by Δ[Na⁺]ᵢ, each spike letting in φ "
             "times the capacitive minimum C_m ΔV per area.",
             law("action_potential_budget").rhs, ["dNa", "a", "C_m", "dV_AP", "overlap"],
             lhs=["N", "N_AP"], examples=("dNa F a/(2 phi C_m dV)",
                                          r"\frac{\Delta Na\, F a}{2 \phi C_m \Delta V}",
                                          "dNa F d/(4 phi C_m dV)"),
             expand={"a": sym("diameter") / 2}),
    "action_potential_budget_numeric": lambda: numeric(
        "action_potential_budget_numeric", "Compute how many action potentials the axon "
            "can fire with its pump blocked (C_m = 1 µF/cm², ΔV = 100 mV unless given).",
            "action_potential_budget", {"dNa": 10.0, "a": 1.0, "overlap": 1.0}),
    "membrane_time_constant": lambda: symbolic(
        "membrane_time_constant", "Write the membrane time constant τ_m of a patch with "
             "specific resistance R_m and capacitance C_m per area.",
             law("membrane_time_constant").rhs, ["R_m", "C_m"], lhs=["tau", "tau_m"],
             examples=("R_m C_m", "C_m*R_m", r"R_m C_m")),
    "membrane_time_constant_numeric": lambda: numeric(
        "membrane_time_constant_numeric", "Compute τ_m in ms (C_m = 1 µF/cm² unless "
            "given).", "membrane_time_constant", {"R_m": 1e4, "C_m": 1.0}),
    "length_constant": lambda: symbolic(
        "length_constant", "Write the length constant λ of a cylindrical process of "
             "radius a, specific membrane resistance R_m and axoplasm resistivity R_i.",
             law("length_constant").rhs, ["a", "R_m", "R_i"], lhs=["lambda", "lam"],
             examples=("sqrt(a R_m/(2 R_i))", r"\sqrt{\frac{a R_m}{2 R_i}}",
                       "(a R_m / (2 R_i))^(1/2)", r"\sqrt{\frac{d R_m}{4 R_i}}"),
             expand={"a": sym("diameter") / 2}),
    "length_constant_numeric": lambda: numeric(
        "length_constant_numeric", "Compute λ in mm.", "length_constant",
            {"a": 2.0, "R_m": 1e4, "R_i": 100.0}),
    "input_resistance": lambda: symbolic(
        "input_resistance", "Write the input resistance R_in of a small isopotential cell "
             "of membrane area A and specific membrane resistance R_m.",
             law("input_resistance").rhs, ["R_m", "area"], lhs=["R_in", "Rin", "R"],
             examples=("R_m/A", r"\frac{R_m}{A}")),
    "input_resistance_numeric": lambda: numeric(
        "input_resistance_numeric", "Compute R_in in MΩ for a cell of 10,000 µm² with "
            "R_m = 10,000 Ω·cm².", "input_resistance", {"R_m": 1e4, "area": 1e4}),
    "capacitive_charge": lambda: symbolic(
        "capacitive_charge", "Write the charge per area Q that changes the potential of a "
             "membrane of capacitance C_m per area by ΔV.", law("capacitive_charge").rhs,
             ["C_m", "dV"], lhs=["Q", "q"], examples=("C_m dV", r"C_m \Delta V")),
    "osmotic_pressure": lambda: symbolic(
        "osmotic_pressure", "Write van 't Hoff's osmotic pressure Π of an ideal dilute "
             "solution of osmolarity c.", law("osmotic_pressure").rhs, ["osmolarity"],
             lhs=["Pi_osm", "PI", "Pi"], examples=("c R T", "R T c")),
    "henderson_hasselbalch": lambda: symbolic(
        "henderson_hasselbalch", "Write the pH of a CO₂/HCO₃⁻ buffer with pK, [HCO₃⁻], "
             "the CO₂ solubility s and P_CO₂.", law("henderson_hasselbalch").rhs,
             ["pK", "HCO3", "s_CO2", "PCO2"], lhs=["pH"],
             examples=("pK + log10(HCO3/(s PCO2))", r"pK + \log_{10}\frac{HCO3}{s P_{CO2}}",
                       "pK + ln(HCO3/(s PCO2))/ln(10)")),
    "nernst_numeric": lambda: numeric(
        "nernst_numeric", "Compute the Nernst potential in mV (37 °C unless T is "
            "given).", "nernst", {"c_in": 140.0, "c_out": 5.0, "z": 1}),
    "ghk_voltage_numeric": lambda: numeric(
        "ghk_voltage_numeric", "Compute the GHK resting potential in mV (37 °C unless "
            "T is given).", "ghk_voltage",
            {"P_K": 1.0, "P_Na": 0.05, "K_in": 140.0, "K_out": 5.0, "Na_in": 10.0,
             "Na_out": 145.0}),
    "chord_conductance": lambda: symbolic(
        "chord_conductance", "Write the membrane potential at which the currents "
             "g_X (V − E_X) through K⁺, Na⁺ and Cl⁻ channels sum to zero.",
             law("chord_conductance").rhs, ["g_K", "g_Na", "g_Cl", "E_K", "E_Na", "E_Cl"],
             lhs=["V", "Vm"],
             examples=("(g_K E_K + g_Na E_Na + g_Cl E_Cl)/(g_K + g_Na + g_Cl)",
                       r"\frac{g_K E_K + g_{Na} E_{Na} + g_{Cl} E_{Cl}}{g_K + g_{Na} + g_{Cl}}")),
    "chord_conductance_numeric": lambda: numeric(
        "chord_conductance_numeric", "Compute V in mV from the chord-conductance "
            "equation.", "chord_conductance",
            {"g_K": 1.0, "E_K": -90.0, "g_Na": 0.05, "E_Na": 60.0, "g_Cl": 0.3,
             "E_Cl": -70.0}),
    "chemical_potential_difference": lambda: symbolic(
        "chemical_potential_difference", "Write the free energy of moving one mole of an "
             "uncharged solute from outside (c_o) to inside (c_i).",
             law("chemical_potential_difference").rhs, ["c_in", "c_out"],
             lhs=["dmu", "Deltamu", "DeltaG", "dG"],
             examples=("R T ln(c_i/c_o)", r"RT\ln\frac{c_i}{c_o}")),
    "chemical_potential_difference_numeric": lambda: numeric(
        "chemical_potential_difference_numeric", "Compute Δμ in kJ/mol for glucose "
            "ten times more concentrated inside than outside, at 37 °C.",
            "chemical_potential_difference", {"c_in": 10.0, "c_out": 1.0},
            tolerance=0.05),
    "ussing_flux_ratio": lambda: symbolic(
        "ussing_flux_ratio", "Write Ussing's ratio of the unidirectional influx to the "
             "efflux of an ion of valence z that crosses independently.",
             law("ussing_flux_ratio").rhs, ["c_in", "c_out", "z", "V"],
             lhs=["ratio", "J_in/J_out"],
             examples=("c_o/c_i exp(-z F V/(R T))", r"\frac{c_o}{c_i} e^{-\frac{zFV}{RT}}")),
    "cell_volume": lambda: symbolic(
        "cell_volume", "Write the volume W/W₀ of a cell in a medium of osmolarity c "
             "(isotonic osmolarity c_0, non-osmotic fraction b of the volume).",
             law("cell_volume").rhs, ["osmolarity", "osmolarity0", "b_nonosm"],
             lhs=["W/W_0", "W/W0", "V/V_0", "V/V0", "volume"],
             examples=("b + (1 - b) c_0/c", r"b + (1-b)\frac{c_0}{c}")),
    "capacitive_charge_numeric": lambda: numeric(
        "capacitive_charge_numeric", "Compute the charge in nC/cm² that changes the "
            "potential of a 1 µF/cm² membrane by 100 mV.", "capacitive_charge",
            {"dV": 100.0}),
    "osmotic_pressure_numeric": lambda: numeric(
        "osmotic_pressure_numeric", "Compute the osmotic pressure in mmHg of a "
            "300 mOsm/L solution against pure water at 37 °C.", "osmotic_pressure",
            {"osmolarity": 300.0}, tolerance=30.0),
    "henderson_hasselbalch_numeric": lambda: numeric(
        "henderson_hasselbalch_numeric", "Compute the pH of plasma with 12 mM HCO₃⁻ "
            "and a P_CO₂ of 40 mmHg (pK 6.1, s 0.0307 mM/mmHg).", "henderson_hasselbalch",
            {"HCO3": 12.0, "PCO2": 40.0}, tolerance=0.02, rel_tolerance=0.0),
    "donnan_numeric": lambda: numeric(
        "donnan_numeric", "100 mM KCl outside, 50 mM impermeant monovalent anions inside: "
            "compute [K⁺]ᵢ in mM at Donnan equilibrium.", "donnan",
            {"salt_out": 100.0, "A_in": 50.0}),
    "donnan": lambda: symbolic(
        "donnan", "A 1:1 salt, c_s outside, is in equilibrium with a cell that holds "
             "impermeant monovalent anions, A inside. Write the permeant cation's "
             "concentration inside, [M⁺]ᵢ.",
             law("donnan").rhs.xreplace({sym("z_A"): -1}), ["salt_out", "A_in"],
             lhs=["M_i", "M_in", "K_i", "K_in", "cation_in"],
             examples=("(A + sqrt(A^2 + 4 c_s^2))/2", r"\frac{A+\sqrt{A^2+4c_s^2}}{2}")),
    "kcc2_chloride_limit": lambda: symbolic(
        "kcc2_chloride_limit", "Write the lowest [Cl⁻]ᵢ that KCC2 (1 K⁺ and 1 Cl⁻ out "
             "together) can hold.", law("kcc2_chloride_limit").rhs,
             ["K_in", "K_out", "Cl_out"], lhs=["Cl_in", "Cl_i"],
             examples=("Cl_o K_o/K_i", r"[Cl^-]_o\frac{[K^+]_o}{[K^+]_i}")),
    "nkcc1_chloride_limit": lambda: symbolic(
        "nkcc1_chloride_limit", "Write the highest [Cl⁻]ᵢ that NKCC1 (1 Na⁺, 1 K⁺ and "
             "2 Cl⁻ in together) can build.", law("nkcc1_chloride_limit").rhs,
             ["Na_in", "Na_out", "K_in", "K_out", "Cl_out"], lhs=["Cl_in", "Cl_i"],
             examples=("Cl_o sqrt(Na_o K_o/(Na_i K_i))",
                       r"[Cl^-]_o\sqrt{\frac{[Na^+]_o[K^+]_o}{[Na^+]_i[K^+]_i}}")),
    "nkcc1_chloride_limit_numeric": lambda: numeric(
        "nkcc1_chloride_limit_numeric", "Compute the highest [Cl⁻]ᵢ in mM that NKCC1 can "
            "build with [Na⁺]ᵢ 10, [Na⁺]ₒ 145, [K⁺]ᵢ 140, [K⁺]ₒ 3.5 and [Cl⁻]ₒ 130 mM.",
            "nkcc1_chloride_limit", {"Na_in": 10.0, "Na_out": 145.0, "K_in": 140.0,
                                     "K_out": 3.5, "Cl_out": 130.0}),
    "ussing_flux_ratio_numeric": lambda: numeric(
        "ussing_flux_ratio_numeric", "Compute Ussing's influx/efflux ratio for Na⁺ "
            "(12 mM inside, 145 mM outside) at −70 mV and 37 °C.", "ussing_flux_ratio",
            {"c_in": 12.0, "c_out": 145.0, "z": 1, "V": -70.0}, tolerance=1.0),
    "cell_volume_numeric": lambda: numeric(
        "cell_volume_numeric", "A cell whose volume is 40 % non-osmotic (b = 0.4) moves "
            "from 290 to 145 mOsm/L. Compute its volume over its isotonic volume.",
            "cell_volume", {"osmolarity": 145.0, "osmolarity0": 290.0, "b": 0.4},
            tolerance=0.02, rel_tolerance=0.0),
    "kcc2_chloride_limit_numeric": lambda: numeric(
        "kcc2_chloride_limit_numeric", "Compute the lowest [Cl⁻]ᵢ in mM that KCC2 can "
            "hold with [K⁺]ᵢ 140, [K⁺]ₒ 3.5 and [Cl⁻]ₒ 130 mM.", "kcc2_chloride_limit",
            {"K_in": 140.0, "K_out": 3.5, "Cl_out": 130.0}, tolerance=0.05),
}


class _Bank(dict):
    """The bundled questions by name, each built on first use (``dict`` underneath, so
    a question added with :func:`add_question` is simply stored)."""

    def __missing__(self, name: str) -> Question:
        if name not in _BUILDERS:
            raise KeyError(name)
        self[name] = built = _BUILDERS[name]()
        return built

    def __contains__(self, name: object) -> bool:
        return name in _BUILDERS or dict.__contains__(self, name)

    def __iter__(self) -> Iterator[str]:
        yield from _BUILDERS
        yield from (k for k in dict.keys(self) if k not in _BUILDERS)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def keys(self):
        return list(iter(self))

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


QUESTIONS: dict[str, Question] = _Bank()


def add_question(q: Question, *, replace: bool = False) -> Question:
    """Add ``q`` to the bundled bank; a name already there is refused unless ``replace``."""
    if q.name in QUESTIONS and not replace:
        raise InputError(f"a question called {q.name!r} already exists; pass replace=True "
                         "to redefine it")
    QUESTIONS[q.name] = q
    return q


def question(name: str, questions: Mapping[str, Question] | None = None) -> Question:
    """The question called ``name`` (in ``questions`` first, then the bundled bank); an
    unknown name raises with the closest match."""
    if questions is not None and name in questions:
        return questions[name]
    try:
        return QUESTIONS[name]
    except KeyError:
        import difflib

        known = [*(questions or {}), *QUESTIONS]
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownNameError(f"unknown question {name!r}{hint}. Questions: "
                               f"{', '.join(known)}") from None

