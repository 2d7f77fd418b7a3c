"""Spikes without a pump (symmem.spiking) and ``symmem simulate``.

The spike counts are checked against the law ``action_potential_budget`` (itself
tested against hand calculation in test_laws_published.py), the overlap factor
against Hodgkin's measurement in squid (Na⁺ entry about 4 times the capacitive
minimum; Hodgkin 1975, the figure Attwell & Laughlin 2001 used), and the resting
steady state by evaluating the model's own equations at rest.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

import symmem
from symmem.cli import main
from symmem.errors import InputError
from symmem.models import run
from symmem.spiking import Axon, _balance, _rhs, _steady, simulate


@pytest.fixture(scope="module")
def thin_blocked():
    return simulate(Axon(radius_um=0.5), pump=False)


def test_a_thin_axon_fires_normal_spikes_then_falls_silent(thin_blocked):
    run_ = thin_blocked
    computed = run_.peak[~np.isnan(run_.peak)]
    assert run_.silent and run_.spikes >= 10
    assert (computed[:10] > 20).all()  # the first spikes overshoot to +20 mV and more
    assert (computed[-5:] < 0).all()  # the last stimuli find no spike
    assert run_.Na_in[-1] > run_.Na_in[0] + 50 and run_.K_in[-1] < run_.K_in[0] - 50


def test_its_count_agrees_with_the_spike_budget_at_its_own_overlap(thin_blocked):
    run_ = thin_blocked
    assert 3.0 < run_.overlap < 5.0  # squid: about 4 (Hodgkin 1975)
    budget = symmem.law("action_potential_budget").numeric(
        dNa=run_.Na_rise, a=0.5, C_m=1.0, dV_AP=run_.amplitude, overlap=run_.overlap)
    # the budget counts only the Na+ of the spikes; the leak adds some between them
    assert budget / 2 <= run_.spikes <= budget * 2
    assert run_.spikes < budget  # so the leak makes the axon fall silent sooner


def test_a_squid_axon_fires_about_a_hundred_thousand_times_more_slowly_run_down():
    run_ = simulate(Axon(radius_um=250.0), pump=False)
    assert run_.silent and 1e5 <= run_.spikes <= 1e6
    budget = symmem.law("action_potential_budget").numeric(
        dNa=run_.Na_rise, a=250.0, C_m=1.0, dV_AP=run_.amplitude, overlap=run_.overlap)
    assert budget / 2 <= run_.spikes <= budget * 2


def test_with_the_pump_on_the_axon_fires_at_a_steady_state():
    run_ = simulate(Axon(radius_um=0.5), pump=True, t_max=1800.0)
    assert not run_.silent and run_.steady
    assert run_.spikes == pytest.approx(1800.0 * 20.0, abs=1)  # every stimulus answered
    assert run_.Na_in[-1] < 120.0  # Na+ settles instead of running up


def test_rest_is_a_steady_state_of_the_models_own_equations():
    axon = Axon()
    v = axon.V_rest
    from symmem.spiking import _alpha_h, _alpha_m, _alpha_n, _beta_h, _beta_m, _beta_n

    y = np.array([v, _steady(_alpha_m(v), _beta_m(v)), _steady(_alpha_h(v), _beta_h(v)),
                  _steady(_alpha_n(v), _beta_n(v)), axon.Na_in, axon.K_in, 0.0])
    rates = _rhs(axon, _balance(axon), pump=True)(axon.stim_ms + 1.0, y)  # between pulses
    assert abs(rates[0]) < 1e-9 and abs(rates[4]) < 1e-12 and abs(rates[5]) < 1e-12
    blocked = _rhs(axon, _balance(axon), pump=False)(axon.stim_ms + 1.0, y)
    assert blocked[0] > 0 and blocked[4] > 0  # blocking the pump depolarises, loads Na+


def test_impossible_axons_are_refused():
    with pytest.raises(InputError, match="pump_reserve"):
        Axon(pump_reserve=1.0)
    with pytest.raises(InputError, match="positive"):
        Axon(radius_um=-1.0)
    with pytest.raises(InputError, match="pump_rest >"):
        simulate(Axon(pump_rest=0.5))


def test_simulate_prints_the_summary_as_json(capsys):
    assert main(["simulate", "pump_block_spiking", "radius_um=0.5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["model", "params", "summary", "units"]
    assert out["params"]["pump"] == "off" and out["summary"]["silent"] is True
    assert out["units"]["t_silent"] == "s" and out["units"]["Na_in_final"] == "mM"
    assert out["summary"]["spikes"] >= 10


def test_simulate_refuses_what_it_cannot_run(capsys):
    assert main(["simulate", "pump_block_spiking", "radius_um=-1"]) == 2
    assert "outside 0.1 to 500" in capsys.readouterr().err
    assert main(["simulate", "ischemi"]) == 2
    assert "did you mean 'ischemia'" in capsys.readouterr().err
    assert main(["simulate", "ischemia", "cell=astrocyte"]) == 2
    assert "one of generic, neuron, muscle" in capsys.readouterr().err
    with pytest.raises(InputError, match="has no parameter foo"):
        run("pump_block_spiking", {"foo": 1})


def test_ischemia_parameters_state_each_cells_own_defaults(capsys):
    # the help names each cell's own tau_ATP and b; they must be the cells' values
    from symmem.ischemia import CELLS
    from symmem.models import MODELS

    meaning = {p.name: p.meaning for p in MODELS["ischemia"].params}
    for name, cell in CELLS.items():
        assert f"{name} {cell.tau_ATP:g} s" in meaning["tau_ATP"]
        assert f"{name} {cell.b:g}" in meaning["b"]
    # a refusal of a dimensionless number has no dangling unit
    assert main(["simulate", "ischemia", "b=0.99"]) == 2
    assert "b = 0.99 is outside 0 to 0.9 (" in capsys.readouterr().err


def test_list_names_the_models(capsys):
    assert main(["list", "models"]) == 0
    out = capsys.readouterr().out
    assert "pump_block_spiking" in out and "ischemia" in out and "pump=off|on" in out


def test_a_run_that_hits_its_work_bound_says_so():
    run_ = simulate(Axon(radius_um=250.0, rate=1.0), pump=False, max_periods=3)
    assert run_.stopped_early and not run_.silent and run_.t_end < 3600.0
    assert not simulate(Axon(radius_um=0.5), pump=False).stopped_early
