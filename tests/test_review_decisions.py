"""The review log: one transaction per decision, append-only, conflicts detected, readable
with `load_decisions` (the API the retraining reads)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from pipeline.review.decisions import Conflict, DecisionStore, load_decisions, review_path

ROW = {"row_id": "l-1", "article_id": "a1", "name": "Emomali Rahmon", "title": "President",
       "country": "TJK", "start": 10, "end": 24}


def decide(store: DecisionStore, action: str, row_id: str = "l-1", **kw):
    after = None if action == "rejected" else kw.pop("after", ROW)
    return store.decide(table="leaders", row_id=row_id, article_id="a1", action=action,
                        before=ROW, after=after, reviewer=kw.pop("reviewer", "alice"), **kw)


def test_review_decisions_are_logged_and_the_latest_is_current(tmp_path):
    store = DecisionStore(tmp_path)
    first = decide(store, "accepted", base=0)
    edited = dict(ROW, country="KAZ")
    second = decide(store, "edited", after=edited, reviewer="bob", base=first.id)
    assert second.replaces == first.id
    [current] = load_decisions(tmp_path)
    assert (current.action, current.reviewer, current.after["country"]) == ("edited", "bob",
                                                                            "KAZ")
    assert current.before == ROW and (current.start, current.end) == (10, 24)
    history = load_decisions(tmp_path, history=True)
    assert [d.action for d in history] == ["accepted", "edited"]
    assert history[0].at <= history[1].at


def test_review_decisions_log_is_append_only(tmp_path):
    decide(DecisionStore(tmp_path), "accepted")
    db = sqlite3.connect(review_path(tmp_path))
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE decisions SET action='rejected'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM decisions")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_review_decisions_a_stale_base_is_a_conflict_and_writes_nothing(tmp_path):
    store = DecisionStore(tmp_path)
    bob = decide(store, "accepted", reviewer="bob", base=0)
    with pytest.raises(Conflict) as info:
        decide(store, "rejected", reviewer="alice", base=0)  # alice loaded it before bob
    assert info.value.current.id == bob.id and info.value.current.reviewer == "bob"
    assert len(load_decisions(tmp_path, history=True)) == 1
    assert decide(store, "rejected", reviewer="alice", base=bob.id).action == "rejected"


def test_review_decisions_from_many_threads_are_all_kept(tmp_path):
    store = DecisionStore(tmp_path)
    errors = []

    def work(who: str) -> None:
        try:
            for i in range(25):
                decide(store, "accepted", row_id=f"{who}-{i}", reviewer=who, base=0)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(name,)) for name in ("ann", "ben", "cy")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(load_decisions(tmp_path)) == 75
    assert {d.reviewer for d in load_decisions(tmp_path)} == {"ann", "ben", "cy"}


def test_review_decisions_of_a_folder_never_reviewed(tmp_path):
    assert load_decisions(tmp_path) == []
    store = DecisionStore(tmp_path, read_only=True)  # creates nothing
    assert list(store.iter_current()) == [] and not review_path(tmp_path).exists()
    with pytest.raises(PermissionError):
        decide(store, "accepted")


def test_review_decisions_filter_by_table_and_serialize(tmp_path):
    store = DecisionStore(tmp_path)
    decide(store, "accepted")
    store.decide(table="dates", row_id="d-1", article_id="a1", action="added", before=None,
                 after={"text": "May 20", "value": "2021-05-20", "start": 3, "end": 9},
                 reviewer="alice", added=True)
    [added] = load_decisions(tmp_path, table="dates")
    assert added.added and added.before is None and (added.start, added.end) == (3, 9)
    assert added.to_dict()["after"]["value"] == "2021-05-20"
