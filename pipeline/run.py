"""The extraction run: ingest -> nlp.pipe in batches -> state store -> tables.

Articles are read lazily and cut into chunks; an engine (in-process, a pool of worker
processes, or a Dask cluster) processes the chunks and hands the results back in input order;
each chunk's rows are committed to the output folder's state database as it arrives. At the
end every table is exported atomically, in input order. Only `Article` records and plain row
dicts cross process boundaries, never `nlp` or a `Doc`.

An engine is any object with `map(chunks) -> results per chunk, in order` and `close()`.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pipeline import ingest
from pipeline.errors import Errors, OutputError, UsageError
from pipeline.records import STATUS_FAILED, STATUS_OK, STATUS_SKIPPED, TABLES, Article
from pipeline.state import StateStore, clean_temp_files, input_key
from pipeline.streams import DEFAULT_LIMITS, Limits
from pipeline.writers import write_tables

Rows = dict[str, list[dict[str, Any]]]
Result = tuple[Article, Rows]
ENGINES = ("local", "dask")
# Characters per nlp.pipe batch at most (about 32 articles of average length): the peak memory
# of the parser follows the batch's text.
BATCH_CHARS = 150_000
# A record source (e.g. pipeline.feeds.UrlSource) yields FLUSH when no record is ready: the
# planner hands out its partial chunk at once, so the model never waits on a slow source
# while articles are available.
FLUSH = object()


@dataclass
class RunConfig:
    inputs: list[str]
    out: Path = Path("outputs")
    model: str = "auto"
    fmt: str = "csv"
    input_format: str | None = None
    models_dir: Path | str | None = None  # a rule-set folder or version name (resolved)
    batch_size: int = 32  # articles per nlp.pipe batch (and at most BATCH_CHARS characters)
    chunk_size: int = 64  # articles per unit of work sent to an engine (and per commit)
    workers: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # address of a running Dask scheduler
    force: bool = False
    select: frozenset[str] | None = None  # only these article ids (evaluate: the gold's)
    records: Iterable[Article] | None = None  # articles given directly, instead of `inputs`
    progress: Callable[[int], None] | None = None  # called with the input records done so far
    triage: bool = False  # run the model only on the sentences that can hold a row
    on_note: Callable[[str], None] | None = None  # called with each note as it arises
    limits: Limits = DEFAULT_LIMITS  # --max-chars, --max-file-size, --max-ratio


@dataclass
class RunSummary:
    counts: dict[str, int] = field(default_factory=dict)  # this run's statuses; table rows
    tables: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    processed: int = 0  # articles sent through the pipeline in this run
    reused: int = 0  # articles whose stored rows were kept (same id and content)
    version: str = ""
    notes: list[str] = field(default_factory=list)
    package: Path | None = None  # datapackage.json describing the tables
    # with triage, over the articles processed in this run:
    sentences: int = 0  # their sentences
    model_sentences: int = 0  # those that reached the model
    model_articles: int = 0  # articles with at least one sentence that reached the model


class Engine(Protocol):
    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...


def in_order(chunks: Iterable[list[Article]], submit: Callable[[list[Article]], Any],
             collect: Callable[[deque], list[Result]], window: int) -> Iterator[list[Result]]:
    """Submit chunks while at most `window` are in flight; yield their results in input
    order. `collect` pops the oldest (chunk, future) pair and returns its results."""
    pending: deque[tuple[list[Article], Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        while len(pending) >= window:
            yield collect(pending)
    while pending:
        yield collect(pending)


# ---------------------------------------------------------------- processing one chunk

def process_articles(nlp: Any, articles: list[Article], batch_size: int = 32) -> list[Result]:
    """Run `nlp` over articles and return each with its rows. A failing article is marked
    failed (with the reason) instead of sinking its chunk."""
    try:
        return _process(nlp, articles, batch_size)
    except Exception:  # noqa: BLE001 - find the culprit one article at a time
        pass
    results = []
    for article in articles:
        try:
            results.extend(_process(nlp, [article], batch_size))
        except Exception as exc:  # noqa: BLE001 - a bad record never stops the run
            results.append(mark_failed(article, f"{type(exc).__name__}: {exc}"))
    return results


def mark_failed(article: Article, reason: str) -> Result:
    """`article` as failed in processing, keeping earlier notes, with no rows."""
    message = Errors.E012.format(where=article.origin or article.article_id, reason=reason)
    article.status = STATUS_FAILED
    article.error = f"{article.error}; {message}" if article.error else message
    return article, {}


def make_article_doc(nlp: Any, article: Article, text: str | None = None) -> Any:
    """The unprocessed Doc of an article (or of `text`, a piece of it), with the metadata the
    extractors read."""
    doc = nlp.make_doc(article.text if text is None else text)
    doc._.article_id = article.article_id
    doc._.dct = article.published or None
    doc._.dct_source = article.published_source
    doc._.source, doc._.url = article.source, article.url
    return doc


def _process(nlp: Any, articles: list[Article], batch_size: int) -> list[Result]:
    from pipeline.extractors.base import rows_of
    from pipeline.pieces import PIECE_CHARS, merge_rows, shift_rows, split_text
    from pipeline.triage import triage_counts

    def make_doc(article: Article, text: str | None = None) -> Any:
        return make_article_doc(nlp, article, text)

    def rows(article: Article, doc: Any) -> Rows:
        if doc._.dct and not article.published:
            article.published, article.published_source = doc._.dct, doc._.dct_source
        return rows_of(doc)

    results = []
    # Strings and lexemes created inside the zone are freed when it ends: memory stays flat.
    with nlp.memory_zone():
        for long, group in itertools.groupby(articles, key=lambda a: len(a.text) > PIECE_CHARS):
            if long:  # piece by piece: a date inferred from the first anchors the others
                results.extend((a, merge_rows([
                    shift_rows(rows(a, nlp(make_doc(a, piece))), offset, a.article_id)
                    for offset, piece in split_text(a.text, PIECE_CHARS)])) for a in group)
                continue
            for batch in char_batches(list(group), batch_size, BATCH_CHARS):
                docs = nlp.pipe((make_doc(a) for a in batch), batch_size=len(batch))
                for article, doc in zip(batch, docs):
                    counts = triage_counts(doc)
                    if counts is not None:
                        article.model_share = (counts.sentences, counts.model_sentences)
                    results.append((article, rows(article, doc)))
    return results


def char_batches(articles: list[Article], size: int, max_chars: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most `size` articles and `max_chars` characters (an article
    longer than that alone): the parser's memory grows with the batch's text, so the peak
    is set by the longest article, not by which long articles happen to share a batch."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        n = len(article.text)
        if batch and (len(batch) >= size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += n
    if batch:
        yield batch


# ---------------------------------------------------------------- engines

class LocalEngine:
    """Everything in this process."""

    def __init__(self, cfg: RunConfig, nlp: Any = None) -> None:
        from pipeline.nlp import build_pipeline

        self.nlp = nlp if nlp is not None else build_pipeline(cfg.model, cfg.models_dir,
                                                              triage=cfg.triage)
        self.batch_size = cfg.batch_size

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        for chunk in chunks:
            yield process_articles(self.nlp, chunk, self.batch_size)

    def close(self) -> None:
        pass


_WORKER: dict[str, Any] = {}  # per worker process: nlp, loads, error


def _init_worker(model: str, models_dir: str | None, triage: bool = False) -> None:
    from pipeline.nlp import build_pipeline

    exit_with_parent()
    try:
        _WORKER["nlp"] = build_pipeline(model, Path(models_dir) if models_dir else None,
                                        triage=triage)
        _WORKER["loads"] = _WORKER.get("loads", 0) + 1
    except Exception as exc:  # noqa: BLE001 - re-raised by every task: the run stops with it
        _WORKER["error"] = exc


def exit_with_parent(interval: float = 1.0) -> None:
    """End this worker process soon after its parent dies (e.g. a SIGKILLed run), instead of
    working on for nobody."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _work(chunk: list[Article], batch_size: int) -> list[Result]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return without_text(process_articles(_WORKER["nlp"], chunk, batch_size))


