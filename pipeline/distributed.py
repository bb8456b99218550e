"""The Dask engine: the same extraction on a Dask distributed cluster.

Chunks ("partitions") of `Article` records are submitted as tasks; a worker plugin builds the
spaCy pipeline once per worker when it joins, so no `nlp` or `Doc` ever enters the task
graph: tasks take plain `Article` dataclasses and return plain row dicts. At most two
partitions per worker thread are in flight, and results are handed back in input order.

Without `--scheduler` a `LocalCluster` of `--workers` single-threaded worker processes is
started and closed with the run. With `--scheduler tcp://host:8786` the run uses that
cluster: its workers need communique and the spaCy model installed; the rule files
(patterns, gazetteers) are shipped from the client with the plugin, and a worker whose
model/rules version differs from the client's is refused.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import Article
from pipeline.run import (Result, RunConfig, in_order, mark_failed, process_articles,
                          run_version, without_text)

try:
    from distributed import WorkerPlugin
except ImportError:  # the dask extra is optional; DaskEngine() says how to install it
    WorkerPlugin = object  # type: ignore[assignment,misc]

PLUGIN_NAME = "communique-pipeline"


def rule_files(models_dir: Path | None) -> dict[str, bytes]:
    """Every file under the rules folder, by relative path (they are small text files)."""
    from pipeline.rules import rules_dir

    root = rules_dir(models_dir)
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once per worker, from the client's rule files."""

    def __init__(self, model: str, rules: dict[str, bytes], version: str,
                 triage: bool = False) -> None:
        self.model, self.rules, self.version, self.triage = model, rules, version, triage
        self.nlp: Any = None
        self.loads = 0
        self.rules_dir: str | None = None
        self.lock: threading.Lock | None = None

    async def setup(self, worker: Any) -> None:
        # Loading takes seconds: off the worker's event loop, so heartbeats keep flowing.
        await asyncio.get_running_loop().run_in_executor(None, self._load)

    def _load(self) -> None:
        from pipeline.nlp import build_pipeline

        self.lock = threading.Lock()  # a worker with several threads shares one pipeline
        self.rules_dir = tempfile.mkdtemp(prefix="communique-rules-")
        for rel, data in self.rules.items():
            path = Path(self.rules_dir, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        version = run_version(self.model, Path(self.rules_dir), self.triage)
        if version != self.version:
            raise UsageError(Errors.U014.format(
                where="worker", detail=f"model/rules version {version} differs from the "
                                       f"client's {self.version}; install the same model"))
        self.nlp = build_pipeline(self.model, Path(self.rules_dir), triage=self.triage)
        self.loads += 1

    def teardown(self, worker: Any) -> None:
        if self.rules_dir:
            shutil.rmtree(self.rules_dir, ignore_errors=True)


def process_partition(articles: list[Article], batch_size: int) -> list[Result]:
    """The task: one partition of articles through the worker's pipeline."""
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.nlp is None:
        raise UsageError(Errors.U014.format(where=f"worker {worker.address}",
                                            detail="the communique pipeline is not loaded"))
    with plugin.lock:
        return without_text(process_articles(plugin.nlp, articles, batch_size))


def _worker_state(dask_worker: Any) -> tuple[int, int]:
    """(pid, pipeline loads) of a worker; for checks and tests."""
    import os

    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return os.getpid(), plugin.loads if plugin else 0


class DaskEngine:
    """Partitions of articles on a Dask cluster; same interface as `LocalEngine`."""

    def __init__(self, cfg: RunConfig) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise UsageError(Errors.U013.format(detail=exc)) from None
        self.batch_size = cfg.batch_size
        self.cluster: Any = None
        try:
            if cfg.scheduler:
                self.client = Client(cfg.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=cfg.workers, threads_per_worker=1,
                                            processes=True, dashboard_address=None,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except OSError as exc:
            self._shutdown()
            raise UsageError(Errors.U014.format(where=f"scheduler {cfg.scheduler}",
                                                detail=exc)) from None
        try:
            version = run_version(cfg.model, cfg.models_dir, cfg.triage)
            self.client.register_plugin(
                PipelinePlugin(cfg.model, rule_files(cfg.models_dir), version, cfg.triage),
                name=PLUGIN_NAME)
        except BaseException:
            self.close()
            raise
        threads = sum(self.client.nthreads().values())
        self.window = max(2, 2 * threads)

    def workers(self) -> dict[str, tuple[int, int]]:
        """Worker address -> (pid, pipeline loads)."""
        return self.client.run(_worker_state)

    def _submit(self, chunk: list[Article]) -> Any:
        return self.client.submit(process_partition, chunk, self.batch_size, pure=False)

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        return in_order(chunks, self._submit, self._next, self.window)

    def _next(self, pending: deque[tuple[list[Article], Any]]) -> list[Result]:
        from distributed import KilledWorker

        chunk, future = pending.popleft()
        try:
            return future.result()
        except KilledWorker:  # the partition killed workers repeatedly: find the culprit
            return [self._one(article) for article in chunk]

    def _one(self, article: Article) -> Result:
        from distributed import KilledWorker

        try:
            return self._submit([article]).result()[0]
        except KilledWorker:
            return mark_failed(article, Errors.E013)

    def _shutdown(self) -> None:
        if getattr(self, "client", None) is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def close(self) -> None:
        self._shutdown()
        self.client = None
