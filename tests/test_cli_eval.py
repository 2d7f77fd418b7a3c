"""The command line: eval, list, and its refusals (exit code 2, no traceback)."""

import json
import subprocess
import sys

import pytest

from symmem.cli import main


def run(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_eval_text(capsys):
    code, out, _ = run(["eval", "nernst", "c_in=140", "c_out=5", "z=1"], capsys)
    assert code == 0
    assert "E = -89.06 mV" in out


def test_eval_json_matches_conventions(capsys):
    code, out, _ = run(["eval", "driving_force", "V=-50", "E=120", "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data == {"law": "driving_force", "inputs": {"V": -50, "E": 120},
                    "outputs": {"DF": -170.0}, "units": {"V": "mV", "E": "mV", "DF": "mV"}}


def test_eval_prints_every_result_of_a_law_with_several(capsys):
    code, out, _ = run(["eval", "donnan", "salt_out=100", "A_in=50", "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert list(data["outputs"]) == ["cation_in", "anion_in", "r", "V", "osmotic_excess"]
    assert data["units"]["V"] == "mV" and data["units"]["r"] == ""
    assert data["inputs"] == {"salt_out": 100, "A_in": 50, "z_A": -1, "T": 310.15}
    code, out, _ = run(["eval", "capacitive_charge", "dV=100"], capsys)
    assert "Q = 100 nC/cm²" in out and "ions_per_um2 = 6241.51 per µm²" in out


def test_eval_json_includes_defaults(capsys):
    _, out, _ = run(["eval", "nernst", "c_in=140", "c_out=5", "z=1", "--json"], capsys)
    assert json.loads(out)["inputs"]["T"] == 310.15


@pytest.mark.parametrize(("argv", "needle"), [
    (["eval", "nerst", "c_in=1"], "did you mean 'nernst'"),
    (["eval", "nernst", "c_in=-1", "c_out=5", "z=1"], "c_in"),
    (["eval", "nernst", "cin=1", "c_out=5", "z=1"], "did you mean 'c_in'"),
    (["eval", "nernst", "c_in=abc"], "not a number"),
    (["eval", "nernst", "c_in"], "NAME=VALUE"),
    (["eval", "nernst", "c_in=1", "c_in=2"], "twice"),
    (["eval", "chord_conductance", "g_K=1", "E_K=-90"], "at least two channels"),
    (["eval", "chord_conductance", "g_K=0", "E_K=-90", "g_Na=0", "E_Na=60"],
     "every conductance is zero"),
    (["eval", "chord_conductance", "g_K=1", "E_K=-90", "g_Nq=1"], "did you mean 'g_Na'"),
    (["eval", "chord_conductance", "g_K=1", "E_K=-90", "g_Na=1"], "missing parameter(s) E_Na"),
    (["eval", "donnan", "salt_out=100", "A_in=50", "z_A=0"], "nonzero integer"),
    (["eval", "henderson_hasselbalch", "HCO3=24", "PCO2=0"], "PCO2"),
    (["eval", "osmotic_pressure", "osmolarity=300", "T=37"], "°C"),
])
def test_eval_refusals_exit_2_with_message(argv, needle, capsys):
    code, _, err = run(argv, capsys)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_list_names_every_law(capsys):
    from symmem.laws import LAWS

    code, out, _ = run(["list", "laws"], capsys)
    assert code == 0
    for name in LAWS:
        assert name in out


def test_console_script_runs_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "symmem", "eval", "nernst", "c_in=0",
                           "c_out=5", "z=1"], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "c_in" in proc.stderr


def test_derive_text_and_latex(capsys):
    code, out, _ = run(["derive", "nernst"], capsys)
    assert code == 0 and "(1) dmu" in out and "law 'nernst'" in out
    code, out, _ = run(["derive", "nernst", "--format", "latex"], capsys)
    assert code == 0 and out.startswith("%") and r"\begin{align*}" in out


def test_derive_unknown_name(capsys):
    code, _, err = run(["derive", "nerst"], capsys)
    assert code == 2 and "did you mean 'nernst'" in err


def test_list_shows_derivations_with_step_counts(capsys):
    code, out, _ = run(["list", "derivations"], capsys)
    assert code == 0 and "nernst" in out and "steps" in out


def test_eval_reads_values_with_units(capsys):
    # 0.14 M is 140 mM and 37 °C is 310.15 K: the same E_K as the plain numbers,
    # −89.06 mV (by hand: 26.73 mV × ln(5/140))
    code, out, _ = run(["eval", "nernst", "c_in=0.14M", "c_out=5 mM", "z=1", "T=37°C"],
                       capsys)
    assert code == 0 and "E = -89.06 mV" in out
    # 10 kΩ·cm² over 10⁴ µm² (10⁻⁴ cm²): 10⁴/10⁻⁴ Ω = 100 MΩ
    code, out, _ = run(["eval", "input_resistance", "R_m=10 kΩ·cm²", "area=1e4 um^2"],
                       capsys)
    assert code == 0 and "R_in = 100 MΩ" in out


@pytest.mark.parametrize(("value", "says"), [
    ("c_in=140mV", "mV is not a unit of the same kind as mM"),
    ("c_in=140 furlongs", "furlongs is not a unit symmem knows; give it in mM"),
    ("z=1mM", "z takes a plain number, without a unit"),
    ("T=warm", "is not a number in K"),
])
def test_eval_refuses_a_unit_it_cannot_convert(value, says, capsys):
    argv = ["eval", "nernst", "c_in=140", "c_out=5", "z=1"]
    argv = [a for a in argv if a.split("=")[0] != value.split("=")[0]] + [value]
    code, _, err = run(argv, capsys)
    assert code == 2 and says in err


def test_eval_reads_a_decimal_comma_and_refuses_an_ambiguous_one(capsys):
    # by hand: (8.314462618 × 310.15 / 96485.33212) ln(5/140.5) × 1000 = −89.15 mV
    assert main(["eval", "nernst", "c_in=140,5", "c_out=5", "z=1"]) == 0
    assert "E = -89.15 mV" in capsys.readouterr().out
    assert main(["eval", "nernst", "c_in=1,400", "c_out=5", "z=1"]) == 2
    assert "separate thousands" in capsys.readouterr().err
