"""Measure cues: which word ties an amount to trade, exports, aid ... (or to a domestic
figure), from the TRADE_MEASURES gazetteer (models/gazetteers/trade_measures.csv), and the
checks that make an amount no value between states (a price, a tiny amount, a balance word
the sentence already tied to a domestic figure)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.extractors.trade.spans import MEASURE_LABEL, Index, gazetteer_index, kind
from pipeline.gazetteers import span_code
from pipeline.normalizers.money import Money
from pipeline.records import MEASURES

WEAK = "weak"  # a cue kind: a verb or noun of giving ("provide", "support") that ties an
# amount to aid only when the sentence names another party (`countries.names_other_party`)
BASIS = "basis"  # a cue kind: a valuation basis ("fob", "cif") that ties an amount to exports
# or imports only when no other cue of its sentence does ("They amounted to 180 mln dlrs fob")
DEBT = "debt"  # a cue kind: a state's debt to foreign creditors ("foreign debt", "debt
# service", "sovereign bonds"), a row only when a state owes it (`countries.sovereign_debtor`)
COMPANY = "company"  # a marker kind: a company in the sentence ("the company", "firms") owes
# its debt itself: a domestic figure, not a state's
FIRM_NAME = "firm_name"  # a marker kind: the legal form in a firm's name ("Inc", "Plc", "Ltd",
# "Company"): its debt, and its loans, gifts and credit lines, are no state's
SOVEREIGN = "sovereign"  # a marker kind: a state named by a common noun ("the country's
# foreign debt", "the government"), a debtor as good as a state's name
LEVEL = "level"  # a marker kind: a verb that states a measure's level ("reached", "totalled"),
# whose pronoun subject may stand for the measure of the sentence before (`anaphora`)
REGION = "region"  # a hint kind: a region beyond one state ("the Indo-Pacific", "African
# countries"), a party of a flow as good as a foreign state's name (for the weak cues too)
BACK = "back"  # a marker kind: a noun that stands for the figures of the sentence before ("The
# figures for the same month last year were 314 mln and 208.6 mln dlrs"), like a pronoun
AGAIN = "again"  # a marker kind: a word that adds an amount to the one before ("another",
# "a further"): with no cue of its own, the amount measures what that one did
BUDGET = "budget"  # the code of a negative cue for a state's budget ("budget", "fiscal
# deficit"): a bare "deficit" alone in a later sentence is the budget's (`budget_in_view`)
_MARKERS = ("hint", REGION, COMPANY, FIRM_NAME, SOVEREIGN, LEVEL, BACK, AGAIN)  # kinds that are no cue
AFTER_WINDOW = 8  # a cue after the amount counts within this many tokens
QUALIFIER_WINDOW = 6  # "budget ... projected a deficit": a domestic word this close before
WEAK_PENALTY = 3  # tokens added to a weak cue's distance
CONVERSION_WINDOW = 12  # "(£14bn)", "(£2.1m; $4.1m)": tokens of a conversion after an amount
MIN_AMOUNT = 10_000  # smaller amounts are prices or exchange rates, not values between states

_CLAUSE_BREAKS = {";", ":"}
_CONVERSION_LISTS = {";", ",", "/"}
_AFTER_BREAKS = {",", ";", ":", "(", ")", "-", "–", "—", "while", "whereas", "but", "and"}
_NAME_LABELS = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
_NAMING = {"in", "of"}  # "X dlrs in taxes": the noun after names what the amount is
_COORDINATORS = {"and", ","}  # (a list of nouns: "$800 million in weapons, ammunition, and other aid")
_PERIOD_WORDS = {"year", "month", "week", "day", "quarter", "annum", "decade"}


def measure_spans(doc: Doc, index: Index | None = None, ents: list[Span] | None = None
                  ) -> tuple[list[Span], list[Span]]:
    """(cue and domestic-word spans, the longest match winning; cross-border hint spans).
    Markers (`COMPANY`, `SOVEREIGN`) are neither: `marker_spans` reads them."""
    found = (index if index is not None else gazetteer_index(doc)).get(MEASURE_LABEL, [])
    hints = [s for s in found if kind(s) in ("hint", REGION)]
    ents = list(doc.ents) if ents is None and found else ents or []
    names = [e for e in ents if e.label_ in _NAME_LABELS]
    cues = filter_spans([s for s in found if kind(s) not in _MARKERS
                         and not (kind(s) == "noun" and s[-1].pos_ in ("VERB", "AUX"))
                         and not _inside_name(s, names)])
    return sorted(cues, key=lambda s: s.start), hints


def marker_spans(doc: Doc, marker: str, index: Index | None = None) -> list[Span]:
    """The markers of kind `marker` of the TRADE_MEASURES gazetteer: COMPANY ("the company"),
    FIRM_NAME ("Inc", "Plc"), SOVEREIGN ("the country", "the government")."""
    found = (index if index is not None else gazetteer_index(doc)).get(MEASURE_LABEL, [])
    return [s for s in found if kind(s) == marker]


def _inside_name(cue: Span, names: list[Span]) -> bool:
    """A capitalized cue word inside a longer name: "the Commerce Department", "Moody's
    Investors Service", "Federal Home Loan Bank" (but "FDI" tagged ORG on its own is a cue)."""
    return cue[0].is_title and any(
        n.start <= cue.start and cue.end <= n.end and len(n) > len(cue) for n in names)


