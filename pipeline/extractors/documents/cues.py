"""Cue words per token, from the `documents_rules` span group (models/patterns/documents.jsonl)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from pipeline.extractors.documents.config import CUES_KEY, WORD_LABELS


@dataclass
class Cues:
    """Decision labels per token index (label -> rule id), and where word-class spans start
    (TAIL_STOP, JOINT_SUBJECT, TITLE_PREFIX: label -> start -> end)."""

    labels: dict[int, dict[str, str]] = field(default_factory=dict)
    words: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> Cues:
        cues = cls()
        for span in doc.spans.get(CUES_KEY, []):
            if span.label_ in WORD_LABELS:
                starts = cues.words.setdefault(span.label_, {})
                starts[span.start] = max(starts.get(span.start, 0), span.end)
                continue
            targets = list(span)
            # "entered [into force]": the verb the phrase hangs on carries the cue too
            if len(span) > 1 and span.root.dep_ in ("prep", "prt", "advmod", "dobj", "pobj"):
                targets.append(span.root.head)
            for tok in targets:
                cues.labels.setdefault(tok.i, {}).setdefault(span.label_, span.id_)
        return cues

    def has(self, tok: Token, label: str) -> bool:
        return label in self.labels.get(tok.i, {})

    def rule(self, tok: Token, label: str) -> str:
        return self.labels.get(tok.i, {}).get(label, "")

    def any_in(self, toks: Iterable[Token], label: str) -> bool:
        return any(self.has(t, label) for t in toks)

    def word_at(self, i: int, label: str) -> bool:
        """A span of the word class `label` starts at token i."""
        return i in self.words.get(label, {})

    def word_end(self, i: int, label: str) -> int:
        """End of the longest `label` span starting at token i; -1 when none does."""
        return self.words.get(label, {}).get(i, -1)
