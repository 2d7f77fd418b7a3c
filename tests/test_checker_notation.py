"""Notation students really type: ion-specific, bracketed, Greek, full-width, pasted from
a PDF, logarithms without brackets, quantities written out, numbers in words."""

from __future__ import annotations

import re

import pytest

from symmem.checking import check
from symmem.cli import main

CORRECT = [
    ("nernst", "RT/(zF) ln([K^+]_o/[K^+]_i)"),  # a generic question, one ion's notation
    ("nernst", "RT/(zF) ln([K+]_o/[K+]_i)"),
    ("nernst", "RT/(zF) ln(K_o/K_i)"),
    ("nernst", "E_K = RT/(zF) ln(K_o/K_i)"),
    ("nernst", r"\frac{RT}{zF}\ln\frac{[\mathrm{Na}^{+}]_{o}}{[\mathrm{Na}^{+}]_{i}}"),
    ("nernst", "RT/(zF) (ln c_o - ln c_i)"),
    ("nernst", r"\frac{RT}{zF}(\ln c_o - \ln c_i)"),
    ("nernst", "RT/(zF) log(c_o/c_i)"),
    ("nernst", "（RT/(zF)）ln（c_o/c_i）"),  # full-width brackets
    ("nernst", "𝑅𝑇/(𝑧𝐹) ln(c_o/c_i)"),  # mathematical italic pasted from a PDF
    ("nernst", "RT/(zF) ln([X]_o/[X]_i)"),
    ("driving_force", "V - RT/(zF) ln(c_o/c_i)"),  # E written out as its Nernst form
    ("driving_force", "V − E"),
    ("driving_force", "-E+V"),
    ("ncx_reversal", "3 RT/F ln(Na_o/Na_i) - 2 RT/(2F) ln(Ca_o/Ca_i)"),
    ("proton_motive_force", "Δψ - 2.303 RT/F ΔpH"),
    ("proton_motive_force", r"\Delta\psi - 2.303\frac{RT}{F}\Delta pH"),
    ("proton_motive_force", r"\Delta \psi - \ln(10) \frac{RT}{F} \Delta \mathrm{pH}"),
    ("electrochemical_potential_difference", "RT ln(c_i/c_o) + zFV"),
    ("electrochemical_potential_difference", "zF(V − RT/(zF) ln(c_o/c_i))"),
    ("ghk_voltage", r"\frac{RT}{F}\ln\frac{P_K[K^+]_o + P_{Na}[Na^+]_o + P_{Cl}[Cl^-]_i}"
                    r"{P_K[K^+]_i + P_{Na}[Na^+]_i + P_{Cl}[Cl^-]_o}"),
    ("ghk_voltage", "RT/F ln((P_K [K]o + P_Na [Na]o + P_Cl [Cl]i)/(P_K [K]i + P_Na [Na]i + "
                    "P_Cl [Cl]o))"),
    ("pump_leak_time_course", r"G_0 e^{-kt} + \frac{p}{k}(1 - e^{-kt})"),
    ("nernst_numeric", "about −89 mV"),
    ("nernst_numeric", "−89.06 millivolts"),
    ("nernst_numeric", "E_K = -89 mV"),
    ("nernst_numeric", "≈ -89 mV"),
    ("nernst_numeric", "-0.089 V"),
    ("nernst_numeric", "-89 mv"),
]


@pytest.mark.parametrize(("question", "answer"), CORRECT)
def test_notation_students_use_is_read(question, answer):
    result = check(question, answer)
    assert result.verdict == "correct", (answer, result.feedback)


@pytest.mark.parametrize(("question", "answer", "why"), [
    ("nernst", "RT/(zF) ln c_o/c_i", "needs brackets here"),  # ln(c_o)/c_i or ln(c_o/c_i)?
    ("nernst", "RT/(zF) ln(K_o/Na_i)", "mixes the concentrations of K and Na"),
    ("nernst_numeric", "-89 MV", "(M is mega); did you mean mV?"),
    ("nernst_numeric", "-89 furlongs", "unknown unit"),
])
def test_ambiguous_or_wrong_notation_is_invalid_with_a_reason(question, answer, why):
    result = check(question, answer)
    assert result.verdict == "invalid" and why in result.feedback, result


