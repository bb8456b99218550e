"""The gazetteer spans the trade steps read, indexed once per document."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.gazetteers import GAZETTEER_KEYS
from pipeline.normalizers.countries import STATE_LABELS

CURRENCY_LABEL = "CURRENCIES"
WORDS_LABEL = "MONEY_WORDS"
MEASURE_LABEL = "TRADE_MEASURES"

Index = dict[str, list[Span]]


def gazetteer_index(doc: Doc) -> Index:
    """Gazetteer spans of both case groups by label, in order, longest first on ties: one pass
    over the (large) span groups per document."""
    index: Index = {}
    for key in GAZETTEER_KEYS:
        for span in doc.spans.get(key, []):
            index.setdefault(span.label_, []).append(span)
    for spans in index.values():
        spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    return index


def currency_spans(doc: Doc, index: Index | None = None) -> list[Span]:
    return (index if index is not None else gazetteer_index(doc)).get(CURRENCY_LABEL, [])


def states_of(index: Index, labels: tuple[str, ...] = STATE_LABELS) -> list[Span]:
    """Spans of the state/organization gazetteers `labels`, in order, longest first on ties,
    without those inside a longer one ("Ireland" in "Northern Ireland", "Congo" in
    "Democratic Republic of the Congo")."""
    found = sorted((s for label in labels for s in index.get(label, [])),
                   key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    for span in found:
        if any(o.start <= span.start and span.end <= o.end and len(o) > len(span)
               for o in out[-3:]):  # (sorted by start: a container is among the last kept)
            continue
        out.append(span)
    return out


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(x.start < span.end and span.start < x.end for x in others)


def kind(span: Span) -> str:
    """The `kind` of a gazetteer span (`code|kind` id)."""
    return span.id_.split("|", 1)[-1]
