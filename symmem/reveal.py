"""A derivation as an offline reveal.js deck, made from its notebook.

The deck is the notebook's own slideshow (the ``slideshow`` metadata that
:func:`symmem.notebook.derivation_notebook` sets): the title and goals, the steps
in the groups the Beamer deck uses, the worked numbers, the figures and the
exercises. Code is never shown. The outputs a lecturer shows are filled in by
symmem itself, from the same objects the notebook's cells call: each example's
:class:`~symmem.quantity.Quantity` (value and unit, typeset by MathJax) and each
figure as a PNG. No kernel runs, so the deck is quick to build and its bytes are the
same every time.

nbconvert's slides exporter writes the HTML with symmem's template
(``symmem/templates/symmem_reveal``), which loads reveal.js, its theme and font,
and MathJax 3 from ``_static/`` beside the deck. :func:`install_static` copies
those files there from ``symmem/static`` (see its README for versions and
licences): the deck opens with no network.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell, new_notebook, new_output

from symmem.derivation import Derivation
from symmem.derivation.render import step_markdown
from symmem.errors import MissingError
from symmem.files import write_atomic

__all__ = ["STATIC", "deck_html", "deck_notebook", "install_static"]

PACKAGE = Path(__file__).resolve().parent
STATIC = "_static"  # the folder beside the decks that holds reveal.js and MathJax
TEMPLATES = PACKAGE / "templates"

# Sizes for a projector: a 16:9 deck of 1280 x 720 CSS pixels, which reveal.js scales
# to the screen. Text and equations at 26 px are 3.6 % of the height (11 pt on a Beamer
# frame is 4.3 %), so the frames' grouping of steps fits here too; figures as wide
# as the slide allows.
CSS = """
:root {
  --jp-content-font-size1: 26px;
  --jp-ui-font-size1: 26px;
  --jp-content-font-family: "Source Sans Pro", Helvetica, sans-serif;
  --jp-content-line-height: 1.35;
}
.reveal .slides { text-align: left; }
.reveal .jp-RenderedHTMLCommon h1 { font-size: 56px; text-transform: none; margin-bottom: 0.5em; }
.reveal .jp-RenderedHTMLCommon h2 { font-size: 44px; text-transform: none; margin-bottom: 0.4em; }
.reveal .jp-RenderedHTMLCommon { padding-right: 0; overflow: visible; }
.reveal .jp-RenderedHTMLCommon p, .reveal .jp-RenderedHTMLCommon li { font-size: 26px; }
.reveal .jp-RenderedHTMLCommon small { font-size: 20px; color: #555; }
.reveal .jp-RenderedLatex { font-size: 28px; padding: 0.2em 0; }
.reveal mjx-container[display="true"] { margin: 0.25em 0; }
.reveal .jp-RenderedHTMLCommon p { margin: 0 0 0.4em 0; }
.reveal .jp-Cell { padding: 2px 0; }
.reveal .symmem-eq .broken { display: none; }
.reveal .jp-RenderedImage img { max-width: 100%; max-height: 520px; margin: 0 auto;
  display: block; }
.reveal .jp-OutputArea-output { overflow: visible; }
"""


def _slide_type(cell: NotebookNode) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _role(cell: NotebookNode) -> dict:
    return dict(cell.get("metadata", {}).get("symmem", {}))


def _quantity_output(quantity: object) -> NotebookNode:
    return new_output("display_data", data={
        "text/plain": repr(quantity),
        "text/latex": quantity._repr_latex_()})  # type: ignore[attr-defined]


def _image_output(png: bytes) -> NotebookNode:
    return new_output("display_data", data={
        "image/png": base64.b64encode(png).decode("ascii"), "text/plain": "<Figure>"})


def deck_notebook(nb: NotebookNode, d: Derivation,
                  figures_png: Sequence[bytes]) -> NotebookNode:
    """The slides of a derivation's notebook, with the outputs a lecturer shows.

    Markdown cells stay unless the slideshow skips them or the notebook marks them
    ``hide`` (instructions about running cells); a step's equation comes in two forms,
    on one line and broken between its terms, and the deck shows the one that fits
    (wider than the slide even broken: shrunk, to no less than 85 %, as on Beamer
    frames). Of the code cells only those marked
    ``example`` and ``figure`` stay, as an output cell without code: the example's
    value with its unit, or ``figures_png[i]``.
    """
    if len(figures_png) != len(d.figures):
        raise ValueError(f"{d.name}: {len(d.figures)} figures but {len(figures_png)} images")
    deck = new_notebook(metadata={"title": d.title})
    deck.nbformat, deck.nbformat_minor = 4, 5
    for cell in nb.cells:
        role = _role(cell)
        if _slide_type(cell) == "skip" or role.get("deck") == "hide":
            continue
        metadata = {"slideshow": {"slide_type": _slide_type(cell)}}
        if cell.cell_type == "markdown":
            source = cell.source
            if role.get("deck") == "step":  # the equation in both forms; the deck picks
                source = step_markdown(d, role["index"], both_forms=True)
            deck.cells.append(new_markdown_cell(source, metadata=metadata))
            continue
        if role.get("deck") == "example":
            output = _quantity_output(d.examples[role["index"]].quantity())
        elif role.get("deck") == "figure":
            output = _image_output(figures_png[role["index"]])
        else:
            continue
        deck.cells.append(nbformat.v4.new_code_cell("", metadata=metadata, outputs=[output]))
    _join_bare_headings(deck.cells)
    for number, cell in enumerate(deck.cells):
        cell["id"] = f"slide-cell-{number}"
    return deck


def _join_bare_headings(cells: list[NotebookNode]) -> None:
    """A slide that is only a heading ("## Figures") takes the subslide after it.

    In the notebook the heading opens a section; on the deck an empty slide would
    be wasted, so the first figure or exercise goes on the heading's slide.
    """
    for cell, after in pairwise(cells):
        bare = cell.cell_type == "markdown" and re.fullmatch(r"#{1,6} [^\n]*", cell.source)
        if bare and _slide_type(after) == "subslide":
            after.metadata["slideshow"]["slide_type"] = "-"


def deck_html(deck: NotebookNode) -> str:
    """The reveal.js HTML of a deck notebook; scripts and styles load from ``_static/``."""
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        template_name="symmem_reveal", extra_template_basedirs=[str(TEMPLATES)],
        reveal_url_prefix=f"{STATIC}/reveal.js", reveal_theme="white",
        reveal_transition="none", reveal_width="1280", reveal_height="720",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        anchor_link_text="")
    html, _ = exporter.from_notebook_node(
        deck, resources={"symmem_static": STATIC, "symmem_css": CSS})
    lines = [line.rstrip() for line in html.splitlines()]
    return "\n".join(lines).strip() + "\n"


def static_files() -> list[Path]:
    """The files symmem ships for its decks, relative to ``symmem/static``."""
    root = PACKAGE / "static"
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def install_static(slides: str | Path) -> list[Path]:
    """Copy reveal.js, its theme and MathJax to ``SLIDES/_static``; return what was written.

    A file already there with the same bytes is left alone, so a second build writes
    nothing.
    """
    root, target = PACKAGE / "static", Path(slides) / STATIC
    files = static_files()
    if not any(f.name == "tex-svg.js" for f in files):
        raise MissingError(f"symmem's deck scripts are missing from {root} (reveal.js, "
                           "MathJax); reinstall symmem")
    written = []
    for relative in files:
        data = (root / relative).read_bytes()
        path = target / relative
        if not path.is_file() or path.read_bytes() != data:
            written.append(write_atomic(path, data))
    return written
