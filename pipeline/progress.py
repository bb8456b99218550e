"""Progress of `communique extract` on stderr: articles done, articles/s and ETA.

The bar is shown only when stderr is a terminal. Its total is estimated cheaply up front
(lines of JSONL/CSV files, entries of feeds, one per text/HTML file), so it may be off by
the few records a count cannot see (blank lines, multi-line CSV cells).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pipeline import ingest

_BLOCK = 1 << 20


def estimate_total(inputs: Iterable[str], input_format: str | None = None) -> int | None:
    """Records in the inputs, roughly; None when unknowable (stdin)."""
    total = 0
    for path, fmt in ingest.discover(inputs, input_format):
        if path == "-":
            return None
        total += count_records(Path(path), fmt)
    return total


def count_records(path: Path, fmt: str) -> int:
    """Records in one input file, counted without parsing it."""
    from pipeline.streams import InputProblem, open_input

    if fmt in ("txt", "html", "unsupported"):
        return 1
    needles = {"jsonl": (b"\n",), "csv": (b"\n",), "feed": (b"<item", b"<entry")}[fmt]
    count, last = 0, b"\n"
    try:
        with open_input(path) as fh:  # compressed files are counted decompressed
            while block := fh.read(_BLOCK):
                # a needle split across blocks is missed: fine for an estimate
                count += sum(block.count(n) for n in needles)
                last = block[-1:]
    except (OSError, InputProblem):
        return max(count, 1)  # the reader reports the rest as one failed record
    if fmt == "jsonl" and last != b"\n":
        count += 1  # last line without a newline
    if fmt == "csv":
        count = max(count - 1 + (last != b"\n"), 0)  # minus the header
    return count


class ProgressBar:
    """A rich progress bar on `stream`; call it with the number of records done."""

    def __init__(self, total: int | None, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} articles/s" if speed else "- articles/s")

        self.console = Console(file=stream)
        self.bar = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(), Rate(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=self.console, redirect_stdout=False, redirect_stderr=False)
        self.task = self.bar.add_task("extract", total=total)

    def __call__(self, done: int) -> None:
        self.bar.update(self.task, completed=done)

    def note(self, text: str) -> None:
        """Print a line above the bar."""
        self.console.print(text, markup=False, highlight=False)

    def __enter__(self) -> ProgressBar:
        self.bar.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.bar.stop()


def progress_bar(inputs: Iterable[str], input_format: str | None, quiet: bool,
                 stream: IO[str]) -> ProgressBar | None:
    """A progress bar when `stream` is a terminal and the run is not quiet, else None."""
    if quiet or not stream.isatty():
        return None
    return ProgressBar(estimate_total(inputs, input_format), stream)
