"""What a rule match says about bodies and lists: states named in it, bodies only a state
has (portfolios.csv `state_body`, or an acronym the text defines for one), bodies that are
not a state's (titles.csv role BODY), offices of other offices, and whether a sentence lists
names before their offices ("X, Director of ...; Y, ...") or offices before their names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.roles import (
    ACRONYMS_CACHE, INSTITUTION_KIND, KNOWN_LABEL, PORTFOLIOS_LABEL, TITLES_LABEL, code_kind,
    gaz_spans, gazetteer_roles,
)
from pipeline.extractors.leaders.runs import ACRONYM_GLUE, name_like
from pipeline.normalizers.countries import (
    NATION_LABELS, STATE_LABELS as PLACE_LABELS, is_organization,
)


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


def to_an_office(doc: Doc, prep: int) -> bool:
    """The portfolio at `prep` is another office: "Senior Economic Advisors [to President]",
    "Secretary [to the Prime Minister]" (an office of a state)."""
    i = prep + 1 + (prep + 1 < len(doc) and doc[prep + 1].lower_ == "the")
    return (doc[prep].lower_ in ("to", "of") and i < len(doc)
            and gazetteer_roles(doc).get(i) == "TITLE")


def comma_before_name(doc: Doc, titles: list[Span], end: int) -> bool:
    """A comma (honorifics after it allowed) separates the match's last office, with its
    state, from the name that ends it ("the Secretary to the Treasury, Mr. X", "Ambassador
    of China to Sri Lanka, Mr. X")."""
    kinds = kinds_of(doc)
    offices = [t for t in titles if kinds.role(code_kind(t)[1]) == "TITLE"] or titles
    roles = gazetteer_roles(doc)
    for comma in (i for i in range(offices[-1].end, end) if doc[i].text == ","):
        i = comma + 1
        while i < end and roles.get(i) == "HON":
            i += 1
        if i < end and doc[i].text[:1].isupper() and roles.get(i) not in (
                "TITLE", "PLACE", "BODY"):
            return True
    return False


def of_an_office(doc: Doc, start: int) -> bool:
    """The office at `start` is another office's: "President's [Director of International
    Affairs]", "the Prime Minister's [Spokesman]" (an office of a state)."""
    return start > 1 and doc[start - 1].lower_ in ("'s", "’s") and gazetteer_roles(doc).get(
        start - 2) == "TITLE"


def office_body(doc: Doc, start: int, end: int) -> bool:
    """A body of a state office is named in [start, end): "Director General of the
    [President's Media Division]", "Head of the [Prime Minister's Office]"."""
    roles = gazetteer_roles(doc)
    return any(doc[i].lower_ in ("'s", "’s") and roles.get(i - 1) == "TITLE"
               and doc[i + 1].text[:1].isupper() for i in range(start + 1, end - 1))


def after_named_item(doc: Doc, start: int) -> bool:
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
    if not (i > 0 and doc[i].text == "," and name_like(doc[i - 1], roles)):
        return False
    return names_first(doc, start)


def names_first(doc: Doc, i: int) -> bool:
    """The sentence of token `i` names a person, followed by a comma, before its first
    office: a list of "<name>, <office>" items."""
    sent = doc[i].sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    roles = gazetteer_roles(doc)
    first_title = next((t.i for t in sent if roles.get(t.i) == "TITLE"), sent.end)
    # a run of two name words or more followed by a comma before the first office
    run = 0
    for i in range(sent.start, first_title):
        if name_like(doc[i], roles):
            run += 1
        elif run >= 2 and doc[i].text == ",":
            return True
        else:
            run = 0
    return False


def without_acronyms(span: Span) -> str:
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


def lead_in_state_body(doc: Doc, start: int) -> bool:
    """The sentence of token `start` names a body only a state has before it, and no other
    body: the lead-in of a list of that body's officials."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return False
    sent = doc[start].sent
    if sent.start == start or has_body(doc, sent.start, start):
        return False
    return has_state_body(doc, sent.start, start) and names_first(doc, start)


def inside_name(doc: Doc, place: Span) -> bool:
    """A state named inside a longer name: followed by a capitalized word that is no state
    ("[Sri Lanka] Singapore Business Council", "[Sri Lanka] Cricket"), or following one
    that is no office ("AOL [UK]")."""
    roles = gazetteer_roles(doc)
    i = place.end
    while i < len(doc) and roles.get(i) == "PLACE":
        i += 1
    if i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and not (
            roles.get(i) == "TITLE" and is_organization(code_kind(place)[0])):
        return True  # (an organization's office word next is no name: "[WHO] Regional
        # Director"; a state's is the next person's office: "X, [Maldivian] President Y")
    j = place.start - 1
    return j >= 0 and doc[j].text[:1].isupper() and doc[j].is_alpha and roles.get(j) is None


def names_body(doc: Doc, i: int) -> bool:
    """Capitalized words from token `i` end in a word that ends a body's name (titles.csv
    role BODY): "Russian [Hockey Federation]", not "of Russia [Vladimir Putin]"."""
    roles = gazetteer_roles(doc)
    while i < len(doc) and doc[i].text[:1].isupper() and roles.get(i) not in (
            "TITLE", "HON", "PLACE"):
        if roles.get(i) == "BODY":
            return True
        i += 1
    return False


def has_body(doc: Doc, start: int, end: int) -> bool:
    """A word ending the name of a body that is not a state's (titles.csv role BODY:
    Council, Association, Company; not part of a portfolios.csv `state_body`) is in
    [start, end)."""
    kinds = kinds_of(doc)
    state = {i for s in gaz_spans(doc, start, end, (PORTFOLIOS_LABEL,))
             if kinds.has(code_kind(s)[1], "state_body") for i in range(s.start, s.end)}
    return any(kinds.role(code_kind(s)[1]) == "BODY" and s.start not in state
               for s in gaz_spans(doc, start, end, (TITLES_LABEL,)))


def has_state_body(doc: Doc, start: int, end: int) -> bool:
    """A body only a state has (portfolios.csv `state_body`) is named in [start, end), or
    the acronym the text gave one ("Director General of the [CIABOC]"), and no body that is
    not a state's follows it ("Head of the Department of Design at the [University] of X":
    the university's department)."""
    kinds = kinds_of(doc)
    ends = [s.end for s in gaz_spans(doc, start, end, (PORTFOLIOS_LABEL,))
            if kinds.has(code_kind(s)[1], "state_body")]
    acronyms = state_acronyms(doc)
    if acronyms:
        ends += [i + 1 for i in range(start, end) if doc[i].text in acronyms]
    ends += qualified_public_bodies(doc, start, end)
    if not ends:
        return False
    last = max(ends)
    # "Department of Design [at] the University": a body named after "at" holds the state
    # body ("the Ministry's Industrial Development Centre", "Federal Customs Service" do not)
    at = next((i for i in range(last, end) if doc[i].lower_ == "at"), None)
    return at is None or not has_body(doc, at, end)


