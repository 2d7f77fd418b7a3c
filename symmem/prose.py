"""Lecture prose with its mathematics typeset: one path for every sentence symmem shows.

Authors write prose as they would type it: ``E_K``, ``P_Na``, ``c_i``, ``Ca2+``,
``Na+/K+``, ``e^(FV/RT)``, ``E = RT/(zF) ln(c_o/c_i)``. :func:`segments` splits such a
sentence into text and mathematics (as LaTeX), so that a slide
(:func:`prose_latex`) and a notebook (:func:`prose_markdown`) typeset the same
symbols the same way, with the registry's names where a symbol is declared:

* a name with an underscore is a symbol with a roman subscript:
  ``E_Ca`` → :math:`E_{\\mathrm{Ca}}`, ``c_i`` → :math:`c_{\\mathrm{i}}`;
* an ion is upright with its charge raised: ``Ca2+``, ``Ca²⁺`` → :math:`\\mathrm{Ca}^{2+}`,
  and ``[K⁺]ₒ`` is a concentration;
* ``e^(…)`` is an exponential, ``x^2`` a power;
* a run of words that reads as a formula (operators, one- or two-letter symbols,
  numbers, ``ln``) is one formula: ``V = −50`` → :math:`V = -50`.

Text already inside ``$…$`` is the author's LaTeX and is kept as written. A slide
refuses prose that would still show a raw ``_`` or ``^`` (:func:`prose_latex`
raises :class:`~symmem.errors.InputError` naming the text).

>>> prose_latex("E_K in muscle")
'$E_{\\\\mathrm{K}}$ in muscle'
>>> prose_latex("Ca2+ carries two charges")
'$\\\\mathrm{Ca}^{2+}$ carries two charges'
>>> prose_latex("so E = RT/(zF) ln(c_o/c_i).")
'so $E = RT/(zF)\\\\,\\\\ln(c_{\\\\mathrm{o}}/c_{\\\\mathrm{i}})$.'
>>> prose_markdown("With w = e^(FV/RT), a quadratic")
'With $w = e^{FV/RT}$, a quadratic'
"""

from __future__ import annotations

import functools
import re
from functools import cache

from symmem.errors import InputError
from symmem.latex import UNICODE_MATH

__all__ = ["prose_latex", "prose_markdown", "segments"]

_CHARGE = {"+": "+", "-": "-", "−": "-", "⁺": "+", "⁻": "-", "2+": "2+", "²⁺": "2+",
           "3+": "3+", "³⁺": "3+", "2-": "2-", "²⁻": "2-"}
_IONS = "HCO3|Na|Ca|Cl|Mg|Li|K|H"
_SIDE = {"i": "i", "o": "o", "in": "i", "out": "o", "ᵢ": "i", "ₒ": "o"}
_GREEK = {"alpha": r"\alpha", "beta": r"\beta", "gamma": r"\gamma", "rho": r"\rho",
          "tau": r"\tau", "psi": r"\psi", "mu": r"\mu", "pi": r"\pi", "dpsi": r"\Delta\psi",
          "Δpsi": r"\Delta\psi", "dmu": r"\Delta\tilde{\mu}", "dp": r"\Delta p",
          "dpH": r"\Delta\mathrm{pH}"}
#: Greek letters that make a word mathematics
_GREEK_LETTERS = "ΔμψτρβαπφϕγδεθκλσωΩΦΠ"
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-", strict=True))
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
_FUNCTIONS = {"ln": r"\ln", "log10": r"\log_{10}", "log": r"\log", "exp": r"\exp",
              "sin": r"\sin", "cos": r"\cos", "lim": r"\lim"}
#: words that are units or plain-text abbreviations, never symbols
_TEXT_WORDS = {"mV", "mM", "nM", "µM", "μM", "kJ", "mol", "ms", "min", "nm", "µm", "μm",
               "cm", "mm", "pF", "nF", "µF", "μF", "m/s", "A/m²", "A/m^2", "kJ/mol", "J/mol",
               "µF/cm²", "μF/cm²", "µA/cm²", "μA/cm²", "mol/L", "mol/m³", "mol/m^3", "1/s",
               "(A/m²)", "(mV)", "(mM)", "(s)", "mV/decade", "mmHg", "(mmHg)", "mOsm/L",
               "Osm/L", "mOsm", "atm", "kPa"}
