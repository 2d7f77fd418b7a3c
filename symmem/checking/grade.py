"""Grade a class: every answer of a CSV or JSON-lines file, in worker processes.

Each answer runs in a worker process under a time limit; a worker that runs out of
time is killed and replaced, and its row gets ``undecided`` with the reason; a worker
that dies gives ``invalid``. No row is ever lost, and the output keeps the input order.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from symmem.errors import GradeInputError, InputError, UnknownNameError
from symmem.files import write_atomic

__all__ = ["GradeInputError", "grade_rows", "read_rows", "write_rows"]

REQUIRED = ("id", "question", "answer")
OUTPUT_FIELDS = ("verdict", "score", "feedback", "mistakes", "elapsed_ms")




def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a CSV file (with a header) or a JSON-lines file (``.jsonl``/``.json``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GradeInputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                              ) from None
    rows: list[dict[str, Any]] = []
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GradeInputError(f"{path} line {number}: not valid JSON ({exc.msg})"
                                      ) from None
            if not isinstance(row, dict):
                raise GradeInputError(f"{path} line {number}: expected an object with "
                                      f"{', '.join(REQUIRED)}")
            rows.append(_checked(row, path, number))
        return rows
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [f for f in REQUIRED if f not in (reader.fieldnames or [])]
    if missing:
        raise GradeInputError(f"{path} line 1: the header lacks {', '.join(missing)} (it must "
                              f"name the columns {', '.join(REQUIRED)})")
    try:
        for row in reader:
            if None in row:
                raise GradeInputError(f"{path} line {reader.line_num}: more fields than the "
                                      "header names (quote answers that contain commas)")
            rows.append(_checked(row, path, reader.line_num))
    except csv.Error as exc:
        raise GradeInputError(f"{path} line {reader.line_num}: {exc}") from None
    return rows


def _checked(row: dict[str, Any], path: Path, number: int) -> dict[str, Any]:
    missing = [f for f in REQUIRED if row.get(f) in (None, "") and f != "answer"]
    if missing or "answer" not in row:
        raise GradeInputError(f"{path} line {number}: missing {', '.join(missing or ['answer'])}")
    return row


def _params(row: dict[str, Any]) -> dict[str, float]:
    params = {}
    for key, value in row.items():
        if key in (*REQUIRED, "format", *OUTPUT_FIELDS) or value in (None, ""):
            continue
        try:
            params[key] = float(value)
        except (TypeError, ValueError):
            continue
    return params


#: the lecturer's questions for this run (set before the workers fork)
_QUESTIONS: dict[str, Any] | None = None


def _question_params(name: str, row: dict[str, Any]) -> dict[str, float]:
    """The row's values for the inputs the question's law declares, and nothing else."""
    from symmem.checking.questions import question
    from symmem.laws import law

    q = question(name, _QUESTIONS)
    if not q.numeric:
        return {}
    declared = {p.name for p in law(q.law_name).parameters({**q.defaults, **_params(row)})}
    return {k: v for k, v in _params(row).items() if k in declared}


def _judge(row: dict[str, Any]) -> dict[str, Any]:
    from symmem.checking import check

    started = time.perf_counter()
    try:
        name = str(row["question"])
        result = check(name, str(row["answer"]), format=str(row.get("format") or "auto"),
                       questions=_QUESTIONS, **_question_params(name, row))
        out = {"verdict": result.verdict, "score": result.score, "feedback": result.feedback,
               "mistakes": result.mistakes}
    except (InputError, UnknownNameError) as exc:  # the row's inputs, not the student's answer
        out = {"verdict": "error", "score": 0.0, "feedback": str(exc), "mistakes": []}
    except KeyError as exc:
        out = {"verdict": "invalid", "score": 0.0, "feedback": str(exc.args[0]),
               "mistakes": []}
    except Exception as exc:  # a bug must cost one row, never the class
        out = {"verdict": "undecided", "score": 0.0,
               "feedback": f"the checker failed on this answer ({type(exc).__name__})",
               "mistakes": []}
    out["elapsed_ms"] = round((time.perf_counter() - started) * 1e3, 2)
    return out


def _worker(conn: Connection) -> None:
    while True:
        try:
            row = conn.recv()
        except EOFError:
            return
        conn.send(_judge(row))


class _Pool:
    def __init__(self, jobs: int) -> None:
        self.context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self.workers = [self._spawn() for _ in range(jobs)]

    def _spawn(self) -> tuple[Any, Connection]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child,), daemon=True)
        process.start()
        child.close()
        return process, parent

    def replace(self, index: int) -> None:
        process, conn = self.workers[index]
        process.kill()
        process.join(1)
        conn.close()
        self.workers[index] = self._spawn()

    def close(self) -> None:
        for process, conn in self.workers:
            conn.close()
            process.kill()
            process.join(1)


def grade_rows(rows: list[dict[str, Any]], jobs: int = 2, timeout: float = 5.0,
               progress: Callable[[int], None] | None = None,
               questions: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Judge every row; returns the rows with the output fields, in input order.

    ``questions`` (a lecturer's question file, loaded) is searched before the bundled
    bank. Only the columns named after a numeric question's declared inputs are passed
    to it; every other column (student number, attempt …) is left alone.
    """
    global _QUESTIONS
    from symmem.checking import judge  # warm up before forking

    _QUESTIONS = questions

    judge.check("nernst", "RT/(zF) ln(c_o/c_i)")
    results: list[dict[str, Any] | None] = [None] * len(rows)
    pool = _Pool(max(1, jobs))
    pending = list(range(len(rows)))[::-1]
    busy: dict[int, tuple[int, float]] = {}  # worker index -> (row index, deadline)
    try:
        while pending or busy:
            for index in range(len(pool.workers)):
                if index not in busy and pending:
                    row = pending.pop()
                    pool.workers[index][1].send(rows[row])
                    busy[index] = (row, time.monotonic() + timeout)
            now = time.monotonic()
            soonest = min(deadline for _, deadline in busy.values())
            ready = wait([pool.workers[i][1] for i in busy], timeout=max(0.0, soonest - now))
            for index in list(busy):
                row, deadline = busy[index]
                conn = pool.workers[index][1]
                outcome: dict[str, Any] | None = None
                if conn in ready:
                    try:
                        outcome = conn.recv()
                    except (EOFError, OSError):
                        outcome = {"verdict": "invalid", "score": 0.0, "mistakes": [],
                                   "feedback": "the checker process stopped on this answer",
                                   "elapsed_ms": None}
                        pool.replace(index)
                elif time.monotonic() >= deadline:
                    outcome = {"verdict": "undecided", "score": 0.0, "mistakes": [],
                               "feedback": f"took longer than {timeout:g} s; not judged",
                               "elapsed_ms": round(timeout * 1e3, 2)}
                    pool.replace(index)
                if outcome is not None:
                    results[row] = {**rows[row], **outcome}
                    del busy[index]
                    if progress:
                        progress(1)
    finally:
        pool.close()
    return [r for r in results if r is not None]


def write_rows(rows: list[dict[str, Any]], path: Path) -> None:
    """Write CSV or JSON lines (by the suffix), atomically."""
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    else:
        fields: list[str] = []
        for row in rows:
            fields += [k for k in row if k not in fields]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (";".join(v) if isinstance(v, list) else v)
                             for k, v in row.items()})
        text = buffer.getvalue()
    write_atomic(path, text)
