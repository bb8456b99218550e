"""Hostile and huge inputs: compressed files of every format, decompression bombs, files and
records past the caps, deeply nested HTML, XML entity expansion and external entities."""

from __future__ import annotations

import bz2
import csv
import gzip
import http.server
import io
import json
import lzma
import threading
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.ingest import read_inputs
from pipeline.streams import MiB, Limits, parse_size, record_stem

ARTICLE = ("President of Kazakhstan Kassym-Jomart Tokayev met the Prime Minister of India in "
           "Astana on Monday. The two leaders discussed trade and the transport corridor that "
           "links the two countries, and they agreed that their ministers will meet again soon.")
PACK = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def records(*paths: Path, limits: Limits | None = None, fmt: str | None = None) -> list:
    return list(read_inputs([str(p) for p in paths], fmt, limits or Limits()))


def csv_text(rows: list[dict]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


RSS = ('<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>F</title>'
       '<item><guid>g1</guid><title>One</title><description>{body}</description></item>'
       '</channel></rss>')
SAMPLES = {  # format -> (file suffix, content, ids)
    "txt": (".txt", ARTICLE, ["day"]),
    "jsonl": (".jsonl", "".join(json.dumps({"id": f"j{n}", "text": f"{ARTICLE} {n}"}) + "\n"
                                for n in range(3)), ["j0", "j1", "j2"]),
    "csv": (".csv", csv_text([{"id": f"c{n}", "text": f"{ARTICLE} {n}"} for n in range(3)]),
            ["c0", "c1", "c2"]),
    "html": (".html", f"<html><body><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article>"
                      "</body></html>", ["day"]),
    "feed": (".rss", RSS.format(doctype="", body=ARTICLE), ["g1"]),
}


# ---------------------------------------------------------------- compressed inputs

@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_limits_compressed_input_reads_like_plain(tmp_path, fmt, compression):
    suffix, content, ids = SAMPLES[fmt]
    plain = records(write(tmp_path / f"day{suffix}", content))
    packed_path = write(tmp_path / f"day{suffix}{compression}", PACK[compression](
        content.encode("utf-8")))
    packed = records(packed_path)
    assert [a.article_id for a in packed] == ids
    assert [(a.text, a.status, a.sha256) for a in packed] == \
        [(a.text, a.status, a.sha256) for a in plain]
    assert all(a.status == "ok" for a in packed)


def test_limits_compressed_files_found_in_folders_by_inner_suffix(tmp_path):
    write(tmp_path / "a.jsonl.gz", gzip.compress(SAMPLES["jsonl"][1].encode()))
    write(tmp_path / "b.csv.xz", lzma.compress(SAMPLES["csv"][1].encode()))
    write(tmp_path / "notes.md.gz", gzip.compress(b"not an article"))
    write(tmp_path / "x.gold.jsonl.gz", gzip.compress(b'{"id": "j0"}\n'))
    ids = [a.article_id for a in records(tmp_path)]
    assert ids == ["j0", "j1", "j2", "c0", "c1", "c2"]
    assert record_stem("feed.jsonl.gz") == "feed" and record_stem("a.b.txt") == "a.b"


def test_limits_truncated_stream_keeps_records_before_the_cut(tmp_path):
    lines = "".join(json.dumps({"id": f"t{n}", "text": f"{ARTICLE} {n}"}) + "\n"
                    for n in range(2000))
    packed = gzip.compress(lines.encode())
    path = write(tmp_path / "cut.jsonl.gz", packed[: len(packed) * 2 // 3])
    arts = records(path)
    assert arts[0].article_id == "t0" and arts[0].status == "ok"
    *good, last = arts
    assert all(a.status == "ok" for a in good) and len(good) > 100
    assert last.status == "failed" and str(path) in last.error
    assert "corrupt or truncated gzip data" in last.error


def test_limits_zstd_is_refused_by_name_and_reported_in_folders(tmp_path):
    path = write(tmp_path / "feed.jsonl.zst", b"\x28\xb5\x2f\xfd")
    with pytest.raises(UsageError, match="zstd-compressed input is not supported"):
        records(path)
    [art] = records(tmp_path)
    assert art.status == "failed" and "zstd-compressed" in art.error


# ---------------------------------------------------------------- decompression bombs

@pytest.mark.parametrize("compression", [".gz", ".bz2", ".xz"])
@pytest.mark.parametrize("suffix", [".jsonl", ".txt", ".csv", ".rss"])
def test_limits_decompression_bomb_stops_at_the_ratio_cap(tmp_path, suffix, compression):
    bomb = PACK[compression](b"A" * (64 * MiB))  # 64 MiB from at most a few hundred KiB
    path = write(tmp_path / f"bomb{suffix}{compression}", bomb)
    arts = records(path)
    assert arts and arts[-1].status == "failed"
    assert str(path) in arts[-1].error
    assert "decompression stopped" in arts[-1].error and "--max-ratio" in arts[-1].error
    assert "expands more than 100 times" in arts[-1].error


def test_limits_file_read_whole_stops_at_the_size_cap(tmp_path):
    limits = Limits(max_file_size=1 * MiB, max_ratio=1e9)
    packed = write(tmp_path / "big.txt.gz", gzip.compress(b"word " * MiB))
    plain = write(tmp_path / "big.html", b"<p>" + b"word " * MiB + b"</p>")
    for path in (packed, plain):
        [art] = records(path, limits=limits)
        assert art.status == "failed" and str(path) in art.error
        assert "more than 1,048,576 bytes" in art.error and "--max-file-size" in art.error


# ---------------------------------------------------------------- records past the caps

def test_limits_jsonl_line_past_the_record_cap_is_skipped_and_reading_goes_on(tmp_path):
    limits = Limits(max_chars=1000)  # records up to 6,000 characters + 1 MiB
    huge = json.dumps({"id": "huge", "text": "x " * MiB})
    path = write(tmp_path / "feed.jsonl",
                 huge + "\n" + json.dumps({"id": "next", "text": ARTICLE}) + "\n")
    big, nxt = records(path, limits=limits)
    assert (big.article_id, big.status) == ("feed:1", "skipped")
    assert "line 1: record of 2,097," in big.error and "--max-chars 1,000" in big.error
    assert (nxt.article_id, nxt.status, nxt.text) == ("next", "ok", ARTICLE)


def test_limits_csv_field_above_pythons_default_limit(tmp_path):
    long_text = (ARTICLE + " ") * 1200  # ~265,000 characters: twice csv's default limit
    path = write(tmp_path / "long.csv", csv_text([{"id": "long", "text": long_text},
                                                  {"id": "short", "text": ARTICLE}]))
    long, short = records(path)
    assert (long.status, long.text) == ("ok", long_text)
    assert (short.status, short.text) == ("ok", ARTICLE)


def test_limits_csv_record_past_the_cap_is_skipped_and_reading_goes_on(tmp_path):
    limits = Limits(max_chars=1000)
    path = write(tmp_path / "rows.csv", csv_text([{"id": "a", "text": ARTICLE},
                                                  {"id": "huge", "text": "y" * (2 * MiB)},
                                                  {"id": "b", "text": ARTICLE + " B"}]))
    a, huge, b = records(path, limits=limits)
    assert (a.article_id, a.status) == ("a", "ok")
    assert (huge.article_id, huge.status) == ("rows:3", "skipped") and "line 3" in huge.error
    assert (b.article_id, b.status) == ("b", "ok")


def test_limits_csv_bad_line_fails_alone(tmp_path):
    path = write(tmp_path / "mixed.csv",
                 b"id,text\r\na," + ARTICLE.encode() + b"\r\nbad,caf\xe9 talks\r\nc,"
                 + ARTICLE.encode() + b" C\r\n")
    a, bad, c = records(path)
    assert (a.article_id, a.status) == ("a", "ok")
    assert bad.status == "failed" and "line 3: invalid UTF-8" in bad.error
    assert (c.article_id, c.status) == ("c", "ok")


def test_limits_jsonl_nested_too_deeply_fails_alone(tmp_path):
    deep = '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = write(tmp_path / "deep.jsonl", deep + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    bad, good = records(path)
    assert bad.status == "failed" and "line 1: malformed JSON: nested too deeply" in bad.error
    assert good.status == "ok"


# ---------------------------------------------------------------- hostile markup

def test_limits_deeply_nested_html_is_a_record_not_a_crash(tmp_path):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + f"<p>{ARTICLE}</p>" + "</div>" * depth \
        + "</body></html>"
    [art] = records(write(tmp_path / "deep.html", page))
    assert art.status in ("ok", "failed") and art.article_id == "deep"
    if art.status == "failed":
        assert "deep.html" in art.error


def test_limits_deeply_nested_feed_entry(tmp_path):
    body = "&lt;b&gt;" * 50_000 + ARTICLE
    [art] = records(write(tmp_path / "deep.rss", RSS.format(doctype="", body=body)))
    assert art.status in ("ok", "failed") and "deep.rss" in (art.origin + art.error)


BILLION_LAUGHS = ('<!DOCTYPE rss [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">'
                            .replace("&lol0;", "&lol;") for n in range(1, 10)) + "]>")


def test_limits_billion_laughs_feed_fails_without_expansion(tmp_path):
    path = write(tmp_path / "laughs.xml", RSS.format(doctype=BILLION_LAUGHS, body="&lol9;"))
    [art] = records(path)
    assert art.status == "failed" and str(path) in art.error
    assert "declares entities in its DOCTYPE (lol, lol1, lol2, lol3, lol4, ...)" in art.error


def test_limits_billion_laughs_html_is_not_expanded(tmp_path):
    page = f"{BILLION_LAUGHS.replace('rss', 'html')}<html><body><p>{ARTICLE} &lol9;</p>" \
           "</body></html>"
    [art] = records(write(tmp_path / "laughs.html", page))
    assert "lollol" not in art.text and len(art.text) < 10_000


@pytest.fixture
def counting_server():
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY leak "LEAKED">')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("suffix", [".xml", ".html"])
def test_limits_external_entities_are_never_fetched(tmp_path, counting_server, suffix):
    base, hits = counting_server
    doctype = (f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{base}/dtd"> %remote;'
               f'<!ENTITY ext SYSTEM "{base}/ext">]>')
    if suffix == ".xml":
        content = RSS.format(doctype=doctype, body=f"{ARTICLE} &ext; &leak;")
    else:
        content = (f"{doctype}<html><body><p>{ARTICLE} &ext; &leak;</p>"
                   "</body></html>")
    arts = records(write(tmp_path / f"ext{suffix}", content))
    assert hits == []
    assert all("LEAKED" not in a.text for a in arts)
    if suffix == ".xml":
        assert arts[0].status == "failed" and "(remote, ext)" in arts[0].error


# ---------------------------------------------------------------- sizes

@pytest.mark.parametrize("text, expected", [
    ("4096", 4096), ("64K", 64 << 10), ("256M", 256 << 20), ("1.5G", 3 << 29),
    ("2GiB", 2 << 30), ("512 mb", 512 << 20),
])
def test_limits_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "lots", "-1M", "1X"])
def test_limits_parse_size_rejects(text):
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


def test_limits_progress_counts_compressed_records(tmp_path):
    from pipeline.progress import count_records

    path = write(tmp_path / "day.jsonl.xz", lzma.compress(SAMPLES["jsonl"][1].encode()))
    bomb = write(tmp_path / "bomb.jsonl.gz", gzip.compress(b"\n" * (64 * MiB)))
    assert count_records(path, "jsonl") == 3
    assert count_records(bomb, "jsonl") >= 1  # stops at the cap, like the reader
