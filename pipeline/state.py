"""The run state of an output folder: a SQLite database of processed articles and their rows.

Rows are committed per chunk, so a killed run loses at most the chunks in flight, and a re-run
processes only articles whose input (text sha256 and the metadata the pipeline reads) is new
or whose processing never finished.
Every article records the model/rules version that produced its rows. Tables are exported
from here, in input order, at the end of every run. One run at a time holds the folder's lock.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.errors import Errors, UsageError

try:
    import fcntl
except ImportError:  # not POSIX: runs are not locked against each other
    fcntl = None  # type: ignore[assignment]
from pipeline.records import ROW_TYPES, TABLES, Article

STATE_DIR = ".communique"
STATE_FILE = "state.sqlite"
LOCK_FILE = "lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    sha256 TEXT,
    status TEXT,
    record TEXT NOT NULL,
    version TEXT,
    done INTEGER NOT NULL DEFAULT 0,
    seen_run INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    input_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE INDEX IF NOT EXISTS articles_order ON articles(seen_run, pos);
CREATE TABLE IF NOT EXISTS rows (
    article_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
);
DROP INDEX IF EXISTS rows_article;
CREATE INDEX IF NOT EXISTS rows_order ON rows(article_id, tbl, seq);
CREATE TABLE IF NOT EXISTS texts (
    article_id TEXT PRIMARY KEY,
    text BLOB NOT NULL  -- zlib-compressed UTF-8: the review app shows the article from here
);
"""
_ARTICLE_FIELDS = [f.name for f in fields(Article)]


class Known(NamedTuple):
    """What the store holds about one article id."""

    sha256: str
    input_key: str
    status: str
    version: str
    done: bool
    seen_run: int


