"""merge_candidates: the step that turns candidates from every source into one per document.

Pure data in, pure data out (no spaCy): each case lists candidates as
(mention_start, doc_type, status, source, extra fields) and the expected survivors.
"""

from __future__ import annotations

import pytest

from pipeline.extractors.documents import Candidate, merge_candidates


def cand(at: int, doc_type: str = "agreement", status: str = "signed", source: str = "parse",
         length: int = 10, phrase: tuple[int, int] | None = None, **extra) -> Candidate:
    start, end = phrase or (at, at + length)
    return Candidate(start=start, end=end, mention_start=at, mention_end=at + length,
                     doc_type=doc_type, status=status, source=source, rule=f"{source}:x",
                     confidence=0.8, **extra)


def kept(cands: list[Candidate]) -> list[tuple[int, str]]:
    return [(c.mention_start, c.doc_type) for c in merge_candidates(cands)]


CASES = [
    # --- specific documents are all kept
    ("two distinct documents",
     [cand(0, title="trade"), cand(100, "protocol", title="customs")],
     [(0, "agreement"), (100, "protocol")]),
    ("list items never merge, even when alike",
     [cand(0, "memorandum", source="list", title="cooperation", countries=("KAZ", "TJK")),
      cand(50, "memorandum", source="list", title="cooperation", countries=("KAZ", "TJK"))],
     [(0, "memorandum"), (50, "memorandum")]),
    # --- nested mentions belong to the outer document's title
    ("a document named inside another's title",
     [cand(0, "protocol", phrase=(0, 80), title="implementation of the treaty"),
      cand(40, "treaty", phrase=(40, 50))],
     [(0, "protocol")]),
    # --- aggregates ("100 agreements", "documents were signed")
    ("count-only mention with a named document nearby",
     [cand(0, plural=True, count="100", sentence_has_country=True),
      cand(200, title="basic relations")],
     [(200, "agreement")]),
    ("count-only mention alone gives one row",
     [cand(0, plural=True, count="9", sentence_has_country=True)],
     [(0, "agreement")]),
    ("count-only mention far from the named one",
     [cand(0, plural=True, count="9", sentence_has_country=True),
      cand(9000, title="energy")],
     [(0, "agreement"), (9000, "agreement")]),
    ("aggregate of another status is not suppressed",
     [cand(0, plural=True, sentence_has_country=True),
      cand(100, "roadmap", status="in_force", named=True)],
     [(0, "agreement"), (100, "roadmap")]),
    ("aggregate without any state in its sentence or event: no row",
     [cand(0, "contract", plural=True)],
     []),
    ("aggregate of the reported event is kept",
     [cand(0, "other", plural=True, generic=True, event=True)],
     [(0, "other")]),
    ("plural with its own subject is not an aggregate",
     [cand(0, plural=True, tail_title=True, title="plant quarantine"),
      cand(100, title="energy")],
     [(0, "agreement"), (100, "agreement")]),
    ("a named plural is not an aggregate",
     [cand(0, status="in_force", plural=True, named=True, title="Minsk"),
      cand(100, status="in_force", named=True, title="Trade")],
     [(0, "agreement"), (100, "agreement")]),
    ("bare definite generic ('the document') gives no row",
     [cand(0, "other", generic=True, definite=True, event=True)],
     []),
    ("indefinite generic with a cue ('a document has been agreed') is kept",
     [cand(0, "other", generic=True, event=True)],
     [(0, "other")]),
    # --- anaphora
    ("'the agreement was signed by ...' repeats the earlier document",
     [cand(0, "memorandum", title="visa exemptions", countries=("BEN", "LKA")),
      cand(300, "agreement", definite=True, anaphor=True)],
     [(0, "memorandum")]),
    ("'the contract' after an agreement is a document of its own",
     [cand(0, "agreement", title="helicopters"), cand(300, "contract", definite=True)],
     [(0, "agreement"), (300, "contract")]),
    ("'the MoU' after a MoU repeats it",
     [cand(0, "memorandum", title="tourism"), cand(300, "memorandum", definite=True)],
     [(0, "memorandum")]),
    ("untitled mention naming the parties completes a titled one without parties",
     [cand(0, title="cooperation"), cand(300, parties=("Ukroboronprom", "Thales"))],
     [(0, "agreement")]),
    ("two untitled indefinite mentions with different parties stay two",
     [cand(0, parties=("India",)), cand(300, parties=("Japan",))],
     [(0, "agreement"), (300, "agreement")]),
    ("a definite first mention is kept",
     [cand(0, "agreement", definite=True)],
     [(0, "agreement")]),
    # --- duplicates
    ("repeated text: same type, title prefix, same states",
     [cand(0, "memorandum", title="visa exemptions", parties=("Benin",),
           countries=("BEN", "LKA")),
      cand(400, "memorandum", title="visa exemptions for diplomatic passport holders",
           parties=("Sri Lanka", "Republic of Benin"), countries=("BEN", "LKA"))],
     [(0, "memorandum")]),
    ("same title, different parties and states: two documents",
     [cand(0, "memorandum", title="cooperation", parties=("Ministry A",), countries=("FRA",)),
      cand(300, "memorandum", title="cooperation", parties=("Ministry B",), countries=("DEU",))],
     [(0, "memorandum"), (300, "memorandum")]),
    ("different titles: two documents",
     [cand(0, title="strategic partnership"), cand(100, title="basic relations")],
     [(0, "agreement"), (100, "agreement")]),
    ("different signing dates: two documents",
     [cand(0, title="trade", signed_date="2015"), cand(100, title="trade", signed_date="2020")],
     [(0, "agreement"), (100, "agreement")]),
    ("different status: two rows",
     [cand(0, title="trade"), cand(100, status="in_force", title="trade", named=True)],
     [(0, "agreement"), (100, "agreement")]),
    # --- evidence rules
    ("in force needs a name or named parties (domestic plans are not rows)",
     [cand(0, "program", status="in_force", title="modernise the army")],
     []),
    ("a named programme in force is no evidence of parties",
     [cand(0, "program", status="in_force", named=True, weak=True, title="Far Eastern Hectare")],
     []),
    ("in force with named parties",
     [cand(0, status="in_force", explicit=True, title="free trade")],
     [(0, "agreement")]),
    ("weak cue ('adopted') without any state named: no row",
     [cand(0, "program", needs_country=True)],
     []),
    ("weak cue with a state named",
     [cand(0, "declaration", needs_country=True, countries=("FRA",))],
     [(0, "declaration")]),
    ("same mention from the list and the parse: the list wins",
     [cand(0, source="parse", title="x"), cand(0, source="list", title="x")],
     [(0, "agreement")]),
]


