"""Time ``symmem build`` on the course: without execution (with and without PDFs), with it.

Run: ``.venv/bin/python bench/build.py``  (targets: build without execution <= 10 s; a
second build with nothing changed <= 10 % of the first)

Each configuration runs in a fresh process (as a lecturer would run it), into a
temporary folder; the median of ``--repeat`` runs is printed with the slowest
derivation of the last run. Building the slides needs pdflatex; without it those
lines are skipped. Then cold and warm builds alternate in pairs (the warm one into
the folder the cold one just filled) and the median ratio warm / cold is printed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^\s+(\S+)\s+\d+ steps, \d+ files \((\d+\.\d+) s\)$", re.MULTILINE)


def run(flags: list[str], out: str | None = None) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as fresh:
        out = out or fresh
        command = [sys.executable, "-m", "symmem", "build", "--out", f"{out}/nb",
                   "--slides", f"{out}/sl", *flags]
        t0 = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"build failed ({' '.join(flags)}):\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def cold_and_warm(flags: list[str], pairs: int) -> tuple[float, float, float]:
    """Median cold and warm build times and the median of the pairs' ratios."""
    colds, warms, ratios = [], [], []
    for _ in range(pairs):
        with tempfile.TemporaryDirectory() as out:
            cold, _ = run(flags, out)
            warm, stdout = run(flags, out)
            if "up to date" not in stdout:
                raise SystemExit(f"the second build rebuilt something:\n{stdout}")
        colds.append(cold)
        warms.append(warm)
        ratios.append(warm / cold)
    return statistics.median(colds), statistics.median(warms), statistics.median(ratios)


def slowest(stdout: str) -> str:
    times = [(float(s), name) for name, s in LINE.findall(stdout)]
    seconds, name = max(times)
    return f"{name} ({seconds:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    configs = [("no execution, no PDF", ["--no-pdf"], args.repeat)]
    if shutil.which("pdflatex"):
        configs.append(("no execution, with PDF slides", [], args.repeat))
    configs.append(("with execution (nbclient), no PDF", ["--no-pdf", "--execute"], 1))
    print(f"{'configuration':<36} {'median s':>9}  slowest derivation")
    for label, flags, repeat in configs:
        results = [run(flags) for _ in range(repeat)]
        median = statistics.median(s for s, _ in results)
        print(f"{label:<36} {median:>9.2f}  {slowest(results[-1][1])}  (n={repeat})")
    print("target: build without execution <= 10 s")
    flags = [] if shutil.which("pdflatex") else ["--no-pdf"]
    cold, warm, ratio = cold_and_warm(flags, args.repeat)
    print(f"\ncold build {cold:.2f} s, warm build (nothing changed) {warm:.2f} s: warm / cold "
          f"= {ratio:.3f} (median of {args.repeat} pairs; target <= 0.10)")


if __name__ == "__main__":
    main()
