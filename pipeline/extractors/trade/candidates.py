"""Step 1 of the trade table: money spans. The numbers the "trade_rules" ruler found (NUMBER,
models/patterns/trade.jsonl) are assembled with the gazetteer's scale words and hedges
(MONEY_WORDS, money_words.csv) and currencies (CURRENCIES, currencies.csv) into money spans
("about 1 billion U.S. dollars", "$1.2 million to $23.5 million"), then merged with the
model's MONEY entities (the second source)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.extractors.trade.spans import (CURRENCY_LABEL, WORDS_LABEL, Index,
                                             gazetteer_index, kind, states_of)
from pipeline.normalizers.countries import NATION_LABELS
from pipeline.normalizers.money import MoneyTables, parse_money
from pipeline.normalizers.numbers import parse_number

RULES_KEY = "trade_rules"
MONEY_LABEL = "MONEY"  # a number with its currency
AMOUNT_LABEL = "AMOUNT"  # a scaled number without one ("a surplus of 1.1 billion")

# Grammar words of the span assembly (not vocabulary): ranges and their connectors.
_RANGE_WORDS = {"to", "-", "–", "—"}
# words that compare a figure with the one before ("from 889.2 mln (revised from 889.5)")
_SERIES_WORDS = {"from", "to", "against", "and", "with", "versus", "vs"}
SERIES_RULE = "number_series"  # the id of an amount that takes its scale from an earlier one
_RANGE_VERBS = {"ranging", "range", "ranges", "ranged", "varying", "vary", "varies"}
FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_GLUED_SCALE = re.compile(r"^\d[\d,]*(?:\.\d+)?([A-Za-z]+)$")


@dataclass
class _Unit:
    start: int  # token offsets
    end: int
    currency: bool
    rule: str
    bare: bool = False  # a plain number: no currency, no scale word ("5" in "5 to 6 bln")
    number: str = ""  # the first number token
    scaled: bool = False  # a scale word follows the number ("6.5 bln")


def rule_money_spans(doc: Doc, tables: MoneyTables, index: Index | None = None) -> list[Span]:
    """Money spans assembled from the ruler's NUMBER spans and the gazetteer's scale words,
    hedges and currencies: [hedge] [currency] number [scale] [currency] [to [currency] number ...].

    A scaled number with no currency next to it ("rose to 8 bln dlrs from 6.5 bln") is an
    AMOUNT span: it may take the currency of an earlier amount (`currency.CurrencyContext`) or
    measure something else ("2.1 mln tonnes"). Plain numbers without a currency are neither.
    `id_` names the rule."""
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
        if kind(span) == "scale":
            scale_end[span.start] = max(scale_end.get(span.start, 0), span.end)
        elif kind(span) == "hedge":
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
    for state in states_of(index, NATION_LABELS):
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
                           number=doc[i:j].text,
                           scaled=_scale_written(doc, j, k) if k > j else _glued_scale(
                               doc[j - 1].text, tables)))
    units = _join_ranges(doc, units)
    spans = []
    for n, unit in enumerate(units):
        start = hedge_start.get(unit.start, unit.start)
        if unit.currency:
            spans.append(Span(doc, start, unit.end, label=MONEY_LABEL, span_id=unit.rule))
        elif unit.scaled:
            spans.append(Span(doc, start, unit.end, label=AMOUNT_LABEL, span_id=unit.rule))
        elif _continues_series(doc, unit, units[:n]):
            spans.append(Span(doc, start, unit.end, label=AMOUNT_LABEL, span_id=SERIES_RULE))
    return spans


def _continues_series(doc: Doc, unit: _Unit, before: list[_Unit]) -> bool:
    """A plain decimal number compared with a scaled amount earlier in its sentence takes
    that amount's scale: "rose to 998.4 mln dlrs, from 889.2 mln (revised from 889.5) in
    January and 903.2 in February 1986". Not a year, nor an index figure in a sentence of no
    amount ("the index rose to 131.0 from 114.6"), nor a number of something ("14.4 pct")."""
    if not unit.bare or "." not in unit.number or unit.start == 0 or \
            doc[unit.start - 1].lower_ not in _SERIES_WORDS:
        return False
    if unit.end < len(doc) and doc[unit.end].pos_ not in ("PUNCT", "ADP", "CCONJ", "DET"):
        return False  # "14.4 pct": it counts something else
    sent_start = doc[unit.start].sent.start if doc.has_annotation("SENT_START") else 0
    return any(u.scaled and sent_start <= u.start and u.end <= unit.start for u in before)


def _glued_scale(text: str, tables: MoneyTables) -> bool:
    """Whether a number token ends in a scale word ("3.05bn", "40mln")."""
    match = _GLUED_SCALE.match(text)
    return bool(match and match.group(1).lower() in tables.scales)


def _scale_written(doc: Doc, start: int, end: int) -> bool:
    """Whether the scale tokens [start, end) read as a scale word: a word ("million", "bln")
    or a letter glued to the number ("3.05bn", "5m"); a lone "m" or "b" may be a unit."""
    first = doc[start]
    glued = start > 0 and not doc[start - 1].whitespace_
    return glued or len(first.text.rstrip(".")) > 1 or first.text == "-"


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
        match = FIRST_NUMBER.search(high_text)
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
            # a dash is always a range ("freeze 20-30bn rupiah"); "to" may be a change
            change = (word == "to" and _is_change(doc, prev.start)) or (
                prev.bare and not _lower_bound(prev.number, unit.number))
            if (word in _RANGE_WORDS and not change) or (word == "and" and before == "between"):
                start = prev.start - 1 if before == "between" else prev.start
                out[-1] = _Unit(start, unit.end, prev.currency or unit.currency,
                                f"{prev.rule}_range", scaled=prev.scaled or unit.scaled)
                continue
        out.append(unit)
    return out


# ---------------------------------------------------------------- merge with the model

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