def without_text(results: list[Result]) -> list[Result]:
    """Results to send back from a worker: the caller has the texts, the store needs none."""
    for article, _ in results:
        article.text = ""
    return results


def worker_info() -> tuple[int, int]:
    """(pid, times the pipeline was loaded) of the worker process running this call."""
    return os.getpid(), _WORKER.get("loads", 0)


class PoolEngine:
    """N worker processes, each loading the pipeline once; results come back in input order.

    At most `2 * workers` chunks are in flight. If a worker process dies (out of memory, a
    crash in native code), the pool is restarted and the chunk it held is re-run one article
    at a time: an article that kills a worker again is marked failed, the rest go through.
    """

    task: Callable[[list[Article], int], list[Result]] = staticmethod(_work)

    def __init__(self, cfg: RunConfig) -> None:
        self.workers = cfg.workers
        self.window = 2 * cfg.workers
        self.batch_size = cfg.batch_size
        self.initargs = (cfg.model, str(cfg.models_dir) if cfg.models_dir else None,
                         cfg.triage)
        self.pool = self._new_pool()

    def _new_pool(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=self.initargs)

    def _submit(self, chunk: list[Article]) -> Future:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(self.task, chunk, self.batch_size)
        except BrokenProcessPool as exc:  # a worker died while idle: handled like the others
            future: Future = Future()
            future.set_exception(exc)
            return future

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new_pool()

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[list[Result]]:
        return in_order(chunks, self._submit, self._next, self.window)

    def _next(self, pending: deque[tuple[list[Article], Future]]) -> list[Result]:
        from concurrent.futures.process import BrokenProcessPool

        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        # Alone in the new pool, so a second death is this article's doing.
        results = [self._one(article) for article in chunk]
        for i in range(len(pending)):  # their futures died with the old pool
            other, old = pending[i]
            if not (old.done() and not old.cancelled() and old.exception() is None):
                pending[i] = (other, self._submit(other))
        return results

    def _one(self, article: Article) -> Result:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._submit([article]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return mark_failed(article, Errors.E013)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_engine(cfg: RunConfig, nlp: Any = None) -> Engine:
    """The engine `cfg` asks for; `nlp` (an already built pipeline) serves the local one."""
    if cfg.engine not in ENGINES:
        raise UsageError(Errors.U003.format(value=cfg.engine, choices=", ".join(ENGINES)))
    if cfg.engine == "dask":
        from pipeline.distributed import DaskEngine

        return DaskEngine(cfg)
    if cfg.workers > 1:
        return PoolEngine(cfg)
    return LocalEngine(cfg, nlp)


# ---------------------------------------------------------------- the run

def model_id(model: str) -> str:
    """The resolved model's name and version ("en_core_web_sm-3.8.0"; a saved pipeline:
    "folder:name-version")."""
    from pipeline.nlp import resolve_model

    name = resolve_model(model)
    path = Path(name)
    if path.exists():
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return f"{path.name}:{meta.get('name')}-{meta.get('version')}"
    try:
        return f"{name}-{importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return name


def rules_label(models_dir: Path | None) -> str:
    """NAME@VERSION of a rule set (the articles table's `rules` column)."""
    from pipeline.rules import resolve_rules

    ruleset = resolve_rules(models_dir)
    return f"{ruleset.name}@{ruleset.version}"


def run_version(model: str, models_dir: Path | None, triage: bool = False) -> str:
    """Model name and version plus the rules fingerprint (and "triage" when the model ran on
    the candidate sentences only): what a state database is valid for."""
    from pipeline.nlp import model_for
    from pipeline.rules import fingerprint, rules_dir
    from pipeline.triage import read_triggers

    folder = rules_dir(models_dir)
    mode = "|triage" if triage and read_triggers(folder) is not None else ""
    return f"{model_id(model_for(model, folder))}|rules-{fingerprint(folder)}{mode}"


def extract(cfg: RunConfig, nlp: Any = None) -> RunSummary:
    """Run the extraction over `cfg.inputs` and write every table into `cfg.out`.

    `nlp`: an already built pipeline for the in-process engine (it must match `cfg.model`
    and `cfg.models_dir`, which name the version recorded in the state database; whether it
    triages sets `cfg.triage`).
    """
    from pipeline.rules import rules_dir
    from pipeline.triage import is_triaged

    started = time.perf_counter()
    cfg.models_dir = rules_dir(cfg.models_dir)  # resolved once: workers get the same folder
    records = cfg.records if cfg.records is not None else \
        ingest.read_inputs(cfg.inputs, cfg.input_format, cfg.limits)  # usage errors raise here
    if cfg.select is not None:
        records = (a for a in records if a is FLUSH or a.article_id in cfg.select)
    if nlp is not None:
        cfg.triage = is_triaged(nlp)
    version = run_version(cfg.model, cfg.models_dir, cfg.triage)
    try:
        cfg.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Errors.W001.format(path=cfg.out, reason=exc.strerror)) from exc
    store = StateStore(cfg.out)
    try:
        summary = _extract(cfg, store, records, version, nlp)
    except BaseException:
        store.rollback()  # the last commit stands: a re-run resumes from it
        raise
    finally:
        store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _extract(cfg: RunConfig, store: StateStore, records: Iterable[Article], version: str,
             nlp: Any) -> RunSummary:
    summary = RunSummary(version=version)

    def note(text: str) -> None:
        summary.notes.append(text)
        if cfg.on_note:
            cfg.on_note(text)

    clean_temp_files(cfg.out)  # tables of a run killed while exporting
    stale = store.stale_versions(version)
    if stale and not cfg.force:
        old = ", ".join(f"{v or '?'} ({n} articles)" for v, n in stale.items())
        note(Errors.U007.format(path=cfg.out, old=old, new=version))
    planner = Planner(store, version, cfg.force, summary, cfg.progress, cfg.limits.max_chars)
    chunks = planner.chunks(records, cfg.chunk_size)
    rules = rules_label(cfg.models_dir)
    first = next(chunks, None)
    if first is not None:  # nothing new: no model to load
        engine = make_engine(cfg, nlp)
        try:
            for results in engine.map(itertools.chain([first], chunks)):
                for article, _ in results:  # which rule set produced each article's rows
                    article.rules = rules if article.status == STATUS_OK else ""
                store.save(results, version)
                summary.processed += len(results)
                for article, _ in results:
                    if article.model_share is not None:
                        summary.sentences += article.model_share[0]
                        summary.model_sentences += article.model_share[1]
                        summary.model_articles += article.model_share[1] > 0
                planner.in_flight -= len(results)
                if cfg.progress:
                    cfg.progress(planner.seen - planner.in_flight)
        finally:
            engine.close()
            store.commit()
    if planner.seen == 0:
        raise UsageError(Errors.U002.format(detail="the inputs hold no records"))
    stale = store.stale_versions(version)
    if not stale:
        store.set_meta("version", version)
    # All tables as one set: a failure while writing any leaves the previous ones in place.
    summary.tables = write_tables(cfg.out, {t: store.iter_rows(t) for t in TABLES}, cfg.fmt)
    summary.package = write_run_package(cfg, stale)
    summary.counts = store.counts()
    return summary


