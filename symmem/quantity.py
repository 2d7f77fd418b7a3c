"""Numbers with their unit, at a precision a lecturer would write.

One place decides how a value is shown, on a slide (LaTeX), in a notebook
(``_repr_latex_``) and in a terminal (plain text):

* three significant figures, trailing zeros dropped: ``-97.7 mV``, ``0.05``;
* powers of ten written out, never Python's e-notation: ``1 × 10⁻⁸ m/s``;
* a count (a symbol whose meaning is "number of …") is a whole number, and one of
  10 000 or more is rounded to two figures: ``≈ 3 × 10⁴``, ``≈ 1.2 × 10⁵``.

>>> number_latex(-97.74)
'-97.7'
>>> number_latex(1e-08)
'1 \\\\times 10^{-8}'
>>> number_text(120600.0, count=True)
'1.2 × 10⁵'
>>> number_text(30152.0, count=True), number_text(12345.6)
('3 × 10⁴', '12300')
>>> Quantity(-97.74, "mV", "E").text()
'E = −97.7 mV'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Quantity", "number_latex", "number_text", "unit_latex", "unit_text"]

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _parts(value: float, figures: int = 3, count: bool = False) -> tuple[str, int | None]:
    """(mantissa, power of ten or None): the digits to print."""
    if not math.isfinite(value):
        return ("∞" if value > 0 else "−∞") if math.isinf(value) else "NaN", None
    if value == 0:
        return "0", None
    power = math.floor(math.log10(abs(value)))
    if count:
        rounded = round(value)
        if abs(rounded) < 10_000:
            return f"{rounded:d}", None
        figures = 2
    elif -3 <= power < 5:
        decimals = max(0, figures - 1 - power)
        # significant figures also when the integer part is longer (12 345.6 as 12 300)
        text = f"{round(value, figures - 1 - power):.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return ("0" if text in ("-0", "") else text), None
    mantissa = f"{value / 10 ** power:.{figures - 1}f}"
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    if mantissa.lstrip("-") == "10":  # 9.99 rounded up
        mantissa, power = mantissa.replace("10", "1"), power + 1
    return mantissa, power


def number_latex(value: float, figures: int = 3, count: bool = False) -> str:
    """A number for LaTeX maths: ``-97.7``, ``1.2 \\times 10^{5}``."""
    mantissa, power = _parts(float(value), figures, count)
    mantissa = mantissa.replace("∞", r"\infty").replace("−", "-")
    if power is None:
        return mantissa
    return f"{mantissa} \\times 10^{{{power}}}"


def number_text(value: float, figures: int = 3, count: bool = False) -> str:
    """A number for plain text, with a real minus sign and superscript powers."""
    mantissa, power = _parts(float(value), figures, count)
    mantissa = mantissa.replace("-", "−")
    if power is None:
        return mantissa
    return f"{mantissa} × 10{str(power).translate(_SUPERSCRIPT)}"


_PREFIX_LATEX = {"µ": r"\mu", "μ": r"\mu", "u": r"\mu"}


def _factor_latex(factor: str) -> str:
    """One factor of a unit: an optional µ prefix, its letters (Ω as \\Omega), a power."""
    base, _, power = factor.partition("^")
    prefix = ""
    if base[:1] in ("µ", "μ") or (base[:1] == "u" and len(base) > 1 and base != "unit"):
        prefix, base = _PREFIX_LATEX[base[0]], base[1:]
    base = base.replace("Ω", r"\Omega ").strip()
    text = (prefix + " " if prefix else "") + rf"\mathrm{{{base}}}"
    return text + (f"^{{{power}}}" if power else "")


def unit_latex(unit: str) -> str:
    """A unit for LaTeX maths, upright: ``A/m^2`` → ``\\mathrm{A}/\\mathrm{m}^{2}``,
    ``Ω·cm²`` → ``\\mathrm{\\Omega}\\cdot\\mathrm{cm}^{2}``."""
    if unit in ("", "1", "G"):
        return ""
    unit = unit.replace("²", "^2").replace("³", "^3").replace("⁻¹", "^-1")
    out = []
    for i, part in enumerate(unit.split("/")):
        # a product (Ω·cm²) takes a centred dot; words (per µm²) keep their space
        products = [r"\ ".join(_factor_latex(w) if w != "per" else r"\mathrm{per}"
                                for w in f.split())
                    for f in re.split(r"[·*]", part) if f.strip()]
        text = r"\cdot ".join(products)
        out.append(text if i == 0 else "/" + text)
    return "".join(out)


def unit_text(unit: str) -> str:
    """A unit for plain text: ``A/m^2`` → ``A/m²``."""
    if unit in ("", "1", "G"):
        return ""
    return unit.replace("^2", "²").replace("^3", "³").replace("^-1", "⁻¹")


def _is_count(name: str) -> bool:
    from symmem.symbols import info

    entry = info(name)
    return entry is not None and entry.meaning.startswith("number of")


@dataclass(frozen=True)
class Quantity:
    """A law's value with its unit and the name of what it is.

    It behaves as its number in arithmetic (``float(q)``) and shows itself with its
    unit in a notebook (``_repr_latex_``) and a terminal (``repr``).
    """

    value: float
    unit: str = ""
    name: str = ""
    #: the registry symbol that names it in LaTeX, when not ``name`` (``dmu`` of an
    #: uncharged solute is Δμ, symbol ``dmu_chem``, not the electrochemical Δμ̃)
    symbol: str = ""

    @property
    def count(self) -> bool:
        return bool(self.name) and _is_count(self.name)

    def _rounded(self) -> bool:
        """A count shown rounded (241.2 as 241, 120 600 as 1.2 × 10⁵) is approximate."""
        return self.count and (self.value != round(self.value) or abs(self.value) >= 10_000)

    def __float__(self) -> float:
        return float(self.value)

    def _name_latex(self) -> str:
        from symmem.prose import prose_latex
        from symmem.symbols import info

        entry = info(self.symbol or self.name)
        return entry.latex if entry is not None else prose_latex(self.name).strip("$")

    def latex(self) -> str:
        """``E_{\\mathrm{K}} = -97.7\\,\\mathrm{mV}`` (``\\approx`` for a rounded count)."""
        number = number_latex(self.value, count=self.count)
        unit = unit_latex(self.unit)
        relation = r" \approx " if self._rounded() else " = "
        head = f"{self._name_latex()}{relation}" if self.name else ""
        return head + number + (rf"\,{unit}" if unit else "")

    def text(self) -> str:
        """``E = −97.7 mV``."""
        number = number_text(self.value, count=self.count)
        unit = unit_text(self.unit)
        relation = " ≈ " if self._rounded() else " = "
        head = f"{self.name}{relation}" if self.name else ""
        return head + number + (f" {unit}" if unit else "")

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def __repr__(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Quantities:
    """The results of a law with several (Donnan's [M⁺]ᵢ, [X⁻]ᵢ, r, V …), shown together
    and found by name: ``q["V"]``."""

    items: tuple[Quantity, ...]

    def __getitem__(self, name: str) -> Quantity:
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def latex(self) -> str:
        r"""One formula: each result an unbreakable group, ``,\quad`` between them."""
        return r",\quad ".join("{" + item.latex() + "}" for item in self.items)

    def text(self) -> str:
        return ", ".join(item.text() for item in self.items)

    def _repr_latex_(self) -> str:
        """One inline formula per result, so that a line may break between them."""
        return ", ".join(f"${item.latex()}$" for item in self.items)

    def __repr__(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()
