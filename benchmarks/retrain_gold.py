"""What `communique retrain` learns from the tuning gold, measured on the held-out gold (not a
test: about 15 minutes on two cores).

    .venv/bin/python benchmarks/retrain_gold.py [--holdout 0.2] [--keep DIR]

Retrains the packaged rules on every tuning draw of corpus/gold/blind (tune*, docs_tune*,
trade_tune*: the articles the rules were written against), as a user retrains on the tables
they reviewed, then scores the packaged rules and the retrained version side by side on the
held-out draws (heldout*, never tuned on; the second annotations left out). Prints, per table,
P/R/F1 and TP/FP/FN of both and the F1 difference, for the nine random draws pooled and for
each other held-out set, then what was learned. The rules home is a temporary folder (or
--keep DIR), so the user's active version is never touched. Needs ../shared/corpus for the
texts ($COMMUNIQUE_SHARED).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rows_diff import gold_ids  # noqa: E402
from throughput import SHARED  # noqa: E402

BLIND = ROOT / "corpus" / "gold" / "blind"
TABLES = ("leaders", "dates", "documents", "trade")
POOLED = tuple(["heldout"] + [f"heldout{n}" for n in range(2, 10)])  # the nine random draws


def gold_files(prefixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in BLIND.glob("*.gold.jsonl")
                  if p.name.startswith(prefixes) and "second" not in p.name)


def write_articles(golds: list[Path], path: Path) -> int:
    """The corpus records of every article the gold files annotate, into one JSONL file."""
    wanted = gold_ids(golds)
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8") as out:
        for source in sorted(SHARED.glob("*.jsonl")):
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.strip() and (rid := json.loads(line)["id"]) in wanted - seen:
                    seen.add(rid)
                    out.write(line + "\n")
    return len(seen)


def counts(report, table: str) -> tuple[int, int, int]:
    c = report.tables[table]
    return c.tp, c.fp, c.fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def show(name: str, before: dict[str, tuple[int, int, int]],
         after: dict[str, tuple[int, int, int]]) -> None:
    print(f"\n{name}")
    print(f"  {'table':10} {'packaged F1':>12} {'retrained F1':>13} {'diff':>7}   "
          "TP/FP/FN packaged -> retrained")
    for t in TABLES:
        b, a = before[t], after[t]
        if sum(b) + sum(a) == 0:
            continue
        print(f"  {t:10} {f1(*b):12.3f} {f1(*a):13.3f} {f1(*a) - f1(*b):+7.3f}   "
              f"{'/'.join(map(str, b))} -> {'/'.join(map(str, a))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", type=float, default=0.2,
                        help="share of the tuning articles retrain holds back (default 0.2)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="rules home to keep the retrained version in (default: a temp dir)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"no corpus at {SHARED}: set COMMUNIQUE_SHARED")
    tune = gold_files(("tune", "docs_tune", "trade_tune"))
    held = gold_files(("heldout", "docs_heldout"))
    with tempfile.TemporaryDirectory(prefix="communique-retrain-bench-") as tmp:
        home = args.keep or Path(tmp) / "home"
        os.environ["COMMUNIQUE_HOME"] = str(home)
        os.environ.pop("COMMUNIQUE_RULES", None)
        from pipeline import evaluate as ev
        from pipeline.nlp import build_pipeline
        from pipeline.retrain import retrain
        from pipeline.rules import default_rules_dir

        texts = Path(tmp) / "articles.jsonl"
        n = write_articles(tune + held, texts)
        print(f"{len(tune)} tuning files, {len(held)} held-out files, {n} articles")
        result = retrain(tune, rules=default_rules_dir(), name="bench-retrained",
                         holdout=args.holdout, articles=[str(texts)], check_bundled=False,
                         force=True, echo=lambda m: print("  " + m, flush=True))
        if result.version is None:
            print("retrain learned nothing")
            return
        print(f"version {result.version.path} ({result.status}; forced active for the "
              f"measurement{': ' + result.reason if result.reason else ''})")
        pooled: dict[str, dict[str, list[int]]] = {
            side: {t: [0, 0, 0] for t in TABLES} for side in ("before", "after")}
        rows: list[tuple[str, dict, dict]] = []
        pipes = {side: build_pipeline("auto", models_dir=path) for side, path in
                 (("before", default_rules_dir()), ("after", result.version.path))}
        for g in held:
            name = g.name[: -len(".gold.jsonl")]
            got = {side: ev.evaluate_articles([g], [str(texts)], models_dir=None, nlp=nlp)
                   for side, nlp in pipes.items()}
            per = {side: {t: counts(r, t) for t in TABLES} for side, r in got.items()}
            rows.append((name, per["before"], per["after"]))
            if name in POOLED:
                for side in pooled:
                    for t in TABLES:
                        pooled[side][t] = [x + y for x, y in zip(pooled[side][t], per[side][t])]
        show("nine random held-out draws, pooled",
             {t: tuple(v) for t, v in pooled["before"].items()},
             {t: tuple(v) for t, v in pooled["after"].items()})
        for name, before, after in rows:
            if name not in POOLED:
                show(name, before, after)
        kinds = Counter(f.kind for f in result.facts)
        print(f"\nlearned: {dict(sorted(kinds.items()))}; rules switched off: "
              f"{[d['rule'] for d in result.disabled]}")


if __name__ == "__main__":
    main()
