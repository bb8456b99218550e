"""Triage: run the statistical model only on the sentences that can hold a row.

Most sentences of a news feed hold nothing for any table (sport, markets, long quotes), and
the model (tagger, parser, NER) costs most of a run. In triage mode (`build_pipeline(...,
triage=True)`, `extract --triage`) the `communique_triage` component comes first and works in
two stages; the model's components and the gazetteer rulers are disabled in the pipeline and
run from here:

  1. cheap, on the whole article: the gazetteer rulers, a rule-based sentence split
     (`sentence_starts`), and copies of the token-pattern rulers whose patterns lost every
     model attribute (POS, TAG, LEMMA, DEP, ENT_TYPE, ...: `relax`), so they match wherever
     the real ones could. A sentence is a candidate when a trigger of
     `models/patterns/triage.csv` finds its spans there;
  2. the model's components on the candidate sentences only: each run of consecutive
     candidates with MARGIN tokens of the text on either side (what the model's window sees)
     and sentence starts set at the run's ends, the runs of one article joined into one doc.
     Their annotations are copied into the article's doc; the other sentences get no tags,
     entities or parse, and flat trees that keep them apart in `doc.sents`. A second round
     parses the sentences that repeat a name the model found in a trigger's spans (`link`).

The token-pattern rulers (restricted to the parsed sentences) and the extractors then run on
the whole doc as usual, so offsets, `span.sent` and the evidence `sentence` are read from the
article's own doc. An article without candidates never reaches the model.

`triage.csv`, one row per trigger (several rows may serve one table):
  table    the table it serves (for the reader; all triggers are pooled)
  spans    selectors, any of which makes a sentence a candidate
  with     optional selectors, one of which must also be in that sentence
  context  sentences before and after a candidate that reach the model too
  check    optional test a `spans` span must pass (one of CHECKS)
  link     optional entity labels: sentences repeating a word of such an entity of the
           trigger's spans reach the model in a second round
  why      what the trigger stands for
A selector is `LABEL` (gazetteer spans: the file stem upper-cased) or `stem:LABEL` (spans of
that label of models/patterns/<stem>.jsonl, relaxed), with `/kind` to keep only the gazetteer
rows of that kind (or the patterns of that id), `/!kind` to leave them out.

The rows are those of a run without triage as long as the triggers name every span a row can
start from; `tests/test_triage.py` compares both modes on the bundled gold articles and
`benchmarks/throughput.py` measures the speed. Residual differences come from the parser's
sentence boundaries when they depend on text beyond the margin, and from article-wide counts
over entities outside the candidates (trade: MONEY entities naming a state).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, \
    SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from pipeline.errors import DataError, Errors
from pipeline.extractors.base import is_blank
from pipeline.gazetteers import GAZETTEER_KEYS, read_rule_table, rule_names, span_kind
from pipeline.extractors.leaders.publishers import OUTLET_KIND, PUBLISHER_KIND

TRIAGE_FILE = "triage.csv"  # in models/patterns
TRIAGE_COMPONENT = "communique_triage"
RANGES_KEY = "communique_model_ranges"  # doc.user_data: token ranges that reached the model
COUNTS_KEY = "communique_triage_counts"  # doc.user_data: TriageCounts of the article
# Token attributes only the model gives: removed from the first stage's copies of patterns.
MODEL_ATTRS = frozenset({"POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_TYPE", "ENT_IOB",
                         "ENT_ID", "ENT_KB_ID", "SENT_START", "IS_SENT_START"})
# What the extractors and patterns read from the model (spaCy's `assigns` names): a model
# component assigning none of it is disabled (see `unused_components`).
READS = frozenset({"token.tag", "token.pos", "token.lemma", "token.dep", "token.head",
                   "token.is_sent_start", "doc.sents", "doc.ents", "token.ent_iob",
                   "token.ent_type", "token.morph"})
# Tokens of context a sub-doc gets on either side of its sentences when the model's config
# does not tell its window (`model_window`: 4 for en_core_web_sm/md/lg v3); the margin's own
# annotations are not kept.
MARGIN = 4
_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_ARRAY_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID]
_UNPARSED_DEP = "dep"  # label of the tokens of a sentence that did not reach the model
_DEP, _HEAD, _IOB = (_ARRAY_ATTRS.index(a) for a in (DEP, HEAD, ENT_IOB))


# ---------------------------------------------------------------- triggers (data)

@dataclass(frozen=True)
class Selector:
    """Spans of one label: from a gazetteer (`source` "") or a pattern file (its stem)."""

    source: str
    label: str
    kind: str = ""  # gazetteer kind or pattern id; "" = any, "!k" = any but k

    def takes(self, kind: str) -> bool:
        if not self.kind:
            return True
        return kind != self.kind[1:] if self.kind.startswith("!") else kind == self.kind

    @classmethod
    def parse(cls, text: str) -> Selector:
        source, _, rest = text.rpartition(":")
        label, _, kind = rest.partition("/")
        return cls(source, label, kind)

    def __str__(self) -> str:
        return (f"{self.source}:" if self.source else "") + self.label + \
            (f"/{self.kind}" if self.kind else "")


@dataclass(frozen=True)
class Trigger:
    """What makes a sentence a candidate for one table."""

    table: str
    spans: tuple[Selector, ...]
    with_: tuple[Selector, ...] = ()
    context: int = 0
    check: str = ""  # a name of CHECKS: what a `spans` span must pass to count
    link: frozenset[str] = frozenset()  # entity labels whose names pull in more sentences


def read_triggers(models_dir: Path) -> list[Trigger] | None:
    """The triggers of models/patterns/triage.csv; None when the rule set has no such file."""
    path = models_dir / "patterns" / TRIAGE_FILE
    if not path.exists():
        return None
    labels_known, stems = rule_names(models_dir)
    triggers = []
    for line, row in read_rule_table(path, ("table", "spans", "context"), Errors.D004):
        spans = [Selector.parse(s) for s in row["spans"].split()]
        with_ = [Selector.parse(s) for s in row.get("with", "").split()]
        context, check = row["context"] or "0", row.get("check", "")
        reason = None
        bad = [str(s) for s in spans + with_ if not s.label
               or (s.source and s.source not in stems)
               or (not s.source and s.label not in labels_known)]
        if not row["table"]:
            reason = "empty 'table'"
        elif not spans:
            reason = "no selector in 'spans'"
        elif bad:
            reason = f"selectors {bad} name no gazetteer (have: " \
                     f"{', '.join(sorted(labels_known))}) nor pattern file (have: " \
                     f"{', '.join(sorted(stems))})"
        elif not context.isdigit():
            reason = f"context {context!r} must be a number of sentences"
        elif check and check not in CHECKS:
            reason = f"check {check!r} is not one of {sorted(CHECKS)}"
        if reason:
            raise DataError(Errors.D004.format(path=path, line=line, reason=reason))
        triggers.append(Trigger(row["table"], tuple(spans), tuple(with_), int(context), check,
                                frozenset(row.get("link", "").split())))
    return triggers


class DateCheck:
    """Whether a span, trimmed as the dates extractor trims it, has a date value against the
    article's publication date (the dates extractor keeps no other candidate). An article
    without one may get it from a month-day in its text (`DatesExtractor.infer_dct`): then
    any date that would have a value against some date passes."""

    STAND_IN = "2000-01-01"

    def __init__(self, doc: Doc, spans: list[tuple[int, int]], root: Path) -> None:
        from pipeline.extractors.dates import trim
        from pipeline.normalizers.dates import load_lexicon, normalize, parse

        self.doc, self.trim, self.normalize = doc, trim, normalize
        self.lexicon = load_lexicon(str(root))
        self.dct = (doc._.dct if doc.has_extension("dct") else None) or None
        if self.dct is None and any(self._dates_article(doc, start, end, parse)
                                    for start, end in spans):
            self.dct = self.STAND_IN

    def _dates_article(self, doc: Doc, start: int, end: int, parse: Any) -> bool:
        """A month-day the dates extractor could date the article by: in a dateline (near
        the start or the end of the text), or with a weekday and no year."""
        from pipeline.extractors.dates.dct import DATELINE_WINDOW

        span = doc[slice(*self.trim(doc, start, end))]
        point = parse(span.text, self.lexicon)
        if point is None or not (point.month and point.day):
            return False
        size = doc[-1].idx + len(doc[-1].text_with_ws)
        return span.start_char <= DATELINE_WINDOW or span.end_char >= size - DATELINE_WINDOW \
            or (point.weekday is not None and point.year is None)

    def __call__(self, start: int, end: int) -> bool:
        start, end = self.trim(self.doc, start, end)
        return self.normalize(self.doc[start:end].text, self.dct,
                              lexicon=self.lexicon) is not None


class PublisherHeadCheck:
    """Whether a head's office named without a person can make a row: only in the article of
    a government publisher or of a national news outlet ("the President said" is the
    publisher's own head, "the prime minister" the outlet state's: `leaders.linking.
    _bare_offices`, which reads the part-of-speech tag). All of them there, not only those
    after "the": the parser's sentence boundaries next to a headline depend on it being
    parsed too."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int]], root: Path) -> None:
        from pipeline.extractors.leaders.publishers import publisher_state

        self.doc = doc
        source = (doc._.source if doc.has_extension("source") else "") or ""
        url = (doc._.url if doc.has_extension("url") else "") or ""
        self.publisher = publisher_state(source, url, _publishers(root)) or \
            publisher_state(source, url, _publishers(root, OUTLET_KIND))

    def __call__(self, start: int, end: int) -> bool:
        return bool(self.publisher)


