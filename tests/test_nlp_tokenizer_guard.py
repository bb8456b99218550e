"""The run-safe tokenizer: long runs without spaces are cut instead of fed to the quadratic
affix loop; everything else is tokenized exactly as spaCy's tokenizer does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import examples
from pipeline.tokenizer import MAX_RUN, RunSafeTokenizer


@pytest.mark.parametrize("text, tokens", [
    ("\U0001F600" * 20_000, 200),
    ("(" * 65_536, 656),
    ("x" * (MAX_RUN + 1), 2),
    ("a " + "y" * 250 + " b", 5),  # a, 3 pieces of the run, b
])
def test_tokenizer_guard_cuts_long_runs(nlp, text, tokens):
    doc = nlp.make_doc(text)
    assert doc.text == text and len(doc) == tokens
    assert isinstance(nlp.tokenizer, RunSafeTokenizer)


WORDS = st.sampled_from(["President", "(", ")", "Tokayev's", "U.S.", "$1.5", "bn", "—", "e.g.",
                         "\U0001F600", "don't", "\u202e", "\n", "  ", "\t", "https://e.org/x"])


@settings(max_examples=examples(100))
@given(parts=st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=30),
       run=st.text(alphabet="(x\U0001F600.", min_size=0, max_size=3 * MAX_RUN))
def test_tokenizer_guard_same_tokens_as_spacy_without_long_runs(nlp, parts, run):
    stock = nlp.tokenizer.tokenizer
    text = " ".join(parts)
    doc = nlp.make_doc(text)
    assert doc.text == text
    if all(len(w) <= MAX_RUN for w in text.split()):
        assert [t.text_with_ws for t in doc] == [t.text_with_ws for t in stock(text)]
    mixed = f"{text} {run} {text}"
    assert nlp.make_doc(mixed).text == mixed


@pytest.mark.parametrize("text, tokens", [
    ("the U.S.-Japanese pact", ["the", "U.S.", "-", "Japanese", "pact"]),
    ("the U.S.- Japanese agreement", ["the", "U.S.", "-", "Japanese", "agreement"]),
    ("a U.K.-based firm", ["a", "U.K.", "-", "based", "firm"]),
    ("in the U.S. and Japan", ["in", "the", "U.S.", "and", "Japan"]),
    ("e.g.-like", ["e.g.-like"]),  # lower-case abbreviations keep the stock rules
    ('said, in part:"This year', ["said", ",", "in", "part", ":", '"', "This", "year"]),
    ("Note:“Peace”", ["Note", ":", "“", "Peace", "”"]),
    ("at 10:30 GMT", ["at", "10:30", "GMT"]),  # no quote: the stock rules
])
def test_hyphen_after_an_abbreviation_is_split(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens
