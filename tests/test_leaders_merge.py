"""The leaders merge step on hand-built span groups (blank pipeline, no statistical model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.extractors.leaders import (
    Mention, count_mentions, extract_leaders, fold, merge_mentions, name_tokens, surname_of,
)

NLP = spacy.blank("en")

# gazetteer entries used by the hand-built docs: surface -> (label, "code|kind")
GAZ = {
    "Tajik": ("DEMONYMS", "TJK|demonym"), "Kazakh": ("DEMONYMS", "KAZ|demonym"),
    "Tajikistan": ("COUNTRIES", "TJK|name"), "Kazakhstan": ("COUNTRIES", "KAZ|name"),
    "Jordan": ("COUNTRIES", "JOR|name"), "Russia": ("COUNTRIES", "RUS|variant"),
    "President": ("TITLES", "President|head_of_state"),
    "Presidents": ("TITLES", "President|head_of_state"),
    "King": ("TITLES", "King|royal"), "His Majesty": ("TITLES", "His Majesty|honorific"),
    "Mr": ("TITLES", "Mr|honorific"), "Chairman": ("TITLES", "Chairman|ambiguous"),
    "Foreign Minister": ("TITLES", "Foreign Minister|minister"),
    "leader": ("TITLES", "|generic"), "former": ("TITLES", "former|modifier"),
    "Putin": ("LEADERS", "RUS|President"),
}


def build(text: str, rules: list[tuple[str, str, str]], gaz: tuple[str, ...] = ()) -> Doc:
    """A blank doc with gazetteer spans for every `gaz` surface (all occurrences) and
    `leaders_rules` spans (phrase, label, rule id), first occurrence of each phrase."""
    doc = NLP(text)
    spans = []
    for surface in gaz:
        label, span_id = GAZ[surface]
        start = text.find(surface)
        while start != -1:
            span = doc.char_span(start, start + len(surface), label=label, span_id=span_id)
            if span is not None:
                spans.append(span)
            start = text.find(surface, start + 1)
    doc.spans["gazetteer"] = spans
    doc.spans["leaders_rules"] = [
        doc.char_span(text.index(phrase), text.index(phrase) + len(phrase), label=label,
                      span_id=rule) for phrase, label, rule in rules]
    return doc


def rows(doc: Doc) -> list[tuple]:
    return [(r.name, r.title, r.country, r.mentions) for r in extract_leaders(doc)]


SEED_LIKE = ("Tajik President Emomali Rahmon met Kazakh President Kassym-Jomart Tokayev. "
             "Rahmon and Tokayev talked. Then President Tokayev left; "
             "Mr Tokayev’s plane was late.")


def test_two_people_from_four_mentions() -> None:
    doc = build(SEED_LIKE, [("Tajik President Emomali Rahmon", "LEADER", "place_title_name"),
                            ("Kazakh President Kassym-Jomart Tokayev", "LEADER",
                             "place_title_name"),
                            ("President Tokayev", "LEADER", "title_name")],
                gaz=("Tajik", "Kazakh", "President", "Mr"))
    assert rows(doc) == [("Emomali Rahmon", "President", "TJK", 2),
                         ("Kassym-Jomart Tokayev", "President", "KAZ", 4)]


def test_evidence_is_the_first_full_mention() -> None:
    doc = build(SEED_LIKE, [("President Tokayev", "LEADER", "title_name"),
                            ("Kazakh President Kassym-Jomart Tokayev", "LEADER",
                             "place_title_name")], gaz=("Kazakh", "President"))
    row = extract_leaders(doc)[0]
    assert SEED_LIKE[row.start:row.end] == "Kassym-Jomart Tokayev"
    assert row.rule == "place_title_name"
    assert row.sentence == SEED_LIKE  # no parser: the paragraph


def test_honorific_stripped_and_place_after_name() -> None:
    text = "His Majesty King Abdullah II of Jordan arrived."
    doc = build(text, [("His Majesty King Abdullah II of Jordan", "LEADER",
                        "title_name_of_place")], gaz=("His Majesty", "King", "Jordan"))
    assert rows(doc) == [("Abdullah II", "King", "JOR", 1)]


def test_list_pairs_names_and_states_in_order() -> None:
    text = "Presidents of Tajikistan and Kazakhstan Emomali Rahmon and Kassym-Jomart Tokayev met."
    doc = build(text, [(text[:-5], "LEADER", "titles_of_places_names")],
                gaz=("Presidents", "Tajikistan", "Kazakhstan"))
    assert rows(doc) == [("Emomali Rahmon", "President", "TJK", 1),
                         ("Kassym-Jomart Tokayev", "President", "KAZ", 1)]


@pytest.mark.parametrize("text,phrase,gaz,expected", [
    # an ambiguous office counts only with a state in the mention
    ("Chairman John Smith spoke.", "Chairman John Smith", ("Chairman",), []),
    ("Kazakh Chairman John Smith spoke.", "Kazakh Chairman John Smith",
     ("Kazakh", "Chairman"), [("John Smith", "Chairman", "KAZ", 1)]),
    # an unknown capitalized word before the office is a company or body
    ("Microsoft President Brad Smith spoke.", "President Brad Smith", ("President",), []),
    # a generic word alone establishes no office ...
    ("The leader Tokayev spoke.", "leader Tokayev", ("leader",), []),
    # ... unless the state is given
    ("The Kazakh leader Tokayev spoke.", "Kazakh leader Tokayev", ("Kazakh", "leader"),
     [("Tokayev", "", "KAZ", 1)]),
    # a former office still names the office
    ("The former President Ali Khan spoke.", "former President Ali Khan",
     ("former", "President"), [("Ali Khan", "President", "", 1)]),
])
def test_office_evidence(text: str, phrase: str, gaz: tuple, expected: list) -> None:
    assert rows(build(text, [(phrase, "LEADER", "title_name")], gaz=gaz)) == expected


def test_former_lowers_confidence() -> None:
    now = build("President Ali Khan spoke.", [("President Ali Khan", "LEADER", "title_name")],
                gaz=("President",))
    then = build("The former President Ali Khan spoke.",
                 [("former President Ali Khan", "LEADER", "title_name")],
                 gaz=("former", "President"))
    assert extract_leaders(then)[0].confidence < extract_leaders(now)[0].confidence


def test_office_without_person_gives_the_country() -> None:
    text = "President Putin spoke by phone. The President of Russia stressed cooperation."
    doc = build(text, [("President Putin", "LEADER", "title_name"),
                       ("President of Russia", "OFFICE", "office_title_of_place")],
                gaz=("President", "Russia"))
    [row] = extract_leaders(doc)
    assert (row.name, row.title, row.country) == ("Putin", "President", "RUS")
    assert row.rule == "title_name+office"


def test_known_leader_is_weak_evidence_only() -> None:
    # the known-leaders gazetteer gives a country only when the article names that state ...
    text = "President Putin spoke. Russia and Finland trade grew."
    doc = build(text, [("President Putin", "LEADER", "title_name")],
                gaz=("President", "Putin", "Russia"))
    assert rows(doc) == [("Putin", "President", "RUS", 1)]
    assert extract_leaders(doc)[0].rule == "title_name+known"
    # ... never makes a row by itself
    doc = build("Putin spoke. Russia and Finland trade grew.", [], gaz=("Putin", "Russia"))
    assert rows(doc) == []


# ---------------------------------------------------------------- merge_mentions alone

def m(name: str, start: int, title: str = "President", country: str = "", kind: str = "",
      rule: str = "title_name") -> Mention:
    return Mention(start=start, end=start + len(name.split()), name=name, title=title,
                   kind=kind or "head_of_state", country=country, rule=rule)


@pytest.mark.parametrize("mentions,expected", [
    ([m("Xi", 0), m("Xi Jinping", 10, country="CHN")], [("Xi Jinping", "CHN")]),
    ([m("Joe Biden", 0), m("Joseph R. Biden", 10, country="USA")], [("Joseph R. Biden", "USA")]),
    ([m("Tokayev", 0), m("TOKAYEV", 5), m("Kassym-Jomart Tokayev", 9, country="KAZ")],
     [("Kassym-Jomart Tokayev", "KAZ")]),
    ([m("Erdogan", 0, country="TUR"), m("Erdoğan", 5)], [("Erdogan", "TUR")]),
    # different given names with the same family name are different people
    ([m("Mohammed bin Salman", 0, title="Crown Prince"),
      m("Abdullah bin Zayed", 8, title="Foreign Minister")],
     [("Mohammed bin Salman", ""), ("Abdullah bin Zayed", "")]),
    ([m("Abdullah II", 0, title="King"), m("Al Hussein bin Abdullah II", 6, title="Crown Prince")],
     [("Al Hussein bin Abdullah II", ""), ("Abdullah II", "")]),
    ([m("Jill Biden", 0), m("Joe Biden", 5)], [("Jill Biden", ""), ("Joe Biden", "")]),
])
def test_clusters(mentions: list[Mention], expected: list) -> None:
    assert [(p.name, p.country) for p in merge_mentions(mentions)] == expected


def test_all_caps_name_loses_to_written_name() -> None:
    [person] = merge_mentions([m("BIDEN", 0), m("Biden", 4)])
    assert person.name == "Biden"


@pytest.mark.parametrize("titles,expected", [
    (["Minister", "Foreign Minister", "Minister"], "Foreign Minister"),
    (["President", "President", "Prime Minister"], "President"),
    (["Prime Minister", "President"], "Prime Minister"),  # tie: the first
])
def test_title_vote(titles: list[str], expected: str) -> None:
    [person] = merge_mentions([m("Ali Sabry", i * 5, title=t) for i, t in enumerate(titles)])
    assert person.title == expected


def test_country_vote() -> None:
    [person] = merge_mentions([m("Sabry", 0, country="LKA"), m("Ali Sabry", 5, country="IND"),
                               m("Sabry", 9, country="LKA")])
    assert person.country == "LKA"


def test_untitled_names_lengthen_but_never_create() -> None:
    titled = [m("Tokayev", 3)]
    names = [Mention(start=20, end=24, name="Kassym-Jomart Tokayev"),
             Mention(start=30, end=32, name="Emomali Rahmon")]
    [person] = merge_mentions(titled, names)
    assert person.name == "Kassym-Jomart Tokayev"


def test_ambiguous_untitled_names_do_not_lengthen() -> None:
    names = [Mention(start=20, end=22, name="Joe Biden"),
             Mention(start=30, end=32, name="Jill Biden")]
    [person] = merge_mentions([m("Biden", 3)], names)
    assert person.name == "Biden"


def test_count_mentions_skips_other_peoples_names() -> None:
    text = "President Ali Khan met Minister Imran Khan. Ali Khan said so; KHAN, Khan’s aide."
    doc = NLP(text)
    ali = Mention(start=1, end=3, name="Ali Khan", title="President")
    imran = Mention(start=5, end=7, name="Imran Khan", title="Minister")
    persons = merge_mentions([ali, imran])
    count_mentions(doc, persons)
    counts = {p.name: p.count for p in persons}
    # "Imran Khan" is Imran's and "Ali Khan" (first) is Ali's; the bare "Khan"s count for both
    assert counts == {"Ali Khan": 4, "Imran Khan": 4}


@pytest.mark.parametrize("name,tokens,surname", [
    ("Kassym-Jomart Tokayev", ["kassym", "jomart", "tokayev"], "tokayev"),
    ("Joseph R. Biden, Jr.", ["joseph", "r", "biden"], "biden"),
    ("S. Jaishankar", ["s", "jaishankar"], "jaishankar"),
    ("A.B.C. Perera", ["abc", "perera"], "perera"),
    ("Recep Tayyip Erdoğan", ["recep", "tayyip", "erdogan"], "erdogan"),
    ("Abdullah II", ["abdullah"], "abdullah"),
    ("Sauli Niinistö", ["sauli", "niinisto"], "niinisto"),
])
def test_name_parts(name: str, tokens: list[str], surname: str) -> None:
    assert name_tokens(name) == tokens and surname_of(name) == surname
    assert fold(name) == fold(fold(name))
