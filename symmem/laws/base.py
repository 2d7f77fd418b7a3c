"""The Law object: a named SymPy equation with its parameters, units and numeric form."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any

import sympy as sp

from symmem.constants import BODY_TEMPERATURE
from symmem.errors import InputError
from symmem.numeric import NumericForm, Output, Param
from symmem.symbols import info, sym

__all__ = ["Law", "Output", "Param", "conc", "energy", "temperature", "valence", "volt"]


def conc(name: str, description: str | None = None, domain: str = "positive") -> Param:
    """A concentration parameter in mM (= mol/m³, so no scaling to SI)."""
    entry = info(name)
    return Param(name, sym(name), "mM", 1.0, domain, description or entry.meaning)


def volt(name: str, description: str | None = None, domain: str = "real") -> Param:
    """A potential parameter in mV."""
    return Param(name, sym(name), "mV", 1e-3, domain, description or info(name).meaning)


def energy(name: str, description: str | None = None, default: float | None = None) -> Param:
    """A free-energy parameter in kJ/mol."""
    return Param(name, sym(name), "kJ/mol", 1e3, "real", description or info(name).meaning,
                 default)


def temperature() -> Param:
    """The absolute temperature in K, 310.15 (37 °C) unless given."""
    return Param("T", sym("T"), "K", 1.0, "temperature", "absolute temperature",
                 BODY_TEMPERATURE)


def valence() -> Param:
    """The signed valence z of the ion."""
    return Param("z", sym("z"), "", 1.0, "nonzero_integer", "signed valence of the ion")


class Law:
    """A law of membrane biophysics: ``result = expression`` with honest assumptions.

    Laws are written ``sp.Eq(result, expression, evaluate=False)``: an equation that
    defines its result is never to be decided True or False, and building it
    unevaluated spares SymPy's relational dispatch (about 40 ms at start-up).

    Attributes
    ----------
    name : the public name (``nernst``)
    equation : ``sympy.Eq(result_symbol, rhs)`` in SI units
    params : the numeric parameters, in physiology units
    result : the output's name, symbol and unit
    also : further results of the same parameters, each ``sympy.Eq(symbol, rhs)`` with
        its :class:`Output` (Donnan's ``anion_in`` and ``V`` beside ``cation_in``);
        ``numeric`` gives the first result, ``evaluate`` gives them all
    """

    def __init__(self, name: str, title: str, equation: sp.Eq, params: Sequence[Param],
                 result: Output, description: str, *, topic: str,
                 removable: tuple[str, float, float] | None = None,
                 checks: Sequence[Callable[[Mapping[str, Any]], str | None]] = (),
                 diagnose: Callable[[Mapping[str, Any]], str | None] | None = None,
                 also: Sequence[tuple[Output, sp.Eq]] = ()) -> None:
        for out, eq in ((result, equation), *also):
            if eq.lhs != out.symbol:
                raise InputError(f"{name}: the equation's left side must be {out.symbol}")
            missing = eq.rhs.free_symbols - {p.symbol for p in params} - {
                sym("R"), sym("F"), sym("e_charge"), sym("c_std")}
            if missing:
                raise InputError(f"{name}: no parameter for {sorted(map(str, missing))}")
        self.also = tuple(also)
        self.name = name
        self.title = title
        self.equation = equation
        self.params = tuple(params)
        self.result = result
        self.description = description
        self.topic = topic
        self._numeric_options = {"removable": removable, "checks": checks, "diagnose": diagnose}

    @property
    def rhs(self) -> sp.Expr:
        return self.equation.rhs

    @property
    def symbol(self) -> sp.Symbol:
        return self.result.symbol

    @cached_property
    def numeric_form(self) -> NumericForm:
        return NumericForm(self.name, self.params, self.rhs, self.result,
                           **self._numeric_options)

    @cached_property
    def also_forms(self) -> tuple[NumericForm, ...]:
        """The numeric forms of the further results, in order."""
        return tuple(NumericForm(self.name, self.params, eq.rhs, out, **self._numeric_options)
                     for out, eq in self.also)

    @property
    def results(self) -> tuple[Output, ...]:
        """Every result: the first, then the further ones."""
        return (self.result, *(out for out, _ in self.also))

    def numeric(self, **params: Any) -> Any:
        """Evaluate the law in physiology units; scalars give a float, arrays broadcast."""
        return self.numeric_form(**params)

    def quantity(self, **params: Any) -> Any:
        """The value at scalar inputs, with its unit: shows as ``E = −97.7 mV``; a law
        with several results gives them all (:class:`symmem.quantity.Quantities`)."""
        from symmem.quantity import Quantities, Quantity

        values = self.evaluate(**params)
        items = tuple(Quantity(float(values[out.name]), out.unit, out.name, out.symbol.name)
                      for out in self.results)
        return items[0] if len(items) == 1 else Quantities(items)

    def evaluate(self, **params: Any) -> dict[str, Any]:
        """Evaluate and return ``{result_name: value}`` for every result."""
        values = {self.result.name: self.numeric(**params)}
        for (out, _), form in zip(self.also, self.also_forms):
            values[out.name] = form(**params)
        return values

    def parameters(self, given: Mapping[str, Any] | None = None) -> tuple[Param, ...]:
        """The parameters the law takes (for GHK voltage, those of the ions given)."""
        return self.params

    def parameter_summary(self) -> str:
        """The parameters as ``symmem list`` shows them: ``c_in [mM], …, T [K]=310.15``."""
        return ", ".join(p.name + (f" [{p.unit}]" if p.unit else "")
                         + ("=" + f"{p.default:g}" if p.default is not None else "")
                         for p in self.params)

    def latex(self) -> str:
        from symmem.latex import latex

        return latex(self.equation)

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex()}$"

    def __repr__(self) -> str:
        return f"<Law {self.name}: {self.equation.lhs} = {self.equation.rhs}>"
