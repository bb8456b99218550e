"""Date expressions -> ISO 8601 values at the precision the text gives.

`normalize(text, dct)` is the public entry point: a pure, cached function from the text of
a date expression ("May 19", "the first quarter of 1987", "2021-2023", "last year") and the
article's publication date to a `DateValue` (value, granularity, anchor), or None when the
text names no specific day, month, year or range.

Words (month and weekday names, "yesterday", "last year", number words, ordinals ...) come
from the lexicon `models/gazetteers/date_words.csv`; kind `holiday` gives a fixed day as
`M-D` ("new year" = 1-1, resolved to the next one on or after the dct), `century` the number
of a century written as a word, `calendar` the words naming another calendar's New Year
("lunar", "sinhala"; written in lower case, since the file is also a gazetteer and a
capitalized date word is never part of a leader's name). Common shapes are parsed with regexes
built from that lexicon; dateparser is used for pieces of a detected expression only
("four months ago", odd day/month shapes), with explicit settings, and its "fill the missing
parts from today" is never let through: the parts a value keeps are the parts the text gave.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from pipeline.gazetteers import read_gazetteer
from pipeline.normalizers.numbers import parse_number
from pipeline.records import ANCHORS, GRANULARITIES
from pipeline.rules import default_rules_dir

LEXICON_FILE = "date_words.csv"
DAY, MONTH, YEAR, RANGE = GRANULARITIES
QUARTER = "quarter"  # a unit of "the previous quarter", not a granularity
ABSOLUTE, RELATIVE, INFERRED = ANCHORS
MIN_YEAR, MAX_YEAR = 1800, 2100  # a bare four-digit number outside this is not a year
MIN_CENTURY, MAX_CENTURY = 10, 22  # "the 20th century" = 1901/2000


@dataclass(frozen=True)
class DateValue:
    """A normalized date expression.

    value: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `START/END` for ranges.
    granularity: day | month | year | range.
    anchor: absolute (the text gives the full value) | relative (resolved against the
    publication date) | inferred (resolved against an inferred publication date, or the
    year itself was inferred).
    """

    value: str
    granularity: str
    anchor: str
    shape: str = ""  # which grammar shape produced it (evidence for `rule`)
    confidence: float = 1.0
    note: str = ""  # e.g. "weekday_mismatch" when the weekday contradicts the date

    @property
    def start(self) -> str:
        """The value, or the first end of a range."""
        return self.value.split("/", 1)[0]

    @property
    def end(self) -> str:
        """The value, or the last end of a range."""
        return self.value.rsplit("/", 1)[-1]

    def first_day(self) -> date:
        return _bounds(self.start)[0]

    def last_day(self) -> date:
        return _bounds(self.end)[1]


def _bounds(iso: str) -> tuple[date, date]:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


# ---------------------------------------------------------------- lexicon

@dataclass
class Lexicon:
    """Word -> code tables per kind (month, weekday, rel_day, rel_month, rel_year, rel_quarter,
    rel_dir, unit, number, ordinal, part; "nowadays": words after "today's" that make it mean the
    times, not the day; "state_verb": verbs whose simple present makes "today" the times;
    "presence", "occasion" and "occasion_verb": words that make a present "today" the day of
    a gathering, "we are here today", "we have a full agenda today"; "holiday_weekday": words
    that make the weekday after them a name, "Easter Sunday"; "time_of_day": words a date may
    end with that do not make it longer, "morning"; "year_noun": nouns a year before or after
    them dates rather than counts or names, "2005 sales", "budget 2025"), all keys lower-case. The words
    that serve only these lookups are written in lower case in the CSV: a capitalized row is
    also a DATE_WORDS phrase, never part of a leader's name ("Mark", "Black" would be)."""

    words: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_csv(cls, path: Path) -> Lexicon:
        words: dict[str, dict[str, str]] = {}
        for row in read_gazetteer(path):
            words.setdefault(row["kind"], {})[row["text"].lower()] = row["code"]
        return cls(words)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]]) -> Lexicon:
        words: dict[str, dict[str, str]] = {}
        for row in rows:
            words.setdefault(row["kind"], {})[row["text"].lower()] = row["code"]
        return cls(words)

    def rows(self) -> list[dict[str, str]]:
        return [{"text": t, "code": c, "kind": k}
                for k, table in self.words.items() for t, c in table.items()]

    def get(self, kind: str, word: str) -> str | None:
        return self.words.get(kind, {}).get(word.lower())

    def alternation(self, kind: str) -> str:
        """A regex alternation of the words of `kind`, longest first."""
        words = sorted(self.words.get(kind, {}), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words) or r"(?!x)x"

    def __hash__(self) -> int:  # identity: lexicons are loaded once and not mutated
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@lru_cache(maxsize=4)
def load_lexicon(models_dir: str) -> Lexicon:
    return Lexicon.from_csv(Path(models_dir) / "gazetteers" / LEXICON_FILE)


