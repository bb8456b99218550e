"""Fuzzed normalizers: dates and money on random strings and on random dates across
centuries against random publication dates. Properties: no exception; a date value is a
valid ISO 8601 date, month, year or START/END range (or nothing); an absolute date written
out normalizes to itself whatever the publication date; money is a finite, non-negative
amount with an ISO 4217 code (or nothing)."""

from __future__ import annotations

import math
import re
from datetime import date

import pycountry
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import examples
from pipeline.normalizers.dates import MAX_YEAR, MIN_YEAR, normalize
from pipeline.normalizers.money import MoneyTables, parse_money, parse_number

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
CURRENCIES = {c.alpha_3 for c in pycountry.currencies} | {
    code for cur in MoneyTables.from_dir().currencies.values() for code in cur.codes}

DATE_WORDS = st.sampled_from([
    "May", "may", "Sept.", "December", "Monday", "Thursday", "last", "next", "this", "year",
    "month", "week", "quarter", "first", "second", "half", "of", "the", "ago", "days", "two",
    "three", "yesterday", "today", "tomorrow", "early", "late", "mid", "-", "–", "/", "to",
    "and", "between", "since", "until", "on", "in", "1st", "31st", "29", "30", "31", "0",
    "00", "2021", "1987", "1799", "2101", "9999", "0001", "12", "13", "2021-05-20",
    "2021-02-30", "20.05.2021", "05/20/2021", "FY2022", "1990s", "'98", ",", ".", "(", ")"])
DATE_TEXT = st.one_of(st.text(max_size=30),
                      st.lists(DATE_WORDS, min_size=1, max_size=7).map(" ".join))
DCT = st.one_of(st.none(), st.dates(date(1000, 1, 1), date(2999, 12, 31)),
                st.sampled_from(["", "garbage", "2021-02-30", "0000-01-01"]))


def check_iso(value: str) -> None:
    """`value` is YYYY, YYYY-MM, YYYY-MM-DD or START/END of those, naming real days."""
    ends = value.split("/")
    assert len(ends) in (1, 2), value
    bounds = []
    for end in ends:
        match = ISO.match(end)
        assert match, value
        year, month, day = (int(g) if g else None for g in match.groups())
        first = date(year, month or 1, day or 1)  # raises on month 13, Feb 30, year 0
        bounds.append(first)
    if len(bounds) == 2:
        assert bounds[0] <= bounds[1], value


@settings(max_examples=examples(300))
@given(text=DATE_TEXT, dct=DCT, future=st.booleans(), inferred=st.booleans())
@example(text="February 29", dct=date(2023, 3, 1), future=False, inferred=False)
@example(text="between 2021 and 2019", dct=None, future=False, inferred=False)
@example(text="last year", dct=date(1000, 1, 1), future=False, inferred=False)
@example(text="next year", dct=date(9999, 12, 31), future=True, inferred=False)
@example(text="9999 days ago", dct=date(1000, 1, 1), future=False, inferred=False)
def test_fuzz_dates_random_text_gives_iso_or_nothing(text, dct, future, inferred):
    value = normalize(text, dct, future=future, dct_inferred=inferred)
    if value is not None:
        check_iso(value.value)
        assert value.granularity in ("day", "month", "year", "range")
        assert value.anchor in ("absolute", "relative", "inferred")
        value.first_day(), value.last_day()


FORMATS = ["%B %-d, %Y", "%-d %B %Y", "%Y-%m-%d", "%b %-d, %Y", "%A, %B %-d, %Y",
           "%-d %b %Y"]


@settings(max_examples=examples(200))
@given(day=st.dates(date(1000, 1, 1), date(2999, 12, 31)), fmt=st.sampled_from(FORMATS),
       dct=DCT, future=st.booleans())
@example(day=date(1800, 2, 29) if False else date(1804, 2, 29), fmt="%B %-d, %Y", dct=None,
         future=False)
def test_fuzz_dates_absolute_dates_across_centuries(day, fmt, dct, future):
    """A fully written date is itself, whatever the publication date; outside the years a
    news date can name it is a valid value or nothing."""
    text = day.strftime(fmt)
    value = normalize(text, dct, future=future)
    if MIN_YEAR <= day.year <= MAX_YEAR:
        assert value is not None, text
        assert (value.value, value.granularity) == (day.isoformat(), "day"), text
    elif value is not None:
        check_iso(value.value)


@settings(max_examples=examples(150))
@given(day=st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)),
       dct=st.dates(date(1000, 1, 1), date(2999, 12, 31)))
def test_fuzz_dates_month_year_and_relative(day, dct):
    month = normalize(day.strftime("%B %Y"), dct)
    assert month is not None and month.value == day.strftime("%Y-%m")
    for text in ("yesterday", "last year", "next month", "two weeks ago", "on Monday",
                 "May 19", "the first quarter", "last week"):
        value = normalize(text, dct)
        if value is not None:
            check_iso(value.value)


MONEY_WORDS = st.sampled_from([
    "$", "US$", "€", "£", "¥", "dlrs", "dollars", "U.S.", "rubles", "rupees", "yuan", "euro",
    "Rs", "Rs.", "SDR", "1", "1.2", "1,000", "1.000,5", "0", "-5", "1e308", "1e309", "nan",
    "inf", "999999999999999999999", "million", "mln", "bln", "billion", "trillion", "tn",
    "thousand", "about", "nearly", "over", "to", "and", "between", "from", "-", "–", "a",
    "one", "two", "hundred", "dozen", "half", "per", "cent", "%", "/", "."])
MONEY_TEXT = st.one_of(st.text(max_size=30),
                       st.lists(MONEY_WORDS, min_size=1, max_size=7).map(" ".join),
                       st.lists(MONEY_WORDS, min_size=1, max_size=5).map("".join))


def check_amount(amount: float | None) -> None:
    if amount is not None:
        assert isinstance(amount, float | int) and math.isfinite(amount) and amount >= 0


@settings(max_examples=examples(300))
@given(text=MONEY_TEXT)
@example(text="$1e309 billion")
@example(text="999999999999999999999999999999 trillion dlrs")
@example(text="nan dollars")
def test_fuzz_money_random_text_gives_amount_and_code_or_nothing(text):
    money = parse_money(text)
    if money is not None:
        check_amount(money.amount)
        check_amount(money.upper)
        assert money.currency == "" or money.currency in CURRENCIES, money
        assert all(code in CURRENCIES for code in money.candidates), money
    check_amount(parse_number(text))
