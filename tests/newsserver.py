"""A small news site on 127.0.0.1 for the fetch tests: a feed, article pages written for
the tests, and pages that misbehave on purpose. Every request is logged (server-side
monotonic time, path, status, request headers), so tests measure politeness from the
server's side.

Run it by hand: `python tests/newsserver.py [PORT]` (prints the feed URL).
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Short diplomatic-news-like pages written for these tests (invented events).
ARTICLES: dict[str, dict[str, str]] = {
    "ghana-vietnam-cashew": {
        "title": "Ghana and Vietnam sign cashew processing agreement",
        "date": "2024-03-14",
        "author": "Ama Mensah",
        "body": [
            "ACCRA, March 14 - President Nana Akufo-Addo of Ghana and Vietnamese Prime "
            "Minister Pham Minh Chinh on Thursday signed an agreement on cashew processing "
            "and a memorandum of understanding on agricultural research.",
            "The two leaders said trade between Ghana and Vietnam reached about 600 million "
            "U.S. dollars in 2023, most of it raw cashew nuts shipped to Vietnamese "
            "factories.",
            "Under the agreement, which enters into force on January 1, 2025, Vietnamese "
            "companies will help build three processing plants in the Bono region. The "
            "ministers of agriculture of both countries will meet again next month to "
            "agree on the first sites.",
        ],
    },
    "chile-korea-lithium": {
        "title": "Chile and South Korea agree on lithium supply",
        "date": "2024-04-02",
        "author": "Pablo Rojas",
        "body": [
            "SANTIAGO, April 2 - Chilean President Gabriel Boric received South Korean "
            "Foreign Minister Cho Tae-yul in Santiago on Tuesday, where the two sides "
            "signed a memorandum of understanding on the supply of lithium and copper.",
            "Bilateral trade rose to 7.2 billion U.S. dollars last year, the Chilean "
            "foreign ministry said in a statement after the meeting.",
            "The ministers also agreed to start talks next year on updating the free "
            "trade agreement that the two countries signed in 2003.",
        ],
    },
    "kenya-india-maritime": {
        "title": "Kenya and India to cooperate on maritime security",
        "date": "2024-05-20",
        "author": "Wanjiru Kamau",
        "body": [
            "NAIROBI, May 20 - Kenyan President William Ruto and Indian External Affairs "
            "Minister Subrahmanyam Jaishankar on Monday agreed to deepen cooperation on "
            "maritime security in the western Indian Ocean.",
            "The two countries signed an agreement on the exchange of shipping "
            "information and a protocol on joint naval training, officials said.",
            "India is one of Kenya's largest trading partners, with trade of about 3.4 "
            "billion U.S. dollars in 2023, according to Kenyan government figures.",
        ],
    },
    "peru-japan-fisheries": {
        "title": "Peru and Japan renew fisheries accord",
        "date": "2024-06-11",
        "author": "Lucia Quispe",
        "body": [
            "LIMA, June 11 - Peru and Japan on Tuesday renewed their fisheries cooperation "
            "accord for five years, Peruvian Foreign Minister Javier Gonzalez-Olaechea said "
            "after meeting his Japanese counterpart Yoko Kamikawa in Lima.",
            "The accord, first signed in 2014, covers research on anchovy stocks and "
            "training for Peruvian port inspectors. The ministers said they would meet "
            "again in Tokyo next year.",
        ],
    },
}


def article_html(slug: str) -> str:
    art = ARTICLES[slug]
    paragraphs = "\n".join(f"<p>{p}</p>" for p in art["body"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{art['title']} | Test Wire</title>
<meta property="og:title" content="{art['title']}">
<meta property="og:site_name" content="Test Wire">
<meta name="author" content="{art['author']}">
<meta property="article:published_time" content="{art['date']}T09:00:00+00:00">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
</head><body>
<nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/business/">Business</a></nav>
<article><h1>{art['title']}</h1>
<p class="byline">By {art['author']}</p>
{paragraphs}
</article>
<footer>Copyright Test Wire. All rights reserved.</footer>
</body></html>"""


def rss(base: str, items: list[tuple[str, ...]]) -> str:
    """An RSS 2.0 feed: items are (slug or path, title[, summary])."""
    out = []
    for slug, title, *given in items:
        link = slug if slug.startswith(("/", "http")) else f"/news/{slug}.html"
        date = ARTICLES.get(slug, {}).get("date", "2024-07-01")
        stamp = email.utils.format_datetime(_rfc822(date))
        summary = given[0] if given else ARTICLES.get(slug, {}).get("body", [title])[0][:140]
        out.append(f"<item><title>{title}</title><link>{base}{link}</link>"
                   f"<guid>{base}{link}</guid><pubDate>{stamp}</pubDate>"
                   f"<description>{summary}</description></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>Test Wire - World</title><link>{base}/</link>"
            f"<description>Test feed</description>{''.join(out)}</channel></rss>")


def _rfc822(day: str) -> Any:
    from datetime import datetime, timezone

    return datetime.fromisoformat(day).replace(hour=8, tzinfo=timezone.utc)


@dataclass
class Hit:
    at: float  # server-side time.monotonic() when the request arrived
    path: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    done: float = 0.0  # when the response was written