def write_run_package(cfg: RunConfig, stale: dict[str, int]) -> Path:
    """datapackage.json for the tables just written (see pipeline/datapackage.py)."""
    import datetime as dt

    from pipeline.datapackage import describe, write_package
    from pipeline.nlp import model_for

    model = model_id(model_for(cfg.model, Path(cfg.models_dir)))
    descriptor = describe(cfg.fmt, model=model, rules=cfg.models_dir,
                          created=dt.datetime.now(dt.timezone.utc), other_versions=stale)
    try:
        return write_package(cfg.out, descriptor)
    except OSError as exc:
        path = exc.filename or cfg.out / "datapackage.json"
        raise OutputError(Errors.W001.format(path=path, reason=exc.strerror)) from exc


class Planner:
    """Registers every input record in the store and cuts those that need the pipeline
    into chunks. Each chunk's registrations are committed before the chunk is handed out,
    so the store is never inside an open transaction while the engine works."""

    def __init__(self, store: StateStore, version: str, force: bool, summary: RunSummary,
                 progress: Callable[[int], None] | None = None,
                 max_chars: int = DEFAULT_LIMITS.max_chars) -> None:
        self.store, self.version, self.force = store, version, force
        self.summary, self.progress, self.max_chars = summary, progress, max_chars
        self.seen = 0  # input records read
        self.in_flight = 0  # articles handed out whose results have not come back

    def chunks(self, records: Iterable[Article], size: int) -> Iterator[list[Article]]:
        chunk: list[Article] = []
        self.store.begin()
        pos = -1
        for article in records:
            if article is FLUSH:  # the source has nothing ready: hand out what we have
                if chunk:
                    self.store.commit()
                    self.in_flight += len(chunk)
                    yield chunk
                    chunk = []
                    self.store.begin()
                continue
            pos += 1
            self.seen += 1
            if self.plan(article, pos):
                chunk.append(article)
            elif self.progress and self.seen % 256 == 0:
                self.progress(self.seen - self.in_flight - len(chunk))
            if len(chunk) >= size:
                self.store.commit()
                self.in_flight += len(chunk)
                yield chunk
                chunk = []
                self.store.begin()
        self.store.commit()
        if chunk:
            self.in_flight += len(chunk)
            yield chunk
        elif self.progress:
            self.progress(self.seen - self.in_flight)

    def plan(self, article: Article, pos: int) -> bool:
        """Register `article` at input position `pos`; True when it needs the pipeline."""
        store = self.store
        if article.status == STATUS_OK and len(article.text) > self.max_chars:
            too_long = Errors.S010.format(n=len(article.text), cap=self.max_chars)
            article.status, article.n_chars = STATUS_SKIPPED, len(article.text)
            article.error = f"{article.error}; {too_long}" if article.error else too_long
            article.text = ""  # neither processed nor kept in the state
        known = store.lookup(article.article_id)
        if known and known.seen_run == store.run:  # id already used earlier in this run
            base, n = article.article_id, 2
            while (other := store.lookup(f"{base}~{n}")) and other.seen_run == store.run:
                n += 1
            new_id = f"{base}~{n}"
            renamed = Errors.N001.format(old=base, new=new_id)
            article.article_id = new_id
            article.error = f"{article.error}; {renamed}" if article.error else renamed
            known = store.lookup(new_id)
        if article.status == STATUS_OK:
            other = store.duplicate_of(article.sha256, article.article_id)
            if other:
                article.status, article.error = STATUS_SKIPPED, Errors.S002.format(other=other)
        if (known and not self.force and article.status == STATUS_OK
                and known.status == STATUS_OK and known.done
                and known.input_key == input_key(article)):
            store.touch(article, pos)
            self.summary.reused += 1
            return False
        store.register(article, pos)
        if article.status != STATUS_OK:
            store.save([(article, {})], self.version)
            return False
        return True
