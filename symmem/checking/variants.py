"""Variants: each student gets their own numbers for a numeric question, with a key.

A question of a question file declares the ranges of its inputs::

    [ek_value]
    law = "nernst"
    params = { c_in = 150, c_out = 5.5, z = 1 }
    vary = { c_out = [3, 8], c_in = [120, 160] }
    vary_digits = 1

``symmem variants --questions FILE --students roster.csv --seed S -o variants.csv``
writes one row per student and question: the student, the question, each input (the
varied ones drawn from their ranges, the rest as the question gives them) and the
right answer. The values depend only on the seed, the student and the question, so
the same command gives the same file. ``symmem grade --variants variants.csv`` grades
each row with that student's numbers.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from symmem.checking.questions import Question
from symmem.errors import GradeInputError
from symmem.files import atomic_writer

__all__ = ["load_variants", "variant", "write_variants"]


def variant(q: Question, student: str, seed: int) -> dict[str, float]:
    """The inputs of ``q`` for ``student``: the same for the same seed, every time."""
    digest = hashlib.sha256(f"{seed}\x1f{q.name}\x1f{student}".encode()).hexdigest()
    rng = random.Random(int(digest[:16], 16))
    values = {k: float(v) for k, v in q.defaults.items()}
    for name, (low, high) in sorted(q.vary.items()):
        values[name] = round(rng.uniform(low, high), q.vary_digits)
    return values


def _students(roster: Path, column: str | None) -> list[str]:
    rows = list(stream_rows_any(roster))
    if not rows:
        raise GradeInputError(f"{roster}: no students")
    names = list(rows[0])
    chosen = column or next((c for c in ("student", "Student", "username", "email", "id")
                             if c in names), None)
    if chosen is None or chosen not in names:
        raise GradeInputError(f"{roster}: no student column (columns: {', '.join(names)}); "
                              "name one with --student-column")
    students = [str(r[chosen]).strip() for r in rows if str(r.get(chosen, "")).strip()]
    return list(dict.fromkeys(students))


def stream_rows_any(path: Path) -> list[dict[str, Any]]:
    """The rows of a roster: any CSV (the columns id/question/answer are not needed)."""
    from symmem.checking.grade_input import _dialect

    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, dialect=_dialect(path)))


def write_variants(questions: Mapping[str, Question], roster: Path, seed: int, output: Path,
                   *, student_column: str | None = None) -> tuple[int, int]:
    """Write every student's variant of every question that varies; returns (students,
    questions)."""
    varied = [q for q in questions.values() if q.numeric and q.vary]
    if not varied:
        raise GradeInputError("no question of the file declares vary = { ... } ranges")
    students = _students(roster, student_column)
    inputs = sorted({k for q in varied for k in (*q.defaults, *q.vary)})
    with atomic_writer(output, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(["student", "question", *inputs, "answer", "unit"])
        for student in students:
            for q in varied:
                values = variant(q, student, seed)
                writer.writerow([student, q.name, *(values.get(k, "") for k in inputs),
                                 f"{q.expected(**values):.4g}", q.unit])
    return len(students), len(varied)


def load_variants(path: Path) -> dict[tuple[str, str], dict[str, float]]:
    """{(student, question): inputs} from a variants file."""
    out: dict[tuple[str, str], dict[str, float]] = {}
    for row in stream_rows_any(path):
        student, name = str(row.get("student", "")).strip(), str(row.get("question", "")).strip()
        if not student or not name:
            raise GradeInputError(f"{path}: every row needs student and question")
        out[(student, name)] = {k: float(v) for k, v in row.items()
                                if k not in ("student", "question", "answer", "unit") and
                                v not in (None, "")}
    return out
