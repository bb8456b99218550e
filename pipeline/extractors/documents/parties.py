"""Who signed: parties as written ("between A and B", the signing verb's subject, agent and
"with" partner) and the state/organization codes they name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.extractors.documents.candidate import IN_FORCE
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.mentions import Mention
from pipeline.extractors.documents.phrase import Phrase, clean_title, text_of
from pipeline.extractors.leaders.kinds import TitleKinds, kinds_of
from pipeline.gazetteers import GAZETTEER_KEYS, span_kind
from pipeline.normalizers.countries import is_state


def person_title(kinds: TitleKinds, kind: str) -> bool:
    """A titles.csv kind that names a person (models/gazetteers/title_kinds.csv): an honorific
    or an office that needs no place ("Foreign Minister", "Mr"), not a body, modifier,
    generic word or an office a company has too ("Chairman")."""
    return kinds.role(kind) == "HON" or (kinds.is_office(kind)
                                         and not kinds.has(kind, "needs_place"))


def split_parties(doc: Doc, start: int, end: int, country_spans: list[Span]) -> list[str]:
    """Parties as written from a "between A and B" segment; distributes "Health Ministries of
    A and B" over the two states."""
    while start < end and doc[start].pos_ == "DET":
        start += 1
    if end <= start:
        return []
    inside = [s for s in country_spans if s.start >= start and s.end <= end]
    ands = [i for i in range(start, end) if doc[i].lower_ in ("and", "&")]
    # only states, commas and "and": "between Tajikistan, Kazakhstan and Uzbekistan"
    covered = {i for s in inside for i in range(s.start, s.end)}
    rest = [doc[i] for i in range(start, end) if i not in covered]
    if inside and all(t.is_punct or t.lower_ in ("and", "the", "&") for t in rest):
        return [s.text for s in inside]
    if not ands:
        return [text_of(doc, start, end)]
    ends_country = {s.end for s in inside}
    best = None
    for i in ands:
        left_has = any(s.end <= i for s in inside)
        right_has = any(s.start > i for s in inside)
        score = 0
        if i + 1 < end and doc[i + 1].pos_ == "DET":
            score += 2
        if i in ends_country or (doc[i - 1].text == ")" and any(
                e in ends_country for e in range(i - 4, i))):
            score += 2
        if left_has and right_has:
            score += 1
        if best is None or score > best[0]:
            best = (score, i)
    if best is None or (best[0] == 0 and len(ands) > 1):
        return [text_of(doc, start, end)]
    cut = best[1]
    left = text_of(doc, start, cut)
    right_start = cut + 1
    while right_start < end and doc[right_start].pos_ == "DET":
        right_start += 1
    right = text_of(doc, right_start, end)
    right_is_state = any(s.start == right_start and s.end == end for s in inside)
    match = re.match(r"^(.+?)\s+of\s+(.+)$", left)
    if right_is_state and match and any(s.end == cut for s in inside):
        head = singular(match.group(1))
        return [f"{head} of {match.group(2)}", f"{head} of {right}"]
    return [p for p in (left, right) if p]


def singular(words: str) -> str:
    """ "Health Ministries" -> "Health Ministry" (last word only)."""
    parts = words.split()
    last = parts[-1]
    if last.lower().endswith("ies") and len(last) > 4:
        last = last[:-3] + ("Y" if last.isupper() else "y")
    elif last.lower().endswith("s") and not last.lower().endswith("ss") and len(last) > 3:
        last = last[:-1]
    return " ".join([*parts[:-1], last])


def is_body(span: Span, countries: list[Span], strict: bool = False) -> bool:
    """A signatory body: not a person ("Foreign Minister Ali Sabry", "the presidents"), and
    naming a state/organization or holding a proper noun (`strict`: an organization or
    place entity; subjects and agents are mostly people)."""
    doc = span.doc
    places = {i for s in countries for i in range(s.start, s.end)}
    if any(e.label_ == "PERSON" and e.start < span.end and e.end > span.start
           and not places.intersection(range(e.start, e.end)) for e in doc.ents):
        return False
    orgs = {i for e in doc.ents if e.label_ == "ORG" for i in range(e.start, e.end)}
    kinds = kinds_of(doc)
    if any(s.label_ == "TITLES" and s.start >= span.start and s.end <= span.end
           and s.start not in orgs and person_title(kinds, span_kind(s))
           for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])):
        return False  # "the Presidents" (but "the Ministry of Trade" is an organization)
    if any(s.start >= span.start and s.end <= span.end for s in countries):
        return True
    if strict:
        return any(e.label_ in ("ORG", "GPE", "NORP", "FAC") and e.start >= span.start
                   and e.end <= span.end for e in doc.ents)
    return any(t.pos_ == "PROPN" for t in span)


