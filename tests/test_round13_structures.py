"""Constructions found in round 13 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws (the random ones and the documents-only `docs_tune18`, `docs_tune19`,
`docs_tune21`). Texts written for these tests; each case is one construction, with near
cases that must not change."""

from __future__ import annotations

import pytest

from helpers import document_facts, leader_states, table_rows


@pytest.mark.parametrize("text,dct,expected", [
    # an organization's own agreement named by its body: "delegate to" is no venue for it
    ("Robert Arnott, Australia's delegate to the General Agreement on Tariffs and Trade "
     "(GATT), made the appeal at a special meeting.", "1987-03-05",
     [("agreement", "in_force", "GATT", "")]),
    # ... near case: a meeting named after it is an event
    ("He told an informal General Agreement on Tariffs and Trade (GATT) meeting that "
     "developing countries need growth.", "1987-03-23", []),
    # "struck a deal", "formalised a deal": concluded
    ("Japan's Mitsubishi Motors has struck a deal to supply French car maker Peugeot with "
     "30,000 vehicles.", "2005-01-20", [("agreement", "signed", "FRA;JPN", "")]),
    ("The two countries also formalised a co-operation deal between Venezuela's PDVSA and "
     "Argentina's Enarsa.", "2005-01-20", [("agreement", "signed", "ARG;VEN", "")]),
    # ... near case: "reached an agreement to" do something is consensus, no document
    ("The two countries reached an agreement to launch joint ventures, Russia and China said.",
     "2021-06-01", []),
    # an agreement extended (or renewed) between states is concluded anew
    ("Taiwan and the United States have revised and extended their textile export agreement.",
     "1987-04-24", [("agreement", "signed", "TWN;USA", "")]),
    # ... near case: "a renewed programme" says nothing was signed
    ("Russia presented a renewed programme of support for Ukraine.", "2022-05-15", []),
    # partners listed with an acronym in brackets: one document with each
    ("Sri Lanka has signed agreements with the International Monetary Fund (IMF), the World "
     "Bank and the Asian Development Bank.", "2024-09-18",
     [("agreement", "signed", "IMF;LKA", ""), ("agreement", "signed", "LKA;WB", ""),
      ("agreement", "signed", "ADB;LKA", "")]),
    # a well-known pact named by its subject after the noun ("the accord on semiconductors")
    ("GATT's ruling council is due to hear a complaint from the EC about the U.S.-Japanese "
     "accord on semiconductors.", "1987-04-07", [("agreement", "in_force", "JPN;USA", "")]),
    # "the agreement, signed last September" after the pact is the pact
    ("Japan said a U.S.-Japan pact on microchip trade is working. The agreement, signed last "
     "September, aimed at halting predatory pricing.", "1987-03-17",
     [("agreement", "in_force", "JPN;USA", "")]),
    # ... near case: "the accord" after GATT (an organization's own agreement) is another one
    ("The dispute will go to the General Agreement on Tariffs and Trade. Canada and the "
     "United States signed the accord last week.", "1987-03-17",
     [("agreement", "in_force", "GATT", ""), ("agreement", "signed", "CAN;USA", "")]),
    # undoing a document says it exists, whatever the clause plans ...
    ("Sri Lanka's president said the opposition is talking about canceling the agreement with "
     "the International Monetary Fund. If they cancel the IMF agreement, it would have to be "
     "renegotiated.", "2024-09-18", [("program", "in_force", "IMF;LKA", "")]),
    ("The Conservatives propose withdrawing from the 1951 United Nations Convention on "
     "refugees.", "2005-01-24", [("convention", "in_force", "UN", "")]),
    # ... near case: cancelling a signing leaves no document
    ("The two presidents cancelled the signing of the agreement on trade between Russia and "
     "Ukraine.", "2022-02-01", []),
])
def test_document_structures(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected


def test_signed_participle_before_a_future_clause(nlp):
    """'Signed in the presence of ..., the five agreements will cover ...:' then a list: the
    signing is done (the future is what they cover), and a list that spells out the counted
    set ("five MoUs": four MoUs and an agreement) leaves no unnamed copies."""
    text = ("Iran and Sri Lanka on Wednesday (24) signed five Memorandums of Understanding "
            "(MoUs), aimed at bolstering bilateral relations.\nSigned in the presence of both "
            "presidents, the five agreements will cover cooperation in film, media and "
            "sports:\n\n1. Memorandum of Understanding on cooperation in the film industry "
            "between Sri Lanka and Iran\n\n2. Memorandum of Understanding on cooperation in "
            "media between Sri Lanka and Iran\n\n3. Memorandum of Understanding on cooperation "
            "between the national libraries of Sri Lanka and Iran\n\n4. Agreement on a "
            "program of cultural cooperation between Sri Lanka and Iran\n\n5. Memorandum of "
            "Understanding between the cooperative councils of Sri Lanka and Iran\n")
    rows = table_rows(nlp, text, "documents", "2024-04-24")
    assert [(r.doc_type, r.status, r.countries) for r in rows] == \
        [("memorandum", "signed", "IRN;LKA")] * 3 + [("agreement", "signed", "IRN;LKA"),
                                                     ("memorandum", "signed", "IRN;LKA")]


@pytest.mark.parametrize("text,where,expected", [
    # the words between "the" and a post office are its place (a constituency), no name
    ("Labour MP Stephen Pound has told of his shock. \"I felt guilt,\" said the Ealing North MP.",
     ("BBC News", "http://news.bbc.co.uk/1/hi/uk_politics/1.stm"),
     [("Stephen Pound", "GBR")]),
    ("Tory MP Jonathan Sayeed is to stand down. The Mid-Bedfordshire MP had denied a claim.",
     ("BBC News", "http://news.bbc.co.uk/1/hi/uk_politics/2.stm"),
     [("Jonathan Sayeed", "GBR")]),
    # ... near case: a name before a post office is one ("Margaret Moran MP")
    ("Tory leader Michael Howard met Margaret Moran MP in London.",
     ("BBC News", "http://news.bbc.co.uk/1/hi/uk_politics/3.stm"),
     [("Margaret Moran", "GBR"), ("Michael Howard", "GBR")]),
])
def test_leader_structures(nlp, text, where, expected):
    assert leader_states(nlp, text, where) == expected


def test_editor_inserted_office_and_first_name(nlp):
    """Reuters' "(Prime Minister Yasuhiro) Nakasone": an office and a first name the editor
    put in brackets before the surname; the person is the surname's, not "Yasuhiro"."""
    text = ('Japan will cut tariffs. "If there is anything of consequence to offer (Prime '
            'Minister Yasuhiro) Nakasone would take it with him," one U.S. official said of '
            "Japan.")
    rows = table_rows(nlp, text, "leaders", "1987-04-10")
    assert [(r.name, r.title, r.country) for r in rows] == [
        ("Nakasone", "Prime Minister", "JPN")]
