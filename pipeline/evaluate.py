"""Scoring extracted tables against gold annotations (`communique evaluate`).

Gold is JSONL, one article per line (format in corpus/gold/GUIDELINES.md). For every gold
article and table, gold items and predicted rows are paired one-to-one (maximum matching)
under the table's match rule:
  leaders    surname (last name token, case and diacritics folded) and country
             (codes the guidelines leave open, EC/EEC and EU, count as one: SAME_CODE)
  dates      value (a multiset: each occurrence is an item)
  documents  type and the set of countries
  trade      currency, and amount within 2% of the gold amount
Pairs are true positives, unpaired predictions false positives, unpaired gold items false
negatives; precision/recall/F1 are micro-averaged over the articles of each table, and the
macro average is the mean over the four tables. Only articles present in the gold are scored.

For error analysis, an unpaired gold item and an unpaired prediction that look like the
same thing (same surname, overlapping date text, same document type, same currency...) are
reported together as one "wrong" entry under the prediction's rule, so a rule writer sees
what each rule gets wrong; misses with no such prediction are grouped under NO_RULE.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import STATUS_OK
from pipeline.writers import iter_table, table_file, unneutralize  # noqa: F401 - API

SCORED_TABLES: tuple[str, ...] = ("leaders", "dates", "documents", "trade")
GOLD_FIELDS: tuple[str, ...] = ("id", "dct", *SCORED_TABLES)
TRADE_TOLERANCE = 0.02
NO_RULE = "(no rule fired)"
# Generational suffixes are not surnames ("Joseph R. Biden, Jr." -> "biden").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

Item = dict[str, Any]
# table -> article_id -> predicted rows (plain dicts with the table's columns)
Predictions = dict[str, dict[str, list[Item]]]


# ---------------------------------------------------------------- gold

@dataclass
class GoldArticle:
    article_id: str
    dct: str
    items: dict[str, list[Item]]
    origin: str  # "path:line"
    # the tables annotated for this article; the others are not scored (a review that
    # covered only some tables of an article, see pipeline.retrain.sources)
    tables: tuple[str, ...] = SCORED_TABLES


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_nonempty_str(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


# Per table: field -> (check, expected type). Only the fields the matching reads are
# required; the other documented fields are for readers (and later scoring).
_REQUIRED: dict[str, dict[str, tuple[Callable[[Any], bool], str]]] = {
    "leaders": {"name": (_is_nonempty_str, "a non-empty string"),
                "country": (_is_str, "a string (\"\" when unknown)")},
    "dates": {"value": (_is_nonempty_str, "a non-empty ISO 8601 string")},
    "documents": {"type": (_is_nonempty_str, "a non-empty string"),
                  "countries": (_is_str_list, "a list of country codes")},
    "trade": {"amount": (_is_number, "a number"),
              "currency": (_is_nonempty_str, "an ISO 4217 code")},
}


def parse_gold_line(line: str, where: str) -> GoldArticle:
    """One gold JSONL line -> GoldArticle; raises ValueError with a coded reason."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(Errors.G001.format(reason=exc)) from None
    if not isinstance(obj, dict):
        raise ValueError(Errors.G002.format(kind=type(obj).__name__))
    for name in GOLD_FIELDS:
        if name not in obj:
            raise ValueError(Errors.G003.format(field=name))
    if not _is_nonempty_str(obj["id"]) and not _is_number(obj["id"]):
        raise ValueError(Errors.G004.format(field="id", expected="a non-empty string",
                                            value=obj["id"]))
    if not _is_str(obj["dct"]):
        raise ValueError(Errors.G004.format(field="dct", expected="a YYYY-MM-DD string or \"\"",
                                            value=obj["dct"]))
    items: dict[str, list[Item]] = {}
    for table in SCORED_TABLES:
        entries = obj[table]
        if not isinstance(entries, list):
            raise ValueError(Errors.G004.format(field=table, expected="a list",
                                                value=entries))
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise ValueError(Errors.G004.format(field=f"{table}[{i}]",
                                                    expected="an object", value=entry))
            for key, (check, expected) in _REQUIRED[table].items():
                if key not in entry:
                    raise ValueError(Errors.G004.format(field=f"{table}[{i}].{key}",
                                                        expected=expected, value=None))
                if not check(entry[key]):
                    raise ValueError(Errors.G004.format(field=f"{table}[{i}].{key}",
                                                        expected=expected, value=entry[key]))
        items[table] = entries
    tables = obj.get("tables", list(SCORED_TABLES))
    if (not _is_str_list(tables) or not tables
            or any(t not in SCORED_TABLES for t in tables)):
        raise ValueError(Errors.G004.format(
            field="tables", expected=f"a non-empty list of {', '.join(SCORED_TABLES)}",
            value=tables))
    return GoldArticle(str(obj["id"]).strip(), obj["dct"], items, where,
                       tables=tuple(t for t in SCORED_TABLES if t in tables))


