"""Before and after: run two pipelines over the same articles and score both (`pipeline.evaluate`).

`Comparison` holds the two reports of one set of articles (the held-back reviewed articles,
or the bundled gold) and prints the per-table precision, recall and F1 of the old and the new
rule set side by side; `losses` names the tables whose F1 dropped by more than the tolerance
(a version with a loss is not activated).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.evaluate import (SCORED_TABLES, GoldArticle, Predictions, Report, group_rows,
                               load_gold, score)
from pipeline.records import Article

TOLERANCE = 0.01  # the largest F1 loss per table that still lets a version become active
ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED_GOLD = (ROOT / "corpus" / "gold" / "seed.gold.jsonl",
                ROOT / "corpus" / "gold" / "dev_articles.gold.jsonl")
BUNDLED_ARTICLES = (ROOT / "corpus" / "000_925d941a15076cfe.txt",
                    ROOT / "corpus" / "gold" / "dev_articles.jsonl")


def process(nlp: Any, articles: Sequence[Article], keep_docs: bool = False,
            batch_size: int = 16) -> tuple[Predictions, list[Any]]:
    """Rows of every article (by table and article id), and the processed Docs when
    `keep_docs` (kept in memory for the learners; never pickled)."""
    from pipeline.extractors.base import rows_of
    from pipeline.run import BATCH_CHARS, char_batches, make_article_doc

    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in SCORED_TABLES}
    docs: list[Any] = []

    def run() -> None:
        for batch in char_batches(list(articles), batch_size, BATCH_CHARS):
            for doc in nlp.pipe((make_article_doc(nlp, a) for a in batch),
                                batch_size=len(batch)):
                for table, rows in rows_of(doc).items():
                    if table in tables:
                        tables[table].extend(rows)
                if keep_docs:
                    docs.append(doc)

    if keep_docs:
        run()
    else:
        with nlp.memory_zone():
            run()
    return group_rows(tables), docs


@dataclass
class Comparison:
    """Scores of the old (`before`) and the new (`after`) rule set on one set of articles."""

    name: str
    before: Report
    after: Report
    scored: dict[str, int]  # table -> articles it is scored on

    def losses(self, tolerance: float = TOLERANCE) -> list[str]:
        """'dates F1 0.910 -> 0.880' for every table that lost more than `tolerance`."""
        out = []
        for table in SCORED_TABLES:
            old, new = self.before.tables[table].f1, self.after.tables[table].f1
            if self.scored.get(table) and new < old - tolerance - 1e-9:
                out.append(f"{table} F1 {old:.3f} -> {new:.3f} on {self.name}")
        return out

    def format(self) -> str:
        return format_scores(self.name, self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.before.articles, "scored": self.scored,
                "before": {t: c.to_dict() for t, c in self.before.tables.items()},
                "after": {t: c.to_dict() for t, c in self.after.tables.items()},
                "macro_f1": {"before": round(self.before.macro()["f1"], 4),
                             "after": round(self.after.macro()["f1"], 4)}}


def format_scores(name: str, data: Mapping[str, Any]) -> str:
    """Per-table P, R, F1 (and TP/FP/FN) of the old and the new version side by side, from
    `Comparison.to_dict()` (as the manifest keeps it)."""
    head = (f"{'table':<10} {'P old':>6} {'P new':>6}  {'R old':>6} {'R new':>6}  "
            f"{'F1 old':>6} {'F1 new':>6} {'dF1':>7}  {'TP/FP/FN old':>13} {'TP/FP/FN new':>13}")
    lines = [f"{name}:", head]
    for table in SCORED_TABLES:
        a, b = data["before"][table], data["after"][table]
        if not data["scored"].get(table):
            lines.append(f"{table:<10} (not scored: no article's review covers it)")
            continue
        counts = ["{tp}/{fp}/{fn}".format(**c) for c in (a, b)]
        lines.append(
            f"{table:<10} {a['precision']:>6.3f} {b['precision']:>6.3f}  {a['recall']:>6.3f} "
            f"{b['recall']:>6.3f}  {a['f1']:>6.3f} {b['f1']:>6.3f} {b['f1'] - a['f1']:>+7.3f}  "
            f"{counts[0]:>13} {counts[1]:>13}")
    macro = data.get("macro_f1", {})
    if macro:
        lines.append(f"{'macro F1':<10} {'':>6} {'':>6}  {'':>6} {'':>6}  "
                     f"{macro['before']:>6.3f} {macro['after']:>6.3f} "
                     f"{macro['after'] - macro['before']:>+7.3f}")
    return "\n".join(lines)


def scored_tables(gold: Mapping[str, GoldArticle]) -> dict[str, int]:
    return {t: sum(1 for g in gold.values() if t in g.tables) for t in SCORED_TABLES}


def compare(name: str, gold: Mapping[str, GoldArticle], articles: Sequence[Article],
            before: Any, after: Any, before_preds: Predictions | None = None) -> Comparison:
    """Score pipelines `before` and `after` on `articles` against `gold`."""
    old = before_preds if before_preds is not None else process(before, articles)[0]
    new = process(after, articles)[0]
    return Comparison(name, score(gold, old), score(gold, new), scored_tables(gold))


def bundled_gold(paths: Iterable[Path] = BUNDLED_GOLD,
                 inputs: Iterable[Path] = BUNDLED_ARTICLES
                 ) -> tuple[dict[str, GoldArticle], list[Article]] | None:
    """The gold shipped with the repository and its articles (None outside a checkout)."""
    from pipeline.retrain.sources import read_articles

    paths, inputs = list(paths), list(inputs)
    if not all(p.is_file() for p in [*paths, *inputs]):
        return None
    gold = load_gold(paths)
    texts = read_articles([str(p) for p in inputs])
    articles = [texts[a] for a in gold if a in texts]
    return {a.article_id: gold[a.article_id] for a in articles}, articles
