"""Triage's model-free checks and relaxed patterns (pipeline/triage.py)."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Span

from pipeline.gazetteers import GAZETTEER_KEYS
from pipeline.rules import default_rules_dir
from pipeline.triage import NamedDocumentCheck, PublisherHeadCheck, lemma_forms, relax

ROOT = default_rules_dir()


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize("lemmas, matches, rejects", [
    (["sign"], ["sign", "signed", "signing", "signs"], ["sig", "resign"]),
    (["conclude"], ["concluded", "concluding"], ["conclave"]),
    (["apply"], ["applied", "applies"], ["appeal"]),
    (["take"], ["taken", "took", "takes"], ["tok", "tooken"]),
])
def test_lemma_forms_cover_the_inflections(lemmas, matches, rejects):
    regex = re.compile(lemma_forms(lemmas, {"take": ["took", "taken"]}))
    assert all(regex.search(w) for w in matches)
    assert not any(regex.search(w) for w in rejects)


def test_relax_turns_a_lemma_into_a_word_test():
    pattern = [{"LEMMA": {"IN": ["sign", "ink"]}, "POS": "VERB"}, {"LOWER": "into"}]
    relaxed = relax(pattern, {"ink": ["inked"]})
    assert relaxed[1] == {"LOWER": "into"}
    assert set(relaxed[0]) == {"LOWER"} and "REGEX" in relaxed[0]["LOWER"]
    assert relax(pattern) == [{}, {"LOWER": "into"}]  # without forms: any token
    # a word test already there is kept as it is
    assert relax([{"LEMMA": "be", "LOWER": "was"}], {}) == [{"LOWER": "was"}]


@pytest.mark.parametrize("source, url, passes", [
    ("kremlin.ru", "http://en.kremlin.ru/events/president/news/1", True),
    ("Reuters (Reuters-21578, 1987)", "", False),
    ("", "", False),
])
def test_heads_office_counts_only_for_a_government_publisher(blank, source, url, passes):
    doc = blank.make_doc("The President said the talks went well.")
    doc._.source, doc._.url = source, url
    assert PublisherHeadCheck(doc, [(1, 2)], ROOT)(1, 2) is passes


@pytest.mark.parametrize("text, word, passes", [
    ("They welcomed the Agreement on Trade.", "Agreement", True),
    ("Agreement was elusive.", "Agreement", False),  # capitalized as the sentence's first word
    ("They failed to reach an agreement.", "agreement", False),
    ("The Japanese agreement on chips stays.", "agreement", True),  # a state's adjective
    ("The documents signed:\n- a memorandum on culture", "memorandum", True),  # a list line
    ("Signed:\n\nthe memorandum on culture", "memorandum", True),  # after a lead-in
    ("1. memorandum on culture", "memorandum", True),
])
def test_named_document_check(blank, text, word, passes):
    doc = blank.make_doc(text)
    i = next(t.i for t in doc if t.text == word)
    if "Japanese" in text:
        j = next(t.i for t in doc if t.text == "Japanese")
        doc.spans[GAZETTEER_KEYS[0]] = [Span(doc, j, j + 1, label="DEMONYMS")]
    assert NamedDocumentCheck(doc, [(i, i + 1)], ROOT)(i, i + 1) is passes
