"""Questions a lecturer writes without Python: a TOML file of question tables.

A symbolic question gives its prompt, its answer (read by the same safe parser as
student answers, never executed) and the symbols a student may use; a numeric one
names a law of :mod:`symmem.laws` with its inputs::

    [ek_general]
    prompt = "Write the equilibrium potential of K+ in terms of its concentrations."
    answer = "R*T/F*ln(K_o/K_i)"
    symbols = ["R", "T", "F", "K_o", "K_i"]
    lhs = ["E_K", "E"]
    [ek_general.feedback]
    inverted_ratio = "Which side of the membrane has more K+?"
    [[ek_general.wrong]]
    answer = "R*T/F*ln(K_o)"
    feedback = "E_K depends on both concentrations."
    score = 0

    [ek_value]
    prompt = "Compute E_K in mV for [K+]i = 150 mM and [K+]o = 5.5 mM at 37 C."
    law = "nernst"
    params = { c_in = 150, c_out = 5.5, z = 1 }
    unit = "mV"
    tolerance = "1%"

``symbols`` holds names of symmem's symbol registry (or the notation students use
for them: ``K_o`` is ``K_out``); an inline table ``{ name = "Q", latex = "Q",
unit = "C", domain = "real" }`` declares a new one. ``tolerance`` is a percentage
(``"1%"``), an amount in the unit (``"0.5 mV"``) or a number in the unit; the
default is the larger of 0.5 and 1 %. A file that cannot be used is refused with
the line and the key of the first problem.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sympy as sp

from symmem.checking.judge import FEEDBACK
from symmem.checking.parse import ParseError, parse_answer, parse_number
from symmem.checking.questions import (
    ALIASES,
    QUESTIONS,
    Question,
    SymbolTable,
    numeric,
    symbol_table,
)
from symmem.errors import InputError, SymmemError, UnknownNameError
from symmem.symbols import declare, info

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["QuestionFileError", "load_questions"]


class QuestionFileError(SymmemError, ValueError):
    """A question file that cannot be used; the message names the file, line and key."""


_SYMBOLIC_KEYS = {"prompt", "answer", "symbols", "lhs", "feedback", "wrong", "examples"}
_NUMERIC_KEYS = {"prompt", "law", "params", "unit", "tolerance", "feedback", "wrong", "vary",
                 "vary_digits"}
_CANONICAL = {alias.replace(" ", ""): name for name, aliases in ALIASES.items()
              for alias in aliases}
_LOADED: dict[tuple[str, int, int], dict[str, Question]] = {}


def load_questions(path: str | Path) -> dict[str, Question]:
    """The questions of a TOML file, by name; reloaded whenever the file changes."""
    path = Path(path)
    try:
        stat = path.stat()
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot read the question file ({exc.strerror})"
                                ) from None
    except UnicodeDecodeError as exc:
        raise QuestionFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = parse_questions(text, str(path))
    return _LOADED[key]


def parse_questions(text: str, where: str = "<questions>") -> dict[str, Question]:
    """The questions of TOML ``text``; ``where`` names it in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionFileError(f"{where}: not valid TOML: {exc}") from None
    questions: dict[str, Question] = {}
    for name, table in data.items():
        def fail(message: str, key: str | None = None, name: str = name) -> QuestionFileError:
            line = _line_of(text, name, key)
            place = f"{where}, line {line}" if line else where
            return QuestionFileError(f"{place}: [{name}]{'.' + key if key else ''}: {message}")

        if not isinstance(table, dict):
            raise fail("each question is a table: [name] followed by its keys")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            raise fail("a question name is letters, digits and _ (starting with a letter)")
        if name in QUESTIONS:
            raise fail(f"a bundled question is already called {name!r}; choose another name")
        try:
            questions[name] = _question(name, table, fail, where)
        except QuestionFileError:
            raise
        except (SymmemError, ValueError, TypeError) as exc:
            raise fail(str(exc)) from None
    return questions


