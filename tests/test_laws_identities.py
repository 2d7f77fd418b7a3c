"""Identities between laws, symbolic and sampled over physiological ranges."""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import symmem
from symmem.laws import LAWS
from symmem.laws.electrochemistry import nernst
from symmem.laws.ghk import ghk_current, ghk_quadratic, ghk_voltage_expr
from symmem.laws.pump_leak import PUMP_LEAK_ODE, G, pump_leak
from symmem.laws.transporters import (
    NA_K_PUMP,
    NCX,
    NCX3,
    PMCA,
    SGLT,
    SGLT1,
    SGLT2,
    Transporter,
    species_symbols,
)
from symmem.symbols import sym

conc = st.floats(min_value=1e-3, max_value=500)
temp = st.floats(min_value=273, max_value=320)
valence = st.sampled_from([-2, -1, 1, 2])


def test_every_law_is_documented_with_its_equation():
    for item in LAWS.values():
        assert item.description and item.title
        assert item.latex().startswith(sp.latex(item.symbol)[0]) or "=" in item.latex()


def test_dmu_equals_zF_V_minus_E():
    F, z, V = (sym(n) for n in "FzV")
    dmu = LAWS["electrochemical_potential_difference"].rhs
    assert sp.simplify(sp.expand_log(dmu - z * F * (V - nernst.rhs))) == 0


def test_ghk_current_limit_at_zero_is_PzF_ci_minus_co():
    P, z, F = sym("P"), sym("z"), sym("F")
    limit = sp.limit(ghk_current.rhs, sym("V"), 0)
    assert sp.simplify(limit - P * z * F * (sym("c_in") - sym("c_out"))) == 0


def test_ghk_current_vanishes_at_nernst_potential_symbolically():
    expr = ghk_current.rhs.subs(sym("V"), nernst.rhs)
    assert sp.simplify(expr) == 0


def test_pump_leak_solves_its_ode_and_initial_value():
    t = sym("t")
    solution = pump_leak.rhs
    residual = PUMP_LEAK_ODE.lhs.subs(G(t), solution).doit() - PUMP_LEAK_ODE.rhs.subs(
        G(t), solution)
    assert sp.simplify(residual) == 0
    assert sp.simplify(solution.subs(t, 0) - sym("G0")) == 0


def test_calcium_quadratic_reduces_to_z2_nernst():
    V_ca = ghk_voltage_expr(("Ca",))
    e_ca = nernst.rhs.subs({sym("z"): 2, sym("c_in"): sym("Ca_in"), sym("c_out"): sym("Ca_out")})
    assert sp.simplify(sp.expand_log(V_ca - e_ca, force=True)) == 0


def test_calcium_root_satisfies_the_quadratic():
    ions = ("K", "Na", "Ca")
    w = sp.exp(sym("F") * ghk_voltage_expr(ions) / (sym("R") * sym("T")))
    residual = ghk_quadratic(ions).lhs.subs(sym("w"), w)
    assert sp.simplify(residual) == 0


@pytest.mark.parametrize("transporter", [NA_K_PUMP, NCX, NCX3, SGLT1, PMCA])
def test_cycle_free_energy_is_zero_at_reversal(transporter):
    dG = transporter.free_energy().subs(sym("V"), transporter.reversal_potential())
    assert sp.simplify(sp.expand_log(dG, force=True)) == 0


@pytest.mark.parametrize("transporter", [SGLT, SGLT1, SGLT2])
def test_cycle_free_energy_is_zero_at_max_accumulation(transporter):
    inside, outside = species_symbols("Glc")
    dG = transporter.free_energy().subs(inside, transporter.max_accumulation("Glc") * outside)
    assert sp.simplify(sp.expand_log(dG, force=True)) == 0


def test_a_lecturer_can_declare_kcc2():
    kcc2 = Transporter("KCC2", "1 K+ out with 1 Cl- out", {"K": -1, "Cl": -1})
    assert kcc2.net_charge_in() == 0
    with pytest.raises(ValueError, match="electroneutral"):
        kcc2.reversal_potential()
    # at equilibrium [Cl]_i/[Cl]_o = [K]_o/[K]_i
    ratio = kcc2.max_accumulation("Cl")
    assert sp.simplify(ratio - sym("K_out") / sym("K_in")) == 0


def test_electrogenic_pump_moves_one_charge_out():
    assert NA_K_PUMP.net_charge_in() == -1


