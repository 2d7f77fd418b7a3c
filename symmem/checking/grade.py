"""Grade a class: every answer of a CSV or JSON-lines file, in worker processes.

Rows stream from the file in order. Each distinct (question, answer, inputs, format)
is judged once per run; the same answer from another student reuses the verdict.
Each judgement runs in a worker process under a time limit: a worker that runs out of
time is killed and replaced (the row is ``undecided``, with the reason), and so is one
that dies (``undecided`` too: the answer was not judged). Workers die with the parent.

Results go to a journal beside the output (``OUTPUT.journal``) in input order as they
finish, so nothing graded is lost: SIGINT or SIGTERM stop cleanly with a message, and
``resume=True`` continues from the journal. At the end the output is written
atomically and the journal removed.

Inputs of numeric questions come only from the columns named after the question's
declared parameters (or the columns given as ``param_columns``); every other column
passes through untouched. A value that is not a number, or out of range (z = 0, T in
°C), makes that row ``error``, naming the column and the value.
"""

from __future__ import annotations

import ctypes
import json
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from symmem.checking.grade_input import REQUIRED, Row, Wide, from_rich_text, stream_rows
from symmem.checking.grade_output import REVIEW, clean_row, journal_rows, write_output
from symmem.errors import GradeInputError, InputError, UnknownNameError, UsageError

__all__ = ["GradeInputError", "Summary", "grade_file", "grade_rows", "merge_files"]

#: the lecturer's questions for this run (set before the workers fork)
_QUESTIONS: dict[str, Any] | None = None
#: each student's inputs for numeric questions: {(student, question): inputs}
_VARIANTS: dict[tuple[str, str], dict[str, float]] = {}
_STUDENT_COLUMN: str | None = None


# --- what a row asks -----------------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    """What one row asks the checker: hashable, so identical answers are judged once."""

    question: str
    answer: str
    format: str
    params: tuple[tuple[str, float], ...]


def _number(column: str, value: Any) -> float:
    if isinstance(value, bool):
        raise InputError(f"column {column}: {value!r} is not a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        from symmem.units import UnitError, with_decimal_point

        text = str(value).strip().replace("\u2212", "-")
        try:
            text = with_decimal_point(text)  # 5,5 from a European spreadsheet
        except UnitError as exc:
            raise InputError(f"column {column}: {exc}") from None
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"column {column}: {str(value)!r} is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"column {column}: {value!r} is not a finite number")
    return number


@cache
def _declared(law_name: str) -> frozenset[str]:
    """Every input a law may take (for GHK voltage, those of all its ions)."""
    from symmem.laws import law

    return frozenset(p.name for p in law(law_name).parameters())


def task_of(row: Row, param_columns: tuple[str, ...] | None = None) -> Task:
    """The task of a row; raises InputError or UnknownNameError naming what is wrong."""
    from symmem.checking.questions import question
    from symmem.laws import law

    if row.problem:
        raise InputError(row.problem)
    name = str(row.data["question"]).strip()
    q = question(name, _QUESTIONS)
    answer = row.data.get("answer")
    answer = "" if answer is None else from_rich_text(str(answer))
    params: dict[str, float] = {}
    if q.numeric and _VARIANTS:
        student = str(row.data.get(_STUDENT_COLUMN or "student",
                                   row.data.get("id", ""))).strip()
        if (student, q.name) not in _VARIANTS:
            raise InputError(f"no variant of {q.name} for student {student!r} in the "
                             "variants file")
        params = dict(_VARIANTS[(student, q.name)])
    elif q.numeric:
        declared = _declared(q.law_name)
        wanted = declared if param_columns is None else declared & set(param_columns)
        for column in sorted(wanted):
            value = row.data.get(column)
            if value is None or str(value).strip() == "":
                continue
            params[column] = _number(column, value)
        if params:
            law(q.law_name).numeric(**{**q.defaults, **params})  # refuses z = 0, T = 37 …
    return Task(q.name, answer.strip(), str(row.data.get("format") or "auto"),
                tuple(sorted(params.items())))


def _judge(task: Task) -> dict[str, Any]:
    """Judge one task (in a worker): the output fields."""
    from symmem.checking import check

    started = time.perf_counter()
    try:
        result = check(task.question, task.answer, format=task.format, questions=_QUESTIONS,
                       **dict(task.params))
        out = {"verdict": result.verdict, "score": result.score,
               "feedback": result.feedback, "mistakes": result.mistakes}
    except (InputError, UnknownNameError) as exc:  # the row's inputs, not the student's answer
        out = {"verdict": "error", "score": None, "feedback": str(exc), "mistakes": []}
    except Exception as exc:  # a bug must cost one row, never the class
        out = {"verdict": "undecided", "score": None,
               "feedback": f"the checker failed on this answer ({type(exc).__name__})",
               "mistakes": []}
    out["elapsed_ms"] = round((time.perf_counter() - started) * 1e3, 2)
    return out


# --- workers ---------------------------------------------------------------------------------
def _die_with_parent(parent: int) -> None:
    """Make this worker end when the grading process ends, however it ends."""
    try:  # Linux: the kernel sends SIGKILL when the parent dies
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _worker(conn: Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_judge(task))


class _Pool:
    def __init__(self, jobs: int) -> None:
        self.context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self.workers = [self._spawn() for _ in range(jobs)]

    def _spawn(self) -> tuple[Any, Connection]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child, os.getpid()), daemon=True)
        process.start()
        child.close()
        return process, parent

    def send(self, index: int, task: Task) -> None:
        """Send a task; a worker that died while idle is replaced and the task resent."""
        try:
            self.workers[index][1].send(task)
        except (BrokenPipeError, EOFError, OSError):
            self.replace(index)
            self.workers[index][1].send(task)

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
        for process, _ in self.workers:
            process.join(1)