def nearest_cue(money: Span, cues: list[Span], sent: Span) -> Span | None:
    """The cue (or domestic word) nearest to `money` in its sentence. A cue before the amount
    scores its distance in tokens, a measure cue after it twice that (subjects lead: "exports
    rose to X") and only within AFTER_WINDOW tokens and the same clause ("X dlrs in exports",
    not "X dlrs, while imports ..."); a clause break (";") in between adds a penalty, and so
    does a weak cue (`WEAK`), so that a plain cue as near wins. A conversion in parentheses
    right after the amount ("$27bn (£14bn) back tax bill") is skipped when looking for a
    domestic word. A valuation basis (`BASIS`: "fob") counts only when no other cue does."""
    best = _nearest(money, [c for c in cues if kind(c) != BASIS], sent)
    if best is None:
        best = _nearest(money, [c for c in cues if kind(c) == BASIS], sent)
    return best


def _nearest(money: Span, cues: list[Span], sent: Span) -> Span | None:
    best, best_score = None, None
    after = _after_conversion(money)
    for cue in cues:
        if cue.start < sent.start or cue.end > sent.end:
            continue
        if cue.start < money.end and money.start < cue.end:
            continue
        if cue.end <= money.start:
            gap = (cue.end, money.start)
            score = money.start - cue.end
        else:
            named = after < len(money.doc) and money.doc[after].lower_ in _NAMING
            if cue.start < after or (after > money.end and kind(cue) != "negative"
                                     and not named):
                continue  # past a conversion only a domestic word counts ("(£14bn) back tax")
            # unless a phrase names the amount: "3m euros (£2.1m; $4.1m) of aid"
            gap = (after, cue.start)
            if cue.start - after > AFTER_WINDOW or _clause_ends(money.doc[gap[0]:gap[1]],
                                                                named):
                continue
            # a domestic word after the amount is strong evidence ("X dlrs in reserves"), and
            # one that names it ("owes $27bn in taxes", "1.7bn euros in net income") decides
            if kind(cue) == "negative" and cue.start == after + 1 \
                    and money.doc[after].lower_ in _NAMING:
                return cue
            weight = 1 if kind(cue) == "negative" else 2
            score = weight * (cue.start - after) + 1
        if any(t.text in _CLAUSE_BREAKS for t in money.doc[gap[0]:gap[1]]):
            score += 30
        if kind(cue) == WEAK:
            score += WEAK_PENALTY
        if best_score is None or score < best_score:
            best, best_score = cue, score
    return best


def _clause_ends(gap: Span, named: bool) -> bool:
    """Whether the tokens between an amount and a cue after it end the amount's clause. In a
    phrase that names the amount, a coordination without a verb does not ("$7 billion in food
    security and humanitarian assistance", "USD 1 billion in gem and jewellery exports")."""
    verbless = named and not any(t.pos_ in ("VERB", "AUX") for t in gap)
    return any(_breaks_clause(t) and not (verbless and t.lower_ in _COORDINATORS) for t in gap)


def _breaks_clause(token: Token) -> bool:
    """A word or mark that ends the amount's clause ("X dlrs, while imports ..."); a hyphen
    inside a compound ("$140 million in-kind contribution") does not."""
    if token.text == "-" and not token.whitespace_ and token.i > 0 \
            and not token.doc[token.i - 1].whitespace_:
        return False
    return token.lower_ in _AFTER_BREAKS


def _after_conversion(money: Span) -> int:
    """The token after `money`, past a parenthesized conversion such as "(£14bn)"."""
    doc = money.doc
    if money.end < len(doc) and doc[money.end].text == "(":
        for i in range(money.end + 1, min(len(doc), money.end + CONVERSION_WINDOW)):
            if doc[i].text == ")":
                return i + 1 if _has_digit(doc[money.end:i]) else money.end
    return money.end


