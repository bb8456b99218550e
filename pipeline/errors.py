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
    E030 = "{where}: {problem}"  # an input that stopped being readable (E032-E034)
    E031 = "{where}: the feed declares entities in its DOCTYPE ({names}); they are never " \
           "expanded or fetched, so the feed is refused"
    E032 = "decompression stopped: {detail}; a decompression bomb? (raise {option} if the " \
           "file is genuine)"
    E033 = "corrupt or truncated {kind} data: {reason}"
    E034 = "more than {cap:,} bytes, the limit for a file read whole (raise --max-file-size)"
    E035 = "{where}: the HTML page could not be parsed: {reason}"
    E036 = "{where}: {kind}-compressed input is not supported (readable: {supported}); " \
           "decompress it first"

    # ingest: records that are skipped (status=skipped)
    S001 = "empty text"
    S002 = "duplicate of article {other!r} (same normalized text)"
    S003 = "not English (English stop-word share {share:.2f})"
    S010 = "text of {n:,} characters is above --max-chars {cap:,}; not processed (raise " \
           "--max-chars to process it)"
    S011 = "{where}: record of {size:,} bytes is above the {cap:,} bytes allowed by --max-chars " \
           "{max_chars:,}; not read (raise --max-chars to read it)"

    # notes on records that are kept (status=ok)
    N001 = "id {old!r} already used in this run; renamed to {new!r}"
    N002 = "feed declared a DOCTYPE ({kind}); it was removed, not fetched or expanded"
    N006 = "feed is malformed ({reason}); entries recovered by the lenient parser"
    N009 = "unpaired surrogates (invalid Unicode) in {fields} replaced by U+FFFD"

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
    U009 = "give exactly one of --pred OUTDIR, --articles INPUT or --pred-gold FILE"
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
    # leaders data (D010-D019)
    D010 = "{path}, row {line}: bad title kind: {reason}"
    D011 = "{path}, row {line}: unknown kind {value!r} in column 'kind'; {kinds} defines " \
           "{choices}"
    D012 = "{path}, row {line}: bad fact: {reason}"

    # review app (`communique review`): field validation (HTTP 422, import lines)
    R001 = "{field}: {value!r} is not a country code; write ISO 3166 alpha-3 codes (KAZ, " \
           "TJK) or organization acronyms (UN, EU), ';'-separated"
    R002 = "{field}: {value!r} is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD " \
           "(e.g. 2021-05-20), or a range START/END"
    R003 = "{field}: {value!r} is not a number; write digits, e.g. 1000000000 or 2.5e9"
    R004 = "{field}: {value!r} is not an ISO 4217 currency code (e.g. USD, EUR, RUB)"
    R005 = "{field}: {value!r} is not one of: {choices}"
    R006 = "{field} must not be empty"
    R007 = "{field}: too long ({n} characters, at most {limit})"
    R008 = "{field}: {value!r} is not a known field of the {table} table (fields: {fields})"
    # review app: decisions
    R009 = "row {row_id} was {action} by {reviewer} at {at} after you loaded it; your " \
           "{attempt} was not saved. Their decision is shown: decide again if you disagree"
    R010 = "no row {row_id!r} in the {table} table of this folder"
    R011 = "the selection {start}-{end} is not a span of article {article_id!r} (its text " \
           "has {n} characters)"
    R012 = "article {article_id!r} already has a {table} row at {start}-{end} ({row_id})"
    R013 = "an added row is accepted when it is added; edit or reject it instead"
    R014 = "unknown action {action!r}; one of: accept, reject, edit"
    R015 = "no article {article_id!r} in this folder"
    # review app: requests refused (HTTP 403)
    R016 = "read-only: this review server was started with --read-only and records no " \
           "decisions"
    R017 = "this review server needs its access token: open the URL that `communique " \
           "review` printed (it ends in ?token=...)"
    R018 = "refused: the request lacks this page's CSRF token; reload the page and try again"
    R019 = "refused: host {host!r} is not the address this review server listens on"
    # review app: folders (usage errors, exit code 2)
    R020 = "{path} is not an output folder of `communique extract` (no {state}); run " \
           "`communique extract INPUT --out {path}` first"
    R021 = "{path}: the output folder was written before article texts were kept; re-run " \
           "`communique extract` with the same inputs and --out {path} (unchanged articles " \
           "are not processed again, their texts are added)"
    R022 = "port {port} on {host} is in use; pass another --port"
    R023 = "{path}: cannot tell which table this file holds; name it <table>.csv " \
           "(leaders, dates, documents, trade) or pass --table"
    R024 = "{path}: missing column(s) {columns} (an exported {table}.csv has them)"
    R025 = "{path}: unreadable CSV: {reason}"
    # review import: one line that could not be applied (reported with its line number)
    R026 = "{path}, line {line}: {reason}"
    R027 = "review {value!r} is not one of: accepted, edited, added, rejected, unreviewed"
    R028 = "row {row_id} was {action} by {reviewer} at {at}, after this file was exported; " \
           "not applied (export again to see it)"
    R029 = "row {row_id} is also on line {other}"
    R030 = "article_id {value!r} differs from the row's article {article_id!r}"
    R031 = "{field} {value!r} is not an integer character offset"
    R032 = "text {value!r} is not the article's text at {start}-{end} ({actual!r})"
    # review app: marking an article "reviewed: nothing to add"
    R033 = "article {article_id!r} still has {n} undecided row(s) ({detail}); accept, reject " \
           "or edit them before marking it reviewed"
    R034 = "article {article_id!r} was not extracted (status {status}); there is nothing in " \
           "it to review"
    # data packages (usage errors, exit code 2)
    U024 = "{path}: unreadable data package: {reason}"
    D004 = "{path}, row {line}: bad triage trigger: {reason}"

    # batch runs (usage errors, exit code 2)
    U012 = "{path}: another communique run is using this output folder; wait for it to end"
    U013 = "--engine dask needs the dask extra: pip install 'communique[dask]' ({detail})"
    U014 = "Dask {where}: {detail}"
    U015 = "ruler {name!r}: gate_scope {scope!r} is not one of {choices}"
    U040 = "component {name!r}: unknown state-linking strategy {value!r} in 'linking'; " \
           "choose from {choices}"

    # rule sets (usage errors, exit code 2)
    U016 = "{origin}: {path} is not a complete rule set; missing: {missing} (make one with " \
           "`communique rules init DIR`)"
    U017 = "{path}: unreadable rule-set manifest: {reason}"
    U018 = "{path} already exists and is not an empty folder; choose another or use --force"
    U019 = "no rule-set version {name!r} in {home} (known: {known})"
    U020 = "{name!r} cannot name a rule-set version (use letters, digits, '-', '_', '.'; " \
           "not 'default')"
    U021 = "a rule-set version {name!r} already exists at {path}; versions are never " \
           "overwritten, choose another name"
    U022 = "nothing to roll back to: {active!r} is the first version made active"
    U023 = "rule-set version {name!r} at {path} was modified after it was saved (saved as " \
           "{saved}, now {now}); copy it with `communique rules init DIR --from {name}` to edit"

    # retrain (`communique retrain`): usage errors, exit code 2
    T001 = "{path}: not a retrain source; give an output folder of `communique extract` " \
           "with review decisions, a reviewed CSV (or folder) from `communique review --export`, " \
           "or a gold file (*.gold.jsonl) with --articles"
    T002 = "{path}: {n} article(s) of this source have no text; pass the inputs they come " \
           "from with --articles (missing: {ids})"
    T003 = "{path}: nothing reviewed yet (no decision covers a whole table of an article, " \
           "and no article is marked reviewed)"
    T004 = "the sources hold no reviewed article with a text; nothing to learn from"
    T005 = "--holdout {value} must be at least 0 and below 1"
    T006 = "{path}, line {line}: unreadable reviewed row: {reason}"
    T007 = "--model-too needs spaCy training to work here: {reason}"
    D020 = "{path}, row {line}: bad disabled-rule line: {reason}"

    # fetching URLs (pipeline/fetch.py, pipeline/feeds.py); F = a fetch that failed or was
    # skipped (the articles.csv error), U = usage errors
    F001 = "{url}: HTTP {status}"
    F002 = "{url}: timed out after {seconds:g} s"
    F003 = "{url}: connection failed: {reason}"
    F004 = "{url}: redirect loop ({chain})"
    F005 = "{url}: more than {limit} redirects ({chain})"
    F006 = "{url}: larger than the maximum page size of {limit:,} bytes (--max-page-mb)"
    F007 = "{url}: HTTP {status} with Retry-After {seconds:g} s, longer than the {limit:g} s " \
           "a poll waits; the next poll tries again"
    F008 = "{url}: disallowed by robots.txt of {host} for user agent {agent!r}"
    F009 = "{url}: robots.txt of {host} could not be fetched ({reason}); the host's pages " \
           "are not fetched until it can be (RFC 9309)"
    F010 = "{url}: not a web page or a feed (content type {ctype!r})"
    F011 = "{url}: no main text could be extracted from the page"
    F012 = "{url}: not a feed, and the page links to no feed"
    F013 = "{url}: broken feed: {reason}"
    F014 = "feed, not an article: {entries} entries, {new} new; {due} to fetch in this poll" \
           "{waiting}"
    F015 = "feed, not an article: not modified since the last poll (HTTP 304); {due} to " \
           "fetch in this poll{waiting}"
    F016 = "site page, not an article: feeds found: {feeds}"
    F017 = "duplicate of feed entry {other!r} (same title and summary)"
    F018 = "{url}: {target!r} is not an http(s) URL"
    F019 = "{url}: could not be processed: {reason}"
    N007 = "no main text on the page; the feed entry's text is used"
    N008 = "no contact given (--contact or COMMUNIQUE_CONTACT): the sites you poll cannot " \
           "reach you about your requests"
    U025 = "{path}, line {line}: not an http(s) URL: {value!r}"
    U026 = "feed list {path}: unreadable: {reason}"
    U027 = "give INPUT files, folders or URLs, or --feeds FILE"

    # output that cannot be written (exit code 1)
    W001 = "{path}: cannot write ({reason}); the tables of the last complete run are kept " \
           "and the run can be resumed: free space or fix permissions, then run the same " \
           "command again"

    # component settings (usage errors, exit code 2)
    U028 = "component {name!r}: unknown or non-numeric setting {section}.{key} = {value!r} " \
           "(settings: {known})"


class CommuniqueError(Exception):
    """Base of the errors this package raises on purpose."""


class UsageError(CommuniqueError):
    """The command cannot run as called (bad option, missing input, missing model)."""


class OutputError(CommuniqueError):
    """An output file or the state database cannot be written (disk full, permissions)."""


class DataError(CommuniqueError):
    """A pattern or gazetteer file under models/ is malformed."""