# --- the run -----------------------------------------------------------------------------------
@dataclass
class Summary:
    """What a run did: counts by verdict, rows to review, and how long it took."""

    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    judged: int = 0  # distinct answers actually judged
    reused: int = 0  # answers identical to one judged earlier in the run
    seconds: float = 0.0
    stopped: str = ""  # the signal that stopped the run, if one did
    resumed: int = 0  # rows taken from an earlier run's journal

    @property
    def review(self) -> int:
        """Rows with review=yes in the output: no score until a person looks."""
        return sum(n for v, n in self.counts.items() if v in REVIEW)

    def line(self, output: Path) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in sorted(self.counts.items()))
        rate = self.rows / self.seconds if self.seconds else 0.0
        where = f" -> {output}" if not self.stopped else ""
        invalid = self.counts.get("invalid", 0)
        unread = (f"; {invalid} invalid (unreadable or empty, scored 0: each feedback "
                  "says why)") if invalid else ""
        return (f"graded {self.rows} answers{where} ({counts or 'no rows'}); "
                f"{self.review} to review (review=yes){unread}; {self.judged} judged and "
                f"{self.reused} identical to an answer judged before; {rate:.0f} answers/s")


class _Stop:
    """SIGINT/SIGTERM while grading: finish cleanly instead of dying."""

    def __init__(self) -> None:
        self.signal = ""
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._note)
        return self

    def _note(self, signum: int, frame: Any) -> None:
        self.signal = signal.Signals(signum).name

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


def _error_row(row: Row, message: str) -> dict[str, Any]:
    return {**row.data, "verdict": "error", "score": None, "review": True,
            "feedback": message, "mistakes": [], "elapsed_ms": 0.0}


def _finish(row: Row, out: dict[str, Any]) -> dict[str, Any]:
    verdict = out["verdict"]
    score = None if verdict in REVIEW else out.get("score")
    return clean_row({**row.data, **out, "score": score, "review": verdict in REVIEW})


