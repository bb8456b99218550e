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

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.bodies import (
    after_named_item, comma_before_name, has_body, has_state_body, inside_name,
    lead_in_state_body, of_an_office, office_body, places_in, state_body_before, to_an_office,
    without_acronyms,
)
from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.names import name_tokens
from pipeline.extractors.leaders.offices import (
    continues_into_office, no_office_over, office_of_office, office_with_portfolio,
    portfolio_before, qualified_by_other_body, title_of, written_lower,
)
from pipeline.extractors.leaders.roles import (
    JOINERS, TITLES_LABEL, code_kind, gaz_spans, gazetteer_roles, known_people,
)
from pipeline.extractors.leaders.runs import (
    acronym, after_comma, glued_words, in_body_name, initials, name_after_portfolio, name_runs,
    plausible_name, state_after, trim_to_person, two_persons,
)

# patterns of "office, body, name": in a list of "name, office" items they misread the items
COMMA_FIRST = {"title_comma_body_comma_name"}

# Confidence by evidence (see `Person.confidence`).
CONF_PLACE = 0.9  # the office and its state/organization are in the mention
CONF_TITLE = 0.8  # an office, no state in the mention
CONF_DOMAIN = 0.7  # office with a portfolio; name cut by the model's PERSON entity
CONF_LINKED = 0.6  # known leader + an office named without a person
DETERMINERS = ("the", "a", "an", "this", "that")  # no person's name follows one


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


def _after_determiner(doc: Doc, start: int) -> bool:
    """The capitalized words running back from `start` follow "the": before a post office
    they are its place, no name ("the Ealing North MP", "The Mid-Bedfordshire MP")."""
    i = start
    while i > 0 and doc[i - 1].lower_ not in DETERMINERS and (
            doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha
            or doc[i - 1].text == "-" and not doc[i - 1].whitespace_):
        i -= 1
    return i > 0 and doc[i - 1].lower_ in DETERMINERS


def _country_for(doc: Doc, places: list[Span], runs: list[tuple[int, int]], n: int,
                 titles: list[Span] = ()) -> str:
    """The state of the n-th name: lists pair names and states in order; otherwise the state
    after "of" ("President of the Republic of Finland") beats one before the office."""
    if not places:
        return ""
    if len(runs) > 1 and len(places) == len(runs):
        if len({p.label_ for p in places}) == 1 or not titles:
            return code_kind(places[n])[0]
        # "Ministers of China, Sri Lankan State Ministers X and Y": a state and a demonym are
        # no list of one office's states; the one next to the office is theirs
        office = titles[0].start
        next_to = [p for p in places if p.end == office or (
            p.end + 1 == office and doc[p.end].lower_ in ("'s", "’s"))]
        if next_to:
            return code_kind(next_to[0])[0]

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


def _bracketed(span: Span) -> set[int]:
    """Tokens in round brackets after an office ("Second Secretary (Commercial) X", "Prime
    Minister (Brian) Mulroney"): a qualifier or an editor's insertion, never the name."""
    out: set[int] = set()
    opened = None
    for tok in span:
        if tok.text == "(":
            opened = tok.i
        elif tok.text == ")" and opened is not None:
            out |= set(range(opened, tok.i + 1))
            opened = None
    return out


