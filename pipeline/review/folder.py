"""An output folder under review: its index, its texts and its decisions, as one object.

The web app and the spreadsheet export/import both go through `ReviewFolder`, so a decision
is checked and logged the same way wherever it comes from.

An article counts as reviewed when each of its rows has a decision (and it has some), or
when a reviewer marked it "reviewed: nothing to add" (`mark`), which is how an article with
no row at all gets reviewed. A mark is refused while rows of the marked tables are undecided.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from pipeline.errors import Errors, UsageError
from pipeline.records import ROW_TYPES
from pipeline.review.decisions import ArticleMark, Decision, DecisionStore
from pipeline.review.fields import (FieldError, Vocabulary, added_extras, added_row,
                                    apply_edit, editable_values, fingerprint, prefill,
                                    validate, vocabulary)
from pipeline.review.index import ROW_TABLES, Index, open_state

PER_PAGE = 50
SORTS = ("order", "confidence")
STATUSES = ("ok", "skipped", "failed")
ACTIONS_IN = {"accept": "accepted", "reject": "rejected", "edit": "edited"}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    """What the article list shows: filters on the articles' rows, a text search, a sort."""

    table: str = ""  # only articles with rows of this table (and the filters below on them)
    rule: str = ""
    conf_below: float | None = None
    # with a row without a decision; with no other row filter, also an extracted article
    # with no row (extracted or added) that is not marked complete
    unreviewed: bool = False
    changed: bool = False  # with a reviewed row whose values changed since
    status: str = ""
    q: str = ""
    sort: str = "order"  # order (input order) | confidence (lowest first)

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> tuple[Filters, list[str]]:
        """Filters from a query string; values that make no sense are dropped, with a note."""
        notes = []
        table = params.get("table", "")
        if table and table not in ROW_TABLES:
            notes.append(f"table {table!r} is not one of {', '.join(ROW_TABLES)}")
            table = ""
        conf = None
        if params.get("conf", "").strip():
            try:
                conf = float(params["conf"])
                if not 0 <= conf <= 1 or math.isnan(conf):
                    raise ValueError
            except ValueError:
                notes.append(f"confidence {params['conf']!r} is not a number from 0 to 1")
                conf = None
        status = params.get("status", "")
        if status and status not in STATUSES:
            notes.append(f"status {status!r} is not one of {', '.join(STATUSES)}")
            status = ""
        sort = params.get("sort", "order")
        if sort not in SORTS:
            sort = "order"
        return cls(table=table, rule=params.get("rule", "")[:200], conf_below=conf,
                   unreviewed=params.get("unreviewed") in ("1", "on", "true"),
                   changed=params.get("changed") in ("1", "on", "true"),
                   status=status, q=params.get("q", "")[:200].strip(), sort=sort), notes

    def query(self, **extra: Any) -> str:
        """This filter set as a query string (what links carry from page to page)."""
        data = {"table": self.table, "rule": self.rule,
                "conf": "" if self.conf_below is None else f"{self.conf_below:g}",
                "unreviewed": "1" if self.unreviewed else "", "changed": "1" if self.changed
                else "", "status": self.status, "q": self.q,
                "sort": "" if self.sort == "order" else self.sort}
        data.update({k: v for k, v in extra.items() if v is not None})
        return urlencode({k: v for k, v in data.items() if v not in ("", None)})

    @property
    def active(self) -> bool:
        return self != Filters(sort=self.sort)


class Marked:
    """`done` and `last_mark` of an article from its `complete` tables (table -> its
    "reviewed: nothing to add" mark)."""

    complete: dict[str, ArticleMark]

    @property
    def done(self) -> bool:
        """Marked "reviewed: nothing to add" for every table."""
        return all(t in self.complete for t in ROW_TABLES)

    @property
    def last_mark(self) -> ArticleMark | None:
        return max(self.complete.values(), key=lambda m: m.id, default=None)


@dataclass
class ArticleItem(Marked):
    pos: int
    article_id: str
    status: str
    title: str
    published: str
    source: str
    error: str
    counts: dict[str, int]
    min_conf: float | None
    n_rows: int
    decided: int = 0
    added: int = 0
    complete: dict[str, ArticleMark] = field(default_factory=dict)  # table -> its mark

    @property
    def total(self) -> int:
        return self.n_rows + self.added


