"""The extraction run: ingest -> nlp.pipe in batches -> state store -> tables.

Articles are read lazily, sent in batches to an engine (in-process, a pool of worker
processes, or a Dask cluster), and their rows are committed to the output folder's state
database batch by batch. At the end every table is exported atomically, in input order.
Only `Article` records and plain row dicts cross process boundaries, never `nlp` or a `Doc`.
"""

from __future__ import annotations

import importlib.metadata
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import ingest
from pipeline.errors import Errors, UsageError
from pipeline.records import STATUS_FAILED, STATUS_OK, STATUS_SKIPPED, TABLES, Article
from pipeline.state import StateStore
from pipeline.writers import TableWriter

Result = tuple[Article, dict[str, list[dict[str, Any]]]]


@dataclass
class RunConfig:
    inputs: list[str]
    out: Path = Path("outputs")
    model: str = "auto"
    fmt: str = "csv"
    input_format: str | None = None
    models_dir: Path | None = None
    batch_size: int = 32  # articles per nlp.pipe batch
    chunk_size: int = 64  # articles per unit of work sent to an engine (and per commit)
    workers: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    force: bool = False
    progress: Callable[[int, int], None] | None = None  # (articles seen, processed)


@dataclass
class RunSummary:
    counts: dict[str, int] = field(default_factory=dict)
    tables: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    processed: int = 0
    reused: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- processing one batch

def process_articles(nlp: Any, articles: list[Article], batch_size: int = 32) -> list[Result]:
    """Run `nlp` over articles and return each with its rows. A failing article is marked
    failed (with the reason) instead of sinking its batch."""
    try:
        return _process(nlp, articles, batch_size)
    except Exception:  # noqa: BLE001 - isolate the culprit below
        if len(articles) == 1:
            raise
    results = []
    for article in articles:
        try:
            results.extend(_process(nlp, [article], batch_size))
        except Exception as exc:  # noqa: BLE001 - a bad record never stops the batch
            article.status = STATUS_FAILED
            article.error = Errors.E012.format(where=article.origin or article.article_id,
                                               reason=f"{type(exc).__name__}: {exc}")
            results.append((article, {}))
    return results


def _process(nlp: Any, articles: list[Article], batch_size: int) -> list[Result]:
    from pipeline.nlp import rows_of

    results = []
    with nlp.memory_zone():
        docs = []
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.article_id = article.article_id
            doc._.dct = article.published or None
            doc._.dct_source = article.published_source
            docs.append(doc)
        for article, doc in zip(articles, nlp.pipe(docs, batch_size=batch_size)):
            if doc._.dct and not article.published:
                article.published, article.published_source = doc._.dct, doc._.dct_source
            results.append((article, rows_of(doc)))
    return results


# ---------------------------------------------------------------- engines

class LocalEngine:
    """Everything in this process."""

    def __init__(self, cfg: RunConfig) -> None:
        from pipeline.nlp import build_pipeline

        self.nlp = build_pipeline(cfg.model, cfg.models_dir)
        self.batch_size = cfg.batch_size

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        for chunk in chunks:
            yield process_articles(self.nlp, chunk, self.batch_size)

    def close(self) -> None:
        pass


_WORKER_NLP: Any = None


def _init_worker(model: str, models_dir: str | None) -> None:
    global _WORKER_NLP
    from pipeline.nlp import build_pipeline

    _WORKER_NLP = build_pipeline(model, Path(models_dir) if models_dir else None)


def _work(chunk: list[Article], batch_size: int) -> list[Result]:
    return process_articles(_WORKER_NLP, chunk, batch_size)


class PoolEngine:
    """N worker processes, each loading the pipeline once; results come back in order."""

    def __init__(self, cfg: RunConfig) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.pool = ctx.Pool(cfg.workers, initializer=_init_worker,
                             initargs=(cfg.model, str(cfg.models_dir) if cfg.models_dir else None))
        self.window = 2 * cfg.workers
        self.batch_size = cfg.batch_size

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(self.pool.apply_async(_work, (chunk, self.batch_size)))
            while len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


