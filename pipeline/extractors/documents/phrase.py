"""Phrase analysis: a document phrase's title, count and party segments.

"the [strategic partnership] agreement [between A and B] [on trade and investment]": the
modifiers left of the noun and the tail right of it (their extent: `extent.py`), cut by
prepositions into title and party segments; a plural's coordinated subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.extractors.base import closing_bracket
from pipeline.extractors.documents.dating import YEAR_RANGE
from pipeline.extractors.documents.extent import (SUBJECT_MARKERS, coordinated_gerund,
                                                  phrase_end, premodifiers)
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.mentions import Mention

# Small grammar words the phrase scanner relies on (not user vocabulary).
PARTY_MARKERS = {"between", "among", "amongst", "by"}  # "with" needs a look at what follows
TITLE_MARKERS = {"on", "about", "concerning", "regarding", "for", "to", "of", "in", "over"}
TITLE_MARKERS_IN_PARTY = {"on", "about", "concerning", "regarding", "for", "to"}
ARTICLES = ("the", "a", "an")
YEAR = re.compile(r"^(?:19|20)\d\d$")
PLACE_ENTITIES = ("GPE", "LOC", "FAC", "DATE")


@dataclass
class Phrase:
    start: int  # token indices of the whole phrase [start, end)
    end: int
    count: str = ""
    title: str = ""
    tail_title: bool = False
    party_segments: list[tuple[int, int]] = field(default_factory=list)
    premod: tuple[int, int] = (0, 0)
    parts: tuple[str, ...] = ()  # a plural's coordinated subjects: one document each


def segments(doc: Doc, start: int, end: int, country_ends: set[int],
             party_of: frozenset[int] = frozenset()) -> tuple[
        list[tuple[int, int]], list[tuple[int, int]]]:
    """Split the tail [start, end) into title segments and party segments by prepositions
    (and by the "of" of `party_of`: "of the leaders of A and B")."""
    titles: list[tuple[int, int]] = []
    parties: list[tuple[int, int]] = []
    mode = ""
    seg_start = start
    for i in range(start, end):
        tok = doc[i]
        low = tok.lower_
        new_mode = ""
        if low in PARTY_MARKERS or i in party_of:
            new_mode = "party"
        elif low == "with" and i + 1 < end and (
                mode == "" or doc[i + 1].is_title or doc[i + 1].tag_ == "PRP$" or (
                    doc[i + 1].lower_ == "the" and i + 2 < end and doc[i + 2].is_title)):
            new_mode = "party"
        elif mode == "" and low in TITLE_MARKERS:
            new_mode = "title"
        elif mode == "party" and low in TITLE_MARKERS_IN_PARTY:
            # "Ministry for Foreign Affairs" stays a name; "... of Sri Lanka for Implementation"
            prev_cap = i > start and doc[i - 1].is_title
            next_cap = i + 1 < end and doc[i + 1].is_title
            if not (low == "for" and prev_cap and next_cap and i not in country_ends):
                new_mode = "title"
        if mode == "skip" and low in TITLE_MARKERS:
            new_mode = "title"
        if new_mode and (new_mode != mode or i == start):
            if mode in ("title", "party") and i > seg_start:
                (titles if mode == "title" else parties).append((seg_start, i))
            # a later title piece keeps its preposition: "cooperation ... on joint implementation"
            seg_start = i if new_mode == "title" and titles else i + 1
            mode = new_mode
        elif mode == "" and i == start:
            mode = "skip"  # no preposition ("Roadmap 2019-2022"): neither title nor parties
    if mode in ("title", "party") and end > seg_start:
        (titles if mode == "title" else parties).append((seg_start, end))
    return titles, parties


def only_place(doc: Doc, start: int, end: int) -> bool:
    """A title segment that is only where the signing took place ("signed the deal [in]
    Buenos Aires", "the MoU [at] the Ministry"): a place entity after "in"/"at"."""
    k = start + 1 if doc[start].lower_ in ("in", "at") else start
    if k == start and (start == 0 or doc[start - 1].lower_ not in ("in", "at")):
        return False
    words = [t for t in doc[k:end] if not (t.pos_ == "DET" or t.is_punct)]
    return bool(words) and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in words)


