"""Which economies an amount concerns, and whether it crosses a border: the states of its
sentence, else the article's principal ones (states named inside currency names such as
"U.S. dlrs" do not count)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extractors.trade.spans import (
    CURRENCY_LABEL, Index, gazetteer_index, kind, overlaps, states_of,
)
from pipeline.gazetteers import span_code, span_codes
from pipeline.normalizers.countries import NATION_LABELS, code_counts, lookup
from pipeline.normalizers.money import GENERIC_CURRENCY, currency_country

FLOW_MEASURES = ("investment", "aid", "other")
_STATE_ENTS = {"GPE": "COUNTRIES", "NORP": "DEMONYMS"}  # model entities that may name a state
PLACE_ENTS = ("GPE", "LOC", "NORP")  # model entities that may name a debtor state or region
MINOR_SHARE = 0.34  # a principal state needs a third of the mentions of the first


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


def home_flow(measure: str, codes: list[str], currency: str, principal: list[str],
              hint: bool, home: str = "") -> bool:
    """Whether a flow (aid, investment, deals) is the article's own state spending at home:
    its sentence names no state or organization and no cross-border hint ("foreign"), and the
    amount is in the currency of the article's first principal state ("Such loans are expected
    to amount to 1.6 trillion rubles" in a Russian report, "3.5m euros in funding" is kept:
    the euro has no single issuer). The dollar is the currency of cross-border deals the world
    over, so a US article's bare dollar amount is not read as domestic. `home`: the state of
    the article's publisher or national news outlet, the home when the article names no
    state ("£68m in donations to political parties" on the BBC)."""
    if measure not in FLOW_MEASURES or codes or hint or currency == "USD":
        return False
    first = principal[0] if principal else home
    return bool(first) and currency_country(currency) == first


def sovereign_debtor(sent: Span, codes: list[str], places: list[Span],
                     companies: list[Span]) -> bool:
    """Whether a debt amount of `sent` is a state's, owed to foreign creditors ("Brazil's 109
    billion dlr foreign debt", "Africa's debt service"): the sentence names a state or
    organization (`codes`) or a place (`places`: the model's GPE/LOC/NORP entities and the
    sovereign markers, "the country's foreign debt") and no
    company (the `companies` markers: "Inc", "the company"). A company's debt is a domestic
    figure, and so is one whose sentence names no debtor ("the refinancing of 1.6 mln dlrs
    of foreign debt" in a company report)."""
    def within(spans: list[Span]) -> bool:
        return any(sent.start <= s.start and s.end <= sent.end for s in spans)

    return not within(companies) and (bool(codes) or within(places))


def lower_case_states(ents: list[Span], known: list[Span]) -> list[Span]:
    """States the gazetteers miss because the text is in lower case (wire copy: "the value of
    colombian exports", "colombia's traditional major export"): the model's GPE and NORP
    entities written all in lower case whose capitalized form is a country or demonym, as
    COUNTRIES/DEMONYMS spans carrying the code. `known`: the gazetteer's state spans."""
    found = []
    for ent in ents:
        label = _STATE_ENTS.get(ent.label_)
        if label is None or not ent.text.islower() or overlaps(ent, known):
            continue
        entry = lookup(ent.text.title())
        if entry is not None and entry[2] != "organizations":
            found.append(Span(ent.doc, ent.start, ent.end, label=label,
                              span_id=f"{entry[0]}|lower"))
    return found


def sentence_codes(sent: Span, exclude: list[Span], states: list[Span] | None = None
                   ) -> list[str]:
    """States and organizations named in `sent`, in order, outside the `exclude` spans
    (currency names such as "U.S. dollars", "Canadian dlrs"). `states`: the document's
    COUNTRIES/DEMONYMS/ORGANIZATIONS gazetteer spans, if already collected."""
    if states is None:
        states = states_of(gazetteer_index(sent.doc))
    codes: list[str] = []
    for span in states:
        if span.start < sent.start or span.end > sent.end:
            continue
        code = span_code(span)
        if code and code not in codes and not overlaps(span, exclude):
            codes.append(code)
    return codes


def article_countries(doc: Doc, exclude: list[Span], n: int | None = 2,
                      index: Index | None = None, extra: list[Span] = ()) -> list[str]:
    """The article's principal states (as `countries.principal_countries`: most mentioned,
    ties by first mention), but not counting states named inside currency names ("U.S. dlrs"
    in every Reuters story) and dropping a state mentioned less than MINOR_SHARE as often as
    the first (a Canadian trade story quoting the Canadian dollar in "U.S. cts"). `extra`:
    state spans found beside the gazetteers (`lower_case_states`)."""
    states = states_of(index if index is not None else gazetteer_index(doc), NATION_LABELS)
    states += [s for s in extra if s.label_ in NATION_LABELS]
    counts = code_counts(s for s in states if not overlaps(s, exclude))
    ranked = sorted(counts, key=lambda c: -counts[c])  # stable: first mention breaks ties
    if not ranked:
        return []
    if n is None:
        return ranked
    top = counts[ranked[0]]
    return [c for c in ranked[:n] if counts[c] >= max(1.0, top * MINOR_SHARE)]


def currency_states(index: Index) -> list[str]:
    """The states issuing the currencies the article writes with a state's mark ("N.Z. dlrs",
    "yen", "stg"; not the bare "dlrs" or "$" of every story), in order of first mention: whose
    economy an article that names no state reports."""
    out: list[str] = []
    for span in index.get(CURRENCY_LABEL, []):
        if kind(span) == GENERIC_CURRENCY:
            continue
        codes = span_codes(span)
        state = currency_country(codes[0]) if len(codes) == 1 else ""
        if state and state not in out:
            out.append(state)
    return out


def names_other_party(codes: list[str], currency: str) -> bool:
    """Whether a sentence names a party beyond the state that issues the amount's currency:
    two states or organizations, or one whose currency is not the amount's ("USAID is
    providing $300,000 ... Kenya", but not "Sri Lanka will provide Rs. 5 billion to farmers").
    For the weak cues of giving, which as often describe domestic spending."""
    return len(codes) >= 2 or (len(codes) == 1 and currency_country(currency) != codes[0])
