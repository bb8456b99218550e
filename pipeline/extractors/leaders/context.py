"""Context of a leader mention that state linking reads: the sentence, paragraph and list it
stands in, the states named next to it, the article's opening, and offices the article names
without a person. Plain functions of the doc (and mentions); the strategies that weigh this
evidence are in `linking.py`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from pipeline.extractors.base import closing_bracket, doc_text, is_blank
from pipeline.extractors.leaders.bodies import names_body, places_in
from pipeline.extractors.leaders.mentions import Mention
from pipeline.extractors.leaders.offices import office_of_office, title_of
from pipeline.extractors.leaders.merge import Person
from pipeline.extractors.leaders.names import surname_of
from pipeline.extractors.leaders.roles import (
    RULES_KEY, SENTS_CACHE, TITLES_LABEL, code_kind, gaz_spans, known_people, role_of,
)
from pipeline.normalizers.countries import NATION_LABELS


def named_offices(doc: Doc) -> list[tuple[str, str, Span]]:
    """(title, country, span) of offices named without a person ("the President of Russia")."""
    out = []
    for span in doc.spans.get(RULES_KEY, []):
        if span.label_ != "OFFICE":
            continue
        titles = gaz_spans(doc, span.start, span.end, (TITLES_LABEL,))
        places = places_in(doc, span.start, span.end)
        if not places:
            continue
        title, kind, former = title_of(doc, titles, span.end if span.id_.endswith("place_title")
                                       else span.start)
        if former or office_of_office(doc, span):
            continue  # "the Heraldic Council of the President of the Russian Federation"
        if names_body(doc, places[-1].end):
            continue  # "President of the Russian [Hockey Federation]": a body's office
        out.append((title, code_kind(places[0])[0], span))
    return out


def of_no_body(doc: Doc, i: int) -> bool:
    """The "of" at token i does not name what the office heads: "accusing the prime minister
    of 'hiding away'", "the prime minister of doing nothing" (no capitalized word, no "the"
    after it), unlike "the prime minister of Australia"."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and nxt.lower_ != "the" and not nxt.text[:1].isupper()


def known_facts(doc: Doc) -> list[tuple[str, str, str]]:
    """(surname, country, title) of the facts whose names the text holds (gazetteer spans of
    leaders.csv and known_people.csv)."""
    return [(surname_of(span.text), *code_kind(span)) for span in known_people(doc)]


def near_mentions(doc: Doc, span: Span, mentions: Iterable[Mention]) -> bool:
    """`span` is in the sentence of one of `mentions` or in a sentence next to it."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return any(abs(span.start - m.start) < 60 for m in mentions)
    starts = doc.user_data.get(SENTS_CACHE)
    if starts is None:
        starts = doc.user_data[SENTS_CACHE] = [s.start for s in doc.sents]

    def sent_no(i: int) -> int:
        return bisect_left(starts, i + 1) - 1

    here = sent_no(span.start)
    return any(abs(here - sent_no(m.start)) <= 1 for m in mentions)


def free_states(doc: Doc, person: Person, persons: list[Person]) -> set[str]:
    """States named in the sentence (its paragraph) of the person's first titled mention,
    outside every leader mention ("... members of the U.S. Congress")."""
    first = min(person.mentions, key=lambda m: m.start)
    sent = doc[first.start].sent if doc.has_annotation("SENT_START") or doc.has_annotation(
        "DEP") else doc[:]
    lo, hi = paragraph(doc, sent.start, sent.end, first.start)
    taken = [(m.ctx_start, after_brackets(doc, m.ctx_end)) for p in persons for m in p.mentions]
    return {code_kind(s)[0] for s in gaz_spans(doc, lo, hi, NATION_LABELS)
            if not any(a <= s.start < b for a, b in taken)}


def paragraph(doc: Doc, start: int, end: int, i: int) -> tuple[int, int]:
    """The part of the sentence [start, end) between the blank lines around token `i`: the
    parser often runs a headline into the paragraph under it."""
    for k in range(i - 1, start - 1, -1):
        if is_blank(doc[k].text):
            start = k + 1
            break
    return start, next((k for k in range(i, end) if is_blank(doc[k].text)), end)


def after_brackets(doc: Doc, end: int, reach: int = 5) -> int:
    """`end`, or past the brackets that open there: a mention's state is often followed by
    its acronym ("the Ambassador of the United Arab Emirates (UAE)"), no other state."""
    if end < len(doc) and doc[end].text == "(":
        return closing_bracket(doc, end, end + reach) or end
    return end


def listed_after(doc: Doc, prev: Mention, mention: Mention) -> bool:
    """`mention` follows `prev` in a list: only "," "and" ";" (and honorifics before a
    name, "the" before an office) between their matches."""
    between = [t for t in doc[prev.ctx_end:mention.ctx_start]
               if role_of(t) != "HON" and t.lower_ != "the"]
    if not between and prev.ctx_end > 0 and mention.ctx_start >= prev.ctx_end:
        between = [doc[prev.ctx_end - 1]]  # the match took the separator ("...;" "Mr. B")
    return 0 < len(between) <= 2 and all(t.lower_ in LIST_GLUE for t in between)


def lead_in_state(doc: Doc, mention: Mention, reach: int = 8,
                  people: Iterable[tuple[int, str]] = ()) -> str:
    """The one state a list's short lead-in names, when the mention opens the list and a
    semicolon ends its item: "Representing Mexico were [the Secretary of ..., A];", "The U.S.
    delegation was led by [the ..., B];", or names through a person of a known state (`people`:
    (token, state) of the mentions with one): "President X was accompanied by [A, Secretary of
    ...];"; else ""."""
    if not doc.has_annotation("SENT_START") or not semicolon_end(doc, mention):
        return ""
    start = doc[mention.ctx_start].sent.start
    if not 0 < mention.ctx_start - start <= reach:
        return ""
    codes = {code_kind(p)[0] for p in places_in(doc, start, mention.ctx_start)}
    codes |= {state for i, state in people if start <= i < mention.ctx_start}
    i = mention.ctx_start - 1
    if doc[i].lower_ == "the" and i > start:
        i -= 1
    last = doc[i]
    if len(codes) != 1 or not (last.pos_ in ("VERB", "AUX", "ADP") or last.text == ":"):
        return ""
    return codes.pop()


