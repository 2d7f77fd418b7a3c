"""``compare``: judge an answer against any expected expression, with no question bank.

For lecturers and other tools: the expected answer and the answer may each be text
(read by the same safe parser as student answers, never executed) or SymPy. The
result is the same :class:`~symmem.checking.judge.Result` that ``check`` returns,
with the same named mistakes, because both go through the one kernel.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp

from symmem.checking.judge import Result, judge_expression
from symmem.checking.parse import ParseError, parse_answer, parse_equation
from symmem.checking.plain import plain
from symmem.checking.questions import ALIASES, Question, SymbolTable, symbol_table
from symmem.equivalence import Outcome, equivalent
from symmem.latex import latex
from symmem.symbols import info, registry

__all__ = ["compare"]


def _table(symbols: Iterable[Any] | None, expected: Any) -> SymbolTable:
    """The names the answer may use: ``symbols`` (names or SymPy symbols), else those of
    ``expected`` when it is SymPy, else every symbol of the registry; R, T, F always."""
    if symbols is None and isinstance(expected, sp.Basic):
        symbols = sorted(expected.free_symbols, key=lambda s: s.name)
    if symbols is None:
        names = [n for n in registry() if n not in ("R", "T", "F")]
        return symbol_table(["R", "T", "F", *names])
    table = symbol_table(["R", "T", "F"])
    for item in symbols:
        if isinstance(item, str):
            if info(item) is None:
                raise ParseError(f"unknown symbol name {item!r}: declare it with "
                                 "symmem.symbols.declare, or pass SymPy symbols")
            extra = symbol_table([item])
            table.update(extra)
            table.display.extend(extra.display)
        elif isinstance(item, sp.Symbol):
            names = ALIASES.get(item.name, (item.name,)) if info(item) is not None else \
                (item.name,)
            for alias in names:
                table[alias.replace(" ", "")] = item
            table.display.append(item.name)
        else:
            raise ParseError(f"symbols must be names or SymPy symbols, not {item!r}")
    return table


def _read(value: Any, table: SymbolTable, form: str, role: str
          ) -> tuple[str | None, sp.Basic, str]:
    """(the left-hand name or None, the expression or equation, the text shown)."""
    if isinstance(value, sp.Equality):
        name = value.lhs.name if isinstance(value.lhs, sp.Symbol) else None
        return (name, value.rhs, sp.sstr(value)) if name else (None, value, sp.sstr(value))
    if isinstance(value, sp.Basic):
        return None, value, sp.sstr(value)
    if not isinstance(value, str):
        raise ParseError(f"the {role} must be text or a SymPy expression")
    try:
        name, expr = parse_answer(value, table, form)
    except ParseError:
        if value.count("=") != 1:
            raise
        return None, parse_equation(value, table, form), value
    if name is not None and name not in table:  # "FE = RT": an equation, not a name
        return None, parse_equation(value, table, form), value
    return name, expr, value


def compare(expected: Any, answer: Any, symbols: Iterable[Any] | None = None, *,
            format: str = "auto", name: str = "compare") -> Result:
    """Judge ``answer`` against ``expected`` and name the mistake if there is one.

    ``symbols`` lists the names the answer may use (registry names or SymPy symbols);
    by default those of ``expected`` when it is SymPy, else every registered symbol.
    ``E = …`` on either side is accepted; two general equations are compared as
    equations (each must imply the other).

    >>> compare("R*T/(z*F)*ln(c_o/c_i)", "-RT/(zF) ln(c_i/c_o)").verdict
    'correct'
    >>> compare("p/k", "k/p").mistakes
    ['reciprocal']
    >>> compare("p/k", "p/k + 1/F^4").verdict
    'incorrect'
    """
    shown_answer = answer if isinstance(answer, str) else sp.sstr(answer)
    try:
        table = _table(symbols, expected)
        left, reference, _ = _read(expected, table, format, "expected answer")
        got_left, got, _ = _read(answer, table, format, "answer")
    except ParseError as exc:
        return Result(name, str(shown_answer)[:200], "invalid", feedback=str(exc))
    if isinstance(reference, sp.Equality) or isinstance(got, sp.Equality):
        return _compare_equations(name, reference, got, left, got_left, shown_answer)
    lhs = (left,) if left else ()
    if got_left is not None and lhs and got_left not in lhs:
        return Result(name, shown_answer, "invalid", interpreted=latex(got), read_as=plain(got),
                      feedback=f"the left side {got_left} is not {left}")
    question = Question(name, "", reference, table, lhs=lhs or ((got_left,) if got_left
                                                               else ()))
    return judge_expression(question, got, shown_answer)


def _compare_equations(name: str, reference: sp.Basic, got: sp.Basic, left: str | None,
                       got_left: str | None, shown_answer: str) -> Result:
    def as_equation(expr: sp.Basic, lhs: str | None, table_symbol: Any) -> sp.Basic:
        if isinstance(expr, sp.Equality):
            return expr
        if lhs is None:
            return sp.Eq(expr, 0, evaluate=False)
        return sp.Eq(table_symbol(lhs), expr, evaluate=False)

    def symbol(lhs: str) -> sp.Symbol:
        symbols = reference.free_symbols | got.free_symbols
        return next((s for s in symbols if s.name == lhs), sp.Symbol(lhs))

    first = as_equation(reference, left, symbol)
    second = as_equation(got, got_left, symbol)
    decision = equivalent(first, second)
    result = Result(name, shown_answer, "incorrect", interpreted=latex(second),
                    read_as=plain(second))
    if decision.holds:
        result.verdict, result.score = "correct", 1.0
        result.feedback = "Correct: the two equations are equivalent."
    elif decision.outcome is Outcome.FAILED:
        result.feedback = f"Not equivalent to the expected equation: {decision.reason}."
    elif decision.outcome is Outcome.INVALID:
        result.verdict, result.feedback = "invalid", decision.reason
    else:
        result.verdict = "undecided"
        result.feedback = f"Could not decide: {decision.reason}."
    return result
