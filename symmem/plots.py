"""Figures for notebooks and slides, each computed from the laws of :mod:`symmem.laws`.

Every function takes the quantities a student may want to change as keyword
arguments (physiology units: mM, mV, K, kJ/mol, 1/s), draws one figure with
labelled axes and units, and returns the :class:`matplotlib.figure.Figure`.
Defaults are the mammalian values of Hille (2001), Table 1.1, at 37 °C.

>>> from symmem.plots import nernst_vs_ghk
>>> fig = nernst_vs_ghk(P_Na=0.02)
>>> fig.axes[0].get_xlabel()  # symbols as mathtext
'$[\\\\mathrm{K}^{+}]_{\\\\mathrm{o}}$ (mM)'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.figure import Figure

from symmem.constants import AVOGADRO, BODY_TEMPERATURE
from symmem.ions import ion, preparation
from symmem.laws import law
from symmem.quantity import number_text

__all__ = [
    "action_potential_budget_vs_radius",
    "capacitive_fraction_vs_radius",
    "cell_volume_vs_osmolarity",
    "chord_conductance_vs_ratio",
    "donnan_vs_impermeant",
    "driving_forces",
    "electrochemical_potential_vs_voltage",
    "gaba_reversal_vs_chloride",
    "ghk_calcium_voltage",
    "ghk_iv_curves",
    "ischemia_cascade",
    "mullins_noda_vs_ghk",
    "ncx_reversal_map",
    "nernst_per_decade",
    "nernst_vs_ghk",
    "osmotic_pressure_vs_osmolarity",
    "passive_membrane_responses",
    "ph_vs_pco2",
    "proton_motive_force_parts",
    "pump_block_spiking",
    "pump_leak_time_course",
    "sglt_accumulation",
    "ussing_ratio_vs_voltage",
]

_MAMMAL = preparation("mammalian")
#: drawn at the size a slide shows it (a 16:9 Beamer frame's text width and the room
#: under a one-line heading), so every label keeps its size: at least 9 pt
_SIZE = (5.5, 2.35)
_STYLE = {
    "font.size": 10, "axes.labelsize": 10, "axes.titlesize": 10, "xtick.labelsize": 9,
    "ytick.labelsize": 9, "legend.fontsize": 9, "legend.title_fontsize": 9,
    "axes.prop_cycle": cycler(color=["#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                     "#E69F00", "#56B4E9"])
    + cycler(linestyle=["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1))]),
}


def _styled(function: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw ``function``'s figure with the course style (sizes, colours and line styles)."""
    @functools.wraps(function)
    def draw(*args: Any, **kwargs: Any) -> Figure:
        # only the style's own settings are put back afterwards: plt.rc_context would
        # restore every rcParam, "interactive" among them, which Jupyter's inline backend
        # switches on while the first figure is made; set back to False, the figures of
        # later cells would never be shown
        saved = {key: plt.rcParams[key] for key in _STYLE}
        plt.rcParams.update(_STYLE)
        try:
            return function(*args, **kwargs)
        finally:
            plt.rcParams.update(saved)

    return draw


def _label(text: str) -> str:
    """Prose as a matplotlib label: symbols as mathtext (``E_K`` → ``$E_\\mathrm{K}$``)."""
    from symmem.prose import segments

    return "".join(f"${value}$" if kind == "math" else value
                   for kind, value in segments(text)).replace(r"\,", r"\ ")


def _mM(ion: str) -> tuple[float, float]:
    return _MAMMAL.concentrations(ion)


def _axes(xlabel: str, ylabel: str, title: str) -> tuple[Figure, Any]:
    """One axes at slide size; the title names the figure (the slide shows its own)."""
    fig, ax = plt.subplots(figsize=_SIZE, layout="constrained")
    ax.set_xlabel(_label(xlabel))
    ax.set_ylabel(_label(ylabel))
    fig.set_label(title)
    ax.grid(alpha=0.3)
    return fig, ax


@_styled
def electrochemical_potential_vs_voltage(T: float = BODY_TEMPERATURE,
                                         ions: tuple[str, ...] = ("K", "Na", "Cl", "Ca")
                                         ) -> Figure:
    """Δμ̃ = RT ln(c_i/c_o) + zFV for moving one mole inward, against V; zero at V = E."""
    V = np.linspace(-120.0, 130.0, 251)
    dmu, nernst = law("electrochemical_potential_difference"), law("nernst")
    fig, ax = _axes("membrane potential V (mV)", "Δμ̃ inward (kJ/mol)",
                    "Free energy of moving one mole of ion into the cell")
    for name in ions:
        c_in, c_out = _mM(name)
        z = ion(name).z
        line, = ax.plot(V, dmu.numeric(c_in=c_in, c_out=c_out, z=z, V=V, T=T), label=name)
        E = nernst.numeric(c_in=c_in, c_out=c_out, z=z, T=T)
        ax.plot([E], [0.0], "o", color=line.get_color())
    ax.axhline(0.0, color="black", lw=0.8)
    ax.legend(title="ion (dot: V = E)")
    return fig


