"""An amount whose sentence names no measure but refers back to the one before: "Our trade
with China is growing. Last year, it reached US$104 billion." The pronoun ("it", "they",
"this": third person or demonstrative, as the model's morphology tags it), subject or object
of a verb that states a level (the `LEVEL` markers of trade_measures.csv: "reached",
"totalled"; not "At year end it held 145 mln dlrs"), stands for the measure of the previous
sentence of the same paragraph, whose cue the amount takes."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extractors.trade.cues import BASIS, WEAK
from pipeline.extractors.trade.spans import kind

_ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}  # a pronoun that is what the amount measures
_NOT_CUES = {"negative", WEAK, BASIS}


def refers_back(sent: Span, levels: list[Span]) -> bool:
    """Whether `sent` has a third-person or demonstrative pronoun as subject or object of a
    level verb (`levels`: the LEVEL marker spans)."""
    heads = {i for s in levels if sent.start <= s.start and s.end <= sent.end
             for i in range(s.start, s.end)}
    for token in sent:
        if token.pos_ != "PRON" or token.dep_ not in _ARGUMENTS or token.head.i not in heads:
            continue
        if token.morph.get("Person") == ["3"] or "Dem" in token.morph.get("PronType"):
            return True
    return False


CHAIN = 2  # sentences a measure is carried through ("Our trade grew. It reached $X. We plan
# to bring it to $Y.")


def carried_cue(sent: Span, cues: list[Span], levels: list[Span], chain: int = CHAIN
                ) -> tuple[Span | None, Span | None]:
    """(the cue, the sentence that names it) for an amount of `sent` when `sent` has no cue
    or domestic word of its own, refers back with a pronoun, and the previous sentence of its
    paragraph ends with a measure cue (its last cue, a plain one: no domestic word, no
    weak cue) and names no domestic word, or itself carries one (up to `chain` sentences
    back); (None, None) otherwise."""
    if sent.start == 0 or any(sent.start <= c.start and c.end <= sent.end for c in cues):
        return None, None
    doc = sent.doc
    previous = doc[sent.start - 1].sent
    words = [t for t in previous if not t.is_space]
    if not words or "\n\n" in doc.text[words[-1].idx:sent.start_char] or \
            not refers_back(sent, levels):
        return None, None
    inside = [c for c in cues if previous.start <= c.start and c.end <= previous.end]
    if not inside and chain > 1:
        return carried_cue(previous, cues, levels, chain - 1)
    if not inside or any(kind(c) == "negative" for c in inside) or \
            kind(inside[-1]) in _NOT_CUES:
        return None, None
    return inside[-1], previous
