"""State linking: the state of a person whose mentions name none.

A mention that names its state ("President of Finland", "Kazakh President") keeps it
(`mentions.py`). For the others, strategies run in the order the component's `linking`
setting gives (default `DEFAULT_ORDER`); each fills only countries still empty and marks the
rows it decided with "+<strategy>" in `rule` (less confidence):

  office        "The President of Russia thanked ..." in or next to the sentence of the one
                person titled President with no country;
  known         facts (knowledge.py: leaders.csv, known_people.csv learned from a corpus):
                a person named in full as a fact names; a surname the facts give, for a
                state the article itself names (weak evidence); a fact also keeps the
                strategies below from giving a known person another state;
  speaker       in a transcript, an official the current speaker calls "our" ("PRIME MINISTER
                TRUDEAU: ... our Foreign Minister, Marc Garneau") serves the speaker's state;
  office_state  an office of one state's institutions (titles.csv `state`: "Sen.",
                "House Speaker", "European Commissioner") serves that state (office_states.py);
  publisher     in an article of a government publisher (models/gazetteers/publishers.csv,
                matched on the host of `doc._.url` or on `doc._.source`), officials
                (`publisher_official` kinds, offices of a state body) serve the
                publisher's state, and so does the first head of state/government when
                no head serves it yet; not when the known-leaders
                list or the person's sentence names another state;
  home          (articles of no known publisher) an official (`state_only` kind, or an office
                of a state body) serves the
                state of the first head of state/government the article introduces without
                "of <state>" after the name (a readout names its own leader first and its
                guests as "Prime Minister X of Canada"), with the same exceptions; in a
                national outlet's article only an official named after that head (one named
                before it is left to `outlet`);
  remaining     heads of state/government and royals still without a country serve the
                state the article names most often (strictly) among those no head with a
                country serves ("PRIME MINISTER TRUSS:" in a transcript);
  outlet        officials in a national outlet's article serve the outlet's state;
  article       officials serve the state the headline or first sentence opens with;
  dominant      officials serve the state the article names far more often than any other
                ("the French economy ... French growth ... in France": finance minister X);
  known_office  a known leader named without any office + that office named nearby without
                a person ("Vladimir Putin had a phone call ... The President of Russia ...")
                makes a row; in a government publisher's article "the President" alone is
                the office of its state.

A strategy is a function of one `Linking` (the doc, its persons and what the strategies
share), registered under its name with `@strategy`. The evidence they read about a mention's
surroundings (its sentence, list, paragraph, the article's opening) is in `context.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.context import (
    free_states, in_opening, known_facts, lead_in_state, listed_after, named_offices,
    near_mentions, of_no_body, opening_state, semicolon_after, semicolon_item, sentence_states,
    speaker_label, states_next_to,
)
from pipeline.extractors.leaders.kinds import TitleKinds
from pipeline.extractors.leaders.knowledge import Knowledge
from pipeline.extractors.leaders.mentions import CONF_LINKED, Mention
from pipeline.extractors.leaders.merge import Person, compatible
from pipeline.extractors.leaders.names import name_tokens, surname_of
from pipeline.extractors.leaders.office_states import lacks, office_state
from pipeline.extractors.leaders.roles import (
    TITLES_LABEL, code_kind, gaz_spans, gazetteer_roles, role_of,
)
from pipeline.gazetteers import GAZETTEER_KEYS
from pipeline.normalizers.countries import NATION_LABELS, state_counts

DEFAULT_ORDER = ("office", "known", "list", "speaker", "office_state", "publisher", "home",
                 "remaining", "outlet", "article", "dominant", "known_office")
# "dominant": the state an article names at least this often, and this many times as often
# as any other state, is the state it is about
DOMINANT_MIN = 3
DOMINANT_RATIO = 2


@dataclass
class Linking:
    """One doc's persons and what the strategies read: offices named without a person,
    known leaders, the states the article names, the publisher's state ("" if none)."""

    doc: Doc
    persons: list[Person]
    names: list[Mention]  # the model's PERSON names (for `known_office`)
    kinds: TitleKinds
    knowledge: Knowledge = field(default_factory=Knowledge)
    publisher: str = ""  # the state of the government that published the article
    outlet: str = ""  # the home state of the news outlet that did
    office_states: dict[str, str] = field(default_factory=dict)  # titles.csv `state`
    absent: dict[str, frozenset[str]] = field(default_factory=dict)  # absent_offices.csv
    added: list[Person] = field(default_factory=list)  # persons made by a strategy

    @cached_property
    def offices(self) -> list[tuple[str, str, Span]]:
        """(title, country, span) of offices named without a person, outside every mention."""
        return [o for o in named_offices(self.doc) if not any(
            o[2].start < m.end and m.start < o[2].end for p in self.persons for m in p.mentions)]

    @cached_property
    def known(self) -> list[tuple[str, str, str]]:
        return known_facts(self.doc)

    @cached_property
    def named_states(self) -> set[str]:
        return {code_kind(s)[0] for key in GAZETTEER_KEYS for s in self.doc.spans.get(key, [])
                if s.label_ in NATION_LABELS}

    def official(self, person: Person) -> bool:
        """An official of a state: a minister, governor, deputy head ... (`publisher_official`
        kinds) or an office of a body only a state has."""
        return self.kinds.has(person.kind, "publisher_official") or person.state_body

    def lacks(self, person: Person, state: str) -> bool:
        """`state` has no office called as the person's (absent_offices.csv: "USA,minister")."""
        return lacks(self.absent, state, person.title)

    def fits(self, person: Person, state: str) -> bool:
        """Nothing says the person serves another state than `state`: not the known-leaders
        list, nor the person's office (one `state` does not have), nor a state named in the
        sentence of the person's first titled mention outside every mention (unless `state`
        is named there too)."""
        if self.known_elsewhere(person, state) or self.lacks(person, state):
            return False
        free = free_states(self.doc, person, self.persons)
        return not free or state in free

    def known_elsewhere(self, person: Person, state: str) -> bool:
        """A fact gives the person (named in full, or his surname named in the text as a
        known leader's) another state."""
        states = self.knowledge.states(person.name)
        if states:
            return state not in states
        return any(s == person.surname and c != state for s, c, _ in self.known)


