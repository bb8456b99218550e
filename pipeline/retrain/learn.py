"""What `communique retrain` learns from reviewed articles: facts written as rule data.

The base rule set is run over the articles to learn from; its rows are paired with what the
reviewers decided (the matching of `communique evaluate`). The differences are what there is
to learn, one learner per kind of fact:

  titles         an office form next to a leader the rules missed or titled wrong
                 -> gazetteers/titles.csv (code = the reviewer's title, kind = the kind of
                 the code's other forms, else of the form's head word, else `official`)
  people         a leader whose state the rules missed or got wrong -> gazetteers/known_people.csv
                 (the person -> state facts the leaders extractor uses only where the text
                 names no state; see pipeline/extractors/leaders/knowledge.py)
                 (name -> state or organization and office; the extractor uses it as its
                 known-leaders list)
  organizations  an organization code a reviewer gave that the text writes in a form the
                 rules do not know ("Long Name (CODE)", or the acronym) -> organizations.csv
  currencies     the currency word of a missed or mis-read amount -> currencies.csv
  measures       the nearest noun or verb before (or just after) a missed amount -> a cue of
                 trade_measures.csv with the reviewer's measure
  doc_types      the noun of a missed document -> doc_types.csv
  doc_cues       the word governing a missed document the rules know the type of ->
                 a cue pattern of patterns/documents.jsonl (SIGN, INFORCE or PLAN by status)
  patterns       a missed date or leader no rule matched -> a token pattern generalized from
                 the span and its context (shape of numbers, lower-case words or the model's
                 entity type; the leaders' token roles), in patterns/dates.jsonl or leaders.jsonl

Every fact keeps the references of the decisions it came from (`sources`). A learned pattern
is kept only if it matches no rejected row; then every fact is kept only if it does not lower
the precision (nor the F1) of the tables it is about on the articles learned from
(`validate`). Rules with at least `MIN_REVIEWED` reviewed rows and a precision below
`MIN_PRECISION` are switched off (`disabled_rules`), never deleted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate import COST, MATCH, NEAR, SCORED_TABLES, assign, score
from pipeline.gazetteers import GAZETTEER_KEYS, gazetteer_files, read_gazetteer
from pipeline.retrain.sources import Item, Reviewed

MIN_REVIEWED = 5
MIN_PRECISION = 0.5
EPS = 1e-9
TITLE_WINDOW = 8  # tokens before a leader's name (or after it, past a comma) to find the office
MEASURE_BEFORE, MEASURE_AFTER = 10, 8  # tokens around an amount to find its cue word
MAX_FORM_TOKENS = 5
LEARNED_PREFIX = "learned_"

# Status of a missed document -> the cue label of patterns/documents.jsonl for its verb.
STATUS_CUE = {"signed": "SIGN", "in_force": "INFORCE", "planned": "PLAN"}
# Labels the leaders patterns read: a learned pattern uses the same token roles.
ROLE_ATTR = "ldr_role"
PLACE_LABELS = ("COUNTRIES", "DEMONYMS", "ORGANIZATIONS")
# A source whose officials reviewers give one state: the leaders extractor's publisher list
# (models/gazetteers/publishers.csv, kind below) makes officials with no state serve it.
PUBLISHER_KIND = "government_publisher"
MIN_SOURCE_EVIDENCE, MIN_SOURCE_SHARE = 5, 0.8


# ---------------------------------------------------------------- facts

@dataclass
class Fact:
    """One learned piece of rule data: a gazetteer row or a pattern, with its sources."""

    kind: str  # title | person | organization | currency | measure | doc_type | doc_cue | pattern
    file: str  # path inside the rule set: gazetteers/titles.csv, patterns/dates.jsonl ...
    table: str  # the table it should improve
    row: dict[str, Any]  # gazetteer columns, or a pattern (label, pattern, id)
    sources: list[str] = field(default_factory=list)

    @property
    def is_pattern(self) -> bool:
        return self.file.endswith(".jsonl")

    @property
    def key(self) -> tuple[str, ...]:
        if self.is_pattern:
            return (self.file, json.dumps(self.row["pattern"], sort_keys=True),
                    self.row["label"])
        return (self.file, self.row["text"].casefold(), self.row.get("code", ""))

    @property
    def text(self) -> str:
        return "" if self.is_pattern else self.row["text"]

    def gazetteer_row(self) -> dict[str, Any]:
        from pipeline.retrain.apply import sources_cell

        return {**self.row, "source": sources_cell(self.sources)}

    def pattern_line(self) -> dict[str, Any]:
        return {**self.row, "source": list(dict.fromkeys(self.sources))}

    def describe(self) -> str:
        name = self.file.rpartition("/")[2]
        if self.is_pattern:
            return f"{name}: {self.row['label']} pattern {self.row['id']} " \
                   f"{json.dumps(self.row['pattern'], ensure_ascii=False)}"
        row = self.row
        extra = ", ".join(f"{k}={row[k]}" for k in row if k not in ("text", "code") and row[k])
        return f"{name}: {row['text']!r} -> {row.get('code', '')}" + (f" ({extra})" if extra
                                                                      else "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": self.file, "table": self.table, "row": self.row,
                "sources": list(dict.fromkeys(self.sources))}


def merge_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per key (sources joined); gazetteer forms learned with two codes (a name
    given two states) are dropped: the reviews disagree."""
    merged: dict[tuple[str, ...], Fact] = {}
    for fact in facts:
        if fact.key in merged:
            merged[fact.key].sources.extend(fact.sources)
        else:
            merged[fact.key] = Fact(fact.kind, fact.file, fact.table, dict(fact.row),
                                    list(fact.sources))
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fact in merged.values():
        if not fact.is_pattern:
            codes[(fact.file, fact.text.casefold())].add(fact.row.get("code", ""))
    return [f for f in merged.values()
            if f.is_pattern or len(codes[(f.file, f.text.casefold())]) == 1]


