"""When the pump stops: a cell running out of ATP, built from symmem's laws.

The model is the pump–leak cell of Tosteson and Hoffman, with calcium added:

* each ion X of Na⁺, K⁺, Cl⁻ leaks through the membrane with the GHK current
  I_X (law ``ghk_current``), and the Na⁺/K⁺ pump moves 3 Na⁺ out and 2 K⁺ in per
  cycle at a rate proportional to the ATP left: dN_X/dt = A (−I_X/(z F) + ν_X p);
* the membrane potential is the one at which the total current, leaks plus the
  pump's net outward charge F p, is zero (the GHK condition with a pump term);
* water follows the solutes at once, so the cell water stays isosmotic with the
  outside; the volume is the non-osmotic part b (solids, bound water) plus that water,
  W = b + (1 − b) c₀/c (law ``cell_volume``, with c the outside osmolarity scaled by how
  far the cell's own osmoles have grown);
* free Ca²⁺ leaks in (GHK), is pumped out by the ATP-driven PMCA and exchanged by
  NCX, whose flux is taken proportional to E_NCX − V (law ``ncx_reversal``): Ca²⁺ out
  while V < E_NCX, in once V rises above it. A fixed fraction of the Ca²⁺ that
  enters stays free; the rest is buffered. The exchanger's own Na⁺ flux and current
  are far smaller than the leaks and are left out.

In a finite extracellular space (``ecs_ratio``, as in brain tissue) what leaves the
cell accumulates outside: K⁺ rises there, and water moves until both spaces have the
same osmolarity, so the space shrinks as the cells swell. The pump's rate can depend
on [Na⁺]ᵢ (``pump_K_Na``, Hill coefficient 3). Free Ca²⁺ is kept as an amount, so
swelling dilutes it. ``CELLS`` holds a generic cell, a cortical neuron and a skeletal
muscle fibre, each with parameters from one kind of cell (sources beside them).

Before t = 0 the cell is at its steady state (the pump rate and P_Na are chosen so
that it is). At t = 0 ATP starts to fall as e^(−t/τ_ATP): pump and PMCA slow down
with it, p → 0.

>>> result = simulate(t_end=1200.0)
>>> bool(result.V[-1] > result.V[0])   # the cell depolarises
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

from symmem.constants import BODY_TEMPERATURE, FARADAY
from symmem.errors import InputError
from symmem.ions import ion as ion_info
from symmem.ions import preparation
from symmem.laws import law

__all__ = ["CELLS", "Cell", "Simulation", "simulate"]

@dataclass(frozen=True)
class Cell:
    """Parameters of the model cell (SI except where the name says otherwise)."""

    radius: float = 10e-6  # m, a sphere: A/W = 3/radius
    V_rest_mV: float = -75.0
    P_K: float = 2e-8  # m/s
    P_Cl: float = 5e-9  # m/s
    P_Ca: float = 1e-12  # m/s
    tau_ATP: float = 120.0  # s, how fast ATP runs out once supply stops
    free_Ca_fraction: float = 0.05  # free / total Ca²⁺ that enters
    ncx_share: float = 0.8  # share of the resting Ca²⁺ efflux carried by NCX
    T: float = BODY_TEMPERATURE
    outside: dict[str, float] = field(default_factory=lambda: dict(
        preparation("mammalian").outside))
    inside: dict[str, float] = field(default_factory=lambda: dict(
        preparation("mammalian").inside))
    osmolarity: float = 300.0  # mM, bath
    #: extracellular volume over the cell's resting volume; None: an unlimited bath
    ecs_ratio: float | None = None
    #: [Na⁺]ᵢ (mM) of half activation of the pump (Hill coefficient 3); None: the pump's
    #: rate does not depend on [Na⁺]ᵢ
    pump_K_Na: float | None = None
    #: non-osmotic fraction of the resting volume (law ``cell_volume``'s b)
    b: float = 0.0
    name: str = "generic"


@dataclass
class Simulation:
    """Time courses (t in s, concentrations in mM, potentials in mV)."""

    t: np.ndarray
    Na_in: np.ndarray
    K_in: np.ndarray
    Cl_in: np.ndarray
    Ca_in: np.ndarray
    V: np.ndarray
    E_NCX: np.ndarray
    E_K: np.ndarray
    volume: np.ndarray  # relative to the resting volume
    t_ncx_reverses: float | None
    cell: Cell
    Na_out: np.ndarray  # mM, the extracellular space (constant in an unlimited bath)
    K_out: np.ndarray  # mM
    Cl_out: np.ndarray  # mM
    Ca_out: np.ndarray  # mM; no gated Ca²⁺ entry here, so it does not fall as in brain
    ecs: np.ndarray  # extracellular volume relative to rest (1 in an unlimited bath)


def _ion_flux_in(ion: str, P: float, c_in: float, c_out: float, V_mV: float, T: float
                 ) -> float:
    """Inward flux (mol m⁻² s⁻¹) = −I/(zF), from the GHK current (outward positive)."""
    z = ion_info(ion).z
    current = law("ghk_current").numeric(P=P, z=z, c_in=c_in, c_out=c_out, V=V_mV, T=T)
    return -current / (z * FARADAY)


#: Cells with parameters that belong together, each sourced. ``generic`` is the pump–leak
#: cell in an unlimited bath (Hille's mammalian concentrations, Table 1.1).
CELLS: dict[str, Cell] = {
    "generic": Cell(),
    # a cortical neuron in brain tissue: concentrations as in Somjen (2004, Ions in the
    # Brain) and Kager, Wadman & Somjen (2000); extracellular volume fraction 0.2 of the
    # tissue, so 0.25 of the cells' (Syková & Nicholson 2008); ATP gone within 2–3 min of
    # global ischemia (Hansen 1985), tau 1 min; the pump's Na+ activation K ≈ 10 mM with
    # Hill coefficient 3; dendrites give much membrane per volume (A/W = 1.5 µm⁻¹);
    # b = 0.3 is a choice within what Boyle-van 't Hoff plots of other cells give (0.12 for
    # sea-urchin eggs, Lucke, Larrabee & Hartline 1935; 0.2 and 0.4 for lobster and squid
    # giant axons, Freeman, Reuben, Brandt & Grundfest 1966), not a measurement of
    # cortical neurons
    "neuron": Cell(name="neuron", radius=2e-6, V_rest_mV=-70.0, P_K=2e-8, P_Cl=2e-9,
                   P_Ca=1e-12, tau_ATP=60.0, free_Ca_fraction=0.01, ecs_ratio=0.25,
                   pump_K_Na=10.0, b=0.3,
                   outside={"Na": 145.0, "K": 3.5, "Cl": 130.0, "Ca": 1.2},
                   inside={"Na": 10.0, "K": 140.0, "Cl": 9.5, "Ca": 1e-4}),
    # a mammalian skeletal muscle fibre: Hille, Table 1.1; Cl- dominates the resting
    # permeability, P_Cl = 2 P_K (Hodgkin & Horowicz 1959); a 25 µm fibre (A/W = 2/a,
    # as a sphere of 37.5 µm); extracellular space 0.15 of the fibre volume; phosphocreatine
    # and glycolysis keep ATP for tens of minutes in ischemic resting muscle, tau 30 min;
    # b = 0.3 as for the neuron (a choice, not a measurement of this fibre)
    "muscle": Cell(name="muscle", radius=37.5e-6, V_rest_mV=-90.0, P_K=2e-8, P_Cl=4e-8,
                   P_Ca=1e-12, tau_ATP=1800.0, free_Ca_fraction=0.01, ecs_ratio=0.15,
                   pump_K_Na=20.0, b=0.3),
}


class _Model:
    def __init__(self, cell: Cell) -> None:
        self.cell = cell
        out, ins, T, V0 = cell.outside, cell.inside, cell.T, cell.V_rest_mV
        if not cell.tau_ATP > 0:
            raise InputError(f"tau_ATP must be a positive time in s (how fast ATP runs "
                             f"out), not {cell.tau_ATP}")
        if not 0 <= cell.b < 1:
            raise InputError(f"b is the non-osmotic fraction of the cell's volume (solids "
                             f"and bound water, about 0.2 to 0.4): from 0 to below 1, not "
                             f"{cell.b}")
        if cell.ecs_ratio is not None and not cell.ecs_ratio > 0:
            raise InputError(f"ecs_ratio must be positive (extracellular over cellular "
                             f"volume, about 0.25 in brain), not {cell.ecs_ratio}")
        self.area_per_volume0 = 3.0 / cell.radius
        # Cl- in equilibrium at rest: E_Cl = V0
        rt_f = law("thermal_voltage").numeric(T=T)
        self.Cl0 = out["Cl"] * np.exp(V0 / rt_f)
        # pump rate from the K+ balance, P_Na from the Na+ balance
        K_in_flux = _ion_flux_in("K", cell.P_K, ins["K"], out["K"], V0, T)
        self.p0 = -K_in_flux / 2.0
        per_P_Na = _ion_flux_in("Na", 1.0, ins["Na"], out["Na"], V0, T)
        self.P_Na = 3.0 * self.p0 / per_P_Na
        # amounts are per resting volume, held in its water 1 − b
        self.water0 = 1.0 - cell.b
        self.n0 = {"Na": ins["Na"] * self.water0, "K": ins["K"] * self.water0,
                   "Cl": self.Cl0 * self.water0, "Ca": ins["Ca"] * self.water0}
        # impermeant anions inside (and outside, in a finite space) make up the osmolarity
        self.X = (cell.osmolarity - ins["Na"] - ins["K"] - self.Cl0) * self.water0
        self.inside0 = cell.osmolarity * self.water0  # every osmole inside, at rest
        self.out0 = {ion: out[ion] for ion in ("Na", "K", "Cl", "Ca")}
        if cell.ecs_ratio is not None:
            self.X_out = cell.ecs_ratio * (cell.osmolarity - out["Na"] - out["K"] - out["Cl"])
        # Ca2+: resting leak in balanced by NCX (a share) and PMCA (the rest)
        Ca_leak = _ion_flux_in("Ca", cell.P_Ca, ins["Ca"], out["Ca"], V0, T)
        drive = self._ncx_drive(ins["Na"], ins["Ca"], V0, out)
        self.g_ncx = cell.ncx_share * Ca_leak / drive
        self.pmca0 = (1.0 - cell.ncx_share) * Ca_leak

    def _ncx_drive(self, Na_in: float, Ca_in: float, V: float, out: dict[str, float]
                   ) -> float:
        """E_NCX − V (mV): positive while NCX runs forward (Ca²⁺ out)."""
        return float(law("ncx_reversal").numeric(Na_in=Na_in, Na_out=out["Na"], Ca_in=Ca_in,
                                                 Ca_out=out["Ca"], T=self.cell.T)) - V

    def atp(self, t: float) -> float:
        return 1.0 if t <= 0 else float(np.exp(-t / self.cell.tau_ATP))

    def _na_activation(self, Na: float) -> float:
        """The pump's rate relative to rest from [Na⁺]ᵢ: (Na/(Na + K))³ over its resting value."""
        K = self.cell.pump_K_Na
        if K is None:
            return 1.0
        Na0 = self.cell.inside["Na"]
        return (Na / (Na + K)) ** 3 / (Na0 / (Na0 + K)) ** 3

    def voltage(self, Na: float, K: float, Cl: float, pump: float, out: dict[str, float]
                ) -> float:
        """V (mV) with zero total current: leaks plus the pump's net charge out."""
        c, T = self.cell, self.cell.T

        def net_charge_in(V: float) -> float:
            return (_ion_flux_in("Na", self.P_Na, Na, out["Na"], V, T)
                    + _ion_flux_in("K", c.P_K, K, out["K"], V, T)
                    - _ion_flux_in("Cl", c.P_Cl, Cl, out["Cl"], V, T) - pump)

        return brentq(net_charge_in, -150.0, 100.0, xtol=1e-9)

    def _volumes(self, n_Na: float, n_K: float, n_Cl: float
                 ) -> tuple[float, float, dict[str, float]]:
        """(cell volume, extracellular volume, its amounts), in resting cell volumes.

        Water moves until the cell water and the outside have the same osmolarity c: in
        an unlimited bath that of the bath, in a finite space the osmoles of both over
        all their water. The cell's volume is then van 't Hoff–Boyle's b + (1 − b) c₀/c
        (law ``cell_volume``), where the osmoles inside, grown by a factor f, count as
        the outside diluted by f.
        """
        cell = self.cell
        inside = n_Na + n_K + n_Cl + self.X
        amounts: dict[str, float] = {}
        c = cell.osmolarity
        if cell.ecs_ratio is not None:
            amounts = {ion: self.out0[ion] * cell.ecs_ratio - (n - self.n0[ion])
                       for ion, n in (("Na", n_Na), ("K", n_K), ("Cl", n_Cl))}
            outside = sum(amounts.values()) + self.X_out
            c = (inside + outside) / (self.water0 + cell.ecs_ratio)
        W = float(law("cell_volume").numeric(osmolarity=c * self.inside0 / inside,
                                              osmolarity0=cell.osmolarity, b=cell.b))
        ecs = self.water0 + cell.ecs_ratio - (W - cell.b) if amounts else float("inf")
        return W, ecs, amounts

    def state(self, t: float, y: np.ndarray) -> dict[str, float]:
        n_Na, n_K, n_Cl, n_Ca = y
        volume, ecs, amounts = self._volumes(n_Na, n_K, n_Cl)
        water = volume - self.cell.b
        Na, K, Cl, Ca = n_Na / water, n_K / water, n_Cl / water, n_Ca / water
        if amounts:  # Ca2+ that entered (free and buffered) left the extracellular space
            entered = (n_Ca - self.n0["Ca"]) / self.cell.free_Ca_fraction
            out = {ion: max(amount, 1e-9) / ecs for ion, amount in amounts.items()}
            out["Ca"] = max(self.out0["Ca"] * self.cell.ecs_ratio - entered, 1e-9) / ecs
        else:
            out = dict(self.out0)
        pump = self.p0 * self.atp(t) * self._na_activation(Na)
        V = self.voltage(Na, K, Cl, pump, out)
        return {"Na": Na, "K": K, "Cl": Cl, "Ca": Ca, "V": V, "volume": volume,
                "pump": pump, "ncx_drive": self._ncx_drive(Na, Ca, V, out),
                **{f"{ion}_out": value for ion, value in out.items()},
                "ecs": ecs / self.cell.ecs_ratio if amounts else 1.0}

    def rates(self, t: float, y: np.ndarray) -> list[float]:
        s, c = self.state(t, y), self.cell
        out = {ion: s[f"{ion}_out"] for ion in ("Na", "K", "Cl", "Ca")}
        area = self.area_per_volume0  # membrane area per resting volume
        dNa = area * (_ion_flux_in("Na", self.P_Na, s["Na"], out["Na"], s["V"], c.T)
                      - 3.0 * s["pump"])
        dK = area * (_ion_flux_in("K", c.P_K, s["K"], out["K"], s["V"], c.T)
                     + 2.0 * s["pump"])
        dCl = area * _ion_flux_in("Cl", c.P_Cl, s["Cl"], out["Cl"], s["V"], c.T)
        Ca_in = (_ion_flux_in("Ca", c.P_Ca, s["Ca"], out["Ca"], s["V"], c.T)
                 - self.g_ncx * s["ncx_drive"]
                 - self.pmca0 * self.atp(t) * s["Ca"] / c.inside["Ca"])
        dCa = c.free_Ca_fraction * area * Ca_in  # free Ca2+, per resting volume
        return [dNa, dK, dCl, dCa]


