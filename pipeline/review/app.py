"""The review web app: Starlette + Jinja2 pages rendered on the server, plain JavaScript.

Pages: the article list (`/`, filters and pagination in the query string), the article view
(`/article?id=...`: the text with every extracted span highlighted, the rows beside it),
`/changes` (reviewed rows changed or gone since re-extraction). JSON endpoints under `/api/`
take decisions; they answer with the row re-rendered by the same template as the page.
`/api/mark` marks an article (or some of its tables) "reviewed: nothing to add", or undoes
that; it is refused while rows of those tables are undecided.

Security: every value is escaped by Jinja's autoescaping, and the Content-Security-Policy
allows scripts and styles from this server's /static only (no inline script runs, whatever
an article holds). Every state-changing request carries the page's CSRF token (an HMAC of
the session cookie); `--read-only` refuses them all. Bound to a loopback address, the app
answers only requests addressed to that host (no DNS rebinding); bound to another address,
it needs the access token printed in its URL (then kept in a cookie).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.errors import Errors, UsageError
from pipeline.review.decisions import Conflict
from pipeline.review.fields import DOCUMENT_STATUSES, EDITABLE, FieldError
from pipeline.review.folder import Filters, ReviewFolder, RowView
from pipeline.review.index import ROW_TABLES

HERE = Path(__file__).resolve().parent
TEMPLATES, STATIC = HERE / "templates", HERE / "static"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765
LABELS = {"leaders": "LEADER", "dates": "DATE", "documents": "DOCUMENT", "trade": "TRADE"}
SESSION_COOKIE, TOKEN_COOKIE, REVIEWER_COOKIE = "cq_session", "cq_token", "cq_reviewer"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class Settings:
    reviewer: str
    read_only: bool
    token: str | None  # required on every request when set
    allowed_hosts: frozenset[str] | None  # Host header names accepted (None: any)
    secret: bytes  # signs the CSRF tokens of this server's sessions


class Guard:
    """Host check, access token, session cookie, CSRF and read-only refusals, and the
    security headers, in front of every route (a plain ASGI middleware)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cookies: list[str] = []
        refusal = self._refusal(request, cookies)
        if refusal is not None:
            status, message = refusal
            response: Response = _refused(request, status, message)
            await self._send_with_headers(response, scope, receive, send, cookies)
            return
        token = self.settings.token
        if token and request.query_params.get("token") and request.method in SAFE_METHODS:
            query = [(k, v) for k, v in parse_qsl(request.url.query) if k != "token"]
            target = request.url.path + ("?" + urlencode(query) if query else "")
            await self._send_with_headers(RedirectResponse(target, 303), scope, receive, send,
                                          cookies)
            return
        await self._send_with_headers(self.app, scope, receive, send, cookies)

    def _refusal(self, request: Request, cookies: list[str]) -> tuple[int, str] | None:
        s = self.settings
        host = host_name(request.headers.get("host") or "")
        if s.allowed_hosts is not None and host not in s.allowed_hosts:
            return 403, Errors.R019.format(host=host)
        if s.token:
            given = request.cookies.get(TOKEN_COOKIE) or ""
            query = request.query_params.get("token") or ""
            if hmac.compare_digest(query.encode(), s.token.encode()):
                cookies.append(_cookie(TOKEN_COOKIE, s.token))
            elif not hmac.compare_digest(given.encode(), s.token.encode()):
                return 403, Errors.R017
        session = request.cookies.get(SESSION_COOKIE) or ""
        if len(session) != 43:  # token_urlsafe(32)
            session = secrets.token_urlsafe(32)
            cookies.append(_cookie(SESSION_COOKIE, session))
        request.scope.setdefault("state", {})["session"] = session
        request.scope["state"]["csrf"] = csrf_token(s.secret, session)
        if request.method not in SAFE_METHODS:
            sent = request.headers.get("x-csrf-token") or ""
            origin = request.headers.get("origin")
            if origin and origin.split("://", 1)[-1].lower() != \
                    (request.headers.get("host") or "").lower():
                return 403, Errors.R018
            if not hmac.compare_digest(sent.encode(), request.scope["state"]["csrf"].encode()):
                return 403, Errors.R018
            if s.read_only:
                return 403, Errors.R016
        return None

    @staticmethod
    async def _send_with_headers(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                                 cookies: list[str]) -> None:
        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
                headers.setdefault("Cache-Control", "no-store")
                for cookie in cookies:
                    headers.append("Set-Cookie", cookie)
            await send(message)

        await app(scope, receive, send_wrapper)


def host_name(header: str) -> str:
    """The host of a Host header, without the port ('[::1]:8765' -> '::1')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _cookie(name: str, value: str) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict"


def csrf_token(secret: bytes, session: str) -> str:
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def _refused(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/") or request.method not in SAFE_METHODS:
        return JSONResponse({"error": message}, status_code=status)
    body = ("<!doctype html><meta charset=utf-8><title>refused</title>"
            f"<p>{escape(message)}</p>")
    return HTMLResponse(body, status_code=status)


def _reviewer(request: Request, default: str) -> str:
    raw = unquote(request.cookies.get(REVIEWER_COOKIE) or "")
    name = " ".join(raw.split())[:64]
    return name if name and name.isprintable() else default


def _short_time(iso: str) -> str:
    return iso[:16].replace("T", " ") + " UTC" if iso else ""


@dataclass
class Segment:
    start: int
    end: int
    text: str
    rows: list[RowView]
    ends: list[RowView]  # rows whose span ends here (their labels follow the segment)

    @property
    def inner_first(self) -> list[RowView]:
        return sorted(self.rows, key=lambda v: v.end - v.start)

    @property
    def row_ids(self) -> str:
        return " ".join(v.row_id for v in self.inner_first)

    @property
    def classes(self) -> str:
        """The innermost row's table colours the background, an outer one underlines."""
        if not self.rows:
            return ""
        inner, *outer = self.inner_first
        out = [f"t-{inner.table}", f"st-{inner.status}"]
        if outer:
            out.append(f"u-{outer[-1].table}")
        return " ".join(out)


