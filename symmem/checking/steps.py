"""Check a student's derivation line by line: name the first line that does not follow."""

from __future__ import annotations

from symmem.checking.judge import Result, check
from symmem.checking.parse import ParseError, parse_equation
from symmem.checking.questions import question
from symmem.derivation.verify import Verdict, implies
from symmem.latex import latex
from symmem.symbols import info, sym

__all__ = ["check_steps"]



def check_steps(question_name: str, text: str, *, format: str = "auto") -> Result:
    """Each line ``A = B`` must follow from the one before; the last is judged as the answer."""
    q = question(question_name)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    result = Result(q.name, text[:200], "invalid")
    if not lines:
        result.feedback = "the derivation is empty: write one equation per line"
        return result
    if len(lines) > 40:
        result.feedback = f"{len(lines)} lines; at most 40 are checked"
        return result
    table = dict(q.symbols)
    for name in q.lhs:
        if info(name) is not None:  # the asked-for quantity, as written on the left
            table[name] = sym(name)
    equations = []
    for number, line in enumerate(lines, start=1):
        try:
            equations.append(parse_equation(line, table, format))
        except ParseError as exc:
            result.feedback = f"line {number}: {exc}"
            return result
    for number in range(2, len(equations) + 1):
        verdict, detail = implies(equations[number - 2], equations[number - 1])
        if verdict is Verdict.FAILED:
            result.verdict = "incorrect"
            result.interpreted = latex(equations[number - 1])
            result.feedback = (f"line {number} does not follow from line {number - 1}: "
                               f"{detail}")
            return result
    final = check(q.name, lines[-1], format=format)
    final.answer = result.answer
    final.feedback = (f"every line follows from the one before; the last line: "
                      f"{final.feedback}")
    return final
