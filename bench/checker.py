"""Time the checker on a corpus of right, wrong and hostile answers.

Run: ``.venv/bin/python bench/checker.py``
Targets (2-core machine): p50 <= 5 ms, p99 <= 100 ms per answer in-process; ``symmem
eval`` and ``symmem check`` start within 0.15 s of ``python -c "import sympy"``;
``symmem grade --jobs 2`` >= 50 answers/s.
"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sympy as sp

from symmem.checking import QUESTIONS, check
from symmem.checking.judge import _mutants

HOSTILE = ["__import__('os')", "9**9**9**9", "(" * 5000, "x" * 100_000, r"\input{x}",
           "lambda: 0", "c_o.real", "ln()", "exp(10000)", "\x00", "2^2^2^2^2^2",
           "<script>alert(1)</script>"]


def corpus() -> list[tuple[str, str, dict]]:
    rows: list[tuple[str, str, dict]] = []
    for q in QUESTIONS.values():
        if q.numeric:
            rows += [(q.name, a, {}) for a in ("-89 mV", "-0.089", "89", "-65", "x", "-89.1",
                                                  "-0.08906 V", "-38.7", "-89000", "1e999")]
            continue
        rows += [(q.name, a, {}) for a in q.examples]
        rows += [(q.name, sp.sstr(e), {}) for _, e in _mutants(q)[:26]]
        rows += [(q.name, h, {}) for h in HOSTILE]
    return rows


def main() -> None:
    rows = corpus()
    times = []
    for name, answer, params in rows:
        t0 = time.perf_counter()
        check(name, answer, **params)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(f"{len(rows)} answers in-process: p50 {q[49]:.2f} ms, p95 {q[94]:.2f} ms, "
          f"p99 {q[98]:.2f} ms, max {times[-1]:.1f} ms  (targets: p50 <= 5, p99 <= 100)")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "class.csv"
        with source.open("w", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["id", "question", "answer"])
            for i, (name, answer, _) in enumerate(rows):
                writer.writerow([i, name, answer[:2000]])
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "symmem", "grade", str(source), "-o",
                        str(Path(folder) / "out.csv"), "--jobs", "2"], check=True,
                       capture_output=True)
        seconds = time.perf_counter() - t0
    print(f"symmem grade --jobs 2: {len(rows)} answers in {seconds:.2f} s = "
          f"{len(rows) / seconds:.0f} answers/s including start-up (target >= 50)")
    startup()


def startup(rounds: int = 7) -> None:
    """Start-up of the commands against ``import sympy``, in fresh processes, alternating."""
    commands = {
        "python -c 'import sympy'": [sys.executable, "-c", "import sympy"],
        "symmem eval nernst": [sys.executable, "-m", "symmem", "eval", "nernst", "c_in=140",
                               "c_out=5", "z=1"],
        "symmem check nernst": [sys.executable, "-m", "symmem", "check", "nernst",
                                "RT/(zF) ln(c_o/c_i)"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    # as after `pip install`, which compiles every module to bytecode: with
    # PYTHONDONTWRITEBYTECODE set in the shell, symmem's own modules would be compiled
    # afresh in every process (some 60 ms), while sympy's bytecode is already on disk
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():  # once, to fill the caches
        subprocess.run(command, check=True, capture_output=True, env=env)
    for _ in range(rounds):
        for name, command in commands.items():
            t0 = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["python -c 'import sympy'"])
    for name, values in times.items():
        median = statistics.median(values)
        extra = "" if median == base else f"  (+{median - base:.2f} s; target <= +0.15 s)"
        print(f"{name:<28} {median:.2f} s median of {rounds}{extra}")


if __name__ == "__main__":
    main()
