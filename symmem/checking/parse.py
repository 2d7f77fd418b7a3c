"""Read a student's answer into SymPy without ever running it.

The answer is normalised (Unicode minus, ×, ·, µ, superscript digits, odd spaces),
LaTeX is translated into the same plain notation, and the text is split into tokens
by our own tokenizer. Implicit multiplication is made explicit (``R T``, ``RT``,
``2.303RT``, ``zF``, ``)(``), names are split into the question's symbols, and the
result is parsed by :func:`ast.parse` and walked with a strict whitelist: numbers,
the question's symbols, ``+ - * / **``, and calls of ``ln log log10 exp sqrt abs``.
Every SymPy object is built here, directly; nothing reaches ``eval``, ``exec``,
``sympify`` or ``parse_expr``.

Limits are checked before anything is built: length, nesting depth, digits in a
number and the size of a numeric exponent, so ``9**9**9**9`` is refused at once.
"""

from __future__ import annotations

import ast
import difflib
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import sympy as sp

from symmem.errors import ParseError

__all__ = [
    "Limits",
    "ParseError",
    "detect_format",
    "parse_answer",
    "parse_equation",
    "parse_expression",
    "parse_number",
]


@dataclass(frozen=True)
class Limits:
    """What an answer may be; anything beyond is refused before it is built."""

    length: int = 600
    depth: int = 30
    digits: int = 24
    exponent: int = 64
    nodes: int = 400


LIMITS = Limits()




def shown(text: str, width: int = 40) -> str:
    """Student text to echo in feedback: control characters dropped, cut to ``width``.

    Feedback is plain text; whatever renders it as HTML or Markdown escapes it there
    (the notebook display, the class report).
    """
    clean = "".join(ch for ch in text if ch.isprintable())
    return clean if len(clean) <= width else clean[:width] + "…"


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_REPLACE = {"−": "-", "–": "-", "—": "-", "×": " * ", "·": " * ", "⋅": " * ", "∗": " * ",
            "÷": " / ", " ": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ",
            "\u2003": " ", "Δ": "Delta", "ψ": "psi", "π": "pi", "μ": "mu", "φ": "phi",
            "τ": "tau", "λ": "lambda", "Π": "Pi",
            "ϕ": "phi", "≈": " about ",
            "∼": " about ", "～": " about "}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalise(text: str) -> str:
    """Unicode to plain notation.

    Superscripts become powers first (x² → x^(2)); then NFKC folds full-width brackets,
    mathematical italic letters pasted from a PDF and the micro sign to plain ones;
    then minus signs, ×, ·, Greek letters and odd spaces are spelled out, and combining
    marks (the tilde of μ̃) are dropped.
    """
    text = text.translate(_ZERO_WIDTH)
    text = re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)", lambda m: f"^({m.group(1).translate(_SUPERSCRIPTS)})",
                  text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    return _join_delta(text)


def _join_delta(text: str) -> str:
    r"""``Delta psi``, ``Delta pH`` and ``Delta [Na+]_i`` as one name (Δψ, ΔpH, Δ[Na⁺]ᵢ),
    never touching ``\Delta``."""
    return re.sub(r"(?<![\\A-Za-z])Delta\s*(?=[A-Za-z\[])", "Delta", text)


# --- LaTeX --------------------------------------------------------------------------------
#: the size commands before a bracket: \bigl( ... \bigr), \Big[, \Biggl\{
_SIZED = tuple(rf"\{size}{side}" for size in ("big", "Big", "bigg", "Bigg")
               for side in ("", "l", "r", "m"))
