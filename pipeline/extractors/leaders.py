"""Leaders table: people named together with a public office.

Sources, each in its own span group:
  "gazetteer" / "gazetteer_lower"  TITLES (offices, modifiers, honorifics), COUNTRIES, DEMONYMS,
                                   ORGANIZATIONS, LEADERS (known leaders; state institutions)
  "leaders_rules"                  word-order patterns of models/patterns/leaders.jsonl:
                                   LEADER (office + name), LEADER_DOMAIN (office with a written-out
                                   portfolio + name), OFFICE (office + state, no name)
  "leaders_ner"                    the model's PERSON entities, cleaned (written by this component)

The patterns see the gazetteers through one token attribute set here, `token._.ldr_role`:
TITLE / HON / BODY (titles.csv kinds: office, honorific, word ending a body's name), PLACE
(state, organization, state institution), DATE (month, weekday), else NAME / NAMEX
(capitalized, not a stop word; NAMEX inside a non-person entity), SEP ("," "and"), JOIN ("-")
or "".

`parse_mention` turns one LEADER span into (name, title, country) mentions; `merge_mentions`
clusters mentions of one person (names that contain one another, or the same surname and
alike given names) into a `Person` with the fullest name and the title and country most
mentions give; `count_mentions` counts the person's surname (or "Xi" in "Xi Jinping") outside
other people's names. A person needs an office in the text: the model's PERSON entities and
the known-leaders gazetteer only lengthen names and fill countries, never make a row alone
(one exception, below).

Country, when no mention names the state (`resolve_countries`, in this order, conservative):
  1. office without a person: "The President of Russia thanked ..." in or next to the sentence
     of the one person titled President with no country;
  2. known leaders (models/gazetteers/leaders.csv, weak evidence): the person's surname is
     listed for a state that the article itself names;
  3. home state: an official (minister, governor, press secretary ... not a head of state)
     with no country serves the state of the first head of state/government the article
     introduces without "of <state>" after the name (a readout names its own leader first and
     its guests as "Prime Minister X of Canada"); skipped when the official's sentence names
     another state and not that one, or when the known-leaders list says otherwise;
     in an article of a government publisher (models/gazetteers/publishers.csv, matched on
     the host of `doc._.url` or on `doc._.source`) the publisher's state replaces that home:
     officials (and vice presidents) with no country serve it, and so does the first head of
     state/government when no head serves it yet (`_publisher_countries`), with the same
     exceptions;
  4. remaining state: heads of state/government and royals still without a country serve
     the state the article names most often (strictly) among those no head with a country
     serves (a White House transcript names the guest's country, the speaker label
     "PRIME MINISTER TRUSS:" does not);
  5. a known leader named without any office + that office named nearby without a person
     ("Vladimir Putin had a phone call ... The President of Russia ...") makes a row; in a
     government publisher's article "the President" alone is the office of its state.
Rows whose country came from 1-4 carry "+office", "+known", "+home", "+publisher",
"+remaining" in `rule` and less confidence.

Offices (models/gazetteers/titles.csv kinds): "ambiguous" ones (Chairman, Director,
Spokesperson, Managing Director, Treasurer, ...) count only with a state or organization in
the same mention, as a company has them too; a capitalized word before an office that is not
a state ("Microsoft President", "Sri Lanka Cricket") marks a company or body and drops the
mention, except for offices only a state has (minister, governor, official: "State Duma
Speaker"); "president" written in lower case with no state is a company's ("..., president
Michael Brown said"); "generic" words ("leader", "counterpart") make a mention but never a
title; "former" is kept and lowers the confidence.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from pathlib import Path
from urllib.parse import urlsplit
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy
from spacy.attrs import ENT_TYPE, IS_STOP, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from pipeline.extractors.base import add_rows, evidence
from pipeline.gazetteers import GAZETTEER_KEYS, read_gazetteer, span_code, span_kind
from pipeline.rules import component_dir
from pipeline.normalizers.countries import NATION_LABELS, state_counts
from pipeline.normalizers.countries import STATE_LABELS as PLACE_LABELS
from pipeline.records import LeaderRow

RULES_KEY = "leaders_rules"
NER_KEY = "leaders_ner"
KNOWN_LABEL = "LEADERS"
DATE_LABEL = "DATE_WORDS"  # month and weekday names (the dates gazetteer)
INSTITUTION_KIND = "institution"  # leaders.csv rows naming a state body ("White House")
NON_TITLE_KINDS = ("honorific", "modifier", "generic", "body")
# offices only a state has (a company has a president or a chairman, not a minister)
STATE_ONLY_KINDS = ("minister", "deputy_minister", "governor", "official")
HEAD_KINDS = ("head_of_state", "head_of_government", "royal")
# "president"/"vice president" in lower case with no state: a company's in business news
LOWER_CASE_CORPORATE = ("head_of_state", "deputy_head")
FORMER = "former"
PUBLISHERS_FILE = "publishers.csv"  # in models/gazetteers: source name or URL host -> state
PUBLISHER_KIND = "government_publisher"
# offices that serve the publisher's state when the text names none (not ambassadors, royals,
# heads of organizations, nor "ambiguous" company offices)
PUBLISHER_KINDS = (*STATE_ONLY_KINDS, "deputy_head")
PUBLISHER_HEAD_KINDS = ("head_of_state", "head_of_government")
_CACHE = "communique_leaders_roles"  # doc.user_data keys, removed when the component ends
_INDEX = "communique_leaders_index"
_SENTS = "communique_leaders_sents"
_TOKEN_ROLES = "communique_leaders_token_roles"

# Grammar words of the mention parser (not vocabularies: offices, states, names are data).
_JOINERS = {"-"}
_SEPARATORS = {",", "and", "&", ";"}
_LIST_SEPARATORS = {",", "and", "&"}
_PATRONYMIC = {"bin", "ibn", "bint", "ben"}
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_SKIP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_NOT_PERSON_ENTS = _SKIP_ENTS | {"GPE", "LOC", "FAC", "ORG", "EVENT", "LAW", "PRODUCT",
                                 "WORK_OF_ART", "LANGUAGE"}

# Confidence by evidence (see `Person.confidence`).
CONF_PLACE = 0.9  # the office and its state/organization are in the mention
CONF_TITLE = 0.8  # an office, no state in the mention
CONF_DOMAIN = 0.7  # office with a portfolio; name cut by the model's PERSON entity
CONF_LINKED = 0.6  # known leader + an office named without a person


# ---------------------------------------------------------------- token attributes

def _roles(doc: Doc) -> dict[int, str]:
    """Token index -> role of the gazetteer span covering it, computed once per doc: the
    patterns run after the gazetteer rulers, and `extract_leaders` recomputes it."""
    roles = doc.user_data.get(_CACHE)
    if roles is not None:
        return roles
    roles = {}
    spans = [s for k in GAZETTEER_KEYS if k in doc.spans for s in doc.spans[k]]
    # shorter spans first: a longer span overrides ("Secretary of State" over "State")
    for span in sorted(spans, key=lambda s: (len(s), s.label_ == "TITLES")):
        role = _span_role(span)
        if role is None:
            continue
        for i in range(span.start, span.end):
            roles[i] = role
    doc.user_data[_CACHE] = roles
    return roles


def _span_role(span: Span) -> str | None:
    kind = span_kind(span)
    if span.label_ == "TITLES":
        return {"honorific": "HON", "body": "BODY"}.get(kind, "TITLE")
    if span.label_ in PLACE_LABELS or (span.label_ == KNOWN_LABEL and kind == INSTITUTION_KIND):
        return "PLACE"
    if span.label_ == DATE_LABEL and span.text[:1].isupper():
        return "DATE"  # "May", "Monday": never part of a name
    return None


def _token_roles(doc: Doc) -> list[str]:
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
    not_person = numpy.isin(arr[:, 2], [strings.add(label) for label in _NOT_PERSON_ENTS])
    cap_role = numpy.where(arr[:, 1] == 1, "", numpy.where(not_person, "NAMEX", "NAME"))
    found = numpy.where(word == "CAP", cap_role, word).tolist()
    for i in numpy.flatnonzero((word == "CAP") & (arr[:, 1] == 1)).tolist():
        if _inner_name_stop(doc, i):
            found[i] = found[i - 1]
    for i, role in _roles(doc).items():
        found[i] = role
    doc.user_data[_TOKEN_ROLES] = found
    return found


def _inner_name_stop(doc: Doc, i: int) -> bool:
    """A capitalized stop word inside a name ("Marlar [Than] Htaik", "Nguyen [Do] Minh"):
    not first in its sentence, between two capitalized words that are not stop words nor in
    a place or organization entity ("Xi [In] Moscow" in a title-case headline)."""
    if not 0 < i < len(doc) - 1 or doc[i].is_sent_start or not doc[i].is_stop:
        return False
    text = doc[i].text
    if not (text[:1].isupper() and text[1:].islower()):
        return False
    return all(t.text[:1].isupper() and t.is_alpha and not t.is_stop
               and t.ent_type_ not in _NOT_PERSON_ENTS for t in (doc[i - 1], doc[i + 1]))


def _word_class(text: str) -> str:
    if text in _LIST_SEPARATORS:
        return "SEP"
    if text[:1].isupper():
        return "CAP"
    return "JOIN" if text in _JOINERS else ""


def _role(token: Token) -> str:
    return _token_roles(token.doc)[token.i]


def register_extensions() -> None:
    # one attribute, looked up in a list: the matcher calls the getter on every token
    if not Token.has_extension("ldr_role"):
        Token.set_extension("ldr_role", getter=_role)


register_extensions()


# ---------------------------------------------------------------- records

@dataclass
class Mention:
    """One titled mention of a person: name tokens (doc indices) and what the office says."""

    start: int  # token span of the name
    end: int
    name: str  # as written, without title or honorific
    title: str = ""  # normalized office ("" for generic words like "leader")
    kind: str = ""
    country: str = ""
    rule: str = ""
    confidence: float = CONF_TITLE
    former: bool = False
    guest: bool = False  # the state follows the name: "Prime Minister Justin Trudeau of Canada"
    ctx_start: int = 0  # token span of the whole rule match
    ctx_end: int = 0
    start_char: int = 0
    end_char: int = 0

    @property
    def tokens(self) -> list[str]:
        return name_tokens(self.name)


@dataclass
class Person:
    """Mentions of one person merged: fullest name, chosen title and country, counts."""

    mentions: list[Mention] = field(default_factory=list)
    names: list[Mention] = field(default_factory=list)  # every name occurrence seen (incl. NER)
    name: str = ""
    title: str = ""
    kind: str = ""
    country: str = ""
    country_rule: str = ""
    count: int = 0
    first: Mention | None = None

    @property
    def keys(self) -> set[str]:
        return set(name_tokens(self.name))

    @property
    def surname(self) -> str:
        return surname_of(self.name)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.add_name(mention)

    def add_name(self, mention: Mention) -> None:
        self.names.append(mention)
        if _fullness(mention.name) > _fullness(self.name):
            self.name = mention.name

    def decide(self) -> None:
        """Title and country by vote over the titled mentions; the first wins ties."""
        titled = [m for m in self.mentions if m.title]
        if titled:
            counts = Counter(m.title for m in titled)
            # "Minister" votes for "Foreign Minister" when both are used of the same person
            votes = {t: sum(c for u, c in counts.items() if set(u.split()) <= set(t.split()))
                     for t in counts}
            best = max(votes.values())
            chosen = max((m for m in titled if votes[m.title] == best),
                         key=lambda m: (len(m.title.split()), -m.start))
            self.title, self.kind = chosen.title, chosen.kind
        countries = [m.country for m in self.mentions if m.country]
        if countries:
            votes = Counter(countries)
            best = max(votes.values())
            self.country = next(c for c in countries if votes[c] == best)
        full = fold(self.name)
        ordered = sorted(self.names, key=lambda m: m.start)
        self.first = next((m for m in ordered if fold(m.name) == full), ordered[0])

    @property
    def rule(self) -> str:
        titled = sorted(self.mentions, key=lambda m: m.start)
        first = self.first
        own = next((m for m in titled if first and m.start == first.start and m.rule), None)
        rule = (own or titled[0]).rule if titled else ""
        return f"{rule}+{self.country_rule}" if self.country_rule else rule

    @property
    def confidence(self) -> float:
        conf = max((m.confidence for m in self.mentions), default=CONF_LINKED)
        conf += 0.05 * min(2, len({m.start for m in self.mentions}) - 1)
        if not self.country:
            conf -= 0.15
        elif self.country_rule == "publisher":
            conf -= 0.15  # no word of the text names the state
        elif self.country_rule:
            conf -= 0.1
        if self.mentions and all(m.former for m in self.mentions):
            conf -= 0.2
        return max(0.05, min(0.99, conf))


# ---------------------------------------------------------------- name helpers

@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, diacritics removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def name_tokens(name: str) -> list[str]:
    """Folded name parts without joiners and suffixes ("Kassym-Jomart Tokayev" -> 3 parts)."""
    return list(_name_parts(name))


@lru_cache(maxsize=16384)
def _name_parts(name: str) -> tuple[str, ...]:
    parts = fold(name).replace("-", " ").replace(",", " ").split()
    return tuple(p for p in parts if p not in _NAME_SUFFIXES)


def surname_of(name: str) -> str:
    parts = name_tokens(name)
    return parts[-1] if parts else ""


def _fullness(name: str) -> tuple[int, bool, int]:
    return (len(name_tokens(name)), not name.isupper(), len(name))


def _display(name: str) -> str:
    name = " ".join(name.split())
    if name.isupper():  # "PRESIDENT BIDEN" transcripts
        return name.title()
    return name


# ---------------------------------------------------------------- parsing one rule span

def _gaz_index(doc: Doc) -> tuple[list[int], list[Span]]:
    """Gazetteer spans sorted by start (with the starts, for bisection); once per doc."""
    index = doc.user_data.get(_INDEX)
    if index is None:
        spans = sorted((s for k in GAZETTEER_KEYS if k in doc.spans for s in doc.spans[k]),
                       key=lambda s: (s.start, -len(s)))
        index = ([s.start for s in spans], spans)
        doc.user_data[_INDEX] = index
    return index


def _gaz_spans(doc: Doc, start: int, end: int, labels: tuple[str, ...]) -> list[Span]:
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


def _code_kind(span: Span) -> tuple[str, str]:
    code, kind = span_code(span), span_kind(span)
    return code, kind


def _name_runs(doc: Doc, start: int, end: int, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of name tokens in [start, end): not covered by gazetteer spans, split at
    separators/punctuation; a hyphen joins only when written without spaces."""
    runs: list[tuple[int, int]] = []
    run_start = None
    for i in range(start, end + 1):
        tok = doc[i] if i < end else None
        is_name = tok is not None and i not in covered and (
            (tok.text[:1].isupper() and not tok.is_punct
             and (not tok.is_stop or (run_start is not None and _inner_name_stop(doc, i))))
            or (run_start is not None and tok.text in _JOINERS and not doc[i - 1].whitespace_
                and not tok.whitespace_)
            or (run_start is not None and _particle(doc, i, end))  # "bin", "von der"
            or (run_start is not None and tok.is_lower and doc[i - 1].text in _JOINERS
                and not doc[i - 1].whitespace_ and i - 1 >= run_start))  # "Woong-bae"
        if is_name and run_start is None:
            run_start = i
        elif not is_name and run_start is not None:
            runs.append(_trim(doc, run_start, i))
            run_start = None
    return [r for r in runs if r[1] > r[0]]


