"""Fuzzed readers: random bytes and structure-aware mutations of every input format, plain and
compressed. Properties: no exception escapes a reader; every record has an id and a known
status; a failed record names its file; line-based formats give one record per line."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import re
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import examples
from pipeline.ingest import read_inputs

STATUSES = {"ok", "skipped", "failed"}
SURROGATE = re.compile("[\ud800-\udfff]")
COMPRESS = {"": lambda b: b, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".xml")

# Text that hostile feeds carry: controls, NUL, lone surrogates, right-to-left, emoji, BOMs.
HOSTILE = st.sampled_from(["\x00", "\x1b[2J", "\u202e", "\u200f", "\ufeff", "\ud800", "\udfff",
                           "\U0001F1FA\U0001F1F3", "\u0645\u0635\u0631", "\u05e9\u05dc\u05d5\u05dd",
                           "e\u0301", "\r", "\n\n", "\t", "&amp;", "&lol9;", "<![CDATA[", "]]>",
                           "\"", "'", ",", "\\", "<script>", "</p>"])
WORDS = st.sampled_from(["President", "Tokayev", "met", "Modi", "in", "Astana", "on", "May",
                         "19,", "2021", "signed", "an", "agreement", "trade", "$1.2", "billion",
                         "the", "of", "and", "."])
TEXT = st.lists(st.one_of(WORDS, HOSTILE, st.text(max_size=8)), max_size=40).map(" ".join)


def read_file(data: bytes, suffix: str) -> tuple[Path, list]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return path, list(read_inputs([str(path)]))


def check(path: Path, records: list) -> None:
    for record in records:
        assert record.status in STATUSES
        assert record.article_id
        if record.status == "failed":
            assert str(path) in record.error or path.name in record.error


def nonblank_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` truncated, with bytes flipped, inserted, deleted, a slice repeated, or deep
    nesting (brackets, tags) inserted."""
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "repeat", "nest"]))
        if kind == "nest":
            opener = draw(st.sampled_from([b"[", b'{"a":', b"<div>", b"<b>", b'"']))
            depth = draw(st.integers(1, 3000))
            data = data[:at] + opener * depth + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 32)):]
        else:
            end = min(len(data), at + draw(st.integers(1, 64)))
            data = data[:end] + data[at:end] * draw(st.integers(1, 4)) + data[end:]
    return data


# ---------------------------------------------------------------- random bytes

@settings(max_examples=examples(60))
@given(data=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES),
       compression=st.sampled_from(sorted(COMPRESS)))
@example(data=b"\xff\xfe\x00", suffix=".txt", compression="")
@example(data=b"", suffix=".csv", compression=".gz")
def test_fuzz_readers_random_bytes(data, suffix, compression):
    path, records = read_file(COMPRESS[compression](data), suffix + compression)
    check(path, records)
    if suffix in (".txt", ".html"):
        assert len(records) == 1  # one file, one record, whatever it holds
    if suffix == ".jsonl":
        assert len(records) == nonblank_lines(data)


@settings(max_examples=examples(30))
@given(data=st.binary(min_size=1, max_size=512), suffix=st.sampled_from(SUFFIXES),
       compression=st.sampled_from([".gz", ".bz2", ".xz"]))
def test_fuzz_readers_corrupt_compressed_stream(data, suffix, compression):
    """Bytes that are not (or not wholly) a compressed stream: failed records, no crash."""
    packed = COMPRESS[compression](data)
    cut = packed[: max(1, len(packed) // 2)]
    for blob in (data, cut):
        path, records = read_file(blob, suffix + compression)
        check(path, records)


# ---------------------------------------------------------------- JSONL

JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
                          lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                          max_leaves=6)
RECORD = st.fixed_dictionaries({}, optional={
    "id": st.one_of(TEXT, st.integers(), st.none()), "text": st.one_of(TEXT, JSON_VALUE),
    "title": TEXT, "date": st.one_of(TEXT, st.sampled_from(["2021-05-20", "0000-00-00",
                                                             "Thu, 20 May 2021", "9999-12-31"])),
    "url": TEXT, "source": st.one_of(TEXT, st.integers())})


@settings(max_examples=examples(60))
@given(objects=st.lists(RECORD, max_size=8), ascii_only=st.booleans(), data=st.data())
def test_fuzz_readers_jsonl_mutations(objects, ascii_only, data):
    lines = [json.dumps(o, ensure_ascii=ascii_only) for o in objects]
    clean = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    blob = data.draw(mutated(clean))
    compression = data.draw(st.sampled_from(sorted(COMPRESS)))
    path, records = read_file(COMPRESS[compression](blob), ".jsonl" + compression)
    check(path, records)
    assert len(records) == nonblank_lines(blob)
    if blob == clean and (ascii_only or clean.decode("utf-8", "replace") == clean.decode(
            "utf-8", "surrogatepass")):  # unmutated valid UTF-8: text read as written
        for obj, record in zip(objects, records):
            if isinstance(obj.get("text"), str):
                assert record.status != "failed"
                assert record.text == SURROGATE.sub("\ufffd", obj["text"])
            elif "text" in obj and obj["text"] is None:
                assert record.status == "skipped"  # no text: empty
            else:
                assert record.status == "failed"


# ---------------------------------------------------------------- CSV

CELL = st.one_of(TEXT, st.text(alphabet=st.characters(codec="utf-8"), max_size=20))


@settings(max_examples=examples(60))
@given(rows=st.lists(st.tuples(CELL, CELL, CELL), max_size=6), data=st.data())
def test_fuzz_readers_csv_mutations(rows, data):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "title", "text"])
    writer.writerows(rows)
    clean = out.getvalue().encode("utf-8", "surrogatepass")
    blob = data.draw(mutated(clean))
    path, records = read_file(blob, ".csv")
    check(path, records)
    if blob == clean and not SURROGATE.search(out.getvalue()):  # unmutated: as written
        assert len(records) == len(rows)
        for (_, _, text), record in zip(rows, records):
            assert record.status != "failed" and record.text == text


