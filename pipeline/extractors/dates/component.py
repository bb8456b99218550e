"""The `communique_dates` pipeline component: date expressions -> `DateRow`s, and the
publication date when the input had none.

Sources, each its own span group / annotation, merged here:
  1. `doc.spans["dates_rules"]` (models/patterns/dates.jsonl), label DATE: the rules;
     label FUTURE marks words that put a clause in the future ("will", "is scheduled").
  2. the model's DATE entities (second source; durations like "two-day" fail to normalize).
Merge: longest first, rules before the model on ties, no overlaps; a candidate is kept only
if `pipeline.normalizers.dates.normalize` gives it a value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extractors.base import add_rows, evidence
from pipeline.extractors.dates.anchors import anchor_reports, pending_value
from pipeline.extractors.dates.dct import infer_dct
from pipeline.extractors.dates.spans import Candidate, core_length, names_document, trim
from pipeline.extractors.dates.tense import (committed, in_alternatives, is_future,
                                              is_generic_today, tense)
from pipeline.gazetteers import read_gazetteer
from pipeline.normalizers.dates import (LEXICON_FILE, MAX_YEAR, MIN_YEAR, DateValue, Lexicon,
                                        load_lexicon, normalize)
from pipeline.records import DateRow
from pipeline.rules import component_dir

RULES_KEY = "dates_rules"
DATE_LABEL, FUTURE_LABEL = "DATE", "FUTURE"
NER_RULE = "ner_date"
# Model entity types that make a number a count or an amount, or a span a name, not a date.
NOT_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
NAME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC"}
BASE_CONFIDENCE = {"rule": 0.95, "ner": 0.75}
BARE_YEAR_CONFIDENCE = 0.85
INFERRED_FACTOR = 0.9
LIST_FACTOR = 0.9
LIST_JOINERS = {",", "and", "&"}
# words before a month alone that make it a date ("the same February period")
MONTH_MODIFIERS = {"early", "late", "mid", "-", "until", "till", "by", "same"}
PART_WORDS = {"quarter", "half"}
YEAR_PREPOSITIONS = {"in", "since", "during", "until", "till"}
SPECIFICITY = {"range": 0, "day": 0, "month": 1, "year": 2}
KEEP_PREPOSITION = {"later"}  # rules whose leading "in" is part of the expression
FUTURE_ONLY = {"in_later"}  # shapes that are dates only in a clause about the future
HOLIDAY_RULE = "new_year"
# Shapes a clause with no tense resolves to the nearer reading, before or after the
# publication date: "thanked him for hosting the summit on June 16" in a June 15 article, "the
# payment date is March 25" in a March 5 one; a writer meaning a day 11 months back would give
# the year. A bare weekday keeps the past.
NEAREST_SHAPES = {"month_day", "day_month", "range"}
# a month only in a present-tense clause or before a noun ("May crude futures")
PRESENT_NEAREST_SHAPES = NEAREST_SHAPES | {"month"}


# A forward reading this far from the publication date gives way to the backward one when that
# one is this near, unless the date's own verb fixes the future (`tense.committed`): a writer
# meaning a day almost a year ahead gives the year ("grateful to everyone who decided to be
# with Ukraine on February 24" in May is three months back, not nine months ahead). (On the
# tuning draws, readings 241 and 265 days away were right and 276 or more wrong.)
FAR_DAYS = 270
NEAR_DAYS = 100


def nearer_other(chosen: DateValue, other: DateValue, dct: str | None) -> bool:
    """Whether the reading the clause's tense would choose is FAR_DAYS or more from the
    publication date and the other reading of the year-less date within NEAR_DAYS of it."""
    if dct is None or chosen.shape not in PRESENT_NEAREST_SHAPES:
        return False
    day = date.fromisoformat(dct[:10])

    def distance(value: DateValue) -> int:
        return max((value.first_day() - day).days, (day - value.last_day()).days, 0)

    return distance(chosen) >= FAR_DAYS and distance(other) <= NEAR_DAYS


def states_figures(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence of tokens [start, end) has a number outside them (a report)."""
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    return any(t.like_num for t in sent if not start <= t.i < end)


def nearer_ahead(back: DateValue, ahead: DateValue, dct: str | None, when: str) -> bool:
    """Whether the forward reading of a year-less date is nearer the publication date than
    the backward one, in a clause of tense `when` ("" or "present"; see NEAREST_SHAPES)."""
    shapes = PRESENT_NEAREST_SHAPES if when in ("present", "nominal") else NEAREST_SHAPES
    if dct is None or ahead.shape not in shapes:
        return False
    day = date.fromisoformat(dct[:10])
    return (ahead.first_day() - day).days < (day - back.last_day()).days


