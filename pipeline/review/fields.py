"""The fields a reviewer edits, per table: their vocabulary, validation, and prefill.

Values are checked the way the tables write them: countries as ISO 3166 alpha-3 codes or
organization acronyms (sorted, ';'-separated), dates as ISO 8601 at the precision the text
gives (`2021`, `2021-05`, `2021-05-20`, ranges `START/END`), amounts as numbers in base
units, currencies as ISO 4217 codes. Closed vocabularies (document types, trade measures,
organizations, currencies) come from the rule set's gazetteers, so a rule set that adds a
document type makes it valid here too.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import Errors
from pipeline.records import MEASURES, ROW_TYPES, join_codes, row_id

# What a reviewer may change, per table; every other column is kept as extracted.
EDITABLE: dict[str, tuple[str, ...]] = {
    "leaders": ("name", "title", "country"),
    "dates": ("value",),
    "documents": ("doc_type", "title", "countries", "signed_date", "status"),
    "trade": ("amount", "currency", "period", "measure", "countries"),
}
DOCUMENT_STATUSES = ("signed", "in_force", "planned")  # records.DocumentRow.status
ADDED_RULE = "review:added"  # the `rule` of a row a reviewer added
MAX_CHARS = 500
_ISO_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CODE_SPLIT = re.compile(r"[;,\s]+")
# A sentence ends at . ! ? (and closing quotes/brackets) before white space, or at a line end.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n")


class FieldError(ValueError):
    """A value a reviewer gave that the table cannot hold; `str()` is the user's message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Vocabulary:
    """The closed value sets of a rule set, and the surface forms used to prefill fields."""

    countries: frozenset[str]  # ISO3 codes and organization acronyms
    currencies: frozenset[str]
    doc_types: tuple[str, ...]
    measures: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]  # (surface form, title) for prefill
    places: tuple[tuple[str, str], ...]  # (country name / demonym / org, code)
    doc_words: tuple[tuple[str, str], ...]  # (surface form, doc_type)
    measure_words: tuple[tuple[str, str], ...]  # (surface form, measure)


def _gazetteer(root: Path, stem: str) -> list[dict[str, str]]:
    path = root / "gazetteers" / f"{stem}.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("text") and row.get("code")]


@lru_cache(maxsize=4)
def vocabulary(rules: str | None = None) -> Vocabulary:
    """The vocabulary of the rule set `rules` (default: the active rule set)."""
    import pycountry

    from pipeline.rules import rules_dir

    root = rules_dir(rules)
    places = [(r["text"], r["code"]) for stem in ("countries", "demonyms", "organizations")
              for r in _gazetteer(root, stem)]
    countries = {c.alpha_3 for c in pycountry.countries} | {code for _, code in places}
    currencies = {c.alpha_3 for c in pycountry.currencies}
    currencies |= {r["code"] for r in _gazetteer(root, "currencies")}
    doc_words = [(r["text"], r["code"]) for r in _gazetteer(root, "doc_types")
                 if r["code"] != "exclude"]
    # measure cues only: the gazetteer's markers and domestic words ("reached": level,
    # "budget": domestic) are no measure a row can take
    measure_words = [(r["text"], r["code"]) for r in _gazetteer(root, "trade_measures")
                     if r["code"] in MEASURES]
    return Vocabulary(
        countries=frozenset(countries), currencies=frozenset(currencies),
        doc_types=tuple(sorted({code for _, code in doc_words})),
        measures=tuple(sorted({code for _, code in measure_words} | {"other"})),
        titles=tuple((r["text"], r["code"]) for r in _gazetteer(root, "titles")),
        places=tuple(places), doc_words=tuple(doc_words), measure_words=tuple(measure_words))


# ---------------------------------------------------------------- validation

def _text(field: str, value: Any, required: bool = False) -> str:
    text = " ".join(str(value if value is not None else "").split())
    if required and not text:
        raise FieldError(field, Errors.R006.format(field=field))
    if len(text) > MAX_CHARS:
        raise FieldError(field, Errors.R007.format(field=field, n=len(text), limit=MAX_CHARS))
    return text


def _codes(field: str, value: Any, vocab: Vocabulary, single: bool = False) -> str:
    raw = _text(field, value)
    codes = [c.upper() for c in _CODE_SPLIT.split(raw) if c]
    bad = [c for c in codes if c not in vocab.countries]
    if bad or (single and len(codes) > 1):
        raise FieldError(field, Errors.R001.format(field=field, value=raw))
    return codes[0] if single and codes else join_codes(codes)


