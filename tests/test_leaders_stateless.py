"""Leaders no strategy finds a state for are left out by default (`stateless` config)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def default_nlp():
    from pipeline.nlp import build_pipeline

    return build_pipeline()


@pytest.mark.parametrize("text, name, country", [
    # the state is in the text: kept
    ("Prime Minister Hiroto Sanada said Japan would raise its defence budget.",
     "Hiroto Sanada", "JPN"),
    ("Foreign Minister Ali Sabry of Sri Lanka met the envoy.", "Ali Sabry", "LKA"),
])
def test_a_leader_with_a_state_is_kept(default_nlp, text: str, name: str, country: str) -> None:
    rows = {r.name: r.country for r in default_nlp(text)._.rows["leaders"]}
    assert rows.get(name) == country


@pytest.mark.parametrize("text, name", [
    ("President Appoints a High Commissioner and Four Ambassadors", "Appoints"),
    ("Director of the Federal Security Service Ivan Sokol attended the meeting.", "Ivan Sokol"),
])
def test_a_leader_without_a_state_is_left_out(default_nlp, text: str, name: str) -> None:
    assert name not in {r.name for r in default_nlp(text)._.rows["leaders"]}


def test_the_config_keeps_them() -> None:
    from pipeline.nlp import build_pipeline

    nlp = build_pipeline()
    nlp.remove_pipe("communique_leaders")
    nlp.add_pipe("communique_leaders", after="leaders_rules", config={"stateless": True})
    text = "Director of the Federal Security Service Ivan Sokol attended the meeting."
    rows = {r.name: r.country for r in nlp(text)._.rows["leaders"]}
    assert rows == {"Ivan Sokol": ""}
