"""The spreadsheet round-trip: reviewed tables out as CSV, edited CSVs back in as decisions.

`export(outdir, dest)` writes `dest/<table>.csv` for the four row tables: every column of the
table with the corrected values (edited rows), the rows reviewers added, the rejected rows
left out, and four more columns: `review` (accepted | edited | added | unreviewed),
`reviewer`, `reviewed_at` and `review_note` ("changed since review": the extraction now
gives other values than the reviewer saw; "no longer extracted": a reviewed row the current
extraction lost, kept with its reviewed values). `dest/decisions.csv` holds each row's
current decision (as `load_decisions` returns them, `before`/`after` as JSON), then one line
per table of an article marked "reviewed: nothing to add": `action` `complete`, `table`,
`article_id`, `reviewer`, `at`, `source`, and no `decision_id`, `row_id`, `before` or `after`
(an article with no row, so no line in the tables, is reviewed data this way; `communique
retrain` reads it as such).

`import_csv(outdir, file)` reads such a table back after it was edited in a spreadsheet:
a changed cell is an edit, `rejected` in the `review` column rejects the row, `accepted`
accepts it, a line without `row_id` (but with `article_id`, `start`, `end`) adds a row.
Every line is applied on its own; each line that cannot be is reported with its number.
A row decided by someone else after the file was exported is not overwritten.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import table_columns, table_types
from pipeline.review.decisions import Conflict, Decision
from pipeline.review.fields import (EDITABLE, FieldError, added_row, apply_edit,
                                    editable_values, fingerprint, validate)
from pipeline.review.folder import ReviewFolder
from pipeline.review.index import ROW_TABLES
from pipeline.writers import csv_cell, unneutralize

REVIEW_COLUMNS = ("review", "reviewer", "reviewed_at", "review_note")
REVIEWS = ("accepted", "edited", "added", "rejected", "unreviewed")
DECISION_COLUMNS = ("decision_id", "at", "reviewer", "article_id", "table", "row_id", "action",
                    "added", "start", "end", "before", "after", "source")
CHANGED, GONE = "changed since review", "no longer extracted"


# ---------------------------------------------------------------- export

@dataclass
class ExportReport:
    dest: Path
    counts: dict[str, Counter] = field(default_factory=dict)  # table -> review value -> rows
    decisions: int = 0
    marks: int = 0  # tables of articles marked "reviewed: nothing to add"

    def lines(self) -> list[str]:
        out = []
        for table, c in self.counts.items():
            written = sum(n for k, n in c.items() if k in REVIEWS and k != "rejected")
            kinds = ", ".join(f"{k} {c[k]}" for k in ("accepted", "edited", "added",
                                                      "unreviewed") if c[k])
            extra = "".join(f"; {c[k]} {k}" for k in (CHANGED, GONE) if c[k])
            out.append(f"{self.dest / (table + '.csv')}: {written} row{'' if written == 1 else 's'}"
                       f" ({kinds or 'none'})"
                       f"; {c['rejected']} rejected left out{extra}")
        out.append(f"{self.dest / 'decisions.csv'}: {self.decisions} decisions"
                   + (f", {self.marks} article tables marked complete" if self.marks else ""))
        return out


def _reviewed_rows(folder: ReviewFolder, table: str, current: dict[str, Decision],
                   counts: Counter) -> Iterator[dict[str, Any]]:
    """The rows of the reviewed `table`, in input order (extra rows after their article's)."""
    extra: dict[str, list[tuple[dict[str, Any], Decision, str]]] = {}
    db = folder.db()
    extracted = {rid for (rid,) in db.execute("SELECT row_id FROM rows WHERE tbl=?", (table,))}
    for d in current.values():
        if d.table != table or d.row_id in extracted:
            continue
        if d.added and d.after is not None:
            extra.setdefault(d.article_id, []).append((d.after, d, ""))
        elif not d.added and d.action in ("accepted", "edited") and d.after is not None:
            extra.setdefault(d.article_id, []).append((d.after, d, GONE))

    def flush(article_id: str) -> Iterator[dict[str, Any]]:
        for row, d, note in sorted(extra.pop(article_id, []), key=lambda e: e[0].get("start", 0)):
            counts["added" if d.added else d.action] += 1
            if note:
                counts[note] += 1
            yield _out(row, d.action if not d.added else "added", d, note)

    previous = None
    for article_id, data, fp in db.execute(
            "SELECT a.article_id, r.data, r.fp FROM articles a LEFT JOIN rows r "
            "ON r.apos = a.pos AND r.tbl = ? ORDER BY a.pos, r.seq", (table,)):
        if article_id != previous and previous is not None:
            yield from flush(previous)
        previous = article_id
        if data is None:
            continue
        row = json.loads(data)
        d = current.get(row["row_id"])
        if d is None:
            counts["unreviewed"] += 1
            yield _out(row, "unreviewed", None, "")
            continue
        if d.action == "rejected":
            counts["rejected"] += 1
            continue
        note = CHANGED if d.before is not None and fingerprint(table, d.before) != fp else ""
        if note:
            counts[note] += 1
        review = "added" if d.added else d.action
        counts[review] += 1
        if d.action in ("edited", "added") and d.after is not None:
            row = apply_edit(table, row, editable_values(table, d.after))
        yield _out(row, review, d, note)
    if previous is not None:
        yield from flush(previous)
    for article_id in list(extra):  # decisions on articles the folder no longer has
        yield from flush(article_id)


def _out(row: dict[str, Any], review: str, d: Decision | None, note: str) -> dict[str, Any]:
    out = dict(row)
    out.update(review=review, reviewer=d.reviewer if d else "", reviewed_at=d.at if d else "",
               review_note=note)
    return out


def _write_csv(path: Path, columns: tuple[str, ...], types: dict[str, str],
               rows: Iterator[dict[str, Any]]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([csv_cell(row.get(c), types.get(c, "str")) for c in columns])
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export(outdir: Path | str, dest: Path | str) -> ExportReport:
    """Write the reviewed tables and the decisions of `outdir` into `dest` (see module doc)."""
    folder = ReviewFolder(outdir, read_only=True)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    current = {d.row_id: d for d in folder.log.iter_current()}
    report = ExportReport(dest=dest)
    for table in ROW_TABLES:
        counts = report.counts[table] = Counter()
        columns = (*table_columns(table), *REVIEW_COLUMNS)
        _write_csv(dest / f"{table}.csv", columns, table_types(table),
                   _reviewed_rows(folder, table, current, counts))

    def decisions() -> Iterator[dict[str, Any]]:
        for d in current.values():
            report.decisions += 1
            yield {"decision_id": d.id, "at": d.at, "reviewer": d.reviewer,
                   "article_id": d.article_id, "table": d.table, "row_id": d.row_id,
                   "action": d.action, "added": "true" if d.added else "false",
                   "start": d.start, "end": d.end, "source": d.source,
                   "before": "" if d.before is None else json.dumps(d.before, ensure_ascii=False),
                   "after": "" if d.after is None else json.dumps(d.after, ensure_ascii=False)}
        for m in folder.log.marks():
            if m.complete:
                report.marks += 1
                yield {"at": m.at, "reviewer": m.reviewer, "article_id": m.article_id,
                       "table": m.table, "action": m.mark, "added": "false",
                       "source": m.source}

    _write_csv(dest / "decisions.csv", DECISION_COLUMNS,
               {"decision_id": "int", "start": "int", "end": "int"}, decisions())
    return report


# ---------------------------------------------------------------- import

class LineProblem(Exception):
    """One line of an imported file that cannot be applied; `str()` says why."""


@dataclass
class ImportReport:
    path: Path
    table: str
    lines: int = 0
    applied: Counter = field(default_factory=Counter)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        done = ", ".join(f"{k} {n}" for k, n in sorted(self.applied.items()))
        return (f"{self.path}: {self.table}, {self.lines} lines: "
                f"{sum(self.applied.values())} decisions recorded ({done or 'none'}), "
                f"{self.unchanged} unchanged, {len(self.problems)} not applied")


def _same_time(a: str, b: str) -> bool:
    """Two ISO times equal to the second (a spreadsheet may drop the milliseconds)."""
    if a == b:
        return True
    try:
        ta, tb = (datetime.fromisoformat(t.strip().replace(" ", "T").replace("Z", "+00:00"))
                  for t in (a, b))
    except ValueError:
        return False
    if (ta.tzinfo is None) != (tb.tzinfo is None):
        ta, tb = ta.replace(tzinfo=None), tb.replace(tzinfo=None)
    return ta.replace(microsecond=0) == tb.replace(microsecond=0)


def _offset(name: str, value: str) -> int:
    try:
        number = float(value)
        if not number.is_integer():
            raise ValueError
        return int(number)
    except ValueError:
        raise LineProblem(Errors.R031.format(field=name, value=value)) from None


def import_csv(outdir: Path | str, path: Path | str, *, reviewer: str | None = None,
               table: str | None = None, rules: str | Path | None = None) -> ImportReport:
    """Apply a reviewed table edited in a spreadsheet to the decisions of `outdir`."""
    from pipeline.review.app import _default_reviewer

    path = Path(path)
    table = table or (path.stem if path.stem in ROW_TABLES else None)
    if table is None:
        raise UsageError(Errors.R023.format(path=path))
    folder = ReviewFolder(outdir, rules=rules)
    who = reviewer or _default_reviewer()
    report = ImportReport(path=path, table=table)
    seen: dict[str, int] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = set(reader.fieldnames or ())
            missing = [c for c in ("row_id", "article_id", "review", *EDITABLE[table])
                       if c not in columns]
            if missing:
                raise UsageError(Errors.R024.format(path=path, columns=", ".join(missing),
                                                    table=table))
            while True:
                line = reader.line_num + 1
                try:
                    record = next(reader)
                except StopIteration:
                    break
                report.lines += 1
                cells = {k: unneutralize((v or "").strip()) for k, v in record.items()
                         if k is not None and isinstance(v, str)}
                try:
                    outcome = _apply(folder, table, cells, who, f"import:{path.name}:{line}",
                                     line, seen)
                except (LineProblem, FieldError, LookupError) as exc:
                    report.problems.append(Errors.R026.format(path=path, line=line,
                                                              reason=exc))
                    continue
                if outcome:
                    report.applied[outcome] += 1
                else:
                    report.unchanged += 1
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(Errors.R025.format(path=path, reason=exc)) from None
    return report


def _apply(folder: ReviewFolder, table: str, cells: dict[str, str], who: str, source: str,
           line: int, seen: dict[str, int]) -> str | None:
    """Record what one line says; the action taken, or None when nothing changes."""
    review = cells.get("review", "").lower() or "unreviewed"
    if review not in REVIEWS:
        raise LineProblem(Errors.R027.format(value=cells.get("review", "")))
    fields = {name: cells.get(name, "") for name in EDITABLE[table]}
    rid = cells.get("row_id", "")
    if not rid:
        return _add(folder, table, cells, fields, who, source, review)
    if rid in seen:
        raise LineProblem(Errors.R029.format(row_id=rid, other=seen[rid]))
    seen[rid] = line
    view = folder.row(rid)
    if view is None or view.table != table:
        raise LineProblem(Errors.R010.format(row_id=rid, table=table))
    if cells.get("article_id") and cells["article_id"] != view.article_id:
        raise LineProblem(Errors.R030.format(value=cells["article_id"],
                                             article_id=view.article_id))
    d = view.decision
    values = validate(table, fields, folder.vocab)
    changed = editable_values(table, apply_edit(table, view.row, values)) != \
        editable_values(table, view.row)
    if review == "rejected":
        action = None if d and d.action == "rejected" else "reject"
    elif changed:
        action = "edit"
    elif review in ("accepted", "edited", "added") and (d is None or d.action == "rejected"):
        action = "accept"
    else:
        action = None
    if action is None:
        return None
    exported_at = cells.get("reviewed_at", "")
    if d is not None and not _same_time(d.at, exported_at):
        raise LineProblem(Errors.R028.format(row_id=rid, action=d.action, reviewer=d.reviewer,
                                             at=d.at))
    if action == "accept" and view.extracted is None:
        action = "edit"  # an added row that was rejected, re-instated as it stands
    try:
        after = folder.decide(rid, action, who, base=view.base, fields=values, source=source)
    except Conflict as exc:
        d = exc.current
        raise LineProblem(Errors.R028.format(row_id=rid, action=d.action, reviewer=d.reviewer,
                                             at=d.at)) from None
    return after.status


def _add(folder: ReviewFolder, table: str, cells: dict[str, str], fields: dict[str, str],
         who: str, source: str, review: str) -> str | None:
    """A line without row_id: a row the reviewer adds (needs article_id, start, end)."""
    if review == "rejected":
        return None  # a row added and rejected in the same sheet: nothing to keep
    for name in ("article_id", "start", "end"):
        if not cells.get(name):
            raise LineProblem(Errors.R006.format(field=name) + " (a line without row_id adds "
                              "a row: give article_id, start and end)")
    article_id = cells["article_id"]
    text, start, end = folder.span(article_id, _offset("start", cells["start"]),
                                   _offset("end", cells["end"]))
    written = cells.get("text", "")
    if written and " ".join(written.split()) != " ".join(text[start:end].split()):
        raise LineProblem(Errors.R032.format(value=written, start=start, end=end,
                                             actual=text[start:end]))
    values = validate(table, fields, folder.vocab)
    rid = added_row(table, article_id, text, start, end, values)["row_id"]
    existing = folder.row(rid)
    if existing is not None and existing.added and existing.status != "rejected" and \
            editable_values(table, existing.row) == editable_values(
                table, apply_edit(table, existing.row, values)):
        return None  # the same row, imported before
    view = folder.add(article_id, table, start, end, values, who, source=source)
    return view.status