def load_gold(paths: Iterable[Path | str]) -> dict[str, GoldArticle]:
    """Every annotated article of the gold files, by id. Malformed lines raise UsageError
    (U006) naming the file and line."""
    gold: dict[str, GoldArticle] = {}
    for path in map(Path, paths):
        before = len(gold)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(Errors.U006.format(path=path, line=0, reason=exc)) from None
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                article = parse_gold_line(line, f"{path}:{lineno}")
                if article.article_id in gold:
                    raise ValueError(Errors.G005.format(id=article.article_id,
                                                        other=gold[article.article_id].origin))
            except ValueError as exc:
                raise UsageError(Errors.U006.format(path=path, line=lineno, reason=exc)) from None
            gold[article.article_id] = article
        if len(gold) == before:
            raise UsageError(Errors.U010.format(path=path))
    return gold


# ---------------------------------------------------------------- predictions

def read_table(out_dir: Path, table: str) -> list[Item] | None:
    """Rows of `<out_dir>/<table>.csv` or `.parquet` (the newer if both), typed as written
    by `communique extract`; None when the folder has neither."""
    path = table_file(out_dir, table)
    return None if path is None else list(iter_table(path, table))


def group_rows(tables: Mapping[str, Iterable[Mapping[str, Any]]]) -> Predictions:
    """{table: rows} -> {table: {article_id: rows}}."""
    out: Predictions = {t: defaultdict(list) for t in SCORED_TABLES}
    for table in SCORED_TABLES:
        for row in tables.get(table, ()):
            out[table][str(row.get("article_id", ""))].append(dict(row))
    return out


def read_predictions(out_dir: Path) -> tuple[Predictions, dict[str, Item] | None]:
    """The four scored tables of an output folder, and its articles table by id (None if
    the folder has no articles table)."""
    out_dir = Path(out_dir)
    tables = {}
    for table in SCORED_TABLES:
        rows = read_table(out_dir, table)
        if rows is None:
            raise UsageError(Errors.U008.format(path=out_dir, table=table))
        tables[table] = rows
    articles = read_table(out_dir, "articles")
    by_id = None if articles is None else {str(a["article_id"]): a for a in articles}
    return group_rows(tables), by_id


# ---------------------------------------------------------------- matching

