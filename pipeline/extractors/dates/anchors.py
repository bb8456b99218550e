"""Dates that refer to the period a report is about, not to the publication date.

In a report on a month, a quarter or a year, "a year earlier" is that period a year before
("exports rose to 4.07 billion dlrs in March from 2.99 billion a year earlier": 1986-03), and
"the same period in 1986" has the months of the reported period in 1986. The reported period
is the latest month, quarter (or other month or day range) or year named in the expression's
sentence or before it in the same paragraph (`find_anchor`), and only in a sentence that
states figures. "a year ago" is anchored only to a month
or a quarter ("a year ago" in a speech is the year before the speech); "a year earlier" to a
year as well ("sales rose in 2004 ... from a year earlier": 2003). Without a reported period
the values the normalizer gave stand: the year before the publication date, or the year
named.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from pipeline.extractors.base import doc_text
from pipeline.extractors.dates.spans import Candidate
from pipeline.normalizers.dates import DateValue, Lexicon, parse

EARLIER, AGO = "earlier", "ago"
COMPARE_WORDS = {"from", "than", "over", "against", "on", "with"}  # "compared with last year"
STEP_WORDS = {"previous", "prior", "preceding"}
CHANGE_WINDOW = 10  # tokens before the comparison word where a figure makes it a change
PASSAGE_SENTENCES = 2  # across a paragraph break, a period named this many sentences back
PERIOD_SHAPES = ("same_period", "year_ago_period")
PENDING = ""  # the value of an expression that only an anchor can resolve (no dct)

Selected = list[tuple[Candidate, Span, DateValue]]


def year_back(lexicon: Lexicon, text: str) -> str:
    """EARLIER or AGO when `text` is "a year earlier" / "one year ago" ..., else ""."""
    point = parse(text, lexicon)
    if point is None or point.ago is None:
        return ""
    count, unit, today = point.ago
    if count != 1 or unit != "year" or today:
        return ""
    return AGO if text.rstrip(" .").lower().endswith(AGO) else EARLIER


def pending_value(lexicon: Lexicon, text: str) -> DateValue | None:
    """A placeholder for "a year earlier" or "the same period last year" in an article with
    no publication date: only a reported period can give it a value."""
    point = parse(text, lexicon)
    if year_back(lexicon, text) or (point is not None and point.same_period and
                                    point.year_offset is not None):
        return DateValue(PENDING, "year", "relative", point.shape if point else "")
    return None


def shift_years(value: str, years: int) -> str:
    """An ISO value or range moved by `years` (February 29 becomes the 28th)."""
    parts = []
    for iso in value.split("/"):
        pieces = iso.split("-")
        year = int(pieces[0]) + years
        if len(pieces) == 3:
            day = min(int(pieces[2]), calendar.monthrange(year, int(pieces[1]))[1])
            pieces[2] = f"{day:02d}"
        parts.append("-".join([f"{year:04d}", *pieces[1:]]))
    return "/".join(parts)


def step_back(value: str, kind: str) -> str:
    """The month (MONTH_BACK), day (DAY_BACK) or quarter (QUARTER_BACK, of a three-month
    range) before the ISO `value`."""
    if kind == QUARTER_BACK:
        return "/".join(_month_back(iso, 3) for iso in value.split("/"))
    if kind == DAY_BACK:
        return (date.fromisoformat(value) - timedelta(days=1)).isoformat()
    return _month_back(value, 1)


def _month_back(value: str, months: int) -> str:
    year, month = (int(x) for x in value.split("-")[:2])
    month -= months
    while month < 1:
        year, month = year - 1, month + 12
    return f"{year:04d}-{month:02d}"


def with_year(value: str, year: int) -> str:
    """The months (or days) of `value` in `year`: "1987-01/1987-03" in 1986."""
    first = int(value.split("/", 1)[0].split("-")[0])
    return shift_years(value, year - first)


SAME, YEAR_AGO = "same", "year_ago"  # "the same period (in 1986)", "the year-ago period"
MONTH_BACK, DAY_BACK = "month_back", "day_back"  # "the previous month", "the day before"
QUARTER_BACK = "quarter_back"  # "the previous quarter"
PREVIOUS_YEAR = "previous_year"  # "the previous year", "the year before": EARLIER, but from
# the period of its own sentence when it names one
LOCAL_KINDS = (PREVIOUS_YEAR, MONTH_BACK, DAY_BACK, QUARTER_BACK)
BACK_GRANULARITY = {MONTH_BACK: "month", DAY_BACK: "day", QUARTER_BACK: "range"}


def _steps_back(text: str) -> bool:
    """"the previous month", "the prior year", "the day before" (not "a year earlier")."""
    words = text.lower().split()
    return bool(words) and (words[-1] == "before" or bool(STEP_WORDS & set(words)))


def unit_back(lexicon: Lexicon, text: str) -> str:
    """MONTH_BACK or DAY_BACK when `text` steps one month or day back from a period the text
    names ("the previous month", "a month earlier", "the day before"), else "". ("a month
    ago" counts from the publication date.)"""
    point = parse(text, lexicon)
    if point is None or point.ago is None or text.rstrip(" .").lower().endswith(AGO):
        return ""
    count, unit, today = point.ago
    if count != 1 or today:
        return ""
    return {"month": MONTH_BACK, "day": DAY_BACK, "year": PREVIOUS_YEAR,
            "quarter": QUARTER_BACK}.get(unit, "")


def _kind(lexicon: Lexicon, span: Span, value: DateValue) -> str:
    if value.shape in PERIOD_SHAPES:
        return SAME if value.shape == "same_period" else YEAR_AGO
    if compares_last_year(lexicon, span):
        return AGO
    if _steps_back(span.text):
        return unit_back(lexicon, span.text)
    return year_back(lexicon, span.text) or unit_back(lexicon, span.text)  # "a month earlier"


def compares_last_year(lexicon: Lexicon, span: Span) -> bool:
    """"last year" as the term of a comparison ("a drop of 42 pct from last year", "up 5% on
    last year"): like "a year ago", in a report on a month it is that month a year before."""
    point = parse(span.text, lexicon)
    doc = span.doc
    if point is None or point.rel_year != -1 or span.start == 0:
        return False
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        return False  # "than last year's 10.1 billion dlr total": the year's own figure
    word = doc[span.start - 1]
    if word.lower_ not in COMPARE_WORDS:
        return False
    # a change or a comparison: "up 16.5 pct ... from last year", "compared with last year",
    # not "an example from last year"
    before = doc[max(word.sent.start, word.i - CHANGE_WINDOW):word.i]
    return word.lower_ == "than" or any(t.like_num or t.text == "%" or t.lemma_ == "compare"
                                        for t in before)


COMPARED_FROM = ("from", "against", "compared", "versus", "vs")


def _compared_base(doc: Doc, span: Span, reach: int = 5) -> bool:
    """A date after "against"/"from"/"compared with" and an amount: the base a figure is
    compared with ("against 1.26 billion in January"), not the period reported."""
    lo = max(0, span.start - reach)
    words = doc[lo:span.start]
    return any(t.lower_ in COMPARED_FROM for t in words) and any(t.like_num for t in words)


def _fits(anchor: DateValue, kind: str) -> bool:
    """Whether a date can be the reported period for an expression of `kind`."""
    if not anchor.value or anchor.shape in PERIOD_SHAPES or anchor.shape == "ago":
        return False
    if kind == QUARTER_BACK:  # a quarter: a range of three months
        ends = anchor.value.split("/")
        return anchor.granularity == "range" and len(ends) == 2 and \
            all(len(e) == 7 for e in ends) and _month_back(ends[1], 2) == ends[0]
    if kind in BACK_GRANULARITY:
        return anchor.granularity == BACK_GRANULARITY[kind]
    if anchor.granularity == "day":
        return False
    if anchor.granularity == "year":
        return kind in (EARLIER, PREVIOUS_YEAR)
    return True  # a month or a range: a quarter, "the first 10 days of March", a decade ...


def _paragraph_break(doc: Doc, start: int, end: int) -> bool:
    return "\n\n" in doc_text(doc)[start:end].replace(" ", "")


def _counts(sent: Span, dates: bytearray) -> bool:
    """Whether a sentence states figures (a number outside its dates): a report, not a
    speech ("from 3.05 billion a year ago", "jumped 22% ... from a year earlier")."""
    return any(t.like_num and not dates[t.i] for t in sent)


def find_anchor(doc: Doc, chosen: Selected, index: int, kind: str,
                sent_of: dict[int, int], dct: date | None = None) -> DateValue | None:
    """The reported period for the expression `chosen[index]`: the latest of the periods named
    in its sentence and, before it in the same paragraph (or at most PASSAGE_SENTENCES
    sentences back), those not after the publication date (a report compares its period with earlier ones: "to 8.14 billion in February from
    5.7 billion in January and 4.77 billion a year ago" is about February; "Exports were 905
    mln against 929 mln in December and 816 mln a year earlier" in a report on January is
    about January). Of two periods that start together, the narrower. "the same period"
    points back: the last period named before it in its sentence, if any."""
    _, span, _ = chosen[index]
    here = sent_of[span.start]
    found: list[tuple[DateValue, bool]] = []
    for i, (_, other, value) in enumerate(chosen):
        if i == index or not _fits(value, kind):
            continue
        if sent_of[other.start] == here:
            found.append((value, True))
        elif kind != DAY_BACK and other.start < span.start and (
                dct is None or value.first_day() <= dct) and (
                here - sent_of[other.start] <= PASSAGE_SENTENCES
                or not _paragraph_break(doc, other.end_char, span.start_char)):
            found.append((value, False))
    if not found:
        return None
    if kind == SAME:  # "the same period" points back to the period just named
        # (not to a base of comparison: "1.53 billion in February against 1.26 billion in
        # January ... below the same month last year" is about February)
        before = [v for (_, other, v) in chosen[:index] if sent_of[other.start] == here
                  and _fits(v, kind) and not _compared_base(doc, other)]
        if before:
            return before[-1]
    compared = [v for (_, other, v) in chosen[:index] if sent_of[other.start] == here
                and _fits(v, kind) and other.end < len(doc)
                and doc[other.end].lower_ in COMPARED_FROM]
    if compared and kind != DAY_BACK:
        # "rose to 2.73 billion in the first two months of 1987 from 2.02 billion a year
        # earlier": the period the comparison starts from is the one compared
        return compared[-1]
    if kind in LOCAL_KINDS and any(here for _, here in found):
        # "the previous year" steps back from the period its own sentence names ("profit
        # rose to 275 mln marks in 1986 from 222 mln the previous year")
        found = [(v, here) for v, here in found if here]
    return max(found, key=lambda vs: (vs[0].first_day(), vs[1],
                                      vs[0].first_day() - vs[0].last_day()))[0]


def anchor_reports(doc: Doc, chosen: Selected, lexicon: Lexicon,
                   dct: date | None = None) -> Selected:
    """`chosen` (in text order) with the report-relative expressions resolved against the
    reported period; pending ones (no publication date) without a period are dropped."""
    kinds = [_kind(lexicon, span, value) for _, span, value in chosen]
    if not any(kinds):
        return chosen
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts = [s.start for s in doc.sents]
    else:
        starts = [0]
    sent_of: dict[int, int] = {}
    n = 0
    for _, span, _ in chosen:
        while n + 1 < len(starts) and starts[n + 1] <= span.start:
            n += 1
        sent_of[span.start] = n
    dates = bytearray(len(doc))
    for _, span, _ in chosen:
        dates[span.start:span.end] = b"\x01" * len(span)
    out: Selected = []
    for i, (cand, span, value) in enumerate(chosen):
        kind = kinds[i]
        anchor = None
        if kind and (kind == DAY_BACK or _counts(span.sent if len(starts) > 1 else doc[:],
                                                 dates)):
            anchor = find_anchor(doc, chosen, i, kind, sent_of, dct)
        if anchor is not None and kind in (SAME, YEAR_AGO):
            point = parse(span.text, lexicon)
            year = point.year if point is not None and point.year is not None else \
                int(anchor.value[:4]) + (point.year_offset if point is not None and
                                         point.year_offset is not None else -1)
            value = replace(value, value=with_year(anchor.value, year),
                            granularity=anchor.granularity, anchor="relative",
                            note="report_period")
        elif anchor is not None and kind in BACK_GRANULARITY:
            value = replace(value, value=step_back(anchor.value, kind), anchor="relative",
                            granularity=anchor.granularity, note="report_period")
        elif anchor is not None:
            value = replace(value, value=shift_years(anchor.value, -1),
                            granularity=anchor.granularity, anchor="relative",
                            note="report_period")
        if value.value == PENDING:
            continue
        out.append((cand, span, value))
    return out
