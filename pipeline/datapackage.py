"""`datapackage.json`: the tables of an output folder described as a Frictionless Data Package.

Every output folder gets one (written by `communique extract` after the tables, and by
`Tables.to_csv`/`to_parquet`): one Tabular Data Resource per table, with a Table Schema built
from the declarations in `pipeline/records.py` (each column's type, description and
constraints: required, enums, ISO code and date patterns, bounds), the primary key (`row_id`;
`article_id` for articles) and the foreign keys of every row table to `articles`. The package
also records the communique version, the model, the rule set (name and version) and when the
run wrote it. The same declarations make the data dictionary `docs/tables.md`:

    communique schema --markdown > docs/tables.md

Check an output folder with the `frictionless` tool (pip install frictionless):

    frictionless validate outputs/datapackage.json
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import (
    PATTERN_NAMES,
    ROW_ID_PREFIX,
    ROW_TYPES,
    TABLES,
    Article,
    Column,
    table_specs,
    table_types,
)

PACKAGE_FILE = "datapackage.json"
PACKAGE_NAME = "communique-tables"
# Table Schema type of each storage type of records.py
SCHEMA_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
               "doubleQuote": True, "header": True}
NEUTRALIZED = ("A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return "
               "is written with a leading `'` so that spreadsheets do not run it as a formula "
               "(`read_tables` removes it).")
PACKAGE_DESCRIPTION = (
    "Tables extracted from diplomatic news by communique: leaders, dates, signed documents "
    "and trade values, each row with its evidence (character offsets, sentence, rule, "
    "confidence), plus `articles`, one row per input record with its status.")


def table_description(table: str) -> str:
    """The description of a table: the docstring of its record class, on one line."""
    cls = Article if table == "articles" else ROW_TYPES[table]
    return " ".join((cls.__doc__ or "").split())


def field_descriptor(table: str, name: str, kind: str, column: Column,
                     rules_dir: Path | None = None) -> dict[str, Any]:
    """The Table Schema field of column `name` (`kind`: its storage type in records.py)."""
    field: dict[str, Any] = {"name": name, "type": column.schema_type or SCHEMA_TYPES[kind],
                             "description": column.description}
    if column.example:
        field["example"] = _typed(column.example, kind)
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    enum = allowed_values(column, rules_dir)
    if enum:
        constraints["enum"] = list(enum)
    pattern = column.pattern or (f"{ROW_ID_PREFIX[table]}-[0-9a-f]{{16}}"
                                 if name == "row_id" else "")
    if pattern:
        constraints["pattern"] = pattern
    for bound in ("minimum", "maximum"):
        value = getattr(column, bound)
        if value is not None:
            constraints[bound] = int(value) if kind == "int" else value
    if constraints:
        field["constraints"] = constraints
    return field


def _typed(text: str, kind: str) -> Any:
    if kind == "int":
        return int(text)
    if kind == "float":
        number = float(text)
        return int(number) if number.is_integer() else number
    if kind == "bool":
        return text == "true"
    return text


def allowed_values(column: Column, rules_dir: Path | None = None) -> tuple[str, ...]:
    """The enum of a column: declared, or the codes of a gazetteer of the rule set."""
    if not column.codes_of:
        return column.enum
    from pipeline.gazetteers import read_gazetteer
    from pipeline.rules import rules_dir as active_rules_dir

    path = (rules_dir or active_rules_dir(None)) / "gazetteers" / column.codes_of
    codes = {row["code"] for row in read_gazetteer(path)
             if row.get("kind", "").split("+")[0] not in column.except_kinds}
    return tuple(sorted(codes))


def table_schema(table: str, rules_dir: Path | None = None) -> dict[str, Any]:
    """The Table Schema of `table`: fields, primary key, foreign key to `articles`."""
    types = table_types(table)
    fields = [field_descriptor(table, name, types[name], column, rules_dir)
              for name, column in table_specs(table).items()]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table == "articles":
        schema["primaryKey"] = ["article_id"]
    else:
        schema["primaryKey"] = ["row_id"]
        schema["foreignKeys"] = [{"fields": ["article_id"],
                                  "reference": {"resource": "articles",
                                                "fields": ["article_id"]}}]
    return schema


def resource(table: str, fmt: str, rules_dir: Path | None = None,
             schema: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The Tabular Data Resource of `table` written as `<table>.<fmt>` (`schema`: its Table
    Schema when already made, else made from the declarations and the rule set)."""
    res: dict[str, Any] = {"name": table, "path": f"{table}.{fmt}",
                           "profile": "tabular-data-resource", "format": fmt,
                           "mediatype": MEDIA_TYPES[fmt]}
    description = table_description(table)
    if fmt == "csv":
        res["encoding"] = "utf-8"
        res["dialect"] = dict(CSV_DIALECT)
        description = f"{description} {NEUTRALIZED}"
    res["description"] = description
    res["schema"] = dict(schema) if schema is not None else table_schema(table, rules_dir)
    return res