def conjuncts(tok: Token) -> list[tuple[int, int]]:
    """Token ranges of a subject/object and its conjuncts, each without the others."""
    head = tok
    if tok.dep_ in ("prep", "agent"):
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            return []
        head = objs[0]
    parts = [head, *head.conjuncts]
    out = []
    subtrees = {part.i: {t.i for t in part.subtree} for part in parts}
    for part in parts:
        excluded = {i for other in parts if other.i != part.i and other.i in subtrees[part.i]
                    for i in subtrees[other.i]}
        idx = [t.i for t in part.subtree if t.i not in excluded
               and not (t.dep_ in ("cc", "punct") and t.head == part)]
        if idx:
            out.append((min(idx), max(idx) + 1))
    return out


def signatories(facts: DocFacts, m: Mention, ph: Phrase, cue: Token | None,
                status: str) -> tuple[list[str], list[str], bool, bool]:
    """(parties as written, state/organization codes, institutional, one state) from the
    phrase ("between A and B") and, for a signing verb, its subject, agent and "with" partner.
    `institutional`: two sides or more, all government bodies (GOV_BODY cues), so a document
    whose parties belong to one state is still one between parties. `one state`: two sides
    or more, each naming the same one state ("Nissan, Honda and Mitsubishi Motors signed an
    MoU": companies.csv places all three in Japan), so a domestic document."""
    doc = facts.doc
    parties: list[str] = []
    sides: list[tuple[int, int, int]] = []  # token range, parties in it
    # a state inside a well-known document's name is no party ("Indo-Sri Lanka Accord")
    premod_end = ph.premod[1] if m.known is None else min(ph.premod[1], m.known.start)
    codes = facts.codes(ph.premod[0], premod_end)
    for owner in (c for c in m.span.root.children if c.dep_ == "poss"  # "Sri Lanka's"
                  and (m.known is None or c.i < m.known.start)):
        codes += [c for c in facts.codes(owner.left_edge.i, owner.i + 1) if c not in codes]
    for s, e in ph.party_segments:
        codes += [c for c in facts.codes(s, e) if c not in codes]
        sides.append((s, e, max(1, len(split_parties(doc, s, e, facts.countries)))))
        if is_body(doc[s:e], facts.countries):
            parties += split_parties(doc, s, e, facts.countries)
    if cue is None or cue.pos_ not in ("VERB", "AUX") or status == IN_FORCE \
            or m.span.root.dep_ == "nsubj" and m.span.root.head == cue:
        return parties, codes, _institutional(facts, sides), _one_state(facts, sides)
    children = list(cue.children)
    if cue.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in children):
        children += [c for c in cue.head.children if c.dep_ == "nsubj"]  # "X aim to sign"
    for child in children:
        if not (child.dep_ in ("nsubj", "agent") or (
                child.dep_ == "prep" and child.lower_ in ("with", "between", "among"))):
            continue
        if child.left_edge.i >= ph.start and child.right_edge.i < ph.end:
            continue  # already read from the phrase
        lo, hi = child.left_edge.i, child.right_edge.i + 1
        if child.dep_ == "nsubj" and child.morph.get("Person") == ["1"]:
            # "we signed ... with Slovakia" on a government's site; "We signed the Terms of
            # Reference" in a text that opens "We, the Prime Ministers of A and B, ..."
            codes += [c for c in facts.we or [facts.home] if c and c not in codes]
        # a side named by its official alone: "signed ... with President Biden" (USA)
        codes += [c for c in facts.codes(lo, hi) or facts.leader_codes(lo, hi, codes)
                  if c not in codes]
        if child.dep_ == "nsubj" and child.tag_ == "NNS" and two_sides(facts, child.i):
            # "between Egypt and Israel, the two countries have signed a protocol with the
            # US": the pair its sentence has just named
            sent_start = child.sent.start if doc.has_annotation("SENT_START") else 0
            pair = [c for c in facts.codes(sent_start, lo) if c not in codes]
            codes += pair if len(pair) == 2 else []
        strict = child.dep_ in ("nsubj", "agent")  # mostly people: need an organization
        sides += [(a, b, 1) for a, b in conjuncts(child)
                  or [(child.left_edge.i, child.right_edge.i + 1)]]
        found = [clean_title(doc[start:end].text) for start, end in conjuncts(child)
                 if is_body(doc[start:end], facts.countries, strict)]
        found = [p for p in found if p and p not in parties]
        # the signing subject first: "Ghana signed ... with Togo" -> "Ghana; Togo"
        parties = found + parties if child.dep_ == "nsubj" else parties + found
    # "Benin" is inside "Republic of Benin"
    parties = [p for p in parties if not any(p != q and p in q for q in parties)]
    return parties, codes, _institutional(facts, sides), _one_state(facts, sides)


