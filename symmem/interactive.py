"""Sliders for a figure: move a physiological input and the plot is drawn again.

:func:`explore` reads the numeric keyword arguments of a figure function of
:mod:`symmem.plots` (concentrations, permeabilities, T, p, k …) and gives each a
slider around its default, and a menu to each word the function offers choices for
(its ``choices`` attribute: name → a function giving the options, as the ischemia
figure's ``cell``); every change redraws the figure. It needs ipywidgets
(``pip install 'symmem[notebook]'``); without it, it says so and draws nothing, so a
notebook still runs top to bottom.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

__all__ = ["Explorer", "explore", "slider_range"]


#: inputs whose sensible range is not a factor around the default: the temperature runs
#: from 0 °C to a high fever (a fifth to five times 310 K would be 62–1550 K)
FIXED_RANGES = {"T": (273.15, 315.15)}


def slider_range(default: float, name: str = "") -> tuple[float, float, float]:
    """(min, max, step) for a slider around ``default``: a fifth to five times a positive
    value, ±150 around a potential (a negative one, or zero), in 100 steps; T from 0 to
    42 °C."""
    if name in FIXED_RANGES and FIXED_RANGES[name][0] <= default <= FIXED_RANGES[name][1]:
        low, high = FIXED_RANGES[name]
    elif default > 0:
        low, high = default / 5, default * 5
    else:
        low, high = default - 150.0, default + 150.0
    return low, high, (high - low) / 100


class Explorer:
    """A figure function, its sliders, and the figure drawn last (``figure``)."""

    def __init__(self, function: Callable[..., Any], fixed: dict[str, Any]) -> None:
        import ipywidgets as widgets

        self.function = function
        self.fixed = dict(fixed)
        self.figure: Any = None
        self.sliders: dict[str, Any] = {}
        choices = getattr(function, "choices", {})
        for name, parameter in inspect.signature(function).parameters.items():
            default = fixed.get(name, parameter.default)
            if name in choices and isinstance(default, str):
                self.sliders[name] = widgets.Dropdown(options=list(choices[name]()),
                                                      value=default, description=name)
                continue
            if name in fixed and not isinstance(fixed[name], (int, float)):
                continue
            if isinstance(default, bool) or not isinstance(default, (int, float)):
                continue
            low, high, step = slider_range(float(default), name)
            self.sliders[name] = widgets.FloatSlider(
                value=float(default), min=low, max=high, step=step, description=name,
                continuous_update=False, readout_format=".3g")
        self.output = widgets.Output()
        for slider in self.sliders.values():
            slider.observe(lambda change: self.draw(), names="value")
        self.widget = widgets.VBox([*self.sliders.values(), self.output])
        self.draw()

    def values(self) -> dict[str, Any]:
        return {**self.fixed, **{n: s.value for n, s in self.sliders.items()}}

    def draw(self) -> Any:
        """Draw the figure at the sliders' values (shown in the widget's output)."""
        import matplotlib.pyplot as plt

        self.figure = self.function(**self.values())
        # drawn here, not by the notebook at the end of the cell: take it out of pyplot's
        # list, or the inline backend shows it again below the sliders and skips the
        # next cell's figure
        plt.close(self.figure)
        self.output.clear_output(wait=True)
        with self.output:
            from IPython.display import display

            display(self.figure)
        return self.figure

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def explore(function: Callable[..., Any], **fixed: Any) -> Explorer | None:
    """Sliders for every numeric input of ``function``; ``fixed`` values stay as given
    (a number given here becomes the slider's starting value)."""
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        print("Sliders need ipywidgets: pip install 'symmem[notebook]' (the static "
              "figure above shows the default values).")
        return None
    return Explorer(function, fixed)
