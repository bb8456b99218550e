"""Opening inputs as bounded byte streams: plain or compressed (.gz, .bz2, .xz), never whole.

Compressed files are decompressed as they are read, so `feed.jsonl.gz` streams like
`feed.jsonl`. A decompression bomb stops at a cap: when the output grows past `max_ratio`
times the compressed bytes read (checked once `RATIO_FLOOR` bytes came out), or, for a file
read whole (text, HTML, feed), past `max_file_size` bytes. `.zst` is not read: no zstd
library is among the dependencies (Python 3.14's `compression.zstd` would do).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import Errors

MiB = 1 << 20
COMPRESSORS: dict[str, tuple[str, Callable[[BinaryIO], BinaryIO]]] = {
    ".gz": ("gzip", lambda fh: gzip.GzipFile(fileobj=fh, mode="rb")),
    ".bz2": ("bzip2", lambda fh: bz2.BZ2File(fh, mode="rb")),
    ".xz": ("xz", lambda fh: lzma.LZMAFile(fh, mode="rb")),
}
RATIO_FLOOR = 1 * MiB  # small outputs have any ratio; a bomb is large by definition
# What a corrupt or truncated stream raises, by library.
_CORRUPT = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


@dataclass(frozen=True)
class Limits:
    """Resource caps of one run (CLI: --max-chars, --max-file-size, --max-ratio)."""

    max_chars: int = 1_000_000  # characters of one article's text; longer ones are skipped
    max_file_size: int = 256 * MiB  # bytes of an input read whole (txt, html, feed)
    max_ratio: float = 100.0  # decompressed / compressed bytes of a compressed input

    @property
    def max_record_bytes(self) -> int:
        """Bytes of one JSONL line or CSV record at most: `max_chars` characters of text
        escaped as JSON (`\\uXXXX`: 6 bytes each) plus room for the metadata."""
        return self.max_chars * 6 + MiB


DEFAULT_LIMITS = Limits()


class InputProblem(Exception):
    """An input cannot be read (further): a bomb, a corrupt stream, a file over a cap.
    `str(exc)` is the coded message without the location (the reader adds it)."""


def compression_of(path: Path | str) -> str | None:
    """The compression suffix of `path` ('.gz', '.bz2', '.xz') or None."""
    suffix = Path(path).suffix.lower()
    return suffix if suffix in COMPRESSORS else None


def inner_path(path: Path | str) -> Path:
    """`path` without its compression suffix: `day.csv.xz` -> `day.csv`."""
    path = Path(path)
    return path.with_suffix("") if compression_of(path) else path


def record_stem(path: Path | str) -> str:
    """The name a file's records are called by (ids `STEM` or `STEM:LINE`): `feed.jsonl.gz`
    -> `feed`."""
    return inner_path(path).stem


class _Counting(io.RawIOBase):
    """A raw file that counts the bytes read from it (the compressed side)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh, self.n = fh, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self.fh.readinto(buffer) or 0
        self.n += n
        return n


class _Bounded(io.RawIOBase):
    """The decompressed side: raises InputProblem past the ratio or size cap, or on a corrupt
    stream, instead of growing without end or leaking the library's exception types."""

    def __init__(self, path: Path, suffix: str, limits: Limits, max_bytes: int | None) -> None:
        self.kind, opener = COMPRESSORS[suffix]
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._counter = _Counting(self._file)
        self._inner = opener(self._counter)  # type: ignore[arg-type]
        self.limits, self.max_bytes, self.out = limits, max_bytes, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            n = self._inner.readinto(buffer) or 0  # type: ignore[attr-defined]
        except _CORRUPT as exc:
            raise InputProblem(Errors.E033.format(kind=self.kind, reason=exc)) from None
        self.out += n
        compressed = max(self._counter.n, 1)
        if self.out > RATIO_FLOOR and self.out > self.limits.max_ratio * compressed:
            raise InputProblem(Errors.E032.format(
                detail=f"it expands more than {self.limits.max_ratio:g} times ({compressed:,} "
                       f"compressed bytes gave {self.out:,})", option="--max-ratio"))
        if self.max_bytes is not None and self.out > self.max_bytes:
            raise InputProblem(Errors.E034.format(cap=self.max_bytes))
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        except _CORRUPT:
            pass
        finally:
            self._file.close()
            super().close()


def open_input(path: Path | str, limits: Limits = DEFAULT_LIMITS,
               max_bytes: int | None = None) -> BinaryIO:
    """A buffered binary stream of the (decompressed) content of `path`. Reading past
    `max_bytes` (compressed inputs) or a bomb-like ratio raises InputProblem; so does a
    corrupt compressed stream."""
    suffix = compression_of(path)
    if suffix is None:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    return io.BufferedReader(_Bounded(Path(path), suffix, limits, max_bytes), 1 << 16)


def read_whole(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """All bytes of an input read whole (txt, html, feed), at most `limits.max_file_size`
    (after decompression): InputProblem above it."""
    cap = limits.max_file_size
    with open_input(path, limits, max_bytes=cap) as fh:
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise InputProblem(Errors.E034.format(cap=cap))
    return data


def read_line(fh: BinaryIO, cap: int) -> tuple[bytes, int]:
    """The next line of `fh`, and its length in bytes. A line longer than `cap` is read to
    its end but not kept: (b"", length). At the end of the file: (b"", 0)."""
    line = fh.readline(cap + 1)
    if len(line) <= cap or line.endswith(b"\n"):
        return line, len(line)
    size = len(line)
    while True:  # drain the rest of the overlong line in bounded pieces
        more = fh.readline(MiB)
        size += len(more)
        if not more or more.endswith(b"\n"):
            return b"", size


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from '256M', '1.5G', '4096', '64KiB' (powers of 1024); ValueError otherwise."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a size (e.g. 512M, 2G, 1048576)")
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * (1 << (10 * " kmgt".index(unit or " "))))
