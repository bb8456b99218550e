"""Do the ruler gates (models/patterns/gates.csv) change any row? (not a test)

    .venv/bin/python benchmarks/gates_equivalence.py [--n 1500] [--gates FILE]

Runs the pipeline twice over the same articles of ../shared/corpus (N mixed ones plus the
dev sample): once with the rules folder as it is (or with --gates FILE as its gates.csv), once
with no gates.csv, and compares the rows of every table article by article. A gate saves time
only if it keeps every row: after widening a pattern file, run this before adopting it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import SHARED, sample  # noqa: E402

from pipeline.extractors.base import rows_of  # noqa: E402
from pipeline.nlp import GATES_FILE, build_pipeline  # noqa: E402
from pipeline.rules import default_rules_dir  # noqa: E402

MODELS_DIR = default_rules_dir()


def rules_copy(folder: Path, gates: Path | None) -> Path:
    shutil.copytree(MODELS_DIR, folder, ignore=shutil.ignore_patterns(GATES_FILE))
    if gates is not None:
        shutil.copy(gates, folder / "patterns" / GATES_FILE)
    return folder


def table_rows(models_dir: Path, records: list[dict]) -> list[dict]:
    nlp = build_pipeline("auto", models_dir=models_dir)
    out = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        doc._.dct = record.get("date") or None
        doc._.dct_source = "metadata" if doc._.dct else ""
        doc._.source = record.get("source", "")
        out.append(rows_of(nlp(doc)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500, help="mixed articles besides the dev sample")
    parser.add_argument("--corpus", type=Path, default=SHARED)
    parser.add_argument("--gates", type=Path, default=MODELS_DIR / "patterns" / GATES_FILE)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder {args.corpus} not found (set COMMUNIQUE_SHARED)")
    records = sample(args.corpus, args.n)
    dev = args.corpus / "dev_sample.jsonl"
    if dev.is_file():
        with open(dev, encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh]
    with tempfile.TemporaryDirectory(prefix="communique-gates-") as name:
        tmp = Path(name)
        gated = table_rows(rules_copy(tmp / "gated", args.gates), records)
        ungated = table_rows(rules_copy(tmp / "ungated", None), records)
    differ = 0
    for record, a, b in zip(records, gated, ungated):
        tables = [t for t in a if a[t] != b[t]]
        if tables:
            differ += 1
            print(f"DIFFERS {record['id']}: {', '.join(tables)}")
    print(f"{len(records)} articles: rows differ in {differ} (gates: {args.gates})")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
