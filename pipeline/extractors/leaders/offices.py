"""Offices a leaders match names: the title and kind a name holds (`title_of`), and the tests
that tell a state's office from a body's or another office's ("Chairman of the Board",
"the Heraldic Council of the President"), with the portfolio written around it ("Minister of
Foreign Affairs and Trade", "India's Commerce and Industry Minister"). Plain functions of the
doc; `mentions.py` applies them to each match."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.bodies import state_body_before, without_acronyms
from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.roles import (
    JOINERS, PORTFOLIOS_LABEL, SKIP_ENTS, TITLES_LABEL, code_kind, gaz_spans, gazetteer_roles,
)
from pipeline.extractors.leaders.runs import ACRONYM_GLUE, PORTFOLIO_GLUE

FORMER = "former"  # the code of titles.csv modifiers that mean the office is no longer held


def title_of(doc: Doc, titles: list[Span], name_start: int) -> tuple[str, str, bool]:
    """(title, kind, former) from the title run nearest to the name."""
    kinds = kinds_of(doc)
    titles = [s for s in titles if kinds.role(code_kind(s)[1]) == "TITLE"]
    offices = [s for s in titles if not kinds.has(code_kind(s)[1], "modifier")]
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
    former = any(code == FORMER and kinds.has(kind, "modifier")
                 for code, kind in map(code_kind, run))
    specific = [s for s in run if kinds.is_office(code_kind(s)[1])]
    if not specific:
        generic = [s for s in run if kinds.has(code_kind(s)[1], "generic")]
        return ("", code_kind(generic[0])[1], former) if generic else ("", "", former)
    code, kind = code_kind(min(specific, key=lambda s: s.start))
    return code, kind, former


def written_lower(titles: list[Span], name_start: int, name_end: int = -1) -> bool:
    """The office nearest before the name (after it, for an apposition: `name_end`) is
    written in lower case ("president")."""
    if not titles:
        return False
    kinds = kinds_of(titles[0].doc)
    offices = [t for t in titles if kinds.is_office(code_kind(t)[1])]
    if name_end >= 0:
        after = [t for t in offices if t.start >= name_end]
        return bool(after) and after[0].text.islower()
    before = [t for t in offices if t.end <= name_start]
    return bool(before) and before[-1].text.islower()


def office_of_office(doc: Doc, span: Span) -> bool:
    """The office belongs to another office's name: "Director of the Office of His Majesty
    the King Jafar Hassan" (the person is the director, not the king), "co-chair of the Youth
    Council under the President of Ukraine Oleksandr Sanchenko"."""
    roles = gazetteer_roles(doc)
    i = span.start - 1
    while i >= 0 and (roles.get(i) == "HON" or doc[i].lower_ == "the"):
        i -= 1
    return (i > 0 and doc[i].lower_ in ("of", "to", "under") and roles.get(span.start) == "TITLE"
            and roles.get(i - 1) in ("BODY", "TITLE"))


def continues_into_office(doc: Doc, start: int, end: int) -> bool:
    """The "name" is the start of a body or office: "[Tourism Promotion] Bureau", "[State]
    Ministers", "[Book Publishers]’ Association"; or, after a state, a body's name that an
    honorific written before a name follows ("the Sri Lanka [Amarapura Maha Sangha Sabha]
    Ven. X"; not "President [Hassan] Sheikh Mohamud")."""
    roles = gazetteer_roles(doc)
    if end < len(doc) - 1 and doc[end].text in ("'", "’"):
        end += 1  # a plural possessive
    if end >= len(doc):
        return False
    if (roles.get(end) == "HON" and not doc[end].text.isupper()  # not "PC", "QC"
            and start > 0 and roles.get(start - 1) == "PLACE"):
        return True
    return roles.get(end) in ("BODY", "TITLE")


STATE_NOUNS = {"country", "nation", "state", "republic", "government", "island", "kingdom"}


def of_a_common_noun(doc: Doc, end: int) -> bool:
    """The office a match ends with is of a body named by a common noun: "was elected as
    the President [of the club]" ("of the country" names a state)."""
    roles = gazetteer_roles(doc)
    if end + 1 >= len(doc) or roles.get(end - 1) != "TITLE" or doc[end].lower_ != "of":
        return False
    i = end + 1
    if doc[i].lower_ in ("the", "a", "an", "this", "our", "its", "their"):
        i += 1
    if i >= len(doc) or not doc[i].is_lower or doc[i].pos_ != "NOUN" or \
            doc[i].lower_ in STATE_NOUNS or roles.get(i) not in (None, "BODY"):
        return False
    # a portfolio is the office's own ("Minister of the interior")
    return not gaz_spans(doc, i, i + 1, (PORTFOLIOS_LABEL,))