_LATEX_WORDS = {r"\ln": " ln", r"\exp": " exp", r"\log": " log", r"\cdot": "*",
                r"\times": "*", r"\left": "", r"\right": "", r"\,": " ", r"\;": " ",
                r"\!": "", r"\:": " ", r"\quad": " ", r"\Delta": " Delta", r"\psi": "psi",
                r"\tau": "tau", r"\pi": "pi", r"\mu": "mu", r"\rho": "rho", r"\phi": "phi",
                r"\varphi": "phi", r"\dfrac": r"\frac",
                r"\tfrac": r"\frac", r"\mathrm": "", r"\text": "", r"\operatorname": "",
                r"\displaystyle": "", **dict.fromkeys(_SIZED, ""),
                r"\tilde": "", r"\bar": "", r"\hat": "", r"\approx": " about ",
                r"\sim": " about ", r"\circ": "circ", r"\ominus": "ominus"}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def _braced(text: str, start: int) -> tuple[str, int]:
    """The group ``{...}`` (or one character) starting at ``start``; returns (content, end)."""
    while start < len(text) and text[start] == " ":
        start += 1
    if start >= len(text):
        raise ParseError("a LaTeX command is missing its argument at the end")
    if text[start] == "\\":  # \tilde\mu: the argument is the next command
        command = _COMMAND.match(text, start)
        if command:
            return command.group(0), command.end()
    if text[start] != "{":
        return text[start], start + 1
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    raise ParseError("a { is never closed in the LaTeX")


def latex_to_text(source: str) -> str:
    """Translate the LaTeX students write into plain notation; refuse other commands."""
    text = source.replace(r"\log_{10}", " log10").replace(r"\log_10", " log10")
    text = re.sub(r"\\log\s*_\s*(?:\{\s*e\s*\}|e(?![A-Za-z0-9]))", r"\\ln ", text)
    # a square bracket that a size command opens or closes groups, as ( ) does:
    # \ln\left[\frac{c_o}{c_i}\right] (a concentration's bracket is never sized)
    text = re.sub(r"(\\(?:left|(?:big|Big|bigg|Bigg)l?))\s*\[", r"\1(", text)
    text = re.sub(r"(\\(?:right|(?:big|Big|bigg|Bigg)r?))\s*\]", r"\1)", text)
    text = text.replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")
    for command in _COMMAND.finditer(text):
        word = "\\" + command.group(1)
        if word not in _LATEX_WORDS and word not in (r"\frac", r"\sqrt", r"\{", r"\}"):
            raise ParseError(f"the LaTeX command {shown(word)} is not allowed in an answer "
                             r"(use \frac, \ln, \log, \exp, \sqrt, \cdot, ^{...}, _{...})")
    out, i = [], 0
    while i < len(text):
        if text.startswith(r"\frac", i):
            top, i = _braced(text, i + 5)
            bottom, i = _braced(text, i)
            out.append(f"(({latex_to_text(top)})/({latex_to_text(bottom)}))")
        elif match := re.match(r"\\(mathrm|text|operatorname|mathit|tilde|bar|hat)\b",
                               text[i:]):
            inside, i = _braced(text, i + match.end())
            out.append(latex_to_text(inside))
        elif text.startswith(r"\sqrt", i):
            inside, i = _braced(text, i + 5)
            out.append(f" sqrt({latex_to_text(inside)})")
        else:
            match = _COMMAND.match(text, i)
            if match:
                out.append(_LATEX_WORDS.get("\\" + match.group(1), ""))
                i = match.end()
            else:
                out.append(text[i])
                i += 1
    plain = "".join(out)
    plain = re.sub(r"\^\s*\{", "^(", plain)
    return plain.replace("{", "(").replace("}", ")")


def detect_format(text: str) -> str:
    """``latex`` when the answer has a backslash command or braces, else ``text``."""
    return "latex" if re.search(r"\\[A-Za-z,;!:]|[{}]", text) else "text"


# --- tokens -------------------------------------------------------------------------------
_BRACKET = re.compile(r"\[\s*([A-Za-z]{1,4})\s*(?:\^\s*\(?\s*\d?\s*[+-]?\s*\)?|\d?[+-])?\s*\]"
                      r"\s*_?\s*(?:\(\s*(in|out|i|o)\s*\)|(in|out|i|o)\b)")
