"""datapackage.json: the tables described as a Frictionless Data Package, validated with the
`frictionless` library on real runs, and the data dictionary docs/tables.md."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from frictionless import validate

from pipeline.api import Tables, extract_texts, read_tables
from pipeline.cli import cli
from pipeline.datapackage import (
    PACKAGE_FILE,
    describe,
    read_package,
    render_markdown,
    write_package,
)
from pipeline.errors import UsageError
from pipeline.gazetteers import read_gazetteer
from pipeline.records import (
    ROW_TYPES,
    TABLES,
    Article,
    Column,
    table_columns,
    table_specs,
)
from pipeline.rules import default_rules_dir, init_rules, resolve_rules
from pipeline.state import clean_temp_files

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DOCS = ROOT / "docs" / "tables.md"


def extract(*args: str) -> None:
    result = CliRunner().invoke(cli, ["extract", *args, "-q"])
    assert result.exit_code == 0, result.output


def problems(path: Path) -> list[tuple]:
    """(resource, error type, row, field, note) of every error frictionless finds."""
    report = validate(str(path))
    found = [(None, e.type, None, None, e.note) for e in report.errors]
    for task in report.tasks:
        found += [(task.name, e.type, getattr(e, "row_number", None),
                   getattr(e, "field_name", None), e.note) for e in task.errors]
    assert report.valid == (not found)
    return found


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    """`make run`: the bundled corpus extracted as CSV (its state reused by other formats)."""
    out = tmp_path_factory.mktemp("corpus") / "outputs"
    extract(str(CORPUS), "--out", str(out))
    return out


# ---------------------------------------------------------------- declarations

@pytest.mark.parametrize("table", TABLES)
def test_datapackage_every_column_is_declared(table):
    specs = table_specs(table)
    assert tuple(specs) == table_columns(table)
    for name, column in specs.items():
        assert isinstance(column, Column) and len(column.description) > 20, name
        assert not (column.enum and column.pattern), name
    cls = Article if table == "articles" else ROW_TYPES[table]
    assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(")  # not dataclass's


def test_datapackage_doc_type_enum_is_the_rule_set_codes():
    codes = {r["code"] for r in read_gazetteer(default_rules_dir() / "gazetteers" /
                                               "doc_types.csv") if r["kind"] != "exclude"}
    field = _field(describe(), "documents", "doc_type")
    assert set(field["constraints"]["enum"]) == codes
    assert {"agreement", "memorandum", "treaty", "other"} <= codes and "exclude" not in codes


def test_datapackage_enum_follows_a_modified_rule_set(tmp_path):
    rules = init_rules(tmp_path / "rules")
    with open(rules.path / "gazetteers" / "doc_types.csv", "a", encoding="utf-8") as fh:
        fh.write("aide-memoire,aide_memoire,singular,lower\n")
    package = describe(rules=rules.path)
    assert "aide_memoire" in _field(package, "documents", "doc_type")["constraints"]["enum"]
    assert package["communique"]["rules"]["name"] == "rules"
    assert package["communique"]["rules"]["version"] == resolve_rules(rules.path).version


def test_datapackage_keys_and_references():
    package = describe("parquet")
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    for res in package["resources"]:
        assert res["path"] == f"{res['name']}.parquet" and res["format"] == "parquet"
        schema = res["schema"]
        if res["name"] == "articles":
            assert schema["primaryKey"] == ["article_id"] and "foreignKeys" not in schema
        else:
            assert schema["primaryKey"] == ["row_id"]
            assert schema["foreignKeys"] == [{"fields": ["article_id"], "reference": {
                "resource": "articles", "fields": ["article_id"]}}]


def _field(package: dict, table: str, name: str) -> dict:
    [res] = [r for r in package["resources"] if r["name"] == table]
    [field] = [f for f in res["schema"]["fields"] if f["name"] == name]
    return field


# ---------------------------------------------------------------- real runs, validated

def test_datapackage_make_run_output_is_valid(corpus_out):
    package = json.loads((corpus_out / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{t}.csv" for t in TABLES]
    about = package["communique"]
    ruleset = resolve_rules(None)
    assert about["rules"] == {"name": "default", "version": ruleset.version}
    assert about["model"].startswith("en_core_web_sm") and about["version"]
    created = dt.datetime.fromisoformat(package["created"])
    assert abs(dt.datetime.now(dt.timezone.utc) - created) < dt.timedelta(hours=1)
    assert problems(corpus_out / PACKAGE_FILE) == []


def test_datapackage_frictionless_command_passes_on_make_run_output(corpus_out):
    """The closing check of issue 18, as a user runs it."""
    tool = Path(sys.executable).with_name("frictionless")
    done = subprocess.run([str(tool), "validate", str(corpus_out / PACKAGE_FILE)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("VALID") == len(TABLES) and "INVALID" not in done.stdout


def test_datapackage_parquet_output_is_valid(corpus_out, tmp_path):
    out = tmp_path / "outputs"
    shutil.copytree(corpus_out, out)  # with its state: nothing is extracted again
    extract(str(CORPUS), "--out", str(out), "--format", "parquet")
    package = read_package(out)
    assert [r["path"] for r in package["resources"]] == [f"{t}.parquet" for t in TABLES]
    assert problems(out / PACKAGE_FILE) == []
    csv_tables, parquet_tables = read_tables(corpus_out), read_tables(out)
    for table, df in csv_tables.items():
        pd.testing.assert_frame_equal(parquet_tables[table], df)


def test_datapackage_seed_output_is_valid(tmp_path, seed_path):
    extract(str(seed_path), "--out", str(tmp_path))
    assert problems(tmp_path / PACKAGE_FILE) == []
    with open(tmp_path / "documents.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 10


def test_datapackage_bad_records_are_valid_rows(tmp_path, seed_path):
    """Failed and skipped records (no text, no hash, renamed ids) fit the schema too."""
    feed = tmp_path / "in.jsonl"
    text = seed_path.read_text(encoding="utf-8")
    feed.write_bytes(b"\n".join([
        json.dumps({"id": "good", "text": text, "date": "2021-05-20"}).encode(),
        b'{"id": "broken", "text": ',
        json.dumps({"id": "dup", "text": text}).encode(),
        json.dumps({"id": "good", "text": text + " Extra sentence."}).encode(),
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "=cmd", "text": 5, "date": "not a date"}).encode(),
    ]) + b"\n")
    extract(str(feed), "--out", str(tmp_path / "out"))
    statuses = read_tables(tmp_path / "out").articles.status.tolist()
    assert statuses == ["ok", "failed", "skipped", "ok", "skipped", "failed"]
    assert problems(tmp_path / "out" / PACKAGE_FILE) == []


def test_datapackage_real_articles_are_valid(tmp_path, shared_corpus):
    """A slice of every file of ../shared/corpus: real feeds, every source's quirks."""
    sample = tmp_path / "sample.jsonl"
    with open(sample, "w", encoding="utf-8") as out:
        for path in sorted(shared_corpus.glob("*.jsonl")):
            with open(path, encoding="utf-8") as fh:
                for _, line in zip(range(8), fh):
                    out.write(line)
    extract(str(sample), "--out", str(tmp_path / "out"))
    assert problems(tmp_path / "out" / PACKAGE_FILE) == []