def _question(name: str, table: Mapping[str, Any], fail: Any, where: str) -> Question:
    prompt = table.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise fail("needs a prompt (the question as students read it)", "prompt")
    if "law" in table:
        _known_keys(table, _NUMERIC_KEYS, "numeric", fail)
        q = _numeric(name, prompt, table, fail)
    elif "answer" in table:
        _known_keys(table, _SYMBOLIC_KEYS, "symbolic", fail)
        q = _symbolic(name, prompt, table, fail)
    else:
        raise fail("give answer = \"...\" (a symbolic question) or law = \"...\" (a numeric one)")
    feedback = _feedback(table.get("feedback", {}), fail)
    wrong = _wrong(q, table.get("wrong", []), fail)
    return Question(**{**q.__dict__, "feedback": feedback, "wrong": wrong, "source": where})


def _known_keys(table: Mapping[str, Any], allowed: set[str], kind: str, fail: Any) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise fail(f"unknown key for a {kind} question (keys: {', '.join(sorted(allowed))})",
                   sorted(unknown)[0])


def _symbols(entries: Any, fail: Any) -> SymbolTable:
    if not isinstance(entries, list) or not entries:
        raise fail("symbols is a list of names, for example [\"R\", \"T\", \"F\", \"K_o\"]",
                   "symbols")
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, dict):
            try:
                declare(str(entry["name"]), str(entry.get("latex", entry["name"])),
                        str(entry.get("unit", "")), str(entry.get("meaning", "")),
                        str(entry.get("domain", "real")))
            except KeyError:
                raise fail("a new symbol needs at least a name: { name = \"Q\" }",
                           "symbols") from None
            except SymmemError as exc:
                raise fail(str(exc), "symbols") from None
            names.append(str(entry["name"]))
        elif isinstance(entry, str):
            canonical = entry if info(entry) is not None else _CANONICAL.get(entry)
            if canonical is None:
                raise fail(f"unknown symbol {entry!r}: use a name symmem knows (see "
                           "docs/conventions.md) or declare it: { name = ..., unit = ... }",
                           "symbols")
            names.append(canonical)
        else:
            raise fail("symbols holds names or { name = ... } tables", "symbols")
    return symbol_table(list(dict.fromkeys(["R", "T", "F", *names])))


def _symbolic(name: str, prompt: str, table: Mapping[str, Any], fail: Any) -> Question:
    symbols = _symbols(table.get("symbols"), fail)
    answer = table["answer"]
    if not isinstance(answer, str):
        raise fail("answer is text, for example \"R*T/F*ln(K_o/K_i)\"", "answer")
    try:
        left, expr = parse_answer(answer, symbols)
    except ParseError as exc:
        raise fail(f"the answer cannot be read: {exc}", "answer") from None
    lhs = table.get("lhs", [left] if left else [])
    if not isinstance(lhs, list) or not all(isinstance(x, str) for x in lhs):
        raise fail("lhs is a list of names accepted left of '='", "lhs")
    examples = table.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(x, str) for x in examples):
        raise fail("examples is a list of answers in text or LaTeX", "examples")
    return Question(name, prompt, expr, symbols, tuple(lhs), examples=tuple(examples))


def _tolerance(value: Any, unit: str, fail: Any) -> tuple[float, float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value), 0.0
    if isinstance(value, str):
        percent = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*%\s*", value)
        if percent:
            return 0.0, float(percent.group(1)) / 100
        try:
            amount, _ = parse_number(value, unit)
            return abs(amount), 0.0
        except ParseError:
            pass
    raise fail(f"tolerance is \"1%\", \"0.5 {unit}\" or a number in {unit}", "tolerance")