def fold(text: str) -> str:
    """Case- and diacritics-folded text with collapsed whitespace."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def surname(name: str) -> str:
    """Folded last token of a name, skipping generational suffixes and punctuation."""
    tokens = [t.strip(".'\"()") for t in re.split(r"[\s,]+", fold(name))]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[-1] in _NAME_SUFFIXES:
        tokens.pop()
    return tokens[-1] if tokens else ""


# Codes the guidelines leave open between two spellings of one party (GUIDELINES.md,
# "Agreement study"): the 1980s European Community is EU or EC, as annotators write it.
SAME_CODE = {"EC": "EU", "EEC": "EU"}


def code(value: Any) -> str:
    """One country or organization code, upper-case, open spellings made one."""
    text = _text(value).strip().upper()
    return SAME_CODE.get(text, text)


def codes(value: Any) -> frozenset[str]:
    """A countries cell (';'-joined string) or list -> set of upper-case codes."""
    parts = value.split(";") if isinstance(value, str) else (value or [])
    return frozenset(code(p) for p in parts if p and p.strip())


def _amount(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _overlaps(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a and b) and (a in b or b in a)


def _leaders_match(g: Item, p: Item) -> bool:
    return (surname(g["name"]) == surname(_text(p.get("name")))
            and code(g["country"]) == code(p.get("country")))


def _dates_match(g: Item, p: Item) -> bool:
    return g["value"].strip() == _text(p.get("value")).strip()


def _doc_type(p: Item) -> str:
    return _text(p.get("doc_type", p.get("type"))).strip().lower()


def _documents_match(g: Item, p: Item) -> bool:
    return (g["type"].strip().lower() == _doc_type(p)
            and codes(g["countries"]) == codes(p.get("countries")))


def _amount_close(gold: float, pred: float | None) -> bool:
    if pred is None:
        return False
    return abs(pred - gold) <= TRADE_TOLERANCE * abs(gold)


def _trade_match(g: Item, p: Item) -> bool:
    return (g["currency"].strip().upper() == _text(p.get("currency")).strip().upper()
            and _amount_close(float(g["amount"]), _amount(p.get("amount"))))


def _trade_cost(g: Item, p: Item) -> float:
    pred, gold = _amount(p.get("amount")), float(g["amount"])
    return abs((pred or 0.0) - gold) / max(abs(gold), 1.0)


# "Near": an unpaired gold item and an unpaired prediction that are about the same thing
# but disagree on a matched field (used only to explain errors, never to score).
def _leaders_near(g: Item, p: Item) -> bool:
    return surname(g["name"]) == surname(_text(p.get("name")))


def _dates_near(g: Item, p: Item) -> bool:
    return _overlaps(_text(g.get("text")), _text(p.get("text")))


def _documents_near(g: Item, p: Item) -> bool:
    return (g["type"].strip().lower() == _doc_type(p)
            or _overlaps(_text(g.get("title")), _text(p.get("title"))))


def _trade_near(g: Item, p: Item) -> bool:
    return (g["currency"].strip().upper() == _text(p.get("currency")).strip().upper()
            or _amount_close(float(g["amount"]), _amount(p.get("amount")))
            or _overlaps(_text(g.get("text")), _text(p.get("text"))))


MATCH: dict[str, Callable[[Item, Item], bool]] = {
    "leaders": _leaders_match, "dates": _dates_match,
    "documents": _documents_match, "trade": _trade_match,
}
NEAR: dict[str, Callable[[Item, Item], bool]] = {
    "leaders": _leaders_near, "dates": _dates_near,
    "documents": _documents_near, "trade": _trade_near,
}
COST: dict[str, Callable[[Item, Item], float]] = {"trade": _trade_cost}


def assign(gold: Sequence[Item], pred: Sequence[Item], compatible: Callable[[Item, Item], bool],
           cost: Callable[[Item, Item], float] | None = None) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold to predicted items (augmenting paths; each gold
    item tries its cheapest candidates first). Returns (gold index, pred index) pairs."""
    candidates = []
    for g in gold:
        options = [j for j, p in enumerate(pred) if compatible(g, p)]
        if cost is not None:
            options.sort(key=lambda j: cost(g, pred[j]))
        candidates.append(options)
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        if candidates[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


# ---------------------------------------------------------------- scoring

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    # With an empty denominator: 1.0 when there is no error at all (nothing to find, nothing
    # predicted), else 0.0, so a table with errors and no true hit scores 0 everywhere.
    @property
    def precision(self) -> float:
        """TP / predictions."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """TP / gold items."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "gold": self.tp + self.fn, "predicted": self.tp + self.fp}


@dataclass
class ErrorItem:
    """One scoring error. kind: "miss" (FN), "false_hit" (FP) or "wrong" (a miss and a
    false hit about the same thing: counts as one FN and one FP)."""

    table: str
    kind: str
    article_id: str
    rule: str
    sentence: str
    gold: Item | None = None
    pred: Item | None = None

    def to_dict(self) -> dict[str, Any]:
        pred = None
        if self.pred is not None:
            pred = {k: v for k, v in self.pred.items() if k not in ("article_id", "sentence")}
        return {"kind": self.kind, "article_id": self.article_id, "rule": self.rule,
                "gold": self.gold, "pred": pred, "sentence": self.sentence}


@dataclass
class Report:
    tables: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in SCORED_TABLES})
    errors: list[ErrorItem] = field(default_factory=list)
    articles: int = 0
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # gold ids the extraction did not produce
    # the tables some scored article annotates (gold lines with "tables" may leave some out)
    annotated: set[str] = field(default_factory=lambda: set(SCORED_TABLES))

    def macro(self) -> dict[str, float]:
        """The mean over the annotated tables (a table no article annotates has no score)."""
        scored = [c for t, c in self.tables.items() if t in self.annotated] \
            or list(self.tables.values())
        n = len(scored)
        return {"precision": sum(c.precision for c in scored) / n,
                "recall": sum(c.recall for c in scored) / n,
                "f1": sum(c.f1 for c in scored) / n}

    def errors_by_rule(self, tables: Iterable[str] = SCORED_TABLES
                       ) -> dict[str, dict[str, list[ErrorItem]]]:
        """table -> rule -> errors; rules with most errors first, NO_RULE last."""
        out: dict[str, dict[str, list[ErrorItem]]] = {}
        for table in tables:
            groups: dict[str, list[ErrorItem]] = defaultdict(list)
            for err in self.errors:
                if err.table == table:
                    groups[err.rule].append(err)
            order = sorted(groups, key=lambda r: (r == NO_RULE, -len(groups[r]), r))
            out[table] = {rule: groups[rule] for rule in order}
        return out

    def to_dict(self, errors: bool = False, tables: Iterable[str] = SCORED_TABLES
                ) -> dict[str, Any]:
        data: dict[str, Any] = {
            "articles": self.articles,
            "tables": {t: c.to_dict() for t, c in self.tables.items()},
            "annotated": [t for t in SCORED_TABLES if t in self.annotated],
            "macro": {k: round(v, 4) for k, v in self.macro().items()},
            "notes": self.notes,
            "missing": self.missing,
        }
        if errors:
            data["errors"] = {t: {rule: [e.to_dict() for e in errs] for rule, errs in g.items()}
                              for t, g in self.errors_by_rule(tables).items()}
        return data


