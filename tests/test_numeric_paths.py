"""The chunked, in-place array path gives what the generic NumPy code gives.

Large arrays are validated and evaluated chunk by chunk with ufuncs writing into
preallocated buffers (``symmem.ufunc_plan``); small ones run the plan on the whole
array; the reference is the law's NumPy code printed by SymPy (``f_numpy``), which
the plan never calls. Every law is compared at random inputs in physiological ranges,
with one array, with every input an array, across chunk boundaries, in float32, and
with refusals in the last chunk.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import symmem
import symmem.numeric_arrays as numeric_arrays
from symmem.errors import InputError
from symmem.laws import LAWS
from symmem.ufunc_plan import UfuncPlan

#: a typical value of every parameter name (physiology units); arrays vary around it
TYPICAL = {
    "T": 310.15, "z": 1, "n": 3, "r": 1.5, "c_in": 140.0, "c_out": 5.0, "V": -70.0,
    "E": -90.0, "P": 1e-8, "P_K": 1.0, "P_Na": 0.04, "P_Cl": 0.45, "P_Ca": 0.01,
    "K_in": 140.0, "K_out": 5.0, "Na_in": 12.0, "Na_out": 145.0, "Cl_in": 10.0,
    "Cl_out": 110.0, "Ca_in": 1e-4, "Ca_out": 2.0, "p": 1.0, "k": 0.1, "G0": 1.0,
    "t": 3.0, "dG_ATP": -50.0, "dpsi": -150.0, "dpH": 0.8, "ATP": 3.0, "ADP": 0.05,
    "Pi": 4.0, "dG0": -30.5, "dp": -200.0, "dNa": 10.0, "a": 0.5, "C_m": 1.0,
    "dV_AP": 100.0, "overlap": 1.3, "R_m": 20000.0, "R_i": 100.0, "area": 2000.0,
    "g_K": 1.0, "g_Na": 0.05, "g_Cl": 0.3, "g_Ca": 0.01, "g_L": 0.2, "E_K": -90.0,
    "E_Na": 60.0, "E_Cl": -70.0, "E_Ca": 120.0, "E_L": -54.0, "dV": 100.0,
    "osmolarity": 300.0, "HCO3": 24.0, "PCO2": 40.0, "pK": 6.1, "s": 0.0307,
    "salt_out": 100.0, "A_in": 50.0, "z_A": -1, "P_HCO3": 0.2, "HCO3_in": 15.0,
    "HCO3_out": 25.0, "osmolarity0": 290.0, "b": 0.3,
}
#: parameters that stay whole numbers
INTEGERS = {"z", "n", "z_A"}
N = 3 * (1 << 16) + 17  # three whole chunks and a short last one


def _inputs(params, rng, size, every: bool) -> dict:
    values = {}
    for i, p in enumerate(params):
        base = TYPICAL[p.name]
        if p.name in INTEGERS or (not every and i > 0):
            values[p.name] = base
            continue
        if p.domain == "real":
            values[p.name] = base + rng.uniform(-5, 5, size)
        else:
            values[p.name] = base * rng.uniform(0.8, 1.25, size)
    return values


def _laws():
    dynamic = ("ghk_voltage", "chord_conductance")
    cases = [(name, None) for name in LAWS if name not in dynamic]
    cases += [("ghk_voltage", ions) for ions in (("K", "Na"), ("K", "Na", "Cl"),
                                                 ("K", "Na", "Cl", "Ca"), ("Cl", "HCO3"))]
    cases += [("chord_conductance", ("K", "Na", "L")),
              ("chord_conductance", ("K", "Na", "Cl", "Ca", "L"))]
    return cases


def _params(name, ions):
    law = symmem.law(name)
    if ions is None:
        return law, law.params
    if name == "chord_conductance":
        given = {f"{part}_{x}": 1.0 for x in ions for part in ("g", "E")}
    else:
        given = {f"{part}_{ion}" if part == "P" else f"{ion}_{part}": 1.0
                 for ion in ions for part in ("P", "in", "out")}
    return law, law.parameters(given)


def _forms(law, values):
    """Every numeric form the values reach: the first result's, then the others'."""
    if law.name == "ghk_voltage":
        from symmem.laws.ghk import _form, _ions_named

        return [_form(_ions_named(frozenset(values)))]
    if law.name == "chord_conductance":
        from symmem.laws.chord import _channels_named, _form

        return [_form(_channels_named(frozenset(values)))]
    return [law.numeric_form, *law.also_forms]


def _form(law, values):
    return _forms(law, values)[0]


@pytest.mark.parametrize("every", [False, True], ids=["one array", "all arrays"])
@pytest.mark.parametrize("size", [7, N])
@pytest.mark.parametrize(("name", "ions"), _laws(), ids=lambda v: str(v))
def test_the_plan_gives_what_the_generic_numpy_code_gives(name, ions, size, every):
    law, params = _params(name, ions)
    rng = np.random.default_rng(abs(hash((name, ions, size, every))) % 2**32)
    values = _inputs(params, rng, size, every)
    if not any(isinstance(v, np.ndarray) for v in values.values()):
        pytest.skip("no continuous parameter to vary")
    results = law.evaluate(**values)
    for form, ours in zip(_forms(law, values), results.values(), strict=True):
        ordered = [values.get(p.name, p.default) for p in form.params]
        with np.errstate(all="ignore"):
            reference = np.broadcast_to(form.f_numpy(*ordered), ours.shape)
        assert ours.dtype == np.float64 and ours.shape == (size,)
        # absolute slack at the scale of the values: a difference of two terms near zero
        # keeps only the rounding of the terms, which the two orders of operations differ in
        np.testing.assert_allclose(ours, reference, rtol=1e-12,
                                   atol=1e-12 * float(np.max(np.abs(reference))))


def test_every_law_runs_as_a_plan():
    """The plan covers every law's expression (so the comparison above is not vacuous)."""
    planned = []
    for name, ions in _laws():
        law, params = _params(name, ions)
        for form in _forms(law, {p.name: 1.0 for p in params}):
            pattern = tuple(True for _ in form.params)
            planned.append(numeric_arrays._plan(form, pattern) is not None)
    assert all(planned)