@_styled
def nernst_per_decade(z: int = 1, temperatures: tuple[float, ...] = (293.15, 310.15)
                      ) -> Figure:
    """E = (RT/(zF)) ln(c_o/c_i) against c_o/c_i on a log axis: a straight line per decade."""
    ratio = np.logspace(-2, 2, 81)
    nernst = law("nernst")
    fig, ax = _axes("concentration ratio [X]ₒ / [X]ᵢ", "Nernst potential E (mV)",
                    f"The Nernst potential grows by a fixed step per decade (z = {z})")
    for T in temperatures:
        slope = law("nernst_slope").numeric(z=z, T=T)
        ax.plot(ratio, nernst.numeric(c_in=1.0, c_out=ratio, z=z, T=T),
                label=f"T = {T:.2f} K: {slope:.1f} mV per decade")
    ax.set_xscale("log")
    ax.axhline(0.0, color="black", lw=0.8)
    ax.legend()
    return fig


@_styled
def driving_forces(V: float = -50.0, T: float = BODY_TEMPERATURE,
                   ions: tuple[str, ...] = ("K", "Na", "Cl", "Ca")) -> Figure:
    """Each ion's Nernst potential E and its driving force V − E at membrane potential V."""
    nernst = law("nernst")
    E = [float(nernst.numeric(c_in=_mM(n)[0], c_out=_mM(n)[1], z=ion(n).z, T=T))
         for n in ions]
    fig, ax = _axes("ion", "potential (mV)", f"Driving force V − E at V = {V:g} mV")
    x = np.arange(len(ions))
    ax.bar(x, E, width=0.5, color="0.8", label="Nernst potential E")
    ax.axhline(V, color="tab:blue", lw=1.2, label=f"membrane potential V = {V:g} mV")
    for xi, e in zip(x, E):
        ax.annotate("", xy=(xi, V), xytext=(xi, e),
                    arrowprops={"arrowstyle": "->", "color": "tab:red"})
        ax.text(xi + 0.28, (V + e) / 2, f"{V - e:+.0f} mV", va="center")
    ax.set_xticks(x, ions)
    ax.legend(loc="upper left")
    return fig


@_styled
def ghk_iv_curves(P: dict[str, float] | None = None, T: float = BODY_TEMPERATURE) -> Figure:
    """GHK current–voltage curves for K⁺, Na⁺ and Ca²⁺, each crossing zero at its E."""
    P = P or {"K": 1e-8, "Na": 1e-8, "Ca": 4e-7}
    V = np.linspace(-100.0, 150.0, 501)
    current, nernst = law("ghk_current"), law("nernst")
    fig, ax = _axes("membrane potential V (mV)", "current density I (A/m²)",
                    "GHK currents (outward positive); circles mark the reversal potentials")
    for name, perm in P.items():
        c_in, c_out = _mM(name)
        z = ion(name).z
        line, = ax.plot(V, current.numeric(P=perm, z=z, c_in=c_in, c_out=c_out,
                                                   V=V, T=T),
                        label=_label(f"{name}, P = {number_text(perm)} m/s"))
        ax.plot([nernst.numeric(c_in=c_in, c_out=c_out, z=z, T=T)], [0.0], "o",
                color=line.get_color())
    ax.axhline(0.0, color="black", lw=0.8)
    ax.legend()
    return fig


@_styled
def nernst_vs_ghk(P_K: float = 1.0, P_Na: float = 0.05, P_Cl: float = 0.0,
                  T: float = BODY_TEMPERATURE) -> Figure:
    """E_K and the GHK resting potential against [K⁺]ₒ (log axis).

    At high [K⁺]ₒ the K⁺ term dominates and V follows E_K; at low [K⁺]ₒ the small
    Na⁺ term matters and V departs from E_K.
    """
    K_out = np.logspace(0, 2.3, 121)
    K_in, (Na_in, Na_out), (Cl_in, Cl_out) = _mM("K")[0], _mM("Na"), _mM("Cl")
    ions: dict[str, float] = {"P_K": P_K, "K_in": K_in, "K_out": K_out,
                              "P_Na": P_Na, "Na_in": Na_in, "Na_out": Na_out}
    if P_Cl > 0:
        ions |= {"P_Cl": P_Cl, "Cl_in": Cl_in, "Cl_out": Cl_out}
    fig, ax = _axes("[K⁺]ₒ (mM)", "potential (mV)",
                    "Resting potential (GHK) and E_K against external K⁺")
    ax.plot(K_out, law("nernst").numeric(c_in=K_in, c_out=K_out, z=1, T=T),
            "--", label=_label("E_K (Nernst)"))
    ax.plot(K_out, law("ghk_voltage").numeric(T=T, **ions),
            label=_label(f"V (GHK), P_Na/P_K = {P_Na / P_K:g}"))
    ax.axvline(_mM("K")[1], color="0.5", lw=0.8, ls=":", label="normal [K⁺]ₒ")
    ax.set_xscale("log")
    ax.legend()
    return fig


