"""Dates of a document: when it was signed, the reported event's date, its validity period."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")


def date_rows(doc: Doc) -> list:
    """The dates extractor's rows (it runs before this one), in text order."""
    return sorted((doc._.rows or {}).get("dates", []), key=lambda r: r.start)


def event_date(doc: Doc, text: str, dates: list, lead_chars: int) -> str:
    """The date of the reported event: the first full date of the first paragraph (the first
    `lead_chars` characters when there is no blank line), else the publication date."""
    para_end = text.find("\n\n", len(text) - len(text.lstrip()))
    limit = max(para_end if para_end != -1 else len(text), 0)
    limit = min(limit, lead_chars) if para_end == -1 else limit
    for row in dates:
        if row.start >= limit:
            break
        if getattr(row, "granularity", "") == "day" and re.match(r"^\d{4}-\d\d-\d\d$", row.value):
            return row.value
    return doc._.dct or ""


def validity(text: str, dates: list, start_char: int, end_char: int) -> tuple[str, str]:
    """(valid_from, valid_to) of the first period in chars [start_char, end_char)."""
    for row in dates:
        if start_char <= row.start < end_char and "/" in row.value:
            lo, _, hi = row.value.partition("/")
            return lo, hi
    match = YEAR_RANGE.search(text, start_char, end_char)
    return (match.group(1), match.group(2)) if match else ("", "")


def first_date(dates: list, lo: int, hi: int, skip: tuple[int, int],
               also_skip: tuple[tuple[int, int], ...] = ()) -> str:
    """First dated (non-range) expression in chars [lo, hi) outside the phrase `skip` and the
    char ranges `also_skip`."""
    for row in dates:
        if lo <= row.start < hi and not (skip[0] <= row.start < skip[1]) and "/" not in row.value \
                and not any(a <= row.start < b for a, b in also_skip):
            return row.value
    return ""


def other_clauses(cue: Token, inside: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    """Char ranges under a signing word whose dates are not the signing's: the relative and
    participial clauses below it ("the Center, which will start operating in October, signed
    ... last September"; "Based on the meeting which was held on December 5, ... issued ... on
    December 14"), but the one that holds the document (`inside`, chars)."""
    out = []
    for tok in cue.subtree:
        if tok == cue or tok.dep_ not in ("relcl", "acl"):
            continue
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        if not (lo <= inside[0] < hi):
            out.append((lo, hi))
    return tuple(out)
