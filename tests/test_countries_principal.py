"""principal_countries: the most-mentioned states of a doc, ties by first mention."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.normalizers.countries import principal_countries

NLP = spacy.blank("en")


def _doc(words: list[str], marks: list[tuple[int, int, str, str]]) -> Doc:
    """A blank doc whose "gazetteer" group holds (start, end, label, code) spans."""
    doc = Doc(NLP.vocab, words=words)
    doc.spans["gazetteer"] = [Span(doc, s, e, label=lab, span_id=f"{code}|name")
                              for s, e, lab, code in marks]
    return doc


WORDS = "a b c d e f g h i j k l".split()


@pytest.mark.parametrize("marks,n,expected", [
    ([], 2, []),
    ([(0, 1, "COUNTRIES", "FRA")], 2, ["FRA"]),
    # frequency wins over first mention
    ([(0, 1, "COUNTRIES", "FRA"), (2, 3, "COUNTRIES", "DEU"), (4, 5, "DEMONYMS", "DEU")],
     1, ["DEU"]),
    # ties: first mention wins
    ([(0, 1, "COUNTRIES", "ITA"), (2, 3, "COUNTRIES", "DEU"), (4, 5, "COUNTRIES", "FRA")],
     2, ["ITA", "DEU"]),
    # a nested mention ("Republic of X" / "X") counts once
    ([(0, 3, "COUNTRIES", "TJK"), (2, 3, "COUNTRIES", "TJK"), (4, 5, "COUNTRIES", "KAZ"),
      (6, 7, "COUNTRIES", "KAZ")], 1, ["KAZ"]),
    # organizations are not states
    ([(0, 1, "ORGANIZATIONS", "UN"), (2, 3, "ORGANIZATIONS", "UN"), (4, 5, "COUNTRIES", "FRA")],
     2, ["FRA"]),
])
def test_principal_countries(marks, n, expected):
    assert principal_countries(_doc(WORDS, marks), n=n) == expected


def test_organizations_compete_when_asked():
    marks = [(0, 1, "ORGANIZATIONS", "EU"), (2, 3, "ORGANIZATIONS", "EU"),
             (4, 5, "COUNTRIES", "USA"), (6, 7, "COUNTRIES", "RUS")]
    doc = _doc(WORDS, marks)
    assert principal_countries(doc) == ["USA", "RUS"]
    assert principal_countries(
        doc, labels=("COUNTRIES", "DEMONYMS", "ORGANIZATIONS")) == ["EU", "USA"]
