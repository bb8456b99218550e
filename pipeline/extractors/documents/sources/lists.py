"""Source "list": the items of a bulleted or numbered list after a "... signed:" lead-in line.

    The following documents were signed:
    - Agreement between the Ministries of Health on cooperation in combating tuberculosis;
    - Programme of cooperation between the Foreign Ministries for 2021-2023;
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extractors.documents.build import candidate
from pipeline.extractors.documents.candidate import DROP, Candidate
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.status import SIGNING_LABELS, decide, modality

BULLET = re.compile(r"^[ \t]*(?:[-–—•*·▪●◦■►]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+")


def lead_in(facts: DocFacts, start: int, end: int) -> tuple[Span, str, str] | None:
    """(line span, status, rule id) when chars [start, end) are a line ending in ':' with
    a signing cue that is not hypothetical ("The following documents were signed:")."""
    line = facts.text[start:end].rstrip()
    if not line.endswith(":"):
        return None
    lead = facts.doc.char_span(start, start + len(line), alignment_mode="expand")
    if lead is None:
        return None
    for tok in lead:
        label = next((lab for lab in SIGNING_LABELS if facts.cues.has(tok, lab)), None)
        if label:
            if label != "SIGN" and not any(lead.start <= m.span.start < lead.end
                                           for m in facts.mentions):
                # "we agree to the following steps ...:" agrees on what follows, which is
                # no list of documents unless the lead-in says so ("agreed on the following
                # documents:"); a signing says it alone ("The following were signed:")
                return None
            status = modality(tok, facts.cues)
            return (lead, status, facts.cues.rule(tok, label)) if status != DROP else None
    return None


def list_items(facts: DocFacts, lines: list[tuple[int, int]], k: int) -> tuple[list[Span], int]:
    """The items from line k on: bulleted/numbered lines, or short lines that start with a
    document noun; blank lines between them are skipped. Returns (items, next line)."""
    items: list[Span] = []
    longest = facts.config.windows.list_item_chars
    while k < len(lines):
        start, end = lines[k]
        raw = facts.text[start:end]
        if not raw.strip():
            k += 1
            continue
        bullet = BULLET.match(raw)
        body = start + (bullet.end() if bullet else len(raw) - len(raw.lstrip()))
        item = facts.doc.char_span(body, end, alignment_mode="expand")
        if item is None:
            break
        starts_with_doc = any(item.start <= m.span.start < min(item.end, item.start + 6)
                              for m in facts.mentions)
        if not (bullet or (starts_with_doc and len(raw) < longest)):
            break
        items.append(item)
        k += 1
    return items, k


def from_lists(facts: DocFacts) -> tuple[list[Candidate], set[int]]:
    """Candidates from list items after a signing lead-in line, one per item (its first
    document noun), and the token indices the lists cover (the parse source skips them)."""
    out: list[Candidate] = []
    consumed: set[int] = set()
    lines = [(mt.start(), mt.end()) for mt in re.finditer(r"[^\n]+", facts.text)]
    k = 0
    while k < len(lines):
        found = lead_in(facts, *lines[k])
        k += 1
        if found is None:
            continue
        lead, status, rule = found
        items, k = list_items(facts, lines, k)
        if not items:
            continue
        consumed.update(range(lead.start, lead.end))
        for item in items:
            consumed.update(range(item.start, item.end))
            m = next((m for m in facts.mentions if item.start <= m.span.start < item.end), None)
            if m is not None and decide(m, facts.cues)[0] != DROP:
                # (not "- Continue discussions on the ... Agreement" under "agreed to:")
                # a listed signing is the reported event's: its date is the event date
                out.append(candidate(facts, m, item.start, item.end, status, "list", rule,
                                     facts.config.confidences.list_item, event=True))
    return out, consumed
