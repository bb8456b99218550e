"""Status decisions: what the words governing a document say happened to it.

A cue word (models/patterns/documents.jsonl) that governs a document noun in the dependency
parse, modifies it (a participle, a relative clause) or follows it decides its status:
signed, in force, planned, or DROP (hypothetical, negated, only planned without a time).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extractors.documents.candidate import DROP, IN_FORCE, PLANNED, SIGNED
from pipeline.extractors.documents.cues import Cues
from pipeline.extractors.documents.mentions import Mention

# prepositions that date a signing in the past ("after signing", "since the signing of")
TEMPORAL_PREPS = {"since", "after", "following", "upon", "with", "at", "during", "from", "by"}
SEQUEL_PREPS = ("after", "following", "upon")  # what comes after the signing
WEAK_LABELS = ("SIGN_WEAK", "SIGN_EVENT")  # signings that need a state, or the event, in view
SIGNING_LABELS = ("SIGN", "AGREE", *WEAK_LABELS)  # signing cues, in the order they decide
# above a signing word, no signing: a doubt ("discussed signing"), an undoing ("cancelled the
# signing of"), a go-ahead ("the Cabinet approved signing an agreement")
RULE_OUT_LABELS = ("HYPO", "UNDO", "SIGN_EVENT")
LIST_ITEM_LEAD = 6  # words between a ";" or "," and the document noun of the next list item


def modality(tok: Token, cues: Cues) -> str:
    """signed | planned | drop for a signing word, from its aux/neg children and the verbs it
    depends on ("wants to sign", "expected to include the signing of")."""
    planned = False
    if tok.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        # a bare gerund is generic or hypothetical ("concluding an agreement is a matter of",
        # "by concluding an agreement"), unless it dates a past act ("after signing")
        past = tok.dep_ == "pcomp" and (tok.head.lower_ in TEMPORAL_PREPS - {"by"} or (
            tok.head.lower_ == "of" and cues.word_at(tok.head.head.i, "PAST_EVENT")))
        # ("the 30th anniversary of signing the Treaty")
        with_agent = tok.dep_ == "acl" or any(c.dep_ == "nsubj" for c in tok.children)
        if not (past or with_agent):  # ("concern about China and the Solomons signing a pact")
            return DROP
    if tok.dep_ == "conj" and tok.head.dep_ == "xcomp":
        # "plan to review ... and adopt a number of documents": the conjoined verb shares
        # the infinitive's governor (not the first verb's own meaning: "discussed and signed")
        gov = tok.head.head
        if cues.has(gov, "HYPO"):
            return DROP
        planned = cues.has(gov, "PLAN") or cues.has(gov, "AGREE")
    cur = tok
    for level in range(4):
        kids = list(cur.children)
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            # "if we studied the issue and signed a document": the first verb's condition
            # and modal hold for the conjoined one (its negation does not)
            kids += [c for c in cur.head.children if c.dep_ in ("aux", "mark")]
        for child in kids:
            if child.dep_ == "neg" or (child.dep_ in ("aux", "auxpass", "mark", "advmod")
                                       and cues.has(child, "HYPO")):
                return DROP
            if level == 0 and child.dep_ == "amod" and cues.has(child, "HYPO"):
                return DROP  # "the early conclusion of", "a possible signing of"
            if child.dep_ in ("aux", "auxpass") and cues.has(child, "PLAN"):
                planned = True
            if level == 0 and child.dep_ == "nsubj" and child.pos_ == "NOUN" \
                    and cues.has(child, "PLAN"):
                planned = True  # "the intention of the United States to enter into an MoU"
            if (child.dep_ == "aux" and child.lower_ == "to" and level == 0
                    and (tok.dep_ in ("ROOT", "acl", "relcl", "advcl")
                         or tok.head.lemma_ == "be")):
                # "Sri Lanka to sign MoU", "documents to be signed", "is to be", and a purpose
                # ("approval was granted at the meeting to sign an agreement")
                planned = True
        if level > 0:
            if _rules_out(cur, cues):
                return DROP
            if cues.has(cur, "PLAN") or cues.has(cur, "AGREE"):
                planned = True
            if cur.dep_ == "conj" and cues.has(cur.head, "PLAN"):
                planned = True  # "is scheduled to hold talks and witness the signing of"
        infinitive = cur.dep_ == "acl" and any(c.lower_ == "to" for c in cur.children)
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl",
                            "acomp") and not infinitive or cur.head == cur:
            break
        if cur.dep_ == "advcl" and level > 0:
            break
        if level == 0 and cur.dep_ == "advcl" and cur.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass", "mark") for c in cur.children):
            break  # "Signed in the presence of ..., the agreements will cover ...": done
        if cur.dep_ == "ccomp" and cur.tag_ == "VBD" and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break  # "You will remember, at that time we signed ...": a past act, reported
        if cur.dep_ == "pobj" and cur.head.lower_ in TEMPORAL_PREPS:
            if cur.head.lower_ in SEQUEL_PREPS and any(
                    c.dep_ == "aux" and cues.has(c, "PLAN") for c in cur.head.head.children):
                planned = True  # "after the signing of the treaty, the convention will ..."
            break  # "eight years since the signing of": a past signing, whatever the main verb
        if _purpose_verb(cur.head):
            break  # "In order to coordinate, encourage and develop ..., X and Y signed": a
            # fronted purpose the parser made the root; it governs nothing
        cur = cur.head
    outer = _outer_clause(tok)
    if outer is not None:
        verdict = _clause_modality(outer, cues)
        if verdict == DROP or verdict == PLANNED and tok.dep_ != "acl":
            return verdict
    return PLANNED if planned else SIGNED


def scheduled(cue: Token, cues: Cues) -> bool:
    """A signing on the programme of the event being reported: the noun "signing" as the
    subject of a present-tense plan ("The signing of bilateral documents is also planned",
    not "will be planned" or "was expected")."""
    if cue.pos_ != "NOUN" or cue.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = cue.head
    if not cues.has(verb, "PLAN"):
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return bool(aux) and all(c.tag_ in ("VBZ", "VBP") for c in aux)


def _outer_clause(tok: Token) -> Token | None:
    """The verb of the clause a nominal or participial cue sits in: "[the signing] of X is being
    prepared", "this must be a treaty [signed] by all guarantors"."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN":
        return tok.head
    if tok.dep_ == "acl" and tok.head.dep_ == "attr":
        return tok.head.head
    return None