_OPERATORS = {"=", "≠", "+", "-", "−", "/", ":", "≈", "<", ">", "≤", "≥", "→", "·", "×", "±", "~"}

_ATOM = re.compile(
    r"(?P<bracket>\[(?P<b_ion>HCO3|Glc|Na|Ca|Cl|Mg|Li|ATP|ADP|K|H|G)"
    r"(?P<b_charge>²⁺|³⁺|²⁻|⁺|⁻|[23]?[+\-−])?\]"
    r"(?P<b_side>_(?:in|out|i|o)(?![A-Za-z0-9])|[ᵢₒ])?)"
    rf"|(?P<ion>(?<![A-Za-z0-9])(?:{_IONS})(?P<charge>²⁺|³⁺|²⁻|⁺|⁻|[23][+\-−]|[+\-−])"
    r"(?![A-Za-z0-9]))"
    r"|(?P<exp>(?<![A-Za-z0-9])e\^\((?P<exponent>[^()]*(?:\([^()]*\)[^()]*)*)\))"
    r"|(?P<ident>(?<![A-Za-z])(?:Δ|d)?[A-Za-z]+_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)"
    r"|(?P<power>(?<=[A-Za-z0-9)\]])\^(?P<pw>\([^()]*\)|[-−+]?[A-Za-z0-9]+))"
)


@cache
def _registry_latex() -> dict[str, str]:
    from symmem.symbols import registry

    return {name: entry.latex for name, entry in registry().items()}


def _subscript(sub: str) -> str:
    return rf"\mathrm{{{_SIDE.get(sub, sub)}}}" if not sub.isdigit() else sub


def _ident_latex(name: str) -> str:
    """``E_Ca`` → ``E_{\\mathrm{Ca}}``; a registered name uses the registry's LaTeX."""
    known = _registry_latex().get(name)
    if known is not None:
        return known
    base, _, sub = name.partition("_")
    prefix = ""
    if base.startswith("Δ"):
        prefix, base = r"\Delta ", base[1:]
    elif base.startswith("d") and len(base) > 1 and base[1:] in ("G", "V", "c", "mu"):
        prefix, base = r"\Delta ", base[1:]
    if base in _GREEK:
        base = _GREEK[base]
    elif len(base) > 1 and base not in ("pH",):
        base = rf"\mathrm{{{base}}}"
    elif base == "pH":
        base = r"\mathrm{pH}"
    subs = sub.split("_")
    return prefix + base + "_{" + ",".join(_subscript(s) for s in subs) + "}"


def _charge(text: str) -> str:
    return _CHARGE.get(text, text.replace("−", "-"))


def _atom_latex(match: re.Match[str]) -> str:
    if match["bracket"]:
        ion = rf"\mathrm{{{match['b_ion']}}}"
        if match["b_charge"]:
            ion += f"^{{{_charge(match['b_charge'])}}}"
        side = match["b_side"] or ""
        side = side.lstrip("_")
        return f"[{ion}]" + (rf"_{{\mathrm{{{_SIDE[side]}}}}}" if side else "")
    if match["ion"]:
        name = match["ion"][: len(match["ion"]) - len(match["charge"])]
        name = name.replace("HCO3", r"HCO_{3}")
        return rf"\mathrm{{{name}}}^{{{_charge(match['charge'])}}}"
    if match["exp"]:
        return f"e^{{{_formula(match['exponent'])}}}"
    if match["ident"]:
        return _ident_latex(match["ident"])
    exponent = match["pw"]
    if exponent.startswith("(") and exponent.endswith(")"):
        exponent = exponent[1:-1]
    return f"^{{{_formula(exponent)}}}"


_PLACEHOLDER = "\ue000{}\ue001"
_HELD = re.compile("\ue000(\\d+)\ue001")


def _hold_atoms(text: str, held: list[str]) -> str:
    """Replace each atom by a placeholder; its LaTeX goes into ``held``."""
    def keep(match: re.Match[str]) -> str:
        held.append(_atom_latex(match))
        return _PLACEHOLDER.format(len(held) - 1)

    return _ATOM.sub(keep, text)


