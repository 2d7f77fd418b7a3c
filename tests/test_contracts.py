"""Rules state what they prove: lecturer-style illegal steps are never *proved*."""

from __future__ import annotations

import pytest
import sympy as sp

from symmem.derivation import RULES, Derivation, DerivationError, Verdict
from symmem.laws import law
from symmem.symbols import sym

R, T, F, z, V, E = (sym(n) for n in ("R", "T", "F", "z", "V", "E"))
ci, co, dmu, p, k, G0 = (sym(n) for n in ("c_in", "c_out", "dmu", "p", "k", "G0"))


def nernst_law() -> Derivation:
    d = Derivation("demo", "demo")
    d.use_law(law("nernst"), "start")
    return d


# --- what instantiation proves, and what it does not -----------------------------------------
def test_instantiating_an_input_of_a_law_is_proved():
    d = nernst_law()
    d.apply("specialise", {co: 10 * ci}, because="tenfold")
    assert d.verify()[-1] is Verdict.PROVED


def test_setting_the_result_of_a_law_is_a_condition_not_a_proof():
    d = nernst_law()
    d.apply("specialise", {E: 0}, because="E = 0")
    assert d.verify()[-1] is Verdict.CONDITION
    assert "condition E = 0" in d.step(2).detail


def test_setting_a_solved_symbol_is_a_condition():
    d = Derivation("demo", "demo")
    d.use_law(law("electrochemical_potential_difference"), "start")
    d.apply("condition", {dmu: 0}, note="equilibrium", because="equilibrium")
    d.apply("solve", V, because="solve")
    d.apply("specialise", {V: 0}, because="set V = 0 after solving for it")
    verdicts = d.verify()
    assert verdicts[1] is Verdict.CONDITION and verdicts[2] is Verdict.PROVED
    assert verdicts[3] is Verdict.CONDITION


def test_renaming_a_result_is_a_definition_and_renaming_onto_a_used_symbol_a_condition():
    d = nernst_law()
    d.apply("specialise", {E: sym("E_K")}, because="this is E_K")
    assert d.verify()[-1] is Verdict.DEFINED
    d = Derivation("demo", "demo")
    d.use_law(law("driving_force"), "DF = V - E")
    d.apply("specialise", {sym("DF"): V}, because="V is already in use: not a new name")
    assert d.verify()[-1] is Verdict.CONDITION
    d = nernst_law()
    d.apply("specialise", {E: R * T / F}, because="a value, not a name")
    assert d.verify()[-1] is Verdict.CONDITION


def test_a_value_against_a_declared_assumption_changes_the_model():
    d = Derivation("demo", "demo")
    d.use_law(law("pump_leak"), "start")
    d.apply("specialise", {p: 0}, because="the pump stops")
    assert d.verify()[-1] is Verdict.ASSUMED
    assert "p is declared positive" in d.step(2).note
    assert "changes the model" in d.to_text()


def test_definitions_are_new_names_and_other_premises_are_assumptions():
    d = Derivation("demo", "demo")
    d.define(sp.Eq(sym("DF"), V - E), "the driving force")
    d.define(sp.Eq(V, 2 * E), "a relation between symbols already in use")
    assert d.verify() == [Verdict.DEFINED, Verdict.ASSUMED]


# --- substitute and eliminate must cite, and are checked from what they cite -------------------
def test_substitution_is_checked_from_the_cited_steps():
    d = Derivation("demo", "demo")
    d.define(sp.Eq(sym("DF"), V - E), "define")
    d.define(sp.Eq(E, 2 * sym("E_K")), "a relation")
    d.apply("substitute", [2], on=1, because="put E in")
    assert d.verify()[-1] is Verdict.PROVED
    d.step(3).equation = sp.Eq(sym("DF"), V - 3 * sym("E_K"))  # an illegal substitution
    assert d.verify(strict=False)[-1] is Verdict.FAILED
    assert "does not follow from step 1" in d.step(3).detail


def test_substituting_a_step_that_is_not_name_equals_expression_fails():
    d = Derivation("demo", "demo")
    d.define(sp.Eq(sym("DF"), V - E), "define")
    d.define(sp.Eq(E + V, 1), "not of the form name = expression")
    with pytest.raises(DerivationError, match="step 3"):
        d.apply("substitute", [2], on=1, because="illegal")
        d.verify()


def test_citing_a_later_or_missing_step_is_refused():
    d = nernst_law()
    with pytest.raises(DerivationError, match="cites step 5"):
        d.apply("substitute", [5], because="no such step")