def _name_like(tok: Token, roles: dict[int, str]) -> bool:
    return (tok.text[:1].isupper() and tok.i not in roles and not tok.is_stop
            and not tok.is_punct)


def _particle(doc: Doc, i: int, end: int) -> bool:
    """A lower-case name particle: short lower-case words followed by a capitalized part."""
    j = i
    while j < min(end, i + 3):
        tok = doc[j]
        joiner = tok.text in _JOINERS and j > i and not tok.whitespace_
        if not joiner and (tok.lower_ in _SEPARATORS or not tok.is_lower or tok.is_stop
                           or len(tok) > 4):
            return False
        j += 1
        if j < end and doc[j].text[:1].isupper():
            return True
    return False


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop trailing joiners/particles; cut at a repeated token (glued transcript headers)."""
    seen: set[str] = set()
    for i in range(start, end):
        key = fold(doc[i].text)
        if key in seen and doc[i].text not in _JOINERS:
            end = i
            break
        seen.add(key)
    while end > start and not doc[end - 1].text[:1].isupper() and not _hyphen_tail(doc, end - 1):
        end -= 1
    # the lower-case part of a hyphenated name may lie past the match: "Rha Woong-bae"
    while (end + 1 < len(doc) and doc[end].text in _JOINERS and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha):
        end += 2
    return start, end


def _hyphen_tail(doc: Doc, i: int) -> bool:
    return (i >= 2 and doc[i].is_lower and doc[i - 1].text in _JOINERS
            and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_)


def _title_of(doc: Doc, titles: list[Span], name_start: int) -> tuple[str, str, bool]:
    """(title, kind, former) from the title run nearest to the name."""
    titles = [s for s in titles if _code_kind(s)[1] not in ("honorific", "body")]
    offices = [s for s in titles if _code_kind(s)[1] != "modifier"]
    if not offices:
        return "", "", False
    nearest = min(offices, key=lambda s: (abs(s.start - name_start), s.start > name_start))
    run = [nearest]  # the run of adjacent title spans around the nearest one
    grown = True
    while grown:
        grown = False
        for span in titles:
            if span not in run and any(span.start == r.end or span.end == r.start for r in run):
                run.append(span)
                grown = True
    former = any(_code_kind(s) == (FORMER, "modifier") for s in run)
    specific = [s for s in run if _code_kind(s)[1] not in NON_TITLE_KINDS]
    if not specific:
        generic = [s for s in run if _code_kind(s)[1] == "generic"]
        return ("", "generic", former) if generic else ("", "", former)
    code, kind = _code_kind(min(specific, key=lambda s: s.start))
    return code, kind, former


def _places(doc: Doc, start: int, end: int) -> list[Span]:
    """States/organizations in the mention, except a host state after "to" (ambassadors)."""
    spans = _gaz_spans(doc, start, end, (*PLACE_LABELS, KNOWN_LABEL))
    out = []
    for span in spans:
        if span.label_ == KNOWN_LABEL and _code_kind(span)[1] != INSTITUTION_KIND:
            continue
        before = doc[span.start - 1] if span.start > start else None
        if before is not None and before.lower_ == "the" and span.start - 1 > start:
            before = doc[span.start - 2]
        if before is not None and before.lower_ == "to":
            continue
        out.append(span)
    return out


def _country_for(doc: Doc, places: list[Span], runs: list[tuple[int, int]], n: int) -> str:
    """The state of the n-th name: lists pair names and states in order; otherwise the state
    after "of" ("President of the Republic of Finland") beats one before the office."""
    if not places:
        return ""
    if len(runs) > 1 and len(places) == len(runs):
        return _code_kind(places[n])[0]

    def after_of(span: Span) -> bool:
        i = span.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        return i >= 0 and doc[i].lower_ in ("of", "for")

    of_places = [p for p in places if after_of(p)]
    chosen = of_places[0] if of_places else places[0]
    if len(runs) == 1 or chosen.start < runs[0][0]:
        return _code_kind(chosen)[0]
    return _code_kind(chosen)[0] if n == len(runs) - 1 and chosen.start >= runs[-1][1] else ""


_NOT_NAME_POS = {"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "NUM", "PART"}


def _plausible_name(doc: Doc, start: int, end: int) -> bool:
    """Reject title-case headline words caught as a name ("President Engages with ...")."""
    if not doc.has_annotation("POS"):
        return True
    return not any(doc[i].pos_ in _NOT_NAME_POS for i in range(start, end)
                   if doc[i].text not in _JOINERS and not _inner_name_stop(doc, i))


_BODY_ENTS = {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def _in_body_name(doc: Doc, titles: list[Span], start: int, end: int) -> bool:
    """A one-word "name" ends a body's name that starts after the office: "President of [Sri
    Lanka Cricket]". Only one word: the model also tags "Kazakhstan Kassym-Jomart Tokayev" ORG;
    an entity that swallows the office too is likewise the model's error, not a body."""
    ent_type = doc[start].ent_type_
    if end - start != 1 or ent_type not in _BODY_ENTS:
        return False
    ent = next((e for e in doc.ents if e.start <= start < e.end), None)
    if ent is None or ent.start == start:
        return False
    return not any(ent.start <= t.start < ent.end for t in titles)