def _formula(text: str, held: list[str] | None = None) -> str:
    """LaTeX for a run of text known to be a formula (atoms already in ``held`` stay)."""
    held = [] if held is None else held
    text = _hold_atoms(text, held)
    out: list[str] = []
    text = text.replace("μ̃", "\ue010").replace("**", "^")
    for token in re.findall("\ue000\\d+\ue001|[A-Za-zΔ]+\\d*|\\d+(?:\\.\\d+)?|\\s+|"
                            "[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+|.", text):
        if token.isspace():
            out.append(r"\," if out and out[-1] not in ("", "(") else "")
        elif token.startswith("\ue000"):
            out.append(held[int(_HELD.match(token)[1])])
        elif token in _FUNCTIONS:
            out.append(_FUNCTIONS[token])
        elif token in _GREEK:
            out.append(_GREEK[token] + " ")
        elif token.startswith("Δ"):
            out.append(r"\Delta " + (_GREEK.get(token[1:], token[1:]) if token[1:] != "pH"
                                     else r"\mathrm{pH}"))
        elif token in ("pH",):
            out.append(r"\mathrm{pH}")
        elif token[0].isalpha() and token.startswith("log10"):
            out.append(r"\log_{10}")
        elif token[0] in _SUPERSCRIPTS:
            out.append("^{" + "".join(_SUPERSCRIPTS[c] for c in token) + "}")
        elif token in _SUBSCRIPTS:
            out.append(f"_{{{_SUBSCRIPTS[token]}}}")
        elif token == "\ue010":
            out.append(r"\tilde{\mu}")
        elif token in UNICODE_MATH:  # the one table, shared with tex_text
            out.append(UNICODE_MATH[token])
        elif token == "*":
            out.append(r"\,")
        elif token in "{}":
            out.append("\\" + token)
        else:
            out.append(token)
    latex = "".join(out)
    latex = re.sub(r"(?:\\,)+", r"\\,", latex)
    latex = re.sub(r"\\,([=+\-/:<>)]|\\approx|\\to|\\le|\\ge|\\times|\\cdot|\\pm)", r" \1", latex)
    latex = re.sub(r"([=+\-/:<>(]|\\approx|\\to|\\le|\\ge|\\times|\\cdot|\\pm)\\,", r"\1 ", latex)
    latex = re.sub(r"\^\{(\d)\}\^\{([+-])\}", r"^{\1\2}", latex)
    return re.sub(r" {2,}", " ", latex).strip()