def parse_mention(span: Span, persons_in: Iterable[Span] = ()) -> list[Mention]:
    """Mentions in one `leaders_rules` span (several for lists). `persons_in`: PERSON spans,
    used to cut the name from a written-out portfolio (LEADER_DOMAIN)."""
    doc = span.doc
    persons_in = list(persons_in)
    titles = gaz_spans(doc, span.start, span.end, (TITLES_LABEL,))
    if span.label_ == "LEADER_DOMAIN":
        return _parse_domain(span, titles, persons_in)
    if qualified_by_other_body(doc, span):
        return []
    places = places_in(doc, span.start, span.end)
    roles = gazetteer_roles(doc)
    # an office word inside a longer body's name is no office ("Council of Economic
    # [Advisers] chairman X")
    titles = [t for t in titles if roles.get(t.start) in ("TITLE", "HON")]
    covered = {i for i in range(span.start, span.end) if i in roles} | _bracketed(span)
    runs = name_runs(doc, span.start, span.end, covered)
    if not runs:
        return []
    if office_of_office(doc, span):
        return []
    # (a match opening with "the" puts the office first: "the minister of trade, X,")
    opens_with_the = doc[span.start].lower_ == "the"
    # ("(Prime Minister Yasuhiro) Nakasone": an editor's insertion of the office and first
    # name before the surname)
    opens_bracket = doc[span.start].text == "("
    apposition = span.start not in roles and titles and not opens_with_the and not opens_bracket
    if apposition and span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") and (
            roles.get(span.start - 2) == "TITLE"):
        return []  # "State Ministers of [Finance], the Governor of ...": a portfolio
    if apposition:
        # "X, Senior Adviser to the President on Economic Affairs;": no name after the office
        # (an honorific before the name is no office: "appointed Dr. X as the Secretary")
        kinds = kinds_of(doc)
        office = next((t for t in titles if kinds.role(code_kind(t)[1]) == "TITLE"), titles[0])
        runs = [r for r in runs if r[1] <= office.start]
    elif titles and comma_before_name(doc, titles, span.end) and after_named_item(
            doc, titles[0].start):
        return []  # "X, the Secretary to the Treasury, Mr. [Y], the ...": X's office
    elif titles:
        # "India's [Commerce] and Industry Minister X": a portfolio before the office
        runs = [r for r in runs if r[0] >= titles[0].start]
        if opens_with_the:
            # "According to the Adviser to ..., [Europe] and the world": a place, no name
            runs = [r for r in runs if not all(doc[i].ent_type_ in ("GPE", "LOC", "NORP")
                                               for i in range(*r))]
    runs = [trim_to_person(r, persons_in) for r in runs]
    # "Margaret Moran MP": a name the office follows (the whole match) goes on into it
    post = bool(apposition) and titles[0].end == span.end
    runs = [r for r in runs if plausible_name(doc, *r) and not in_body_name(doc, titles, *r)
            and (post or not continues_into_office(doc, *r)) and not acronym(doc, r, titles)
            and not two_persons(persons_in, *r)
            and not (post and _after_determiner(doc, r[0]))]
    kinds = kinds_of(doc)
    state_body = bool(titles) and (has_state_body(doc, titles[0].start, span.end)
                                   or of_an_office(doc, titles[0].start)
                                   or office_body(doc, titles[0].end, span.end)
                                   or state_body_before(doc, titles[0].start))
    body = False
    if apposition and not state_body:
        # "X, Chairman of [Sri Lanka] Singapore Business Council": a state inside the name
        # of a body that is not a state's names no state of the office
        places = [p for p in places if not inside_name(doc, p)]
        body = has_body(doc, titles[0].end, span.end)
        # "From the Inland Revenue Department, Mrs. X, Commissioner General; ...": a list
        # whose lead-in names a state body
        state_body = lead_in_state_body(doc, span.start)
    out = []
    for n, (start, end) in enumerate(runs):
        title, kind, former = title_of(doc, titles, start)
        if not title and not kinds.has(kind, "generic"):
            continue
        country = _country_for(doc, places, runs, n, titles)
        if body and not country and not kinds.has(kind, "state_only"):
            continue  # "X, President of International Council of Marine Industry": a body's
        if (not country and not state_body and kinds.has(kind, "lower_case_corporate")
                and written_lower(titles, start, end if apposition else -1)
                and not any(k.start <= start and end <= k.end for k in known_people(doc))):
            continue  # "..., president Michael Cornelissen said": a company's, as a rule
            # (not after a state body: "Central Bank president Francisco Gros"; not a known
            # state official's: "former president Eduard Shevardnadze")
        guest = bool(country) and all(p.start >= end for p in places)
        if kinds.has(kind, "needs_place") and not country and not state_body:
            continue
        if apposition and title:
            title = office_with_portfolio(doc, titles, span.end) or title
        elif title:
            title = portfolio_before(doc, span.start, titles) + title
        name = doc[start:end]
        out.append(Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                           country=country, rule=span.id_, former=former, guest=guest,
                           state_body=state_body,
                           ctx_start=span.start, ctx_end=span.end,
                           confidence=CONF_PLACE if country else CONF_TITLE,
                           start_char=name.start_char, end_char=name.end_char))
    return out