def _trim_to_person(run: tuple[int, int], persons: Iterable[Span]) -> tuple[int, int]:
    """Cut a portfolio word off the front of a name when the model's PERSON entity starts
    later in it: "State Minister of Investment [Promotion] Dilum Amunugama"."""
    start, end = run
    for p in persons:
        if start < p.start < end and p.end == end:
            if any(_inner_name_stop(p.doc, i) for i in range(start, p.start + 1)):
                return run  # the model split the name at its stop word: "Anna [Do Berg]"
            return p.start, end
    return run


def _acronym(doc: Doc, run: tuple[int, int], titles: list[Span]) -> bool:
    """An all-caps "name" after a mixed-case office is an organization's acronym ("CBSL")."""
    name = doc[run[0]:run[1]].text
    return name.isupper() and not any(t.text.isupper() for t in titles)


def _written_lower(titles: list[Span], name_start: int) -> bool:
    """The office nearest before the name is written in lower case ("president")."""
    before = [t for t in titles if t.end <= name_start and _code_kind(t)[1] not in NON_TITLE_KINDS]
    return bool(before) and before[-1].text.islower()


def _office_of_office(doc: Doc, span: Span) -> bool:
    """The office belongs to another office's name: "Director of the Office of His Majesty
    the King Jafar Hassan" (the person is the director, not the king), "co-chair of the Youth
    Council under the President of Ukraine Oleksandr Sanchenko"."""
    roles = _roles(doc)
    i = span.start - 1
    while i >= 0 and (roles.get(i) == "HON" or doc[i].lower_ == "the"):
        i -= 1
    return (i > 0 and doc[i].lower_ in ("of", "to", "under") and roles.get(span.start) == "TITLE"
            and roles.get(i - 1) in ("BODY", "TITLE"))


