"""Money expressions -> (amount in base units, ISO 4217 currency, approximate).

Pure functions over strings: "about 1 billion U.S. dollars" -> 1e9, USD, approximate;
"$1.2 million to $23.5 million" -> 1.2e6 (the lower bound), USD. The vocabularies are data:
currencies from models/gazetteers/currencies.csv, scale words and hedges from
models/gazetteers/money_words.csv (`text,code,kind,case`: kind `scale` with the multiplier as
`code`, or kind `hedge`: a word that makes the amount approximate).

currencies.csv columns: `text` (as written), `code` (ISO 4217; several ";"-separated candidates
when the text is ambiguous, the first being the default: "Rs." = LKR;INR;PKR;NPR), `kind`
(symbol | code | name | abbreviation | generic), `case` ("lower" = match any case), `position`
(prefix | suffix | both: where the currency may stand around the number) and `family` (dollar,
franc, rupee, ...). A `generic` currency ("$", "dlrs", "francs") means the last specific currency
of its family written earlier in the article ("Canadian dlrs" ... "dlrs" = CAD), else its default.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from pipeline.gazetteers import read_gazetteer
from pipeline.normalizers.numbers import (  # noqa: F401 - parse_number: API
    ARTICLES,
    FRACTION_WORDS,
    NUMBER_WORD,
    parse_number,
)
from pipeline.rules import default_rules_dir

CURRENCIES_FILE = Path("gazetteers") / "currencies.csv"
WORDS_FILE = Path("gazetteers") / "money_words.csv"

_DIGITS = r"\d[\d,]*(?:\.\d+)?(?:(?:-|\s)\d+/\d+)?|\d+/\d+|\.\d+"
_FRACTION = r"(?:a|an|one|two|three)[\s-]+(?:" + "|".join(FRACTION_WORDS) + r")"
# "a quarter of a (billion)", "three quarters of a": a fraction of the scale after it
_FRACTION_OF = r"(?:a|an|one|two|three)[\s-]+(?:quarters?|thirds?|half)\s+of\s+(?:a|an)"
_NUMBER = re.compile(
    rf"(?P<num>{_DIGITS}|(?<![A-Za-z]){_FRACTION_OF}"
    rf"|(?<![A-Za-z]){NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*"
    rf"(?:\s+and\s+{_FRACTION})?\b)(?![\d/])",
    re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s+(?:to|through|and|or)\s+|\s*[-–—]\s*", re.IGNORECASE)
_TRAILING = " \t\n.,;:)"
_DETERMINER = re.compile(r"^(?:a|an|the)\s+(?=\S*\d)", re.IGNORECASE)


GENERIC_CURRENCY = "generic"  # currencies.csv kind of a symbol or word many states use ("$")


@dataclass(frozen=True)
class Currency:
    """One row of the currency gazetteer."""

    text: str
    codes: tuple[str, ...]
    kind: str  # symbol | code | name | abbreviation | generic
    case: str  # "" (as written) | lower
    position: str  # prefix | suffix | both
    family: str = ""  # dollar, franc, rupee, ...

    @property
    def generic(self) -> bool:
        return self.kind == GENERIC_CURRENCY

    @property
    def code(self) -> str:
        return self.codes[0]

    def allows(self, position: str) -> bool:
        return self.position in ("both", position)


@dataclass(frozen=True)
class MoneyTables:
    """Currency, scale and hedge vocabularies (loaded from models/)."""

    currencies: dict[str, Currency]
    currencies_lower: dict[str, Currency]
    scales: dict[str, int]
    hedges: tuple[str, ...]  # lower-case phrases, longest first

    @classmethod
    def from_files(cls, currencies_csv: Path, words_csv: Path) -> MoneyTables:
        exact: dict[str, Currency] = {}
        lower: dict[str, Currency] = {}
        for row in read_gazetteer(currencies_csv):
            codes = tuple(c.strip() for c in row["code"].split(";") if c.strip())
            cur = Currency(text=row["text"], codes=codes, kind=row["kind"],
                           case=row.get("case", "").lower(),
                           position=row.get("position", "") or "both",
                           family=row.get("family", ""))
            if cur.case == "lower":
                lower.setdefault(cur.text.lower(), cur)
            else:
                exact.setdefault(cur.text, cur)
        scales: dict[str, int] = {}
        hedges: set[str] = set()
        for row in read_gazetteer(words_csv):
            if row["kind"] == "scale":
                scales[row["text"].lower()] = int(row["code"])
            elif row["kind"] == "hedge":
                hedges.add(" ".join(row["text"].lower().split()))
        return cls(exact, lower, scales, tuple(sorted(hedges, key=lambda h: (-len(h), h))))

    @classmethod
    def from_dir(cls, models_dir: Path | str | None = None) -> MoneyTables:
        return _tables(str(models_dir or default_rules_dir()))

    def currency(self, text: str) -> Currency | None:
        """The currency written as `text` (symbol, code, name or abbreviation), or None."""
        text = " ".join(text.split())
        for candidate in (text, text.rstrip(".")):
            if not candidate:
                continue
            if candidate in self.currencies:
                return self.currencies[candidate]
            if candidate.lower() in self.currencies_lower:
                return self.currencies_lower[candidate.lower()]
        return None


@lru_cache(maxsize=8)
def _tables(models_dir: str) -> MoneyTables:
    root = Path(models_dir)
    return MoneyTables.from_files(root / CURRENCIES_FILE, root / WORDS_FILE)


@dataclass(frozen=True)
class Money:
    """A parsed money expression. `amount` is the lower bound of a range."""

    amount: float | None
    currency: str  # default ISO 4217 code ("" when the text names none)
    approximate: bool = False
    upper: float | None = None  # upper bound of a range
    candidates: tuple[str, ...] = field(default=())  # every code the currency text may mean
    scaled: bool = False  # a scale word ("million", "bn") was written
    family: str = ""  # currency family (dollar, franc, ...)
    generic: bool = False  # the currency is a family's generic word ("$", "dlrs")
    suffix: bool = False  # the currency is written after the number


def split_hedge(text: str, tables: MoneyTables) -> tuple[bool, str]:
    """(True, rest) when `text` starts with a hedge ("about", "more than", ...)."""
    lowered = text.lower()
    for hedge in tables.hedges:
        if lowered.startswith(hedge) and len(text) > len(hedge) and (
                not text[len(hedge)].isalnum() or not hedge[-1].isalnum()):
            return True, text[len(hedge):].lstrip()
    return False, text


@dataclass
class _Part:
    number: float
    multiplier: int = 1
    scaled: bool = False
    currency: Currency | None = None
    currency_after: bool = False

    @property
    def amount(self) -> float | None:
        amount = float(Decimal(repr(self.number)) * self.multiplier)
        return amount if math.isfinite(amount) else None  # no float holds it


def _parse_part(text: str, tables: MoneyTables) -> _Part | None:
    """One amount: [currency] number [scale...] [currency]."""
    text = text.strip(" \t\n,;:")
    # "Rs.5 billion": the dot closes an abbreviated currency, not a decimal point
    glued = re.match(r"([A-Za-z]+\.)(?=\d)", text)
    if glued and _prefix_ok(glued.group(1), tables):
        text = f"{glued.group(1)} {text[glued.end():]}"
    match = None
    for candidate in _NUMBER.finditer(text):
        before = text[:candidate.start()]
        # the number must start at a word boundary after an optional currency prefix
        if before and before[-1].isalpha() and before.strip() and not _prefix_ok(before, tables):
            continue
        if candidate.group("num").lower() in ARTICLES and not _scale_follows(
                text[candidate.end():], tables):
            continue
        match = candidate
        break
    if match is None:
        return None
    number = parse_number(match.group("num"))
    if number is None:
        return None
    prefix = text[:match.start()].strip()
    rest = text[match.end():]
    part = _Part(number)
    # scale words, possibly glued ("2.3bn") or hyphenated ("50-million")
    while True:
        scale = re.match(r"\s*-?\s*([A-Za-z]+)\.?(?=$|[\s,;:)\-])", rest)
        if not scale or scale.group(1).lower() not in tables.scales:
            break
        part.multiplier *= tables.scales[scale.group(1).lower()]
        part.scaled = True
        rest = rest[scale.end():]
    suffix = rest.strip(_TRAILING) if rest.strip(_TRAILING) else ""
    if prefix:
        cur = tables.currency(prefix)
        if cur is None or not cur.allows("prefix"):
            return None
        part.currency = cur
    if suffix:
        cur = tables.currency(suffix) or tables.currency(rest.strip())
        if cur is None or not cur.allows("suffix"):
            return None
        if part.currency is None:
            part.currency, part.currency_after = cur, True
    return part


def _prefix_ok(before: str, tables: MoneyTables) -> bool:
    cur = tables.currency(before.strip())
    return cur is not None and cur.allows("prefix")


def _scale_follows(rest: str, tables: MoneyTables) -> bool:
    word = re.match(r"\s*([A-Za-z]+)", rest)
    return bool(word and word.group(1).lower() in tables.scales)


def parse_money(text: str, tables: MoneyTables | None = None) -> Money | None:
    """Parse a money expression; None when it holds no number.

    A range ("$1.2 million to $23.5 million", "between 5 and 6 bln dlrs", "5-6 bln dlrs")
    gives its lower bound as `amount`; scale and currency written only on the second bound
    apply to both. `currency` is "" when no currency is written.
    """
    tables = tables or MoneyTables.from_dir()
    text = " ".join(text.split()).strip(_TRAILING.replace(".", ""))
    text = _DETERMINER.sub("", text)
    approximate, rest = split_hedge(text, tables)
    between = re.match(r"(?:between|from)\s+", rest, re.IGNORECASE)
    body = rest[between.end():] if between else rest
    single = _parse_part(body, tables)
    parts = (single,) if single is not None else _split_range(body, tables)
    if parts is None:
        return None
    low = parts[0]
    high = parts[1] if len(parts) > 1 else None
    if high is not None:
        # "5 to 6 bln dlrs", "USD 800-900 million": the second bound's scale applies to a
        # first one with none, but not in "500,000 dlrs and 40 mln dlrs" (a currency after
        # the first bound closes it) nor in "$500,000 to 2 million" (already the larger)
        if not low.scaled and high.scaled and (low.currency is None or (
                not low.currency_after and low.number <= high.number)):
            low.multiplier, low.scaled = high.multiplier, True
        if low.currency is None:
            low.currency, low.currency_after = high.currency, high.currency_after
        if high.currency is None:
            high.currency = low.currency
    cur = low.currency
    return Money(amount=low.amount, currency=cur.code if cur else "",
                 approximate=approximate,
                 upper=high.amount if high is not None else None,
                 candidates=cur.codes if cur else (), scaled=low.scaled,
                 family=cur.family if cur else "", generic=bool(cur and cur.generic),
                 suffix=low.currency_after)


def _split_range(text: str, tables: MoneyTables) -> tuple[_Part, _Part] | None:
    for sep in _RANGE_SEP.finditer(text):
        left, right = text[:sep.start()], text[sep.end():]
        if not left.strip() or not right.strip():
            continue
        low, high = _parse_part(left, tables), _parse_part(right, tables)
        if low is not None and high is not None:
            return low, high
    return None


def currency_country(code: str) -> str:
    """ISO3 of the state issuing currency `code` (its first two letters are ISO alpha-2; a
    state that no longer exists keeps its old code: YUD -> YUG)."""
    if not code or code.startswith("X"):
        return ""
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=code[:2]) or \
            pycountry.historic_countries.get(alpha_2=code[:2])
    except (KeyError, LookupError):
        return ""
    return found.alpha_3 if found else ""


def resolve_currency(candidates: tuple[str, ...] | list[str], countries: list[str]) -> str:
    """Pick among ambiguous currency codes ("Rs." = LKR, INR, ...) the one of a state in
    `countries` (in order), else the first (default) candidate."""
    if not candidates:
        return ""
    if len(candidates) > 1:
        issuers = {currency_country(c): c for c in candidates}
        for country in countries:
            if country in issuers:
                return issuers[country]
    return candidates[0]


__all__ = ["Currency", "MoneyTables", "Money", "parse_money", "parse_number", "split_hedge",
           "resolve_currency", "currency_country"]