def test_a_corrupted_eliminate_is_caught():
    d = Derivation("demo", "demo")
    d.use_law(law("nernst"), "Nernst")
    d.use_law(law("electrochemical_potential_difference"), "free energy")
    d.apply("eliminate", ci, 1, because="eliminate c_i")
    d.verify()
    good = d.step(3).equation
    d.step(3).equation = sp.Eq(good.lhs, 2 * good.rhs)
    assert d.verify(strict=False)[-1] is Verdict.FAILED
    d.step(3).equation = sp.Eq(good.lhs, good.rhs + ci)  # ci should be gone
    assert d.verify(strict=False)[-1] is Verdict.FAILED
    assert "still appears" in d.step(3).detail


# --- every rule renders, and every failure is a DerivationError ---------------------------------
def test_every_rule_phrases_itself_in_text_and_latex():
    d = Derivation("demo", "demo")
    d.define(sp.Eq(sym("DF"), V - E), "start")
    for rule, args in (("exp", ()), ("ln", ()), ("simplify", ()), ("swap", ()),
                       ("add", (E,)), ("multiply", (2,)), ("divide", (2,)),
                       ("rewrite", ("expand",)), ("solve", (V,))):
        d.apply(rule, *args, because=rule)
    d.verify()
    text, tex, markdown = d.to_text(), d.to_latex(), d._repr_markdown_()
    for phrase in ("exponentiate both sides", "take ln of both sides", "simplify",
                   "swap sides", "solve for"):
        assert phrase in text and phrase in tex and phrase in markdown
    assert set(RULES) >= {"exp", "ln", "simplify", "swap"}


def test_a_failed_exp_ln_simplify_or_swap_raises_derivation_error():
    for rule in ("exp", "ln", "simplify", "swap"):
        d = Derivation("demo", "demo")
        d.define(sp.Eq(sym("DF"), V - E), "start")
        d.apply(rule, because=rule)
        d.step(2).equation = sp.Eq(d.step(2).equation.lhs, d.step(2).equation.rhs + 1)
        with pytest.raises(DerivationError, match=rf"step 2 \({rule}"):
            d.verify()


def test_a_step_that_becomes_false_fails_instead_of_crashing():
    d = nernst_law()
    d.apply("specialise", {co: ci}, because="equal concentrations")
    d.step(2).equation = sp.false  # what a corrupted Eq(0, 1) evaluates to
    with pytest.raises(DerivationError, match="step 2"):
        d.verify()


def test_a_rule_that_cannot_be_applied_raises_derivation_error():
    d = Derivation("demo", "demo")
    d.define(sp.Eq(V**2, E), "a quadratic")
    with pytest.raises(DerivationError, match="could not be applied"):
        d.apply("solve", V, because="two roots, none chosen")
    with pytest.raises(DerivationError, match="unknown rule"):
        d.apply("integrate_by_magic", because="?")


def test_failure_messages_are_sentences_with_a_point():
    d = nernst_law()
    d.apply("rewrite", "expand_log", because="expand")
    d.step(2).equation = sp.Eq(E, R * T / F * sp.log(co / ci))  # z dropped
    with pytest.raises(DerivationError) as err:
        d.verify()
    message = str(err.value)
    assert "does not follow from step 1" in message and " at " in message
    assert "left side:" in message


def test_a_value_that_makes_the_step_undefined_is_refused_with_a_sentence():
    d = Derivation("demo", "demo")
    d.use_law(law("ghk_current"), "start")
    with pytest.raises(DerivationError, match="undefined .*take a limit instead"):
        d.apply("specialise", {V: 0}, because="V = 0 gives 0/0")


def test_the_cli_reports_a_failing_derivation_with_exit_1_and_no_traceback(tmp_path, capsys):
    from symmem.cli import main

    (tmp_path / "bad.py").write_text(
        "import sympy as sp\nfrom symmem.derivation import Derivation\n"
        "from symmem.laws import law\nfrom symmem.symbols import sym\n\n"
        "def build():\n    d = Derivation('bad', 'Bad')\n"
        "    d.use_law(law('nernst'), 'start')\n"
        "    d.apply('rewrite', 'expand_log', because='expand')\n"
        "    d.steps[-1].equation = sp.Eq(sym('E'), 2 * d.steps[-1].equation.rhs)\n"
        "    return d\n")
    assert main(["derive", "bad", "--derivations", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "derivation 'bad', step 2 (rewrite" in err and "Traceback" not in err
    (tmp_path / "worse.py").write_text(
        "from symmem.derivation import Derivation\nfrom symmem.laws import law\n"
        "from symmem.symbols import sym\n\ndef build():\n    d = Derivation('worse', 'W')\n"
        "    d.use_law(law('ghk_current'), 'start')\n"
        "    d.apply('specialise', {sym('V'): 0}, because='0/0')\n    return d\n")
    assert main(["derive", "worse", "--derivations", str(tmp_path)]) == 1
    assert "take a limit instead" in capsys.readouterr().err
