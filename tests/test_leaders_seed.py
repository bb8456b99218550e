"""The seed article gives exactly its two presidents, with all their mentions merged."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed_leaders(seed_doc):
    return seed_doc._.rows["leaders"]


def test_exactly_two_rows(seed_leaders) -> None:
    assert [(r.name, r.title, r.country) for r in seed_leaders] == [
        ("Emomali Rahmon", "President", "TJK"),
        ("Kassym-Jomart Tokayev", "President", "KAZ"),
    ]


@pytest.mark.parametrize("name,mentions", [("Emomali Rahmon", 4), ("Kassym-Jomart Tokayev", 5)])
def test_mentions_merged(seed_leaders, name: str, mentions: int) -> None:
    # "Tajik President Emomali Rahmon", "Rahmon and Tokayev", "President Tokayev's", ...
    row = next(r for r in seed_leaders if r.name == name)
    assert row.mentions == mentions


@pytest.mark.parametrize("name", ["Emomali Rahmon", "Kassym-Jomart Tokayev"])
def test_evidence_points_at_first_full_mention(seed_leaders, seed_text: str, name: str) -> None:
    row = next(r for r in seed_leaders if r.name == name)
    assert seed_text[row.start:row.end] == name
    assert row.start == seed_text.index(name)
    assert name in row.sentence and row.sentence.startswith("On Thursday May 20")
    assert row.rule == "place_title_name"
    assert 0.85 <= row.confidence <= 1.0


def test_model_errors_are_not_inherited(seed_doc) -> None:
    # the small model tags "Tajik" PERSON and "Dushanbe" ORG: neither may become a leader
    names = {r.name for r in seed_doc._.rows["leaders"]}
    assert not names & {"Tajik", "Dushanbe", "Recall"}
    assert "Tajik" not in {s.text for s in seed_doc.spans["leaders_ner"]}