def qualified_public_bodies(doc: Doc, start: int, end: int) -> list[int]:
    """Ends of the public bodies named in [start, end) that a state or a state word qualifies:
    a capitalized name ending in a `public_body` word (Board, Fund, Institute) with a country,
    a demonym or a `state_word` (National, Central) among its words: "the [Ceylon Electricity
    Board]", "the [National Migration Institute]"; not "the Industrial Safety Board", nor a
    name with a word of a body that is no state's ("the Sri Lanka [Cricket] Board")."""
    kinds = kinds_of(doc)
    bodies = gaz_spans(doc, start, end, (TITLES_LABEL,))
    heads = [s for s in bodies
             if kinds.has(code_kind(s)[1], "public_body") and doc[s.start].text[:1].isupper()]
    if not heads:
        return []
    private = {s.start for s in bodies if kinds.role(code_kind(s)[1]) == "BODY"
               and not kinds.has(code_kind(s)[1], "public_body")}
    qualifiers = {i for s in gaz_spans(doc, start, end, (*NATION_LABELS, PORTFOLIOS_LABEL))
                  if s.label_ in NATION_LABELS or kinds.has(code_kind(s)[1], "state_word")
                  for i in range(s.start, s.end)}
    out = []
    for head in heads:
        i, qualified = head.start, False  # back over the capitalized words of the body's name
        while i > start and (doc[i - 1].text[:1].isupper() or doc[i - 1].text in ("'s", "’s")):
            i -= 1
            if i in private:
                break
            qualified = qualified or i in qualifiers
        else:
            if qualified:
                out.append(head.end)
    return out


def state_body_before(doc: Doc, start: int, reach: int = 6) -> bool:
    """A body only a state has is named right before token `start`, the office's first word,
    or opens the body's name there: "Electoral Commission chairman X", "Customs Department
    spokesman Y", "Senate Finance Committee chairman Z", "Department of External Resources
    Director General W"."""
    kinds = kinds_of(doc)
    roles = gazetteer_roles(doc)
    first = start  # back over the words of the body's own name ("Senate [Finance Committee]")
    while first > max(0, start - reach) and roles.get(first - 1) == "BODY" \
            and doc[first - 1].text[:1].isupper():
        first -= 1
    bounds = [(first, start)]  # (earliest, latest) end of the state body's name
    # "Ministry [of Foreign Affairs] Director General": back over the body's portfolio
    i = start
    while i > max(0, start - reach) and doc[i - 1].text[:1].isupper() and doc[i - 1].is_alpha \
            and roles.get(i - 1) in (None, "BODY") and doc[i - 1].ent_type_ != "PERSON":
        i -= 1
    if 0 < i < start and doc[i - 1].lower_ == "of" and i - 1 < first:
        bounds.append((i - 1, i - 1))
    return any(lo <= s.end <= hi and kinds.has(code_kind(s)[1], "state_body")
               for lo, hi in bounds
               for s in gaz_spans(doc, max(0, hi - reach), hi, (PORTFOLIOS_LABEL,)))


def state_acronyms(doc: Doc) -> set[str]:
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
