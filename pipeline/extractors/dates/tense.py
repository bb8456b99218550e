"""Whether the clause governing a date is about the future (which way a year-less date or a
weekday resolves), and whether "today" means "nowadays"."""

from __future__ import annotations

from spacy.tokens import Span

CUE_DEPS = {"aux", "auxpass", "amod"}  # "will visit", "the upcoming visit"
STARTING_WORDS = {"from", "starting"}
DEADLINE_WORDS = {"by", "before", "until", "till"}
FUTURE_WINDOW = 8  # tokens either side of a date where a FUTURE cue counts when undecided


def tense(span: Span, cues: bytearray) -> str:
    """"future", "past" or "" for the clause governing `span`. Up the head chain, the first
    verb with a FUTURE cue ("will", "is scheduled", "plans to", "upcoming" ...) on it or
    among its auxiliaries decides future, the first past-tense or present-perfect verb
    decides past; undecided (or past only beyond a participle: "the talks, starting on
    April 14, would"), a deadline ("by May 1") or a cue near the date decides future."""
    nonfinite = False  # after a participle the attachment is unsure: the past is not final
    starting = span.root.dep_ == "pobj" and span.root.head.lower_ in STARTING_WORDS
    for tok in [span.root, *span.root.ancestors]:
        if cues[tok.i] or any(cues[c.i] for c in tok.children if c.dep_ in CUE_DEPS):
            return "future"
        if starting and tok.tag_ in ("VBZ", "VBP"):
            return "future"  # "the law raises the wage from January 1"
        if tok.pos_ in ("VERB", "AUX"):
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
                    tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in aux)):
                if not nonfinite:
                    return "past"
                break
            nonfinite = nonfinite or tok.tag_ in ("VBG", "VBN")
    if span.root.head.lower_ in DEADLINE_WORDS and span.root.dep_ == "pobj":
        return "future"  # "to complete the programme before May 1"
    sent = span.sent if span.doc.has_annotation("SENT_START") else span
    lo, hi = max(sent.start, span.start - FUTURE_WINDOW), min(sent.end, span.end + FUTURE_WINDOW)
    return "future" if any(cues[lo:hi]) else ""


def is_future(span: Span, cues: bytearray) -> bool:
    """Whether the clause governing `span` is about the future (see `tense`)."""
    return tense(span, cues) == "future"


def is_generic_today(span: Span) -> bool:
    """"today" meaning "nowadays": governed by a simple-present verb it is not the subject
    of ("the Council today conducts research"; but "today is the anniversary" is a day), or
    by a participle modifying a noun ("the problems facing the world today")."""
    if span.root.dep_ in ("nsubj", "nsubjpass", "poss", "pobj") or span.root.tag_ == "POS":
        return False  # "today is the anniversary", "as of today", "until today": the day
    for tok in span.root.ancestors:
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ == "VBG" and tok.dep_ == "acl":
                return True  # "the problems facing the world today"
            return tok.tag_ == "VBZ" and not any(c.dep_ == "nsubj" and c.lower_ == "today"
                                                 for c in tok.children)
    return False


def in_alternatives(span: Span) -> bool:
    """Whether a date is one of alternatives joined by "or" ("today, tomorrow or in ten years'
    time", "today or tomorrow"): no specific day."""
    root = span.root
    group = [root, *root.conjuncts]
    return any(c.dep_ == "cc" and c.lower_ == "or" for tok in group for c in tok.children)
