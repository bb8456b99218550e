"""Triage (pipeline/triage.py): the model only on the sentences that can hold a row, with the
same rows as without it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from pipeline.errors import DataError
from pipeline.extractors.base import rows_of
from pipeline.nlp import build_pipeline
from pipeline.rules import default_rules_dir
from pipeline.run import RunConfig, extract, run_version
from pipeline.triage import (TRIAGE_FILE, Selector, read_triggers, relax, sentence_starts,
                             triage_counts, unused_components)

MODELS_DIR = default_rules_dir()
ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def nlp_triage():
    return build_pipeline(triage=True)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


# ---------------------------------------------------------------- first stage

@pytest.mark.parametrize("text, sentences", [
    ("Talks were held. The sides agreed.", ["Talks were held.", "The sides agreed."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ('Talks ended. "We agree," he said.', ["Talks ended.", '"We agree," he said.']),
    # an abbreviation or an unknown word before the period: no break before a lower-case word
    ("A credit line of Rs. 5 billion and e.g. the grant.",
     ["A credit line of Rs. 5 billion and e.g. the grant."]),
    ("Heading without a period\n\nBody text here now.",
     ["Heading without a period\n\n", "Body text here now."]),
    # one or two words go with the sentence before, as the parser joins them
    ("It closed at 74. REUTER", ["It closed at 74. REUTER"]),
    # punctuation alone goes with the sentence after
    ("We met today. <…> Vladimir Putin: Thank you all.",
     ["We met today.", "<…> Vladimir Putin: Thank you all."]),
    ("", []),
])
def test_sentence_starts(blank, text, sentences):
    doc = blank.make_doc(text)
    starts = sentence_starts(doc)
    assert [doc[a:b].text for a, b in zip(starts, starts[1:] + [len(doc)])] == sentences


@pytest.mark.parametrize("pattern, relaxed", [
    ([{"LOWER": "sign", "POS": "VERB"}], [{"LOWER": "sign"}]),
    ([{"LEMMA": "sign"}, {"TAG": "DT", "OP": "?"}], [{}, {"OP": "?"}]),
    ([{"POS": "VERB", "OP": "!"}], [{}]),  # "not a verb": any token once the POS is gone
    ([{"LOWER": "not", "OP": "!"}], [{"LOWER": "not", "OP": "!"}]),
    ([{"_": {"ldr_role": "TITLE"}}, {"ENT_TYPE": "PERSON", "OP": "+"}],
     [{"_": {"ldr_role": "TITLE"}}, {"OP": "+"}]),
])
def test_relax_removes_model_attributes(pattern, relaxed):
    assert relax(pattern) == relaxed


@pytest.mark.parametrize("text, source, label, kind, takes, rejects", [
    ("TITLES", "", "TITLES", "", "minister", ""),
    ("DOC_TYPES/!exclude", "", "DOC_TYPES", "!exclude", "singular", "exclude"),
    ("trade:NUMBER/number_glued", "trade", "NUMBER", "number_glued", "number_glued", "number"),
])
def test_selector(text, source, label, kind, takes, rejects):
    sel = Selector.parse(text)
    assert (sel.source, sel.label, sel.kind) == (source, label, kind)
    assert str(sel) == text and sel.takes(takes)
    assert not rejects or not sel.takes(rejects)


def test_default_triggers_cover_every_table():
    triggers = read_triggers(MODELS_DIR)
    assert {t.table for t in triggers} == {"leaders", "dates", "documents", "trade"}


def rules_with(tmp_path: Path, triage_csv: str | None) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(MODELS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    if triage_csv is None:
        (folder / "patterns" / TRIAGE_FILE).unlink()
    else:
        (folder / "patterns" / TRIAGE_FILE).write_text(triage_csv, encoding="utf-8")
    return folder


@pytest.mark.parametrize("row, message", [
    ("dates,NO_SUCH,,0,,,x", "NO_SUCH"),
    ("dates,nosuchfile:DATE,,0,,,x", "nosuchfile:DATE"),
    ("dates,DATE_WORDS,,one,,,x", "context 'one'"),
    ("dates,DATE_WORDS,,0,nosuch,,x", "check 'nosuch'"),
    (",DATE_WORDS,,0,,,x", "empty 'table'"),
    ("dates,,,0,,,x", "no selector"),
])
def test_bad_trigger_is_a_data_error_naming_file_and_row(tmp_path, row, message):
    folder = rules_with(tmp_path, "table,spans,with,context,check,link,why\n" + row + "\n")
    with pytest.raises(DataError) as err:
        read_triggers(folder)
    assert TRIAGE_FILE in str(err.value) and "row 2" in str(err.value)
    assert message in str(err.value)


def test_rule_set_without_triage_file_runs_without_triage(tmp_path):
    folder = rules_with(tmp_path, None)
    assert read_triggers(folder) is None
    nlp = build_pipeline(models_dir=folder, triage=True)
    assert "communique_triage" not in nlp.pipe_names
    assert not run_version("auto", folder, triage=True).endswith("|triage")


def test_unused_model_components_are_disabled():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("textcat")  # assigns doc.cats, which nothing reads
    assert unused_components(nlp, own=()) == ["textcat"]


# ---------------------------------------------------------------- the two stages

def test_pipeline_in_triage_mode(nlp_triage):
    assert nlp_triage.pipe_names[0] == "communique_triage"
    assert {"tok2vec", "parser", "ner", "gazetteer"} <= set(nlp_triage.disabled)


def test_model_annotations_only_in_candidate_sentences(nlp_triage):
    text = ("The match ended in a draw after extra time. Fans sang in the rain. "
            "Kazakh President Kassym-Jomart Tokayev held talks in Dushanbe.")
    doc = nlp_triage(text)
    counts = triage_counts(doc)
    assert (counts.sentences, counts.model_sentences) == (3, 1)
    sents = list(doc.sents)
    assert [s.text for s in sents] == ["The match ended in a draw after extra time.",
                                       "Fans sang in the rain.", text[67:]]
    first = sents[2].start  # the tokens before have no tag, no entity, no parse
    assert not any(t.pos_ or t.tag_ or t.lemma_ for t in doc[:first])
    assert not any(e.start < first for e in doc.ents)
    assert all(t.pos_ for t in sents[2])
    assert doc.ents
    assert [r["name"] for r in rows_of(doc)["leaders"]] == ["Kassym-Jomart Tokayev"]


def test_article_without_candidates_skips_the_model(nlp_triage):
    doc = nlp_triage("The match ended in a draw after extra time. Fans sang in the rain.")
    assert triage_counts(doc).model_sentences == 0
    assert not doc.ents and all(not rows for rows in rows_of(doc).values())


def test_a_name_repeated_elsewhere_reaches_the_model(nlp, nlp_triage):
    """The leaders extractor takes the first full mention of a person from the PERSON
    entities of the whole article: a sentence repeating the name is parsed too (`link`)."""
    text = ("Arthur Burns spoke in London to bankers. The weather was mild. "
            "Federal Reserve chairman Burns warned that things would get tricky.")
    doc = nlp_triage(text)
    assert triage_counts(doc).model_sentences == 2
    assert rows_of(doc)["leaders"] == rows_of(nlp(text))["leaders"]
    assert rows_of(doc)["leaders"][0]["start"] == 0


@pytest.mark.parametrize("text, dct", [
    # no publication date: "yesterday" resolves against the one inferred from the text
    ("The talks took place yesterday in Dushanbe. The weather was fine. On Thursday May 20 "
     "the presidents met; it was his first foreign trip in 2021.", None),
    ("DUSHANBE, May 20 -- The talks took place yesterday. The weather was fine today. On "
     "Thursday May 20, 2021 the presidents met.", None),
    ("The talks took place yesterday. The weather was fine.", "2021-05-20"),
    ("The talks took place yesterday. The weather was fine.", None),  # no date, no row
])
def test_relative_dates_with_and_without_publication_date(make_doc, nlp_triage, text, dct):
    doc = nlp_triage.make_doc(text)
    doc._.dct, doc._.dct_source = dct, "metadata" if dct else ""
    assert rows_of(nlp_triage(doc))["dates"] == rows_of(make_doc(text, dct))["dates"]


def test_seed_rows_are_the_same(nlp, nlp_triage, seed_text):
    def rows(pipeline):
        doc = pipeline.make_doc(seed_text)
        return rows_of(pipeline(doc))

    assert rows(nlp_triage) == rows(nlp)


# ---------------------------------------------------------------- runs

def test_run_version_and_summary_record_the_mode(tmp_path, nlp_triage, seed_path):
    out = tmp_path / "out"
    summary = extract(RunConfig(inputs=[str(seed_path)], out=out), nlp=nlp_triage)
    assert summary.version.endswith("|triage")
    assert summary.sentences > summary.model_sentences > 0 and summary.model_articles == 1
    notes: list[str] = []
    again = extract(RunConfig(inputs=[str(seed_path)], out=out, on_note=notes.append))
    assert not again.version.endswith("|triage") and again.processed == 0
    assert len(notes) == 1 and "|triage" in notes[0]  # the modes are not mixed silently


def test_cli_extract_triage_reports_the_share(tmp_path, seed_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(out), "--triage"])
    assert result.exit_code == 0, result.output
    assert "sentences" in result.output and "reached the model" in result.output
    assert "0 of 1 articles had no candidate sentence" in result.output


def test_api_triage_gives_the_same_tables(seed_text):
    from pipeline.api import extract_texts

    record = {"id": "seed", "text": seed_text}
    with_triage = extract_texts([record], triage=True)
    without = extract_texts([record])
    for table in ("leaders", "dates", "documents", "trade"):
        assert with_triage[table].equals(without[table]), table


# ---------------------------------------------------------------- same rows as without triage

# Rows of the bundled gold articles that differ between the modes, each with the reason; any
# other difference fails the test. Key: (article id, table, row_id).
EXPLAINED: dict[tuple[str, str, str], str] = {}


def bundled_inputs(shared: Path | None) -> list[str]:
    inputs = [str(ROOT / "corpus" / "000_925d941a15076cfe.txt"), str(GOLD / "dev_articles.jsonl")]
    if shared is not None:
        inputs.append(str(shared / "dev_sample.jsonl"))
    return inputs


def table_rows(out: Path) -> dict[tuple[str, str, str], dict]:
    import csv

    rows = {}
    for table in ("leaders", "dates", "documents", "trade"):
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rows[(row["article_id"], table, row["row_id"])] = row
    return rows


def differences(a: dict, b: dict) -> dict[tuple[str, str, str], str]:
    out = {}
    for key in sorted(set(a) | set(b)):
        if key not in b:
            out[key] = f"only without triage: {json.dumps(a[key], ensure_ascii=False)}"
        elif key not in a:
            out[key] = f"only with triage: {json.dumps(b[key], ensure_ascii=False)}"
        elif a[key] != b[key]:
            fields = {f: (a[key][f], b[key][f]) for f in a[key] if a[key][f] != b[key][f]}
            out[key] = f"fields differ (without, with triage): {fields}"
    return out


@pytest.fixture(scope="module")
def shared_or_none() -> Path | None:
    from conftest import SHARED

    path = SHARED / "corpus"
    return path if (path / "dev_sample.jsonl").is_file() else None


def test_bundled_gold_articles_have_the_same_rows(tmp_path, nlp, nlp_triage, shared_or_none):
    inputs = bundled_inputs(shared_or_none)
    extract(RunConfig(inputs=inputs, out=tmp_path / "full"), nlp=nlp)
    extract(RunConfig(inputs=inputs, out=tmp_path / "triage"), nlp=nlp_triage)
    found = differences(table_rows(tmp_path / "full"), table_rows(tmp_path / "triage"))
    unexplained = {k: v for k, v in found.items() if k not in EXPLAINED}
    assert not unexplained, "rows that differ with triage:\n" + "\n".join(
        f"{k}: {v}" for k, v in unexplained.items())
