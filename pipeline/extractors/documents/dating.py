"""Dates of a document: when it was signed, the reported event's date, its validity period."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

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


LIST_WORDS = {",", "and", "as", "well"}  # between the dates of a list ("May 1, and June 2")
# the "of" phrase between a document and its dates: names and nouns, at most this long
OF_PHRASE_POS = {"DET", "ADJ", "NOUN", "PROPN", "ADP", "CCONJ"}
OF_PHRASE_TOKENS = 18
OF_PHRASE_OPENERS = ("of", "on", "between", "by")
DATE_OPENERS = ("of", "on")  # "on": a list of dates ("reached by ... on May 5, June 1")


def _participle(doc: Doc, i: int) -> bool:
    """A past participle after a document ("agreements reached by ...", ", signed in ...")."""
    return doc[i].tag_ == "VBN" or (doc[i].text == "," and i + 1 < len(doc)
                                     and doc[i + 1].tag_ == "VBN")


def attached_dates(doc: Doc, by_end: dict[int, tuple[int, str]],
                   by_start: dict[int, tuple[int, str]], mention: Span) -> list[str]:
    """The signing dates a document mention carries in its own noun phrase, in text order:
    dates right before the noun, past its adjectives ("the November 9, 2020, January 11 and
    November 26, 2021, tripartite statements", "the 1951 Convention"), or after it with "of"
    ("the trilateral statements of November 9, 2020 and January 11, 2021"). Only dates on or
    before the publication date, and no ranges (a period of validity is no signing).
    `by_end` / `by_start`: token end -> (token start, value) and token start -> (token end,
    value) of the doc's dates that are no range (`DocFacts`)."""
    found: list[tuple[int, str]] = []
    i = mention.start
    while i > 0 and doc[i - 1].dep_ == "amod" and doc[i - 1].is_lower and doc[i - 1].is_alpha:
        i -= 1  # "tripartite", "bilateral"
    if i > 0 and doc[i - 1].text == ",":
        i -= 1  # "..., 2021, tripartite statements"
    before: list[tuple[int, str]] = []
    while i in by_end:
        start, value = by_end[i]
        before.append((start, value))
        i = start
        while i > 0 and i not in by_end and doc[i - 1].lower_ in LIST_WORDS:
            i -= 1
        if i == start:
            break
    # the dates open the noun phrase: a determiner before them ("the", "their"; not "talks
    # held yesterday, agreements were reached")
    if before and min(before)[0] > 0 and doc[min(before)[0] - 1].pos_ in ("DET", "PRON"):
        found += before
    j = mention.end
    if j < len(doc) and (doc[j].lower_ in OF_PHRASE_OPENERS or _participle(doc, j)) \
            and j + 1 not in by_start:
        # "the trilateral agreements of the leaders of Armenia, Azerbaijan and Russia of
        # November 9, 2020, ...", "the agreement on cooperation in manufacturing Kalashnikov
        # series small arms of February 18, 2019", "the statements by the leaders of ... of",
        # "agreements reached by the leaders of ... on November 9, 2020, January 11 and ...":
        # past a phrase of names and nouns (hyphens inside a name: "on Nagorno-Karabakh of
        # November 9, 2020"), a participle's dates after "on"
        k = j + 1
        while k < min(len(doc) - 1, j + OF_PHRASE_TOKENS) and not (
                doc[k].lower_ in DATE_OPENERS and k + 1 in by_start):
            if doc[k].pos_ not in OF_PHRASE_POS and doc[k].text not in (",", "-", "–") and not (
                    doc[k].pos_ == "VERB" and doc[k].tag_ in ("VBG", "VBP", "VBZ")) \
                    and not _participle(doc, k):
                break  # (a present-tense "verb" here is a noun the tagger misread: "series")
            k += 1
        if k + 1 < len(doc) and k + 1 in by_start and doc[k].lower_ in DATE_OPENERS:
            j = k  # ("on" after no participle: only a list of dates, below)
    if j < len(doc) and doc[j].lower_ in DATE_OPENERS and j + 1 in by_start and (
            j > mention.end or doc[j].lower_ == "of"):
        after: list[tuple[int, str]] = []
        opener, j = doc[j].lower_, j + 1
        while j in by_start:
            end, value = by_start[j]
            after.append((j, value))
            j = end
            while j < len(doc) and j not in by_start and (
                    doc[j].lower_ in LIST_WORDS or doc[j].lower_ == opener):
                j += 1  # "on November 9, 2020, and on January 11"
            if j == end:
                break
        # one date "on" after a participle is when it was reached, maybe no document ("previous
        # agreements reached during a video conference on January 4"); a list of dates names
        # one document each
        if opener == "of" or len(after) > 1:
            found += after
    dct = doc._.dct or ""
    return [value for _, value in sorted(found) if not dct or value <= dct[:len(value)]]
