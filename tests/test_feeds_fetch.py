"""Feeds by URL: polls against a news site on 127.0.0.1 (tests/newsserver.py).

Politeness is measured from the server's request log (its own clock), never from the
client's wall clock. Every test bounds the requests it makes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsserver import ARTICLES, NewsServer, misbehaving_routes
from pipeline.cli import cli
from pipeline.feeds import UrlSource, normalize_url, read_feed_list
from pipeline.fetch import FetchConfig, retry_after
from pipeline.fetch_cache import MAX_ATTEMPTS
from pipeline.records import Article
from pipeline.run import FLUSH, Planner, RunConfig, RunSummary, extract
from pipeline.state import StateStore

FAST = {"contact": "tests@example.org", "delay": 0.05, "timeout": 1.5, "retries": 1,
        "backoff": 0.05, "max_bytes": 64 * 1024}


@pytest.fixture
def server():
    srv = NewsServer()
    srv.routes.update(misbehaving_routes(srv))
    srv.start()
    yield srv
    srv.stop()


def poll(server: NewsServer, out: Path, nlp, urls: list[str] | None = None,
         config: dict | None = None, **kwargs) -> tuple[RunSummary, UrlSource]:
    source = UrlSource(urls or [f"{server.base}/feed.xml"], out,
                       FetchConfig(**{**FAST, **(config or {})}), **kwargs)
    summary = extract(RunConfig(inputs=[], out=out, records=source, chunk_size=4,
                                force=kwargs.get("force", False)), nlp=nlp)
    return summary, source


def articles(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "articles.csv", encoding="utf-8", newline="") as fh:
        return {row["article_id"]: row for row in csv.DictReader(fh)}


def page_url(server: NewsServer, slug: str) -> str:
    return f"{server.base}/news/{slug}.html"


def page_hits(server: NewsServer) -> list[str]:
    return [h.path for h in server.hits() if h.path.startswith(("/news/", "/private/"))]


# ---------------------------------------------------------------- polls


def test_feeds_first_poll_fetches_each_entry_page(server, tmp_path, nlp):
    summary, source = poll(server, tmp_path, nlp)
    rows = articles(tmp_path)
    feed = rows[f"{server.base}/feed.xml"]
    assert (feed["status"], feed["title"]) == ("skipped", "Test Wire - World")
    assert "2 entries, 2 new" in feed["error"]
    for slug in ("ghana-vietnam-cashew", "chile-korea-lithium"):
        row = rows[page_url(server, slug)]
        art = ARTICLES[slug]
        assert (row["status"], row["title"], row["author"], row["published"],
                row["published_source"], row["source"]) == (
            "ok", art["title"], art["author"], art["date"], "metadata", "Test Wire")
        assert int(row["n_chars"]) > 300  # the page's main text, not the feed's summary
    assert summary.processed == 2
    with open(tmp_path / "leaders.csv", encoding="utf-8") as fh:
        assert "Gabriel Boric" in fh.read()
    assert [h.path for h in server.hits()] == [
        "/robots.txt", "/feed.xml", "/news/ghana-vietnam-cashew.html",
        "/news/chile-korea-lithium.html"]
    agent = server.hits()[0].headers["User-Agent"]
    assert agent.startswith("communique/") and "tests@example.org" in agent
    assert (tmp_path / ".communique" / "fetch.sqlite").is_file()


def test_feeds_second_poll_without_new_entries_gets_304_and_processes_nothing(
        server, tmp_path, nlp):
    poll(server, tmp_path, nlp)
    server.clear()
    summary, source = poll(server, tmp_path, nlp)
    [hit] = server.hits()  # robots.txt is reused for a day; no page is fetched
    assert (hit.path, hit.status) == ("/feed.xml", 304)
    assert hit.headers["If-None-Match"].startswith('"')
    assert summary.processed == 0
    assert summary.counts.get("ok", 0) == 0 and summary.counts["skipped"] == 1
    rows = articles(tmp_path)
    assert "not modified" in rows[f"{server.base}/feed.xml"]["error"]
    assert [r["status"] for r in rows.values()].count("ok") == 2  # earlier articles kept
    assert source.stats.not_modified == 1


def test_feeds_new_entry_is_the_only_page_fetched_and_processed(server, tmp_path, nlp):
    poll(server, tmp_path, nlp)
    server.feed_items.insert(0, ("kenya-india-maritime", ARTICLES["kenya-india-maritime"]
                                 ["title"]))
    server.clear()
    summary, source = poll(server, tmp_path, nlp)
    assert page_hits(server) == ["/news/kenya-india-maritime.html"]
    assert server.hits("/feed.xml")[0].status == 200
    assert summary.processed == 1
    assert source.stats.new_entries == 1
    assert articles(tmp_path)[page_url(server, "kenya-india-maritime")]["status"] == "ok"


def test_feeds_max_per_feed_spreads_pages_over_polls(server, tmp_path, nlp):
    server.feed_items = [(slug, art["title"]) for slug, art in ARTICLES.items()]
    poll(server, tmp_path, nlp, max_per_feed=3)
    assert len(page_hits(server)) == 3
    assert "1 wait for later polls" in articles(tmp_path)[f"{server.base}/feed.xml"]["error"]
    server.clear()
    summary, _ = poll(server, tmp_path, nlp, max_per_feed=3)  # feed unchanged: 304
    assert [h.status for h in server.hits("/feed.xml")] == [304]
    assert page_hits(server) == ["/news/peru-japan-fisheries.html"]
    assert summary.processed == 1
    server.clear()
    summary, _ = poll(server, tmp_path, nlp, max_per_feed=3)
    assert page_hits(server) == [] and summary.processed == 0


@pytest.mark.parametrize("path,status,message,requests", [
    ("/news/error500.html", "failed", "HTTP 500 Internal Server Error (after 2 attempts)",
     {"/news/error500.html": 2}),
    ("/news/slow.html", "failed", "timed out after 1.5 s (after 2 attempts)",
     {"/news/slow.html": 2}),
    ("/news/closed.html", "failed", "HTTP 503 with Retry-After 3600 s",
     {"/news/closed.html": 1}),
    ("/news/loop-a.html", "failed", "redirect loop",
     {"/news/loop-a.html": 1, "/news/loop-b.html": 1}),
    ("/news/huge.html", "failed", "larger than the maximum page size of 65,536 bytes",
     {"/news/huge.html": 1}),
    ("/news/huge-chunked.html", "failed", "larger than the maximum page size",
     {"/news/huge-chunked.html": 1}),
    ("/private/secret.html", "skipped", "disallowed by robots.txt of 127.0.0.1",
     {}),
    ("/news/missing.html", "failed", "HTTP 404 Not Found", {"/news/missing.html": 1}),
], ids=["500", "timeout", "retry-after-too-long", "redirect-loop", "oversized",
        "oversized-chunked", "robots-disallow", "404"])
def test_feeds_bad_page_gets_its_status_and_the_poll_goes_on(server, tmp_path, nlp, path,
                                                             status, message, requests):
    server.feed_items = [(path, "A troublesome page"), ("ghana-vietnam-cashew", "Fine")]
    poll(server, tmp_path, nlp)
    rows = articles(tmp_path)
    row = rows[f"{server.base}{path}"]
    assert row["status"] == status
    assert message in row["error"] and f"{server.base}{path}" in row["error"]
    assert row["title"] == "A troublesome page"  # the feed's fields describe it
    assert rows[page_url(server, "ghana-vietnam-cashew")]["status"] == "ok"
    counted = {p: sum(1 for h in server.hits(p)) for p in requests}
    assert counted == requests
    assert len(server.hits()) <= 3 + sum(requests.values())  # robots, feed, good page


def test_feeds_429_retry_after_is_honoured(server, tmp_path, nlp):
    server.feed_items = [("/news/busy.html", "Busy")]
    poll(server, tmp_path, nlp)
    first, second = server.hits("/news/busy.html")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0  # Retry-After: 1, by the server's clock
    assert articles(tmp_path)[f"{server.base}/news/busy.html"]["status"] == "ok"


def test_feeds_redirect_followed_to_the_page(server, tmp_path, nlp):
    server.feed_items = [("/news/moved.html", "Moved")]
    poll(server, tmp_path, nlp)
    row = articles(tmp_path)[f"{server.base}/news/moved.html"]
    assert row["status"] == "ok"
    assert row["url"] == page_url(server, "peru-japan-fisheries")
    assert row["title"] == ARTICLES["peru-japan-fisheries"]["title"]


@pytest.mark.parametrize("config,robots,gap", [
    ({"delay": 0.4}, "User-agent: *\nDisallow: /private/\n", 0.4),
    ({"delay": 0.05}, "User-agent: communique\nCrawl-delay: 0.5\nDisallow: /private/\n", 0.5),
], ids=["--delay", "robots-crawl-delay"])
def test_feeds_one_request_per_host_at_a_time_with_the_delay(server, tmp_path, nlp, config,
                                                             robots, gap):
    server.robots = robots
    server.feed_items = [(slug, art["title"]) for slug, art in ARTICLES.items()]
    poll(server, tmp_path, nlp, config=config, threads=4)
    hits = sorted(server.hits(), key=lambda h: h.at)
    assert len(hits) == 6  # robots, feed, four pages
    assert server.most_active == 1  # never two at once
    for before, after in zip(hits, hits[1:]):
        # the client starts a request `gap` s after the previous answer came, and that
        # answer came after the server had the request: arrivals are >= `gap` apart
        assert after.at - before.at >= gap


def test_feeds_failed_page_is_retried_on_later_polls_only_while_it_may_pass(
        server, tmp_path, nlp):
    server.feed_items = [("/news/error500.html", "Down"), ("/news/missing.html", "Gone")]
    poll(server, tmp_path, nlp)
    for n in range(2, MAX_ATTEMPTS + 2):
        server.clear()
        poll(server, tmp_path, nlp)
        expected = ["/news/error500.html"] * 2 if n <= MAX_ATTEMPTS else []
        assert page_hits(server) == expected  # a 404 is not retried; a 500 a few times


def test_feeds_failed_page_recovers_on_the_next_poll(server, tmp_path, nlp):
    server.feed_items = [("/news/flaky.html", "Flaky")]
    state = {"up": False}

    def flaky(handler, n):
        if not state["up"]:
            return 502, {}, b"bad gateway"
        return 200, {"Content-Type": "text/html"}, server.routes["/news/busy.html"](
            handler, 2)[2]

    server.routes["/news/flaky.html"] = flaky
    poll(server, tmp_path, nlp)
    assert articles(tmp_path)[f"{server.base}/news/flaky.html"]["status"] == "failed"
    state["up"] = True
    summary, _ = poll(server, tmp_path, nlp)
    assert articles(tmp_path)[f"{server.base}/news/flaky.html"]["status"] == "ok"
    assert summary.processed == 1


def test_feeds_force_rereads_pages_from_the_cache_without_downloading(server, tmp_path, nlp):
    poll(server, tmp_path, nlp)
    server.clear()
    summary, source = poll(server, tmp_path, nlp, force=True)
    assert [(h.path, h.status) for h in server.hits()] == [("/feed.xml", 304)]
    assert summary.processed == 2 and source.stats.cached == 2


def test_feeds_refetch_downloads_everything_again(server, tmp_path, nlp):
    poll(server, tmp_path, nlp)
    server.clear()
    summary, _ = poll(server, tmp_path, nlp, refetch=True)
    assert [h.path for h in server.hits()] == [
        "/robots.txt", "/feed.xml", "/news/ghana-vietnam-cashew.html",
        "/news/chile-korea-lithium.html"]
    assert "If-None-Match" not in server.hits("/feed.xml")[0].headers
    assert summary.processed == 0 and summary.reused == 2  # same pages: rows kept


def test_feeds_site_url_finds_its_feed(server, tmp_path, nlp):
    poll(server, tmp_path, nlp, urls=[f"{server.base}/"])
    rows = articles(tmp_path)
    assert f"feeds found: {server.base}/feed.xml" in rows[f"{server.base}/"]["error"]
    assert rows[page_url(server, "chile-korea-lithium")]["status"] == "ok"
    assert [h.path for h in server.hits()][:3] == ["/robots.txt", "/", "/feed.xml"]


def test_feeds_page_url_is_one_article_read_from_the_cache_next_time(server, tmp_path, nlp):
    url = page_url(server, "peru-japan-fisheries")
    summary, _ = poll(server, tmp_path, nlp, urls=[url])
    assert articles(tmp_path)[url]["status"] == "ok" and summary.processed == 1
    server.clear()
    summary, source = poll(server, tmp_path, nlp, urls=[url])
    assert server.hits() == [] and summary.reused == 1 and source.stats.cached == 1


def test_feeds_same_story_under_another_url_is_not_fetched(server, tmp_path, nlp):
    poll(server, tmp_path, nlp)
    slug = "ghana-vietnam-cashew"
    again = "/news/2024/ghana-cashew-deal.html"  # same title and summary, another URL
    server.feed_items.insert(0, (again, ARTICLES[slug]["title"],
                                 ARTICLES[slug]["body"][0][:140]))
    server.clear()
    poll(server, tmp_path, nlp)
    row = articles(tmp_path)[f"{server.base}{again}"]
    assert row["status"] == "skipped"
    assert f"duplicate of feed entry '{page_url(server, slug)}'" in row["error"]
    assert page_hits(server) == []


def test_feeds_robots_txt_unreachable_stops_the_host_for_this_poll(server, tmp_path, nlp):
    server.routes["/robots.txt"] = lambda handler, n: (503, {}, b"down")
    poll(server, tmp_path, nlp)
    row = articles(tmp_path)[f"{server.base}/feed.xml"]
    assert row["status"] == "failed" and "robots.txt of 127.0.0.1" in row["error"]
    assert [h.path for h in server.hits()] == ["/robots.txt"] * 2  # one retry, nothing else


# ---------------------------------------------------------------- the model never waits


def test_feeds_source_yields_flush_when_no_page_is_ready(server, tmp_path):
    import trafilatura  # noqa: F401 - imported before: its first import takes seconds

    server.feed_items = [(slug, art["title"]) for slug, art in ARTICLES.items()]
    source = UrlSource([f"{server.base}/feed.xml"], tmp_path, FetchConfig(**{
        **FAST, "delay": 0.3}), threads=1)
    items = list(source)
    kinds = ["F" if item is FLUSH else "A" for item in items]
    assert kinds.count("A") == 5
    assert "AA" not in "".join(kinds[1:])  # pages 0.3 s apart: each handed out at once


def test_feeds_planner_hands_out_a_partial_chunk_on_flush(tmp_path):
    store = StateStore(tmp_path)
    try:
        planner = Planner(store, "v", False, RunSummary())
        arts = [Article(article_id=f"a{n}", text=f"text number {n}", sha256=f"h{n}")
                for n in range(3)]
        records = [arts[0], FLUSH, FLUSH, arts[1], arts[2], FLUSH]
        chunks = [[a.article_id for a in chunk] for chunk in planner.chunks(records, 64)]
    finally:
        store.close()
    assert chunks == [["a0"], ["a1", "a2"]]


# ---------------------------------------------------------------- engines


@pytest.mark.parametrize("engine,workers", [("local", 2), ("dask", 1)])
def test_feeds_poll_with_workers_and_dask_gives_the_same_tables(server, tmp_path, nlp, engine,
                                                                workers):
    if engine == "dask":
        pytest.importorskip("distributed")
    poll(server, tmp_path / "one", nlp)
    source = UrlSource([f"{server.base}/feed.xml"], tmp_path / "many", FetchConfig(**FAST))
    summary = extract(RunConfig(inputs=[], out=tmp_path / "many", records=source,
                                engine=engine, workers=workers, chunk_size=1))
    assert summary.processed == 2
    for table in ("leaders", "dates", "documents", "trade"):
        one = (tmp_path / "one" / f"{table}.csv").read_text(encoding="utf-8")
        many = (tmp_path / "many" / f"{table}.csv").read_text(encoding="utf-8")
        assert sorted(one.splitlines()) == sorted(many.splitlines())


# ---------------------------------------------------------------- the command


def test_feeds_cli_polls_a_feed_list_twice(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# world news\n\n{server.base}/feed.xml  # the test wire\n",
                     encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", "--feeds", str(feeds), "--out", str(out), "--delay", "0.05",
            "--contact", "tests@example.org", "--timeout", "2"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "2 ok, 1 skipped, 0 failed" in first.output
    assert "fetch: 1 feed(s) polled (0 not modified), 2 new entries; pages: 2 downloaded" \
        in first.output
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert "0 ok, 1 skipped, 0 failed (0 processed" in second.output
    assert "(1 not modified), 0 new entries" in second.output


def test_feeds_cli_url_argument_and_no_contact_note(server, tmp_path):
    url = page_url(server, "kenya-india-maritime")
    result = CliRunner().invoke(cli, ["extract", url, "--out", str(tmp_path), "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "no contact given" in result.output
    assert articles(tmp_path)[url]["status"] == "ok"


def test_feeds_cli_bad_feed_list_line_is_a_usage_error(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed\nftp://example.org/feed\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--feeds", str(feeds), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{feeds}, line 2: not an http(s) URL: 'ftp://example.org/feed'" in result.output


def test_feeds_cli_needs_an_input():
    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2 and "--feeds FILE" in result.output


# ---------------------------------------------------------------- small parts


@pytest.mark.parametrize("value,seconds", [
    ("5", 5.0), ("0", 0.0), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
])
def test_feeds_retry_after_header(value, seconds):
    assert retry_after(value) == seconds


@pytest.mark.parametrize("url,expected", [
    ("HTTP://Example.ORG:80/news/a.html#top", "http://example.org/news/a.html"),
    ("https://example.org/a.html?utm_source=rss&id=7", "https://example.org/a.html?id=7"),
])
def test_feeds_normalize_url(url, expected):
    assert normalize_url(url) == expected


def test_feeds_read_feed_list_skips_comments(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("# mine\nhttps://a.example/feed.xml\n\n  https://b.example/  # site\n",
                    encoding="utf-8")
    assert read_feed_list(path) == ["https://a.example/feed.xml", "https://b.example/"]