def text_of(doc: Doc, start: int, end: int) -> str:
    if end <= start:
        return ""
    return doc[start:end].text.strip()


def clean_title(text: str) -> str:
    text = re.sub(r"\s*\([^()]*\)", "", text)  # "(FTA)", "(the Agreement)"
    text = re.sub(r"\s+(?:and|or|&)$", "", text.strip(" ,;:-–—"), flags=re.I)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;:-–—"), flags=re.I)
    return " ".join(text.split())


def title_piece(facts: DocFacts, s: int, e: int) -> str:
    """Title text of a segment without date ranges, "designed for" tails and a leading "the
    fields of" (a TITLE_PREFIX cue)."""
    doc = facts.doc
    seg = doc[s:e]
    text = seg.text
    for row in facts.dates:
        if seg.start_char <= row.start < seg.end_char and "/" in row.value:
            text = facts.text[seg.start_char:row.start]
            break
    else:
        match = YEAR_RANGE.search(text)
        if match:
            text = text[:match.start()]
    text = re.sub(r"\s+(?:for|in|of|during|designed for)(?:\s+the\s+period)?\s*$", "",
                  text.strip())
    k = s + 1 if s < e and doc[s].lower_ in ARTICLES else s
    prefix_end = facts.cues.word_end(k, "TITLE_PREFIX")
    if prefix_end != -1 and prefix_end < e:
        cut = doc[prefix_end].idx - seg.start_char
        if cut < len(text):  # "the fields of energy" -> "energy"
            text = text[cut:]
    return clean_title(text)


def phrase(facts: DocFacts, m: Mention, lo: int, hi: int) -> Phrase:
    """The phrase of mention `m` within tokens [lo, hi): extent, count, title, party segments."""
    doc, cues = facts.doc, facts.cues
    first = premodifiers(doc, m, lo, facts.mention_starts)
    # a name of states before the noun is whole, its number no count ("the Group of Five pact")
    named = next((s for s in facts.countries if s.start < first < s.end), None)
    first = named.start if named is not None and named.start >= lo else first
    end = phrase_end(doc, m, hi, cues, facts.mention_starts, facts.date_starts,
                     facts.config.windows.phrase_tokens)
    tail_start = m.alias_end if m.alias_end > 0 else m.span.end
    if tail_start < end and doc[tail_start].text == "(":  # "Free Trade Agreement (FTA)"
        tail_start = closing_bracket(doc, tail_start, min(tail_start + 6, end)) or tail_start
    party_of = frozenset(i for i in range(tail_start, end) if cues.word_at(i, "PARTY_OF"))
    titles, parties = segments(doc, tail_start, end, facts.country_ends, party_of)
    titles = [(s, e) for s, e in titles if not only_place(doc, s, e)]
    count = ""
    premod = [doc[i] for i in range(first, m.span.start)]
    # (not a year or a day of a date: "the 2015 agreements", "the February 22 agreement")
    nums = [t for t in premod if t.like_num and not YEAR.match(t.text) and not facts.in_date(t)
            and not any(s.start <= t.i < s.end for s in facts.countries)]
    if nums:
        count = facts.numbers.get(nums[0].i, nums[0].text)
        run = nums[0].i
        while run + 1 < m.span.start and doc[run + 1].like_num:
            run += 1  # "four hundred treaties": the words together, not "4"
        if run > nums[0].i:
            count = doc[nums[0].i:run + 1].text
    lead = first
    while lead < m.span.start:
        tok = doc[lead]
        if lead + 2 < m.span.start and tok.like_num and doc[lead + 1].tag_ == "HYPH":
            lead += 3  # "four-year", "10-point": a duration or size, not a subject
            continue
        if not (tok.like_num or tok.pos_ in ("SYM", "CCONJ") or tok.tag_ == "HYPH"
                or tok.text[:1].isdigit() or cues.has(tok, "GENERIC_MOD")
                or cues.has(tok, "QUANT")):  # "a total eight MoUs"
            break
        lead += 1
    if nums and nums[0].i + 1 < m.span.start and doc[nums[0].i + 1].tag_ == "HYPH":
        count = ""
    title = " ".join(p for p in (title_piece(facts, s, e) for s, e in titles) if p)
    tail_title = bool(title)
    words = [t for t in doc[lead:m.span.start] if t.is_alpha]
    if not title and not (words and all(facts.in_date(t) for t in words)):
        title = clean_title(text_of(doc, lead, m.span.start))  # (not "the [July] agreement")
    parts = title_parts(facts, *titles[0]) if m.plural and titles else ()
    return Phrase(first, end, count, title, tail_title, parties, (lead, m.span.start), parts)


