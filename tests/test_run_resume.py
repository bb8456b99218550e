"""A run killed with SIGKILL midway, then started again, ends with the tables of an
uninterrupted run: nothing duplicated, nothing lost.

The killed run is a real `python -m pipeline extract` subprocess on a generated corpus of
synthetic articles (written here); it is killed once the state database shows enough
committed articles. Nothing in the production code knows about the test.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run import RunConfig, extract
from pipeline.state import STATE_DIR, STATE_FILE
from helpers import read_tables as tables

ROOT = Path(__file__).resolve().parent.parent
N_ARTICLES = 120
CHUNK = 8

LEADERS = [("President", "Arlen Dovik", "Kazakhstan"), ("Prime Minister", "Mira Sotel", "India"),
           ("President", "Tomas Revan", "Mongolia"), ("Chancellor", "Ilse Brandt", "Germany"),
           ("Foreign Minister", "Kemal Aydar", "Turkey"), ("President", "Nadia Korr", "Chile")]
DOCUMENTS = ["a memorandum of understanding on energy cooperation",
             "an agreement on the avoidance of double taxation",
             "a joint declaration on strategic partnership", "a protocol on customs procedures"]
MONTHS = ["January", "March", "May", "June", "September", "November"]


def synthetic_article(n: int, rng: random.Random) -> dict[str, str]:
    (t1, n1, c1), (t2, n2, c2) = rng.sample(LEADERS, 2)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2024)
    amount = rng.randint(2, 900)
    text = (f"{t1} {n1} of {c1} held talks with {t2} {n2} of {c2} in the capital on {day} "
            f"{month} {year}. The two leaders discussed trade, transport and security, and "
            f"they signed {rng.choice(DOCUMENTS)}. According to the statement, trade between "
            f"{c1} and {c2} reached ${amount} million last year, and both sides agreed to "
            f"double it by {year + 5}. Yesterday the ministers met again to prepare the next "
            f"visit, which is planned for {rng.choice(MONTHS)} {year + 1}. Article {n}.")
    return {"id": f"syn-{n:04d}", "date": f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}",
            "text": text}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    rng = random.Random(8)
    path = tmp_path_factory.mktemp("resume") / "feed.jsonl"
    records = [synthetic_article(n, rng) for n in range(N_ARTICLES)]
    records.insert(60, dict(records[10], id="syn-dup"))  # a duplicate to skip
    records.insert(90, {"id": "syn-0005", "text": "An id used twice, with its own text."})
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def uninterrupted(nlp, corpus, tmp_path_factory) -> dict[str, list[list[str]]]:
    out = tmp_path_factory.mktemp("uninterrupted")
    extract(RunConfig(inputs=[str(corpus)], out=out, chunk_size=CHUNK), nlp=nlp)
    return tables(out)


def committed(out: Path) -> int:
    """Articles whose rows are committed in the state database (0 before it exists)."""
    path = out / STATE_DIR / STATE_FILE
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM articles WHERE done=1").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def run_and_kill(corpus: Path, out: Path, at: int, *extra: str) -> int:
    """Start an extract subprocess, SIGKILL it once `at` articles are committed; returns the
    count seen just before the kill."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out),
         "--chunk-size", str(CHUNK), "--quiet", *extra],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    try:
        while (done := committed(out)) < at:
            assert proc.poll() is None, f"run ended before the kill: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, "run too slow to reach the kill point"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return done


@pytest.mark.parametrize("kills", [(24,), (8, 56)], ids=["once", "twice"])
def test_run_killed_midway_then_resumed_gives_identical_tables(nlp, corpus, uninterrupted,
                                                               tmp_path, kills):
    out = tmp_path / "out"
    for at in kills:
        done = run_and_kill(corpus, out, at)
    total = N_ARTICLES + 2
    assert done < total - 2 * CHUNK, "the kill came too late to test anything"
    resumed = extract(RunConfig(inputs=[str(corpus)], out=out, chunk_size=CHUNK), nlp=nlp)
    assert resumed.reused >= done - 2  # the duplicate and the renamed id are redone
    assert resumed.processed < total
    got = tables(out)
    assert got == uninterrupted
    ids = [row[0] for row in got["articles"][1:]]
    assert len(ids) == len(set(ids)) == total
