"""Shared records: the input `Article` and one row type per output table.

Every extracted row carries the same evidence fields (`article_id`, `start`, `end`,
`sentence`, `rule`, `confidence`); they are declared once, on `Row`.

Every extracted row also has a stable `row_id` (see `row_id`): the same article, table,
evidence offsets and key field give the same id in every run, so review decisions survive
re-extraction.

What each column means and which values it may take is declared here too, once, in each
class's `SCHEMA` (a `Column` per column): `pipeline/datapackage.py` turns it into the Table
Schema of `datapackage.json` and into `docs/tables.md`.
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

# The values of the enumerated columns; the extractors take their constants from here.
ARTICLE_STATUSES = (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED)
PUBLISHED_SOURCES = ("metadata", "text", "inferred")
GRANULARITIES = ("day", "month", "year", "range")
ANCHORS = ("absolute", "relative", "inferred")
DOCUMENT_STATUSES = ("signed", "in_force", "planned")
MEASURES = ("trade", "exports", "imports", "deficit", "surplus", "investment", "aid", "tariff",
            "other")

# Patterns of the coded columns (Table Schema / XML Schema regexes: the whole cell must match).
_PARTIAL_DATE = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
PARTIAL_DATE_PATTERN = _PARTIAL_DATE
DATE_VALUE_PATTERN = rf"{_PARTIAL_DATE}(/{_PARTIAL_DATE})?"
_CODE = r"[A-Z][A-Z0-9]{1,9}"  # ISO 3166-1 alpha-3 ("KAZ") or an organization ("UN", "G20")
CODE_PATTERN = _CODE
CODES_PATTERN = rf"{_CODE}(;{_CODE})*"
CURRENCY_PATTERN = r"[A-Z]{3}"
SHA256_PATTERN = r"[0-9a-f]{64}"
# How docs/tables.md shows each pattern (datapackage.json holds the regex).
PATTERN_NAMES = {
    PARTIAL_DATE_PATTERN: "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`",
    DATE_VALUE_PATTERN: "`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or two of them as `START/END`",
    CODE_PATTERN: "one code: `KAZ`, `UN`",
    CODES_PATTERN: "codes joined by `;`: `KAZ;TJK`",
    CURRENCY_PATTERN: "three capital letters: `USD`",
    SHA256_PATTERN: "64 hex digits",
}


@dataclass(frozen=True)
class Column:
    """What a column holds, for people and validators: its description and constraints.

    `codes_of` names a gazetteer of the rule set (e.g. "doc_types.csv") whose `code`s are the
    allowed values, except rows whose kind starts with one of `except_kinds`; the enum is then
    read from the rule set the tables were made with.
    """

    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    codes_of: str = ""
    except_kinds: tuple[str, ...] = ()
    pattern: str = ""
    schema_type: str = ""  # Table Schema type, when not the storage type's ("date")
    minimum: float | None = None
    maximum: float | None = None
    example: str = ""


@dataclass
class Article:
    """One input record, whatever happened to it: the articles table has one row per record
    read (ok, skipped or failed), so nothing given to a run is lost."""

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
    rules: str = ""  # NAME@VERSION of the rule set that produced the rows
    origin: str = ""  # "file:line" where the record came from; not a column
    author: str = ""  # as the page's metadata gives it (HTML pages, fetched URLs)
    # with triage: (sentences, sentences that reached the model) of the text; not a column
    model_share: tuple[int, int] | None = None

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "article_id", "source", "url", "title", "published", "published_source",
        "n_chars", "sha256", "status", "error", "author", "rules",  # added later: last
    )
    TYPES: ClassVar[dict[str, str]] = {"n_chars": "int"}
    SCHEMA: ClassVar[dict[str, Column]] = {
        "article_id": Column(
            "The record's id: the `id` (or `article_id`) field of a JSONL/CSV record, else "
            "`FILE_STEM:LINE`; the file stem of a .txt or .html; a feed entry's id or link. "
            "`ID~2` when an id repeats within a run.",
            required=True, example="000_925d941a15076cfe"),
        "source": Column("The record's `source` field, or the feed's or page's site name.",
                         example="communique sample feed"),
        "url": Column("The record's `url` field, or the link of the feed entry or page."),
        "title": Column("The record's title, when it has one."),
        "published": Column(
            "Publication date (ISO 8601 day). Relative dates of the article (\"yesterday\", "
            "\"last year\") are resolved against it; `published_source` says where it is from.",
            schema_type="date", example="2021-05-20"),
        "published_source": Column(
            "Where `published` comes from: `metadata` (the record's date field), `text` (a "
            "full date in the dateline), `inferred` (a month-day or weekday in the text with "
            "the year the text implies); empty when the article has no date.",
            enum=PUBLISHED_SOURCES, example="inferred"),
        "n_chars": Column("Length of the article's text in characters.", minimum=0,
                          example="4108"),
        "sha256": Column(
            "SHA-256 of the normalized text (hex); the same text under two ids is a duplicate. "
            "Empty when no text could be read.", pattern=SHA256_PATTERN),
        "status": Column(
            "What happened to the record: `ok` (processed), `skipped` (empty, duplicate or not "
            "English; see `error`), `failed` (unreadable or processing failed; see `error`).",
            required=True, enum=ARTICLE_STATUSES, example="ok"),
        "error": Column(
            "Why the record was skipped or failed, naming the file and line; also notes on "
            "records kept (a renamed id, a removed DOCTYPE)."),
        "author": Column("The author, as an HTML page's or fetched page's metadata gives it."),
        "rules": Column(
            "The rule set whose rules produced the article's rows, as `NAME@VERSION` (the name "
            "and version `communique rules list` shows; `default` is the packaged rules). Empty "
            "for records not processed (skipped, failed) or processed before it was recorded.",
            pattern=r"[^@\s]+@[0-9a-f]{16}", example="default@3f9a1c0b2d4e5f60"),
    }

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
    SCHEMA: ClassVar[dict[str, Column]] = {
        "row_id": Column(
            "Stable id of the row: a hash of the article id, table, evidence offsets and key "
            "field, prefixed by the table's letter (`l-` leaders, `d-` dates, `o-` documents, "
            "`t-` trade). The same row gets the same id in every run.", required=True),
        "article_id": Column("The article the row comes from (`articles.article_id`).",
                             required=True, example="000_925d941a15076cfe"),
        "start": Column("Start of the evidence in the article's text (character offset).",
                        required=True, minimum=0),
        "end": Column("End of the evidence in the article's text (character offset, "
                      "exclusive).", required=True, minimum=0),
        "sentence": Column("The sentence holding the evidence, as written in the article.",
                           required=True),
        "rule": Column(
            "What produced the row: the pattern `id` of models/patterns/*.jsonl, or a named "
            "construction of the extractor (e.g. `list:sign`, `place_title_name`).",
            required=True),
        "confidence": Column("How sure the extractor is of the row, from 0 to 1.",
                             required=True, minimum=0, maximum=1, example="0.9"),
    }

    @classmethod
    @functools.cache  # called for every row written; the answer is fixed per class
    def columns(cls) -> tuple[str, ...]:
        own = [f.name for f in dataclasses.fields(cls)
               if f.name not in EVIDENCE_FIELDS and f.name not in ("article_id", "row_id")]
        return ("row_id", "article_id", *own, *EVIDENCE_FIELDS)

    @classmethod
    def column_specs(cls) -> dict[str, Column]:
        """Column -> its `Column` declaration, in column order."""
        declared = {**Row.SCHEMA, **cls.SCHEMA}
        missing = [c for c in cls.columns() if c not in declared]
        if missing:
            raise TypeError(f"{cls.__name__}.SCHEMA declares no Column for {missing}")
        return {c: declared[c] for c in cls.columns()}

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
    """A person holding an office (head of state or government, minister, head of an
    organization) named in an article: one row per person per article."""

    name: str
    title: str
    country: str = ""
    mentions: int = 1

    TABLE: ClassVar[str] = "leaders"
    TYPES: ClassVar[dict[str, str]] = {"mentions": "int"}
    KEY: ClassVar[str] = "name"
    SCHEMA: ClassVar[dict[str, Column]] = {
        "name": Column("The person's full name, as written in the article (longest form).",
                       required=True, example="Kassym-Jomart Tokayev"),
        "title": Column(
            "The office, normalized (the `code` of models/gazetteers/titles.csv); empty when "
            "the article names the person only with a generic word and a state (\"his "
            "Turkmen counterpart Rashid Meredov\").", example="President"),
        "country": Column(
            "The state (ISO 3166-1 alpha-3) or organization (acronym, e.g. `UN`, `EU`) the "
            "office belongs to. The default pipeline leaves out people whose state it cannot "
            "find (the `communique_leaders` setting `stateless` keeps them, with this field "
            "empty).",
            pattern=CODE_PATTERN, example="KAZ"),
        "mentions": Column("How many times the article mentions the person.", minimum=1,
                           example="5"),
    }


@dataclass(kw_only=True)
class DateRow(Row):
    """A date expression of an article, normalized to ISO 8601 against the article's
    publication date: one row per occurrence."""

    text: str
    value: str
    granularity: str  # day | month | year | range
    anchor: str  # absolute | relative | inferred

    TABLE: ClassVar[str] = "dates"
    KEY: ClassVar[str] = "text"
    SCHEMA: ClassVar[dict[str, Column]] = {
        "text": Column("The date expression as written.", required=True,
                       example="Thursday May 20"),
        "value": Column(
            "ISO 8601 at the precision the text gives: `2021`, `2021-05`, `2021-05-20`; a "
            "period is `START/END` (\"2021-2023\" is `2021/2023`, \"the first quarter of "
            "1987\" `1987-01/1987-03`).", required=True, pattern=DATE_VALUE_PATTERN,
            example="2021-05-20"),
        "granularity": Column("Precision of `value`: `day`, `month`, `year`, or `range` "
                              "(START/END).", required=True, enum=GRANULARITIES, example="day"),
        "anchor": Column(
            "How `value` was found: `absolute` (the text gives it whole), `relative` "
            "(resolved against the publication date: \"yesterday\", \"last year\"), "
            "`inferred` (resolved against an inferred publication date, or its year was "
            "inferred).", required=True, enum=ANCHORS, example="absolute"),
    }


@dataclass(kw_only=True)
class DocumentRow(Row):
    """A formal document (agreement, memorandum, treaty, joint statement ...) reported as
    signed, in force or planned: one row per document."""

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
    SCHEMA: ClassVar[dict[str, Column]] = {
        "doc_type": Column(
            "Kind of document (the `code` of models/gazetteers/doc_types.csv); `other` for "
            "documents named only generically.", required=True, codes_of="doc_types.csv",
            except_kinds=("exclude",), example="agreement"),
        "title": Column("What the document is about or its name, as written.",
                        example="cooperation in combating tuberculosis"),
        "parties": Column("The signatories as written, `; `-separated.",
                          example="Health Ministry of Tajikistan; Health Ministry of Kazakhstan"),
        "countries": Column(
            "States (ISO 3166-1 alpha-3) and organizations (acronyms) party to the document, "
            "sorted, `;`-separated.", pattern=CODES_PATTERN, example="KAZ;TJK"),
        "signed_date": Column(
            "When it was signed (or, for `planned`, is to be signed): ISO 8601 at the precision "
            "the text gives.", pattern=PARTIAL_DATE_PATTERN, example="2021-05-20"),
        "valid_from": Column("Start of the period the document covers, when the text gives "
                             "one (ISO 8601 at its precision).", pattern=PARTIAL_DATE_PATTERN,
                             example="2021"),
        "valid_to": Column("End of the period the document covers (ISO 8601 at its "
                           "precision).", pattern=PARTIAL_DATE_PATTERN, example="2025"),
        "status": Column(
            "`signed` (reported as signed, adopted, exchanged), `in_force` (reported as in "
            "force or taking effect), `planned` (to be signed, with a stated time).",
            required=True, enum=DOCUMENT_STATUSES, example="signed"),
    }


@dataclass(kw_only=True)
class TradeRow(Row):
    """A money amount between states (trade, exports, imports, investment, aid ...) with its
    currency, period and countries: one row per amount."""

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
    SCHEMA: ClassVar[dict[str, Column]] = {
        "text": Column("The amount as written.", required=True,
                       example="about 1 billion U.S. dollars"),
        "amount": Column("The amount in base units of `currency` (the lower bound of a range "
                         "such as \"$2-3 billion\").", required=True, minimum=0,
                         example="1000000000"),
        "currency": Column("ISO 4217 code (historical codes included, e.g. `DEM`).",
                           required=True, pattern=CURRENCY_PATTERN, example="USD"),
        "approximate": Column(
            "Whether the text hedges the amount (\"about\", \"over\", \"nearly\": the "
            "`hedge` words of models/gazetteers/money_words.csv).", required=True,
            example="true"),
        "period": Column(
            "The period the amount refers to: the `value` of the nearest date of its sentence "
            "(ISO 8601 at its precision, or START/END).", pattern=DATE_VALUE_PATTERN,
            example="2020"),
        "countries": Column(
            "The economies the amount is between (ISO 3166-1 alpha-3, or organization "
            "acronyms), sorted, `;`-separated.", pattern=CODES_PATTERN, example="KAZ;TJK"),
        "measure": Column(
            "What the amount measures, from the cue word next to it "
            "(models/gazetteers/trade_measures.csv): `trade` (turnover), `exports`, `imports`, "
            "`deficit`, `surplus`, `investment`, `aid`, `tariff`, `other`.",
            required=True, enum=MEASURES, example="trade"),
    }


ROW_TYPES: dict[str, type[Row]] = {
    cls.TABLE: cls for cls in (LeaderRow, DateRow, DocumentRow, TradeRow)
}
TABLES: tuple[str, ...] = ("articles", *ROW_TYPES)


def table_columns(table: str) -> tuple[str, ...]:
    return Article.COLUMNS if table == "articles" else ROW_TYPES[table].columns()


def table_specs(table: str) -> dict[str, Column]:
    """Column -> its `Column` declaration, in column order."""
    if table == "articles":
        return {c: Article.SCHEMA[c] for c in Article.COLUMNS}
    return ROW_TYPES[table].column_specs()


def table_types(table: str) -> dict[str, str]:
    if table == "articles":
        types = {c: "str" for c in Article.COLUMNS}
        types.update(Article.TYPES)
        return types
    return ROW_TYPES[table].column_types()


ROW_ID_PREFIX = {"leaders": "l", "dates": "d", "documents": "o", "trade": "t"}
ROW_ID_REPEAT = "(~[0-9]+)?"  # rows_of numbers rows sharing offsets and key: ID~2, ID~3


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
    "table_columns", "table_types", "table_specs", "join_codes", "row_id", "Column",
    "ARTICLE_STATUSES", "PUBLISHED_SOURCES", "GRANULARITIES", "ANCHORS", "DOCUMENT_STATUSES",
    "MEASURES",
]
