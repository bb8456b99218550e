"""Token roles: what the leaders patterns see of each token (`token._.ldr_role`), and the
gazetteer spans the other modules look up.

TITLE / HON / BODY (the role of the titles.csv or portfolios.csv kind in
models/gazetteers/title_kinds.csv),
PLACE (state, organization, state institution), DATE (month, weekday), else NAME / NAMEX
(capitalized, not a stop word; NAMEX inside a non-person entity), SEP ("," "and"),
JOIN ("-") or "". Computed once per doc and cached in `doc.user_data` until the leaders
component has run (`clear_caches`).
"""

from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.attrs import ENT_TYPE, IS_STOP, ORTH
from spacy.tokens import Doc, Span, Token

from pipeline.extractors.base import inside_person
from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.gazetteers import GAZETTEER_KEYS, span_code, span_kind
from pipeline.normalizers.countries import STATE_LABELS as PLACE_LABELS

RULES_KEY = "leaders_rules"
NER_KEY = "leaders_ner"
TITLES_LABEL = "TITLES"
PORTFOLIOS_LABEL = "PORTFOLIOS"  # portfolio words and state bodies (portfolios.csv)
KNOWN_LABEL = "LEADERS"
KNOWN_LABELS = (KNOWN_LABEL, "KNOWN_PEOPLE")  # facts whose names are matched in the text
DATE_LABEL = "DATE_WORDS"  # month and weekday names (the dates gazetteer)
INSTITUTION_KIND = "institution"  # leaders.csv rows naming a state body ("White House")
_CACHE = "communique_leaders_roles"  # doc.user_data keys, removed when the component ends
_INDEX = "communique_leaders_index"
SENTS_CACHE = "communique_leaders_sents"
_TOKEN_ROLES = "communique_leaders_token_roles"
ACRONYMS_CACHE = "communique_leaders_acronyms"

# Grammar words of the mention parser (not vocabularies: offices, states, names are data).
JOINERS = {"-"}
DASHES = {"-", "–", "—"}
SEPARATORS = {",", "and", "&", ";"}
LIST_SEPARATORS = {",", "and", "&"}
SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NOT_PERSON_ENTS = SKIP_ENTS | {"GPE", "LOC", "FAC", "ORG", "EVENT", "LAW", "PRODUCT",
                               "WORK_OF_ART", "LANGUAGE"}


def gazetteer_roles(doc: Doc) -> dict[int, str]:
    """Token index -> role of the gazetteer span covering it, computed once per doc: the
    patterns run after the gazetteer rulers, and `extract_leaders` recomputes it."""
    roles = doc.user_data.get(_CACHE)
    if roles is not None:
        return roles
    roles = {}
    kinds = kinds_of(doc)
    spans = [s for k in GAZETTEER_KEYS if k in doc.spans for s in doc.spans[k]]
    # shorter spans first: a longer span overrides ("Secretary of State" over "State")
    for span in sorted(spans, key=lambda s: (len(s), s.label_ == TITLES_LABEL)):
        role = _span_role(span, kinds.role(span_kind(span)))
        if role is None or (role == "DATE" and _between_names(doc, span)):
            continue
        if role == "TITLE" and _inside_hyphenated_name(doc, span):
            continue
        for i in range(span.start, span.end):
            roles[i] = role
    doc.user_data[_CACHE] = roles
    return roles


def _inside_hyphenated_name(doc: Doc, span: Span) -> bool:
    """An office word glued by a hyphen to the rest of a name the model tags PERSON, not
    first in it ("Hossein [Amir]-Abdollahian"): part of the name, not an office."""
    end = span.end
    return (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()
            and doc[span.start].ent_type_ == doc[end + 1].ent_type_ == "PERSON"
            and doc[span.start].ent_iob_ != "B")


def _between_names(doc: Doc, span: Span) -> bool:
    """A month name between two capitalized words that are no stop words is a name word
    ("Juan Antonio [March] Pujol"), as is one inside the model's PERSON entity, not first
    in it ("Theresa [May] said")."""
    if inside_person(doc[span.start]):
        return True
    return 0 < span.start and span.end < len(doc) and all(
        t.text[:1].isupper() and t.is_alpha and not t.is_stop
        for t in (doc[span.start - 1], doc[span.end]))


def _span_role(span: Span, title_role: str) -> str | None:
    kind = span_kind(span)
    if span.label_ in (TITLES_LABEL, PORTFOLIOS_LABEL):
        return title_role
    if span.label_ in PLACE_LABELS or (span.label_ == KNOWN_LABEL and kind == INSTITUTION_KIND):
        return "PLACE"
    if span.label_ == DATE_LABEL and span.text[:1].isupper():
        return "DATE"  # "May", "Monday": never part of a name
    return None


