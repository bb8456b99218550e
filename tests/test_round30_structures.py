"""Constructions found in round 30 of issue 15 (accuracy on unseen articles), with the near
cases that keep their rows as before. Texts written for these tests."""

from __future__ import annotations

import pytest

from helpers import document_triples, leader_states, table_rows

DCT = "2024-04-01"


@pytest.mark.parametrize("text,expected", [
    # a first-person subject signs with the partner the article is about (the article's pair)
    ("Sri Lanka's state finance minister visited China last week. \"We signed some MOUs, and "
     "discussed the debt restructuring,\" he said.",
     [("memorandum", "CHN;LKA", "signed")]),
    ("Sri Lanka's state finance minister visited China last week. \"We signed two MOUs,\" he "
     "said.", [("memorandum", "CHN;LKA", "signed")] * 2),  # a counted set: one row each
    # (a plural "they" is no speaker: no party the text gives)
    ("Sri Lanka's state finance minister visited China last week. Companies said they signed "
     "some MOUs.", []),
    # (a plan of the speakers is no signing)
    ("Sri Lanka's state finance minister visited China last week. \"We hope to sign some MOUs,\""
     " he said.", []),
])
def test_we_signed(nlp, text, expected):
    assert document_triples(nlp, text, DCT) == expected


@pytest.mark.parametrize("text,expected", [
    # an IMF facility is a program, whether the text calls it a programme or an arrangement
    ("The discussions centred on the fourth tranche of Sri Lanka's Extended Fund Facility (EFF) "
     "arrangement with the IMF.", [("program", "IMF;LKA", "in_force")]),
    ("The discussions centred on the fourth tranche of Sri Lanka's Extended Fund Facility (EFF) "
     "programme with the IMF.", [("program", "IMF;LKA", "in_force")]),
    ("Sri Lanka's EFF arrangement is on track, the IMF said.",
     [("program", "IMF;LKA", "in_force")]),
])
def test_imf_facility_is_a_program(nlp, text, expected):
    assert document_triples(nlp, text, DCT) == expected


def trade_amounts(nlp, text: str) -> list[tuple[float, str]]:
    return sorted((r.amount, r.currency) for r in table_rows(nlp, text, "trade", "1987-04-09"))


CHILE = ("Chile's exports in February totalled 379.4 mln dlrs. Imports fell 9.2 pct to 277.2 mln "
         "dlrs. ")


@pytest.mark.parametrize("text,expected", [
    # "the figures" stand for the measures of the sentence before, like a pronoun
    (CHILE + "The figures for the same month last year were 314 mln and 208.6 mln dlrs, "
     "respectively.", [(208.6e6, "USD"), (277.2e6, "USD"), (314e6, "USD"), (379.4e6, "USD")]),
    # (with no figures they refer to, nothing is carried: no measure before)
    ("Chile's central bank met on Tuesday. The figures for the same month last year were 314 mln "
     "and 208.6 mln dlrs, respectively.", []),
    # (the figures that only source a clause: "..., official figures show")
    (CHILE + "Officials said 314 mln dlrs came from one mine, official figures show.",
     [(277.2e6, "USD"), (379.4e6, "USD")]),
    # (a sentence that is not their subject stays without a measure)
    (CHILE + "Officials said 314 mln dlrs of the figures came from one mine.",
     [(277.2e6, "USD"), (379.4e6, "USD")]),
])
def test_figures_refer_back(nlp, text, expected):
    assert trade_amounts(nlp, text) == expected


GEORGIA = ("Georgia is offering a tax amnesty to people who hid their earnings under the regime "
           "of former president Eduard Shevardnadze. The country's new president, Mikhail "
           "Saakashvili, has said that anyone will pay 1% in tax. Tax records from before 1 "
           "January, three days before President Saakashvili was elected, will be destroyed.")


