"""What the kinds of titles.csv mean is data (title_kinds.csv), checked on load; the order
of the state-linking strategies is configuration."""

from __future__ import annotations

import csv
import shutil

import pytest
import spacy

from pipeline.errors import DataError, UsageError
from pipeline.extractors.leaders import (
    DEFAULT_ORDER, STRATEGIES, LeadersExtractor, load_title_kinds, read_title_kinds,
)
from pipeline.extractors.leaders.kinds import FLAGS, kinds_of
from pipeline.rules import default_rules_dir

GAZ = default_rules_dir() / "gazetteers"


@pytest.fixture
def rules(tmp_path):
    """A copy of the default rule set to edit."""
    return shutil.copytree(default_rules_dir(), tmp_path / "rules")


def test_every_title_kind_is_defined() -> None:
    kinds = load_title_kinds(GAZ)
    assert kinds.role("honorific") == "HON" and kinds.role("body") == "BODY"
    assert kinds.has("minister", "state_only") and not kinds.has("ambassador", "state_only")
    assert kinds.has("ambiguous", "needs_place") and not kinds.is_office("generic")
    assert not kinds.has("", "head") and kinds.role("") == "TITLE"  # a known leader's office


def test_an_unknown_kind_in_titles_fails_naming_file_row_and_value(rules) -> None:
    path = rules / "gazetteers" / "titles.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("Grand Vizier,Grand Vizier,minster,\n")
    rows = sum(1 for _ in open(path, encoding="utf-8"))
    with pytest.raises(DataError) as err:
        load_title_kinds(rules / "gazetteers")
    message = str(err.value)
    assert f"titles.csv, row {rows}:" in message and "'minster'" in message
    assert "title_kinds.csv" in message and "minister" in message
    with pytest.raises(DataError):  # and so does building the component on that rule set
        LeadersExtractor(spacy.blank("en"), "communique_leaders", models_dir=str(rules))


@pytest.mark.parametrize("row,reason", [
    ("minister,TITLE,1,0,0,0,1,0,1,0,0,0,again", "defined twice"),
    ("vizier,KING,1,0,0,0,1,0,1,0,0,0,", "role 'KING'"),
    ("vizier,TITLE,yes,0,0,0,1,0,1,0,0,0,", "office 'yes' must be 0 or 1"),
    (",TITLE,1,0,0,0,1,0,1,0,0,0,", "empty 'kind'"),
])
def test_a_bad_title_kinds_row_fails(rules, row: str, reason: str) -> None:
    path = rules / "gazetteers" / "title_kinds.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    rows = sum(1 for _ in open(path, encoding="utf-8"))
    with pytest.raises(DataError, match=reason) as err:
        read_title_kinds(path)
    assert f"title_kinds.csv, row {rows}" in str(err.value)


def _drop_column(path, name: str) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    at = rows[0].index(name)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(row[:at] + row[at + 1:] for row in rows)


def test_a_missing_flag_column_fails(rules) -> None:
    path = rules / "gazetteers" / "title_kinds.csv"
    _drop_column(path, "state_body")
    with pytest.raises(DataError, match=r"missing columns \['state_body'\]"):
        read_title_kinds(path)


def test_the_later_flag_columns_may_be_missing(rules) -> None:
    """A rule set written before `public_body` and `state_word` still loads: those flags are
    unset."""
    path = rules / "gazetteers" / "title_kinds.csv"
    for name in ("public_body", "state_word"):
        _drop_column(path, name)
    kinds = read_title_kinds(path)
    assert kinds.has("state_body", "state_body")
    assert not kinds.has("public_body", "public_body")


def test_a_kind_flag_changes_the_rows(rules, tmp_path) -> None:
    """The flags are read, not a copy of them in the code: without `needs_place`, a Chairman
    with no state in the mention counts."""
    from pipeline.nlp import build_pipeline

    text = "Chairman Jonathan Merrow opened the meeting."
    path = rules / "gazetteers" / "title_kinds.csv"
    edited = path.read_text(encoding="utf-8").replace(
        "ambiguous,TITLE,1,0,0,1,", "ambiguous,TITLE,1,0,0,0,")
    nlp = build_pipeline(models_dir=rules)
    nlp.get_pipe("communique_leaders").stateless = True
    assert nlp(text)._.rows.get("leaders") in (None, [])
    path.write_text(edited, encoding="utf-8")
    nlp = build_pipeline(models_dir=rules)
    nlp.get_pipe("communique_leaders").stateless = True
    assert [r.name for r in nlp(text)._.rows["leaders"]] == ["Jonathan Merrow"]
    assert kinds_of(nlp.make_doc(text)).has("ambiguous", "needs_place") is False


def test_the_kinds_table_is_saved_with_the_pipeline(tmp_path) -> None:
    nlp = spacy.blank("en")
    component = LeadersExtractor(nlp, "communique_leaders")
    component.to_disk(tmp_path)
    other = spacy.blank("en")
    loaded = LeadersExtractor(other, "communique_leaders", models_dir=str(tmp_path / "gone"))
    assert loaded.kinds is None
    loaded.from_disk(tmp_path)
    assert loaded.kinds == component.kinds
    assert kinds_of(other.make_doc("x")) == component.kinds
    assert set(FLAGS) >= {f for flags in loaded.kinds.flags.values() for f in flags}


def test_an_unknown_linking_strategy_fails() -> None:
    with pytest.raises(UsageError, match="'nearby'.*office"):
        LeadersExtractor(spacy.blank("en"), "communique_leaders", linking=["office", "nearby"])
    assert set(DEFAULT_ORDER) <= set(STRATEGIES)


def test_linking_order_is_configuration(make_doc) -> None:
    """Leaving a strategy out of `linking` (the factory's config) leaves its countries out."""
    from pipeline.nlp import build_pipeline

    text = "Prime Minister Hiroto Sanada said Japan would raise its defence budget."
    rows = {r.name: r for r in make_doc(text)._.rows["leaders"]}
    assert rows["Hiroto Sanada"].rule.endswith("+remaining")
    nlp = build_pipeline()
    nlp.remove_pipe("communique_leaders")
    nlp.add_pipe("communique_leaders", after="leaders_rules",
                 config={"linking": [s for s in DEFAULT_ORDER if s != "remaining"],
                         "stateless": True})
    rows = {r.name: r for r in nlp(text)._.rows["leaders"]}
    assert rows["Hiroto Sanada"].country == ""