def test_mistakes_are_still_named_in_ion_notation():
    assert check("nernst", "RT/(zF) ln([K]_i/[K]_o)").mistakes == ["inverted_ratio"]
    assert check("driving_force", "V - RT/(zF) ln(c_i/c_o)").mistakes == ["inverted_ratio"]


def test_the_bracket_hint_appears_only_when_brackets_would_make_it_right():
    assert "If you meant RT/(zF) ln(c_o/c_i)" in check("nernst", "RT/zF ln(c_o/c_i)").feedback
    assert "a/bc" not in check("nernst", "RT/F ln(c_o/c_i)").feedback


def test_a_temperature_in_celsius_is_refused_with_a_hint(capsys):
    assert main(["eval", "nernst", "c_in=140", "c_out=5", "z=1", "T=37"]) == 2
    assert "did you give °C?" in capsys.readouterr().err
    assert main(["check", "nernst_numeric", "-89", "--param", "T=37"]) == 2
    assert "did you give °C?" in capsys.readouterr().err


def test_negative_answers_on_the_command_line_are_answers_not_options(capsys):
    assert main(["check", "nernst_numeric", "-89.06mV", "--json"]) == 0
    assert '"verdict": "correct"' in capsys.readouterr().out
    assert main(["check", "driving_force", "-E+V"]) == 0
    assert capsys.readouterr().out.startswith("correct")


@pytest.mark.parametrize(("question", "answer", "code", "says"), [
    ("nernst", "61.5/z log10(c_o/c_i)", "temperature", "at 37 °C"),
    ("nernst", "58/z log10(c_o/c_i)", "temperature", "at 20 °C"),
    ("nernst", "26.7/z ln(c_o/c_i)", "temperature", "at 37 °C"),
    ("nernst", "RT/(zF) ln(c_o)", "log_of_concentration", "one concentration"),
    ("nernst", "-RT/(zF) ln(c_i)", "log_of_concentration", "one concentration"),
    ("proton_motive_force", "dpsi + 2.303 RT/F dpH", "other_convention", "pH_i − pH_o"),
    ("electrochemical_potential_difference", "RT ln(c_i/c_o) - zFV", "other_convention",
     "V = ψ_i − ψ_o"),
    ("ghk_current", "-P z^2 F^2 V/(R T) (c_i - c_o exp(-z F V/(R T)))/(1 - exp(-z F V/(R T)))",
     "other_convention", "outward current as positive"),
    # a worked case's numbers where the question asks for the general expression
    ("henderson_hasselbalch", "6.1 + log10(HCO3/(0.03 PCO2))", "numbers_for_symbols",
     "right with pK = 6.1, s_CO2 = 0.03"),
    ("nernst", "RT/(2F) ln(c_o/c_i)", "numbers_for_symbols", "right with z = 2"),
])
def test_physiology_misconceptions_are_named(question, answer, code, says):
    result = check(question, answer)
    assert result.verdict == "incorrect" and result.mistakes == [code], result
    assert says in result.feedback


def test_numbers_for_symbols_is_named_only_when_some_values_make_it_right():
    # ln of one concentration is wrong whatever z is: not a filled-in symbol
    assert "numbers_for_symbols" not in check("nernst", "RT/(2F) ln(c_o)").mistakes
    # 2p/k lacks no symbol: a constant factor, as before
    assert check("pump_leak_steady_state", "2p/k").mistakes == ["constant_factor"]
    # relative permeabilities (Hodgkin & Katz's squid axon, 1 : 0.04 : 0.45) for P_K,
    # P_Na and P_Cl, with the 1 left out as it usually is
    ratios = check("ghk_voltage", "RT/F ln((K_o + 0.04 Na_o + 0.45 Cl_i)/"
                                  "(K_i + 0.04 Na_i + 0.45 Cl_o))")
    assert ratios.mistakes == ["numbers_for_symbols"]
    assert "P_Cl = 0.45, P_K = 1, P_Na = 0.04" in ratios.feedback
    # more candidate assignments than the limit (7 values for 3 symbols: 343 > 200): no
    # guess, although P_K = 2, P_Na = 3, P_Cl = 5 would fit
    many = "RT/F ln((2 K_o + 3 Na_o + 5 Cl_i)/(2 K_i + 3 Na_i + 5 Cl_o))"
    assert "numbers_for_symbols" not in check("ghk_voltage", many).mistakes


