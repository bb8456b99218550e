"""Documents rows on real articles, saved and compared across code or rule changes (not a test).

    .venv/bin/python benchmarks/documents_rows.py --out before.jsonl [--n 2000]
    ... change the code or the rules ...
    .venv/bin/python benchmarks/documents_rows.py --against before.jsonl [--show added]
    .venv/bin/python benchmarks/documents_rows.py --out before.jsonl --grep "honou?r\w* the"

Runs the whole pipeline over N articles of ../shared/corpus that name a document type
(a row of models/gazetteers/doc_types.csv), drawn round-robin from every source file but the
dev sample, and keeps the documents table of each. Articles of the held-out gold sets (ids
under "heldout" in corpus/gold/blind/ids.json and in corpus/gold/heldout_part*.gold.jsonl)
are never read. With --against it runs the articles of the saved run (whatever document
nouns the rules now have), compares article by article, prints the rows added and removed
(with their sentence, for reading a sample of a new rule's rows) and exits 1 on any
difference: a restructure that must not change behaviour passes with 0. --grep keeps only
articles whose text matches a regular expression: the instances of one construction, to read
the rows a rule for it adds in text no gold set annotates.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gates_equivalence import table_rows  # noqa: E402
from rows_diff import heldout_ids  # noqa: E402
from throughput import EXCLUDE, SHARED, round_robin  # noqa: E402

from pipeline.rules import default_rules_dir  # noqa: E402

TABLE = "documents"


def document_words(models_dir: Path) -> re.Pattern[str]:
    with open(models_dir / "gazetteers" / "doc_types.csv", encoding="utf-8", newline="") as fh:
        words = sorted({row["text"].lower() for row in csv.DictReader(fh)
                        if row["kind"] != "exclude"}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def _records(path: Path, skip: set[str], words: re.Pattern[str]) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("text") or ""
            if record.get("id") in skip or not text.strip() or not words.search(text):
                continue
            yield {k: record.get(k, "") for k in ("id", "title", "date", "source", "text")}


def sample(corpus: Path, n: int, seed: int, words: re.Pattern[str],
           also: re.Pattern[str] | None = None) -> list[dict]:
    """n articles naming a document type (and matching `also`), round-robin over the source
    files; with a seed, a random draw from each file instead of its first articles."""
    skip = heldout_ids()
    files = [p for p in sorted(corpus.glob("*.jsonl")) if p.name not in EXCLUDE]
    pools = [[r for r in _records(p, skip, words) if also is None or also.search(r["text"])]
             for p in files]
    if seed:
        rng = random.Random(seed)
        for pool in pools:
            rng.shuffle(pool)
    return round_robin([iter(pool) for pool in pools], n)


def saved_records(corpus: Path, keys: set[str]) -> list[dict]:
    """The records of a saved run ("source:id" keys), in corpus order."""
    skip = heldout_ids()
    out = []
    for path in sorted(corpus.glob("*.jsonl")):
        if path.name in EXCLUDE:
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("id") in skip:
                    continue
                record = {k: record.get(k, "") for k in ("id", "title", "date", "source", "text")}
                if f"{record['source']}:{record['id']}" in keys:
                    out.append(record)
    return out


def documents_rows(records: list[dict], models_dir: Path) -> Iterator[tuple[str, list[dict]]]:
    for record, rows in zip(records, table_rows(models_dir, records)):
        yield f"{record['source']}:{record['id']}", rows[TABLE]


def _key(row: dict) -> str:
    return json.dumps({k: v for k, v in row.items() if k != "row_id"}, sort_keys=True,
                      ensure_ascii=False)


def compare(saved: dict[str, list[dict]], now: dict[str, list[dict]], show: str) -> int:
    differ = added = removed = 0
    for article, rows in now.items():
        before = saved.get(article)
        if before is None or before == rows:
            continue
        differ += 1
        old, new = {_key(r): r for r in before}, {_key(r): r for r in rows}
        plus = [r for k, r in new.items() if k not in old]
        minus = [r for k, r in old.items() if k not in new]
        added, removed = added + len(plus), removed + len(minus)
        print(f"DIFFERS {article}" + ("" if plus or minus else " (row order)"))
        for sign, part in (("+", plus), ("-", minus)):
            if show not in ("all", "added" if sign == "+" else "removed"):
                continue
            for r in part:
                print(f"  {sign} {r['doc_type']} [{r['countries']}] {r['status']} "
                      f"{r['signed_date'] or '-'} {r['title']!r} ({r['rule']})")
                print(f"      | {r['sentence'][:300]}")
    print(f"{len(now)} articles: rows differ in {differ} (+{added} rows, -{removed} rows)")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles naming a document type")
    parser.add_argument("--seed", type=int, default=0, help="draw at random (0: first ones)")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--rules", type=Path, default=default_rules_dir())
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="save the rows (JSONL, one article a line)")
    group.add_argument("--against", type=Path, help="compare with rows saved by --out")
    parser.add_argument("--grep", default="", help="only articles whose text matches this "
                        "regular expression (with --out)")
    parser.add_argument("--show", choices=("all", "added", "removed", "none"), default="all")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    if args.out:
        records = sample(args.corpus, args.n, args.seed, document_words(args.rules),
                         re.compile(args.grep) if args.grep else None)
        now = dict(documents_rows(records, args.rules))
        with open(args.out, "w", encoding="utf-8") as fh:
            for article, rows in now.items():
                fh.write(json.dumps({"id": article, "rows": rows}, ensure_ascii=False) + "\n")
        print(f"{len(now)} articles, {sum(map(len, now.values()))} rows -> {args.out}")
        return
    with open(args.against, encoding="utf-8") as fh:
        saved = {d["id"]: d["rows"] for d in map(json.loads, fh)}
    now = dict(documents_rows(saved_records(args.corpus, set(saved)), args.rules))
    missing = [a for a in saved if a not in now]
    if missing:
        print(f"{len(missing)} articles of {args.against} not found in {args.corpus}")
    sys.exit(1 if compare(saved, now, args.show) or missing else 0)


if __name__ == "__main__":
    main()
