"""Rows: merged candidates -> DocumentRow objects, with their states and evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from pipeline.extractors.base import evidence
from pipeline.extractors.documents.candidate import Candidate
from pipeline.extractors.documents.config import OPEN_PARTY, Confidences
from pipeline.gazetteers import gazetteer_spans_of, span_code
from pipeline.normalizers.countries import STATE_LABELS, is_organization, is_state
from pipeline.records import DocumentRow

DEFAULT_CONFIDENCES = Confidences()
LEADERS_LABEL = "LEADERS"  # models/gazetteers/leaders.csv: code = the leader's state


def article_states(doc: Doc, n: int = 3) -> list[str]:
    """The article's `n` principal parties: the states and organizations named most often,
    where each leader (a row of the leaders table or a well-known leader's name) counts once
    for his state ("Vladimir Putin held talks with President Tokayev" is about RUS and KAZ);
    ties go to the first named."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    covered_to = -1
    # states by name, and well-known leaders by their state ("Vladimir Putin": RUS)
    spans = sorted(gazetteer_spans_of(doc, (*STATE_LABELS, LEADERS_LABEL)),
                   key=lambda s: (s.start, -(s.end - s.start)))
    leaders: set[str] = set()  # each leader counts once, however often he is named
    for span in spans:
        if span.start < covered_to:
            continue  # nested inside a longer mention already counted
        covered_to = span.end
        code = span_code(span)
        if span.label_ == LEADERS_LABEL:
            if span[-1].lower_ in leaders:
                continue
            leaders.add(span[-1].lower_)
        if code:
            counts[code] = counts.get(code, 0) + 1
            first.setdefault(code, span.start_char)
    for row in (doc._.rows or {}).get("leaders", []):
        if row.country and row.name.split()[-1].lower() not in leaders:
            counts[row.country] = counts.get(row.country, 0) + 1
            first[row.country] = min(first.get(row.country, row.start), row.start)
    return sorted(counts, key=lambda c: (-counts[c], first[c]))[:n]


# document types an organization signs with a counterpart ("the EU Association Agreement"),
# unlike its own declarations, charters and conventions
BILATERAL_TYPES = ("agreement", "memorandum", "contract", "program", "protocol")


def row_countries(cand: Candidate, fallback: Sequence[str],
                  conf: Confidences = DEFAULT_CONFIDENCES,
                  home: str = "") -> tuple[list[str], float, bool]:
    """(state/organization codes, confidence, accepted) of a document: the ones its phrase or
    signing clause names (one state alone when its parties are institutions of that state,
    the article's main one: `accepted`; with the organization whose well-known convention
    they sign: `accepted`), else a well-known document's actual parties (`accepted`), else
    "the two countries" of the article, else the states its sentence names, completed from
    the article's principal states (`fallback`) up to two (three for a trilateral one). A
    well-known document whose parties include "*" ("Extended Fund Facility": IMF and the
    borrower, "ceasefire agreements": the states the text names) takes the one state its
    sentence names when its phrase names none, and is completed like one whose text names only
    some of its parties: by the state of the article's publisher (`home`: a national outlet's
    or government's) before the article's principal state."""
    confidence = cand.confidence
    if OPEN_PARTY in cand.known_parties:  # "Sri Lanka's EFF programme": IMF, LKA
        codes = [c for c in cand.known_parties if c != OPEN_PARTY]
        codes += [c for c in cand.countries if c not in codes]
        if not cand.countries and len(cand.sentence_codes) == 1:
            # "Russia has started gross violations of the ceasefire agreements": the one state
            # its sentence names is a party
            codes += [c for c in cand.sentence_codes if c not in codes]
        if len(codes) < 2:
            codes += [c for c in ([home] if home else []) + list(fallback)
                      if c not in codes][:1]
        return codes, confidence, True
    if cand.known_own and cand.known_parties:  # "France broke the stability pact": the EU's
        return list(cand.known_parties), confidence, True
    codes = list(cand.countries)
    if len(cand.known_parties) > 1 and codes and set(codes) <= set(cand.known_parties):
        # "support for the Abraham Accords and other arrangements with Israel": the text names
        # some of a well-known document's parties; the document has them all
        return list(cand.known_parties), confidence, True
    if cand.one_state and not cand.institutional:  # "Nissan and Honda signed an MoU"
        return codes, confidence, False
    if cand.counterparts:  # "the FIU has signed 44 MoUs with foreign counterparts": its state
        return codes or list(fallback[:1]), confidence, True
    if cand.institutional and len(codes) == 1 and fallback[:1] == codes \
            and not is_organization(codes[0]):
        return codes, confidence, True  # "the FIU of Sri Lanka ... with the Bribery Commission"
    if codes and len(cand.known_parties) == 1 and is_organization(cand.known_parties[0]) \
            and all(is_state(c) for c in codes):
        # "the Ukrainian Parliament ratified the Istanbul Convention": the states the clause
        # makes parties of an organization's convention and that organization, not the
        # article's next state
        return codes + list(cand.known_parties), confidence, True
    well_known = () if codes or cand.parties else cand.known_parties
    if len(well_known) == 1 and not is_state(well_known[0]) and bound_states(cand):
        # "China's admission to GATT" (U.S. talks), "Kenya is committed to the Paris
        # Agreement and the United States has rejoined": the states the sentence holds to it
        return list(cand.sentence_codes), confidence, True
    codes = codes or list(well_known)  # "the Minsk agreements": RUS, UKR
    if not codes and cand.joint and len(fallback) >= 2 and len(cand.sentence_codes) < 2:
        codes = list(fallback[:2])  # "which the two countries signed": the article's pair
    if not codes and len(cand.sentence_codes) <= 4:
        codes = list(cand.sentence_codes)  # "obligations under the Minsk agreements" (Ukraine)
    if len(codes) == 1 and home and home not in codes and len(cand.parties) > 1 and is_state(
            codes[0]):
        # "the MoU between the BIDTI and the Institute ... of Egypt" in a Sri Lankan outlet:
        # the party whose state the text leaves unsaid is the publisher's
        codes.append(home)
    if len(codes) == 1 and is_organization(codes[0]) and not cand.parties \
            and cand.doc_type not in BILATERAL_TYPES:
        # "the G20 Rome Leaders' Declaration", "the ASEAN Outlook": the organization's own
        return codes, confidence, True
    if len(codes) < cand.party_count and not well_known:
        # ("a trilateral statement": the article's three main states)
        extra = [c for c in fallback if c not in codes][: cand.party_count - len(codes)]
        if extra and not codes:
            confidence -= conf.fallback_penalty
        codes += extra
    return codes, confidence, bool(well_known)


def bound_states(cand: Candidate) -> bool:
    """The sentence of an open multilateral document (its party an organization: the UN
    Charter, GATT) names two to four states and no organization: the members the text speaks
    of ("China's admission to GATT" in U.S.-China talks); one naming an organization frames
    it in that body ("commitment to NATO's Article 5", "the U.N. ... Uruguay Round of GATT").
    (An organization's own document, "+own", never gets here: `row_countries` keeps its code.)"""
    codes = cand.sentence_codes
    return 2 <= len(codes) <= 4 and all(is_state(c) for c in codes)


def to_rows(doc: Doc, candidates: Iterable[Candidate], fallback: Sequence[str],
            conf: Confidences = DEFAULT_CONFIDENCES, home: str = "") -> list[DocumentRow]:
    """DocumentRow objects; `fallback`: the article's principal states (and organizations)
    for documents whose parties the sentence does not name; `home`: the publisher's state.
    A document with a single state and no organization is domestic: no row."""
    rows = []
    for cand in candidates:
        codes, confidence, accepted = row_countries(cand, fallback, conf, home)
        if len(codes) < 2 and not accepted and not any(is_organization(c) for c in codes):
            continue  # a single state involved in the whole article: a domestic document
        found = evidence(doc, cand.start, cand.end, cand.rule,
                         max(conf.floor, min(1.0, confidence)))
        # "the November 9, 2020 and January 11, 2021 statements": one document per date
        dated = [(cand.title, d) for d in cand.dates] if len(cand.dates) > 1 else \
            [(title, cand.signed_date) for title in titles(doc, cand)]
        split = partner_countries(cand, codes, fallback, home)
        # "respective declarations signed on 18 March and on 3 May" (Lithuania, Poland): one
        # date per partner, in order; else every partner's document on every date
        pairs = list(zip(split, dated)) if cand.pairwise and len(split) == len(dated) > 1 \
            else [(countries, one) for countries in split for one in dated]
        for countries, (title, signed) in pairs:
            rows.append(DocumentRow(
                doc_type=cand.doc_type, title=title,
                parties="; ".join(cand.parties) if len(split) == 1 else "",
                countries=";".join(sorted(set(countries))), signed_date=signed,
                valid_from=cand.valid_from, valid_to=cand.valid_to, status=cand.status,
                **found))
    return rows


def partner_countries(cand: Candidate, codes: list[str], fallback: Sequence[str],
                      home: str) -> list[list[str]]:
    """The countries of each document a candidate stands for: one set, or one per partner a
    plural lists ("the EC's trade agreements with Tunisia, Egypt and Jordan": EU+TUN, EU+EGY,
    EU+JOR; "Sri Lanka's free trade agreements with India, and Singapore"; "bilateral"
    documents among three states or more), the other party the one its phrase or the
    article gives."""
    if cand.pairwise and not cand.partners and len(codes) >= 3 and cand.copies == 1:
        # "the Presidents of Lithuania and Poland ... sign the relevant bilateral declarations"
        base = next((c for c in [home, *fallback] if c in codes), "")
        if base:
            return [[base, c] for c in codes if c != base]
    if len(cand.partners) < 2 or cand.copies > 1:
        return [codes]
    base = list(cand.partner_of) or [c for c in ([home] if home else []) + list(fallback)
                                     if c not in cand.partners][:1]
    if not base:
        return [codes]  # no other party in view: one document between all the states named
    return [base + [p] for p in cand.partners]


def titles(doc: Doc, cand: Candidate) -> list[str]:
    """One title per document the candidate stands for: its coordinated subjects ("cooperation
    in education", "cooperation in sport"), else "7 MoUs on trade (1 of 5)" for the unnamed
    rest of a counted set, else the title ("9 agreements" for a count-only mention)."""
    if cand.copies > 1 and len(cand.parts) == cand.copies:
        return list(cand.parts)
    title = cand.title
    if cand.plural and cand.count:  # "9 agreements", "7 MoUs on trade, education and health"
        noun = doc.char_span(cand.mention_start, cand.mention_end,
                             alignment_mode="expand").text
        title = f"{cand.count} {noun}" + (f" on {title}" if title else "")
    if cand.copies <= 1:
        return [title]
    return [f"{title} ({k} of {cand.copies})" for k in range(1, cand.copies + 1)]
