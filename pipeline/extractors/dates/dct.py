"""The publication date of an article that has none, from its own text: a dateline, or a
weekday with a month-day told in the past, placed among the years the article mentions."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from pipeline.extractors.base import doc_text
from pipeline.extractors.dates.spans import Candidate
from pipeline.extractors.dates.tense import tense
from pipeline.normalizers.dates import DateValue, Lexicon, parse

DATELINE_PREFIX = re.compile(  # nothing, or a place and a comma: "DUSHANBE, ", "IGORA /Region/, "
    r"^\s*(?:[A-Z][\w.'’()/-]*(?:[ \t]+[\w.'’()/-]+){0,5}[ \t]*,[ \t]*)?$")
DATELINE_WINDOW = 120  # characters from the start of the text
PLAN_WORDS = {"for", "by", "until", "till", "through", "to"}

Selected = list[tuple[Candidate, Span, DateValue]]


def infer_dct(doc: Doc, candidates: list[Candidate], cues: bytearray,
              select: Callable[[Doc, list[Candidate], str | None, bool, bytearray], Selected],
              lexicon: Lexicon) -> tuple[str | None, str]:
    """(ISO date, "text" | "inferred") for an article without a publication date.

    A dateline with a full date gives "text". A dateline month-day, or else a weekday
    with a month-day in a clause not about the future ("On Thursday May 20 ... held"),
    gets its year from the article: the weekday must fit, and the date must fall after
    the dates told in the past tense and before those told in the future tense, near the
    years the article mentions. (None, "") when nothing fixes a date.
    """
    chosen = select(doc, candidates, None, False, cues)  # absolute values only
    years = sorted({int(y) for _, _, v in chosen for y in re.findall(r"\d{4}", v.value)})
    after = before = recent = None
    for _, span, value in chosen:
        when = tense(span, cues)
        if when == "future":
            if before is None or value.last_day() < before:
                before = value.last_day()
            continue
        if when == "past" and value.granularity != "range" and \
                span.root.head.lower_ not in PLAN_WORDS and \
                (after is None or value.first_day() > after):
            after = value.first_day()  # not "were drafting a plan for 2024-2026"
        if value.granularity in ("day", "month") and (
                recent is None or value.first_day() > recent):
            recent = value.first_day()  # a named month or day: usually the last year's
    bounds = Bounds(years, after, before, recent)
    points = []
    for cand in candidates:
        span = doc[cand.start:cand.end]
        point = parse(span.text, lexicon)
        if point is not None and point.month and point.day:
            points.append((span, point))
    points.sort(key=lambda sp: (sp[0].start, -len(sp[0])))  # longest first at a start
    size = len(doc_text(doc))
    for span, point in points:
        if DATELINE_WINDOW < span.start_char and span.end_char < size - DATELINE_WINDOW:
            continue
        if is_dateline(doc, span):
            if point.year is not None:
                return date(point.year, point.month, point.day).isoformat(), "text"
            year = bounds.year_for(point)
            if year is not None:
                return date(year, point.month, point.day).isoformat(), "inferred"
            break
    for span, point in points:
        if point.weekday is not None and point.year is None and \
                tense(span, cues) != "future":
            year = bounds.year_for(point)
            if year is not None:
                return date(year, point.month, point.day).isoformat(), "inferred"
    return None, ""


def is_dateline(doc: Doc, span: Span) -> bool:
    """A date on the first line after nothing or a place and a comma ("DUSHANBE, May 20"),
    or the same closing the text ("Baku, 3 November 2022")."""
    text = doc_text(doc)
    head = text[:span.start_char]
    if "\n" not in head.strip() and DATELINE_PREFIX.match(head) is not None:
        return True
    line = head[head.rfind("\n") + 1:]
    return not text[span.end_char:].strip(" \t\n.") and DATELINE_PREFIX.match(line) is not None


@dataclass
class Bounds:
    """What an undated article tells about its own date: the years it mentions, the latest
    date it tells in the past tense, the earliest it tells in the future tense."""

    years: list[int]
    after: date | None
    before: date | None
    recent: date | None = None  # the latest month or day named, not as future

    def year_for(self, point) -> int | None:
        """The year of a month-day (weekday optional) that fits the bounds: with a weekday,
        a fitting year the article mentions (the latest), else the fitting year nearest
        the latest mentioned; without one, the year that puts it less than a year after the
        latest month or day the article names (none when it names none)."""
        known = self.years + [d.year for d in (self.after, self.before) if d]
        if not known:
            return None
        fits = []
        for year in range(min(known) - 1, max(known) + 2):
            try:
                day = date(year, point.month, point.day)
            except ValueError:
                continue
            if (point.weekday is None or day.weekday() == point.weekday) and \
                    (self.after is None or day >= self.after) and \
                    (self.before is None or day <= self.before):
                fits.append(year)
        if not fits:
            return None
        if point.weekday is None:
            # no weekday: only a named month or day less than a year before can fix the year
            if self.recent is None:
                return None
            for year in fits:
                gap = (date(year, point.month, point.day) - self.recent).days
                if 0 <= gap <= 366:
                    return year
            return None
        mentioned = [y for y in fits if y in self.years]
        if mentioned:
            return mentioned[-1]
        return min(fits, key=lambda y: (abs(y - max(known)), -y))
