"""The review app's index of an output folder: articles and rows in SQLite, for fast pages.

Built from the folder's tables (CSV or Parquet, the newer of the two, as `read_tables`
chooses) and the article texts kept in the run's state, into
`OUTDIR/.communique/review_index.sqlite`: one row per article (status, rows per table,
lowest confidence), one row per extracted row (offsets, rule, confidence, the fingerprint of
its editable fields, the row itself as JSON) and a full-text index of titles and texts.
It is rebuilt when a table file changes (size or modification time), e.g. after a re-run of
`extract`, and otherwise reused across restarts. Pages query it with SQL (filters,
pagination), attaching the review log to tell reviewed rows from the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
import zlib
from pathlib import Path

from pipeline.errors import Errors, UsageError
from pipeline.records import ROW_TYPES, TABLES
from pipeline.review.decisions import review_path
from pipeline.review.fields import fingerprint
from pipeline.state import STATE_DIR, STATE_FILE
from pipeline.writers import iter_table, table_file

INDEX_FILE = "review_index.sqlite"
INDEX_VERSION = "3"
ROW_TABLES = tuple(ROW_TYPES)

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
    pos INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    status TEXT, title TEXT, published TEXT, source TEXT, url TEXT, error TEXT, rules TEXT,
    n_chars INTEGER, has_text INTEGER NOT NULL DEFAULT 0,
    n_rows INTEGER NOT NULL DEFAULT 0, min_conf REAL,
    {", ".join(f"n_{t} INTEGER NOT NULL DEFAULT 0, min_{t} REAL" for t in ROW_TABLES)}
);
CREATE TABLE rows (
    row_id TEXT PRIMARY KEY,
    tbl TEXT NOT NULL,
    article_id TEXT NOT NULL,
    apos INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER, "end" INTEGER,
    rule TEXT, confidence REAL,
    fp TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE rules (tbl TEXT, rule TEXT, n INTEGER);
CREATE VIRTUAL TABLE search USING fts5(title, body, content='',
                                       tokenize='unicode61 remove_diacritics 2');
"""
_INDEXES = """
CREATE INDEX rows_article ON rows(apos, tbl, seq, confidence, rule, row_id, fp);  -- covering
CREATE INDEX rows_rule ON rows(rule, apos);
CREATE INDEX rows_conf ON rows(confidence, apos);
CREATE INDEX articles_conf ON articles(min_conf, pos);
CREATE INDEX articles_status ON articles(status, pos);
"""
# The review log's current decisions, for a folder whose log is absent (read-only).
_EMPTY_LATEST = ("CREATE TABLE rv.latest (row_id TEXT PRIMARY KEY, decision INTEGER, "
                 "tbl TEXT, article_id TEXT, action TEXT, added INTEGER, fp TEXT)")
# `complete`: the tables of articles marked "reviewed: nothing to add" (none for a log
# written before article marks, or no log).
_COMPLETE = ("CREATE TEMP VIEW complete AS SELECT article_id, tbl FROM rv.latest_marks "
             "WHERE mark = 'complete'")
_NO_COMPLETE = "CREATE TEMP VIEW complete AS SELECT '' AS article_id, '' AS tbl WHERE 0"


def state_path(outdir: Path) -> Path:
    return Path(outdir) / STATE_DIR / STATE_FILE


def table_files(outdir: Path) -> dict[str, Path]:
    """The file of each table in `outdir` (the newer of CSV and Parquet)."""
    files = {}
    for table in TABLES:
        path = table_file(outdir, table)
        if path is None:
            raise UsageError(Errors.U008.format(path=outdir, table=table))
        files[table] = path
    return files


def signature(files: dict[str, Path]) -> str:
    """What the index was built from: each table file's name, size and mtime."""
    parts = [INDEX_VERSION]
    for table, path in sorted(files.items()):
        st = path.stat()
        parts.append(f"{table}:{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def open_state(outdir: Path) -> sqlite3.Connection:
    """The run's state database, read-only (a running `extract` keeps writing to it)."""
    path = state_path(outdir)
    if not path.is_file():
        raise UsageError(Errors.R020.format(path=outdir, state=f"{STATE_DIR}/{STATE_FILE}"))
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10,
                           check_same_thread=False)


def read_text(db: sqlite3.Connection, article_id: str, schema: str = "main") -> str | None:
    """An article's text from the state (None: the folder was written before texts were
    kept, or the article has none)."""
    try:
        row = db.execute(f"SELECT text FROM {schema}.texts WHERE article_id=?",
                         (article_id,)).fetchone()
    except sqlite3.OperationalError:  # no texts table: written before texts were kept
        return None
    return zlib.decompress(row[0]).decode("utf-8") if row else None


