"""Numbers from the laws checked against published tables and hand calculation.

The reference numbers here are typed from the sources, or worked by hand in the
comments; none of them was produced by symmem.
"""

import math

import pytest

import symmem
from symmem.errors import InputError
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


def test_length_constant_of_the_lobster_axon():
    # Hodgkin & Rushton (1946), Proc. R. Soc. B 133:444, a lobster leg axon of 75 um
    # diameter: R_m about 2000 Ohm cm^2, R_i about 60 Ohm cm, and a measured length
    # constant of about 2.5 mm (the values textbooks quote from it, to two figures)
    lam = symmem.evaluate("length_constant", a=37.5, R_m=2000, R_i=60)["lam"]
    assert lam == pytest.approx(2.5, rel=0.05)
    # and its time constant R_m C_m with 1 uF/cm^2: 2 ms
    assert symmem.evaluate("membrane_time_constant", R_m=2000)["tau"] == pytest.approx(2.0)


def test_cable_laws_by_hand_in_si():
    # the Hodgkin-Huxley squid axon: a = 238 um, R_i = 35.4 Ohm cm, leak-only R_m =
    # 1/(0.3 mS/cm^2); lambda = sqrt(a R_m / (2 R_i)) in SI units, by hand
    a, r_m, r_i = 238e-6, (1 / 0.3e-3) * 1e-4, 35.4e-2  # m, Ohm m^2, Ohm m
    by_hand = math.sqrt(a * r_m / (2 * r_i)) * 1e3  # mm
    assert symmem.evaluate("length_constant", a=238, R_m=1 / 0.3e-3, R_i=35.4)["lam"] == \
        pytest.approx(by_hand, rel=1e-12)
    assert symmem.evaluate("membrane_time_constant", R_m=1 / 0.3e-3)["tau"] == \
        pytest.approx(r_m * 1e-2 * 1e3, rel=1e-12)  # R_m C_m with C_m = 1e-2 F/m^2, in ms


# --- chemical potential, flux ratio, capacitive charge -------------------------------------
def test_a_tenfold_gradient_of_an_uncharged_solute():
    # Alberts et al., Molecular Biology of the Cell (ch. 11): about 1.4 kcal/mol (5.9 kJ/mol)
    # per tenfold at 37 °C; Berg, Tymoczko & Stryer, Biochemistry (ch. 13): 1.36 kcal/mol
    # at 25 °C. 1 kcal = 4.184 kJ.
    dmu = symmem.law("chemical_potential_difference").numeric
    assert dmu(c_in=10, c_out=1) == pytest.approx(5.9, abs=0.05)
    assert dmu(c_in=10, c_out=1, T=298.15) == pytest.approx(1.36 * 4.184, abs=0.03)
    assert dmu(c_in=1, c_out=10) == pytest.approx(-dmu(c_in=10, c_out=1), rel=1e-12)


def test_ussing_flux_ratio_is_one_at_the_nernst_potential_and_by_hand():
    # Ussing (1949): independent ions have influx/efflux = exp(-Δμ̃/RT), 1 at equilibrium
    ratio = symmem.law("ussing_flux_ratio").numeric
    for ion, z in (("K", 1), ("Na", 1), ("Cl", -1), ("Ca", 2)):
        inside, outside = preparation("mammalian").concentrations(ion)
        assert ratio(c_in=inside, c_out=outside, z=z, V=E(ion)) == pytest.approx(1, rel=1e-9)
    # Na+ at rest, Hille Table 1.1 (12 mM in, 145 out), V = -70 mV, by hand
    by_hand = 145 / 12 * math.exp(70 / RT_F_37)
    assert ratio(c_in=12, c_out=145, z=1, V=-70) == pytest.approx(by_hand, rel=1e-9)
    dmu = symmem.law("electrochemical_potential_difference").numeric(
        c_in=12, c_out=145, z=1, V=-70)  # kJ/mol
    assert by_hand == pytest.approx(math.exp(-dmu * 1e3 / (8.314462618 * 310.15)), rel=1e-8)