@dataclass
class Page:
    items: list[ArticleItem]
    total: int
    page: int
    pages: int


@dataclass
class RowView:
    """One row as the article view shows it."""

    row_id: str
    table: str
    article_id: str
    row: dict[str, Any]  # the row as it stands: decided values, else as extracted
    extracted: dict[str, Any] | None  # as the current extraction gives it (None: added)
    decision: Decision | None
    changed: bool = False  # extracted values differ from those the decision saw
    history: list[Decision] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.decision.action if self.decision else "unreviewed"

    @property
    def added(self) -> bool:
        return bool(self.decision and self.decision.added)

    @property
    def base(self) -> int:
        return self.decision.id if self.decision else 0

    @property
    def fields(self) -> dict[str, Any]:
        return editable_values(self.table, self.row)

    @property
    def start(self) -> int:
        return int(self.row.get("start") or 0)

    @property
    def end(self) -> int:
        return int(self.row.get("end") or 0)

    @property
    def extracted_fields(self) -> dict[str, Any]:
        return editable_values(self.table, self.extracted) if self.extracted else {}

    @property
    def seen(self) -> dict[str, Any] | None:
        """The extracted values the reviewer decided on, when they have changed since."""
        if self.changed and self.decision and self.decision.before:
            return editable_values(self.table, self.decision.before)
        return None


@dataclass
class ArticleView(Marked):
    article: dict[str, Any]
    text: str | None
    rows: list[RowView]
    gone: list[Decision]  # reviewed rows the current extraction no longer gives
    marks: dict[str, ArticleMark] = field(default_factory=dict)  # table -> its current mark

    def by_table(self) -> dict[str, list[RowView]]:
        out: dict[str, list[RowView]] = {t: [] for t in ROW_TABLES}
        for view in self.rows:
            out[view.table].append(view)
        return out

    @property
    def decided(self) -> int:
        return sum(1 for v in self.rows if v.decision)

    @property  # type: ignore[override]
    def complete(self) -> dict[str, ArticleMark]:  # the marks that are `complete`
        return {t: m for t, m in self.marks.items() if m.complete}

    def undecided(self, tables: tuple[str, ...] = ROW_TABLES) -> dict[str, int]:
        """Rows without a decision, per table of `tables` that has some."""
        out: dict[str, int] = {}
        for v in self.rows:
            if v.decision is None and v.table in tables:
                out[v.table] = out.get(v.table, 0) + 1
        return out