Strategy = Callable[[Linking], None]
STRATEGIES: dict[str, Strategy] = {}


def strategy(name: str) -> Callable[[Strategy], Strategy]:
    """Register a state-linking strategy under `name` (the `linking` setting's word)."""

    def register(func: Strategy) -> Strategy:
        STRATEGIES[name] = func
        return func

    return register


def link_states(ctx: Linking, order: Iterable[str] = DEFAULT_ORDER) -> list[Person]:
    """Run the strategies of `order` on `ctx`; returns the persons they added."""
    for name in order:
        STRATEGIES[name](ctx)
    return ctx.added


# ---------------------------------------------------------------- strategies

@strategy("office")
def link_office(ctx: Linking) -> None:
    """An office without a person ("The President of Russia thanked ...") next to the one
    person with that title and no country, who is not known to serve another state."""
    for title, country, span in ctx.offices:
        if not title or any(p.title == title and p.country == country for p in ctx.persons):
            continue
        open_ = [p for p in ctx.persons if not p.country and p.title == title]
        if len(open_) != 1 or not near_mentions(ctx.doc, span, open_[0].names):
            continue
        if ctx.known_elsewhere(open_[0], country):
            continue
        open_[0].country, open_[0].country_rule = country, "office"


@strategy("known")
def link_known(ctx: Linking) -> None:
    """Facts (knowledge.py: leaders.csv, known_people.csv): a person named in full as in a
    fact of one state serves it; one whose surname a fact gives (a known leader named in the
    text, or a fact about someone of compatible names) serves its state when the article
    names that state too (weak evidence), or when the text gives him the fact's office and
    no fact gives his surname another state ("President Putin" in an article that never
    names Russia: `Knowledge.office_states`)."""
    for person in ctx.persons:
        if person.country:
            continue
        full = ctx.knowledge.states(person.name, person.title)
        if full:
            if len(full) == 1:
                person.country, person.country_rule = next(iter(full)), "known"
            continue
        tokens = name_tokens(person.name)
        hits = {c for s, c, _ in ctx.known if s == person.surname and c in ctx.named_states}
        hits |= {f.state for f in ctx.knowledge.by_surname.get(person.surname, ())
                 if f.state in ctx.named_states and compatible(tokens, name_tokens(f.name))}
        if not hits and person.title:
            hits = ctx.knowledge.office_states(person.name, person.title)
        if len(hits) == 1:
            person.country, person.country_rule = hits.pop(), "known"


