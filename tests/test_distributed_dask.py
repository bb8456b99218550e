"""`--engine dask`: partitions on a Dask cluster give the local run's tables, row for row."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from pipeline import ingest  # noqa: E402
from pipeline.cli import cli  # noqa: E402
from pipeline.distributed import DaskEngine, PipelinePlugin, rule_files  # noqa: E402
from pipeline.errors import UsageError  # noqa: E402
from pipeline.rules import default_rules_dir, fingerprint as rules_fingerprint  # noqa: E402

MODELS_DIR = default_rules_dir()
from pipeline.records import Article  # noqa: E402
from pipeline.run import RunConfig, extract, process_articles, run_version  # noqa: E402
from helpers import read_tables as tables  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def local_tables(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    extract(RunConfig(inputs=[str(CORPUS)], out=out, chunk_size=2), nlp=nlp)
    return tables(out)


def test_distributed_local_cluster_equals_local_run(local_tables, tmp_path):
    summary = extract(RunConfig(inputs=[str(CORPUS)], out=tmp_path, chunk_size=2,
                                engine="dask", workers=2))
    assert summary.processed == summary.counts["ok"] > 0
    assert tables(tmp_path) == local_tables


def test_distributed_existing_scheduler_loads_once_per_worker_in_order(nlp, tmp_path):
    from distributed import LocalCluster

    articles = [a for a in ingest.read_inputs([str(CORPUS)]) if a.status == "ok"]
    expected = [(a.article_id, rows) for a, rows in process_articles(
        nlp, [Article(**vars(a)) for a in articles])]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        cfg = RunConfig(inputs=[str(CORPUS)], out=tmp_path, chunk_size=2, engine="dask",
                        scheduler=cluster.scheduler_address)
        engine = DaskEngine(cfg)
        try:
            assert engine.window == 4  # two partitions in flight per worker thread
            partitions = [articles[i:i + 1] for i in range(len(articles))]
            got = [r for results in engine.map(partitions) for r in results]
            assert [(a.article_id, rows) for a, rows in got] == expected
            assert sorted(loads for _, loads in engine.workers().values()) == [1, 1]
        finally:
            engine.close()
        assert cluster.status.name == "running"  # a cluster we did not start stays up


def test_distributed_plugin_ships_the_rules_and_refuses_another_version(tmp_path):
    shipped = rule_files(MODELS_DIR)
    assert any(p.startswith("patterns/") or p.startswith("gazetteers/") for p in shipped)
    for rel, data in shipped.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    assert rules_fingerprint(tmp_path) == rules_fingerprint(MODELS_DIR)
    assert run_version("auto", tmp_path) == run_version("auto", MODELS_DIR)

    plugin = PipelinePlugin("auto", shipped, "some-other-model|rules-0")
    with pytest.raises(UsageError, match="differs from the client's"):
        plugin._load()
    assert plugin.nlp is None


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
    (["--engine", "spark"], "Invalid value for '--engine'"),
])
def test_distributed_cli_option_errors(tmp_path, seed_path, args, message):
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(tmp_path), *args])
    assert result.exit_code == 2 and message in result.output