def _purpose_verb(tok: Token) -> bool:
    """A verb of an "in order to" purpose clause (the clause itself or a verb conjoined to it)."""
    verbs = [tok] + [c for c in tok.children if c.dep_ == "conj"]
    return any(prep.dep_ == "prep" and prep.lower_ == "in" and any(
        o.dep_ == "pobj" and o.lower_ == "order" for o in prep.children)
        for v in verbs for prep in v.children)


def _rules_out(tok: Token, cues: Cues) -> bool:
    """A RULE_OUT_LABELS word: above a signing, there is none."""
    return any(cues.has(tok, label) for label in RULE_OUT_LABELS)


def _clause_modality(verb: Token, cues: Cues) -> str:
    """DROP when a hypothesis, negation or plan governs a clause's verb, PLANNED when a plan
    does ("will take place"), "" otherwise."""
    kids = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if _rules_out(verb, cues) or any(c.dep_ == "neg" or cues.has(c, "HYPO") for c in kids):
        return DROP  # ("the signing of X was cancelled")
    if cues.has(verb, "PLAN") or any(cues.has(c, "PLAN") for c in kids):
        return PLANNED
    return ""


def judge(tok: Token, cues: Cues, governs: bool) -> tuple[str, str, bool] | None:
    """(status, rule id, weak) for a cue word that governs or modifies a document; None when
    the word is no cue. `governs`: the document is its object/subject (not a modifier)."""
    labels = cues.labels.get(tok.i, {})
    if not labels:
        return None
    if "UNDO" in labels:
        # "talking about canceling the agreement with the IMF": undoing a document says it
        # exists, whatever the clause around plans or doubts
        return IN_FORCE, labels["UNDO"], False
    if "HYPO" in labels and not ("SIGN" in labels and accomplished(tok, cues)):
        return DROP, labels["HYPO"], False
    if "SIGN_EVENT" in labels and tok.dep_ == "amod":
        return DROP, labels["SIGN_EVENT"], False  # "the approved plan", "approved signing MoU"
    if "INFORCE" in labels:
        if "COMPLY" not in labels and any(c.dep_ == "neg" for c in tok.children):
            return DROP, labels["INFORCE"], False  # ("not implemented"; "not honoured" stays)
        return IN_FORCE, labels["INFORCE"], False
    for label in SIGNING_LABELS:
        if label in labels:
            status = modality(tok, cues)
            return status, labels[label], label in WEAK_LABELS
    if "PLAN" in labels and governs:
        return DROP, labels["PLAN"], False
    return None


