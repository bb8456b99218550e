"""A full disk or a permission error at every write point of a run: the table temp files
(open, write, sync, rename) and the state database (open, registrations, texts, rows,
commits, the version). Each time: one OutputError naming the path, the previous complete
tables byte for byte, no temp file left, a sound state database; and a re-run after the
error writes the same tables as runs that never failed."""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import OutputError
from pipeline.records import TABLES
from pipeline.run import RunConfig, extract

LEADERS = [("Kassym-Jomart Tokayev", "Kazakhstan", "Astana"),
           ("Emomali Rahmon", "Tajikistan", "Dushanbe"),
           ("Shavkat Mirziyoyev", "Uzbekistan", "Tashkent"),
           ("Sadyr Japarov", "Kyrgyzstan", "Bishkek")]


def article(n: int) -> dict:
    name, country, city = LEADERS[n % 4]
    other = LEADERS[(n + 1) % 4]
    text = (f"President of {country} {name} held talks with President {other[0]} in {city} on "
            f"May {10 + n}, 2021. The two presidents signed an agreement on trade and a "
            f"memorandum of understanding on water use. Trade between the two countries "
            f"reached about ${n + 1}.5 billion last year, and the leaders agreed that their "
            f"ministers will meet again in the autumn to review the progress of the work.")
    return {"id": f"art-{n}", "date": f"2021-05-{11 + n}", "text": text}


def write_input(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(article(i)) + "\n" for i in range(n)), encoding="utf-8")
    return path


def run(nlp, inputs: Path, out: Path) -> None:
    extract(RunConfig(inputs=[str(inputs)], out=out, chunk_size=2), nlp=nlp)


