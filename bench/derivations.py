"""Time the verification of every course derivation, and name the slowest step.

Run: ``.venv/bin/python bench/derivations.py``  (target: verify all <= 5 s in total)

Each round builds the course afresh (the rules run forwards: the baseline) and then
checks every step against its rule's contract with the equivalence kernel. Rounds
alternate build and verify; the medians and the ratio verify / build are printed.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from symmem.course import load_course

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def one_round() -> tuple[float, float, dict[str, float], tuple[float, str, int]]:
    t0 = time.perf_counter()
    course = load_course(ROOT / "derivations")
    build = time.perf_counter() - t0
    per: dict[str, float] = {}
    slowest = (0.0, "", 0)
    for name, loaded in course.items():
        d = loaded.derivation
        if d is None:
            raise SystemExit(f"{name}: {loaded.error}")
        seconds = 0.0
        for number in range(1, len(d.steps) + 1):
            start = time.perf_counter()
            d.check_step(number)
            took = time.perf_counter() - start
            seconds += took
            slowest = max(slowest, (took, name, number))
        per[name] = seconds
    return build, sum(per.values()), per, slowest


def main() -> None:
    builds, verifies, per_runs, slowest = [], [], [], (0.0, "", 0)
    for _ in range(ROUNDS):
        build, verify, per, worst = one_round()
        builds.append(build)
        verifies.append(verify)
        per_runs.append(per)
        slowest = max(slowest, worst)
    print(f"{'derivation':<28} {'verify s (median)':>18}")
    for name in per_runs[0]:
        print(f"{name:<28} {statistics.median(p[name] for p in per_runs):>18.2f}")
    build, verify = statistics.median(builds), statistics.median(verifies)
    print(f"\nmedians of {ROUNDS} rounds: build the course {build:.2f} s (baseline); "
          f"verify all {verify:.2f} s (target <= 5 s); verify / build = {verify / build:.2f}")
    print(f"verify spread: {min(verifies):.2f}-{max(verifies):.2f} s")
    print(f"slowest step: {slowest[1]} step {slowest[2]} ({slowest[0]:.2f} s)")


if __name__ == "__main__":
    main()
