"""Where could a document row be that the extractor made none? A broad probe (not a test).

    .venv/bin/python benchmarks/documents_probe.py --n 300 --seed 1 --out probe1.jsonl
    .venv/bin/python benchmarks/documents_probe.py --n 300 --seed 2 --skip probe1.jsonl ...

Draws N articles that name a document type (a row of models/gazetteers/doc_types.csv) at
random, round-robin from every source file of ../shared/corpus but the dev sample; held-out
ids are never read, and neither are the ids of any gold set (the probe is for text nobody has
annotated) nor those of earlier probe runs given with --skip (a fresh sample). It runs the
whole pipeline on them, and marks every sentence that holds a document noun and a word of
signing, concluding, adopting, ratifying, implementing or being in force ("probe hits").
It prints how many hits have a documents row starting in the sentence and how many rows lie
outside every hit, and writes both lists (hits without a row, rows) to --out for reading a
random sample by GUIDELINES.md: the misses and false hits a held-out set would show.
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

from documents_rows import TABLE, document_words, sample  # noqa: E402
from rows_diff import gold_ids  # noqa: E402
from throughput import SHARED  # noqa: E402

from pipeline.extractors.base import rows_of  # noqa: E402
from pipeline.nlp import build_pipeline  # noqa: E402
from pipeline.rules import default_rules_dir  # noqa: E402

# Broad on purpose: the probe over-generates, the reader decides.
CUE = re.compile(r"\b(?:sign\w*|inked|conclu\w+|adopt\w*|ratif\w+|implement\w*|"
                 r"in force|exchang\w+|approv\w+|endorse\w*|agreed|reached|struck|"
                 r"enter\w* into|under the|violat\w+|compl\w+ with|accord\w* to)\b", re.I)


def probe(records: list[dict], models_dir: Path, words: re.Pattern[str]) -> dict:
    nlp = build_pipeline("auto", models_dir=models_dir)
    hits, rows_out, n_hits, covered, outside = [], [], 0, 0, 0
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.dct = record.get("date") or None
        doc._.dct_source = "metadata" if doc._.dct else ""
        doc._.source = record.get("source", "")
        doc = nlp(doc)
        rows = rows_of(doc)[TABLE]
        key = f"{record['source']}:{record['id']}"
        spans = []
        for sent in doc.sents:
            text = sent.text
            if not (words.search(text) and CUE.search(text)):
                continue
            n_hits += 1
            inside = [r for r in rows if sent.start_char <= r["start"] < sent.end_char]
            spans.append((sent.start_char, sent.end_char))
            if inside:
                covered += 1
            else:
                hits.append({"article": key, "sentence": text.strip()})
        for r in rows:
            hit = any(a <= r["start"] < b for a, b in spans)
            outside += not hit
            rows_out.append({"article": key, "in_hit": hit, **{k: r[k] for k in (
                "doc_type", "countries", "status", "signed_date", "title", "rule",
                "sentence")}})
    return {"articles": len(records), "hits": n_hits, "covered": covered,
            "misses": hits, "rows": rows_out, "outside": outside}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles naming a document type")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", type=Path, action="append", default=[],
                        help="an earlier --out: its articles are not drawn again")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--rules", type=Path, default=default_rules_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--show", type=int, default=0, help="print N random misses and rows")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    skip = gold_ids()
    for path in args.skip:
        skip.update(json.loads(path.read_text(encoding="utf-8"))["ids"])
    words = document_words(args.rules)
    pool = sample(args.corpus, args.n + len(skip), args.seed, words)
    records = [r for r in pool if r["id"] not in skip][:args.n]
    result = probe(records, args.rules, words)
    result["ids"] = [r["id"] for r in records]
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    n, rows = result["hits"], len(result["rows"])
    print(f"{result['articles']} articles: {n} probe hits, {result['covered']} with a row "
          f"({result['covered'] / max(n, 1):.1%}); {rows} rows, {result['outside']} outside "
          f"every hit -> {args.out}")
    rng = random.Random(args.seed)
    for item in rng.sample(result["misses"], min(args.show, len(result["misses"]))):
        print(f"MISS {item['article']} | {item['sentence'][:400]}")
    for r in rng.sample(result["rows"], min(args.show, rows)):
        print(f"ROW {r['article']} {r['doc_type']} {r['countries']} {r['status']} "
              f"{r['signed_date']} {r['title']!r} ({r['rule']}) | {r['sentence'][:300]}")


if __name__ == "__main__":
    main()