def iso_bounds(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO date at any precision, or of a START/END range; None
    when `value` is not one."""
    parts = value.split("/")
    if len(parts) > 2:
        return None
    bounds = []
    for part in parts:
        m = _ISO_POINT.fullmatch(part)
        if not m:
            return None
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            first = date(year, month or 1, day or 1)
            if day:
                last = first
            elif month:
                last = date(year, month, calendar.monthrange(year, month)[1])
            else:
                last = date(year, 12, 31)
        except ValueError:
            return None
        bounds.append((first, last))
    if bounds[0][0] > bounds[-1][1]:
        return None
    return bounds[0][0], bounds[-1][1]


def _iso(field: str, value: Any, required: bool = False) -> str:
    raw = _text(field, value, required)
    if raw and iso_bounds(raw) is None:
        raise FieldError(field, Errors.R002.format(field=field, value=raw))
    return raw


def granularity(value: str) -> str:
    """day | month | year | range, from an ISO value (as the dates table writes it)."""
    if "/" in value:
        return "range"
    return {10: "day", 7: "month"}.get(len(value), "year")


def parse_amount(field: str, value: Any) -> float | None:
    """A non-negative number from a form or a spreadsheet cell ('1,000,000', '2.5e9');
    None for an empty cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        raise FieldError(field, Errors.R003.format(field=field, value=str(value)))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        raw = str(value).strip().replace(",", "").replace("_", "").replace(" ", "")
        if not raw:
            return None
        try:
            number = float(raw)
        except ValueError:
            raise FieldError(field, Errors.R003.format(field=field, value=str(value))) from None
    if not math.isfinite(number) or number < 0:
        raise FieldError(field, Errors.R003.format(field=field, value=str(value)))
    return number


def _choice(field: str, value: Any, choices: tuple[str, ...]) -> str:
    raw = _text(field, value).lower().replace(" ", "_")
    if raw not in choices:
        raise FieldError(field, Errors.R005.format(field=field, value=str(value),
                                                   choices=", ".join(choices)))
    return raw


def _currency(field: str, value: Any, vocab: Vocabulary) -> str:
    raw = _text(field, value).upper()
    if raw and raw not in vocab.currencies:
        raise FieldError(field, Errors.R004.format(field=field, value=str(value)))
    return raw


def validate(table: str, fields: Mapping[str, Any], vocab: Vocabulary) -> dict[str, Any]:
    """The editable fields of a `table` row, checked and written the way the table writes
    them. Fields not given keep no value; a field that is not editable is an error."""
    editable = EDITABLE[table]
    for name in fields:
        if name not in editable:
            raise FieldError(name, Errors.R008.format(field=name, value=fields[name],
                                                      table=table, fields=", ".join(editable)))
    get = fields.get
    if table == "leaders":
        return {"name": _text("name", get("name"), required=True),
                "title": _text("title", get("title")),
                "country": _codes("country", get("country"), vocab, single=True)}
    if table == "dates":
        return {"value": _iso("value", get("value"), required=True)}
    if table == "documents":
        return {"doc_type": _choice("doc_type", get("doc_type"), vocab.doc_types),
                "title": _text("title", get("title")),
                "countries": _codes("countries", get("countries"), vocab),
                "signed_date": _iso("signed_date", get("signed_date")),
                "status": _choice("status", get("status") or "signed", DOCUMENT_STATUSES)}
    return {"amount": parse_amount("amount", get("amount")),
            "currency": _currency("currency", get("currency"), vocab),
            "period": _iso("period", get("period")),
            "measure": _choice("measure", get("measure") or "other", vocab.measures),
            "countries": _codes("countries", get("countries"), vocab)}


# ---------------------------------------------------------------- rows

def editable_values(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields of a row, in a canonical form (comparable across sources)."""
    out = {}
    for name in EDITABLE[table]:
        value = row.get(name)
        if name == "amount":
            try:
                value = None if value in (None, "") else float(value)
            except (TypeError, ValueError):
                value = None
            if value is not None and math.isnan(value):
                value = None
        else:
            value = "" if value is None else str(value)
        out[name] = value
    return out


def fingerprint(table: str, row: Mapping[str, Any]) -> str:
    """A hash of a row's editable fields: equal when a reviewer would see the same values."""
    data = json.dumps(editable_values(table, row), sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]


def apply_edit(table: str, row: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """`row` with checked `values` in place (and what follows from them recomputed)."""
    out = dict(row)
    out.update(values)
    if table == "dates" and "value" in values:
        out["granularity"] = granularity(values["value"])
    return out


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding characters [start, end) of `text`."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, max(end, left))
    right = m.start() if m else len(text)
    return text[left:right].strip()


def added_row(table: str, article_id: str, text: str, start: int, end: int,
              values: Mapping[str, Any], extra: Mapping[str, Any] | None = None
              ) -> dict[str, Any]:
    """A complete row of `table` for the span [start, end) a reviewer selected, with the
    columns of an extracted row (rule `review:added`, confidence 1.0) and its row_id."""
    cls = ROW_TYPES[table]
    span = text[start:end]
    base: dict[str, Any] = {"start": start, "end": end, "sentence": sentence_at(text, start, end),
                            "rule": ADDED_RULE, "confidence": 1.0}
    if table == "leaders":
        base.update(name=span, title="", country="")
    elif table == "dates":
        base.update(text=span, value="", granularity="", anchor="absolute")
    elif table == "documents":
        base.update(doc_type="other")
    else:
        base.update(text=span, amount=None, currency="")
    row = cls(**base).to_row()
    row.update(extra or {})
    row = apply_edit(table, row, values)
    row["article_id"] = article_id
    row["row_id"] = row_id(article_id, table, start, end,
                           span if cls.KEY == "text" else row[cls.KEY])
    return row


# ---------------------------------------------------------------- prefill

@lru_cache(maxsize=16)
def _finder(forms: tuple[tuple[str, str], ...], ignore_case: bool) -> re.Pattern[str] | None:
    words = sorted({f for f, _ in forms}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                      re.IGNORECASE if ignore_case else 0)


def _nearest(sentence: str, at: int, forms: tuple[tuple[str, str], ...],
             ignore_case: bool = False) -> str:
    """The code of the surface form in `sentence` nearest to position `at`, or ''."""
    pattern = _finder(forms, ignore_case)
    if pattern is None:
        return ""
    codes = {(f.lower() if ignore_case else f): c for f, c in reversed(forms)}
    best = None
    for m in pattern.finditer(sentence):
        distance = min(abs(m.start() - at), abs(m.end() - at))
        if best is None or distance < best[0]:
            best = (distance, m.group(0))
    if best is None:
        return ""
    return codes.get(best[1].lower() if ignore_case else best[1], "")


def _all_codes(sentence: str, forms: tuple[tuple[str, str], ...]) -> str:
    pattern = _finder(forms, False)
    codes = {f: c for f, c in forms}
    return join_codes(codes.get(m.group(0), "") for m in pattern.finditer(sentence)) \
        if pattern else ""


def prefill(table: str, text: str, start: int, end: int, published: str,
            vocab: Vocabulary) -> dict[str, Any]:
    """Editable fields for a span a reviewer selected, guessed from the span and its sentence
    with the rule set's gazetteers and the project's normalizers (empty where no guess)."""
    span = text[start:end]
    sentence = sentence_at(text, start, end)
    where = sentence.find(span)
    at = where if where >= 0 else 0
    if table == "leaders":
        return {"name": " ".join(span.split()),
                "title": _nearest(sentence, at, vocab.titles, ignore_case=True),
                "country": _nearest(sentence, at, vocab.places)}
    if table == "dates":
        from pipeline.normalizers.dates import normalize

        found = normalize(span, published or None)
        return {"value": found.value if found else ""}
    # countries of the sentence around the span ("U.S. dollars" names a currency)
    countries = _all_codes(sentence.replace(span, " " * len(span)) if span else sentence,
                           vocab.places)
    if table == "documents":
        return {"doc_type": _nearest(span, 0, vocab.doc_words, ignore_case=True)
                or _nearest(sentence, at, vocab.doc_words, ignore_case=True) or "other",
                "title": "", "countries": countries, "signed_date": "", "status": "signed"}
    from pipeline.normalizers.money import parse_money

    money = parse_money(span)
    return {"amount": money.amount if money else None,
            "currency": money.currency if money else "",
            "period": "",
            "measure": _nearest(sentence, at, vocab.measure_words, ignore_case=True) or "other",
            "countries": countries}


def added_extras(table: str, text: str, start: int, end: int) -> dict[str, Any]:
    """Non-editable columns of an added row that follow from its span (trade: approximate)."""
    if table != "trade":
        return {}
    from pipeline.normalizers.money import parse_money

    money = parse_money(text[start:end])
    return {"approximate": bool(money and money.approximate)}
