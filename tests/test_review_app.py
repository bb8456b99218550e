"""The review web app through Starlette's test client: pages, filters, decisions,
validation messages, concurrent reviewers, security refusals, escaping, read-only."""

from __future__ import annotations

import re
import sqlite3
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpers import HOSTILE, review_items
from pipeline.errors import UsageError
from pipeline.review.app import create_app, host_name
from pipeline.review.decisions import load_decisions
from pipeline.review.fixtures import write_folder
from pipeline.state import STATE_DIR, STATE_FILE

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def outdir(tmp_path) -> Path:
    return write_folder(tmp_path / "out", review_items())


def client_for(app, reviewer: str | None = None, base_url: str = BASE) -> TestClient:
    client = TestClient(app, base_url=base_url)
    if reviewer:
        client.cookies.set("cq_reviewer", reviewer)
    return client


def csrf_of(client: TestClient) -> str:
    html = client.get("/").text
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def rows_of(html: str) -> dict[str, tuple[str, int]]:
    """row_id -> (table, base) of the rows on an article page."""
    return {rid: (table, int(base)) for rid, table, base in re.findall(
        r'data-row="([^"]+)" data-table="([^"]+)" data-base="(\d+)"', html)}


def post(client: TestClient, path: str, body: dict, csrf: str | None = None):
    headers = {"X-CSRF-Token": csrf if csrf is not None else csrf_of(client)}
    return client.post(path, json=body, headers=headers)


def summit_row(client: TestClient, table: str, n: int = 0) -> tuple[str, int]:
    rows = [(rid, base) for rid, (t, base) in rows_of(client.get("/article?id=summit").text)
            .items() if t == table]
    return rows[n]


# ---------------------------------------------------------------- pages

def test_review_app_list_shows_every_article_with_counts_and_progress(outdir):
    client = client_for(create_app(outdir))
    html = client.get("/").text
    assert "3 articles" in html
    for article_id in ("summit", "hostile", "broken"):
        assert f"/article?id={article_id}" in html
    assert "missing &#39;text&#39; field" in html  # the failed record's error
    assert "0/6" in html  # summit: 6 rows, none reviewed


@pytest.mark.parametrize("query,shown,hidden", [
    ("table=trade", ["summit"], ["hostile", "broken"]),
    ("conf=0.55", ["hostile"], ["summit"]),
    ("conf=0.65&table=leaders", ["summit", "hostile"], ["broken"]),
    ("rule=parse%3Asign", ["summit"], ["hostile"]),
    ("q=dushanbe", ["summit"], ["hostile", "broken"]),
    ("q=washingt", ["hostile"], ["summit"]),
    ("status=failed", ["broken"], ["summit", "hostile"]),
    ("unreviewed=1", ["summit", "hostile"], ["broken"]),
])
def test_review_app_list_filters(outdir, query, shown, hidden):
    html = client_for(create_app(outdir)).get("/?" + query).text
    for article_id in shown:
        assert f"id={article_id}" in html, article_id
    for article_id in hidden:
        assert f"id={article_id}&" not in html and f'id={article_id}"' not in html, article_id


def test_review_app_list_sorts_lowest_confidence_first(outdir):
    html = client_for(create_app(outdir)).get("/?sort=confidence").text
    assert html.index("id=hostile") < html.index("id=summit")  # 0.5 before 0.6


def test_review_app_list_bad_filter_values_are_named(outdir):
    html = client_for(create_app(outdir)).get("/?conf=abc&table=people").text
    assert "confidence &#39;abc&#39; is not a number from 0 to 1" in html
    assert "table &#39;people&#39; is not one of" in html


def test_review_app_list_paginates(tmp_path):
    from pipeline.review.fixtures import synthetic_articles

    out = write_folder(tmp_path / "big", synthetic_articles(120))
    client = client_for(create_app(out))
    first, third = client.get("/").text, client.get("/?page=3").text
    assert "page 1 of 3" in first and "syn-000049" in first and "syn-000050" not in first
    assert "page 3 of 3" in third and "syn-000119" in third and 'rel="next"' not in third


def test_review_app_article_view_highlights_every_row(outdir):
    html = client_for(create_app(outdir)).get("/article?id=summit").text
    assert len(rows_of(html)) == 6
    for table, label in (("leaders", "LEADER"), ("dates", "DATE"), ("documents", "DOCUMENT"),
                         ("trade", "TRADE")):
        assert f'class="seg t-{table}' in html and f">{label}</span>" in html
    assert "Tokayev meets Rahmon" in html and "published 2021-05-20" in html
    assert '<span class="rules-version"' in html and "default@0123abcd" in html