@pytest.mark.parametrize("table,column,value,error", [
    ("trade", "measure", "turnover", "constraint-error"),  # not an allowed measure
    ("dates", "granularity", "week", "constraint-error"),
    ("dates", "value", "2021-13-01", "constraint-error"),  # no month 13
    ("trade", "currency", "usd", "constraint-error"),  # not an ISO 4217 code
    ("documents", "countries", "KAZ,TJK", "constraint-error"),  # joined with the wrong mark
    ("articles", "status", "done", "constraint-error"),
    ("leaders", "confidence", "1.5", "constraint-error"),
    ("leaders", "article_id", "no-such-article", "foreign-key"),
    ("dates", "row_id", "", "constraint-error"),  # required
])
def test_datapackage_validation_catches_bad_cells(corpus_out, tmp_path, table, column, value,
                                                   error):
    out = tmp_path / "outputs"
    shutil.copytree(corpus_out, out, ignore=shutil.ignore_patterns(".communique"))
    path = out / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1][column] = value
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    found = problems(out / PACKAGE_FILE)
    assert found and found[0][:2] == (table, error), found
    assert {(t, row) for t, _, row, *_ in found} == {(table, 3)}  # the row changed (1: header)


def test_datapackage_validation_catches_a_duplicate_row_id(corpus_out, tmp_path):
    out = tmp_path / "outputs"
    shutil.copytree(corpus_out, out, ignore=shutil.ignore_patterns(".communique"))
    lines = (out / "leaders.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "leaders.csv").write_text("".join(lines + [lines[1]]), encoding="utf-8")
    assert [(t, e) for t, e, *_ in problems(out / PACKAGE_FILE)] == [("leaders", "primary-key")]


# ---------------------------------------------------------------- writing and reading

def test_datapackage_run_records_rows_of_other_versions(tmp_path, seed_path):
    out = tmp_path / "out"
    extract(str(seed_path), "--out", str(out))
    rules = init_rules(tmp_path / "rules")
    with open(rules.path / "gazetteers" / "titles.csv", "a", encoding="utf-8") as fh:
        fh.write("Grand Vizier,Grand Vizier,head_of_government,\n")
    extract(str(seed_path), "--out", str(out), "--rules", str(rules.path))
    about = read_package(out)["communique"]
    assert about["rules"] == {"name": "rules", "version": resolve_rules(rules.path).version,
                              "parent": {"name": "default",
                                         "version": resolve_rules(None).version}}
    [(old, n)] = about["rows_from_other_versions"].items()
    assert old.endswith(resolve_rules(None).version) and n == 1


def test_datapackage_is_written_atomically(tmp_path, monkeypatch):
    path = write_package(tmp_path, {"resources": []})
    before = path.read_text(encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(json, "dump", broken)
    with pytest.raises(OSError):
        write_package(tmp_path, describe())
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [PACKAGE_FILE]


def test_datapackage_temp_file_of_a_killed_run_is_removed(tmp_path):
    (tmp_path / f".{PACKAGE_FILE}.12345.tmp").write_text("{", encoding="utf-8")
    assert clean_temp_files(tmp_path) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_datapackage_tables_write_one_carrying_the_run(tmp_path, fmt):
    tables = extract_texts([{"id": "a", "date": "2021-05-20",
                             "text": "President Emomali Rahmon met President Kassym-Jomart "
                                     "Tokayev of Kazakhstan yesterday."}])
    assert tables.package["communique"]["model"]
    paths = getattr(tables, f"to_{fmt}")(tmp_path)
    assert paths["datapackage"] == tmp_path / PACKAGE_FILE
    package = read_package(tmp_path)
    assert package["communique"] == tables.package["communique"]
    assert package["created"] == tables.package["created"]
    assert [r["path"] for r in package["resources"]] == [f"{t}.{fmt}" for t in TABLES]
    assert problems(tmp_path / PACKAGE_FILE) == []


def test_datapackage_tables_made_by_hand_get_one_too(tmp_path):
    Tables(**{t: pd.DataFrame() for t in TABLES}).to_csv(tmp_path)
    package = read_package(tmp_path)
    assert "model" not in package["communique"] and package["created"]
    assert problems(tmp_path / PACKAGE_FILE) == []


def test_datapackage_read_tables_takes_files_and_types_from_the_package(corpus_out, tmp_path):
    out = tmp_path / "outputs"
    shutil.copytree(corpus_out, out, ignore=shutil.ignore_patterns(".communique"))
    # a column the declarations do not know, typed by the package (a reviewed flag, say)
    with open(out / "leaders.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        row["reviewed"] = "true" if i % 2 else "false"
    with open(out / "leaders.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    package = read_package(out)
    [leaders] = [r for r in package["resources"] if r["name"] == "leaders"]
    leaders["schema"]["fields"].append({"name": "reviewed", "type": "boolean"})
    # a newer Parquet file the package does not name is not read
    Tables(**{t: pd.DataFrame() for t in TABLES}).to_parquet(tmp_path / "empty")
    shutil.copy(tmp_path / "empty" / "leaders.parquet", out / "leaders.parquet")
    write_package(out, package)
    tables = read_tables(out)
    assert len(tables.leaders) == len(rows) and tables.leaders["reviewed"].dtype == "boolean"
    assert tables.leaders["reviewed"].tolist()[:2] == [False, True]
    assert tuple(tables.leaders.columns) == (*table_columns("leaders"), "reviewed")
    assert tables.articles["published"].dtype == "string"  # a `date` field stays ISO text


def test_datapackage_unreadable_package_is_a_usage_error(tmp_path):
    (tmp_path / PACKAGE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match=f"{PACKAGE_FILE}: unreadable data package"):
        read_tables(tmp_path)


# ---------------------------------------------------------------- the data dictionary

def test_datapackage_docs_tables_md_is_up_to_date():
    expected = render_markdown(default_rules_dir()) + "\n"
    assert DOCS.read_text(encoding="utf-8") == expected, \
        "docs/tables.md is out of date: run `communique schema --markdown > docs/tables.md`"


def test_datapackage_docs_name_every_column_and_value():
    text = DOCS.read_text(encoding="utf-8")
    for table in TABLES:
        assert f"## {table}\n" in text
        for name, column in table_specs(table).items():
            assert f"| `{name}` |" in text
            for value in column.enum:
                assert f"`{value}`" in text


def test_datapackage_schema_command(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["schema", "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == describe("parquet")
    result = runner.invoke(cli, ["schema", "--markdown"])
    assert result.exit_code == 0 and result.output == DOCS.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["schema", "--help"])
    for option in ("--markdown", "--format", "--rules"):
        assert option in result.output
    result = runner.invoke(cli, ["schema", "--rules", str(tmp_path / "missing")])
    assert result.exit_code != 0 and "not a complete rule set" in result.output
