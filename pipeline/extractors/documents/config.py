"""Settings of the documents extractor and the checks of its rule files.

Confidences and windows are the factory's `default_config` (override them in a pipeline
config: `[components.communique_documents.windows] merge_chars = 3000`). The rule files are
checked when the component is made: a kind of models/gazetteers/doc_types.csv or a label of
models/patterns/documents.jsonl that this code does not know fails with a coded error instead
of silently changing results.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from pipeline.errors import DataError, Errors, UsageError
from pipeline.gazetteers import read_gazetteer

# span groups and labels this extractor reads and writes
DOC_LABEL = "DOC_TYPES"  # models/gazetteers/doc_types.csv
KNOWN_LABEL = "KNOWN_DOCUMENTS"  # models/gazetteers/known_documents.csv: code = parties
OPEN_PARTY = "*"  # in a known document's parties: "and the states the text names"
NUMBER_LABEL = "NUMBER_WORDS"  # models/gazetteers/number_words.csv: code = the value
CUES_KEY = "documents_rules"  # models/patterns/documents.jsonl
LIST_KEY = "documents_list"
PARSE_KEY = "documents_parse"

# doc_types.csv `kind`: a base kind, plus optional flags: "+weak" (being named or implemented is
# no evidence of a document between parties: programmes, roadmaps and contracts are often
# domestic), "+anaphor" (the word also points back at any document named before: "the
# agreement was signed by ..."), "+strict" (a word that is mostly no document, "deal": a
# row only when a signing word governs it and its phrase or signing clause names a state) and
# "+joint" (a noun that says by itself the document has two parties or more, "joint
# statement": adopted or issued with no issuer named, "a Joint Statement was adopted", it
# needs no state in its sentence; the article's states are its parties)
BASE_KINDS = ("singular", "plural", "generic", "generic_plural", "exclude")
KIND_FLAGS = ("weak", "anaphor", "strict", "joint")
# known_documents.csv `kind`: a document type (a code of doc_types.csv), plus "+signed" for a
# document that was signed but never entered into force (its status when the text says none)
# and "+own" for an organization's document that keeps the organization's code even when its
# sentence names member states ("reform under the General Agreement on Tariffs and Trade" in
# a report on the Canadian and Israeli pacts is GATT's)
KNOWN_FLAGS = ("signed", "own")
# ... and "+fromYYYY" / "+untilYYYY": the years in which the name means this document (an
# article published outside them names another one: "the Paris agreement" of a 1987 report on
# currencies is not the climate agreement of 2015)
ERA_FLAG = re.compile(r"(from|until)(\d{4})")
PLURAL_KINDS = ("plural", "generic_plural")
GENERIC_KINDS = ("generic", "generic_plural")

# documents.jsonl labels (the file's header says what each one means). Decision cues are
# looked up per token; word classes by the first token of their span.
DECISION_LABELS = ("SIGN", "SIGN_WEAK", "SIGN_EVENT", "AGREE", "INFORCE", "UNDO", "COMPLY",
                   "PLAN", "HYPO", "STANCE", "FRAME", "EVENT", "VENUE", "INCLUDE", "QUANT", "PART",
                   "GENERIC_MOD", "BILATERAL", "PAIRWISE", "THREE_PARTIES", "CITE")
WORD_LABELS = ("TAIL_STOP", "JOINT_SUBJECT", "TITLE_PREFIX", "RUNNING_TOTAL", "PAST_EVENT",
               "GOV_BODY", "PRONOUN_SIGN", "EVENT_NAME", "COUNTERPARTS", "PARTIES_TO",
               "PARTY_OF", "ACCOMPLISHED", "SHARED_POSS", "OWNER_POSS")
CUE_LABELS = DECISION_LABELS + WORD_LABELS


@dataclass(frozen=True)
class Confidences:
    """Confidence of a row by the source that found it, and what lowers it."""

    list_item: float = 0.9  # an item of a list after "... signed:"
    parse: float = 0.85  # a document noun governed by a cue word
    inherit: float = 0.65  # shares the decision of a document it is listed with
    named: float = 0.5  # a named document referred to without any cue (in force)
    in_force_penalty: float = 0.15
    planned_penalty: float = 0.25
    fallback_penalty: float = 0.1  # no state named in the sentence: the article's ones
    floor: float = 0.05


@dataclass(frozen=True)
class Windows:
    """How far the extractor looks, in characters or tokens."""

    # a count ("9 agreements") gives no row when a named document is this near after it
    merge_chars: int = 2500
    merge_lookback_chars: int = 300  # ... or this near before it
    named_repeat_chars: int = 600  # "the Elysee Treaty. The treaty of friendship, signed ...": one
    pronoun_chars: int = 300  # "... an MoU on X. It was signed by ...": how far "it" points back
    phrase_tokens: int = 45  # longest title/parties tail right of a document noun
    clause_tokens: int = 8  # how far right of a phrase a participle or relative clause is read
    lead_chars: int = 600  # the first paragraph (the event's date) when there is no blank line
    validity_chars: int = 40  # how far right of a phrase a validity period is read
    list_item_chars: int = 500  # longest unbulleted line read as a list item
    # a counted set signed at the event ("seven MoUs were exchanged") gives one row per
    # document up to this count; a larger count is one row ("signed 200 documents")
    counted_set_max: int = 30


@dataclass(frozen=True)
class DocumentsConfig:
    confidences: Confidences = Confidences()
    windows: Windows = Windows()

    @classmethod
    def from_config(cls, name: str, confidences: dict[str, Any],
                    windows: dict[str, Any]) -> DocumentsConfig:
        """From the factory's settings; an unknown or non-numeric setting is a usage error."""
        return cls(_section(name, "confidences", Confidences, confidences),
                   _section(name, "windows", Windows, windows))

    @staticmethod
    def defaults() -> dict[str, dict[str, Any]]:
        return {"confidences": asdict(Confidences()), "windows": asdict(Windows())}


