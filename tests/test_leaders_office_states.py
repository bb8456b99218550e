"""Offices of one state's institutions name their state (titles.csv `state`, the
`office_state` linking strategy); appointments ("appointed X as the Secretary to ..."); a
surname keeps its written form when a fact spells it with a particle."""

from __future__ import annotations

import shutil

import pytest
import spacy

from pipeline.errors import DataError
from pipeline.extractors.leaders import LeadersExtractor
from pipeline.extractors.leaders.knowledge import Fact, Knowledge
from pipeline.extractors.leaders.office_states import load_office_states
from pipeline.rules import default_rules_dir

GAZ = default_rules_dir() / "gazetteers"


@pytest.fixture(scope="module")
def rows(nlp):
    def _run(text: str, source: str = "Wire service") -> dict[str, tuple[str, str, str]]:
        doc = nlp.make_doc(text)
        doc._.source, doc._.url = source, ""
        doc = nlp(doc)
        return {r.name: (r.title, r.country, r.rule) for r in doc._.rows["leaders"]}

    return _run


@pytest.mark.parametrize("text,name,title,country", [
    ("Sen. Dale Rimmer, a Nebraska Republican, said the bill would pass.",
     "Dale Rimmer", "Senator", "USA"),
    ("The bill of Rep. Ann Calloway, R-Ohio, calls for a marketing loan.",
     "Ann Calloway", "Representative", "USA"),
    ("Tokyo's envoy met House leaders, including Congressman Bert Hollis, a Texas Democrat.",
     "Bert Hollis", "Member of Congress", "USA"),
    ("House Speaker Walt Brennan dismissed the charges.", "Walt Brennan", "House Speaker", "USA"),
    ("Senate Republican leader Carl Denton said the vote would be close.",
     "Carl Denton", "Senate Republican Leader", "USA"),
    ("The letter was signed by Democratic leader Roy Mabry of Kentucky.",
     "Roy Mabry", "Democratic Leader", "USA"),
    ("He thanked European Commissioner for Energy Maria Lindholm and her staff.",
     "Maria Lindholm", "European Commissioner for Energy", "EU"),
])
def test_an_office_of_one_state_names_it(rows, text, name, title, country) -> None:
    found = rows(text)
    assert found[name][:2] == (title, country)
    assert found[name][2].endswith("+office_state")


def test_a_state_written_with_the_office_wins(rows) -> None:
    assert rows("Brazilian Senator Jorge Amaral said the talks had failed.")[
        "Jorge Amaral"][1] == "BRA"


def test_a_japanese_prime_minister_does_not_make_a_congressman_japanese(rows) -> None:
    found = rows("Japanese Prime Minister Kenji Abe met U.S. lawmakers. He also met "
                 "Congressman Bert Hollis, a Texas Democrat.")
    assert found["Kenji Abe"][1] == "JPN" and found["Bert Hollis"][1] == "USA"


def test_office_states_are_read_from_titles_csv() -> None:
    states = load_office_states(GAZ / "titles.csv")
    assert states["sen."] == "USA" and states["european commissioner"] == "EU"
    assert "minister" not in states  # most offices leave the state to the text


def test_a_bad_state_code_fails_naming_file_and_row(tmp_path) -> None:
    rules = shutil.copytree(default_rules_dir(), tmp_path / "rules")
    path = rules / "gazetteers" / "titles.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("Grand Vizier,Grand Vizier,minister,lower,Ottoman\n")
    rows_n = sum(1 for _ in open(path, encoding="utf-8"))
    with pytest.raises(DataError) as err:
        LeadersExtractor(spacy.blank("en"), "communique_leaders", models_dir=str(rules))
    assert f"titles.csv, row {rows_n}" in str(err.value) and "'Ottoman'" in str(err.value)


@pytest.mark.parametrize("text,name,title", [
    ("President Mark Olsen appointed Dr. Nalin Perera as the new Secretary to the Ministry of "
     "Health.", "Nalin Perera", "Secretary to the Ministry of Health"),
    ("The President appointed Ms. K.D.R. Silva as the Secretary to the Ministry of Justice.",
     "K.D.R. Silva", "Secretary to the Ministry of Justice"),
])
def test_an_appointment_names_the_office(rows, text, name, title) -> None:
    found = rows(text, source="pmd.gov.lk")
    assert found[name][:2] == (title, "LKA")
    assert found[name][2].startswith("appointed_name_as_title")


def test_a_company_appointment_is_no_leader(rows) -> None:
    assert "Jon Smythe" not in rows("The board appointed Jon Smythe as the new Chairman and "
                                    "Chief Executive of Acme Holdings.")


@pytest.mark.parametrize("written,expected", [
    ("Omar Fathi Al Rashid", "Omar Fathi Al Rashid"),  # the surname as the text writes it
    ("Omar Fathi al-Rashid", "Omar Fathi al-Rashid"),
    ("Kassym Jomart-Tokayev", "Kassym-Jomart Tokayev"),  # given names joined as the fact does
])
def test_spelling_keeps_the_written_surname(written, expected) -> None:
    facts = Knowledge([Fact("Omar Fathi al-Rashid", "EGY", "President", "leaders"),
                       Fact("Kassym-Jomart Tokayev", "KAZ", "President", "leaders")])
    assert facts.spelling(written) == expected


def test_a_party_and_state_tag_is_no_name(rows) -> None:
    found = rows("The charges, made jointly by Sens. John Miller, D-Wis., and Robert Hayes, "
                 "R-Iowa, were based on a report.")
    assert {"John Miller", "Robert Hayes"} <= set(found)
    assert not any(name.startswith(("D-", "R-")) for name in found)
