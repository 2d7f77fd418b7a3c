"""A class report: one self-contained HTML page a lecturer reads after grading.

For each question: how many answers got each verdict; a histogram of the scores; the
named mistakes, most frequent first; and the wrong answers grouped by mathematical
equivalence (answers equal at the question's sample points are one group), each group
shown once as mathematics with its count and the feedback it got — so a lecturer reads
twenty groups instead of six hundred rows, and sees what to teach again. Then the rows
that need a person (undecided, error, invalid), by id.

Figures and formulas are inline SVG drawn by matplotlib: the page loads nothing from
anywhere, and every piece of student text is escaped.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symmem.checking.grade_input import stream_rows
from symmem.files import write_atomic

__all__ = ["write_report"]

#: rows a person should look at
_REVIEW = ("undecided", "error", "invalid")
_MAX_GROUPS = 20


@dataclass
class _Group:
    count: int = 0
    texts: Counter = field(default_factory=Counter)
    feedback: str = ""
    mistakes: str = ""
    latex: str = ""
    values: list[complex | None] | None = None


@dataclass
class _Question:
    verdicts: Counter = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    mistakes: Counter = field(default_factory=Counter)
    groups: dict[Any, _Group] = field(default_factory=dict)


def _mistakes(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [m for m in str(value or "").split(";") if m]


def _signature(name: str, answer: str, questions: dict | None
               ) -> tuple[list[complex | None] | None, str]:
    """The answer's values at the question's sample points (None when it cannot be read
    as an expression) and its LaTeX ('' if unread)."""
    from symmem.checking.grade_input import from_rich_text
    from symmem.checking.judge import _one_ion, _prepare
    from symmem.checking.parse import ParseError, parse_answer
    from symmem.checking.questions import question
    from symmem.equivalence import values
    from symmem.errors import SymmemError
    from symmem.latex import latex

    try:
        q = question(name, questions)
        if q.numeric:
            return None, ""
        _, expr = parse_answer(from_rich_text(answer), q.reading_table())
        expr, _ = _one_ion(q, expr)
    except (ParseError, SymmemError, ValueError, KeyError):
        return None, ""
    return values(expr, _prepare(q).samples), latex(expr)


def _group_of(entry: _Question, answer: str, got: list[complex | None] | None) -> Any:
    """The key of the group ``answer`` belongs to: answers equal at every sample point
    (to the checker's accuracy) are one group; unreadable ones group by their text."""
    from symmem.equivalence import agree

    if got is None:
        return ("text", answer.strip())
    for key, group in entry.groups.items():
        if group.values is not None and agree(got, group.values, 1e-8):
            return key
    return ("value", len(entry.groups))


def _bare_svg(svg: str) -> str:
    """The <svg> element alone, without the XML prologue and the RDF metadata block."""
    svg = svg[svg.index("<svg"):]
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)


def _svg_math(tex: str) -> str:
    """A formula as inline SVG (matplotlib's mathtext), or its escaped source."""
    if not tex:
        return ""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = tex.replace(r"\left", "").replace(r"\right", "")
    figure = plt.figure(figsize=(0.01, 0.01))
    try:
        figure.text(0, 0, f"${text}$", fontsize=13)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.02,
                       transparent=True, metadata={"Date": None})
        return _bare_svg(buffer.getvalue())
    except (ValueError, RuntimeError):
        return f"<code>{html.escape(tex)}</code>"
    finally:
        plt.close(figure)