# ---------------------------------------------------------------- what the base rules know

class Known:
    """The gazetteers of the base rule set, looked up case-insensitively."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rows: dict[str, list[dict[str, str]]] = {}
        for path in gazetteer_files(root):
            self.rows[path.stem] = list(read_gazetteer(path))
        self.texts = {stem: {r["text"].casefold() for r in rows} for stem, rows in self.rows.items()}
        self.pattern_words = self._pattern_words()

    def has(self, stem: str, text: str) -> bool:
        return " ".join(text.split()).casefold() in self.texts.get(stem, set())

    def codes(self, stem: str) -> set[str]:
        return {r["code"] for r in self.rows.get(stem, [])}

    def kind_of_code(self, stem: str, code: str) -> str:
        kinds = Counter(r["kind"] for r in self.rows.get(stem, []) if r["code"] == code)
        return kinds.most_common(1)[0][0] if kinds else ""

    def row_of_text(self, stem: str, text: str) -> dict[str, str] | None:
        folded = text.casefold()
        return next((r for r in self.rows.get(stem, []) if r["text"].casefold() == folded), None)

    def _pattern_words(self) -> set[str]:
        """Every word a pattern of documents.jsonl names (LOWER, LEMMA, ORTH values)."""
        words: set[str] = set()
        path = self.root / "patterns" / "documents.jsonl"
        if not path.is_file():
            return words
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            for token in json.loads(line).get("pattern", []):
                if isinstance(token, dict):
                    for attr in ("LOWER", "LEMMA", "ORTH"):
                        value = token.get(attr)
                        if isinstance(value, str):
                            words.add(value.casefold())
                        elif isinstance(value, dict):
                            words |= {str(v).casefold() for v in value.get("IN", [])}
        return words


def is_country(code: str) -> bool:
    """An ISO 3166 alpha-3 code (else: an organization's acronym)."""
    import pycountry

    return len(code) == 3 and pycountry.countries.get(alpha_3=code.upper()) is not None


# ---------------------------------------------------------------- cases: base rows vs reviews

@dataclass
class TableDiff:
    pairs: list[tuple[Item, Item]]  # (true item, base row) that match
    misses: list[Item]  # true items no base row matches (near ones included)
    false_hits: list[Item]  # base rows no true item matches (near ones included)
    near: list[tuple[Item, Item]]  # a miss and a false hit about the same thing


def diff_table(table: str, golds: Sequence[Item], preds: Sequence[Item]) -> TableDiff:
    pairs = assign(golds, preds, MATCH[table], COST.get(table))
    paired_g, paired_p = {a for a, _ in pairs}, {b for _, b in pairs}
    left_g = [i for i in range(len(golds)) if i not in paired_g]
    left_p = [j for j in range(len(preds)) if j not in paired_p]
    near = assign([golds[i] for i in left_g], [preds[j] for j in left_p], NEAR[table])
    return TableDiff(pairs=[(golds[a], preds[b]) for a, b in pairs],
                     misses=[golds[i] for i in left_g], false_hits=[preds[j] for j in left_p],
                     near=[(golds[left_g[a]], preds[left_p[b]]) for a, b in near])


@dataclass
class Case:
    """One article learned from: the review, the base pipeline's Doc and rows, their diff."""

    reviewed: Reviewed
    doc: Any
    preds: dict[str, list[Item]]
    diffs: dict[str, TableDiff] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table in self.reviewed.tables:
            self.diffs[table] = diff_table(table, self.reviewed.items.get(table, []),
                                           self.preds.get(table, []))

    @property
    def text(self) -> str:
        return self.reviewed.article.text

    def unmatched(self, table: str) -> list[Item]:
        """True items of `table` that no base row matches nor comes near: the rules missed
        them altogether (not just a field of them)."""
        d = self.diffs.get(table)
        if d is None:
            return []
        near = {id(g) for g, _ in d.near}
        return [g for g in d.misses if id(g) not in near]

    def ref(self, row: Item) -> str:
        """The decision behind a base row (the review's reference for its row_id)."""
        return self.reviewed.refs.get(str(row.get("row_id")),
                                      f"{self.reviewed.source}:{self.reviewed.article_id}")

    def rejected(self, table: str) -> list[tuple[int, int]]:
        """Character spans of rows of `table` known to be wrong: rows reviewers rejected and
        base rows no true item matches."""
        rows = [*self.reviewed.rejected.get(table, []),
                *(self.diffs[table].false_hits if table in self.diffs else [])]
        return [(int(r["start"]), int(r["end"])) for r in rows
                if isinstance(r.get("start"), (int, float)) and isinstance(r.get("end"), (int, float))]

    def span_of(self, table: str, item: Item) -> Any:
        """The Doc span of a true item: its offsets when known, else the first occurrence of
        its text (leaders: the name; documents: the title) as a whole word."""
        doc = self.doc
        if "_start" in item and "_end" in item:
            return doc.char_span(item["_start"], item["_end"], alignment_mode="expand")
        needle = {"leaders": item.get("name"), "documents": item.get("title")}.get(
            table, item.get("text"))
        needle = " ".join(str(needle or "").split())
        if not needle:
            return None
        m = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, needle.split())) + r"(?!\w)",
                      self.text)
        return doc.char_span(m.start(), m.end(), alignment_mode="expand") if m else None