@lru_cache(maxsize=8)
def _publishers(root: Path, kind: str = PUBLISHER_KIND) -> dict[str, str]:
    from pipeline.extractors.leaders.publishers import PUBLISHERS_FILE, load_publishers

    return load_publishers(root / "gazetteers" / PUBLISHERS_FILE, kind)


class NamedDocumentCheck:
    """Whether a document noun can make a row without a cue word in its sentence (the
    documents extractor's "named" and "list" paths): it starts a capitalized title inside a
    sentence ("the Agreement on ..."), follows a state's name or adjective ("the U.S.-Japanese
    agreement"), or stands in a list line (a bullet, or the line before ends with ':')."""

    STATES = ("COUNTRIES", "DEMONYMS")
    BEFORE = 3  # tokens between a state's name and the noun

    def __init__(self, doc: Doc, spans: list[tuple[int, int]], root: Path) -> None:
        from pipeline.extractors.base import doc_text

        self.doc, self.text = doc, doc_text(doc)
        self.state_ends = sorted(s.end for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])
                                 if s.label_ in self.STATES)

    def __call__(self, start: int, end: int) -> bool:
        from pipeline.extractors.documents.sources.lists import BULLET

        doc, text = self.doc, self.text
        first = doc[start]
        if start > 0 and first.text[:1].isupper() and not doc[start - 1].is_space \
                and doc[start - 1].text not in _FINAL and not doc[start - 1].is_quote:
            return True
        k = bisect_right(self.state_ends, start)
        if k and start - self.state_ends[k - 1] <= self.BEFORE:
            return True
        lo = text.rfind("\n", 0, first.idx) + 1
        if BULLET.match(text[lo:first.idx + 1]):  # its "^" anchors at the string's start
            return True
        before = text[:lo].rstrip()
        return before.endswith(":")