def accomplished(tok: Token, cues: Cues) -> bool:
    """A signing noun greeted as done: "welcomed the conclusion of", "the recent conclusion
    of" (ACCOMPLISHED words), not "the early conclusion of" or "work toward the conclusion"."""
    if tok.pos_ != "NOUN":
        return False
    mods = [c for c in tok.children if c.dep_ == "amod"]
    if any(not cues.word_at(c.i, "ACCOMPLISHED") for c in mods):
        return False
    greeted = tok.dep_ == "dobj" and tok.head.tag_ == "VBD" \
        and cues.word_at(tok.head.i, "ACCOMPLISHED")
    return greeted or bool(mods)


def climb(tok: Token) -> Token:
    """Up through coordination and apposition: "an agreement on X and a protocol on Y"."""
    for _ in range(6):
        if tok.dep_ not in ("conj", "appos") or tok.head == tok:
            break
        tok = tok.head
    return tok


def inherits(m: Mention, decided: list[tuple[Token, tuple]], cues: Cues) -> tuple | None:
    """The decision of an earlier document this one is listed under: "the documents signed
    included a roadmap ...", "two agreements were exchanged: an agreement ... and ..."."""
    root = m.span.root
    if root.dep_ == "conj":
        for head, verdict in decided:
            if root.head in head.subtree:
                # "a roadmap for energy cooperation and a programme ...", parsed as a
                # conjunct inside the first document's title, or of the document itself
                # ("These included a programme ..., a memorandum ... and ...")
                return verdict
        # "signed a number of agreements in the sphere of education and memoranda of ...",
        # parsed as a conjunct of "sphere": the signing verb above it decided the first
        verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        for _, verdict in decided:
            if verb is not None and verdict[2] is not None and verdict[2].i == verb.i:
                return verdict
    t = climb(root)
    gov = t.head
    if t.dep_ not in ("dobj", "attr", "appos", "conj", "pobj") or not includes(gov, cues):
        return None
    for head, verdict in decided:
        subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(head in s.subtree for s in subjects) or gov.head == verdict[2] or (
                verdict[2] is not None and gov in verdict[2].children) or gov.head == head:
            return verdict  # ... or "signed five agreements, including a memorandum ..."
    return None


def list_item(m: Mention, decided: list[tuple[Token, tuple]], cues: Cues) -> tuple | None:
    """The decision of the document that opens a list whose items ';' separates ("They
    include an agreement on ...; an agreement on ...; as well as a protocol ..."), or ','
    after an "include" word ("These included a programme for 2022-2026, a memorandum ..."),
    for a mention that opens a later item; parses of such long sentences are unreliable, the
    separators are not."""
    doc = m.span.doc
    i = m.span.start - 1
    while i >= max(0, m.span.start - LIST_ITEM_LEAD) and doc[i].text not in (";", ",") and (
            doc[i].pos_ in ("DET", "ADJ", "NUM", "CCONJ", "ADV") or doc[i].tag_ == "HYPH"
            or doc[i].lower_ in ("as", "well")):
        i -= 1
    if i < 0 or doc[i].text not in (";", ","):
        return None
    sent_start = m.span.sent.start if doc.has_annotation("SENT_START") else 0
    if doc[i].text == "," and not cues.any_in(doc[sent_start:i], "INCLUDE"):
        return None
    before = [(head, verdict) for head, verdict in decided
              if sent_start <= head.i < i and verdict[0] != DROP]
    return before[-1][1] if before else None


