"""Dates table extractor (work in progress: produces no rows yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class DatesExtractor:
    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("communique_dates", assigns=["doc._.rows"], default_config={"models_dir": ""})
def make_dates(nlp: Language, name: str, models_dir: str) -> DatesExtractor:
    return DatesExtractor(nlp, name, models_dir)