@strategy("office_state")
def link_office_state(ctx: Linking) -> None:
    """A person titled with an office of one state's institutions ("Sen.", "Congressman",
    "House Speaker": titles.csv `state`) serves that state, unless a fact gives him another
    or another state is written right next to the mention ("Brazilian Senator" names its
    own)."""
    for person in ctx.persons:
        if person.country:
            continue
        for m in sorted(person.mentions, key=lambda m: m.start):
            state = office_state(ctx.doc, m.ctx_start, m.ctx_end, ctx.office_states)
            if not state:
                continue
            if not ctx.known_elsewhere(person, state) and not (
                    states_next_to(ctx.doc, m) - {state}):
                person.country, person.country_rule = state, "office_state"
            break


@strategy("publisher")
def link_publisher(ctx: Linking) -> None:
    """Officials with no country in an article of the publisher's government serve that state,
    and so does the first head of state/government with none when no head serves it yet;
    not when the known-leaders list gives them another state or their sentence names another
    state and not the publisher."""
    doc, persons, publisher, kinds = ctx.doc, ctx.persons, ctx.publisher, ctx.kinds
    if not publisher:
        return
    for person in persons:
        if not person.country and ctx.official(person) and ctx.fits(person, publisher):
            person.country, person.country_rule = publisher, "publisher"
    heads_of = [p for p in persons if kinds.has(p.kind, "publisher_head")]
    if any(p.country == publisher for p in heads_of):
        return
    heads = sorted((p for p in heads_of if p.names), key=lambda p: min(m.start for m in p.names))
    if not heads or heads[0].country:
        return
    head = heads[0]
    # a readout opens with its own head; one first named further down is a guest addressed
    # in a speech ("Thank you, Prime Minister Kallas"). The sentences about him name the
    # states he deals with: only a state right next to a titled mention speaks against him.
    if not in_opening(doc, min(m.start for m in head.names)):
        return
    if ctx.known_elsewhere(head, publisher) or ctx.lacks(head, publisher):
        return
    if any(states_next_to(doc, m) - {publisher} for m in head.mentions):
        return
    head.country, head.country_rule = publisher, "publisher"


@strategy("home")
def link_home(ctx: Linking) -> None:
    """An official of no stated country serves the article's home state: the state of the
    first head of state/government (readouts open with their own leader), if the text names
    it (a head introduced as "X of <state>" is the guest of a readout, not its author). Not
    in a government publisher's article: its state is the home (`publisher`)."""
    if ctx.publisher:
        return
    kinds = ctx.kinds
    heads = sorted((p for p in ctx.persons if kinds.has(p.kind, "head") and p.country and not any(
        m.guest for m in p.mentions)), key=lambda p: min(m.start for m in p.names))
    home = heads[0].country if heads and heads[0].country in ctx.named_states else ""
    if not home:
        return
    head_start = min(m.start for m in heads[0].names)
    for person in ctx.persons:
        if ctx.outlet and min(m.start for m in person.mentions) < head_start:
            continue  # a national outlet's official named before any head: the outlet's
        if not person.country and (kinds.has(person.kind, "state_only") or person.state_body):
            if ctx.known_elsewhere(person, home) or ctx.lacks(person, home):
                continue
            free = free_states(ctx.doc, person, ctx.persons)
            if not free or home in free:
                person.country, person.country_rule = home, "home"


