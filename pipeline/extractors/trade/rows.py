"""Step 3 of the trade table: rows. Keeps the money spans a measure cue ties to trade between
states and fills currency, period and countries (each from its own module)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from pipeline.extractors.base import evidence
from pipeline.extractors.trade.anaphora import carried_cue
from pipeline.extractors.trade.candidates import (FIRST_NUMBER, SERIES_RULE, MoneySpan,
                                                  merge_money, rule_money_spans)
from pipeline.extractors.trade.countries import (article_countries, crosses_border,
                                                 currency_states, economies,
                                                 home_flow, PLACE_ENTS, lower_case_states,
                                                 names_other_party,
                                                 sentence_codes, sovereign_debtor)
from pipeline.extractors.trade.cues import (AGAIN, BACK, COMPANY, DEBT, FIRM_NAME, LEVEL, MEASURES,
                                            REGION, SOVEREIGN, WEAK,
                                            amount_too_small, budget_in_view, converts,
                                            is_price, marker_spans, measure_spans, nearest_cue,
                                            qualified_away)
from pipeline.extractors.trade.currency import (CurrencyContext, counts_something,
                                                currency_code)
from pipeline.extractors.trade.period import nearest_period
from pipeline.extractors.trade.spans import (CURRENCY_LABEL, Index, gazetteer_index, kind,
                                             overlaps, states_of)
from pipeline.gazetteers import span_code
from pipeline.normalizers.money import MoneyTables, currency_country, parse_money
from pipeline.normalizers.numbers import parse_number
from pipeline.records import DateRow, TradeRow, join_codes

MONEY_KEY = "trade_money"
INHERITED_FACTOR = 0.8  # confidence of an amount whose currency comes from an earlier one


def _scale(text: str, amount: float) -> float:
    """The multiplier a scale word gives the first number of `text` ("889.2 mln" -> 1e6)."""
    match = FIRST_NUMBER.search(text)
    number = parse_number(match.group()) if match else None
    return amount / number if number else 0.0


def home_currencies(index: Index, spans: list[Span], tables: MoneyTables,
                    principal: list[str]) -> dict[str, str]:
    """family -> code of the principal state's own currency when the article names it without
    an amount ("The Australian dollar rose ... the current account deficit narrowed to 750 mln
    dlrs"): the family's generic word in the article's amounts is that currency."""
    out: dict[str, str] = {}
    if not principal:
        return out
    for span in index.get(CURRENCY_LABEL, []):
        if overlaps(span, spans):
            continue
        cur = tables.currency(span.text)
        if cur is None or cur.kind != "name" or len(cur.codes) != 1 or not cur.family:
            continue
        if currency_country(cur.codes[0]) == principal[0]:
            out.setdefault(cur.family, cur.codes[0])
    return out


# measures one economy has on its own (its exports, its surplus), unlike turnover between two
BALANCE_MEASURES = ("exports", "imports", "surplus", "deficit")


def _after_again(span: Span, again: set[int]) -> bool:
    """An AGAIN marker ends right before the amount or its hedge ("another [500 million
    euros]", "a further [$2 billion]", "another [nearly $1 billion]")."""
    doc = span.doc
    i = span.start
    while i > 0 and i not in again and doc[i - 1].is_lower and i > span.start - 2 and (
            doc[i - 1].pos_ in ("ADV", "ADP", "ADJ")):
        i -= 1
    return i in again


def _sentence(doc: Doc, span: Span) -> Span:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return span.sent
    return doc[:]


def money_rows(doc: Doc, candidates: list[MoneySpan], tables: MoneyTables,
               index: Index | None = None, ents: list[Span] | None = None,
               publisher: str = "", home: str = "") -> list[TradeRow]:
    """Rows for the candidates a measure cue ties to trade between states. An amount in
    parentheses right after another is a conversion of it ("$27bn (£14bn)"): the same value,
    no row of its own. `publisher`: the state of the government that published the article,
    one of its economies (the second principal one when the text names only one). `home`:
    the publisher's or news outlet's state, whose currency an ambiguous symbol ("Rs.") is
    first."""
    index = index if index is not None else gazetteer_index(doc)
    cues, hints = measure_spans(doc, index, ents)
    if not cues:
        return []
    states = states_of(index)
    if ents is None:
        ents = list(doc.ents)
    lowered = lower_case_states(ents, states)
    if lowered:
        states = sorted(states + lowered, key=lambda s: (s.start, -(s.end - s.start)))
    firms = marker_spans(doc, FIRM_NAME, index)
    levels = marker_spans(doc, LEVEL, index)
    backs = marker_spans(doc, BACK, index)
    again = {s.end for s in marker_spans(doc, AGAIN, index)}
    last: tuple[Span, Span] | None = None  # (cue, sentence) of the last row
    companies = marker_spans(doc, COMPANY, index) + firms
    dates = [r for r in (doc._.rows or {}).get("dates", []) if isinstance(r, DateRow)]
    spans = [c.span for c in candidates]
    places = [e for e in ents if e.label_ in PLACE_ENTS and not overlaps(e, spans)] + \
        marker_spans(doc, SOVEREIGN, index)  # not "Singapore" of "100 mln Singapore dlrs"
    principal: list[str] = []
    mentioned: list[str] | None = None
    family_code: dict[str, str] = {}
    context = CurrencyContext(doc)
    cue_starts = {c.start for c in cues}
    strong = [c for c in cues if kind(c) != WEAK]
    rows = []
    converted: tuple[Span, bool] | None = None  # the last amount, whether it was a conversion
    scale = 0.0  # the scale of the last scaled amount ("mln": 1e6), for a series after it
    for cand in candidates:
        span = cand.span
        money = parse_money(span.text, tables)
        if money is None or money.amount is None:
            continue
        if cand.rule.endswith(SERIES_RULE):
            if not scale:
                continue
            money = replace(money, amount=money.amount * scale, scaled=True)
        elif money.scaled:
            scale = _scale(span.text, money.amount)
        inherited = ""
        if not money.currency:
            if money.scaled and counts_something(span, cue_starts):
                context.clear()  # "2.1 mln tonnes": what follows counts tonnes, not money
            elif money.scaled:
                inherited = context.inherit(span)
            if not inherited:
                continue
        if mentioned is None:
            principal = article_countries(doc, spans, index=index, extra=lowered)
            if not principal and not publisher:  # "trade figures ... 119.1 mln N.Z. dlrs"
                principal = currency_states(index)[:1]
            if publisher and publisher not in principal and len(principal) < 2:
                principal.append(publisher)
            mentioned = [publisher] if publisher else []
            mentioned += (article_countries(doc, spans, None, index, lowered) or principal) + [
                span_code(o) for o in index.get("ORGANIZATIONS", []) if not overlaps(o, spans)]
            family_code.update(home_currencies(index, spans, tables, principal[:1]))
        sent = _sentence(doc, span)
        codes = sentence_codes(sent, spans, states)
        currency = inherited or currency_code(money, family_code,
                                              ([home] if home else []) + principal + codes)
        if not inherited:
            context.written(currency, span)
        if converted is not None and converts(span, converted[0], converted[1]):
            converted = (span, True)  # "(£14bn)" after "$27bn": the same value again
            continue
        converted = (span, False)
        cue = nearest_cue(span, cues, sent)
        if cue is not None and kind(cue) == WEAK and not names_other_party(codes, currency) \
                and not any(kind(h) == REGION and sent.start <= h.start and h.end <= sent.end
                            for h in hints):  # "providing AUD 50 million ... Indo-Pacific"
            cue = nearest_cue(span, strong, sent)
        carried = None  # the previous sentence, when a pronoun takes its cue ("it reached")
        if cue is None:
            cue, carried = carried_cue(sent, span, cues, levels, backs=backs)
            if carried is not None and not codes:
                codes = sentence_codes(carried, spans, states)
        repeated = False  # the cue of the row before, after "another"
        if cue is None and last is not None and _after_again(span, again) and (
                last[1].start == sent.start or not doc[last[1].end:sent.start].text.strip()):
            cue, repeated = last[0], True  # "one billion euros for weapons. ... another 500
            # million euros"
        if cue is None or span_code(cue) not in MEASURES or is_price(span, money.scaled):
            continue
        if amount_too_small(money) or qualified_away(cue, cues, sent) \
                or budget_in_view(cue, cues, sent):
            continue
        measure = span_code(cue)
        if not codes and not mentioned and measure in BALANCE_MEASURES and currency != "USD":
            # "the current account surplus narrowed to 4.9 billion marks" in a report that
            # names no state: the economy is the currency's issuer
            codes = [c for c in [currency_country(currency)] if c]
        hint = any(scope.start <= h.start and h.end <= sent.end for h in hints
                   for scope in ([sent] if carried is None else [carried]))
        if kind(cue) == DEBT:  # owed to foreign creditors: a state's debt crosses a border
            if not sovereign_debtor(sent, codes, places, companies):
                continue
        elif not crosses_border(measure, codes, mentioned, hint) or \
                home_flow(measure, codes, currency, principal, hint, home):
            continue
        elif measure == "aid" and any(sent.start <= c.start and c.end <= sent.end
                                      for c in firms):
            continue  # "the Lanka Indian Oil Company has donated Rs. 100 million": a firm's gift
        confidence = 0.6 if cand.rule.startswith("ner:") else 0.75 + (0.15 if cand.ner else 0)
        rule = f"{cand.rule}+cue:{cue.text.lower()}"
        if inherited:
            confidence *= INHERITED_FACTOR
            rule = f"{cand.rule}+inherited+cue:{cue.text.lower()}"
        if carried is not None or repeated:
            confidence *= INHERITED_FACTOR
            rule = rule.replace("+cue:", "+carried_cue:" if carried is not None else "+again_cue:")
        last = (cue, sent)
        rows.append(TradeRow(
            text=span.text, amount=money.amount, currency=currency,
            approximate=money.approximate,
            period=nearest_period(span, dates, sent, [c for c in spans if c is not span]),
            countries=join_codes(economies(measure, codes, principal, hint)), measure=measure,
            **evidence(doc, span.start_char, span.end_char, rule, confidence)))
    return rows


def extract_trade(doc: Doc, tables: MoneyTables, publisher: str = "", home: str = ""
                  ) -> list[TradeRow]:
    index = gazetteer_index(doc)
    rule_spans = rule_money_spans(doc, tables, index)
    ents = list(doc.ents)
    ner_spans = [e for e in ents if e.label_ == "MONEY"]
    if not rule_spans and not ner_spans:
        return []
    candidates = merge_money(rule_spans, ner_spans)
    doc.spans[MONEY_KEY] = [c.span for c in candidates]
    return money_rows(doc, candidates, tables, index, ents, publisher, home)