def grade_stream(rows: Iterable[Row], emit: Callable[[dict[str, Any]], None], *,
                 jobs: int = 2, timeout: float = 5.0, param_columns: tuple[str, ...] | None = None,
                 progress: Callable[[int], None] | None = None,
                 stop: _Stop | None = None, start: int = 0) -> Summary:
    """Judge ``rows`` and call ``emit`` with each graded row, in input order.

    ``start`` is the index of the first row (rows already graded come before it).
    """
    from symmem.checking import judge  # warm up before forking

    judge.check("nernst", "RT/(zF) ln(c_o/c_i)")
    summary = Summary()
    started = time.perf_counter()
    cache: dict[Task, dict[str, Any]] = {}
    waiting: dict[Task, list[int]] = {}  # tasks in flight -> rows waiting for them
    done: dict[int, dict[str, Any]] = {}  # finished rows not yet emitted
    rows_by_index: dict[int, Row] = {}
    queue: list[Task] = []
    next_out = start
    source = iter(rows)
    exhausted = False
    pool = _Pool(max(1, jobs))
    busy: dict[int, tuple[Task, float]] = {}

    def complete(index: int, graded: dict[str, Any]) -> None:
        nonlocal next_out
        done[index] = graded
        while next_out in done:
            row = done.pop(next_out)
            rows_by_index.pop(next_out, None)
            emit(row)
            summary.rows += 1
            summary.counts[row["verdict"]] = summary.counts.get(row["verdict"], 0) + 1
            next_out += 1
            if progress:
                progress(1)

    def resolve(task: Task, out: dict[str, Any]) -> None:
        cache[task] = out
        for index in waiting.pop(task, []):
            complete(index, _finish(rows_by_index[index], out))

    try:
        while True:
            if stop is not None and stop.signal:
                summary.stopped = stop.signal
                break
            # read ahead while there is room: a few rows per worker, never the whole file
            while not exhausted and len(rows_by_index) < 8 * len(pool.workers) + 64:
                try:
                    row = next(source)
                except StopIteration:
                    exhausted = True
                    break
                index = row.index
                rows_by_index[index] = row
                try:
                    task = task_of(row, param_columns)
                except (InputError, UnknownNameError) as exc:
                    complete(index, clean_row(_error_row(row, str(exc))))
                    continue
                if task in cache:
                    summary.reused += 1
                    complete(index, {**_finish(row, cache[task]), "elapsed_ms": 0.0})
                elif task in waiting:
                    summary.reused += 1
                    waiting[task].append(index)
                else:
                    waiting[task] = [index]
                    queue.append(task)
            for worker in range(len(pool.workers)):
                if worker not in busy and queue:
                    task = queue.pop(0)
                    pool.send(worker, task)
                    busy[worker] = (task, time.monotonic() + timeout)
                    summary.judged += 1
            if not busy:
                if exhausted and not queue:
                    break
                continue
            soonest = min(deadline for _, deadline in busy.values())
            ready = wait([pool.workers[i][1] for i in busy],
                         timeout=min(0.25, max(0.0, soonest - time.monotonic())))
            for worker in list(busy):
                task, deadline = busy[worker]
                conn = pool.workers[worker][1]
                out: dict[str, Any] | None = None
                if conn in ready:
                    try:
                        out = conn.recv()
                    except (EOFError, OSError):
                        out = {"verdict": "undecided", "score": None, "mistakes": [],
                               "feedback": "the checker process stopped while judging this "
                                           "answer; it was not judged", "elapsed_ms": None}
                        pool.replace(worker)
                elif time.monotonic() >= deadline:
                    out = {"verdict": "undecided", "score": None, "mistakes": [],
                           "feedback": f"took longer than {timeout:g} s; not judged",
                           "elapsed_ms": round(timeout * 1e3, 2)}
                    pool.replace(worker)
                if out is not None:
                    del busy[worker]
                    resolve(task, out)
    finally:
        pool.close()
    if not summary.stopped and (done or rows_by_index):
        raise RuntimeError(f"grading ended with {len(done) + len(rows_by_index)} rows not "
                           "written; this is a bug in symmem, please report it")
    summary.seconds = time.perf_counter() - started
    return summary


def _journal_path(output: Path) -> Path:
    return output.with_name(output.name + ".journal")


