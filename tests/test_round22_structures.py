"""Constructions found in round 22 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws: a plural signed with several partners is one document with each even
when its subject is coordinated; a set two bodies sign (two funds) is not the states' documents
named before it; officials named before "has been appointed as the <office>
of <a body>", an office with a portfolio in front ("the Media Advisor to the President"), a
body of a state office ("the President's Media Division"), "X, an Assistant Governor of the
CBSL". Texts written for these tests; each case is one construction, with near cases that
must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts, leader_states

LK_GOV = ("pmd.gov.lk", "")  # a government publisher: its unqualified officials serve LKA


@pytest.mark.parametrize("text,expected", [
    # the partners explain the plural: one treaty with each, the coordinated subject one title
    ("Russia acts under the treaties of friendship and mutual assistance which Russia signed "
     "with the Donetsk People's Republic and the Lugansk People's Republic.",
     [("treaty", "signed", "DPR;RUS", ""), ("treaty", "signed", "LPR;RUS", "")]),
    # no partners listed: the coordinated subjects are the documents
    ("Following the talks, Russia and Uzbekistan signed memoranda on cooperation in "
     "education and in sport.",
     [("memorandum", "signed", "RUS;UZB", "2022-02-24"),
      ("memorandum", "signed", "RUS;UZB", "2022-02-24")]),
])
def test_partners_before_subjects(nlp, text, expected):
    assert document_facts(nlp, text, "2022-02-24", source="kremlin.ru") == expected


PACKAGE = ("President Putin met President Mirziyoyev of Uzbekistan. They signed a package of "
           "bilateral documents on the sidelines of the talks. These included an "
           "intergovernmental cooperation programme for 2022–2026 and a memorandum of "
           "understanding on bio-security. ")


@pytest.mark.parametrize("text,expected", [
    # a set two bodies sign is not the states' documents named before it
    (PACKAGE + "The Russian Direct Investment Fund (RDIF) and the Uzbek Direct Investment Fund "
     "(UDIF) signed cooperation agreements.",
     [("program", "signed", "RUS;UZB", ""), ("memorandum", "signed", "RUS;UZB", ""),
      ("agreement", "signed", "RUS;UZB", "")]),
    # a set the states sign is: no row of its own
    (PACKAGE + "Russia and Uzbekistan signed agreements.",
     [("program", "signed", "RUS;UZB", ""), ("memorandum", "signed", "RUS;UZB", "")]),
])
def test_set_signed_by_bodies(nlp, text, expected):
    assert document_facts(nlp, text, "2021-11-19", source="en.kremlin.ru") == expected


@pytest.mark.parametrize("text,where,expected", [
    # "<name> has been appointed as the <office> of <a body>"
    ("T.A.C.N. Thalangama has been appointed as the Chief Secretary of the Eastern Province, "
     "while J.M. Jayasinghe has been appointed as the Chief Secretary of the North Central "
     "Province.", LK_GOV,
     [("J.M. Jayasinghe", "LKA"), ("T.A.C.N. Thalangama", "LKA")]),
    # a body of a state office is a state body
    ("Prasanna Perera has been appointed as the Director General of the President’s Media "
     "Division (PMD).", LK_GOV, [("Prasanna Perera", "LKA")]),
    # an adverb before the verb, a portfolio before the office
    ("Senior journalist Mr Chandana Sooriyabandara has been officially appointed as the "
     "Media Advisor to the President.", LK_GOV, [("Chandana Sooriyabandara", "LKA")]),
    # "X, an <office> of <an institution>"
    ("E H Mohotty, an Assistant Governor of the CBSL, also attended the event.", LK_GOV,
     [("E H Mohotty", "LKA")]),
    ("Dr. Ahmed Al-Kholifey, Deputy Governor of the Saudi Central Bank, met the delegation.",
     ("", ""), [("Ahmed Al-Kholifey", "SAU")]),
    # prisons and excise are a state's, like customs
    ("Commissioner General of Prisons Thushara Upuldeniya said the prisons are full.", LK_GOV,
     [("Thushara Upuldeniya", "LKA")]),
    # near cases: a company's or a club's people are no officials
    ("Commissioner General of the Scouts Association Kamal Silva opened the camp.", ("", ""),
     []),
    ("Nimal Perera has been appointed as the Director General of the Ceylon Chamber of "
     "Commerce.", ("", ""), []),
    ("Kamal Silva, a member of the Colombo Rowing Club, won the race.", LK_GOV, []),
])
def test_appointed_officials(nlp, text, where, expected):
    assert leader_states(nlp, text, where) == expected
