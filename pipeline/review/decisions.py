"""Review decisions: an append-only log in `OUTDIR/.communique/review.sqlite`.

Every decision a reviewer takes on a row (in the review app or by importing a spreadsheet)
is one SQLite transaction (WAL, synchronous=FULL) appending one entry to the log; nothing
is ever updated or deleted, so a crash or a closed tab loses nothing and every row's history
can be shown. The current decision of a row is its latest entry.

Reading decisions (e.g. to retrain the rules)::

    >>> from pipeline.review.decisions import load_decisions
    >>> for d in load_decisions("outputs/"):                      # doctest: +SKIP
    ...     print(d.table, d.row_id, d.action, d.before, d.after)

A `Decision` is about one row of one table (`table`, `row_id`, `article_id`):

- `action`: `accepted` (the row is right as extracted), `rejected` (the row is wrong),
  `edited` (the row is right with the fields in `after`), `added` (a row the extraction
  missed, or a later correction of such a row);
- `before`: the row as the extraction gave it when the decision was taken (every column of
  the table: fields, `start`/`end` character offsets, `sentence`, `rule`, `confidence`);
  None for a row a reviewer added;
- `after`: the row as the reviewer decided it (same columns): the extracted row when
  accepted, the corrected row when edited, the new row when added (with the `start`/`end`
  offsets of the text the reviewer selected, rule `review:added`); None when rejected;
- `reviewer`, `at` (ISO 8601, UTC), `added` (True for rows a reviewer added), `source`
  (`app`, or `import:FILE:LINE`), `id` (its place in the log) and `replaces` (the id of the
  decision it superseded, if any).

Row ids are stable across re-extraction (see `pipeline.records.row_id`), so a decision keeps
applying to "its" row after `extract --force` or a new rule set.

An `ArticleMark` is about one table of one article as a whole: `complete` ("reviewed:
nothing to add": the reviewer read the article and the table's rows, as decided, are all
there is, none missing; with no row at all it says the article rightly has none) or
`reopened` (an undo: the table is no longer marked). They are kept in a second append-only
log of the same file (`article_marks`), with `reviewer`, `at`, `source`, `id` and `replaces`
like decisions; the current mark of a table is its latest entry (`load_marks(outdir)`).
A log written before article marks existed gets the new tables when opened for writing
(schema 2); its decisions are kept as they are.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.state import STATE_DIR

REVIEW_FILE = "review.sqlite"
ACTIONS = ("accepted", "rejected", "edited", "added")
MARKS = ("complete", "reopened")
SCHEMA_VERSION = "2"  # 2: article marks

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    article_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('accepted', 'rejected', 'edited', 'added')),
    added INTEGER NOT NULL DEFAULT 0,
    before TEXT,  -- JSON: the row as extracted when decided (NULL: added by a reviewer)
    after TEXT,   -- JSON: the row as decided (NULL: rejected)
    fp TEXT,      -- fingerprint of before's editable fields: "changed since review"
    replaces INTEGER,
    source TEXT NOT NULL DEFAULT 'app'
);
CREATE INDEX IF NOT EXISTS decisions_row ON decisions(row_id, id);
CREATE INDEX IF NOT EXISTS decisions_article ON decisions(article_id, id);
CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'review decisions are an append-only log'); END;
CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'review decisions are an append-only log'); END;
-- The current decision of each row, kept by the trigger in the same transaction.
CREATE TABLE IF NOT EXISTS latest (
    row_id TEXT PRIMARY KEY,
    decision INTEGER NOT NULL,
    tbl TEXT NOT NULL,
    article_id TEXT NOT NULL,
    action TEXT NOT NULL,
    added INTEGER NOT NULL,
    fp TEXT
);
CREATE INDEX IF NOT EXISTS latest_article ON latest(article_id);
CREATE TRIGGER IF NOT EXISTS decisions_latest AFTER INSERT ON decisions
BEGIN
    INSERT OR REPLACE INTO latest VALUES
        (NEW.row_id, NEW.id, NEW.tbl, NEW.article_id, NEW.action, NEW.added, NEW.fp);
END;
-- Article marks (schema 2): one table of an article reviewed as a whole, or that undone.
CREATE TABLE IF NOT EXISTS article_marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    article_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    mark TEXT NOT NULL CHECK (mark IN ('complete', 'reopened')),
    replaces INTEGER,
    source TEXT NOT NULL DEFAULT 'app'
);
CREATE TRIGGER IF NOT EXISTS article_marks_no_update BEFORE UPDATE ON article_marks
BEGIN SELECT RAISE(ABORT, 'review decisions are an append-only log'); END;
CREATE TRIGGER IF NOT EXISTS article_marks_no_delete BEFORE DELETE ON article_marks
BEGIN SELECT RAISE(ABORT, 'review decisions are an append-only log'); END;
CREATE TABLE IF NOT EXISTS latest_marks (
    article_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    mark_id INTEGER NOT NULL,
    mark TEXT NOT NULL,
    PRIMARY KEY (article_id, tbl)
);
CREATE TRIGGER IF NOT EXISTS article_marks_latest AFTER INSERT ON article_marks
BEGIN
    INSERT OR REPLACE INTO latest_marks VALUES (NEW.article_id, NEW.tbl, NEW.id, NEW.mark);
END;
"""
_COLUMNS = ("id, at, reviewer, article_id, tbl, row_id, action, added, before, after, "
            "replaces, source")


