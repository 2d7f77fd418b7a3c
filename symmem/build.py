"""``symmem build``: each derivation to a notebook, a Beamer deck and a reveal.js deck.

For each derivation file: build and verify it, write ``NAME.ipynb`` (optionally
executed), draw its figures as PDF, write ``NAME.tex`` and compile it with pdflatex
when that is on the PATH, and write ``NAME.html``, an offline reveal.js deck made
from the notebook (:mod:`symmem.reveal`; its scripts are copied to ``_static/``).
One derivation's failure (a file that does not load, a step that does not follow, a
LaTeX error, a crash) is reported with its name and step and does not stop the others;
one still building after ``timeout`` seconds is stopped and reported with the line of
its file it was at (:mod:`symmem.limited` runs the workers).
All files are written atomically.

Builds are incremental: ``SLIDES/.symmem-build.json`` records, for each derivation, a
hash of its inputs (its file, the ``_helpers`` beside it, symmem's own source, the
build options) and of every file it wrote. A derivation whose inputs are unchanged
and whose outputs are intact is skipped without being loaded; ``force=True`` builds
everything again.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType

from symmem.course import (
    bundled_folder,
    course_files,
    helpers_importable,
    lecturer_frame,
    load_derivation,
)
from symmem.errors import BuildError, MissingError
from symmem.files import write_atomic
from symmem.limited import Outcome, run_limited

__all__ = ["Built", "build"]


@dataclass
class Built:
    """What the build made of one derivation."""

    name: str
    steps: int = 0
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    skipped: bool = False  # up to date: nothing was built


MANIFEST = ".symmem-build.json"
TIMEOUT = 300.0  # s for one derivation: twenty times the slowest bundled one, executed


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source_key() -> str:
    """symmem's version and the hash of its source and templates (a change rebuilds)."""
    from symmem import __version__

    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    sources = [*package.rglob("*.py"), *(package / "templates").rglob("*")]
    for source in sorted(p for p in sources if p.is_file()):
        if "course_files" in source.parts:
            continue
        h.update(source.relative_to(package).as_posix().encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def _inputs_key(path: Path, options: dict, source: str, where: tuple[Path, Path]) -> str:
    """A hash of everything a derivation's outputs depend on."""
    h = hashlib.sha256(source.encode())
    h.update(path.read_bytes())
    for helper in sorted(path.parent.glob("_*.py")):
        h.update(helper.name.encode())
        h.update(helper.read_bytes())
    h.update(json.dumps(options, sort_keys=True).encode())
    h.update(str(where[0].resolve()).encode() + b"\0" + str(where[1].resolve()).encode())
    return h.hexdigest()


def _load_manifest(slides: Path) -> dict:
    try:
        return json.loads((slides / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _up_to_date(entry: dict | None, key: str) -> bool:
    if not entry or entry.get("key") != key:
        return False
    for name, digest in entry.get("files", {}).items():
        try:
            if _digest(Path(name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return bool(entry.get("files"))


def _known_questions() -> set[str]:
    try:
        from symmem.checking.questions import QUESTIONS
    except ImportError:
        return set()
    return set(QUESTIONS)


def _save_figure(figure: object, path: Path) -> tuple[Path, bytes]:
    """Draw a figure once: write it as PDF (for Beamer) and return it as PNG (for reveal.js)."""
    import io

    import matplotlib.pyplot as plt

    drawn = figure.draw()  # type: ignore[attr-defined]
    pdf, png = io.BytesIO(), io.BytesIO()
    drawn.savefig(pdf, format="pdf", metadata={"CreationDate": None, "ModDate": None})
    drawn.savefig(png, format="png", dpi=200, metadata={"Software": None})
    plt.close(drawn)
    return write_atomic(path, pdf.getvalue()), png.getvalue()


def _execute(notebook_path: Path, timeout: float) -> None:
    import nbformat
    from jupyter_client import KernelManager
    from nbclient import NotebookClient

    from symmem.notebook import notebook_bytes

    nb = nbformat.reads(notebook_path.read_text(), as_version=4)
    with tempfile.TemporaryDirectory(prefix="symmem-kernel-") as sockets:
        # IPC sockets in a private folder: no TCP ports, no warning about plain-text TCP
        manager = KernelManager(kernel_name="python3", transport="ipc",
                                ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=manager, timeout=timeout, record_timing=False,
                                resources={"metadata": {"path": str(notebook_path.parent)}})
        _run(client, timeout)
    write_atomic(notebook_path, notebook_bytes(nb))


def _run(client: object, timeout: float) -> None:
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    try:
        # the kernel's own log (shutdown notices) would drown the build report
        client.execute(stderr=subprocess.DEVNULL)  # type: ignore[attr-defined]
    except CellExecutionError as exc:
        raise BuildError(f"a notebook cell failed: {exc.ename}: {exc.evalue}") from None
    except CellTimeoutError:
        raise BuildError(f"a notebook cell ran longer than {timeout:g} s") from None


def _build_one(path: Path, notebooks: Path, slides: Path, *, execute: bool, pdf: bool,
               questions: set[str]) -> Built:
    """Build one derivation file; every failure is caught and reported in the result."""
    started = time.perf_counter()
    built = Built(path.stem)
    try:
        _build_into(built, path, notebooks, slides, execute=execute, pdf=pdf,
                    questions=questions)
    except (Exception, SystemExit) as exc:  # a lecturer's derivation may fail in any way
        what = (f"the derivation calls sys.exit({exc.code!r})" if isinstance(exc, SystemExit)
                else f"{type(exc).__name__}: {exc}")
        built.error = built.error or what
    built.seconds = time.perf_counter() - started
    return built


def _build_into(built: Built, path: Path, notebooks: Path, slides: Path, *, execute: bool,
                pdf: bool, questions: set[str]) -> None:
    from symmem.derivation import DerivationError
    from symmem.notebook import derivation_notebook, notebook_bytes
    from symmem.reveal import deck_html, deck_notebook
    from symmem.slides import LatexError, compile_pdf, derivation_slides

    with helpers_importable(path.parent):
        loaded = load_derivation(path)
    d = loaded.derivation
    if d is None:
        built.error = f"the file could not be built: {loaded.error}"
        return
    built.steps = len(d.steps)
    try:
        d.verify()
    except DerivationError as exc:
        built.error = str(exc).splitlines()[0]
        return
    relative = None  # the bundled course is found without a path
    if path.parent.resolve() != bundled_folder():
        relative = Path(os.path.relpath(path.parent.resolve(), notebooks.resolve())).as_posix()
    checker = any(e.question in questions for e in d.exercises if e.question)
    nb = derivation_notebook(d, relative, checker=checker)
    built.files.append(write_atomic(notebooks / f"{d.name}.ipynb", notebook_bytes(nb)))
    if execute:
        _execute(built.files[-1], timeout=600)
    figure_names = [f"{d.name}-figure-{i}.pdf" for i in range(1, len(d.figures) + 1)]
    images = []
    for figure, filename in zip(d.figures, figure_names, strict=True):
        path, png = _save_figure(figure, slides / filename)
        built.files.append(path)
        images.append(png)
    deck = deck_html(deck_notebook(nb, d, images))
    built.files.append(write_atomic(slides / f"{d.name}.html", deck))
    built.files.append(write_atomic(slides / f"{d.name}.tex",
                                    derivation_slides(d, figure_names)))
    if pdf:
        try:
            compiled = compile_pdf(slides / f"{d.name}.tex", handout=True)
            built.files += [compiled.pdf, *([compiled.handout] if compiled.handout else [])]
        except LatexError as exc:
            built.error = f"slides: {exc}"


def _where(frame: FrameType, folder: Path) -> str | None:
    """The innermost line of the lecturer's own files (``folder``) in a stopped stack."""
    own = lecturer_frame(traceback.extract_stack(frame), folder)
    return f"{Path(own.filename).name}:{own.lineno} in {own.name}()" if own else None


def _record(manifest: dict, slides: Path, files: list[Path], results: dict[str, Built],
            keys: dict[str, str]) -> None:
    """Write the manifest: what each built derivation depends on and wrote (a failed
    or unfinished one is dropped, so the next build tries it again)."""
    for path in files:
        built = results.get(path.stem)
        if built is None or built.error:
            manifest.pop(path.stem, None)
        else:
            manifest[path.stem] = {"key": keys[path.stem], "steps": built.steps,
                                   "files": {str(f): _digest(f.read_bytes())
                                             for f in built.files}}
    write_atomic(slides / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def _warm_up() -> None:
    """Import the heavy libraries once, before the worker processes fork."""
    import matplotlib

    matplotlib.use("Agg")
    import symmem.derivation
    import symmem.laws
    import symmem.notebook
    import symmem.plots
    import symmem.reveal
    import symmem.slides  # noqa: F401


def build(derivations: str | Path | None = None, notebooks: str | Path = "notebooks",
          slides: str | Path = "slides", *, execute: bool = False, pdf: bool = True,
          jobs: int | None = None, report: Callable[[str], None] | None = None,
          bar: bool = False, force: bool = False,
          timeout: float | None = TIMEOUT) -> list[Built]:
    """Build every derivation in ``derivations``; return one :class:`Built` per file.

    Derivations are built in ``jobs`` worker processes (default: up to 2, one per CPU).
    ``report`` receives one line per derivation as it finishes (default: print);
    ``bar`` shows a progress bar on stderr, with the lines printed above it. A
    derivation that is up to date is skipped unless ``force``. Each derivation is built
    in a child process and stopped after ``timeout`` seconds (None or 0: no limit),
    reported with the line of the lecturer's file it was at.
    """
    import shutil

    files = course_files(derivations)
    if not files:
        raise MissingError(f"{derivations or 'derivations'} holds no derivation files "
                                "(NAME.py with a build() function)")
    notebooks, slides = Path(notebooks), Path(slides)
    compile_pdfs = pdf and shutil.which("pdflatex") is not None
    say = report or print
    source = _source_key()
    manifest = _load_manifest(slides)
    keys = {p.stem: _inputs_key(p, {"execute": execute, "pdf": compile_pdfs}, source,
                                (notebooks, slides)) for p in files}
    from symmem.reveal import install_static

    install_static(slides)  # reveal.js and MathJax for the HTML decks, when missing or stale
    results: dict[str, Built] = {}
    for path in files:
        entry = manifest.get(path.stem)
        if not force and _up_to_date(entry, keys[path.stem]):
            results[path.stem] = Built(path.stem, entry.get("steps", 0),
                                       [Path(f) for f in entry["files"]], skipped=True)
    files_to_build = [p for p in files if p.stem not in results]
    if not files_to_build:
        say(f"  all {len(files)} derivations are up to date (symmem build --force builds "
            "them again)")
        return [results[path.stem] for path in files]
    if results:
        say(f"  {len(results)} up to date: {', '.join(sorted(results))}")
    questions = _known_questions()
    progress = None
    if bar:
        from tqdm import tqdm

        progress = tqdm(total=len(files), desc="symmem build", unit="derivation",
                        file=sys.stderr, leave=False)
        say = report or tqdm.write
    _warm_up()
    all_files, files = files, files_to_build
    jobs = max(1, min(jobs or min(2, os.cpu_count() or 1), len(files)))
    options = {"execute": execute, "pdf": compile_pdfs, "questions": questions}

    def finished(built: Built) -> None:
        results[built.name] = built
        state = f"FAILED: {built.error}" if built.error else (
            f"{built.steps} steps, {len(built.files)} files ({built.seconds:.1f} s)")
        say(f"  {built.name:<28} {state}")
        if progress is not None:
            progress.update(1)

    def ended(path: Path, outcome: Outcome) -> None:
        if outcome.value is not None:
            finished(outcome.value)
        elif outcome.stopped:
            at = f" at {outcome.where}" if outcome.where else ""
            finished(Built(path.stem, seconds=float(timeout or 0), error=(
                f"still running after {timeout:g} s, so it was stopped{at} (a loop that "
                "never ends? symmem build --timeout SECONDS allows longer)")))
        else:
            finished(Built(path.stem, error=outcome.died))

    # larger files first: the long derivations start early and the workers pack
    by_size = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
    try:
        run_limited(by_size, partial(_build_one, notebooks=notebooks, slides=slides, **options),
                    jobs=jobs, limit=timeout, done=ended,
                    locate=partial(_where, folder=by_size[0].parent))
    finally:
        if progress is not None:
            progress.close()
        _record(manifest, slides, files, results, keys)
    if pdf and not compile_pdfs:
        say("  (pdflatex is not on the PATH: wrote the .tex slides without PDFs; install "
            "TeX Live, e.g. apt-get install texlive-latex-extra)")
    return [results[path.stem] for path in all_files]


def summary(results: list[Built], seconds: float, notebooks: Path, slides: Path) -> str:
    """One paragraph: what was written, where, how long, what was up to date, what failed."""
    fresh = [r for r in results if not r.skipped]
    ok = [r for r in fresh if r.error is None]
    failed = [r for r in fresh if r.error is not None]
    skipped = len(results) - len(fresh)

    def count(suffix: str, figures: bool = False) -> int:
        return sum(1 for r in fresh for f in r.files
                   if f.suffix == suffix and ("-figure-" in f.name) == figures)

    def many(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not fresh:
        return (f"All {many(len(results), 'derivation')} are up to date; nothing was built "
                f"({seconds:.1f} s).")
    up_to_date = f" ({skipped} up to date)" if skipped else ""
    lines = [f"Built {len(ok)} of {many(len(fresh), 'derivation')}{up_to_date} in "
             f"{seconds:.1f} s: {many(count('.ipynb'), 'notebook')} in {notebooks}/; "
             f"{many(count('.tex'), 'slide deck')} ({count('.pdf')} compiled to PDF), "
             f"{many(count('.html'), 'reveal.js deck')} and "
             f"{many(count('.pdf', True), 'figure')} in {slides}/."]
    for r in failed:
        lines.append(f"FAILED {r.name}: {r.error}")
    return "\n".join(lines)
