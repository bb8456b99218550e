"""Constructions found in round 16 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws. Texts written for these tests; each case is one construction, with near
cases that must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts


@pytest.mark.parametrize("text,dct,expected", [
    # subjects of a plural parallel after a comma ("on A, and on B"): one document each ...
    ("The two countries signed memorandums of understanding on cooperation in developing and "
     "using laser infrastructure, and on technical cooperation between the tax services.",
     "2021-12-08",
     [("memorandum", "signed", "GRC;RUS", ""),
      ("memorandum", "signed", "GRC;RUS", "")]),
    # ... as without the comma
    ("The two countries signed memoranda on cooperation in education and on cooperation in "
     "sport.", "2021-12-08",
     [("memorandum", "signed", "GRC;RUS", ""),
      ("memorandum", "signed", "GRC;RUS", "")]),
    # coordinated gerunds are one subject, not a new clause
    ("The two countries signed an agreement on developing and using the port.", "2021-12-08",
     [("agreement", "signed", "GRC;RUS", "")]),
    # a clause after the comma is not a subject of the document
    ("The two countries signed memoranda on cooperation in education, and in Athens the "
     "ministers met again.", "2021-12-08", [("memorandum", "signed", "GRC;RUS", "")]),
    ("The two countries signed memoranda on cooperation in education, and in the afternoon "
     "they visited a school.", "2021-12-08", [("memorandum", "signed", "GRC;RUS", "")]),
    # ... also after an aside ("documents, signed by X, on A, and on B") and through a list of
    # modifiers with commas ("the legal, cultural, social and labour spheres")
    ("During the talks they signed a joint statement, an agreement on information security "
     "and a number of documents, signed by relevant agencies of both sides, on cooperation in "
     "the legal, cultural, social and labour spheres, and on plant quarantine measures.",
     "2022-04-19",
     [("joint_statement", "signed", "GRC;RUS", "2022-04-19"),
      ("agreement", "signed", "GRC;RUS", "2022-04-19"),
      ("other", "signed", "GRC;RUS", "2022-04-19"), ("other", "signed", "GRC;RUS", "2022-04-19")]),
    # "and a number of documents" starts another document, not the agreement's title; named
    # ones nearby are the set
    ("They signed an agreement on information security and a number of documents.",
     "2022-04-19", [("agreement", "signed", "GRC;RUS", "")]),
    # an aside that goes on with a place is not a title
    ("They signed an agreement, signed by both ministers, in Sochi.", "2022-04-19",
     [("agreement", "signed", "GRC;RUS", "")]),
])
def test_parallel_subjects(nlp, text, dct, expected):
    lead = "Greece and Russia held talks in Moscow. "
    assert document_facts(nlp, lead + text, dct) == expected


@pytest.mark.parametrize("text,expected", [
    # a set signed by parties none of the documents named nearby has: a row of its own ...
    ("Transmashholding signed a cooperation agreement with Kazakh Railways. Several documents "
     "were signed between major Russian universities and the Centre of International "
     "Programmes of Kazakhstan.", [("agreement", "signed", "KAZ;RUS", ""),
                                    ("other", "signed", "KAZ;RUS", "")]),
    # ... not when a named one has the same parties, or none of its own
    ("Transmashholding signed a cooperation agreement with Kazakh Railways. Several documents "
     "were signed between Transmashholding and Kazakh Railways.",
     [("agreement", "signed", "KAZ;RUS", "")]),
    ("The two governments signed a cooperation agreement on railways. Several documents were "
     "signed between the two governments.", [("agreement", "signed", "KAZ;RUS", "")]),
])
def test_set_with_own_parties(nlp, text, expected):
    lead = "Kazakhstan and Russia held talks in Moscow. "
    assert document_facts(nlp, lead + text, "2021-11-28") == expected


@pytest.mark.parametrize("text,expected", [
    # a plan noun as the subject of the signing verb: planned, so no row without a time ...
    ("President Biden met King Abdullah II of Jordan. President Biden announced the intention "
     "of the United States to enter into a new memorandum of understanding (MOU) for "
     "assistance for Jordan.", []),
    # ... and a planned row with one
    ("President Biden met King Abdullah II of Jordan. President Biden announced the intention "
     "of the United States to enter into a new memorandum of understanding for assistance for "
     "Jordan next month.", [("memorandum", "planned", "JOR;USA", "2022-01")]),
    # what will follow a signing: the signing is still to come
    ("Russia and Ukraine held talks. After the signing of the treaty, both parties will open "
     "embassies.", []),
    ("Russia and Ukraine held talks on Monday. Following the signing of an agreement on trade "
     "tomorrow, the presidents will make press statements.",
     [("agreement", "planned", "RUS;UKR", "2021-12-09")]),
    # ... not what followed one
    ("Russia and Ukraine held talks on Monday. Following the signing of an agreement on trade, "
     "the presidents made press statements.", [("agreement", "signed", "RUS;UKR", "")]),
    ("President Biden met King Abdullah II of Jordan. The two governments signed an agreement "
     "on water.", [("agreement", "signed", "JOR;USA", "")]),
])
def test_signing_still_to_come(nlp, text, expected):
    assert document_facts(nlp, text, "2021-12-08") == expected


@pytest.mark.parametrize("text,expected", [
    # a planned signing dated only by a past event is planned without a time: no row
    ("The United States and Zambia will sign a Commercial Development Memorandum of "
     "Understanding as a follow-up to their commitment to boost commercial engagement during "
     "their September 22, 2021 bilateral meeting.", []),
    # ... a future date or the reported event is a time
    ("The United States and Zambia will sign a Commercial Development Memorandum of "
     "Understanding on December 20.", [("memorandum", "planned", "USA;ZMB", "2021-12-20")]),
    ("The United States and Zambia will sign a Commercial Development Memorandum of "
     "Understanding during the visit.", [("memorandum", "planned", "USA;ZMB", "")]),
])
def test_planned_time_in_the_past(nlp, text, expected):
    lead = "Vice President Harris met President Hichilema of Zambia. "
    assert document_facts(nlp, lead + text, "2021-12-08") == expected


@pytest.mark.parametrize("text,expected", [
    # the creditors' committee of Sri Lanka's debt restructuring is an organization (OCC)
    ("Sri Lanka signed a memorandum of understanding with the Official Creditor Committee on "
     "debt restructuring.", [("memorandum", "signed", "LKA;OCC", "")]),
    ("In June, Sri Lanka signed a memorandum of understanding with its Official Creditors "
     "Committee.", [("memorandum", "signed", "LKA;OCC", "2021-06")]),
])
def test_creditor_committee(nlp, text, expected):
    assert document_facts(nlp, text, "2021-12-08") == expected


@pytest.mark.parametrize("text,expected", [
    # a month before the noun is no name and no title: "the July agreement" is the pact named
    # before ...
    ("Japan and the United States signed a pact on semiconductor trade last year. Officials "
     "complained that Japanese chipmakers sell at below cost despite the July agreement.",
     [("agreement", "signed", "JPN;USA", "2020")]),
    # ... while a name stays one, and a signing in July stays dated
    ("Japan and the United States signed a pact on semiconductor trade last year. They signed "
     "the trade agreement in July.",
     [("agreement", "signed", "JPN;USA", "2020"), ("agreement", "signed", "JPN;USA", "2021-07")]),
    ("Britain and Ireland recalled the Good Friday Agreement.",
     [("agreement", "in_force", "GBR;IRL", "")]),
    # ... and a capitalized document noun after a date is a name ("the March 25 Joint
    # Statement")
    ("The United States and the European Commission recalled the March 25 Joint Statement on "
     "energy security.", [("joint_statement", "in_force", "EU;USA", "")]),
])
def test_month_before_the_noun(nlp, text, expected):
    assert document_facts(nlp, text, "2021-12-08") == expected
