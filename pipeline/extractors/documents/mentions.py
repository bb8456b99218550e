"""Document mentions: the DOC_TYPES spans of models/gazetteers/doc_types.csv (document nouns,
with their kind), and well-known documents named without such a noun (KNOWN_DOCUMENTS spans
of models/gazetteers/known_documents.csv: "the Helsinki Final Act", "the JCPOA")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.extractors.documents.config import (
    DOC_LABEL,
    ERA_FLAG,
    GENERIC_KINDS,
    KNOWN_LABEL,
    PLURAL_KINDS,
)
from pipeline.gazetteers import (
    GAZETTEER_KEYS,
    gazetteer_spans_of,
    span_code,
    span_codes,
    span_kind,
)
from pipeline.normalizers.countries import gazetteer_spans


@dataclass
class Mention:
    span: Span  # the document noun(s) as matched by the gazetteer
    doc_type: str
    kind: str
    alias_end: int = -1  # token index after "(MoU)" when an alias follows
    known: Span | None = None  # the well-known document's name this mention is part of

    @property
    def known_parties(self) -> tuple[str, ...]:
        """Actual parties of the well-known document ("*": and the states the text names)."""
        if self.known is None:
            return ()
        return tuple(span_codes(self.known))

    @property
    def known_flags(self) -> list[str]:
        """The flags of the well-known document's kind in known_documents.csv (KNOWN_FLAGS)."""
        return span_kind(self.known).split("+")[1:] if self.known is not None else []

    @property
    def known_status(self) -> str:
        """The status a well-known document has when the text says nothing ("" = in force):
        "signed" for one that never entered into force."""
        return "signed" if "signed" in self.known_flags else ""

    @property
    def known_own(self) -> bool:
        """The well-known document is its organization's ("+own": the General Agreement on
        Tariffs and Trade is GATT's), not the states its sentence names."""
        return "own" in self.known_flags

    @property
    def named_only(self) -> bool:
        """A well-known document named without a document noun ("the Helsinki Final Act")."""
        return self.known is not None and self.known.start == self.span.start \
            and self.known.end == self.span.end and self.kind == KNOWN_KIND

    @property
    def proper(self) -> bool:
        """The document noun heads a proper name: capitalized, after a capitalized modifier
        ("the Sri Lanka-Thailand Free Trade Agreement")."""
        root = self.span.root
        return root.is_title and any(
            c.i < root.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod")
            and (c.is_title or c.is_upper and c.is_alpha) for c in root.children)

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

    @property
    def joint_noun(self) -> bool:
        """A noun that says by itself the document is between parties ("joint statement")."""
        return "joint" in self.kind.split("+")[1:]

    @property
    def strict(self) -> bool:
        """A word that is mostly no document ("deal"), unless part of a well-known name."""
        return "strict" in self.kind.split("+")[1:] and self.known is None


def find_mentions(doc: Doc) -> list[Mention]:
    """Longest non-overlapping DOC_TYPES spans; "(MoU)" after a mention becomes its alias."""
    found = [s for key in GAZETTEER_KEYS for s in doc.spans.get(key, [])  # both case modes
             if s.label_ == DOC_LABEL]
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
    excluded = {i for m in mentions if m.kind.split("+")[0] == "exclude"
                for i in range(m.span.start, m.span.end)}
    mentions = [m for m in mentions if m.kind.split("+")[0] != "exclude"]
    return sorted(mentions + _known(doc, mentions, excluded), key=lambda m: m.span.start)


KNOWN_KIND = "singular+known"


def _known(doc: Doc, mentions: list[Mention], excluded: set[int]) -> list[Mention]:
    """Attach each well-known document name (longest first) to the document noun inside it;
    a name without one ("Helsinki Final Act", "JCPOA") is a mention of its own, unless it is
    part of an organization's name or of an excluded phrase ("Treaty Organization")."""
    year = (doc._.dct or "")[:4]
    spans = sorted((s for s in gazetteer_spans_of(doc, (KNOWN_LABEL,)) if in_era(s, year)),
                   key=lambda s: (-(s.end - s.start), s.start))
    out: list[Mention] = []
    taken: set[int] = set()
    for span in spans:
        if taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        inside = [m for m in mentions if m.span.start < span.end and span.start < m.span.end]
        if inside:
            for m in inside:
                if m.known is None:
                    m.known = span
                    m.doc_type = span_kind(span).split("+")[0] or m.doc_type
            continue
        if excluded.intersection(range(span.start, span.end)) or any(
                o.start <= span.start and span.end <= o.end
                for o in gazetteer_spans(doc, ("ORGANIZATIONS",))):
            continue  # "North Atlantic Treaty Organization" (but "ASEAN Outlook on ...")
        doc_type = span_kind(span).split("+")[0]
        out.append(Mention(span, doc_type, KNOWN_KIND, known=span))
    return out


def in_era(span: Span, year: str) -> bool:
    """The well-known document's name means it in an article of `year` (its "+fromYYYY" /
    "+untilYYYY" flags); always when the article has no date."""
    if not year.isdigit():
        return True
    for flag in span_kind(span).split("+")[1:]:
        if (m := ERA_FLAG.fullmatch(flag)) and (
                year < m.group(2) if m.group(1) == "from" else year > m.group(2)):
            return False
    return True