def _continues_into_office(doc: Doc, end: int) -> bool:
    """The "name" is the start of a body or office: "[Tourism Promotion] Bureau", "[State]
    Ministers"."""
    return end < len(doc) and _roles(doc).get(end) in ("BODY", "TITLE")


def _qualified_by_other_body(doc: Doc, span: Span) -> bool:
    """True when the office belongs to a body that is not a state: "Microsoft President X",
    "President of Sri Lanka Cricket X" (a capitalized unknown word glued to the office)."""
    roles = _roles(doc)
    if span.start > 0 and roles.get(span.start) in ("TITLE", "HON"):
        prev = doc[span.start - 1]
        if prev.lower_ == "its":  # "its President" is an organization's
            return True
        if (prev.text[:1].isupper() and not prev.is_stop and not prev.is_punct
                and roles.get(prev.i, "BODY") == "BODY" and prev.ent_type_ not in _SKIP_ENTS):
            # a portfolio or state body before a state office is fine: "Corporate Affairs
            # Minister", "State Duma Speaker", "Amur Region Governor"
            first = next((t for t in _gaz_spans(doc, span.start, span.end, ("TITLES",))
                          if _code_kind(t)[1] not in NON_TITLE_KINDS), None)
            if first is None or _code_kind(first)[1] not in STATE_ONLY_KINDS:
                return True
    if span.end < len(doc) and roles.get(span.end - 1) == "PLACE":
        nxt = doc[span.end]
        if nxt.text in _JOINERS and not doc[span.end - 1].whitespace_:
            return True  # "chairman of the Czech-Kazakh Business Council"
        if (nxt.text[:1].isupper() and not nxt.is_stop and not nxt.is_punct
                and roles.get(nxt.i, "BODY") == "BODY" and nxt.ent_type_ not in _SKIP_ENTS):
            return True
    return False


