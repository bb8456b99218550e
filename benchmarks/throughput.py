"""Throughput and memory of `communique extract` on real news (not a test).

    .venv/bin/python benchmarks/throughput.py [--n 1000] [--big 10000] [--skip rss,workers]
    .venv/bin/python benchmarks/throughput.py --skip ratio,rss,workers   # triage only

Over the same N articles of ../shared/corpus (mixed sources, drawn round-robin from every
file but the dev sample) it measures:
  ratio    words/s of (a) bare `nlp.pipe` with the spaCy model's own components and of
           (b) the whole extraction (`extract()`: reading, rulers + extractors, state
           database, table export), both in-process with the model already loaded;
           target (b)/(a) >= 0.85. Also each communique component's share of (b).
  rss      peak (and median) RSS of `communique extract` subprocesses on N and on BIG
           articles; target: less than 10% growth. The peak is set by the longest article
           (spaCy's parser needs ~0.5 GB for a 30,000-word transcript), the median shows
           that nothing accumulates.
  workers  wall time of `communique extract --workers 1` vs `--workers 2` on N articles
           (model loading included); target: at least 1.6x on two cores.
  triage   words/s of (a) bare `nlp.pipe` (the full default model on all the text) and of
           (b) `extract()` with triage (the model on the candidate sentences only), side by
           side, with (c) `extract()` without triage for reference, on two corpora:
           --kremlin (300) Kremlin articles (dense diplomatic text; target (b)/(a) >= 1.3)
           and --news (2,000) articles round-robin over the Reuters and BBC files (a general
           feed; target >= 3). Also the share of sentences and of articles that reached the
           model, and the peak RSS of `communique extract --triage` and `--no-triage`.
           Then the ceiling any triage can reach while keeping the rows: (d) the model, rulers
           and extractors (`nlp.pipe` of the pipeline without triage) on only the sentences
           that hold a row of the run without triage (the least text they must read), and
           (e) `extract()` with triage and no trigger at all (reading, tokenizer, gazetteers,
           tables: what remains with the model skipped everywhere); best case
           (a)/((d)+(e)), for a first stage that would pick exactly those sentences, with no
           context and at no cost.
The sample files are written to a temporary folder, never into the repository.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared")) / "corpus"
EXCLUDE = {"dev_sample.jsonl"}  # drawn from the other files: would repeat articles


def sample(corpus: Path, n: int) -> list[dict]:
    """n records with text, round-robin over the corpus files (mixed sources)."""
    files = [p for p in sorted(corpus.glob("*.jsonl")) if p.name not in EXCLUDE]
    if not files:
        sys.exit(f"no JSONL files in {corpus}")
    return round_robin([_records(p) for p in files], n)


def round_robin(streams: list[Iterator[dict]], n: int) -> list[dict]:
    """Up to n records taken in turn from each stream until all are exhausted."""
    streams = list(streams)
    out: list[dict] = []
    while streams and len(out) < n:
        for stream in list(streams):
            record = next(stream, None)
            if record is None:
                streams.remove(stream)
            elif len(out) < n:
                out.append(record)
    return out


def _records(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if (record.get("text") or "").strip():
                yield {k: record.get(k, "") for k in ("id", "title", "date", "source", "text")}


def write_sample(records: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(dict(r, id=f"{r['source']}:{r['id']}"), ensure_ascii=False))
            fh.write("\n")
    return path


def words(records: list[dict]) -> int:
    return sum(len(r["text"].split()) for r in records)


# ---------------------------------------------------------------- (a) vs (b)

class Timing:
    """Wall and CPU seconds of this process (CPU time is less disturbed by other load)."""

    def __init__(self) -> None:
        self.wall, self.cpu = -time.perf_counter(), -time.process_time()

    def stop(self) -> Timing:
        self.wall += time.perf_counter()
        self.cpu += time.process_time()
        return self


def bare_seconds(nlp, texts: list[str], batch_size: int, chunk_size: int) -> Timing:
    """nlp.pipe over the texts, chunk by chunk inside memory zones, as the run does."""
    timing = Timing()
    for i in range(0, len(texts), chunk_size):
        with nlp.memory_zone():
            for _ in nlp.pipe(texts[i:i + chunk_size], batch_size=batch_size):
                pass
    return timing.stop()


def extract_seconds(nlp, path: Path, out: Path, batch_size: int, chunk_size: int) -> Timing:
    return extract_run(nlp, path, out, batch_size, chunk_size)[0]


def extract_run(nlp, path: Path, out: Path, batch_size: int, chunk_size: int) -> tuple:
    """(Timing, RunSummary) of `extract()` over `path` with the pipeline `nlp`."""
    from pipeline.run import RunConfig, extract

    timing = Timing()
    summary = extract(RunConfig(inputs=[str(path)], out=out, batch_size=batch_size,
                                chunk_size=chunk_size, force=True), nlp=nlp)
    return timing.stop(), summary


def component_shares(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds per component, doc by doc (the statistical ones batch better in the run)."""
    spent = {name: 0.0 for name, _ in nlp.pipeline}
    with nlp.memory_zone():
        for text in texts:
            doc = nlp.make_doc(text)
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                doc = proc(doc)
                spent[name] += time.perf_counter() - t
    return spent