def default_lexicon() -> Lexicon:
    return load_lexicon(str(default_rules_dir()))


# ---------------------------------------------------------------- grammar

@dataclass
class Point:
    """What the text gives of one date: any of year, month, day, weekday, plus relative
    parts that need the publication date."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel_day: int | None = None  # offset in days from the dct ("yesterday" = -1)
    rel_month: int | None = None  # offset in months ("last month" = -1)
    rel_year: int | None = None  # offset in years ("last year" = -1)
    rel_quarter: int | None = None  # offset in quarters ("last quarter" = -1)
    direction: int | None = None  # "last"/"next"/"this" before a weekday or month name
    ago: tuple[int, str, bool] | None = None  # (4, "month", False): "four months ago"
    part: tuple[int, int] | None = None  # (ordinal, months): first quarter = (1, 3)
    decade: int | None = None
    year_offset: int | None = None  # "this"/"last"/"next" year after a month ("June this year")
    first_days: int | None = None  # "the first 20 days of February"
    months_to: int | None = None  # "the eight months to end-August": that many, ending then
    bare_number: int | None = None  # "5" in "March 1 to 5"
    later: tuple[int, str] | None = None  # (2, "month"): "two months from now", "in two months"
    holiday: tuple[int, int] | None = None  # (month, day) of a fixed holiday: New Year = (1, 1)
    century: int | None = None  # "the 20th century" = 20
    same_period: bool = False  # "the same period in 1986": the months of the reported period
    shape: str = ""


class Grammar:
    """Regexes over a lower-cased expression, built from a lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        mon = lex.alternation("month")
        wd = lex.alternation("weekday")
        rdir = lex.alternation("rel_dir")
        unit = lex.alternation("unit")
        num = lex.alternation("number")
        ordn = lex.alternation("ordinal")
        part = lex.alternation("part")
        rday = lex.alternation("rel_day")
        holiday = lex.alternation("holiday")
        centw = lex.alternation("century")
        decw = lex.alternation("decade")
        day = r"(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
        day_or_word = rf"(?:{day}|(?P<dayw>{num}))"
        year = r"(?P<year>\d{4})"
        wd_opt = rf"(?:(?P<wd>{wd}),?\s+(?:the\s+)?)?"
        ydir = rf"(?:,?\s+(?:of\s+)?(?P<ydir>{rdir})\s+year)?"  # "June (of) this year"
        mod = r"(?:(?:early|mid|late|the\s+end\s+of|end\s+of|end|the\s+beginning\s+of|" \
              r"beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?"
        decade_mod = r"(?:the\s+)?(?:early\s+|mid[\s-]?|late\s+)?"
        shapes = (  # tried in order; the first full match wins
            ("iso_day", r"(?P<year>\d{4})-(?P<month_n>\d\d)-(?P<day>\d\d)"),
            ("dotted_day", r"(?P<day>\d\d?)\.(?P<month_n>\d\d?)\.(?P<year>\d{4})"),
            ("month_day", rf"{wd_opt}(?P<month>{mon})\s*(?:the\s+)?{day_or_word}"
                          rf"(?:(?:,?\s*|\s*/\s*){year})?{ydir}"),  # "June26/2024" too
            ("day_month", rf"{wd_opt}{day}(?:\s+of)?\s+(?P<month>{mon}),?(?:\s*{year})?{ydir}"),
            ("month_year", rf"{mod}(?P<month>{mon}),?\s*(?:of\s+)?{year}"),
            ("month", rf"{mod}(?P<month>{mon}){ydir}"),
            ("day_rel_month", rf"(?:the\s+)?{day}\s+of\s+(?P<mdir>{rdir})\s+month"),
            ("first_days", rf"(?:the\s+)?first\s+(?P<ndays>{num}|\d\d?)\s+days\s+of\s+"
                           rf"(?P<month>{mon})(?:,?\s*{year})?"),
            ("rel_month_name", rf"(?P<dir>{rdir})\s+(?P<month>{mon})"),
            ("weekday", rf"(?:(?P<dir>{rdir})\s+)?(?P<wd>{wd})"),
            ("year", rf"{mod}(?:(?:the\s+)?(?:calendar\s+|fiscal\s+|full\s+)?year\s+|fiscal\s+|calendar\s+|"
                     rf"fy\s*)?"
                     rf"{year}"),
            ("decade", rf"{decade_mod}(?P<decade>\d{{3}}0)'?s"),
            ("short_decade", rf"{decade_mod}'\s?(?P<decade2>\d0)s"),
            ("decade", rf"{decade_mod}(?P<decadew>{decw})"),  # "the seventies"
            ("part", rf"(?:the\s+)?(?P<ord>{ordn})[\s-]+(?P<part>{part})(?:\s+of)?"
                     rf"(?:\s+(?:the\s+)?(?:year\s+)?{year})?{ydir}"),
            ("first_months", rf"(?:the\s+)?first\s+(?P<nmonths>{num}|\d\d?)\s+(?P<mq>months|quarters)(?:\s+of\s+"
                             rf"(?:(?:the\s+year\s+)?{year}|(?P<ydir>{rdir})\s+year|the\s+year))?"),
            # "the 11 months of this year": the first ones (a span needs the year after "of")
            ("first_months", rf"the\s+(?P<nmonths>{num}|\d\d?)\s+(?P<mq>months|quarters)\s+of\s+"
                             rf"(?:(?:the\s+year\s+)?{year}|(?P<ydir>{rdir})\s+year)"),
            # "the eight months to end-August (1987)": the months ending then
            ("months_to", rf"(?:the\s+)?(?:first\s+)?(?P<nto>{num}|\d\d?)\s+months\s+"
                          rf"(?:to|ending|ended|through)\s+(?:end\s*-?\s*)?(?:\d\d?\s+)?(?P<month>{mon})"
                          rf"(?:\s+\d\d?)?(?:,?\s*{year})?"),
            ("year_to", rf"(?:the\s+)?year\s+"
                        rf"(?:to|ending|ended)\s+(?:end-?)?(?P<month>{mon}),?\s*{year}"),
            ("part_after_year", rf"{year}\s+(?P<ord>{ordn})\s+(?P<part>{part})"),
            ("q_year", r"q(?P<q>[1-4])(?:\s*(?:of\s+)?(?P<year>\d{4}))?"),
            ("q_year", r"(?P<q>[1-4])q\s*(?P<year>\d{4})"),  # "1Q 2024" (financial news)
            ("ago", rf"(?:(?P<n>\d+|(?:{num})(?:[\s-](?:{num}))?|a|an)\s+)?(?P<unit>{unit})\s+"
                    rf"(?:ago|earlier|before)"
                    rf"(?P<today>\s+today)?"),
            # "the previous (pandemic) year", "the year before": one unit back, like "a year
            # earlier" (a report's period anchors it); one word may qualify the unit
            ("ago", rf"(?:the\s+)?(?:previous|preceding|prior)\s+(?:[a-z-]+\s+)?"
                    rf"(?P<unit>{unit})"),
            ("ago", rf"(?:the\s+)?(?P<unit>{unit})\s+before"),
            ("from_now", rf"(?P<n>\d+|{num}|a|an)\s+(?P<unit>{unit})\s+from\s+now"),
            ("in_later", rf"in\s+(?P<n>\d+|{num}|a|an)\s+(?P<unit>{unit})(?:'s\s+time)?"),
            ("rel_day_weekday", rf"(?P<relday>{rday})\s+(?P<wd>{wd})"),
            # "yesterday (09)", "tomorrow (17 Jan.)": the day written in brackets (parentheses
            # are cleaned to spaces) is the day meant, when the publication date is off by one
            ("rel_day_day", rf"(?P<relday>{rday}),?\s+{day}(?:\s+(?P<month>{mon}))?"),
            ("rel_day_day", rf"(?P<relday>{rday}),?\s+(?P<month>{mon})\s+{day}"),  # "(April 5)"
            ("year_month", rf"(?P<ydir>{rdir})\s+year'?s\s+(?P<month>{mon})"),
            ("holiday", rf"(?:the\s+)?(?P<holiday>{holiday})"),
            ("century", rf"(?:the\s+)?(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)|(?P<centw>{centw})|"
                        rf"(?P<roman>[xvi]{{1,6}}))\s+century"),
            ("same_period", rf"(?:the\s+)?(?:same|corresponding|comparable)\s+"
                            rf"(?:(?P<year2>\d{{4}})\s+)?(?:period|month|quarter|months|time)"
                            rf"(?:\s+(?:of|in)\s+{year}|\s+(?P<ydir>{rdir})\s+year|"
                            rf"\s+(?P<ago>a\s+year\s+(?:earlier|ago)))?"),
            ("year_ago_period", r"(?:the\s+)?(?:a\s+)?year[\s-]+(?:ago|earlier)\s+(?:period|month|"
                                r"quarter)"),
            ("bare_number", rf"(?P<n>\d{{1,2}})(?:,?\s*{year})?"),
        )
        self.shapes = [(name, re.compile(rf"^{rx}$")) for name, rx in shapes]
        self.month_word = re.compile(rf"\b(?:{mon})(?!\w)")
        self.connector = re.compile(r"\s*(?:-|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|"
                                    r"\band\b|/)\s*")

    def point(self, text: str) -> Point | None:
        """Parse one date (not a range)."""
        lex = self.lex
        for kind, attr in (("rel_day", "rel_day"), ("rel_month", "rel_month"),
                           ("rel_year", "rel_year"), ("rel_quarter", "rel_quarter")):
            code = lex.get(kind, text)
            if code is not None:
                return Point(**{attr: int(code)}, shape=kind)
        for name, rx in self.shapes:
            m = rx.match(text)
            if not m:
                continue
            g = m.groupdict()
            p = Point(shape=name)
            if g.get("year") or g.get("year2"):
                p.year = int(g.get("year") or g["year2"])
                if not MIN_YEAR <= p.year <= MAX_YEAR:
                    return None
            if g.get("month"):
                p.month = int(lex.get("month", g["month"]) or 0)
            if g.get("month_n"):
                p.month = int(g["month_n"])
            if g.get("day"):
                p.day = int(g["day"])
            if g.get("dayw"):
                p.day = int(lex.get("number", g["dayw"]) or 0)
            if g.get("wd"):
                p.weekday = int(lex.get("weekday", g["wd"]) or 0)
            if g.get("dir"):
                p.direction = int(lex.get("rel_dir", g["dir"]) or 0)
            if g.get("decade"):
                p.decade = int(g["decade"])
            if g.get("ord"):
                p.part = (int(lex.get("ordinal", g["ord"]) or 0),
                          int(lex.get("part", g["part"]) or 0))
            if g.get("nmonths"):
                count = _count(g["nmonths"], lex)
                p.part = (1, count * (3 if g.get("mq") == "quarters" else 1))
            if g.get("nto"):
                p.months_to = _count(g["nto"], lex)
            if g.get("q"):
                p.part = (int(g["q"]), 3)
            if g.get("mdir"):  # "the 31st of this month"
                p.rel_month = int(lex.get("rel_dir", g["mdir"]) or 0)
            if g.get("ydir"):
                p.year_offset = int(lex.get("rel_dir", g["ydir"]) or 0)
            if g.get("ndays"):
                p.first_days = _count(g["ndays"], lex)
            if g.get("decade2"):
                tens = int(g["decade2"])
                p.decade = (1900 if tens >= 30 else 2000) + tens
            if name == "year_to":
                p.months_to = 12
            if g.get("decadew"):
                p.decade = int(lex.get("decade", g["decadew"]) or 0)
            if name == "ago":
                n = g.get("n")
                if n is None and g["unit"].endswith("s"):
                    return None  # "years ago", "the previous five years": no specific year
                n = n or "a"
                count = int(n) if n.isdigit() else 1 if n in ("a", "an") \
                    else _spelled_count(n)
                p.ago = (count, lex.get("unit", g["unit"]) or "", bool(g.get("today")))
            if name == "bare_number":
                p.bare_number = int(g["n"])
            if name in ("from_now", "in_later"):
                n = g["n"]
                count = int(n) if n.isdigit() else 1 if n in ("a", "an") \
                    else _spelled_count(n)
                p.later = (count, lex.get("unit", g["unit"]) or "")
            if g.get("relday"):
                p.rel_day = int(lex.get("rel_day", g["relday"]) or 0)
            if g.get("holiday"):
                month, day = (lex.get("holiday", g["holiday"]) or "0-0").split("-")
                p.holiday = (int(month), int(day))
            if name == "century":
                p.century = int(g["cent"]) if g.get("cent") else \
                    int(lex.get("century", g["centw"]) or 0) if g.get("centw") else \
                    _roman(g.get("roman") or "")
            if name in ("same_period", "year_ago_period"):
                p.same_period = True
                if g.get("ago") or name == "year_ago_period":
                    p.year_offset = -1
            if not _valid(p):
                return None
            return p
        return None


