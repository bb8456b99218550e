"""How far a document's phrase reaches around its noun: the modifiers left of it and the
tail right of it, up to a verb, a clause boundary, a date or an event phrase ("the [strategic
partnership] agreement [between A and B on trade, signed by both ministers, and on
investment]"). `phrase.py` cuts what lies inside into title and parties.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Token

from pipeline.extractors.base import closing_bracket
from pipeline.extractors.documents.cues import Cues
from pipeline.extractors.documents.mentions import Mention

# Small grammar words the scanner relies on (not user vocabulary).
RELATIVIZERS = {"which", "that", "who", "whom", "whose", "where", "when"}
SUBJECT_MARKERS = ("on", "in", "about", "concerning", "regarding", "of")  # a title's subject
ASIDE_RESUMES = ("on", "about", "concerning", "regarding")  # "..., signed by X, on A"


def line_bounds(doc: Doc, text: str, tok_i: int) -> tuple[int, int]:
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


def is_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def premodifiers(doc: Doc, m: Mention, lo: int, mention_starts: set[int]) -> int:
    """First token index of the modifiers left of the mention ("strategic partnership")."""
    i = m.span.start - 1
    first = m.span.start
    while i >= lo:
        tok = doc[i]
        if is_break(tok) or tok.i + 1 in mention_starts and tok.i + 1 != m.span.start:
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
            if doc[i - 1].dep_ == "pobj":
                break  # "security guarantees for Ukraine and agreements with Russia"
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PUNCT", "X", "SYM"):
            break
        first = i
        i -= 1
    while first < m.span.start and (doc[first].pos_ == "CCONJ" or doc[first].tag_ == "HYPH"):
        first += 1
    return first


def next_is_document(doc: Doc, i: int, mention_starts: set[int], cues: Cues,
                     limit: int = 3) -> bool:
    """A document mention starts within `limit` tokens after position i (skipping det/num/adj,
    and "of" after a quantity noun: "and a number of documents")."""
    for j in range(i, min(i + limit + 1, len(doc))):
        if j in mention_starts:
            return True
        if doc[j].lower_ == "of" and j > i and cues.has(doc[j - 1], "QUANT"):
            continue
        if doc[j].pos_ not in ("DET", "NUM", "ADJ", "PROPN", "NOUN") and doc[j].tag_ != "HYPH":
            return False
    return False


def comma_continues(doc: Doc, i: int, hi: int, cues: Cues, tail_start: int) -> bool:
    """A comma inside a coordinated list of nouns/adjectives ("science, technology and ..."),
    or before a subject parallel to one of the tail ("memoranda on A, and on B")."""
    if i + 1 >= hi:
        return False
    nxt = doc[i + 1]
    if nxt.pos_ == "CCONJ" and i + 2 < hi and doc[i + 2].lower_ in SUBJECT_MARKERS \
            and any(t.lower_ == doc[i + 2].lower_ for t in doc[tail_start:i]):
        return True
    # "between the Government of India, the Government of Sri Lanka, and the Government of ..."
    det = i + 2 if nxt.pos_ == "CCONJ" else i + 1
    if det + 1 < hi and doc[det].pos_ == "DET" and doc[det + 1].is_title \
            and _in_party_list(doc, i):
        return True
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
        if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text not in ("-", "/", ",")):
            return False  # (a comma: the list goes on, "legal, cultural, social and labour")
    return False


def participle_aside(doc: Doc, i: int, hi: int, reach: int = 12) -> int:
    """The closing comma of a participle aside opened by the comma at i, when the title goes on
    after it ("documents, signed by the agencies of both sides, on cooperation in ..."); 0
    otherwise."""
    if i + 1 >= hi or doc[i + 1].tag_ != "VBN":
        return 0
    for j in range(i + 2, min(i + reach, hi - 1)):
        tok = doc[j]
        if tok.text == ",":
            return j if doc[j + 1].lower_ in ASIDE_RESUMES else 0
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text not in ("-", "/") \
                or is_break(tok):
            return 0
    return 0


def coordinated_gerund(tok: Token, tail_start: int) -> bool:
    """A gerund coordinated with one after a preposition of the tail ("on developing and
    using laser infrastructure"): part of the same subject, not a new clause."""
    head = tok.head
    return tok.tag_ == "VBG" and tok.dep_ == "conj" and head.tag_ == "VBG" \
        and tail_start < head.i < tok.i and tok.doc[head.i - 1].pos_ == "ADP"


def _in_party_list(doc: Doc, i: int, reach: int = 12) -> bool:
    """Token i is in a list of parties opened by "between"/"among" a few words back, with no
    verb or clause mark between."""
    for j in range(i - 1, max(-1, i - reach), -1):
        tok = doc[j]
        if tok.lower_ in ("between", "among"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":", "."):
            return False
    return False


def phrase_end(doc: Doc, m: Mention, hi: int, cues: Cues, mention_starts: set[int],
               date_starts: AbstractSet[int], max_tokens: int) -> int:
    """Token index after the title/parties tail right of the mention: up to a verb, a clause
    boundary, a date or an event phrase ("today", "during the visit", "on behalf of")."""
    i = m.alias_end if m.alias_end > 0 else m.span.end
    limit = min(hi, i + max_tokens)
    while i < limit:
        tok = doc[i]
        if is_break(tok) or i in date_starts or tok.ent_type_ in ("DATE", "TIME") or (
                cues.has(tok, "EVENT")) or cues.word_at(i, "TAIL_STOP"):
            if i > 0 and doc[i - 1].lower_ in ("on", "in", "at", "since", "from", "by"):
                i -= 1
            break
        if tok.text == "(":
            close = closing_bracket(doc, i, min(i + 6, limit))
            if not close:
                break
            i = close  # short parenthesis: an acronym, keep it
            continue
        if tok.text in (";", ":", ".", "!", "?", ")", "\"", "“", "”", "—", "–") and not (
                tok.text == "." and tok.i + 1 < limit and not doc[tok.i + 1].is_space
                and not doc[tok.i + 1].is_title):
            break
        if tok.text == ",":
            if not comma_continues(doc, i, limit, cues, m.span.end):
                aside = participle_aside(doc, i, limit)
                if not aside:
                    break
                i = aside  # "documents, signed by both agencies, on A": the title goes on
        elif tok.lower_ in RELATIVIZERS and tok.tag_ in ("WDT", "WP", "WP$", "WRB"):
            break
        elif tok.pos_ == "PRON" and tok.tag_ != "PRP$":
            break
        elif tok.lower_ in ("and", "or", "as", "including", "while", "whereas"):
            if tok.lower_ in ("as", "including", "while", "whereas"):
                break
            if next_is_document(doc, i + 1, mention_starts, cues):
                break
            if i + 1 < limit and (doc[i + 1].pos_ in ("VERB", "AUX", "PART", "ADV")
                                  or doc[i + 1].lower_ == "to") \
                    and not coordinated_gerund(doc[i + 1], m.span.end):
                break
        elif tok.pos_ in ("VERB", "AUX"):
            prev = doc[i - 1] if i > 0 else tok
            gerund = tok.tag_ == "VBG" and prev.pos_ == "ADP" or coordinated_gerund(
                tok, m.span.end)
            infinitive = tok.tag_ == "VB" and prev.lower_ == "to"
            hyphenated = prev.tag_ == "HYPH" or (i + 1 < limit and doc[i + 1].tag_ == "HYPH")
            if not (gerund or infinitive or hyphenated) or cues.has(tok, "SIGN"):
                break
        i += 1
    while i > m.span.end and (doc[i - 1].is_punct and doc[i - 1].text not in (")",)
                              or doc[i - 1].lower_ in ("and", "or", "the", "a", "an")):
        i -= 1
    return i