def _section(name: str, section: str, cls: type, values: dict[str, Any]) -> Any:
    known = {f.name: f.type for f in fields(cls)}
    for key, value in values.items():
        kind = int if known.get(key) == "int" else float
        if key not in known or isinstance(value, bool) or not isinstance(value, (int, float)) \
                or kind is int and not isinstance(value, int):
            raise UsageError(Errors.U028.format(name=name, section=section, key=key, value=value,
                                                known=", ".join(known)))
    return cls(**values)


def check_rules(models_dir: Path) -> None:
    """Fail on a doc_types.csv kind or a documents.jsonl label this extractor does not know."""
    types = models_dir / "gazetteers" / "doc_types.csv"
    if types.is_file():
        for line, row in enumerate(read_gazetteer(types), start=2):
            base, *flags = row["kind"].split("+")
            if base not in BASE_KINDS or set(flags) - set(KIND_FLAGS):
                raise DataError(Errors.D002.format(
                    path=types, line=line, reason=f"kind {row['kind']!r} is not one of "
                    f"{'|'.join(BASE_KINDS)} with optional flags +{' +'.join(KIND_FLAGS)}"))
    known = models_dir / "gazetteers" / "known_documents.csv"
    if known.is_file():
        codes = {row["code"] for row in read_gazetteer(types)} - {"exclude"} \
            if types.is_file() else set()
        for line, row in enumerate(read_gazetteer(known), start=2):
            base, *flags = row["kind"].split("+")
            parties = [c for c in row["code"].split(";") if c]
            odd = {f for f in flags if f not in KNOWN_FLAGS and not ERA_FLAG.fullmatch(f)}
            if (codes and base not in codes) or odd or not parties:
                raise DataError(Errors.D002.format(
                    path=known, line=line, reason=f"kind {row['kind']!r} must be a document "
                    f"type of doc_types.csv ({', '.join(sorted(codes))}) with an optional "
                    f"+{' +'.join(KNOWN_FLAGS)} +fromYYYY +untilYYYY, and code the parties "
                    f"(';'-separated, "
                    f"'{OPEN_PARTY}' for the states the text names): got {row['code']!r}"))
    cues = models_dir / "patterns" / "documents.jsonl"
    if not cues.is_file():
        return
    with open(cues, encoding="utf-8") as fh:
        for line, text in enumerate(fh, start=1):
            if not text.strip() or text.lstrip().startswith("//"):
                continue
            try:
                label = json.loads(text).get("label")
            except (json.JSONDecodeError, AttributeError) as exc:
                raise DataError(Errors.D001.format(path=cues, line=line, reason=str(exc)))
            if label not in CUE_LABELS:
                raise DataError(Errors.D001.format(
                    path=cues, line=line,
                    reason=f"label {label!r} is not one of {', '.join(CUE_LABELS)}"))
