"""Memory of reading a huge JSONL (not a test): 500 MB, plain and gzip-compressed.

    .venv/bin/python benchmarks/stream_memory.py [--mb 500] [--every 50]

Writes a JSONL of --mb megabytes (articles of ../shared/corpus repeated under new ids, or
synthetic articles without it) to a temporary folder, then reads it with the readers
`extract` uses (`pipeline.ingest.read_inputs`: decoding, JSON, metadata, hashes, language
check), once as it is and once as .jsonl.gz, printing the process RSS every --every MB of
input. Target: flat memory, i.e. the RSS at the end within 10% of the RSS after the first
--every MB (a reader that held the file or its records would grow by hundreds of MB).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared")) / "corpus"
MB = 1 << 20


def texts() -> list[dict]:
    path = SHARED / "kremlin_en_news.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    words = "the president met the prime minister in the capital on monday and they signed"
    return [{"id": str(n), "date": "2021-05-20", "title": "Talks",
             "text": f"{words} agreement number {n}. " * 40} for n in range(500)]


def write(path: Path, size: int) -> int:
    base, n, written = texts(), 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size:
            record = dict(base[n % len(base)])
            record["id"] = f"big-{n:07d}"
            line = json.dumps(record, ensure_ascii=False) + "\n"
            written += len(line.encode("utf-8"))
            fh.write(line)
            n += 1
    return n


def measure(path: Path, total: int, every: int) -> tuple[float, float, int]:
    from pipeline.ingest import read_inputs

    proc = psutil.Process()
    plain_size = total
    first = last = 0.0
    count, chars, next_mark = 0, 0, every * MB
    started = time.perf_counter()
    for article in read_inputs([str(path)]):
        count += 1
        chars += len(article.text) + 200  # ~ the bytes of the line
        if chars >= next_mark:
            rss = proc.memory_info().rss / MB
            first = first or rss
            last = rss
            print(f"  {chars / MB:7.0f} MB read  {count:8,} records  RSS {rss:6.0f} MB "
                  f"({time.perf_counter() - started:5.0f} s)", flush=True)
            next_mark += every * MB
    last = proc.memory_info().rss / MB
    print(f"  end: {count:,} records of {plain_size / MB:,.0f} MB in "
          f"{time.perf_counter() - started:,.0f} s; RSS {last:,.0f} MB")
    return first, last, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=500)
    parser.add_argument("--every", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="communique-stream-"))
    try:
        path = tmp / "big.jsonl"
        records = write(path, args.mb * MB)
        size = path.stat().st_size
        print(f"wrote {records:,} records, {size / MB:,.0f} MB: {path}")
        packed = tmp / "big.jsonl.gz"
        with open(path, "rb") as src, gzip.open(packed, "wb", compresslevel=1) as dst:
            shutil.copyfileobj(src, dst, 16 * MB)
        print(f"gzip: {packed.stat().st_size / MB:,.0f} MB")
        results = {}
        for label, target in (("plain", path), ("gzip", packed)):
            print(f"{label}:")
            results[label] = measure(target, size, args.every)
        for label, (first, last, count) in results.items():
            ratio = last / first if first else float("nan")
            verdict = "flat" if ratio < 1.10 else "GROWS"
            print(f"{label}: RSS after {args.every} MB {first:,.0f} MB, at the end {last:,.0f} MB "
                  f"(x{ratio:.2f}: {verdict}); {count:,} records")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
