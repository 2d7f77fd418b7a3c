"""Writing graded rows: a journal while grading, then CSV (for spreadsheets) or JSON lines.

Every column of the input passes through untouched, followed by ``verdict``, ``score``,
``review``, ``feedback``, ``mistakes`` and ``elapsed_ms``. ``undecided`` and ``error``
rows have an empty score and ``review`` set: a person must look at them, and a
spreadsheet must not sum them as zeros. Text that cannot be written as UTF-8 (a lone
surrogate from JSON) and control characters are replaced, and the feedback says so.
CSV is written with a byte-order mark by default, so Excel reads it as UTF-8.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from symmem.files import atomic_writer

__all__ = ["OUTPUT_FIELDS", "REVIEW", "clean_row", "journal_rows", "write_output"]

OUTPUT_FIELDS = ("verdict", "score", "review", "feedback", "mistakes", "elapsed_ms")
#: verdicts a person must look at
REVIEW = ("undecided", "error")
_UNWRITABLE = re.compile("[\ud800-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(text: str) -> tuple[str, bool]:
    if not _UNWRITABLE.search(text):
        return text, False
    return _UNWRITABLE.sub("\ufffd", text), True


def clean_row(row: dict[str, Any]) -> dict[str, Any]:
    """The row with unwritable characters replaced (and the feedback saying so)."""
    out, changed = {}, False
    for key, value in row.items():
        key_text, key_changed = _clean_text(str(key))
        if isinstance(value, str):
            value, value_changed = _clean_text(value)
            changed = changed or value_changed
        out[key_text] = value
        changed = changed or key_changed
    if changed:
        out["feedback"] = (str(out.get("feedback", "")) + " (Characters that cannot be "
                           "written, such as control characters, are shown as \ufffd.)").strip()
    return out


def journal_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The graded rows of a journal, in order; a last line cut short by a crash is left
    out (that row is graded again)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if not line.endswith("\n"):
                return
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                return


def _csv_value(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


def write_output(rows: Iterable[dict[str, Any]], columns: list[str], path: Path, *,
                 bom: bool = True) -> int:
    """Write the graded rows to ``path`` (CSV, or JSON lines for .jsonl/.json), atomically;
    returns how many were written."""
    count = 0
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        with atomic_writer(path) as stream:
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        return count
    fields = [c for c in columns if c not in OUTPUT_FIELDS] + list(OUTPUT_FIELDS)
    with atomic_writer(path, encoding="utf-8-sig" if bom else "utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\r\n",
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(k, row.get(k)) for k in fields})
            count += 1
    return count