# ---------------------------------------------------------------- HTML

@st.composite
def html_pages(draw: st.DrawFn) -> str:
    tags = st.sampled_from(["div", "p", "span", "article", "table", "td", "b", "script",
                            "style", "noscript", "svg", "iframe", "form", "h1", "li"])

    def node(depth: int) -> str:
        tag = draw(tags)
        if depth <= 0 or draw(st.booleans()):
            return f"<{tag}>{draw(TEXT)}</{tag}>"
        children = "".join(node(depth - 1) for _ in range(draw(st.integers(1, 3))))
        return f"<{tag} class=\"{draw(st.text(max_size=4))}\">{children}</{tag}>"

    title = draw(TEXT)
    return f"<html><head><title>{title}</title></head><body>{node(4)}</body></html>"


@settings(max_examples=examples(40))
@given(page=html_pages(), data=st.data())
def test_fuzz_readers_html_mutations(page, data):
    blob = data.draw(mutated(page.encode("utf-8", "surrogatepass")))
    path, records = read_file(blob, ".html")
    check(path, records)
    assert len(records) == 1


# ---------------------------------------------------------------- RSS / Atom

DOCTYPES = st.sampled_from([
    "",
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
    '"http://127.0.0.1:9/rss-0.91.dtd">',
    '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
    '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>',
    "<!doctype rss>",
])


@st.composite
def feeds(draw: st.DrawFn) -> str:
    atom = draw(st.booleans())
    entries = []
    for n in range(draw(st.integers(0, 4))):
        title, body = draw(TEXT), draw(TEXT)
        wrap = draw(st.sampled_from(["plain", "cdata", "escaped"]))
        if wrap == "cdata":
            body = f"<![CDATA[<p>{body}</p>]]>"
        elif wrap == "escaped":
            body = body.replace("&", "&amp;").replace("<", "&lt;")
        date = draw(st.sampled_from(["Mon, 05 Jun 2023 08:30:00 GMT", "2023-06-05T08:30:00Z",
                                     "yesterday", "", "Feb 30 2023"]))
        if atom:
            entries.append(f"<entry><id>e{n}</id><title>{title}</title><updated>{date}</updated>"
                           f"<content type=\"html\">{body}</content></entry>")
        else:
            entries.append(f"<item><guid>g{n}</guid><title>{title}</title><pubDate>{date}"
                           f"</pubDate><description>{body}</description></item>")
    head = '<?xml version="1.0" encoding="utf-8"?>' + draw(DOCTYPES)
    if atom:
        return head + '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>' \
            + "".join(entries) + "</feed>"
    return head + '<rss version="2.0"><channel><title>F</title>' + "".join(entries) \
        + "</channel></rss>"


@settings(max_examples=examples(50))
@given(feed=feeds(), data=st.data())
def test_fuzz_readers_feed_mutations(feed, data):
    blob = data.draw(mutated(feed.encode("utf-8", "surrogatepass")))
    path, records = read_file(blob, data.draw(st.sampled_from([".xml", ".rss", ".atom"])))
    check(path, records)
    assert records  # a feed file always accounts for itself
    assert not any("root:" in r.text for r in records)  # /etc/passwd never read


# ---------------------------------------------------------------- compressed = plain

@settings(max_examples=examples(25))
@given(objects=st.lists(st.fixed_dictionaries({"id": st.text(min_size=1, max_size=6),
                                               "text": TEXT}), max_size=6),
       compression=st.sampled_from([".gz", ".bz2", ".xz"]))
def test_fuzz_readers_compressed_reads_as_plain(objects, compression):
    blob = "".join(json.dumps(o) + "\n" for o in objects).encode("utf-8")
    _, plain = read_file(blob, ".jsonl")
    _, packed = read_file(COMPRESS[compression](blob), ".jsonl" + compression)
    assert [(r.article_id, r.text, r.status) for r in packed] == \
        [(r.article_id, r.text, r.status) for r in plain]