def segments(text: str, rows: list[RowView]) -> list[Segment]:
    """The text cut at every span boundary, each piece with the rows covering it."""
    spans = [v for v in rows if 0 <= v.start < v.end <= len(text)]
    cuts = sorted({0, len(text), *(v.start for v in spans), *(v.end for v in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [v for v in spans if v.start <= a and v.end >= b]
        ends = [v for v in spans if v.end == b]
        out.append(Segment(a, b, text[a:b], covering, ends))
    return out


PLACEHOLDERS = {"country": "KAZ", "countries": "KAZ;TJK", "value": "2021-05-20",
                "signed_date": "2021-05-20", "period": "2020", "amount": "1000000000",
                "currency": "USD"}


def _num(value: Any) -> str:
    """A cell as the tables write it (1000000000.0 -> '1000000000', None -> '')."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    return str(value)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.globals.update(LABELS=LABELS, TABLES=ROW_TABLES, EDITABLE=EDITABLE,
                       STATUSES=DOCUMENT_STATUSES, PLACEHOLDERS=PLACEHOLDERS)
    env.filters["when"] = _short_time
    env.filters["conf"] = lambda c: "" if c is None else f"{c:.2f}"
    env.filters["num"] = _num
    env.filters["safe_url"] = lambda u: u if str(u).lower().startswith(("http://", "https://")) \
        else ""
    return env


def create_app(outdir: Path | str, *, reviewer: str | None = None, read_only: bool = False,
               token: str | None = None, host: str = DEFAULT_HOST,
               rules: str | Path | None = None) -> Starlette:
    """The review app for an output folder (its index is built or refreshed here).
    `host` is the address the server binds: a loopback one restricts the Host header to
    loopback names; `token`, when given, is required on every request."""
    folder = ReviewFolder(outdir, read_only=read_only, rules=rules)
    settings = Settings(
        reviewer=reviewer or _default_reviewer(), read_only=read_only, token=token or None,
        allowed_hosts=frozenset({"127.0.0.1", "localhost", "::1", host.lower()})
        if is_loopback(host) else None,
        secret=secrets.token_bytes(32))
    env = _environment()
    env.globals.update(read_only=read_only, vocab=folder.vocab, folder_name=folder.outdir.name
                       or str(folder.outdir))

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.update(csrf=request.scope["state"]["csrf"],
                       reviewer=_reviewer(request, settings.reviewer),
                       totals=folder.totals(), request_path=request.url.path)
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def row_html(view: RowView) -> str:
        return env.get_template("_row.html").render(view=view)

    def list_page(request: Request) -> HTMLResponse:
        filters, notes = Filters.parse(request.query_params)
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            number = 1
        result = folder.articles(filters, number)
        if request.query_params.get("notice") == "end":
            notes.append("No unreviewed article after that one under these filters.")
        return page(request, "list.html", filters=filters, result=result, notes=notes,
                    rules=folder.rules_by_table())

    def article_page(request: Request) -> HTMLResponse:
        filters, _ = Filters.parse(request.query_params)
        article_id = request.query_params.get("id", "")
        view = folder.article(article_id)
        if view is None:
            return page(request, "message.html", status=404, title="No such article",
                        message=Errors.R015.format(article_id=article_id))
        missing = "" if view.text is not None or view.article["status"] != "ok" else \
            Errors.R021.format(path=folder.outdir)
        return page(request, "article.html", art=view, filters=filters,
                    segments=segments(view.text or "", view.rows), missing=missing,
                    prev=folder.neighbour(filters, article_id, -1),
                    next=folder.neighbour(filters, article_id, 1))

    def next_article(request: Request) -> RedirectResponse:
        filters, _ = Filters.parse(request.query_params)
        after = request.query_params.get("after")
        found = folder.neighbour(filters, after, 1, unreviewed=True) if after else \
            folder.first(filters, unreviewed=True)
        if found is None:
            return RedirectResponse("/?" + filters.query(notice="end"), 303)
        return RedirectResponse("/article?" + filters.query(id=found), 303)

    def changes_page(request: Request) -> HTMLResponse:
        changed, gone = folder.changes()
        return page(request, "changes.html", changed=changed, gone=gone)

    async def api_decide(request: Request) -> JSONResponse:
        data = await _json(request)
        if isinstance(data, JSONResponse):
            return data
        who = _reviewer(request, settings.reviewer)
        try:
            base = int(data.get("base", 0))
        except (TypeError, ValueError):
            base = 0
        row_id = str(data.get("row_id", ""))
        try:
            view = await run_in_threadpool(
                folder.decide, row_id, str(data.get("action", "")), who, base=base,
                fields=data.get("fields") if isinstance(data.get("fields"), dict) else None)
        except FieldError as exc:
            return JSONResponse({"error": str(exc), "field": exc.field}, status_code=422)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        except Conflict as exc:
            current = await run_in_threadpool(folder.row, row_id)
            d = exc.current
            message = Errors.R009.format(row_id=row_id, action=d.action, reviewer=d.reviewer,
                                         at=_short_time(d.at), attempt=str(
                                             data.get("action", "decision")))
            return JSONResponse({"error": message, "html": row_html(current) if current
                                 else ""}, status_code=409)
        return JSONResponse({"html": row_html(view), "status": view.status,
                             "row_id": view.row_id})

    async def api_add(request: Request) -> JSONResponse:
        data = await _json(request)
        if isinstance(data, JSONResponse):
            return data
        fields = data.get("fields") if isinstance(data.get("fields"), dict) else {}
        try:
            view = await run_in_threadpool(
                folder.add, str(data.get("article_id", "")), str(data.get("table", "")),
                data.get("start"), data.get("end"), fields,
                _reviewer(request, settings.reviewer))
        except FieldError as exc:
            return JSONResponse({"error": str(exc), "field": exc.field}, status_code=422)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        except Conflict as exc:
            return JSONResponse({"error": Errors.R012.format(
                article_id=exc.current.article_id, table=exc.current.table,
                start=exc.current.start, end=exc.current.end, row_id=exc.current.row_id)},
                status_code=409)
        return JSONResponse({"html": row_html(view), "row_id": view.row_id})

    async def api_mark(request: Request) -> JSONResponse:
        data = await _json(request)
        if isinstance(data, JSONResponse):
            return data
        tables = data.get("tables")
        if tables is not None and not (isinstance(tables, list)
                                       and all(isinstance(t, str) for t in tables)):
            return JSONResponse({"error": "tables must be a list of table names"}, 400)
        try:
            view = await run_in_threadpool(
                folder.mark, str(data.get("article_id", "")), _reviewer(request,
                                                                        settings.reviewer),
                complete=data.get("complete", True) is not False, tables=tables)
        except FieldError as exc:
            return JSONResponse({"error": str(exc), "field": exc.field}, status_code=422)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        return JSONResponse({"complete": list(view.complete), "done": view.done})

    def api_prefill(request: Request) -> JSONResponse:
        q = request.query_params
        if q.get("table") not in ROW_TABLES:
            return JSONResponse({"error": Errors.R005.format(
                field="table", value=q.get("table"), choices=", ".join(ROW_TABLES))}, 422)
        try:
            return JSONResponse(folder.prefill(q.get("id", ""), q["table"], q.get("start"),
                                               q.get("end")))
        except FieldError as exc:
            return JSONResponse({"error": str(exc), "field": exc.field}, status_code=422)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)

    routes = [
        Route("/", list_page), Route("/article", article_page), Route("/next", next_article),
        Route("/changes", changes_page),
        Route("/api/decide", api_decide, methods=["POST"]),
        Route("/api/add", api_add, methods=["POST"]),
        Route("/api/mark", api_mark, methods=["POST"]),
        Route("/api/prefill", api_prefill),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.folder, app.state.settings = folder, settings
    return _guarded(app, settings)


def _guarded(app: Starlette, settings: Settings) -> Starlette:
    app.add_middleware(Guard, settings=settings)  # type: ignore[arg-type]
    return app


async def _json(request: Request) -> dict[str, Any] | JSONResponse:
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return JSONResponse({"error": "the request body is not JSON"}, status_code=400)
    if not isinstance(data, dict):
        return JSONResponse({"error": "the request body must be a JSON object"},
                            status_code=400)
    return data


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def check_port(host: str, port: int) -> None:
    """A UsageError now, rather than a server that fails to start, when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            raise UsageError(Errors.R022.format(port=port, host=host)) from None


def serve(outdir: Path | str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          reviewer: str | None = None, read_only: bool = False, token: str | None = None,
          rules: str | Path | None = None,
          echo: Callable[[str], None] = print) -> None:
    """Run the review app until interrupted. A host other than loopback needs a token:
    one is generated (and printed in the URL) when not given."""
    import uvicorn

    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(18)
    check_port(host, port)
    app = create_app(outdir, reviewer=reviewer, read_only=read_only, token=token, host=host,
                     rules=rules)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    totals = app.state.folder.totals()
    n = totals["articles"]
    echo(f"reviewing {outdir}: {n} article{'' if n == 1 else 's'}, {totals['rows']} rows, "
         f"{totals['decided']} decided" + (" (read-only)" if read_only else ""))
    echo(f"open {url}   (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)