def speaker_label(doc: Doc, mention: Mention) -> bool:
    """A transcript's speaker tag: an upper-case mention that opens its line and a colon ends
    ("PRIME MINISTER TRUDEAU:")."""
    start, end = mention.ctx_start, mention.end
    return end < len(doc) and doc[end].text == ":" and doc[start:end].text.isupper() and (
        start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_)


def semicolon_end(doc: Doc, mention: Mention) -> bool:
    """A semicolon ends the mention's match (inside it or right after it)."""
    end = mention.ctx_end
    return 0 < end <= len(doc) and (doc[end - 1].text == ";"
                                    or end < len(doc) and doc[end].text == ";")


def semicolon_after(doc: Doc, mention: Mention) -> bool:
    """A semicolon comes before the mention's match, with at most "and", "the" and two
    lower-case words between ("; and the [Secretary ...]", "; the fiscal [Attorney General,
    X]"): the match opens an item of a list split by semicolons."""
    i, words = mention.ctx_start - 1, 0
    while i >= 0 and (doc[i].lower_ in ("and", "the") or doc[i].is_space or (
            doc[i].is_alpha and doc[i].is_lower and words < 2)):
        words += doc[i].is_alpha and doc[i].lower_ not in ("and", "the")
        i -= 1
    return i >= 0 and doc[i].text == ";"


def semicolon_item(doc: Doc, mention: Mention) -> bool:
    """A "name, office" mention that a semicolon ends: an item of a list of such items."""
    return mention.start == mention.ctx_start and semicolon_end(doc, mention)


LIST_GLUE = {",", ";", "and", "&"}


def opening_state(doc: Doc, sentences: int = 2) -> str:
    """The state the article opens with: the first state of its first `sentences` sentences
    (a headline line counts as one) named before any verb of its line ("JAPAN CONSIDERING
    ...", "The Japanese government is considering ..."), not as an object ("... discussed
    the grain deal with Brazil"); "" when none."""
    parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    sents = [s for _, s in zip(range(sentences), doc.sents)] if parsed else [doc[:]]
    text = doc_text(doc)
    for sent in sents:
        for span in gaz_spans(doc, sent.start, sent.end, NATION_LABELS):
            line = text.rfind("\n", 0, span.start_char) + 1
            if not any(t.pos_ in ("VERB", "AUX") and t.idx >= line
                       for t in doc[sent.start:span.start]):
                return code_kind(span)[0]
    return ""


def in_opening(doc: Doc, i: int, sentences: int = 3) -> bool:
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


def sentence_states(doc: Doc, mention: Mention) -> set[str]:
    """The states named in the sentence of `mention`."""
    sent = doc[mention.start].sent if doc.has_annotation("SENT_START") else doc[:]
    return {code_kind(s)[0] for s in gaz_spans(doc, sent.start, sent.end, NATION_LABELS)}


def states_next_to(doc: Doc, mention: Mention, window: int = 1) -> set[str]:
    """States named right before or after a mention's rule match ("Slovenia's" in "Slovenia's
    Prime Minister Golob": the possessive is one token)."""
    start, end = max(0, mention.ctx_start - window), min(len(doc), mention.ctx_end + window)
    return {code_kind(s)[0] for s in gaz_spans(doc, start, end, NATION_LABELS)
            if not (mention.ctx_start <= s.start < mention.ctx_end)}
