"""Trade table: monetary values of trade, investment, aid, loans and tariffs between states.

Steps, each a function tested on its own:
  1. `rule_money_spans`: assemble the numbers the "trade_rules" ruler found (NUMBER, from
     models/patterns/trade.jsonl) with the gazetteer's scale words and hedges (MONEY_WORDS,
     models/gazetteers/money_words.csv) and currencies (CURRENCIES, currencies.csv)
     into money spans ("about 1 billion U.S. dollars", "$1.2 million to $23.5 million");
  2. `merge_money`: merge them with the model's MONEY entities (the second source);
  3. `money_rows`: keep the amounts a measure cue word (models/gazetteers/trade_measures.csv)
     ties to trade between states, and fill currency, period and countries.
The final money spans are left in `doc.spans["trade_money"]` for inspection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.extractors.base import add_rows, evidence
from pipeline.gazetteers import GAZETTEER_KEYS, span_code
from pipeline.rules import component_dir
from pipeline.normalizers.countries import NATION_LABELS, STATE_LABELS, code_counts
from pipeline.normalizers.money import (
    CURRENCIES_FILE,
    WORDS_FILE,
    Money,
    MoneyTables,
    parse_money,
    parse_number,
    resolve_currency,
)
from pipeline.records import MEASURES, DateRow, TradeRow, join_codes

RULES_KEY = "trade_rules"
MONEY_KEY = "trade_money"
CURRENCY_LABEL = "CURRENCIES"
WORDS_LABEL = "MONEY_WORDS"
MEASURE_LABEL = "TRADE_MEASURES"
FLOW_MEASURES = ("investment", "aid", "other")
AFTER_WINDOW = 8  # a cue after the amount counts within this many tokens
QUALIFIER_WINDOW = 6  # "budget ... projected a deficit": a domestic word this close before
MIN_AMOUNT = 10_000  # smaller amounts are prices or exchange rates, not values between states
MINOR_SHARE = 0.34  # a principal state needs a third of the mentions of the first

# Grammar words of the span assembly (not vocabulary): ranges and their connectors.
_RANGE_WORDS = {"to", "-", "–", "—"}
_RANGE_VERBS = {"ranging", "range", "ranges", "ranged", "varying", "vary", "varies"}
_CLAUSE_BREAKS = {";", ":"}
_SPEECH_VERBS = {"say", "tell", "announce", "state", "report", "note", "add", "disclose",
                 "confirm", "declare", "predict", "forecast", "announcement", "statement"}
_AFTER_BREAKS = {",", ";", ":", "(", ")", "-", "–", "—", "while", "whereas", "but", "and"}
_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NAME_LABELS = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PERIOD_WORDS = {"year", "month", "week", "day", "quarter", "annum", "decade"}


# ---------------------------------------------------------------- 1. rule money spans

Index = dict[str, list[Span]]


def gazetteer_index(doc: Doc) -> Index:
    """Gazetteer spans of both case groups by label, in order, longest first on ties: one pass
    over the (large) span groups per document."""
    index: Index = {}
    for key in GAZETTEER_KEYS:
        for span in doc.spans.get(key, []):
            index.setdefault(span.label_, []).append(span)
    for spans in index.values():
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    return index


def currency_spans(doc: Doc, index: Index | None = None) -> list[Span]:
    return (index if index is not None else gazetteer_index(doc)).get(CURRENCY_LABEL, [])


@dataclass
class _Unit:
    start: int  # token offsets
    end: int
    currency: bool
    rule: str
    bare: bool = False  # a plain number: no currency, no scale word ("5" in "5 to 6 bln")
    number: str = ""  # the first number token


def rule_money_spans(doc: Doc, tables: MoneyTables, index: Index | None = None) -> list[Span]:
    """Money spans assembled from the ruler's NUMBER spans and the gazetteer's scale words,
    hedges and currencies: [hedge] [currency] number [scale] [currency] [to [currency] number ...].

    A number with no currency next to it is not money ("rose to 8 bln dlrs from 6.5 bln": the
    second amount is a comparison, and the gold guidelines leave it out). `id_` names the rule."""
    pieces = doc.spans.get(RULES_KEY)
    if not pieces:
        return []
    index = index if index is not None else gazetteer_index(doc)
    currencies = index.get(CURRENCY_LABEL, [])
    number_ids: dict[int, str] = {}
    for span in pieces:
        if span.label_ == "NUMBER" and (currencies or span.id_ != "number"):
            for i in range(span.start, span.end):
                number_ids.setdefault(i, span.id_)
    if not number_ids:
        return []  # no currency written anywhere and no glued amount ("HK$3.5")
    scale_end: dict[int, int] = {}
    hedge_start: dict[int, int] = {}
    for span in index.get(WORDS_LABEL, []):
        if _kind(span) == "scale":
            scale_end[span.start] = max(scale_end.get(span.start, 0), span.end)
        elif _kind(span) == "hedge":
            hedge_start[span.end] = min(hedge_start.get(span.end, span.start), span.start)
    prefix_at: dict[int, Span] = {}
    suffix_at: dict[int, Span] = {}
    for cur in currencies:
        entry = tables.currency(cur.text)
        if entry is None:
            continue
        if entry.allows("prefix"):
            best = prefix_at.get(cur.end)
            if best is None or cur.start < best.start:
                prefix_at[cur.end] = cur
        if entry.allows("suffix") and cur.start not in suffix_at:
            suffix_at[cur.start] = cur
    # "N.Z. Dlrs", "U.S. dollars": a state name before a currency word belongs to the currency
    # (the parse of the whole text decides which currency it is)
    for state in _states(index, NATION_LABELS):
        if state.end in suffix_at and state.start not in suffix_at:
            cur = suffix_at[state.end]
            suffix_at[state.start] = Span(doc, state.start, cur.end, label=CURRENCY_LABEL)

    units: list[_Unit] = []
    consumed = -1
    for i in sorted(number_ids):
        if i < consumed or (i in scale_end and not doc[i].text[:1].isdigit()):
            continue
        j = i + 1
        while j < len(doc) and (
                (j in number_ids and j not in scale_end)
                or (doc[j].text == "-" and j + 1 in number_ids and "/" in doc[j + 1].text)):
            j += 1
        k = j
        while k < len(doc):
            if k in scale_end:
                k = scale_end[k]
            elif doc[k].text == "-" and k + 1 in scale_end:
                k = scale_end[k + 1]
            else:
                break
        start, end = i, k
        prefix, suffix = prefix_at.get(i), suffix_at.get(k)
        if prefix is not None:
            start = prefix.start
        if suffix is not None:
            end = suffix.end
        consumed = end
        written = prefix is not None or suffix is not None or (
            not doc[i].text[0].isdigit() and bool(_currency_of(doc[start:end].text, tables)))
        units.append(_Unit(start, end, written, number_ids[i], bare=not written and k == j,
                           number=doc[i:j].text))
    units = _join_ranges(doc, units)
    spans = []
    for unit in units:
        start = hedge_start.get(unit.start, unit.start)
        if unit.currency:
            spans.append(Span(doc, start, unit.end, label="MONEY", span_id=unit.rule))
    return spans


def _currency_of(text: str, tables: MoneyTables) -> str:
    """Currency written inside a glued token ("HK$3.5", "S$40mn"), "" if none."""
    money = parse_money(text, tables)
    return money.currency if money else ""


def _lower_bound(low_text: str, high_text: str) -> bool:
    """Whether a plain number reads as the lower bound of the amount after it ("5" before
    "6 bln dlrs"), not a year ("from 1980 to 62 billion dlrs")."""
    low = parse_number(low_text)
    high = parse_number(high_text)
    if high is None:
        match = _FIRST_NUMBER.search(high_text)
        high = parse_number(match.group()) if match else None
    return low is not None and high is not None and low <= high


def _is_change(doc: Doc, start: int) -> bool:
    """Whether an amount at `start` opens a change, not a range: "rose (by) X to Y",
    "fell from X to Y" (but "ranging from X to Y" is a range)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("by", "from"):
        i -= 1
    if i < 0 or doc[i].lower_ in _RANGE_VERBS:
        return False
    return doc[i].pos_ == "VERB" or (i < start - 1 and doc[start - 1].lower_ == "from")


