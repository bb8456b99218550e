"""The Python API: extract_texts, read_tables, Tables (pandas DataFrames with declared types)."""

from __future__ import annotations

import pandas as pd
import pandas.testing as pdt
import pytest

import pipeline
from pipeline.api import PANDAS_TYPES, Tables, extract_texts, read_tables
from pipeline.errors import UsageError
from pipeline.records import TABLES, table_columns, table_types


@pytest.fixture(scope="module")
def seed_tables(seed_text) -> Tables:
    return extract_texts([{"id": "seed", "text": seed_text}])


def test_api_is_importable_from_the_package():
    assert pipeline.extract_texts is extract_texts and pipeline.read_tables is read_tables
    with pytest.raises(AttributeError):
        pipeline.no_such_thing  # noqa: B018


def test_api_seed_tables(seed_tables):
    leaders = seed_tables.leaders
    assert sorted(zip(leaders.name, leaders.title, leaders.country)) == [
        ("Emomali Rahmon", "President", "TJK"), ("Kassym-Jomart Tokayev", "President", "KAZ")]
    assert len(seed_tables.documents) == 10
    assert len(seed_tables.dates) == 12
    [trade] = seed_tables.trade.to_dict("records")
    assert (trade["amount"], trade["currency"], trade["approximate"]) == (1e9, "USD", True)
    [article] = seed_tables.articles.to_dict("records")
    assert (article["article_id"], article["status"], article["published"]) == \
        ("seed", "ok", "2021-05-20")


@pytest.mark.parametrize("table", TABLES)
def test_api_columns_and_types_are_the_declared_ones(seed_tables, table):
    df = seed_tables[table]
    assert tuple(df.columns) == table_columns(table)
    for column, kind in table_types(table).items():
        assert str(df[column].dtype) == str(pd.api.types.pandas_dtype(PANDAS_TYPES[kind])), column


def test_api_dates_stay_strings_at_their_precision(seed_tables):
    values = seed_tables.dates["value"]
    assert values.dtype == "string"
    assert "2021" in set(values) or any(len(v) in (4, 7) for v in values)


def test_api_bad_records_are_failed_rows_not_exceptions():
    tables = extract_texts(["", {"id": "no-text"}, {"id": "n", "text": 5}, 42,
                            {"id": "ok", "text": "President Joe Biden spoke."}])
    status = dict(zip(tables.articles.article_id, tables.articles.status))
    assert status == {"text-1": "skipped", "no-text": "failed", "n": "failed",
                      "text-4": "failed", "ok": "ok"}
    errors = dict(zip(tables.articles.article_id, tables.articles.error))
    assert "missing 'text'" in errors["no-text"] and "item 2" in errors["no-text"]
    assert "got int" in errors["text-4"]


def test_api_a_single_string_is_one_article():
    tables = extract_texts("On May 19, 2021 the ministers met.")
    assert list(tables.articles.article_id) == ["text-1"]


def test_api_dates_resolve_against_the_record_date():
    tables = extract_texts([{"id": "a", "date": "2021-05-20", "text": "They met yesterday."}])
    assert tables.dates[["text", "value"]].values.tolist() == [["yesterday", "2021-05-19"]]


def test_api_nothing_in_gives_empty_typed_tables():
    tables = extract_texts([])
    for table, df in tables.items():
        assert df.empty and tuple(df.columns) == table_columns(table)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_api_write_and_read_back_equal(seed_tables, tmp_path, fmt):
    getattr(seed_tables, f"to_{fmt}")(tmp_path)
    back = read_tables(tmp_path)
    for table, df in seed_tables.items():
        pdt.assert_frame_equal(back[table], df)


def test_api_read_tables_of_an_extract_run(tmp_path, seed_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(seed_path), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    tables = read_tables(tmp_path)
    assert set(tables.leaders.country) == {"KAZ", "TJK"}
    assert tables.trade.approximate.tolist() == [True]


def test_api_read_tables_names_a_missing_table(tmp_path):
    with pytest.raises(UsageError, match="no leaders table"):
        Tables(**{t: pd.DataFrame() for t in TABLES}).to_csv(tmp_path)  # all written
        (tmp_path / "leaders.csv").unlink()
        read_tables(tmp_path)


def test_api_unknown_rule_set_raises_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not a complete rule set"):
        extract_texts(["text"], rules=tmp_path / "nowhere")