def test_one_typed_number_does_not_stand_for_several_symbols():
    # 58 ln(c_o/c_i)/z is RT/F ln(...)/z with T = 58 and F = R = 1/58, which only the
    # algebra allows: no student meant that, and it must not be named as a filled-in case
    result = check("nernst", "58/z ln(c_o/c_i)")
    assert result.verdict == "incorrect"
    assert "numbers_for_symbols" not in result.mistakes and "0.01724" not in result.feedback


@pytest.mark.parametrize(("answer", "celsius"), [
    ("58/z log(c_o/c_i)", 20), ("61.5/z log(c_o/c_i)", 37), ("-58/z log(c_i/c_o)", 20)])
def test_a_physiologists_slope_with_a_bare_log_is_named_in_base_ten(answer, celsius):
    # physiology texts write E = (58 mV/z) log(c_o/c_i) with log in base 10; 58 mV per
    # decade is 2.303 RT/F at 20 °C (by hand: 8.314462618 × 293.15 × ln 10 / 96485.33212
    # = 58.17 mV). Read as ln it names no mistake; read as log10 it is a fixed temperature
    result = check("nernst", answer)
    assert result.verdict == "incorrect" and result.mistakes == ["temperature"], result
    assert f"at {celsius} °C" in result.feedback and "read here as log10" in result.feedback
    assert result.read_as.startswith(("58*log10", "61.5*log10", "-58*log10"))


@pytest.mark.parametrize(("answer", "celsius", "also"), [
    # the monovalent shortcut: 61.5 mV per decade at 37 °C (Hille 2001, ch. 1) and
    # RT/F = 26.7 mV, with z left out of a question about any ion
    ("61.5 log10(c_o/c_i)", 37, ["missing_valence"]),
    ("26.7 ln(c_o/c_i)", 37, ["missing_valence"]),
    ("58 log(c_o/c_i)", 20, ["missing_valence"]),
    # the sign turned, and the ratio turned over (for one logarithm the same values)
    ("-61.5/z log10(c_o/c_i)", 37, ["sign_error"]),
    ("61.5/z log10(c_i/c_o)", 37, ["inverted_ratio"]),
    ("61.5 log10(c_i/c_o)", 37, ["missing_valence", "inverted_ratio"]),
])
def test_a_fixed_slope_is_named_with_the_slip_it_carries(answer, celsius, also):
    result = check("nernst", answer)
    assert result.verdict == "incorrect" and result.mistakes == ["temperature", *also], result
    assert f"right one at {celsius} °C" in result.feedback and "put right" in result.feedback
    assert result.score == 0.25


def test_a_fixed_slope_with_both_slips_undone_is_still_only_a_fixed_temperature():
    # a turned sign and a turned ratio cancel: -61.5/z log10(c_i/c_o) is the 37 °C answer
    result = check("nernst", "-61.5/z log10(c_i/c_o)")
    assert result.mistakes == ["temperature"] and "put right" not in result.feedback
    # a slope that is no temperature's, with z left out, names nothing it cannot stand by
    assert check("nernst", "45 log10(c_o/c_i)").mistakes == []


def test_a_bare_log_keeps_the_ln_readings_own_mistake():
    # read as ln, RT/(zF) log(c_i/c_o) is an inverted ratio: that stays the diagnosis
    result = check("nernst", "RT/(zF) log(c_i/c_o)")
    assert result.mistakes == ["inverted_ratio"] and "read here as log10" not in \
        result.feedback


def test_a_number_right_at_another_temperature_is_named():
    # by hand: E_K at 20 °C = (8.314462618 × 293.15 / 96485.33212) ln(5/140) = −84.17 mV
    result = check("nernst_numeric", "-84.17 mV", c_in=140, c_out=5, z=1)
    assert result.mistakes == ["temperature"] and "right at 20 °C" in result.feedback


