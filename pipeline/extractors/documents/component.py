"""The spaCy component: sources -> merge -> rows on `doc._.rows["documents"]`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extractors.base import add_rows
from pipeline.extractors.documents.candidate import Candidate
from pipeline.extractors.documents.config import (
    DOC_LABEL,
    KNOWN_LABEL,
    LIST_KEY,
    PARSE_KEY,
    DocumentsConfig,
    check_rules,
)
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.merge import merge_candidates
from pipeline.extractors.documents.rows import article_states, to_rows
from pipeline.extractors.documents.sources.lists import from_lists
from pipeline.extractors.documents.sources.parse import from_parse
from pipeline.extractors.documents.sources.pronouns import from_pronouns
from pipeline.extractors.leaders.publishers import (
    OUTLET_KIND,
    PUBLISHERS_FILE,
    load_publishers,
    publisher_state,
)
from pipeline.gazetteers import gazetteer_spans_of
from pipeline.normalizers.countries import copy_tables, own_tables, tables_in_use
from pipeline.records import DocumentRow
from pipeline.rules import component_dir

DEFAULT_CONFIG = DocumentsConfig()


def candidates_of(doc: Doc, config: DocumentsConfig = DEFAULT_CONFIG,
                  home: str = "") -> list[Candidate]:
    """Candidates from both sources, each also written to its own span group; `home`: the
    state of the article's publisher (the "we" of a government's text)."""
    if not gazetteer_spans_of(doc, (DOC_LABEL, KNOWN_LABEL)):
        return []
    facts = DocFacts(doc, config, home)
    if not facts.mentions:
        return []
    listed, consumed = from_lists(facts)
    parsed = from_parse(facts, consumed) + from_pronouns(facts, consumed)
    for key, cands in ((LIST_KEY, listed), (PARSE_KEY, parsed)):
        spans = []
        for c in cands:
            if not c.status or not c.doc_type:
                continue  # a mention no cue decided, one ruled out, a pronoun
            span = doc.char_span(c.mention_start, c.mention_end, label=c.doc_type,
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[key] = spans
    return listed + parsed


class DocumentsExtractor:
    """spaCy component: DocumentRow objects on `doc._.rows["documents"]`."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "",
                 config: DocumentsConfig = DEFAULT_CONFIG) -> None:
        self.name = name
        self.models_dir = models_dir
        self.config = config
        if models_dir:
            check_rules(Path(models_dir))
        self._publishers_path = component_dir(models_dir) / "gazetteers" / PUBLISHERS_FILE
        self._countries = own_tables(self._publishers_path.parent)
        self._load_publishers()

    def _load_publishers(self) -> None:
        # a government publisher's or national outlet's state: the borrower of an IMF
        # programme the text names without one (models/gazetteers/publishers.csv)
        self.publishers = {**load_publishers(self._publishers_path, OUTLET_KIND),
                           **load_publishers(self._publishers_path)}

    def __call__(self, doc: Doc) -> Doc:
        home = publisher_state(doc._.source or "", getattr(doc._, "url", "") or "",
                               self.publishers)
        with tables_in_use(self._countries):  # this rule set's states and organizations
            candidates = candidates_of(doc, self.config, home)
            if candidates:
                merged = merge_candidates(candidates, self.config.windows)
                fallback = article_states(doc)
                add_rows(doc, DocumentRow.TABLE,
                         to_rows(doc, merged, fallback, self.config.confidences, home))
            else:
                add_rows(doc, DocumentRow.TABLE, [])
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the tables this component reads itself: publishers, states, organizations."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self._publishers_path.is_file():
            (path / PUBLISHERS_FILE).write_bytes(self._publishers_path.read_bytes())
        copy_tables(self._countries, path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DocumentsExtractor:
        self._publishers_path = Path(path) / PUBLISHERS_FILE
        self._countries = own_tables(path)
        self._load_publishers()
        return self


@Language.factory("communique_documents", assigns=["doc._.rows"],
                  default_config={"models_dir": "", **DocumentsConfig.defaults()})
def make_documents(nlp: Language, name: str, models_dir: str, confidences: dict[str, Any],
                   windows: dict[str, Any]) -> DocumentsExtractor:
    return DocumentsExtractor(nlp, name, models_dir,
                              DocumentsConfig.from_config(name, confidences, windows))