def make_engine(cfg: RunConfig) -> Any:
    if cfg.engine == "dask":
        from pipeline.distributed import DaskEngine

        return DaskEngine(cfg)
    if cfg.workers > 1:
        return PoolEngine(cfg)
    return LocalEngine(cfg)


# ---------------------------------------------------------------- the run

def run_version(model: str, models_dir: Path | None) -> str:
    """Model name and version plus the rules fingerprint: what a state database is valid for."""
    from pipeline.nlp import MODELS_DIR, resolve_model, rules_fingerprint

    name = resolve_model(model)
    path = Path(name)
    if path.exists():
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        model_id = f"{path.name}:{meta.get('name')}-{meta.get('version')}"
    else:
        try:
            model_id = f"{name}-{importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            model_id = name
    return f"{model_id}|rules-{rules_fingerprint(Path(models_dir or MODELS_DIR))}"


def extract(cfg: RunConfig) -> RunSummary:
    """Run the extraction over `cfg.inputs` and write every table into `cfg.out`."""
    started = time.perf_counter()
    records = ingest.read_inputs(cfg.inputs, cfg.input_format)  # usage errors raise here
    version = run_version(cfg.model, cfg.models_dir)
    cfg.out.mkdir(parents=True, exist_ok=True)
    store = StateStore(cfg.out)
    summary = RunSummary()
    previous = store.get_meta("version")
    stale_ok = cfg.force or previous in (None, version)
    if not stale_ok:
        summary.notes.append(Errors.U007.format(path=cfg.out, old=previous, new=version))
    seen = 0

    def chunks() -> Iterator[list[Article]]:
        nonlocal seen
        chunk: list[Article] = []
        store.begin()
        for pos, article in enumerate(records):
            seen += 1
            if _plan(store, article, pos, version, cfg.force):
                chunk.append(article)
            else:
                summary.reused += article.status == STATUS_OK
            if len(chunk) >= cfg.chunk_size:
                store.commit()
                yield chunk
                chunk = []
                store.begin()
        store.commit()
        if chunk:
            yield chunk

    engine = make_engine(cfg)
    try:
        for results in engine.map(chunks()):
            store.save(results, version)
            summary.processed += len(results)
            if cfg.progress:
                cfg.progress(seen, summary.processed)
    finally:
        engine.close()
        store.commit()
    if seen == 0:
        store.close()
        raise UsageError(Errors.U002.format(detail="the inputs hold no records"))
    if stale_ok:
        store.set_meta("version", version)
    for table in TABLES:
        with TableWriter(cfg.out, table, cfg.fmt) as writer:
            writer.write(store.iter_rows(table))
        summary.tables[table] = writer.path
    summary.counts = store.counts()
    store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(store: StateStore, article: Article, pos: int, version: str, force: bool) -> bool:
    """Register `article` in the store; True when it needs processing by the pipeline."""
    known = store.lookup(article.article_id)
    if known and known[4] == store.run:  # id already used earlier in this run
        base, n = article.article_id, 2
        while store.lookup(f"{base}~{n}") and store.lookup(f"{base}~{n}")[4] == store.run:
            n += 1
        new_id = f"{base}~{n}"
        note = Errors.N001.format(old=base, new=new_id)
        article.article_id = new_id
        article.error = f"{article.error}; {note}" if article.error else note
        known = store.lookup(new_id)
    if article.status == STATUS_OK:
        other = store.duplicate_of(article.sha256, article.article_id)
        if other:
            article.status, article.error = STATUS_SKIPPED, Errors.S002.format(other=other)
    if (known and not force and article.status == STATUS_OK and known[0] == article.sha256
            and known[3]):
        store.touch(article.article_id, pos)
        return False
    store.register(article, pos)
    if article.status != STATUS_OK:
        store.save([(article, {})], version)
        return False
    return True
