"""Incremental and resumed runs on one output folder, in-process on a tiny fast pipeline.

The pipeline here is `spacy.blank("en")` plus a test component that writes a dates row per
four-digit token and a leaders row per "President X", and fails on the word BOOM: fast, and
its rows make duplication or loss visible.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.run as run_module
from pipeline.errors import UsageError
from pipeline.extractors.base import add_rows, evidence
from pipeline.rules import default_rules_dir

MODELS_DIR = default_rules_dir()
from pipeline.records import DateRow, LeaderRow
from pipeline.run import LocalEngine, RunConfig, extract
from helpers import read_tables as tables


@Language.component("test_batch_rows")
def _rows(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("boom")
    add_rows(doc, "dates", [
        DateRow(**evidence(doc, t.idx, t.idx + len(t), "test_year", 1.0), text=t.text,
                value=t.text, granularity="year", anchor="absolute")
        for t in doc if t.shape_ == "dddd"])
    add_rows(doc, "leaders", [
        LeaderRow(**evidence(doc, t.idx, t.nbor().idx + len(t.nbor()), "test_president", 0.5),
                  name=t.nbor().text, title="President")
        for t in doc[:-1] if t.text == "President"])
    return doc


@pytest.fixture(scope="module")
def fake_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_batch_rows")
    return nlp


def write_jsonl(path: Path, records: list[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records),
                    encoding="utf-8")
    return path


DAY1 = [(f"d1-{n}", f"President Name{n} spoke in {1990 + n} and {2000 + n}.") for n in range(7)]
DAY2 = [(f"d2-{n}", f"In {1950 + n} President Other{n} arrived.") for n in range(5)]


@pytest.fixture
def go(fake_nlp, tmp_path):
    """Run the extraction in-process: go(out, *inputs, **config) -> RunSummary."""

    def _go(out: Path, *inputs: Path, **config):
        return extract(RunConfig(inputs=[str(i) for i in inputs], out=out, chunk_size=3,
                                 **config), nlp=fake_nlp)

    return _go


def test_run_rerun_without_changes_processes_nothing_and_loads_no_model(go, tmp_path,
                                                                         monkeypatch):
    feeds = tmp_path / "feeds"
    write_jsonl(feeds / "day1.jsonl", DAY1)
    first = go(tmp_path / "out", feeds)
    before = tables(tmp_path / "out")
    assert (first.processed, first.reused) == (7, 0)
    assert len(before["dates"]) == 1 + 14 and len(before["leaders"]) == 1 + 7

    def no_engine(*args, **kwargs):
        raise AssertionError("no engine is needed when nothing is new")

    monkeypatch.setattr(run_module, "make_engine", no_engine)
    again = go(tmp_path / "out", feeds)
    assert (again.processed, again.reused, again.counts["ok"]) == (0, 7, 7)
    assert tables(tmp_path / "out") == before


def test_run_new_files_are_added_and_only_they_are_processed(go, tmp_path):
    feeds = tmp_path / "feeds"
    write_jsonl(feeds / "day1.jsonl", DAY1)
    go(tmp_path / "out", feeds)
    write_jsonl(feeds / "day2.jsonl", DAY2)
    second = go(tmp_path / "out", feeds)
    assert (second.processed, second.reused) == (5, 7)
    fresh = tmp_path / "fresh"
    go(fresh, feeds)
    assert tables(tmp_path / "out") == tables(fresh)


@pytest.mark.parametrize("change, processed, article_id, status, note", [
    # same id, new text: reprocessed, its old rows replaced
    ({"d1-3": "President Changed spoke in 1888."}, 1, "d1-3", "ok", ""),
    # same text under a new id (a renamed file): a duplicate, not processed again
    ({"copy": DAY1[2][1]}, 0, "copy", "skipped", "duplicate of article 'd1-2'"),
    # a new text under a new id
    ({"new": "President New in 1777."}, 1, "new", "ok", ""),
])
def test_run_changed_content_is_found_by_hash(go, tmp_path, change, processed, article_id,
                                              status, note):
    feeds = tmp_path / "feeds"
    write_jsonl(feeds / "day1.jsonl", DAY1)
    go(tmp_path / "out", feeds)
    change = dict(change)
    records = [(i, change.pop(i, t)) for i, t in DAY1] + list(change.items())
    write_jsonl(feeds / "day1.jsonl", records)
    summary = go(tmp_path / "out", feeds)
    assert summary.processed == processed
    fresh = tmp_path / "fresh"
    go(fresh, feeds)
    got = tables(tmp_path / "out")
    assert (got["dates"], got["leaders"]) == (tables(fresh)["dates"], tables(fresh)["leaders"])
    row = next(r for r in got["articles"][1:] if r[0] == article_id)
    assert row[8] == status and note in row[9]


@pytest.mark.parametrize("old, new, processed", [
    ({"date": "2021-05-20"}, {"date": "2021-05-21"}, 1),  # relative dates resolve against it
    ({}, {"date": "2021-05-21"}, 1),
    ({"date": "2021-05-20"}, {}, 1),
    ({"source": "TASS"}, {"source": "Reuters"}, 1),  # the pipeline sees source and url
    ({"url": "https://a.example/1"}, {"url": "https://a.example/2"}, 1),
    ({"title": "Old"}, {"title": "New"}, 1),  # articles.csv shows the new title
    ({"date": "2021-05-20", "source": "TASS"}, {"date": "2021-05-20", "source": "TASS"}, 0),
])
def test_run_new_metadata_is_new_input(go, tmp_path, old, new, processed):
    feed = tmp_path / "in.jsonl"
    for meta in (old, new):
        feed.write_text(json.dumps({"id": "a", "text": DAY1[0][1], **meta}) + "\n")
        summary = go(tmp_path / "out", feed)
    assert summary.processed == processed
    fresh = tmp_path / "fresh"
    go(fresh, feed)
    assert tables(tmp_path / "out") == tables(fresh)


def test_run_failed_article_is_retried_and_does_not_stop_its_chunk(go, tmp_path):
    feed = write_jsonl(tmp_path / "in.jsonl", DAY1[:2] + [("bad", "President BOOM 1999")]
                       + DAY1[2:4])
    first = go(tmp_path / "out", feed)
    assert (first.counts["ok"], first.counts["failed"]) == (4, 1)
    rows = {r[0]: r for r in tables(tmp_path / "out")["articles"][1:]}
    assert rows["bad"][8] == "failed" and "ValueError: boom" in rows["bad"][9]
    second = go(tmp_path / "out", feed)
    assert (second.processed, second.counts["failed"]) == (1, 1)


@pytest.mark.parametrize("texts, failed", [
    (["President BOOM"], [0]),
    (["President BOOM", "In 1999.", "In 2000."], [0]),
    (["In 1999.", "BOOM", "In 2000."], [1]),
    (["In 1999.", "In 2000.", "BOOM 2001"], [2]),
    (["BOOM", "BOOM"], [0, 1]),
    (["In 1999.", "In 2000."], []),
])
def test_run_process_articles_isolates_failures(fake_nlp, texts, failed):
    from pipeline.records import Article

    articles = [Article(article_id=f"a{n}", text=t, origin=f"in.jsonl, line {n + 1}")
                for n, t in enumerate(texts)]
    results = run_module.process_articles(fake_nlp, articles)
    assert [a.article_id for a, _ in results] == [a.article_id for a in articles]
    assert [n for n, (a, _) in enumerate(results) if a.status == "failed"] == failed
    for n, (article, found) in enumerate(results):
        if n in failed:
            assert found == {} and article.error.startswith(f"in.jsonl, line {n + 1}: processing")
        else:
            assert len(found["dates"]) == texts[n].count("19") + texts[n].count("20")


def test_run_interrupted_then_resumed_equals_uninterrupted(go, tmp_path, monkeypatch, fake_nlp):
    feed = write_jsonl(tmp_path / "in.jsonl", DAY1 + DAY2 + [("dup", DAY1[0][1])])
    fresh = tmp_path / "fresh"
    go(fresh, feed)

    class Interrupted(LocalEngine):
        def map(self, chunks):
            for n, results in enumerate(super().map(chunks)):
                if n == 2:
                    raise KeyboardInterrupt
                yield results

    monkeypatch.setattr(run_module, "make_engine", lambda cfg, nlp: Interrupted(cfg, nlp))
    with pytest.raises(KeyboardInterrupt):
        go(tmp_path / "out", feed)
    monkeypatch.undo()
    resumed = go(tmp_path / "out", feed)
    assert resumed.reused == 6 and resumed.processed == len(DAY1 + DAY2) - 6
    assert tables(tmp_path / "out") == tables(fresh)


def test_run_killed_during_export_is_repaired_by_the_next_run(go, tmp_path):
    feed = write_jsonl(tmp_path / "in.jsonl", DAY1)
    out = tmp_path / "out"
    go(out, feed)
    good = tables(out)
    # what a kill mid-export leaves: a temp file, a missing table, stale tables elsewhere
    (out / ".dates.csv.4242.tmp").write_text("partial")
    (out / "articles.csv").unlink()
    (out / "leaders.csv").write_text("article_id\r\nstale\r\n")
    summary = go(out, feed)
    assert summary.processed == 0
    assert tables(out) == good
    assert not list(out.glob(".*.tmp"))


def test_run_new_rules_version_is_reported_and_force_reprocesses(go, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(MODELS_DIR, rules)
    feed = write_jsonl(tmp_path / "in.jsonl", DAY1[:3])
    out = tmp_path / "out"
    go(out, feed, models_dir=rules)
    with open(rules / "gazetteers" / "countries.csv", "a", encoding="utf-8") as fh:
        fh.write("Freedonia,FRE,name\n")
    notes: list[str] = []
    stale = go(out, feed, models_dir=rules, on_note=notes.append)
    assert stale.processed == 0 and len(notes) == 1 and notes == stale.notes
    assert "another model or rules version" in notes[0] and "(3 articles)" in notes[0]
    forced = go(out, feed, models_dir=rules, force=True)
    assert forced.processed == 3 and forced.notes == []
    assert go(out, feed, models_dir=rules).notes == []


def test_run_without_records_is_a_usage_error(go, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(UsageError, match="no records"):
        go(tmp_path / "out", empty)
