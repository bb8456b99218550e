"""Rows before and after a change, on unannotated real articles (not a test).

    .venv/bin/python benchmarks/rows_diff.py snapshot OUT.jsonl [--n 1000] [--seed 0]
                                             [--files reuters21578.jsonl ...] [--topic trade]
    .venv/bin/python benchmarks/rows_diff.py compare OLD.jsonl NEW.jsonl [--table trade]
                                             [--show 40] [--seed 0]

`snapshot` runs the pipeline of this checkout over N articles drawn at random (fixed seed)
from ../shared/corpus (set COMMUNIQUE_SHARED), never an article of a held-out gold set, and
writes every table's rows per article. `compare` prints, per table, the rows only one side
has (a random sample of `--show` of them, with their sentences, for reading) and exits 1 when
anything differs: a restructure must show no difference; a new rule shows its new rows, whose
precision is judged by reading the sample.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared")) / "corpus"
GOLD = ROOT / "corpus" / "gold"
# Fields that identify a row across runs (row_id and confidence may change with the rule).
KEYS = {"leaders": ("start", "end", "name", "title", "country"),
        "dates": ("start", "end", "text", "value"),
        "documents": ("start", "end", "type", "countries", "status", "signed"),
        "trade": ("start", "end", "text", "amount", "currency", "measure", "countries",
                  "period", "approximate")}


def gold_ids(paths=None) -> set[str]:
    """Ids of the articles gold files annotate (only their `id` field is read): `paths`, or
    every gold file under corpus/gold and every blind draw (annotated or not yet)."""
    ids: set[str] = set()
    for path in sorted(GOLD.rglob("*.gold.jsonl")) if paths is None else paths:
        with open(path, encoding="utf-8") as fh:
            ids.update(json.loads(line)["id"] for line in fh if line.strip())
    if paths is None:
        for drawn in sorted((GOLD / "blind").glob("ids*.json")):
            for source in json.loads(drawn.read_text(encoding="utf-8")).values():
                ids.update(source.get("tune", []) + source.get("heldout", []))
    return ids


def heldout_ids() -> set[str]:
    """Ids of the held-out gold sets (read from their `id` fields only): never sampled."""
    ids: set[str] = set()
    for blind in [GOLD / "blind" / "ids.json", *sorted(GOLD.glob("blind/ids_heldout*.json"))]:
        if blind.is_file():
            for source in json.loads(blind.read_text(encoding="utf-8")).values():
                ids.update(source.get("heldout", []))
    return ids | gold_ids([*GOLD.glob("heldout_part*.gold.jsonl"),
                           *GOLD.glob("blind/heldout*.jsonl")])


def sample(corpus: Path, n: int, seed: int, files: list[str], topic: str = "") -> list[dict]:
    """n records drawn at random from `files` (all JSONL files when empty), held-out ones
    and those of blind draws not yet scored excluded (every annotated or drawn article is),
    only those whose `topics` or `category` is `topic` when given; the same arguments give
    the same records."""
    skip = heldout_ids() | gold_ids()
    paths = [corpus / f for f in files] if files else sorted(
        p for p in corpus.glob("*.jsonl") if p.name != "dev_sample.jsonl")
    pool = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            pool += [r for r in map(json.loads, fh) if (r.get("text") or "").strip()
                     and r["id"] not in skip and (not topic or topic == r.get("category")
                                                  or topic in (r.get("topics") or []))]
    random.Random(seed).shuffle(pool)
    return pool[:n]


def record_docs(nlp, records: list[dict]):
    """Docs of corpus records with the metadata `run` gives them: publication date, source,
    url (a publisher's or outlet's state is read from them) and id."""
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.dct = record.get("date") or None
        doc._.dct_source = "metadata" if doc._.dct else ""
        doc._.source, doc._.url = record.get("source", ""), record.get("url", "")
        doc._.article_id = record["id"]
        yield doc


def snapshot(args: argparse.Namespace) -> None:
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    records = sample(args.corpus, args.n, args.seed, args.files, args.topic)
    nlp = build_pipeline()
    with open(args.out, "w", encoding="utf-8") as fh:
        for record, doc in zip(records, nlp.pipe(record_docs(nlp, records), batch_size=16)):
            tables = rows_of(doc)
            for rows in tables.values():
                for row in rows:
                    row.pop("row_id", None)
            fh.write(json.dumps({"id": record["id"], "tables": tables}, ensure_ascii=False))
            fh.write("\n")
    print(f"{len(records)} articles -> {args.out}")


def _load(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {d["id"]: d["tables"] for d in map(json.loads, fh)}


def _key(table: str, row: dict) -> tuple:
    return tuple(str(row.get(k, "")) for k in KEYS.get(table, ("start", "end")))


def compare(args: argparse.Namespace) -> None:
    old, new = _load(args.old), _load(args.new)
    ids = [i for i in old if i in new]
    tables = args.table or sorted({t for d in old.values() for t in d})
    differ = False
    rng = random.Random(args.seed)
    for table in tables:
        gone, added, total_old, total_new = [], [], 0, 0
        for i in ids:
            a = {_key(table, r): r for r in old[i].get(table, [])}
            b = {_key(table, r): r for r in new[i].get(table, [])}
            total_old, total_new = total_old + len(a), total_new + len(b)
            gone += [(i, a[k]) for k in a if k not in b]
            added += [(i, b[k]) for k in b if k not in a]
        print(f"== {table}: {total_old} -> {total_new} rows over {len(ids)} articles; "
              f"{len(gone)} only before, {len(added)} only after")
        for label, rows in (("-", gone), ("+", added)):
            shown = rng.sample(rows, min(args.show, len(rows)))
            for i, row in sorted(shown, key=lambda x: (x[0], int(x[1].get("start", 0)))):
                fields = " ".join(f"{k}={row.get(k)!r}" for k in KEYS.get(table, ())
                                  if k not in ("start", "end"))
                print(f"  {label} [{i}] {fields} rule={row.get('rule')}")
                print(f"      | {row.get('sentence', '')[:400]}")
        differ = differ or bool(gone or added)
    sys.exit(1 if differ else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="rows of every table for N random articles")
    snap.add_argument("out", type=Path)
    snap.add_argument("--n", type=int, default=1000)
    snap.add_argument("--seed", type=int, default=0)
    snap.add_argument("--files", nargs="*", default=[],
                      help="corpus file names (default: all but dev_sample.jsonl)")
    snap.add_argument("--topic", default="",
                      help="only records with this topic (Reuters `topics`, BBC `category`)")
    snap.add_argument("--corpus", type=Path, default=SHARED)
    comp = sub.add_parser("compare", help="rows only one of two snapshots has")
    comp.add_argument("old", type=Path)
    comp.add_argument("new", type=Path)
    comp.add_argument("--table", action="append", help="table(s) to compare (default: all)")
    comp.add_argument("--show", type=int, default=40, help="rows shown per side and table")
    comp.add_argument("--seed", type=int, default=0, help="which rows are shown")
    args = parser.parse_args()
    if args.command == "snapshot":
        if not args.corpus.is_dir():
            sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
        snapshot(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()