def test_chunked_path_is_taken_and_matches_scalars():
    c_out = np.linspace(1.0, 200.0, N)
    out = symmem.law("nernst").numeric(c_in=140.0, c_out=c_out, z=1)
    assert N > numeric_arrays._CHUNK
    for i in (0, numeric_arrays._CHUNK - 1, numeric_arrays._CHUNK, N - 1):
        assert out[i] == pytest.approx(
            symmem.law("nernst").numeric(c_in=140.0, c_out=float(c_out[i]), z=1), rel=1e-13)


def test_float32_stays_float32_in_chunks():
    c_out = np.linspace(1.0, 200.0, N, dtype=np.float32)
    out = symmem.law("nernst").numeric(c_in=np.float32(140.0), c_out=c_out, z=1)
    assert out.dtype == np.float32
    exact = symmem.law("nernst").numeric(c_in=140.0, c_out=c_out.astype(np.float64), z=1)
    np.testing.assert_allclose(out, exact, rtol=2e-6, atol=2e-4)


@pytest.mark.parametrize("bad", [-1.0, 0.0, np.nan, np.inf])
def test_a_bad_value_in_the_last_chunk_is_refused_with_its_index(bad):
    c_out = np.full(N, 5.0)
    c_out[N - 3] = bad
    with pytest.raises(InputError, match=rf"c_out .* at index \({N - 3},\)"):
        symmem.law("nernst").numeric(c_in=140.0, c_out=c_out, z=1)


def test_refusals_come_in_parameter_order_whatever_the_chunk():
    c_in, c_out = np.full(N, 140.0), np.full(N, 5.0)
    c_out[5] = -1.0          # first chunk, second parameter
    c_in[N - 1] = -2.0       # last chunk, first parameter
    with pytest.raises(InputError, match=r"c_in .* got -2\.0 at index"):
        symmem.law("nernst").numeric(c_in=c_in, c_out=c_out, z=1)


def test_a_result_that_is_not_finite_is_refused_in_chunks():
    dp = np.full(N, -200.0)
    dp[N - 2] = -1e-320  # nonzero, so allowed, but the proton count overflows
    with pytest.raises(InputError, match="not a finite number"):
        symmem.law("atp_synthase_protons").numeric(dp=dp, dG_ATP=-50.0)


def test_the_ghk_current_limit_is_patched_in_chunks():
    v = np.linspace(-1, 1, N)
    out = symmem.law("ghk_current").numeric(P=1e-8, z=1, c_in=140.0, c_out=5.0, V=v)
    assert np.isfinite(out).all() and np.all(np.diff(out) > 0)


def test_threads_give_the_same_bytes(monkeypatch):
    c_out = np.random.default_rng(3).uniform(1, 200, 5 * (1 << 16))
    one = symmem.law("nernst").numeric(c_in=140.0, c_out=c_out, z=1)
    monkeypatch.setattr(numeric_arrays, "THREADS", 2)
    two = symmem.law("nernst").numeric(c_in=140.0, c_out=c_out, z=1)
    assert one.tobytes() == two.tobytes()