def test_ussing_flux_ratio_changes_tenfold_per_nernst_slope():
    # Independence makes influx/efflux exp(-zF(V - E)/RT): at 37 °C it changes tenfold
    # for every 61.5/z mV, the Nernst slope every physiology text quotes (Hille 2001,
    # ch. 1: 61.5 mV per decade at 37 °C); hyperpolarising favours cation influx
    ratio = symmem.law("ussing_flux_ratio").numeric
    for z in (1, 2):
        step = 61.5 / z
        low, high = ratio(c_in=10, c_out=100, z=z, V=-80), ratio(
            c_in=10, c_out=100, z=z, V=-80 + step)
        assert low / high == pytest.approx(10, rel=2e-3)
    # an anion the other way round: depolarising favours its influx
    assert ratio(c_in=10, c_out=100, z=-1, V=-80) / ratio(
        c_in=10, c_out=100, z=-1, V=-80 + 61.5) == pytest.approx(0.1, rel=2e-3)


def test_capacitive_charge_of_a_100_mV_step():
    # 1 µF/cm² × 100 mV = 1e-7 C/cm² = 100 nC/cm², about 1 pmol/cm² of monovalent ions
    # (Hille 2001, ch. 1); per µm² that is 1e-7/1e8/1.602176634e-19 = 6,241.5 ions (hand)
    out = symmem.evaluate("capacitive_charge", dV=100)
    assert out["Q"] == pytest.approx(100.0, rel=1e-12)
    assert out["Q"] * 1e-9 / 96485.33212 * 1e12 == pytest.approx(1.0, rel=0.05)  # pmol/cm²
    assert out["ions_per_um2"] == pytest.approx(1e-7 / 1e8 / 1.602176634e-19, rel=1e-9)
    assert symmem.evaluate("capacitive_charge", dV=-20, C_m=0.9)["Q"] == pytest.approx(-18)


# --- solutions ------------------------------------------------------------------------------
def test_osmotic_pressure_against_two_textbook_rules():
    # Guyton & Hall, Textbook of Medical Physiology (ch. 25): 19.3 mmHg per mOsm/L at
    # 37 °C, so 300 mOsm/L gives about 5,790 mmHg; 1 Osm/L at 0 °C is 22.4 atm
    # (van 't Hoff's analogy with the ideal gas, in every physical-chemistry text).
    pi = symmem.law("osmotic_pressure")
    assert pi.numeric(osmolarity=1) == pytest.approx(19.3, abs=0.05)
    assert pi.numeric(osmolarity=300) == pytest.approx(5790, rel=0.005)
    assert symmem.evaluate("osmotic_pressure", osmolarity=1000, T=273.15)["Pi_kPa"] == \
        pytest.approx(22.4 * 101.325, rel=0.002)


def test_henderson_hasselbalch_normal_blood_and_acute_respiratory_acidosis():
    # Guyton & Hall (ch. 31): [HCO3-] 24 mM, PCO2 40 mmHg, s 0.03 mM/mmHg: pH 7.4;
    # doubling PCO2 to 80 mmHg with 24 mM: 6.1 + log10(24/2.4) = 7.1 (hand, and the
    # textbook example of uncompensated respiratory acidosis)
    ph = symmem.law("henderson_hasselbalch").numeric
    assert ph(HCO3=24, PCO2=40, s=0.03) == pytest.approx(7.40, abs=0.005)
    assert ph(HCO3=24, PCO2=80, s=0.03) == pytest.approx(7.10, abs=0.005)
    assert ph(HCO3=24, PCO2=40) == pytest.approx(6.1 + math.log10(24 / (0.0307 * 40)),
                                                 rel=1e-12)


