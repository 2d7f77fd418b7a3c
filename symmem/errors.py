"""Every error symmem raises on purpose, in one family.

``SymmemError`` is the base. Each subclass also derives from the built-in exception
a caller would expect (``KeyError`` for an unknown name, ``ValueError`` for bad
input), so ``except ValueError`` keeps working, and carries the exit code the
command line gives it:

* 2 — the user asked for something that cannot be done as asked (unknown name,
  bad value, unreadable file or answer);
* 1 — the user's material was read but does not hold up (a derivation step that
  does not follow, a deck that does not compile).

>>> from symmem.errors import InputError, SymmemError
>>> issubclass(InputError, SymmemError) and issubclass(InputError, ValueError)
True
>>> InputError("nernst: c_in must be > 0").exit_code
2
"""

from __future__ import annotations

__all__ = [
    "BuildError",
    "DerivationError",
    "GradeInputError",
    "InputError",
    "LatexError",
    "MissingError",
    "ParseError",
    "StepNumberError",
    "SymmemError",
    "UnknownNameError",
    "UsageError",
]


class SymmemError(Exception):
    """Base of every error symmem raises on purpose; ``exit_code`` is for the CLI."""

    exit_code: int = 2

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class UsageError(SymmemError, ValueError):
    """A command line that cannot be carried out as written."""


class InputError(SymmemError, ValueError):
    """A value outside what a law or model accepts (the message names it and its unit)."""


class UnknownNameError(SymmemError, KeyError):
    """A law, question, derivation, rule, symbol or ion that does not exist."""


class StepNumberError(SymmemError, IndexError):
    """A step number that a derivation does not have."""


class MissingError(SymmemError, FileNotFoundError):
    """A file or folder that is not there (a course folder, an input file)."""


class ParseError(SymmemError, ValueError):
    """An answer that cannot be read: the message says where and why, with a hint."""


class GradeInputError(SymmemError, ValueError):
    """A class file that cannot be graded as it is; the message names the line."""


class DerivationError(SymmemError, ValueError):
    """A derivation step that does not follow; the message names derivation, step and rule."""

    exit_code = 1


class LatexError(SymmemError, RuntimeError):
    """pdflatex failed, or an equation runs off a slide."""

    exit_code = 1


class BuildError(SymmemError, RuntimeError):
    """A build that could not produce what it was asked for."""

    exit_code = 1