@_styled
def ghk_calcium_voltage(P_Ca: tuple[float, ...] = (0.0, 0.01, 0.1, 1.0),
                        T: float = BODY_TEMPERATURE) -> Figure:
    """Resting potential from the GHK quadratic as P_Ca/P_K grows, against [K⁺]ₒ."""
    K_out = np.logspace(0, 2.3, 121)
    K_in, (Na_in, Na_out), (Ca_in, Ca_out) = _mM("K")[0], _mM("Na"), _mM("Ca")
    fig, ax = _axes("[K⁺]ₒ (mM)", "V (mV)", "GHK voltage with Ca²⁺ (positive root of the "
                    "quadratic in w = e^(FV/RT))")
    for ratio in P_Ca:
        ions: dict[str, Any] = {"P_K": 1.0, "K_in": K_in, "K_out": K_out,
                                "P_Na": 0.05, "Na_in": Na_in, "Na_out": Na_out}
        if ratio > 0:
            ions |= {"P_Ca": ratio, "Ca_in": Ca_in, "Ca_out": Ca_out}
        ax.plot(K_out, law("ghk_voltage").numeric(T=T, **ions),
                label=_label(f"P_Ca/P_K = {ratio:g}"))
    ax.set_xscale("log")
    ax.legend()
    return fig


@_styled
def pump_leak_time_course(p: float = 2.0, k: float = 0.1, G0: float = 0.0,
                          t_stop: float = 60.0, t_end: float = 120.0) -> Figure:
    """G(t) = p/k + (G_0 − p/k) e^(−kt) until the pump stops at t_stop, then decay."""
    pump_leak = law("pump_leak")
    t = np.linspace(0.0, t_end, 601)
    running = pump_leak.numeric(p=p, k=k, G0=G0, t=np.minimum(t, t_stop))
    G_stop = float(pump_leak.numeric(p=p, k=k, G0=G0, t=t_stop))
    stopped = pump_leak.numeric(p=0.0, k=k, G0=G_stop, t=np.maximum(t - t_stop, 0.0))
    G = np.where(t <= t_stop, running, stopped)
    G_ss = law("pump_leak_steady_state").numeric(p=p, k=k)
    tau = 1.0 / k
    fig, ax = _axes("time t (s)", "gradient G", f"Pump and leak: p = {p:g}, k = {k:g} 1/s; "
                    f"the pump stops at t = {t_stop:g} s")
    ax.plot(t, G, label="G(t)")
    ax.axhline(G_ss, color="tab:green", ls="--", label=_label(f"G_ss = p/k = {G_ss:g}"))
    ax.axvline(tau, color="0.5", ls=":", label=f"τ = 1/k = {tau:g} s")
    ax.axvline(t_stop, color="tab:red", ls=":", label="pump stops (p = 0)")
    ax.legend()
    return fig


@_styled
def chord_conductance_vs_ratio(E_K: float = -90.0, E_Na: float = 60.0, E_Cl: float = -70.0,
                               g_Cl: float = 0.3) -> Figure:
    """V = Σ g_X E_X / Σ g_X as g_Na/g_K runs from rest (about 0.05) to a spike's peak
    (about 20), with g_Cl fixed relative to g_K = 1."""
    ratio = np.logspace(-3, 2, 201)
    chord = law("chord_conductance")
    fig, ax = _axes("g_Na / g_K", "V (mV)", "Chord conductance: V is the conductance-"
                    "weighted mean of E_K, E_Na and E_Cl")
    ax.plot(ratio, chord.numeric(g_K=1.0, E_K=E_K, g_Na=ratio, E_Na=E_Na, g_Cl=g_Cl,
                                 E_Cl=E_Cl), label=_label(f"V, g_Cl/g_K = {g_Cl:g}"))
    ax.plot(ratio, chord.numeric(g_K=1.0, E_K=E_K, g_Na=ratio, E_Na=E_Na),
            label=_label("V, no Cl⁻ channels"))
    for value, name in ((E_K, "E_K"), (E_Na, "E_Na"), (E_Cl, "E_Cl")):
        ax.axhline(value, color="0.5", lw=0.8, ls=":")
        ax.annotate(_label(name), (1.2e-3, value), va="bottom", fontsize=9, color="0.3")
    for x, name in ((0.05, "rest"), (20.0, "spike peak")):
        ax.axvline(x, color="0.7", lw=0.8)
        ax.annotate(name, (x * 1.1, 0.5 * (E_K + E_Na)), fontsize=9, color="0.3")
    ax.set_xscale("log")
    ax.legend(loc="lower right")
    return fig


@_styled
def cell_volume_vs_osmolarity(b: float = 0.4, osmolarity0: float = 290.0) -> Figure:
    """W/W₀ against the inverse osmolarity of the medium (Boyle–van 't Hoff plot), for a
    cell with non-osmotic fraction b and one with none."""
    c = np.linspace(0.4, 3.0, 131) * osmolarity0
    volume = law("cell_volume")
    fig, ax = _axes("isotonic osmolarity / medium osmolarity", "volume W/W₀",
                    "Cell volume against inverse osmolarity")
    x = osmolarity0 / c
    ax.plot(x, volume.numeric(osmolarity=c, osmolarity0=osmolarity0, b=b),
            label=f"b = {b:g}")
    ax.plot(x, volume.numeric(osmolarity=c, osmolarity0=osmolarity0),
            label="b = 0 (all water)")
    ax.axhline(b, color="0.5", lw=0.8, ls=":", label="non-osmotic part b")
    ax.axvline(1.0, color="0.7", lw=0.8)
    ax.annotate("isotonic", (1.03, 0.1), fontsize=9, color="0.3")
    ax.set_xlim(0, None)
    ax.set_ylim(0, None)
    ax.legend(loc="upper left")
    return fig