def parse_mention(span: Span, persons_in: Iterable[Span] = ()) -> list[Mention]:
    """Mentions in one `leaders_rules` span (several for lists). `persons_in`: PERSON spans,
    used to cut the name from a written-out portfolio (LEADER_DOMAIN)."""
    doc = span.doc
    persons_in = list(persons_in)
    if _qualified_by_other_body(doc, span):
        return []
    titles = _gaz_spans(doc, span.start, span.end, ("TITLES",))
    places = _places(doc, span.start, span.end)
    if span.label_ == "LEADER_DOMAIN":
        return _parse_domain(span, titles, persons_in)
    roles = _roles(doc)
    covered = {i for i in range(span.start, span.end) if i in roles}
    runs = _name_runs(doc, span.start, span.end, covered)
    if not runs:
        return []
    if _office_of_office(doc, span):
        return []
    apposition = span.start not in roles and titles
    if apposition and span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") and (
            roles.get(span.start - 2) == "TITLE"):
        return []  # "State Ministers of [Finance], the Governor of ...": a portfolio
    if apposition:
        # "X, Senior Adviser to the President on Economic Affairs;": no name after the office
        runs = [r for r in runs if r[1] <= titles[0].start]
    elif titles:
        # "India's [Commerce] and Industry Minister X": a portfolio before the office
        runs = [r for r in runs if not (
            r[1] < titles[0].start and doc[r[1]].lower_ in ("and", "&")
            and r[1] + 1 == titles[0].start)]
    runs = [_trim_to_person(r, persons_in) for r in runs]
    runs = [r for r in runs if _plausible_name(doc, *r) and not _in_body_name(doc, titles, *r)
            and not _continues_into_office(doc, r[1]) and not _acronym(doc, r, titles)]
    out = []
    for n, (start, end) in enumerate(runs):
        title, kind, former = _title_of(doc, titles, start)
        if not title and kind != "generic":
            continue
        country = _country_for(doc, places, runs, n)
        if not country and kind in LOWER_CASE_CORPORATE and _written_lower(titles, start):
            continue  # "..., president Michael Cornelissen said": a company's, as a rule
        guest = bool(country) and all(p.start >= end for p in places)
        if kind == "ambiguous" and not country:
            continue
        if apposition and title:
            title = _office_with_portfolio(doc, titles, span.end) or title
        name = doc[start:end]
        out.append(Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                           country=country, rule=span.id_, former=former, guest=guest,
                           ctx_start=span.start, ctx_end=span.end,
                           confidence=CONF_PLACE if country else CONF_TITLE,
                           start_char=name.start_char, end_char=name.end_char))
    return out


def _office_with_portfolio(doc: Doc, titles: list[Span], end: int) -> str:
    """The office as written with its portfolio ("Senior Advisor to the President on Economic
    Affairs", "Minister of Foreign Affairs and Trade") when the match goes on past its last
    office with "on"/"for"/"and" and capitalized words (a closing "of <state>" and punctuation
    left out); "" otherwise."""
    offices = [t for t in titles if _code_kind(t)[1] != "body"]  # not "Bank" of "World Bank"
    if not offices:
        return ""
    last = offices[-1].end
    if last >= end or doc[last].lower_ not in ("on", "for", "and"):
        return ""
    roles = _roles(doc)
    place = next((i for i in range(last, end) if roles.get(i) == "PLACE"), end)
    while place > last and (doc[place - 1].is_punct
                            or doc[place - 1].lower_ in ("of", "the", "at")):
        place -= 1
    return doc[titles[0].start:place].text if place - last > 1 else ""


def _parse_domain(span: Span, titles: list[Span], persons: list[Span]) -> list[Mention]:
    """'Minister of Trade and Integration of Kazakhstan Bakhyt Sultanov': the name is the
    PERSON entity starting after the preposition; the portfolio is what lies between."""
    doc = span.doc
    office = next((t for t in titles if t.start <= span.start + 3
                   and _code_kind(t)[1] not in NON_TITLE_KINDS), None)
    if office is None:
        return []
    prep = office.end
    roles = _roles(doc)
    confidence = CONF_DOMAIN
    person = next((p for p in persons if prep <= p.start < span.end), None)
    if person is not None:
        name_start, name_end = person.start, min(person.end, span.end)
        if name_end - name_start > 2 and doc[name_start - 1].lower_ in ("and", "&"):
            name_start += 1  # "... Ecology and [Transport Sergei Ivanov]": a portfolio word
        elif doc[name_start - 1].lower_ in ("and", "&"):
            return []  # "Secretary of the Treasury, and [Jamieson Greer], ...": a list's next
    else:
        # no PERSON entity: take the last two name-like tokens (the surname is kept), when
        # what follows reads like the end of a name ("... Bakhyt Sultanov signed")
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is None or nxt.pos_ not in ("VERB", "AUX"):
            return []
        name_start = name_end = span.end
        while name_start > max(prep + 1, name_end - 2) and _name_like(doc[name_start - 1], roles):
            name_start -= 1
        if name_end - name_start < 2 or doc[name_start:name_end].text.isupper():
            return []
        confidence -= 0.1
    covered = {i for i in range(name_start, name_end) if i in roles}
    runs = _name_runs(doc, name_start, name_end, covered)
    if not runs:
        return []
    start, end = runs[-1]
    if end < len(doc) and doc[end].lower_ in ("of", "for"):
        return []  # "... Diaspora Affairs of Kenya": still the portfolio
    portfolio_end = name_start
    while portfolio_end > prep and (doc[portfolio_end - 1].is_punct
                                    or roles.get(portfolio_end - 1) == "HON"):
        portfolio_end -= 1
    # a state inside the portfolio ("Chairman of the [Sri Lanka] Tourism Promotion Bureau")
    # names a body, not the office's state; one closing the portfolio names the state
    places = [p for p in _places(doc, span.start, portfolio_end)
              if p.end == portfolio_end or p.end <= prep]
    if places and places[-1].end == portfolio_end:
        cut = places[-1].start
        while cut > prep and doc[cut - 1].lower_ in ("of", "the"):
            cut -= 1
        portfolio_end = cut
    code, kind = _code_kind(office)
    if any(t.lower_ in ("of", "for") for t in office):
        title = code  # the gazetteer already names the portfolio ("Minister of Foreign Affairs")
    else:
        while portfolio_end > prep and doc[portfolio_end - 1].lower_ in (",", "and", "&"):
            portfolio_end -= 1  # "for Nepal, Maldives, and [Sri Lanka]": the list's tail
        portfolio = doc[prep:portfolio_end].text.strip(" ,")
        if len(portfolio.split()) < 2:
            return []
        title = f"{code} {portfolio}"
    country = _code_kind(places[0])[0] if places else ""
    if kind == "ambiguous" and not country:
        return []
    name = doc[start:end]
    return [Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                    country=country, rule=span.id_, confidence=confidence,
                    ctx_start=span.start, ctx_end=span.end,
                    start_char=name.start_char, end_char=name.end_char)]


# ---------------------------------------------------------------- merging

def _compatible(a: list[str], b: list[str]) -> bool:
    """Same person? `a` within `b` (or the reverse), or same surname and first names alike."""
    if not a or not b:
        return False
    sa, sb = set(a), set(b)
    if (sa & _PATRONYMIC or sb & _PATRONYMIC) and a[0] != b[0]:
        # "Mohammed bin Salman" / "Abdullah bin Zayed": the given name tells them apart
        return False
    if sa <= sb or sb <= sa:
        return True
    return a[-1] == b[-1] and a[0][:2] == b[0][:2]


