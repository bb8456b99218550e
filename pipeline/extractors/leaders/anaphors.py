"""Sources "office anaphors" and "offices as": an office without a name that stands for the
person the sentence before named ("..., Jack Straw said. The foreign secretary told MPs the
rebate ..."), or, in an article's first sentence, the person the next one names ("Scotland's
first minister has told pupils ... Jack McConnell was speaking to ..."): news style gives a
name once, then the office.

Only a definite office ("the", or a state's possessive: "Scotland's") that is the subject of
its clause, with no name of its own and no person named before it in its sentence, and only
when the other sentence names exactly one person (the model's PERSON entities of two words or
more) whom no pattern titled: the person it stands for, and nobody else it could. An office
given through "as" (`offices_as`) goes to the person named before it in its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.bodies import has_body, has_state_body, places_in
from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.mentions import CONF_LINKED, Mention
from pipeline.extractors.leaders.roles import PLACE_LABELS, TITLES_LABEL, code_kind, gaz_spans

RULE = "office_anaphor"
_SUBJECTS = ("nsubj", "nsubjpass")


def _offices(doc: Doc, persons: Iterable[Span]
             ) -> tuple[list[Span], list[tuple[Span, str, str]]]:
    """(the persons named with two words or more, (span, title, kind) of every office word of
    the doc), both empty when the doc has no parse or sentences to read them by."""
    if not doc.has_annotation("DEP") or not doc.has_annotation("SENT_START"):
        return [], []
    kinds = kinds_of(doc)
    offices = [(s, *code_kind(s)) for s in gaz_spans(doc, 0, len(doc), (TITLES_LABEL,))]
    return [p for p in persons if len(p) >= 2], [
        (s, code, kind) for s, code, kind in offices if code and kinds.is_office(kind)]


def _untaken(person: Span, taken: set[int]) -> bool:
    return not any(i in taken for i in range(person.start, person.end))


def _mention(person: Span, office: Span, title: str, kind: str, rule: str,
             country: str = "") -> Mention:
    """The mention of `person` that `office` gives, its evidence spanning both."""
    return Mention(start=person.start, end=person.end, name=person.text, title=title,
                   kind=kind, country=country, rule=rule, confidence=CONF_LINKED,
                   ctx_start=min(person.start, office.start),
                   ctx_end=max(person.end, office.end), start_char=person.start_char,
                   end_char=person.end_char)


def office_anaphors(doc: Doc, persons: Iterable[Span], taken: set[int],
                    government: bool = False) -> list[Mention]:
    """Mentions of the persons that a definite office without a name stands for; a head's
    office never does (the head of the state in view, not the person named before), nor, in
    a government's text (`government`), an office of its own officials."""
    kinds = kinds_of(doc)
    persons, offices = _offices(doc, persons)
    out: list[Mention] = []
    for office, code, kind in offices:
        if office.root.dep_ not in _SUBJECTS or kinds.has(kind, "head") \
                or government and kinds.has(kind, "publisher_official"):
            continue  # ("the President", "the Vice President" of a readout are its own)
        if office.end < len(doc) and doc[office.end].ent_type_ == "PERSON":
            continue  # "the foreign secretary Jack Straw": a name of its own
        before = doc[office.start - 1] if office.start > 0 else None
        place = ""
        if before is not None and before.tag_ == "POS" and office.start > 1:
            states = gaz_spans(doc, office.start - 2, office.start - 1, PLACE_LABELS) or \
                gaz_spans(doc, max(0, office.start - 4), office.start - 1, PLACE_LABELS)
            if not states or states[-1].end != office.start - 1:
                continue
            place = code_kind(states[-1])[0]  # "Scotland's first minister"
        elif before is None or before.lower_ != "the":
            continue
        sent = office.sent
        if any(sent.start <= p.start < office.start for p in persons):
            continue  # "X told Y that the minister ...": the office is someone else's
        other = _other_sentence(doc, sent)
        if other is None:
            continue
        named = [p for p in persons if other.start <= p.start and p.end <= other.end]
        if len(named) == 1 and _untaken(named[0], taken):
            out.append(_mention(named[0], office, code, kind, RULE, place))
    return out


def _other_sentence(doc: Doc, sent: Span) -> Span | None:
    """The sentence before `sent`; for the article's first sentence, the one after it."""
    if sent.start == 0:
        return doc[sent.end].sent if sent.end < len(doc) else None
    return doc[sent.start - 1].sent


AS_RULE = "name_as_title"
_AS_SKIP = {"the", "a", "an", "new", "its", "his", "her", "their", "acting", "interim"}


def offices_as(doc: Doc, persons: Iterable[Span], taken: set[int]) -> list[Mention]:
    """Mentions of the person named before an office given through "as" in the same sentence
    (the object of the verb it completes, else the one person named before it): "the
    swearing in of C. William Verity as Secretary of the Commerce Department", "Charles
    Clarke on his first day as home secretary". Not an office of a body that is not a
    state's ("as President of the International Fencing Federation"), one that needs a place
    and has none, or one a company has too written in lower case with no state ("returned as
    chairman")."""
    kinds = kinds_of(doc)
    persons, offices = _offices(doc, persons)
    out: list[Mention] = []
    for office, code, kind in offices:
        i = office.start - 1
        while i >= 0 and doc[i].lower_ in _AS_SKIP:
            i -= 1
        if i < 0 or doc[i].lower_ != "as":
            continue
        # the office's own words up to a clause mark: "of the International Fencing
        # Federation" (a body that is not a state's), "of the President's Media Division"
        end = next((j for j in range(office.end, office.sent.end)
                    if doc[j].is_punct and doc[j].text not in ("'s", "’s", "-")),
                   office.sent.end)
        places = places_in(doc, office.end, end)
        state_body = has_state_body(doc, office.end, end)
        if has_body(doc, office.end, end) and not (places or state_body):
            continue
        if kinds.has(kind, "needs_place") and not (places or state_body):
            continue
        if kinds.has(kind, "lower_case_corporate") and office.text.islower() and not places:
            continue
        sent = office.sent
        before = [p for p in persons if sent.start <= p.start and p.end <= i]
        # the object of the verb "as" completes ("appointed X as"), else the one person
        objects = {c.i for c in doc[i].head.children if c.dep_ in ("dobj", "nsubjpass")}
        before = [p for p in before if objects & set(range(p.start, p.end))] or before
        if len(before) == 1 and _untaken(before[0], taken):
            out.append(_mention(before[0], office, code, kind, AS_RULE))
    return out
