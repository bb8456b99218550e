"""The `communique` command end to end."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.records import TABLES, table_columns


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["evaluate", "--help"]])
def test_cli_help_documents_every_option(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if args[0] == "extract":
        for option in ("--out", "--model", "--format", "--input-format", "--workers", "--force",
                       "--quiet"):
            assert option in result.output


def test_cli_extract_seed_writes_every_table(tmp_path, seed_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 ok, 0 skipped, 0 failed" in result.output
    for table in TABLES:
        with open(out / f"{table}.csv", encoding="utf-8") as fh:
            assert tuple(next(csv.reader(fh))) == table_columns(table)
    [article] = read_csv(out / "articles.csv")
    assert article["article_id"] == seed_path.stem and article["status"] == "ok"
    assert int(article["n_chars"]) == len(seed_path.read_text(encoding="utf-8"))


def test_cli_extract_bad_records_do_not_stop_the_batch(tmp_path, seed_path):
    feed = tmp_path / "in.jsonl"
    text = seed_path.read_text(encoding="utf-8")
    feed.write_bytes(b"\n".join([
        json.dumps({"id": "good", "text": text}).encode(),
        b'{"id": "broken", "text": ',
        json.dumps({"id": "dup", "text": text}).encode(),
        json.dumps({"id": "good", "text": text + " Extra sentence."}).encode(),
        json.dumps({"id": "empty", "text": ""}).encode(),
    ]) + b"\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(feed), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["article_id"]: r for r in read_csv(out / "articles.csv")}
    assert list(rows) == ["good", "in:2", "dup", "good~2", "empty"]
    assert rows["in:2"]["status"] == "failed" and "line 2: malformed JSON" in rows["in:2"]["error"]
    assert rows["dup"]["status"] == "skipped" and "duplicate of article 'good'" in rows["dup"]["error"]
    assert rows["good~2"]["status"] == "ok" and "renamed to 'good~2'" in rows["good~2"]["error"]
    assert rows["empty"]["status"] == "skipped"
    assert "2 ok, 2 skipped, 1 failed" in result.output


def test_cli_extract_missing_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt"), "--out",
                                      str(tmp_path / "o")])
    assert result.exit_code == 2 and "input not found" in result.output


def test_cli_extract_nothing_readable_exits_nonzero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd")
    result = CliRunner().invoke(cli, ["extract", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    [row] = read_csv(tmp_path / "o" / "articles.csv")
    assert row["status"] == "failed"


def test_cli_extract_stdin_and_parquet(tmp_path, seed_text):
    line = json.dumps({"id": "s1", "date": "2021-05-20", "text": seed_text}) + "\n"
    result = CliRunner().invoke(cli, ["extract", "-", "--out", str(tmp_path), "--format",
                                      "parquet", "--quiet"], input=line)
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    [row] = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    assert (row["article_id"], row["published"], row["published_source"]) == (
        "s1", "2021-05-20", "metadata")


def test_cli_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and "extract" in result.stdout