def _letters(word: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", word)


def _kind(word: str) -> str:
    """How a word (with atoms held) reads: 'text', 'weak' (a letter, number or operator)
    or 'strong' (certainly mathematics)."""
    if word in _OPERATORS:
        return "op"
    if word in _TEXT_WORDS:
        return "text"
    bare = word.strip("()")
    if bare in _GREEK:
        return "strong"
    if not bare:
        return "weak" if word else "text"
    if bare in _TEXT_WORDS:
        return "text"
    for run in _letters(_HELD.sub("", bare)):
        if run in _FUNCTIONS or run in _GREEK or run in ("pH", "dt", "dx"):
            continue
        if run.startswith("log") and run[3:] == "":
            continue
        if len(run) >= 3 and (run.islower() or run.isupper() or run[0].isupper()):
            return "text"
        if len(run) == 2 and (run.islower() or (run[0].isupper() and run[1].islower())) \
                and run != "ln":
            return "text"
    allowed = (r"[\ue000\ue001A-Za-z0-9=+\-−/()·×.,;:<>≈≤≥→≠μ̃ℓ²³⁺⁻⁰¹⁴-⁹ᵢₒ*~±′"
               + _GREEK_LETTERS + "]+")
    if not re.fullmatch(allowed, bare):
        return "text"
    mathy = r"[=/^()]|\d[A-Za-z]|[A-Za-z]\d|[²³⁺⁻⁰¹⁴-⁹]"
    if "\ue000" in bare or bare[0] in _GREEK_LETTERS or re.search(mathy, bare):
        return "strong"
    return "weak"


def segments(text: str) -> list[tuple[str, str]]:
    """Split prose into ``("text", words)`` and ``("math", latex)`` pieces, in order."""
    out: list[tuple[str, str]] = []
    for i, part in enumerate(text.split("$")):
        if i % 2:
            out.append(("math", part))
            continue
        held: list[str] = []
        marked = _hold_atoms(part.replace("**", "^"), held)
        words = re.split(r"(\s+)", marked)
        pieces: list[tuple[str, str]] = []
        run: list[str] = []
        flush = functools.partial(_flush, pieces=pieces, held=held)
        for word in words:
            if not word:
                continue
            if word.isspace():
                if run:
                    run.append(word)
                else:
                    pieces.append(("text", word))
                continue
            core, tail = (word, "") if word in _OPERATORS else _split_punctuation(word)
            kind = _kind(core) if core else "text"
            if kind == "text":
                flush(run)
                run = []
                pieces.extend(_text_and_atoms(word, held))
            else:
                run.append(core)
                if tail:
                    flush(run)
                    run = []
                    pieces.append(("text", tail))
        flush(run)
        out.extend(pieces)
    merged: list[tuple[str, str]] = []
    for kind, value in out:
        if merged and merged[-1][0] == kind == "text":
            merged[-1] = ("text", merged[-1][1] + value)
        else:
            merged.append((kind, value))
    return merged


def _split_punctuation(word: str) -> tuple[str, str]:
    """``"c_i)."`` → ``("c_i)", ".")``: trailing sentence punctuation stays text."""
    match = re.match(r"^(.*?)([.,;:!?]*|\.\.\.)$", word, re.S)
    core, tail = match[1], match[2]
    if core.endswith(".") and not re.search(r"\d\.$", core):
        core, tail = core[:-1], "." + tail
    return core, tail


def _flush(run: list[str], pieces: list[tuple[str, str]], held: list[str]) -> None:
    """A run of non-text words becomes a formula if it reads as one, else stays text."""
    space = ""
    while run and run[-1].isspace():
        space = run.pop() + space
    trailing = ""
    if not run:
        if space:
            pieces.append(("text", space))
        return
    while run and run[-1].strip("(") in ("a", "A"):  # an article, not a radius
        space = run.pop() + space
        while run and run[-1].isspace():
            space = run.pop() + space
    if not run:
        pieces.append(("text", space))
        return
    words = [w for w in run if not w.isspace()]
    kinds = [_kind(w) for w in words]
    formula = "strong" in kinds or ("op" in kinds and len(words) >= 3 and
                                    kinds[0] != "op" and kinds[-1] != "op")
    text = "".join(run)
    if not formula:
        pieces.extend(_text_and_atoms(text + space, held))
        return
    lead = ""
    while text.startswith("(") and text.count("(") > text.count(")"):
        lead, text = lead + "(", text[1:]
    while text.endswith(")") and text.count(")") > text.count("("):
        trailing, text = ")" + trailing, text[:-1]
    if lead:
        pieces.append(("text", lead))
    pieces.append(("math", _formula(text, held)))
    if trailing or space:
        pieces.append(("text", trailing + space))


def _text_and_atoms(text: str, held: list[str]) -> list[tuple[str, str]]:
    """Words as text, with the atoms held in them (``Na+`` of "Na+-loaded") as maths."""
    pieces: list[tuple[str, str]] = []
    for i, part in enumerate(_HELD.split(text)):
        if i % 2:
            pieces.append(("math", held[int(part)]))
        elif part:
            pieces.append(("text", part))
    return pieces


def prose_latex(text: str) -> str:
    """Prose for a LaTeX slide: text escaped, mathematics in ``$…$``."""
    from symmem.latex import tex_text

    out = []
    for kind, value in segments(text):
        if kind == "math":
            out.append(f"${value}$")
            continue
        if re.search(r"[_^]|\*\*", re.sub(r"\$[^$]*\$", "", value)):
            raise InputError(f"this text would show a raw {'_' if '_' in value else '^'} on a "
                             f"slide: {text!r}; write the symbol as a name (E_K, c_i) or the "
                             "mathematics between $…$")
        out.append(tex_text(value))
    return "".join(out)


def prose_markdown(text: str) -> str:
    """Prose for a notebook's Markdown: text escaped, mathematics in ``$…$``."""
    from symmem.derivation.render import md_text

    return "".join(f"${value}$" if kind == "math" else md_text(value)
                   for kind, value in segments(text))
