"""Constructions found in round 14 of issue 15 (accuracy on unseen articles), from the errors
on the tuning draws (the random ones and the documents-only `docs_tune18`, `docs_tune19`,
`docs_tune21`, `docs_tune24`). Texts written for these tests; each case is one construction,
with near cases that must not change. (Three changes of the round were reverted when the
quality gate showed them lowering held-out draws, and the RCEP name when the rule it needed
went; their cases went with them.)"""

from __future__ import annotations

import pytest

from helpers import document_facts, leader_rows


@pytest.mark.parametrize("text,dct,expected", [
    # a trilateral document whose parties the text leaves unsaid: the article's three states
    ("Presidents of Russia, Azerbaijan and Armenia met in Sochi. We also adopted a trilateral "
     "Statement on the border between Armenia and Azerbaijan.", "2021-11-26",
     [("joint_statement", "signed", "ARM;AZE;RUS", "")]),
    # a capitalized Statement that named states sign is a joint statement ...
    ("Sri Lanka and Japan signed a Statement on debt today.", "2024-12-26",
     [("joint_statement", "signed", "JPN;LKA", "2024-12-26")]),
    # ... a press statement is none
    ("The Finance Ministry of Sri Lanka and Japan issued a Press Statement on the debt talks "
     "today.", "2024-12-26", []),
    # "hoping to strike a deal" is hypothetical (the model lemmatizes "hoping" as "hop") ...
    ("The EU is gearing up for tough negotiations on its budget, with the bloc's Luxembourg "
     "presidency hoping to strike a deal at a June summit.", "2005-03-16", []),
    # ... "struck a deal" is concluded
    ("Japan's Mitsubishi Motors has struck a deal to supply French car maker Peugeot with "
     "30,000 vehicles.", "2005-01-20", [("agreement", "signed", "FRA;JPN", "")]),
    # well-known documents by more names
    ("An end of the war must be based on the will of the people of Ukraine and the U.N. "
     "Charter, Harris told Zelenskyy.", "2024-09-26", [("charter", "in_force", "UN", "")]),
    ("The AUKUS agreement is so central, Biden told Albanese, and the United States and "
     "Australia work together on defense through ANZUS.", "2023-10-25",
     [("agreement", "in_force", "AUS;GBR;USA", ""), ("treaty", "in_force", "AUS;NZL;USA", "")]),
    ("China must be a member of the General Agreement of Tariffs and Trade (GATT) to qualify, "
     "the U.S. official said.", "1987-03-03", [("agreement", "in_force", "GATT", "")]),
])
def test_document_structures(nlp, text, dct, expected):
    assert document_facts(nlp, text, dct) == expected


def test_state_named_with_a_capital_article(nlp):
    """'the President of The Gambia': the mention names his state (before, 'The Gambia' was no
    state, and a linking strategy had to guess it from the article)."""
    text = ("Sri Lankan Ambassador Kana Perera in Kenya held talks with Adama Barrow, the "
            "President of The Gambia, on trade. President Barrow thanked President "
            "Wickremesinghe for his efforts. The ambassador wished The Gambia success.")
    rows = leader_rows(nlp, text, ("Daily Mirror", "https://www.dailymirror.lk/x"))
    assert [(r.name, r.country, r.rule) for r in rows if r.name == "Adama Barrow"] == [
        ("Adama Barrow", "GMB", "name_title_of_body")]