def test_donnan_equilibrium_by_hand_and_by_its_two_conditions():
    # 100 mM KCl outside, 50 mM impermeant monovalent anions inside: r c - c/r = 50 with
    # c = 100 gives r = (50 + sqrt(2500 + 40000))/200 = 1.28078 (hand)
    out = symmem.evaluate("donnan", salt_out=100, A_in=50)
    r = (50 + math.sqrt(2500 + 40000)) / 200
    assert out["r"] == pytest.approx(r, rel=1e-12)
    assert out["cation_in"] * out["anion_in"] == pytest.approx(100**2, rel=1e-12)  # Donnan
    assert out["cation_in"] - out["anion_in"] - 50 == pytest.approx(0, abs=1e-9)  # neutral
    assert out["V"] == pytest.approx(-RT_F_37 * math.log(r), rel=1e-9)
    assert out["osmotic_excess"] == pytest.approx(100 * r + 100 / r + 50 - 200, rel=1e-9)
    # an impermeant cation (z_A = +1) mirrors it: r goes to 1/r and V changes sign
    mirror = symmem.evaluate("donnan", salt_out=100, A_in=50, z_A=1)
    assert mirror["r"] == pytest.approx(1 / r, rel=1e-12)
    assert mirror["V"] == pytest.approx(-out["V"], rel=1e-9)


def test_donnan_factors_of_plasma_and_interstitial_fluid():
    # Waniewski, Pietribiasi & Pstras (2021, Sci. Rep., doi:10.1038/s41598-021-00899-y,
    # Table 1): plasma proteins -12.2 mEq/L, interstitial ones -4.3 mEq/L; the Gibbs-Donnan
    # factor (interstitial/plasma) is 0.97 for monovalent cations and 1.03 for monovalent
    # anions. To first order in A/c only the difference of the fixed charges counts, so
    # the one-sided 1:1 law with A_in = 12.2 - 4.3 mEq/L in plasma, and 140-150 mM of
    # monovalent salt, must give both factors to their two published decimals.
    for salt in (140, 150):
        r = symmem.evaluate("donnan", salt_out=salt, A_in=12.2 - 4.3)["r"]
        assert round(1 / r, 2) == 0.97
        assert round(r, 2) == 1.03


# --- chloride transporters, E_GABA, chord conductance ---------------------------------------
def test_kcc2_holds_chloride_at_E_K():
    # Payne, Rivera, Voipio & Kaila (2003, Trends Neurosci): KCC2 at equilibrium has
    # [K]i[Cl]i = [K]o[Cl]o, so E_Cl = E_K
    out = symmem.evaluate("kcc2_chloride_limit", K_in=140, K_out=3.5, Cl_out=130)
    assert out["Cl_in"] == pytest.approx(130 * 3.5 / 140, rel=1e-12)
    e_k = symmem.law("nernst").numeric(c_in=140, c_out=3.5, z=1)
    assert out["E_Cl"] == pytest.approx(e_k, rel=1e-12)


def test_chloride_limits_from_hilles_printed_equilibrium_potentials():
    # Hille (2001) Table 1.1 prints, for mammalian skeletal muscle at 37 °C ([K+] 155/4,
    # [Na+] 12/145, [Cl-] 4.2/123 mM), E_K = -98 mV, E_Na = +67 mV and E_Cl = -90 mV.
    # At a transporter's equilibrium (Payne, Rivera, Voipio & Kaila 2003, Trends Neurosci.
    # 26:199) E_Cl = E_K for KCC2 and E_Cl = (E_Na + E_K)/2 for NKCC1. So the printed
    # potentials fix the floor at -98 mV and the ceiling at (67 - 98)/2 = -15.5 mV, to
    # Hille's rounding of 1 mV; neither number passes through symmem's nernst law.
    floor = symmem.evaluate("kcc2_chloride_limit", K_in=155, K_out=4, Cl_out=123)
    ceiling = symmem.evaluate("nkcc1_chloride_limit", Na_in=12, Na_out=145, K_in=155,
                              K_out=4, Cl_out=123)
    assert floor["E_Cl"] == pytest.approx(-98, abs=1)
    assert ceiling["E_Cl"] == pytest.approx((67 - 98) / 2, abs=1)
    # [Cl-]i at the ceiling from the printed potentials: 123 exp(-15.5/26.73) = 68.9 mM
    assert ceiling["Cl_in"] == pytest.approx(123 * math.exp(-15.5 / RT_F_37), rel=0.04)
    # the muscle's measured E_Cl of -90 mV (4.2 mM) lies between the two limits
    assert floor["E_Cl"] < -90 < ceiling["E_Cl"]
    assert floor["Cl_in"] < 4.2 < ceiling["Cl_in"]