_ROMAN = {"i": 1, "v": 5, "x": 10}


def _count(text: str, lex: Lexicon) -> int:
    """A count written in digits or as a number word ("8", "eight")."""
    return int(text) if text.isdigit() else int(lex.get("number", text) or 0)


def _roman(text: str) -> int:
    """'xx' -> 20, 'xix' -> 19, 'xxi' -> 21; 0 if not a roman numeral."""
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN.get(ch, 0)
        if not value:
            return 0
        nxt = _ROMAN.get(text[i + 1], 0) if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total


def _valid(p: Point) -> bool:
    if p.month is not None and not 1 <= p.month <= 12:
        return False
    if p.part is not None:
        ordinal, months = p.part
        if months <= 0 or not 1 <= ordinal <= 12 // months:
            return False
    if p.day is not None:
        if p.month is None and (p.rel_month is not None or p.rel_day is not None):
            return 1 <= p.day <= 31  # checked against the month once the dct gives it
        if p.month is None or not 1 <= p.day <= 31:
            return False
        last = calendar.monthrange(p.year or 2000, p.month)[1]  # leap year when unknown
        if p.day > last:
            return False
    if p.decade is not None and not MIN_YEAR <= p.decade <= MAX_YEAR:
        return False
    if p.century is not None and not MIN_CENTURY <= p.century <= MAX_CENTURY:
        return False
    if p.later is not None and (p.later[0] <= 0 or p.later[1] not in (DAY, MONTH, YEAR)):
        return False
    return True


