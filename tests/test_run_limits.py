"""--max-chars in a run: a longer article is skipped with the reason and its length, never
processed or kept; raising the limit processes it on the next run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import read_tables
from pipeline.cli import cli
from pipeline.run import RunConfig, extract
from pipeline.streams import Limits

SHORT = ("President Kassym-Jomart Tokayev met Prime Minister Narendra Modi in Astana on May 19, "
         "2021, and the two leaders discussed trade and the transport links of the region.")
LONG = " ".join([SHORT.replace("May 19", f"May {d}") for d in range(1, 11)])


def test_run_limits_article_above_max_chars_is_skipped_then_processed(nlp, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "short", "text": SHORT}) + "\n"
                    + json.dumps({"id": "long", "text": LONG}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    cfg = RunConfig(inputs=[str(path)], out=out, limits=Limits(max_chars=500))
    extract(cfg, nlp=nlp)
    header, *rows = read_tables(out)["articles"]
    short, long = (dict(zip(header, r)) for r in rows)
    assert short["status"] == "ok"
    assert (long["status"], long["n_chars"]) == ("skipped", str(len(LONG)))
    assert long["error"] == (f"text of {len(LONG):,} characters is above --max-chars 500; not "
                             "processed (raise --max-chars to process it)")
    header, *dates = read_tables(out)["dates"]
    assert {dict(zip(header, r))["article_id"] for r in dates} == {"short"}

    extract(RunConfig(inputs=[str(path)], out=out), nlp=nlp)  # the default limit
    header, *rows = read_tables(out)["articles"]
    assert [dict(zip(header, r))["status"] for r in rows] == ["ok", "ok"]
    header, *dates = read_tables(out)["dates"]
    assert sum(dict(zip(header, r))["article_id"] == "long" for r in dates) >= 10


def test_run_limits_cli_options(tmp_path):
    help_text = CliRunner().invoke(cli, ["extract", "--help"]).output
    for option in ("--max-chars", "--max-file-size", "--max-ratio"):
        assert option in help_text
    path = tmp_path / "a.txt"
    path.write_text(SHORT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--max-file-size", "lots"])
    assert result.exit_code == 2 and "'lots' is not a size" in result.output
