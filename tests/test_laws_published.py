"""Numbers from the laws checked against published tables and hand calculation.

The reference numbers here are typed from the sources, or worked by hand in the
comments; none of them was produced by symmem.
"""

import math

import pytest

import symmem
from symmem.ions import preparation

RT_F_37 = 8.314462618 * 310.15 / 96485.33212 * 1000  # 26.7268 mV, by hand


def E(ion, prep="mammalian", z=None):
    inside, outside = preparation(prep).concentrations(ion)
    valence = z if z is not None else {"K": 1, "Na": 1, "Cl": -1, "Ca": 2, "H": 1, "HCO3": -1}[ion]
    return symmem.law("nernst").numeric(c_in=inside, c_out=outside, z=valence, T=310.15)


@pytest.mark.parametrize(("ion", "published"), [
    # Hille (2001) Table 1.1, mammalian skeletal muscle, 37 °C
    ("Na", 67), ("K", -98), ("Ca", 129), ("Cl", -90), ("HCO3", -22), ("H", -24)])
def test_hille_equilibrium_potentials(ion, published):
    assert E(ion) == pytest.approx(published, abs=1.0)


def test_nernst_slope_is_61_5_mV_per_decade_at_37C():
    assert symmem.evaluate("nernst_slope", z=1)["slope"] == pytest.approx(61.5, abs=0.05)
    assert symmem.evaluate("nernst_slope", z=2)["slope"] == pytest.approx(30.77, abs=0.01)
    assert symmem.evaluate("thermal_voltage")["RT_F"] == pytest.approx(RT_F_37, rel=1e-9)


def test_seed_calcium_example():
    # 1-2 mM outside and about 100 nM inside give E_Ca of roughly +120 to +130 mV
    e_ca = symmem.law("nernst").numeric(c_in=1.2e-4, c_out=1.2, z=2)
    assert 115 < e_ca < 135
    # the driving force at -50 mV against E_Ca = +120 mV is -170 mV
    assert symmem.evaluate("driving_force", V=-50, E=120)["DF"] == pytest.approx(-170)


def test_electrochemical_potential_difference_by_hand():
    # K+: 140 in, 5 out, V = -70 mV, 37 °C: RT ln(140/5) + F(-0.070)
    by_hand = (8.314462618 * 310.15 * math.log(28) - 96485.33212 * 0.070) / 1000
    got = symmem.evaluate("electrochemical_potential_difference",
                          c_in=140, c_out=5, z=1, V=-70)["dmu"]
    assert got == pytest.approx(by_hand, rel=1e-9)
    assert got == pytest.approx(1.838, abs=1e-3)  # 8.593 - 6.754 kJ/mol


def test_hodgkin_katz_squid_resting_and_peak():
    # Hodgkin & Katz (1949): P_K:P_Na:P_Cl = 1:0.04:0.45 at rest, 1:20:0.45 at the peak.
    # Squid axon: K 400/20, Na 50/440, Cl 40/560 mM (in/out), T = 291.15 K.
    rt_f = 8.314462618 * 291.15 / 96485.33212 * 1000  # 25.089 mV
    rest_by_hand = rt_f * math.log((20 + 0.04 * 440 + 0.45 * 40) / (400 + 0.04 * 50 + 0.45 * 560))
    peak_by_hand = rt_f * math.log((20 + 20 * 440 + 0.45 * 40) / (400 + 20 * 50 + 0.45 * 560))
    args = dict(K_in=400, K_out=20, Na_in=50, Na_out=440, Cl_in=40, Cl_out=560, T=291.15)
    rest = symmem.law("ghk_voltage").numeric(P_K=1, P_Na=0.04, P_Cl=0.45, **args)
    peak = symmem.law("ghk_voltage").numeric(P_K=1, P_Na=20, P_Cl=0.45, **args)
    assert rest == pytest.approx(rest_by_hand, abs=1e-9)
    assert peak == pytest.approx(peak_by_hand, abs=1e-9)
    assert rest == pytest.approx(-60, abs=3)  # the resting potential they reported
    assert peak == pytest.approx(42, abs=3)


def test_ghk_voltage_chloride_swaps_sides():
    # only Cl permeant: V must equal E_Cl = -(RT/F) ln(Cl_o/Cl_i)
    v = symmem.law("ghk_voltage").numeric(P_Cl=1, Cl_in=10, Cl_out=110)
    assert v == pytest.approx(-RT_F_37 * math.log(11), rel=1e-9)