def gazetteer_spans(doc: Any, labels: Iterable[str] | None = None) -> list[Any]:
    wanted = set(labels) if labels is not None else None
    return [s for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])
            if wanted is None or s.label_ in wanted]


def covered(doc: Any, i: int, labels: Iterable[str] | None = None,
            keys: Sequence[str] = GAZETTEER_KEYS) -> bool:
    """Token i is inside a span of one of `keys` (with one of `labels`)."""
    wanted = set(labels) if labels is not None else None
    return any(s.start <= i < s.end for key in keys for s in doc.spans.get(key, [])
               if wanted is None or s.label_ in wanted)


# ---------------------------------------------------------------- learners

def _window(doc: Any, span: Any, before: int, after: int) -> tuple[int, int]:
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    return max(sent.start, span.start - before), min(sent.end, span.end + after)


def _form_span(doc: Any, lo: int, hi: int, words: list[str], near: int) -> Any:
    """The shortest run of tokens in [lo, hi) holding every word of `words` (lower-case or
    lemma), starting and ending on one of them; the one closest to token `near`."""
    best = None
    for i in range(lo, hi):
        if doc[i].lower_ not in words and doc[i].lemma_.lower() not in words:
            continue
        need = set(words)
        for j in range(i, min(hi, i + MAX_FORM_TOKENS + 2)):
            need.discard(doc[j].lower_)
            need.discard(doc[j].lemma_.lower())
            if not need:
                if doc[j].lower_ in words or doc[j].lemma_.lower() in words:
                    cand = doc[i:j + 1]
                    dist = min(abs(near - cand.start), abs(near - cand.end))
                    if best is None or (len(cand), dist) < (len(best[0]), best[1]):
                        best = (cand, dist)
                break
    return best[0] if best else None


def learn_titles(cases: Sequence[Case], known: Known, tokenizer: Any) -> list[Fact]:
    """Office forms written next to leaders the rules missed or titled otherwise."""
    facts = []
    for case in cases:
        d = case.diffs.get("leaders")
        if d is None:
            continue
        wanted = list(d.misses) + [g for g, p in d.pairs
                                   if g.get("title") and str(p.get("title") or "").casefold()
                                   != g["title"].casefold()]
        for item in wanted:
            title = " ".join(str(item.get("title") or "").split())
            span = case.span_of("leaders", item)
            if not title or span is None:
                continue
            words = [t.lower_ for t in tokenizer(title) if t.is_alpha and not t.is_stop]
            if not words:
                continue
            lo, hi = _window(case.doc, span, TITLE_WINDOW, 0)
            form = _form_span(case.doc, lo, span.start, words, span.start)
            if form is None:
                lo, hi = _window(case.doc, span, 0, TITLE_WINDOW + 2)
                form = _form_span(case.doc, span.end, hi, words, span.end)
            if form is None:  # "MP" for "Member of Parliament", "PM" for "Prime Minister"
                form = _acronym(case.doc, span, title, tokenizer)
            if form is None or known.has("titles", form.text) or any(
                    covered(case.doc, i, PLACE_LABELS) for i in range(form.start, form.end)):
                continue  # known, or "Governor of <Place>": the patterns join office and place
            code = _title_code(known, title)
            kind = known.kind_of_code("titles", code) or _head_kind(known, form) or "official"
            case_ = "" if form.text.isupper() and len(form.text) <= 4 else "lower"
            facts.append(Fact("title", "gazetteers/titles.csv", "leaders",
                              {"text": form.text, "code": code, "kind": kind, "case": case_},
                              [item["_ref"]]))
    return facts


def _acronym(doc: Any, span: Any, title: str, tokenizer: Any) -> Any:
    """The nearest token before the name (in its sentence) written as the initials of the
    title's words ("MP", "PM"; stop words skipped), or None."""
    words = [t.text for t in tokenizer(title) if t.is_alpha and not t.is_stop]
    if len(words) < 2:
        return None
    initials = "".join(w[0] for w in words).upper()
    lo, _ = _window(doc, span, TITLE_WINDOW, 0)
    for i in range(span.start - 1, lo - 1, -1):
        if doc[i].text.rstrip(".").replace(".", "").upper() == initials and \
                doc[i].text[:1].isupper():
            return doc[i:i + 1]
    return None


def _title_code(known: Known, title: str) -> str:
    """The office code a reviewer's title stands for: a known code, the code of a known
    form, else the title as written."""
    folded = title.casefold()
    for code in known.codes("titles"):
        if code.casefold() == folded:
            return code
    row = known.row_of_text("titles", title)
    return row["code"] if row else title