def _find(persons: list[Person], tokens: list[str]) -> Person | None:
    matches = [p for p in persons if _compatible(tokens, name_tokens(p.name))]
    if not matches:
        return None
    return max(matches, key=lambda p: (surname_of(p.name) == tokens[-1], len(p.mentions)))


def merge_mentions(mentions: Iterable[Mention], names: Iterable[Mention] = ()) -> list[Person]:
    """Cluster titled `mentions` into persons (fullest names first). Untitled `names` (the
    model's PERSON entities) join a person and may lengthen its name, but never create one;
    a name that fits several persons, or that several different longer names would extend,
    is left out."""
    persons: list[Person] = []
    for m in sorted(mentions, key=lambda m: (-len(m.tokens), m.start)):
        person = _find(persons, m.tokens)
        if person is None:
            person = Person()
            persons.append(person)
        person.add(m)
    extensions: dict[int, set[str]] = {}
    for n in names:
        matches = [p for p in persons if _compatible(n.tokens, name_tokens(p.name))]
        if len(matches) != 1:
            continue
        extensions.setdefault(id(matches[0]), set()).add(fold(n.name))
    for n in sorted(names, key=lambda n: n.start):
        person = next((p for p in persons if _compatible(n.tokens, name_tokens(p.name))), None)
        if person is None or len(extensions.get(id(person), ())) == 0:
            continue
        longer = {x for x in extensions[id(person)] if len(name_tokens(x)) > len(person.keys)}
        if len(n.tokens) > len(person.keys) and len(longer) > 1:
            continue  # "Joe Biden" and "Jill Biden" both extend "Biden": take neither
        person.add_name(n)
    for person in persons:
        person.decide()
    return persons


def count_mentions(doc: Doc, persons: list[Person]) -> None:
    """Mentions = occurrences of the person's most frequent name part (the surname, or "Xi" in
    "Xi Jinping"), outside other persons' names."""
    if not persons:
        return
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).astype("uint64")
    by_fold: dict[str, list[int]] = {}  # folded capitalized word -> its ORTH hashes
    for h in numpy.unique(orths):
        text = strings[int(h)]
        if text[:1].isupper():
            by_fold.setdefault(fold(text), []).append(int(h))

    def positions(part: str) -> list[int]:
        hashes = by_fold.get(part)
        return numpy.flatnonzero(numpy.isin(orths, hashes)).tolist() if hashes else []

    owned: dict[int, int] = {}
    for n, person in enumerate(persons):
        for m in person.names:
            for i in range(m.start, m.end):
                owned.setdefault(i, n)
    for n, person in enumerate(persons):
        parts = [p for p in name_tokens(person.name) if len(p) > 2 or not p.endswith(".")]
        if not parts:
            continue
        hits = max((positions(p) for p in reversed(parts)), key=len)
        person.count = max(1, len([i for i in hits if owned.get(i, n) == n]))


# ---------------------------------------------------------------- countries

def _offices(doc: Doc) -> list[tuple[str, str, Span]]:
    """(title, country, span) of offices named without a person ("the President of Russia")."""
    out = []
    for span in doc.spans.get(RULES_KEY, []):
        if span.label_ != "OFFICE":
            continue
        titles = _gaz_spans(doc, span.start, span.end, ("TITLES",))
        places = _places(doc, span.start, span.end)
        if not places:
            continue
        title, kind, former = _title_of(doc, titles, span.end if span.id_.endswith("place_title")
                                        else span.start)
        if former or _office_of_office(doc, span):
            continue  # "the Heraldic Council of the President of the Russian Federation"
        out.append((title, _code_kind(places[0])[0], span))
    return out


def _bare_offices(doc: Doc, persons: list[Person], state: str) -> list[tuple[str, str, Span]]:
    """(title, `state`, span) of "the President" (a head's office, capitalized, after "the",
    without a person or a state): in a government's readout, its own head."""
    taken = [(m.ctx_start, m.ctx_end) for p in persons for m in p.mentions]
    out = []
    for span in _gaz_spans(doc, 0, len(doc), ("TITLES",)):
        code, kind = _code_kind(span)
        if (kind not in PUBLISHER_HEAD_KINDS or not span.text[:1].isupper() or span.start == 0
                or doc[span.start - 1].lower_ != "the"
                or any(a <= span.start < b for a, b in taken)):
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("of", "for") or _role(nxt) in (
                "NAME", "NAMEX", "PLACE", "TITLE")):
            continue
        out.append((code, state, span))
    return out


def _known(doc: Doc) -> list[tuple[str, str, str]]:
    """(surname, country, title) of known-leaders gazetteer spans found in the text."""
    out = []
    for key in GAZETTEER_KEYS:
        for span in doc.spans.get(key, []):
            if span.label_ == KNOWN_LABEL:
                code, kind = _code_kind(span)
                if kind != INSTITUTION_KIND:
                    out.append((surname_of(span.text), code, kind))
    return out


def _near(doc: Doc, span: Span, mentions: Iterable[Mention]) -> bool:
    """`span` is in the sentence of one of `mentions` or in a sentence next to it."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return any(abs(span.start - m.start) < 60 for m in mentions)
    starts = doc.user_data.get(_SENTS)
    if starts is None:
        starts = doc.user_data[_SENTS] = [s.start for s in doc.sents]

    def sent_no(i: int) -> int:
        return bisect_left(starts, i + 1) - 1

    here = sent_no(span.start)
    return any(abs(here - sent_no(m.start)) <= 1 for m in mentions)


def _free_states(doc: Doc, person: Person, persons: list[Person]) -> set[str]:
    """States named in the sentence of the person's first titled mention, outside every
    leader mention ("... members of the U.S. Congress")."""
    first = min(person.mentions, key=lambda m: m.start)
    sent = doc[first.start].sent if doc.has_annotation("SENT_START") or doc.has_annotation(
        "DEP") else doc[:]
    taken = [(m.ctx_start, m.ctx_end) for p in persons for m in p.mentions]
    return {_code_kind(s)[0] for s in _gaz_spans(doc, sent.start, sent.end, NATION_LABELS)
            if not any(a <= s.start < b for a, b in taken)}


def _publisher_countries(doc: Doc, persons: list[Person], publisher: str,
                         known: list[tuple[str, str, str]]) -> None:
    """Officials with no country in an article of `publisher`'s government serve that state,
    and so does the first head of state/government with none when no head serves it yet;
    not when the known-leaders list gives them another state or their sentence names another
    state and not the publisher."""

    def fits(person: Person) -> bool:
        if any(s == person.surname and c != publisher for s, c, _ in known):
            return False
        free = _free_states(doc, person, persons)
        return not free or publisher in free

    for person in persons:
        if not person.country and person.kind in PUBLISHER_KINDS and fits(person):
            person.country, person.country_rule = publisher, "publisher"
    if any(p.kind in PUBLISHER_HEAD_KINDS and p.country == publisher for p in persons):
        return
    heads = sorted((p for p in persons if p.kind in PUBLISHER_HEAD_KINDS and p.names),
                   key=lambda p: min(m.start for m in p.names))
    if not heads or heads[0].country:
        return
    head = heads[0]
    # a readout opens with its own head; one first named further down is a guest addressed
    # in a speech ("Thank you, Prime Minister Kallas"). The sentences about him name the
    # states he deals with: only a state right next to a titled mention speaks against him.
    if not _opening(doc, min(m.start for m in head.names)):
        return
    if any(s == head.surname and c != publisher for s, c, _ in known):
        return
    if any(_states_next_to(doc, m) - {publisher} for m in head.mentions):
        return
    head.country, head.country_rule = publisher, "publisher"


def _opening(doc: Doc, i: int, sentences: int = 3) -> bool:
    """Token `i` is in the first `sentences` sentences of the doc (the first 80 tokens
    without sentence boundaries)."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return i < 80
    for n, sent in enumerate(doc.sents):
        if i < sent.end:
            return True
        if n + 1 >= sentences:
            return False
    return False


