"""Document nouns: the DOC_TYPES spans of models/gazetteers/doc_types.csv, with their kind."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.extractors.documents.config import DOC_LABEL, GENERIC_KINDS, PLURAL_KINDS
from pipeline.gazetteers import span_code, span_kind
from pipeline.normalizers.countries import gazetteer_spans


@dataclass
class Mention:
    span: Span  # the document noun(s) as matched by the gazetteer
    doc_type: str
    kind: str
    alias_end: int = -1  # token index after "(MoU)" when an alias follows

    @property
    def plural(self) -> bool:
        return self.kind.split("+")[0] in PLURAL_KINDS

    @property
    def generic(self) -> bool:
        return self.kind.split("+")[0] in GENERIC_KINDS

    @property
    def weak(self) -> bool:
        return "weak" in self.kind.split("+")[1:]

    @property
    def anaphor(self) -> bool:
        return "anaphor" in self.kind.split("+")[1:]


def find_mentions(doc: Doc) -> list[Mention]:
    """Longest non-overlapping DOC_TYPES spans; "(MoU)" after a mention becomes its alias."""
    found = [s for s in doc.spans.get("gazetteer_lower", []) if s.label_ == DOC_LABEL]
    # "Collective Security Treaty Organization" names an organization, not a document
    orgs = {i for s in gazetteer_spans(doc, ("ORGANIZATIONS",)) for i in range(s.start, s.end)}
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    mentions: list[Mention] = []
    last_end = -1
    for span in found:
        if span.start < last_end or span.start in orgs:
            continue
        last_end = span.end
        code, kind = span_code(span), span_kind(span)
        prev = mentions[-1] if mentions else None
        if (prev and span.start >= 1 and doc[span.start - 1].text == "("
                and prev.span.end == span.start - 1 and span.end < len(doc)
                and doc[span.end].text == ")"):
            prev.alias_end = span.end + 1
            continue
        if (span.start >= 1 and doc[span.start - 1].text == "(" and span.end < len(doc)
                and doc[span.end].text == ")"):
            continue  # "ASTANA, May 3 (communique) -": a credit or bare aside, not a document
        mentions.append(Mention(span, code, kind))
    return [m for m in mentions if m.kind.split("+")[0] != "exclude"]