def _head_kind(known: Known, form: Any) -> str:
    """The kind of the last (then first) word of an office form that is itself an office."""
    for token in [*reversed(form), *form]:
        row = known.row_of_text("titles", token.text)
        if row and row["kind"] not in ("honorific", "modifier", "generic", "body"):
            return row["kind"]
    return ""


def learn_people(cases: Sequence[Case], known: Known) -> list[Fact]:
    """Leaders whose state or organization the rules missed or got wrong."""
    facts = []
    for case in cases:
        d = case.diffs.get("leaders")
        if d is None:
            continue
        for item in d.misses:
            name, country = " ".join(item["name"].split()), item.get("country", "").upper()
            if not country or len(name.split()) < 2 or known.has("leaders", name) \
                    or known.has("known_people", name):
                continue
            if case.span_of("leaders", item) is None:
                continue
            row = {"text": name, "code": country, "kind": item.get("title", ""),
                   "case": "", "articles": "1"}
            facts.append(Fact("person", "gazetteers/known_people.csv", "known_people", row,
                              [item["_ref"]]))
    return facts


def learn_source_states(cases: Sequence[Case], known: Known) -> list[Fact]:
    """The state of a source's officials: when, in the articles of one source, reviewers gave
    the leaders the rules left without a state (or missed) one state at least
    MIN_SOURCE_EVIDENCE times and in MIN_SOURCE_SHARE of the cases, the source is listed
    with that state in publishers.csv (its officials with no stated state serve it)."""
    evidence: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in cases:
        d = case.diffs.get("leaders")
        source = " ".join(case.reviewed.article.source.split())
        if d is None or not source or known.has("publishers", source):
            continue
        stateless = [g for g, p in d.near if not str(p.get("country") or "").strip()]
        near = {id(g) for g, _ in d.near}
        stateless += [g for g in d.misses if id(g) not in near]
        for g in stateless:
            span = case.span_of("leaders", g)
            if span is None or _named_near(case.doc, span, g.get("country", "")):
                continue  # the text names the state: no evidence about the source
            evidence[source].append((g.get("country", ""), g["_ref"]))
    facts = []
    for source, found in evidence.items():
        counts = Counter(code for code, _ in found)
        if not counts:
            continue
        code, n = counts.most_common(1)[0]
        if code and n >= MIN_SOURCE_EVIDENCE and n / len(found) >= MIN_SOURCE_SHARE:
            facts.append(Fact("source_state", "gazetteers/publishers.csv", "leaders",
                              {"text": source, "code": code, "kind": PUBLISHER_KIND},
                              [ref for c, ref in found if c == code]))
    return facts


def _named_near(doc: Any, span: Any, code: str) -> bool:
    """The sentence of `span` (or the one before it) names the state or organization `code`."""
    if not code:
        return False
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    lo = doc[sent.start - 1].sent.start if sent.start > 0 and doc.has_annotation(
        "SENT_START") else sent.start
    return any(s.id_.partition("|")[0] == code and lo <= s.start < sent.end
               for s in gazetteer_spans(doc, PLACE_LABELS))


_LONG_NAME = r"((?:[A-Z][\w'’.&-]*|of|for|the|and|on|in|de|du)(?:[ \t]+(?:[A-Z][\w'’.&-]*|of|for|the|and|on|in|de|du)){0,9})"


_KNOWN_NAMES = ("organizations", "countries", "known_documents")


def learn_organizations(cases: Sequence[Case], known: Known) -> list[Fact]:
    """Forms of organizations (by acronym) that reviewers gave and the rules do not know."""
    facts = []
    for case in cases:
        wanted: dict[str, list[str]] = defaultdict(list)
        for table, d in case.diffs.items():
            for item in d.misses:
                found = [item.get("country", "")] if table == "leaders" else \
                    list(item.get("countries") or [])
                for code in found:
                    if code and not is_country(code):
                        wanted[code.upper()].append(item["_ref"])
        for code, refs in wanted.items():
            forms = []
            for m in re.finditer(_LONG_NAME + r"[ \t]*\([ \t]*" + re.escape(code) + r"[ \t]*\)",
                                 case.text):
                words = m.group(1).split()
                # "The Islamic Development Bank (IDB)" at a sentence start: the name without it
                while words and (not words[0][:1].isupper() or words[0] == "The"):
                    words.pop(0)
                if len(words) > 1:
                    forms.append(" ".join(words))
            if re.search(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])", case.text):
                forms.append(code)
            for form in forms:
                # "the General Agreement on Tariffs and Trade (GATT)" names a document whose
                # party is GATT: as an organization's name it would hide the document
                if not any(known.has(stem, form) for stem in _KNOWN_NAMES):
                    facts.append(Fact("organization", "gazetteers/organizations.csv",
                                      "leaders", {"text": form, "code": code, "kind": "org"},
                                      list(refs)))
    return facts


def _is_number(token: Any) -> bool:
    return token.like_num or any(c.isdigit() for c in token.text)


