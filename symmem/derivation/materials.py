"""What a derivation brings to a lesson besides its steps: figures, worked examples, exercises.

Each is data. The notebook builder turns it into code cells a student can edit; the
slide builder draws the figure and shows the example's value. Nothing is typed twice:
a figure is a function of :mod:`symmem.plots` (or any importable module) with its
keyword arguments, an example names a law of :mod:`symmem.laws` and its inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from symmem.errors import InputError

__all__ = ["Example", "Exercise", "Figure", "call_source"]


class _Name(str):
    """A name written as it is (not quoted) in generated source."""


def _literal(value: Any) -> str:
    """Python source for a plain value (numbers, strings, tuples, lists, dicts)."""
    if isinstance(value, _Name):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else f"{value:.1f}"
    return repr(value)


def call_source(name: str, kwargs: Mapping[str, Any]) -> str:
    """``name(a=1, b=2.5)``: a call a student can read and edit."""
    return f"{name}({', '.join(f'{k}={_literal(v)}' for k, v in kwargs.items())})"


@dataclass(frozen=True)
class Figure:
    """A figure drawn by ``function(**kwargs)``, which returns a matplotlib Figure."""

    function: Callable[..., Any]
    caption: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""  # a short heading for the figure's slide; the caption goes below

    def __post_init__(self) -> None:
        module = getattr(self.function, "__module__", "") or ""
        if module.startswith("symmem_course_") or module == "__main__":
            raise InputError(f"figure {self.function.__name__}: put the plotting function in "
                             "an importable module (for example symmem.plots), so that the "
                             "notebook can import it")

    def code(self) -> str:
        """The notebook cell that draws this figure."""
        module, name = self.function.__module__, self.function.__name__
        return f"from {module} import {name}\n\nfig = {call_source(name, self.kwargs)}"

    def draw(self) -> Any:
        return self.function(**self.kwargs)

    def slider_code(self) -> str:
        """The notebook cell that gives the figure sliders (see :mod:`symmem.interactive`)."""
        module, name = self.function.__module__, self.function.__name__
        return (f"from {module} import {name}\nfrom symmem.interactive import explore\n\n"
                f"{call_source('explore', {'function': _Name(name), **self.kwargs})}")

    def heading(self, number: int = 1) -> str:
        """The figure's one-line heading: its title, else the caption's first clause."""
        if self.title:
            return self.title
        first = self.caption.split(":")[0].split(". ")[0].rstrip(".")
        return first if len(first) <= 48 else f"Figure {number}"


@dataclass(frozen=True)
class Example:
    """A law of :mod:`symmem.laws` evaluated with textbook values (physiology units)."""

    law: str
    caption: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def code(self) -> str:
        return f'law("{self.law}").quantity({", ".join(f"{k}={_literal(v)}" for k, v in self.values.items())})'  # noqa: E501

    def result(self) -> tuple[float, str, str]:
        """(value, result name, unit)."""
        from symmem.laws import law

        item = law(self.law)
        return float(item.numeric(**self.values)), item.result.name, item.result.unit

    def quantity(self) -> Any:
        """The result as a :class:`symmem.quantity.Quantity` (value, unit and name)."""
        from symmem.laws import law

        return law(self.law).quantity(**self.values)


@dataclass(frozen=True)
class Exercise:
    """A question for the student, with the answer they should reach.

    ``solution`` is written the way a student would type it (``RT/(zF) ln(c_o/c_i)``).
    ``question`` names a question of the checker's bank, so that the notebook can offer
    a cell that checks the student's own answer; ``params`` are its numeric inputs.
    """

    prompt: str
    solution: str
    question: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
