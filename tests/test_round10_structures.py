"""Constructions found in round 10 of issue 15 (accuracy on unseen articles), from the errors
on the blind tuning draw `tune14`, scored before any rule was tuned on it. Texts written for
these tests; each case is one construction, with a near case that must not change."""

from __future__ import annotations

import pytest

from helpers import leader_rows, leader_triples, table_rows


@pytest.mark.parametrize("text,expected", [
    # the singular "dlr" of a written-out dollar, in any case ("a 3.51 billion H.K. Dlr
    # deficit"), and a bare "dlr" after it takes that dollar
    ("Hong Kong recorded a 3.51 billion H.K. Dlr deficit in February after a 2.54 billion dlr "
     "surplus in January.",
     [("3.51 billion H.K. Dlr", "HKD", "1987-02"), ("2.54 billion dlr", "HKD", "1987-01")]),
    ("Canada had a 1.2 billion Canadian dlr surplus in March.",
     [("1.2 billion Canadian dlr", "CAD", "1987-03")]),
    # near case: a bare "dlrs" with no dollar of a state written before it is the US dollar
    ("Hong Kong recorded a 2.54 billion dlr surplus in January.",
     [("2.54 billion dlr", "USD", "1987-01")]),
])
def test_dollar_written_out_in_the_singular(nlp, text, expected):
    rows = table_rows(nlp, text, "trade", "1987-04-01")
    assert [(r.text, r.currency, r.period) for r in rows] == expected


@pytest.mark.parametrize("text,expected", [
    # "<amount> in <date> after <amount> in <date>": "after" starts the next compared item
    ("Belgium moved into a surplus of 4.7 billion francs in 1986 after a 140.4 billion franc "
     "deficit in 1985.", ["1986", "1985"]),
    # near case: one amount and one date before it still take each other
    ("In 1986, after a long slump, Belgium had a surplus of 4.7 billion francs.", ["1986"]),
])
def test_period_after_the_next_item(nlp, text, expected):
    assert [r.period for r in table_rows(nlp, text, "trade", "1987-03-01")] == expected


@pytest.mark.parametrize("text,where,expected", [
    # an office of one state's institutions (titles.csv `state`) serves that state, whoever
    # publishes the article
    ("Vladimir Putin congratulated Pope Francis on his 85th birthday.", ("", "kremlin.ru"),
     [("Francis", "Pope", "VAT")]),
    # a national news outlet's official serves the state the article is about when the text
    # never names the outlet's state
    ("India plans to open its mobile market. Communications Minister Dayanidhi Maran said "
     "there is a need to fund it.", ("BBC News", ""),
     [("Dayanidhi Maran", "Communications Minister", "IND")]),
    # near case: the article names the outlet's state too (here by one of its institutions):
    # the outlet's state stays the default
    ("One small Greek cafe stands between Labour and the Tories. Work and Pensions Secretary "
     "Alan Johnson spoke.", ("BBC News", ""),
     [("Alan Johnson", "Work and Pensions Secretary", "GBR")]),
])
def test_state_of_a_fixed_or_outlet_office(nlp, text, where, expected):
    rows = leader_rows(nlp, text, where)
    assert sorted((r.name, r.title, r.country) for r in rows) == expected


@pytest.mark.parametrize("text", [
    # "Member States" is a body, not the office "Member" before a name "States"
    "The talks included representatives of EU Member States and industry participants.",
    "Ministers of EU Member States met in Brussels.",
])
def test_member_states_is_no_leader(sentence_nlp, text):
    assert leader_triples(sentence_nlp, text) == []


@pytest.mark.parametrize("text,dct,expected", [
    # a year before or after a noun of a reported figure or a budget is a year, not a count
    ("It hopes 2005 sales will benefit from the new shirt.", "", [("2005", "2005")]),
    ("The demand that had driven 2004 sales had dissipated.", "", [("2004", "2004")]),
    ("Preparation of the 2025 Budget has commenced.", "2024-12-10", [("2025", "2025")]),
    ("Discussions on the budget 2025 have commenced.", "2024-12-10", [("2025", "2025")]),
    # near cases: counts and names stay out
    ("Output rose 1987 tonnes.", "", []),
    ("The company has 2000 employees.", "", []),
    ("The plan follows Vision 2030.", "2024-12-10", []),
    # "the N months to (end-)Month": the months ending then
    ("The deficit widened to 542 mln dlrs in the eight months to end-August.", "1987-10-05",
     [("the eight months to end-August", "1987-01/1987-08")]),
    ("Sales in the nine months to September 30, 1987 rose.", "1987-10-05",
     [("the nine months to September 30, 1987", "1987-01/1987-09")]),
    ("Operating profit in the three months to 31 December was 9.5bn kronor.", "2005-01-20",
     [("the three months to 31 December", "2004-10/2004-12")]),
    # "the first N quarters": their months
    ("In the first two quarters trade rose.", "1987-10-05",
     [("the first two quarters", "1987-01/1987-06")]),
    ("In the first three quarters of this year trade rose.", "2021-11-25",
     [("the first three quarters of this year", "2021-01/2021-09")]),
    # "yesterday (09)", "tomorrow (17 Jan.)": one date, the day written in brackets
    ("The strike will continue until tomorrow (17 Jan.), as talks had failed.", "2024-01-16",
     [("tomorrow (17 Jan.)", "2024-01-17")]),
    ("It was presented to the President yesterday (09) at Kandy.", "2025-08-08",
     [("yesterday (09)", "2025-08-09")]),
    ("He returns to Sri Lanka tonight (17), after his visit.", "2025-01-18",
     [("tonight (17)", "2025-01-17")]),
    ("He arrived last night (31) in Colombo.", "2025-08-01",
     [("last night (31)", "2025-07-31")]),
    # near case: brackets that hold no day leave the relative date as it is
    ("The party won today (16 seats) in Colombo.", "2024-01-15", [("today", "2024-01-15")]),
])
def test_date_structures(nlp, text, dct, expected):
    assert [(r.text, r.value) for r in table_rows(nlp, text, "dates", dct)] == expected


@pytest.mark.parametrize("text,expected", [
    # the Soviet Union (1987 news) is a state of its own, ISO 3166-3 code SUN, as the
    # guidelines' annotators write it
    ("British Prime Minister Margaret Thatcher met Soviet Premier Nikolai Ryzhkov in Moscow.",
     [("Margaret Thatcher", "Prime Minister", "GBR"), ("Nikolai Ryzhkov", "Prime Minister", "SUN")]),
    ("The USSR Foreign Minister Eduard Shevardnadze arrived.",
     [("Eduard Shevardnadze", "Foreign Minister", "SUN")]),
    # other states of 1987 news that no longer exist keep their old codes
    ("Yugoslav Prime Minister Branko Mikulic met East German leader Erich Honecker.",
     [("Branko Mikulic", "Prime Minister", "YUG"), ("Erich Honecker", "", "DDR")]),
])
def test_soviet_union(sentence_nlp, text, expected):
    assert leader_triples(sentence_nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # "dinars" with no state written: the dinar of a state the sentence names, old ones too
    ("Yugoslavia's exports rose to 875.59 billion dinars in 1986.", "YUD"),
    ("Iraq's exports rose to 875.59 million dinars in 1986.", "IQD"),
    ("Jordan's exports rose to 875.59 million dinars in 1986.", "JOD"),
])
def test_dinar_of_the_state_named(nlp, text, expected):
    assert [r.currency for r in table_rows(nlp, text, "trade", "1987-03-01")] == [expected]
