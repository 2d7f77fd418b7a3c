"""Work in child processes, each piece with a wall-clock limit.

``run_limited(items, work, jobs=2, limit=300, done=…)`` calls ``work(item)`` in a
child process for each item, at most ``jobs`` at a time, and ``done(item, outcome)``
in the parent as each one ends. A piece of work still running after ``limit`` seconds
gets SIGTERM, which raises :class:`Stopped` inside it (so ``finally`` blocks run and
half-written temporary files are removed) and records where it was; one that does
not end within ``grace`` seconds more is killed. A child that dies (a crash, the
out-of-memory killer) is reported as such. Ctrl-C in the parent stops every child.

This is what keeps ``symmem build`` from hanging on a lecturer's derivation that
loops: a thread cannot be stopped, a ``ProcessPoolExecutor`` cannot stop one task,
and a timer signal inside the work is blind to a loop in C.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any

__all__ = ["Outcome", "Stopped", "run_limited"]


class Stopped(BaseException):
    """Raised inside a child when its time is up (a BaseException: ``except Exception``
    in the work does not swallow it)."""


@dataclass(frozen=True)
class Outcome:
    """How one piece of work ended: with a ``value``, ``stopped`` at the limit, or ``died``."""

    value: Any = None
    stopped: bool = False
    where: str | None = None  # where the work was when it was stopped, if it could say
    died: str | None = None  # how the child ended without a result


def _worker(work: Callable[[Any], Any], locate: Callable[[FrameType], str | None] | None,
            conn: Connection) -> None:
    """A child's loop: take an item, do the work, send back how it went; end on None,
    after a stop, or when the parent has gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    where: list[str | None] = []
    busy = [False]

    def stop(signum: int, frame: FrameType | None) -> None:
        if not busy[0]:
            raise SystemExit(0)  # stopped between items: just end
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process
        where.append(locate(frame) if locate and frame else None)
        raise Stopped

    signal.signal(signal.SIGTERM, stop)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        busy[0] = True
        try:
            message: tuple[str, Any] = ("value", work(item[0]))
        except Stopped:
            message = ("stopped", where[0] if where else None)
        busy[0] = False
        try:
            conn.send(message)
        except Exception as exc:  # a value that cannot be pickled
            conn.send(("died", f"its result could not be sent back ({type(exc).__name__}: "
                               f"{exc})"))
        if message[0] == "stopped":
            return  # interrupted anywhere, the process is not trusted with more work


def _ended(code: int | None) -> str:
    """Say how a child process without a result ended, from its exit code."""
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        if -code == signal.SIGKILL:
            return f"the worker process was killed ({name}: out of memory?)"
        return f"the worker process crashed ({name})"
    return f"the worker process exited with code {code} before reporting"


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    item: Any = None
    busy: bool = False
    started: float = 0.0
    terminated: float | None = None  # when SIGTERM was sent for the current item


def run_limited(items: Iterable[Any], work: Callable[[Any], Any], *, jobs: int,
                limit: float | None, done: Callable[[Any, Outcome], None],
                locate: Callable[[FrameType], str | None] | None = None,
                grace: float = 5.0) -> None:
    """Run ``work(item)`` for each item in ``jobs`` child processes, each item for at
    most ``limit`` seconds (None or 0: no limit); call ``done(item, outcome)`` in the
    parent, in the order they end. A child is reused for the next item (its imports
    and caches stay warm) unless its item was stopped or it died; then a fresh one
    starts. ``locate(frame)`` names the place a stopped item was at (for example the
    line of a lecturer's file)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pending = list(items)
    workers: list[_Worker] = []

    def start() -> _Worker:
        here, there = context.Pipe()
        process = context.Process(target=_worker, args=(work, locate, there), daemon=True)
        process.start()
        there.close()
        return _Worker(process, here)

    try:
        while pending or any(w.busy for w in workers):
            while pending and len([w for w in workers if w.busy]) < max(1, jobs):
                worker = next((w for w in workers if not w.busy), None)
                fresh = worker is None
                if worker is None:
                    worker = start()
                    workers.append(worker)
                worker.item, worker.busy = pending.pop(0), True
                worker.started, worker.terminated = time.monotonic(), None
                try:
                    worker.conn.send((worker.item,))
                except OSError as exc:  # it ended while idle: a fresh one takes the item
                    workers.remove(worker)
                    _retire(worker)
                    if fresh:  # a child that cannot even start: say so, do not retry
                        done(worker.item, Outcome(died=f"the worker process did not start "
                                                       f"({exc})"))
                    else:
                        pending.insert(0, worker.item)
            busy = [w for w in workers if w.busy]
            ready = wait([w.conn for w in busy], timeout=_next_check(busy, limit, grace))
            for worker in busy:
                if worker.conn in ready:
                    outcome, alive = _collect(worker)
                    worker.busy = False
                    if not alive:
                        workers.remove(worker)
                    done(worker.item, outcome)
            now = time.monotonic()
            for worker in workers:
                if not worker.busy:
                    continue
                if limit and worker.terminated is None and now - worker.started >= limit:
                    worker.process.terminate()
                    worker.terminated = now
                elif worker.terminated is not None and now - worker.terminated >= grace:
                    worker.process.kill()  # stuck where Python cannot raise (C code)
    finally:
        for worker in workers:  # done or interrupted: end the children, let them tidy up
            if worker.busy:
                worker.process.terminate()
            else:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in workers:
            worker.process.join(min(grace, 2.0))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def _next_check(busy: Iterable[_Worker], limit: float | None, grace: float) -> float | None:
    """Seconds until the next deadline among the busy workers (None: wait for results)."""
    deadlines = [w.terminated + grace if w.terminated is not None else w.started + limit
                 for w in busy if limit or w.terminated is not None]
    if not deadlines:
        return None
    return max(0.0, min(deadlines) - time.monotonic()) + 0.01


def _collect(worker: _Worker) -> tuple[Outcome, bool]:
    """The outcome of a busy worker whose pipe is readable, and whether it lives on."""
    try:
        kind, payload = worker.conn.recv()
    except (EOFError, OSError):
        kind, payload = "eof", None
    if kind == "value" and worker.terminated is None:
        return Outcome(value=payload), True
    _retire(worker)  # stopped, dead, or sent SIGTERM just as it finished
    if kind == "value":
        return Outcome(value=payload), False
    if kind == "stopped" or worker.terminated is not None:
        return Outcome(stopped=True, where=payload if kind == "stopped" else None), False
    if kind == "died":
        return Outcome(died=payload), False
    return Outcome(died=_ended(worker.process.exitcode)), False


def _retire(worker: _Worker) -> None:
    """Close a worker's pipe and make sure its process has ended."""
    worker.conn.close()
    worker.process.join(10.0)
    if worker.process.is_alive():  # it reported and then would not exit
        worker.process.kill()
        worker.process.join()