class StateStore:
    """Processed articles and their rows for one output folder.

    Opening the store takes an exclusive lock on the folder (released when the process ends,
    however it ends), so two runs never interleave their writes.
    """

    def __init__(self, out_dir: Path) -> None:
        self.dir = Path(out_dir) / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / LOCK_FILE, "a+")  # noqa: SIM115 - held until close()
        try:
            if fcntl is not None:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise UsageError(Errors.U012.format(path=out_dir)) from None
        self.path = self.dir / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
        self.db.executescript(_SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(articles)")}
        if "input_key" not in columns:  # a state database from before the column
            self.db.execute(
                "ALTER TABLE articles ADD COLUMN input_key TEXT NOT NULL DEFAULT ''")
        self.run = int(self.get_meta("runs") or 0) + 1
        self.set_meta("runs", str(self.run))

    # -- meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- articles
    def lookup(self, article_id: str) -> Known | None:
        row = self.db.execute(
            "SELECT sha256, input_key, status, version, done, seen_run FROM articles "
            "WHERE article_id=?", (article_id,)).fetchone()
        return Known(row[0], row[1], row[2], row[3], bool(row[4]), row[5]) if row else None

    def duplicate_of(self, sha256: str, article_id: str) -> str | None:
        """Id of another kept (not skipped/failed) article with the same content, if any."""
        row = self.db.execute(
            "SELECT article_id FROM articles WHERE sha256=? AND article_id<>? AND status='ok' "
            "ORDER BY seen_run, pos LIMIT 1", (sha256, article_id)).fetchone()
        return row[0] if row else None

    def stale_versions(self, version: str) -> dict[str, int]:
        """Processed articles whose rows come from another model/rules version, by version."""
        return dict(self.db.execute(
            "SELECT version, COUNT(*) FROM articles WHERE done=1 AND status='ok' AND version<>? "
            "GROUP BY version ORDER BY COUNT(*) DESC", (version,)).fetchall())

    def touch(self, article: Article, pos: int) -> None:
        """Mark an already processed article as seen in this run, at input position `pos`
        (and keep its text if a folder written before texts were kept lacks it)."""
        self.db.execute("UPDATE articles SET seen_run=?, pos=? WHERE article_id=?",
                        (self.run, pos, article.article_id))
        if self.db.execute("SELECT 1 FROM texts WHERE article_id=?",
                           (article.article_id,)).fetchone() is None:
            self._keep_text(article)

    def register(self, article: Article, pos: int) -> None:
        """Record an article as seen (not yet processed); its old rows are dropped and its
        text is kept (compressed) for the review app."""
        self.db.execute("DELETE FROM rows WHERE article_id=?", (article.article_id,))
        self._keep_text(article)
        self.db.execute(
            "INSERT OR REPLACE INTO articles (article_id, sha256, status, record, version, done, "
            "seen_run, pos, input_key) VALUES (?, ?, ?, ?, '', 0, ?, ?, ?)",
            (article.article_id, article.sha256, article.status, _dump_article(article),
             self.run, pos, input_key(article)))

    def save(self, results: list[tuple[Article, dict[str, list[dict[str, Any]]]]],
             version: str) -> None:
        """Store processed articles and their rows, all or nothing."""
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            for article, tables in results:
                self.db.execute("DELETE FROM rows WHERE article_id=?", (article.article_id,))
                self.db.execute(
                    "UPDATE articles SET record=?, status=?, version=?, done=1 "
                    "WHERE article_id=?",
                    (_dump_article(article), article.status, version, article.article_id))
                self.db.executemany(
                    "INSERT INTO rows VALUES (?, ?, ?, ?)",
                    [(article.article_id, table, seq, json.dumps(row, ensure_ascii=False))
                     for table, rows in tables.items() for seq, row in enumerate(rows)])
        except BaseException:
            if own:
                self.db.execute("ROLLBACK")
            raise
        if own:
            self.db.execute("COMMIT")

    def _keep_text(self, article: Article) -> None:
        self.db.execute("INSERT OR REPLACE INTO texts VALUES (?, ?)",
                        (article.article_id, zlib.compress(article.text.encode("utf-8"), 6)))

    def text(self, article_id: str) -> str | None:
        """The text of an article as it was processed; None when the folder was written
        before texts were kept (re-run extract to keep them)."""
        row = self.db.execute("SELECT text FROM texts WHERE article_id=?",
                              (article_id,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8") if row else None

    def begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    # -- export (cursor iteration: memory does not grow with the table)
    def iter_articles(self) -> Iterator[dict[str, Any]]:
        for (record,) in self.db.execute(
                "SELECT record FROM articles ORDER BY seen_run, pos"):
            yield json.loads(record)

    def iter_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Rows of `table` in input order (articles by run and position, then row order)."""
        if table == "articles":
            yield from self.iter_articles()
            return
        # CROSS JOIN fixes the loop order: walk articles in order, look up each one's rows.
        for (data,) in self.db.execute(
                "SELECT r.data FROM articles a CROSS JOIN rows r "
                "ON r.article_id = a.article_id AND r.tbl=? "
                "ORDER BY a.seen_run, a.pos, r.seq", (table,)):
            yield json.loads(data)

    def counts(self) -> dict[str, int]:
        """Articles of this run by status, and the rows of every table."""
        out = dict(self.db.execute(
            "SELECT status, COUNT(*) FROM articles WHERE seen_run=? GROUP BY status",
            (self.run,)).fetchall())
        out.update({table: 0 for table in ROW_TYPES})
        out.update(dict(self.db.execute("SELECT tbl, COUNT(*) FROM rows GROUP BY tbl")))
        return out

    def close(self) -> None:
        if self.db is not None:
            self.commit()
            self.db.close()
            self.db = None  # type: ignore[assignment]
        if not self._lock.closed:
            self._lock.close()  # closing releases the lock

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def input_key(article: Article) -> str:
    """A hash of the input behind an article's rows and record: the text and the metadata
    (the date anchors relative dates; the pipeline also sees source and url)."""
    date = article.published if article.published_source == "metadata" else ""
    fields = [article.sha256, date, article.source, article.url, article.title]
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()


def _dump_article(article: Article) -> str:
    data = asdict(article)
    data.pop("text", None)  # the text stays in the input; the table needs only its metadata
    return json.dumps({k: data[k] for k in _ARTICLE_FIELDS if k in data}, ensure_ascii=False)


def clean_temp_files(out_dir: Path) -> int:
    """Remove table temp files left by a killed run (call with the folder's lock held)."""
    from pipeline.datapackage import PACKAGE_FILE
    from pipeline.writers import FORMATS

    removed = 0
    for table in TABLES:
        for fmt in FORMATS:
            for path in Path(out_dir).glob(f".{table}.{fmt}.*.tmp"):
                path.unlink(missing_ok=True)
                removed += 1
    for path in Path(out_dir).glob(f".{PACKAGE_FILE}.*.tmp"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed


