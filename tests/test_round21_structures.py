"""Constructions found in round 21 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws (docs_tune31 among them): a plural signed "with" several states is one
document with each, the owner of "its" included; "an initial agreement" is no signing; two
documents of different subjects stay two; "the document was signed by ..." and "a memorandum
between the Ministry and Apple" repeat the memorandum named before. Texts written for these
tests; each case is one construction, with near cases that must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts


@pytest.mark.parametrize("text,expected", [
    # the signing verb's "with" lists the partners: one document with each, the other party
    # the verb's subject ...
    ("Sri Lanka signed free trade agreements with India, Pakistan and Thailand in 2004.",
     [("agreement", "signed", "IND;LKA", "2004"), ("agreement", "signed", "LKA;PAK", "2004"),
      ("agreement", "signed", "LKA;THA", "2004")]),
    # ... or the state that "its" stands for, named before in the sentence
    ("The President welcomed the UAE's economic initiatives, including its recent Free Trade "
     "Agreements signed with Israel, India, and Indonesia as well as new investments in "
     "Jordan and Egypt.",
     [("agreement", "signed", "ARE;ISR", ""), ("agreement", "signed", "ARE;IND", ""),
      ("agreement", "signed", "ARE;IDN", "")]),
    # one partner: one document between the two
    ("Sri Lanka signed a free trade agreement with India in 1998.",
     [("agreement", "signed", "IND;LKA", "1998")]),
    # states that sign together are the parties of one document
    ("Russia and China signed an agreement with Iran on Monday.",
     [("agreement", "signed", "CHN;IRN;RUS", "2024-01-08")]),
])
def test_partners_of_the_signing_verb(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10") == expected


@pytest.mark.parametrize("text,expected", [
    # "initial" is a signing verb ("initialled"), not the adjective
    ("Clark said that an initial agreement between Canada and the United States must be "
     "reached by late September.", []),
    ("The two ministers initialled an agreement on fisheries between Japan and Korea on "
     "Monday.",
     [("agreement", "signed", "JPN;KOR", "2024-01-08")]),
])
def test_initial_agreement(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10") == expected


@pytest.mark.parametrize("text,expected", [
    # two documents in force named by different subjects stay two ...
    ("President Biden met Prime Minister Albanese of Australia. We have had defense, and "
     "we've had the economic relationship: defense through ANZUS, the economic relationship "
     "through our free trade agreement. The AUKUS agreement is so central.",
     [("treaty", "in_force", "AUS;NZL;USA", ""), ("agreement", "in_force", "AUS;USA", ""),
      ("agreement", "in_force", "AUS;GBR;USA", "")]),
    # ... but a document named by its parties is the one named by its subject
    ("Japan has failed to honour the semiconductor pact with the United States. Officials "
     "said the U.S./Japan agreement is at risk.",
     [("agreement", "in_force", "JPN;USA", "")]),
])
def test_documents_of_other_subjects(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10", source="whitehouse.gov") == expected


@pytest.mark.parametrize("text,expected", [
    # "The document was signed by <official> ... at Apple Inc." and "a Memorandum ... between
    # the Ministry ... and Apple" are the memorandum named first
    ("A Memorandum of Understanding between the Ministry of Digital Transformation of "
     "Ukraine, Apple Inc. and Apple Ukraine LLC was signed in Kyiv on Monday. The document "
     "was signed by Deputy Prime Minister Mykhailo Fedorov and Director of Liaison with "
     "Public Authorities of Countries and Regions at Apple Inc. Mark Lennon. The logical "
     "result of these negotiations was the signing of a Memorandum of Cooperation between "
     "the Ministry of Digital Transformation and Apple.",
     [("memorandum", "signed", "UKR;USA", "2024-01-08")]),
    # a memorandum between other parties is another one (signed when the text does not say)
    ("A Memorandum of Understanding between the Ministry of Digital Transformation of "
     "Ukraine and Apple Inc. was signed in Kyiv on Monday. A memorandum between the Ministry "
     "of Health of Ukraine and Philips was signed as well.",
     [("memorandum", "signed", "UKR;USA", "2024-01-08"),
      ("memorandum", "signed", "NLD;UKR", "")]),
])
def test_the_same_memorandum_again(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10", source="president.gov.ua") == expected