def _has_digit(tokens: Span) -> bool:
    return any(c.isdigit() for t in tokens for c in t.text)


def converts(money: Span, previous: Span, previous_converts: bool = False) -> bool:
    """Whether `money` stands in parentheses right after `previous`: a conversion of the same
    value ("$27bn (£14bn)", "300 million yen (approximately Rs. 600 million)"), or the next
    one of a list of conversions (`previous_converts`: "30 trillion rupiah ($3.2bn; £1.7bn)").
    A period phrase may stand between ("200bn euros a year (£140bn)")."""
    doc = money.doc
    if money.start < 1:
        return False
    before = doc[money.start - 1].text
    if previous.end == money.start - 1:
        return before == "(" or (previous_converts and before in _CONVERSION_LISTS)
    # "200bn euros a year (£140bn; $258bn)": a period phrase may stand between
    gap = doc[previous.end:money.start - 1]
    return before == "(" and len(gap) == 2 and gap[0].lower_ in ("a", "an", "per") \
        and gap[1].lower_ in _PERIOD_WORDS


def amount_too_small(money: Money) -> bool:
    """Below MIN_AMOUNT: an exchange rate or a unit price ("the dollar fell below 145 yen")."""
    return money.amount is None or money.amount < MIN_AMOUNT


def _bare_balance(cue: Span) -> bool:
    """"deficit" or "surplus" alone, with no word saying whose ("trade", "budget")."""
    return len(cue) == 1 and span_code(cue) in ("deficit", "surplus")


def _alone(cue: Span, cues: list[Span], sent: Span) -> bool:
    """No other measure cue in the sentence (negative and weak ones aside)."""
    return not any(c is not cue and kind(c) not in ("negative", WEAK) and sent.start <= c.start
                   and c.end <= sent.end for c in cues)


def qualified_away(cue: Span, cues: list[Span], sent: Span) -> bool:
    """A bare balance word the sentence already tied to a domestic amount: "On the budget
    deficit, ... a target deficit of 43.8 billion forints", "This year's budget projected a
    deficit of 3.35 billion shillings"; anywhere before it when the sentence has no other
    measure cue ("... announce its budget on Monday, and ... the deficit will remain")."""
    word = cue.text.lower()
    bare_balance = _bare_balance(cue)
    alone = bare_balance and _alone(cue, cues, sent)
    return any(kind(c) == "negative" and c.end <= cue.start and c.start >= sent.start
               and ((bare_balance and (alone or cue.start - c.end <= QUALIFIER_WINDOW))
                    or word in c.text.lower().split()) for c in cues)


def budget_in_view(cue: Span, cues: list[Span], sent: Span) -> bool:
    """A bare balance word alone in its sentence when the last sentence before it that names
    a measure names a budget's only: "... its success so far against the budget deficit has
    been limited. Congress ... has put the deficit on a downward path from its record high of
    220.7 billion dlrs" (not after "the trade deficit", nor beside another measure cue)."""
    if not _bare_balance(cue) or not _alone(cue, cues, sent):
        return False
    # (earlier bare balance words say nothing either way: "a series of set deficit targets")
    before = [c for c in cues if c.end <= sent.start and (span_code(c) == BUDGET or (
        kind(c) not in ("negative", WEAK, BASIS, *_MARKERS) and span_code(c) in MEASURES
        and not _bare_balance(c)))]
    if not before:
        return False
    # the last sentence that names either names a budget only, or ends on a budget's balance
    # ("attack the trade deficit ..., against the budget deficit"; not "the current account
    # deficit ... forecast in the August budget")
    latest = max(before, key=lambda c: c.start)
    return all(span_code(c) == BUDGET for c in before if c.sent == latest.sent) or (
        span_code(latest) == BUDGET and len(latest) > 1)


def is_price(money: Span, scaled: bool = False) -> bool:
    """"12.75 dlrs a share", "18 dlrs per barrel", "400 dlrs/tonne": a price, not a value
    ("35 bln dlrs a year", and with a scale word "1 billion dlrs per day", are values over
    time). `scaled`: the amount has a scale word."""
    doc = money.doc
    if money.end >= len(doc):
        return False
    nxt = doc[money.end]
    over_time = money.end + 1 < len(doc) and doc[money.end + 1].lower_ in _PERIOD_WORDS
    if nxt.lower_ in ("a", "an", "each"):
        return not over_time
    if nxt.text == "/" or nxt.lower_ == "per":
        # "$1 billion per day" is a value over time; "£26,000 per month" a wage
        return not (over_time and scaled)
    return False


