"""Grading a real class: LMS exports in, nothing lost under faults, honest review flags."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import chromium, open_page

from symmem.checking import grade
from symmem.checking.grade_input import stream_rows
from symmem.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ("id,question,answer,c_in,c_out,z\n"
         "1,nernst,RT/(zF) ln(c_o/c_i),,,\n"
         "2,nernst_numeric,-89 mV,140,5,1\n"
         "3,nernst,RT/(zF) ln(c_i/c_o),,,\n"
         "4,nernst_numeric,-89.06 mV,140,5,1\n")
# the same class as Moodle or European Excel exports it: a byte-order mark, ';', CRLF,
# extra numeric columns, a student column, one mistyped input and one T in °C
LMS = ("\ufeffid;student;student_no;attempt;question;answer;c_in;c_out;z;T\r\n"
       "1;ann;40213;1;nernst;RT/(zF) ln(c_o/c_i);;;;\r\n"
       "2;bob;40214;2;nernst_numeric;-89 mV;140;5;1;\r\n"
       "3;cat;40215;1;nernst;RT/(zF) ln(c_i/c_o);;;;\r\n"
       "4;dan;40216;1;nernst_numeric;-89.06 mV;140;5;1;\r\n"
       "5;eve;40217;1;nernst_numeric;-89 mV;14O;5;1;\r\n"
       "6;fay;40218;1;nernst_numeric;-89 mV;140;5;1;37\r\n")


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))


def test_an_lms_export_grades_exactly_as_the_clean_file(tmp_path, capsys):
    (tmp_path / "clean.csv").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "lms.csv").write_bytes(LMS.encode("utf-8"))
    assert main(["grade", str(tmp_path / "clean.csv"), "-o", str(tmp_path / "a.csv")]) == 0
    assert main(["grade", str(tmp_path / "lms.csv"), "-o", str(tmp_path / "b.csv")]) == 0
    clean, lms = read_csv(tmp_path / "a.csv"), read_csv(tmp_path / "b.csv")
    keys = ("verdict", "score", "mistakes")
    assert [[r[k] for k in keys] for r in clean] == [[r[k] for k in keys] for r in lms[:4]]
    assert [r["verdict"] for r in clean] == ["correct", "correct", "incorrect", "correct"]
    # the extra columns pass through untouched
    assert [r["student_no"] for r in lms] == ["40213", "40214", "40215", "40216", "40217",
                                              "40218"]
    mistyped, celsius = lms[4], lms[5]
    assert mistyped["verdict"] == "error" and "column c_in: '14O'" in mistyped["feedback"]
    assert celsius["verdict"] == "error" and "did you give °C?" in celsius["feedback"]
    for row in (mistyped, celsius):
        assert row["score"] == "" and row["review"] == "yes"
    assert "2 to review" in capsys.readouterr().out


def test_strict_refuses_the_file_up_front_with_line_numbers(tmp_path, capsys):
    (tmp_path / "lms.csv").write_bytes(LMS.encode("utf-8"))
    assert main(["grade", str(tmp_path / "lms.csv"), "-o", str(tmp_path / "b.csv"),
                 "--strict"]) == 2
    err = capsys.readouterr().err
    assert "2 rows cannot be graded" in err and "line 6:" in err and "line 7:" in err
    assert not (tmp_path / "b.csv").exists()


def test_param_columns_limit_what_may_be_an_input(tmp_path):
    (tmp_path / "in.csv").write_text("id,question,answer,c_in,c_out,z\n"
                                     "1,nernst_numeric,-89 mV,140,50,1\n")
    out = tmp_path / "out.csv"
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(out), "--param-columns",
                 "c_in,z"]) == 0
    assert read_csv(out)[0]["verdict"] == "correct"  # c_out from the question's default, 5


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.jsonl", '{"id": 1, "question": "nernst", "answer": "x"}\n{oops\n',
     "line 2: not valid JSON"),
    ("bad.csv", "id,answer\n1,x\n", "line 1: the header lacks question"),
    ("latin1.csv", "id,question,answer\n1,nernst,x\n2,nernst,\xe9\n", "line 3: not UTF-8"),
])
def test_a_file_that_cannot_be_read_names_the_line(tmp_path, capsys, name, content, message):
    source = tmp_path / name
    source.write_bytes(content.encode("latin-1") if name == "latin1.csv" else content.encode())
    assert main(["grade", str(source), "-o", str(tmp_path / "out.csv")]) == 2
    assert message in capsys.readouterr().err


def test_rows_that_cannot_be_graded_are_kept_and_flagged(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('id,question,answer\n1,nernst,"RT/(zF) ln(c_o/c_i)"\n2,nernst\n'
                      '3,nernst,a,b\n4,,x\n5,nernst,"RT/(zF) ln(c_o/c_i)"\n')
    out = tmp_path / "out.csv"
    assert main(["grade", str(source), "-o", str(out)]) == 0
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r["verdict"] for r in rows] == ["correct", "error", "error", "error", "correct"]
    assert "line 3: 2 fields where the header names 3" in rows[1]["feedback"]
    assert rows[1]["answer"] == ""  # a short row is never graded as the text "None"
    assert "missing question" in rows[3]["feedback"]


def test_a_huge_field_is_reported_on_its_line(tmp_path, capsys):
    source = tmp_path / "big.csv"
    source.write_text("id,question,answer\n1,nernst,x\n2,nernst," + "x" * 1_200_000 + "\n")
    assert main(["grade", str(source), "-o", str(tmp_path / "out.csv")]) == 2
    assert "line 3:" in capsys.readouterr().err


def test_nothing_a_student_types_makes_the_output_unwritable(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "question": "nernst", "answer": "\\ud800"}\n'
                      '{"id": 2, "question": "nernst", "answer": "RT/(zF) ln(c_o/c_i)\\u0007"}\n'
                      '{"id": 3, "question": "nernst", "answer": "RT/(zF) ln(c_o/c_i)"}\n')
    for name in ("out.csv", "out.jsonl"):
        assert main(["grade", str(source), "-o", str(tmp_path / name)]) == 0
    rows = read_csv(tmp_path / "out.csv")
    assert len(rows) == 3 and rows[0]["answer"] == "\ufffd"
    assert "shown as \ufffd" in rows[0]["feedback"]
    jsonl = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert jsonl[2]["verdict"] == "correct"


def test_output_to_a_folder_is_refused_before_grading(tmp_path, capsys):
    (tmp_path / "in.csv").write_text(CLEAN)
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_csv_has_a_bom_for_excel_unless_told_not_to(tmp_path):
    (tmp_path / "in.csv").write_text(CLEAN)
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(tmp_path / "a.csv")]) == 0
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(tmp_path / "b.csv"),
                 "--no-bom"]) == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert (tmp_path / "b.csv").read_bytes().startswith(b"id,")


def test_identical_answers_are_judged_once(tmp_path):
    lines = ["id,question,answer"] + [f"{i},nernst,RT/(zF) ln(c_o/c_i)" for i in range(200)]
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n")
    summary = grade.grade_file(tmp_path / "in.csv", tmp_path / "out.csv", jobs=2)
    assert summary.judged == 1 and summary.reused == 199 and summary.rows == 200
    assert {r["verdict"] for r in read_csv(tmp_path / "out.csv")} == {"correct"}


def _slow_or_crash(task):
    if task.answer == "SLEEP":
        time.sleep(30)
    if task.answer == "CRASH":
        os._exit(3)
    return grade._judge_original(task)


def test_a_hang_and_a_dead_worker_cost_one_row_each(tmp_path, monkeypatch):
    monkeypatch.setattr(grade, "_judge_original", grade._judge, raising=False)
    monkeypatch.setattr(grade, "_judge", _slow_or_crash)
    rows = [{"id": "1", "question": "nernst", "answer": "RT/(zF) ln(c_o/c_i)"},
            {"id": "slow", "question": "nernst", "answer": "SLEEP"},
            {"id": "3", "question": "nernst", "answer": "RT/(zF) ln(c_i/c_o)"},
            {"id": "crash", "question": "nernst", "answer": "CRASH"},
            {"id": "5", "question": "unknown_q", "answer": "x"}]
    started = time.perf_counter()
    graded = grade.grade_rows(rows, jobs=2, timeout=1.0)
    assert time.perf_counter() - started < 10
    assert [r["id"] for r in graded] == ["1", "slow", "3", "crash", "5"]
    assert [r["verdict"] for r in graded] == ["correct", "undecided", "incorrect",
                                              "undecided", "error"]
    assert "longer than 1 s" in graded[1]["feedback"]
    assert "was not judged" in graded[3]["feedback"]  # a dead worker never blames the student
    assert graded[3]["score"] is None and graded[3]["review"] is True


def _class_file(path: Path, n: int) -> None:
    answers = ["RT/(zF) ln(c_o/c_i)", "RT/(zF) ln(c_i/c_o)", "RT/F ln(c_o/c_i)",
               "-RT/(zF) ln(c_o/c_i)", "zF/(RT) ln(c_o/c_i)"]
    with path.open("w") as f:
        f.write("id,question,answer\n")
        for i in range(n):  # distinct answers, so each is judged (the cache cannot help)
            f.write(f"{i},nernst,{answers[i % 5]} + {i}*0\n")


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True, check=False).stdout
    return [int(x) for x in out.split()]


def test_sigkill_of_a_worker_and_sigint_then_resume_lose_and_reorder_nothing(tmp_path):
    source, out = tmp_path / "class.csv", tmp_path / "graded.csv"
    _class_file(source, 3000)
    command = [sys.executable, "-m", "symmem.cli", "grade", str(source), "-o", str(out),
               "--jobs", "2", "--quiet"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    journal = out.with_name(out.name + ".journal")
    deadline = time.monotonic() + 60
    while (not journal.exists() or journal.stat().st_size < 2000) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    assert workers, "no worker processes"
    os.kill(workers[0], signal.SIGKILL)  # a worker dies at a random moment
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "--resume" in err
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and
                "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert not out.exists() and journal.exists()
    done = sum(1 for _ in journal.open())
    assert 0 < done < 3000
    resumed = subprocess.run([*command, "--resume"], cwd=ROOT, capture_output=True, text=True,
                             timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed after {done} answers" in resumed.stdout
    rows = read_csv(out)
    assert [r["id"] for r in rows] == [str(i) for i in range(3000)]
    # the row whose worker was killed is undecided with a reason, or was graded normally
    assert all(r["verdict"] in ("correct", "incorrect", "undecided") for r in rows)
    assert [r["verdict"] for r in rows[:5]] != ["undecided"] * 5
    assert not journal.exists()


def test_stream_rows_never_reads_the_whole_file_at_once(tmp_path):
    source = tmp_path / "class.csv"
    _class_file(source, 2000)
    rows = stream_rows(source)
    first = next(rows)
    assert first.line == 2 and first.data["id"] == "0"
    assert sum(1 for _ in rows) == 1999


BOOK = ("id,student,email,question,answer,c_in,c_out,z\n"
        "1,ann,ann@uni.edu,nernst,RT/(zF) ln(c_i/c_o),,,\n"     # 0.5 (inverted ratio)
        "2,ann,ann@uni.edu,nernst,RT/(zF) ln(c_o/c_i),,,\n"     # 1: a second attempt, best kept
        "3,ann,ann@uni.edu,nernst_numeric,-89 mV,140,5,1\n"     # 1
        "4,bob,bob@uni.edu,nernst,zF/(RT) ln(c_o/c_i),,,\n"     # 0.25 (reciprocal)
        "5,bob,bob@uni.edu,nernst_numeric,-89 mV,14O,5,1\n")    # error: to review, not 0


def _graded_book(tmp_path: Path) -> Path:
    (tmp_path / "in.csv").write_text(BOOK)
    out = tmp_path / "graded.csv"
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(out)]) == 0
    return out


def test_the_plain_gradebook_has_each_students_best_scores_and_total(tmp_path):
    graded = _graded_book(tmp_path)
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(graded), "--gradebook",
                 str(tmp_path / "book.csv")]) == 0
    book = read_csv(tmp_path / "book.csv")
    assert list(book[0]) == ["student", "nernst", "nernst_numeric", "total", "to_review"]
    assert [(r["student"], r["nernst"], r["nernst_numeric"], r["total"], r["to_review"])
            for r in book] == [("ann", "1", "1", "2", "0"), ("bob", "0.25", "", "0.25", "1")]


def test_the_canvas_and_moodle_layouts_have_their_import_columns(tmp_path):
    from symmem.checking.gradebook import write_gradebook

    graded = _graded_book(tmp_path)
    write_gradebook(graded, tmp_path / "canvas.csv", layout="canvas")
    canvas = list(csv.reader((tmp_path / "canvas.csv").open(encoding="utf-8-sig")))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                         "symmem: nernst", "symmem: nernst_numeric", "symmem total"]
    assert canvas[1][0] == "Points Possible" and canvas[1][-1] == "2"
    assert canvas[2][1] == "ann" and canvas[2][-1] == "2"
    write_gradebook(graded, tmp_path / "moodle.csv", layout="moodle")
    moodle = list(csv.reader((tmp_path / "moodle.csv").open(encoding="utf-8-sig")))
    assert moodle[0] == ["ID number", "Email address", "nernst", "nernst_numeric", "Total"]
    assert moodle[2] == ["bob", "bob@uni.edu", "0.25", "", "0.25"]


def _report(tmp_path: Path) -> Path:
    rows = ["id,question,answer"]
    wrong = ["RT/(zF) ln(c_i/c_o)", "-RT/(zF) ln(c_o/c_i)", "RT/(zF) (ln c_i - ln c_o)",
             "zF/(RT) ln(c_o/c_i)", "<img src=x onerror=alert(1)>"]
    for i in range(60):
        rows.append(f'{i},nernst,"{wrong[i % 5] if i % 3 else "RT/(zF) ln(c_o/c_i)"}"')
    (tmp_path / "in.csv").write_text("\n".join(rows) + "\n")
    report = tmp_path / "report.html"
    assert main(["grade", str(tmp_path / "in.csv"), "-o", str(tmp_path / "g.csv"),
                 "--report", str(report)]) == 0
    return report


def test_the_report_groups_wrong_answers_by_equivalence_and_loads_nothing(tmp_path):
    page = _report(tmp_path).read_text(encoding="utf-8")
    # three spellings of the same wrong answer are one group; the reciprocal is another
    assert "Wrong answers, grouped (2 groups)" in page
    assert page.count("<svg") >= 3  # the histogram and a formula per group
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    for forbidden in ("http://", "https://", "<script", "<link"):
        assert forbidden not in page.replace("http://www.w3.org/", ""), forbidden
    assert not re.search(r"<[a-z]+[^>]*\s(src|href)=", page)  # nothing to load
    assert "Rows to review" in page and "invalid" in page


def test_the_report_counts_rows_to_review_as_the_summary_does(tmp_path, capsys):
    # one answer judged and one empty (invalid) answer: the summary
    # says 0 to review and 1 invalid, and the report must not call the invalid one a
    # review=yes row
    source = tmp_path / "in.csv"
    source.write_text("id,question,answer\n1,nernst,RT/(zF) ln(c_o/c_i)\n2,nernst,\n")
    report = tmp_path / "report.html"
    assert main(["grade", str(source), "-o", str(tmp_path / "g.csv"), "--report",
                 str(report)]) == 0
    summary = capsys.readouterr().out
    assert "0 to review (review=yes); 1 invalid" in summary
    page = report.read_text(encoding="utf-8")
    assert "0 to review (review=yes" in page and "1 invalid (unreadable or empty" in page


@pytest.mark.skipif(chromium() is None and os.environ.get("CI") != "true",
                    reason="chromium is not installed (CI installs it)")
def test_the_report_renders_offline_in_headless_chromium(tmp_path):
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://127.0.0.1:9/x.png">x</body></html>')
    _, asked = open_page(control, tmp_path, "control")
    assert "http://127.0.0.1:9/x.png" in asked  # the check does see a page's requests
    shot, asked = open_page(_report(tmp_path), tmp_path, "report")
    assert Path(shot).exists() and Path(shot).stat().st_size > 20_000
    assert not asked, asked


VARY = '''
[ek_value]
prompt = "Compute E_K in mV for your [K+]i and [K+]o at 37 C."
law = "nernst"
params = { c_in = 150, c_out = 5.5, z = 1 }
vary = { c_out = [3, 8], c_in = [120, 160] }
unit = "mV"
tolerance = "1%"
'''


def test_each_student_gets_their_own_numbers_and_is_graded_with_them(tmp_path, capsys):
    from symmem.laws import law

    (tmp_path / "q.toml").write_text(VARY)
    (tmp_path / "roster.csv").write_text("student,email\nann,a@x\nbob,b@x\n")
    command = ["variants", "--questions", str(tmp_path / "q.toml"), "--students",
               str(tmp_path / "roster.csv"), "--seed", "2026", "-o"]
    assert main([*command, str(tmp_path / "v1.csv")]) == 0
    assert main([*command, str(tmp_path / "v2.csv")]) == 0
    assert (tmp_path / "v1.csv").read_bytes() == (tmp_path / "v2.csv").read_bytes()
    key = read_csv(tmp_path / "v1.csv")
    assert [r["student"] for r in key] == ["ann", "bob"]
    for row in key:
        c_in, c_out = float(row["c_in"]), float(row["c_out"])
        assert 120 <= c_in <= 160 and 3 <= c_out <= 8
        # the key is the law at the student's numbers, recomputed here
        assert float(row["answer"]) == pytest.approx(
            law("nernst").numeric(c_in=c_in, c_out=c_out, z=1), abs=0.01)
    assert key[0]["c_in"] != key[1]["c_in"]
    answers = tmp_path / "answers.csv"
    answers.write_text("id,student,question,answer\n"
                       f"1,ann,ek_value,{key[0]['answer']} mV\n"
                       f"2,bob,ek_value,{key[0]['answer']} mV\n"   # ann's number: wrong for bob
                       "3,dan,ek_value,-88 mV\n")                  # no variant for dan
    out = tmp_path / "graded.csv"
    assert main(["grade", str(answers), "--questions", str(tmp_path / "q.toml"),
                 "--variants", str(tmp_path / "v1.csv"), "-o", str(out)]) == 0
    rows = read_csv(out)
    assert [r["verdict"] for r in rows] == ["correct", "incorrect", "error"]
    assert "no variant of ek_value for student 'dan'" in rows[2]["feedback"]


@pytest.mark.parametrize(("vary", "says"), [
    ("{ c_ot = [3, 8] }", "c_ot is not an input of nernst"),
    ("{ c_out = [8, 3] }", "low < high"),
    ("{ c_out = [0, 8] }", "a variant at the end of its range is refused"),
])
def test_bad_ranges_are_refused_with_the_key(tmp_path, vary, says):
    from symmem.checking.question_file import QuestionFileError, load_questions

    path = tmp_path / "q.toml"
    path.write_text(VARY.replace("{ c_out = [3, 8], c_in = [120, 160] }", vary))
    with pytest.raises(QuestionFileError, match=says):
        load_questions(path)


def test_shards_graded_apart_and_merged_equal_one_run(tmp_path):
    source = tmp_path / "class.csv"
    _class_file(source, 101)
    assert main(["grade", str(source), "-o", str(tmp_path / "whole.csv"), "--quiet"]) == 0
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}.csv"
        assert main(["grade", str(source), "--shard", f"{k}/3", "-o", str(part),
                     "--quiet"]) == 0
        parts.append(str(part))
    assert [len(read_csv(Path(p))) for p in parts] == [33, 34, 34]
    assert main(["merge", *parts, "-o", str(tmp_path / "merged.csv")]) == 0
    whole, merged = read_csv(tmp_path / "whole.csv"), read_csv(tmp_path / "merged.csv")
    keys = ("id", "answer", "verdict", "score", "mistakes", "feedback")
    assert [[r[k] for k in keys] for r in merged] == [[r[k] for k in keys] for r in whole]
    assert main(["grade", str(source), "--shard", "4/3", "-o", str(tmp_path / "x.csv")]) == 2
