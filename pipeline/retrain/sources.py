"""What `communique retrain` learns from: reviewed articles, read from three kinds of source.

- an output folder of `communique extract` whose rows were reviewed (`communique review`):
  the decisions of `.communique/review.sqlite`, the rows and the article texts of its state;
- reviewed tables written by `communique review --export DIR` (the folder, or one of its
  `<table>.csv` files): the `review` column says which rows were accepted, edited or added
  (rejected rows are left out of them; they and the article marks come from the
  `decisions.csv` beside them); the texts come from `--articles`;
- a gold file (`*.gold.jsonl`, see `communique evaluate`): annotated gold is reviewed data
  too, every table of every article; the texts come from `--articles`.

Each gives `Reviewed` articles: the article, the tables its review covers, and per covered
table the true items in the gold format of `pipeline.evaluate` (plus `_ref`, the decision
they come from, and `_start`/`_end`, the offsets of the text, when known). Which tables a
review covers: every table of an article whose extracted rows were all decided (the review
app's "reviewed article"); otherwise each table whose rows were all decided, with at least one
decision; and each table a reviewer marked "reviewed: nothing to add" that has no undecided
row, even with no row at all (its empty item list is then true: every row the rules give
there is wrong). A table the review did not cover is not scored, nor learned from.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.evaluate import SCORED_TABLES, GoldArticle, load_gold
from pipeline.records import STATUS_OK, Article, table_types
from pipeline.writers import read_cell

Item = dict[str, Any]
REVIEW_TABLES = SCORED_TABLES
POSITIVE = ("accepted", "edited", "added")


@dataclass
class Reviewed:
    """One reviewed article: its record (with text), the tables its review covers, the true
    items of each covered table and the rows reviewers rejected."""

    article: Article
    tables: tuple[str, ...]
    items: dict[str, list[Item]]
    rejected: dict[str, list[Item]] = field(default_factory=dict)  # table -> extracted rows
    refs: dict[str, str] = field(default_factory=dict)  # row_id -> the decision's reference
    source: str = ""

    @property
    def article_id(self) -> str:
        return self.article.article_id

    def gold(self) -> GoldArticle:
        """The review as a gold article (tables it does not cover: not scored)."""
        items = {t: list(self.items.get(t, [])) for t in SCORED_TABLES}
        return GoldArticle(self.article_id, self.article.published, items, self.source,
                           tables=self.tables)


# ---------------------------------------------------------------- rows -> gold items

def _codes(value: Any) -> list[str]:
    parts = value.split(";") if isinstance(value, str) else list(value or [])
    return [p.strip().upper() for p in parts if p and str(p).strip()]


def item_of(table: str, row: Mapping[str, Any], ref: str) -> Item | None:
    """A decided row as a gold item of `table` (None when the row lacks a field the scoring
    needs: a trade row without amount, a date without value)."""
    get = row.get
    if table == "leaders":
        if not str(get("name") or "").strip():
            return None
        item: Item = {"name": str(get("name")), "title": str(get("title") or ""),
                      "country": str(get("country") or "")}
    elif table == "dates":
        if not str(get("value") or "").strip():
            return None
        item = {"text": str(get("text") or ""), "value": str(get("value"))}
    elif table == "documents":
        if not str(get("doc_type") or "").strip():
            return None
        item = {"type": str(get("doc_type")), "title": str(get("title") or ""),
                "countries": _codes(get("countries")), "signed": str(get("signed_date") or ""),
                "status": str(get("status") or "")}
    else:
        amount = get("amount")
        try:
            amount = float(amount)
        except (TypeError, ValueError):
            return None
        if amount != amount or not str(get("currency") or "").strip():  # NaN, no currency
            return None
        item = {"text": str(get("text") or ""), "amount": amount,
                "currency": str(get("currency")).upper(), "period": str(get("period") or ""),
                "countries": _codes(get("countries")), "measure": str(get("measure") or "")}
    item["_ref"] = ref
    if isinstance(get("start"), (int, float)) and isinstance(get("end"), (int, float)):
        item["_start"], item["_end"] = int(get("start")), int(get("end"))
    if get("rule"):
        item["_rule"] = str(get("rule"))
    return item


def covered_tables(rows: Mapping[str, int], decided: Mapping[str, int],
                   tables: Sequence[str] = REVIEW_TABLES,
                   marked: Collection[str] = ()) -> tuple[str, ...]:
    """The tables a review covers, from per-table counts of an article's extracted rows and of
    its decided rows (added rows count as decided, not as extracted) and the tables marked
    "reviewed: nothing to add"."""
    undecided = {t: rows.get(t, 0) - decided.get(t, 0) for t in tables}
    if sum(decided.values()) and not any(n > 0 for n in undecided.values()):
        return tuple(tables)
    return tuple(t for t in tables
                 if (decided.get(t, 0) or t in marked) and undecided[t] <= 0)


# ---------------------------------------------------------------- review folders

def is_review_folder(path: Path) -> bool:
    from pipeline.review.decisions import review_path
    from pipeline.state import STATE_DIR

    return path.is_dir() and (path / STATE_DIR).is_dir() and review_path(path).is_file()


def read_review_folder(path: Path) -> list[Reviewed]:
    """The reviewed articles of an output folder (decisions of `communique review`)."""
    from pipeline.review.decisions import load_decisions, load_marks
    from pipeline.review.index import open_state, read_text

    by_article: dict[str, list[Any]] = defaultdict(list)
    for d in load_decisions(path):
        by_article[d.article_id].append(d)
    marked: dict[str, set[str]] = defaultdict(set)
    for m in load_marks(path):
        if m.complete:
            marked[m.article_id].add(m.table)
            by_article.setdefault(m.article_id, [])  # an article may have marks only
    if not by_article:
        raise UsageError(Errors.T003.format(path=path))
    db = open_state(path)
    try:
        records = {}
        for (record,) in db.execute("SELECT record FROM articles"):
            data = json.loads(record)
            if data.get("article_id") in by_article:
                records[data["article_id"]] = data
        extracted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        marks = ",".join("?" * len(by_article))
        for article_id, tbl, data in db.execute(
                f"SELECT article_id, tbl, data FROM rows WHERE article_id IN ({marks})",
                list(by_article)):
            extracted[article_id][tbl].add(json.loads(data)["row_id"])
        out = []
        label = f"review:{path}"
        for article_id, found in by_article.items():
            record = records.get(article_id)
            text = read_text(db, article_id)
            if record is None or text is None or record.get("status") != STATUS_OK:
                continue
            rows = {t: len(ids) for t, ids in extracted[article_id].items()}
            decided_ids = {t: {d.row_id for d in found if d.table == t and not d.added}
                           for t in REVIEW_TABLES}
            decided = {t: len(decided_ids[t] & extracted[article_id].get(t, set()))
                       + sum(1 for d in found if d.table == t and d.added) for t in REVIEW_TABLES}
            # a decided row the extraction no longer gives still counts as decided
            rows = {t: rows.get(t, 0) for t in REVIEW_TABLES}
            tables = covered_tables(rows, decided, marked=marked.get(article_id, ()))
            if not tables:
                continue
            article = _article(record, text)
            reviewed = Reviewed(article, tables, {t: [] for t in tables}, source=label)
            for d in found:
                ref = f"{label}:{d.row_id}"
                reviewed.refs[d.row_id] = ref
                if d.table not in tables:
                    continue
                if d.action in POSITIVE and d.after is not None:
                    item = item_of(d.table, d.after, ref)
                    if item is not None:
                        reviewed.items[d.table].append(item)
                elif d.action == "rejected" and d.before is not None:
                    reviewed.rejected.setdefault(d.table, []).append({**d.before, "_ref": ref})
            out.append(reviewed)
        return out
    finally:
        db.close()


def _article(record: Mapping[str, Any], text: str) -> Article:
    fields = {k: record.get(k) or "" for k in ("article_id", "source", "url", "title",
                                                "published", "published_source")}
    return Article(text=text, **fields)


# ---------------------------------------------------------------- exported CSVs

def export_files(path: Path) -> list[tuple[str, Path]]:
    """(table, file) of the reviewed tables at `path` (a folder of `review --export` or one
    of its files); [] when `path` is not that."""
    if path.is_dir():
        files = [(t, path / f"{t}.csv") for t in REVIEW_TABLES if (path / f"{t}.csv").is_file()]
    elif path.suffix == ".csv" and path.stem in REVIEW_TABLES:
        files = [(path.stem, path)]
    else:
        return []
    for _, file in files:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), [])
        if "review" not in header or "article_id" not in header:
            return []
    return files


def read_export(path: Path, texts: Mapping[str, Article]) -> list[Reviewed]:
    """The reviewed articles of exported tables; rejected rows come from `decisions.csv`
    beside them when it is there."""
    files = export_files(path)
    types = {t: table_types(t) for t in REVIEW_TABLES}
    rows: dict[str, dict[str, list[tuple[Item, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for table, file in files:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for record in reader:
                row = {k: read_cell(v or "", types[table].get(k, "str"))
                       for k, v in record.items() if k}
                review = str(row.get("review") or "unreviewed").strip().lower()
                rows[str(row.get("article_id"))][table].append(
                    (row, review, f"export:{file}:{reader.line_num}"))
    rejected: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    marked: dict[str, set[str]] = defaultdict(set)
    decisions = (path if path.is_dir() else path.parent) / "decisions.csv"
    if decisions.is_file():
        with open(decisions, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for record in reader:
                if record.get("action") == "complete" and not record.get("row_id"):
                    marked[record.get("article_id", "")].add(record.get("table", ""))
                    rows.setdefault(record.get("article_id", ""), defaultdict(list))
                    continue
                if record.get("action") != "rejected" or not record.get("before"):
                    continue
                try:
                    before = json.loads(record["before"])
                except json.JSONDecodeError as exc:
                    raise UsageError(Errors.T006.format(path=decisions, line=reader.line_num,
                                                        reason=exc)) from None
                rejected[record.get("article_id", "")][record.get("table", "")].append(
                    {**before, "_ref": f"export:{decisions}:{reader.line_num}"})
    given = tuple(t for t, _ in files)
    out, missing = [], []
    for article_id, by_table in rows.items():
        counts = {t: len(by_table.get(t, [])) for t in given}
        decided = {t: sum(1 for _, review, _ in by_table.get(t, []) if review in POSITIVE)
                   for t in given}
        decided = {t: n + len(rejected[article_id].get(t, [])) for t, n in decided.items()}
        counts = {t: n + len(rejected[article_id].get(t, [])) for t, n in counts.items()}
        tables = covered_tables(counts, decided, given, marked.get(article_id, ()))
        if not tables:
            continue
        if article_id not in texts:
            missing.append(article_id)
            continue
        reviewed = Reviewed(texts[article_id], tables, {t: [] for t in tables},
                            source=f"export:{path}")
        for table in tables:
            for row, review, ref in by_table.get(table, []):
                if review in POSITIVE and (item := item_of(table, row, ref)) is not None:
                    reviewed.items[table].append(item)
                if row.get("row_id"):
                    reviewed.refs[str(row["row_id"])] = ref
            reviewed.rejected[table] = list(rejected[article_id].get(table, []))
            for row in reviewed.rejected[table]:
                reviewed.refs[str(row.get("row_id"))] = row["_ref"]
        out.append(reviewed)
    if missing:
        raise UsageError(Errors.T002.format(path=path, n=len(missing),
                                            ids=", ".join(map(repr, missing[:5]))))
    return out


# ---------------------------------------------------------------- gold files

def read_gold_source(path: Path, texts: Mapping[str, Article]) -> list[Reviewed]:
    """Every article of a gold file, with the tables its line annotates (all four unless it
    says `"tables"`: a documents-only draw reviews no leader, date or amount)."""
    gold = load_gold([path])
    missing = [a for a in gold if a not in texts]
    if missing:
        raise UsageError(Errors.T002.format(path=path, n=len(missing),
                                            ids=", ".join(map(repr, missing[:5]))))
    out = []
    for article_id, g in gold.items():
        article = texts[article_id]
        if not article.published and g.dct:
            article.published, article.published_source = g.dct, "metadata"
        items: dict[str, list[Item]] = {}
        for table in g.tables:
            items[table] = []
            for n, entry in enumerate(g.items[table]):
                item = dict(entry)
                item["_ref"] = f"gold:{g.origin}#{table}[{n}]"
                if table == "documents":
                    item["countries"] = _codes(item.get("countries"))
                items[table].append(item)
        out.append(Reviewed(article, g.tables, items, source=f"gold:{path}"))
    return out


# ---------------------------------------------------------------- all sources

def read_articles(inputs: Sequence[str], input_format: str | None = None) -> dict[str, Article]:
    """The records of `--articles` inputs, by id (first occurrence wins; ok ones only)."""
    from pipeline.ingest import read_inputs

    out: dict[str, Article] = {}
    if inputs:
        for article in read_inputs(inputs, input_format):
            if article.status == STATUS_OK and article.article_id not in out:
                out[article.article_id] = article
    return out


def describe_source(path: Path) -> str:
    """review | export | gold, or raise the message naming what a source may be."""
    if is_review_folder(path):
        return "review"
    if export_files(path):
        return "export"
    if path.is_file() and path.name.endswith(".jsonl"):
        return "gold"
    raise UsageError(Errors.T001.format(path=path))


def read_sources(paths: Iterable[Path | str], articles: Sequence[str] = (),
                 input_format: str | None = None) -> tuple[list[Reviewed], list[dict[str, Any]]]:
    """Every reviewed article of the sources (first source wins for an article id) and one
    summary per source (path, kind, articles, items)."""
    texts: dict[str, Article] | None = None
    found: dict[str, Reviewed] = {}
    summaries = []
    for path in (Path(p).resolve() for p in paths):
        kind = describe_source(path)
        if kind == "review":
            reviewed = read_review_folder(path)
        else:
            if texts is None:
                texts = read_articles(articles, input_format)
            reviewed = read_export(path, texts) if kind == "export" else \
                read_gold_source(path, texts)
        added = [r for r in reviewed if r.article_id not in found]
        for r in added:
            found[r.article_id] = r
        summaries.append({"path": str(path), "kind": kind, "articles": len(added),
                          "items": sum(len(v) for r in added for v in r.items.values()),
                          "rejected": sum(len(v) for r in added for v in r.rejected.values())})
    if not found:
        raise UsageError(Errors.T004)
    return list(found.values()), summaries


def iter_items(reviewed: Iterable[Reviewed], table: str) -> Iterator[tuple[Reviewed, Item]]:
    for r in reviewed:
        for item in r.items.get(table, []):
            yield r, item
