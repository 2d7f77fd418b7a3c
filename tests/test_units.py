"""Units typed by students and lecturers (symmem.units), against their definitions."""

from __future__ import annotations

import pytest

from symmem.units import UnitError, factor, kelvin


@pytest.mark.parametrize(("typed", "wanted", "expected"), [
    # SI prefixes: the factor is the ratio of the prefixes
    ("GΩ", "MΩ", 1e3), ("Ω", "MΩ", 1e-6), ("kohm", "MΩ", 1e-3), ("megohms", "MΩ", 1.0),
    ("V", "mV", 1e3), ("µV", "mV", 1e-3), ("uV", "mV", 1e-3), ("millivolts", "mV", 1.0),
    ("M", "mM", 1e3), ("µM", "mM", 1e-3), ("mmol/L", "mM", 1.0), ("mol/m^3", "mM", 1.0),
    ("s", "ms", 1e3), ("min", "ms", 6e4), ("µm", "mm", 1e-3), ("cm", "mm", 10.0),
    ("Osm/L", "mOsm/L", 1e3), ("1/s", "Hz", 1.0), ("m/s", "cm/s", 100.0),
    # powers apply to the prefixed unit: 1 cm² = 10⁸ µm²
    ("µm²", "cm^2", 1e-8), ("per um^2", "per µm²", 1.0), ("µm^-2", "/µm²", 1.0),
    ("nC cm^-2", "nC/cm²", 1.0), ("kΩ·cm²", "Ω·cm²", 1e3), ("Ohm*cm", "Ω·cm", 1.0),
    # 1 µF/cm² = 10⁻⁶ F / 10⁻⁴ m² = 0.01 F/m² (Hille: the membrane's 1 µF/cm²)
    ("F/m^2", "µF/cm²", 100.0),
    # kJ mol^-1 is kJ/mol; J/(mol K) divides by both
    ("kJ mol^-1", "kJ/mol", 1.0), ("J/(mol K)", "kJ/(mol·K)", 1e-3),
    # 1 atm = 760 Torr (definition), and 1 mmHg = 133.322387415 Pa
    ("atm", "Torr", 760.0), ("kPa", "mmHg", 1000 / 133.322387415),
])
def test_factor_follows_the_definitions(typed, wanted, expected):
    assert factor(typed, wanted) == pytest.approx(expected, rel=1e-12)


def test_the_gas_constant_in_calories():
    # R = 8.314462618 J/(mol K) = 1.98720 cal/(mol K) with the thermochemical calorie
    assert 8.314462618 * factor("J/(mol K)", "cal/(mol K)") == pytest.approx(1.98720, abs=1e-5)


@pytest.mark.parametrize(("typed", "wanted"), [
    ("mV", "MΩ"), ("mm", "mM"), ("kJ", "kJ/mol"), ("mOsm/L", "mM"), ("m/s/s", "mm"),
])
def test_different_kinds_of_quantity_do_not_convert(typed, wanted):
    assert factor(typed, wanted) is None


@pytest.mark.parametrize("typed", ["furlong", "mV)", "(mV", "^2", "m^", "mMM", "/", "zz/s",
                                   "m-", "m^99999", "m99999", "mV^-6 " * 9, "m" * 5000])
def test_what_cannot_be_read_is_refused(typed):
    with pytest.raises(UnitError) as refused:
        factor(typed, "mV")
    assert len(str(refused.value)) < 100  # a long input is not echoed whole


def test_counted_things_are_pure_numbers():
    assert factor("ions per µm²", "/µm^2") == 1.0
    assert factor("action potentials", "") == 1.0 and factor("APs", "1") == 1.0
    assert factor("ions", "mM") is None


def test_case_matters_as_in_si():
    assert factor("MV", "mV") == pytest.approx(1e9)  # megavolts
    assert factor("MΩ", "mΩ") == pytest.approx(1e9)
    assert factor("mv", "mV") == 1.0  # no unit is "v": read as volts


def test_temperatures_in_celsius_and_kelvin():
    assert kelvin("37 °C") == pytest.approx(310.15)
    assert kelvin("37C") == pytest.approx(310.15)
    assert kelvin("0 degC") == pytest.approx(273.15)
    assert kelvin("300 K") == 300.0
    assert kelvin("37") is None and kelvin("37 mV") is None


@pytest.mark.parametrize(("typed", "read"), [
    ("-89,1 mV", "-89.1 mV"), ("5,5", "5.5"), ("0,14M", "0.14M"), ("140,25", "140.25"),
    ("-89 mV", "-89 mV"), ("140", "140"), ("1.234", "1.234"), ("on", "on")])
def test_a_decimal_comma_is_a_decimal_point(typed, read):
    from symmem.units import with_decimal_point

    assert with_decimal_point(typed) == read


@pytest.mark.parametrize("typed", ["1,234", "-89,060 mV", "12,345.6"])
def test_a_comma_before_three_digits_is_ambiguous_and_refused(typed):
    from symmem.units import with_decimal_point

    with pytest.raises(UnitError, match="decimal point or does it separate thousands"):
        with_decimal_point(typed)
