"""One `Candidate` from a document mention and the decision a source took about it."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.extractors.base import closing_bracket
from pipeline.extractors.documents.candidate import IN_FORCE, PLANNED, SIGNED, Candidate
from pipeline.extractors.documents.dating import first_date, other_clauses, validity
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.mentions import Mention
from pipeline.extractors.documents.parties import (
    joint_pair,
    joint_subject,
    signatories,
    state_subject,
    two_sides,
)
from pipeline.extractors.documents.phrase import Phrase, phrase
from pipeline.gazetteers import span_codes
from pipeline.normalizers.countries import is_state

DEFINITE = ("the", "this", "that", "these", "those", "its", "their")
PLURAL_PRONOUNS = ("we", "they")


def signing_date(facts: DocFacts, span: Span, sent: Span, cue: Token | None, status: str,
                 source: str, event: bool) -> tuple[str, bool]:
    """(signed_date, event): an explicit date on the signing verb, else the reported
    event's date when the signing is part of it ("following the talks", a list after
    "... signed:"); for planned documents the stated date."""
    if status not in (SIGNED, PLANNED):
        return "", event
    given_event = event
    found = ""
    if cue is not None and source != "list":
        lo, hi = cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge)
        inside = (span.start_char, span.end_char)
        # a date of the signing clause itself before one of a relative clause in it
        found = first_date(facts.dates, lo, hi, inside, other_clauses(cue, inside)) \
            or first_date(facts.dates, lo, hi, inside)
    if not found and (event or facts.cues.any_in(sent, "EVENT")):
        event = True
        if status == SIGNED:
            found = facts.event_date
    elif found and found in (facts.event_date, facts.doc._.dct):
        event = True  # "today we signed a number of documents": dated on the event's day
    if status == PLANNED:
        found = found or first_date(facts.dates, sent.start_char, sent.end_char, (0, 0))
        dct = facts.doc._.dct or ""
        if found and found < dct[:len(found)]:
            # "the market rose yesterday after ... an MoU is to be signed soon"; "will sign an
            # MoU as a follow-up to their commitment during their September 22, 2021 meeting"
            # (an event of the past: not the one the signing belongs to)
            found, event = "", given_event
    return found, event


def announced(facts: DocFacts, status: str, signed_date: str, codes: list[str]) -> bool:
    """A planned signing between named parties in an announcement ("X will visit Russia on
    June 10. ... They will sign a Declaration between Russia and X"): the event the article
    reports lies ahead of its publication, so the signing is on that event's programme."""
    dct = facts.doc._.dct or ""
    return status == PLANNED and not signed_date and bool(codes) and bool(dct) \
        and facts.event_date > dct


def is_named(facts: DocFacts, m: Mention, ph: Phrase, lo: int, hi: int) -> bool:
    """The document noun is capitalized as part of a name, in a line that is not a
    title-case headline."""
    doc = facts.doc
    words = [t for t in doc[lo + 1:hi] if t.is_alpha]
    if any(t.is_title and t.pos_ in ("VERB", "AUX", "ADP", "DET", "CCONJ") for t in words) \
            and sum(t.is_title for t in words) / len(words) > 0.5:
        return False  # a title-case headline: capitals say nothing
    caps = [t for t in doc[ph.premod[0]:m.span.start]
            if (t.is_title or t.is_upper and len(t) > 1 and t.is_alpha) and t.i != lo]
    if caps and (m.span.root.is_title or not all(facts.in_date(t) for t in caps)):
        # "the Minsk agreements", "the Trade Facilitation Roadmap", "the March 25 Joint
        # Statement" (not "the July agreement": a month is no name)
        return True
    noun = m.span.root
    k = _name_goes_on(doc, m, hi)
    return noun.is_title and noun.i != lo and k != -1 and k < hi and doc[k].is_title


def _name_goes_on(doc: Doc, m: Mention, hi: int) -> int:
    """The token where a name may go on after the document noun, past "of/on/for" and an
    article ("the Roadmap for a [Renewed] U.S.-Canada Partnership"); -1 without such a word."""
    k = m.span.end
    if k >= hi or doc[k].lower_ not in ("of", "on", "for"):
        return -1
    k += 1
    if k < hi and doc[k].lower_ in ("a", "an", "the"):
        k += 1
    return k


def name_end(doc: Doc, m: Mention, hi: int) -> int:
    """The end of a document's name that goes on after its noun ("the Roadmap for a Renewed
    U.S.-Canada Partnership"): capitalized words, hyphens and "and" after of/on/for."""
    k = _name_goes_on(doc, m, hi)
    if k == -1:
        return m.span.end
    while k < hi and (doc[k].is_title or doc[k].is_upper or doc[k].text in ("-", "–")
                      or doc[k].lower_ in ("and", "of", "the")):
        k += 1
    return k


def with_partners(facts: DocFacts, ph: Phrase, cue: Token | None = None
                  ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(other party, partners) of a plural whose "with" lists two or more states or
    organizations (each perhaps with its acronym in brackets) with nothing else between them
    ("trade agreements with Tunisia, Egypt, Lebanon and Jordan until 1992", "free trade
    agreements with India, and Singapore, and ongoing talks"; or the signing verb's "with":
    "Sri Lanka signed agreements with India, Japan and China"): one document with each
    partner. The other party is a state or organization the phrase names before "with", or
    the signing verb's subject names (or none). The list may run past the phrase, which ends
    at the first comma."""
    doc = facts.doc
    starts = {c.start: c for c in facts.countries}
    verb_with = [c.i + 1 for c in cue.children if c.lower_ == "with" and c.i + 1 < len(doc)] \
        if cue is not None else []
    for s in [s for s, _ in ph.party_segments] + verb_with:
        if s == 0 or doc[s - 1].lower_ != "with":
            continue
        codes: list[str] = []
        i = s
        while i < len(doc):
            if i in starts:
                codes += span_codes(starts[i])
                i = starts[i].end
            elif doc[i].lower_ in (",", "and", "the"):
                i += 1
            elif doc[i].text == "(" and codes and (close := closing_bracket(doc, i, i + 5)):
                i = close  # "the International Monetary Fund (IMF), the World Bank"
            else:
                break
        codes = list(dict.fromkeys(c for c in codes if c))
        if len(codes) >= 2:
            # the other party: a state or organization named before "with" ("Sri Lanka's
            # existing free trade agreements", "special EC trade agreements"), if any
            if s in verb_with:
                subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
                near = facts.codes(subject.left_edge.i, subject.right_edge.i + 1) \
                    if subject is not None else []
            else:
                near = facts.codes(max(0, ph.start - 3), s - 1)
            base = [c for c in near if c not in codes]
            if not base and any(facts.cues.word_at(i, "OWNER_POSS")
                                for i in range(max(0, ph.start - 2), ph.end)):
                # "the UAE's initiatives, including its recent Free Trade Agreements signed
                # with Israel, India, and Indonesia": the owner named before in the sentence
                sent = doc[ph.start].sent
                base = [c for c in facts.codes(sent.start, ph.start) if c not in codes][-1:]
            return tuple(base[:1]), tuple(codes)
    return (), ()


def shared_possessive(facts: DocFacts, m: Mention) -> bool:
    """The document noun's possessive makes it the speakers' own ("our agreements"; a
    SHARED_POSS word)."""
    owner = next((c for c in m.span.root.children if c.dep_ == "poss"), None)
    return owner is not None and facts.cues.word_at(owner.i, "SHARED_POSS")


def we_signed(cue: Token | None) -> bool:
    """The signing verb's subject is "we" ("We signed some MOUs"): the speakers' side and
    the partner the article is about."""
    return cue is not None and cue.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lower_ == "we" for c in cue.children)


def single_issuer(cue: Token) -> bool:
    """The subject or agent of a cue word is one body or person ("the ministry issued ...",
    "... was issued by the ministry"), not several ("the co-chairs", "Chile and Peru")."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]  # ("co", "-", "chairs")
    agents = [p for c in cue.children if c.dep_ == "agent" for p in c.children
              if p.dep_ == "pobj"]
    who = (subjects or agents)[-1:]
    return bool(who) and who[0].tag_ not in ("NNS", "NNPS") \
        and who[0].lower_ not in PLURAL_PRONOUNS \
        and not any(c.dep_ == "conj" for c in who[0].children)


def candidate(facts: DocFacts, m: Mention, lo: int, hi: int, status: str, source: str,
              rule: str, confidence: float, cue: Token | None = None, weak: bool = False,
              event: bool = False) -> Candidate:
    """Every field of the candidate row for mention `m` within tokens [lo, hi)."""
    doc = facts.doc
    ph = phrase(facts, m, lo, hi)
    span = doc[ph.start:ph.end]
    # a count makes a plural of a singular noun ("the nine memorandum of understanding")
    plural = m.plural or (not m.generic and ph.count.isdigit() and int(ph.count) >= 2)
    party_texts, codes, institutional, one_state = signatories(facts, m, ph, cue, status)
    sent = span.sent if doc.has_annotation("SENT_START") else doc[lo:hi]
    sent = doc[min(sent.start, lo):max(sent.end, hi)]
    signed_date, event = signing_date(facts, span, sent, cue, status, source, event)
    if announced(facts, status, signed_date, codes):
        signed_date, event = facts.event_date, True
    line_end = doc[hi - 1].idx + len(doc[hi - 1])
    reach = facts.config.windows.validity_chars
    valid_from, valid_to = validity(facts.text, facts.dates, span.start_char,
                                    max(min(span.end_char + reach, line_end), span.end_char))
    # "the MoU", and "today's MoU" (a possessive that is no state's: "Ghana's MoU" names one)
    before = doc[max(lo, ph.start - 2):ph.start]
    definite = any(t.lower_ in DEFINITE for t in before) or (
        len(before) == 2 and before[-1].tag_ == "POS" and before[0].ent_type_ in ("DATE", "TIME"))
    # ... or the noun's own determiner, before quoted modifiers ("the “very comprehensive”
    # joint statement")
    definite = definite or any(c.dep_ == "det" and c.lower_ in DEFINITE and c.i < ph.start
                               for c in m.span.root.children)
    explicit = bool(party_texts) or bool(facts.codes(ph.premod[0], ph.premod[1])) or any(
        facts.codes(s, e) for s, e in ph.party_segments) or (
        cue is not None and joint_subject(facts, cue))
    named = is_named(facts, m, ph, lo, hi)
    explicit = explicit or facts.cues.any_in(doc[ph.start:m.span.start], "BILATERAL")
    if m.known is not None:
        explicit = True  # a well-known document between states ("the Minsk agreements")
    if status == IN_FORCE and cue is not None and not (m.weak or plural or m.generic) \
            and state_subject(facts, cue) \
            and len(facts.codes(sent.start, sent.end)) >= 2:
        explicit = True  # "Japan failed to keep an agreement" (with the U.S., in the sentence)
    if status == IN_FORCE and cue is not None and not (m.weak or plural or m.generic) \
            and facts.cues.has(cue, "COMPLY") \
            and any(is_state(c) for c in facts.codes(sent.start, m.span.start)):
        # "retaliating against Japan for violating a semiconductor accord": a state kept or
        # broke it, so it is one between states (the others come from the article); not a
        # state named after it ("she broke a convention that British figures ...")
        explicit = True
    if status == IN_FORCE and definite and not m.weak and any(
            two_sides(facts, t.i)
            for c in m.span.root.children if c.dep_ in ("acl", "relcl") for t in c.subtree):
        explicit = True  # "the agreements reached by both sides at ...": the pair's own
    if status == IN_FORCE and cue is not None and shared_possessive(facts, m):
        explicit = True  # "some of our agreements are being implemented": the speakers' pair
    if cue is not None and cue.dep_ in ("relcl", "acl") and cue.head.i in range(
            m.span.start, m.span.end):  # "the treaty that serves as the basis of ... A and B"
        explicit = explicit or len(facts.codes(cue.left_edge.i, cue.right_edge.i + 1)) >= 2
    # "the Comprehensive Plan of Action of the ASEAN-Russia Strategic Partnership"
    named_codes = facts.codes(ph.start, max(ph.end, name_end(doc, m, hi))) \
        if named and m.known is None else []
    if len(named_codes) >= 2:
        explicit = True
        codes = codes or named_codes  # its parties are the ones its name gives
    # the states it names, and while fewer than two states and no organization, those of the
    # officials it names ("after my meeting with President Biden, a joint statement was
    # adopted"; "During Prime Minister Narendra Modi's visit to Sri Lanka, the two sides inked
    # seven MoUs"; not "which the two countries signed on the margins of the APEC meeting")
    joint = joint_pair(facts, sent) or we_signed(cue)
    if joint and not codes and m.known is None and len(facts.we) >= 2:
        codes = list(facts.we)  # "both sides" of a text that opens "We, <A> and <B>, ..."
    named_states = facts.codes(sent.start, sent.end)
    if len(named_states) < 2 and all(is_state(c) for c in named_states):
        named_states += facts.leader_codes(sent.start, sent.end, named_states)
    sentence_codes = tuple(named_states)
    running_total = plural and any(facts.cues.word_at(i, "RUNNING_TOTAL")
                                     for i in range(sent.start, sent.end))
    # "the FIU has entered into 44 MoUs with foreign counterparts": one institution's total
    counterparts = plural and any(facts.cues.word_at(i, "COUNTERPARTS")
                                    for s, e in ph.party_segments for i in range(s, e))
    running_total = running_total or counterparts
    if running_total:
        signed_date = ""  # "since 2008, ... has signed 44 MoUs": no one signing date
    # "A package of documents was approved during the visit" (not "the Government approved
    # a plan"): a signing only as part of the reported event
    needs_event = weak and cue is not None and facts.cues.has(cue, "SIGN_EVENT")
    # "a Joint Statement was adopted", "the co-chairs adopted a joint communiqué": a joint
    # noun no single issuer is said to have issued ("the ministry issued a joint statement")
    # is between the parties the article is about
    unissued = m.joint_noun and cue is not None and not single_issuer(cue)
    partner_of, partners = with_partners(facts, ph, cue) if plural else ((), ())
    title = ph.title
    # "the U.S.-Mexico [Bicentennial] Framework for Security ...", later "This Bicentennial
    # Framework": the capitalized name before the noun, states aside
    head_name = " ".join(
        t.text for t in facts.doc[ph.premod[0]:ph.premod[1]] if t.is_alpha and t.is_title
        and not any(s.start <= t.i < s.end for s in facts.countries)) if ph.tail_title else ""
    tail = m.alias_end if m.alias_end > 0 else m.span.end
    if m.known is not None and (m.named_only or not ph.tail_title or tail < m.known.end):
        title = m.known.text  # "the Minsk agreements", "General Agreement on Tariffs and Trade"
    return Candidate(
        start=span.start_char, end=span.end_char,
        mention_start=m.span.start_char, mention_end=m.span.end_char,
        doc_type=m.doc_type, status=status, source=source, rule=f"{source}:{rule}",
        confidence=confidence, title=title, parties=tuple(party_texts),
        countries=tuple(codes), signed_date=signed_date, valid_from=valid_from,
        valid_to=valid_to, plural=plural, count=ph.count, definite=definite,
        generic=m.generic, needs_country=weak and not needs_event and not unissued,
        needs_event=needs_event,
        sentence_has_country=bool(sentence_codes), event=event,
        sentence_codes=sentence_codes, anaphor=m.anaphor, joint=joint, joint_noun=m.joint_noun,
        named=named, explicit=explicit, tail_title=ph.tail_title, head_name=head_name,
        weak=m.weak, known_parties=m.known_parties, known_own=m.known_own,
        parts=() if m.known is not None else ph.parts,  # "General Agreements on Tariffs and Trade"
        running_total=running_total, institutional=institutional, one_state=one_state,
        strict=m.strict,
        counterparts=counterparts, partners=partners, partner_of=partner_of,
        noun=m.span.root.lower_, pronoun=m.span.root.pos_ == "PRON",
        party_count=3 if facts.cues.any_in(doc[ph.premod[0]:ph.end], "THREE_PARTIES") else 2,
        pairwise=plural and facts.cues.any_in(doc[ph.start:m.span.start], "PAIRWISE"))
