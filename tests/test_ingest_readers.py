"""Readers: every format on small fixtures, including broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.ingest import (content_hash, discover, english_share, html_to_text,
                             parse_metadata_date, read_inputs, strip_doctype)

ARTICLE = ("President of Kazakhstan Kassym-Jomart Tokayev met the Prime Minister of India in "
           "Astana on Monday. The two leaders discussed trade and the transport corridor that "
           "links the two countries, and they agreed that their ministers will meet again soon.")


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def records(*paths: Path, fmt: str | None = None) -> list:
    return list(read_inputs([str(p) for p in paths], fmt))


def test_ingest_txt_one_article_named_by_stem(tmp_path):
    [art] = records(write(tmp_path / "talks-01.txt", ARTICLE))
    assert (art.article_id, art.status, art.text) == ("talks-01", "ok", ARTICLE)
    assert art.n_chars == len(ARTICLE) and art.sha256 == content_hash(ARTICLE)
    assert art.published == "" and art.published_source == ""


def test_no_break_spaces_are_read_as_spaces(tmp_path):
    """One character for one: offsets into the text stay those of the input."""
    raw = "President\u00a0Joe\u00a0Biden met\u202fPrime Minister\u2007Kishida."
    [art] = records(write(tmp_path / "nbsp.txt", raw))
    assert art.text == "President Joe Biden met Prime Minister Kishida."
    assert len(art.text) == len(raw) and art.sha256 == content_hash(raw)


def test_markdown_links_are_read_as_their_words(tmp_path):
    """"on [March 30](https://...)" reads as "on  March 30" and blanks: offsets unchanged."""
    raw = ("The Vice President met him on\u00a0[March 30](https://example.org/t?u=1&id=a), "
           "and [see](mailto:a@b.org) [not a link] (https://x.org) [x](ftp://y.z).")
    [art] = records(write(tmp_path / "md.txt", raw))
    assert len(art.text) == len(raw)
    assert art.text.index("March 30") == raw.index("March 30")
    assert art.text[raw.index("](https"):raw.index(", and")].strip() == ""
    assert " see " in art.text and "[not a link] (https://x.org) [x](ftp://y.z)." in art.text
    assert "https://example.org" not in art.text and "mailto" not in art.text


def test_ingest_txt_invalid_utf8_fails_with_position(tmp_path):
    [art] = records(write(tmp_path / "bad.txt", b"Tokayev met \xff\xfe Modi"))
    assert art.status == "failed"
    assert "bad.txt" in art.error and "invalid UTF-8 at byte 12" in art.error


def test_ingest_txt_empty_is_skipped(tmp_path):
    [art] = records(write(tmp_path / "empty.txt", ""))
    assert (art.status, art.error) == ("skipped", "empty text")


def test_ingest_jsonl_metadata_and_derived_ids(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "T", "date": "2021-05-20", "url": "u", "source": "s",
                    "text": ARTICLE}),
        json.dumps({"published": "Thu, 20 May 2021 10:00:00 GMT", "text": ARTICLE + " More."}),
        "",
        json.dumps({"text": ARTICLE + " Third.", "date": "20 May 2021"}),
    ]
    arts = records(write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n"))
    assert [a.article_id for a in arts] == ["a1", "feed:2", "feed:4"]
    assert [a.published for a in arts] == ["2021-05-20"] * 3
    assert {a.published_source for a in arts} == {"metadata"}
    assert (arts[0].title, arts[0].url, arts[0].source) == ("T", "u", "s")


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "text": "unterminated', "line 1: malformed JSON"),
    ('["a", "list"]', "line 1: a JSON line must be an object, got list"),
    ('{"id": "x", "title": "no text"}', "line 1: missing 'text' field"),
    ('{"id": "x", "text": 42}', "line 1: field 'text' must be a string, got int"),
])
def test_ingest_jsonl_bad_line_fails_with_file_and_line(tmp_path, line, message):
    path = write(tmp_path / "bad.jsonl", line + "\n" + json.dumps({"text": ARTICLE}) + "\n")
    bad, good = records(path)
    assert bad.status == "failed" and message in bad.error and str(path) in bad.error
    assert good.status == "ok" and good.article_id == "bad:2"  # the batch goes on


def test_ingest_jsonl_invalid_utf8_line(tmp_path):
    path = write(tmp_path / "mixed.jsonl",
                 b'{"text": "caf\xe9 talks"}\n' + json.dumps({"text": ARTICLE}).encode() + b"\n")
    bad, good = records(path)
    assert bad.status == "failed" and "line 1: invalid UTF-8" in bad.error
    assert good.status == "ok"


def test_ingest_jsonl_unparseable_date_is_kept_with_note(tmp_path):
    [art] = records(write(tmp_path / "d.jsonl", json.dumps({"text": ARTICLE, "date": "soonish"})))
    assert art.status == "ok" and art.published == ""
    assert "unparseable date 'soonish'" in art.error


def test_ingest_csv_reads_same_columns(tmp_path):
    path = write(tmp_path / "arts.csv",
                 'id,title,date,text\nc1,First,2023-03-14,"' + ARTICLE + '"\n,Second,,"'
                 + ARTICLE + ' Again."\n')
    arts = records(path)
    assert [a.article_id for a in arts] == ["c1", "arts:3"]
    assert arts[0].published == "2023-03-14" and arts[1].published == ""


def test_ingest_csv_without_text_column_fails(tmp_path):
    [art] = records(write(tmp_path / "notext.csv", "id,title\n1,x\n"))
    assert art.status == "failed" and "no 'text' column" in art.error


def test_ingest_html_main_text_without_script(tmp_path):
    page = ("<html><head><title>Talks in Astana</title>"
            '<meta name="date" content="2023-06-05">'
            "<script>var secret = 'do not extract';</script></head><body>"
            "<nav>Home | News</nav><article><h1>Talks in Astana</h1>"
            f"<p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")
    [art] = records(write(tmp_path / "page.html", page))
    assert art.status == "ok" and art.article_id == "page"
    assert "Tokayev" in art.text and "do not extract" not in art.text
    assert art.title == "Talks in Astana" and art.published == "2023-06-05"


def test_ingest_html_without_text_fails(tmp_path):
    [art] = records(write(tmp_path / "blank.htm", "<html><body><script>x=1</script></body></html>"))
    assert art.status == "failed" and "no main text" in art.error


RSS = """<?xml version="1.0"?>{doctype}
<rss version="2.0"><channel><title>Feed</title>
<item><title>One</title><link>https://e.org/1</link><guid>g1</guid>
<pubDate>Mon, 05 Jun 2023 08:30:00 GMT</pubDate>
<description><![CDATA[<p>{text}</p><script>alert(1)</script>]]></description></item>
<item><title>Two</title><link>https://e.org/2</link>
<description>{body2}</description></item>
</channel></rss>"""


def test_ingest_feed_entries_with_html_stripped(tmp_path):
    path = write(tmp_path / "news.rss", RSS.format(doctype="", text=ARTICLE, body2="Plain text two."))
    one, two = records(path)
    assert (one.article_id, one.title, one.url, one.published) == (
        "g1", "One", "https://e.org/1", "2023-06-05")
    assert one.text == ARTICLE and "alert" not in one.text and one.source == "Feed"
    assert two.article_id == "https://e.org/2" and two.text == "Plain text two."


def test_ingest_feed_external_entity_is_never_expanded(tmp_path):
    secret = write(tmp_path / "secret.txt", "TOP-SECRET-CONTENT")
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    path = write(tmp_path / "evil.xml", RSS.format(doctype=doctype, text=ARTICLE, body2="&xxe;"))
    arts = records(path)
    assert all("TOP-SECRET" not in (a.text + a.title) for a in arts)
    [art] = arts  # a feed declaring entities is refused as a whole, saying why
    assert art.status == "failed" and "declares entities in its DOCTYPE (xxe)" in art.error


def test_ingest_feed_external_dtd_without_entities_is_removed_with_note(tmp_path):
    doctype = ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
               '"http://127.0.0.1:9/rss-0.91.dtd">')
    path = write(tmp_path / "old.rss", RSS.format(doctype=doctype, text=ARTICLE, body2="Two."))
    one, two = records(path)
    assert one.status == "ok" and "DOCTYPE (external entity)" in one.error


def test_ingest_feed_broken_fails_with_reason(tmp_path):
    [art] = records(write(tmp_path / "broken.atom", "<feed><entry><title>x</titl"))
    assert art.status == "failed" and "broken feed" in art.error and "broken.atom" in art.error


def test_ingest_folder_recursive_sorted_skips_gold_and_unknown(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "sub" / "a.txt", ARTICLE + " Sub.")
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / "x.gold.jsonl", '{"id": "b"}')
    found = [Path(p).name for p, _ in discover([str(tmp_path)])]
    assert found == ["b.txt", "a.txt"]


def test_ingest_input_format_override(tmp_path):
    path = write(tmp_path / "articles.data", json.dumps({"id": "o1", "text": ARTICLE}) + "\n")
    [art] = records(path, fmt="jsonl")
    assert art.article_id == "o1"


@pytest.mark.parametrize("inputs, message", [
    (["does-not-exist.txt"], "input not found"),
    (["README.unknown"], "has no reader"),
])
def test_ingest_usage_errors_raise_before_reading(tmp_path, inputs, message):
    if inputs[0].endswith(".unknown"):
        inputs = [str(write(tmp_path / inputs[0], "x"))]
    with pytest.raises(UsageError, match=message):
        discover(inputs)


def test_ingest_not_english_is_skipped(tmp_path):
    german = ("Der Präsident der Republik Kasachstan hat heute in Astana den indischen "
              "Premierminister empfangen. Die beiden Politiker sprachen über den Handel und "
              "über die Verkehrsverbindungen zwischen den beiden Ländern, die ausgebaut werden.")
    [art] = records(write(tmp_path / "de.txt", german))
    assert art.status == "skipped" and "not English" in art.error
    assert english_share(ARTICLE) > 0.3


@pytest.mark.parametrize("raw, expected", [
    ("2021-05-20", "2021-05-20"),
    ("2021-05-20T10:00:00Z", "2021-05-20"),
    ("Thu, 20 May 2021 10:00:00 GMT", "2021-05-20"),
    ("20 May 2021", "2021-05-20"),
    ("May 2021", None),  # no day: not a publication date
    ("", None),
    ("nonsense", None),
])
def test_ingest_parse_metadata_date(raw, expected):
    assert parse_metadata_date(raw) == expected


def test_ingest_strip_doctype_and_html_to_text():
    data, kind = strip_doctype(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "f">]><x/>')
    assert b"DOCTYPE" not in data and kind == "external entity"
    assert html_to_text("<p>One</p><p>Two <b>bold</b></p>") == "One\n\nTwo bold"


@pytest.mark.parametrize("name", ["a.txt", "a.csv", "a.html", "a.rss"])
def test_ingest_unreadable_file_fails_with_reason(tmp_path, monkeypatch, name):
    path = write(tmp_path / name, ARTICLE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pipeline.ingest.read_whole", refuse)
    monkeypatch.setattr("pipeline.ingest.open_input", refuse)
    [art] = records(path)
    assert art.status == "failed"
    assert art.error == f"{path}: unreadable file: Permission denied"