#: a concentration with no side, [HCO3-] or [HCO_3^-]: the name alone (HCO3)
_BARE_BRACKET = re.compile(r"\[\s*([A-Za-z]{1,4})\s*(?:_\s*[({]?\s*(\d)\s*[)}]?|(\d?))\s*"
                           r"(?:\^\s*[({]?\s*\d?\s*[+-]?\s*[)}]?|\d?[+-])?\s*\]")
_SUBSCRIPT_GROUP = re.compile(r"_\s*\(\s*([A-Za-z0-9_]+)\s*\)")
_TOKEN = re.compile(r"\s*(?:(?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
                    r"|(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<op>\*\*|[-+*/^(),=]))")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        match = _TOKEN.match(text, i)
        if not match:
            ch = text[i]
            hint = ""
            if ch in "[]":
                hint = " (write a concentration as [K]_o, K_o or c_o)"
            elif ch in "'\"":
                hint = " (an answer is an expression, not code: no strings)"
            elif ch in "_.:;@!&|<>%$#~`?\\":
                hint = " (an answer is an expression, not code)"
            raise ParseError(f"cannot read {shown(ch)} at position {i + 1}{hint}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind), i + 1))
        i = match.end()
    return tokens


FUNCTIONS = ("ln", "log", "log10", "exp", "sqrt", "abs")
_FUNCTION_TYPOS = {"In": "ln", "Ln": "ln", "LN": "ln", "lg": "log10", "Log": "log",
                   "Exp": "exp", "EXP": "exp", "sqr": "sqrt"}


_CONSTANTS = ("e", "pi")


def _is_known(name: str, known: Mapping[str, sp.Basic]) -> bool:
    return name in known or name in FUNCTIONS or name in _CONSTANTS


def _split_name(name: str, known: Mapping[str, sp.Basic]) -> list[str] | None:
    """Split ``RTln`` into known names, longest first; None when it cannot be done.

    Dynamic programming from the end of the name: for each position the longest known
    head whose rest can be split. Quadratic in the length, never exponential, whatever
    the name (``Na_inNa_in…`` is both ``Na_in`` and ``Na_i``·``n``).
    """
    if _is_known(name, known):
        return [name]
    n = len(name)
    following: list[int | None] = [None] * (n + 1)
    following[n] = n
    for start in range(n - 1, -1, -1):
        for cut in range(n if start else n - 1, start, -1):
            if following[cut] is not None and _is_known(name[start:cut], known):
                following[start] = cut
                break
    if following[0] is None:
        return None
    parts, at = [], 0
    while at < n:
        cut = following[at]
        assert cut is not None
        parts.append(name[at:cut])
        at = cut
    return parts


def _leftover(name: str, known: Mapping[str, sp.Basic]) -> str:
    """The first part of ``name`` that no known name covers (``V`` in ``zFV``)."""
    i = 0
    while i < len(name):
        for cut in range(len(name), i, -1):
            if _is_known(name[i:cut], known):
                i = cut
                break
        else:
            return name if i == 0 else name[i:]
    return name


#: Boltzmann's constant and the elementary charge as students write them: kT/(ze) is the
#: per-particle form of RT/(zF), as k = R/N_A and e = F/N_A
_PER_PARTICLE = {"k", "kB", "k_B", "k_b", "kb", "kT", "kBT", "k_BT", "kbT", "k_bT", "q_e",
                 "e_0", "e0"}


def _unknown(name: str, known: Mapping[str, sp.Basic]) -> ParseError:
    display = getattr(known, "display", None) or sorted(k for k in known if len(k) < 10)
    if name in _FUNCTION_TYPOS:
        return ParseError(f"did you mean {_FUNCTION_TYPOS[name]}? (you typed {shown(name)})")
    if name in _PER_PARTICLE and {"R", "F"} <= set(known):
        return ParseError(f"{shown(name)}: kT/e is the per-particle form of RT/F (k = R/N_A, "
                          "e = F/N_A), the same number; this question is written per mole: "
                          "write R, T and F, as RT/F for kT/e")
    close = difflib.get_close_matches(name, [*known, *FUNCTIONS], n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else ""
    names = ", ".join(display[:20])
    return ParseError(f"unknown symbol {shown(name)}{hint} — this question knows {names}")


def _explicit(tokens: list[tuple[str, str, int]], known: Mapping[str, sp.Basic]) -> str:
    """Join tokens with ``*`` where multiplication is implied, names split into symbols."""
    expanded: list[tuple[str, str]] = []
    for kind, value, where in tokens:
        if kind == "number":
            digits = sum(ch.isdigit() for ch in value.split("e")[0].split("E")[0])
            if digits > LIMITS.digits:
                raise ParseError(f"the number at position {where} has {digits} digits; at most "
                                 f"{LIMITS.digits} are allowed")
        if kind == "name" and not _is_known(value, known):
            parts = _split_name(value, known)
            if parts is None:
                raise _unknown(_leftover(value, known), known)
            expanded += [("name", part) for part in parts]
            continue
        expanded.append((kind, "**" if value == "^" else value))
    expanded = _bracket_bare_arguments(expanded)
    _refuse_run_on_exponents(expanded)
    out: list[str] = []
    previous: tuple[str, str] | None = None
    for kind, value in expanded:
        if previous is not None:
            p_kind, p_value = previous
            if p_kind == "number" and kind == "number":
                raise ParseError(f"two numbers in a row ({shown(p_value)} {shown(value)}): "
                                 "write one number, or put * between them")
            left = p_kind == "number" or (p_kind == "name" and p_value not in FUNCTIONS) or \
                p_value == ")"
            right = kind in ("number", "name") or value == "("
            if left and right:
                out.append("*")
        out.append(value)
        previous = (kind, value)
    if previous and previous[0] == "name" and previous[1] in FUNCTIONS:
        raise ParseError(f"{previous[1]} needs brackets: write {previous[1]}(...)")
    return " ".join(out)


def _refuse_run_on_exponents(tokens: list[tuple[str, str]]) -> None:
    """Refuse ``e^-kt`` and ``e^kt``: read by precedence they are e^(−k)·t and e^k·t,
    but a student who types them means e^(−kt). A signed exponent run on into a product
    is refused for any base. ``z^2 F^2`` and ``(c_o/c_i)^n exp(…)`` are the usual
    products and stay."""
    for i, (_, value) in enumerate(tokens):
        if value != "**":
            continue
        j = i + 1
        sign = tokens[j][1] if j < len(tokens) and tokens[j][1] in ("-", "+") else ""
        j += bool(sign)
        if j + 1 >= len(tokens):
            continue
        kind, power = tokens[j]
        after_kind, after = tokens[j + 1]
        if kind not in ("name", "number") or power in FUNCTIONS:
            continue
        implied = (after_kind in ("name", "number") and after not in FUNCTIONS) or \
            after == "("
        base_e = i > 0 and tokens[i - 1] == ("name", "e")
        if implied and (sign or (kind == "name" and base_e)):
            raise ParseError(f"^{sign}{power} {after} is ambiguous: write ^({sign}{power}*"
                             f"{after}) if all of it is the exponent, or put * after "
                             f"{sign}{power} if only that is, for example e^(-k*t)")


#: what may follow ``ln x`` written without brackets for the reading ln(x) to be the only one
_ENDS_ARGUMENT = ("+", "-", ")", ",", "=")


def _bracket_bare_arguments(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``ln c_o - ln c_i`` → ``ln(c_o) - ln(c_i)``: a function followed by one name or
    number gets brackets when nothing but +, −, ), = or the end comes next. Anything
    else (``ln c_o/c_i``: ln(c_o)/c_i or ln(c_o/c_i)?) is refused as ambiguous."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "name" and value in FUNCTIONS and i + 1 < len(tokens) and \
                tokens[i + 1][1] != "(":
            argument = tokens[i + 1]
            after = tokens[i + 2][1] if i + 2 < len(tokens) else None
            if argument[0] in ("name", "number") and argument[1] not in FUNCTIONS and \
                    (after is None or after in _ENDS_ARGUMENT):
                out += [(kind, value), ("op", "("), argument, ("op", ")")]
                i += 2
                continue
            raise ParseError(f"{value} needs brackets here: write {value}(...) around what "
                             f"it applies to, for example {value}(c_o/c_i)")
        out.append((kind, value))
        i += 1
    return out


# --- building SymPy -----------------------------------------------------------------------
class _Builder:
    def __init__(self, known: Mapping[str, sp.Basic]) -> None:
        self.known = known
        self.count = 0

    def build(self, node: ast.AST) -> sp.Expr:
        self.count += 1
        if self.count > LIMITS.nodes:
            raise ParseError("the answer is too long to be an expression")
        if isinstance(node, ast.Expression):
            return self.build(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            value = node.value
            return sp.Integer(value) if isinstance(value, int) else sp.Float(repr(value), 15)
        if isinstance(node, ast.Name):
            return self.known[node.id] if node.id in self.known else self._name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.build(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            return self._binary(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        raise ParseError("an answer is an expression, not code")

    @staticmethod
    def _finite(value: sp.Expr) -> sp.Expr:
        """Refuse an undefined result (0·∞, 0^-1) or an exact number too large to judge."""
        if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise ParseError("part of the answer is undefined (a division by zero)")
        for number in value.atoms(sp.Rational):
            if max(abs(number.p), abs(number.q)).bit_length() > 1000:
                raise ParseError("a number in the answer has more than 300 digits; that is "
                                 "not a sensible answer")
        return value

    def _name(self, name: str) -> sp.Expr:
        if name == "e":
            return sp.E
        if name == "pi":
            return sp.pi
        raise _unknown(name, self.known)

    def _binary(self, node: ast.BinOp) -> sp.Expr:
        left, right = self.build(node.left), self.build(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return self._finite(left * right)
        if isinstance(node.op, ast.Div):
            if right.is_zero:
                raise ParseError("the answer divides by zero")
            return self._finite(left / right)
        if isinstance(node.op, ast.Pow):
            if right.is_Number and abs(right) > LIMITS.exponent:
                raise ParseError(f"the exponent {shown(str(right), 20)} is too large (at most "
                                 f"{LIMITS.exponent})")
            if left.is_Number and right.is_Number and abs(left) > 10 ** 6:
                raise ParseError("a power of a very large number is not a sensible answer")
            if left.is_zero and right.is_Number and right.is_negative:
                raise ParseError("the answer divides by zero (0 to a negative power)")
            if left == sp.E:
                return sp.exp(right)
            return self._finite(left ** right)
        raise ParseError("only + - * / and ^ are allowed between terms")

    def _call(self, node: ast.Call) -> sp.Expr:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ParseError("an answer is an expression, not code")
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise ParseError(f"{node.func.id}(...) takes exactly one argument")
        argument = self.build(node.args[0])
        name = node.func.id
        if name in ("ln", "log"):
            return sp.log(argument)
        if name == "log10":
            return sp.log(argument) / sp.log(10)
        if name == "exp":
            if argument.is_Number and abs(argument) > 700:
                raise ParseError("exp of such a large number is not a sensible answer")
            return sp.exp(argument)
        if name == "abs":
            return sp.Abs(argument)
        return sp.sqrt(argument)


def _check_depth(text: str) -> None:
    depth = 0
    for position, ch in enumerate(text, start=1):
        if ch in "([{":
            depth += 1
            if depth > LIMITS.depth:
                raise ParseError(f"brackets are nested more than {LIMITS.depth} deep")
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                raise ParseError(f"the bracket at position {position} closes nothing")
    if depth:
        raise ParseError("a bracket is opened but never closed")


#: what wraps a pasted formula: $...$, $$...$$, \[...\], \(...\) and the displayed
#: environments; with them, an alignment's & and a line's closing \\
_WRAPPERS = re.compile(
    r"^(?:\$\$(?P<a>.*)\$\$|\$(?P<b>.*)\$|\\\[(?P<c>.*)\\\]|\\\((?P<d>.*)\\\)"
    r"|\\begin\{(?P<env>equation|align|gather|displaymath|math)\*?\}(?P<e>.*)"
    r"\\end\{(?P=env)\*?\})$", re.DOTALL)


def _unwrapped(text: str) -> str:
    """``text`` without the math delimiters a pasted formula brings, an alignment's ``&``,
    a closing ``\\`` or the full stop that ends a sentence (``… ln(c_o/c_i).``)."""
    for _ in range(2):  # $\begin{equation} ... \end{equation}$ is rare but seen
        match = _WRAPPERS.match(text)
        if not match:
            break
        text = next(group for group in match.group("a", "b", "c", "d", "e")
                    if group is not None).strip()
        text = re.sub(r"&\s*=", "=", text)
        text = re.sub(r"\\\\\s*$", "", text).strip()
    # a full stop after a letter or a bracket, never a number's decimal point (5.)
    return re.sub(r"(?<=[A-Za-z)\]}])\s*\.$", "", text).strip()


def _prepare(answer: str, form: str) -> str:
    if not isinstance(answer, str):
        raise ParseError("the answer must be text")
    if len(answer) > LIMITS.length:
        raise ParseError(f"the answer is {len(answer)} characters long; at most "
                         f"{LIMITS.length} are allowed")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in answer):
        raise ParseError("the answer contains control characters")
    text = _unwrapped(normalise(answer).strip())
    if not text:
        raise ParseError("the answer is empty")
    if form == "auto":
        form = detect_format(text)
    if form not in ("text", "latex"):
        raise ParseError(f"unknown format {shown(form)}; use auto, text or latex")
    _check_depth(text)
    if form == "latex":
        text = _join_delta(latex_to_text(text))
    text = _join_delta(_BRACKET.sub(lambda m: f" {m.group(1)}_{m.group(2) or m.group(3)} ",
                                    text))
    text = _BARE_BRACKET.sub(lambda m: f" {m.group(1)}{m.group(2) or m.group(3)} ", text)
    # every concentration's bracket is read by now: a square bracket left groups, as in
    # ln[c_o/c_i]
    text = text.replace("[", "(").replace("]", ")")
    text = re.sub(r"(?<![A-Za-z0-9_])log\s*_\s*(?:\(\s*e\s*\)|e(?![A-Za-z0-9_]))", "ln",
                  text)
    for _ in range(3):  # nested groups from LaTeX, P_(CO_(2)), open from the inside out
        text, count = _SUBSCRIPT_GROUP.subn(lambda m: f"_{m.group(1)}", text)
        if not count:
            break
    text = re.sub(r"(?<=[A-Za-z0-9])\s*_\s*(?=[A-Za-z0-9])", "_", text)
    # the standard chemical potential μ°, μ^0, μ^{\circ}: a name, never μ to the power 0
    text = re.sub(r"(?<![A-Za-z0-9_])mu\s*(?:°|\^\s*\(?\s*(?:0|°|o|circ|ominus)\s*\)?)",
                  "mu0", text)
    _check_depth(text)
    return text


def parse_expression(text: str, known: Mapping[str, sp.Basic]) -> sp.Expr:
    """Parse prepared text (no ``=``) into SymPy with the whitelist."""
    if not text.strip():
        raise ParseError("one side of the '=' is empty")
    source = _explicit(_tokens(text), known)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise ParseError("cannot read this as an expression (check the operators and "
                         "brackets)") from None
    return _Builder(known).build(tree)


#: a left side: a name, G(t), or a ratio of names for a relative quantity (W/W_0)
_IS_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\(t\))?(/[A-Za-z][A-Za-z0-9_]*)?")


def parse_answer(answer: str, known: Mapping[str, sp.Basic], form: str = "auto",
                 names: Collection[str] = ()) -> tuple[str | None, sp.Expr]:
    """Parse ``[NAME =] expression``; returns (the left side as typed or None, the right side).

    The left side is only a name (``E``, ``V``, ``G(t)``); the caller checks it.
    ``expression = NAME`` is read as ``NAME = expression`` when NAME is one of ``names``
    (the names the question asks for): a general equation such as ``x^2 = a`` is not.
    """
    text = _prepare(answer, form)
    sides = text.split("=")
    if len(sides) > 2:
        raise ParseError("an answer has at most one '='")
    if len(sides) == 2:
        left = re.sub(r"[\s{}]+", "", sides[0])
        right = re.sub(r"[\s{}]+", "", sides[1])
        if not _IS_NAME.fullmatch(left) and right in names:
            sides, left = [sides[1], sides[0]], right  # ... = E, written the other way round
        if not _IS_NAME.fullmatch(left):
            raise ParseError(f"the left side {shown(left)} should be a name such as E (or "
                             "leave it out)")
        return left, parse_expression(sides[1], known)
    return None, parse_expression(sides[0], known)


def parse_equation(line: str, known: Mapping[str, sp.Basic], form: str = "auto") -> sp.Eq:
    """Parse ``expression = expression`` (one line of a student's derivation)."""
    text = _prepare(line, form)
    sides = text.split("=")
    if len(sides) != 2:
        raise ParseError("each line of a derivation is one equation with one '='")
    return sp.Eq(parse_expression(sides[0], known), parse_expression(sides[1], known),
                 evaluate=False)


_NUMBER = re.compile(r"^\s*([+-]?\s*(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*"
                     r"((?:(?:[A-Za-zμµΩ]|/\s*[A-Za-zμµΩ(])[A-Za-zμµΩ/²³·*^()0-9 -]*)?)\.?\s*$")
#: a power of ten written out: 6.2 × 10^3, 6.2 x 10^3, 1.2*10**5, 1.0 · 10^(-1)
_TIMES_TEN = re.compile(r"(\d\.?\d*)\s*(?:\*|x|×|·)\s*10\s*(?:\^|\*\*)\s*"
                        r"(?:\(\s*([+-]?\d+)\s*\)|([+-]?\d+))")
_HEDGES = re.compile(r"^\s*(?:about|approximately|approx\.?|roughly|around|circa|ca\.|nearly|"
                     r"almost|close to|~)\s*", re.IGNORECASE)


_LATEX_IN_QUANTITY = {r"\times": "×", r"\cdot": "·", r"\approx": " about ", r"\sim": " about ",
                      r"\mu": "µ", r"\Omega": "Ω", r"\,": " ", r"\;": " ", r"\:": " ",
                      r"\!": "", r"\ ": " ", "~": " ", r"\%": "%", r"\degree": "°",
                      r"\circ": "°"}


def _latex_quantity(text: str) -> str:
    r"""A number typed in LaTeX as plain text: ``$-89\,\mathrm{mV}$`` → ``-89 mV``,
    ``6.2 \times 10^{3}`` → ``6.2 × 10^3``."""
    if "$" not in text and "\\" not in text:
        return text
    text = text.replace("$", "")
    text = re.sub(r"\\(?:mathrm|text|textrm|mathit|operatorname|si|unit)\s*\{([^{}]*)\}",
                  r" \1", text)
    for command, plain in _LATEX_IN_QUANTITY.items():
        text = text.replace(command, plain)
    text = re.sub(r"\^\s*\{\s*([^{}]*?)\s*\}", r"^(\1)", text)
    return re.sub(r"\s+", " ", text).strip()


def _decimal_comma(text: str) -> str:
    """``-89,1 mV`` as ``-89.1 mV`` (:func:`symmem.units.with_decimal_point`); ``1,234``
    is refused as ambiguous."""
    from symmem.units import UnitError, with_decimal_point

    try:
        return with_decimal_point(text)
    except UnitError as exc:
        raise ParseError(str(exc)) from None


def parse_number(answer: str, unit: str = "mV") -> tuple[float, str | None]:
    """A number with an optional unit, in ``unit``; returns (value, unit as typed or None).

    Accepts what a model answer looks like: ``E_K = −89 mV``, ``about −89 mV``,
    ``≈ −89.06 millivolts``, ``-0.089 V``. Units are case-sensitive: ``MV`` (megavolts)
    is refused with a hint rather than read as mV.
    """
    example = "-89 mV" if unit == "mV" else f"12.5 {unit}".strip()
    if not isinstance(answer, str) or len(answer) > 80:
        raise ParseError(f"give a number, for example {example}")
    if not answer.strip():
        raise ParseError(f"the answer is empty: give a number, for example {example}")
    text = _decimal_comma(_latex_quantity(normalise(answer).strip()))
    # "E_K = ", "E_K ≈ " (≈ is read as "about")
    text = re.sub(r"^\s*[A-Za-z_][A-Za-z0-9_]*(?:\([^)]*\))?\s*(?:=|about\b)\s*", "",
                  text)
    text = _HEDGES.sub("", text)
    text = re.sub(r"^\s*=\s*", "", text)
    text = _TIMES_TEN.sub(lambda m: f"{m.group(1)}e{m.group(2) or m.group(3)}", text, count=1)
    match = _NUMBER.match(text)
    if not match:
        raise ParseError("give a number, for example 12.5" if not unit else
                         f"give a number with an optional unit, for example {example}")
    value = float(match.group(1).replace(" ", ""))
    typed = match.group(2).strip() or None
    if typed is None:
        return value, None
    return value * _unit_factor(typed, unit), typed


_PREFIX_NAMES = {"M": "mega", "m": "milli", "G": "giga", "k": "kilo"}


def _unit_factor(typed: str, unit: str) -> float:
    """The factor from the unit a student typed to the question's ``unit``, or a
    :class:`ParseError` that says why it cannot be read or converted."""
    from symmem.units import UnitError, factor, parse_unit

    if not unit:
        try:
            if factor(typed, "") == 1.0:
                return 1.0  # what is counted: 1.2 × 10⁵ spikes
        except UnitError:
            pass
        raise ParseError(f"this answer is a pure number, without a unit: give it without "
                         f"{shown(typed)}")
    if typed.replace(" ", "") == unit.replace(" ", ""):
        return 1.0
    try:
        known: float | None = factor(typed, unit)
    except UnitError:
        known = None
        if typed.lower() == unit.lower() and typed[0] == unit[0]:
            return 1.0  # mv, mmhg: only the case of a letter that is no prefix differs
        try:
            parse_unit(typed)
        except UnitError:
            if typed.lower() != unit.lower():
                raise ParseError(f"unknown unit {shown(typed)}; give the answer in "
                                 f"{unit}") from None
    if typed.lower() == unit.lower() and known != 1.0:
        said = (f" ({typed[0]} is {_PREFIX_NAMES[typed[0]]})"
                if typed[0] != unit[0] and typed[0] in _PREFIX_NAMES else "")
        raise ParseError(f"{shown(typed)} is not {unit}: units are case-sensitive{said}; "
                         f"did you mean {unit}?")
    if known is None:
        raise ParseError(f"{shown(typed)} is not a unit of the same kind as {unit}; give "
                         f"the answer in {unit}")
    return known