def token_roles(doc: Doc) -> list[str]:
    """What the patterns see of each token: its gazetteer role, else NAME (capitalized, not a
    stop word), NAMEX (the same inside a non-person entity: the model tags "Kazakh President
    Kassym-Jomart Tokayev" ORG), SEP ("," "and" "&"), JOIN ("-") or "". Once per doc, on
    arrays (the matcher asks for every token)."""
    found = doc.user_data.get(_TOKEN_ROLES)
    if found is not None and len(found) == len(doc):
        return found
    if not len(doc):
        return []
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, IS_STOP, ENT_TYPE]).astype("uint64")
    uniq, inverse = numpy.unique(arr[:, 0], return_inverse=True)
    word = numpy.array([_word_class(strings[int(h)]) for h in uniq], dtype=object)[inverse]
    not_person = numpy.isin(arr[:, 2], [strings.add(label) for label in NOT_PERSON_ENTS])
    cap_role = numpy.where(arr[:, 1] == 1, "", numpy.where(not_person, "NAMEX", "NAME"))
    found = numpy.where(word == "CAP", cap_role, word).tolist()
    for i in numpy.flatnonzero((word == "CAP") & (arr[:, 1] == 1)).tolist():
        if inner_name_stop(doc, i):
            found[i] = found[i - 1]
    for i, role in gazetteer_roles(doc).items():
        found[i] = role
    for i in range(1, len(found) - 1):
        # a dash between an office and an honorific ("Ambassador – H.E. X") belongs to neither
        if doc[i].text in DASHES and found[i - 1] == "TITLE" and found[i + 1] == "HON":
            found[i] = "HON"
    for span in known_people(doc):
        # a known person's name is a name whatever entity the model puts it in
        for i in range(span.start, span.end):
            if found[i] == "NAMEX":
                found[i] = "NAME"
    for ent in doc.ents:
        if listed_name(doc, ent, found):
            found[ent.start:ent.end] = ["NAME"] * len(ent)
    for i in range(1, len(found) - 1):
        # the model's entity cuts a name ("Juan Antonio [March] Pujol" tagged DATE)
        if found[i] == "NAMEX" and found[i - 1] == "NAME" and found[i + 1] == "NAME":
            found[i] = "NAME"
    for i in range(1, len(found)):
        # ... or ends it after a particle ("[Ursula von der] Leyen": PERSON, then ORG)
        prev = doc[i - 1]
        if (found[i] == "NAMEX" and prev.ent_type_ == "PERSON" and prev.is_lower
                and prev.is_alpha and doc[i].ent_iob_ == "B"):
            found[i] = "NAME"
    doc.user_data[_TOKEN_ROLES] = found
    return found


LIST_OPENERS = {";", ":", ","}  # what comes before an item of a list of "name, office"


def listed_name(doc: Doc, ent: Span, found: list[str]) -> bool:
    """An organization entity of two to four capitalized words that opens an item of a list of
    "name, office" ("...; Alejandro Mayorkas, Secretary of Homeland Security; ..."): the model
    tags some names ORG; a list item's office right after a comma says it is a person."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 4 or ent.start == 0 or ent.end + 1 >= len(doc):
        return False
    if any(found[i] != "NAMEX" or not t.is_alpha or not t.is_title for i, t in
           zip(range(ent.start, ent.end), ent)):
        return False
    before = doc[ent.start - 1]
    opens = before.text in LIST_OPENERS or before.lower_ == "and" or before.pos_ in (
        "VERB", "ADP") and before.lower_ != "of"
    return opens and doc[ent.end].text == "," and found[ent.end + 1] == "TITLE"


def known_people(doc: Doc) -> list[Span]:
    """Gazetteer spans of known people (leaders.csv, known_people.csv), institutions not."""
    return [s for k in GAZETTEER_KEYS if k in doc.spans for s in doc.spans[k]
            if s.label_ in KNOWN_LABELS and span_kind(s) != INSTITUTION_KIND]


def inner_name_stop(doc: Doc, i: int) -> bool:
    """A capitalized stop word inside a name ("Marlar [Than] Htaik", "Nguyen [Do] Minh"):
    not first in its sentence, inside the model's PERSON entity after a capitalized word, or
    between two capitalized words that are not stop words nor in
    a place or organization entity ("Xi [In] Moscow" in a title-case headline)."""
    if not 0 < i < len(doc) - 1 or doc[i].is_sent_start or not doc[i].is_stop:
        return False
    text = doc[i].text
    if not (text[:1].isupper() and text[1:].islower()):
        return False
    if inside_person(doc[i]) and doc[i - 1].text[:1].isupper():
        return True  # the model's person goes on: "Theresa [May] said"
    return all(t.text[:1].isupper() and t.is_alpha and not t.is_stop
               and t.ent_type_ not in NOT_PERSON_ENTS for t in (doc[i - 1], doc[i + 1]))


def _word_class(text: str) -> str:
    if text in LIST_SEPARATORS:
        return "SEP"
    if text[:1].isupper():
        return "CAP"
    return "JOIN" if text in JOINERS else ""


def role_of(token: Token) -> str:
    return token_roles(token.doc)[token.i]


def register_extensions() -> None:
    # one attribute, looked up in a list: the matcher calls the getter on every token
    if not Token.has_extension("ldr_role"):
        Token.set_extension("ldr_role", getter=role_of)


register_extensions()


# ---------------------------------------------------------------- gazetteer spans

def _gaz_index(doc: Doc) -> tuple[list[int], list[Span]]:
    """Gazetteer spans sorted by start (with the starts, for bisection); once per doc."""
    index = doc.user_data.get(_INDEX)
    if index is None:
        spans = sorted((s for k in GAZETTEER_KEYS if k in doc.spans for s in doc.spans[k]
                        if not (s.label_ == TITLES_LABEL and _inside_hyphenated_name(doc, s))),
                       key=lambda s: (s.start, -len(s)))
        index = ([s.start for s in spans], spans)
        doc.user_data[_INDEX] = index
    return index


def gaz_spans(doc: Doc, start: int, end: int, labels: tuple[str, ...]) -> list[Span]:
    """Maximal gazetteer spans with `labels` inside tokens [start, end)."""
    starts, spans = _gaz_index(doc)
    found = [s for s in spans[bisect_left(starts, start):bisect_left(starts, end)]
             if s.label_ in labels and s.end <= end]
    out: list[Span] = []
    for span in found:
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def code_kind(span: Span) -> tuple[str, str]:
    return span_code(span), span_kind(span)


def clear_caches(doc: Doc) -> None:
    for key in (_CACHE, _INDEX, SENTS_CACHE, _TOKEN_ROLES, ACRONYMS_CACHE):
        doc.user_data.pop(key, None)
