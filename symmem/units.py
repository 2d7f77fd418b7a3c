"""Units as people type them, converted to the unit a law or a question uses.

A unit is a product of factors, each a base unit with an optional SI prefix and power:
``nC/cm²`` is nano-coulomb × (centi-metre)⁻², ``kJ mol^-1`` is kilo-joule × mole⁻¹,
``Ω·cm²``, ``mM/mmHg``, ``per µm²``, ``millivolts``. Every base unit is a scale times a
product of SI base dimensions, so a value converts from one unit to another when their
dimensions agree:

    value in ``wanted`` = value in ``typed`` × scale(typed) / scale(wanted)

>>> factor("GΩ", "MΩ"), factor("V", "mV"), factor("M", "mM")
(1000.0, 1000.0, 1000.0)
>>> round(factor("µm^2", "cm²"), 12), factor("kJ mol^-1", "kJ/mol")
(1e-08, 1.0)
>>> factor("mV", "MΩ") is None     # a potential is not a resistance
True

Units are case-sensitive, as in SI: ``MV`` is megavolts, ``mm`` millimetres, ``mM``
millimolar. A temperature in degrees Celsius is not a scale of the kelvin (it is shifted
by 273.15 K); :func:`kelvin` reads one.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["NUMBER", "UnitError", "factor", "kelvin", "parse_unit", "split_quantity",
           "with_decimal_point"]

#: dimension order: metre, kilogram, second, ampere, mole, osmole, kelvin
_DIMENSIONS = ("m", "kg", "s", "A", "mol", "Osm", "K")
Dimension = tuple[int, ...]


def _dim(**powers: int) -> Dimension:
    return tuple(powers.get(name, 0) for name in _DIMENSIONS)


_VOLT = _dim(kg=1, m=2, s=-3, A=-1)
_PASCAL = _dim(kg=1, m=-1, s=-2)
_JOULE = _dim(kg=1, m=2, s=-2)

#: base unit: (scale to SI, dimension, takes a prefix)
_BASE: dict[str, tuple[float, Dimension, bool]] = {
    "m": (1.0, _dim(m=1), True),
    "g": (1e-3, _dim(kg=1), True),
    "s": (1.0, _dim(s=1), True),
    "min": (60.0, _dim(s=1), False),
    "h": (3600.0, _dim(s=1), False),
    "Hz": (1.0, _dim(s=-1), True),
    "A": (1.0, _dim(A=1), True),
    "C": (1.0, _dim(A=1, s=1), True),
    "V": (1.0, _VOLT, True),
    "Ω": (1.0, _dim(kg=1, m=2, s=-3, A=-2), True),
    "S": (1.0, _dim(kg=-1, m=-2, s=3, A=2), True),
    "F": (1.0, _dim(kg=-1, m=-2, s=4, A=2), True),
    "J": (1.0, _JOULE, True),
    "cal": (4.184, _JOULE, True),
    "W": (1.0, _dim(kg=1, m=2, s=-3), True),
    "Pa": (1.0, _PASCAL, True),
    "bar": (1e5, _PASCAL, True),
    "atm": (101_325.0, _PASCAL, False),
    "mmHg": (133.322_387_415, _PASCAL, False),
    "Torr": (133.322_368_421, _PASCAL, False),
    "mol": (1.0, _dim(mol=1), True),
    "M": (1e3, _dim(mol=1, m=-3), True),
    "L": (1e-3, _dim(m=3), True),
    "l": (1e-3, _dim(m=3), True),
    "Osm": (1.0, _dim(Osm=1), True),
    "K": (1.0, _dim(K=1), False),
}
_PREFIX = {"T": 1e12, "G": 1e9, "M": 1e6, "k": 1e3, "h": 1e2, "d": 1e-1, "c": 1e-2,
           "m": 1e-3, "µ": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15}

#: words, singular; a plural "s" is dropped before looking them up
_WORD_BASE = {"volt": "V", "ohm": "Ω", "second": "s", "sec": "s", "metre": "m",
              "meter": "m", "molar": "M", "mole": "mol", "litre": "L", "liter": "L",
              "joule": "J", "coulomb": "C", "siemen": "S", "siemens": "S", "farad": "F",
              "pascal": "Pa", "hertz": "Hz", "ampere": "A", "amp": "A", "gram": "g",
              "minute": "min", "hour": "h", "calorie": "cal", "osmole": "Osm",
              "osmol": "Osm", "kelvin": "K", "torr": "Torr"}
_WORD_PREFIX = {"tera": "T", "giga": "G", "mega": "M", "kilo": "k", "hecto": "h",
                "deci": "d", "centi": "c", "milli": "m", "micro": "µ", "nano": "n",
                "pico": "p", "femto": "f"}
#: things counted, which a number may name (6200 ions per µm², 1.2 × 10⁵ spikes)
_COUNTED = {"ion", "molecule", "spike", "ap", "proton", "cycle", "particle", "charge",
            "action potential", "impulse"}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


class UnitError(ValueError):
    """A unit that cannot be read."""


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _word(token: str) -> str | None:
    """``millivolts`` → ``mV``, ``megohm`` → ``MΩ``; None if not a unit word."""
    lower = token.lower().replace("megohm", "megaohm")
    for prefix in ("", *_WORD_PREFIX):
        if not lower.startswith(prefix):
            continue
        rest = lower[len(prefix):]
        for base in (rest, rest[:-1] if rest.endswith("s") else None):
            if base in _WORD_BASE:
                return _WORD_PREFIX.get(prefix, "") + _WORD_BASE[base]
    return None


def _factor_of(symbol: str) -> tuple[float, Dimension]:
    """One prefixed base unit: ``cm`` → (0.01, metre), ``mM`` → (1, mol m⁻³)."""
    if symbol.lower() in _COUNTED or symbol.lower().removesuffix("s") in _COUNTED:
        return 1.0, _dim()
    if symbol in _BASE:
        scale, dim, _ = _BASE[symbol]
        return scale, dim
    word = _word(symbol)
    if word is not None:
        return _factor_of(word)
    head, base = symbol[:1], symbol[1:]
    if head in _PREFIX and base in _BASE and _BASE[base][2]:
        scale, dim, _ = _BASE[base]
        return _PREFIX[head] * scale, dim
    raise UnitError(f"{_short(symbol)} is not a unit symmem knows")


def _normalise(text: str) -> str:
    text = text.strip().translate(_SUPERSCRIPTS).replace("μ", "µ")
    text = re.sub(r"(?<![A-Za-z])(?:mu|u)(?=[A-Za-zΩ])", "µ", text)  # um, mum: µm
    text = re.sub(r"(?<![A-Za-z])([TGMkmµ]?)(?i:ohms?)\b", r"\1Ω", text)  # MOhm, kohm
    text = re.sub(r"(?<![A-Za-z])([kmµM]?)v\b", r"\1V", text)  # no unit is "v": mv, v
    text = text.replace("**", "^")
    text = re.sub(r"(?i)action[ _]potentials?", "spikes", text)
    for times in ("·", "⋅", "*", "×"):
        text = text.replace(times, " ")
    text = re.sub(r"(?i)(?:^|\s)per\s", " / ", text)
    text = re.sub(r"\^\s*\(\s*(-?\d+)\s*\)", r"^\1", text)  # m^(-1)
    return re.sub(r"\s+", " ", text).strip()


_TOKEN = re.compile(r"\s*(/|\(|\)|\^\s*-?\d+|[A-Za-zµΩ°]+-?\d*|1)\s*")


@lru_cache(maxsize=1024)
def parse_unit(text: str) -> tuple[float, Dimension]:
    """(scale to SI, dimension) of a unit; ``""`` and ``"1"`` are dimensionless.

    A ``/`` divides by the one factor after it, or by a bracketed group: ``J/(mol K)``;
    a power is ``^2``, ``²`` or a trailing digit (``cm2``).
    """
    text = _normalise(text)
    tokens, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if not match:
            raise UnitError(f"cannot read the unit {_short(text)}")
        tokens.append(match.group(1).replace(" ", ""))
        at = match.end()
    factors: list[tuple[str, int]] = []  # (symbol, signed power)
    groups: list[int] = []  # the sign of each open bracket
    divide = False
    for i, token in enumerate(tokens):
        outer = groups[-1] if groups else 1
        if token == "/":
            divide = True
        elif token == "(":
            groups.append(-outer if divide else outer)
            divide = False
        elif token == ")":
            if not groups:
                raise UnitError(f"unbalanced brackets in the unit {_short(text)}")
            groups.pop()
        elif token.startswith("^"):
            if not factors or tokens[i - 1] in ("(", ")", "/"):
                raise UnitError(f"a power must follow a unit in {_short(text)}")
            symbol, power = factors[-1]
            factors[-1] = (symbol, power * int(token[1:]))
        elif token == "1":
            if divide:
                raise UnitError(f"cannot read the unit {_short(text)}")
        else:
            symbol, digits = re.fullmatch(r"(\D+?)((?:-?\d+)?)", token).groups()
            power = int(digits) if digits else 1
            factors.append((symbol, power * (-outer if divide else outer)))
            divide = False
    if groups or divide:
        raise UnitError(f"cannot read the unit {_short(text)}")
    scale, dim = 1.0, [0] * len(_DIMENSIONS)
    if len(factors) > 8 or any(abs(power) > 6 for _, power in factors):
        raise UnitError(f"the unit {_short(text)} has more factors or a higher power than units do")
    for symbol, power in factors:
        s, d = _factor_of(symbol)
        scale *= s ** power
        dim = [a + b * power for a, b in zip(dim, d, strict=True)]
    return scale, tuple(dim)


def factor(typed: str, wanted: str) -> float | None:
    """The number that turns a value in ``typed`` into one in ``wanted``; None when the
    two are different kinds of quantity. Raises :class:`UnitError` for an unknown unit."""
    scale_typed, dim_typed = parse_unit(typed)
    scale_wanted, dim_wanted = parse_unit(wanted)
    if dim_typed != dim_wanted:
        return None
    ratio = scale_typed / scale_wanted
    return float(f"{ratio:.15g}")  # 1e-3/1e-6 is 1000, not 999.9999999999999


#: a number as typed: 37, -0.089, .5, 1.2e5
NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_CELSIUS = re.compile(rf"^\s*({NUMBER})\s*"
                      r"(°\s*C|℃|deg\s*C|degC|C|celsius|degrees?\s*C(?:elsius)?)\s*$",
                      re.IGNORECASE)


def with_decimal_point(text: str) -> str:
    """A number written with a decimal comma, as across most of Europe, with a point:
    ``-89,1 mV`` → ``-89.1 mV``, ``5,5`` → ``5.5``. ``1,234`` is a thousand and
    thirty-four in English and 1.234 in German: a :class:`UnitError` says so rather
    than guess. Text with no such comma is returned as it is."""
    match = re.match(r"^(\D*?\d+),(\d+)(?!\s*[,\d])", text)
    if not match:
        return text
    if len(match.group(2)) == 3:
        raise UnitError(f"{match.group(0).strip()}: is the comma a decimal point or does it "
                        "separate thousands? Write the number with a decimal point and no "
                        "thousands separator (1.234 or 1234)")
    return f"{match.group(1)}.{match.group(2)}{text[match.end():]}"


def split_quantity(text: str) -> tuple[float, str] | None:
    """``"0.14 M"`` → ``(0.14, "M")``: a number and the unit text after it (``""`` if
    none); None when ``text`` does not start with a number."""
    match = re.fullmatch(rf"\s*({NUMBER})\s*(.*?)\s*", text)
    return (float(match.group(1)), match.group(2)) if match else None


def kelvin(text: str) -> float | None:
    """A temperature typed in °C or K, in kelvin; None if ``text`` is neither.

    >>> kelvin("37 °C"), kelvin("310.15 K"), kelvin("37")
    (310.15, 310.15, None)
    """
    match = _CELSIUS.match(text)
    if match:
        return round(float(match.group(1)) + 273.15, 10)
    quantity = split_quantity(text)
    return quantity[0] if quantity is not None and quantity[1] == "K" else None
