"""Knowledge: facts person -> (state, office), read from gazetteers, and learned from a corpus.

A fact says that a person serves a state (or an organization) in an office. State linking
uses facts only where the text itself does not give the state (`linking.link_known`): a
person named in full as a fact names him; a surname alone only when the fact's state is
named in the article too. A fact also speaks against weaker guesses (home state, the state
an article is about) that would give a well-known leader another state.

File format: any gazetteer with these columns (models/gazetteers/known_people.csv, learned
from the corpus by `build`; the curated models/gazetteers/leaders.csv; a file that
retraining writes from reviewer decisions). One row per fact:

    text      the person's name as written ("Frank-Walter Steinmeier")
    code      the state (ISO3) or organization (UN, EU, IMF, ...) the person serves
    kind      the office ("President", "Foreign Minister"); leaders.csv rows of kind
              `institution` name a state body, not a person, and are no facts
    case      "lower" to match the name in any case (as every gazetteer), else as written
    source    where the fact comes from: `corpus` (learned by `build`), `review` (a
              reviewer's decision), `curated`; optional, default the file's stem
    articles  how many articles support it (for `corpus`: articles that title the person
              with that state); optional

Learning from a corpus (`python -m pipeline.extractors.leaders build --help`): the
extractor runs over the articles that name an office (a fast text search skips the others;
an article is read once even when two files hold it); every row whose state comes from the
mention itself
("President of Finland Sauli Niinistö", "Kazakh President Tokayev") supports the fact
(full name, state, office); a fact is kept when at least `--min-articles` articles support
it and at least `--share` of the articles titling that name give that state.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import DataError, Errors
from pipeline.extractors.leaders.merge import compatible
from pipeline.extractors.leaders.names import fold, name_tokens, surname_of
from pipeline.gazetteers import read_gazetteer
from pipeline.rules import rules_dir

KNOWLEDGE_FILES = ("leaders.csv", "known_people.csv")  # in models/gazetteers, in this order
# a fact learned from a corpus gives the holder of an office named without a person only
# when this many articles support it (a learned office can be a parsing error: "wife of the
# President Olena Zelenska" in two articles)
OFFICE_MIN_ARTICLES = 5
FACT_COLUMNS = ("text", "code", "kind", "case", "source", "articles")
NOT_A_PERSON = "institution"  # leaders.csv kind of state bodies ("White House")
CORPUS = "corpus"  # the source of facts learned by `build`


@dataclass(frozen=True)
class Fact:
    """One person -> (state, office) fact with its provenance."""

    name: str
    state: str
    office: str
    source: str = ""
    articles: int = 0

    @property
    def key(self) -> str:
        return " ".join(name_tokens(self.name))


def read_facts(path: Path) -> list[Fact]:
    """The facts of a gazetteer file (see the module docstring); rows of kind `institution`
    are skipped. A bad `articles` value fails with the file, row and value."""
    facts = []
    for line, row in enumerate(read_gazetteer(path), start=2):
        if row["kind"] == NOT_A_PERSON or not row["code"]:
            continue
        articles = row.get("articles") or "0"
        if not articles.isdigit():
            raise DataError(Errors.D012.format(path=path, line=line,
                                               reason=f"articles {articles!r} is not a count"))
        facts.append(Fact(row["text"], row["code"], row["kind"],
                          row.get("source") or path.stem, int(articles)))
    return facts


class Knowledge:
    """Facts indexed by folded full name and by surname."""

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self.facts = list(facts)
        self.by_name: dict[str, list[Fact]] = defaultdict(list)
        self.by_surname: dict[str, list[Fact]] = defaultdict(list)
        self.by_office: dict[tuple[str, str], set[str]] = defaultdict(set)
        for fact in self.facts:
            self.by_name[fact.key].append(fact)
            self.by_surname[surname_of(fact.name)].append(fact)
            if fact.source != CORPUS or fact.articles >= OFFICE_MIN_ARTICLES:
                self.by_office[fact.state, fact.office].add(surname_of(fact.name))

    @classmethod
    def from_folder(cls, gazetteers: Path, files: Iterable[str] = KNOWLEDGE_FILES) -> Knowledge:
        return cls(f for name in files if (gazetteers / name).is_file()
                   for f in read_facts(gazetteers / name))

    def __len__(self) -> int:
        return len(self.facts)

    def states(self, name: str, office: str = "") -> set[str]:
        """States of the facts about `name` written in full (two words at least); of those
        whose office is `office`, when facts give the name several states and one of them
        that office (Eduard Shevardnadze: the Soviet Union's Foreign Minister, Georgia's
        President)."""
        key = " ".join(name_tokens(name))
        if len(key.split()) < 2:
            return set()
        facts = self.by_name.get(key, ())
        states = {f.state for f in facts}
        if len(states) > 1 and office:
            held = {f.state for f in facts if fold(f.office) == fold(office)}
            return held or states
        return states

    def spelling(self, name: str) -> str:
        """The facts' spelling of `name` when the text splits or hyphenates the same name
        parts otherwise ("Kassym Jomart-Tokayev" -> "Kassym-Jomart Tokayev"); else `name`.
        A surname written apart from its particle keeps its written form ("Abdel Fattah Al
        Sisi", not "al-Sisi"): the spelling joins given names, it does not change the
        surname the text gives."""
        facts = [f for f in self.by_name.get(" ".join(name_tokens(name)), ())
                 if f.source != CORPUS]  # a learned spelling is only the commonest one
        if not facts or len(name_tokens(name)) < 2:
            return name
        known = facts[0].name
        same = fold(known).replace("-", " ").split() == fold(name).replace("-", " ").split()
        if not same or fold(known) == fold(name):
            return name
        written_last, known_last = fold(name).split()[-1], fold(known).split()[-1]
        if known_last != written_last and "-" not in written_last:
            return name
        return known

    def surnames(self, state: str, office: str) -> set[str]:
        """Surnames of the people the facts give `office` of `state` (learned facts with
        `OFFICE_MIN_ARTICLES` supporting articles at least)."""
        return self.by_office.get((state, office), set())

    def office_states(self, name: str, office: str) -> set[str]:
        """The state of the facts whose holder has the surname of `name` (and names
        compatible with it) and holds `office`, when every fact about that surname gives
        that one state and the fact is well supported (curated, or learned from at least
        OFFICE_MIN_ARTICLES articles); empty otherwise."""
        tokens = name_tokens(name)
        facts = [f for f in self.by_surname.get(surname_of(name), ())
                 if compatible(tokens, name_tokens(f.name))]
        if len({f.state for f in facts}) != 1:
            return set()
        held = [f for f in facts if fold(f.office) == fold(office)
                and (f.source != CORPUS or f.articles >= OFFICE_MIN_ARTICLES)]
        return {held[0].state} if held else set()

    def surname_states(self, name: str) -> set[str]:
        """States of the facts about anyone with the surname of `name`."""
        return {f.state for f in self.by_surname.get(surname_of(name), ())}


# ---------------------------------------------------------------- learning from a corpus

def _records(paths: Iterable[Path], skip: set[str],
             office: re.Pattern | None = None) -> Iterator[dict]:
    seen: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text, key = record.get("text") or "", str(record.get("id"))
                if not text.strip() or key in skip or key in seen:
                    continue
                seen.add(key)
                if office is None or office.search(text):
                    yield record


def office_words(gazetteers: Path) -> re.Pattern:
    """A regular expression for the offices of titles.csv that need no state to count (as
    written): an article without one titles nobody with a state, and is skipped unparsed."""
    from pipeline.extractors.leaders.kinds import load_title_kinds

    kinds = load_title_kinds(gazetteers)
    words = {row["text"] for row in read_gazetteer(gazetteers / "titles.csv")
             if kinds.is_office(row["kind"]) and not kinds.has(row["kind"], "needs_place")}
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:%s)\b" % "|".join(alternatives))


def gold_ids(paths: Iterable[Path]) -> set[str]:
    """Ids of the articles gold files annotate (only their `id` is read): left out of the
    learning, so a score on them is not one of facts learned from them."""
    ids: set[str] = set()
    for path in paths:
        files = sorted(path.rglob("*.gold.jsonl")) if path.is_dir() else [path]
        for gold in files:
            with open(gold, encoding="utf-8") as fh:
                ids.update(str(json.loads(line)["id"]) for line in fh if line.strip())
    return ids


def learn(rows: Iterable[tuple[str, dict]], min_articles: int = 2,
          share: float = 0.8) -> list[Fact]:
    """Facts from (article id, leaders row) pairs: rows whose state the mention gave (no
    "+<strategy>" in `rule`) and whose name has two words at least vote, once per article,
    for (name, state); the office is the one most of them give."""
    votes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    offices: dict[tuple[str, str], Counter] = defaultdict(Counter)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article, row in rows:
        if not row["country"] or "+" in row["rule"] or not row["title"]:
            continue
        key = " ".join(name_tokens(row["name"]))
        if len(key.split()) < 2:
            continue
        votes[key][row["country"]].add(article)
        offices[key, row["country"]][row["title"]] += 1
        spellings[key][row["name"]] += 1
    facts = []
    for key, states in votes.items():
        total = len(set().union(*states.values()))
        state, articles = max(states.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(articles) < min_articles or len(articles) / total < share:
            continue
        facts.append(Fact(spellings[key].most_common(1)[0][0], state,
                          offices[key, state].most_common(1)[0][0], CORPUS, len(articles)))
    return sorted(facts, key=lambda f: (-f.articles, fold(f.name)))


def extract_rows(records: Iterable[dict], batch_size: int = 32,
                 models_dir: Path | None = None) -> Iterator[tuple[str, dict]]:
    """(article id, leaders row) for each row the extractor gives on `records`."""
    from pipeline.extractors.base import rows_of
    from pipeline.nlp import build_pipeline

    nlp = build_pipeline("auto", models_dir=models_dir, extractors=("communique_leaders",))

    def docs() -> Iterator:
        for record in records:
            doc = nlp.make_doc(record["text"])
            doc._.article_id = str(record["id"])
            doc._.source, doc._.url = record.get("source") or "", record.get("url") or ""
            yield doc

    for n, doc in enumerate(nlp.pipe(docs(), batch_size=batch_size), start=1):
        for row in rows_of(doc)["leaders"]:
            yield doc._.article_id, row
        if n % 500 == 0:
            print(f"{n} articles", file=sys.stderr, flush=True)


def write_facts(facts: Iterable[Fact], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FACT_COLUMNS)
        for f in facts:
            writer.writerow([f.name, f.state, f.office, "", f.source, f.articles])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.extractors.leaders",
        description="Learn person -> (state, office) facts from a corpus.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="run the extractor over a corpus and write the facts",
                       description="Run the leaders extractor over JSONL articles and write "
                       "the facts that enough articles support (see the module docstring).")
    b.add_argument("inputs", nargs="+", type=Path,
                   help="JSONL article files or folders of them (id, text, source, url)")
    b.add_argument("--out", type=Path, required=True, help="the facts CSV to write")
    b.add_argument("--exclude", type=Path, action="append", default=[],
                   help="gold file or folder of *.gold.jsonl whose articles are left out "
                   "(repeatable)")
    b.add_argument("--min-articles", type=int, default=2,
                   help="articles that must support a fact (default 2)")
    b.add_argument("--share", type=float, default=0.8,
                   help="share of the articles titling a name that must agree on its state "
                   "(default 0.8)")
    b.add_argument("--rules", type=Path, default=None, help="rule set to extract with")
    b.add_argument("--all", action="store_true",
                   help="parse every article, also those that name no office")
    args = parser.parse_args(argv)
    paths = [p for i in args.inputs for p in (sorted(i.glob("*.jsonl")) if i.is_dir() else [i])]
    skip = gold_ids(args.exclude)
    office = None if args.all else office_words(rules_dir(args.rules) / "gazetteers")
    rows = extract_rows(_records(paths, skip, office), models_dir=args.rules)
    facts = learn(rows, args.min_articles, args.share)
    write_facts(facts, args.out)
    print(f"{len(facts)} facts from {len(paths)} file(s), {len(skip)} gold article(s) left "
          f"out -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
