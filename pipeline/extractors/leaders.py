"""Leaders table extractor (work in progress: produces no rows yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LeadersExtractor:
    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("communique_leaders", assigns=["doc._.rows"], default_config={"models_dir": ""})
def make_leaders(nlp: Language, name: str, models_dir: str) -> LeadersExtractor:
    return LeadersExtractor(nlp, name, models_dir)