@lru_cache(maxsize=4)
def _grammar(lex: Lexicon) -> Grammar:
    return Grammar(lex)


# ---------------------------------------------------------------- resolution

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_LEADING = re.compile(r"^(?:on|in|since|at|of|during|from|between|by|until|till|before|after)\s+")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Lower-case, one space, plain hyphens, no trailing punctuation."""
    text = _DASHES.sub("-", text.lower()).replace("’", "'")
    text = _SPACES.sub(" ", text.replace("(", " ").replace(")", " ")).strip(" ,;:")
    return text.rstrip(".") if not re.search(r"\b[a-z]{3,5}\.$", text) else text


def _as_date(dct: date | datetime | str | None) -> date | None:
    if dct is None or dct == "":
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    try:
        return date.fromisoformat(str(dct)[:10])
    except ValueError:
        return None


# A value's end: a year 0001-9999, with a month 01-12 (and a day; checked when resolved).
_ISO_VALUE = re.compile(r"^(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?$")


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


@dataclass
class _Resolved:
    start: str
    end: str | None  # for ranges (parts, decades)
    granularity: str
    relative: bool
    note: str = ""


def _resolve(p: Point, dct: date | None, future: bool) -> _Resolved | None:
    """Turn a parsed point into an ISO value; None when it needs a dct it does not have."""
    if p.rel_day is not None:
        if dct is None:
            return None
        day = dct + timedelta(days=p.rel_day)
        if p.day is not None:
            day = _nearest_day(day, p.day, p.month)
            if day is None:
                return None
        note = "weekday_mismatch" if p.weekday is not None and day.weekday() != p.weekday \
            else ""
        return _Resolved(day.isoformat(), None, DAY, True, note)
    if p.later is not None:
        if dct is None:
            return None
        count, unit = p.later
        if unit == DAY:
            return _Resolved((dct + timedelta(days=count)).isoformat(), None, DAY, True)
        y, m = _shift_month(dct.year, dct.month, count * (12 if unit == YEAR else 1))
        return _Resolved(_iso(y, m) if unit == MONTH else _iso(y), None, unit, True)
    if p.holiday is not None:
        # the next one on or after the dct: "New Year greetings" in December or January 1
        if dct is None:
            return None
        month, day = p.holiday
        year = dct.year if (month, day) >= (dct.month, dct.day) else dct.year + 1
        return _Resolved(_iso(year, month, day), None, DAY, True)
    if p.century is not None:
        return _Resolved(_iso((p.century - 1) * 100 + 1), _iso(p.century * 100), RANGE, False)
    if p.same_period:
        # alone, the year it names (the extractor narrows it to the reported months)
        if p.year is not None:
            return _Resolved(_iso(p.year), None, YEAR, False)
        if dct is None or p.year_offset is None:
            return None  # "the same period" alone: the same as what?
        return _Resolved(_iso(dct.year + p.year_offset), None, YEAR, True)
    if p.rel_month is not None:
        if dct is None:
            return None
        y, m = _shift_month(dct.year, dct.month, p.rel_month)
        if p.day is not None:
            if p.day > calendar.monthrange(y, m)[1]:
                return None
            return _Resolved(_iso(y, m, p.day), None, DAY, True)
        return _Resolved(_iso(y, m), None, MONTH, True)
    if p.rel_year is not None:
        if dct is None:
            return None
        return _Resolved(_iso(dct.year + p.rel_year), None, YEAR, True)
    if p.rel_quarter is not None:  # "last quarter" in a May article: January-March
        if dct is None:
            return None
        y, m = _shift_month(dct.year, (dct.month - 1) // 3 * 3 + 1, 3 * p.rel_quarter)
        return _Resolved(_iso(y, m), _iso(y, m + 2), RANGE, True)
    if p.ago is not None:
        return _resolve_ago(p.ago, dct)
    if p.decade is not None:
        # "the 1800s", "the 1900s": a hundred years; "the 2000s" is the decade, as written
        span = 99 if p.decade % 100 == 0 and p.decade < 2000 else 9
        return _Resolved(_iso(p.decade), _iso(p.decade + span), RANGE, False)
    if p.months_to and p.month is not None and 1 <= p.months_to <= 12:
        year, relative = p.year, False
        if year is None:
            if dct is None:
                return None
            # the most recent such month up to the publication date (a report's period)
            year, relative = _year_for(p.month, None, dct, False), True
        y, m = _shift_month(year, p.month, 1 - p.months_to)
        return _Resolved(_iso(y, m), _iso(year, p.month), RANGE, relative)
    if p.part is not None:
        ordinal, months = p.part
        first = (ordinal - 1) * months + 1
        year, relative = p.year, False
        if year is None and p.year_offset is not None:
            if dct is None:
                return None
            year, relative = dct.year + p.year_offset, True
        if year is None:
            if dct is None:
                return None
            relative = True
            year = dct.year
            dct_part = (dct.month - 1) // months + 1
            if future and ordinal < dct_part:
                year += 1
            elif not future and ordinal > dct_part:
                year -= 1
        return _Resolved(_iso(year, first), _iso(year, first + months - 1), RANGE, relative)
    if p.weekday is not None and p.month is None:
        if dct is None:
            return None
        diff = (dct.weekday() - p.weekday) % 7
        if p.direction == -1 or (p.direction is None and not future):
            back = diff if p.direction is None else (diff or 7)
            day = dct - timedelta(days=back)
        else:
            ahead = (p.weekday - dct.weekday()) % 7
            if p.direction == 1:
                ahead = ahead or 7
            day = dct + timedelta(days=ahead)
        return _Resolved(day.isoformat(), None, DAY, True)
    if p.month is None:
        if p.year is None:
            return None
        return _Resolved(_iso(p.year), None, YEAR, False)
    # month given, maybe day, maybe year
    if p.year_offset is not None:
        if dct is None:
            return None
        p = Point(**{**p.__dict__, "year": dct.year + p.year_offset, "year_offset": None})
        found = _resolve(p, dct, future)
        if found is not None:
            found.relative = True
        return found
    if p.first_days is not None:
        found = _resolve(Point(year=p.year, month=p.month), dct, future)
        if found is None or not 1 <= p.first_days <= 31:
            return None
        y, m = (int(x) for x in found.start.split("-"))
        if p.first_days > calendar.monthrange(y, m)[1]:
            return None
        return _Resolved(_iso(y, m, 1), _iso(y, m, p.first_days), RANGE, found.relative)
    if p.year is not None:
        note = ""
        if p.day is not None and p.weekday is not None and \
                date(p.year, p.month, p.day).weekday() != p.weekday:
            note = "weekday_mismatch"
        return _Resolved(_iso(p.year, p.month, p.day), None, DAY if p.day else MONTH, False, note)
    if dct is None:
        return None
    year = _year_for(p.month, p.day, dct, future, p.direction)
    if year is None:
        return None
    note = ""
    if p.day is not None and p.weekday is not None and \
            date(year, p.month, p.day).weekday() != p.weekday:
        # the weekday tells the direction the tense did not: "on Tuesday, January 17th"
        other = _year_for(p.month, p.day, dct, not future, p.direction)
        if other is not None and date(other, p.month, p.day).weekday() == p.weekday:
            year = other
        else:
            note = "weekday_mismatch"
    return _Resolved(_iso(year, p.month, p.day), None, DAY if p.day else MONTH, True, note)


def _nearest_day(near: date, day: int, month: int | None) -> date | None:
    """The date with day of month `day` (and `month`, if given) nearest to `near`."""
    found = []
    for shift in (-1, 0, 1):
        if month is None:
            y, m = _shift_month(near.year, near.month, shift)
        else:
            y, m = near.year + shift, month
        if day <= calendar.monthrange(y, m)[1]:
            found.append(date(y, m, day))
    return min(found, key=lambda d: abs(d - near), default=None)


def _year_for(month: int, day: int | None, dct: date, future: bool,
              direction: int | None = None) -> int | None:
    """The year of a month(-day) without one: the nearest on/before the dct, or on/after
    it when the sentence is about the future; "last"/"next" exclude the dct's own month."""
    key = (month, day or 0)
    now = (dct.month, dct.day if day else 0)
    if direction == -1:
        return dct.year if key < now and month != dct.month else dct.year - 1
    if direction == 1:
        return dct.year if key > now and month != dct.month else dct.year + 1
    if direction == 0:
        return dct.year
    year = dct.year
    if future:
        year = year if key >= now else year + 1
    else:
        year = year if key <= now else year - 1
    while day == 29 and month == 2 and not calendar.isleap(year):
        year += 1 if future else -1  # February 29: the nearest leap year that way
    return year


