"""The seed article's documents table: exactly its 10 documents (issue 5)."""

from __future__ import annotations

import pytest

from pipeline.extractors.base import rows_of

TJK_KAZ = "KAZ;TJK"
EVENT = "2021-05-20"  # the talks the signing followed ("On Thursday May 20, ...")

# doc_type, title, countries, status, signed_date, valid_from, valid_to
EXPECTED = [
    ("joint_statement", "", TJK_KAZ, "signed", EVENT, "", ""),
    ("agreement", "cooperation in combating tuberculosis", TJK_KAZ, "signed", EVENT, "", ""),
    ("program", "Cooperation", TJK_KAZ, "signed", EVENT, "2021", "2023"),
    ("memorandum", "cultural cooperation", TJK_KAZ, "signed", EVENT, "", ""),
    ("memorandum", "cooperation", TJK_KAZ, "signed", EVENT, "", ""),
    ("memorandum", "cooperation", TJK_KAZ, "signed", EVENT, "", ""),
    ("memorandum", "cooperation on joint implementation of the commodity-producing system "
                   "creation projects", TJK_KAZ, "signed", EVENT, "", ""),
    ("agreement", "basic relations", TJK_KAZ, "signed", "1993-01", "", ""),
    ("agreement", "strategic partnership", TJK_KAZ, "signed", "2015-09-14", "", ""),
    ("roadmap", "Trade Facilitation", TJK_KAZ, "in_force", "", "2019", "2022"),
]

PARTIES = [
    "",
    "Health Ministry of Tajikistan; Health Ministry of Kazakhstan",
    "Foreign Ministry of Tajikistan; Foreign Ministry of Kazakhstan",
    "Tajikistan; Kazakhstan",
    "Ministry of Industry and New Technologies of Tajikistan; "
    "Ministry of Industry and Infrastructure Development of Kazakhstan",
    "Communications Service under the Government of Tajikistan; "
    "Ministry of Digital Development, Innovation and Aerospace Industry of Kazakhstan",
    "Ministry of Industry and New Technologies of Tajikistan; "
    "Ministry of Trade and Integration of Kazakhstan",
    "", "", "",
]


@pytest.fixture(scope="module")
def seed_rows(seed_doc):
    return rows_of(seed_doc)["documents"]


def test_seed_has_exactly_the_ten_documents(seed_rows):
    got = [(r["doc_type"], r["title"], r["countries"], r["status"], r["signed_date"],
            r["valid_from"], r["valid_to"]) for r in seed_rows]
    assert got == EXPECTED


def test_seed_parties_as_written(seed_rows):
    assert [r["parties"] for r in seed_rows] == PARTIES


def test_seed_evidence(seed_rows, seed_text):
    for row in seed_rows:
        assert 0 <= row["start"] < row["end"] <= len(seed_text)
        assert row["sentence"] and row["rule"] and 0 < row["confidence"] <= 1
    listed = [r for r in seed_rows if r["rule"].startswith("list:")]
    assert len(listed) == 7
    assert seed_text[listed[1]["start"]:listed[1]["end"]].startswith(
        "agreement between the Health Ministries of Tajikistan and Kazakhstan")


def test_seed_negatives(seed_rows, seed_text):
    """No row for the consensus ("reached an agreement to launch joint ventures") nor for the
    count "100 ... agreements" (the documents named after it are the rows)."""
    texts = [seed_text[r["start"]:r["end"]] for r in seed_rows]
    assert not any("joint ventures" in t or "100" in t for t in texts)
