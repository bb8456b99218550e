"""Name runs: where a name starts and ends among the words of a rule match.

A run is a sequence of name words (capitalized, not covered by the gazetteers: no office,
state, portfolio or body word), with lower-case particles ("bin", "von der") and hyphens
written without spaces; `name_after_portfolio` finds the name that ends an office written
out with its portfolio, and the checks below reject runs that are no person's name.
"""

from __future__ import annotations

import re

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipeline.extractors.base import closing_bracket
from pipeline.extractors.leaders.names import fold
from pipeline.extractors.leaders.roles import (
    JOINERS, SEPARATORS, gazetteer_roles, inner_name_stop,
)


def name_runs(doc: Doc, start: int, end: int, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of name tokens in [start, end): not covered by gazetteer spans, split at
    separators/punctuation; a hyphen joins only when written without spaces."""
    runs: list[tuple[int, int]] = []
    run_start = None
    for i in range(start, end + 1):
        tok = doc[i] if i < end else None
        is_name = tok is not None and i not in covered and (
            (tok.text[:1].isupper() and not tok.is_punct
             and (not tok.is_stop or (run_start is not None and inner_name_stop(doc, i))))
            or (run_start is not None and tok.text in JOINERS and not doc[i - 1].whitespace_
                and not tok.whitespace_)
            or (run_start is not None and _particle(doc, i, end))  # "bin", "von der"
            or (run_start is not None and tok.is_lower and doc[i - 1].text in JOINERS
                and not doc[i - 1].whitespace_ and i - 1 >= run_start))  # "Woong-bae"
        if is_name and run_start is None:
            run_start = i
        elif not is_name and run_start is not None:
            runs.append(_trim(doc, run_start, i))
            run_start = None
    return [r for r in runs if r[1] > r[0]]


def name_like(tok: Token, roles: dict[int, str]) -> bool:
    return (tok.text[:1].isupper() and tok.i not in roles and not tok.is_stop
            and not tok.is_punct)


def _particle(doc: Doc, i: int, end: int) -> bool:
    """A lower-case name particle: short lower-case words followed by a capitalized part."""
    j = i
    while j < min(end, i + 3):
        tok = doc[j]
        joiner = tok.text in JOINERS and j > i and not tok.whitespace_
        if not joiner and (tok.lower_ in SEPARATORS or not tok.is_lower or tok.is_stop
                           or len(tok) > 4):
            return False
        j += 1
        if j < end and doc[j].text[:1].isupper():
            return True
    return False


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop trailing joiners/particles; cut at a repeated token (glued transcript headers),
    not at a repeated particle ("Mohammed bin Abdulrahman bin Jassim Al Thani")."""
    seen: set[str] = set()
    for i in range(start, end):
        key = fold(doc[i].text)
        if key in seen and doc[i].text not in JOINERS and not doc[i].is_lower and not (
                i + 1 < len(doc) and doc[i + 1].text in JOINERS and not doc[i].whitespace_):
            end = i  # (not the particle of a second hyphenated part: "Al-Ahmad Al-Jabir")
            break
        seen.add(key)
    while end > start and not doc[end - 1].text[:1].isupper() and not _hyphen_tail(doc, end - 1):
        end -= 1
    # the lower-case part of a hyphenated name may lie past the match: "Rha Woong-bae"
    while (end + 1 < len(doc) and doc[end].text in JOINERS and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha):
        end += 2
    return start, end


def _hyphen_tail(doc: Doc, i: int) -> bool:
    return (i >= 2 and doc[i].is_lower and doc[i - 1].text in JOINERS
            and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_)


# two words run together without a space, each of four letters or more ("SerdarPresident");
# names with an inner capital have a short head ("McConnell", "MacArthur", "DeSantis")
_GLUED = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]{3,}$")
_INFLECTED_VERB = {"VBD", "VBN", "VBZ", "VBG", "VBP"}  # "... Secretary [Scheduled] for ..."
_NOT_NAME_POS = {"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "NUM", "PART",
                 "INTJ"}  # ("Yes, Prime Minister.": a reply, no name)