class ListLeadCheck:
    """Whether a span stands in a list's lead-in: its line ends with ':' ("... commercial
    deals:"). The parser may take the list items below into the lead-in's sentence, so a cue
    word there can make rows of amounts in the items (they need `context`)."""

    def __init__(self, doc: Doc, spans: list[tuple[int, int]], root: Path) -> None:
        from pipeline.extractors.base import doc_text

        self.doc, self.text = doc, doc_text(doc)

    def __call__(self, start: int, end: int) -> bool:
        at = self.doc[end - 1].idx
        line_end = self.text.find("\n", at)
        return self.text[at:None if line_end < 0 else line_end].rstrip().endswith(":")


# Checks a trigger can ask of its spans (the `check` column): model-free tests an extractor
# applies before a span can become a row. Made per article from the trigger's spans there.
CHECKS: dict[str, Any] = {"date": DateCheck, "publisher_head": PublisherHeadCheck,
                          "named_document": NamedDocumentCheck, "list_lead": ListLeadCheck}


def relax(pattern: list[dict[str, Any]], irregular: dict[str, list[str]] | None = None
          ) -> list[dict[str, Any]]:
    """A token pattern without model attributes: it matches wherever the original can (and
    more). A negated token ("OP": "!") that loses an attribute becomes any token. With
    `irregular` (lemma -> its irregular forms), a LEMMA becomes a test of the word itself:
    it starts with the lemma (less a final "e" or "y": "concluded", "applied") or is one of
    its irregular forms ("took")."""
    out = []
    for token in pattern:
        kept = {k: v for k, v in token.items() if k not in MODEL_ATTRS}
        if len(kept) < len(token) and kept.get("OP") == "!":
            kept = {}
        elif irregular is not None and "LEMMA" in token and not {"LOWER", "ORTH", "TEXT"} & \
                set(kept) and (lemmas := _lemmas(token["LEMMA"])):
            kept["LOWER"] = {"REGEX": lemma_forms(lemmas, irregular)}
        out.append(kept)
    return out


