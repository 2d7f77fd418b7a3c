"""symmem: membrane biophysics for teaching, built on SymPy.

The heavy parts (SymPy, NumPy) load on first use, so ``import symmem`` is quick.

>>> import symmem
>>> round(symmem.evaluate("nernst", c_in=140, c_out=5, z=1)["E"], 1)
-89.1
>>> symmem.compare("RT/(zF) ln(c_o/c_i)", "RT/(zF) ln(c_i/c_o)").mistakes
['inverted_ratio']
"""

from __future__ import annotations

from typing import Any

__all__ = ["check", "compare", "evaluate", "law", "law_names"]
__version__ = "0.1.0"


def law(name: str) -> Any:
    """Return the law called ``name`` (see :mod:`symmem.laws`)."""
    from symmem.laws import law as _law

    return _law(name)


def law_names() -> list[str]:
    """Names of every law."""
    from symmem.laws import law_names as _names

    return _names()


def evaluate(name: str, **params: Any) -> dict[str, Any]:
    """Evaluate a law by name: ``{result_name: value}`` in physiology units."""
    from symmem.laws import evaluate as _evaluate

    return _evaluate(name, **params)


def check(question: str, answer: str, **params: Any) -> Any:
    """Check a student's answer to a question of the bank (see :mod:`symmem.checking`)."""
    from symmem.checking import check as _check

    return _check(question, answer, **params)


def compare(expected: Any, answer: Any, symbols: Any = None, **options: Any) -> Any:
    """Judge ``answer`` against any ``expected`` expression (text or SymPy), no bank needed.

    Returns the same result as :func:`check` (see :mod:`symmem.checking.compare`).
    """
    from symmem.checking.compare import compare as _compare

    return _compare(expected, answer, symbols, **options)