def test_ghk_current_values_by_hand():
    # P = 1e-8 m/s, K+ 140/5 mM, V = -80 mV, 37 °C
    u = -0.080 / (RT_F_37 / 1000)
    by_hand = 1e-8 * 96485.33212 * u * (140 - 5 * math.exp(-u)) / (1 - math.exp(-u))
    assert symmem.law("ghk_current").numeric(P=1e-8, z=1, c_in=140, c_out=5, V=-80) == \
        pytest.approx(by_hand, rel=1e-9)
    # exactly at V = 0 the limit P z F (c_i - c_o), not NaN
    assert symmem.law("ghk_current").numeric(P=1e-8, z=2, c_in=1e-4, c_out=2, V=0) == \
        pytest.approx(1e-8 * 2 * 96485.33212 * (1e-4 - 2), rel=1e-9)


def test_ghk_voltage_with_calcium_by_hand():
    # K 140/5 (P 1), Ca 1e-4/2 (P 0.5): solve the quadratic by hand
    A, B = 140.0, 5.0
    a, b, c = A + 4 * 0.5 * 1e-4, A - B, -(B + 4 * 0.5 * 2)
    w = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    got = symmem.law("ghk_voltage").numeric(P_K=1, K_in=140, K_out=5, P_Ca=0.5,
                                           Ca_in=1e-4, Ca_out=2)
    assert got == pytest.approx(RT_F_37 * math.log(w), rel=1e-9)


def test_pump_leak_by_hand():
    assert symmem.evaluate("pump_leak_steady_state", p=6.0, k=0.5)["G_ss"] == 12.0
    g = symmem.evaluate("pump_leak", p=6.0, k=0.5, G0=0.0, t=2.0)["G"]
    assert g == pytest.approx(12 * (1 - math.exp(-1)))
    # pump stopped: plain decay
    assert symmem.evaluate("pump_leak", p=0, k=0.5, G0=10, t=2.0)["G"] == \
        pytest.approx(10 * math.exp(-1))
    assert symmem.evaluate("pump_leak_half_time", k=0.5)["t_half"] == pytest.approx(1.386294, 1e-6)
    assert symmem.evaluate("pump_leak_time_constant", k=0.5)["tau"] == 2.0


def test_mullins_noda_by_hand():
    by_hand = RT_F_37 * math.log((1.5 * 4 + 0.01 * 145) / (1.5 * 155 + 0.01 * 12))
    assert symmem.law("mullins_noda").numeric(
        P_K=1, P_Na=0.01, K_in=155, K_out=4, Na_in=12, Na_out=145) == pytest.approx(by_hand)


def test_ncx_reversal_is_3ENa_minus_2ECa():
    e_na, e_ca = E("Na"), E("Ca")
    got = symmem.law("ncx_reversal").numeric(Na_in=12, Na_out=145, Ca_in=1e-4, Ca_out=1.5)
    assert got == pytest.approx(3 * e_na - 2 * e_ca, rel=1e-9)
    assert got == pytest.approx(3 * 67 - 2 * 129, abs=3)  # from Hille's rounded values


def test_pump_reversal_potential_by_hand():
    e_na, e_k = E("Na"), E("K")
    got = symmem.law("pump_reversal_potential").numeric(
        Na_in=12, Na_out=145, K_in=155, K_out=4, dG_ATP=-55)
    assert got == pytest.approx(3 * e_na - 2 * e_k - 55000 / 96485.33212 * 1000, rel=1e-9)


def test_sglt_accumulation_by_hand():
    # SGLT1: (145/12)^2 e^(2 * 70 / 26.7268)
    by_hand = (145 / 12) ** 2 * math.exp(2 * 70 / RT_F_37)
    assert symmem.law("sglt_max_accumulation").numeric(Na_in=12, Na_out=145, V=-70) == \
        pytest.approx(by_hand, rel=1e-9)
    assert symmem.law("sglt_max_accumulation").numeric(Na_in=12, Na_out=145, V=-70, n=1) == \
        pytest.approx(145 / 12 * math.exp(70 / RT_F_37), rel=1e-9)