def simulate(cell: Cell | None = None, t_start: float = -300.0, t_end: float = 1800.0,
             points: int = 400) -> Simulation:
    """Integrate the ischemic cell from ``t_start`` to ``t_end`` seconds (ATP fails at 0)."""
    cell = cell or Cell()
    if not t_start < 0 < t_end:
        raise InputError(f"need t_start < 0 < t_end (ATP fails at t = 0); got {t_start}, "
                         f"{t_end}")
    model = _Model(cell)
    y0 = np.array([model.n0[ion] for ion in ("Na", "K", "Cl", "Ca")])  # per resting volume

    def ncx_turns(t: float, y: np.ndarray) -> float:
        return model.state(t, y)["ncx_drive"]

    ncx_turns.terminal = False
    ncx_turns.direction = -1
    t_eval = np.linspace(t_start, t_end, points)
    solution = solve_ivp(model.rates, (t_start, t_end), y0, method="LSODA", t_eval=t_eval,
                         events=ncx_turns, rtol=1e-6, atol=1e-9, max_step=60.0)
    if not solution.success:
        raise RuntimeError(f"the ischemia model did not integrate: {solution.message}")
    states = [model.state(t, y) for t, y in zip(solution.t, solution.y.T)]
    column = {key: np.array([s[key] for s in states]) for key in states[0]}
    E_K = law("nernst").numeric(c_in=column["K"], c_out=column["K_out"], z=1, T=cell.T)
    crossings = solution.t_events[0]
    return Simulation(
        t=solution.t, Na_in=column["Na"], K_in=column["K"], Cl_in=column["Cl"],
        Ca_in=column["Ca"], V=column["V"], E_NCX=column["V"] + column["ncx_drive"], E_K=E_K,
        volume=column["volume"], t_ncx_reverses=float(crossings[0]) if len(crossings) else None,
        cell=cell, Na_out=column["Na_out"], K_out=column["K_out"], Cl_out=column["Cl_out"],
        Ca_out=column["Ca_out"], ecs=column["ecs"])