@_styled
def donnan_vs_impermeant(salt_out: float = 150.0, z_A: int = -1,
                         T: float = BODY_TEMPERATURE) -> Figure:
    """Donnan equilibrium against the impermeant ion inside: the permeant cation and
    anion inside (mM) and V (mV, right axis)."""
    A = np.linspace(0.0, 3.0 * salt_out, 241)[1:]
    out = law("donnan").evaluate(salt_out=salt_out, A_in=A, z_A=z_A, T=T)
    fig, ax = _axes("[A]ᵢ (mM), impermeant inside", "inside (mM)",
                    f"Gibbs–Donnan equilibrium with {salt_out:g} mM salt outside")
    ax.plot(A, out["cation_in"], label=_label("[M⁺]ᵢ, permeant cation"))
    ax.plot(A, out["anion_in"], label=_label("[X⁻]ᵢ, permeant anion"))
    ax.plot(A, out["osmotic_excess"], label="osmotic excess inside")
    ax.axhline(salt_out, color="0.5", lw=0.8, ls=":", label="salt outside")
    right = ax.twinx()
    right.plot(A, out["V"], color="0.2", lw=1.0, ls=(0, (1, 1)), label="V (right axis)")
    right.set_ylabel("V (mV)")
    top = float(np.max(out["cation_in"]))
    ax.set_ylim(-0.05 * top, 1.6 * top)  # room for the legend above the curves
    low, high = float(np.min(out["V"])), float(np.max(out["V"]))
    span = (high - low) or 1.0
    right.set_ylim(low - 0.05 * span, high + 0.65 * span)
    right.set_yticks([t for t in right.get_yticks()
                      if low - 0.05 * span <= t <= high + 0.05 * span])
    lines = ax.get_lines() + right.get_lines()
    ax.legend(lines, [line.get_label() for line in lines], loc="upper left", ncols=2)
    return fig


@_styled
def gaba_reversal_vs_chloride(P_HCO3: float = 0.2, V_rest: float = -65.0,
                              K_out: float = 4.0, T: float = BODY_TEMPERATURE) -> Figure:
    """E_Cl and E_GABA (GHK with Cl⁻ and HCO₃⁻) against [Cl⁻]ᵢ, with the resting potential
    and the limits KCC2 and NKCC1 can reach (mammalian concentrations)."""
    Cl_out, (HCO3_in, HCO3_out) = _mM("Cl")[1], _mM("HCO3")
    (K_in, _), (Na_in, Na_out) = _mM("K"), _mM("Na")
    kcc2 = law("kcc2_chloride_limit").numeric(K_in=K_in, K_out=K_out, Cl_out=Cl_out, T=T)
    nkcc1 = law("nkcc1_chloride_limit").numeric(Na_in=Na_in, Na_out=Na_out, K_in=K_in,
                                                K_out=K_out, Cl_out=Cl_out, T=T)
    Cl_in = np.geomspace(2.0, max(100.0, 1.25 * nkcc1), 161)
    E_Cl = law("nernst").numeric(c_in=Cl_in, c_out=Cl_out, z=-1, T=T)
    E_GABA = law("ghk_voltage").numeric(P_Cl=1.0, Cl_in=Cl_in, Cl_out=Cl_out, P_HCO3=P_HCO3,
                                        HCO3_in=HCO3_in, HCO3_out=HCO3_out, T=T)
    fig, ax = _axes("[Cl⁻]ᵢ (mM)", "potential (mV)",
                    "Whether GABA hyperpolarises or depolarises depends on [Cl⁻]ᵢ")
    ax.plot(Cl_in, E_Cl, label=_label("E_Cl"))
    ax.plot(Cl_in, E_GABA, label=_label(f"E_GABA (P_HCO3/P_Cl = {P_HCO3:g})"))
    ax.axhline(V_rest, color="0.3", lw=1.0, ls=":", label=f"resting V = {V_rest:g} mV")
    ax.fill_between(Cl_in, V_rest, np.maximum(E_GABA, V_rest), color="tab:red", alpha=0.12,
                    label="GABA depolarises")
    ax.set_xscale("log")
    ax.set_xlim(2.0, Cl_in[-1])
    ax.set_ylim(-110.0, 20.0)  # room above the curves at low [Cl⁻]ᵢ for the legend
    # the limits are marked on the top edge, clear of the curves wherever they fall
    top = ax.secondary_xaxis("top")
    top.set_xticks([kcc2, nkcc1], [f"KCC2 floor {kcc2:.3g} mM",
                                 f"NKCC1 ceiling {nkcc1:.3g} mM"])
    top.minorticks_off()
    for limit in (kcc2, nkcc1):
        ax.axvline(limit, color="0.5", lw=0.9, ls="--")
    ax.legend(loc="upper left", ncols=2, framealpha=0.95)
    return fig


