"""Where the leaders extractor may miss people, on real unannotated news (not a test).

    .venv/bin/python benchmarks/leaders_probe.py OUT.jsonl [--n 300] [--seed 1] [--window 4]
                                             [--exclude EARLIER.jsonl]
    .venv/bin/python benchmarks/leaders_probe.py --read OUT.jsonl [--show 60] [--seed 0]

A broad, cheap probe for where leaders can be: every PERSON entity of the model within
`--window` tokens (same sentence) of an office word (OFFICE_WORDS below: the nouns a public
office is named with). The extractor runs on the same articles; a probe hit whose surname
(last token, as `communique evaluate` matches) no leaders row of the article has is a
candidate miss, to be read and judged by corpus/gold/GUIDELINES.md. Articles are drawn at
random (fixed seed) round-robin over the files of ../shared/corpus, never one of any gold set
nor a held-out id (benchmarks/rows_diff.py). `--read` prints a random sample of the candidate
misses and of the rows, and the counts: hits, hits without a row (the probe's miss rate before
reading), rows, rows with no probe hit.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from itertools import islice, zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from leaders_rows import _records, record_doc  # noqa: E402
from rows_diff import gold_ids, heldout_ids  # noqa: E402
from throughput import EXCLUDE, SHARED  # noqa: E402

# The probe's own vocabulary (deliberately broader than the rules': it is the yardstick).
OFFICE_WORDS = frozenset("""
minister ministers president presidents secretary secretaries ambassador ambassadors governor
chief head heads chairman chairwoman chair chairperson director commander king queen prince
princess premier chancellor speaker envoy adviser advisor deputy spokesman spokeswoman
spokesperson commissioner mayor general admiral leader leaders official officials mp mps
senator emir sultan sheikh crown vice counsellor counselor representative consul
undersecretary under-secretary attorney governor-general secretary-general director-general
""".split())


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))


def surname(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split()
             if p.strip(".,").lower() not in {"jr", "sr", "ii", "iii", "iv"}]
    return _fold(parts[-1].strip(".,'’s")) if parts else ""


def sample(corpus: Path, n: int, seed: int, exclude: list[Path] = ()) -> list[dict]:
    rng = random.Random(seed)
    skip = gold_ids() | heldout_ids()
    for path in exclude:  # an earlier probe's articles: a fresh sample shares none
        with open(path, encoding="utf-8") as fh:
            skip.update(json.loads(line)["id"] for line in fh if line.strip())
    streams = [_records(p, skip, rng) for p in sorted(corpus.glob("*.jsonl"))
               if p.name not in EXCLUDE]
    mixed = (r for group in zip_longest(*streams) for r in group if r is not None)
    return list(islice(mixed, n))


def probe_hits(doc, window: int) -> list[dict]:
    hits = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) > 6:
            continue
        sent = ent.sent
        lo, hi = max(sent.start, ent.start - window), min(sent.end, ent.end + window)
        near = [t.lower_ for t in doc[lo:ent.start]] + [t.lower_ for t in doc[ent.end:hi]]
        if any(w in OFFICE_WORDS for w in near):
            key = surname(ent.text)
            if key and key not in hits:
                hits[key] = {"name": ent.text, "start": ent.start_char,
                             "sentence": sent.text[:400]}
    return list(hits.values())


def run(args: argparse.Namespace) -> None:
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    records = sample(args.corpus, args.n, args.seed, args.exclude)
    nlp = build_pipeline("auto", extractors=("communique_leaders",))
    with open(args.out, "w", encoding="utf-8") as out:
        for record in records:
            doc = nlp(record_doc(nlp, record))
            rows = [{k: row[k] for k in ("name", "title", "country", "rule")}
                    | {"sentence": row["sentence"][:300]} for row in rows_of(doc)["leaders"]]
            out.write(json.dumps({"id": doc._.article_id, "source": record.get("source", ""),
                                  "hits": probe_hits(doc, args.window), "rows": rows},
                                 ensure_ascii=False) + "\n")
    print(f"{len(records)} articles -> {args.out}")


def read(args: argparse.Namespace) -> None:
    with open(args.read, encoding="utf-8") as fh:
        arts = [json.loads(line) for line in fh]
    misses, rows, unprobed = [], [], 0
    n_hits = 0
    for art in arts:
        names = {surname(r["name"]) for r in art["rows"]}
        # a row's surname may be the probe name's earlier token ("Xi Jinping" -> "Xi")
        tokens = {surname(t) for r in art["rows"] for t in r["name"].split()}
        hit_keys = {surname(h["name"]) for h in art["hits"]}
        n_hits += len(art["hits"])
        misses += [(art["id"], h) for h in art["hits"]
                   if surname(h["name"]) not in names | tokens]
        rows += [(art["id"], r) for r in art["rows"]]
        unprobed += sum(surname(r["name"]) not in hit_keys for r in art["rows"])
    rng = random.Random(args.seed)
    if args.show:
        for art, h in sorted(rng.sample(misses, min(args.show, len(misses))), key=str):
            print(f"MISS? [{art}] {h['name']}\n     | {h['sentence'][:300]}")
        for art, r in sorted(rng.sample(rows, min(args.rows, len(rows))), key=str):
            print(f"ROW [{art}] {r['name']} | {r['title']} | {r['country'] or '?'} "
                  f"({r['rule']})\n     | {r['sentence'][:240]}")
    print(f"{len(arts)} articles: {n_hits} probe hits, {len(misses)} without a row "
          f"({len(misses) / max(n_hits, 1):.3f}); {len(rows)} rows, {unprobed} without a "
          f"probe hit")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--read", type=Path, help="print a sample of a probe's output")
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the draw")
    parser.add_argument("--window", type=int, default=4, help="tokens around a PERSON")
    parser.add_argument("--show", type=int, default=60, help="candidate misses to print")
    parser.add_argument("--rows", type=int, default=40, help="rows to print")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="an earlier probe output whose articles to leave out")
    args = parser.parse_args()
    if args.read:
        read(args)
    elif args.out:
        run(args)
    else:
        parser.error("give OUT.jsonl or --read FILE")


if __name__ == "__main__":
    main()
