"""Documents table: formal documents signed, in force or planned, one row per document.

Inputs (all written by earlier pipeline steps):
  doc.spans["gazetteer_lower"]  DOC_TYPES spans from models/gazetteers/doc_types.csv
                                (id "doc_type|kind", kind singular/plural/generic/...)
  doc.spans["documents_rules"]  cue words from models/patterns/documents.jsonl (SIGN,
                                SIGN_WEAK, AGREE, INFORCE, PLAN, HYPO, EVENT, INCLUDE, QUANT,
                                GENERIC_MOD; the file's header says what each one means)
  doc._.rows["dates"]           DateRow objects (signed date, validity period)

Two sources propose candidates, each into its own span group:
  "documents_list"   items of a bulleted/numbered list after a "... signed:" lead-in line
  "documents_parse"  a document noun whose governor in the dependency parse (or whose
                     participle / relative clause) is a cue word
`merge_candidates` (pure, tested on its own) then drops aliases, nested mentions, anaphoric
repeats, count-only mentions with named documents nearby and duplicates; `to_rows` makes the
DocumentRow objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.extractors.base import add_rows, doc_text, evidence
from pipeline.gazetteers import GAZETTEER_KEYS, span_code, span_kind
from pipeline.normalizers.countries import (
    gazetteer_spans,
    STATE_LABELS,
    is_organization,
    principal_countries,
)
from pipeline.records import DOCUMENT_STATUSES, DocumentRow

DOC_LABEL = "DOC_TYPES"
KNOWN_LABEL = "KNOWN_DOCUMENTS"  # models/gazetteers/known_documents.csv: code = parties
CUES_KEY = "documents_rules"
LIST_KEY = "documents_list"
PARSE_KEY = "documents_parse"
# doc_types.csv `kind`: singular | plural | generic | generic_plural | exclude, plus optional
# flags: "+weak" (being named or implemented is no evidence of a document between parties:
# programmes, roadmaps and contracts are often domestic) and "+anaphor" (the word also points
# back at any document named before: "the agreement was signed by ...")
PLURAL_KINDS = ("plural", "generic_plural")
GENERIC_KINDS = ("generic", "generic_plural")

# Small grammar words the phrase scanner relies on (not user vocabulary).
PARTY_MARKERS = {"between", "among", "amongst", "by"}  # "with" needs a look at what follows
TITLE_MARKERS = {"on", "about", "concerning", "regarding", "for", "to", "of", "in", "over"}
TITLE_MARKERS_IN_PARTY = {"on", "about", "concerning", "regarding", "for", "to"}
RELATIVIZERS = {"which", "that", "who", "whom", "whose", "where", "when"}
JOINT_SUBJECTS = {"country", "side", "party", "state", "nation", "government", "partner"}
TEMPORAL_PREPS = {"since", "after", "following", "upon", "with", "at", "during", "from", "by"}
TAIL_STOPS = {"during", "at", "via", "yesterday", "tomorrow", "recently", "soon", "later",
              "earlier", "last", "next", "this", "here", "there", "so", "because", "after",
              "before", "since", "until", "thereby", "thus"}
BULLET = re.compile(r"^[ \t]*(?:[-–—•*·▪●◦■►]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+")
YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)\b")
FIELD_PREFIX = re.compile(r"^(?:the\s+)?(?:fields?|spheres?|areas?|domains?)\s+of\s+", re.I)
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
# kinds of models/gazetteers/titles.csv rows that name bodies or modifiers, not people
NON_PERSON_TITLES = {"body", "modifier", "generic", "ambiguous", "institution"}

SIGNED, IN_FORCE, PLANNED = DOCUMENT_STATUSES
DROP = "drop"


@dataclass
class Candidate:
    """One proposed document row, before merging (plain data: no spaCy objects)."""

    start: int  # char offsets of the whole phrase (modifiers, noun, title, parties)
    end: int
    mention_start: int  # char offsets of the document noun itself
    mention_end: int
    doc_type: str
    status: str
    source: str  # list | parse | inherit
    rule: str
    confidence: float
    title: str = ""
    parties: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # explicit ones (fallback added in to_rows)
    signed_date: str = ""
    valid_from: str = ""
    valid_to: str = ""
    plural: bool = False
    count: str = ""  # "9" of "nine agreements"
    definite: bool = False  # "the/this/its ..."
    generic: bool = False  # "document(s)", "instrument(s)"
    needs_country: bool = False  # from a weak cue ("adopted"): a state must be in view
    sentence_has_country: bool = False
    event: bool = False  # part of the reported event ("following the talks", a list)
    named: bool = False  # a proper name ("the Trade Facilitation Roadmap", "Minsk agreements")
    weak: bool = False  # a kind often domestic (programmes, roadmaps, contracts)
    tail_title: bool = False  # the title comes from "on X"/"of X" after the noun
    explicit: bool = False  # states or parties named in the phrase itself
    sentence_codes: tuple[str, ...] = ()  # states/organizations named in the sentence
    anaphor: bool = False  # a noun used to point back at any document ("the agreement")
    joint: bool = False  # the sentence speaks of "the two countries" / "both sides"

    @property
    def aggregate(self) -> bool:
        """A count or collection of documents ("100 agreements", "documents were signed")."""
        return (self.plural or self.generic) and not self.named and not self.tail_title


# ---------------------------------------------------------------- cue lookup

@dataclass
class Cues:
    """Cue labels per token index, from the documents_rules span group."""

    labels: dict[int, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Cues:
        cues = cls()
        for span in doc.spans.get(CUES_KEY, []):
            targets = list(span)
            # "entered [into force]": the verb the phrase hangs on carries the cue too
            if len(span) > 1 and span.root.dep_ in ("prep", "prt", "advmod", "dobj", "pobj"):
                targets.append(span.root.head)
            for tok in targets:
                cues.labels.setdefault(tok.i, {}).setdefault(span.label_, span.id_)
        return cues

    def has(self, tok: Token, label: str) -> bool:
        return label in self.labels.get(tok.i, {})

    def rule(self, tok: Token, label: str) -> str:
        return self.labels.get(tok.i, {}).get(label, "")

    def any_in(self, toks: Iterable[Token], label: str) -> bool:
        return any(self.has(t, label) for t in toks)


# ---------------------------------------------------------------- mentions

@dataclass
class Mention:
    span: Span  # the document noun(s) as matched by the gazetteer
    doc_type: str
    kind: str
    alias_end: int = -1  # token index after "(MoU)" when an alias follows

    @property
    def plural(self) -> bool:
        return self.kind.split("+")[0] in PLURAL_KINDS

    @property
    def generic(self) -> bool:
        return self.kind.split("+")[0] in GENERIC_KINDS

    @property
    def weak(self) -> bool:
        return "weak" in self.kind.split("+")[1:]

    @property
    def anaphor(self) -> bool:
        return "anaphor" in self.kind.split("+")[1:]


def find_mentions(doc: Doc) -> list[Mention]:
    """Longest non-overlapping DOC_TYPES spans; "(MoU)" after a mention becomes its alias."""
    found = [s for s in doc.spans.get("gazetteer_lower", []) if s.label_ == DOC_LABEL]
    # "Collective Security Treaty Organization" names an organization, not a document
    orgs = {i for s in gazetteer_spans(doc, ("ORGANIZATIONS",)) for i in range(s.start, s.end)}
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    mentions: list[Mention] = []
    last_end = -1
    for span in found:
        if span.start < last_end or span.start in orgs:
            continue
        last_end = span.end
        code, kind = span_code(span), span_kind(span)
        prev = mentions[-1] if mentions else None
        if (prev and span.start >= 1 and doc[span.start - 1].text == "("
                and prev.span.end == span.start - 1 and span.end < len(doc)
                and doc[span.end].text == ")"):
            prev.alias_end = span.end + 1
            continue
        if (span.start >= 1 and doc[span.start - 1].text == "(" and span.end < len(doc)
                and doc[span.end].text == ")"):
            continue  # "ASTANA, May 3 (communique) -": a credit or bare aside, not a document
        mentions.append(Mention(span, code, kind))
    return [m for m in mentions if m.kind.split("+")[0] != "exclude"]


# ---------------------------------------------------------------- phrase analysis

@dataclass
class Phrase:
    start: int  # token indices of the whole phrase [start, end)
    end: int
    count: str = ""
    title: str = ""
    tail_title: bool = False
    party_segments: list[tuple[int, int]] = field(default_factory=list)
    premod: tuple[int, int] = (0, 0)


def _line_bounds(doc: Doc, text: str, tok_i: int) -> tuple[int, int]:
    """Token range of the text line holding token `tok_i` (`text` is doc.text, which spaCy
    rebuilds on every access)."""
    ch = doc[tok_i].idx
    left = text.rfind("\n", 0, ch) + 1
    right = text.find("\n", ch)
    right = len(text) if right == -1 else right
    span = doc.char_span(left, right, alignment_mode="expand")
    if span is None:
        return tok_i, tok_i + 1
    return span.start, span.end


def _is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _premodifiers(doc: Doc, m: Mention, lo: int, mention_starts: set[int]) -> int:
    """First token index of the modifiers left of the mention ("strategic partnership")."""
    i = m.span.start - 1
    first = m.span.start
    while i >= lo:
        tok = doc[i]
        if _is_break(tok) or tok.i + 1 in mention_starts and tok.i + 1 != m.span.start:
            break
        hyphenated = (i + 1 < m.span.start and doc[i + 1].tag_ == "HYPH"
                      and i - 1 >= lo and doc[i - 1].tag_ == "HYPH") or (
            i - 1 >= lo and doc[i - 1].tag_ == "HYPH" and not doc[i - 1].whitespace_)
        if hyphenated:  # "government-to-government", "technology-sharing"
            first = i
            i -= 1
            continue
        if tok.tag_ in ("DT", "PRP$", "POS", "WDT", "PDT") or tok.pos_ in ("VERB", "AUX", "ADP",
                                                                          "PRON", "SCONJ"):
            break
        if tok.pos_ == "PUNCT" and tok.tag_ != "HYPH":
            break
        if tok.pos_ == "CCONJ":
            # "cooperation and joint investment agreements": only between two modifiers
            if i - 1 < lo or doc[i - 1].pos_ not in ("ADJ", "NOUN", "PROPN"):
                break
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PUNCT", "X", "SYM"):
            break
        first = i
        i -= 1
    while first < m.span.start and (doc[first].pos_ == "CCONJ" or doc[first].tag_ == "HYPH"):
        first += 1
    return first


def _next_is_document(doc: Doc, i: int, mention_starts: set[int], limit: int = 3) -> bool:
    """A document mention starts within `limit` tokens after position i (skipping det/num/adj)."""
    for j in range(i, min(i + limit + 1, len(doc))):
        if j in mention_starts:
            return True
        if doc[j].pos_ not in ("DET", "NUM", "ADJ", "PROPN", "NOUN") and doc[j].tag_ != "HYPH":
            return False
    return False


def _comma_continues(doc: Doc, i: int, hi: int, cues: Cues) -> bool:
    """A comma inside a coordinated list of nouns/adjectives ("science, technology and ...")."""
    if i + 1 >= hi:
        return False
    nxt = doc[i + 1]
    if nxt.pos_ == "CCONJ":  # "science, technology, and innovation" / ", and then"
        return i + 2 < hi and doc[i + 2].pos_ in ("NOUN", "PROPN", "ADJ")
    if nxt.pos_ in ("DET", "PRON", "VERB", "AUX", "SCONJ", "ADP") or nxt.lower_ in RELATIVIZERS:
        return False
    if cues.has(nxt, "SIGN") or cues.has(nxt, "INFORCE"):
        return False
    for j in range(i + 1, min(i + 7, hi)):
        tok = doc[j]
        if tok.lower_ in ("and", "or"):
            return True
        if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text not in ("-", "/")):
            return False
    return False


def _phrase_end(doc: Doc, m: Mention, hi: int, cues: Cues, mention_starts: set[int],
                date_starts: set[int] = frozenset()) -> int:
    """Token index after the title/parties tail right of the mention: up to a verb, a clause
    boundary, a date or an event phrase ("today", "during the visit", "on behalf of")."""
    i = m.alias_end if m.alias_end > 0 else m.span.end
    limit = min(hi, i + 45)
    while i < limit:
        tok = doc[i]
        if _is_break(tok) or i in date_starts or tok.ent_type_ in ("DATE", "TIME") or (
                cues.has(tok, "EVENT")) or (
                tok.lower_ in TAIL_STOPS) or (tok.lower_ == "on" and i + 1 < limit
                                              and doc[i + 1].lower_ == "behalf"):
            if i > 0 and doc[i - 1].lower_ in ("on", "in", "at", "since", "from", "by"):
                i -= 1
            break
        if tok.text == "(":
            close = next((j for j in range(i + 1, min(i + 6, limit)) if doc[j].text == ")"), -1)
            if close == -1:
                break
            i = close + 1  # short parenthesis: an acronym, keep it
            continue
        if tok.text in (";", ":", ".", "!", "?", ")", "\"", "“", "”", "—", "–") and not (
                tok.text == "." and tok.i + 1 < limit and not doc[tok.i + 1].is_space
                and not doc[tok.i + 1].is_title):
            break
        if tok.text == ",":
            if not _comma_continues(doc, i, limit, cues):
                break
        elif tok.lower_ in RELATIVIZERS and tok.tag_ in ("WDT", "WP", "WP$", "WRB"):
            break
        elif tok.pos_ == "PRON" and tok.tag_ != "PRP$":
            break
        elif tok.lower_ in ("and", "or", "as", "including", "while", "whereas"):
            if tok.lower_ in ("as", "including", "while", "whereas"):
                break
            if _next_is_document(doc, i + 1, mention_starts):
                break
            if i + 1 < limit and (doc[i + 1].pos_ in ("VERB", "AUX", "PART", "ADV")
                                  or doc[i + 1].lower_ == "to"):
                break
        elif tok.pos_ in ("VERB", "AUX"):
            prev = doc[i - 1] if i > 0 else tok
            gerund = tok.tag_ == "VBG" and prev.pos_ == "ADP"
            infinitive = tok.tag_ == "VB" and prev.lower_ == "to"
            hyphenated = prev.tag_ == "HYPH" or (i + 1 < limit and doc[i + 1].tag_ == "HYPH")
            if not (gerund or infinitive or hyphenated) or cues.has(tok, "SIGN"):
                break
        i += 1
    while i > m.span.end and (doc[i - 1].is_punct and doc[i - 1].text not in (")",)
                              or doc[i - 1].lower_ in ("and", "or", "the", "a", "an")):
        i -= 1
    return i


def _segments(doc: Doc, start: int, end: int, country_ends: set[int]) -> tuple[
        list[tuple[int, int]], list[tuple[int, int]]]:
    """Split the tail [start, end) into title segments and party segments by prepositions."""
    titles: list[tuple[int, int]] = []
    parties: list[tuple[int, int]] = []
    mode = ""
    seg_start = start
    for i in range(start, end):
        tok = doc[i]
        low = tok.lower_
        new_mode = ""
        if low in PARTY_MARKERS:
            new_mode = "party"
        elif low == "with" and i + 1 < end and (
                mode == "" or doc[i + 1].is_title or doc[i + 1].tag_ == "PRP$" or (
                    doc[i + 1].lower_ == "the" and i + 2 < end and doc[i + 2].is_title)):
            new_mode = "party"
        elif mode == "" and low in TITLE_MARKERS:
            new_mode = "title"
        elif mode == "party" and low in TITLE_MARKERS_IN_PARTY:
            # "Ministry for Foreign Affairs" stays a name; "... of Sri Lanka for Implementation"
            prev_cap = i > start and doc[i - 1].is_title
            next_cap = i + 1 < end and doc[i + 1].is_title
            if not (low == "for" and prev_cap and next_cap and i not in country_ends):
                new_mode = "title"
        if mode == "skip" and low in TITLE_MARKERS:
            new_mode = "title"
        if new_mode and (new_mode != mode or i == start):
            if mode in ("title", "party") and i > seg_start:
                (titles if mode == "title" else parties).append((seg_start, i))
            # a later title piece keeps its preposition: "cooperation ... on joint implementation"
            seg_start = i if new_mode == "title" and titles else i + 1
            mode = new_mode
        elif mode == "" and i == start:
            mode = "skip"  # no preposition ("Roadmap 2019-2022"): neither title nor parties
    if mode in ("title", "party") and end > seg_start:
        (titles if mode == "title" else parties).append((seg_start, end))
    return titles, parties


def _text(doc: Doc, start: int, end: int) -> str:
    if end <= start:
        return ""
    return doc[start:end].text.strip()


def _clean_title(text: str) -> str:
    text = re.sub(r"\s*\([^()]*\)", "", text)  # "(FTA)", "(the Agreement)"
    text = re.sub(r"\s+(?:and|or|&)$", "", text.strip(" ,;:-–—"), flags=re.I)
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,;:-–—"), flags=re.I)
    text = FIELD_PREFIX.sub("", text)
    return " ".join(text.split())


def _split_parties(doc: Doc, start: int, end: int, country_spans: list[Span]) -> list[str]:
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
        return [_text(doc, start, end)]
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
        return [_text(doc, start, end)]
    cut = best[1]
    left = _text(doc, start, cut)
    right_start = cut + 1
    while right_start < end and doc[right_start].pos_ == "DET":
        right_start += 1
    right = _text(doc, right_start, end)
    right_is_state = any(s.start == right_start and s.end == end for s in inside)
    match = re.match(r"^(.+?)\s+of\s+(.+)$", left)
    if right_is_state and match and any(s.end == cut for s in inside):
        head = _singular(match.group(1))
        return [f"{head} of {match.group(2)}", f"{head} of {right}"]
    return [p for p in (left, right) if p]


def _singular(words: str) -> str:
    """ "Health Ministries" -> "Health Ministry" (last word only)."""
    parts = words.split()
    last = parts[-1]
    if last.lower().endswith("ies") and len(last) > 4:
        last = last[:-3] + ("Y" if last.isupper() else "y")
    elif last.lower().endswith("s") and not last.lower().endswith("ss") and len(last) > 3:
        last = last[:-1]
    return " ".join([*parts[:-1], last])


def _is_body(span: Span, countries: list[Span], strict: bool = False) -> bool:
    """A signatory body: not a person ("Foreign Minister Ali Sabry", "the presidents"), and
    naming a state/organization or holding a proper noun (`strict`: an organization or
    place entity; subjects and agents are mostly people)."""
    doc = span.doc
    places = {i for s in countries for i in range(s.start, s.end)}
    if any(e.label_ == "PERSON" and e.start < span.end and e.end > span.start
           and not places.intersection(range(e.start, e.end)) for e in doc.ents):
        return False
    orgs = {i for e in doc.ents if e.label_ == "ORG" for i in range(e.start, e.end)}
    if any(s.label_ == "TITLES" and s.start >= span.start and s.end <= span.end
           and s.start not in orgs and span_kind(s) not in NON_PERSON_TITLES
           for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])):
        return False  # "the Presidents" (but "the Ministry of Trade" is an organization)
    if any(s.start >= span.start and s.end <= span.end for s in countries):
        return True
    if strict:
        return any(e.label_ in ("ORG", "GPE", "NORP", "FAC") and e.start >= span.start
                   and e.end <= span.end for e in doc.ents)
    return any(t.pos_ == "PROPN" for t in span)


# ---------------------------------------------------------------- decisions

def _modality(tok: Token, cues: Cues) -> str:
    """signed | planned | drop for a signing word, from its aux/neg children and the verbs it
    depends on ("wants to sign", "expected to include the signing of")."""
    planned = False
    if tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # a bare gerund is generic or hypothetical ("concluding an agreement is a matter of",
        # "by concluding an agreement"), unless it dates a past act ("after signing")
        past = tok.dep_ == "pcomp" and tok.head.lower_ in TEMPORAL_PREPS - {"by"}
        with_agent = tok.dep_ == "acl" or any(c.dep_ == "nsubj" for c in tok.children)
        if not (past or with_agent):  # ("concern about China and the Solomons signing a pact")
            return DROP
    cur = tok
    for level in range(4):
        for child in cur.children:
            if child.dep_ == "neg" or (child.dep_ in ("aux", "auxpass", "mark", "advmod")
                                       and cues.has(child, "HYPO")):
                return DROP
            if child.dep_ in ("aux", "auxpass") and cues.has(child, "PLAN"):
                planned = True
            if (child.dep_ == "aux" and child.lower_ == "to" and level == 0
                    and (tok.dep_ in ("ROOT", "acl", "relcl") or tok.head.lemma_ == "be")):
                planned = True  # "Sri Lanka to sign MoU", "documents to be signed", "is to be"
        if level > 0:
            if cues.has(cur, "HYPO"):
                return DROP
            if cues.has(cur, "PLAN") or cues.has(cur, "AGREE"):
                planned = True
        infinitive = cur.dep_ == "acl" and any(c.lower_ == "to" for c in cur.children)
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl",
                            "acomp") and not infinitive or cur.head == cur:
            break
        if cur.dep_ == "advcl" and level > 0:
            break
        if cur.dep_ == "pobj" and cur.head.lower_ in TEMPORAL_PREPS:
            break  # "eight years since the signing of": a past signing, whatever the main verb
        cur = cur.head
    return PLANNED if planned else SIGNED


def _judge(tok: Token, cues: Cues, governs: bool) -> tuple[str, str, bool] | None:
    """(status, rule id, weak) for a cue word that governs or modifies a document; None when
    the word is no cue. `governs`: the document is its object/subject (not a modifier)."""
    labels = cues.labels.get(tok.i, {})
    if not labels:
        return None
    if "HYPO" in labels:
        return DROP, labels["HYPO"], False
    if "INFORCE" in labels:
        if any(c.dep_ == "neg" for c in tok.children):
            return DROP, labels["INFORCE"], False
        return IN_FORCE, labels["INFORCE"], False
    for label in ("SIGN", "AGREE", "SIGN_WEAK"):
        if label in labels:
            status = _modality(tok, cues)
            return status, labels[label], label == "SIGN_WEAK"
    if "PLAN" in labels and governs:
        return DROP, labels["PLAN"], False
    return None


def _climb(tok: Token) -> Token:
    """Up through coordination and apposition: "an agreement on X and a protocol on Y"."""
    for _ in range(6):
        if tok.dep_ not in ("conj", "appos") or tok.head == tok:
            break
        tok = tok.head
    return tok


def _inherits(m: Mention, decided: list[tuple[Token, tuple]], cues: Cues) -> tuple | None:
    """The decision of an earlier document this one is listed under: "the documents signed
    included a roadmap ...", "two agreements were exchanged: an agreement ... and ..."."""
    root = m.span.root
    if root.dep_ == "conj":
        # "a roadmap for energy cooperation and a programme ...", parsed as a conjunct inside
        # the first document's title
        for head, verdict in decided:
            if root.head in head.subtree and root.head != head:
                return verdict
    t = _climb(root)
    gov = t.head
    if t.dep_ not in ("dobj", "attr", "appos", "conj", "pobj") or not _includes(gov, cues):
        return None
    for head, verdict in decided:
        subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(head in s.subtree for s in subjects) or gov.head == verdict[2] or (
                verdict[2] is not None and gov in verdict[2].children):
            return verdict
    return None


