"""Readers, one per input format. Each yields `Article` records lazily.

A reader never raises for a bad record: it yields an Article with status `failed` and an
error that names the file and line, so the record still appears in `articles.csv`.
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import Errors, UsageError
from pipeline.records import STATUS_FAILED, STATUS_SKIPPED, Article
from pipeline.streams import (COMPRESSORS, DEFAULT_LIMITS, InputProblem, Limits, inner_path,
                              open_input, read_line, read_whole, record_stem)

FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
FORMATS = ("txt", "jsonl", "csv", "html", "feed")
UNSUPPORTED_COMPRESSION = {".zst": "zstd", ".zstd": "zstd", ".lz4": "lz4", ".zip": "zip",
                           ".7z": "7-Zip"}
GOLD_SUFFIX = ".gold.jsonl"  # annotation files beside articles are not articles

_ID_FIELDS = ("id", "article_id")
_DATE_FIELDS = ("date", "published")


# ---------------------------------------------------------------- helpers

def normalize_text(text: str) -> str:
    """The form used for content hashes: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def parse_metadata_date(value: object) -> str | None:
    """ISO date (YYYY-MM-DD) from a metadata date field, or None if it cannot be read."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    raw = str(value).strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow import; only for unusual metadata formats

    parsed = dateparser.parse(
        raw, languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date().isoformat() if parsed else None


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str) -> float | None:
    """Share of English stop words among the words of `text`; None when too short to tell."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text[:5000].lower())
    if len(words) < 25:
        return None
    latin = sum(1 for w in words if w.isascii())
    if latin < len(words) / 2:
        return 0.0
    return sum(1 for w in words if w in STOP_WORDS) / len(words)


_SURROGATE = re.compile("[\ud800-\udfff]")
_SCRUBBED = ("article_id", "text", "title", "url", "source")


def scrub(article: Article) -> Article:
    """Replace unpaired surrogates (a JSON `"\\ud800"`, a broken emoji: not Unicode, and not
    encodable as UTF-8) by U+FFFD in the text and metadata, with a note naming the fields."""
    bad = [name for name in _SCRUBBED if _SURROGATE.search(getattr(article, name))]
    for name in bad:
        setattr(article, name, _SURROGATE.sub("\ufffd", getattr(article, name)))
    if bad:
        note = Errors.N009.format(fields=", ".join(bad))
        article.error = f"{article.error}; {note}" if article.error else note
    return article


# No-break spaces between words ("President\u00a0Joe\u00a0Biden", common in the White House's
# pages) are tokens of their own for spaCy, which cuts names and offices apart: read as
# spaces. One character for one, so offsets into the text are unchanged.
NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
# A Markdown link left in a page's text ("on [March 30](https://...)", as White House mail
# archives have it): its brackets and address are blanked, so "March 30" reads as a date and
# the address as nothing, again one character for one.
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((?:https?://|mailto:)[^\s()]{1,2000}\)")


def readable(text: str) -> str:
    """The text as the pipeline reads it: no-break spaces as spaces, Markdown links as their
    words; offsets are those of `text`."""
    text = text.translate(NO_BREAK_SPACES)
    if "](" not in text:
        return text
    return MARKDOWN_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0))
                                                               - len(m.group(1)) - 1), text)


def finish(article: Article) -> Article:
    """Fill the derived fields (n_chars, sha256) and the skip reasons a record alone tells;
    the text is made `readable` (no-break spaces, Markdown links)."""
    scrub(article)
    article.text = readable(article.text)
    if article.status == STATUS_FAILED:
        return article
    article.n_chars = len(article.text)
    article.sha256 = content_hash(article.text) if article.text else ""
    if not article.text.strip():
        article.status, article.error = STATUS_SKIPPED, Errors.S001
        return article
    share = english_share(article.text)
    if share is not None and share < 0.12:
        article.status, article.error = STATUS_SKIPPED, Errors.S003.format(share=share)
    return article


def failed(article_id: str, origin: str, error: str, **meta: str) -> Article:
    return scrub(Article(article_id=article_id, origin=origin, status=STATUS_FAILED,
                         error=error, **meta))