@dataclass(frozen=True)
class Decision:
    """One entry of the review log (see the module docstring for each field)."""

    id: int
    at: str
    reviewer: str
    article_id: str
    table: str
    row_id: str
    action: str
    added: bool
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    replaces: int | None
    source: str

    @property
    def row(self) -> dict[str, Any] | None:
        """The row as decided, or as extracted when rejected."""
        return self.after if self.after is not None else self.before

    @property
    def start(self) -> int | None:
        row = self.row
        return None if row is None else row.get("start")

    @property
    def end(self) -> int | None:
        row = self.row
        return None if row is None else row.get("end")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "reviewer": self.reviewer,
                "article_id": self.article_id, "table": self.table, "row_id": self.row_id,
                "action": self.action, "added": self.added, "before": self.before,
                "after": self.after, "replaces": self.replaces, "source": self.source}

    @classmethod
    def _from_sql(cls, row: tuple) -> Decision:
        (id_, at, reviewer, article_id, tbl, rid, action, added, before, after, replaces,
         source) = row
        return cls(id=id_, at=at, reviewer=reviewer, article_id=article_id, table=tbl,
                   row_id=rid, action=action, added=bool(added),
                   before=json.loads(before) if before else None,
                   after=json.loads(after) if after else None,
                   replaces=replaces, source=source)


@dataclass(frozen=True)
class ArticleMark:
    """One entry of the article-mark log (see the module docstring)."""

    id: int
    at: str
    reviewer: str
    article_id: str
    table: str
    mark: str
    replaces: int | None
    source: str

    @property
    def complete(self) -> bool:
        return self.mark == "complete"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": self.at, "reviewer": self.reviewer,
                "article_id": self.article_id, "table": self.table, "mark": self.mark,
                "replaces": self.replaces, "source": self.source}

    @classmethod
    def _from_sql(cls, row: tuple) -> ArticleMark:
        id_, at, reviewer, article_id, tbl, mark, replaces, source = row
        return cls(id=id_, at=at, reviewer=reviewer, article_id=article_id, table=tbl,
                   mark=mark, replaces=replaces, source=source)


_MARK_COLUMNS = "id, at, reviewer, article_id, tbl, mark, replaces, source"


class Conflict(Exception):
    """The row's decision changed since the reviewer loaded it; `current` is that decision."""

    def __init__(self, current: Decision) -> None:
        super().__init__(f"row {current.row_id} was decided by {current.reviewer}")
        self.current = current


