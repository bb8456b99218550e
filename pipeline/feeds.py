"""Articles from URLs: news feeds (each entry's page), site home pages (their feeds), pages.

One `UrlSource` iteration is one poll. Fetch threads (pipeline/fetch.py: polite, one request
per host at a time) put `Article` records on a bounded queue as pages arrive; the run takes
them from there, so the model works while the network waits. When the queue is momentarily
empty the source yields `run.FLUSH` and the run hands its partial chunk to the model.

What a URL is:
- a feed (RSS/Atom/RDF, by its content): each entry not seen before has its linked page
  fetched and its main text and metadata (title, date, author, site) extracted by
  trafilatura; the entry's own fields fill the gaps. The feed gets one row in articles.csv
  (status `skipped`, "feed, not an article: ...") telling what the poll found;
- an HTML page at a site's root (or any HTML page listed in --feeds): the feeds it links to
  (trafilatura's feed finder) are polled; one `skipped` row names them;
- any other HTML page: one article.

Incremental: feeds are fetched with conditional GET (ETag / Last-Modified); entries already
seen (by normalized URL, or by the hash of their title and summary) are not fetched again;
pages already in the fetch cache (OUT/.communique/fetch.sqlite) are read from there. With
`force` (extract --force) every cached page of the polled feeds is read again from the cache
(no download); `refetch` downloads everything again. Articles arrive in fetch order.
"""

from __future__ import annotations

import hashlib
import queue
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from pipeline import ingest
from pipeline.errors import Errors, UsageError
from pipeline.fetch import (DISALLOWED, NOT_MODIFIED, OK, Cancelled, FetchConfig,
                            FetchResult, PoliteClient, host_of)
from pipeline.fetch_cache import FETCHED, Entry, FetchCache
from pipeline.fetch_cache import FAILED as ENTRY_FAILED
from pipeline.fetch_cache import SKIPPED as ENTRY_SKIPPED
from pipeline.records import STATUS_FAILED, STATUS_SKIPPED, Article

FEED, SITE, PAGE = "feed", "site", "page"
ARG, LISTED, FOUND = "arg", "listed", "found"  # how a URL came: command line, --feeds, a link
MAX_FEEDS_PER_SITE = 10
_URL = re.compile(r"^https?://[^\s/?#]+", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]")
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/rss", "application/atom", "text/rss+xml", "text/atom+xml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml", ""}
_DONE = object()


def is_url(value: str) -> bool:
    """An http(s) URL with a host."""
    return bool(_URL.match(value.strip()))


def normalize_url(url: str) -> str:
    """The identity of a URL: scheme and host lowercased, default port, tracking parameters
    and the fragment dropped (courlan)."""
    from courlan import normalize_url as courlan_normalize

    try:
        return courlan_normalize(url.strip()).split("#")[0]
    except ValueError:
        return url.strip().split("#")[0]


