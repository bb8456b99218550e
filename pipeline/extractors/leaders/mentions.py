"""Candidate mentions: the `leaders_rules` matches parsed into (name, title, country).

`rule_mentions` resolves overlapping matches, `parse_mention` turns one LEADER span into
mentions (several for lists), `_parse_domain` one LEADER_DOMAIN span (an office with a
written-out portfolio, the name cut by the model's PERSON entity). `person_names` gives the
model's PERSON entities trimmed to their names.

Offices (kinds of titles.csv, their flags in title_kinds.csv): `needs_place` ones (Chairman,
Director, ...) count only with a state or organization in the same mention, as a company has
them too; a capitalized word before an office that is not a state ("Microsoft President",
"Sri Lanka Cricket") marks a company or body and drops the mention, except for `state_only`
offices (minister, governor, official: "State Duma Speaker"); a `lower_case_corporate`
office ("president") written in lower case with no state is a company's; `generic` words
("leader", "counterpart") make a mention but never a title; "former" is kept and lowers the
confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.names import fold, name_tokens
from pipeline.extractors.leaders.roles import (
    ACRONYMS_CACHE, INSTITUTION_KIND, JOINERS, KNOWN_LABEL, PORTFOLIOS_LABEL, SEPARATORS,
    SKIP_ENTS, TITLES_LABEL, code_kind,
    gaz_spans, gazetteer_roles, inner_name_stop,
)
from pipeline.normalizers.countries import STATE_LABELS as PLACE_LABELS

FORMER = "former"  # the code of titles.csv modifiers that mean the office is no longer held

# Confidence by evidence (see `Person.confidence`).
CONF_PLACE = 0.9  # the office and its state/organization are in the mention
CONF_TITLE = 0.8  # an office, no state in the mention
CONF_DOMAIN = 0.7  # office with a portfolio; name cut by the model's PERSON entity
CONF_LINKED = 0.6  # known leader + an office named without a person


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
    state_body: bool = False  # an office of a body only a state has ("Director of Customs")
    ctx_start: int = 0  # token span of the whole rule match
    ctx_end: int = 0
    start_char: int = 0
    end_char: int = 0

    @property
    def tokens(self) -> list[str]:
        return name_tokens(self.name)


def _name_runs(doc: Doc, start: int, end: int, covered: set[int]) -> list[tuple[int, int]]:
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


def _name_like(tok: Token, roles: dict[int, str]) -> bool:
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
    """Drop trailing joiners/particles; cut at a repeated token (glued transcript headers)."""
    seen: set[str] = set()
    for i in range(start, end):
        key = fold(doc[i].text)
        if key in seen and doc[i].text not in JOINERS:
            end = i
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


def places_in(doc: Doc, start: int, end: int) -> list[Span]:
    """States/organizations in the mention, except a host state after "to" or "in"
    (ambassadors, embassies)."""
    spans = gaz_spans(doc, start, end, (*PLACE_LABELS, KNOWN_LABEL))
    out = []
    host = False
    for span in spans:
        if span.label_ == KNOWN_LABEL and code_kind(span)[1] != INSTITUTION_KIND:
            continue
        before = doc[span.start - 1] if span.start > start else None
        if before is not None and before.lower_ == "the" and span.start - 1 > start:
            before = doc[span.start - 2]
        if before is not None and before.lower_ in ("to", "in"):
            host = True
        elif host and before is not None and before.text in (",", "and"):
            pass  # "Ambassador to Sri Lanka and [Maldives]": still the host
        else:
            # "Consul General for Sri Lanka in Mumbai, [India]": a city of the host between
            prev = out[-1].end if out else start
            host = any(doc[i].lower_ in ("to", "in") for i in range(prev, span.start)) and all(
                doc[i].text[:1].isupper() or doc[i].text == "," or doc[i].lower_ in (
                    "to", "in", "the") for i in range(prev, span.start))
        if not host:
            out.append(span)
    return out


def _country_for(doc: Doc, places: list[Span], runs: list[tuple[int, int]], n: int) -> str:
    """The state of the n-th name: lists pair names and states in order; otherwise the state
    after "of" ("President of the Republic of Finland") beats one before the office."""
    if not places:
        return ""
    if len(runs) > 1 and len(places) == len(runs):
        return code_kind(places[n])[0]

    def after_of(span: Span) -> bool:
        i = span.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        return i >= 0 and doc[i].lower_ in ("of", "for")

    of_places = [p for p in places if after_of(p)]
    chosen = of_places[0] if of_places else places[0]
    if len(runs) == 1 or chosen.start < runs[0][0]:
        return code_kind(chosen)[0]
    return code_kind(chosen)[0] if n == len(runs) - 1 and chosen.start >= runs[-1][1] else ""


_NOT_NAME_POS = {"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "NUM", "PART"}


def _plausible_name(doc: Doc, start: int, end: int) -> bool:
    """Reject title-case headline words caught as a name ("President Engages with ...")."""
    if not doc.has_annotation("POS"):
        return True
    return not any(doc[i].pos_ in _NOT_NAME_POS for i in range(start, end)
                   if doc[i].text not in JOINERS and not inner_name_stop(doc, i)
                   and not (start < i < end - 1 and doc[i].is_lower))  # "Willy [de] Clercq"


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
    persons = list(persons)
    for p in persons:
        if start < p.start < end and p.end == end:
            if any(inner_name_stop(p.doc, i) for i in range(start, p.start + 1)):
                return run  # the model split the name at its stop word: "Anna [Do Berg]"
            if any(q.start <= start < q.end for q in persons):
                return run  # the model split the name: "[Juan Antonio] March [Pujol]"
            return p.start, end
    return run


def _two_persons(persons: Iterable[Span], start: int, end: int) -> bool:
    """The model finds two people of two words or more in one run of name words ("Anwar
    Ibrahim Donald J. Trump" in a signature block laid out in two columns; not "[Anna Do]
    [Berg]", a name the model cut at its stop word)."""
    return sum(1 for p in persons if start <= p.start < end and len(p) > 1) > 1


def _acronym(doc: Doc, run: tuple[int, int], titles: list[Span]) -> bool:
    """An all-caps "name" after a mixed-case office is an organization's acronym ("CBSL")."""
    name = doc[run[0]:run[1]].text
    return name.isupper() and not any(t.text.isupper() for t in titles)


def _written_lower(titles: list[Span], name_start: int) -> bool:
    """The office nearest before the name is written in lower case ("president")."""
    if not titles:
        return False
    kinds = kinds_of(titles[0].doc)
    before = [t for t in titles if t.end <= name_start and kinds.is_office(code_kind(t)[1])]
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


def _continues_into_office(doc: Doc, end: int) -> bool:
    """The "name" is the start of a body or office: "[Tourism Promotion] Bureau", "[State]
    Ministers"."""
    return end < len(doc) and gazetteer_roles(doc).get(end) in ("BODY", "TITLE")


def _qualified_by_other_body(doc: Doc, span: Span) -> bool:
    """True when the office belongs to a body that is not a state: "Microsoft President X",
    "President of Sri Lanka Cricket X" (a capitalized unknown word glued to the office)."""
    roles = gazetteer_roles(doc)
    if span.start > 0 and roles.get(span.start) in ("TITLE", "HON"):
        prev = doc[span.start - 1]
        if prev.lower_ == "its":  # "its President" is an organization's
            return True
        if (prev.text[:1].isupper() and not prev.is_stop and not prev.is_punct
                and roles.get(prev.i, "BODY") == "BODY" and prev.ent_type_ not in SKIP_ENTS):
            # a portfolio or state body before a state office is fine: "Corporate Affairs
            # Minister", "State Duma Speaker", "Amur Region Governor"
            kinds = kinds_of(doc)
            first = next((t for t in gaz_spans(doc, span.start, span.end, (TITLES_LABEL,))
                          if kinds.is_office(code_kind(t)[1])), None)
            if first is None or not kinds.has(code_kind(first)[1], "state_only"):
                return True
    if span.end < len(doc) and roles.get(span.end - 1) == "PLACE":
        nxt = doc[span.end]
        if nxt.text in JOINERS and not doc[span.end - 1].whitespace_:
            return True  # "chairman of the Czech-Kazakh Business Council"
        if (nxt.text[:1].isupper() and not nxt.is_stop and not nxt.is_punct
                and roles.get(nxt.i, "BODY") == "BODY" and nxt.ent_type_ not in SKIP_ENTS):
            return True
    return False


def parse_mention(span: Span, persons_in: Iterable[Span] = ()) -> list[Mention]:
    """Mentions in one `leaders_rules` span (several for lists). `persons_in`: PERSON spans,
    used to cut the name from a written-out portfolio (LEADER_DOMAIN)."""
    doc = span.doc
    persons_in = list(persons_in)
    titles = gaz_spans(doc, span.start, span.end, (TITLES_LABEL,))
    if span.label_ == "LEADER_DOMAIN":
        return _parse_domain(span, titles, persons_in)
    if _qualified_by_other_body(doc, span):
        return []
    places = places_in(doc, span.start, span.end)
    roles = gazetteer_roles(doc)
    covered = {i for i in range(span.start, span.end) if i in roles}
    runs = _name_runs(doc, span.start, span.end, covered)
    if not runs:
        return []
    if office_of_office(doc, span):
        return []
    apposition = span.start not in roles and titles
    if apposition and span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") and (
            roles.get(span.start - 2) == "TITLE"):
        return []  # "State Ministers of [Finance], the Governor of ...": a portfolio
    if apposition:
        # "X, Senior Adviser to the President on Economic Affairs;": no name after the office
        runs = [r for r in runs if r[1] <= titles[0].start]
    elif titles and _comma_before_name(doc, titles, span.end) and _after_named_item(
            doc, titles[0].start):
        return []  # "X, the Secretary to the Treasury, Mr. [Y], the ...": X's office
    elif titles:
        # "India's [Commerce] and Industry Minister X": a portfolio before the office
        runs = [r for r in runs if r[0] >= titles[0].start]
    runs = [_trim_to_person(r, persons_in) for r in runs]
    # "Margaret Moran MP": a name the office follows (the whole match) goes on into it
    post = bool(apposition) and titles[0].end == span.end
    runs = [r for r in runs if _plausible_name(doc, *r) and not _in_body_name(doc, titles, *r)
            and (post or not _continues_into_office(doc, r[1])) and not _acronym(doc, r, titles)
            and not _two_persons(persons_in, *r)]
    kinds = kinds_of(doc)
    state_body = bool(titles) and (_has_state_body(doc, titles[0].start, span.end)
                                   or _of_an_office(doc, titles[0].start))
    body = False
    if apposition and not state_body:
        # "X, Chairman of [Sri Lanka] Singapore Business Council": a state inside the name
        # of a body that is not a state's names no state of the office
        places = [p for p in places if not _inside_name(doc, p)]
        body = _has_body(doc, titles[0].end, span.end)
        # "From the Inland Revenue Department, Mrs. X, Commissioner General; ...": a list
        # whose lead-in names a state body
        state_body = _lead_in_state_body(doc, span.start)
    out = []
    for n, (start, end) in enumerate(runs):
        title, kind, former = title_of(doc, titles, start)
        if not title and not kinds.has(kind, "generic"):
            continue
        country = _country_for(doc, places, runs, n)
        if body and not country and not kinds.has(kind, "state_only"):
            continue  # "X, President of International Council of Marine Industry": a body's
        if (not country and kinds.has(kind, "lower_case_corporate")
                and _written_lower(titles, start)):
            continue  # "..., president Michael Cornelissen said": a company's, as a rule
        guest = bool(country) and all(p.start >= end for p in places)
        if kinds.has(kind, "needs_place") and not country and not state_body:
            continue
        if apposition and title:
            title = _office_with_portfolio(doc, titles, span.end) or title
        elif title:
            title = _portfolio_before(doc, span.start, titles) + title
        name = doc[start:end]
        out.append(Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                           country=country, rule=span.id_, former=former, guest=guest,
                           state_body=state_body,
                           ctx_start=span.start, ctx_end=span.end,
                           confidence=CONF_PLACE if country else CONF_TITLE,
                           start_char=name.start_char, end_char=name.end_char))
    return out