def test_review_app_unknown_article_is_404(outdir):
    response = client_for(create_app(outdir)).get("/article?id=nope")
    assert response.status_code == 404 and "no article &#39;nope&#39;" in response.text


def test_review_app_next_unreviewed_article(outdir):
    client = client_for(create_app(outdir))
    first = client.get("/next", follow_redirects=False)
    assert first.headers["location"] == "/article?id=summit"
    after = client.get("/next?after=summit", follow_redirects=False)
    assert after.headers["location"] == "/article?id=hostile"
    end = client.get("/next?after=hostile", follow_redirects=False)
    assert end.headers["location"].startswith("/?") and "notice=end" in end.headers["location"]


# ---------------------------------------------------------------- decisions

def test_review_app_accept_reject_edit_are_logged(outdir):
    client = client_for(create_app(outdir), reviewer="alice")
    csrf = csrf_of(client)
    leader, base = summit_row(client, "leaders")
    date, _ = summit_row(client, "dates", 1)
    ok = post(client, "/api/decide", {"row_id": leader, "action": "accept", "base": base}, csrf)
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    assert "accepted by <b>alice</b>" in ok.json()["html"]
    assert post(client, "/api/decide", {"row_id": date, "action": "reject", "base": 0},
                csrf).json()["status"] == "rejected"
    trade, _ = summit_row(client, "trade")
    edit = post(client, "/api/decide", {"row_id": trade, "action": "edit", "base": 0, "fields": {
        "amount": "1,200,000,000", "currency": "usd", "period": "2020", "measure": "trade",
        "countries": "TJK;KAZ"}}, csrf)
    assert edit.status_code == 200 and edit.json()["status"] == "edited"
    decisions = {d.row_id: d for d in load_decisions(outdir)}
    assert decisions[leader].action == "accepted" and decisions[leader].reviewer == "alice"
    assert decisions[date].after is None
    assert decisions[trade].before["amount"] == 1e9 and decisions[trade].after["amount"] == 1.2e9
    page = client.get("/article?id=summit").text
    assert "3/6" in page and "history (1)" in page


def test_review_app_edit_without_a_change_is_an_accept(outdir):
    client = client_for(create_app(outdir))
    leader, _ = summit_row(client, "leaders")
    response = post(client, "/api/decide", {"row_id": leader, "action": "edit", "base": 0,
                                            "fields": {"name": "Kassym-Jomart Tokayev",
                                                       "title": "President", "country": "kaz"}})
    assert response.json()["status"] == "accepted"


@pytest.mark.parametrize("fields,field,message", [
    ({"name": "Emomali Rahmon", "title": "President", "country": "TJ"}, "country",
     "country: 'TJ' is not a country code"),
    ({"name": "", "title": "President", "country": "TJK"}, "name", "name must not be empty"),
    ({"name": "X", "title": "President", "country": "TJK", "shoe_size": "9"}, "shoe_size",
     "not a known field"),
])
def test_review_app_validation_messages(outdir, fields, field, message):
    client = client_for(create_app(outdir))
    leader, _ = summit_row(client, "leaders", 1)
    response = post(client, "/api/decide", {"row_id": leader, "action": "edit", "base": 0,
                                            "fields": fields})
    assert response.status_code == 422
    assert response.json()["field"] == field and message in response.json()["error"]
    assert load_decisions(outdir) == []


def test_review_app_date_validation_message(outdir):
    client = client_for(create_app(outdir))
    date, _ = summit_row(client, "dates")
    response = post(client, "/api/decide", {"row_id": date, "action": "edit", "base": 0,
                                            "fields": {"value": "2021-02-30"}})
    assert response.status_code == 422
    assert "'2021-02-30' is not an ISO date" in response.json()["error"]


@pytest.mark.parametrize("body,status,message", [
    ({"row_id": "l-nope", "action": "accept"}, 404, "no row 'l-nope'"),
    ({"row_id": "ROW", "action": "approve"}, 422, "unknown action 'approve'"),
])
def test_review_app_bad_decisions(outdir, body, status, message):
    client = client_for(create_app(outdir))
    if body["row_id"] == "ROW":
        body["row_id"] = summit_row(client, "leaders")[0]
    response = post(client, "/api/decide", body)
    assert response.status_code == status and message in response.json()["error"]