@settings(max_examples=60, deadline=None)
@given(ci=conc, co=conc, T=temp)
def test_ghk_voltage_tends_to_nernst_when_one_permeability_dominates(ci, co, T):
    v = symmem.law("ghk_voltage").numeric(P_K=1.0, K_in=ci, K_out=co, P_Na=1e-12, Na_in=10.0,
                                         Na_out=145.0, T=T)
    e = symmem.law("nernst").numeric(c_in=ci, c_out=co, z=1, T=T)
    assert v == pytest.approx(e, abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(ci=conc, co=conc, z=valence, T=temp)
def test_ghk_current_is_zero_at_nernst_potential(ci, co, z, T):
    e = symmem.law("nernst").numeric(c_in=ci, c_out=co, z=z, T=T)
    i = symmem.law("ghk_current").numeric(P=1e-8, z=z, c_in=ci, c_out=co, V=e, T=T)
    scale = 1e-8 * abs(z) * 96485.33212 * max(ci, co)
    assert abs(i) <= 1e-9 * scale


@settings(max_examples=40, deadline=None)
@given(ci=conc, co=conc, T=temp)
def test_ghk_quadratic_with_only_calcium_is_nernst(ci, co, T):
    v = symmem.law("ghk_voltage").numeric(P_Ca=1.0, Ca_in=ci, Ca_out=co, T=T)
    assert v == pytest.approx(symmem.law("nernst").numeric(c_in=ci, c_out=co, z=2, T=T),
                              abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(p=st.floats(0, 100), k=st.floats(1e-3, 10), g0=st.floats(-50, 50), t=st.floats(0, 50))
def test_pump_leak_numeric_stays_between_start_and_steady_state(p, k, g0, t):
    g = symmem.law("pump_leak").numeric(p=p, k=k, G0=g0, t=t)
    lo, hi = sorted((g0, p / k))
    assert lo - 1e-9 * (1 + abs(hi)) <= g <= hi + 1e-9 * (1 + abs(hi))


@settings(max_examples=40, deadline=None)
@given(nai=st.floats(2, 40), nao=st.floats(100, 160), cai=st.floats(5e-5, 2e-3),
       cao=st.floats(0.5, 3), V=st.floats(-100, 50))
def test_ncx_cycle_sign_matches_reversal(nai, nao, cai, cao, V):
    e_ncx = symmem.law("ncx_reversal").numeric(Na_in=nai, Na_out=nao, Ca_in=cai, Ca_out=cao)
    rt = 8.314462618 * 310.15
    dG = 3 * (rt * math.log(nai / nao) + 96485.33212 * V / 1000) - (
        rt * math.log(cai / cao) + 2 * 96485.33212 * V / 1000)
    # the exchanger runs forward (Ca2+ out, dG < 0) exactly when V < E_NCX
    if abs(V - e_ncx) > 1e-6:
        assert (dG < 0) == (V < e_ncx)


def test_arrays_broadcast_and_match_scalars():
    ko = np.array([2.0, 5.0, 20.0, 140.0])
    arr = symmem.law("nernst").numeric(c_in=140.0, c_out=ko, z=1)
    assert arr.shape == (4,)
    for value, c in zip(arr, ko):
        assert value == pytest.approx(symmem.law("nernst").numeric(c_in=140.0, c_out=float(c), z=1))
    assert arr[-1] == 0.0


def test_constant_result_keeps_input_shape():
    out = symmem.law("thermal_voltage").numeric(T=np.full((2, 3), 310.15))
    assert out.shape == (2, 3)
    out = symmem.law("pump_leak").numeric(p=1.0, k=1.0, G0=1.0, t=np.linspace(0, 5, 7))
    assert out.shape == (7,) and np.allclose(out, 1.0)


def test_ghk_current_array_through_zero_has_no_nan():
    v = np.linspace(-1, 1, 2001)
    out = symmem.law("ghk_current").numeric(P=1e-8, z=1, c_in=140.0, c_out=5.0, V=v)
    assert np.isfinite(out).all()
    assert np.all(np.diff(out) > 0)  # monotonic through 0


def test_ghk_current_is_continuous_through_the_switch_to_the_series():
    f = symmem.law("ghk_current").numeric
    kw = dict(P=1e-8, z=1, c_in=140.0, c_out=5.0)
    assert f(V=0.999e-3, **kw) == pytest.approx(f(V=1.001e-3, **kw), rel=1e-6)


def test_the_lazy_law_table_names_every_law_of_every_module():
    import importlib

    from symmem.laws import MODULES

    for module, names in MODULES.items():
        loaded = importlib.import_module(f"symmem.laws.{module}")
        assert tuple(item.name for item in loaded.LAWS) == names, module


def test_numeric_code_is_read_back_from_the_cache(tmp_path, monkeypatch):
    import sympy as sp

    from symmem.numeric import compiled
    from symmem.symbols import sym

    monkeypatch.setenv("SYMMEM_CACHE", str(tmp_path))
    x, y = sym("c_in"), sym("c_out")
    first = compiled([x, y], sp.log(y / x) * 2, "math")
    assert len(list(tmp_path.iterdir())) == 1
    cached = compiled([x, y], sp.log(y / x) * 2, "math")
    assert first(2.0, 6.0) == cached(2.0, 6.0) == pytest.approx(2 * math.log(3))


def test_a_damaged_cache_file_is_printed_again(tmp_path, monkeypatch):
    import sympy as sp

    from symmem.numeric import compiled
    from symmem.symbols import sym

    monkeypatch.setenv("SYMMEM_CACHE", str(tmp_path))
    x = sym("c_in")
    compiled([x], sp.log(x), "math")
    (cached,) = tmp_path.iterdir()
    cached.write_text("def f(c_in):\n    return (\n")  # cut short
    assert compiled([x], sp.log(x), "math")(math.e) == pytest.approx(1.0)
    assert "math.log" in cached.read_text()
