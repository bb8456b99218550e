"""Dates: communique vs spaCy + dateparser off the shelf, scored on the same gold.

The baseline takes the model's DATE entities and normalizes each with
`dateparser.parse(text, languages=['en'], settings={'RELATIVE_BASE': dct})` — the obvious
off-the-shelf recipe — giving a YYYY-MM-DD value. Both are scored with `communique evaluate`'s
matching (dates by value).

    python benchmarks/baseline_dates.py GOLD.jsonl ARTICLES.jsonl [--out DIR]
    python benchmarks/baseline_dates.py corpus/gold/dev_articles.gold.jsonl corpus/gold/dev_articles.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import datetime
from pathlib import Path

import dateparser
import spacy

from pipeline.evaluate import group_rows, load_gold, read_predictions, score
from pipeline.nlp import resolve_model
from pipeline.run import RunConfig, extract


def baseline_rows(articles: Path, gold: dict) -> list[dict]:
    nlp = spacy.load(resolve_model("auto"))
    rows = []
    with open(articles, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for record in records:
        if record["id"] not in gold:
            continue
        dct = gold[record["id"]].dct or record.get("date") or ""
        base = datetime.fromisoformat(dct) if dct else datetime(2000, 1, 1)
        for ent in nlp(record["text"]).ents:
            if ent.label_ != "DATE":
                continue
            parsed = dateparser.parse(ent.text, languages=["en"],
                                      settings={"RELATIVE_BASE": base})
            if parsed:
                rows.append({"article_id": record["id"], "value": parsed.date().isoformat()})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("articles", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    gold = load_gold([args.gold])
    base = score(gold, group_rows({"dates": baseline_rows(args.articles, gold)})).tables["dates"]
    out = args.out or Path(tempfile.mkdtemp(prefix="communique-baseline-"))
    extract(RunConfig(inputs=[str(args.articles)], out=out))
    ours = score(gold, read_predictions(out)[0]).tables["dates"]
    print(f"{'dates':28} {'P':>6} {'R':>6} {'F1':>6}")
    for name, c in (("spaCy DATE + dateparser", base), ("communique", ours)):
        print(f"{name:28} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")


if __name__ == "__main__":
    main()