def _portfolio_before(doc: Doc, start: int, titles: list[Span]) -> str:
    """The portfolio written before the first office of a match, with a space ("Russian
    [Emergencies] Minister", "India's [Commerce and Industry] Minister"); "" if none."""
    roles = gazetteer_roles(doc)
    first = titles[0].start
    i = first
    while i > start and doc[i - 1].text[:1].isupper() and roles.get(i - 1) in (None, "BODY") or (
            i > start + 1 and doc[i - 1].lower_ in ("and", "&") and doc[i - 2].text[:1].isupper()
            and roles.get(i - 2) in (None, "BODY")):
        i -= 1
    return doc[i:first].text + " " if i < first else ""


def _office_with_portfolio(doc: Doc, titles: list[Span], end: int) -> str:
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
    return _without_acronyms(doc[offices[0].start:place]) if place - last > 1 else ""


def _parse_domain(span: Span, titles: list[Span], persons: list[Span]) -> list[Mention]:
    """'Minister of Trade and Integration of Kazakhstan Bakhyt Sultanov': the name is the
    PERSON entity starting after the preposition; the portfolio is what lies between."""
    doc = span.doc
    kinds = kinds_of(doc)
    office = next((t for t in titles if t.start <= span.start + 3
                   and kinds.is_office(code_kind(t)[1])), None)
    if office is None:
        return []
    prep = office.end
    roles = gazetteer_roles(doc)
    confidence = CONF_DOMAIN
    person = next((p for p in persons if prep <= p.start < span.end), None)
    # the first run of name words after the portfolio's last word that ends where a name
    # ends ("... Industry and Trade [Oleg Ryazantsev], ..."), unless the model's PERSON
    # entity comes before it ("Prof. [Anil Jayantha] Perera" is cut by the model)
    found = _name_after_portfolio(doc, prep, span.end)
    if found is not None and person is not None and _after_comma(doc, found[1], person.start):
        found = None  # "Chief Minister of Uttar Pradesh, [Yogi Adityanath]"
    if found is not None and person is not None and found[0] < person.start < found[1] and (
            person.end == found[1]):
        found = (person.start, person.end)  # "Ambassador to Hanoi [Gennady Bezdetko]"
    if found is not None and (person is None or found[0] <= person.start):
        name_start, name_end = found
        confidence -= 0.1
        if name_start == prep + 1 and name_end - name_start > 2:
            name_start += 1  # "Ambassador to [Hanoi] Gennady Bezdetko": the portfolio first
    elif person is not None:
        name_start, name_end = person.start, min(person.end, span.end)
        if name_end - name_start > 2 and doc[name_start - 1].lower_ in ("and", "&"):
            name_start += 1  # "... Ecology and [Transport Sergei Ivanov]": a portfolio word
        elif doc[name_start - 1].lower_ in ("and", "&"):
            return []  # "Secretary of the Treasury, and [Jamieson Greer], ...": a list's next
    else:
        return []
    before = name_start - 1
    while before > prep and roles.get(before) == "HON":
        before -= 1
    if before > prep and doc[before].lower_ in ("and", "&"):
        return []  # "Commissioner of the CIABOC and Mr. [X]": the next item of a list
    if before > prep and any(kinds.has(code_kind(t)[1], "generic") for t in titles
                             if t.start <= before < t.end):
        return []  # "... of Sri Lanka and ICTA Board Members [X]": the members' names
    if before > prep and doc[before].text == "," and _after_named_item(doc, span.start):
        return []  # "X, Senior Adviser on Digital Economy, [Y], Director of ...": X's office
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
    # a state closing the portfolio names the office's state; one inside it names a body
    # ("Chairman of the [Sri Lanka] Cricket Board"), which is the state's own when the body
    # is one only a state has ("Deputy Head of the Embassy of [Japan]", "the [Sri Lanka]
    # Tourism Promotion Bureau")
    state_body = (_has_state_body(doc, prep, portfolio_end) or _of_an_office(doc, office.start)
                  or _to_an_office(doc, prep))
    inside = places_in(doc, span.start, portfolio_end)
    places = [p for p in inside if p.end == portfolio_end or p.end <= prep]
    first = prep + 1 + (doc[prep + 1].lower_ == "the" if prep + 1 < len(doc) else 0)
    lead = [p for p in inside if p.start == first and p.end < portfolio_end
            and doc[p.end].lower_ in ("for", "on", "of", ",", "and", "in", "to", "(")]
    if lead and not (places and places[-1].end == portfolio_end):
        places = lead  # "High Representative of the [European Union] for Foreign Affairs"
    elif places and places[-1].end == portfolio_end:
        cut = places[-1].start
        while cut > prep and doc[cut - 1].lower_ in ("of", "the"):
            cut -= 1
        portfolio_end = cut
    elif state_body:
        places = [p for p in inside if p.start >= prep][:1] or places
        if places and places[0].start >= prep and _has_state_body(doc, prep, places[0].start):
            # "Deputy Head of the Embassy [of Japan in Sri Lanka]"
            cut = places[0].start
            while cut > prep and doc[cut - 1].lower_ in ("of", "the"):
                cut -= 1
            portfolio_end = cut
    code, kind = code_kind(office)
    if any(t.lower_ in ("of", "for") for t in office):
        title = code  # the gazetteer already names the portfolio ("Minister of Foreign Affairs")
    else:
        while portfolio_end > prep and doc[portfolio_end - 1].lower_ in (",", "and", "&"):
            portfolio_end -= 1  # "for Nepal, Maldives, and [Sri Lanka]": the list's tail
        portfolio = _without_acronyms(doc[prep:portfolio_end]).strip(" ,")
        if len(portfolio.split()) < 2:
            return []
        title = f"{code} {portfolio}"
    if not state_body and _qualified_by_other_body(doc, span):
        return []  # "Microsoft [President of ...]" (not "Senior Economic [Advisors to President]")
    country = code_kind(places[0])[0] if places else ""
    if not country and not state_body and (kinds.has(kind, "needs_place") or (
            not kinds.has(kind, "state_only") and _has_body(doc, prep, portfolio_end))):
        return []  # "President of [International Council of Marine Industry] X": a body's
    name = doc[start:end]
    return [Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                    country=country, rule=span.id_, confidence=confidence, state_body=state_body,
                    ctx_start=span.start, ctx_end=span.end,
                    start_char=name.start_char, end_char=name.end_char)]


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
    gazetteer = gazetteer_roles(doc)

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
    """A portfolio match ends with the first PERSON entity after its office, or else with the
    first name after its portfolio: its run of capitalized words may go on into the next
    person's office ("... Transport Sergei Ivanov and Chief of the General Staff ...") and
    would lose the overlap with that one."""
    person = next((p for p in persons if span.start + 2 < p.start and p.end <= span.end), None)
    found = _name_after_portfolio(span.doc, span.start + 1, span.end)
    if found is not None and person is not None and _after_comma(span.doc, found[1],
                                                                 person.start):
        found = None
    if found is not None and (person is None or found[0] <= person.start):
        end = found[1]
    elif person is not None:
        end = person.end
    else:
        return span
    return Span(span.doc, span.start, end, label=span.label_, span_id=span.id_)