def title_parts(facts: DocFacts, s: int, e: int) -> tuple[str, ...]:
    """The coordinated subjects of a plural's title segment [s, e), each with what they share
    ("memoranda on cooperation in education and in sport": "cooperation in education",
    "cooperation in sport"); () without coordination. The highest word of the segment that
    has conjuncts inside it splits it."""
    doc = facts.doc
    heads = [t for t in doc[s:e] if t.dep_ != "conj" and any(s <= c.i < e for c in t.conjuncts)]
    if s == 0 or doc[s - 1].lower_ not in SUBJECT_MARKERS or any(
            t.ent_type_ in PLACE_ENTITIES
            or t.pos_ in ("VERB", "AUX") and not coordinated_gerund(t, s - 1)
            for t in doc[s:e] if t.dep_ == "conj"):
        return ()  # "signed in Istanbul and Astana", "to deepen understanding and cooperation"
    outer = [t for t in doc[s:e] if t.dep_ == "conj" and not s <= t.head.i < e]
    if outer:  # "on [cooperation in education] and [in sport]": the title's preposition leads
        cuts = [t.left_edge.i for t in outer]
        bounds = list(zip([s, *cuts], [*cuts, e]))
        out = []
        for lo, hi in bounds:
            text = "".join(doc[i].text_with_ws for i in range(lo, hi)).strip()
            out.append(clean_title(re.sub(r"\s*(?:,|\band\b|\bor\b)\s*$", "", text)))
        lead = doc[s:cuts[0]]
        for k, (lo, _) in enumerate(bounds[1:], start=1):
            prep = next((t for t in lead if t.lower_ == doc[lo].lower_ and t.pos_ == "ADP"), None)
            if prep is not None and out[k]:  # "cooperation in education" -> "cooperation in sport"
                out[k] = clean_title(doc[s:prep.i].text + " " + out[k])
            elif doc[lo].lower_ == doc[s - 1].lower_:  # "on A, and on B": "B"
                out[k] = out[k][len(doc[lo].text):].strip()
        parts = tuple(p for p in out if p)
        return parts if len(parts) > 1 else ()
    if not heads:
        return ()
    head = min(heads, key=lambda t: (sum(1 for _ in t.ancestors), t.i))
    members = sorted([head, *(c for c in head.conjuncts if s <= c.i < e)], key=lambda t: t.i)
    trees = {t.i: {x.i for x in t.subtree} for t in members}
    own = {}
    for t in members:
        others = {i for o in members if o.i != t.i and o.i in trees[t.i] for i in trees[o.i]}
        own[t.i] = [i for i in sorted(trees[t.i] - others) if s <= i < e and not (
            doc[i].head.i == t.i and doc[i].dep_ in ("cc", "punct"))]
    first = min(own[members[0].i])
    last = max(max(v) for v in own.values())
    out = []
    for t in members:
        tokens = list(range(s, first)) + own[t.i] + list(range(last + 1, e))
        text = "".join(doc[i].text_with_ws for i in tokens)
        out.append(clean_title(re.sub(r"\s*(?:,|\band\b|\bor\b)\s*$", "", text.strip())))
    parts = tuple(p for p in out if p)
    return parts if len(parts) > 1 else ()