class Index:
    """The index of one output folder, rebuilt when its tables change."""

    def __init__(self, outdir: Path | str, path: Path | None = None) -> None:
        self.outdir = Path(outdir)
        self.path = path or self.outdir / STATE_DIR / INDEX_FILE
        if not os.access(self.path.parent, os.W_OK):  # a folder we may not write to
            key = hashlib.sha1(str(self.outdir.resolve()).encode()).hexdigest()[:12]
            self.path = Path(tempfile.gettempdir()) / f"communique-review-{key}" / INDEX_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.generation = 0
        self.build_seconds: float | None = None
        self._signature = ""
        self._lock = threading.Lock()
        self._local = threading.local()

    def ensure(self) -> None:
        """Make the index current: reuse it when the tables did not change, else rebuild."""
        files = table_files(self.outdir)
        sig = signature(files)
        if sig == self._signature:
            return
        with self._lock:
            if sig == self._signature:
                return
            if self._stored_signature() != sig:
                self._build(files, sig)
            self._signature = sig
            self.generation += 1

    def _stored_signature(self) -> str | None:
        if not self.path.is_file():
            return None
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM meta WHERE key='signature'").fetchone()
            finally:
                db.close()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    def _build(self, files: dict[str, Path], sig: str) -> None:
        started = time.perf_counter()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp, isolation_level=None)
        state = open_state(self.outdir)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            positions = self._load_articles(db, files["articles"], state)
            for table in ROW_TABLES:
                self._load_rows(db, table, files[table], positions)
            self._summarize(db)
            db.execute("INSERT INTO meta VALUES ('signature', ?)", (sig,))
            db.execute("COMMIT")
            db.executescript(_INDEXES)  # after the load: faster than updating them per row
            db.execute("ANALYZE")
        finally:
            db.close()
            state.close()
        os.replace(tmp, self.path)
        self.build_seconds = time.perf_counter() - started

    @staticmethod
    def _load_articles(db: sqlite3.Connection, path: Path, state: sqlite3.Connection
                       ) -> dict[str, int]:
        positions: dict[str, int] = {}
        for pos, a in enumerate(iter_table(path, "articles")):
            article_id = a.get("article_id") or ""
            text = read_text(state, article_id)
            positions[article_id] = pos
            db.execute(
                "INSERT INTO articles (pos, article_id, status, title, published, source, url, "
                "error, rules, n_chars, has_text) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (pos, article_id, a.get("status"), a.get("title"), a.get("published"),
                 a.get("source"), a.get("url"), a.get("error"), a.get("rules"),
                 a.get("n_chars"),
                 int(text is not None)))
            if text or a.get("title"):
                db.execute("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)",
                           (pos, f"{article_id} {a.get('title') or ''}", text or ""))
        return positions

    @staticmethod
    def _load_rows(db: sqlite3.Connection, table: str, path: Path,
                   positions: dict[str, int]) -> None:
        seq: dict[str, int] = {}
        batch = []
        for row in iter_table(path, table):
            article_id = row.get("article_id") or ""
            n = seq[article_id] = seq.get(article_id, -1) + 1
            batch.append((row["row_id"], table, article_id, positions.get(article_id, -1), n,
                          row.get("start"), row.get("end"), row.get("rule"),
                          row.get("confidence"), fingerprint(table, row),
                          json.dumps(row, ensure_ascii=False)))
            if len(batch) >= 5000:
                db.executemany("INSERT OR REPLACE INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                               batch)
                batch = []
        db.executemany("INSERT OR REPLACE INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch)

    @staticmethod
    def _summarize(db: sqlite3.Connection) -> None:
        per_table = ", ".join(
            f"SUM(tbl='{t}') AS n_{t}, MIN(CASE WHEN tbl='{t}' THEN confidence END) AS min_{t}"
            for t in ROW_TABLES)
        sets = ", ".join(f"n_{t}=s.n_{t}, min_{t}=s.min_{t}" for t in ROW_TABLES)
        db.execute(
            f"UPDATE articles SET n_rows=s.n, min_conf=s.mc, {sets} FROM "
            f"(SELECT apos, COUNT(*) AS n, MIN(confidence) AS mc, {per_table} "
            "FROM rows GROUP BY apos) AS s WHERE articles.pos = s.apos")
        db.execute("INSERT INTO rules SELECT tbl, rule, COUNT(*) FROM rows "
                   "GROUP BY tbl, rule ORDER BY tbl, rule")

    def connect(self) -> sqlite3.Connection:
        """This thread's read connection: the index, with the review log attached as `rv`
        and the run's state as `st` (both read-only), and the temporary view `complete`
        (article_id, tbl) of the tables marked complete."""
        cached = getattr(self._local, "db", None)
        if cached is not None and self._local.generation == self.generation:
            return cached
        if cached is not None:
            cached.close()
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        log = review_path(self.outdir)
        if log.is_file():
            db.execute("ATTACH DATABASE ? AS rv", (f"file:{log}?mode=ro",))
        else:
            db.execute("ATTACH DATABASE ':memory:' AS rv")
            db.execute(_EMPTY_LATEST)
        marked = db.execute("SELECT 1 FROM rv.sqlite_master WHERE name='latest_marks'"
                            ).fetchone()
        db.execute(_COMPLETE if marked else _NO_COMPLETE)
        db.execute("ATTACH DATABASE ? AS st", (f"file:{state_path(self.outdir)}?mode=ro",))
        self._local.db, self._local.generation = db, self.generation
        return db

    def text(self, article_id: str) -> str | None:
        return read_text(self.connect(), article_id, "st")
