"""symmem build: committed notebooks, determinism, execution, slides, failure isolation."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from symmem.build import build
from symmem.cli import main
from symmem.files import write_atomic
from symmem.slides import LatexError, compile_pdf, pdflatex_available

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "derivations"
NEEDS_TEX = pytest.mark.skipif(
    not pdflatex_available() and os.environ.get("CI") != "true",
    reason="pdflatex is not installed (CI installs TeX Live and runs these tests)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the bundled course without PDFs."""
    out = tmp_path_factory.mktemp("build")
    results = build(COURSE, out / "notebooks", out / "slides", pdf=False,
                    report=lambda line: None)
    return {"results": results, "notebooks": out / "notebooks", "slides": out / "slides",
            "committed": ROOT / "notebooks"}


def test_every_course_derivation_builds(built):
    failed = {r.name: r.error for r in built["results"] if r.error}
    assert not failed
    names = {p.stem for p in COURSE.glob("*.py") if not p.name.startswith("_")}
    assert {p.stem for p in built["notebooks"].glob("*.ipynb")} == names
    assert {p.stem for p in built["slides"].glob("*.tex")} == names
    assert {p.stem for p in built["slides"].glob("*.html")} == names


def test_committed_notebooks_equal_the_build(built):
    committed = {p.name: p.read_text() for p in built["committed"].glob("*.ipynb")}
    fresh = {p.name: p.read_text() for p in built["notebooks"].glob("*.ipynb")}
    assert sorted(committed) == sorted(fresh), "run `make run` and commit notebooks/"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"notebooks/ is out of date for {stale}: run `make run` and commit"


def test_building_twice_gives_identical_bytes(built, tmp_path):
    build(COURSE, built["notebooks"].parent / "again", tmp_path / "slides", pdf=False,
          report=lambda line: None, jobs=1)
    for first in built["notebooks"].glob("*.ipynb"):
        assert first.read_bytes() == (built["notebooks"].parent / "again" / first.name
                                      ).read_bytes(), first.name
    decks = [*built["slides"].glob("*.tex"), *built["slides"].glob("*.html")]
    names = [p for p in COURSE.glob("*.py") if not p.name.startswith("_")]
    assert len(decks) == 2 * len(names)
    for first in decks:
        assert first.read_bytes() == (tmp_path / "slides" / first.name).read_bytes(), first.name


def test_notebooks_are_valid_minimal_and_slideshow_ready(built):
    for path in built["notebooks"].glob("*.ipynb"):
        raw = json.loads(path.read_text())
        nb = nbformat.reads(path.read_text(), as_version=4)
        nbformat.validate(nb)
        assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 5)
        assert raw["metadata"] == {"kernelspec": {"display_name": "Python 3",
                                                  "language": "python", "name": "python3"}}
        ids = [cell["id"] for cell in raw["cells"]]
        assert len(set(ids)) == len(ids)
        for cell in raw["cells"]:
            assert "execution" not in cell["metadata"]
            assert cell["metadata"]["slideshow"]["slide_type"] in (
                "slide", "subslide", "fragment", "skip", "-")
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None


def test_each_notebook_teaches_the_whole_lesson(built):
    for path in built["notebooks"].glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(cell.source for cell in nb.cells)
        code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
        assert nb.cells[0].source.startswith("# ")
        assert "You will learn to" in nb.cells[0].source, path.name
        assert "$$" in text and "**(1)**" in text
        assert "from symmem.plots import" in code, f"{path.name} has no figure"
        assert ".quantity(" in code, f"{path.name} has no worked numbers"
        assert "<details><summary>Answer</summary>" in text, f"{path.name} has no exercise"


def test_content_ids_follow_content_not_position(built):
    nb = nbformat.read(built["notebooks"] / "nernst.ipynb", as_version=4)
    again = nbformat.read(built["notebooks"] / "nernst.ipynb", as_version=4)
    again.cells.insert(1, nbformat.v4.new_markdown_cell("a new cell"))
    from symmem.notebook import _content_ids

    _content_ids(again.cells)
    assert [c.id for c in again.cells[2:]] == [c.id for c in nb.cells[1:]]


