"""Facts person -> (state, office): the file format, how linking uses them (only where the
text does not say), and learning them from a corpus."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers import leader_rows

from pipeline.errors import DataError
from pipeline.extractors.leaders.knowledge import (
    Fact, Knowledge, gold_ids, learn, main, read_facts, write_facts,
)
from pipeline.rules import default_rules_dir

FACTS = ("text,code,kind,case,source,articles\n"
         "Maren Holt,NOR,Prime Minister,,review,0\n"
         "Tomas Velk,USA,President,,corpus,7\n"
         "Kremlin,RUS,institution,,,\n")


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """The default rule set with a facts file of its own."""
    folder = shutil.copytree(default_rules_dir(), tmp_path_factory.mktemp("r") / "rules")
    (folder / "gazetteers" / "known_people.csv").write_text(FACTS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def rows(rules):
    from pipeline.nlp import build_pipeline

    nlp = build_pipeline(models_dir=rules)

    def _run(text: str, where: tuple[str, str] = ("", "")) -> dict[str, tuple[str, str]]:
        return {r.name: (r.country, r.rule) for r in leader_rows(nlp, text, where)}

    return _run


def test_read_facts_and_index(tmp_path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(FACTS, encoding="utf-8")
    facts = read_facts(path)
    assert facts == [Fact("Maren Holt", "NOR", "Prime Minister", "review", 0),
                     Fact("Tomas Velk", "USA", "President", "corpus", 7)]  # no institution
    knowledge = Knowledge(facts)
    assert knowledge.states("maren  HOLT") == {"NOR"}
    assert knowledge.states("Holt") == set()  # a surname alone is no full name
    assert knowledge.surnames("USA", "President") == {"velk"}


def test_provenance_columns_are_optional(tmp_path) -> None:
    path = tmp_path / "leaders.csv"
    path.write_text("text,code,kind\nAda Lind,SWE,Foreign Minister\n", encoding="utf-8")
    assert read_facts(path) == [Fact("Ada Lind", "SWE", "Foreign Minister", "leaders", 0)]


def test_bad_count_fails_with_file_row_and_value(tmp_path) -> None:
    path = tmp_path / "known_people.csv"
    path.write_text(FACTS + "Ada Lind,SWE,Foreign Minister,,corpus,many\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"known_people.csv, row 5: bad fact: articles 'many'"):
        read_facts(path)


def test_a_fact_gives_the_state_the_text_does_not(rows) -> None:
    assert rows("Prime Minister Maren Holt spoke to reporters.")["Maren Holt"] == (
        "NOR", "title_name+known")


def test_the_text_wins_over_a_fact(rows) -> None:
    assert rows("Prime Minister of Sweden Maren Holt spoke.")["Maren Holt"][0] == "SWE"


def test_a_fact_keeps_a_guess_from_giving_another_state(rows) -> None:
    """A well-known leader keeps his state in an article about (or published by) another."""
    text = "President Tomas Velk had a telephone conversation with the Emir of Qatar."
    assert rows(text, ("en.kremlin.ru", ""))["Tomas Velk"] == ("USA", "title_name+known")


def _row(name: str, country: str, rule: str = "title_of_place_name",
         title: str = "President") -> dict:
    return {"name": name, "country": country, "rule": rule, "title": title}


def test_learn_counts_articles_that_title_a_person_with_a_state() -> None:
    rows = [("a1", _row("Sauli Niinisto", "FIN")), ("a1", _row("Sauli Niinisto", "FIN")),
            ("a2", _row("Sauli Niinisto", "FIN")),
            ("a3", _row("Sauli Niinisto", "FIN", rule="title_name+remaining")),  # a guess
            ("a1", _row("Niinisto", "FIN")), ("a2", _row("Niinisto", "FIN")),  # surname only
            ("a1", _row("Ana Lopes", "PRT")),  # one article
            ("a1", _row("Ivo Kral", "CZE")), ("a2", _row("Ivo Kral", "CZE")),
            ("a3", _row("Ivo Kral", "SVK")), ("a4", _row("Ivo Kral", "SVK"))]  # no majority
    assert learn(rows, min_articles=2, share=0.8) == [
        Fact("Sauli Niinisto", "FIN", "President", "corpus", 2)]
    assert Fact("Ana Lopes", "PRT", "President", "corpus", 1) in learn(rows, min_articles=1)


def test_gold_ids_reads_only_ids(tmp_path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.gold.jsonl").write_text('{"id": "a1", "leaders": []}\n{"id": "a2"}\n')
    assert gold_ids([gold]) == {"a1", "a2"}


def test_build_from_a_corpus(tmp_path, capsys) -> None:
    articles = tmp_path / "news.jsonl"
    text = "President of Finland Sauli Ninisto met the press."
    with open(articles, "w", encoding="utf-8") as fh:
        for n in range(3):
            fh.write(json.dumps({"id": f"n{n}", "text": text}) + "\n")
    gold = tmp_path / "held.gold.jsonl"
    gold.write_text('{"id": "n0"}\n', encoding="utf-8")
    out = tmp_path / "known_people.csv"
    main(["build", str(articles), "--out", str(out), "--exclude", str(gold)])
    assert read_facts(out) == [Fact("Sauli Ninisto", "FIN", "President", "corpus", 2)]
    assert "1 gold article(s) left out" in capsys.readouterr().err
    write_facts(read_facts(out), tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_text() == out.read_text()


def test_articles_without_an_office_are_skipped_unparsed() -> None:
    from pipeline.extractors.leaders.knowledge import office_words

    office = office_words(default_rules_dir() / "gazetteers")
    assert office.search("Talks with President of Finland Sauli Ninisto")
    assert office.search("Finance Minister Anton Siluanov said")
    assert not office.search("The company's director said sales rose; the chairman agreed.")


def test_a_known_prime_minister_leaves_his_state_to_his_king(rows) -> None:
    text = ("PRESIDENT BIDEN: Welcome. The United States grieves with Norway for King Olav "
            "Vestby.\n\nPRIME MINISTER HOLT: Thank you. Norway is grateful. The people of "
            "Norway thank you.")
    found = rows(text)
    assert found["Holt"] == ("NOR", "title_name+known")
    assert found["Olav Vestby"] == ("NOR", "title_name+remaining")