def describe(fmt: str = "csv", tables: tuple[str, ...] = TABLES, *, model: str | None = None,
             rules: str | Path | None = None, created: dt.datetime | None = None,
             other_versions: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The descriptor of a folder holding `tables` as `fmt` files, made with `model` and the
    rule set `rules` (default: the active one) at `created`."""
    from pipeline import __version__
    from pipeline.rules import resolve_rules

    ruleset = resolve_rules(rules)
    about: dict[str, Any] = {"version": __version__}
    if model:
        about["model"] = model
    about["rules"] = {"name": ruleset.name, "version": ruleset.version}
    parent = ruleset.manifest.get("parent")
    if parent:
        about["rules"]["parent"] = parent
    if other_versions:
        about["rows_from_other_versions"] = dict(other_versions)  # articles per old version
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": PACKAGE_NAME,
                               "title": "communique tables", "description": PACKAGE_DESCRIPTION}
    if created is not None:
        package["created"] = created.astimezone(dt.timezone.utc).isoformat(timespec="seconds") \
            .replace("+00:00", "Z")
    package["communique"] = about
    package["resources"] = [resource(t, fmt, ruleset.path) for t in tables]
    return package


def reformat(package: Mapping[str, Any], fmt: str) -> dict[str, Any]:
    """`package` describing the same tables written as `fmt` files: the same schemas (made
    with its rule set), model, rule set and run time."""
    out = {k: v for k, v in package.items() if k != "resources"}
    out["resources"] = [resource(t, fmt, schema=(resource_of(package, t) or {}).get("schema"))
                        for t in TABLES]
    return out


def write_package(out_dir: Path | str, descriptor: Mapping[str, Any]) -> Path:
    """Write `descriptor` as `<out_dir>/datapackage.json` atomically (temp file + rename)."""
    path = Path(out_dir) / PACKAGE_FILE
    tmp = path.with_name(f".{PACKAGE_FILE}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(descriptor, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def read_package(out_dir: Path | str) -> dict[str, Any] | None:
    """The descriptor of `<out_dir>/datapackage.json`, or None when there is none."""
    path = Path(out_dir) / PACKAGE_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(Errors.U024.format(path=path, reason=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise UsageError(Errors.U024.format(path=path, reason="not a data package: no "
                                                                "'resources' list"))
    return data


def resource_of(package: Mapping[str, Any], table: str) -> dict[str, Any] | None:
    """The resource named `table` of a descriptor, or None."""
    for res in package.get("resources", []):
        if isinstance(res, dict) and res.get("name") == table:
            return res
    return None


def field_types(res: Mapping[str, Any]) -> dict[str, str]:
    """Column -> storage type ('str' | 'int' | 'float' | 'bool') of a resource's schema;
    dates and other Table Schema types stay text."""
    back = {v: k for k, v in SCHEMA_TYPES.items()}
    fields = (res.get("schema") or {}).get("fields") or []
    return {f["name"]: back.get(f.get("type", "string"), "str")
            for f in fields if isinstance(f, dict) and "name" in f}


# ---------------------------------------------------------------- the data dictionary

def render_markdown(rules: str | Path | None = None) -> str:
    """docs/tables.md: every table's columns with type, constraints and meaning."""
    package = describe("csv", rules=rules)
    lines = [
        "# Tables: the data dictionary",
        "",
        "<!-- Generated from pipeline/records.py by `communique schema --markdown > "
        "docs/tables.md`; do not edit by hand (tests/test_datapackage.py checks it). -->",
        "",
        PACKAGE_DESCRIPTION,
        "",
        f"Every output folder also holds `{PACKAGE_FILE}`, a "
        "[Frictionless Data Package](https://specs.frictionlessdata.io/data-package/) with "
        "this information as a Table Schema per table, plus the communique version, the "
        "model, the rule set and its version, and when the run wrote it. Tools that read "
        "data packages (the `frictionless` library and command; `pipeline.read_tables` for "
        "pandas) take the column types from it; check a folder with "
        f"`frictionless validate outputs/{PACKAGE_FILE}` (`pip install frictionless`).",
        "",
        "Conventions:",
        "",
        "- An empty cell means \"not known\" (or, for the articles of a failed record, "
        "\"could not be read\").",
        "- Dates are ISO 8601 at the precision the text gives: `2021`, `2021-05`, `2021-05-20`;"
        " a period is `START/END`. They are text, never widened to a day the text did not "
        "give.",
        "- Countries are ISO 3166-1 alpha-3 codes, organizations their acronyms (`UN`, `EU`, "
        "`NATO`); several are `;`-joined and sorted (`KAZ;TJK`).",
        "- Every row of leaders, dates, documents and trade carries its evidence: `start`, "
        "`end` (character offsets in the article's text), `sentence`, `rule`, `confidence`; "
        "`row_id` identifies it across runs and `article_id` links it to `articles`.",
        f"- CSV: UTF-8, comma-separated, header row, CRLF line ends. {NEUTRALIZED}",
        "",
    ]
    for res in package["resources"]:
        schema = res["schema"]
        lines += [f"## {res['name']}", "", table_description(res["name"]), ""]
        key = ", ".join(f"`{k}`" for k in schema["primaryKey"])
        lines.append(f"Primary key: {key}." + (
            " Foreign key: `article_id` → `articles.article_id`."
            if schema.get("foreignKeys") else ""))
        lines += ["", "| column | type | required | values | meaning |",
                  "| --- | --- | --- | --- | --- |"]
        for f in schema["fields"]:
            c = f.get("constraints", {})
            lines.append("| " + " | ".join([
                f"`{f['name']}`", f["type"], "yes" if c.get("required") else "",
                _values(c), _cell(f["description"]) + (
                    f" Example: `{_example(f['example'])}`." if "example" in f else "")]) + " |")
        lines.append("")
    return "\n".join(lines)


def _values(constraints: Mapping[str, Any]) -> str:
    parts = []
    if "enum" in constraints:
        parts.append(", ".join(f"`{v}`" for v in constraints["enum"]))
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        name = PATTERN_NAMES.get(pattern) or (
            f"`{pattern[0]}-` and 16 hex digits" if pattern.endswith("-[0-9a-f]{16}") else "")
        parts.append(name or f"pattern `{_cell(pattern)}`")
    bounds = [f"{'≥' if k == 'minimum' else '≤'} {constraints[k]}"
              for k in ("minimum", "maximum") if k in constraints]
    if bounds:
        parts.append(", ".join(bounds))
    return "; ".join(parts)


def _example(value: Any) -> str:
    """An example as a CSV cell shows it."""
    return value if isinstance(value, str) else json.dumps(value)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


__all__ = ["PACKAGE_FILE", "describe", "write_package", "read_package", "resource_of",
           "field_types", "table_schema", "render_markdown"]
