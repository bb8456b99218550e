"""What each kind of the office vocabulary means: models/gazetteers/title_kinds.csv, checked
on load.

Every row of titles.csv (offices, honorifics, words ending a body's name) and of
portfolios.csv (words of a portfolio or a body: Affairs, Trade, Customs, General Staff) has a
`kind` (head_of_state, minister, honorific, body, portfolio, state_body, ...); the extractor
reads only the flags that title_kinds.csv gives that kind:

  role                  TITLE | HON | BODY: what the patterns see of the word (`_.ldr_role`)
  office                1: names an office, the row's title
  generic               1: a word for a leader ("leader", "counterpart"): a mention, no title
  modifier              1: qualifies the office next to it ("Acting", "former")
  needs_place           1: counts only with a state or organization in the mention (a company
                        has a Chairman too)
  state_only            1: only a state has it ("State Duma Speaker" is not a company's); an
                        official without a state serves the article's home state
  head                  1: head of state/government or royal (home and remaining state)
  publisher_official    1: serves the publisher's state when the text names none
  publisher_head        1: the publisher's own head ("the President" in its readout)
  lower_case_corporate  1: written in lower case with no state, a company's ("president
                        Michael Brown said")
  state_body            1: a body only a state has (Ministry, Customs, Embassy): an office of
                        one ("Director General of Customs") is a state official's
  public_body           1: a word ending a body's name (Board, Fund, Institute) that makes the
                        body a state's when a state or a `state_word` qualifies the name
                        ("Ceylon Electricity Board", "National Migration Institute")
  state_word            1: a word that qualifies a public body as a state's (National, Central)

The last two columns may be missing (a rule set written before them): their flags are then
unset.

The table travels with the pipeline in the vocab's lookups (`install`), so the token-role
getter, which runs inside the matcher before the component, reads the same table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.errors import DataError, Errors
from pipeline.gazetteers import read_gazetteer

KINDS_FILE = "title_kinds.csv"  # in models/gazetteers
VOCABULARY_FILES = ("titles.csv", "portfolios.csv")  # the gazetteers whose kinds it defines
ROLES = ("TITLE", "HON", "BODY")
FLAGS = ("office", "generic", "modifier", "needs_place", "state_only", "head",
         "publisher_official", "publisher_head", "lower_case_corporate", "state_body",
         "public_body", "state_word")
OPTIONAL_FLAGS = ("public_body", "state_word")  # added later: absent columns read as 0
TABLE = "communique_title_kinds"  # vocab.lookups table: kind -> [role, *flags set]
KINDS_KEY = "__kinds__"


@dataclass(frozen=True)
class TitleKinds:
    """kind -> role and flags. An unknown kind ("" for a known leader's office) has role
    TITLE and no flag."""

    roles: dict[str, str] = field(default_factory=dict)
    flags: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, kind: str, flag: str) -> bool:
        return flag in self.flags.get(kind, ())

    def role(self, kind: str) -> str:
        return self.roles.get(kind, "TITLE")

    def is_office(self, kind: str) -> bool:
        return self.has(kind, "office")

    def to_table(self) -> dict[str, list[str]]:
        """A lookups table: kind -> [role, *flags]; the kind names under KINDS_KEY (a
        lookups table keeps only the hashes of its keys)."""
        table = {k: [self.roles[k], *sorted(self.flags[k])] for k in self.roles}
        return {KINDS_KEY: list(self.roles), **table}

    @classmethod
    def from_table(cls, table) -> TitleKinds:  # noqa: ANN001 - a spaCy lookups Table
        kinds = list(table[KINDS_KEY])
        return cls({k: table[k][0] for k in kinds},
                   {k: frozenset(table[k][1:]) for k in kinds})


def read_title_kinds(path: Path) -> TitleKinds:
    """The kinds table at `path`, validated (a coded DataError names the row at fault)."""
    roles: dict[str, str] = {}
    flags: dict[str, frozenset[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns = reader.fieldnames or []
        missing = [c for c in ("kind", "role", *FLAGS)
                   if c not in columns and c not in OPTIONAL_FLAGS]
        if missing:
            raise DataError(Errors.D010.format(path=path, line=1,
                                               reason=f"missing columns {missing}"))
        for row in reader:
            kind = (row["kind"] or "").strip()
            role = (row["role"] or "").strip()
            bad = [f for f in FLAGS if (row.get(f) or "0").strip() not in ("0", "1")]
            reason = None
            if not kind:
                reason = "empty 'kind'"
            elif kind in roles:
                reason = f"kind {kind!r} defined twice"
            elif role not in ROLES:
                reason = f"role {role!r} is not one of {ROLES}"
            elif bad:
                reason = f"{bad[0]} {row[bad[0]]!r} must be 0 or 1"
            if reason:
                raise DataError(Errors.D010.format(path=path, line=reader.line_num,
                                                   reason=reason))
            roles[kind] = role
            flags[kind] = frozenset(f for f in FLAGS if (row.get(f) or "").strip() == "1")
    return TitleKinds(roles, flags)


def check_kinds(path: Path, kinds: TitleKinds, kinds_path: Path) -> None:
    """Fail on the first row of the gazetteer at `path` whose kind `kinds` does not define: a
    typo would otherwise silently change what the office counts for."""
    if not path.is_file():
        return
    for line, row in enumerate(read_gazetteer(path), start=2):
        if row["kind"] not in kinds.roles:
            raise DataError(Errors.D011.format(path=path, line=line, value=row["kind"],
                                               kinds=kinds_path,
                                               choices=", ".join(kinds.roles)))


def load_title_kinds(gazetteers: Path) -> TitleKinds:
    """title_kinds.csv of a rule set's gazetteers folder, with titles.csv and portfolios.csv
    checked against it."""
    path = gazetteers / KINDS_FILE
    kinds = read_title_kinds(path)
    for name in VOCABULARY_FILES:
        check_kinds(gazetteers / name, kinds, path)
    return kinds


def install(vocab: Vocab, kinds: TitleKinds) -> None:
    """Put `kinds` in the vocab's lookups, where `kinds_of` finds it for every doc."""
    if vocab.lookups.has_table(TABLE):
        vocab.lookups.remove_table(TABLE)
    vocab.lookups.add_table(TABLE, kinds.to_table())


_LOADED: dict[int, tuple[object, TitleKinds]] = {}  # id(table) -> (table, its kinds)


def kinds_of(doc: Doc) -> TitleKinds:
    """The kinds table of the doc's pipeline; the active rule set's for a pipeline without
    the leaders component (hand-built docs)."""
    lookups = doc.vocab.lookups
    if not lookups.has_table(TABLE):
        return _default()
    table = lookups.get_table(TABLE)
    loaded = _LOADED.get(id(table))
    if loaded is None or loaded[0] is not table:
        loaded = _LOADED[id(table)] = (table, TitleKinds.from_table(table))
    return loaded[1]


@cache
def _default() -> TitleKinds:
    from pipeline.rules import rules_dir

    return load_title_kinds(rules_dir(None) / "gazetteers")