@strategy("remaining")
def link_remaining(ctx: Linking) -> None:
    """Heads of state/government and royals with no country serve the state the article names
    most often, and more often than any other, among those no head with a country serves
    ("PRIME MINISTER TRUSS:" in a transcript naming the United States and, most, Britain);
    a head of another kind whose state a fact gave does not count ("King Charles III" beside
    the known Prime Minister Truss)."""
    kinds = ctx.kinds
    open_ = [p for p in ctx.persons if not p.country and kinds.has(p.kind, "head")
             and not all(m.former for m in p.mentions)]
    if not open_:
        return
    named = state_counts(ctx.doc)
    for kind in dict.fromkeys(p.kind for p in open_):
        # a head of another kind whose state only a fact gives does not fill his state's
        # place: the King is named beside his prime minister
        # (nor does a former head: "former president Eduard Shevardnadze" beside "the
        # country's new president")
        served = {p.country for p in ctx.persons if p.country and kinds.has(p.kind, "head")
                  and (p.kind == kind or p.country_rule != "known")
                  and not all(m.former for m in p.mentions)}
        for person in open_:
            if person.kind != kind:
                continue
            # (a state without the person's office is no candidate: "Prime Minister John
            # Curtin" in a White House text naming the United States most, then Australia)
            counts = {c: n for c, n in named.items()
                      if c not in served and not ctx.lacks(person, c)}
            ranked = sorted(counts, key=lambda c: -counts[c])
            if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]):
                person.country, person.country_rule = ranked[0], "remaining"


@strategy("list")
def link_list(ctx: Linking) -> None:
    """Officials named in one list whose first member has a state written before the office
    serve that state ("Indian Finance Minister X, External Affairs Minister Y, and National
    Security Advisor Z"); heads of state are left alone ("Japanese Prime Minister X and
    President Y"), and a member with a state of his own ends the list."""
    owner = {id(m): p for p in ctx.persons for m in p.mentions}
    mentions = sorted((m for p in ctx.persons for m in p.mentions), key=lambda m: m.ctx_start)
    roles = gazetteer_roles(ctx.doc)
    head: Mention | None = None
    prev: Mention | None = None
    led: tuple[int, str] | None = None  # (sentence start, state) of a lead-in's list
    parsed = ctx.doc.has_annotation("SENT_START")
    people = [(n.start, p.country) for p in ctx.persons if p.country for n in p.mentions]
    for m in mentions:
        listed = prev is not None and head is not None and listed_after(ctx.doc, prev, m)
        sent = ctx.doc[m.ctx_start].sent.start if parsed else -1
        if not listed and led is not None and led[0] == sent and semicolon_after(ctx.doc, m):
            # a later item of the lead-in's list, after items no mention covers ("...; the
            # General Attorney of the Republic, A; Chief Officer for North America, B;
            # Deputy Commissioner of the National Migration Institute, [C];")
            head = head if head is not None else replace(m, country=led[1])
            listed = not (m.country and m.country != led[1])
        if not listed:
            # (or a list of "name, office" items split by semicolons, its first one of a
            # state: "Mr. A, Deputy Speaker of the Maldivian Parliament; Dr. B, Minister of
            # Foreign Affairs; ...")
            head = m if m.country and (roles.get(m.ctx_start) == "PLACE" or semicolon_item(
                ctx.doc, m)) else None
            lead = "" if m.country else lead_in_state(ctx.doc, m, people=people)
            if lead:
                # "Representing Mexico were the Secretary of ..., A; the Secretary of ..., B"
                person = owner[id(m)]
                if not person.country and not ctx.known_elsewhere(person, lead):
                    person.country, person.country_rule = lead, "list"
                head = replace(m, country=lead)
                led = (sent, lead)
        elif m.country and m.country != head.country:
            head = None
        else:
            person = owner[id(m)]
            if (not person.country and not ctx.kinds.has(person.kind, "head")
                    and not ctx.known_elsewhere(person, head.country)):
                person.country, person.country_rule = head.country, "list"
        prev = m


