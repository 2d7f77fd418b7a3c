"""Constants against CODATA 2018 and the ion table against its sources."""

import math

import pytest

from symmem import constants
from symmem.ions import IONS, PREPARATIONS, ion, preparation


def test_faraday_and_gas_constant_are_codata_2018():
    assert constants.FARADAY == pytest.approx(96485.33212, abs=1e-5)
    assert constants.GAS_CONSTANT == pytest.approx(8.314462618, abs=1e-9)


def test_temperature_helpers():
    assert constants.celsius_to_kelvin(37) == 310.15
    assert constants.kelvin_to_celsius(293.15) == 20.0
    with pytest.raises(ValueError, match="absolute zero"):
        constants.celsius_to_kelvin(-300)


def test_ion_charges():
    assert [IONS[n].z for n in ("K", "Na", "Cl", "Ca", "H", "HCO3")] == [1, 1, -1, 2, 1, -1]


def test_every_preparation_names_its_source_and_has_positive_concentrations():
    for prep in PREPARATIONS.values():
        assert prep.source
        for name in prep.inside:
            inside, outside = prep.concentrations(name)
            assert inside > 0 and outside > 0


def test_unknown_names_are_explained():
    with pytest.raises(KeyError, match="known ions"):
        ion("Mg")
    with pytest.raises(KeyError, match="mammalian"):
        preparation("frog")
    assert math.isclose(preparation("squid").concentrations("K")[0], 400)
