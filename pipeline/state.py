"""The run state of an output folder: a SQLite database of processed articles and their rows.

Rows are committed per batch, so a killed run loses at most the batch in flight, and a re-run
processes only articles whose content (sha256) or rules/model version is new. Tables are
exported from here, in input order, at the end of every run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from pipeline.records import ROW_TYPES, Article

STATE_DIR = ".communique"
STATE_FILE = "state.sqlite"

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
    pos INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_sha ON articles(sha256);
CREATE INDEX IF NOT EXISTS articles_order ON articles(seen_run, pos);
CREATE TABLE IF NOT EXISTS rows (
    article_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rows_article ON rows(article_id);
"""
_ARTICLE_FIELDS = [f.name for f in fields(Article)]


class StateStore:
    """Processed articles and their rows for one output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = Path(out_dir) / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / STATE_FILE
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.run = int(self.get_meta("runs") or 0) + 1
        self.set_meta("runs", str(self.run))

    # -- meta
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- articles
    def lookup(self, article_id: str) -> tuple[str, str, str, int, int] | None:
        """(sha256, status, version, done, seen_run) of a stored article, or None."""
        return self.db.execute(
            "SELECT sha256, status, version, done, seen_run FROM articles WHERE article_id=?",
            (article_id,)).fetchone()

    def duplicate_of(self, sha256: str, article_id: str) -> str | None:
        """Id of another kept (not skipped/failed) article with the same content, if any."""
        row = self.db.execute(
            "SELECT article_id FROM articles WHERE sha256=? AND article_id<>? AND status='ok' "
            "ORDER BY seen_run, pos LIMIT 1", (sha256, article_id)).fetchone()
        return row[0] if row else None

    def touch(self, article_id: str, pos: int) -> None:
        """Mark an already processed article as seen in this run, at input position `pos`."""
        self.db.execute("UPDATE articles SET seen_run=?, pos=? WHERE article_id=?",
                        (self.run, pos, article_id))

    def register(self, article: Article, pos: int) -> None:
        """Record an article as seen (not yet processed); its old rows are dropped."""
        self.db.execute("DELETE FROM rows WHERE article_id=?", (article.article_id,))
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
            (article.article_id, article.sha256, article.status, _dump_article(article), "",
             self.run, pos))

    def save(self, results: list[tuple[Article, dict[str, list[dict[str, Any]]]]],
             version: str) -> None:
        """Store processed articles and their rows in one transaction."""
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        for article, tables in results:
            self.db.execute("DELETE FROM rows WHERE article_id=?", (article.article_id,))
            self.db.execute(
                "UPDATE articles SET record=?, status=?, version=?, done=1 WHERE article_id=?",
                (_dump_article(article), article.status, version, article.article_id))
            self.db.executemany(
                "INSERT INTO rows VALUES (?, ?, ?, ?)",
                [(article.article_id, table, seq, json.dumps(row, ensure_ascii=False))
                 for table, rows in tables.items() for seq, row in enumerate(rows)])
        if own:
            self.db.execute("COMMIT")

    def begin(self) -> None:
        self.db.execute("BEGIN")

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    # -- export
    def iter_articles(self) -> Iterator[dict[str, Any]]:
        for (record,) in self.db.execute(
                "SELECT record FROM articles ORDER BY seen_run, pos"):
            yield json.loads(record)

    def iter_rows(self, table: str) -> Iterator[dict[str, Any]]:
        if table == "articles":
            yield from self.iter_articles()
            return
        for (data,) in self.db.execute(
                "SELECT r.data FROM rows r JOIN articles a ON a.article_id = r.article_id "
                "WHERE r.tbl=? ORDER BY a.seen_run, a.pos, r.seq", (table,)):
            yield json.loads(data)

    def counts(self) -> dict[str, int]:
        out = dict(self.db.execute(
            "SELECT status, COUNT(*) FROM articles WHERE seen_run=? GROUP BY status",
            (self.run,)).fetchall())
        for table in ROW_TYPES:
            out[table] = self.db.execute(
                "SELECT COUNT(*) FROM rows WHERE tbl=?", (table,)).fetchone()[0]
        return out

    def close(self) -> None:
        self.commit()
        self.db.close()


def _dump_article(article: Article) -> str:
    data = asdict(article)
    data.pop("text", None)  # the text stays in the input; the table needs only its metadata
    return json.dumps({k: data[k] for k in _ARTICLE_FIELDS if k in data}, ensure_ascii=False)
