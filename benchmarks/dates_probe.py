"""Where the dates table can miss, on unannotated real articles (not a test).

    .venv/bin/python benchmarks/dates_probe.py run OUT.jsonl [--n 300] [--part 0] [--seed 4]
    .venv/bin/python benchmarks/dates_probe.py show OUT.jsonl [--misses 60] [--rows 40]

`run` draws articles round-robin from every source of ../shared/corpus the way the blind gold
sets were drawn (corpus/gold/blind/select.py: its sources and filters, 300-8,000 characters),
never an article of any gold set (held-out or tuning), and writes per article its dates rows
and the probe's hits: a cheap, broad net for where a date can be (month and weekday names, a
year, a decade, "ago/earlier/last/next/this/yesterday/today/tomorrow", "century", "quarter",
"New Year"). `--part k` takes the k-th block of N of the shuffled pool, so part 1 is a fresh
sample disjoint from part 0. `show` prints the share of hits no row covers and a random sample
of those hits and of the rows, with their sentences, for reading against GUIDELINES.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))
from rows_diff import SHARED, heldout_ids, record_docs  # noqa: E402
from rows_diff import gold_ids as annotated_ids  # noqa: E402

GOLD = ROOT / "corpus" / "gold"
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
UNITS = ("year|month|week|weekend|quarter|night|morning|afternoon|evening|decade|century|"
         "spring|summer|autumn|fall|winter")
PROBE = re.compile(
    rf"\b(?:(?:{MONTHS})\b\.?|(?:{WEEKDAYS})\b|(?:1[89]|20)\d\d(?:'?s)?\b|'\d0s\b|"
    rf"(?i:(?:this|last|next|coming|past|previous|current)\s+(?:{UNITS}|{MONTHS}|{WEEKDAYS})\b|"
    r"ago|earlier|yesterday|today|tomorrow|tonight|century|quarter|new year)\b)")


def gold_ids() -> set[str]:
    """Every annotated or drawn id: held-out and tuning sets alike (the probe wants unseen
    text)."""
    return heldout_ids() | annotated_ids()


def draw(n: int, part: int, seed: int) -> list[dict]:
    """Block `part` of n articles, round-robin over the blind sets' sources."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("select_blind", GOLD / "blind" / "select.py")
    select = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(select)
    skip = gold_ids()
    pools = []
    for file, keep in select.SOURCES.values():
        with open(SHARED / file, encoding="utf-8") as fh:
            pool = [a for a in map(json.loads, fh) if a["id"] not in skip
                    and 300 <= len(a.get("text") or "") <= select.MAX_CHARS
                    and (keep is None or keep(a))]
        random.Random(seed).shuffle(pool)
        pools.append(pool)
    order, k = [], 0
    while any(k < len(p) for p in pools):
        order += [p[k] for p in pools if k < len(p)]
        k += 1
    return order[part * n:(part + 1) * n]


def run(args: argparse.Namespace) -> None:
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    records = draw(args.n, args.part, args.seed)
    nlp = build_pipeline()
    with open(args.out, "w", encoding="utf-8") as fh:
        for record, doc in zip(records, nlp.pipe(record_docs(nlp, records), batch_size=16)):
            rows = [{k: r[k] for k in ("start", "end", "text", "value", "rule", "sentence")}
                    for r in rows_of(doc).get("dates", [])]
            hits = []
            for m in PROBE.finditer(record["text"]):
                sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                hits.append({"start": m.start(), "end": m.end(), "text": m.group(),
                             "sentence": sent.sent.text if sent is not None else "",
                             "covered": any(r["start"] < m.end() and m.start() < r["end"]
                                            for r in rows)})
            fh.write(json.dumps({"id": record["id"], "dct": record.get("date") or "",
                                 "rows": rows, "hits": hits}, ensure_ascii=False) + "\n")
    print(f"{len(records)} articles -> {args.out}")


def show(args: argparse.Namespace) -> None:
    with open(args.out, encoding="utf-8") as fh:
        arts = [json.loads(line) for line in fh]
    hits = [(a["id"], a["dct"], h) for a in arts for h in a["hits"]]
    rows = [(a["id"], a["dct"], r) for a in arts for r in a["rows"]]
    open_hits = [x for x in hits if not x[2]["covered"]]
    if args.dated:  # without a publication date only absolute dates can be items
        open_hits = [x for x in open_hits if x[1]]
    print(f"{len(arts)} articles, {len(rows)} rows, {len(hits)} probe hits, "
          f"{len(open_hits)} not covered by a row ({len(open_hits) / max(len(hits), 1):.1%})")
    rng = random.Random(args.seed)
    for label, items, n in (("MISS?", open_hits, args.misses), ("ROW", rows, args.rows)):
        for i, dct, x in sorted(rng.sample(items, min(n, len(items))), key=lambda t: t[0]):
            extra = f" -> {x['value']} [{x['rule']}]" if label == "ROW" else ""
            print(f"{label} [{i} dct={dct}] {x['text']!r}{extra}")
            print(f"      | {x['sentence'][:300]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="run the extractor and the probe on a sample")
    r.add_argument("out", type=Path)
    r.add_argument("--n", type=int, default=300)
    r.add_argument("--part", type=int, default=0, help="which block of n (disjoint samples)")
    r.add_argument("--seed", type=int, default=4)
    s = sub.add_parser("show", help="miss share and samples to read")
    s.add_argument("out", type=Path)
    s.add_argument("--misses", type=int, default=60)
    s.add_argument("--rows", type=int, default=40)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--dated", action="store_true",
                   help="sample only hits of articles with a publication date")
    args = parser.parse_args()
    (run if args.cmd == "run" else show)(args)


if __name__ == "__main__":
    main()
