"""All user-facing messages, coded, in one place (after spacy/errors.py).

Use `Errors.E001.format(...)`; every message names the input (file, line) and shows the bad
value so a user can find and fix the record.
"""

from __future__ import annotations


class Errors:
    # ingest: records that fail (status=failed)
    E001 = "{where}: invalid UTF-8 at byte {pos}: {reason}"
    E002 = "{where}: malformed JSON: {reason}"
    E003 = "{where}: missing 'text' field (keys present: {keys})"
    E004 = "{where}: field 'text' must be a string, got {kind}"
    E005 = "{where}: unreadable file: {reason}"
    E006 = "{where}: broken feed: {reason}"
    E007 = "{where}: no main text could be extracted from the HTML page"
    E008 = "{where}: a JSON line must be an object, got {kind}"
    E009 = "{where}: CSV has no 'text' column (columns: {columns})"
    E010 = "{where}: malformed CSV: {reason}"
    E011 = "{where}: unparseable date {value!r} in field '{field}'; kept without a date"
    E012 = "{where}: processing failed: {reason}"
    E013 = "the worker process died while processing this article (out of memory or a crash)"
    E014 = "{where}: an article must be a string (its text), a mapping with 'text' or an " \
           "Article, got {kind}"

    # ingest: records that are skipped (status=skipped)
    S001 = "empty text"
    S002 = "duplicate of article {other!r} (same normalized text)"
    S003 = "not English (English stop-word share {share:.2f})"

    # notes on records that are kept (status=ok)
    N001 = "id {old!r} already used in this run; renamed to {new!r}"
    N002 = "feed declared a DOCTYPE ({kind}); it was removed, not fetched or expanded"
    N006 = "feed is malformed ({reason}); entries recovered by the lenient parser"

    # usage errors (exit code 2)
    U001 = "input not found: {path}"
    U002 = "no input could be read: {detail}"
    U003 = "unknown input format {value!r}; choose one of {choices}"
    U004 = "spaCy model {name!r} is not installed; install it or pass --model NAME ({detail})"
    U005 = "file extension {suffix!r} of {path} has no reader; use --input-format"
    U006 = "gold file {path}, line {line}: {reason}"
    U007 = "{path}: the output folder was written by another model or rules version " \
           "({old}); now {new}. Run with --force to reprocess every article"
    U008 = "{path}: no {table} table ({table}.csv or {table}.parquet); write the tables with " \
           "`communique extract INPUT --out {path}` or score with --articles INPUT"
    U009 = "give exactly one of --pred OUTDIR or --articles INPUT"
    U010 = "gold file {path} holds no annotated article"
    U011 = "{path}: unreadable {table} table: {reason}"

    # gold annotation lines (the `reason` of U006)
    G001 = "malformed JSON: {reason}"
    G002 = "a gold line must be a JSON object, got {kind}"
    G003 = "missing field {field!r} (every line has id, dct, leaders, dates, documents, trade)"
    G004 = "field {field!r} must be {expected}, got {value!r}"
    G005 = "article id {id!r} is already annotated at {other}"

    # notes of `communique evaluate`
    N003 = "{n} gold article(s) not in the predictions' articles table, scored as all " \
           "misses: {ids} (do the ids match the `id` field of the inputs?)"
    N004 = "gold article {id!r} was {status} in the extraction: {error}"
    N005 = "gold article {id!r} has dct {dct}; the extraction used {used}, so relative " \
           "dates may differ"

    # pattern / gazetteer data
    D001 = "{path}, line {line}: bad pattern: {reason}"
    D002 = "{path}, row {line}: bad gazetteer row: {reason}"
    D003 = "{path}, row {line}: bad gate: {reason}"
    D004 = "{path}, row {line}: bad triage trigger: {reason}"

    # batch runs (usage errors, exit code 2)
    U012 = "{path}: another communique run is using this output folder; wait for it to end"
    U013 = "--engine dask needs the dask extra: pip install 'communique[dask]' ({detail})"
    U014 = "Dask {where}: {detail}"
    U015 = "ruler {name!r}: gate_scope {scope!r} is not one of {choices}"

    # rule sets (usage errors, exit code 2)
    U016 = "{origin}: {path} is not a complete rule set; missing: {missing} (make one with " \
           "`communique rules init DIR`)"
    U017 = "{path}: unreadable rule-set manifest: {reason}"
    U018 = "{path} already exists and is not an empty folder; choose another or use --force"


class CommuniqueError(Exception):
    """Base of the errors this package raises on purpose."""


class UsageError(CommuniqueError):
    """The command cannot run as called (bad option, missing input, missing model)."""


class DataError(CommuniqueError):
    """A pattern or gazetteer file under models/ is malformed."""
