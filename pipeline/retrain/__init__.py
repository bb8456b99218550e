"""`communique retrain`: learn rule data from what reviewers decided, measure it, version it.

    >>> from pipeline.retrain import retrain                   # doctest: +SKIP
    >>> result = retrain(["outputs/"], name="after-review-1")
    >>> print(result.format())

Steps (one module each):
  sources  read the reviewed articles of output folders, exported CSVs and gold files;
  split    hold back a share of them (by article, fixed seed);
  learn    run the base rule set over the others, learn facts from the differences with the
           reviews (gazetteer rows, patterns, rules to switch off), keep those that do not
           lower precision on them;
  apply    write them into a copy of the base rule set;
  model    (`--model-too`) fine-tune the model's entity recognizer on the reviewed spans;
  measure  score the old and the new rule set on the held-back articles and on the bundled
           gold; the new version becomes active only if no table loses more than 0.01 F1
           (`force` activates it anyway). It is saved either way, with a manifest: parent,
           created, sources, split, what was learned, scores, status and reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate import SCORED_TABLES
from pipeline.retrain.learn import Case, Fact, Known, disabled_rules, learn, validate
from pipeline.retrain.measure import TOLERANCE, Comparison, bundled_gold, compare, process
from pipeline.retrain.sources import Reviewed, read_sources
from pipeline.retrain.split import DEFAULT_SEED, split_articles
from pipeline.rules import RuleSet

STATUS_ACTIVE, STATUS_INACTIVE = "active", "inactive"


@dataclass
class RetrainResult:
    """What a retrain learned, how it scored, and the version it saved (None: nothing learned)."""

    base: RuleSet
    version: RuleSet | None = None
    status: str = ""
    reason: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    learn_ids: list[str] = field(default_factory=list)
    held_ids: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    disabled: list[dict[str, Any]] = field(default_factory=list)
    model: dict[str, Any] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        lines = [f"{s['path']}: {s['kind']}, {s['articles']} reviewed article(s), "
                 f"{s['items']} true row(s), {s['rejected']} rejected row(s)"
                 for s in self.sources]
        lines.append(f"split: {len(self.learn_ids)} article(s) to learn from, "
                     f"{len(self.held_ids)} held back")
        kinds = Counter(f.kind for f in self.facts)
        learned = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no fact"
        lines.append(f"learned: {learned}; {len(self.disabled)} rule(s) switched off"
                     + (f"; model: {self.model.get('status')}" if self.model else ""))
        lines += [f"  + {f.describe()}" for f in self.facts]
        lines += [f"  - disabled {d['rule']} ({d['table']}: {d['correct']} of {d['reviewed']} "
                  f"reviewed rows right, precision {d['precision']})" for d in self.disabled]
        return lines

    def format(self) -> str:
        parts = ["\n".join(self.summary_lines())]
        parts += [c.format() for c in self.comparisons]
        if self.notes:
            parts.append("notes:\n" + "\n".join(f"  {n}" for n in self.notes))
        if self.version is None:
            parts.append(f"no new version: {self.reason}")
        else:
            verdict = "active" if self.status == STATUS_ACTIVE else "saved, NOT active"
            parts.append(f"version {self.version.name} ({self.version.version}), parent "
                         f"{self.base.name} ({self.base.version}): {verdict}"
                         + (f" ({self.reason})" if self.reason else "")
                         + f"\n  at {self.version.path}")
        return "\n\n".join(parts)


def default_name(base: RuleSet) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{base.name}-retrained-{stamp}"


def retrain(sources: Sequence[str | Path], *, rules: str | Path | None = None,
            name: str | None = None, holdout: float = 0.2, seed: int = DEFAULT_SEED,
            model_too: bool = False, force: bool = False, articles: Sequence[str] = (),
            input_format: str | None = None, check_bundled: bool = True,
            epochs: int | None = None,
            echo: Callable[[str], None] = lambda _: None) -> RetrainResult:
    """Learn a new rule-set version from `sources` on top of `rules` (see the module doc)."""
    from pipeline.nlp import build_pipeline
    from pipeline.retrain.apply import build_rule_set
    from pipeline.rules import resolve_rules, rules_model, save_version, use_version

    base = resolve_rules(rules)
    result = RetrainResult(base=base)
    reviewed, result.sources = read_sources(sources, articles, input_format)
    result.learn_ids, result.held_ids = split_articles([r.article_id for r in reviewed],
                                                       holdout, seed)
    by_id = {r.article_id: r for r in reviewed}
    learn_part = [by_id[a] for a in result.learn_ids]
    held = [by_id[a] for a in result.held_ids]
    own_model = rules_model(base.path)
    model_arg = str(own_model) if own_model else "auto"
    echo(f"learning from {len(learn_part)} article(s), {len(held)} held back; base rules "
         f"{base.name} ({base.version})")
    base_nlp = build_pipeline(model_arg, base.path)
    preds, docs = process(base_nlp, [r.article for r in learn_part], keep_docs=True)
    cases = [Case(r, doc, {t: preds[t].get(r.article_id, []) for t in SCORED_TABLES})
             for r, doc in zip(learn_part, docs)]
    facts, notes = learn(cases, Known(base.path), base_nlp.tokenizer)
    result.disabled = disabled_rules(cases)
    result.notes += notes
    name = name or default_name(base)

    with tempfile.TemporaryDirectory(prefix="communique-retrain-") as tmp:
        counter = itertools.count()

        def build(selected: Sequence[Fact], with_disabled: bool = True) -> Any:
            dest = Path(tmp) / f"try{next(counter)}"
            dest.mkdir()
            build_rule_set(base.path, dest, selected, result.disabled if with_disabled else (),
                           with_model=False)
            return build_pipeline(model_arg, dest)

        if facts:
            echo(f"checking {len(facts)} candidate fact(s) on the articles learned from")
            reference = build([]) if result.disabled else None
            result.facts, more = validate(facts, cases, build, reference)
            result.notes += more
        del docs, cases  # the Docs of the articles learned from are no longer needed

        new_dir = Path(tmp) / "new"
        new_dir.mkdir()
        stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        build_rule_set(base.path, new_dir, result.facts, result.disabled,
                       note=f"learned by communique retrain into {name} ({stamp})")
        if not result.facts and not result.disabled and not model_too:
            result.reason = "nothing learned: no candidate fixes a reviewed row the base " \
                            "rules get wrong without a loss, and no rule has enough wrong rows " \
                            "to be switched off"
            return result
        new_nlp = build_pipeline("auto", new_dir)
        held_gold = {r.article_id: r.gold() for r in held}
        held_articles = [r.article for r in held]
        held_before = None
        if held:
            echo(f"measuring on the {len(held)} held-back article(s)")
            held_before = process(base_nlp, held_articles)[0]
            result.comparisons.append(compare(
                f"held-back part ({len(held)} reviewed articles)", held_gold, held_articles,
                base_nlp, new_nlp, held_before))
        else:
            result.notes.append("no article held back (--holdout 0 or a single article): "
                                "the new version is measured on the bundled gold only")
        if model_too:
            from pipeline.retrain.model import train_model

            result.model = train_model(learn_part, held, base_nlp, new_dir, Path(tmp),
                                       new_nlp, held_gold, epochs=epochs, echo=echo)
            if result.model.get("status") == "kept":
                new_nlp = build_pipeline("auto", new_dir)
                result.comparisons = [compare(
                    f"held-back part ({len(held)} reviewed articles)", held_gold,
                    held_articles, base_nlp, new_nlp, held_before)]
            elif not result.facts and not result.disabled:
                result.reason = f"nothing learned: {result.model.get('reason')}"
                return result
        bundled = bundled_gold() if check_bundled else None
        if bundled is not None:
            gold, bundled_articles = bundled
            echo(f"measuring on the bundled gold ({len(gold)} articles)")
            result.comparisons.append(compare(f"bundled gold ({len(gold)} articles)", gold,
                                              bundled_articles, base_nlp, new_nlp))
        elif check_bundled:
            result.notes.append("the bundled gold (corpus/gold/ of a checkout) is not here: "
                                "measured on the held-back part only")
        losses = [loss for c in result.comparisons for loss in c.losses(TOLERANCE)]
        if losses:
            result.status = STATUS_ACTIVE if force else STATUS_INACTIVE
            result.reason = ("activated by --force despite: " if force else
                             "a table loses more than 0.01 F1: ") + "; ".join(losses)
        else:
            result.status = STATUS_ACTIVE
        manifest = manifest_of(result, holdout, seed)
        result.version = save_version(new_dir, name, manifest, parent=base)
        if result.status == STATUS_ACTIVE:
            use_version(name)
        shutil.rmtree(new_dir, ignore_errors=True)
    return result


def manifest_of(result: RetrainResult, holdout: float, seed: int) -> dict[str, Any]:
    """The manifest keys a retrain adds (save_version adds name, version, parent, created)."""
    return {
        "made_by": "communique retrain",
        "status": result.status,
        "reason": result.reason,
        "sources": result.sources,
        "split": {"holdout": holdout, "seed": seed, "learned_from": result.learn_ids,
                  "held_back": result.held_ids},
        "learned": [f.to_dict() for f in result.facts],
        "disabled": [{k: v for k, v in d.items() if k != "sources"}
                     for d in result.disabled],
        "model": result.model or None,
        "scores": {c.name: c.to_dict() for c in result.comparisons},
        "notes": result.notes,
    }


def describe_manifest(manifest: dict[str, Any]) -> list[str]:
    """What `communique rules show` prints above the manifest of a retrained version."""
    from pipeline.retrain.measure import format_scores

    parent = manifest.get("parent") or {}
    lines = [f"made by communique retrain from {parent.get('name')} ({parent.get('version')}) "
             f"at {manifest.get('created')}: {manifest.get('status') or '?'}"
             + (f" ({manifest['reason']})" if manifest.get("reason") else "")]
    for s in manifest.get("sources", []):
        lines.append(f"source {s['path']}: {s['kind']}, {s['articles']} reviewed article(s), "
                     f"{s['items']} true row(s), {s['rejected']} rejected row(s)")
    split = manifest.get("split") or {}
    lines.append(f"split: {len(split.get('learned_from', []))} article(s) learned from, "
                 f"{len(split.get('held_back', []))} held back (holdout "
                 f"{split.get('holdout')}, seed {split.get('seed')})")
    learned = manifest.get("learned", [])
    lines.append(f"learned: {len(learned)} fact(s)")
    for f in learned:
        fact = Fact(f["kind"], f["file"], f["table"], f["row"], f["sources"])
        lines.append(f"  + {fact.describe()}  [{len(f['sources'])} source(s)]")
    disabled = manifest.get("disabled", [])
    lines.append(f"switched off: {len(disabled)} rule(s)")
    lines += [f"  - {d['rule']} ({d['table']}: {d['correct']} of {d['reviewed']} reviewed rows "
              f"right, precision {d['precision']})" for d in disabled]
    model = manifest.get("model")
    if model:
        lines.append(f"model: {model.get('status')} ({model.get('reason')})")
    for name, data in (manifest.get("scores") or {}).items():
        lines.append(format_scores(name, data))
    return lines


__all__ = ["retrain", "describe_manifest", "RetrainResult", "Reviewed", "STATUS_ACTIVE", "STATUS_INACTIVE"]
