"""The documents component's settings and the checks of its rule files: a typo fails on load
with a coded message instead of silently changing the rows."""

from __future__ import annotations

import shutil

import pytest
import spacy

import pipeline.extractors.documents  # noqa: F401 - registers the factory
from pipeline.errors import DataError, UsageError
from pipeline.extractors.documents import DocumentsConfig
from pipeline.extractors.documents.config import CUE_LABELS, check_rules
from pipeline.rules import default_rules_dir


def test_config_defaults_round_trip_through_the_factory():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("communique_documents",
                             config={"windows": {"merge_chars": 3000},
                                     "confidences": {"named": 0.4}})
    assert component.config.windows.merge_chars == 3000
    assert component.config.confidences.named == 0.4
    assert component.config.windows.phrase_tokens == DocumentsConfig().windows.phrase_tokens
    assert nlp.config["components"]["communique_documents"]["windows"]["merge_chars"] == 3000


@pytest.mark.parametrize("section,key,value", [
    ("windows", "merge_char", 3000),  # a typo
    ("windows", "merge_chars", 2.5),  # a window counts characters or tokens
    ("confidences", "named", "high"),
    ("confidences", "named", True),
])
def test_config_rejects_unknown_or_bad_settings(section, key, value):
    nlp = spacy.blank("en")
    with pytest.raises(UsageError, match=rf"setting {section}\.{key} = {value!r}"):
        nlp.add_pipe("communique_documents", config={section: {key: value}})


@pytest.fixture
def rules(tmp_path):
    return shutil.copytree(default_rules_dir(), tmp_path / "rules")


def test_default_rules_pass_the_checks():
    check_rules(default_rules_dir())


def test_unknown_document_kind_fails_on_load(rules):
    path = rules / "gazetteers" / "doc_types.csv"
    path.write_text(path.read_text(encoding="utf-8") + "pactum,agreement,singlar\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match=r"doc_types\.csv, row \d+: bad gazetteer row: kind "
                                        r"'singlar' is not one of"):
        check_rules(rules)


def test_unknown_flag_fails_on_load(rules):
    path = rules / "gazetteers" / "doc_types.csv"
    path.write_text(path.read_text(encoding="utf-8") + "pactum,agreement,singular+weke\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match="'singular\\+weke'"):
        check_rules(rules)


@pytest.mark.parametrize("kind", ["agreement+since2015", "agreement+from15", "agreement+own+until"])
def test_bad_known_document_flag_fails_on_load(rules, kind):
    path = rules / "gazetteers" / "known_documents.csv"
    path.write_text(path.read_text(encoding="utf-8") + f"Tokyo Accord,JPN;USA,{kind},\n",
                    encoding="utf-8")
    with pytest.raises(DataError, match=rf"known_documents\.csv, row \d+: bad gazetteer row: "
                                        rf"kind '{kind.replace('+', '[+]')}' must be"):
        check_rules(rules)


def test_unknown_cue_label_fails_on_load(rules):
    path = rules / "patterns" / "documents.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append('{"label": "SINGED", "pattern": [{"LOWER": "inked"}], "id": "typo"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"documents\.jsonl, line {len(lines)}: bad pattern: "
                                        r"label 'SINGED' is not one of"):
        check_rules(rules)


def test_every_known_label_is_used_by_the_default_rules():
    text = (default_rules_dir() / "patterns" / "documents.jsonl").read_text(encoding="utf-8")
    assert [label for label in CUE_LABELS if f'"label": "{label}"' not in text] == []