def read_feed_list(path: Path) -> list[str]:
    """URLs of a feed list: one a line; blank lines and `#` comments ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(Errors.U026.format(path=path, reason=getattr(exc, "strerror", None)
                                            or exc)) from None
    urls = []
    for lineno, line in enumerate(lines, start=1):
        value = line.split(" #")[0].strip()
        if not value or value.startswith("#"):
            continue
        if not is_url(value):
            raise UsageError(Errors.U025.format(path=path, line=lineno, value=value))
        urls.append(value)
    return urls


def split_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """(URLs, other inputs) in their given order."""
    urls, paths = [], []
    for value in inputs:
        (urls if is_url(value) else paths).append(value)
    return urls, paths


def looks_like_feed(body: bytes, content_type: str) -> bool:
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if _FEED_ROOT.search(head):
        return True
    return _mime(content_type) in _FEED_TYPES


def _mime(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def decode_html(body: bytes, content_type: str) -> str | bytes:
    """Text by the declared charset; the bytes (trafilatura detects) when none or bad."""
    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return body


@dataclass
class PollStats:
    feeds: int = 0  # feed documents polled
    not_modified: int = 0  # of which answered 304
    sites: int = 0  # site pages searched for feeds
    new_entries: int = 0
    downloaded: int = 0  # article pages downloaded
    cached: int = 0  # article pages read from the fetch cache
    failed: int = 0  # failed rows (pages, feeds, sites)
    skipped: int = 0  # pages not fetched (robots.txt, duplicates)


class _Frontier:
    """Jobs queued per host; a thread takes a job of a host no other thread is on, the one
    whose next request may start soonest. Ends when nothing is queued or running."""

    def __init__(self, ready_at: Callable[[str], float], stop: threading.Event) -> None:
        self._cv = threading.Condition()
        self._queues: dict[str, deque[tuple[Callable[[], Any], str, str]]] = {}
        self._busy: set[str] = set()
        self._open = 0
        self._ready_at = ready_at
        self._stop = stop

    def put(self, host: str, job: Callable[[], Any], url: str, origin: str) -> None:
        with self._cv:
            self._queues.setdefault(host, deque()).append((job, url, origin))
            self._open += 1
            self._cv.notify_all()

    def take(self) -> tuple[str, tuple[Callable[[], Any], str, str]] | None:
        with self._cv:
            while not self._stop.is_set():
                free = [h for h, q in self._queues.items() if q and h not in self._busy]
                if free:
                    host = min(free, key=self._ready_at)
                    self._busy.add(host)
                    return host, self._queues[host].popleft()
                if self._open == 0:
                    return None
                self._cv.wait(0.2)
            return None

    def done(self, host: str) -> None:
        with self._cv:
            self._busy.discard(host)
            self._open -= 1
            self._cv.notify_all()


class UrlSource:
    """Articles from feed, site and page URLs, fetched politely; iterate once per poll.

    `out` is the output folder (its fetch cache); `max_per_feed` caps the pages fetched
    per feed in one poll (the rest wait for later polls); `threads` fetch threads (still
    one request per host at a time); `queue_size` articles wait at most for the model.
    """

    def __init__(self, urls: Iterable[str], out: Path, config: FetchConfig | None = None, *,
                 feed_urls: Iterable[str] = (), max_per_feed: int | None = None,
                 refetch: bool = False, force: bool = False, threads: int = 4,
                 queue_size: int = 32, on_note: Callable[[str], None] | None = None) -> None:
        self.inputs = [(url, ARG) for url in urls] + [(url, LISTED) for url in feed_urls]
        self.out = Path(out)
        self.config = config or FetchConfig()
        self.max_per_feed = max_per_feed
        self.refetch, self.force = refetch, force
        self.threads = max(1, threads)
        self.queue_size = queue_size
        self.on_note = on_note
        self.stats = PollStats()
        self.client: PoliteClient | None = None
        self._lock = threading.Lock()
        self._queued: set[str] = set()  # URLs and entries queued in this poll

    # ------------------------------------------------------------ the poll

    def __iter__(self) -> Iterator[Article | object]:
        from pipeline.run import FLUSH

        if not self.config.contact and not self.config.user_agent and self.on_note:
            self.on_note(Errors.N008)
        self._stop = threading.Event()
        self._queued.clear()
        self.stats = PollStats()
        self._out: queue.Queue[Any] = queue.Queue(self.queue_size)
        self.cache = FetchCache(self.out)
        self.client = PoliteClient(self.config, robots_store=None if self.refetch
                                   else self.cache, stop=self._stop)
        self._frontier = _Frontier(self.client.gate.ready_at, self._stop)
        for url, role in self.inputs:
            if self._claim("input " + normalize_url(url)):
                self._put(url, lambda u=url, r=role: self._input(u, r), url)
        self._alive = self.threads
        workers = [threading.Thread(target=self._work, name=f"fetch-{n}", daemon=True)
                   for n in range(self.threads)]
        for thread in workers:
            thread.start()
        try:
            ready = False  # an article was handed out since the last FLUSH
            while True:
                try:
                    item = self._out.get_nowait()
                except queue.Empty:
                    if ready:
                        ready = False
                        yield FLUSH
                        continue
                    item = self._get_blocking(workers)
                if item is _DONE:
                    break
                ready = True
                yield item
        finally:
            self._stop.set()
            deadline = time.monotonic() + self.config.timeout + 1  # requests in flight end
            for thread in workers:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
            self.client.close()
            self.cache.close()

    def _get_blocking(self, workers: list[threading.Thread]) -> Any:
        while True:
            try:
                return self._out.get(timeout=0.5)
            except queue.Empty:
                if not any(t.is_alive() for t in workers) and self._out.empty():
                    return _DONE

    def summary(self) -> str:
        s, c = self.stats, self.client.stats if self.client else None
        return (f"fetch: {s.feeds} feed(s) polled ({s.not_modified} not modified), "
                f"{s.new_entries} new entries; pages: {s.downloaded} downloaded, {s.cached} "
                f"from the cache, {s.failed} failed, {s.skipped} skipped; "
                f"{c.requests if c else 0} HTTP requests")

    # ------------------------------------------------------------ threads

    def _put(self, url: str, job: Callable[[], Any], origin: str) -> None:
        """Queue a job on `url`'s host. A job may return a callable to run after the host
        is released (extracting a page's text does not hold up the host's next request)."""
        self._frontier.put(host_of(url), job, url, origin)

    def _work(self) -> None:
        try:
            while (item := self._frontier.take()) is not None:
                host, (job, url, origin) = item
                after = None
                try:
                    after = job()
                except Cancelled:
                    return
                except Exception as exc:  # noqa: BLE001 - a bad page never stops the poll
                    self._crashed(url, origin, exc)
                finally:
                    self._frontier.done(host)
                if after is not None:
                    try:
                        after()
                    except Cancelled:
                        return
                    except Exception as exc:  # noqa: BLE001
                        self._crashed(url, origin, exc)
        except Cancelled:
            return
        finally:
            with self._lock:
                self._alive -= 1
                last = self._alive == 0
            if last:
                try:
                    self._emit(_DONE)
                except Cancelled:
                    pass

    def _crashed(self, url: str, origin: str, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"
        self._emit(self._failed(normalize_url(url), url, origin,
                                Errors.F019.format(url=url, reason=reason)))

    def _emit(self, item: Any) -> None:
        if isinstance(item, Article):
            with self._lock:
                if item.status == STATUS_FAILED:
                    self.stats.failed += 1
                elif item.status == STATUS_SKIPPED and not item.error.startswith(
                        ("feed, ", "site page, ")):
                    self.stats.skipped += 1
        while True:
            try:
                self._out.put(item, timeout=0.2)
                return
            except queue.Full:
                if self._stop.is_set():
                    raise Cancelled from None

    def _count(self, name: str, n: int = 1) -> None:
        with self._lock:
            setattr(self.stats, name, getattr(self.stats, name) + n)

    # ------------------------------------------------------------ jobs

    def _input(self, url: str, role: str) -> Callable[[], None] | None:
        """A URL from the command line, --feeds or a site's feed link."""
        key = normalize_url(url)
        cached = self.cache.page(key)
        if cached and cached.kind == PAGE and role == ARG and not self.refetch:
            self._count("cached")
            return lambda: self._emit(self._page_article(
                cached.body, cached.content_type, cached.final_url, key, url, {}))
        validators = cached if cached and cached.kind in (FEED, SITE) \
            and not self.refetch else None
        result = self.client.get(url, etag=validators.etag if validators else "",
                                 last_modified=validators.last_modified if validators else "")
        if result.outcome == NOT_MODIFIED and validators is not None:
            self.cache.touch_page(key)
            kind, body, final = cached.kind, cached.body, cached.final_url
            ctype = cached.content_type
        elif result.outcome == OK:
            body, final, ctype = result.body, result.final_url, result.content_type
            kind = self._classify(body, ctype, final, role)
            if kind is None:
                self._emit(self._failed(key, url, url, Errors.F013.format(
                    url=url, reason=f"not a feed (content type {_mime(ctype)!r})")))
                return None
            if kind == PAGE and _mime(ctype) not in _HTML_TYPES:
                self._emit(self._failed(key, url, url, Errors.F010.format(url=url,
                                                                        ctype=ctype)))
                return None
            self.cache.put_page(key, kind, final, result.status, ctype, result.etag,
                                result.last_modified, body)
        else:
            self._emit(self._fetch_problem(key, url, url, result))
            if cached and cached.kind == FEED:  # entries of earlier polls may still be due
                self._schedule(key, url, "", None, row=False)
            return None
        if kind == FEED:
            self._feed(key, url, final, body, result.outcome != NOT_MODIFIED)
        elif kind == SITE:
            self._site(key, url, final, body, ctype)
        else:
            self._count("downloaded")
            return lambda: self._emit(self._page_article(body, ctype, final, key, url, {}))
        return None

    @staticmethod
    def _classify(body: bytes, ctype: str, url: str, role: str) -> str | None:
        if looks_like_feed(body, ctype):
            return FEED
        if role == FOUND:
            return None
        if role == LISTED or urlsplit(url).path in ("", "/"):
            return SITE
        return PAGE

    def _site(self, key: str, url: str, final: str, body: bytes, ctype: str) -> None:
        """A site's page: poll the feeds it links to."""
        from trafilatura.feeds import FeedParameters, determine_feed

        self._count("sites")
        parts = urlsplit(final)
        params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", final)
        html = decode_html(body, ctype)
        if isinstance(html, bytes):
            html = html.decode("utf-8", "replace")
        found = [normalize_url(u) for u in determine_feed(html, params)][:MAX_FEEDS_PER_SITE]
        if not found:
            self._emit(self._failed(key, url, url, Errors.F012.format(url=url)))
            return
        self._emit(Article(article_id=key, url=final, origin=url, status=STATUS_SKIPPED,
                           error=Errors.F016.format(feeds=", ".join(found))))
        for feed in found:
            if self._claim("input " + feed):  # not when also given, or found on another site
                self._put(feed, lambda f=feed: self._input(f, FOUND), url)

    def _feed(self, key: str, url: str, final: str, body: bytes, modified: bool) -> None:
        """A feed document (None body: unchanged since the last poll)."""
        import feedparser

        self._count("feeds")
        data, _ = ingest.strip_doctype(body)
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
        title = ingest.html_to_text(parsed.feed.get("title", "")) if parsed.get("feed") else ""
        if not modified:
            self._count("not_modified")
            self._schedule(key, url, title, None)
            return
        broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if isinstance(broken, feedparser.CharacterEncodingOverride):
            broken = None
        if not parsed.entries and broken:
            self._emit(self._failed(key, url, url, Errors.F013.format(url=url, reason=broken)))
            self._schedule(key, url, title, None, row=False)
            return
        entries = [self._entry(e, n, key, final, title)
                   for n, e in enumerate(parsed.entries, start=1)]
        new = self.cache.add_entries(entries, again=self.refetch)
        self._count("new_entries", len(new))
        for entry, other in new:
            if other:
                self._emit(Article(article_id=entry.url, url=entry.link,
                                   title=entry.meta.get("title", ""), source=title,
                                   origin=_where(url, entry), status=STATUS_SKIPPED,
                                   error=Errors.F017.format(other=other)))
        self._schedule(key, url, title, (len(entries), len(new)))

    def _schedule(self, key: str, url: str, title: str, counts: tuple[int, int] | None,
                  row: bool = True) -> None:
        """Queue the feed's due entries (and with --force its cached ones); emit its row."""
        pending = self.cache.due(key)
        share = pending[:self.max_per_feed] if self.max_per_feed else pending
        due = [e for e in share if self._claim(e.url)]
        waiting = len(pending) - len(share)
        later = f"; {waiting} wait for later polls (--max-per-feed)" if waiting > 0 else ""
        if row:
            error = Errors.F015.format(due=len(due), waiting=later) if counts is None else \
                Errors.F014.format(entries=counts[0], new=counts[1], due=len(due),
                                   waiting=later)
            self._emit(Article(article_id=key, url=url, title=title, source=title, origin=url,
                               status=STATUS_SKIPPED, error=error))
        again = [e for e in self.cache.fetched(key) if self._claim(e.url)] if self.force else []
        for entry in [*due, *again]:
            self._put(entry.link or url, lambda e=entry: self._page(e, url), url)

    def _claim(self, key: str) -> bool:
        """True the first time a URL or entry is queued in this poll (sites may link the
        same feed, feeds may share entries)."""
        with self._lock:
            if key in self._queued:
                return False
            self._queued.add(key)
            return True

    @staticmethod
    def _entry(entry: Any, n: int, feed_key: str, feed_url: str, feed_title: str) -> Entry:
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        text = ingest.html_to_text(body or entry.get("summary", ""))
        title = ingest.html_to_text(entry.get("title", ""))
        link = urljoin(feed_url, entry.get("link", "")) if entry.get("link") else ""
        published = ""
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
        else:
            published = ingest.parse_metadata_date(
                entry.get("published") or entry.get("updated")) or ""
        guid = str(entry.get("id") or "")
        url = normalize_url(link) if link else f"{feed_key}#{guid or n}"
        digest = ""
        if text:
            folded = ingest.normalize_text(title) + "\n" + ingest.normalize_text(text)
            digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()
        meta = {"title": title, "text": text, "published": published, "guid": guid,
                "author": entry.get("author", ""), "feed_title": feed_title, "n": n}
        return Entry(url=url, link=link, feed=feed_key, seq=n, hash=digest, meta=meta)

    def _page(self, entry: Entry, feed_url: str) -> Callable[[], None] | None:
        """Fetch (or read from the cache) an entry's page; returns the step that extracts
        and emits its article."""
        where = _where(feed_url, entry)
        if not entry.link:  # an entry without a page: its own text is the article
            return lambda: self._entry_article(None, "", "", entry, where)
        cached = self.cache.page(entry.url)
        if cached and cached.kind == PAGE and not self.refetch:
            self._count("cached")
            body, ctype, final = cached.body, cached.content_type, cached.final_url
        else:
            result = self.client.get(entry.link)
            if result.outcome != OK:
                state = ENTRY_SKIPPED if result.outcome == DISALLOWED else ENTRY_FAILED
                self.cache.set_entry(entry.url, state, result.error, result.retryable)
                self._emit(self._fetch_problem(entry.url, entry.link, where, result,
                                               entry.meta))
                return None
            body, ctype, final = result.body, result.content_type, result.final_url
            if _mime(ctype) not in _HTML_TYPES:
                error = Errors.F010.format(url=entry.link, ctype=ctype)
                self.cache.set_entry(entry.url, ENTRY_FAILED, error)
                self._emit(self._failed(entry.url, entry.link, where, error, entry.meta))
                return None
            self.cache.put_page(entry.url, PAGE, final, result.status, ctype, result.etag,
                                result.last_modified, body)
            self._count("downloaded")
        return lambda: self._entry_article(body, ctype, final, entry, where)

    def _entry_article(self, body: bytes | None, ctype: str, final: str, entry: Entry,
                       where: str) -> None:
        article = self._page_article(body, ctype, final, entry.url, where, entry.meta)
        if article.status == STATUS_FAILED:
            self.cache.set_entry(entry.url, ENTRY_FAILED, article.error)
        else:
            self.cache.set_entry(entry.url, FETCHED)
        self._emit(article)

    # ------------------------------------------------------------ records

    @staticmethod
    def _page_article(body: bytes | None, ctype: str, final: str, key: str, origin: str,
                      meta: dict[str, Any]) -> Article:
        """The article of a page: trafilatura's text and metadata; the feed's fill gaps."""
        page: dict[str, Any] = {}
        if body is not None:
            import trafilatura

            doc = trafilatura.bare_extraction(decode_html(body, ctype), url=final or None,
                                              with_metadata=True, include_comments=False,
                                              include_tables=False)
            page = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
        text = (page.get("text") or "").strip()
        note = ""
        if not text and meta.get("text"):
            text, note = meta["text"], Errors.N007 if body is not None else ""
        article = Article(
            article_id=key, text=text, url=final or meta.get("link", "") or "", origin=origin,
            title=page.get("title") or meta.get("title", ""),
            author=page.get("author") or meta.get("author", ""),
            source=page.get("sitename") or meta.get("feed_title") or page.get("hostname")
            or host_of(final), error=note)
        if not text:
            article.status, article.error = STATUS_FAILED, Errors.F011.format(url=final or key)
            return article
        iso = ingest.parse_metadata_date(page.get("date")) or meta.get("published", "")
        if iso:
            article.published, article.published_source = iso, "metadata"
        return ingest.finish(article)

    def _fetch_problem(self, key: str, url: str, origin: str, result: FetchResult,
                       meta: dict[str, Any] | None = None) -> Article:
        if result.outcome == DISALLOWED:
            meta = meta or {}
            return Article(article_id=key, url=url, origin=origin, title=meta.get("title", ""),
                           source=meta.get("feed_title", ""), status=STATUS_SKIPPED,
                           error=result.error)
        return self._failed(key, url, origin, result.error, meta)

    @staticmethod
    def _failed(key: str, url: str, origin: str, error: str,
                meta: dict[str, Any] | None = None) -> Article:
        meta = meta or {}
        return Article(article_id=key, url=url, origin=origin, title=meta.get("title", ""),
                       source=meta.get("feed_title", ""), status=STATUS_FAILED, error=error)


def _where(feed_url: str, entry: Entry) -> str:
    return f"{feed_url}, entry {entry.meta.get('n', entry.seq)}"


def url_records(inputs: Iterable[str], source: UrlSource | None,
                input_format: str | None = None, limits: Any = None) -> Iterator[Article | object]:
    """The records of a run with URLs: local inputs first, then the poll (`limits`: the
    reader limits, pipeline.streams.Limits)."""
    if inputs:
        yield from ingest.read_inputs(inputs, input_format, *([limits] if limits else []))
    if source is not None:
        yield from source
