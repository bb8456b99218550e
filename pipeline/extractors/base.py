"""What every extractor shares: the Doc extensions, the article text, evidence and rows.

Imports nothing from the rest of the project but the row records, so extractors and the
pipeline assembly (`pipeline.nlp`) can both import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.records import ROW_TYPES, Row, row_id


def register_extensions() -> None:
    """Doc attributes the extractors read and write. Set before `nlp.pipe` where known."""
    for name, default in (("dct", None), ("dct_source", ""), ("rows", None),
                          ("article_id", ""), ("source", ""), ("url", "")):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_TEXT = "communique_text"  # doc.user_data key


def is_blank(text: str) -> bool:
    """A whitespace token's text holding a blank line: a paragraph break."""
    return text.isspace() and text.count("\n") > 1


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc: spaCy joins every token's text on each access,
    which made the evidence of each row cost a pass over the whole article."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentence_of(doc: Doc, start: int, end: int) -> str:
    """Text of the sentence holding characters [start, end), never reaching past a blank line
    (the parser runs list items and headings together); the line without a parser."""
    text = doc_text(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        left, right = span.sent.start_char, span.sent.end_char
    else:
        left = text.rfind("\n", 0, start) + 1
        right = text.find("\n", end)
        right = len(text) if right == -1 else right
    if "\n" in text[left:right]:
        for gap in _BLANK_LINE.finditer(text, left, right):
            if gap.end() <= start:
                left = gap.end()
            elif gap.start() >= end:
                right = gap.start()
                break
    return text[left:right].strip()


def inside_person(tok: Token) -> bool:
    """The token continues the model's PERSON entity (it is in one, not first)."""
    return tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I"


def closing_bracket(doc: Doc, i: int, limit: int) -> int:
    """Past the ")" closing the "(" at token `i` before token `limit`; 0 when none does."""
    return next((j + 1 for j in range(i + 1, min(limit, len(doc))) if doc[j].text == ")"), 0)


def evidence(doc: Doc, start: int, end: int, rule: str, confidence: float) -> dict[str, Any]:
    """The evidence fields every row carries."""
    return {"start": start, "end": end, "sentence": sentence_of(doc, start, end),
            "rule": rule, "confidence": round(float(confidence), 3)}


def add_rows(doc: Doc, table: str, rows: Iterable[Row]) -> None:
    if doc._.rows is None:
        doc._.rows = {}
    doc._.rows.setdefault(table, []).extend(rows)


def rows_of(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """Plain dict rows per table (picklable; no spaCy objects)."""
    found = doc._.rows or {}
    article = doc._.article_id
    out = {}
    for table, cls in ROW_TYPES.items():
        rows = []
        seen: set[str] = set()
        for row in found.get(table, []):
            data = row.to_row()
            data["article_id"] = article
            rid = base = row_id(article, table, data["start"], data["end"], data[cls.KEY])
            n = 1
            while rid in seen:  # same offsets and key twice: numbered in row order
                n += 1
                rid = f"{base}~{n}"
            seen.add(rid)
            data["row_id"] = rid
            rows.append(data)
        out[table] = rows
    return out