def _parse_domain(span: Span, titles: list[Span], persons: list[Span]) -> list[Mention]:
    """'Minister of Trade and Integration of Kazakhstan Bakhyt Sultanov': the name is the
    PERSON entity starting after the preposition; the portfolio is what lies between."""
    doc = span.doc
    kinds = kinds_of(doc)
    office = next((t for t in titles if t.start <= span.start + 3
                   and kinds.is_office(code_kind(t)[1])), None)
    if office is None or no_office_over(office, titles, kinds):
        return []
    prep = office.end
    roles = gazetteer_roles(doc)
    confidence = CONF_DOMAIN
    person = next((p for p in persons if prep <= p.start < span.end), None)
    # the first run of name words after the portfolio's last word that ends where a name
    # ends ("... Industry and Trade [Oleg Ryazantsev], ..."), unless the model's PERSON
    # entity comes before it ("Prof. [Anil Jayantha] Perera" is cut by the model)
    found = name_after_portfolio(doc, prep, span.end)
    if found is not None and person is not None and after_comma(doc, found[1], person.start):
        found = None  # "Chief Minister of Uttar Pradesh, [Yogi Adityanath]"
    if found is not None and person is not None and found[0] < person.start < found[1] and (
            person.end == found[1]) and not initials(doc, found[0], person.start):
        found = (person.start, person.end)  # "Ambassador to Hanoi [Gennady Bezdetko]"
    if found is not None and (person is None or found[0] <= person.start):
        name_start, name_end = found
        confidence -= 0.1
        first = prep + 1 + (prep + 1 < len(doc) and doc[prep + 1].lower_ == "the")
        if person is None and name_start == first and name_end - name_start <= 2 and doc[
                prep].lower_ in ("of", "for", "to", "on"):
            return []  # "Acting Head of the Republic of [Mari El].": the portfolio, no name
        if name_end - name_start > 2 and (name_start == prep + 1 or doc[
                name_start - 1].lower_ in ("in", "at")):
            # "Ambassador to [Hanoi] Gennady Bezdetko", "... Embassy of Sri Lanka in [Riyadh]
            # Tashma Vithanawasam": a city of the portfolio first
            name_start += 1
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
    if before > prep and (doc[before].lower_ in ("and", "&") or (
            doc[before].lower_ == "the" and doc[before - 1].text == ",")):
        # "Commissioner of the CIABOC and Mr. [X]": the next item of a list; "..., the
        # [Principal] and teaching staff": no name
        return []
    if before > prep and any(kinds.has(code_kind(t)[1], "generic") for t in titles
                             if t.start <= before < t.end):
        return []  # "... of Sri Lanka and ICTA Board Members [X]": the members' names
    if before > prep and doc[before].text == "," and after_named_item(doc, span.start):
        return []  # "X, Senior Adviser on Digital Economy, [Y], Director of ...": X's office
    covered = {i for i in range(name_start, name_end) if i in roles}
    runs = name_runs(doc, name_start, name_end, covered)
    if not runs or glued_words(doc, *runs[-1]):
        return []
    start, end = runs[-1]
    if doc[start - 1].text in JOINERS or (
            any(doc[i].text in JOINERS for i in range(start, end))
            and not any(p.start <= start < p.end for p in persons)
            and any(t.is_alpha and t.pos_ != "PROPN" for t in doc[start:end])):
        return []  # "Member of Parliament for Mid-[Bedfordshire]", "... on Strengthening
        # [Long-Term Friendship]": the rest of a hyphenated word, or common nouns
    if end < len(doc) and doc[end].lower_ in ("of", "for") and not (
            end - start >= 2 and state_after(doc, end)):
        return []  # "... Diaspora Affairs of Kenya": still the portfolio
    portfolio_end = name_start
    while portfolio_end > prep and (doc[portfolio_end - 1].is_punct
                                    or roles.get(portfolio_end - 1) == "HON"):
        portfolio_end -= 1
    # a state closing the portfolio names the office's state; one inside it names a body
    # ("Chairman of the [Sri Lanka] Cricket Board"), which is the state's own when the body
    # is one only a state has ("Deputy Head of the Embassy of [Japan]", "the [Sri Lanka]
    # Tourism Promotion Bureau")
    state_body = (has_state_body(doc, prep, portfolio_end) or of_an_office(doc, office.start)
                  or to_an_office(doc, prep))
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
        if places and places[0].start >= prep and has_state_body(doc, prep, places[0].start):
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
        portfolio = without_acronyms(doc[prep:portfolio_end]).strip(" ,")
        if len(portfolio.split()) < 2:
            return []
        title = f"{code} {portfolio}"
    if not state_body and qualified_by_other_body(doc, span):
        return []  # "Microsoft [President of ...]" (not "Senior Economic [Advisors to President]")
    country = code_kind(places[0])[0] if places else ""
    guest = False
    if not country and state_after(doc, end):
        # "... Advisor for Cyber and Emerging Technology Anne Neuberger [of the United States]"
        after = places_in(doc, end, state_after(doc, end))
        country, guest = (code_kind(after[0])[0], True) if after else ("", False)
    if not country and not state_body and (kinds.has(kind, "needs_place") or (
            not kinds.has(kind, "state_only") and has_body(doc, prep, portfolio_end))):
        return []  # "President of [International Council of Marine Industry] X": a body's
    name = doc[start:end]
    return [Mention(start=start, end=end, name=name.text, title=title, kind=kind,
                    country=country, rule=span.id_, confidence=confidence, state_body=state_body,
                    guest=guest,
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
    blocked: list[Span] = []
    for span in sorted(longest.values(), key=rank):
        if any(i in taken for i in range(span.start, span.end)):
            blocked.append(span)
            continue
        if span.id_ in COMMA_FIRST and after_named_item(doc, span.start):
            continue  # "X, Additional Secretary, Ministry of Industries, Y": X's office
        mentions = parse_mention(span, persons)
        if mentions:
            found.extend(mentions)
            taken.update(range(span.start, span.end))
    _states_from_appositions(found, blocked, persons, gazetteer)
    return sorted(found, key=lambda m: m.start)


def _states_from_appositions(found: list[Mention], blocked: list[Span], persons: list[Span],
                             gazetteer: dict[int, str]) -> None:
    """A mention whose office names no state takes the state of an apposition on the same
    name that lost the overlap to it, when the apposition names the same kind of office:
    "Ambassador X, Sri Lanka's first envoy to Senegal"; not "President X, the Governor-General
    of Australia, Y" (the next person's office)."""
    stateless = {(m.start, m.end): m for m in found if not m.country}
    for span in blocked:
        if span.start in gazetteer or not stateless:
            continue  # not name-first
        for other in parse_mention(span, persons):
            mention = stateless.get((other.start, other.end))
            if mention is not None and other.country and other.kind == mention.kind:
                mention.country = other.country
                mention.confidence = max(mention.confidence, other.confidence)


def _domain_to_person(span: Span, persons: list[Span]) -> Span:
    """A portfolio match ends with the first PERSON entity after its office, or else with the
    first name after its portfolio: its run of capitalized words may go on into the next
    person's office ("... Transport Sergei Ivanov and Chief of the General Staff ...") and
    would lose the overlap with that one."""
    person = next((p for p in persons if span.start + 2 < p.start and p.end <= span.end), None)
    found = name_after_portfolio(span.doc, span.start + 1, span.end)
    if found is not None and person is not None and after_comma(span.doc, found[1],
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


def person_names(doc: Doc) -> list[Span]:
    """The model's PERSON entities trimmed to name tokens (no title, honorific, possessive),
    and the known people (gazetteer facts) named in full where the model saw no person."""
    roles = gazetteer_roles(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for start, end in name_runs(doc, ent.start, ent.end, set(roles)):
            out.append(Span(doc, start, end, label="PERSON"))
    taken = {i for s in out for i in range(s.start, s.end)}
    for span in known_people(doc):
        if len(span) > 1 and not taken.intersection(range(span.start, span.end)):
            out.append(Span(doc, span.start, span.end, label="PERSON"))
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)