def _institutional(facts: DocFacts, sides: list[tuple[int, int, int]]) -> bool:
    """Every side a government body, and the first one names its state: "the Financial
    Intelligence Unit of Sri Lanka ... with the Bribery Commission"."""
    sides = sorted(set(sides))
    return sum(n for _, _, n in sides) >= 2 and bool(facts.codes(sides[0][0], sides[0][1])) \
        and all(sum(facts.cues.word_at(i, "GOV_BODY") for i in range(s, e)) >= n
                for s, e, n in sides)


def _one_state(facts: DocFacts, sides: list[tuple[int, int, int]]) -> bool:
    """Two sides or more, each naming a state, and all the same one (a side of two parties
    that names one state, "between the BIDTI and the Institute ... of Egypt", does not
    place both)."""
    sides = sorted(set(sides))
    named = [facts.codes(s, e) for s, e, _ in sides]
    states = {c for codes in named for c in codes}
    return len(sides) >= 2 and all(named) and len(states) == 1 \
        and is_state(next(iter(states)))


def joint_subject(facts: DocFacts, cue: Token) -> bool:
    """The clause's subject is several states: "Chile and Peru are implementing ...",
    "the two countries are implementing ..." (a JOINT_SUBJECT cue)."""
    for subj in (c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")):
        if len(facts.codes(subj.left_edge.i, subj.right_edge.i + 1)) >= 2:
            return True
        if subj.tag_ == "NNS" and facts.cues.word_at(subj.i, "JOINT_SUBJECT"):
            return True
    return False


def state_subject(facts: DocFacts, cue: Token) -> bool:
    """A state is the subject of the cue or of the verb it completes: "Japan failed to keep an
    agreement", "Japan has violated a pact" (a party to it), and of the verb a cue noun is the
    object of ("Russia and Brazil are working on the implementation of the agreement")."""
    verb = cue
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        verb = verb.head.head
    elif verb.pos_ == "NOUN" and verb.dep_ == "dobj":
        verb = verb.head
    for _ in range(2):
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            if facts.codes(subj.left_edge.i, subj.right_edge.i + 1):
                return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            break
        verb = verb.head
    return False


def two_sides(facts: DocFacts, i: int) -> bool:
    """Token `i` is a JOINT_SUBJECT word after "two" or "both" ("the two countries", "both
    sides")."""
    return i > 0 and facts.doc[i - 1].lower_ in ("two", "both") \
        and facts.cues.word_at(i, "JOINT_SUBJECT")


def joint_pair(facts: DocFacts, sent: Span) -> bool:
    """ "the two countries", "both sides" (JOINT_SUBJECT cues), "the two Presidents" (a
    TITLES gazetteer word), or such a plural as the subject after "the" ("The presidents
    adopted a joint statement"): a pair the article has already introduced."""
    for tok in sent:
        if tok.tag_ in ("NNS", "NNPS") and tok.i > sent.start and (
                facts.cues.word_at(tok.i, "JOINT_SUBJECT") or tok.i in facts.titles) and (
                sent.doc[tok.i - 1].lower_ in ("two", "both") or (
                    tok.dep_ in ("nsubj", "nsubjpass") and sent.doc[tok.i - 1].lower_ == "the"
                    and not any(c.dep_ == "prep" for c in tok.children))):
            return True
    return False
