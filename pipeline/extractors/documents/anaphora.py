"""Anaphora: a document referred to again ("the accord", "the document", "it") takes what the
text says of it from the document named just before it.

    The MoU will see cooperation between the Institute of A and the Institute of B.
    It was signed by the Foreign Ministers ...          -> the MoU, signed
    ... a complaint against the U.S.-Japanese agreement on exports of semiconductors ...
    The five-year accord signed in July 1986 ...          -> that agreement, signed 1986-07

Pure data (candidates in, candidates out), run first by `merge_candidates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.extractors.documents.candidate import ANTECEDENT, DROPPED, IN_FORCE, Candidate
from pipeline.extractors.documents.config import Windows

DEFAULT_WINDOWS = Windows()


def is_anaphor(cand: Candidate) -> bool:
    """A pronoun, or a definite singular document noun with nothing of its own ("the accord",
    "The document was signed by ...")."""
    if cand.source in (ANTECEDENT, DROPPED, "list") or cand.plural and not cand.pronoun:
        return False
    return cand.pronoun or (cand.definite and not cand.title and not cand.parties
                            and not cand.named and not cand.known_parties)


def _fits(anaphor: Candidate, prev: Candidate) -> bool:
    """`prev` can be what `anaphor` points back at: "it" any singular document, "they" any;
    "the document" any; "the accord" an agreement (a well-known one only when called by its
    own noun: "the Treaty" after "the Elysee Treaty", not "the accord" after the GATT)."""
    if anaphor.pronoun:
        return prev.plural == (anaphor.noun in ("they", "these")) or not prev.plural
    if prev.plural:
        return False
    if prev.known_parties:
        return anaphor.noun == prev.noun or anaphor.generic
    return anaphor.generic or prev.doc_type == anaphor.doc_type or (
        anaphor.anaphor and prev.doc_type == "agreement")


def _antecedent(cands: Sequence[Candidate], k: int, windows: Windows) -> Candidate | None:
    """The nearest candidate before `cands[k]` it can point back at, within reach."""
    anaphor = cands[k]
    reach = windows.pronoun_chars if anaphor.pronoun else windows.named_repeat_chars
    for prev in reversed(cands[:k]):
        if anaphor.mention_start - prev.mention_end > reach:
            return None
        if prev.mention_end <= anaphor.mention_start and _fits(anaphor, prev):
            return prev
    return None


def resolve_anaphors(candidates: Sequence[Candidate],
                     windows: Windows = DEFAULT_WINDOWS) -> list[Candidate]:
    """Candidates in text order with each anaphor resolved, and the mentions that are no row
    (antecedents, dropped ones) left out:

    - pointing back at a mention no cue decided, or at a document only named (in force),
      the anaphor's decision, date and states go to that document, which becomes the row;
    - a pronoun pointing back at anything else, or at nothing, gives no row (the document
      it repeats has its own); a noun anaphor then stays as it was (the merge drops it as a
      repeat of a document before it, or keeps it as a document of its own).
    """
    ordered = sorted(candidates, key=lambda c: (c.mention_start, c.source != "list"))
    resolved: dict[int, Candidate] = {}  # id of an antecedent -> the row it became
    out: list[Candidate] = []
    for k, cand in enumerate(ordered):
        if not is_anaphor(cand):
            out.append(cand)
            continue
        prev = _antecedent(ordered, k, windows)
        promotable = prev is not None and (
            prev.source == ANTECEDENT or prev.source == "named" and prev.status == IN_FORCE
            and cand.status != IN_FORCE) and id(prev) not in resolved
        if promotable:
            resolved[id(prev)] = replace(
                prev, status=cand.status, source=cand.source, rule=cand.rule,
                confidence=cand.confidence, signed_date=cand.signed_date,
                valid_from=prev.valid_from or cand.valid_from,
                valid_to=prev.valid_to or cand.valid_to, event=cand.event,
                countries=tuple(dict.fromkeys(prev.countries + cand.countries)),
                parties=prev.parties or cand.parties, explicit=prev.explicit or cand.explicit,
                sentence_codes=tuple(dict.fromkeys(prev.sentence_codes + cand.sentence_codes)),
                sentence_has_country=prev.sentence_has_country or cand.sentence_has_country,
                joint=prev.joint or cand.joint, needs_country=cand.needs_country,
                needs_event=cand.needs_event)
        elif not cand.pronoun:
            out.append(cand)
    return [resolved.get(id(c), c) for c in out if c.source not in (ANTECEDENT, DROPPED)
            or id(c) in resolved]
