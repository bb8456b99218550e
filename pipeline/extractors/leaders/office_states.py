"""Offices that name their state (the optional `state` column of titles.csv), and offices a
state does not have (absent_offices.csv).

Some offices exist in one state's (or one organization's) institutions only: "Sen." and
"Congressman" (the U.S. Congress), "House Speaker", "Senate Republican Leader", "European
Commissioner" (EU). A titles.csv row gives that state in its `state` column; a person titled
so whose mentions name no state serves it, unless a fact or a state written right next to the
mention says otherwise (the `office_state` linking strategy). Rows without it (most offices:
"Minister", "Senator" of several parliaments) leave the state to the other strategies.

absent_offices.csv lists, per state, a word no office of that state has ("USA,minister": the
United States has secretaries, no ministers or premier). A strategy that falls back on a state
the text does not tie to the person (the publisher's, the article's, the one it names most)
does not give it to someone whose office holds such a word: "Foreign Minister Sameh Shoukry" in
a White House readout is not the United States' minister.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from pipeline.errors import DataError, Errors
from pipeline.extractors.leaders.names import fold
from pipeline.extractors.leaders.roles import TITLES_LABEL, gaz_spans
from pipeline.gazetteers import read_gazetteer, read_rule_table

TITLES_FILE = "titles.csv"  # in models/gazetteers
STATE_COLUMN = "state"
ABSENT_FILE = "absent_offices.csv"  # in models/gazetteers: state,word,note


def load_office_states(path: Path) -> dict[str, str]:
    """Folded office text -> the state code its `state` column gives (rows without one are
    left out); {} when the file is missing. A code that is not upper-case letters fails."""
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line, row in enumerate(read_gazetteer(path), start=2):
        state = row.get(STATE_COLUMN, "")
        if not state:
            continue
        if not (state.isalpha() and state.isupper()):
            raise DataError(Errors.D002.format(
                path=path, line=line,
                reason=f"'{STATE_COLUMN}' {state!r} is not a state or organization code"))
        out[fold(row["text"])] = state
    return out


def office_state(doc: Doc, start: int, end: int, table: dict[str, str]) -> str:
    """The state of the first office in tokens [start, end) that names one, else ""."""
    if not table:
        return ""
    for span in gaz_spans(doc, start, end, (TITLES_LABEL,)):
        state = table.get(fold(span.text))
        if state:
            return state
    return ""


def load_absent_offices(path: Path) -> dict[str, frozenset[str]]:
    """State code -> the folded words none of its offices holds (`state,word,note` rows); {}
    when the file is missing. A code that is not upper-case letters, or a word that is not
    one word, fails with the row."""
    if not path.is_file():
        return {}
    out: dict[str, set[str]] = {}
    for line, row in read_rule_table(path, ("state", "word"), Errors.D002):
        state, word = row["state"], fold(row["word"])
        if not (state.isalpha() and state.isupper()):
            raise DataError(Errors.D002.format(
                path=path, line=line, reason=f"'state' {state!r} is not a state code"))
        if not word or " " in word:
            raise DataError(Errors.D002.format(
                path=path, line=line, reason=f"'word' {row['word']!r} is not one word"))
        out.setdefault(state, set()).add(word)
    return {state: frozenset(words) for state, words in out.items()}


def lacks(table: dict[str, frozenset[str]], state: str, title: str) -> bool:
    """Whether `state` has no office called `title` (a word of it is one the state lacks)."""
    words = table.get(state)
    return bool(words) and any(w in words for w in fold(title).replace("-", " ").split())