def includes(tok: Token, cues: Cues) -> bool:
    """ "include"-like verbs (INCLUDE cues) and the copula: "the documents ... were a ..."."""
    return cues.has(tok, "INCLUDE") or tok.lemma_ == "be"


def pronoun_includes(m: Mention, cues: Cues) -> bool:
    """The document is the object of "include"/"be" whose subject is a pronoun ("This
    included ...", "These are ...") or the set named before ("The package includes ...")."""
    t = climb(m.span.root)
    gov = t.head
    return t.dep_ in ("dobj", "attr") and includes(gov, cues) and any(
        c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ in ("PRON", "DET") or (
            cues.has(c, "QUANT") and any(d.lower_ == "the" for d in c.children)))
        for c in gov.children)  # (or "The package includes ...": the set named before)


ADVERBIAL_TOKENS = 5  # "today in Kyiv", "yesterday in the capital": between "signing" and "of"


def _governed(tok: Token | None, cues: Cues) -> tuple[str, str, Token | None, bool] | None:
    """`decide`'s answer when the cue word `tok` governs the document; None for no cue."""
    verdict = judge(tok, cues, governs=True) if tok is not None else None
    return (verdict[0], verdict[1], tok, verdict[2]) if verdict else None


def _signing_before(of: Token, cues: Cues) -> Token | None:
    """The signing noun an "of" belongs to when the parser hung the "of" elsewhere because
    of an adverbial in between ("praised the signing today in Kyiv of a joint statement")."""
    doc = of.doc
    for i in range(of.i - 1, max(-1, of.i - ADVERBIAL_TOKENS - 1), -1):
        tok = doc[i]
        if tok.pos_ == "NOUN" and cues.has(tok, "SIGN"):
            return tok
        if tok.dep_ not in ("npadvmod", "advmod", "prep", "pobj", "compound", "punct"):
            return None
    return None


def decide(m: Mention, cues: Cues) -> tuple[str, str, Token | None, bool]:
    """(status, rule id, cue token, weak) for a mention from the dependency parse;
    status "" when no cue decides it, DROP when a cue rules it out."""
    head = m.span.root
    seen = 0
    t = head
    while True:
        # "The Treaty and the Memorandum exchanged today": the participle after the last
        # conjunct belongs to all of them
        kids = list(t.children) + [c for conj in t.conjuncts if conj.i > t.i
                                   for c in conj.children if c.dep_ in ("acl", "relcl")]
        for child in kids:
            if child.i in range(m.span.start, m.span.end):
                continue
            if child.dep_ in ("amod", "compound", "nmod", "predet") and cues.has(child, "HYPO"):
                return DROP, cues.rule(child, "HYPO"), child, False  # "draft", "such a"
            if child.dep_ == "relcl" and any(
                    c.dep_ == "prep" and any(w.tag_ == "WDT" for w in c.children)
                    for c in child.children):
                continue  # "a pact in which Japan agreed to ...": what it says, not its fate
            if child.dep_ in ("acl", "relcl", "amod"):
                verdict = judge(child, cues, governs=False)
                if verdict and verdict[0] == DROP and child.dep_ == "relcl" and not any(
                        cues.has(child, lab) for lab in ("SIGN", "AGREE", "INFORCE")):
                    continue  # "signed a SOFA, which will allow ...": what it does, not its fate
                if verdict and verdict[0]:
                    return verdict[0], verdict[1], child, verdict[2]
        if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.pos_ == "VERB" and any(
                c.dep_ == "dobj" for c in t.head.children):
            # "signed a protocol on ..., and a programme ...": the parser joins the second
            # object to the verb, not to the first object
            return _governed(t.head, cues) or ("", "", None, False)
        if t.dep_ == "appos" and t.head.pos_ == "NOUN" and cues.has(t.head, "SIGN"):
            # "the signing of the historic Sri Lanka – Thailand Free Trade Agreement": a dash
            # makes the document an apposition of the signing noun
            found = _governed(t.head, cues)
            if found:
                return found
        if t.dep_ in ("conj", "appos", "compound") and t.head != t and seen < 4:
            t = t.head
            seen += 1
            continue
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of" and seen < 6:
            of_head = t.head.head
            if cues.has(of_head, "QUANT") or cues.has(of_head, "PART"):
                t = of_head
                seen += 1
                continue
            if cues.has(of_head, "STANCE") and m.proper:
                return "", "", None, False  # "the importance of the X-Y Free Trade Agreement"
            # (or "the signing ceremony of the MoU": the cue modifies the noun "of" hangs on)
            modifier = next((c for c in of_head.children if c.dep_ in ("compound", "amod")
                             and cues.has(c, "SIGN")), None)
            return _governed(of_head, cues) or _governed(modifier, cues) \
                or _governed(_signing_before(t.head, cues), cues) or ("", "", None, False)
        break
    gov = t.head
    if gov == t:
        return "", "", None, False
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        verdict = judge(t.head.head, cues, governs=True)
        if verdict and verdict[0] == DROP:
            return DROP, verdict[1], t.head.head, False
        if verdict and any(cues.has(t.head, lab) for lab in ("SIGN", "INFORCE", "UNDO")):
            # a phrasal cue: "entered into an MoU", "committed to the statements",
            # "withdrawing from the Convention"
            return verdict[0], verdict[1], t.head.head, verdict[2]
        return "", "", None, False
    if t.dep_ in ("nsubjpass", "nsubj"):
        # "MoUs are expected to be signed": the signing verb is the governor's xcomp
        inner = next((c for c in gov.children if c.dep_ == "xcomp" and (
            cues.has(c, "SIGN") or cues.has(c, "AGREE"))), None)
        found = _governed(inner, cues)
        if found:
            return found
    if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative", "nsubj"):
        verdict = judge(gov, cues, governs=True)
        if verdict:
            status, rule, weak = verdict
            if t.dep_ == "nsubj" and weak:
                return "", "", None, False  # "the declaration adopted ..." is too loose
            # a document as subject of "signed"/"exchanged" is a misparsed passive ("The
            # Treaty and the MoU exchanged today reflect ...")
            return status, rule, gov, weak
    return "", "", None, False


