"""Plain helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import settings

from pipeline.records import TABLES

FUZZ_LONG_FACTOR = 20  # `--hypothesis-profile=long` runs this many times the CI examples


def examples(n: int) -> int:
    """A fuzz test's example count: `n` in CI, FUZZ_LONG_FACTOR times more with the "long"
    profile (read when the test module is imported, after the profile is chosen)."""
    return n * FUZZ_LONG_FACTOR if settings.get_current_profile_name() == "long" else n


def read_tables(out: Path) -> dict[str, list[list[str]]]:
    """Every CSV table of an output folder, header included, as lists of cells."""
    result = {}
    for table in TABLES:
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
            result[table] = list(csv.reader(fh))
    return result