def _includes(tok: Token, cues: Cues) -> bool:
    """ "include"-like verbs (INCLUDE cues) and the copula: "the documents ... were a ..."."""
    return cues.has(tok, "INCLUDE") or tok.lemma_ == "be"


def _pronoun_includes(m: Mention, cues: Cues) -> bool:
    """The document is the object of "include"/"be" whose subject is a pronoun ("This
    included ...", "These are ...")."""
    t = _climb(m.span.root)
    gov = t.head
    return t.dep_ in ("dobj", "attr") and _includes(gov, cues) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PRON", "DET") for c in gov.children)


def decide(m: Mention, cues: Cues) -> tuple[str, str, Token | None, bool]:
    """(status, rule id, cue token, weak) for a mention from the dependency parse;
    status "" when no cue decides it, DROP when a cue rules it out."""
    head = m.span.root
    seen = 0
    t = head
    while True:
        # "The Treaty and the Memorandum exchanged today": the participle after the last
        # conjunct belongs to all of them
        kids = list(t.children) + [c for conj in t.conjuncts if conj.i > t.i
                                   for c in conj.children if c.dep_ in ("acl", "relcl")]
        for child in kids:
            if child.i in range(m.span.start, m.span.end):
                continue
            if child.dep_ in ("amod", "compound", "nmod") and cues.has(child, "HYPO"):
                return DROP, cues.rule(child, "HYPO"), child, False  # "draft", "proposed"
            if child.dep_ in ("acl", "relcl", "amod"):
                verdict = _judge(child, cues, governs=False)
                if verdict and verdict[0] == DROP and child.dep_ == "relcl" and not any(
                        cues.has(child, lab) for lab in ("SIGN", "AGREE", "INFORCE")):
                    continue  # "signed a SOFA, which will allow ...": what it does, not its fate
                if verdict and verdict[0]:
                    return verdict[0], verdict[1], child, verdict[2]
        if t.dep_ in ("conj", "appos", "compound") and t.head != t and seen < 4:
            t = t.head
            seen += 1
            continue
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of" and seen < 6:
            of_head = t.head.head
            if cues.has(of_head, "QUANT"):
                t = of_head
                seen += 1
                continue
            verdict = _judge(of_head, cues, governs=True)
            if verdict:
                return verdict[0], verdict[1], of_head, verdict[2]
            return "", "", None, False
        break
    gov = t.head
    if gov == t:
        return "", "", None, False
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        verdict = _judge(t.head.head, cues, governs=True)
        if verdict and verdict[0] == DROP:
            return DROP, verdict[1], t.head.head, False
        return "", "", None, False
    if t.dep_ in ("nsubjpass", "nsubj"):
        # "MoUs are expected to be signed": the signing verb is the governor's xcomp
        inner = next((c for c in gov.children if c.dep_ == "xcomp" and (
            cues.has(c, "SIGN") or cues.has(c, "AGREE"))), None)
        if inner is not None:
            verdict = _judge(inner, cues, governs=True)
            if verdict:
                return verdict[0], verdict[1], inner, verdict[2]
    if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative", "nsubj"):
        verdict = _judge(gov, cues, governs=True)
        if verdict:
            status, rule, weak = verdict
            if t.dep_ == "nsubj" and weak:
                return "", "", None, False  # "the declaration adopted ..." is too loose
            # a document as subject of "signed"/"exchanged" is a misparsed passive ("The
            # Treaty and the MoU exchanged today reflect ...")
            return status, rule, gov, weak
    return "", "", None, False


