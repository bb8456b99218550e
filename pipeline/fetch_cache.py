"""What the fetcher remembers between polls: OUT/.communique/fetch.sqlite.

- `pages`: every fetched resource (feed, site page, article page) by normalized URL: its
  raw body (zlib), status, content type, ETag and Last-Modified. A re-run with new rules
  reads article pages from here instead of downloading them again.
- `entries`: every feed entry seen, by normalized URL, with the feed's metadata for it, a
  hash of its title and summary (the same story under another URL is not fetched twice),
  and its state: pending (to fetch), fetched, failed (retried on later polls while the
  failure may pass, at most MAX_ATTEMPTS times), skipped (robots.txt), duplicate.
- `robots`: robots.txt bodies by origin, reused for a day.

The file sits beside the state database and is covered by the output folder's lock. Fetch
threads share one connection behind a lock; every statement commits on its own.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.state import STATE_DIR

FETCH_FILE = "fetch.sqlite"
MAX_ATTEMPTS = 3  # polls that try a page whose fetch failed with a passing error

PENDING, FETCHED, FAILED, SKIPPED, DUPLICATE = "pending", "fetched", "failed", "skipped", \
    "duplicate"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,  -- normalized URL as requested
    kind TEXT NOT NULL,    -- feed | site | page
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    etag TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    body BLOB NOT NULL     -- zlib-compressed raw bytes
);
CREATE TABLE IF NOT EXISTS entries (
    url TEXT PRIMARY KEY,  -- normalized entry link
    link TEXT NOT NULL,    -- as the feed gives it (absolute)
    feed TEXT NOT NULL,    -- the feed that listed it first
    poll INTEGER NOT NULL, -- the poll that saw it first
    seq INTEGER NOT NULL,  -- its position in that feed document
    hash TEXT NOT NULL,    -- sha256 of its title and summary ('' when too thin to tell)
    meta TEXT NOT NULL,    -- JSON: title, summary, published, author, feed_title, n
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS entries_feed ON entries(feed, state);
CREATE INDEX IF NOT EXISTS entries_hash ON entries(hash);
CREATE TABLE IF NOT EXISTS robots (
    origin TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
"""


@dataclass
class CachedPage:
    url: str
    kind: str
    final_url: str
    status: int
    content_type: str
    etag: str
    last_modified: str
    fetched_at: float
    body: bytes


@dataclass
class Entry:
    """A feed entry: its identity (normalized URL), link, feed and the feed's fields."""

    url: str
    link: str
    feed: str
    seq: int
    hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


class FetchCache:
    def __init__(self, out_dir: Path) -> None:
        directory = Path(out_dir) / STATE_DIR
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FETCH_FILE
        self._lock = threading.Lock()
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.poll = int(self._meta("polls") or 0) + 1
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('polls', ?)", (str(self.poll),))

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with self._lock:
            if self.db is not None:
                self.db.close()
                self.db = None  # type: ignore[assignment]

    # -- pages
    def page(self, url: str) -> CachedPage | None:
        with self._lock:
            row = self.db.execute(
                "SELECT url, kind, final_url, status, content_type, etag, last_modified, "
                "fetched_at, body FROM pages WHERE url=?", (url,)).fetchone()
        if row is None:
            return None
        return CachedPage(*row[:8], zlib.decompress(row[8]))

    def put_page(self, url: str, kind: str, final_url: str, status: int, content_type: str,
                 etag: str, last_modified: str, body: bytes) -> None:
        with self._lock:
            self.db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (url, kind, final_url, status, content_type, etag, last_modified, time.time(),
                 zlib.compress(body, 6)))

    def touch_page(self, url: str) -> None:
        """A 304: the stored copy is current."""
        with self._lock:
            self.db.execute("UPDATE pages SET fetched_at=? WHERE url=?", (time.time(), url))

    # -- robots.txt (the `robots_store` interface of PoliteClient)
    def get_robots(self, origin: str) -> tuple[int, str, float] | None:
        with self._lock:
            row = self.db.execute("SELECT status, body, fetched_at FROM robots WHERE origin=?",
                                  (origin,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def put_robots(self, origin: str, status: int, body: str) -> None:
        with self._lock:
            self.db.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                            (origin, status, body, time.time()))

    # -- feed entries
    def add_entries(self, entries: list[Entry],
                    again: bool = False) -> list[tuple[Entry, str | None]]:
        """Record the entries of a feed document. Returns the new ones, each with the URL of
        an older entry of the same title and summary (a duplicate) or None. `again`: entries
        seen before become pending again (--refetch)."""
        new = []
        with self._lock:
            self.db.execute("BEGIN")
            try:
                for entry in entries:
                    row = self.db.execute("SELECT state FROM entries WHERE url=?",
                                          (entry.url,)).fetchone()
                    if row is not None:
                        if again:
                            self.db.execute(
                                "UPDATE entries SET state=?, attempts=0, retry=0, error='', "
                                "feed=?, meta=? WHERE url=?",
                                (PENDING, entry.feed, json.dumps(entry.meta), entry.url))
                        continue
                    other = None
                    if entry.hash:
                        hit = self.db.execute(
                            "SELECT url FROM entries WHERE hash=? LIMIT 1",
                            (entry.hash,)).fetchone()
                        other = hit[0] if hit else None
                    self.db.execute(
                        "INSERT INTO entries (url, link, feed, poll, seq, hash, meta, state) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (entry.url, entry.link, entry.feed, self.poll, entry.seq, entry.hash,
                         json.dumps(entry.meta), DUPLICATE if other else PENDING))
                    new.append((entry, other))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return new

    def due(self, feed: str, limit: int | None = None) -> list[Entry]:
        """The feed's entries to fetch in this poll, oldest first: pending ones and those
        whose fetch failed with an error that may pass."""
        sql = ("SELECT url, link, feed, seq, hash, meta FROM entries WHERE feed=? AND "
               "(state=? OR (state=? AND retry=1 AND attempts<?)) ORDER BY poll, seq")
        args: tuple[Any, ...] = (feed, PENDING, FAILED, MAX_ATTEMPTS)
        if limit is not None:
            sql += " LIMIT ?"
            args += (limit,)
        with self._lock:
            rows = self.db.execute(sql, args).fetchall()
        return [_entry(row) for row in rows]

    def fetched(self, feed: str) -> list[Entry]:
        """The feed's entries whose pages are in the cache (for --force)."""
        with self._lock:
            rows = self.db.execute(
                "SELECT url, link, feed, seq, hash, meta FROM entries WHERE feed=? AND "
                "state=? ORDER BY poll, seq", (feed, FETCHED)).fetchall()
        return [_entry(row) for row in rows]

    def set_entry(self, url: str, state: str, error: str = "", retry: bool = False) -> None:
        with self._lock:
            self.db.execute(
                "UPDATE entries SET state=?, error=?, retry=?, "
                "attempts=attempts + (CASE WHEN ?='failed' THEN 1 ELSE 0 END) WHERE url=?",
                (state, error, int(retry), state, url))


def _entry(row: tuple) -> Entry:
    return Entry(url=row[0], link=row[1], feed=row[2], seq=row[3], hash=row[4],
                 meta=json.loads(row[5]))
