"""Array evaluation of numeric forms: validation, in-place ufunc plans, chunks.

A law called with arrays is checked element by element against its parameters'
domains (judged from each array's extremes), evaluated by a :class:`UfuncPlan` that
writes into preallocated buffers instead of allocating a temporary per operation,
and refused if any result is not finite. Arrays larger than one chunk are validated
and evaluated chunk by chunk, so that each input is read from memory once, while the
refusal is always the one the whole arrays give, in parameter order. A check that a
finite result makes unnecessary (``c_out`` in ``log(c_out/c_in)``: if it were ≤ 0,
NaN or infinite the logarithm would not be finite) is left to that result, and made
in full, in order, whenever the result is not finite (:meth:`UfuncPlan.guarded`).

NumPy is imported here and nowhere on the scalar path: ``symmem eval`` with numbers
does not load it.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from symmem.ufunc_plan import UfuncPlan, Unsupported

if TYPE_CHECKING:
    from symmem.numeric import NumericForm

__all__ = ["THREADS", "check_array", "evaluate_arrays"]


def _dtype(arrays: Sequence[Any]) -> type:
    """float32 when every array input is float32 (it stays float32), else float64."""
    kinds = [a.dtype for a in arrays if isinstance(a, np.ndarray)]
    return np.float32 if kinds and all(k == np.float32 for k in kinds) else np.float64


def _broadcast_shape(values: Sequence[Any]) -> tuple[int, ...]:
    """The shape of the result: that of the arrays given (broadcast if they differ)."""
    shapes = {a.shape for a in values if isinstance(a, np.ndarray)}
    return shapes.pop() if len(shapes) == 1 else np.broadcast_shapes(*shapes)


#: elements per chunk of a large array evaluation (512 KB of float64 per buffer)
_CHUNK = 1 << 16


def _threads_from_environment() -> int:
    """$SYMMEM_THREADS as a count of threads (1, the default, when unset or not a
    positive whole number: one thread is what a shared machine times predictably)."""
    text = os.environ.get("SYMMEM_THREADS", "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else 1


#: leave out the domain checks a finite result proves (:meth:`UfuncPlan.guarded`);
#: False checks every input explicitly (the tests compare the two)
GUARDS = True

#: threads sharing a large array evaluation ($SYMMEM_THREADS, default 1)
THREADS = _threads_from_environment()
_pool: Any = None


def _shared(work: Callable[[int, int], tuple[bool, bool]], size: int) -> tuple[bool, bool]:
    """Run ``work(first, last)`` over 0:size split into whole chunks, one block per
    thread (the calling thread takes the first); the flags of all blocks, and-ed."""
    global _pool
    blocks = min(THREADS, size // _CHUNK)
    if blocks <= 1:
        return work(0, size)
    if _pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _pool = ThreadPoolExecutor(THREADS - 1, thread_name_prefix="symmem-numeric")
    step = -(-size // blocks // _CHUNK) * _CHUNK
    bounds = [(b * step, min(size, (b + 1) * step)) for b in range(blocks)]
    others = [_pool.submit(work, first, last) for first, last in bounds[1:]]
    flags = [work(*bounds[0]), *(f.result() for f in others)]
    return all(v for v, _ in flags), all(f for _, f in flags)


@functools.cache
def _domain_check(test: Callable[[float], bool], words: str, upper: bool = True
                  ) -> Callable[[np.ndarray], bool]:
    """A test of a whole nonempty array: every element passes the domain's scalar
    ``test``, judged from the extremes (every domain is an interval, NaN spreads to
    them), plus integrality and zeros where the domain asks for them. ``upper=False``
    judges from the smallest element only (the upper bound is proved otherwise)."""
    smallest, largest = np.minimum.reduce, np.maximum.reduce
    integer, nonzero = "integer" in words, "nonzero" in words

    def in_domain(a: np.ndarray) -> bool:
        if not (test(float(smallest(a, axis=None))) and (
                not upper or test(float(largest(a, axis=None))))):
            return False
        if integer and not bool((a == np.round(a)).all()):
            return False
        return not nonzero or bool((a != 0).all())

    return in_domain


def _array_in_domain(test: Callable[[float], bool], words: str, a: np.ndarray) -> bool:
    """Whether every element of ``a`` is in the domain (an empty array is)."""
    return a.size == 0 or _domain_check(test, words)(a)


def evaluate_arrays(form: NumericForm, values: list[Any]) -> Any:
    """Validate and evaluate a law's numeric form on arrays (and numbers among them)."""
    arrays: list[Any] = []
    for (name, test, words), v in zip(form.tests, values):
        if type(v) is float or type(v) is int:
            if not test(v):
                form.refuse(name, words, v)
            arrays.append(v)
            continue
        a = np.asarray(v)
        if a.dtype.kind not in "iuf":
            form.refuse(name, "a number or an array of numbers", v)
        if a.ndim == 0:
            scalar = a.item()
            if not test(scalar):
                form.refuse(name, words, scalar)
            arrays.append(scalar)  # NumPy is slower with 0-d arrays than with floats
            continue
        arrays.append(a)
    shape = _broadcast_shape(arrays)
    dtype = _dtype(arrays)
    plan = _plan(form, tuple(isinstance(a, np.ndarray) for a in arrays))
    size = math.prod(shape)
    if plan is not None and size > _CHUNK and all(
            not isinstance(a, np.ndarray) or a.shape == shape for a in arrays):
        out = _chunked(form, plan, arrays, shape, dtype)
    else:
        out = _whole(form, plan, arrays, shape, dtype)
    return float(out) if out.ndim == 0 else out


