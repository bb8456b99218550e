"""Source "parse": a document noun whose governor in the dependency parse (or whose participle
or relative clause) is a cue word, in running prose ("Armenia and Georgia signed an agreement
on ...", "the treaty, signed in 2009, ...", "the documents signed included a roadmap ...")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from pipeline.extractors.base import closing_bracket
from pipeline.extractors.documents.build import candidate, shared_possessive
from pipeline.extractors.documents.candidate import (
    ANTECEDENT,
    DROP,
    DROPPED,
    IN_FORCE,
    PLANNED,
    SIGNED,
    Candidate,
)
from pipeline.extractors.documents.cues import Cues
from pipeline.extractors.documents.dating import attached_dates
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.mentions import Mention
from pipeline.extractors.documents.extent import line_bounds, phrase_end
from pipeline.extractors.documents.status import (
    climb,
    decide,
    inherits,
    list_item,
    pronoun_includes,
    right_clause,
    scheduled,
)


def from_parse(facts: DocFacts, consumed: set[int]) -> list[Candidate]:
    """Candidates for the mentions outside lists (`consumed` tokens), one per decided mention;
    a mention without a cue shares the decision of a document it is listed with, and a named
    document without any cue is in force."""
    doc, cues = facts.doc, facts.cues
    conf, windows = facts.config.confidences, facts.config.windows
    out: list[Candidate] = []
    decided_in_sentence: dict[int, list[tuple[Token, tuple]]] = {}
    previous: dict[int, int] = {}  # sentence start -> start of the sentence before it
    if doc.has_annotation("SENT_START"):
        sents = list(doc.sents)
        previous = {b.start: a.start for a, b in zip(sents, sents[1:])}
    for m in facts.mentions:
        if m.span.start in consumed:
            continue
        status, rule, cue, weak = decide(m, cues)
        if not status or status == IN_FORCE or (
                status == DROP and cue is not None and cue.i < m.span.start):
            # "the Programme ..., signed during that visit": what happened to it, after it
            end = phrase_end(doc, m, len(doc), cues, facts.mention_starts, facts.date_starts,
                             windows.phrase_tokens)
            found = right_clause(doc, end, cues, windows.clause_tokens)
            if found and (status != IN_FORCE or found[0] != IN_FORCE):
                status, rule, cue, weak = found
        sent = m.span.sent if doc.has_annotation("SENT_START") else doc[:]
        line_lo, line_hi = line_bounds(doc, facts.text, m.span.start)
        lo, hi = max(sent.start, line_lo), min(sent.end, line_hi)
        decided = decided_in_sentence.setdefault(sent.start, [])
        if status == DROP and m.known is not None and not (
                _venue(m, cues) or _indefinite(m) or _object_of(m, cue)):
            # a well-known document exists whatever the clause around it plans or doubts
            # ("talks under the General Agreement on Tariffs and Trade"); not when the doubt
            # is about the document itself ("developing the Minsk agreements")
            status, rule, cue, weak = "", "", None, False
        if status == DROP:
            decided.append((climb(m.span.root), (DROP, rule, cue)))
            out.append(marker(m, DROPPED, rule))
            continue
        if m.strict and not (status in (SIGNED, PLANNED) and cue is not None
                             and cues.has(cue, "SIGN")):
            continue  # "reached a deal": only a signed deal is a document
        source, confidence = "parse", conf.parse
        if not status:
            prior = inherits(m, [d for d in decided if d[1][0] != DROP], cues) \
                or list_item(m, decided, cues)
            if not prior and pronoun_includes(m, cues):
                # "Agreements were exchanged. This included a MoU ... and an agreement ..."
                before = decided_in_sentence.get(previous.get(sent.start, -1), [])
                kept = [d[1] for d in before if d[1][0] != DROP]
                prior = kept[-1] if kept else None
            if prior:
                status, rule, cue = prior
                source, confidence = "inherit", conf.inherit
                decided.append((climb(m.span.root), prior))
            elif m.known is not None:
                # a well-known document referred to by name: in force (or signed, for one
                # that never entered into force), unless a cue ruled it out; "an IMF program
                # would ..." is any such programme, no reference to one
                if (cite := _citation(m, cues)) is not None:
                    out.append(marker(m, DROPPED, cues.rule(cite, "CITE")))
                elif (cand := _known_document(facts, m, lo, hi)) is not None:
                    # "the Minsk agreements of September 5, 2014, and February 12, 2015": one
                    # per date, as with a cue
                    if not cand.signed_date and (dated := _own_dates(facts, m)):
                        cand = _dated(cand, m, dated)
                    out.append(cand)
                continue
            elif _hypothetical(m, cues):
                out.append(marker(m, DROPPED, ""))
                continue
            elif not _venue(m, cues) and (dated := _own_dates(facts, m)):
                # "the November 9, 2020, January 11 and November 26, 2021, tripartite
                # statements", "the treaty of 1951": dated in its own noun phrase, a
                # document exists, signed then (one per date)
                cand = candidate(facts, m, lo, hi, IN_FORCE, "named", "dated_document",
                                 conf.named)
                out.append(replace(_dated(cand, m, dated), named=True, explicit=True))
                continue
            elif (not decided or m.proper) and not m.generic and (not m.weak or m.proper):
                # a named document referred to without any cue, in a clause that speaks of
                # no plan or hypothesis, exists: in force; so does one described by its states
                # and subject ("the U.S.-Japanese agreement on exports of semiconductors");
                # a proper name does even beside a decided one ("review implementation of the
                # Agreement ... through the Trade and Investment Framework Agreement")
                cand = candidate(facts, m, lo, hi, IN_FORCE, "named", "named_document",
                                 conf.named)
                if _venue(m, cues):  # not "on the margins of the ... Convention"
                    out.append(marker(m, DROPPED, ""))
                elif cand.named and (not m.weak or len(cand.countries) >= 2):
                    # (a programme or plan by its name only when the name gives two states:
                    # "the U.S.-Canada Action Plan on Opioids", not "the China-Aid Program")
                    out.append(cand)
                elif described(cand):
                    out.append(replace(cand, rule="named:described_document", explicit=True))
                elif shared(facts, m, cand):
                    out.append(replace(cand, rule="named:shared_document", joint=True,
                                       explicit=True))
                else:
                    out.append(replace(cand, source=ANTECEDENT, status="", rule=""))
                continue
            else:
                out.append(replace(candidate(facts, m, lo, hi, "", ANTECEDENT, "", 0.0),
                                   rule=""))
                continue
        else:
            decided.append((climb(m.span.root), (status, rule, cue)))
        if status == IN_FORCE:
            confidence -= conf.in_force_penalty
        elif status == PLANNED:
            confidence -= conf.planned_penalty
        cand = candidate(facts, m, lo, hi, status, source, rule, confidence, cue=cue, weak=weak)
        if status == IN_FORCE and not cand.signed_date and (dated := _own_dates(facts, m)):
            # "committed to the trilateral statements of November 9, 2020, and January 11,
            # 2021": in force, one per date
            cand = replace(_dated(cand, m, dated), explicit=True)
        elif status == SIGNED and m.plural and _signed_on(m, cue) \
                and len(dated := _own_dates(facts, m)) > 1:
            # "Joint Declarations signed on 18 March and on 3 May 2021": one per date (the
            # signing participle right after the noun; not "agreements, formalised in the
            # statements by ... of DATE, DATE": those dates are the statements')
            cand = _dated(cand, m, dated)
        if status == PLANNED and not cand.signed_date and not cand.event:
            if cue is None or not scheduled(cue, cues):
                # (a well-known document one more state may sign some day exists: "its
                # unwillingness to sign the Kyoto Protocol")
                if m.known is not None and (known := _known_document(facts, m, lo, hi)):
                    out.append(known)
                continue  # planned only with a stated time
            cand = replace(cand, event=True)  # "The signing of documents is also planned."
        out.append(cand)
    return out


def _object_of(m: Mention, cue: Token | None) -> bool:
    """The mention is what the cue word acts on: its object or passive subject."""
    t = climb(m.span.root)
    return cue is not None and t.head.i == cue.i and t.dep_ in ("dobj", "nsubjpass", "attr")


def _signed_on(m: Mention, cue: Token | None) -> bool:
    """The signing participle right after the noun, then "on" ("Declarations signed on ...",
    "agreements, signed on ...")."""
    doc = m.span.doc
    return cue is not None and cue.tag_ == "VBN" and cue.i - m.span.end in (0, 1) \
        and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "on"


def _own_dates(facts: DocFacts, m: Mention) -> list[str]:
    """The signing dates in the mention's own noun phrase (`dating.attached_dates`); none
    for a kind often domestic or a generic noun."""
    if m.weak or m.generic:
        return []
    return attached_dates(facts.doc, facts.date_by_end, facts.date_by_start, m.span)


def _dated(cand: Candidate, m: Mention, dated: list[str]) -> Candidate:
    """The candidate signed on the first of `dated`; a plural stands for one per date."""
    return replace(cand, signed_date=dated[0], dates=tuple(dated) if m.plural else ())


def marker(m: Mention, source: str, rule: str) -> Candidate:
    """A mention that is no row but stops an anaphor after it from pointing further back."""
    span = m.span
    return Candidate(span.start_char, span.end_char, span.start_char, span.end_char,
                     m.doc_type, "", source, rule, 0.0, plural=m.plural, generic=m.generic)


def described(cand: Candidate) -> bool:
    """A document referred to by the states between which it is and its subject ("the
    U.S.-Japanese agreement on exports of semiconductors"): it exists."""
    return cand.definite and len(cand.countries) >= 2 and cand.tail_title \
        and not (cand.plural or cand.generic or cand.weak)


def shared(facts: DocFacts, m: Mention, cand: Candidate) -> bool:
    """A document the speakers call their own and describe ("our free trade agreement", "our
    security treaty", "our joint statement": a SHARED_POSS possessive) exists, between the
    states its sentence names or else the article's pair. Not a plural ("our agreements"),
    nor a bare noun with a clause after it ("our agreement to hold the Cross Year": a
    consensus)."""
    return shared_possessive(facts, m) and not (m.plural or m.generic or m.weak) \
        and (len(m.span) > 1 or bool(cand.title) and not cand.tail_title)


def _venue(m: Mention, cues: Cues) -> bool:
    """The document's name is an event's ("on the margins of the ... Convention", "an
    informal General Agreement on Tariffs and Trade (GATT) meeting": an EVENT_NAME word
    right after the name, its acronym or a noun or two). A body's own agreement is no venue
    for its delegates: the organization and its agreement are one name; nor is a document
    that has parties ("the Conference of the Parties to the UN Framework Convention")."""
    doc = m.span.doc
    start = m.known.start if m.known is not None else m.span.start
    if any(cues.word_end(k, "PARTIES_TO") == start for k in range(max(0, start - 3), start)):
        return False  # it has parties, so it is in force, whatever event bears its name
    if not m.known_own and any(cues.has(a, "VENUE") for a in list(m.span.root.ancestors)[:4]):
        return True
    i = max(m.span.end, m.known.end if m.known is not None else 0, m.alias_end)
    if i < len(doc) and doc[i].text == "(":
        i = closing_bracket(doc, i, i + 6) or i
    for j in range(i, min(i + 3, len(doc))):
        if cues.word_at(j, "EVENT_NAME"):
            return True
        if doc[j].pos_ not in ("NOUN", "PROPN") or doc[j].is_punct:
            return False
    return False


def _known_document(facts: DocFacts, m: Mention, lo: int, hi: int) -> Candidate | None:
    """The well-known document `m` names, in force (or signed, for one that never entered
    into force); None when its name is an event's or a kind's ("an IMF program")."""
    if _venue(m, facts.cues) or _indefinite(m):
        return None
    return candidate(facts, m, lo, hi, m.known_status or IN_FORCE, "named", "known_document",
                     facts.config.confidences.named)


def _citation(m: Mention, cues: Cues) -> Token | None:
    """The CITE word a well-known document merely cited hangs on ("with" of "strikes ...
    consistent with the UN Charter"); None when no CITE phrase governs it."""
    t = climb(m.span.root)
    return t.head if t.dep_ == "pobj" and cues.has(t.head, "CITE") else None


def _indefinite(m: Mention) -> bool:
    """A well-known name after "a"/"an"/"another": a kind of document, not the one."""
    start = m.known.start if m.known is not None else m.span.start
    return start > 0 and m.span.doc[start - 1].lower_ in ("a", "an", "another")


def _hypothetical(m: Mention, cues: Cues) -> bool:
    """A plan, hope or negation governs the document's clause: a cue word on the way up to
    the verb the document depends on, or on that verb's auxiliaries ("could join the X
    Agreement", "discussed the prospects of the X Agreement"); a cue higher up ("discussed
    strengthening ties through the X Agreement") does not."""
    below = climb(m.span.root)
    if m.proper and below.dep_ == "pobj" and cues.has(below.head, "FRAME"):
        return False  # "should take asylum seekers under the United Nations Convention on ..."
    for tok in m.span.root.ancestors:
        if cues.has(tok, "STANCE") and m.proper:
            below = tok
            continue  # "stressed the importance of the X-Y Free Trade Agreement": it exists
        if cues.has(tok, "HYPO") or cues.has(tok, "PLAN"):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" \
                    and any(c.lower_ == "to" for c in tok.children) and cues.has(tok.head, "PLAN"):
                # "signaled their intent to move forward with a ... MOU" (a plan noun's; not a
                # verb's, "authorized to purchase wheat under the PL 480 agreement", nor a
                # need's, "the need to expand the Free Trade Agreement", which exists)
                return True
            # "The MoU will see cooperation between ...": what the document will do, not
            # whether there will be one
            subject = below.head == tok and below.dep_ == "nsubj"
            return any(c.dep_ in ("aux", "auxpass", "neg") and (
                c.dep_ == "neg" or cues.has(c, "HYPO") or cues.has(c, "PLAN") and not subject)
                for c in tok.children)
        below = tok
    return False
