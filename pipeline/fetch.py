"""A polite HTTP client for polling news sites (used by pipeline/feeds.py).

- one request per host at a time, and `delay` seconds between the end of one request to a
  host and the start of the next (more when robots.txt asks for a Crawl-delay, up to
  `max_crawl_delay`, or a response says Retry-After);
- robots.txt obeyed (parsed with protego: RFC 9309 longest match, wildcards): a 4xx
  robots.txt allows everything; a 5xx or unreachable one stops the host's pages for now;
- a User-Agent naming the tool and the user's contact;
- timeouts, retries with exponential backoff on 408/429/5xx, timeouts and connection
  errors, honouring Retry-After (a wait longer than `max_retry_wait` gives up for this poll);
- a maximum page size (checked on Content-Length and while reading, after decompression);
- redirects followed hop by hop (each hop passes robots.txt and the host's delay), at most
  `max_redirects`, loops detected;
- conditional GET (If-None-Match / If-Modified-Since) when the caller has validators.

`PoliteClient.get` never raises for what a server does: every outcome is a `FetchResult`.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from pipeline import __version__
from pipeline.errors import Errors

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: parse at least 500 KiB

OK, NOT_MODIFIED, FAILED, DISALLOWED = "ok", "not_modified", "failed", "disallowed"


class Cancelled(Exception):
    """The client was closed while a request waited for its turn."""


@dataclass
class FetchConfig:
    """How politely and how patiently to fetch."""

    contact: str = ""  # e-mail or URL put in the User-Agent
    user_agent: str = ""  # the whole User-Agent; default: communique/VERSION (+contact)
    delay: float = 1.0  # seconds between requests to one host
    timeout: float = 30.0  # seconds for one request (connect, and the whole response)
    retries: int = 3  # further attempts after a 408/429/5xx, timeout or connection error
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_retry_wait: float = 120.0  # a longer Retry-After gives up until the next poll
    max_bytes: int = 10 * 2**20  # maximum page size, after decompression
    max_redirects: int = 5
    max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay is honoured up to this
    robots_ttl: float = 24 * 3600.0  # seconds a fetched robots.txt is reused (RFC 9309)

    def agent(self) -> str:
        if self.user_agent:
            return self.user_agent
        contact = f"; +{self.contact}" if self.contact else ""
        return f"communique/{__version__} (news extraction{contact})"

    def token(self) -> str:
        """The product token that robots.txt user-agent lines are matched against."""
        return self.agent().split("/")[0].split()[0] or "communique"


@dataclass
class FetchResult:
    url: str  # as requested
    final_url: str = ""  # after redirects
    outcome: str = OK  # ok | not_modified | failed | disallowed
    status: int = 0  # the last HTTP status (0: no response)
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    error: str = ""  # the coded message (failed, disallowed)
    retryable: bool = False  # a later poll may succeed


@dataclass
class FetchStats:
    """Counts of one poll, for the summary line and the tests."""

    requests: int = 0
    bytes: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, status: int, size: int) -> None:
        with self.lock:
            self.requests += 1
            self.bytes += size
            self.statuses[status] = self.statuses.get(status, 0) + 1


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class HostGate:
    """At most one request per host at a time, and a pause between two requests to a host."""

    def __init__(self, delay: float, stop: threading.Event) -> None:
        self.delay = delay
        self.stop = stop
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}  # host -> monotonic time of its next request
        self._delays: dict[str, float] = {}  # host -> its own delay (robots.txt Crawl-delay)

    def set_delay(self, host: str, seconds: float) -> None:
        """The host's own delay (robots.txt Crawl-delay), from its last request on."""
        with self._lock:
            old = self._delays.get(host, self.delay)
            self._delays[host] = pause = max(self.delay, seconds)
            if host in self._next:  # the pause after the request just made grows too
                self._next[host] += pause - old

    def ready_at(self, host: str) -> float:
        with self._lock:
            return self._next.get(host, 0.0)

    @contextmanager
    def slot(self, host: str) -> Iterator[dict[str, float]]:
        """Hold `host` for one request; the yielded dict's `wait` (a Retry-After or a backoff)
        lengthens the pause before the host's next request."""
        with self._lock:
            lock = self._locks.setdefault(host, threading.Lock())
        while not lock.acquire(timeout=0.2):
            if self.stop.is_set():
                raise Cancelled
        try:
            while (left := self.ready_at(host) - time.monotonic()) > 0:
                if self.stop.wait(left):
                    raise Cancelled
            hold = {"wait": 0.0}
            try:
                yield hold
            finally:
                with self._lock:
                    pause = max(self._delays.get(host, self.delay), hold["wait"])
                    self._next[host] = time.monotonic() + pause
        finally:
            lock.release()


