"""Progress: the cheap up-front record count, when the bar shows, what the run reports."""

from __future__ import annotations

import io
import json

import pytest
import spacy

from pipeline.progress import ProgressBar, count_records, estimate_total, progress_bar
from pipeline.run import RunConfig, extract

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><description>x</description></item>
<item><title>b</title><description>y</description></item>
<item><title>c</title><description>z</description></item></channel></rss>"""
ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title></entry>
<entry><title>b</title></entry></feed>"""


@pytest.mark.parametrize("name, content, expected", [
    ("a.jsonl", '{"text": "a"}\n{"text": "b"}\n', 2),
    ("a.jsonl", '{"text": "a"}\n{"text": "b"}', 2),  # no final newline
    ("a.jsonl", "", 0),
    ("a.csv", "id,text\n1,a\n2,b\n3,c\n", 3),
    ("a.csv", "id,text\n1,a\n2,b", 2),
    ("a.csv", "id,text\n", 0),
    ("a.rss", FEED, 3),
    ("a.atom", ATOM, 2),
    ("a.txt", "one article\n\nof two paragraphs\n", 1),
    ("a.html", "<html><p>x</p><p>y</p></html>", 1),
])
def test_run_progress_counts_records_without_parsing(tmp_path, name, content, expected):
    from pipeline.ingest import FORMAT_BY_SUFFIX

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert count_records(path, FORMAT_BY_SUFFIX[path.suffix]) == expected


def test_run_progress_total_over_folders_and_stdin(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.jsonl").write_text('{"text": "a"}\n' * 5)
    (tmp_path / "feeds" / "b.txt").write_text("x")
    (tmp_path / "feeds" / "README.md").write_text("not an input")
    assert estimate_total([str(tmp_path / "feeds")]) == 6
    assert estimate_total([str(tmp_path / "feeds"), "-"]) is None


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, quiet, shown", [
    (io.StringIO(), False, False),  # redirected to a file or pipe
    (Terminal(), True, False),
    (Terminal(), False, True),
])
def test_run_progress_bar_only_on_a_terminal_and_not_quiet(tmp_path, stream, quiet, shown):
    (tmp_path / "a.txt").write_text("x")
    bar = progress_bar([str(tmp_path)], None, quiet, stream)
    assert (bar is not None) == shown
    if bar:
        assert bar.bar.tasks[0].total == 1


def test_run_progress_reports_records_done_up_to_the_total(tmp_path):
    feed = tmp_path / "in.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{n}", "text": f"Text {n}."}) + "\n"
                            for n in range(10)))
    nlp = spacy.blank("en")
    for expected in ([3, 6, 9, 10], [10]):  # a fresh run, then a run with nothing new
        seen: list[int] = []
        extract(RunConfig(inputs=[str(feed)], out=tmp_path / "out", chunk_size=3,
                          progress=seen.append), nlp=nlp)
        assert seen == expected


def test_run_progress_bar_renders_counts_and_rate(tmp_path):
    stream = Terminal()
    with ProgressBar(total=4, stream=stream) as bar:
        bar(4)
        bar.note("note: something")
    text = stream.getvalue()
    assert "4/4" in text and "articles/s" in text and "note: something" in text