@strategy("speaker")
def link_speaker(ctx: Linking) -> None:
    """An official the speaker of a transcript calls "our" serves the speaker's state: after
    "PRIME MINISTER TRUDEAU:", "joined by our Deputy Prime Minister, Chrystia Freeland" is
    Canada's, whoever published the transcript."""
    doc = ctx.doc
    labels = sorted((m.start, p.country) for p in ctx.persons if p.country for m in p.mentions
                    if speaker_label(doc, m))
    if not labels:
        return
    for person in ctx.persons:
        if person.country:
            continue
        for m in person.mentions:
            if m.ctx_start == 0 or doc[m.ctx_start - 1].lower_ != "our":
                continue
            before = [state for start, state in labels if start < m.ctx_start]
            if before and not ctx.known_elsewhere(person, before[-1]):
                person.country, person.country_rule = before[-1], "speaker"
                break


@strategy("outlet")
def link_outlet(ctx: Linking) -> None:
    """Officials with no country in an article of a national news outlet (publishers.csv
    `news_outlet`: "Treasury Secretary X" in a Sri Lankan daily, "Attorney General Lord Y" on
    the BBC) serve the outlet's state, unless something says otherwise (as `publisher`), or
    the article is about another state and never names the outlet's ("Communications
    Minister X" in a BBC report on India: left to `article`)."""
    if not ctx.outlet:
        return
    opening = opening_state(ctx.doc)
    if opening and opening != ctx.outlet and not _names_state(ctx.doc, ctx.outlet):
        return
    for person in ctx.persons:
        if not person.country and ctx.official(person) and ctx.fits(person, ctx.outlet):
            person.country, person.country_rule = ctx.outlet, "outlet"


def _names_state(doc: Doc, state: str) -> bool:
    """Whether the text names `state`, its people or one of its institutions ("the Tories")."""
    return any(code_kind(s)[0] == state for key in GAZETTEER_KEYS for s in doc.spans.get(key, []))


@strategy("article")
def link_article(ctx: Linking) -> None:
    """Officials still with no country serve the state the article opens with, the subject
    of its headline or first sentence ("JAPAN CONSIDERING ... Trade Minister Hajime Tamura
    said"), unless another state is named right next to them."""
    state = opening_state(ctx.doc)
    if not state:
        return
    for person in ctx.persons:
        if (not person.country and ctx.official(person)
                and not ctx.known_elsewhere(person, state) and not ctx.lacks(person, state)
                and not any(states_next_to(ctx.doc, m) - {state} for m in person.mentions)):
            person.country, person.country_rule = state, "article"


@strategy("dominant")
def link_dominant(ctx: Linking) -> None:
    """Officials still with no country serve the state the article is about when its opening
    does not say: the one it names at least DOMINANT_MIN times and DOMINANT_RATIO times as
    often as any other ("cast doubt over the French economy's ... finance minister Nicolas
    Sarkozy warned ... French growth"), unless their sentence names another state; not in a
    government publisher's article (its officials are the publisher's: `publisher`)."""
    if ctx.publisher:
        return
    counts = sorted(state_counts(ctx.doc).items(), key=lambda kv: -kv[1])
    if not counts or counts[0][1] < DOMINANT_MIN or (
            len(counts) > 1 and counts[0][1] < DOMINANT_RATIO * counts[1][1]):
        return
    state = counts[0][0]
    for person in ctx.persons:
        if (not person.country and ctx.official(person)
                and not ctx.known_elsewhere(person, state) and not ctx.lacks(person, state)
                and not any(states_next_to(ctx.doc, m) - {state} for m in person.mentions)):
            if any(sentence_states(ctx.doc, m) - {state} for m in person.mentions):
                continue
            person.country, person.country_rule = state, "dominant"