def _states_next_to(doc: Doc, mention: Mention, window: int = 1) -> set[str]:
    """States named right before or after a mention's rule match ("Slovenia's" in "Slovenia's
    Prime Minister Golob": the possessive is one token)."""
    start, end = max(0, mention.ctx_start - window), min(len(doc), mention.ctx_end + window)
    return {_code_kind(s)[0] for s in _gaz_spans(doc, start, end, NATION_LABELS)
            if not (mention.ctx_start <= s.start < mention.ctx_end)}


def _remaining_state(doc: Doc, persons: list[Person]) -> None:
    """Heads of state/government and royals with no country serve the state the article names
    most often, and more often than any other, among those no head with a country serves
    ("PRIME MINISTER TRUSS:" in a transcript naming the United States and, most, Britain)."""
    open_ = [p for p in persons if not p.country and p.kind in HEAD_KINDS
             and not all(m.former for m in p.mentions)]
    if not open_:
        return
    served = {p.country for p in persons if p.country and p.kind in HEAD_KINDS}
    counts = {c: n for c, n in state_counts(doc).items() if c not in served}
    ranked = sorted(counts, key=lambda c: -counts[c])
    if not ranked or (len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]):
        return
    state = ranked[0]
    for person in open_:
        person.country, person.country_rule = state, "remaining"


def resolve_countries(doc: Doc, persons: list[Person], names: list[Mention],
                      publisher: str = "") -> list[Person]:
    """Fill missing countries, conservatively (see module docstring); may add persons named
    without an office when the known-leaders gazetteer links them to an office named in the
    text. `publisher`: the state whose government published the article ("" if none or not
    known). Returns the added persons."""
    offices = [o for o in _offices(doc) if not any(
        o[2].start < m.end and m.start < o[2].end for p in persons for m in p.mentions)]
    known = _known(doc)
    named_states = {c for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])
                    if s.label_ in NATION_LABELS for c in [_code_kind(s)[0]]}
    # an office without a person ("The President of Russia thanked ...") next to the one
    # person with that title and no country, who is not known to serve another state
    for title, country, span in offices:
        if not title or any(p.title == title and p.country == country for p in persons):
            continue
        open_ = [p for p in persons if not p.country and p.title == title]
        if len(open_) != 1 or not _near(doc, span, open_[0].names):
            continue
        if any(s == open_[0].surname and c != country for s, c, _ in known):
            continue
        open_[0].country, open_[0].country_rule = country, "office"
    # weak evidence: a known leader of a state the article names
    for person in persons:
        if person.country:
            continue
        hits = {c for s, c, _ in known if s == person.surname and c in named_states}
        if len(hits) == 1:
            person.country, person.country_rule = hits.pop(), "known"
    # an official of no stated country serves the article's home state: the state of the
    # first head of state/government (readouts open with their own leader), if the text names it
    # (a head introduced as "X of <state>" is the guest of a readout, not its author)
    heads = sorted((p for p in persons if p.kind in HEAD_KINDS and p.country and not any(
        m.guest for m in p.mentions)), key=lambda p: min(m.start for m in p.names))
    home = heads[0].country if heads and heads[0].country in named_states else ""
    if publisher:
        _publisher_countries(doc, persons, publisher, known)
        home = ""  # a government's own readout: its state, not the first head's
    for person in persons:
        if home and not person.country and person.kind in STATE_ONLY_KINDS:
            if any(s == person.surname and c != home for s, c, _ in known):
                continue  # known to serve another state
            free = _free_states(doc, person, persons)
            if not free or home in free:
                person.country, person.country_rule = home, "home"
    _remaining_state(doc, persons)
    # a known leader named without an office + that office named nearby without a person
    # (or, in a government's readout, "the President" for the publisher's own head)
    bare = _bare_offices(doc, persons, publisher) if publisher else []
    bare_starts = {span.start for _, _, span in bare}
    offices += bare
    added: list[Person] = []
    for title, country, span in offices:
        if any(p.title == title and p.country == country for p in persons + added):
            continue
        cands = {s for s, c, t in known if c == country and t == title}
        hits = [n for n in names if surname_of(n.name) in cands
                and not any(_compatible(n.tokens, name_tokens(p.name)) for p in persons)]
        if not hits or not _near(doc, span, hits):
            continue
        person = Person()
        for n in hits:
            if surname_of(n.name) == surname_of(hits[0].name):
                person.add_name(n)
        person.mentions.append(Mention(start=hits[0].start, end=hits[0].end, name=hits[0].name,
                                       title=title, country=country, rule="known_leader_office",
                                       confidence=CONF_LINKED + 0.1,
                                       start_char=hits[0].start_char, end_char=hits[0].end_char))
        person.decide()
        if span.start in bare_starts:
            person.country_rule = "publisher"
        added.append(person)
    return added


# ---------------------------------------------------------------- the component