def test_the_result_never_aliases_an_input():
    x = np.linspace(1.0, 2.0, 10)
    out = symmem.law("driving_force").numeric(V=x, E=0.0)
    assert not np.shares_memory(out, x)
    np.testing.assert_array_equal(out, x)


def test_plan_folds_scalar_factors_into_one_pass():
    """k·T·log(x)/z with T and z numbers is one division, one log and one product."""
    law = symmem.law("nernst")
    form = law.numeric_form
    plan = UfuncPlan(form.expr, [p.symbol for p in form.params], (True, True, False, False))
    assert [s.ufunc.__name__ for s in plan._steps if s.array] == ["divide", "log", "multiply"]


# -- inputs whose check a finite result makes unnecessary ---------------------------------
def _guards(expr: str, arrays: str, positive: str = "xyz", nonnegative: str = "") -> set[str]:
    import sympy as sp

    symbols = sp.symbols("x y z w")
    plan = UfuncPlan(sp.parse_expr(expr, evaluate=False), symbols,
                     [s.name in arrays for s in symbols])
    proved = plan.guarded([s.name in positive for s in symbols],
                          [s.name in nonnegative for s in symbols])
    return {symbols[i].name + ("" if part == "all" else "<inf")
            for i, part in proved.items()}


@pytest.mark.parametrize(("expr", "arrays", "expected"), [
    ("w*log(x/y)", "x", {"x"}),            # nernst with one array
    ("w*log(x/y)", "xy", {"x", "y<inf"}),  # one of the two; the other is checked > 0
    ("w*log(y/x) + 3", "x", {"x"}),        # a divisor inside the log is proved too
    ("log(2*x*y/z)", "xyz", {"x", "y<inf", "z<inf"}),  # y and z checked > 0
    ("log(x) + log(y)", "xy", {"x", "y"}),  # two logs, each with one input
    ("log(x/y) + log(y/x)", "xy", {"x", "y<inf"}),  # not y wholly: it would lean on x
    ("log(x/y) + log(y*z)", "xyz", {"x", "y", "z<inf"}),  # x leans on y, y on z
    ("w*log(x + y)", "x", {"x<inf"}),      # a sum may stay positive with x < 0, but
    #                                        x = ∞ makes it ∞ when y is checked > 0
    ("log((x + 2*y)/(z + 3))", "xyz", {"x<inf", "y<inf", "z<inf"}),  # GHK's shape
    ("log(x + 1/y)", "xy", {"x<inf"}),     # a divisor inside a sum: x + 1/∞ is x
    ("log(x*(y + 1/z))", "xyz", {"x<inf", "y<inf"}),  # z is inside the sum again
    ("log(x + y - z)", "xyz", set()),      # a negative term: ∞ − ∞ is NaN, but x − z
    #                                        may be anything
    ("log(x + w)", "x", set()),            # w may be negative
    ("1/log(x)", "x", set()),              # x/∞ is 0: a divisor hides infinity
    ("exp(log(x))", "x", set()),           # exp(−∞) is 0
    ("log(x*x*y)", "x", set()),            # x twice: (−x)² is positive
    ("log(-x)", "x", set()),               # a negative constant factor
    ("log(x*w)", "x", set()),              # w may be negative (not a positive input)
    ("w*log(x)", "x", {"x"}),
])
def test_a_finite_result_proves_only_what_ieee_arithmetic_allows(expr, arrays, expected):
    assert _guards(expr, arrays) == expected


@pytest.mark.parametrize(("expr", "expected"), [
    # inputs that may be 0: ∞·0 is NaN, so an infinite one still spoils the sum
    ("log((x*y + z)/(w*y + 2))", {"x<inf", "y<inf", "z<inf", "w<inf"}),
    ("log(x/y)", {"x<inf", "y<inf"}),  # neither wholly: (−x)/(−y) is x/y
    ("log(x + 1/y)", {"x<inf"}),
])
def test_inputs_checked_nonnegative_have_their_upper_bound_proved(expr, expected):
    assert _guards(expr, "xyzw", positive="", nonnegative="xyzw") == expected


def test_nernst_leaves_one_check_to_its_logarithm():
    """The guard is in use (so the comparison below is not vacuous)."""
    law = symmem.law("nernst")
    law.numeric(c_in=140.0, c_out=np.full(N, 5.0), z=1)
    plan = law.numeric_form.plans[(False, True, False, False)]
    assert plan.unchecked == {1: "all"}