class PoliteClient:
    """GET with robots.txt, per-host pacing, retries, size and redirect limits.

    Thread-safe: fetch threads share one client (and one connection pool). `robots_store`
    (optional) keeps robots.txt bodies across polls: `get_robots(origin) -> (status, text,
    time.time() when fetched) | None` and `put_robots(origin, status, text)`.
    """

    def __init__(self, config: FetchConfig, robots_store: Any = None,
                 stop: threading.Event | None = None) -> None:
        import httpx

        self.config = config
        self.stop = stop or threading.Event()
        self.gate = HostGate(config.delay, self.stop)
        self.stats = FetchStats()
        self.robots_store = robots_store
        self._robots: dict[str, tuple[Any, str]] = {}  # origin -> (parser | None, error)
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self.http = httpx.Client(
            headers={"User-Agent": config.agent(), "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(config.timeout), follow_redirects=False,
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16))

    def close(self) -> None:
        self.stop.set()
        self.http.close()

    # ------------------------------------------------------------ the public call

    def get(self, url: str, *, etag: str = "", last_modified: str = "",
            max_bytes: int | None = None, robots: bool = True) -> FetchResult:
        """Fetch `url`, following redirects; conditional when `etag`/`last_modified` given."""
        cfg = self.config
        limit = max_bytes or cfg.max_bytes
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain: list[str] = []
        current = url
        while True:
            if urlsplit(current).scheme.lower() not in ("http", "https"):
                return FetchResult(url, current, FAILED, error=Errors.F018.format(
                    url=url, target=current))
            if robots:
                refused = self.robots_check(current)
                if refused is not None:
                    refused.url = url
                    return refused
            result, location = self._attempts(current, headers, limit)
            if location is None:
                result.url, result.final_url = url, current
                return result
            chain.append(current)
            target = urljoin(current, location).split("#")[0]
            shown = " -> ".join([*chain, target])
            if target in chain:
                return FetchResult(url, target, FAILED, result.status,
                                   error=Errors.F004.format(url=url, chain=shown))
            if len(chain) > cfg.max_redirects:
                return FetchResult(url, target, FAILED, result.status,
                                   error=Errors.F005.format(url=url, limit=cfg.max_redirects,
                                                            chain=shown))
            current = target

    # ------------------------------------------------------------ one hop, with retries

    def _attempts(self, url: str, headers: dict[str, str],
                  limit: int) -> tuple[FetchResult, str | None]:
        """(result, None) or (redirect response, Location) for one URL, retrying."""
        cfg = self.config
        host = host_of(url)
        attempt = 0
        while True:
            attempt += 1
            with self.gate.slot(host) as hold:
                result, location, retry_after = self._request(url, headers, limit)
                if location is not None or not result.retryable:
                    return result, location
                if attempt > cfg.retries:
                    if attempt > 1:
                        result.error += f" (after {attempt} attempts)"
                    return result, None
                if retry_after is not None and retry_after > cfg.max_retry_wait:
                    result.error = Errors.F007.format(url=url, status=result.status,
                                                      seconds=retry_after,
                                                      limit=cfg.max_retry_wait)
                    return result, None
                hold["wait"] = retry_after if retry_after is not None else \
                    min(cfg.backoff * 2 ** (attempt - 1), cfg.max_retry_wait)

    def _request(self, url: str, headers: dict[str, str],
                 limit: int) -> tuple[FetchResult, str | None, float | None]:
        """One GET: (result, redirect Location or None, Retry-After seconds or None)."""
        import httpx

        cfg = self.config
        if self.stop.is_set():
            raise Cancelled
        deadline = time.monotonic() + cfg.timeout
        try:
            with self.http.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                result = FetchResult(url, url, FAILED, status,
                                     content_type=resp.headers.get("content-type", ""),
                                     etag=resp.headers.get("etag", ""),
                                     last_modified=resp.headers.get("last-modified", ""))
                if status in REDIRECTS and resp.headers.get("location"):
                    self.stats.add(status, 0)
                    return result, resp.headers["location"], None
                if status == 304:
                    self.stats.add(status, 0)
                    result.outcome = NOT_MODIFIED
                    return result, None, None
                if status >= 400 or status < 200:
                    self.stats.add(status, 0)
                    phrase = f" {resp.reason_phrase}" if resp.reason_phrase else ""
                    result.retryable = status in RETRY_STATUSES
                    result.error = Errors.F001.format(url=url, status=f"{status}{phrase}")
                    return result, None, retry_after(resp.headers.get("retry-after"))
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    self.stats.add(status, 0)
                    result.error = Errors.F006.format(url=url, limit=limit)
                    return result, None, None
                body = bytearray()
                for piece in resp.iter_bytes():
                    body += piece
                    if len(body) > limit:
                        self.stats.add(status, len(body))
                        result.error = Errors.F006.format(url=url, limit=limit)
                        return result, None, None
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("whole-response deadline")
                self.stats.add(status, len(body))
                result.outcome, result.body = OK, bytes(body)
                return result, None, None
        except httpx.TimeoutException:
            self.stats.add(0, 0)
            return FetchResult(url, url, FAILED, error=Errors.F002.format(
                url=url, seconds=cfg.timeout), retryable=True), None, None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL, httpx.DecodingError) as exc:
            self.stats.add(0, 0)
            return FetchResult(url, url, FAILED, error=Errors.F003.format(
                url=url, reason=_reason(exc))), None, None
        except (httpx.TransportError, httpx.StreamError) as exc:
            self.stats.add(0, 0)
            return FetchResult(url, url, FAILED, error=Errors.F003.format(
                url=url, reason=_reason(exc)), retryable=True), None, None

    # ------------------------------------------------------------ robots.txt

    def robots_check(self, url: str) -> FetchResult | None:
        """None when robots.txt lets us fetch `url`; else the disallowed/failed result."""
        origin = origin_of(url)
        parser, error = self._robots_for(origin)
        if error:
            return FetchResult(url, url, FAILED, error=Errors.F009.format(
                url=url, host=urlsplit(origin).netloc, reason=error), retryable=True)
        if parser is not None and not parser.can_fetch(url, self.config.token()):
            return FetchResult(url, url, DISALLOWED, error=Errors.F008.format(
                url=url, host=urlsplit(origin).netloc, agent=self.config.token()))
        return None

    def _robots_for(self, origin: str) -> tuple[Any, str]:
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch of a host's robots.txt, however many threads ask
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
            return self._robots[origin]

    def _load_robots(self, origin: str) -> tuple[Any, str]:
        """(parser or None = everything allowed, error); an error blocks the host (for this
        run only: the next poll asks again)."""
        from protego import Protego

        cfg = self.config
        stored = self.robots_store.get_robots(origin) if self.robots_store is not None else None
        if stored is not None and time.time() - stored[2] < cfg.robots_ttl:
            status, text = stored[0], stored[1]
        else:
            robots_url = f"{origin}/robots.txt"
            result = self.get(robots_url, max_bytes=ROBOTS_MAX_BYTES, robots=False)
            status = result.status
            if result.outcome == FAILED and (status >= 500 or status in (0, 429)):
                return None, result.error.replace(f"{robots_url}: ", "", 1)
            text = result.body.decode("utf-8", "replace") if result.outcome == OK else ""
            if self.robots_store is not None:
                self.robots_store.put_robots(origin, status, text)
        if not 200 <= status < 300:  # 4xx: no robots.txt, everything allowed (RFC 9309)
            return None, ""
        parser = Protego.parse(text)
        delay = parser.crawl_delay(cfg.token())
        if delay:
            self.gate.set_delay(host_of(origin), min(float(delay), cfg.max_crawl_delay))
        return parser, ""


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "..."