class NewsServer:
    """The site. `feed_items` (slug, title) pairs make /feed.xml; `routes` maps extra paths
    to handlers `fn(handler) -> (status, headers, body)`."""

    def __init__(self) -> None:
        self.feed_items: list[tuple[str, str]] = [
            (slug, art["title"]) for slug, art in list(ARTICLES.items())[:2]]
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.log: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.active = 0  # requests being answered now
        self.most_active = 0  # the most answered at once
        self.routes: dict[str, Any] = {}
        self.release = threading.Event()  # ends slow responses at shutdown
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> NewsServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.log if path is None or h.path == path]

    def clear(self) -> None:
        with self._lock:
            self.log.clear()

    def feed_xml(self) -> str:
        return rss(self.base, self.feed_items)

    # -- request handling
    def _respond(self, handler: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        path = handler.path.split("?")[0]
        with self._lock:
            self.counts[path] = self.counts.get(path, 0) + 1
            n = self.counts[path]
        if path in self.routes:
            return self.routes[path](handler, n)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if path == "/feed.xml":
            body = self.feed_xml().encode()
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if handler.headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body
        if path == "/":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, (
                '<html><head><title>Test Wire</title><link rel="alternate" '
                'type="application/rss+xml" title="World" href="/feed.xml"></head>'
                '<body><h1>Test Wire</h1></body></html>').encode()
        if path.startswith("/news/") and path.endswith(".html") and path[6:-5] in ARTICLES:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, \
                article_html(path[6:-5]).encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                hit = Hit(time.monotonic(), self.path.split("?")[0], 0, dict(self.headers))
                with server._lock:
                    server.log.append(hit)
                    server.active += 1
                    server.most_active = max(server.most_active, server.active)
                try:
                    status, headers, body = server._respond(self)
                finally:
                    with server._lock:  # before the answer leaves: the client may go on
                        server.active -= 1
                hit.status = status
                try:
                    self.send_response(status)
                    if "Content-Length" not in headers and body is not None:
                        headers = {**headers, "Content-Length": str(len(body))}
                    for key, value in headers.items():
                        if value is not None:
                            self.send_header(key, value)
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                hit.done = time.monotonic()

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def misbehaving_routes(server: NewsServer) -> dict[str, Any]:
    """Pages that fail in the ways a poll must survive."""

    def error500(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        return 500, {"Content-Type": "text/plain"}, b"boom"

    def slow(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        server.release.wait(5)  # longer than the client's timeout
        return 200, {"Content-Type": "text/html"}, article_html("peru-japan-fisheries").encode()

    def busy(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        if n == 1:
            return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, \
            article_html("kenya-india-maritime").encode()

    def closed(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        return 503, {"Retry-After": "3600", "Content-Type": "text/plain"}, b"maintenance"

    def loop_a(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        return 302, {"Location": "/news/loop-b.html"}, b""

    def loop_b(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        return 301, {"Location": f"{server.base}/news/loop-a.html"}, b""

    def moved(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        return 301, {"Location": "/news/peru-japan-fisheries.html"}, b""

    def huge(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        body = ("<html><body>" + "<p>padding text</p>" * 20000 + "</body></html>").encode()
        return 200, {"Content-Type": "text/html", "Content-Length": str(len(body))}, body

    def huge_chunked(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        # no Content-Length: the size shows only while reading (connection closed after)
        handler.close_connection = True
        body = ("<html><body>" + "<p>padding text</p>" * 20000 + "</body></html>").encode()
        return 200, {"Content-Type": "text/html", "Connection": "close",
                     "Content-Length": None}, body

    return {"/news/error500.html": error500, "/news/slow.html": slow,
            "/news/busy.html": busy, "/news/closed.html": closed,
            "/news/loop-a.html": loop_a, "/news/loop-b.html": loop_b,
            "/news/moved.html": moved, "/news/huge.html": huge,
            "/news/huge-chunked.html": huge_chunked}


if __name__ == "__main__":
    import sys

    srv = NewsServer()
    if len(sys.argv) > 1:  # a fixed port: rebind
        srv.httpd.server_close()
        srv.httpd = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), srv._handler())
        srv.base = f"http://127.0.0.1:{sys.argv[1]}"
        srv.thread = threading.Thread(target=srv.httpd.serve_forever, daemon=True)
    srv.routes.update(misbehaving_routes(srv))

    def add_entry(handler: Any, n: int) -> tuple[int, dict[str, str], bytes]:
        listed = {slug for slug, _ in srv.feed_items}
        for slug, art in ARTICLES.items():
            if slug not in listed:
                srv.feed_items.insert(0, (slug, art["title"]))
                return 200, {"Content-Type": "text/plain"}, f"added {slug}\n".encode()
        return 200, {"Content-Type": "text/plain"}, b"no article left\n"

    srv.routes["/admin/add-entry"] = add_entry
    srv.start()
    print(f"feed: {srv.base}/feed.xml  (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(1)
            for hit in srv.hits():
                print(f"{hit.at:.3f} GET {hit.path} -> {hit.status}", flush=True)
            srv.clear()
    except KeyboardInterrupt:
        srv.stop()
