"""The period an amount refers to: the nearest date of its sentence (pipeline's dates rows)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from pipeline.extractors.base import doc_text
from pipeline.records import DateRow

_SPEECH_VERBS = {"say", "tell", "announce", "state", "report", "note", "add", "disclose",
                 "confirm", "declare", "predict", "forecast", "announcement", "statement"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_BREAKS = (",", ";")
# words that end one compared item and start the next ("80 mln in January [and] a 614 mln
# surplus in February 1986", "X in March [from] Y a year earlier", "a deficit in February
# [after] a surplus in January")
_NEXT_ITEM = re.compile(r"\b(?:and|but|while|whereas|against|versus|vs|following|after|before|"
                        r"compared|from)\b",
                        re.IGNORECASE)


def nearest_period(money: Span, dates: list[DateRow], sent: Span,
                   others: list[Span] = ()) -> str:
    """`value` of the date row of the sentence nearest to the amount ("" if none). A single
    day is mostly when something was said ("on March 3 the ministry said"), so years, months,
    quarters and ranges go first. Skipped: a date that tells when something was said ("said
    last month", "yesterday's announcement"), and one with another amount of `others` between
    it and this amount, unless it opens the sentence before every amount ("In 2023, Singapore
    attracted $140 billion, India $70 billion"). A date set apart by a comma goes after one
    that is not ("80 mln dlrs in 1987, 120 mln in 1988": 1988 is the second amount's)."""
    lo, hi = sent.start_char, sent.end_char
    text = doc_text(money.doc)
    others = [o for o in others if lo <= o.start_char and o.end_char <= hi]
    first = min([money.start_char, *(o.start_char for o in others)])
    best, best_key = "", None
    for row in dates:
        if row.start < lo or row.end > hi or not row.value:
            continue
        if row.start < money.end_char and money.start_char < row.end:
            continue
        gap = (row.end, money.start_char) if row.end <= money.start_char \
            else (money.end_char, row.start)
        between = any(gap[0] <= o.start_char and o.end_char <= gap[1] for o in others)
        words = text[gap[0]:gap[1]]
        after = row.start >= money.end_char
        if (row.end > first and between and not (after and _shared(words, gap, dates))) \
                or _said_when(money.doc, row):
            continue
        dist = gap[1] - gap[0]
        apart = any(c in words for c in _LIST_BREAKS) or (
            not after and bool(_NEXT_ITEM.search(words)))
        key = (bool(_DAY.fullmatch(row.value)), apart, dist)
        if best_key is None or key < best_key:
            best, best_key = row.value, key
    return best


def _shared(words: str, gap: tuple[int, int], dates: list[DateRow]) -> bool:
    """A date after a coordinated group of amounts is every member's: "exports of 6.72 billion
    and imports of 6.64 billion in January". `words`: the text from the amount to the date
    (`gap`), joined by "and" only: no list break, no other date, no "compared with"."""
    links = {w.lower() for w in _NEXT_ITEM.findall(words)}
    return (not any(c in words for c in _LIST_BREAKS) and links == {"and"}
            and not any(gap[0] <= d.start and d.end <= gap[1] for d in dates))


def _said_when(doc: Doc, row: DateRow) -> bool:
    """Whether the date attaches to a speech verb: "announced yesterday", "said last month"."""
    span = doc.char_span(row.start, row.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    head = span.root.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    return head.lemma_ in _SPEECH_VERBS