_SENTENCE_END = re.compile(r"(?<=[.!?])([\"')\]]*)\s+|\n\s*")


def sentence_around(text: str, needle: str) -> str:
    """The sentence (cut at . ! ? or a line break) holding the first case-insensitive
    occurrence of `needle` in `text`; "" when absent."""
    if not needle.strip():
        return ""
    at = text.casefold().find(needle.casefold().strip())
    if at < 0:
        return ""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    end = len(text)
    stop = _SENTENCE_END.search(text, at + len(needle.strip()))
    if stop:  # keep the closing quotes/brackets after the full stop
        end = stop.end(1) if stop.group(1) is not None else stop.start()
    return " ".join(text[start:end].split())


def _gold_needles(table: str, item: Item) -> list[str]:
    if table == "leaders":
        return [item["name"], surname(item["name"])]
    if table == "documents":
        return [_text(item.get("title"))]
    return [_text(item.get("text"))]


def _locate(table: str, item: Item, text: str | None, preds: Iterable[Item]) -> str:
    """Best-effort sentence of a missed gold item: from the article text when known, else
    from the sentences of the article's predicted rows."""
    for needle in _gold_needles(table, item):
        if not needle.strip():
            continue
        if text:
            found = sentence_around(text, needle)
            if found:
                return found
        for row in preds:
            sentence = _text(row.get("sentence"))
            if fold(needle) in fold(sentence):
                return " ".join(sentence.split())
    return ""