def test_a_bare_log_is_read_as_ln_and_the_feedback_says_so():
    assert "log was read as ln" in check("nernst", "RT/(zF) log(c_o/c_i)").feedback
    wrong = check("nernst", "2.303 RT/(zF) log(c_o/c_i)")
    assert wrong.verdict == "incorrect" and "read as log10 your answer would be right" in \
        wrong.feedback


def test_a_change_of_a_bracketed_concentration_is_one_name():
    from symmem.checking import check

    for answer in ("F a Δ[Na+]_i/(2 C_m ΔV φ)",
                   r"\frac{F a \Delta[\mathrm{Na}^{+}]_{\mathrm{i}}}{2 C_m \Delta V \phi}",
                   "dNa F a/(2 phi C_m dV)"):
        assert check("action_potential_budget", answer).verdict == "correct", answer
    # without the overlap factor the count is phi times too large: not accepted
    assert check("action_potential_budget", "dNa F a/(2 C_m dV)").verdict == "incorrect"


def test_passive_membrane_questions():
    from symmem.checking import check

    assert check("membrane_time_constant", "R_m C_m").verdict == "correct"
    assert check("membrane_time_constant", "R_m/C_m").verdict == "incorrect"
    assert check("length_constant", r"\sqrt{\frac{a R_m}{2 R_i}}").verdict == "correct"
    missing_half = check("length_constant", "sqrt(a R_m/R_i)")
    assert missing_half.verdict == "incorrect" and "constant_factor" in missing_half.mistakes
    # Dayan & Abbott: tau_m = 10 ms; lambda = 1 mm for a = 2 um
    assert check("membrane_time_constant_numeric", "10 ms").verdict == "correct"
    assert check("length_constant_numeric", "1 mm").verdict == "correct"
    in_um = check("length_constant_numeric", "1000")  # micrometres, read as mm
    assert in_um.mistakes == ["units_factor"] and "against mm" in in_um.feedback
    assert "read in mm" in in_um.feedback and "mV" not in in_um.feedback


@pytest.mark.parametrize(("answer", "unit", "value"), [
    ("5.938 kJ/mol", "kJ/mol", 5.938), ("5.9 kJ mol^-1", "kJ/mol", 5.9),
    ("100 nC/cm^2", "nC/cm²", 100.0), ("100 nC/cm²", "nC/cm²", 100.0),
    ("6241 per µm²", "per µm²", 6241.0), ("6241 per um^2", "per µm²", 6241.0),
    ("5800 mmHg", "mmHg", 5800.0), ("about 7.1", "", 7.1),
    # another unit of the same kind is converted (SI prefixes; 1 atm = 760 mmHg)
    ("0.1 GΩ", "MΩ", 100.0), ("1e8 ohms", "MΩ", 100.0), ("-0.0891 V", "mV", -89.1),
    ("3.2 uM", "mM", 0.0032), ("0.01 s", "ms", 10.0), ("1 atm", "mmHg", 760.0),
    # powers of ten written out
    ("6.2 × 10^3 per µm²", "per µm²", 6200.0), ("6.2x10^3 /um^2", "per µm²", 6200.0),
    ("1.2*10**5", "", 1.2e5), ("1.0 × 10⁻¹ GΩ", "MΩ", 100.0),
    # what is counted may be named
    ("6200 ions per µm²", "per µm²", 6200.0), ("241 action potentials", "", 241.0),
    ("1.2 × 10^5 spikes", "", 1.2e5),
])
def test_numbers_in_the_units_of_every_law(answer, unit, value):
    from symmem.checking.parse import parse_number

    assert parse_number(answer, unit)[0] == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(("answer", "unit", "needle"), [
    ("7.1 mV", "", "pure number"), ("7 ions", "mM", "not a unit of the same kind"),
    ("5.9 kJ", "kJ/mol", "not a unit of the same kind"),
    ("100 mV", "MΩ", "not a unit of the same kind as MΩ"), ("3 mm", "mM", "did you mean mM?"),
    ("3 MM", "mM", "case-sensitive (M is mega); did you mean mM?"),
    ("5.9 KJ/mol", "kJ/mol", "KJ/mol is not kJ/mol: units are case-sensitive; did you mean"),
    ("3 furlongs", "mm", "unknown unit furlongs"), ("3 m/s/s", "mm", "same kind"),
    ("1 G", "mM", "unknown unit"), ("2 (mM", "mM", "give a number"),
])
def test_a_unit_that_is_not_the_questions_is_refused_with_its_reason(answer, unit, needle):
    from symmem.checking.parse import parse_number
    from symmem.errors import ParseError

    with pytest.raises(ParseError, match=re.escape(needle)):
        parse_number(answer, unit)


