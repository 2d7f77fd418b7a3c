"""Ion table: charge, LaTeX and typical free concentrations (mM) with their sources.

Each preparation is a named set of inside/outside concentrations. The numbers are
the ones physiology courses quote; the source of every set is named with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from symmem.errors import UnknownNameError

__all__ = ["IONS", "ION_NAMES", "PREPARATIONS", "Ion", "Preparation", "ion", "preparation"]


@dataclass(frozen=True)
class Ion:
    """An ion species: its symbol, signed valence z and LaTeX."""

    name: str
    z: int
    latex: str
    description: str


IONS: dict[str, Ion] = {
    "K": Ion("K", +1, r"\mathrm{K}^{+}", "potassium"),
    "Na": Ion("Na", +1, r"\mathrm{Na}^{+}", "sodium"),
    "Cl": Ion("Cl", -1, r"\mathrm{Cl}^{-}", "chloride"),
    "Ca": Ion("Ca", +2, r"\mathrm{Ca}^{2+}", "calcium"),
    "H": Ion("H", +1, r"\mathrm{H}^{+}", "proton"),
    "HCO3": Ion("HCO3", -1, r"\mathrm{HCO}_{3}^{-}", "bicarbonate"),
}
ION_NAMES: tuple[str, ...] = tuple(IONS)


@dataclass(frozen=True)
class Preparation:
    """Typical free ion concentrations (mM) inside and outside one kind of cell."""

    name: str
    description: str
    temperature: float  # K
    source: str
    inside: dict[str, float] = field(default_factory=dict)
    outside: dict[str, float] = field(default_factory=dict)

    def concentrations(self, ion_name: str) -> tuple[float, float]:
        """Return (inside, outside) in mM for one ion."""
        if ion_name not in self.inside:
            raise UnknownNameError(f"{self.name} has no concentrations for {ion_name}; "
                           f"it has {', '.join(self.inside)}")
        return self.inside[ion_name], self.outside[ion_name]


PREPARATIONS: dict[str, Preparation] = {
    "mammalian": Preparation(
        name="mammalian",
        description="mammalian skeletal muscle at 37 °C",
        temperature=310.15,
        source="B. Hille, Ion Channels of Excitable Membranes, 3rd ed. (2001), Table 1.1",
        inside={"K": 155.0, "Na": 12.0, "Cl": 4.2, "Ca": 1e-4, "H": 1e-4, "HCO3": 12.0},
        outside={"K": 4.0, "Na": 145.0, "Cl": 123.0, "Ca": 1.5, "H": 4e-5, "HCO3": 27.0},
    ),
    "squid": Preparation(
        name="squid",
        description="squid giant axon in sea water",
        temperature=291.15,
        source="A. L. Hodgkin and B. Katz, J. Physiol. 108:37-77 (1949); "
               "A. L. Hodgkin, The Conduction of the Nervous Impulse (1964), Table 1",
        inside={"K": 400.0, "Na": 50.0, "Cl": 40.0, "Ca": 1e-4},
        outside={"K": 20.0, "Na": 440.0, "Cl": 560.0, "Ca": 10.0},
    ),
}


def ion(name: str) -> Ion:
    """Return the ion called ``name`` (K, Na, Cl, Ca, H, HCO3)."""
    try:
        return IONS[name]
    except KeyError:
        raise UnknownNameError(f"unknown ion {name!r}; known ions: {', '.join(IONS)}") from None


def preparation(name: str) -> Preparation:
    """Return a named set of typical concentrations (``mammalian`` or ``squid``)."""
    try:
        return PREPARATIONS[name]
    except KeyError:
        raise UnknownNameError(f"unknown preparation {name!r}; known: "
                               f"{', '.join(PREPARATIONS)}") from None
