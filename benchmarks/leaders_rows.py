"""Leaders rows on real, unannotated news, dumped and compared (not a test).

    .venv/bin/python benchmarks/leaders_rows.py dump OUT.jsonl [--n 1200] [--seed 15]
    .venv/bin/python benchmarks/leaders_rows.py diff BEFORE.jsonl AFTER.jsonl [--show 40]

`dump` runs the leaders extractor (with the rulers it reads) over N articles of
../shared/corpus, drawn at random (fixed seed) round-robin over its files, and writes one line
per article: id and the leaders rows without `row_id`. Articles of every gold set
(corpus/gold/**/*.gold.jsonl: tuning and held-out alike) and every held-out id
(benchmarks/rows_diff.py) are left out, so the rows are those of articles no rule was tuned
on, and the held-out ones are never looked at.

`diff` compares two dumps of the same articles: it exits 1 when any article's rows differ
(a restructure must keep them identical) and prints, per person (article and surname, as
`communique evaluate` matches), a random sample of `--show` of the NEW persons, the LOST
ones and those whose COUNTRY changed, for reading the precision of a change by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from itertools import islice, zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rows_diff import gold_ids, heldout_ids  # noqa: E402
from throughput import EXCLUDE, SHARED  # noqa: E402

KEYS = ("name", "title", "country", "mentions", "start", "end", "rule", "confidence")


def _records(path: Path, skip: set[str], rng: random.Random) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    rng.shuffle(lines)
    for line in lines:
        record = json.loads(line)
        if (record.get("text") or "").strip() and str(record.get("id")) not in skip:
            yield record


def sample(corpus: Path, n: int, seed: int) -> list[dict]:
    """n records at random, round-robin over the corpus files, no gold article."""
    rng = random.Random(seed)
    skip = gold_ids() | heldout_ids()  # a held-out draw may not be annotated yet
    streams = [_records(p, skip, rng) for p in sorted(corpus.glob("*.jsonl"))
               if p.name not in EXCLUDE]
    mixed = (r for group in zip_longest(*streams) for r in group if r is not None)
    return list(islice(mixed, n))


def record_doc(nlp, record: dict):
    """The Doc of a corpus record with the metadata the extractors read, before the
    pipeline runs."""
    doc = nlp.make_doc(record["text"])
    doc._.article_id = str(record["id"])
    doc._.dct = record.get("date") or None
    doc._.dct_source = "metadata" if doc._.dct else ""
    doc._.source, doc._.url = record.get("source") or "", record.get("url") or ""
    return doc


def dump(args: argparse.Namespace) -> None:
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    records = sample(args.corpus, args.n, args.seed)
    nlp = build_pipeline("auto", extractors=("communique_leaders",))
    with open(args.out, "w", encoding="utf-8") as out:
        for record in records:
            doc = nlp(record_doc(nlp, record))
            rows = [{k: row[k] for k in KEYS} | {"sentence": row["sentence"][:300]}
                    for row in rows_of(doc)["leaders"]]
            out.write(json.dumps({"id": doc._.article_id, "rows": rows},
                                 ensure_ascii=False) + "\n")
    print(f"{len(records)} articles -> {args.out}")


def _load(path: Path) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8") as fh:
        return {d["id"]: d["rows"] for d in map(json.loads, fh)}


def _key(row: dict) -> tuple:
    return tuple(row[k] for k in KEYS)


def _surname(name: str) -> str:
    parts = name.replace("-", " ").split()
    return parts[-1].lower() if parts else ""


def diff(args: argparse.Namespace) -> None:
    """Rows compared per person (article and surname, as `communique evaluate` matches):
    NEW and LOST persons, and persons whose COUNTRY changed."""
    before, after = _load(args.before), _load(args.after)
    if set(before) != set(after):
        sys.exit("the dumps are of different articles")
    kinds: dict[str, list[tuple[str, dict, dict | None]]] = {"NEW": [], "LOST": [],
                                                              "COUNTRY": []}
    differ = 0
    for art in before:
        a, b = before[art], after[art]
        if a == b:
            continue
        differ += 1
        old = {_surname(r["name"]): r for r in a}
        new = {_surname(r["name"]): r for r in b}
        kinds["NEW"] += [(art, r, None) for k, r in new.items() if k not in old]
        kinds["LOST"] += [(art, r, None) for k, r in old.items() if k not in new]
        kinds["COUNTRY"] += [(art, new[k], old[k]) for k in new
                             if k in old and new[k]["country"] != old[k]["country"]]
    rng = random.Random(0)
    for label, rows in kinds.items():
        for art, r, was in sorted(rng.sample(rows, min(args.show, len(rows))),
                                  key=lambda x: x[0]):
            prev = f" (was {was['country'] or '?'})" if was else ""
            print(f"{label} [{art}] {r['name']} | {r['title']} | {r['country'] or '?'}{prev} "
                  f"({r['rule']}, {r['confidence']})\n     | {r['sentence'][:220]}")
    n_rows = sum(len(r) for r in before.values()), sum(len(r) for r in after.values())
    print(f"{len(before)} articles: rows differ in {differ}; rows {n_rows[0]} -> {n_rows[1]}; "
          + ", ".join(f"{len(v)} {k.lower()}" for k, v in kinds.items()))
    sys.exit(1 if differ else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dump", help="write the leaders rows of N corpus articles")
    p.add_argument("out", type=Path)
    p.add_argument("--n", type=int, default=1200, help="articles (default 1200)")
    p.add_argument("--seed", type=int, default=15, help="random seed of the draw")
    p.add_argument("--corpus", type=Path, default=SHARED)
    p.set_defaults(func=dump)
    p = sub.add_parser("diff", help="compare two dumps (exit 1 when they differ)")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--show", type=int, default=40, help="rows of each kind to print")
    p.set_defaults(func=diff)
    args = parser.parse_args()
    if args.func is dump and not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    args.func(args)


if __name__ == "__main__":
    main()
