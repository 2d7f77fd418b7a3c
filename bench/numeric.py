"""Benchmark the numeric forms against hand-written NumPy and math, pair by pair.

For each case symmem and the baseline (the same formula written by hand, with no
checks) run alternately, one pair after another, so both see the same machine load;
the median of the per-pair ratios symmem / baseline is printed with its spread
(the 10th to 90th percentile of the ratios). The order within a pair alternates
(symmem first, then the baseline first: A B B A A B ...), because a call's time
depends on the one before it: an array of 10⁵–10⁶ points comes from memory the
previous call gave back, and after hand NumPy, whose temporaries the C library's
allocator hands back to the kernel, the next allocation is paid in page faults.
With a fixed order symmem would always follow the baseline and pay them. The minor
page faults per call of each side are printed too, so the effect stays visible.

Cases: ``nernst`` and ``ghk_voltage`` at 10³, 10⁵, 10⁶ and 10⁷ points with one array
input and with every concentration an array; scalar calls; ``import symmem``. Then
the largest sizes again with the chunks shared between two threads
(``SYMMEM_THREADS=2``; one thread is the default).

Targets: array ratios <= 1.0 at 10⁵-10⁷ points; scalar nernst <= 5 µs, scalar ghk_voltage <= 8 µs.
Run: ``.venv/bin/python bench/numeric.py``
"""

from __future__ import annotations

import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

import symmem
import symmem.numeric_arrays

R, F, T = 8.31446261815324, 96485.33212331001, 310.15
PAIRS = 16  # even: as many pairs in each order


def _timed(fn: Callable[[], object]) -> tuple[float, int]:
    """(seconds, minor page faults) of one call."""
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    started = time.perf_counter()
    fn()
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults


def paired(ours: Callable[[], object], baseline: Callable[[], object], pairs: int = PAIRS
           ) -> tuple[float, float, float, float, float, float]:
    """(median ratio, 10th and 90th percentile of the ratios, median time of ours,
    median page faults per call of ours and of the baseline); the pairs alternate
    their order (ours first in even pairs, the baseline first in odd ones)."""
    ratios, times, our_faults, base_faults = [], [], [], []
    ours(), baseline()  # warm up
    for pair in range(pairs):
        if pair % 2 == 0:
            (t_ours, f_ours), (t_base, f_base) = _timed(ours), _timed(baseline)
        else:
            (t_base, f_base), (t_ours, f_ours) = _timed(baseline), _timed(ours)
        ratios.append(t_ours / t_base)
        times.append(t_ours)
        our_faults.append(f_ours)
        base_faults.append(f_base)
    deciles = statistics.quantiles(ratios, n=10)
    return (statistics.median(ratios), deciles[0], deciles[-1], statistics.median(times),
            statistics.median(our_faults), statistics.median(base_faults))


def array_cases(n: int) -> list[tuple[str, Callable, Callable]]:
    rng = np.random.default_rng(n)
    c_out, c_in = rng.uniform(1, 100, n), rng.uniform(5, 200, n)
    na_in, cl_in = rng.uniform(5, 30, n), rng.uniform(5, 60, n)
    nernst, ghk = symmem.law("nernst"), symmem.law("ghk_voltage")
    k = 1000 * R * T / F

    one = dict(P_K=1.0, K_in=140.0, K_out=c_out, P_Na=0.05, Na_in=10.0, Na_out=145.0,
               P_Cl=0.45, Cl_in=10.0, Cl_out=110.0, T=T)
    every = dict(one, K_in=c_in, Na_in=na_in, Cl_in=cl_in)
    cases = [
        ("nernst, one array", lambda: nernst.numeric(c_in=140.0, c_out=c_out, z=1),
         lambda: k * np.log(c_out / 140.0)),
        ("nernst, all arrays", lambda: nernst.numeric(c_in=c_in, c_out=c_out, z=1),
         lambda: k * np.log(c_out / c_in)),
        ("ghk_voltage, one array", lambda: ghk.numeric(**one),
         lambda: k * np.log((1.0 * c_out + 0.05 * 145.0 + 0.45 * 10.0)
                            / (1.0 * 140.0 + 0.05 * 10.0 + 0.45 * 110.0))),
        ("ghk_voltage, all arrays", lambda: ghk.numeric(**every),
         lambda: k * np.log((1.0 * c_out + 0.05 * 145.0 + 0.45 * cl_in)
                            / (1.0 * c_in + 0.05 * na_in + 0.45 * 110.0))),
    ]
    for _, ours, base in cases:  # the baselines compute what symmem computes
        assert np.allclose(ours(), base())
    return cases


def scalar_cases() -> list[tuple[str, Callable, Callable]]:
    nernst, ghk = symmem.law("nernst"), symmem.law("ghk_voltage")
    k = 1000 * R / F

    def nernst_math() -> float:
        return k * 310.15 / 1 * math.log(5.0 / 140.0)

    def ghk_math() -> float:
        return k * 310.15 * math.log((1.0 * 5.0 + 0.05 * 145.0) / (1.0 * 140.0 + 0.05 * 10.0))

    calls = 2000

    def loop(fn: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            for _ in range(calls):
                fn()
        return run

    return [("nernst scalar call", loop(lambda: nernst.numeric(c_in=140.0, c_out=5.0, z=1)),
             loop(nernst_math), calls),
            ("ghk_voltage scalar call", loop(lambda: ghk.numeric(
                P_K=1.0, K_in=140.0, K_out=5.0, P_Na=0.05, Na_in=10.0, Na_out=145.0)),
             loop(ghk_math), calls)]


def _print_array_case(name: str, n: int, ratio: float, low: float, high: float,
                      seconds: float, our_faults: float, base_faults: float) -> None:
    print(f"{name:<34} {n:>7.0e} {ratio:>6.2f}  {low:>7.2f} - {high:<7.2f}  "
          f"{seconds * 1e3:8.2f} ms  {our_faults:>6.0f} {base_faults:>6.0f}")


def main() -> None:
    print(f"{'case':<34} {'points':>7} {'ratio':>6}  {'spread (p10-p90)':>16}  "
          f"{'symmem time':>11}  page faults per call (symmem, baseline)")
    for n in (10**3, 10**5, 10**6, 10**7):  # 10³: the fixed cost of a call (no target)
        for name, ours, base in array_cases(n):
            _print_array_case(name, n, *paired(ours, base, PAIRS if n < 10**7 else 8))
    for name, ours, base, calls in scalar_cases():
        ratio, low, high, seconds, _, _ = paired(ours, base)
        print(f"{name:<34} {'1':>7} {ratio:>6.1f}  {low:>7.1f} - {high:<7.1f}  "
              f"{seconds / calls * 1e6:8.2f} µs per call")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import symmem"], check=True)
    print(f"{'import symmem':<34} {'':>7} {'':>6}  {'':>16}  "
          f"{(time.perf_counter() - started) * 1e3:8.0f} ms (fresh interpreter)")
    symmem.numeric_arrays.THREADS = 2
    for n in (10**6, 10**7):
        for name, ours, base in array_cases(n):
            _print_array_case(name + ", 2 threads", n,
                              *paired(ours, base, PAIRS if n < 10**7 else 8))
    print("targets: array ratios <= 1.0 (one thread); nernst scalar <= 5 µs, "
          "ghk_voltage scalar <= 8 µs")


if __name__ == "__main__":
    main()