@_styled
def mullins_noda_vs_ghk(P_Na: float = 0.05, T: float = BODY_TEMPERATURE) -> Figure:
    """Mullins–Noda (pump ratio 3:2) against plain GHK, as [K⁺]ₒ varies."""
    K_out = np.logspace(0, 2.3, 121)
    K_in, (Na_in, Na_out) = _mM("K")[0], _mM("Na")
    common = {"P_K": 1.0, "K_in": K_in, "K_out": K_out, "P_Na": P_Na, "Na_in": Na_in,
              "Na_out": Na_out, "T": T}
    fig, ax = _axes("[K⁺]ₒ (mM)", "V (mV)", "The electrogenic pump hyperpolarises: "
                    "Mullins–Noda (r = 3/2) against GHK (r = 1)")
    ax.plot(K_out, law("ghk_voltage").numeric(**common), label="GHK (no pump current)")
    ax.plot(K_out, law("mullins_noda").numeric(**common), label="Mullins–Noda, r = 3/2")
    ax.plot(K_out, law("nernst").numeric(c_in=K_in, c_out=K_out, z=1, T=T), "--",
            label=_label("E_K"))
    ax.set_xscale("log")
    ax.legend()
    return fig


@_styled
def ncx_reversal_map(V_rest: float = -70.0, T: float = BODY_TEMPERATURE) -> Figure:
    """E_NCX = 3E_Na − 2E_Ca against [Na⁺]ᵢ, with V; above the line NCX runs backwards."""
    Na_in = np.linspace(5.0, 60.0, 221)
    Na_out, (Ca_in, Ca_out) = _mM("Na")[1], _mM("Ca")
    E_ncx = law("ncx_reversal").numeric(Na_in=Na_in, Na_out=Na_out, Ca_in=Ca_in,
                                         Ca_out=Ca_out, T=T)
    fig, ax = _axes("[Na⁺]ᵢ (mM)", "potential (mV)",
                    "When V rises above E_NCX the exchanger reverses and loads Ca²⁺")
    ax.plot(Na_in, E_ncx, label=_label(f"E_NCX ([Ca²⁺]ᵢ = {Ca_in * 1e6:g} nM)"))
    ax.fill_between(Na_in, E_ncx, 60.0, color="tab:red", alpha=0.12,
                    label=_label("V > E_NCX: reverse mode (Ca²⁺ in)"))
    ax.axhline(V_rest, color="tab:blue", lw=1.0, label=f"resting V = {V_rest:g} mV")
    ax.set_ylim(-150, 60)
    ax.legend(loc="lower left")
    return fig


@_styled
def sglt_accumulation(T: float = BODY_TEMPERATURE) -> Figure:
    """Largest glucose ratio [G]ᵢ/[G]ₒ for SGLT1 (n = 2) and SGLT2 (n = 1) against V."""
    V = np.linspace(-100.0, 0.0, 101)
    Na_in, Na_out = _mM("Na")
    fig, ax = _axes("membrane potential V (mV)", "largest [glucose]ᵢ / [glucose]ₒ",
                    "How far Na⁺ coupling can concentrate glucose")
    for n, name in ((2, "SGLT1, 2 Na⁺ : 1"), (1, "SGLT2, 1 Na⁺ : 1")):
        ax.plot(V, law("sglt_max_accumulation").numeric(Na_in=Na_in, Na_out=Na_out, V=V,
                                                        T=T, n=n), label=name)
    ax.set_yscale("log")
    ax.legend()
    return fig


@_styled
def proton_motive_force_parts(dpsi: float = -160.0, dpH: float = 0.8,
                              T: float = BODY_TEMPERATURE) -> Figure:
    """Δp = Δψ − (ln 10 · RT/F) ΔpH split into its electrical and chemical parts."""
    total = float(law("proton_motive_force").numeric(dpsi=dpsi, dpH=dpH, T=T))
    chemical = total - dpsi
    fig, ax = _axes("", "potential (mV)", f"Proton-motive force: Δp = {total:.0f} mV")
    ax.bar([0, 1, 2], [dpsi, chemical, total], color=["tab:blue", "tab:orange", "tab:green"],
           width=0.55)
    ax.set_xticks([0, 1, 2], ["electrical Δψ", "chemical −2.303(RT/F)ΔpH", "total Δp"])
    for x, v in enumerate((dpsi, chemical, total)):
        ax.text(x, v / 2, f"{v:.0f} mV", ha="center", va="center", color="white")
    ax.axhline(0.0, color="black", lw=0.8)
    return fig


_PANELS = ("ions", "voltage", "calcium", "volume", "outside")


