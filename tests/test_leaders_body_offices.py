"""Offices named after a state body ("Director of the Federal Security Service X")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,name,title", [
    ("Director of the Federal Security Service Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Director of the Federal Security Service"),
    ("Director of the Foreign Intelligence Service Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Director of the Foreign Intelligence Service"),
    ("Chief of Staff of the Presidential Executive Office Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Chief of Staff of the Presidential Executive Office"),
    ("Deputy Chairman of the Security Council Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Deputy Chairman of the Security Council"),
    ("Secretary of the Security Council Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Security Council Secretary"),
    ("The President met General Director of the Roscosmos State Corporation Ivan Sokol.",
     "Ivan Sokol", "General Director of the Roscosmos State Corporation"),
    ("Prosecutor-General Ivan Sokol opened the case.", "Ivan Sokol", "Prosecutor General"),
    ("Prosecutor General Ivan Sokol opened the case.", "Ivan Sokol", "Prosecutor General"),
    ("Attorney General Ivan Sokol opened the case.", "Ivan Sokol", "Attorney General"),
    ("Senior Additional Secretary to the President, Mr. Ivan Sokol, was present.",
     "Ivan Sokol", "Secretary to the President"),
    ("Adviser to the Head of the President's Office Ivan Sokol spoke at a briefing.",
     "Ivan Sokol", "Adviser to the Head of the President's Office"),
    ("Chief of the General Staff Ivan Sokol reported on the exercise.",
     "Ivan Sokol", "Chief of the General Staff"),
])
def test_body_office(make_doc, text: str, name: str, title: str) -> None:
    rows = {r.name: r.title for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == title


@pytest.mark.parametrize("text,name,country", [
    # a country director or manager is a company's unless a state or organization is named
    ("Country Director Ivan Sokol opened the new store.", "Ivan Sokol", None),
    ("World Bank Country Director Ivan Sokol met the minister.", "Ivan Sokol", "WB"),
    ("World Bank Country Manager Ivan Sokol met the minister.", "Ivan Sokol", "WB"),
])
def test_ambiguous_body_office(make_doc, text: str, name: str, country: str | None) -> None:
    rows = {r.name: r.country for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == country