def test_folded_numbers_follow_the_numbers_of_each_call():
    """The registers folded from numbers are kept for the next call with the same
    numbers only: changing c_in, z or T changes every element as the scalar path does."""
    law = symmem.law("nernst")
    c_out = np.linspace(1.0, 150.0, 9)
    for c_in, z, T in ((140.0, 1, 310.15), (10.0, 1, 310.15), (10.0, -1, 310.15),
                       (10.0, -1, 293.15), (140.0, 1, 310.15), (140, 2, 310)):
        got = law.numeric(c_in=c_in, c_out=c_out, z=z, T=T)
        expected = [law.numeric(c_in=float(c_in), c_out=float(c), z=z, T=float(T))
                    for c in c_out]
        assert got.tolist() == pytest.approx(expected, rel=1e-13)


def _refusal(law, values):
    try:
        law.evaluate(**values)
    except InputError as error:
        return str(error)
    return None


def _fresh(law, values):
    for form in _forms(law, values):
        form.plans.clear()


#: bad values, each with a sign for the other positive inputs at the same index
BAD = [-1.0, 0.0, -0.0, np.nan, np.inf, -np.inf, 1e-320, 1e308]


@pytest.mark.parametrize("size", [7, N], ids=["whole", "chunked"])
@pytest.mark.parametrize("every", [False, True], ids=["one array", "all arrays"])
@pytest.mark.parametrize(("name", "ions"), _laws(), ids=lambda v: str(v))
def test_guarded_refusals_are_those_of_explicit_checks(name, ions, every, size, monkeypatch):
    """Each bad value in each input that must be ≥ 0 or > 0, alone and with every such
    input bad at the same index, gives the refusal (or acceptance) that checking every input
    explicitly gives: same parameter, value and index; in arrays evaluated whole and
    in chunks."""
    law, params = _params(name, ions)
    rng = np.random.default_rng(abs(hash((name, ions, every, size))) % 2**32)
    values = _inputs(params, rng, size, every)
    positive = [p.name for p in params if p.domain in ("positive", "nonnegative")
                and isinstance(values[p.name], np.ndarray)]
    cases = []
    for bad in BAD:
        index = int(rng.integers(0, size))
        cases += [({target}, bad, index) for target in positive]
        cases.append((set(positive), bad, index))
    compared = 0
    for targets, bad, index in cases:
        spoiled = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in values.items()}
        for target in targets:
            spoiled[target][index] = bad
        answers = []
        for guards in (True, False):
            monkeypatch.setattr(numeric_arrays, "GUARDS", guards)
            _fresh(law, spoiled)
            answers.append(_refusal(law, spoiled))
        assert answers[0] == answers[1], (targets, bad, index)
        compared += answers[0] is not None
    _fresh(law, values)
    if positive:
        assert compared > 0


# -- the generated scalar path -------------------------------------------------------------
def _answer(form, values):
    try:
        return form(**values)
    except InputError as error:
        return f"refused: {error}"


def _spoiled_scalars(params, rng):
    """Valid scalars, then each parameter in turn made wrong in every way a caller can."""
    good = {p.name: float(TYPICAL[p.name]) if p.name not in INTEGERS else TYPICAL[p.name]
            for p in params}
    yield good
    yield {k: v for k, v in good.items() if k != params[0].name}  # a missing name
    yield dict(good, cin=1.0)  # an unknown name
    for p in params:
        for bad in (-1.0, 0.0, -0.0, 1.5, math.nan, math.inf, -math.inf, True, "5", None,
                    1e-320, 1e308, 7, np.float64(2.0), np.int64(3)):
            yield dict(good, **{p.name: bad})
        yield dict(good, **{p.name: float(rng.uniform(0.5, 2.0)) * (
            TYPICAL[p.name] if TYPICAL[p.name] else 1.0)})


@pytest.mark.parametrize(("name", "ions"), _laws(), ids=lambda v: str(v))
def test_the_generated_scalar_path_answers_as_the_full_path(name, ions):
    """Same value, or same refusal word for word, with and without the generated path."""
    law, params = _params(name, ions)
    rng = np.random.default_rng(abs(hash((name, ions))) % 2**32)
    forms = _forms(law, {p.name: 1.0 for p in params})
    for form in forms:
        fast = form._fast
        for values in _spoiled_scalars(list(form.params), rng):
            with_fast = _answer(form, values)
            form._fast = None
            try:
                without = _answer(form, values)
            finally:
                form._fast = fast
            assert with_fast == without, (values, with_fast, without)


def test_the_generated_scalar_path_is_used():
    form = symmem.law("nernst").numeric_form
    assert form._fast is not None
    assert form._fast(c_in=140.0, c_out=5.0, z=1) == form(c_in=140.0, c_out=5.0, z=1)