def right_clause(doc: Doc, end: int, cues: Cues) -> tuple[str, str, Token, bool] | None:
    """(status, rule id, cue) from the words right after a document phrase ending at token
    `end`, for parses that attach them elsewhere: a past participle ("the Treaty of A, B and
    C signed on ...", "the Programme for 2021-2031, signed during ...") or a relative clause
    ("..., which the two countries signed in March"); a quoted title in between is skipped.
    The last item says the cue is weak ("adopted"). Modal or hypothetical words: None."""
    i, limit = end, min(len(doc), end + 8)
    if i < len(doc) and doc[i].text in ('"', "“", "«"):
        close = next((j for j in range(i + 1, min(len(doc), i + 25))
                      if doc[j].text in ('"', "”", "»")), -1)
        if close != -1:
            i, limit = close + 1, min(len(doc), close + 9)
    while i < limit and (doc[i].text == "," or doc[i].ent_type_ == "DATE"
                         or doc[i].lower_ == "for" or doc[i].tag_ == "HYPH"):
        i += 1
    if i >= limit:
        return None
    relative = doc[i].lower_ in ("which", "that")
    if not relative:
        tok = doc[i]
        if tok.tag_ in ("VBN", "VBD"):
            for label in ("SIGN", "SIGN_WEAK"):
                if cues.has(tok, label):
                    return SIGNED, cues.rule(tok, label), tok, label == "SIGN_WEAK"
        return None
    for tok in doc[i + 1:min(len(doc), i + 9)]:
        if tok.is_punct or tok.dep_ == "neg" or cues.has(tok, "HYPO") or cues.has(tok, "PLAN"):
            return None
        if cues.has(tok, "SIGN") and tok.tag_ in ("VBD", "VBN"):
            return SIGNED, cues.rule(tok, "SIGN"), tok, False
        if cues.has(tok, "INFORCE"):
            return IN_FORCE, cues.rule(tok, "INFORCE"), tok, False
    return None


