"""Responses reports (one row per student, a column per question) and answers typed in
an LMS's rich-text editor."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from symmem.checking.grade_input import Wide, from_rich_text, stream_rows
from symmem.cli import main


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# the columns of Moodle's quiz "Responses" report, downloaded as CSV (with a BOM); the
# last row is a student who left question 2 unanswered, which Moodle shows as "-"
MOODLE = (
    "\ufeffSurname,First name,Email address,State,Started on,Completed,Time taken,"
    "Grade/10.00,Response 1,Response 2\r\n"
    "Smith,Ann,ann@uni.edu,Finished,1 March 2026 10:00,1 March 2026 10:20,20 mins,8.00,"
    "\"<p>RT/(zF) ln(c<sub>o</sub>/c<sub>i</sub>)</p>\",&minus;89&nbsp;mV\r\n"
    "Jones,Bob,bob@uni.edu,Finished,1 March 2026 10:00,1 March 2026 10:20,20 mins,8.00,"
    "RT/(zF) ln(c_i/c_o),-89.1 mV\r\n"
    "Lee,Cai,cai@uni.edu,Finished,1 March 2026 10:00,1 March 2026 10:20,20 mins,5.00,"
    "RT/(zF) ln(c_o/c_i),-\r\n")


def test_a_moodle_responses_report_is_graded_one_answer_per_row(tmp_path, capsys):
    source = tmp_path / "responses.csv"
    source.write_text(MOODLE, encoding="utf-8", newline="")
    code = main(["grade", str(source), "-o", str(tmp_path / "graded.csv"), "--quiet",
                 "--answer-column", "Response 1=nernst",
                 "--answer-column", "Response 2=nernst_numeric",
                 "--param-columns", "c_in,c_out",
                 "--gradebook", str(tmp_path / "book.csv")])
    assert code == 0, capsys.readouterr()
    rows = read_csv(tmp_path / "graded.csv")
    # the default inputs of nernst_numeric are 140/5 mM K+: by hand −89.06 mV at 37 °C
    got = [(r["student"], r["question"], r["verdict"]) for r in rows]
    assert got == [("ann@uni.edu", "nernst", "correct"),
                   ("ann@uni.edu", "nernst_numeric", "correct"),
                   ("bob@uni.edu", "nernst", "incorrect"),
                   ("bob@uni.edu", "nernst_numeric", "correct"),
                   ("cai@uni.edu", "nernst", "correct"),
                   ("cai@uni.edu", "nernst_numeric", "invalid")]
    # the report's own columns pass through; the answer is what the file held
    assert rows[0]["Surname"] == "Smith" and rows[0]["Grade/10.00"] == "8.00"
    assert rows[0]["answer"].startswith("<p>") and rows[0]["id"] == "ann@uni.edu/nernst"
    assert "Response 1" not in rows[0]
    assert rows[5]["answer"] == "" and "the answer is empty" in rows[5]["feedback"]
    book = {r["student"]: r for r in read_csv(tmp_path / "book.csv")}
    assert book["ann@uni.edu"]["total"] == "2" and book["cai@uni.edu"]["total"] == "1"
    assert book["bob@uni.edu"]["nernst"] == "0.5"  # an inverted ratio: half the credit


# Canvas's quiz "Student Analysis": each question column is "<id>: <text>" followed by a
# points column named by its points, so the same name comes again
CANVAS = (
    "name,id,sis_id,section,section_id,section_sis_id,submitted,attempt,"
    "\"4471: Write the Nernst potential of an ion, with R, T, F and z\",1.0,"
    "\"4472: E_K for 140 mM inside, 5 mM outside, in mV\",1.0,n correct,n incorrect,score\n"
    "Ann Smith,101,s1,Physiology,7,,2026-03-01,1,RT/(zF) ln(c_o/c_i),1,-89 mV,1,2,0,2\n"
    "Bob Jones,102,s2,Physiology,7,,2026-03-01,1,RT/zF ln(c_o/c_i),0,-89,1,1,1,1\n")


def test_a_canvas_student_analysis_is_read_by_question_ids(tmp_path):
    source = tmp_path / "analysis.csv"
    source.write_text(CANVAS, encoding="utf-8")
    wide = Wide((("4471", "nernst"), ("4472", "nernst_numeric")))
    rows = list(stream_rows(source, wide))
    assert [(r.data["student"], r.data["question"], r.data["answer"]) for r in rows] == [
        ("s1", "nernst", "RT/(zF) ln(c_o/c_i)"), ("s1", "nernst_numeric", "-89 mV"),
        ("s2", "nernst", "RT/zF ln(c_o/c_i)"),
        ("s2", "nernst_numeric", "-89")]
    # Canvas's own id (the student's) is kept, and the repeated points column is told apart
    assert rows[0].data["id"] == "101" and rows[0].data["1.0 (2)"] == "1"
    assert [r.index for r in rows] == [0, 1, 2, 3] and [r.line for r in rows] == [2, 2, 3, 3]


@pytest.mark.parametrize(("columns", "message"), [
    ((("Respons 1", "nernst"),), "did you mean 'Response 1'?"),
    ((("Response 1", "nernst"), ("Response 1", "nernst_numeric")), "given twice"),
])
def test_a_wrong_answer_column_is_refused_before_grading(tmp_path, capsys, columns, message):
    source = tmp_path / "responses.csv"
    source.write_text(MOODLE, encoding="utf-8", newline="")
    argv = ["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet"]
    for column, question in columns:
        argv += ["--answer-column", f"{column}={question}"]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


def test_a_file_of_one_answer_per_row_is_not_spread(tmp_path, capsys):
    source = tmp_path / "answers.csv"
    source.write_text("id,question,answer\n1,nernst,RT/(zF) ln(c_o/c_i)\n", encoding="utf-8")
    argv = ["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet",
            "--answer-column", "answer=nernst"]
    assert main(argv) == 2
    assert "leave out --answer-column" in capsys.readouterr().err


def test_the_header_error_points_to_answer_columns(tmp_path, capsys):
    source = tmp_path / "responses.csv"
    source.write_text(MOODLE, encoding="utf-8", newline="")
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet"]) == 2
    assert "--answer-column 'Response 1=nernst'" in capsys.readouterr().err


@pytest.mark.parametrize(("typed", "shown"), [
    ("<p>RT/(zF) ln(c_o/c_i)</p>", "RT/(zF) ln(c_o/c_i)"),
    ("<p>RT/(zF) ln(c<sub>o</sub>/c<sub>i</sub>)</p>", "RT/(zF) ln(c_(o)/c_(i))"),
    ("6.2 &times; 10<sup>3</sup>", "6.2 × 10^(3)"),
    ("&minus;89&nbsp;mV", "−89 mV"),
    ('<p>E = <span style="color: red">RT</span>/(zF)<br>ln(c_o/c_i)</p>',
     "E = RT/(zF) ln(c_o/c_i)"),
    ("RT/(zF) ln(c_o/c_i)", "RT/(zF) ln(c_o/c_i)"),  # plain text is left alone
    ("c_o < c_i", "c_o < c_i"),
])
def test_rich_text_is_read_as_the_text_it_shows(typed, shown):
    assert from_rich_text(typed) == shown


def test_the_class_report_reads_rich_text_answers(tmp_path):
    # the same inverted ratio typed in a rich-text editor and as plain text: one group
    source = tmp_path / "answers.csv"
    source.write_text("id,question,answer\n"
                      "1,nernst,<p>RT/(zF) ln(c<sub>i</sub>/c<sub>o</sub>)</p>\n"
                      "2,nernst,RT/(zF) ln(c_i/c_o)\n", encoding="utf-8")
    report = tmp_path / "report.html"
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet",
                 "--report", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert "Wrong answers, grouped (1 group)" in page


def test_an_input_column_with_a_decimal_comma_is_read_and_an_ambiguous_one_refused(tmp_path):
    source = tmp_path / "answers.csv"
    source.write_text("id;question;answer;c_in;c_out;z\n"
                      "1;nernst_numeric;-89,15 mV;140,5;5;1\n"
                      "2;nernst_numeric;-89 mV;1,400;5;1\n", encoding="utf-8")
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet"]) == 0
    first, second = read_csv(tmp_path / "g.csv")
    # by hand: (8.314462618 × 310.15 / 96485.33212) ln(5/140.5) × 1000 = −89.15 mV
    assert first["verdict"] == "correct"
    # 1,400 mM could be 1.4 or 1400: the row waits for a person, it is not scored
    assert second["verdict"] == "error" and second["review"] == "yes"
    assert "separate thousands" in second["feedback"]


@pytest.mark.parametrize(("bom", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_excels_unicode_text_is_read_like_csv_utf8(tmp_path, bom, codec):
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark and tabs between fields
    text = ("id\tquestion\tanswer\tnote\r\n1\tnernst\tRT/(zF) ln(c_o/c_i)\tÅsa Ørsted\r\n"
            "2\tnernst_numeric\t−89 mV\tß\r\n")
    source = tmp_path / "answers.txt"
    source.write_bytes(bom + text.encode(codec))
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet"]) == 0
    rows = read_csv(tmp_path / "g.csv")
    assert [r["verdict"] for r in rows] == ["correct", "correct"]
    assert [r["note"] for r in rows] == ["Åsa Ørsted", "ß"]
    assert [r.line for r in stream_rows(source)] == [2, 3]


def test_broken_utf16_is_refused_with_the_file_named(tmp_path, capsys):
    source = tmp_path / "answers.txt"
    source.write_bytes(b"\xff\xfe" + "id\tquestion\tanswer\r\n".encode("utf-16-le") + b"\x00\xd8")
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--quiet"]) == 2
    assert "not UTF-16 text" in capsys.readouterr().err