def learn_currencies(cases: Sequence[Case], known: Known) -> list[Fact]:
    """The currency word or sign of an amount the rules missed or gave another currency."""
    facts = []
    scale_words = {r["text"].casefold() for r in known.rows.get("money_words", [])}
    for case in cases:
        d = case.diffs.get("trade")
        if d is None:
            continue
        for item in d.misses:
            span = case.span_of("trade", item)
            code = str(item.get("currency") or "").upper()
            if span is None or not code:
                continue
            doc = case.doc
            if any(covered(doc, i, ("CURRENCIES",)) for i in range(span.start, span.end)):
                continue  # the rules know its currency word: the miss is elsewhere
            numbers = [t.i for t in span if _is_number(t)]
            if not numbers:
                continue
            lo, hi = _window(doc, span, 2, 2)
            run_ = _currency_run(doc, lo, hi, numbers, scale_words)
            glued = re.match(r"([^\d\s]{1,4})\d", doc[numbers[0]].text)
            if run_ is not None:
                form, position = run_
            elif glued and not known.has("currencies", glued.group(1)):  # "Â£1.2bn", "Rs5m"
                start = doc[numbers[0]].idx
                form = _Text(glued.group(1), start)
                position = "prefix"
            else:
                continue
            if known.has("currencies", form.text):
                continue
            kind = ("code" if form.text == code else
                    "symbol" if not any(c.isalnum() for c in form.text) else
                    "abbreviation" if form.text.isupper() or form.text.endswith(".")
                    or (len(form.text) <= 4 and form.text[:1].isupper()) else "name")
            family = Counter(r.get("family", "") for r in known.rows.get("currencies", [])
                             if r["code"].split(";")[0] == code and r.get("family"))
            facts.append(Fact("currency", "gazetteers/currencies.csv", "trade",
                              {"text": form.text, "code": code, "kind": kind,
                               "case": "lower" if kind == "name" else "",
                               "position": position,
                               "family": family.most_common(1)[0][0] if family else ""},
                              [item["_ref"]]))
    return facts


@dataclass
class _Text:
    """A piece of a token (a currency sign glued to its number) where a Span would be."""

    text: str
    idx: int


def _currency_run(doc: Any, lo: int, hi: int, numbers: list[int], scale_words: set[str]
                  ) -> tuple[Any, str] | None:
    """The run of tokens right before or right after the number (and its scale words) that
    is neither a number, a scale word, punctuation nor a stop word."""
    def other(t: Any) -> bool:
        if _is_number(t) or t.lower_ in scale_words or t.is_stop or t.is_space:
            return False
        if t.is_alpha:
            return t.pos_ in ("NOUN", "PROPN", "X")
        return t.pos_ == "SYM" or t.is_currency

    start, end = numbers[0], numbers[-1] + 1
    while end < hi and doc[end].lower_ in scale_words:
        end += 1
    after = end
    while after < hi and other(doc[after]) and after - end < 3:
        after += 1
    if after > end:
        return doc[end:after], "suffix"
    before = start
    while before > lo and other(doc[before - 1]) and start - before < 3:
        before -= 1
    if before < start:
        return doc[before:start], "prefix"
    return None


def learn_measures(cases: Sequence[Case], known: Known) -> list[Fact]:
    """The cue word of an amount the rules found no cue for: the nearest noun (else verb)
    before it, or just after it, in its sentence."""
    facts = []
    codes = known.codes("trade_measures")
    for case in cases:
        for item in case.unmatched("trade"):  # amounts found with another currency: not here
            span = case.span_of("trade", item)
            measure = str(item.get("measure") or "")
            if span is None or measure not in codes:
                continue
            doc = case.doc
            lo, hi = _window(doc, span, MEASURE_BEFORE, MEASURE_AFTER)
            if any(covered(doc, i, ("TRADE_MEASURES",)) for i in range(lo, hi)):
                continue  # a cue is there already: the miss is elsewhere
            cands = []
            for i in [*range(lo, span.start), *range(span.end, hi)]:
                t = doc[i]
                if not t.is_alpha or t.is_stop or t.pos_ not in ("NOUN", "VERB") or \
                        t.ent_type_ or covered(doc, i):
                    continue
                distance = span.start - i if i < span.start else i - span.end + 1
                cands.append((t.pos_ != "NOUN", distance, t))
            if not cands:
                continue
            token = min(cands, key=lambda c: (c[0], c[1]))[2]
            if known.has("trade_measures", token.text):
                continue
            facts.append(Fact("measure", "gazetteers/trade_measures.csv", "trade",
                              {"text": token.lower_, "code": measure, "kind": "cue",
                               "case": "lower"}, [item["_ref"]]))
    return facts


def _doc_noun(case: Case, item: Item) -> Any:
    """The document's noun: in the reviewer's span, the first noun (with the compound words
    before it); for a gold item, the noun before its title."""
    doc, span = case.doc, case.span_of("documents", item)
    if span is None:
        return None
    if "_start" in item:
        for t in span:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                left = t.i
                while left > span.start and doc[left - 1].dep_ == "compound":
                    left -= 1
                return doc[left:t.i + 1]
        return None
    i = span.start - 1  # gold: "<noun> on|for|of|about <title>"
    while i >= 0 and doc[i].pos_ in ("ADP", "DET", "PUNCT") and span.start - i < 4:
        i -= 1
    if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN"):
        left = i
        while left > 0 and doc[left - 1].dep_ == "compound":
            left -= 1
        return doc[left:i + 1]
    return None