@_styled
def ischemia_cascade(t_end_min: float = 30.0, tau_ATP: float | None = 120.0,
                     panels: tuple[str, ...] = _PANELS[:4], cell: str = "generic") -> Figure:
    """The cascade after ATP fails at t = 0, on one time axis, NCX reversal dotted red.

    ``cell`` is one of :data:`symmem.ischemia.CELLS` (generic, neuron, muscle), with
    ``tau_ATP`` in seconds replacing its own (None: the cell's own). ``panels``, any
    of: ``ions`` ([Na⁺]ᵢ and [K⁺]ᵢ), ``voltage`` (V with E_K and E_NCX), ``calcium``
    (free [Ca²⁺]ᵢ), ``volume`` and ``outside`` ([K⁺]ₒ and the extracellular volume);
    two panels sit side by side at slide size.
    """
    from dataclasses import replace

    from symmem.ischemia import CELLS, simulate

    if cell not in CELLS:
        from symmem.errors import InputError

        raise InputError(f"cell must be one of {', '.join(CELLS)}, not {cell!r}")
    chosen = replace(CELLS[cell], tau_ATP=tau_ATP) if tau_ATP is not None else CELLS[cell]

    unknown = sorted(set(panels) - set(_PANELS))
    if unknown or not panels:
        from symmem.errors import InputError

        raise InputError(f"panels must be some of {', '.join(_PANELS)}; got {unknown or '()'}")
    run = simulate(chosen, t_end=60.0 * t_end_min)
    minutes = run.t / 60.0
    columns = 2 if len(panels) > 1 else 1
    rows = -(-len(panels) // columns)
    fig, grid = plt.subplots(rows, columns, figsize=(_SIZE[0], _SIZE[1] * rows),
                             layout="constrained", squeeze=False)
    axes = dict(zip(panels, grid.flat, strict=False))
    for extra in list(grid.flat)[len(panels):]:
        extra.set_visible(False)
    if "ions" in axes:
        axes["ions"].plot(minutes, run.Na_in, label=_label("[Na⁺]ᵢ"))
        axes["ions"].plot(minutes, run.K_in, label=_label("[K⁺]ᵢ"))
        axes["ions"].set_ylabel("concentration (mM)")
    if "voltage" in axes:
        axes["voltage"].plot(minutes, run.V, label="V (GHK with pump)")
        axes["voltage"].plot(minutes, run.E_NCX, label=_label("E_NCX"))
        axes["voltage"].plot(minutes, run.E_K, label=_label("E_K"))
        axes["voltage"].set_ylabel("potential (mV)")
    if "calcium" in axes:
        axes["calcium"].plot(minutes, run.Ca_in * 1e6, label=_label("free [Ca²⁺]ᵢ"))
        axes["calcium"].set_yscale("log")
        axes["calcium"].set_ylabel(_label("[Ca²⁺]ᵢ (nM)"))
    if "volume" in axes:
        axes["volume"].plot(minutes, run.volume, label="volume / resting volume")
        axes["volume"].set_ylabel("relative volume")
    if "outside" in axes:
        axes["outside"].plot(minutes, run.K_out, label=_label("[K⁺]ₒ"))
        axes["outside"].set_ylabel(_label("[K⁺]ₒ (mM)"))
        space = axes["outside"].twinx()
        space.plot(minutes, run.ecs, color="#009E73", ls="--", label="space")
        space.set_ylabel("space / resting")
        space.legend(loc="center left")
    for ax in axes.values():
        ax.axvline(0.0, color="black", lw=0.8)
        if run.t_ncx_reverses is not None:
            ax.axvline(run.t_ncx_reverses / 60.0, color="#D55E00", lw=0.8, ls=":")
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
        ax.set_xlabel("time after ATP fails (min)")
    when = (f"NCX reverses at {run.t_ncx_reverses / 60.0:.1f} min (dotted line)"
            if run.t_ncx_reverses is not None else "NCX does not reverse")
    fig.set_label(f"When the pump stops ({cell}): {when}")
    return fig


def _cell_names() -> tuple[str, ...]:
    from symmem.ischemia import CELLS

    return tuple(CELLS)


#: the words a slider panel offers as a menu (symmem.interactive)
ischemia_cascade.choices = {"cell": _cell_names}  # type: ignore[attr-defined]


@_styled
def action_potential_budget_vs_radius(dNa: float = 10.0, C_m: float = 1.0,
                                      dV_AP: float = 100.0, overlap: float = 1.0) -> Figure:
    """N_AP = Δ[Na⁺]ᵢ F a / (2 φ C_m ΔV) against axon radius a (log–log).

    ``overlap`` is φ, the Na⁺ entry over its capacitive minimum; φ = 1 (dotted when
    another φ is drawn) is the upper bound on the count.
    """
    budget = law("action_potential_budget")
    radius = np.logspace(-1, 2.5, 50)  # µm
    fig, ax = _axes("axon radius a (µm)", "action potentials",
                    f"Spikes before [Na⁺]ᵢ rises by {dNa:g} mM with the pump blocked")
    ax.loglog(radius, budget.numeric(dNa=dNa, a=radius, C_m=C_m, dV_AP=dV_AP,
                                     overlap=overlap), label=_label(f"φ = {overlap:g}"))
    if overlap != 1.0:
        ax.loglog(radius, budget.numeric(dNa=dNa, a=radius, C_m=C_m, dV_AP=dV_AP),
                  label=_label("φ = 1: upper bound"))
    for a, label, offset, side in ((0.5, "thin unmyelinated axon", (6, -12), "left"),
                                   (250.0, "squid giant axon", (22, -30), "right")):
        n = float(budget.numeric(dNa=dNa, a=a, C_m=C_m, dV_AP=dV_AP, overlap=overlap))
        ax.plot([a], [n], "o", color="black")
        ax.annotate(f"{label}: {number_text(n, count=True)}", (a, n), ha=side,
                    textcoords="offset points", xytext=offset, fontsize=9)
    ax.legend(loc="upper left")
    return fig


@_styled
def pump_block_spiking(radius_um: float = 0.5, rate: float = 20.0,
                       pump_reserve: float = 5.0) -> Figure:
    """[Na⁺]ᵢ and spike height of a stimulated Hodgkin–Huxley axon, pump blocked or on.

    Left: [Na⁺]ᵢ against time; right: each computed spike's peak. The blocked axon
    falls silent (its last stimuli give no spike above 0 mV); with the pump on it goes
    on firing at a steady state. See :mod:`symmem.spiking`.
    """
    from symmem.spiking import Axon, simulate

    axon = Axon(radius_um=radius_um, rate=rate, pump_reserve=pump_reserve)
    blocked = simulate(axon, pump=False)
    on = simulate(axon, pump=True, t_max=max(2.0 * blocked.t_end, 10.0 / rate))
    fig, (left, right) = plt.subplots(1, 2, figsize=_SIZE, layout="constrained")
    for run, label in ((blocked, "pump blocked"), (on, "pump on")):
        left.plot(run.t, run.Na_in, label=label)
        shown = ~np.isnan(run.peak)
        right.plot(run.t[shown], run.peak[shown], ".", label=label, markersize=3)
    left.set_xlabel("time (s)")
    left.set_ylabel(_label("[Na⁺]ᵢ (mM)"))
    right.set_xlabel("time (s)")
    right.set_ylabel("spike peak (mV)")
    right.axhline(0.0, color="black", lw=0.8)
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(loc="best")
    silent = (f"silent after {number_text(blocked.spikes, count=True)} spikes"
              if blocked.silent else "still firing")
    fig.set_label(f"Axon of radius {radius_um:g} µm at {rate:g} Hz: blocked, {silent}")
    return fig


@_styled
def ussing_ratio_vs_voltage(K_out: float = 4.0, n_prime: float = 2.5,
                            T: float = BODY_TEMPERATURE) -> Figure:
    """K⁺ influx over efflux against V: Ussing's ratio for independent ions, and that
    ratio to the power n′ for ions in single file (Hodgkin & Keynes 1955)."""
    V = np.linspace(-130.0, -40.0, 181)
    K_in = _mM("K")[0]
    independent = law("ussing_flux_ratio").numeric(c_in=K_in, c_out=K_out, z=1, V=V, T=T)
    E_K = law("nernst").numeric(c_in=K_in, c_out=K_out, z=1, T=T)
    fig, ax = _axes("membrane potential V (mV)", "influx / efflux",
                    "K⁺ fluxes: independent ions against ions in single file")
    ax.plot(V, independent, label="independent (Ussing)")
    ax.plot(V, independent ** n_prime, label=f"single file, exponent n′ = {n_prime:g}")
    ax.axhline(1.0, color="0.5", lw=0.8, ls=":")
    ax.axvline(E_K, color="0.3", lw=1.0, ls="--", label=_label(f"E_K = {E_K:.1f} mV"))
    ax.set_yscale("log")
    ax.legend(loc="upper right")
    return fig


@_styled
def passive_membrane_responses(R_m: float = 20000.0, C_m: float = 1.0, a: float = 1.0,
                               R_i: float = 100.0) -> Figure:
    """A passive membrane in time and in space: the charging curve of a patch after a step
    of current, v/v_ss = 1 − e^(−t/τ_m), and the steady decay along an infinite cable,
    v/v_0 = e^(−x/λ). R_m in Ω·cm², C_m in µF/cm², radius a in µm, R_i in Ω·cm."""
    tau = law("membrane_time_constant").numeric(R_m=R_m, C_m=C_m)
    lam = law("length_constant").numeric(a=a, R_m=R_m, R_i=R_i)
    fig, (left, right) = plt.subplots(1, 2, figsize=_SIZE, layout="constrained")
    fig.set_label("A passive membrane charges with τ_m and spreads over λ")
    t = np.linspace(0.0, 5.0 * tau, 201)
    left.plot(t, 1.0 - np.exp(-t / tau))
    left.axvline(tau, color="0.4", lw=0.9, ls="--")
    left.axhline(1.0 - np.exp(-1.0), color="0.6", lw=0.8, ls=":")
    left.annotate(rf"$\tau_\mathrm{{m}}$ = {tau:.3g} ms", (tau, 0.3), xytext=(6, 0),
                  textcoords="offset points", fontsize=9)
    left.set_xlabel("time after the current step (ms)")
    left.set_ylabel(_label("v/v_ss"))
    x = np.linspace(0.0, 4.0 * lam, 201)
    right.plot(x, np.exp(-x / lam), color="#D55E00")
    right.axvline(lam, color="0.4", lw=0.9, ls="--")
    right.axhline(np.exp(-1.0), color="0.6", lw=0.8, ls=":")
    right.annotate(f"λ = {lam:.3g} mm", (lam, 0.6), xytext=(6, 0),
                   textcoords="offset points", fontsize=9)
    right.set_xlabel("distance along the cable (mm)")
    right.set_ylabel(_label("v/v_0"))
    for ax in (left, right):
        ax.set_ylim(0.0, 1.05)
        ax.grid(alpha=0.3)
    return fig


@_styled
def ph_vs_pco2(HCO3: float = 24.0, pK: float = 6.1, s: float = 0.0307) -> Figure:
    """pH against P_CO2 (Henderson–Hasselbalch) at the chosen [HCO₃⁻], with half and one
    and a half times it, and the normal plasma point (40 mmHg, pH 7.40)."""
    PCO2 = np.linspace(15.0, 100.0, 171)
    fig, ax = _axes("P_CO2 (mmHg)", "pH", "Henderson–Hasselbalch: CO₂ acidifies, HCO₃⁻ "
                    "buffers")
    low, high = 7.35, 7.45
    for factor in (1.5, 1.0, 0.5):
        pH = law("henderson_hasselbalch").numeric(HCO3=factor * HCO3, PCO2=PCO2, pK=pK, s=s)
        ax.plot(PCO2, pH, label=_label(f"[HCO₃⁻] = {factor * HCO3:.3g} mM"))
        low, high = min(low, float(pH.min())), max(high, float(pH.max()))
    ax.axhspan(7.35, 7.45, color="0.85", label="normal plasma pH")
    ax.plot([40.0], [law("henderson_hasselbalch").numeric(HCO3=HCO3, PCO2=40.0, pK=pK, s=s)],
            "o", color="0.2", label="40 mmHg")
    ax.legend(loc="lower left", ncols=3)
    ax.set_ylim(low - 0.45 * (high - low) - 0.05, high + 0.05)  # the legend goes under
    return fig


@_styled
def capacitive_fraction_vs_radius(dV: float = 100.0, C_m: float = 1.0,
                                  K_in: float = 140.0) -> Figure:
    """The fraction of a spherical cell's K⁺ that must cross to move V by ΔV, against the
    radius: Q = C_m ΔV over the area 4πr², shared by the volume 4πr³/3, so
    Δc = 3 C_m ΔV/(F r) (mV, µF/cm², mM; r in µm)."""
    radius = np.geomspace(0.1, 100.0, 121)  # µm
    per_um2 = law("capacitive_charge").evaluate(C_m=C_m, dV=dV)["ions_per_um2"]
    # ions per µm² over the volume per area r/3 (µm), in mM: 1 mM is 6.022e5 ions per µm³
    # (6.022e23 per mol × 1e-3 mol/L over 1e15 µm³ per L)
    dc = 3.0 * abs(per_um2) / radius / (AVOGADRO * 1e-18)
    fig, ax = _axes("cell radius (µm)", "fraction of [K⁺]ᵢ moved",
                    "Charging the membrane moves a tiny fraction of the ions")
    ax.plot(radius, dc / K_in, label=f"ΔV = {dV:g} mV, {per_um2:,.0f} ions per µm²")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(loc="upper right")
    return fig



#: the molar volume of water, about 18 cm³/mol (18.0 g/mol over 1 g/cm³), in L/mol
_WATER_MOLAR_VOLUME = 0.018


@_styled
def osmotic_pressure_vs_osmolarity(T: float = BODY_TEMPERATURE,
                                   osmolarity: float = 300.0) -> Figure:
    """Van 't Hoff's Π = cRT against the ideal solution's −(RT/V̄_w) ln(1 − x_s) from which
    it is the leading term; with the solution's volume that of its water, n_s/n_w = cV̄_w
    and the ideal form is (RT/V̄_w) ln(1 + cV̄_w). Left: both against osmolarity (mOsm/L),
    in mmHg; right: how far the ideal form lies from van 't Hoff's, in %."""
    c = np.linspace(1.0, 3000.0, 300)  # mOsm/L
    van_t_hoff = law("osmotic_pressure").numeric(osmolarity=c, T=T)
    y = c * 1e-3 * _WATER_MOLAR_VOLUME  # n_s/n_w, dimensionless
    ideal = van_t_hoff * np.log1p(y) / y
    fig, (left, right) = plt.subplots(1, 2, figsize=_SIZE, layout="constrained")
    fig.set_label("Van 't Hoff's law is the dilute limit of the ideal solution")
    left.plot(c, van_t_hoff / 760.0, label="cRT")
    left.plot(c, ideal / 760.0, label="ideal solution")
    point = law("osmotic_pressure").numeric(osmolarity=osmolarity, T=T)
    left.plot([osmolarity], [point / 760.0], "o", color="0.2",
              label=f"{point:,.0f} mmHg")
    left.set_xlabel("osmolarity (mOsm/L)")
    left.set_ylabel("Π (atm)")
    left.legend(loc="upper left")
    right.plot(c, 100.0 * (ideal / van_t_hoff - 1.0), color="#D55E00")
    shift = 100.0 * (np.log1p(osmolarity * 1e-3 * _WATER_MOLAR_VOLUME)
                     / (osmolarity * 1e-3 * _WATER_MOLAR_VOLUME) - 1.0)
    right.plot([osmolarity], [shift], "o", color="0.2")
    left_of = osmolarity > 1500.0  # the label goes where there is room
    right.annotate(f"{shift:.2f} % at {osmolarity:g} mOsm/L".replace("-", "−"),
                   (osmolarity, shift), xytext=(-8 if left_of else 8, -4),
                   textcoords="offset points", fontsize=9,
                   ha="right" if left_of else "left")
    right.set_xlabel("osmolarity (mOsm/L)")
    right.set_ylabel("ideal vs van 't Hoff (%)")
    for ax in (left, right):
        ax.grid(alpha=0.3)
    return fig