def _decode(data: bytes, where: str) -> tuple[str | None, str]:
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        return None, Errors.E001.format(where=where, pos=exc.start, reason=exc.reason)


def _record(fields: dict, fallback_id: str, origin: str, where: str) -> Article:
    """An Article from a JSON object or CSV row with text and optional metadata."""
    rid = next((str(fields[k]).strip() for k in _ID_FIELDS if str(fields.get(k) or "").strip()),
               fallback_id)
    meta = {k: str(fields.get(k) or "").strip() for k in ("title", "url", "source")}
    if "text" not in fields:
        return failed(rid, origin, Errors.E003.format(where=where, keys=sorted(fields)), **meta)
    text = fields["text"]
    if text is None:
        text = ""
    if not isinstance(text, str):
        return failed(rid, origin, Errors.E004.format(where=where, kind=type(text).__name__),
                      **meta)
    article = Article(article_id=rid, text=text, origin=origin, **meta)
    for key in _DATE_FIELDS:
        raw = fields.get(key)
        if raw in (None, ""):
            continue
        iso = parse_metadata_date(raw)
        if iso:
            article.published, article.published_source = iso, "metadata"
        else:
            article.error = Errors.E011.format(where=where, value=raw, field=key)
        break
    return finish(article)


def _read(path: Path, limits: Limits = DEFAULT_LIMITS,
          decode: bool = True) -> tuple[bytes | str | None, Article | None]:
    """A whole file's bytes (or UTF-8 text), decompressed and at most `limits.max_file_size`
    bytes, or the failed record saying why not."""
    where, stem = str(path), record_stem(path)
    try:
        data = read_whole(path, limits)
    except OSError as exc:
        return None, failed(stem, where, Errors.E005.format(where=where, reason=_reason(exc)))
    except InputProblem as exc:
        return None, failed(stem, where, Errors.E030.format(where=where, problem=exc))
    if not decode:
        return data, None
    text, error = _decode(data, where)
    return (text, None) if text is not None else (None, failed(stem, where, error))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# ---------------------------------------------------------------- readers