def _whole(form: NumericForm, plan: UfuncPlan | None, arrays: list[Any],
           shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """Validate and evaluate in one piece (small arrays, or shapes that broadcast):
    the checks a finite result proves are left to it, as in :func:`_chunked`, and
    every check is made in full, in parameter order, when anything fails."""
    guarded = plan.unchecked if plan is not None else {}
    valid = all(a.size == 0 or _domain_check(test, words, upper=i not in guarded)(a)
                for i, ((_, test, words), a) in enumerate(zip(form.tests, arrays))
                if isinstance(a, np.ndarray) and guarded.get(i) != "all")
    out, finite = None, False
    if valid:
        with np.errstate(all="ignore"):
            out = plan(arrays, shape, dtype) if plan is not None else form.f_numpy(*arrays)
        out = np.asarray(out, dtype=dtype)
        finite = bool(guarded) and _finite(out)
    if not valid or (guarded and not finite):
        for (name, test, words), a in zip(form.tests, arrays):
            if isinstance(a, np.ndarray):
                check_array(form, name, test, words, a)
    form.run_checks(arrays)
    assert out is not None  # a failed check above has refused
    # (with a limit to patch in, the plan has no guards and _finish judges finiteness)
    return _finish(form, out, arrays, shape, finite_known=finite)


def _finite(out: np.ndarray) -> bool:
    """Whether every element is finite: one summation is finite exactly when every
    element is (or on overflow of the sum itself, which the exact test then clears)."""
    return math.isfinite(float(np.add.reduce(out, axis=None))) or bool(np.isfinite(out).all())


def _finish(form: NumericForm, out: np.ndarray, arrays: Sequence[Any],
            shape: tuple[int, ...], finite_known: bool = False) -> np.ndarray:
    """Limits at removable points, the result's shape, and its finiteness."""
    if form.removable is not None:
        index, point, tol = form.removable[:3]
        near = form.near_numpy
        mask = np.abs(np.asarray(arrays[index]) - point) < tol
        if np.any(mask):
            with np.errstate(all="ignore"):
                out = np.where(mask, near(*arrays), out)
    if out.shape != shape:
        out = np.broadcast_to(out, shape).copy()
    if not finite_known and not _finite(out):
        form.raise_not_finite(arrays)
    return out


def _chunked(form: NumericForm, plan: UfuncPlan, arrays: list[Any],
             shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """Validate and evaluate chunk by chunk, each small enough to stay in cache, so
    that every array is read from memory once; the chunks are shared between
    :data:`THREADS` threads (NumPy releases the GIL in its loops). A refusal is
    the one the whole arrays give, checked in parameter order."""
    flat = [a.reshape(-1) if isinstance(a, np.ndarray) else a for a in arrays]
    checked = [(i, *form.tests[i]) for i, a in enumerate(arrays)
               if isinstance(a, np.ndarray)]
    out = np.empty(math.prod(shape), dtype)
    numbers = plan.numbers(flat)
    # what a finite result proves of the inputs is checked only when it is not finite
    guarded = plan.unchecked
    tests = [(i, _domain_check(test, words, upper=i not in guarded))
             for i, _, test, words in checked if guarded.get(i) != "all"]
    add = np.add.reduce

    def work(first: int, last: int) -> tuple[bool, bool]:
        """(inputs in their domains, result finite) for elements first:last."""
        scratch = plan.scratch(_CHUNK, dtype)
        finite = True
        with np.errstate(all="ignore"):
            for start in range(first, last, _CHUNK):
                end = min(start + _CHUNK, last)
                chunk = [a[start:end] if isinstance(a, np.ndarray) else a for a in flat]
                for i, in_domain in tests:
                    if not in_domain(chunk[i]):
                        return False, False
                target = out[start:end]
                plan.run(chunk, numbers, target, scratch)
                if finite and not math.isfinite(add(target)):
                    finite = False
        return True, finite

    valid, finite = _shared(work, out.shape[0])
    if not valid or (guarded and not finite):
        for i, name, test, words in checked:
            check_array(form, name, test, words, arrays[i])
    form.run_checks(arrays)
    # with a limit to patch in, finiteness is judged after the patch
    known = finite and form.removable is None
    return _finish(form, out.reshape(shape), arrays, shape, finite_known=known)


def _plan(form: NumericForm, pattern: tuple[bool, ...]) -> UfuncPlan | None:
    """The in-place plan for this pattern of array inputs (None: the generic path)."""
    if pattern not in form.plans:
        try:
            plan = UfuncPlan(form.expr, [p.symbol for p in form.params], pattern)
        except Unsupported:
            plan = None
        else:
            # with a limit patched in afterwards, a non-finite value proves nothing
            plan.unchecked = {} if form.removable is not None or not GUARDS else \
                plan.guarded([p.domain == "positive" for p in form.params],
                             [p.domain == "nonnegative" for p in form.params])
        form.plans[pattern] = plan
    return form.plans[pattern]


def check_array(form: NumericForm, name: str, test: Callable, words: str,
                a: np.ndarray) -> None:
    """Refuse the first element of ``a`` outside the domain, with its index."""
    if _array_in_domain(test, words, a):
        return
    flat = a.ravel()
    for start in range(0, flat.size, _CHUNK):  # the first chunk that fails, then its element
        if _array_in_domain(test, words, flat[start:start + _CHUNK]):
            continue
        for i, v in enumerate(flat[start:start + _CHUNK].tolist(), start):
            if not test(float(v)):
                index = tuple(int(j) for j in np.unravel_index(i, a.shape))
                form.refuse(name, words, float(v), f" at index {index}")
