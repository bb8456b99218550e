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


# ---------------------------------------------------------------- review app folders

SUMMIT = ("On May 20, 2021 President Kassym-Jomart Tokayev of Kazakhstan met President "
          "Emomali Rahmon of Tajikistan in Dushanbe. They signed an agreement on water "
          "management. Trade between the two countries reached 1 billion US dollars in 2020.\n\n"
          "Rahmon and Tokayev also discussed regional security.")
HOSTILE = ('Breaking <script>document.title="pwned"; alert(1)</script> news: '
           '<img src=x onerror="document.title=\'pwned\'"> President Joe Biden met '
           '<a href="javascript:alert(2)">click here</a> in Washington.')


def summit_rows(article_id: str = "summit", text: str = SUMMIT) -> dict[str, list[dict]]:
    """The rows of SUMMIT (offsets found in the text), as the extractors would give them."""
    from pipeline.review.fixtures import make_row

    def at(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    return {
        "leaders": [
            make_row("leaders", article_id, text, *at("Kassym-Jomart Tokayev"),
                     rule="title_name_of_place", confidence=0.99, name="Kassym-Jomart Tokayev",
                     title="President", country="KAZ"),
            make_row("leaders", article_id, text, *at("Emomali Rahmon"),
                     rule="title_name_of_place", confidence=0.6, name="Emomali Rahmon",
                     title="President", country="TJK")],
        "dates": [
            make_row("dates", article_id, text, *at("May 20, 2021"), rule="month_day_year",
                     confidence=0.95, text="May 20, 2021", value="2021-05-20",
                     granularity="day", anchor="absolute"),
            make_row("dates", article_id, text, *at("2020"), rule="year", confidence=0.7,
                     text="2020", value="2020", granularity="year", anchor="absolute")],
        "documents": [
            make_row("documents", article_id, text, *at("an agreement on water management"),
                     rule="parse:sign", confidence=0.9, doc_type="agreement",
                     title="water management", countries="KAZ;TJK",
                     signed_date="2021-05-20")],
        "trade": [
            make_row("trade", article_id, text, *at("1 billion US dollars"),
                     rule="trade_rules:number+cue:trade", confidence=0.9,
                     text="1 billion US dollars", amount=1e9, currency="USD", period="2020",
                     countries="KAZ;TJK", measure="trade")],
    }


def review_items() -> list:
    """A small output folder's content: the summit, a hostile article, a failed record."""
    from pipeline.records import STATUS_FAILED
    from pipeline.review.fixtures import make_article, make_row

    img = HOSTILE.index("<img")
    hostile_rows = {"leaders": [make_row(
        "leaders", "hostile", HOSTILE, img, HOSTILE.index(">", img) + 1, rule="<b>rule</b>",
        confidence=0.5, name='<img src=x onerror="document.title=\'pwned\'">',
        title="<script>alert(3)</script>", country="USA")]}
    return [
        (make_article("summit", SUMMIT, title="Tokayev meets Rahmon", published="2021-05-20",
                      published_source="metadata", source="test wire", rules="default@0123abcd"),
         summit_rows()),
        (make_article("hostile", HOSTILE, title="<script>alert(4)</script> headline",
                      url="javascript:alert(5)", source="<b>bold</b>"), hostile_rows),
        (make_article("broken", "", status=STATUS_FAILED, error="in.jsonl:3: missing 'text' "
                      "field"), {}),
    ]
def leader_rows(nlp, text: str, where: tuple[str, str] = ("", "")) -> list:
    """The leaders rows `nlp` gives a text published with (source, url) `where`."""
    doc = nlp.make_doc(text)
    doc._.source, doc._.url = where
    return nlp(doc)._.rows["leaders"]


def leader_triples(nlp, text: str) -> list[tuple[str, str, str]]:
    """(name, title, country) of the leaders rows `nlp` gives a text, sorted."""
    return sorted((r.name, r.title, r.country) for r in leader_rows(nlp, text))


def table_rows(nlp, text: str, table: str, dct: str, source: str = "") -> list:
    """The `table` rows `nlp` gives a text published on `dct` (YYYY-MM-DD) by `source`."""
    doc = nlp.make_doc(text)
    doc._.dct = dct
    doc._.dct_source = "metadata"
    doc._.source = source
    return nlp(doc)._.rows[table]


def leader_states(nlp, text: str, where: tuple[str, str] = ("", "")) -> list[tuple[str, str]]:
    """(name, country) of the leaders rows `nlp` gives a text published with `where`, sorted."""
    return sorted((r.name, r.country) for r in leader_rows(nlp, text, where))


def document_facts(nlp, text: str, dct: str,
                   source: str = "") -> list[tuple[str, str, str, str]]:
    """(type, status, countries, signing date) of the documents rows of a text, in order."""
    return [(r.doc_type, r.status, r.countries, r.signed_date)
            for r in table_rows(nlp, text, "documents", dct, source)]


def document_triples(nlp, text: str, dct: str, source: str = "") -> list[tuple[str, str, str]]:
    """(type, countries, status) of the documents rows of a text, sorted."""
    return sorted((kind, countries, status)
                  for kind, status, countries, _ in document_facts(nlp, text, dct, source))