def test_every_notebook_executes(tmp_path):
    notebooks = tmp_path / "notebooks"
    results = build(COURSE, notebooks, tmp_path / "slides", pdf=False, execute=True,
                    report=lambda line: None)
    assert not {r.name: r.error for r in results if r.error}
    nb = nbformat.read(notebooks / "pump_leak.ipynb", as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert not any(o.output_type == "error" for o in outputs)
    assert all("execution" not in cell.metadata for cell in nb.cells)
    for path in notebooks.glob("*.ipynb"):  # every figure cell shows its figure, once
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            role = cell.metadata.get("symmem", {}).get("deck")
            images = sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
            if role == "figure":
                assert images == 1, (path.name, cell.source)
            elif "explore(" in cell.source:  # the sliders draw inside their widget
                assert images == 0, (path.name, cell.source)


@NEEDS_TEX
def test_an_equation_wider_than_the_slide_is_an_error(tmp_path):
    wide = "+".join(f"x_{{{i}}}" for i in range(120))
    source = (r"\documentclass{beamer}\begin{document}\begin{frame}" + "\n"
              + rf"\noindent\mbox{{${wide}$}}" + "\n\n" + r"\end{frame}\end{document}")
    (tmp_path / "wide.tex").write_text(source)
    with pytest.raises(LatexError, match="runs past the right edge by"):
        compile_pdf(tmp_path / "wide.tex")
    (tmp_path / "broken.tex").write_text(r"\documentclass{beamer}\begin{document}\undefinedmacro"
                                         r"\end{document}")
    with pytest.raises(LatexError, match="Undefined control sequence"):
        compile_pdf(tmp_path / "broken.tex")


def test_one_failing_derivation_does_not_stop_the_others(tmp_path, capsys):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(COURSE / "nernst.py", course / "nernst.py")
    wrong = (COURSE / "nernst.py").read_text().replace(
        'd.apply("specialise", {V: E}', 'd.apply("specialise", {V: -E}')
    assert wrong != (COURSE / "nernst.py").read_text()
    (course / "wrong_sign.py").write_text(wrong)
    (course / "syntax.py").write_text("def build(:\n")
    (course / "exits.py").write_text("import sys\nsys.exit(3)\n")
    (course / "_helper.py").write_text("def f():\n    raise ValueError('in the helper')\n")
    (course / "helped.py").write_text("import _helper\n_helper.f()\n")
    code = main(["build", "--derivations", str(course), "--out", str(tmp_path / "nb"),
                 "--slides", str(tmp_path / "sl"), "--no-pdf"])
    out = capsys.readouterr().out
    assert code == 1
    assert (tmp_path / "nb" / "nernst.ipynb").exists()
    assert not (tmp_path / "nb" / "wrong_sign.ipynb").exists()
    # the last step no longer follows: E = RT/(zF) ln(c_o/c_i) is not -E of step 4
    assert "FAILED wrong_sign: derivation 'nernst', step 5 (rewrite): does not follow" in out
    assert "FAILED syntax: the file could not be built: SyntaxError" in out
    # a file that calls sys.exit() is one failure among others, not the end of the build;
    # a failure is placed in the lecturer's own files, not inside importlib
    assert "FAILED exits: the file could not be built: the file calls sys.exit(3) " \
        "(exits.py:2)" in out
    assert "FAILED helped: the file could not be built: ValueError: in the helper " \
        "(_helper.py:2)" in out
    assert "frozen" not in out
    assert "Built 1 of 5 derivations" in out


def test_build_usage_errors_are_one_line(tmp_path, capsys):
    assert main(["build", "--derivations", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("symmem build: no folder of derivations at") and err.count("\n") == 1
    assert main(["build", "--derivations", str(tmp_path)]) == 2
    assert "holds no derivation files" in capsys.readouterr().err


def test_build_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = capsys.readouterr().out
    assert "--no-pdf" in text and "--execute" in text and "examples:" in text


def test_an_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "deck.tex"
    write_atomic(target, "old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 1000)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.tex"]


def _tiny_course(folder):
    folder.mkdir()
    for name, value in (("alpha", 2), ("beta", 3)):
        (folder / f"{name}.py").write_text(
            "import sympy as sp\nfrom symmem.derivation import Derivation\n"
            "from symmem.symbols import sym\n\n\ndef build():\n"
            f"    d = Derivation('{name}', '{name.title()}')\n"
            f"    d.define(sp.Eq(sym('DF'), {value} * sym('V')), 'start')\n"
            "    d.apply('solve', sym('V'), because='solve')\n    return d\n")


def test_a_second_build_skips_what_is_up_to_date(tmp_path):
    from symmem.build import build

    course, out, slides = tmp_path / "course", tmp_path / "nb", tmp_path / "sl"
    _tiny_course(course)
    lines: list[str] = []
    first = build(course, out, slides, pdf=False, jobs=1, report=lines.append)
    assert [b.skipped for b in first] == [False, False]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    second = build(course, out, slides, pdf=False, jobs=1, report=lines.append)
    assert [b.skipped for b in second] == [True, True]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "all 2 derivations are up to date" in lines[-1]
    # a changed file rebuilds that derivation only; a deleted output is rebuilt too
    (course / "alpha.py").write_text((course / "alpha.py").read_text().replace("2 *", "5 *"))
    (out / "beta.ipynb").unlink()
    third = build(course, out, slides, pdf=False, jobs=1, report=lines.append)
    assert [b.skipped for b in third] == [False, False]
    assert "5" in (out / "alpha.ipynb").read_text()
    fourth = build(course, out, slides, pdf=False, jobs=1, report=lines.append, force=True)
    assert [b.skipped for b in fourth] == [False, False]


def test_changed_options_or_helpers_rebuild(tmp_path):
    from symmem.build import build

    course, out, slides = tmp_path / "course", tmp_path / "nb", tmp_path / "sl"
    _tiny_course(course)
    build(course, out, slides, pdf=False, jobs=1, report=lambda line: None)
    (course / "_helper.py").write_text("X = 1\n")
    again = build(course, out, slides, pdf=False, jobs=1, report=lambda line: None)
    assert [b.skipped for b in again] == [False, False]  # a helper may change any file


def test_a_derivation_that_never_ends_is_stopped_where_it_loops(tmp_path, capsys):
    """A lecturer's loop (in Python or inside C) or crash is one failure, not a hung build."""
    course = tmp_path / "course"
    course.mkdir()
    (course / "spins.py").write_text("def build():\n    n = 0\n    while True:\n"
                                     "        n += 1\n")
    (course / "in_c.py").write_text("def build():\n    return sum(range(10**15))\n")
    (course / "crashes.py").write_text("import os, signal\n\n\ndef build():\n"
                                       "    os.kill(os.getpid(), signal.SIGSEGV)\n")
    code = main(["build", "--derivations", str(course), "--out", str(tmp_path / "nb"),
                 "--slides", str(tmp_path / "sl"), "--no-pdf", "--timeout", "4"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Built 0 of 3 derivations" in out, out
    assert re.search(r"FAILED spins: still running after 4 s, so it was stopped at "
                     r"spins\.py:[34] in build\(\)", out), out
    # a loop in C does not see SIGTERM: it is killed after the grace period, unplaced
    assert re.search(r"FAILED in_c: still running after 4 s, so it was stopped "
                     r"(at in_c\.py:\d+ in \S+ )?\(a loop", out), out
    assert "FAILED crashes: the worker process crashed (SIGSEGV)" in out
    assert "--timeout SECONDS allows longer" in out
    assert not (tmp_path / "nb").exists() or not list((tmp_path / "nb").iterdir())
    # nothing stopped is recorded as built: the next build tries them again
    assert json.loads((tmp_path / "sl" / ".symmem-build.json").read_text()) == {}


def test_build_timeout_is_checked_and_its_help_gives_the_default(capsys):
    from symmem.build import TIMEOUT

    for bad in ("-1", "soon", "nan", "inf"):
        with pytest.raises(SystemExit):
            main(["build", "--timeout", bad])
        assert "--timeout" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    assert f"(default: {TIMEOUT:g}; 0: no limit)" in " ".join(capsys.readouterr().out.split())