def score(gold: Mapping[str, GoldArticle], predictions: Predictions,
          texts: Mapping[str, str] | None = None) -> Report:
    """Score predicted rows against the gold (only gold articles count)."""
    report = Report(articles=len(gold))
    report.annotated = {t for a in gold.values() for t in a.tables}
    texts = texts or {}
    for article_id, article in gold.items():
        every_pred = [r for t in SCORED_TABLES for r in predictions.get(t, {}).get(article_id, [])]
        for table in SCORED_TABLES:
            if table not in article.tables:
                continue
            golds = article.items[table]
            preds = predictions.get(table, {}).get(article_id, [])
            pairs = assign(golds, preds, MATCH[table], COST.get(table))
            counts = report.tables[table]
            counts.tp += len(pairs)
            counts.fp += len(preds) - len(pairs)
            counts.fn += len(golds) - len(pairs)
            paired_g, paired_p = {a for a, _ in pairs}, {b for _, b in pairs}
            left_g = [i for i in range(len(golds)) if i not in paired_g]
            left_p = [j for j in range(len(preds)) if j not in paired_p]
            near = assign([golds[i] for i in left_g], [preds[j] for j in left_p], NEAR[table])
            near_g = {left_g[a]: left_p[b] for a, b in near}
            near_p = set(near_g.values())
            for i in left_g:
                if i in near_g:
                    p = preds[near_g[i]]
                    report.errors.append(ErrorItem(
                        table, "wrong", article_id, _text(p.get("rule")) or NO_RULE,
                        " ".join(_text(p.get("sentence")).split()), golds[i], p))
                else:
                    report.errors.append(ErrorItem(
                        table, "miss", article_id, NO_RULE,
                        _locate(table, golds[i], texts.get(article_id), every_pred), golds[i]))
            for j in left_p:
                if j not in near_p:
                    p = preds[j]
                    report.errors.append(ErrorItem(
                        table, "false_hit", article_id, _text(p.get("rule")) or NO_RULE,
                        " ".join(_text(p.get("sentence")).split()), None, p))
    return report


# ---------------------------------------------------------------- the two entry points

def _missing(gold: Mapping[str, GoldArticle], articles: Mapping[str, Item] | None
             ) -> list[str]:
    """Gold ids absent from the articles table, or not processed (failed/skipped)."""
    if articles is None:
        return []
    return [a for a in gold
            if a not in articles or articles[a].get("status") not in ("", None, STATUS_OK)]


def _article_notes(gold: Mapping[str, GoldArticle], articles: Mapping[str, Item] | None
                   ) -> list[str]:
    if articles is None:
        return []
    notes = []
    absent = [a for a in gold if a not in articles]
    if absent:
        shown = ", ".join(repr(a) for a in absent[:5]) + (" ..." if len(absent) > 5 else "")
        notes.append(Errors.N003.format(n=len(absent), ids=shown))
    for article_id in gold:
        record = articles.get(article_id)
        if record and record.get("status") not in (None, "", STATUS_OK):
            notes.append(Errors.N004.format(id=article_id, status=record["status"],
                                            error=record.get("error") or "-"))
        dct = gold[article_id].dct.strip()
        if record and dct and (record.get("published") or "") != dct:
            notes.append(Errors.N005.format(id=article_id, dct=dct,
                                            used=record.get("published") or "none"))
    return notes