def _numeric(name: str, prompt: str, table: Mapping[str, Any], fail: Any) -> Question:
    from symmem.laws import law

    try:
        item = law(str(table["law"]))
    except UnknownNameError as exc:
        raise fail(str(exc), "law") from None
    params = table.get("params", {})
    if not isinstance(params, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in params.values()):
        raise fail("params is a table of numbers: { c_in = 150, c_out = 5.5, z = 1 }",
                   "params")
    unit = table.get("unit", item.result.unit)
    if unit != item.result.unit:
        raise fail(f"the law {item.name} gives {item.result.unit}; give unit = "
                   f"\"{item.result.unit}\"", "unit")
    absolute, relative = _tolerance(table.get("tolerance", 0.5), unit, fail) \
        if "tolerance" in table else (0.5, 0.01)
    q = numeric(name, prompt, item.name, params, tolerance=absolute, rel_tolerance=relative)
    try:
        q.expected()
    except InputError as exc:
        raise fail(str(exc), "params") from None
    vary = _vary(item, table.get("vary", {}), fail)
    digits = table.get("vary_digits", 1)
    if not isinstance(digits, int) or not 0 <= digits <= 6:
        raise fail("vary_digits is a whole number of decimals from 0 to 6", "vary_digits")
    if vary:
        for corner in (0, 1):  # every variant must be one the law accepts
            try:
                q.expected(**{k: v[corner] for k, v in vary.items()})
            except InputError as exc:
                raise fail(f"a variant at the end of its range is refused: {exc}",
                           "vary") from None
    return Question(**{**q.__dict__, "vary": vary, "vary_digits": digits})


def _vary(item: Any, table: Any, fail: Any) -> dict[str, tuple[float, float]]:
    if not isinstance(table, dict):
        raise fail("vary is a table of ranges: { c_out = [3, 8] }", "vary")
    names = {p.name for p in item.parameters()}
    out = {}
    for name, bounds in table.items():
        if name not in names:
            raise fail(f"{name} is not an input of {item.name} ({', '.join(sorted(names))})",
                       "vary")
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(
                isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds)
                and bounds[0] < bounds[1]):
            raise fail(f"vary.{name} is [low, high] with low < high", "vary")
        out[name] = (float(bounds[0]), float(bounds[1]))
    return out


def _feedback(table: Any, fail: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise fail("feedback is a table: [NAME.feedback] with code = \"words\"", "feedback")
    for code, words in table.items():
        if code not in FEEDBACK:
            raise fail(f"unknown mistake code {code!r}; codes: {', '.join(FEEDBACK)}",
                       f"feedback.{code}")
        if not isinstance(words, str):
            raise fail("feedback for a code is text", f"feedback.{code}")
    return dict(table)


def _wrong(q: Question, entries: Any, fail: Any) -> tuple[tuple[sp.Expr, str, float, str], ...]:
    if not isinstance(entries, list):
        raise fail("wrong answers are [[NAME.wrong]] tables with answer, feedback, score",
                   "wrong")
    out = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("answer"), str):
            raise fail("each [[NAME.wrong]] needs answer = \"...\"", "wrong")
        feedback = entry.get("feedback", "This is a known wrong answer.")
        score = entry.get("score", 0)
        code = entry.get("code", "known_wrong")
        if not isinstance(score, (int, float)) or not 0 <= score <= 1:
            raise fail("score is a number from 0 to 1", "wrong.score")
        try:
            if q.numeric:
                expr: sp.Expr = sp.Float(parse_number(entry["answer"], q.unit)[0])
            else:
                _, expr = parse_answer(entry["answer"], q.symbols)
        except ParseError as exc:
            raise fail(f"the wrong answer {entry['answer']!r} cannot be read: {exc}",
                       "wrong.answer") from None
        out.append((expr, str(feedback), float(score), str(code)))
    return tuple(out)


def _line_of(text: str, name: str, key: str | None) -> int | None:
    """The line of ``[name]`` (or of ``key`` inside it) in the file, counting from 1."""
    lines = text.splitlines()
    header = re.compile(r"^\s*\[\[?\s*" + re.escape(name) + r"(\.[^\]]*)?\s*\]\]?")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return None
    if key is None:
        return start + 1
    last = key.split(".")[-1]
    for i in range(start, len(lines)):
        if i > start and re.match(r"^\s*\[", lines[i]) and not header.match(lines[i]):
            break
        if re.match(r"^\s*" + re.escape(last) + r"\s*=", lines[i]):
            return i + 1
    return start + 1
