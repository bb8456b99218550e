"""A head of state/government with no country in the text's mentions serves the state the
article names most among those no other head serves (`_remaining_state`)."""

from __future__ import annotations

from pipeline.extractors.base import rows_of

TRANSCRIPT = """PRESIDENT BIDEN: Welcome. The United States has no closer friend than the United
Kingdom. We stand with Ukraine.

PRIME MINISTER {guest}: Thank you. Britain is grateful. The British people and the people of
Britain stand with Ukraine. Britain will do more.
"""

TIED = """PRESIDENT BIDEN: Welcome. The United States will talk about France and Germany.

PRIME MINISTER {guest}: Thank you. France and Germany matter.
"""


def leaders(make_doc, text: str) -> dict[str, tuple[str, str]]:
    return {r["name"].upper(): (r["country"], r["rule"])
            for r in rows_of(make_doc(text, "2022-09-21"))["leaders"]}


def test_leaders_remaining_state_of_a_transcript_guest(make_doc):
    found = leaders(make_doc, TRANSCRIPT.format(guest="HOLTBY"))
    assert found["BIDEN"][0] == "USA"
    country, rule = found["HOLTBY"]
    assert country == "GBR" and rule.endswith("+remaining")


def test_leaders_remaining_state_needs_a_clear_first(make_doc):
    found = leaders(make_doc, TIED.format(guest="HOLTBY"))
    assert found["HOLTBY"][0] == ""  # France and Germany named as often: no guess
