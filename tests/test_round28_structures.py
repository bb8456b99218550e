"""Constructions found in round 28 of issue 15 (accuracy on unseen articles), on the errors of
the tuning draws (random, trade-only trade_tune47, documents-only docs_tune48): an IMF mission
chief; a central bank by its initials; a deputy head of the presidential office; an office set
off by a comma before a name the facts give another state; one joint declaration named twice;
a signing after a fronted purpose clause. With the near cases that must keep their rows as
before. Texts written for these tests; each case is one construction."""

from __future__ import annotations

import pytest

from helpers import document_facts, leader_rows, leader_states

KREMLIN = "en.kremlin.ru"
KYIV = "president.gov.ua (English)"
PMD = "pmd.gov.lk"


def documents(nlp, text: str, dct: str, source: str) -> list[tuple[str, str, str]]:
    """(type, countries, status) of the documents rows of a text, sorted."""
    return sorted((kind, countries, status)
                  for kind, status, countries, _ in document_facts(nlp, text, dct, source))


@pytest.mark.parametrize("text,where,expected", [
    # "Senior Mission Chief" is an IMF office, wherever the sentence names the IMF
    ("Senior Mission Chief Peter Breuer and the IMF delegation met with President "
     "Dissanayake today.", (PMD, ""),
     [("Dissanayake", "LKA"), ("Peter Breuer", "IMF")]),
    ("The IMF delegation was led by Mr. Sanjaya Panth and included Mr. Evan Papageorgiou, "
     "Senior Mission Chief.", (PMD, ""), [("Evan Papageorgiou", "IMF")]),
    # (a mission chief of no named organization stays out, as before)
    ("Mission Chief John Smith visited the plant.", (PMD, ""), []),
    # the European Central Bank by its initials
    ("ECB President Jean-Claude Trichet has remained upbeat about prospects for the region.",
     ("", ""), [("Jean-Claude Trichet", "ECB")]),
    # a deputy head of the presidential office, with or without the state after it
    ("On the instruction of Head of the Office of the President of Ukraine Andriy Yermak, "
     "Deputy Head of the Office of the President Kyrylo Tymoshenko met with President of the "
     "Austrian Association of Municipalities Alfred Riedl.", (KYIV, ""),
     [("Andriy Yermak", "UKR"), ("Kyrylo Tymoshenko", "UKR")]),
    # an office set off by a comma before a name the facts give another state: the office of
    # the name coordinated after it
    ("During a lengthy telephone conversation initiated by the President of the French "
     "Republic, Vladimir Putin and Emmanuel Macron had a serious exchange of views.",
     (KREMLIN, ""), [("Emmanuel Macron", "FRA")]),
    # (the office of the name the facts agree with, as before)
    ("The President of Russia, Vladimir Putin, met the Prime Minister of India, Narendra Modi.",
     (KREMLIN, ""), [("Narendra Modi", "IND"), ("Vladimir Putin", "RUS")]),
])
def test_leader_states_round28(nlp, text, where, expected):
    assert leader_states(nlp, text, where) == expected


def test_deputy_head_keeps_the_deputy_office(nlp):
    rows = leader_rows(nlp, "Deputy Head of the Office of the President Kyrylo Tymoshenko met "
                       "the governor.", (KYIV, ""))
    assert [(r.name, r.title) for r in rows] == [
        ("Kyrylo Tymoshenko", "Deputy Head of the Presidential Office")]


CROATIA = ("During the meeting, Volodymyr Zelenskyy and Andrej Plenković signed a joint "
           "Declaration on Ukraine's European perspective. ")


@pytest.mark.parametrize("text,expected", [
    # a joint declaration named by its subject, then again without one: one row
    (CROATIA + "With the signing of a joint Declaration at the level of the President of "
     "Ukraine and the Prime Minister of the Republic of Croatia, the country's support was "
     "recorded.", [("declaration", "HRV;UKR", "signed")]),
    # (two memoranda, one untitled, stay two: a memorandum is no joint noun)
    ("The ministers of Ukraine and Croatia signed a memorandum on cooperation in tourism. A "
     "memorandum was also signed.", [("memorandum", "HRV;UKR", "signed"),
                                     ("memorandum", "HRV;UKR", "signed")]),
    # a signing after a fronted purpose clause the parser makes the root
    ("In order to coordinate, encourage and develop cooperation between Ukraine and Turkey in "
     "the customs sector, Acting Chairman of the State Customs Service of Ukraine Vyacheslav "
     "Demchenko and Deputy Minister of Trade of Turkey Mustafa Tuzcu signed a Memorandum of "
     "Understanding on the establishment of a Joint Customs Council.",
     [("memorandum", "TUR;UKR", "signed")]),
    # (a signing only encouraged is none, as before)
    ("The sides encourage the ministries of Ukraine and Turkey to sign a memorandum on "
     "customs cooperation.", []),
])
def test_documents_round28(nlp, text, expected):
    assert documents(nlp, text, "2021-12-08", KYIV) == expected