# words that go on with a portfolio or a body's name after a run of capitalized words
PORTFOLIO_GLUE = {"of", "for", "to", "on", "at", "in", "'s", "’s", "(", "-"}
NAME_MAX = 5  # name words, initials included ("A. W. L. C. Weerakoon")
ACRONYM_GLUE = {"of", "for", "to", "on", "and", "or", "the", "&"}  # inside a body's name


def _name_after_portfolio(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The first run of at least two name words in [start, end) that ends where a name ends
    (punctuation, a line break, "and", a lower-case word, the end of the text) and not where
    a portfolio goes on ("of", "for", "'s", "("); words of the office vocabulary (portfolios,
    bodies, states) are never name words, a parenthesized acronym is skipped."""
    roles = gazetteer_roles(doc)
    i = start
    while i < end:
        if doc[i].text == "(":
            close = next((j for j in range(i + 1, min(end, i + 6)) if doc[j].text == ")"), None)
            i = (close if close is not None else i) + 1
            continue
        runs = _name_runs(doc, i, end, set(roles)) if _name_like(doc[i], roles) else []
        if not runs or runs[0][0] != i:
            i += 1
            continue
        run_start, run_end = runs[0]
        nxt = doc[run_end] if run_end < len(doc) else None
        if nxt is not None and nxt.lower_ in PORTFOLIO_GLUE:
            i = run_end
            continue  # "Halk Maslahaty of Turkmenistan": still the portfolio
        ends_name = nxt is None or nxt.is_space or (nxt.is_punct and nxt.text not in "(-") or (
            nxt.is_lower and nxt.is_alpha)
        if 2 <= run_end - run_start <= NAME_MAX and ends_name and not doc[
                run_start:run_end].text.isupper():
            return run_start, run_end
        i = run_end
    return None


def _after_comma(doc: Doc, end: int, start: int) -> bool:
    """Token `start` comes right after the comma at `end` (honorifics between allowed)."""
    roles = gazetteer_roles(doc)
    return end < start and doc[end].text == "," and all(
        roles.get(i) == "HON" for i in range(end + 1, start))


def _to_an_office(doc: Doc, prep: int) -> bool:
    """The portfolio at `prep` is another office: "Senior Economic Advisors [to President]",
    "Secretary [to the Prime Minister]" (an office of a state)."""
    i = prep + 1 + (prep + 1 < len(doc) and doc[prep + 1].lower_ == "the")
    return (doc[prep].lower_ in ("to", "of") and i < len(doc)
            and gazetteer_roles(doc).get(i) == "TITLE")


def _comma_before_name(doc: Doc, titles: list[Span], end: int) -> bool:
    """A comma (honorifics after it allowed) separates the match's last office from the
    name that ends it ("the Secretary to the Treasury, Mr. X")."""
    i = titles[-1].end
    return i < end and doc[i].text == ","


def _of_an_office(doc: Doc, start: int) -> bool:
    """The office at `start` is another office's: "President's [Director of International
    Affairs]", "the Prime Minister's [Spokesman]" (an office of a state)."""
    return start > 1 and doc[start - 1].lower_ in ("'s", "’s") and gazetteer_roles(doc).get(
        start - 2) == "TITLE"


def _after_named_item(doc: Doc, start: int) -> bool:
    """Token `start` follows "<name>, " ("the" between allowed) in a sentence that lists
    names with their offices after them ("Hans W., Senior Adviser ..., Sanjaya K., Executive
    Director of ..."): the office is that name's, not the next one's. In a sentence that
    lists offices with their names after them ("Deputy Defence Minister Alexei K.,
    Commander-in-Chief of the Aerospace Forces Sergei S.") it is not."""
    roles = gazetteer_roles(doc)
    i = start - 1
    while i >= 0 and roles.get(i) in ("TITLE", "HON") and doc[i].text != ",":
        i -= 1  # the match may start inside the office ("Senior [Adviser to ...]")
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    while i > 1 and doc[i].text == "," and roles.get(i - 1) == "HON":
        i -= 2  # "X, PC, Commissioner of ..."
    if not (i > 0 and doc[i].text == "," and _name_like(doc[i - 1], roles)):
        return False
    return _names_first(doc, start)


def _names_first(doc: Doc, i: int) -> bool:
    """The sentence of token `i` names a person, followed by a comma, before its first
    office: a list of "<name>, <office>" items."""
    sent = doc[i].sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    roles = gazetteer_roles(doc)
    first_title = next((t.i for t in sent if roles.get(t.i) == "TITLE"), sent.end)
    # a run of two name words or more followed by a comma before the first office
    run = 0
    for i in range(sent.start, first_title):
        if _name_like(doc[i], roles):
            run += 1
        elif run >= 2 and doc[i].text == ",":
            return True
        else:
            run = 0
    return False


def _without_acronyms(span: Span) -> str:
    """The text of `span` without parenthesized parts ("Agency for Strategic Initiatives
    (ASI)")."""
    doc, out, depth = span.doc, [], 0
    for tok in span:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(tok)
    return "".join(t.text_with_ws for t in out).strip() if out else doc[span.start:span.start].text


def _lead_in_state_body(doc: Doc, start: int) -> bool:
    """The sentence of token `start` names a body only a state has before it, and no other
    body: the lead-in of a list of that body's officials."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return False
    sent = doc[start].sent
    if sent.start == start or _has_body(doc, sent.start, start):
        return False
    return _has_state_body(doc, sent.start, start) and _names_first(doc, start)


def _inside_name(doc: Doc, place: Span) -> bool:
    """A state named inside a longer name: followed by a capitalized word that is no state
    ("[Sri Lanka] Singapore Business Council", "[Sri Lanka] Cricket")."""
    roles = gazetteer_roles(doc)
    i = place.end
    while i < len(doc) and roles.get(i) == "PLACE":
        i += 1
    return i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha


def _has_body(doc: Doc, start: int, end: int) -> bool:
    """A word ending the name of a body that is not a state's (titles.csv role BODY:
    Council, Association, Company; not part of a portfolios.csv `state_body`) is in
    [start, end)."""
    kinds = kinds_of(doc)
    state = {i for s in gaz_spans(doc, start, end, (PORTFOLIOS_LABEL,))
             if kinds.has(code_kind(s)[1], "state_body") for i in range(s.start, s.end)}
    return any(kinds.role(code_kind(s)[1]) == "BODY" and s.start not in state
               for s in gaz_spans(doc, start, end, (TITLES_LABEL,)))


def _has_state_body(doc: Doc, start: int, end: int) -> bool:
    """A body only a state has (portfolios.csv `state_body`) is named in [start, end), or
    the acronym the text gave one ("Director General of the [CIABOC]")."""
    kinds = kinds_of(doc)
    if any(kinds.has(code_kind(s)[1], "state_body")
           for s in gaz_spans(doc, start, end, (PORTFOLIOS_LABEL,))):
        return True
    acronyms = _state_acronyms(doc)
    return bool(acronyms) and any(doc[i].text in acronyms for i in range(start, end))


def _state_acronyms(doc: Doc) -> set[str]:
    """Acronyms the text defines for state bodies: "the Commission to Investigate
    Allegations of Bribery or Corruption (CIABOC)", "Central Bank of Sri Lanka (CBSL)"."""
    found = doc.user_data.get(ACRONYMS_CACHE)
    if found is not None:
        return found
    found = set()
    kinds = kinds_of(doc)
    bodies = [s for s in gaz_spans(doc, 0, len(doc), (PORTFOLIOS_LABEL,))
              if kinds.has(code_kind(s)[1], "state_body")]
    for body in bodies:
        i = body.end
        while i < min(len(doc) - 2, body.end + 8) and doc[i].text != "(" and (
                doc[i].text[:1].isupper() or doc[i].lower_ in ACRONYM_GLUE):
            i += 1
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            acronym = doc[i + 1].text
            if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8:
                found.add(acronym)
    doc.user_data[ACRONYMS_CACHE] = found
    return found


def person_names(doc: Doc) -> list[Span]:
    """The model's PERSON entities trimmed to name tokens (no title, honorific, possessive)."""
    roles = gazetteer_roles(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for start, end in _name_runs(doc, ent.start, ent.end, set(roles)):
            out.append(Span(doc, start, end, label="PERSON"))
    return out
