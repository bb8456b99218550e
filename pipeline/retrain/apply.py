"""Write what was learned into a copy of the base rule set: gazetteer rows and pattern lines,
each with the `source` naming the decisions it came from, and the disabled-rule list.

Learned rows go at the end of the gazetteer they extend. A gazetteer without a `source`
column gets one in its header only: its own rows stay byte for byte as they were (a CSV
reader gives them an empty source), so `communique rules diff` shows just the added rows.
Learned patterns go at the end of their pattern file, after a comment line, with a `source`
key (spaCy's span ruler ignores keys it does not know).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.disabled import DISABLED_COLUMNS, DISABLED_FILE, read_disabled
from pipeline.rules import model_files, rule_files

SOURCE_COLUMN = "source"
MAX_SOURCES = 5  # references written per learned row (the manifest has them all)


def sources_cell(sources: Sequence[str]) -> str:
    """';'-joined references, the first MAX_SOURCES and a count of the others."""
    shown = list(dict.fromkeys(sources))
    cell = ";".join(shown[:MAX_SOURCES])
    return cell + (f";+{len(shown) - MAX_SOURCES} more" if len(shown) > MAX_SOURCES else "")


def copy_rule_set(base: Path, dest: Path, with_model: bool = True) -> Path:
    """Copy the rule files (and the model, if any) of `base` into the empty folder `dest`."""
    files = rule_files(base) + (model_files(base) if with_model else [])
    for path in files:
        target = dest / path.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)  # not copy2: the saved version's files are read-only
    return dest


def append_gazetteer_rows(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Append rows to a gazetteer CSV, adding the columns they need to its header."""
    rows = list(rows)
    if not rows:
        return 0
    raw = path.read_text(encoding="utf-8")
    first, sep, rest = raw.partition("\n")
    newline = "\r\n" if first.endswith("\r") else "\n"
    header = next(csv.reader([first.rstrip("\r")]))
    extra = [c for r in rows for c in r if c not in header]
    header += list(dict.fromkeys(extra))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(header)
    head = buf.getvalue()
    body = rest if sep else ""
    if body and not body.endswith("\n"):
        body += newline
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in header])
    path.write_text(head + body + buf.getvalue(), encoding="utf-8")
    return len(rows)


def append_patterns(path: Path, patterns: Iterable[Mapping[str, Any]], note: str) -> int:
    patterns = list(patterns)
    if not patterns:
        return 0
    raw = path.read_text(encoding="utf-8") if path.is_file() else ""
    if raw and not raw.endswith("\n"):
        raw += "\n"
    lines = [f"// {note}"] + [json.dumps(p, ensure_ascii=False) for p in patterns]
    path.write_text(raw + "\n".join(lines) + "\n", encoding="utf-8")
    return len(patterns)


def write_disabled(root: Path, lines: Iterable[Mapping[str, Any]]) -> int:
    """Add lines to the rule set's disabled list (the lines already there stay)."""
    lines = list(lines)
    if not lines:
        return 0
    existing = read_disabled(root)
    known = {row["rule"] for row in existing}
    new = [dict(line) for line in lines if line["rule"] not in known]
    path = root / DISABLED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=DISABLED_COLUMNS, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for row in [*existing, *new]:
            writer.writerow({k: row.get(k, "") for k in DISABLED_COLUMNS})
    return len(new)


def write_facts(root: Path, facts: Iterable[Any], note: str) -> dict[str, int]:
    """Write learned facts (`pipeline.retrain.learn.Fact`) into the rule set at `root`;
    rows written per file."""
    by_file: dict[str, list[Any]] = defaultdict(list)
    for fact in facts:
        by_file[fact.file].append(fact)
    written = {}
    for rel, group in sorted(by_file.items()):
        path = root / rel
        if rel.endswith(".jsonl"):
            written[rel] = append_patterns(path, [f.pattern_line() for f in group], note)
        else:
            written[rel] = append_gazetteer_rows(path, [f.gazetteer_row() for f in group])
    return written


def build_rule_set(base: Path, dest: Path, facts: Iterable[Any],
                   disabled: Iterable[Mapping[str, Any]] = (), note: str = "",
                   with_model: bool = True) -> Path:
    """`dest` (an empty folder) = a copy of `base` + `facts` + `disabled`."""
    copy_rule_set(base, dest, with_model)
    write_facts(dest, facts, note or "learned by communique retrain")
    write_disabled(dest, disabled)
    return dest
