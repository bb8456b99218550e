"""The documents and trade extractors read the states and organizations of the rule set they
were built with (an edited or retrained one), not the packaged tables: an organization a user
or `communique retrain` adds to organizations.csv is an organization for them too."""

from __future__ import annotations

import shutil

import pytest
import spacy

from pipeline.nlp import build_pipeline
from pipeline.normalizers.countries import (country_code, is_organization, is_state,
                                            own_tables, tables_in_use)
from pipeline.rules import default_rules_dir

TEXTS = [
    ("The Union of Foo States adopted its Charter on Cooperation at the summit in Dushanbe "
     "on May 20, 2021.", [("charter", "UFS")]),
    ("Leaders of the Union of Foo States signed the Dushanbe Declaration on May 20, 2021.",
     [("declaration", "UFS")]),
]


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder = shutil.copytree(default_rules_dir(), tmp_path_factory.mktemp("r") / "rules")
    orgs = folder / "gazetteers" / "organizations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8") + "Union of Foo States,UFS,org\n"
                    "UFS,UFS,org\n", encoding="utf-8")
    states = folder / "gazetteers" / "countries.csv"
    states.write_text(states.read_text(encoding="utf-8") + "Freedonia,FRD,name\n",
                      encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def edited(rules):
    return build_pipeline("auto", models_dir=rules)


def rows(nlp, text):
    return [(r.doc_type, r.countries) for r in nlp(text)._.rows["documents"]]


def test_lookups_follow_the_tables_in_use(rules):
    assert (country_code("Freedonia"), is_state("FRD"), is_organization("UFS")) == \
        ("", False, False)
    with tables_in_use(own_tables(rules / "gazetteers")):
        assert (country_code("Freedonia"), is_state("FRD"), is_organization("UFS")) == \
            ("FRD", True, True)
        assert country_code("Freedonia", models_dir=default_rules_dir()) == ""  # explicit wins
    assert country_code("Freedonia") == ""  # the block's setting does not leak


@pytest.mark.parametrize("text,expected", TEXTS)
def test_an_added_organization_has_its_documents(edited, text, expected):
    assert rows(edited, text) == expected


@pytest.mark.parametrize("text,expected", TEXTS)
def test_the_default_rules_know_no_such_organization(nlp, text, expected):
    assert rows(nlp, text) == []


def test_a_saved_pipeline_keeps_the_tables(rules, tmp_path):
    copy = shutil.copytree(rules, tmp_path / "rules")
    build_pipeline("auto", models_dir=copy).to_disk(tmp_path / "saved")
    for name in ("communique_documents", "communique_trade"):
        assert (tmp_path / "saved" / name / "organizations.csv").read_bytes() == \
            (rules / "gazetteers" / "organizations.csv").read_bytes()
    shutil.rmtree(copy)  # the saved pipeline needs its own copies only
    loaded = spacy.load(tmp_path / "saved")
    assert rows(loaded, TEXTS[0][0]) == TEXTS[0][1]


def test_tables_edited_between_two_runs_are_read_again(rules, tmp_path):
    folder = shutil.copytree(rules, tmp_path / "rules") / "gazetteers"
    with tables_in_use(own_tables(folder)):  # as a component built now reads them
        assert not is_organization("CBS")
    orgs = folder / "organizations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8") + "Council of Bar States,CBS,org\n",
                    encoding="utf-8")
    with tables_in_use(own_tables(folder)):  # as a component built now reads them
        assert is_organization("CBS") and country_code("Council of Bar States") == "CBS"