def test_proton_motive_force_and_atp():
    # mitochondria: dpsi = -160 mV, matrix 0.75 pH units more alkaline
    dp = symmem.evaluate("proton_motive_force", dpsi=-160, dpH=0.75)["dp"]
    assert dp == pytest.approx(-160 - math.log(10) * RT_F_37 * 0.75)
    assert -220 < dp < -180
    # ATP 5 mM, ADP 0.05 mM, Pi 5 mM at 37 °C: -30.5 + RT ln(0.05e-3 * 5e-3 / 5e-3) kJ/mol
    by_hand = -30.5 + 8.314462618 * 310.15 * math.log(0.05e-3) / 1000
    got = symmem.evaluate("atp_free_energy", ATP=5, ADP=0.05, Pi=5)["dG_ATP"]
    assert got == pytest.approx(by_hand, rel=1e-9)
    assert -60 < got < -50
    # ATP synthase: 55 kJ/mol against |dp| = 200 mV needs 55000/(96485*0.2) = 2.85 H+
    n = symmem.evaluate("atp_synthase_protons", dp=-200, dG_ATP=-55)["n_H"]
    assert n == pytest.approx(55000 / (96485.33212 * 0.2))


def test_spike_budget_with_the_overlap_factor_by_hand():
    # N = dNa F a / (2 phi C_m dV): 10 mol/m^3, a = 0.5 um, C_m = 0.01 F/m^2, dV = 0.1 V
    upper = 10 * 96485.33212 * 0.5e-6 / (2 * 0.01 * 0.1)  # 241.2 spikes
    assert symmem.evaluate("action_potential_budget", dNa=10, a=0.5)["N_AP"] == \
        pytest.approx(upper, rel=1e-9)
    # phi = 1.3 in hippocampal mossy-fibre boutons (Alle, Roth & Geiger 2009, Science
    # 325:1405); phi = 4 for the squid axon (Attwell & Laughlin 2001, after Hodgkin 1975)
    for phi in (1.3, 4.0):
        assert symmem.evaluate("action_potential_budget", dNa=10, a=0.5, overlap=phi)[
            "N_AP"] == pytest.approx(upper / phi, rel=1e-9)


def test_skeletal_muscle_rests_near_its_chloride_potential():
    # Hille, Table 1.1 concentrations; P_K : P_Na : P_Cl = 1 : 0.01 : 2 (Hodgkin &
    # Horowicz 1959). Mammalian skeletal muscle rests near -90 mV (Hille, ch. 1).
    by_hand = RT_F_37 * math.log((4 + 0.01 * 145 + 2 * 4.2) / (155 + 0.01 * 12 + 2 * 123))
    v = symmem.law("ghk_voltage").numeric(P_K=1, K_in=155, K_out=4, P_Na=0.01, Na_in=12,
                                          Na_out=145, P_Cl=2, Cl_in=4.2, Cl_out=123)
    assert v == pytest.approx(by_hand, rel=1e-9)
    assert v == pytest.approx(-90, abs=2)


def test_passive_membrane_with_dayan_and_abbotts_typical_values():
    # Dayan & Abbott, Theoretical Neuroscience, ch. 5-6: r_m = 1 MOhm mm^2 = 1e4 Ohm cm^2,
    # c_m = 10 nF/mm^2 = 1 uF/cm^2, r_L = 1 kOhm mm = 100 Ohm cm. They give tau_m = 10 ms,
    # lambda = 1 mm for a = 2 um, and 10-100 MOhm for cells of 0.1-0.01 mm^2.
    assert symmem.evaluate("membrane_time_constant", R_m=1e4, C_m=1)["tau"] == \
        pytest.approx(10.0, rel=1e-12)
    assert symmem.evaluate("length_constant", a=2, R_m=1e4, R_i=100)["lam"] == \
        pytest.approx(1.0, rel=1e-12)
    for area_mm2, mohm in ((0.01, 100.0), (0.1, 10.0)):
        assert symmem.evaluate("input_resistance", R_m=1e4, area=area_mm2 * 1e6)[
            "R_in"] == pytest.approx(mohm, rel=1e-12)


def test_cable_laws_by_hand_in_si():
    # the Hodgkin-Huxley squid axon: a = 238 um, R_i = 35.4 Ohm cm, leak-only R_m =
    # 1/(0.3 mS/cm^2); lambda = sqrt(a R_m / (2 R_i)) in SI units, by hand
    a, r_m, r_i = 238e-6, (1 / 0.3e-3) * 1e-4, 35.4e-2  # m, Ohm m^2, Ohm m
    by_hand = math.sqrt(a * r_m / (2 * r_i)) * 1e3  # mm
    assert symmem.evaluate("length_constant", a=238, R_m=1 / 0.3e-3, R_i=35.4)["lam"] == \
        pytest.approx(by_hand, rel=1e-12)
    assert symmem.evaluate("membrane_time_constant", R_m=1 / 0.3e-3)["tau"] == \
        pytest.approx(r_m * 1e-2 * 1e3, rel=1e-12)  # R_m C_m with C_m = 1e-2 F/m^2, in ms
