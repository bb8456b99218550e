"""Writers: spreadsheet-safe CSV, typed Parquet, atomic replace."""

from __future__ import annotations

import csv

import pytest

from pipeline.records import LeaderRow, TradeRow, table_columns
from pipeline.writers import TableWriter, csv_cell, neutralize, write_table


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1 234", "'+1 234"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("President", "President"),
    ("", ""),
    ("a=b", "a=b"),
])
def test_writers_neutralize_formula_prefixes(value, expected):
    assert neutralize(value) == expected


@pytest.mark.parametrize("value, kind, expected", [
    (1000000000.0, "float", "1000000000"),
    (2.5, "float", "2.5"),
    (-3.0, "float", "-3"),  # numbers stay numbers, even negative ones
    (True, "bool", "true"),
    (False, "bool", "false"),
    (7, "int", "7"),
    (None, "float", ""),
    ("-dash", "str", "'-dash"),
])
def test_writers_csv_cell_types(value, kind, expected):
    assert csv_cell(value, kind) == expected


def leader(**kw):
    base = dict(article_id="a1", name="Emomali Rahmon", title="President", country="TJK",
                mentions=3, start=0, end=14, sentence='He said "=1+1", then left,\nok',
                rule="leaders:demonym_title_name", confidence=0.9)
    base.update(kw)
    return LeaderRow(**base).to_row()


def test_writers_csv_header_quoting_and_roundtrip(tmp_path):
    path = write_table(tmp_path, "leaders", [leader(), leader(name="=cmd()", mentions=1)])
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == table_columns("leaders")
    col = {name: i for i, name in enumerate(rows[0])}
    assert rows[1][col["name"]] == "Emomali Rahmon" and rows[1][col["mentions"]] == "3"
    # RFC 4180 quoting keeps it whole
    assert rows[1][col["sentence"]] == 'He said "=1+1", then left,\nok'
    assert rows[2][col["name"]] == "'=cmd()"
    assert not list(tmp_path.glob(".*.tmp"))


def test_writers_parquet_typed_columns(tmp_path):
    import pyarrow.parquet as pq

    row = TradeRow(article_id="a", text="about $1 billion", amount=1e9, currency="USD",
                   approximate=True, period="2020", countries="KAZ;TJK", measure="trade",
                   start=1, end=5, sentence="s", rule="r", confidence=0.8).to_row()
    path = write_table(tmp_path, "trade", [row], fmt="parquet")
    table = pq.read_table(path)
    assert table.column_names == list(table_columns("trade"))
    assert str(table.schema.field("amount").type) == "double"
    assert str(table.schema.field("approximate").type) == "bool"
    assert str(table.schema.field("start").type) == "int64"
    assert table.to_pylist()[0]["amount"] == 1e9


def test_writers_interrupted_write_leaves_old_table(tmp_path):
    write_table(tmp_path, "leaders", [leader()])
    before = (tmp_path / "leaders.csv").read_bytes()
    with pytest.raises(RuntimeError):
        with TableWriter(tmp_path, "leaders") as writer:
            writer.write([leader(name="New Person")])
            raise RuntimeError("killed")
    assert (tmp_path / "leaders.csv").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))