def evaluate_folder(gold_paths: Sequence[Path | str], pred_dir: Path,
                    texts: Mapping[str, str] | None = None) -> Report:
    """Score the tables already written in `pred_dir` by `communique extract`."""
    gold = load_gold(gold_paths)
    predictions, articles = read_predictions(Path(pred_dir))
    report = score(gold, predictions, texts)
    report.notes = _article_notes(gold, articles)
    report.missing = _missing(gold, articles)
    return report


def evaluate_gold(gold_paths: Sequence[Path | str], other_paths: Sequence[Path | str]
                  ) -> Report:
    """Score a second annotation of the same articles against the gold, item by item as
    predicted rows are scored: the agreement of two annotators (F1 is symmetric, P and R
    swap with the roles). Only articles and tables both annotate count; articles in one
    file set only are noted."""
    gold, other = load_gold(gold_paths), load_gold(other_paths)
    # a table counts where both annotate it (a second reader of the documents alone says
    # nothing of the leaders)
    shared = {k: replace(v, tables=tuple(t for t in v.tables if t in other[k].tables))
              for k, v in gold.items() if k in other}
    shared = {k: v for k, v in shared.items() if v.tables}
    predictions: Predictions = {t: {k: list(other[k].items[t]) for k in shared}
                                for t in SCORED_TABLES}
    report = score(shared, predictions)
    only = sorted(set(gold) ^ set(other))
    if only:
        report.notes = [f"{len(only)} article(s) annotated in one file set only, not scored: "
                        + ", ".join(only[:10]) + (" ..." if len(only) > 10 else "")]
    for k, article in shared.items():
        if article.dct != other[k].dct:
            report.notes.append(f"{k}: the annotations give different dct "
                                f"({article.dct!r}, {other[k].dct!r})")
    return report


def read_texts(inputs: Sequence[str], ids: Iterable[str],
               input_format: str | None = None) -> dict[str, str]:
    """Texts of the input articles whose id is in `ids` (first occurrence wins)."""
    from pipeline.ingest import read_inputs

    wanted, texts = set(ids), {}
    for article in read_inputs(inputs, input_format):
        if article.article_id in wanted and article.article_id not in texts:
            texts[article.article_id] = article.text
    return texts


def evaluate_articles(gold_paths: Sequence[Path | str], inputs: Sequence[str],
                      out: Path | None = None, model: str = "auto",
                      models_dir: Path | None = None, input_format: str | None = None,
                      with_texts: bool = False, nlp: Any = None, triage: bool = False) -> Report:
    """Run the extraction on the articles of `inputs` that the gold annotates (into `out`, or a
    temporary folder), then score it. `nlp`: an already built pipeline matching
    `model`/`models_dir` (see `run.extract`); `triage`: see `RunConfig.triage`."""
    from pipeline.run import RunConfig, extract

    gold = load_gold(gold_paths)  # fail on bad gold before the (slow) extraction
    with tempfile.TemporaryDirectory(prefix="communique-eval-") as tmp:
        folder = Path(out) if out is not None else Path(tmp)
        summary = extract(RunConfig(inputs=list(inputs), out=folder, model=model,
                                    models_dir=models_dir, input_format=input_format,
                                    select=frozenset(gold), triage=triage), nlp)
        predictions, articles = read_predictions(folder)
    texts = read_texts(inputs, gold, input_format) if with_texts else None
    report = score(gold, predictions, texts)
    report.notes = [*summary.notes, *_article_notes(gold, articles)]
    report.missing = _missing(gold, articles)
    return report


# ---------------------------------------------------------------- text output

def format_metrics(report: Report) -> str:
    """Table | P | R | F1 | TP | FP | FN, then the macro average."""
    lines = [f"{'table':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>6} {'FP':>6} {'FN':>6}"]
    for table, c in report.tables.items():
        if table not in report.annotated:
            lines.append(f"{table:<10} {'not annotated in these gold files':>41}")
            continue
        lines.append(f"{table:<10} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} "
                     f"{c.tp:>6} {c.fp:>6} {c.fn:>6}")
    m = report.macro()
    lines.append(f"{'macro':<10} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}")
    return "\n".join(lines)


