"""Source "appositions": the model's PERSON entities with an office in apposition, read from
the dependency parse ("Wang Chao-ming, vice chairman of the government's Council for
Economic Planning and Development, told Reuters").

The word-order patterns (models/patterns/leaders.jsonl) miss offices written in lower case
or after words that are no office ("external relations commissioner of the EC"); the parser
links the name to the office noun whatever lies between. Only persons no pattern found get a
span here, and only when the apposition names a state, an organization or a state body;
`mentions.parse_mention` reads it like a pattern's name-first match: the same rules on
offices, states and bodies apply (a company's chairman gives no row).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from pipeline.extractors.leaders.bodies import has_state_body, places_in
from pipeline.extractors.leaders.kinds import kinds_of
from pipeline.extractors.leaders.office_states import office_state
from pipeline.extractors.leaders.roles import TITLES_LABEL, code_kind, gaz_spans

RULE = "name_appos_title"
_CLAUSE_ENDS = {";", ":", "(", "\u2014", "\u2013"}
MAX_TOKENS = 30  # an apposition longer than this is a clause the parser attached badly


def appositive_spans(doc: Doc, persons: Iterable[Span], taken: set[int],
                     office_states: dict[str, str] | None = None) -> list[Span]:
    """LEADER spans "<name>, <office ...>" for PERSON spans whose head has an apposition
    headed by an office word (a titles.csv span), none of whose tokens are in `taken`.
    `office_states`: the offices of one state's institutions (office_states.py)."""
    if not doc.has_annotation("DEP"):
        return []
    persons = list(persons)
    out = []
    for person in persons:
        if any(i in taken for i in range(person.start, person.end)):
            continue
        root = person.root
        for child in root.children:
            if child.dep_ != "appos" or child.i < person.end:
                continue
            titles = gaz_spans(doc, child.left_edge.i, child.i + 1, (TITLES_LABEL,))
            office = next((t for t in titles if t.start <= child.i < t.end), None)
            if office is None:
                continue
            end = child.right_edge.i + 1
            # the apposition ends at the next comma after its office, a clause mark or a
            # relative pronoun ("a former adviser who resigned over the Iran affair")
            stop = next((i for i in range(person.end, end) if doc[i].text in _CLAUSE_ENDS
                         or (i > child.i and doc[i].text == ",")
                         or doc[i].tag_ in ("WDT", "WP", "WP$")), end)
            end = min(stop, child.sent.end)
            if end - person.start > MAX_TOKENS or not doc[person.end].text == ",":
                continue
            if not (places_in(doc, person.end, end) or has_state_body(doc, person.end, end)
                    or _state_office(doc, office, office_states or {})):
                continue  # "X, senior vice president of its computer unit": a company's
            if any(person.end <= p.start < end for p in persons):
                continue  # "Minister X, Director of the FSB Y": the parser joined two items
            out.append(Span(doc, person.start, end, label="LEADER", span_id=RULE))
            break
    return out


def _state_office(doc: Doc, office: Span, office_states: dict[str, str]) -> bool:
    """An office only a state has needs no state or state body beside it ("X, undersecretary
    for external debt"), unless its word names one state's office elsewhere ("X, Senior
    Representative, JICA": not a U.S. Congressman)."""
    return (kinds_of(doc).has(code_kind(office)[1], "state_only")
            and not office_state(doc, office.start, office.end, office_states))
