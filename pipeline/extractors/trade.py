"""Trade table extractor (work in progress: produces no rows yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class TradeExtractor:
    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.models_dir = models_dir

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("communique_trade", assigns=["doc._.rows"], default_config={"models_dir": ""})
def make_trade(nlp: Language, name: str, models_dir: str) -> TradeExtractor:
    return TradeExtractor(nlp, name, models_dir)
