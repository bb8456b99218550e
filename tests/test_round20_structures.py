"""Constructions and knowledge found in round 20 of issue 15 (accuracy on unseen articles),
from the errors on the tuning draws: companies name their home state among a document's
parties (models/gazetteers/companies.csv), a document between companies of one state is
domestic, and "our" makes a described document the speakers' own. Texts written for these
tests; each case is one construction, with near cases that must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts


@pytest.mark.parametrize("text,expected", [
    # a company names its home state: "with Boeing" is the United States
    ("Qatar Airways signed a $20 billion deal with Boeing for 40 aircraft on Monday.",
     [("agreement", "signed", "QAT;USA", "2024-01-08")]),
    ("Uber signed a Memorandum of Understanding with the Sri Lanka Tourism Promotion Bureau "
     "to boost tourism.",
     [("memorandum", "signed", "LKA;USA", "")]),
    ("Toyota signed a contract with Gazprom to supply pipes.",
     [("contract", "signed", "JPN;RUS", "")]),
    # a state's name inside a company's is the state once ("Air India" with Airbus)
    ("Air India signed a contract with Airbus for 250 aircraft.",
     [("contract", "signed", "FRA;IND", "")]),
    # companies of one state: a domestic document, no row
    ("Nissan, Honda and Mitsubishi Motors have signed a memorandum of understanding to explore "
     "a business integration.", []),
    # ... but one side of two parties naming one state does not place the other
    ("An MoU between the BIDTI and the Institute for Diplomatic Studies of Egypt was signed "
     "on Monday.",
     [("memorandum", "signed", "EGY;LKA", "2024-01-08")]),
    # words that are also companies' names are left out: "Total" is no company here
    ("Total exports rose after Canada signed a trade agreement with Mexico.",
     [("agreement", "signed", "CAN;MEX", "")]),
])
def test_companies_name_their_state(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10", source="dailymirror.lk") == expected


@pytest.mark.parametrize("text,expected", [
    # "our" + a described document: it exists, between the article's pair ...
    ("President Biden met President Boric of Chile. Biden said: We are celebrating 20 years "
     "since our free trade agreement, which has brought benefits for both of us.",
     [("agreement", "in_force", "CHL;USA", "")]),
    ("President Putin met Prime Minister Pashinyan of Armenia. They discussed the settlement, "
     "as we noted in our joint statement.",
     [("joint_statement", "in_force", "ARM;RUS", "")]),
    # ... or between the states its sentence names
    ("The leaders of Japan and the United States spoke. The United States is committed to the "
     "defense of Japan under our security pact.",
     [("agreement", "in_force", "JPN;USA", "")]),
    # not a plural, nor a consensus ("our agreement to hold ...")
    ("President Putin met Prime Minister Mitsotakis of Greece. The enemy breaks our "
     "agreements.", []),
    ("President Putin met Prime Minister Mitsotakis of Greece. Our agreement to hold the "
     "Russia-Greece Cross Year of History was a wise decision.", []),
])
def test_our_document(nlp, text, expected):
    assert document_facts(nlp, text, "2024-01-10") == expected


@pytest.mark.parametrize("text,expected", [
    # "fulfil" keeps a document, as "honour" does: in force, even when it is not kept
    ("President Reagan met Prime Minister Nakasone of Japan. Japan has not fulfilled its "
     "agreement with the United States, Reagan said.",
     [("agreement", "in_force", "JPN;USA", "")]),
    # "the conditions of" is a part of the document, as "the terms of" is
    ("President Reagan met Prime Minister Nakasone of Japan. Reagan said Japan had broken the "
     "conditions of its fishing accord with the United States.",
     [("agreement", "in_force", "JPN;USA", "")]),
    # no document: a promise fulfilled, or agreements reached in talks (a consensus)
    ("Japan fulfilled its promise to the United States to open its market.", []),
    ("President Zelensky met President Duda of Poland. The Polish delegation arrived in our "
     "country to fulfill the agreements reached during the visit of the President.", []),
])
def test_fulfil_and_conditions(nlp, text, expected):
    assert document_facts(nlp, text, "1987-04-10") == expected


@pytest.mark.parametrize("text,dct,expected", [
    # well-known documents added in round 20 (models/gazetteers/known_documents.csv) take
    # their actual parties: RCEP its fifteen members ...
    ("Sri Lanka hopes to join the Regional Comprehensive Economic Partnership, the minister "
     "said.", "2024-05-21",
     [("agreement", "in_force",
       "AUS;BRN;CHN;IDN;JPN;KHM;KOR;LAO;MMR;MYS;NZL;PHL;SGP;THA;VNM", "")]),
    # ... a Millennium Challenge Corporation compact the United States and its partner ...
    ("The leaders discussed investments under the new $491 million Millennium Challenge "
     "Corporation compact with Zambia.", "2024-12-04",
     [("agreement", "in_force", "USA;ZMB", "")]),
    # ... and a WTO agreement the WTO's, whoever the sentence names
    ("Ukraine and Turkey will simplify trade procedures in accordance with their obligations "
     "under the WTO Trade Facilitation Agreement.", "2022-02-03",
     [("agreement", "in_force", "WTO", "")]),
    # ... the 1986 GATT declaration and the US-Soviet grain agreement of the 1980s theirs
    ("The ambassador said the proposal would be considered in relation to the Punta del Este "
     "declaration.", "1987-10-20", [("declaration", "in_force", "GATT", "")]),
    ("The Soviet Union has bought 4 mln tonnes of U.S. wheat under the long-term grain "
     "agreement.", "1987-04-08", [("agreement", "in_force", "SUN;USA", "")]),
    # not before it existed
    ("The ministers discussed the Regional Comprehensive Economic Partnership talks.",
     "2015-05-21", []),
    # standing groups added in round 20 (models/gazetteers/groups.csv) name their members
    ("The P5 adopted a joint statement on preventing nuclear war on Monday.", "2022-01-05",
     [("joint_statement", "signed", "CHN;FRA;GBR;RUS;USA", "2022-01-03")]),
    ("The EU3 signed an agreement with Iran on Monday.", "2004-11-17",
     [("agreement", "signed", "DEU;FRA;GBR;IRN", "2004-11-15")]),
    ("The Joint Statement of the Heads of State of the Association Trio was adopted today.",
     "2021-12-15", [("joint_statement", "signed", "GEO;MDA;UKR", "2021-12-15")]),
    # the World Bank Group's private-sector arm has its own code, as the annotators write it
    ("The International Finance Corporation (IFC) signed an agreement with Sri Lanka on Monday "
     "to support green finance.", "2024-05-07",
     [("agreement", "signed", "IFC;LKA", "2024-05-06")]),
])
def test_knowledge_of_round_20(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected
