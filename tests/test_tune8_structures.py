"""Constructions found while working on the eighth blind tuning draw (issue 15, round 7:
corpus/gold/blind/tune8.gold.jsonl) and on the tuning sets' remaining misses. Texts written
for these tests; each case is one construction, with a near case that must not change."""

from __future__ import annotations

import pytest

from helpers import leader_rows

# ---- leaders: an office named without a person, far from the one who holds it

CALL = ("{name} had a telephone conversation with Prime Minister of Israel Naftali Bennett. "
        "Both leaders exchanged opinions on topical issues of the international agenda. At "
        "the request of Naftali Bennett, the President of Russia briefed him on the initiative "
        "to draft security guarantees. They touched upon cooperation on Syria.")


@pytest.mark.parametrize("name,expected", [
    # a person the facts name in full as that office's holder holds it anywhere in the article
    ("Vladimir Putin", [("Naftali Bennett", "Prime Minister", "ISR"),
                        ("Vladimir Putin", "President", "RUS")]),
    # a person no fact names stays without an office: the office may be someone else's
    ("Ivan Petrov", [("Naftali Bennett", "Prime Minister", "ISR")]),
])
def test_known_holder_of_a_distant_office(nlp, name, expected):
    rows = leader_rows(nlp, CALL.format(name=name))
    assert sorted((r.name, r.title, r.country) for r in rows) == sorted(expected)
