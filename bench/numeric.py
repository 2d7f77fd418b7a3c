"""Benchmark the numeric forms against hand-written NumPy and math, in one run.

Prints medians and ratios (symmem / baseline):
* ghk_voltage (K, Na, Cl) and nernst over 10^6 points vs the same formula in NumPy;
* the median scalar call of nernst vs a hand-written math version;
* the time of ``import symmem`` in a fresh interpreter.

Targets: array ratio <= 1.2; scalar call <= 20 µs; import <= 0.5 s.
Run: ``.venv/bin/python bench/numeric.py``
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
import time

import numpy as np

import symmem

R, F = 8.31446261815324, 96485.33212331001
N = 1_000_000
REPEATS = 15


def median_time(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(0)
    k_out = rng.uniform(1, 100, N)
    na_in = rng.uniform(5, 30, N)
    cl_in = rng.uniform(5, 60, N)
    T = 310.15
    ghk = symmem.law("ghk_voltage")
    nernst = symmem.law("nernst")
    kw = dict(P_K=1.0, K_in=140.0, K_out=k_out, P_Na=0.05, Na_in=na_in, Na_out=145.0,
              P_Cl=0.45, Cl_in=cl_in, Cl_out=110.0, T=T)

    def ghk_numpy():
        return 1000 * R * T / F * np.log((1.0 * k_out + 0.05 * 145.0 + 0.45 * cl_in)
                                         / (1.0 * 140.0 + 0.05 * na_in + 0.45 * 110.0))

    assert np.allclose(ghk.numeric(**kw), ghk_numpy())
    t_ghk3, t_ghk3_np = median_time(lambda: ghk.numeric(**kw)), median_time(ghk_numpy)

    # the usual plot: sweep [K+]_o, everything else fixed
    sweep = dict(kw, Na_in=10.0, Cl_in=10.0)

    def ghk_sweep_numpy():
        return 1000 * R * T / F * np.log((1.0 * k_out + 0.05 * 145.0 + 0.45 * 10.0)
                                         / (1.0 * 140.0 + 0.05 * 10.0 + 0.45 * 110.0))

    assert np.allclose(ghk.numeric(**sweep), ghk_sweep_numpy())
    t_ghk, t_ghk_np = median_time(lambda: ghk.numeric(**sweep)), median_time(ghk_sweep_numpy)

    def nernst_numpy():
        return 1000 * R * T / (1 * F) * np.log(k_out / 140.0)

    assert np.allclose(nernst.numeric(c_in=140.0, c_out=k_out, z=1), nernst_numpy())
    t_n = median_time(lambda: nernst.numeric(c_in=140.0, c_out=k_out, z=1))
    t_n_np = median_time(nernst_numpy)

    def nernst_math(c_in: float, c_out: float, z: int, T: float = 310.15) -> float:
        return 1000 * R * T / (z * F) * math.log(c_out / c_in)

    def per_call(fn, calls: int = 20000) -> float:
        def loop():
            for _ in range(calls):
                fn(c_in=140.0, c_out=5.0, z=1)
        return median_time(loop, 7) / calls

    t_scalar, t_scalar_math = per_call(nernst.numeric), per_call(nernst_math)

    imports = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); "
                              "import symmem; print(time.perf_counter()-t)"],
                             capture_output=True, text=True, check=True)
        imports.append(float(out.stdout))
    t_import = statistics.median(imports)

    print(f"numeric benchmark (median of {REPEATS}; {N:,} points)")
    print(f"  ghk_voltage K,Na,Cl  symmem {t_ghk * 1e3:7.2f} ms  numpy {t_ghk_np * 1e3:7.2f} ms"
          f"  ratio {t_ghk / t_ghk_np:5.2f}  (target <= 1.2; [K+]_o swept)")
    print(f"  ghk_voltage 3 arrays symmem {t_ghk3 * 1e3:7.2f} ms  numpy {t_ghk3_np * 1e3:7.2f} ms"
          f"  ratio {t_ghk3 / t_ghk3_np:5.2f}  (K_out, Na_in, Cl_in all arrays: input checks)")
    print(f"  nernst               symmem {t_n * 1e3:7.2f} ms  numpy {t_n_np * 1e3:7.2f} ms"
          f"  ratio {t_n / t_n_np:5.2f}  (target <= 1.2)")
    print(f"  nernst scalar call   symmem {t_scalar * 1e6:7.2f} µs  math  "
          f"{t_scalar_math * 1e6:7.2f} µs  ratio {t_scalar / t_scalar_math:5.2f}"
          "  (target <= 20 µs)")
    print(f"  import symmem        {t_import * 1e3:7.1f} ms  (target <= 500 ms)")


if __name__ == "__main__":
    main()
