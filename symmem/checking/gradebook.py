"""A gradebook from a graded class: one row per student, a column per question, a total.

Layouts (``--format``):

* ``plain`` — ``student``, one column per question, ``total``, ``to_review``;
* ``canvas`` — Canvas's gradebook import: ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per question (``symmem: QUESTION``)
  and ``symmem total``, with the ``Points Possible`` row Canvas exports and reads
  back. Canvas matches students by ``ID``, ``SIS User ID`` or ``SIS Login ID``; the
  student column fills ``ID`` and the export's own columns (``sis_user_id``,
  ``sis_login_id``, ``section``, ``name``) fill the others when present;
* ``moodle`` — Moodle's "Import grades from CSV": ``ID number`` (the student column),
  ``Email address`` (from an ``email`` column when present), one column per question
  and ``Total``; in the import form, map ``ID number`` to the user's ID number and each
  question column to a grade item.

A student who answered a question several times gets their best score. A question
whose answers all need review (``undecided``, ``error``) is left empty, never 0, and
counted in ``to_review``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from symmem.checking.grade_input import stream_rows
from symmem.errors import GradeInputError
from symmem.files import atomic_writer

__all__ = ["gradebook_rows", "write_gradebook"]

LAYOUTS = ("plain", "canvas", "moodle")


def _student_column(columns: Iterable[str], chosen: str | None) -> str:
    columns = list(columns)
    if chosen:
        if chosen not in columns:
            raise GradeInputError(f"no column {chosen!r} to name the students (columns: "
                                  f"{', '.join(columns)})")
        return chosen
    for name in ("student", "Student", "username", "Username", "email"):
        if name in columns:
            return name
    return "id"


def _score(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def gradebook_rows(graded: Iterable[dict[str, Any]], student_column: str
                   ) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """(the questions in order of first appearance, {student: {question: best score,
    "_review": count, "_row": the student's first row}})"""
    questions: list[str] = []
    book: dict[str, dict[str, Any]] = {}
    for row in graded:
        student = str(row.get(student_column, "")).strip()
        name = str(row.get("question", "")).strip()
        if not student or not name:
            continue
        if name not in questions:
            questions.append(name)
        entry = book.setdefault(student, {"_review": 0, "_row": row})
        score = _score(row.get("score"))
        if score is None and str(row.get("verdict")) in ("undecided", "error"):
            entry["_review"] += 1
        if score is not None and (entry.get(name) is None or score > entry[name]):
            entry[name] = score
        else:
            entry.setdefault(name, None)
    return questions, book


def _total(entry: dict[str, Any], questions: list[str]) -> float:
    return round(sum(entry.get(q) or 0.0 for q in questions), 4)


def _value(score: float | None) -> str:
    return "" if score is None else f"{score:g}"


def write_gradebook(graded_file: Path, path: Path, *, layout: str = "plain",
                    student_column: str | None = None) -> int:
    """Write the gradebook of a graded file (CSV or JSON lines) to ``path``; returns the
    number of students."""
    if layout not in LAYOUTS:
        raise GradeInputError(f"unknown gradebook layout {layout!r}; use {', '.join(LAYOUTS)}")
    first = next(stream_rows(graded_file), None)
    column = _student_column(first.data if first else ["id"], student_column)
    questions, book = gradebook_rows((r.data for r in stream_rows(graded_file)), column)
    with atomic_writer(path, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        if layout == "plain":
            writer.writerow([column, *questions, "total", "to_review"])
            for student, entry in book.items():
                writer.writerow([student, *(_value(entry.get(q)) for q in questions),
                                 f"{_total(entry, questions):g}", entry["_review"]])
        elif layout == "canvas":
            titles = [f"symmem: {q}" for q in questions]
            writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                             *titles, "symmem total"])
            writer.writerow(["Points Possible", "", "", "", "", *(["1"] * len(questions)),
                             str(len(questions))])
            for student, entry in book.items():
                row = entry["_row"]
                writer.writerow([row.get("name", student), student, row.get("sis_user_id", ""),
                                 row.get("sis_login_id", ""), row.get("section", ""),
                                 *(_value(entry.get(q)) for q in questions),
                                 f"{_total(entry, questions):g}"])
        else:
            writer.writerow(["ID number", "Email address", *questions, "Total"])
            for student, entry in book.items():
                writer.writerow([student, entry["_row"].get("email", ""),
                                 *(_value(entry.get(q)) for q in questions),
                                 f"{_total(entry, questions):g}"])
    return len(book)