def _lemmas(value: Any) -> list[str]:
    """The words a LEMMA test accepts ([] for tests that are not a plain list of words)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [v for v in value["IN"] if isinstance(v, str)]
    return []


def lemma_forms(lemmas: Iterable[str], irregular: dict[str, list[str]]) -> str:
    """A regular expression for the lower-case words that can have one of `lemmas`."""
    import re

    stems, words = set(), set()
    for lemma in lemmas:
        lemma = lemma.lower()
        stems.add(lemma[:-1] if len(lemma) > 2 and lemma[-1] in "ey" else lemma)
        words.update(irregular.get(lemma, ()))
    alternatives = [re.escape(x) for x in sorted(stems)]
    alternatives += [re.escape(x) + "$" for x in sorted(words)]
    return "^(?:" + "|".join(alternatives) + ")"


def irregular_forms(nlp: Language) -> dict[str, list[str]] | None:
    """lemma -> irregular forms, from the exceptions of the model's rule lemmatizer; None
    when the model has none (LEMMA tests are then dropped from relaxed patterns)."""
    for _, proc in nlp.components:
        lookups = getattr(proc, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_exc"):
            continue
        out: dict[str, list[str]] = {}
        for table in lookups.get_table("lemma_exc").values():
            for form, lemmas in table.items():
                for lemma in lemmas:
                    out.setdefault(lemma, []).append(form)
        return out
    return None


# ---------------------------------------------------------------- sentences

def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where a sentence starts, by rule: after a blank line, and after a
    sentence-final mark (with the closing quotes or brackets glued to it) when the next word
    is capitalized or opens a quote ("Rs. 5 billion", "e.g. the" go on)."""
    n = len(doc)
    if n == 0:
        return []
    starts = [0]
    last = 0
    orths = doc.to_array([ORTH]).astype("uint64").ravel()
    ends = [h for h in numpy.unique(orths).tolist()
            if (text := doc.vocab.strings[h]) in _FINAL or is_blank(text)]
    for i in numpy.flatnonzero(numpy.isin(orths, ends)).tolist():
        blank = is_blank(doc[i].text)
        if i < last:
            continue
        j = i + 1
        while j < n and (doc[j].is_space or doc[j].text in _FINAL or (
                (doc[j].is_right_punct or doc[j].is_quote) and not doc[j - 1].whitespace_
                and not doc[j - 1].is_space)):
            blank = blank or is_blank(doc[j].text)
            j += 1  # '."' and '.)' close the sentence; '. "' opens the next one
        last = j
        if j < n and j > starts[-1] and (blank or doc[j].text[:1].isupper()
                                         or doc[j].is_left_punct or doc[j].is_quote):
            starts.append(j)
    # a "sentence" of one or two words goes with the one before ("REUTER", "(AP)"), one of
    # punctuation only with the one after ("<...> Vladimir Putin: ..."), as the parser does
    bounds = starts + [n]
    out: list[int] = []
    pending = None  # start of a punctuation-only piece waiting for the next sentence
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        words = sum(1 for t in doc[a:b] if any(c.isalnum() for c in t.text))
        if k > 0 and words == 0 and b < n:
            pending = a if pending is None else pending
        elif k == 0 or words > 2:
            out.append(a if pending is None else pending)
            pending = None
    return out


