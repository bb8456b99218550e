"""Constructions and knowledge found in round 18 of issue 15 (accuracy on unseen articles),
from the errors on the tuning draws (docs_tune29 first). Texts written for these tests; each
case is one construction, with near cases that must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts, table_rows


@pytest.mark.parametrize("text,expected", [
    # a standing group of states (models/gazetteers/groups.csv) names its members ...
    ("Advisers to the leaders of the Normandy format adopted a joint communique in Paris.",
     [("joint_statement", "signed", "DEU;FRA;RUS;UKR", "")]),
    ("The presidents of the Lublin Triangle signed a joint statement in Huta.",
     [("joint_statement", "signed", "LTU;POL;UKR", "")]),
    ("The Quad leaders adopted a joint statement on maritime security.",
     [("joint_statement", "signed", "AUS;IND;JPN;USA", "")]),
    ("The leaders of the Union State signed a programme on migration policy.",
     [("program", "signed", "BLR;RUS", "")]),
    # ... in any case when the group's name is no ordinary phrase
    ("Ministers of the normandy four signed a joint statement.",
     [("joint_statement", "signed", "DEU;FRA;RUS;UKR", "")]),
    # ... but "quad" in lower case is no group, nor is a group a party of a plain noun
    ("The company signed a contract for quad bikes with Poland and Ukraine.",
     [("contract", "signed", "POL;UKR", "")]),
])
def test_groups_of_states(nlp, text, expected):
    assert document_facts(nlp, text, "2022-01-26") == expected


@pytest.mark.parametrize("text,expected", [
    # "of the leaders of A and B" names the parties, not the subject
    ("They audited the implementation of the agreements of the leaders of Russia and Ukraine "
     "from 2019.", [("agreement", "in_force", "RUS;UKR", "")]),
    ("They audited the implementation of the agreements of the presidents of France and "
     "Germany.", [("agreement", "in_force", "DEU;FRA", "")]),
    # with a group, beside a well-known document whose parties it does not share
    ("They audited the implementation of both the Minsk agreements and the agreements of the "
     "leaders of the Normandy format from 2019.",
     [("agreement", "in_force", "RUS;UKR", ""),
      ("agreement", "in_force", "DEU;FRA;RUS;UKR", "")]),
    # "of" before anything else still starts the title: no parties, no row
    ("They audited the implementation of the agreements of the summit in Paris.", []),
])
def test_parties_after_of_the_leaders(nlp, text, expected):
    assert document_facts(nlp, text, "2022-01-26") == expected


@pytest.mark.parametrize("text,expected", [
    # "conclusion" is a doubt word ("work toward the conclusion of") and a signing word: a
    # past-tense verb greeting it, or "recent", makes it a signing ...
    ("The leaders welcomed the conclusion of a comprehensive free trade agreement between "
     "India and Sri Lanka.", [("agreement", "signed", "IND;LKA", "")]),
    ("The presidents praised the recent conclusion of the Intergovernmental Agreement on "
     "Defense Cooperation between Sweden and Ukraine.",
     [("agreement", "signed", "SWE;UKR", "")]),
    ("Harris and Marcos welcomed the conclusion of a historic civil nuclear cooperation "
     "agreement between the United States and the Philippines.",
     [("agreement", "signed", "PHL;USA", "")]),
    # ... not a plan, a condition, a present-tense wish or another modifier
    ("The two sides will work toward the early conclusion of a free trade agreement between "
     "India and Sri Lanka.", []),
    ("They celebrated the forthcoming conclusion of an agreement between India and Sri "
     "Lanka.", []),
    ("Subject to the successful conclusion of the Interim Agreement between India and the "
     "United States, tariffs will be removed.", []),
    ("The leaders welcome the conclusion of a free trade agreement between India and Sri "
     "Lanka.", []),
])
def test_conclusion_greeted_as_done(nlp, text, expected):
    assert document_facts(nlp, text, "2023-11-16") == expected


@pytest.mark.parametrize("text,dct,expected", [
    # the Stability and Growth Pact is the EU's ("+own"), whichever member the text names
    ("France and Germany have broken the rules of the stability pact for three years.",
     "2005-01-10", [("agreement", "in_force", "EU", "")]),
    ("Germany has broken the growth and stability pact.", "2005-01-10",
     [("agreement", "in_force", "EU", "")]),
    ("Italy must respect the Stability and Growth Pact, the commission said.", "2005-01-10",
     [("agreement", "in_force", "EU", "")]),
    # ... and only since 1997
    ("France and Germany discussed a stability pact for the region.", "1987-03-02", []),
    # in 1987 "the February 22 agreement" is the six nations' currency accord ...
    ("In the months leading up the February 22 agreement, the dollar dropped some 10 yen.",
     "1987-04-08", [("agreement", "in_force", "CAN;DEU;FRA;GBR;JPN;USA", "1987-02-22")]),
    # ... not in another year
    ("In the months leading up the February 22 agreement, the dollar dropped some 10 yen.",
     "2021-04-08", []),
])
def test_well_known_documents_of_round_18(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected


@pytest.mark.parametrize("text,dct,expected", [
    # "the two countries" as the signing subject beside a "with" partner: the pair its
    # sentence has just named, and the partner
    ("In a thaw between Egypt and Israel, the two countries have signed a trade protocol "
     "with the US.", "2005-01-10", [("protocol", "signed", "EGY;ISR;USA", "")]),
    # ... not when the sentence names three states before it
    ("After talks between Egypt, Jordan and Israel, the two countries signed a trade "
     "protocol with the US.", "2005-01-10", [("protocol", "signed", "EGY;USA", "2005-01-10")]),
    # a past signing of the well-known document named beside it is that document ...
    ("Tariffs would be lifted once Japan honored the pact it signed last year to end dumping. "
     "The Japanese say they have been honoring the semiconductor pact.", "1987-06-10",
     [("agreement", "signed", "JPN;USA", "1986")]),
    # ... unless it was signed with another state
    ("Tariffs would be lifted once Japan honored the pact it signed last year with South "
     "Korea to end dumping. The Japanese say they have been honoring the semiconductor pact.",
     "1987-06-10", [("agreement", "signed", "JPN;KOR", "1986"),
                    ("agreement", "in_force", "JPN;USA", "")]),
])
def test_pairs_and_past_signings(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected


HUTA = "The presidents of Ukraine, Lithuania and Poland met in Huta. "


def test_one_unnamed_statement_of_the_event(nlp):
    # an undated and an event-dated mention, neither named nor with parties: one document
    text = HUTA + ("Proof of this was the signing of a joint statement by the leaders of the "
                   "three states. A joint statement signed following today's summit was proof "
                   "of such unity.")
    assert document_facts(nlp, text, "2021-12-20") == [
        ("joint_statement", "signed", "LTU;POL;UKR", "2021-12-20")]


def test_two_named_statements_of_the_event(nlp):
    # each with its own subject: two documents
    text = HUTA + ("Proof of this was the signing of a joint statement on energy by the leaders "
                   "of the three states. A joint statement on security signed following "
                   "today's summit was proof of such unity.")
    rows = table_rows(nlp, text, "documents", "2021-12-20")
    assert [(r.doc_type, r.title) for r in rows] == [
        ("joint_statement", "energy"), ("joint_statement", "security")]


def test_a_day_of_a_date_is_no_count(nlp):
    # "the February 22 agreement" is one document named by its date, not 22 agreements
    rows = table_rows(nlp, "In the months leading up the February 22 agreement, the dollar "
                      "dropped some 10 yen.", "documents", "1987-04-08")
    assert [(r.title, r.countries) for r in rows] == [
        ("February 22 agreement", "CAN;DEU;FRA;GBR;JPN;USA")]