def _histogram(scores: list[float]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(figsize=(4.2, 2.2))
    axes.hist(scores, bins=[0, 0.125, 0.375, 0.625, 0.875, 1.0001], color="#4c72b0",
              edgecolor="white")
    axes.set_xlabel("score", fontsize=10)
    axes.set_ylabel("answers", fontsize=10)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # answers are counted
    axes.tick_params(labelsize=9)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    return _bare_svg(buffer.getvalue())


def _collect(graded: Path, questions: dict | None) -> tuple[dict[str, _Question], list]:
    by_question: dict[str, _Question] = defaultdict(_Question)
    review = []
    read: dict[tuple[str, str], tuple[Any, str]] = {}
    for row in stream_rows(graded):
        data = row.data
        name = str(data.get("question", "")).strip()
        verdict = str(data.get("verdict", ""))
        entry = by_question[name]
        entry.verdicts[verdict] += 1
        score = data.get("score")
        if score not in (None, ""):
            entry.scores.append(float(score))
        codes = _mistakes(data.get("mistakes"))
        entry.mistakes.update(codes)
        if verdict in _REVIEW:
            review.append((str(data.get("id", "")), name, verdict,
                           str(data.get("answer", "")), str(data.get("feedback", ""))))
        if verdict == "incorrect":
            answer = str(data.get("answer", ""))
            if (name, answer) not in read:  # a repeated answer is read once
                read[(name, answer)] = _signature(name, answer, questions)
            got, tex = read[(name, answer)]
            group = entry.groups.setdefault(_group_of(entry, answer, got), _Group(
                feedback=str(data.get("feedback", "")), mistakes=", ".join(codes), latex=tex,
                values=got))
            group.count += 1
            group.texts[answer.strip()] += 1
    return by_question, review


_STYLE = """body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:.25em .6em;
text-align:left;vertical-align:top}th{background:#f4f4f4}.n{text-align:right}
.group svg{vertical-align:middle}.muted{color:#666;font-size:.9em}"""


def _to_look_at(review: list) -> str:
    """The rows listed at the end, counted as ``symmem grade``'s summary counts them: to
    review (review=yes, no score yet) and invalid (scored 0)."""
    invalid = sum(1 for row in review if row[2] == "invalid")
    line = f"{len(review) - invalid} to review (review=yes: undecided or error, no score yet)"
    if invalid:
        line += f" and {invalid} invalid (unreadable or empty, scored 0)"
    return line + (", listed at the end." if review else ".")


def write_report(graded: Path, path: Path, *, questions: dict | None = None) -> Path:
    """Write the class report of a graded file (CSV or JSON lines) to ``path``."""
    by_question, review = _collect(graded, questions)
    total = sum(sum(q.verdicts.values()) for q in by_question.values())
    out = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>Class report: {html.escape(graded.name)}</title>",
           f"<style>{_STYLE}</style></head><body>",
           f"<h1>Class report: {html.escape(graded.name)}</h1>",
           f"<p>{total} answers to {len(by_question)} questions; {_to_look_at(review)}</p>"]
    for name in sorted(by_question):
        q = by_question[name]
        out.append(f"<h2 id=\"q-{html.escape(name)}\">{html.escape(name)}</h2>")
        out.append("<table><tr>" + "".join(f"<th>{html.escape(v)}</th>" for v in
                                           sorted(q.verdicts)) + "</tr><tr>" +
                   "".join(f"<td class=\"n\">{q.verdicts[v]}</td>" for v in sorted(q.verdicts))
                   + "</tr></table>")
        if q.scores:
            out.append(f"<figure>{_histogram(q.scores)}<figcaption class=\"muted\">Scores "
                       f"of the {len(q.scores)} judged answers.</figcaption></figure>")
        if q.mistakes:
            out.append("<h3>Named mistakes</h3><table><tr><th>mistake</th><th>answers</th>"
                       "</tr>" + "".join(f"<tr><td>{html.escape(code)}</td><td class=\"n\">"
                                         f"{count}</td></tr>"
                                         for code, count in q.mistakes.most_common()) +
                       "</table>")
        groups = sorted(q.groups.values(), key=lambda g: -g.count)
        if groups:
            plural = "s" if len(groups) != 1 else ""
            out.append(f"<h3>Wrong answers, grouped ({len(groups)} group{plural})</h3><table><tr>"
                       "<th>answers</th><th>as written most often</th><th>read as</th>"
                       "<th>feedback</th></tr>")
            for group in groups[:_MAX_GROUPS]:
                text, _ = group.texts.most_common(1)[0]
                out.append(f"<tr class=\"group\"><td class=\"n\">{group.count}</td><td><code>"
                           f"{html.escape(text)}</code></td><td>{_svg_math(group.latex)}</td>"
                           f"<td>{html.escape(group.feedback)}</td></tr>")
            out.append("</table>")
            if len(groups) > _MAX_GROUPS:
                out.append(f"<p class=\"muted\">… and {len(groups) - _MAX_GROUPS} smaller "
                           "groups.</p>")
    out.append("<h2 id=\"review\">Rows to review</h2>")
    if review:
        out.append("<table><tr><th>id</th><th>question</th><th>verdict</th><th>answer</th>"
                   "<th>why</th></tr>" +
                   "".join(f"<tr><td>{html.escape(i)}</td><td>{html.escape(n)}</td><td>"
                           f"{html.escape(v)}</td><td><code>{html.escape(a[:200])}</code></td>"
                           f"<td>{html.escape(f)}</td></tr>"
                           for i, n, v, a, f in review) + "</table>")
    else:
        out.append("<p>None: every answer was judged.</p>")
    out.append("</body></html>")
    return write_atomic(path, "\n".join(out) + "\n")
