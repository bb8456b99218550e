"""The state database: registration, idempotent saves, ordered streaming export, the lock."""

from __future__ import annotations

import pytest

from pipeline.errors import UsageError
from pipeline.records import Article
from pipeline.state import StateStore, clean_temp_files, input_key


def art(article_id: str, sha: str = "", status: str = "ok") -> Article:
    return Article(article_id=article_id, text="t", sha256=sha or f"sha-{article_id}",
                   status=status)


def rows(*values: str) -> dict[str, list[dict]]:
    return {"dates": [{"article_id": "", "value": v} for v in values]}


@pytest.fixture
def store(tmp_path):
    with StateStore(tmp_path) as s:
        yield s


def test_state_save_twice_does_not_duplicate_rows(store):
    a = art("a")
    store.register(a, 0)
    store.save([(a, rows("1", "2"))], "v1")
    store.save([(a, rows("1", "2"))], "v1")
    assert [r["value"] for r in store.iter_rows("dates")] == ["1", "2"]
    assert store.lookup("a").done and store.lookup("a").version == "v1"


def test_state_register_drops_old_rows_and_marks_not_done(store):
    a = art("a")
    store.register(a, 0)
    store.save([(a, rows("1"))], "v1")
    store.register(art("a", sha="new"), 0)
    known = store.lookup("a")
    assert (known.done, known.sha256) == (False, "new")
    assert list(store.iter_rows("dates")) == []


def test_state_save_is_all_or_nothing(store):
    a, b = art("a"), art("b")
    store.register(a, 0)
    store.register(b, 1)

    class Boom(dict):
        def items(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.save([(a, rows("1")), (b, Boom())], "v1")
    assert not store.db.in_transaction
    assert list(store.iter_rows("dates")) == [] and not store.lookup("a").done


@pytest.mark.parametrize("order, expected", [
    ([("x", 0), ("y", 1), ("z", 2)], ["x1", "x2", "y1", "z1"]),
    ([("z", 0), ("x", 1), ("y", 2)], ["z1", "x1", "x2", "y1"]),
    ([("y", 5), ("z", 3), ("x", 4)], ["z1", "x1", "x2", "y1"]),
])
def test_state_export_follows_input_position_then_row_order(store, order, expected):
    found = {"x": rows("x1", "x2"), "y": rows("y1"), "z": rows("z1")}
    for article_id, pos in order:
        a = art(article_id)
        store.register(a, pos)
        store.save([(a, found[article_id])], "v1")
    assert [r["value"] for r in store.iter_rows("dates")] == expected
    assert [r["article_id"] for r in store.iter_rows("articles")] == [
        a for a, _ in sorted(order, key=lambda p: p[1])]


def test_state_articles_of_older_runs_come_first(tmp_path):
    with StateStore(tmp_path) as first:
        for pos, article_id in enumerate(["old", "kept"]):
            first.register(art(article_id), pos)
            first.save([(art(article_id), rows(article_id))], "v1")
    with StateStore(tmp_path) as second:
        assert second.run == first.run + 1
        second.register(art("new"), 0)
        second.save([(art("new"), rows("new"))], "v1")
        second.touch(art("kept"), 1)
        assert [r["value"] for r in second.iter_rows("dates")] == ["old", "new", "kept"]
        counts = second.counts()
        assert (counts["ok"], counts["dates"], counts["leaders"]) == (2, 3, 0)


def test_state_duplicate_of_ignores_self_and_skipped(store):
    store.register(art("a", sha="s"), 0)
    store.register(art("b", sha="s", status="skipped"), 1)
    assert store.duplicate_of("s", "a") is None
    assert store.duplicate_of("s", "c") == "a"


def test_state_stale_versions_counts_processed_ok_articles(store):
    for pos, (article_id, version) in enumerate([("a", "v1"), ("b", "v1"), ("c", "v2")]):
        store.register(art(article_id), pos)
        store.save([(art(article_id), {})], version)
    store.register(art("d"), 3)  # registered, never processed: not stale, just not done
    assert store.stale_versions("v2") == {"v1": 2}
    assert store.stale_versions("v1") == {"v2": 1}


def test_state_one_run_per_output_folder(tmp_path):
    with StateStore(tmp_path):
        with pytest.raises(UsageError, match="another communique run"):
            StateStore(tmp_path)
    with StateStore(tmp_path) as again:  # released on close
        assert again.run == 2


def test_state_clean_temp_files_only_removes_table_temps(tmp_path):
    leftovers = [".articles.csv.123.tmp", ".dates.parquet.9.tmp"]
    kept = [".notes.tmp", "articles.csv", ".trade.csv"]
    for name in leftovers + kept:
        (tmp_path / name).write_text("x")
    assert clean_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_state_database_from_before_input_key_is_upgraded(tmp_path):
    import sqlite3

    from pipeline.state import STATE_DIR, STATE_FILE

    (tmp_path / STATE_DIR).mkdir()
    with sqlite3.connect(tmp_path / STATE_DIR / STATE_FILE) as db:
        db.execute("CREATE TABLE articles (article_id TEXT PRIMARY KEY, sha256 TEXT, "
                   "status TEXT, record TEXT NOT NULL, version TEXT, done INTEGER NOT NULL "
                   "DEFAULT 0, seen_run INTEGER NOT NULL, pos INTEGER NOT NULL)")
        db.execute("INSERT INTO articles VALUES ('old', 's', 'ok', '{}', 'v1', 1, 1, 0)")
    with StateStore(tmp_path) as store:
        assert store.lookup("old").input_key == ""  # never equal to a real key: redone
        store.register(art("new"), 0)
        assert store.lookup("new").input_key == input_key(art("new")) != ""


def test_state_keeps_article_texts_compressed(tmp_path):
    with StateStore(tmp_path) as store:
        store.register(Article(article_id="a", text="President Rahmon met Tokayev. " * 50), 0)
        assert store.text("a") == "President Rahmon met Tokayev. " * 50
        assert store.text("missing") is None
        stored = store.db.execute("SELECT length(text) FROM texts").fetchone()[0]
        assert stored < 200  # compressed, not the 1,500 characters


def test_state_touch_fills_a_text_missing_from_an_older_folder(tmp_path):
    with StateStore(tmp_path) as store:
        store.register(art("old"), 0)
        store.db.execute("DELETE FROM texts")  # as written before texts were kept
        store.touch(Article(article_id="old", text="the text"), 0)
        assert store.text("old") == "the text"
