"""Merge: candidates from every source -> one candidate per document (pure data, no spaCy)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.extractors.documents.anaphora import resolve_anaphors
from pipeline.extractors.documents.candidate import IN_FORCE, PLANNED, SIGNED, Candidate
from pipeline.extractors.documents.config import Windows
from pipeline.normalizers.countries import country_code, is_state

DEFAULT_WINDOWS = Windows()
BROAD_TYPE = "agreement"  # "nine agreements, including a memorandum on ...": any kind


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def _same_known(a: Candidate, b: Candidate) -> bool:
    """Two names of one well-known document ("the Indo-Lanka Accord" ... "the Indo-Sri Lanka
    Peace Accord, signed in Colombo on July 29, 1987"), whatever each mention says of it."""
    def parties(c: Candidate) -> set[str]:
        # ("*": the borrower of an IMF programme, the article's state, filled in later)
        return set(c.countries or c.known_parties) - {"*"}

    return bool(a.known_parties) and a.known_parties == b.known_parties \
        and a.doc_type == b.doc_type and not (a.aggregate or b.aggregate) \
        and parties(a) == parties(b)


def _other_states(a: Candidate, b: Candidate) -> bool:
    """Both name their states and neither's include the other's: two documents of one name
    ("the Treaty of Friendship ... with the DPR, and the Treaty of Friendship ... with the LPR")."""
    sa, sb = set(a.countries), set(b.countries)
    return bool(sa and sb) and not (sa <= sb or sb <= sa)


def _one_name(a: Candidate, b: Candidate) -> bool:
    """One title starts the other (case and punctuation aside): the same name, one of its
    forms shorter ("the Free Trade Agreement" ... "the Free Trade Agreement between ..."), or
    one's name before the noun is the other's ("the Bicentennial Framework for Security ..."
    ... "This Bicentennial Framework")."""
    ta, tb = _norm(a.title), _norm(b.title)
    ha, hb = _norm(a.head_name), _norm(b.head_name)
    return ta.startswith(tb) or tb.startswith(ta) or bool(ha) and ha in (tb, hb) \
        or bool(hb) and hb == ta


def _subject(title: str) -> bool:
    """A title that says what the document is about (a lowercase word: "free trade", "AUKUS
    agreement"), not only a name or its parties ("MFA", "U.S./Japan")."""
    return any(w[:1].islower() and w not in ("and", "of", "the") for w in title.split())


def _other_titles(a: Candidate, b: Candidate) -> bool:
    """Both say what they are about, and neither title starts the other: two documents ("our
    free trade agreement" and "the AUKUS agreement")."""
    return _subject(a.title) and _subject(b.title) and not _one_name(a, b)


def _covers(pa: set[str], pb: set[str]) -> bool:
    """Every party of one is a shorter or longer form of a party of the other ("the Memorandum
    with Apple" after the memorandum "between the Ministry ... and Apple Inc.")."""
    small, large = sorted((pa, pb), key=len)
    return all(any(x and y and (f" {x} " in f" {y} " or f" {y} " in f" {x} ") for y in large)
               for x in small)


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Two candidates that describe the same document (`a` is the earlier one)."""
    if _same_known(a, b):
        return not (a.signed_date and b.signed_date and a.signed_date != b.signed_date)
    if a.known_parties and not b.known_parties and b.source == "named" and b.title \
            and b.status == IN_FORCE and not (b.plural or b.aggregate) \
            and _norm(a.title).startswith(_norm(f"{b.title} {b.noun}") + " "):
        # "our Strategic Framework Agreement" ... "according to the Strategic Framework": the
        # well-known document by the first words of its name
        return True
    known, other = (a, b) if a.known_parties else (b, a)
    if a.doc_type == b.doc_type and a.status == b.status == IN_FORCE \
            and not (a.plural or b.plural or a.aggregate or b.aggregate) \
            and not (a.tail_title or b.tail_title or other.known_parties) \
            and set(other.countries) <= set(known.known_parties or other.countries) \
            and not (a.signed_date and b.signed_date and a.signed_date != b.signed_date) \
            and not _other_states(a, b) and not _other_titles(a, b):
        # "the semiconductor pact" ... "the September agreement" ... "the U.S./Japan
        # agreement": one document in force, named by its subject, date or parties in turn
        return True
    if a.doc_type == b.doc_type and b.source == "named" and b.status == IN_FORCE \
            and not (a.aggregate or b.aggregate) and b.title and not a.title \
            and a.definite and not (a.plural or b.known_parties):
        # "The Treaty and the MoU exchanged today ..." then "The Treaty on Mutual Legal
        # Assistance will help ...": the document just signed, now by its name
        return not _other_states(a, b)
    if a.doc_type == b.doc_type and b.source == "named" and b.status == IN_FORCE \
            and not (a.aggregate or b.aggregate) and a.title and b.title:
        # a document named again without a cue ("the Free Trade Agreement will help ..."
        # after it was signed): the same one when the names agree
        return _one_name(a, b) and not _other_states(a, b)
    if a.doc_type == b.doc_type and {a.status, b.status} == {IN_FORCE, SIGNED} \
            and a.signed_date and a.signed_date == b.signed_date \
            and not _other_states(a, b) and not (a.title and b.title) \
            and not (a.aggregate or b.aggregate or a.plural or b.plural):
        # "violations of a September 1986 agreement ..." and "the two countries signed a
        # pact last September": one document, said to be in force and signed then
        return True
    if a.doc_type == b.doc_type and {a.status, b.status} == {IN_FORCE, SIGNED} \
            and not (a.aggregate or b.aggregate or a.plural or b.plural):
        signed, known = (a, b) if a.status == SIGNED else (b, a)
        if known.known_parties and signed.definite and signed.signed_date \
                and not (signed.event or signed.title or signed.parties) \
                and set(signed.countries) <= set(known.known_parties) \
                and known.signed_date in ("", signed.signed_date):
            # "once Japan honored the pact it signed last year" ... "honoring the semiconductor
            # pact": a past signing of the well-known document named beside it
            return True
    if a.doc_type == b.doc_type and a.status == IN_FORCE and b.status == SIGNED \
            and not b.named and _subject(a.title) and _norm(a.title) == _norm(b.title) \
            and not (a.signed_date and b.signed_date) and not _other_states(a, b) \
            and not (a.aggregate or b.aggregate or a.plural or b.plural):
        # "our security agreement ... our teams have started to implement it" and "you
        # signed a bilateral security agreement this week": one document of one subject
        # (not a trade agreement signed, then "the Trade Agreement" in force: maybe another)
        return True
    if a.doc_type == b.doc_type and a.status == b.status == SIGNED \
            and not (a.plural or b.plural or a.aggregate or b.aggregate) \
            and not (a.title or b.title or a.parties or b.parties or a.countries or b.countries) \
            and bool(a.signed_date) != bool(b.signed_date) \
            and (a.event if a.signed_date else b.event):
        # "the signing of a joint statement by the leaders of the three states" ... "A joint
        # statement signed following today's summit": one unnamed document of the event
        return True
    if a.doc_type != b.doc_type or a.status != b.status or a.aggregate != b.aggregate:
        return False
    if a.source == "list" and b.source == "list":
        return False
    if a.count and b.count and a.count != b.count:
        return False  # "44 MoUs with foreign counterparts as well as 13 MoUs with ..."
    if a.signed_date and b.signed_date and a.signed_date != b.signed_date:
        return False
    pa, pb = set(map(_norm, a.parties)), set(map(_norm, b.parties))
    ta, tb = _norm(a.title), _norm(b.title)
    if ta and tb:
        if b.definite and b.tail_title and _subject(a.title) and not _subject(b.title) \
                and not b.plural:
            # "a Joint Declaration on deepening the strategic partnership was signed" ...
            # "the heads of state signed the Joint Declaration of the President of Ukraine and
            # the President of Azerbaijan": the one just named, by its signers
            return not _other_states(a, b)
        if not _one_name(a, b):
            return False
        if pa and pb and pa != pb and not _covers(pa, pb):
            return False  # "an MoU between the Ministry of Agrarian Policy and ... on
            # cooperation in agriculture", "an MoU on cooperation between the Ministry of
            # Energy, Naftogaz and ...": one title starts the other, but other signers
        # same subject: the same document unless the states differ
        return not _other_states(a, b)
    same_states = bool(a.countries) and set(a.countries) == set(b.countries)
    if pa and pb and pa != pb and not same_states and not _covers(pa, pb):
        return False
    if ta or tb:  # one has no title: it must point back ("the agreement") or name the same parties
        untitled, titled = (b, a) if not tb else (a, b)
        if (same_states or not untitled.countries) and untitled.joint_noun \
                and titled.joint_noun \
                and not (untitled.parties or untitled.count or a.plural or b.plural):
            # "signed a joint Declaration on Ukraine's European perspective" ... "with the
            # signing of a joint Declaration at the level of the President ...": one joint
            # document of the same states, named once by its subject
            return True
        return untitled.definite or (bool(pa) and pa == pb) or (
            bool(untitled.parties) and not titled.parties)
    return (bool(pa) and (pa == pb or _covers(pa, pb))) or b.definite


def _absorb(keep: Candidate, other: Candidate) -> Candidate:
    title = keep.title if len(keep.title) >= len(other.title) else other.title
    if keep.status != other.status and other.signed_date and not keep.signed_date:
        # one well-known document: the mention that says when it was signed decides
        keep = replace(keep, status=other.status, rule=other.rule)
    return replace(
        keep, title=title, parties=keep.parties or other.parties,
        known_parties=keep.known_parties or other.known_parties,
        known_own=keep.known_own or other.known_own,
        explicit=keep.explicit or other.explicit,
        countries=tuple(dict.fromkeys(keep.countries + other.countries)),
        signed_date=keep.signed_date or other.signed_date,
        valid_from=keep.valid_from or other.valid_from, valid_to=keep.valid_to or other.valid_to,
        confidence=max(keep.confidence, other.confidence))


def _same_set(a: Candidate, b: Candidate, windows: Windows) -> bool:
    """Two counted sets of one count and the same states, one of them of the broad kind or
    both of one kind: the same documents counted twice."""
    return counted_set(a, windows) == counted_set(b, windows) > 0 and a.status == b.status \
        and (a.doc_type == b.doc_type or BROAD_TYPE in (a.doc_type, b.doc_type)) \
        and (set(a.countries) == set(b.countries) or not (a.countries and b.countries)) \
        and not (a.signed_date and b.signed_date and a.signed_date != b.signed_date)


def _one_set(a: Candidate, b: Candidate) -> Candidate:
    """The earlier counted set `a` with the kind and title of `b` when `a`'s kind is broad."""
    keep = replace(a, doc_type=b.doc_type, title=b.title or a.title,
                   mention_start=b.mention_start, mention_end=b.mention_end) \
        if a.doc_type == BROAD_TYPE else a
    return replace(keep, copies=max(a.copies, b.copies),
                   countries=tuple(dict.fromkeys(a.countries + b.countries)),
                   signed_date=a.signed_date or b.signed_date)


def counted_set(cand: Candidate, windows: Windows = DEFAULT_WINDOWS) -> int:
    """How many documents a counted plural signed (or to be signed) at the reported event
    stands for ("seven memoranda were exchanged": 7); 0 for anything else: no count, a
    running total ("has signed 44 MoUs so far"), a past signing on a date of its own, a
    count above `windows.counted_set_max`."""
    if not (cand.plural and cand.count.isdigit()) or cand.running_total:
        return 0
    if cand.status not in (SIGNED, PLANNED) or (cand.signed_date and not cand.event):
        return 0
    count = int(cand.count)
    return count if 2 <= count <= windows.counted_set_max else 0


def _own_parties(cand: Candidate, near: Sequence[Candidate]) -> bool:
    """A set signed by parties of its own, which none of the documents named nearby has
    ("Several documents were signed between major universities and the Centre ..." beside an
    agreement between two railway companies; "the agreements of the leaders of the Normandy
    format" beside the Minsk agreements, whose states do not include France): those are not
    its members."""
    return bool(cand.parties) and all(
        s.parties and set(s.parties).isdisjoint(cand.parties)
        or not s.parties and bool(s.known_parties and cand.countries)
        and not set(cand.countries) <= set(s.known_parties)
        or not s.parties and not s.known_parties and _bodies_only(cand) for s in near)


def _bodies_only(cand: Candidate) -> bool:
    """Two parties or more, each a body (a fund, a bank, a company), none a state: "The RDIF
    and the UDIF signed cooperation agreements" after the states' documents (not "contracts
    signed by the Community": one side)."""
    return len(cand.parties) >= 2 and not any(is_state(country_code(p)) for p in cand.parties)


def merge_candidates(candidates: Sequence[Candidate],
                     windows: Windows = DEFAULT_WINDOWS) -> list[Candidate]:
    """Candidates from every source -> one candidate per document.

    - a mention inside another candidate's phrase is part of that document's title/parties;
    - a definite singular mention without title or parties ("the agreement was signed by")
      repeats an earlier document;
    - a plural or generic mention ("signed agreements", "documents were signed") gives no
      row when specific documents are named within `windows.merge_chars` characters;
    - a counted set signed at the reported event ("seven memoranda were exchanged") stands
      for as many documents as it counts, minus those named separately nearby (`copies`);
      a plural with coordinated subjects ("memoranda on A and on B") for one per subject;
    - candidates describing the same document (type, status, compatible title/parties/date)
      merge into the first one.
    """
    ordered = resolve_anaphors(candidates, windows)
    kept: list[Candidate] = []
    for cand in ordered:
        if any(o.start <= cand.mention_start and cand.mention_end <= o.end
               and (o.mention_start, o.mention_end) != (cand.mention_start, cand.mention_end)
               and not (cand.mention_start >= o.mention_end and cand.source == "list")
               for o in ordered if o is not cand and o.source != "inherit"
               and not o.aggregate):
            continue
        if any((o.mention_start, o.mention_end) == (cand.mention_start, cand.mention_end)
               for o in kept):
            continue
        kept.append(cand)
    specific = [c for c in kept if not c.aggregate]
    out: list[Candidate] = []
    for cand in kept:
        if cand.needs_country and not (cand.countries or cand.sentence_has_country or cand.event
                                       or cand.joint):
            continue  # "adopted a programme": only between parties when a state is in view
        if cand.needs_event and not cand.event:
            continue  # "the Government has approved a general plan": not a signing
        if cand.strict and not cand.countries:
            continue  # "Edu would sign a new deal": no state signs it
        if cand.status == IN_FORCE and not (cand.explicit or cand.named and not cand.weak):
            continue  # "the implementation of a programme to ...": a domestic plan
        # a specific document signed on another date is history, not one of the count
        near = [s for s in specific if s is not cand
                and cand.start - windows.merge_lookback_chars <= s.start
                <= cand.end + windows.merge_chars and s.status == cand.status
                and not (s.signed_date and cand.signed_date
                         and s.signed_date != cand.signed_date)]
        counted = counted_set(cand, windows)
        if counted:
            # "seven MoUs were signed", two of them named: five more rows (one signed on a
            # date of its own is not one of them)
            # (only documents of the counted kind: "two MoUs" are not a joint statement
            # issued at the same visit; "documents" and "agreements" count any kind; so does
            # a list, which spells the count out: "five MoUs ...: 1. MoU ... 4. Agreement")
            copies = counted - sum(not s.plural and s.signed_date in ("", cand.signed_date)
                                   and (cand.generic or s.doc_type == cand.doc_type
                                        or cand.doc_type == BROAD_TYPE or s.source == "list")
                                   for s in near)
            if copies <= 0:
                continue
            cand = replace(cand, copies=copies)
            same = next((i for i, o in enumerate(out) if _same_set(o, cand, windows)), None)
            if same is not None:
                # "nine agreements were signed ... the nine MoUs signed": one set, of the
                # more specific kind
                out[same] = _one_set(out[same], cand)
                continue
        elif cand.plural and len(cand.parts) > 1 and len(cand.partners) < 2:
            # "memoranda on A and on B": two (but "the treaties of friendship and mutual
            # assistance Russia signed with the DPR and the LPR": one per partner)
            cand = replace(cand, copies=len(cand.parts))
        if cand.aggregate:
            if near and not counted and not cand.running_total and not _own_parties(cand, near):
                continue  # (a running total is one item whatever is named nearby)
            if cand.definite and cand.plural and not counted and any(
                    o.copies > 1 and o.start < cand.start for o in out):
                continue  # "signed the agreements on behalf of": the counted set again
            if cand.generic and not cand.plural and cand.definite and not cand.title and (
                    not cand.parties or any(o.start < cand.start and cand.start - o.end
                                            < windows.named_repeat_chars for o in out)):
                # "the document" (even "The document was signed by ... of the Ministry and
                # ... at Apple Inc.") after a document just named: that one again
                continue
            if not (cand.sentence_has_country or cand.event or cand.counterparts
                    or cand.joint):
                continue  # (or "the two countries also signed a number of agreements")
        elif cand.definite and not cand.title and not cand.parties and cand.source != "list":
            # "the MoU" after a MoU; "the agreement" after any document
            if any(o.start < cand.start and (o.doc_type == cand.doc_type or cand.anaphor)
                   and (not o.known_parties or o.noun == cand.noun
                        or not o.known_own and set(cand.countries) <= set(o.known_parties))
                   for o in out):
                # (not "the accord" after the General Agreement on Tariffs and Trade; "the
                # agreement, signed last September" after "a U.S.-Japan pact on microchip
                # trade" is that pact)
                continue
        named_before = next((i for i, o in enumerate(out) if o.source == "named"
                             and cand.definite and cand.source not in ("named", "list")
                             and o.doc_type == cand.doc_type and not (o.plural or cand.plural)
                             and set(o.countries) == set(cand.countries)
                             and 0 <= cand.start - o.end < windows.named_repeat_chars), None)
        if named_before is not None:
            # "marked the anniversary of the Elysee Treaty. The treaty of friendship, signed
            # on ...": a name without a cue, then what happened to it
            out[named_before] = replace(cand, title=cand.title or out[named_before].title)
            continue
        for i, prev in enumerate(out):
            if _compatible(prev, cand):
                out[i] = _absorb(prev, cand)
                break
        else:
            out.append(cand)
    return [_named_dates_out(c, out) for c in out]


def _named_dates_out(cand: Candidate, cands: Sequence[Candidate]) -> Candidate:
    """A plural of one document per date without the dates of documents named on their own
    ("the November 9, 2020, Statement on a complete ceasefire ..." then "the November 9, 2020,
    and January 11, 2021, agreements between the three leaders": the second is one more)."""
    if len(cand.dates) < 2:
        return cand
    named = {o.signed_date for o in cands if o is not cand and not o.plural and o.signed_date
             and (o.title or o.known_parties) and (not cand.countries or set(cand.countries)
                                                   <= set(o.countries or o.known_parties))}
    dates = tuple(d for d in cand.dates if d not in named)
    if dates == cand.dates or not dates:
        return cand
    return replace(cand, dates=dates, signed_date=dates[0])
