"""normalize(text, dct) -> value, granularity, anchor: a table of expressions (no spaCy model)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pipeline.rules import default_rules_dir

MODELS_DIR = default_rules_dir()
from pipeline.normalizers.dates import DateValue, default_lexicon, normalize, parse

D21 = "2021-05-20"  # a Thursday
D87 = "1987-04-07"  # a Tuesday
D22 = "2022-02-07"  # a Monday

# (text, dct, future, expected (value, granularity, anchor) or None)
CASES = [
    # absolute days
    ("January 7, 1993", D21, False, ("1993-01-07", "day", "absolute")),
    ("September 14, 2015", None, False, ("2015-09-14", "day", "absolute")),
    ("on 20 May 2021", None, False, ("2021-05-20", "day", "absolute")),
    ("the 9th of May, 1945", D21, False, ("1945-05-09", "day", "absolute")),
    ("Sept. 5, 2019", D21, False, ("2019-09-05", "day", "absolute")),
    ("Friday, March 10,\n2023", None, False, ("2023-03-10", "day", "absolute")),
    ("2021-05-20", None, False, ("2021-05-20", "day", "absolute")),
    ("20.05.2021", None, False, ("2021-05-20", "day", "absolute")),
    ("February 29, 2020", None, False, ("2020-02-29", "day", "absolute")),
    # absolute months and years
    ("June, 1993", D21, False, ("1993-06", "month", "absolute")),
    ("January 2001", D21, False, ("2001-01", "month", "absolute")),
    ("April, 1998", None, False, ("1998-04", "month", "absolute")),
    ("in January 1993", None, False, ("1993-01", "month", "absolute")),
    ("mid-June 2020", None, False, ("2020-06", "month", "absolute")),
    ("2020", D21, False, ("2020", "year", "absolute")),
    ("in 2021", None, False, ("2021", "year", "absolute")),
    ("by 2030", D21, False, ("2030", "year", "absolute")),
    ("since 1993", D21, False, ("1993", "year", "absolute")),
    ("mid-2021", None, False, ("2021", "year", "absolute")),
    ("fiscal 1987", None, False, ("1987", "year", "absolute")),
    ("the year 2020", None, False, ("2020", "year", "absolute")),
    # ranges
    ("2021-2023", D21, False, ("2021/2023", "range", "absolute")),
    ("2019–2022", None, False, ("2019/2022", "range", "absolute")),
    ("2021-23", None, False, ("2021/2023", "range", "absolute")),
    ("1986/87", None, False, ("1986/1987", "range", "absolute")),
    ("from 2021 to 2023", None, False, ("2021/2023", "range", "absolute")),
    ("between 2021 and 2023", None, False, ("2021/2023", "range", "absolute")),
    ("from March 1 to 5", "2022-03-10", False, ("2022-03-01/2022-03-05", "range", "relative")),
    ("March 1-5, 2022", None, False, ("2022-03-01/2022-03-05", "range", "absolute")),
    ("20-21 May 2021", None, False, ("2021-05-20/2021-05-21", "range", "absolute")),
    ("May 30 - June 1, 2021", None, False, ("2021-05-30/2021-06-01", "range", "absolute")),
    ("December 30 to January 2", "2022-01-05", False,
     ("2021-12-30/2022-01-02", "range", "relative")),
    ("January-March 2021", None, False, ("2021-01/2021-03", "range", "absolute")),
    ("April-May-June", "1987-04-24", False, ("1987-04/1987-06", "range", "relative")),
    # quarters, halves, decades
    ("the first quarter of 1987", D87, False, ("1987-01/1987-03", "range", "absolute")),
    ("1987 fourth quarter", None, False, ("1987-10/1987-12", "range", "absolute")),
    ("Q2 2021", None, False, ("2021-04/2021-06", "range", "absolute")),
    ("the second half of 2020", None, False, ("2020-07/2020-12", "range", "absolute")),
    ("the first quarter", D87, False, ("1987-01/1987-03", "range", "relative")),
    ("the fourth quarter", D87, False, ("1986-10/1986-12", "range", "relative")),
    ("the fourth quarter", D87, True, ("1987-10/1987-12", "range", "relative")),
    ("the first three months of 2022", None, False, ("2022-01/2022-03", "range", "absolute")),
    ("the first nine months of this year", "2022-11-03", False,
     ("2022-01/2022-09", "range", "relative")),
    ("the first half of next year", "2023-10-26", False,
     ("2024-01/2024-06", "range", "relative")),
    ("the year to March 2024", None, False, ("2023-04/2024-03", "range", "absolute")),
    ("the first 20 days of February", "1987-03-02", False,
     ("1987-02-01/1987-02-20", "range", "relative")),
    ("the 1990s", None, False, ("1990/1999", "range", "absolute")),
    ("the mid-1980s", None, False, ("1980/1989", "range", "absolute")),
    ("the ’90s", None, False, ("1990/1999", "range", "absolute")),
    # relative to the publication date
    ("last year", D21, False, ("2020", "year", "relative")),
    ("Last year", D87, False, ("1986", "year", "relative")),
    ("this year", D21, False, ("2021", "year", "relative")),
    ("next year", D21, False, ("2022", "year", "relative")),
    ("the end of the year", "2021-10-29", False, ("2021", "year", "relative")),
    ("earlier this year", D21, False, ("2021", "year", "relative")),
    ("this month", D21, False, ("2021-05", "month", "relative")),
    ("last month", "2021-01-15", False, ("2020-12", "month", "relative")),
    ("this quarter", "1987-03-25", False, ("1987-01/1987-03", "range", "relative")),
    ("last quarter", "1987-02-10", False, ("1986-10/1986-12", "range", "relative")),
    ("next quarter", "1987-12-01", False, ("1988-01/1988-03", "range", "relative")),
    ("the current quarter", "1987-05-05", False, ("1987-04/1987-06", "range", "relative")),
    ("last quarter", None, False, None),
    ("the previous quarter", "1987-02-10", False, ("1986-10/1986-12", "range", "relative")),
    ("yesterday", D21, False, ("2021-05-19", "day", "relative")),
    ("today", D21, False, ("2021-05-20", "day", "relative")),
    ("tomorrow", "2021-12-31", False, ("2022-01-01", "day", "relative")),
    ("the day before yesterday", D21, False, ("2021-05-18", "day", "relative")),
    ("four months ago", D21, False, ("2021-01", "month", "relative")),
    ("30 years ago", D22, False, ("1992", "year", "relative")),
    ("30 years ago today", D22, False, ("1992-02-07", "day", "relative")),
    ("a year ago", D87, False, ("1986", "year", "relative")),
    ("a year earlier", D87, False, ("1986", "year", "relative")),
    ("two days ago", D21, False, ("2021-05-18", "day", "relative")),
    ("June this year", D87, False, ("1987-06", "month", "relative")),
    ("December 10 this year", "2021-12-01", False, ("2021-12-10", "day", "relative")),
    # weekdays: the nearest on or before the dct, after it when about the future
    ("on Tuesday", D21, False, ("2021-05-18", "day", "relative")),
    ("Thursday", D21, False, ("2021-05-20", "day", "relative")),
    ("on Tuesday", D21, True, ("2021-05-25", "day", "relative")),
    ("last Thursday", D21, False, ("2021-05-13", "day", "relative")),
    ("next Thursday", D21, False, ("2021-05-27", "day", "relative")),
    # month-days and months without a year
    ("May 19", D21, False, ("2021-05-19", "day", "relative")),
    ("Thursday May 20", D21, False, ("2021-05-20", "day", "relative")),
    ("May 25", D21, False, ("2020-05-25", "day", "relative")),
    ("May 25", D21, True, ("2021-05-25", "day", "relative")),
    ("December 26", "2024-01-03", False, ("2023-12-26", "day", "relative")),
    ("February 29", "2023-03-01", False, ("2020-02-29", "day", "relative")),
    ("February 29", "2023-03-01", True, ("2024-02-29", "day", "relative")),
    ("January 5", "2023-12-20", True, ("2024-01-05", "day", "relative")),
    ("in February", D21, False, ("2021-02", "month", "relative")),
    ("in May", D21, False, ("2021-05", "month", "relative")),
    ("from March 1 to 5, 2022", None, False, ("2022-03-01/2022-03-05", "range", "absolute")),
    ("in September", D21, False, ("2020-09", "month", "relative")),
    ("in September", D21, True, ("2021-09", "month", "relative")),
    ("last March", D21, False, ("2021-03", "month", "relative")),
    ("Friday (19 Jan.)", "2024-01-20", False, ("2024-01-19", "day", "relative")),
    # not dates, or not resolvable
    ("two-day", D21, False, None),
    ("for 30 years", D21, False, None),
    ("three months", D21, False, None),
    ("60th anniversary", D21, False, None),
    ("last week", D21, False, None),
    ("recently", D21, False, None),
    ("in recent years", D21, False, None),
    ("years ago", D21, False, None),
    ("COVID-19", D21, False, None),
    ("10 a.m.", D21, False, None),
    ("1,987", D21, False, None),
    ("Section 301", D21, False, None),
    ("the 2030 Agenda", D21, False, None),
    ("G20", D21, False, None),
    ("February 30, 2021", None, False, None),
    ("2023-2021", None, False, None),
    ("the 13th quarter", D21, False, None),
    # forms of the blind-set decisions (issue 15)
    ("tomorrow (Monday)", "2024-02-04", False, ("2024-02-05", "day", "relative")),
    ("today (Wednesday)", "1987-03-04", False, ("1987-03-04", "day", "relative")),
    ("this year's September", "2021-10-28", False, ("2021-09", "month", "relative")),
    ("last year's March", "2021-10-28", False, ("2020-03", "month", "relative")),
    ("New Year", "2021-12-25", False, ("2022-01-01", "day", "relative")),
    ("the New Year", "2022-01-01", False, ("2022-01-01", "day", "relative")),
    ("New Year's Day", "2021-05-01", False, ("2022-01-01", "day", "relative")),
    ("New Year's Eve", "2021-12-20", False, ("2021-12-31", "day", "relative")),
    ("New Year", None, False, None),
    ("the XX century", D21, False, ("1901/2000", "range", "absolute")),
    ("the 20th century", None, False, ("1901/2000", "range", "absolute")),
    ("the twenty-first century", None, False, ("2001/2100", "range", "absolute")),
    ("XXI century", None, False, ("2001/2100", "range", "absolute")),
    ("the 19th century", None, False, ("1801/1900", "range", "absolute")),
    ("the 3rd century", None, False, None),
    ("the coming year", "2024-12-26", False, ("2025", "year", "relative")),
    ("two months from now", "2021-10-27", False, ("2021-12", "month", "relative")),
    ("18 months from now", "2024-08-20", False, ("2026-02", "month", "relative")),
    ("in two months", "2021-10-27", True, ("2021-12", "month", "relative")),
    ("in two days", "2022-03-12", True, ("2022-03-14", "day", "relative")),
    ("in three years", "2021-12-15", True, ("2024", "year", "relative")),
    ("in two weeks", "2021-12-15", True, None),  # no week precision
    # "the same period ...": the year it names; the extractor narrows it to the months
    ("the same period in 1986", D87, False, ("1986", "year", "absolute")),
    ("the same 1986 period", D87, False, ("1986", "year", "absolute")),
    ("the same period last year", D87, False, ("1986", "year", "relative")),
    ("the same month a year earlier", D87, False, ("1986", "year", "relative")),
    ("the year-ago period", D87, False, ("1986", "year", "relative")),
    ("the same period", D87, False, None),
    ("the first four months", "1987-05-20", False, ("1987-01/1987-04", "range", "relative")),
    ("the first two months of the year", D87, False, ("1987-01/1987-02", "range", "relative")),
    # one unit back ("the previous year"; the extractor anchors it to a reported period)
    ("the previous year", "2021-10-26", False, ("2020", "year", "relative")),
    ("the previous pandemic year", "2021-10-26", False, ("2020", "year", "relative")),
    ("the prior year", D87, False, ("1986", "year", "relative")),
    ("the previous month", "2021-10-26", False, ("2021-09", "month", "relative")),
    ("the year before", D87, False, ("1986", "year", "relative")),
    ("a year before", D87, False, ("1986", "year", "relative")),
    ("the day before", "2022-01-29", False, ("2022-01-28", "day", "relative")),
    ("the previous five years", D87, False, None),  # a span of years
    ("the past night", "2022-03-11", False, ("2022-03-10", "day", "relative")),
    ("the end of last month", "2022-03-11", False, ("2022-02", "month", "relative")),
    ("the seventies", None, False, ("1970/1979", "range", "absolute")),
    ("the late eighties", None, False, ("1980/1989", "range", "absolute")),
    ("end-1986", None, False, ("1986", "year", "absolute")),
    ("end-June", "1987-03-10", False, ("1986-06", "month", "relative")),
    ("fourth-quarter 1986", None, False, ("1986-10/1986-12", "range", "absolute")),
    # datelines: "(Colombo/June26/2024)"
    ("June26/2024", None, False, ("2024-06-26", "day", "absolute")),
    ("Aug 14/2024", None, False, ("2024-08-14", "day", "absolute")),
    ("yesterday", None, False, None),  # relative, no dct: nothing
    ("May 19", None, False, None),
    ("on Tuesday", None, False, None),
]


@pytest.mark.parametrize("text, dct, future, expected", CASES,
                         ids=[f"{c[0]!r}@{c[1]}{'+future' if c[2] else ''}" for c in CASES])
def test_dates_normalize_table(text, dct, future, expected):
    found = normalize(text, dct, future=future)
    got = None if found is None else (found.value, found.granularity, found.anchor)
    assert got == expected


def test_dates_normalize_table_is_big_enough():
    assert len(CASES) >= 60
    assert sum(c[3] is None for c in CASES) >= 15


@pytest.mark.parametrize("text, expected", [
    ("May 19", "2021-05-19"), ("last year", "2020"), ("on Tuesday", "2021-05-18"),
    ("four months ago", "2021-01"), ("January 7, 1993", "1993-01-07"),
])
def test_dates_normalize_anchor_inferred_only_when_resolved(text, expected):
    found = normalize(text, D21, dct_inferred=True)
    assert found.value == expected
    assert found.anchor == ("absolute" if "1993" in text else "inferred")


@pytest.mark.parametrize("dct", ["1987-04-07", date(1987, 4, 7), "1987-04-07T10:00:00"])
def test_dates_normalize_resolves_against_dct_not_today(dct):
    assert normalize("yesterday", dct).value == "1987-04-06"
    assert normalize("this year", dct).value == "1987"
    assert normalize("in March", dct).value == "1987-03"


@pytest.mark.parametrize("text, dct, expected", [
    ("2021 May", None, ("2021-05", "month", "absolute")),  # no day in the text: none invented
    ("May 5 2021 at noon", None, ("2021-05-05", "day", "absolute")),
    ("2021 May 5", None, ("2021-05-05", "day", "absolute")),
    ("the 5th day of May", None, None),  # no year and no dct: nothing filled from today
])
def test_dates_normalize_dateparser_fallback_keeps_only_given_parts(text, dct, expected):
    found = normalize(text, dct)
    assert (None if found is None else (found.value, found.granularity, found.anchor)) \
        == expected
    if found is not None:
        assert found.shape == "dateparser"


def test_dates_normalize_weekday_contradiction_is_flagged_not_fixed():
    found = normalize("Thursday, May 21, 2021", None)  # May 21, 2021 was a Friday
    assert found.value == "2021-05-21"
    assert found.note == "weekday_mismatch"
    assert found.confidence < 0.6
    assert normalize("Friday, May 21, 2021", None).note == ""


def test_dates_normalize_value_bounds():
    value = normalize("the first quarter of 1987")
    assert isinstance(value, DateValue)
    assert (value.start, value.end) == ("1987-01", "1987-03")
    assert (value.first_day(), value.last_day()) == (date(1987, 1, 1), date(1987, 3, 31))
    day = normalize("May 19", D21)
    assert day.start == day.end == "2021-05-19"


def test_dates_parse_gives_parts_without_resolving():
    point = parse("Thursday May 20")
    assert (point.year, point.month, point.day, point.weekday) == (None, 5, 20, 3)
    assert parse("2021-2023") is None  # ranges are not points


def test_dates_patterns_use_only_words_the_lexicon_knows():
    """Month and weekday names the ruler detects must be readable by the normalizer."""
    lex = default_lexicon()
    names = set(lex.words["month"]) | set(lex.words["weekday"])
    path = MODELS_DIR / "patterns" / "dates.jsonl"
    checked = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        pattern = json.loads(line)
        for token in pattern["pattern"] if isinstance(pattern["pattern"], list) else []:
            words = token.get("ORTH", {})
            if isinstance(words, dict) and {"May", "Monday"} & set(words.get("IN", [])):
                missing = {w for w in words["IN"] if w.lower() not in names}
                assert not missing, f"{pattern['id']}: {missing} not in date_words.csv"
                checked += 1
    assert checked > 10