@strategy("known_office")
def link_known_office(ctx: Linking) -> None:
    """A known leader named without an office + that office named nearby without a person
    (or, in a government's readout, "the President" for the publisher's own head; in a
    national news outlet's, "the prime minister" for its state's)."""
    doc, persons = ctx.doc, ctx.persons
    bare = _bare_offices(ctx) if ctx.publisher or ctx.outlet else []
    bare_starts = {span.start for _, _, span in bare}
    for title, country, span in ctx.offices + bare:
        if any(p.title == title and p.country == country for p in persons + ctx.added):
            continue
        cands = {s for s, c, t in ctx.known if c == country and t == title}
        cands |= ctx.knowledge.surnames(country, title)
        hits = [n for n in ctx.names if surname_of(n.name) in cands
                and not any(compatible(n.tokens, name_tokens(p.name)) for p in persons)
                and _fact_named(ctx, n, country)]
        # the publisher's own head is the subject of its whole readout; a person a fact names
        # in full as this office's holder is it anywhere in the article
        if not hits or not (span.start in bare_starts or near_mentions(doc, span, hits)
                            or _holds(ctx, hits, country, title)):
            continue
        if span.start in bare_starts and ctx.outlet and not ctx.publisher and len(
                {surname_of(n.name) for n in hits}) > 1:
            continue  # a newspaper's "the prime minister" among two known holders of it
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
            person.country_rule = "publisher" if ctx.publisher else "outlet"
        ctx.added.append(person)


# ---------------------------------------------------------------- evidence the strategies read
def _bare_offices(ctx: Linking) -> list[tuple[str, str, Span]]:
    """(title, state, span) of "the President" (a head's office, capitalized or plural:
    "the presidents agreed", after "the", without a person or a state): in a government's
    readout, its own head. In a national news outlet's article (which writes offices in
    lower case: "accusing the prime minister of hiding away"), "the <head's office>" in the
    singular is its state's head."""
    doc = ctx.doc
    state = ctx.publisher or ctx.outlet
    outlet = not ctx.publisher
    taken = [(m.ctx_start, m.ctx_end) for p in ctx.persons for m in p.mentions]
    out = []
    for span in gaz_spans(doc, 0, len(doc), (TITLES_LABEL,)):
        code, kind = code_kind(span)
        if (not ctx.kinds.has(kind, "publisher_head")
                or not (span.text[:1].isupper() or doc[span.end - 1].tag_ in ("NNS", "NNPS")
                        or outlet)
                or (outlet and doc[span.end - 1].tag_ in ("NNS", "NNPS"))
                or not _after_the(doc, span.start)
                or any(a <= span.start < b for a, b in taken)):
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("of", "for") and not (
                outlet and of_no_body(doc, span.end)) or role_of(nxt) in (
                "NAME", "NAMEX", "PLACE", "TITLE")):
            continue
        out.append((code, state, span))
    return out


def _after_the(doc: Doc, start: int) -> bool:
    """An office word after "the", "the two" or "both" ("the two presidents noted")."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ == "both":
        return True
    if before is not None and before.like_num and start > 1:
        before = doc[start - 2]
    return before is not None and before.lower_ == "the"


def _fact_named(ctx: Linking, name: Mention, state: str) -> bool:
    """`name` may be the person a fact of `state` names: its given names do not contradict the
    fact's ("Cherie Blair" is not the fact "Tony Blair"); a name no fact spells out in full
    (a leaders.csv surname) passes."""
    facts = [f for f in ctx.knowledge.by_surname.get(surname_of(name.name), ())
             if f.state == state]
    return not facts or any(compatible(name.tokens, name_tokens(f.name)) for f in facts)


def _holds(ctx: Linking, names: list[Mention], state: str, office: str) -> bool:
    """One person is named, written in full as a fact gives them that `office` of `state`
    ("Vladimir Putin" and "the President of Russia" three sentences on)."""
    if len({surname_of(n.name) for n in names}) != 1:
        return False
    return any(f.state == state and f.office == office
               for n in names for f in ctx.knowledge.by_name.get(" ".join(n.tokens), ())
               if len(n.tokens) > 1)