@pytest.mark.parametrize(("question", "answer", "verdict"), [
    ("chord_conductance", "(g_K E_K + g_Na E_Na + g_Cl E_Cl)/(g_K + g_Na + g_Cl)", "correct"),
    ("chord_conductance", "(g_K E_K + g_Na E_Na + g_Cl E_Cl)/(g_K + g_Na)", "incorrect"),
    ("chemical_potential_difference", "RT ln(c_o/c_i)", "incorrect"),
    ("ussing_flux_ratio", "c_o/c_i exp(zFV/(RT))", "incorrect"),
    ("donnan_numeric", "128 mM", "correct"),
    ("henderson_hasselbalch_numeric", "7.09", "correct"),
    # 300 mOsm/L at 37 °C: cRT = 0.3 × 0.08206 × 310.15 = 7.63 atm = 5800 mmHg = 773 kPa
    ("osmotic_pressure_numeric", "7.6 atm", "correct"),
    ("osmotic_pressure_numeric", "773 kPa", "correct"),
    ("osmotic_pressure_numeric", "7.6 mmHg", "incorrect"),
    # by hand: 130 sqrt(145 × 3.5/(10 × 140)) = 78.27 mM
    ("nkcc1_chloride_limit_numeric", "78.3 mM", "correct"),
    ("nkcc1_chloride_limit_numeric", "3.25 mM", "incorrect"),  # the KCC2 floor instead
    # by hand: (145/12) e^(70/26.727) = 12.083 × 13.725 = 165.8
    ("ussing_flux_ratio_numeric", "166", "correct"),
    ("ussing_flux_ratio_numeric", "0.0060", "incorrect"),  # efflux over influx
    # by hand: 0.4 + 0.6 × 290/145 = 1.6 (no non-osmotic part would give 2)
    ("cell_volume_numeric", "1.6", "correct"),
    ("cell_volume_numeric", "2", "incorrect"),
])
def test_questions_on_the_new_laws(question, answer, verdict):
    from symmem.checking import check

    assert check(question, answer).verdict == verdict


@pytest.mark.parametrize("answer", [
    "pK + log10([HCO3-]/(s PCO2))", "pK + log10([HCO_3^-]/(s P_CO2))",
    r"pK + \log_{10}\frac{[\mathrm{HCO}_3^-]}{s\,P_{\mathrm{CO_{2}}}}",
    "pKa + log10(HCO3/(alpha pCO2))",
])
def test_a_concentration_without_a_side_and_nested_latex_subscripts(answer):
    # Henderson-Hasselbalch is written with [HCO3-] (no inside or outside) and P_CO2
    assert check("henderson_hasselbalch", answer).verdict == "correct", check(
        "henderson_hasselbalch", answer)


def test_a_side_less_bracket_where_a_side_is_needed_names_the_symbols():
    result = check("nernst", "RT/(zF) ln([K+]/[K+]_i)")
    assert result.verdict == "invalid" and "unknown symbol K" in result.feedback


def test_ln_for_log10_in_a_ph_and_ohms_spelled_out():
    assert check("henderson_hasselbalch", "pK + ln(HCO3/(s PCO2))").mistakes == ["log_base"]
    assert check("proton_motive_force", "dpsi - RT/F dpH").mistakes == ["log_base"]
    for answer in ("100 MΩ", "100 MOhm", "100 Mohm"):
        assert check("input_resistance_numeric", answer).verdict == "correct", answer


