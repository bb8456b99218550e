"""`retrain --model-too`: fine-tune the model's entity recognizer on reviewed spans.

Training examples (spaCy DocBin) are the articles learned from, with the base model's own
entities (so it keeps what it knows) corrected by the reviews: the name of every true leader
is a PERSON, the text of every true date a DATE, of every true trade value MONEY (those are
the entities the extractors read); a date the model found that reviewers rejected is no DATE.
The held-back articles are the development set. `spacy train` runs with the committed
`config.cfg` on CPU (only "ner" is updated), and the result is saved as `model/` inside the
new version, where `extract --rules NEW` loads it. It is kept only if the new rules score a
higher macro F1 on the held-back articles with it than without it, and no table loses more
than the tolerance.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.retrain.measure import TOLERANCE, compare
from pipeline.retrain.sources import Reviewed

CONFIG = Path(__file__).with_name("config.cfg")
ENTITY_OF = {"leaders": "PERSON", "dates": "DATE", "trade": "MONEY"}
MODEL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _span(text: str, table: str, item: Mapping[str, Any]) -> tuple[int, int] | None:
    if "_start" in item and "_end" in item:
        return int(item["_start"]), int(item["_end"])
    needle = str(item.get("name") if table == "leaders" else item.get("text") or "").strip()
    at = text.find(needle) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


def example_docs(reviewed: Sequence[Reviewed], nlp: Any) -> list[Any]:
    """One annotated Doc per article: the model's entities, corrected by the reviews."""
    from spacy.util import filter_spans

    enabled = [n for n in MODEL_COMPONENTS if n in nlp.pipe_names]
    out = []
    with nlp.select_pipes(enable=enabled):
        for r, parsed in zip(reviewed, nlp.pipe(x.article.text for x in reviewed)):
            text = r.article.text
            doc = nlp.make_doc(text)
            true: list[tuple[int, int, str]] = []
            for table, label in ENTITY_OF.items():
                if table in r.tables:
                    for item in r.items.get(table, []):
                        found = _span(text, table, item)
                        if found:
                            true.append((*found, label))
            wrong = [(int(row["start"]), int(row["end"])) for row in r.rejected.get("dates", [])
                     if row.get("rule") == "ner_date" and "start" in row]
            silver = [(e.start_char, e.end_char, e.label_) for e in parsed.ents
                      if not any(s < e.end_char and e.start_char < t for s, t, _ in true)
                      and not any(s <= e.start_char and e.end_char <= t for s, t in wrong)]
            spans = [doc.char_span(s, e, label=label, alignment_mode="contract")
                     for s, e, label in [*true, *silver]]
            doc.ents = filter_spans([s for s in spans if s is not None and len(s)])
            out.append(doc)
    return out


def train_model(learn_part: Sequence[Reviewed], held: Sequence[Reviewed], base_nlp: Any,
                new_dir: Path, work: Path, new_nlp: Any, held_gold: Mapping[str, Any],
                epochs: int | None = None, echo: Callable[[str], None] = lambda _: None
                ) -> dict[str, Any]:
    """Train, measure and keep (or drop) `new_dir/model`; what happened, for the manifest."""
    from spacy.tokens import DocBin

    from pipeline.nlp import build_pipeline, resolve_model
    from pipeline.rules import MODEL_DIR

    report: dict[str, Any] = {"config": "pipeline/retrain/config.cfg"}
    if not held:
        return {**report, "status": "not kept",
                "reason": "no held-back article to show it improves anything"}
    target = new_dir / MODEL_DIR
    own = None
    if target.is_dir():  # the base rule set's own model: fine-tune that one
        own = work / "base-model"
        shutil.move(str(target), own)
    base_model = str(own) if own else resolve_model("auto")
    train_docs, dev_docs = example_docs(learn_part, base_nlp), example_docs(held, base_nlp)
    DocBin(docs=train_docs).to_disk(work / "train.spacy")
    DocBin(docs=dev_docs).to_disk(work / "dev.spacy")
    overrides: dict[str, Any] = {"paths.train": str(work / "train.spacy"),
                                 "paths.dev": str(work / "dev.spacy"),
                                 "paths.base_model": base_model}
    if epochs:
        overrides["training.max_epochs"] = epochs
    report.update(base_model=base_model, train_docs=len(train_docs), dev_docs=len(dev_docs),
                  entities=sum(len(d.ents) for d in train_docs), epochs=epochs or "config")
    echo(f"training the entity recognizer on {len(train_docs)} article(s) (CPU)")
    output = work / "model-training"
    try:
        from spacy.cli.train import train

        with contextlib.redirect_stdout(io.StringIO()):
            train(CONFIG, output, use_gpu=-1, overrides=overrides)
    except Exception as exc:  # noqa: BLE001 - spaCy raises many kinds; one clear message
        raise UsageError(Errors.T007.format(reason=f"{type(exc).__name__}: {exc}")) from exc
    trained = output / "model-last"
    meta_path = trained / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    base_meta = base_nlp.meta
    meta.update(name=f"{base_meta.get('name', 'model')}_retrained",
                version=str(base_meta.get("version", "0.0.0")),
                description=f"{base_meta.get('name')} {base_meta.get('version')} with its "
                            "entity recognizer fine-tuned on reviewed spans by communique "
                            "retrain --model-too")
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    shutil.copytree(trained, target)
    with_model = build_pipeline("auto", new_dir)
    articles = [r.article for r in held]
    comparison = compare("held-back part: new rules without and with the model", held_gold,
                         articles, new_nlp, with_model)
    report["held_back"] = comparison.to_dict()
    gain = comparison.after.macro()["f1"] - comparison.before.macro()["f1"]
    losses = comparison.losses(TOLERANCE)
    if gain > 1e-9 and not losses:
        report.update(status="kept", reason=f"macro F1 on the held-back part +{gain:.3f}")
    else:
        shutil.rmtree(target)
        if own:
            shutil.move(str(own), target)
        report.update(status="not kept", reason=(
            "; ".join(losses) if losses else
            f"it does not improve the held-back part (macro F1 {gain:+.3f})"))
    echo(f"model {report['status']}: {report['reason']}")
    return report
