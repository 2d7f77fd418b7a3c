"""Questions a lecturer writes without Python: TOML files through check, grade and list."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from symmem.checking import QUESTIONS, check
from symmem.checking.question_file import QuestionFileError, load_questions
from symmem.checking.questions import add_question, symbolic
from symmem.checking.selftest import self_test
from symmem.cli import main
from symmem.laws import law

COURSE = '''
[ek_general]
prompt = "Write the equilibrium potential of K+ in terms of its concentrations."
answer = "R*T/F*ln(K_o/K_i)"
symbols = ["R", "T", "F", "K_o", "K_i"]
lhs = ["E_K", "E"]
[ek_general.feedback]
inverted_ratio = "Which side of the membrane has more K+?"
[[ek_general.wrong]]
answer = "R*T/F*ln(K_o)"
feedback = "E_K depends on both concentrations."
score = 0.1

[ek_value]
prompt = "Compute E_K in mV for [K+]i = 150 mM and [K+]o = 5.5 mM at 37 C."
law = "nernst"
params = { c_in = 150, c_out = 5.5, z = 1 }
unit = "mV"
tolerance = "1%"

[charge]
prompt = "Write the charge per area on a membrane at voltage V."
answer = "C_m*V"
symbols = ["C_m", "V"]
'''


@pytest.fixture
def course(tmp_path: Path) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(COURSE, encoding="utf-8")
    return path


def test_a_lecturers_file_works_through_check(course):
    assert check("ek_general", "RT/F ln([K+]_o/[K+]_i)", questions=course).verdict == "correct"
    flipped = check("ek_general", "E_K = RT/F ln(K_i/K_o)", questions=course)
    assert flipped.mistakes == ["inverted_ratio"]
    assert flipped.feedback == "Not quite. Which side of the membrane has more K+?"
    known = check("ek_general", "RT/F ln(K_o)", questions=course)
    assert (known.score, known.feedback) == (0.1, "E_K depends on both concentrations.")
    # by hand: 26.727 mV × ln(5.5/150) = −88.36 mV; 1 % is 0.88 mV
    assert check("ek_value", "-88.4 mV", questions=course).verdict == "correct"
    assert check("ek_value", "-87.3 mV", questions=course).verdict == "incorrect"
    assert check("charge", "V C_m", questions=course).verdict == "correct"
    assert check("nernst", "RT/(zF) ln(c_o/c_i)", questions=course).verdict == "correct"


def test_a_lecturers_file_works_through_the_cli(course, tmp_path, capsys):
    assert main(["check", "ek_value", "-88.36mV", "--questions", str(course)]) == 0
    assert capsys.readouterr().out.startswith("correct")
    assert main(["list", "questions", "--questions", str(course)]) == 0
    listed = capsys.readouterr().out
    assert "ek_general" in listed and "nernst" in listed
    answers = tmp_path / "answers.csv"
    answers.write_text("id,student_no,question,answer\n"
                       "1,40213,ek_general,RT/F ln(K_o/K_i)\n"
                       "2,40214,ek_value,-88.4 mV\n"
                       "3,40215,ek_value,88.4 mV\n", encoding="utf-8")
    out = tmp_path / "graded.csv"
    assert main(["grade", str(answers), "-o", str(out), "--questions", str(course),
                 "--jobs", "1"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # student_no is a number but not an input of the question: it is left alone
    assert [r["verdict"] for r in rows] == ["correct", "correct", "incorrect"]
    assert rows[2]["mistakes"].strip("[]'\" ") == "sign_error"


def test_the_self_test_passes_for_a_lecturers_file_and_the_bundled_bank(course):
    for q, tried, findings in self_test(load_questions(course).values()):
        assert tried >= 4 and not findings, (q.name, [str(f) for f in findings])
    for q, tried, findings in self_test(QUESTIONS.values()):
        assert tried >= 4 and not findings, (q.name, [str(f) for f in findings])


def test_the_self_test_reports_a_form_its_own_question_rejects(tmp_path, capsys):
    # a declared symbol whose LaTeX the answer parser cannot read back: a student copying
    # the question's own notation would be told the answer is invalid
    path = tmp_path / "q.toml"
    path.write_text('[odd]\nprompt = "p"\nanswer = "2*Qx"\n'
                    'symbols = [{ name = "Qx", latex = "\\\\mathcal{Q}", domain = "positive" }]\n')
    assert main(["check", "--self-test", "--questions", str(path)]) == 1
    out = capsys.readouterr().out
    assert "mathcal" in out and "expected correct, got invalid" in out


@pytest.mark.parametrize(("text", "where"), [
    ('[a]\nprompt = "p"\nanswer = "R*T"\nsymbols = ["R", "T"\n', "not valid TOML"),
    ('[a]\nprompt = "p"\nanswer = "R*T"\nsymbols = ["R", "T"]\nlhss = ["E"]\n',
     "line 5: [a].lhss: unknown key"),
    ('[a]\nprompt = "p"\nanswer = "R*T*q"\nsymbols = ["R", "T"]\n',
     "line 3: [a].answer: the answer cannot be read: unknown symbol q"),
    ('[a]\nprompt = "p"\nanswer = "R*T"\nsymbols = ["R", "Tee"]\n',
     "line 4: [a].symbols: unknown symbol 'Tee'"),
    ('[a]\nprompt = "p"\nlaw = "nernts"\n', "line 3: [a].law: unknown law 'nernts'"),
    ('[a]\nprompt = "p"\nlaw = "nernst"\nparams = { c_in = 150, c_out = 5, z = 0 }\n',
     "line 4: [a].params: nernst: z"),
    ('[a]\nprompt = "p"\nlaw = "nernst"\nparams = { c_in = 150, c_out = 5, z = 1 }\n'
     'unit = "V"\n', "line 5: [a].unit"),
    ('[a]\nprompt = "p"\nlaw = "nernst"\nparams = { c_in = 150, c_out = 5, z = 1, T = 37 }\n',
     "did you give °C?"),
    ('[nernst]\nprompt = "p"\nanswer = "R"\nsymbols = ["R"]\n', "a bundled question"),
    ('[a]\nprompt = "p"\nanswer = "R"\nsymbols = ["R"]\n[a.feedback]\nmisteak = "x"\n',
     "line 6: [a].feedback.misteak: unknown mistake code"),
    ('[a]\nanswer = "R"\nsymbols = ["R"]\n', "[a].prompt: needs a prompt"),
])
def test_a_bad_file_is_refused_with_the_line_and_key(tmp_path, text, where, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionFileError) as err:
        load_questions(path)
    assert where in str(err.value) and str(path) in str(err.value)
    assert main(["list", "questions", "--questions", str(path)]) == 2
    assert where in capsys.readouterr().err


def test_a_redefined_question_is_never_judged_against_a_stale_answer(tmp_path):
    path = tmp_path / "q.toml"
    path.write_text('[x]\nprompt = "p"\nanswer = "p/k"\nsymbols = ["p", "k"]\n')
    assert check("x", "p/k", questions=path).verdict == "correct"
    path.write_text('[x]\nprompt = "p"\nanswer = "k/p"\nsymbols = ["p", "k"]\n')
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert check("x", "p/k", questions=path).verdict == "incorrect"
    assert check("x", "k/p", questions=path).verdict == "correct"


def test_the_bundled_bank_refuses_a_duplicate_name():
    q = symbolic("nernst", "again", law("pump_leak_steady_state").rhs, ["p", "k"])
    with pytest.raises(ValueError, match="already exists"):
        add_question(q)