def learn_documents(cases: Sequence[Case], known: Known) -> list[Fact]:
    """Document nouns the rules do not know, and the words governing documents they know
    but missed (a cue pattern by the document's status)."""
    facts = []
    codes = known.codes("doc_types")
    for case in cases:
        for item in case.unmatched("documents"):
            noun = _doc_noun(case, item)
            if noun is None:
                continue
            doc = case.doc
            typed = [s for s in gazetteer_spans(doc, ("DOC_TYPES",))
                     if s.start < noun.end and noun.start < s.end]
            if not typed:
                if item["type"] in codes and not known.has("doc_types", noun.text):
                    plural = noun[-1].tag_ in ("NNS", "NNPS")
                    facts.append(Fact("doc_type", "gazetteers/doc_types.csv", "documents",
                                      {"text": noun.text.lower(), "code": item["type"],
                                       "kind": "plural" if plural else "singular",
                                       "case": "lower"}, [item["_ref"]]))
                continue
            label = STATUS_CUE.get(str(item.get("status") or "signed"))
            head = noun[-1]
            for _ in range(3):  # the verb or noun governing the document
                if head.head.i == head.i:
                    break
                head = head.head
                if head.pos_ in ("VERB", "NOUN") and head.is_alpha:
                    break
            if label is None or head.i in range(noun.start, noun.end) or \
                    head.pos_ not in ("VERB", "NOUN"):
                continue
            lemma = head.lemma_.lower()
            if lemma in known.pattern_words or head.lower_ in known.pattern_words or \
                    covered(doc, head.i, keys=("documents_rules",)):
                continue
            token = {"LEMMA": lemma, "POS": head.pos_}
            facts.append(Fact("doc_cue", "patterns/documents.jsonl", "documents",
                              {"label": label, "pattern": [token],
                               "id": f"{LEARNED_PREFIX}{label.lower()}_{lemma}"},
                              [item["_ref"]]))
    return facts


# -- token patterns generalized from a span and its context

def _date_levels(span: Any) -> list[list[dict[str, Any]]]:
    """Token patterns for a date span, most general first: the model's entity type for
    words in an entity, the shape of numbers, lower-case words; then without entity types."""
    general, specific = [], []
    for t in span:
        if any(c.isdigit() for c in t.text):
            token = {"SHAPE": t.shape_}
            general.append(token)
            specific.append(token)
        elif t.is_punct:
            general.append({"ORTH": t.text})
            specific.append({"ORTH": t.text})
        else:
            specific.append({"LOWER": t.lower_})
            general.append({"ENT_TYPE": t.ent_type_} if t.ent_type_ and t.ent_iob_ != "B"
                           else {"LOWER": t.lower_})
    return [general, specific] if general != specific else [specific]


def _leader_levels(doc: Any, lo: int, hi: int) -> list[list[dict[str, Any]]]:
    """Token patterns for a leader's mention, most general first: the leaders' token roles
    (office, honorific, place; name words as one or more NAME tokens), else lower-case
    words; then with the office words written out."""
    roles = [getattr(doc[i]._, ROLE_ATTR) for i in range(lo, hi)]
    general: list[dict[str, Any]] = []
    specific: list[dict[str, Any]] = []
    previous = None
    for i, role in zip(range(lo, hi), roles):
        t = doc[i]
        if role in ("NAME", "NAMEX"):
            if previous != "NAME":
                token = {"_": {ROLE_ATTR: {"IN": ["NAME", "NAMEX"]}}, "OP": "+"}
                general.append(token)
                specific.append(token)
            previous = "NAME"
            continue
        if role in ("TITLE", "HON", "PLACE", "BODY"):
            if previous != role:
                general.append({"_": {ROLE_ATTR: role}, "OP": "+"})
            specific.append({"LOWER": t.lower_} if role == "TITLE" else
                            {"_": {ROLE_ATTR: role}})
        else:
            general.append({"LOWER": t.lower_})
            specific.append({"LOWER": t.lower_})
        previous = role
    return [general, specific] if general != specific else [specific]


def learn_patterns(cases: Sequence[Case]) -> list[Fact]:
    """Token patterns for dates and leaders that no rule matched."""
    facts = []
    for case in cases:
        doc = case.doc
        for item in case.unmatched("dates"):
            span = case.span_of("dates", item)
            if span is None or len(span) > 8 or any(
                    s.start < span.end and span.start < s.end
                    for s in doc.spans.get("dates_rules", []) if s.label_ == "DATE"):
                continue  # a rule matched it: the miss is in the value, not the span
            for level in _date_levels(span):
                facts.append(_pattern_fact("dates", "DATE", level, item["_ref"]))
        if "leaders" in case.diffs:
            for item in case.unmatched("leaders"):
                span = case.span_of("leaders", item)
                if span is None or any(s.start <= span.start < s.end
                                       for s in doc.spans.get("leaders_rules", [])):
                    continue
                lo, hi = _window(doc, span, TITLE_WINDOW, TITLE_WINDOW)
                roles = {i: getattr(doc[i]._, ROLE_ATTR) for i in range(lo, hi)}
                offices = [i for i, r in roles.items() if r == "TITLE"]
                if not offices:
                    continue  # no office the rules know: the title learner's job
                nearest = min(offices, key=lambda i: abs(i - span.start))
                start, end = min(nearest, span.start), max(nearest + 1, span.end)
                between = [i for i in range(start, end)
                           if not span.start <= i < span.end and i != nearest]
                if any(roles[i] in ("NAME", "NAMEX") or doc[i].pos_ in ("VERB", "AUX")
                       for i in between) or len(between) > 6:
                    continue  # the office nearby is another person's
                while start > lo and roles.get(start - 1) in ("TITLE", "HON", "PLACE"):
                    start -= 1
                while end < hi and roles.get(end) in ("TITLE", "HON", "PLACE"):
                    end += 1
                if end - start > 14:
                    continue
                for level in _leader_levels(doc, start, end):
                    facts.append(_pattern_fact("leaders", "LEADER", level, item["_ref"]))
    return facts