# ---------------------------------------------------------------- the component

@dataclass
class TriageCounts:
    """What of one article reached the model."""

    sentences: int = 0
    model_sentences: int = 0
    tokens: int = 0
    model_tokens: int = 0  # the sentences' tokens (margins not counted)


class Triage:
    """First pipeline component in triage mode: runs the gazetteer rulers and the first
    stage, then the (disabled) model components on the candidate sentences only."""

    def __init__(self, nlp: Language, name: str, models_dir: str, model_pipes: list[str],
                 first_pipes: list[str], margin: int = MARGIN) -> None:
        from pipeline.nlp import read_gates, read_patterns
        from pipeline.rules import component_dir

        self.nlp, self.name = nlp, name
        self.model_pipes, self.first_pipes = list(model_pipes), list(first_pipes)
        self.margin = margin
        self.root = root = component_dir(models_dir)
        self.triggers = read_triggers(root) or []
        gates = read_gates(root)
        self.stage_rulers: list[tuple[str, Any]] = []  # relaxed copies of the pattern rulers
        selectors = [s for t in self.triggers for s in t.spans + t.with_ if s.source]
        irregular = irregular_forms(nlp)
        for stem in sorted({s.source for s in selectors}):
            wanted = {s.label for s in selectors if s.source == stem}
            patterns = [dict(p, pattern=relax(p["pattern"], irregular))
                        if isinstance(p["pattern"], list)
                        else p for p in read_patterns(root / "patterns" / f"{stem}.jsonl")
                        if p["label"] in wanted]
            self.stage_rulers.append((stem, self._ruler(stem, patterns,
                                                        self._gate(stem) or gates.get(stem))))

    def _gate(self, stem: str) -> dict[str, Any] | None:
        """A first-stage ruler needed only in the `with` of triggers whose `spans` are all
        gazetteer labels matches only in the sentences that hold one of those."""
        users = [t for t in self.triggers if any(s.source == stem for s in t.spans + t.with_)]
        if any(s.source for t in users for s in t.spans):
            return None
        labels = sorted({s.label for t in users for s in t.spans})
        return {"gate_labels": labels, "gate_scope": "sentence", "gate_context": 0}

    def _ruler(self, stem: str, patterns: list[dict[str, Any]],
               gate: dict[str, Any] | None) -> Any:
        from pipeline.nlp import CommuniqueRuler

        ruler = CommuniqueRuler(self.nlp, f"triage_{stem}", spans_key=f"triage_{stem}",
                                spans_filter=None, annotate_ents=False, ents_filter=None,
                                phrase_matcher_attr=None, validate=False, overwrite=True,
                                scorer=None, **(gate or {}))
        ruler.add_patterns(patterns)
        return ruler

    # ------------------------------------------------------------ stage 1

    def hits(self, doc: Doc, starts: list[int]) -> list[dict[int, list[tuple[int, int]]]]:
        """Per trigger: sentence index -> the token ranges of its spans there (no context)."""
        found: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
        for key in GAZETTEER_KEYS:
            for span in doc.spans.get(key, []):
                found.setdefault(("", span.label_), []).append(
                    (span.start, span.end, span_kind(span)))
        for stem, _ in self.stage_rulers:
            for span in doc.spans.get(f"triage_{stem}", []):
                found.setdefault((stem, span.label_), []).append((span.start, span.end, span.id_))

        def sentences(selectors: Iterable[Selector], check: str = ""
                      ) -> dict[int, list[tuple[int, int]]]:
            spans = [(start, end) for sel in selectors
                     for start, end, kind in found.get((sel.source, sel.label), ())
                     if sel.takes(kind)]
            test = CHECKS[check](doc, spans, self.root) if check and spans else None
            out: dict[int, list[tuple[int, int]]] = {}
            for start, end in spans:
                if test is None or test(start, end):
                    out.setdefault(bisect_right(starts, start) - 1, []).append((start, end))
            return out

        out = []
        for trigger in self.triggers:
            hits = sentences(trigger.spans, trigger.check)
            if hits and trigger.with_:
                others = sentences(trigger.with_)
                hits = {k: v for k, v in hits.items() if k in others}
            out.append(hits)
        return out

    # ------------------------------------------------------------ component

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            yield from self._process(list(batch))

    def _process(self, docs: list[Doc]) -> list[Doc]:
        plans = []
        for doc in docs:
            for name in self.first_pipes:
                doc = self.nlp.get_pipe(name)(doc)
            plans.append(self.plan(doc))
        # round 1: the candidate sentences; round 2: the sentences that repeat a name the
        # model found in them (`link`), for the extractors that join mentions of one entity
        self._run_model(docs, plans, [plan.chosen for plan in plans])
        if any(t.link for t in self.triggers):
            self._run_model(docs, plans, [self.linked(doc, plan) for doc, plan in
                                          zip(docs, plans)])
        for doc, plan in zip(docs, plans):
            merge(doc, plan)
        return docs

    def _run_model(self, docs: list[Doc], plans: list[Plan], chosen: list[set[int]]) -> None:
        """The model on the runs of the `chosen` sentences of each doc: one doc per article
        made of its runs, each with its margins (the model window sees only a run's own
        margins, so joining them changes nothing and saves the cost of a doc per run)."""
        joined, owners = [], []
        for doc, plan, sentences in zip(docs, plans, chosen):
            runs = self.runs(plan.starts, sentences, len(doc))
            if not runs:
                continue
            pieces = [doc[lo:hi].as_doc() for lo, _, _, hi in runs]
            part = pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces,
                                                                   ensure_whitespace=False)
            offset = 0
            for lo, start, end, hi in runs:
                if start > lo:  # the margins are other sentences: the parser must not
                    part[offset + start - lo].is_sent_start = True  # join them to ours
                if end < hi:
                    part[offset + end - lo].is_sent_start = True
                plan.offsets.append(offset - lo)  # doc index + this = index in `part`
                offset += hi - lo
            plan.runs.extend(runs)
            joined.append(part)
            owners.append((plan, len(runs)))
        for (plan, n), part in zip(owners, self._model(joined)):
            plan.parts.extend([part] * n)

    def linked(self, doc: Doc, plan: Plan) -> set[int]:
        """Sentences not yet parsed that hold a word of an entity the model found in the
        sentences of a trigger with `link` labels."""
        words: set[str] = set()
        for trigger, hits in zip(self.triggers, plan.hits):
            if not trigger.link or not hits:
                continue
            spans = [span for found in hits.values() for span in found]
            for part in {id(p): p for p in plan.parts}.values():
                for ent in part.ents:
                    if ent.label_ not in trigger.link:
                        continue
                    # back to the article's indices; entities in the margins do not count
                    for (_, start, end, _), offset, owner in zip(plan.runs, plan.offsets,
                                                                 plan.parts):
                        a, b = ent.start - offset, ent.end - offset
                        if owner is part and start <= a < end and any(
                                x < b and a < y for x, y in spans):
                            words.update(t.text for t in ent if t.is_alpha and t.is_title
                                         and not t.is_stop)
        if not words:
            return set()
        strings = doc.vocab.strings
        keys = [strings[w] for w in words if w in strings]
        orths = doc.to_array([ORTH]).astype("uint64")
        found = numpy.flatnonzero(numpy.isin(orths, numpy.array(keys, dtype="uint64")))
        return {bisect_right(plan.starts, int(i)) - 1 for i in found} - plan.parsed()

    def plan(self, doc: Doc) -> Plan:
        """Stage 1: the sentences, and the candidates among them."""
        starts = sentence_starts(doc)
        if not starts:
            return Plan(starts, len(doc))
        arr = numpy.full((len(doc), 1), -1, dtype="int64")
        arr[starts] = 1
        doc.from_array([SENT_START], arr.astype("uint64"))  # for the gated rulers
        before = set(doc.user_data)
        for stem, ruler in self.stage_rulers:
            ruler(doc)
        # unset again: the sub-docs would copy them, and the parser take them as given
        doc.from_array([SENT_START], numpy.zeros((len(doc), 1), dtype="uint64"))
        plan = Plan(starts, len(doc), self.hits(doc, starts))
        for stem, _ in self.stage_rulers:
            del doc.spans[f"triage_{stem}"]
        for key in set(doc.user_data) - before:  # caches computed without the model
            del doc.user_data[key]
        for trigger, hits in zip(self.triggers, plan.hits):
            for k in hits:
                plan.chosen.update(range(max(0, k - trigger.context),
                                         min(len(starts), k + trigger.context + 1)))
        return plan

    def runs(self, starts: list[int], sentences: set[int], n: int
             ) -> list[tuple[int, int, int, int]]:
        """(sub-doc start, kept start, kept end, sub-doc end) per run of `sentences`; two
        runs a few tokens apart are one, the sentences between them included."""
        bounds = starts + [n]
        runs: list[list[int]] = []
        for k in sorted(sentences):
            if runs and bounds[k] - runs[-1][1] <= 2 * self.margin:
                runs[-1][1] = bounds[k + 1]
            else:
                runs.append([bounds[k], bounds[k + 1]])
        return [(max(0, a - self.margin), a, b, min(n, b + self.margin)) for a, b in runs]

    def _model(self, subdocs: list[Doc]) -> list[Doc]:
        if not subdocs:
            return []
        stream: Iterable[Doc] = subdocs
        for name in self.model_pipes:
            proc = self.nlp.get_pipe(name)
            if hasattr(proc, "pipe"):
                stream = proc.pipe(stream, batch_size=len(subdocs))
            else:
                stream = map(proc, stream)  # (a generator expression would call the last proc)
        return list(stream)