def read_txt(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    text, problem = _read(path, limits)
    if problem:
        yield problem
        return
    yield finish(Article(article_id=record_stem(path), text=text, origin=str(path)))


def _lines(fh: Any, cap: int) -> Iterator[tuple[bytes, int]]:
    """(line, size) of every line of a binary stream; an overlong line as (b"", size)."""
    while True:
        line, size = read_line(fh, cap)
        if not size:
            return
        yield line, size


def read_jsonl(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    stem = "stdin" if path == "-" else record_stem(path)
    name = "<stdin>" if path == "-" else str(path)
    cap = limits.max_record_bytes
    lineno = 0
    try:
        fh = sys.stdin.buffer if path == "-" else open_input(path, limits)
    except OSError as exc:
        yield failed(stem, name, Errors.E005.format(where=name, reason=_reason(exc)))
        return
    try:
        for lineno, (raw, size) in enumerate(_lines(fh, cap), start=1):
            where = f"{name}, line {lineno}"
            fallback_id = f"{stem}:{lineno}"
            if size and not raw:
                yield _too_long(fallback_id, where, size, limits)
                continue
            if not raw.strip():
                continue
            line, error = _decode(raw, where)
            if line is None:
                yield failed(fallback_id, where, error)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield failed(fallback_id, where, Errors.E002.format(where=where, reason=exc.msg))
                continue
            except RecursionError:  # "[[[[..." deeper than Python's recursion limit
                yield failed(fallback_id, where, Errors.E002.format(
                    where=where, reason="nested too deeply"))
                continue
            if not isinstance(obj, dict):
                yield failed(fallback_id, where,
                             Errors.E008.format(where=where, kind=type(obj).__name__))
                continue
            yield _record(obj, fallback_id, where, where)
    except OSError as exc:
        yield failed(f"{stem}:{lineno + 1}", name,
                     Errors.E005.format(where=f"{name}, line {lineno + 1}", reason=_reason(exc)))
    except InputProblem as exc:
        where = f"{name}, line {lineno + 1}"
        yield failed(f"{stem}:{lineno + 1}", where, Errors.E030.format(where=where, problem=exc))
    finally:
        if path != "-":
            fh.close()


def _too_long(article_id: str, where: str, size: int, limits: Limits) -> Article:
    """The skipped record standing for a line too long to read at --max-chars."""
    return Article(article_id=article_id, origin=where, status=STATUS_SKIPPED,
                   n_chars=0, error=Errors.S011.format(where=where, size=size,
                                                       cap=limits.max_record_bytes,
                                                       max_chars=limits.max_chars))


class _CsvLines:
    """Decoded physical lines of a CSV stream for `csv.reader`. A line that is overlong or
    not UTF-8 is left out and noted in `dropped` (line number, record saying why); the
    reader reports it in order and goes on with the next line."""

    def __init__(self, fh: Any, where: str, stem: str, limits: Limits) -> None:
        self.lines = _lines(fh, limits.max_record_bytes)
        self.where, self.stem, self.limits = where, stem, limits
        self.lineno = 0
        self.dropped: list[Article] = []

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        while True:
            raw, size = next(self.lines)
            self.lineno += 1
            where = f"{self.where}, line {self.lineno}"
            rid = f"{self.stem}:{self.lineno}"
            if not raw:
                self.dropped.append(_too_long(rid, where, size, self.limits))
                continue
            text, error = _decode(raw, where)
            if text is None:
                self.dropped.append(failed(rid, where, error))
                continue
            return text


def _allow_fields(limits: Limits) -> None:
    """Let the csv module read fields up to what --max-chars allows (its own default,
    131,072 characters, is below a long article). Process-wide; only ever raised."""
    wanted = limits.max_record_bytes
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def read_csv(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    where, stem = str(path), record_stem(path)
    _allow_fields(limits)
    try:
        fh = open_input(path, limits)
    except OSError as exc:
        yield failed(stem, where, Errors.E005.format(where=where, reason=_reason(exc)))
        return
    lines = _CsvLines(fh, where, stem, limits)
    try:
        yield from _csv_records(csv.DictReader(lines), lines, where, stem)
    except OSError as exc:
        at = f"{where}, line {lines.lineno + 1}"
        yield failed(f"{stem}:{lines.lineno + 1}", at,
                     Errors.E005.format(where=at, reason=_reason(exc)))
    except InputProblem as exc:
        at = f"{where}, line {lines.lineno + 1}"
        yield failed(f"{stem}:{lines.lineno + 1}", at, Errors.E030.format(where=at, problem=exc))
    finally:
        fh.close()


def _csv_records(reader: csv.DictReader, lines: _CsvLines, where: str,
                 stem: str) -> Iterator[Article]:
    while True:
        try:
            fieldnames = reader.fieldnames
            break
        except csv.Error as exc:  # a bad header line: try the next one as the header
            at = f"{where}, line {lines.lineno}"
            yield failed(f"{stem}:{lines.lineno}", at, Errors.E010.format(where=at, reason=exc))
    yield from lines.dropped
    lines.dropped.clear()
    if fieldnames is None:
        return  # empty file: no records
    if "text" not in fieldnames:
        yield failed(stem, where, Errors.E009.format(where=where, columns=fieldnames))
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader starts afresh on the next line
            yield from lines.dropped
            lines.dropped.clear()
            at = f"{where}, line {lines.lineno}"
            yield failed(f"{stem}:{lines.lineno}", at, Errors.E010.format(where=at, reason=exc))
            continue
        yield from lines.dropped
        lines.dropped.clear()
        row_where = f"{where}, line {lines.lineno}"
        fields = {k: v for k, v in row.items() if k is not None}
        yield _record(fields, f"{stem}:{lines.lineno}", row_where, row_where)
    yield from lines.dropped


def read_html(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    import trafilatura

    where, stem = str(path), record_stem(path)
    html, problem = _read(path, limits)
    if problem:
        yield problem
        return
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many types on junk
        yield failed(stem, where, Errors.E035.format(where=where, reason=_describe(exc)))
        return
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        yield failed(stem, where, Errors.E007.format(where=where))
        return
    article = Article(article_id=stem, text=text, origin=where,
                      title=meta.get("title") or "", url=meta.get("url") or "",
                      source=meta.get("sitename") or meta.get("hostname") or "",
                      author=meta.get("author") or "")
    iso = parse_metadata_date(meta.get("date"))
    if iso:
        article.published, article.published_source = iso, "metadata"
    yield finish(article)


def _describe(exc: BaseException) -> str:
    """`Type: message` of an exception, at most 200 characters of it."""
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 200 else text[:199] + "\u2026"


_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.DOTALL | re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)", re.IGNORECASE)


def declared_entities(data: bytes) -> list[str]:
    """Names of the entities a document declares (in a DOCTYPE's internal subset or
    anywhere else an `<!ENTITY` appears)."""
    return [m.group(2).decode("utf-8", "replace")[:40] for m in _ENTITY.finditer(data)]


def strip_doctype(data: bytes) -> tuple[bytes, str]:
    """Remove any DOCTYPE (and its internal subset): entities are never fetched or expanded."""
    match = _DOCTYPE.search(data)
    if not match:
        return data, ""
    kind = "external entity" if re.search(rb"SYSTEM|PUBLIC", match.group(0)) else "internal DTD"
    return data[: match.start()] + data[match.end():], kind


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment; scripts and styles dropped, paragraphs kept."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml_html_clean import Cleaner

    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div",
                                             parser=lxml.html.HTMLParser(huge_tree=True))
    except Exception:  # lxml raises several types on junk; fall back to tag stripping
        return strip_tags(fragment)
    tree = Cleaner(scripts=True, javascript=True, style=True, comments=True).clean_html(tree)
    for block in tree.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n\n" + (block.tail or "") if block.tag != "br" else "\n" + (block.tail or "")
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", tree.text_content())).strip()
    # libxml2 drops what lies deeper than its nesting limit: keep the text all the same
    return text or strip_tags(fragment)


_MARKUP = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*>|<[^<]*|[^<]+")


def strip_tags(fragment: str) -> str:
    """Text of markup that lxml could not read (or nested past libxml2's limit), in one
    linear pass (no match reaches past the next "<"): tags, comments, scripts and styles
    dropped, character references decoded, whitespace collapsed."""
    import html

    parts: list[str] = []
    hidden = 0
    for match in _MARKUP.finditer(fragment):
        closing, tag = match.group(1), (match.group(2) or "").lower()
        if tag in ("script", "style"):
            hidden = max(0, hidden - 1) if closing else hidden + 1
        elif not hidden and not match.group(0).startswith("<"):
            parts.append(match.group(0))
    return " ".join(html.unescape(" ".join(parts)).split())


def read_feed(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    import feedparser

    where, stem = str(path), record_stem(path)
    data, problem = _read(path, limits, decode=False)
    if problem:
        yield problem
        return
    entities = declared_entities(data)
    if entities:  # billion laughs, external entities: refused, never expanded or fetched
        shown = ", ".join(dict.fromkeys(entities[:5])) + (", ..." if len(entities) > 5 else "")
        yield failed(stem, where, Errors.E031.format(where=where, names=shown))
        return
    data, doctype = strip_doctype(data)
    try:
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's fallbacks raise many types on junk
        yield failed(stem, where, Errors.E006.format(where=where, reason=_describe(exc)))
        return
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(broken, feedparser.CharacterEncodingOverride):
        broken = None
    recovered = [e for e in parsed.entries if e.get("content") or e.get("summary")]
    if not parsed.entries or (broken and not recovered):
        reason = broken or "no entries found"
        yield failed(stem, where, Errors.E006.format(where=where, reason=reason))
        return
    notes = [Errors.N002.format(kind=doctype)] if doctype else []
    if broken:
        notes.append(Errors.N006.format(reason=broken))
    note = "; ".join(notes)
    source = parsed.feed.get("title", "") if parsed.get("feed") else ""
    for n, entry in enumerate(parsed.entries, start=1):
        entry_where = f"{where}, entry {n}"
        rid = entry.get("id") or entry.get("link") or f"{stem}:{n}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        try:
            text, title = html_to_text(body), html_to_text(entry.get("title", ""))
        except Exception as exc:  # noqa: BLE001 - e.g. nesting too deep for the cleaner
            yield failed(str(rid), entry_where,
                         Errors.E035.format(where=entry_where, reason=_describe(exc)))
            continue
        article = Article(article_id=str(rid), text=text, origin=entry_where,
                          title=title, url=entry.get("link", ""), source=source, error=note)
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            article.published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
            article.published_source = "metadata"
        else:
            iso = parse_metadata_date(entry.get("published") or entry.get("updated"))
            if iso:
                article.published, article.published_source = iso, "metadata"
        yield finish(article)


def read_unsupported(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    """A file found in a folder whose compression cannot be read: one failed record."""
    kind = UNSUPPORTED_COMPRESSION[Path(path).suffix.lower()]
    yield failed(record_stem(path), str(path),
                 Errors.E036.format(where=path, kind=kind, supported=", ".join(COMPRESSORS)))


READERS: dict[str, Callable[..., Iterator[Article]]] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "html": read_html,
    "feed": read_feed,
    "unsupported": read_unsupported,
}


# ---------------------------------------------------------------- input discovery

def discover(inputs: Iterable[str],
             input_format: str | None = None) -> Iterator[tuple[Path | str, str]]:
    """(path, format) for every input file, folders walked recursively in sorted order.

    Raises UsageError for a missing input, an unknown --input-format, or an explicitly named
    file with no reader. Files in folders without a reader (README.md, *.gold.jsonl) are ignored.
    """
    inputs = list(inputs)
    if input_format is not None and input_format not in FORMATS:
        raise UsageError(Errors.U003.format(value=input_format, choices=", ".join(FORMATS)))
    for raw in inputs:  # checked up front: a typo must not surface after an hour of work
        if raw != "-" and not Path(raw).exists():
            raise UsageError(Errors.U001.format(path=raw))
        if raw != "-" and Path(raw).is_file() and \
                Path(raw).suffix.lower() in UNSUPPORTED_COMPRESSION:
            raise UsageError(Errors.E036.format(
                where=raw, kind=UNSUPPORTED_COMPRESSION[Path(raw).suffix.lower()],
                supported=", ".join(COMPRESSORS)))
        if raw != "-" and Path(raw).is_file() and not input_format \
                and inner_path(raw).suffix.lower() not in FORMAT_BY_SUFFIX:
            raise UsageError(Errors.U005.format(suffix=inner_path(raw).suffix, path=raw))
    return _walk(inputs, input_format)


def _walk(inputs: list[str], input_format: str | None) -> Iterator[tuple[Path | str, str]]:
    for raw in inputs:
        if raw == "-":
            yield "-", input_format or "jsonl"
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel) or not child.is_file():
                    continue
                inner = inner_path(child)
                if inner.name.endswith(GOLD_SUFFIX):
                    continue
                if child.suffix.lower() in UNSUPPORTED_COMPRESSION:
                    inner = child.with_suffix("")
                    if input_format or inner.suffix.lower() in FORMAT_BY_SUFFIX:
                        yield child, "unsupported"
                    continue
                fmt = input_format or FORMAT_BY_SUFFIX.get(inner.suffix.lower())
                if fmt:
                    yield child, fmt
        else:
            yield path, input_format or FORMAT_BY_SUFFIX[inner_path(path).suffix.lower()]


def read_objects(items: Iterable[str | Mapping[str, Any] | Article],
                 origin: str = "python") -> Iterator[Article]:
    """Articles from Python objects: a string is an article's text (id `text-N`), a mapping
    a record like a JSONL line (`text` plus optional id, title, date, url, source), an
    `Article` is taken as it is. A bad item gives a failed Article naming its position."""
    for n, item in enumerate(items, start=1):
        where = f"{origin} item {n}"
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str):
            yield _record({"text": item}, f"text-{n}", where, where)
        elif isinstance(item, Mapping):
            yield _record(dict(item), f"text-{n}", where, where)
        else:
            yield failed(f"text-{n}", where,
                         Errors.E014.format(where=where, kind=type(item).__name__))


def read_inputs(inputs: Iterable[str], input_format: str | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Iterator[Article]:
    """Every record of every input, lazily, in input order; compressed files (.gz, .bz2,
    .xz) are decompressed as they are read."""
    for path, fmt in discover(inputs, input_format):
        yield from READERS[fmt](path, limits)
