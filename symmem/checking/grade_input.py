"""Reading a class's answers as exported by an LMS or a spreadsheet, one row at a time.

CSV with or without a byte-order mark (Excel's "CSV UTF-8"), with ``,``, ``;`` (European
Excel) or tab as the delimiter (sniffed from the header), quoted fields, CRLF line
ends; UTF-16 with a byte-order mark (Excel's "Unicode Text"); or JSON lines. Rows
stream: a file of any length is never held in memory. Each row keeps the line it
starts on, so every problem names its line. A row that cannot be graded as it stands
(too few fields, no question) is still yielded, with the problem, so the output keeps
it and flags it for review.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import html
import io
import itertools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symmem.errors import GradeInputError, MissingError

__all__ = ["REQUIRED", "Row", "Wide", "count_rows", "from_rich_text", "stream_rows"]

REQUIRED = ("id", "question", "answer")
#: the largest field accepted (a pasted essay, not an answer); larger is refused by line
MAX_FIELD = 1_000_000
_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson")

csv.field_size_limit(MAX_FIELD + 1)


@dataclass
class Row:
    """One answer: its fields as read, the line it starts on, and any problem with it."""

    line: int
    data: dict[str, Any]
    problem: str = ""
    index: int = field(default=0)  # position in the file, counting rows from 0


class _LineTracker(io.TextIOBase):
    """Text lines with a counter, so a UTF-8 error names its line."""

    def __init__(self, raw: io.BufferedReader, path: Path) -> None:
        self.raw, self.path, self.line = raw, path, 0
        self.decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.first = True

    def readline(self, size: int = -1) -> str:
        data = self.raw.readline()
        if not data:
            return ""
        self.line += 1
        if self.first:
            self.first = False
            data = data.removeprefix(codecs.BOM_UTF8)
        try:
            return self.decoder.decode(data)
        except UnicodeDecodeError as exc:
            raise GradeInputError(f"{self.path} line {self.line}: not UTF-8 text ({exc.reason}"
                                  f" at byte {exc.start} of the line); save it as CSV UTF-8"
                                  ) from None

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def readable(self) -> bool:
        return True


class _Utf16AsUtf8(io.RawIOBase):
    """A UTF-16 file (Excel's "Unicode Text", with its byte-order mark) read line by
    line as UTF-8 bytes, so the rest of the reader sees what a UTF-8 file gives."""

    def __init__(self, raw: io.BufferedReader, path: Path) -> None:
        self.text, self.path = io.TextIOWrapper(raw, encoding="utf-16", newline=""), path

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        try:
            return self.text.readline().encode("utf-8", "surrogatepass")
        except UnicodeDecodeError as exc:
            raise GradeInputError(f"{self.path}: not UTF-16 text after its byte-order mark "
                                  f"({exc.reason}); save it as CSV UTF-8") from None

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.text.close()
        super().close()


def _open(path: Path) -> io.BufferedReader:
    """The file's bytes as UTF-8 lines: UTF-8 as it is, UTF-16 with a byte-order mark
    transcoded line by line (rows still stream)."""
    if path.is_dir():
        raise MissingError(f"{path} is a folder, not a file of answers")
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise MissingError(f"no input file {path}") from None
    if raw.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _Utf16AsUtf8(raw, path)  # type: ignore[return-value]
    return raw


def _dialect(path: Path) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter of the header line: ',' ';' or tab."""
    with _open(path) as raw:
        head = raw.readline(1 << 16).removeprefix(codecs.BOM_UTF8)
    text = head.decode("utf-8", errors="replace")
    counts = {d: text.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


@dataclass(frozen=True)
class Wide:
    """A responses report (Moodle's "Responses", Canvas's "Student Analysis"): one row
    per student and one column per question, read as one answer per row.

    ``columns`` pairs each answer column with its question. A column is named as its
    header reads (``Response 1``) or by what comes before a colon (Canvas's question id:
    ``12345`` for ``12345: What is E_K …``). ``student`` is the column that names the
    student; by default the first of :data:`IDENTITIES` the file has.
    """

    columns: tuple[tuple[str, str], ...]
    student: str | None = None


#: the columns that name a student in LMS exports, the most specific first
IDENTITIES = ("student", "Student", "ID number", "Username", "username", "Email address",
              "email", "sis_id", "SIS User ID", "id")


def stream_rows(path: Path, wide: Wide | None = None) -> Iterator[Row]:
    """Every row of ``path`` in order, with its line; raises GradeInputError for a file
    that cannot be read at all (no header, not UTF-8, broken JSON), naming the line.
    With ``wide``, each row of a responses report gives one row per answer column."""
    path = Path(path)
    if path.suffix.lower() in _JSON_SUFFIXES:
        rows = _json_rows(path, required=wide is None)
    else:
        rows = _csv_rows(path, required=wide is None)
    if wide is None:
        yield from rows
        return
    first = next(rows, None)
    if first is None:
        return
    spread = _Spreader(path, wide, list(first.data))
    index = 0
    for row in itertools.chain((first,), rows):
        for answer in spread(row):
            answer.index = index
            index += 1
            yield answer


class _Spreader:
    """One row of a responses report as one row per answer: the row's other columns,
    ``student``, ``question``, ``answer`` and (when the file has none) ``id``."""

    def __init__(self, path: Path, wide: Wide, header: Sequence[str]) -> None:
        clash = [c for c in ("question", "answer") if c in header]
        if clash:
            raise GradeInputError(f"{path}: the file has its own {' and '.join(clash)} "
                                  "column: it holds one answer per row, so leave out "
                                  "--answer-column")
        self.pairs = [(_column(path, header, key), question) for key, question in wide.columns]
        taken = [c for c, _ in self.pairs]
        self.taken = set(taken)
        twice = {c for c in taken if taken.count(c) > 1}
        if twice:
            raise GradeInputError(f"{path}: column {sorted(twice)[0]!r} is given twice")
        self.student = wide.student or next((c for c in IDENTITIES if c in header), None)
        if wide.student and wide.student not in header:
            raise GradeInputError(f"{path}: no column {wide.student!r} to name the students "
                                  f"(columns: {', '.join(header[:12])})")
        names = [c for c in ("First name", "Surname") if c in header]
        if self.student is None and not names:
            raise GradeInputError(f"{path}: no column names the students (looked for "
                                  f"{', '.join(IDENTITIES[:7])}); give one with "
                                  "--student-column")
        self.names = names
        self.own_id = "id" in header

    def __call__(self, row: Row) -> list[Row]:
        data = {k: v for k, v in row.data.items() if k not in self.taken}
        student = str(data.get(self.student, "")).strip() if self.student else \
            " ".join(str(data.get(n, "")).strip() for n in self.names).strip()
        out = []
        for column, question in self.pairs:
            answer = str(row.data.get(column, ""))
            if answer.strip() in ("-", "–"):  # Moodle's mark for a question not answered
                answer = ""
            fields = {**data, "student": data.get("student", student),
                      "question": question, "answer": answer}
            if not self.own_id:
                fields["id"] = f"{student or 'line ' + str(row.line)}/{question}"
            answer_row = Row(row.line, fields, problem=row.problem)
            if not answer_row.problem:
                answer_row.problem = "" if student else f"line {row.line}: no student named"
            out.append(answer_row)
        return out


def _column(path: Path, header: Sequence[str], key: str) -> str:
    """The header that ``key`` names: itself, or the one column that starts ``key:``."""
    if key in header:
        return key
    prefixed = [h for h in header if h.split(":", 1)[0].strip() == key and ":" in h]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise GradeInputError(f"{path}: {len(prefixed)} columns start with {key!r}: name "
                              "one in full")
    close = difflib.get_close_matches(key, header, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise GradeInputError(f"{path}: no column {key!r}{hint} (columns: "
                          f"{', '.join(header[:12])}{' …' if len(header) > 12 else ''})")


def _json_rows(path: Path, required: bool = True) -> Iterator[Row]:
    with _open(path) as raw:
        lines = _LineTracker(raw, path)
        index = 0
        for text in lines:
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise GradeInputError(f"{path} line {lines.line}: not valid JSON ({exc.msg})"
                                      ) from None
            if not isinstance(data, dict):
                raise GradeInputError(f"{path} line {lines.line}: expected an object with "
                                      f"{', '.join(REQUIRED)}")
            row = Row(lines.line, {str(k): v for k, v in data.items()}, index=index)
            row.problem = _missing(row.data) if required else ""
            index += 1
            yield row


def _csv_rows(path: Path, required: bool = True) -> Iterator[Row]:
    dialect = _dialect(path)
    with _open(path) as raw:
        lines = _LineTracker(raw, path)
        reader = csv.reader(lines, dialect)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise GradeInputError(f"{path} line {lines.line}: {exc}") from None
        if header is None:
            raise GradeInputError(f"{path}: the file is empty")
        header = [h.strip() for h in header]
        missing = [f for f in REQUIRED if f not in header] if required else []
        if missing:
            raise GradeInputError(
                f"{path} line 1: the header lacks {', '.join(missing)} (it names "
                f"{', '.join(header[:8]) or 'nothing'}; it must name the columns "
                f"{', '.join(REQUIRED)}, in any order, separated by ',' ';' or tabs; a "
                f"responses report, one row per student and a column per question, is read "
                f"with --answer-column 'Response 1=nernst' for each answer column)")
        if len(set(header)) != len(header):
            if required:
                raise GradeInputError(f"{path} line 1: a column name appears twice")
            header = _numbered(header)  # Canvas's points columns: 1.0, 1.0, …
        index = 0
        while True:
            start = lines.line + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise GradeInputError(f"{path} line {start}: {exc} (a field over "
                                      f"{MAX_FIELD:,} characters, or a quote never closed)"
                                      ) from None
            if not any(f.strip() for f in fields):
                continue
            row = Row(start, dict(zip(header, fields)), index=index)
            if len(fields) < len(header):
                row.problem = (f"line {start}: {len(fields)} fields where the header names "
                               f"{len(header)} (is a field missing?)")
                row.data.update({h: "" for h in header[len(fields):]})
            elif len(fields) > len(header):
                row.problem = (f"line {start}: {len(fields)} fields where the header names "
                               f"{len(header)} (quote answers that contain the delimiter)")
            elif required:
                row.problem = _missing(row.data)
            index += 1
            yield row


#: what marks an answer as an LMS's rich text: a tag or a character entity
_RICH = re.compile(r"</?(?:p|div|span|br|sup|sub|strong|b|em|i|u|font|math|mi|mo|mn|"
                   r"annotation)\b[^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE)


def from_rich_text(answer: str) -> str:
    """An answer typed in an LMS's rich-text editor, as the plain text it shows:
    ``<p>c<sub>o</sub></p>`` → ``c_(o)``, ``10<sup>3</sup>`` → ``10^(3)``, ``&minus;89``
    → ``−89``; line breaks and paragraphs become spaces. Plain text is returned as it is.

    A tag is never part of an answer (``<`` is not in the notation), so taking tags off
    cannot change what a student meant.
    """
    if not _RICH.search(answer):
        return answer
    text = re.sub(r"<sup\b[^>]*>(.*?)</sup>", r"^(\1)", answer, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<sub\b[^>]*>(.*?)</sub>", r"_(\1)", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<br\s*/?>|</p>|</div>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^<>]*>", "", text)
    text = html.unescape(text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def _numbered(header: list[str]) -> list[str]:
    """Repeated column names told apart: ``1.0``, ``1.0 (2)``, ``1.0 (3)``."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _missing(data: dict[str, Any]) -> str:
    absent = [f for f in REQUIRED if f not in data]
    empty = [f for f in ("id", "question") if f in data and str(data[f]).strip() == ""]
    if absent or empty:
        return "missing " + ", ".join(absent + empty)
    return ""


def count_rows(path: Path, wide: Wide | None = None) -> int:
    """How many answers the file has (one pass, for progress bars)."""
    return sum(1 for _ in stream_rows(path, wide))
