"""One registry of symbols: name, SymPy assumptions, LaTeX, SI unit and meaning.

Every symbol symmem uses is declared here once (or through :func:`declare` by a
derivation that needs a local one), so that ``E_Na`` is always the same SymPy
object, always printed as ``E_{\\mathrm{Na}}`` and always real.

Assumptions follow CONVENTIONS: R, T, F, concentrations, permeabilities, p, k
and t are positive; z is a nonzero integer; V, E, ψ and G are real.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symmem.errors import InputError, UnknownNameError

__all__ = ["SymbolInfo", "declare", "info", "registry", "sym", "symbols_of"]

_ASSUMPTIONS: dict[str, dict[str, bool]] = {
    "positive": {"positive": True},
    "nonnegative": {"nonnegative": True, "real": True},
    "real": {"real": True},
    "nonzero_integer": {"integer": True, "nonzero": True},
    "positive_integer": {"integer": True, "positive": True},
}


@dataclass(frozen=True)
class SymbolInfo:
    """A declared symbol: its SymPy object, LaTeX name, SI unit and meaning."""

    name: str
    symbol: sp.Symbol
    latex: str
    unit: str
    meaning: str
    domain: str


_REGISTRY: dict[str, SymbolInfo] = {}
_BY_SYMBOL: dict[sp.Symbol, SymbolInfo] = {}


def declare(name: str, latex: str, unit: str, meaning: str, domain: str = "real") -> sp.Symbol:
    """Declare a symbol once; declaring the same name again returns the same object.

    ``domain`` is one of ``positive``, ``nonnegative``, ``real``,
    ``nonzero_integer`` or ``positive_integer`` and fixes the SymPy assumptions.
    """
    if domain not in _ASSUMPTIONS:
        raise InputError(f"unknown domain {domain!r}; use one of {sorted(_ASSUMPTIONS)}")
    existing = _REGISTRY.get(name)
    if existing is not None:
        if (existing.latex, existing.domain) != (latex, domain):
            raise InputError(f"symbol {name!r} is already declared differently")
        return existing.symbol
    symbol = sp.Symbol(name, **_ASSUMPTIONS[domain])
    entry = SymbolInfo(name, symbol, latex, unit, meaning, domain)
    _REGISTRY[name] = entry
    _BY_SYMBOL[symbol] = entry
    return symbol


def sym(name: str) -> sp.Symbol:
    """Return the registered symbol called ``name``."""
    try:
        return _REGISTRY[name].symbol
    except KeyError:
        raise UnknownNameError(f"no symbol {name!r} is declared") from None


def info(symbol: sp.Symbol | str) -> SymbolInfo | None:
    """Return the registry entry for a symbol (or its name), or None if undeclared."""
    if isinstance(symbol, str):
        return _REGISTRY.get(symbol)
    return _BY_SYMBOL.get(symbol)


def registry() -> dict[str, SymbolInfo]:
    """Return a copy of the whole registry, keyed by name."""
    return dict(_REGISTRY)


def symbols_of(*names: str) -> tuple[sp.Symbol, ...]:
    """Return several registered symbols at once."""
    return tuple(sym(n) for n in names)


# --- constants and state -------------------------------------------------------------
declare("R", "R", "J/(mol K)", "gas constant", "positive")
declare("F", "F", "C/mol", "Faraday constant", "positive")
declare("T", "T", "K", "absolute temperature", "positive")
declare("e_charge", "e", "C", "elementary charge", "positive")
declare("z", "z", "1", "valence of the ion (signed integer)", "nonzero_integer")
declare("n", "n", "1", "number of ions per transport cycle", "positive_integer")
declare("r", "r", "1", "pump coupling ratio Na+ out : K+ in", "positive")
declare("RT_F", r"V_{\mathrm{T}}", "V", "thermal voltage RT/F")
declare("slope", r"s_{10}", "V", "Nernst slope per tenfold change of concentration")

# --- potentials ----------------------------------------------------------------------
declare("V", "V", "V", "membrane potential, inside relative to outside")
declare("E", "E", "V", "equilibrium (Nernst, reversal) potential")
declare("psi", r"\psi", "V", "electrical potential of a compartment")
declare("psi_in", r"\psi_{\mathrm{i}}", "V", "electrical potential inside")
declare("psi_out", r"\psi_{\mathrm{o}}", "V", "electrical potential outside")
declare("DF", r"\mathrm{DF}", "V", "driving force V - E")
declare("mu", r"\mu", "J/mol", "chemical potential")
declare("mu0", r"\mu^{\circ}", "J/mol", "standard chemical potential")
declare("mu_tilde", r"\tilde{\mu}", "J/mol", "electrochemical potential")
declare("mu_in", r"\tilde{\mu}_{\mathrm{i}}", "J/mol", "electrochemical potential inside")
declare("mu_out", r"\tilde{\mu}_{\mathrm{o}}", "J/mol", "electrochemical potential outside")
declare("dmu", r"\Delta\tilde{\mu}", "J/mol", "electrochemical potential difference, out to in")
declare("c", "c", "mol/m^3", "concentration", "positive")
declare("c_in", r"c_{\mathrm{i}}", "mol/m^3", "concentration inside", "positive")
declare("c_out", r"c_{\mathrm{o}}", "mol/m^3", "concentration outside", "positive")
declare("P", "P", "m/s", "permeability", "positive")
declare("I", "I", "A/m^2", "current density, outward positive")
declare("w", "w", "1", "e^(FV/RT)", "positive")
declare("A", "A", "m/s mol/m^3", "sum of P c over the inside for cations (outside for "
        "anions): the GHK denominator", "positive")
declare("B", "B", "m/s mol/m^3", "sum of P c over the outside for cations (inside for "
        "anions): the GHK numerator", "positive")

_IONS = {"K": ("K", "+"), "Na": ("Na", "+"), "Cl": ("Cl", "-"), "Ca": ("Ca", "2+"),
         "H": ("H", "+"), "HCO3": ("HCO_{3}", "-")}
for _ion, (_tex, _charge) in _IONS.items():
    for _side, _letter, _word in (("in", "i", "inside"), ("out", "o", "outside")):
        declare(f"{_ion}_{_side}", rf"[\mathrm{{{_tex}}}^{{{_charge}}}]_{{\mathrm{{{_letter}}}}}",
                "mol/m^3", f"{_ion} concentration {_word}", "positive")
    declare(f"P_{_ion}", rf"P_{{\mathrm{{{_tex}}}}}", "m/s", f"permeability to {_ion}", "positive")
    declare(f"E_{_ion}", rf"E_{{\mathrm{{{_tex}}}}}", "V", f"equilibrium potential of {_ion}")
for _side, _letter, _word in (("in", "i", "inside"), ("out", "o", "outside")):
    declare(f"Glc_{_side}", rf"[\mathrm{{Glc}}]_{{\mathrm{{{_letter}}}}}", "mol/m^3",
            f"glucose concentration {_word}", "positive")
declare("dmu_chem", r"\Delta\mu", "J/mol",
        "chemical potential difference of an uncharged solute, out to in")
declare("flux_ratio", r"\frac{J_{\mathrm{in}}}{J_{\mathrm{out}}}", "1",
        "unidirectional influx over efflux of one ion (Ussing)", "positive")
declare("I_efflux", r"I_{\mathrm{out}}", "A/m^2",
        "current carried by the unidirectional efflux (outward, positive)")
declare("I_influx", r"I_{\mathrm{in}}", "A/m^2",
        "current carried by the unidirectional influx (inward, negative)")
declare("E_NCX", r"E_{\mathrm{NCX}}", "V", "reversal potential of the Na+/Ca2+ exchanger")
declare("E_pump", r"E_{\mathrm{pump}}", "V", "reversal potential of the Na+/K+ pump")
declare("E_rev", r"E_{\mathrm{rev}}", "V", "reversal potential of a transporter")
declare("ratio", r"\rho_{\max}", "1", "largest accumulation ratio c_i/c_o")

# --- chord conductance ------------------------------------------------------------------
for _ion, _tex in (("K", "K"), ("Na", "Na"), ("Cl", "Cl"), ("Ca", "Ca"), ("L", "L")):
    declare(f"g_{_ion}", rf"g_{{\mathrm{{{_tex}}}}}", "S/m^2",
            f"conductance to {_ion}" if _ion != "L" else "leak conductance", "nonnegative")
declare("E_L", r"E_{\mathrm{L}}", "V", "reversal potential of the leak")

# --- solutions: osmosis, acid-base, Donnan ------------------------------------------------
declare("osmolarity", r"c_{\mathrm{osm}}", "mol/m^3", "osmolarity", "positive")
declare("osmolarity0", r"c_{0}", "mol/m^3", "osmolarity at which the cell "
        "has its reference volume (isotonic)", "positive")
declare("b_nonosm", "b", "1", "non-osmotic fraction of the reference volume (solids and "
        "bound water)", "nonnegative")
declare("rel_volume", r"W/W_{0}", "1", "cell volume relative to its isotonic volume",
        "positive")
declare("n_osm", r"n_{\mathrm{osm}}", "mol/m^3", "osmoles trapped in the cell, per "
        "isotonic volume", "positive")
declare("osm_in", r"c_{\mathrm{osm,i}}", "mol/m^3", "osmolarity of the cell water",
        "positive")
declare("Pi_osm", r"\Pi", "Pa", "osmotic pressure", "positive")
declare("HCO3", r"[\mathrm{HCO}_{3}^{-}]", "mol/m^3", "bicarbonate concentration",
        "positive")
declare("PCO2", r"P_{\mathrm{CO_{2}}}", "Pa", "partial pressure of CO2", "positive")
declare("s_CO2", r"s", "mol/(m^3 Pa)", "solubility of CO2", "positive")
declare("pK", r"\mathrm{p}K", "1", "pK of the CO2/HCO3- pair", "positive")
declare("H_free", r"[\mathrm{H}^{+}]", "mol/m^3", "free H+ concentration", "positive")
declare("CO2_aq", r"[\mathrm{CO_{2}}]", "mol/m^3", "dissolved CO2 concentration", "positive")
declare("K_a", r"K", "mol/m^3", "dissociation constant of CO2/HCO3- (10^-pK)", "positive")
declare("pH", r"\mathrm{pH}", "1", "pH")
declare("salt_out", r"c_{\mathrm{s}}", "mol/m^3", "1:1 salt concentration outside",
        "positive")
declare("A_in", r"[\mathrm{A}]_{\mathrm{i}}", "mol/m^3", "impermeant ion inside",
        "positive")
declare("z_A", r"z_{\mathrm{A}}", "1", "valence of the impermeant ion", "nonzero_integer")
declare("cation_in", r"[\mathrm{M}^{+}]_{\mathrm{i}}", "mol/m^3",
        "permeant cation inside at Donnan equilibrium", "positive")
declare("anion_in", r"[\mathrm{X}^{-}]_{\mathrm{i}}", "mol/m^3",
        "permeant anion inside at Donnan equilibrium", "positive")
declare("r_D", r"r", "1", "Donnan ratio [M+]_i/[M+]_o = [X-]_o/[X-]_i", "positive")
declare("osm_excess", r"\Delta c_{\mathrm{osm}}", "mol/m^3",
        "osmolarity inside over outside at Donnan equilibrium")

# --- pump-leak ------------------------------------------------------------------------
declare("G", "G", "1", "size of the gradient")
declare("G0", "G_{0}", "1", "gradient at t = 0")
declare("G_ss", r"G_{\mathrm{ss}}", "1", "steady-state gradient p/k")
declare("p", "p", "1/s", "pump rate (gradient units per second)", "positive")
declare("k", "k", "1/s", "leak rate constant", "positive")
declare("t", "t", "s", "time", "positive")
declare("tau", r"\tau", "s", "time constant 1/k", "positive")
declare("t_half", r"t_{1/2}", "s", "half-time ln 2 / k", "positive")

# --- bioenergetics ----------------------------------------------------------------------
declare("dG_ATP", r"\Delta G_{\mathrm{ATP}}", "J/mol", "free energy of ATP hydrolysis")
declare("dG0", r"\Delta G^{\circ\prime}", "J/mol", "standard free energy of ATP hydrolysis")
declare("dG_cycle", r"\Delta G_{\mathrm{cycle}}", "J/mol", "free energy of one transport cycle")
declare("ATP", r"[\mathrm{ATP}]", "mol/m^3", "ATP concentration", "positive")
declare("ADP", r"[\mathrm{ADP}]", "mol/m^3", "ADP concentration", "positive")
declare("Pi", r"[\mathrm{P_{i}}]", "mol/m^3", "inorganic phosphate concentration", "positive")
declare("c_std", r"c^{\circ}", "mol/m^3", "standard concentration, 1 mol/L", "positive")
declare("dpsi", r"\Delta\psi", "V", "electrical potential difference psi_in - psi_out")
declare("dpH", r"\Delta\mathrm{pH}", "1", "pH difference pH_in - pH_out")
declare("dp", r"\Delta p", "V", "proton-motive force")
declare("pH_in", r"\mathrm{pH}_{\mathrm{i}}", "1", "pH inside")
declare("pH_out", r"\mathrm{pH}_{\mathrm{o}}", "1", "pH outside")
declare("n_H", r"n_{\mathrm{H}}", "1", "protons per ATP made by ATP synthase")

# --- Nernst-Planck and GHK derivations --------------------------------------------------------
declare("x", "x", "m", "position across the membrane, 0 inside to L outside",
        "nonnegative")
declare("L", "L", "m", "membrane thickness", "positive")
declare("D", "D", "m^2/s", "diffusion coefficient in the membrane", "positive")
declare("beta", r"\beta", "1", "membrane/water partition coefficient", "positive")
declare("J", "J", "mol/(m^2 s)", "flux, outward positive")
declare("I_0", "I_{0}", "A/m^2", "GHK current at V = 0")
for _ion in ("K", "Na", "Cl", "Ca"):
    declare(f"I_{_ion}", rf"I_{{\mathrm{{{_ion}}}}}", "A/m^2", f"current carried by {_ion}")

# --- excitability: the Na+ cost of action potentials ----------------------------------------
declare("C_m", r"C_{\mathrm{m}}", "F/m^2", "membrane capacitance per area", "positive")
declare("R_m", r"R_{\mathrm{m}}", "ohm*m^2", "specific membrane resistance (of one area)",
        "positive")
declare("R_i", r"R_{\mathrm{i}}", "ohm*m", "resistivity of the axoplasm", "positive")
declare("tau_m", r"\tau_{\mathrm{m}}", "s", "membrane time constant R_m C_m", "positive")
declare("lam", r"\lambda", "m", "length constant of a cable", "positive")
declare("R_in", r"R_{\mathrm{in}}", "ohm", "input resistance", "positive")
declare("area", r"A", "m^2", "membrane area of the cell", "positive")
declare("x_cable", "x", "m", "distance along a cable from where current is injected",
        "nonnegative")
declare("J_inj", r"J_{\mathrm{inj}}", "A/m^2", "current injected per area of membrane",
        "positive")
declare("I_inj", r"I_{\mathrm{inj}}", "A", "current injected into a cell", "positive")
declare("v_ss", r"v_{\mathrm{ss}}", "V", "steady displacement of V from rest")
declare("ell", r"\ell", "m", "the distance in a cable's exponentials, √(a R_m/(2 R_i))",
        "positive")
declare("v_0", r"v_{0}", "V", "displacement of V from rest where current is injected")
declare("dV_AP", r"\Delta V", "V", "depolarisation of one action potential", "positive")
declare("a", "a", "m", "axon radius", "positive")
declare("diameter", "d", "m", "axon diameter, 2a", "positive")
declare("A_m", r"A_{\mathrm{m}}", "m^2", "membrane area", "positive")
declare("W", "W", "m^3", "cell volume", "positive")
declare("Q_AP", r"Q_{\mathrm{AP}}", "C/m^2", "Na+ charge that enters per area in one "
        "action potential", "positive")
declare("dc_AP", r"\Delta c_{\mathrm{AP}}", "mol/m^3",
        "rise of [Na+]_i in one action potential", "positive")
declare("dNa", r"\Delta[\mathrm{Na}^{+}]_{\mathrm{i}}", "mol/m^3",
        "rise of [Na+]_i the cell can tolerate", "positive")
declare("N_AP", r"N_{\mathrm{AP}}", "1", "number of action potentials", "positive")
declare("dV", r"\Delta V", "V", "change of the membrane potential")
declare("Q", "Q", "C/m^2", "charge per area on the membrane capacitor")
declare("q_m", r"q", "C/m^2", "charge per area held by the membrane capacitor at V")
declare("q_new", r"q'", "C/m^2", "charge per area held at V + ΔV")
declare("n_ions", r"n_{\mathrm{ions}}", "1/m^2", "monovalent ions per area that carry Q")
declare("overlap", r"\phi", "1", "Na+ entry of one spike over its capacitive minimum "
        "(1 to 4: the Na+ and K+ currents overlap)", "positive")