@pytest.mark.parametrize("text,expected", [
    # a known state official with a lower-case office is no company's president; of his two
    # facts (Soviet Foreign Minister, Georgian President) the office he is given decides; a
    # former head leaves his state to the new one
    (GEORGIA, [("Eduard Shevardnadze", "GEO"), ("Mikhail Saakashvili", "GEO")]),
    ("The talks were attended by Foreign Minister Eduard Shevardnadze, the Soviet news agency "
     "said.", [("Eduard Shevardnadze", "SUN")]),
    # (an unknown name with a lower-case office and no state stays a company's)
    ("Shares rose 3 pct, president Michael Cornelissen said.", []),
])
def test_known_official_with_lower_case_office(nlp, text, expected):
    assert leader_states(nlp, text, ("bbc", "")) == expected


@pytest.mark.parametrize("text,expected", [
    # a region whose name holds a state's (models/gazetteers/regions.csv) names no state: the
    # official of a Sri Lankan readout keeps the publisher's state
    ("President Anura Kumara Dissanayake met the delegation. Director General for Europe and "
     "North America at the Ministry of Foreign Affairs Kamal Perera attended.",
     [("Anura Kumara Dissanayake", "LKA"), ("Kamal Perera", "LKA")]),
    ("President Anura Kumara Dissanayake met the delegation. Director General for Latin "
     "America at the Ministry of Foreign Affairs Kamal Perera attended.",
     [("Anura Kumara Dissanayake", "LKA"), ("Kamal Perera", "LKA")]),
    # (the state's own name still names it)
    ("President Anura Kumara Dissanayake met the delegation. Ambassador of the United States "
     "of America Julie Chung attended.",
     [("Anura Kumara Dissanayake", "LKA"), ("Julie Chung", "USA")]),
])
def test_region_names_no_state(nlp, text, expected):
    assert leader_states(nlp, text, ("pmd.gov.lk", "")) == expected


@pytest.mark.parametrize("text,where,expected", [
    # an office without a name, subject of the sentence after the one person it stands for
    ("Britain's rebate is not up for renegotiation at next week's summit, Jack Straw said. "
     "The foreign secretary told MPs the rebate was entirely justified.", ("bbc", ""),
     [("Jack Straw", "GBR")]),
    # (two persons before it: either could hold the office)
    ("Jack Straw and Gordon Brown spoke on Monday. The foreign secretary told MPs the rebate "
     "was justified.", ("bbc", ""), []),
    # (a head's office is the head of the state in view, not the person named before)
    ("The rebate was discussed with Alfred Riedl on Monday. The President said it was "
     "justified.", ("bbc", ""), []),
    # (in a government's readout an unnamed official's office is its own official's)
    ("Second Gentleman Douglas Emhoff joined the call. The Vice President thanked Israel for "
     "its support.", ("whitehouse.gov", ""), []),
])
def test_office_anaphors(nlp, text, where, expected):
    assert leader_states(nlp, text, where) == expected


@pytest.mark.parametrize("text,where,expected", [
    # an office given through "as" to the one person named before it in the sentence
    ("The ruling creates a problem for Charles Clarke on his first day as home secretary.",
     ("bbc", ""), [("Charles Clarke", "GBR")]),
    ("President Reagan said the flow of technology to the Soviet Union must stop. He was "
     "speaking at the swearing in of C. William Verity as Secretary of the Commerce "
     "Department. Verity said the U.S. should make certain of it.",
     ("reuters", ""), [("C. William Verity", "USA"), ("Reagan", "USA")]),
    # (the president of a body that is not a state's is no leader)
    ("Vladimir Putin congratulated Alisher Usmanov on his re-election as President of the "
     "International Fencing Federation.", ("kremlin.ru", ""), []),
    # (an office a company has too, in lower case, with no state: a company's)
    ("Shares rose after John Smith returned as chairman.", ("bbc", ""), []),
])
def test_offices_as(nlp, text, where, expected):
    assert leader_states(nlp, text, where) == expected
