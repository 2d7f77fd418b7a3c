"""Physical constants (CODATA 2018 exact values) and temperature helpers.

The Faraday and gas constants follow from the exact SI definitions:

    F = e · N_A = 96485.33212... C/mol
    R = k_B · N_A = 8.314462618... J/(mol·K)
"""

from __future__ import annotations

from symmem.errors import InputError

__all__ = [
    "AVOGADRO",
    "BODY_TEMPERATURE",
    "BOLTZMANN",
    "ELEMENTARY_CHARGE",
    "FARADAY",
    "GAS_CONSTANT",
    "ROOM_TEMPERATURE",
    "ZERO_CELSIUS",
    "celsius_to_kelvin",
    "kelvin_to_celsius",
]

ELEMENTARY_CHARGE: float = 1.602176634e-19  # C, exact
AVOGADRO: float = 6.02214076e23  # 1/mol, exact
BOLTZMANN: float = 1.380649e-23  # J/K, exact

FARADAY: float = ELEMENTARY_CHARGE * AVOGADRO  # C/mol
GAS_CONSTANT: float = BOLTZMANN * AVOGADRO  # J/(mol K)

ZERO_CELSIUS: float = 273.15  # K
BODY_TEMPERATURE: float = 310.15  # K, 37 °C: the default temperature of every law
ROOM_TEMPERATURE: float = 298.15  # K, 25 °C


def celsius_to_kelvin(celsius: float) -> float:
    """Return the absolute temperature T = θ + 273.15 K for θ in °C.

    >>> celsius_to_kelvin(37)
    310.15
    """
    kelvin = celsius + ZERO_CELSIUS
    if kelvin <= 0:
        raise InputError(f"{celsius} °C is at or below absolute zero")
    return round(kelvin, 10)


def kelvin_to_celsius(kelvin: float) -> float:
    """Return θ = T − 273.15 in °C for T in kelvin.

    >>> kelvin_to_celsius(298.15)
    25.0
    """
    if kelvin <= 0:
        raise InputError(f"T must be > 0 K; got {kelvin}")
    return round(kelvin - ZERO_CELSIUS, 10)