def person_names(doc: Doc) -> list[Span]:
    """The model's PERSON entities trimmed to name tokens (no title, honorific, possessive)."""
    roles = _roles(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for start, end in _name_runs(doc, ent.start, ent.end, set(roles)):
            out.append(Span(doc, start, end, label="PERSON"))
    return out


def load_publishers(path: Path) -> dict[str, str]:
    """Lower-cased source name or URL host -> ISO3 code of the government publishing there."""
    if not path.is_file():
        return {}
    return {row["text"].lower(): row["code"] for row in read_gazetteer(path)
            if row.get("kind") == PUBLISHER_KIND}


def _host_keys(host: str) -> list[str]:
    """'www.en.kremlin.ru' -> ['en.kremlin.ru', 'kremlin.ru'] (never a bare top-level domain)."""
    host = host.lower().strip(".")
    if host.startswith("www."):
        host = host[4:]
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def publisher_state(source: str, url: str, publishers: dict[str, str]) -> str:
    """The state whose government publishes the article, from the host of `url` (or a parent
    domain) or the `source` name (whole, or its leading host-like word: "whitehouse.gov
    briefing room"); "" when `publishers` lists neither."""
    keys: list[str] = []
    if url:
        keys += _host_keys(urlsplit(url if "//" in url else f"//{url}").hostname or "")
    source = (source or "").strip().lower()
    if source:
        keys.append(source)
        first = source.split()[0]
        if "." in first:
            keys += _host_keys(urlsplit(first if "//" in first else f"//{first}").hostname
                               or "")
    return next((publishers[k] for k in keys if k in publishers), "")


def extract_leaders(doc: Doc, publishers: dict[str, str] | None = None) -> list[LeaderRow]:
    """Rows for `doc` (whose span groups the rulers have filled); `publishers` maps source
    names and hosts to the state of a government publisher (see `publisher_state`)."""
    _clear_caches(doc)  # the gazetteer spans are final now
    rule_spans = [s for s in doc.spans.get(RULES_KEY, []) if s.label_ != "OFFICE"]
    ner = list(doc.spans[NER_KEY]) if NER_KEY in doc.spans else person_names(doc)
    mentions = rule_mentions(doc, rule_spans, ner)
    if not mentions and not any(s.label_ == KNOWN_LABEL for k in GAZETTEER_KEYS
                                for s in doc.spans.get(k, [])):
        return []
    # a PERSON entity the parser cut a portfolio word off ("[Transport] Sergei Ivanov") does
    # not lengthen the name again
    names = [Mention(start=s.start, end=s.end, name=s.text, start_char=s.start_char,
                     end_char=s.end_char) for s in ner
             if not any(m.end == s.end and s.start < m.start for m in mentions)]
    persons = merge_mentions(mentions, names)
    publisher = publisher_state(_ext(doc, "source"), _ext(doc, "url"), publishers or {})
    persons += resolve_countries(doc, persons, names, publisher)
    count_mentions(doc, persons)
    rows = []
    for person in sorted(persons, key=lambda p: p.first.start if p.first else 0):
        if not person.title and not person.country:
            continue  # only generic words ("the leader X"): an office is not established
        first = person.first
        rows.append(LeaderRow(name=_display(person.name), title=person.title,
                              country=person.country, mentions=person.count,
                              **evidence(doc, first.start_char, first.end_char, person.rule,
                                         person.confidence)))
    return rows


def _ext(doc: Doc, name: str) -> str:
    return (getattr(doc._, name, "") or "") if Doc.has_extension(name) else ""


def _clear_caches(doc: Doc) -> None:
    for key in (_CACHE, _INDEX, _SENTS, _TOKEN_ROLES):
        doc.user_data.pop(key, None)


def rule_mentions(doc: Doc, spans: list[Span], persons: list[Span]) -> list[Mention]:
    """Mentions from the rule matches, overlaps resolved: forward patterns (office before
    name) first, then portfolio matches (after the other forward ones: their run of
    capitalized words can swallow a list of offices), then appositions (name first); longer
    before shorter, then earlier. A match that yields no mention blocks nothing."""
    longest: dict[tuple, Span] = {}
    for span in spans:  # the matcher also returns every shorter prefix of a match
        key = (span.label_, span.id_, span.start)
        if key not in longest or len(span) > len(longest[key]):
            longest[key] = span
    for key, span in longest.items():
        if span.label_ == "LEADER_DOMAIN":
            longest[key] = _domain_to_person(span, persons)
    gazetteer = _roles(doc)

    def rank(s: Span) -> tuple:
        apposition = s.start not in gazetteer and doc[s.start].text[:1].isupper()
        return (apposition, s.label_ == "LEADER_DOMAIN", -len(s), s.start)

    found: list[Mention] = []
    taken: set[int] = set()
    for span in sorted(longest.values(), key=rank):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        mentions = parse_mention(span, persons)
        if mentions:
            found.extend(mentions)
            taken.update(range(span.start, span.end))
    return sorted(found, key=lambda m: m.start)


def _domain_to_person(span: Span, persons: list[Span]) -> Span:
    """A portfolio match ends with the first PERSON entity after its office: its run of
    capitalized words may go on into the next person's office ("... Transport Sergei Ivanov
    and Chief of the General Staff ...") and would lose the overlap with that one."""
    person = next((p for p in persons if span.start + 2 < p.start and p.end < span.end), None)
    if person is None:
        return span
    return Span(span.doc, span.start, person.end, label=span.label_, span_id=span.id_)


class LeadersExtractor:
    """Builds `doc._.rows["leaders"]` from the span groups; writes `doc.spans["leaders_ner"]`."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir
        self.publishers_path = component_dir(models_dir) / "gazetteers" / PUBLISHERS_FILE
        self.publishers = load_publishers(self.publishers_path)

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[NER_KEY] = SpanGroup(doc, name=NER_KEY, spans=person_names(doc))
        add_rows(doc, "leaders", extract_leaders(doc, self.publishers))
        _clear_caches(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the publishers gazetteer this component reads."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.publishers_path.is_file():
            (path / PUBLISHERS_FILE).write_bytes(self.publishers_path.read_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LeadersExtractor:
        self.publishers_path = Path(path) / PUBLISHERS_FILE
        self.publishers = load_publishers(self.publishers_path)
        return self


@Language.factory("communique_leaders", assigns=["doc._.rows", "doc.spans"],
                  default_config={"models_dir": ""})
def make_leaders(nlp: Language, name: str, models_dir: str) -> LeadersExtractor:
    return LeadersExtractor(nlp, name, models_dir)
