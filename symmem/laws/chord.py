"""The chord-conductance equation: the membrane as parallel conductances.

Each channel type X is a conductance g_X in series with its reversal potential E_X, so
its current is g_X (V − E_X). With no net current (the pump's own current neglected):

    V = Σ_X g_X E_X / Σ_X g_X

a weighted mean of the reversal potentials, each weighted by its share of the total
conductance. X runs over K, Na, Cl, Ca and L (a leak, as in Hodgkin & Huxley's model);
conductances may be in any one unit, since only their ratios matter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import sympy as sp

from symmem.errors import InputError
from symmem.laws.base import Law, Output, Param, volt
from symmem.numeric import NumericForm, unknown_parameters
from symmem.symbols import sym

V = sym("V")

#: channel types the law accepts, in the order parameters are listed
CHORD_CHANNELS: tuple[str, ...] = ("K", "Na", "Cl", "Ca", "L")


def chord_expr(channels: Iterable[str]) -> sp.Expr:
    """Σ g_X E_X / Σ g_X over the channels given."""
    channels = tuple(channels)
    return (sp.Add(*(sym(f"g_{x}") * sym(f"E_{x}") for x in channels))
            / sp.Add(*(sym(f"g_{x}") for x in channels)))


def _params(channels: Iterable[str]) -> list[Param]:
    params: list[Param] = []
    for x in channels:
        word = "the leak" if x == "L" else x
        params.append(Param(f"g_{x}", sym(f"g_{x}"), "", 1.0, "nonnegative",
                            f"conductance to {word} (any one unit for all)"))
        params.append(volt(f"E_{x}", f"reversal potential of {word}"))
    return params


def _diagnose(values: Mapping[str, Any]) -> str | None:
    import numpy as np  # only on the way to a refusal

    total = sum(np.asarray(values[k]) for k in values if k.startswith("g_"))
    if np.any(total == 0):
        return ("every conductance is zero, so no potential is defined: give at least one "
                "channel a conductance > 0")
    return None


class ChordConductanceLaw(Law):
    """Chord conductance for any two or more of K, Na, Cl, Ca and L: g_X and E_X each."""

    def __init__(self) -> None:
        channels = ("K", "Na", "Cl")
        super().__init__(
            "chord_conductance", "Chord-conductance equation",
            sp.Eq(V, chord_expr(channels), evaluate=False), _params(channels),
            Output("V", V, "mV", 1e-3),
            "The potential at which the currents g_X (V − E_X) of parallel channels sum to "
            "zero: Σ g_X E_X / Σ g_X. Give g_X and E_X for two or more of K, Na, Cl, Ca and "
            "L (leak); conductances in any one unit. It neglects the pump's current.",
            topic="chord")

    def channels_in(self, given: Iterable[str]) -> tuple[str, ...]:
        """The channels named by the parameters given (K, Na, Cl, Ca, L in that order)."""
        return _channels_named(frozenset(given))

    def parameters(self, given: Mapping[str, Any] | None = None) -> tuple[Param, ...]:
        if not given:
            return tuple(_params(CHORD_CHANNELS))
        return _form(self.channels_in(given)).params

    def numeric(self, **params: Any) -> Any:
        return _form(_channels_named(frozenset(params)))(**params)

    def parameter_summary(self) -> str:
        return f"g_X and E_X [mV] for two or more X of {' '.join(CHORD_CHANNELS)}"


@cache
def _channels_named(given: frozenset[str]) -> tuple[str, ...]:
    valid = {f"{part}_{x}" for x in CHORD_CHANNELS for part in ("g", "E")}
    unknown = sorted(given - valid)
    if unknown:
        raise unknown_parameters("chord_conductance", unknown, valid,
                                 f"g_X and E_X for X in {', '.join(CHORD_CHANNELS)}")
    channels = tuple(x for x in CHORD_CHANNELS if given & {f"g_{x}", f"E_{x}"})
    if len(channels) < 2:
        raise InputError("chord_conductance: give at least two channels, each as g_X and "
                         "E_X (for example g_K=1 E_K=-90 g_Na=0.05 E_Na=60); with one "
                         "channel V is simply its E_X")
    return channels


@cache
def _form(channels: tuple[str, ...]) -> NumericForm:
    return NumericForm("chord_conductance", _params(channels), chord_expr(channels),
                       Output("V", V, "mV", 1e-3), diagnose=_diagnose)


chord_conductance = ChordConductanceLaw()

LAWS: tuple[Law, ...] = (chord_conductance,)
__all__ = ["CHORD_CHANNELS", "LAWS", "chord_conductance", "chord_expr"]
