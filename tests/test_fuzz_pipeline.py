"""The whole run fuzzed: random Unicode articles (control characters, NUL, right-to-left text,
emoji, unpaired surrogates, enormous tokens) mixed with sentences the extractors act on.
Properties: no exception; every input record is a row of articles.csv with a status; every
row's start/end point into its article at text equal to its `text`, inside its sentence."""

from __future__ import annotations

import csv
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import examples, read_tables
from pipeline.evaluate import unneutralize
from pipeline.ingest import readable
from pipeline.run import RunConfig, extract

SURROGATE = re.compile("[\ud800-\udfff]")
# Sentences in the shapes the extractors look for (written for this test).
SENTENCES = [
    "President Kassym-Jomart Tokayev met Prime Minister Narendra Modi in Astana on May 19, 2021.",
    "The two countries signed a memorandum of understanding on energy cooperation yesterday.",
    "Trade between Kazakhstan and India reached about $2.5 billion last year.",
    "Foreign Minister Sergey Lavrov will visit Beijing on Monday.",
    "An agreement on visa-free travel entered into force on 1 January 2022.",
    "Bilateral trade fell to 40 mln dlrs in the first quarter of 1987.",
    "The leaders adopted a joint statement in Dushanbe.",
]
HOSTILE = st.sampled_from([
    "\x00", "\x07", "\x1b[31m", "\u202e", "\u200f\u05e9\u05dc\u05d5\u05dd", "\u0645\u0635\u0631 ",
    "\U0001F600", "\U0001F1FA\U0001F1F8", "\u200d", "e\u0301\u0301\u0301", "\ufeff", "\ud83d",
    "\r\n", "\n\n\n", "\t", "\u2028", "=cmd|' /C calc'!A0", "-", "@", "&#x0;", "   "])
PIECE = st.one_of(st.sampled_from(SENTENCES), HOSTILE,
                  st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
                  st.text(max_size=12))
ARTICLE = st.lists(PIECE, max_size=14).map(lambda parts: " ".join(parts))


def run_articles(nlp, texts: list[str], **options) -> tuple[dict[str, str], dict]:
    """Extract `texts` (as a JSONL file, ids a0, a1, ...) and return (ids -> text as read,
    tables)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-run-"))
    path = folder / "in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for n, text in enumerate(texts):
            fh.write(json.dumps({"id": f"a{n}", "date": "2021-05-20", "text": text}) + "\n")
    extract(RunConfig(inputs=[str(path)], out=folder / "out", chunk_size=3, **options), nlp=nlp)
    read = {f"a{n}": readable(SURROGATE.sub("\ufffd", text))
            for n, text in enumerate(texts)}
    return read, read_tables(folder / "out")


def check_tables(texts: dict[str, str], tables: dict) -> int:
    """The properties on a run's tables; returns the number of extracted rows checked."""
    header, *rows = tables["articles"]
    records = [dict(zip(header, row)) for row in rows]
    assert [r["article_id"] for r in records] == list(texts)
    assert all(r["status"] in ("ok", "skipped", "failed") for r in records)
    assert not [r for r in records if r["status"] == "failed"], records
    checked = 0
    for table in ("leaders", "dates", "documents", "trade"):
        header, *rows = tables[table]
        for row in (dict(zip(header, r)) for r in rows):
            text = texts[row["article_id"]]
            start, end = int(row["start"]), int(row["end"])
            assert 0 <= start < end <= len(text), row
            if "text" in row:
                assert text[start:end] == unneutralize(row["text"]), row
            sentence = unneutralize(row["sentence"])
            assert sentence in text, row
            assert text[start:end].strip() in sentence or sentence in text[start:end], row
            checked += 1
    return checked


@settings(max_examples=examples(12))
@given(texts=st.lists(ARTICLE, min_size=1, max_size=5))
def test_fuzz_pipeline_random_unicode_articles(nlp, texts):
    read, tables = run_articles(nlp, texts)
    check_tables(read, tables)


def test_fuzz_pipeline_huge_token(nlp):
    """A 1,000,000-character token without spaces: processed, rows after it point past it."""
    huge = f"{SENTENCES[0]} {'x' * 1_000_000} {SENTENCES[2]}"
    read, tables = run_articles(nlp, [huge], limits=_limits(max_chars=1_100_000))
    assert check_tables(read, tables) >= 2
    header, *rows = tables["trade"]
    assert any(int(dict(zip(header, r))["start"]) > 1_000_000 for r in rows)


def test_fuzz_pipeline_long_article_in_pieces(nlp, monkeypatch):
    """An article long enough to be cut into pieces: every row's offsets into the whole
    text, rows from the last piece too."""
    monkeypatch.setattr("pipeline.pieces.PIECE_CHARS", 4000)
    long = "\n\n".join(SENTENCES * 40)  # ~30,000 characters: 8 pieces
    read, tables = run_articles(nlp, [long])
    assert check_tables(read, tables) > 40
    header, *rows = tables["dates"]
    starts = sorted(int(dict(zip(header, r))["start"]) for r in rows)
    assert starts[-1] > len(read["a0"]) - 4000


def _limits(**caps):
    from pipeline.streams import Limits

    return Limits(**caps)


@pytest.mark.parametrize("text", ["\x00" * 5000, "\u202e" * 3000 + SENTENCES[0],
                                  "\U0001F600" * 20000, ("a\u0301" * 5000) + " " + SENTENCES[2]])
def test_fuzz_pipeline_pathological_texts(nlp, text):
    read, tables = run_articles(nlp, [text])
    check_tables(read, tables)