@dataclass
class Plan:
    """One article's way through triage."""

    starts: list[int]  # token index of every sentence's first token
    n_tokens: int
    # per trigger: sentence index -> token ranges of the trigger's spans in it
    hits: list[dict[int, list[tuple[int, int]]]] = field(default_factory=list)
    chosen: set[int] = field(default_factory=set)  # the candidates and their context
    runs: list[tuple[int, int, int, int]] = field(default_factory=list)  # sent to the model
    parts: list[Doc] = field(default_factory=list)  # per run: the doc the model made of it
    offsets: list[int] = field(default_factory=list)  # per run: `parts` index - doc index

    def bound(self, k: int) -> int:
        return self.starts[k] if k < len(self.starts) else self.n_tokens

    def parsed(self) -> set[int]:
        """Indices of the sentences inside the runs."""
        return {k for k, s in enumerate(self.starts)
                if any(start <= s < end for _, start, end, _ in self.runs)}


def merge(doc: Doc, plan: Plan) -> None:
    """Copy the kept part of the sub-docs' annotations into `doc`. A sentence that did not
    reach the model becomes a flat tree (its first token the root), so `doc.sents` keeps the
    sentences apart and nothing reads a parse or an entity there."""
    n = len(doc)
    counts = TriageCounts(sentences=len(plan.starts), model_sentences=len(plan.parsed()),
                          tokens=n)
    doc.user_data[COUNTS_KEY] = counts
    doc.user_data[RANGES_KEY] = sorted((start, end) for _, start, end, _ in plan.runs)
    if n == 0:
        return
    strings = doc.vocab.strings
    arr = numpy.zeros((n, len(_ARRAY_ATTRS)), dtype="uint64")
    first = numpy.zeros(n, dtype="int64")
    bounds = plan.starts + [n]
    for a, b in zip(bounds, bounds[1:]):
        first[a:b] = a
    offsets = first - numpy.arange(n)
    arr[:, _HEAD] = offsets.astype("uint64")
    arr[:, _DEP] = numpy.where(offsets == 0, strings.add("ROOT"), strings.add(_UNPARSED_DEP))
    arr[:, _IOB] = 2  # outside any entity
    arrays: dict[int, numpy.ndarray] = {}
    for (lo, start, end, _), part, offset in zip(plan.runs, plan.parts, plan.offsets):
        if id(part) not in arrays:
            arrays[id(part)] = part.to_array(_ARRAY_ATTRS)
        arr[start:end] = arrays[id(part)][start + offset:end + offset]
        if arr[start, _IOB] == 1:  # an entity of the margin ends where the sentence starts
            arr[start, _IOB] = 3
        counts.model_tokens += end - start
    doc.from_array(_ARRAY_ATTRS, arr)