def tables(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.csv").read_bytes() for t in TABLES}


@pytest.fixture(scope="module")
def runs(nlp, tmp_path_factory):
    """(folder after a first run on 4 articles, the 8-article input, the tables of the runs
    on 4 and then 8 articles that never failed)."""
    base = tmp_path_factory.mktemp("disk")
    small, big = write_input(base / "small.jsonl", 4), write_input(base / "big.jsonl", 8)
    first = base / "first"
    run(nlp, small, first)
    reference = base / "reference"
    shutil.copytree(first, reference)
    run(nlp, big, reference)
    return first, big, tables(reference)


class FaultyConnection:
    """A sqlite3 connection whose statements starting with `prefix` fail on the `nth` call."""

    def __init__(self, db: sqlite3.Connection, fault: dict) -> None:
        self._db, self._fault = db, fault

    def _check(self, sql: str) -> None:
        fault = self._fault
        if fault["armed"] and sql.lstrip().upper().startswith(fault["prefix"]):
            fault["calls"] += 1
            if fault["calls"] == fault["nth"]:
                fault["armed"] = False
                raise fault["error"]

    def execute(self, sql: str, *args):
        self._check(sql)
        return self._db.execute(sql, *args)

    def executemany(self, sql: str, rows):
        self._check(sql)
        return self._db.executemany(sql, rows)

    def executescript(self, sql: str):
        return self._db.executescript(sql)

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction

    def close(self) -> None:
        self._db.close()


ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
EACCES = OSError(errno.EACCES, os.strerror(errno.EACCES))
SQLITE_FULL = sqlite3.OperationalError("database or disk is full")


class FailingFile:
    """A text file whose writes fail once `budget` characters were written."""

    def __init__(self, fh, budget: int, error: OSError) -> None:
        self._fh, self._budget, self._error = fh, budget, error

    def write(self, text: str) -> int:
        self._budget -= len(text)
        if self._budget < 0:
            raise self._error
        return self._fh.write(text)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def inject_table_fault(monkeypatch, point: str, error: OSError) -> str:
    """Make the table writer fail at `point`; returns the file name the message names."""
    real_open = open
    if point == "open":
        def faulty_open(path, *args, **kwargs):
            if ".dates.csv." in str(path):
                raise error
            return real_open(path, *args, **kwargs)
        monkeypatch.setattr("pipeline.writers.open", faulty_open, raising=False)
        return ".dates.csv."
    if point == "write":
        def faulty_open(path, *args, **kwargs):
            fh = real_open(path, *args, **kwargs)
            return FailingFile(fh, 300, error) if ".trade.csv." in str(path) else fh
        monkeypatch.setattr("pipeline.writers.open", faulty_open, raising=False)
        return ".trade.csv."
    if point == "fsync":
        calls = []

        def faulty_fsync(fd):
            calls.append(fd)
            if len(calls) == 4:  # the fourth table: documents
                raise error
            os.fsync(fd)
        monkeypatch.setattr("pipeline.writers.fsync", faulty_fsync)
        return ".documents.csv."
    assert point == "rename"
    calls = []

    def faulty_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # two tables already renamed: they are put back
            raise error
        os.replace(src, dst)
    monkeypatch.setattr("pipeline.writers.replace", faulty_replace)
    return "dates.csv"


def inject_state_fault(monkeypatch, prefix: str, nth: int, error: Exception) -> dict:
    fault = {"prefix": prefix, "nth": nth, "error": error, "calls": 0, "armed": True}
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        if prefix == "CONNECT":
            raise error
        return FaultyConnection(real_connect(*args, **kwargs), fault)
    monkeypatch.setattr(sqlite3, "connect", connect)
    return fault


def check_after_failure(out: Path, before: dict[str, bytes]) -> None:
    assert tables(out) == before  # the previous complete tables, byte for byte
    assert sorted(p.name for p in out.glob(".*.tmp")) == []
    with sqlite3.connect(out / ".communique" / "state.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        done = db.execute("SELECT COUNT(*) FROM articles WHERE done=1").fetchone()[0]
        rows = db.execute("SELECT COUNT(DISTINCT article_id) FROM rows").fetchone()[0]
        assert rows <= done  # rows only for articles whose processing was committed


@pytest.mark.parametrize("point, error", [
    ("open", ENOSPC), ("write", ENOSPC), ("fsync", ENOSPC), ("rename", EACCES),
    ("write", EACCES),
])
def test_disk_full_while_writing_a_table(nlp, runs, tmp_path, monkeypatch, point, error):
    first, big, reference = runs
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = tables(out)
    with monkeypatch.context() as patch:
        named = inject_table_fault(patch, point, error)
        with pytest.raises(OutputError) as failure:
            run(nlp, big, out)
    message = str(failure.value)
    assert named in message and str(out) in message and error.strerror in message
    assert "run the same command again" in message
    check_after_failure(out, before)
    run(nlp, big, out)  # space freed: the re-run completes
    assert tables(out) == reference


@pytest.mark.parametrize("prefix, nth, error", [
    ("CONNECT", 1, sqlite3.OperationalError("unable to open database file")),
    ("INSERT OR REPLACE INTO ARTICLES", 3, ENOSPC),  # registering the 2nd chunk
    ("INSERT OR REPLACE INTO TEXTS", 3, SQLITE_FULL),  # keeping a text
    ("INSERT INTO ROWS", 2, ENOSPC),  # the rows of the 2nd chunk
    ("UPDATE ARTICLES SET RECORD", 3, SQLITE_FULL),  # a processed article
    ("COMMIT", 3, SQLITE_FULL),  # a commit in the middle
    ("INSERT OR REPLACE INTO META", 2, EACCES),  # the version, after all processing
])
def test_disk_full_while_writing_the_state(nlp, runs, tmp_path, monkeypatch, prefix, nth,
                                           error):
    first, big, reference = runs
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = tables(out)
    with monkeypatch.context() as patch:
        fault = inject_state_fault(patch, prefix, nth, error)
        with pytest.raises(OutputError) as failure:
            run(nlp, big, out)
    assert prefix == "CONNECT" or not fault["armed"]  # the fault did fire
    message = str(failure.value)
    assert str(out / ".communique" / "state.sqlite") in message
    assert (getattr(error, "strerror", None) or str(error)) in message
    check_after_failure(out, before)
    run(nlp, big, out)
    assert tables(out) == reference


def test_disk_full_cli_exits_non_zero_with_one_message(runs, tmp_path, monkeypatch):
    first, big, _ = runs
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = tables(out)
    inject_table_fault(monkeypatch, "rename", EACCES)
    result = CliRunner().invoke(cli, ["extract", str(big), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert str(out / "dates.csv") in lines[0] and "Permission denied" in lines[0]
    assert "Traceback" not in result.output
    assert tables(out) == before


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_disk_full_for_real_files_past_a_size_limit(nlp, runs, tmp_path):
    """No injection: the OS refuses writes past RLIMIT_FSIZE (EFBIG), as a full disk
    refuses them, to SQLite and to the table writer alike."""
    first, big, reference = runs
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = tables(out)
    biggest = max(p.stat().st_size for p in out.rglob("*") if p.is_file())
    exe = Path(sys.executable).with_name("communique")
    result = subprocess.run([str(exe), "extract", str(big), "--out", str(out), "--quiet"],
                            capture_output=True, text=True, timeout=600,
                            preexec_fn=_limit_file_size(biggest + 4096))
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and str(out) in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    check_after_failure(out, before)
    run(nlp, big, out)
    assert tables(out) == reference