@pytest.mark.parametrize("answer", ["kT/(ze) ln(c_o/c_i)", "k_B T/(z e) ln(c_o/c_i)",
                                    r"\frac{k_B T}{z e}\ln\frac{c_o}{c_i}"])
def test_the_per_particle_form_is_explained_not_only_refused(answer):
    # kT/e = RT/F (k = R/N_A, e = F/N_A): the student is right in another notation, and the
    # feedback says how to write it here, not only that k is unknown
    result = check("nernst", answer)
    assert result.verdict == "invalid"
    assert "per-particle form of RT/F" in result.feedback


def test_k_is_the_rate_constant_where_the_question_has_one():
    # in G = p/k, k is the leak's rate constant, not Boltzmann's
    assert check("pump_leak_steady_state", "p/k").verdict == "correct"


@pytest.mark.parametrize("answer", [
    # pasted with its math delimiters, from a notebook's Markdown or a LaTeX file
    r"$\frac{RT}{zF}\ln\frac{c_o}{c_i}$",
    r"$$E=\frac{RT}{zF}\ln\frac{c_o}{c_i}$$",
    r"\[ E = \frac{RT}{zF}\ln\frac{c_o}{c_i} \]",
    r"\( \frac{RT}{zF}\ln\frac{c_o}{c_i} \)",
    r"\begin{align} E &= \frac{RT}{zF}\ln\frac{c_o}{c_i} \\ \end{align}",
    r"\begin{equation*} E = \frac{RT}{zF}\ln\frac{c_o}{c_i} \end{equation*}",
    "$RT/(zF) ln(c_o/c_i)$",
    # sized and square grouping brackets
    r"\frac{R\cdot T}{z\cdot F}\cdot\ln\Bigl(\frac{c_o}{c_i}\Bigr)",
    r"\frac{RT}{zF}\ln\left[\frac{c_o}{c_i}\right]",
    r"\frac{RT}{zF}\ln\biggl[\frac{c_o}{c_i}\biggr]",
    "RT/(zF) ln[c_o/c_i]",
    # log to the base e
    r"\frac{RT}{zF}\log_e\frac{c_o}{c_i}",
    r"\frac{RT}{zF}\log_{e}\frac{c_o}{c_i}",
    "RT/(zF) log_e(c_o/c_i)",
    # a sentence's full stop, the equation written the other way round, an ion's E
    "RT/(zF) ln(c_o/c_i).",
    r"\frac{RT}{zF}\ln\frac{c_o}{c_i}.",
    "RT/(zF) ln(c_o/c_i) = E",
    r"E_{K}=\frac{RT}{zF}\ln\frac{c_{o}}{c_{i}}",
    "E_X = RT/(zF) ln(c_o/c_i)",
])
def test_notation_students_paste_is_read(answer):
    result = check("nernst", answer)
    assert result.verdict == "correct", result


def test_square_brackets_still_name_concentrations():
    # [K]_o is a concentration, not a group; a wrong answer stays wrong once unwrapped
    assert check("nernst", "RT/(zF) ln([K]_o/[K]_i)").verdict == "correct"
    assert check("nernst", "$RT/(zF) ln(c_i/c_o)$").mistakes == ["inverted_ratio"]
    # a general equation is not turned round: x^2 = a is no named answer
    assert check("nernst", "RT/(zF) ln(c_o/c_i) = x").verdict == "invalid"
    # an ion's E with another ion's concentrations is refused, and says what would do
    mixed = check("nernst", "E_Na = RT/(zF) ln([K]_o/[K]_i)")
    assert mixed.verdict == "invalid" and "(E, E_K)" in mixed.feedback


@pytest.mark.parametrize("answer", [
    "$-89$ mV", r"$-89\,\mathrm{mV}$", r"E_K \approx -89\ \text{mV}", "E_K ≈ −89 mV",
    r"$-8.9 \times 10^{1}$ mV", r"$-8.9\cdot10^{1}\,\mathrm{mV}$",
    "-89,1 mV", "-89,06 mV",  # a decimal comma, as written across most of Europe
])
def test_numbers_written_in_latex_or_with_a_decimal_comma_are_read(answer):
    # by hand: (8.314462618 × 310.15 / 96485.33212) ln(5/140) × 1000 = −89.06 mV
    result = check("nernst_numeric", answer, c_in=140, c_out=5, z=1)
    assert result.verdict == "correct", result


