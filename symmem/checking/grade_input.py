"""Reading a class's answers as exported by an LMS or a spreadsheet, one row at a time.

CSV with or without a byte-order mark (Excel's "CSV UTF-8"), with ``,``, ``;`` (European
Excel) or tab as the delimiter (sniffed from the header), quoted fields, CRLF line
ends; or JSON lines. Rows stream: a file of any length is never held in memory. Each
row keeps the line it starts on, so every problem names its line. A row that cannot
be graded as it stands (too few fields, no question) is still yielded, with the
problem, so the output keeps it and flags it for review.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from symmem.errors import GradeInputError, MissingError

__all__ = ["REQUIRED", "Row", "count_rows", "stream_rows"]

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


def _open(path: Path) -> io.BufferedReader:
    if path.is_dir():
        raise MissingError(f"{path} is a folder, not a file of answers")
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise MissingError(f"no input file {path}") from None


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


def stream_rows(path: Path) -> Iterator[Row]:
    """Every row of ``path`` in order, with its line; raises GradeInputError for a file
    that cannot be read at all (no header, not UTF-8, broken JSON), naming the line."""
    path = Path(path)
    if path.suffix.lower() in _JSON_SUFFIXES:
        yield from _json_rows(path)
    else:
        yield from _csv_rows(path)


def _json_rows(path: Path) -> Iterator[Row]:
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
            row.problem = _missing(row.data)
            index += 1
            yield row


def _csv_rows(path: Path) -> Iterator[Row]:
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
        missing = [f for f in REQUIRED if f not in header]
        if missing:
            raise GradeInputError(
                f"{path} line 1: the header lacks {', '.join(missing)} (it names "
                f"{', '.join(header[:8]) or 'nothing'}; it must name the columns "
                f"{', '.join(REQUIRED)}, in any order, separated by ',' ';' or tabs)")
        if len(set(header)) != len(header):
            raise GradeInputError(f"{path} line 1: a column name appears twice")
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
            else:
                row.problem = _missing(row.data)
            index += 1
            yield row


def _missing(data: dict[str, Any]) -> str:
    absent = [f for f in REQUIRED if f not in data]
    empty = [f for f in ("id", "question") if f in data and str(data[f]).strip() == ""]
    if absent or empty:
        return "missing " + ", ".join(absent + empty)
    return ""


def count_rows(path: Path) -> int:
    """How many rows the file has (one pass, for progress bars)."""
    return sum(1 for _ in stream_rows(path))