def test_kcc2_floor_lies_below_the_squid_axons_measured_chloride():
    # Hille (2001) Table 1.1, squid axon: [K+] 400 in, 20 out; [Cl-] 560 out and 40-150 mM
    # in. A K+-Cl- cotransporter could lower [Cl-]i only to 560 x 20/400 = 28 mM (hand),
    # below every measured value, as it must for an axon that accumulates Cl-.
    out = symmem.evaluate("kcc2_chloride_limit", K_in=400, K_out=20, Cl_out=560, T=291.15)
    assert out["Cl_in"] == pytest.approx(28.0, rel=1e-12)
    assert out["Cl_in"] < 40


def test_nkcc1_chloride_limit_by_hand():
    # [Na]i[K]i[Cl]i^2 = [Na]o[K]o[Cl]o^2: 130 sqrt(145 * 3.5 / (10 * 140)) = 78.27 mM
    out = symmem.evaluate("nkcc1_chloride_limit", Na_in=10, Na_out=145, K_in=140,
                          K_out=3.5, Cl_out=130)
    assert out["Cl_in"] == pytest.approx(130 * math.sqrt(145 * 3.5 / 1400), rel=1e-12)
    assert out["E_Cl"] == pytest.approx(-RT_F_37 * math.log(130 / out["Cl_in"]), rel=1e-9)
    assert out["E_Cl"] > -30  # far above rest: GABA depolarises


def test_nkcc1_limit_puts_e_cl_midway_between_e_na_and_e_k():
    # The equilibrium (E_Na + E_K - 2 E_Cl = 0 for Na+ + K+ + 2 Cl- moving together, by
    # hand from the Nernst potentials) fixes E_Cl at the mean of E_Na and E_K whatever the
    # concentrations: checked through the separate nernst law at three sets of them.
    nernst = symmem.law("nernst").numeric
    for na_in, na_out, k_in, k_out, cl_out in ((10, 145, 140, 3.5, 130),
                                               (20, 140, 120, 5, 110),
                                               (5, 150, 150, 2.5, 125)):
        out = symmem.evaluate("nkcc1_chloride_limit", Na_in=na_in, Na_out=na_out,
                              K_in=k_in, K_out=k_out, Cl_out=cl_out)
        mean = (nernst(c_in=na_in, c_out=na_out, z=1) + nernst(c_in=k_in, c_out=k_out, z=1)) / 2
        assert out["E_Cl"] == pytest.approx(mean, rel=1e-9)


def test_nkcc1_ceiling_lies_above_the_squid_axons_measured_chloride():
    # The squid giant axon takes up Cl- with Na+ and K+ (Russell 1979, J. Gen. Physiol.
    # 73:801) and holds it above equilibrium: Hille (2001) Table 1.1 gives [Cl-]i 40-150 mM
    # against 560 outside, with [Na+] 50/440 and [K+] 400/20 mM. The law is NKCC1's
    # 1 Na : 1 K : 2 Cl; by hand 560 sqrt(440 x 20/(50 x 400)) = 371.5 mM. The squid's own
    # cotransporter moves 2 Na : 1 K : 3 Cl (Russell 2000, Physiol. Rev. 80:211), whose
    # ceiling is higher still: 560 ((440/50)^2 x 20/400)^(1/3) = 879 mM. Either ceiling
    # must lie above every measured [Cl-]i. A consistency check with published data (the
    # measurement is a range, not the ceiling itself), pinned by the hand value.
    out = symmem.evaluate("nkcc1_chloride_limit", Na_in=50, Na_out=440, K_in=400, K_out=20,
                          Cl_out=560, T=291.15)
    assert out["Cl_in"] == pytest.approx(560 * math.sqrt(440 * 20 / (50 * 400)), rel=1e-12)
    squid_ceiling = 560 * ((440 / 50) ** 2 * 20 / 400) ** (1 / 3)
    assert squid_ceiling == pytest.approx(879.4, abs=0.1)
    assert 150 < out["Cl_in"] < squid_ceiling