def grade_file(source: Path, output: Path, *, jobs: int = 2, timeout: float = 5.0,
               questions: dict[str, Any] | None = None,
               param_columns: tuple[str, ...] | None = None, strict: bool = False,
               resume: bool = False, bom: bool = True,
               progress: Callable[[int], None] | None = None,
               variants: dict[tuple[str, str], dict[str, float]] | None = None,
               student_column: str | None = None,
               shard: tuple[int, int] | None = None, wide: Wide | None = None) -> Summary:
    """Grade ``source`` into ``output`` (see the module docstring). With ``variants``
    each numeric question takes the inputs of the row's student (``student_column``,
    default ``student``, else ``id``). With ``wide``, ``source`` is a responses report
    (one row per student, a column per question), graded one answer per row."""
    global _QUESTIONS, _VARIANTS, _STUDENT_COLUMN
    _QUESTIONS, _VARIANTS, _STUDENT_COLUMN = questions, dict(variants or {}), student_column
    source, output = Path(source), Path(output)
    if output.is_dir():
        raise UsageError(f"-o {output} is a folder; give a file name such as graded.csv")
    if output.resolve() == source.resolve():
        raise UsageError("the output would overwrite the input; give another -o")
    if not output.parent.is_dir():
        raise UsageError(f"no folder {output.parent} for the output")
    if strict:
        _refuse_bad_rows(source, param_columns, wide)
    low, high = 0, None
    if shard is not None:  # shard K of N: the K-th of N contiguous blocks of rows
        part, parts = shard
        if not 1 <= part <= parts:
            raise UsageError(f"--shard {part}/{parts}: K must be from 1 to N")
        total = sum(1 for _ in stream_rows(source, wide))
        low, high = (part - 1) * total // parts, part * total // parts
    journal = _journal_path(output)
    earlier = list(journal_rows(journal)) if resume else []
    if not resume:
        journal.unlink(missing_ok=True)
    columns = _columns(source, wide)
    with journal.open("a" if resume else "w", encoding="utf-8") as log, _Stop() as stop:
        if resume:  # drop a line a crash cut short, then continue after the last whole one
            log.seek(0)
            log.truncate(0)
            for row in earlier:
                log.write(json.dumps(row, ensure_ascii=False) + "\n")
            log.flush()

        def emit(row: dict[str, Any]) -> None:
            log.write(json.dumps(row, ensure_ascii=False) + "\n")
            log.flush()

        first = low + len(earlier)
        rows = (r for r in stream_rows(source, wide)
                if r.index >= first and (high is None or r.index < high))
        summary = grade_stream(rows, emit, jobs=jobs, timeout=timeout,
                               param_columns=param_columns, progress=progress, stop=stop,
                               start=first)
    summary.resumed = len(earlier)
    for row in earlier:
        summary.rows += 1
        summary.counts[row["verdict"]] = summary.counts.get(row["verdict"], 0) + 1
    if summary.stopped:
        return summary
    write_output(journal_rows(journal), columns, output, bom=bom)
    journal.unlink(missing_ok=True)
    return summary


def merge_files(parts: list[Path], output: Path, *, bom: bool = True) -> int:
    """Join graded shards (in the order given) into one file, atomically; returns rows."""
    columns: list[str] | None = None
    for part in parts:
        first = next(stream_rows(part), None)
        if first is None:
            continue
        if columns is None:
            columns = list(first.data)
        elif list(first.data) != columns:
            raise GradeInputError(f"{part}: its columns differ from {parts[0]}'s")

    def rows() -> Iterator[dict[str, Any]]:
        for part in parts:
            for row in stream_rows(part):
                yield row.data

    return write_output(rows(), columns or list(REQUIRED), output, bom=bom)


def _columns(source: Path, wide: Wide | None = None) -> list[str]:
    first = next(stream_rows(source, wide), None)
    return list(first.data) if first is not None else list(REQUIRED)


def _refuse_bad_rows(source: Path, param_columns: tuple[str, ...] | None,
                     wide: Wide | None = None) -> None:
    bad = []
    for row in stream_rows(source, wide):
        try:
            task_of(row, param_columns)
        except (InputError, UnknownNameError) as exc:
            bad.append(f"line {row.line}: {exc}")
    if bad:
        shown = "\n  ".join(bad[:20]) + (f"\n  … and {len(bad) - 20} more" if len(bad) > 20
                                         else "")
        raise GradeInputError(f"{source}: {len(bad)} rows cannot be graded as they are "
                              f"(--strict):\n  {shown}")


def grade_rows(rows: list[dict[str, Any]], jobs: int = 2, timeout: float = 5.0,
               progress: Callable[[int], None] | None = None,
               questions: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Judge a list of rows (dictionaries) in memory; returns them graded, in order."""
    global _QUESTIONS
    _QUESTIONS = questions
    out: list[dict[str, Any]] = []
    grade_stream((Row(i + 2, r, index=i) for i, r in enumerate(rows)), out.append,
                 jobs=jobs, timeout=timeout, progress=progress)
    return out
