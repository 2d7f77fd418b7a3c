"""Load a folder of derivations: one file per topic, named by its stem.

A derivation file defines ``build() -> Derivation``. Files whose names start with
``_`` are helpers, not derivations. A file that fails to load is reported with
its error and does not stop the others.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from symmem.errors import DerivationError, MissingError

if TYPE_CHECKING:  # SymPy loads only when a derivation is built
    from symmem.derivation import Derivation

__all__ = [
    "Loaded",
    "bundled_folder",
    "course_files",
    "default_folder",
    "derivation",
    "helpers_importable",
    "load_course",
    "load_derivation",
]


@dataclass
class Loaded:
    """A derivation file and what became of it: a derivation, or an error message."""

    name: str
    path: Path
    derivation: Derivation | None = None
    error: str | None = None
    exception: BaseException | None = None


def bundled_folder() -> Path:
    """The course that comes with symmem.

    An installed symmem carries it inside the package (``symmem/course_files``); a
    source checkout has it as ``derivations/`` beside the package.
    """
    package = Path(__file__).resolve().parent
    installed = package / "course_files"
    if installed.is_dir():
        return installed
    return package.parent / "derivations"


def default_folder() -> Path:
    """``derivations/`` in the working directory, else the bundled course."""
    here = Path("derivations")
    if here.is_dir():
        return here
    return bundled_folder()


def load_derivation(path: Path) -> Loaded:
    """Import one derivation file and call its ``build()``.

    Helpers (``_name.py`` beside it) are importable when loaded through
    :func:`load_course`.
    """
    name = path.stem
    loaded = Loaded(name, path)
    module_name = f"symmem_course_{name}"
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        build = getattr(module, "build", None)
        if build is None:
            raise AttributeError(f"{path} has no build() function (a derivation file "
                                 "defines build() and returns a Derivation: see "
                                 "docs/authoring.md)")
        derivation = build()
        from symmem.derivation import Derivation

        if not isinstance(derivation, Derivation):
            raise TypeError(f"{path}: build() returned {type(derivation).__name__}, "
                            "not a Derivation")
        loaded.derivation = derivation
    except (Exception, SystemExit) as exc:  # a lecturer's file may fail in any way,
        # even call sys.exit(): report it, never stop the build or lose the others
        # where in the lecturer's own files it failed, not inside importlib or symmem
        own = lecturer_frame(traceback.extract_tb(exc.__traceback__), path.parent)
        where = f" ({Path(own.filename).name}:{own.lineno})" if own else ""
        what = (f"the file calls sys.exit({exc.code!r})" if isinstance(exc, SystemExit)
                else f"{type(exc).__name__}: {exc}")
        loaded.error = f"{what}{where}"
        loaded.exception = exc if isinstance(exc, Exception) else RuntimeError(what)
    return loaded


def lecturer_frame(frames: Iterable[traceback.FrameSummary],
                   folder: Path) -> traceback.FrameSummary | None:
    """The innermost of ``frames`` (outermost first) that lies in the lecturer's
    ``folder``: where their own file (or helper) was, not importlib or symmem."""
    folder = folder.resolve()
    own = [frame for frame in frames if Path(frame.filename).resolve().parent == folder]
    return own[-1] if own else None


@contextmanager
def helpers_importable(folder: Path) -> Iterator[None]:
    """Let derivation files import the ``_helpers`` beside them."""
    folder_path = str(folder.resolve())
    sys.path.insert(0, folder_path)
    try:
        yield
    finally:
        sys.path.remove(folder_path)


def course_files(folder: str | Path | None = None) -> list[Path]:
    """The derivation files of a folder (not ``_helpers``), sorted by name."""
    root = Path(folder) if folder is not None else default_folder()
    if not root.is_dir():
        raise MissingError(f"no folder of derivations at {root}")
    return sorted(p for p in root.glob("*.py") if not p.name.startswith("_"))


def load_course(folder: str | Path | None = None) -> dict[str, Loaded]:
    """Load every derivation file of a folder, sorted by name."""
    files = course_files(folder)
    if not files:
        return {}
    with helpers_importable(files[0].parent):
        return {p.stem: load_derivation(p) for p in files}


def derivation(name: str, folder: str | Path | None = None) -> Derivation:
    """Build one derivation by name, for a notebook or a script.

    >>> derivation("nernst").title
    'The Nernst equation'
    """
    root = Path(folder) if folder is not None else default_folder()
    path = root / f"{name}.py"
    if name.startswith("_") or not path.is_file():
        names = sorted(p.stem for p in root.glob("*.py") if not p.name.startswith("_"))
        raise MissingError(f"no derivation {name!r} in {root}; there are: "
                                f"{', '.join(names) or 'none'}")
    with helpers_importable(root):
        loaded = load_derivation(path)
    if loaded.derivation is None:
        raise DerivationError(f"{name}: the file could not be built: {loaded.error}")
    return loaded.derivation