def test_e_gaba_with_bicarbonate_lies_positive_to_e_cl():
    # GABA_A receptors pass HCO3- with P_HCO3/P_Cl = 0.2 (Bormann, Hamill & Sakmann 1987);
    # with [Cl]i 7, [Cl]o 130, [HCO3]i 15, [HCO3]o 25 mM, E_GABA lies several mV positive
    # to E_Cl (Kaila & Voipio 1987). By hand: (RT/F) ln((7 + 0.2*15)/(130 + 0.2*25)).
    v = symmem.law("ghk_voltage").numeric(P_Cl=1, Cl_in=7, Cl_out=130, P_HCO3=0.2,
                                          HCO3_in=15, HCO3_out=25)
    assert v == pytest.approx(RT_F_37 * math.log((7 + 3) / (130 + 5)), rel=1e-9)
    e_cl = symmem.law("nernst").numeric(c_in=7, c_out=130, z=-1)
    assert 5 < v - e_cl < 15


def test_chord_conductance_gives_the_hodgkin_huxley_resting_potential():
    # Dayan & Abbott (2001) §5.6: g_Na 120, g_K 36, g_L 0.3 mS/cm^2; E_Na 50, E_K -77,
    # E_L -54.387 mV, chosen so that the model rests at -65 mV. The gating variables at
    # -65 mV come from their rate functions (eqs 5.22-5.24), evaluated here by hand.
    v = -65.0
    a_n = 0.01 * (v + 55) / (1 - math.exp(-0.1 * (v + 55)))
    b_n = 0.125 * math.exp(-0.0125 * (v + 65))
    a_m = 0.1 * (v + 40) / (1 - math.exp(-0.1 * (v + 40)))
    b_m = 4 * math.exp(-0.0556 * (v + 65))
    a_h = 0.07 * math.exp(-0.05 * (v + 65))
    b_h = 1 / (1 + math.exp(-0.1 * (v + 35)))
    n, m, h = a_n / (a_n + b_n), a_m / (a_m + b_m), a_h / (a_h + b_h)
    rest = symmem.law("chord_conductance").numeric(
        g_K=36 * n**4, E_K=-77, g_Na=120 * m**3 * h, E_Na=50, g_L=0.3, E_L=-54.387)
    assert rest == pytest.approx(-65.0, abs=0.05)
    # Hodgkin & Huxley (1952, J. Physiol. 117:500) in their own convention: V is the
    # displacement from rest, depolarisation negative; E_Na = -115, E_K = +12 mV and
    # E_l = -10.613 mV, which they chose so that the ionic current is zero at rest. Their
    # rate constants at V = 0 give n, m and h; the chord law must put the rest at 0 mV.
    a_n, b_n = 0.01 * 10 / (math.exp(1) - 1), 0.125
    a_m, b_m = 0.1 * 25 / (math.exp(2.5) - 1), 4.0
    a_h, b_h = 0.07, 1 / (math.exp(3) + 1)
    n, m, h = a_n / (a_n + b_n), a_m / (a_m + b_m), a_h / (a_h + b_h)
    rest = symmem.law("chord_conductance").numeric(
        g_K=36 * n**4, E_K=12, g_Na=120 * m**3 * h, E_Na=-115, g_L=0.3, E_L=-10.613)
    assert rest == pytest.approx(0.0, abs=0.05)
    # two channels by hand: the conductance-weighted mean
    assert symmem.law("chord_conductance").numeric(g_K=1, E_K=-90, g_Na=0.25, E_Na=60) == \
        pytest.approx((-90 + 0.25 * 60) / 1.25, rel=1e-12)