@lru_cache(maxsize=4096)
def _dateparser_parse(text: str, base: date | None, prefer: str) -> tuple[datetime, str] | None:
    """dateparser on one short piece, against `base` (never "now"): (datetime, period)."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day) if base else
                datetime(2000, 1, 1), "PREFER_DATES_FROM": prefer,
                "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    parser = DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or DAY


def _spelled_count(words: str) -> int:
    """"seven" -> 7, "seventy-seven" -> 77, "one hundred" -> 100 (numbers.parse_number)."""
    return int(parse_number(words) or 0)


def _resolve_ago(ago: tuple[int, str, bool], dct: date | None) -> _Resolved | None:
    """"four months ago" -> the month four months before the dct; "30 years ago today" ->
    that day 30 years before."""
    count, unit, today = ago
    if dct is not None and count > 0 and unit == QUARTER and not today:
        # "the previous quarter": the quarter before the dct's (a report's own quarter
        # anchors it in the extractor)
        y, m = _shift_month(dct.year, (dct.month - 1) // 3 * 3 + 1, -3 * count)
        return _Resolved(_iso(y, m), _iso(y, m + 2), RANGE, True)
    if dct is None or count <= 0 or unit not in (DAY, MONTH, YEAR):
        return None
    if unit == DAY:
        return _Resolved((dct - timedelta(days=count)).isoformat(), None, DAY, True)
    y, m = _shift_month(dct.year, dct.month, -count * (12 if unit == YEAR else 1))
    if today:
        day = min(dct.day, calendar.monthrange(y, m)[1])
        return _Resolved(_iso(y, m, day), None, DAY, True)
    return _Resolved(_iso(y, m) if unit == MONTH else _iso(y), None, unit, True)


# ---------------------------------------------------------------- ranges

def _range(text: str, g: Grammar, dct: date | None, future: bool) -> _Resolved | None:
    """"2021-2023", "from March 1 to 5", "May 30 - June 1, 2021", "between 2021 and 2023"."""
    body = re.sub(r"^(?:from|between)\s+", "", text)
    body = _CHAIN.sub(r"\1", body)  # "april-may-june" -> "april-june"
    # "June 23-24 this year", "23-24 June last year": the year word is both ends'
    offset = None
    tail = re.search(rf",?\s+(?:of\s+)?({g.lex.alternation('rel_dir')})\s+year$", body)
    code = g.lex.get("rel_dir", tail.group(1)) if tail is not None else None
    if code is not None:
        offset = int(code or 0)
        body = body[:tail.start()]
    for m in g.connector.finditer(body):
        left, right = body[:m.start()].strip(" ,"), body[m.end():].strip(" ,")
        if not left or not right:
            continue
        word = m.group(0).strip()
        if word == "and" and not text.startswith("between"):
            continue
        a, b = g.point(left), g.point(right)
        if a is None or b is None or not _rangeable(a) or not _rangeable(b):
            continue
        if not _fill_range(a, b):
            continue
        if offset is not None:
            for p in (a, b):
                if p.year is None and p.month is not None:
                    p.year_offset = offset
        ra = _resolve(a, dct, future)
        if ra is None:
            continue
        relative = ra.relative
        if b.year is None and a.year is None and a.month is not None and b.month is not None:
            # a year-less range takes the start's year; it may run into the next year
            b.year = int(ra.start[:4]) + ((b.month, b.day or 0) < (a.month, a.day or 0))
            relative = True
        rb = _resolve(b, dct, future)
        if rb is None:
            continue
        lo, hi = ra.start, rb.end or rb.start
        if _bounds(lo)[0] > _bounds(hi)[1] or lo == hi:
            continue
        return _Resolved(lo, hi, RANGE, relative or rb.relative)
    return None


_CHAIN = re.compile(r"^([a-z.]+)(?:\s*-\s*[a-z.]+)+(?=\s*-\s*[a-z.]+(?:,?\s*\d{4})?$)")


def _rangeable(p: Point) -> bool:
    return p.shape in ("month_day", "day_month", "month_year", "month", "year", "bare_number",
                       "iso_day", "dotted_day")


def _fill_range(a: Point, b: Point) -> bool:
    """Complete the two ends of a range from each other; False when they do not fit."""
    if b.bare_number is not None:
        n = b.bare_number
        if a.day is not None and a.month is not None:
            b.month, b.day, b.shape = a.month, n, "month_day"
            b.year = b.year if b.year is not None else a.year
        elif a.year is not None and a.month is None and n < 100 and b.year is None:
            b.year, b.shape = a.year // 100 * 100 + n, "year"
            if b.year <= a.year:
                return False
        else:
            return False
    if a.bare_number is not None:
        if b.day is not None and b.month is not None:
            a.month, a.day, a.year, a.shape = b.month, a.bare_number, None, "day_month"
        else:
            return False
    if a.year is None and b.year is not None and a.month is not None:
        a.year = b.year
    if b.year is None and a.year is not None and b.month is not None:
        b.year = a.year
    if (a.month is None) != (b.month is None):
        return False
    return _valid(a) and _valid(b)


# ---------------------------------------------------------------- public API

@lru_cache(maxsize=16384)
def _normalize(text: str, dct: date | None, future: bool, dct_inferred: bool,
               lex: Lexicon) -> DateValue | None:
    g = _grammar(lex)
    body = text
    if lex.get("rel_day", body) is None:
        body = _LEADING.sub("", body)
    found: _Resolved | None = None
    shape = ""
    try:
        point = g.point(body)
        if point is None and body != text:
            point = g.point(text)  # "in two months": the preposition is part of the shape
        if point is not None and point.shape != "bare_number":
            found, shape = _resolve(point, dct, future), point.shape
        if found is None:
            found, shape = _range(text if text.startswith(("from", "between")) else body, g,
                                  dct, future), "range"
        if found is None:
            found, shape = _fallback(body, dct, future, g), "dateparser"
    except (OverflowError, ValueError):  # arithmetic past the calendar (year 1 .. 9999)
        return None
    if found is None:
        return None
    value = found.start if found.end is None else f"{found.start}/{found.end}"
    if not all(_ISO_VALUE.match(end) for end in value.split("/")):
        return None  # e.g. "next year" from a publication date in 9999
    if found.relative:
        anchor = INFERRED if dct_inferred else RELATIVE
    else:
        anchor = ABSOLUTE
    confidence = 0.95 if shape != "dateparser" else 0.7
    if found.note == "weekday_mismatch":
        confidence = 0.5
    return DateValue(value, found.granularity, anchor, shape, confidence, found.note)


def _fallback(text: str, dct: date | None, future: bool, g: Grammar) -> _Resolved | None:
    """dateparser for day/month shapes the grammar lacks. A value keeps only the parts the
    text gave (a month name, a day number, a four-digit year), never dateparser's fill-ins."""
    if len(text) > 40:
        return None
    has_month = g.month_word.search(text) is not None
    years = [int(y) for y in re.findall(r"\b(\d{4})\b", text)]
    has_year = bool(years) and all(MIN_YEAR <= y <= MAX_YEAR for y in years)
    has_day = re.search(r"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b", text) is not None
    if not has_month or (not has_year and dct is None):
        return None
    found = _dateparser_parse(text, dct, "future" if future else "past")
    if found is None:
        return None
    when, period = found
    if has_year and when.year not in years:
        return None
    if not has_year and dct is not None and abs(when.year - dct.year) > 1:
        return None  # "May 14 and 15": dateparser took a day number for a year (2015)
    if period == DAY and has_day:
        return _Resolved(when.date().isoformat(), None, DAY, not has_year)
    if period in (DAY, MONTH):
        return _Resolved(_iso(when.year, when.month), None, MONTH, not has_year)
    return None


def parse(text: str, lexicon: Lexicon | None = None) -> Point | None:
    """What a single (non-range) date expression gives, before any resolution."""
    return _parse(clean(text), lexicon or default_lexicon())


@lru_cache(maxsize=16384)
def _parse(text: str, lex: Lexicon) -> Point | None:
    if lex.get("rel_day", text) is None:
        text = _LEADING.sub("", text)
    return _grammar(lex).point(text)


def normalize(text: str, dct: date | datetime | str | None = None, *, future: bool = False,
              dct_inferred: bool = False, lexicon: Lexicon | None = None) -> DateValue | None:
    """The ISO value of a date expression, or None when it names no specific date.

    `dct` is the publication date relative expressions resolve against (never today);
    `future` makes year-less dates and weekdays resolve forward ("will visit on May 25");
    `dct_inferred` marks values resolved against an inferred dct as anchor "inferred".
    """
    return _normalize(clean(text), _as_date(dct), future, dct_inferred,
                      lexicon or default_lexicon())


__all__ = ["DateValue", "Lexicon", "Point", "normalize", "parse", "load_lexicon",
           "default_lexicon", "clean", "DAY", "MONTH", "YEAR", "RANGE", "ABSOLUTE", "RELATIVE",
           "INFERRED"]