def describe(table: str, item: Item | None) -> str:
    """A one-line view of a gold item or predicted row."""
    if item is None:
        return "-"
    if table == "leaders":
        return f"{_text(item.get('name'))} | {_text(item.get('title'))} | " \
               f"{_text(item.get('country')) or '?'}"
    if table == "dates":
        return f"{_text(item.get('text'))!r} = {_text(item.get('value'))}"
    if table == "documents":
        kind = _text(item.get("type", item.get("doc_type")))
        countries = ";".join(sorted(codes(item.get("countries")))) or "?"
        return f"{kind} [{countries}] {_text(item.get('title'))!r}"
    amount = _amount(item.get("amount"))
    shown = "?" if amount is None else f"{amount:,.0f}" if amount.is_integer() else f"{amount:,}"
    return f"{_text(item.get('text'))!r} = {shown} {_text(item.get('currency'))} " \
           f"{_text(item.get('measure'))}".rstrip()


_KIND_LABEL = {"miss": "MISS ", "false_hit": "FALSE", "wrong": "WRONG"}
CLIP = 240  # longest sentence shown whole by format_errors


def clip(sentence: str, needles: Iterable[str], width: int = CLIP) -> str:
    """`sentence`, or a window of about `width` characters of it around the first needle
    found (long enumerations of officials make sentences of 1000+ characters)."""
    if len(sentence) <= width:
        return sentence
    folded = sentence.casefold()
    at = next((folded.find(n.casefold()) for n in needles
               if n and folded.find(n.casefold()) >= 0), 0)
    start = max(0, at - width // 2)
    end = min(len(sentence), start + width)
    start = max(0, end - width)
    return ("..." if start else "") + sentence[start:end] + ("..." if end < len(sentence) else "")


def _needles(table: str, err: ErrorItem) -> list[str]:
    found = [_text(err.pred.get(k)) for k in ("text", "name", "title")] if err.pred else []
    return [*found, *(_gold_needles(table, err.gold) if err.gold else [])]


def format_errors(report: Report, tables: Iterable[str] = SCORED_TABLES) -> str:
    """Misses and false hits per table, grouped by the rule that fired."""
    lines = []
    for table, groups in report.errors_by_rule(tables).items():
        counts = report.tables[table]
        lines.append(f"\n== {table}: {counts.fp} false hit(s), {counts.fn} miss(es)")
        for rule, errs in groups.items():
            kinds = defaultdict(int)
            for err in errs:
                kinds[err.kind] += 1
            summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in sorted(kinds.items()))
            lines.append(f"-- {rule if rule == NO_RULE else 'rule ' + rule}: {summary}")
            for err in errs:
                if err.kind == "wrong":
                    what = f"gold {describe(table, err.gold)}  <>  pred {describe(table, err.pred)}"
                elif err.kind == "miss":
                    what = f"gold {describe(table, err.gold)}"
                else:
                    what = f"pred {describe(table, err.pred)}"
                lines.append(f"   {_KIND_LABEL[err.kind]} [{err.article_id}] {what}")
                if err.sentence:
                    lines.append(f"         | {clip(err.sentence, _needles(table, err))}")
    return "\n".join(lines).lstrip("\n")


__all__ = [
    "SCORED_TABLES", "NO_RULE", "TRADE_TOLERANCE", "GoldArticle", "Counts", "ErrorItem",
    "Report", "parse_gold_line", "load_gold", "read_table", "read_predictions", "group_rows",
    "unneutralize", "fold", "surname", "codes", "assign", "MATCH", "NEAR", "score",
    "evaluate_folder", "evaluate_articles", "read_texts", "format_metrics", "format_errors",
    "describe", "sentence_around", "clip",
]