def glued_words(doc: Doc, start: int, end: int) -> bool:
    """A token of two words run together: a transcript's speaker tag glued to the office
    that follows it ("Shchegolev Igor[Presidential] Plenipotentiary Envoy ..."), no name."""
    return any(_GLUED.match(doc[i].text) for i in range(start, end))


def plausible_name(doc: Doc, start: int, end: int) -> bool:
    """Reject title-case headline words caught as a name ("President Engages with ..."), a
    plural noun alone after a state, and a legislator's party-and-state tag ("Sens. X,
    [D-Wis.], and Y": one capital letter joined to a word)."""
    if end - start >= 3 and len(doc[start].text) == 1 and doc[start + 1].text in JOINERS:
        return False
    if glued_words(doc, start, end):
        return False
    if not doc.has_annotation("POS"):
        return True
    if end - start == 1 and doc[start].tag_ in ("NNS", "NNPS") and start > 0 and \
            gazetteer_roles(doc).get(start - 1) == "PLACE":
        return False  # "to U.S. [Officials], MITI vice minister ...": a state's plural noun
    # (a word the model tags as a verb in its base form but also as a person's name is the
    # name: "Prime Minister [Modi] the course of ...")
    return not any(doc[i].pos_ in _NOT_NAME_POS for i in range(start, end)
                   if doc[i].text not in JOINERS and not inner_name_stop(doc, i)
                   and not (start < i < end - 1 and doc[i].is_lower)  # "Willy [de] Clercq"
                   and not (doc[i].ent_type_ == "PERSON" and doc[i].is_title
                            and (doc[i].tag_ not in _INFLECTED_VERB
                                 or not english_inflection(doc[i].text))))


def english_inflection(word: str) -> bool:
    """Whether a word could be an inflected English verb: ASCII, not ending in a vowel other
    than "e" ("Lourenço", "Kuleba" are names the model may tag as verbs; "Scheduled" is not)."""
    return word.isascii() and word[-1:].lower() not in ("a", "i", "o", "u")