def right_clause(doc: Doc, end: int, cues: Cues,
                 reach: int = 8) -> tuple[str, str, Token, bool] | None:
    """(status, rule id, cue) from the words right after a document phrase ending at token
    `end`, for parses that attach them elsewhere: a past participle ("the Treaty of A, B and
    C signed on ...", "the Programme for 2021-2031, signed during ...") or a relative clause
    ("..., which the two countries signed in March"); a quoted title in between is skipped.
    The last item says the cue is weak ("adopted"). Modal or hypothetical words: None."""
    i, limit = end, min(len(doc), end + reach)
    if i < len(doc) and doc[i].text in ('"', "“", "«"):
        close = next((j for j in range(i + 1, min(len(doc), i + 25))
                      if doc[j].text in ('"', "”", "»")), -1)
        if close != -1:
            i, limit = close + 1, min(len(doc), close + 1 + reach)
    while i < limit and (doc[i].text == "," or doc[i].ent_type_ == "DATE"
                         or doc[i].lower_ == "for" or doc[i].tag_ == "HYPH"):
        i += 1
    if i >= limit:
        return None
    relative = doc[i].lower_ in ("which", "that")
    if not relative:
        tok = doc[i]
        if tok.tag_ in ("VBN", "VBD"):
            if cues.has(tok, "INFORCE"):  # "..., which entered into force in 2009"
                return IN_FORCE, cues.rule(tok, "INFORCE"), tok, False
            for label in ("SIGN", *WEAK_LABELS):
                if cues.has(tok, label):
                    return SIGNED, cues.rule(tok, label), tok, label in WEAK_LABELS
        return None
    for tok in doc[i + 1:min(len(doc), i + 1 + reach)]:
        if tok.is_punct or tok.dep_ == "neg" or cues.has(tok, "HYPO") or cues.has(tok, "PLAN") \
                or (tok.lower_ == "to" and tok.dep_ == "aux"):  # ("which is to be signed")
            return None
        if cues.has(tok, "INFORCE"):  # (before "entered into" as a signing)
            return IN_FORCE, cues.rule(tok, "INFORCE"), tok, False
        if cues.has(tok, "SIGN") and tok.tag_ in ("VBD", "VBN"):
            return SIGNED, cues.rule(tok, "SIGN"), tok, False
    return None
