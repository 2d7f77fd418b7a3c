"""Every bundled deck, measured from its PDF as a lecturer would see it projected.

Independent of the code that wrote the slides: the text and font sizes are read back
from the compiled PDF with pdfplumber (pdfminer), not from the ``.tex``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from symmem.build import build
from symmem.slides import LatexError, compile_pdf, pdflatex_available

pdfplumber = pytest.importorskip("pdfplumber")
pytestmark = pytest.mark.skipif(not pdflatex_available(), reason="needs pdflatex")

COURSE = Path(__file__).resolve().parents[1] / "derivations"
#: what may never appear in the text of a slide
FORBIDDEN = {"underscore": r"_", "caret": r"\^", "e-notation": r"\d\.?\d*e[+-]?\d",
             "Python call": r"[a-z_]+\([a-z_]+ ?=", "Python power": r"\*\*"}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decks")
    results = build(COURSE, out / "nb", out / "slides", report=lambda line: None, jobs=2)
    assert all(r.error is None for r in results), [r.error for r in results if r.error]
    return out / "slides"


def _decks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf")
                  if "-figure-" not in p.name and not p.stem.endswith("-handout"))


def _size(char: dict) -> float:
    """A glyph's font size read from its box (rotated text: its width)."""
    return char["height"] if char["upright"] else char["width"]


def test_every_deck_has_footers_n_of_N_and_a_handout(decks: Path) -> None:
    assert len(_decks(decks)) == len([p for p in COURSE.glob("*.py")
                                      if not p.name.startswith("_")])
    tex = (decks / "pump_leak.tex").read_text()
    assert r"\pause" in tex and r"\includegraphics" in tex and r"\titlepage" in tex
    for pdf_path in _decks(decks):
        with pdfplumber.open(pdf_path) as pdf:
            footers = [re.findall(r"(\d+)\s*/\s*(\d+)", page.extract_text() or "")[-1]
                       for page in pdf.pages]
        totals = {int(total) for _, total in footers}
        frames = int(footers[-1][0])
        assert totals == {frames}, (pdf_path.name, totals)  # "n / 1" would fail here
        handout = pdf_path.with_name(f"{pdf_path.stem}-handout.pdf")
        with pdfplumber.open(handout) as printed:
            assert len(printed.pages) == frames, pdf_path.name  # one page per frame


def test_no_code_on_any_slide(decks: Path) -> None:
    for pdf_path in _decks(decks):
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                text = page.extract_text() or ""
                for what, pattern in FORBIDDEN.items():
                    assert not re.search(pattern, text), (pdf_path.name, page.page_number,
                                                          what, text[:200])


def test_words_are_large_enough_to_read(decks: Path) -> None:
    """At most 2 % of words below a 6 pt font, none below 5 pt (figure text included)."""
    for pdf_path in _decks(decks):
        sizes = []
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                for word in page.extract_words(extra_attrs=["upright"], return_chars=True):
                    sizes.append((max(_size(c) for c in word["chars"]), word["text"],
                                  page.page_number))
        small = [s for s in sizes if s[0] < 5.95]
        assert len(small) <= 0.02 * len(sizes), (pdf_path.name, len(small), small[:10])
        assert not [s for s in sizes if s[0] < 4.95], pdf_path.name


def _deck(tmp_path: Path, body: str) -> Path:
    from symmem.slides import PREAMBLE

    tex = tmp_path / "deck.tex"
    tex.write_text(PREAMBLE + "\\begin{document}\n" + body + "\n\\end{document}\n")
    return tex


def test_an_equation_too_wide_even_broken_fails_naming_the_frame(tmp_path: Path) -> None:
    wide = " + ".join(f"x_{{{i}}}" for i in range(60))
    tex = _deck(tmp_path, f"\\begin{{frame}}{{Too wide}}\n\\stepeq{{{wide}}}{{{wide}}}\n"
                "\\end{frame}")
    with pytest.raises(LatexError, match=r'frame "Too wide".*right edge'):
        compile_pdf(tex)


def test_a_slightly_wide_equation_is_shrunk_not_refused(tmp_path: Path) -> None:
    """Up to 1/0.85 of the text width, the equation is scaled down (to 85 % at least)."""
    tex = _deck(tmp_path, "\\begin{frame}{Fits}\n\\stepeq{\\rule{1.1\\linewidth}{1pt}}"
                "{\\rule{1.1\\linewidth}{1pt}}\n\\end{frame}")
    assert compile_pdf(tex).overfull_pt == 0.0


def test_a_frame_that_runs_off_the_bottom_fails(tmp_path: Path) -> None:
    lines = "\n\n".join(f"Line {i} of a frame that is far too long." for i in range(40))
    tex = _deck(tmp_path, f"\\begin{{frame}}{{Too long}}\n{lines}\n\\end{{frame}}")
    with pytest.raises(LatexError, match=r"Too long.*off the bottom"):
        compile_pdf(tex)
