"""Constructions found in round 30 of issue 15 (accuracy on unseen articles), with the near
cases that keep their rows as before. Texts written for these tests."""

from __future__ import annotations

import pytest

from helpers import document_triples

DCT = "2024-04-01"


@pytest.mark.parametrize("text,expected", [
    # a first-person subject signs with the partner the article is about (the article's pair)
    ("Sri Lanka's state finance minister visited China last week. \"We signed some MOUs, and "
     "discussed the debt restructuring,\" he said.",
     [("memorandum", "CHN;LKA", "signed")]),
    ("Sri Lanka's state finance minister visited China last week. \"We signed two MOUs,\" he "
     "said.", [("memorandum", "CHN;LKA", "signed")] * 2),  # a counted set: one row each
    # (a plural "they" is no speaker: no party the text gives)
    ("Sri Lanka's state finance minister visited China last week. Companies said they signed "
     "some MOUs.", []),
    # (a plan of the speakers is no signing)
    ("Sri Lanka's state finance minister visited China last week. \"We hope to sign some MOUs,\""
     " he said.", []),
])
def test_we_signed(nlp, text, expected):
    assert document_triples(nlp, text, DCT) == expected


@pytest.mark.parametrize("text,expected", [
    # an IMF facility is a program, whether the text calls it a programme or an arrangement
    ("The discussions centred on the fourth tranche of Sri Lanka's Extended Fund Facility (EFF) "
     "arrangement with the IMF.", [("program", "IMF;LKA", "in_force")]),
    ("The discussions centred on the fourth tranche of Sri Lanka's Extended Fund Facility (EFF) "
     "programme with the IMF.", [("program", "IMF;LKA", "in_force")]),
    ("Sri Lanka's EFF arrangement is on track, the IMF said.",
     [("program", "IMF;LKA", "in_force")]),
])
def test_imf_facility_is_a_program(nlp, text, expected):
    assert document_triples(nlp, text, DCT) == expected
