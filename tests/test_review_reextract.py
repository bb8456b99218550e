"""Decisions survive re-extraction: a row with the same row_id keeps its decision, a row whose
values changed is flagged, and reviewed rows that disappeared are listed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpers import SUMMIT, review_items, summit_rows
from pipeline.review.app import create_app
from pipeline.review.decisions import load_decisions
from pipeline.review.export import export
from pipeline.review.fixtures import make_article, make_row, write_folder
from pipeline.review.folder import Filters, ReviewFolder


def rerun(out: Path, rows: dict[str, list[dict]]) -> None:
    """Write the summit again with other rows, as a re-run of extract would (newer tables)."""
    time.sleep(0.01)  # a new mtime for the tables
    write_folder(out, [(make_article("summit", SUMMIT, title="Tokayev meets Rahmon",
                                     published="2021-05-20", published_source="metadata"),
                        rows)])


@pytest.fixture
def reextracted(tmp_path):
    out = write_folder(tmp_path / "out", review_items())
    folder = ReviewFolder(out)
    rows = summit_rows()
    tokayev, rahmon = rows["leaders"]
    may20, year = rows["dates"]
    trade = rows["trade"][0]
    folder.decide(tokayev["row_id"], "accept", "alice", base=0)
    folder.decide(rahmon["row_id"], "edit", "alice", base=0,
                  fields={"name": "Emomali Rahmon", "title": "President", "country": "TJK"})
    folder.decide(rahmon["row_id"], "edit", "alice", base=folder.row(rahmon["row_id"]).base,
                  fields={"name": "Emomali Rahmon", "title": "President of Tajikistan",
                          "country": "TJK"})
    folder.decide(year["row_id"], "accept", "bob", base=0)
    folder.decide(trade["row_id"], "reject", "bob", base=0)
    # the new run: Rahmon's country and the trade amount change (same spans, same row_ids),
    # the year disappears, a new date appears
    new = summit_rows()
    new["leaders"][1]["country"] = "UZB"
    new["trade"][0]["amount"] = 2e9
    start = SUMMIT.index("Dushanbe")
    new["dates"] = [new["dates"][0], make_row("dates", "summit", SUMMIT, start, start + 8,
                                              rule="x", confidence=0.4, text="Dushanbe",
                                              value="2021", granularity="year",
                                              anchor="absolute")]
    rerun(out, new)
    return out, {"tokayev": tokayev["row_id"], "rahmon": rahmon["row_id"],
                 "year": year["row_id"], "trade": trade["row_id"], "may20": may20["row_id"],
                 "new": new["dates"][1]["row_id"]}


def test_review_reextract_same_row_id_keeps_its_decision(reextracted):
    out, ids = reextracted
    view = ReviewFolder(out).article("summit")
    rows = {v.row_id: v for v in view.rows}
    assert rows[ids["tokayev"]].status == "accepted" and not rows[ids["tokayev"]].changed
    assert rows[ids["rahmon"]].status == "edited"
    assert rows[ids["rahmon"]].row["title"] == "President of Tajikistan"  # the edit stands
    assert rows[ids["new"]].status == "unreviewed" and rows[ids["may20"]].status == "unreviewed"


def test_review_reextract_changed_rows_are_flagged(reextracted):
    out, ids = reextracted
    view = ReviewFolder(out).article("summit")
    rows = {v.row_id: v for v in view.rows}
    assert rows[ids["rahmon"]].changed and rows[ids["rahmon"]].seen["country"] == "TJK"
    assert rows[ids["trade"]].changed and rows[ids["trade"]].status == "rejected"
    assert rows[ids["trade"]].seen["amount"] == 1e9
    assert not rows[ids["tokayev"]].changed
    client = TestClient(create_app(out), base_url="http://127.0.0.1:8765")
    page = client.get("/article?id=summit").text
    assert page.count("changed since review</span>") == 2
    assert "when reviewed it read:" in page
    listed = client.get("/?changed=1").text
    assert "id=summit" in listed and "id=hostile" not in listed


def test_review_reextract_disappeared_reviewed_rows_are_listed(reextracted):
    out, ids = reextracted
    folder = ReviewFolder(out)
    changed, gone = folder.changes()
    assert [d.row_id for d in gone] == [ids["year"]]
    assert {v.row_id for v in changed} == {ids["rahmon"], ids["trade"]}
    assert [d.row_id for d in folder.article("summit").gone] == [ids["year"]]
    assert folder.totals()["gone"] == 1 and folder.totals()["changed"] == 2
    client = TestClient(create_app(out), base_url="http://127.0.0.1:8765")
    assert "Reviewed rows no longer extracted" in client.get("/article?id=summit").text
    changes = client.get("/changes").text
    assert "No longer extracted (1)" in changes and "Changed since review (2)" in changes
    assert "accepted by bob" in changes
    assert "1 accepted row(s) are no longer extracted" in client.get("/").text


def test_review_reextract_export_notes_changes(reextracted, tmp_path):
    out, ids = reextracted
    export(out, tmp_path / "e")
    import csv

    with open(tmp_path / "e" / "dates.csv", encoding="utf-8", newline="") as fh:
        dates = {r["row_id"]: r for r in csv.DictReader(fh)}
    assert dates[ids["year"]]["review_note"] == "no longer extracted"  # kept: it was accepted
    assert dates[ids["year"]]["review"] == "accepted"
    with open(tmp_path / "e" / "leaders.csv", encoding="utf-8", newline="") as fh:
        leaders = {r["row_id"]: r for r in csv.DictReader(fh)}
    assert leaders[ids["rahmon"]]["review_note"] == "changed since review"
    assert leaders[ids["rahmon"]]["title"] == "President of Tajikistan"


def test_review_reextract_with_the_pipeline_keeps_every_decision(tmp_path, nlp, seed_text):
    """`extract --force` on the seed: every row gets the same row_id again."""
    from pipeline.run import RunConfig, extract

    src = tmp_path / "in"
    src.mkdir()
    (src / "seed.txt").write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    extract(RunConfig(inputs=[str(src)], out=out), nlp=nlp)
    folder = ReviewFolder(out)
    view = folder.article("seed")
    assert len(view.rows) >= 20
    for i, row in enumerate(view.rows):
        folder.decide(row.row_id, "reject" if i % 5 == 0 else "accept", "ivy", base=0)
    before = {d.row_id: d.action for d in load_decisions(out)}
    time.sleep(0.01)
    extract(RunConfig(inputs=[str(src)], out=out, force=True), nlp=nlp)
    again = ReviewFolder(out)
    generation = again.index.generation
    view = again.article("seed")
    assert {v.row_id: v.status for v in view.rows} == before
    assert again.changes() == ([], [])
    assert again.articles(Filters(unreviewed=True)).total == 0
    assert re.fullmatch(r"[ldot]-[0-9a-f]{16}(~\d+)?", view.rows[0].row_id)
    assert generation >= 1