class ReviewFolder:
    """The review of one output folder of `communique extract`."""

    def __init__(self, outdir: Path | str, read_only: bool = False,
                 rules: str | Path | None = None) -> None:
        self.outdir = Path(outdir)
        open_state(self.outdir).close()  # a clear message when it is no output folder
        self.read_only = read_only
        self.log = DecisionStore(self.outdir, read_only=read_only)
        self.index = Index(self.outdir)
        self.rules = str(rules) if rules else None
        self.index.ensure()
        db = self.index.connect()
        with_text, ok = db.execute(
            "SELECT SUM(has_text), SUM(status='ok') FROM articles").fetchone()
        if ok and not with_text:
            raise UsageError(Errors.R021.format(path=self.outdir))

    @property
    def vocab(self) -> Vocabulary:
        return vocabulary(self.rules)

    def db(self) -> Any:
        self.index.ensure()
        return self.index.connect()

    # ------------------------------------------------------------ the article list
    def _where(self, f: Filters) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        row_conds: list[str] = []
        if f.table:
            row_conds.append("r.tbl = ?")
            params.append(f.table)
        if f.rule:
            row_conds.append("r.rule = ?")
            params.append(f.rule)
        if f.conf_below is not None:
            row_conds.append("r.confidence < ?")
            params.append(f.conf_below)
        if f.changed:
            row_conds.append("EXISTS (SELECT 1 FROM rv.latest l WHERE l.row_id = r.row_id "
                             "AND l.fp IS NOT NULL AND l.fp <> r.fp)")
        only_unreviewed = not row_conds
        if f.unreviewed:
            row_conds.append("NOT EXISTS (SELECT 1 FROM rv.latest l WHERE l.row_id = r.row_id)")
        if row_conds:
            cond = ("EXISTS (SELECT 1 FROM rows r WHERE r.apos = a.pos AND "
                    + " AND ".join(row_conds) + ")")
            if f.unreviewed and only_unreviewed:
                cond = f"({cond} OR {self._EMPTY_UNMARKED})"
            conds.append(cond)
        if f.status:
            conds.append("a.status = ?")
            params.append(f.status)
        terms = _WORD.findall(f.q)
        if terms:
            conds.append("a.pos IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params.append(" ".join(f'"{t}"*' for t in terms))
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    # an extracted article without rows (nor added ones) not marked complete for every table
    _EMPTY_UNMARKED = (
        "(a.status = 'ok' AND a.n_rows = 0 "
        "AND NOT EXISTS (SELECT 1 FROM rv.latest l WHERE l.article_id = a.article_id) "
        f"AND (SELECT COUNT(*) FROM complete m WHERE m.article_id = a.article_id) "
        f"< {len(ROW_TABLES)})")

    @staticmethod
    def _sort_key(f: Filters) -> list[str]:
        if f.sort == "confidence":
            column = f"a.min_{f.table}" if f.table else "a.min_conf"
            return [f"({column} IS NULL)", f"COALESCE({column}, 0)", "a.pos"]
        return ["a.pos"]

    def articles(self, f: Filters, page: int = 1, per_page: int = PER_PAGE) -> Page:
        """One page of the article list under `f`, with each article's review progress."""
        db = self.db()
        where, params = self._where(f)
        total = db.execute(f"SELECT COUNT(*) FROM articles a{where}", params).fetchone()[0]
        pages = max(1, -(-total // per_page))
        page = min(max(1, page), pages)
        counts = ", ".join(f"a.n_{t}" for t in ROW_TABLES)
        rows = db.execute(
            f"SELECT a.pos, a.article_id, a.status, a.title, a.published, a.source, a.error, "
            f"a.min_conf, a.n_rows, {counts} FROM articles a{where} "
            f"ORDER BY {', '.join(self._sort_key(f))} LIMIT ? OFFSET ?",
            [*params, per_page, (page - 1) * per_page]).fetchall()
        items = [ArticleItem(pos=r[0], article_id=r[1], status=r[2] or "", title=r[3] or "",
                             published=r[4] or "", source=r[5] or "", error=r[6] or "",
                             min_conf=r[7], n_rows=r[8],
                             counts=dict(zip(ROW_TABLES, r[9:], strict=True)))
                 for r in rows]
        self._progress(items)
        return Page(items=items, total=total, page=page, pages=pages)

    def _progress(self, items: list[ArticleItem]) -> None:
        if not items:
            return
        db = self.db()
        by_pos = {i.pos: i for i in items}
        marks = ",".join("?" * len(by_pos))
        for pos, n in db.execute(
                f"SELECT r.apos, COUNT(*) FROM rows r JOIN rv.latest l ON l.row_id = r.row_id "
                f"WHERE r.apos IN ({marks}) GROUP BY r.apos", list(by_pos)):
            by_pos[pos].decided = n
        by_id = {i.article_id: i for i in items}
        marks = ",".join("?" * len(by_id))
        for article_id, n in db.execute(
                f"SELECT l.article_id, COUNT(*) FROM rv.latest l WHERE l.article_id IN ({marks}) "
                "AND l.added = 1 "
                "AND NOT EXISTS (SELECT 1 FROM rows r WHERE r.row_id = l.row_id) "
                "GROUP BY l.article_id", list(by_id)):
            by_id[article_id].added = n
            by_id[article_id].decided += n
        for mark in self.log.marks_of(list(by_id)):
            if mark.complete:
                by_id[mark.article_id].complete[mark.table] = mark

    def neighbour(self, f: Filters, article_id: str, step: int,
                  unreviewed: bool = False) -> str | None:
        """The article after (step=1) or before (step=-1) `article_id` in the list under
        `f` (only those with unreviewed rows when `unreviewed`); None at the end."""
        db = self.db()
        if unreviewed:
            f = replace(f, unreviewed=True)
        where, params = self._where(f)
        key = self._sort_key(f)
        current = db.execute(f"SELECT {', '.join(key)} FROM articles a WHERE a.article_id=?",
                             (article_id,)).fetchone()
        if current is None:
            return None
        op, order = (">", "") if step > 0 else ("<", " DESC")
        where = (where + " AND " if where else " WHERE ") + \
            f"({', '.join(key)}) {op} ({', '.join('?' * len(key))})"
        row = db.execute(
            f"SELECT a.article_id FROM articles a{where} ORDER BY "
            + ", ".join(k + order for k in key) + " LIMIT 1", [*params, *current]).fetchone()
        return row[0] if row else None

    def first(self, f: Filters, unreviewed: bool = False) -> str | None:
        db = self.db()
        where, params = self._where(replace(f, unreviewed=f.unreviewed or unreviewed))
        row = db.execute(f"SELECT a.article_id FROM articles a{where} ORDER BY "
                         + ", ".join(self._sort_key(f)) + " LIMIT 1", params).fetchone()
        return row[0] if row else None

    def rules_by_table(self) -> dict[str, list[tuple[str, int]]]:
        out: dict[str, list[tuple[str, int]]] = {t: [] for t in ROW_TABLES}
        for tbl, rule, n in self.db().execute("SELECT tbl, rule, n FROM rules"):
            out.setdefault(tbl, []).append((rule, n))
        return out

    def totals(self) -> dict[str, int]:
        """Articles, rows and decisions of the whole folder (the progress in the header)."""
        db = self.db()
        articles, rows = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(n_rows), 0) FROM articles").fetchone()
        decided = db.execute("SELECT COUNT(*) FROM rv.latest l CROSS JOIN rows r "
                             "ON r.row_id = l.row_id").fetchone()[0]
        added = db.execute("SELECT COUNT(*) FROM rv.latest l WHERE l.added = 1 AND NOT EXISTS "
                           "(SELECT 1 FROM rows r WHERE r.row_id = l.row_id)").fetchone()[0]
        changed, gone = self._change_counts()
        return {"articles": articles, "rows": rows + added, "decided": decided + added,
                "changed": changed, "gone": gone}

    # ------------------------------------------------------------ re-extraction
    _CHANGED = ("SELECT r.row_id FROM rv.latest l CROSS JOIN rows r ON r.row_id = l.row_id "
                "WHERE l.fp IS NOT NULL AND l.fp <> r.fp")
    _GONE = ("SELECT l.row_id FROM rv.latest l WHERE l.added = 0 "
             "AND l.action IN ('accepted', 'edited') "
             "AND NOT EXISTS (SELECT 1 FROM rows r WHERE r.row_id = l.row_id)")

    def _change_counts(self) -> tuple[int, int]:
        db = self.db()
        return (db.execute(f"SELECT COUNT(*) FROM ({self._CHANGED})").fetchone()[0],
                db.execute(f"SELECT COUNT(*) FROM ({self._GONE})").fetchone()[0])

    def changes(self) -> tuple[list[RowView], list[Decision]]:
        """Reviewed rows whose extracted values changed since, and reviewed (accepted or
        edited) rows the current extraction no longer gives: regressions to look at."""
        db = self.db()
        changed = [self.row(rid) for (rid,) in db.execute(self._CHANGED).fetchall()]
        gone_ids = [rid for (rid,) in db.execute(self._GONE).fetchall()]
        gone = sorted(self.log.current(gone_ids).values(), key=lambda d: (d.article_id, d.id))
        return [v for v in changed if v is not None], gone

    # ------------------------------------------------------------ one article
    def article_record(self, article_id: str) -> dict[str, Any] | None:
        db = self.db()
        cursor = db.execute("SELECT * FROM articles WHERE article_id=?", (article_id,))
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row)) if row else None

    def article(self, article_id: str) -> ArticleView | None:
        record = self.article_record(article_id)
        if record is None:
            return None
        db = self.db()
        extracted = [(rid, tbl, json.loads(data), fp) for rid, tbl, data, fp in db.execute(
            "SELECT row_id, tbl, data, fp FROM rows WHERE apos=? ORDER BY tbl, seq",
            (record["pos"],))]
        decisions = self.log.for_article(article_id)
        history: dict[str, list[Decision]] = {}
        for d in self.log.history(article_id=article_id):
            history.setdefault(d.row_id, []).append(d)
        views = []
        present = set()
        for rid, tbl, row, fp in extracted:
            present.add(rid)
            views.append(self._view(rid, tbl, article_id, row, fp, decisions.get(rid),
                                    history.get(rid, [])))
        gone = []
        for rid, d in decisions.items():
            if rid in present:
                continue
            if d.added:
                views.append(self._view(rid, d.table, article_id, None, None, d,
                                        history.get(rid, [])))
            elif not d.added and d.action in ("accepted", "edited"):
                gone.append(d)
        order = {t: i for i, t in enumerate(ROW_TABLES)}
        views.sort(key=lambda v: (order[v.table], v.start, v.end))
        return ArticleView(article=record, text=self.index.text(article_id), rows=views,
                           gone=gone, marks={m.table: m for m in self.log.marks(article_id)})

    @staticmethod
    def _view(rid: str, table: str, article_id: str, extracted: dict[str, Any] | None,
              fp: str | None, decision: Decision | None, history: list[Decision]) -> RowView:
        if decision is not None and decision.after is not None and \
                decision.action in ("edited", "added"):
            row = decision.after
        elif extracted is not None:
            row = extracted
        else:  # an added row, rejected since: its last values
            row = next((h.after for h in reversed(history) if h.after is not None), {})
        changed = bool(decision is not None and extracted is not None and decision.before
                       and fingerprint(table, decision.before) != fp)
        return RowView(row_id=rid, table=table, article_id=article_id, row=dict(row or {}),
                       extracted=extracted, decision=decision, changed=changed,
                       history=history)

    def row(self, row_id: str) -> RowView | None:
        """One row (extracted or added) with its current decision, or None."""
        db = self.db()
        found = db.execute("SELECT tbl, article_id, data, fp FROM rows WHERE row_id=?",
                           (row_id,)).fetchone()
        decision = self.log.current([row_id]).get(row_id)
        history = self.log.history(row_id=row_id)
        if found is not None:
            tbl, article_id, data, fp = found
            return self._view(row_id, tbl, article_id, json.loads(data), fp, decision, history)
        if decision is not None and decision.added:
            return self._view(row_id, decision.table, decision.article_id, None, None,
                              decision, history)
        return None

    # ------------------------------------------------------------ deciding
    def decide(self, row_id: str, action: str, reviewer: str, *, base: int | None,
               fields: Mapping[str, Any] | None = None, source: str = "app") -> RowView:
        """Accept, reject or edit one row; `base` is the id of the decision the reviewer saw
        (0: none; None: no check). Raises FieldError on a bad value or action, LookupError
        for an unknown row, `Conflict` when the row was decided by someone else since."""
        if action not in ACTIONS_IN:
            raise FieldError("action", Errors.R014.format(action=action))
        view = self.row(row_id)
        if view is None:
            raise LookupError(Errors.R010.format(row_id=row_id, table="any"))
        table = view.table
        added = view.extracted is None
        if action == "accept":
            if added:
                raise FieldError("action", Errors.R013)
            return self._log(view, "accepted", view.extracted, view.extracted, reviewer, base,
                             source)
        if action == "reject":
            return self._log(view, "rejected", view.extracted, None, reviewer, base, source)
        values = validate(table, dict(fields or {}), self.vocab)
        if added:
            return self._log(view, "added", None, apply_edit(table, view.row, values),
                             reviewer, base, source)
        after = apply_edit(table, view.extracted, values)
        same = editable_values(table, after) == editable_values(table, view.extracted)
        return self._log(view, "accepted" if same else "edited", view.extracted,
                         view.extracted if same else after, reviewer, base, source)

    def _log(self, view: RowView, action: str, before: dict[str, Any] | None,
             after: dict[str, Any] | None, reviewer: str, base: int | None,
             source: str) -> RowView:
        self.log.decide(table=view.table, row_id=view.row_id, article_id=view.article_id,
                        action=action, before=before, after=after, reviewer=reviewer,
                        fp=fingerprint(view.table, before) if before else None,
                        added=view.extracted is None, base=base, source=source)
        return self.row(view.row_id)  # type: ignore[return-value]

    def span(self, article_id: str, start: Any, end: Any) -> tuple[str, int, int]:
        """The article's text and a selection [start, end) in it, trimmed of white space."""
        text = self.index.text(article_id)
        if self.article_record(article_id) is None:
            raise LookupError(Errors.R015.format(article_id=article_id))
        n = len(text or "")
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError):
            raise FieldError("selection", Errors.R011.format(
                start=start, end=end, article_id=article_id, n=n)) from None
        if text is None or not 0 <= start < end <= n or not text[start:end].strip():
            raise FieldError("selection", Errors.R011.format(
                start=start, end=end, article_id=article_id, n=n))
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end -= len(text[start:end]) - len(text[start:end].rstrip())
        return text, start, end

    def prefill(self, article_id: str, table: str, start: Any, end: Any) -> dict[str, Any]:
        """Guessed fields for a span a reviewer selected, to start the add form with."""
        text, start, end = self.span(article_id, start, end)
        record = self.article_record(article_id) or {}
        return {"start": start, "end": end, "text": text[start:end],
                "fields": prefill(table, text, start, end, record.get("published") or "",
                                  self.vocab)}

    def add(self, article_id: str, table: str, start: Any, end: Any,
            fields: Mapping[str, Any], reviewer: str, source: str = "app") -> RowView:
        """Add a row the extraction missed, for the span [start, end) of the article."""
        if table not in ROW_TYPES:
            raise FieldError("table", Errors.R005.format(field="table", value=table,
                                                         choices=", ".join(ROW_TABLES)))
        text, start, end = self.span(article_id, start, end)
        values = validate(table, dict(fields), self.vocab)
        row = added_row(table, article_id, text, start, end, values,
                        extra=added_extras(table, text, start, end))
        existing = self.row(row["row_id"])
        if existing is not None and (existing.extracted is not None
                                     or existing.status != "rejected"):
            raise FieldError("selection", Errors.R012.format(
                article_id=article_id, table=table, start=start, end=end,
                row_id=row["row_id"]))
        self.log.decide(table=table, row_id=row["row_id"], article_id=article_id,
                        action="added", before=None, after=row, reviewer=reviewer,
                        added=True, base=existing.base if existing else 0, source=source)
        return self.row(row["row_id"])  # type: ignore[return-value]

    # ------------------------------------------------------------ whole articles
    def mark(self, article_id: str, reviewer: str, *, complete: bool = True,
             tables: list[str] | None = None, source: str = "app") -> ArticleView:
        """Mark tables of an article (default: all) "reviewed: nothing to add", or undo that
        (`complete=False`). Raises LookupError for an unknown article, FieldError for an
        unknown table, an article that was not extracted, or (marking) undecided rows."""
        record = self.article_record(article_id)
        if record is None:
            raise LookupError(Errors.R015.format(article_id=article_id))
        chosen = tuple(ROW_TABLES if not tables else dict.fromkeys(tables))
        for table in chosen:
            if table not in ROW_TABLES:
                raise FieldError("tables", Errors.R005.format(
                    field="table", value=table, choices=", ".join(ROW_TABLES)))
        view = self.article(article_id)
        assert view is not None
        if complete:
            if record["status"] != "ok":
                raise FieldError("article", Errors.R034.format(article_id=article_id,
                                                               status=record["status"]))
            undecided = view.undecided(chosen)
            if undecided:
                raise FieldError("article", Errors.R033.format(
                    article_id=article_id, n=sum(undecided.values()),
                    detail=", ".join(f"{t} {n}" for t, n in undecided.items())))
        self.log.mark(article_id=article_id, tables=chosen, reviewer=reviewer, source=source,
                      mark="complete" if complete else "reopened")
        return self.article(article_id)  # type: ignore[return-value]
