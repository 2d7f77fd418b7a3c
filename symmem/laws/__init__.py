"""The laws of membrane transport, found by name.

>>> from symmem.laws import law
>>> round(law("nernst").numeric(c_in=140, c_out=5, z=1), 1)
-89.1
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from symmem.errors import UnknownNameError
from symmem.laws.base import Law

__all__ = ["LAWS", "Law", "UnknownLawError", "evaluate", "law", "law_names"]

#: where each law lives, in the order they are listed; a module is imported only when
#: one of its laws is asked for (``symmem eval nernst`` loads electrochemistry alone)
MODULES: dict[str, tuple[str, ...]] = {
    "electrochemistry": ("thermal_voltage", "nernst_slope", "nernst", "driving_force",
                         "electrochemical_potential_difference",
                         "chemical_potential_difference", "ussing_flux_ratio"),
    "ghk": ("ghk_current", "ghk_voltage"),
    "chord": ("chord_conductance",),
    "pump_leak": ("pump_leak", "pump_leak_steady_state", "pump_leak_time_constant",
                  "pump_leak_half_time", "mullins_noda"),
    "transporters": ("ncx_reversal", "pump_reversal_potential", "sglt_max_accumulation",
                     "kcc2_chloride_limit", "nkcc1_chloride_limit"),
    "bioenergetics": ("proton_motive_force", "atp_free_energy", "atp_synthase_protons"),
    "excitability": ("action_potential_budget", "capacitive_charge"),
    "cable": ("membrane_time_constant", "length_constant", "input_resistance"),
    "solutions": ("osmotic_pressure", "cell_volume", "henderson_hasselbalch", "donnan"),
}
_HOME = {name: module for module, names in MODULES.items() for name in names}


class _Laws(Mapping[str, Law]):
    """Every law by name, in order; each topic's module loads on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, Law] = {}

    def _load(self, module: str) -> None:
        for item in importlib.import_module(f"symmem.laws.{module}").LAWS:
            self._loaded[item.name] = item

    def __getitem__(self, name: str) -> Law:
        if name not in self._loaded:
            if name not in _HOME:
                raise KeyError(name)
            self._load(_HOME[name])
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_HOME)

    def __len__(self) -> int:
        return len(_HOME)

    def __contains__(self, name: object) -> bool:
        return name in _HOME


LAWS: Mapping[str, Law] = _Laws()


class UnknownLawError(UnknownNameError, ValueError):
    """Raised for a law name that does not exist; the message names the valid ones."""


def law_names() -> list[str]:
    return list(LAWS)


def law(name: str) -> Law:
    """Return the law called ``name``; an unknown name raises with the closest match."""
    try:
        return LAWS[name]
    except KeyError:
        close = difflib.get_close_matches(name, LAWS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownLawError(f"unknown law {name!r}{hint}. Laws: {', '.join(LAWS)}") from None


def evaluate(name: str, **params: Any) -> dict[str, Any]:
    """Evaluate a law by name and return ``{result_name: value}`` in physiology units."""
    return law(name).evaluate(**params)
