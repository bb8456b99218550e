"""Plain helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.records import TABLES


def read_tables(out: Path) -> dict[str, list[list[str]]]:
    """Every CSV table of an output folder, header included, as lists of cells."""
    result = {}
    for table in TABLES:
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
            result[table] = list(csv.reader(fh))
    return result


def leader_rows(nlp, text: str, where: tuple[str, str] = ("", "")) -> list:
    """The leaders rows `nlp` gives a text published with (source, url) `where`."""
    doc = nlp.make_doc(text)
    doc._.source, doc._.url = where
    return nlp(doc)._.rows["leaders"]
