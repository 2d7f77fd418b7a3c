"""symmem: membrane biophysics for teaching, built on SymPy.

The heavy parts (SymPy, NumPy) load on first use, so ``import symmem`` is quick.

>>> import symmem
>>> round(symmem.evaluate("nernst", c_in=140, c_out=5, z=1)["E"], 1)
-89.0
"""

from __future__ import annotations

from typing import Any

__all__ = ["check", "evaluate", "law", "law_names"]
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