_BODY_ENTS = {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def in_body_name(doc: Doc, titles: list[Span], start: int, end: int) -> bool:
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


def trim_to_person(run: tuple[int, int], persons: Iterable[Span]) -> tuple[int, int]:
    """Cut a portfolio word off the front of a name when the model's PERSON entity starts
    later in it: "State Minister of Investment [Promotion] Dilum Amunugama"."""
    start, end = run
    persons = list(persons)
    for p in persons:
        if start < p.start < end and p.end == end:
            if any(inner_name_stop(p.doc, i) for i in range(start, p.start + 1)):
                return run  # the model split the name at its stop word: "Anna [Do Berg]"
            if any(q.start <= start < q.end for q in persons):
                return run  # the model split the name: "[Juan Antonio] March [Pujol]"
            if initials(p.doc, start, p.start):
                return run  # the model left out the initials: "A.B.C. [Perera]"
            return p.start, end
    return run


_INITIALS = re.compile(r"(?:[A-Z]\.)+$")


def initials(doc: Doc, start: int, end: int) -> bool:
    """Tokens [start, end) are a name's initials ("A.B.C.", "K. D."), which the model often
    leaves out of the PERSON entity that follows them."""
    return start < end and all(_INITIALS.match(doc[i].text) for i in range(start, end))


def two_persons(persons: Iterable[Span], start: int, end: int) -> bool:
    """The model finds two people of two words or more in one run of name words ("Anwar
    Ibrahim Donald J. Trump" in a signature block laid out in two columns; not "[Anna Do]
    [Berg]", a name the model cut at its stop word)."""
    return sum(1 for p in persons if start <= p.start < end and len(p) > 1) > 1


def acronym(doc: Doc, run: tuple[int, int], titles: list[Span]) -> bool:
    """An all-caps "name" after a mixed-case office is an organization's acronym ("CBSL")."""
    name = doc[run[0]:run[1]].text
    return name.isupper() and not any(t.text.isupper() for t in titles)


PORTFOLIO_GLUE = {"of", "for", "to", "on", "at", "in", "'s", "’s", "(", "-"}


NAME_MAX = 5  # name words, initials included ("A. W. L. C. Weerakoon")


ACRONYM_GLUE = {"of", "for", "to", "on", "and", "or", "the", "&"}  # inside a body's name


def name_after_portfolio(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The first run of at least two name words in [start, end) that ends where a name ends
    (punctuation, a line break, "and", a lower-case word, the end of the text) and not where
    a portfolio goes on ("of", "for", "'s", "("); words of the office vocabulary (portfolios,
    bodies, states) are never name words, a parenthesized acronym is skipped."""
    roles = gazetteer_roles(doc)
    i = start
    while i < end:
        if doc[i].text == "(":
            i = closing_bracket(doc, i, min(end, i + 6)) or i + 1
            continue
        runs = name_runs(doc, i, end, set(roles)) if name_like(doc[i], roles) else []
        if not runs or runs[0][0] != i:
            i += 1
            continue
        run_start, run_end = runs[0]
        nxt = doc[run_end] if run_end < len(doc) else None
        if nxt is not None and nxt.lower_ in PORTFOLIO_GLUE and not (
                2 <= run_end - run_start <= NAME_MAX and state_after(doc, run_end)) and not (
                _honorific_bracket(doc, run_end, roles)):
            i = run_end
            continue  # "Halk Maslahaty of Turkmenistan": still the portfolio
        if nxt is not None and nxt.lower_ in ("and", "&") and _named_with_acronym(doc, run_end + 1):
            i = run_end
            continue  # "Authority of [Free Zones] and Investment (GAFI)": a body's name
        # the next office of a list written without a comma ends a name too ("... Sports
        # [Sunil Kumara Gamage] Minister of Labour ...")
        ends_name = nxt is None or nxt.is_space or (nxt.is_punct and nxt.text not in "(-") or (
            nxt.is_lower and nxt.is_alpha) or roles.get(run_end) == "TITLE" or (
            _honorific_bracket(doc, run_end, roles))  # "X (Retd)"
        if 2 <= run_end - run_start <= NAME_MAX and ends_name and not doc[
                run_start:run_end].text.isupper():
            return run_start, run_end
        i = run_end
    return None


def _honorific_bracket(doc: Doc, i: int, roles: dict[int, str]) -> bool:
    """A bracket of honorifics only at token `i`: "X (Retd)", "X (QC)" ends the name."""
    close = closing_bracket(doc, i, i + 4) if doc[i].text == "(" else 0
    return bool(close) and all(roles.get(j) == "HON" for j in range(i + 1, close - 1))


PLACE_OF_EVENT = ("at", "in", "during")  # "X of Argentina [at] the White House": where he was


def state_after(doc: Doc, i: int) -> int:
    """End of "of [the] <state>" at token `i` when punctuation, a line break, a verb or the
    end of the text follows ("Anne Neuberger [of the United States of America] –"; not "the
    Jogye Order [of Korea] and ..."); 0 otherwise."""
    roles = gazetteer_roles(doc)
    if i >= len(doc) or doc[i].lower_ != "of":
        return 0
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
    k = j
    while k < len(doc) and roles.get(k) == "PLACE":
        k += 1
    if k == j:
        return 0
    nxt = doc[k] if k < len(doc) else None
    ends = nxt is None or nxt.is_space or (nxt.is_punct and nxt.text not in "(-'’") or (
        nxt.pos_ in ("VERB", "AUX")) or nxt.lower_ in PLACE_OF_EVENT
    return k if ends else 0


def _named_with_acronym(doc: Doc, i: int) -> bool:
    """Capitalized words from token `i` end with a parenthesized acronym, as a body's name
    does ("... and Investment (GAFI)")."""
    j = i
    while j < len(doc) and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    return i < j and j + 2 < len(doc) and doc[j].text == "(" and doc[j + 1].text.isupper() and (
        doc[j + 2].text == ")")


def after_comma(doc: Doc, end: int, start: int) -> bool:
    """Token `start` comes right after the comma at `end` (honorifics between allowed)."""
    roles = gazetteer_roles(doc)
    return end < start and doc[end].text == "," and all(
        roles.get(i) == "HON" for i in range(end + 1, start))
