"""Gazetteers: the `text,code,kind[,case]` CSV files of a rule set, and the spans they give.

Each gazetteer row becomes a phrase pattern whose label is the file stem upper-cased
(COUNTRIES, DEMONYMS, TITLES, CURRENCIES, ...) and whose span id carries `code|kind`, so an
extractor can tell an official name from a demonym. That encoding is written and read here
only: `pattern_id` builds it, `span_code`/`span_kind` read it back.

A `<stem>_kinds.csv` file in the same folder is no gazetteer: it describes the kinds of
`<stem>.csv` (title_kinds.csv: what each kind of titles.csv means to the leaders extractor)
and gives no phrases. Nor do the tables of TABLES (absent_offices.csv: words no office of a
state holds), which the extractors read as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from pipeline.errors import DataError, Errors

GAZETTEER_COLUMNS = ("text", "code", "kind")
GAZETTEER_KEYS = ("gazetteer", "gazetteer_lower")  # the span groups of the gazetteer rulers
KINDS_SUFFIX = "_kinds"  # "<stem>_kinds.csv": the kinds of "<stem>.csv", not phrases
TABLES = ("absent_offices",)  # stems of the gazetteers folder's tables that give no phrases


def gazetteer_files(models_dir: Path) -> list[Path]:
    """The phrase gazetteers of a rule set (models/gazetteers/*.csv but the kind tables and
    TABLES)."""
    return [p for p in sorted((models_dir / "gazetteers").glob("*.csv"))
            if not p.stem.endswith(KINDS_SUFFIX) and p.stem not in TABLES]


def pattern_id(code: str, kind: str) -> str:
    """The span id of a gazetteer row's phrase pattern."""
    return f"{code}|{kind}"


def span_code(span: Span) -> str:
    """The code a gazetteer span carries in its id (`code|kind`)."""
    return span.id_.partition("|")[0]


def span_codes(span: Span) -> list[str]:
    """The codes a span's id carries, ';'-separated ("DEU;FRA;RUS;UKR": a group's members, a
    well-known document's parties)."""
    return [c for c in span_code(span).split(";") if c]


def span_kind(span: Span) -> str:
    """The kind a gazetteer span carries in its id (`code|kind`); "" for other spans."""
    return span.id_.partition("|")[2]


def gazetteer_spans_of(doc: Doc, labels: frozenset[str] | set[str] | tuple[str, ...]) -> list[Span]:
    """Every span of the gazetteer rulers (both case modes) with one of `labels`."""
    return [s for key in GAZETTEER_KEYS for s in doc.spans.get(key, []) if s.label_ in labels]


def read_gazetteer(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a gazetteer CSV (`text,code,kind[,case]`), validated."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GAZETTEER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(Errors.D002.format(path=path, line=1,
                                               reason=f"missing columns {missing}"))
        for row in reader:
            if not (row.get("text") or "").strip():
                raise DataError(Errors.D002.format(path=path, line=reader.line_num,
                                                   reason="empty 'text'"))
            yield {k: (v or "").strip() for k, v in row.items() if k}


def gazetteer_patterns(models_dir: Path) -> tuple[list[dict], list[dict]]:
    """Phrase patterns from every gazetteer: (case-sensitive, lower-case) lists.

    Label = the file stem upper-cased (COUNTRIES, DEMONYMS, TITLES, CURRENCIES, ...),
    id = `code` (ISO3, ISO 4217, normalized title ...). The kind travels in the id as
    `code|kind` so extractors can tell an official name from a demonym.
    """
    exact: list[dict] = []
    lower: list[dict] = []
    for path in gazetteer_files(models_dir):
        label = path.stem.upper()
        for row in read_gazetteer(path):
            pattern = {"label": label, "pattern": row["text"],
                       "id": pattern_id(row["code"], row["kind"])}
            if row.get("case", "").lower() == "lower":
                # as written: the LOWER matcher lower-cases tokens itself, and lower-casing
                # first changes tokenization ("U.S." is one token, "u.s." is not)
                lower.append(pattern)
            else:
                exact.append(pattern)
    return exact, lower


def rule_names(models_dir: Path) -> tuple[set[str], set[str]]:
    """(gazetteer labels, pattern file stems) that the tables of a rule set can name."""
    return ({p.stem.upper() for p in gazetteer_files(models_dir)},
            {p.stem for p in (models_dir / "patterns").glob("*.jsonl")})


def read_rule_table(path: Path, columns: Sequence[str], message: str
                    ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV table of a rule set (gates.csv, triage.csv), cells stripped;
    a DataError with `message` (an Errors format of path, line, reason) when one of `columns`
    is missing."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(message.format(path=path, line=1,
                                           reason=f"missing columns {missing}"))
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}