def test_van_t_hoff_boyle_cell_volume():
    # Boyle–van 't Hoff (Guyton & Hall, ch. 25): the osmotically active water varies as
    # 1/osmolarity, so with no non-osmotic volume half the osmolarity doubles the cell;
    # with b = 0.4 (a red cell's solids and bound water, by hand) it grows to 0.4 + 0.6*2
    volume = symmem.law("cell_volume").numeric
    assert volume(osmolarity=145, osmolarity0=290) == pytest.approx(2.0, rel=1e-12)
    assert volume(osmolarity=145, osmolarity0=290, b=0.4) == pytest.approx(1.6, rel=1e-12)
    assert volume(osmolarity=290, b=0.3) == pytest.approx(1.0, rel=1e-12)  # isotonic
    with pytest.raises(InputError, match="below 1"):
        volume(osmolarity=145, b=1.0)


def test_cell_volume_as_boyle_van_t_hoff_plots_of_cells_measure_it():
    # Lucke, Larrabee & Hartline (1935, J. Gen. Physiol. 19:1), sea-urchin (Arbacia) eggs:
    # volume times osmotic pressure is constant once the osmotically inactive volume, 12 %
    # of the initial volume, is set aside: (V - b) pi = (1 - b) pi_0. In 60 % sea water, by
    # hand, V/V_0 = 0.12 + 0.88/0.6 = 1.587.
    volume = symmem.law("cell_volume").numeric
    assert volume(osmolarity=600, osmolarity0=1000, b=0.12) == pytest.approx(1.58667,
                                                                             rel=1e-5)
    for fraction in (0.5, 0.8, 1.5, 3.0):
        v = volume(osmolarity=1000 * fraction, osmolarity0=1000, b=0.12)
        assert (v - 0.12) * fraction == pytest.approx(0.88, rel=1e-12)
    # Freeman, Reuben, Brandt & Grundfest (1966, J. Gen. Physiol. 50:423): volume against
    # pi_0/pi is a straight line for squid and lobster giant axons, whose intercept is
    # 0.4 and 0.2 of the isotonic volume. The law's plot is that line: through (1, 1), and
    # its points at pi_0/pi = 2 and 4 extrapolate to the published intercept at 0.
    for b in (0.2, 0.4):
        at = {x: volume(osmolarity=1000 / x, osmolarity0=1000, b=b) for x in (1, 2, 4)}
        assert at[1] == pytest.approx(1.0, rel=1e-12)
        slope = (at[4] - at[2]) / 2
        assert at[2] - 2 * slope == pytest.approx(b, abs=1e-12)
        assert at[1] == pytest.approx(b + slope, rel=1e-12)


def test_cell_volume_after_hypertonic_saline_as_in_guyton_and_hall():
    # Guyton & Hall, Textbook of Medical Physiology, ch. 25 (fluid shifts after infusing
    # hypertonic saline): 2 L of 3 % NaCl (2 x 513 mOsm/L) into a 70 kg man with 14 L of
    # extracellular and 28 L of intracellular fluid at 280 mOsm/L. Mixed through 44 L of
    # water the osmolarity becomes (42 x 280 + 2 x 1026)/44 = 313.9 mOsm/L, and the cells,
    # which keep their osmoles, shrink from 28 L to 24.98 L (the book's figure).
    osmolarity = (42 * 280 + 2 * 1026) / 44
    assert round(osmolarity, 1) == 313.9
    ratio = symmem.law("cell_volume").numeric(osmolarity=osmolarity, osmolarity0=280, b=0)
    assert round(28 * ratio, 2) == 24.98
    assert round(44 - 28 * ratio, 2) == 19.02  # the extracellular fluid takes the rest