def _join_ranges(doc: Doc, units: list[_Unit]) -> list[_Unit]:
    """"$1.2 million to $23.5 million", "5-6 bln dlrs", "between 5 and 6 bln dlrs" -> one unit;
    "rose from 4 bln to 5 bln dlrs" (a change, not a range) stays two."""
    out: list[_Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and unit.start - prev.end == 1:
            word = doc[prev.end].lower_
            before = doc[prev.start - 1].lower_ if prev.start > 0 else ""
            change = _is_change(doc, prev.start) or (
                prev.bare and not _lower_bound(prev.number, unit.number))
            if (word in _RANGE_WORDS and not change) or (word == "and" and before == "between"):
                start = prev.start - 1 if before == "between" else prev.start
                out[-1] = _Unit(start, unit.end, prev.currency or unit.currency,
                                f"{prev.rule}_range")
                continue
        out.append(unit)
    return out


# ---------------------------------------------------------------- 2. merge with the model

@dataclass
class MoneySpan:
    """A final money span: where it came from and whether both sources agree."""

    span: Span
    rule: str
    ner: bool  # the model's MONEY entity overlaps it


def merge_money(rule_spans: list[Span], ner_spans: list[Span]) -> list[MoneySpan]:
    """Rule spans win; a MONEY entity that overlaps no rule span is kept as its own candidate.
    Overlapping rule spans keep the longest."""
    kept = filter_spans(rule_spans)
    out = []
    for span in kept:
        agrees = any(e.start < span.end and span.start < e.end for e in ner_spans)
        out.append(MoneySpan(span, f"{RULES_KEY}:{span.id_ or 'money'}", agrees))
    for ent in ner_spans:
        if not any(k.start < ent.end and ent.start < k.end for k in kept):
            out.append(MoneySpan(ent, "ner:MONEY", True))
    return sorted(out, key=lambda m: m.span.start)


# ---------------------------------------------------------------- 3. rows

def measure_spans(doc: Doc, index: Index | None = None, ents: list[Span] | None = None
                  ) -> tuple[list[Span], list[Span]]:
    """(cue and domestic-word spans, the longest match winning; cross-border hint spans)."""
    found = (index if index is not None else gazetteer_index(doc)).get(MEASURE_LABEL, [])
    hints = [s for s in found if _kind(s) == "hint"]
    ents = list(doc.ents) if ents is None and found else ents or []
    names = [e for e in ents if e.label_ in _NAME_LABELS]
    cues = filter_spans([s for s in found if _kind(s) != "hint"
                         and not (_kind(s) == "noun" and s[-1].pos_ in ("VERB", "AUX"))
                         and not _inside_name(s, names)])
    return sorted(cues, key=lambda s: s.start), hints


def _inside_name(cue: Span, names: list[Span]) -> bool:
    """A capitalized cue word inside a longer name: "the Commerce Department", "Moody's
    Investors Service", "Federal Home Loan Bank" (but "FDI" tagged ORG on its own is a cue)."""
    return cue[0].is_title and any(
        n.start <= cue.start and cue.end <= n.end and len(n) > len(cue) for n in names)


def _kind(span: Span) -> str:
    return span.id_.split("|", 1)[-1]


def nearest_cue(money: Span, cues: list[Span], sent: Span) -> Span | None:
    """The cue (or domestic word) nearest to `money` in its sentence. A cue before the amount
    scores its distance in tokens, a measure cue after it twice that (subjects lead: "exports
    rose to X") and only within AFTER_WINDOW tokens and the same clause ("X dlrs in exports",
    not "X dlrs, while imports ..."); a clause break (";") in between adds a penalty."""
    best, best_score = None, None
    for cue in cues:
        if cue.start < sent.start or cue.end > sent.end:
            continue
        if cue.start < money.end and money.start < cue.end:
            continue
        if cue.end <= money.start:
            gap = (cue.end, money.start)
            score = money.start - cue.end
        else:
            gap = (money.end, cue.start)
            if cue.start - money.end > AFTER_WINDOW or any(
                    t.lower_ in _AFTER_BREAKS for t in money.doc[gap[0]:gap[1]]):
                continue
            # a domestic word after the amount is strong evidence ("X dlrs in reserves")
            weight = 1 if _kind(cue) == "negative" else 2
            score = weight * (cue.start - money.end) + 1
        if any(t.text in _CLAUSE_BREAKS for t in money.doc[gap[0]:gap[1]]):
            score += 30
        if best_score is None or score < best_score:
            best, best_score = cue, score
    return best


def economies(measure: str, codes: list[str], principal: list[str], bilateral: bool = False
              ) -> list[str]:
    """The economies an amount concerns: the states of its sentence, else the article's
    principal ones. A flow between two parties (aid, investment, deals; trade when the
    sentence says "bilateral", "two-way") named with one state in the sentence takes its
    partner from the article ("NZ$ 20 million for Fiji" in a New Zealand readout), but
    "Russia's trade grew to US$540 billion" stays RUS."""
    if not codes:
        return principal
    if len(codes) == 1 and (measure in FLOW_MEASURES or (measure == "trade" and bilateral)):
        return codes + [c for c in principal if c not in codes][:1]
    return codes


def crosses_border(measure: str, codes: list[str], article: list[str], hint: bool) -> bool:
    """Whether an amount of `measure` reads as between states: trade figures need a state in
    the sentence or the article; investment, aid and other deals two (sentence + article) or
    one and a cross-border hint ("foreign", "bilateral"). `codes` are the sentence's states
    and organizations, `article` those named anywhere in the article."""
    known = set(codes) | set(article)
    if measure in ("investment", "aid", "other"):
        return len(known) >= 2 or (hint and bool(known))
    return bool(known)


def amount_too_small(money: Money) -> bool:
    """Below MIN_AMOUNT: an exchange rate or a unit price ("the dollar fell below 145 yen")."""
    return money.amount is None or money.amount < MIN_AMOUNT


def _qualified_away(cue: Span, cues: list[Span], sent: Span) -> bool:
    """A bare balance word the sentence already tied to a domestic amount: "On the budget
    deficit, ... a target deficit of 43.8 billion forints", "This year's budget projected a
    deficit of 3.35 billion shillings"."""
    word = cue.text.lower()
    bare_balance = len(cue) == 1 and span_code(cue) in ("deficit", "surplus")
    return any(_kind(c) == "negative" and c.end <= cue.start and c.start >= sent.start
               and ((bare_balance and cue.start - c.end <= QUALIFIER_WINDOW)
                    or word in c.text.lower().split()) for c in cues)


def is_price(money: Span) -> bool:
    """"12.75 dlrs a share", "18 dlrs per barrel", "400 dlrs/tonne": a price, not a value."""
    doc = money.doc
    if money.end >= len(doc):
        return False
    nxt = doc[money.end]
    if nxt.text == "/" or nxt.lower_ == "per":
        return True
    if nxt.lower_ in ("a", "an", "each") and money.end + 1 < len(doc):
        return doc[money.end + 1].lower_ not in _PERIOD_WORDS
    return False


def _sentence(doc: Doc, span: Span) -> Span:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return span.sent
    return doc[:]


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(x.start < span.end and span.start < x.end for x in others)


def _states(index: Index, labels: tuple[str, ...] = STATE_LABELS) -> list[Span]:
    found = [s for label in labels for s in index.get(label, [])]
    return sorted(found, key=lambda s: (s.start, -(s.end - s.start)))


def sentence_codes(sent: Span, exclude: list[Span], states: list[Span] | None = None
                   ) -> list[str]:
    """States and organizations named in `sent`, in order, outside the `exclude` spans
    (currency names such as "U.S. dollars", "Canadian dlrs"). `states`: the document's
    COUNTRIES/DEMONYMS/ORGANIZATIONS gazetteer spans, if already collected."""
    if states is None:
        states = _states(gazetteer_index(sent.doc))
    codes: list[str] = []
    for span in states:
        if span.start < sent.start or span.end > sent.end:
            continue
        code = span_code(span)
        if code and code not in codes and not _overlaps(span, exclude):
            codes.append(code)
    return codes


def article_countries(doc: Doc, exclude: list[Span], n: int | None = 2,
                      index: Index | None = None) -> list[str]:
    """The article's principal states (as `countries.principal_countries`: most mentioned,
    ties by first mention), but not counting states named inside currency names ("U.S. dlrs"
    in every Reuters story) and dropping a state mentioned less than MINOR_SHARE as often as
    the first (a Canadian trade story quoting the Canadian dollar in "U.S. cts")."""
    states = _states(index if index is not None else gazetteer_index(doc),
                     NATION_LABELS)
    counts = code_counts(s for s in states if not _overlaps(s, exclude))
    ranked = sorted(counts, key=lambda c: -counts[c])  # stable: first mention breaks ties
    if not ranked:
        return []
    if n is None:
        return ranked
    top = counts[ranked[0]]
    return [c for c in ranked[:n] if counts[c] >= max(1.0, top * MINOR_SHARE)]


def nearest_period(money: Span, dates: list[DateRow], sent: Span,
                   others: list[Span] = ()) -> str:
    """`value` of the date row of the sentence nearest to the amount ("" if none). A single
    day is mostly when something was said ("on March 3 the ministry said"), so years, months,
    quarters and ranges go first. Skipped: a date that tells when something was said ("said
    last month", "yesterday's announcement"), and one with another amount of `others` between
    it and this amount, unless it opens the sentence before every amount ("In 2023, Singapore
    attracted $140 billion, India $70 billion")."""
    lo, hi = sent.start_char, sent.end_char
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
        if (row.end > first and any(gap[0] <= o.start_char and o.end_char <= gap[1]
                                    for o in others)) or _said_when(money.doc, row):
            continue
        dist = gap[1] - gap[0]
        key = (bool(_DAY.fullmatch(row.value)), dist)
        if best_key is None or key < best_key:
            best, best_key = row.value, key
    return best


def _said_when(doc: Doc, row: DateRow) -> bool:
    """Whether the date attaches to a speech verb: "announced yesterday", "said last month"."""
    span = doc.char_span(row.start, row.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    head = span.root.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    return head.lemma_ in _SPEECH_VERBS


def money_rows(doc: Doc, candidates: list[MoneySpan], tables: MoneyTables,
               index: Index | None = None, ents: list[Span] | None = None) -> list[TradeRow]:
    """Rows for the candidates a measure cue ties to trade between states."""
    index = index if index is not None else gazetteer_index(doc)
    cues, hints = measure_spans(doc, index, ents)
    if not cues:
        return []
    states = _states(index)
    dates = [r for r in (doc._.rows or {}).get("dates", []) if isinstance(r, DateRow)]
    spans = [c.span for c in candidates]
    principal: list[str] = []
    mentioned: list[str] | None = None
    family_code: dict[str, str] = {}
    rows = []
    for cand in candidates:
        span = cand.span
        money = parse_money(span.text, tables)
        if money is None or money.amount is None or not money.currency:
            continue
        if mentioned is None:
            principal = article_countries(doc, spans, index=index)
            mentioned = article_countries(doc, spans, None, index) + [
                span_code(o) for o in index.get("ORGANIZATIONS", []) if not _overlaps(o, spans)]
        sent = _sentence(doc, span)
        codes = sentence_codes(sent, spans, states)
        currency = _currency(money, family_code, principal + codes)
        cue = nearest_cue(span, cues, sent)
        if cue is None or span_code(cue) not in MEASURES or is_price(span):
            continue
        if amount_too_small(money) or _qualified_away(cue, cues, sent):
            continue
        measure = span_code(cue)
        hint = any(sent.start <= h.start and h.end <= sent.end for h in hints)
        if not crosses_border(measure, codes, mentioned, hint):
            continue
        confidence = 0.6 if cand.rule.startswith("ner:") else 0.75 + (0.15 if cand.ner else 0)
        rows.append(TradeRow(
            text=span.text, amount=money.amount, currency=currency,
            approximate=money.approximate,
            period=nearest_period(span, dates, sent, [c for c in spans if c is not span]),
            countries=join_codes(economies(measure, codes, principal, hint)), measure=measure,
            **evidence(doc, span.start_char, span.end_char,
                       f"{cand.rule}+cue:{cue.text.lower()}", confidence)))
    return rows


def _currency(money: Money, family_code: dict[str, str], countries: list[str]) -> str:
    """ISO code of `money`'s currency. A generic currency word after the number ("dlrs",
    "francs") takes the last specific one of its family written the same way before it in the
    article ("1.25 billion Canadian dlrs ... 623 mln dlrs"); a bare "$" stays USD."""
    if not money.currency:
        return ""
    if money.generic and money.suffix and money.family in family_code:
        return family_code[money.family]
    code = resolve_currency(money.candidates, countries)
    if not money.generic and money.suffix and money.family:
        family_code[money.family] = code
    return code


def extract_trade(doc: Doc, tables: MoneyTables) -> list[TradeRow]:
    index = gazetteer_index(doc)
    rule_spans = rule_money_spans(doc, tables, index)
    ents = list(doc.ents)
    ner_spans = [e for e in ents if e.label_ == "MONEY"]
    if not rule_spans and not ner_spans:
        return []
    candidates = merge_money(rule_spans, ner_spans)
    doc.spans[MONEY_KEY] = [c.span for c in candidates]
    return money_rows(doc, candidates, tables, index, ents)


# ---------------------------------------------------------------- component

class TradeExtractor:
    """Adds `TradeRow`s to `doc._.rows["trade"]`."""

    FILES = {"currencies.csv": CURRENCIES_FILE, "money_words.csv": WORDS_FILE}

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir
        self._tables: MoneyTables | None = None
        self._source: dict[str, Path] = {}

    @property
    def tables(self) -> MoneyTables:
        if self._tables is None:
            root = component_dir(self.models_dir)
            self._source = {name: root / rel for name, rel in self.FILES.items()}
            self._tables = MoneyTables.from_dir(root)
        return self._tables

    def __call__(self, doc: Doc) -> Doc:
        add_rows(doc, TradeRow.TABLE, extract_trade(doc, self.tables))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the currency and money-word tables this component reads."""
        self.tables  # noqa: B018 - resolves the source files
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, source in self._source.items():
            data = source.read_bytes()
            (path / name).write_bytes(data)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> TradeExtractor:
        path = Path(path)
        self._source = {name: path / name for name in self.FILES}
        self._tables = MoneyTables.from_files(path / "currencies.csv", path / "money_words.csv")
        return self


@Language.factory("communique_trade", assigns=["doc._.rows", "doc.spans"],
                  default_config={"models_dir": ""})
def make_trade(nlp: Language, name: str, models_dir: str) -> TradeExtractor:
    return TradeExtractor(nlp, name, models_dir)
