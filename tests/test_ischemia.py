"""The ischemia capstone and the action-potential budget, against hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from symmem.constants import FARADAY
from symmem.ischemia import Cell, simulate
from symmem.laws import law


@pytest.fixture(scope="module")
def run():
    return simulate(t_end=1800.0)


def test_the_cell_rests_at_a_true_steady_state_before_atp_fails(run):
    before = run.t < 0
    for trace in (run.Na_in, run.K_in, run.Cl_in, run.V, run.volume):
        assert np.ptp(trace[before]) < 1e-6 * max(1.0, abs(trace[0]))
    assert run.V[0] == pytest.approx(Cell().V_rest_mV, abs=1e-6)
    assert run.Na_in[0] == 12.0 and run.K_in[0] == 155.0  # Hille, Table 1.1


def test_chloride_starts_in_equilibrium_at_the_resting_potential(run):
    rt_f = 8.314462618 * 310.15 / FARADAY * 1e3  # mV, by hand
    E_Cl = -rt_f * math.log(123.0 / run.Cl_in[0])
    assert E_Cl == pytest.approx(run.V[0], abs=1e-6)


def test_after_the_pump_stops_the_gradients_run_down_and_the_cell_depolarises(run):
    after = run.t > 0
    assert np.all(np.diff(run.Na_in[after]) > 0)
    assert np.all(np.diff(run.K_in[after]) < 0)
    assert np.all(np.diff(run.V[after]) > 0)
    assert run.V[-1] > -50.0 and run.Na_in[-1] > 100.0
    assert np.all(np.diff(run.volume[after]) > 0) and run.volume[-1] > 1.05


def test_the_cell_stays_isosmotic_with_the_bath(run):
    cell = Cell()
    impermeant = cell.osmolarity - 12.0 - 155.0 - run.Cl_in[0]  # per resting volume
    inside = run.Na_in + run.K_in + run.Cl_in + impermeant / run.volume
    assert np.allclose(inside, cell.osmolarity, rtol=1e-6)


def test_ncx_reverses_when_v_crosses_e_ncx_and_then_calcium_rises(run):
    t_rev = run.t_ncx_reverses
    assert t_rev is not None and t_rev > 0
    drive = run.E_NCX - run.V
    assert np.all(drive[run.t < t_rev - 5] > 0) and np.all(drive[run.t > t_rev + 5] < 0)
    assert run.Ca_in[-1] > 5 * run.Ca_in[0]
    # E_NCX recomputed by hand from the traces: 3 E_Na − 2 E_Ca
    rt_f = 8.314462618 * 310.15 / FARADAY * 1e3
    i = -1
    by_hand = 3 * rt_f * math.log(145.0 / run.Na_in[i]) - rt_f * math.log(1.5 / run.Ca_in[i])
    assert run.E_NCX[i] == pytest.approx(by_hand, abs=1e-6)


def test_simulate_refuses_a_window_without_the_pump_failure():
    with pytest.raises(ValueError, match="ATP fails at t = 0"):
        simulate(t_start=10.0, t_end=100.0)


@pytest.mark.parametrize(("radius_um", "expected"), [
    # N = dNa F a / (2 C_m dV), with dNa = 10 mol/m³, C_m = 0.01 F/m², dV = 0.1 V
    (250.0, 10 * 96485.33212 * 250e-6 / (2 * 0.01 * 0.1)),  # ≈ 1.2 × 10⁵, squid giant axon
    (0.5, 10 * 96485.33212 * 0.5e-6 / (2 * 0.01 * 0.1)),  # ≈ 241, thin axon
])
def test_action_potential_budget_by_hand(radius_um, expected):
    got = law("action_potential_budget").numeric(dNa=10, a=radius_um)
    assert got == pytest.approx(expected, rel=1e-9)


def test_squid_axon_fires_about_a_hundred_thousand_spikes():
    # Hodgkin's classic estimate: a squid axon can fire ~10⁵ impulses without its pump
    assert 5e4 < law("action_potential_budget").numeric(dNa=10, a=250) < 5e5