def _pattern_fact(table: str, label: str, tokens: list[dict[str, Any]], ref: str) -> Fact:
    digest = hashlib.sha1(json.dumps([label, tokens], sort_keys=True).encode()).hexdigest()[:8]
    return Fact("pattern", f"patterns/{table}.jsonl", table,
                {"label": label, "pattern": tokens, "id": f"{LEARNED_PREFIX}{table}_{digest}"},
                [ref])


def pattern_matches(fact: Fact, docs: Iterable[Any]) -> list[tuple[Any, int, int]]:
    """(doc, start_char, end_char) of every match of a pattern fact."""
    from spacy.matcher import Matcher

    out = []
    matcher = None
    for doc in docs:
        if matcher is None:
            matcher = Matcher(doc.vocab, validate=True)
            matcher.add("learned", [fact.row["pattern"]])
        for _, start, end in matcher(doc):
            out.append((doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
    return out


def screen_patterns(facts: Sequence[Fact], cases: Sequence[Case]) -> tuple[list[Fact], list[str]]:
    """Keep, of the patterns learned from one span, the most general one that matches no
    rejected row of its table in the articles learned from."""
    kept, notes = [], []
    docs = [c.doc for c in cases]
    rejected = {(id(c.doc), t): c.rejected(t) for c in cases for t in SCORED_TABLES
                if t in c.reviewed.tables}
    done: set[str] = set()  # sources (spans) that already have a pattern
    for fact in facts:
        if not fact.is_pattern or fact.kind != "pattern":
            kept.append(fact)
            continue
        origin = fact.sources[0]
        if origin in done:
            continue
        bad = [(doc, s, e) for doc, s, e in pattern_matches(fact, docs)
               if any(s < b and a < e for a, b in rejected.get((id(doc), fact.table), []))]
        if bad:
            doc, s, e = bad[0]
            notes.append(f"pattern {fact.row['id']} not kept: it matches the rejected "
                         f"{fact.table} row {doc.text[s:e]!r}")
            continue
        done.add(origin)
        kept.append(fact)
    return kept, notes


# ---------------------------------------------------------------- rules to switch off

def rule_evidence(cases: Sequence[Case]) -> dict[str, dict[str, Any]]:
    """Per rule: table, reviewed rows, rows right (accepted, or corrected in a field: an
    edited row) and the references of the wrong ones (rejected: nothing true is near)."""
    stats: dict[str, dict[str, Any]] = {}
    for case in cases:
        for table, d in case.diffs.items():
            corrected = {id(p) for _, p in d.near}  # found the right thing, a field was wrong
            judged = [*((p, True) for _, p in d.pairs),
                      *((p, id(p) in corrected) for p in d.false_hits)]
            for row, ok in judged:
                rule = str(row.get("rule") or "")
                if not rule:
                    continue
                s = stats.setdefault(rule, {"table": table, "reviewed": 0, "correct": 0,
                                            "sources": []})
                s["reviewed"] += 1
                s["correct"] += ok
                if not ok:
                    s["sources"].append(case.ref(row))
    return stats


def disabled_rules(cases: Sequence[Case], min_reviewed: int = MIN_REVIEWED,
                   min_precision: float = MIN_PRECISION) -> list[dict[str, Any]]:
    """Lines of patterns/disabled.csv: rules with at least `min_reviewed` reviewed rows and a
    precision below `min_precision`, with their evidence."""
    from pipeline.retrain.apply import sources_cell

    out = []
    for rule, s in sorted(rule_evidence(cases).items()):
        precision = s["correct"] / s["reviewed"]
        if s["reviewed"] >= min_reviewed and precision < min_precision:
            out.append({"rule": rule, "table": s["table"], "reviewed": s["reviewed"],
                        "correct": s["correct"], "precision": round(precision, 3),
                        "sources": sources_cell(s["sources"]), "all_sources": s["sources"]})
    return out


# ---------------------------------------------------------------- all learners

def learn(cases: Sequence[Case], known: Known, tokenizer: Any) -> tuple[list[Fact], list[str]]:
    """Every candidate fact of the cases (merged, patterns screened), and notes."""
    facts = [*learn_titles(cases, known, tokenizer), *learn_people(cases, known),
             *learn_source_states(cases, known),
             *learn_organizations(cases, known), *learn_currencies(cases, known),
             *learn_measures(cases, known), *learn_documents(cases, known),
             *learn_patterns(cases)]
    # a miss a gazetteer fact explains needs no pattern of its own
    explained = {ref for f in facts if not f.is_pattern for ref in f.sources}
    facts = [f for f in facts if f.kind != "pattern" or f.sources[0] not in explained]
    facts, notes = screen_patterns(facts, cases)
    return merge_facts(facts), notes


# ---------------------------------------------------------------- validation

Builder = Callable[[Sequence[Fact]], Any]  # facts -> a pipeline with the base rules + them


def _counts(report: Any, table: str) -> tuple[float, float, int]:
    c = report.tables[table]
    return c.precision, c.f1, c.tp


def worse(before: Any, after: Any, table: str) -> bool:
    """`after` has a lower precision or F1 than `before` on `table`."""
    (p0, f0, _), (p1, f1, _) = _counts(before, table), _counts(after, table)
    return p1 < p0 - EPS or f1 < f0 - EPS


def fact_articles(fact: Fact, cases: Sequence[Case]) -> list[Case]:
    """The cases a fact can change: its text is in the article (patterns: it matches)."""
    if fact.is_pattern:
        hit = {id(doc) for doc, _, _ in pattern_matches(fact, [c.doc for c in cases])}
        return [c for c in cases if id(c.doc) in hit]
    needle = fact.text.casefold()
    return [c for c in cases if needle in c.text.casefold()]


def fixed_refs(cases: Sequence[Case], preds: Mapping[str, Mapping[str, list[Item]]]
               ) -> set[str]:
    """References of the true items that `preds` get right and the base rows did not (a
    leader found now, or found before with another title and now with the reviewer's)."""
    fixed: set[str] = set()
    for case in cases:
        aid = case.reviewed.article_id
        for table, before in case.diffs.items():
            items = case.reviewed.items.get(table, [])
            after = diff_table(table, items, preds.get(table, {}).get(aid, []))
            was = {id(g): p for g, p in before.pairs}
            for g, p in after.pairs:
                old = was.get(id(g))
                if old is None:
                    fixed.add(g["_ref"])
                elif table == "leaders" and g.get("title") and \
                        str(old.get("title") or "").casefold() != g["title"].casefold() and \
                        str(p.get("title") or "").casefold() == g["title"].casefold():
                    fixed.add(g["_ref"])
    return fixed


def validate(facts: Sequence[Fact], cases: Sequence[Case], build: Builder,
             reference: Any = None) -> tuple[list[Fact], list[str]]:
    """The facts that fix at least one of the reviewed items they were learned from and do not
    lower precision nor F1 of their table on the articles learned from. All are tried
    together; when a table loses, each of its facts is tried alone on the articles it can
    change; then facts that fixed none of their items are dropped, and the survivors are
    tried together once more (a table that still loses keeps none of its facts).
    `reference`: the pipeline with the base rules (and the disabled list) to compare with."""
    from pipeline.retrain.measure import process

    if not facts or not cases:
        return list(facts), []
    gold = {c.reviewed.article_id: c.reviewed.gold() for c in cases}
    articles = [c.reviewed.article for c in cases]
    base_preds = process(reference, articles)[0] if reference is not None else \
        {t: {c.reviewed.article_id: c.preds.get(t, []) for c in cases} for t in SCORED_TABLES}
    base = score(gold, base_preds)
    notes: list[str] = []

    def run(selected: Sequence[Fact], subset: Sequence[Case]) -> tuple[Any, Any]:
        nlp = build(selected)
        g = {c.reviewed.article_id: gold[c.reviewed.article_id] for c in subset}
        preds = process(nlp, [c.reviewed.article for c in subset])[0]
        return score(g, preds), preds

    def base_on(subset: Sequence[Case]) -> Any:
        ids = {c.reviewed.article_id for c in subset}
        return score({a: gold[a] for a in ids},
                     {t: {a: r for a, r in base_preds[t].items() if a in ids}
                      for t in SCORED_TABLES})

    together, preds = run(facts, cases)
    bad = {t for t in SCORED_TABLES if worse(base, together, t)}
    kept = list(facts)
    if bad:
        kept = [f for f in facts if f.table not in bad]
        for fact in (f for f in facts if f.table in bad):
            subset = fact_articles(fact, cases)
            alone = run([fact], subset)[0] if subset else None
            if alone is None or worse(base_on(subset), alone, fact.table):
                b = _counts(base_on(subset), fact.table) if subset else (0, 0, 0)
                a = _counts(alone, fact.table) if alone else (0, 0, 0)
                notes.append(f"not kept ({fact.table} P {b[0]:.3f} -> {a[0]:.3f}, F1 "
                             f"{b[1]:.3f} -> {a[1]:.3f} on the {len(subset)} article(s) it "
                             f"changes): {fact.describe()}")
                continue
            kept.append(fact)
        together, preds = run(kept, cases)
    fixed = fixed_refs(cases, preds)
    idle = [f for f in kept if not set(f.sources) & fixed]
    if idle:
        notes += [f"not kept (fixes none of the {len(f.sources)} reviewed row(s) it was "
                  f"learned from): {f.describe()}" for f in idle]
        kept = [f for f in kept if f not in idle]
    if (idle or bad) and kept:
        again = run(kept, cases)[0]
        for table in SCORED_TABLES:
            if worse(base, again, table) and any(f.table == table for f in kept):
                dropped = [f for f in kept if f.table == table]
                kept = [f for f in kept if f.table != table]
                notes.append(f"{len(dropped)} {table} fact(s) not kept: together they lower "
                             f"{table} on the articles learned from")
    return kept, notes


__all__ = ["Fact", "Known", "Case", "TableDiff", "diff_table", "learn", "validate",
           "disabled_rules", "rule_evidence", "merge_facts", "fixed_refs"]