@pytest.mark.parametrize("label,cands,expected", CASES, ids=[c[0] for c in CASES])
def test_merge(label, cands, expected):
    assert kept(cands) == expected


def test_merge_fills_fields_from_the_duplicate():
    first = cand(0, "memorandum", title="visa exemptions", countries=("BEN", "LKA"))
    second = cand(400, "memorandum", title="visa exemptions for diplomats",
                  countries=("BEN", "LKA"), parties=("Sri Lanka", "Benin"),
                  signed_date="2024-01-19", valid_from="2024", valid_to="2026")
    second.confidence = 0.95
    (merged,) = merge_candidates([first, second])
    assert merged.mention_start == 0  # evidence of the first mention
    assert merged.title == "visa exemptions for diplomats"
    assert merged.parties == ("Sri Lanka", "Benin")
    assert (merged.signed_date, merged.valid_from, merged.valid_to) == (
        "2024-01-19", "2024", "2026")
    assert merged.confidence == 0.95


def test_list_source_is_kept_over_parse_of_same_mention():
    (merged,) = merge_candidates([cand(0, source="parse"), cand(0, source="list")])
    assert merged.source == "list"


# ---------------------------------------------------------------- to_rows

TEXT = "Bolivia and Paraguay signed nine agreements. The roadmap is being implemented."


def _blank_doc():
    import spacy

    return spacy.blank("en")(TEXT)


@pytest.mark.parametrize("extra,fallback,expected", [
    # explicit states win over the article's principal ones
    ({"countries": ("BOL", "PRY")}, ["ARG", "BRA"], "BOL;PRY"),
    # one explicit state: completed from the principal ones
    ({"countries": ("PRY",)}, ["BOL", "PRY"], "BOL;PRY"),
    # none explicit: the states named in the sentence
    ({"sentence_codes": ("PRY", "BOL")}, ["ARG", "BRA"], "BOL;PRY"),
    # nothing in the sentence: the article's principal states
    ({}, ["BOL", "PRY"], "BOL;PRY"),
    # an organization counts as a party
    ({"countries": ("IMF",)}, [], "IMF"),
    # a single state in the whole article: a domestic document, no row
    ({}, ["BOL"], None),
    ({}, [], None),
])
def test_to_rows_countries(extra, fallback, expected):
    from pipeline.extractors.documents import to_rows

    rows = to_rows(_blank_doc(), [cand(21, title="x", **extra)], fallback)
    assert [r.countries for r in rows] == ([expected] if expected else [])


def test_to_rows_count_title_and_evidence():
    from pipeline.extractors.documents import to_rows

    agg = cand(33, length=10, phrase=(21, 43), plural=True, count="9",
               countries=("BOL", "PRY"))
    (row,) = to_rows(_blank_doc(), [agg], [])
    assert row.title == "9 agreements"
    assert (row.start, row.end, row.rule) == (21, 43, "parse:x")
    assert row.sentence == TEXT  # no parser: the line
    assert 0 < row.confidence <= 1


