"""Dates table extractor: date expressions -> `DateRow`s, and the publication date when the
input had none.

Sources, each its own span group / annotation, merged here:
  1. `doc.spans["dates_rules"]` (models/patterns/dates.jsonl), label DATE: the rules;
     label FUTURE marks words that put a clause in the future ("will", "is scheduled").
  2. the model's DATE entities (second source; durations like "two-day" fail to normalize).
Merge: longest first, rules before the model on ties, no overlaps; a candidate is kept only
if `pipeline.normalizers.dates.normalize` gives it a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extractors.base import add_rows, doc_text, evidence
from pipeline.gazetteers import GAZETTEER_KEYS, read_gazetteer
from pipeline.rules import component_dir
from pipeline.normalizers.dates import (LEXICON_FILE, MAX_YEAR, MIN_YEAR, DateValue, Lexicon,
                                        load_lexicon, normalize, parse)
from pipeline.records import DateRow

RULES_KEY = "dates_rules"
DATE_LABEL, FUTURE_LABEL = "DATE", "FUTURE"
NER_RULE = "ner_date"
# Grammar words, not vocabulary: a leading preposition is not part of the expression's text.
TRIM_LEADING = {"on", "in", "since", "at", "of", "during", "for", "throughout"}
TRIM_TRAILING = {"and", "or", "of", "the", ",", ".", "-", "–", ";", ":", "("}
RANGE_OPENERS = {"from", "between"}
RANGE_WORDS = {"to", "through", "until", "till", "and", "-", "–", "—"}
# Model entity types that make a number a count or an amount, or a span a name, not a date.
NOT_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC"}
DATELINE_PREFIX = re.compile(  # nothing, or a place and a comma: "DUSHANBE, ", "IGORA /Region/, "
    r"^\s*(?:[A-Z][\w.'’()/-]*(?:[ \t]+[\w.'’()/-]+){0,5}[ \t]*,[ \t]*)?$")
DATELINE_WINDOW = 120  # characters from the start of the text
BASE_CONFIDENCE = {"rule": 0.95, "ner": 0.75}
BARE_YEAR_CONFIDENCE = 0.85
INFERRED_FACTOR = 0.9
LIST_FACTOR = 0.9
CUE_DEPS = {"aux", "auxpass", "amod"}  # "will visit", "the upcoming visit"
PLAN_WORDS = {"for", "by", "until", "till", "through", "to"}
STARTING_WORDS = {"from", "starting"}
DEADLINE_WORDS = {"by", "before", "until", "till"}
FUTURE_WINDOW = 8  # tokens either side of a date where a FUTURE cue counts when undecided
LIST_JOINERS = {",", "and", "&"}
MONTH_MODIFIERS = {"early", "late", "mid", "-", "until", "till", "by"}
DOC_TYPES_LABEL = "DOC_TYPES"
NAME_WINDOW = 6
PART_WORDS = {"quarter", "half"}
SPECIFICITY = {"range": 0, "day": 0, "month": 1, "year": 2}


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    rule: str
    rank: int  # 0 = rules, 1 = model entities


class DatesExtractor:
    """Finds date expressions, infers a missing publication date, writes `DateRow`s."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir
        self.lexicon: Lexicon = load_lexicon(str(component_dir(models_dir)))

    # ------------------------------------------------------------ component

    def __call__(self, doc: Doc) -> Doc:
        rule_spans = doc.spans[RULES_KEY] if RULES_KEY in doc.spans else []
        cues = bytearray(len(doc))  # tokens of FUTURE cue spans
        for span in rule_spans:
            if span.label_ == FUTURE_LABEL:
                cues[span.start:span.end] = b"\x01" * len(span)
        candidates = self.candidates(doc, rule_spans)
        if not doc._.dct:
            dct, source = self.infer_dct(doc, candidates, cues)
            if dct:
                doc._.dct, doc._.dct_source = dct, source
        dct = doc._.dct or None
        inferred = doc._.dct_source == "inferred"
        rows = []
        for cand, span, value in self.select(doc, candidates, dct, inferred, cues):
            rows.append(self.row(doc, cand, span, value))
        add_rows(doc, DateRow.TABLE, rows)
        return doc

    def candidates(self, doc: Doc, rule_spans: Iterable[Span]) -> list[Candidate]:
        """Plausible date spans from both sources, trimmed and filtered; for one span the
        rule wins over the model."""
        found: dict[tuple[int, int], Candidate] = {}
        sources = [(s, s.id_ or "dates_rule", 0) for s in rule_spans if s.label_ == DATE_LABEL]
        sources += [(e, NER_RULE, 1) for e in doc.ents if e.label_ == "DATE"]
        for span, rule, rank in sources:
            start, end = trim(doc, span.start, span.end)
            if not self.plausible(doc, start, end, rank):
                continue
            key = (start, end)
            if key not in found or found[key].rank > rank:
                found[key] = Candidate(start, end, rule, rank)
        return list(found.values())

    def plausible(self, doc: Doc, start: int, end: int, rank: int = 0) -> bool:
        """Context checks the token patterns cannot express (counts, names, durations)."""
        first, last = doc[start], doc[end - 1]
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end] if end < len(doc) else None
        if end - start == 1 and first.shape_ == "dddd":
            return self.plausible_year(first, prev, nxt)
        if end - start == 1 and rank == 0 and self.lexicon.get("month", first.text) and \
                not (prev is not None and (prev.pos_ == "ADP" or prev.lower_ in MONTH_MODIFIERS)):
            return False  # a month name alone only "in May", "since March", "early June"
        if nxt is not None and nxt.lower_ == "of" and last.lower_ in PART_WORDS:
            return False  # "the second half of May", "the first half of its term"
        if last.lower_ == "half":
            return False  # a half with no year: of a match, a term, a season
        if first.lower_ in ("last", "past") and prev is not None and \
                prev.lower_ in ("the", "over", "past", "previous"):
            return False  # "over the last year": a duration
        if end - start == 1 and first.lower_ == "today" and is_generic_today(doc[start:end]):
            return False
        ent_types = {t.ent_type_ for t in doc[start:end]}
        if ent_types & NAME_ENTS and not any(t.like_num for t in doc[start:end]):
            return False  # "Theresa May", "Russia Today"
        return True

    def plausible_year(self, tok, prev, nxt) -> bool:
        """A lone four-digit number is a year unless it is a count, amount, code or name."""
        if not MIN_YEAR <= int(tok.text) <= MAX_YEAR:
            return False
        if tok.ent_type_ in NOT_YEAR_ENTS:
            return False
        if prev is not None and (prev.is_currency or prev.like_num or prev.text in ("#", "№")):
            return False
        if nxt is not None and (nxt.like_num or nxt.text in ("%", "-")):
            return False
        if tok.dep_ in ("nummod", "compound") and nxt is not None and tok.head == nxt and \
                (prev is None or (prev.pos_ not in ("DET", "ADP", "PRON") and
                                  prev.tag_ not in ("PRP$", "POS"))):
            return False  # "up 1998 pct", "1987 tonnes"; but "the 2021 elections"
        if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.is_alpha and \
                not self.lexicon.get("month", prev.text):
            return False  # "Resolution 2118", "Vision 2030", "Expo 2020": names and codes
        if nxt is not None and (nxt.is_title or (nxt.is_upper and len(nxt) > 1)) and \
                nxt.is_alpha and not nxt.is_sent_start and \
                not self.lexicon.get("month", nxt.text) and (prev is None or prev.pos_ != "ADP"):
            return names_document(tok)  # "the 2030 Agenda" is a name, "the 1951 Treaty" a date
        return True

    def select(self, doc: Doc, candidates: list[Candidate], dct: str | None, inferred: bool,
               cues: bytearray) -> list[tuple[Candidate, Span, DateValue]]:
        """Non-overlapping candidates that normalize, in text order: longest first, then
        the most specific value ("December 10" over "by December"), rules before the model."""
        valued = []
        for cand in candidates:
            span = doc[cand.start:cand.end]
            value = normalize(span.text, dct, dct_inferred=inferred, lexicon=self.lexicon)
            if value is None:
                continue
            if value.anchor != "absolute":  # the tense matters only if the value can move
                ahead = normalize(span.text, dct, future=True, dct_inferred=inferred,
                                  lexicon=self.lexicon)
                if ahead is not None and ahead != value and is_future(span, cues):
                    value = ahead
            valued.append((cand, span, value))
        valued.sort(key=lambda item: (-core_length(doc, item[0]),
                                      SPECIFICITY[item[2].granularity],
                                      item[2].anchor != "absolute", item[0].rank,
                                      item[0].start))
        taken = bytearray(len(doc))
        chosen = []
        for cand, span, value in valued:
            if any(taken[cand.start:cand.end]):
                continue
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append((cand, span, value))
            chosen.extend(self.day_list(doc, span, value, taken))
        chosen.sort(key=lambda item: item[0].start)
        return chosen

    def day_list(self, doc: Doc, span: Span, value: DateValue,
                 taken: bytearray) -> list[tuple[Candidate, Span, DateValue]]:
        """The further days of a list after a month-day: "August 15, 16 and 23"."""
        out: list[tuple[Candidate, Span, DateValue]] = []
        if value.granularity != "day" or not span[-1].like_num or span[-1].shape_ == "dddd":
            return out
        i = span.end
        while i + 1 < len(doc) and doc[i].lower_ in LIST_JOINERS and not taken[i + 1]:
            tok = doc[i + 1]
            after = doc[i + 2] if i + 2 < len(doc) else None
            if not (tok.is_digit and 1 <= int(tok.text) <= 31) or \
                    (after is not None and (after.is_alpha and after.lower_ not in LIST_JOINERS
                                            and after.pos_ != "ADP")):
                break  # "15, 16 people": not a day
            try:
                day = date.fromisoformat(value.value[:8] + f"{int(tok.text):02d}")
            except ValueError:
                break
            item = DateValue(day.isoformat(), "day", value.anchor, value.shape,
                             value.confidence * LIST_FACTOR)
            taken[i + 1] = 1
            out.append((Candidate(i + 1, i + 2, "day_list", 0), doc[i + 1:i + 2], item))
            i += 2
        return out

    def row(self, doc: Doc, cand: Candidate, span: Span, value: DateValue) -> DateRow:
        # the normalizer's own confidence is 0.95 for its grammar, lower for dateparser
        # and weekday contradictions; scale it by the source
        confidence = BASE_CONFIDENCE["ner" if cand.rank else "rule"] * value.confidence / 0.95
        if cand.rule in ("year", NER_RULE) and len(span) == 1 and span[0].shape_ == "dddd" \
                and not (span.start > 0 and doc[span.start - 1].pos_ == "ADP"):
            confidence = min(confidence, BARE_YEAR_CONFIDENCE)
        if value.anchor == "inferred":
            confidence *= INFERRED_FACTOR
        rule = cand.rule + (f"+{value.note}" if value.note else "")
        return DateRow(text=span.text, value=value.value, granularity=value.granularity,
                       anchor=value.anchor,
                       **evidence(doc, span.start_char, span.end_char, rule, confidence))

    # ------------------------------------------------------------ publication date

    def infer_dct(self, doc: Doc, candidates: list[Candidate],
                  cues: bytearray) -> tuple[str | None, str]:
        """(ISO date, "text" | "inferred") for an article without a publication date.

        A dateline with a full date gives "text". A dateline month-day, or else a weekday
        with a month-day in a clause not about the future ("On Thursday May 20 ... held"),
        gets its year from the article: the weekday must fit, and the date must fall after
        the dates told in the past tense and before those told in the future tense, near the
        years the article mentions. (None, "") when nothing fixes a date.
        """
        chosen = self.select(doc, candidates, None, False, cues)  # absolute values only
        years = sorted({int(y) for _, _, v in chosen for y in re.findall(r"\d{4}", v.value)})
        after = before = recent = None
        for _, span, value in chosen:
            when = tense(span, cues)
            if when == "future":
                if before is None or value.last_day() < before:
                    before = value.last_day()
                continue
            if when == "past" and value.granularity != "range" and \
                    span.root.head.lower_ not in PLAN_WORDS and \
                    (after is None or value.first_day() > after):
                after = value.first_day()  # not "were drafting a plan for 2024-2026"
            if value.granularity in ("day", "month") and (
                    recent is None or value.first_day() > recent):
                recent = value.first_day()  # a named month or day: usually the last year's
        bounds = Bounds(years, after, before, recent)
        points = []
        for cand in candidates:
            span = doc[cand.start:cand.end]
            point = parse(span.text, self.lexicon)
            if point is not None and point.month and point.day:
                points.append((span, point))
        points.sort(key=lambda sp: (sp[0].start, -len(sp[0])))  # longest first at a start
        size = len(doc_text(doc))
        for span, point in points:
            if DATELINE_WINDOW < span.start_char and span.end_char < size - DATELINE_WINDOW:
                continue
            if is_dateline(doc, span):
                if point.year is not None:
                    return date(point.year, point.month, point.day).isoformat(), "text"
                year = bounds.year_for(point)
                if year is not None:
                    return date(year, point.month, point.day).isoformat(), "inferred"
                break
        for span, point in points:
            if point.weekday is not None and point.year is None and \
                    tense(span, cues) != "future":
                year = bounds.year_for(point)
                if year is not None:
                    return date(year, point.month, point.day).isoformat(), "inferred"
        return None, ""

    # ------------------------------------------------------------ serialization

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        import csv

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / LEXICON_FILE, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["text", "code", "kind"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.lexicon.rows())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DatesExtractor:
        self.lexicon = Lexicon.from_rows(list(read_gazetteer(Path(path) / LEXICON_FILE)))
        return self


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without a leading preposition ("on", "in", "since", a "from" that opens
    no range) or trailing punctuation and conjunctions ("May 14 and", "March 16.")."""
    while end - start > 1:
        word = doc[end - 1].lower_
        if word in TRIM_TRAILING or doc[end - 1].is_space or (
                word == ")" and not any(t.text == "(" for t in doc[start:end])):
            end -= 1
        else:
            break
    while end - start > 1:
        word = doc[start].lower_
        if word in TRIM_LEADING or word == "(" or (word in RANGE_OPENERS and not any(
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
    while end < len(doc) and end - tok.i <= NAME_WINDOW and (doc[end].is_title or doc[end].is_upper
                                                             or doc[end].lower_ in ("of", "on")):
        end += 1
    for key in GAZETTEER_KEYS:
        for span in doc.spans.get(key, []):
            if span.label_ == DOC_TYPES_LABEL and tok.i < span.start and span.end <= end:
                return True
    return False


def core_length(doc: Doc, cand: Candidate) -> int:
    """Tokens of a candidate without a leading preposition: "by June" is shorter than
    "June 2024"."""
    return cand.end - cand.start - (doc[cand.start].pos_ == "ADP")


def is_dateline(doc: Doc, span: Span) -> bool:
    """A date on the first line after nothing or a place and a comma ("DUSHANBE, May 20"),
    or the same closing the text ("Baku, 3 November 2022")."""
    text = doc_text(doc)
    head = text[:span.start_char]
    if "\n" not in head.strip() and DATELINE_PREFIX.match(head) is not None:
        return True
    line = head[head.rfind("\n") + 1:]
    return not text[span.end_char:].strip(" \t\n.") and DATELINE_PREFIX.match(line) is not None


@dataclass
class Bounds:
    """What an undated article tells about its own date: the years it mentions, the latest
    date it tells in the past tense, the earliest it tells in the future tense."""

    years: list[int]
    after: date | None
    before: date | None
    recent: date | None = None  # the latest month or day named, not as future

    def year_for(self, point) -> int | None:
        """The year of a month-day (weekday optional) that fits the bounds: with a weekday,
        a fitting year the article mentions (the latest), else the fitting year nearest
        the latest mentioned; without one, the year that puts it less than a year after the
        latest month or day the article names (none when it names none)."""
        known = self.years + [d.year for d in (self.after, self.before) if d]
        if not known:
            return None
        fits = []
        for year in range(min(known) - 1, max(known) + 2):
            try:
                day = date(year, point.month, point.day)
            except ValueError:
                continue
            if (point.weekday is None or day.weekday() == point.weekday) and \
                    (self.after is None or day >= self.after) and \
                    (self.before is None or day <= self.before):
                fits.append(year)
        if not fits:
            return None
        if point.weekday is None:
            # no weekday: only a named month or day less than a year before can fix the year
            if self.recent is None:
                return None
            for year in fits:
                gap = (date(year, point.month, point.day) - self.recent).days
                if 0 <= gap <= 366:
                    return year
            return None
        mentioned = [y for y in fits if y in self.years]
        if mentioned:
            return mentioned[-1]
        return min(fits, key=lambda y: (abs(y - max(known)), -y))


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
    if span.root.dep_ in ("nsubj", "nsubjpass", "poss") or span.root.tag_ == "POS":
        return False
    for tok in span.root.ancestors:
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ == "VBG" and tok.dep_ == "acl":
                return True  # "the problems facing the world today"
            return tok.tag_ == "VBZ" and not any(c.dep_ == "nsubj" and c.lower_ == "today"
                                                 for c in tok.children)
    return False


@Language.factory("communique_dates", assigns=["doc._.rows", "doc._.dct", "doc._.dct_source"],
                  default_config={"models_dir": ""})
def make_dates(nlp: Language, name: str, models_dir: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, models_dir)
