"""Array evaluation without temporaries: a SymPy expression run as NumPy ufunc calls.

Hand-written NumPy such as ``k * np.log(c_out / c_in)`` allocates a fresh array for
every operation, and for large arrays each allocation is paid again in page faults.
A :class:`UfuncPlan` compiles the expression once per pattern of array inputs into a
list of ufunc calls that write into a few preallocated buffers, reusing a buffer as
soon as its value is no longer needed:

    divide(c_out, c_in, out=t0); log(t0, out=t0); multiply(t0, k, out=t0)

Sub-expressions of scalar inputs only (``R T / (z F)``) are folded to one number per
call, and shared sub-expressions are computed once. Nodes the plan does not know
(anything but ``+``, ``×``, powers, ``log``, ``exp`` and ``|x|``) raise
:class:`Unsupported` when the plan is made, and the caller keeps its generic path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

__all__ = ["UfuncPlan", "Unsupported"]


class Unsupported(ValueError):
    """The expression holds a node the plan cannot run in place."""


_FUNCTIONS = {sp.log: np.log, sp.exp: np.exp, sp.Abs: np.abs}

#: ufunc -> how many leading operands pass a non-finite value on: a NaN or an infinity
#: there makes the step's result NaN or infinite whatever the other operand is, in IEEE
#: arithmetic (0 · ∞ is NaN, ∞ − ∞ is NaN, log(−∞) is NaN); a divisor does not (x/∞ = 0)
_KEEPS_NONFINITE: dict[np.ufunc, int] = {
    np.add: 2, np.subtract: 2, np.multiply: 2, np.divide: 1, np.log: 1, np.sqrt: 1,
    np.square: 1, np.abs: 1, np.negative: 1, np.positive: 1}


@dataclass(frozen=True)
class _Step:
    """One step: ``ufunc(*operands)`` into the register of the step's own position; an
    operand is ('arg', i), ('reg', r) or ('const', value). ``array`` says whether the
    result is an array (written into a buffer) or a number (computed directly)."""

    ufunc: np.ufunc
    operands: tuple[tuple[str, Any], ...]
    array: bool


class UfuncPlan:
    """The expression ``expr`` of ``symbols``, for calls where ``array_args`` are arrays.

    ``plan(values, shape, dtype)`` returns a new array of ``shape`` and ``dtype``.
    """

    def __init__(self, expr: sp.Expr, symbols: Sequence[sp.Symbol],
                 array_args: Sequence[bool]) -> None:
        self._index = {s: i for i, s in enumerate(symbols)}
        self._is_array = tuple(array_args)
        self._steps: list[_Step] = []
        self._nodes: dict[sp.Expr, tuple[str, Any]] = {}
        result = self._emit(expr)
        if result[0] != "reg" or not self._steps[result[1]].array:
            raise Unsupported("the expression does not depend on an array input")
        self._result = result[1]
        self._buffers = self._allocate()
        self._run_array_steps = self._compile()
        #: the inputs the number-only steps read, and (their values, the registers)
        self._number_args = tuple(sorted({value for step in self._steps if not step.array
                                          for kind, value in step.operands
                                          if kind == "arg"}))
        self._numbers_cache: tuple[tuple[Any, ...], list[Any]] | None = None
        #: inputs whose domain check the caller leaves to the result's finiteness
        self.unchecked: dict[int, str] = {}

    # -- compiling ------------------------------------------------------------------------
    def _depends_on_array(self, expr: sp.Expr) -> bool:
        return any(self._is_array[self._index[s]] for s in expr.free_symbols
                   if s in self._index)

    def _emit(self, expr: sp.Expr) -> tuple[str, Any]:
        if expr in self._nodes:
            return self._nodes[expr]
        node = self._emit_new(expr)
        self._nodes[expr] = node
        return node

    def _step(self, ufunc: np.ufunc, operands: Sequence[tuple[str, Any]],
              array: bool) -> tuple[str, Any]:
        self._steps.append(_Step(ufunc, tuple(operands), array))
        return ("reg", len(self._steps) - 1)

    def _emit_new(self, expr: sp.Expr) -> tuple[str, Any]:
        if isinstance(expr, sp.Symbol):
            if expr not in self._index:
                raise Unsupported(f"unknown symbol {expr}")
            return ("arg", self._index[expr])
        if isinstance(expr, sp.Number):
            if not (expr.is_real and expr.is_finite):
                raise Unsupported(f"the number {expr} is not a finite real")
            return ("const", float(expr))
        array = self._depends_on_array(expr)
        if isinstance(expr, sp.Add):
            return self._emit_chain(expr.args, np.add, np.subtract, self._negated, array)
        if isinstance(expr, sp.Mul):
            return self._emit_chain(expr.args, np.multiply, np.divide, self._inverted, array)
        if isinstance(expr, sp.Pow):
            return self._emit_power(expr, array)
        for function, ufunc in _FUNCTIONS.items():
            if isinstance(expr, function):
                return self._step(ufunc, [self._emit(expr.args[0])], array)
        raise Unsupported(f"no in-place form for {type(expr).__name__}")

    @staticmethod
    def _negated(term: sp.Expr) -> sp.Expr | None:
        """``x`` for a term ``-x`` (a negative coefficient), else None."""
        coeff, rest = term.as_coeff_Mul()
        return coeff * -1 * rest if coeff.is_negative and rest != 1 else None

    @staticmethod
    def _inverted(factor: sp.Expr) -> sp.Expr | None:
        """``x`` for a factor ``1/x``, else None."""
        if isinstance(factor, sp.Pow) and factor.exp == -1:
            return factor.base
        return None

    def _emit_chain(self, args: Sequence[sp.Expr], combine: np.ufunc, inverse: np.ufunc,
                    invert: Any, array: bool) -> tuple[str, Any]:
        """``a ∘ b ∘ …`` with the inverse operation for inverted terms (x − y, x / y).

        The scalar terms are folded into one number first, so an array is passed over
        once for all of them: ``x · R · T / (z · F)`` is one multiplication.
        """
        groups: dict[tuple[bool, bool], list[sp.Expr]] = {
            (inv, arr): [] for inv in (False, True) for arr in (False, True)}
        for arg in args:
            base = invert(arg)
            term = arg if base is None else base
            groups[(base is not None, self._depends_on_array(term))].append(term)
        identity = ("const", 0.0 if combine is np.add else 1.0)
        scalar: tuple[str, Any] | None = None
        for term in groups[(False, False)]:
            scalar = self._emit(term) if scalar is None else self._step(
                combine, [scalar, self._emit(term)], False)
        for term in groups[(True, False)]:
            scalar = self._step(inverse, [scalar or identity, self._emit(term)], False)
        operand: tuple[str, Any] | None = None
        for term in groups[(False, True)]:
            operand = self._emit(term) if operand is None else self._step(
                combine, [operand, self._emit(term)], True)
        if operand is None:
            operand = scalar or identity
        elif scalar is not None:
            operand = self._step(combine, [operand, scalar], True)
        for term in groups[(True, True)]:
            operand = self._step(inverse, [operand, self._emit(term)], True)
        if operand[0] == "arg" and array:
            # a lone input (x · 1): copy it, so the result never aliases the caller's array
            operand = self._step(np.positive, [operand], True)
        return operand

    def _emit_power(self, expr: sp.Pow, array: bool) -> tuple[str, Any]:
        base, exponent = expr.args
        if exponent == -1:
            return self._step(np.divide, [("const", 1.0), self._emit(base)], array)
        if exponent == 2:
            return self._step(np.square, [self._emit(base)], array)
        if exponent == sp.Rational(1, 2):
            return self._step(np.sqrt, [self._emit(base)], array)
        if exponent == sp.Rational(-1, 2):
            root = self._step(np.sqrt, [self._emit(base)], array)
            return self._step(np.divide, [("const", 1.0), root], array)
        return self._step(np.power, [self._emit(base), self._emit(exponent)], array)

    def _allocate(self) -> list[int | None]:
        """The buffer each array step writes into: an operand's buffer whose value is
        not needed afterwards, else a free or new one."""
        last_use: dict[int, int] = {}
        for position, step in enumerate(self._steps):
            for kind, value in step.operands:
                if kind == "reg":
                    last_use[value] = position
        last_use[self._result] = len(self._steps)
        buffer_of: list[int | None] = [None] * len(self._steps)
        free: list[int] = []
        count = 0
        for position, step in enumerate(self._steps):
            if not step.array:
                continue
            released = [buffer_of[value] for kind, value in step.operands
                        if kind == "reg" and self._steps[value].array
                        and last_use[value] == position]
            if released:
                buffer_of[position] = released[0]
                free.extend(b for b in released[1:] if b is not None)
            elif free:
                buffer_of[position] = free.pop()
            else:
                buffer_of[position] = count
                count += 1
        self._buffer_count = count
        return buffer_of

    def _compile(self) -> Any:
        """The array steps as one Python function ``f(v, r, out, s)``: ``v`` the inputs,
        ``r`` the registers (numbers already computed), ``out`` the result's buffer and
        ``s`` the scratch buffers. The source is printed here from the plan of a law's
        expression: register and buffer numbers, NumPy ufunc names and the repr of
        finite floats, never text a user typed."""
        def operand(kind: str, value: Any) -> str:
            return {"arg": f"v[{value}]", "reg": f"r{value}", "const": repr(value)}[kind]

        lines = ["def f(v, r, out, s):"]
        scalars = sorted({value for step in self._steps if step.array
                          for kind, value in step.operands
                          if kind == "reg" and not self._steps[value].array})
        lines += [f"    r{value} = r[{value}]" for value in scalars]
        ufuncs: dict[str, np.ufunc] = {}
        for position, step in enumerate(self._steps):
            if not step.array:
                continue
            name = f"u_{step.ufunc.__name__}"
            ufuncs[name] = step.ufunc
            buffer = self._buffers[position]
            target = "out" if buffer == self._result_buffer else f"s[{buffer}]"
            args = ", ".join(operand(kind, value) for kind, value in step.operands)
            lines.append(f"    r{position} = {name}({args}, out={target})")
        namespace: dict[str, Any] = dict(ufuncs)
        exec(compile("\n".join(lines) + "\n", "<symmem ufunc plan>", "exec"), namespace)
        return namespace["f"]

    # -- what a finite result proves ------------------------------------------------------
    def guarded(self, positive: Sequence[bool], nonnegative: Sequence[bool] | None = None
                ) -> dict[int, str]:
        """The array inputs whose domain a finite result proves, wholly or in part, so
        that the caller can leave that part of their check out: ``{i: "all"}`` for an
        input proved finite and > 0, ``{i: "upper"}`` for one proved finite once its
        lower bound is checked. ``positive[i]``: input i must be finite and > 0,
        ``nonnegative[i]``: finite and ≥ 0; each is checked (an array) or was checked
        (a number) as far as it is not proved.

        It rests on a logarithm log M whose non-finite value reaches the result through
        steps that keep it (:data:`_KEEPS_NONFINITE`), where M is a product and quotient
        of positive constants and inputs > 0 only. Input x, once in M, is proved when
        every other input of M is checked > 0: if x is ≤ 0, NaN or infinite then M is
        ≤ 0, NaN or infinite whatever values in (0, ∞] the others have (0 and ∞
        included, which underflow and overflow give), so log M and the result are not
        finite. And an input of M that is > 0 but infinite makes M 0, ∞ or NaN, so its
        finiteness is proved too. Nernst's ``(RT/zF) log(c_out/c_in)`` needs only
        c_in > 0 checked. Sums inside the logarithm prove upper bounds only
        (:meth:`_prove_upper_bounds`): GHK's inputs need only be checked ≥ 0.
        """
        bounded = [p or bool(n) for p, n in zip(positive, nonnegative or positive)]
        keeps = {self._result}
        for position in range(len(self._steps) - 1, -1, -1):
            step = self._steps[position]
            if position in keeps and step.ufunc in _KEEPS_NONFINITE:
                passing = step.operands[:_KEEPS_NONFINITE[step.ufunc]]
                keeps.update(value for kind, value in passing if kind == "reg")
        proved: dict[int, str] = {}
        for position in sorted(keeps):
            step = self._steps[position]
            if step.ufunc is not np.log or not step.array:
                continue
            factors = self._positive_factors(step.operands[0], positive)
            if factors is None:
                self._prove_upper_bounds(step.operands[0], bounded, proved)
                continue
            if any(proved.get(i) == "all" for i in factors):
                continue
            arrays = [i for i in factors if self._is_array[i]]
            once = [i for i in arrays if factors[i] == 1]
            if once:
                proved.update({i: "upper" for i in arrays})
                proved[once[0]] = "all"
        return proved

    def _prove_upper_bounds(self, operand: tuple[str, Any], bounded: Sequence[bool],
                            proved: dict[int, str]) -> None:
        """For log M where M is built from inputs ≥ 0 (``bounded``: checked so, or > 0)
        and positive constants by products, quotients and sums (GHK's weighted sums):
        with every input of M checked ≥ 0 and not NaN, each term lies in [0, ∞], and an
        infinite input in a product or sum makes it ∞ or NaN (∞ · 0), and in a divisor
        that is not inside a sum makes M 0, ∞ or NaN; either way log M is not finite.
        Those inputs need only their lower bound checked ("upper"). A divisor inside
        a sum is not proved: x + 1/∞ is x. Nothing is proved when an input of M is
        itself left wholly to another logarithm."""
        inputs: set[int] = set()
        upper = self._detected_infinities(operand, bounded, False, inputs)
        if upper is None or any(proved.get(i) == "all" for i in inputs):
            return
        proved.update({i: "upper" for i in sorted(upper)
                       if self._is_array[i] and i not in proved})

    def _detected_infinities(self, operand: tuple[str, Any], bounded: Sequence[bool],
                             in_sum: bool, inputs: set[int]) -> set[int] | None:
        """The inputs whose infinity makes ``operand`` 0, ∞ or NaN (None when
        ``operand`` is not built from inputs ≥ 0 and positive constants by +, × and ÷);
        ``inputs`` collects every input met."""
        kind, value = operand
        if kind == "arg":
            inputs.add(value)
            return {value} if bounded[value] else None
        if kind == "const":
            return set() if 0 < value < np.inf else None
        step = self._steps[value]
        if step.ufunc not in (np.multiply, np.divide, np.add):
            return None
        nested = in_sum or step.ufunc is np.add
        found: set[int] = set()
        for place, part in enumerate(step.operands):
            proved = self._detected_infinities(part, bounded, nested, inputs)
            if proved is None:
                return None
            if not (step.ufunc is np.divide and place == 1 and in_sum):
                found |= proved
        return found

    def _positive_factors(self, operand: tuple[str, Any], positive: Sequence[bool]
                          ) -> Counter[int] | None:
        """How often each input is a factor or divisor of ``operand``, when it is a
        product and quotient of inputs > 0 and positive constants only (else None)."""
        kind, value = operand
        if kind == "arg":
            return Counter({value: 1}) if positive[value] else None
        if kind == "const":
            return Counter() if 0 < value < np.inf else None
        step = self._steps[value]
        if step.ufunc not in (np.multiply, np.divide):
            return None
        counts: Counter[int] = Counter()
        for part in step.operands:
            factors = self._positive_factors(part, positive)
            if factors is None:
                return None
            counts.update(factors)
        return counts

    # -- running --------------------------------------------------------------------------
    @property
    def _result_buffer(self) -> int | None:
        return self._buffers[self._result]

    def scratch(self, shape: int | tuple[int, ...], dtype: Any) -> list[Any]:
        """Scratch buffers of ``shape`` for one call (None for the result's, ``out``)."""
        return [None if b == self._result_buffer else np.empty(shape, dtype)
                for b in range(self._buffer_count)]

    def numbers(self, values: Sequence[Any]) -> list[Any]:
        """The registers of the steps on numbers only: computed once per call, and
        kept for the next call with the same numbers (none of them zero, whose sign
        equality does not see)."""
        key = tuple(values[i] for i in self._number_args)
        cached = self._numbers_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        registers: list[Any] = [None] * len(self._steps)
        for position, step in enumerate(self._steps):
            if not step.array:
                operands = [values[v] if kind == "arg" else registers[v] if kind == "reg"
                            else v for kind, v in step.operands]
                registers[position] = float(step.ufunc(*operands))
        if all(v != 0 for v in key):
            self._numbers_cache = (key, registers)
        return registers

    def run(self, values: Sequence[Any], numbers: Sequence[Any], out: Any,
            scratch: Sequence[Any]) -> None:
        """Compute into ``out`` (1-D, or any shape when ``scratch`` has that shape);
        scratch buffers longer than ``out`` are cut to its length."""
        if out.ndim == 1 and scratch and any(
                b is not None and b.shape[0] != out.shape[0] for b in scratch):
            scratch = [None if b is None else b[:out.shape[0]] for b in scratch]
        self._run_array_steps(values, numbers, out, scratch)

    def __call__(self, values: Sequence[Any], shape: tuple[int, ...], dtype: Any) -> Any:
        """A new array of ``shape`` and ``dtype`` holding the expression's value."""
        out = np.empty(shape, dtype)
        self._run_array_steps(values, self.numbers(values), out, self.scratch(shape, dtype))
        return out
