"""Offices that name their state: the optional `state` column of titles.csv.

Some offices exist in one state's (or one organization's) institutions only: "Sen." and
"Congressman" (the U.S. Congress), "House Speaker", "Senate Republican Leader", "European
Commissioner" (EU). A titles.csv row gives that state in its `state` column; a person titled
so whose mentions name no state serves it, unless a fact or a state written right next to the
mention says otherwise (the `office_state` linking strategy). Rows without it (most offices:
"Minister", "Senator" of several parliaments) leave the state to the other strategies.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from pipeline.errors import DataError, Errors
from pipeline.extractors.leaders.names import fold
from pipeline.extractors.leaders.roles import TITLES_LABEL, gaz_spans
from pipeline.gazetteers import read_gazetteer

TITLES_FILE = "titles.csv"  # in models/gazetteers
STATE_COLUMN = "state"


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
