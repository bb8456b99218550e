"""Whether the clause governing a date is about the future (which way a year-less date or a
weekday resolves), and whether "today" means "nowadays"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

CUE_DEPS = {"aux", "auxpass", "amod"}  # "will visit", "the upcoming visit"
PREMODIFIER_DEPS = {"compound", "nmod", "amod", "poss"}
TIME_ENTS = {"DATE", "TIME"}  # "Tuesday evening": the noun is part of the time, not an event
STARTING_WORDS = {"from", "starting"}
DEADLINE_WORDS = {"by", "before", "until", "till"}
PAST_WORDS = {"since"}
FUTURE_WINDOW = 8  # tokens either side of a date where a FUTURE cue counts when undecided


def tense(span: Span, cues: bytearray) -> str:
    """"future", "past", "present", "nominal" or "" for the clause governing `span`. A
    date before the noun it modifies ("the March 31 meeting") is "nominal" unless a cue word
    is up its chain: the verb's tense is the noun's, not the date's. Otherwise, up the head
    chain, the first verb with a FUTURE cue ("will", "is scheduled", "plans to", "upcoming"
    ...) on it or among its auxiliaries decides future; the first past-tense or
    present-perfect verb, or a past participle modifying a noun ("the tariffs, announced on
    Friday"), decides past; a present-tense verb before either ("the payment date is March
    25", "said the facility is being put in place ahead of ... May") tells no direction
    ("present"), and above it only a cue counts. Undecided (or past only beyond a participle:
    "the talks, starting on April 14, would"), a deadline ("by May 1") or a cue near the
    date decides future."""
    # after a participle the attachment is unsure: the past is not final; nor is it for a
    # date before the noun it modifies ("changed the venue of its March 31 meeting")
    root = span.root
    if root.dep_ in PREMODIFIER_DEPS and root.head.i >= span.end and \
            root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in TIME_ENTS:
        # "the upcoming May 5 summit", "plans a July trip": a cue word itself up the chain,
        # not a verb's tense or modal ("would have grown but for November's fire")
        return "future" if any(cues[tok.i] for tok in root.ancestors) or any(
            cues[c.i] for c in root.head.children if c.dep_ == "amod") else "nominal"
    if span.root.dep_ == "pobj" and span.root.head.lower_ in PAST_WORDS:
        return "past"  # "Since January, we have ...": a time already begun
    nonfinite = False
    present = False
    starting = span.root.dep_ == "pobj" and span.root.head.lower_ in STARTING_WORDS
    for tok in [span.root, *span.root.ancestors]:
        if cues[tok.i] or any(cues[c.i] for c in tok.children if c.dep_ in CUE_DEPS):
            return "future"
        if starting and tok.tag_ in ("VBZ", "VBP"):
            return "future"  # "the law raises the wage from January 1"
        if tok.pos_ in ("VERB", "AUX"):
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux) or (
                    tok.tag_ == "VBN" and any(c.lemma_ == "have" for c in aux)):
                if not nonfinite:
                    return "past"
                break
            if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "advcl") and not aux and \
                    not nonfinite:
                # "the level set March 10", "the pact the states signed in May", "the
                # Dialogue, launched on October 23, the leaders will discuss ..."
                return "past"
            if tok.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
                # up from here only a cue counts ("which will raise ..., comprises notes for
                # auction on Tuesday"), not a reporting verb's past
                present = present or not nonfinite
                nonfinite = True
                continue
            # "voted to strike on March 24": the infinitive is ahead of the vote
            nonfinite = nonfinite or tok.tag_ in ("VBG", "VBN") or (
                tok.tag_ == "VB" and tok.dep_ == "xcomp")
    if span.root.head.lower_ in DEADLINE_WORDS and span.root.dep_ == "pobj":
        return "future"  # "to complete the programme before May 1"
    sent = span.sent if span.doc.has_annotation("SENT_START") else span
    lo, hi = max(sent.start, span.start - FUTURE_WINDOW), min(sent.end, span.end + FUTURE_WINDOW)
    if any(cues[lo:hi]):
        return "future"
    return "present" if present else ""


FUTURE_MODALS = {"will", "shall"}


def committed(span: Span, cues: bytearray) -> bool:
    """Whether the date's own clause fixes its direction beyond doubt: it follows "since", or
    the first verb up its head chain (no noun between) is a simple past ("visited Paris on
    May 25") or has "will"/"shall", a FUTURE cue or a perfect's "have" on it ("will take
    place in October", "is scheduled for", "had approved a loan in January"). A bare verb
    after a past auxiliary does not ("were likely take effect on April 17"), nor an
    infinitive ("decided to be with Ukraine on February 24"), nor a date that modifies a
    noun."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "scheduled for April-June and [October-December]": the first's
    if root.dep_ == "pobj" and root.head.lower_ in PAST_WORDS:
        return True
    for tok in root.ancestors:
        if tok.pos_ in ("NOUN", "PROPN"):
            return False
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        # (a cue on the verb itself: "decided [to]" is a cue up the chain, not on "be")
        return tok.tag_ == "VBD" or bool(cues[tok.i]) \
            or any(c.lower_ in FUTURE_MODALS or c.lemma_ == "have" for c in aux)
    return False


def is_future(span: Span, cues: bytearray) -> bool:
    """Whether the clause governing `span` is about the future (see `tense`)."""
    return tense(span, cues) == "future"


WordTest = Callable[[str, str], bool]  # (lexicon kind, word) -> whether the word is of it


def is_generic_today(span: Span, has: WordTest = lambda kind, word: False) -> bool:
    """"today" meaning "nowadays": governed by a simple-present verb it is not the subject
    of ("the Council today conducts research"; but "today is the anniversary" is a day), or
    by a participle modifying a noun ("the problems facing the world today"), or by a
    present progressive of a subject not the speaker or addressee ("the army is fighting
    hard today"; but "we are meeting today"), or "today's"
    before a noun of the times, not of a day (`has`: the lexicon's "nowadays" words:
    "today's world", "today's global demand"; but "today's meeting"), or by a simple present
    of a verb of state (the lexicon's "state_verb" words: "today we have the support
    of", "relations today are a priority", "Ukrainians today live apart"), or by a perfect
    progressive after it ("today, the mechanisms have been working"), or "of today" after a
    noun ("the National Guard of today"). A present with the speaker's presence (the
    lexicon's "presence" words: "we are here today", "who is here with us today") or of an
    occasion (the lexicon's "occasion" and "occasion_verb" words, `is_occasion`: "we have a full
    agenda today", "the ministers are meeting today") is the day."""
    root = span.root
    if root.dep_ == "poss" and root.head.i > root.i and (
            has("nowadays", root.head.lemma_) or has("nowadays", root.head.lower_)
            or any(has("nowadays", c.lower_) for c in root.head.children
                   if c.dep_ in ("amod", "compound") and c.i > root.i)):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
            and not (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return True  # "the National Guard of today" (but "as of today", "of today's MOU")
    if span.root.dep_ in ("nsubj", "nsubjpass", "poss", "pobj") or span.root.tag_ == "POS":
        return False  # "today is the anniversary", "as of today", "until today": the day
    for tok in span.root.ancestors:
        if tok.pos_ in ("VERB", "AUX"):
            if tok.tag_ == "VBG" and tok.dep_ == "acl":
                return True  # "the problems facing the world today"
            if tok.tag_ in ("VBZ", "VBP", "VBG") and (speaker_present(tok, has) or
                                                      is_occasion(tok, has)):
                # "we are here today", "we have a full agenda today", "our campaign ends
                # today", "the ministers are meeting today"
                return False
            if tok.tag_ == "VBZ":
                return not any(c.dep_ == "nsubj" and c.lower_ == "today" for c in tok.children)
            if generic_modal(tok) and not is_occasion(tok, has) and not speaker_subject(tok):
                return True  # "today Ukraine must return to its borders" (but "today we can say")
            if tok.tag_ == "VBP" and others_subject(tok):
                return True  # a habit of others: "today half a million passengers use it"
            if tok.tag_ == "VBP" and has("state_verb", tok.lemma_) and not announces(tok) and not (
                    tok.lemma_ == "be" and speaker_subject(tok)):
                # "today we have the unprecedented support of our partners"; but the
                # speaker's "be" is the day: "today we are in the process of signing"
                return True
            aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            if tok.tag_ == "VBG" and [c.lemma_ for c in aux] == ["have", "be"] and \
                    aux[0].tag_ in ("VBZ", "VBP") and span.start < tok.i:
                # "Today, the mechanisms have been working efficiently" (but "fighting has
                # been raging since dawn today")
                return True
            if tok.tag_ == "VBG" and aux and all(c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be"
                                                 for c in aux):
                # an ongoing present of others: "the army is fighting hard today"; a
                # speaker's is the day: "we are meeting today" (the simple present and the
                # passive are as often the day: "those who take the oath today")
                return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
                    not speaker_subject(tok)
            return False
    return False


# modals of ability, duty and possibility; "will", "shall" and "would like" name an act's day
_GENERIC_MODALS = {"can", "could", "must", "should", "may", "might", "ought"}


def generic_modal(verb: Token) -> bool:
    """Whether a verb takes a modal of ability, duty or possibility ("Ukraine could
    strengthen any alliance today"): a claim about the times."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _GENERIC_MODALS
               for c in verb.children)


def others_subject(verb: Token) -> bool:
    """Whether a verb has a subject that is a noun phrase, not a pronoun of the speaker or
    addressee ("half a million passengers use it", "our citizens set high requirements")."""
    return any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c.lower_ != "today"
               for c in verb.children)


def speaker_subject(verb: Token) -> bool:
    """Whether a verb's subject is the speaker or the addressee ("we", "I", "you")."""
    return any(set(c.morph.get("Person")) & {"1", "2"} for c in verb.children
               if c.dep_ in ("nsubj", "nsubjpass"))


def announces(verb: Token) -> bool:
    """Whether a state verb frames an act: "today I am pleased to announce", "we are glad to
    welcome": "today" is the act's day."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "acomp")]
    return any(c.dep_ == "xcomp" and c.tag_ == "VB" for h in heads for c in h.children)


def is_occasion(verb: Token, has: WordTest) -> bool:
    """Whether a verb (the lexicon's "occasion_verb" words: "meet", "celebrate") or a noun of
    its clause ("occasion" words: "talks", "birthday") names an occasion of a day: "opens talks today", "is
    celebrating her birthday today", "who are taking part in our meeting today"."""
    if has("occasion_verb", verb.lemma_):
        return True
    if verb.dep_ in ("relcl", "acl") and has("occasion", verb.head.lemma_):
        return True  # "the conversation that we have today"
    # anywhere in its clause: "we have two items on the agenda today"
    return any(t.pos_ == "NOUN" and has("occasion", t.lemma_) for t in verb.subtree)


def speaker_present(verb: Token, has: WordTest) -> bool:
    """Whether a present-tense verb says someone is here (the lexicon's "presence" words): "we
    are here", "all present", "who is with us"."""
    for c in verb.children:
        if c.dep_ in ("advmod", "acomp", "attr") and has("presence", c.lower_):
            return True
        if c.dep_ == "prep" and c.lower_ == "with" and any(
                g.dep_ == "pobj" and g.tag_ == "PRP" for g in c.children):
            return True
    return False


def in_alternatives(span: Span) -> bool:
    """Whether a date is one of alternatives joined by "or" ("today, tomorrow or in ten years'
    time", "today or tomorrow"): no specific day."""
    root = span.root
    group = [root, *root.conjuncts]
    return any(c.dep_ == "cc" and c.lower_ == "or" for tok in group for c in tok.children)
