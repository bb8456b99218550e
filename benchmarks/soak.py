"""Soak: many articles through `communique extract --workers 2`, memory sampled (not a test).

    .venv/bin/python benchmarks/soak.py [--n 50000] [--workers 2] [--interval 10]
                                        [--max-minutes M]

Articles of ../shared/corpus (every file but the dev sample, round-robin, empty texts left
out) are repeated under new ids until there are N. A repeated text would be skipped as a
duplicate of its first copy, so each copy after the first ends with one extra line ("Copy K
of article ID."): every article goes through the pipeline. The run is a subprocess; every
INTERVAL seconds the RSS of the run and of its worker processes is printed, with the
articles committed so far (read from the state database). At the end: wall time, statuses
of articles.csv (target: 0 failed), and memory over time (median RSS of the first and the
last quarter of the samples, and the peak; target: flat, i.e. last/first below 1.10).
With --max-minutes, a run still going after M minutes is interrupted (SIGINT, as Ctrl-C)
and the statuses are read from the state database: the figures are then for the articles
committed by then. Inputs and outputs go to a temporary folder, never into the repository.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared")) / "corpus"
EXCLUDE = {"dev_sample.jsonl"}
MB = 1 << 20


def corpus_records() -> list[dict]:
    files = [p for p in sorted(SHARED.glob("*.jsonl")) if p.name not in EXCLUDE]
    if not files:
        sys.exit(f"no JSONL files in {SHARED} (set COMMUNIQUE_SHARED)")
    per_file = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        per_file.append([{k: r.get(k, "") for k in ("id", "title", "date", "source", "url",
                                                     "text")}
                         for r in records if (r.get("text") or "").strip()])
    mixed = []
    streams = [iter(f) for f in per_file]
    while streams:  # round-robin over the sources until every one is used up
        for stream in list(streams):
            record = next(stream, None)
            if record is None:
                streams.remove(stream)
            else:
                mixed.append(record)
    return mixed


def write_input(path: Path, n: int) -> int:
    base = corpus_records()
    chars = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            record = dict(base[i % len(base)])
            copy = i // len(base)
            if copy:
                record["text"] += f"\n\nCopy {copy + 1} of article {record['id']}."
            record["id"] = f"soak-{i:06d}"
            chars += len(record["text"])
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return chars


def committed(state: Path) -> int | None:
    if not state.exists():
        return None
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM articles WHERE done=1").fetchone()[0]
    except sqlite3.Error:
        return None


def rss(proc: psutil.Process) -> tuple[float, float, int]:
    """(run MB, workers MB summed, worker count)."""
    try:
        own = proc.memory_info().rss / MB
        children = proc.children(recursive=True)
    except psutil.Error:
        return 0.0, 0.0, 0
    workers = 0.0
    for child in children:
        try:
            workers += child.memory_info().rss / MB
        except psutil.Error:
            pass
    return own, workers, len(children)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="interrupt the run after this long and report what it committed")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="communique-soak-"))
    inp, out = tmp / "soak.jsonl", tmp / "out"
    chars = write_input(inp, args.n)
    print(f"input: {args.n:,} articles, {chars:,} characters, "
          f"{inp.stat().st_size / MB:,.0f} MB in {inp}", flush=True)
    exe = Path(sys.executable).with_name("communique")
    cmd = [str(exe), "extract", str(inp), "--out", str(out), "--workers", str(args.workers),
           "--quiet"]
    print("run:", " ".join(cmd), flush=True)
    started = time.perf_counter()
    # A background job of a non-interactive shell inherits SIGINT ignored: restore it, so
    # --max-minutes can interrupt the run as Ctrl-C would.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    watched = psutil.Process(proc.pid)
    samples: list[tuple[float, float, float, int | None]] = []
    print(f"{'elapsed s':>9} {'run MB':>8} {'workers MB':>10} {'total MB':>9} "
          f"{'committed':>9} {'articles/s':>10}", flush=True)
    interrupted = False
    while proc.poll() is None:
        time.sleep(args.interval)
        if args.max_minutes and time.perf_counter() - started > args.max_minutes * 60 \
                and not interrupted:
            print(f"-- {args.max_minutes:g} minutes: interrupting the run (SIGINT)", flush=True)
            proc.send_signal(signal.SIGINT)
            interrupted = True
        own, workers, _ = rss(watched)
        if not own:
            continue
        elapsed = time.perf_counter() - started
        done = committed(out / ".communique" / "state.sqlite")
        samples.append((elapsed, own, workers, done))
        rate = f"{done / elapsed:10.1f}" if done else f"{'-':>10}"
        print(f"{elapsed:9.0f} {own:8.0f} {workers:10.0f} {own + workers:9.0f} "
              f"{done if done is not None else '-':>9} {rate}", flush=True)
    wall = time.perf_counter() - started
    stdout, stderr = proc.communicate()
    done = committed(out / ".communique" / "state.sqlite") or 0
    print(f"exit code {proc.returncode}, wall time {wall:,.0f} s, {done:,} of {args.n:,} "
          f"articles committed ({done / wall:,.1f} articles/s)")
    if stderr.strip():
        print("stderr:", stderr.strip()[-2000:])

    statuses: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    articles = out / "articles.csv"
    if interrupted:  # no tables: the statuses of the articles committed, from the state
        with sqlite3.connect(f"file:{out / '.communique' / 'state.sqlite'}?mode=ro",
                             uri=True) as db:
            for status, error in db.execute(
                    "SELECT status, json_extract(record, '$.error') FROM articles WHERE done=1"):
                statuses[status] += 1
                if status != "ok":
                    reasons[f"{status}: {(error or '')[:70]}"] += 1
        print("(interrupted: statuses of the committed articles, from the state database)")
    elif articles.exists():
        with open(articles, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                statuses[row["status"]] += 1
                if row["status"] != "ok":
                    reasons[f"{row['status']}: {row['error'][:70]}"] += 1
    print(f"{'state' if interrupted else 'articles.csv'}: {sum(statuses.values()):,} rows; " +
          ", ".join(f"{s} {n:,}" for s, n in sorted(statuses.items())))
    print(f"failed records: {statuses.get('failed', 0)}")
    for reason, n in reasons.most_common(6):
        print(f"  {n:6,}  {reason}")
    if len(samples) >= 8:
        quarter = len(samples) // 4
        for label, part in (("run", 1), ("workers", 2)):
            first = statistics.median(s[part] for s in samples[:quarter])
            last = statistics.median(s[part] for s in samples[-quarter:])
            peak = max(s[part] for s in samples)
            print(f"{label} RSS: first-quarter median {first:,.0f} MB, last-quarter median "
                  f"{last:,.0f} MB (x{last / first:.2f}), peak {peak:,.0f} MB")
    print(f"(outputs kept in {tmp}; remove it when done)")


if __name__ == "__main__":
    main()
