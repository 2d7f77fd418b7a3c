"""The laws of membrane transport, found by name.

>>> from symmem.laws import law
>>> round(law("nernst").numeric(c_in=140, c_out=5, z=1), 1)
-89.1
"""

from __future__ import annotations

import difflib
from typing import Any

from symmem.errors import UnknownNameError
from symmem.laws import (
    bioenergetics,
    electrochemistry,
    excitability,
    ghk,
    pump_leak,
    transporters,
)
from symmem.laws.base import Law

__all__ = ["LAWS", "Law", "UnknownLawError", "evaluate", "law", "law_names"]

LAWS: dict[str, Law] = {
    item.name: item
    for module in (electrochemistry, ghk, pump_leak, transporters, bioenergetics, excitability)
    for item in module.LAWS
}


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
