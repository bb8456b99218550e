"""What every source needs to know about one doc, computed once: cues, document mentions,
state mentions, dates."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.extractors.base import doc_text
from pipeline.extractors.documents.config import NUMBER_LABEL, DocumentsConfig
from pipeline.extractors.documents.cues import Cues
from pipeline.extractors.documents.dating import date_rows, event_date
from pipeline.extractors.documents.mentions import find_mentions
from pipeline.gazetteers import GAZETTEER_KEYS, gazetteer_spans_of, span_code, span_codes
from pipeline.normalizers.countries import STATE_LABELS, gazetteer_spans

ORG_LABEL = "ORGANIZATIONS"
GROUPS_LABEL = "GROUPS"  # models/gazetteers/groups.csv: code = the member states ("A;B;C")
COMPANIES_LABEL = "COMPANIES"  # models/gazetteers/companies.csv: code = the home state
LEADERS_LABEL = "LEADERS"  # models/gazetteers/leaders.csv: code = the leader's state


class DocFacts:
    """Per-doc facts shared by the candidate sources."""

    def __init__(self, doc: Doc, config: DocumentsConfig, home: str = "") -> None:
        self.doc = doc
        self.home = home  # the publisher's state: who "we" are in a government's text
        self.config = config
        self.cues = Cues.of(doc)
        self.mentions = find_mentions(doc)
        self.mention_starts = {m.span.start for m in self.mentions}
        # "the South China Sea": a state's name inside a longer place name is no party
        # (a leading "the" does not make one longer: "the Lugansk People's Republic" as FAC)
        states = one_per_place(outermost(gazetteer_spans(doc, STATE_LABELS)))
        in_state = {i for s in states for i in range(s.start, s.end)}
        # (nor is a "place" made of states alone: "the India-Sri Lanka" taken for a FAC)
        places = [(e.start + (e[0].pos_ == "DET"), e.end) for e in doc.ents
                  if e.label_ in ("LOC", "FAC") and not all(
                      t.i in in_state or t.is_punct or t.pos_ in ("DET", "CCONJ") for t in e)]
        self.countries = [s for s in states if not any(
            a <= s.start and s.end <= b and b - a > len(s) for a, b in places)
            and not _venue_state(s)]
        # a standing group of states ("the Normandy format", "the Lublin Triangle") names its
        # members and a company its home state ("a deal with Boeing": USA), unless a state's
        # name lies inside it ("Air India" names India already)
        stand_ins = [g for g in gazetteer_spans_of(doc, (GROUPS_LABEL, COMPANIES_LABEL))
                     if not in_state.intersection(range(g.start, g.end))]
        if stand_ins:
            # (the longest, once: both case modes match "the Normandy format")
            self.countries = sorted(self.countries + filter_spans(stand_ins),
                                    key=lambda s: (s.start, -(s.end - s.start)))
        self.country_ends = {s.end for s in self.countries}
        self.titles = {i for key in GAZETTEER_KEYS
                       for s in doc.spans.get(key, []) if s.label_ == "TITLES"
                       for i in range(s.start, s.end)}
        self.numbers = {s.start: span_code(s) for s in gazetteer_spans_of(doc, (NUMBER_LABEL,))
                        if len(s) == 1}
        self.dates = date_rows(doc)
        # token end -> (token start, value) and token start -> (token end, value) of the
        # dates that are no range: what `dating.attached_dates` walks
        self.date_by_end: dict[int, tuple[int, str]] = {}
        self.date_by_start: dict[int, tuple[int, str]] = {}
        for row in self.dates:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            if span is not None and "/" not in row.value:
                self.date_by_end[span.end] = (span.start, row.value)
                self.date_by_start[span.start] = (span.end, row.value)
        self.date_starts = self.date_by_start.keys()  # where a dated expression starts
        self.text = doc_text(doc)
        self.leaders = leader_spans(doc, self.text)
        self.event_date = event_date(doc, self.text, self.dates, config.windows.lead_chars)
        self.we = self.opening_we()  # "We, the Prime Minister of A and ... of B, ...": A, B

    def opening_we(self, reach: int = 60) -> list[str]:
        """The states of a text that opens "We, <the speakers>, ...": the ones named before
        the comma that ends the apposition (a comma before a state or "and" lists them on:
        "We, the Leaders of Australia, India, Japan and the United States, ...")."""
        doc = self.doc
        words = [t for t in doc[:8] if not t.is_space]
        if len(words) < 3 or words[0].text != "We" or words[1].text != ",":
            return []
        starts = {s.start for s in self.countries}
        start = words[1].i + 1
        i = start
        while i < min(len(doc), start + reach) and not (
                doc[i].text == "," and i + 1 < len(doc) and i + 1 not in starts
                and doc[i + 1].lower_ not in ("and", "the")):
            i += 1
        return self.codes(start, i)

    def in_date(self, tok: Token) -> bool:
        """The token lies in a date the dates table found ("the [July] agreement")."""
        return any(row.start <= tok.idx < row.end for row in self.dates)

    def codes(self, start: int, end: int) -> list[str]:
        """State/organization codes named in tokens [start, end), in order, once each."""
        out = []
        for s in self.countries:
            if s.start >= start and s.end <= end:
                out += [c for c in span_codes(s) if c not in out]
        return out

    def leader_codes(self, start: int, end: int, known: list[str] = ()) -> list[str]:
        """The states of the officials named in tokens [start, end) ("with President Biden":
        USA), in order, once each, leaving out `known` codes."""
        out: list[str] = []
        for s, e, code in self.leaders:
            if s >= start and e <= end and code not in out and code not in known:
                out.append(code)
        return out


def outermost(spans: list[Span]) -> list[Span]:
    """`spans` (sorted by start, longest first) without an organization's name inside a
    longer one's: "United Nations" in "United Nations Development Programme" is no party."""
    orgs = [s for s in spans if s.label_ == ORG_LABEL]
    return [s for s in spans if s.label_ != ORG_LABEL or not any(
        o.start <= s.start and s.end <= o.end and len(o) > len(s) for o in orgs)]


def one_per_place(spans: list[Span]) -> list[Span]:
    """The first of the spans over the same tokens ("US" is a country's name and a demonym)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out


def leader_spans(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """(start, end, state) of every mention of an official whose state is known: a
    well-known leader's name (models/gazetteers/leaders.csv) and each surname of a row of the
    leaders table (every mention, not only the row's first one), sorted."""
    out = {(s.start, s.end, span_code(s)) for s in gazetteer_spans_of(doc, (LEADERS_LABEL,))
           if span_code(s)}
    names = {row.name.split()[-1]: row.country
             for row in (doc._.rows or {}).get("leaders", [])
             if row.country and len(row.name.split()[-1]) > 2}
    if names:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
        for found in pattern.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is not None:
                out.add((span.start, span.end, names[found.group()]))
    return sorted(out)


def _venue_state(span: Span) -> bool:
    """The state of a place named as a venue ("signed in Hiroshima, Japan", "held in Paris,
    France"): where something happened, not a party."""
    doc, i = span.doc, span.start
    if i < 3 or doc[i - 1].text != ",":
        return False
    city = next((e for e in doc[i - 2].sent.ents if e.end == i - 1), None) \
        if doc.has_annotation("SENT_START") else None
    return city is not None and city.label_ in ("GPE", "LOC", "FAC") and city.start >= 1 \
        and doc[city.start - 1].lower_ in ("in", "at")