def measure_ratio(args: argparse.Namespace, records: list[dict], path: Path,
                  tmp: Path) -> None:
    import spacy

    from pipeline.nlp import build_pipeline, resolve_model

    texts = [r["text"] for r in records]
    n_words = words(records)
    bare = spacy.load(resolve_model(args.model))
    full = build_pipeline(args.model)
    own = [n for n in full.pipe_names if n not in bare.pipe_names]
    print(f"model components: {', '.join(bare.pipe_names)}")
    print(f"communique components: {', '.join(own)}")
    bare_pipe = [n for n in full.pipe_names if n in bare.pipe_names]
    assert bare_pipe == bare.pipe_names, "the full pipeline must run the same model components"
    for nlp in (bare, full):  # warm-up
        bare_seconds(nlp, texts[:50], args.batch_size, args.chunk_size)
    runs_a, runs_b = [], []
    for rep in range(args.repeat):  # interleaved, best of: other load on the machine is noise
        runs_a.append(bare_seconds(bare, texts, args.batch_size, args.chunk_size))
        runs_b.append(extract_seconds(full, path, tmp / "ratio_out", args.batch_size,
                                      args.chunk_size))
        print(f"  repeat {rep + 1}: (a) {runs_a[-1].wall:.1f}s wall {runs_a[-1].cpu:.1f}s cpu"
              f"   (b) {runs_b[-1].wall:.1f}s wall {runs_b[-1].cpu:.1f}s cpu")
    for clock in ("wall", "cpu"):
        a = min(getattr(t, clock) for t in runs_a)
        b = min(getattr(t, clock) for t in runs_b)
        wa, wb = n_words / a, n_words / b
        print(f"[{clock}] (a) bare nlp.pipe:      {wa:8,.0f} words/s  ({a:.1f}s)")
        print(f"[{clock}] (b) communique extract: {wb:8,.0f} words/s  ({b:.1f}s)")
        print(f"[{clock}] ratio (b)/(a):          {wb / wa:8.3f}   target >= 0.85")
    shares = component_shares(full, texts[: args.profile])
    total = sum(shares.values())
    print(f"component shares, doc by doc over {min(args.profile, len(texts))} articles:")
    for name, seconds in sorted(shares.items(), key=lambda kv: -kv[1]):
        tag = "" if name in bare.pipe_names else "  (communique)"
        print(f"  {name:<24} {100 * seconds / total:5.1f}%{tag}")


# ---------------------------------------------------------------- subprocess runs

