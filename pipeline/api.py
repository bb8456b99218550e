"""The Python API: extract tables in memory, read an output folder, as pandas DataFrames.

    >>> from pipeline import extract_texts
    >>> tables = extract_texts(["President Kassym-Jomart Tokayev of Kazakhstan met "
    ...                         "President Emomali Rahmon of Tajikistan on May 20, 2021."])
    >>> tables.leaders[["name", "title", "country"]].to_dict("records")  # doctest: +SKIP
    [{'name': 'Kassym-Jomart Tokayev', 'title': 'President', 'country': 'KAZ'}, ...]
    >>> tables.dates["value"].tolist()
    ['2021-05-20']

Column types (the same for every source of a `Tables`):
  - text columns, dates included, are pandas `string`: dates stay ISO 8601 at the precision
    the text gives ("2021", "2021-05", "2021-05-20", ranges "START/END"), never datetimes;
  - `start`, `end`, `mentions`, `n_chars` are `Int64`; `amount`, `confidence` `Float64`;
    `approximate` is `boolean` (all nullable);
  - `countries` and `parties` are `;`-joined strings ("KAZ;TJK"); split them with
    `df["countries"].str.split(";")`.

An output folder's `datapackage.json` (see pipeline/datapackage.py) says which file holds each
table and its column types; `read_tables` follows it when present, and `Tables.to_csv` /
`to_parquet` write one. What each column means: docs/tables.md.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import Errors, UsageError
from pipeline.records import TABLES, Article, table_columns, table_types

PANDAS_TYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def frame(table: str, rows: Any = (), types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A DataFrame of `table` with the declared columns (in order) and types; `rows` is an
    iterable of dicts or a DataFrame (columns it lacks are added empty, extras dropped).
    `types` (column -> 'str' | 'int' | 'float' | 'bool', e.g. from a data package) overrides
    the declared types; its columns that are not declared are kept, after the declared ones."""
    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    columns = list(table_columns(table))
    types = {**table_types(table), **(types or {})}
    columns += [c for c in types if c not in columns]
    df = df.reindex(columns=columns)
    out = {}
    for column in columns:
        kind = types.get(column, "str")
        series = df[column]
        if kind == "bool" and not pd.api.types.is_bool_dtype(series):
            series = series.astype(object).map(_bool, na_action="ignore")
        elif kind in ("int", "float") and not pd.api.types.is_numeric_dtype(series):
            series = pd.to_numeric(series.astype(object).replace("", None), errors="coerce")
        elif kind == "str":
            series = series.fillna("")
        out[column] = series.astype(PANDAS_TYPES[kind])
    return pd.DataFrame(out, index=pd.RangeIndex(len(df)))


def _bool(value: Any) -> Any:
    if isinstance(value, str):
        return {"true": True, "false": False, "1": True, "0": False, "": None}.get(
            value.strip().lower())
    return bool(value)


@dataclass
class Tables:
    """The five tables of a run, each a pandas DataFrame with declared column types.
    `package`: the data package descriptor they came with (model, rule set, run time), if
    any; written again, updated, by `to_csv`/`to_parquet`."""

    articles: pd.DataFrame
    leaders: pd.DataFrame
    dates: pd.DataFrame
    documents: pd.DataFrame
    trade: pd.DataFrame
    package: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def __getitem__(self, table: str) -> pd.DataFrame:
        if table not in TABLES:
            raise KeyError(f"no table {table!r}; tables: {', '.join(TABLES)}")
        return getattr(self, table)

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        for table in TABLES:
            yield table, getattr(self, table)

    def to_csv(self, out_dir: Path | str) -> dict[str, Path]:
        """Write each table as `<out_dir>/<table>.csv`, as `communique extract` does, and
        `datapackage.json`."""
        return self._write(out_dir, "csv")

    def to_parquet(self, out_dir: Path | str) -> dict[str, Path]:
        """Write each table as `<out_dir>/<table>.parquet` (typed), and `datapackage.json`."""
        return self._write(out_dir, "parquet")

    def _write(self, out_dir: Path | str, fmt: str) -> dict[str, Path]:
        import datetime as dt

        from pipeline.datapackage import describe, reformat, write_package
        from pipeline.writers import write_table

        paths = {}
        for table, df in self.items():
            rows = (dict(zip(df.columns, values)) for values in
                    df.astype(object).where(df.notna(), None).itertuples(index=False))
            paths[table] = write_table(Path(out_dir), table, rows, fmt)
        descriptor = reformat(self.package, fmt) if self.package else \
            describe(fmt, created=dt.datetime.now(dt.timezone.utc))
        paths["datapackage"] = write_package(out_dir, descriptor)
        return paths

    def __repr__(self) -> str:
        sizes = ", ".join(f"{t}={len(df)}" for t, df in self.items())
        return f"Tables({sizes})"


