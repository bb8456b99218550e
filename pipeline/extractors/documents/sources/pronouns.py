"""Source "anaphor": a pronoun that a signing word says was signed ("It was signed by the
Foreign Ministers", "They were exchanged in the presence of ..."), found by the PRONOUN_SIGN
word class of models/patterns/documents.jsonl. Such a candidate is no document of its own:
the merge step hands its decision to the document named just before it, or drops it."""

from __future__ import annotations

from pipeline.extractors.documents.build import candidate
from pipeline.extractors.documents.candidate import DROP, PLANNED, Candidate
from pipeline.extractors.documents.facts import DocFacts
from pipeline.extractors.documents.mentions import Mention
from pipeline.extractors.documents.extent import line_bounds
from pipeline.extractors.documents.status import modality

WORD = "PRONOUN_SIGN"


def from_pronouns(facts: DocFacts, consumed: set[int]) -> list[Candidate]:
    """One candidate per pronoun a signing word governs, outside lists (`consumed`)."""
    doc, cues = facts.doc, facts.cues
    out = []
    for start, end in sorted(cues.words.get(WORD, {}).items()):
        pron = doc[start]
        cue = next((t for t in doc[start:end] if cues.has(t, "SIGN")), None)
        if start in consumed or cue is None or pron.head != cue:
            continue
        status = modality(cue, cues)
        if status in (DROP, PLANNED):
            continue  # "it will be signed": planned without the document's name
        kind = "plural" if pron.lower_ in ("they", "these") else "singular"
        sent = pron.sent if doc.has_annotation("SENT_START") else doc[:]
        line_lo, line_hi = line_bounds(doc, facts.text, start)
        m = Mention(doc[start:start + 1], "", kind + "+anaphor")
        out.append(candidate(facts, m, max(sent.start, line_lo), min(sent.end, line_hi), status,
                             "anaphor", cues.rule(cue, "SIGN"), facts.config.confidences.parse,
                             cue=cue))
    return out
