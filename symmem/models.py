"""The bundled models that ``symmem simulate`` runs: their parameters and summaries.

A model takes named numbers (physiology units, each with a default and a range it
accepts) and returns its summary figures with their units::

    >>> result = run("pump_block_spiking", {"radius_um": 0.5})
    >>> result["summary"]["silent"], result["units"]["t_silent"]
    (True, 's')

Unknown names, values outside a parameter's range and non-numbers are refused with
the parameter's description, never passed on to the integrator.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from symmem.errors import InputError

__all__ = ["MODELS", "Model", "ModelParam", "run"]


@dataclass(frozen=True)
class ModelParam:
    """One input of a model: a number in a closed range, or one of a few words.

    ``choices`` makes it a word (``pump=off``); else ``low`` and ``high`` bound it.
    """

    name: str
    default: float | str | None
    unit: str
    meaning: str
    low: float = -math.inf
    high: float = math.inf
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> float | str:
        if self.choices:
            if value not in self.choices:
                raise InputError(f"{self.name} must be one of {', '.join(self.choices)} "
                                 f"({self.meaning}), not {value!r}")
            return str(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not math.isfinite(value):
            raise InputError(f"{self.name} must be a number ({self.meaning}), not {value!r}")
        if not self.low <= value <= self.high:
            unit = f" {self.unit}" if self.unit not in ("", "1") else ""
            raise InputError(f"{self.name} = {value:g}{unit} is outside "
                             f"{self.low:g} to {self.high:g}{unit} ({self.meaning})")
        return float(value)


@dataclass(frozen=True)
class Model:
    """A model: what it is, its parameters, and the function that runs it."""

    name: str
    title: str
    params: tuple[ModelParam, ...]
    units: Mapping[str, str]  # of the summary figures
    function: Callable[[dict[str, float]], dict[str, Any]]

    def values(self, given: Mapping[str, Any]) -> dict[str, Any]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise InputError(f"{self.name} has no parameter {', '.join(unknown)}; its "
                             f"parameters: {', '.join(known)}")
        return {p.name: p.check(given[p.name]) if p.name in given else p.default
                for p in self.params}


def _spiking(values: dict[str, Any]) -> dict[str, Any]:
    from symmem.laws import law
    from symmem.spiking import Axon, simulate

    axon = Axon(radius_um=values["radius_um"], rate=values["rate"],
                pump_rest=values["pump_rest"], pump_reserve=values["pump_reserve"])
    pump = values["pump"] == "on"
    result = simulate(axon, pump=pump, t_max=3600.0 * values["hours"])
    budget = law("action_potential_budget").numeric(
        dNa=max(result.Na_rise, 1e-12), a=axon.radius_um, C_m=axon.C_m,
        dV_AP=result.amplitude, overlap=result.overlap)
    return {"spikes": result.spikes, "silent": result.silent,
            "t_silent": result.t_silent, "t_end": result.t_end,
            "stopped_early": result.stopped_early,
            "steady": result.steady,
            "Na_in_final": float(result.Na_in[-1]), "K_in_final": float(result.K_in[-1]),
            "K_out": axon.K_out, "overlap": result.overlap, "spike_amplitude": result.amplitude,
            "budget_N_AP": float(budget) if not pump else None}


def _ischemia(values: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    from symmem.ischemia import CELLS, simulate

    chosen = {k: values[k] for k in ("tau_ATP", "b") if values[k] is not None}
    cell = replace(CELLS[values["cell"]], **chosen)
    times = [values["at1"], values["at2"], values["at3"]]
    run_ = simulate(cell, t_end=60.0 * max(times), points=max(400, int(4 * max(times))))
    minutes = run_.t / 60.0
    half = cell.V_rest_mV / 2.0  # halfway from rest to 0 mV
    above = np.flatnonzero((run_.V > half) & (minutes > 0))
    crossing = None
    if above.size:  # interpolate between the samples either side of the crossing
        i = above[0]
        crossing = float(np.interp(half, run_.V[i - 1:i + 1], minutes[i - 1:i + 1]))
    out: dict[str, Any] = {
        "tau_ATP": cell.tau_ATP, "b": cell.b,
        "t_ncx_reverses": None if run_.t_ncx_reverses is None
        else run_.t_ncx_reverses / 60.0,
        "t_depolarised": crossing}
    for k, at in enumerate(times, start=1):
        out[f"t{k}"] = at
        out[f"V_t{k}"] = float(np.interp(at, minutes, run_.V))
        out[f"K_out_t{k}"] = float(np.interp(at, minutes, run_.K_out))
        out[f"Ca_in_t{k}"] = float(np.interp(at, minutes, run_.Ca_in)) * 1e6
        out[f"volume_t{k}"] = float(np.interp(at, minutes, run_.volume))
        out[f"ecs_t{k}"] = float(np.interp(at, minutes, run_.ecs))
    return out


_ISCHEMIA_UNITS = {"tau_ATP": "s", "b": "1", "t_ncx_reverses": "min",
                   "t_depolarised": "min"} | {
    f"{what}{k}": unit for k in (1, 2, 3)
    for what, unit in (("t", "min"), ("V_t", "mV"), ("K_out_t", "mM"), ("Ca_in_t", "nM"),
                       ("volume_t", "1"), ("ecs_t", "1"))}

MODELS: dict[str, Model] = {
    "pump_block_spiking": Model(
        "pump_block_spiking", "Spikes with the Na⁺/K⁺ pump blocked (or on): a "
        "Hodgkin–Huxley axon whose gradients run down",
        (ModelParam("radius_um", 0.5, "µm", "axon radius", 0.1, 500.0),
         ModelParam("rate", 20.0, "Hz", "stimulus pulses per second", 1.0, 200.0),
         ModelParam("pump", "off", "", "the Na+/K+ pump: blocked at t = 0, or left on",
                    choices=("off", "on")),
         ModelParam("pump_rest", 2.0, "µA/cm²", "the pump's current at rest", 1.5, 20.0),
         ModelParam("pump_reserve", 5.0, "", "the pump's top rate over its resting rate",
                    1.01, 50.0),
         ModelParam("hours", 24.0, "h", "longest time simulated", 0.001, 240.0)),
        {"spikes": "1", "silent": "", "t_silent": "s", "t_end": "s", "stopped_early": "",
         "steady": "",
         "Na_in_final": "mM", "K_in_final": "mM", "K_out": "mM", "overlap": "1",
         "spike_amplitude": "mV", "budget_N_AP": "1"},
        _spiking),
    "ischemia": Model(
        "ischemia", "When the pump stops: ions, V, NCX reversal, Ca²⁺, volume and the "
        "extracellular space after ATP fails",
        (ModelParam("cell", "generic", "", "the cell: generic (an unlimited bath), neuron "
                    "(cortical, in brain extracellular space) or muscle (skeletal fibre)",
                    choices=("generic", "neuron", "muscle")),
         ModelParam("tau_ATP", None, "s", "time constant of ATP loss (default: the "
                    "cell's own: generic 120 s, neuron 60 s, muscle 1800 s)", 1.0, 36_000.0),
         ModelParam("b", None, "", "non-osmotic fraction of the cell's volume (default: "
                    "the cell's own: generic 0, neuron 0.3, muscle 0.3)", 0.0, 0.9),
         ModelParam("at1", 5.0, "min", "first time reported", 0.1, 240.0),
         ModelParam("at2", 10.0, "min", "second time reported", 0.1, 240.0),
         ModelParam("at3", 30.0, "min", "third time reported", 0.1, 240.0)),
        _ISCHEMIA_UNITS, _ischemia),
}


def run(name: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """Run a bundled model: ``{"model", "params", "summary", "units"}``."""
    if name not in MODELS:
        import difflib

        close = difflib.get_close_matches(name, MODELS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InputError(f"no model {name!r}{hint} (models: {', '.join(MODELS)})")
    model = MODELS[name]
    values = model.values(given)
    return {"model": name, "params": values, "summary": model.function(values),
            "units": dict(model.units)}