def read_tables(out_dir: Path | str) -> Tables:
    """The tables of an output folder of `communique extract`: the files and column types its
    `datapackage.json` names, else (no package) the CSV or Parquet file of each table, the
    newer of the two when both are there. A missing table is a UsageError naming it."""
    from pipeline.datapackage import field_types, read_package, resource_of
    from pipeline.evaluate import unneutralize

    out_dir = Path(out_dir)
    package = read_package(out_dir)
    frames = {}
    for table in TABLES:
        res = resource_of(package, table) if package else None
        types = {**table_types(table), **field_types(res)} if res else table_types(table)
        path = out_dir / _relative(res.get("path")) if res else out_dir
        if not path.is_file():
            candidates = [p for p in (out_dir / f"{table}.csv", out_dir / f"{table}.parquet")
                          if p.is_file()]
            if not candidates:
                raise UsageError(Errors.U008.format(path=out_dir, table=table))
            path = max(candidates, key=lambda p: p.stat().st_mtime)
        try:
            if path.suffix == ".parquet":
                df = pd.read_parquet(path)
            else:
                df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
                for column in df.columns:
                    if types.get(column, "str") == "str":
                        df[column] = df[column].map(unneutralize)
        except Exception as exc:  # noqa: BLE001 - any unreadable table is one clear message
            raise UsageError(Errors.U011.format(path=path, table=table,
                                                reason=f"{type(exc).__name__}: {exc}")) from None
        frames[table] = frame(table, df, types)
    return Tables(**frames, package=package)


def _relative(path: Any) -> str:
    """A resource path inside the folder ("" for anything else: absolute, "..", not text)."""
    if not isinstance(path, str) or not path:
        return ""
    parts = Path(path).parts
    return "" if Path(path).is_absolute() or ".." in parts else path


_PIPELINES: dict[tuple[str, str, str, bool], Any] = {}
_LOCK = threading.Lock()


def _pipeline(model: str, rules_path: Path, version: str, triage: bool = False) -> Any:
    """One built pipeline per (model, rule set, rules version, triage) in this process."""
    from pipeline.nlp import build_pipeline

    key = (model, str(rules_path), version, triage)
    with _LOCK:
        if key not in _PIPELINES:
            _PIPELINES.clear()  # keep at most one: a pipeline holds a few hundred MB
            _PIPELINES[key] = build_pipeline(model, rules_path, triage=triage)
        return _PIPELINES[key]


def extract_texts(texts_or_records: Iterable[str | Mapping[str, Any] | Article] | str,
                  model: str = "auto", rules: str | Path | None = None,
                  batch_size: int = 32, triage: bool = False) -> Tables:
    """Extract the tables from articles given in memory; nothing is written for you to clean.

    Each item is an article's text (id `text-N`), a mapping like a JSONL record (`text` plus
    optional `id`, `title`, `date`, `url`, `source`; `date` anchors relative dates) or an
    `Article`. A bad item does not raise: it is a `failed` row of `articles` with the reason.
    The pipeline is built once per model and rule set and reused by later calls. `triage`:
    run the model only on the sentences that can hold a row (see `pipeline.triage`).

        >>> t = extract_texts([{"id": "a1", "date": "2021-05-20", "text": "Talks took place "
        ...                     "yesterday in Dushanbe."}, {"id": "bad"}])
        >>> t.articles[["article_id", "status"]].values.tolist()
        [['a1', 'ok'], ['bad', 'failed']]
        >>> t.dates[["text", "value"]].values.tolist()
        [['yesterday', '2021-05-19']]
    """
    from pipeline import ingest
    from pipeline.evaluate import SCORED_TABLES
    from pipeline.rules import resolve_rules
    from pipeline.run import RunConfig, extract

    if isinstance(texts_or_records, (str, bytes, Mapping)):
        texts_or_records = [texts_or_records]  # one article, not its characters
    ruleset = resolve_rules(rules)
    nlp = _pipeline(model, ruleset.path, ruleset.version, triage)
    with tempfile.TemporaryDirectory(prefix="communique-") as tmp:
        cfg = RunConfig(inputs=[], out=Path(tmp), model=model, fmt="parquet",
                        models_dir=ruleset.path, batch_size=batch_size,
                        records=ingest.read_objects(texts_or_records))
        try:
            extract(cfg, nlp=nlp)
        except UsageError as exc:
            if "hold no records" not in str(exc):
                raise
            return Tables(**{t: frame(t) for t in TABLES})
        tables = read_tables(tmp)
    assert set(SCORED_TABLES) <= set(TABLES)
    return tables


__all__ = ["Tables", "extract_texts", "read_tables", "frame", "PANDAS_TYPES"]