def cli_run(path: Path, out: Path, *extra: str) -> tuple[float, int, int]:
    """(wall seconds, peak RSS, median RSS in MB) of one `communique extract` subprocess
    (its own memory; worker processes not included)."""
    import statistics
    import threading

    import psutil

    cmd = [sys.executable, "-m", "pipeline", "extract", str(path), "--out", str(out),
           "--quiet", "--force", *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    samples: list[int] = []

    def sample_rss() -> None:
        try:
            child = psutil.Process(proc.pid)
            while True:
                samples.append(child.memory_info().rss >> 20)
                time.sleep(0.5)
        except psutil.Error:
            pass  # ended

    hwm: list[int] = []  # VmHWM of the child's own address space, as last read

    def sample_hwm() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while proc.returncode is None:
            try:
                line = next(x for x in status.read_text().splitlines()
                            if x.startswith("VmHWM:"))
                hwm.append(int(line.split()[1]) >> 10)  # kB
            except (OSError, StopIteration, ValueError):
                pass
            time.sleep(0.2)

    threading.Thread(target=sample_rss, daemon=True).start()
    threading.Thread(target=sample_hwm, daemon=True).start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    median = int(statistics.median(samples)) if samples else 0
    # ru_maxrss keeps the high-water mark of the forked copy of this (large) process from
    # before exec; VmHWM is that of the child's own memory (Linux), read up to its last 0.2s
    peak = max(hwm) if hwm else usage.ru_maxrss // 1024
    return seconds, peak, median


def measure_rss(args: argparse.Namespace, records: list[dict], tmp: Path) -> float:
    peaks, medians = {}, {}
    for n in (args.n, args.big):
        path = write_sample(records[:n], tmp / f"sample_{n}.jsonl")
        seconds, peaks[n], medians[n] = cli_run(path, tmp / f"rss_{n}")
        longest = max(len(r["text"]) for r in records[:n])
        print(f"{n:>6} articles: peak RSS {peaks[n]:5d} MB, median {medians[n]:5d} MB  "
              f"({seconds:.0f}s, {words(records[:n]) / seconds:,.0f} words/s incl. start-up; "
              f"longest article {longest:,} chars)")
    growth = peaks[args.big] / peaks[args.n] - 1
    print(f"peak RSS growth {args.n} -> {args.big}: {100 * growth:+.1f}%   target < +10% "
          f"(median {100 * (medians[args.big] / medians[args.n] - 1):+.1f}%)")
    return growth


def measure_workers(path: Path, tmp: Path) -> float:
    one = cli_run(path, tmp / "w1", "--workers", "1")[0]
    two = cli_run(path, tmp / "w2", "--workers", "2")[0]
    print(f"--workers 1: {one:.1f}s   --workers 2: {two:.1f}s   speed-up {one / two:.2f}x   "
          f"target >= 1.6x (cores: {os.cpu_count()})")
    return one / two


# ---------------------------------------------------------------- triage

def kremlin_sample(corpus: Path, n: int) -> list[dict]:
    """The first n Kremlin articles with text."""
    return list(itertools.islice(_records(corpus / "kremlin_en_news.jsonl"), n))


def news_sample(corpus: Path, n: int) -> list[dict]:
    """n articles round-robin over the Reuters and BBC files (a general news feed)."""
    streams = [_records(corpus / name) for name in ("reuters21578.jsonl", "bbc_fulltext.jsonl")]
    out: list[dict] = []
    for group in itertools.zip_longest(*streams):
        out.extend(r for r in group if r is not None)
        if len(out) >= n:
            break
    return out[:n]


def measure_triage(args: argparse.Namespace, tmp: Path) -> None:
    import spacy

    from pipeline.nlp import build_pipeline, resolve_model

    bare = spacy.load(resolve_model(args.model))
    full = build_pipeline(args.model)
    triaged = build_pipeline(args.model, triage=True)
    print(f"bare model components: {', '.join(bare.pipe_names)}")
    corpora = [("kremlin", kremlin_sample(args.corpus, args.kremlin), 1.3),
               ("news", news_sample(args.corpus, args.news), 3.0)]
    for name, records, target in corpora:
        path = write_sample(records, tmp / f"triage_{name}.jsonl")
        texts = [r["text"] for r in records]
        n_words = words(records)
        print(f"\n[{name}] {len(records)} articles, {n_words:,} words")
        for nlp in (bare, full, triaged):  # warm-up
            bare_seconds(nlp, texts[:20], args.batch_size, args.chunk_size)
        runs: dict[str, list[Timing]] = {"a": [], "b": [], "c": []}
        summary = None
        for rep in range(args.repeat):  # interleaved, best of
            runs["a"].append(bare_seconds(bare, texts, args.batch_size, args.chunk_size))
            timing, summary = extract_run(triaged, path, tmp / f"triage_{name}_out",
                                          args.batch_size, args.chunk_size)
            runs["b"].append(timing)
            runs["c"].append(extract_run(full, path, tmp / f"full_{name}_out",
                                         args.batch_size, args.chunk_size)[0])
            print(f"  repeat {rep + 1}: " + "   ".join(
                f"({k}) {v[-1].wall:.1f}s wall {v[-1].cpu:.1f}s cpu" for k, v in runs.items()))
        for clock in ("wall", "cpu"):
            best = {k: min(getattr(t, clock) for t in v) for k, v in runs.items()}
            rate = {k: n_words / v for k, v in best.items()}
            print(f"[{clock}] (a) bare nlp.pipe:         {rate['a']:8,.0f} words/s")
            print(f"[{clock}] (b) extract, triage:       {rate['b']:8,.0f} words/s   "
                  f"ratio (b)/(a) {rate['b'] / rate['a']:.2f}   target >= {target}")
            print(f"[{clock}] (c) extract, no triage:    {rate['c']:8,.0f} words/s   "
                  f"ratio (c)/(a) {rate['c'] / rate['a']:.2f}")
        if summary is not None and summary.sentences:
            print(f"reached the model: {summary.model_sentences:,} of {summary.sentences:,} "
                  f"sentences ({summary.model_sentences / summary.sentences:.1%}), "
                  f"{summary.model_articles} of {summary.processed} articles "
                  f"({summary.model_articles / summary.processed:.1%})")
        if "ceiling" not in args.triage_skip:
            ceiling(args, full, records, tmp / f"full_{name}_out", path, tmp, runs["a"],
                    target)
        if "rss" not in args.triage_skip:
            for flag in ("--triage", "--no-triage"):
                seconds, peak, median = cli_run(path, tmp / f"rss_{name}{flag}", flag)
                print(f"communique extract {flag:<12} peak RSS {peak:5d} MB, median {median:5d} "
                      f"MB ({seconds:.0f}s incl. start-up)")


def row_sentences(records: list[dict], out: Path) -> list[str]:
    """Per article, its sentences that hold a row of `out`'s tables, in text order."""
    from pipeline.evaluate import SCORED_TABLES, read_table

    held: dict[str, set[str]] = {}
    for table in SCORED_TABLES:
        for row in read_table(out, table) or ():
            held.setdefault(str(row["article_id"]), set()).add(str(row["sentence"]))
    texts = []
    for r in records:
        found = held.get(f"{r['source']}:{r['id']}", set())  # the ids of `write_sample`
        texts.append(" ".join(sorted(found, key=lambda s: r["text"].find(s))))
    return texts


def ceiling(args: argparse.Namespace, full, records: list[dict], full_out: Path, path: Path,
            tmp: Path, bare_runs: list[Timing], target: float) -> None:
    """The best ratio a triage that keeps every row can reach (see the module docstring)."""
    from pipeline.nlp import build_pipeline
    from pipeline.rules import init_rules

    texts = [t for t in row_sentences(records, full_out) if t]
    chars = sum(len(t) for t in texts) / max(1, sum(len(r["text"]) for r in records))
    rules = tmp / "no_triggers"
    if not rules.exists():
        init_rules(rules)
        triage_csv = rules / "patterns" / "triage.csv"
        header = triage_csv.read_text(encoding="utf-8").splitlines()[0]
        triage_csv.write_text(header + "\n", encoding="utf-8")
    none = build_pipeline(args.model, models_dir=rules, triage=True)
    extract_run(none, path, tmp / "none_out", args.batch_size, args.chunk_size)  # warm-up
    d, e = [], []
    for _ in range(args.repeat):
        d.append(bare_seconds(full, texts, args.batch_size, args.chunk_size))
        e.append(extract_run(none, path, tmp / "none_out", args.batch_size,
                             args.chunk_size)[0])
    for clock in ("wall", "cpu"):
        a = min(getattr(t, clock) for t in bare_runs)
        bd, be = (min(getattr(t, clock) for t in runs) for runs in (d, e))
        print(f"[{clock}] ceiling: (d) pipeline on the row sentences {bd / a:6.1%} of (a), "
              f"(e) no model at all {be / a:6.1%} of (a): best case (a)/((d)+(e)) "
              f"{a / (bd + be):.2f}   target >= {target}")
    print(f"sentences holding a row: {chars:.1%} of the characters, in {len(texts)} of "
          f"{len(records)} articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles for ratio and workers")
    parser.add_argument("--big", type=int, default=10000, help="articles for the RSS run")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--model", default="auto")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=2, help="ratio: best of this many")
    parser.add_argument("--profile", type=int, default=200,
                        help="articles for the per-component shares")
    parser.add_argument("--skip", default="", help="comma-separated: ratio,rss,workers,triage")
    parser.add_argument("--kremlin", type=int, default=300, help="triage: Kremlin articles")
    parser.add_argument("--news", type=int, default=2000,
                        help="triage: Reuters and BBC articles (round-robin)")
    parser.add_argument("--triage-skip", default="",
                        help="triage: 'rss' skips the RSS runs, 'ceiling' the best case")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    if not skip >= {"ratio", "rss", "workers"}:
        records = sample(args.corpus, max(args.n, args.big if "rss" not in skip else 0))
    else:
        records = []
    n_records = records[: args.n]
    if n_records:
        print(f"{len(n_records)} articles, {words(n_records):,} words; sources: "
              + ", ".join(sorted({r['source'] for r in n_records if r['source']}))[:200])
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as name:
        tmp = Path(name)
        path = write_sample(n_records, tmp / f"sample_{args.n}.jsonl")
        if "ratio" not in skip:
            measure_ratio(args, n_records, path, tmp)
        if "workers" not in skip:
            measure_workers(path, tmp)
        if "rss" not in skip:
            measure_rss(args, records, tmp)
        if "triage" not in skip:
            measure_triage(args, tmp)


if __name__ == "__main__":
    main()