def qualified_by_other_body(doc: Doc, span: Span) -> bool:
    """True when the office belongs to a body that is not a state: "Microsoft President X",
    "President of Sri Lanka Cricket X" (a capitalized unknown word glued to the office)."""
    roles = gazetteer_roles(doc)
    if span.start > 0 and roles.get(span.start) in ("TITLE", "HON"):
        prev = doc[span.start - 1]
        if prev.lower_ == "its":  # "its President" is an organization's
            return True
        # an acronym no gazetteer knows, before the whole office run, names a body too:
        # "SGCCI (Vice) President X"
        office_start = span.start
        while office_start > 0 and roles.get(office_start - 1) in ("TITLE", "HON"):
            office_start -= 1
        before = doc[office_start - 1] if office_start > 0 else None
        unknown_acronym = before is not None and (
            len(before.text) > 1 and before.text.isupper() and before.is_alpha
            and before.i not in roles and before.ent_type_ not in SKIP_ENTS)
        if unknown_acronym:
            prev = before
        if (prev.text[:1].isupper() and not prev.is_stop and not prev.is_punct
                and (roles.get(prev.i, "BODY") == "BODY" or unknown_acronym)
                and prev.ent_type_ not in SKIP_ENTS):
            # a portfolio or state body before a state office is fine: "Corporate Affairs
            # Minister", "State Duma Speaker", "Amur Region Governor"
            kinds = kinds_of(doc)
            first = next((t for t in gaz_spans(doc, span.start, span.end, (TITLES_LABEL,))
                          if kinds.is_office(code_kind(t)[1])), None)
            portfolio = bool(gaz_spans(doc, prev.i, prev.i + 1, (PORTFOLIOS_LABEL,)))
            if first is None or not (kinds.has(code_kind(first)[1], "state_only") or portfolio
                                     or state_body_before(doc, span.start)):
                return True  # ("Cyber Security Coordinator": a portfolio; needs_place holds;
                # "Senate Finance Committee chairman": a state body's committee)
    if of_a_common_noun(doc, span.end):
        return True
    if span.end < len(doc) and roles.get(span.end - 1) == "PLACE":
        nxt = doc[span.end]
        if nxt.text in JOINERS and not doc[span.end - 1].whitespace_:
            return True  # "chairman of the Czech-Kazakh Business Council"
        if (nxt.text[:1].isupper() and not nxt.is_stop and not nxt.is_punct
                and roles.get(nxt.i, "BODY") == "BODY" and nxt.ent_type_ not in SKIP_ENTS):
            return True
    return False


def portfolio_before(doc: Doc, start: int, titles: list[Span]) -> str:
    """The portfolio or body written before the first office of a match, with a space
    ("Russian [Emergencies] Minister", "India's [Commerce and Industry] Minister", "[Ministry
    of Foreign Affairs] Director General"); "" if none."""
    roles = gazetteer_roles(doc)
    first = titles[0].start
    i = first
    while i > start and doc[i - 1].text[:1].isupper() and roles.get(i - 1) in (None, "BODY") or (
            i > start + 1 and doc[i - 1].lower_ in ("and", "&", "of")
            and doc[i - 2].text[:1].isupper() and roles.get(i - 2) in (None, "BODY")):
        i -= 1
    return doc[i:first].text + " " if i < first else ""


def office_with_portfolio(doc: Doc, titles: list[Span], end: int) -> str:
    """The office as written with its portfolio ("Senior Advisor to the President on Economic
    Affairs", "Minister of Foreign Affairs and Trade", "Director General of Customs") when the
    match goes on past its last office with "on"/"for"/"and"/"of"/"to" and capitalized words
    (a closing "of <state>", acronyms in brackets and punctuation left out); "" otherwise."""
    kinds = kinds_of(doc)  # not "Bank" of "World Bank", nor a "Mr." after the office
    offices = [t for t in titles if kinds.role(code_kind(t)[1]) == "TITLE"]
    if not offices:
        return ""
    last = offices[-1].end
    if last >= end or doc[last].lower_ not in ("on", "for", "and", "of", "to"):
        return ""
    roles = gazetteer_roles(doc)
    stop = next((i for i in range(last + 1, end) if roles.get(i) in ("PLACE", "HON") or not (
        doc[i].text[:1].isupper() or doc[i].lower_ in PORTFOLIO_GLUE | ACRONYM_GLUE
        or doc[i].text in "()")), end)
    place = stop
    while place > last and (doc[place - 1].is_punct or doc[place - 1].is_space
                            or doc[place - 1].lower_ in ("of", "the", "at", "and", "in")):
        place -= 1
    # a modifier written in lower case is no part of the office's name ("the new Secretary")
    first = next((t for t in offices if not (kinds.has(code_kind(t)[1], "modifier")
                                             and t.text.islower())), offices[0])
    return without_acronyms(doc[first.start:place]) if place - last > 1 else ""


def no_office_over(office: Span, titles: list[Span], kinds) -> bool:
    """A longer title over the office names no office ("[Chairman of the Constitutional
    Court]": a judge's, titles.csv kind `judicial`)."""
    longer = [code_kind(t)[1] for t in titles if t.start <= office.start
              and office.end <= t.end and len(t) > len(office)]
    return any(kinds.role(kind) == "TITLE" and not (
        kinds.is_office(kind) or kinds.has(kind, "generic") or kinds.has(kind, "modifier"))
        for kind in longer)
