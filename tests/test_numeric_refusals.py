"""Every refusal of bad input: clear ValueError naming the parameter and range."""

import math

import numpy as np
import pytest

import symmem

nernst = symmem.law("nernst").numeric


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(c_in=-1, c_out=5, z=1), r"c_in .* must be a finite number > 0 in mM; got -1"),
    (dict(c_in=0, c_out=5, z=1), r"c_in .* > 0"),
    (dict(c_in=140, c_out=0.0, z=1), r"c_out .* > 0"),
    (dict(c_in=140, c_out=5, z=0), r"z .* nonzero integer; got 0"),
    (dict(c_in=140, c_out=5, z=1.5), r"z .* nonzero integer; got 1.5"),
    (dict(c_in=140, c_out=5, z=1, T=0), r"T .* at least 200"),
    (dict(c_in=140, c_out=5, z=1, T=-10), r"T .* at least 200"),
    # CONVENTIONS: below 200 K it is almost surely °C, refused with a hint
    (dict(c_in=140, c_out=5, z=1, T=37), r"T .* did you give °C\? .* got 37"),
    (dict(c_in=140, c_out=5, z=1, T=np.array([310.15, 25.0])), r"°C.* got 25.0 at index"),
    (dict(c_in=math.nan, c_out=5, z=1), r"c_in .* got nan"),
    (dict(c_in=math.inf, c_out=5, z=1), r"c_in .* got inf"),
    (dict(c_in=140, c_out=5), r"missing parameter\(s\) z"),
    (dict(c_in=140, c_out=5, z=1, cout=3), r"unknown parameter 'cout' \(did you mean 'c_out'\?\)"),
    (dict(c_in="140", c_out=5, z=1), r"c_in .* must be a number"),
    (dict(c_in=True, c_out=5, z=1), r"c_in .* must be a number"),
    (dict(c_in=np.array([1.0, -2.0]), c_out=5, z=1), r"got -2.0 at index \(1,\)"),
    (dict(c_in=np.array([1.0, np.nan]), c_out=5, z=1), r"got nan at index \(1,\)"),
])
def test_nernst_refusals(kwargs, message):
    with pytest.raises(ValueError, match=message):
        nernst(**kwargs)


def test_ghk_voltage_accepts_bi_ionic_zeros():
    # bi-ionic: K only inside, Na only outside
    v = symmem.law("ghk_voltage").numeric(P_K=1, K_in=100, K_out=0, P_Na=1, Na_in=0,
                                         Na_out=100)
    assert v == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(("kwargs", "message"), [
    (dict(P_K=1, K_in=0, K_out=5), "inside \\(denominator\\) side .* is zero"),
    (dict(P_K=1, K_in=5, K_out=0), "outside \\(numerator\\) side .* is zero"),
    (dict(P_K=1, K_in=140), r"missing parameter\(s\) K_out"),
    (dict(T=300), "give at least one ion"),
    (dict(P_K=1, K_in=140, K_out=5, P_Mg=1), "unknown parameter 'P_Mg'"),
    (dict(P_K=-1, K_in=140, K_out=5), "P_K .* >= 0"),
])
def test_ghk_voltage_refusals(kwargs, message):
    with pytest.raises(ValueError, match=message):
        symmem.law("ghk_voltage").numeric(**kwargs)


def test_ncx_with_two_sodium_is_refused():
    with pytest.raises(ValueError, match="electroneutral"):
        symmem.law("ncx_reversal").numeric(Na_in=10, Na_out=140, Ca_in=1e-4, Ca_out=2, n=2)


def test_unknown_law_names_closest():
    with pytest.raises(KeyError, match="did you mean 'nernst'"):
        symmem.law("nerst")


def test_atp_synthase_refuses_zero_pmf():
    with pytest.raises(ValueError, match="dp .* nonzero"):
        symmem.evaluate("atp_synthase_protons", dp=0, dG_ATP=-50)


def test_overflow_is_refused_not_returned_as_inf():
    with pytest.raises(ValueError, match="not a finite number"):
        symmem.law("sglt_max_accumulation").numeric(Na_in=1, Na_out=100, V=-1e6)


def test_float32_inputs_give_float32_and_float64_stays_float64():
    x = np.linspace(1.0, 100.0, 1000)
    assert nernst(c_in=np.float32(140), c_out=x.astype(np.float32), z=1).dtype == np.float32
    assert nernst(c_in=140.0, c_out=x, z=1).dtype == np.float64
    assert np.allclose(nernst(c_in=140.0, c_out=x.astype(np.float32), z=1),
                       nernst(c_in=140.0, c_out=x, z=1), rtol=1e-6)


def test_the_ghk_ion_lookup_is_cached_per_set_of_names_without_mixing_them():
    ghk = symmem.law("ghk_voltage").numeric
    k_only = ghk(P_K=1.0, K_in=140.0, K_out=5.0)
    with_na = ghk(P_K=1.0, K_in=140.0, K_out=5.0, P_Na=0.05, Na_in=10.0, Na_out=145.0)
    # by hand: 26.727 mV ln(5/140) = -89.06; with Na, 26.727 ln(12.25/140.5) = -65.20
    assert k_only == pytest.approx(-89.06, abs=0.01)
    assert with_na == pytest.approx(-65.20, abs=0.01)
    assert ghk(P_K=1.0, K_in=140.0, K_out=5.0) == k_only
    with pytest.raises(ValueError, match="did you mean 'K_out'"):
        ghk(P_K=1.0, K_in=140.0, Kout=5.0)


def test_atp_synthase_refuses_a_proton_motive_force_given_as_a_size():
    # CONVENTIONS: dp is signed, negative when energised; "200 mV" as +200 would give a
    # negative proton count, which is refused with the sign explained
    with pytest.raises(ValueError, match="dp=-200"):
        symmem.evaluate("atp_synthase_protons", dp=200, dG_ATP=-55)
    with pytest.raises(ValueError, match="hydrolysis, negative"):
        symmem.evaluate("atp_synthase_protons", dp=-200, dG_ATP=55)


def test_the_spike_budget_refuses_an_overlap_below_the_capacitive_minimum():
    with pytest.raises(ValueError, match="at least 1"):
        symmem.evaluate("action_potential_budget", dNa=10, a=0.5, overlap=0.5)
