"""Name boundaries: capitalized stop words inside a name, headline words outside it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,name", [
    ("She met the Ambassador of Myanmar to Sri Lanka, Her Excellency Marlar Than Htaik.",
     "Marlar Than Htaik"),
    ("Foreign Minister Anna Do Berg arrived in the capital on Monday.", "Anna Do Berg"),
    ("Foreign Minister Anna Berg arrived in the capital on Monday.", "Anna Berg"),
])
def test_stop_word_inside_name(make_doc, text: str, name: str) -> None:
    assert name in {r.name for r in make_doc(text)._.rows["leaders"]}


@pytest.mark.parametrize("text,absent", [
    # a title-case headline: "In" before a place is no part of a name, "Meets" is a verb
    ("President Putin Meets Xi In Moscow", "Putin Meets Xi In Moscow"),
    ("President Putin Meets Xi In Moscow", "Putin Meets Xi"),
    # the first word of a sentence is no inner name word
    ("Foreign Minister Anna Berg. The talks went well.", "Anna Berg The"),
])
def test_stop_word_outside_name(make_doc, text: str, absent: str) -> None:
    assert absent not in {r.name for r in make_doc(text)._.rows["leaders"]}
