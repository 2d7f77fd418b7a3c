"""Grading throughput and memory, in fresh processes.

Run: ``.venv/bin/python bench/grading.py``

A class file of N rows draws its answers from a pool of 500 distinct ones (right,
wrong and invalid), as a large class does; each run grades it with ``--jobs 1`` or
``--jobs 2`` in a process of its own and reports answers/s and the peak memory of the
grading process and of its workers. Runs alternate, and the median of 3 is printed.
Memory must stay flat: the 20,000-row file may not need much more than the 1,000-row one.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
from pathlib import Path
from symmem.checking.grade import grade_file
source, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
summary = grade_file(source, out, jobs=jobs, timeout=5.0)
print(json.dumps({"seconds": time.perf_counter() - started, "rows": summary.rows,
                  "judged": summary.judged,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def answer_pool(size: int = 500) -> list[str]:
    rng = random.Random(7)
    forms = ["RT/(zF) ln(c_o/c_i)", "RT/(zF) ln(c_i/c_o)", "RT/F ln(c_o/c_i)",
             "-RT/(zF) ln(c_o/c_i)", "zF/(RT) ln(c_o/c_i)", "RT/(zF) log10(c_o/c_i)",
             "2.303 RT/(zF) log10(c_o/c_i)", "RT/(zF) ln(c_o)", "RT/zF ln(c_o/c_i)", "ln("]
    pool = []
    for i in range(size):  # distinct texts: a form plus a harmless variation
        form = rng.choice(forms)
        pool.append(f"{form} + {i}*0" if not form.endswith("(") else f"ln({i}")
    return pool


def write_class(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    pool = answer_pool()
    with path.open("w", encoding="utf-8") as f:
        f.write("id,student,question,answer\n")
        for i in range(rows):
            f.write(f'{i},s{i % 400},nernst,"{rng.choice(pool)}"\n')


def run(source: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "graded.csv"
        proc = subprocess.run([sys.executable, "-c", CHILD, str(source), str(out), str(jobs)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for rows in (1000, 20000, 50000):
            files[rows] = Path(tmp) / f"class_{rows}.csv"
            write_class(files[rows], rows)
        results: dict[tuple[int, int], list[dict]] = {}
        for _ in range(3):  # alternate the configurations, round by round
            for rows in (1000, 20000, 50000):
                for jobs in (1, 2):
                    results.setdefault((rows, jobs), []).append(run(files[rows], jobs))
        print(f"{'rows':>7} {'jobs':>4} {'answers/s':>10} {'judged':>7} {'grader MB':>10} "
              f"{'worker MB':>10}   (medians of 3)")
        for (rows, jobs), runs in sorted(results.items()):
            rate = statistics.median(r["rows"] / r["seconds"] for r in runs)
            print(f"{rows:>7} {jobs:>4} {rate:>10.0f} {runs[0]['judged']:>7} "
                  f"{statistics.median(r['self_mb'] for r in runs):>10.0f} "
                  f"{statistics.median(r['workers_mb'] for r in runs):>10.0f}")
        small = statistics.median(r["self_mb"] for r in results[(1000, 2)])
        large = statistics.median(r["self_mb"] for r in results[(20000, 2)])
        print(f"\npeak memory of the grader, 20,000 rows / 1,000 rows: {large / small:.2f} "
              "(flat is about 1)")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"bench took {time.perf_counter() - started:.0f} s")
