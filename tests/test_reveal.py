"""The reveal.js decks: one per derivation, offline, without code, and readable.

Independent of the code that wrote them: the HTML is parsed with the standard
library's parser, every file it or its style sheets name is looked up on disk, and
each deck is opened in headless Chromium, which logs every request the page makes
and runs ``deck_probe.js``: it visits every slide and measures what is drawn there.
"""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from browser import chromium, open_page

from symmem.build import build
from symmem.reveal import STATIC, deck_notebook

COURSE = Path(__file__).resolve().parents[1] / "derivations"
NAMES = sorted(p.stem for p in COURSE.glob("*.py") if not p.name.startswith("_"))
PROBE = Path(__file__).with_name("deck_probe.js")
NEEDS_CHROMIUM = pytest.mark.skipif(
    chromium() is None and os.environ.get("CI") != "true",
    reason="chromium is not installed (CI installs it)")


@pytest.fixture(scope="module")
def slides(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reveal")
    results = build(COURSE, out / "nb", out / "slides", pdf=False, report=lambda line: None)
    assert all(r.error is None for r in results), [r.error for r in results if r.error]
    return out / "slides"


class _Links(HTMLParser):
    """What a page loads (src, href of link and script), and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.anchors: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        for key in ("src", "href"):
            if values.get(key):
                (self.anchors if tag == "a" else self.loads).append(values[key] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(page: Path) -> _Links:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def _local(reference: str, base: Path) -> Path | None:
    """The file a relative reference names; None for data: URLs and fragments."""
    if reference.startswith(("data:", "#")):
        return None
    parsed = urlparse(reference)
    assert not parsed.scheme and not parsed.netloc, f"{base.name} loads {reference}"
    return (base.parent / unquote(parsed.path)).resolve()


def test_every_derivation_has_a_deck_that_needs_only_files_beside_it(slides: Path) -> None:
    assert sorted(p.stem for p in slides.glob("*.html")) == NAMES
    styles: set[Path] = set()
    for page in sorted(slides.glob("*.html")):
        links = _parse(page)
        assert any(r.endswith("reveal.js") for r in links.loads), page.name
        assert any(r.endswith("tex-svg.js") for r in links.loads), page.name
        for reference in links.loads:
            target = _local(reference, page)
            if target is not None:
                assert target.is_file(), f"{page.name} needs {reference}, which is missing"
                assert slides / STATIC in target.parents, f"{page.name}: {reference}"
                if target.suffix == ".css":
                    styles.add(target)
    assert styles
    for sheet in styles:  # fonts and imports named by the style sheets are there too
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for reference in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
            target = _local(reference.strip(), sheet)
            assert target is None or target.is_file(), f"{sheet.name} needs {reference}"


def test_no_deck_shows_code(slides: Path) -> None:
    for page in sorted(slides.glob("*.html")):
        text = html.unescape(" ".join(_parse(page).text))
        for code in (r"\bimport\b", r"\blaw\(", r"\.quantity\(", r"derivation\(", r"\bfig =",
                     r"answer = ", r"symmem\.", r"\bplt\."):
            assert not re.search(code, text), (page.name, code)
        assert "You will learn to" in text and "Exercise 1" in text, page.name


def test_the_deck_keeps_the_notebooks_slides_and_fills_in_the_outputs() -> None:
    from symmem.course import derivation
    from symmem.notebook import derivation_notebook

    d = derivation("nernst")
    d.verify()
    nb = derivation_notebook(d)
    deck = deck_notebook(nb, d, [b"\x89PNG-1"])
    kinds = [c.metadata["slideshow"]["slide_type"] for c in deck.cells]
    assert "skip" not in kinds
    code = [c for c in deck.cells if c.cell_type == "code"]
    assert all(c.source == "" for c in code)  # no code, only what it shows
    shown = [o["data"] for c in code for o in c.outputs]
    # the two examples of the Nernst derivation with their units (Hille, Table 1.1:
    # E_K = -97.7 mV at 155/4 mM, E_Na = +66.6 mV at 12/145 mM, 37 °C)
    latex = [s["text/latex"] for s in shown if "text/latex" in s]
    assert latex == [r"$E = -97.7\,\mathrm{mV}$", r"$E = 66.6\,\mathrm{mV}$"]
    assert sum("image/png" in s for s in shown) == 1
    steps = [c.source for c in deck.cells if c.source.startswith("**(")]
    assert len(steps) == len(d.steps) and all('class="symmem-eq"' in s for s in steps)
    with pytest.raises(ValueError, match="1 figures but 0 images"):
        deck_notebook(nb, d, [])


def _probe(page: Path, tmp_path: Path) -> tuple[dict, set[str]]:
    """Open a copy of the deck, with the probe added, beside the deck (so _static/ is found)."""
    copy = page.with_name(f"probe-{page.name}")
    source = page.read_text(encoding="utf-8")
    copy.write_text(source.replace("</html>", f"<script>\n{PROBE.read_text()}</script>\n"
                                              "</html>"), encoding="utf-8")
    try:
        dom, asked = open_page(copy, tmp_path, page.stem, dom=True, window="1280,720",
                               wait_ms=20_000)
    finally:
        copy.unlink()
    found = re.search(r'<body[^>]*\sdata-probe="([^"]*)"', dom)
    assert found, f"{page.name}: the deck never became ready (no data-symmem-ready)"
    return json.loads(html.unescape(found[1])), asked


@NEEDS_CHROMIUM
@pytest.mark.parametrize("name", NAMES)
def test_each_deck_opens_offline_with_every_formula_typeset_and_on_its_slide(
        slides: Path, tmp_path: Path, name: str) -> None:
    report, asked = _probe(slides / f"{name}.html", tmp_path)
    outside = {url for url in asked if not url.startswith("file://")}
    assert not outside, outside  # nothing from the network
    assert report["slides"] >= 5 and report["typeset"] >= 10, report
    assert report["errors"] == 0, report  # MathJax read every formula
    assert report["overflow"] == [], report  # nothing past a slide's edges
    assert report["squeezed"] == [], report  # no equation squeezed below its size
    assert all(float(size.rstrip("%")) >= 85 for *_, size in report["shrunk"]), report
    words = report["text"]
    assert "$" not in words and "\\frac" not in words, words[:300]  # no TeX left raw


def test_missing_deck_scripts_are_an_error_not_a_blank_deck(tmp_path, monkeypatch):
    import symmem.reveal as reveal
    from symmem.errors import MissingError

    monkeypatch.setattr(reveal, "PACKAGE", tmp_path / "broken-install")
    with pytest.raises(MissingError, match="reinstall symmem"):
        reveal.install_static(tmp_path / "slides")
    assert not (tmp_path / "slides").exists()
