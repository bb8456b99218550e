"""Rows: merged candidates -> DocumentRow objects, with their states and evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from pipeline.extractors.base import evidence
from pipeline.extractors.documents.candidate import Candidate
from pipeline.extractors.documents.config import Confidences
from pipeline.normalizers.countries import is_organization
from pipeline.records import DocumentRow

DEFAULT_CONFIDENCES = Confidences()


def row_countries(cand: Candidate, fallback: Sequence[str],
                  conf: Confidences = DEFAULT_CONFIDENCES) -> tuple[list[str], float]:
    """(state/organization codes, confidence) of a document: the ones its phrase or signing
    clause names, else a well-known document's actual parties, else "the two countries" of
    the article, else the states its sentence names, completed from the article's principal
    states (`fallback`) up to two."""
    codes = list(cand.countries)
    confidence = cand.confidence
    well_known = () if codes or cand.parties else cand.known_parties
    codes = codes or list(well_known)  # "the Minsk agreements": RUS, UKR
    if not codes and cand.joint and len(fallback) >= 2:
        codes = list(fallback[:2])  # "which the two countries signed": the article's pair
    if not codes and len(cand.sentence_codes) <= 4:
        codes = list(cand.sentence_codes)  # "obligations under the Minsk agreements" (Ukraine)
    if len(codes) < 2 and not well_known:
        extra = [c for c in fallback if c not in codes][: 2 - len(codes)] if fallback else []
        if extra and not codes:
            confidence -= conf.fallback_penalty
        codes += extra
    return codes, confidence


def to_rows(doc: Doc, candidates: Iterable[Candidate], fallback: Sequence[str],
            conf: Confidences = DEFAULT_CONFIDENCES) -> list[DocumentRow]:
    """DocumentRow objects; `fallback`: the article's principal states (and organizations)
    for documents whose parties the sentence does not name. A document with a single state
    and no organization is domestic: no row."""
    rows = []
    for cand in candidates:
        codes, confidence = row_countries(cand, fallback, conf)
        if len(codes) < 2 and not any(is_organization(c) for c in codes):
            continue  # a single state involved in the whole article: a domestic document
        title = cand.title
        if cand.plural and cand.count:  # "9 agreements", "7 MoUs on trade, education and health"
            noun = doc.char_span(cand.mention_start, cand.mention_end,
                                 alignment_mode="expand").text
            title = f"{cand.count} {noun}" + (f" on {title}" if title else "")
        rows.append(DocumentRow(
            doc_type=cand.doc_type, title=title, parties="; ".join(cand.parties),
            countries=";".join(sorted(set(codes))), signed_date=cand.signed_date,
            valid_from=cand.valid_from, valid_to=cand.valid_to, status=cand.status,
            **evidence(doc, cand.start, cand.end, cand.rule,
                       max(conf.floor, min(1.0, confidence)))))
    return rows
