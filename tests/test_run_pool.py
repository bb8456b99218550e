"""`--workers N`: a pool of spawned processes, each loading the model once; results in input
order, equal to the in-process run; a dying worker never hangs the run."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from pipeline import ingest
from pipeline.records import Article
from pipeline.run import (PoolEngine, RunConfig, char_batches, extract, process_articles,
                          worker_info)
from helpers import read_tables as tables

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def chunked(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def test_run_two_workers_give_the_tables_of_one(nlp, tmp_path):
    local, pooled = tmp_path / "local", tmp_path / "pooled"
    extract(RunConfig(inputs=[str(CORPUS)], out=local, chunk_size=2), nlp=nlp)
    summary = extract(RunConfig(inputs=[str(CORPUS)], out=pooled, chunk_size=2, workers=2))
    assert summary.processed == summary.counts["ok"] > 0
    assert tables(pooled) == tables(local)


def test_run_pool_loads_once_per_worker_keeps_order_and_survives_a_killed_worker(nlp):
    articles = [a for a in ingest.read_inputs([str(CORPUS)]) if a.status == "ok"]
    expected = [(a.article_id, rows) for a, rows in process_articles(
        nlp, [Article(**vars(a)) for a in articles])]
    engine = PoolEngine(RunConfig(inputs=[], workers=2))
    try:
        got = [r for results in engine.map(chunked(articles, 1)) for r in results]
        assert [(a.article_id, rows) for a, rows in got] == expected
        infos = {engine.pool.submit(worker_info).result() for _ in range(8)}
        assert {loads for _, loads in infos} == {1} and 1 <= len(infos) <= 2

        pid = next(iter(infos))[0]
        os.kill(pid, signal.SIGKILL)  # e.g. the kernel's OOM killer
        again = [Article(**vars(a)) for a in articles]
        got = [r for results in engine.map(chunked(again, 3)) for r in results]
        assert [(a.article_id, a.status, rows) for a, rows in got] == [
            (i, "ok", rows) for i, rows in expected]
        assert pid not in {engine.pool.submit(worker_info).result()[0] for _ in range(4)}
    finally:
        engine.close()


def _crash_on_marker(chunk: list[Article], batch_size: int) -> list[tuple[Article, dict]]:
    """Stands in for a native crash: the process dies on an article containing CRASH."""
    if any("CRASH" in a.text for a in chunk):
        os._exit(1)
    return [(a, {"dates": [{"value": a.text}]}) for a in chunk]


class CrashingPool(PoolEngine):
    task = staticmethod(_crash_on_marker)

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))


@pytest.mark.parametrize("texts, chunk_size, failed", [
    (["a", "CRASH", "b", "c", "d"], 2, ["1"]),
    (["CRASH", "a", "b", "CRASH", "c"], 5, ["0", "3"]),
    (["a", "b", "c", "d", "CRASH"], 1, ["4"]),
    (["a", "b", "c"], 2, []),
])
def test_run_pool_marks_the_article_that_kills_a_worker_failed(texts, chunk_size, failed):
    articles = [Article(article_id=str(n), text=t) for n, t in enumerate(texts)]
    engine = CrashingPool(RunConfig(inputs=[], workers=2))
    try:
        got = [r for results in engine.map(chunked(articles, chunk_size)) for r in results]
    finally:
        engine.close()
    assert [a.article_id for a, _ in got] == [str(n) for n in range(len(texts))]
    assert [a.article_id for a, _ in got if a.status == "failed"] == failed
    for article, rows in got:
        if article.status == "failed":
            assert rows == {} and "worker process died" in article.error
        else:
            assert rows == {"dates": [{"value": article.text}]}


def test_run_pool_reports_a_model_that_cannot_load(tmp_path):
    from pipeline.errors import UsageError

    engine = PoolEngine(RunConfig(inputs=[], workers=1, model=str(tmp_path / "no-model")))
    try:
        with pytest.raises(UsageError, match="is not installed"):
            list(engine.map([[Article(article_id="a", text="Hello.")]]))
    finally:
        engine.close()


@pytest.mark.parametrize("lengths, size, max_chars, expected", [
    ([10, 10, 10], 32, 100, [[10, 10, 10]]),
    ([10, 10, 10], 2, 100, [[10, 10], [10]]),  # the count bound
    ([60, 50, 10], 32, 100, [[60], [50, 10]]),  # the character bound
    ([10, 500, 10], 32, 100, [[10], [500], [10]]),  # a longer article alone
    ([], 32, 100, []),
])
def test_run_char_batches(lengths, size, max_chars, expected):
    articles = [Article(article_id=str(i), text="x" * n) for i, n in enumerate(lengths)]
    got = [[len(a.text) for a in batch] for batch in char_batches(articles, size, max_chars)]
    assert got == expected
