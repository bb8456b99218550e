"""Table writers shared by every table: CSV (spreadsheet-safe) or typed Parquet, and the
reader of what they write (`table_file`, `iter_table`).

A table is written to a temporary file beside its target and renamed into place on
`commit()`, so an interrupted run never leaves a table that looks complete but is not.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import table_columns, table_types

FORMATS = ("csv", "parquet")
# A cell starting with one of these is executed as a formula by Excel / LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: str) -> str:
    """Make a text cell inert in spreadsheets by prefixing a single quote."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def unneutralize(value: str) -> str:
    """Undo `neutralize` (the quote put before formula-like CSV cells)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def csv_cell(value: Any, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "int":
        return str(int(value))
    if kind == "float":
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e18 else repr(number)
    return neutralize(str(value))


class TableWriter:
    """Streams rows of one table into `<out>/<table>.<fmt>`, atomically."""

    def __init__(self, out_dir: Path, table: str, fmt: str = "csv", batch_rows: int = 5000):
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; choose one of {FORMATS}")
        self.table, self.fmt = table, fmt
        self.columns = table_columns(table)
        self.types = table_types(table)
        self.path = Path(out_dir) / f"{table}.{fmt}"
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.rows_written = 0
        self._batch: list[Mapping[str, Any]] = []
        self._batch_rows = batch_rows
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            self._fh = open(self.tmp, "w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            self._csv.writerow(self.columns)
        else:
            import pyarrow.parquet as pq

            self._schema = arrow_schema(self.columns, self.types)
            self._pq = pq.ParquetWriter(self.tmp, self._schema)

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            if self.fmt == "csv":
                self._csv.writerow([csv_cell(row.get(c), self.types[c]) for c in self.columns])
            else:
                self._batch.append(row)
                if len(self._batch) >= self._batch_rows:
                    self._flush()
            self.rows_written += 1

    def _flush(self) -> None:
        import pyarrow as pa

        if not self._batch:
            return
        arrays = {c: [_typed(r.get(c), self.types[c]) for r in self._batch] for c in self.columns}
        self._pq.write_table(pa.table(arrays, schema=self._schema))
        self._batch = []

    def commit(self) -> Path:
        if self.fmt == "csv":
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        else:
            self._flush()
            self._pq.close()
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            if self.fmt == "csv":
                self._fh.close()
            else:
                self._pq.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _typed(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None if kind != "str" else ""
    return {"int": int, "float": float, "bool": bool}.get(kind, str)(value)


def arrow_schema(columns: Iterable[str], types: Mapping[str, str]) -> Any:
    import pyarrow as pa

    arrow = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(c, arrow[types[c]]) for c in columns])


def write_table(out_dir: Path, table: str, rows: Iterable[Mapping[str, Any]],
                fmt: str = "csv") -> Path:
    """Write one whole table atomically and return its path."""
    with TableWriter(out_dir, table, fmt) as writer:
        writer.write(rows)
    return writer.path


# ---------------------------------------------------------------- reading tables back

def table_file(out_dir: Path, table: str) -> Path | None:
    """The file of `table` in an output folder: `<table>.csv` or `.parquet`, the newer of
    the two when both are there; None when neither is."""
    candidates = [p for p in (Path(out_dir) / f"{table}.csv", Path(out_dir) / f"{table}.parquet")
                  if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def read_cell(value: str, kind: str) -> Any:
    """A CSV cell as the value `TableWriter` was given ('' is None but for text)."""
    if kind == "str":
        return unneutralize(value)
    if value == "":
        return None
    if kind == "bool":
        return value.strip().lower() in ("true", "1", "yes")
    if kind == "int":
        return int(float(value))
    return float(value)


def iter_table(path: Path, table: str) -> Iterator[dict[str, Any]]:
    """The rows of a table file, typed as written, one at a time (memory stays flat). An
    unreadable file is a UsageError naming it."""
    try:
        if path.suffix == ".parquet":
            import pyarrow.parquet as pq

            for batch in pq.ParquetFile(path).iter_batches(batch_size=5000):
                yield from batch.to_pylist()
            return
        types = table_types(table)
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield {k: read_cell(v or "", types.get(k, "str")) for k, v in row.items() if k}
    except Exception as exc:  # noqa: BLE001 - any unreadable table is one clear message
        raise UsageError(Errors.U011.format(path=path, table=table,
                                            reason=f"{type(exc).__name__}: {exc}")) from None
