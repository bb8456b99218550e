"""Shared records: the input `Article` and one row type per output table.

Every extracted row carries the same evidence fields (`article_id`, `start`, `end`,
`sentence`, `rule`, `confidence`); they are declared once, on `Row`.

Every extracted row also has a stable `row_id` (see `row_id`): the same article, table,
evidence offsets and key field give the same id in every run, so review decisions survive
re-extraction.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from typing import Any, ClassVar

EVIDENCE_FIELDS = ("start", "end", "sentence", "rule", "confidence")

STATUS_OK = "ok"
STATUS_SKIPPED = "skipped"
STATUS_FAILED = "failed"


@dataclass
class Article:
    """One input record, whatever happened to it. `articles.csv` has one row per Article."""

    article_id: str
    text: str = ""
    source: str = ""
    url: str = ""
    title: str = ""
    published: str = ""  # ISO 8601 date
    published_source: str = ""  # metadata | text | inferred | ""
    n_chars: int = 0
    sha256: str = ""
    status: str = STATUS_OK
    error: str = ""
    origin: str = ""  # "file:line" where the record came from; not a column
    # with triage: (sentences, sentences that reached the model) of the text; not a column
    model_share: tuple[int, int] | None = None

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "article_id", "source", "url", "title", "published", "published_source",
        "n_chars", "sha256", "status", "error",
    )
    TYPES: ClassVar[dict[str, str]] = {"n_chars": "int"}

    def to_row(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in self.COLUMNS}


@dataclass(kw_only=True)
class Row:
    """Base of every extracted row: where it is in the article and what produced it."""

    row_id: str = ""
    article_id: str = ""
    start: int
    end: int
    sentence: str
    rule: str
    confidence: float

    TABLE: ClassVar[str] = ""
    TYPES: ClassVar[dict[str, str]] = {}
    KEY: ClassVar[str] = ""  # the field that, with the offsets, identifies the row

    @classmethod
    @functools.cache  # called for every row written; the answer is fixed per class
    def columns(cls) -> tuple[str, ...]:
        own = [f.name for f in dataclasses.fields(cls)
               if f.name not in EVIDENCE_FIELDS and f.name not in ("article_id", "row_id")]
        return ("row_id", "article_id", *own, *EVIDENCE_FIELDS)

    @classmethod
    def column_types(cls) -> dict[str, str]:
        """Column -> 'str' | 'int' | 'float' | 'bool', for typed (parquet) output."""
        types = {c: "str" for c in cls.columns()}
        types.update({"start": "int", "end": "int", "confidence": "float"})
        types.update(cls.TYPES)
        return types

    def to_row(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in self.columns()}


@dataclass(kw_only=True)
class LeaderRow(Row):
    name: str
    title: str
    country: str = ""
    mentions: int = 1

    TABLE: ClassVar[str] = "leaders"
    TYPES: ClassVar[dict[str, str]] = {"mentions": "int"}
    KEY: ClassVar[str] = "name"


@dataclass(kw_only=True)
class DateRow(Row):
    text: str
    value: str
    granularity: str  # day | month | year | range
    anchor: str  # absolute | relative | inferred

    TABLE: ClassVar[str] = "dates"
    KEY: ClassVar[str] = "text"


@dataclass(kw_only=True)
class DocumentRow(Row):
    doc_type: str
    title: str = ""
    parties: str = ""  # ";"-separated, as written
    countries: str = ""  # ISO3, sorted, ";"-separated
    signed_date: str = ""
    valid_from: str = ""
    valid_to: str = ""
    status: str = "signed"  # signed | in_force | planned

    TABLE: ClassVar[str] = "documents"
    KEY: ClassVar[str] = "doc_type"


@dataclass(kw_only=True)
class TradeRow(Row):
    text: str
    amount: float | None
    currency: str
    approximate: bool = False
    period: str = ""
    countries: str = ""
    measure: str = "other"

    TABLE: ClassVar[str] = "trade"
    TYPES: ClassVar[dict[str, str]] = {"amount": "float", "approximate": "bool"}
    KEY: ClassVar[str] = "text"


ROW_TYPES: dict[str, type[Row]] = {
    cls.TABLE: cls for cls in (LeaderRow, DateRow, DocumentRow, TradeRow)
}
TABLES: tuple[str, ...] = ("articles", *ROW_TYPES)


def table_columns(table: str) -> tuple[str, ...]:
    return Article.COLUMNS if table == "articles" else ROW_TYPES[table].columns()


def table_types(table: str) -> dict[str, str]:
    if table == "articles":
        types = {c: "str" for c in Article.COLUMNS}
        types.update(Article.TYPES)
        return types
    return ROW_TYPES[table].column_types()


ROW_ID_PREFIX = {"leaders": "l", "dates": "d", "documents": "o", "trade": "t"}


def row_id(article_id: str, table: str, start: int, end: int, key: str) -> str:
    """The stable id of a row: a hash of its article id, table, evidence offsets and key field
    (leaders: name, dates: text, documents: doc_type, trade: text; case and spacing folded),
    prefixed by the table's letter ("l-", "d-", "o-" for documents, "t-"). A row whose other
    fields change keeps its id (review shows it as changed since review)."""
    folded = " ".join(str(key).casefold().split())
    digest = hashlib.sha1(f"{article_id}\x1f{table}\x1f{start}\x1f{end}\x1f{folded}"
                          .encode("utf-8")).hexdigest()[:16]
    return f"{ROW_ID_PREFIX[table]}-{digest}"


def join_codes(codes: Any) -> str:
    """Sorted, de-duplicated, ';'-separated codes (the format of `countries` cells)."""
    return ";".join(sorted({c for c in codes if c}))


__all__ = [
    "Article", "Row", "LeaderRow", "DateRow", "DocumentRow", "TradeRow", "ROW_TYPES",
    "TABLES", "EVIDENCE_FIELDS", "STATUS_OK", "STATUS_SKIPPED", "STATUS_FAILED",
    "table_columns", "table_types", "join_codes", "row_id",
]