def test_a_comma_before_three_digits_is_refused_not_guessed():
    # 1,234 is a thousand and thirty-four in English and 1.234 in German: no guess
    result = check("nernst_numeric", "-89,060 mV", c_in=140, c_out=5, z=1)
    assert result.verdict == "invalid" and "decimal point" in result.feedback


@pytest.mark.parametrize(("question", "answer"), [
    ("ghk_voltage", "V_m = RT/F ln((P_K K_o + P_Na Na_o + P_Cl Cl_i)/"
                    "(P_K K_i + P_Na Na_i + P_Cl Cl_o))"),  # any way of writing V
    ("membrane_time_constant", "τ = R_m C_m"),
    ("osmotic_pressure", "Π = cRT"),
    ("length_constant", "λ = sqrt(a R_m/(2 R_i))"),
    ("driving_force", "V_m - E_rev"),
    ("nernst", "E_rev = RT/(zF) ln(c_o/c_i)"),
])
def test_left_sides_and_names_in_their_usual_forms(question, answer):
    assert check(question, answer).verdict == "correct"


def test_a_left_side_of_another_quantity_is_still_refused():
    result = check("nernst", "c_o = RT/(zF) ln(c_o/c_i)")
    assert result.verdict == "invalid" and "left side c_o" in result.feedback


@pytest.mark.parametrize("run_on", ["e^-kt", "e^kt", "e^-k t"])
def test_an_exponent_run_on_into_a_product_is_refused_as_ambiguous(run_on):
    # by precedence e^-kt is e^(-k)·t, which no student means; neither reading is guessed
    result = check("pump_leak_time_course", f"p/k + (G_0 - p/k) {run_on}")
    assert result.verdict == "invalid" and "is ambiguous" in result.feedback


@pytest.mark.parametrize("answer", ["p/k + (G_0 - p/k) e^(-kt)", "p/k + (G_0 - p/k) e^{-kt}"])
def test_a_bracketed_exponent_is_read(answer):
    assert check("pump_leak_time_course", answer).verdict == "correct"


def test_a_number_exponent_before_a_product_stays_a_product():
    # z^2 F^2 is z²F² (the GHK current), and (Na_o/Na_i)^n exp(…) a product too
    assert check("ghk_current", "P z^2 F^2 V/(R T) (c_i - c_o exp(-z F V/(R T)))/"
                                "(1 - exp(-z F V/(R T)))").verdict == "correct"
    assert check("sglt_max_accumulation",
                 "(Na_o/Na_i)^n exp(-n F V/(R T))").verdict == "correct"


@pytest.mark.parametrize(("answer", "celsius", "unit"), [
    ("dpsi - 61.5 dpH", 37, "mV"), ("dpsi - 59 dpH", 25, "mV"),
    ("Δψ − 0.0615 ΔpH", 37, "V")])
def test_a_fixed_slope_beside_the_students_own_potential_is_named(answer, celsius, unit):
    # 2.303 RT/F: 61.5 mV at 37 °C, 59.2 mV at 25 °C (by hand: 8.314462618 × 298.15 ×
    # ln 10 / 96485.33212 = 59.16 mV); Δψ stays the student's own, in the same unit
    result = check("proton_motive_force", answer)
    assert result.mistakes == ["temperature"]
    assert f"at {celsius} °C with potentials in {unit}" in result.feedback


@pytest.mark.parametrize(("question", "answer"), [
    ("length_constant", r"\sqrt{\frac{d R_m}{4 R_i}}"),  # λ with the diameter, d = 2a
    ("action_potential_budget", "dNa F d/(4 phi C_m dV)"),
])
def test_the_diameter_is_read_as_twice_the_radius(question, answer):
    assert check(question, answer).verdict == "correct"


def test_the_diameter_where_the_radius_belongs_is_named():
    result = check("length_constant", "sqrt(d R_m/(2 R_i))")
    assert result.verdict == "incorrect"
    assert "d is read as the axon diameter, 2a; your answer is right with a in its place" \
        in result.feedback