SHARED_YEAR_SHAPES = {"month_day", "day_month"}
SHARED_YEAR_JOINERS = {"and", "or", ",", "&"}


def shared_years(doc: Doc, chosen: list) -> list:
    """A year-less day listed before a dated one takes its year: "January 11 and November
    26, 2021" (the year a list writes once); one of a later month, the year before
    ("December 30 and January 2, 2022")."""
    out = list(chosen)
    for k in range(len(out) - 2, -1, -1):
        cand, span, value = out[k]
        later = out[k + 1][2]
        between = doc[span.end:out[k + 1][1].start]
        if value.shape not in SHARED_YEAR_SHAPES or value.anchor == "absolute" or \
                later.granularity != "day" or later.anchor != "absolute" or \
                not 1 <= len(between) <= 2 or \
                any(t.lower_ not in SHARED_YEAR_JOINERS for t in between):
            continue
        month_day = value.value[4:]
        year = int(later.value[:4]) - (month_day > later.value[4:])
        try:
            date.fromisoformat(f"{year}{month_day}")
        except ValueError:
            continue  # February 29 of a common year
        out[k] = (cand, span, replace(value, value=f"{year}{month_day}", anchor="absolute"))
    return out


def listed_day(doc: Doc, k: int, value: DateValue) -> tuple[Candidate, Span, DateValue] | None:
    """The day number at token `k` of a list whose written date is `value` ("16" of "August
    15, 16 and 23", "13" of "on 13, 14 and 15 May"), in that date's month; None when the month
    has no such day."""
    try:
        day = date.fromisoformat(value.value[:8] + f"{int(doc[k].text):02d}")
    except ValueError:
        return None
    item = DateValue(day.isoformat(), "day", value.anchor, value.shape,
                     value.confidence * LIST_FACTOR)
    return Candidate(k, k + 1, "day_list", 0), doc[k:k + 1], item


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
        chosen = self.select(doc, candidates, dct, inferred, cues, pending=True)
        rows = [self.row(doc, cand, span, value)
                for cand, span, value in anchor_reports(
                    doc, chosen, self.lexicon, date.fromisoformat(dct[:10]) if dct else None)]
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
            if rule in KEEP_PREPOSITION:
                start = span.start  # "in two months": the preposition makes it a date
            if not self.plausible(doc, start, end, rank, rule):
                continue
            key = (start, end)
            if key not in found or found[key].rank > rank:
                found[key] = Candidate(start, end, rule, rank)
        return list(found.values())

    def plausible(self, doc: Doc, start: int, end: int, rank: int = 0, rule: str = "") -> bool:
        """Context checks the token patterns cannot express (counts, names, durations)."""
        first, last = doc[start], doc[end - 1]
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end] if end < len(doc) else None
        if rule == HOLIDAY_RULE and prev is not None and self.lexicon.get("calendar", prev.text):
            return False  # "Lunar New Year", "Sinhala and Tamil New Year": another calendar's
        if prev is not None and prev.is_title and self.lexicon.get("weekday", first.text) and \
                self.lexicon.get("holiday_weekday", prev.text):
            return False  # "the Easter Sunday attacks", "the Good Friday Agreement": names
        if last.lower_ == "months" and any(t.lower_ == "first" for t in doc[start:end]) and (
                # "the first four months" with no year: in a report only
                (nxt is not None and nxt.lower_ == "of") or not states_figures(doc, start, end)):
            return False  # "the first six months of his term"; bare, only in a report
        if rule in KEEP_PREPOSITION and ((nxt is not None and nxt.lower_ == "or")
                                         or first.head.pos_ not in ("VERB", "AUX")):
            return False  # "in a day or so": vague; "the first time in seven years": a span
        if any(t.lower_ == "year" and t.is_lower for t in doc[start:end]) and \
                any(t.lower_ == "new" for t in doc[start:end]):
            return False  # "in the new year": a year to come, not the holiday
        if last.lower_ == "century" and (
                any(t.ent_type_ in NAME_ENTS for t in doc[start:end])
                or (last.is_title and nxt is not None and (nxt.is_title or nxt.text == "-"))):
            return False  # "20th Century Fox", "20th Century-Fox Film Corp"
        if end - start == 1 and first.shape_ == "dddd":
            return self.plausible_year(first, prev, nxt)
        if end - start == 1 and rank == 0 and self.lexicon.get("month", first.text) and \
                not (prev is not None and (prev.pos_ == "ADP" or prev.lower_ in MONTH_MODIFIERS)) \
                and self.listed_month(doc, start) is None and \
                not self.month_before_noun(doc, start):
            return False  # a month name alone only "in May", "since March", "early June"
        if nxt is not None and nxt.lower_ == "of" and last.lower_ in PART_WORDS:
            return False  # "the second half of May", "the first half of its term"
        if last.lower_ == "half":
            return False  # a half with no year: of a match, a term, a season
        if first.lower_ in ("last", "past") and prev is not None and \
                prev.lower_ in ("the", "over", "past", "previous") and last.lower_ != "night":
            return False  # "over the last year": a duration (but "over the past night")
        if last.lower_ == "before" and nxt is not None and not nxt.is_punct:
            return False  # "the day before the summit", "a year before he died": an event's
        if end - start == 1 and first.lower_ == "today" and is_generic_today(
                doc[start:end], lambda kind, word: self.lexicon.get(kind, word) is not None):
            return False
        if end - start == 1 and self.lexicon.get("rel_day", first.text) is not None and \
                doc.has_annotation("DEP") and in_alternatives(doc[start:end]):
            return False  # "today or tomorrow": no specific day
        if end - start == 1 and first.tag_ == "MD":
            return False  # "May this blessed day illuminate ...": the modal, not the month
        ent_types = {t.ent_type_ for t in doc[start:end]}
        if ent_types & NAME_ENTS and not any(c.isdigit() for t in doc[start:end] for c in t.text):
            return False  # "Theresa May", "Russia Today" (but "(Colombo/June26/2024)")
        return True

    def month_before_noun(self, doc: Doc, start: int) -> bool:
        """Whether a month alone qualifies a common noun after "the" or at a sentence's start:
        "the February trade figures", "April output fell" (not "May peace prevail")."""
        tok = doc[start]
        nxt = doc[start + 1] if start + 1 < len(doc) else None
        if nxt is None or not nxt.is_lower or nxt.pos_ not in ("NOUN", "ADJ"):
            return False
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ == "the":
            return True
        return tok.is_sent_start and tok.lower_ != "may"

    def listed_month(self, doc: Doc, start: int) -> int | None:
        """The first month of the list that the month at `start` ends, when a preposition
        opens it: "in January, February and March", "in February or March" (not "a March,
        June, September, December expiration cycle"); else None."""
        if self.lexicon.get("month", doc[start].text) is None:
            return None
        i = start
        while True:
            j = i - 1
            while j >= max(0, i - 3) and doc[j].lower_ in LIST_JOINERS | {"or"}:
                j -= 1
            if j == i - 1 or j < 0 or self.lexicon.get("month", doc[j].text) is None:
                break
            i = j
        prev = doc[i - 1] if i > 0 else None
        if i < start and prev is not None and (prev.pos_ == "ADP" or
                                               prev.lower_ in MONTH_MODIFIERS):
            return i
        return None

    def plausible_year(self, tok, prev, nxt) -> bool:
        """A lone four-digit number is a year unless it is a count, amount, code or name."""
        if not MIN_YEAR <= int(tok.text) <= MAX_YEAR:
            return False
        if tok.ent_type_ in NOT_YEAR_ENTS and not (
                tok.ent_type_ == "CARDINAL" and prev is not None
                and prev.tag_ in ("POS", "PRP$", "DT") and tok.head.i > tok.i
                and tok.head.tag_ in ("NN", "NNP")) and not (
                tok.ent_type_ == "CARDINAL" and tok.dep_ == "pobj" and prev is not None
                and prev == tok.head and prev.lower_ in YEAR_PREPOSITIONS):
            # but "the country's 2022 economic crisis" (not "its 2000 employees"), and "in
            # 2022 more than UAH 140 billion was budgeted": the whole object of "in"
            return False
        if prev is not None and (prev.is_currency or prev.like_num or prev.text in ("#", "№")):
            return False
        if nxt is not None and (nxt.like_num or nxt.text == "%" or (
                nxt.text == "-" and not tok.whitespace_)):
            return False  # ("1987-88", "a 2000-strong force"; not a dash between spaces)
        det = prev
        while det is not None and det.pos_ == "ADJ" and det.i > 0:
            det = det.doc[det.i - 1]  # "a separate 1983 agreement": the adjectives' determiner
        if nxt is not None and self.lexicon.get("year_noun", nxt.text) is not None:
            return True  # "2005 sales", "the 2025 Budget"
        if tok.dep_ in ("nummod", "compound") and nxt is not None and tok.head == nxt and \
                (det is None or (det.pos_ not in ("DET", "ADP", "PRON") and
                                 det.tag_ not in ("PRP$", "POS"))):
            return False  # "up 1998 pct", "1987 tonnes"; but "the 2021 elections"
        if prev is not None and prev.pos_ in ("NOUN", "PROPN") and prev.is_alpha and \
                not self.lexicon.get("month", prev.text) and \
                self.lexicon.get("unit", prev.text) != "year" and \
                self.lexicon.get("year_noun", prev.text) is None:
            return False  # "Resolution 2118", "Vision 2030", "Expo 2020" (not "year 1986")
        if nxt is not None and (nxt.is_title or (nxt.is_upper and len(nxt) > 1)) and \
                nxt.is_alpha and not nxt.is_sent_start and \
                not self.lexicon.get("month", nxt.text) and (prev is None or prev.pos_ != "ADP"):
            return names_document(tok)  # "the 2030 Agenda" is a name, "the 1951 Treaty" a date
        return True

    def select(self, doc: Doc, candidates: list[Candidate], dct: str | None, inferred: bool,
               cues: bytearray, pending: bool = False) -> list[tuple[Candidate, Span, DateValue]]:
        """Non-overlapping candidates that normalize, in text order: longest first, then
        the most specific value ("December 10" over "by December"), rules before the model.
        `pending`: keep report-relative expressions that only a reported period can resolve
        ("a year earlier" with no publication date) with the value `anchors.PENDING`."""
        valued = []
        for cand in candidates:
            span = doc[cand.start:cand.end]
            value = normalize(span.text, dct, dct_inferred=inferred, lexicon=self.lexicon)
            if value is None and pending and dct is None:
                value = pending_value(self.lexicon, span.text)
            if value is None:
                continue
            if value.shape in FUTURE_ONLY and not is_future(span, cues):
                continue  # "completed it in two months": a duration
            if value.anchor != "absolute":  # the tense matters only if the value can move
                ahead = normalize(span.text, dct, future=True, dct_inferred=inferred,
                                  lexicon=self.lexicon)
                if ahead is not None and ahead != value:
                    head = self.listed_month(doc, span.start) if len(span) == 1 else None
                    # a listed month goes the way of the list's first: "in May or June"
                    when = tense(span if head is None else doc[head:head + 1], cues)
                    if (when == "future" or (when in ("", "present", "nominal")
                                             and nearer_ahead(value, ahead, dct, when))) \
                            and not (nearer_other(ahead, value, dct)
                                     and not committed(span, cues)):
                        value = ahead
            valued.append((cand, span, value))
        valued.sort(key=lambda item: (-core_length(doc, item[0], self.lexicon),
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
            chosen.extend(self.days_before(doc, span, value, taken))
        chosen.sort(key=lambda item: item[0].start)
        return shared_years(doc, chosen)

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
            found = listed_day(doc, i + 1, value)
            if found is None:
                break
            taken[i + 1] = 1
            out.append(found)
            i += 2
        return out

    def days_before(self, doc: Doc, span: Span, value: DateValue,
                    taken: bytearray) -> list[tuple[Candidate, Span, DateValue]]:
        """The days listed before a day-month that ends the list: "on 13, 14 and 15 May"
        (the list must follow a preposition: "aged 13, 14 and 15 May ..." is no list)."""
        if value.granularity != "day" or value.shape != "day_month" or not span[0].is_digit:
            return []
        days: list[int] = []
        i = span.start
        while i >= 2 and doc[i - 1].lower_ in LIST_JOINERS and doc[i - 2].is_digit \
                and 1 <= int(doc[i - 2].text) <= 31 and not taken[i - 2]:
            days.append(i - 2)
            i -= 2
        if not days or i == 0 or doc[i - 1].pos_ != "ADP":
            return []
        found = [listed_day(doc, k, value) for k in days]
        if any(item is None for item in found):
            return []  # (a day the month lacks: no list)
        for k in days:
            taken[k] = 1
        return found

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
        """(ISO date, "text" | "inferred") for an article without a publication date
        (`dct.infer_dct`)."""
        return infer_dct(doc, candidates, cues, self.select, self.lexicon)

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


@Language.factory("communique_dates", assigns=["doc._.rows", "doc._.dct", "doc._.dct_source"],
                  default_config={"models_dir": ""})
def make_dates(nlp: Language, name: str, models_dir: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, models_dir)