# ---------------------------------------------------------------- dates

def _date_rows(doc: Doc) -> list:
    return sorted((doc._.rows or {}).get("dates", []), key=lambda r: r.start)


def _event_date(doc: Doc, text: str, dates: list) -> str:
    """The date of the reported event: the first full date of the first paragraph, else the
    article's publication date."""
    para_end = text.find("\n\n", len(text) - len(text.lstrip()))
    limit = max(para_end if para_end != -1 else len(text), 0)
    limit = min(limit, 600) if para_end == -1 else limit
    for row in dates:
        if row.start >= limit:
            break
        if getattr(row, "granularity", "") == "day" and re.match(r"^\d{4}-\d\d-\d\d$", row.value):
            return row.value
    return doc._.dct or ""


def _validity(text: str, dates: list, start_char: int, end_char: int) -> tuple[str, str]:
    """(valid_from, valid_to) of the first period in chars [start_char, end_char)."""
    for row in dates:
        if start_char <= row.start < end_char and "/" in row.value:
            lo, _, hi = row.value.partition("/")
            return lo, hi
    match = YEAR_RANGE.search(text, start_char, end_char)
    return (match.group(1), match.group(2)) if match else ("", "")


def _signed_date(dates: list, lo: int, hi: int, skip: tuple[int, int]) -> str:
    """First dated (non-range) expression in chars [lo, hi) outside the phrase `skip`."""
    for row in dates:
        if lo <= row.start < hi and not (skip[0] <= row.start < skip[1]) and "/" not in row.value:
            return row.value
    return ""