def triage_counts(doc: Doc) -> TriageCounts | None:
    """What of `doc` reached the model; None when it went through a pipeline without triage."""
    return doc.user_data.get(COUNTS_KEY)


# ---------------------------------------------------------------- assembly

@Language.factory(TRIAGE_COMPONENT, default_config={"models_dir": "", "model_pipes": [],
                                                    "first_pipes": [], "margin": MARGIN})
def make_triage(nlp: Language, name: str, models_dir: str, model_pipes: list[str],
                first_pipes: list[str], margin: int) -> Triage:
    return Triage(nlp, name, models_dir, model_pipes, first_pipes, margin)


def unused_components(nlp: Language, own: Iterable[str]) -> list[str]:
    """Model components whose output nothing of communique reads: those that declare what
    they assign and assign none of READS, unless a needed component listens to them."""
    model = [n for n in nlp.pipe_names if n not in set(own)]
    unused = [n for n in model if nlp.get_pipe_meta(n).assigns
              and not set(nlp.get_pipe_meta(n).assigns) & READS]
    needed = set(model) - set(unused)
    for name in list(unused):
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
        if needed & set(listeners):
            unused.remove(name)
    return unused


def enable_triage(nlp: Language, models_dir: Path, own: Iterable[str]) -> bool:
    """Put `nlp` in triage mode: a `communique_triage` component first, which runs the
    gazetteer rulers and then the model components (both disabled in the pipeline) on the
    candidate sentences. False (and `nlp` unchanged) when the rule set has no triage.csv."""
    if read_triggers(models_dir) is None:
        return False
    own = set(own)
    model = [n for n in nlp.pipe_names if n not in own]
    first = [n for n in nlp.pipe_names if n in GAZETTEER_KEYS]
    nlp.add_pipe(TRIAGE_COMPONENT, first=True,
                 config={"models_dir": str(models_dir), "model_pipes": model,
                         "first_pipes": first, "margin": model_window(nlp, model)})
    for name in model + first:
        nlp.disable_pipe(name)
    return True


def model_window(nlp: Language, names: Iterable[str]) -> int:
    """Tokens a model component's encoder sees on either side of a token (depth x window of
    spaCy's CNN encoders), the largest over `names`; MARGIN when the config does not say."""
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("depth"), int) and isinstance(node.get("window_size"), int):
                found.append(node["depth"] * node["window_size"])
            for value in node.values():
                walk(value)

    for name in names:
        walk(nlp.config["components"].get(name, {}))
    return max(found, default=MARGIN)


def is_triaged(nlp: Language) -> bool:
    return TRIAGE_COMPONENT in nlp.pipe_names


def restrict(ranges: list[tuple[int, int]], doc: Doc) -> list[tuple[int, int]]:
    """`ranges` (token ranges a ruler would match in) cut to the parts that reached the
    model; unchanged for a doc processed without triage."""
    limit = doc.user_data.get(RANGES_KEY)
    if limit is None:
        return ranges
    out = []
    for a, b in ranges:
        for c, d in limit:
            lo, hi = max(a, c), min(b, d)
            if lo < hi:
                out.append((lo, hi))
    return out