def review_path(outdir: Path | str) -> Path:
    return Path(outdir) / STATE_DIR / REVIEW_FILE


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class DecisionStore:
    """The review log of one output folder; safe to share between threads (one SQLite
    connection per thread) and between processes (SQLite locking, WAL)."""

    def __init__(self, outdir: Path | str, read_only: bool = False) -> None:
        self.path = review_path(outdir)
        self.read_only = read_only
        self._local = threading.local()
        self._memory: sqlite3.Connection | None = None
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = self._connect()
            try:
                db.executescript(_SCHEMA)  # also brings an older log up to date
                db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)",
                           (SCHEMA_VERSION,))
            finally:
                db.close()
        elif not self.path.is_file():  # nothing decided yet, and nothing may be written
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
            self._memory.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        else:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # a decision survives a power cut
        return db

    @property
    def db(self) -> sqlite3.Connection:
        if self._memory is not None:
            return self._memory
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    # -- writing
    def decide(self, *, table: str, row_id: str, article_id: str, action: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None, reviewer: str,
               fp: str | None = None, added: bool = False, base: int | None = None,
               source: str = "app") -> Decision:
        """Append one decision, in one transaction. `base` is the id of the row's decision
        the reviewer saw (0: none); when the row's current decision is another one, nothing
        is written and `Conflict` carries the current decision (None: no check)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if self.read_only:
            raise PermissionError("the review log is open read-only")
        db = self.db
        db.execute("BEGIN IMMEDIATE")  # the check and the write see the same log
        try:
            found = db.execute("SELECT decision FROM latest WHERE row_id=?",
                               (row_id,)).fetchone()
            current = found[0] if found else None
            if base is not None and (current or 0) != base:
                raise Conflict(self._get(db, current))
            cursor = db.execute(
                "INSERT INTO decisions (at, reviewer, article_id, tbl, row_id, action, added, "
                "before, after, fp, replaces, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (now(), reviewer, article_id, table, row_id, action, int(added),
                 _dump(before), _dump(after), fp, current, source))
            decision = self._get(db, cursor.lastrowid)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return decision

    def mark(self, *, article_id: str, tables: Iterable[str], mark: str, reviewer: str,
             source: str = "app") -> list[ArticleMark]:
        """Mark tables of an article `complete` or `reopened`, in one transaction; a table
        whose current mark already says so gets no entry. The entries written, in order."""
        if mark not in MARKS:
            raise ValueError(f"unknown article mark {mark!r}")
        if self.read_only:
            raise PermissionError("the review log is open read-only")
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            current = {tbl: (mark_id, state) for tbl, mark_id, state in db.execute(
                "SELECT tbl, mark_id, mark FROM latest_marks WHERE article_id=?", (article_id,))}
            at = now()
            written = []
            for table in dict.fromkeys(tables):
                replaces, state = current.get(table, (None, "reopened"))
                if state == mark:
                    continue
                cursor = db.execute(
                    "INSERT INTO article_marks (at, reviewer, article_id, tbl, mark, replaces, "
                    "source) VALUES (?,?,?,?,?,?,?)",
                    (at, reviewer, article_id, table, mark, replaces, source))
                written.append(cursor.lastrowid)
            out = [self._mark(db, i) for i in written]
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return out

    # -- reading
    @staticmethod
    def _get(db: sqlite3.Connection, decision_id: int | None) -> Decision:
        row = db.execute(f"SELECT {_COLUMNS} FROM decisions WHERE id=?",
                         (decision_id,)).fetchone()
        return Decision._from_sql(row)

    def get(self, decision_id: int) -> Decision:
        return self._get(self.db, decision_id)

    def current(self, row_ids: Iterable[str]) -> dict[str, Decision]:
        """The current decision of each of `row_ids` that has one."""
        ids = list(row_ids)
        out: dict[str, Decision] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    f"SELECT {_prefixed('d')} FROM latest l JOIN decisions d ON d.id = l.decision "
                    f"WHERE l.row_id IN ({marks})", chunk):
                decision = Decision._from_sql(row)
                out[decision.row_id] = decision
        return out

    def for_article(self, article_id: str) -> dict[str, Decision]:
        """The current decision of every row of an article that has one."""
        return {d.row_id: d for d in self._query(
            f"SELECT {_prefixed('d')} FROM latest l JOIN decisions d ON d.id = l.decision "
            "WHERE l.article_id=? ORDER BY d.id", (article_id,))}

    def history(self, *, article_id: str | None = None,
                row_id: str | None = None) -> list[Decision]:
        """Every logged decision of an article or of a row, oldest first."""
        if row_id is not None:
            return list(self._query(f"SELECT {_COLUMNS} FROM decisions WHERE row_id=? "
                                    "ORDER BY id", (row_id,)))
        return list(self._query(f"SELECT {_COLUMNS} FROM decisions WHERE article_id=? "
                                "ORDER BY id", (article_id,)))

    def iter_current(self, table: str | None = None) -> Iterator[Decision]:
        """Every row's current decision, in the order they were taken."""
        sql = (f"SELECT {_prefixed('d')} FROM latest l JOIN decisions d ON d.id = l.decision"
               + (" WHERE l.tbl=?" if table else "") + " ORDER BY d.id")
        yield from self._query(sql, (table,) if table else ())

    def iter_log(self, table: str | None = None) -> Iterator[Decision]:
        """Every decision ever logged, oldest first."""
        sql = f"SELECT {_COLUMNS} FROM decisions" + (" WHERE tbl=?" if table else "") + \
            " ORDER BY id"
        yield from self._query(sql, (table,) if table else ())

    @staticmethod
    def _mark(db: sqlite3.Connection, mark_id: int | None) -> ArticleMark:
        return ArticleMark._from_sql(db.execute(
            f"SELECT {_MARK_COLUMNS} FROM article_marks WHERE id=?", (mark_id,)).fetchone())

    def _has_marks(self) -> bool:
        """False for a log written before article marks, opened read-only."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name='article_marks'"
                               ).fetchone() is not None

    def marks(self, article_id: str | None = None, *,
              history: bool = False) -> list[ArticleMark]:
        """The current mark of every marked table (of one article), in the order they were
        taken; `history=True`: every mark ever logged, oldest first."""
        if not self._has_marks():
            return []
        columns = ", ".join(f"m.{c.strip()}" for c in _MARK_COLUMNS.split(","))
        sql = f"SELECT {columns} FROM article_marks m" + (
            "" if history else " JOIN latest_marks l ON l.mark_id = m.id")
        params: tuple = ()
        if article_id is not None:
            sql, params = sql + " WHERE m.article_id=?", (article_id,)
        return [ArticleMark._from_sql(row) for row in self.db.execute(sql + " ORDER BY m.id",
                                                                      params)]

    def marks_of(self, article_ids: Iterable[str]) -> list[ArticleMark]:
        """The current marks of the tables of `article_ids`."""
        ids = list(article_ids)
        if not ids or not self._has_marks():
            return []
        columns = ", ".join(f"m.{c.strip()}" for c in _MARK_COLUMNS.split(","))
        out = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out += [ArticleMark._from_sql(row) for row in self.db.execute(
                f"SELECT {columns} FROM latest_marks l JOIN article_marks m ON m.id = l.mark_id "
                f"WHERE l.article_id IN ({','.join('?' * len(chunk))}) ORDER BY m.id", chunk)]
        return out

    def _query(self, sql: str, params: tuple = ()) -> Iterator[Decision]:
        for row in self.db.execute(sql, params):
            yield Decision._from_sql(row)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


def load_decisions(outdir: Path | str, *, history: bool = False,
                   table: str | None = None) -> list[Decision]:
    """The review decisions of an output folder: each row's current decision, in the order
    they were taken (`history=True`: every logged decision, superseded ones included);
    `table` keeps one table's. An empty list when nothing was reviewed."""
    if not review_path(outdir).is_file():
        return []
    store = DecisionStore(outdir, read_only=True)
    try:
        return list(store.iter_log(table) if history else store.iter_current(table))
    finally:
        store.close()


def load_marks(outdir: Path | str, *, history: bool = False) -> list[ArticleMark]:
    """The article marks of an output folder: each marked table's current mark (`complete`
    or `reopened`), in the order they were taken (`history=True`: every mark ever logged)."""
    if not review_path(outdir).is_file():
        return []
    store = DecisionStore(outdir, read_only=True)
    try:
        return store.marks(history=history)
    finally:
        store.close()


def _dump(row: dict[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in _COLUMNS.split(","))


__all__ = ["ArticleMark", "Decision", "DecisionStore", "Conflict", "load_decisions",
           "load_marks", "ACTIONS", "MARKS", "REVIEW_FILE", "review_path"]
