"""Constructions found in round 15 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws. Texts written for these tests; each case is one construction, with near
cases that must not change. (Two changes of the round were reverted when the held-out draws
showed them adding false rows, a plural signed by named bodies kept beside named documents
and subjects coordinated before a plural noun; their cases went with them.)"""

from __future__ import annotations

import pytest

from helpers import document_facts, leader_rows


@pytest.mark.parametrize("text,dct,expected", [
    # "approved" is a signing as part of the reported event ...
    ("A package of documents was approved during the visit of the Prime Minister of Armenia to "
     "Russia. It included a joint statement by the leaders of both states.", "2022-04-19",
     [("joint_statement", "signed", "ARM;RUS", "")]),
    ("Following the talks, the presidents of Mongolia and Russia approved a joint declaration "
     "on the anniversary of diplomatic relations.", "2021-11-26",
     [("declaration", "signed", "MNG;RUS", "2021-11-26")]),
    # ... not otherwise, nor above a signing word (a go-ahead), nor as a modifier
    ("The Government of Sri Lanka has approved a general plan for the port.", "2024-01-10", []),
    ("A comprehensive programme for Russian-Armenian cooperation in energy was also approved.",
     "2022-04-19", []),
    ("The Cabinet of Ministers on Monday approved signing an agreement with the Indian Railways "
     "for the grant of 22 engines.", "2024-12-11", []),
    # a state named before a document it kept or broke: one between states, in force
    ("The United States imposed tariffs on Japanese goods. Washington accused Japan of "
     "reneging on an agreement to stop selling cut-price computer chips.", "1987-04-20",
     [("agreement", "in_force", "JPN;USA", "")]),
    ("Japan denied breaking a pact with the U.S. on semiconductor trade.", "1987-03-25",
     [("agreement", "in_force", "JPN;USA", "")]),
    # ... a convention in the sense of a custom, with a state named only after it: none
    ("The Tories said she broke a convention that British political figures do not act in a "
     "partisan way abroad.", "2005-01-20", []),
])
def test_document_structures(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected


@pytest.mark.parametrize("text,publisher,expected", [
    # an office whose portfolio has a plural possessive ("Veterans' Affairs")
    ("Canada's Minister of Veterans' Affairs Lawrence MacAulay visited Kyiv on Monday.",
     ("", ""), [("Lawrence MacAulay", "Minister of Veterans' Affairs", "CAN")]),
    ("Presidential Commissioner for Entrepreneurs' Rights Boris Titov: Yes, the annual report.",
     ("kremlin.ru", "http://en.kremlin.ru/events/president/news/1"),
     [("Boris Titov", "Presidential Commissioner for Entrepreneurs' Rights", "RUS")]),
    # ... as the singular one always had
    ("The Presidential Commissioner for Children's Rights Maria Lvova-Belova said the report "
     "was ready.", ("kremlin.ru", "http://en.kremlin.ru/events/president/news/1"),
     [("Maria Lvova-Belova", "Presidential Commissioner for Children's Rights", "RUS")]),
])
def test_plural_possessive_portfolio(nlp, text, publisher, expected):
    rows = leader_rows(nlp, text, publisher)
    assert [(r.name, r.title, r.country) for r in rows] == expected