# ---------------------------------------------------------------- candidates

class _Builder:
    """Per-doc helper turning mentions into candidates."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.cues = Cues.of(doc)
        self.mentions = find_mentions(doc)
        self.mention_starts = {m.span.start for m in self.mentions}
        # "the South China Sea": a state's name inside a longer place name is no party
        places = [e for e in doc.ents if e.label_ in ("LOC", "FAC")]
        self.countries = [s for s in gazetteer_spans(doc, STATE_LABELS) if not any(
            e.start <= s.start and s.end <= e.end and len(e) > len(s) for e in places)]
        self.country_ends = {s.end for s in self.countries}
        self.known = known_documents(doc)
        self.titles = {i for key in GAZETTEER_KEYS
                       for s in doc.spans.get(key, []) if s.label_ == "TITLES"
                       for i in range(s.start, s.end)}
        self.dates = _date_rows(doc)
        self.date_starts = set()
        for row in self.dates:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            if span is not None and "/" not in row.value:
                self.date_starts.add(span.start)
        self.text = doc_text(doc)
        self.event_date = _event_date(doc, self.text, self.dates)

    def codes(self, start: int, end: int) -> list[str]:
        out = []
        for s in self.countries:
            if s.start >= start and s.end <= end:
                code = span_code(s)
                if code and code not in out:
                    out.append(code)
        return out

    def phrase(self, m: Mention, lo: int, hi: int) -> Phrase:
        doc = self.doc
        first = _premodifiers(doc, m, lo, self.mention_starts)
        end = _phrase_end(doc, m, hi, self.cues, self.mention_starts, self.date_starts)
        tail_start = m.alias_end if m.alias_end > 0 else m.span.end
        if tail_start < end and doc[tail_start].text == "(":  # "Free Trade Agreement (FTA)"
            close = next((j for j in range(tail_start + 1, min(tail_start + 6, end))
                          if doc[j].text == ")"), -1)
            tail_start = close + 1 if close != -1 else tail_start
        titles, parties = _segments(doc, tail_start, end, self.country_ends)
        count = ""
        premod = [doc[i] for i in range(first, m.span.start)]
        nums = [t for t in premod if t.like_num]
        if nums:
            count = NUMBER_WORDS.get(nums[0].lower_, nums[0].text)
        lead = first
        while lead < m.span.start:
            tok = doc[lead]
            if lead + 2 < m.span.start and tok.like_num and doc[lead + 1].tag_ == "HYPH":
                lead += 3  # "four-year", "10-point": a duration or size, not a subject
                continue
            if not (tok.like_num or tok.pos_ in ("SYM", "CCONJ") or tok.tag_ == "HYPH"
                    or tok.text[:1].isdigit() or self.cues.has(tok, "GENERIC_MOD")):
                break
            lead += 1
        if nums and nums[0].i + 1 < m.span.start and doc[nums[0].i + 1].tag_ == "HYPH":
            count = ""
        title = " ".join(p for p in (self._title_piece(s, e) for s, e in titles) if p)
        tail_title = bool(title)
        if not title:
            title = _clean_title(_text(doc, lead, m.span.start))
        return Phrase(first, end, count, title, tail_title, parties, (lead, m.span.start))

    def _title_piece(self, s: int, e: int) -> str:
        """Title text of a segment without date ranges and "designed for" tails."""
        doc = self.doc
        seg = doc[s:e]
        text = seg.text
        for row in self.dates:
            if seg.start_char <= row.start < seg.end_char and "/" in row.value:
                text = self.text[seg.start_char:row.start]
                break
        else:
            match = YEAR_RANGE.search(text)
            if match:
                text = text[:match.start()]
        text = re.sub(r"\s+(?:for|in|of|during|designed for)(?:\s+the\s+period)?\s*$", "",
                      text.strip())
        return _clean_title(text)

    def signatories(self, m: Mention, ph: Phrase, cue: Token | None,
                    status: str) -> tuple[list[str], list[str]]:
        """(parties as written, state/organization codes) from the phrase ("between A and
        B") and, for a signing verb, its subject, agent and "with" partner."""
        doc = self.doc
        parties: list[str] = []
        codes = self.codes(ph.premod[0], ph.premod[1])
        for s, e in ph.party_segments:
            codes += [c for c in self.codes(s, e) if c not in codes]
            if _is_body(doc[s:e], self.countries):
                parties += _split_parties(doc, s, e, self.countries)
        if cue is None or cue.pos_ not in ("VERB", "AUX") or status == IN_FORCE \
                or m.span.root.dep_ == "nsubj":
            return parties, codes
        children = list(cue.children)
        if cue.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in children):
            children += [c for c in cue.head.children if c.dep_ == "nsubj"]  # "X aim to sign"
        for child in children:
            if not (child.dep_ in ("nsubj", "agent") or (
                    child.dep_ == "prep" and child.lower_ in ("with", "between", "among"))):
                continue
            if child.left_edge.i >= ph.start and child.right_edge.i < ph.end:
                continue  # already read from the phrase
            codes += [c for c in self.codes(child.left_edge.i, child.right_edge.i + 1)
                      if c not in codes]
            strict = child.dep_ in ("nsubj", "agent")  # mostly people: need an organization
            found = [_clean_title(doc[start:end].text) for start, end in _conjuncts(child)
                     if _is_body(doc[start:end], self.countries, strict)]
            found = [p for p in found if p and p not in parties]
            # the signing subject first: "Ghana signed ... with Togo" -> "Ghana; Togo"
            parties = found + parties if child.dep_ == "nsubj" else parties + found
        # "Benin" is inside "Republic of Benin"
        parties = [p for p in parties if not any(p != q and p in q for q in parties)]
        return parties, codes

    def signing_date(self, span: Span, sent: Span, cue: Token | None, status: str,
                     source: str, event: bool) -> tuple[str, bool]:
        """(signed_date, event): an explicit date on the signing verb, else the reported
        event's date when the signing is part of it ("following the talks", a list after
        "... signed:"); for planned documents the stated date."""
        doc = self.doc
        if status not in (SIGNED, PLANNED):
            return "", event
        found = ""
        if cue is not None and source != "list":
            found = _signed_date(self.dates, cue.left_edge.idx,
                                 cue.right_edge.idx + len(cue.right_edge),
                                 (span.start_char, span.end_char))
        if not found and (event or self.cues.any_in(sent, "EVENT")):
            event = True
            if status == SIGNED:
                found = self.event_date
        if status == PLANNED and not found:
            found = _signed_date(self.dates, sent.start_char, sent.end_char, (0, 0))
        return found, event

    def candidate(self, m: Mention, lo: int, hi: int, status: str, source: str, rule: str,
                  confidence: float, cue: Token | None = None, weak: bool = False,
                  event: bool = False) -> Candidate:
        """Every field of the candidate row for mention `m` within tokens [lo, hi)."""
        doc = self.doc
        ph = self.phrase(m, lo, hi)
        span = doc[ph.start:ph.end]
        party_texts, codes = self.signatories(m, ph, cue, status)
        sent = span.sent if doc.has_annotation("SENT_START") else doc[lo:hi]
        sent = doc[min(sent.start, lo):max(sent.end, hi)]
        signed_date, event = self.signing_date(span, sent, cue, status, source, event)
        line_end = doc[hi - 1].idx + len(doc[hi - 1])
        valid_from, valid_to = _validity(self.text, self.dates, span.start_char,
                                         max(min(span.end_char + 40, line_end), span.end_char))
        definite = any(t.lower_ in ("the", "this", "that", "these", "those", "its", "their")
                       for t in doc[max(lo, ph.start - 2):ph.start])
        explicit = bool(party_texts) or bool(self.codes(ph.premod[0], ph.premod[1])) or any(
            self.codes(s, e) for s, e in ph.party_segments) or (
            cue is not None and self.joint_subject(cue))
        named = self.named(m, ph, lo, hi)
        explicit = explicit or self.cues.any_in(doc[ph.start:m.span.start], "BILATERAL")
        if any(s < m.span.end_char and m.span.start_char < e for s, e, _ in self.known):
            explicit = True  # a well-known document between states ("the Minsk agreements")
        if cue is not None and cue.dep_ in ("relcl", "acl") and cue.head.i in range(
                m.span.start, m.span.end):  # "the treaty that serves as the basis of ... A and B"
            explicit = explicit or len(self.codes(cue.left_edge.i, cue.right_edge.i + 1)) >= 2
        # "the Comprehensive Plan of Action of the ASEAN-Russia Strategic Partnership"
        explicit = explicit or named and len(self.codes(ph.start, ph.end)) >= 2
        sentence_codes = tuple(self.codes(sent.start, sent.end))
        return Candidate(
            start=span.start_char, end=span.end_char,
            mention_start=m.span.start_char, mention_end=m.span.end_char,
            doc_type=m.doc_type, status=status, source=source, rule=f"{source}:{rule}",
            confidence=confidence, title=ph.title, parties=tuple(party_texts),
            countries=tuple(codes), signed_date=signed_date, valid_from=valid_from,
            valid_to=valid_to, plural=m.plural, count=ph.count, definite=definite,
            generic=m.generic, needs_country=weak,
            sentence_has_country=bool(sentence_codes), event=event,
            sentence_codes=sentence_codes, anaphor=m.anaphor, joint=_joint_pair(sent, self.titles),
            named=named, explicit=explicit, tail_title=ph.tail_title,
            weak=m.weak)

    def joint_subject(self, cue: Token) -> bool:
        """The clause's subject is several states: "Chile and Peru are implementing ...",
        "the two countries are implementing ..."."""
        for subj in (c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")):
            if len(self.codes(subj.left_edge.i, subj.right_edge.i + 1)) >= 2:
                return True
            if subj.tag_ == "NNS" and subj.lemma_.lower() in JOINT_SUBJECTS:
                return True
        return False

    def named(self, m: Mention, ph: Phrase, lo: int, hi: int) -> bool:
        """The document noun is capitalized as part of a name, in a line that is not a
        title-case headline."""
        doc = self.doc
        words = [t for t in doc[lo + 1:hi] if t.is_alpha]
        if any(t.is_title and t.pos_ in ("VERB", "AUX", "ADP", "DET", "CCONJ") for t in words) \
                and sum(t.is_title for t in words) / len(words) > 0.5:
            return False  # a title-case headline: capitals say nothing
        if any((t.is_title or t.is_upper and len(t) > 1 and t.is_alpha) and t.i != lo
               for t in doc[ph.premod[0]:m.span.start]):
            return True  # "the Minsk agreements", "the Trade Facilitation Roadmap"
        noun = m.span.root
        return noun.is_title and noun.i != lo and m.span.end + 1 < hi and (
            doc[m.span.end].lower_ in ("of", "on") and doc[m.span.end + 1].is_title)

    # ------------------------------------------------------------ list source

    def _lead_in(self, start: int, end: int) -> tuple[Span, str, str] | None:
        """(line span, status, rule id) when chars [start, end) are a line ending in ':' with
        a signing cue that is not hypothetical ("The following documents were signed:")."""
        line = self.text[start:end].rstrip()
        if not line.endswith(":"):
            return None
        lead = self.doc.char_span(start, start + len(line), alignment_mode="expand")
        if lead is None:
            return None
        for tok in lead:
            label = next((lab for lab in ("SIGN", "AGREE", "SIGN_WEAK")
                          if self.cues.has(tok, lab)), None)
            if label:
                status = _modality(tok, self.cues)
                return (lead, status, self.cues.rule(tok, label)) if status != DROP else None
        return None

    def _list_items(self, lines: list[tuple[int, int]], k: int) -> tuple[list[Span], int]:
        """The items from line k on: bulleted/numbered lines, or short lines that start with a
        document noun; blank lines between them are skipped. Returns (items, next line)."""
        items: list[Span] = []
        while k < len(lines):
            start, end = lines[k]
            raw = self.text[start:end]
            if not raw.strip():
                k += 1
                continue
            bullet = BULLET.match(raw)
            body = start + (bullet.end() if bullet else len(raw) - len(raw.lstrip()))
            item = self.doc.char_span(body, end, alignment_mode="expand")
            if item is None:
                break
            starts_with_doc = any(item.start <= m.span.start < min(item.end, item.start + 6)
                                  for m in self.mentions)
            if not (bullet or (starts_with_doc and len(raw) < 500)):
                break
            items.append(item)
            k += 1
        return items, k

    def from_lists(self) -> tuple[list[Candidate], set[int]]:
        """Candidates from list items after a signing lead-in line, one per item (its first
        document noun), and the token indices the lists cover (the parse source skips them)."""
        out: list[Candidate] = []
        consumed: set[int] = set()
        lines = [(mt.start(), mt.end()) for mt in re.finditer(r"[^\n]+", self.text)]
        k = 0
        while k < len(lines):
            found = self._lead_in(*lines[k])
            k += 1
            if found is None:
                continue
            lead, status, rule = found
            items, k = self._list_items(lines, k)
            if not items:
                continue
            consumed.update(range(lead.start, lead.end))
            for item in items:
                consumed.update(range(item.start, item.end))
                m = next((m for m in self.mentions if item.start <= m.span.start < item.end),
                         None)
                if m is not None:
                    # a listed signing is the reported event's: its date is the event date
                    out.append(self.candidate(m, item.start, item.end, status, "list", rule,
                                              0.9, event=True))
        return out, consumed

    # ------------------------------------------------------------ parse source

    def from_parse(self, consumed: set[int]) -> list[Candidate]:
        doc = self.doc
        out: list[Candidate] = []
        decided_in_sentence: dict[int, list[tuple[Token, tuple]]] = {}
        previous: dict[int, int] = {}  # sentence start -> start of the sentence before it
        if doc.has_annotation("SENT_START"):
            sents = list(doc.sents)
            previous = {b.start: a.start for a, b in zip(sents, sents[1:])}
        for m in self.mentions:
            if m.span.start in consumed:
                continue
            status, rule, cue, weak = decide(m, self.cues)
            if not status or status == DROP and cue is not None and cue.i < m.span.start:
                end = _phrase_end(doc, m, len(doc), self.cues, self.mention_starts,
                                  self.date_starts)
                found = right_clause(doc, end, self.cues)
                if found:
                    status, rule, cue, weak = found
            sent = m.span.sent if doc.has_annotation("SENT_START") else doc[:]
            line_lo, line_hi = _line_bounds(doc, self.text, m.span.start)
            lo, hi = max(sent.start, line_lo), min(sent.end, line_hi)
            decided = decided_in_sentence.setdefault(sent.start, [])
            if status == DROP:
                decided.append((_climb(m.span.root), (DROP, rule, cue)))
                continue
            source, confidence = "parse", 0.85
            if not status:
                prior = _inherits(m, [d for d in decided if d[1][0] != DROP], self.cues)
                if not prior and _pronoun_includes(m, self.cues):
                    # "Agreements were exchanged. This included a MoU ... and an agreement ..."
                    before = decided_in_sentence.get(previous.get(sent.start, -1), [])
                    kept = [d[1] for d in before if d[1][0] != DROP]
                    prior = kept[-1] if kept else None
                if prior:
                    status, rule, cue = prior
                    source, confidence = "inherit", 0.65
                    decided.append((_climb(m.span.root), prior))
                elif not decided and not (m.weak or m.generic) and not any(
                        self.cues.has(t, "HYPO") or self.cues.has(t, "PLAN") for t in sent):
                    # a named document referred to without any cue, in a sentence that speaks
                    # of no plan or hypothesis, exists: in force
                    venue = any(self.cues.has(a, "VENUE")
                                for a in list(m.span.root.ancestors)[:4])
                    cand = self.candidate(m, lo, hi, IN_FORCE, "named", "named_document", 0.5)
                    if cand.named and not venue:  # not "on the margins of the ... Convention"
                        out.append(cand)
                    continue
                else:
                    continue
            else:
                decided.append((_climb(m.span.root), (status, rule, cue)))
            if status == IN_FORCE:
                confidence -= 0.15
            elif status == PLANNED:
                confidence -= 0.25
            cand = self.candidate(m, lo, hi, status, source, rule, confidence, cue=cue,
                                  weak=weak)
            if status == PLANNED and not cand.signed_date and not cand.event:
                continue  # planned only with a stated time
            out.append(cand)
        return out


def _joint_pair(sent: Span, titles: set[int]) -> bool:
    """ "the two countries", "both sides", "the two Presidents" (a TITLES gazetteer word): a
    pair the article has already introduced."""
    for tok in sent:
        if tok.tag_ in ("NNS", "NNPS") and tok.i > sent.start and (
                tok.lemma_.lower() in JOINT_SUBJECTS or tok.i in titles) \
                and sent.doc[tok.i - 1].lower_ in ("two", "both"):
            return True
    return False


def _conjuncts(tok: Token) -> list[tuple[int, int]]:
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


# ---------------------------------------------------------------- merge

def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Two candidates that describe the same document (`a` is the earlier one)."""
    if a.doc_type != b.doc_type or a.status != b.status or a.aggregate != b.aggregate:
        return False
    if a.source == "list" and b.source == "list":
        return False
    if a.signed_date and b.signed_date and a.signed_date != b.signed_date:
        return False
    pa, pb = set(map(_norm, a.parties)), set(map(_norm, b.parties))
    ta, tb = _norm(a.title), _norm(b.title)
    if ta and tb:
        if not (ta == tb or ta.startswith(tb) or tb.startswith(ta)):
            return False
        # same subject: the same document unless the states differ
        return not (a.countries and b.countries and not set(a.countries) & set(b.countries))
    same_states = bool(a.countries) and set(a.countries) == set(b.countries)
    if pa and pb and pa != pb and not same_states:
        return False
    if ta or tb:  # one has no title: it must point back ("the agreement") or name the same parties
        untitled, titled = (b, a) if not tb else (a, b)
        return untitled.definite or (bool(pa) and pa == pb) or (
            bool(untitled.parties) and not titled.parties)
    return (bool(pa) and pa == pb) or b.definite


def _absorb(keep: Candidate, other: Candidate) -> Candidate:
    title = keep.title if len(keep.title) >= len(other.title) else other.title
    return replace(
        keep, title=title, parties=keep.parties or other.parties,
        countries=tuple(dict.fromkeys(keep.countries + other.countries)),
        signed_date=keep.signed_date or other.signed_date,
        valid_from=keep.valid_from or other.valid_from, valid_to=keep.valid_to or other.valid_to,
        confidence=max(keep.confidence, other.confidence))


def merge_candidates(candidates: Sequence[Candidate], window: int = 2500) -> list[Candidate]:
    """Candidates from every source -> one candidate per document.

    - a mention inside another candidate's phrase is part of that document's title/parties;
    - a definite singular mention without title or parties ("the agreement was signed by")
      repeats an earlier document;
    - a plural or generic mention ("signed 100 agreements", "documents were signed") gives no
      row when specific documents are named within `window` characters;
    - candidates describing the same document (type, status, compatible title/parties/date)
      merge into the first one.
    """
    ordered = sorted(candidates, key=lambda c: (c.mention_start, c.source != "list"))
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
        if cand.status == IN_FORCE and not (cand.explicit or cand.named and not cand.weak):
            continue  # "the implementation of a programme to ...": a domestic plan
        if cand.aggregate:
            # a specific document signed on another date is history, not one of the count
            near = any(cand.start - 300 <= s.start <= cand.end + window
                       and s.status == cand.status and not (
                           s.signed_date and cand.signed_date
                           and s.signed_date != cand.signed_date) for s in specific)
            if near:
                continue
            if cand.generic and not cand.plural and cand.definite and not (
                    cand.title or cand.parties):
                continue
            if not cand.sentence_has_country and not cand.event:
                continue
        elif cand.definite and not cand.title and not cand.parties and cand.source != "list":
            # "the MoU" after a MoU; "the agreement" after any document
            if any(o.start < cand.start and (o.doc_type == cand.doc_type or cand.anaphor)
                   for o in out):
                continue
        named_before = next((i for i, o in enumerate(out) if o.source == "named"
                             and cand.definite and cand.source not in ("named", "list")
                             and o.doc_type == cand.doc_type and not (o.plural or cand.plural)
                             and set(o.countries) == set(cand.countries)
                             and 0 <= cand.start - o.end < 600), None)
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
    return out


def known_documents(doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start_char, end_char, party codes) of well-known documents named in `doc`
    (KNOWN_DOCUMENTS gazetteer spans), longest first."""
    spans = [s for s in doc.spans.get("gazetteer", []) if s.label_ == KNOWN_LABEL]
    spans.sort(key=lambda s: -(s.end_char - s.start_char))
    return [(s.start_char, s.end_char, tuple(c for c in span_code(s).split(";") if c))
            for s in spans]


def _known_parties(cand: Candidate,
                   known: Sequence[tuple[int, int, tuple[str, ...]]]) -> tuple[str, ...]:
    """Parties of the well-known document whose name overlaps the candidate's noun."""
    for start, end, codes in known:
        if start < cand.mention_end and cand.mention_start < end:
            return codes
    return ()


def to_rows(doc: Doc, candidates: Iterable[Candidate], fallback: Sequence[str],
            known: Sequence[tuple[int, int, tuple[str, ...]]] = ()) -> list[DocumentRow]:
    """DocumentRow objects; `fallback`: the article's principal states (and organizations)
    for documents whose parties the sentence does not name; `known`: well-known documents
    (`known_documents`) whose actual parties apply when the text names none."""
    rows = []
    for cand in candidates:
        codes = list(cand.countries)
        confidence = cand.confidence
        well_known = () if codes or cand.parties else _known_parties(cand, known)
        codes = codes or list(well_known)  # "the Minsk agreements": RUS, UKR
        if not codes and cand.joint and len(fallback) >= 2:
            codes = list(fallback[:2])  # "which the two countries signed": the article's pair
        if not codes and len(cand.sentence_codes) <= 4:
            codes = list(cand.sentence_codes)  # "obligations under the Minsk agreements" (Ukraine)
        if len(codes) < 2 and not well_known:
            extra = [c for c in fallback if c not in codes][: 2 - len(codes)] if fallback else []
            if extra and not codes:
                confidence -= 0.1
            codes += extra
        if len(codes) < 2 and not any(is_organization(c) for c in codes):
            continue  # a single state involved in the whole article: a domestic document
        title = cand.title
        if cand.plural and cand.count:  # "9 agreements", "7 MoUs on trade, education and health"
            noun = doc.char_span(cand.mention_start, cand.mention_end,
                                 alignment_mode="expand").text
            title = f"{cand.count} {noun}" + (f" on {title}" if title else "")
        rows.append(DocumentRow(
            doc_type=cand.doc_type, title=title, parties="; ".join(cand.parties),
            countries=";".join(sorted(set(codes))), signed_date=cand.signed_date,
            valid_from=cand.valid_from, valid_to=cand.valid_to, status=cand.status,
            **evidence(doc, cand.start, cand.end, cand.rule, max(0.05, min(1.0, confidence)))))
    return rows


def candidates_of(doc: Doc) -> list[Candidate]:
    """Candidates from both sources, each also written to its own span group."""
    if not any(s.label_ == DOC_LABEL for s in doc.spans.get("gazetteer_lower", [])):
        return []
    builder = _Builder(doc)
    if not builder.mentions:
        return []
    listed, consumed = builder.from_lists()
    parsed = builder.from_parse(consumed)
    for key, cands in ((LIST_KEY, listed), (PARSE_KEY, parsed)):
        spans = []
        for c in cands:
            span = doc.char_span(c.mention_start, c.mention_end, label=c.doc_type,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[key] = spans
    return listed + parsed


class DocumentsExtractor:
    """spaCy component: DocumentRow objects on `doc._.rows["documents"]`."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir

    def __call__(self, doc: Doc) -> Doc:
        candidates = candidates_of(doc)
        if candidates:
            merged = merge_candidates(candidates)
            fallback = principal_countries(doc, labels=STATE_LABELS)
            add_rows(doc, DocumentRow.TABLE,
                     to_rows(doc, merged, fallback, known_documents(doc)))
        else:
            add_rows(doc, DocumentRow.TABLE, [])
        return doc


@Language.factory("communique_documents", assigns=["doc._.rows"],
                  default_config={"models_dir": ""})
def make_documents(nlp: Language, name: str, models_dir: str) -> DocumentsExtractor:
    return DocumentsExtractor(nlp, name, models_dir)
