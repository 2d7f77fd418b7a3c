"""Time the verification of every course derivation, and name the slowest step.

Run: ``.venv/bin/python bench/derivations.py``  (target: all derivations <= 5 s in total)
"""

from __future__ import annotations

import time
from pathlib import Path

from symmem.course import load_course
from symmem.derivation.core import Derivation

ROOT = Path(__file__).resolve().parent.parent


def timed_verify(d: Derivation) -> list[tuple[float, int]]:
    """Verify step by step, returning (seconds, step number) for each."""
    times = []
    for number, step in enumerate(d.steps, start=1):
        t0 = time.perf_counter()
        step.verdict, step.detail = d._check(step)
        times.append((time.perf_counter() - t0, number))
    return times


def main() -> None:
    t0 = time.perf_counter()
    course = load_course(ROOT / "derivations")
    load = time.perf_counter() - t0
    total, slowest = 0.0, (0.0, "", 0)
    print(f"{'derivation':<28} {'steps':>5} {'verify s':>9}")
    for name, loaded in course.items():
        times = timed_verify(loaded.derivation)
        seconds = sum(t for t, _ in times)
        total += seconds
        worst = max(times)
        if worst[0] > slowest[0]:
            slowest = (worst[0], name, worst[1])
        print(f"{name:<28} {len(times):>5} {seconds:>9.2f}")
    print(f"\nload and build: {load:.2f} s; verify all: {total:.2f} s (target <= 5 s)")
    print(f"slowest step: {slowest[1]} step {slowest[2]} ({slowest[0]:.2f} s)")


if __name__ == "__main__":
    main()