def test_review_app_request_body_must_be_json(outdir):
    client = client_for(create_app(outdir))
    response = client.post("/api/decide", content=b"action=accept",
                           headers={"X-CSRF-Token": csrf_of(client)})
    assert response.status_code == 400 and "not JSON" in response.json()["error"]


def test_review_app_two_reviewers_at_once_lose_no_decision(outdir):
    from pipeline.review.fixtures import synthetic_articles

    write_folder(outdir, synthetic_articles(10))  # more rows: 10 articles of 7 each
    app = create_app(outdir)
    alice, bob = client_for(app, "alice"), client_for(app, "bob")
    ids = []
    for i in range(10):
        ids += list(rows_of(alice.get(f"/article?id=syn-{i:06d}").text))
    ids = [rid for rid in ids][:60]
    errors = []

    def review(client: TestClient, mine: list[str]) -> None:
        csrf = csrf_of(client)
        for rid in mine:
            response = post(client, "/api/decide", {"row_id": rid, "action": "accept",
                                                    "base": 0}, csrf)
            if response.status_code != 200:
                errors.append(response.text)

    threads = [threading.Thread(target=review, args=(alice, ids[0::2])),
               threading.Thread(target=review, args=(bob, ids[1::2]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    decided = {d.row_id: d.reviewer for d in load_decisions(outdir)}
    assert set(decided) == set(ids)
    assert {decided[r] for r in ids[0::2]} == {"alice"} and {decided[r] for r in ids[1::2]} \
        == {"bob"}


def test_review_app_conflicting_edit_shows_the_other_decision(outdir):
    app = create_app(outdir)
    alice, bob = client_for(app, "alice"), client_for(app, "bob")
    leader, base = summit_row(alice, "leaders")  # alice loads the page (no decision yet)
    assert post(bob, "/api/decide", {"row_id": leader, "action": "reject",
                                     "base": base}).status_code == 200
    response = post(alice, "/api/decide", {"row_id": leader, "action": "edit", "base": base,
                                           "fields": {"name": "K. Tokayev",
                                                      "title": "President", "country": "KAZ"}})
    assert response.status_code == 409
    body = response.json()
    assert "was rejected by bob" in body["error"] and "your edit was not saved" in body["error"]
    assert "rejected by <b>bob</b>" in body["html"]  # the row as it now stands
    [current] = load_decisions(outdir)
    assert (current.action, current.reviewer) == ("rejected", "bob")
    fresh = int(re.search(r'data-base="(\d+)"', body["html"]).group(1))
    again = post(alice, "/api/decide", {"row_id": leader, "action": "accept", "base": fresh})
    assert again.status_code == 200  # having seen bob's decision, alice may overrule it


def test_review_app_add_a_missed_row(outdir):
    client = client_for(create_app(outdir), "carol")
    start = outdirs_text(outdir).index("Rahmon and Tokayev")
    prefill = client.get("/api/prefill", params={"id": "summit", "table": "leaders",
                                                 "start": start - 1, "end": start + 7})
    assert prefill.json()["text"] == "Rahmon"  # white space trimmed off the selection
    assert prefill.json()["fields"]["name"] == "Rahmon"
    fields = dict(prefill.json()["fields"], title="President", country="TJK")
    added = post(client, "/api/add", {"article_id": "summit", "table": "leaders",
                                      "start": start, "end": start + 6, "fields": fields})
    assert added.status_code == 200
    [d] = load_decisions(outdir)
    assert (d.action, d.added, d.before, d.reviewer) == ("added", True, None, "carol")
    assert (d.after["start"], d.after["end"], d.after["name"]) == (start, start + 6, "Rahmon")
    page = client.get("/article?id=summit").text
    assert added.json()["row_id"] in page and "1/7" in page
    again = post(client, "/api/add", {"article_id": "summit", "table": "leaders",
                                      "start": start, "end": start + 6, "fields": fields})
    assert again.status_code == 422 and "already has a leaders row" in again.json()["error"]


@pytest.mark.parametrize("start,end,message", [
    (5, 5, "selection 5-5 is not a span"), (-1, 4, "is not a span"),
    (0, 10_000, "is not a span"), ("a", 3, "is not a span"),
])
def test_review_app_add_needs_a_span_of_the_text(outdir, start, end, message):
    client = client_for(create_app(outdir))
    response = post(client, "/api/add", {"article_id": "summit", "table": "dates",
                                         "start": start, "end": end, "fields": {"value": "2021"}})
    assert response.status_code == 422 and message in response.json()["error"]


def outdirs_text(outdir: Path) -> str:
    from helpers import SUMMIT

    return SUMMIT


# ---------------------------------------------------------------- security

def test_review_app_refuses_a_post_without_the_csrf_token(outdir):
    client = client_for(create_app(outdir))
    leader, _ = summit_row(client, "leaders")
    for headers in ({}, {"X-CSRF-Token": "0" * 64}):
        response = client.post("/api/decide", json={"row_id": leader, "action": "accept"},
                               headers=headers)
        assert response.status_code == 403 and "CSRF" in response.json()["error"]
    other = client_for(create_app(outdir))  # another session's token is not this one's
    response = client.post("/api/decide", json={"row_id": leader, "action": "accept"},
                           headers={"X-CSRF-Token": csrf_of(other)})
    assert response.status_code == 403
    response = post(client, "/api/decide", {"row_id": leader, "action": "accept"} | {},
                    csrf=None)
    assert response.status_code == 200
    cross = client.post("/api/decide", json={"row_id": leader, "action": "reject", "base": 1},
                        headers={"X-CSRF-Token": csrf_of(client),
                                 "Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert len(load_decisions(outdir, history=True)) == 1


def test_review_app_read_only_refuses_every_change(outdir):
    client = client_for(create_app(outdir, read_only=True))
    page = client.get("/article?id=summit").text
    assert "read-only" in page and 'data-act="accept"' not in page
    leader, _ = summit_row(client, "leaders")
    for path, body in (("/api/decide", {"row_id": leader, "action": "accept", "base": 0}),
                       ("/api/add", {"article_id": "summit", "table": "dates", "start": 0,
                                     "end": 2, "fields": {"value": "2021"}})):
        response = post(client, path, body)
        assert response.status_code == 403 and "read-only" in response.json()["error"]
    assert load_decisions(outdir) == []


def test_review_app_token_is_required_and_kept_in_a_cookie(outdir):
    app = create_app(outdir, token="s3cret-token", host="0.0.0.0")
    client = client_for(app, base_url="http://192.0.2.10:8765")
    refused = client.get("/")
    assert refused.status_code == 403 and "needs its access token" in refused.text
    assert client.get("/?token=wrong").status_code == 403
    entry = client.get("/?token=s3cret-token&table=dates", follow_redirects=False)
    assert entry.status_code == 303 and entry.headers["location"] == "/?table=dates"
    assert "cq_token=s3cret-token" in entry.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie now carries it
    stranger = client_for(app, base_url="http://192.0.2.10:8765")
    response = stranger.post("/api/decide", json={"row_id": "x", "action": "accept"})
    assert response.status_code == 403 and "access token" in response.json()["error"]


def test_review_app_on_loopback_answers_only_loopback_host_names(outdir):
    app = create_app(outdir)
    assert client_for(app, base_url="http://localhost:8765").get("/").status_code == 200
    rebound = client_for(app, base_url="http://attacker.example:8765").get("/")
    assert rebound.status_code == 403 and "attacker.example" in rebound.text


@pytest.mark.parametrize("header,host", [("127.0.0.1:8765", "127.0.0.1"),
                                         ("[::1]:8765", "::1"), ("LOCALHOST", "localhost"),
                                         ("example.org", "example.org")])
def test_review_app_host_name_of_a_host_header(header, host):
    assert host_name(header) == host


class Tags(HTMLParser):
    """Every tag and attribute of a page, for checking what could run."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_review_app_hostile_article_is_escaped(outdir):
    client = client_for(create_app(outdir))
    for path in ("/", "/article?id=hostile", "/?q=washington"):
        response = client.get(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        parser = Tags()
        parser.feed(response.text)
        scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
        assert scripts == [{"src": "/static/review.js", "defer": None}], path
        assert not [t for t, attrs in parser.tags if t == "img"], path
        assert not [(t, a) for t, attrs in parser.tags for a in attrs if a.startswith("on")]
        hrefs = [attrs.get("href") or "" for _, attrs in parser.tags]
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], path
    page = client.get("/article?id=hostile").text
    assert "&lt;script&gt;document.title=" in page and "&lt;img src=x onerror=" in page
    assert '<span class="url">javascript:alert(5)</span>' in page
    assert "&lt;b&gt;rule&lt;/b&gt;" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    leader = next(iter(rows_of(page)))
    edited = post(client, "/api/decide", {"row_id": leader, "action": "edit", "base": 0,
                                          "fields": {"name": "<script>alert(6)</script>",
                                                     "title": "x", "country": "USA"}})
    assert "<script>alert(6)" not in edited.json()["html"]
    assert "&lt;script&gt;alert(6)" in edited.json()["html"]
    assert HOSTILE  # the text the page holds


# ---------------------------------------------------------------- folders

def test_review_app_needs_an_output_folder(tmp_path):
    with pytest.raises(UsageError, match="is not an output folder of `communique extract`"):
        create_app(tmp_path)


def forget_texts(outdir: Path, sql: str) -> None:
    """Make the state look as if written before texts were kept (and drop the index)."""
    with sqlite3.connect(outdir / STATE_DIR / STATE_FILE) as db:
        db.execute(sql)
    for path in (outdir / STATE_DIR).glob("review_index*"):
        path.unlink()


def test_review_app_folder_written_before_texts_were_kept(outdir):
    forget_texts(outdir, "DROP TABLE texts")
    with pytest.raises(UsageError, match="re-run `communique extract` with the same inputs "
                                         "and --out"):
        create_app(outdir)


def test_review_app_article_without_its_text_says_how_to_get_it(outdir):
    forget_texts(outdir, "DELETE FROM texts WHERE article_id='summit'")
    page = client_for(create_app(outdir)).get("/article?id=summit").text
    assert "written before article texts were kept" in page
    assert len(rows_of(page)) == 6  # the rows can still be reviewed


# ---------------------------------------------------------------- "reviewed: nothing to add"

QUIET = "The delegations toured the old town and the weather stayed mild all afternoon."


@pytest.fixture
def with_quiet(tmp_path) -> Path:
    """The review folder plus `quiet`, an extracted article without a single row."""
    from pipeline.review.fixtures import make_article

    items = review_items()
    items.insert(2, (make_article("quiet", QUIET, title="A quiet day"), {}))
    return write_folder(tmp_path / "out", items)


def mark(client: TestClient, article_id: str, complete: bool = True, **extra):
    return post(client, "/api/mark", {"article_id": article_id, "complete": complete, **extra})


def decide_all(client: TestClient, article_id: str) -> None:
    csrf = csrf_of(client)
    for rid, (_, base) in rows_of(client.get(f"/article?id={article_id}").text).items():
        assert post(client, "/api/decide", {"row_id": rid, "action": "accept", "base": base},
                    csrf).status_code == 200


def test_review_app_mark_an_article_with_no_row_reviewed(with_quiet):
    from pipeline.review.decisions import load_marks

    client = client_for(create_app(with_quiet), reviewer="dana")
    page = client.get("/article?id=quiet").text
    assert 'data-mark="complete"' in page and "reviewed: nothing to add" in page
    response = mark(client, "quiet")
    assert response.status_code == 200 and response.json() == {
        "complete": ["leaders", "dates", "documents", "trade"], "done": True}
    marks = load_marks(with_quiet)
    assert [(m.table, m.mark, m.reviewer) for m in marks] == [
        (t, "complete", "dana") for t in ("leaders", "dates", "documents", "trade")]
    page = client.get("/article?id=quiet").text
    assert '<span class="badge done">reviewed: nothing to add</span> <span class="by">by ' \
        '<b>dana</b>' in page
    assert 'data-mark="reopened"' in page and 'data-mark="complete" title' not in page
    assert mark(client, "quiet").status_code == 200  # again: nothing new is logged
    assert len(load_marks(with_quiet, history=True)) == 4
    listed = client.get("/").text
    row = listed[listed.index("id=quiet"):]
    assert '<span class="badge done"' in row[:row.index("</tr>")]


def test_review_app_mark_is_refused_while_rows_are_undecided(with_quiet):
    from pipeline.review.decisions import load_marks

    client = client_for(create_app(with_quiet))
    response = mark(client, "summit")
    assert response.status_code == 422
    assert response.json()["error"] == (
        "article 'summit' still has 6 undecided row(s) (leaders 2, dates 2, documents 1, "
        "trade 1); accept, reject or edit them before marking it reviewed")
    refused = mark(client, "broken")
    assert refused.status_code == 422 and "was not extracted (status failed)" in \
        refused.json()["error"]
    assert mark(client, "nope").status_code == 404
    bad = mark(client, "quiet", tables=["people"])
    assert bad.status_code == 422 and "'people' is not one of" in bad.json()["error"]
    assert load_marks(with_quiet) == []
    # a table whose rows are all decided can be marked on its own; then the whole article
    csrf = csrf_of(client)
    for rid, (table, base) in rows_of(client.get("/article?id=summit").text).items():
        if table == "leaders":
            post(client, "/api/decide", {"row_id": rid, "action": "accept", "base": base}, csrf)
    assert mark(client, "summit", tables=["leaders"]).json()["complete"] == ["leaders"]
    assert "nothing to add in leaders" in client.get("/article?id=summit").text
    assert "1/4 tables done" in client.get("/").text
    decide_all(client, "summit")
    assert mark(client, "summit").json()["done"] is True


def test_review_app_mark_undo_is_a_later_entry(with_quiet):
    from pipeline.review.decisions import load_marks

    client = client_for(create_app(with_quiet), reviewer="dana")
    first = mark(client, "quiet")
    assert first.status_code == 200
    undo = mark(client, "quiet", complete=False)
    assert undo.status_code == 200 and undo.json() == {"complete": [], "done": False}
    history = load_marks(with_quiet, history=True)
    assert [m.mark for m in history] == ["complete"] * 4 + ["reopened"] * 4
    assert [m.replaces for m in history[4:]] == [m.id for m in history[:4]]
    assert {m.mark for m in load_marks(with_quiet)} == {"reopened"}
    assert 'data-mark="complete" title' in client.get("/article?id=quiet").text
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with sqlite3.connect(with_quiet / STATE_DIR / "review.sqlite") as db:
            db.execute("DELETE FROM article_marks")


def test_review_app_read_only_refuses_a_mark(with_quiet):
    client = client_for(create_app(with_quiet, read_only=True))
    assert 'data-mark="complete"' not in client.get("/article?id=quiet").text
    response = mark(client, "quiet")
    assert response.status_code == 403 and "read-only" in response.json()["error"]
    no_csrf = client_for(create_app(with_quiet)).post(
        "/api/mark", json={"article_id": "quiet"}, headers={"X-CSRF-Token": "0" * 64})
    assert no_csrf.status_code == 403 and "CSRF" in no_csrf.json()["error"]
    from pipeline.review.decisions import load_marks
    assert load_marks(with_quiet) == []


def test_review_app_unreviewed_filter_and_next_skip_marked_articles(with_quiet):
    client = client_for(create_app(with_quiet))

    def unreviewed() -> list[str]:
        html = client.get("/?unreviewed=1").text
        return re.findall(r'data-href="/article\?unreviewed=1&amp;id=(\w+)"', html)

    def walk() -> list[str]:
        seen, location = [], client.get("/next", follow_redirects=False).headers["location"]
        while "notice=end" not in location:
            seen.append(re.search(r"id=(\w+)", location).group(1))
            location = client.get(f"/next?after={seen[-1]}",
                                  follow_redirects=False).headers["location"]
        return seen

    assert unreviewed() == ["summit", "hostile", "quiet"]  # not the failed record
    assert walk() == ["summit", "hostile", "quiet"]
    assert "id=quiet" not in client.get("/?unreviewed=1&table=leaders").text
    mark(client, "quiet", tables=["leaders"])  # one table is not the whole article
    assert unreviewed() == ["summit", "hostile", "quiet"]
    mark(client, "quiet")
    decide_all(client, "hostile")  # every row decided: reviewed, marked or not
    assert unreviewed() == ["summit"] and walk() == ["summit"]
    mark(client, "quiet", complete=False)
    assert walk() == ["summit", "quiet"]


def test_review_app_log_written_before_article_marks_is_migrated(with_quiet):
    from pipeline.review.decisions import DecisionStore, load_decisions, load_marks

    client = client_for(create_app(with_quiet))
    leader, base = summit_row(client, "leaders")
    post(client, "/api/decide", {"row_id": leader, "action": "accept", "base": base})
    log = with_quiet / STATE_DIR / "review.sqlite"
    with sqlite3.connect(log) as db:  # as schema 1 left it
        db.executescript("DROP TABLE article_marks; DROP TABLE latest_marks; "
                         "UPDATE meta SET value='1' WHERE key='schema'")
    assert load_marks(with_quiet) == []  # read-only: the old log reads as it is
    old = client_for(create_app(with_quiet, read_only=True))
    assert "id=quiet" in old.get("/?unreviewed=1").text
    DecisionStore(with_quiet).close()  # opened for writing: brought up to date
    assert [d.row_id for d in load_decisions(with_quiet)] == [leader]
    with sqlite3.connect(log) as db:
        assert db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == ("2",)
    assert mark(client_for(create_app(with_quiet)), "quiet").status_code == 200
    assert len(load_marks(with_quiet)) == 4 and len(load_decisions(with_quiet)) == 1