# ---------------------------------------------------------------- counted sets, known names

def copies(cands: list[Candidate]) -> list[tuple[int, int]]:
    return [(c.mention_start, c.copies) for c in merge_candidates(cands)]


@pytest.mark.parametrize("label,cands,expected", [
    ("a counted set of the event: one row per document",
     [cand(0, plural=True, count="7", event=True, sentence_has_country=True)], [(0, 7)]),
    ("minus those named separately nearby",
     [cand(0, plural=True, count="7", event=True, sentence_has_country=True),
      cand(100, title="energy"), cand(200, title="health")],
     [(0, 5), (100, 1), (200, 1)]),
    ("a named one signed on a date of its own is not one of them",
     [cand(0, plural=True, count="3", event=True, signed_date="2023-06-08",
           sentence_has_country=True),
      cand(100, title="borders", signed_date="1998-05-03")],
     [(0, 3), (100, 1)]),
    ("all of them named: no count row",
     [cand(0, plural=True, count="2", event=True, sentence_has_country=True),
      cand(100, title="energy"), cand(200, title="health")],
     [(100, 1), (200, 1)]),
    ("a running total is one row, whatever is named nearby",
     [cand(0, plural=True, count="44", running_total=True, sentence_has_country=True),
      cand(100, title="energy")],
     [(0, 1), (100, 1)]),
    ("a past signing on its own date is one row",
     [cand(0, plural=True, count="5", signed_date="2019", sentence_has_country=True)],
     [(0, 1)]),
    ("coordinated subjects of a plural",
     [cand(0, plural=True, title="cooperation in education and in sport", tail_title=True,
           parts=("cooperation in education", "cooperation in sport"))], [(0, 2)]),
])
def test_merge_copies(label, cands, expected):
    assert copies(cands) == expected


def test_two_names_of_one_known_document_merge_and_the_dated_signing_decides():
    known = ("IND", "LKA")
    (merged,) = merge_candidates([
        cand(0, status="in_force", source="named", title="Indo-Lanka Accord", named=True,
             known_parties=known),
        cand(900, status="signed", title="Indo-Sri Lanka Peace Accord", named=True,
             known_parties=known, signed_date="1987-07-29", countries=known)])
    assert (merged.status, merged.signed_date) == ("signed", "1987-07-29")


ANAPHORS = [
    ("'it' hands its signing to the mention no cue decided before it",
     [cand(0, "memorandum", "", "antecedent", title="training", countries=("EGY",)),
      cand(200, "", source="anaphor", pronoun=True, noun="it", countries=("LKA",),
           signed_date="2024-08-14")],
     [(0, "memorandum", "signed", "2024-08-14", ("EGY", "LKA"))]),
    ("'it' after a document already decided repeats it: no row of its own",
     [cand(0, "memorandum", title="training"),
      cand(200, "", source="anaphor", pronoun=True, noun="it")],
     [(0, "memorandum", "signed", "", ())]),
    ("'it' with nothing before it in reach: no row",
     [cand(0, "memorandum", "", "antecedent"),
      cand(900, "", source="anaphor", pronoun=True, noun="it")],
     []),
    ("a mention a cue ruled out stops the anaphor",
     [cand(0, "treaty", "", "antecedent", title="borders"),
      cand(100, "treaty", "", "dropped"),
      cand(200, "", source="anaphor", pronoun=True, noun="it")],
     []),
    ("'the accord signed in 1986' dates the agreement described before it",
     [cand(0, "agreement", "in_force", "named", title="exports", countries=("JPN", "USA")),
      cand(300, "agreement", definite=True, anaphor=True, noun="accord",
           signed_date="1986-07")],
     [(0, "agreement", "signed", "1986-07", ("JPN", "USA"))]),
    ("... but not a well-known document called by another noun",
     [cand(0, "agreement", "in_force", "named", title="GATT", known_parties=("GATT",),
           named=True,
           noun="agreement", countries=("GATT",)),
      cand(300, "agreement", definite=True, anaphor=True, noun="accord",
           countries=("CHL", "PER"), signed_date="1986-07")],
     [(0, "agreement", "in_force", "", ("GATT",)),
      (300, "agreement", "signed", "1986-07", ("CHL", "PER"))]),
]


@pytest.mark.parametrize("label,cands,expected", ANAPHORS, ids=[a[0] for a in ANAPHORS])
def test_merge_resolves_anaphors(label, cands, expected):
    assert [(c.mention_start, c.doc_type, c.status, c.signed_date, tuple(sorted(c.countries)))
            for c in merge_candidates(cands)] == expected
