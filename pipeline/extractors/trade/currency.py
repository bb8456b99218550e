"""The ISO currency of an amount: as written, or the family's currency established earlier
in the article ("1.25 billion Canadian dlrs ... 623 mln dlrs" is CAD), or, for a scaled
number with no currency, the currency of the amount before it in the same passage ("4.2
billion dlrs ... a surplus of 1.1 billion" is USD)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.extractors.base import doc_text
from pipeline.normalizers.money import Money, resolve_currency

PASSAGE_SENTENCES = 2  # an amount inherits a currency written at most this many sentences back
# Nouns after a scaled number that still read as money ("1.2 billion worth of goods").
_MONEY_NOUNS = {"worth"}


def currency_code(money: Money, family_code: dict[str, str], countries: list[str]) -> str:
    """ISO code of `money`'s currency. A generic currency word after the number ("dlrs",
    "francs") takes the last specific one of its family written the same way before it in the
    article ("1.25 billion Canadian dlrs ... 623 mln dlrs"), a scaled amount, not a quote; a
    bare "$" stays USD."""
    if not money.currency:
        return ""
    if money.generic and money.suffix and money.family in family_code:
        return family_code[money.family]
    code = resolve_currency(money.candidates, countries)
    if not money.generic and money.suffix and money.family and money.scaled:
        # (a quote sets nothing: "the currency jumped to 0.6858 U.S. Dlrs")
        family_code[money.family] = code
    return code


def counts_something(span: Span, cue_starts: set[int] = frozenset()) -> bool:
    """Whether a scaled number is followed by what it counts ("2.1 mln tonnes", "120 mln
    people"), not a currency: a noun that is no measure cue (`cue_starts`: their first
    tokens)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha and nxt.i not in cue_starts \
        and nxt.lower_ not in _MONEY_NOUNS


@dataclass
class CurrencyContext:
    """The currency the amounts of a passage share, read in text order: an amount with a
    currency sets it, a scaled number that counts something else ("2.1 mln tonnes") clears
    it, and a scaled number with nothing after it takes it, if written at most
    PASSAGE_SENTENCES sentences back and with no blank line (paragraph break) between."""

    doc: Doc
    code: str = ""
    end_char: int = 0
    sentence: int = 0
    _starts: list[int] = field(default_factory=list)

    def _sentence_of(self, span: Span) -> int:
        if not self._starts:
            doc = self.doc
            if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
                self._starts = [s.start for s in doc.sents]
            else:
                self._starts = [0]
        return bisect_right(self._starts, span.start)

    def written(self, code: str, span: Span) -> None:
        self.code, self.end_char, self.sentence = code, span.end_char, self._sentence_of(span)

    def clear(self) -> None:
        self.code = ""

    def inherit(self, span: Span) -> str:
        """The passage's currency for `span` ("" when there is none)."""
        if not self.code:
            return ""
        if self._sentence_of(span) - self.sentence > PASSAGE_SENTENCES or \
                "\n\n" in doc_text(self.doc)[self.end_char:span.start_char].replace(" ", ""):
            return ""
        return self.code
