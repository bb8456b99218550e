"""Token bounds of a date candidate and what its neighbours say about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from pipeline.gazetteers import GAZETTEER_KEYS

if TYPE_CHECKING:
    from pipeline.normalizers.dates import Lexicon

# Grammar words, not vocabulary: a leading preposition is not part of the expression's text.
TRIM_LEADING = {"on", "in", "since", "at", "of", "during", "for", "throughout"}
TRIM_TRAILING = {"and", "or", "of", "the", ",", ".", "-", "–", ";", ":", "(", "["}
CLOSING = {")": "(", "]": "["}  # a closing bracket stays only with its opening one
OPENING = set(CLOSING.values())
RANGE_OPENERS = {"from", "between"}
RANGE_WORDS = {"to", "through", "until", "till", "and", "-", "–", "—"}
DOC_TYPES_LABEL = "DOC_TYPES"
NAME_WINDOW = 6


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    rule: str
    rank: int  # 0 = rules, 1 = model entities


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without a leading preposition ("on", "in", "since", a "from" that opens
    no range) or trailing punctuation and conjunctions ("May 14 and", "March 16.")."""
    while end - start > 1:
        word = doc[end - 1].lower_
        if word in TRIM_TRAILING or doc[end - 1].is_space or (
                word in CLOSING and not any(t.text == CLOSING[word] for t in doc[start:end])):
            end -= 1
        else:
            break
    while end - start > 1:
        word = doc[start].lower_
        if word in TRIM_LEADING or word in OPENING or (word in RANGE_OPENERS and not any(
                t.lower_ in RANGE_WORDS for t in doc[start + 1:end])):
            start += 1
        else:
            break
    return start, end


def names_document(tok) -> bool:
    """Whether the capitalized name after a year holds a document word from the DOC_TYPES
    gazetteer ("the 1951 Mutual Defense Treaty")."""
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and end - tok.i <= NAME_WINDOW and (
            doc[end].is_title or doc[end].is_upper or doc[end].lower_ in ("of", "on")
            or (doc[end].text in ("-", "–") and end + 1 < len(doc) and doc[end + 1].is_title)):
        # "the 2004 Russian-German Intergovernmental Agreement"
        end += 1
    for key in GAZETTEER_KEYS:
        for span in doc.spans.get(key, []):
            if span.label_ == DOC_TYPES_LABEL and tok.i < span.start and span.end <= end:
                return True
    return False


def core_length(doc: Doc, cand: Candidate, lexicon: Lexicon | None = None) -> int:
    """Tokens of a candidate without a leading preposition ("by June" is shorter than "June
    2024"), nor, for the model's entities, a trailing time of day (the lexicon's
    "time_of_day" words: the model's "Tuesday July 02 morning" is no longer than the rules'
    "Tuesday July 02")."""
    end = cand.end
    if lexicon is not None and cand.rank and end - cand.start > 1 and lexicon.get(
            "time_of_day", doc[end - 1].text):
        end -= 1
    return end - cand.start - (doc[cand.start].pos_ == "ADP")
