"""Gated rulers (models/patterns/gates.csv): matching only where a gazetteer label is, with the
same matches there, and the same rows as ungated rulers on whole articles."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy
from spacy.tokens import Span

from pipeline.errors import DataError, UsageError
from pipeline.extractors.base import rows_of
from pipeline.nlp import GATES_FILE, build_pipeline, read_gates
from pipeline.rules import default_rules_dir, fingerprint as rules_fingerprint

MODELS_DIR = default_rules_dir()

TEXT = ("The weather was fine. Talks were held in the capital. The President met the press. "
        "He spoke of trade. Trade grew. The President left.")


@pytest.fixture
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def ruler(nlp, scope="sentence", context=0, labels=("TITLES",), phrases=False):
    ruler = nlp.add_pipe("communique_ruler", name="test_rules",
                         config={"spans_key": "test_rules", "gate_labels": list(labels),
                                 "gate_scope": scope, "gate_context": context})
    ruler.add_patterns([{"label": "X", "id": "the", "pattern": [{"LOWER": "the"}]},
                        {"label": "X", "id": "trade", "pattern": [{"LOWER": "trade"}]}])
    if phrases:
        ruler.add_patterns([{"label": "P", "id": "talks", "pattern": "Talks were"}])
    return ruler


def gated_doc(nlp, titles=("President",)):
    """TEXT with a "gazetteer" span group holding TITLES spans on the given words."""
    doc = nlp(TEXT)
    doc.spans["gazetteer"] = [Span(doc, t.i, t.i + 1, label="TITLES")
                              for t in doc if t.text in titles]
    return doc


def sentence_numbers(doc, spans):
    starts = [s.start for s in doc.sents]
    return sorted({max(n for n, st in enumerate(starts) if st <= s.start) for s in spans})


@pytest.mark.parametrize("scope, context, titles, sentences", [
    ("sentence", 0, ("President",), [2, 5]),  # "The President met ..." and "The President left."
    ("sentence", 1, ("President",), [1, 2, 3, 4, 5]),
    ("sentence", 0, (), []),  # no gate span: nothing is matched
    ("doc", 0, ("President",), [0, 1, 2, 3, 4, 5]),
    ("doc", 0, (), []),
])
def test_nlp_gates_match_only_in_gated_sentences(blank, scope, context, titles, sentences):
    r = ruler(blank, scope, context)
    doc = gated_doc(blank, titles)
    found = r.match(doc)
    assert sentence_numbers(doc, found) == sentences


def test_nlp_gates_keep_the_matches_and_their_offsets(blank):
    r = ruler(blank, "sentence", 1)
    doc = gated_doc(blank)
    gated = [(s.start, s.end, s.text, s.id_) for s in r.match(doc)]
    r.gate_labels = frozenset()  # ungated: every match in the doc
    everything = [(s.start, s.end, s.text, s.id_) for s in r.match(doc)]
    kept = [(s.start, s.end) for s in doc.sents][1:]
    assert gated == [m for m in everything if any(a <= m[0] and m[1] <= b for a, b in kept)]
    assert ("trade", "trade") in {(text.lower(), rule) for _, _, text, rule in gated}


def test_nlp_gates_filter_phrase_patterns_too(blank):
    r = ruler(blank, "sentence", 0, phrases=True)
    doc = gated_doc(blank)
    assert not [s for s in r.match(doc) if s.label_ == "P"]  # "Talks were": ungated sentence
    doc.spans["gazetteer"] = list(doc.spans["gazetteer"]) + [
        Span(doc, 5, 6, label="TITLES")]  # a gate in the second sentence
    assert [(s.text, s.start) for s in r.match(doc) if s.label_ == "P"] == [("Talks were", 5)]


def test_nlp_gates_without_sentences_match_the_whole_doc():
    nlp = spacy.blank("en")
    r = ruler(nlp, "sentence", 0)
    doc = gated_doc(nlp)
    assert r.segments(doc) == [(0, len(doc))]


def test_nlp_gates_bad_scope_is_a_usage_error(blank):
    with pytest.raises(UsageError, match="gate_scope 'paragraph'"):
        ruler(blank, "paragraph")


def test_nlp_gates_file_of_the_project():
    gates = read_gates(MODELS_DIR)
    assert gates["leaders"] == {"gate_scope": "sentence", "gate_labels": ["TITLES"],
                                "gate_context": 0}
    assert gates["documents"]["gate_labels"] == ["DOC_TYPES", "KNOWN_DOCUMENTS"]


def copy_models(tmp_path, gates: str | None):
    shutil.copytree(MODELS_DIR, tmp_path, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("trained", "__pycache__"))
    path = tmp_path / "patterns" / GATES_FILE
    if gates is None:
        path.unlink()
    else:
        path.write_text(gates, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("row, reason", [
    ("nosuch,sentence,TITLES,0", "no pattern file 'nosuch'.jsonl"),
    ("leaders,paragraph,TITLES,0", "scope 'paragraph' is not one of"),
    ("leaders,sentence,TITLE,0", "labels ['TITLE'] must name gazetteer files"),
    ("leaders,sentence,,0", "labels [] must name gazetteer files"),
    ("leaders,sentence,TITLES,one", "context 'one' must be a number"),
])
def test_nlp_gates_bad_row_names_file_row_and_value(tmp_path, row, reason):
    models = copy_models(tmp_path, f"patterns,scope,labels,context\n{row}\n")
    with pytest.raises(DataError, match=r"gates\.csv, row 2: bad gate: ") as err:
        read_gates(models)
    assert reason in str(err.value)


def test_nlp_gates_change_the_rules_version(tmp_path):
    models = copy_models(tmp_path, (MODELS_DIR / "patterns" / GATES_FILE).read_text())
    assert rules_fingerprint(models) == rules_fingerprint(MODELS_DIR)
    copy_models(tmp_path, "patterns,scope,labels\nleaders,doc,TITLES\n")
    assert rules_fingerprint(models) != rules_fingerprint(MODELS_DIR)


def test_nlp_gates_give_the_same_rows_as_ungated_rulers(nlp, tmp_path, seed_text):
    """Seed, the samples and the synthetic dev articles: the gates only save time."""
    texts = [seed_text]
    for path in ("corpus/samples.jsonl", "corpus/gold/dev_articles.jsonl"):
        with open(MODELS_DIR.parent / path, encoding="utf-8") as fh:
            texts += [(r["text"], r.get("date")) for r in map(json.loads, fh)]
    ungated = build_pipeline(models_dir=copy_models(tmp_path, None))
    assert "gate_labels" not in ungated.get_pipe_config("leaders_rules") or \
        not ungated.get_pipe_config("leaders_rules")["gate_labels"]
    assert nlp.get_pipe_config("leaders_rules")["gate_labels"] == ["TITLES"]

    def rows(pipeline, item):
        text, dct = item if isinstance(item, tuple) else (item, None)
        doc = pipeline.make_doc(text)
        doc._.dct, doc._.dct_source = (dct, "metadata") if dct else (None, "")
        return rows_of(pipeline(doc))

    for item in texts:
        assert rows(nlp, item) == rows(ungated, item)


def test_nlp_gates_survive_save_and_load(nlp, tmp_path):
    nlp.to_disk(tmp_path / "saved")
    loaded = spacy.load(tmp_path / "saved")
    for name in ("leaders_rules", "documents_rules"):
        assert loaded.get_pipe(name).gate_labels == nlp.get_pipe(name).gate_labels
        assert loaded.get_pipe(name).gate_context == nlp.get_pipe(name).gate_context
