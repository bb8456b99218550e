"""An amount whose sentence names no measure but refers back to the one before: "Our trade
with China is growing. Last year, it reached US$104 billion." The pronoun ("it", "they",
"this": third person or demonstrative, as the model's morphology tags it), subject or object
of a verb that states a level (the `LEVEL` markers of trade_measures.csv: "reached",
"totalled"; not "At year end it held 145 mln dlrs"), stands for the measure of the previous
sentence of the same paragraph, whose cue the amount takes; so does a subject noun that stands
for the figures before it (the `BACK` markers: "The figures for the same month last year were
314 mln and 208.6 mln dlrs"), with any verb. So does a subject noun that
repeats the noun an earlier cue qualified: "Export orders fell to 3.58 billion dlrs ...
February orders for electronic goods were 619 mln dlrs" (the orders are export orders)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extractors.trade.cues import BASIS, WEAK
from pipeline.extractors.trade.spans import kind

_ARGUMENTS = {"nsubj", "nsubjpass", "dobj"}  # a pronoun that is what the amount measures
_NOT_CUES = {"negative", WEAK, BASIS}
_OTHER_CLAUSES = {"ccomp", "parataxis", "advcl", "xcomp", "relcl", "acl"}


def _level_tokens(sent: Span, levels: list[Span]) -> set[int]:
    """Indices of the tokens of the level verbs (`levels`: the LEVEL marker spans) in `sent`."""
    return {i for s in levels if sent.start <= s.start and s.end <= sent.end
            for i in range(s.start, s.end)}


def _governs(verb: Token, token: Token) -> bool:
    """`verb` governs `token` within its own clause (no clausal complement between them:
    not the amount of "It said 3.61 billion ..., official figures show")."""
    while token.head.i != token.i:
        if token.i == verb.i:
            return True
        if token.dep_ in _OTHER_CLAUSES:
            return False
        token = token.head
    return token.i == verb.i


def refers_back(sent: Span, levels: list[Span], backs: list[Span] = (),
                money: Span | None = None) -> bool:
    """Whether `sent` has a third-person, demonstrative or "we" pronoun as subject or object
    of a level verb (`levels`: the LEVEL marker spans), or a BACK marker noun ("the figures")
    as the subject of the verb that states the amount `money` (`backs`: the BACK marker
    spans)."""
    heads = _level_tokens(sent, levels)
    if money is not None and any(
            sent.start <= b.start and b.end <= sent.end
            and b.root.dep_ in ("nsubj", "nsubjpass") and _governs(b.root.head, money.root)
            for b in backs):
        return True
    for token in sent:
        if token.pos_ != "PRON" or token.dep_ not in _ARGUMENTS or token.head.i not in heads:
            continue
        if token.morph.get("Person") == ["3"] or "Dem" in token.morph.get("PronType") or (
                token.morph.get("Person") == ["1"] and token.morph.get("Number") == ["Plur"]):
            return True  # "it reached", "this stood at", "we hit ... US$38.5 billion"
    return False


CHAIN = 2  # sentences looked back through: "Our trade is growing. You just said so yourself.
# Last year it amounted to $25 billion."


NOUN_CHAIN = 4  # sentences a repeated noun looks back through (a report's list of figures)
_QUALIFIERS = {"compound", "amod", "nmod"}  # a cue that qualifies a noun: "[Export] orders"


def subject_nouns(sent: Span, levels: list[Span]) -> set[str]:
    """Lemmas of the nouns that are subjects of a level verb of `sent` ("orders were ...")."""
    heads = _level_tokens(sent, levels)
    return {t.lemma_.lower() for t in sent
            if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass") and t.head.i in heads}


def qualified_noun(cue: Span) -> str:
    """The lemma of the noun a cue qualifies ("[Export] orders": "order"), else ""."""
    root = cue.root
    if root.dep_ in _QUALIFIERS and root.head.pos_ == "NOUN" and root.head.i >= cue.end:
        return root.head.lemma_.lower()
    return ""


def carried_cue(sent: Span, money: Span, cues: list[Span], levels: list[Span],
                chain: int = CHAIN, backs: list[Span] = ()) -> tuple[Span | None, Span | None]:
    """(the cue, the sentence that names it) for the amount `money` of `sent`, which no cue of
    its own sentence measures, when `sent` refers back with a pronoun and names no domestic
    word and no cue before the amount (a cue after it measures a later amount: "It widened to
    622 mln dlrs in January ... and compared with a deficit of 334 mln"): the last cue of the
    nearest sentence before it, within `chain` sentences of the same paragraph, that has any,
    when that cue is a plain measure cue (no weak cue, no valuation basis) and that sentence
    names no domestic word; (None, None) otherwise."""
    own = [c for c in cues if sent.start <= c.start and c.end <= sent.end]
    if sent.start == 0 or any(c.end <= money.start or kind(c) == "negative" for c in own):
        return None, None
    pronoun = refers_back(sent, levels, backs, money)
    nouns = set() if pronoun else subject_nouns(sent, levels)
    if not pronoun and not nouns:
        return None, None
    doc = sent.doc
    scope = sent
    for _ in range(chain if pronoun else NOUN_CHAIN):
        if scope.start == 0:
            break
        previous = doc[scope.start - 1].sent
        words = [t for t in previous if not t.is_space]
        if not words or "\n\n" in doc.text[words[-1].idx:scope.start_char]:
            break
        inside = [c for c in cues if previous.start <= c.start and c.end <= previous.end]
        if any(kind(c) == "negative" for c in inside):
            break
        if pronoun and inside:
            return (inside[-1], previous) if kind(inside[-1]) not in _NOT_CUES else (None, None)
        named = [c for c in inside if kind(c) not in _NOT_CUES and qualified_noun(c) in nouns]
        if named:
            return named[-1], previous
        scope = previous
    return None, None
