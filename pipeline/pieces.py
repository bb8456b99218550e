"""Long articles in pieces: the parser's memory grows with the text of one Doc (about 3 GB
for a 1,000,000-character article with the small English model), so an article longer than
`PIECE_CHARS` is cut at paragraph (else line, sentence, word) boundaries and each piece is
processed as its own Doc. Row offsets are shifted back into the whole text, so `start`/`end`
still point into the article. Facts that need the whole article are per piece: a leader
named in two pieces gets a row in each, with the mentions of that piece.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pipeline.records import ROW_TYPES, row_id

PIECE_CHARS = 100_000
# Cut points, best first: a blank line, a line end, a sentence end, any whitespace.
_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s"),
         re.compile(r"\s"))


def split_text(text: str, size: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering `text` in order, every piece at most `size` characters,
    cut at the best boundary in the second half of the window (a hard cut when a window
    holds no whitespace at all, e.g. one enormous token)."""
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = None
        for pattern in _CUTS:
            found = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
            if found:
                cut = found[-1]
                break
        cut = cut or end
        yield start, text[start:cut]
        start = cut
    if start < n or n == 0:
        yield start, text[start:]


def shift_rows(rows: dict[str, list[dict[str, Any]]], offset: int,
               article_id: str) -> dict[str, list[dict[str, Any]]]:
    """A piece's rows with offsets into the whole article (and row ids that follow them)."""
    if not offset:
        return rows
    for table, table_rows in rows.items():
        key = ROW_TYPES[table].KEY
        for row in table_rows:
            row["start"] += offset
            row["end"] += offset
            suffix = row["row_id"].partition("~")[2]
            row["row_id"] = row_id(article_id, table, row["start"], row["end"], row[key]) \
                + (f"~{suffix}" if suffix else "")
    return rows


def merge_rows(parts: list[dict[str, list[dict[str, Any]]]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of all pieces of an article, table by table, in text order."""
    merged: dict[str, list[dict[str, Any]]] = {table: [] for table in ROW_TYPES}
    for part in parts:
        for table, rows in part.items():
            merged.setdefault(table, []).extend(rows)
    return merged
